//! Every Rust name the generator emits is decided here: casing, keyword escapes, and renames
//! that keep generated names from clashing with each other or with generated API.

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Rust keywords that `r#` can escape.
const RAW_OK: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn",
    "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let",
    "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return",
    "static", "struct", "trait", "true", "try", "type", "typeof", "unsafe", "unsized", "use",
    "virtual", "where", "while", "yield",
];

/// Keywords `r#` cannot escape; they get a trailing underscore instead.
const NO_RAW: &[&str] = &["self", "Self", "super", "crate", "_"];

/// The variant every generated enum and union adds for values the model does not know.
pub const UNKNOWN_VARIANT: &str = "Unknown";

/// Splits on anything that is not an ASCII letter or digit, so heck sees word boundaries.
fn words(raw: &str) -> String {
    raw.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' }).collect()
}

fn escape(name: String, leading_digit_prefix: &str) -> String {
    let name = if name.is_empty() { "value".to_string() } else { name };
    let name = if name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("{leading_digit_prefix}{name}")
    } else {
        name
    };
    if NO_RAW.contains(&name.as_str()) {
        format!("{name}_")
    } else if RAW_OK.contains(&name.as_str()) {
        format!("r#{name}")
    } else {
        name
    }
}

/// `UpperCamelCase` name for a type.
pub fn type_name(raw: &str) -> String {
    let camel = words(raw).to_upper_camel_case();
    let camel = if camel.is_empty() { "Value".to_string() } else { camel };
    escape(camel, "V")
}

/// `snake_case` name for a field, function or module; keywords come back as `r#kw`.
pub fn snake_name(raw: &str) -> String {
    escape(words(raw).to_snake_case(), "_")
}

/// Variant name for an enum or union member; `Unknown` is taken by the catch-all variant.
pub fn variant_name(raw: &str) -> String {
    let name = type_name(raw);
    if name == UNKNOWN_VARIANT {
        format!("{UNKNOWN_VARIANT}Value")
    } else {
        name
    }
}

/// The builder type of a structure: `FooBuilder` (and `SelfBuilder` for `Self_`).
pub fn builder_name(type_name: &str) -> String {
    format!("{}Builder", unraw(type_name).trim_end_matches('_'))
}

/// The name without a raw-identifier prefix, for building derived names (`set_type`).
pub fn unraw(name: &str) -> &str {
    name.strip_prefix("r#").unwrap_or(name)
}

/// A `proc_macro2::Ident` for a name produced by this module.
pub fn ident(name: &str) -> proc_macro2::Ident {
    match name.strip_prefix("r#") {
        Some(raw) => proc_macro2::Ident::new_raw(raw, proc_macro2::Span::call_site()),
        None => proc_macro2::Ident::new(name, proc_macro2::Span::call_site()),
    }
}

/// Builder method names for a structure's fields: the setter (`name`) and the optional setter
/// (`set_name`). `build` is the builder's own method, so a member called `build` (or one whose
/// names collide with another member's) gets `_value` appended until every name is unique.
pub fn builder_methods(fields: &[String]) -> Vec<(String, String)> {
    let mut taken: Vec<String> = vec!["build".to_string()];
    let mut unique = |base: String| {
        let mut name = base;
        while taken.iter().any(|t| unraw(t) == unraw(&name)) {
            name = format!("{}_value", unraw(&name));
        }
        taken.push(name.clone());
        name
    };
    fields
        .iter()
        .map(|field| {
            let setter = unique(field.clone());
            let set = unique(format!("set_{}", unraw(&setter)));
            (setter, set)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_are_upper_camel() {
        assert_eq!(type_name("GetWorkflowRunRequest"), "GetWorkflowRunRequest");
        assert_eq!(type_name("S3Location"), "S3Location");
        assert_eq!(type_name("ARN"), "Arn");
        assert_eq!(type_name("roleARN"), "RoleArn");
        assert_eq!(type_name("with space"), "WithSpace");
        assert_eq!(type_name("a-b"), "AB");
    }

    #[test]
    fn leading_digits_get_a_prefix() {
        assert_eq!(type_name("1st"), "V1st");
        assert_eq!(snake_name("1st"), "_1st");
    }

    #[test]
    fn keywords_are_escaped_one_by_one() {
        for kw in RAW_OK {
            assert_eq!(snake_name(kw), format!("r#{kw}"), "{kw}");
        }
        assert_eq!(snake_name("self"), "self_");
        assert_eq!(snake_name("super"), "super_");
        assert_eq!(snake_name("crate"), "crate_");
        assert_eq!(type_name("Self"), "Self_");
        assert_eq!(type_name("self"), "Self_");
        assert_eq!(snake_name("Type"), "r#type");
    }

    #[test]
    fn std_names_stay_as_they_are() {
        // Generated code spells std paths in full, so these cannot shadow anything.
        for name in ["Option", "Result", "Box", "Vec", "String", "Error"] {
            assert_eq!(type_name(name), name);
        }
    }

    #[test]
    fn snake_case_fields() {
        assert_eq!(snake_name("WorkflowArn"), "workflow_arn");
        assert_eq!(snake_name("OverrideParameters"), "override_parameters");
        assert_eq!(snake_name("ON_DEMAND"), "on_demand");
        assert_eq!(snake_name(""), "value");
        assert_eq!(snake_name("--"), "value");
    }

    #[test]
    fn unknown_variant_is_reserved() {
        assert_eq!(variant_name("Unknown"), "UnknownValue");
        assert_eq!(variant_name("UNKNOWN"), "UnknownValue");
        assert_eq!(variant_name("ON_DEMAND"), "OnDemand");
    }

    #[test]
    fn idents_from_raw_names() {
        assert_eq!(ident("r#type").to_string(), "r#type");
        assert_eq!(ident("name").to_string(), "name");
    }

    #[test]
    fn builder_methods_avoid_build_and_each_other() {
        let fields = ["build", "foo", "set_foo", "r#type"].map(String::from);
        let methods = builder_methods(&fields);
        assert_eq!(methods[0], ("build_value".into(), "set_build_value".into()));
        assert_eq!(methods[1], ("foo".into(), "set_foo".into()));
        assert_eq!(methods[2], ("set_foo_value".into(), "set_set_foo_value".into()));
        assert_eq!(methods[3], ("r#type".into(), "set_type".into()));
    }
}
