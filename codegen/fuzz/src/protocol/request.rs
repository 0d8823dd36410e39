//! HTTP requests for a generated server, built from the fuzzer's bytes around the model: an
//! operation's method and `@http` URI with its labels filled in, its query parameters, headers
//! and prefix headers, the protocol's `Content-Type` (and `X-Amz-Target` for awsJson), and a
//! body of its input's members, each value from [`values`](super::values). Every part is
//! sometimes bent: another method, a mangled segment, a label left empty or encoded twice, an
//! unknown parameter, a wrong content type or target, gzip, a `Content-Length` that lies, or a
//! body of junk.

use super::model::{Body, Location, Op, Protocol, Service};
use super::values::{json_value, text_items, Src, TimeFormat};
use bytes::Bytes;
use std::fmt::Write;

/// A request, as plain parts (printable, and made into an `http::Request` on demand).
#[derive(Debug, Clone)]
pub struct FuzzRequest {
    /// The operation the request was built for (routing may pick another).
    pub op: usize,
    pub method: String,
    pub uri: String,
    pub headers: Vec<(String, Vec<u8>)>,
    pub body: Vec<u8>,
}

impl FuzzRequest {
    /// The request for the server; header lines HTTP cannot carry are left out.
    pub fn to_http(&self) -> http::Request<http_body_util::Full<Bytes>> {
        let method = http::Method::from_bytes(self.method.as_bytes()).unwrap_or(http::Method::POST);
        // `build_uri` only makes valid URIs; "/" is the fallback should one slip through.
        let uri =
            http::Uri::try_from(self.uri.as_str()).unwrap_or_else(|_| http::Uri::from_static("/"));
        let mut request =
            http::Request::new(http_body_util::Full::new(Bytes::from(self.body.clone())));
        *request.method_mut() = method;
        *request.uri_mut() = uri;
        for (name, value) in &self.headers {
            if let (Ok(name), Ok(value)) = (
                http::HeaderName::from_bytes(name.as_bytes()),
                http::HeaderValue::from_bytes(value),
            ) {
                request.headers_mut().append(name, value);
            }
        }
        request
    }
}

const METHODS: &[&str] = &[
    "GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE", "CONNECT", "BREW",
];

/// Builds a request for one of the service's operations.
pub fn build(src: &mut Src, svc: &Service) -> FuzzRequest {
    let op_index = src.below(svc.ops.len());
    let op = &svc.ops[op_index];
    let method = if src.rare(12) {
        src.pick(METHODS).to_string()
    } else {
        op.method.clone()
    };
    let uri = match svc.protocol {
        Protocol::RestJson => rest_uri(src, svc, op),
        Protocol::AwsJson { .. } => {
            if src.rare(16) {
                src.pick(&["/x", "//", "/?a=b", "/%2F", "/ContentTypeParameters"])
                    .to_string()
            } else {
                "/".to_string()
            }
        }
    };
    let mut headers = Vec::new();
    let body_kind = svc.body(&op.input, svc.is_rest());
    let mut body = body(src, svc, op, body_kind);
    protocol_headers(src, svc, op, body_kind, &mut headers);
    if svc.is_rest() {
        bound_headers(src, svc, op, &mut headers);
    }
    extra_headers(src, &mut headers, &mut body);
    FuzzRequest {
        op: op_index,
        method,
        uri: valid_uri(uri),
        headers,
        body,
    }
}

/// A request in the literal form (see [`Literal`](super::Literal)); its operation is the one
/// its `X-Amz-Target` or its method and path name, else the first.
pub fn from_literal(svc: &Service, literal: super::Literal) -> FuzzRequest {
    let (method, uri) = literal.start.split_once(' ').unwrap_or(("POST", "/"));
    let target = literal
        .headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("x-amz-target"))
        .map(|(_, v)| String::from_utf8_lossy(v).into_owned());
    let path = uri.split('?').next().unwrap_or("");
    let op = svc
        .ops
        .iter()
        .position(|op| match &target {
            Some(target) => target.rsplit('.').next() == Some(op.name.as_str()),
            None => {
                op.method == method
                    && op
                        .uri
                        .split(['?', '{'])
                        .next()
                        .is_some_and(|prefix| prefix.len() > 1 && path.starts_with(prefix))
            }
        })
        .unwrap_or(0);
    FuzzRequest {
        op,
        method: method.to_string(),
        uri: valid_uri(uri.trim().to_string()),
        headers: literal.headers,
        body: literal.body,
    }
}

/// Percent-encodes every byte but the unreserved ones (and `/` when `keep_slash`).
pub fn encode(text: &str, keep_slash: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) || (keep_slash && b == b'/') {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// The URI as is when it parses, else with every unsafe byte encoded.
fn valid_uri(uri: String) -> String {
    if http::Uri::try_from(uri.as_str()).is_ok() {
        return uri;
    }
    let (path, query) = uri.split_once('?').unwrap_or((&uri, ""));
    let clean = |s: &str| {
        s.bytes()
            .map(|b| {
                if b.is_ascii_graphic() && b != b'%' && b != b'#' {
                    (b as char).to_string()
                } else {
                    format!("%{b:02X}")
                }
            })
            .collect::<String>()
    };
    let mut fixed = clean(path);
    if !fixed.starts_with('/') {
        fixed.insert(0, '/');
    }
    if !query.is_empty() {
        fixed.push('?');
        fixed.push_str(&clean(query));
    }
    if http::Uri::try_from(fixed.as_str()).is_ok() {
        fixed
    } else {
        "/".to_string()
    }
}

/// A label's value, encoded as a client would, or not: raw, twice, or left empty.
fn label_text(src: &mut Src, svc: &Service, op: &Op, name: &str, greedy: bool) -> String {
    let member = op
        .input
        .iter()
        .find(|m| m.name == name && matches!(m.location, Location::Label { .. }));
    let value = match member {
        Some(m) => {
            let format = TimeFormat::of(m.timestamp_format.as_deref(), TimeFormat::DateTime);
            let mut parts: Vec<String> = Vec::new();
            let n = if greedy { 1 + src.below(3) } else { 1 };
            for _ in 0..n {
                parts.push(
                    text_items(src, svc, &m.target, Some(&m.traits), format)
                        .into_iter()
                        .next()
                        .unwrap_or_default(),
                );
            }
            parts.join("/")
        }
        None => src.string(),
    };
    match src.below(10) {
        0..=6 => encode(&value, greedy),
        7 => value,
        8 => encode(&encode(&value, greedy), greedy),
        _ => String::new(),
    }
}

/// A restJson1 URI from the operation's `@http` pattern: the literal segments (now and then
/// changed), the labels, the pattern's literal query and the input's query members.
fn rest_uri(src: &mut Src, svc: &Service, op: &Op) -> String {
    let (pattern_path, pattern_query) = op.uri.split_once('?').unwrap_or((&op.uri, ""));
    let mut path = String::new();
    for segment in pattern_path.split('/').skip(1) {
        if src.rare(40) {
            continue;
        }
        path.push('/');
        if let Some(label) = segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
            let (name, greedy) = match label.strip_suffix('+') {
                Some(name) => (name, true),
                None => (label, false),
            };
            path.push_str(&label_text(src, svc, op, name, greedy));
        } else if src.rare(30) {
            path.push_str(&match src.below(3) {
                0 => segment.to_ascii_lowercase(),
                1 => encode(segment, false).replace('a', "%61"),
                _ => encode(&src.string(), false),
            });
        } else {
            path.push_str(segment);
        }
    }
    if path.is_empty() || src.rare(30) {
        path.push('/');
    }
    let mut query: Vec<String> = Vec::new();
    for literal in pattern_query.split('&').filter(|p| !p.is_empty()) {
        if !src.rare(12) {
            query.push(literal.to_string());
        }
    }
    for m in &op.input {
        match &m.location {
            Location::Query(name) if src.below(2) == 0 => {
                let format = TimeFormat::of(m.timestamp_format.as_deref(), TimeFormat::DateTime);
                for item in text_items(src, svc, &m.target, Some(&m.traits), format) {
                    query.push(format!("{}={}", encode(name, false), encode(&item, false)));
                }
            }
            Location::QueryParams if src.below(2) == 0 => {
                for _ in 0..src.below(3) {
                    let (key, value) = (src.string(), src.string());
                    query.push(format!("{}={}", encode(&key, false), encode(&value, false)));
                }
            }
            _ => {}
        }
    }
    if src.rare(10) {
        query.push(
            src.pick(&["", "=", "a", "a=b=c", "%zz=1", "x=%", "&&", "foo=bar"])
                .to_string(),
        );
    }
    if !query.is_empty() {
        path.push('?');
        path.push_str(&query.join("&"));
    }
    path
}

/// `Content-Type` (the body kind's, mostly), and awsJson's `X-Amz-Target`.
fn protocol_headers(
    src: &mut Src,
    svc: &Service,
    op: &Op,
    body: Body,
    headers: &mut Vec<(String, Vec<u8>)>,
) {
    let media = op
        .input
        .iter()
        .find(|m| m.location == Location::Payload)
        .and_then(|m| {
            m.traits
                .get("smithy.api#mediaType")
                .or_else(|| {
                    svc.shape(&m.target)
                        .and_then(|s| s.traits.get("smithy.api#mediaType"))
                })
                .and_then(|v| v.as_str())
        });
    let content_type = match &svc.protocol {
        Protocol::AwsJson { content_type, .. } => Some(*content_type),
        Protocol::RestJson => match body {
            Body::None => None,
            Body::Json | Body::JsonPayload => Some("application/json"),
            Body::Blob => Some(media.unwrap_or("application/octet-stream")),
            Body::Text => Some(media.unwrap_or("text/plain")),
        },
    };
    let content_type = if src.rare(10) {
        Some(*src.pick(&[
            "application/json",
            "application/json; charset=utf-8",
            "text/plain",
            "application/octet-stream",
            "application/x-amz-json-1.0",
            "application/x-amz-json-1.1",
            "APPLICATION/JSON",
            "application/jsonx",
            "",
            ";",
            "*/*",
        ]))
    } else if src.rare(20) {
        None
    } else {
        content_type
    };
    if let Some(ct) = content_type {
        headers.push(("content-type".into(), ct.as_bytes().to_vec()));
    }
    if let Protocol::AwsJson { target_prefix, .. } = &svc.protocol {
        let target = match src.below(16) {
            14 => format!("{target_prefix}.{}", src.pick(&svc.ops).name),
            15 => src
                .pick(&[
                    "",
                    ".",
                    "JsonRpc10",
                    "AmazonMWAAServerless.",
                    "x.y",
                    "jsonrpc10.GreetingWithErrors",
                ])
                .to_string(),
            _ => format!("{target_prefix}.{}", op.name),
        };
        if !src.rare(30) {
            headers.push(("x-amz-target".into(), target.into_bytes()));
        }
    }
}

/// The input's `@httpHeader` and `@httpPrefixHeaders` members, about half of them.
fn bound_headers(src: &mut Src, svc: &Service, op: &Op, headers: &mut Vec<(String, Vec<u8>)>) {
    for m in &op.input {
        match &m.location {
            Location::Header(name) if src.below(2) == 0 => {
                let format = TimeFormat::of(m.timestamp_format.as_deref(), TimeFormat::HttpDate);
                let items = text_items(src, svc, &m.target, Some(&m.traits), format);
                let quote = format != TimeFormat::HttpDate && src.below(4) != 0;
                let joined: Vec<String> = items
                    .iter()
                    .map(|item| {
                        if quote && (item.contains(',') || item.contains('"')) {
                            format!("\"{}\"", item.replace('\\', "\\\\").replace('"', "\\\""))
                        } else {
                            item.clone()
                        }
                    })
                    .collect();
                // A list now and then as repeated header lines rather than one joined line.
                if joined.len() > 1 && src.rare(4) {
                    for item in joined {
                        headers.push((name.clone(), item.into_bytes()));
                    }
                } else {
                    headers.push((name.clone(), joined.join(", ").into_bytes()));
                }
            }
            Location::PrefixHeaders(prefix) if src.below(2) == 0 => {
                for _ in 0..src.below(3) {
                    let suffix = src.pick(&["a", "b", "Foo", "", "-", "x-y"]).to_string();
                    headers.push((format!("{prefix}{suffix}"), src.string().into_bytes()));
                }
            }
            _ => {}
        }
    }
}

/// `Accept`, `Content-Encoding` (gzip compresses the body), a `Content-Length` and an unknown
/// header, now and then.
fn extra_headers(src: &mut Src, headers: &mut Vec<(String, Vec<u8>)>, body: &mut Vec<u8>) {
    if src.rare(8) {
        let accept = src.pick(&[
            "application/json",
            "*/*",
            "text/plain",
            "application/cbor",
            "application/*",
            "",
            "application/json;q=0",
            "text/*, application/json",
        ]);
        headers.push(("accept".into(), accept.as_bytes().to_vec()));
    }
    if src.rare(10) {
        let encoding = *src.pick(&[
            "gzip",
            "gzip",
            "identity",
            "br",
            "gzip, gzip",
            "GZIP",
            "",
            "gzip, identity",
        ]);
        if encoding.to_ascii_lowercase().contains("gzip") && src.below(4) != 0 {
            use std::io::Write as _;
            let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
            if gz.write_all(body).is_ok() {
                if let Ok(compressed) = gz.finish() {
                    *body = compressed;
                }
            }
        }
        headers.push(("content-encoding".into(), encoding.as_bytes().to_vec()));
    }
    if src.rare(16) {
        let length = match src.below(3) {
            0 => body.len().to_string(),
            1 => src.any::<u64>().to_string(),
            _ => "abc".to_string(),
        };
        headers.push(("content-length".into(), length.into_bytes()));
    }
    if src.rare(16) {
        let name = src
            .pick(&[
                "x-amz-target",
                "x-amzn-errortype",
                "host",
                "transfer-encoding",
                "expect",
                "x-unknown",
                "content-type",
            ])
            .to_string();
        let value = src.string().into_bytes();
        headers.push((name, value));
    }
}

/// The body: the input's body members as JSON, or its payload, and now and then junk.
fn body(src: &mut Src, svc: &Service, op: &Op, kind: Body) -> Vec<u8> {
    match src.below(24) {
        20 => return src.bytes(64),
        21 => return src.junk_json().to_text().into_bytes(),
        22 => return Vec::new(),
        23 => {
            // Cut short.
            let mut text = members_json(src, svc, op).into_bytes();
            let keep = src.below(text.len() + 1);
            text.truncate(keep);
            return text;
        }
        _ => {}
    }
    let payload = op.input.iter().find(|m| m.location == Location::Payload);
    match (kind, payload) {
        (Body::None, _) => Vec::new(),
        (Body::Json, _) => members_json(src, svc, op).into_bytes(),
        (Body::JsonPayload, Some(m)) => json_value(src, svc, &m.target, Some(&m.traits), 0)
            .to_text()
            .into_bytes(),
        (Body::Blob, _) => src.bytes(64),
        (Body::Text, Some(m)) => {
            super::values::text_items(src, svc, &m.target, Some(&m.traits), TimeFormat::DateTime)
                .join("")
                .into_bytes()
        }
        _ => Vec::new(),
    }
}

/// A JSON object of the input's body members, about three in four of them.
fn members_json(src: &mut Src, svc: &Service, op: &Op) -> String {
    let mut entries = Vec::new();
    for m in &op.input {
        if let Location::Body(key) = &m.location {
            if src.below(4) != 3 {
                entries.push((
                    key.clone(),
                    json_value(src, svc, &m.target, Some(&m.traits), 1),
                ));
            }
        }
    }
    crate::model::Json::Obj(entries).to_text()
}
