//! `cargo xtask codegen`: render the whole crate in memory, then compare or write.

use codegen::{GitReference, RuntimeDependency, Settings};
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
            settings: Settings {
                crate_name: t.crate_name,
                service: t.service,
                runtime: runtime_path_dependency(&workspace_root().join(&t.out)),
                ..Settings::default()
            },
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

/// The runtime crate's folder in this workspace.
pub fn runtime_dir() -> PathBuf {
    workspace_root().join("codegen").join("runtime")
}

/// The runtime as a path dependency of a crate generated into `out`: relative, so the
/// workspace can move.
pub fn runtime_path_dependency(out: &Path) -> RuntimeDependency {
    RuntimeDependency::Path(relative_path(&absolute(out), &runtime_dir()))
}

fn absolute(path: &Path) -> PathBuf {
    let joined = if path.is_absolute() { path.to_path_buf() } else { std::env::current_dir().unwrap_or_default().join(path) };
    // Without `..` and `.`, so that the relative path below is right.
    let mut clean = PathBuf::new();
    for part in joined.components() {
        match part {
            std::path::Component::ParentDir => {
                clean.pop();
            }
            std::path::Component::CurDir => {}
            other => clean.push(other),
        }
    }
    clean
}

/// `to` relative to the folder `from`, with `/` separators (both absolute and clean).
fn relative_path(from: &Path, to: &Path) -> String {
    let from: Vec<_> = from.components().collect();
    let to: Vec<_> = to.components().collect();
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<String> = vec!["..".to_string(); from.len() - common];
    parts.extend(to[common..].iter().map(|c| c.as_os_str().to_string_lossy().into_owned()));
    if parts.is_empty() {
        ".".to_string()
    } else {
        parts.join("/")
    }
}

/// `--runtime`: `path:DIR` (relative to the output folder, or absolute), `version:REQ`, or
/// `git:URL`, optionally with `#branch=B`, `#tag=T` or `#rev=R`.
fn parse_runtime(spec: &str) -> Result<RuntimeDependency, String> {
    let bad = || format!("--runtime `{spec}`: expected path:DIR, version:REQ or git:URL[#branch=B|#tag=T|#rev=R]");
    let (kind, value) = spec.split_once(':').ok_or_else(bad)?;
    match kind {
        "path" => Ok(RuntimeDependency::Path(value.to_string())),
        "version" => Ok(RuntimeDependency::Version(value.to_string())),
        "git" => {
            let (url, reference) = match value.split_once('#') {
                None => (value, None),
                Some((url, at)) => {
                    let reference = match at.split_once('=') {
                        Some(("branch", b)) => GitReference::Branch(b.to_string()),
                        Some(("tag", t)) => GitReference::Tag(t.to_string()),
                        Some(("rev", r)) => GitReference::Rev(r.to_string()),
                        _ => return Err(bad()),
                    };
                    (url, Some(reference))
                }
            };
            Ok(RuntimeDependency::Git { url: url.to_string(), reference })
        }
        _ => Err(bad()),
    }
}

fn workspace_root() -> PathBuf {
    // xtask lives one level below the workspace root.
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask has a parent").to_path_buf()
}

fn parse_args(args: &[String]) -> Result<Vec<Job>, String> {
    let mut check = false;
    let (mut model, mut out, mut crate_name, mut service, mut runtime) = (Vec::new(), None, None, None, None);
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = |name: &str| it.next().cloned().ok_or_else(|| format!("{name} needs a value"));
        match arg.as_str() {
            "--check" => check = true,
            "--model" => model.push(PathBuf::from(value("--model")?)),
            "--out" => out = Some(PathBuf::from(value("--out")?)),
            "--crate-name" => crate_name = Some(value("--crate-name")?),
            "--service" => service = Some(value("--service")?),
            "--runtime" => runtime = Some(parse_runtime(&value("--runtime")?)?),
            other => return Err(format!("unknown argument `{other}` for codegen")),
        }
    }
    match (model.is_empty(), out) {
        (false, Some(out)) => Ok(vec![Job {
            settings: Settings {
                crate_name,
                service,
                runtime: runtime.unwrap_or_else(|| runtime_path_dependency(&out)),
                ..Settings::default()
            },
            model,
            out,
            check,
        }]),
        (true, None) => {
            let dir = workspace_root().join("model");
            let path = dir.join("codegen.json");
            let text = fs::read_to_string(&path).map_err(|e| format!("cannot read `{}`: {e}", path.display()))?;
            let project: ProjectSettings =
                serde_json::from_str(&text).map_err(|e| format!("`{}`: {e}", path.display()))?;
            let out = workspace_root().join(&project.out);
            let mut jobs = vec![Job {
                model: project.model.under(&dir),
                settings: Settings {
                    crate_name: crate_name.or(project.crate_name),
                    service: service.or(project.service),
                    example_input: project.example_input,
                    example_output: project.example_output,
                    runtime: runtime.unwrap_or_else(|| runtime_path_dependency(&out)),
                    ..Settings::default()
                },
                out,
                check,
            }];
            jobs.extend(extra_jobs(check)?);
            Ok(jobs)
        }
        _ => Err("--model and --out go together".to_string()),
    }
}

const MARKER: &str = "@generated";

/// The files under `out` (build output and hidden files aside): those the generator wrote
/// earlier (they carry the marker near the top), then the others, which `--check` reports
/// since a generated folder holds only generated code.
fn existing_files(out: &Path) -> Result<(Vec<String>, Vec<String>), String> {
    let (mut found, mut other) = (Vec::new(), Vec::new());
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
                continue;
            }
            let rel = path.strip_prefix(out).map_err(|e| e.to_string())?.to_string_lossy().replace('\\', "/");
            if fs::read_to_string(&path).is_ok_and(|t| t.lines().take(3).any(|l| l.contains(MARKER))) {
                found.push(rel);
            } else if rel != "Cargo.lock" {
                other.push(rel);
            }
        }
    }
    found.sort();
    other.sort();
    Ok((found, other))
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
    let (generated, other) = existing_files(out)?;
    for rel in generated {
        if !files.contains_key(&rel) {
            stale.push(format!("  no longer generated: {rel}"));
        }
    }
    stale.extend(other.iter().map(|rel| format!("  not generated (move it out): {rel}")));
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
    let (generated, other) = existing_files(out)?;
    for rel in &other {
        eprintln!("warning: {} holds `{rel}`, which the generator did not write", out.display());
    }
    for rel in generated {
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
    fn runtime_paths_are_relative_to_the_output() {
        assert_eq!(relative_path(Path::new("/w/generated"), Path::new("/w/codegen/runtime")), "../codegen/runtime");
        assert_eq!(relative_path(Path::new("/w/target/sweep/crates/s3"), Path::new("/w/codegen/runtime")), "../../../../codegen/runtime");
        assert_eq!(relative_path(Path::new("/elsewhere/x"), Path::new("/w/codegen/runtime")), "../../w/codegen/runtime");
        assert_eq!(absolute(Path::new("/a/b/../c/./d")), PathBuf::from("/a/c/d"));
    }

    #[test]
    fn check_reports_hand_written_files_in_the_output() {
        let out = std::env::temp_dir().join(format!("xtask-check-{}", std::process::id()));
        fs::create_dir_all(out.join("examples")).unwrap();
        let lib = "// @generated\npub fn f() {}\n".to_string();
        fs::write(out.join("lib.rs"), &lib).unwrap();
        let files = BTreeMap::from([("lib.rs".to_string(), lib)]);
        assert_eq!(check(&out, &files), Ok(()));
        fs::write(out.join("examples/fake.rs"), "fn main() {}\n").unwrap();
        let err = check(&out, &files).unwrap_err();
        assert!(err.contains("not generated (move it out): examples/fake.rs"), "{err}");
        let _ = fs::remove_dir_all(&out);
    }

    #[test]
    fn runtime_specs_parse() {
        assert_eq!(parse_runtime("version:0.1").unwrap(), RuntimeDependency::Version("0.1".into()));
        assert_eq!(parse_runtime("path:../rt").unwrap(), RuntimeDependency::Path("../rt".into()));
        assert_eq!(
            parse_runtime("git:https://example.com/x.git#tag=v1").unwrap(),
            RuntimeDependency::Git { url: "https://example.com/x.git".into(), reference: Some(GitReference::Tag("v1".into())) }
        );
        assert!(parse_runtime("bogus").is_err());
        assert!(parse_runtime("git:u#sha=1").is_err());
    }

    #[test]
    fn settings_name_one_model_or_several() {
        let one: ProjectSettings = serde_json::from_str(r#"{"model": "m.json", "out": "o"}"#).expect("one");
        assert_eq!(one.model.under(Path::new("d")), [PathBuf::from("d/m.json")]);
        let many: ProjectSettings =
            serde_json::from_str(r#"{"model": ["a.smithy", "traits/"], "out": "o"}"#).expect("several");
        assert_eq!(many.model.under(Path::new("d")), [PathBuf::from("d/a.smithy"), PathBuf::from("d/traits/")]);
    }
}
