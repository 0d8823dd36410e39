//! The HTTP server runtime: serves any implementation of a generated service trait over the
//! service's protocol, as a `tower::Service` or on a TCP port with graceful shutdown.
//!
//! A generated crate's `server::Server<S>` is [`Server<S, Routes>`](Server) with its own
//! `Routes`: the table of operations and, per operation, the code that reads its input, calls
//! the trait and writes the answer. Everything else (body limits, timeouts, SigV4, routing by
//! the protocol's rules, protocol errors, the accept loop) is here.

mod config;
mod reply;
mod request;
mod routing;
mod serve;
mod sigv4;

pub use config::{ServerBuilder, DEFAULT_BODY_LIMIT, DEFAULT_BODY_READ_TIMEOUT, DEFAULT_HEADER_READ_TIMEOUT};
pub use reply::Reply;
pub use request::{parse_json_input, Request};
pub use sigv4::Credentials;

use crate::protocol::aws_json::AwsJson;
use std::convert::Infallible;
use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use std::sync::Arc;

/// The body of every response: the whole document.
pub type ResponseBody = http_body_util::Full<bytes::Bytes>;

/// A boxed, `Send` future, as routes return.
pub type BoxFuture<T> = Pin<Box<dyn Future<Output = T> + Send>>;

/// What the server needs to know about a service: its protocol and operations.
#[derive(Clone, Copy, Debug)]
#[non_exhaustive]
pub enum ServiceSpec {
    /// `awsJson1_0` or `awsJson1_1`: operations are routed by `X-Amz-Target`; `operations`
    /// are their names, in route order.
    AwsJson {
        /// The protocol.
        protocol: AwsJson,
        /// The SigV4 signing name, when the model has one.
        signing_name: Option<&'static str>,
        /// The operations' names; a route is an index into this list.
        operations: &'static [&'static str],
    },
    /// `restJson1`: operations are routed by method and URI (`@http`); a route is an index
    /// into `routes`.
    RestJson {
        /// The SigV4 signing name, when the model has one.
        signing_name: Option<&'static str>,
        /// Each operation's `@http` route.
        routes: &'static [RestRoute],
    },
}

/// An operation's `@http` trait, for routing.
#[derive(Clone, Copy, Debug)]
pub struct RestRoute {
    /// The operation's name.
    pub operation: &'static str,
    /// The HTTP method.
    pub method: &'static str,
    /// The URI pattern: literal segments, `{label}`s, `{greedy+}` labels, literal query
    /// parameters after `?`.
    pub uri: &'static str,
}

impl ServiceSpec {
    fn signing_name(&self) -> Option<&'static str> {
        match self {
            ServiceSpec::AwsJson { signing_name, .. } | ServiceSpec::RestJson { signing_name, .. } => *signing_name,
        }
    }

    fn error_style(&self) -> reply::ErrorStyle {
        match self {
            ServiceSpec::AwsJson { .. } => reply::ErrorStyle::AwsJson,
            ServiceSpec::RestJson { .. } => reply::ErrorStyle::RestJson,
        }
    }

    fn content_type(&self) -> &'static str {
        match self {
            ServiceSpec::AwsJson { protocol, .. } => protocol.content_type,
            ServiceSpec::RestJson { .. } => "application/json",
        }
    }
}

/// A service's routing table and operation calls; generated for every service trait, for
/// every implementation `S` of it.
pub trait Routes<S>: 'static {
    /// The service's protocol and operations.
    const SPEC: ServiceSpec;
    /// Runs operation number `route` (an index into the spec's operations) on `request`.
    fn call(service: Arc<S>, route: usize, request: Request) -> BoxFuture<Reply>;
}

/// Serves an implementation `S` of a generated service trait; `R` is the generated crate's
/// routing table. Cheap to clone: the implementation is shared in an `Arc`.
pub struct Server<S, R> {
    service: Arc<S>,
    config: Arc<config::Config>,
    routes: PhantomData<fn() -> R>,
}

impl<S, R> Clone for Server<S, R> {
    fn clone(&self) -> Self {
        Server { service: Arc::clone(&self.service), config: Arc::clone(&self.config), routes: PhantomData }
    }
}

impl<S, R> std::fmt::Debug for Server<S, R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Server").field("config", &self.config).finish_non_exhaustive()
    }
}

impl<S, R> Server<S, R>
where
    S: Send + Sync + 'static,
    R: Routes<S>,
{
    /// A server with the default settings.
    pub fn new(service: S) -> Self {
        Self::builder(service).build()
    }

    /// A builder, to change the settings.
    pub fn builder(service: S) -> ServerBuilder<S, R> {
        ServerBuilder::new(service)
    }

    fn from_parts(service: Arc<S>, config: Arc<config::Config>) -> Self {
        Server { service, config, routes: PhantomData }
    }

    /// Accepts connections on `listener` until `shutdown` completes, serving each on its own
    /// task (HTTP/1.1); then stops accepting, and returns once every request in flight has
    /// been answered.
    pub async fn serve(self, listener: tokio::net::TcpListener, shutdown: impl Future<Output = ()> + Send + 'static) -> std::io::Result<()> {
        let header_read_timeout = self.config.header_read_timeout;
        serve::serve(listener, shutdown, header_read_timeout, move |request| self.clone().respond(request)).await
    }

    async fn respond<B>(self, request: http::Request<B>) -> http::Response<ResponseBody>
    where
        B: hyper::body::Body<Data = bytes::Bytes> + Send + 'static,
        B::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
    {
        let service = self.service;
        request::handle(&self.config, &R::SPEC, request, move |route, request| R::call(service, route, request)).await
    }
}

impl<S, R, B> tower_service::Service<http::Request<B>> for Server<S, R>
where
    S: Send + Sync + 'static,
    R: Routes<S>,
    B: hyper::body::Body<Data = bytes::Bytes> + Send + 'static,
    B::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    type Response = http::Response<ResponseBody>;
    type Error = Infallible;
    type Future = BoxFuture<Result<Self::Response, Infallible>>;

    fn poll_ready(&mut self, _cx: &mut std::task::Context<'_>) -> std::task::Poll<Result<(), Infallible>> {
        std::task::Poll::Ready(Ok(()))
    }

    fn call(&mut self, request: http::Request<B>) -> Self::Future {
        let server = self.clone();
        Box::pin(async move { Ok(server.respond(request).await) })
    }
}
