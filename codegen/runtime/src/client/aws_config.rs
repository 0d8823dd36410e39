//! Configuration from `aws-config` (feature `aws-config`): every credential source the AWS SDK
//! for Rust reads, and the rest of its shared configuration.

use super::config::{Config, RetryConfig, TimeoutConfig};

impl Config {
    /// The AWS SDK's configuration from the environment (`aws_config::load_from_env()`):
    /// the region chain, and the full credentials chain (environment, profiles with
    /// `role_arn`, `credential_process` and SSO, web identity tokens, ECS container
    /// credentials, EC2 instance metadata), converted with [`Config::from`].
    pub async fn load_from_env() -> Config {
        Config::from(&aws_config::load_defaults(aws_config::BehaviorVersion::latest()).await)
    }
}

impl From<&aws_types::SdkConfig> for Config {
    /// Takes what the SDK's configuration sets: region, credentials provider, endpoint URL,
    /// FIPS and dual-stack, the retry attempts and backoff, the timeouts and the app name.
    fn from(sdk: &aws_types::SdkConfig) -> Self {
        let mut builder = Config::builder().set_credentials_provider(sdk.credentials_provider());
        if let Some(region) = sdk.region() {
            builder = builder.region(region.as_ref());
        }
        if let Some(url) = sdk.endpoint_url() {
            builder = builder.endpoint_url(url);
        }
        builder = builder.use_fips(sdk.use_fips().unwrap_or(false)).use_dual_stack(sdk.use_dual_stack().unwrap_or(false));
        if let Some(retry) = sdk.retry_config() {
            let ours = RetryConfig::standard()
                .with_max_attempts(retry.max_attempts())
                .with_initial_backoff(retry.initial_backoff())
                .with_max_backoff(retry.max_backoff());
            builder = builder.retry_config(ours);
        }
        if let Some(timeouts) = sdk.timeout_config() {
            let mut ours = TimeoutConfig::default();
            if let Some(t) = timeouts.connect_timeout() {
                ours = ours.with_connect_timeout(t);
            }
            if let Some(t) = timeouts.operation_attempt_timeout() {
                ours = ours.with_attempt_timeout(t);
            }
            if let Some(t) = timeouts.operation_timeout() {
                ours = ours.with_operation_timeout(t);
            }
            builder = builder.timeout_config(ours);
        }
        if let Some(app) = sdk.app_name() {
            builder = builder.app_name(app.as_ref());
        }
        builder.build()
    }
}

impl From<aws_types::SdkConfig> for Config {
    fn from(sdk: aws_types::SdkConfig) -> Self {
        Config::from(&sdk)
    }
}
