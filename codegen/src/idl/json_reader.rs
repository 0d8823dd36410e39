//! A strict JSON parser into [`Node`]s: JSON AST files join IDL files in one model, with exact
//! numbers (Smithy keeps big integers and decimals) and errors at a line and column.

use super::lexer::SyntaxError;
use super::node::{Loc, Node, Number};
use super::strings;
use crate::idl::fxhash::FxIndexMap as IndexMap;

/// Deep enough for real rule sets and test cases; it bounds recursion on hostile input.
const MAX_DEPTH: usize = 256;

pub fn parse(text: &str, file: u32) -> Result<Node, Box<SyntaxError>> {
    let mut reader = Reader {
        text,
        bytes: text.as_bytes(),
        pos: 0,
        file,
        depth: 0,
    };
    reader.ws();
    let node = reader.value()?;
    reader.ws();
    if reader.pos < reader.bytes.len() {
        return Err(reader.error("Unexpected text after the JSON value"));
    }
    Ok(node)
}

struct Reader<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    file: u32,
    depth: usize,
}

impl Reader<'_> {
    /// Line and column of the current position (computed only for errors).
    fn error(&self, message: &str) -> Box<SyntaxError> {
        let before = &self.text[..self.pos.min(self.text.len())];
        let line = before.matches('\n').count() as u32 + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let col = before[line_start..].encode_utf16().count() as u32 + 1;
        let found = self.text[self.pos..]
            .chars()
            .next()
            .map_or("end of file".to_string(), |c| format!("'{c}'"));
        Box::new(SyntaxError {
            loc: Loc {
                file: self.file,
                line,
                col,
            },
            shape: None,
            message: format!("invalid JSON: {message}, found {found}"),
        })
    }

    fn ws(&mut self) {
        while matches!(self.bytes.get(self.pos), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    fn eat(&mut self, b: u8) -> bool {
        if self.bytes.get(self.pos) == Some(&b) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn value(&mut self) -> Result<Node, Box<SyntaxError>> {
        match self.bytes.get(self.pos) {
            Some(b'{') => self.nested(Reader::object),
            Some(b'[') => self.nested(Reader::array),
            Some(b'"') => Ok(Node::String(self.string()?)),
            Some(b'-' | b'0'..=b'9') => self.number(),
            _ => self.keyword(),
        }
    }

    fn nested(
        &mut self,
        parse: fn(&mut Self) -> Result<Node, Box<SyntaxError>>,
    ) -> Result<Node, Box<SyntaxError>> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.error(&format!("values nest more than {MAX_DEPTH} levels deep")));
        }
        let node = parse(self);
        self.depth -= 1;
        node
    }

    fn keyword(&mut self) -> Result<Node, Box<SyntaxError>> {
        for (word, node) in [
            ("true", Node::Bool(true)),
            ("false", Node::Bool(false)),
            ("null", Node::Null),
        ] {
            if self.bytes[self.pos..].starts_with(word.as_bytes()) {
                self.pos += word.len();
                return Ok(node);
            }
        }
        Err(self.error("expected a value"))
    }

    fn object(&mut self) -> Result<Node, Box<SyntaxError>> {
        self.pos += 1;
        let mut map = IndexMap::default();
        self.ws();
        if self.eat(b'}') {
            return Ok(Node::object(map));
        }
        loop {
            self.ws();
            if self.bytes.get(self.pos) != Some(&b'"') {
                return Err(self.error("expected a string key"));
            }
            let key_pos = self.pos;
            let key = self.string()?;
            self.ws();
            if !self.eat(b':') {
                return Err(self.error("expected ':'"));
            }
            self.ws();
            let value = self.value()?;
            if map.insert(key, value).is_some() {
                self.pos = key_pos;
                return Err(self.error("duplicate key"));
            }
            self.ws();
            if self.eat(b'}') {
                return Ok(Node::object(map));
            }
            if !self.eat(b',') {
                return Err(self.error("expected ',' or '}'"));
            }
        }
    }

    fn array(&mut self) -> Result<Node, Box<SyntaxError>> {
        self.pos += 1;
        let mut items = Vec::new();
        self.ws();
        if self.eat(b']') {
            return Ok(Node::Array(items));
        }
        loop {
            self.ws();
            items.push(self.value()?);
            self.ws();
            if self.eat(b']') {
                return Ok(Node::Array(items));
            }
            if !self.eat(b',') {
                return Err(self.error("expected ',' or ']'"));
            }
        }
    }

    fn string(&mut self) -> Result<String, Box<SyntaxError>> {
        let start = self.pos + 1;
        let mut i = start;
        let mut escaped = false;
        loop {
            match self.bytes.get(i) {
                None => {
                    self.pos = i;
                    return Err(self.error("unterminated string"));
                }
                Some(b'"') => break,
                Some(b'\\') if self.bytes.get(i + 1).is_some_and(|&b| b >= 0x20) => {
                    escaped = true;
                    i += 2;
                }
                Some(&b) if b < 0x20 => {
                    self.pos = i;
                    return Err(self.error("control character in string"));
                }
                Some(_) => i += 1,
            }
        }
        let raw = &self.text[start..i];
        self.pos = i + 1;
        if !escaped {
            return Ok(raw.to_string());
        }
        // JSON's escapes are a subset of the IDL's (which also allows an escaped line break).
        strings::decode(raw, false)
            .map(|s| s.into_owned())
            .map_err(|message| {
                self.pos = start;
                self.error(&message)
            })
    }

    fn number(&mut self) -> Result<Node, Box<SyntaxError>> {
        let start = self.pos;
        self.eat(b'-');
        let digits = |r: &mut Self| {
            let n = r.bytes[r.pos..]
                .iter()
                .take_while(|b| b.is_ascii_digit())
                .count();
            r.pos += n;
            n
        };
        let int_start = self.pos;
        if digits(self) == 0 || (self.bytes[int_start] == b'0' && self.pos - int_start > 1) {
            self.pos = int_start;
            return Err(self.error("invalid number"));
        }
        if self.eat(b'.') && digits(self) == 0 {
            return Err(self.error("invalid number: '.' must be followed by a digit"));
        }
        if matches!(self.bytes.get(self.pos), Some(b'e' | b'E')) {
            self.pos += 1;
            if matches!(self.bytes.get(self.pos), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            if digits(self) == 0 {
                return Err(self.error("invalid number: the exponent needs a digit"));
            }
        }
        Ok(Node::Number(Number::parse(&self.text[start..self.pos])))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_json_with_exact_numbers() {
        let node = parse(
            r#" {"a": [1, -2.5, 1e400, true, null], "b": "x\u0041\n"} "#,
            0,
        )
        .unwrap();
        assert_eq!(
            node.to_json(),
            r#"{"a":[1,-2.5,1e400,true,null],"b":"xA\n"}"#
        );
    }

    #[test]
    fn errors_have_positions() {
        let err = parse("{\n  \"a\": 01}", 0).unwrap_err();
        assert_eq!((err.loc.line, err.loc.col), (2, 8));
        assert!(parse("{\"a\":1,\"a\":2}", 0)
            .unwrap_err()
            .message
            .contains("duplicate key"));
        assert!(parse("[1,]", 0).is_err());
        assert!(parse("\"\\q\"", 0).is_err());
        assert!(parse(&"[".repeat(300), 0)
            .unwrap_err()
            .message
            .contains("nest"));
    }
}
