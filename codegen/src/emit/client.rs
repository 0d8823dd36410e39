//! `src/client.rs` and `src/client/builders.rs`: the `Client` (the service trait over HTTP) and
//! its fluent builders. The call machinery is in the runtime crate, shared by all operations of
//! all services.

use super::rust::{doc, render, type_path};
use crate::error::Result;
use crate::ir::{Crate, OperationDef, TypeDef, TypeKind};
use crate::naming::{ident, unraw, with_article};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use std::collections::BTreeMap;

pub fn emit(krate: &Crate, files: &mut BTreeMap<String, String>) -> Result<()> {
    files.insert("src/client.rs".to_string(), render("src/client.rs", client_rs(krate))?);
    Ok(())
}

/// `src/client/builders.rs`, the largest client file: a job of its own.
pub fn emit_builders(krate: &Crate, files: &mut BTreeMap<String, String>) -> Result<()> {
    files.insert("src/client/builders.rs".to_string(), render("src/client/builders.rs", builders_rs(krate))?);
    Ok(())
}

fn error_path(op: &OperationDef) -> TokenStream {
    let module = super::rust::location_path(&op.input.location);
    let error = format_ident!("{}Error", unraw(&op.name));
    quote!(#module::#error)
}

fn input_def<'a>(krate: &'a Crate, op: &OperationDef) -> Option<&'a TypeDef> {
    krate.type_def(&op.input)
}

fn client_rs(krate: &Crate) -> TokenStream {
    let service = &krate.service;
    let trait_name = format_ident!("{}", service.trait_name);
    let protocol = crate::protocol::for_crate(krate);
    let protocol_const = protocol.client_protocol(krate);
    let name = &service.shape_name;
    let sdk_id = match &service.sdk_id {
        Some(id) => quote!(::Option::Some(#id)),
        None => quote!(::Option::None),
    };
    let signing_name = match &service.signing_name {
        Some(name) => quote!(::Option::Some(#name)),
        None => quote!(::Option::None),
    };
    let user_agent = format!("{}/{}", krate.package_name, krate.version);
    let docs = format!(
        " The HTTP client for {}: it implements [`{}`](crate::{}), so code written against\n the trait runs against the real service unchanged.",
        service.title, service.trait_name, service.trait_name
    );
    let example_op = krate.operations.first().map(|op| unraw(&op.module).to_string()).unwrap_or_default();
    let usage = format!(
        " Each operation has a fluent form, `client.{example_op}().member(value).send().await`, and\n the trait's method, which takes a whole input: with the trait in scope, call it as\n `{}::{example_op}(&client, input)` (the fluent method of the same name takes no input).",
        service.trait_name
    );
    let module_docs = protocol.client_module_docs(krate);
    let module_docs = module_docs.lines().map(|l| format!(" {l}").trim_end().to_string()).map(|l| quote!(#![doc = #l]));
    let trait_impls = krate.operations.iter().map(|op| trait_method(krate, op));
    let fluent = krate.operations.iter().map(|op| {
        let m = fluent_method(op);
        let b = format_ident!("{}FluentBuilder", unraw(&op.name));
        let d = doc(&format!("Calls `{}`: {}", op.wire_name, super::first_sentence(&op.docs)));
        quote! {
            #d
            pub fn #m(&self) -> builders::#b {
                builders::#b::with_client(::Clone::clone(self))
            }
        }
    });
    let error_impls = krate.operations.iter().map(|op| {
        let e = error_path(op);
        let read = protocol.error_from_response(krate, op);
        quote! {
            impl ::smithy_codegen_runtime::client::OperationError for #e {
                fn from_response(code: &str, response: &HttpResponse) -> Self {
                    #read
                }
                fn from_unhandled(err: crate::error::Unhandled) -> Self {
                    Self::Unhandled(err)
                }
            }
        }
    });
    quote! {
        #(#module_docs)*

        pub mod builders;

        pub use ::smithy_codegen_runtime::client::{
            transport_fn, ClientError, ClientErrorKind, Config, ConfigBuilder, FnTransport, HttpRequest, HttpResponse,
            HttpTransport, HyperTransport, IdempotencyTokenProvider, RetryConfig, TimeoutConfig, TransportError,
            TransportErrorKind, TransportFuture,
        };
        use ::smithy_codegen_runtime::client::{CallOptions, Handle, ServiceInfo};

        const SERVICE: ServiceInfo = ServiceInfo {
            name: #name,
            sdk_id: #sdk_id,
            signing_name: #signing_name,
            user_agent: #user_agent,
            resolve_endpoint: crate::endpoint::resolve_builtins,
        };

        #protocol_const

        #[doc = #docs]
        #[doc = ""]
        #[doc = #usage]
        #[doc = ""]
        /// Cloning is cheap: clones share the configuration, the connection pool and the
        /// retry quota.
        #[derive(::Clone, ::Debug)]
        pub struct Client {
            handle: ::Arc<Handle>,
        }

        impl Client {
            /// A client with the given configuration: a [`Config`], or anything that converts
            /// into one (with the `aws-config` feature, an `&aws_types::SdkConfig`). One
            /// configuration can build clients of any number of services.
            pub fn new(config: impl ::Into<Config>) -> Self {
                Client { handle: ::Arc::new(Handle::new(config.into(), SERVICE)) }
            }

            /// A client configured from the environment, as the AWS CLI is: see
            /// [`Config::from_env`].
            pub fn from_env() -> Self {
                Self::new(Config::from_env())
            }

            /// The client's configuration.
            pub fn config(&self) -> &Config {
                self.handle.config()
            }

            #(#fluent)*
        }

        impl crate::#trait_name for Client {
            #(#trait_impls)*
        }

        #(#error_impls)*
    }
}

/// The `Client` method that starts an operation's fluent builder: the operation's snake-case
/// name, unless that is one of `Client`'s own methods.
fn fluent_method(op: &OperationDef) -> proc_macro2::Ident {
    match unraw(&op.module) {
        name @ ("new" | "from_env" | "config") => format_ident!("{}_operation", name),
        _ => ident(&op.module),
    }
}

fn trait_method(krate: &Crate, op: &OperationDef) -> TokenStream {
    let m = ident(&op.module);
    let unit = ident(&op.name);
    let module = super::rust::location_path(&op.input.location);
    let input = type_path(&op.input);
    let output = type_path(&op.output);
    let error = error_path(op);
    // An unset `@idempotencyToken` member gets a fresh UUID, as AWS SDKs do.
    let token = op.idempotency_token.as_ref().and_then(|wire| {
        let def = input_def(krate, op)?;
        let TypeKind::Struct(s) = &def.kind else { return None };
        let field = s.fields.iter().find(|f| &f.wire_name == wire)?;
        let f = ident(&field.name);
        Some(if field.optional {
            quote! {
                if input.#f.is_none() {
                    input.#f = ::Option::Some(self.handle.idempotency_token());
                }
            }
        } else {
            quote! {
                if input.#f.is_empty() {
                    input.#f = self.handle.idempotency_token();
                }
            }
        })
    });
    let binding = if token.is_some() { quote!(mut input) } else { quote!(input) };
    let host_prefix = match op.host_prefix.as_deref() {
        Some(prefix) => host_prefix(krate, op, prefix),
        None => quote!(::Option::None),
    };
    let gzip = op.request_gzip;
    let md5 = op.checksum_required;
    quote! {
        fn #m(&self, #binding: #input) -> impl ::Future<Output = ::Result<#output, #error>> + ::Send {
            #token
            let options = CallOptions { host_prefix: #host_prefix, gzip: #gzip, content_md5: #md5 };
            self.handle.clone().call::<#module::#unit, _>(&PROTOCOL, input, options)
        }
    }
}

/// `@endpoint`'s host prefix with each `{Label}` replaced by its `@hostLabel` input member.
fn host_prefix(krate: &Crate, op: &OperationDef, prefix: &str) -> TokenStream {
    let fields = match input_def(krate, op).map(|d| &d.kind) {
        Some(TypeKind::Struct(s)) => s.fields.as_slice(),
        _ => &[],
    };
    let mut format = String::new();
    let mut args = Vec::new();
    let mut rest = prefix;
    while let Some(open) = rest.find('{') {
        format.push_str(&rest[..open].replace('}', "}}"));
        let Some(close) = rest[open..].find('}') else { break };
        let label = &rest[open + 1..open + close];
        format.push_str("{}");
        args.push(match fields.iter().find(|f| f.wire_name == label) {
            Some(f) if f.optional => {
                let n = ident(&f.name);
                quote!(input.#n.as_deref().unwrap_or_default())
            }
            Some(f) => {
                let n = ident(&f.name);
                quote!(input.#n.as_str())
            }
            None => quote!(""),
        });
        rest = &rest[open + close + 1..];
    }
    format.push_str(&rest.replace('{', "{{").replace('}', "}}"));
    if args.is_empty() {
        let literal = format.replace("{{", "{").replace("}}", "}");
        return quote!(::Option::Some(::String::from(#literal)));
    }
    quote!(::Option::Some(::std::format!(#format, #(#args),*)))
}

fn builders_rs(krate: &Crate) -> TokenStream {
    let trait_name = format_ident!("{}", krate.service.trait_name);
    let builders = krate.operations.iter().map(|op| fluent_builder(krate, op, &trait_name));
    quote! {
        #![doc = " Fluent builders: `client.operation().member(value).send().await`."]
        #(#builders)*
    }
}

fn fluent_builder(krate: &Crate, op: &OperationDef, trait_name: &proc_macro2::Ident) -> TokenStream {
    let name = format_ident!("{}FluentBuilder", unraw(&op.name));
    let m = ident(&op.module);
    let output = type_path(&op.output);
    let error = error_path(op);
    let module = super::rust::location_path(&op.input.location);
    let input_builder = format_ident!("{}", crate::naming::builder_name(&op.input.name));
    let fields = match input_def(krate, op).map(|d| &d.kind) {
        Some(TypeKind::Struct(s)) => s.fields.as_slice(),
        _ => &[],
    };
    let setters = fields.iter().map(|f| super::setters::methods(f, super::setters::Store::Inner));
    let fallible = fields.iter().any(|f| f.required && f.default.is_none());
    let build = if fallible {
        quote! {
            let input = self.inner.build().map_err(::smithy_codegen_runtime::client::construction_failure)?;
        }
    } else {
        quote!(let input = self.inner.build();)
    };
    let paginator = into_paginator(op, fallible);
    let fluent = unraw(&fluent_method(op).to_string()).to_string();
    let request = with_article(&format!("`{}` request", op.wire_name));
    let docs = format!(" Builds and sends {request}; made by [`Client::{fluent}`](crate::Client::{fluent}).");
    let send_doc = format!(
        " Sends the request: builds the input (a missing required member is an `Unhandled` error\n whose source is a [`ClientError`](super::ClientError)) and calls `{}`.",
        op.wire_name
    );
    quote! {
        #[doc = #docs]
        #[derive(::Clone, ::Debug)]
        pub struct #name {
            client: crate::Client,
            inner: #module::builders::#input_builder,
        }

        impl #name {
            pub(crate) fn with_client(client: crate::Client) -> Self {
                #name { client, inner: ::Default::default() }
            }

            /// The input built so far.
            pub fn as_input(&self) -> &#module::builders::#input_builder {
                &self.inner
            }

            #[doc = #send_doc]
            pub async fn send(self) -> ::Result<#output, #error> {
                #build
                <crate::Client as crate::#trait_name>::#m(&self.client, input).await
            }

            #paginator

            #(#setters)*
        }
    }
}

/// `into_paginator()`, for an operation the crate has a paginator for: the input is built when
/// the paginator is made, and a build failure is the paginator's only item.
fn into_paginator(op: &OperationDef, fallible: bool) -> Option<TokenStream> {
    op.pagination.as_ref()?.token.as_ref()?;
    let module = super::rust::location_path(&op.input.location);
    let paginator = format_ident!("{}Paginator", unraw(&op.name));
    let start = if fallible {
        let fail = quote!(::smithy_codegen_runtime::client::construction_failure);
        quote!(crate::pagination::Paginator::from_result(self.client, self.inner.build().map_err(#fail)))
    } else {
        quote!(crate::pagination::Paginator::new(self.client, self.inner.build()))
    };
    let d = format!(" Pages through `{}` from this input: see [`{paginator}`]({}).", op.wire_name, quote!(#module::#paginator).to_string().replace(' ', ""));
    Some(quote! {
        #[doc = #d]
        pub fn into_paginator(self) -> #module::#paginator<crate::Client> {
            #start
        }
    })
}
