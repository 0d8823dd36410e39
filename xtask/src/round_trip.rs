//! `cargo xtask idl-round-trip`: every model of a corpus printed as IDL and read back must be
//! the same model (and, with `--generate`, generate the same crate as its JSON AST).

use codegen::idl::{self, Source};
use codegen::Settings;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Instant;

const USAGE: &str = "usage: cargo xtask idl-round-trip [--models DIR] [--filter TEXT] [--generate]";

pub fn run(args: &[String]) -> Result<(), String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask has a parent")
        .to_path_buf();
    let mut dir = root.join("../shared/aws-models");
    let (mut filter, mut generate) = (None, false);
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--models" => dir = PathBuf::from(it.next().ok_or(USAGE)?),
            "--filter" => filter = Some(it.next().ok_or(USAGE)?.clone()),
            "--generate" => generate = true,
            other => return Err(format!("unknown argument `{other}`\n{USAGE}")),
        }
    }
    let mut models: Vec<PathBuf> = fs::read_dir(&dir)
        .map_err(|e| format!("cannot read `{}`: {e}", dir.display()))?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .filter(|p| {
            filter
                .as_deref()
                .is_none_or(|f| p.to_string_lossy().contains(f))
        })
        .collect();
    models.sort();
    let started = Instant::now();
    let mut failures = Vec::new();
    for path in &models {
        let text = fs::read_to_string(path)
            .map_err(|e| format!("cannot read `{}`: {e}", path.display()))?;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if let Err(e) = check(&name, &text, generate) {
            eprintln!("FAIL {name}: {e}");
            failures.push(name);
        }
    }
    let passed = models.len() - failures.len();
    println!(
        "{passed} of {} models round-trip through IDL{} ({:.1} s)",
        models.len(),
        if generate {
            " and generate the same crate"
        } else {
            ""
        },
        started.elapsed().as_secs_f64()
    );
    if failures.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{} failed: {}",
            failures.len(),
            failures.join(", ")
        ))
    }
}

fn check(name: &str, json: &str, generate: bool) -> Result<(), String> {
    let original =
        idl::assemble(&[Source::new(name, json)]).map_err(|e| format!("does not load: {e}"))?;
    let files = idl::print_idl(&original).map_err(|e| e.to_string())?;
    let printed: Vec<Source> = files
        .iter()
        .map(|(n, t)| Source::new(n.clone(), t.clone()))
        .collect();
    let again =
        idl::assemble(&printed).map_err(|e| format!("the printed IDL does not load: {e}"))?;
    if idl::canonical_json(&original) != idl::canonical_json(&again) {
        return Err("the model read back from IDL differs".to_string());
    }
    if generate {
        let settings = Settings::default();
        let want = codegen::generate(json, &settings)
            .map_err(|e| format!("JSON does not generate: {e}"))?;
        let got = codegen::generate_from_sources(&printed, &settings)
            .map_err(|e| format!("IDL does not generate: {e}"))?;
        if want != got.files {
            let differing = want
                .iter()
                .find(|(path, text)| got.files.get(*path) != Some(*text));
            return Err(format!(
                "the crates differ (first: {:?})",
                differing.map(|(p, _)| p)
            ));
        }
    }
    Ok(())
}
