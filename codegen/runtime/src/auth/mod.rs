//! Credentials and SigV4 signing: where the client finds its keys, and how it signs.

#[cfg(feature = "client")]
mod credentials;
mod sigv4;

pub use aws_credential_types::provider::error::CredentialsError;
pub use aws_credential_types::provider::{ProvideCredentials, SharedCredentialsProvider};
pub use aws_credential_types::Credentials;
#[cfg(feature = "client")]
pub use credentials::{region_from_env, DefaultCredentialsChain, Env, EnvironmentVariables, ProfileFiles};
pub use sigv4::{sign_request, SigningError};
