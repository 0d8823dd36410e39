//! Verifying AWS Signature Version 4 on received requests: the signature is computed again
//! from the request as received, with the `aws-sigv4` crate, and compared in constant time.

use super::reply::Reply;
use std::borrow::Cow;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// How far `X-Amz-Date` may be from the server's clock, either way.
const MAX_SKEW: Duration = Duration::from_secs(15 * 60);

const ALGORITHM: &str = "AWS4-HMAC-SHA256";

pub use aws_credential_types::Credentials;

/// The credentials lookup the server was configured with.
pub(crate) type CredentialsLookup = Arc<dyn Fn(&str) -> Option<Credentials> + Send + Sync>;

/// The parts of an `Authorization: AWS4-HMAC-SHA256 ...` header.
struct Authorization<'a> {
    access_key_id: &'a str,
    date: &'a str,
    region: &'a str,
    service: &'a str,
    signed_headers: Vec<&'a str>,
    signature: &'a str,
}

fn incomplete(message: &str) -> Reply {
    Reply::protocol_error(400, "IncompleteSignatureException", message)
}

fn invalid(message: &str) -> Reply {
    Reply::protocol_error(403, "InvalidSignatureException", message)
}

fn unrecognized() -> Reply {
    Reply::protocol_error(403, "UnrecognizedClientException", "The security token included in the request is invalid.")
}

const MISMATCH: &str = "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";

fn parse_authorization(value: &str) -> Result<Authorization<'_>, Reply> {
    let rest = value
        .strip_prefix(ALGORITHM)
        .filter(|rest| rest.starts_with(' '))
        .ok_or_else(|| incomplete("Authorization header requires the AWS4-HMAC-SHA256 algorithm."))?;
    let (mut credential, mut signed_headers, mut signature) = (None, None, None);
    for part in rest.split(',') {
        let part = part.trim();
        if let Some(v) = part.strip_prefix("Credential=") {
            credential = Some(v);
        } else if let Some(v) = part.strip_prefix("SignedHeaders=") {
            signed_headers = Some(v);
        } else if let Some(v) = part.strip_prefix("Signature=") {
            signature = Some(v);
        }
    }
    let missing = |name: &str| incomplete(&format!("Authorization header requires '{name}' parameter. Authorization={value}"));
    let credential = credential.ok_or_else(|| missing("Credential"))?;
    let signed_headers = signed_headers.ok_or_else(|| missing("SignedHeaders"))?;
    let signature = signature.ok_or_else(|| missing("Signature"))?;
    let scope: Vec<&str> = credential.split('/').collect();
    let [access_key_id, date, region, service, "aws4_request"] = scope[..] else {
        return Err(incomplete(&format!(
            "Credential should be scoped to a valid region, service and date: \
             `<access key id>/<yyyymmdd>/<region>/<service>/aws4_request`, not `{credential}`."
        )));
    };
    if [access_key_id, date, region, service].iter().any(|s| s.is_empty()) {
        return Err(incomplete("Credential has an empty component."));
    }
    let signed_headers: Vec<&str> = signed_headers.split(';').collect();
    Ok(Authorization { access_key_id, date, region, service, signed_headers, signature })
}

/// Checks the request's SigV4 signature. `signing_name` is the service's SigV4 name, when the
/// model gives one: credentials scoped to another service are refused.
pub(crate) fn verify(
    lookup: &CredentialsLookup,
    parts: &http::request::Parts,
    body: &[u8],
    signing_name: Option<&str>,
    now: SystemTime,
) -> Result<(), Reply> {
    let Some(header) = parts.headers.get(http::header::AUTHORIZATION) else {
        return Err(Reply::protocol_error(403, "MissingAuthenticationTokenException", "Missing Authentication Token"));
    };
    let header = header.to_str().map_err(|_| incomplete("The Authorization header is not valid text."))?;
    let auth = parse_authorization(header)?;

    // The time the request was signed at.
    let amz_date = parts
        .headers
        .get("x-amz-date")
        .and_then(|v| v.to_str().ok())
        .ok_or_else(|| incomplete("Authorization header requires existence of a valid 'X-Amz-Date' header."))?;
    let signed_at = parse_amz_date(amz_date).ok_or_else(|| incomplete(&format!("Date must be in ISO-8601 'basic format' (yyyyMMdd'T'HHmmss'Z'); got '{amz_date}'.")))?;
    if !auth.signed_headers.contains(&"x-amz-date") || !auth.signed_headers.contains(&"host") {
        return Err(incomplete("The 'Host' and 'X-Amz-Date' headers must be signed."));
    }
    let skew = now.duration_since(signed_at).unwrap_or_else(|e| e.duration());
    if skew > MAX_SKEW {
        let when = if signed_at < now { "expired" } else { "not yet current" };
        return Err(invalid(&format!("Signature {when}: {amz_date} is more than 15 minutes away from the server's time {}.", format_amz_date(now))));
    }
    if auth.date != &amz_date[..8] {
        return Err(invalid(&format!("Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '{}' != '{}'.", auth.date, &amz_date[..8])));
    }
    if let Some(name) = signing_name {
        if auth.service != name {
            return Err(invalid(&format!("Credential should be scoped to correct service: '{name}'.")));
        }
    }

    let Some(credentials) = lookup(auth.access_key_id) else {
        return Err(unrecognized());
    };
    let sent_token = parts.headers.get("x-amz-security-token").map(|v| v.as_bytes());
    match (credentials.session_token(), sent_token) {
        (None, None) => {}
        (Some(expected), Some(sent)) if constant_time_eq(expected.as_bytes(), sent) => {}
        _ => return Err(unrecognized()),
    }

    // The headers the client signed, exactly as received: the signer adds `host`,
    // `x-amz-date` and (for signed session tokens) `x-amz-security-token` itself.
    let mut headers: Vec<(&str, &str)> = Vec::new();
    for name in &auth.signed_headers {
        let values = parts.headers.get_all(*name);
        let mut any = false;
        for value in values {
            let value = value.to_str().map_err(|_| invalid(MISMATCH))?;
            headers.push((name, value));
            any = true;
        }
        if !any {
            return Err(invalid(&format!("The request does not have the signed header '{name}'.")));
        }
    }
    let token_signed = auth.signed_headers.contains(&"x-amz-security-token");
    let session_token = credentials.session_token().map(str::to_string).filter(|_| token_signed);
    let identity = aws_credential_types::Credentials::new(
        credentials.access_key_id(),
        credentials.secret_access_key(),
        session_token,
        None,
        "server",
    )
    .into();
    let mut settings = aws_sigv4::http_request::SigningSettings::default();
    // Only the headers the client signed are given to the signer, and it must use them all.
    settings.excluded_headers = Some(vec![Cow::Borrowed("authorization")]);
    let params = aws_sigv4::sign::v4::SigningParams::builder()
        .identity(&identity)
        .region(auth.region)
        .name(auth.service)
        .time(signed_at)
        .settings(settings)
        .build()
        .map_err(|_| invalid(MISMATCH))?
        .into();
    let uri = parts.uri.path_and_query().map_or("/", |p| p.as_str());
    let request = aws_sigv4::http_request::SignableRequest::new(
        parts.method.as_str(),
        uri,
        headers.into_iter(),
        aws_sigv4::http_request::SignableBody::Bytes(body),
    )
    .map_err(|_| invalid(MISMATCH))?;
    let expected = aws_sigv4::http_request::sign(request, &params).map_err(|_| invalid(MISMATCH))?;
    if constant_time_eq(expected.signature().as_bytes(), auth.signature.as_bytes()) {
        Ok(())
    } else {
        Err(invalid(MISMATCH))
    }
}

/// Compares without stopping at the first difference, so the time taken does not tell an
/// attacker how much of a guess was right.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// `yyyyMMddTHHmmssZ`.
fn parse_amz_date(s: &str) -> Option<SystemTime> {
    let b = s.as_bytes();
    if b.len() != 16 || b[8] != b'T' || b[15] != b'Z' {
        return None;
    }
    let digits = |range: std::ops::Range<usize>| -> Option<i64> {
        let part = s.get(range)?;
        if !part.bytes().all(|c| c.is_ascii_digit()) {
            return None;
        }
        part.parse().ok()
    };
    let (year, month, day) = (digits(0..4)?, digits(4..6)?, digits(6..8)?);
    let (hour, minute, second) = (digits(9..11)?, digits(11..13)?, digits(13..15)?);
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) || hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    let secs = days_from_civil(year, month, day) * 86_400 + hour * 3_600 + minute * 60 + second;
    u64::try_from(secs).ok().map(|secs| UNIX_EPOCH + Duration::from_secs(secs))
}

fn format_amz_date(t: SystemTime) -> String {
    let secs = t.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs()) as i64;
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}{m:02}{d:02}T{:02}{:02}{:02}Z", rem / 3_600, rem % 3_600 / 60, rem % 60)
}

/// Days since 1970-01-01 of a proleptic Gregorian date.
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amz_dates_round_trip() {
        let t = parse_amz_date("20150830T123600Z").unwrap();
        assert_eq!(t.duration_since(UNIX_EPOCH).unwrap().as_secs(), 1_440_938_160);
        assert_eq!(format_amz_date(t), "20150830T123600Z");
        assert!(parse_amz_date("2015-08-30T12:36:00Z").is_none());
        assert!(parse_amz_date("20151330T123600Z").is_none());
    }

    #[test]
    fn compares_whole_strings() {
        assert!(constant_time_eq(b"abc", b"abc"));
        assert!(!constant_time_eq(b"abc", b"abd"));
        assert!(!constant_time_eq(b"abc", b"ab"));
    }
}
