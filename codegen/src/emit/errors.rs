//! Errors: metadata on each error structure, an enum per operation with exactly the errors it
//! can return plus `Unhandled`, and the service-wide `Error` they all convert into.

use super::rust::{doc, type_path};
use crate::ir::{Crate, ErrorInfo, OperationDef, TypeDef, TypePath};
use crate::naming::{ident, unraw, with_article};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// `CODE`, `Display`, `std::error::Error` and `ErrorMetadata` for an error structure.
pub fn error_struct_impls(def: &TypeDef, info: &ErrorInfo, krate: &Crate) -> TokenStream {
    let name = ident(&def.path.name);
    let code = &info.code;
    let code_doc = format!(" The error code: `{code}`.");
    let message = match &info.message {
        Some((field, true)) => {
            let f = ident(field);
            quote!(, ? #f)
        }
        Some((field, false)) => {
            let f = ident(field);
            quote!(, #f)
        }
        None => quote!(),
    };
    let fault = if info.server_fault { quote!(Server) } else { quote!(Client) };
    let status = match info.http_status {
        Some(s) => quote!(::std::option::Option::Some(#s)),
        None => quote!(::std::option::Option::None),
    };
    let retry = match (info.retryable, info.throttling) {
        (true, true) => quote!(Throttling),
        (true, false) => quote!(Transient),
        _ => quote!(NotRetryable),
    };
    let validation = krate
        .validation_exception
        .as_ref()
        .filter(|ve| ve.error == def.path)
        .map(|ve| validation_exception_from(ve, def.shape_id.starts_with("smithy.framework#")));
    quote! {
        impl #name {
            #[doc = #code_doc]
            pub const CODE: &'static str = #code;
        }

        ::smithy_codegen_runtime::modeled_error_impls!(#name, #code, #fault, #status, #retry #message);

        #validation
    }
}

fn init(field: &str, optional: bool, value: TokenStream) -> TokenStream {
    let f = ident(field);
    if optional {
        quote!(#f: ::Option::Some(#value),)
    } else {
        quote!(#f: #value,)
    }
}

/// `From<ValidationError>` for the service's `ValidationException`, so servers and fakes can
/// answer invalid input the way the service does.
fn validation_exception_from(ve: &crate::ir::ValidationException, framework: bool) -> TokenStream {
    let name = ident(&ve.error.name);
    // Smithy's own `ValidationException` has its own wording.
    let summary = if framework { quote!(err.framework_summary()) } else { quote!(err.summary()) };
    let message = init(&ve.message.0, ve.message.1, summary);
    let reason = ve.reason.as_ref().map(|(field, optional, path, variant)| {
        let p = type_path(path);
        let v = ident(variant);
        init(field, *optional, quote!(#p::#v))
    });
    let fields = ve.field_list.as_ref().map(|fl| {
        let item = type_path(&fl.item);
        let name = init(&fl.name.0, fl.name.1, quote!(violation.path().to_string()));
        let message = init(&fl.message.0, fl.message.1, quote!(violation.message().to_string()));
        let list = quote! {
            err.violations().iter().map(|violation| #item {
                #name
                #message
                ..::Default::default()
            }).collect()
        };
        init(&fl.field, fl.optional, list)
    });
    quote! {
        impl ::From<crate::error::ValidationError> for #name {
            fn from(err: crate::error::ValidationError) -> Self {
                Self {
                    #message
                    #reason
                    #fields
                    ..::Default::default()
                }
            }
        }
    }
}

/// The enum variant for an error type; `Unhandled` is taken by the catch-all.
pub(crate) fn variant(path: &TypePath) -> proc_macro2::Ident {
    let name = unraw(&path.name).trim_end_matches('_');
    if name == "Unhandled" {
        format_ident!("UnhandledError")
    } else {
        format_ident!("{}", name)
    }
}

fn snake(path: &TypePath) -> String {
    heck::ToSnakeCase::to_snake_case(variant(path).to_string().as_str())
}

/// An error enum over `errors` plus `Unhandled`, with `is_*`; the runtime's macro adds
/// metadata, `Display`, `Error`, `From` each error and, with `into`, the conversion into it.
fn error_enum(name: &proc_macro2::Ident, docs: &str, errors: &[TypePath], into: Option<TokenStream>, krate: &Crate) -> TokenStream {
    let docs = doc(docs);
    let variants = errors.iter().map(|e| {
        let v = variant(e);
        let p = type_path(e);
        let d = krate
            .types
            .iter()
            .find(|t| &t.path == e)
            .map(|t| super::first_sentence(&t.docs))
            .unwrap_or_default();
        let d = doc(&d);
        quote!(#d #v(#p),)
    });
    let is_fns = errors.iter().map(|e| {
        let v = variant(e);
        let f = format_ident!("is_{}", snake(e));
        let d = format!(" Whether this is {}.", with_article(&format!("`{}`", unraw(&e.name))));
        quote! {
            #[doc = #d]
            pub fn #f(&self) -> bool {
                ::std::matches!(self, Self::#v(_))
            }
        }
    });
    let pairs = errors.iter().map(|e| {
        let v = variant(e);
        let p = type_path(e);
        quote!(#v(#p))
    });
    let into = into.map(|target| quote!(into #target));
    // A modeled error may hold a whole structure inline (the awsJson1_1 suite's
    // `ErrorWithMembers`); its variant stays unboxed, as in the AWS SDK, since errors are the
    // rare path.
    quote! {
        #docs
        #[derive(::Clone, ::Debug)]
        #[non_exhaustive]
        #[allow(clippy::large_enum_variant)]
        pub enum #name {
            #(#variants)*
            /// An error the model does not name here: an unknown code, an unreadable body, or
            /// an operation an implementation does not provide. It keeps the code, message and
            /// raw body.
            Unhandled(crate::error::Unhandled),
        }

        impl #name {
            #(#is_fns)*
            /// Whether this is an error the model does not name.
            pub fn is_unhandled(&self) -> bool {
                ::std::matches!(self, Self::Unhandled(_))
            }

        }

        ::smithy_codegen_runtime::error_enum_impls!(#name #into { #(#pairs),* });
    }
}

/// `<Op>Error`, its reader from a code and JSON body, and its conversion into `crate::Error`.
pub fn operation_error(op: &OperationDef, krate: &Crate) -> TokenStream {
    let name = format_ident!("{}Error", unraw(&op.name));
    let docs = format!("The errors `{}` can return: its own, the service's, and `Unhandled`.", op.wire_name);
    let enum_tokens = error_enum(&name, &docs, &op.errors, Some(quote!(crate::Error)), krate);
    let reader = reader(&op.errors, krate);
    let not_impl_doc = format!(" The error an implementation returns for `{}` when it does not provide it.", op.wire_name);
    let wire = &op.wire_name;
    quote! {
        #enum_tokens

        impl #name {
            #[doc = #not_impl_doc]
            pub fn not_implemented() -> Self {
                Self::Unhandled(crate::error::Unhandled::not_implemented(#wire))
            }

            #reader
        }
    }
}

/// `from_code_and_body`: the modeled error for a code, read from its JSON body.
fn reader(errors: &[TypePath], krate: &Crate) -> TokenStream {
    let arms: Vec<TokenStream> = errors
        .iter()
        .map(|e| {
            let v = variant(e);
            let code = krate
                .types
                .iter()
                .find(|t| &t.path == e)
                .and_then(|t| match &t.kind {
                    crate::ir::TypeKind::Struct(s) => s.error.as_ref().map(|i| i.code.clone()),
                    _ => None,
                })
                .unwrap_or_else(|| unraw(&e.name).to_string());
            quote!(#code => crate::error::Unhandled::read(code, status, body).map_or_else(Self::Unhandled, Self::#v),)
        })
        .collect();
    let unhandled = quote!(Self::Unhandled(crate::error::Unhandled::from_response(::Option::Some(code), status, body)));
    let dispatch = if arms.is_empty() {
        unhandled
    } else {
        quote! {
            match code {
                #(#arms)*
                _ => #unhandled,
            }
        }
    };
    quote! {
        /// Reads the error a service sent: `code` is the error code with any namespace
        /// prefix and `:` suffix removed, `body` the JSON response body (empty reads as
        /// `{}`). Codes not modeled here, and bodies that do not parse, become `Unhandled`
        /// with the code, message, status and body kept.
        pub fn from_code_and_body(code: &str, status: ::Option<u16>, body: &[u8]) -> Self {
            let body: &[u8] = if body.iter().all(u8::is_ascii_whitespace) { b"{}" } else { body };
            #dispatch
        }
    }
}

/// The service-wide `Error`: every error any operation returns.
pub fn service_error(krate: &Crate) -> TokenStream {
    let mut all: Vec<TypePath> = krate.operations.iter().flat_map(|o| o.errors.iter().cloned()).collect();
    all.sort();
    all.dedup();
    let docs = format!(
        "Any error an operation of {} returns, so errors from several operations can be\npropagated with `?` into one type. Every operation's error converts into it.",
        krate.service.title
    );
    let enum_tokens = error_enum(&format_ident!("Error"), &docs, &all, None, krate);
    let reader = reader(&all, krate);
    quote! {
        #enum_tokens

        impl Error {
            #reader
        }
    }
}
