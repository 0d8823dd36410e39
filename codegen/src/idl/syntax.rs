//! What the parser makes of one `.smithy` file: its statements, with shape ids still as written
//! (the assembler resolves them once every file is known).

use super::node::{IdRef, Loc, Node};
use crate::idl::fxhash::FxIndexMap as IndexMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ShapeType {
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
    List,
    Set,
    Map,
    Structure,
    Union,
    Service,
    Resource,
    Operation,
}

const SHAPE_TYPES: [(&str, ShapeType); 23] = [
    ("blob", ShapeType::Blob),
    ("boolean", ShapeType::Boolean),
    ("string", ShapeType::String),
    ("byte", ShapeType::Byte),
    ("short", ShapeType::Short),
    ("integer", ShapeType::Integer),
    ("long", ShapeType::Long),
    ("float", ShapeType::Float),
    ("double", ShapeType::Double),
    ("bigInteger", ShapeType::BigInteger),
    ("bigDecimal", ShapeType::BigDecimal),
    ("timestamp", ShapeType::Timestamp),
    ("document", ShapeType::Document),
    ("enum", ShapeType::Enum),
    ("intEnum", ShapeType::IntEnum),
    ("list", ShapeType::List),
    ("set", ShapeType::Set),
    ("map", ShapeType::Map),
    ("structure", ShapeType::Structure),
    ("union", ShapeType::Union),
    ("service", ShapeType::Service),
    ("resource", ShapeType::Resource),
    ("operation", ShapeType::Operation),
];

impl ShapeType {
    pub fn parse(name: &str) -> Option<ShapeType> {
        SHAPE_TYPES
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, t)| *t)
    }

    pub fn name(self) -> &'static str {
        SHAPE_TYPES
            .iter()
            .find(|(_, t)| *t == self)
            .map_or("", |(n, _)| n)
    }

    /// Shapes whose members are named by the model (not `member`, `key`, `value`).
    pub fn has_named_members(self) -> bool {
        matches!(
            self,
            ShapeType::Structure | ShapeType::Union | ShapeType::Enum | ShapeType::IntEnum
        )
    }

    pub fn is_aggregate(self) -> bool {
        self.has_named_members()
            || matches!(self, ShapeType::List | ShapeType::Set | ShapeType::Map)
    }

    /// Numbers and booleans had an implicit zero default in Smithy 1.0.
    pub fn had_v1_default(self) -> bool {
        matches!(
            self,
            ShapeType::Byte
                | ShapeType::Short
                | ShapeType::Integer
                | ShapeType::Long
                | ShapeType::Float
                | ShapeType::Double
                | ShapeType::Boolean
                | ShapeType::IntEnum
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Version {
    V1,
    V2,
}

impl Version {
    pub fn parse(text: &str) -> Option<Version> {
        match text {
            "1" | "1.0" => Some(Version::V1),
            "2" | "2.0" => Some(Version::V2),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Version::V1 => "1.0",
            Version::V2 => "2.0",
        }
    }
}

/// `@id`, `@id(...)`, a `///` comment, or trait-like sugar (`= value` on members and enum
/// members, inline operation input and output).
#[derive(Debug, Clone)]
pub struct TraitSyntax {
    pub id: IdRef,
    pub value: Node,
    pub kind: TraitKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TraitKind {
    Value,
    /// Written without a value: its value comes from the trait's type (`{}` or `[]`).
    Annotation,
    /// A `///` comment, which is `@documentation`.
    DocComment,
}

#[derive(Debug, Clone)]
pub struct MemberSyntax {
    pub name: String,
    /// `None` when elided (`$name`): it comes from the bound resource or a mixin.
    pub target: Option<IdRef>,
    pub traits: Vec<TraitSyntax>,
    /// `= value` (`@default`) or an enum member's `= value` (`@enumValue`): part of the member.
    pub value_trait: Option<(&'static str, Node)>,
    pub loc: Loc,
}

#[derive(Debug, Clone, Default)]
pub struct OperationSyntax {
    pub input: Option<IdRef>,
    pub output: Option<IdRef>,
    pub errors: Vec<IdRef>,
}

#[derive(Debug, Clone)]
pub struct ShapeSyntax {
    pub kind: ShapeType,
    /// Absolute: the file's namespace and the name.
    pub id: String,
    pub loc: Loc,
    pub traits: Vec<TraitSyntax>,
    pub mixins: Vec<IdRef>,
    pub for_resource: Option<IdRef>,
    pub members: Vec<MemberSyntax>,
    pub operation: OperationSyntax,
    /// A service's or resource's properties, as the node object they are written as.
    pub body: Option<(Node, Loc)>,
}

#[derive(Debug, Clone)]
pub struct ApplySyntax {
    pub target: IdRef,
    pub traits: Vec<TraitSyntax>,
}

#[derive(Debug, Clone)]
pub struct FileSyntax {
    pub version: Version,
    pub metadata: Vec<(String, Node, Loc)>,
    pub namespace: Option<String>,
    /// `use` statements: name → absolute id.
    pub uses: IndexMap<String, String>,
    pub shapes: Vec<ShapeSyntax>,
    pub applies: Vec<ApplySyntax>,
}
