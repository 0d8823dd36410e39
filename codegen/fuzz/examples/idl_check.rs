//! Replays `idl_bytes` inputs through its oracle and counts what the reader accepts:
//! `cargo run --release --example idl_check -- corpus/idl_bytes` (files or folders).
use smithy_codegen_fuzz::idl::{check, Outcome};

fn main() {
    let (mut accepted, mut rejected, mut binary) = (0, 0, 0);
    for arg in std::env::args().skip(1) {
        let path = std::path::Path::new(&arg);
        let files: Vec<std::path::PathBuf> = if path.is_dir() {
            std::fs::read_dir(path)
                .unwrap()
                .flatten()
                .map(|e| e.path())
                .collect()
        } else {
            vec![path.to_path_buf()]
        };
        for file in files {
            let bytes = std::fs::read(&file).unwrap();
            match std::str::from_utf8(&bytes).map(check) {
                Ok(Outcome::Accepted) => accepted += 1,
                Ok(Outcome::Rejected) => rejected += 1,
                Err(_) => binary += 1,
            }
        }
    }
    println!("{accepted} accepted (and round-trip), {rejected} rejected, {binary} not UTF-8");
}
