//! JSON text for nodes: compact for messages, indented by four spaces for `smithy ast` output.

use super::node::Node;
use std::fmt::Write;

/// Writes `node`; with `indent`, pretty-printed with that many spaces per level.
pub fn write_node(out: &mut String, node: &Node, indent: Option<usize>, level: usize) {
    match node {
        Node::Null => out.push_str("null"),
        Node::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Node::Number(n) => out.push_str(&n.to_text()),
        Node::String(s) => write_string(out, s),
        Node::Ref(r) => write_string(out, &r.text),
        Node::Array(items) => {
            write_seq(out, '[', ']', items, indent, level, |out, item, level| {
                write_node(out, item, indent, level)
            });
        }
        Node::Object(map) => {
            write_seq(
                out,
                '{',
                '}',
                map.iter(),
                indent,
                level,
                |out, (key, value), level| {
                    write_string(out, key);
                    out.push_str(if indent.is_some() { ": " } else { ":" });
                    write_node(out, value, indent, level);
                },
            );
        }
    }
}

/// Writes a bracketed, comma-separated sequence; empty ones stay on one line.
pub fn write_seq<I: IntoIterator>(
    out: &mut String,
    open: char,
    close: char,
    items: I,
    indent: Option<usize>,
    level: usize,
    mut write_item: impl FnMut(&mut String, I::Item, usize),
) {
    out.push(open);
    let mut any = false;
    for item in items {
        if any {
            out.push(',');
        }
        any = true;
        newline(out, indent, level + 1);
        write_item(out, item, level + 1);
    }
    if any {
        newline(out, indent, level);
    }
    out.push(close);
}

fn newline(out: &mut String, indent: Option<usize>, level: usize) {
    if let Some(width) = indent {
        out.push('\n');
        out.extend(std::iter::repeat_n(' ', width * level));
    }
}

pub fn write_string(out: &mut String, s: &str) {
    out.push('"');
    let mut start = 0;
    for (i, c) in s.char_indices() {
        let escaped = match c {
            '"' => "\\\"",
            '\\' => "\\\\",
            '\n' => "\\n",
            '\r' => "\\r",
            '\t' => "\\t",
            '\u{8}' => "\\b",
            '\u{c}' => "\\f",
            c if (c as u32) < 0x20 => "",
            _ => continue,
        };
        out.push_str(&s[start..i]);
        if escaped.is_empty() {
            let _ = write!(out, "\\u{:04x}", c as u32);
        } else {
            out.push_str(escaped);
        }
        start = i + c.len_utf8();
    }
    out.push_str(&s[start..]);
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::idl::node::Number;

    #[test]
    fn pretty_and_compact() {
        let node = Node::object(
            [
                (
                    "a".to_string(),
                    Node::Array(vec![Node::Number(Number::Int(1)), Node::Null]),
                ),
                ("b".to_string(), Node::empty_object()),
                ("c".to_string(), Node::String("x\"\n\u{1}".into())),
            ]
            .into_iter()
            .collect(),
        );
        let mut compact = String::new();
        write_node(&mut compact, &node, None, 0);
        assert_eq!(compact, r#"{"a":[1,null],"b":{},"c":"x\"\n\u0001"}"#);
        let mut pretty = String::new();
        write_node(&mut pretty, &node, Some(4), 0);
        assert_eq!(pretty, "{\n    \"a\": [\n        1,\n        null\n    ],\n    \"b\": {},\n    \"c\": \"x\\\"\\n\\u0001\"\n}");
    }
}
