//! A code generator for Smithy service models: Smithy IDL or JSON AST in, a Rust crate out.
//!
//! The work runs in passes, like a compiler: [`model::load`] parses and validates the JSON and
//! normalizes the model (prelude, mixins, `apply`); [`ir::resolve`] decides every Rust name,
//! path and type once; `emit` prints files. [`generate`] runs them all and returns the crate as
//! a sorted map of path → contents. [`idl`] reads `.smithy` files (and JSON AST files with
//! them) into the same model, with Smithy's semantics, for [`generate_from_sources`]. It
//! touches no files: writing them is the caller's job.

pub mod docs;
mod emit;
pub mod endpoint_engine;
pub mod error;
pub mod idl;
pub mod ir;
pub mod model;
pub mod naming;
mod protocol;

use std::collections::BTreeMap;

pub use error::{Error, IdlError, Result};

/// What the caller chooses about the generated crate.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The package name; by default derived from the service's `aws.api#service` sdkId.
    pub crate_name: Option<String>,
    pub crate_version: String,
    /// The service shape to generate (id or name), required when the model has several.
    pub service: Option<String>,
    /// The operation whose input the crate docs show being built (name); the first otherwise.
    pub example_input: Option<String>,
    /// The operation whose output the crate docs show being read (name); the first otherwise.
    pub example_output: Option<String>,
    /// How the generated crate depends on the runtime crate, `smithy-codegen-runtime`.
    pub runtime: RuntimeDependency,
}

/// How a generated crate depends on the runtime crate (`smithy-codegen-runtime`): the value of
/// its `[dependencies]` entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RuntimeDependency {
    /// A path, relative to the generated crate's folder (or absolute).
    Path(String),
    /// A version requirement, for a registry that has the crate.
    Version(String),
    /// A git repository holding it, at a branch, tag or revision when given.
    Git { url: String, reference: Option<GitReference> },
}

/// Which commit of a git dependency.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GitReference {
    Branch(String),
    Tag(String),
    Rev(String),
}

impl RuntimeDependency {
    /// The dependency as a TOML inline table, e.g. `{ path = "../codegen/runtime" }`.
    pub fn to_toml(&self) -> String {
        let quoted = |s: &str| serde_json::Value::String(s.to_string()).to_string();
        match self {
            RuntimeDependency::Path(path) => format!("{{ path = {} }}", quoted(path)),
            RuntimeDependency::Version(version) => format!("{{ version = {} }}", quoted(version)),
            RuntimeDependency::Git { url, reference } => {
                let at = match reference {
                    Some(GitReference::Branch(b)) => format!(", branch = {}", quoted(b)),
                    Some(GitReference::Tag(t)) => format!(", tag = {}", quoted(t)),
                    Some(GitReference::Rev(r)) => format!(", rev = {}", quoted(r)),
                    None => String::new(),
                };
                format!("{{ git = {}{at} }}", quoted(url))
            }
        }
    }
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            crate_name: None,
            crate_version: "0.1.0".to_string(),
            service: None,
            example_input: None,
            example_output: None,
            runtime: RuntimeDependency::Version(RUNTIME_VERSION.to_string()),
        }
    }
}

/// The runtime crate's version, which generated crates require by default.
pub const RUNTIME_VERSION: &str = "0.1";

/// A generated crate, and what the generator could not do fully.
#[derive(Debug, Clone)]
pub struct Generated {
    /// File path (relative to the crate root) → contents.
    pub files: BTreeMap<String, String>,
    /// Things a maintainer should know, e.g. `@pattern`s that `validate()` cannot enforce.
    pub warnings: Vec<String>,
}

/// Generates a crate from a Smithy JSON AST model: file path (relative to the crate root) →
/// contents. Deterministic: the same input gives the same bytes.
pub fn generate(model_json: &str, settings: &Settings) -> Result<BTreeMap<String, String>> {
    generate_crate(model_json, settings).map(|g| g.files)
}

/// [`generate`], also returning the generator's warnings.
pub fn generate_crate(model_json: &str, settings: &Settings) -> Result<Generated> {
    generate_from_model(&model::load(model_json)?, settings)
}

/// Generates a crate from model files: Smithy IDL (`.smithy`) and JSON AST (`.json`) in any mix,
/// assembled into one model as Smithy assembles them ([`idl::load`]).
pub fn generate_from_sources(sources: &[idl::Source], settings: &Settings) -> Result<Generated> {
    generate_from_model(&idl::load(sources)?, settings)
}

fn generate_from_model(model: &model::Model, settings: &Settings) -> Result<Generated> {
    let krate = ir::resolve(model, settings)?;
    let files = emit::emit(&krate)?;
    Ok(Generated { files, warnings: krate.warnings })
}
