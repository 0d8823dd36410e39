//! Node values (trait values, metadata, default values) as Smithy models them: JSON-like, but
//! with numbers kept exact and, before assembly, unquoted shape ids still unresolved.

use crate::idl::fxhash::FxIndexMap as IndexMap;
use serde_json::Value;

/// Where something was written: an index into the assembler's file table, 1-based line and
/// column (columns count UTF-16 code units, as Smithy's tokenizer does).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Loc {
    pub file: u32,
    pub line: u32,
    pub col: u32,
}

#[derive(Debug, Clone)]
pub enum Node {
    Null,
    Bool(bool),
    Number(Number),
    String(String),
    Array(Vec<Node>),
    /// Boxed so that a node is as small as a string: values move a lot during assembly.
    Object(Box<IndexMap<String, Node>>),
    /// An unquoted identifier in IDL (`resource: City`): a shape id that assembly resolves to an
    /// absolute id string. Never present in an assembled model.
    Ref(Box<IdRef>),
}

/// A shape id as written in IDL (relative or absolute), and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdRef {
    pub text: String,
    pub loc: Loc,
}

/// Integers that fit `i64` and finite doubles are kept as such; anything larger keeps its
/// lexeme, as Smithy keeps a `BigInteger` or `BigDecimal`.
#[derive(Debug, Clone)]
pub enum Number {
    Int(i64),
    Float(f64),
    Big(Box<str>),
}

impl Number {
    /// Parses a lexeme the tokenizer (or JSON reader) already checked against the number grammar.
    pub fn parse(lexeme: &str) -> Number {
        let is_float = lexeme.bytes().any(|b| matches!(b, b'.' | b'e' | b'E'));
        if !is_float {
            if let Ok(i) = lexeme.parse::<i64>() {
                return Number::Int(i);
            }
        } else if let Ok(f) = lexeme.parse::<f64>() {
            if f.is_finite() {
                return Number::Float(f);
            }
        }
        // `2E+308` and `2e308` are the same BigDecimal: compare and print one spelling.
        Number::Big(lexeme.replace('E', "e").replace("e+", "e").into())
    }

    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Number::Int(i) => Some(*i),
            _ => None,
        }
    }

    pub fn is_float(&self) -> bool {
        match self {
            Number::Float(_) => true,
            Number::Int(_) => false,
            Number::Big(text) => text.contains(['.', 'e']),
        }
    }

    /// The JSON (and IDL) spelling.
    pub fn to_text(&self) -> String {
        match self {
            Number::Int(i) => i.to_string(),
            Number::Float(f) => format!("{f:?}"),
            Number::Big(text) => text.to_string(),
        }
    }

    fn to_value(&self) -> Value {
        match self {
            Number::Int(i) => Value::from(*i),
            Number::Float(f) => serde_json::Number::from_f64(*f).map_or(Value::Null, Value::Number),
            Number::Big(text) => {
                if let Ok(u) = text.parse::<u64>() {
                    return Value::from(u);
                }
                // Beyond what serde_json holds (e.g. 1e400): the lexeme, as a string.
                let finite = text
                    .parse::<f64>()
                    .ok()
                    .and_then(serde_json::Number::from_f64);
                finite.map_or_else(|| Value::String(text.to_string()), Value::Number)
            }
        }
    }
}

impl PartialEq for Number {
    fn eq(&self, other: &Number) -> bool {
        match (self, other) {
            (Number::Int(a), Number::Int(b)) => a == b,
            (Number::Float(a), Number::Float(b)) => a.to_bits() == b.to_bits(),
            (Number::Big(a), Number::Big(b)) => a == b,
            _ => false,
        }
    }
}

/// Structural equality, as Smithy compares nodes: object keys in any order.
impl PartialEq for Node {
    fn eq(&self, other: &Node) -> bool {
        match (self, other) {
            (Node::Null, Node::Null) => true,
            (Node::Bool(a), Node::Bool(b)) => a == b,
            (Node::Number(a), Node::Number(b)) => a == b,
            (Node::String(a), Node::String(b)) => a == b,
            (Node::Array(a), Node::Array(b)) => a == b,
            (Node::Object(a), Node::Object(b)) => a == b,
            (Node::Ref(a), Node::Ref(b)) => a.text == b.text,
            _ => false,
        }
    }
}

impl Node {
    pub fn empty_object() -> Node {
        Node::object(IndexMap::default())
    }

    pub fn object(map: IndexMap<String, Node>) -> Node {
        Node::Object(Box::new(map))
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Node::String(s) => Some(s),
            Node::Ref(r) => Some(&r.text),
            _ => None,
        }
    }

    pub fn as_object(&self) -> Option<&IndexMap<String, Node>> {
        match self {
            Node::Object(map) => Some(map),
            _ => None,
        }
    }

    pub fn is_null(&self) -> bool {
        matches!(self, Node::Null)
    }

    /// Smithy's name for the node's type, for error messages.
    pub fn type_name(&self) -> &'static str {
        match self {
            Node::Null => "null",
            Node::Bool(_) => "boolean",
            Node::Number(_) => "number",
            Node::String(_) | Node::Ref(_) => "string",
            Node::Array(_) => "array",
            Node::Object(_) => "object",
        }
    }

    /// The value for the generator, consuming the node (documentation strings move, not copy).
    pub fn into_value(self) -> Value {
        match self {
            Node::Null => Value::Null,
            Node::Bool(b) => Value::Bool(b),
            Node::Number(n) => n.to_value(),
            Node::String(s) => Value::String(s),
            Node::Ref(r) => Value::String(r.text),
            Node::Array(items) => Value::Array(items.into_iter().map(Node::into_value).collect()),
            Node::Object(map) => {
                Value::Object(map.into_iter().map(|(k, v)| (k, v.into_value())).collect())
            }
        }
    }

    /// A node from a generator value (numbers keep their JSON spelling).
    pub fn from_value(value: &Value) -> Node {
        match value {
            Value::Null => Node::Null,
            Value::Bool(b) => Node::Bool(*b),
            Value::Number(n) => Node::Number(Number::parse(&n.to_string())),
            Value::String(s) => Node::String(s.clone()),
            Value::Array(items) => Node::Array(items.iter().map(Node::from_value).collect()),
            Value::Object(map) => Node::object(
                map.iter()
                    .map(|(k, v)| (k.clone(), Node::from_value(v)))
                    .collect(),
            ),
        }
    }

    /// Compact JSON, for messages.
    pub fn to_json(&self) -> String {
        let mut out = String::new();
        super::json_writer::write_node(&mut out, self, None, 0);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_keep_their_kind_and_big_values() {
        assert_eq!(Number::parse("10"), Number::Int(10));
        assert_eq!(Number::parse("-1.5"), Number::Float(-1.5));
        assert_eq!(
            Number::parse("9223372036854775808").to_text(),
            "9223372036854775808"
        );
        assert_eq!(Number::parse("2E+308"), Number::parse("2e308"));
        assert_ne!(Number::parse("1"), Number::parse("1.0"));
        assert_eq!(Number::parse("1e300").to_text(), "1e300");
    }

    #[test]
    fn object_equality_ignores_key_order() {
        let a = Node::object(
            [("a".into(), Node::Null), ("b".into(), Node::Bool(true))]
                .into_iter()
                .collect::<IndexMap<_, _>>(),
        );
        let b = Node::object(
            [("b".into(), Node::Bool(true)), ("a".into(), Node::Null)]
                .into_iter()
                .collect::<IndexMap<_, _>>(),
        );
        assert_eq!(a, b);
    }
}
