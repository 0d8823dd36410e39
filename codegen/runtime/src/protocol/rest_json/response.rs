//! Responses: the server writes an output's (or error's) status, headers and body into one; the
//! client reads them back.

use super::message::{MessageReader, MessageWriter};
#[cfg(feature = "server")]
use bytes::Bytes;
use std::ops::{Deref, DerefMut};

/// Collects a response's bindings (headers and body through [`MessageWriter`]).
#[derive(Debug)]
pub struct ResponseWriter {
    message: MessageWriter,
    status: u16,
}

impl Deref for ResponseWriter {
    type Target = MessageWriter;
    fn deref(&self) -> &MessageWriter {
        &self.message
    }
}

impl DerefMut for ResponseWriter {
    fn deref_mut(&mut self) -> &mut MessageWriter {
        &mut self.message
    }
}

impl ResponseWriter {
    /// A response with `status` unless an `@httpResponseCode` member sets another.
    pub fn new(status: u16) -> Self {
        let mut message = MessageWriter::default();
        message.response = true;
        ResponseWriter { message, status }
    }

    /// `@httpResponseCode`, when set (and a valid status).
    pub fn status(&mut self, status: Option<i32>) {
        if let Some(status) = status.and_then(|s| u16::try_from(s).ok()).filter(|s| (100..=999).contains(s)) {
            self.status = status;
        }
    }

    /// The status, the headers and the body.
    #[cfg(feature = "server")]
    pub(crate) fn finish(self) -> Result<(u16, http::HeaderMap, Bytes), String> {
        let (headers, body) = self.message.finish()?;
        Ok((self.status, headers, body))
    }
}

/// Reads a response's bindings for a generated [`HttpOutput`](super::HttpOutput) (headers and
/// body through [`MessageReader`]).
#[derive(Debug)]
pub struct ResponseReader<'a> {
    message: MessageReader<'a>,
    status: u16,
}

impl<'a> Deref for ResponseReader<'a> {
    type Target = MessageReader<'a>;
    fn deref(&self) -> &MessageReader<'a> {
        &self.message
    }
}

impl<'a> ResponseReader<'a> {
    /// A reader of a response's status, headers and body.
    pub fn new(status: u16, headers: &'a http::HeaderMap, body: &'a [u8]) -> Self {
        ResponseReader { message: MessageReader::new(headers, body), status }
    }

    /// The status code (`@httpResponseCode`).
    pub fn status(&self) -> i32 {
        i32::from(self.status)
    }
}
