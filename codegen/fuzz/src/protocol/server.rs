//! `server_requests`: an arbitrary request (built around the model by [`request`]) goes through
//! a generated server whose handler ([`answer`]) answers what a generated client would read
//! from an arbitrary response (built by [`response`]): an output for a 2xx, else the
//! operation's error, modeled or not.
//!
//! The oracle ([`check`]), besides no panic and no hang:
//!
//! - the handler only ever sees inputs that pass `validate()`;
//! - a 2xx comes only from the handler's output, with the `@http` code (any 2xx when the
//!   output has an `@httpResponseCode` member);
//! - everything else is an error: 4xx when the handler was not called (the request was at
//!   fault), the status and code of the handler's error when it was; an error's body is a JSON
//!   object, and it names its type (`X-Amzn-Errortype` for restJson1, `__type` for awsJson);
//! - `Content-Length` is the body's length;
//! - and the generated client of the same operation reads the answer back as the protocol
//!   says ([`client::check`](super::client::check)): the handler's output as `Ok`, an error
//!   with the code the response names.
//!
//! [`request`]: super::request
//! [`response`]: super::response

use super::client;
use super::model::{services, Location, Protocol, Service};
use super::request::{self, FuzzRequest};
use super::response::{self, FuzzResponse};
use super::services;
use super::values::Src;
use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use smithy_codegen_runtime::client::{ClientProtocol, OperationError};
use smithy_codegen_runtime::error::ErrorMetadata;
use smithy_codegen_runtime::operation::Operation;
use std::sync::Mutex;

/// What the handler answered.
#[derive(Clone, Debug)]
pub enum Answered {
    /// The operation's output.
    Output,
    /// An error, with its code, status and fault (`ErrorMetadata`).
    Error {
        code: Option<String>,
        status: Option<u16>,
        server_fault: bool,
    },
}

/// A call of the handler.
#[derive(Clone, Debug)]
pub struct Called {
    /// The operation (index in the service trait's order).
    pub op: usize,
    /// Whether the input passed its `validate()`.
    pub valid: bool,
    pub answered: Answered,
}

/// The canned response the handler reads its answer from, and the call it records. One input
/// runs at a time, so one slot each is enough.
static CANNED: Mutex<Option<http::Response<Bytes>>> = Mutex::new(None);
static CALLED: Mutex<Option<Called>> = Mutex::new(None);

/// The `Answering` handlers' body (see `build.rs`): what the generated client, speaking
/// `protocol`, reads from the canned response (the output's `Default` when it does not read).
pub fn answer<O, P>(protocol: &P, op: usize, valid: bool) -> Result<O::Output, O::Error>
where
    O: Operation,
    P: ClientProtocol<O>,
    O::Output: Default,
    O::Error: OperationError,
{
    let canned = CANNED
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .clone()
        .unwrap_or_default();
    let result = if canned.status().is_success() {
        Ok(protocol.read_output(&canned).unwrap_or_default())
    } else {
        Err(protocol.read_error(&canned))
    };
    let answered = match &result {
        Ok(_) => Answered::Output,
        Err(e) => Answered::Error {
            code: e.code().map(str::to_string),
            status: e.http_status(),
            server_fault: e.fault() != Some(smithy_codegen_runtime::error::ErrorFault::Client),
        },
    };
    *CALLED.lock().unwrap_or_else(|e| e.into_inner()) = Some(Called {
        op,
        valid,
        answered,
    });
    result
}

/// One input: the service, the request, the handler's canned response.
pub struct Case {
    pub service: usize,
    pub request: FuzzRequest,
    pub canned: FuzzResponse,
}

impl Case {
    /// The case `data` builds; in the literal form (see [`Literal`](super::Literal)), the
    /// handler answers a `200` without a body.
    pub fn new(data: &[u8]) -> Case {
        if let Some(literal) = super::Literal::parse(data) {
            let service = literal.service();
            let request = request::from_literal(&services()[service], literal);
            let canned = FuzzResponse {
                status: 200,
                headers: Vec::new(),
                body: Vec::new(),
            };
            return Case {
                service,
                request,
                canned,
            };
        }
        let mut u = arbitrary::Unstructured::new(data);
        let mut src = Src(&mut u);
        let service = src.below(services().len());
        let svc = &services()[service];
        let request = request::build(&mut src, svc);
        let canned = response::build(&mut src, svc, &svc.ops[request.op]);
        Case {
            service,
            request,
            canned,
        }
    }
}

/// The server's answer, as plain parts.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub headers: http::HeaderMap,
    pub body: Bytes,
}

/// Runs one input through the server and checks the answer; panics on a finding.
pub fn run(data: &[u8]) {
    let case = Case::new(data);
    let (answer, called) = serve(&case);
    check(&case, &answer, called.as_ref());
}

/// Sends the case's request to its service's server; the answer and the handler's call.
pub fn serve(case: &Case) -> (Answer, Option<Called>) {
    *CANNED.lock().unwrap_or_else(|e| e.into_inner()) = Some(case.canned.to_http());
    *CALLED.lock().unwrap_or_else(|e| e.into_inner()) = None;
    let request = case.request.to_http();
    let answer = super::runtime().block_on(async move {
        match case.service {
            0 => {
                send(
                    services::restjson::Server::new(services::restjson::Answering),
                    request,
                )
                .await
            }
            1 => {
                send(
                    services::json10::Server::new(services::json10::Answering),
                    request,
                )
                .await
            }
            _ => {
                send(
                    services::mwaa::Server::new(services::mwaa::Answering),
                    request,
                )
                .await
            }
        }
    });
    let called = CALLED.lock().unwrap_or_else(|e| e.into_inner()).take();
    (answer, called)
}

async fn send<S>(mut server: S, request: http::Request<Full<Bytes>>) -> Answer
where
    S: tower_service::Service<
        http::Request<Full<Bytes>>,
        Response = http::Response<Full<Bytes>>,
        Error = std::convert::Infallible,
    >,
{
    let ready = std::future::poll_fn(|cx| server.poll_ready(cx)).await;
    let Ok(()) = ready;
    let Ok(response) = server.call(request).await;
    let (parts, body) = response.into_parts();
    let Ok(collected) = body.collect().await;
    Answer {
        status: parts.status.as_u16(),
        headers: parts.headers,
        body: collected.to_bytes(),
    }
}

/// The oracle (see the module docs); panics with the case and the answer on a finding.
pub fn check(case: &Case, answer: &Answer, called: Option<&Called>) {
    let svc = &services()[case.service];
    let fail = |why: String| -> ! {
        panic!(
            "{why}\n  service: {}\n  request: {:?}\n  canned: {:?}\n  called: {called:?}\n  answer: {} {:?} {}",
            svc.name,
            case.request,
            case.canned,
            answer.status,
            answer.headers,
            String::from_utf8_lossy(&answer.body)
        )
    };
    let status = answer.status;
    let declared = answer
        .headers
        .get(http::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|len| len != answer.body.len()) {
        fail(format!(
            "Content-Length {declared:?} but the body has {} bytes",
            answer.body.len()
        ));
    }
    match called.map(|c| (c, &c.answered)) {
        None => {
            if !(400..500).contains(&status) {
                fail(format!("the handler was not called, but the server answered {status} (a refused request is a 4xx)"));
            }
            if let Err(why) = error_shape(svc, answer) {
                fail(why);
            }
        }
        Some((c, _)) if !c.valid => {
            fail("the handler got an input that does not pass validate()".into())
        }
        Some((c, Answered::Output)) => {
            let op = &svc.ops[c.op];
            let status_member = op
                .output
                .iter()
                .any(|m| m.location == Location::ResponseCode);
            let expected = if status_member {
                (200..300).contains(&status)
            } else {
                status == op.code
            };
            if !expected {
                fail(format!("the handler answered an output of {}, but the server answered {status}, not {}", op.name, op.code));
            }
            // An output without members has no body (`AwsJson10ServiceRespondsWithNoPayload`).
            if !svc.is_rest() && !answer.body.is_empty() && json_object(&answer.body).is_none() {
                fail("an awsJson output's body is not a JSON object".into());
            }
        }
        Some((
            c,
            Answered::Error {
                code,
                status: error_status,
                server_fault,
            },
        )) => {
            // `@httpError`, else 400 for `@error("client")` and 500 for the rest; a status out
            // of 4xx/5xx becomes 500.
            let expected_status = match error_status {
                Some(s) if (400..=599).contains(s) => *s,
                Some(_) => 500,
                None if *server_fault => 500,
                None => 400,
            };
            if status != expected_status {
                fail(format!("the handler answered an error with status {error_status:?}, but the server answered {status}, not {expected_status}"));
            }
            if let Err(why) = error_shape(svc, answer) {
                fail(why);
            }
            let expected_code = code.as_deref().unwrap_or("InternalFailure");
            let written =
                smithy_codegen_runtime::protocol::error_code(&answer.headers, &answer.body);
            if plain_code(expected_code) && written.as_deref() != Some(expected_code) {
                fail(format!("the handler answered error {expected_code:?}, but the response names {written:?} ({})", svc.ops[c.op].name));
            }
        }
    }
    // Round trip: the client of the operation the server ran (else the one the request was
    // for) reads the answer.
    let op = called.map_or(case.request.op, |c| c.op);
    let response = to_response(answer);
    let outcome = client::respond(case.service, op, response.clone());
    if let Err(why) = client::check(svc, &svc.ops[op], &response, &outcome) {
        fail(format!(
            "the client's reading of the server's answer: {why}"
        ));
    }
    if matches!(called.map(|c| &c.answered), Some(Answered::Output)) && !outcome.ok {
        fail(format!(
            "the client cannot read the output the server wrote: {outcome:?}"
        ));
    }
}

fn to_response(answer: &Answer) -> http::Response<Bytes> {
    let mut response = http::Response::new(answer.body.clone());
    *response.status_mut() = http::StatusCode::from_u16(answer.status)
        .unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR);
    *response.headers_mut() = answer.headers.clone();
    response
}

/// A code that travels unchanged in a header and through code clean-up (no `#`, `:`, spaces
/// or control characters): the server is held to writing exactly these.
fn plain_code(code: &str) -> bool {
    !code.is_empty()
        && code
            .bytes()
            .all(|b| b.is_ascii_graphic() && b != b'#' && b != b':')
}

fn json_object(body: &[u8]) -> Option<serde_json::Map<String, serde_json::Value>> {
    match serde_json::from_slice(body) {
        Ok(serde_json::Value::Object(map)) => Some(map),
        _ => None,
    }
}

/// An error response as the protocol writes one: 4xx or 5xx, a JSON object body, and its type
/// (`X-Amzn-Errortype` in restJson1, `__type` in awsJson).
fn error_shape(svc: &Service, answer: &Answer) -> Result<(), String> {
    if !(400..=599).contains(&answer.status) {
        return Err(format!("an error with status {}", answer.status));
    }
    let Some(body) = json_object(&answer.body) else {
        return Err("an error's body is not a JSON object".into());
    };
    match &svc.protocol {
        Protocol::RestJson => {
            if answer
                .headers
                .get("x-amzn-errortype")
                .is_none_or(|v| v.is_empty())
            {
                return Err("a restJson1 error without X-Amzn-Errortype".into());
            }
        }
        Protocol::AwsJson { .. } => {
            if body
                .get("__type")
                .and_then(|t| t.as_str())
                .is_none_or(str::is_empty)
            {
                return Err("an awsJson error without __type".into());
            }
        }
    }
    Ok(())
}
