//! `cargo xtask ast` and `cargo xtask idl`: a model's JSON AST as `smithy ast` prints it, and a
//! model written as Smithy IDL 2.0.

use crate::model_files;
use std::fs;
use std::path::PathBuf;

/// `ast PATH...`: the assembled JSON AST of the files' shapes and metadata on stdout.
pub fn ast(args: &[String]) -> Result<(), String> {
    if args.is_empty() || args.iter().any(|a| a.starts_with('-')) {
        return Err("usage: cargo xtask ast PATH... (model files or folders)".to_string());
    }
    let paths: Vec<PathBuf> = args.iter().map(PathBuf::from).collect();
    let sources = model_files::read(&model_files::expand(&paths)?)?;
    let json = codegen::idl::ast_json(&sources).map_err(|e| e.to_string())?;
    print!("{json}");
    Ok(())
}

/// `idl PATH... --out DIR`: one `<namespace>.smithy` file per namespace in DIR.
pub fn idl(args: &[String]) -> Result<(), String> {
    let usage = "usage: cargo xtask idl PATH... --out DIR";
    let mut paths = Vec::new();
    let mut out = None;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--out" => out = Some(PathBuf::from(it.next().ok_or(usage)?)),
            a if a.starts_with('-') => return Err(format!("unknown argument `{a}`\n{usage}")),
            a => paths.push(PathBuf::from(a)),
        }
    }
    let (Some(out), false) = (out, paths.is_empty()) else {
        return Err(usage.to_string());
    };
    let sources = model_files::read(&model_files::expand(&paths)?)?;
    let model = codegen::idl::assemble(&sources).map_err(|e| e.to_string())?;
    let files = codegen::idl::print_idl(&model).map_err(|e| e.to_string())?;
    fs::create_dir_all(&out).map_err(|e| format!("cannot create `{}`: {e}", out.display()))?;
    for (name, text) in &files {
        let path = out.join(name);
        fs::write(&path, text).map_err(|e| format!("cannot write `{}`: {e}", path.display()))?;
    }
    println!("{}: {} files", out.display(), files.len());
    Ok(())
}
