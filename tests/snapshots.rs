//! One snapshot per generated file, for every fixture model. (MWAA Serverless's own output is
//! committed in `generated/` and guarded by `cargo xtask codegen --check`.)
//! Review changes with `cargo insta review` (or `INSTA_UPDATE=always` and `git diff`).

use codegen_tests::{fixture_models, generate, is_runtime_copy};

fn snapshot_crate(name: &str, files: &std::collections::BTreeMap<String, String>, with_runtime: bool) {
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    settings.bind(|| {
        for (path, contents) in files {
            if is_runtime_copy(path) && !with_runtime {
                continue;
            }
            let snapshot = format!("{name}__{}", path.replace('/', "__"));
            insta::assert_snapshot!(snapshot, contents);
        }
    });
}

#[test]
fn fixtures() {
    let models = fixture_models();
    assert!(models.len() >= 8, "expected the fixture models, found {}", models.len());
    for (name, path) in models {
        let files = generate(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
        snapshot_crate(&name, &files, false);
    }
}

/// The support files are the same in every crate, so they get one snapshot each, taken from
/// the fixture that uses all of them.
#[test]
fn runtime_files() {
    let path = codegen_tests::tests_dir().join("fixtures/simple_types.json");
    let files = generate(&path).unwrap();
    let runtime: std::collections::BTreeMap<String, String> =
        files.into_iter().filter(|(p, _)| is_runtime_copy(p)).collect();
    assert!(runtime.contains_key("src/primitives/blob.rs"));
    assert!(runtime.contains_key("src/primitives/big_number.rs"));
    snapshot_crate("runtime", &runtime, true);
}

#[test]
fn output_is_deterministic() {
    for (name, path) in fixture_models() {
        let first = generate(&path).unwrap();
        let second = generate(&path).unwrap();
        assert_eq!(first, second, "{name}: two runs differ");
    }
}

#[test]
fn runtime_copies_are_identical_across_crates() {
    let mut seen = std::collections::BTreeMap::new();
    for (name, path) in fixture_models() {
        for (file, contents) in generate(&path).unwrap() {
            if is_runtime_copy(&file) {
                let first = seen.entry(file.clone()).or_insert_with(|| contents.clone());
                assert_eq!(first, &contents, "{name}: {file} differs");
            }
        }
    }
}

#[test]
fn every_generated_file_is_marked() {
    for (name, path) in fixture_models() {
        for (file, contents) in generate(&path).unwrap() {
            let head: String = contents.lines().take(2).collect();
            assert!(head.contains("@generated"), "{name}: {file} lacks the @generated marker");
        }
    }
}
