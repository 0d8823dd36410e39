//! What every error of this crate can tell about itself: the metadata the model gives it.

/// Whether an error is the caller's fault or the service's, from the model's `@error` trait.
#[derive(::std::clone::Clone, ::std::marker::Copy, ::std::fmt::Debug, ::std::cmp::PartialEq, ::std::cmp::Eq, ::std::hash::Hash)]
#[non_exhaustive]
pub enum ErrorFault {
    /// The request was wrong (`@error("client")`); sending it again unchanged will fail again.
    Client,
    /// The service failed (`@error("server")`).
    Server,
}

/// How a caller that retries should treat an error, from the model's `@retryable` trait.
#[derive(::std::clone::Clone, ::std::marker::Copy, ::std::fmt::Debug, ::std::cmp::PartialEq, ::std::cmp::Eq, ::std::hash::Hash)]
#[non_exhaustive]
pub enum RetryKind {
    /// The service is throttling (`@retryable(throttling: true)`): retry after backing off.
    Throttling,
    /// A transient failure (`@retryable`): the same request may succeed if retried.
    Transient,
    /// The model does not say the error is retryable.
    NotRetryable,
}

/// Where a call failed, as the AWS SDK's `SdkError` tells it: before the request was sent,
/// while sending it, waiting for it, reading the answer, or in the service.
#[derive(::std::clone::Clone, ::std::marker::Copy, ::std::fmt::Debug, ::std::default::Default, ::std::cmp::PartialEq, ::std::cmp::Eq, ::std::hash::Hash)]
#[non_exhaustive]
pub enum FailureKind {
    /// The service answered with an error (modeled or not). The default.
    #[default]
    Service,
    /// The request could not be built: a missing required member, an input that cannot be
    /// serialized, no credentials, no endpoint.
    Construction,
    /// The request could not be sent or the response not received: connection refused, DNS,
    /// TLS, a connection that broke.
    Dispatch,
    /// An attempt or operation timeout expired.
    Timeout,
    /// The service's response could not be read.
    Response,
}

/// Metadata shared by the modeled error structures, each operation's error enum, a generated
/// crate's service-wide `Error` and [`Unhandled`](crate::error::Unhandled).
pub trait ErrorMetadata: crate::__private::SealedErrorMetadata {
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

    /// Where the call failed: in the service, or on the client's side (and at which stage).
    fn failure_kind(&self) -> FailureKind {
        FailureKind::Service
    }

    /// Whether an attempt or operation timeout expired.
    fn is_timeout(&self) -> bool {
        self.failure_kind() == FailureKind::Timeout
    }

    /// Whether the request could not be sent or the response not received (connection
    /// refused, DNS, TLS, I/O).
    fn is_dispatch_failure(&self) -> bool {
        self.failure_kind() == FailureKind::Dispatch
    }

    /// Whether the request could not be built (a missing required member, no credentials, no
    /// endpoint).
    fn is_construction_failure(&self) -> bool {
        self.failure_kind() == FailureKind::Construction
    }

    /// Whether the service's response could not be read.
    fn is_response_error(&self) -> bool {
        self.failure_kind() == FailureKind::Response
    }
}

/// An error with metadata, as one trait object: what the generated error enums hold.
pub trait ModeledError: ErrorMetadata + RequestId + SetRequestId + SetQueryError + ::std::error::Error {
    /// The error as a plain `std::error::Error`.
    fn as_error(&self) -> &(dyn ::std::error::Error + 'static);
}

impl<T: ErrorMetadata + RequestId + SetRequestId + SetQueryError + ::std::error::Error + 'static> ModeledError for T {
    fn as_error(&self) -> &(dyn ::std::error::Error + 'static) {
        self
    }
}

/// The id the service gave the request that produced a response (the `x-amzn-requestid`
/// header), for AWS support cases and log correlation. Every operation output and every error
/// read from a response carries it; values built locally have none.
///
/// Sealed, as are [`ErrorMetadata`] and [`Operation`](crate::operation::Operation): only
/// generated crates implement them, so methods can be added without breaking anyone.
///
/// ```compile_fail
/// struct Mine;
/// impl smithy_codegen_runtime::error::RequestId for Mine {
///     fn request_id(&self) -> Option<&str> { None }
/// }
/// ```
pub trait RequestId: crate::__private::SealedRequestId {
    /// The request id, when the value was read from a response that had one.
    fn request_id(&self) -> ::std::option::Option<&str>;
}

/// Where the client records the request id on what it read.
pub trait SetRequestId {
    /// Records the request id of the response the value was read from.
    fn set_request_id(&mut self, id: ::std::option::Option<&str>);
}

/// Where the client records the error code and fault an `@awsQueryCompatible` service sent in
/// its `x-amzn-query-error` header (`AWS.SimpleQueueService.NonExistentQueue;Sender`): the
/// error's [`ErrorMetadata::code`] and [`ErrorMetadata::fault`] are then those, as in boto3 and
/// the AWS SDKs, while its type (the variant) still comes from the body's `__type`.
pub trait SetQueryError {
    /// Records the awsQuery error code, and the fault when the header named one.
    fn set_query_error(&mut self, code: &str, fault: ::std::option::Option<ErrorFault>);
}

/// What a value read from a response keeps beside its modeled members: the request id and, for
/// an error of an `@awsQueryCompatible` service, the awsQuery code and fault the response gave
/// it (see [`SetQueryError`]). Not part of the value: it is not serialized, and two values that
/// differ only in it compare equal.
#[derive(::std::clone::Clone, ::std::default::Default)]
pub struct RequestIdSlot {
    /// A boxed `str`, not a `String`: the slot stays as small as a `String` alone.
    id: ::std::option::Option<::std::boxed::Box<str>>,
    /// Boxed: most values have none.
    query_error: ::std::option::Option<::std::boxed::Box<(::std::string::String, ::std::option::Option<ErrorFault>)>>,
}

impl RequestIdSlot {
    /// The request id, if one was recorded.
    pub fn get(&self) -> ::std::option::Option<&str> {
        self.id.as_deref()
    }

    /// Records (or clears) the request id.
    pub fn set(&mut self, id: ::std::option::Option<&str>) {
        self.id = id.map(::std::boxed::Box::from);
    }

    /// The awsQuery error code the response gave, if any.
    pub fn query_code(&self) -> ::std::option::Option<&str> {
        self.query_error.as_ref().map(|e| e.0.as_str())
    }

    /// The fault the response's awsQuery error named, if any.
    pub fn query_fault(&self) -> ::std::option::Option<ErrorFault> {
        self.query_error.as_ref().and_then(|e| e.1)
    }
}

impl SetQueryError for RequestIdSlot {
    fn set_query_error(&mut self, code: &str, fault: ::std::option::Option<ErrorFault>) {
        self.query_error = ::std::option::Option::Some(::std::boxed::Box::new((::std::string::String::from(code), fault)));
    }
}

impl ::std::cmp::PartialEq for RequestIdSlot {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl ::std::fmt::Debug for RequestIdSlot {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        ::std::fmt::Debug::fmt(&self.id, f)
    }
}

/// Fills a modeled error's message member from the body's generic `message` key when the
/// member's own key was absent: services (and mocks) spell the key `message`, `Message` or
/// `errorMessage` whatever the model calls the member, as the AWS SDKs accept.
pub trait FillMessage {
    /// Sets the message member to `message` when it is unset.
    fn fill_message(&mut self, message: ::std::option::Option<::std::string::String>);
}

/// The message of a JSON error body: its `message`, `Message` or `errorMessage` key.
pub fn body_message(body: &[u8]) -> ::std::option::Option<::std::string::String> {
    let ::std::result::Result::Ok(::serde_json::Value::Object(mut map)) = ::serde_json::from_slice::<::serde_json::Value>(body) else {
        return ::std::option::Option::None;
    };
    ["message", "Message", "errorMessage"].iter().find_map(|k| match map.remove(*k) {
        ::std::option::Option::Some(::serde_json::Value::String(s)) => ::std::option::Option::Some(s),
        _ => ::std::option::Option::None,
    })
}
