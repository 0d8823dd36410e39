//! A cheap check beyond parsing: names that rustc would reject as defined twice. Per module:
//! two items in the type namespace (struct, enum, union, trait, type alias, module, and
//! non-glob `use` names) or the value namespace (fn, const, static) with one name (E0428,
//! E0252, E0255); per struct, two fields (E0124); per enum, two variants (E0204-like E0428);
//! per type, two inherent methods or associated items (E0201, E0592).

use std::collections::{BTreeMap, HashSet};

/// The first duplicate found, described.
pub fn duplicate_names(file: &syn::File) -> Option<String> {
    check_items(&file.items, "crate")
}

fn check_items(items: &[syn::Item], scope: &str) -> Option<String> {
    let mut types: HashSet<String> = HashSet::new();
    let mut values: HashSet<String> = HashSet::new();
    let mut inherent: BTreeMap<String, HashSet<String>> = BTreeMap::new();
    let dup = |set: &mut HashSet<String>, name: String, what: &str| -> Option<String> {
        (!set.insert(name.clone()))
            .then(|| format!("{what} `{name}` is defined twice in `{scope}`"))
    };
    for item in items {
        use syn::Item::*;
        let found = match item {
            Struct(s) => {
                let mut fields = HashSet::new();
                for f in &s.fields {
                    if let Some(id) = &f.ident {
                        if !fields.insert(id.to_string()) {
                            return Some(format!(
                                "field `{id}` is declared twice in `{scope}::{}`",
                                s.ident
                            ));
                        }
                    }
                }
                dup(&mut types, s.ident.to_string(), "type")
            }
            Enum(e) => {
                let mut variants = HashSet::new();
                for v in &e.variants {
                    if !variants.insert(v.ident.to_string()) {
                        return Some(format!(
                            "variant `{}` is defined twice in `{scope}::{}`",
                            v.ident, e.ident
                        ));
                    }
                }
                dup(&mut types, e.ident.to_string(), "type")
            }
            Union(u) => dup(&mut types, u.ident.to_string(), "type"),
            Trait(t) => dup(&mut types, t.ident.to_string(), "type"),
            Type(t) => dup(&mut types, t.ident.to_string(), "type"),
            Mod(m) => {
                if let Some((_, inner)) = &m.content {
                    if let Some(found) = check_items(inner, &format!("{scope}::{}", m.ident)) {
                        return Some(found);
                    }
                }
                dup(&mut types, m.ident.to_string(), "module")
            }
            Fn(f) => dup(&mut values, f.sig.ident.to_string(), "function"),
            Const(c) => dup(&mut values, c.ident.to_string(), "constant"),
            Static(s) => dup(&mut values, s.ident.to_string(), "static"),
            Use(u) => {
                let mut names = Vec::new();
                use_names(&u.tree, &mut names);
                names
                    .into_iter()
                    .find_map(|n| dup(&mut types, n, "imported name"))
            }
            Impl(i) if i.trait_.is_none() => {
                let ty = quote::ToTokens::to_token_stream(&i.self_ty).to_string();
                let set = inherent.entry(ty.clone()).or_default();
                i.items.iter().find_map(|it| {
                    let name = match it {
                        syn::ImplItem::Fn(f) => f.sig.ident.to_string(),
                        syn::ImplItem::Const(c) => c.ident.to_string(),
                        _ => return None,
                    };
                    (!set.insert(name.clone())).then(|| {
                        format!("method `{name}` is defined twice for `{ty}` in `{scope}`")
                    })
                })
            }
            _ => None,
        };
        if found.is_some() {
            return found;
        }
    }
    None
}

fn use_names(tree: &syn::UseTree, out: &mut Vec<String>) {
    match tree {
        syn::UseTree::Path(p) => use_names(&p.tree, out),
        syn::UseTree::Name(n) if n.ident != "self" => out.push(n.ident.to_string()),
        syn::UseTree::Name(_) => {}
        syn::UseTree::Rename(r) if r.rename != "_" => out.push(r.rename.to_string()),
        syn::UseTree::Rename(_) | syn::UseTree::Glob(_) => {}
        syn::UseTree::Group(g) => g.items.iter().for_each(|t| use_names(t, out)),
    }
}
