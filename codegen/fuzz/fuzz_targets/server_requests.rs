//! Arbitrary HTTP requests, built around the models' routes and members, through the generated
//! servers of the restJson1 and awsJson1_0 suite crates and MWAA; see `src/protocol/server.rs`
//! for the oracle.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    smithy_codegen_fuzz::protocol::server::run(data);
});
