//! Trait applications merged per target, as Smithy merges them: an annotation takes its value
//! from the trait's type, a list trait applied twice concatenates, the same value twice is kept
//! once, and different values conflict.

use super::super::diag::Diag;
use super::super::node::{Loc, Node};
use super::super::syntax::{ShapeType, Version};
use super::symbols::Symbols;
use super::{idiomatic, merge_value, root, TraitOp};
use indexmap::IndexMap;
use std::collections::HashMap;

pub(super) type Applied = IndexMap<String, (Node, Loc)>;

pub(super) struct TraitMap {
    pub by_target: HashMap<String, Applied>,
    /// Each trait used, and where first: checked against its definition once shapes are built.
    pub used: IndexMap<String, Loc>,
}

pub(super) fn collect(ops: Vec<TraitOp>, symbols: &Symbols, diags: &mut Vec<Diag>) -> TraitMap {
    let mut map = TraitMap {
        by_target: HashMap::new(),
        used: IndexMap::new(),
    };
    for op in ops {
        if let Some(diag) = version_problem(&op) {
            diags.push(diag);
        }
        let trait_kind = symbols.kind(&op.trait_id);
        if trait_kind.is_none() {
            let message = format!(
                "Unable to resolve trait `{}`. If this is a custom trait, then it must be defined before it can \
                 be used in a model.",
                op.trait_id
            );
            diags.push(Diag::new(op.loc, Some(&op.target), message));
            continue;
        }
        if op.namespace != "smithy.api" && op.target.starts_with("smithy.api#") {
            let message = format!(
                "Cannot apply `{}` to an immutable prelude shape defined in `smithy.api`.",
                op.trait_id
            );
            diags.push(Diag::new(op.loc, Some(&op.target), message));
            continue;
        }
        map.used.entry(op.trait_id.clone()).or_insert(op.loc);
        let value = if op.annotation {
            annotation_value(trait_kind)
        } else {
            op.value
        };
        let applied = map.by_target.entry(op.target.clone()).or_default();
        if let Some(previous) = merge_value(applied, &op.trait_id, value, op.loc) {
            let message = format!(
                "Conflicting `{}` trait found on shape `{}`",
                op.trait_id, op.target
            );
            diags.push(Diag::new(op.loc, Some(root(&op.target)), message).related(previous));
        }
    }
    map
}

/// `@trait` with no value: `{}` for structures and maps (and unknown traits), `[]` for lists.
fn annotation_value(kind: Option<ShapeType>) -> Node {
    match kind {
        Some(ShapeType::List | ShapeType::Set) => Node::Array(Vec::new()),
        Some(ShapeType::Structure | ShapeType::Map) | None => Node::empty_object(),
        Some(_) => Node::Null,
    }
}

/// Traits one IDL version does not allow.
fn version_problem(op: &TraitOp) -> Option<Diag> {
    let message = match (op.version, op.trait_id.as_str()) {
        (Version::V1, "smithy.api#mixin") => format!(
            "Mixins can only be used in Smithy 2.0 or later. Attempted to apply a @mixin trait to `{}` in a model \
             file using version `1.0`.",
            op.target
        ),
        (Version::V1, "smithy.api#default") => "The @default trait can only be used in Smithy 2.0 or later".into(),
        (Version::V2, "smithy.api#box") => "@box is not supported in Smithy IDL 2.0".into(),
        _ => return None,
    };
    Some(Diag::new(op.loc, Some(&op.target), message))
}

/// `Trait `x` applied to unknown shape `y``: traits left after every shape took its own.
pub(super) fn unclaimed(map: TraitMap, diags: &mut Vec<Diag>) {
    let mut left: Vec<(String, Applied)> = map.by_target.into_iter().collect();
    left.sort_by(|a, b| a.0.cmp(&b.0));
    for (target, traits) in left {
        for (trait_id, (_, loc)) in traits {
            let message = format!(
                "Trait `{}` applied to unknown shape `{target}`",
                idiomatic(&trait_id)
            );
            diags.push(Diag::new(loc, None, message));
        }
    }
}
