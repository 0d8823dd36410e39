//! The one error type the generator reports: every variant names where the problem is.

use std::fmt;

/// Why a model could not be turned into a crate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// The input is not JSON, or JSON of the wrong shape (`path` is the JSON path, e.g.
    /// `shapes.example#Foo.members`).
    Json {
        line: usize,
        column: usize,
        path: String,
        message: String,
    },
    /// A shape is malformed or unsupported.
    Shape { id: String, message: String },
    /// A problem with the model as a whole (no service, several services, ...).
    Model { message: String },
}

impl Error {
    pub(crate) fn shape(id: impl Into<String>, message: impl Into<String>) -> Self {
        Error::Shape { id: id.into(), message: message.into() }
    }

    pub(crate) fn model(message: impl Into<String>) -> Self {
        Error::Model { message: message.into() }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Json { line, column, path, message } => {
                write!(f, "invalid model JSON at line {line} column {column}")?;
                if !path.is_empty() && path != "." {
                    write!(f, " (at `{path}`)")?;
                }
                write!(f, ": {message}")
            }
            Error::Shape { id, message } => write!(f, "shape `{id}`: {message}"),
            Error::Model { message } => f.write_str(message),
        }
    }
}

impl std::error::Error for Error {}

pub type Result<T, E = Error> = std::result::Result<T, E>;
