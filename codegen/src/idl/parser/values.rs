//! Node values, traits and shape ids.

use super::super::lexer::{PResult, SyntaxError, Tok};
use super::super::node::{IdRef, Loc, Node};
use super::super::syntax::{TraitKind, TraitSyntax};
use super::Parser;
use crate::idl::fxhash::FxIndexMap as IndexMap;

const NODE_START: [Tok; 6] = [
    Tok::String,
    Tok::TextBlock,
    Tok::Number,
    Tok::Identifier,
    Tok::LBrace,
    Tok::LBracket,
];
const TRAIT_VALUE_START: [Tok; 6] = [
    Tok::LBrace,
    Tok::LBracket,
    Tok::TextBlock,
    Tok::String,
    Tok::Number,
    Tok::Identifier,
];

impl Parser<'_> {
    /// `foo.bar.baz`.
    pub(super) fn namespace(&mut self) -> PResult<String> {
        let start = self.lx.span().0;
        self.skip_namespace()?;
        Ok(self.lx.slice(start, self.lx.span().0).to_string())
    }

    fn skip_namespace(&mut self) -> PResult<()> {
        self.lx.eat(Tok::Identifier)?;
        while self.lx.current() == Tok::Dot {
            self.lx.next();
            self.lx.eat(Tok::Identifier)?;
        }
        Ok(())
    }

    /// `Name` or `Name$member` after the namespace and `#`.
    fn skip_relative_root(&mut self) -> PResult<()> {
        self.lx.eat(Tok::Identifier)?;
        if self.lx.current() == Tok::Dollar {
            self.lx.next();
            self.lx.eat(Tok::Identifier)?;
        }
        Ok(())
    }

    /// `ns#Name`, optionally with `$member`, as in `use` statements.
    pub(super) fn absolute_shape_id(&mut self) -> PResult<String> {
        let start = self.lx.span().0;
        self.skip_namespace()?;
        self.lx.eat(Tok::Pound)?;
        self.skip_relative_root()?;
        Ok(self.lx.slice(start, self.lx.span().0).to_string())
    }

    /// A relative or absolute shape id, as written.
    pub(super) fn shape_id(&mut self) -> PResult<String> {
        let start = self.lx.span().0;
        self.skip_namespace()?;
        if matches!(self.lx.current(), Tok::Dollar | Tok::Pound) {
            self.lx.next();
            self.skip_relative_root()?;
        }
        Ok(self.lx.slice(start, self.lx.span().0).to_string())
    }

    pub(super) fn shape_id_ref(&mut self) -> PResult<IdRef> {
        let loc = self.lx.loc();
        Ok(IdRef {
            text: self.shape_id()?,
            loc,
        })
    }

    pub(super) fn node(&mut self) -> PResult<Node> {
        let loc = self.lx.loc();
        match self.lx.expect_one(&NODE_START)? {
            Tok::String | Tok::TextBlock => {
                let text = self.lx.take_string();
                self.lx.next();
                Ok(Node::String(text))
            }
            Tok::Number => {
                let number = self.lx.number_value();
                self.lx.next();
                Ok(Node::Number(number))
            }
            Tok::Identifier => {
                let text = self.shape_id()?;
                Ok(identifier_node(text, loc))
            }
            Tok::LBrace => self.object(),
            _ => self.array(),
        }
    }

    fn array(&mut self) -> PResult<Node> {
        self.enter()?;
        self.lx.eat(Tok::LBracket)?;
        self.lx.skip_ws_and_docs();
        let mut items = Vec::new();
        while self.lx.current() != Tok::RBracket {
            items.push(self.node()?);
            self.lx.skip_ws_and_docs();
        }
        self.lx.next();
        self.leave();
        Ok(Node::Array(items))
    }

    fn object(&mut self) -> PResult<Node> {
        self.lx.eat(Tok::LBrace)?;
        self.lx.skip_ws_and_docs();
        self.enter()?;
        let mut map = IndexMap::default();
        while self.lx.current() != Tok::Eof {
            if self
                .lx
                .expect_one(&[Tok::RBrace, Tok::String, Tok::Identifier])?
                == Tok::RBrace
            {
                break;
            }
            let (key, key_loc) = self.key_and_colon()?;
            let value = self.node()?;
            if map.contains_key(&key) {
                return Err(at(key_loc, format!("Duplicate member: '{key}'")));
            }
            map.insert(key, value);
            self.lx.skip_ws_and_docs();
        }
        self.lx.eat(Tok::RBrace)?;
        self.leave();
        Ok(Node::object(map))
    }

    /// An object key (a string or identifier) and the `:` after it.
    fn key_and_colon(&mut self) -> PResult<(String, Loc)> {
        let key_loc = self.lx.loc();
        let key = self.lx.take_string();
        self.lx.next();
        self.lx.skip_ws_and_docs();
        self.lx.eat(Tok::Colon)?;
        self.lx.skip_ws_and_docs();
        Ok((key, key_loc))
    }

    pub(super) fn trait_list(&mut self) -> PResult<Vec<TraitSyntax>> {
        let mut traits = Vec::new();
        while self.lx.current() == Tok::At {
            traits.push(self.trait_application()?);
            self.lx.skip_ws_and_docs();
        }
        Ok(traits)
    }

    /// `@id`, `@id()`, `@id(value)` or `@id(key: value, ...)`.
    pub(super) fn trait_application(&mut self) -> PResult<TraitSyntax> {
        let loc = self.lx.loc();
        self.lx.eat(Tok::At)?;
        let id = IdRef {
            text: self.shape_id()?,
            loc,
        };
        let annotation = TraitSyntax {
            id: id.clone(),
            value: Node::Null,
            kind: TraitKind::Annotation,
        };
        if self.lx.current() != Tok::LParen {
            return Ok(annotation);
        }
        self.lx.next();
        self.lx.skip_ws_and_docs();
        if self.lx.current() == Tok::RParen {
            self.lx.next();
            return Ok(annotation);
        }
        let value = self.trait_value(loc)?;
        self.lx.skip_ws_and_docs();
        self.lx.eat(Tok::RParen)?;
        Ok(TraitSyntax {
            id,
            value,
            kind: TraitKind::Value,
        })
    }

    fn trait_value(&mut self, loc: Loc) -> PResult<Node> {
        let value = match self.lx.expect_one(&TRAIT_VALUE_START)? {
            Tok::LBrace | Tok::LBracket => self.node()?,
            Tok::TextBlock | Tok::Number => {
                let value = self.node()?;
                self.lx.skip_ws_and_docs();
                return Ok(value);
            }
            Tok::String => {
                let text = self.lx.take_string();
                self.lx.next();
                self.lx.skip_ws_and_docs();
                if self.lx.current() != Tok::Colon {
                    return Ok(Node::String(text));
                }
                self.lx.next();
                self.lx.skip_ws_and_docs();
                return self.structured_trait(text);
            }
            _ => {
                let text = self.shape_id()?;
                self.lx.skip_ws_and_docs();
                // `@trait(Foo)` is a shape id; `@trait(foo: ...)` starts a structure.
                if self.lx.current() == Tok::RParen || text.contains(['.', '$', '#']) {
                    return Ok(identifier_node(text, loc));
                }
                self.lx.eat(Tok::Colon)?;
                self.lx.skip_ws_and_docs();
                return self.structured_trait(text);
            }
        };
        self.lx.skip_ws_and_docs();
        Ok(value)
    }

    /// The `key: value, ...` form of a trait value, whose first key has been read.
    fn structured_trait(&mut self, first_key: String) -> PResult<Node> {
        self.enter()?;
        let mut map = IndexMap::default();
        map.insert(first_key, self.node()?);
        self.lx.skip_ws_and_docs();
        while self.lx.current() != Tok::RParen {
            self.lx.expect_one(&[Tok::Identifier, Tok::String])?;
            let (key, key_loc) = self.key_and_colon()?;
            let value = self.node()?;
            if map.contains_key(&key) {
                return Err(at(key_loc, format!("Duplicate member of trait: '{key}'")));
            }
            map.insert(key, value);
            self.lx.skip_ws_and_docs();
        }
        self.leave();
        Ok(Node::object(map))
    }
}

/// An unquoted identifier in a node value: a keyword, or a shape id to resolve later.
fn identifier_node(text: String, loc: Loc) -> Node {
    match text.as_str() {
        "true" => Node::Bool(true),
        "false" => Node::Bool(false),
        "null" => Node::Null,
        _ => Node::Ref(Box::new(IdRef { text, loc })),
    }
}

fn at(loc: Loc, message: String) -> Box<SyntaxError> {
    Box::new(SyntaxError {
        loc,
        shape: None,
        message,
    })
}
