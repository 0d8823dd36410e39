//! The modeled errors the local service returns, and its pagination tokens.

use mwaa_serverless::error::BuildError;
use mwaa_serverless::types::error::{
    ConflictException, InternalServerException, ResourceNotFoundException,
    ServiceQuotaExceededException, ValidationException,
};
use mwaa_serverless::types::{ValidationExceptionField, ValidationExceptionReason};

/// `ResourceNotFoundException` for the resource `resource_type` named `resource_id`.
pub(crate) fn not_found(resource_type: &str, resource_id: &str) -> ResourceNotFoundException {
    ResourceNotFoundException::builder()
        .message(format!("{resource_type} {resource_id} does not exist"))
        .resource_id(resource_id)
        .resource_type(resource_type)
        .build()
        .expect("every required member is set")
}

/// `ConflictException` for the resource `resource_type` named `resource_id`.
pub(crate) fn conflict(
    resource_type: &str,
    resource_id: &str,
    message: String,
) -> ConflictException {
    ConflictException::builder()
        .message(message)
        .resource_id(resource_id)
        .resource_type(resource_type)
        .build()
        .expect("every required member is set")
}

/// `ValidationException` with reason `other`, or `fieldValidationFailed` naming `field`.
pub(crate) fn invalid(field: Option<&str>, message: String) -> ValidationException {
    let builder = ValidationException::builder().message(message.clone());
    let builder = match field {
        Some(name) => builder
            .reason(ValidationExceptionReason::FieldValidationFailed)
            .field_list(
                ValidationExceptionField::builder()
                    .name(name)
                    .message(message)
                    .build()
                    .expect("every required member is set"),
            ),
        None => builder.reason(ValidationExceptionReason::Other),
    };
    builder.build().expect("every required member is set")
}

/// `ServiceQuotaExceededException` for the quota `quota_code`.
pub(crate) fn quota(
    resource_type: &str,
    resource_id: &str,
    quota_code: &str,
    message: String,
) -> ServiceQuotaExceededException {
    ServiceQuotaExceededException::builder()
        .message(message)
        .resource_id(resource_id)
        .resource_type(resource_type)
        .service_code("airflow-serverless")
        .quota_code(quota_code)
        .build()
        .expect("every required member is set")
}

/// A response the local service could not build: a bug in it, reported as the service would.
pub(crate) fn internal(err: BuildError) -> InternalServerException {
    InternalServerException::builder()
        .message(format!(
            "the local service built an invalid response: {err}"
        ))
        .build()
        .expect("every required member is set")
}

/// FNV-1a: a hash that is the same in every build, for binding tokens to their listing.
fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// One page of `items`, which are in ascending order of their sequence numbers.
///
/// The `NextToken` is opaque: 32 hex digits holding a hash of `scope` (the operation and what
/// it lists) and, masked, the sequence number of the last item returned. The next page starts
/// after that item, so items created or deleted between pages do not shift it. A token that
/// does not decode, or that comes from another listing, is a `ValidationException` (the model's
/// smoke test `ListWorkflowsInvalidPaginationToken` expects exactly that for `NextToken: "123"`).
pub(crate) fn page<T>(
    items: Vec<(u64, T)>,
    scope: &str,
    next_token: Option<&str>,
    max_results: Option<i32>,
    default_size: usize,
) -> Result<(Vec<T>, Option<String>), ValidationException> {
    let key = fnv1a(scope);
    let mask = key.rotate_left(29) ^ 0x5bd1_e995_5bd1_e995;
    let after = match next_token {
        None => 0,
        Some(token) => {
            let decoded = (token.len() == 32 && token.is_ascii())
                .then(|| {
                    let (head, tail) = token.split_at(16);
                    let head = u64::from_str_radix(head, 16).ok()?;
                    let tail = u64::from_str_radix(tail, 16).ok()?;
                    (head == key).then_some(tail ^ mask)
                })
                .flatten();
            decoded.ok_or_else(|| {
                invalid(
                    Some("NextToken"),
                    format!("The pagination token {token:?} is not valid for this request"),
                )
            })?
        }
    };
    // `validate()` has already checked MaxResults is within the model's 1..=100.
    let size = max_results
        .and_then(|n| usize::try_from(n).ok())
        .filter(|&n| n > 0)
        .unwrap_or(default_size);
    let mut rest = items.into_iter().filter(|(seq, _)| *seq > after).peekable();
    let mut out = Vec::new();
    let mut last = after;
    while out.len() < size {
        match rest.next() {
            Some((seq, item)) => {
                last = seq;
                out.push(item);
            }
            None => break,
        }
    }
    let next = rest
        .peek()
        .is_some()
        .then(|| format!("{key:016x}{:016x}", last ^ mask));
    Ok((out, next))
}
