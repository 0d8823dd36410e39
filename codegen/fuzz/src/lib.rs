//! Shared pieces of the fuzz targets: the output oracle ([`check_output`]) and the
//! structure-aware model builder ([`FuzzModel`] → Smithy JSON AST text).

pub mod model;

use std::collections::BTreeMap;

/// Runs the generator and checks what it produced. Errors are fine (they are the generator's
/// answer to a bad model); a panic, a hang or an output that does not parse is a finding.
pub fn run(json: &str) {
    if let Ok(files) = codegen::generate(json, &codegen::Settings::default()) {
        check_output(&files);
    }
}

/// Every `.rs` file parses as a Rust file, and `Cargo.toml` exists and parses as TOML.
pub fn check_output(files: &BTreeMap<String, String>) {
    let manifest = files.get("Cargo.toml").expect("generated crate has no Cargo.toml");
    if let Err(err) = manifest.parse::<toml::Table>() {
        panic!("generated Cargo.toml does not parse: {err}\n----\n{manifest}\n----");
    }
    for (path, contents) in files {
        if path.ends_with(".rs") {
            if let Err(err) = syn::parse_file(contents) {
                let start = err.span().start();
                let line = start.line;
                let snippet: Vec<&str> =
                    contents.lines().skip(line.saturating_sub(4)).take(7).collect();
                panic!(
                    "generated {path} does not parse: {err} at line {line} column {}\n----\n{}\n----",
                    start.column,
                    snippet.join("\n")
                );
            }
        }
    }
}
