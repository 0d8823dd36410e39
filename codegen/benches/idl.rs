//! Loading a large model from Smithy IDL against loading it from JSON AST:
//! `cargo bench -p smithy-codegen --bench idl`. The model is sagemaker (3.3 MB of JSON AST, the
//! corpus's largest), printed as IDL during setup. Skips itself when `../shared/aws-models` is
//! absent.

use codegen::idl::{self, Source};
use std::sync::OnceLock;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    if json().is_none() {
        eprintln!("../shared/aws-models/sagemaker.json not found; nothing to benchmark");
        return;
    }
    divan::main();
}

fn json() -> Option<&'static str> {
    static JSON: OnceLock<Option<String>> = OnceLock::new();
    JSON.get_or_init(|| {
        std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../shared/aws-models/sagemaker.json"
        ))
        .ok()
    })
    .as_deref()
}

/// sagemaker as IDL files (one per namespace), printed by the IDL printer.
fn idl_sources() -> &'static [Source] {
    static IDL: OnceLock<Vec<Source>> = OnceLock::new();
    IDL.get_or_init(|| {
        let model = idl::assemble(&[Source::new("sagemaker.json", json().unwrap_or_default())])
            .expect("loads");
        let files = idl::print_idl(&model).expect("prints");
        files
            .into_iter()
            .map(|(name, text)| Source::new(name, text))
            .collect()
    })
}

/// The JSON AST loader alone, as `codegen::generate` uses it for a JSON model.
#[divan::bench(sample_count = 20)]
fn sagemaker_from_json(bencher: divan::Bencher) {
    let json = json().unwrap_or_default();
    bencher.bench(|| codegen::model::load(divan::black_box(json)).expect("loads"));
}

/// The same JSON through the assembler that reads IDL (Smithy's semantics, then the loader).
#[divan::bench(sample_count = 20)]
fn sagemaker_from_json_assembled(bencher: divan::Bencher) {
    let sources = [Source::new("sagemaker.json", json().unwrap_or_default())];
    bencher.bench(|| idl::load(divan::black_box(&sources)).expect("loads"));
}

/// sagemaker's IDL: parse, assemble, then the loader.
#[divan::bench(sample_count = 20)]
fn sagemaker_from_idl(bencher: divan::Bencher) {
    let sources = idl_sources();
    bencher.bench(|| idl::load(divan::black_box(sources)).expect("loads"));
}
