//! Errors: the metadata every error carries, errors the model does not name, constraint
//! validation, and builders' missing members.

mod build;
mod macros;
mod metadata;
mod unhandled;
mod validation;

pub use build::BuildError;
pub use metadata::{ErrorFault, ErrorMetadata, FailureKind, RequestId, RetryKind};
#[doc(hidden)]
pub use metadata::{body_message, FillMessage, ModeledError, RequestIdSlot, SetQueryError, SetRequestId};
pub use unhandled::{Unhandled, NOT_IMPLEMENTED};
pub use validation::{ValidationError, Violation, ViolationKind};
#[doc(hidden)]
pub use validation::{child, Violations};
