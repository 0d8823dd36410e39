//! Writes `$OUT_DIR/services.rs` for the protocol targets: for each generated crate they drive
//! (the restJson1 and awsJson1_0 suite crates and MWAA), read from its `src/service.rs`:
//!
//! - `Answering`: an implementation of the service trait whose every operation answers what
//!   the generated client would read from the canned response in `protocol::server::HANDLER`
//!   (an output for a 2xx, else the operation's error), and records the call there;
//! - `OPERATIONS`: the operations' model names, in the trait's order;
//! - `call`: calls operation number `n` on a generated `Client` and sums up what it returned.
//!
//! Reading the trait rather than listing operations by hand keeps the targets in step with
//! `cargo xtask codegen`: a regenerated crate rebuilds them with its new operations.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;
use std::path::{Path, PathBuf};

/// One generated crate the targets drive.
struct Crate {
    /// The module of `services.rs` that drives it.
    module: &'static str,
    /// The crate's library name.
    lib: &'static str,
    /// Its directory, from this crate's root.
    dir: &'static str,
    /// restJson1 (inputs have HTTP bindings), else awsJson.
    rest: bool,
    /// Its index in `protocol::model::services()`.
    index: usize,
}

const CRATES: &[Crate] = &[
    Crate {
        module: "restjson",
        lib: "aws_protocol_tests_restjson",
        dir: "../../tests/protocol-restjson",
        rest: true,
        index: 0,
    },
    Crate {
        module: "json10",
        lib: "aws_protocol_tests_json10",
        dir: "../../tests/protocol-json10",
        rest: false,
        index: 1,
    },
    Crate {
        module: "mwaa",
        lib: "mwaa_serverless",
        dir: "../../generated",
        rest: false,
        index: 2,
    },
];

/// One operation of a service trait.
struct Method {
    name: Ident,
    input: syn::Type,
    error: syn::Type,
}

fn main() {
    let root =
        PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let mut modules = TokenStream::new();
    for krate in CRATES {
        let path = root.join(krate.dir).join("src/service.rs");
        println!("cargo:rerun-if-changed={}", path.display());
        modules.extend(service_module(krate, &path));
    }
    let out =
        PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("services.rs");
    std::fs::write(&out, modules.to_string()).expect("OUT_DIR is writable");
    println!("cargo:rerun-if-changed=build.rs");
}

fn service_module(krate: &Crate, service_rs: &Path) -> TokenStream {
    let text = std::fs::read_to_string(service_rs)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", service_rs.display()));
    let file = syn::parse_file(&text)
        .unwrap_or_else(|e| panic!("{} does not parse: {e}", service_rs.display()));
    let service_trait = file
        .items
        .iter()
        .find_map(|item| match item {
            syn::Item::Trait(t) if !t.ident.to_string().starts_with("Dyn") => Some(t),
            _ => None,
        })
        .unwrap_or_else(|| panic!("{} has no service trait", service_rs.display()));
    let lib = Ident::new(krate.lib, Span::call_site());
    // Operations return `impl Future<Output = Result<_, _>>`; the `*_paginator` methods do not.
    let methods: Vec<Method> = service_trait
        .items
        .iter()
        .filter_map(|item| match item {
            syn::TraitItem::Fn(f) => method(f, &lib),
            _ => None,
        })
        .collect();
    let module = Ident::new(krate.module, Span::call_site());
    let trait_name = &service_trait.ident;
    let service = quote!(::#lib::service::#trait_name);
    let index = krate.index;
    // The client's own protocol value, to read the canned response exactly as the client does.
    let protocol = if krate.rest {
        quote!(&::smithy_codegen_runtime::protocol::rest_json::RestJson)
    } else {
        quote!(crate::protocol::model::services()[#index].aws_json())
    };

    let answering = methods.iter().enumerate().map(|(i, m)| {
        let Method { name, input, error } = m;
        let op = operation_type(input);
        quote! {
            fn #name(&self, input: #input) -> impl ::std::future::Future<Output = ::std::result::Result<<#op as ::smithy_codegen_runtime::operation::Operation>::Output, #error>> + Send {
                // The server validates before it calls: an invalid input here is a finding.
                let valid = input.validate().is_ok();
                let answer = crate::protocol::server::answer::<#op, _>(#protocol, #i, valid);
                async move { answer }
            }
        }
    });
    let names = methods.iter().map(|m| {
        let op = operation_type(&m.input);
        quote!(<#op as ::smithy_codegen_runtime::operation::Operation>::NAME)
    });
    let calls = methods.iter().enumerate().map(|(i, m)| {
        let Method { name, input, error } = m;
        let make_input = if krate.rest {
            quote!(crate::protocol::client::rest_input::<#input>(labels))
        } else {
            quote!(<#input as ::std::default::Default>::default())
        };
        quote! {
            #i => {
                let input: #input = #make_input;
                let result = #service::#name(client, input).await;
                ::std::option::Option::Some(crate::protocol::client::outcome(result, |e: &#error| e.is_unhandled()))
            }
        }
    });
    let count = methods.len();
    quote! {
        /// The generated crate's service, as the protocol targets drive it.
        pub mod #module {
            /// Every operation answers what the client reads from the canned response.
            #[derive(Clone, Copy, Debug)]
            pub struct Answering;
            impl #service for Answering {
                #(#answering)*
            }

            /// The server type.
            pub type Server = ::#lib::server::Server<Answering>;
            /// The client type.
            pub type Client = ::#lib::Client;

            /// A client with `config`.
            pub fn client(config: ::smithy_codegen_runtime::client::Config) -> Client {
                Client::new(config)
            }

            /// The operations' model names, in the service trait's order.
            pub const OPERATIONS: [&str; #count] = [#(#names),*];

            /// Calls operation number `op` (in [`OPERATIONS`]' order); a restJson1 input gets
            /// `labels` (every other member unset). `None` for no such operation.
            pub async fn call(client: &Client, op: usize, labels: &[(&'static str, ::std::string::String)]) -> ::std::option::Option<crate::protocol::client::Outcome> {
                let _ = labels;
                match op {
                    #(#calls)*
                    _ => ::std::option::Option::None,
                }
            }
        }
    }
}

/// An operation method: `fn name(&self, input: crate::operation::m::XInput) -> impl Future<Output
/// = Result<XOutput, XError>> + Send`, with `crate` replaced by the crate's name; `None` for a
/// method of another form (a paginator).
fn method(f: &syn::TraitItemFn, krate: &Ident) -> Option<Method> {
    let sig = &f.sig;
    let input = sig
        .inputs
        .iter()
        .find_map(|arg| match arg {
            syn::FnArg::Typed(t) => Some((*t.ty).clone()),
            syn::FnArg::Receiver(_) => None,
        })
        .unwrap_or_else(|| panic!("`{}` takes no input", sig.ident));
    let syn::ReturnType::Type(_, ret) = &sig.output else {
        panic!("`{}` returns nothing", sig.ident)
    };
    let (_output, error) = future_result(ret)?;
    Some(Method {
        name: sig.ident.clone(),
        input: absolute(input, krate),
        error: absolute(error, krate),
    })
}

/// `O` and `E` of `impl Future<Output = Result<O, E>> + Send`.
fn future_result(ty: &syn::Type) -> Option<(syn::Type, syn::Type)> {
    let syn::Type::ImplTrait(it) = ty else {
        return None;
    };
    it.bounds.iter().find_map(|bound| {
        let syn::TypeParamBound::Trait(t) = bound else {
            return None;
        };
        let last = t.path.segments.last()?;
        let syn::PathArguments::AngleBracketed(args) = &last.arguments else {
            return None;
        };
        args.args.iter().find_map(|arg| {
            let syn::GenericArgument::AssocType(assoc) = arg else {
                return None;
            };
            let syn::Type::Path(result) = &assoc.ty else {
                return None;
            };
            let syn::PathArguments::AngleBracketed(args) = &result.path.segments.last()?.arguments
            else {
                return None;
            };
            let mut types = args.args.iter().filter_map(|a| match a {
                syn::GenericArgument::Type(t) => Some(t.clone()),
                _ => None,
            });
            Some((types.next()?, types.next()?))
        })
    })
}

/// The type with a leading `crate` replaced by `::krate`.
fn absolute(ty: syn::Type, krate: &Ident) -> syn::Type {
    let text = quote!(#ty).to_string();
    let replaced = match text.strip_prefix("crate ") {
        Some(rest) => format!(":: {krate} {rest}"),
        None => text,
    };
    syn::parse_str(&replaced).unwrap_or_else(|e| panic!("`{replaced}` does not parse: {e}"))
}

/// The operation's unit type from its input type: `…::m::XInput` → `…::m::X`.
fn operation_type(input: &syn::Type) -> syn::Path {
    let syn::Type::Path(p) = input else {
        panic!("the input is not a path")
    };
    let mut path = p.path.clone();
    let last = path.segments.last_mut().expect("a path has a segment");
    let name = last.ident.to_string();
    let op = name
        .strip_suffix("Input")
        .unwrap_or_else(|| panic!("input type `{name}` does not end in `Input`"));
    last.ident = Ident::new(op, last.ident.span());
    path
}
