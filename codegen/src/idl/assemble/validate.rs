//! The checks Smithy's loader and core validators make that a model needs before code can be
//! generated from it: member counts and enum values, mixin rules, trait definitions, and that
//! every reference names a shape of the right type.

use super::super::diag::Diag;
use super::super::model::{Model, Origin, Props, ShapeDef};
use super::super::node::{Loc, Node, Number};
use super::super::syntax::ShapeType;
use crate::idl::fxhash::FxIndexMap as IndexMap;

const UNIT: &str = "smithy.api#Unit";

/// Rules about one shape on its own.
pub(super) fn shape(id: &str, shape: &ShapeDef, diags: &mut Vec<Diag>) {
    let mut error = |message: String| diags.push(Diag::new(shape.loc, Some(id), message));
    let is_mixin = shape.traits.contains_key("smithy.api#mixin");
    let required: &[&str] = match shape.kind {
        ShapeType::List | ShapeType::Set => &["member"],
        ShapeType::Map => &["key", "value"],
        _ => &[],
    };
    let missing: Vec<&str> = required
        .iter()
        .copied()
        .filter(|m| !shape.members.contains_key(*m))
        .collect();
    if !missing.is_empty() && !is_mixin {
        let plural = if missing.len() > 1 { "s" } else { "" };
        error(format!(
            "Missing required member{plural} of shape `{id}`: {}",
            missing.join(", ")
        ));
    }
    if !required.is_empty() {
        if let Some(extra) = shape
            .members
            .keys()
            .find(|m| !required.contains(&m.as_str()))
        {
            error(format!(
                "{} shapes cannot have a member named `{extra}`",
                shape.kind.name()
            ));
        }
    }
    match shape.kind {
        ShapeType::Operation if is_mixin => {
            let io = [&shape.props.input, &shape.props.output];
            if io.iter().any(|t| t.as_deref().is_some_and(|t| t != UNIT)) {
                error(format!(
                    "Operation shapes with the mixin trait MUST target `{UNIT}` for their input and output. \
                     Operation mixin shape `{id}` defines one or both of these properties."
                ));
            }
        }
        ShapeType::Resource if is_mixin && defines_resource_properties(&shape.props) => error(format!(
            "Resource shapes with the mixin trait may not define any properties. Resource mixin shape `{id}` \
             defines one or more properties."
        )),
        ShapeType::Enum if shape.members.is_empty() && !is_mixin => error("enum must have at least one entry".into()),
        ShapeType::IntEnum if shape.members.is_empty() && !is_mixin => {
            error("intEnum shapes must have at least one member".into())
        }
        ShapeType::Enum | ShapeType::IntEnum => enum_values(id, shape, diags),
        _ => {}
    }
}

/// A resource mixin may carry traits, collection operations and nothing else.
fn defines_resource_properties(props: &Props) -> bool {
    !props.identifiers.is_empty()
        || !props.properties.is_empty()
        || props.lifecycle().iter().any(|(_, op)| op.is_some())
        || !props.operations.is_empty()
        || !props.resources.is_empty()
}

fn enum_values(id: &str, shape: &ShapeDef, diags: &mut Vec<Diag>) {
    for (name, member) in &shape.members {
        let value = member.traits.get("smithy.api#enumValue");
        let problem = match (shape.kind, value) {
            (ShapeType::Enum, Some(Node::String(s))) if s.is_empty() => {
                Some("enum values may not be empty".to_string())
            }
            (ShapeType::Enum, Some(Node::String(_)) | None) => None,
            (ShapeType::Enum, Some(other)) => Some(format!(
                "enum members can only be assigned string values, but found: {}",
                other.to_json()
            )),
            (_, Some(Node::Number(n))) if n.is_float() => Some(format!(
                "intEnum members do not support floating point values: {}",
                n.to_text()
            )),
            (_, Some(Node::Number(n))) if !fits_i32(n) => Some(format!(
                "intEnum members must fit within an integer, but found: {}",
                n.to_text()
            )),
            (_, Some(Node::Number(_))) => None,
            (_, Some(other)) => Some(format!(
                "intEnum members require integer values, but found: {}",
                other.to_json()
            )),
            (_, None) if member.inherited => None,
            (_, None) => Some("intEnum members require integer values, but found none".to_string()),
        };
        if let Some(message) = problem {
            diags.push(Diag::new(
                member.loc,
                Some(&format!("{id}${name}")),
                message,
            ));
        }
    }
}

fn fits_i32(n: &Number) -> bool {
    n.as_i64().is_some_and(|i| i32::try_from(i).is_ok())
}

/// Every trait applied must be a shape marked `@trait`.
pub(super) fn trait_definitions(
    used: &IndexMap<String, (Loc, ShapeType)>,
    is_trait: impl Fn(&str) -> Option<bool>,
    diags: &mut Vec<Diag>,
) {
    for (trait_id, (loc, _)) in used {
        if is_trait(trait_id) == Some(false) {
            let message = format!(
                "Shape `{trait_id}` cannot be applied as a trait. If this is a custom trait, please add `@trait` to \
                 this shape."
            );
            diags.push(Diag::new(*loc, None, message));
        }
    }
}

/// References between shapes: each must name a shape, of the type the relationship needs.
/// With `members` false, only the properties of operations, resources and services (the
/// generator's loader checks members and mixins itself, and their targets are most of the work).
pub(super) fn check(model: &Model, base: Option<&Model>, members: bool) -> Result<(), Vec<Diag>> {
    let lookup = |id: &str| model.lookup(base, id);
    let mut diags = Vec::new();
    for (id, shape) in model
        .shapes
        .iter()
        .filter(|(_, s)| s.origin != Origin::Prelude)
    {
        let mut refs = References {
            id,
            shape,
            lookup: &lookup,
            diags: &mut diags,
        };
        if members {
            refs.members();
            refs.mixins();
        }
        refs.props();
    }
    if diags.is_empty() {
        Ok(())
    } else {
        Err(diags)
    }
}

struct References<'a, 'd, F> {
    id: &'a str,
    shape: &'a ShapeDef,
    lookup: &'a F,
    diags: &'d mut Vec<Diag>,
}

impl<'a, F: Fn(&str) -> Option<&'a ShapeDef>> References<'a, '_, F> {
    fn error(&mut self, loc: Loc, shape: &str, message: String) {
        self.diags.push(Diag::new(loc, Some(shape), message));
    }

    fn members(&mut self) {
        for (name, member) in self.shape.members.iter().filter(|(_, m)| !m.inherited) {
            let message = match (self.lookup)(&member.target) {
                None => format!("member shape targets an unresolved shape `{}`", member.target),
                Some(t) if matches!(t.kind, ShapeType::Operation | ShapeType::Resource | ShapeType::Service) => {
                    format!("Members cannot target {} shapes, but found `{}`", t.kind.name(), member.target)
                }
                Some(t) if t.traits.contains_key("smithy.api#mixin") => format!(
                    "Illegal member reference to mixin `{}`; shapes marked with the mixin trait can only be \
                     referenced to apply them as a mixin.",
                    member.target
                ),
                Some(t) if t.traits.contains_key("smithy.api#trait") => format!(
                    "Found a member reference to trait definition `{}`. Trait definitions cannot be targeted by \
                     members.",
                    member.target
                ),
                Some(_) => continue,
            };
            self.error(member.loc, &format!("{}${name}", self.id), message);
        }
    }

    fn mixins(&mut self) {
        for mixin in &self.shape.mixins {
            if (self.lookup)(mixin).is_some_and(|m| !m.traits.contains_key("smithy.api#mixin")) {
                let message = format!("Attempted to use {mixin} as a mixin, but it is not marked with the mixin trait");
                self.error(self.at(mixin), self.id, message);
            }
        }
    }

    /// A reference from the shape's properties (`what`) to a shape of one of `kinds`.
    fn expect(&mut self, what: &str, target: &str, kinds: &[ShapeType]) -> Option<&'a ShapeDef> {
        let message = match (self.lookup)(target) {
            None => format!("{what} `{target}` is not defined"),
            Some(t) if !kinds.contains(&t.kind) => {
                format!(
                    "{what} `{target}` must be a {} shape, not a {}",
                    kinds[0].name(),
                    t.kind.name()
                )
            }
            Some(t) => return Some(t),
        };
        self.error(self.at(target), self.id, message);
        None
    }

    /// Where the shape names `target`, when known; else where the shape is defined.
    fn at(&self, target: &str) -> Loc {
        let written = self.shape.ref_locs.iter().find(|(id, _)| id == target);
        written.map_or(self.shape.loc, |(_, loc)| *loc)
    }

    fn props(&mut self) {
        let props = &self.shape.props;
        let structure = [ShapeType::Structure];
        for (what, target) in [("input", &props.input), ("output", &props.output)] {
            if let Some(target) = target {
                self.expect(what, target, &structure);
            }
        }
        for error in &props.errors {
            if self
                .expect("error", error, &structure)
                .is_some_and(|e| !e.traits.contains_key("smithy.api#error"))
            {
                let message = format!(
                    "`{error}` is used as an error but is not marked with the `error` trait"
                );
                self.error(self.at(error), self.id, message);
            }
        }
        let lifecycle = props
            .lifecycle()
            .into_iter()
            .filter_map(|(name, t)| Some((name, t.as_ref()?)));
        let operations = props
            .operations
            .iter()
            .chain(&props.collection_operations)
            .map(|t| ("operation", t));
        for (what, target) in lifecycle.chain(operations) {
            self.expect(what, target, &[ShapeType::Operation]);
        }
        for resource in &props.resources {
            self.expect("resource", resource, &[ShapeType::Resource]);
        }
        for (name, target) in props.identifiers.iter().chain(&props.properties) {
            if (self.lookup)(target).is_none() {
                let message = format!(
                    "identifier or property `{name}` targets `{target}`, which is not defined"
                );
                self.error(self.at(target), self.id, message);
            }
        }
        for renamed in props.rename.keys() {
            if (self.lookup)(renamed).is_none() {
                let message = format!("service renames `{renamed}`, which is not in the model");
                self.error(self.shape.loc, self.id, message);
            }
        }
    }
}
