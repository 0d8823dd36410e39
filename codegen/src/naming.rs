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

/// `phrase` after "a" or "an", chosen by how its first word sounds: "an `ItemId`", "a `Tag`".
/// Markdown before the word (`` ` ``, `[`) is skipped. The rule is the first letter's vowel, plus
/// the cheap cases where spelling and sound differ in service models: a "u" said "you"
/// ("a `UserId`", "a `Union`", but "an `Update`", "an `Unknown`", "an `Unauthorized`"),
/// "one" and "eu" said with a consonant, and "8" said "eight".
pub fn with_article(phrase: &str) -> String {
    let word: String =
        phrase.chars().skip_while(|c| !c.is_ascii_alphanumeric()).take_while(char::is_ascii_alphanumeric).collect();
    let an = match initial_letter(word.as_bytes()) {
        // An initialism (`S3Location`, `SQSQueue`, `HTTPRequest`) is read letter by letter, and
        // these letters' names start with a vowel sound: "an S3", "an HTTP", but "a UUID".
        Some(letter) => b"AEFHILMNORSX".contains(&letter),
        None => takes_an(word.to_ascii_lowercase().as_bytes()),
    };
    let article = if an { "an" } else { "a" };
    format!("{article} {phrase}")
}

/// The first letter of a word that starts with an initialism: two capitals, or a capital and a digit.
fn initial_letter(word: &[u8]) -> Option<u8> {
    match word {
        [first, second, ..] if first.is_ascii_uppercase() && (second.is_ascii_uppercase() || second.is_ascii_digit()) => {
            Some(*first)
        }
        _ => None,
    }
}

fn takes_an(word: &[u8]) -> bool {
    let vowel = |c: &u8| b"aeiou".contains(c);
    match word {
        [b'u', b'n', next, ..] if vowel(next) && *next != b'i' => true,
        // "u", a consonant, a vowel: "user", "unit", "usage" start with "you".
        [b'u', second, third, ..] => vowel(second) || !vowel(third),
        [b'o', b'n', b'e', ..] | [b'e', b'u', ..] => false,
        [b'8', ..] => true,
        [first, ..] => vowel(first),
        [] => false,
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

/// Library names a generated crate cannot take besides keywords (`use match::...` does not
/// parse, and `r#` is not allowed in crate names): the sysroot crates (a doc test's `use
/// std::...` would be ambiguous) and, see [`is_dependency`], every crate the generated manifest
/// can depend on (two crates of one name in a doc test's extern prelude).
const SYSROOT_LIBS: &[&str] = &["std", "core", "alloc", "proc_macro", "test"];

/// The generated crate's manifest template, read for its dependency names.
const MANIFEST_TEMPLATE: &str = include_str!("../templates/Cargo.toml.j2");

/// Whether a generated crate can depend on a crate whose library is `lib`: every `name = ...`
/// line of the template's `[dependencies]` and `[dev-dependencies]` tables counts, with `-` as
/// `_`.
fn is_dependency(lib: &str) -> bool {
    ["\n[dependencies]\n", "\n[dev-dependencies]\n"].iter().any(|table| {
        let deps = MANIFEST_TEMPLATE.split(table).nth(1).unwrap_or_default();
        let deps = deps.split("\n[").next().unwrap_or_default();
        deps.lines().filter_map(|line| line.split_once(" = ")).any(|(name, _)| name.trim().replace('-', "_") == lib)
    })
}

/// The package name a generated crate gets from the service's sdkId (or shape name): its ASCII
/// words in lower case, joined by `-` (`MWAA Serverless` -> `mwaa-serverless`). Words are split
/// only where the sdkId has a space, hyphen, underscore or other non-alphanumeric character,
/// never at a change of case, so `DynamoDB` is `dynamodb` (as AWS SDKs name it), not
/// `dynamo-db`. The name is a valid Cargo package name and its library name ([`lib_name`]) a
/// valid, non-keyword Rust identifier:
///
/// - no words at all gives `service`;
/// - a leading digit gets a `v` prefix, as [`type_name`] does (`1st Service` -> `v1st-service`),
///   since Cargo rejects names that start with a digit (or `-`);
/// - a library name that is a Rust keyword, a sysroot crate or a dependency of generated crates
///   gets an `-api` suffix (`Match` -> `match-api`, lib `match_api`).
pub fn package_name(raw: &str) -> String {
    let snake = words(raw).split_whitespace().collect::<Vec<_>>().join("_").to_ascii_lowercase();
    let snake = if snake.is_empty() { "service".to_string() } else { snake };
    let snake = if snake.starts_with(|c: char| c.is_ascii_digit()) { format!("v{snake}") } else { snake };
    let snake = if is_reserved_lib(&snake) { format!("{snake}_api") } else { snake };
    snake.replace('_', "-")
}

/// The library (crate) name of a package: `-` becomes `_`.
pub fn lib_name(package: &str) -> String {
    package.replace('-', "_")
}

/// Why `package` (a `--crate-name` given by the user) cannot name a generated crate, if it cannot:
/// Cargo's rules (ASCII letters, digits, `-` and `_`, not starting with a digit or `-`), and a
/// library name that is not reserved (see [`package_name`]).
pub fn check_package_name(package: &str) -> Result<(), String> {
    if package.is_empty() {
        return Err("the crate name is empty".into());
    }
    if let Some(c) = package.chars().find(|c| !(c.is_ascii_alphanumeric() || *c == '-' || *c == '_')) {
        return Err(format!("the crate name `{package}` contains `{c}` (only ASCII letters, digits, `-` and `_` are allowed)"));
    }
    if !package.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_') || package == "_" {
        return Err(format!("the crate name `{package}` must start with a letter or `_`"));
    }
    if is_reserved_lib(&lib_name(package)) {
        return Err(format!(
            "the crate name `{package}` gives the library name `{}`, which is a Rust keyword or a crate the generated code uses",
            lib_name(package)
        ));
    }
    Ok(())
}

fn is_reserved_lib(lib: &str) -> bool {
    RAW_OK.contains(&lib) || NO_RAW.contains(&lib) || SYSROOT_LIBS.contains(&lib) || is_dependency(lib)
}

/// Names a generated crate defines or re-exports at its root besides the service trait (and its
/// `Dyn` twin): `Error` (`error::Error`), `Client` and `Config` (`client::*`, behind the `client`
/// feature), and `T`, the type parameter of the trait's blanket impls in `service.rs`.
const RESERVED_TRAIT_NAMES: &[&str] = &["Error", "Client", "Config", "T"];

/// The service trait's name: [`type_name`] of the sdkId (or shape name), with `Service` appended
/// when that is a name the crate root already has (`Error` -> `ErrorService`). The `Dyn` twin
/// (`DynErrorService`) cannot clash: no reserved name starts with `Dyn`.
pub fn trait_name(raw: &str) -> String {
    let name = type_name(raw);
    if RESERVED_TRAIT_NAMES.contains(&name.as_str()) {
        format!("{name}Service")
    } else {
        name
    }
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
    // The builder's own `build`, and what the client's fluent builders, which forward these
    // setters, define beside them.
    let mut taken: Vec<String> = ["build", "send", "as_input", "with_client", "into_paginator"].map(String::from).to_vec();
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

/// Methods every generated structure has, or may have through a trait the generated code
/// calls by method syntax: an accessor of one of these names would shadow or clash with it.
const STRUCT_METHODS: &[&str] = &[
    "builder", "validate", "validate_at", "code", "message", "fault", "http_status", "retry_kind",
    "is_retryable", "is_throttling", "failure_kind", "is_timeout", "is_dispatch_failure",
    "request_id", "set_request_id", "set_query_error", "fill_message", "source", "description",
    "cause", "clone", "clone_from", "eq", "ne", "fmt", "to_string", "serialize", "deserialize",
    "read", "write", "write_request", "read_request", "read_response", "write_response", "into",
    "try_into", "from", "try_from", "as_ref", "borrow", "to_owned", "hash", "type_id", "default",
];

/// Slice accessor names (`fn tags(&self) -> &[T]`) for a structure's fields, `None` where
/// `wanted` says a field gets none. An accessor takes its field's name (a method may share a
/// field's name), unless that is one of the structure's own methods: then `_value` is
/// appended until it clashes with neither those nor another field's name.
pub fn accessor_names(fields: &[String], wanted: &[bool]) -> Vec<Option<String>> {
    let mut taken: Vec<String> = fields.iter().map(|f| unraw(f).to_string()).collect();
    fields
        .iter()
        .zip(wanted)
        .map(|(field, &wanted)| {
            if !wanted {
                return None;
            }
            let mut name = field.clone();
            while STRUCT_METHODS.contains(&unraw(&name)) || (name != *field && taken.iter().any(|t| t == unraw(&name))) {
                name = format!("{}_value", unraw(&name));
            }
            taken.push(unraw(&name).to_string());
            Some(name)
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
    fn package_names_are_valid_for_cargo_and_rust() {
        assert_eq!(package_name("MWAA Serverless"), "mwaa-serverless");
        // Case changes are not word boundaries; spaces, hyphens and underscores are.
        assert_eq!(package_name("DynamoDB"), "dynamodb");
        assert_eq!(package_name("CloudWatch Logs"), "cloudwatch-logs");
        assert_eq!(package_name("ec2-instance_connect"), "ec2-instance-connect");
        assert_eq!(package_name("  Spaced  Out "), "spaced-out");
        assert_eq!(package_name("1st Service"), "v1st-service");
        assert_eq!(package_name("1st"), "v1st");
        assert_eq!(package_name("--"), "service");
        assert_eq!(package_name(""), "service");
        assert_eq!(package_name("Match"), "match-api");
        assert_eq!(package_name("Self"), "self-api");
        assert_eq!(package_name("std"), "std-api");
        assert_eq!(package_name("Serde JSON"), "serde-json-api");
        assert_eq!(package_name("Match Maker"), "match-maker");
        assert_eq!(package_name("Tokio"), "tokio-api");
        assert_eq!(package_name("Smithy Codegen Runtime"), "smithy-codegen-runtime-api");
        assert_eq!(package_name("Futures Core"), "futures-core");
        for kw in RAW_OK.iter().chain(NO_RAW).chain(SYSROOT_LIBS) {
            let package = package_name(kw);
            assert_eq!(check_package_name(&package), Ok(()), "{kw}");
            let lib = lib_name(&package);
            assert!(!RAW_OK.contains(&lib.as_str()) && !NO_RAW.contains(&lib.as_str()), "{kw} -> {lib}");
        }
    }

    #[test]
    fn user_crate_names_are_checked() {
        assert_eq!(check_package_name("my-crate"), Ok(()));
        assert_eq!(check_package_name("_private"), Ok(()));
        for bad in ["", "1st", "-x", "_", "a b", "a\"b", "match", "self", "serde_json", "std"] {
            assert!(check_package_name(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn trait_names_avoid_root_items() {
        assert_eq!(trait_name("MWAA Serverless"), "MwaaServerless");
        assert_eq!(trait_name("Error"), "ErrorService");
        assert_eq!(trait_name("client"), "ClientService");
        assert_eq!(trait_name("Config"), "ConfigService");
        assert_eq!(trait_name("t"), "TService");
        assert_eq!(trait_name("Self"), "Self_");
        assert_eq!(trait_name("Errors"), "Errors");
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

    #[test]
    fn accessors_take_the_field_name_unless_it_is_a_struct_method() {
        let fields = ["tags", "builder", "builder_value", "message", "r#type", "count"].map(String::from);
        let names = accessor_names(&fields, &[true, true, true, true, true, false]);
        assert_eq!(names[0].as_deref(), Some("tags"));
        // `builder_value` is another field's (and its accessor's) name.
        assert_eq!(names[1].as_deref(), Some("builder_value_value"));
        assert_eq!(names[2].as_deref(), Some("builder_value"));
        assert_eq!(names[3].as_deref(), Some("message_value"));
        assert_eq!(names[4].as_deref(), Some("r#type"));
        assert_eq!(names[5], None);
    }

    #[test]
    fn articles_follow_the_first_sound() {
        let cases = [
            ("`AccessDeniedException`", "an"),
            ("`Item`", "an"),
            ("`ErrorWithMembers`", "an"),
            ("`OperationTimeoutException`", "an"),
            ("`InvalidRequestException`", "an"),
            ("`UserId`", "a"),
            ("[`Union`](crate::Union)", "a"),
            ("`Usage`", "a"),
            ("`UpdateWorkflow`", "an"),
            ("`UntagResource`", "an"),
            ("`Unknown`", "an"),
            ("`UnauthorizedException`", "an"),
            ("`Up`", "an"),
            ("`OneOf`", "a"),
            ("`EuRegion`", "a"),
            ("`8Ball`", "an"),
            ("`S3Location`", "an"),
            ("`SQSQueue`", "an"),
            ("`HTTPRequest`", "an"),
            ("`MFADevice`", "an"),
            ("`EC2Instance`", "an"),
            ("`UUID`", "a"),
            ("`KMSKey`", "a"),
            ("`Sqs`", "a"),
            ("`Tag`", "a"),
            ("`GetWorkflowRun` request", "a"),
            ("string", "a"),
            ("integer", "an"),
            ("", "a"),
        ];
        for (phrase, article) in cases {
            assert_eq!(with_article(phrase), format!("{article} {phrase}"), "{phrase}");
        }
    }
}
