//! Definitions to shapes: duplicates must agree, mixins come before the shapes that use them,
//! elided members find their targets, and each shape and member takes its traits.

use super::super::diag::Diag;
use super::super::model::{MemberDef, Model, Origin, ShapeDef};
use super::super::node::{Loc, Node};
use super::super::syntax::ShapeType;
use super::symbols::Symbols;
use super::traits::{self, TraitMap};
use super::{root, validate, Lowered, Pending, PendingMember};
use indexmap::IndexMap;
use std::collections::{BTreeMap, HashMap, VecDeque};

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
    let mut trait_map = traits::collect(traits, symbols, &mut diags);
    let defs = merge_definitions(shapes, &mut diags);
    let order = dependency_order(&defs, &mut diags);
    let mut builder = Builder {
        model: Model {
            metadata: IndexMap::new(),
            shapes: BTreeMap::new(),
        },
        base,
        diags,
    };
    let mut defs: HashMap<String, Pending> = defs.into_iter().collect();
    for id in order {
        if let Some(pending) = defs.remove(&id) {
            let shape = builder.shape(pending, &mut trait_map);
            builder.model.shapes.insert(id, shape);
        }
    }
    builder.claim_base_traits(&mut trait_map);
    let used = std::mem::take(&mut trait_map.used);
    traits::unclaimed(trait_map, &mut builder.diags);
    let lookup = |id: &str| {
        builder
            .lookup(id)
            .map(|s| s.traits.contains_key("smithy.api#trait"))
    };
    let mut diags = Vec::new();
    validate::trait_definitions(&used, lookup, &mut diags);
    builder.diags.extend(diags);
    if builder.diags.is_empty() {
        Ok(builder.model)
    } else {
        Err(builder.diags)
    }
}

/// One definition per id: a repeated one must define the same shape (traits merge anyway).
fn merge_definitions(shapes: Vec<Pending>, diags: &mut Vec<Diag>) -> IndexMap<String, Pending> {
    let mut defs: IndexMap<String, Pending> = IndexMap::new();
    for pending in shapes {
        match defs.get(&pending.id) {
            None => {
                defs.insert(pending.id.clone(), pending);
            }
            Some(previous) if same_definition(previous, &pending) => {}
            Some(previous) => {
                let message = format!("Conflicting shape definition for `{}`", pending.id);
                diags
                    .push(Diag::new(pending.loc, Some(&pending.id), message).related(previous.loc));
            }
        }
    }
    defs
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
fn dependency_order(defs: &IndexMap<String, Pending>, diags: &mut Vec<Diag>) -> Vec<String> {
    let deps = |p: &Pending| -> Vec<String> {
        let mut deps: Vec<String> = p
            .mixins
            .iter()
            .chain(p.for_resource.iter().map(|r| &r.0))
            .cloned()
            .collect();
        deps.retain(|d| defs.contains_key(d) && d != &p.id);
        deps.sort();
        deps.dedup();
        deps
    };
    let mut waiting: HashMap<&str, usize> = HashMap::new();
    let mut dependents: HashMap<String, Vec<&str>> = HashMap::new();
    for (id, p) in defs {
        let d = deps(p);
        waiting.insert(id, d.len() + usize::from(p.mixins.contains(id)));
        for dep in d {
            dependents.entry(dep).or_default().push(id);
        }
    }
    let mut ready: VecDeque<&str> = defs
        .keys()
        .map(String::as_str)
        .filter(|id| waiting[id] == 0)
        .collect();
    let mut order = Vec::with_capacity(defs.len());
    while let Some(id) = ready.pop_front() {
        order.push(id.to_string());
        for &next in dependents.get(id).map(Vec::as_slice).unwrap_or_default() {
            let count = waiting.get_mut(next).expect("every definition is counted");
            *count -= 1;
            if *count == 0 {
                ready.push_back(next);
            }
        }
    }
    for (id, p) in defs {
        if waiting[id.as_str()] > 0 {
            let others: Vec<String> = p
                .mixins
                .iter()
                .filter(|m| waiting.get(m.as_str()).is_some_and(|w| *w > 0))
                .cloned()
                .collect();
            let message = format!(
                "Unable to resolve mixins; cycles detected between this shape and [{}]",
                others.join(", ")
            );
            diags.push(Diag::new(p.loc, Some(id), message));
        }
    }
    order
}

/// Member name → each mixin that has it, with its target there.
type Providers = HashMap<String, Vec<(String, String)>>;

struct Builder<'a> {
    model: Model,
    base: Option<&'a Model>,
    diags: Vec<Diag>,
}

impl Builder<'_> {
    fn lookup(&self, id: &str) -> Option<&ShapeDef> {
        self.model.lookup(self.base, id)
    }

    fn error(&mut self, loc: Loc, shape: &str, message: impl Into<String>) {
        self.diags.push(Diag::new(loc, Some(shape), message));
    }

    fn shape(&mut self, p: Pending, trait_map: &mut TraitMap) -> ShapeDef {
        self.check_version(&p);
        self.check_private_resource(&p);
        let (mut members, from) = self.inherited_members(&p);
        for member in &p.members {
            self.own_member(&p, member, &mut members, &from);
        }
        let mut shape = ShapeDef {
            kind: p.kind,
            loc: p.loc,
            origin: p.origin,
            version: p.version,
            mixins: p.mixins,
            members,
            traits: IndexMap::new(),
            props: p.props,
            boxed: false,
        };
        apply_traits(&p.id, &mut shape, trait_map);
        if shape.kind == ShapeType::Enum {
            for (name, m) in shape.members.iter_mut().filter(|(_, m)| !m.inherited) {
                m.traits
                    .entry("smithy.api#enumValue".to_string())
                    .or_insert_with(|| Node::String(name.clone()));
            }
        }
        validate::shape(&p.id, &shape, &mut self.diags);
        shape
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
        let mut members: IndexMap<String, MemberDef> = IndexMap::new();
        let mut from = Providers::new();
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
                            traits: IndexMap::new(),
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
        member: &PendingMember,
        members: &mut IndexMap<String, MemberDef>,
        from: &Providers,
    ) {
        let id = format!("{}${}", p.id, member.name);
        let target = match &member.target {
            Some(t) => Some(t.clone()),
            None => self.elided_target(p, member, &id, members),
        };
        let Some(target) = target else {
            let message = "Member target was elided, but no bound resource or mixin contained a matching identifier \
                           or member name.";
            return self.error(member.loc, &id, message);
        };
        match members.get_mut(&member.name) {
            Some(inherited) => {
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
                    self.error(member.loc, &id, message);
                }
            }
            None => {
                let own = MemberDef {
                    target,
                    traits: IndexMap::new(),
                    loc: member.loc,
                    inherited: false,
                };
                members.insert(member.name.clone(), own);
            }
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

    /// Traits applied to shapes that come from the bundled definitions: the shape joins the model.
    fn claim_base_traits(&mut self, trait_map: &mut TraitMap) {
        let Some(base) = self.base else { return };
        let roots: Vec<String> = trait_map
            .by_target
            .keys()
            .map(|t| root(t).to_string())
            .collect();
        for id in roots {
            if self.model.shapes.contains_key(&id) {
                continue;
            }
            if let Some(shape) = base.shapes.get(&id).filter(|s| s.origin == Origin::Bundled) {
                let mut shape = shape.clone();
                apply_traits(&id, &mut shape, trait_map);
                self.model.shapes.insert(id, shape);
            }
        }
    }
}

/// Moves the traits applied to a shape and its members out of the trait map, onto them.
fn apply_traits(id: &str, shape: &mut ShapeDef, trait_map: &mut TraitMap) {
    if let Some(applied) = trait_map.by_target.remove(id) {
        shape
            .traits
            .extend(applied.into_iter().map(|(k, (v, _))| (k, v)));
    }
    if trait_map.by_target.is_empty() {
        return;
    }
    let mut member_id = format!("{id}$");
    let prefix = member_id.len();
    for (name, member) in shape.members.iter_mut() {
        member_id.truncate(prefix);
        member_id.push_str(name);
        if let Some(applied) = trait_map.by_target.remove(&member_id) {
            member
                .traits
                .extend(applied.into_iter().map(|(k, (v, _))| (k, v)));
        }
    }
}
