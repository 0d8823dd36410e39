//! Non-Rust files, from minijinja templates.

use crate::error::{Error, Result};
use crate::ir::Crate;
use minijinja::{context, Environment};

const CARGO_TOML: &str = include_str!("../../templates/Cargo.toml.j2");
const README: &str = include_str!("../../templates/README.md.j2");

fn render(name: &str, source: &str, krate: &Crate) -> Result<String> {
    let mut env = Environment::new();
    env.add_template(name, source)
        .map_err(|e| Error::model(format!("internal error in template `{name}`: {e}")))?;
    let uses = &krate.uses;
    let ctx = context! {
        package_name => &krate.package_name,
        lib_name => &krate.lib_name,
        version => &krate.version,
        api_version => &krate.service.version,
        title => &krate.service.title,
        service_id => &krate.service.id,
        protocol => &krate.service.protocol,
        uses => context! { blob => uses.blob, big_number => uses.big_number },
        uses_regex => !krate.patterns.is_empty(),
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
