//! The assembled model: every file's shapes merged, shape ids absolute, traits applied, mixins
//! recorded (not flattened), exactly what `smithy ast` would print.

use super::node::{Loc, Node};
use super::syntax::{ShapeType, Version};
use crate::idl::fxhash::FxIndexMap as IndexMap;

/// Where a shape comes from: `smithy ast` output holds only the input's shapes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    Input,
    Bundled,
    Prelude,
}

#[derive(Debug, Clone)]
pub struct Model {
    pub metadata: IndexMap<String, Node>,
    /// By id, sorted once the model is assembled.
    pub shapes: IndexMap<String, ShapeDef>,
}

#[derive(Debug, Clone)]
pub struct ShapeDef {
    pub kind: ShapeType,
    pub loc: Loc,
    pub origin: Origin,
    /// The IDL (or JSON AST) version of the file that defined it.
    pub version: Version,
    pub mixins: Vec<String>,
    /// Every member, inherited ones first (as Smithy orders them), then the shape's own.
    pub members: IndexMap<String, MemberDef>,
    /// The traits the shape itself introduces (inherited ones stay on the mixin).
    pub traits: Traits,
    /// Boxed: most shapes have none, and shapes move around while the model is built.
    pub props: Box<Props>,
    /// Where the shape's mixins and properties name other shapes (in IDL files), for messages.
    pub ref_locs: Vec<(String, Loc)>,
    /// Smithy 1.0 semantics the upgrade needs: `@box` (explicit in 1.0, implied in 2.0).
    pub boxed: bool,
}

#[derive(Debug, Clone)]
pub struct MemberDef {
    pub target: String,
    /// Traits introduced here: for an inherited member, those added by `apply` or a redeclaration.
    pub traits: Traits,
    pub loc: Loc,
    /// The member comes from a mixin (and may be redeclared here with the same target).
    pub inherited: bool,
}

/// A shape's or member's traits by id, in the order applied. A handful each, so a list searched
/// in order: cheaper than a hash table per member.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Traits(Vec<(String, Node)>);

impl Traits {
    /// Traits whose ids are known to differ (merged already), kept in order as they are.
    pub fn from_distinct(entries: Vec<(String, Node)>) -> Traits {
        Traits(entries)
    }

    pub fn get(&self, id: &str) -> Option<&Node> {
        self.0.iter().find(|(k, _)| k == id).map(|(_, v)| v)
    }

    pub fn contains_key(&self, id: &str) -> bool {
        self.0.iter().any(|(k, _)| k == id)
    }

    /// Sets a trait, replacing its value if present; returns the value replaced.
    pub fn insert(&mut self, id: String, value: Node) -> Option<Node> {
        match self.0.iter_mut().find(|(k, _)| *k == id) {
            Some((_, old)) => Some(std::mem::replace(old, value)),
            None => {
                self.0.push((id, value));
                None
            }
        }
    }

    pub fn remove(&mut self, id: &str) -> Option<Node> {
        let at = self.0.iter().position(|(k, _)| k == id)?;
        Some(self.0.remove(at).1)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&String, &Node)> {
        self.0.iter().map(|(k, v)| (k, v))
    }

    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.0.iter().map(|(k, _)| k)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }
}

impl FromIterator<(String, Node)> for Traits {
    fn from_iter<I: IntoIterator<Item = (String, Node)>>(items: I) -> Traits {
        let mut traits = Traits::default();
        traits.extend(items);
        traits
    }
}

impl Extend<(String, Node)> for Traits {
    fn extend<I: IntoIterator<Item = (String, Node)>>(&mut self, items: I) {
        for (id, value) in items {
            self.insert(id, value);
        }
    }
}

impl IntoIterator for Traits {
    type Item = (String, Node);
    type IntoIter = std::vec::IntoIter<(String, Node)>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

/// The properties of operations, resources and services, as written (introduced ones only).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Props {
    pub input: Option<String>,
    pub output: Option<String>,
    pub errors: Vec<String>,
    pub identifiers: IndexMap<String, String>,
    pub properties: IndexMap<String, String>,
    pub put: Option<String>,
    pub create: Option<String>,
    pub read: Option<String>,
    pub update: Option<String>,
    pub delete: Option<String>,
    pub list: Option<String>,
    pub operations: Vec<String>,
    pub collection_operations: Vec<String>,
    pub resources: Vec<String>,
    pub version: Option<String>,
    pub rename: IndexMap<String, String>,
}

impl Props {
    /// The resource lifecycle operations with their property names, in serialization order.
    pub fn lifecycle(&self) -> [(&'static str, &Option<String>); 6] {
        [
            ("put", &self.put),
            ("create", &self.create),
            ("read", &self.read),
            ("update", &self.update),
            ("delete", &self.delete),
            ("list", &self.list),
        ]
    }

    pub fn lifecycle_mut(&mut self, name: &str) -> Option<&mut Option<String>> {
        Some(match name {
            "put" => &mut self.put,
            "create" => &mut self.create,
            "read" => &mut self.read,
            "update" => &mut self.update,
            "delete" => &mut self.delete,
            "list" => &mut self.list,
            _ => return None,
        })
    }

    /// Every shape id the properties reference, for reference checks and reachability.
    pub fn references(&self) -> impl Iterator<Item = &String> {
        let singles = [&self.input, &self.output]
            .into_iter()
            .chain(self.lifecycle().map(|(_, v)| v));
        singles
            .flatten()
            .chain(&self.errors)
            .chain(self.identifiers.values())
            .chain(self.properties.values())
            .chain(&self.operations)
            .chain(&self.collection_operations)
            .chain(&self.resources)
    }
}

impl Model {
    /// A shape of this model, else of `base` (the prelude and bundled definitions).
    pub fn lookup<'a>(&'a self, base: Option<&'a Model>, id: &str) -> Option<&'a ShapeDef> {
        self.shapes
            .get(id)
            .or_else(|| base.and_then(|b| b.shapes.get(id)))
    }
}

impl ShapeDef {
    pub fn own_members(&self) -> impl Iterator<Item = (&String, &MemberDef)> {
        self.members.iter().filter(|(_, m)| !m.inherited)
    }
}
