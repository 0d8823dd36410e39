//! One call, from input to output: serialize, resolve the endpoint, sign, send, classify,
//! retry, parse. The same code serves every operation through the `Operation` trait.

use super::config::Config;
use super::retry::{self, Retry, RetryQuota};
use super::transport::{HttpRequest, HttpResponse, HttpTransport, HyperTransport, TransportError, TransportErrorKind};
use crate::error::{ErrorMetadata, SetRequestId, Unhandled};
use crate::operation::Operation;
use ::std::sync::{Arc, OnceLock};
use ::std::time::{Duration, SystemTime};
use ::tracing::Instrument;

/// What the generated code tells this module about the service.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Protocol {
    /// `application/x-amz-json-1.0` or `-1.1`.
    pub(crate) content_type: &'static str,
    /// The SigV4 signing name, when the model has one.
    pub(crate) signing_name: Option<&'static str>,
    /// `<crate>/<version>` for the `User-Agent`.
    pub(crate) user_agent: &'static str,
    /// `@awsQueryCompatible`: requests say `x-amzn-query-mode: true`.
    pub(crate) query_compatible: bool,
}

/// What the model says about one operation's requests beyond its input.
#[derive(Clone, Debug, Default)]
pub(crate) struct CallOptions {
    /// `@endpoint`'s host prefix, labels filled in (`foo.bar.`).
    pub(crate) host_prefix: Option<String>,
    /// `@requestCompression` allows gzip.
    pub(crate) gzip: bool,
}

/// How an operation's error type is made from a response or a client-side failure.
pub(crate) trait OperationError: ErrorMetadata + SetRequestId + Sized {
    fn from_response(code: &str, status: u16, body: &[u8]) -> Self;
    fn from_unhandled(err: Unhandled) -> Self;
}

/// What failed on the client's side, before or after the service answered. It is the
/// `source` of the `Unhandled` error the operation returns, so nothing is lost: find it with
/// [`ClientError::find`].
#[derive(Clone, Debug)]
pub struct ClientError {
    kind: ClientErrorKind,
    source: Option<Arc<dyn ::std::error::Error + Send + Sync>>,
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
    pub(crate) fn new(kind: ClientErrorKind, message: impl Into<String>, source: Option<Arc<dyn ::std::error::Error + Send + Sync>>) -> Self {
        ClientError { kind, message: message.into(), source }
    }

    /// The stage that failed.
    pub fn kind(&self) -> ClientErrorKind {
        self.kind
    }

    /// The `ClientError` in an error's chain of sources, if any.
    pub fn find<'a>(err: &'a (dyn ::std::error::Error + 'static)) -> Option<&'a ClientError> {
        let mut current = Some(err);
        while let Some(e) = current {
            if let Some(found) = e.downcast_ref::<ClientError>() {
                return Some(found);
            }
            current = e.source();
        }
        None
    }

    pub(crate) fn into_unhandled(self, status: Option<u16>, body: &[u8]) -> Unhandled {
        let mut err = Unhandled::new(None).with_message(self.message.clone()).with_body(body.to_vec());
        if let Some(status) = status {
            err = err.with_status(status);
        }
        err.with_source(self)
    }
}

impl ::std::fmt::Display for ClientError {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl ::std::error::Error for ClientError {
    fn source(&self) -> Option<&(dyn ::std::error::Error + 'static)> {
        self.source.as_deref().map(|e| e as &(dyn ::std::error::Error + 'static))
    }
}

/// A client's shared state.
#[derive(Debug)]
pub(crate) struct Handle {
    pub(crate) config: Config,
    protocol: Protocol,
    transport: Arc<dyn HttpTransport>,
    endpoint: OnceLock<Result<crate::endpoint::Endpoint, crate::endpoint::ResolveError>>,
    quota: RetryQuota,
    user_agent: String,
}

/// The outcome of one attempt.
pub(crate) enum Attempt<T, E> {
    Done(Result<T, E>),
    Retry(E, Retry),
}

impl Handle {
    pub(crate) fn new(config: Config, protocol: Protocol) -> Self {
        let transport = config.transport.clone().unwrap_or_else(|| Arc::new(HyperTransport::new(config.timeouts.connect)));
        let user_agent = match &config.app_name {
            Some(app) => format!("{} smithy-codegen app/{app}", protocol.user_agent),
            None => format!("{} smithy-codegen", protocol.user_agent),
        };
        Handle { config, protocol, transport, endpoint: OnceLock::new(), quota: RetryQuota::default(), user_agent }
    }

    fn endpoint(&self) -> Result<&crate::endpoint::Endpoint, ClientError> {
        let resolved = self.endpoint.get_or_init(|| {
            crate::endpoint::resolve_builtins(&crate::endpoint::BuiltIns {
                region: self.config.region.clone(),
                use_fips: self.config.use_fips,
                use_dual_stack: self.config.use_dual_stack,
                endpoint: self.config.endpoint_url.clone(),
            })
        });
        resolved.as_ref().map_err(|e| ClientError::new(ClientErrorKind::Endpoint, format!("no endpoint: {e}"), Some(Arc::new(e.clone()))))
    }

    /// Calls operation `O` with `input`.
    pub(crate) async fn call<O>(self: Arc<Self>, input: O::Input, options: CallOptions) -> Result<O::Output, O::Error>
    where
        O: Operation,
        O::Input: ::serde::Serialize + Send,
        O::Output: ::serde::de::DeserializeOwned + SetRequestId,
        O::Error: OperationError,
    {
        let span = ::tracing::debug_span!("operation", service = crate::operation::SERVICE_NAME, operation = O::NAME);
        let call = async {
            let body = match ::serde_json::to_vec(&input) {
                Ok(body) => body,
                Err(e) => return Err(O::Error::from_unhandled(ClientError::new(ClientErrorKind::Construction, format!("cannot serialize the input: {e}"), Some(Arc::new(e))).into_unhandled(None, &[]))),
            };
            drop(input);
            let body = match self.compress(body, &options) {
                Ok(body) => body,
                Err(e) => return Err(O::Error::from_unhandled(e.into_unhandled(None, &[]))),
            };
            let prepared = Prepared { body, options };
            match self.config.timeouts.operation {
                Some(limit) => match ::tokio::time::timeout(limit, self.attempts::<O>(&prepared)).await {
                    Ok(result) => result,
                    Err(_) => Err(O::Error::from_unhandled(timeout_error("operation", limit))),
                },
                None => self.attempts::<O>(&prepared).await,
            }
        };
        call.instrument(span).await
    }

    /// Gzips the body when the operation allows it, the config does not forbid it and the body
    /// is at least the configured size.
    fn compress(&self, body: Vec<u8>, options: &CallOptions) -> Result<Compressed, ClientError> {
        let min = self.config.request_min_compression_size_bytes;
        if !options.gzip || self.config.disable_request_compression || (body.len() as u64) < u64::from(min) {
            return Ok(Compressed { body: ::bytes::Bytes::from(body), gzip: false });
        }
        use ::std::io::Write;
        let mut encoder = ::flate2::write::GzEncoder::new(Vec::with_capacity(body.len() / 2), ::flate2::Compression::default());
        encoder
            .write_all(&body)
            .and_then(|()| encoder.finish())
            .map(|gz| Compressed { body: ::bytes::Bytes::from(gz), gzip: true })
            .map_err(|e| ClientError::new(ClientErrorKind::Construction, format!("cannot gzip the request: {e}"), Some(Arc::new(e))))
    }

    async fn attempts<O>(&self, prepared: &Prepared) -> Result<O::Output, O::Error>
    where
        O: Operation,
        O::Output: ::serde::de::DeserializeOwned + SetRequestId,
        O::Error: OperationError,
    {
        let max = self.config.retry.max_attempts.max(1);
        let invocation_id = ::uuid::Uuid::new_v4().to_string();
        let mut spent = 0;
        let mut attempt = 1;
        loop {
            let span = ::tracing::debug_span!("attempt", attempt, status = ::tracing::field::Empty, request_id = ::tracing::field::Empty);
            let outcome = self.attempt::<O>(prepared, attempt, max, &invocation_id).instrument(span).await;
            match outcome {
                Attempt::Done(result) => {
                    if result.is_ok() {
                        self.quota.release(spent);
                    }
                    return result;
                }
                Attempt::Retry(err, reason) => {
                    if attempt >= max {
                        return Err(err);
                    }
                    let Some(cost) = self.quota.acquire(reason) else {
                        ::tracing::debug!("retry quota exhausted");
                        return Err(err);
                    };
                    spent += cost;
                    let wait = retry::backoff(&self.config.retry, attempt);
                    ::tracing::debug!(?reason, ?wait, "retrying");
                    ::tokio::time::sleep(wait).await;
                    attempt += 1;
                }
            }
        }
    }

    async fn attempt<O>(&self, prepared: &Prepared, attempt: u32, max: u32, invocation_id: &str) -> Attempt<O::Output, O::Error>
    where
        O: Operation,
        O::Output: ::serde::de::DeserializeOwned + SetRequestId,
        O::Error: OperationError,
    {
        let fail = |e: ClientError| Attempt::Done(Err(O::Error::from_unhandled(e.into_unhandled(None, &[]))));
        let request = match self.request::<O>(prepared, attempt, max, invocation_id).await {
            Ok(request) => request,
            Err(e) => return fail(e),
        };
        let sent = self.transport.send(request);
        let response = match self.config.timeouts.attempt {
            Some(limit) => match ::tokio::time::timeout(limit, sent).await {
                Ok(response) => response,
                Err(_) => Err(TransportError::new(TransportErrorKind::Timeout, format!("attempt timeout of {limit:?} expired"))),
            },
            None => sent.await,
        };
        let response = match response {
            Ok(response) => response,
            Err(e) => {
                let retry = if e.kind() == TransportErrorKind::Timeout { Retry::Timeout } else { Retry::Transient };
                let kind = if e.kind() == TransportErrorKind::Timeout { ClientErrorKind::Timeout } else { ClientErrorKind::Transport };
                let retryable = e.is_retryable();
                let err = O::Error::from_unhandled(ClientError::new(kind, e.to_string(), Some(Arc::new(e))).into_unhandled(None, &[]));
                return if retryable { Attempt::Retry(err, retry) } else { Attempt::Done(Err(err)) };
            }
        };
        read_response::<O>(response)
    }

    /// The signed HTTP request for one attempt.
    async fn request<O: Operation>(&self, prepared: &Prepared, attempt: u32, max: u32, invocation_id: &str) -> Result<HttpRequest, ClientError> {
        let endpoint = self.endpoint()?;
        let uri = request_uri(endpoint.url(), prepared.options.host_prefix.as_deref().filter(|_| !self.config.disable_host_prefix))?;
        let mut builder = ::http::Request::builder()
            .method(::http::Method::POST)
            .uri(uri)
            .header(::http::header::CONTENT_TYPE, self.protocol.content_type)
            .header("x-amz-target", format!("{}.{}", crate::operation::SERVICE_NAME, O::NAME))
            .header(::http::header::USER_AGENT, self.user_agent.as_str())
            .header("amz-sdk-invocation-id", invocation_id)
            .header("amz-sdk-request", format!("attempt={attempt}; max={max}"));
        if self.protocol.query_compatible {
            builder = builder.header("x-amzn-query-mode", "true");
        }
        if prepared.body.gzip {
            builder = builder.header(::http::header::CONTENT_ENCODING, "gzip");
        }
        for (name, values) in endpoint.headers() {
            for value in values {
                builder = builder.header(name.as_str(), value.as_str());
            }
        }
        let mut request = builder
            .body(prepared.body.body.clone())
            .map_err(|e| ClientError::new(ClientErrorKind::Construction, format!("invalid request (endpoint `{}`): {e}", endpoint.url()), Some(Arc::new(e))))?;
        let Some(signing_name) = endpoint.signing_name().or(self.protocol.signing_name) else {
            return Ok(request);
        };
        let provider = self.config.credentials.as_ref().ok_or_else(|| {
            ClientError::new(ClientErrorKind::Credentials, "no credentials: set them on the config, or use `Config::from_env`", None)
        })?;
        let credentials = provider
            .provide_credentials()
            .await
            .map_err(|e| ClientError::new(ClientErrorKind::Credentials, format!("no credentials: {e}"), Some(Arc::new(e))))?;
        let region = endpoint.signing_region().or(self.config.region.as_deref()).unwrap_or("us-east-1");
        crate::auth::sign_request(&mut request, &credentials, region, signing_name, SystemTime::now())
            .map_err(|e| ClientError::new(ClientErrorKind::Signing, e.to_string(), Some(Arc::new(e))))?;
        Ok(request)
    }
}

/// A serialized (and maybe compressed) request body.
struct Compressed {
    body: ::bytes::Bytes,
    gzip: bool,
}

/// What every attempt of one call sends.
struct Prepared {
    body: Compressed,
    options: CallOptions,
}

/// The request URI: the endpoint's URL with the operation's host prefix, and the path ending
/// in `/` (awsJson requests go to the endpoint's path, which is `/` for most).
fn request_uri(endpoint: &str, host_prefix: Option<&str>) -> Result<::http::Uri, ClientError> {
    let invalid = |why: String| ClientError::new(ClientErrorKind::Endpoint, why, None);
    let uri: ::http::Uri = endpoint.parse().map_err(|e| invalid(format!("invalid endpoint URL `{endpoint}`: {e}")))?;
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
    let path_and_query = parts.path_and_query.as_ref().map_or("/", |p| p.as_str());
    if !path_and_query.ends_with('/') && !path_and_query.contains('?') {
        let with_slash = format!("{path_and_query}/");
        parts.path_and_query = Some(with_slash.parse().map_err(|e| invalid(format!("invalid endpoint path `{with_slash}`: {e}")))?);
    }
    ::http::Uri::from_parts(parts).map_err(|e| invalid(format!("invalid endpoint URL `{endpoint}`: {e}")))
}

/// Reads an HTTP response as the operation's output or error, and says whether to retry.
pub(crate) fn read_response<O>(response: HttpResponse) -> Attempt<O::Output, O::Error>
where
    O: Operation,
    O::Output: ::serde::de::DeserializeOwned + SetRequestId,
    O::Error: OperationError,
{
    let status = response.status().as_u16();
    let request_id = response
        .headers()
        .get("x-amzn-requestid")
        .or_else(|| response.headers().get("x-amz-request-id"))
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let span = ::tracing::Span::current();
    span.record("status", status);
    if let Some(id) = &request_id {
        span.record("request_id", id.as_str());
    }
    let body = response.body();
    if (200..300).contains(&status) {
        let json: &[u8] = if body.iter().all(u8::is_ascii_whitespace) { b"{}" } else { body };
        // Checking UTF-8 once for the whole body is faster than serde_json checking each string.
        let parsed = match ::std::str::from_utf8(json) {
            Ok(text) => ::serde_json::from_str::<O::Output>(text).map_err(|e| -> Arc<dyn ::std::error::Error + Send + Sync> { Arc::new(e) }),
            Err(e) => Err(Arc::new(e) as Arc<dyn ::std::error::Error + Send + Sync>),
        };
        return Attempt::Done(match parsed {
            Ok(mut output) => {
                output.set_request_id(request_id.as_deref());
                Ok(output)
            }
            Err(e) => {
                let message = format!("cannot read the `{}` response: {e}", O::NAME);
                let mut err = O::Error::from_unhandled(ClientError::new(ClientErrorKind::Response, message, Some(e)).into_unhandled(Some(status), body));
                err.set_request_id(request_id.as_deref());
                Err(err)
            }
        });
    }
    let code = error_code(response.headers(), body);
    let mut err = match code.as_deref() {
        Some(code) => O::Error::from_response(code, status, body),
        None => O::Error::from_unhandled(Unhandled::from_response(None, Some(status), body)),
    };
    err.set_request_id(request_id.as_deref());
    match retry::classify_response(err.retry_kind(), err.code(), status) {
        Some(reason) => Attempt::Retry(err, reason),
        None => Attempt::Done(Err(err)),
    }
}

/// The error code of an awsJson error response: the `X-Amzn-Errortype` header, else the
/// body's `__type`, else its `code`; what follows a `#` and precedes a `:`.
pub(crate) fn error_code(headers: &::http::HeaderMap, body: &[u8]) -> Option<String> {
    let raw = match headers.get("x-amzn-errortype").and_then(|v| v.to_str().ok()) {
        Some(header) => header.to_string(),
        None => {
            #[derive(::serde::Deserialize)]
            struct Fields {
                #[serde(rename = "__type")]
                type_: Option<String>,
                code: Option<String>,
            }
            let fields: Fields = ::serde_json::from_slice(body).ok()?;
            fields.type_.or(fields.code)?
        }
    };
    let before_colon = raw.split(':').next().unwrap_or(&raw);
    let code = before_colon.split_once('#').map_or(before_colon, |(_, code)| code).trim();
    (!code.is_empty()).then(|| code.to_string())
}

fn timeout_error(what: &str, limit: Duration) -> Unhandled {
    let message = format!("{what} timeout of {limit:?} expired");
    ClientError::new(ClientErrorKind::Timeout, message.clone(), Some(Arc::new(TransportError::new(TransportErrorKind::Timeout, message)))).into_unhandled(None, &[])
}

impl Handle {
    /// A fresh idempotency token (a random UUID unless the config says otherwise), for
    /// `@idempotencyToken` members left unset.
    // Unused by models without idempotency tokens.
    #[allow(dead_code)]
    pub(crate) fn idempotency_token(&self) -> String {
        match &self.config.idempotency_token {
            Some(provider) => provider.token(),
            None => ::uuid::Uuid::new_v4().to_string(),
        }
    }
}
