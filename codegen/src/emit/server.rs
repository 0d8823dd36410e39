//! `src/server.rs`: the server, which serves any implementation of the service trait over the
//! service's protocol, as a `tower::Service` or on a TCP port.
//!
//! The protocol machinery (body limits, SigV4, routing, error bodies, the accept loop) is the
//! runtime crate's `server` module, the same for every service; this emitter writes what depends
//! on the model: the routing table, the calls into the trait, and how each error is written.

use super::rust::{doc, inner_doc, render, type_path};
use crate::error::Result;
use crate::ir::{Crate, OperationDef, TypeKind, TypePath};
use crate::naming::{ident, unraw};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use std::collections::BTreeMap;

pub fn emit(krate: &Crate, files: &mut BTreeMap<String, String>) -> Result<()> {
    files.insert("src/server.rs".to_string(), render("src/server.rs", server_rs(krate))?);
    Ok(())
}

/// The variant of the service-wide error enum for an error type (as `errors.rs` names them).
fn error_variant(path: &TypePath) -> proc_macro2::Ident {
    let name = unraw(&path.name).trim_end_matches('_');
    if name == "Unhandled" {
        format_ident!("UnhandledError")
    } else {
        format_ident!("{}", name)
    }
}

/// Fills in the `@default` of each top-level input member the request leaves out (inputs keep
/// every member optional, so the readers cannot).
fn fill_defaults(krate: &Crate, op: &OperationDef) -> TokenStream {
    let Some(TypeKind::Struct(s)) = krate.type_def(&op.input).map(|t| &t.kind) else {
        return TokenStream::new();
    };
    // A payload is the whole body: an empty one is an unset member, not its default.
    let fills = s.fields.iter().filter(|f| f.optional && f.binding != Some(crate::ir::HttpBinding::Payload)).filter_map(|f| {
        let value = f.default.as_ref().filter(|v| !v.is_null())?;
        let inner = match &f.ty {
            crate::ir::Ty::Boxed(inner) => inner.as_ref(),
            other => other,
        };
        let expr = super::rust::default_expr(inner, value).unwrap_or_else(|| quote!(::Default::default()));
        let expr = if matches!(f.ty, crate::ir::Ty::Boxed(_)) { quote!(::Box::new(#expr)) } else { expr };
        let n = ident(&f.name);
        Some(quote! {
            if input.#n.is_none() {
                input.#n = ::Option::Some(#expr);
            }
        })
    });
    quote!(#(#fills)*)
}

fn server_rs(krate: &Crate) -> TokenStream {
    let protocol = crate::protocol::for_crate(krate);
    let protocol_name = protocol.display_name().unwrap_or_default();
    let trait_name = format_ident!("{}", krate.service.trait_name);
    let trait_path = quote!(crate::service::#trait_name);
    let lib = format_ident!("{}", krate.lib_name);
    let title = &krate.service.title;

    let module_docs = inner_doc(&format!(
        "The server: serves any implementation of [`{trait_name}`](crate::{trait_name}) over \
         {protocol_name}, the protocol {title} speaks, either on a TCP port \
         ([`Server::serve`]) or as a `tower::Service` inside axum, hyper or any other \
         tower-based stack.\n\n{}",
        protocol.server_docs(krate)
    ));

    let server_docs = doc(&format!(
        "Serves an implementation of [`{trait_name}`](crate::{trait_name}) over {protocol_name}.\n\n\
         For each request it checks the protocol (the route, the content type), reads the \
         operation's input, runs the input's `validate()`, calls the implementation and writes \
         its output or error. Requests that do not follow the protocol get \
         `UnknownOperationException` or `SerializationException`; inputs that break the model's constraints get a \
         `ValidationException` (400) listing every field at fault; bodies over the limit get \
         413. An implementation that panics costs its caller a 500, not the server.\n\n\
         `Server` is a `tower_service::Service` for `http::Request<B>` with any body `B` of \
         `bytes::Bytes`, and is cheap to clone (the implementation is shared in an `Arc`). \
         Calls must run inside a Tokio runtime.\n\n\
         ```no_run\n\
         use {lib}::server::Server;\n\
         \n\
         struct Service;\n\
         // Operations not written here answer `NotImplemented` (501).\n\
         impl {lib}::{trait_name} for Service {{}}\n\
         \n\
         # fn main() -> std::io::Result<()> {{\n\
         let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;\n\
         runtime.block_on(async {{\n\
         \x20   let listener = tokio::net::TcpListener::bind(\"127.0.0.1:8080\").await?;\n\
         \x20   let server = Server::builder(Service).body_limit(1 << 20).build();\n\
         \x20   // Runs until the future completes, then finishes the requests in flight.\n\
         \x20   server.serve(listener, std::future::pending()).await\n\
         }})\n\
         # }}\n\
         ```"
    ));

    let arms = krate.operations.iter().enumerate().map(|(index, op)| {
        let input = type_path(&op.input);
        let method = ident(&op.module);
        let defaults = fill_defaults(krate, op);
        let binding = if defaults.is_empty() { quote!(input) } else { quote!(mut input) };
        let read = protocol.server_read_input(krate, op);
        let ok = protocol.server_write_output(krate, op);
        let ok_binding = if ok.to_string().contains("output") { quote!(output) } else { quote!(_) };
        quote! {
            #index => {
                let #binding: #input = match #read {
                    ::Result::Ok(input) => input,
                    ::Result::Err(reply) => return reply,
                };
                #defaults
                if let ::Result::Err(err) = input.validate() {
                    return validation_failed(err);
                }
                match #trait_path::#method(&*service, input).await {
                    ::Result::Ok(#ok_binding) => #ok,
                    ::Result::Err(err) => error_reply(err.into()),
                }
            }
        }
    });

    let mut all: Vec<TypePath> = krate.operations.iter().flat_map(|o| o.errors.iter().cloned()).collect();
    all.sort();
    all.dedup();
    let error_arms = all.iter().filter_map(|path| {
        let def = krate.type_def(path)?;
        let TypeKind::Struct(s) = &def.kind else { return None };
        let info = s.error.as_ref()?;
        let variant = error_variant(path);
        let write = protocol.server_write_error(krate, def, info);
        Some(quote! {
            crate::error::Error::#variant(err) => #write,
        })
    });

    let validation = match &krate.validation_exception {
        Some(ve) => {
            let path = type_path(&ve.error);
            let found = krate.type_def(&ve.error).and_then(|def| match &def.kind {
                TypeKind::Struct(s) => s.error.as_ref().map(|info| protocol.server_write_error(krate, def, info)),
                _ => None,
            });
            match found {
                Some(write) => quote! {
                    let err: #path = ::From::from(err);
                    #write
                },
                None => quote!(Reply::framework_validation(&err)),
            }
        }
        None => quote!(Reply::framework_validation(&err)),
    };

    // A model without operations has nothing to route; the helpers are then unused.
    let allow_unused = krate.operations.is_empty().then(|| quote!(#[allow(dead_code)]));
    let touch_unused = krate.operations.is_empty().then(|| quote!(let _ = (&service, &request);));
    let spec = protocol.server_spec(krate);
    let routes_doc = doc(&format!("The service's routing table: what [`Server`] needs to know about the operations of\n[`{trait_name}`](crate::{trait_name})."));

    quote! {
        #module_docs

        pub use ::smithy_codegen_runtime::server::{Credentials, ResponseBody, DEFAULT_BODY_LIMIT, DEFAULT_BODY_READ_TIMEOUT, DEFAULT_HEADER_READ_TIMEOUT};
        use ::smithy_codegen_runtime::server::{BoxFuture, Reply, Request, ServiceSpec};

        #server_docs
        pub type Server<S> = ::smithy_codegen_runtime::server::Server<S, Routes>;

        /// Configures a [`Server`]: made by `Server::builder`, finished with `build`. Defaults:
        /// a 10 MiB body limit ([`DEFAULT_BODY_LIMIT`]), 30 seconds to send the headers, 60
        /// seconds to send the body, and no SigV4 verification.
        pub type ServerBuilder<S> = ::smithy_codegen_runtime::server::ServerBuilder<S, Routes>;

        #routes_doc
        #[derive(::Clone, ::Copy, ::Debug)]
        pub struct Routes;

        impl<S: #trait_path + 'static> ::smithy_codegen_runtime::server::Routes<S> for Routes {
            const SPEC: ServiceSpec = #spec;

            fn call(service: ::Arc<S>, route: usize, request: Request) -> BoxFuture<Reply> {
                ::Box::pin(dispatch(service, route, request))
            }
        }

        /// Reads the input, validates it, calls the implementation and writes the result.
        async fn dispatch<S: #trait_path>(service: ::Arc<S>, route: usize, request: Request) -> Reply {
            #touch_unused
            match route {
                #(#arms)*
                _ => Reply::internal_failure("no such route"),
            }
        }

        /// An input that breaks the model's constraints.
        #allow_unused
        fn validation_failed(err: crate::error::ValidationError) -> Reply {
            #validation
        }

        /// An error an operation returned: modeled errors with their shape id and status,
        /// the others with their code and status.
        #allow_unused
        fn error_reply(err: crate::error::Error) -> Reply {
            match err {
                #(#error_arms)*
                crate::error::Error::Unhandled(err) => Reply::unhandled(&err),
            }
        }
    }
}
