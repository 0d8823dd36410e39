//! The clients' configuration: region, credentials, endpoint, retries, timeouts, transport.

use super::transport::HttpTransport;
use crate::auth::{Credentials, DefaultCredentialsChain, Env, ProvideCredentials, SharedCredentialsProvider};
use ::std::sync::Arc;
use ::std::time::Duration;

/// How a generated `Client` reaches and talks to its service: region, credentials, endpoint,
/// retries, timeouts, transport, application name.
///
/// One `Config` configures clients of any number of generated services, as the AWS SDK's
/// `SdkConfig` does: `dynamodb::Client::new(config.clone())`, `sqs::Client::new(config)`.
/// Change a setting for one client with [`Config::to_builder`]. Build one with
/// [`Config::builder`], read it from the environment with [`Config::from_env`], or (feature
/// `aws-config`) convert an `aws_types::SdkConfig` with `Config::from(&sdk_config)`.
#[derive(Clone, Debug)]
pub struct Config {
    pub(crate) region: Option<String>,
    pub(crate) credentials: Option<SharedCredentialsProvider>,
    pub(crate) endpoint_url: Option<String>,
    /// Set by `from_env`: where `AWS_ENDPOINT_URL_<SERVICE>` is looked up per client.
    pub(crate) endpoint_env: Option<Env>,
    pub(crate) use_fips: bool,
    pub(crate) use_dual_stack: bool,
    pub(crate) retry: RetryConfig,
    pub(crate) timeouts: TimeoutConfig,
    pub(crate) transport: Option<Arc<dyn HttpTransport>>,
    pub(crate) app_name: Option<String>,
    pub(crate) idempotency_token: Option<IdempotencyTokenProvider>,
    pub(crate) disable_request_compression: bool,
    pub(crate) request_min_compression_size_bytes: u32,
    pub(crate) disable_host_prefix: bool,
}

/// Makes the tokens that fill unset `@idempotencyToken` members.
#[derive(Clone)]
pub struct IdempotencyTokenProvider(Arc<dyn Fn() -> String + Send + Sync>);

impl IdempotencyTokenProvider {
    /// Tokens from the given function.
    pub fn new(f: impl Fn() -> String + Send + Sync + 'static) -> Self {
        IdempotencyTokenProvider(Arc::new(f))
    }

    /// The same token every time (for tests).
    pub fn fixed(token: impl Into<String>) -> Self {
        let token = token.into();
        Self::new(move || token.clone())
    }

    /// A new token.
    pub fn token(&self) -> String {
        (self.0)()
    }
}

impl ::std::fmt::Debug for IdempotencyTokenProvider {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.write_str("IdempotencyTokenProvider")
    }
}

impl Config {
    /// A builder with no region, no credentials, standard retries and default timeouts.
    pub fn builder() -> ConfigBuilder {
        ConfigBuilder::default()
    }

    /// The region and credentials the AWS CLI would use: `AWS_REGION` (or
    /// `AWS_DEFAULT_REGION`, or the profile's `region`) and the [`DefaultCredentialsChain`];
    /// each client's endpoint is `AWS_ENDPOINT_URL_<SERVICE>` (the service's sdkId in upper
    /// snake case, e.g. `AWS_ENDPOINT_URL_DYNAMODB`), else `AWS_ENDPOINT_URL`, else the
    /// endpoint rules'. `AWS_USE_FIPS_ENDPOINT` and `AWS_USE_DUALSTACK_ENDPOINT` set the
    /// endpoint variants. The region comes from the shared config file when the variables do
    /// not set it: call this outside async code, or use the `aws-config` feature.
    pub fn from_env() -> Self {
        Self::builder_from_env(&Env::real()).build()
    }

    /// A builder preset from the given environment, as [`Config::from_env`] reads it.
    pub fn builder_from_env(env: &Env) -> ConfigBuilder {
        let mut builder = Config::builder().credentials_provider(DefaultCredentialsChain::with_env(env.clone()));
        builder.config.region = crate::auth::region_from_env(env);
        builder.config.endpoint_env = Some(env.clone());
        builder.config.use_fips = env.get("AWS_USE_FIPS_ENDPOINT").is_some_and(|v| v.eq_ignore_ascii_case("true"));
        builder.config.use_dual_stack = env.get("AWS_USE_DUALSTACK_ENDPOINT").is_some_and(|v| v.eq_ignore_ascii_case("true"));
        builder
    }

    /// The region requests go to and are signed for.
    pub fn region(&self) -> Option<&str> {
        self.region.as_deref()
    }

    /// The endpoint override set on the builder, if any.
    pub fn endpoint_url(&self) -> Option<&str> {
        self.endpoint_url.as_deref()
    }

    /// The endpoint override for the service with this sdkId: the builder's, else (for a
    /// configuration read from the environment) `AWS_ENDPOINT_URL_<SERVICE>`, else
    /// `AWS_ENDPOINT_URL`.
    pub fn service_endpoint_url(&self, sdk_id: Option<&str>) -> Option<String> {
        if let Some(url) = &self.endpoint_url {
            return Some(url.clone());
        }
        let env = self.endpoint_env.as_ref()?;
        let service = sdk_id.map(|id| {
            let upper: String = id.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_uppercase() } else { '_' }).collect();
            format!("AWS_ENDPOINT_URL_{upper}")
        });
        service.and_then(|var| env.get(&var)).or_else(|| env.get("AWS_ENDPOINT_URL"))
    }

    /// The credentials provider, if any.
    pub fn credentials_provider(&self) -> Option<&SharedCredentialsProvider> {
        self.credentials.as_ref()
    }

    /// Whether FIPS endpoints are used.
    pub fn use_fips(&self) -> bool {
        self.use_fips
    }

    /// Whether dual-stack (IPv6) endpoints are used.
    pub fn use_dual_stack(&self) -> bool {
        self.use_dual_stack
    }

    /// The retry settings.
    pub fn retry_config(&self) -> &RetryConfig {
        &self.retry
    }

    /// The timeout settings.
    pub fn timeout_config(&self) -> &TimeoutConfig {
        &self.timeouts
    }

    /// A builder holding this configuration, to change some of it.
    pub fn to_builder(&self) -> ConfigBuilder {
        ConfigBuilder { config: self.clone() }
    }
}

/// Builds a [`Config`].
#[derive(Clone, Debug)]
pub struct ConfigBuilder {
    config: Config,
}

impl Default for ConfigBuilder {
    fn default() -> Self {
        ConfigBuilder {
            config: Config {
                region: None,
                credentials: None,
                endpoint_url: None,
                endpoint_env: None,
                use_fips: false,
                use_dual_stack: false,
                retry: RetryConfig::standard(),
                timeouts: TimeoutConfig::default(),
                transport: None,
                app_name: None,
                idempotency_token: None,
                disable_request_compression: false,
                request_min_compression_size_bytes: 10_240,
                disable_host_prefix: false,
            },
        }
    }
}

impl ConfigBuilder {
    /// Sets the region (`us-east-1`, ...).
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.config.region = Some(region.into());
        self
    }

    /// Signs with these credentials (`Credentials::from_keys(id, secret, session_token)`).
    pub fn credentials(self, credentials: Credentials) -> Self {
        self.credentials_provider(credentials)
    }

    /// Gets credentials from this provider, asked at every request (providers cache what they
    /// load): any `aws_credential_types::provider::ProvideCredentials`, such as the built-in
    /// [`DefaultCredentialsChain`] or, with `aws-config`, the AWS SDK's default chain.
    pub fn credentials_provider(mut self, provider: impl ProvideCredentials + 'static) -> Self {
        self.config.credentials = Some(SharedCredentialsProvider::new(provider));
        self
    }

    /// Sets or clears the credentials provider.
    pub fn set_credentials_provider(mut self, provider: Option<SharedCredentialsProvider>) -> Self {
        self.config.credentials = provider;
        self
    }

    /// Sends requests to this URL instead of the one the endpoint rules give (a local
    /// server, a VPC endpoint, a proxy).
    pub fn endpoint_url(mut self, url: impl Into<String>) -> Self {
        self.config.endpoint_url = Some(url.into());
        self
    }

    /// Uses FIPS endpoints.
    pub fn use_fips(mut self, on: bool) -> Self {
        self.config.use_fips = on;
        self
    }

    /// Uses dual-stack (IPv6) endpoints.
    pub fn use_dual_stack(mut self, on: bool) -> Self {
        self.config.use_dual_stack = on;
        self
    }

    /// Sets the retry settings.
    pub fn retry_config(mut self, retry: RetryConfig) -> Self {
        self.config.retry = retry;
        self
    }

    /// Sets the timeout settings.
    pub fn timeout_config(mut self, timeouts: TimeoutConfig) -> Self {
        self.config.timeouts = timeouts;
        self
    }

    /// Sends requests through this transport instead of the built-in HTTPS one (for tests,
    /// proxies, or another HTTP stack).
    pub fn transport(mut self, transport: impl HttpTransport) -> Self {
        self.config.transport = Some(Arc::new(transport));
        self
    }

    /// Adds an application name to the `User-Agent` of every request.
    pub fn app_name(mut self, name: impl Into<String>) -> Self {
        self.config.app_name = Some(name.into());
        self
    }

    /// Fills unset `@idempotencyToken` members with tokens from this provider instead of
    /// random UUIDs.
    pub fn idempotency_token_provider(mut self, provider: IdempotencyTokenProvider) -> Self {
        self.config.idempotency_token = Some(provider);
        self
    }

    /// Never gzips request bodies, even for operations with `@requestCompression`.
    pub fn disable_request_compression(mut self, disable: bool) -> Self {
        self.config.disable_request_compression = disable;
        self
    }

    /// Gzips bodies of operations with `@requestCompression` from this size on (default
    /// 10240 bytes, at most 10 MiB as the AWS SDKs allow).
    pub fn request_min_compression_size_bytes(mut self, bytes: u32) -> Self {
        self.config.request_min_compression_size_bytes = bytes.min(10_485_760);
        self
    }

    /// Leaves out the host prefixes that `@endpoint` adds to some operations' hosts (for an
    /// endpoint override that cannot serve them).
    pub fn disable_host_prefix(mut self, disable: bool) -> Self {
        self.config.disable_host_prefix = disable;
        self
    }

    /// The configuration.
    pub fn build(self) -> Config {
        self.config
    }
}

/// Retry settings: the AWS SDKs' standard mode (exponential backoff with full jitter, a retry
/// quota shared by the client's calls) with a maximum number of attempts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RetryConfig {
    pub(crate) max_attempts: u32,
    pub(crate) initial_backoff: Duration,
    pub(crate) max_backoff: Duration,
}

impl RetryConfig {
    /// Standard mode: 3 attempts, backoff from 1 s doubling up to 20 s.
    pub fn standard() -> Self {
        RetryConfig { max_attempts: 3, initial_backoff: Duration::from_secs(1), max_backoff: Duration::from_secs(20) }
    }

    /// One attempt, no retries.
    pub fn disabled() -> Self {
        RetryConfig { max_attempts: 1, ..Self::standard() }
    }

    /// Sets the maximum number of attempts (at least 1).
    pub fn with_max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts.max(1);
        self
    }

    /// Sets the base of the backoff: attempt `n` waits a random time below
    /// `initial * 2^(n-1)`, capped at the maximum.
    pub fn with_initial_backoff(mut self, backoff: Duration) -> Self {
        self.initial_backoff = backoff;
        self
    }

    /// Sets the longest wait between attempts.
    pub fn with_max_backoff(mut self, backoff: Duration) -> Self {
        self.max_backoff = backoff;
        self
    }

    /// The maximum number of attempts.
    pub fn max_attempts(&self) -> u32 {
        self.max_attempts
    }
}

impl Default for RetryConfig {
    fn default() -> Self {
        Self::standard()
    }
}

/// Timeouts: for connecting, for each attempt (sending and reading the whole response), and
/// for the whole operation (all attempts and the waits between them). `None` means no limit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimeoutConfig {
    pub(crate) connect: Option<Duration>,
    pub(crate) attempt: Option<Duration>,
    pub(crate) operation: Option<Duration>,
}

impl Default for TimeoutConfig {
    /// 3.1 s to connect (as the AWS SDKs), no attempt or operation limit.
    fn default() -> Self {
        TimeoutConfig { connect: Some(Duration::from_millis(3100)), attempt: None, operation: None }
    }
}

impl TimeoutConfig {
    /// No limits at all.
    pub fn disabled() -> Self {
        TimeoutConfig { connect: None, attempt: None, operation: None }
    }

    /// Sets the connect timeout (used by the built-in transport).
    pub fn with_connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect = Some(timeout);
        self
    }

    /// Sets the limit for each attempt.
    pub fn with_attempt_timeout(mut self, timeout: Duration) -> Self {
        self.attempt = Some(timeout);
        self
    }

    /// Sets the limit for the whole operation, retries included.
    pub fn with_operation_timeout(mut self, timeout: Duration) -> Self {
        self.operation = Some(timeout);
        self
    }

    /// The connect timeout.
    pub fn connect_timeout(&self) -> Option<Duration> {
        self.connect
    }

    /// The per-attempt timeout.
    pub fn attempt_timeout(&self) -> Option<Duration> {
        self.attempt
    }

    /// The whole-operation timeout.
    pub fn operation_timeout(&self) -> Option<Duration> {
        self.operation
    }
}
