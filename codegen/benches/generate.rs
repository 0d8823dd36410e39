//! How long generating a crate takes: `cargo bench -p smithy-codegen`.

// The generator allocates many small token trees; xtask runs it with mimalloc, and so does this
// benchmark, so the figures are what maintainers see.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    divan::main();
}

fn mwaa_model() -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../model/mwaa-serverless-2024-07-26.json");
    std::fs::read_to_string(path).expect("the MWAA Serverless model is in model/")
}

/// The whole pipeline for MWAA Serverless: parse, validate, normalize, resolve, emit, format.
#[divan::bench]
fn generate_mwaa(bencher: divan::Bencher) {
    let model = mwaa_model();
    let settings = codegen::Settings::default();
    bencher.bench(|| codegen::generate(divan::black_box(&model), &settings).expect("the model generates"));
}

/// Only the front end: parse, validate and normalize.
#[divan::bench]
fn load_mwaa(bencher: divan::Bencher) {
    let model = mwaa_model();
    bencher.bench(|| codegen::model::load(divan::black_box(&model)).expect("the model loads"));
}
