//! Replays a corpus directory with the known-bug filters off and counts which problem each
//! input hits: `cargo run --release --example corpus_stats -- corpus/generate_model model`
//! (`bytes` for raw-bytes inputs; a third argument `filtered` keeps the known-bug filters on).
use arbitrary::{Arbitrary, Unstructured};
use smithy_codegen_fuzz::model::FuzzModel;
use std::collections::BTreeMap;
use std::sync::Mutex;

static LAST: Mutex<String> = Mutex::new(String::new());

fn main() {
    if std::env::args().nth(3).as_deref() == Some("filtered") {
        std::env::set_var("FUZZ_KNOWN_BUGS", "1");
    }
    std::panic::set_hook(Box::new(|info| {
        let msg = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        let file = info
            .location()
            .map(|l| l.file().to_string())
            .unwrap_or_default();
        *LAST.lock().unwrap() = format!("{file}: {msg}");
    }));
    let args: Vec<String> = std::env::args().collect();
    let model = args.get(2).is_some_and(|k| k == "model");
    let mut counts: BTreeMap<String, (usize, String)> = BTreeMap::new();
    let (mut ok, mut err, mut total) = (0, 0, 0);
    for entry in std::fs::read_dir(&args[1]).unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        let json = if model {
            FuzzModel::arbitrary_take_rest(Unstructured::new(&bytes))
                .map(|m| m.to_json())
                .unwrap_or_default()
        } else {
            match String::from_utf8(bytes) {
                Ok(s) => s,
                Err(_) => continue,
            }
        };
        total += 1;
        let run = std::panic::catch_unwind(|| {
            let files = codegen::generate(&json, &codegen::Settings::default());
            if let Ok(files) = &files {
                smithy_codegen_fuzz::check_output(files);
            }
            files.is_ok()
        });
        match run {
            Ok(true) => ok += 1,
            Ok(false) => err += 1,
            Err(_) => {
                let key = LAST.lock().unwrap().clone();
                let key = classify(&key);
                counts
                    .entry(key)
                    .or_insert((0, path.display().to_string()))
                    .0 += 1;
            }
        }
    }
    println!(
        "{total} inputs: {ok} generated and passed, {err} rejected with an error, {} hit a problem",
        total - ok - err
    );
    for (k, (n, example)) in &counts {
        println!("{n:5}  {k}\n       e.g. {example}");
    }
}

/// The finding (README numbering) a problem message belongs to, or the message itself.
fn classify(msg: &str) -> String {
    let f = if msg.contains("no entry found for key") {
        "F2 operation error without a type path (panic)"
    } else if msg.contains("generated Cargo.toml does not parse") {
        "F1 title unescaped in Cargo.toml"
    } else if msg.contains("invalid package name") {
        "F3 package name starts with `-`"
    } else if msg.contains("a doctest in generated") {
        let test = msg.split("whole doc comment:").next().unwrap_or(msg);
        let keyword_path = test.lines().any(|l| {
            l.trim_start()
                .strip_prefix("use ")
                .and_then(|r| r.split("::").next())
                .is_some_and(|first| {
                    [
                        "as", "async", "await", "box", "break", "const", "continue", "dyn", "else",
                        "enum", "extern", "false", "fn", "for", "gen", "if", "impl", "in", "let",
                        "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "static",
                        "struct", "trait", "true", "try", "type", "unsafe", "use", "where",
                        "while", "yield", "abstract", "become", "do", "final", "macro", "override",
                        "priv", "typeof", "unsized", "virtual",
                    ]
                    .contains(&first)
                })
        });
        if keyword_path {
            "F6 doctest: crate name is a keyword"
        } else if test.contains("assert!(json.contains(") {
            "F4 doctest: wire name unescaped in assert!"
        } else if test.contains("r#\"") {
            "F5 doctest: raw string ended early"
        } else {
            "F9 doctest: title turns prose into code"
        }
    } else if msg.contains("does not parse: cannot parse string into token stream") {
        "F7 bare CR in a doc comment (file does not parse)"
    } else if msg.contains("would not compile: variant") && msg.contains("src/operation/") {
        "F8 duplicate operation error variant"
    } else if msg.contains("imported name `Error`") {
        "F10 service trait named Error"
    } else {
        return msg.chars().take(160).collect();
    };
    f.to_string()
}
