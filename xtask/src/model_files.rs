//! Model paths on the command line: `.smithy` and `.json` files, and folders of them.

use codegen::idl::Source;
use std::fs;
use std::path::{Path, PathBuf};

/// The model files `paths` name: files as given, folders searched (recursively, sorted) for
/// `.smithy` and `.json` files. `codegen.json` holds generator settings, not a model.
pub fn expand(paths: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            let before = files.len();
            walk(path, &mut files)?;
            files[before..].sort();
        } else if path.is_file() {
            files.push(path.clone());
        } else {
            return Err(format!(
                "no such model file or folder: `{}`",
                path.display()
            ));
        }
    }
    Ok(files)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), String> {
    let entries = fs::read_dir(dir).map_err(|e| format!("cannot read `{}`: {e}", dir.display()))?;
    for entry in entries {
        let path = entry.map_err(|e| e.to_string())?.path();
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if name.starts_with('.') || name == "target" {
            continue;
        }
        if path.is_dir() {
            walk(&path, out)?;
        } else if (name.ends_with(".smithy") || name.ends_with(".json")) && name != "codegen.json" {
            out.push(path);
        }
    }
    Ok(())
}

/// Reads the files, named as given for messages.
pub fn read(files: &[PathBuf]) -> Result<Vec<Source>, String> {
    files
        .iter()
        .map(|path| {
            let text = fs::read_to_string(path)
                .map_err(|e| format!("cannot read model `{}`: {e}", path.display()))?;
            Ok(Source::new(path.display().to_string(), text))
        })
        .collect()
}
