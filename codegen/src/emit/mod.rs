//! IR → files. Each emitter returns tokens; this module lays out the crate and renders.

mod client;
mod crate_docs;
mod sample;
mod endpoint;
mod r#enum;
mod errors;
mod manifest;
mod paths;
mod protocol_tests;
pub(crate) mod rust;

pub(crate) use errors::variant as error_variant;
mod server;
mod setters;
mod service;
mod structure;
mod union;
mod validate;

use crate::docs::first_sentence;
use crate::error::Result;
use crate::ir::{Crate, Location, TypeDef, TypeKind};
use crate::naming::{ident, unraw};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use rust::{inner_doc, render};
use std::collections::BTreeMap;

/// Emits files into the map it is given; one job of the work queue.
type Emitter = fn(&Crate, &mut BTreeMap<String, String>) -> Result<()>;

pub fn emit(krate: &Crate) -> Result<BTreeMap<String, String>> {
    let mut by_location: BTreeMap<&Location, Vec<&TypeDef>> = BTreeMap::new();
    for def in &krate.types {
        by_location.entry(&def.path.location).or_default().push(def);
    }
    // Every file is a job on one queue, the largest first, so the cores stay busy to the end.
    let mut emitters: Vec<Emitter> = vec![service_file];
    let protocol = crate::protocol::for_crate(krate);
    if protocol.has_client_and_server() {
        emitters.extend([client::emit_builders as Emitter, client::emit, endpoint::emit, protocol_tests::emit]);
    }
    if protocol.has_server() {
        emitters.push(server::emit);
    }
    emitters.extend([error_file as Emitter, lib_file, module_files, support_files]);
    let mut jobs: Vec<Job> = emitters.into_iter().map(Job::Files).collect();
    jobs.extend(krate.operations.iter().map(Job::Operation));
    jobs.extend(krate.types.iter().map(Job::Type));
    let mut files = BTreeMap::new();
    for (path, contents) in render_parallel(krate, &by_location, &jobs)? {
        files.insert(path, contents);
    }
    Ok(files)
}

fn service_file(krate: &Crate, files: &mut BTreeMap<String, String>) -> Result<()> {
    files.insert("src/service.rs".to_string(), render("src/service.rs", service::service_rs(krate))?);
    Ok(())
}

fn error_file(krate: &Crate, files: &mut BTreeMap<String, String>) -> Result<()> {
    files.insert("src/error.rs".to_string(), render("src/error.rs", error_rs(krate))?);
    Ok(())
}

fn lib_file(krate: &Crate, files: &mut BTreeMap<String, String>) -> Result<()> {
    files.insert("src/lib.rs".to_string(), render("src/lib.rs", crate_docs::lib_rs(krate))?);
    Ok(())
}

/// The manifest, the README, the patterns and the primitives' re-exports.
fn support_files(krate: &Crate, files: &mut BTreeMap<String, String>) -> Result<()> {
    files.insert("Cargo.toml".to_string(), manifest::cargo_toml(krate)?);
    files.insert("README.md".to_string(), manifest::readme(krate)?);
    if !krate.patterns.is_empty() {
        files.insert("src/patterns.rs".to_string(), render("src/patterns.rs", patterns_rs(krate))?);
    }
    files.insert("src/primitives.rs".to_string(), render("src/primitives.rs", primitives_rs())?);
    Ok(())
}

/// `src/types.rs`, `src/types/error.rs` and `src/operation.rs`: the modules that declare the
/// type files.
fn module_files(krate: &Crate, files: &mut BTreeMap<String, String>) -> Result<()> {
    let of = |location: Location| krate.types.iter().filter(|t| t.path.location == location).collect::<Vec<_>>();
    let (types, errors) = (of(Location::Types), of(Location::Errors));
    let types_doc = format!("Data types of {}.", krate.service.title);
    let error_mod = (!errors.is_empty()).then(|| {
        quote! {
            /// The errors the service's operations can return.
            pub mod error;
        }
    });
    files.insert("src/types.rs".to_string(), render("src/types.rs", module_file(&types_doc, &types, error_mod))?);
    if !errors.is_empty() {
        let path = "src/types/error.rs";
        files.insert(path.to_string(), render(path, module_file("Error structures of the service.", &errors, None))?);
    }
    let op_mods: Vec<TokenStream> = krate
        .operations
        .iter()
        .map(|op| {
            let m = ident(&op.module);
            let d = format!(" The `{}` operation: {}", op.wire_name, first_sentence(&op.docs));
            quote!(#[doc = #d] pub mod #m;)
        })
        .collect();
    files.insert("src/operation.rs".to_string(), render("src/operation.rs", service::operation_rs(krate, op_mods))?);
    Ok(())
}

enum Job<'a> {
    Type(&'a TypeDef),
    Operation(&'a crate::ir::OperationDef),
    Files(Emitter),
}

fn render_job(krate: &Crate, by_location: &BTreeMap<&Location, Vec<&TypeDef>>, job: &Job) -> Result<Vec<(String, String)>> {
    match job {
        Job::Type(def) => {
            let path = format!("src/{}/{}.rs", def.path.location.dir(), unraw(&def.module));
            let tokens = match &def.kind {
                TypeKind::Struct(s) => structure::emit(def, s, krate),
                TypeKind::Enum(e) => r#enum::emit(def, e),
                TypeKind::Union(u) => union::emit(def, u, krate),
            };
            let contents = render(&path, tokens)?;
            Ok(vec![(path, contents)])
        }
        Job::Operation(op) => {
            let location = Location::Operation(op.module.clone());
            let defs = by_location.get(&location).cloned().unwrap_or_default();
            let path = format!("src/operation/{}.rs", unraw(&op.module));
            let docs = format!("Types for the `{}` operation.\n\n{}", op.wire_name, op.docs);
            let extra = service::operation_items(op, krate);
            let contents = render(&path, module_file(&docs, &defs, Some(extra)))?;
            Ok(vec![(path, contents)])
        }
        Job::Files(emitter) => {
            let mut files = BTreeMap::new();
            emitter(krate, &mut files)?;
            Ok(files.into_iter().collect())
        }
    }
}

/// Renders `jobs` on scoped threads, one chunk per core; results are keyed by path, so the
/// output does not depend on the order threads finish in.
fn render_parallel(
    krate: &Crate,
    by_location: &BTreeMap<&Location, Vec<&TypeDef>>,
    jobs: &[Job],
) -> Result<Vec<(String, String)>> {
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 8);
    // Jobs differ a lot in size, so threads take the next one as they finish.
    let next = std::sync::atomic::AtomicUsize::new(0);
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(job) = jobs.get(i) else { return Ok(done) };
                        done.extend(render_job(krate, by_location, job)?);
                    }
                })
            })
            .collect();
        let mut out = Vec::new();
        for handle in handles {
            let part: Result<Vec<(String, String)>> = handle
                .join()
                .unwrap_or_else(|_| Err(crate::Error::model("internal error: a rendering thread panicked")));
            out.extend(part?);
        }
        Ok(out)
    })
}

/// A module that declares one private file module per type and re-exports the types, and their
/// builders under `builders`.
fn module_file(docs: &str, defs: &[&TypeDef], extra: Option<TokenStream>) -> TokenStream {
    let docs = inner_doc(docs);
    let mods = defs.iter().map(|d| ident(&d.module));
    let exports = defs.iter().map(|d| {
        let m = ident(&d.module);
        let n = ident(&d.path.name);
        quote!(pub use #m::#n;)
    });
    let builders: Vec<TokenStream> = defs
        .iter()
        .filter(|d| matches!(d.kind, TypeKind::Struct(_)))
        .map(|d| {
            let m = ident(&d.module);
            let b = format_ident!("{}", crate::naming::builder_name(&d.path.name));
            quote!(pub use super::#m::#b;)
        })
        .collect();
    let builders = (!builders.is_empty()).then(|| {
        quote! {
            /// Builders for the structures in this module.
            pub mod builders {
                #(#builders)*
            }
        }
    });
    quote! {
        #docs
        #(mod #mods;)*
        #(#exports)*
        #builders
        #extra
    }
}

/// `src/primitives.rs`: the runtime's primitives where users find them, and the serde adapters
/// under the name the generated types use.
fn primitives_rs() -> TokenStream {
    quote! {
        #![doc = " Types for Smithy's simple types that have no std equivalent (from the runtime crate,"]
        #![doc = " `smithy-codegen-runtime`)."]
        pub use ::smithy_codegen_runtime::primitives::{
            BigDecimal, BigInteger, Blob, DateTime, DateTimeConversionError, DateTimeFormat, DateTimeFormatError,
            DateTimeParseError, Document, UnknownIntVariantValue, UnknownMember, UnknownVariantValue,
        };
        // A model without timestamps, floats or collections of them uses none of the adapters.
        #[allow(unused_imports)]
        pub(crate) use ::smithy_codegen_runtime::wire;
    }
}

/// One lazily compiled regex per distinct `@pattern`, shared by every `validate()`.
fn patterns_rs(krate: &Crate) -> TokenStream {
    let statics = krate.patterns.iter().enumerate().map(|(i, p)| {
        let name = format_ident!("P{}", i);
        // Control characters are written escaped: a raw line break or CR would end the comment.
        let shown: String = p.replace('`', "'").chars().map(|c| if c.is_control() { c.escape_default().to_string() } else { c.to_string() }).collect();
        let d = format!(" `{shown}`");
        quote! {
            #[doc = #d]
            pub(crate) static #name: ::LazyLock<::Option<::regex::Regex>> =
                ::LazyLock::new(|| ::regex::Regex::new(#p).ok());
        }
    });
    quote! {
        #![doc = " The model's `@pattern`s, each compiled once, on first use."]
        #(#statics)*
    }
}

fn error_rs(krate: &Crate) -> TokenStream {
    let service_error = errors::service_error(krate);
    quote! {
        #![doc = " Errors: what builders, `validate()` and the service's operations return."]

        pub use ::smithy_codegen_runtime::error::{
            BuildError, ErrorFault, ErrorMetadata, FailureKind, RequestId, RetryKind, Unhandled, ValidationError, Violation,
            ViolationKind, NOT_IMPLEMENTED,
        };
        // A model without constraints or errors leaves some of these unused.
        #[allow(unused_imports)]
        pub(crate) use ::smithy_codegen_runtime::error::{child, ModeledError, RequestIdSlot, SetRequestId, Violations};

        #service_error
    }
}
