//! Smithy IDL as input: `.smithy` files (IDL 1.0 and 2.0) and JSON AST files, read together
//! into one model with Smithy's own semantics, and a printer back to IDL.
//!
//! The passes: `lexer` and `parser` turn each IDL file into statements; the assembler
//! resolves shape ids across files (`use`, then the namespace, then the prelude), merges
//! definitions, applies traits and mixins, upgrades IDL 1.0, and checks the model. The result is
//! the JSON AST `smithy ast` prints ([`ast_json`]), and, through the JSON loader's normalization,
//! the generator's [`crate::model::Model`] ([`load`]). The prelude and the common trait packages'
//! definitions are compiled in and available to every model. Nothing here touches the disk.

mod assemble;
mod bundled;
mod diag;
mod fxhash;
mod json_reader;
mod json_writer;
mod lexer;
pub mod model;
pub mod node;
mod parser;
mod printer;
mod serialize;
mod strings;
pub mod syntax;
mod to_loader;

use crate::error::{Error, Result};
use diag::{Files, BUNDLED_BASE};
use model::{Model, Origin};
use std::sync::OnceLock;

/// A model file: its path (for messages, and `.json` means JSON AST) and contents.
#[derive(Debug, Clone)]
pub struct Source {
    pub path: String,
    pub text: String,
}

impl Source {
    pub fn new(path: impl Into<String>, text: impl Into<String>) -> Source {
        Source {
            path: path.into(),
            text: text.into(),
        }
    }

    fn is_json(&self) -> bool {
        self.path.ends_with(".json")
    }
}

/// The prelude and bundled trait definitions, assembled once.
fn base() -> Result<&'static Model> {
    static BASE: OnceLock<std::result::Result<Model, Error>> = OnceLock::new();
    let base = BASE.get_or_init(|| {
        let prelude = [(bundled::PRELUDE, Origin::Prelude)];
        let traits = bundled::TRAIT_FILES.iter().map(|f| (*f, Origin::Bundled));
        let inputs: Vec<assemble::Input> = prelude
            .into_iter()
            .chain(traits)
            .enumerate()
            .map(|(i, ((_, text), origin))| assemble::Input {
                file: BUNDLED_BASE + i as u32,
                text,
                json: false,
                origin,
            })
            .collect();
        assemble::assemble(&inputs, None, assemble::Finish::Complete)
            .map_err(|diags| Files { inputs: &[] }.to_error(diags))
    });
    base.as_ref().map_err(Clone::clone)
}

/// Assembles model files (IDL and JSON AST, in any mix) into one model. Errors name the file,
/// line and column.
pub fn assemble(sources: &[Source]) -> Result<Model> {
    assemble_with(sources, assemble::Finish::Complete)
}

fn assemble_with(sources: &[Source], finish: assemble::Finish) -> Result<Model> {
    let base = base()?;
    let inputs: Vec<assemble::Input> = sources
        .iter()
        .enumerate()
        .map(|(i, s)| assemble::Input {
            file: i as u32,
            text: &s.text,
            json: s.is_json(),
            origin: Origin::Input,
        })
        .collect();
    assemble::assemble(&inputs, Some(base), finish)
        .map_err(|diags| Files { inputs: sources }.to_error(diags))
}

/// The JSON AST of the files' shapes and metadata (not the prelude or bundled definitions), as
/// `smithy ast` prints it.
pub fn ast_json(sources: &[Source]) -> Result<String> {
    Ok(ast_json_of(&assemble(sources)?))
}

/// An assembled model's JSON AST (its input shapes and metadata), as `smithy ast` prints it.
pub fn ast_json_of(model: &Model) -> String {
    serialize::to_json(model)
}

/// The model's input shapes and metadata as IDL 2.0: file name (`<namespace>.smithy`) →
/// contents. Reading the files back gives the same model.
pub fn print_idl(model: &Model) -> Result<std::collections::BTreeMap<String, String>> {
    Ok(printer::print(model, base()?))
}

/// The model's JSON AST with every object's keys sorted except shapes' `members` (whose order
/// matters): two models are the same model exactly when these texts are equal.
pub fn canonical_json(model: &Model) -> String {
    let mut out = String::new();
    let node = serialize::sort_keys(serialize::to_node(model), false);
    json_writer::write_node(&mut out, &node, Some(2), 0);
    out
}

/// The generator's model from model files: assembled, then validated and normalized as JSON AST
/// models are. A problem the loader finds in a shape is reported at that shape's definition.
pub fn load(sources: &[Source]) -> Result<crate::model::Model> {
    let model = assemble_with(sources, assemble::Finish::ForLoader)?;
    let ast = to_loader::to_ast(model, base()?);
    crate::model::load_ast(ast).map_err(|e| locate_load_error(sources, e))
}

/// The loader found a problem in a shape (a reference, most likely): assembling again with
/// every check reports it where the files say it; else it is reported at the shape.
fn locate_load_error(sources: &[Source], error: Error) -> Error {
    let model = match assemble(sources) {
        Ok(model) => model,
        Err(located) => return located,
    };
    let Error::Shape { id, message } = error else {
        return error;
    };
    let root = id.split_once('$').map_or(id.as_str(), |(r, _)| r);
    match model.shapes.get(root) {
        Some(shape) => {
            Files { inputs: sources }.to_error(vec![diag::Diag::new(shape.loc, Some(&id), message)])
        }
        None => Error::Shape { id, message },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_prelude_and_bundled_traits_assemble() {
        let base = base().unwrap_or_else(|e| panic!("{e}"));
        assert!(base.shapes.contains_key("smithy.api#String"));
        assert!(base.shapes.contains_key("aws.protocols#awsJson1_0"));
    }
}
