//! The support code of every crate that `smithy-codegen` generates, shared instead of copied:
//! generated crates hold only what their model decides, and depend on this crate for the rest.
//!
//! Without features it holds what the generated types need: the [`primitives`] (`DateTime`,
//! `Blob`, `Document`, big numbers), the serde adapters of the wire formats ([`wire`]),
//! [`error`] metadata, `Unhandled` and constraint validation, the [`operation`] trait and
//! [`pagination`]. Behind features:
//!
//! - `client`: the HTTP client runtime: [`client::Config`] (shared by every generated client),
//!   credentials and SigV4 ([`auth`]), the endpoint rules engine with the AWS partition data
//!   ([`endpoint`]), retries, timeouts and the transport;
//! - `server`: the HTTP server runtime ([`server`]);
//! - `aws-config`: client configuration from `aws-config`, for every credential source of the
//!   AWS SDK;
//! - `chrono`, `time`: conversions of [`primitives::DateTime`].
//!
//! Generated crates re-export what their users name (`primitives::DateTime`,
//! `error::Unhandled`, `Config`, ...), so most code never names this crate.

#![warn(missing_docs)]
// `http` alone is the base the client and the server share; its writers and readers are used
// only through one of them.
#![cfg_attr(not(any(feature = "client", feature = "server")), allow(dead_code, unused_imports))]

pub mod error;
pub mod operation;
pub mod pagination;
pub mod primitives;
pub mod wire;

/// Not part of the API, no semver guarantee: the supertraits that seal
/// [`operation::Operation`], [`error::ErrorMetadata`] and [`error::RequestId`]. Generated crates
/// implement them beside those traits; no other code should.
#[doc(hidden)]
pub mod __private {
    /// Seals [`Operation`](crate::operation::Operation).
    pub trait SealedOperation {}
    /// Seals [`ErrorMetadata`](crate::error::ErrorMetadata).
    pub trait SealedErrorMetadata {}
    /// Seals [`RequestId`](crate::error::RequestId).
    pub trait SealedRequestId {}
}

#[cfg(feature = "endpoint")]
pub mod endpoint;

#[cfg(feature = "http")]
pub mod auth;
#[cfg(feature = "http")]
pub mod protocol;

#[cfg(feature = "client")]
pub mod client;

#[cfg(feature = "server")]
pub mod server;

#[cfg(feature = "http")]
mod uuid;
