//! The IDL tokenizer. Whitespace, commas and comments are tokens too, because the grammar is
//! line-sensitive (`br`, `sp`): the parser asks for them explicitly, as Smithy's own parser does,
//! so errors land on the same line and column. `///` comments are buffered as they are read; the
//! parser takes them as documentation or drops them.

use super::node::{Loc, Number};
use super::strings;
use std::borrow::Cow;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tok {
    Space,
    Newline,
    Comma,
    Comment,
    DocComment,
    At,
    String,
    TextBlock,
    Colon,
    Walrus,
    Identifier,
    Dot,
    Pound,
    Dollar,
    Number,
    LBrace,
    RBrace,
    LBracket,
    RBracket,
    LParen,
    RParen,
    Equal,
    Eof,
    Error,
}

impl Tok {
    /// Insignificant between most tokens (doc comments are not: they attach to shapes).
    pub fn is_ws(self) -> bool {
        matches!(self, Tok::Space | Tok::Newline | Tok::Comma | Tok::Comment)
    }

    /// Smithy's names and sample lexemes, so messages read like Smithy's: `COLON(':')`.
    fn name_and_sample(self) -> (&'static str, &'static str) {
        match self {
            Tok::Space => ("SPACE", " "),
            Tok::Newline => ("NEWLINE", "\\n"),
            Tok::Comma => ("COMMA", ","),
            Tok::Comment => ("COMMENT", "//"),
            Tok::DocComment => ("DOC_COMMENT", "///"),
            Tok::At => ("AT", "@"),
            Tok::String => ("STRING", "\""),
            Tok::TextBlock => ("TEXT_BLOCK", "\"\"\""),
            Tok::Colon => ("COLON", ":"),
            Tok::Walrus => ("WALRUS", ":="),
            Tok::Identifier => ("IDENTIFIER", ""),
            Tok::Dot => ("DOT", "."),
            Tok::Pound => ("POUND", "#"),
            Tok::Dollar => ("DOLLAR", "$"),
            Tok::Number => ("NUMBER", ""),
            Tok::LBrace => ("LBRACE", "{"),
            Tok::RBrace => ("RBRACE", "}"),
            Tok::LBracket => ("LBRACKET", "["),
            Tok::RBracket => ("RBRACKET", "]"),
            Tok::LParen => ("LPAREN", "("),
            Tok::RParen => ("RPAREN", ")"),
            Tok::Equal => ("EQUAL", "="),
            Tok::Eof => ("EOF", ""),
            Tok::Error => ("ERROR", ""),
        }
    }

    /// `NAME('lexeme')`, or `NAME` when there is no lexeme.
    pub fn debug(self, lexeme: &str) -> String {
        let (name, _) = self.name_and_sample();
        if lexeme.is_empty() {
            name.to_string()
        } else {
            format!("{name}('{lexeme}')")
        }
    }

    /// How an expected token is named: with its sample lexeme.
    pub fn expected(self) -> String {
        self.debug(self.name_and_sample().1)
    }
}

/// A syntax error: the position of the token that broke the grammar, and why.
#[derive(Debug, Clone)]
pub struct SyntaxError {
    pub loc: Loc,
    pub shape: Option<String>,
    pub message: String,
}

pub type PResult<T> = Result<T, Box<SyntaxError>>;

pub struct Lexer<'a> {
    src: &'a str,
    file: u32,
    // Scanner position.
    pos: usize,
    line: u32,
    col: u32,
    // The current token.
    kind: Tok,
    start: usize,
    end: usize,
    tok_line: u32,
    tok_col: u32,
    text: Option<Cow<'a, str>>,
    error: String,
    /// `///` lines read and not yet claimed, without the marker and one leading space.
    docs: Vec<&'a str>,
}

impl<'a> Lexer<'a> {
    pub fn new(src: &'a str, file: u32) -> Lexer<'a> {
        let mut lexer = Lexer {
            src,
            file,
            pos: 0,
            line: 1,
            col: 1,
            kind: Tok::Eof,
            start: 0,
            end: 0,
            tok_line: 1,
            tok_col: 1,
            text: None,
            error: String::new(),
            docs: Vec::new(),
        };
        lexer.next();
        lexer
    }

    pub fn current(&self) -> Tok {
        self.kind
    }

    pub fn loc(&self) -> Loc {
        Loc {
            file: self.file,
            line: self.tok_line,
            col: self.tok_col,
        }
    }

    pub fn lexeme(&self) -> &'a str {
        &self.src[self.start..self.end]
    }

    pub fn is_lexeme(&self, word: &str) -> bool {
        self.lexeme() == word
    }

    /// The current token is the identifier `word` (`namespace`, `use`, `with`, ...).
    pub fn at_keyword(&self, word: &str) -> bool {
        self.kind == Tok::Identifier && self.lexeme() == word
    }

    /// Byte offsets of the current token, for slicing multi-token productions (shape ids).
    pub fn span(&self) -> (usize, usize) {
        (self.start, self.end)
    }

    pub fn slice(&self, from: usize, to: usize) -> &'a str {
        &self.src[from..to]
    }

    /// The decoded value of a string or text block, or an identifier's text.
    #[cfg(test)]
    pub fn string_value(&self) -> &str {
        match &self.text {
            Some(text) => text,
            None => self.lexeme(),
        }
    }

    pub fn take_string(&mut self) -> String {
        match self.text.take() {
            Some(text) => text.into_owned(),
            None => self.lexeme().to_string(),
        }
    }

    pub fn number_value(&self) -> Number {
        Number::parse(self.lexeme())
    }

    pub fn error(&self, message: impl Into<String>) -> Box<SyntaxError> {
        Box::new(SyntaxError {
            loc: self.loc(),
            shape: None,
            message: message.into(),
        })
    }

    /// Reads the next token and returns its kind; at the end it stays on `Eof`.
    pub fn next(&mut self) -> Tok {
        self.text = None;
        self.start = self.pos;
        self.tok_line = self.line;
        self.tok_col = self.col;
        let bytes = self.src.as_bytes();
        let Some(&b) = bytes.get(self.pos) else {
            self.end = self.pos;
            self.kind = Tok::Eof;
            return Tok::Eof;
        };
        self.kind = match b {
            b' ' | b'\t' => {
                let run = bytes[self.pos..]
                    .iter()
                    .take_while(|b| matches!(b, b' ' | b'\t'))
                    .count();
                self.pos += run;
                self.col += run as u32;
                Tok::Space
            }
            b'\r' | b'\n' => {
                self.bump();
                Tok::Newline
            }
            b',' => self.single(Tok::Comma),
            b'@' => self.single(Tok::At),
            b'$' => self.single(Tok::Dollar),
            b'.' => self.single(Tok::Dot),
            b'{' => self.single(Tok::LBrace),
            b'}' => self.single(Tok::RBrace),
            b'[' => self.single(Tok::LBracket),
            b']' => self.single(Tok::RBracket),
            b'(' => self.single(Tok::LParen),
            b')' => self.single(Tok::RParen),
            b'#' => self.single(Tok::Pound),
            b'=' => self.single(Tok::Equal),
            b':' if bytes.get(self.pos + 1) == Some(&b'=') => {
                self.pos += 2;
                self.col += 2;
                Tok::Walrus
            }
            b':' => self.single(Tok::Colon),
            b'"' => self.string(),
            b'/' => self.comment(),
            b'-' | b'0'..=b'9' => self.number(),
            b'A'..=b'Z' | b'a'..=b'z' | b'_' => self.identifier(),
            _ => {
                let c = self.src[self.pos..].chars().next().unwrap_or('\u{fffd}');
                self.bump();
                self.fail(format!("Unexpected character: '{c}'"))
            }
        };
        self.end = self.pos;
        self.kind
    }

    fn single(&mut self, tok: Tok) -> Tok {
        self.pos += 1;
        self.col += 1;
        tok
    }

    fn fail(&mut self, message: String) -> Tok {
        self.error = message;
        Tok::Error
    }

    /// The message of the current `Error` token.
    #[cfg(test)]
    pub fn error_message(&self) -> &str {
        &self.error
    }

    fn peek(&self) -> Option<u8> {
        self.src.as_bytes().get(self.pos).copied()
    }

    /// Moves past one character, counting lines (`\r\n`, `\n` and a lone `\r` end a line) and
    /// UTF-16 columns.
    fn bump(&mut self) {
        let Some(b) = self.peek() else { return };
        match b {
            b'\r' => {
                self.pos += if self.src.as_bytes().get(self.pos + 1) == Some(&b'\n') {
                    2
                } else {
                    1
                };
                self.line += 1;
                self.col = 1;
            }
            b'\n' => {
                self.pos += 1;
                self.line += 1;
                self.col = 1;
            }
            b if b < 0x80 => {
                self.pos += 1;
                self.col += 1;
            }
            b => {
                let len = if b >= 0xF0 {
                    4
                } else if b >= 0xE0 {
                    3
                } else {
                    2
                };
                self.pos += len;
                self.col += if len == 4 { 2 } else { 1 };
            }
        }
    }

    /// Moves to `to` (a char boundary ahead), keeping line and column right: lines end at `\n`,
    /// `\r\n` or a lone `\r`; the column counts the UTF-16 units after the last line end.
    fn advance_to(&mut self, to: usize) {
        let span = &self.src.as_bytes()[self.pos..to];
        let line_ends = span
            .iter()
            .enumerate()
            .filter(|&(i, &b)| b == b'\n' || (b == b'\r' && span.get(i + 1) != Some(&b'\n')))
            .count();
        match span.iter().rposition(|&b| b == b'\n' || b == b'\r') {
            None => self.col += utf16_len(span),
            Some(last) => {
                self.line += line_ends as u32;
                self.col = 1 + utf16_len(&span[last + 1..]);
            }
        }
        self.pos = to;
    }

    fn here(&self) -> String {
        format!("Syntax error at line {}, column {}", self.line, self.col)
    }

    fn peek_for_message(&self) -> String {
        self.src[self.pos..]
            .chars()
            .next()
            .map_or("[EOF]".to_string(), |c| c.to_string())
    }

    fn comment(&mut self) -> Tok {
        self.bump();
        if self.peek() != Some(b'/') {
            self.bump();
            return self.fail("Expected a '/' to follow '/' to form a comment.".to_string());
        }
        self.bump();
        let doc = self.peek() == Some(b'/');
        // `str::find` searches for one byte quickly; a `\r` before the `\n` is rare.
        let rest = &self.src[self.pos..];
        let line = rest.find('\n').map_or(rest, |end| &rest[..end]);
        let text_len = line.find('\r').unwrap_or(line.len());
        let text_end = self.pos + text_len;
        // The comment's lexeme includes its line break; columns restart after it.
        self.pos = text_end;
        self.bump();
        if !doc {
            return Tok::Comment;
        }
        // One space after `///` is the separator; `\r\n` and `\n` end the line but a lone `\r` is
        // kept, as Smithy keeps it.
        let mut body_start = self.start + 3;
        if self.src.as_bytes().get(body_start) == Some(&b' ') {
            body_start += 1;
        }
        let lone_cr = self.src.as_bytes().get(text_end) == Some(&b'\r') && self.pos == text_end + 1;
        let body = &self.src[body_start..text_end + usize::from(lone_cr)];
        self.docs.push(body);
        Tok::DocComment
    }

    fn number(&mut self) -> Tok {
        let start = self.pos;
        let digits = |lexer: &mut Lexer| {
            let run = lexer.src.as_bytes()[lexer.pos..]
                .iter()
                .take_while(|b| b.is_ascii_digit())
                .count();
            lexer.pos += run;
            lexer.col += run as u32;
            run
        };
        let invalid = |lexer: &mut Lexer, why: &str| {
            let message = format!("Invalid number '{}': {why}", &lexer.src[start..lexer.pos]);
            lexer.fail(message)
        };
        if self.peek() == Some(b'-') {
            self.single(Tok::Number);
            if !self.peek().is_some_and(|b| b.is_ascii_digit()) {
                return invalid(self, "'-' must be followed by a digit");
            }
        }
        digits(self);
        if self.peek() == Some(b'.') {
            self.single(Tok::Number);
            if digits(self) == 0 {
                return invalid(self, "'.' must be followed by a digit");
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.single(Tok::Number);
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.single(Tok::Number);
            }
            if digits(self) == 0 {
                return invalid(self, "'e', '+', and '-' must be followed by a digit");
            }
        }
        Tok::Number
    }

    fn identifier(&mut self) -> Tok {
        let is_ident = |b: &u8| b.is_ascii_alphanumeric() || *b == b'_';
        let rest = &self.src.as_bytes()[self.pos..];
        let underscores = rest.iter().take_while(|b| **b == b'_').count();
        if underscores > 0 && !rest.get(underscores).is_some_and(is_ident) {
            self.pos += underscores;
            self.col += underscores as u32;
            let message = format!(
                "{}: Expected a valid identifier character, but found '{}'",
                self.here(),
                self.peek_for_message()
            );
            return self.fail(message);
        }
        // Identifiers are ASCII: one column per byte.
        let len = rest.iter().take_while(|b| is_ident(b)).count();
        self.pos += len;
        self.col += len as u32;
        Tok::Identifier
    }

    fn string(&mut self) -> Tok {
        self.single(Tok::String);
        if self.peek() == Some(b'"') {
            self.single(Tok::String);
            if self.peek() != Some(b'"') {
                self.text = Some(Cow::Borrowed(""));
                return Tok::String;
            }
            self.single(Tok::TextBlock);
            return self.quoted(true);
        }
        self.quoted(false)
    }

    /// Reads a quoted string's or text block's contents up to the closing quotes, then decodes
    /// them (line endings, text-block indentation, escapes).
    fn quoted(&mut self, block: bool) -> Tok {
        let what = if block {
            "Error parsing text block"
        } else {
            "Error parsing quoted string"
        };
        let bytes = self.src.as_bytes();
        let content_start = self.pos;
        let mut i = self.pos;
        let closed = loop {
            match bytes.get(i) {
                None => break false,
                Some(b'"')
                    if !block
                        || (bytes.get(i + 1) == Some(&b'"') && bytes.get(i + 2) == Some(&b'"')) =>
                {
                    break true
                }
                Some(b'\\') => {
                    i += 1;
                    match bytes.get(i) {
                        Some(b'\r') if bytes.get(i + 1) == Some(&b'\n') => i += 2,
                        Some(&b) => i += utf8_len(b),
                        None => {}
                    }
                }
                Some(&b) => i += utf8_len(b),
            }
        };
        let i = i.min(bytes.len());
        self.advance_to(i);
        if !closed {
            let message = format!("{what}: {}: Expected: '\"', but found '[EOF]'", self.here());
            return self.fail(message);
        }
        let raw = &self.src[content_start..i];
        self.pos += if block { 3 } else { 1 };
        self.col += if block { 3 } else { 1 };
        match strings::decode(raw, block) {
            Ok(text) => {
                self.text = Some(text);
                if block {
                    Tok::TextBlock
                } else {
                    Tok::String
                }
            }
            Err(message) => self.fail(format!("{what}: {message}")),
        }
    }

    // --- Skipping, as the grammar's whitespace productions need.

    pub fn skip_spaces(&mut self) {
        while self.kind == Tok::Space {
            self.next();
        }
    }

    pub fn skip_optional_comma(&mut self) {
        if self.kind == Tok::Comma {
            self.next();
        }
    }

    pub fn skip_ws(&mut self) {
        if self.kind.is_ws() {
            self.skip_trivia(false);
        }
    }

    pub fn skip_ws_and_docs(&mut self) {
        if self.kind.is_ws() || self.kind == Tok::DocComment {
            self.skip_trivia(true);
        }
    }

    /// Moves past whitespace, commas and comments (and, with `docs`, doc comments, which are
    /// buffered as usual) without making tokens of them, then reads the next token: the same
    /// as calling `next` while the token is whitespace, but much of a model is whitespace.
    fn skip_trivia(&mut self, docs: bool) {
        let bytes = self.src.as_bytes();
        loop {
            match bytes.get(self.pos) {
                Some(b' ' | b'\t' | b',') => {
                    self.pos += 1;
                    self.col += 1;
                }
                Some(b'\n' | b'\r') => self.bump(),
                Some(b'/') if bytes.get(self.pos + 1) == Some(&b'/') => {
                    if !docs && bytes.get(self.pos + 2) == Some(&b'/') {
                        break;
                    }
                    self.start = self.pos;
                    self.comment();
                }
                _ => break,
            }
        }
        self.next();
    }

    pub fn expect(&self, tok: Tok) -> PResult<()> {
        if self.kind == tok {
            Ok(())
        } else {
            Err(self.unexpected(&[tok]))
        }
    }

    /// Expects `tok` and moves past it.
    pub fn eat(&mut self, tok: Tok) -> PResult<()> {
        self.expect(tok)?;
        self.next();
        Ok(())
    }

    pub fn expect_one(&self, toks: &[Tok]) -> PResult<Tok> {
        if toks.contains(&self.kind) {
            Ok(self.kind)
        } else {
            Err(self.unexpected(toks))
        }
    }

    /// "Expected X but found Y", or the error token's own message.
    pub fn unexpected(&self, toks: &[Tok]) -> Box<SyntaxError> {
        let found = self.kind.debug(self.lexeme());
        let message = match toks {
            _ if self.kind == Tok::Error => self.error.clone(),
            [one] => format!("Expected {} but found {found}", one.expected()),
            many => {
                let names: Vec<String> = many.iter().map(|t| t.expected()).collect();
                format!("Expected one of {}; but found {found}", names.join(", "))
            }
        };
        self.error(message)
    }

    pub fn expect_and_skip_spaces(&mut self) -> PResult<()> {
        self.expect(Tok::Space)?;
        self.skip_spaces();
        Ok(())
    }

    pub fn expect_and_skip_whitespace(&mut self) -> PResult<()> {
        if !self.kind.is_ws() {
            return Err(self.error(format!(
                "Expected one or more whitespace characters, but found {}",
                self.kind.debug(self.lexeme())
            )));
        }
        self.skip_ws_and_docs();
        Ok(())
    }

    /// The grammar's `br`: spaces, then a line break (a newline or a comment, which ends its
    /// line) or the end of the file. Documentation read so far attaches to nothing.
    pub fn expect_and_skip_br(&mut self) -> PResult<()> {
        self.skip_spaces();
        self.docs.clear();
        match self.kind {
            Tok::Newline | Tok::Comment | Tok::DocComment => {
                self.next();
                self.skip_ws();
                Ok(())
            }
            Tok::Eof => Ok(()),
            other => Err(self.error(format!(
                "Expected a line break, but found {}",
                other.debug(self.lexeme())
            ))),
        }
    }

    pub fn clear_docs(&mut self) {
        self.docs.clear();
    }

    /// The pending documentation lines, joined; `None` when there are none.
    pub fn take_docs(&mut self) -> Option<String> {
        if self.docs.is_empty() {
            return None;
        }
        let text = self.docs.join("\n");
        self.docs.clear();
        Some(text)
    }
}

/// UTF-16 units in UTF-8 text: one per character, two for those beyond the BMP.
fn utf16_len(bytes: &[u8]) -> u32 {
    bytes
        .iter()
        .map(|&b| match b {
            0x80..=0xBF => 0,
            0xF0..=0xFF => 2,
            _ => 1,
        })
        .sum()
}

fn utf8_len(lead: u8) -> usize {
    match lead {
        b if b < 0x80 => 1,
        b if b >= 0xF0 => 4,
        b if b >= 0xE0 => 3,
        _ => 2,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(src: &str) -> Vec<(Tok, String)> {
        let mut lexer = Lexer::new(src, 0);
        let mut out = Vec::new();
        while lexer.current() != Tok::Eof {
            let text = match lexer.current() {
                Tok::String | Tok::TextBlock => lexer.string_value().to_string(),
                Tok::Error => lexer.error_message().to_string(),
                _ => lexer.lexeme().to_string(),
            };
            out.push((lexer.current(), text));
            lexer.next();
        }
        out
    }

    #[test]
    fn tokens_and_positions() {
        let toks = kinds("namespace a.b\n@x(1.5e3) := \"q\\\"\"");
        let just: Vec<Tok> = toks.iter().map(|t| t.0).collect();
        use Tok::*;
        assert_eq!(
            just,
            [
                Identifier, Space, Identifier, Dot, Identifier, Newline, At, Identifier, LParen,
                Number, RParen, Space, Walrus, Space, String
            ]
        );
        assert_eq!(toks[14].1, "q\"");
        let mut lexer = Lexer::new("a\r\n  b", 0);
        lexer.next();
        lexer.next();
        lexer.next();
        assert_eq!((lexer.loc().line, lexer.loc().col), (2, 3));
    }

    #[test]
    fn doc_comments_are_buffered() {
        let mut lexer = Lexer::new("/// one\n///two\r\n///\n", 0);
        lexer.skip_ws_and_docs();
        assert_eq!(lexer.take_docs().as_deref(), Some("one\ntwo\n"));
    }

    #[test]
    fn errors_carry_smithy_messages() {
        assert_eq!(
            kinds("1.")[0].1,
            "Invalid number '1.': '.' must be followed by a digit"
        );
        assert_eq!(
            kinds("-x")[0].1,
            "Invalid number '-': '-' must be followed by a digit"
        );
        assert_eq!(kinds("!")[0].1, "Unexpected character: '!'");
        assert_eq!(
            kinds("\"a\\'\"")[0].1,
            "Error parsing quoted string: Invalid escape found in string: `\\'`"
        );
        assert_eq!(
            kinds("\"abc\n")[0].1,
            "Error parsing quoted string: Syntax error at line 2, column 1: Expected: '\"', but found '[EOF]'"
        );
        assert_eq!(
            kinds("_ ")[0].1,
            "Syntax error at line 1, column 2: Expected a valid identifier character, but found ' '"
        );
    }
}
