//! The wire protocols, as the generator sees them: one module per protocol, behind one trait.
//! Emitters ask the service's [`Protocol`] for everything that differs between protocols
//! (framing, routing, error codes, JSON keys, timestamp defaults, the docs that describe them);
//! the IR stays protocol-neutral. A new protocol is a new module here and one line in
//! [`for_crate`].

mod aws_json;
mod rest_json;

use crate::ir::{Crate, ErrorInfo, Field, OperationDef, TypeDef};
use proc_macro2::TokenStream;

/// What the generated code needs to know about a protocol.
pub(crate) trait Protocol: Sync {
    /// Whether the generated crate gets a client and a server for it.
    fn has_client_and_server(&self) -> bool {
        self.display_name().is_some()
    }

    /// The protocol's name in docs (`awsJson1.0`), when the client and server speak it.
    fn display_name(&self) -> Option<&'static str>;

    /// Whether the generated crate gets a server for it.
    fn has_server(&self) -> bool {
        self.has_client_and_server()
    }

    /// The client's `PROTOCOL` constant: the runtime's implementation of the protocol.
    fn client_protocol(&self, krate: &Crate) -> TokenStream;

    /// The client module's docs: how requests and responses look on the wire.
    fn client_module_docs(&self, krate: &Crate) -> String;

    /// The body of `OperationError::from_response(code, response)` for an operation's error.
    fn error_from_response(&self, krate: &Crate, op: &OperationDef) -> TokenStream;

    /// What the types' serde impls produce, for the crate docs (`protocol` is the model's
    /// protocol name).
    fn serde_docs(&self, protocol: &str) -> String {
        format!(
            "Every type implements serde's `Serialize` and `Deserialize` as JSON with the members' \
             names as keys, timestamps as epoch seconds unless `@timestampFormat` says otherwise and \
             blobs as base64. That is a JSON form of the types, not the service's own wire format \
             (`{protocol}`), which this crate does not speak."
        )
    }

    /// A member's key in a JSON body.
    fn json_key<'a>(&self, wire_name: &'a str, _json_name: Option<&'a str>) -> &'a str {
        wire_name
    }

    /// Whether a member of a structure is in its JSON body (not bound to the URI, the query
    /// string, a header, the status or the payload).
    fn in_body(&self, _field: &Field) -> bool {
        true
    }

    /// The server's `ServiceSpec`: how requests are routed to operations.
    fn server_spec(&self, _krate: &Crate) -> TokenStream {
        TokenStream::new()
    }

    /// An expression reading an operation's input from `request`: a `Result<Input, Reply>`.
    fn server_read_input(&self, _krate: &Crate, _op: &OperationDef) -> TokenStream {
        TokenStream::new()
    }

    /// An expression writing the operation's `output` as a `Reply`.
    fn server_write_output(&self, _krate: &Crate, _op: &OperationDef) -> TokenStream {
        TokenStream::new()
    }

    /// An expression writing the modeled error `err` (of type `def`) as a `Reply`.
    fn server_write_error(&self, _krate: &Crate, _def: &TypeDef, _info: &ErrorInfo) -> TokenStream {
        TokenStream::new()
    }

    /// A request that reaches `op` and passes validation, for the server's protocol tests: the
    /// method, URI, headers and body, given the smallest valid JSON body of the input's body
    /// members.
    fn sample_request(&self, _krate: &Crate, _op: &OperationDef, _body: String) -> SampleRequest {
        SampleRequest::default()
    }

    /// The headers every request of `op` carries beyond a test case's own (awsJson's content
    /// type and target).
    fn test_request_headers(&self, _krate: &Crate, _op: &OperationDef) -> Vec<(String, String)> {
        Vec::new()
    }

    /// The server module's paragraph on the wire format.
    fn server_docs(&self, _krate: &Crate) -> String {
        String::new()
    }

    /// What a structure needs beyond its type and serde impls (HTTP bindings of inputs,
    /// outputs and errors).
    fn struct_items(&self, _krate: &Crate, _def: &TypeDef, _fields: &[Field]) -> TokenStream {
        TokenStream::new()
    }
}

/// A request that reaches an operation (see [`Protocol::sample_request`]).
#[derive(Debug, Clone, Default)]
pub(crate) struct SampleRequest {
    pub(crate) method: String,
    pub(crate) uri: String,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) body: String,
}

/// The protocol of the crate's service; protocols without a client and server get types only.
pub(crate) fn for_crate(krate: &Crate) -> &'static dyn Protocol {
    match krate.service.protocol.as_deref() {
        Some("awsJson1_0") => &aws_json::AwsJson { version: "1.0" },
        Some("awsJson1_1") => &aws_json::AwsJson { version: "1.1" },
        Some("restJson1") => &rest_json::RestJson,
        _ => &TypesOnly,
    }
}

/// A protocol the generated client and server do not speak: the crate has types, errors and
/// the service trait.
struct TypesOnly;

impl Protocol for TypesOnly {
    fn display_name(&self) -> Option<&'static str> {
        None
    }

    fn client_protocol(&self, _krate: &Crate) -> TokenStream {
        TokenStream::new()
    }

    fn client_module_docs(&self, _krate: &Crate) -> String {
        String::new()
    }

    fn error_from_response(&self, _krate: &Crate, _op: &OperationDef) -> TokenStream {
        TokenStream::new()
    }
}

/// `Some("..")` or `None`, as tokens.
pub(crate) fn option_str(value: Option<&str>) -> TokenStream {
    match value {
        Some(v) => quote::quote!(::Option::Some(#v)),
        None => quote::quote!(::Option::None),
    }
}
