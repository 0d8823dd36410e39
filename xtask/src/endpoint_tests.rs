//! `cargo xtask endpoint-tests`: run every `smithy.rules#endpointTests` case of every model in
//! a directory (by default the AWS models in `../shared/aws-models`, plus the project's own
//! model in `model/`) through the endpoint rules engine the generated crates carry, and print
//! the failures and a summary.

use codegen::endpoint_engine::{run_model_tests_with, Partitions, TestReport};
use std::fs;
use std::path::{Path, PathBuf};

const USAGE: &str = "\
usage: cargo xtask endpoint-tests [--models DIR]... [--partitions FILE] [--verbose]

Runs every endpoint test case of every model (*.json) in each DIR (default
../shared/aws-models and model/) through the endpoint rules engine, prints each model's
failures (the first few; all with --verbose) and `N of M endpoint test cases pass`.
--partitions evaluates `aws.partition` with other partition data than the bundled
codegen/runtime/endpoint/partitions.json. Fails if any case fails.
";

pub fn run(args: &[String]) -> Result<(), String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask has a parent").to_path_buf();
    let mut dirs: Vec<PathBuf> = Vec::new();
    let mut verbose = false;
    let mut partitions_file: Option<PathBuf> = None;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--models" => dirs.push(PathBuf::from(args.next().ok_or("--models needs a directory")?)),
            "--verbose" | "-v" => verbose = true,
            "--partitions" => partitions_file = Some(PathBuf::from(args.next().ok_or("--partitions needs a file")?)),
            "-h" | "--help" => {
                print!("{USAGE}");
                return Ok(());
            }
            other => return Err(format!("unknown argument `{other}`\n\n{USAGE}")),
        }
    }
    if dirs.is_empty() {
        dirs.push(root.join("../shared/aws-models"));
        dirs.push(root.join("model"));
    }
    let mut models: Vec<PathBuf> = Vec::new();
    for dir in &dirs {
        let entries = fs::read_dir(dir).map_err(|e| format!("cannot read `{}`: {e}", dir.display()))?;
        for entry in entries {
            let path = entry.map_err(|e| e.to_string())?.path();
            if path.extension().is_some_and(|e| e == "json") && path.file_name().is_some_and(|n| n != "codegen.json") {
                models.push(path);
            }
        }
    }
    models.sort();
    let partitions = match &partitions_file {
        Some(path) => {
            let text = fs::read_to_string(path).map_err(|e| format!("cannot read `{}`: {e}", path.display()))?;
            Some(Partitions::from_json(&text).map_err(|e| format!("`{}`: {e}", path.display()))?)
        }
        None => None,
    };
    let mut total = TestReport::default();
    let mut failing_models = 0;
    for path in &models {
        let text = fs::read_to_string(path).map_err(|e| format!("cannot read `{}`: {e}", path.display()))?;
        let model: serde_json::Value =
            serde_json::from_str(&text).map_err(|e| format!("`{}` is not JSON: {e}", path.display()))?;
        let report = run_model_tests_with(&model, partitions.as_ref());
        let name = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        if report.failed > 0 {
            failing_models += 1;
            println!("{name}: {} of {} fail", report.failed, report.failed + report.passed);
            let shown = if verbose { report.failures.len() } else { 5 };
            for failure in report.failures.iter().take(shown) {
                println!("  {failure}");
            }
            if report.failures.len() > shown {
                println!("  ... and {} more", report.failures.len() - shown);
            }
        }
        total.passed += report.passed;
        total.failed += report.failed;
        total.with_operation_inputs += report.with_operation_inputs;
    }
    let all = total.passed + total.failed;
    println!(
        "{} models; {} of {all} endpoint test cases pass ({} evaluated with their params alone though they give operationInputs)",
        models.len(),
        total.passed,
        total.with_operation_inputs
    );
    if total.failed > 0 {
        Err(format!("{} endpoint test cases fail, in {failing_models} models", total.failed))
    } else {
        Ok(())
    }
}
