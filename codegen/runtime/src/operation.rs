//! What the model says about each operation, as types the generated code implements.

/// What the model says about an operation; implemented by a unit type per operation (e.g.
/// `get_workflow_run::GetWorkflowRun` in a generated crate), for clients, servers and
/// middleware.
pub trait Operation: crate::__private::SealedOperation {
    /// The input type.
    type Input;
    /// The output type.
    type Output;
    /// The error type: the errors the operation can return, plus `Unhandled`.
    type Error;
    /// The operation's name in the model (what `X-Amz-Target` carries after the service).
    const NAME: &'static str;
    /// `@readonly`: the operation changes nothing.
    const READONLY: bool;
    /// `@idempotent`: repeating the same request has the effect of making it once.
    const IDEMPOTENT: bool;
    /// The input member marked `@idempotencyToken`, which clients fill with a fresh UUID when
    /// left unset.
    const IDEMPOTENCY_TOKEN: Option<&'static str>;
    /// `@paginated`, merged with the service's.
    const PAGINATION: Option<Pagination>;
    /// `@http`, when the model has it.
    const HTTP: Option<Http>;
}

/// An operation's `@paginated` trait: member names in the input and output.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Pagination {
    /// The input member that carries the continuation token.
    pub input_token: &'static str,
    /// The output member (a path, `a.b`) that carries the next token.
    pub output_token: &'static str,
    /// The input member that limits the page size.
    pub page_size: Option<&'static str>,
    /// The output member (a path) holding each page's items.
    pub items: Option<&'static str>,
}

impl Pagination {
    /// The trait's members, as the model names them.
    pub const fn new(input_token: &'static str, output_token: &'static str, page_size: Option<&'static str>, items: Option<&'static str>) -> Self {
        Pagination { input_token, output_token, page_size, items }
    }
}

/// An operation's `@http` trait.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Http {
    /// The HTTP method.
    pub method: &'static str,
    /// The URI pattern, with `{labels}`.
    pub uri: &'static str,
    /// The success status code.
    pub code: u16,
}

impl Http {
    /// The trait's method, URI pattern and success code.
    pub const fn new(method: &'static str, uri: &'static str, code: u16) -> Self {
        Http { method, uri, code }
    }
}
