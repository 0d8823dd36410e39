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
/// every member optional, so serde cannot). The defaults are read from JSON through the input
/// type itself, so each member goes through its own wire format.
fn fill_defaults(krate: &Crate, op: &OperationDef, input: &TokenStream) -> TokenStream {
    let Some(TypeKind::Struct(s)) = krate.type_def(&op.input).map(|t| &t.kind) else {
        return TokenStream::new();
    };
    let fields: Vec<_> = s.fields.iter().filter(|f| f.optional && f.default.as_ref().is_some_and(|v| !v.is_null())).collect();
    if fields.is_empty() {
        return TokenStream::new();
    }
    let json: serde_json::Map<String, serde_json::Value> =
        fields.iter().filter_map(|f| Some((f.wire_name.clone(), f.default.clone()?))).collect();
    let json = serde_json::Value::Object(json).to_string();
    let names = fields.iter().map(|f| ident(&f.name));
    quote! {
        // The model's `@default`s for the members the request leaves out.
        if let ::Result::Ok(mut defaults) = ::serde_json::from_str::<#input>(#json) {
            #(
                if input.#names.is_none() {
                    input.#names = defaults.#names.take();
                }
            )*
        }
    }
}

fn server_rs(krate: &Crate) -> TokenStream {
    let version = krate.service.json_version().unwrap_or("1.0");
    let content_type = format!("application/x-amz-json-{version}");
    let trait_name = format_ident!("{}", krate.service.trait_name);
    let trait_path = quote!(crate::service::#trait_name);
    let lib = format_ident!("{}", krate.lib_name);
    let signing_name = match &krate.service.signing_name {
        Some(name) => quote!(::Option::Some(#name)),
        None => quote!(::Option::None),
    };
    let title = &krate.service.title;

    let module_docs = inner_doc(&format!(
        "The server: serves any implementation of [`{trait_name}`](crate::{trait_name}) over \
         awsJson{version}, the protocol {title} speaks, either on a TCP port \
         ([`Server::serve`]) or as a `tower::Service` inside axum, hyper or any other \
         tower-based stack.\n\n\
         Requests are `POST /` with an `X-Amz-Target: {service}.<Operation>` header and a JSON \
         body; responses carry `Content-Type: {content_type}` and an `x-amzn-RequestId`. \
         Errors are written as AWS services write them: the error structure as JSON with a \
         `__type` naming its shape, the status of its `@httpError` (else 400 for client errors \
         and 500 for server errors), and an `X-Amzn-Errortype` header with its code.",
        service = krate.service.shape_name,
    ));

    let server_docs = doc(&format!(
        "Serves an implementation of [`{trait_name}`](crate::{trait_name}) over awsJson{version}.\n\n\
         For each request it checks the protocol (`POST /`, the `X-Amz-Target` header, the \
         content type), reads the JSON body into the operation's input, runs the input's \
         `validate()`, calls the implementation and writes its output or error. Requests that \
         do not follow the protocol get `UnknownOperationException` or \
         `SerializationException` (400); inputs that break the model's constraints get a \
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

    let wire_names = krate.operations.iter().map(|op| op.wire_name.as_str());

    let arms = krate.operations.iter().enumerate().map(|(index, op)| {
        let input = type_path(&op.input);
        let method = ident(&op.module);
        let defaults = fill_defaults(krate, op, &input);
        let binding = if defaults.is_empty() { quote!(input) } else { quote!(mut input) };
        // An operation without output answers with an empty body, as AWS services do.
        let ok = if op.output_is_unit { quote!(Reply::empty()) } else { quote!(Reply::output(&output)) };
        let ok_binding = if op.output_is_unit { quote!(_) } else { quote!(output) };
        quote! {
            #index => {
                let #binding: #input = match ::smithy_codegen_runtime::server::parse_json_input(&request.body) {
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
        let status = info.http_status.unwrap_or(if info.server_fault { 500 } else { 400 });
        let variant = error_variant(path);
        let shape_id = &def.shape_id;
        let code = &info.code;
        // `@awsQueryCompatible` services also say the error's awsQuery code and fault.
        let query = match (&info.query_code, krate.service.query_compatible) {
            (Some(query_code), true) => {
                let header = format!("{query_code};{}", if info.server_fault { "Receiver" } else { "Sender" });
                quote!(.with_query_error(#header))
            }
            _ => quote!(),
        };
        Some(quote! {
            crate::error::Error::#variant(err) => Reply::modeled_error(&err, #shape_id, #code, #status)#query,
        })
    });

    let validation = match &krate.validation_exception {
        Some(ve) => {
            let path = type_path(&ve.error);
            let found = krate.type_def(&ve.error).and_then(|def| match &def.kind {
                TypeKind::Struct(s) => s.error.as_ref().map(|info| (def.shape_id.clone(), info.code.clone(), info.http_status.unwrap_or(400))),
                _ => None,
            });
            match found {
                Some((shape_id, code, status)) => quote! {
                    let err: #path = ::From::from(err);
                    Reply::modeled_error(&err, #shape_id, #code, #status)
                },
                None => quote!(Reply::framework_validation(&err)),
            }
        }
        None => quote!(Reply::framework_validation(&err)),
    };

    // A model without operations has nothing to route; the helpers are then unused.
    let allow_unused = krate.operations.is_empty().then(|| quote!(#[allow(dead_code)]));
    let touch_unused = krate.operations.is_empty().then(|| quote!(let _ = (&service, &request);));
    let version_ident = if version == "1.1" { format_ident!("V1_1") } else { format_ident!("V1_0") };
    let name = &krate.service.shape_name;
    let query_compatible = krate.service.query_compatible;
    let _ = &content_type;
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
            const SPEC: ServiceSpec = ServiceSpec::AwsJson {
                protocol: ::smithy_codegen_runtime::protocol::aws_json::AwsJson::new(
                    ::smithy_codegen_runtime::protocol::aws_json::JsonVersion::#version_ident,
                    #name,
                    #query_compatible,
                ),
                signing_name: #signing_name,
                operations: &[#(#wire_names),*],
            };

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
