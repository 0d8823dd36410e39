//! The local service over HTTP: `spawn` and the generated server, driven with raw awsJson1.0
//! requests (what the AWS CLI and SDKs send), and malformed requests: wrong method or path,
//! missing or unknown `X-Amz-Target`, wrong content type, invalid JSON, JSON of the wrong
//! type, bodies over the limit and bodies that never arrive.
#![cfg(feature = "server")]

use std::net::SocketAddr;
use std::time::Duration;

use mwaa_serverless::server::{Server, ServerBuilder};

use mwaa_serverless_local::{spawn, spawn_with, LocalMwaa, Options, Progression};
use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// A response as read off the socket: the status, the headers (names in lower case) and the
/// body as JSON (`Null` when empty).
#[derive(Debug)]
struct Response {
    status: u16,
    headers: Vec<(String, String)>,
    body: Value,
}

impl Response {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The `__type` of an error body.
    fn error_type(&self) -> &str {
        self.body["__type"]
            .as_str()
            .unwrap_or_else(|| panic!("no __type in {self:?}"))
    }
}

/// Writes `request` as is on a new connection and reads the response until the server closes
/// the connection (or resets it, once the response is in).
async fn send(addr: SocketAddr, request: &[u8]) -> Response {
    let mut stream = TcpStream::connect(addr).await.unwrap();
    stream.write_all(request).await.unwrap();
    read_response(&mut stream).await
}

async fn read_response(stream: &mut TcpStream) -> Response {
    let mut response = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        match stream.read(&mut buf).await {
            Ok(0) => break,
            Ok(n) => response.extend_from_slice(&buf[..n]),
            Err(err) if !response.is_empty() => {
                eprintln!("connection ended with {err} after the response");
                break;
            }
            Err(err) => panic!("no response: {err}"),
        }
    }
    let text = String::from_utf8(response).unwrap();
    let (head, rest) = text
        .split_once("\r\n\r\n")
        .unwrap_or_else(|| panic!("no complete response head: {text:?}"));
    let mut lines = head.split("\r\n");
    let status: u16 = lines
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let headers: Vec<(String, String)> = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    let chunked = headers
        .iter()
        .any(|(n, v)| n == "transfer-encoding" && v.eq_ignore_ascii_case("chunked"));
    let json_text = if chunked {
        // Good enough for tests: the body is one chunk.
        let (_, after_size) = rest.split_once("\r\n").unwrap();
        after_size
            .rsplit_once("\r\n0\r\n")
            .map_or(after_size, |(b, _)| b)
            .to_owned()
    } else {
        rest.to_owned()
    };
    let body = if json_text.trim().is_empty() {
        Value::Null
    } else {
        serde_json::from_str(&json_text).unwrap_or_else(|e| panic!("{e}: {json_text:?}"))
    };
    Response {
        status,
        headers,
        body,
    }
}

/// A request with the given method, path, headers (each `Name: value`) and body, with
/// `Host`, `Content-Length` and `Connection: close` added.
fn request(addr: SocketAddr, method: &str, path: &str, headers: &[&str], body: &str) -> Vec<u8> {
    let mut text = format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\n");
    for header in headers {
        text.push_str(header);
        text.push_str("\r\n");
    }
    text.push_str(&format!(
        "Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    ));
    text.into_bytes()
}

const JSON: &str = "Content-Type: application/x-amz-json-1.0";

/// Sends one awsJson1.0 request and returns the status and the JSON body.
async fn call(addr: SocketAddr, operation: &str, body: Value) -> (u16, Value) {
    let target = format!("X-Amz-Target: AmazonMWAAServerless.{operation}");
    let response = send(
        addr,
        &request(addr, "POST", "/", &[JSON, &target], &body.to_string()),
    )
    .await;
    (response.status, response.body)
}

const ROLE: &str = "arn:aws:iam::111122223333:role/mwaa-local";

#[tokio::test]
async fn a_workflow_runs_over_http() {
    let (addr, handle) = spawn();
    assert_eq!(handle.addr(), addr);
    assert_eq!(handle.endpoint_url(), format!("http://{addr}"));

    let (status, created) = call(
        addr,
        "CreateWorkflow",
        json!({
            "Name": "etl",
            "DefinitionS3Location": {"Bucket": "dags", "ObjectKey": "etl.yaml"},
            "RoleArn": ROLE,
            "Tags": {"team": "data"},
        }),
    )
    .await;
    assert_eq!(status, 200, "{created}");
    let arn = created["WorkflowArn"].as_str().unwrap().to_owned();
    assert!(arn.starts_with("arn:aws:airflow-serverless:us-east-1:111122223333:workflow/etl-"));
    // Timestamps are ISO 8601 date-times, as the model's @timestampFormat says.
    assert!(created["CreatedAt"]
        .as_str()
        .unwrap()
        .starts_with("2026-01-01T"));

    let (status, started) = call(addr, "StartWorkflowRun", json!({"WorkflowArn": arn})).await;
    assert_eq!(status, 200, "{started}");
    assert_eq!(started["Status"], "STARTING");
    let run_id = started["RunId"].as_str().unwrap().to_owned();

    // The test drives the simulation through the handle it kept.
    handle.service().settle();
    let (status, run) = call(
        addr,
        "GetWorkflowRun",
        json!({"WorkflowArn": arn, "RunId": run_id}),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(run["RunDetail"]["RunState"], "SUCCESS");

    let (status, tags) = call(addr, "ListTagsForResource", json!({"ResourceArn": arn})).await;
    assert_eq!(status, 200);
    assert_eq!(tags["Tags"], json!({"team": "data"}));

    handle.shutdown().await.unwrap();
}

#[tokio::test]
async fn errors_come_back_as_aws_errors() {
    let (addr, _handle) = spawn();
    let unknown = "arn:aws:airflow-serverless:us-east-1:111122223333:workflow/none-abcdefghij";
    let (status, body) = call(addr, "GetWorkflow", json!({"WorkflowArn": unknown})).await;
    assert_eq!(status, 404, "{body}");
    assert!(body["__type"]
        .as_str()
        .unwrap()
        .ends_with("ResourceNotFoundException"));
    assert_eq!(body["ResourceId"], unknown);

    let (status, body) = call(addr, "ListWorkflows", json!({"NextToken": "123"})).await;
    assert_eq!(status, 400, "{body}");
    assert!(body["__type"]
        .as_str()
        .unwrap()
        .ends_with("ValidationException"));

    let create = json!({
        "Name": "dup",
        "DefinitionS3Location": {"Bucket": "dags", "ObjectKey": "dup.yaml"},
        "RoleArn": ROLE,
    });
    assert_eq!(call(addr, "CreateWorkflow", create.clone()).await.0, 200);
    let (status, body) = call(addr, "CreateWorkflow", create).await;
    assert_eq!(status, 409, "{body}");
    assert!(body["__type"]
        .as_str()
        .unwrap()
        .ends_with("ConflictException"));
}

#[tokio::test]
async fn on_read_progression_over_http_and_shutdown_on_drop() {
    let service =
        LocalMwaa::with_options(Options::default().with_progression(Progression::OnRead)).unwrap();
    let (addr, handle) = spawn_with(service.clone());
    let (_, created) = call(
        addr,
        "CreateWorkflow",
        json!({
            "Name": "poll",
            "DefinitionS3Location": {"Bucket": "dags", "ObjectKey": "poll.yaml"},
            "RoleArn": ROLE,
        }),
    )
    .await;
    let arn = created["WorkflowArn"].as_str().unwrap().to_owned();
    let (_, started) = call(addr, "StartWorkflowRun", json!({"WorkflowArn": arn})).await;
    let run_id = started["RunId"].as_str().unwrap().to_owned();
    let mut state = String::new();
    for _ in 0..10 {
        let (_, run) = call(
            addr,
            "GetWorkflowRun",
            json!({"WorkflowArn": arn, "RunId": run_id}),
        )
        .await;
        state = run["RunDetail"]["RunState"].as_str().unwrap().to_owned();
        if state == "SUCCESS" {
            break;
        }
    }
    assert_eq!(state, "SUCCESS");
    assert_eq!(service.workflow_count(), 1);

    drop(handle);
    // The server stops accepting shortly after the handle is dropped.
    let mut refused = false;
    for _ in 0..50 {
        if TcpStream::connect(addr).await.is_err() {
            refused = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert!(
        refused,
        "the server still accepts connections after the handle was dropped"
    );
}

/// The namespace the server gives the protocol's own errors in `__type`, as AWS services do.
const CORAL: &str = "com.amazon.coral.service#";

/// Checks an error response: its status, its `__type`, the `X-Amzn-Errortype` code, a
/// message, and a request id.
#[track_caller]
fn assert_error(response: &Response, status: u16, type_name: &str) {
    assert_eq!(response.status, status, "{response:?}");
    assert_eq!(response.error_type(), type_name, "{response:?}");
    let code = type_name.rsplit('#').next().unwrap();
    assert_eq!(
        response.header("x-amzn-errortype"),
        Some(code),
        "{response:?}"
    );
    assert!(
        response.body["message"]
            .as_str()
            .is_some_and(|m| !m.is_empty()),
        "{response:?}"
    );
    assert!(
        response.header("x-amzn-requestid").is_some(),
        "{response:?}"
    );
    assert_eq!(
        response.header("content-type"),
        Some("application/x-amz-json-1.0")
    );
}

#[tokio::test]
async fn malformed_requests_get_protocol_errors() {
    let service = LocalMwaa::new();
    let (addr, _handle) = spawn_with(service.clone());
    let list = "X-Amz-Target: AmazonMWAAServerless.ListWorkflows";
    let unknown_operation = format!("{CORAL}UnknownOperationException");
    let serialization = format!("{CORAL}SerializationException");

    // The well-formed request, for contrast.
    let ok = send(addr, &request(addr, "POST", "/", &[JSON, list], "{}")).await;
    assert_eq!(ok.status, 200, "{ok:?}");
    assert_eq!(ok.body, json!({"Workflows": []}));
    assert!(ok.header("x-amzn-requestid").is_some());

    // Wrong method, wrong path.
    for (method, path) in [
        ("GET", "/"),
        ("PUT", "/"),
        ("POST", "/workflows"),
        ("POST", "//"),
        ("POST", "/ListWorkflows"),
    ] {
        let response = send(addr, &request(addr, method, path, &[JSON, list], "{}")).await;
        assert_error(&response, 400, &unknown_operation);
    }
    // A path with a query string is still the path `/`.
    let response = send(addr, &request(addr, "POST", "/?x=1", &[JSON, list], "{}")).await;
    assert_eq!(response.status, 200, "{response:?}");

    // No target, a target of another service, an operation the service does not have, no
    // operation at all.
    for headers in [
        vec![JSON],
        vec![JSON, "X-Amz-Target: AmazonMWAA.ListWorkflows"],
        vec![JSON, "X-Amz-Target: AmazonMWAAServerless.ListRockets"],
        vec![JSON, "X-Amz-Target: AmazonMWAAServerless."],
        vec![JSON, "X-Amz-Target: ListWorkflows"],
        vec![JSON, "X-Amz-Target: AmazonMWAAServerless.listworkflows"],
    ] {
        let response = send(addr, &request(addr, "POST", "/", &headers, "{}")).await;
        assert_error(&response, 400, &unknown_operation);
    }

    // Content types: another media type, or none, with a body is refused; parameters and
    // case are fine; with an empty body the content type does not matter.
    for content_type in [
        Some("Content-Type: application/json"),
        Some("Content-Type: text/plain"),
        Some("Content-Type: application/x-amz-json-1.1"),
        None,
    ] {
        let headers: Vec<&str> = content_type.into_iter().chain([list]).collect();
        let response = send(addr, &request(addr, "POST", "/", &headers, "{}")).await;
        assert_error(&response, 400, &serialization);
        let response = send(addr, &request(addr, "POST", "/", &headers, "")).await;
        assert_eq!(response.status, 200, "{response:?}");
    }
    let response = send(
        addr,
        &request(
            addr,
            "POST",
            "/",
            &[
                "Content-Type: Application/X-Amz-JSON-1.0; charset=utf-8",
                list,
            ],
            "{}",
        ),
    )
    .await;
    assert_eq!(response.status, 200, "{response:?}");

    // Bodies that are not JSON, not an object, or not of the input's shape.
    for body in [
        "{",
        "{\"MaxResults\": 5,}",
        "not json",
        "[]",
        "\"ListWorkflows\"",
        "null",
        "42",
        "{\"MaxResults\": \"ten\"}",
        "{\"MaxResults\": 5.5}",
        "{\"MaxResults\": 99999999999}",
        "{\"NextToken\": 123}",
        "{\"MaxResults\": 5} trailing",
    ] {
        let response = send(addr, &request(addr, "POST", "/", &[JSON, list], body)).await;
        assert_error(&response, 400, &serialization);
    }
    let create = "X-Amz-Target: AmazonMWAAServerless.CreateWorkflow";
    for body in [
        // A structure where a string belongs, a map of numbers where a map of strings
        // belongs, a string where a structure belongs, a number where a list belongs. (A
        // list where a structure belongs: `a_list_is_not_a_structure`.)
        json!({"Name": {"a": 1}, "RoleArn": ROLE}),
        json!({
            "Name": "x",
            "DefinitionS3Location": {"Bucket": "dags", "ObjectKey": "x.yaml"},
            "RoleArn": ROLE,
            "Tags": {"team": 1},
        }),
        json!({"Name": "x", "DefinitionS3Location": "dags/x.yaml", "RoleArn": ROLE}),
        json!({
            "Name": "x",
            "DefinitionS3Location": {"Bucket": "dags", "ObjectKey": "x.yaml"},
            "RoleArn": ROLE,
            "NetworkConfiguration": {"SubnetIds": 7},
        }),
    ] {
        let response = send(
            addr,
            &request(addr, "POST", "/", &[JSON, create], &body.to_string()),
        )
        .await;
        assert_error(&response, 400, &serialization);
    }
    // Nothing reached the service.
    assert_eq!(service.workflow_count(), 0);

    // An empty body reads as `{}`; members the model does not know are ignored.
    let response = send(addr, &request(addr, "POST", "/", &[JSON, list], "")).await;
    assert_eq!(response.status, 200, "{response:?}");
    let response = send(
        addr,
        &request(addr, "POST", "/", &[JSON, list], "{\"Bogus\": [1, 2]}"),
    )
    .await;
    assert_eq!(response.status, 200, "{response:?}");
}

#[tokio::test]
async fn validation_failures_over_raw_http_list_every_field() {
    let (addr, _handle) = spawn();
    let create = "X-Amz-Target: AmazonMWAAServerless.CreateWorkflow";
    let body = json!({"Name": "-bad", "RoleArn": "not-an-arn"}).to_string();
    let response = send(addr, &request(addr, "POST", "/", &[JSON, create], &body)).await;
    assert_eq!(response.status, 400, "{response:?}");
    assert!(
        response.error_type().ends_with("#ValidationException"),
        "{response:?}"
    );
    assert_eq!(
        response.header("x-amzn-errortype"),
        Some("ValidationException")
    );
    assert_eq!(
        response.body["Reason"], "fieldValidationFailed",
        "{response:?}"
    );
    let mut fields: Vec<&str> = response.body["FieldList"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["Name"].as_str().unwrap())
        .collect();
    fields.sort();
    assert_eq!(fields, ["/DefinitionS3Location", "/Name", "/RoleArn"]);
}

/// Starts `LocalMwaa::new()` behind a server configured by `configure`, on a free port;
/// the server runs until the test's runtime ends.
fn spawn_configured(
    configure: impl FnOnce(ServerBuilder<LocalMwaa>) -> ServerBuilder<LocalMwaa>,
) -> SocketAddr {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let addr = listener.local_addr().unwrap();
    let listener = tokio::net::TcpListener::from_std(listener).unwrap();
    let server = configure(Server::builder(LocalMwaa::new())).build();
    tokio::spawn(server.serve(listener, std::future::pending()));
    addr
}

#[tokio::test]
async fn oversize_bodies_get_413() {
    let addr = spawn_configured(|b| b.body_limit(64));
    let list = "X-Amz-Target: AmazonMWAAServerless.ListWorkflows";
    let too_large = format!("{CORAL}RequestEntityTooLargeException");

    // At the limit: served.
    let body = format!("{{\"NextToken\":null{}}}", " ".repeat(64 - 18));
    assert_eq!(body.len(), 64);
    let response = send(addr, &request(addr, "POST", "/", &[JSON, list], &body)).await;
    assert_eq!(response.status, 200, "{response:?}");

    // Declared larger by Content-Length: refused before the body is read (none is sent).
    let head = format!(
        "POST / HTTP/1.1\r\nHost: {addr}\r\n{JSON}\r\n{list}\r\nContent-Length: 65\r\n\
         Connection: close\r\n\r\n"
    );
    let response = send(addr, head.as_bytes()).await;
    assert_error(&response, 413, &too_large);

    // Chunked, so only reading finds out: a chunk of 4096 declared, 100 bytes sent.
    let head = format!(
        "POST / HTTP/1.1\r\nHost: {addr}\r\n{JSON}\r\n{list}\r\nTransfer-Encoding: chunked\r\n\
         Connection: close\r\n\r\n1000\r\n{}",
        " ".repeat(100)
    );
    let response = send(addr, head.as_bytes()).await;
    assert_error(&response, 413, &too_large);
}

#[tokio::test]
async fn a_body_that_never_arrives_gets_408() {
    let addr = spawn_configured(|b| b.body_read_timeout(Duration::from_millis(200)));
    let head = format!(
        "POST / HTTP/1.1\r\nHost: {addr}\r\n{JSON}\r\n\
         X-Amz-Target: AmazonMWAAServerless.ListWorkflows\r\nContent-Length: 10\r\n\
         Connection: close\r\n\r\n{{}}"
    );
    let response = send(addr, head.as_bytes()).await;
    assert_error(&response, 408, &format!("{CORAL}RequestTimeoutException"));
}

/// serde's derived `Deserialize` for structs also accepts an array of the members in order;
/// awsJson has no such form, so the server reads structures only from objects and answers a
/// `SerializationException`, as for a string or number in that place.
#[tokio::test]
async fn a_list_is_not_a_structure() {
    let service = LocalMwaa::new();
    let (addr, _handle) = spawn_with(service.clone());
    let create = "X-Amz-Target: AmazonMWAAServerless.CreateWorkflow";
    let body = json!({"Name": "x", "DefinitionS3Location": ["dags", "x.yaml"], "RoleArn": ROLE});
    let response = send(
        addr,
        &request(addr, "POST", "/", &[JSON, create], &body.to_string()),
    )
    .await;
    assert_error(&response, 400, &format!("{CORAL}SerializationException"));
    assert_eq!(service.workflow_count(), 0);
}
