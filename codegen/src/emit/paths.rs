//! Emitters write the std items of `SHORTENABLE` in a short form, `::Option`, which is not yet
//! valid Rust: this pass decides, per file, what each becomes. A model type named `Option`,
//! `String` or `Error` must never shadow the std item, so a name is shortened to `Option` only
//! if it does not appear unqualified anywhere else in the file (where it could be a local
//! definition), and is spelled out in full (`::std::option::Option`) otherwise; prelude names
//! need no import, the others get a `use`. Other std items are written in full and left so.
//! (The short form costs a third of the tokens of the full path, and the generator's time is
//! mostly syn parsing tokens.)

use proc_macro2::{Delimiter, Group, Ident, Punct, Spacing, TokenStream, TokenTree};
use quote::quote;
use syn::visit::Visit;
use syn::visit_mut::{self, VisitMut};

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

/// The `SHORTENABLE` index of the name `name`, whatever its module.
fn by_name(name: &Ident) -> Option<usize> {
    SHORTENABLE.iter().position(|(_, n, _)| name == n)
}

/// The `SHORTENABLE` index of `<module>::<name>`.
fn by_path(module: &Ident, name: &Ident) -> Option<usize> {
    SHORTENABLE.iter().position(|(m, n, _)| module == m && name == n)
}

/// The `VARIANTS` index of `<ty>::<variant>` (`Option::Some`), when the variant's name is free
/// in the file, so that the path can become the bare variant.
fn free_variant(ty: &str, variant: &Ident, variants_ok: u64) -> Option<usize> {
    VARIANTS.iter().position(|(t, v)| *t == ty && variant == v).filter(|k| variants_ok & (1 << k) != 0)
}

/// Matches a std path at `i` (not a macro call): `::std::<module>::<Name>`, or the short form
/// `::<Name>` emitters write for a `SHORTENABLE` name (not valid Rust until this pass rewrites
/// it; `prev` is the token before, which must not make `::` a separator). Gives the
/// `SHORTENABLE` index (`usize::MAX` for a std path this pass does not shorten) and the
/// path's length in tokens.
fn std_path(tokens: &[TokenTree], i: usize, prev: Option<&TokenTree>) -> Option<(usize, usize)> {
    let t = |k: usize| tokens.get(i + k);
    let colons = |k: usize| is_colon(t(k), Spacing::Joint) && is_colon(t(k + 1), Spacing::Alone);
    if !colons(0) {
        return None;
    }
    let not_macro = |k: usize| !matches!(t(k), Some(TokenTree::Punct(p)) if p.as_char() == '!');
    if ident_is(t(2), "std") && colons(3) && colons(6) {
        let (Some(TokenTree::Ident(module)), Some(TokenTree::Ident(name))) = (t(5), t(8)) else { return None };
        return not_macro(9).then_some((by_path(module, name).unwrap_or(usize::MAX), 9));
    }
    let leading = !matches!(prev, Some(TokenTree::Ident(_))) && !matches!(prev, Some(TokenTree::Punct(p)) if p.as_char() == '>');
    let Some(TokenTree::Ident(name)) = t(2) else { return None };
    let index = by_name(name)?;
    (leading && not_macro(3)).then_some((index, 3))
}

/// Records the candidate names a token stream (an attribute's or a macro's arguments, which
/// syn keeps as tokens) uses unqualified: not right after `::`, std paths excepted.
fn scan_tokens(stream: &TokenStream, bare: &mut u64, buf: &mut String) {
    let tokens: Vec<TokenTree> = stream.clone().into_iter().collect();
    let mut i = 0;
    while i < tokens.len() {
        if let Some((_, len)) = std_path(&tokens, i, i.checked_sub(1).and_then(|k| tokens.get(k))) {
            i += len;
            continue;
        }
        let after_colons = i >= 2 && is_colon(tokens.get(i - 1), Spacing::Alone) && is_colon(tokens.get(i - 2), Spacing::Joint);
        match &tokens[i] {
            TokenTree::Ident(ident) if !after_colons => {
                if let Some(index) = candidate(ident, buf) {
                    *bare |= 1 << index;
                }
            }
            TokenTree::Group(g) => scan_tokens(&g.stream(), bare, buf),
            _ => {}
        }
        i += 1;
    }
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

/// The token-level rewrite, for the streams syn does not parse (attribute and macro arguments).
fn rewrite(stream: TokenStream, short: u64, used: &mut u64, variants_ok: u64) -> TokenStream {
    let mut tokens: Vec<TokenTree> = stream.into_iter().collect();
    let mut out: Vec<TokenTree> = Vec::with_capacity(tokens.len());
    let mut i = 0;
    while i < tokens.len() {
        if let Some((index, len)) = std_path(&tokens, i, out.last()).filter(|&(k, _)| k < SHORTENABLE.len()) {
            let (module, name, _) = SHORTENABLE[index];
            let span = tokens[i + len - 1].span();
            if short & (1 << index) == 0 {
                // Not free in this file: a short form is spelled out in full, a full path kept.
                if len == 3 {
                    let (module, name) = (Ident::new(module, span), Ident::new(name, span));
                    out.extend(quote!(::std::#module::#name));
                } else {
                    out.extend(tokens[i..i + len].iter().cloned());
                }
                i += len;
                continue;
            }
            *used |= 1 << index;
            // `Option::Some` → `Some`, when `Some` is free in this file.
            let variant = match tokens.get(i + len + 2) {
                Some(TokenTree::Ident(v)) if is_colon(tokens.get(i + len), Spacing::Joint) && is_colon(tokens.get(i + len + 1), Spacing::Alone) => {
                    free_variant(name, v, variants_ok).map(|k| VARIANTS[k].1)
                }
                _ => None,
            };
            match variant {
                Some(v) => {
                    out.push(TokenTree::Ident(Ident::new(v, span)));
                    i += len + 3;
                }
                None => {
                    out.push(TokenTree::Ident(Ident::new(name, span)));
                    i += len;
                }
            }
            continue;
        }
        // Matching looks ahead (and behind only into `out`), so what is behind `i` can be
        // moved out.
        out.push(std::mem::replace(&mut tokens[i], TokenTree::Punct(Punct::new('.', Spacing::Alone))));
        i += 1;
    }
    for token in &mut out {
        if let TokenTree::Group(g) = token {
            *g = map_group(g, |inner| rewrite(inner, short, used, variants_ok));
        }
    }
    out.into_iter().collect()
}

/// The first pass: which candidate names the file uses unqualified. In syn's tree an
/// identifier is "after `::`" exactly when it is a path segment other than the first, or the
/// first of a path with a leading `::`.
struct BareNames {
    bare: u64,
    buf: String,
}

impl BareNames {
    fn ident(&mut self, ident: &Ident) {
        if let Some(index) = candidate(ident, &mut self.buf) {
            self.bare |= 1 << index;
        }
    }

    /// `bare`: whether the tree's first identifier stands at the start of the path (rather
    /// than right after `::`).
    fn use_tree(&mut self, tree: &syn::UseTree, bare: bool) {
        match tree {
            syn::UseTree::Path(p) => {
                if bare {
                    self.ident(&p.ident);
                }
                self.use_tree(&p.tree, false);
            }
            syn::UseTree::Name(n) if bare => self.ident(&n.ident),
            syn::UseTree::Rename(r) => {
                if bare {
                    self.ident(&r.ident);
                }
                self.ident(&r.rename);
            }
            syn::UseTree::Group(g) => g.items.iter().for_each(|t| self.use_tree(t, true)),
            _ => {}
        }
    }
}

impl<'ast> Visit<'ast> for BareNames {
    fn visit_ident(&mut self, ident: &'ast Ident) {
        self.ident(ident);
    }

    fn visit_path(&mut self, path: &'ast syn::Path) {
        if let (None, Some(first)) = (&path.leading_colon, path.segments.first()) {
            self.ident(&first.ident);
        }
        for segment in &path.segments {
            self.visit_path_arguments(&segment.arguments);
        }
    }

    fn visit_use_tree(&mut self, tree: &'ast syn::UseTree) {
        self.use_tree(tree, true);
    }

    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        self.visit_path(&mac.path);
        scan_tokens(&mac.tokens, &mut self.bare, &mut self.buf);
    }

    fn visit_meta_list(&mut self, list: &'ast syn::MetaList) {
        self.visit_path(&list.path);
        scan_tokens(&list.tokens, &mut self.bare, &mut self.buf);
    }
}

/// The second pass: shortens the std paths whose name is free in the file.
struct Shortener {
    short: u64,
    variants_ok: u64,
    used: u64,
}

impl Shortener {
    /// The `SHORTENABLE` index of `::std::<module>::<Name>...` or of the short form
    /// `::<Name>...`, and the position of `Name` in the path.
    fn std_path(path: &syn::Path) -> Option<(usize, usize)> {
        path.leading_colon?;
        let mut segments = path.segments.iter();
        let first = segments.next()?;
        if first.ident != "std" {
            return by_name(&first.ident).map(|index| (index, 0));
        }
        let (module, name) = (segments.next()?, segments.next()?);
        if !first.arguments.is_none() || !module.arguments.is_none() {
            return None;
        }
        Some((by_path(&module.ident, &name.ident)?, 2))
    }
}

/// `::<Name>...` → `::std::<module>::<Name>...`.
fn spell_out(path: &mut syn::Path, module: &str) {
    let span = proc_macro2::Span::call_site();
    let mut full: syn::punctuated::Punctuated<syn::PathSegment, syn::Token![::]> = syn::punctuated::Punctuated::new();
    full.push(syn::PathSegment::from(Ident::new("std", span)));
    full.push(syn::PathSegment::from(Ident::new(module, span)));
    full.extend(std::mem::take(&mut path.segments));
    path.segments = full;
}

/// Removes the first `n` segments of a path, and its leading `::`.
fn drop_segments(path: &mut syn::Path, n: usize) {
    let rest = std::mem::take(&mut path.segments).into_pairs().skip(n);
    path.segments = rest.collect();
    path.leading_colon = None;
}

/// A path with a qualified self type (`<T as ::std::str::FromStr>::from_str`) counts its
/// trait's segments; shortening or spelling out the path must move that count too.
fn fix_qself(qself: &mut Option<syn::QSelf>, before: usize, after: usize) {
    if let Some(q) = qself {
        q.position = (q.position + after).saturating_sub(before);
    }
}

/// The `VisitMut` methods of the nodes that hold a path with an optional `QSelf`: each visits
/// as usual, then moves the `QSelf`'s trait boundary by the segments the path lost.
macro_rules! qself_paths {
    ($($method:ident($node:ty)),* $(,)?) => {$(
        fn $method(&mut self, node: &mut $node) {
            let before = node.path.segments.len();
            visit_mut::$method(self, node);
            fix_qself(&mut node.qself, before, node.path.segments.len());
        }
    )*};
}

impl VisitMut for Shortener {
    fn visit_path_mut(&mut self, path: &mut syn::Path) {
        if let Some((index, at)) = Self::std_path(path) {
            let (module, name, _) = SHORTENABLE[index];
            if self.short & (1 << index) != 0 {
                self.used |= 1 << index;
                // `Option::Some` → `Some`, when `Some` is free in this file.
                let variant = path.segments.get(at + 1).filter(|_| path.segments[at].arguments.is_none()).and_then(|v| free_variant(name, &v.ident, self.variants_ok));
                drop_segments(path, if variant.is_some() { at + 1 } else { at });
            } else if at == 0 {
                spell_out(path, module);
            }
        }
        for segment in &mut path.segments {
            self.visit_path_arguments_mut(&mut segment.arguments);
        }
    }

    qself_paths! {
        visit_expr_path_mut(syn::ExprPath),
        visit_type_path_mut(syn::TypePath),
        visit_expr_struct_mut(syn::ExprStruct),
        visit_pat_struct_mut(syn::PatStruct),
        visit_pat_tuple_struct_mut(syn::PatTupleStruct),
    }

    // A macro's own path (`::std::write!`) stays as written; its arguments are tokens.
    fn visit_macro_mut(&mut self, mac: &mut syn::Macro) {
        let tokens = std::mem::take(&mut mac.tokens);
        mac.tokens = rewrite(tokens, self.short, &mut self.used, self.variants_ok);
    }

    fn visit_meta_list_mut(&mut self, list: &mut syn::MetaList) {
        let tokens = std::mem::take(&mut list.tokens);
        list.tokens = rewrite(tokens, self.short, &mut self.used, self.variants_ok);
    }
}

/// Shortens the std paths of one parsed file and adds the `use`s the shortened names need,
/// before its first item. Working on syn's tree rather than on tokens means no token stream is
/// taken apart and rebuilt.
pub fn shorten(file: &mut syn::File) {
    let mut names = BareNames { bare: 0, buf: String::new() };
    names.visit_file(file);
    let bare = names.bare;
    let short: u64 = (0..SHORTENABLE.len()).filter(|k| bare & (1 << k) == 0).fold(0, |acc, k| acc | 1 << k);
    let variants_ok: u64 = (0..VARIANTS.len()).filter(|k| bare & (1 << (SHORTENABLE.len() + k)) == 0).fold(0, |acc, k| acc | 1 << k);
    let mut shortener = Shortener { short, variants_ok, used: 0 };
    shortener.visit_file_mut(file);
    let used = shortener.used;

    // `use`s in sorted order (module, then name), as the file always had them.
    let mut imported: Vec<(&str, &str)> = (0..SHORTENABLE.len())
        .filter(|&k| used & (1 << k) != 0 && !SHORTENABLE[k].2)
        .map(|k| (SHORTENABLE[k].0, SHORTENABLE[k].1))
        .collect();
    imported.sort_unstable();
    let imports = imported.iter().map(|(module, name)| {
        let m = Ident::new(module, proc_macro2::Span::call_site());
        let n = Ident::new(name, proc_macro2::Span::call_site());
        let item: syn::Item = syn::parse_quote!(use ::std::#m::#n;);
        item
    });
    file.items.splice(0..0, imports);
}

#[cfg(test)]
mod tests {
    use quote::quote;

    fn shorten(tokens: proc_macro2::TokenStream) -> proc_macro2::TokenStream {
        let mut file: syn::File = syn::parse2(tokens).expect("valid Rust");
        super::shorten(&mut file);
        quote!(#file)
    }

    #[test]
    fn shortens_when_free_and_imports_what_the_prelude_lacks() {
        let out = shorten(quote! {
            #![doc = "x"]
            pub struct A { pub b: ::std::option::Option<::std::collections::HashMap<::std::string::String, i32>> }
            fn f() -> ::std::option::Option<i32> { ::std::option::Option::Some(1) }
        })
        .to_string();
        assert!(out.starts_with("# ! [doc = \"x\"] use :: std :: collections :: HashMap ;"), "{out}");
        assert!(out.contains("pub b : Option < HashMap < String , i32 > >"), "{out}");
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
    fn qualified_self_keeps_its_trait_boundary() {
        let out = shorten(quote! {
            fn f(s: &str) -> ::std::option::Option<i32> { <i32 as ::std::str::FromStr>::from_str(s).ok() }
        })
        .to_string();
        assert!(out.starts_with("use :: std :: str :: FromStr ;"), "{out}");
        assert!(out.contains("< i32 as FromStr > :: from_str (s)"), "{out}");
    }

    #[test]
    fn short_forms_are_shortened_or_spelled_out() {
        let out = shorten(quote! {
            #[derive(::Clone)]
            pub struct A { pub b: ::Option<::HashMap<::String, i32>> }
            fn f() -> ::Option<i32> { ::std::vec![::String::new()]; ::Option::Some(1) }
        })
        .to_string();
        assert!(out.starts_with("use :: std :: collections :: HashMap ;"), "{out}");
        assert!(out.contains("# [derive (Clone)]"), "{out}");
        assert!(out.contains("pub b : Option < HashMap < String , i32 > >"), "{out}");
        assert!(out.contains("vec ! [String :: new ()]"), "{out}");
        assert!(out.contains("{ :: std :: vec ! [String :: new ()] ; Some (1) }"), "{out}");

        let out = shorten(quote! {
            pub struct Option;
            fn f(s: &str) -> ::Option<::String> { <::String as ::std::str::FromStr>::from_str(s).ok(); ::std::vec![::Option::<u8>::None]; <i32 as ::Default>::default(); ::Option::None }
        })
        .to_string();
        assert!(out.contains("-> :: std :: option :: Option < String >"), "{out}");
        assert!(out.contains("< String as FromStr > :: from_str (s)"), "{out}");
        assert!(out.contains(":: std :: vec ! [:: std :: option :: Option :: < u8 > :: None]"), "{out}");
        assert!(out.contains("< i32 as Default > :: default ()"), "{out}");
        assert!(out.contains(":: std :: option :: Option :: None }"), "{out}");
    }

    #[test]
    fn leaves_macros_and_crate_paths_alone() {
        let out = shorten(quote!(fn f() { ::std::write!(x, "{}", crate::types::String::new()); })).to_string();
        assert!(out.contains(":: std :: write !"), "{out}");
        assert!(out.contains("crate :: types :: String"), "{out}");
    }
}
