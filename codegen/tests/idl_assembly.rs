//! The rest of Smithy's loader fixtures (`tests/fixtures/idl/loader-tests`, copied from
//! smithy-lang/smithy), whose expectations live in Smithy's Java tests: several files loaded
//! together, IDL 1.0 upgraded to 2.0, mixins, forward references.

use codegen::idl::{self, Source};
use std::fs;
use std::path::{Path, PathBuf};

fn case(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures/idl/loader-tests")
        .join(path)
}

fn sources(paths: &[&str]) -> Vec<Source> {
    paths
        .iter()
        .map(|p| {
            let path = case(p);
            Source::new(
                path.display().to_string(),
                fs::read_to_string(&path).expect("fixture"),
            )
        })
        .collect()
}

fn assemble(paths: &[&str]) -> idl::model::Model {
    idl::assemble(&sources(paths)).unwrap_or_else(|e| panic!("{paths:?} must load:\n{e}"))
}

fn assert_same(got: &[&str], want: &[&str]) {
    let (got, want) = (
        idl::canonical_json(&assemble(got)),
        idl::canonical_json(&assemble(want)),
    );
    assert_eq!(got, want);
}

fn assert_fails(paths: &[&str], message: &str) {
    match idl::assemble(&sources(paths)) {
        Ok(_) => panic!("{paths:?} must fail with `{message}`"),
        Err(e) => assert!(
            e.to_string().contains(message),
            "{paths:?}: `{e}` lacks `{message}`"
        ),
    }
}

const SHARED: &str = "valid/__shared.json";

#[test]
fn forward_references_resolve_across_use_statements_and_files() {
    assert_same(
        &["forwardrefs/use/use.smithy", SHARED],
        &["forwardrefs/use/result.json", SHARED],
    );
    assert_same(
        &["forwardrefs/use/no-use.smithy", SHARED],
        &["forwardrefs/use/result.json", SHARED],
    );
    assert_same(
        &[
            "forwardrefs/resource/operation.smithy",
            "forwardrefs/resource/resource.smithy",
        ],
        &["forwardrefs/resource/result.json"],
    );
    let model = assemble(&[
        "use-operations/service.smithy",
        "use-operations/nested.smithy",
        "use-operations/other.smithy",
    ]);
    let resource = &model.shapes["smithy.example.nested#Resource"];
    assert_eq!(
        resource.props.read.as_deref(),
        Some("smithy.example.other#GetHello2")
    );
    assert_eq!(resource.props.operations, ["smithy.example.other#Hello2"]);
}

#[test]
fn idl_1_0_upgrades_as_smithy_upgrades_it() {
    assert_same(
        &["upgrade/all-1.0/main.smithy"],
        &["upgrade/all-1.0/upgraded.smithy"],
    );
    assert_same(
        &["upgrade/does-not-introduce-conflict/main.smithy"],
        &["upgrade/does-not-introduce-conflict/upgraded.smithy"],
    );
    assert_same(
        &[
            "upgrade/mixed-versions/1.0.smithy",
            "upgrade/mixed-versions/2.0.smithy",
        ],
        &["upgrade/mixed-versions/upgraded.smithy"],
    );
    assert_fails(
        &["upgrade/box-in-v2/main.smithy"],
        "@box is not supported in Smithy IDL 2.0",
    );
    assemble(&["upgrade/primitives-in-v2/main.smithy"]);
}

/// Smithy 2.0 nullability of the member of `Foo` (each case has one): required or a non-null
/// default makes a member non-null, unless `@clientOptional`.
fn nullable(model: &idl::model::Model) -> bool {
    let (_, m) = model.shapes["smithy.example#Foo"]
        .members
        .first()
        .expect("one member");
    let has = |t: &str| m.traits.contains_key(t);
    let non_null_default = m
        .traits
        .get("smithy.api#default")
        .is_some_and(|d| !d.is_null());
    has("smithy.api#clientOptional") || !(has("smithy.api#required") || non_null_default)
}

#[test]
fn upgrade_box_cases_keep_their_nullability_through_two_round_trips() {
    for suite in ["1-to-2", "2-to-1"] {
        let dir = case(&format!("upgrade-box/{suite}"));
        let mut names: Vec<String> = fs::read_dir(&dir)
            .expect("fixture folder")
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert!(!names.is_empty());
        for file in names {
            let path = format!("upgrade-box/{suite}/{file}");
            let text = fs::read_to_string(case(&path)).expect("fixture");
            let expected: serde_json::Value = serde_json::from_str(
                text.lines()
                    .next()
                    .unwrap_or_default()
                    .trim_start_matches("//"),
            )
            .expect("the first line holds the expected nullability");
            let mut model = assemble(&[&path]);
            for trip in 0..3 {
                let want = expected["v2"].as_bool().expect("a v2 flag");
                assert_eq!(nullable(&model), want, "{path}, round trip {trip}");
                let json = idl::ast_json_of(&model);
                model = idl::assemble(&[Source::new("round-trip.json", json)])
                    .expect("round trip loads");
            }
        }
    }
}

#[test]
fn mixin_fixtures_load_and_merge() {
    for json in [
        "collection-mixins.json",
        "operation-mixins.json",
        "resource-mixins.json",
        "service-mixins.json",
        "simple-shape-mixins.json",
        "structure-mixins.json",
        "union-mixins.json",
    ] {
        assemble(&[&format!("mixins/{json}")]);
    }
    // The same file three times: identical definitions and applications merge.
    let thrice = "mixins/apply-to-mixed-member.json";
    assemble(&[thrice, thrice, thrice]);
    let apply = "mixins/member-apply-other-namespace.smithy";
    assemble(&["mixins/mixed-member.smithy", apply, apply]);
    assemble(&["mixins/multiple-inheritance-with-introduction.smithy"]);

    let ok = assemble(&[
        "mixins/mixin-conflict-acceptable-1.smithy",
        "mixins/mixin-conflict-acceptable-2.smithy",
    ]);
    assert!(ok.shapes.contains_key("smithy.example#A"));
    assert_fails(
        &[
            "mixins/mixin-conflict-acceptable-1.smithy",
            "mixins/mixin-conflict-error.smithy",
        ],
        "Conflicting shape definition for `smithy.example#A`",
    );
}

#[test]
fn mixin_members_come_first_and_take_applied_traits() {
    let model = idl::load(&sources(&["mixins/mixins-can-override-traits.smithy"])).expect("loads");
    let f = model.get("smithy.example#F").expect("F");
    let names: Vec<&str> = f.members.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(names, ["a", "b", "c", "d", "e", "f"]);
    let doc = |m: &str| {
        f.member(m)
            .and_then(|m| m.traits.get("smithy.api#documentation"))
            .cloned()
    };
    assert_eq!(doc("a"), Some("I've changed".into()));
    assert_eq!(doc("c"), Some("I've changed".into()));
    assert!(f
        .member("c")
        .is_some_and(|m| m.traits.contains_key("smithy.api#internal")));
}

#[test]
fn for_bindings_to_private_resources_stay_in_their_namespace() {
    let private = "private-resource-elision/private-resource.smithy";
    assemble(&[
        private,
        "private-resource-elision/same-namespace-structure.smithy",
    ]);
    assemble(&[
        "private-resource-elision/public-resource.smithy",
        "private-resource-elision/cross-namespace-public.smithy",
    ]);
    assert_fails(
        &[
            private,
            "private-resource-elision/cross-namespace-structure.smithy",
        ],
        "invalid for relationship that targets a private shape",
    );
}

/// `nested/` is Smithy's folder-import fixture; `merges-1.json`, which defines the shape its
/// files apply traits to, is not among the copied fixtures, so a stand-in defines it.
#[test]
fn json_files_merge_shapes_metadata_and_applied_traits() {
    assemble(&[
        "nested/other-ion-model.json",
        "nested/other-json-model.json",
    ]);
    let mut files = sources(&["nested/merges-2.json", "nested/merges-3.json"]);
    let stand_in =
        r#"{"smithy": "2.0", "shapes": {"example.namespace#String": {"type": "string"}}}"#;
    files.push(Source::new("merges-1.json", stand_in));
    let model = idl::assemble(&files).expect("loads");
    let traits = &model.shapes["example.namespace#String"].traits;
    assert!(
        traits.contains_key("smithy.api#documentation")
            && traits.contains_key("smithy.api#mediaType")
    );
}
