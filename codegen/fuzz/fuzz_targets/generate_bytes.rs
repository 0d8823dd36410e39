//! Arbitrary bytes → (if UTF-8) the model loader and the generator. Must not panic or hang;
//! every crate it generates must have a `Cargo.toml` and `.rs` files that parse.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        // The loader alone first: it is also public API.
        let _ = codegen::model::load(text);
        smithy_codegen_fuzz::run(text);
    }
});
