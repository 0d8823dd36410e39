//! Every fixture's crate must build, pass clippy and rustdoc with warnings denied, and pass
//! its own doc tests. The crates are written into one scratch workspace under `target/` with
//! this workspace's `Cargo.lock`, so dependencies resolve to the same versions and build once.

use codegen_tests::{fixture_models, generate_with, workspace_root};
use std::path::Path;
use std::process::Command;

fn cargo(dir: &Path, args: &[&str], envs: &[(&str, &str)]) {
    let target = workspace_root().join("target/fixture-target");
    let mut cmd = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    cmd.args(args).current_dir(dir).env("CARGO_TARGET_DIR", &target);
    for (k, v) in envs {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("cargo runs");
    assert!(
        out.status.success(),
        "`cargo {}` failed in {}:\n{}\n{}",
        args.join(" "),
        dir.display(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn fixture_crates_build_without_warnings() {
    let root = workspace_root().join("target/fixture-crates");
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(&root).unwrap();
    let mut members = Vec::new();
    for (name, path) in fixture_models() {
        // target/fixture-crates/<name> → codegen/runtime
        let runtime = codegen::RuntimeDependency::Path("../../../codegen/runtime".to_string());
        let settings = codegen::Settings { runtime, ..Default::default() };
        let files = generate_with(&path, settings).unwrap_or_else(|e| panic!("{name}: {e}"));
        for (rel, contents) in files {
            let file = root.join(&name).join(rel);
            std::fs::create_dir_all(file.parent().unwrap()).unwrap();
            std::fs::write(file, contents).unwrap();
        }
        members.push(format!("{name:?}"));
    }
    let manifest = format!("[workspace]\nresolver = \"2\"\nmembers = [{}]\n", members.join(", "));
    std::fs::write(root.join("Cargo.toml"), manifest).unwrap();
    std::fs::copy(workspace_root().join("Cargo.lock"), root.join("Cargo.lock")).unwrap();

    cargo(&root, &["clippy", "--workspace", "--all-targets", "--all-features", "--", "-D", "warnings"], &[]);
    cargo(&root, &["doc", "--workspace", "--no-deps", "--all-features"], &[("RUSTDOCFLAGS", "-D warnings")]);
    cargo(&root, &["test", "--workspace", "--doc"], &[]);
}
