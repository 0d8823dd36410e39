//! The assembled model handed to the JSON AST loader's validation and normalization, so the
//! generator sees IDL models exactly as it sees JSON ones. Bundled and prelude shapes go along
//! only where the model reaches them.

use super::model::{MemberDef, Model, ShapeDef};
use crate::model::ast::{Ast, AstMember, AstShape, Ref};
use indexmap::IndexMap;
use std::collections::BTreeSet;

/// The prelude shapes the loader defines itself.
const LOADER_PRELUDE: [&str; 21] = [
    "String",
    "Blob",
    "BigInteger",
    "BigDecimal",
    "Timestamp",
    "Document",
    "Boolean",
    "Byte",
    "Short",
    "Integer",
    "Long",
    "Float",
    "Double",
    "PrimitiveBoolean",
    "PrimitiveByte",
    "PrimitiveShort",
    "PrimitiveInteger",
    "PrimitiveLong",
    "PrimitiveFloat",
    "PrimitiveDouble",
    "Unit",
];

pub fn to_ast(model: Model, base: &Model) -> Ast {
    let needed = reachable(&model, base);
    let mut shapes = IndexMap::with_capacity(model.shapes.len() + needed.len());
    for id in &needed {
        if let Some(shape) = base.shapes.get(id) {
            shapes.insert(id.clone(), convert(shape.clone()));
        }
    }
    for (id, shape) in model.shapes {
        shapes.insert(id, convert(shape));
    }
    Ast {
        smithy: "2.0".to_string(),
        shapes,
    }
}

/// Prelude and bundled shapes the input's shapes refer to (transitively).
fn reachable(model: &Model, base: &Model) -> BTreeSet<String> {
    let mut needed = BTreeSet::new();
    let mut pending: Vec<&String> = model.shapes.values().flat_map(references).collect();
    while let Some(id) = pending.pop() {
        if model.shapes.contains_key(id) || is_loader_prelude(id) || needed.contains(id) {
            continue;
        }
        if let Some(shape) = base.shapes.get(id) {
            needed.insert(id.clone());
            pending.extend(references(shape));
        }
    }
    needed
}

fn references(shape: &ShapeDef) -> impl Iterator<Item = &String> {
    shape
        .members
        .values()
        .map(|m| &m.target)
        .chain(&shape.mixins)
        .chain(shape.props.references())
}

fn is_loader_prelude(id: &str) -> bool {
    id.strip_prefix("smithy.api#")
        .is_some_and(|name| LOADER_PRELUDE.contains(&name))
}

fn refs(ids: Vec<String>) -> Vec<Ref> {
    ids.into_iter().map(|target| Ref { target }).collect()
}

/// Inherited members go along with their introduced traits: the loader merges them into the
/// mixin's copy when it flattens mixins, as `apply` would.
fn member(m: MemberDef) -> AstMember {
    AstMember {
        target: m.target,
        traits: m
            .traits
            .into_iter()
            .map(|(k, v)| (k, v.into_value()))
            .collect(),
    }
}

fn convert(shape: ShapeDef) -> AstShape {
    let named = shape.kind.has_named_members();
    let mut members = IndexMap::with_capacity(if named { shape.members.len() } else { 0 });
    let (mut single, mut key, mut value) = (None, None, None);
    for (name, m) in shape.members {
        match name.as_str() {
            _ if named => {
                members.insert(name, member(m));
            }
            "member" => single = Some(member(m)),
            "key" => key = Some(member(m)),
            _ => value = Some(member(m)),
        }
    }
    let props = shape.props;
    let one = |t: Option<String>| t.map(|target| Ref { target });
    let ref_map = |m: super::fxhash::FxIndexMap<String, String>| {
        m.into_iter()
            .map(|(k, target)| (k, Ref { target }))
            .collect()
    };
    AstShape {
        kind: shape.kind.name().to_string(),
        traits: shape
            .traits
            .into_iter()
            .map(|(k, v)| (k, v.into_value()))
            .collect(),
        mixins: refs(shape.mixins),
        members,
        member: single,
        key,
        value,
        input: one(props.input),
        output: one(props.output),
        errors: refs(props.errors),
        version: props.version,
        operations: refs(props.operations),
        resources: refs(props.resources),
        rename: props.rename.into_iter().collect(),
        identifiers: ref_map(props.identifiers),
        properties: ref_map(props.properties),
        create: one(props.create),
        put: one(props.put),
        read: one(props.read),
        update: one(props.update),
        delete: one(props.delete),
        list: one(props.list),
        collection_operations: refs(props.collection_operations),
    }
}
