//! Models printed as IDL read back as the same model: Smithy's valid loader cases, the awsJson1_0
//! protocol test suite and a few AWS models (`cargo xtask idl-round-trip` runs the whole corpus).

use codegen::idl::{self, Source};
use std::fs;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Prints `sources` as IDL and reads the files back; the two models must be the same.
fn round_trip(what: &str, sources: &[Source]) -> Result<(), String> {
    let model = idl::assemble(sources).map_err(|e| format!("{what}: does not load: {e}"))?;
    let files = idl::print_idl(&model).map_err(|e| e.to_string())?;
    let printed: Vec<Source> = files
        .iter()
        .map(|(name, text)| Source::new(name.clone(), text.clone()))
        .collect();
    let again = idl::assemble(&printed).map_err(|e| {
        let listing: String = files.iter().map(|(n, t)| format!("--- {n}\n{t}")).collect();
        format!("{what}: the printed IDL does not load: {e}\n{listing}")
    })?;
    let (want, got) = (idl::canonical_json(&model), idl::canonical_json(&again));
    if want != got {
        let at = want
            .lines()
            .zip(got.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(0);
        let window = |text: &str| {
            text.lines()
                .skip(at.saturating_sub(4))
                .take(10)
                .collect::<Vec<_>>()
                .join("\n")
        };
        return Err(format!(
            "{what}: differs after a round trip\n--- before\n{}\n--- after\n{}",
            window(&want),
            window(&got)
        ));
    }
    Ok(())
}

fn source(path: &Path) -> Source {
    Source::new(
        path.display().to_string(),
        fs::read_to_string(path).expect("fixture"),
    )
}

#[test]
fn smithy_loader_cases_round_trip() {
    let dir = root().join("tests/fixtures/idl/loader-tests/valid");
    let mut paths = Vec::new();
    let mut pending = vec![dir.clone()];
    while let Some(dir) = pending.pop() {
        for entry in fs::read_dir(&dir).expect("fixtures").flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "smithy") {
                paths.push(path);
            }
        }
    }
    paths.sort();
    let shared = source(&dir.join("__shared.json"));
    let failures: Vec<String> = paths
        .iter()
        .filter_map(|p| round_trip(&p.display().to_string(), &[source(p), shared.clone()]).err())
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} fail:\n{}",
        failures.len(),
        paths.len(),
        failures.join("\n\n")
    );
}

#[test]
fn the_json10_protocol_suite_round_trips() {
    let path = root().join("tests/fixtures/protocol/aws-protocol-tests-json10.json");
    round_trip("aws-protocol-tests-json10.json", &[source(&path)])
        .unwrap_or_else(|e| panic!("{e}"));
}

/// The project's MWAA Serverless model, and two AWS models when the corpus is there
/// (`cargo xtask idl-round-trip` runs all 372).
#[test]
fn aws_models_round_trip() {
    let mwaa = root().join("model/mwaa-serverless-2024-07-26.json");
    round_trip("mwaa-serverless", &[source(&mwaa)]).unwrap_or_else(|e| panic!("{e}"));
    let corpus = root().join("../shared/aws-models");
    for name in ["sts.json", "kinesis.json"] {
        let path = corpus.join(name);
        if path.exists() {
            round_trip(name, &[source(&path)]).unwrap_or_else(|e| panic!("{e}"));
        }
    }
}
