#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let mode = std::env::args().nth(1).unwrap_or_default();
    codegen::idl::assemble(&[]).unwrap();
    let text = std::fs::read_to_string("/tmp/sm-idl/com.amazonaws.sagemaker.smithy").unwrap();
    let json = std::fs::read_to_string("/work/shared/aws-models/sagemaker.json").unwrap();
    for _ in 0..8 {
        if mode == "idl" {
            codegen::idl::load(&[codegen::idl::Source::new("s.smithy", text.clone())]).unwrap();
        }
        if mode == "json" {
            let t = std::time::Instant::now();
            codegen::model::load(&json).unwrap();
            eprintln!("model::load {:?}", t.elapsed());
        }
        eprintln!("--");
    }
}
