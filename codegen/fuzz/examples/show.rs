//! Prints one generated file: `cargo run --release --example show -- MODEL.json src/lib.rs`.
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let json = std::fs::read_to_string(&args[1]).unwrap();
    match codegen::generate(&json, &codegen::Settings::default()) {
        Ok(files) => match args.get(2) {
            Some(path) => print!(
                "{}",
                files
                    .get(path)
                    .map(String::as_str)
                    .unwrap_or("(no such file)\n")
            ),
            None => files.keys().for_each(|k| println!("{k}")),
        },
        Err(e) => println!("error: {e}"),
    }
}
