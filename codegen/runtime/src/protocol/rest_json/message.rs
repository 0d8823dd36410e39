//! What requests and responses share: headers, prefix headers and the body, written and read.
//! The request and response writers and readers dereference to these.

use crate::protocol::bindings::{self, FromHttpValue, HttpValue};
use crate::primitives::{Blob, DateTime, DateTimeFormat};
use bytes::Bytes;
use std::collections::HashMap;

/// Collects a message's headers and body; the first problem (a header value HTTP cannot
/// carry, a body that does not serialize) is kept and reported when the message is built.
#[derive(Debug, Default)]
pub struct MessageWriter {
    /// A response's unset structure payload is no body; a request's is `{}`.
    pub(crate) response: bool,
    headers: Vec<(String, String)>,
    prefix_headers: Vec<(String, String)>,
    body: Option<(Bytes, String)>,
    problem: Option<String>,
}

impl MessageWriter {
    pub(crate) fn fail(&mut self, why: String) {
        self.problem.get_or_insert(why);
    }

    /// A header, when set.
    pub fn header(&mut self, name: &str, value: Option<impl HttpValue>) {
        if let Some(value) = value {
            self.headers.push((name.to_string(), value.to_text().into_owned()));
        }
    }

    /// A list header (items joined with `, `, quoted where needed), when set.
    pub fn header_list<T: HttpValue>(&mut self, name: &str, values: Option<impl IntoIterator<Item = T>>) {
        if let Some(values) = values {
            self.headers.push((name.to_string(), bindings::join_header_list(values)));
        }
    }

    /// `@httpPrefixHeaders`: a header per entry, its name the prefix and the key, unless an
    /// `@httpHeader` member sets that header.
    pub fn prefix_headers(&mut self, prefix: &str, map: Option<&HashMap<String, String>>) {
        for (key, value) in map.into_iter().flatten() {
            self.prefix_headers.push((format!("{prefix}{key}"), value.clone()));
        }
    }

    /// The JSON body of the members bound nowhere else.
    pub fn body_json<T: serde::Serialize + ?Sized>(&mut self, value: &T) {
        // Most bodies are small: one allocation instead of a few doublings.
        let mut body = Vec::with_capacity(512);
        match serde_json::to_writer(&mut body, value) {
            Ok(()) => self.body = Some((Bytes::from(body), "application/json".to_string())),
            Err(e) => self.fail(format!("cannot serialize the body: {e}")),
        }
    }

    /// A structure, union or document payload as JSON; `empty_when_unset` is whether an unset
    /// one is `{}` (a structure in a request) rather than no body.
    pub fn payload_json<T: serde::Serialize>(&mut self, value: Option<&T>, empty_when_unset: bool) {
        match value {
            Some(value) => self.body_json(value),
            None if empty_when_unset && !self.response => self.body = Some((Bytes::from_static(b"{}"), "application/json".to_string())),
            None => {}
        }
    }

    /// A blob payload, its content type the `@mediaType` or `application/octet-stream`.
    pub fn payload_blob(&mut self, value: Option<&Blob>, media_type: Option<&str>) {
        if let Some(blob) = value {
            let content_type = media_type.unwrap_or("application/octet-stream").to_string();
            self.body = Some((Bytes::copy_from_slice(blob.as_ref()), content_type));
        }
    }

    /// A string (or enum) payload, its content type the `@mediaType` or `text/plain`.
    pub fn payload_text(&mut self, value: Option<&str>, media_type: Option<&str>) {
        if let Some(text) = value {
            let content_type = media_type.unwrap_or("text/plain").to_string();
            self.body = Some((Bytes::copy_from_slice(text.as_bytes()), content_type));
        }
    }

    /// Whether a body was written.
    #[cfg(feature = "server")]
    pub(crate) fn has_body(&self) -> bool {
        self.body.is_some()
    }

    /// The headers (with `Content-Type` for a body, unless a member set one) and the body.
    pub(crate) fn finish(self) -> Result<(http::HeaderMap, Bytes), String> {
        if let Some(problem) = self.problem {
            return Err(problem);
        }
        let mut headers = header_map(self.headers)?;
        for (name, value) in header_map(self.prefix_headers)? {
            if let Some(name) = name.filter(|n| !headers.contains_key(n)) {
                headers.insert(name, value);
            }
        }
        let body = match self.body {
            Some((body, content_type)) => {
                if !headers.contains_key(http::header::CONTENT_TYPE) {
                    let value = http::HeaderValue::from_str(&content_type).map_err(|_| format!("invalid content type `{content_type}`"))?;
                    headers.insert(http::header::CONTENT_TYPE, value);
                }
                body
            }
            None => Bytes::new(),
        };
        Ok((headers, body))
    }
}

fn header_map(headers: Vec<(String, String)>) -> Result<http::HeaderMap, String> {
    let mut map = http::HeaderMap::with_capacity(headers.len());
    for (name, value) in headers {
        let header = http::HeaderName::from_bytes(name.as_bytes()).map_err(|_| format!("`{name}` is not a valid header name"))?;
        let value = http::HeaderValue::from_str(&value).map_err(|_| format!("header `{name}`: the value cannot be sent in a header"))?;
        map.append(header, value);
    }
    Ok(map)
}

/// The start of a strict read's error for a required member left out; its path follows.
pub(crate) const MISSING_AT: &str = "\u{0}required member missing at ";

/// Reads a message's headers and body.
#[derive(Debug)]
pub struct MessageReader<'a> {
    headers: &'a http::HeaderMap,
    body: &'a [u8],
}

impl<'a> MessageReader<'a> {
    pub(crate) fn new(headers: &'a http::HeaderMap, body: &'a [u8]) -> Self {
        MessageReader { headers, body }
    }

    /// The body as JSON (an empty body reads as `{}`). Read strictly (by a server), a required
    /// member left out is told apart: see `MISSING_AT`.
    pub fn json_body<T: serde::de::DeserializeOwned>(&self) -> Result<T, String> {
        if crate::wire::is_strict() {
            return crate::protocol::read_request_json(self.body).map_err(|e| match e {
                crate::protocol::BodyError::MissingRequired(path) => format!("{MISSING_AT}{path}"),
                crate::protocol::BodyError::Invalid(why) => format!("the body is not the expected JSON: {why}"),
            });
        }
        super::super::aws_json::read_json(self.body).map_err(|e| format!("the body is not the expected JSON: {e}"))
    }

    /// A JSON payload; an empty body is `None`.
    pub fn payload_json<T: serde::de::DeserializeOwned>(&self) -> Result<Option<T>, String> {
        if self.body.iter().all(u8::is_ascii_whitespace) {
            return Ok(None);
        }
        self.json_body().map(Some)
    }

    /// A structure payload; an empty body, or an empty object, is `None` (a client sends `{}`
    /// for an unset one).
    pub fn payload_struct<T: serde::de::DeserializeOwned>(&self) -> Result<Option<T>, String> {
        let text: String = String::from_utf8_lossy(self.body).chars().filter(|c| !c.is_whitespace()).collect();
        if text.is_empty() || text == "{}" {
            return Ok(None);
        }
        self.json_body().map(Some)
    }

    /// A blob payload; an empty body is `None`.
    pub fn payload_blob(&self) -> Option<Blob> {
        (!self.body.is_empty()).then(|| Blob::from(self.body))
    }

    /// A string payload; an empty body is `None`.
    pub fn payload_text(&self) -> Result<Option<String>, String> {
        if self.body.is_empty() {
            return Ok(None);
        }
        std::str::from_utf8(self.body).map(|s| Some(s.to_string())).map_err(|_| "the body is not UTF-8 text".to_string())
    }

    /// A header's value (its lines joined with `, `), if present.
    fn raw(&self, name: &str) -> Option<String> {
        let mut values = self.headers.get_all(name).iter().peekable();
        values.peek()?;
        let texts: Vec<String> = values.map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned()).collect();
        Some(texts.join(", "))
    }

    /// A header.
    pub fn header<T: FromHttpValue>(&self, name: &str) -> Result<Option<T>, String> {
        self.raw(name).map(|v| T::from_text(v.trim()).map_err(|e| format!("header `{name}`: {e}"))).transpose()
    }

    /// A timestamp header in `format`.
    pub fn header_time(&self, name: &str, format: DateTimeFormat) -> Result<Option<DateTime>, String> {
        self.raw(name).map(|v| bindings::parse_timestamp(&v, format).map_err(|e| format!("header `{name}`: {e}"))).transpose()
    }

    /// A `@mediaType` string header (base64).
    pub fn header_base64(&self, name: &str) -> Result<Option<String>, String> {
        self.raw(name).map(|v| bindings::parse_base64_text(&v).map_err(|e| format!("header `{name}`: {e}"))).transpose()
    }

    /// A list header.
    pub fn header_list<T: FromHttpValue>(&self, name: &str) -> Result<Option<Vec<T>>, String> {
        let Some(value) = self.raw(name) else { return Ok(None) };
        bindings::split_header_list(&value).iter().map(|item| T::from_text(item).map_err(|e| format!("header `{name}`: {e}"))).collect::<Result<_, _>>().map(Some)
    }

    /// A list header of timestamps in `format`.
    pub fn header_time_list(&self, name: &str, format: DateTimeFormat) -> Result<Option<Vec<DateTime>>, String> {
        let Some(value) = self.raw(name) else { return Ok(None) };
        let items = if format == DateTimeFormat::HttpDate { bindings::split_http_dates(&value) } else { bindings::split_header_list(&value) };
        items.iter().map(|item| bindings::parse_timestamp(item, format).map_err(|e| format!("header `{name}`: {e}"))).collect::<Result<_, _>>().map(Some)
    }

    /// `@httpPrefixHeaders`: the headers with the prefix, keyed by the rest of their names.
    pub fn prefix_headers(&self, prefix: &str) -> Result<Option<HashMap<String, String>>, String> {
        let prefix = prefix.to_ascii_lowercase();
        let mut map = HashMap::new();
        for name in self.headers.keys() {
            if let Some(key) = name.as_str().strip_prefix(&prefix) {
                map.insert(key.to_string(), self.raw(name.as_str()).unwrap_or_default());
            }
        }
        Ok(Some(map).filter(|m| !m.is_empty()))
    }
}
