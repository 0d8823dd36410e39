//! IR → files. Each emitter returns tokens; this module lays out the crate and renders.

mod auth;
mod client;
mod crate_docs;
mod endpoint;
mod r#enum;
mod errors;
mod manifest;
mod paths;
mod protocol_tests;
pub(crate) mod rust;
mod server;
mod service;
mod structure;
mod union;
mod validate;

use crate::error::Result;
use crate::ir::{Crate, Location, TypeDef, TypeKind};
use crate::naming::{ident, unraw};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use rust::{doc, inner_doc, render};
use std::collections::BTreeMap;

/// The support modules copied as written into every crate: (path in the crate, source).
const RUNTIME: &[(&str, &str)] = &[
    ("src/error/metadata.rs", include_str!("../../runtime/error_metadata.rs")),
    ("src/error/unhandled.rs", include_str!("../../runtime/unhandled.rs")),
    ("src/error/validation.rs", include_str!("../../runtime/validation.rs")),
    ("src/pagination.rs", include_str!("../../runtime/pagination.rs")),
    ("src/primitives/big_number.rs", include_str!("../../runtime/big_number.rs")),
    ("src/primitives/blob.rs", include_str!("../../runtime/blob.rs")),
    ("src/primitives/date_time.rs", include_str!("../../runtime/date_time.rs")),
    ("src/primitives/document.rs", include_str!("../../runtime/document.rs")),
    ("src/primitives/wire.rs", include_str!("../../runtime/wire.rs")),
];

/// Emits files into the map it is given; one job of the work queue.
type Emitter = fn(&Crate, &mut BTreeMap<String, String>) -> Result<()>;

pub fn emit(krate: &Crate) -> Result<BTreeMap<String, String>> {
    let mut by_location: BTreeMap<&Location, Vec<&TypeDef>> = BTreeMap::new();
    for def in &krate.types {
        by_location.entry(&def.path.location).or_default().push(def);
    }
    // Every file is a job on one queue, the largest first, so the cores stay busy to the end.
    let mut emitters: Vec<Emitter> = vec![service_file];
    if krate.service.json_version().is_some() {
        emitters.extend([
            client::emit_builders as Emitter,
            server::emit,
            client::emit,
            endpoint::emit,
            protocol_tests::emit,
            auth::emit,
        ]);
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

/// The manifest, the README, the patterns and the support modules copied as written.
fn support_files(krate: &Crate, files: &mut BTreeMap<String, String>) -> Result<()> {
    files.insert("Cargo.toml".to_string(), manifest::cargo_toml(krate)?);
    files.insert("README.md".to_string(), manifest::readme(krate)?);
    if !krate.patterns.is_empty() {
        files.insert("src/patterns.rs".to_string(), render("src/patterns.rs", patterns_rs(krate))?);
    }
    emit_runtime(krate, files)
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

fn first_sentence(text: &str) -> String {
    let para = text.split("\n\n").next().unwrap_or("").replace('\n', " ");
    match para.find(". ") {
        Some(end) => para[..=end].to_string(),
        None => para,
    }
}

/// Adds a support file copied as written, under the generated-file header.
fn insert_runtime(files: &mut BTreeMap<String, String>, path: &str, source: &str) {
    files.insert(path.to_string(), format!("{}\n{source}", rust::HEADER));
}

fn emit_runtime(krate: &Crate, files: &mut BTreeMap<String, String>) -> Result<()> {
    let wanted = |path: &str| match path {
        "src/primitives/blob.rs" => krate.uses.blob,
        "src/primitives/big_number.rs" => krate.uses.big_number,
        _ => true,
    };
    for (path, source) in RUNTIME.iter().filter(|(path, _)| wanted(path)) {
        files.insert(path.to_string(), format!("{}\n{source}", rust::HEADER));
    }
    let blob = krate.uses.blob.then(|| quote!(mod blob; pub use blob::Blob;));
    let big = krate.uses.big_number.then(|| quote!(mod big_number; pub use big_number::{BigDecimal, BigInteger};));
    let mod_rs = quote! {
        #![doc = " Types for Smithy's simple types that have no std equivalent, and the serde adapters"]
        #![doc = " generated code uses for their wire formats."]
        mod date_time;
        mod document;
        // The adapters are the same in every generated crate; a given model uses some of them.
        #[allow(dead_code)]
        pub(crate) mod wire;

        #big
        #blob
        pub use date_time::{DateTime, DateTimeConversionError, DateTimeFormatError, DateTimeParseError, Format as DateTimeFormat};
        pub use document::Document;
    };
    files.insert("src/primitives/mod.rs".to_string(), render("src/primitives/mod.rs", mod_rs)?);
    Ok(())
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
    let docs = doc(" Why a builder could not build: the required members that were not set.");
    let service_error = errors::service_error(krate);
    quote! {
        #![doc = " Errors: what builders, `validate()` and the service's operations return."]

        mod metadata;
        mod unhandled;
        // Shared by every generated crate; a model without some constraints leaves parts unused.
        #[allow(dead_code)]
        mod validation;

        pub use metadata::{ErrorFault, ErrorMetadata, RequestId, RetryKind};
        pub(crate) use metadata::{ModeledError, RequestIdSlot, SetRequestId};
        pub use unhandled::{Unhandled, NOT_IMPLEMENTED};
        pub use validation::{ValidationError, Violation, ViolationKind};
        // A model without constraints has nothing to name by path.
        #[allow(unused_imports)]
        pub(crate) use validation::{child, Violations};

        #service_error

        #docs
        #[derive(::Clone, ::PartialEq, ::Eq, ::Debug)]
        pub struct BuildError {
            type_name: &'static str,
            missing: ::Vec<&'static str>,
        }

        impl BuildError {
            // Unused when no structure has a required member.
            #[allow(dead_code)]
            pub(crate) fn missing(type_name: &'static str, missing: ::Vec<&'static str>) -> Self {
                Self { type_name, missing }
            }

            /// The type that could not be built.
            pub fn type_name(&self) -> &'static str {
                self.type_name
            }

            /// The model names of the required members that were not set.
            pub fn missing_members(&self) -> &[&'static str] {
                &self.missing
            }
        }

        impl ::Display for BuildError {
            fn fmt(&self, f: &mut ::Formatter<'_>) -> ::std::fmt::Result {
                ::std::write!(f, "cannot build `{}`: missing required member", self.type_name)?;
                if self.missing.len() > 1 {
                    f.write_str("s")?;
                }
                for (i, name) in self.missing.iter().enumerate() {
                    let sep = if i == 0 { " " } else { ", " };
                    ::std::write!(f, "{sep}`{name}`")?;
                }
                ::Result::Ok(())
            }
        }

        impl ::Error for BuildError {}
    }
}
