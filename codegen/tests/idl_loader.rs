//! Smithy's own loader conformance cases (`tests/fixtures/idl/loader-tests`, copied from
//! smithy-lang/smithy): valid models load into their JSON twins, invalid ones are rejected with
//! the error their first line names, at the same line and column for syntax errors.

use codegen::idl::{self, Source};
use codegen::IdlError;
use std::fs;
use std::path::{Path, PathBuf};

fn cases_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/idl/loader-tests")
}

fn files(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in fs::read_dir(&dir).expect("fixture folder").flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == ext) {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

fn source(path: &Path) -> Source {
    Source::new(
        path.display().to_string(),
        fs::read_to_string(path).expect("fixture"),
    )
}

fn name(path: &Path) -> String {
    path.strip_prefix(cases_dir())
        .unwrap_or(path)
        .display()
        .to_string()
}

/// Assembles a case with `__shared.json`, which Smithy's runner loads with every valid case.
fn assemble_with_shared(path: &Path) -> Result<idl::model::Model, codegen::Error> {
    let shared = cases_dir().join("valid/__shared.json");
    idl::assemble(&[source(path), source(&shared)])
}

/// Fails listing every case that did not pass, after counting them all.
fn report(what: &str, total: usize, failures: Vec<String>) {
    println!("{what}: {} of {total} pass", total - failures.len());
    assert!(
        failures.is_empty(),
        "{what}: {} of {total} fail:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

#[test]
fn valid_cases_with_a_json_twin_load_into_it() {
    let twins: Vec<PathBuf> = files(&cases_dir().join("valid"), "json")
        .into_iter()
        .filter(|p| !p.ends_with("__shared.json"))
        .collect();
    let mut failures = Vec::new();
    for twin in &twins {
        let smithy = twin.with_extension("smithy");
        let result =
            assemble_with_shared(&smithy).and_then(|got| Ok((got, assemble_with_shared(twin)?)));
        match result {
            Ok((got, want)) => {
                let (got, want) = (idl::canonical_json(&got), idl::canonical_json(&want));
                if got != want {
                    failures.push(format!("{}: differs\n{}", name(&smithy), diff(&want, &got)));
                }
            }
            Err(e) => failures.push(format!("{}: {e}", name(&smithy))),
        }
    }
    report("valid cases with a JSON twin", twins.len(), failures);
}

#[test]
fn other_valid_cases_load() {
    let others: Vec<PathBuf> = files(&cases_dir().join("valid"), "smithy")
        .into_iter()
        .filter(|p| !p.with_extension("json").exists())
        .collect();
    let mut failures = Vec::new();
    for path in &others {
        if let Err(e) = assemble_with_shared(path) {
            failures.push(format!("{}: {e}", name(path)));
        }
    }
    report("valid cases without a twin", others.len(), failures);
}

/// What the first line of an invalid case says the error is.
#[derive(Debug, Default)]
struct Expected {
    shape: Option<String>,
    position: Option<(usize, usize)>,
    message: String,
}

fn expected(first_line: &str) -> Expected {
    let mut text = first_line.get(3..).unwrap_or_default().trim().to_string();
    // A trailing ` | Model` or ` | EnumShape` names Smithy's validator, not the problem.
    if let Some((rest, id)) = text.rsplit_once(" | ") {
        if !id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '.') {
            text = rest.to_string();
        }
    }
    let mut out = Expected::default();
    if let Some((shape, rest)) = text.split_once(": ") {
        if shape.contains('#') && !shape.contains(' ') {
            out.shape = Some(shape.to_string());
            text = rest.to_string();
        }
    }
    if let Some(rest) = text.strip_prefix("Syntax error at line ") {
        let (position, message) = rest.split_once(": ").unwrap_or((rest, ""));
        let mut numbers = position
            .split(", column ")
            .map(|n| n.trim().parse::<usize>().unwrap_or(0));
        out.position = Some((numbers.next().unwrap_or(0), numbers.next().unwrap_or(0)));
        text = message.to_string();
    }
    out.message = text;
    out
}

/// As Smithy's runner compares: without `[EOF]`, with line breaks written `\n`.
fn clean(text: &str) -> String {
    text.replace("[EOF]", "")
        .replace("\r\n", "\\n")
        .replace(['\r', '\n'], "\\n")
}

/// A token's own error (an unclosed string, say) is reported at the token and names the inner
/// position in its message, as Smithy's does.
fn matches(e: &IdlError, want: &Expected) -> bool {
    let position_ok = want.position.is_none_or(|(line, col)| {
        (line, col) == (e.line, e.column)
            || e.message
                .contains(&format!("Syntax error at line {line}, column {col}:"))
    });
    let shape_ok = want
        .shape
        .as_ref()
        .is_none_or(|s| e.shape.as_ref() == Some(s) || e.message.contains(s.as_str()));
    position_ok && shape_ok && clean(&e.message).contains(&clean(&want.message))
}

#[test]
fn invalid_cases_are_rejected_with_the_expected_error() {
    let cases = files(&cases_dir().join("invalid"), "smithy");
    let mut failures = Vec::new();
    for path in &cases {
        let text = fs::read_to_string(path).expect("fixture");
        let want = expected(text.lines().next().unwrap_or_default());
        match idl::assemble(&[source(path)]) {
            Ok(_) => failures.push(format!("{}: accepted; expected {want:?}", name(path))),
            Err(codegen::Error::Idl(e)) => {
                if !std::iter::once(e.as_ref())
                    .chain(&e.others)
                    .any(|e| matches(e, &want))
                {
                    failures.push(format!("{}: expected {want:?}\n  got {e}", name(path)));
                }
            }
            Err(other) => failures.push(format!("{}: unexpected error kind: {other}", name(path))),
        }
    }
    report("invalid cases", cases.len(), failures);
}

/// The first lines where two texts differ, for failure messages.
fn diff(want: &str, got: &str) -> String {
    let (w, g): (Vec<&str>, Vec<&str>) = (want.lines().collect(), got.lines().collect());
    let first = w
        .iter()
        .zip(&g)
        .position(|(a, b)| a != b)
        .unwrap_or(w.len().min(g.len()));
    let from = first.saturating_sub(3);
    let show = |lines: &[&str]| {
        lines
            .iter()
            .skip(from)
            .take(12)
            .copied()
            .collect::<Vec<_>>()
            .join("\n")
    };
    format!(
        "--- expected (from line {})\n{}\n--- got\n{}",
        from + 1,
        show(&w),
        show(&g)
    )
}

/// A stricter reading of the twins: the IDL file's `smithy ast` output against the twin file as
/// written (not through this crate's JSON reading), normalized only in ways the JSON AST allows
/// either way: omitted empty `members`, omitted `smithy.api#Unit` input and output, unsorted
/// reference lists, omitted enum values, and traits on a member a mixin also defines written on a
/// redeclared member rather than with `apply` (or the other way round for the shape's own
/// members). Twins in Smithy 1.0 differ by the 2.0 upgrade and are left to the test above.
#[test]
fn version_2_twins_match_as_written() {
    let shared = source(&cases_dir().join("valid/__shared.json"));
    let mut total = 0;
    let mut failures = Vec::new();
    for twin in files(&cases_dir().join("valid"), "json")
        .into_iter()
        .filter(|p| !p.ends_with("__shared.json"))
    {
        // serde_json cannot hold traits.json's 1e309 (a 1.0 twin anyway).
        let Ok(raw) =
            serde_json::from_str::<serde_json::Value>(&fs::read_to_string(&twin).expect("twin"))
        else {
            continue;
        };
        if raw["smithy"] != "2.0" {
            continue;
        }
        total += 1;
        let smithy = twin.with_extension("smithy");
        let ast = idl::ast_json(&[source(&smithy), shared.clone()]).expect("the case loads");
        let mut got: serde_json::Value = serde_json::from_str(&ast).expect("JSON");
        got["shapes"]
            .as_object_mut()
            .expect("shapes")
            .retain(|id, _| !id.starts_with("foo.example#"));
        let want = normalize_twin(raw);
        if got != want {
            let pretty =
                |v: &serde_json::Value| serde_json::to_string_pretty(v).unwrap_or_default();
            failures.push(format!(
                "{}:\n{}",
                name(&smithy),
                diff(&pretty(&want), &pretty(&got))
            ));
        }
    }
    report("Smithy 2.0 twins as written", total, failures);
}

fn normalize_twin(mut raw: serde_json::Value) -> serde_json::Value {
    use serde_json::{json, Value};
    normalize_mixin_members(&mut raw);
    let Some(shapes) = raw["shapes"].as_object_mut() else {
        return raw;
    };
    for shape in shapes.values_mut() {
        let kind = shape["type"].as_str().unwrap_or_default().to_string();
        if matches!(kind.as_str(), "structure" | "union" | "enum" | "intEnum")
            && shape.get("members").is_none()
        {
            shape["members"] = json!({});
        }
        if kind == "operation" {
            for io in ["input", "output"] {
                if shape.get(io).is_none() {
                    shape[io] = json!({"target": "smithy.api#Unit"});
                }
            }
        }
        if kind == "enum" {
            for (name, member) in shape["members"].as_object_mut().into_iter().flatten() {
                if member.pointer("/traits/smithy.api#enumValue").is_none() {
                    member["traits"]["smithy.api#enumValue"] = Value::String(name.clone());
                }
            }
        }
        for key in ["errors", "operations", "resources", "collectionOperations"] {
            if let Some(Value::Array(items)) = shape.get_mut(key) {
                items.sort_by_key(|v| v["target"].as_str().unwrap_or_default().to_string());
            }
        }
    }
    raw
}

/// Member names a shape inherits: its mixins' members, transitively.
fn inherited_names(
    shapes: &serde_json::Map<String, serde_json::Value>,
    id: &str,
    depth: usize,
) -> Vec<String> {
    let mut names = Vec::new();
    for mixin in shapes[id]["mixins"].as_array().into_iter().flatten() {
        let Some(mixin) = mixin["target"].as_str().filter(|m| shapes.contains_key(*m)) else {
            continue;
        };
        names.extend(
            member_entries(&shapes[mixin])
                .into_iter()
                .map(|(name, _)| name),
        );
        if depth < 8 {
            names.extend(inherited_names(shapes, mixin, depth + 1));
        }
    }
    names
}

fn member_entries(shape: &serde_json::Value) -> Vec<(String, serde_json::Value)> {
    let named = shape["members"]
        .as_object()
        .into_iter()
        .flatten()
        .map(|(k, v)| (k.clone(), v.clone()));
    let single = ["member", "key", "value"]
        .into_iter()
        .filter_map(|k| Some((k.to_string(), shape.get(k)?.clone())));
    named.chain(single).collect()
}

/// Traits on inherited members become `apply` entries; `apply` entries on a shape's own members
/// fold into them.
fn normalize_mixin_members(raw: &mut serde_json::Value) {
    use serde_json::{json, Value};
    let Some(shapes) = raw["shapes"].as_object().cloned() else {
        return;
    };
    let mut out = shapes.clone();
    for (id, shape) in shapes.iter().filter(|(_, s)| s["type"] != "apply") {
        let inherited = inherited_names(&shapes, id, 0);
        for (name, member) in member_entries(shape) {
            let apply_id = format!("{id}${name}");
            let mut traits = member.get("traits").cloned();
            let keep = !inherited.contains(&name);
            if keep {
                if let Some(Value::Object(applied)) =
                    shapes.get(&apply_id).map(|a| a["traits"].clone())
                {
                    let merged = traits.get_or_insert_with(|| json!({}));
                    applied.into_iter().for_each(|(k, v)| merged[k] = v);
                    out.remove(&apply_id);
                }
            } else if let Some(Value::Object(inline)) = traits.take() {
                let apply = out
                    .entry(apply_id)
                    .or_insert_with(|| json!({"type": "apply", "traits": {}}));
                inline.into_iter().for_each(|(k, v)| apply["traits"][k] = v);
            }
            let slot = match out[id].get_mut("members") {
                Some(members) => &mut members[&name],
                None => &mut out[id][&name],
            };
            *slot = match (keep, traits) {
                (false, _) => Value::Null,
                (true, Some(traits)) => json!({"target": member["target"], "traits": traits}),
                (true, None) => json!({"target": member["target"]}),
            };
        }
        if let Some(members) = out[id].get_mut("members").and_then(Value::as_object_mut) {
            members.retain(|_, m| !m.is_null());
        }
        if let Some(shape) = out[id].as_object_mut() {
            shape.retain(|k, v| !(matches!(k.as_str(), "member" | "key" | "value") && v.is_null()));
        }
    }
    raw["shapes"] = Value::Object(out);
}
