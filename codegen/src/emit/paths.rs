//! Emitters spell every std item in full (`::std::option::Option`), so that a model type named
//! `Option`, `String` or `Error` can never shadow it. This pass then shortens those paths per
//! file wherever that is safe, so the printed code reads like hand-written Rust: a name is
//! shortened only if it does not appear unqualified anywhere else in the file (where it could
//! be a local definition); prelude names need no import, the others get a `use`.

use proc_macro2::{Delimiter, Group, Ident, Spacing, TokenStream, TokenTree};
use quote::quote;
use std::collections::{BTreeMap, BTreeSet};

/// `::std::<module>::<Name>` paths that may be shortened, and whether the name is in the prelude.
const SHORTENABLE: &[(&str, &str, bool)] = &[
    ("option", "Option", true),
    ("string", "String", true),
    ("vec", "Vec", true),
    ("boxed", "Box", true),
    ("result", "Result", true),
    ("default", "Default", true),
    ("clone", "Clone", true),
    ("cmp", "PartialEq", true),
    ("cmp", "Eq", true),
    ("cmp", "PartialOrd", true),
    ("cmp", "Ord", true),
    ("marker", "Send", true),
    ("marker", "Sync", true),
    ("marker", "Sized", true),
    ("marker", "Copy", true),
    ("convert", "From", true),
    ("convert", "Into", true),
    ("convert", "AsRef", true),
    ("collections", "HashMap", false),
    ("convert", "Infallible", false),
    ("error", "Error", false),
    ("fmt", "Debug", false),
    ("fmt", "Display", false),
    ("fmt", "Formatter", false),
    ("future", "Future", false),
    ("hash", "Hash", false),
    ("str", "FromStr", false),
    ("sync", "Arc", false),
    ("sync", "LazyLock", false),
];

/// `Option::Some` and friends, after shortening, become the prelude's variants.
const VARIANTS: &[(&str, &str)] = &[("Option", "Some"), ("Option", "None"), ("Result", "Ok"), ("Result", "Err")];

fn is_colon(t: Option<&TokenTree>, spacing: Spacing) -> bool {
    matches!(t, Some(TokenTree::Punct(p)) if p.as_char() == ':' && p.spacing() == spacing)
}

fn ident_is(t: Option<&TokenTree>, name: &str) -> bool {
    matches!(t, Some(TokenTree::Ident(i)) if i == name)
}

fn ident_of(t: Option<&TokenTree>) -> Option<String> {
    match t {
        Some(TokenTree::Ident(i)) => Some(i.to_string()),
        _ => None,
    }
}

/// Matches `::std::<module>::<Name>` at `i` (not a macro call): (module, name).
fn std_path(tokens: &[TokenTree], i: usize) -> Option<(String, String)> {
    let t = |k: usize| tokens.get(i + k);
    let colons = |k: usize| is_colon(t(k), Spacing::Joint) && is_colon(t(k + 1), Spacing::Alone);
    if !(colons(0) && ident_is(t(2), "std") && colons(3) && colons(6)) {
        return None;
    }
    let module = ident_of(t(5))?;
    let name = ident_of(t(8))?;
    let is_macro = matches!(t(9), Some(TokenTree::Punct(p)) if p.as_char() == '!');
    (!is_macro).then_some((module, name))
}

/// Names used unqualified anywhere in the file (not right after `::`), std paths excepted.
fn bare_idents(stream: &TokenStream, out: &mut BTreeSet<String>) {
    let tokens: Vec<TokenTree> = stream.clone().into_iter().collect();
    let mut i = 0;
    while i < tokens.len() {
        if std_path(&tokens, i).is_some() {
            i += 9;
            continue;
        }
        match &tokens[i] {
            TokenTree::Ident(ident) => {
                let after_colons = i >= 1 && is_colon(tokens.get(i - 1), Spacing::Alone) && i >= 2 && is_colon(tokens.get(i - 2), Spacing::Joint);
                if !after_colons {
                    out.insert(ident.to_string());
                }
            }
            TokenTree::Group(g) => bare_idents(&g.stream(), out),
            _ => {}
        }
        i += 1;
    }
}

fn rewrite(stream: TokenStream, short: &BTreeMap<(String, String), bool>, used: &mut BTreeSet<(String, String)>, variants_ok: &BTreeSet<&str>) -> TokenStream {
    let tokens: Vec<TokenTree> = stream.into_iter().collect();
    let mut out: Vec<TokenTree> = Vec::with_capacity(tokens.len());
    let mut i = 0;
    while i < tokens.len() {
        if let Some((module, name)) = std_path(&tokens, i) {
            let key = (module, name.clone());
            if short.contains_key(&key) {
                used.insert(key);
                let span = tokens[i + 8].span();
                // `Option::Some` → `Some`, when `Some` is free in this file.
                let variant = (is_colon(tokens.get(i + 9), Spacing::Joint) && is_colon(tokens.get(i + 10), Spacing::Alone))
                    .then(|| ident_of(tokens.get(i + 11)))
                    .flatten()
                    .filter(|v| VARIANTS.contains(&(name.as_str(), v.as_str())) && variants_ok.contains(v.as_str()));
                match variant {
                    Some(v) => {
                        out.push(TokenTree::Ident(Ident::new(&v, span)));
                        i += 12;
                    }
                    None => {
                        out.push(TokenTree::Ident(Ident::new(&name, span)));
                        i += 9;
                    }
                }
                continue;
            }
        }
        match &tokens[i] {
            TokenTree::Group(g) => {
                let mut group = Group::new(g.delimiter(), rewrite(g.stream(), short, used, variants_ok));
                group.set_span(g.span());
                out.push(TokenTree::Group(group));
            }
            other => out.push(other.clone()),
        }
        i += 1;
    }
    out.into_iter().collect()
}

/// Shortens the std paths of one file and adds the `use`s the shortened names need, after the
/// file's inner attributes.
pub fn shorten(tokens: TokenStream) -> TokenStream {
    let mut bare = BTreeSet::new();
    bare_idents(&tokens, &mut bare);
    let short: BTreeMap<(String, String), bool> = SHORTENABLE
        .iter()
        .filter(|(_, name, _)| !bare.contains(*name))
        .map(|(module, name, prelude)| ((module.to_string(), name.to_string()), *prelude))
        .collect();
    let variants_ok: BTreeSet<&str> = VARIANTS.iter().map(|(_, v)| *v).filter(|v| !bare.contains(*v)).collect();
    let mut used = BTreeSet::new();
    let body = rewrite(tokens, &short, &mut used, &variants_ok);

    // Inner attributes (`#![...]`) must stay first.
    let tokens: Vec<TokenTree> = body.into_iter().collect();
    let mut split = 0;
    while matches!(tokens.get(split), Some(TokenTree::Punct(p)) if p.as_char() == '#')
        && matches!(tokens.get(split + 1), Some(TokenTree::Punct(p)) if p.as_char() == '!')
        && matches!(tokens.get(split + 2), Some(TokenTree::Group(g)) if g.delimiter() == Delimiter::Bracket)
    {
        split += 3;
    }
    let imports = used.iter().filter(|key| !short[*key]).map(|(module, name)| {
        let m = Ident::new(module, proc_macro2::Span::call_site());
        let n = Ident::new(name, proc_macro2::Span::call_site());
        quote!(use ::std::#m::#n;)
    });
    let head: TokenStream = tokens[..split].iter().cloned().collect();
    let rest: TokenStream = tokens[split..].iter().cloned().collect();
    quote!(#head #(#imports)* #rest)
}

#[cfg(test)]
mod tests {
    use super::shorten;
    use quote::quote;

    #[test]
    fn shortens_when_free_and_imports_what_the_prelude_lacks() {
        let out = shorten(quote! {
            #![doc = "x"]
            pub struct A { pub b: ::std::option::Option<::std::collections::HashMap<::std::string::String, i32>> }
            fn f() -> ::std::option::Option<i32> { ::std::option::Option::Some(1) }
        })
        .to_string();
        assert!(out.starts_with("# ! [doc = \"x\"] use :: std :: collections :: HashMap ;"), "{out}");
        assert!(out.contains("pub b : Option < HashMap < String , i32 >>"), "{out}");
        assert!(out.contains("{ Some (1) }"), "{out}");
    }

    #[test]
    fn keeps_full_paths_where_a_local_name_could_shadow() {
        let out = shorten(quote! {
            pub struct Option { pub x: ::std::option::Option<::std::string::String> }
            pub enum E { Some, Other(::std::option::Option<i32>) }
        })
        .to_string();
        assert!(out.contains(":: std :: option :: Option < String >"), "{out}");
    }

    #[test]
    fn leaves_macros_and_crate_paths_alone() {
        let out = shorten(quote!(fn f() { ::std::write!(x, "{}", crate::types::String::new()); })).to_string();
        assert!(out.contains(":: std :: write !"), "{out}");
        assert!(out.contains("crate :: types :: String"), "{out}");
    }
}
