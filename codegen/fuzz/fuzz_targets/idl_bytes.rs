//! Arbitrary bytes (and mutated real IDL) → (if UTF-8) the IDL parser and assembler. Must not
//! panic or hang; a model it accepts must print as IDL that reads back as the same model, and
//! must pass through the loader that feeds the generator.
#![no_main]

use codegen::idl::{self, Source};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let sources = [Source::new("fuzz.smithy", text)];
    let Ok(model) = idl::assemble(&sources) else { return };
    let files = idl::print_idl(&model).expect("the bundled definitions assemble");
    let printed: Vec<Source> = files.iter().map(|(name, text)| Source::new(name.clone(), text.clone())).collect();
    let again = match idl::assemble(&printed) {
        Ok(again) => again,
        Err(e) => panic!("the printed IDL does not load: {e}\n{files:#?}"),
    };
    assert_eq!(idl::canonical_json(&model), idl::canonical_json(&again), "the printed IDL reads back differently");
    let _ = idl::load(&sources);
});
