//! The IDL parser: one file's tokens to its statements ([`FileSyntax`]). It follows the
//! grammar's sections in order (control, metadata, namespace, use, shapes and `apply`) and
//! stops at the first syntax error, reporting it where Smithy's own parser does.

mod shapes;
mod values;

use super::lexer::{Lexer, PResult, SyntaxError, Tok};
use super::node::{IdRef, Loc, Node};
use super::syntax::{ApplySyntax, FileSyntax, TraitKind, TraitSyntax, Version};
use crate::idl::fxhash::FxIndexMap as IndexMap;
use std::collections::HashSet;

pub const DOCUMENTATION: &str = "smithy.api#documentation";

/// Parses one `.smithy` file (`file` is its index in the caller's file table, for locations).
pub fn parse(src: &str, file: u32) -> PResult<FileSyntax> {
    let mut parser = Parser {
        lx: Lexer::new(src, file),
        out: FileSyntax {
            version: Version::V1,
            metadata: Vec::new(),
            namespace: None,
            uses: IndexMap::default(),
            shapes: Vec::new(),
            applies: Vec::new(),
        },
        nesting: 0,
        input_suffix: "Input".to_string(),
        output_suffix: "Output".to_string(),
    };
    parser.file()?;
    Ok(parser.out)
}

struct Parser<'a> {
    lx: Lexer<'a>,
    out: FileSyntax,
    nesting: usize,
    input_suffix: String,
    output_suffix: String,
}

/// Node values nest at most this deep, as in Smithy; it also bounds recursion on hostile input.
const MAX_NESTING: usize = 64;

impl Parser<'_> {
    fn file(&mut self) -> PResult<()> {
        self.lx.skip_ws_and_docs();
        self.control_section()?;
        self.lx.skip_ws_and_docs();
        self.metadata_section()?;
        self.shape_section()
    }

    fn syntax(&self, shape: Option<&str>, message: impl Into<String>) -> Box<SyntaxError> {
        let mut error = self.lx.error(message);
        error.shape = shape.map(str::to_string);
        error
    }

    /// Fails with `message` in an IDL 1.0 file: the construct came with 2.0.
    fn v2_only(&self, shape: Option<&str>, message: &str) -> PResult<()> {
        match self.out.version {
            Version::V1 => Err(self.syntax(shape, message)),
            Version::V2 => Ok(()),
        }
    }

    fn control_section(&mut self) -> PResult<()> {
        let mut seen = HashSet::new();
        while self.lx.current() == Tok::Dollar {
            self.lx.next();
            let key = self.key_then(Tok::Colon)?;
            if !seen.insert(key.clone()) {
                return Err(self.syntax(None, format!("Duplicate control statement `{key}`")));
            }
            let loc = self.lx.loc();
            let value = self.node()?;
            match key.as_str() {
                "version" => self.set_version(&value, loc)?,
                "operationInputSuffix" => self.input_suffix = control_string(&key, &value, loc)?,
                "operationOutputSuffix" => self.output_suffix = control_string(&key, &value, loc)?,
                // Smithy warns about unknown control statements and goes on.
                _ => {}
            }
            self.lx.expect_and_skip_br()?;
        }
        Ok(())
    }

    /// `key` (an identifier or string), then `sep` (`:` or `=`) between optional spaces.
    fn key_then(&mut self, sep: Tok) -> PResult<String> {
        self.lx.expect_one(&[Tok::Identifier, Tok::String])?;
        let key = self.lx.take_string();
        self.lx.next();
        self.lx.skip_spaces();
        self.lx.eat(sep)?;
        self.lx.skip_spaces();
        Ok(key)
    }

    fn set_version(&mut self, value: &Node, loc: Loc) -> PResult<()> {
        let Node::String(text) = value else {
            return Err(Box::new(SyntaxError {
                loc,
                shape: None,
                message: format!(
                    "The $version control statement must have a string value, but found {}",
                    value.to_json()
                ),
            }));
        };
        self.out.version = Version::parse(text).ok_or_else(|| {
            self.syntax(None, format!("Unsupported Smithy version number: {text}"))
        })?;
        Ok(())
    }

    fn metadata_section(&mut self) -> PResult<()> {
        while self.lx.at_keyword("metadata") {
            self.lx.next();
            self.lx.expect_and_skip_spaces()?;
            let key = self.key_then(Tok::Equal)?;
            let loc = self.lx.loc();
            let value = self.node()?;
            self.out.metadata.push((key, value, loc));
            self.lx.expect_and_skip_br()?;
            self.lx.skip_ws_and_docs();
        }
        Ok(())
    }

    fn shape_section(&mut self) -> PResult<()> {
        if !self.lx.at_keyword("namespace") {
            if self.lx.current() == Tok::Eof {
                return Ok(());
            }
            let found = self.lx.current().debug(self.lx.lexeme());
            return Err(self.syntax(
                None,
                format!("Expected a namespace definition but found {found}"),
            ));
        }
        self.lx.next();
        self.lx.expect_and_skip_spaces()?;
        self.out.namespace = Some(self.namespace()?);
        self.lx.expect_and_skip_br()?;
        // Documentation before `use` statements belongs to the first shape if nothing claims it.
        let doc_loc = self.lx.loc();
        self.lx.skip_ws_and_docs();
        self.use_section()?;
        if self.lx.current() != Tok::Eof {
            self.lx.skip_ws_and_docs();
            let docs = self.lx.take_docs();
            let mut traits = self.docs_and_traits(false)?;
            let has_docs = docs.is_some();
            if let Some(text) = docs {
                traits.push(doc_trait(text, doc_loc));
            }
            self.statement(traits, has_docs)?;
        }
        while self.lx.current() != Tok::Eof {
            let has_docs = self.lx.current() == Tok::DocComment;
            let traits = self.docs_and_traits(false)?;
            self.statement(traits, has_docs)?;
        }
        Ok(())
    }

    fn use_section(&mut self) -> PResult<()> {
        while self.lx.at_keyword("use") {
            self.lx.next();
            self.lx.expect_and_skip_spaces()?;
            let loc = self.lx.loc();
            let id = self.absolute_shape_id()?;
            let at = |message: String| {
                Box::new(SyntaxError {
                    loc,
                    shape: None,
                    message,
                })
            };
            if id.contains('$') {
                return Err(at("Use statements cannot use members".to_string()));
            }
            let name = id
                .rsplit_once('#')
                .map_or(id.as_str(), |(_, name)| name)
                .to_string();
            if let Some(previous) = self.out.uses.get(&name) {
                return Err(at(format!(
                    "Cannot use name `{id}` because it conflicts with `{previous}`"
                )));
            }
            self.out.uses.insert(name, id);
            self.lx.expect_and_skip_br()?;
            self.lx.skip_ws_and_docs();
        }
        Ok(())
    }

    /// A shape or `apply` statement after its traits. At the end of the file, documentation
    /// alone attaches to nothing (Smithy warns), but traits need a shape.
    fn statement(&mut self, traits: Vec<TraitSyntax>, has_docs: bool) -> PResult<()> {
        if self.lx.current() == Tok::Eof && (traits.is_empty() || (has_docs && traits.len() == 1)) {
            return Ok(());
        }
        let loc = self.lx.loc();
        self.lx.expect(Tok::Identifier)?;
        if self.lx.is_lexeme("apply") {
            return self.apply(traits);
        }
        self.shape(traits, loc)
    }

    fn apply(&mut self, traits: Vec<TraitSyntax>) -> PResult<()> {
        if traits.iter().any(|t| t.kind != TraitKind::DocComment) {
            return Err(self.syntax(None, "Traits applied to apply statement"));
        }
        self.lx.next();
        self.lx.expect_and_skip_whitespace()?;
        let target = self.shape_id_ref()?;
        self.lx.expect_and_skip_whitespace()?;
        let traits = if self.lx.expect_one(&[Tok::At, Tok::LBrace])? == Tok::At {
            vec![self.trait_application()?]
        } else {
            self.lx.next();
            self.lx.skip_ws_and_docs();
            let traits = self.trait_list()?;
            self.lx.skip_ws_and_docs();
            self.lx.eat(Tok::RBrace)?;
            traits
        };
        self.out.applies.push(ApplySyntax { target, traits });
        self.lx.expect_and_skip_br()
    }

    /// Documentation comments, then traits, before a shape or member. Documentation after the
    /// traits is not the shape's (for members it is dropped here; for shapes at the next `br`).
    fn docs_and_traits(&mut self, member: bool) -> PResult<Vec<TraitSyntax>> {
        self.lx.skip_ws();
        let mut docs = None;
        if self.lx.current() == Tok::DocComment {
            let loc = self.lx.loc();
            self.lx.skip_ws_and_docs();
            docs = self.lx.take_docs().map(|text| doc_trait(text, loc));
        }
        self.lx.skip_ws_and_docs();
        let mut traits = self.trait_list()?;
        traits.extend(docs);
        self.lx.skip_ws_and_docs();
        if member {
            self.lx.clear_docs();
        }
        Ok(traits)
    }

    fn enter(&mut self) -> PResult<()> {
        self.nesting += 1;
        if self.nesting > MAX_NESTING {
            return Err(self.syntax(
                None,
                format!("Parser exceeded maximum allowed depth of {MAX_NESTING}"),
            ));
        }
        Ok(())
    }

    fn leave(&mut self) {
        self.nesting -= 1;
    }
}

fn control_string(key: &str, value: &Node, loc: Loc) -> PResult<String> {
    match value {
        Node::String(s) => Ok(s.clone()),
        other => Err(Box::new(SyntaxError {
            loc,
            shape: None,
            message: format!(
                "Expected `${key}` to be a string, but found {}",
                other.type_name()
            ),
        })),
    }
}

fn doc_trait(text: String, loc: Loc) -> TraitSyntax {
    let id = IdRef {
        text: DOCUMENTATION.to_string(),
        loc,
    };
    TraitSyntax {
        id,
        value: Node::String(text),
        kind: TraitKind::DocComment,
    }
}
