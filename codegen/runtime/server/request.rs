//! The protocol around each call: reading the body within its limit, SigV4, routing by
//! `X-Amz-Target`, the content type, and JSON input.

use super::config::Config;
use super::reply::Reply;
use bytes::Bytes;
use http_body_util::{BodyExt, Full, Limited};
use std::future::Future;

/// What the generated code tells the protocol about the service.
#[derive(Debug)]
pub(crate) struct Protocol {
    /// The service shape's name: the part of `X-Amz-Target` before the dot.
    pub(crate) service_name: &'static str,
    /// `application/x-amz-json-1.0` or `1.1`.
    pub(crate) content_type: &'static str,
    /// The SigV4 signing name, when the model has one.
    pub(crate) signing_name: Option<&'static str>,
}

/// Serves one request: `dispatch` runs the operation (named as in `X-Amz-Target`) on the
/// body, or returns `None` when the service has no such operation.
pub(crate) async fn handle<B, F, Fut>(
    config: &Config,
    protocol: &'static Protocol,
    request: http::Request<B>,
    dispatch: F,
) -> http::Response<Full<Bytes>>
where
    B: hyper::body::Body<Data = Bytes> + Send + 'static,
    B::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
    F: FnOnce(&str, Bytes) -> Option<Fut>,
    Fut: Future<Output = Reply> + Send + 'static,
{
    let request_id = uuid::Uuid::new_v4().to_string();
    let target = request
        .headers()
        .get("x-amz-target")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let reply = process(config, protocol, request, dispatch).await;
    if reply.status() >= 500 {
        tracing::warn!(request_id = %request_id, target = ?target, status = reply.status(), "request failed");
    } else {
        tracing::debug!(request_id = %request_id, target = ?target, status = reply.status(), "request served");
    }
    reply.into_response(protocol.content_type, &request_id)
}

async fn process<B, F, Fut>(config: &Config, protocol: &'static Protocol, request: http::Request<B>, dispatch: F) -> Reply
where
    B: hyper::body::Body<Data = Bytes> + Send + 'static,
    B::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
    F: FnOnce(&str, Bytes) -> Option<Fut>,
    Fut: Future<Output = Reply> + Send + 'static,
{
    let (parts, body) = request.into_parts();
    let body = match read_body(config, &parts.headers, body).await {
        Ok(body) => body,
        Err(reply) => return reply,
    };
    if let Some(lookup) = &config.credentials {
        if let Err(reply) = super::sigv4::verify(lookup, &parts, &body, protocol.signing_name, std::time::SystemTime::now()) {
            return reply;
        }
    }
    if parts.method != http::Method::POST || parts.uri.path() != "/" {
        let message = format!("awsJson requests are POSTs to `/`, not {} `{}`.", parts.method, parts.uri.path());
        return unknown_operation(&message);
    }
    let Some(target) = parts.headers.get("x-amz-target") else {
        return unknown_operation("The request has no X-Amz-Target header.");
    };
    let target = target.to_str().unwrap_or_default();
    let operation = match target.split_once('.') {
        Some((service, operation)) if service == protocol.service_name => operation,
        _ => return unknown_operation(&format!("`{target}` is not an operation of {}.", protocol.service_name)),
    };
    if !content_type_is(&parts.headers, protocol.content_type) && !body.iter().all(u8::is_ascii_whitespace) {
        return Reply::protocol_error(
            400,
            "SerializationException",
            &format!("The request's Content-Type must be `{}`.", protocol.content_type),
        );
    }
    let Some(call) = dispatch(operation, body) else {
        return unknown_operation(&format!("`{target}` is not an operation of {}.", protocol.service_name));
    };
    // The operation runs on its own task, so that a panicking implementation costs its caller
    // a `500`, not the connection.
    match tokio::spawn(call).await {
        Ok(reply) => reply,
        Err(err) => Reply::internal_failure(&format!("the operation `{operation}` failed: {err}")),
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
    let read = Limited::new(body, config.body_limit).collect();
    match tokio::time::timeout(config.body_read_timeout, read).await {
        Ok(Ok(collected)) => Ok(collected.to_bytes()),
        Ok(Err(err)) if err.is::<http_body_util::LengthLimitError>() => Err(too_large(config.body_limit)),
        Ok(Err(err)) => Err(Reply::protocol_error(400, "SerializationException", &format!("The request body could not be read: {err}"))),
        Err(_) => Err(Reply::protocol_error(408, "RequestTimeoutException", "The request body was not received in time.")),
    }
}

/// Reads an operation's input: an empty body reads as `{}`; anything that is not a JSON
/// object of the input's shape is a `SerializationException`.
pub(crate) fn parse_input<T: serde::de::DeserializeOwned>(body: &[u8]) -> Result<T, Reply> {
    let body: &[u8] = if body.iter().all(u8::is_ascii_whitespace) { b"{}" } else { body };
    if body.iter().find(|b| !b.is_ascii_whitespace()) != Some(&b'{') {
        return Err(Reply::protocol_error(400, "SerializationException", "The request body must be a JSON object."));
    }
    super::strict::from_slice(body).map_err(|err| Reply::protocol_error(400, "SerializationException", &format!("The request body is not a valid input: {err}")))
}
