//! One call, from input to output: serialize, resolve the endpoint, sign, send, classify,
//! retry, parse. The same code serves every operation of every generated client; what differs
//! between protocols is behind [`ClientProtocol`].

use super::config::Config;
use super::retry::{self, Retry, RetryQuota};
use super::transport::{HttpRequest, HttpResponse, HttpTransport, HyperTransport, TransportError, TransportErrorKind};
use crate::endpoint::{BuiltIns, Endpoint, ResolveError, ResolveFn};
use crate::auth::ProvideCredentials;
use crate::error::{ErrorMetadata, FailureKind, SetQueryError, SetRequestId, Unhandled};
use crate::operation::Operation;
use std::sync::{Arc, OnceLock};
use std::time::{Duration, SystemTime};
use tracing::Instrument;

/// What a generated crate tells the client about its service.
#[derive(Clone, Copy, Debug)]
pub struct ServiceInfo {
    /// The service shape's name, e.g. `AmazonMWAAServerless`.
    pub name: &'static str,
    /// The sdkId, whose upper-snake form names the service's endpoint variable
    /// (`AWS_ENDPOINT_URL_<SDK_ID>`).
    pub sdk_id: Option<&'static str>,
    /// The SigV4 signing name, when the model has one.
    pub signing_name: Option<&'static str>,
    /// `<crate>/<version>` for the `User-Agent`.
    pub user_agent: &'static str,
    /// Resolves the endpoint from the model's rule set.
    pub resolve_endpoint: ResolveFn,
}

/// What the model says about one operation's requests beyond its input.
#[derive(Clone, Debug, Default)]
pub struct CallOptions {
    /// `@endpoint`'s host prefix, labels filled in (`foo.bar.`).
    pub host_prefix: Option<String>,
    /// `@requestCompression` allows gzip.
    pub gzip: bool,
    /// `@httpChecksumRequired`: the request carries the body's MD5 in `Content-MD5`.
    pub content_md5: bool,
}

/// An operation's request as its protocol writes it, before the endpoint, the common headers
/// and the signature are added.
#[derive(Clone, Debug)]
pub struct RequestParts {
    /// The HTTP method.
    pub method: http::Method,
    /// The path and query, starting with `/`, appended to the endpoint's path.
    pub path_and_query: String,
    /// The protocol's headers.
    pub headers: http::HeaderMap,
    /// The body.
    pub body: bytes::Bytes,
}

/// How a protocol writes an operation's request and reads its response. The runtime has one
/// implementation per protocol (`protocol::aws_json`, `protocol::rest_json`); a generated
/// client names the one its service speaks.
pub trait ClientProtocol<O: Operation>: Sync {
    /// The request for `input`.
    fn write_request(&self, input: &O::Input) -> Result<RequestParts, ClientError>;
    /// Reads a successful (2xx) response.
    fn read_output(&self, response: &HttpResponse) -> Result<O::Output, ClientError>;
    /// Reads an error response into the operation's error.
    fn read_error(&self, response: &HttpResponse) -> O::Error;
}

/// How an operation's error type is made from an error response or a client-side failure;
/// generated for every operation's error enum.
pub trait OperationError: ErrorMetadata + SetRequestId + SetQueryError + Sized {
    /// The error a service sent: `code` is its error code, cleaned of namespace and suffix.
    fn from_response(code: &str, response: &HttpResponse) -> Self;
    /// A failure the model does not name.
    fn from_unhandled(err: Unhandled) -> Self;
}

/// What failed on the client's side, before or after the service answered. It is the
/// `source` of the `Unhandled` error the operation returns: find it with
/// [`ClientError::find`].
#[derive(Clone, Debug)]
pub struct ClientError {
    kind: ClientErrorKind,
    source: Option<Arc<dyn std::error::Error + Send + Sync>>,
    message: String,
}

/// The stage a [`ClientError`] happened at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ClientErrorKind {
    /// The input could not be built or serialized.
    Construction,
    /// No credentials could be found.
    Credentials,
    /// The endpoint rules gave no endpoint (no region, for one).
    Endpoint,
    /// The request could not be signed.
    Signing,
    /// The request could not be sent or the response not received.
    Transport,
    /// The attempt or operation timeout expired.
    Timeout,
    /// The service's successful response could not be read as the operation's output.
    Response,
}

impl ClientError {
    /// A failure at stage `kind`, described by `message`, caused by `source`.
    pub fn new(kind: ClientErrorKind, message: impl Into<String>, source: Option<Arc<dyn std::error::Error + Send + Sync>>) -> Self {
        ClientError { kind, message: message.into(), source }
    }

    /// The stage that failed.
    pub fn kind(&self) -> ClientErrorKind {
        self.kind
    }

    /// The `ClientError` in an error's chain of sources, if any.
    pub fn find<'a>(err: &'a (dyn std::error::Error + 'static)) -> Option<&'a ClientError> {
        let mut current = Some(err);
        while let Some(e) = current {
            if let Some(found) = e.downcast_ref::<ClientError>() {
                return Some(found);
            }
            current = e.source();
        }
        None
    }

    /// The `Unhandled` error an operation returns for this failure: the message is the
    /// `ClientError`'s, and it is the source.
    pub fn into_unhandled(self, status: Option<u16>, body: &[u8]) -> Unhandled {
        let (failure, retryable) = match self.kind {
            ClientErrorKind::Timeout => (FailureKind::Timeout, true),
            ClientErrorKind::Transport => (FailureKind::Dispatch, self.transport_retryable()),
            ClientErrorKind::Response => (FailureKind::Response, false),
            _ => (FailureKind::Construction, false),
        };
        let mut err = Unhandled::new(None).with_message(self.message.clone()).with_body(body.to_vec()).with_failure(failure, retryable);
        if let Some(status) = status {
            err = err.with_status(status);
        }
        err.with_source(self)
    }

    fn transport_retryable(&self) -> bool {
        self.source.as_deref().and_then(|e| e.downcast_ref::<TransportError>()).is_some_and(TransportError::is_retryable)
    }
}

impl std::fmt::Display for ClientError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ClientError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source.as_deref().map(|e| e as &(dyn std::error::Error + 'static))
    }
}

/// The error of a call whose input could not be built (a fluent builder missing a required
/// member): an `Unhandled` construction failure whose source is `err`.
pub fn construction_failure(err: impl std::error::Error + Send + Sync + 'static) -> Unhandled {
    construction("cannot build the input", err).into_unhandled(None, &[])
}

fn construction(message: impl Into<String>, source: impl std::error::Error + Send + Sync + 'static) -> ClientError {
    ClientError::new(ClientErrorKind::Construction, message, Some(Arc::new(source)))
}

/// A client's shared state: what every clone of a generated `Client` points to.
#[derive(Debug)]
pub struct Handle {
    config: Config,
    service: ServiceInfo,
    transport: Arc<dyn HttpTransport>,
    endpoint: OnceLock<Result<Endpoint, ResolveError>>,
    quota: RetryQuota,
    user_agent: String,
}

/// The outcome of one attempt.
enum Attempt<T, E> {
    Done(Result<T, E>),
    Retry(E, Retry, Option<Duration>),
}

impl Handle {
    /// The state of a client of `service` with `config`.
    pub fn new(config: Config, service: ServiceInfo) -> Self {
        let transport = config.transport.clone().unwrap_or_else(|| Arc::new(HyperTransport::new(config.timeouts.connect)));
        let user_agent = match &config.app_name {
            Some(app) => format!("{} smithy-codegen app/{app}", service.user_agent),
            None => format!("{} smithy-codegen", service.user_agent),
        };
        Handle { config, service, transport, endpoint: OnceLock::new(), quota: RetryQuota::default(), user_agent }
    }

    /// The configuration.
    pub fn config(&self) -> &Config {
        &self.config
    }

    fn endpoint(&self) -> Result<&Endpoint, ClientError> {
        let resolved = self.endpoint.get_or_init(|| {
            let config = &self.config;
            let endpoint = config.service_endpoint_url(self.service.sdk_id);
            (self.service.resolve_endpoint)(&BuiltIns::new(config.region.clone(), config.use_fips, config.use_dual_stack, endpoint))
        });
        resolved.as_ref().map_err(|e| ClientError::new(ClientErrorKind::Endpoint, "no endpoint", Some(Arc::new(e.clone()))))
    }

    /// Calls operation `O` with `input`, spoken in `protocol`.
    pub async fn call<O, P>(self: Arc<Self>, protocol: &'static P, input: O::Input, options: CallOptions) -> Result<O::Output, O::Error>
    where
        O: Operation,
        P: ClientProtocol<O>,
        O::Output: SetRequestId,
        O::Error: OperationError,
    {
        let span = tracing::debug_span!("operation", service = self.service.name, operation = O::NAME);
        let call = async {
            let parts = protocol.write_request(&input).and_then(|parts| self.compress(parts, &options)).map(|parts| with_md5(parts, &options));
            drop(input);
            let parts = parts.map_err(|e| O::Error::from_unhandled(e.into_unhandled(None, &[])))?;
            let prepared = Prepared { parts, host_prefix: options.host_prefix };
            match self.config.timeouts.operation {
                Some(limit) => match tokio::time::timeout(limit, self.attempts::<O, P>(protocol, &prepared)).await {
                    Ok(result) => result,
                    Err(_) => Err(O::Error::from_unhandled(timeout_error("operation", limit))),
                },
                None => self.attempts::<O, P>(protocol, &prepared).await,
            }
        };
        call.instrument(span).await
    }

    /// Gzips the body when the operation allows it, the config does not forbid it and the body
    /// is at least the configured size.
    fn compress(&self, mut parts: RequestParts, options: &CallOptions) -> Result<RequestParts, ClientError> {
        let min = self.config.request_min_compression_size_bytes;
        if !options.gzip || self.config.disable_request_compression || (parts.body.len() as u64) < u64::from(min) {
            return Ok(parts);
        }
        use std::io::Write;
        let mut encoder = flate2::write::GzEncoder::new(Vec::with_capacity(parts.body.len() / 2), flate2::Compression::default());
        let gz = encoder.write_all(&parts.body).and_then(|()| encoder.finish()).map_err(|e| construction("cannot gzip the request", e))?;
        let encoding = match parts.headers.get(http::header::CONTENT_ENCODING).and_then(|v| v.to_str().ok()) {
            Some(existing) => format!("{existing}, gzip"),
            None => "gzip".to_string(),
        };
        parts.headers.insert(http::header::CONTENT_ENCODING, http::HeaderValue::from_str(&encoding).map_err(|e| construction("invalid Content-Encoding", e))?);
        parts.body = bytes::Bytes::from(gz);
        Ok(parts)
    }

    async fn attempts<O, P>(&self, protocol: &P, prepared: &Prepared) -> Result<O::Output, O::Error>
    where
        O: Operation,
        P: ClientProtocol<O>,
        O::Output: SetRequestId,
        O::Error: OperationError,
    {
        let max = self.config.retry.max_attempts.max(1);
        let invocation_id = crate::uuid::new_v4();
        let mut spent = 0;
        let mut attempt = 1;
        loop {
            let span = tracing::debug_span!("attempt", attempt, status = tracing::field::Empty, request_id = tracing::field::Empty);
            let outcome = self.attempt::<O, P>(protocol, prepared, attempt, max, &invocation_id).instrument(span).await;
            let (err, reason, after) = match outcome {
                Attempt::Done(result) => {
                    if result.is_ok() {
                        self.quota.release(spent);
                    }
                    return result;
                }
                Attempt::Retry(err, reason, after) => (err, reason, after),
            };
            if attempt >= max {
                return Err(err);
            }
            let Some(cost) = self.quota.acquire(reason) else {
                tracing::debug!("retry quota exhausted");
                return Err(err);
            };
            spent += cost;
            let wait = retry::wait(&self.config.retry, attempt, after);
            tracing::debug!(?reason, ?wait, "retrying");
            tokio::time::sleep(wait).await;
            attempt += 1;
        }
    }

    async fn attempt<O, P>(&self, protocol: &P, prepared: &Prepared, attempt: u32, max: u32, invocation_id: &str) -> Attempt<O::Output, O::Error>
    where
        O: Operation,
        P: ClientProtocol<O>,
        O::Output: SetRequestId,
        O::Error: OperationError,
    {
        let request = match self.request(prepared, attempt, max, invocation_id).await {
            Ok(request) => request,
            Err(e) => return Attempt::Done(Err(O::Error::from_unhandled(e.into_unhandled(None, &[])))),
        };
        let sent = self.transport.send(request);
        let response = match self.config.timeouts.attempt {
            Some(limit) => match tokio::time::timeout(limit, sent).await {
                Ok(response) => response,
                Err(_) => Err(TransportError::new(TransportErrorKind::Timeout, format!("attempt timeout of {limit:?} expired"))),
            },
            None => sent.await,
        };
        match response {
            Ok(response) => read_response::<O, P>(protocol, &response),
            Err(e) => {
                let timeout = e.kind() == TransportErrorKind::Timeout;
                let (kind, retry) = if timeout { (ClientErrorKind::Timeout, Retry::Timeout) } else { (ClientErrorKind::Transport, Retry::Transient) };
                let retryable = e.is_retryable();
                let what = if timeout { "no response in time" } else { "could not send the request" };
                let err = O::Error::from_unhandled(ClientError::new(kind, what, Some(Arc::new(e))).into_unhandled(None, &[]));
                if retryable {
                    Attempt::Retry(err, retry, None)
                } else {
                    Attempt::Done(Err(err))
                }
            }
        }
    }

    /// The signed HTTP request for one attempt.
    async fn request(&self, prepared: &Prepared, attempt: u32, max: u32, invocation_id: &str) -> Result<HttpRequest, ClientError> {
        let endpoint = self.endpoint()?;
        let host_prefix = prepared.host_prefix.as_deref().filter(|_| !self.config.disable_host_prefix);
        let uri = request_uri(endpoint.url(), host_prefix, &prepared.parts.path_and_query)?;
        let parts = &prepared.parts;
        let mut request = http::Request::new(parts.body.clone());
        *request.method_mut() = parts.method.clone();
        *request.uri_mut() = uri;
        let headers = request.headers_mut();
        headers.clone_from(&parts.headers);
        let header = |value: &str| http::HeaderValue::from_str(value).map_err(|e| construction(format!("invalid header value `{value}`"), e));
        headers.insert(http::header::USER_AGENT, header(&self.user_agent)?);
        headers.insert("amz-sdk-invocation-id", header(invocation_id)?);
        headers.insert("amz-sdk-request", header(&format!("attempt={attempt}; max={max}"))?);
        if !parts.body.is_empty() || parts.headers.contains_key(http::header::CONTENT_TYPE) {
            headers.insert(http::header::CONTENT_LENGTH, http::HeaderValue::from(parts.body.len()));
        }
        for (name, values) in endpoint.headers() {
            let name = http::HeaderName::from_bytes(name.as_bytes()).map_err(|e| construction(format!("invalid endpoint header `{name}`"), e))?;
            for value in values {
                headers.append(name.clone(), header(value)?);
            }
        }
        let Some(signing_name) = endpoint.signing_name().or(self.service.signing_name) else {
            return Ok(request);
        };
        let provider = self.config.credentials.as_ref().ok_or_else(|| {
            ClientError::new(ClientErrorKind::Credentials, "no credentials: set them on the config, or use `Config::from_env`", None)
        })?;
        let credentials = provider
            .provide_credentials()
            .await
            .map_err(|e| ClientError::new(ClientErrorKind::Credentials, format!("no credentials ({})", credentials_message(&e)), Some(Arc::new(e))))?;
        let region = endpoint.signing_region().or(self.config.region.as_deref()).unwrap_or("us-east-1");
        crate::auth::sign_request(&mut request, &credentials, region, signing_name, SystemTime::now())
            .map_err(|e| ClientError::new(ClientErrorKind::Signing, "cannot sign the request", Some(Arc::new(e))))?;
        Ok(request)
    }

    /// A fresh idempotency token (a random UUID unless the config says otherwise), for
    /// `@idempotencyToken` members left unset.
    pub fn idempotency_token(&self) -> String {
        match &self.config.idempotency_token {
            Some(provider) => provider.token(),
            None => crate::uuid::new_v4(),
        }
    }
}

/// Adds `Content-MD5` (base64 of the body's MD5) when the operation requires a checksum.
fn with_md5(mut parts: RequestParts, options: &CallOptions) -> RequestParts {
    if options.content_md5 {
        use md5::Digest;
        let digest = md5::Md5::digest(&parts.body);
        let value = crate::primitives::encode_base64(&digest);
        if let Ok(value) = http::HeaderValue::from_str(&value) {
            parts.headers.insert("content-md5", value);
        }
    }
    parts
}

/// A credentials error's own words: its `Display` names only its kind (which the chain then
/// shows as the source).
fn credentials_message(err: &crate::auth::CredentialsError) -> String {
    match std::error::Error::source(err) {
        Some(source) => source.to_string(),
        None => err.to_string(),
    }
}

/// What every attempt of one call sends.
struct Prepared {
    parts: RequestParts,
    host_prefix: Option<String>,
}

/// The request URI: the endpoint's URL with the operation's host prefix, and the operation's
/// path and query appended to the endpoint's path.
fn request_uri(endpoint: &str, host_prefix: Option<&str>, path_and_query: &str) -> Result<http::Uri, ClientError> {
    let invalid = |why: String| ClientError::new(ClientErrorKind::Endpoint, why, None);
    let uri: http::Uri = endpoint.parse().map_err(|e| invalid(format!("invalid endpoint URL `{endpoint}`: {e}")))?;
    let mut parts = uri.into_parts();
    if let (Some(prefix), Some(authority)) = (host_prefix, parts.authority.as_ref()) {
        let labels = prefix.trim_end_matches('.');
        let valid = |label: &str| {
            !label.is_empty() && label.len() <= 63 && label.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') && !label.starts_with('-')
        };
        if !labels.split('.').all(valid) {
            return Err(invalid(format!("host prefix `{prefix}` is not a valid host name; check the members it is built from")));
        }
        let authority = format!("{prefix}{authority}");
        parts.authority = Some(authority.parse().map_err(|e| invalid(format!("invalid host `{authority}`: {e}")))?);
    }
    let base = parts.path_and_query.as_ref().map_or("", |p| p.path()).trim_end_matches('/');
    let joined = format!("{base}{path_and_query}");
    parts.path_and_query = Some(joined.parse().map_err(|e| invalid(format!("invalid request path `{joined}`: {e}")))?);
    http::Uri::from_parts(parts).map_err(|e| invalid(format!("invalid endpoint URL `{endpoint}`: {e}")))
}

/// Reads an HTTP response as the operation's output or error, and says whether to retry.
fn read_response<O, P>(protocol: &P, response: &HttpResponse) -> Attempt<O::Output, O::Error>
where
    O: Operation,
    P: ClientProtocol<O>,
    O::Output: SetRequestId,
    O::Error: OperationError,
{
    let status = response.status().as_u16();
    let request_id = response
        .headers()
        .get("x-amzn-requestid")
        .or_else(|| response.headers().get("x-amz-request-id"))
        .and_then(|v| v.to_str().ok());
    let span = tracing::Span::current();
    span.record("status", status);
    if let Some(id) = request_id {
        span.record("request_id", id);
    }
    if (200..300).contains(&status) {
        return Attempt::Done(match protocol.read_output(response) {
            Ok(mut output) => {
                output.set_request_id(request_id);
                Ok(output)
            }
            Err(e) => {
                let mut err = O::Error::from_unhandled(e.into_unhandled(Some(status), response.body()));
                err.set_request_id(request_id);
                Err(err)
            }
        });
    }
    let mut err = protocol.read_error(response);
    err.set_request_id(request_id);
    match retry::classify_response(err.retry_kind(), err.code(), status) {
        Some(reason) => Attempt::Retry(err, reason, retry::retry_after(response.headers())),
        None => Attempt::Done(Err(err)),
    }
}

fn timeout_error(what: &str, limit: Duration) -> Unhandled {
    let message = format!("{what} timeout of {limit:?} expired");
    ClientError::new(ClientErrorKind::Timeout, message, None).into_unhandled(None, &[])
}

#[cfg(test)]
mod tests {
    use super::request_uri;

    #[test]
    fn joins_the_endpoint_path_and_the_operation_path() {
        let uri = request_uri("https://example.com", None, "/").unwrap();
        assert_eq!(uri.to_string(), "https://example.com/");
        let uri = request_uri("https://example.com/prefix/", Some("data."), "/things/a%2Fb?x=1").unwrap();
        assert_eq!(uri.to_string(), "https://data.example.com/prefix/things/a%2Fb?x=1");
        assert!(request_uri("https://example.com", Some("bad_label."), "/").is_err());
    }
}
