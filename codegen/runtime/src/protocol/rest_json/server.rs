//! The server's side: reading an operation's input from a request (after checking the content
//! type and `Accept`), and writing its output or error.

use super::{BodyKind, HttpInput, HttpOutput, RequestReader, ResponseWriter};
use crate::server::{Reply, Request};

/// Whether a `Content-Type` (parameters aside) is `expected`; a `*` in `expected`'s subtype
/// (a `@mediaType` such as `image/*`) matches any.
fn media_matches(actual: &str, expected: &str) -> bool {
    let actual = actual.split(';').next().unwrap_or("").trim();
    let (ea, eb) = expected.split_once('/').unwrap_or((expected, ""));
    let (aa, ab) = actual.split_once('/').unwrap_or((actual, ""));
    aa.eq_ignore_ascii_case(ea) && (eb == "*" || ab.eq_ignore_ascii_case(eb))
}

/// Checks the request's `Content-Type` against what the input's body holds: a body needs its
/// kind's type, and an input without body members takes no `Content-Type`.
fn check_content_type(request: &Request, body: BodyKind) -> Result<(), Reply> {
    let header = request.parts.headers.get(http::header::CONTENT_TYPE).map(|v| v.to_str().unwrap_or(""));
    let unsupported = |message: String| Err(Reply::protocol_error(415, "UnsupportedMediaTypeException", &message));
    match (body.content_type(), header) {
        (None, None) => Ok(()),
        // A `Content-Type` without a body does no harm.
        (None, Some(_)) if request.body.is_empty() => Ok(()),
        (None, Some(actual)) => unsupported(format!("This operation takes no body, but the request has Content-Type `{actual}`.")),
        // A blob payload without `@mediaType` takes any content.
        _ if body == BodyKind::Blob(None) => Ok(()),
        (Some(expected), Some(actual)) if media_matches(actual, expected) => Ok(()),
        (Some(_), None) if request.body.is_empty() => Ok(()),
        (Some(expected), actual) => unsupported(format!("The request's Content-Type must be `{expected}`, not `{}`.", actual.unwrap_or("none"))),
    }
}

/// Checks `Accept`: when present, it must allow the response's content type.
fn check_accept(request: &Request, response: BodyKind) -> Result<(), Reply> {
    // A blob without `@mediaType` may be anything.
    if response == BodyKind::Blob(None) {
        return Ok(());
    }
    let (Some(accept), Some(produced)) = (request.parts.headers.get(http::header::ACCEPT), response.content_type()) else { return Ok(()) };
    let accept = accept.to_str().unwrap_or("");
    let allowed = accept.split(',').any(|range| {
        let range = range.split(';').next().unwrap_or("").trim();
        range == "*/*" || media_matches(produced, range) || media_matches(range, produced)
    });
    if allowed {
        Ok(())
    } else {
        Err(Reply::protocol_error(406, "NotAcceptableException", &format!("The response is `{produced}`, which `Accept: {accept}` does not allow.")))
    }
}

/// Reads an operation's input: the content type and `Accept` checked, then the bindings and
/// body read. A request that does not read is a `SerializationException` (400); a required
/// member of a structure inside it left out is a validation failure, answered by
/// `validation_failed`.
pub fn read_input<I: HttpInput, O: HttpOutput>(request: &Request, validation_failed: fn(crate::error::ValidationError) -> Reply) -> Result<I, Reply> {
    check_content_type(request, I::BODY)?;
    check_accept(request, O::BODY)?;
    let query = request.parts.uri.query().unwrap_or("");
    let reader = RequestReader::new(&request.labels, query, &request.parts.headers, &request.body);
    crate::wire::strict(|| I::read_request(&reader)).map_err(|why| match why.strip_prefix(super::message::MISSING_AT) {
        Some(path) => validation_failed(crate::error::ValidationError::required(path)),
        None => Reply::protocol_error(400, "SerializationException", &why),
    })
}

/// The response for an output: `status` (the `@http` code) unless `@httpResponseCode` says
/// otherwise, the bound headers, and the body.
pub fn write_output<O: HttpOutput>(output: &O, status: u16) -> Reply {
    let mut writer = ResponseWriter::new(status);
    output.write_response(&mut writer);
    if O::BODY == BodyKind::Json && !writer.has_body() {
        // A JSON output always answers with an object, `{}` when nothing is set.
        writer.body_json(&serde_json::Map::new());
    }
    finish(writer, None)
}

/// The response for a modeled error: its status, `X-Amzn-Errortype` with its code, its bound
/// headers and its body members.
pub fn write_error<E: HttpOutput>(error: &E, code: &str, status: u16) -> Reply {
    let mut writer = ResponseWriter::new(status);
    error.write_response(&mut writer);
    if !writer.has_body() {
        writer.body_json(&serde_json::Map::new());
    }
    finish(writer, Some(code)).with_error_status(status)
}

fn finish(writer: ResponseWriter, code: Option<&str>) -> Reply {
    match writer.finish() {
        Ok((status, headers, body)) => {
            let content_type = headers.get(http::header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).map(str::to_string);
            let reply = Reply::with_parts(status, headers, body.to_vec(), content_type);
            match code {
                Some(code) => reply.with_error_type(code),
                None => reply,
            }
        }
        Err(why) => Reply::internal_failure(&format!("the response could not be written: {why}")),
    }
}
