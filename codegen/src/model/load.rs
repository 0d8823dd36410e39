//! Parse → validate → normalize: JSON text in, a [`Model`] whose references all resolve out.

use super::ast::{Ast, AstMember, AstShape};
use super::{prelude, traits, Kind, Member, Model, Operation, Resource, Service, Shape};
use crate::error::{Error, Result};
use indexmap::IndexMap;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// Loads a Smithy JSON AST model: syntax errors carry line and column, model errors the shape id.
pub fn load(json: &str) -> Result<Model> {
    load_ast(parse(json)?)
}

/// Validates and normalizes a model already read into the AST types (the IDL assembler builds
/// them directly).
pub(crate) fn load_ast(ast: Ast) -> Result<Model> {
    if !matches!(ast.smithy.as_str(), "1.0" | "2.0" | "1" | "2") {
        return Err(Error::model(format!(
            "unsupported Smithy IDL version `{}` (expected 1.0 or 2.0)",
            ast.smithy
        )));
    }
    let mut shapes = BTreeMap::new();
    let mut mixins = BTreeMap::new();
    let mut applies = Vec::new();
    for (id, raw) in ast.shapes {
        check_shape_id(&id)?;
        if raw.kind == "apply" {
            applies.push((id, raw.traits));
            continue;
        }
        if !raw.mixins.is_empty() {
            mixins.insert(id.clone(), raw.mixins.iter().map(|r| r.target.clone()).collect());
        }
        let shape = convert(id.clone(), raw)?;
        shapes.insert(id, shape);
    }
    for shape in prelude::shapes() {
        shapes.entry(shape.id.clone()).or_insert(shape);
    }
    let mut model = Model { shapes };
    check_references(&model, &mixins)?;
    // Applies that target a mixin's own members must land before flattening so that the shapes
    // using the mixin inherit them; the rest target inherited members, which exist only after.
    let (early, late): (Vec<_>, Vec<_>) =
        applies.into_iter().partition(|(id, _)| resolves(&model, id));
    for (id, traits) in early {
        apply(&mut model, &id, traits)?;
    }
    flatten_mixins(&mut model, &mixins)?;
    for (id, traits) in late {
        apply(&mut model, &id, traits)?;
    }
    Ok(model)
}

fn parse(json: &str) -> Result<Ast> {
    let mut de = serde_json::Deserializer::from_str(json);
    let ast: Ast = serde_path_to_error::deserialize(&mut de).map_err(|err| {
        let path = err.path().to_string();
        let inner = err.into_inner();
        Error::Json { line: inner.line(), column: inner.column(), path, message: strip_position(&inner) }
    })?;
    de.end().map_err(|inner| Error::Json {
        line: inner.line(),
        column: inner.column(),
        path: String::new(),
        message: strip_position(&inner),
    })?;
    Ok(ast)
}

/// serde_json appends " at line L column C" to its messages; the error carries those already.
fn strip_position(err: &serde_json::Error) -> String {
    let text = err.to_string();
    match text.rfind(" at line ") {
        Some(at) => text[..at].to_string(),
        None => text,
    }
}

fn check_shape_id(id: &str) -> Result<()> {
    let valid_part = |s: &str| {
        !s.is_empty()
            && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
            && !s.starts_with(|c: char| c.is_ascii_digit())
    };
    let (namespace, rest) = id
        .split_once('#')
        .ok_or_else(|| Error::shape(id, "shape id has no namespace (expected `namespace#Name`)"))?;
    let name = rest.split_once('$').map_or(rest, |(name, _)| name);
    if !valid_part(namespace) || !valid_part(name) || name.contains('.') {
        return Err(Error::shape(id, "invalid shape id"));
    }
    Ok(())
}

fn convert(id: String, raw: AstShape) -> Result<Shape> {
    let member = |name: &str, m: AstMember| Member { name: name.to_string(), target: m.target, traits: m.traits };
    let require = |m: Option<AstMember>, what: &str| {
        m.ok_or_else(|| Error::shape(&id, format!("{} shape has no `{what}`", raw.kind)))
    };
    let named_members = |members: IndexMap<String, AstMember>| -> Vec<Member> {
        members.into_iter().map(|(name, m)| member(&name, m)).collect()
    };
    let mut members = Vec::new();
    let refs = |v: &[super::ast::Ref]| v.iter().map(|r| r.target.clone()).collect::<Vec<_>>();
    let kind = match raw.kind.as_str() {
        "blob" => Kind::Blob,
        "boolean" => Kind::Boolean,
        "string" if raw.traits.contains_key(traits::ENUM) => {
            members = legacy_enum_members(&id, &raw.traits[traits::ENUM])?;
            Kind::Enum
        }
        "string" => Kind::String,
        "byte" => Kind::Byte,
        "short" => Kind::Short,
        "integer" => Kind::Integer,
        "long" => Kind::Long,
        "float" => Kind::Float,
        "double" => Kind::Double,
        "bigInteger" => Kind::BigInteger,
        "bigDecimal" => Kind::BigDecimal,
        "timestamp" => Kind::Timestamp,
        "document" => Kind::Document,
        "enum" | "intEnum" => {
            members = named_members(raw.members);
            if raw.kind == "enum" {
                for m in &mut members {
                    m.traits
                        .entry(traits::ENUM_VALUE.to_string())
                        .or_insert_with(|| Value::String(m.name.clone()));
                }
                Kind::Enum
            } else {
                if let Some(m) = members.iter().find(|m| !m.traits.contains_key(traits::ENUM_VALUE)) {
                    return Err(Error::shape(
                        format!("{id}${}", m.name),
                        "intEnum member has no `smithy.api#enumValue`",
                    ));
                }
                Kind::IntEnum
            }
        }
        "list" | "set" => {
            members.push(member("member", require(raw.member, "member")?));
            Kind::List
        }
        "map" => {
            members.push(member("key", require(raw.key, "key")?));
            members.push(member("value", require(raw.value, "value")?));
            Kind::Map
        }
        "structure" => {
            members = named_members(raw.members);
            Kind::Structure
        }
        "union" => {
            members = named_members(raw.members);
            Kind::Union
        }
        "operation" => Kind::Operation(Operation {
            input: raw.input.map(|r| r.target),
            output: raw.output.map(|r| r.target),
            errors: refs(&raw.errors),
        }),
        "resource" => {
            let lifecycle = [&raw.create, &raw.put, &raw.read, &raw.update, &raw.delete, &raw.list];
            let mut operations: Vec<String> =
                lifecycle.into_iter().flatten().map(|r| r.target.clone()).collect();
            operations.extend(refs(&raw.operations));
            operations.extend(refs(&raw.collection_operations));
            let mut identifiers: IndexMap<String, String> =
                raw.identifiers.into_iter().map(|(k, r)| (k, r.target)).collect();
            identifiers.extend(raw.properties.into_iter().map(|(k, r)| (k, r.target)));
            Kind::Resource(Resource { identifiers, operations, resources: refs(&raw.resources) })
        }
        "service" => Kind::Service(Service {
            version: raw.version,
            operations: refs(&raw.operations),
            resources: refs(&raw.resources),
            errors: refs(&raw.errors),
            rename: raw.rename,
        }),
        other => return Err(Error::shape(&id, format!("unknown shape type `{other}`"))),
    };
    Ok(Shape { id, kind, traits: raw.traits, members })
}

/// Smithy 1.0's `@enum` trait becomes enum members, so later passes see one kind of enum.
fn legacy_enum_members(id: &str, value: &Value) -> Result<Vec<Member>> {
    let entries = value
        .as_array()
        .ok_or_else(|| Error::shape(id, "`smithy.api#enum` must be a list"))?;
    entries
        .iter()
        .map(|entry| {
            let text = |key: &str| entry.get(key).and_then(Value::as_str);
            let value = text("value")
                .ok_or_else(|| Error::shape(id, "`smithy.api#enum` entry has no string `value`"))?;
            let mut traits = IndexMap::new();
            traits.insert(traits::ENUM_VALUE.to_string(), Value::String(value.to_string()));
            if let Some(doc) = text("documentation") {
                traits.insert(traits::DOCUMENTATION.to_string(), Value::String(doc.to_string()));
            }
            if entry.get("deprecated").and_then(Value::as_bool) == Some(true) {
                traits.insert(traits::DEPRECATED.to_string(), Value::Object(Default::default()));
            }
            // As Smithy's own conversion: tags stay tags, and `internal` is the trait too.
            if let Some(tags) = entry.get("tags").filter(|t| t.as_array().is_some_and(|a| !a.is_empty())) {
                if tags.as_array().is_some_and(|a| a.iter().any(|t| t.as_str() == Some("internal"))) {
                    traits.insert("smithy.api#internal".to_string(), Value::Object(Default::default()));
                }
                traits.insert("smithy.api#tags".to_string(), tags.clone());
            }
            Ok(Member {
                name: text("name").unwrap_or(value).to_string(),
                target: traits::UNIT.to_string(),
                traits,
            })
        })
        .collect()
}

fn check_references(model: &Model, mixins: &BTreeMap<String, Vec<String>>) -> Result<()> {
    for shape in model.shapes.values() {
        let id = &shape.id;
        let expect = |target: &str, what: &str, ok: &dyn Fn(&Kind) -> bool, want: &str| -> Result<()> {
            match model.get(target) {
                None => Err(Error::shape(id, format!("{what} targets `{target}`, which is not defined"))),
                Some(t) if !ok(&t.kind) => Err(Error::shape(
                    id,
                    format!("{what} targets `{target}`, which is not {want}"),
                )),
                Some(_) => Ok(()),
            }
        };
        let is_data = |k: &Kind| !matches!(k, Kind::Operation(_) | Kind::Resource(_) | Kind::Service(_));
        let is_struct = |k: &Kind| matches!(k, Kind::Structure);
        let is_op = |k: &Kind| matches!(k, Kind::Operation(_));
        let is_resource = |k: &Kind| matches!(k, Kind::Resource(_));
        for m in &shape.members {
            expect(&m.target, &format!("member `{}`", m.name), &is_data, "a data shape")?;
            if model.expect(&m.target).traits.contains_key(traits::MIXIN) {
                return Err(Error::shape(id, format!("member `{}` targets mixin `{}`", m.name, m.target)));
            }
        }
        for mixin in mixins.get(id).into_iter().flatten() {
            let same_kind = |k: &Kind| std::mem::discriminant(k) == std::mem::discriminant(&shape.kind);
            expect(mixin, "mixin", &same_kind, "a shape of the same type")?;
            if !model.expect(mixin).traits.contains_key(traits::MIXIN) {
                return Err(Error::shape(id, format!("mixin `{mixin}` is not marked `@mixin`")));
            }
        }
        match &shape.kind {
            Kind::Operation(op) => {
                for (what, target) in [("input", &op.input), ("output", &op.output)] {
                    if let Some(t) = target {
                        expect(t, &format!("operation {what}"), &is_struct, "a structure")?;
                    }
                }
                for e in &op.errors {
                    expect(e, "operation error", &is_struct, "a structure")?;
                }
            }
            Kind::Resource(r) => {
                for (name, t) in &r.identifiers {
                    expect(t, &format!("identifier or property `{name}`"), &is_data, "a data shape")?;
                }
                for o in &r.operations {
                    expect(o, "resource operation", &is_op, "an operation")?;
                }
                for child in &r.resources {
                    expect(child, "resource", &is_resource, "a resource")?;
                }
            }
            Kind::Service(s) => {
                for o in &s.operations {
                    expect(o, "service operation", &is_op, "an operation")?;
                }
                for r in &s.resources {
                    expect(r, "service resource", &is_resource, "a resource")?;
                }
                for e in &s.errors {
                    expect(e, "service error", &is_struct, "a structure")?;
                }
                for renamed in s.rename.keys() {
                    expect(renamed, "rename", &|_| true, "a shape")?;
                }
            }
            _ => {}
        }
    }
    Ok(())
}

fn resolves(model: &Model, id: &str) -> bool {
    match id.split_once('$') {
        Some((shape, member)) => model.get(shape).is_some_and(|s| s.member(member).is_some()),
        None => model.get(id).is_some(),
    }
}

fn apply(model: &mut Model, id: &str, extra: IndexMap<String, Value>) -> Result<()> {
    let (shape_id, member) = match id.split_once('$') {
        Some((s, m)) => (s, Some(m)),
        None => (id, None),
    };
    let missing = || Error::shape(id, "`apply` targets a shape that is not defined");
    let shape = model.shapes.get_mut(shape_id).ok_or_else(missing)?;
    let traits = match member {
        Some(name) => &mut shape.members.iter_mut().find(|m| m.name == name).ok_or_else(missing)?.traits,
        None => &mut shape.traits,
    };
    traits.extend(extra);
    Ok(())
}

/// Mixin chains in real models are a few levels long; the bound keeps recursion shallow.
const MAX_MIXIN_DEPTH: usize = 256;

/// Copies each mixin's members and traits into the shapes that use it; mixin members come
/// first, and a shape's own traits win over inherited ones.
fn flatten_mixins(model: &mut Model, mixins: &BTreeMap<String, Vec<String>>) -> Result<()> {
    let mut done = BTreeSet::new();
    for id in mixins.keys() {
        flatten_one(model, mixins, id, &mut done, &mut Vec::new())?;
    }
    Ok(())
}

fn flatten_one(
    model: &mut Model,
    mixins: &BTreeMap<String, Vec<String>>,
    id: &str,
    done: &mut BTreeSet<String>,
    stack: &mut Vec<String>,
) -> Result<()> {
    if done.contains(id) {
        return Ok(());
    }
    if stack.len() > MAX_MIXIN_DEPTH {
        return Err(Error::shape(id, format!("mixins nest more than {MAX_MIXIN_DEPTH} levels deep")));
    }
    if stack.iter().any(|s| s == id) {
        stack.push(id.to_string());
        return Err(Error::shape(id, format!("mixins form a cycle: {}", stack.join(" -> "))));
    }
    let Some(parents) = mixins.get(id) else {
        done.insert(id.to_string());
        return Ok(());
    };
    stack.push(id.to_string());
    for parent in parents {
        flatten_one(model, mixins, parent, done, stack)?;
    }
    stack.pop();

    let mut members: Vec<Member> = Vec::new();
    let mut inherited_traits = IndexMap::new();
    let mut inherited_kind = model.expect(id).kind.clone();
    for parent in parents {
        let p = model.expect(parent);
        for m in &p.members {
            match members.iter_mut().find(|x| x.name == m.name) {
                Some(existing) => existing.traits.extend(m.traits.clone()),
                None => members.push(m.clone()),
            }
        }
        for (k, v) in &p.traits {
            if k != traits::MIXIN {
                inherited_traits.insert(k.clone(), v.clone());
            }
        }
        merge_kind(&mut inherited_kind, &p.kind);
    }
    let shape = model.shapes.get_mut(id).expect("flattened shape exists");
    for own in std::mem::take(&mut shape.members) {
        match members.iter_mut().find(|m| m.name == own.name) {
            Some(m) => {
                m.target = own.target;
                m.traits.extend(own.traits);
            }
            None => members.push(own),
        }
    }
    shape.members = members;
    inherited_traits.extend(std::mem::take(&mut shape.traits));
    shape.traits = inherited_traits;
    shape.kind = inherited_kind;
    done.insert(id.to_string());
    Ok(())
}

/// Operation and service mixins contribute errors, operations and resources.
fn merge_kind(own: &mut Kind, parent: &Kind) {
    fn extend(into: &mut Vec<String>, from: &[String]) {
        for item in from {
            if !into.contains(item) {
                into.push(item.clone());
            }
        }
    }
    match (own, parent) {
        (Kind::Operation(o), Kind::Operation(p)) => {
            extend(&mut o.errors, &p.errors);
            o.input = o.input.take().or(p.input.clone());
            o.output = o.output.take().or(p.output.clone());
        }
        (Kind::Service(o), Kind::Service(p)) => {
            extend(&mut o.operations, &p.operations);
            extend(&mut o.resources, &p.resources);
            extend(&mut o.errors, &p.errors);
        }
        (Kind::Resource(o), Kind::Resource(p)) => {
            extend(&mut o.operations, &p.operations);
            extend(&mut o.resources, &p.resources);
        }
        _ => {}
    }
}
