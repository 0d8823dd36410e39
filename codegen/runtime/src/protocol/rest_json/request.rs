//! Requests: the client writes an input's labels, query parameters, headers and body into one;
//! the server reads them back.

use super::message::{MessageReader, MessageWriter};
use crate::primitives::{DateTime, DateTimeFormat};
use crate::protocol::bindings::{self, FromHttpValue, HttpValue, Timestamp};
#[cfg(feature = "client")]
use crate::protocol::uri::{Pattern, Segment};
#[cfg(feature = "client")]
use bytes::Bytes;
use std::collections::HashMap;
use std::ops::{Deref, DerefMut};

/// Collects a request's bindings (headers and body through [`MessageWriter`]).
#[derive(Debug, Default)]
pub struct RequestWriter {
    message: MessageWriter,
    labels: HashMap<&'static str, String>,
    query: Vec<(String, String)>,
    query_params: Vec<(String, String)>,
}

impl Deref for RequestWriter {
    type Target = MessageWriter;
    fn deref(&self) -> &MessageWriter {
        &self.message
    }
}

impl DerefMut for RequestWriter {
    fn deref_mut(&mut self) -> &mut MessageWriter {
        &mut self.message
    }
}

impl RequestWriter {
    /// A `{label}`: required, and never empty.
    pub fn label(&mut self, name: &'static str, value: Option<impl HttpValue>) {
        match value.map(|v| v.to_text().into_owned()) {
            Some(text) if !text.is_empty() => {
                self.labels.insert(name, text);
            }
            _ => self.message.fail(format!("the URI label `{name}` is not set (or is empty)")),
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

    /// The request: the path from the pattern and labels, the query string, the headers and
    /// the body with its content type (unless a member set one).
    #[cfg(feature = "client")]
    pub(crate) fn finish(self, method: &str, uri: &str) -> Result<(http::Method, String, http::HeaderMap, Bytes), String> {
        let pattern = Pattern::parse(uri);
        let (headers, body) = self.message.finish()?;
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
        let mut query: Vec<String> = pattern
            .query
            .iter()
            .map(|(k, v)| match v {
                Some(v) => format!("{k}={v}"),
                None => k.to_string(),
            })
            .collect();
        let bound: Vec<&str> = self.query.iter().map(|(k, _)| k.as_str()).collect();
        let params = self.query_params.iter().filter(|(k, _)| !bound.contains(&k.as_str()));
        for (k, v) in self.query.iter().chain(params) {
            query.push(format!("{}={}", bindings::encode_query(k), bindings::encode_query(v)));
        }
        if !query.is_empty() {
            path.push('?');
            path.push_str(&query.join("&"));
        }
        let method = http::Method::from_bytes(method.as_bytes()).map_err(|_| format!("invalid method `{method}`"))?;
        Ok((method, path, headers, body))
    }
}

/// Reads a request's bindings for a generated [`HttpInput`](super::HttpInput) (headers and
/// body through [`MessageReader`]).
#[derive(Debug)]
pub struct RequestReader<'a> {
    message: MessageReader<'a>,
    labels: &'a [(&'static str, String)],
    query: Vec<(String, String)>,
}

impl<'a> Deref for RequestReader<'a> {
    type Target = MessageReader<'a>;
    fn deref(&self) -> &MessageReader<'a> {
        &self.message
    }
}

impl<'a> RequestReader<'a> {
    /// A reader of a request's labels (as routing matched them, decoded), query string,
    /// headers and body.
    pub fn new(labels: &'a [(&'static str, String)], query: &str, headers: &'a http::HeaderMap, body: &'a [u8]) -> Self {
        let query = query
            .split('&')
            .filter(|p| !p.is_empty())
            .map(|p| {
                let (k, v) = p.split_once('=').unwrap_or((p, ""));
                (bindings::percent_decode(k).unwrap_or_else(|_| k.to_string()), bindings::percent_decode(v).unwrap_or_else(|_| v.to_string()))
            })
            .collect();
        RequestReader { message: MessageReader::new(headers, body), labels, query }
    }

    fn label_text(&self, name: &str) -> Option<&str> {
        self.labels.iter().find(|(n, _)| *n == name).map(|(_, v)| v.as_str())
    }

    /// A label.
    pub fn label<T: FromHttpValue>(&self, name: &str) -> Result<Option<T>, String> {
        self.label_text(name).map(|v| T::from_text(v).map_err(|e| format!("label `{name}`: {e}"))).transpose()
    }

    /// A timestamp label in `format`.
    pub fn label_time(&self, name: &str, format: DateTimeFormat) -> Result<Option<DateTime>, String> {
        self.label_text(name).map(|v| bindings::parse_timestamp(v, format).map_err(|e| format!("label `{name}`: {e}"))).transpose()
    }

    fn values<'s>(&'s self, name: &'s str) -> impl Iterator<Item = &'s str> + 's {
        self.query.iter().filter(move |(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    /// A query parameter (the first, if it is repeated).
    pub fn query<T: FromHttpValue>(&self, name: &str) -> Result<Option<T>, String> {
        self.values(name).next().map(|v| T::from_text(v).map_err(|e| format!("query `{name}`: {e}"))).transpose()
    }

    /// A timestamp query parameter in `format`.
    pub fn query_time(&self, name: &str, format: DateTimeFormat) -> Result<Option<DateTime>, String> {
        self.values(name).next().map(|v| bindings::parse_timestamp(v, format).map_err(|e| format!("query `{name}`: {e}"))).transpose()
    }

    /// A list query parameter: every value of the key.
    pub fn query_list<T: FromHttpValue>(&self, name: &str) -> Result<Option<Vec<T>>, String> {
        let values: Vec<&str> = self.values(name).collect();
        if values.is_empty() {
            return Ok(None);
        }
        values.into_iter().map(|v| T::from_text(v).map_err(|e| format!("query `{name}`: {e}"))).collect::<Result<_, _>>().map(Some)
    }

    /// A list of timestamps in the query, in `format`.
    pub fn query_time_list(&self, name: &str, format: DateTimeFormat) -> Result<Option<Vec<DateTime>>, String> {
        let values: Vec<&str> = self.values(name).collect();
        if values.is_empty() {
            return Ok(None);
        }
        values.into_iter().map(|v| bindings::parse_timestamp(v, format).map_err(|e| format!("query `{name}`: {e}"))).collect::<Result<_, _>>().map(Some)
    }

    /// `@httpQueryParams`: every parameter, its first value (keys an `@httpQuery` member binds
    /// included, as Smithy specifies).
    pub fn query_params<T: FromHttpValue>(&self) -> Result<Option<HashMap<String, T>>, String> {
        let mut map = HashMap::new();
        for (k, v) in &self.query {
            if !map.contains_key(k) {
                map.insert(k.clone(), T::from_text(v).map_err(|e| format!("query `{k}`: {e}"))?);
            }
        }
        Ok(Some(map).filter(|m| !m.is_empty()))
    }

    /// `@httpQueryParams` with list values: every parameter with all its values.
    pub fn query_params_list<T: FromHttpValue>(&self) -> Result<Option<HashMap<String, Vec<T>>>, String> {
        let mut map: HashMap<String, Vec<T>> = HashMap::new();
        for (k, v) in &self.query {
            map.entry(k.clone()).or_default().push(T::from_text(v).map_err(|e| format!("query `{k}`: {e}"))?);
        }
        Ok(Some(map).filter(|m| !m.is_empty()))
    }
}
