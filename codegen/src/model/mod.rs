//! The model after parsing, validation and normalization: mixins flattened, `apply` applied,
//! prelude present, every reference known to resolve.

pub(crate) mod ast;
mod closure;
mod load;
mod prelude;
pub mod traits;

use indexmap::IndexMap;
use serde_json::Value;
use std::collections::BTreeMap;

pub use closure::ServiceClosure;
pub use load::load;
pub(crate) use load::load_ast;

/// The kind of a shape, with the references that kind carries.
#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    Blob,
    Boolean,
    String,
    Byte,
    Short,
    Integer,
    Long,
    Float,
    Double,
    BigInteger,
    BigDecimal,
    Timestamp,
    Document,
    Enum,
    IntEnum,
    /// `set` in Smithy 1.0 is a list with unique items.
    List,
    Map,
    Structure,
    Union,
    Operation(Operation),
    Resource(Resource),
    Service(Service),
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Operation {
    pub input: Option<String>,
    pub output: Option<String>,
    pub errors: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Resource {
    pub identifiers: IndexMap<String, String>,
    /// Lifecycle operations in the order create, put, read, update, delete, list, then
    /// `operations` and `collectionOperations`.
    pub operations: Vec<String>,
    pub resources: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Service {
    pub version: Option<String>,
    pub operations: Vec<String>,
    pub resources: Vec<String>,
    pub errors: Vec<String>,
    pub rename: IndexMap<String, String>,
}

/// A structure, union, list or map member (lists have `member`, maps `key` and `value`); enum
/// and intEnum members target `smithy.api#Unit` and carry `smithy.api#enumValue`.
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    pub name: String,
    pub target: String,
    pub traits: IndexMap<String, Value>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Shape {
    pub id: String,
    pub kind: Kind,
    pub traits: IndexMap<String, Value>,
    pub members: Vec<Member>,
}

impl Shape {
    pub fn member(&self, name: &str) -> Option<&Member> {
        self.members.iter().find(|m| m.name == name)
    }

    /// The part of the id after `#`.
    pub fn name(&self) -> &str {
        shape_name(&self.id)
    }
}

pub fn shape_name(id: &str) -> &str {
    id.rsplit_once('#').map_or(id, |(_, name)| name)
}

/// A validated, normalized model.
#[derive(Debug, Clone, Default)]
pub struct Model {
    pub shapes: BTreeMap<String, Shape>,
}

impl Model {
    pub fn get(&self, id: &str) -> Option<&Shape> {
        self.shapes.get(id)
    }

    /// Looks up a shape that validation proved exists.
    pub fn expect(&self, id: &str) -> &Shape {
        self.shapes
            .get(id)
            .unwrap_or_else(|| unreachable!("validated reference `{id}` is missing"))
    }

    pub fn services(&self) -> impl Iterator<Item = &Shape> {
        self.shapes.values().filter(|s| matches!(s.kind, Kind::Service(_)))
    }
}
