//! The server's settings, and the builder that sets them.

use super::sigv4::{Credentials, CredentialsLookup};
use std::sync::Arc;
use std::time::Duration;

/// The default limit on the size of a request body: 10 MiB.
pub const DEFAULT_BODY_LIMIT: usize = 10 * 1024 * 1024;

/// The default time a client has to send a request's headers: 30 seconds.
pub const DEFAULT_HEADER_READ_TIMEOUT: Duration = Duration::from_secs(30);

/// The default time a client has to send a request's body once its headers are in: 60 seconds.
pub const DEFAULT_BODY_READ_TIMEOUT: Duration = Duration::from_secs(60);

/// What a server is configured with; shared by every clone of it.
#[derive(Clone)]
pub(crate) struct Config {
    pub(crate) body_limit: usize,
    pub(crate) header_read_timeout: Duration,
    pub(crate) body_read_timeout: Duration,
    pub(crate) credentials: Option<CredentialsLookup>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            body_limit: DEFAULT_BODY_LIMIT,
            header_read_timeout: DEFAULT_HEADER_READ_TIMEOUT,
            body_read_timeout: DEFAULT_BODY_READ_TIMEOUT,
            credentials: None,
        }
    }
}

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("body_limit", &self.body_limit)
            .field("header_read_timeout", &self.header_read_timeout)
            .field("body_read_timeout", &self.body_read_timeout)
            .field("verify_sigv4", &self.credentials.is_some())
            .finish()
    }
}

/// Configures a [`Server`](super::Server): made by `Server::builder`, finished with
/// [`build`](ServerBuilder::build).
///
/// Defaults: a 10 MiB body limit ([`DEFAULT_BODY_LIMIT`]), 30 seconds to send the headers,
/// 60 seconds to send the body, and no SigV4 verification.
pub struct ServerBuilder<S, R> {
    service: S,
    config: Config,
    routes: std::marker::PhantomData<fn() -> R>,
}

impl<S, R> ServerBuilder<S, R>
where
    S: Send + Sync + 'static,
    R: super::Routes<S>,
{
    pub(crate) fn new(service: S) -> Self {
        ServerBuilder { service, config: Config::default(), routes: std::marker::PhantomData }
    }

    /// The largest request body accepted, in bytes; larger requests get `413` with a
    /// `RequestEntityTooLargeException`, and their bodies are not read past the limit.
    pub fn body_limit(mut self, limit: usize) -> Self {
        self.config.body_limit = limit;
        self
    }

    /// How long a client has to send a request's headers, on each connection that
    /// [`Server::serve`](super::Server::serve) accepts, before the connection is closed: a
    /// slow or idle client cannot hold the server.
    pub fn header_read_timeout(mut self, timeout: Duration) -> Self {
        self.config.header_read_timeout = timeout;
        self
    }

    /// How long a client has to send a request's body once its headers are in; a body that
    /// takes longer gets `408` with a `RequestTimeoutException`.
    pub fn body_read_timeout(mut self, timeout: Duration) -> Self {
        self.config.body_read_timeout = timeout;
        self
    }

    /// Requires every request to be signed with AWS Signature Version 4, and checks each
    /// signature against the secret key that `lookup` returns for the request's access key id.
    ///
    /// Requests without an `Authorization` header are refused with
    /// `MissingAuthenticationTokenException` (403), unknown access keys (or a session token
    /// that does not match) with `UnrecognizedClientException` (403), and signatures that do
    /// not match or whose `X-Amz-Date` is more than 15 minutes away from the server's clock
    /// with `InvalidSignatureException` (403); a malformed `Authorization` header, or one
    /// that does not sign `Host` and `X-Amz-Date`, gets `IncompleteSignatureException` (400).
    /// Only signatures in the `Authorization` header are accepted, not presigned query strings.
    /// Signatures are checked before anything else about the request, so unsigned requests
    /// learn nothing about the service. The lookup runs on the request's task, so it should
    /// not block for long.
    pub fn verify_sigv4(mut self, lookup: impl Fn(&str) -> Option<Credentials> + Send + Sync + 'static) -> Self {
        self.config.credentials = Some(Arc::new(lookup));
        self
    }

    /// The server.
    pub fn build(self) -> super::Server<S, R> {
        super::Server::from_parts(Arc::new(self.service), Arc::new(self.config))
    }
}

impl<S, R> std::fmt::Debug for ServerBuilder<S, R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ServerBuilder").field("config", &self.config).finish_non_exhaustive()
    }
}
