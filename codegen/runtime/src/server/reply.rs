//! What the server answers: a status, headers, a body and, for errors, the error's code. Errors
//! that are not modeled (the protocol's own, unhandled ones) are kept abstract and written in the
//! service's protocol when the response is made.

use bytes::Bytes;
use http_body_util::Full;

/// The namespace AWS services put before the protocol's own error codes in awsJson `__type`s.
const CORAL: &str = "com.amazon.coral.service#";

/// How the body of an error the model does not name is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ErrorStyle {
    /// awsJson: `{"__type": "<namespace>#<Code>", "message": ...}`.
    AwsJson,
    /// restJson1: `{"message": ...}`; the code is only in `X-Amzn-Errortype`.
    RestJson,
}

#[derive(Debug)]
enum Body {
    Bytes(Vec<u8>),
    /// An error the protocol writes: `__type` when the protocol uses it (with this namespace).
    Error { namespace: &'static str, code: String, message: Option<String> },
    /// A validation failure without a modeled `ValidationException`.
    Validation(serde_json::Value),
}

/// A response before it gets its protocol's framing: the request id and the content type are
/// added last. (Boxed, so that `Result<_, Reply>` stays small.)
#[derive(Debug)]
pub struct Reply(Box<Parts>);

#[derive(Debug)]
struct Parts {
    status: u16,
    body: Body,
    /// Headers an HTTP binding protocol wrote (boxed: most replies have none).
    headers: Option<Box<http::HeaderMap>>,
    /// The body's content type, when it is not the protocol's default.
    content_type: Option<String>,
    /// The error code, sent as `X-Amzn-Errortype`.
    error_type: Option<String>,
    /// `code;Sender` or `code;Receiver`, sent as `x-amzn-query-error` by `@awsQueryCompatible`
    /// services.
    query_error: Option<&'static str>,
}

impl Reply {
    fn new(status: u16, body: Body) -> Reply {
        Reply(Box::new(Parts { status, body, headers: None, content_type: None, error_type: None, query_error: None }))
    }

    /// `200` with the operation's output as its JSON body.
    pub fn output<T: serde::Serialize>(output: &T) -> Reply {
        match serde_json::to_vec(output) {
            Ok(body) => Reply::new(200, Body::Bytes(body)),
            Err(err) => Reply::internal_failure(&format!("the output could not be serialized: {err}")),
        }
    }

    /// `200` with an empty body, for an operation without output.
    pub fn empty() -> Reply {
        Reply::new(200, Body::Bytes(Vec::new()))
    }

    /// A response as an HTTP binding protocol writes it: status, headers, body and its
    /// content type.
    pub fn with_parts(status: u16, headers: http::HeaderMap, body: Vec<u8>, content_type: Option<String>) -> Reply {
        let mut reply = Reply::new(status, Body::Bytes(body));
        reply.0.headers = Some(Box::new(headers));
        reply.0.content_type = content_type;
        reply
    }

    /// An awsJson modeled error: its structure as JSON, with `__type` set to `type_name` (the
    /// full shape id in awsJson1_0, the shape's name in awsJson1_1).
    pub fn modeled_error<T: serde::Serialize>(error: &T, type_name: &str, code: &str, status: u16) -> Reply {
        let fields = match serde_json::to_vec(error) {
            Ok(fields) => fields,
            Err(err) => return Reply::internal_failure(&format!("the `{code}` error could not be serialized: {err}")),
        };
        let mut body = Vec::with_capacity(fields.len() + type_name.len() + 16);
        body.extend_from_slice(b"{\"__type\":");
        // A string always serializes.
        body.extend_from_slice(&serde_json::to_vec(type_name).unwrap_or_default());
        match fields.strip_prefix(b"{") {
            Some(rest) if rest.starts_with(b"}") => body.extend_from_slice(rest),
            Some(rest) => {
                body.push(b',');
                body.extend_from_slice(rest);
            }
            // Not an object: the generated error structures always are.
            None => body.push(b'}'),
        }
        Reply::new(valid_error_status(status), Body::Bytes(body)).with_error_type(code)
    }

    /// Sets the error code sent as `X-Amzn-Errortype`.
    pub fn with_error_type(mut self, code: &str) -> Reply {
        self.0.error_type = Some(code.to_string());
        self
    }

    /// Sets the status of an error (4xx or 5xx; anything else becomes 500).
    pub fn with_error_status(mut self, status: u16) -> Reply {
        self.0.status = valid_error_status(status);
        self
    }

    /// Adds the `x-amzn-query-error` header of an `@awsQueryCompatible` service's error.
    pub fn with_query_error(mut self, header: &'static str) -> Reply {
        self.0.query_error = Some(header);
        self
    }

    /// An error the model does not name: its code (`InternalFailure` when it has none), its
    /// message, and its status (500 when it has none).
    ///
    /// A code that cannot travel as `X-Amzn-Errortype` (empty, padded, or with characters
    /// other than visible ASCII and spaces: an implementation passing on a code it read from
    /// somewhere) is answered as `InternalFailure`; otherwise a restJson1 response would
    /// carry no error type at all.
    pub fn unhandled(error: &crate::error::Unhandled) -> Reply {
        use crate::error::ErrorMetadata;
        let code = match error.code() {
            Some(code) if sendable_code(code) => code,
            Some(code) => {
                tracing::warn!(code, "an error code that cannot be sent as X-Amzn-Errortype; answering InternalFailure");
                "InternalFailure"
            }
            None => "InternalFailure",
        };
        let status = error.http_status().map_or(500, valid_error_status);
        Reply::error(status, "", code, error.message())
    }

    /// An error of the protocol itself (`UnknownOperationException`, `SerializationException`,
    /// ...), in the namespace AWS services use for them.
    pub fn protocol_error(status: u16, code: &str, message: &str) -> Reply {
        Reply::error(status, CORAL, code, Some(message))
    }

    /// `500 InternalFailure`: the server, not the request, is at fault.
    pub fn internal_failure(detail: &str) -> Reply {
        tracing::error!(detail, "internal failure while serving a request");
        Reply::error(500, CORAL, "InternalFailure", Some("The request processing has failed because of an unknown error, exception or failure."))
    }

    /// A validation failure for a model without a `ValidationException` shape: Smithy's
    /// framework `ValidationException`, with the field list.
    pub fn framework_validation(error: &crate::error::ValidationError) -> Reply {
        let fields: Vec<serde_json::Value> = error
            .violations()
            .iter()
            .map(|v| serde_json::json!({ "path": v.path(), "message": v.message() }))
            .collect();
        let body = serde_json::json!({ "message": error.framework_summary(), "fieldList": fields });
        Reply::new(400, Body::Validation(body)).with_error_type("ValidationException")
    }

    fn error(status: u16, namespace: &'static str, code: &str, message: Option<&str>) -> Reply {
        let body = Body::Error { namespace, code: code.to_string(), message: message.map(str::to_string) };
        Reply::new(valid_error_status(status), body).with_error_type(code)
    }

    /// The HTTP status.
    pub fn status(&self) -> u16 {
        self.0.status
    }

    /// The body, in the protocol's form.
    fn body_bytes(body: Body, style: ErrorStyle) -> Vec<u8> {
        match body {
            Body::Bytes(bytes) => bytes,
            Body::Error { namespace, code, message } => {
                let mut map = serde_json::Map::new();
                if style == ErrorStyle::AwsJson {
                    let type_name = if namespace.is_empty() { code } else { format!("{namespace}{code}") };
                    map.insert("__type".to_string(), type_name.into());
                }
                if let Some(message) = message {
                    map.insert("message".to_string(), message.into());
                }
                serde_json::Value::Object(map).to_string().into_bytes()
            }
            Body::Validation(mut value) => {
                if style == ErrorStyle::AwsJson {
                    if let Some(map) = value.as_object_mut() {
                        map.insert("__type".to_string(), "smithy.framework#ValidationException".into());
                    }
                }
                value.to_string().into_bytes()
            }
        }
    }

    /// The full response: the status, the body, the headers, `Content-Type` (the reply's, else
    /// `default_content_type` when there is a body), `X-Amzn-Errortype` for errors and
    /// `x-amzn-RequestId`.
    pub(crate) fn into_response(self, style: ErrorStyle, default_content_type: Option<&'static str>, request_id: &str) -> http::Response<Full<Bytes>> {
        let parts = *self.0;
        let body = Reply::body_bytes(parts.body, style);
        let has_body = !body.is_empty();
        let body_len = body.len();
        let mut response = http::Response::new(Full::new(Bytes::from(body)));
        *response.status_mut() = http::StatusCode::from_u16(parts.status).unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR);
        let headers = response.headers_mut();
        if let Some(bound) = parts.headers {
            *headers = *bound;
        }
        // awsJson answers always carry the protocol's type; restJson1 ones only with a body.
        let content_type = parts.content_type.or_else(|| default_content_type.filter(|_| has_body || style == ErrorStyle::AwsJson).map(str::to_string));
        if let Some(value) = content_type.and_then(|v| http::HeaderValue::from_str(&v).ok()) {
            headers.insert(http::header::CONTENT_TYPE, value);
        }
        if let Ok(value) = http::HeaderValue::from_str(request_id) {
            headers.insert("x-amzn-requestid", value);
        }
        headers.insert(http::header::CONTENT_LENGTH, http::HeaderValue::from(body_len));
        if let Some(code) = parts.error_type {
            if let Ok(value) = http::HeaderValue::from_str(&code) {
                headers.insert("x-amzn-errortype", value);
            }
        }
        if let Some(query_error) = parts.query_error.and_then(|v| http::HeaderValue::from_str(v).ok()) {
            headers.insert("x-amzn-query-error", query_error);
        }
        response
    }
}

/// Whether an error code can be sent as the `X-Amzn-Errortype` header and read back as it is.
fn sendable_code(code: &str) -> bool {
    !code.is_empty() && code.trim() == code && code.bytes().all(|b| b.is_ascii_graphic() || b == b' ')
}

/// Error statuses are 4xx or 5xx; anything else an implementation sets becomes 500.
fn valid_error_status(status: u16) -> u16 {
    if (400..=599).contains(&status) {
        status
    } else {
        500
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Unhandled;

    fn error_type(reply: Reply, style: ErrorStyle) -> (u16, Option<String>, serde_json::Value) {
        let response = reply.into_response(style, Some("application/json"), "id");
        let header = response.headers().get("x-amzn-errortype").map(|v| v.to_str().unwrap().to_string());
        let status = response.status().as_u16();
        let body = body_bytes(response.into_body());
        (status, header, serde_json::from_slice(&body).unwrap())
    }

    fn body_bytes(body: Full<Bytes>) -> Bytes {
        use http_body_util::BodyExt;
        let runtime = tokio::runtime::Builder::new_current_thread().build().unwrap();
        runtime.block_on(body.collect()).unwrap().to_bytes()
    }

    /// Found by the `server_requests` fuzz target: an unhandled error whose code has a control
    /// character got a restJson1 response with no error type at all.
    #[test]
    fn unhandled_codes_that_cannot_be_headers_become_internal_failure() {
        for code in ["a\r\nb", "g\u{1}", "\u{7f}", "", " padded", "caf\u{e9}"] {
            let error = Unhandled::new(Some(code)).with_status(503).with_message("why");
            let (status, header, body) = error_type(Reply::unhandled(&error), ErrorStyle::RestJson);
            assert_eq!((status, header.as_deref()), (503, Some("InternalFailure")), "code {code:?}");
            assert_eq!(body["message"], "why");
            let (_, _, body) = error_type(Reply::unhandled(&error), ErrorStyle::AwsJson);
            assert_eq!(body["__type"], "InternalFailure", "code {code:?}");
        }
        let error = Unhandled::new(Some("Throttled By Upstream")).with_status(429);
        let (status, header, _) = error_type(Reply::unhandled(&error), ErrorStyle::RestJson);
        assert_eq!((status, header.as_deref()), (429, Some("Throttled By Upstream")));
    }
}
