//! Non-Rust files, from minijinja templates.

use crate::error::{Error, Result};
use crate::ir::Crate;
use minijinja::{context, Environment};
use std::fmt::Write as _;

const CARGO_TOML: &str = include_str!("../../templates/Cargo.toml.j2");
const README: &str = include_str!("../../templates/README.md.j2");

fn render(name: &str, source: &str, krate: &Crate) -> Result<String> {
    let mut env = Environment::new();
    env.add_filter("code", code_span);
    env.add_template(name, source)
        .map_err(|e| Error::model(format!("internal error in template `{name}`: {e}")))?;
    let uses = &krate.uses;
    let ctx = context! {
        package_name => &krate.package_name,
        lib_name => &krate.lib_name,
        trait_name => &krate.service.trait_name,
        version => &krate.version,
        runtime => &krate.runtime,
        api_version => &krate.service.version,
        title => &krate.service.title,
        description => toml_string(&format!("Types for {}, generated from its Smithy model", krate.service.title_text)),
        service_id => &krate.service.id,
        protocol => &krate.service.protocol,
        uses => context! { blob => uses.blob, big_number => uses.big_number },
        uses_regex => !krate.patterns.is_empty(),
        wire => crate::protocol::for_crate(krate).display_name(),
        server => crate::protocol::for_crate(krate).has_server(),
        protocol_tests => super::protocol_tests::has_tests(krate),
        operation_count => krate.operations.len(),
        type_count => krate.types.len(),
        operations => krate.operations.iter().map(|o| o.wire_name.clone()).collect::<Vec<_>>(),
    };
    env.get_template(name)
        .and_then(|t| t.render(ctx))
        .map(|text| if text.ends_with('\n') { text } else { text + "\n" })
        .map_err(|e| Error::model(format!("internal error rendering `{name}`: {e}")))
}

pub fn cargo_toml(krate: &Crate) -> Result<String> {
    render("Cargo.toml", CARGO_TOML, krate)
}

pub fn readme(krate: &Crate) -> Result<String> {
    render("README.md", README, krate)
}

/// `text` as a TOML basic string, quotes included: `\\`, `"` and control characters escaped.
fn toml_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c <= '\u{1f}' || c == '\u{7f}' => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Template filter: `text` on one line as a Markdown code span, with a backtick run longer than
/// any inside it (and padding spaces where CommonMark strips them).
fn code_span(text: &str) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut longest = 0;
    let mut run = 0;
    for c in text.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') { " " } else { "" };
    format!("{fence}{pad}{text}{pad}{fence}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_strings_escape_what_toml_requires() {
        assert_eq!(toml_string("plain"), r#""plain""#);
        assert_eq!(toml_string(r#"A "quoted" \ title"#), r#""A \"quoted\" \\ title""#);
        assert_eq!(toml_string("a\nb\u{1}\u{7f}é"), r#""a\nb\u0001\u007Fé""#);
    }

    #[test]
    fn code_spans_hold_backticks() {
        assert_eq!(code_span("v1"), "`v1`");
        assert_eq!(code_span("a`b"), "``a`b``");
        assert_eq!(code_span("`x"), "`` `x ``");
        assert_eq!(code_span(" a\n b "), "`a b`");
    }
}
