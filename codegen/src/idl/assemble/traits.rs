//! Traits merged per target, as Smithy merges them: an annotation takes its value from the
//! trait's type, a list trait applied twice concatenates, the same value twice is kept once,
//! and different values conflict. Traits written on a definition stay with it; `apply` ones
//! wait in a [`TraitMap`] for their shape.

use super::super::diag::Diag;
use super::super::node::{Loc, Node};
use super::super::syntax::{ShapeType, Version};
use super::symbols::Symbols;
use super::{idiomatic, merge_value, AppliedTrait, Entries, TraitOp};
use crate::idl::fxhash::FxHashMap as HashMap;
use crate::idl::fxhash::FxIndexMap as IndexMap;

/// Trait id, value, and where it was (first) applied.
pub(super) type Applied = Entries;

/// What a trait is applied to: a shape, or one of its members (spelled out only for messages).
#[derive(Clone, Copy)]
pub(super) struct Target<'a> {
    pub shape: &'a str,
    pub member: Option<&'a str>,
}

impl Target<'_> {
    fn id(&self) -> String {
        match self.member {
            Some(member) => format!("{}${member}", self.shape),
            None => self.shape.to_string(),
        }
    }
}

/// Checks traits as they are applied and remembers which were used.
pub(super) struct TraitChecker<'a> {
    pub symbols: &'a Symbols<'a>,
    /// Each trait used, and where first: checked against its definition once shapes are built.
    pub used: IndexMap<String, (Loc, ShapeType)>,
}

impl TraitChecker<'_> {
    /// Adds one application to `applied` (for `target`), unless the trait is unknown.
    pub fn apply(
        &mut self,
        applied: &mut Applied,
        target: Target,
        t: AppliedTrait,
        diags: &mut Vec<Diag>,
    ) {
        if let Some(diag) = version_problem(&t, target) {
            diags.push(diag);
        }
        let kind = match self.used.get(&t.trait_id) {
            Some((_, kind)) => Some(*kind),
            None => self.symbols.kind(&t.trait_id),
        };
        let Some(kind) = kind else {
            let message = format!(
                "Unable to resolve trait `{}`. If this is a custom trait, then it must be defined \
                 before it can be used in a model.",
                t.trait_id
            );
            return diags.push(Diag::new(t.loc, Some(&target.id()), message));
        };
        if !self.used.contains_key(&t.trait_id) {
            self.used.insert(t.trait_id.clone(), (t.loc, kind));
        }
        let value = if t.annotation {
            annotation_value(kind)
        } else {
            t.value
        };
        merge_one(applied, (t.trait_id, value, t.loc), target, diags);
    }

    /// The traits written on one definition, merged.
    pub fn collect(
        &mut self,
        target: Target,
        traits: Vec<AppliedTrait>,
        diags: &mut Vec<Diag>,
    ) -> Applied {
        let mut applied = Applied::with_capacity(traits.len());
        for t in traits {
            self.apply(&mut applied, target, t, diags);
        }
        applied
    }
}

/// Adds one trait to a target's traits; the same trait with another value is a conflict.
fn merge_one(
    applied: &mut Applied,
    (trait_id, value, loc): (String, Node, Loc),
    target: Target,
    diags: &mut Vec<Diag>,
) {
    if let Some((trait_id, previous)) = merge_value(applied, trait_id, value, loc) {
        let message = format!(
            "Conflicting `{trait_id}` trait found on shape `{}`",
            target.id()
        );
        diags.push(Diag::new(loc, Some(target.shape), message).related(previous));
    }
}

/// Adds `from`'s traits to `into`'s (a definition's and `apply`'s, say).
pub(super) fn merge_all(into: &mut Applied, from: Applied, target: Target, diags: &mut Vec<Diag>) {
    for entry in from {
        merge_one(into, entry, target, diags);
    }
}

/// `@trait` with no value: `{}` for structures and maps (and unknown traits), `[]` for lists.
fn annotation_value(kind: ShapeType) -> Node {
    match kind {
        ShapeType::List | ShapeType::Set => Node::Array(Vec::new()),
        ShapeType::Structure | ShapeType::Map => Node::empty_object(),
        _ => Node::Null,
    }
}

/// Traits one IDL version does not allow.
fn version_problem(t: &AppliedTrait, target: Target) -> Option<Diag> {
    let message = match (t.version, t.trait_id.as_str()) {
        (Version::V1, "smithy.api#mixin") => format!(
            "Mixins can only be used in Smithy 2.0 or later. Attempted to apply a @mixin trait to \
             `{}` in a model file using version `1.0`.",
            target.id()
        ),
        (Version::V1, "smithy.api#default") => {
            "The @default trait can only be used in Smithy 2.0 or later".into()
        }
        (Version::V2, "smithy.api#box") => "@box is not supported in Smithy IDL 2.0".into(),
        _ => return None,
    };
    Some(Diag::new(t.loc, Some(&target.id()), message))
}

/// Traits a shape and its members get from `apply` statements.
#[derive(Default)]
pub(super) struct RootTraits {
    pub shape: Applied,
    pub members: IndexMap<String, Applied>,
}

/// `apply` statements' traits by the shape they target, until it is built.
#[derive(Default)]
pub(super) struct TraitMap {
    pub by_root: HashMap<String, RootTraits>,
}

impl TraitMap {
    pub fn add(&mut self, op: TraitOp, checker: &mut TraitChecker, diags: &mut Vec<Diag>) {
        if op.namespace != "smithy.api" && op.target.starts_with("smithy.api#") {
            let message = format!(
                "Cannot apply `{}` to an immutable prelude shape defined in `smithy.api`.",
                op.applied.trait_id
            );
            return diags.push(Diag::new(op.applied.loc, Some(&op.target), message));
        }
        let (shape, member) = match op.target.split_once('$') {
            Some((shape, member)) => (shape, Some(member)),
            None => (op.target.as_str(), None),
        };
        let entry = self.by_root.entry(shape.to_string()).or_default();
        let applied = match member {
            Some(member) => entry.members.entry(member.to_string()).or_default(),
            None => &mut entry.shape,
        };
        checker.apply(applied, Target { shape, member }, op.applied, diags);
    }
}

/// `Trait `x` applied to unknown shape `y``: traits left after every shape took its own.
pub(super) fn unclaimed(map: TraitMap, diags: &mut Vec<Diag>) {
    let mut left: Vec<(String, Applied)> = Vec::new();
    for (root, traits) in map.by_root {
        left.push((root.clone(), traits.shape));
        left.extend(
            traits
                .members
                .into_iter()
                .map(|(m, a)| (format!("{root}${m}"), a)),
        );
    }
    left.sort_by(|a, b| a.0.cmp(&b.0));
    for (target, traits) in left {
        for (trait_id, _, loc) in traits {
            let message = format!(
                "Trait `{}` applied to unknown shape `{target}`",
                idiomatic(&trait_id)
            );
            diags.push(Diag::new(loc, None, message));
        }
    }
}
