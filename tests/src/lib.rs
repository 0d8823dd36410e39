//! Shared helpers for the integration tests: where the fixtures are and how to generate them.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// `tests/` in the workspace.
pub fn tests_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The workspace root.
pub fn workspace_root() -> PathBuf {
    tests_dir().parent().expect("tests/ has a parent").to_path_buf()
}

/// The valid fixture models, by file stem, sorted.
pub fn fixture_models() -> Vec<(String, PathBuf)> {
    models_in(&tests_dir().join("fixtures"))
}

/// The invalid fixture models, by file stem, sorted.
pub fn invalid_models() -> Vec<(String, PathBuf)> {
    models_in(&tests_dir().join("fixtures/invalid"))
}

fn models_in(dir: &Path) -> Vec<(String, PathBuf)> {
    let mut found: Vec<(String, PathBuf)> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .filter_map(|entry| {
            let path = entry.ok()?.path();
            let stem = path.file_stem()?.to_str()?.to_string();
            (path.extension()? == "json").then_some((stem, path))
        })
        .collect();
    found.sort();
    found
}

/// Generates a crate from a model file with default settings.
pub fn generate(path: &Path) -> Result<BTreeMap<String, String>, codegen::Error> {
    generate_with(path, codegen::Settings::default())
}

/// Generates a crate from a model file with the given settings.
pub fn generate_with(path: &Path, settings: codegen::Settings) -> Result<BTreeMap<String, String>, codegen::Error> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    codegen::generate(&text, &settings)
}

