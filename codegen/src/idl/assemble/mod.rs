//! Assembly: every file (IDL or JSON AST) lowered to shape definitions and trait applications
//! with absolute ids, then merged into one [`Model`] with Smithy's semantics: duplicate
//! definitions must agree, traits merge per target, mixins and `for` resources give elided
//! members their targets, IDL 1.0 files are upgraded, and the model is checked.

mod build;
mod lower_idl;
mod lower_json;
mod metadata;
mod symbols;
mod traits;
mod upgrade;
mod validate;

use super::diag::Diag;
use super::json_reader;
use super::model::{Model, Origin, Props};
use super::node::{Loc, Node};
use super::parser;
use super::syntax::{FileSyntax, ShapeType, Version};
use symbols::Symbols;

/// One file to assemble.
pub struct Input<'a> {
    pub file: u32,
    pub text: &'a str,
    pub json: bool,
    pub origin: Origin,
}

/// A shape definition with absolute ids, before mixins are applied; with the traits written on
/// it (most traits; `apply` statements go through the trait map).
#[derive(Debug, Clone)]
struct Pending {
    id: String,
    kind: ShapeType,
    loc: Loc,
    version: Version,
    origin: Origin,
    mixins: Vec<String>,
    for_resource: Option<(String, Loc)>,
    members: Vec<PendingMember>,
    props: Box<Props>,
    traits: Vec<AppliedTrait>,
    /// Where mixins and properties name shapes (IDL only).
    ref_locs: Vec<(String, Loc)>,
}

#[derive(Debug, Clone)]
struct PendingMember {
    name: String,
    /// `None` when elided.
    target: Option<String>,
    loc: Loc,
    traits: Vec<AppliedTrait>,
}

/// A trait as written: on a definition, in an `apply`, as a doc comment or `= value` sugar.
#[derive(Debug, Clone)]
struct AppliedTrait {
    trait_id: String,
    value: Node,
    annotation: bool,
    loc: Loc,
    version: Version,
}

/// A trait applied from outside a definition (`apply`, or a JSON AST `apply` entry).
#[derive(Debug, Clone)]
struct TraitOp {
    target: String,
    /// The namespace of the file that applies it (`smithy.api` may change prelude shapes).
    namespace: String,
    applied: AppliedTrait,
}

/// Everything the files say, in file order.
#[derive(Default)]
struct Lowered {
    shapes: Vec<Pending>,
    traits: Vec<TraitOp>,
    metadata: Vec<(String, Node, Loc)>,
    diags: Vec<Diag>,
}

enum Content {
    Idl(FileSyntax),
    Json(Node),
}

/// Assembles `inputs` on top of `base` (the prelude and bundled trait definitions, themselves
/// assembled with no base).
/// How much of the assembled model's form to settle: the generator's loader checks references
/// and orders shapes itself, so it asks only for what it does not do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Finish {
    /// References checked, shapes in id order: the model as `smithy ast` prints it.
    Complete,
    /// For the generator's loader, which checks member and mixin references and sorts again.
    ForLoader,
}

pub fn assemble(
    inputs: &[Input],
    base: Option<&Model>,
    finish: Finish,
) -> Result<Model, Vec<Diag>> {
    let mut diags = Vec::new();
    let mut parsed = Vec::with_capacity(inputs.len());
    for input in inputs {
        let content = if input.json {
            json_reader::parse(input.text, input.file).map(Content::Json)
        } else {
            parser::parse(input.text, input.file).map(Content::Idl)
        };
        match content {
            Ok(content) => parsed.push((input, content)),
            Err(e) => diags.push(Diag::from(e)),
        }
    }
    if !diags.is_empty() {
        return Err(diags);
    }
    let symbols = Symbols::new(base, &parsed);
    let mut lowered = Lowered::default();
    for (input, content) in parsed {
        match content {
            Content::Idl(file) => lower_idl::lower(file, input.origin, &symbols, &mut lowered),
            Content::Json(node) => lower_json::lower(node, input.file, input.origin, &mut lowered),
        }
    }
    let metadata = metadata::merge(std::mem::take(&mut lowered.metadata), &mut lowered.diags);
    let mut model = build::build(lowered, &symbols, base)?;
    model.metadata = metadata;
    upgrade::upgrade(&mut model, base);
    let complete = finish == Finish::Complete;
    if complete {
        model.shapes.sort_keys();
    }
    validate::check(&model, base, complete)?;
    Ok(model)
}

/// Values by key, in the order first set, with where each was (first) set: a shape's or
/// member's traits, or the metadata. Few per target, so a list searched in order.
type Entries = Vec<(String, Node, Loc)>;

/// Adds a trait or metadata value, merging a repeated key as Smithy does: lists concatenate and
/// equal values are kept once; anything else conflicts, and the key and the first value's place
/// are returned.
fn merge_value(entries: &mut Entries, key: String, value: Node, loc: Loc) -> Option<(String, Loc)> {
    let Some((_, previous, previous_loc)) = entries.iter_mut().find(|(k, _, _)| *k == key) else {
        entries.push((key, value, loc));
        return None;
    };
    match (previous, value) {
        (Node::Array(items), Node::Array(more)) => items.extend(more),
        (previous, value) if *previous == value => {}
        _ => return Some((key, *previous_loc)),
    }
    None
}

/// The shape the namespace part of an id names, without a member.
fn root(id: &str) -> &str {
    id.split_once('$').map_or(id, |(root, _)| root)
}

/// `smithy.api#required` reads `required` in messages, as Smithy writes it.
fn idiomatic(trait_id: &str) -> &str {
    trait_id.strip_prefix("smithy.api#").unwrap_or(trait_id)
}

fn is_valid_identifier(s: &str) -> bool {
    let rest = s.trim_start_matches('_');
    rest.starts_with(|c: char| c.is_ascii_alphanumeric())
        && (rest.len() < s.len() || rest.starts_with(|c: char| c.is_ascii_alphabetic()))
        && rest.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// `namespace#Name` or `namespace#Name$member`, as the grammar defines them.
pub fn is_valid_shape_id(id: &str) -> bool {
    let Some((namespace, rest)) = id.split_once('#') else {
        return false;
    };
    let (name, member) = rest
        .split_once('$')
        .map_or((rest, None), |(n, m)| (n, Some(m)));
    namespace.split('.').all(is_valid_identifier)
        && is_valid_identifier(name)
        && member.is_none_or(is_valid_identifier)
}
