//! `src/lib.rs`: the crate docs (the service's own, plus tested examples chosen from its
//! operations) and the module tree.

use super::rust::inner_doc;
use crate::ir::{Crate, EnumValue, Field, Location, Rules, TimestampFormat, Ty, TypeDef, TypeKind, TypePath};
use crate::naming::unraw;
use proc_macro2::TokenStream;
use quote::quote;
use serde_json::{json, Map, Value};
use std::fmt::Write as _;

pub fn lib_rs(krate: &Crate) -> TokenStream {
    let docs = inner_doc(&crate_docs(krate));
    let service = quote::format_ident!("{}", krate.service.trait_name);
    let dyn_service = quote::format_ident!("Dyn{}", krate.service.trait_name);
    let patterns = (!krate.patterns.is_empty()).then(|| quote!(mod patterns;));
    // The client and the server speak the JSON protocols only.
    let has_server = crate::protocol::for_crate(krate).has_server();
    let server = has_server.then(|| quote!(#[cfg(feature = "server")] pub mod server;));
    let wire = crate::protocol::for_crate(krate).has_client_and_server().then(|| {
        quote! {
            #[cfg(feature = "client")]
            #[doc(inline)]
            pub use ::smithy_codegen_runtime::auth;
            #[cfg(feature = "client")]
            pub mod client;
            #[cfg(feature = "client")]
            pub mod endpoint;
            #server
            #[cfg(feature = "client")]
            pub use client::{Client, Config};
        }
    });
    quote! {
        #docs
        #![forbid(unsafe_code)]
        #![warn(missing_docs)]

        pub mod error;
        pub mod operation;
        pub mod primitives;
        pub mod service;
        pub mod types;
        #patterns
        #wire

        pub use error::Error;
        pub use service::{#dyn_service, #service};
        #[doc(inline)]
        pub use ::smithy_codegen_runtime::pagination;
    }
}

fn crate_docs(krate: &Crate) -> String {
    let mut out = format!("# {}\n\n", krate.service.title);
    if let Some(docs) = &krate.service.docs {
        out.push_str(docs);
        out.push_str("\n\n");
    }
    let has_builders = krate.types.iter().any(|t| t.path.location == Location::Types && matches!(t.kind, TypeKind::Struct(_)));
    let builders = if has_builders { ", with builders in [`types::builders`]" } else { "" };
    let protocol = crate::protocol::for_crate(krate);
    let _ = write!(
        out,
        "This crate holds the service's data types, generated from its Smithy model: \
         [`types`] (structures, enums and unions{builders}), \
         [`operation`] (each operation's input and output) and [`primitives`] (timestamps, \
         blobs, documents and big numbers). {}\n\n",
        protocol.serde_docs(krate.service.protocol.as_deref().unwrap_or("none"))
    );
    if let Some(example) = krate.examples.input.as_deref().and_then(|op| input_example(krate, op)) {
        out.push_str(&example);
    }
    if let Some(example) = krate.examples.output.as_deref().and_then(|op| output_example(krate, op)) {
        out.push_str(&example);
    }
    out.push_str(
        "## Optional and required members\n\n\
         A member the model marks `@required`, or gives a `@default`, is a plain value; every other \
         member is an `Option`. Operation inputs are the exception: all their members are `Option`s, \
         so that a request can be built in steps, and their builders report every required member \
         left unset.\n\n\
         When a response leaves out a required member, or sends it as `null`, the member gets its \
         zero value (empty string, `0`, `false`, empty list or map, the Unix epoch, or an enum's \
         empty `Unknown` value) instead of failing the whole response. This is the client error \
         correction the Smithy specification recommends, so that a service can relax a member \
         from required to optional without breaking its clients.\n\n\
         Enums and unions have an `Unknown` variant that keeps values this crate does not know, so \
         a value the service adds later round-trips unchanged; an enum's is opaque (read it with \
         `as_str()`), so no match can depend on a value a later model names. Members the model marks \
         `@sensitive` print as `*** Sensitive Data Redacted ***` in `Debug` output.\n",
    );
    let trait_name = &krate.service.trait_name;
    let _ = write!(
        out,
        "\n## Calling, implementing and serving the service\n\n\
         [`{trait_name}`] is the service as a trait, one async method per operation, so code written \
         against it runs against a real client, a fake in tests, or anything else that implements it; \
         [`Dyn{trait_name}`] is its object-safe twin.\n"
    );
    if let Some(name) = protocol.display_name() {
        let server = if protocol.has_server() {
            "; with `server`, `server::Server` serves any implementation of the trait over the same protocol. Both need"
        } else {
            ". It needs"
        };
        let _ = write!(
            out,
            "\nWith the `client` feature, `Client` calls the service over HTTP ({name}, SigV4, the \
             model's endpoint rules, standard retries and timeouts) and implements the trait{server} \
             Rust 1.94.1; the crate without them builds with Rust 1.85.\n"
        );
    }
    out
}

fn io_def<'a>(krate: &'a Crate, op: &str, output: bool) -> Option<&'a TypeDef> {
    let op = krate.operations.iter().find(|o| o.name == op)?;
    let path = if output { &op.output } else { &op.input };
    krate.type_def(path)
}

fn fields(def: &TypeDef) -> &[Field] {
    match &def.kind {
        TypeKind::Struct(s) => &s.fields,
        _ => &[],
    }
}

fn rust_path(lib: &str, path: &TypePath) -> String {
    let mut segments = vec![lib.to_string()];
    // Segments keep their `r#`: a module named after a keyword needs it in a path.
    segments.extend(path.location.segments());
    segments.push(path.name.clone());
    segments.join("::")
}

fn module_path(lib: &str, location: &Location) -> String {
    let mut segments = vec![lib.to_string()];
    segments.extend(location.segments());
    segments.join("::")
}

fn input_example(krate: &Crate, op: &str) -> Option<String> {
    let def = io_def(krate, op, false)?;
    let lib = &krate.lib_name;
    let name = unraw(&def.path.name);
    let required: Vec<&Field> = fields(def).iter().filter(|f| f.required && f.default.is_none()).collect();
    let mut code = format!("use {}::{name};\n\nlet input = {name}::builder()\n", module_path(lib, &def.path.location));
    let mut valid = true;
    for f in &required {
        let (value, ok) = sample_rust(krate, f);
        valid &= ok;
        // A collection's plain setter adds one element; the sample is the whole (empty) value.
        let _ = match f.ty {
            Ty::List { .. } | Ty::Map { .. } => writeln!(code, "    .{}(Some({value}))", f.set_setter),
            _ => writeln!(code, "    .{}({value})", f.setter),
        };
    }
    let fallible = !required.is_empty();
    code.push_str(if fallible { "    .build()?;\n" } else { "    .build();\n" });
    if valid {
        code.push_str("// The values meet the model's constraints (`@length`, `@pattern`, ...).\ninput.validate()?;\n");
    }
    if let Some(f) = required.iter().find(|f| f.ty == Ty::String) {
        let (value, _) = sample_rust(krate, f);
        if f.optional {
            let _ = writeln!(code, "assert_eq!(input.{}.as_deref(), Some({value}));", f.name);
        } else {
            let _ = writeln!(code, "assert_eq!(input.{}, {value});", f.name);
        }
    }
    let protocol = crate::protocol::for_crate(krate);
    code.push_str("\n// The JSON the service expects (for a protocol with HTTP bindings, the body's part).\nlet json = serde_json::to_string(&input)?;\n");
    if let Some(f) = required.iter().find(|f| protocol.in_body(f)) {
        // The key as serde_json writes it, as a Rust string literal: any wire name is safe.
        let key = serde_json::to_string(protocol.json_key(&f.wire_name, f.json_name.as_deref())).ok()?;
        let _ = writeln!(code, "assert!(json.contains({key:?}));");
    }
    code.push_str("# Ok::<(), Box<dyn std::error::Error>>(())\n");
    let builder_note = if fallible {
        "`build()` fails, naming each required member, if one is left unset."
    } else {
        "Every member is optional."
    };
    Some(format!(
        "## Building a request\n\nThe input of `{op}` is built with its builder. {builder_note} \
         As in the AWS SDK for Rust, a list member's setter appends one item per call, a map \
         member's inserts one entry, and `set_*` replaces the whole value.\n\n```\n{code}```\n\n"
    ))
}

fn output_example(krate: &Crate, op: &str) -> Option<String> {
    let def = io_def(krate, op, true)?;
    let lib = &krate.lib_name;
    let name = unraw(&def.path.name);
    let mut body = Map::new();
    let mut asserts = String::new();
    let mut imports = vec![format!("{}::{name}", module_path(lib, &def.path.location))];
    let protocol = crate::protocol::for_crate(krate);
    for f in fields(def).iter().filter(|f| protocol.in_body(f)) {
        let Some(value) = sample_json(krate, f) else { continue };
        if asserts.lines().count() < 4 {
            match (&f.ty, f.optional, &value) {
                (Ty::String, false, Value::String(s)) => {
                    let _ = writeln!(asserts, "assert_eq!(output.{}, {s:?});", f.name);
                }
                (Ty::String, true, Value::String(s)) => {
                    let _ = writeln!(asserts, "assert_eq!(output.{}.as_deref(), Some({s:?}));", f.name);
                }
                (Ty::Named(path), _, Value::String(s)) => {
                    let type_name = unraw(&path.name);
                    if let Some(variant) = enum_variant(krate, path, s) {
                        imports.push(rust_path(lib, path));
                        let expected = format!("{type_name}::{variant}");
                        let expected = if f.optional { format!("Some({expected})") } else { expected };
                        let _ = writeln!(asserts, "assert_eq!(output.{}, {expected});", f.name);
                    }
                }
                _ => {}
            }
        }
        body.insert(protocol.json_key(&f.wire_name, f.json_name.as_deref()).to_string(), value);
    }
    let json = serde_json::to_string_pretty(&Value::Object(body)).ok()?;
    let json: String = json.lines().map(|l| format!("{l}\n")).collect();
    let uses: String = imports.iter().map(|i| format!("use {i};\n")).collect();
    let hashes = raw_string_hashes(&json);
    Some(format!(
        "## Reading a response\n\nThe output of `{op}`, read from the JSON the service sends:\n\n```\n{uses}\nlet output: {name} = serde_json::from_str(r{hashes}\"\n{json}\"{hashes})?;\n{asserts}# Ok::<(), serde_json::Error>(())\n```\n\n"
    ))
}

/// The `#`s a raw string literal holding `text` needs: one more than the longest run of `#`
/// after a `"` in it, so that nothing inside ends the literal.
fn raw_string_hashes(text: &str) -> String {
    let longest = text.split('"').skip(1).map(|after| after.len() - after.trim_start_matches('#').len()).max().unwrap_or(0);
    "#".repeat(longest + 1)
}

fn enum_variant(krate: &Crate, path: &TypePath, value: &str) -> Option<String> {
    let def = krate.type_def(path)?;
    let TypeKind::Enum(e) = &def.kind else { return None };
    e.variants.iter().find(|v| v.value == EnumValue::String(value.to_string())).map(|v| unraw(&v.name).to_string())
}

/// A string for `f` that meets its constraints, and whether one was found (else a readable one
/// that may not).
fn sample_string(f: &Field) -> (String, bool) {
    match super::sample::string(&f.wire_name, &f.rules) {
        Some(s) => (s, true),
        None => (format!("example-{}", heck::ToKebabCase::to_kebab_case(f.wire_name.as_str())), false),
    }
}

/// An integer in the member's `@range` (1 when it allows it), and whether it is in range.
fn sample_integer(rules: &Rules) -> (i64, bool) {
    let bound = |b: &Option<String>| b.as_deref().and_then(|t| t.parse::<f64>().ok());
    let (lo, hi) = rules.range.as_ref().map_or((None, None), |(lo, hi)| (bound(lo), bound(hi)));
    let n = match lo {
        Some(lo) if lo > 1.0 => lo.ceil() as i64,
        _ => 1,
    };
    (n, lo.is_none_or(|lo| n as f64 >= lo) && hi.is_none_or(|hi| n as f64 <= hi))
}

/// A Rust expression of `f`'s type (or convertible into it) for a builder setter, and whether
/// it meets the member's constraints.
fn sample_rust(krate: &Crate, f: &Field) -> (String, bool) {
    let lib = &krate.lib_name;
    let ty = match &f.ty {
        Ty::Boxed(inner) => inner.as_ref(),
        other => other,
    };
    let no_min_length = f.rules.length.is_none_or(|(min, _)| min.unwrap_or(0) == 0);
    match ty {
        Ty::String => {
            let (s, ok) = sample_string(f);
            (format!("{s:?}"), ok)
        }
        Ty::Bool => ("true".into(), true),
        Ty::I8 | Ty::I16 | Ty::I32 | Ty::I64 => {
            let (n, ok) = sample_integer(&f.rules);
            (n.to_string(), ok)
        }
        Ty::F32 | Ty::F64 => ("1.5".into(), f.rules.range.is_none()),
        Ty::DateTime(_) => (format!("{lib}::primitives::DateTime::from_secs(1_700_000_000)"), true),
        Ty::Named(path) => match krate.type_def(path).map(|d| &d.kind) {
            Some(TypeKind::Enum(e)) => match e.variants.first().map(|v| &v.value) {
                Some(EnumValue::String(s)) => (format!("{}::from({s:?})", rust_path(lib, path)), true),
                Some(EnumValue::Int(i)) => (format!("{}::from({i})", rust_path(lib, path)), true),
                None => (format!("{}::default()", rust_path(lib, path)), false),
            },
            // A structure's default may leave its own required members empty.
            _ => (format!("{}::default()", rust_path(lib, path)), false),
        },
        Ty::Boxed(_) => (String::new(), false),
        Ty::List { .. } => ("Vec::new()".into(), no_min_length),
        Ty::Map { .. } => ("std::collections::HashMap::new()".into(), no_min_length),
        Ty::Blob => (format!("{lib}::primitives::Blob::new(b\"example\".to_vec())"), f.rules.length.is_none()),
        Ty::Document => ("serde_json::json!({})".into(), true),
        Ty::BigInteger => (format!("{lib}::primitives::BigInteger::from(1i64)"), f.rules.range.is_none()),
        Ty::BigDecimal => (format!("{lib}::primitives::BigDecimal::from(1i64)"), f.rules.range.is_none()),
    }
}

/// A wire value for a simple member, or `None` for aggregates and collections.
fn sample_json(krate: &Crate, f: &Field) -> Option<Value> {
    Some(match &f.ty {
        Ty::String => Value::String(sample_string(f).0),
        Ty::Bool => json!(true),
        Ty::I8 | Ty::I16 | Ty::I32 | Ty::I64 => json!(1),
        Ty::DateTime(None | Some(TimestampFormat::EpochSeconds)) => json!(1_700_000_000),
        Ty::DateTime(Some(TimestampFormat::DateTime)) => json!("2023-11-14T22:13:20Z"),
        Ty::DateTime(Some(TimestampFormat::HttpDate)) => json!("Tue, 14 Nov 2023 22:13:20 GMT"),
        Ty::Named(path) => {
            let TypeKind::Enum(e) = &krate.type_def(path)?.kind else { return None };
            match &e.variants.first()?.value {
                EnumValue::String(s) => json!(s),
                EnumValue::Int(i) => json!(i),
            }
        }
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::raw_string_hashes;

    #[test]
    fn raw_strings_outlast_their_contents() {
        assert_eq!(raw_string_hashes(r#"{ "a": "b" }"#), "#");
        assert_eq!(raw_string_hashes(r###"{ "a": "\"#" }"###), "##");
        assert_eq!(raw_string_hashes(r####"{ "x\"##": 1 }"####), "###");
        assert_eq!(raw_string_hashes("a # b"), "#");
    }
}
