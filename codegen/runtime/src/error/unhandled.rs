//! Errors the model does not name: an unknown error code, an unreadable error body, or an
//! operation a service implementation does not provide. Nothing the service sent is dropped.

use super::metadata::{ErrorFault, ErrorMetadata, FailureKind, RequestId, RequestIdSlot, RetryKind, SetQueryError, SetRequestId};

/// An error the model does not name, with everything known about it.
#[derive(::std::clone::Clone, ::std::default::Default)]
pub struct Unhandled {
    code: ::std::option::Option<::std::string::String>,
    message: ::std::option::Option<::std::string::String>,
    status: ::std::option::Option<u16>,
    body: ::std::vec::Vec<u8>,
    source: ::std::option::Option<::std::sync::Arc<dyn ::std::error::Error + ::std::marker::Send + ::std::marker::Sync>>,
    request_id: RequestIdSlot,
    failure: FailureKind,
    retryable: bool,
}

impl ::std::fmt::Debug for Unhandled {
    // Not the body: it may hold what the model marks `@sensitive` (a response that failed to
    // parse is kept whole). `body()` gives it to code that wants it.
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.debug_struct("Unhandled")
            .field("code", &self.code)
            .field("message", &self.message)
            .field("status", &self.status)
            .field("body", &::std::format_args!("<{} bytes>", self.body.len()))
            .field("source", &self.source)
            .field("request_id", &self.request_id)
            .field("failure", &self.failure)
            .finish()
    }
}

impl crate::__private::SealedRequestId for Unhandled {}
impl RequestId for Unhandled {
    fn request_id(&self) -> ::std::option::Option<&str> {
        self.request_id.get()
    }
}

impl SetRequestId for Unhandled {
    fn set_request_id(&mut self, id: ::std::option::Option<&str>) {
        self.request_id.set(id);
    }
}

impl SetQueryError for Unhandled {
    fn set_query_error(&mut self, code: &str, fault: ::std::option::Option<ErrorFault>) {
        self.request_id.set_query_error(code, fault);
    }
}

/// The code [`Unhandled::not_implemented`] errors carry.
pub const NOT_IMPLEMENTED: &str = "NotImplemented";

impl Unhandled {
    /// An error with the given code (the error type the service sent, if any).
    pub fn new(code: ::std::option::Option<&str>) -> Self {
        Unhandled { code: code.map(::std::string::String::from), ..::std::default::Default::default() }
    }

    /// An error read from a response: the code, the HTTP status and the raw body, with the
    /// message taken from the body's `message` (or `Message`) field when it is JSON.
    pub fn from_response(code: ::std::option::Option<&str>, status: ::std::option::Option<u16>, body: &[u8]) -> Self {
        let mut err = Unhandled::new(code).with_body(body.to_vec());
        err.status = status;
        err.message = super::metadata::body_message(body);
        err
    }

    /// Reads a modeled error of type `T` from its JSON body (its message from the body's
    /// generic `message` key when its own is absent); when the body does not parse, the
    /// response becomes an `Unhandled` that keeps it, with the parse error as its source.
    pub fn read<T: ::serde::de::DeserializeOwned + super::metadata::FillMessage>(code: &str, status: ::std::option::Option<u16>, body: &[u8]) -> ::std::result::Result<T, Self> {
        let mut err: T = ::serde_json::from_slice(body).map_err(|source| Unhandled::from_response(::std::option::Option::Some(code), status, body).with_source(source))?;
        err.fill_message(super::metadata::body_message(body));
        ::std::result::Result::Ok(err)
    }

    /// What a service implementation returns for an operation it does not provide.
    pub fn not_implemented(operation: &str) -> Self {
        Unhandled::new(::std::option::Option::Some(NOT_IMPLEMENTED))
            .with_message(::std::format!("operation `{operation}` is not implemented"))
            .with_status(501)
    }

    /// Sets the message.
    pub fn with_message(mut self, message: impl ::std::convert::Into<::std::string::String>) -> Self {
        self.message = ::std::option::Option::Some(message.into());
        self
    }

    /// Sets the HTTP status received.
    pub fn with_status(mut self, status: u16) -> Self {
        self.status = ::std::option::Option::Some(status);
        self
    }

    /// Sets the raw response body.
    pub fn with_body(mut self, body: impl ::std::convert::Into<::std::vec::Vec<u8>>) -> Self {
        self.body = body.into();
        self
    }

    /// Sets the underlying cause (for example, why the body could not be read).
    pub fn with_source(mut self, source: impl ::std::error::Error + ::std::marker::Send + ::std::marker::Sync + 'static) -> Self {
        self.source = ::std::option::Option::Some(::std::sync::Arc::new(source));
        self
    }

    /// Marks a failure on the client's side: what stage failed, and whether trying again may
    /// succeed (a timeout, a connection that failed).
    pub fn with_failure(mut self, failure: FailureKind, retryable: bool) -> Self {
        self.failure = failure;
        self.retryable = retryable;
        self
    }

    /// The raw response body, as received (empty when there was none).
    pub fn body(&self) -> &[u8] {
        &self.body
    }

    /// Whether this is the error a service implementation returns for an operation it does not
    /// provide.
    pub fn is_not_implemented(&self) -> bool {
        self.code.as_deref() == ::std::option::Option::Some(NOT_IMPLEMENTED)
    }
}

impl crate::__private::SealedErrorMetadata for Unhandled {}
impl ErrorMetadata for Unhandled {
    fn code(&self) -> ::std::option::Option<&str> {
        self.request_id.query_code().or(self.code.as_deref())
    }

    fn message(&self) -> ::std::option::Option<&str> {
        self.message.as_deref()
    }

    fn fault(&self) -> ::std::option::Option<ErrorFault> {
        if let ::std::option::Option::Some(fault) = self.request_id.query_fault() {
            return ::std::option::Option::Some(fault);
        }
        match self.status {
            ::std::option::Option::Some(400..=499) => ::std::option::Option::Some(ErrorFault::Client),
            ::std::option::Option::Some(500..=599) => ::std::option::Option::Some(ErrorFault::Server),
            _ => ::std::option::Option::None,
        }
    }

    fn http_status(&self) -> ::std::option::Option<u16> {
        self.status
    }

    fn retry_kind(&self) -> RetryKind {
        if self.retryable {
            RetryKind::Transient
        } else {
            RetryKind::NotRetryable
        }
    }

    fn failure_kind(&self) -> FailureKind {
        self.failure
    }
}

impl ::std::fmt::Display for Unhandled {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        // A failure on the client's side names its stage; what failed is the source.
        let stage = match self.failure {
            FailureKind::Service => ::std::option::Option::None,
            FailureKind::Construction => ::std::option::Option::Some("construction failure"),
            FailureKind::Dispatch => ::std::option::Option::Some("dispatch failure"),
            FailureKind::Timeout => ::std::option::Option::Some("timeout"),
            FailureKind::Response => ::std::option::Option::Some("response error"),
        };
        if let (::std::option::Option::Some(stage), ::std::option::Option::Some(_)) = (stage, &self.source) {
            return f.write_str(stage);
        }
        f.write_str(self.code().unwrap_or("unhandled error"))?;
        if let ::std::option::Option::Some(status) = self.status {
            ::std::write!(f, " (HTTP {status})")?;
        }
        if let ::std::option::Option::Some(message) = &self.message {
            ::std::write!(f, ": {message}")?;
        }
        ::std::result::Result::Ok(())
    }
}

impl ::std::error::Error for Unhandled {
    fn source(&self) -> ::std::option::Option<&(dyn ::std::error::Error + 'static)> {
        self.source.as_deref().map(|e| e as &(dyn ::std::error::Error + 'static))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn not_implemented_is_recognizable() {
        let err = Unhandled::not_implemented("GetThing");
        assert!(err.is_not_implemented());
        assert_eq!(err.code(), ::std::option::Option::Some(NOT_IMPLEMENTED));
        assert_eq!(err.http_status(), ::std::option::Option::Some(501));
        assert_eq!(err.fault(), ::std::option::Option::Some(ErrorFault::Server));
        assert_eq!(err.to_string(), "NotImplemented (HTTP 501): operation `GetThing` is not implemented");
    }

    #[test]
    fn reads_the_message_from_a_json_body() {
        let err = Unhandled::from_response(::std::option::Option::Some("Boom"), ::std::option::Option::Some(500), br#"{"Message": "it broke"}"#);
        assert_eq!(err.message(), ::std::option::Option::Some("it broke"));
        assert_eq!(err.body(), br#"{"Message": "it broke"}"#);
        let err = Unhandled::from_response(::std::option::Option::None, ::std::option::Option::None, b"<html>");
        assert_eq!(err.message(), ::std::option::Option::None);
        assert_eq!(err.code(), ::std::option::Option::None);
    }

    #[test]
    fn keeps_everything_it_is_given() {
        let cause = ::std::io::Error::other("bad json");
        let err = Unhandled::new(::std::option::Option::Some("Weird")).with_status(418).with_body(b"{}".to_vec()).with_source(cause);
        assert_eq!(err.body(), b"{}");
        assert_eq!(err.fault(), ::std::option::Option::Some(ErrorFault::Client));
        assert!(::std::error::Error::source(&err).is_some());
        assert!(!err.is_retryable());
    }

    #[test]
    fn the_request_id_slot_is_as_small_as_a_string() {
        // Outputs and errors all carry one; a query error code must not make them larger.
        assert_eq!(::std::mem::size_of::<RequestIdSlot>(), ::std::mem::size_of::<::std::string::String>());
    }
}
