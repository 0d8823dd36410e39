//! `awsJson1_0` and `awsJson1_1`: every request is a `POST /` naming the operation in
//! `X-Amz-Target`, with the input as the JSON body; the output and the errors are JSON bodies.

/// The awsJson protocol of one service.
#[derive(Clone, Copy, Debug)]
pub struct AwsJson {
    /// `application/x-amz-json-1.0` or `-1.1`.
    pub content_type: &'static str,
    /// The service shape's name: `X-Amz-Target` is `<target_prefix>.<Operation>`.
    pub target_prefix: &'static str,
    /// `@awsQueryCompatible`: requests say `x-amzn-query-mode: true`, and errors may carry
    /// their awsQuery code in `x-amzn-query-error`.
    pub query_compatible: bool,
}

impl AwsJson {
    /// `awsJson1_0` (`version` `"1.0"`) or `awsJson1_1` (`"1.1"`) for the service shape named
    /// `target_prefix`.
    pub const fn new(version: JsonVersion, target_prefix: &'static str, query_compatible: bool) -> Self {
        let content_type = match version {
            JsonVersion::V1_0 => "application/x-amz-json-1.0",
            JsonVersion::V1_1 => "application/x-amz-json-1.1",
        };
        AwsJson { content_type, target_prefix, query_compatible }
    }
}

/// The two versions of the protocol, which differ only in the content type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JsonVersion {
    /// `awsJson1_0`.
    V1_0,
    /// `awsJson1_1`.
    V1_1,
}

/// Reads a JSON body: empty (or only whitespace) reads as `{}`. The UTF-8 check runs once for
/// the whole body, which is faster than serde_json checking each string.
pub fn read_json<T: serde::de::DeserializeOwned>(body: &[u8]) -> Result<T, Box<dyn std::error::Error + Send + Sync>> {
    let json: &[u8] = if body.iter().all(u8::is_ascii_whitespace) { b"{}" } else { body };
    let text = std::str::from_utf8(json)?;
    Ok(serde_json::from_str(text)?)
}

#[cfg(feature = "client")]
mod client {
    use super::{read_json, AwsJson};
    use crate::client::{ClientError, ClientErrorKind, ClientProtocol, HttpResponse, OperationError, RequestParts};
    use crate::error::Unhandled;
    use crate::operation::Operation;
    use std::sync::Arc;

    impl<O> ClientProtocol<O> for AwsJson
    where
        O: Operation,
        O::Input: serde::Serialize,
        O::Output: serde::de::DeserializeOwned,
        O::Error: OperationError,
    {
        fn write_request(&self, input: &O::Input) -> Result<RequestParts, ClientError> {
            let body = serde_json::to_vec(input)
                .map_err(|e| ClientError::new(ClientErrorKind::Construction, "cannot serialize the input", Some(Arc::new(e))))?;
            let mut headers = http::HeaderMap::new();
            headers.insert(http::header::CONTENT_TYPE, http::HeaderValue::from_static(self.content_type));
            let target = format!("{}.{}", self.target_prefix, O::NAME);
            let target = http::HeaderValue::from_str(&target)
                .map_err(|e| ClientError::new(ClientErrorKind::Construction, format!("invalid X-Amz-Target `{target}`"), Some(Arc::new(e))))?;
            headers.insert("x-amz-target", target);
            if self.query_compatible {
                headers.insert("x-amzn-query-mode", http::HeaderValue::from_static("true"));
            }
            Ok(RequestParts { method: http::Method::POST, path_and_query: "/".to_string(), headers, body: body.into() })
        }

        fn read_output(&self, response: &HttpResponse) -> Result<O::Output, ClientError> {
            read_json(response.body()).map_err(|e| {
                let message = format!("cannot read the `{}` response", O::NAME);
                ClientError::new(ClientErrorKind::Response, message, Some(Arc::from(e)))
            })
        }

        fn read_error(&self, response: &HttpResponse) -> O::Error {
            match crate::protocol::error_code(response.headers(), response.body()) {
                Some(code) => O::Error::from_response(&code, response),
                None => O::Error::from_unhandled(Unhandled::from_response(None, Some(response.status().as_u16()), response.body())),
            }
        }
    }
}
