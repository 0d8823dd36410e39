//! How often random `generate_model` inputs get through the generator, and why the rest fail:
//! `cargo run --release --example stats -- [N]`.
use arbitrary::{Arbitrary, Unstructured};
use smithy_codegen_fuzz::model::FuzzModel;
use std::collections::BTreeMap;

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(2000);
    let mut state = 0x9e3779b97f4a7c15u64;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    static LAST: std::sync::Mutex<String> = std::sync::Mutex::new(String::new());
    static FULL: std::sync::Mutex<String> = std::sync::Mutex::new(String::new());
    std::panic::set_hook(Box::new(|info| {
        let msg = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        let at = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()))
            .unwrap_or_default();
        *LAST.lock().unwrap() = format!("PANIC {at}: {}", msg.chars().take(60).collect::<String>());
        *FULL.lock().unwrap() = msg.chars().take(1500).collect();
    }));
    let mut reasons: BTreeMap<String, usize> = BTreeMap::new();
    let mut ok = 0;
    let mut files = 0;
    for _ in 0..n {
        let len = (next() % 4096) as usize;
        let bytes: Vec<u8> = (0..len).map(|_| next() as u8).collect();
        let Ok(model) = FuzzModel::arbitrary_take_rest(Unstructured::new(&bytes)) else {
            continue;
        };
        let json = model.to_json();
        match std::panic::catch_unwind(|| codegen::generate(&json, &codegen::Settings::default())) {
            Ok(Ok(f)) => {
                ok += 1;
                files += f.len();
                if std::env::var_os("STATS_CHECK").is_some()
                    && std::panic::catch_unwind(|| smithy_codegen_fuzz::check_output(&f)).is_err()
                {
                    let key = LAST.lock().unwrap().clone();
                    let full = FULL.lock().unwrap().clone();
                    std::fs::write(format!("/tmp/stats_check_{}.json", key.len() % 50), &json)
                        .unwrap();
                    if !reasons.contains_key(&key) {
                        eprintln!("{full}\n");
                    }
                    *reasons.entry(key).or_default() += 1;
                }
            }
            Ok(Err(e)) => {
                let text = e.to_string();
                let text = text.split_once("`: ").map_or(text.as_str(), |(_, r)| r);
                if std::env::var_os("STATS_SHOW")
                    .is_some_and(|v| text.contains(v.to_str().unwrap()))
                {
                    eprintln!("{e}");
                }
                let key: String = text.split('`').step_by(2).collect::<Vec<_>>().join("_");
                *reasons.entry(key.chars().take(70).collect()).or_default() += 1;
            }
            Err(_) => {
                let key = LAST.lock().unwrap().clone();
                if std::env::var_os("STATS_DUMP").is_some() {
                    std::fs::write(format!("/tmp/stats_panic_{}.json", key.len()), &json).unwrap();
                }
                *reasons.entry(key).or_default() += 1
            }
        }
    }
    println!(
        "ok {ok}/{n}, {:.1} files per crate",
        files as f64 / ok.max(1) as f64
    );
    let mut v: Vec<_> = reasons.into_iter().collect();
    v.sort_by_key(|e| std::cmp::Reverse(e.1));
    for (k, c) in v.iter().take(25) {
        println!("{c:6} {k}");
    }
}
