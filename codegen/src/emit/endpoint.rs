//! `src/endpoint.rs` and its support files: endpoint resolution from the model's
//! `smithy.rules#endpointRuleSet`.
//!
//! The rules engine and the AWS partition data are in the runtime crate; the generated module
//! holds only what is particular to the model: the rule set (as JSON text), a typed `Params` struct with its builder, the mapping
//! from the client's built-in settings to parameters, and the model's endpoint test cases.

use super::rust::{doc, render};
use crate::error::{Error, Result};
use crate::ir::Crate;
use crate::naming::{builder_methods, ident, snake_name, unraw};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use serde_json::{json, Value};
use std::collections::{BTreeMap, HashSet};


#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    String,
    Bool,
    StringArray,
}

/// One rule-set parameter, with its Rust names.
struct Param {
    name: String,
    kind: Kind,
    required: bool,
    default: Option<Value>,
    built_in: Option<String>,
    docs: Option<String>,
    field: String,
    setter: String,
    set: String,
}

impl Param {
    /// The field is a plain value when the parameter is required or has a default.
    fn plain(&self) -> bool {
        self.required || self.default.is_some()
    }

    fn value_ty(&self) -> TokenStream {
        match self.kind {
            Kind::String => quote!(::String),
            Kind::Bool => quote!(bool),
            Kind::StringArray => quote!(::Vec<::String>),
        }
    }
}

pub fn emit(krate: &Crate, files: &mut BTreeMap<String, String>) -> Result<()> {
    let rule_set = match &krate.service.endpoint_rules {
        Some(rules) => rules.clone(),
        None => fallback_rule_set(krate),
    };
    // The crate's client could never resolve an endpoint with a rule set the engine rejects.
    crate::endpoint_engine::RuleSet::from_value(&rule_set).map_err(|e| {
        Error::model(format!("`{}`: smithy.rules#endpointRuleSet cannot be used: {}", krate.service.id, e.message()))
    })?;
    let params = params(&rule_set)?;
    let rule_set_text = serde_json::to_string(&rule_set)
        .map_err(|e| Error::model(format!("internal error: cannot print the endpoint rule set: {e}")))?;
    let tests = krate.service.endpoint_tests.as_ref().filter(|_| krate.service.endpoint_rules.is_some());
    let test_cases = tests.map(|t| test_cases(&rule_set, t, &params)).unwrap_or_default();

    files.insert("src/endpoint.rs".to_string(), render("src/endpoint.rs", endpoint_rs(krate, &params, &rule_set, &rule_set_text, !test_cases.is_empty()))?);
    if !test_cases.is_empty() {
        files.insert("src/endpoint/tests.rs".to_string(), render("src/endpoint/tests.rs", tests_rs(&test_cases))?);
    }
    Ok(())
}

/// For a model without a rule set: the usual AWS rules (a custom endpoint, or
/// `https://{prefix}.{Region}.{dnsSuffix}`, with FIPS and dual-stack variants).
fn fallback_rule_set(krate: &Crate) -> Value {
    let prefix = krate
        .service
        .signing_name
        .clone()
        .or_else(|| krate.service.sdk_id.as_ref().map(|s| s.to_ascii_lowercase().replace(' ', "-")))
        .unwrap_or_else(|| krate.service.shape_name.to_ascii_lowercase());
    let host = |fips: &str, suffix: &str| format!("https://{prefix}{fips}.{{Region}}.{{PartitionResult#{suffix}}}");
    let flag = |name: &str, value: bool| json!({"fn": "booleanEquals", "argv": [{"ref": name}, value]});
    json!({
        "version": "1.0",
        "parameters": {
            "Region": {"builtIn": "AWS::Region", "required": false, "type": "String",
                "documentation": "The AWS region used to dispatch the request."},
            "UseDualStack": {"builtIn": "AWS::UseDualStack", "required": true, "default": false, "type": "Boolean",
                "documentation": "When true, use the dual-stack endpoint."},
            "UseFIPS": {"builtIn": "AWS::UseFIPS", "required": true, "default": false, "type": "Boolean",
                "documentation": "When true, send this request to the FIPS-compliant regional endpoint."},
            "Endpoint": {"builtIn": "SDK::Endpoint", "required": false, "type": "String",
                "documentation": "Override the endpoint used to send this request."}
        },
        "rules": [
            {"type": "tree", "conditions": [{"fn": "isSet", "argv": [{"ref": "Endpoint"}]}], "rules": [
                {"type": "error", "conditions": [flag("UseFIPS", true)],
                    "error": "Invalid Configuration: FIPS and custom endpoint are not supported"},
                {"type": "error", "conditions": [flag("UseDualStack", true)],
                    "error": "Invalid Configuration: Dualstack and custom endpoint are not supported"},
                {"type": "endpoint", "conditions": [], "endpoint": {"url": {"ref": "Endpoint"}, "properties": {}, "headers": {}}}
            ]},
            {"type": "tree", "conditions": [
                {"fn": "isSet", "argv": [{"ref": "Region"}]},
                {"fn": "aws.partition", "argv": [{"ref": "Region"}], "assign": "PartitionResult"}
            ], "rules": [
                {"type": "endpoint", "conditions": [flag("UseFIPS", true), flag("UseDualStack", true)],
                    "endpoint": {"url": host("-fips", "dualStackDnsSuffix"), "properties": {}, "headers": {}}},
                {"type": "endpoint", "conditions": [flag("UseFIPS", true)],
                    "endpoint": {"url": host("-fips", "dnsSuffix"), "properties": {}, "headers": {}}},
                {"type": "endpoint", "conditions": [flag("UseDualStack", true)],
                    "endpoint": {"url": host("", "dualStackDnsSuffix"), "properties": {}, "headers": {}}},
                {"type": "endpoint", "conditions": [],
                    "endpoint": {"url": host("", "dnsSuffix"), "properties": {}, "headers": {}}}
            ]},
            {"type": "error", "conditions": [], "error": "Invalid Configuration: Missing Region"}
        ]
    })
}

fn params(rule_set: &Value) -> Result<Vec<Param>> {
    let Some(map) = rule_set.get("parameters").and_then(Value::as_object) else { return Ok(Vec::new()) };
    let mut out = Vec::new();
    for (name, p) in map {
        let kind = match p.get("type").and_then(Value::as_str).map(str::to_ascii_lowercase).as_deref() {
            Some("string") => Kind::String,
            Some("boolean") => Kind::Bool,
            Some("stringarray") => Kind::StringArray,
            other => {
                return Err(Error::model(format!(
                    "smithy.rules#endpointRuleSet: parameter `{name}` has an unknown type {other:?}"
                )))
            }
        };
        let default = p.get("default").filter(|v| !v.is_null()).cloned();
        if let Some(d) = &default {
            let ok = match kind {
                Kind::String => d.is_string(),
                Kind::Bool => d.is_boolean(),
                Kind::StringArray => d.as_array().is_some_and(|a| a.iter().all(Value::is_string)),
            };
            if !ok {
                return Err(Error::model(format!(
                    "smithy.rules#endpointRuleSet: the default of parameter `{name}` does not match its type"
                )));
            }
        }
        out.push(Param {
            name: name.clone(),
            kind,
            required: p.get("required").and_then(Value::as_bool).unwrap_or(false),
            default,
            built_in: p.get("builtIn").and_then(Value::as_str).map(str::to_string),
            docs: p.get("documentation").and_then(Value::as_str).map(str::to_string),
            field: String::new(),
            setter: String::new(),
            set: String::new(),
        });
    }
    // Field names: snake_case, made unique.
    let mut taken = HashSet::new();
    for p in &mut out {
        let mut field = snake_name(&p.name);
        while !taken.insert(unraw(&field).to_string()) {
            field = format!("{}_value", unraw(&field));
        }
        p.field = field;
    }
    let fields: Vec<String> = out.iter().map(|p| p.field.clone()).collect();
    for (p, (setter, set)) in out.iter_mut().zip(builder_methods(&fields)) {
        p.setter = setter;
        p.set = set;
    }
    Ok(out)
}

/// Plain-text documentation from the rule set, as Markdown that reads literally.
fn plain_docs(text: &str) -> String {
    let escaped = text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
    crate::docs::html_to_markdown(&escaped)
}

fn param_docs(p: &Param) -> String {
    let mut text = match &p.docs {
        Some(d) if !d.trim().is_empty() => plain_docs(d),
        _ => format!("The `{}` parameter.", p.name),
    };
    let mut facts = vec![format!("Rule-set parameter `{}`", p.name)];
    if let Some(b) = &p.built_in {
        facts.push(format!("built-in `{b}`"));
    }
    if let Some(d) = &p.default {
        facts.push(format!("default `{d}`"));
    } else if p.required {
        facts.push("required".to_string());
    }
    text.push_str(&format!("\n\n{}.", facts.join("; ")));
    text
}

fn default_expr(value: &Value) -> TokenStream {
    match value {
        Value::Bool(b) => quote!(#b),
        Value::String(s) => quote!(::String::from(#s)),
        Value::Array(items) => {
            let items = items.iter().filter_map(Value::as_str);
            quote!(::std::vec![#(::String::from(#items)),*])
        }
        _ => quote!(::Default::default()),
    }
}

fn endpoint_rs(krate: &Crate, params: &[Param], rule_set_value: &Value, rule_set: &str, has_tests: bool) -> TokenStream {
    let source = if krate.service.endpoint_rules.is_some() {
        "the model's endpoint rule set (`smithy.rules#endpointRuleSet`)"
    } else {
        "the usual AWS endpoint rules (the model has no `smithy.rules#endpointRuleSet`)"
    };
    let module_doc = [
        format!(" Endpoint resolution: the URL to send requests to, from {source}."),
        String::new(),
        " Fill [`Params`] (usually from the client's configuration) and call [`resolve`]; the".to_string(),
        " [`Endpoint`] gives the URL, any headers to send, and the signing region and name the".to_string(),
        " rules choose. The rules are evaluated by an interpreter and parsed once, on first use.".to_string(),
    ];
    let mut module_doc = module_doc.to_vec();
    let region = params.iter().find(|p| p.built_in.as_deref() == Some("AWS::Region") && p.kind == Kind::String);
    if let Some(region) = region {
        let lib = &krate.lib_name;
        // The example shows what the engine resolves here, so it is only shown when it does.
        let example_params = BTreeMap::from([(region.name.clone(), json!("us-east-1"))]);
        let url = crate::endpoint_engine::RuleSet::from_value(rule_set_value)
            .and_then(|rules| rules.resolve(&example_params))
            .map(|e| e.url().to_string());
        if let Ok(url) = url {
            module_doc.extend([
                String::new(),
                " ```".to_string(),
                format!(" use {lib}::endpoint::{{resolve, Params}};"),
                String::new(),
                format!(" let params = Params::builder().{}(\"us-east-1\").build()?;", unraw(&region.setter)),
                " let endpoint = resolve(&params)?;".to_string(),
                format!(" assert_eq!(endpoint.url(), {url:?});"),
                format!(" # Ok::<(), {lib}::endpoint::ResolveError>(())"),
                " ```".to_string(),
            ]);
        }
    }
    let module_doc = module_doc.iter().map(|l| quote!(#![doc = #l]));

    let fields = params.iter().map(|p| {
        let f = ident(&p.field);
        let t = p.value_ty();
        let t = if p.plain() { t } else { quote!(::Option<#t>) };
        let d = doc(&param_docs(p));
        quote!(#d pub #f: #t,)
    });
    let builder_fields = params.iter().map(|p| {
        let f = ident(&p.field);
        let t = p.value_ty();
        quote!(#f: ::Option<#t>,)
    });
    let setters = params.iter().map(|p| {
        let f = ident(&p.field);
        let setter = ident(&p.setter);
        let set = ident(&p.set);
        let t = p.value_ty();
        let d1 = format!(" Sets `{}`.", p.name);
        let d2 = format!(" Sets or clears `{}`.", p.name);
        let (arg, conv) = match p.kind {
            Kind::String => (quote!(impl ::Into<::String>), quote!(value.into())),
            Kind::Bool => (quote!(bool), quote!(value)),
            Kind::StringArray => (
                quote!(impl ::std::iter::IntoIterator<Item = impl ::Into<::String>>),
                quote!(value.into_iter().map(::Into::into).collect()),
            ),
        };
        quote! {
            #[doc = #d1]
            pub fn #setter(mut self, value: #arg) -> Self {
                self.#f = ::Option::Some(#conv);
                self
            }
            #[doc = #d2]
            pub fn #set(mut self, value: ::Option<#t>) -> Self {
                self.#f = value;
                self
            }
        }
    });
    let build_fields = params.iter().map(|p| {
        let f = ident(&p.field);
        match (&p.default, p.required) {
            (Some(Value::Bool(b)), _) => quote!(#f: self.#f.unwrap_or(#b),),
            (Some(d), _) => {
                let d = default_expr(d);
                quote!(#f: self.#f.unwrap_or_else(|| #d),)
            }
            (None, true) => {
                let msg = format!("the required parameter `{}` is not set", p.name);
                quote!(#f: self.#f.ok_or_else(|| ResolveError::new(ResolveErrorKind::MissingParameter, #msg))?,)
            }
            (None, false) => quote!(#f: self.#f,),
        }
    });
    let values = params.iter().map(|p| {
        let f = ident(&p.field);
        let name = &p.name;
        let value = if p.kind == Kind::Bool && p.plain() { quote!(params.#f) } else { quote!(params.#f.clone()) };
        quote!(values.insert(::String::from(#name), ::serde_json::Value::from(#value));)
    });
    let builtin_sets = params.iter().filter_map(|p| {
        let set = ident(&p.set);
        let value = match (p.built_in.as_deref()?, p.kind) {
            ("AWS::Region", Kind::String) => quote!(b.region.clone()),
            ("SDK::Endpoint", Kind::String) => quote!(b.endpoint.clone()),
            ("AWS::UseFIPS", Kind::Bool) => quote!(::Option::Some(b.use_fips)),
            ("AWS::UseDualStack", Kind::Bool) => quote!(::Option::Some(b.use_dual_stack)),
            _ => return None,
        };
        Some(quote!(.#set(#value)))
    });
    let uses_b = params.iter().any(|p| {
        matches!(
            (p.built_in.as_deref(), p.kind),
            (Some("AWS::Region" | "SDK::Endpoint"), Kind::String) | (Some("AWS::UseFIPS" | "AWS::UseDualStack"), Kind::Bool)
        )
    });
    let b_arg = if uses_b { quote!(b) } else { quote!(_b) };
    let rule_set_literal = raw_string(rule_set);
    let tests_mod = has_tests.then(|| quote!(#[cfg(test)] mod tests;));
    let derive_eq = quote!(#[derive(::Clone, ::Debug, ::Default, ::PartialEq, ::Eq, ::Hash)]);
    let params_derive = quote!(#[derive(::Clone, ::Debug, ::PartialEq, ::Eq, ::Hash)]);

    quote! {
        #(#module_doc)*

        #tests_mod

        pub use ::smithy_codegen_runtime::endpoint::{BuiltIns, Endpoint, ResolveError, ResolveErrorKind};

        /// The rule set, as JSON.
        const RULE_SET: &str = #rule_set_literal;

        /// The rule set, parsed on first use by the runtime's interpreter.
        static RULES: ::LazyLock<::Result<::smithy_codegen_runtime::endpoint::RuleSet, ResolveError>> =
            ::LazyLock::new(|| ::smithy_codegen_runtime::endpoint::RuleSet::from_json(RULE_SET));

        /// The values the endpoint rules read. Build one with [`Params::builder`], which fills
        /// in the rule set's defaults.
        #params_derive
        #[non_exhaustive]
        pub struct Params {
            #(#fields)*
        }

        impl Params {
            /// A builder for [`Params`].
            pub fn builder() -> ParamsBuilder {
                ParamsBuilder::default()
            }
        }

        /// A builder for [`Params`].
        #derive_eq
        pub struct ParamsBuilder {
            #(#builder_fields)*
        }

        impl ParamsBuilder {
            #(#setters)*

            /// The parameters, with the rule set's defaults for those not set; fails if a
            /// required parameter without a default is not set.
            pub fn build(self) -> ::Result<Params, ResolveError> {
                ::Result::Ok(Params { #(#build_fields)* })
            }
        }

        /// Resolves the endpoint for the given parameters.
        pub fn resolve(params: &Params) -> ::Result<Endpoint, ResolveError> {
            let rules = RULES.as_ref().map_err(::Clone::clone)?;
            #[allow(unused_mut)]
            let mut values = ::std::collections::BTreeMap::new();
            #(#values)*
            rules.resolve(&values)
        }

        /// Resolves the endpoint with each parameter taken from its built-in (`AWS::Region`,
        /// `AWS::UseFIPS`, `AWS::UseDualStack`, `SDK::Endpoint`); the others get their defaults.
        pub fn resolve_builtins(#b_arg: &BuiltIns) -> ::Result<Endpoint, ResolveError> {
            let params = Params::builder() #(#builtin_sets)* .build()?;
            resolve(&params)
        }
    }
}

/// One generated test: its name and body.
struct TestCase {
    name: String,
    docs: TokenStream,
    /// `#[ignore = "..."]` for a case the bundled data contradicts.
    ignore: Option<TokenStream>,
    body: TokenStream,
}

/// The test cases, each checked here first with the same engine: a case whose expectation
/// the bundled partition data contradicts (the models' tests were written against older
/// data) is emitted `#[ignore]`d, with the reason.
fn test_cases(rule_set: &Value, tests: &Value, params: &[Param]) -> Vec<TestCase> {
    let Some(cases) = tests.get("testCases").and_then(Value::as_array) else { return Vec::new() };
    let engine = crate::endpoint_engine::RuleSet::from_value(rule_set).ok();
    let mut taken: HashSet<String> = HashSet::new();
    let mut out = Vec::new();
    for (i, case) in cases.iter().enumerate() {
        let Some(body) = test_body(case, params) else { continue };
        let documentation = case.get("documentation").and_then(Value::as_str).unwrap_or_default();
        let mut base = unraw(&snake_name(documentation)).trim_matches('_').to_string();
        if base.len() > 80 {
            base.truncate(80);
            base = base.trim_end_matches('_').to_string();
        }
        if base.is_empty() || base == "value" {
            base = format!("case_{}", i + 1);
        }
        if base.starts_with(|c: char| c.is_ascii_digit()) || snake_name(&base) != base {
            // A leading digit, or a keyword.
            base = format!("case_{base}");
        }
        let mut name = base.clone();
        let mut n = 2;
        while !taken.insert(name.clone()) || matches!(name.as_str(), "check_endpoint" | "check_error" | "resolve") {
            name = format!("{base}_{n}");
            n += 1;
        }
        let docs = if documentation.is_empty() { format!("Case {}.", i + 1) } else { plain_docs(documentation) };
        let docs = doc(&docs);
        let outcome = match &engine {
            Some(engine) => crate::endpoint_engine::check_case(engine, case),
            None => Err("the rule set does not parse".to_string()),
        };
        let ignore = if let Err(why) = outcome {
            let mut why: String = why.chars().filter(|c| !c.is_control()).collect();
            if why.chars().count() > 300 {
                why = why.chars().take(300).collect::<String>() + "...";
            }
            let reason = format!("disagrees with the bundled endpoint engine or partition data: {why}");
            Some(quote!(#[ignore = #reason]))
        } else {
            None
        };
        out.push(TestCase { name, docs, ignore, body });
    }
    out
}

/// The statements of one test; `None` if a parameter value does not fit the rule set (the
/// case cannot be expressed with [`Params`]).
fn test_body(case: &Value, params: &[Param]) -> Option<TokenStream> {
    let mut setters = Vec::new();
    if let Some(values) = case.get("params").and_then(Value::as_object) {
        for (name, value) in values {
            let p = params.iter().find(|p| &p.name == name)?;
            let setter = ident(&p.setter);
            let arg = match (p.kind, value) {
                (_, Value::Null) => continue,
                (Kind::String, Value::String(s)) => quote!(#s),
                (Kind::Bool, Value::Bool(b)) => quote!(#b),
                (Kind::StringArray, Value::Array(items)) => {
                    let items = items.iter().map(Value::as_str).collect::<Option<Vec<_>>>()?;
                    quote!(::Vec::<&str>::from([#(#items),*]))
                }
                _ => return None,
            };
            setters.push(quote!(.#setter(#arg)));
        }
    }
    let result = quote!(Params::builder() #(#setters)* .build().and_then(|params| resolve(&params)));
    let expect = case.get("expect")?;
    if let Some(message) = expect.get("error") {
        let message = message.as_str()?;
        return Some(quote!(check_error(#result, #message);));
    }
    let endpoint = expect.get("endpoint")?;
    let url = endpoint.get("url")?.as_str()?;
    let mut headers = Vec::new();
    if let Some(h) = endpoint.get("headers") {
        for (name, values) in h.as_object()? {
            let values = values.as_array()?.iter().map(Value::as_str).collect::<Option<Vec<_>>>()?;
            headers.push(quote!((#name, &[#(#values),*] as &[&str])));
        }
    }
    let properties = endpoint.get("properties").cloned().unwrap_or_else(|| json!({}));
    if !properties.is_object() {
        return None;
    }
    let properties = serde_json::to_string(&properties).ok()?;
    Some(quote!(check_endpoint(#result, #url, &[#(#headers),*], #properties);))
}

fn tests_rs(cases: &[TestCase]) -> TokenStream {
    let functions = cases.iter().map(|c| {
        let name = format_ident!("{}", c.name);
        let (docs, ignore, body) = (&c.docs, &c.ignore, &c.body);
        quote! {
            #docs
            #[test]
            #ignore
            fn #name() {
                #body
            }
        }
    });
    quote! {
        #![doc = " The model's endpoint test cases (`smithy.rules#endpointTests`), one test each."]

        use super::{resolve, Endpoint, Params, ResolveError, ResolveErrorKind};

        /// Asserts that resolving gave `url`, exactly these headers, and these properties (JSON).
        #[track_caller]
        fn check_endpoint(result: ::Result<Endpoint, ResolveError>, url: &str, headers: &[(&str, &[&str])], properties: &str) {
            let endpoint = match result {
                ::Result::Ok(endpoint) => endpoint,
                ::Result::Err(e) => ::std::panic!("expected {url}, got the error: {e}"),
            };
            ::std::assert_eq!(endpoint.url(), url);
            let headers: ::std::collections::BTreeMap<::String, ::Vec<::String>> = headers
                .iter()
                .map(|(name, values)| (name.to_string(), values.iter().map(|v| v.to_string()).collect()))
                .collect();
            ::std::assert_eq!(endpoint.headers(), &headers);
            let properties: ::serde_json::Value = ::serde_json::from_str(properties).expect("the expected properties are JSON");
            ::std::assert_eq!(&::serde_json::Value::Object(endpoint.properties().clone()), &properties);
        }

        /// Asserts that resolving failed with the rule set's error `message`.
        #[track_caller]
        fn check_error(result: ::Result<Endpoint, ResolveError>, message: &str) {
            match result {
                ::Result::Ok(endpoint) => ::std::panic!("expected the error {message:?}, got {}", endpoint.url()),
                ::Result::Err(e) => {
                    ::std::assert_eq!(e.kind(), ResolveErrorKind::Rule, "{e}");
                    ::std::assert_eq!(e.message(), message);
                }
            }
        }

        #(#functions)*
    }
}

/// A raw string literal (`r#"..."#`) for `text`, with enough `#`s.
fn raw_string(text: &str) -> TokenStream {
    let mut hashes = 1;
    while text.contains(&format!("\"{}", "#".repeat(hashes))) {
        hashes += 1;
    }
    let h = "#".repeat(hashes);
    let literal = format!("r{h}\"{text}\"{h}");
    match literal.parse::<proc_macro2::Literal>() {
        Ok(lit) => quote!(#lit),
        Err(_) => quote!(#text),
    }
}

#[cfg(test)]
mod tests {
    use crate::endpoint_engine::RuleSet;
    use serde_json::{json, Value};
    use std::collections::BTreeMap;

    const MWAA: &str = include_str!("../../../model/mwaa-serverless-2024-07-26.json");

    #[test]
    fn mwaa_serverless_gets_the_module_the_engine_and_nine_tests() {
        let files = crate::generate(MWAA, &crate::Settings::default()).unwrap();
        let endpoint = &files["src/endpoint.rs"];
        assert!(endpoint.contains("pub struct Params"));
        assert!(endpoint.contains("pub use_fips: bool,"));
        assert!(endpoint.contains("pub region: Option<String>,"));
        assert!(endpoint.contains("pub fn resolve_builtins(b: &BuiltIns)"));
        assert!(!files.contains_key("src/endpoint/rules.rs"));
        let tests = &files["src/endpoint/tests.rs"];
        assert_eq!(tests.matches("#[test]").count(), 9);
        assert!(!tests.contains("#[ignore"));
        assert!(tests.contains("fn for_custom_endpoint_with_fips_enabled()"));
    }

    #[test]
    fn the_fallback_rule_set_resolves_the_usual_aws_endpoints() {
        let mut model: Value = serde_json::from_str(MWAA).unwrap();
        let shapes = model["shapes"].as_object_mut().unwrap();
        let service = shapes.values_mut().find(|s| s["type"] == "service").unwrap();
        let traits = service["traits"].as_object_mut().unwrap();
        traits.remove("smithy.rules#endpointRuleSet");
        traits.remove("smithy.rules#endpointTests");
        let files = crate::generate(&model.to_string(), &crate::Settings::default()).unwrap();
        assert!(!files.contains_key("src/endpoint/tests.rs"));
        assert!(files["src/endpoint.rs"].contains("pub use_dual_stack: bool,"));

        let model = crate::model::load(&model.to_string()).unwrap();
        let krate = crate::ir::resolve(&model, &crate::Settings::default()).unwrap();
        let rules = RuleSet::from_value(&super::fallback_rule_set(&krate)).unwrap();
        let url = |params: Value| {
            let params: BTreeMap<String, Value> = serde_json::from_value(params).unwrap();
            rules.resolve(&params).map(|e| e.url().to_string()).map_err(|e| e.message().to_string())
        };
        assert_eq!(url(json!({"Region": "us-west-2"})).unwrap(), "https://airflow-serverless.us-west-2.amazonaws.com");
        assert_eq!(url(json!({"Region": "cn-north-1", "UseFIPS": true})).unwrap(), "https://airflow-serverless-fips.cn-north-1.amazonaws.com.cn");
        assert_eq!(url(json!({"Region": "us-east-1", "UseDualStack": true})).unwrap(), "https://airflow-serverless.us-east-1.api.aws");
        assert_eq!(url(json!({"Endpoint": "http://localhost:8080"})).unwrap(), "http://localhost:8080");
        assert_eq!(url(json!({})).unwrap_err(), "Invalid Configuration: Missing Region");
    }

    #[test]
    fn a_rule_set_the_engine_rejects_is_a_generation_error() {
        let mut model: Value = serde_json::from_str(MWAA).unwrap();
        let shapes = model["shapes"].as_object_mut().unwrap();
        let service = shapes.values_mut().find(|s| s["type"] == "service").unwrap();
        service["traits"]["smithy.rules#endpointRuleSet"] = json!({"version": "1.0", "parameters": {}, "rules": [{"type": "bogus"}]});
        let e = crate::generate(&model.to_string(), &crate::Settings::default()).unwrap_err();
        assert!(e.to_string().contains("smithy.rules#endpointRuleSet cannot be used"), "{e}");
    }
}
