//! Shared pieces of the fuzz targets: the output oracle ([`check_output`]) and the
//! structure-aware model builder ([`FuzzModel`] → Smithy JSON AST text).

pub mod doctests;
pub mod idl;
pub mod model;
pub mod names;
pub mod protocol;

use std::collections::{BTreeMap, HashSet};
use std::hash::{Hash, Hasher};
use std::sync::Mutex;

/// Hashes of file contents already known to parse. Most of a generated crate (the runtime
/// modules, `error.rs`, ...) is the same from one input to the next, and parsing it again
/// would cost most of each execution.
static PARSED: Mutex<Option<HashSet<u64>>> = Mutex::new(None);

fn content_hash(text: &str) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut h);
    h.finish()
}

/// Whether every finding counts. The findings F1 to F10 are fixed, so the filters that let the
/// fuzzer look past them are off unless `FUZZ_KNOWN_BUGS=1` (for replaying old corpora on the
/// commits before the fixes).
fn strict() -> bool {
    std::env::var_os("FUZZ_KNOWN_BUGS").is_none()
}

/// Runs the generator and checks what it produced. Errors are fine (they are the generator's
/// answer to a bad model); a panic, a hang or an output that does not parse is a finding.
pub fn run(json: &str) {
    install_known_bug_filter();
    let result =
        std::panic::catch_unwind(|| codegen::generate(json, &codegen::Settings::default()));
    // A panic that gets here is a known bug (the hook aborted on any other).
    if let Ok(Ok(files)) = result {
        check_output(&files);
    }
}

/// Panics already reported, so the fuzzer can look past them: (finding, file the panic is in,
/// text in its message). File and message rather than line, since the generator keeps changing.
/// The filter is on only with `FUZZ_KNOWN_BUGS=1`.
const KNOWN_PANICS: &[(&str, &str, &str)] = &[
    // F2: an operation error without `@error` that is also only an operation's input/output
    // gets no type path; `self.paths[e]` in `Resolver::run` panics.
    ("F2", "ir/resolve.rs", "no entry found for key"),
];

fn install_known_bug_filter() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        if strict() {
            return;
        }
        // libFuzzer's hook aborts the process (that is how it sees a crash): it still runs for
        // every panic except the known ones, which unwind quietly to `run`'s `catch_unwind`.
        let fuzzer_hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let message = info
                .payload()
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| info.payload().downcast_ref::<String>().cloned())
                .unwrap_or_default();
            let file = info.location().map(|l| l.file()).unwrap_or("");
            let known = KNOWN_PANICS
                .iter()
                .any(|(_, f, m)| file.ends_with(f) && message.contains(m));
            if !known {
                fuzzer_hook(info);
            }
        }));
    });
}

/// Every `.rs` file parses as a Rust file, and `Cargo.toml` exists and parses as TOML.
pub fn check_output(files: &BTreeMap<String, String>) {
    let manifest = files
        .get("Cargo.toml")
        .expect("generated crate has no Cargo.toml");
    if let Err(err) = manifest.parse::<toml::Table>() {
        if !known_cargo_description_bug(manifest) {
            panic!("generated Cargo.toml does not parse: {err}\n----\n{manifest}\n----");
        }
    }
    check_package_name(manifest);
    let title = service_title(manifest);
    for (path, contents) in files {
        if path.ends_with(".rs") {
            let hash = content_hash(contents);
            if PARSED
                .lock()
                .unwrap()
                .as_ref()
                .is_some_and(|set| set.contains(&hash))
            {
                continue;
            }
            let file = match syn::parse_file(contents) {
                Ok(file) => file,
                Err(_) if known_bare_cr_in_docs(contents) => continue,
                Err(err) => {
                    let start = err.span().start();
                    let line = start.line;
                    let snippet: Vec<&str> = contents
                        .lines()
                        .skip(line.saturating_sub(4))
                        .take(7)
                        .collect();
                    panic!(
                        "generated {path} does not parse: {err} at line {line} column {}\n----\n{}\n----",
                        start.column,
                        snippet.join("\n")
                    );
                }
            };
            if let Some(problem) = names::duplicate_names(&file) {
                if !known_duplicate(path, &problem) {
                    panic!("generated {path} would not compile: {problem}");
                }
            }
            for docs in doctests::doc_comments(&file) {
                if known_title_in_docs(&docs, title) {
                    continue;
                }
                for test in doctests::doctests(&docs) {
                    if let Err(err) = syn::parse_file(&test) {
                        if known_doctest_bug(&test) {
                            continue;
                        }
                        let line = err.span().start().line;
                        let snippet: Vec<&str> =
                            test.lines().skip(line.saturating_sub(4)).take(7).collect();
                        panic!(
                            "a doctest in generated {path} does not parse: {err} at line {line} of the test\n----\n{}\n----\nwhole doc comment:\n{docs}",
                            snippet.join("\n")
                        );
                    }
                }
            }
            let mut guard = PARSED.lock().unwrap();
            let set = guard.get_or_insert_with(HashSet::new);
            if set.len() > 200_000 {
                set.clear();
            }
            set.insert(hash);
        }
    }
}

/// Known bug F1 (see README): `templates/Cargo.toml.j2` puts the service title into
/// `description = "..."` unescaped, so a title with `"`, `\\` or a control character breaks the
/// manifest. True when that is the only problem: the manifest parses once the description is
/// replaced. The filter is on only with `FUZZ_KNOWN_BUGS=1`.
fn known_cargo_description_bug(manifest: &str) -> bool {
    const START: &str = "description = \"Types for ";
    const END: &str = ", generated from its Smithy model\"";
    if strict() {
        return false;
    }
    let Some(start) = manifest.find(START) else {
        return false;
    };
    let Some(len) = manifest[start..].find(END) else {
        return false;
    };
    let fixed = format!(
        "{}description = \"x\"{}",
        &manifest[..start],
        &manifest[start + len + END.len()..]
    );
    fixed.parse::<toml::Table>().is_ok()
}

/// Cargo's rule for `[package] name`: the first character starts an identifier (a letter or
/// `_`), the rest are identifier characters or `-`. Known bug F3 (see README): a service whose
/// sdkId (or name) starts with a digit gets `-1st`; filtered only with `FUZZ_KNOWN_BUGS=1`.
fn check_package_name(manifest: &str) {
    let Ok(table) = manifest.parse::<toml::Table>() else {
        return;
    };
    let Some(name) = table
        .get("package")
        .and_then(|p| p.get("name"))
        .and_then(|n| n.as_str())
    else {
        panic!("generated Cargo.toml has no [package] name\n----\n{manifest}\n----");
    };
    let valid = name.starts_with(|c: char| c.is_alphabetic() || c == '_')
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '-');
    let known_f3 = name.starts_with('-') && !strict();
    if !valid && !known_f3 {
        panic!("generated Cargo.toml has an invalid package name `{name}`");
    }
}

/// Known bugs F4, F5 and F6 (see README) in the crate-docs examples of `emit/crate_docs.rs`: the
/// request example writes `assert!(json.contains("\"WIRE\""))` with the member's wire name
/// unescaped (F4), and the response example puts JSON into `r#"..."#`, which a `"#` in a member
/// name or enum value ends early (F5). True when repairing those spots makes the test parse.
/// The filter is on only with `FUZZ_KNOWN_BUGS=1`.
fn known_doctest_bug(test: &str) -> bool {
    if strict() {
        return false;
    }
    let mut repaired: Vec<String> = Vec::new();
    let mut lines = test.lines();
    while let Some(line) = lines.next() {
        // F4: drop the `contains` assertion.
        if line.starts_with("assert!(json.contains(\"") {
            continue;
        }
        // F5: replace the raw string's JSON (up to the line the generator ends it on).
        if let Some(head) = line.strip_suffix("serde_json::from_str(r#\"") {
            for rest in lines.by_ref() {
                if rest.starts_with("\"#)?;") {
                    break;
                }
            }
            repaired.push(format!("{head}serde_json::from_str(\"{{}}\")?;"));
            continue;
        }
        repaired.push(line.to_string());
    }
    // F6: a crate named after a keyword (`match`, `type`, ...) is written `KW::` in paths.
    let mut repaired = repaired.join("\n");
    for kw in KEYWORDS {
        let mut out = String::new();
        let mut rest = repaired.as_str();
        let pat = format!("{kw}::");
        while let Some(at) = rest.find(&pat) {
            let before = rest[..at].chars().last();
            out.push_str(&rest[..at]);
            if before.is_none_or(|c| !(c.is_alphanumeric() || c == '_' || c == '#')) {
                out.push_str("r#");
            }
            out.push_str(&pat);
            rest = &rest[at + pat.len()..];
        }
        out.push_str(rest);
        repaired = out;
    }
    repaired != test && syn::parse_file(&repaired).is_ok()
}

/// Duplicate-name findings already reported (F8, F10); The filter is on only with `FUZZ_KNOWN_BUGS=1`.
fn known_duplicate(path: &str, problem: &str) -> bool {
    if strict() {
        return false;
    }
    // F8: an operation that lists one error twice gets that variant twice in its error enum.
    let f8 = path.starts_with("src/operation/")
        && problem.starts_with("variant ")
        && problem.ends_with("Error`");
    // F10: a service whose trait is named `Error` clashes with `pub use error::Error` in lib.rs.
    let f10 = path == "src/lib.rs" && problem.starts_with("imported name `Error`");
    f8 || f10
}

/// Known bug F7 (see README): fallback doc text (`The `NAME` member.`, `The value `VALUE`.`)
/// carries a carriage return from a member name or enum value into a `///` comment, where
/// rustc and syn reject a bare CR. True when blanking CRs in doc comments makes the file parse.
fn known_bare_cr_in_docs(contents: &str) -> bool {
    if strict() || !contents.contains('\r') {
        return false;
    }
    let fixed: String = contents
        .split('\n')
        .map(|line| {
            let t = line.trim_start();
            if t.starts_with("///") || t.starts_with("//!") {
                line.replace('\r', " ")
            } else {
                line.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    syn::parse_file(&fixed).is_ok()
}

/// Keywords `r#` can escape (path keywords `crate`, `self`, `super`, `Self` cannot).
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn",
    "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let",
    "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return",
    "static", "struct", "trait", "true", "try", "type", "typeof", "unsafe", "unsized", "use",
    "virtual", "where", "while", "yield",
];

/// The service title, read back from the manifest's description (`Types for TITLE, generated
/// from its Smithy model`), where the generator writes it as is.
fn service_title(manifest: &str) -> Option<&str> {
    const START: &str = "description = \"Types for ";
    const END: &str = ", generated from its Smithy model\"";
    let start = manifest.find(START)? + START.len();
    let len = manifest[start..].find(END)?;
    Some(&manifest[start..start + len])
}

/// Known bug F9 (see README): the service title (`@title`, else the sdkId, else the shape name)
/// goes into Markdown doc comments as is (`# TITLE`, `TITLE as a trait: ...`, `Data types of
/// TITLE.`), so a title with a newline, a code fence, or four leading spaces turns prose into
/// doctests (or breaks the crate's own examples). True when the doc comment's doctests all
/// parse once the title is replaced by a plain word.
fn known_title_in_docs(docs: &str, title: Option<&str>) -> bool {
    let Some(title) = title.filter(|t| !t.is_empty() && docs.contains(*t)) else {
        return false;
    };
    if strict() {
        return false;
    }
    let parses = |text: &str| {
        doctests::doctests(text)
            .iter()
            .all(|t| syn::parse_file(t).is_ok() || known_doctest_bug(t))
    };
    !parses(docs) && parses(&docs.replace(title, "Title"))
}
