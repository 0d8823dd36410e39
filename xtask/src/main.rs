//! `cargo xtask`: the project's maintenance commands. Only this crate touches the disk; the
//! generator itself is a pure function from model to files.

mod codegen;
mod endpoint_tests;
mod idl;
mod model_files;
mod round_trip;
mod sweep;

use std::process::ExitCode;

// Generating allocates many small token trees; mimalloc makes that markedly faster than the
// system allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

const USAGE: &str = "\
usage: cargo xtask <command>

commands:
  codegen [--check] [--model PATH]... [--out DIR] [--crate-name NAME] [--service ID] [--runtime SPEC]
      Regenerate generated/ from the model in model/ (settings in model/codegen.json), or
      generate a standalone crate for any Smithy model with --model and --out. PATH is a
      Smithy IDL (.smithy) or JSON AST (.json) file or a folder of them; repeat --model to
      read several as one model. --check compares instead of writing, lists stale files and
      fails if any.
      --runtime says how the crate depends on the runtime crate, smithy-codegen-runtime:
      path:DIR (relative to the output, or absolute), version:REQ, or git:URL with an optional
      #branch=B, #tag=T or #rev=R; by default a relative path to codegen/runtime here.
  ast PATH...
      Print the model the files (or folders) make as JSON AST, as `smithy ast` does: their
      shapes and metadata, without the prelude and the bundled trait definitions.
  idl PATH... --out DIR
      Write the model as Smithy IDL 2.0, one DIR/<namespace>.smithy file per namespace.
  idl-round-trip [--models DIR] [--filter TEXT]
      Print every model in DIR (default ../shared/aws-models) as IDL, read it back and
      compare the two models; prints `N of M models round-trip`.
  endpoint-tests [--models DIR]... [--partitions FILE] [--verbose]
      Run every endpoint test case of every model (default ../shared/aws-models and model/)
      through the endpoint rules engine; prints failures and `N of M ... pass`.
  sweep [--models DIR] [--filter GLOB] [--no-check] [--jobs N] [--out DIR] ...: generate and check every model in a directory (`cargo xtask sweep --help`)
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("codegen") => codegen::run(&args[1..]),
        Some("sweep") => sweep::run(&args[1..]),
        Some("endpoint-tests") => endpoint_tests::run(&args[1..]),
        Some("ast") => idl::ast(&args[1..]),
        Some("idl") => idl::idl(&args[1..]),
        Some("idl-round-trip") => round_trip::run(&args[1..]),
        Some("-h" | "--help" | "help") => {
            print!("{USAGE}");
            Ok(())
        }
        _ => Err(format!("unknown or missing command\n\n{USAGE}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}
