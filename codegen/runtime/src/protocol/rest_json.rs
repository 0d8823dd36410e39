//! `restJson1`: each operation has its own method and URI (`@http`); members are bound to URI
//! labels, the query string, headers, the status code or the whole body (`@httpPayload`); the
//! members bound to none of them are the JSON body, under their `@jsonName`s.
//!
//! Generated code implements [`HttpInput`] for every operation input (writing its bindings into
//! a [`RequestWriter`]) and [`HttpOutput`] for every output and error (reading them from a
//! [`ResponseReader`]); the body members are the structures' own serde form.

use super::bindings::{self, FromHttpValue, HttpValue, Timestamp};
use crate::primitives::{Blob, DateTime, DateTimeFormat};
use bytes::Bytes;
use std::collections::HashMap;

/// The restJson1 protocol.
#[derive(Clone, Copy, Debug, Default)]
pub struct RestJson;

/// An operation input's HTTP bindings; generated for every input of a restJson1 service.
pub trait HttpInput {
    /// Writes the bound members (labels, query, headers, payload) and, when the input has body
    /// members, the JSON body.
    fn write_request(&self, w: &mut RequestWriter);
}

/// An operation output's or error's HTTP bindings; generated for each of a restJson1 service.
pub trait HttpOutput: Sized {
    /// Reads the value from a response: the JSON body (or the payload), then the bound headers
    /// and status.
    fn read_response(r: &ResponseReader<'_>) -> Result<Self, String>;
}

/// A URI pattern of `@http`, as parts: literal path text, labels, and literal query parameters.
#[derive(Debug)]
struct Pattern<'a> {
    segments: Vec<Segment<'a>>,
    query: Vec<(&'a str, Option<&'a str>)>,
}

#[derive(Debug)]
enum Segment<'a> {
    Literal(&'a str),
    Label { name: &'a str, greedy: bool },
}

impl<'a> Pattern<'a> {
    fn parse(uri: &'a str) -> Pattern<'a> {
        let (path, query) = uri.split_once('?').unwrap_or((uri, ""));
        let segments = path
            .split('/')
            .skip(1)
            .map(|s| match s.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
                Some(label) => match label.strip_suffix('+') {
                    Some(name) => Segment::Label { name, greedy: true },
                    None => Segment::Label { name: label, greedy: false },
                },
                None => Segment::Literal(s),
            })
            .collect();
        let query = query.split('&').filter(|q| !q.is_empty()).map(|q| match q.split_once('=') {
            Some((k, v)) => (k, Some(v)),
            None => (q, None),
        });
        Pattern { segments, query: query.collect() }
    }
}

/// Collects a request's bindings; the first problem (a missing label, a header value HTTP
/// cannot carry) is kept and reported when the request is built.
#[derive(Debug, Default)]
pub struct RequestWriter {
    labels: HashMap<&'static str, String>,
    query: Vec<(String, String)>,
    query_params: Vec<(String, String)>,
    headers: HeaderList,
    prefix_headers: HeaderList,
    body: Option<(Bytes, String)>,
    problem: Option<String>,
}

impl RequestWriter {
    fn fail(&mut self, why: String) {
        self.problem.get_or_insert(why);
    }

    /// A `{label}`: required, and never empty.
    pub fn label(&mut self, name: &'static str, value: Option<impl HttpValue>) {
        match value.map(|v| v.to_text().into_owned()) {
            Some(text) if !text.is_empty() => {
                self.labels.insert(name, text);
            }
            _ => self.fail(format!("the URI label `{name}` is not set (or is empty)")),
        }
    }

    /// A timestamp label, in `format`.
    pub fn label_time(&mut self, name: &'static str, value: Option<&DateTime>, format: DateTimeFormat) {
        self.label(name, value.map(|t| Timestamp(t, format)));
    }

    /// A query parameter, when set.
    pub fn query(&mut self, name: &str, value: Option<impl HttpValue>) {
        if let Some(value) = value {
            self.query.push((name.to_string(), value.to_text().into_owned()));
        }
    }

    /// A query parameter repeated for each item of a list.
    pub fn query_list<T: HttpValue>(&mut self, name: &str, values: impl IntoIterator<Item = T>) {
        for value in values {
            self.query.push((name.to_string(), value.to_text().into_owned()));
        }
    }

    /// `@httpQueryParams`: the map's entries, except keys an `@httpQuery` member sets.
    pub fn query_params<'v, T: HttpValue + 'v>(&mut self, map: Option<&'v HashMap<String, T>>) {
        for (key, value) in map.into_iter().flatten() {
            self.query_params.push((key.clone(), value.to_text().into_owned()));
        }
    }

    /// `@httpQueryParams` with list values: a parameter per item.
    pub fn query_params_list<'v, T: HttpValue + 'v>(&mut self, map: Option<&'v HashMap<String, Vec<T>>>) {
        for (key, values) in map.into_iter().flatten() {
            for value in values {
                self.query_params.push((key.clone(), value.to_text().into_owned()));
            }
        }
    }

    /// A header, when set.
    pub fn header(&mut self, name: &str, value: Option<impl HttpValue>) {
        if let Some(value) = value {
            self.headers.push(name, value.to_text().into_owned());
        }
    }

    /// A list header (items joined with `, `, quoted where needed), when set.
    pub fn header_list<T: HttpValue>(&mut self, name: &str, values: Option<impl IntoIterator<Item = T>>) {
        if let Some(values) = values {
            self.headers.push(name, bindings::join_header_list(values));
        }
    }

    /// `@httpPrefixHeaders`: a header per entry, its name the prefix and the key, unless an
    /// `@httpHeader` member sets that header.
    pub fn prefix_headers(&mut self, prefix: &str, map: Option<&HashMap<String, String>>) {
        for (key, value) in map.into_iter().flatten() {
            self.prefix_headers.push(&format!("{prefix}{key}"), value.clone());
        }
    }

    /// The JSON body of the members bound nowhere else.
    pub fn body_json<T: serde::Serialize + ?Sized>(&mut self, value: &T) {
        match serde_json::to_vec(value) {
            Ok(body) => self.body = Some((Bytes::from(body), "application/json".to_string())),
            Err(e) => self.fail(format!("cannot serialize the body: {e}")),
        }
    }

    /// A structure, union or document payload as JSON; `empty_when_unset` is whether an unset
    /// one is `{}` (structures) rather than no body.
    pub fn payload_json<T: serde::Serialize>(&mut self, value: Option<&T>, empty_when_unset: bool) {
        match value {
            Some(value) => self.body_json(value),
            None if empty_when_unset => self.body = Some((Bytes::from_static(b"{}"), "application/json".to_string())),
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

    /// The request: the path from the pattern and labels, the query string, the headers and
    /// the body with its content type (unless a member set one).
    fn finish(self, method: &str, uri: &str) -> Result<(http::Method, String, http::HeaderMap, Bytes), String> {
        if let Some(problem) = self.problem {
            return Err(problem);
        }
        let pattern = Pattern::parse(uri);
        let mut path = String::new();
        for segment in &pattern.segments {
            path.push('/');
            match segment {
                Segment::Literal(text) => path.push_str(text),
                Segment::Label { name, greedy } => {
                    let value = self.labels.get(name).ok_or_else(|| format!("the URI label `{name}` is not set"))?;
                    path.push_str(&bindings::encode_label(value, *greedy));
                }
            }
        }
        if path.is_empty() {
            path.push('/');
        }
        let mut query: Vec<String> = pattern.query.iter().map(|(k, v)| match v {
            Some(v) => format!("{k}={v}"),
            None => k.to_string(),
        }).collect();
        let bound: Vec<&str> = self.query.iter().map(|(k, _)| k.as_str()).collect();
        let params = self.query_params.iter().filter(|(k, _)| !bound.contains(&k.as_str()));
        for (k, v) in self.query.iter().chain(params) {
            query.push(format!("{}={}", bindings::encode_query(k), bindings::encode_query(v)));
        }
        if !query.is_empty() {
            path.push('?');
            path.push_str(&query.join("&"));
        }
        let mut headers = self.headers.into_map()?;
        for (name, value) in self.prefix_headers.into_map()? {
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
        let method = http::Method::from_bytes(method.as_bytes()).map_err(|_| format!("invalid method `{method}`"))?;
        Ok((method, path, headers, body))
    }
}

/// Headers as bindings add them, checked when the request is built.
#[derive(Debug, Default)]
struct HeaderList(Vec<(String, String)>);

impl HeaderList {
    fn push(&mut self, name: &str, value: String) {
        self.0.push((name.to_string(), value));
    }

    fn into_map(self) -> Result<http::HeaderMap, String> {
        let mut map = http::HeaderMap::with_capacity(self.0.len());
        for (name, value) in self.0 {
            let header = http::HeaderName::from_bytes(name.as_bytes()).map_err(|_| format!("`{name}` is not a valid header name"))?;
            let value = http::HeaderValue::from_str(&value).map_err(|_| format!("header `{name}`: the value cannot be sent in a header"))?;
            map.append(header, value);
        }
        Ok(map)
    }
}

/// Reads a response's bindings for a generated [`HttpOutput`].
#[derive(Debug)]
pub struct ResponseReader<'a> {
    status: u16,
    headers: &'a http::HeaderMap,
    body: &'a [u8],
}

impl<'a> ResponseReader<'a> {
    /// A reader of `response`.
    pub fn new(status: u16, headers: &'a http::HeaderMap, body: &'a [u8]) -> Self {
        ResponseReader { status, headers, body }
    }

    /// The status code (`@httpResponseCode`).
    pub fn status(&self) -> i32 {
        i32::from(self.status)
    }

    /// The body as JSON (an empty body reads as `{}`).
    pub fn json_body<T: serde::de::DeserializeOwned>(&self) -> Result<T, String> {
        super::aws_json::read_json(self.body).map_err(|e| format!("the body is not the expected JSON: {e}"))
    }

    /// A JSON payload; an empty body is `None`.
    pub fn payload_json<T: serde::de::DeserializeOwned>(&self) -> Result<Option<T>, String> {
        if self.body.iter().all(u8::is_ascii_whitespace) {
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

#[cfg(feature = "client")]
mod client {
    use super::{HttpInput, HttpOutput, RequestWriter, ResponseReader, RestJson};
    use crate::client::{ClientError, ClientErrorKind, ClientProtocol, HttpResponse, OperationError, RequestParts};
    use crate::error::Unhandled;
    use crate::operation::Operation;

    impl<O> ClientProtocol<O> for RestJson
    where
        O: Operation,
        O::Input: HttpInput,
        O::Output: HttpOutput,
        O::Error: OperationError,
    {
        fn write_request(&self, input: &O::Input) -> Result<RequestParts, ClientError> {
            let Some(http) = O::HTTP else {
                return Err(ClientError::new(ClientErrorKind::Construction, format!("`{}` has no @http trait", O::NAME), None));
            };
            let mut writer = RequestWriter::default();
            input.write_request(&mut writer);
            let (method, path_and_query, headers, body) =
                writer.finish(http.method, http.uri).map_err(|why| ClientError::new(ClientErrorKind::Construction, why, None))?;
            Ok(RequestParts { method, path_and_query, headers, body })
        }

        fn read_output(&self, response: &HttpResponse) -> Result<O::Output, ClientError> {
            let reader = ResponseReader::new(response.status().as_u16(), response.headers(), response.body());
            O::Output::read_response(&reader).map_err(|why| {
                ClientError::new(ClientErrorKind::Response, format!("cannot read the `{}` response: {why}", O::NAME), None)
            })
        }

        fn read_error(&self, response: &HttpResponse) -> O::Error {
            match super::super::error_code(response.headers(), response.body()) {
                Some(code) => O::Error::from_response(&code, response),
                None => O::Error::from_unhandled(Unhandled::from_response(None, Some(response.status().as_u16()), response.body())),
            }
        }
    }

    /// Reads a modeled error of a restJson1 response (body and bound headers); a response that
    /// does not read becomes an `Unhandled` that keeps it.
    pub fn read_error<T: HttpOutput + crate::error::FillMessage>(code: &str, response: &HttpResponse) -> Result<T, Unhandled> {
        let status = response.status().as_u16();
        let reader = ResponseReader::new(status, response.headers(), response.body());
        let mut err = T::read_response(&reader).map_err(|why| {
            Unhandled::from_response(Some(code), Some(status), response.body()).with_source(ClientError::new(ClientErrorKind::Response, why, None))
        })?;
        err.fill_message(crate::error::body_message(response.body()));
        Ok(err)
    }
}

#[cfg(feature = "client")]
pub use client::read_error;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_are_framed_from_the_pattern_and_bindings() {
        let mut w = RequestWriter::default();
        w.label("Bucket", Some("my bucket"));
        w.label("Key", Some("a/b c"));
        w.query("Qs", Some("x&y"));
        w.query_list("Ql", ["1", "2"]);
        let params = HashMap::from([("Qs".to_string(), "ignored".to_string()), ("Other".to_string(), "o".to_string())]);
        w.query_params(Some(&params));
        w.header("X-Foo", Some("Foo"));
        w.header_list("X-List", Some(["a", "b,c"]));
        let (method, path, headers, body) = w.finish("PUT", "/{Bucket}/{Key+}?literal=1&flag").unwrap();
        assert_eq!(method, http::Method::PUT);
        assert_eq!(path, "/my%20bucket/a/b%20c?literal=1&flag&Qs=x%26y&Ql=1&Ql=2&Other=o");
        assert_eq!(headers["x-foo"], "Foo");
        assert_eq!(headers["x-list"], r#"a, "b,c""#);
        assert!(body.is_empty() && !headers.contains_key("content-type"));
    }

    #[test]
    fn a_missing_label_fails_the_request() {
        let mut w = RequestWriter::default();
        w.label("Id", None::<&str>);
        assert!(w.finish("GET", "/things/{Id}").unwrap_err().contains("`Id`"));
        let mut w = RequestWriter::default();
        w.label("Id", Some(""));
        assert!(w.finish("GET", "/things/{Id}").is_err());
    }

    #[test]
    fn responses_read_headers_lists_and_prefixes() {
        let mut headers = http::HeaderMap::new();
        headers.insert("x-int", http::HeaderValue::from_static("7"));
        headers.insert("x-list", http::HeaderValue::from_static(r#"a, "b,c""#));
        headers.insert("x-foo-abc", http::HeaderValue::from_static("Abc"));
        let r = ResponseReader::new(201, &headers, b"");
        assert_eq!(r.header::<i32>("X-Int"), Ok(Some(7)));
        assert_eq!(r.header::<i32>("X-Missing"), Ok(None));
        assert_eq!(r.header_list::<String>("X-List"), Ok(Some(vec!["a".to_string(), "b,c".to_string()])));
        assert_eq!(r.prefix_headers("X-Foo-").unwrap().unwrap()["abc"], "Abc");
        assert_eq!(r.status(), 201);
        assert!(r.header::<bool>("X-Int").is_err());
    }
}
