//! Arbitrary HTTP responses, built around the models' outputs and errors, to calls of the
//! generated clients of the restJson1 and awsJson1_0 suite crates and MWAA; see
//! `src/protocol/client.rs` for the oracle.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    smithy_codegen_fuzz::protocol::client::run(data);
});
