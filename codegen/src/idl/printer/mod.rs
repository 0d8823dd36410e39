//! A model as IDL 2.0: one `.smithy` file per namespace, shapes in id order, `use` statements
//! for the other namespaces' shapes where the short name is unambiguous, documentation as `///`
//! comments. Reading the files back gives the same model.

mod shapes;
mod values;

use super::model::{Model, Origin, ShapeDef};
use super::syntax::ShapeType;
use crate::idl::fxhash::FxHashMap as HashMap;
use std::collections::{BTreeMap, BTreeSet};

const PRELUDE: &str = "smithy.api";

/// File name (`<namespace>.smithy`) → contents, for the model's input shapes and metadata.
/// `base` holds the shapes the model may refer to without defining them (the prelude and the
/// bundled trait definitions).
pub fn print(model: &Model, base: &Model) -> BTreeMap<String, String> {
    let mut by_namespace: BTreeMap<&str, Vec<(&String, &ShapeDef)>> = BTreeMap::new();
    for (id, shape) in model
        .shapes
        .iter()
        .filter(|(_, s)| s.origin == Origin::Input)
    {
        by_namespace
            .entry(namespace_of(id))
            .or_default()
            .push((id, shape));
    }
    let mut files = BTreeMap::new();
    let mut metadata_written = model.metadata.is_empty();
    for (ns, shapes) in &by_namespace {
        let scope = Scope::new(ns, shapes, model, base);
        let mut out = String::from("$version: \"2.0\"\n\n");
        if !metadata_written {
            shapes::metadata(&mut out, model);
            metadata_written = true;
        }
        scope.header(&mut out);
        for (id, shape) in shapes {
            out.push('\n');
            scope.shape(&mut out, id, shape);
        }
        files.insert(format!("{ns}.smithy"), out);
    }
    if !metadata_written {
        let mut out = String::from("$version: \"2.0\"\n\n");
        shapes::metadata(&mut out, model);
        files.insert("metadata.smithy".to_string(), out);
    }
    files
}

fn namespace_of(id: &str) -> &str {
    id.split_once('#').map_or("", |(ns, _)| ns)
}

fn name(id: &str) -> &str {
    id.split_once('#').map_or(id, |(_, name)| name)
}

/// How one file writes shape ids: relative where that resolves back to the same id.
struct Scope<'a> {
    namespace: &'a str,
    model: &'a Model,
    base: &'a Model,
    /// `use`d short name → absolute id.
    uses: BTreeMap<String, String>,
}

impl<'a> Scope<'a> {
    fn new(
        namespace: &'a str,
        shapes: &[(&String, &ShapeDef)],
        model: &'a Model,
        base: &'a Model,
    ) -> Self {
        let mut scope = Scope {
            namespace,
            model,
            base,
            uses: BTreeMap::new(),
        };
        let referenced: BTreeSet<&str> = shapes
            .iter()
            .flat_map(|(_, s)| scope.references(s))
            .collect();
        // A short name is imported when exactly one referenced foreign shape has it, no
        // referenced prelude shape has it, and this namespace defines no shape of that name.
        let mut by_name: HashMap<&str, Vec<&str>> = HashMap::default();
        for id in &referenced {
            by_name.entry(name(id)).or_default().push(id);
        }
        for (short, ids) in by_name {
            let [only] = ids.as_slice() else { continue };
            let local = format!("{namespace}#{short}");
            if namespace_of(only) != namespace
                && namespace_of(only) != PRELUDE
                && !scope.is_known(&local)
            {
                scope.uses.insert(short.to_string(), only.to_string());
            }
        }
        scope
    }

    fn is_known(&self, id: &str) -> bool {
        self.model.lookup(Some(self.base), id).is_some()
    }

    fn kind(&self, id: &str) -> Option<ShapeType> {
        self.model.lookup(Some(self.base), id).map(|s| s.kind)
    }

    /// The root ids a shape refers to by name: targets, mixins, properties and trait ids.
    fn references(&self, shape: &'a ShapeDef) -> impl Iterator<Item = &'a str> {
        let members = shape.members.values();
        let targets = members.clone().map(|m| m.target.as_str());
        let member_traits = members.flat_map(|m| m.traits.keys().map(String::as_str));
        targets
            .chain(member_traits)
            .chain(shape.traits.keys().map(String::as_str))
            .chain(shape.mixins.iter().map(String::as_str))
            .chain(shape.props.references().map(String::as_str))
    }

    /// `id` as this file should write it.
    fn id(&self, id: &str) -> String {
        if let Some((root, member)) = id.split_once('$') {
            return format!("{}${member}", self.id(root));
        }
        let (ns, short) = (namespace_of(id), name(id));
        let local = format!("{}#{short}", self.namespace);
        let resolves = if self.uses.contains_key(short) {
            self.uses.get(short).is_some_and(|u| u == id)
        } else if ns == self.namespace {
            true
        } else {
            ns == PRELUDE && !self.is_known(&local)
        };
        if resolves {
            short.to_string()
        } else {
            id.to_string()
        }
    }

    fn header(&self, out: &mut String) {
        out.push_str(&format!("namespace {}\n", self.namespace));
        if !self.uses.is_empty() {
            out.push('\n');
            let mut ids: Vec<&String> = self.uses.values().collect();
            ids.sort();
            for id in ids {
                out.push_str(&format!("use {id}\n"));
            }
        }
    }
}
