//! The code rustdoc would compile as doctests: Rust code blocks in the generated doc comments.
//! A doctest that does not parse fails `cargo test` on the generated crate just as a broken
//! `.rs` file fails `cargo build`.

use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag, TagEnd};
use syn::visit::Visit;

/// Each doc comment of `file` (an item's or module's consecutive `doc` attributes, joined).
pub fn doc_comments(file: &syn::File) -> Vec<String> {
    struct Docs {
        groups: Vec<(usize, Vec<String>)>,
    }
    impl<'ast> Visit<'ast> for Docs {
        fn visit_attribute(&mut self, attr: &'ast syn::Attribute) {
            let syn::Meta::NameValue(nv) = &attr.meta else {
                return;
            };
            if !nv.path.is_ident("doc") {
                return;
            }
            let syn::Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Str(s),
                ..
            }) = &nv.value
            else {
                return;
            };
            let line = attr.pound_token.span.start().line;
            match self.groups.last_mut() {
                // One attribute per line: an item's docs are on consecutive lines.
                Some((last, lines)) if line == *last + 1 => {
                    *last = line;
                    lines.push(s.value());
                }
                _ => self.groups.push((line, vec![s.value()])),
            }
        }
    }
    let mut docs = Docs { groups: Vec::new() };
    docs.visit_file(file);
    docs.groups
        .into_iter()
        .map(|(_, lines)| unindent(&lines))
        .collect()
}

/// rustdoc removes the indentation all non-blank lines share.
fn unindent(lines: &[String]) -> String {
    let indent = lines
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    lines
        .iter()
        .map(|l| {
            if l.len() >= indent && l.is_char_boundary(indent) {
                &l[indent..]
            } else {
                l.trim_start()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The doctests in one doc comment, as the source rustdoc compiles (hidden lines included,
/// wrapped in `fn main` unless they have one).
pub fn doctests(markdown: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current: Option<String> = None;
    for event in Parser::new(markdown) {
        match event {
            Event::Start(Tag::CodeBlock(kind)) => {
                let rust = match &kind {
                    CodeBlockKind::Indented => true,
                    CodeBlockKind::Fenced(info) => is_rust(info),
                };
                current = rust.then(String::new);
            }
            Event::Text(text) => {
                if let Some(code) = &mut current {
                    code.push_str(&text);
                }
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some(code) = current.take() {
                    out.push(wrap(&code));
                }
            }
            _ => {}
        }
    }
    out
}

/// rustdoc's reading of a fence's info string: Rust unless it names another language; not
/// compiled when `ignore` or expected to fail.
fn is_rust(info: &str) -> bool {
    let mut rust = true;
    for token in info
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|t| !t.is_empty())
    {
        match token {
            "rust" | "no_run" | "should_panic" | "test_harness" | "standalone_crate" => {}
            t if t.starts_with("edition") => {}
            t if t.starts_with('{') => {}
            "ignore" | "compile_fail" => return false,
            t if t.starts_with("ignore-") => return false,
            _ => rust = false,
        }
    }
    rust || info
        .split(|c: char| c == ',' || c.is_whitespace())
        .any(|t| t == "rust")
}

fn wrap(code: &str) -> String {
    let body: String = code
        .lines()
        .map(|line| {
            let t = line.trim_start();
            if t == "#" {
                String::new()
            } else if let Some(rest) = t.strip_prefix("# ") {
                rest.to_string()
            } else if t.starts_with("##") {
                line.replacen("##", "#", 1)
            } else {
                line.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    if body.contains("fn main") {
        body
    } else {
        format!("fn main() {{\n{body}\n}}")
    }
}
