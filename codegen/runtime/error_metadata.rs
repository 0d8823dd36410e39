//! What every error of this crate can tell about itself: the metadata the model gives it.

/// Whether an error is the caller's fault or the service's, from the model's `@error` trait.
#[derive(::std::clone::Clone, ::std::marker::Copy, ::std::fmt::Debug, ::std::cmp::PartialEq, ::std::cmp::Eq, ::std::hash::Hash)]
pub enum ErrorFault {
    /// The request was wrong (`@error("client")`); sending it again unchanged will fail again.
    Client,
    /// The service failed (`@error("server")`).
    Server,
}

/// How a caller that retries should treat an error, from the model's `@retryable` trait.
#[derive(::std::clone::Clone, ::std::marker::Copy, ::std::fmt::Debug, ::std::cmp::PartialEq, ::std::cmp::Eq, ::std::hash::Hash)]
pub enum RetryKind {
    /// The service is throttling (`@retryable(throttling: true)`): retry after backing off.
    Throttling,
    /// A transient failure (`@retryable`): the same request may succeed if retried.
    Transient,
    /// The model does not say the error is retryable.
    NotRetryable,
}

/// Metadata shared by the modeled error structures, each operation's error enum, the
/// service-wide [`Error`](crate::Error) and [`Unhandled`](crate::error::Unhandled).
pub trait ErrorMetadata {
    /// The error code: the error shape's name (e.g. `ValidationException`), or the code the
    /// service sent for an error the model does not name.
    fn code(&self) -> ::std::option::Option<&str>;

    /// The human-readable message, when there is one.
    fn message(&self) -> ::std::option::Option<&str>;

    /// Whose fault the error is, when known.
    fn fault(&self) -> ::std::option::Option<ErrorFault>;

    /// The HTTP status code the service answers with (`@httpError`, or the status received).
    fn http_status(&self) -> ::std::option::Option<u16>;

    /// How a retrying caller should treat the error.
    fn retry_kind(&self) -> RetryKind;

    /// Whether retrying the same request may succeed (throttling or transient).
    fn is_retryable(&self) -> bool {
        !::std::matches!(self.retry_kind(), RetryKind::NotRetryable)
    }

    /// Whether the service is throttling the caller.
    fn is_throttling(&self) -> bool {
        ::std::matches!(self.retry_kind(), RetryKind::Throttling)
    }
}

/// An error with metadata, as one trait object: what the generated error enums hold.
pub(crate) trait ModeledError: ErrorMetadata + RequestId + SetRequestId + ::std::error::Error {
    fn as_error(&self) -> &(dyn ::std::error::Error + 'static);
}

impl<T: ErrorMetadata + RequestId + SetRequestId + ::std::error::Error + 'static> ModeledError for T {
    fn as_error(&self) -> &(dyn ::std::error::Error + 'static) {
        self
    }
}

/// The id the service gave the request that produced a response (the `x-amzn-requestid`
/// header), for AWS support cases and log correlation. Every operation output and every error
/// read from a response carries it; values built locally have none.
pub trait RequestId {
    /// The request id, when the value was read from a response that had one.
    fn request_id(&self) -> ::std::option::Option<&str>;
}

/// Where the client records the request id on what it read.
// Only the client sets it; a crate built without the client leaves it unused.
#[allow(dead_code)]
pub(crate) trait SetRequestId {
    fn set_request_id(&mut self, id: ::std::option::Option<&str>);
}

/// A request id kept beside a value's modeled members: not part of the value, so it is not
/// serialized, and two values that differ only in it compare equal.
#[derive(::std::clone::Clone, ::std::default::Default)]
pub(crate) struct RequestIdSlot(::std::option::Option<::std::string::String>);

impl RequestIdSlot {
    pub(crate) fn get(&self) -> ::std::option::Option<&str> {
        self.0.as_deref()
    }

    #[allow(dead_code)]
    pub(crate) fn set(&mut self, id: ::std::option::Option<&str>) {
        self.0 = id.map(::std::string::String::from);
    }
}

impl ::std::cmp::PartialEq for RequestIdSlot {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl ::std::fmt::Debug for RequestIdSlot {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        ::std::fmt::Debug::fmt(&self.0, f)
    }
}
