//! The HTTP client runtime: [`Config`], shared by every generated client, and the machinery of
//! one call (endpoint, signing, retries, timeouts, transport) behind a generated `Client`.

#[cfg(feature = "aws-config")]
mod aws_config;
mod config;
mod invoke;
mod retry;
mod transport;

pub use config::{Config, ConfigBuilder, IdempotencyTokenProvider, RetryConfig, TimeoutConfig};
pub use invoke::{construction_failure, CallOptions, ClientError, ClientErrorKind, ClientProtocol, Handle, OperationError, RequestParts, ServiceInfo};
pub use transport::{transport_fn, FnTransport, HttpRequest, HttpResponse, HttpTransport, HyperTransport, TransportError, TransportErrorKind, TransportFuture};
