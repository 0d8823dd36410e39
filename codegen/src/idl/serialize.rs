//! An assembled model as a JSON AST, in the form `smithy ast` prints: shapes and traits sorted
//! by id, every operation's input and output, reference lists sorted, and traits that inherited
//! mixin members introduce as `apply` entries.

use super::json_writer;
use super::model::{Model, Origin, Props, ShapeDef, Traits};
use super::node::Node;
use super::syntax::ShapeType;
use crate::idl::fxhash::FxIndexMap as IndexMap;

const UNIT: &str = "smithy.api#Unit";

/// The JSON AST of the model's input shapes (not the prelude or the bundled definitions).
pub fn to_node(model: &Model) -> Node {
    let mut top = IndexMap::default();
    top.insert("smithy".to_string(), Node::String("2.0".to_string()));
    if !model.metadata.is_empty() {
        let metadata = model
            .metadata
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        top.insert(
            "metadata".to_string(),
            sort_keys(Node::object(metadata), true),
        );
    }
    let mut shapes: Vec<(String, Node)> = Vec::new();
    for (id, shape) in model
        .shapes
        .iter()
        .filter(|(_, s)| s.origin == Origin::Input)
    {
        shapes.push((id.clone(), shape_node(shape)));
        for (name, member) in shape
            .members
            .iter()
            .filter(|(_, m)| m.inherited && !m.traits.is_empty())
        {
            let mut apply = IndexMap::default();
            apply.insert("type".to_string(), Node::String("apply".to_string()));
            apply.insert("traits".to_string(), traits_node(&member.traits));
            shapes.push((format!("{id}${name}"), Node::object(apply)));
        }
    }
    shapes.sort_by(|a, b| a.0.cmp(&b.0));
    top.insert(
        "shapes".to_string(),
        Node::object(shapes.into_iter().collect()),
    );
    Node::object(top)
}

/// Pretty-printed with four spaces, as Smithy prints it.
pub fn to_json(model: &Model) -> String {
    let mut out = String::new();
    json_writer::write_node(&mut out, &to_node(model), Some(4), 0);
    out.push('\n');
    out
}

fn reference(id: &str) -> Node {
    Node::object(
        [("target".to_string(), Node::String(id.to_string()))]
            .into_iter()
            .collect::<IndexMap<_, _>>(),
    )
}

fn sorted_references(ids: &[String]) -> Node {
    let mut ids: Vec<&String> = ids.iter().collect();
    ids.sort();
    Node::Array(ids.into_iter().map(|id| reference(id)).collect())
}

fn reference_map(map: &IndexMap<String, String>) -> Node {
    Node::object(map.iter().map(|(k, v)| (k.clone(), reference(v))).collect())
}

fn traits_node(traits: &Traits) -> Node {
    let mut sorted: Vec<(&String, &Node)> = traits.iter().collect();
    sorted.sort_by(|a, b| a.0.cmp(b.0));
    Node::object(
        sorted
            .into_iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
    )
}

fn member_node(target: &str, traits: &Traits) -> Node {
    let mut member = [("target".to_string(), Node::String(target.to_string()))]
        .into_iter()
        .collect::<IndexMap<_, _>>();
    if !traits.is_empty() {
        member.insert("traits".to_string(), traits_node(traits));
    }
    Node::object(member)
}

type Fields = IndexMap<String, Node>;

fn shape_node(shape: &ShapeDef) -> Node {
    let mut out = IndexMap::default();
    let kind = if shape.kind == ShapeType::Set {
        ShapeType::List
    } else {
        shape.kind
    };
    out.insert("type".to_string(), Node::String(kind.name().to_string()));
    if !shape.mixins.is_empty() {
        let mixins = shape.mixins.iter().map(|m| reference(m)).collect();
        out.insert("mixins".to_string(), Node::Array(mixins));
    }
    match shape.kind {
        k if k.has_named_members() => {
            let members = shape
                .own_members()
                .map(|(name, m)| (name.clone(), member_node(&m.target, &m.traits)));
            out.insert("members".to_string(), Node::object(members.collect()));
        }
        ShapeType::List | ShapeType::Set | ShapeType::Map => {
            for (name, m) in shape.own_members() {
                out.insert(name.clone(), member_node(&m.target, &m.traits));
            }
        }
        ShapeType::Operation => operation_fields(&mut out, &shape.props),
        ShapeType::Resource => resource_fields(&mut out, &shape.props),
        ShapeType::Service => service_fields(&mut out, &shape.props),
        _ => {}
    }
    if !shape.traits.is_empty() {
        out.insert("traits".to_string(), traits_node(&shape.traits));
    }
    Node::object(out)
}

/// Reference lists, sorted, when not empty.
fn put_lists(out: &mut Fields, lists: &[(&str, &Vec<String>)]) {
    for (key, ids) in lists.iter().filter(|(_, ids)| !ids.is_empty()) {
        out.insert(key.to_string(), sorted_references(ids));
    }
}

fn operation_fields(out: &mut Fields, props: &Props) {
    out.insert(
        "input".to_string(),
        reference(props.input.as_deref().unwrap_or(UNIT)),
    );
    out.insert(
        "output".to_string(),
        reference(props.output.as_deref().unwrap_or(UNIT)),
    );
    put_lists(out, &[("errors", &props.errors)]);
}

fn resource_fields(out: &mut Fields, props: &Props) {
    for (key, map) in [
        ("identifiers", &props.identifiers),
        ("properties", &props.properties),
    ] {
        if !map.is_empty() {
            out.insert(key.to_string(), reference_map(map));
        }
    }
    for (key, target) in props.lifecycle() {
        if let Some(target) = target {
            out.insert(key.to_string(), reference(target));
        }
    }
    let lists = [
        ("operations", &props.operations),
        ("collectionOperations", &props.collection_operations),
        ("resources", &props.resources),
    ];
    put_lists(out, &lists);
}

fn service_fields(out: &mut Fields, props: &Props) {
    if let Some(version) = props.version.as_deref().filter(|v| !v.trim().is_empty()) {
        out.insert("version".to_string(), Node::String(version.to_string()));
    }
    let lists = [
        ("operations", &props.operations),
        ("resources", &props.resources),
        ("errors", &props.errors),
    ];
    put_lists(out, &lists);
    if !props.rename.is_empty() {
        let rename = props
            .rename
            .iter()
            .map(|(k, v)| (k.clone(), Node::String(v.clone())));
        out.insert("rename".to_string(), Node::object(rename.collect()));
    }
}

/// Sorts object keys, deeply; with `members: false`, the `members` of shapes keep their order
/// (it is meaningful), which is the form tests compare models in.
pub fn sort_keys(node: Node, members: bool) -> Node {
    match node {
        Node::Object(map) => {
            let mut entries: Vec<(String, Node)> = map
                .into_iter()
                .map(|(k, v)| {
                    let keep_order = !members && k == "members";
                    let v = match (keep_order, v) {
                        (true, Node::Object(inner)) => Node::object(
                            inner
                                .into_iter()
                                .map(|(ik, iv)| (ik, sort_keys(iv, members)))
                                .collect(),
                        ),
                        (_, v) => sort_keys(v, members),
                    };
                    (k, v)
                })
                .collect();
            entries.sort_by(|a, b| a.0.cmp(&b.0));
            Node::object(entries.into_iter().collect())
        }
        Node::Array(items) => {
            Node::Array(items.into_iter().map(|v| sort_keys(v, members)).collect())
        }
        other => other,
    }
}
