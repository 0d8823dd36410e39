//! Writes the crate generated from a model to a directory: `... --example write_crate -- MODEL.json DIR`.
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let json = std::fs::read_to_string(&args[1]).unwrap();
    let files = codegen::generate(&json, &codegen::Settings::default()).unwrap();
    for (path, contents) in files {
        let out = std::path::Path::new(&args[2]).join(path);
        std::fs::create_dir_all(out.parent().unwrap()).unwrap();
        std::fs::write(out, contents).unwrap();
    }
}
