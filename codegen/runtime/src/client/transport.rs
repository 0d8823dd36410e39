//! How requests travel: a trait tests and other HTTP stacks implement, and the built-in
//! HTTPS transport (hyper with rustls and the Mozilla root certificates).

use ::bytes::Bytes;
use ::std::future::Future;
use ::std::pin::Pin;
use ::std::time::Duration;

/// A request as the client sends it: the body is complete and already signed over.
pub type HttpRequest = ::http::Request<Bytes>;
/// A response, its body read to the end.
pub type HttpResponse = ::http::Response<Bytes>;
/// The future a transport returns.
pub type TransportFuture<'a> = Pin<Box<dyn Future<Output = Result<HttpResponse, TransportError>> + Send + 'a>>;

/// Sends one HTTP request and reads the whole response. Implement it to put the client on
/// another HTTP stack, or to answer in-process in tests.
pub trait HttpTransport: Send + Sync + ::std::fmt::Debug + 'static {
    /// Sends `request`; the client applies its own attempt and operation timeouts around it.
    fn send(&self, request: HttpRequest) -> TransportFuture<'_>;
}

/// What went wrong below HTTP.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TransportErrorKind {
    /// The connection could not be made (refused, DNS, TLS handshake).
    Connect,
    /// The connection failed while the request or response was in flight.
    Io,
    /// A timeout expired.
    Timeout,
    /// Anything else (an invalid request, for one); not retried.
    Other,
}

/// A transport failure, with its cause.
#[derive(Clone, Debug)]
pub struct TransportError {
    kind: TransportErrorKind,
    source: ::std::sync::Arc<dyn ::std::error::Error + Send + Sync>,
}

impl TransportError {
    /// A failure of the given kind.
    pub fn new(kind: TransportErrorKind, source: impl Into<Box<dyn ::std::error::Error + Send + Sync>>) -> Self {
        TransportError { kind, source: ::std::sync::Arc::from(source.into()) }
    }

    /// What kind of failure this is.
    pub fn kind(&self) -> TransportErrorKind {
        self.kind
    }

    /// Whether a retry may succeed: connection failures, broken connections and timeouts.
    pub fn is_retryable(&self) -> bool {
        !matches!(self.kind, TransportErrorKind::Other)
    }
}

impl ::std::fmt::Display for TransportError {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        let what = match self.kind {
            TransportErrorKind::Connect => "could not connect",
            TransportErrorKind::Io => "connection failed",
            TransportErrorKind::Timeout => "timed out",
            TransportErrorKind::Other => "transport error",
        };
        // The cause is the source, not part of the text: an error chain shows it once.
        f.write_str(what)
    }
}

impl ::std::error::Error for TransportError {
    fn source(&self) -> Option<&(dyn ::std::error::Error + 'static)> {
        Some(&*self.source)
    }
}

/// A transport from an async function, for tests and in-process fakes.
pub fn transport_fn<F, Fut>(f: F) -> FnTransport<F>
where
    F: Fn(HttpRequest) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<HttpResponse, TransportError>> + Send + 'static,
{
    FnTransport(f)
}

/// See [`transport_fn`].
#[derive(Clone)]
pub struct FnTransport<F>(F);

impl<F> ::std::fmt::Debug for FnTransport<F> {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.write_str("FnTransport")
    }
}

impl<F, Fut> HttpTransport for FnTransport<F>
where
    F: Fn(HttpRequest) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<HttpResponse, TransportError>> + Send + 'static,
{
    fn send(&self, request: HttpRequest) -> TransportFuture<'_> {
        Box::pin((self.0)(request))
    }
}

type HyperClient = ::hyper_util::client::legacy::Client<
    ::hyper_rustls::HttpsConnector<::hyper_util::client::legacy::connect::HttpConnector>,
    ::http_body_util::Full<Bytes>,
>;

/// The built-in transport: HTTP/1.1 over hyper, HTTPS with rustls (ring) and the webpki
/// root certificates, pooled keep-alive connections. Plain `http://` URLs work too, for local
/// servers. Needs a Tokio runtime.
#[derive(Clone, Debug)]
pub struct HyperTransport {
    client: HyperClient,
}

impl HyperTransport {
    /// A transport with the given connect timeout.
    pub fn new(connect_timeout: Option<Duration>) -> Self {
        let mut http = ::hyper_util::client::legacy::connect::HttpConnector::new();
        http.enforce_http(false);
        http.set_connect_timeout(connect_timeout);
        http.set_nodelay(true);
        let builder = ::hyper_rustls::HttpsConnectorBuilder::new();
        let builder = match builder.with_provider_and_webpki_roots(::rustls::crypto::ring::default_provider()) {
            Ok(builder) => builder,
            // Only fails for a provider without TLS 1.2 and 1.3, which ring is not.
            Err(_) => ::hyper_rustls::HttpsConnectorBuilder::new().with_webpki_roots(),
        };
        let https = builder.https_or_http().enable_http1().wrap_connector(http);
        let client = ::hyper_util::client::legacy::Client::builder(::hyper_util::rt::TokioExecutor::new())
            .pool_idle_timeout(Duration::from_secs(90))
            .build(https);
        HyperTransport { client }
    }
}

impl Default for HyperTransport {
    fn default() -> Self {
        Self::new(Some(Duration::from_millis(3100)))
    }
}

impl HttpTransport for HyperTransport {
    fn send(&self, request: HttpRequest) -> TransportFuture<'_> {
        Box::pin(async move {
            use ::http_body_util::BodyExt;
            let (parts, body) = request.into_parts();
            let request = ::http::Request::from_parts(parts, ::http_body_util::Full::new(body));
            let response = self.client.request(request).await.map_err(|e| {
                let kind = if e.is_connect() { TransportErrorKind::Connect } else { TransportErrorKind::Io };
                TransportError::new(kind, e)
            })?;
            let (parts, body) = response.into_parts();
            let body = body.collect().await.map_err(|e| TransportError::new(TransportErrorKind::Io, e))?.to_bytes();
            Ok(::http::Response::from_parts(parts, body))
        })
    }
}
