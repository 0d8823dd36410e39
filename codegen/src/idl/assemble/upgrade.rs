//! Smithy 1.0 files read as 2.0, as Smithy upgrades them: numbers and booleans that were
//! non-null by default get an explicit zero `@default`, `@box` becomes `@default(null)` on
//! members (and disappears: it does not exist in 2.0).

use super::super::model::{Model, ShapeDef};
use super::super::node::{Node, Number};
use super::super::syntax::{ShapeType, Version};

const BOX: &str = "smithy.api#box";
const DEFAULT: &str = "smithy.api#default";

pub(super) fn upgrade(model: &mut Model, base: Option<&Model>) {
    for shape in model.shapes.values_mut() {
        shape.boxed = match shape.version {
            Version::V1 => shape.traits.contains_key(BOX),
            Version::V2 => {
                shape.kind.had_v1_default()
                    && !is_zero_default(shape.traits.get(DEFAULT), shape.kind)
            }
        };
        if shape.version == Version::V1 && shape.kind.had_v1_default() && !shape.boxed {
            shape
                .traits
                .insert(DEFAULT.to_string(), zero_value(shape.kind));
        }
    }
    let upgrades = member_defaults(model, base);
    for (shape, member, value) in upgrades {
        if let Some(m) = model
            .shapes
            .get_mut(&shape)
            .and_then(|s| s.members.get_mut(&member))
        {
            m.traits.insert(DEFAULT.to_string(), value);
        }
    }
    for shape in model.shapes.values_mut() {
        shape.traits.remove(BOX);
        for member in shape.members.values_mut() {
            member.traits.remove(BOX);
        }
    }
}

/// The `@default` each 1.0 structure member gets: the zero value where its target had one
/// (or a streaming blob, which 2.0 requires to have a default), `null` where it was boxed.
fn member_defaults(model: &Model, base: Option<&Model>) -> Vec<(String, String, Node)> {
    let lookup = |id: &str| model.lookup(base, id);
    let mut upgrades = Vec::new();
    let v1_structures = model
        .shapes
        .iter()
        .filter(|(_, s)| s.version == Version::V1 && s.kind == ShapeType::Structure);
    for (id, shape) in v1_structures {
        for (name, member) in &shape.members {
            let Some(target) = lookup(&member.target) else {
                continue;
            };
            let member_boxed = member.traits.contains_key(BOX);
            let had_default =
                target.kind.had_v1_default() || streaming_blob_needs_default(member, target);
            if had_default && !member.traits.contains_key(DEFAULT) && !member_boxed && !target.boxed
            {
                upgrades.push((id.clone(), name.clone(), zero_value(target.kind)));
            } else if member_boxed {
                upgrades.push((id.clone(), name.clone(), Node::Null));
            }
        }
    }
    upgrades
}

fn streaming_blob_needs_default(
    member: &super::super::model::MemberDef,
    target: &ShapeDef,
) -> bool {
    !member.traits.contains_key("smithy.api#required")
        && target.kind == ShapeType::Blob
        && target.traits.contains_key("smithy.api#streaming")
}

/// Whether a 2.0 default keeps a shape non-null for 1.0 readers (the 1.0 zero value).
fn is_zero_default(value: Option<&Node>, kind: ShapeType) -> bool {
    match (value, kind) {
        (Some(Node::Bool(b)), ShapeType::Boolean) => !b,
        (Some(Node::Number(n)), k) if k.had_v1_default() && k != ShapeType::Boolean => match n {
            Number::Int(i) => *i == 0,
            Number::Float(f) => *f == 0.0,
            Number::Big(_) => false,
        },
        _ => false,
    }
}

fn zero_value(kind: ShapeType) -> Node {
    match kind {
        ShapeType::Boolean => Node::Bool(false),
        ShapeType::Blob | ShapeType::String => Node::String(String::new()),
        ShapeType::List | ShapeType::Set => Node::Array(Vec::new()),
        ShapeType::Map => Node::empty_object(),
        ShapeType::Document => Node::Null,
        _ => Node::Number(Number::Int(0)),
    }
}
