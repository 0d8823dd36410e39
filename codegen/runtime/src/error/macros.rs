//! The trait plumbing of generated error enums, written once: a generated crate declares each
//! enum (its variants, docs and `is_*` helpers) and invokes [`error_enum_impls!`](crate::error_enum_impls)
//! for the rest.

/// Implements, for an error enum whose variants each hold one error type plus
/// `Unhandled(Unhandled)`: `RequestId`, `SetRequestId`, `SetQueryError`, `ErrorMetadata`, `Display` and
/// `std::error::Error` (transparent: the enum shows its variant's message and passes on its
/// variant's source, so an error chain names each failure once), and `From` each variant's
/// type. With `into Target`, also `From<Enum> for Target`, whose variants have the same names.
#[doc(hidden)]
#[macro_export]
macro_rules! error_enum_impls {
    ($name:ident into $target:path { $($variant:ident($ty:ty)),* $(,)? }) => {
        $crate::error_enum_impls!($name { $($variant($ty)),* });
        impl ::std::convert::From<$name> for $target {
            fn from(err: $name) -> Self {
                match err {
                    $($name::$variant(e) => <$target>::$variant(e),)*
                    $name::Unhandled(e) => <$target>::Unhandled(e),
                }
            }
        }
    };
    ($name:ident { $($variant:ident($ty:ty)),* $(,)? }) => {
        impl $name {
            fn inner(&self) -> &(dyn $crate::error::ModeledError + 'static) {
                match self {
                    $(Self::$variant(err) => err,)*
                    Self::Unhandled(err) => err,
                }
            }

            fn inner_mut(&mut self) -> &mut (dyn $crate::error::ModeledError + 'static) {
                match self {
                    $(Self::$variant(err) => err,)*
                    Self::Unhandled(err) => err,
                }
            }
        }

        impl $crate::__private::SealedRequestId for $name {}
        impl $crate::error::RequestId for $name {
            fn request_id(&self) -> ::std::option::Option<&str> {
                self.inner().request_id()
            }
        }

        impl $crate::error::SetRequestId for $name {
            fn set_request_id(&mut self, id: ::std::option::Option<&str>) {
                self.inner_mut().set_request_id(id);
            }
        }

        impl $crate::error::SetQueryError for $name {
            fn set_query_error(&mut self, code: &str, fault: ::std::option::Option<$crate::error::ErrorFault>) {
                self.inner_mut().set_query_error(code, fault);
            }
        }

        impl $crate::__private::SealedErrorMetadata for $name {}
        impl $crate::error::ErrorMetadata for $name {
            fn code(&self) -> ::std::option::Option<&str> {
                self.inner().code()
            }
            fn message(&self) -> ::std::option::Option<&str> {
                self.inner().message()
            }
            fn fault(&self) -> ::std::option::Option<$crate::error::ErrorFault> {
                self.inner().fault()
            }
            fn http_status(&self) -> ::std::option::Option<u16> {
                self.inner().http_status()
            }
            fn retry_kind(&self) -> $crate::error::RetryKind {
                self.inner().retry_kind()
            }
            fn failure_kind(&self) -> $crate::error::FailureKind {
                self.inner().failure_kind()
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                ::std::fmt::Display::fmt(self.inner(), f)
            }
        }

        impl ::std::error::Error for $name {
            fn source(&self) -> ::std::option::Option<&(dyn ::std::error::Error + 'static)> {
                self.inner().as_error().source()
            }
        }

        $(
            impl ::std::convert::From<$ty> for $name {
                fn from(err: $ty) -> Self {
                    Self::$variant(err)
                }
            }
        )*

        impl ::std::convert::From<$crate::error::Unhandled> for $name {
            fn from(err: $crate::error::Unhandled) -> Self {
                Self::Unhandled(err)
            }
        }
    };
}

/// `RequestId` and `SetRequestId` for a generated structure that keeps the id in a
/// `_request_id: RequestIdSlot` field (operation outputs and error structures).
#[doc(hidden)]
#[macro_export]
macro_rules! request_id_impls {
    ($($name:ident),* $(,)?) => {
        $(
            impl $crate::__private::SealedRequestId for $name {}
        impl $crate::error::RequestId for $name {
                fn request_id(&self) -> ::std::option::Option<&str> {
                    self._request_id.get()
                }
            }

            impl $crate::error::SetRequestId for $name {
                fn set_request_id(&mut self, id: ::std::option::Option<&str>) {
                    self._request_id.set(id);
                }
            }
        )*
    };
}

/// `Display`, `std::error::Error`, `ErrorMetadata` and `SetQueryError` for a modeled error
/// structure: its code, fault, HTTP status and retry kind from the model (the code and fault
/// an `@awsQueryCompatible` service's response gave it instead, kept in its `_request_id` slot),
/// and its message member (a `String`, an `Option<String>` marked `?`, or none).
#[doc(hidden)]
#[macro_export]
macro_rules! modeled_error_impls {
    ($name:ident, $code:literal, $fault:ident, $status:expr, $retry:ident) => {
        $crate::modeled_error_impls!(@impl $name, $code, $fault, $status, $retry, |_e| ::std::option::Option::None);
        impl $crate::error::FillMessage for $name {
            fn fill_message(&mut self, _message: ::std::option::Option<::std::string::String>) {}
        }
    };
    ($name:ident, $code:literal, $fault:ident, $status:expr, $retry:ident, ? $message:ident) => {
        $crate::modeled_error_impls!(@impl $name, $code, $fault, $status, $retry, |e| e.$message.as_deref());
        impl $crate::error::FillMessage for $name {
            fn fill_message(&mut self, message: ::std::option::Option<::std::string::String>) {
                if self.$message.is_none() {
                    self.$message = message;
                }
            }
        }
    };
    ($name:ident, $code:literal, $fault:ident, $status:expr, $retry:ident, $message:ident) => {
        $crate::modeled_error_impls!(@impl $name, $code, $fault, $status, $retry, |e| ::std::option::Option::Some(e.$message.as_str()));
        impl $crate::error::FillMessage for $name {
            fn fill_message(&mut self, message: ::std::option::Option<::std::string::String>) {
                if self.$message.is_empty() {
                    self.$message = message.unwrap_or_default();
                }
            }
        }
    };
    (@impl $name:ident, $code:literal, $fault:ident, $status:expr, $retry:ident, |$e:ident| $message:expr) => {
        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str($code)?;
                if let ::std::option::Option::Some(message) = $crate::error::ErrorMetadata::message(self) {
                    ::std::write!(f, ": {message}")?;
                }
                ::std::result::Result::Ok(())
            }
        }

        impl ::std::error::Error for $name {}

        impl $crate::error::SetQueryError for $name {
            fn set_query_error(&mut self, code: &str, fault: ::std::option::Option<$crate::error::ErrorFault>) {
                $crate::error::SetQueryError::set_query_error(&mut self._request_id, code, fault);
            }
        }

        impl $crate::__private::SealedErrorMetadata for $name {}
        impl $crate::error::ErrorMetadata for $name {
            fn code(&self) -> ::std::option::Option<&str> {
                ::std::option::Option::Some(self._request_id.query_code().unwrap_or($code))
            }
            fn message(&self) -> ::std::option::Option<&str> {
                let $e = self;
                $message
            }
            fn fault(&self) -> ::std::option::Option<$crate::error::ErrorFault> {
                ::std::option::Option::Some(self._request_id.query_fault().unwrap_or($crate::error::ErrorFault::$fault))
            }
            fn http_status(&self) -> ::std::option::Option<u16> {
                $status
            }
            fn retry_kind(&self) -> $crate::error::RetryKind {
                $crate::error::RetryKind::$retry
            }
        }
    };
}
