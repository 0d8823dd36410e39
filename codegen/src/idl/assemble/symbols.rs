//! Which shapes exist (in any file, the prelude or the bundled traits) and what type they are:
//! relative ids resolve against this, and annotation traits take their value from the type.

use super::super::model::Model;
use super::super::node::Node;
use super::super::syntax::{FileSyntax, ShapeType};
use super::{Content, Input};
use crate::idl::fxhash::FxHashMap as HashMap;
use crate::idl::fxhash::FxIndexMap as IndexMap;

pub struct Symbols<'a> {
    input: HashMap<String, ShapeType>,
    base: Option<&'a Model>,
}

const PRELUDE: &str = "smithy.api";

impl<'a> Symbols<'a> {
    pub(super) fn new(base: Option<&'a Model>, parsed: &[(&Input, Content)]) -> Symbols<'a> {
        let mut input = HashMap::default();
        for (_, content) in parsed {
            match content {
                Content::Idl(file) => add_idl(&mut input, file),
                Content::Json(node) => add_json(&mut input, node),
            }
        }
        Symbols { input, base }
    }

    pub fn kind(&self, id: &str) -> Option<ShapeType> {
        self.input
            .get(id)
            .copied()
            .or_else(|| self.base.and_then(|b| b.shapes.get(id)).map(|s| s.kind))
    }

    /// Resolves a relative id as the IDL does: a `use`d name, then the file's namespace, then the
    /// prelude; unknown names stay in the namespace (and fail later as undefined).
    pub fn resolve(
        &self,
        text: &str,
        namespace: Option<&str>,
        uses: &IndexMap<String, String>,
    ) -> String {
        if let Some((root, member)) = text.split_once('$') {
            if !root.is_empty() && !member.is_empty() {
                return format!("{}${member}", self.resolve(root, namespace, uses));
            }
        }
        if text.contains('#') {
            return text.to_string();
        }
        if let Some(id) = uses.get(text) {
            return id.clone();
        }
        let Some(namespace) = namespace else {
            return format!("{PRELUDE}#{text}");
        };
        let local = format!("{namespace}#{text}");
        if self.kind(&local).is_some() {
            return local;
        }
        let prelude = format!("{PRELUDE}#{text}");
        if self.kind(&prelude).is_some() {
            return prelude;
        }
        local
    }
}

fn add_idl(out: &mut HashMap<String, ShapeType>, file: &FileSyntax) {
    for shape in &file.shapes {
        out.entry(shape.id.clone()).or_insert(shape.kind);
    }
}

fn add_json(out: &mut HashMap<String, ShapeType>, node: &Node) {
    let shapes = node
        .as_object()
        .and_then(|o| o.get("shapes"))
        .and_then(Node::as_object);
    for (id, shape) in shapes.into_iter().flatten() {
        let kind = shape
            .as_object()
            .and_then(|o| o.get("type"))
            .and_then(Node::as_str);
        if let Some(kind) = kind.and_then(ShapeType::parse) {
            out.entry(id.clone()).or_insert(kind);
        }
    }
}
