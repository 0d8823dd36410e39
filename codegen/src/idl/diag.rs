//! Problems found while assembling, and turning them into [`crate::Error`]s that name the file,
//! line and column and show the line.

use super::bundled;
use super::lexer::SyntaxError;
use super::node::Loc;
use super::Source;
use crate::error::{Error, IdlError};

#[derive(Debug, Clone)]
pub struct Diag {
    /// `line == 0`: in a JSON AST file, found later by searching for `shape`.
    pub loc: Loc,
    pub shape: Option<String>,
    pub syntax: bool,
    pub message: String,
    /// Another place the message refers to (the previous definition, say).
    pub related: Option<(Loc, Option<String>)>,
}

impl Diag {
    pub fn new(loc: Loc, shape: Option<&str>, message: impl Into<String>) -> Diag {
        Diag {
            loc,
            shape: shape.map(str::to_string),
            syntax: false,
            message: message.into(),
            related: None,
        }
    }

    /// Names another place in the message, e.g. where a conflicting value was defined.
    pub fn related(mut self, loc: Loc) -> Diag {
        self.related = Some((loc, self.shape.clone()));
        self
    }
}

impl From<Box<SyntaxError>> for Diag {
    fn from(e: Box<SyntaxError>) -> Diag {
        Diag {
            loc: e.loc,
            shape: e.shape,
            syntax: true,
            message: e.message,
            related: None,
        }
    }
}

/// Bundled files are numbered from here, after any realistic number of input files.
pub const BUNDLED_BASE: u32 = u32::MAX - 64;

/// The names and texts of the files a model was assembled from, for messages.
pub struct Files<'a> {
    pub inputs: &'a [Source],
}

impl Files<'_> {
    pub fn get(&self, file: u32) -> (&str, &str) {
        if file >= BUNDLED_BASE {
            let i = (file - BUNDLED_BASE) as usize;
            return if i == 0 {
                bundled::PRELUDE
            } else {
                bundled::TRAIT_FILES.get(i - 1).copied().unwrap_or(("", ""))
            };
        }
        self.inputs
            .get(file as usize)
            .map_or(("", ""), |s| (s.path.as_str(), s.text.as_str()))
    }

    pub fn describe(&self, loc: Loc) -> String {
        format!("{}:{}:{}", self.get(loc.file).0, loc.line, loc.col)
    }

    /// Most problems are reported, at most this many.
    const MAX_REPORTED: usize = 50;

    pub fn to_error(&self, mut diags: Vec<Diag>) -> Error {
        diags.truncate(Self::MAX_REPORTED);
        let mut errors = diags.into_iter().map(|d| self.to_idl_error(d));
        let mut first = errors.next().unwrap_or_else(|| IdlError {
            file: String::new(),
            line: 0,
            column: 0,
            shape: None,
            syntax: false,
            message: "the model is invalid".to_string(),
            source_line: String::new(),
            others: Vec::new(),
        });
        first.others = errors.collect();
        Error::Idl(Box::new(first))
    }

    /// A position, searched for in JSON AST files (where nodes carry none).
    fn position(&self, loc: Loc, shape: Option<&str>) -> Loc {
        match shape {
            Some(shape) if loc.line == 0 => locate_in_json(self.get(loc.file).1, shape, loc.file),
            _ => loc,
        }
    }

    fn to_idl_error(&self, mut diag: Diag) -> IdlError {
        let (name, text) = self.get(diag.loc.file);
        let loc = self.position(diag.loc, diag.shape.as_deref());
        if let Some((other, shape)) = diag.related.take() {
            let other = self.position(other, shape.as_deref());
            diag.message
                .push_str(&format!(" (see also {})", self.describe(other)));
        }
        let source_line = text
            .lines()
            .nth(loc.line.saturating_sub(1) as usize)
            .unwrap_or("");
        IdlError {
            file: name.to_string(),
            line: loc.line as usize,
            column: loc.col as usize,
            shape: diag.shape,
            syntax: diag.syntax,
            message: diag.message,
            source_line: source_line.trim_end_matches('\r').to_string(),
            others: Vec::new(),
        }
    }
}

/// Where a shape (or member) is defined in a JSON AST file: its key in `shapes` (and then the
/// member's key after it). Good enough for messages; JSON nodes carry no positions.
pub fn locate_in_json(text: &str, shape: &str, file: u32) -> Loc {
    let (root, member) = shape
        .split_once('$')
        .map_or((shape, None), |(r, m)| (r, Some(m)));
    let Some(mut at) = text.find(&format!("\"{root}\"")) else {
        return Loc {
            file,
            line: 0,
            col: 0,
        };
    };
    if let Some(member) = member {
        if let Some(offset) = text[at..].find(&format!("\"{member}\"")) {
            at += offset;
        }
    }
    let before = &text[..at];
    let line = before.matches('\n').count() as u32 + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    Loc {
        file,
        line,
        col: before[line_start..].encode_utf16().count() as u32 + 1,
    }
}
