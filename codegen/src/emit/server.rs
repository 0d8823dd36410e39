//! `src/server.rs` and its support files: the server, which serves any implementation of the
//! service trait over the service's awsJson protocol, as a `tower::Service` or on a TCP port.
//!
//! The protocol machinery (body limits, SigV4, error bodies, the accept loop) is the same for
//! every service and is copied in from `runtime/server/`; this emitter writes what depends on
//! the model: the routing table, the calls into the trait, and how each error is written.

use super::rust::{doc, inner_doc, render, type_path};
use crate::error::Result;
use crate::ir::{Crate, OperationDef, TypeKind, TypePath};
use crate::naming::{ident, unraw};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use std::collections::BTreeMap;

/// The support modules, copied as written into `src/server/`.
const RUNTIME: &[(&str, &str)] = &[
    ("src/server/config.rs", include_str!("../../runtime/server/config.rs")),
    ("src/server/reply.rs", include_str!("../../runtime/server/reply.rs")),
    ("src/server/request.rs", include_str!("../../runtime/server/request.rs")),
    ("src/server/serve.rs", include_str!("../../runtime/server/serve.rs")),
    ("src/server/sigv4.rs", include_str!("../../runtime/server/sigv4.rs")),
    ("src/server/strict.rs", include_str!("../../runtime/server/strict.rs")),
];

pub fn emit(krate: &Crate, files: &mut BTreeMap<String, String>) -> Result<()> {
    for (path, source) in RUNTIME {
        super::insert_runtime(files, path, source);
    }
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

/// The routing table's name for an operation; the suffix keeps names like `Self` usable.
fn route(op: &OperationDef) -> proc_macro2::Ident {
    format_ident!("{}Op", unraw(&op.name))
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
         `Server` is a [`tower_service::Service`] for `http::Request<B>` with any body `B` of \
         [`bytes::Bytes`], and is cheap to clone (the implementation is shared in an `Arc`). \
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

    let routes: Vec<proc_macro2::Ident> = krate.operations.iter().map(route).collect();
    let route_docs = krate.operations.iter().map(|op| format!(" `{}`.", op.wire_name));
    let wire_names = krate.operations.iter().map(|op| op.wire_name.as_str());

    let arms = krate.operations.iter().map(|op| {
        let r = route(op);
        let input = type_path(&op.input);
        let method = ident(&op.module);
        let defaults = fill_defaults(krate, op, &input);
        let binding = if defaults.is_empty() { quote!(input) } else { quote!(mut input) };
        // An operation without output answers with an empty body, as AWS services do.
        let ok = if op.output_is_unit { quote!(Reply::empty()) } else { quote!(Reply::output(&output)) };
        let ok_binding = if op.output_is_unit { quote!(_) } else { quote!(output) };
        quote! {
            Route::#r => {
                let #binding: #input = match request::parse_input(&body) {
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
    let touch_unused = krate.operations.is_empty().then(|| quote!(let _ = (&service, &body);));

    quote! {
        #module_docs

        mod config;
        mod reply;
        mod request;
        mod serve;
        mod sigv4;
        mod strict;

        pub use config::{ServerBuilder, DEFAULT_BODY_LIMIT, DEFAULT_BODY_READ_TIMEOUT, DEFAULT_HEADER_READ_TIMEOUT};
        pub use sigv4::Credentials;

        use reply::Reply;

        /// What the protocol needs to know about the service.
        static PROTOCOL: request::Protocol = request::Protocol {
            service_name: crate::operation::SERVICE_NAME,
            content_type: #content_type,
            signing_name: #signing_name,
        };

        /// The body of every response: the whole JSON document.
        pub type ResponseBody = ::http_body_util::Full<::bytes::Bytes>;

        #server_docs
        pub struct Server<S> {
            service: ::Arc<S>,
            config: ::Arc<config::Config>,
        }

        impl<S> ::Clone for Server<S> {
            fn clone(&self) -> Self {
                Server { service: ::Arc::clone(&self.service), config: ::Arc::clone(&self.config) }
            }
        }

        impl<S> ::Debug for Server<S> {
            fn fmt(&self, f: &mut ::Formatter<'_>) -> ::std::fmt::Result {
                f.debug_struct("Server").field("config", &self.config).finish_non_exhaustive()
            }
        }

        impl<S> Server<S> {
            fn from_parts(service: ::Arc<S>, config: ::Arc<config::Config>) -> Self {
                Server { service, config }
            }
        }

        impl<S: #trait_path + 'static> Server<S> {
            /// A server for `service` with the default settings (see [`ServerBuilder`]).
            pub fn new(service: S) -> Self {
                Self::builder(service).build()
            }

            /// Configures a server for `service`: body limit, timeouts, SigV4 verification.
            pub fn builder(service: S) -> ServerBuilder<S> {
                ServerBuilder::new(service)
            }

            /// Serves HTTP/1.1 on `listener` until `shutdown` completes: each connection on its
            /// own task, so requests run concurrently, and a client that is slow to send its
            /// headers is disconnected after the header read timeout. When `shutdown`
            /// completes the server stops accepting, lets the requests in flight finish, and
            /// returns once every connection is closed.
            ///
            /// # Errors
            ///
            /// None at present: failures to accept a connection are logged and retried, and
            /// failures on one connection end only that connection.
            pub async fn serve(
                self,
                listener: ::tokio::net::TcpListener,
                shutdown: impl ::Future<Output = ()> + ::Send + 'static,
            ) -> ::std::io::Result<()> {
                let header_read_timeout = self.config.header_read_timeout;
                serve::serve(listener, shutdown, header_read_timeout, move |request| self.clone().respond(request)).await
            }

            async fn respond<B>(self, request: ::http::Request<B>) -> ::http::Response<ResponseBody>
            where
                B: ::hyper::body::Body<Data = ::bytes::Bytes> + ::Send + 'static,
                B::Error: ::Into<::Box<dyn ::Error + ::Send + ::Sync>>,
            {
                let service = self.service;
                request::handle(&self.config, &PROTOCOL, request, move |operation, body| {
                    let route = Route::from_name(operation)?;
                    ::Option::Some(dispatch(service, route, body))
                })
                .await
            }
        }

        impl<S, B> ::tower_service::Service<::http::Request<B>> for Server<S>
        where
            S: #trait_path + 'static,
            B: ::hyper::body::Body<Data = ::bytes::Bytes> + ::Send + 'static,
            B::Error: ::Into<::Box<dyn ::Error + ::Send + ::Sync>>,
        {
            type Response = ::http::Response<ResponseBody>;
            type Error = ::Infallible;
            type Future = ::std::pin::Pin<::Box<dyn ::Future<Output = ::Result<Self::Response, Self::Error>> + ::Send>>;

            fn poll_ready(&mut self, _cx: &mut ::std::task::Context<'_>) -> ::std::task::Poll<::Result<(), Self::Error>> {
                ::std::task::Poll::Ready(::Result::Ok(()))
            }

            fn call(&mut self, request: ::http::Request<B>) -> Self::Future {
                let server = self.clone();
                ::Box::pin(async move { ::Result::Ok(server.respond(request).await) })
            }
        }

        /// The operations, as `X-Amz-Target` names them.
        #[derive(::Clone, ::Copy, ::Debug)]
        #[allow(clippy::enum_variant_names)]
        enum Route {
            #( #[doc = #route_docs] #routes, )*
        }

        impl Route {
            fn from_name(name: &str) -> ::Option<Route> {
                match name {
                    #( #wire_names => ::Option::Some(Route::#routes), )*
                    _ => ::Option::None,
                }
            }
        }

        /// Reads the input, validates it, calls the implementation and writes the result.
        async fn dispatch<S: #trait_path>(service: ::Arc<S>, route: Route, body: ::bytes::Bytes) -> Reply {
            #touch_unused
            match route {
                #(#arms)*
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
