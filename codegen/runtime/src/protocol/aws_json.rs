//! `awsJson1_0` and `awsJson1_1`: every request is a `POST /` naming the operation in
//! `X-Amz-Target`, with the input as the JSON body; the output and the errors are JSON bodies.

use crate::error::ErrorFault;

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

/// The awsQuery error code and fault of an `@awsQueryCompatible` service's error response, from
/// its `x-amzn-query-error: <Code>;<Fault>` header: `Sender` is the client's fault, `Receiver`
/// the server's; a header without a fault, or with another one, gives none.
pub fn query_error(headers: &http::HeaderMap) -> Option<(&str, Option<ErrorFault>)> {
    let header = headers.get("x-amzn-query-error")?.to_str().ok()?;
    let (code, fault) = header.split_once(';').unwrap_or((header, ""));
    let fault = match fault.trim() {
        "Sender" => Some(ErrorFault::Client),
        "Receiver" => Some(ErrorFault::Server),
        _ => None,
    };
    let code = code.trim();
    (!code.is_empty()).then_some((code, fault))
}

#[cfg(feature = "client")]
mod client {
    use super::{query_error, read_json, AwsJson};
    use crate::client::{ClientError, ClientErrorKind, ClientProtocol, HttpResponse, OperationError, RequestParts};
    use crate::error::{SetQueryError, Unhandled};
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

        /// The variant comes from the error code (`X-Amzn-Errortype`, `__type`, `code`); an
        /// `@awsQueryCompatible` service's `x-amzn-query-error` then sets the error's code and
        /// fault.
        fn read_error(&self, response: &HttpResponse) -> O::Error {
            let mut err = match crate::protocol::error_code(response.headers(), response.body()) {
                Some(code) => O::Error::from_response(&code, response),
                None => O::Error::from_unhandled(Unhandled::from_response(None, Some(response.status().as_u16()), response.body())),
            };
            if let Some((code, fault)) = query_error(response.headers()).filter(|_| self.query_compatible) {
                err.set_query_error(code, fault);
            }
            err
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;
        use crate::error::{ErrorFault, ErrorMetadata, RequestIdSlot};
        use crate::protocol::aws_json::JsonVersion;

        /// A modeled error, as a generated crate declares one.
        #[derive(Debug, Default)]
        struct QueueDoesNotExist {
            _request_id: RequestIdSlot,
        }
        crate::modeled_error_impls!(QueueDoesNotExist, "QueueDoesNotExist", Client, None, NotRetryable);
        crate::request_id_impls!(QueueDoesNotExist);

        #[derive(Debug)]
        enum GetQueueUrlError {
            QueueDoesNotExist(QueueDoesNotExist),
            Unhandled(Unhandled),
        }
        crate::error_enum_impls!(GetQueueUrlError { QueueDoesNotExist(QueueDoesNotExist) });

        impl OperationError for GetQueueUrlError {
            fn from_response(code: &str, response: &HttpResponse) -> Self {
                match code {
                    "QueueDoesNotExist" => Self::QueueDoesNotExist(QueueDoesNotExist::default()),
                    _ => Self::Unhandled(Unhandled::from_response(Some(code), Some(response.status().as_u16()), response.body())),
                }
            }
            fn from_unhandled(err: Unhandled) -> Self {
                Self::Unhandled(err)
            }
        }

        struct GetQueueUrl;
        impl crate::__private::SealedOperation for GetQueueUrl {}
        impl Operation for GetQueueUrl {
            type Input = serde_json::Value;
            type Output = serde_json::Value;
            type Error = GetQueueUrlError;
            const NAME: &'static str = "GetQueueUrl";
            const READONLY: bool = true;
            const IDEMPOTENT: bool = false;
            const IDEMPOTENCY_TOKEN: Option<&'static str> = None;
            const PAGINATION: Option<crate::operation::Pagination> = None;
            const HTTP: Option<crate::operation::Http> = None;
        }

        /// An error response of SQS (`@awsQueryCompatible`, or not when `compatible` is false).
        fn read(compatible: bool, query_error: Option<&str>, body: &str) -> GetQueueUrlError {
            let sqs = AwsJson::new(JsonVersion::V1_0, "AmazonSQS", compatible);
            let mut response = http::Response::builder().status(400);
            if let Some(value) = query_error {
                response = response.header("x-amzn-query-error", value);
            }
            let response = response.body(bytes::Bytes::from(body.to_string())).expect("a valid response");
            <AwsJson as ClientProtocol<GetQueueUrl>>::read_error(&sqs, &response)
        }

        #[test]
        fn query_compatible_errors_take_code_and_fault_from_the_header() {
            let body = r#"{"__type": "com.amazonaws.sqs#QueueDoesNotExist", "message": "The specified queue does not exist."}"#;
            let code = "AWS.SimpleQueueService.NonExistentQueue";
            // The variant comes from `__type`, the code and fault from the header, on the
            // variant's structure and on the enum alike.
            let err = read(true, Some("AWS.SimpleQueueService.NonExistentQueue;Sender"), body);
            let GetQueueUrlError::QueueDoesNotExist(inner) = &err else { panic!("not the modeled error: {err:?}") };
            assert_eq!((inner.code(), inner.fault()), (Some(code), Some(ErrorFault::Client)));
            assert_eq!((err.code(), err.fault()), (Some(code), Some(ErrorFault::Client)));
            // `Receiver` is the service's fault, whatever the model says.
            let err = read(true, Some("AWS.SimpleQueueService.NonExistentQueue;Receiver"), body);
            assert_eq!((err.code(), err.fault()), (Some(code), Some(ErrorFault::Server)));
            // Without the header, or from a service that is not query-compatible: the model's.
            for err in [read(true, None, body), read(false, Some("AWS.SimpleQueueService.NonExistentQueue;Receiver"), body)] {
                assert!(matches!(err, GetQueueUrlError::QueueDoesNotExist(_)), "{err:?}");
                assert_eq!((err.code(), err.fault()), (Some("QueueDoesNotExist"), Some(ErrorFault::Client)));
            }
            // An error the model does not name takes the header's code and fault too.
            let err = read(true, Some("AWS.SimpleQueueService.Unavailable;Receiver"), r#"{"__type": "com.amazonaws.sqs#Unavailable"}"#);
            assert!(matches!(err, GetQueueUrlError::Unhandled(_)), "{err:?}");
            assert_eq!((err.code(), err.fault()), (Some("AWS.SimpleQueueService.Unavailable"), Some(ErrorFault::Server)));
            assert!(err.to_string().starts_with("AWS.SimpleQueueService.Unavailable"), "{err}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_error_headers_give_code_and_fault() {
        let with = |value: &'static str| {
            let mut headers = http::HeaderMap::new();
            headers.insert("x-amzn-query-error", http::HeaderValue::from_static(value));
            headers
        };
        let code_and_fault = |value| query_error(&with(value)).map(|(code, fault)| (code.to_string(), fault));
        let sqs = "AWS.SimpleQueueService.NonExistentQueue";
        assert_eq!(code_and_fault("AWS.SimpleQueueService.NonExistentQueue;Sender"), Some((sqs.to_string(), Some(ErrorFault::Client))));
        assert_eq!(code_and_fault("InternalError;Receiver"), Some(("InternalError".to_string(), Some(ErrorFault::Server))));
        assert_eq!(code_and_fault("Customized"), Some(("Customized".to_string(), None)));
        assert_eq!(code_and_fault("Customized;Elsewhere"), Some(("Customized".to_string(), None)));
        assert_eq!(code_and_fault(";Sender"), None);
        assert_eq!(query_error(&http::HeaderMap::new()), None);
    }
}
