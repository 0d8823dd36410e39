//! A JSON AST file to definitions and trait applications (its ids are already absolute).

use super::super::diag::Diag;
use super::super::model::{Origin, Props};
use super::super::node::{Loc, Node};
use super::super::syntax::{ShapeType, Version};
use super::{is_valid_shape_id, AppliedTrait, Lowered, Pending, PendingMember, TraitOp};
use crate::idl::fxhash::FxIndexMap as IndexMap;

/// Reading one JSON AST file; positions are found by searching for the shape when reporting.
struct Reader<'a> {
    file: u32,
    version: Version,
    out: &'a mut Lowered,
}

type Object = IndexMap<String, Node>;

pub(super) fn lower(node: Node, file: u32, origin: Origin, out: &mut Lowered) {
    let start = Loc {
        file,
        line: 1,
        col: 1,
    };
    let Node::Object(mut top) = node else {
        out.diags
            .push(Diag::new(start, None, "a JSON AST model must be an object"));
        return;
    };
    let Some(version) = top
        .get("smithy")
        .and_then(Node::as_str)
        .and_then(Version::parse)
    else {
        let message = "`smithy` must give a supported version (\"1.0\" or \"2.0\")";
        out.diags.push(Diag::new(start, None, message));
        return;
    };
    let mut reader = Reader { file, version, out };
    match top.shift_remove("metadata") {
        None => {}
        Some(Node::Object(map)) => reader
            .out
            .metadata
            .extend(map.into_iter().map(|(k, v)| (k, v, start))),
        Some(_) => reader
            .out
            .diags
            .push(Diag::new(start, None, "`metadata` must be an object")),
    }
    match top.shift_remove("shapes") {
        None => {}
        Some(Node::Object(shapes)) => {
            for (id, shape) in *shapes {
                reader.shape(id, shape, origin);
            }
        }
        Some(_) => reader
            .out
            .diags
            .push(Diag::new(start, None, "`shapes` must be an object")),
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

    fn shape(&mut self, id: String, node: Node, origin: Origin) {
        let Node::Object(mut map) = node else {
            return self.error(&id, "a shape must be an object");
        };
        let type_name = map
            .get("type")
            .and_then(Node::as_str)
            .unwrap_or_default()
            .to_string();
        if !is_valid_shape_id(&id) || (id.contains('$') && type_name != "apply") {
            return self.error(&id, format!("invalid shape id `{id}`"));
        }
        let traits = self.traits(&id, map.shift_remove("traits"));
        if type_name == "apply" {
            let namespace = id.split_once('#').map_or("", |(ns, _)| ns).to_string();
            let ops = traits.into_iter().map(|applied| TraitOp {
                target: id.clone(),
                namespace: namespace.clone(),
                applied,
            });
            self.out.traits.extend(ops);
            return;
        }
        let Some(kind) = ShapeType::parse(&type_name) else {
            return self.error(&id, format!("unknown shape type `{type_name}`"));
        };
        let Some(members) = self.members(&id, kind, &mut map) else {
            return self.error(&id, "`members` must be an object");
        };
        let mixins = self.refs(&id, map.get("mixins"), "mixins");
        let props = Box::new(self.props(&id, &map));
        let loc = self.loc();
        let version = self.version;
        self.out.shapes.push(Pending {
            id,
            kind,
            loc,
            version,
            origin,
            mixins,
            for_resource: None,
            members,
            props,
            traits,
            ref_locs: Vec::new(),
        });
    }

    /// `members` (or `member`, `key` and `value`); `None` when `members` is not an object.
    fn members(
        &mut self,
        id: &str,
        kind: ShapeType,
        map: &mut Object,
    ) -> Option<Vec<PendingMember>> {
        let mut members = Vec::new();
        if !kind.has_named_members() {
            for name in ["member", "key", "value"] {
                if let Some(member) = map.shift_remove(name) {
                    members.extend(self.member(id, name.to_string(), member));
                }
            }
            return Some(members);
        }
        match map.shift_remove("members") {
            None => {}
            Some(Node::Object(entries)) => {
                for (name, member) in *entries {
                    members.extend(self.member(id, name, member));
                }
            }
            Some(_) => return None,
        }
        Some(members)
    }

    fn traits(&mut self, target: &str, traits: Option<Node>) -> Vec<AppliedTrait> {
        let map = match traits {
            None => return Vec::new(),
            Some(Node::Object(map)) => map,
            Some(_) => {
                self.error(target, "`traits` must be an object");
                return Vec::new();
            }
        };
        let mut out = Vec::with_capacity(map.len());
        for (trait_id, value) in *map {
            if !is_valid_shape_id(&trait_id) {
                self.error(target, format!("invalid trait id `{trait_id}`"));
                continue;
            }
            let (loc, version) = (self.loc(), self.version);
            out.push(AppliedTrait {
                trait_id,
                value,
                annotation: false,
                loc,
                version,
            });
        }
        out
    }

    fn member(&mut self, shape: &str, name: String, node: Node) -> Option<PendingMember> {
        let id = format!("{shape}${name}");
        let target = self.target(&id, Some(&node))?;
        let traits = match node {
            Node::Object(mut member) => self.traits(&id, member.shift_remove("traits")),
            _ => Vec::new(),
        };
        Some(PendingMember {
            name,
            target: Some(target),
            loc: self.loc(),
            traits,
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
            return IndexMap::default();
        };
        map.iter()
            .filter_map(|(k, v)| Some((k.clone(), self.target(id, Some(v))?)))
            .collect()
    }

    fn props(&mut self, id: &str, map: &Object) -> Props {
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
