//! One snapshot per generated file, for every fixture model. (MWAA Serverless's own output is
//! committed in `generated/` and guarded by `cargo xtask codegen --check`.)
//! Review changes with `cargo insta review` (or `INSTA_UPDATE=always` and `git diff`).

use codegen_tests::{fixture_models, generate};

fn snapshot_crate(name: &str, files: &std::collections::BTreeMap<String, String>) {
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    settings.bind(|| {
        for (path, contents) in files {
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
        snapshot_crate(&name, &files);
    }
}

#[test]
fn output_is_deterministic() {
    for (name, path) in fixture_models() {
        let first = generate(&path).unwrap();
        let second = generate(&path).unwrap();
        assert_eq!(first, second, "{name}: two runs differ");
    }
}

/// The support code lives in the runtime crate: no generated file copies it.
#[test]
fn crates_hold_no_runtime_copies() {
    for (name, path) in fixture_models() {
        let files = generate(&path).unwrap();
        for file in files.keys() {
            let copied = ["src/primitives/", "src/auth/", "src/server/", "src/error/", "src/client/invoke", "src/endpoint/rules"];
            assert!(!copied.iter().any(|p| file.starts_with(p)), "{name}: {file} is a runtime copy");
        }
        assert!(files["Cargo.toml"].contains("smithy-codegen-runtime = "), "{name}: no runtime dependency");
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

/// A paginator whatever the token's type: the map-token fixture pages as DynamoDB's `Scan` and
/// `Query` do (`LastEvaluatedKey` → `ExclusiveStartKey`), through the trait and the client.
#[test]
fn map_tokens_get_a_paginator() {
    let files = generate(&codegen_tests::tests_dir().join("fixtures/sweep_paginated_map_token.json")).unwrap();
    let op = &files["src/operation/list_things.rs"];
    assert!(op.contains("pub type ListThingsPaginator<S> = crate::pagination::Paginator<ListThings, S>;"), "{op}");
    assert!(op.contains("type Token = HashMap<String, String>;"), "{op}");
    // An empty map ends the pagination, as an empty string does.
    assert!(op.contains("output.last_key.as_ref().filter(|t| !t.is_empty())"), "{op}");
    assert!(files["src/service.rs"].contains("fn list_things_paginator("));
    assert!(files["src/client/builders.rs"].contains("pub fn into_paginator("));
}
