//! Node values and strings in IDL syntax: compact when they fit on the line, one item per line
//! otherwise.

use super::super::node::Node;
use std::fmt::Write;

/// Lines longer than this are broken up.
const WIDTH: usize = 100;

/// A value at `indent` spaces (the column it starts at, for the width check).
pub fn write_value(out: &mut String, node: &Node, indent: usize, column: usize) {
    let compact = compact(node);
    if column + compact.len() <= WIDTH || !is_container(node) {
        out.push_str(&compact);
        return;
    }
    let inner = indent + 4;
    let pad = " ".repeat(inner);
    match node {
        Node::Array(items) => {
            out.push_str("[\n");
            for item in items {
                out.push_str(&pad);
                write_value(out, item, inner, inner);
                out.push_str(",\n");
            }
        }
        Node::Object(map) => {
            out.push_str("{\n");
            for (key, value) in map.iter() {
                out.push_str(&pad);
                let start = out.len();
                write_key(out, key);
                out.push_str(": ");
                let column = inner + out.len() - start;
                write_value(out, value, inner, column);
                out.push_str(",\n");
            }
        }
        _ => {}
    }
    out.push_str(&" ".repeat(indent));
    out.push(if matches!(node, Node::Array(_)) {
        ']'
    } else {
        '}'
    });
}

fn is_container(node: &Node) -> bool {
    matches!(node, Node::Array(items) if !items.is_empty())
        || matches!(node, Node::Object(map) if !map.is_empty())
}

/// The value on one line.
pub fn compact(node: &Node) -> String {
    let mut out = String::new();
    write_compact(&mut out, node);
    out
}

fn write_compact(out: &mut String, node: &Node) {
    match node {
        Node::Null => out.push_str("null"),
        Node::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Node::Number(n) => out.push_str(&n.to_text()),
        Node::String(s) => write_string(out, s),
        // Shape ids the printer writes unquoted (assembled models hold no references).
        Node::Ref(r) => out.push_str(&r.text),
        Node::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_compact(out, item);
            }
            out.push(']');
        }
        Node::Object(map) => {
            out.push('{');
            for (i, (key, value)) in map.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_key(out, key);
                out.push_str(": ");
                write_compact(out, value);
            }
            out.push('}');
        }
    }
}

/// An object key: bare when it is an identifier, quoted otherwise.
pub fn write_key(out: &mut String, key: &str) {
    if is_identifier(key) {
        out.push_str(key);
    } else {
        write_string(out, key);
    }
}

pub fn is_identifier(s: &str) -> bool {
    let rest = s.trim_start_matches('_');
    let first_ok = match rest.chars().next() {
        Some(c) if rest.len() < s.len() => c.is_ascii_alphanumeric(),
        Some(c) => c.is_ascii_alphabetic(),
        None => false,
    };
    first_ok && rest.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// A quoted string. Control characters are escaped (a raw CR would read back as a newline);
/// everything else is written as is.
pub fn write_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Documentation as `///` lines, when they say exactly the same (no carriage returns or other
/// control characters, which a comment cannot hold).
pub fn doc_comment(text: &str, indent: &str) -> Option<String> {
    if text
        .chars()
        .any(|c| (c as u32) < 0x20 && c != '\n' && c != '\t')
    {
        return None;
    }
    let mut out = String::with_capacity(text.len() + 8);
    for line in text.split('\n') {
        out.push_str(indent);
        out.push_str("///");
        if !line.is_empty() {
            out.push(' ');
            out.push_str(line);
        }
        out.push('\n');
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::idl::fxhash::FxIndexMap as IndexMap;
    use crate::idl::node::Number;

    #[test]
    fn values_print_compactly_or_one_item_per_line() {
        let object = Node::object(
            [
                ("method".to_string(), Node::String("GET".into())),
                ("a b".to_string(), Node::Number(Number::Int(1))),
            ]
            .into_iter()
            .collect::<IndexMap<_, _>>(),
        );
        assert_eq!(compact(&object), r#"{method: "GET", "a b": 1}"#);
        let long = Node::Array(vec![Node::String("x".repeat(60)); 2]);
        let mut out = String::new();
        write_value(&mut out, &long, 0, 0);
        assert_eq!(
            out,
            format!("[\n    \"{0}\",\n    \"{0}\",\n]", "x".repeat(60))
        );
    }

    #[test]
    fn strings_and_docs() {
        let mut out = String::new();
        write_string(&mut out, "a\"b\\\r\n\u{1}é");
        assert_eq!(out, r#""a\"b\\\r\n\u0001é""#);
        assert_eq!(
            doc_comment("one\n\n two", "").as_deref(),
            Some("/// one\n///\n///  two\n")
        );
        assert_eq!(doc_comment("a\rb", ""), None);
        assert!(
            is_identifier("_1a")
                && is_identifier("a_b")
                && !is_identifier("1a")
                && !is_identifier("a.b")
        );
    }
}
