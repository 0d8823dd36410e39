//! Structure-aware: the fuzzer's bytes build a Smithy model (service, operations, resources,
//! structures, unions, lists, maps, enums, intEnums, mixins, `apply`, and random trait values;
//! see `src/model.rs`), which goes through the generator. Same oracle as `generate_bytes`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use smithy_codegen_fuzz::model::FuzzModel;

fuzz_target!(|model: FuzzModel| {
    let json = model.to_json();
    if std::env::var_os("FUZZ_PRINT_MODEL").is_some() {
        eprintln!("{json}");
    }
    smithy_codegen_fuzz::run(&json);
});
