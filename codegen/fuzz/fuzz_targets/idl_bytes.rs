//! Arbitrary bytes (and mutated real IDL) → (if UTF-8) the IDL parser and assembler. Must not
//! panic or hang; a model it accepts must print as IDL that reads back as the same model, and
//! must pass through the loader that feeds the generator (`src/idl.rs`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        smithy_codegen_fuzz::idl::check(text);
    }
});
