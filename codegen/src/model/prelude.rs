//! The Smithy prelude shapes every model may target without defining them.

use super::{traits, Kind, Shape};
use indexmap::IndexMap;
use serde_json::{json, Value};

/// The prelude's simple shapes, the Smithy 1.0 `Primitive*` shapes (which carry a zero default
/// in 2.0) and `Unit`.
pub fn shapes() -> Vec<Shape> {
    let simple = [
        ("String", Kind::String),
        ("Blob", Kind::Blob),
        ("BigInteger", Kind::BigInteger),
        ("BigDecimal", Kind::BigDecimal),
        ("Timestamp", Kind::Timestamp),
        ("Document", Kind::Document),
        ("Boolean", Kind::Boolean),
        ("Byte", Kind::Byte),
        ("Short", Kind::Short),
        ("Integer", Kind::Integer),
        ("Long", Kind::Long),
        ("Float", Kind::Float),
        ("Double", Kind::Double),
    ];
    let primitive = [
        ("PrimitiveBoolean", Kind::Boolean, json!(false)),
        ("PrimitiveByte", Kind::Byte, json!(0)),
        ("PrimitiveShort", Kind::Short, json!(0)),
        ("PrimitiveInteger", Kind::Integer, json!(0)),
        ("PrimitiveLong", Kind::Long, json!(0)),
        ("PrimitiveFloat", Kind::Float, json!(0)),
        ("PrimitiveDouble", Kind::Double, json!(0)),
    ];
    let mut out: Vec<Shape> = simple
        .into_iter()
        .map(|(name, kind)| shape(name, kind, IndexMap::new()))
        .collect();
    out.extend(primitive.into_iter().map(|(name, kind, default)| {
        shape(name, kind, IndexMap::from([(traits::DEFAULT.to_string(), default)]))
    }));
    out.push(shape(
        "Unit",
        Kind::Structure,
        IndexMap::from([(traits::UNIT_TYPE.to_string(), Value::Object(Default::default()))]),
    ));
    out
}

fn shape(name: &str, kind: Kind, traits: IndexMap<String, Value>) -> Shape {
    Shape { id: format!("smithy.api#{name}"), kind, traits, members: Vec::new() }
}
