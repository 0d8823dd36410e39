//! Emitters spell every std item in full (`::std::option::Option`), so that a model type named
//! `Option`, `String` or `Error` can never shadow it. This pass then shortens those paths per
//! file wherever that is safe, so the printed code reads like hand-written Rust: a name is
//! shortened only if it does not appear unqualified anywhere else in the file (where it could
//! be a local definition); prelude names need no import, the others get a `use`.

use proc_macro2::{Delimiter, Group, Ident, Punct, Spacing, TokenStream, TokenTree};
use quote::quote;

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

/// Names this pass cares about: every `SHORTENABLE` name, then every `VARIANTS` variant. A
/// file's bare uses of them are a bit set over this list. This pass sees every identifier of
/// every file, so each is printed once into a reused buffer rather than compared name by name.
fn candidate(ident: &Ident, buf: &mut String) -> Option<usize> {
    use std::fmt::Write as _;
    buf.clear();
    let _ = write!(buf, "{ident}");
    // Every candidate starts with an upper-case letter; most identifiers do not.
    if !buf.starts_with(|c: char| c.is_ascii_uppercase()) {
        return None;
    }
    let index = SHORTENABLE.iter().position(|(_, name, _)| name == buf);
    index.or_else(|| VARIANTS.iter().position(|(_, v)| v == buf).map(|i| SHORTENABLE.len() + i))
}

/// Matches `::std::<module>::<Name>` at `i` (not a macro call): the `SHORTENABLE` index, or
/// `usize::MAX` for a std path this pass does not shorten.
fn std_path(tokens: &[TokenTree], i: usize) -> Option<usize> {
    let t = |k: usize| tokens.get(i + k);
    let colons = |k: usize| is_colon(t(k), Spacing::Joint) && is_colon(t(k + 1), Spacing::Alone);
    if !(colons(0) && ident_is(t(2), "std") && colons(3) && colons(6)) {
        return None;
    }
    let (Some(TokenTree::Ident(module)), Some(TokenTree::Ident(name))) = (t(5), t(8)) else { return None };
    if matches!(t(9), Some(TokenTree::Punct(p)) if p.as_char() == '!') {
        return None;
    }
    Some(SHORTENABLE.iter().position(|(m, n, _)| module == m && name == n).unwrap_or(usize::MAX))
}

/// Records the candidate names used unqualified (not right after `::`, std paths excepted),
/// and gives the stream back. It takes the stream by value so that iterating moves the tokens
/// instead of copying them.
fn bare_idents(stream: TokenStream, bare: &mut u64, buf: &mut String) -> TokenStream {
    let mut tokens: Vec<TokenTree> = stream.into_iter().collect();
    let mut i = 0;
    while i < tokens.len() {
        if std_path(&tokens, i).is_some() {
            i += 9;
            continue;
        }
        let after_colons = i >= 2 && is_colon(tokens.get(i - 1), Spacing::Alone) && is_colon(tokens.get(i - 2), Spacing::Joint);
        match &mut tokens[i] {
            TokenTree::Ident(ident) => {
                if let (false, Some(index)) = (after_colons, candidate(ident, buf)) {
                    *bare |= 1 << index;
                }
            }
            TokenTree::Group(g) => *g = map_group(g, |inner| bare_idents(inner, bare, buf)),
            _ => {}
        }
        i += 1;
    }
    tokens.into_iter().collect()
}

/// A group with its stream replaced; the old group is dropped first so the stream is not
/// shared, and `f` moves its tokens rather than copying them.
fn map_group(g: &mut Group, f: impl FnOnce(TokenStream) -> TokenStream) -> Group {
    let (delimiter, span) = (g.delimiter(), g.span());
    let inner = std::mem::replace(g, Group::new(Delimiter::None, TokenStream::new())).stream();
    let mut group = Group::new(delimiter, f(inner));
    group.set_span(span);
    group
}

fn rewrite(stream: TokenStream, short: u64, used: &mut u64, variants_ok: u64) -> TokenStream {
    let mut tokens: Vec<TokenTree> = stream.into_iter().collect();
    let mut out: Vec<TokenTree> = Vec::with_capacity(tokens.len());
    let mut i = 0;
    while i < tokens.len() {
        if let Some(index) = std_path(&tokens, i).filter(|&k| k < SHORTENABLE.len() && short & (1 << k) != 0) {
            *used |= 1 << index;
            let name = SHORTENABLE[index].1;
            let span = tokens[i + 8].span();
            // `Option::Some` → `Some`, when `Some` is free in this file.
            let variant = match tokens.get(i + 11) {
                Some(TokenTree::Ident(v)) if is_colon(tokens.get(i + 9), Spacing::Joint) && is_colon(tokens.get(i + 10), Spacing::Alone) => VARIANTS
                    .iter()
                    .position(|(ty, var)| *ty == name && v == var)
                    .filter(|k| variants_ok & (1 << k) != 0)
                    .map(|k| VARIANTS[k].1),
                _ => None,
            };
            match variant {
                Some(v) => {
                    out.push(TokenTree::Ident(Ident::new(v, span)));
                    i += 12;
                }
                None => {
                    out.push(TokenTree::Ident(Ident::new(name, span)));
                    i += 9;
                }
            }
            continue;
        }
        // Matching only looks ahead, so what is behind `i` can be moved out.
        out.push(std::mem::replace(&mut tokens[i], TokenTree::Punct(Punct::new('.', Spacing::Alone))));
        i += 1;
    }
    // Groups are rewritten after the scan, by value, so their tokens move.
    for token in &mut out {
        if let TokenTree::Group(g) = token {
            *g = map_group(g, |inner| rewrite(inner, short, used, variants_ok));
        }
    }
    out.into_iter().collect()
}

/// Shortens the std paths of one file and adds the `use`s the shortened names need, after the
/// file's inner attributes.
pub fn shorten(tokens: TokenStream) -> TokenStream {
    let mut bare = 0u64;
    let tokens = bare_idents(tokens, &mut bare, &mut String::new());
    let short: u64 = (0..SHORTENABLE.len()).filter(|k| bare & (1 << k) == 0).fold(0, |acc, k| acc | 1 << k);
    let variants_ok: u64 = (0..VARIANTS.len()).filter(|k| bare & (1 << (SHORTENABLE.len() + k)) == 0).fold(0, |acc, k| acc | 1 << k);
    let mut used = 0u64;
    let body = rewrite(tokens, short, &mut used, variants_ok);

    // Inner attributes (`#![...]`) must stay first.
    let mut tokens: Vec<TokenTree> = body.into_iter().collect();
    let mut split = 0;
    while matches!(tokens.get(split), Some(TokenTree::Punct(p)) if p.as_char() == '#')
        && matches!(tokens.get(split + 1), Some(TokenTree::Punct(p)) if p.as_char() == '!')
        && matches!(tokens.get(split + 2), Some(TokenTree::Group(g)) if g.delimiter() == Delimiter::Bracket)
    {
        split += 3;
    }
    // `use`s in sorted order (module, then name), as the file always had them.
    let mut imported: Vec<(&str, &str)> = (0..SHORTENABLE.len())
        .filter(|&k| used & (1 << k) != 0 && !SHORTENABLE[k].2)
        .map(|k| (SHORTENABLE[k].0, SHORTENABLE[k].1))
        .collect();
    imported.sort_unstable();
    let imports = imported.iter().map(|(module, name)| {
        let m = Ident::new(module, proc_macro2::Span::call_site());
        let n = Ident::new(name, proc_macro2::Span::call_site());
        quote!(use ::std::#m::#n;)
    });
    let rest: TokenStream = tokens.split_off(split).into_iter().collect();
    let head: TokenStream = tokens.into_iter().collect();
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
