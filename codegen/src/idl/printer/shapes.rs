//! Shape statements, members and traits.

use super::super::model::{MemberDef, Model, Props, ShapeDef, Traits};
use super::super::node::Node;
use super::super::node::{IdRef, Loc};
use super::super::syntax::ShapeType;
use super::values::{compact, doc_comment, write_key, write_value};
use super::{name, Scope};
use crate::idl::fxhash::FxIndexMap as IndexMap;

const DOCUMENTATION: &str = "smithy.api#documentation";
const DEFAULT: &str = "smithy.api#default";
const ENUM_VALUE: &str = "smithy.api#enumValue";
const UNIT: &str = "smithy.api#Unit";

pub fn metadata(out: &mut String, model: &Model) {
    for (key, value) in &model.metadata {
        out.push_str("metadata ");
        write_key(out, key);
        out.push_str(" = ");
        write_value(out, value, 0, key.len() + 12);
        out.push('\n');
    }
    out.push('\n');
}

impl Scope<'_> {
    pub(super) fn shape(&self, out: &mut String, id: &str, shape: &ShapeDef) {
        self.traits(out, &shape.traits, "", &[]);
        let kind = if shape.kind == ShapeType::Set {
            ShapeType::List
        } else {
            shape.kind
        };
        out.push_str(kind.name());
        out.push(' ');
        out.push_str(name(id));
        if !shape.mixins.is_empty() {
            let mixins: Vec<String> = shape.mixins.iter().map(|m| self.id(m)).collect();
            out.push_str(&format!(" with [{}]", mixins.join(", ")));
        }
        match shape.kind {
            ShapeType::Enum | ShapeType::IntEnum => self.enum_members(out, shape),
            k if k.is_aggregate() => self.members(out, shape),
            ShapeType::Operation | ShapeType::Resource | ShapeType::Service => {
                self.properties(out, shape)
            }
            _ => {}
        }
        out.push('\n');
    }

    /// Documentation (as `///` where possible), then the other traits. `implied` traits are
    /// written another way (`= value`) and left out.
    fn traits(&self, out: &mut String, traits: &Traits, indent: &str, implied: &[&str]) {
        let mut traits: Vec<(&String, &Node)> = traits
            .iter()
            .filter(|(id, _)| !implied.contains(&id.as_str()))
            .collect();
        traits.sort_by(|a, b| a.0.cmp(b.0));
        if let Some(Node::String(doc)) = traits
            .iter()
            .find(|(id, _)| *id == DOCUMENTATION)
            .map(|(_, v)| *v)
        {
            if let Some(comment) = doc_comment(doc, indent) {
                out.push_str(&comment);
                traits.retain(|(id, _)| *id != DOCUMENTATION);
            }
        }
        for (id, value) in traits {
            out.push_str(indent);
            self.trait_application(out, id, value, indent.len());
            out.push('\n');
        }
    }

    /// `@id`, `@id(key: value, ...)` or `@id(value)`.
    fn trait_application(&self, out: &mut String, id: &str, value: &Node, indent: usize) {
        out.push('@');
        out.push_str(&self.id(id));
        match value {
            // A bare `@id` means `{}` only for structure and map traits.
            Node::Object(map)
                if map.is_empty()
                    && matches!(self.kind(id), Some(ShapeType::Structure | ShapeType::Map)) => {}
            Node::Object(map) if !map.is_empty() => {
                let start = out.len();
                out.push('(');
                let inline = compact(value);
                let body = &inline[1..inline.len() - 1];
                if indent + out.len() - start + body.len() < 100 {
                    out.push_str(body);
                } else {
                    out.push('\n');
                    let pad = " ".repeat(indent + 4);
                    for (key, value) in map.iter() {
                        out.push_str(&pad);
                        let key_start = out.len();
                        write_key(out, key);
                        out.push_str(": ");
                        let column = indent + 4 + out.len() - key_start;
                        write_value(out, value, indent + 4, column);
                        out.push('\n');
                    }
                    out.push_str(&" ".repeat(indent));
                }
                out.push(')');
            }
            _ => {
                out.push('(');
                let column = indent + id.len() + 2;
                write_value(out, value, indent, column);
                out.push(')');
            }
        }
    }

    /// A `{ ... }` of members: each with its traits (but `sugar`, written as `= value`), then
    /// what `write_member` writes. Inherited members appear only with traits of their own.
    fn member_block(
        &self,
        out: &mut String,
        shape: &ShapeDef,
        sugar: &str,
        write_member: impl Fn(&mut String, &str, &MemberDef),
    ) {
        let members: Vec<(&String, &MemberDef)> = shape
            .members
            .iter()
            .filter(|(_, m)| !m.inherited || !m.traits.is_empty())
            .collect();
        if members.is_empty() {
            out.push_str(" {}");
            return;
        }
        out.push_str(" {\n");
        for (i, (member_name, member)) in members.into_iter().enumerate() {
            if i > 0 {
                out.push('\n');
            }
            self.traits(out, &member.traits, "    ", &[sugar]);
            out.push_str("    ");
            write_member(out, member_name, member);
            out.push('\n');
        }
        out.push('}');
    }

    /// Structure, union, list and map members, defaults as `= value`. Inherited members are
    /// written elided (`$name`), taking the mixin's target.
    fn members(&self, out: &mut String, shape: &ShapeDef) {
        self.member_block(out, shape, DEFAULT, |out, name, member| {
            if member.inherited {
                out.push('$');
                out.push_str(name);
            } else {
                out.push_str(&format!("{name}: {}", self.id(&member.target)));
            }
            if let Some(value) = member.traits.get(DEFAULT) {
                out.push_str(" = ");
                write_value(out, value, 4, 8 + name.len());
            }
        });
    }

    /// `NAME` (its value is its name), `NAME = "value"` or `NAME = 1`.
    fn enum_members(&self, out: &mut String, shape: &ShapeDef) {
        self.member_block(out, shape, ENUM_VALUE, |out, name, member| {
            out.push_str(name);
            match member.traits.get(ENUM_VALUE) {
                Some(Node::String(v)) if v == name => {}
                Some(value) => {
                    out.push_str(" = ");
                    out.push_str(&compact(value));
                }
                None => {}
            }
        });
    }

    /// An operation's, resource's or service's properties, one per line, shape ids unquoted.
    fn properties(&self, out: &mut String, shape: &ShapeDef) {
        let entries = self.property_values(&shape.props);
        if entries.is_empty() {
            out.push_str(" {}");
            return;
        }
        out.push_str(" {\n");
        for (what, value) in entries {
            out.push_str(&format!("    {what}: "));
            write_value(out, &value, 4, 6 + what.len());
            out.push('\n');
        }
        out.push('}');
    }

    /// The properties as values: shape ids as unquoted references.
    fn property_values(&self, props: &Props) -> Vec<(&'static str, Node)> {
        let id = |id: &str| {
            Node::Ref(Box::new(IdRef {
                text: self.id(id),
                loc: Loc::default(),
            }))
        };
        let list = |ids: &[String]| Node::Array(ids.iter().map(|i| id(i)).collect());
        let map = |m: &IndexMap<String, String>| {
            Node::object(m.iter().map(|(k, v)| (k.clone(), id(v))).collect())
        };
        let mut entries: Vec<(&str, Node)> = Vec::new();
        if let Some(version) = &props.version {
            entries.push(("version", Node::String(version.clone())));
        }
        let io = [("input", &props.input), ("output", &props.output)];
        entries.extend(
            io.into_iter()
                .filter_map(|(what, t)| Some((what, id(t.as_deref().filter(|t| *t != UNIT)?)))),
        );
        let maps = [
            ("identifiers", &props.identifiers),
            ("properties", &props.properties),
        ];
        entries.extend(
            maps.into_iter()
                .filter(|(_, m)| !m.is_empty())
                .map(|(what, m)| (what, map(m))),
        );
        entries.extend(
            props
                .lifecycle()
                .into_iter()
                .filter_map(|(what, t)| Some((what, id(t.as_deref()?)))),
        );
        let lists = [
            ("operations", &props.operations),
            ("collectionOperations", &props.collection_operations),
            ("resources", &props.resources),
            ("errors", &props.errors),
        ];
        entries.extend(
            lists
                .into_iter()
                .filter(|(_, ids)| !ids.is_empty())
                .map(|(what, ids)| (what, list(ids))),
        );
        if !props.rename.is_empty() {
            let renames = props
                .rename
                .iter()
                .map(|(k, v)| (k.clone(), Node::String(v.clone())));
            entries.push(("rename", Node::object(renames.collect())));
        }
        entries
    }
}
