//! The awsJson1_0 protocol suite printed as IDL and read back generates, byte for byte, the
//! crates generated from its JSON AST (committed in `tests/protocol-json10*/`).

use codegen::idl::{self, Source};
use codegen::Settings;
use std::fs;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

#[test]
fn json10_suite_from_idl_generates_the_committed_crates() {
    let json =
        fs::read_to_string(root().join("tests/fixtures/protocol/aws-protocol-tests-json10.json"))
            .expect("suite");
    let model = idl::assemble(&[Source::new("aws-protocol-tests-json10.json", json.clone())])
        .expect("loads");
    let printed: Vec<Source> = idl::print_idl(&model)
        .expect("prints")
        .into_iter()
        .map(|(name, text)| Source::new(name, text))
        .collect();
    assert!(printed
        .iter()
        .any(|s| s.path == "aws.protocoltests.json10.smithy"));
    let targets = [
        (
            "aws.protocoltests.json10#JsonRpc10",
            "aws-protocol-tests-json10",
            "tests/protocol-json10",
        ),
        (
            "aws.protocoltests.json10#QueryCompatibleJsonRpc10",
            "aws-protocol-tests-json10-query-compatible",
            "tests/protocol-json10-query-compatible",
        ),
    ];
    for (service, crate_name, out) in targets {
        let settings = Settings {
            service: Some(service.into()),
            crate_name: Some(crate_name.into()),
            // As `cargo xtask codegen` writes it for a crate two folders below the root.
            runtime: codegen::RuntimeDependency::Path("../../codegen/runtime".into()),
            ..Settings::default()
        };
        let from_json = codegen::generate(&json, &settings).expect("JSON generates");
        let from_idl = codegen::generate_from_sources(&printed, &settings)
            .expect("IDL generates")
            .files;
        assert_eq!(
            from_idl.keys().collect::<Vec<_>>(),
            from_json.keys().collect::<Vec<_>>(),
            "{service}"
        );
        for (path, text) in &from_idl {
            assert!(
                &from_json[path] == text,
                "{service}: {path} differs between IDL and JSON"
            );
            let committed =
                fs::read_to_string(root().join(out).join(path)).expect("committed file");
            assert!(
                &committed == text,
                "{service}: {path} differs from the committed crate"
            );
        }
    }
}

/// The README's example: a small IDL model, as a Smithy user writes it, generates a crate with
/// its client and server.
#[test]
fn the_readme_weather_model_generates() {
    let path = root().join("tests/fixtures/idl/weather/weather.smithy");
    let text = fs::read_to_string(&path).expect("the example model");
    let generated = codegen::generate_from_sources(
        &[Source::new("weather.smithy", text)],
        &Settings::default(),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let manifest = &generated.files["Cargo.toml"];
    assert!(
        manifest.contains("name = \"weather\"") && manifest.contains("client = ["),
        "{manifest}"
    );
    assert!(generated
        .files
        .contains_key("src/operation/get_forecast.rs"));
}

/// A model the generator's loader rejects is reported where the file says it: the member
/// targeting a missing shape, at its line and column, with the line shown.
#[test]
fn errors_from_idl_name_file_line_and_column() {
    let model = "$version: \"2\"\nnamespace ex\n\nservice S { operations: [Op] }\n\noperation Op {\n    input := {\n        name: Missing\n    }\n}\n";
    let err =
        codegen::generate_from_sources(&[Source::new("ex.smithy", model)], &Settings::default())
            .expect_err("the target is not defined")
            .to_string();
    assert!(err.starts_with("ex.smithy:8:9: ex#OpInput$name:"), "{err}");
    assert!(
        err.contains("`ex#Missing`") && err.contains("8 |         name: Missing"),
        "{err}"
    );
}
