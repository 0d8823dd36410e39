//! The AWS standard retry mode: which failures are retried, how long to wait, and the retry
//! quota that stops a client from retrying into an outage.

use super::config::RetryConfig;
use crate::error::RetryKind;
use ::std::sync::atomic::{AtomicU32, Ordering};
use ::std::time::Duration;

/// Error codes AWS services use for throttling.
const THROTTLING_CODES: &[&str] = &[
    "Throttling",
    "ThrottlingException",
    "ThrottledException",
    "RequestThrottledException",
    "TooManyRequestsException",
    "ProvisionedThroughputExceededException",
    "TransactionInProgressException",
    "RequestLimitExceeded",
    "BandwidthLimitExceeded",
    "LimitExceededException",
    "RequestThrottled",
    "SlowDown",
    "PriorRequestNotComplete",
    "EC2ThrottledException",
];

/// Error codes AWS services use for transient failures.
const TRANSIENT_CODES: &[&str] = &["RequestTimeout", "RequestTimeoutException", "InternalError"];

/// Statuses that mean "try again".
const TRANSIENT_STATUSES: &[u16] = &[500, 502, 503, 504];

/// Why an attempt may be retried.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Retry {
    /// The service is throttling.
    Throttling,
    /// A transient failure: a 5xx, a broken connection, `@retryable`.
    Transient,
    /// An attempt timed out.
    Timeout,
}

/// Classifies an error response: the modeled `@retryable` trait first, then the codes and
/// statuses AWS documents as retryable. Other client errors are final.
pub(crate) fn classify_response(kind: RetryKind, code: Option<&str>, status: u16) -> Option<Retry> {
    match kind {
        RetryKind::Throttling => return Some(Retry::Throttling),
        RetryKind::Transient => return Some(Retry::Transient),
        RetryKind::NotRetryable => {}
    }
    if let Some(code) = code {
        if THROTTLING_CODES.contains(&code) {
            return Some(Retry::Throttling);
        }
        if TRANSIENT_CODES.contains(&code) {
            return Some(Retry::Transient);
        }
    }
    if status == 429 {
        return Some(Retry::Throttling);
    }
    TRANSIENT_STATUSES.contains(&status).then_some(Retry::Transient)
}

/// The wait before attempt `attempt + 1` (`attempt` counts from 1): a random time below
/// `initial * 2^(attempt-1)`, capped by the maximum ("full jitter").
pub(crate) fn backoff(config: &RetryConfig, attempt: u32) -> Duration {
    let exp = config.initial_backoff.saturating_mul(1u32 << attempt.saturating_sub(1).min(20));
    exp.min(config.max_backoff).mul_f64(::fastrand::f64())
}

/// The wait before the next attempt: the backoff, or what the service asked for with
/// `Retry-After` when that is longer, never beyond the maximum backoff.
pub(crate) fn wait(config: &RetryConfig, attempt: u32, retry_after: Option<Duration>) -> Duration {
    let backoff = backoff(config, attempt);
    match retry_after {
        Some(asked) => asked.max(backoff).min(config.max_backoff),
        None => backoff,
    }
}

/// How long the service asked the client to wait: `x-amz-retry-after` (milliseconds), else
/// `Retry-After` in seconds (the HTTP-date form is not used by AWS services and is ignored).
pub(crate) fn retry_after(headers: &::http::HeaderMap) -> Option<Duration> {
    let number = |name: &str| headers.get(name)?.to_str().ok()?.trim().parse::<u64>().ok();
    number("x-amz-retry-after").map(Duration::from_millis).or_else(|| number("retry-after").map(Duration::from_secs))
}

const INITIAL_QUOTA: u32 = 500;
const RETRY_COST: u32 = 5;
const TIMEOUT_RETRY_COST: u32 = 10;

/// The retry quota shared by a client's calls: each retry takes tokens, each success gives
/// some back, and when it is empty failures are returned without retrying.
#[derive(Debug)]
pub(crate) struct RetryQuota {
    tokens: AtomicU32,
}

impl Default for RetryQuota {
    fn default() -> Self {
        RetryQuota { tokens: AtomicU32::new(INITIAL_QUOTA) }
    }
}

impl RetryQuota {
    /// Takes the cost of a retry; `None` when the quota cannot pay for it.
    pub(crate) fn acquire(&self, reason: Retry) -> Option<u32> {
        let cost = if reason == Retry::Timeout { TIMEOUT_RETRY_COST } else { RETRY_COST };
        self.tokens
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |t| t.checked_sub(cost))
            .ok()
            .map(|_| cost)
    }

    /// Gives back what the retries of a call that succeeded cost (or 1 for a first-attempt
    /// success).
    pub(crate) fn release(&self, spent: u32) {
        let give = spent.max(1);
        let _ = self.tokens.fetch_update(Ordering::AcqRel, Ordering::Acquire, |t| Some((t + give).min(INITIAL_QUOTA)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn honours_the_wait_the_service_asks_for_within_the_maximum() {
        let mut headers = ::http::HeaderMap::new();
        assert_eq!(retry_after(&headers), None);
        headers.insert("retry-after", ::http::HeaderValue::from_static("3"));
        assert_eq!(retry_after(&headers), Some(Duration::from_secs(3)));
        headers.insert("x-amz-retry-after", ::http::HeaderValue::from_static("1500"));
        assert_eq!(retry_after(&headers), Some(Duration::from_millis(1500)));
        let config = RetryConfig::standard().with_initial_backoff(Duration::from_millis(1)).with_max_backoff(Duration::from_secs(2));
        assert_eq!(wait(&config, 1, Some(Duration::from_millis(1500))), Duration::from_millis(1500));
        assert_eq!(wait(&config, 1, Some(Duration::from_secs(30))), Duration::from_secs(2));
        assert!(wait(&config, 1, None) <= Duration::from_millis(1));
    }

    #[test]
    fn classifies_throttling_transient_and_final_errors() {
        assert_eq!(classify_response(RetryKind::NotRetryable, Some("ThrottlingException"), 400), Some(Retry::Throttling));
        assert_eq!(classify_response(RetryKind::NotRetryable, None, 503), Some(Retry::Transient));
        assert_eq!(classify_response(RetryKind::Transient, None, 400), Some(Retry::Transient));
        assert_eq!(classify_response(RetryKind::NotRetryable, Some("ValidationException"), 400), None);
    }
}
