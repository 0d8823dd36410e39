//! Generating crates for the AWS models in `../shared/aws-models` (the generality corpus):
//! `cargo bench -p smithy-codegen --bench corpus`. Skips itself when that folder is absent.

use std::path::PathBuf;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    if corpus_dir().is_none() {
        eprintln!("../shared/aws-models not found; nothing to benchmark");
        return;
    }
    divan::main();
}

fn corpus_dir() -> Option<PathBuf> {
    let dir = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/aws-models"));
    dir.is_dir().then_some(dir)
}

fn models() -> Vec<(String, String)> {
    let Some(dir) = corpus_dir() else { return Vec::new() };
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| entries.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|e| e == "json")).collect())
        .unwrap_or_default();
    paths.sort();
    paths
        .into_iter()
        .filter_map(|p| Some((p.file_stem()?.to_string_lossy().into_owned(), std::fs::read_to_string(&p).ok()?)))
        .collect()
}

/// The largest model of the corpus.
#[divan::bench(sample_count = 10)]
fn generate_sagemaker(bencher: divan::Bencher) {
    let model = models().into_iter().find(|(name, _)| name == "sagemaker").map(|(_, text)| text).unwrap_or_default();
    let settings = codegen::Settings::default();
    bencher.bench(|| codegen::generate(divan::black_box(&model), &settings).map(|files| files.len()));
}

/// Every model, one after another (failures count as done: the sweep reports them).
#[divan::bench(sample_count = 1)]
fn generate_all(bencher: divan::Bencher) {
    let models = models();
    bencher.bench(|| {
        models
            .iter()
            .map(|(name, text)| {
                let settings = codegen::Settings { crate_name: Some(format!("sweep-{name}")), ..Default::default() };
                codegen::generate(text, &settings).map_or(0, |files| files.len())
            })
            .sum::<usize>()
    });
}
