//! Replays inputs through the oracle: `cargo run --release --example check -- FILE...`.
//! A `.json` file (or any file that is valid UTF-8 JSON text) is a model; anything else is a
//! `generate_model` input, decoded to its model first (`--print` shows that model's JSON).
use arbitrary::{Arbitrary, Unstructured};
use smithy_codegen_fuzz::model::FuzzModel;

fn main() {
    let mut print = false;
    for arg in std::env::args().skip(1) {
        if arg == "--print" {
            print = true;
            continue;
        }
        let bytes = std::fs::read(&arg).unwrap();
        let json = match std::str::from_utf8(&bytes) {
            Ok(text)
                if arg.ends_with(".json")
                    || serde_json::from_str::<serde_json::Value>(text).is_ok() =>
            {
                text.to_string()
            }
            _ => {
                let u = Unstructured::new(&bytes);
                FuzzModel::arbitrary_take_rest(u)
                    .map(|m| m.to_json())
                    .unwrap_or_default()
            }
        };
        if print {
            println!("{json}");
        }
        match codegen::generate(&json, &codegen::Settings::default()) {
            Ok(files) => {
                smithy_codegen_fuzz::check_output(&files);
                eprintln!("{arg}: generated {} files, all parse", files.len());
            }
            Err(e) => eprintln!("{arg}: error: {e}"),
        }
    }
}
