//! Smithy's rpcv2Cbor and rpcv2Json protocol suites, written in IDL
//! (`tests/fixtures/idl/protocol-tests`), load with their shared types and the bundled trait
//! definitions and generate crates that build without warnings (types, errors and the service
//! trait: the generator has no client or server for these protocols); so does the README's
//! IDL example, with its client and server.

use codegen::idl::Source;
use codegen_tests::workspace_root;
use std::path::{Path, PathBuf};
use std::process::Command;

fn suite_sources(suite: &str) -> Vec<Source> {
    let dir = workspace_root().join("tests/fixtures/idl/protocol-tests");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir.join(suite))
        .expect("suite folder")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "smithy"))
        .collect();
    paths.sort();
    paths.push(dir.join("shared-types.smithy"));
    paths
        .iter()
        .map(|p| {
            Source::new(
                p.display().to_string(),
                std::fs::read_to_string(p).expect("fixture"),
            )
        })
        .collect()
}

fn write_crate(root: &Path, name: &str, files: &std::collections::BTreeMap<String, String>) {
    for (rel, contents) in files {
        let file = root.join(name).join(rel);
        std::fs::create_dir_all(file.parent().expect("a folder")).expect("scratch folder");
        std::fs::write(file, contents).expect("scratch file");
    }
}

/// The runtime crate, from a crate folder in `target/idl-protocol-crates/`.
fn runtime() -> codegen::RuntimeDependency {
    codegen::RuntimeDependency::Path("../../../codegen/runtime".to_string())
}

#[test]
fn rpcv2_suites_generate_crates_that_build() {
    let root = workspace_root().join("target/idl-protocol-crates");
    let _ = std::fs::remove_dir_all(&root);
    let mut members = Vec::new();
    for suite in ["rpcv2Cbor", "rpcv2Json"] {
        let settings = codegen::Settings {
            crate_name: Some(format!("{}-suite", suite.to_lowercase())),
            runtime: runtime(),
            ..Default::default()
        };
        let generated = codegen::generate_from_sources(&suite_sources(suite), &settings)
            .unwrap_or_else(|e| panic!("{suite}: {e}"));
        write_crate(&root, suite, &generated.files);
        members.push(format!("{suite:?}"));
    }
    let weather = workspace_root().join("tests/fixtures/idl/weather/weather.smithy");
    let text = std::fs::read_to_string(&weather).expect("the README's example");
    let generated =
        codegen::generate_from_sources(&[Source::new("weather.smithy", text)], &codegen::Settings { runtime: runtime(), ..Default::default() })
            .unwrap_or_else(|e| panic!("weather: {e}"));
    write_crate(&root, "weather", &generated.files);
    members.push("\"weather\"".to_string());
    let manifest = format!(
        "[workspace]\nresolver = \"2\"\nmembers = [{}]\n",
        members.join(", ")
    );
    std::fs::write(root.join("Cargo.toml"), manifest).expect("manifest");
    std::fs::copy(workspace_root().join("Cargo.lock"), root.join("Cargo.lock")).expect("lock file");
    // The fixture crates' target folder: the dependencies are the same and build once.
    let out = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args([
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ])
        .current_dir(&root)
        .env(
            "CARGO_TARGET_DIR",
            workspace_root().join("target/fixture-target"),
        )
        .output()
        .expect("cargo runs");
    assert!(
        out.status.success(),
        "the rpcv2 crates do not build:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
