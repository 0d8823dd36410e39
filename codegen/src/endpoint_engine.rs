//! Running a model's `smithy.rules#endpointTests` against its `smithy.rules#endpointRuleSet`
//! with the runtime crate's rules engine (the one generated clients use), without generating
//! and building a crate.

pub use smithy_codegen_runtime::endpoint::{Endpoint, Partitions, ResolveError, ResolveErrorKind, RuleSet};

use serde_json::Value;
use std::collections::BTreeMap;

/// What running a model's endpoint test cases found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TestReport {
    /// Cases whose result matched the expectation.
    pub passed: usize,
    /// Cases whose result did not.
    pub failed: usize,
    /// Cases that also give `operationInputs` (context parameters from an operation's input);
    /// they are evaluated with their `params` alone.
    pub with_operation_inputs: usize,
    /// A description of each failure: service, case documentation, expected and actual.
    pub failures: Vec<String>,
}

impl TestReport {
    fn add(&mut self, other: TestReport) {
        self.passed += other.passed;
        self.failed += other.failed;
        self.with_operation_inputs += other.with_operation_inputs;
        self.failures.extend(other.failures);
    }
}

/// Runs every endpoint test case of every service in a Smithy JSON AST model that has an
/// endpoint rule set, with the bundled partition data. A rule set that cannot be parsed
/// fails all of its cases.
pub fn run_model_tests(model: &Value) -> TestReport {
    run_model_tests_with(model, None)
}

/// [`run_model_tests`] with the given partition data (`None`: the bundled one).
pub fn run_model_tests_with(model: &Value, partitions: Option<&Partitions>) -> TestReport {
    let mut report = TestReport::default();
    let Some(shapes) = model.get("shapes").and_then(Value::as_object) else { return report };
    for (id, shape) in shapes {
        if shape.get("type").and_then(Value::as_str) != Some("service") {
            continue;
        }
        let traits = shape.get("traits");
        let (Some(rules), Some(tests)) = (
            traits.and_then(|t| t.get("smithy.rules#endpointRuleSet")),
            traits.and_then(|t| t.get("smithy.rules#endpointTests")),
        ) else {
            continue;
        };
        let mut one = run_tests_with(rules, tests, partitions);
        for failure in &mut one.failures {
            *failure = format!("{id}: {failure}");
        }
        report.add(one);
    }
    report
}

/// Runs the test cases (`smithy.rules#endpointTests`) against a rule set
/// (`smithy.rules#endpointRuleSet`).
pub fn run_tests(rule_set: &Value, tests: &Value) -> TestReport {
    run_tests_with(rule_set, tests, None)
}

/// [`run_tests`] with the given partition data (`None`: the bundled one).
pub fn run_tests_with(rule_set: &Value, tests: &Value, partitions: Option<&Partitions>) -> TestReport {
    let mut report = TestReport::default();
    let cases = tests.get("testCases").and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default();
    let parsed = RuleSet::from_value(rule_set);
    for case in cases {
        if case.get("operationInputs").is_some() {
            report.with_operation_inputs += 1;
        }
        let outcome = match &parsed {
            Ok(rules) => check_case_with(rules, case, partitions),
            Err(e) => Err(format!("the rule set does not parse: {e}")),
        };
        match outcome {
            Ok(()) => report.passed += 1,
            Err(why) => {
                report.failed += 1;
                let doc = case.get("documentation").and_then(Value::as_str).unwrap_or("(undocumented)");
                report.failures.push(format!("{doc}: {why}"));
            }
        }
    }
    report
}

/// The parameter values of a test case, as the engine takes them.
pub fn case_params(case: &Value) -> BTreeMap<String, Value> {
    case.get("params")
        .and_then(Value::as_object)
        .map(|p| p.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
        .unwrap_or_default()
}

/// Runs one test case; `Err` says how the result differs from the expectation.
pub fn check_case(rules: &RuleSet, case: &Value) -> Result<(), String> {
    check_case_with(rules, case, None)
}

/// [`check_case`] with the given partition data (`None`: the bundled one).
pub fn check_case_with(rules: &RuleSet, case: &Value, partitions: Option<&Partitions>) -> Result<(), String> {
    let params = case_params(case);
    let result = match partitions {
        Some(p) => rules.resolve_with_partitions(&params, p),
        None => rules.resolve(&params),
    };
    let expect = case.get("expect").ok_or("the case has no `expect`")?;
    if let Some(message) = expect.get("error") {
        let message = message.as_str().ok_or("`expect.error` is not a string")?;
        return match result {
            Err(e) if e.kind() == ResolveErrorKind::Rule && e.message() == message => Ok(()),
            Err(e) => Err(format!("expected error {message:?}, got error {:?}", e.to_string())),
            Ok(endpoint) => Err(format!("expected error {message:?}, got endpoint {:?}", endpoint.url())),
        };
    }
    let want = expect.get("endpoint").ok_or("`expect` has neither `endpoint` nor `error`")?;
    let endpoint = result.map_err(|e| format!("expected an endpoint, got error {:?}", e.to_string()))?;
    compare_endpoint(&endpoint, want)
}

/// Compares a resolved endpoint with a test case's `expect.endpoint`; absent headers or
/// properties are expected to be empty.
pub fn compare_endpoint(endpoint: &Endpoint, want: &Value) -> Result<(), String> {
    let url = want.get("url").and_then(Value::as_str).unwrap_or_default();
    if endpoint.url() != url {
        return Err(format!("expected URL {url:?}, got {:?}", endpoint.url()));
    }
    let want_headers: BTreeMap<String, Vec<String>> = match want.get("headers") {
        Some(h) => serde_json::from_value(h.clone()).map_err(|e| format!("bad `headers` expectation: {e}"))?,
        None => BTreeMap::new(),
    };
    if endpoint.headers() != &want_headers {
        return Err(format!("expected headers {want_headers:?}, got {:?}", endpoint.headers()));
    }
    let want_props = want.get("properties").and_then(Value::as_object).cloned().unwrap_or_default();
    if endpoint.properties() != &want_props {
        return Err(format!(
            "expected properties {}, got {}",
            Value::Object(want_props),
            Value::Object(endpoint.properties().clone())
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// Evaluates one function call through a rule set: the call is a condition whose result
    /// is assigned and returned as a property; `None` when the condition fails (unset/false).
    fn call(f: Value) -> Option<Value> {
        call_with(f, json!({}), BTreeMap::new())
    }

    fn call_with(mut f: Value, parameters: Value, params: BTreeMap<String, Value>) -> Option<Value> {
        f["assign"] = json!("r");
        let rules = json!({
            "version": "1.0",
            "parameters": parameters,
            "rules": [{"type": "endpoint", "conditions": [f],
                "endpoint": {"url": "https://x", "properties": {"r": {"ref": "r"}}, "headers": {}}}]
        });
        match RuleSet::from_value(&rules).expect("parses").resolve(&params) {
            Ok(endpoint) => Some(endpoint.properties()["r"].clone()),
            Err(e) if e.kind() == ResolveErrorKind::NoMatch => None,
            Err(e) => panic!("unexpected error: {e}"),
        }
    }

    fn fun(name: &str, argv: Value) -> Value {
        json!({"fn": name, "argv": argv})
    }

    fn resolve(rules: Value, params: Value) -> Result<Endpoint, ResolveError> {
        let params: BTreeMap<String, Value> = serde_json::from_value(params).unwrap();
        RuleSet::from_value(&rules)?.resolve(&params)
    }

    #[test]
    fn mwaa_serverless_cases_all_pass() {
        let model: Value = serde_json::from_str(include_str!("../../model/mwaa-serverless-2024-07-26.json")).unwrap();
        let report = run_model_tests(&model);
        assert_eq!(report.failures, Vec::<String>::new());
        assert_eq!((report.passed, report.failed, report.with_operation_inputs), (9, 0, 0));
    }

    #[test]
    fn a_failing_case_is_reported() {
        let rules = json!({"version": "1.0", "parameters": {}, "rules": [
            {"type": "endpoint", "conditions": [], "endpoint": {"url": "https://a"}}]});
        let tests = json!({"testCases": [
            {"documentation": "right", "params": {}, "expect": {"endpoint": {"url": "https://a"}}},
            {"documentation": "wrong", "params": {}, "expect": {"endpoint": {"url": "https://b"}}},
            {"documentation": "not an error", "params": {}, "expect": {"error": "nope"}},
            {"documentation": "headers", "params": {}, "operationInputs": [],
                "expect": {"endpoint": {"url": "https://a", "headers": {"x": ["1"]}}}}
        ]});
        let report = run_tests(&rules, &tests);
        assert_eq!((report.passed, report.failed, report.with_operation_inputs), (1, 3, 1));
        assert!(report.failures[0].starts_with("wrong: expected URL \"https://b\""), "{:?}", report.failures);
    }

    #[test]
    fn error_rules_give_their_message_and_templates_fill_in() {
        let rules = json!({"version": "1.0",
            "parameters": {"Region": {"type": "String", "required": false}},
            "rules": [
                {"type": "error", "conditions": [{"fn": "isSet", "argv": [{"ref": "Region"}]},
                    {"fn": "stringEquals", "argv": [{"ref": "Region"}, "bad"]}],
                    "error": "Region {Region} is {{not}} supported"},
                {"type": "endpoint", "conditions": [{"fn": "isSet", "argv": [{"ref": "Region"}]}],
                    "endpoint": {"url": "https://svc.{Region}.example.com/{{literal}}",
                        "headers": {"x-a": ["{Region}", "b"]},
                        "properties": {"authSchemes": [{"name": "sigv4a", "signingName": "other"},
                            {"name": "sigv4", "signingName": "svc", "signingRegion": "{Region}"}],
                            "nested": {"flag": true}}}},
                {"type": "error", "conditions": [], "error": "Missing Region"}
            ]});
        let e = resolve(rules.clone(), json!({"Region": "bad"})).unwrap_err();
        assert_eq!((e.kind(), e.message()), (ResolveErrorKind::Rule, "Region bad is {not} supported"));
        assert_eq!(e.to_string(), "Region bad is {not} supported");
        let e = resolve(rules.clone(), json!({})).unwrap_err();
        assert_eq!(e.message(), "Missing Region");
        let ep = resolve(rules, json!({"Region": "eu-west-1"})).unwrap();
        assert_eq!(ep.url(), "https://svc.eu-west-1.example.com/{literal}");
        assert_eq!(ep.headers()["x-a"], vec!["eu-west-1".to_string(), "b".to_string()]);
        assert_eq!(ep.signing_region(), Some("eu-west-1"));
        assert_eq!(ep.signing_name(), Some("svc"));
        assert_eq!(ep.properties()["nested"], json!({"flag": true}));
    }

    #[test]
    fn parameters_defaults_required_and_types() {
        let rules = json!({"version": "1.0",
            "parameters": {
                "Flag": {"type": "Boolean", "required": true, "default": true},
                "Name": {"type": "string", "required": true},
                "List": {"type": "stringArray", "required": false}},
            "rules": [{"type": "endpoint", "conditions": [
                    {"fn": "booleanEquals", "argv": [{"ref": "Flag"}, true]},
                    {"fn": "getAttr", "argv": [{"ref": "List"}, "[1]"], "assign": "second"}],
                "endpoint": {"url": "https://{Name}.{second}"}},
                {"type": "endpoint", "conditions": [], "endpoint": {"url": "https://{Name}"}}]});
        assert_eq!(resolve(rules.clone(), json!({"Name": "n", "List": ["a", "b"]})).unwrap().url(), "https://n.b");
        assert_eq!(resolve(rules.clone(), json!({"Name": "n", "List": ["a"]})).unwrap().url(), "https://n");
        assert_eq!(resolve(rules.clone(), json!({"Name": "n", "Flag": false, "List": ["a", "b"]})).unwrap().url(), "https://n");
        let e = resolve(rules.clone(), json!({})).unwrap_err();
        assert_eq!(e.kind(), ResolveErrorKind::MissingParameter);
        let e = resolve(rules, json!({"Name": true})).unwrap_err();
        assert_eq!(e.kind(), ResolveErrorKind::InvalidParameter);
    }

    #[test]
    fn assignments_are_scoped_to_their_rule() {
        let rules = json!({"version": "1.0", "parameters": {},
            "rules": [
                {"type": "tree", "conditions": [], "rules": [
                    {"type": "endpoint", "conditions": [
                        {"fn": "parseURL", "argv": ["https://a"], "assign": "u"},
                        {"fn": "booleanEquals", "argv": [true, false]}],
                     "endpoint": {"url": "https://no"}},
                    {"type": "endpoint", "conditions": [], "endpoint": {"url": "https://{u#authority}"}}]}]});
        // `u` was assigned in a rule that did not match, so it is unknown afterwards.
        let e = resolve(rules, json!({})).unwrap_err();
        assert_eq!(e.kind(), ResolveErrorKind::InvalidRuleSet, "{e}");
    }

    #[test]
    fn an_exhausted_tree_is_an_error() {
        let rules = json!({"version": "1.0", "parameters": {}, "rules": [
            {"type": "tree", "conditions": [], "rules": [
                {"type": "endpoint", "conditions": [{"fn": "booleanEquals", "argv": [true, false]}],
                 "endpoint": {"url": "https://no"}}]},
            {"type": "endpoint", "conditions": [], "endpoint": {"url": "https://unreachable"}}]});
        assert_eq!(resolve(rules, json!({})).unwrap_err().kind(), ResolveErrorKind::NoMatch);
    }

    #[test]
    fn malformed_rule_sets_are_errors_not_panics() {
        for bad in [
            json!(null),
            json!({"parameters": {"A": {"type": "number"}}, "rules": []}),
            json!({"parameters": {}, "rules": [{"type": "nope", "conditions": []}]}),
            json!({"parameters": {}, "rules": [{"type": "endpoint", "conditions": [], "endpoint": {"url": "https://{open"}}]}),
            json!({"parameters": {}, "rules": [{"type": "endpoint", "conditions": [{"fn": "getAttr", "argv": [{"ref": "x"}, "a[b]"]}], "endpoint": {"url": "x"}}]}),
        ] {
            assert!(RuleSet::from_value(&bad).is_err(), "{bad}");
        }
        let unknown_fn = json!({"version": "1.0", "parameters": {}, "rules": [
            {"type": "endpoint", "conditions": [{"fn": "frobnicate", "argv": []}], "endpoint": {"url": "x"}}]});
        assert_eq!(resolve(unknown_fn, json!({})).unwrap_err().kind(), ResolveErrorKind::InvalidRuleSet);
        let unset_in_template = json!({"version": "1.0", "parameters": {"A": {"type": "String"}}, "rules": [
            {"type": "endpoint", "conditions": [], "endpoint": {"url": "https://{A}"}}]});
        assert_eq!(resolve(unset_in_template, json!({})).unwrap_err().kind(), ResolveErrorKind::InvalidRuleSet);
        assert!(RuleSet::from_json("{").is_err());
    }

    #[test]
    fn get_attr_paths() {
        let arn = fun("aws.parseArn", json!(["arn:aws:s3:us-west-2:123456789012:accesspoint/my-ap:extra"]));
        assert_eq!(call(fun("getAttr", json!([arn.clone(), "resourceId[1]"]))), Some(json!("my-ap")));
        assert_eq!(call(fun("getAttr", json!([arn.clone(), "resourceId[2]"]))), Some(json!("extra")));
        assert_eq!(call(fun("getAttr", json!([arn.clone(), "resourceId[3]"]))), None);
        assert_eq!(call(fun("getAttr", json!([arn.clone(), "accountId"]))), Some(json!("123456789012")));
        assert_eq!(call(fun("getAttr", json!([arn, "missing"]))), None);
        let url = fun("parseURL", json!(["https://h/p"]));
        assert_eq!(call(fun("getAttr", json!([url, "scheme"]))), Some(json!("https")));
        // The `{a#b[0]}` template shorthand.
        let rules = json!({"version": "1.0", "parameters": {"L": {"type": "stringArray"}}, "rules": [
            {"type": "endpoint", "conditions": [], "endpoint": {"url": "https://{L#[0]}.{L#[1]}"}}]});
        assert_eq!(resolve(rules, json!({"L": ["a", "b"]})).unwrap().url(), "https://a.b");
    }

    #[test]
    fn parse_url() {
        assert_eq!(
            call(fun("parseURL", json!(["https://example.com:8443/a/b"]))),
            Some(json!({"scheme": "https", "authority": "example.com:8443", "path": "/a/b", "normalizedPath": "/a/b/", "isIp": false}))
        );
        assert_eq!(
            call(fun("parseURL", json!(["http://127.0.0.1"]))),
            Some(json!({"scheme": "http", "authority": "127.0.0.1", "path": "", "normalizedPath": "/", "isIp": true}))
        );
        assert_eq!(call(fun("getAttr", json!([fun("parseURL", json!(["http://[::1]:80/"])), "isIp"]))), Some(json!(true)));
        assert_eq!(call(fun("getAttr", json!([fun("parseURL", json!(["https://h/"])), "normalizedPath"]))), Some(json!("/")));
        assert_eq!(call(fun("parseURL", json!(["https://example.com/?q=1"]))), None);
        assert_eq!(call(fun("parseURL", json!(["example.com"]))), None);
        assert_eq!(call(fun("parseURL", json!(["ftp://example.com"]))), None);
        assert_eq!(call(fun("parseURL", json!(["https://"]))), None);
    }

    #[test]
    fn substring() {
        let sub = |s: &str, a: u32, b: u32, rev: bool| call(fun("substring", json!([s, a, b, rev])));
        assert_eq!(sub("abcdefg", 0, 4, false), Some(json!("abcd")));
        assert_eq!(sub("abcdefg", 0, 4, true), Some(json!("defg")));
        assert_eq!(sub("abcdefg", 1, 3, true), Some(json!("ef")));
        assert_eq!(sub("abcdefg", 0, 7, false), Some(json!("abcdefg")));
        assert_eq!(sub("abc", 0, 4, false), None);
        assert_eq!(sub("abc", 2, 2, false), None);
        assert_eq!(sub("abc", 3, 1, false), None);
        assert_eq!(sub("ab\u{e9}d", 0, 1, false), None);
    }

    #[test]
    fn uri_encode_and_host_labels() {
        assert_eq!(call(fun("uriEncode", json!(["a b/c?d=e&f~g_h.i-j"]))), Some(json!("a%20b%2Fc%3Fd%3De%26f~g_h.i-j")));
        assert_eq!(call(fun("uriEncode", json!(["\u{e9}"]))), Some(json!("%C3%A9")));
        let label = |s: &str, sub: bool| call(fun("isValidHostLabel", json!([s, sub]))).is_some();
        assert!(label("abc-1", false));
        assert!(!label("-abc", false));
        assert!(!label("", false));
        assert!(!label("a.b", false));
        assert!(label("a.b", true));
        assert!(!label("a..b", true));
        assert!(!label(&"a".repeat(64), false));
        assert!(label(&"a".repeat(63), false));
        let bucket = |s: &str, sub: bool| call(fun("aws.isVirtualHostableS3Bucket", json!([s, sub]))).is_some();
        assert!(bucket("my-bucket", false));
        assert!(!bucket("My-Bucket", false));
        assert!(!bucket("ab", false));
        assert!(!bucket("a.b.c", false));
        assert!(bucket("abc.bucket.name", true));
        // Each label is 3 to 63 characters, as the AWS SDKs check it.
        assert!(!bucket("my.bucket.name", true));
        assert!(!bucket("192.168.100.200", true));
        assert!(!bucket("abc-.bcd", true));
        assert!(!bucket("bucket-", false));
        assert!(!bucket("abc..bcd", true));
    }

    #[test]
    fn parse_arn() {
        assert_eq!(
            call(fun("aws.parseArn", json!(["arn:aws:iam::123456789012:user/team/name"]))),
            Some(json!({"partition": "aws", "service": "iam", "region": "", "accountId": "123456789012",
                "resourceId": ["user", "team", "name"]}))
        );
        for bad in ["arn:aws:s3", "arn::s3:::x", "arn:aws::r:a:x", "arn:aws:s3:r:a:", "urn:aws:s3:r:a:x"] {
            assert_eq!(call(fun("aws.parseArn", json!([bad]))), None, "{bad}");
        }
    }

    #[test]
    fn partitions() {
        let attr = |region: &str, key: &str| call(fun("getAttr", json!([fun("aws.partition", json!([region])), key])));
        assert_eq!(attr("us-east-1", "name"), Some(json!("aws")));
        assert_eq!(attr("us-east-1", "dnsSuffix"), Some(json!("amazonaws.com")));
        assert_eq!(attr("cn-north-1", "dualStackDnsSuffix"), Some(json!("api.amazonwebservices.com.cn")));
        assert_eq!(attr("us-gov-west-1", "name"), Some(json!("aws-us-gov")));
        // Not listed: found by the regions' patterns.
        assert_eq!(attr("us-gov-central-9", "name"), Some(json!("aws-us-gov")));
        assert_eq!(attr("us-isob-west-7", "implicitGlobalRegion"), Some(json!("us-isob-east-1")));
        assert_eq!(attr("eu-west-99", "name"), Some(json!("aws")));
        // Matches nothing: `aws`.
        assert_eq!(attr("mars-east-1", "name"), Some(json!("aws")));
        assert_eq!(attr("aws-global", "name"), Some(json!("aws")));
        // No stack overflow on absurd input.
        assert_eq!(attr(&"us-east-".repeat(100_000), "name"), Some(json!("aws")));
    }

    #[test]
    fn region_overrides_and_other_partition_data() {
        let data = json!({"partitions": [
            {"id": "aws", "regionRegex": "^(us|eu)\\-\\w+\\-\\d+$", "regions": {"us-special-1": {"description": "x", "dnsSuffix": "special.example"}},
             "outputs": {"name": "aws", "dnsSuffix": "amazonaws.com", "supportsFIPS": true}},
            {"id": "other", "regionRegex": "^o[a-c]+\\-\\d?$", "regions": {},
             "outputs": {"name": "other", "dnsSuffix": "other.example", "supportsFIPS": false}}]});
        let partitions = Partitions::from_json(&data.to_string()).unwrap();
        let rules = json!({"version": "1.0", "parameters": {"Region": {"type": "String", "required": true}}, "rules": [
            {"type": "endpoint", "conditions": [{"fn": "aws.partition", "argv": [{"ref": "Region"}], "assign": "P"}],
             "endpoint": {"url": "https://{Region}.{P#dnsSuffix}", "properties": {"fips": "{P#supportsFIPS}"}}}]});
        let rules = RuleSet::from_value(&rules).unwrap();
        let url = |region: &str| {
            let params = BTreeMap::from([("Region".to_string(), json!(region))]);
            rules.resolve_with_partitions(&params, &partitions).unwrap().url().to_string()
        };
        assert_eq!(url("us-special-1"), "https://us-special-1.special.example");
        assert_eq!(url("eu-west-1"), "https://eu-west-1.amazonaws.com");
        assert_eq!(url("oabc-"), "https://oabc-.other.example");
        assert_eq!(url("oab-1"), "https://oab-1.other.example");
        assert_eq!(url("od-1"), "https://od-1.amazonaws.com");
        assert!(Partitions::from_json(r#"{"partitions": [{"id": "x", "regionRegex": "a{2}"}]}"#).is_err());
    }

    #[test]
    fn coalesce_ite_not_and_split() {
        let params = BTreeMap::from([("B".to_string(), json!("b"))]);
        let parameters = json!({"A": {"type": "String"}, "B": {"type": "String"}});
        let f = fun("coalesce", json!([{"ref": "A"}, {"ref": "B"}, "c"]));
        assert_eq!(call_with(f, parameters.clone(), params.clone()), Some(json!("b")));
        let f = fun("ite", json!([fun("isSet", json!([{"ref": "A"}])), "set", "unset"]));
        assert_eq!(call_with(f, parameters.clone(), params.clone()), Some(json!("unset")));
        let f = fun("not", json!([fun("isSet", json!([{"ref": "A"}]))]));
        assert_eq!(call_with(f, parameters, params), Some(json!(true)));
        assert_eq!(call(fun("split", json!(["a--b--c", "--", 2]))), Some(json!(["a", "b--c"])));
        assert_eq!(call(fun("split", json!(["a,b,c", ",", 0]))), Some(json!(["a", "b", "c"])));
    }
}
