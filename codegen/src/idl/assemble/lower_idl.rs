//! An IDL file's statements to definitions and trait applications with absolute ids.

use super::super::diag::Diag;
use super::super::model::{Origin, Props};
use super::super::node::{IdRef, Loc, Node};
use super::super::syntax::{
    FileSyntax, MemberSyntax, ShapeSyntax, ShapeType, TraitKind, TraitSyntax,
};
use super::symbols::Symbols;
use super::{root, Lowered, Pending, PendingMember, TraitOp};
use indexmap::IndexMap;

/// How one file names shapes: its namespace and `use` statements.
struct Scope<'a> {
    file: &'a FileSyntax,
    symbols: &'a Symbols<'a>,
}

pub(super) fn lower(file: &FileSyntax, origin: Origin, symbols: &Symbols, out: &mut Lowered) {
    let scope = Scope { file, symbols };
    // Metadata and control values have no namespace: their shape ids resolve in the prelude.
    for (key, value, loc) in &file.metadata {
        let mut value = value.clone();
        scope.resolve_node(&mut value, None, &mut out.diags);
        out.metadata.push((key.clone(), value, *loc));
    }
    for shape in &file.shapes {
        scope.lower_shape(shape, origin, out);
    }
    for apply in &file.applies {
        let target = scope.resolve(&apply.target);
        for t in &apply.traits {
            scope.lower_trait(&target, t, out);
        }
    }
}

impl Scope<'_> {
    fn namespace(&self) -> &str {
        self.file.namespace.as_deref().unwrap_or_default()
    }

    fn resolve(&self, id: &IdRef) -> String {
        self.symbols
            .resolve(&id.text, self.file.namespace.as_deref(), &self.file.uses)
    }

    /// Replaces unquoted shape ids in a value with their absolute form; one that names no shape
    /// is an error, as it is probably a string missing its quotes.
    fn resolve_node(&self, node: &mut Node, namespace: Option<&str>, diags: &mut Vec<Diag>) {
        match node {
            Node::Ref(r) => {
                let id = self.symbols.resolve(&r.text, namespace, &self.file.uses);
                if self.symbols.kind(root(&id)).is_none() {
                    let message = format!(
                        "Syntactic shape ID `{}` does not resolve to a valid shape ID: `{id}`. Did you mean to \
                         quote this string? Are you missing a model file?",
                        r.text
                    );
                    diags.push(Diag::new(r.loc, None, message));
                }
                *node = Node::String(id);
            }
            Node::Array(items) => items
                .iter_mut()
                .for_each(|n| self.resolve_node(n, namespace, diags)),
            Node::Object(map) => map
                .values_mut()
                .for_each(|n| self.resolve_node(n, namespace, diags)),
            _ => {}
        }
    }

    fn lower_trait(&self, target: &str, t: &TraitSyntax, out: &mut Lowered) {
        let mut value = t.value.clone();
        self.resolve_node(&mut value, self.file.namespace.as_deref(), &mut out.diags);
        out.traits.push(TraitOp {
            target: target.to_string(),
            trait_id: self.resolve(&t.id),
            value,
            annotation: t.kind == TraitKind::Annotation,
            loc: t.id.loc,
            version: self.file.version,
            namespace: self.namespace().to_string(),
        });
    }

    fn lower_shape(&self, shape: &ShapeSyntax, origin: Origin, out: &mut Lowered) {
        for t in &shape.traits {
            self.lower_trait(&shape.id, t, out);
        }
        let members = shape
            .members
            .iter()
            .map(|m| self.lower_member(&shape.id, m, out))
            .collect();
        let mut props = Props::default();
        if shape.kind == ShapeType::Operation {
            let op = &shape.operation;
            props.input = op.input.as_ref().map(|r| self.resolve(r));
            props.output = op.output.as_ref().map(|r| self.resolve(r));
            props.errors = op.errors.iter().map(|r| self.resolve(r)).collect();
        }
        if let Some((body, loc)) = &shape.body {
            self.lower_body(
                &shape.id,
                shape.kind,
                body,
                *loc,
                &mut props,
                &mut out.diags,
            );
        }
        out.shapes.push(Pending {
            id: shape.id.clone(),
            kind: shape.kind,
            loc: shape.loc,
            version: self.file.version,
            origin,
            mixins: shape.mixins.iter().map(|r| self.resolve(r)).collect(),
            for_resource: shape
                .for_resource
                .as_ref()
                .map(|r| (self.resolve(r), r.loc)),
            members,
            props,
        });
    }

    fn lower_member(&self, shape: &str, m: &MemberSyntax, out: &mut Lowered) -> PendingMember {
        let id = format!("{shape}${}", m.name);
        for t in &m.traits {
            self.lower_trait(&id, t, out);
        }
        // `= value` is `@default` (or `@enumValue`) written another way.
        if let Some((name, value)) = &m.value_trait {
            let sugar = TraitSyntax {
                id: IdRef {
                    text: name.to_string(),
                    loc: m.loc,
                },
                value: value.clone(),
                kind: TraitKind::Value,
            };
            self.lower_trait(&id, &sugar, out);
        }
        let target = m.target.as_ref().map(|r| self.resolve(r));
        PendingMember {
            name: m.name.clone(),
            target,
            loc: m.loc,
        }
    }

    /// A service's or resource's `{ ... }`: ids are written unquoted or quoted, both resolve.
    fn lower_body(
        &self,
        id: &str,
        kind: ShapeType,
        body: &Node,
        loc: Loc,
        props: &mut Props,
        diags: &mut Vec<Diag>,
    ) {
        let Some(map) = body.as_object() else { return };
        let mut bad = |key: &str, want: &str| {
            diags.push(Diag::new(
                loc,
                Some(id),
                format!("Expected `{key}` to be {want}"),
            ));
        };
        let resolve = |node: &Node| {
            node.as_str().map(|text| {
                self.resolve(&IdRef {
                    text: text.to_string(),
                    loc,
                })
            })
        };
        let list = |node: &Node| -> Option<Vec<String>> {
            let Node::Array(items) = node else {
                return None;
            };
            items.iter().map(resolve).collect()
        };
        let id_map = |node: &Node| -> Option<IndexMap<String, String>> {
            node.as_object()?
                .iter()
                .map(|(k, v)| Some((k.clone(), resolve(v)?)))
                .collect()
        };
        for (key, value) in map {
            let ok = match (kind, key.as_str()) {
                (_, "operations") => list(value).map(|v| props.operations = v).is_some(),
                (_, "resources") => list(value).map(|v| props.resources = v).is_some(),
                (ShapeType::Service, "errors") => list(value).map(|v| props.errors = v).is_some(),
                (ShapeType::Service, "version") => value
                    .as_str()
                    .map(|v| props.version = Some(v.to_string()))
                    .is_some(),
                (ShapeType::Service, "rename") => {
                    lower_rename(value).map(|v| props.rename = v).is_some()
                }
                (ShapeType::Resource, "identifiers") => {
                    id_map(value).map(|v| props.identifiers = v).is_some()
                }
                (ShapeType::Resource, "properties") => {
                    id_map(value).map(|v| props.properties = v).is_some()
                }
                (ShapeType::Resource, "collectionOperations") => list(value)
                    .map(|v| props.collection_operations = v)
                    .is_some(),
                (ShapeType::Resource, name) => match (props.lifecycle_mut(name), resolve(value)) {
                    (Some(slot), Some(target)) => {
                        *slot = Some(target);
                        true
                    }
                    (Some(_), None) => false,
                    // Smithy warns about unknown properties and ignores them.
                    (None, _) => true,
                },
                _ => true,
            };
            if !ok {
                bad(
                    key,
                    "a shape id, a list of them, or a map to them, as its property requires",
                );
            }
        }
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
