//! `client_responses`: an arbitrary response (built around the model by
//! [`response`](super::response)) to a call of a generated client, through a transport that
//! answers in process.
//!
//! The oracle ([`check`]), besides no panic (the error's `Display`, `Debug` and source chain
//! and the output's `Debug` are all formatted) and no hang:
//!
//! - `Ok` only for a 2xx, and a 2xx that does not read is an error of the response stage (no
//!   construction, dispatch or timeout failure: the transport always answers);
//! - a 2xx whose body the output reads as JSON (body members or a JSON payload) but that is not
//!   JSON is an error, never an `Ok` with made-up data; a text payload that is not UTF-8 too;
//! - an error names the code the response gives (`X-Amzn-Errortype`, else the body's `__type`,
//!   else its `code`, without namespace and suffix), whether it is modeled or not.

use super::model::{services, Body, Location, Op, Service};
use super::response::{self, FuzzResponse};
use super::services;
use super::values::Src;
use bytes::Bytes;
use codegen::model::Kind;
use smithy_codegen_runtime::client::{
    transport_fn, Config, HttpRequest, RetryConfig, TransportError, TransportErrorKind,
};
use smithy_codegen_runtime::error::{ErrorMetadata, FailureKind};
use smithy_codegen_runtime::protocol::rest_json::{HttpInput, RequestReader};
use std::sync::{Mutex, OnceLock};

/// What a call returned, summed up.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub ok: bool,
    /// The error's code, status and failure kind.
    pub code: Option<String>,
    pub status: Option<u16>,
    pub failure: Option<FailureKind>,
    /// Whether the error is the enum's `Unhandled`.
    pub unhandled: bool,
    /// The output's `Debug`, or the error's `Display` and its sources.
    pub text: String,
}

/// Sums up a call's result (see `build.rs`); formats everything a caller might print.
pub fn outcome<O: std::fmt::Debug, E: ErrorMetadata + std::error::Error>(
    result: Result<O, E>,
    is_unhandled: impl Fn(&E) -> bool,
) -> Outcome {
    match result {
        Ok(output) => Outcome {
            ok: true,
            code: None,
            status: None,
            failure: None,
            unhandled: false,
            text: format!("{output:?}"),
        },
        Err(err) => {
            let mut text = format!("{err} / {err:?}");
            let mut source = std::error::Error::source(&err);
            while let Some(s) = source {
                text.push_str(&format!(" <- {s}"));
                source = s.source();
            }
            Outcome {
                ok: false,
                code: err.code().map(str::to_string),
                status: err.http_status(),
                failure: Some(err.failure_kind()),
                unhandled: is_unhandled(&err),
                text,
            }
        }
    }
}

/// A restJson1 input with only its URI labels set (from `labels`), so that the request writes.
pub fn rest_input<I: HttpInput + Default>(labels: &[(&'static str, String)]) -> I {
    let headers = http::HeaderMap::new();
    I::read_request(&RequestReader::new(labels, "", &headers, b"")).unwrap_or_default()
}

/// The response the transport answers with next.
static CANNED: Mutex<Option<http::Response<Bytes>>> = Mutex::new(None);

/// The clients, made once: the endpoint and credentials are resolved on the first call and
/// kept.
struct Clients {
    restjson: services::restjson::Client,
    json10: services::json10::Client,
    mwaa: services::mwaa::Client,
}

fn clients() -> &'static Clients {
    static CLIENTS: OnceLock<Clients> = OnceLock::new();
    CLIENTS.get_or_init(|| Clients {
        restjson: services::restjson::client(config()),
        json10: services::json10::client(config()),
        mwaa: services::mwaa::client(config()),
    })
}

/// No retries (a retryable error would sleep), fixed credentials, and a transport that answers
/// with the canned response.
fn config() -> Config {
    let transport = transport_fn(|_request: HttpRequest| {
        let canned = CANNED.lock().unwrap_or_else(|e| e.into_inner()).take();
        async move {
            canned
                .ok_or_else(|| TransportError::new(TransportErrorKind::Other, "no canned response"))
        }
    });
    Config::builder()
        .region("us-east-1")
        .credentials(smithy_codegen_runtime::auth::Credentials::from_keys(
            "AKIDEXAMPLE",
            "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
            None,
        ))
        .endpoint_url("https://example.com")
        .retry_config(RetryConfig::disabled())
        .transport(transport)
        .build()
}

/// Labels that every label member's type reads, so that a restJson1 request writes.
fn sample_labels(svc: &'static Service, op: &'static Op) -> Vec<(&'static str, String)> {
    op.input
        .iter()
        .filter(|m| matches!(m.location, Location::Label { .. }))
        .map(|m| {
            let kind = svc.shape(&m.target).map(|s| &s.kind);
            let text = match kind {
                Some(Kind::Boolean) => "true".to_string(),
                Some(Kind::Byte | Kind::Short | Kind::Integer | Kind::Long | Kind::BigInteger) => {
                    "1".to_string()
                }
                Some(Kind::Float | Kind::Double | Kind::BigDecimal) => "1.5".to_string(),
                Some(Kind::Timestamp) => match m.timestamp_format.as_deref() {
                    Some("epoch-seconds") => "0".to_string(),
                    Some("http-date") => "Thu, 01 Jan 1970 00:00:00 GMT".to_string(),
                    _ => "1970-01-01T00:00:00Z".to_string(),
                },
                _ => match svc.enum_values(&m.target).first() {
                    Some(serde_json::Value::String(s)) => s.clone(),
                    Some(other) => other.to_string(),
                    None => "a".to_string(),
                },
            };
            (m.name.as_str(), text)
        })
        .collect()
}

/// Calls operation `op` of service number `service`, the transport answering with `response`.
pub fn respond(service: usize, op: usize, response: http::Response<Bytes>) -> Outcome {
    let svc = &services()[service];
    let labels = sample_labels(svc, &svc.ops[op]);
    *CANNED.lock().unwrap_or_else(|e| e.into_inner()) = Some(response);
    let clients = clients();
    let outcome = super::runtime().block_on(async {
        match service {
            0 => services::restjson::call(&clients.restjson, op, &labels).await,
            1 => services::json10::call(&clients.json10, op, &labels).await,
            _ => services::mwaa::call(&clients.mwaa, op, &labels).await,
        }
    });
    let sent = CANNED
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .take()
        .is_none();
    let outcome = outcome.unwrap_or_else(|| panic!("{} has no operation {op}", svc.name));
    assert!(
        sent,
        "the client did not send a request for {}: {outcome:?}",
        svc.ops[op].name
    );
    outcome
}

/// One input: the service, the operation, the response.
pub struct Case {
    pub service: usize,
    pub op: usize,
    pub response: FuzzResponse,
}

impl Case {
    /// The case `data` builds, structured or in the literal form (see
    /// [`Literal`](super::Literal)).
    pub fn new(data: &[u8]) -> Case {
        if let Some(literal) = super::Literal::parse(data) {
            let service = literal.service();
            let (op, response) = response::from_literal(&services()[service], literal);
            return Case {
                service,
                op,
                response,
            };
        }
        let mut u = arbitrary::Unstructured::new(data);
        let mut src = Src(&mut u);
        let service = src.below(services().len());
        let svc = &services()[service];
        let op = src.below(svc.ops.len());
        Case {
            service,
            op,
            response: response::build(&mut src, svc, &svc.ops[op]),
        }
    }
}

/// Runs one input through the client and checks the outcome; panics on a finding.
pub fn run(data: &[u8]) {
    let case = Case::new(data);
    let svc = &services()[case.service];
    let op = &svc.ops[case.op];
    let response = case.response.to_http();
    let outcome = respond(case.service, case.op, response.clone());
    if let Err(why) = check(svc, op, &response, &outcome) {
        panic!(
            "{why}\n  service: {}\n  operation: {}\n  response: {:?}\n  outcome: {outcome:?}",
            svc.name, op.name, case.response
        );
    }
}

/// The oracle (see the module docs).
pub fn check(
    svc: &Service,
    op: &Op,
    response: &http::Response<Bytes>,
    outcome: &Outcome,
) -> Result<(), String> {
    let success = response.status().is_success();
    let body = response.body();
    if outcome.ok {
        if !success {
            return Err(format!("Ok for status {}", response.status()));
        }
        let kind = svc.body(&op.output, svc.is_rest());
        let blank = body.iter().all(u8::is_ascii_whitespace);
        // JSON's grammar puts no bound on numbers: `Value` refuses 1e400, which a reader may skip
        // in a member it does not know, so only the syntax is checked.
        let json = serde_json::from_slice::<serde::de::IgnoredAny>(body).is_ok();
        match kind {
            Body::Json | Body::JsonPayload if !blank && !json => {
                return Err("Ok for a body that is not JSON".into())
            }
            Body::Text if std::str::from_utf8(body).is_err() => {
                return Err("Ok for a text payload that is not UTF-8".into())
            }
            _ => {}
        }
        return Ok(());
    }
    if success {
        if outcome.failure != Some(FailureKind::Response) || !outcome.unhandled {
            return Err(format!(
                "a 2xx failed otherwise than as an unreadable response: {:?}",
                outcome.failure
            ));
        }
        return Ok(());
    }
    if outcome.failure != Some(FailureKind::Service) {
        return Err(format!(
            "an error response read as a {:?} failure",
            outcome.failure
        ));
    }
    let expected = response_code(response);
    if outcome.code != expected {
        return Err(format!(
            "the response names error code {expected:?}, the error says {:?}",
            outcome.code
        ));
    }
    Ok(())
}

/// The error code a response gives, as the AWS JSON protocols define it: `X-Amzn-Errortype`,
/// else the body's `__type`, else its `code`; the part after a `#` and before a `:`.
fn response_code(response: &http::Response<Bytes>) -> Option<String> {
    let raw = match response
        .headers()
        .get("x-amzn-errortype")
        .and_then(|v| v.to_str().ok())
    {
        Some(header) => header.to_string(),
        None => {
            let serde_json::Value::Object(body) = serde_json::from_slice(response.body()).ok()?
            else {
                return None;
            };
            let text = |key: &str| body.get(key).and_then(|v| v.as_str()).map(str::to_string);
            text("__type").or_else(|| text("code"))?
        }
    };
    let before_colon = raw.split(':').next().unwrap_or("");
    let code = before_colon
        .split_once('#')
        .map_or(before_colon, |(_, c)| c)
        .trim();
    (!code.is_empty()).then(|| code.to_string())
}
