//! The oracle for `.smithy` input (`idl_bytes`): the reader may reject it, but a model it
//! accepts must print as IDL that reads back as the same model, and must pass the loader.

use codegen::idl::{self, Source};

/// What the IDL reader made of one input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Not a model: rejected with an error (which is the reader's answer, not a finding).
    Rejected,
    /// A model, which round-trips through the printer.
    Accepted,
}

/// Panics on a finding: the printed IDL does not load, or loads as another model.
pub fn check(text: &str) -> Outcome {
    let sources = [Source::new("fuzz.smithy", text)];
    let Ok(model) = idl::assemble(&sources) else {
        return Outcome::Rejected;
    };
    let files = idl::print_idl(&model).expect("the bundled definitions assemble");
    let printed: Vec<Source> = files
        .iter()
        .map(|(name, text)| Source::new(name.clone(), text.clone()))
        .collect();
    let again = match idl::assemble(&printed) {
        Ok(again) => again,
        Err(e) => panic!("the printed IDL does not load: {e}\n{files:#?}"),
    };
    assert_eq!(
        idl::canonical_json(&model),
        idl::canonical_json(&again),
        "the printed IDL reads back differently"
    );
    let _ = idl::load(&sources);
    Outcome::Accepted
}
