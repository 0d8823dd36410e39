//! Shape statements: simple shapes, enums, aggregates with members, services, resources and
//! operations (with inline input and output).

use super::super::lexer::{PResult, Tok};
use super::super::node::{IdRef, Loc, Node};
use super::super::syntax::{
    MemberSyntax, OperationSyntax, ShapeSyntax, ShapeType, TraitKind, TraitSyntax,
};
use super::Parser;
use std::collections::HashSet;

impl Parser<'_> {
    /// An opening `{` or `[` after whitespace and doc comments, and the whitespace after it
    /// (and doc comments, with `docs`).
    fn open(&mut self, tok: Tok, docs: bool) -> PResult<()> {
        self.lx.skip_ws_and_docs();
        self.lx.eat(tok)?;
        if docs {
            self.lx.skip_ws_and_docs();
        } else {
            self.lx.skip_ws();
        }
        Ok(())
    }

    /// A shape statement: the type keyword is the current token.
    pub(super) fn shape(&mut self, traits: Vec<TraitSyntax>, loc: Loc) -> PResult<()> {
        let type_name = self.lx.lexeme();
        let kind = ShapeType::parse(type_name)
            .ok_or_else(|| self.syntax(None, format!("Unknown shape type: {type_name}")))?;
        self.lx.next();
        self.lx.expect_and_skip_spaces()?;
        let id = self.shape_name()?;
        let mut shape = ShapeSyntax {
            kind,
            id,
            loc,
            traits,
            mixins: Vec::new(),
            for_resource: None,
            members: Vec::new(),
            operation: OperationSyntax::default(),
            body: None,
        };
        match kind {
            ShapeType::Enum | ShapeType::IntEnum => self.enum_shape(&mut shape)?,
            k if k.is_aggregate() => self.aggregate(&mut shape)?,
            ShapeType::Operation => self.operation(&mut shape)?,
            ShapeType::Service | ShapeType::Resource => self.service_or_resource(&mut shape)?,
            _ => self.mixins(&mut shape)?,
        }
        self.out.shapes.push(shape);
        self.lx.expect_and_skip_br()
    }

    fn namespace_name(&self) -> &str {
        self.out.namespace.as_deref().unwrap_or_default()
    }

    fn shape_name(&mut self) -> PResult<String> {
        let loc = self.lx.loc();
        self.lx.expect(Tok::Identifier)?;
        let name = self.lx.lexeme();
        if let Some(previous) = self.out.uses.get(name) {
            let message = format!("Shape name `{name}` conflicts with imported shape `{previous}`");
            return Err(Box::new(super::SyntaxError {
                loc,
                shape: None,
                message,
            }));
        }
        let id = format!("{}#{name}", self.namespace_name());
        self.lx.next();
        Ok(id)
    }

    /// `with [A, B]` after the shape name.
    fn mixins(&mut self, shape: &mut ShapeSyntax) -> PResult<()> {
        self.lx.skip_spaces();
        if !self.lx.at_keyword("with") {
            return Ok(());
        }
        self.v2_only(
            Some(&shape.id),
            "Mixins can only be used with Smithy version 2 or later. \
                 Attempted to use mixins with version `1.0`.",
        )?;
        self.lx.next();
        self.open(Tok::LBracket, true)?;
        loop {
            shape.mixins.push(self.shape_id_ref()?);
            self.lx.skip_ws_and_docs();
            if self.lx.current() == Tok::RBracket {
                break;
            }
        }
        self.lx.next();
        Ok(())
    }

    fn enum_shape(&mut self, shape: &mut ShapeSyntax) -> PResult<()> {
        self.mixins(shape)?;
        self.open(Tok::LBrace, false)?;
        let mut names = HashSet::new();
        while !matches!(self.lx.current(), Tok::Eof | Tok::RBrace) {
            let traits = self.docs_and_traits(true)?;
            let loc = self.lx.loc();
            self.lx.expect(Tok::Identifier)?;
            let name = self.lx.lexeme().to_string();
            if !names.insert(name.clone()) {
                return Err(self.syntax(
                    Some(&shape.id),
                    format!("Found conflicting member name, `{name}`"),
                ));
            }
            self.lx.next();
            self.lx.skip_spaces();
            let mut value_trait = None;
            if self.lx.current() == Tok::Equal {
                self.lx.next();
                self.lx.skip_spaces();
                value_trait = Some(("smithy.api#enumValue", self.node()?));
                self.end_of_assignment()?;
            } else {
                self.lx.skip_ws();
            }
            let target = Some(IdRef {
                text: "smithy.api#Unit".to_string(),
                loc,
            });
            shape.members.push(MemberSyntax {
                name,
                target,
                traits,
                value_trait,
                loc,
            });
        }
        self.lx.eat(Tok::RBrace)?;
        Ok(())
    }

    /// After `= value`: an optional comma, then a line break.
    fn end_of_assignment(&mut self) -> PResult<()> {
        self.lx.skip_spaces();
        self.lx.skip_optional_comma();
        self.lx.expect_and_skip_br()
    }

    fn aggregate(&mut self, shape: &mut ShapeSyntax) -> PResult<()> {
        self.for_resource(shape)?;
        self.mixins(shape)?;
        self.lx.skip_ws_and_docs();
        // Documentation between the name and `{` attaches to nothing.
        self.lx.clear_docs();
        self.lx.eat(Tok::LBrace)?;
        self.lx.skip_ws();
        let mut names = HashSet::new();
        while !matches!(self.lx.current(), Tok::Eof | Tok::RBrace) {
            self.member(shape, &mut names)?;
            self.lx.skip_ws();
        }
        self.lx.eat(Tok::RBrace)?;
        Ok(())
    }

    fn member(&mut self, shape: &mut ShapeSyntax, names: &mut HashSet<String>) -> PResult<()> {
        let traits = self.docs_and_traits(true)?;
        let loc = self.lx.loc();
        if self.lx.current() == Tok::RBrace
            && traits.len() == 1
            && traits[0].kind == TraitKind::DocComment
        {
            return Ok(()); // a dangling doc comment before `}`
        }
        let elided = self.lx.current() == Tok::Dollar;
        if elided {
            self.lx.next();
        }
        self.lx.expect(Tok::Identifier)?;
        let name = self.lx.lexeme().to_string();
        if !names.insert(name.clone()) {
            let message = format!("Duplicate member of `{}`: '{name}'", shape.id);
            return Err(self.syntax(Some(&shape.id), message));
        }
        if elided {
            let member = format!("{}${name}", shape.id);
            let message = "Members can only elide targets in IDL version 2 or later";
            self.v2_only(Some(&member), message)?;
        }
        self.lx.next();
        let mut target = None;
        if !elided {
            self.lx.skip_spaces();
            self.lx.eat(Tok::Colon)?;
            self.lx.skip_spaces();
            target = Some(self.shape_id_ref()?);
        }
        self.lx.skip_spaces();
        let mut value_trait = None;
        if self.lx.current() == Tok::Equal {
            self.v2_only(
                None,
                "@default assignment is only supported in IDL version 2 or later",
            )?;
            self.lx.next();
            self.lx.skip_spaces();
            value_trait = Some(("smithy.api#default", self.node()?));
            self.end_of_assignment()?;
        }
        shape.members.push(MemberSyntax {
            name,
            target,
            traits,
            value_trait,
            loc,
        });
        Ok(())
    }

    /// `for Resource`, whose identifiers and properties elided members take their targets from.
    fn for_resource(&mut self, shape: &mut ShapeSyntax) -> PResult<()> {
        self.lx.skip_spaces();
        if !self.lx.at_keyword("for") {
            return Ok(());
        }
        self.v2_only(
            Some(&shape.id),
            "Structures can only be bound to resources with Smithy version 2 or later. \
                 Attempted to bind a structure to a resource with version `1.0`.",
        )?;
        self.lx.next();
        self.lx.expect_and_skip_spaces()?;
        shape.for_resource = Some(self.shape_id_ref()?);
        Ok(())
    }

    fn service_or_resource(&mut self, shape: &mut ShapeSyntax) -> PResult<()> {
        self.mixins(shape)?;
        self.lx.skip_ws_and_docs();
        self.lx.expect(Tok::LBrace)?;
        let loc = self.lx.loc();
        let body = self.node()?;
        let has_properties = body
            .as_object()
            .is_some_and(|o| o.contains_key("properties"));
        if shape.kind == ShapeType::Resource && has_properties {
            self.v2_only(
                Some(&shape.id),
                "Resource properties can only be used with Smithy version 2 or later. \
                 Attempted to use resource properties with version `1.0`.",
            )?;
        }
        shape.body = Some((body, loc));
        Ok(())
    }

    fn operation(&mut self, shape: &mut ShapeSyntax) -> PResult<()> {
        self.mixins(shape)?;
        self.open(Tok::LBrace, true)?;
        let mut seen = HashSet::new();
        while !matches!(self.lx.current(), Tok::Eof | Tok::RBrace) {
            self.lx.expect(Tok::Identifier)?;
            let key = self.lx.lexeme();
            if !seen.insert(key) {
                let message = format!("Duplicate operation {key} property for `{}`", shape.id);
                return Err(self.syntax(Some(&shape.id), message));
            }
            self.lx.next();
            self.lx.skip_ws_and_docs();
            match key {
                "input" | "output" => {
                    let input = key == "input";
                    let how = self.lx.expect_one(&[Tok::Colon, Tok::Walrus])?;
                    self.lx.next();
                    let target = self.io_target(shape, how, input)?;
                    *if input {
                        &mut shape.operation.input
                    } else {
                        &mut shape.operation.output
                    } = Some(target);
                }
                "errors" => {
                    self.lx.eat(Tok::Colon)?;
                    shape.operation.errors = self.id_list()?;
                }
                other => {
                    let message = format!("Unknown property {other} for {}", shape.id);
                    return Err(self.syntax(Some(&shape.id), message));
                }
            }
            self.lx.expect_and_skip_whitespace()?;
            self.lx.skip_ws_and_docs();
        }
        self.lx.eat(Tok::RBrace)?;
        Ok(())
    }

    /// `input: Target` or `input := { ... }` (a structure named after the operation).
    fn io_target(&mut self, operation: &ShapeSyntax, how: Tok, input: bool) -> PResult<IdRef> {
        if how != Tok::Walrus {
            self.lx.skip_ws_and_docs();
            return self.shape_id_ref();
        }
        self.v2_only(Some(&operation.id), "Inlined operation inputs and outputs can only be used with Smithy version 2 or later. \
                 Attempted to use inlined IO with version `1.0`.")?;
        // Documentation before `:=` attaches to nothing; after it, to the structure.
        self.lx.clear_docs();
        self.lx.skip_ws();
        let mut traits = self.docs_and_traits(true)?;
        let (suffix, trait_name) = if input {
            (&self.input_suffix, "smithy.api#input")
        } else {
            (&self.output_suffix, "smithy.api#output")
        };
        let id = format!("{}{suffix}", operation.id);
        let loc = self.lx.loc();
        traits.push(TraitSyntax {
            id: IdRef {
                text: trait_name.to_string(),
                loc,
            },
            value: Node::empty_object(),
            kind: TraitKind::Annotation,
        });
        let mut shape = ShapeSyntax {
            kind: ShapeType::Structure,
            id: id.clone(),
            loc,
            traits,
            mixins: Vec::new(),
            for_resource: None,
            members: Vec::new(),
            operation: OperationSyntax::default(),
            body: None,
        };
        self.aggregate(&mut shape)?;
        self.out.shapes.push(shape);
        Ok(IdRef { text: id, loc })
    }

    fn id_list(&mut self) -> PResult<Vec<IdRef>> {
        self.enter()?;
        self.open(Tok::LBracket, true)?;
        let mut ids = Vec::new();
        while !matches!(self.lx.current(), Tok::Eof | Tok::RBracket) {
            self.lx.expect(Tok::Identifier)?;
            ids.push(self.shape_id_ref()?);
            self.lx.skip_ws_and_docs();
        }
        self.lx.eat(Tok::RBracket)?;
        self.leave();
        Ok(ids)
    }
}
