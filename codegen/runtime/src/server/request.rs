//! The protocol around each call: reading the body within its limit, SigV4, routing by the
//! protocol's rules, the content type, and JSON input.

use super::config::Config;
use super::reply::Reply;
use super::{BoxFuture, ServiceSpec};
use crate::protocol::aws_json::AwsJson;
use bytes::Bytes;
use http_body_util::{BodyExt, Full, Limited};

/// A request on its way to an operation: its head, its whole body and, for protocols that
/// route by URI, the labels the route matched.
#[derive(Debug)]
pub struct Request {
    /// The method, URI and headers.
    pub parts: http::request::Parts,
    /// The body, read to the end within the limit.
    pub body: Bytes,
    /// The URI labels, percent-decoded: (label, value).
    pub labels: Vec<(&'static str, String)>,
}

/// Serves one request: `call` runs the operation the protocol's routing picks (an index into
/// the spec's operations).
pub(crate) async fn handle<B, F>(config: &Config, spec: &ServiceSpec, request: http::Request<B>, call: F) -> http::Response<Full<Bytes>>
where
    B: hyper::body::Body<Data = Bytes> + Send + 'static,
    B::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
    F: FnOnce(usize, Request) -> BoxFuture<Reply>,
{
    let request_id = crate::uuid::new_v4();
    let method = request.method().clone();
    let uri = request.uri().clone();
    let (reply, operation) = process(config, spec, request, call).await;
    let path = uri.path();
    if reply.status() >= 500 {
        tracing::warn!(request_id = %request_id, %method, %path, operation, status = reply.status(), "request failed");
    } else {
        tracing::debug!(request_id = %request_id, %method, %path, operation, status = reply.status(), "request served");
    }
    reply.into_response(spec.error_style(), Some(spec.content_type()), &request_id)
}

/// The reply, and the operation that made it (empty when none did).
async fn process<B, F>(config: &Config, spec: &ServiceSpec, request: http::Request<B>, call: F) -> (Reply, &'static str)
where
    B: hyper::body::Body<Data = Bytes> + Send + 'static,
    B::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
    F: FnOnce(usize, Request) -> BoxFuture<Reply>,
{
    let (parts, body) = request.into_parts();
    let body = match read_body(config, &parts.headers, body).await {
        Ok(body) => body,
        Err(reply) => return (reply, ""),
    };
    if let Some(lookup) = &config.credentials {
        if let Err(reply) = super::sigv4::verify(lookup, &parts, &body, spec.signing_name(), std::time::SystemTime::now()) {
            return (reply, "");
        }
    }
    let route = match spec {
        ServiceSpec::AwsJson { protocol, operations, .. } => aws_json_route(protocol, operations, &parts, &body).map(|(r, o)| (r, o, Vec::new())),
        ServiceSpec::RestJson { routes, .. } => super::routing::route(routes, &parts).ok_or_else(|| {
            let message = format!("No operation of the service matches {} `{}`.", parts.method, parts.uri.path());
            Reply::protocol_error(404, "UnknownOperationException", &message)
        }),
    };
    let (route, operation, labels) = match route {
        Ok(found) => found,
        Err(reply) => return (reply, ""),
    };
    // A panicking implementation costs its caller a `500`, not the connection.
    let reply = match CatchUnwind(call(route, Request { parts, body, labels })).await {
        Ok(reply) => reply,
        Err(panic) => {
            let message = panic.downcast_ref::<&str>().copied().or_else(|| panic.downcast_ref::<String>().map(String::as_str)).unwrap_or("a panic");
            Reply::internal_failure(&format!("the operation `{operation}` failed: {message}"))
        }
    };
    (reply, operation)
}

/// A future that turns a panic while it is polled into an error, as a task of its own would,
/// without the cost of spawning one per request (a third of the time of a small call).
struct CatchUnwind<F>(F);

impl<F: std::future::Future + Unpin> std::future::Future for CatchUnwind<F> {
    type Output = Result<F::Output, Box<dyn std::any::Any + Send>>;

    fn poll(self: std::pin::Pin<&mut Self>, cx: &mut std::task::Context<'_>) -> std::task::Poll<Self::Output> {
        let future = &mut self.get_mut().0;
        match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| std::pin::Pin::new(&mut *future).poll(cx))) {
            Ok(poll) => poll.map(Ok),
            Err(panic) => std::task::Poll::Ready(Err(panic)),
        }
    }
}

/// awsJson routing: `POST /`, the operation named by `X-Amz-Target`, the protocol's content
/// type for a non-empty body.
fn aws_json_route(protocol: &AwsJson, operations: &'static [&'static str], parts: &http::request::Parts, body: &[u8]) -> Result<(usize, &'static str), Reply> {
    if parts.method != http::Method::POST || parts.uri.path() != "/" {
        let message = format!("awsJson requests are POSTs to `/`, not {} `{}`.", parts.method, parts.uri.path());
        return Err(unknown_operation(&message));
    }
    let Some(target) = parts.headers.get("x-amz-target") else {
        return Err(unknown_operation("The request has no X-Amz-Target header."));
    };
    let target = target.to_str().unwrap_or_default();
    let service = protocol.target_prefix;
    let operation = match target.split_once('.') {
        Some((prefix, operation)) if prefix == service => operation,
        _ => return Err(unknown_operation(&format!("`{target}` is not an operation of {service}."))),
    };
    if !content_type_is(&parts.headers, protocol.content_type) && !body.iter().all(u8::is_ascii_whitespace) {
        return Err(Reply::protocol_error(400, "SerializationException", &format!("The request's Content-Type must be `{}`.", protocol.content_type)));
    }
    match operations.iter().position(|name| *name == operation) {
        Some(route) => Ok((route, operations[route])),
        None => Err(unknown_operation(&format!("`{target}` is not an operation of {service}."))),
    }
}

fn unknown_operation(message: &str) -> Reply {
    Reply::protocol_error(400, "UnknownOperationException", message)
}

/// Whether the media type (parameters aside) is `expected`.
fn content_type_is(headers: &http::HeaderMap, expected: &str) -> bool {
    headers
        .get(http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|v| v.trim().eq_ignore_ascii_case(expected))
}

fn too_large(limit: usize) -> Reply {
    Reply::protocol_error(413, "RequestEntityTooLargeException", &format!("The request body is larger than the limit of {limit} bytes."))
}

/// The whole body, refused as soon as it is known to exceed the limit (by `Content-Length`
/// or while reading) or when it takes longer than the body read timeout.
async fn read_body<B>(config: &Config, headers: &http::HeaderMap, body: B) -> Result<Bytes, Reply>
where
    B: hyper::body::Body<Data = Bytes> + Send + 'static,
    B::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    let declared = headers.get(http::header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|len| len > config.body_limit as u64) {
        return Err(too_large(config.body_limit));
    }
    // A request without a body (most GETs) needs no read and no timer.
    if hyper::body::Body::is_end_stream(&body) {
        return Ok(Bytes::new());
    }
    let read = Limited::new(body, config.body_limit).collect();
    match tokio::time::timeout(config.body_read_timeout, read).await {
        Ok(Ok(collected)) => decode(headers, collected.to_bytes(), config.body_limit),
        Ok(Err(err)) if err.is::<http_body_util::LengthLimitError>() => Err(too_large(config.body_limit)),
        Ok(Err(err)) => Err(Reply::protocol_error(400, "SerializationException", &format!("The request body could not be read: {err}"))),
        Err(_) => Err(Reply::protocol_error(408, "RequestTimeoutException", "The request body was not received in time.")),
    }
}

/// Undoes a `Content-Encoding: gzip` (the only compression Smithy's `@requestCompression`
/// names), within the body limit so that a small bomb cannot fill memory; other encodings are
/// refused.
fn decode(headers: &http::HeaderMap, body: Bytes, limit: usize) -> Result<Bytes, Reply> {
    let encodings: Vec<String> = headers
        .get_all(http::header::CONTENT_ENCODING)
        .iter()
        .flat_map(|v| v.to_str().unwrap_or("?").split(',').map(|e| e.trim().to_ascii_lowercase()).collect::<Vec<_>>())
        .filter(|e| !e.is_empty() && e != "identity")
        .collect();
    let mut body = body;
    // Encodings apply in the order listed, so they are undone from the last.
    for encoding in encodings.iter().rev() {
        if encoding != "gzip" {
            return Err(Reply::protocol_error(415, "UnsupportedMediaTypeException", &format!("The Content-Encoding `{encoding}` is not supported.")));
        }
        use std::io::Read;
        let mut out = Vec::new();
        let mut decoder = flate2::read::GzDecoder::new(&body[..]).take(limit as u64 + 1);
        if decoder.read_to_end(&mut out).is_err() {
            return Err(Reply::protocol_error(400, "SerializationException", "The request body is not valid gzip."));
        }
        if out.len() > limit {
            return Err(too_large(limit));
        }
        body = Bytes::from(out);
    }
    Ok(body)
}

/// Reads an operation's input from a JSON body: an empty body reads as `{}`; anything that is
/// not a JSON object of the input's shape is a `SerializationException`, and a required member
/// of a structure inside it left out is a validation failure, answered by `validation_failed`.
pub fn parse_json_input<T: serde::de::DeserializeOwned>(body: &[u8], validation_failed: fn(crate::error::ValidationError) -> Reply) -> Result<T, Reply> {
    if !body.iter().all(u8::is_ascii_whitespace) && body.iter().find(|b| !b.is_ascii_whitespace()) != Some(&b'{') {
        return Err(Reply::protocol_error(400, "SerializationException", "The request body must be a JSON object."));
    }
    crate::protocol::read_request_json(body).map_err(|err| match err {
        crate::protocol::BodyError::MissingRequired(path) => validation_failed(crate::error::ValidationError::required(&path)),
        crate::protocol::BodyError::Invalid(why) => Reply::protocol_error(400, "SerializationException", &format!("The request body is not a valid input: {why}")),
    })
}
