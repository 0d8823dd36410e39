//! HTTP responses for an operation, built from the fuzzer's bytes around the model: its output
//! (the `@http` code, the output's headers, prefix headers, status member and body or payload),
//! one of its modeled errors (its status, its code in `X-Amzn-Errortype`, `__type` or `code`,
//! with or without a namespace and suffix, its members), or anything at all (any status, any
//! code, junk). The client target sends these to a generated client; the server target has its
//! handler answer whatever the client reads from one.

use super::model::{Body, ErrorShape, Location, Member, Op, Service};
use super::values::{json_value, text_items, Src, TimeFormat};
use crate::model::Json;
use bytes::Bytes;

/// A response, as plain parts.
#[derive(Debug, Clone)]
pub struct FuzzResponse {
    pub status: u16,
    pub headers: Vec<(String, Vec<u8>)>,
    pub body: Vec<u8>,
}

impl FuzzResponse {
    /// The response as a client reads it; header lines HTTP cannot carry are left out.
    pub fn to_http(&self) -> http::Response<Bytes> {
        let mut response = http::Response::new(Bytes::from(self.body.clone()));
        *response.status_mut() =
            http::StatusCode::from_u16(self.status).unwrap_or(http::StatusCode::OK);
        for (name, value) in &self.headers {
            if let (Ok(name), Ok(value)) = (
                http::HeaderName::from_bytes(name.as_bytes()),
                http::HeaderValue::from_bytes(value),
            ) {
                response.headers_mut().append(name, value);
            }
        }
        response
    }
}

/// A response in the literal form (see [`Literal`](super::Literal)): the operation (the second
/// name, else the first) and the response.
pub fn from_literal(svc: &Service, literal: super::Literal) -> (usize, FuzzResponse) {
    let op = literal
        .names
        .get(1)
        .and_then(|name| svc.ops.iter().position(|op| &op.name == name))
        .unwrap_or(0);
    let status = literal
        .start
        .trim()
        .parse()
        .ok()
        .filter(|s| (100..=999).contains(s))
        .unwrap_or(200);
    (
        op,
        FuzzResponse {
            status,
            headers: literal.headers,
            body: literal.body,
        },
    )
}

/// Builds a response to operation `op`.
pub fn build(src: &mut Src, svc: &Service, op: &Op) -> FuzzResponse {
    let mut response = match src.below(10) {
        0..=4 => output(src, svc, op),
        5..=7 if !op.errors.is_empty() => {
            let error = src.pick(&op.errors);
            modeled_error(src, svc, error)
        }
        _ => anything(src, svc, op),
    };
    if src.below(3) != 0 {
        let id = if src.rare(8) {
            src.string()
        } else {
            "7a3c1f0e-5b6d-4e8f-9a0b-1c2d3e4f5a6b".to_string()
        };
        response
            .headers
            .push(("x-amzn-requestid".into(), id.into_bytes()));
    }
    if src.rare(16) {
        let name = src
            .pick(&[
                "content-type",
                "content-encoding",
                "x-amzn-errortype",
                "retry-after",
                "x-amzn-query-error",
                "x-unknown",
            ])
            .to_string();
        response.headers.push((name, src.string().into_bytes()));
    }
    response
}

fn output(src: &mut Src, svc: &Service, op: &Op) -> FuzzResponse {
    let status = if src.rare(8) {
        200 + src.below(100) as u16
    } else {
        op.code
    };
    let mut response = FuzzResponse {
        status,
        headers: Vec::new(),
        body: Vec::new(),
    };
    fill(src, svc, &op.output, &mut response);
    response
}

/// A modeled error, its code where the protocol puts it (and now and then elsewhere).
fn modeled_error(src: &mut Src, svc: &Service, error: &ErrorShape) -> FuzzResponse {
    let status = if src.rare(8) {
        400 + src.below(200) as u16
    } else {
        error.status
    };
    let mut response = FuzzResponse {
        status,
        headers: Vec::new(),
        body: Vec::new(),
    };
    fill(src, svc, &error.members, &mut response);
    let name = codegen::model::shape_name(&error.id);
    let code = match src.below(6) {
        0..=2 => name.to_string(),
        3 => error.id.clone(),
        4 => format!(
            "{}:http://internal.amazon.com/coral/com.amazon.coral.validate/",
            error.id
        ),
        _ => format!("{name}:"),
    };
    let in_header = if svc.is_rest() {
        src.below(4) != 0
    } else {
        src.below(4) == 0
    };
    if in_header {
        response
            .headers
            .push(("x-amzn-errortype".into(), code.into_bytes()));
    } else {
        let key = if src.below(4) == 0 { "code" } else { "__type" };
        add_key(&mut response.body, key, Json::Str(code));
    }
    response
}

/// Any status, any code, any body.
fn anything(src: &mut Src, svc: &Service, op: &Op) -> FuzzResponse {
    let status = match src.below(4) {
        0 => *src.pick(&[
            100, 101, 204, 301, 304, 400, 403, 404, 429, 500, 501, 503, 999,
        ]),
        _ => 100 + src.below(900) as u16,
    };
    let mut response = FuzzResponse {
        status,
        headers: Vec::new(),
        body: Vec::new(),
    };
    match src.below(4) {
        0 => fill(src, svc, &op.output, &mut response),
        1 => response.body = src.bytes(64),
        _ => response.body = src.junk_json().to_text().into_bytes(),
    }
    if src.below(2) == 0 {
        let code = src.string();
        if src.below(2) == 0 {
            response
                .headers
                .push(("x-amzn-errortype".into(), code.into_bytes()));
        } else {
            add_key(&mut response.body, "__type", Json::Str(code));
        }
    }
    response
}

/// Sets `key` in a JSON object body (an empty body becomes an object); other bodies stay.
fn add_key(body: &mut Vec<u8>, key: &str, value: Json) {
    let text = String::from_utf8_lossy(body);
    let trimmed = text.trim();
    let mut out = String::new();
    match trimmed.strip_prefix('{') {
        _ if trimmed.is_empty() => {
            out.push('{');
            out.push_str(&serde_json::to_string(key).unwrap_or_default());
            out.push(':');
            value.write(&mut out);
            out.push('}');
        }
        Some(rest) => {
            out.push('{');
            out.push_str(&serde_json::to_string(key).unwrap_or_default());
            out.push(':');
            value.write(&mut out);
            if !rest.trim_start().starts_with('}') {
                out.push(',');
            }
            out.push_str(rest);
        }
        None => return,
    }
    *body = out.into_bytes();
}

/// The members' headers, status and body, each member about three times in four.
fn fill(src: &mut Src, svc: &Service, members: &[Member], response: &mut FuzzResponse) {
    let kind = svc.body(members, svc.is_rest());
    let mut entries = Vec::new();
    for m in members {
        if src.below(4) == 3 {
            continue;
        }
        match &m.location {
            Location::Header(name) => {
                let format = TimeFormat::of(m.timestamp_format.as_deref(), TimeFormat::HttpDate);
                let items = text_items(src, svc, &m.target, Some(&m.traits), format);
                response
                    .headers
                    .push((name.clone(), items.join(", ").into_bytes()));
            }
            Location::PrefixHeaders(prefix) => {
                for _ in 0..src.below(3) {
                    let suffix = src.pick(&["a", "b", "Foo", "", "x-y"]).to_string();
                    response
                        .headers
                        .push((format!("{prefix}{suffix}"), src.string().into_bytes()));
                }
            }
            Location::ResponseCode => {
                response.status = *src.pick(&[200, 201, 202, 204, 299, 100, 300, 404, 500, 999])
            }
            Location::Body(key) => entries.push((
                key.clone(),
                json_value(src, svc, &m.target, Some(&m.traits), 1),
            )),
            Location::Payload => {
                response.body = match kind {
                    Body::Blob => src.bytes(64),
                    Body::Text => {
                        text_items(src, svc, &m.target, Some(&m.traits), TimeFormat::DateTime)
                            .join("")
                            .into_bytes()
                    }
                    _ => json_value(src, svc, &m.target, Some(&m.traits), 0)
                        .to_text()
                        .into_bytes(),
                };
            }
            Location::Label { .. } | Location::Query(_) | Location::QueryParams => {}
        }
    }
    if kind == Body::Json && (!entries.is_empty() || src.below(2) == 0) {
        response.body = Json::Obj(entries).to_text().into_bytes();
    }
    match src.below(16) {
        14 => response.body = src.bytes(64),
        15 => {
            let keep = src.below(response.body.len() + 1);
            response.body.truncate(keep);
        }
        _ => {}
    }
    let content_type = match kind {
        Body::None => None,
        Body::Json | Body::JsonPayload => Some(if svc.is_rest() {
            "application/json"
        } else {
            "application/x-amz-json-1.0"
        }),
        Body::Blob => Some("application/octet-stream"),
        Body::Text => Some("text/plain"),
    };
    if let Some(ct) = content_type.filter(|_| !response.body.is_empty() && src.below(8) != 0) {
        response
            .headers
            .push(("content-type".into(), ct.as_bytes().to_vec()));
    }
}
