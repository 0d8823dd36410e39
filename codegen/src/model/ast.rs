//! Serde types for the Smithy JSON AST, kept close to the wire so parse errors point at the input.

use indexmap::IndexMap;
use serde::Deserialize;
use serde_json::Value;

/// A whole model file: `{"smithy": "2.0", "shapes": {...}}` (metadata is not needed).
#[derive(Debug, Deserialize)]
pub struct Ast {
    pub smithy: String,
    #[serde(default)]
    pub shapes: IndexMap<String, AstShape>,
}

/// One shape, flat: which fields are meaningful depends on `type`, checked in validation so that
/// an unknown type gets an error naming the shape rather than a serde variant error.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AstShape {
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default)]
    pub traits: IndexMap<String, Value>,
    #[serde(default)]
    pub mixins: Vec<Ref>,
    #[serde(default)]
    pub members: IndexMap<String, AstMember>,
    pub member: Option<AstMember>,
    pub key: Option<AstMember>,
    pub value: Option<AstMember>,
    // operation
    pub input: Option<Ref>,
    pub output: Option<Ref>,
    #[serde(default)]
    pub errors: Vec<Ref>,
    // service / resource
    pub version: Option<String>,
    #[serde(default)]
    pub operations: Vec<Ref>,
    #[serde(default)]
    pub resources: Vec<Ref>,
    #[serde(default)]
    pub rename: IndexMap<String, String>,
    #[serde(default)]
    pub identifiers: IndexMap<String, Ref>,
    #[serde(default)]
    pub properties: IndexMap<String, Ref>,
    pub create: Option<Ref>,
    pub put: Option<Ref>,
    pub read: Option<Ref>,
    pub update: Option<Ref>,
    pub delete: Option<Ref>,
    pub list: Option<Ref>,
    #[serde(default)]
    pub collection_operations: Vec<Ref>,
}

#[derive(Debug, Deserialize, Clone)]
pub struct AstMember {
    pub target: String,
    #[serde(default)]
    pub traits: IndexMap<String, Value>,
}

#[derive(Debug, Deserialize, Clone, PartialEq, Eq)]
pub struct Ref {
    pub target: String,
}
