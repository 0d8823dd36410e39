//! Definitions to shapes: duplicates must agree, mixins come before the shapes that use them,
//! elided members find their targets, and each shape and member takes its traits.

use super::super::diag::Diag;
use super::super::model::{MemberDef, Model, Origin, ShapeDef, Traits};
use super::super::node::{Loc, Node};
use super::super::syntax::ShapeType;
use super::symbols::Symbols;
use super::traits::{self, Applied, RootTraits, Target, TraitChecker, TraitMap};
use super::{validate, Lowered, Pending, PendingMember, TraitOp};
use crate::idl::fxhash::FxHashMap as HashMap;
use crate::idl::fxhash::FxIndexMap as IndexMap;
use std::collections::VecDeque;

pub(super) fn build(
    lowered: Lowered,
    symbols: &Symbols,
    base: Option<&Model>,
) -> Result<Model, Vec<Diag>> {
    let Lowered {
        shapes,
        traits,
        metadata: _,
        mut diags,
    } = lowered;
    let mut checker = TraitChecker {
        symbols,
        used: IndexMap::default(),
    };
    let (defs, repeated) = merge_definitions(shapes, &mut diags);
    let mut trait_map = TraitMap::default();
    for op in traits.into_iter().chain(repeated) {
        trait_map.add(op, &mut checker, &mut diags);
    }
    let order = dependency_order(&defs, &mut diags);
    let shapes = IndexMap::with_capacity_and_hasher(defs.len(), Default::default());
    let model = Model {
        metadata: IndexMap::default(),
        shapes,
    };
    let mut builder = Builder {
        model,
        base,
        diags,
        checker,
        trait_map,
    };
    let mut slots: Vec<Option<Pending>> = defs.into_values().map(Some).collect();
    for i in order {
        if let Some(pending) = slots[i].take() {
            let id = pending.id.clone();
            let shape = builder.shape(pending);
            builder.model.shapes.insert(id, shape);
        }
    }
    builder.claim_base_traits();
    builder.finish()
}

/// One definition per id: a repeated one must define the same shape; its traits merge with
/// the first's (returned as applications).
fn merge_definitions(
    shapes: Vec<Pending>,
    diags: &mut Vec<Diag>,
) -> (IndexMap<String, Pending>, Vec<TraitOp>) {
    let mut defs: IndexMap<String, Pending> = IndexMap::default();
    let mut repeated = Vec::new();
    for pending in shapes {
        match defs.get(&pending.id) {
            None => {
                defs.insert(pending.id.clone(), pending);
            }
            Some(previous) if same_definition(previous, &pending) => {
                repeated.extend(trait_ops(pending))
            }
            Some(previous) => {
                let message = format!("Conflicting shape definition for `{}`", pending.id);
                diags
                    .push(Diag::new(pending.loc, Some(&pending.id), message).related(previous.loc));
            }
        }
    }
    (defs, repeated)
}

/// A definition's traits, as if applied to it from outside.
fn trait_ops(p: Pending) -> Vec<TraitOp> {
    let namespace = p.id.split_once('#').map_or("", |(ns, _)| ns).to_string();
    let op = |target: String, applied| TraitOp {
        target,
        namespace: namespace.clone(),
        applied,
    };
    let mut ops: Vec<TraitOp> = p.traits.into_iter().map(|t| op(p.id.clone(), t)).collect();
    for member in p.members {
        let target = format!("{}${}", p.id, member.name);
        ops.extend(member.traits.into_iter().map(|t| op(target.clone(), t)));
    }
    ops
}

fn same_definition(a: &Pending, b: &Pending) -> bool {
    fn members(p: &Pending) -> Vec<(&String, &Option<String>)> {
        p.members.iter().map(|m| (&m.name, &m.target)).collect()
    }
    a.kind == b.kind
        && a.mixins == b.mixins
        && a.for_resource.as_ref().map(|r| &r.0) == b.for_resource.as_ref().map(|r| &r.0)
        && members(a) == members(b)
        && a.props == b.props
}

/// Shapes after the mixins and resources they depend on (Kahn's algorithm, in definition
/// order); shapes in a cycle are reported and left out.
fn dependency_order(defs: &IndexMap<String, Pending>, diags: &mut Vec<Diag>) -> Vec<usize> {
    // Dependencies by index; a shape that mixes itself in waits forever, as a cycle.
    let deps = |p: &Pending| -> Vec<usize> {
        let ids = p.mixins.iter().chain(p.for_resource.iter().map(|r| &r.0));
        let mut deps: Vec<usize> = ids
            .filter(|d| **d != p.id)
            .filter_map(|d| defs.get_index_of(d))
            .collect();
        deps.sort_unstable();
        deps.dedup();
        deps
    };
    let mut waiting = vec![0usize; defs.len()];
    let mut dependents: Vec<Vec<usize>> = vec![Vec::new(); defs.len()];
    for (i, p) in defs.values().enumerate() {
        let d = deps(p);
        waiting[i] = d.len() + usize::from(p.mixins.contains(&p.id));
        for dep in d {
            dependents[dep].push(i);
        }
    }
    let mut ready: VecDeque<usize> = (0..defs.len()).filter(|i| waiting[*i] == 0).collect();
    let mut order = Vec::with_capacity(defs.len());
    while let Some(i) = ready.pop_front() {
        order.push(i);
        for &next in &dependents[i] {
            waiting[next] -= 1;
            if waiting[next] == 0 {
                ready.push_back(next);
            }
        }
    }
    for (_, (id, p)) in defs.iter().enumerate().filter(|(i, _)| waiting[*i] > 0) {
        let in_cycle = |m: &&String| {
            defs.get_index_of(m.as_str())
                .is_some_and(|j| waiting[j] > 0)
        };
        let others: Vec<&str> = p
            .mixins
            .iter()
            .filter(in_cycle)
            .map(String::as_str)
            .collect();
        let message = format!(
            "Unable to resolve mixins; cycles detected between this shape and [{}]",
            others.join(", ")
        );
        diags.push(Diag::new(p.loc, Some(id), message));
    }
    order
}

/// Merged traits without their places (merging left one entry per trait).
fn distinct(applied: Applied) -> Traits {
    Traits::from_distinct(applied.into_iter().map(|(k, v, _)| (k, v)).collect())
}

/// Member name → each mixin that has it, with its target there.
type Providers = HashMap<String, Vec<(String, String)>>;

struct Builder<'a> {
    model: Model,
    base: Option<&'a Model>,
    diags: Vec<Diag>,
    checker: TraitChecker<'a>,
    trait_map: TraitMap,
}

impl Builder<'_> {
    /// The model in id order, unless a trait was applied to nothing or is no trait.
    fn finish(self) -> Result<Model, Vec<Diag>> {
        let Builder {
            model,
            mut diags,
            checker,
            trait_map,
            base,
        } = self;
        traits::unclaimed(trait_map, &mut diags);
        let is_trait = |id: &str| {
            model
                .lookup(base, id)
                .map(|s| s.traits.contains_key("smithy.api#trait"))
        };
        validate::trait_definitions(&checker.used, is_trait, &mut diags);
        if diags.is_empty() {
            Ok(model)
        } else {
            Err(diags)
        }
    }

    fn lookup(&self, id: &str) -> Option<&ShapeDef> {
        self.model.lookup(self.base, id)
    }

    fn error(&mut self, loc: Loc, shape: &str, message: impl Into<String>) {
        self.diags.push(Diag::new(loc, Some(shape), message));
    }

    fn shape(&mut self, mut p: Pending) -> ShapeDef {
        self.check_version(&p);
        self.check_private_resource(&p);
        let (mut members, from) = self.inherited_members(&p);
        let mut member_traits = Vec::new();
        for member in std::mem::take(&mut p.members) {
            self.own_member(&p, member, &mut members, &from, &mut member_traits);
        }
        let target = Target {
            shape: &p.id,
            member: None,
        };
        let own = self
            .checker
            .collect(target, std::mem::take(&mut p.traits), &mut self.diags);
        let mut shape = ShapeDef {
            kind: p.kind,
            loc: p.loc,
            origin: p.origin,
            version: p.version,
            mixins: p.mixins,
            members,
            traits: Traits::default(),
            props: p.props,
            ref_locs: std::mem::take(&mut p.ref_locs),
            boxed: false,
        };
        self.attach_traits(&p.id, &mut shape, own, member_traits);
        if shape.kind == ShapeType::Enum {
            for (name, m) in shape.members.iter_mut().filter(|(_, m)| !m.inherited) {
                if !m.traits.contains_key("smithy.api#enumValue") {
                    m.traits.insert(
                        "smithy.api#enumValue".to_string(),
                        Node::String(name.clone()),
                    );
                }
            }
        }
        validate::shape(&p.id, &shape, &mut self.diags);
        shape
    }

    /// Puts on the shape the traits written on it and its members (`own`, `members`) and those
    /// `apply` gives them. Traits for members the shape does not have stay in the trait map.
    fn attach_traits(
        &mut self,
        id: &str,
        shape: &mut ShapeDef,
        mut own: Applied,
        mut members: Vec<(usize, Applied)>,
    ) {
        if let Some(applied) = self.trait_map.by_root.remove(id) {
            traits::merge_all(
                &mut own,
                applied.shape,
                Target {
                    shape: id,
                    member: None,
                },
                &mut self.diags,
            );
            let mut unknown = IndexMap::default();
            for (name, traits) in applied.members {
                let Some(index) = shape.members.get_index_of(&name) else {
                    unknown.insert(name, traits);
                    continue;
                };
                let target = Target {
                    shape: id,
                    member: Some(&name),
                };
                match members.iter_mut().find(|(i, _)| *i == index) {
                    Some((_, into)) => traits::merge_all(into, traits, target, &mut self.diags),
                    None => members.push((index, traits)),
                }
            }
            if !unknown.is_empty() {
                let left = RootTraits {
                    shape: Applied::new(),
                    members: unknown,
                };
                self.trait_map.by_root.insert(id.to_string(), left);
            }
        }
        shape.traits = distinct(own);
        for (index, traits) in members {
            if let Some((_, member)) = shape.members.get_index_mut(index) {
                if member.traits.is_empty() {
                    member.traits = distinct(traits);
                } else {
                    member
                        .traits
                        .extend(traits.into_iter().map(|(k, v, _)| (k, v)));
                }
            }
        }
    }

    fn check_version(&mut self, p: &Pending) {
        let unsupported = match p.kind {
            ShapeType::Set => p.version == super::Version::V2,
            ShapeType::Enum | ShapeType::IntEnum => p.version == super::Version::V1,
            _ => false,
        };
        if unsupported {
            let message = format!(
                "{} shapes cannot be used in Smithy version {}",
                p.kind.name(),
                p.version.name()
            );
            self.error(p.loc, &p.id, message);
        }
    }

    /// `for` may not bind a structure to a `@private` resource of another namespace (the binding
    /// is not a relationship Smithy's private-access validator sees, so the loader checks it).
    fn check_private_resource(&mut self, p: &Pending) {
        let Some((resource, loc)) = &p.for_resource else {
            return;
        };
        let private = self
            .lookup(resource)
            .is_some_and(|r| r.traits.contains_key("smithy.api#private"));
        let namespace = |id: &str| id.split_once('#').map(|(ns, _)| ns.to_string());
        if private && namespace(resource) != namespace(&p.id) {
            let message = format!(
                "This shape has an invalid for relationship that targets a private shape, \
                 `{resource}`, in another namespace."
            );
            self.error(*loc, &p.id, message);
        }
    }

    /// Members of the mixins, in mixin order, and every mixin member each name comes from.
    fn inherited_members(&mut self, p: &Pending) -> (IndexMap<String, MemberDef>, Providers) {
        let mut members: IndexMap<String, MemberDef> = IndexMap::default();
        let mut from = Providers::default();
        let mut wrong_type = Vec::new();
        for mixin in &p.mixins {
            let Some(shape) = self.lookup(mixin) else {
                let message = format!("Cannot apply mixin to {}: {mixin} not found", p.id);
                self.error(p.loc, &p.id, message);
                continue;
            };
            if shape.kind != p.kind {
                wrong_type.push(format!("`{mixin}`"));
                continue;
            }
            let mut conflicts = Vec::new();
            for (name, m) in &shape.members {
                from.entry(name.clone())
                    .or_default()
                    .push((mixin.clone(), m.target.clone()));
                match members.get(name) {
                    Some(previous) if previous.target != m.target => conflicts.push(name.clone()),
                    Some(_) => {}
                    None => {
                        let inherited = MemberDef {
                            target: m.target.clone(),
                            traits: Traits::default(),
                            loc: m.loc,
                            inherited: true,
                        };
                        members.insert(name.clone(), inherited);
                    }
                }
            }
            for name in conflicts {
                let member = format!("{}${name}", p.id);
                let message =
                    format!("Member conflicts with an inherited mixin member: `{member}`");
                self.error(p.loc, &member, message);
            }
        }
        if !wrong_type.is_empty() {
            let kind = p.kind.name();
            let message = format!(
                "Mixins may only be mixed into shapes of the same type. The following mixins were applied to the \
                 {kind} shape `{}` which are not {kind} shapes: [{}]",
                p.id,
                wrong_type.join(", ")
            );
            self.error(p.loc, &p.id, message);
        }
        (members, from)
    }

    fn own_member(
        &mut self,
        p: &Pending,
        member: PendingMember,
        members: &mut IndexMap<String, MemberDef>,
        from: &Providers,
        member_traits: &mut Vec<(usize, Applied)>,
    ) {
        let id = || format!("{}${}", p.id, member.name);
        let target = match &member.target {
            Some(t) => Some(t.clone()),
            None => self.elided_target(p, &member, &id(), members),
        };
        let Some(target) = target else {
            let message = "Member target was elided, but no bound resource or mixin contained a \
                           matching identifier or member name.";
            return self.error(member.loc, &id(), message);
        };
        // A redeclared mixin member must keep the mixin's target.
        if let Some(inherited) = members.get_mut(&member.name) {
            inherited.loc = member.loc;
            let providers = from
                .get(&member.name)
                .map(Vec::as_slice)
                .unwrap_or_default();
            for (mixin, _) in providers.iter().filter(|(_, t)| *t != target) {
                let message = format!(
                    "Member conflicts with an inherited mixin member: `{mixin}${}`",
                    member.name
                );
                self.error(member.loc, &id(), message);
            }
        }
        let at = Target {
            shape: &p.id,
            member: Some(&member.name),
        };
        let traits = self.checker.collect(at, member.traits, &mut self.diags);
        let index = match members.get_index_of(&member.name) {
            Some(index) => index,
            None => {
                let own = MemberDef {
                    target,
                    traits: Traits::default(),
                    loc: member.loc,
                    inherited: false,
                };
                members.insert_full(member.name, own).0
            }
        };
        if !traits.is_empty() {
            member_traits.push((index, traits));
        }
    }

    /// An elided member's target: the bound resource's identifier or property of that name,
    /// else the mixin member's.
    fn elided_target(
        &mut self,
        p: &Pending,
        member: &PendingMember,
        id: &str,
        members: &IndexMap<String, MemberDef>,
    ) -> Option<String> {
        let mut target = None;
        if let Some((resource, _)) = &p.for_resource {
            match self.lookup(resource) {
                None => {
                    let message = format!(
                        "Cannot apply resource to elided member {id}: {resource} not found"
                    );
                    self.error(member.loc, id, message);
                }
                Some(r) if r.kind != ShapeType::Resource => {
                    let message = format!(
                        "The target of the `for` production must be a resource shape, but found a {} shape: {resource}",
                        r.kind.name()
                    );
                    self.error(member.loc, id, message);
                }
                Some(r) => {
                    target = r.props.identifiers.get(&member.name).cloned();
                    if let Some(property) = r.props.properties.get(&member.name) {
                        target = Some(property.clone());
                    }
                }
            }
        }
        target.or_else(|| members.get(&member.name).map(|m| m.target.clone()))
    }

    /// Traits applied to shapes that come from the bundled definitions: the shape joins the
    /// model with them.
    fn claim_base_traits(&mut self) {
        let Some(base) = self.base else { return };
        let roots: Vec<String> = self.trait_map.by_root.keys().cloned().collect();
        for id in roots {
            if self.model.shapes.contains_key(&id) {
                continue;
            }
            let Some(shape) = base.shapes.get(&id).filter(|s| s.origin == Origin::Bundled) else {
                continue;
            };
            let mut shape = shape.clone();
            let unplaced = |traits: &mut Traits| -> Applied {
                std::mem::take(traits)
                    .into_iter()
                    .map(|(k, v)| (k, v, Loc::default()))
                    .collect()
            };
            let own = unplaced(&mut shape.traits);
            let members = shape
                .members
                .values_mut()
                .enumerate()
                .map(|(i, m)| (i, unplaced(&mut m.traits)))
                .collect();
            self.attach_traits(&id, &mut shape, own, members);
            self.model.shapes.insert(id, shape);
        }
    }
}
