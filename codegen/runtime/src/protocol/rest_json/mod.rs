//! `restJson1`: each operation has its own method and URI (`@http`); members are bound to URI
//! labels, the query string, headers, the status code or the whole body (`@httpPayload`); the
//! members bound to none of them are the JSON body, under their `@jsonName`s.
//!
//! Generated code implements [`HttpInput`] for every operation input and [`HttpOutput`] for
//! every output and error: each writes its bindings into a writer and reads them from a reader,
//! and the body members are the structures' own serde form. The client writes requests and
//! reads responses; the server reads requests and writes responses.

#[cfg(feature = "client")]
mod client;
mod message;
mod request;
mod response;
#[cfg(feature = "server")]
mod server;

#[cfg(feature = "client")]
pub use client::read_error;
pub use message::{MessageReader, MessageWriter};
pub use request::{RequestReader, RequestWriter};
pub use response::{ResponseReader, ResponseWriter};
#[cfg(feature = "server")]
pub use server::{read_input, write_error, write_output};

/// The restJson1 protocol.
#[derive(Clone, Copy, Debug, Default)]
pub struct RestJson;

/// What the body of a message holds, for its content type: nothing, the JSON of the body
/// members (or of a structure, union or document payload), or a blob or string payload (with
/// its `@mediaType`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BodyKind {
    /// Every member is bound elsewhere: no body.
    None,
    /// A JSON object of the body members.
    Json,
    /// A structure, union or document payload, as JSON.
    JsonPayload,
    /// A blob payload.
    Blob(Option<&'static str>),
    /// A string or enum payload.
    Text(Option<&'static str>),
}

impl BodyKind {
    /// The content type of a body of this kind.
    pub fn content_type(self) -> Option<&'static str> {
        match self {
            BodyKind::None => None,
            BodyKind::Json | BodyKind::JsonPayload => Some("application/json"),
            BodyKind::Blob(media) => Some(media.unwrap_or("application/octet-stream")),
            BodyKind::Text(media) => Some(media.unwrap_or("text/plain")),
        }
    }
}

/// An operation input's HTTP bindings; generated for every input of a restJson1 service.
pub trait HttpInput: Sized {
    /// What the request body holds.
    const BODY: BodyKind;
    /// Writes the bound members (labels, query, headers, payload) and, when the input has body
    /// members, the JSON body (the client's side).
    fn write_request(&self, w: &mut RequestWriter);
    /// Reads the input from a request: the JSON body (or the payload), then the labels, query
    /// parameters and headers (the server's side).
    fn read_request(r: &RequestReader<'_>) -> Result<Self, String>;
}

/// An operation output's or error's HTTP bindings; generated for each of a restJson1 service.
pub trait HttpOutput: Sized {
    /// What the response body holds.
    const BODY: BodyKind;
    /// Reads the value from a response: the JSON body (or the payload), then the bound headers
    /// and status (the client's side).
    fn read_response(r: &ResponseReader<'_>) -> Result<Self, String>;
    /// Writes the bound headers and status, and the body (the server's side).
    fn write_response(&self, w: &mut ResponseWriter);
}

#[cfg(test)]
mod tests;
