//! Writes the protocol targets' seeds in the literal form (see `src/protocol/mod.rs`) from the
//! suites' own test cases: `seeds/server_requests/` from `smithy.test#httpRequestTests` (and
//! the malformed-request cases' requests), `seeds/client_responses/` from
//! `smithy.test#httpResponseTests` on operations and error structures. MWAA has no test cases;
//! its seeds are a request and responses written here from its model.
//!
//! ```sh
//! cargo run --release --example protocol_seeds -- 12   # at most 12 cases per service and kind
//! ```
//!
//! One case per operation is a candidate; `N` of them, evenly spaced over the service trait's
//! order, are written, so the few seeds spread over the whole service.

use serde_json::Value;
use smithy_codegen_fuzz::protocol::model::{services, Protocol, Service};
use std::path::Path;

/// A seed: its file name (after the service's) and its text.
type Seed = (String, String);

fn main() {
    let per_service: usize = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(12);
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let (server_dir, client_dir) = (root.join("server_requests"), root.join("client_responses"));
    for dir in [&server_dir, &client_dir] {
        std::fs::create_dir_all(dir).expect("the seeds folder is writable");
    }
    let mut written = 0;
    for svc in services() {
        let (requests, responses) = if svc
            .ops
            .iter()
            .any(|op| !cases(svc, &op.name, "smithy.test#httpRequestTests").is_empty())
        {
            (
                suite_requests(svc, per_service),
                suite_responses(svc, per_service),
            )
        } else {
            model_seeds(svc)
        };
        for (name, text) in requests {
            std::fs::write(server_dir.join(format!("{}-{name}", svc.name)), text)
                .expect("writable");
            written += 1;
        }
        for (name, text) in responses {
            std::fs::write(client_dir.join(format!("{}-{name}", svc.name)), text)
                .expect("writable");
            written += 1;
        }
    }
    println!("{written} seeds written under {}", root.display());
}

/// The test cases of a trait on the shape named `shape`, for the service's protocol (and not
/// only for the other side).
fn cases(svc: &Service, shape: &str, trait_id: &str) -> Vec<Value> {
    let Some(shape) = svc.model.shapes.values().find(|s| s.name() == shape) else {
        return Vec::new();
    };
    let protocol = if svc.is_rest() {
        "aws.protocols#restJson1"
    } else {
        "aws.protocols#awsJson1_0"
    };
    let Some(Value::Array(list)) = shape.traits.get(trait_id) else {
        return Vec::new();
    };
    list.iter()
        .filter(|c| c["protocol"] == protocol)
        .cloned()
        .collect()
}

fn headers_text(headers: &Value) -> String {
    let mut out = String::new();
    if let Value::Object(map) = headers {
        for (name, value) in map {
            out.push_str(&format!("{name}: {}\n", value.as_str().unwrap_or_default()));
        }
    }
    out
}

/// One request case per operation (server-side ones first), as `L service\nMETHOD URI\n...`.
fn suite_requests(svc: &Service, limit: usize) -> Vec<Seed> {
    let mut seeds = Vec::new();
    for op in &svc.ops {
        let mut list = cases(svc, &op.name, "smithy.test#httpRequestTests");
        list.sort_by_key(|c| c["appliesTo"] == "client");
        // Malformed-request cases carry a request too (the server must refuse it).
        if list.is_empty() {
            list = cases(svc, &op.name, "smithy.test#httpMalformedRequestTests")
                .into_iter()
                .map(|c| c["request"].clone())
                .collect();
        }
        let Some(case) = list.first() else { continue };
        let mut uri = case["uri"].as_str().unwrap_or("/").to_string();
        if let Some(Value::Array(query)) = case.get("queryParams") {
            let params: Vec<&str> = query.iter().filter_map(Value::as_str).collect();
            if !params.is_empty() {
                uri.push('?');
                uri.push_str(&params.join("&"));
            }
        }
        // Cases name the headers they check; a sender adds the protocol's own.
        let mut headers = case["headers"].clone();
        if !headers.is_object() {
            headers = Value::Object(Default::default());
        }
        let has = |headers: &Value, name: &str| {
            headers
                .as_object()
                .is_some_and(|h| h.keys().any(|k| k.eq_ignore_ascii_case(name)))
        };
        let body = case["body"].as_str().unwrap_or_default();
        let content_type = match &svc.protocol {
            Protocol::AwsJson {
                content_type,
                target_prefix,
            } => {
                if !has(&headers, "x-amz-target") {
                    headers["X-Amz-Target"] = format!("{target_prefix}.{}", op.name).into();
                }
                Some(*content_type)
            }
            Protocol::RestJson => (!body.is_empty())
                .then(|| case["bodyMediaType"].as_str().unwrap_or("application/json")),
        };
        if let Some(content_type) = content_type.filter(|_| !has(&headers, "content-type")) {
            headers["Content-Type"] = content_type.into();
        }
        let method = case["method"].as_str().unwrap_or("POST");
        let text = format!(
            "L {}\n{method} {uri}\n{}\n{body}",
            svc.name,
            headers_text(&headers)
        );
        seeds.push((case["id"].as_str().unwrap_or(&op.name).to_string(), text));
    }
    spread(seeds, limit)
}

/// At most `limit` of `items`, evenly spaced.
fn spread<T>(items: Vec<T>, limit: usize) -> Vec<T> {
    let len = items.len();
    if len <= limit {
        return items;
    }
    let keep: Vec<usize> = (0..limit).map(|i| i * len / limit).collect();
    items
        .into_iter()
        .enumerate()
        .filter(|(i, _)| keep.contains(i))
        .map(|(_, item)| item)
        .collect()
}

/// One response case per operation (an operation's own, else one of its errors'), as
/// `L service Operation\nSTATUS\n...`.
fn suite_responses(svc: &Service, limit: usize) -> Vec<Seed> {
    let mut seeds = Vec::new();
    for op in &svc.ops {
        let mut list = cases(svc, &op.name, "smithy.test#httpResponseTests");
        for error in &op.errors {
            if list.is_empty() {
                list = cases(
                    svc,
                    codegen::model::shape_name(&error.id),
                    "smithy.test#httpResponseTests",
                );
            }
        }
        let Some(case) = list.first() else { continue };
        let text = format!(
            "L {} {}\n{}\n{}\n{}",
            svc.name,
            op.name,
            case["code"].as_u64().unwrap_or(200),
            headers_text(&case["headers"]),
            case["body"].as_str().unwrap_or_default()
        );
        seeds.push((case["id"].as_str().unwrap_or(&op.name).to_string(), text));
    }
    spread(seeds, limit)
}

/// For a service without test cases: a request to its first operation, an empty output and
/// its first error.
fn model_seeds(svc: &Service) -> (Vec<Seed>, Vec<Seed>) {
    let (content_type, target) = match &svc.protocol {
        Protocol::AwsJson {
            content_type,
            target_prefix,
        } => (*content_type, target_prefix.clone()),
        Protocol::RestJson => ("application/json", String::new()),
    };
    let mut requests = Vec::new();
    let mut responses = Vec::new();
    for op in svc.ops.iter().take(2) {
        requests.push((
            op.name.clone(),
            format!(
                "L {}\nPOST /\ncontent-type: {content_type}\nx-amz-target: {target}.{}\n\n{{}}",
                svc.name, op.name
            ),
        ));
        responses.push((
            format!("{}-output", op.name),
            format!(
                "L {} {}\n200\ncontent-type: {content_type}\n\n{{}}",
                svc.name, op.name
            ),
        ));
        if let Some(error) = op.errors.first() {
            let name = codegen::model::shape_name(&error.id);
            let text = format!("L {} {}\n{}\ncontent-type: {content_type}\n\n{{\"__type\":\"{}\",\"message\":\"m\"}}", svc.name, op.name, error.status, error.id);
            responses.push((format!("{}-{name}", op.name), text));
        }
    }
    (requests, responses)
}
