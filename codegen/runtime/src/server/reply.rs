//! What the server answers: a status, a JSON body and, for errors, the error's code, written
//! the way AWS services write awsJson responses.

use bytes::Bytes;
use http_body_util::Full;

/// The namespace AWS services put before the protocol's own error codes in `__type`.
const CORAL: &str = "com.amazon.coral.service#";

/// A response before it gets its headers: the request id and content type are added last.
#[derive(Debug)]
pub struct Reply {
    status: u16,
    body: Vec<u8>,
    /// The error code, sent as `X-Amzn-Errortype`.
    error_type: Option<String>,
    /// `code;Sender` or `code;Receiver`, sent as `x-amzn-query-error` by `@awsQueryCompatible`
    /// services.
    query_error: Option<&'static str>,
}

impl Reply {
    /// `200` with the operation's output as its body.
    pub fn output<T: serde::Serialize>(output: &T) -> Reply {
        match serde_json::to_vec(output) {
            Ok(body) => Reply { status: 200, body, error_type: None, query_error: None },
            Err(err) => Reply::internal_failure(&format!("the output could not be serialized: {err}")),
        }
    }

    /// `200` with an empty body, for an operation without output.
    pub fn empty() -> Reply {
        Reply { status: 200, body: Vec::new(), error_type: None, query_error: None }
    }

    /// A modeled error: its structure as JSON, with `__type` set to its full shape id.
    pub fn modeled_error<T: serde::Serialize>(error: &T, shape_id: &str, code: &str, status: u16) -> Reply {
        let fields = match serde_json::to_vec(error) {
            Ok(fields) => fields,
            Err(err) => return Reply::internal_failure(&format!("the `{code}` error could not be serialized: {err}")),
        };
        let mut body = Vec::with_capacity(fields.len() + shape_id.len() + 16);
        body.extend_from_slice(b"{\"__type\":");
        // A string always serializes.
        body.extend_from_slice(&serde_json::to_vec(shape_id).unwrap_or_default());
        match fields.strip_prefix(b"{") {
            Some(rest) if rest.starts_with(b"}") => body.extend_from_slice(rest),
            Some(rest) => {
                body.push(b',');
                body.extend_from_slice(rest);
            }
            // Not an object: the generated error structures always are.
            None => body.push(b'}'),
        }
        Reply { status: valid_error_status(status), body, error_type: Some(code.to_string()), query_error: None }
    }

    /// Adds the `x-amzn-query-error` header of an `@awsQueryCompatible` service's error.
    pub fn with_query_error(mut self, header: &'static str) -> Reply {
        self.query_error = Some(header);
        self
    }

    /// An error the model does not name: its code (`InternalFailure` when it has none), its
    /// message, and its status (500 when it has none).
    pub fn unhandled(error: &crate::error::Unhandled) -> Reply {
        use crate::error::ErrorMetadata;
        let code = error.code().unwrap_or("InternalFailure");
        let status = error.http_status().map_or(500, valid_error_status);
        Reply::error(status, code, code, error.message())
    }

    /// An error of the protocol itself (`UnknownOperationException`, `SerializationException`,
    /// ...), with `__type` in the namespace AWS services use for them.
    pub fn protocol_error(status: u16, code: &str, message: &str) -> Reply {
        Reply::error(status, code, &format!("{CORAL}{code}"), Some(message))
    }

    /// `500 InternalFailure`: the server, not the request, is at fault.
    pub fn internal_failure(detail: &str) -> Reply {
        tracing::error!(detail, "internal failure while serving a request");
        Reply::error(500, "InternalFailure", &format!("{CORAL}InternalFailure"), Some("The request processing has failed because of an unknown error, exception or failure."))
    }

    /// A validation failure for a model without a `ValidationException` shape: Smithy's
    /// framework `ValidationException`, with the field list.
    pub fn framework_validation(error: &crate::error::ValidationError) -> Reply {
        let fields: Vec<serde_json::Value> = error
            .violations()
            .iter()
            .map(|v| serde_json::json!({ "path": v.path(), "message": v.message() }))
            .collect();
        let body = serde_json::json!({
            "__type": "smithy.framework#ValidationException",
            "message": error.summary(),
            "fieldList": fields,
        });
        Reply { status: 400, body: body.to_string().into_bytes(), error_type: Some("ValidationException".to_string()), query_error: None }
    }

    fn error(status: u16, code: &str, type_name: &str, message: Option<&str>) -> Reply {
        let mut body = serde_json::Map::new();
        body.insert("__type".to_string(), type_name.into());
        if let Some(message) = message {
            body.insert("message".to_string(), message.into());
        }
        let body = serde_json::Value::Object(body).to_string().into_bytes();
        Reply { status: valid_error_status(status), body, error_type: Some(code.to_string()), query_error: None }
    }

    /// The HTTP status.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The full response: the status, the body, `Content-Type`, `X-Amzn-Errortype` for
    /// errors and `x-amzn-RequestId`.
    pub(crate) fn into_response(self, content_type: &'static str, request_id: &str) -> http::Response<Full<Bytes>> {
        let mut response = http::Response::new(Full::new(Bytes::from(self.body)));
        *response.status_mut() = http::StatusCode::from_u16(self.status).unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR);
        let headers = response.headers_mut();
        headers.insert(http::header::CONTENT_TYPE, http::HeaderValue::from_static(content_type));
        if let Ok(value) = http::HeaderValue::from_str(request_id) {
            headers.insert("x-amzn-requestid", value);
        }
        if let Some(code) = self.error_type {
            if let Ok(value) = http::HeaderValue::from_str(&code) {
                headers.insert("x-amzn-errortype", value);
            }
        }
        if let Some(query_error) = self.query_error.and_then(|v| http::HeaderValue::from_str(v).ok()) {
            headers.insert("x-amzn-query-error", query_error);
        }
        response
    }
}

/// Error statuses are 4xx or 5xx; anything else an implementation sets becomes 500.
fn valid_error_status(status: u16) -> u16 {
    if (400..=599).contains(&status) {
        status
    } else {
        500
    }
}
