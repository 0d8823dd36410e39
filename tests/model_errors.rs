//! Every error the generator can report about a model, each from a fixture with one problem:
//! the error must name the shape (or the line, for JSON syntax), and nothing may panic.

use codegen_tests::{generate, invalid_models, workspace_root};

#[test]
fn each_invalid_model_is_rejected_with_a_pointed_message() {
    let models = invalid_models();
    assert!(models.len() >= 10, "expected the invalid fixtures, found {}", models.len());
    for (name, path) in models {
        let expected = std::fs::read_to_string(path.with_extension("expected"))
            .unwrap_or_else(|e| panic!("{name}: missing .expected file: {e}"));
        let err = match generate(&path) {
            Ok(_) => panic!("{name}: the generator accepted an invalid model"),
            Err(e) => e.to_string(),
        };
        for needle in expected.lines().map(str::trim).filter(|l| !l.is_empty()) {
            assert!(err.contains(needle), "{name}: error `{err}` does not mention `{needle}`");
        }
    }
}

#[test]
fn json_syntax_errors_carry_line_and_column() {
    let err = codegen::generate("{\n  \"smithy\": \"2.0\",\n  \"shapes\": {\n    \"a#B\": {\"type\": \"string\"}\n    \"a#C\": {}\n  }\n}", &Default::default())
        .unwrap_err();
    match err {
        codegen::Error::Json { line, column, .. } => assert_eq!((line, column), (5, 5)),
        other => panic!("expected a JSON error, got {other:?}"),
    }
}

#[test]
fn wrong_json_types_name_the_path() {
    let err = codegen::generate(r#"{"smithy": "2.0", "shapes": {"a#B": {"type": "structure", "members": 3}}}"#, &Default::default())
        .unwrap_err()
        .to_string();
    assert!(err.contains("shapes.a#B.members"), "{err}");
}

#[test]
fn unsupported_idl_version() {
    let err = codegen::generate(r#"{"smithy": "3.0", "shapes": {}}"#, &Default::default()).unwrap_err().to_string();
    assert!(err.contains("3.0"), "{err}");
}

#[test]
fn unknown_service_choice_lists_the_services() {
    let text = std::fs::read_to_string(workspace_root().join("model/mwaa-serverless-2024-07-26.json")).unwrap();
    let settings = codegen::Settings { service: Some("nope#Nope".into()), ..Default::default() };
    let err = codegen::generate(&text, &settings).unwrap_err().to_string();
    assert!(err.contains("nope#Nope") && err.contains("com.amazonaws.mwaaserverless#AmazonMWAAServerless"), "{err}");
}

#[test]
fn arbitrary_bytes_do_not_panic() {
    let inputs = ["", "null", "[]", "{}", "{\"smithy\": 2}", "\u{0}\u{1}", "{\"smithy\":\"2.0\",\"shapes\":{\"x\":{}}}"];
    for input in inputs {
        assert!(codegen::generate(input, &Default::default()).is_err(), "{input:?} was accepted");
    }
}

#[test]
fn xtask_exits_non_zero_and_leaves_output_alone() {
    let scratch = workspace_root().join("target/xtask-error-test");
    let _ = std::fs::remove_dir_all(&scratch);
    std::fs::create_dir_all(&scratch).unwrap();
    std::fs::write(scratch.join("keep.txt"), "untouched").unwrap();
    let bad = codegen_tests::tests_dir().join("fixtures/invalid/dangling_member_target.json");
    let out = std::process::Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(["xtask", "codegen", "--model"])
        .arg(&bad)
        .arg("--out")
        .arg(&scratch)
        .current_dir(workspace_root())
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("error:"), "{stderr}");
    let entries: Vec<_> = std::fs::read_dir(&scratch).unwrap().collect();
    assert_eq!(entries.len(), 1, "a failed run wrote files");
}

/// A one-service model around `shapes` (JSON object members, without braces), so each case
/// below carries only the shapes its problem needs.
fn model_with(shapes: &str) -> String {
    format!(
        r#"{{"smithy": "2.0", "shapes": {{
            "t#Svc": {{"type": "service", "version": "1", "operations": [{{"target": "t#Op"}}]}},
            "t#Op": {{"type": "operation", "input": {{"target": "t#In"}}}},
            {shapes}
        }}}}"#
    )
}

#[test]
fn every_other_model_error_names_its_shape() {
    let cases: &[(&str, &str, &[&str])] = &[
        ("shape id without namespace", r#""In": {"type": "structure"}, "t#In": {"type": "structure"}"#, &["`In`", "namespace"]),
        ("invalid shape id", r#""t#1In": {"type": "structure"}, "t#In": {"type": "structure"}"#, &["t#1In", "invalid shape id"]),
        ("list without member", r#""t#In": {"type": "structure", "members": {"L": {"target": "t#L"}}}, "t#L": {"type": "list"}"#, &["t#L", "member"]),
        ("map without value", r#""t#In": {"type": "structure", "members": {"M": {"target": "t#M"}}}, "t#M": {"type": "map", "key": {"target": "smithy.api#String"}}"#, &["t#M", "value"]),
        ("intEnum member without value", r#""t#In": {"type": "structure", "members": {"E": {"target": "t#E"}}}, "t#E": {"type": "intEnum", "members": {"A": {"target": "smithy.api#Unit"}}}"#, &["t#E$A", "enumValue"]),
        ("intEnum value out of range", r#""t#In": {"type": "structure", "members": {"E": {"target": "t#E"}}}, "t#E": {"type": "intEnum", "members": {"A": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": 4294967296}}}}"#, &["t#E$A", "32-bit"]),
        ("enum value not a string", r#""t#In": {"type": "structure", "members": {"E": {"target": "t#E"}}}, "t#E": {"type": "enum", "members": {"A": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": 1}}}}"#, &["t#E$A", "not a string"]),
        ("duplicate enum value", r#""t#In": {"type": "structure", "members": {"E": {"target": "t#E"}}}, "t#E": {"type": "enum", "members": {"A": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": "x"}}, "B": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": "x"}}}}"#, &["t#E$B", "twice"]),
        ("legacy enum trait not a list", r#""t#In": {"type": "structure", "members": {"E": {"target": "t#E"}}}, "t#E": {"type": "string", "traits": {"smithy.api#enum": {"value": "x"}}}"#, &["t#E", "must be a list"]),
        ("legacy enum entry without value", r#""t#In": {"type": "structure", "members": {"E": {"target": "t#E"}}}, "t#E": {"type": "string", "traits": {"smithy.api#enum": [{"name": "X"}]}}"#, &["t#E", "value"]),
        ("member targets an operation", r#""t#In": {"type": "structure", "members": {"O": {"target": "t#Op"}}}"#, &["t#In", "t#Op", "not a data shape"]),
        ("member targets a mixin", r#""t#In": {"type": "structure", "members": {"M": {"target": "t#Mix"}}}, "t#Mix": {"type": "structure", "traits": {"smithy.api#mixin": {}}}"#, &["t#In", "mixin `t#Mix`"]),
        ("mixin of another type", r#""t#In": {"type": "structure", "mixins": [{"target": "t#Mix"}]}, "t#Mix": {"type": "string", "traits": {"smithy.api#mixin": {}}}"#, &["t#In", "same type"]),
        ("mixin not marked @mixin", r#""t#In": {"type": "structure", "mixins": [{"target": "t#Base"}]}, "t#Base": {"type": "structure"}"#, &["t#In", "t#Base", "@mixin"]),
        ("error that is not a structure", r#""t#In": {"type": "structure"}, "t#Op2": {"type": "operation", "errors": [{"target": "smithy.api#String"}]}, "t#Svc2": {"type": "service", "operations": [{"target": "t#Op2"}]}"#, &["t#Op2", "not a structure"]),
        ("resource identifier dangling", r#""t#In": {"type": "structure"}, "t#R": {"type": "resource", "identifiers": {"id": {"target": "t#Nope"}}}"#, &["t#R", "t#Nope"]),
        ("resource child not a resource", r#""t#In": {"type": "structure"}, "t#R": {"type": "resource", "resources": [{"target": "t#In"}]}"#, &["t#R", "not a resource"]),
        ("service resource not a resource", r#""t#In": {"type": "structure"}, "t#S3": {"type": "service", "resources": [{"target": "t#Op"}]}"#, &["t#S3", "not a resource"]),
        ("error without @error", r#""t#In": {"type": "structure"}, "t#Op": {"type": "operation", "input": {"target": "t#In"}, "errors": [{"target": "t#In"}]}"#, &["t#Op", "t#In", "@error"]),
        ("rename of a missing shape", r#""t#In": {"type": "structure"}, "t#S4": {"type": "service", "rename": {"t#Gone": "Other"}}"#, &["t#S4", "t#Gone"]),
        ("union member names clash", r#""t#In": {"type": "structure", "members": {"U": {"target": "t#U"}}}, "t#U": {"type": "union", "members": {"fooBar": {"target": "smithy.api#String"}, "FooBar": {"target": "smithy.api#String"}}}"#, &["t#U$", "clashes"]),
        ("operation names clash", r#""t#In": {"type": "structure"}, "t#op": {"type": "operation"}, "t#Svc": {"type": "service", "operations": [{"target": "t#Op"}, {"target": "t#op"}]}"#, &["t#op", "clashes"]),
        ("file modules clash", r#""t#In": {"type": "structure", "members": {"A": {"target": "t#Builders"}, "B": {"target": "t#BuildersShape"}}}, "t#Builders": {"type": "structure"}, "t#BuildersShape": {"type": "structure"}"#, &["file module name `builders_shape` clashes"]),
    ];
    for (what, shapes, needles) in cases {
        let model = model_with(shapes);
        // Cases that add a second service pick the first one explicitly.
        let settings = codegen::Settings { service: Some("t#Svc".into()), ..Default::default() };
        let settings = if shapes.contains("t#Svc2") { codegen::Settings { service: Some("t#Svc2".into()), ..Default::default() } } else { settings };
        let err = match codegen::generate(&model, &settings) {
            Ok(_) => panic!("{what}: accepted"),
            Err(e) => e.to_string(),
        };
        for needle in *needles {
            assert!(err.contains(needle), "{what}: `{err}` does not mention `{needle}`");
        }
    }
}

#[test]
fn patterns_the_regex_crate_cannot_express_are_reported_not_enforced() {
    let model = model_with(
        r#""t#In": {"type": "structure", "members": {"A": {"target": "t#Look"}, "B": {"target": "t#Plain"}}},
           "t#Look": {"type": "string", "traits": {"smithy.api#pattern": "^(?!admin)[a-z]+$"}},
           "t#Plain": {"type": "string", "traits": {"smithy.api#pattern": "^[a-z]+$"}}"#,
    );
    let generated = codegen::generate_crate(&model, &Default::default()).unwrap();
    assert_eq!(generated.warnings.len(), 1, "{:?}", generated.warnings);
    assert!(generated.warnings[0].contains("t#In$A") && generated.warnings[0].contains("(?!admin)"), "{:?}", generated.warnings);
    let patterns = &generated.files["src/patterns.rs"];
    assert!(patterns.contains("^[a-z]+$") && !patterns.contains("(?!admin)"));
}

/// The warning gives the `regex` crate's own reason: DynamoDB's surrogate ranges are neither
/// lookaround nor backreferences.
#[test]
fn unsupported_patterns_are_reported_with_the_engines_reason() {
    let model = model_with(
        r#""t#In": {"type": "structure", "members": {"A": {"target": "t#Look"}, "B": {"target": "t#Back"}, "C": {"target": "t#Utf16"}}},
           "t#Look": {"type": "string", "traits": {"smithy.api#pattern": "^(?!admin)[a-z]+$"}},
           "t#Back": {"type": "string", "traits": {"smithy.api#pattern": "^(a)\\1$"}},
           "t#Utf16": {"type": "string", "traits": {"smithy.api#pattern": "^[\\u0020-\\uD7FF\\uD800\\uDC00-\\uDBFF\\uDFFF]*$"}}"#,
    );
    let warnings = codegen::generate_crate(&model, &Default::default()).unwrap().warnings;
    let about = |member: &str| warnings.iter().find(|w| w.contains(member)).unwrap_or_else(|| panic!("{member}: {warnings:?}"));
    assert!(about("t#In$A").contains("look-around") && about("t#In$A").contains("`(?!`"), "{}", about("t#In$A"));
    assert!(about("t#In$B").contains("backreferences are not supported"), "{}", about("t#In$B"));
    let utf16 = about("t#In$C");
    assert!(utf16.contains("not a Unicode scalar value") && utf16.contains("`\\uD800`") && utf16.contains("UTF-16 surrogate"), "{utf16}");
    assert!(!utf16.contains("lookaround") && !utf16.contains("look-around"), "{utf16}");
}

/// Robustness: deep or cyclic models get clear errors or correct output, never a stack
/// overflow, and huge docs go through.
#[test]
fn deep_and_cyclic_models() {
    // A chain of 2,000 structures, each holding the next: correct output.
    let mut shapes: Vec<String> = (0..2000)
        .map(|i| format!(r#""t#S{i}": {{"type": "structure", "members": {{"Next": {{"target": "t#S{}"}}}}}}"#, i + 1))
        .collect();
    shapes.push(r#""t#S2000": {"type": "structure"}"#.to_string());
    shapes.push(r#""t#In": {"type": "structure", "members": {"Head": {"target": "t#S0"}}}"#.to_string());
    let files = codegen::generate(&model_with(&shapes.join(",")), &Default::default()).unwrap();
    assert!(files.contains_key("src/types/s1999.rs"));

    // A list that contains itself has no Rust type.
    let err = codegen::generate(
        &model_with(r#""t#In": {"type": "structure", "members": {"L": {"target": "t#L"}}}, "t#L": {"type": "list", "member": {"target": "t#L"}}"#),
        &Default::default(),
    )
    .unwrap_err()
    .to_string();
    assert!(err.contains("t#L") && err.contains("nest more than"), "{err}");

    // 3,000 lists nested directly: a clear error.
    let mut lists: Vec<String> = (0..3000)
        .map(|i| format!(r#""t#L{i}": {{"type": "list", "member": {{"target": "t#L{}"}}}}"#, i + 1))
        .collect();
    lists.push(r#""t#L3000": {"type": "string"}"#.to_string());
    lists.push(r#""t#In": {"type": "structure", "members": {"L": {"target": "t#L0"}}}"#.to_string());
    let err = codegen::generate(&model_with(&lists.join(",")), &Default::default()).unwrap_err().to_string();
    assert!(err.contains("nest more than"), "{err}");

    // A 3,000-deep mixin chain: a clear error.
    let mut mixins: Vec<String> = (0..3000)
        .map(|i| format!(r#""t#M{i}": {{"type": "structure", "mixins": [{{"target": "t#M{}"}}], "traits": {{"smithy.api#mixin": {{}}}}}}"#, i + 1))
        .collect();
    mixins.push(r#""t#M3000": {"type": "structure", "traits": {"smithy.api#mixin": {}}}"#.to_string());
    mixins.push(r#""t#In": {"type": "structure", "mixins": [{"target": "t#M0"}]}"#.to_string());
    let err = codegen::generate(&model_with(&mixins.join(",")), &Default::default()).unwrap_err().to_string();
    assert!(err.contains("mixins nest more than"), "{err}");

    // A resource that contains itself: walked once.
    let model = model_with(r#""t#In": {"type": "structure"}, "t#R": {"type": "resource", "resources": [{"target": "t#R"}], "operations": [{"target": "t#Op"}]}, "t#Svc": {"type": "service", "resources": [{"target": "t#R"}]}"#);
    assert!(codegen::generate(&model, &Default::default()).is_ok());

    // A 1 MB documentation string.
    let doc = "<p>Word <code>code</code> [brackets] <b>bold</b>.</p>".repeat(20_000);
    let model = model_with(&format!(r#""t#In": {{"type": "structure", "traits": {{"smithy.api#documentation": {doc:?}}}}}"#));
    let files = codegen::generate(&model, &Default::default()).unwrap();
    assert!(files["src/operation/op/op_input.rs"].contains("\\[brackets\\]"));
}

#[test]
fn an_error_listed_twice_is_one_variant() {
    let model = model_with(r#""t#In": {"type": "structure"}, "t#E": {"type": "structure", "traits": {"smithy.api#error": "client"}}, "t#Op": {"type": "operation", "input": {"target": "t#In"}, "errors": [{"target": "t#E"}, {"target": "t#E"}]}"#);
    let files = codegen::generate(&model, &Default::default()).unwrap();
    assert_eq!(files["src/operation/op.rs"].matches("E(crate::types::error::E)").count(), 1);
}

#[test]
fn defaults_that_do_not_fit_their_type_are_errors() {
    let with_default = |target: &str, default: &str| {
        model_with(&format!(
            r#""t#In": {{"type": "structure", "members": {{"m": {{"target": "{target}", "traits": {{"smithy.api#default": {default}}}}}}}}}"#
        ))
    };
    let rejected = [
        ("smithy.api#Byte", "200", "from -128 to 127"),
        ("smithy.api#Byte", "-129", "from -128 to 127"),
        ("smithy.api#Short", "40000", "from -32768 to 32767"),
        ("smithy.api#Integer", "2147483648", "from -2147483648 to 2147483647"),
        ("smithy.api#Integer", "1.5", "from -2147483648 to 2147483647"),
        ("smithy.api#Long", "\"5\"", "64-bit integer"),
        ("smithy.api#Float", "\"fast\"", "a float"),
        ("smithy.api#Float", "1e39", "32-bit float"),
        ("smithy.api#Double", "true", "a double"),
        ("smithy.api#Boolean", "1", "`true` or `false`"),
        ("smithy.api#String", "3", "a string"),
    ];
    for (target, default, expected) in rejected {
        let err = match codegen::generate(&with_default(target, default), &Default::default()) {
            Ok(_) => panic!("{target} with @default {default} was accepted"),
            Err(e) => e.to_string(),
        };
        // serde_json shows the value (`1e39` as `1e+39`).
        assert!(err.contains("t#In$m") && err.contains("@default") && err.contains(expected), "{target} {default}: {err}");
    }
    let accepted = [
        ("smithy.api#Byte", "-128"),
        ("smithy.api#Byte", "127"),
        ("smithy.api#Integer", "-2147483648"),
        ("smithy.api#Float", "\"NaN\""),
        ("smithy.api#Double", "\"-Infinity\""),
        ("smithy.api#Double", "1e300"),
    ];
    for (target, default) in accepted {
        if let Err(e) = codegen::generate(&with_default(target, default), &Default::default()) {
            panic!("{target} with @default {default}: {e}");
        }
    }
}

#[test]
fn crate_names_are_valid_package_and_library_names() {
    let model = |sdk_id: &str| {
        format!(
            r#"{{"smithy": "2.0", "shapes": {{"t#Svc": {{"type": "service", "traits": {{"aws.api#service": {{"sdkId": {sdk_id:?}}}}}}}}}}}"#
        )
    };
    // A leading digit gets a letter; a library name that is a keyword or a crate the generated
    // code uses gets `_api`; a trait name the crate root already has gets `Service`.
    for (sdk_id, package, lib, service) in [
        ("1st Service", "v1st-service", "v1st_service", "V1stService"),
        ("Match", "match-api", "match_api", "Match"),
        ("Self", "self-api", "self_api", "Self_"),
        ("serde_json", "serde-json-api", "serde_json_api", "SerdeJson"),
        ("Error", "error", "error", "ErrorService"),
        ("\"", "service", "service", "Value"),
    ] {
        let files = codegen::generate(&model(sdk_id), &Default::default()).unwrap_or_else(|e| panic!("{sdk_id}: {e}"));
        let manifest = &files["Cargo.toml"];
        assert!(manifest.contains(&format!("\nname = \"{package}\"\n")), "{sdk_id}: {manifest}");
        assert!(manifest.contains(&format!("[lib]\nname = \"{lib}\"\n")), "{sdk_id}: {manifest}");
        assert!(files["src/lib.rs"].contains(&format!("pub use service::{{Dyn{service}, {service}}};")), "{sdk_id}");
    }
    // A `--crate-name` is checked by the same rules.
    for bad in ["1st", "match", "has space", "-x"] {
        let settings = codegen::Settings { crate_name: Some(bad.into()), ..Default::default() };
        let err = codegen::generate(&model("Ok"), &settings).unwrap_err().to_string();
        assert!(err.contains("--crate-name") && err.contains(bad), "{bad}: {err}");
    }
}
