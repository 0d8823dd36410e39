//! `cargo xtask codegen`: render the whole crate in memory, then compare or write.

use codegen::Settings;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

/// `model/codegen.json`: the settings of the project's own model.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ProjectSettings {
    model: ModelPaths,
    out: String,
    crate_name: Option<String>,
    service: Option<String>,
    example_input: Option<String>,
    example_output: Option<String>,
}

/// One model file or folder, or several (IDL and JSON AST files, read as one model).
#[derive(Deserialize)]
#[serde(untagged)]
enum ModelPaths {
    One(String),
    Many(Vec<String>),
}

impl ModelPaths {
    fn under(&self, dir: &Path) -> Vec<PathBuf> {
        match self {
            ModelPaths::One(path) => vec![dir.join(path)],
            ModelPaths::Many(paths) => paths.iter().map(|p| dir.join(p)).collect(),
        }
    }
}

struct Job {
    model: Vec<PathBuf>,
    out: PathBuf,
    settings: Settings,
    check: bool,
}

pub fn run(args: &[String]) -> Result<(), String> {
    let mut failures = Vec::new();
    for job in parse_args(args)? {
        if let Err(e) = run_job(&job) {
            failures.push(e);
        }
    }
    if failures.is_empty() {
        Ok(())
    } else {
        Err(failures.join("\n"))
    }
}

/// The protocol test crates, generated beside the project's own crate: `model` relative to
/// that file's folder, `out` to the workspace root.
const EXTRA_TARGETS: &str = "tests/fixtures/protocol/codegen.json";

fn extra_jobs(check: bool) -> Result<Vec<Job>, String> {
    let path = workspace_root().join(EXTRA_TARGETS);
    let text = fs::read_to_string(&path).map_err(|e| format!("cannot read `{}`: {e}", path.display()))?;
    let targets: Vec<ProjectSettings> =
        serde_json::from_str(&text).map_err(|e| format!("`{}`: {e}", path.display()))?;
    let dir = path.parent().expect("a file has a folder");
    Ok(targets
        .into_iter()
        .map(|t| Job {
            model: t.model.under(dir),
            out: workspace_root().join(&t.out),
            settings: Settings { crate_name: t.crate_name, service: t.service, ..Settings::default() },
            check,
        })
        .collect())
}

fn run_job(job: &Job) -> Result<(), String> {
    let files = crate::model_files::expand(&job.model)?;
    let generated = match files.as_slice() {
        // A single JSON AST file goes through the JSON loader alone, as it always has.
        [one] if one.extension().is_some_and(|e| e == "json") => {
            let text = fs::read_to_string(one).map_err(|e| format!("cannot read model `{}`: {e}", one.display()))?;
            codegen::generate_crate(&text, &job.settings).map_err(|e| format!("{}: {e}", one.display()))?
        }
        _ => {
            let sources = crate::model_files::read(&files)?;
            codegen::generate_from_sources(&sources, &job.settings).map_err(|e| e.to_string())?
        }
    };
    for warning in &generated.warnings {
        eprintln!("warning: {warning}");
    }
    let files = generated.files;
    if job.check {
        check(&job.out, &files)
    } else {
        write(&job.out, &files)
    }
}

fn workspace_root() -> PathBuf {
    // xtask lives one level below the workspace root.
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask has a parent").to_path_buf()
}

fn parse_args(args: &[String]) -> Result<Vec<Job>, String> {
    let mut check = false;
    let (mut model, mut out, mut crate_name, mut service) = (Vec::new(), None, None, None);
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = |name: &str| it.next().cloned().ok_or_else(|| format!("{name} needs a value"));
        match arg.as_str() {
            "--check" => check = true,
            "--model" => model.push(PathBuf::from(value("--model")?)),
            "--out" => out = Some(PathBuf::from(value("--out")?)),
            "--crate-name" => crate_name = Some(value("--crate-name")?),
            "--service" => service = Some(value("--service")?),
            other => return Err(format!("unknown argument `{other}` for codegen")),
        }
    }
    match (model.is_empty(), out) {
        (false, Some(out)) => Ok(vec![Job {
            model,
            out,
            settings: Settings { crate_name, service, ..Settings::default() },
            check,
        }]),
        (true, None) => {
            let dir = workspace_root().join("model");
            let path = dir.join("codegen.json");
            let text = fs::read_to_string(&path).map_err(|e| format!("cannot read `{}`: {e}", path.display()))?;
            let project: ProjectSettings =
                serde_json::from_str(&text).map_err(|e| format!("`{}`: {e}", path.display()))?;
            let mut jobs = vec![Job {
                model: project.model.under(&dir),
                out: workspace_root().join(&project.out),
                settings: Settings {
                    crate_name: crate_name.or(project.crate_name),
                    service: service.or(project.service),
                    example_input: project.example_input,
                    example_output: project.example_output,
                    ..Settings::default()
                },
                check,
            }];
            jobs.extend(extra_jobs(check)?);
            Ok(jobs)
        }
        _ => Err("--model and --out go together".to_string()),
    }
}

const MARKER: &str = "@generated";

/// Files under `out` the generator wrote earlier (they carry the marker near the top);
/// hand-written files and build output are not ours to judge.
fn existing_generated(out: &Path) -> Result<Vec<String>, String> {
    let mut found = Vec::new();
    let mut pending = vec![out.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let Ok(entries) = fs::read_dir(&dir) else { continue };
        for entry in entries {
            let entry = entry.map_err(|e| e.to_string())?;
            let path = entry.path();
            let name = entry.file_name();
            if name == "target" || name.to_string_lossy().starts_with('.') {
                continue;
            }
            if path.is_dir() {
                pending.push(path);
            } else if fs::read_to_string(&path).is_ok_and(|t| t.lines().take(3).any(|l| l.contains(MARKER))) {
                let rel = path.strip_prefix(out).map_err(|e| e.to_string())?;
                found.push(rel.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    found.sort();
    Ok(found)
}

fn check(out: &Path, files: &BTreeMap<String, String>) -> Result<(), String> {
    let mut stale = Vec::new();
    for (rel, contents) in files {
        match fs::read_to_string(out.join(rel)) {
            Ok(current) if &current == contents => {}
            Ok(_) => stale.push(format!("  changed: {rel}")),
            Err(_) => stale.push(format!("  missing: {rel}")),
        }
    }
    for rel in existing_generated(out)? {
        if !files.contains_key(&rel) {
            stale.push(format!("  no longer generated: {rel}"));
        }
    }
    if stale.is_empty() {
        println!("{} is up to date ({} files)", out.display(), files.len());
        Ok(())
    } else {
        Err(format!(
            "{} is stale; run `cargo xtask codegen`:\n{}",
            out.display(),
            stale.join("\n")
        ))
    }
}

fn write(out: &Path, files: &BTreeMap<String, String>) -> Result<(), String> {
    let (mut written, mut removed) = (0, 0);
    for rel in existing_generated(out)? {
        if !files.contains_key(&rel) {
            fs::remove_file(out.join(&rel)).map_err(|e| format!("cannot remove `{rel}`: {e}"))?;
            removed += 1;
        }
    }
    for (rel, contents) in files {
        let path = out.join(rel);
        if fs::read_to_string(&path).is_ok_and(|current| &current == contents) {
            continue;
        }
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| format!("cannot create `{}`: {e}", parent.display()))?;
        }
        fs::write(&path, contents).map_err(|e| format!("cannot write `{}`: {e}", path.display()))?;
        written += 1;
    }
    remove_empty_dirs(out);
    println!("{}: {} files, {written} written, {removed} removed", out.display(), files.len());
    Ok(())
}

fn remove_empty_dirs(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() && entry.file_name() != "target" {
            remove_empty_dirs(&path);
            let _ = fs::remove_dir(&path); // fails, harmlessly, unless empty
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_name_one_model_or_several() {
        let one: ProjectSettings = serde_json::from_str(r#"{"model": "m.json", "out": "o"}"#).expect("one");
        assert_eq!(one.model.under(Path::new("d")), [PathBuf::from("d/m.json")]);
        let many: ProjectSettings =
            serde_json::from_str(r#"{"model": ["a.smithy", "traits/"], "out": "o"}"#).expect("several");
        assert_eq!(many.model.under(Path::new("d")), [PathBuf::from("d/a.smithy"), PathBuf::from("d/traits/")]);
    }
}
