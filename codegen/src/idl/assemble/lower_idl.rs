//! An IDL file's statements to definitions and trait applications with absolute ids.

use super::super::diag::Diag;
use super::super::model::{Origin, Props};
use super::super::node::{IdRef, Loc, Node};
use super::super::syntax::{
    FileSyntax, MemberSyntax, ShapeSyntax, ShapeType, TraitKind, TraitSyntax, Version,
};
use super::symbols::Symbols;
use super::{root, AppliedTrait, Lowered, Pending, PendingMember, TraitOp};
use crate::idl::fxhash::FxHashMap as HashMap;
use crate::idl::fxhash::FxIndexMap as IndexMap;

/// How one file names shapes: its namespace and `use` statements. Relative ids repeat (every
/// `@documentation`, every `String`), so each is resolved once.
struct Scope<'a> {
    namespace: Option<String>,
    uses: IndexMap<String, String>,
    version: Version,
    symbols: &'a Symbols<'a>,
    cache: HashMap<String, String>,
}

pub(super) fn lower(file: FileSyntax, origin: Origin, symbols: &Symbols, out: &mut Lowered) {
    let mut scope = Scope {
        namespace: file.namespace,
        uses: file.uses,
        version: file.version,
        symbols,
        cache: HashMap::default(),
    };
    // Metadata and control values have no namespace: their shape ids resolve in the prelude.
    for (key, mut value, loc) in file.metadata {
        scope.resolve_node(&mut value, false, &mut out.diags);
        out.metadata.push((key, value, loc));
    }
    out.shapes.reserve(file.shapes.len());
    for shape in file.shapes {
        let pending = scope.lower_shape(shape, origin, &mut out.diags);
        out.shapes.push(pending);
    }
    let namespace = scope.namespace.clone().unwrap_or_default();
    for apply in file.applies {
        let target = scope.resolve(&apply.target.text);
        for t in apply.traits {
            let applied = scope.lower_trait(t, &mut out.diags);
            out.traits.push(TraitOp {
                target: target.clone(),
                namespace: namespace.clone(),
                applied,
            });
        }
    }
}

impl Scope<'_> {
    fn resolve(&mut self, text: &str) -> String {
        if is_absolute_root(text) {
            return text.to_string();
        }
        if let Some(id) = self.cache.get(text) {
            return id.clone();
        }
        let id = self
            .symbols
            .resolve(text, self.namespace.as_deref(), &self.uses);
        self.cache.insert(text.to_string(), id.clone());
        id
    }

    /// [`Self::resolve`], keeping the text when it is already absolute (most doc comments' ids).
    fn resolve_owned(&mut self, text: String) -> String {
        if is_absolute_root(&text) {
            return text;
        }
        self.resolve(&text)
    }

    /// Replaces unquoted shape ids in a value with their absolute form; one that names no shape
    /// is an error, as it is probably a string missing its quotes. Outside shapes (`in_namespace`
    /// false) ids resolve in the prelude only.
    fn resolve_node(&mut self, node: &mut Node, in_namespace: bool, diags: &mut Vec<Diag>) {
        match node {
            Node::Ref(r) => {
                let id = if in_namespace {
                    self.resolve(&r.text)
                } else {
                    self.symbols.resolve(&r.text, None, &self.uses)
                };
                if self.symbols.kind(root(&id)).is_none() {
                    let message = format!(
                        "Syntactic shape ID `{}` does not resolve to a valid shape ID: `{id}`. Did you \
                         mean to quote this string? Are you missing a model file?",
                        r.text
                    );
                    diags.push(Diag::new(r.loc, None, message));
                }
                *node = Node::String(id);
            }
            Node::Array(items) => {
                for item in items {
                    self.resolve_node(item, in_namespace, diags);
                }
            }
            Node::Object(map) => {
                for value in map.values_mut() {
                    self.resolve_node(value, in_namespace, diags);
                }
            }
            _ => {}
        }
    }

    fn lower_trait(&mut self, t: TraitSyntax, diags: &mut Vec<Diag>) -> AppliedTrait {
        let mut value = t.value;
        self.resolve_node(&mut value, true, diags);
        AppliedTrait {
            trait_id: self.resolve_owned(t.id.text),
            value,
            annotation: t.kind == TraitKind::Annotation,
            loc: t.id.loc,
            version: self.version,
        }
    }

    fn lower_traits(
        &mut self,
        traits: Vec<TraitSyntax>,
        diags: &mut Vec<Diag>,
    ) -> Vec<AppliedTrait> {
        traits
            .into_iter()
            .map(|t| self.lower_trait(t, diags))
            .collect()
    }

    fn lower_shape(
        &mut self,
        shape: ShapeSyntax,
        origin: Origin,
        diags: &mut Vec<Diag>,
    ) -> Pending {
        let traits = self.lower_traits(shape.traits, diags);
        let members = shape
            .members
            .into_iter()
            .map(|m| self.lower_member(m, diags))
            .collect();
        let mut props = Box::<Props>::default();
        let mut locs = Vec::new();
        if shape.kind == ShapeType::Operation {
            let op = shape.operation;
            props.input = op.input.map(|r| self.located(&r, &mut locs));
            props.output = op.output.map(|r| self.located(&r, &mut locs));
            props.errors = op
                .errors
                .iter()
                .map(|r| self.located(r, &mut locs))
                .collect();
        }
        if let Some((body, loc)) = &shape.body {
            self.lower_body(
                &shape.id,
                shape.kind,
                (body, *loc),
                &mut props,
                &mut locs,
                diags,
            );
        }
        let mixins = shape
            .mixins
            .iter()
            .map(|r| self.located(r, &mut locs))
            .collect();
        Pending {
            id: shape.id,
            kind: shape.kind,
            loc: shape.loc,
            version: self.version,
            origin,
            mixins,
            for_resource: shape.for_resource.map(|r| (self.resolve(&r.text), r.loc)),
            members,
            props,
            traits,
            ref_locs: locs,
        }
    }

    /// Resolves a reference and notes where it was written.
    fn located(&mut self, r: &IdRef, locs: &mut Vec<(String, Loc)>) -> String {
        let id = self.resolve(&r.text);
        locs.push((id.clone(), r.loc));
        id
    }

    fn lower_member(&mut self, m: MemberSyntax, diags: &mut Vec<Diag>) -> PendingMember {
        let mut traits = self.lower_traits(m.traits, diags);
        // `= value` is `@default` (or `@enumValue`) written another way.
        if let Some((name, value)) = m.value_trait {
            let id = IdRef {
                text: name.to_string(),
                loc: m.loc,
            };
            traits.push(self.lower_trait(
                TraitSyntax {
                    id,
                    value,
                    kind: TraitKind::Value,
                },
                diags,
            ));
        }
        let target = m.target.map(|r| self.resolve_owned(r.text));
        PendingMember {
            name: m.name,
            target,
            loc: m.loc,
            traits,
        }
    }

    /// A service's or resource's `{ ... }`: ids are written unquoted or quoted, both resolve.
    fn lower_body(
        &mut self,
        id: &str,
        kind: ShapeType,
        (body, loc): (&Node, Loc),
        props: &mut Props,
        locs: &mut Vec<(String, Loc)>,
        diags: &mut Vec<Diag>,
    ) {
        let Some(map) = body.as_object() else { return };
        for (key, value) in map {
            if !self.body_property(kind, key, value, props, locs) {
                let message = format!("`{key}` must be {}", expected_form(key));
                let at = match value {
                    Node::Ref(r) => r.loc,
                    _ => loc,
                };
                diags.push(Diag::new(at, Some(id), message));
            }
        }
    }

    /// Stores one property; `false` when its value has the wrong form. Unknown properties are
    /// ignored (Smithy warns about them).
    fn body_property(
        &mut self,
        kind: ShapeType,
        key: &str,
        value: &Node,
        props: &mut Props,
        locs: &mut Vec<(String, Loc)>,
    ) -> bool {
        let mut resolve = |node: &Node| match node {
            Node::Ref(r) => Some(self.located(r, locs)),
            Node::String(text) => Some(self.resolve(text)),
            _ => None,
        };
        let target = match (kind, key) {
            (ShapeType::Service, "version") => {
                return value
                    .as_str()
                    .map(|v| props.version = Some(v.to_string()))
                    .is_some()
            }
            (ShapeType::Service, "rename") => {
                return lower_rename(value).map(|v| props.rename = v).is_some()
            }
            (_, "operations") => &mut props.operations,
            (_, "resources") => &mut props.resources,
            (ShapeType::Service, "errors") => &mut props.errors,
            (ShapeType::Resource, "collectionOperations") => &mut props.collection_operations,
            (ShapeType::Resource, "identifiers" | "properties") => {
                let Some(map) = value.as_object() else {
                    return false;
                };
                let resolved: Option<IndexMap<String, String>> = map
                    .iter()
                    .map(|(k, v)| Some((k.clone(), resolve(v)?)))
                    .collect();
                let slot = if key == "identifiers" {
                    &mut props.identifiers
                } else {
                    &mut props.properties
                };
                return resolved.map(|r| *slot = r).is_some();
            }
            (ShapeType::Resource, name) => {
                return match props.lifecycle_mut(name) {
                    Some(slot) => resolve(value).map(|t| *slot = Some(t)).is_some(),
                    None => true,
                };
            }
            _ => return true,
        };
        let Node::Array(items) = value else {
            return false;
        };
        let resolved: Option<Vec<String>> = items.iter().map(resolve).collect();
        resolved.map(|r| *target = r).is_some()
    }
}

/// `ns#Name`: nothing to resolve (a member id still resolves its root).
fn is_absolute_root(text: &str) -> bool {
    let mut absolute = false;
    for b in text.bytes() {
        match b {
            b'#' => absolute = true,
            b'$' => return false,
            _ => {}
        }
    }
    absolute
}

/// What a service or resource property holds, for messages.
fn expected_form(key: &str) -> &'static str {
    match key {
        "operations" | "resources" | "errors" | "collectionOperations" => "a list of shape ids",
        "identifiers" | "properties" => "a map of names to shape ids",
        "version" => "a string",
        "rename" => "a map of absolute shape ids to names",
        _ => "a shape id",
    }
}

/// `rename: { "ns#Shape": "NewName" }`: keys are absolute shape ids.
fn lower_rename(value: &Node) -> Option<IndexMap<String, String>> {
    let map = value.as_object()?;
    map.iter()
        .map(|(k, v)| match v {
            Node::String(s) if super::is_valid_shape_id(k) => Some((k.clone(), s.clone())),
            _ => None,
        })
        .collect()
}
