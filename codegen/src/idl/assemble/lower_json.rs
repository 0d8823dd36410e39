//! A JSON AST file to definitions and trait applications (its ids are already absolute).

use super::super::diag::Diag;
use super::super::model::{Origin, Props};
use super::super::node::{Loc, Node};
use super::super::syntax::{ShapeType, Version};
use super::{is_valid_shape_id, Lowered, Pending, PendingMember, TraitOp};
use indexmap::IndexMap;

/// Reading one JSON AST file; positions are found by searching for the shape when reporting.
struct Reader<'a> {
    file: u32,
    version: Version,
    out: &'a mut Lowered,
}

pub(super) fn lower(node: &Node, file: u32, origin: Origin, out: &mut Lowered) {
    let unknown = Loc {
        file,
        line: 1,
        col: 1,
    };
    let Some(top) = node.as_object() else {
        out.diags.push(Diag::new(
            unknown,
            None,
            "a JSON AST model must be an object",
        ));
        return;
    };
    let version = match top.get("smithy").and_then(Node::as_str).map(Version::parse) {
        Some(Some(v)) => v,
        _ => {
            let message = "`smithy` must give a supported version (\"1.0\" or \"2.0\")";
            out.diags.push(Diag::new(unknown, None, message));
            return;
        }
    };
    let mut reader = Reader { file, version, out };
    if let Some(metadata) = top.get("metadata") {
        match metadata.as_object() {
            Some(map) => {
                let items = map.iter().map(|(k, v)| (k.clone(), v.clone(), unknown));
                reader.out.metadata.extend(items);
            }
            None => reader
                .out
                .diags
                .push(Diag::new(unknown, None, "`metadata` must be an object")),
        }
    }
    match top.get("shapes").map(Node::as_object) {
        None => {}
        Some(None) => reader
            .out
            .diags
            .push(Diag::new(unknown, None, "`shapes` must be an object")),
        Some(Some(shapes)) => {
            for (id, shape) in shapes {
                reader.shape(id, shape, origin);
            }
        }
    }
}

impl Reader<'_> {
    /// Unknown until reported: found then by searching for the id.
    fn loc(&self) -> Loc {
        Loc {
            file: self.file,
            line: 0,
            col: 0,
        }
    }

    fn error(&mut self, id: &str, message: impl Into<String>) {
        let loc = self.loc();
        self.out.diags.push(Diag::new(loc, Some(id), message));
    }

    fn shape(&mut self, id: &str, node: &Node, origin: Origin) {
        let Some(map) = node.as_object() else {
            return self.error(id, "a shape must be an object");
        };
        if !is_valid_shape_id(id)
            || (id.contains('$') && map.get("type").and_then(Node::as_str) != Some("apply"))
        {
            return self.error(id, format!("invalid shape id `{id}`"));
        }
        let type_name = map.get("type").and_then(Node::as_str).unwrap_or_default();
        self.traits(id, map.get("traits"));
        if type_name == "apply" {
            return;
        }
        let Some(kind) = ShapeType::parse(type_name) else {
            return self.error(id, format!("unknown shape type `{type_name}`"));
        };
        let mut members = Vec::new();
        if kind.has_named_members() {
            if let Some(entries) = map.get("members") {
                let Some(entries) = entries.as_object() else {
                    return self.error(id, "`members` must be an object");
                };
                for (name, member) in entries {
                    members.extend(self.member(id, name, member));
                }
            }
        } else {
            for name in ["member", "key", "value"] {
                if let Some(member) = map.get(name) {
                    members.extend(self.member(id, name, member));
                }
            }
        }
        let mixins = self.refs(id, map.get("mixins"), "mixins");
        let props = self.props(id, map);
        let loc = self.loc();
        self.out.shapes.push(Pending {
            id: id.to_string(),
            kind,
            loc,
            version: self.version,
            origin,
            mixins,
            for_resource: None,
            members,
            props,
        });
    }

    fn traits(&mut self, target: &str, traits: Option<&Node>) {
        let Some(traits) = traits else { return };
        let Some(map) = traits.as_object() else {
            return self.error(target, "`traits` must be an object");
        };
        for (trait_id, value) in map {
            if !is_valid_shape_id(trait_id) {
                self.error(target, format!("invalid trait id `{trait_id}`"));
                continue;
            }
            let loc = self.loc();
            self.out.traits.push(TraitOp {
                target: target.to_string(),
                trait_id: trait_id.clone(),
                value: value.clone(),
                annotation: false,
                loc,
                version: self.version,
                namespace: target.split_once('#').map_or("", |(ns, _)| ns).to_string(),
            });
        }
    }

    fn member(&mut self, shape: &str, name: &str, node: &Node) -> Option<PendingMember> {
        let id = format!("{shape}${name}");
        let target = self.target(&id, Some(node))?;
        self.traits(&id, node.as_object().and_then(|m| m.get("traits")));
        Some(PendingMember {
            name: name.to_string(),
            target: Some(target),
            loc: self.loc(),
        })
    }

    /// `{"target": "ns#Name"}`.
    fn target(&mut self, id: &str, node: Option<&Node>) -> Option<String> {
        let target = node?
            .as_object()
            .and_then(|o| o.get("target"))
            .and_then(Node::as_str);
        match target {
            Some(t) if is_valid_shape_id(t) => Some(t.to_string()),
            Some(t) => {
                self.error(id, format!("invalid target shape id `{t}`"));
                None
            }
            None => {
                self.error(id, "expected an object with a string `target`");
                None
            }
        }
    }

    fn refs(&mut self, id: &str, node: Option<&Node>, what: &str) -> Vec<String> {
        match node {
            None => Vec::new(),
            Some(Node::Array(items)) => items
                .iter()
                .filter_map(|item| self.target(id, Some(item)))
                .collect(),
            Some(_) => {
                self.error(id, format!("`{what}` must be a list of references"));
                Vec::new()
            }
        }
    }

    fn ref_map(&mut self, id: &str, node: Option<&Node>) -> IndexMap<String, String> {
        let Some(map) = node.and_then(Node::as_object) else {
            return IndexMap::new();
        };
        map.iter()
            .filter_map(|(k, v)| Some((k.clone(), self.target(id, Some(v))?)))
            .collect()
    }

    fn props(&mut self, id: &str, map: &IndexMap<String, Node>) -> Props {
        let mut props = Props {
            input: map.get("input").and_then(|n| self.target(id, Some(n))),
            output: map.get("output").and_then(|n| self.target(id, Some(n))),
            errors: self.refs(id, map.get("errors"), "errors"),
            identifiers: self.ref_map(id, map.get("identifiers")),
            properties: self.ref_map(id, map.get("properties")),
            operations: self.refs(id, map.get("operations"), "operations"),
            collection_operations: self.refs(
                id,
                map.get("collectionOperations"),
                "collectionOperations",
            ),
            resources: self.refs(id, map.get("resources"), "resources"),
            version: map
                .get("version")
                .and_then(Node::as_str)
                .map(str::to_string),
            ..Props::default()
        };
        for name in ["put", "create", "read", "update", "delete", "list"] {
            if let Some(node) = map.get(name) {
                let target = self.target(id, Some(node));
                if let Some(slot) = props.lifecycle_mut(name) {
                    *slot = target;
                }
            }
        }
        if let Some(rename) = map.get("rename").and_then(Node::as_object) {
            props.rename = rename
                .iter()
                .filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_string())))
                .collect();
        }
        props
    }
}
