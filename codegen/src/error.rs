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
    /// A problem in a Smithy IDL (or JSON AST) file read with its siblings: where it is, and
    /// the offending line.
    Idl(Box<IdlError>),
}

/// An error in a model file, at a line and column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdlError {
    pub file: String,
    pub line: usize,
    pub column: usize,
    /// The shape (or member) the problem is about, when there is one.
    pub shape: Option<String>,
    /// The text breaks the grammar (rather than describing an invalid model).
    pub syntax: bool,
    pub message: String,
    /// The line the position is on, shown under the message.
    pub source_line: String,
    /// Further problems found in the same pass.
    pub others: Vec<IdlError>,
}

impl IdlError {
    /// `file:line:column: [syntax error: ][shape: ]message`, then the line with a caret under
    /// the column.
    fn write_one(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}: ", self.file, self.line, self.column)?;
        if self.syntax {
            f.write_str("syntax error: ")?;
        }
        if let Some(shape) = &self.shape {
            write!(f, "{shape}: ")?;
        }
        f.write_str(&self.message)?;
        if self.line > 0 {
            // Tabs stay tabs in the padding so the caret lines up under the column.
            let gutter = self.line.to_string().len();
            let pad: String = self
                .source_line
                .chars()
                .take(self.column.saturating_sub(1))
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            let (line, text, blank) = (self.line, &self.source_line, "");
            write!(f, "\n{blank:gutter$} |\n{line} | {text}")?;
            write!(f, "\n{blank:gutter$} | {pad}^")?;
        }
        Ok(())
    }
}

impl fmt::Display for IdlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write_one(f)?;
        for other in &self.others {
            f.write_str("\n")?;
            other.write_one(f)?;
        }
        Ok(())
    }
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
            Error::Idl(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for Error {}

pub type Result<T, E = Error> = std::result::Result<T, E>;
