//! IR → files. Each emitter returns tokens; this module lays out the crate and renders.

mod crate_docs;
mod r#enum;
mod manifest;
pub(crate) mod rust;
mod structure;
mod union;

use crate::error::Result;
use crate::ir::{Crate, Location, TypeDef, TypeKind};
use crate::naming::{ident, unraw};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use rust::{doc, inner_doc, render};
use std::collections::BTreeMap;

/// The support modules every crate gets under `src/primitives/`, copied as written.
const RUNTIME: &[(&str, &str)] = &[
    ("big_number", include_str!("../../runtime/big_number.rs")),
    ("blob", include_str!("../../runtime/blob.rs")),
    ("date_time", include_str!("../../runtime/date_time.rs")),
    ("document", include_str!("../../runtime/document.rs")),
    ("wire", include_str!("../../runtime/wire.rs")),
];

pub fn emit(krate: &Crate) -> Result<BTreeMap<String, String>> {
    let mut files = BTreeMap::new();
    files.insert("Cargo.toml".to_string(), manifest::cargo_toml(krate)?);
    files.insert("README.md".to_string(), manifest::readme(krate)?);
    files.insert("src/lib.rs".to_string(), render("src/lib.rs", crate_docs::lib_rs(krate))?);
    files.insert("src/error.rs".to_string(), render("src/error.rs", error_rs())?);
    emit_primitives(krate, &mut files)?;

    let mut by_location: BTreeMap<&Location, Vec<&TypeDef>> = BTreeMap::new();
    for def in &krate.types {
        by_location.entry(&def.path.location).or_default().push(def);
    }
    for (location, defs) in &by_location {
        for def in defs {
            let path = format!("src/{}/{}.rs", location.dir(), unraw(&def.module));
            let tokens = match &def.kind {
                TypeKind::Struct(s) => structure::emit(def, s),
                TypeKind::Enum(e) => r#enum::emit(def, e),
                TypeKind::Union(u) => union::emit(def, u),
            };
            files.insert(path.clone(), render(&path, tokens)?);
        }
    }
    let types: Vec<&TypeDef> = by_location.get(&Location::Types).cloned().unwrap_or_default();
    let errors: Vec<&TypeDef> = by_location.get(&Location::Errors).cloned().unwrap_or_default();
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

    let mut op_mods = Vec::new();
    for op in &krate.operations {
        let location = Location::Operation(op.module.clone());
        let defs = by_location.get(&location).cloned().unwrap_or_default();
        let path = format!("src/operation/{}.rs", unraw(&op.module));
        let docs = format!("Types for the `{}` operation.\n\n{}", op.wire_name, op.docs);
        files.insert(path.clone(), render(&path, module_file(&docs, &defs, None))?);
        let m = ident(&op.module);
        let d = format!(" The `{}` operation: {}", op.wire_name, first_sentence(&op.docs));
        op_mods.push(quote!(#[doc = #d] pub mod #m;));
    }
    let op_doc = inner_doc("Operation inputs and outputs, one module per operation.");
    files.insert("src/operation.rs".to_string(), render("src/operation.rs", quote!(#op_doc #(#op_mods)*))?);
    Ok(files)
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

fn emit_primitives(krate: &Crate, files: &mut BTreeMap<String, String>) -> Result<()> {
    let wanted = |name: &str| match name {
        "blob" => krate.uses.blob,
        "big_number" => krate.uses.big_number,
        _ => true,
    };
    let mut mods = Vec::new();
    for (name, source) in RUNTIME.iter().filter(|(name, _)| wanted(name)) {
        files.insert(format!("src/primitives/{name}.rs"), format!("{}\n{source}", rust::HEADER));
        mods.push(*name);
    }
    let decls = mods.iter().filter(|m| **m != "wire").map(|m| ident(m));
    let blob = krate.uses.blob.then(|| quote!(pub use blob::Blob;));
    let big = krate.uses.big_number.then(|| quote!(pub use big_number::{BigDecimal, BigInteger};));
    let mod_rs = quote! {
        #![doc = " Types for Smithy's simple types that have no std equivalent, and the serde adapters"]
        #![doc = " generated code uses for their wire formats."]
        #(mod #decls;)*
        // The adapters are the same in every generated crate; a given model uses some of them.
        #[allow(dead_code)]
        pub(crate) mod wire;

        #big
        #blob
        pub use date_time::{DateTime, Format as DateTimeFormat};
        pub use document::Document;
    };
    files.insert("src/primitives/mod.rs".to_string(), render("src/primitives/mod.rs", mod_rs)?);
    Ok(())
}

fn error_rs() -> TokenStream {
    let docs = doc(" Why a builder could not build: the required members that were not set.");
    quote! {
        #![doc = " Errors shared by the whole crate."]

        #docs
        #[derive(::std::clone::Clone, ::std::cmp::PartialEq, ::std::cmp::Eq, ::std::fmt::Debug)]
        pub struct BuildError {
            type_name: &'static str,
            missing: ::std::vec::Vec<&'static str>,
        }

        impl BuildError {
            pub(crate) fn missing(type_name: &'static str, missing: ::std::vec::Vec<&'static str>) -> Self {
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

        impl ::std::fmt::Display for BuildError {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                write!(f, "cannot build `{}`: missing required member", self.type_name)?;
                if self.missing.len() > 1 {
                    f.write_str("s")?;
                }
                for (i, name) in self.missing.iter().enumerate() {
                    let sep = if i == 0 { " " } else { ", " };
                    write!(f, "{sep}`{name}`")?;
                }
                ::std::result::Result::Ok(())
            }
        }

        impl ::std::error::Error for BuildError {}
    }
}
