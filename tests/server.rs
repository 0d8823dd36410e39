//! The generated server (`mwaa_serverless::server`, feature `server`), over real TCP on
//! 127.0.0.1: routing, outputs, modeled and unmodeled errors, validation, every kind of
//! malformed request as raw HTTP, body limits, slow clients, SigV4 and graceful shutdown; and
//! the server as a plain `tower::Service`.

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use mwaa_serverless::error::Unhandled;
use mwaa_serverless::operation::get_workflow_run::{GetWorkflowRunError, GetWorkflowRunInput, GetWorkflowRunOutput};
use mwaa_serverless::operation::list_workflows::{ListWorkflowsError, ListWorkflowsInput, ListWorkflowsOutput};
use mwaa_serverless::server::{Credentials, Server, ServerBuilder};
use mwaa_serverless::types::error::{InternalServerException, ResourceNotFoundException, ThrottlingException};
use mwaa_serverless::MwaaServerless;
use serde_json::{json, Value};
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

const CONTENT_TYPE: &str = "application/x-amz-json-1.0";
const ARN: &str = "arn:aws:airflow-serverless:us-east-1:111122223333:workflow/etl-abc1234567";

/// Implements `GetWorkflowRun` (whose run id picks the behaviour) and `ListWorkflows`; every
/// other operation keeps the trait's "not implemented" default.
#[derive(Default)]
struct Double {
    waiting: AtomicUsize,
    slow_started: AtomicBool,
}

impl MwaaServerless for Double {
    async fn get_workflow_run(&self, input: GetWorkflowRunInput) -> Result<GetWorkflowRunOutput, GetWorkflowRunError> {
        let run_id = input.run_id.clone().unwrap_or_default();
        match run_id.as_str() {
            "missing" => {
                let err = ResourceNotFoundException::builder().message("no such run").resource_id("missing").resource_type("run");
                return Err(err.build().unwrap().into());
            }
            "throttled" => {
                let mut err = ThrottlingException::default();
                err.message = "slow down".into();
                err.retry_after_seconds = Some(3);
                return Err(err.into());
            }
            "broken" => {
                let mut err = InternalServerException::default();
                err.message = "it broke".into();
                return Err(err.into());
            }
            "teapot" => return Err(Unhandled::new(Some("TeapotException")).with_status(418).with_message("short and stout").into()),
            "panic" => panic!("the implementation panicked"),
            "slow" => {
                self.slow_started.store(true, Ordering::SeqCst);
                tokio::time::sleep(Duration::from_millis(1500)).await;
            }
            "together" => {
                // Finishes only once a second call is in here at the same time.
                self.waiting.fetch_add(1, Ordering::SeqCst);
                let deadline = Instant::now() + Duration::from_secs(5);
                while self.waiting.load(Ordering::SeqCst) < 2 {
                    assert!(Instant::now() < deadline, "the calls did not run concurrently");
                    tokio::time::sleep(Duration::from_millis(10)).await;
                }
            }
            _ => {}
        }
        Ok(GetWorkflowRunOutput::builder().run_id(run_id).set_workflow_arn(input.workflow_arn).build())
    }

    async fn list_workflows(&self, input: ListWorkflowsInput) -> Result<ListWorkflowsOutput, ListWorkflowsError> {
        Ok(ListWorkflowsOutput::builder().set_workflows(Some(Vec::new())).set_next_token(input.next_token).build().unwrap())
    }
}

/// A server running on an ephemeral port, stopped by `stop`.
struct Running {
    addr: SocketAddr,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    task: tokio::task::JoinHandle<std::io::Result<()>>,
}

impl Running {
    async fn start<S: MwaaServerless + 'static>(builder: ServerBuilder<S>) -> Running {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let shutdown = async move {
            let _ = stopped.await;
        };
        let task = tokio::spawn(builder.build().serve(listener, shutdown));
        Running { addr, stop: Some(stop), task }
    }

    async fn shut_down(mut self) {
        let _ = self.stop.take().unwrap().send(());
        tokio::time::timeout(Duration::from_secs(10), self.task).await.expect("serve returns after shutdown").unwrap().unwrap();
    }
}

/// A response as read off the socket.
#[derive(Debug)]
struct Raw {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Raw {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }

    /// Asserts an error response of the protocol or the model: status, `__type` ending in
    /// `#<code>` (or equal to it), the `X-Amzn-Errortype` header and a request id.
    fn assert_error(&self, status: u16, code: &str) -> Value {
        assert_eq!(self.status, status, "{self:?}");
        let body = self.json();
        let type_name = body["__type"].as_str().unwrap_or_else(|| panic!("no __type: {body}"));
        assert!(type_name == code || type_name.ends_with(&format!("#{code}")), "__type {type_name} is not {code}");
        assert_eq!(self.header("x-amzn-errortype"), Some(code));
        assert_eq!(self.header("content-type"), Some(CONTENT_TYPE));
        assert_request_id(self);
        body
    }
}

fn assert_request_id(raw: &Raw) {
    let id = raw.header("x-amzn-requestid").expect("x-amzn-requestid on every response");
    assert_eq!(id.len(), 36, "a UUID: {id}");
    assert_eq!(id.matches('-').count(), 4, "a UUID: {id}");
}

fn parse_response(bytes: &[u8]) -> Raw {
    let split = bytes.windows(4).position(|w| w == b"\r\n\r\n").unwrap_or_else(|| panic!("no response head in {:?}", String::from_utf8_lossy(bytes)));
    let head = std::str::from_utf8(&bytes[..split]).unwrap();
    let mut lines = head.split("\r\n");
    let status = lines.next().unwrap().split(' ').nth(1).unwrap().parse().unwrap();
    let headers = lines
        .map(|line| {
            let (name, value) = line.split_once(':').unwrap();
            (name.trim().to_ascii_lowercase(), value.trim().to_string())
        })
        .collect();
    Raw { status, headers, body: bytes[split + 4..].to_vec() }
}

/// Sends `request` as written on a fresh connection and reads until the server closes it.
async fn send_raw(addr: SocketAddr, request: Vec<u8>) -> Raw {
    let bytes = tokio::task::spawn_blocking(move || {
        let mut stream = TcpStream::connect(addr).unwrap();
        stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        stream.write_all(&request).unwrap();
        let mut out = Vec::new();
        stream.read_to_end(&mut out).unwrap();
        out
    })
    .await
    .unwrap();
    parse_response(&bytes)
}

/// An HTTP/1.1 request with `Connection: close` and a `Content-Length`.
fn http_request(method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Vec<u8> {
    let mut out = format!("{method} {path} HTTP/1.1\r\nconnection: close\r\ncontent-length: {}\r\n", body.len());
    if !headers.iter().any(|(n, _)| n.eq_ignore_ascii_case("host")) {
        out.push_str("host: localhost\r\n");
    }
    for (name, value) in headers {
        out.push_str(&format!("{name}: {value}\r\n"));
    }
    out.push_str("\r\n");
    let mut out = out.into_bytes();
    out.extend_from_slice(body);
    out
}

fn target(operation: &str) -> String {
    format!("AmazonMWAAServerless.{operation}")
}

/// A well-formed awsJson call.
async fn call(addr: SocketAddr, operation: &str, body: &str) -> Raw {
    let target = target(operation);
    send_raw(addr, http_request("POST", "/", &[("content-type", CONTENT_TYPE), ("x-amz-target", &target)], body.as_bytes())).await
}

fn run_body(run_id: &str) -> String {
    json!({ "WorkflowArn": ARN, "RunId": run_id }).to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn routes_every_operation_to_its_method() {
    let server = Running::start(Server::builder(Double::default())).await;
    // One body with every member any operation requires: unknown members are ignored.
    let body = json!({
        "Name": "etl",
        "WorkflowArn": ARN,
        "ResourceArn": ARN,
        "RunId": "run-1",
        "TaskInstanceId": "task-1",
        "RoleArn": "arn:aws:iam::111122223333:role/etl",
        "DefinitionS3Location": { "Bucket": "bucket", "ObjectKey": "dag.yaml" },
        "Tags": { "team": "data" },
        "TagKeys": ["team"],
    })
    .to_string();
    let operations = [
        "CreateWorkflow",
        "DeleteWorkflow",
        "GetTaskInstance",
        "GetWorkflow",
        "ListTagsForResource",
        "ListTaskInstances",
        "ListWorkflowRuns",
        "ListWorkflowVersions",
        "StartWorkflowRun",
        "StopWorkflowRun",
        "TagResource",
        "UntagResource",
        "UpdateWorkflow",
    ];
    for operation in operations {
        // The double leaves these to the trait's default, whose message names the method's
        // operation: each target reached its own method.
        let raw = call(server.addr, operation, &body).await;
        let err = raw.assert_error(501, "NotImplemented");
        assert_eq!(err["message"], format!("operation `{operation}` is not implemented"), "{operation}");
    }
    let raw = call(server.addr, "GetWorkflowRun", &body).await;
    assert_eq!(raw.status, 200, "{raw:?}");
    assert_eq!(raw.header("content-type"), Some(CONTENT_TYPE));
    assert_eq!(raw.header("x-amzn-errortype"), None);
    assert_request_id(&raw);
    assert_eq!(raw.json(), json!({ "RunId": "run-1", "WorkflowArn": ARN }));
    let raw = call(server.addr, "ListWorkflows", r#"{"NextToken": "page-2"}"#).await;
    assert_eq!(raw.status, 200, "{raw:?}");
    assert_eq!(raw.json(), json!({ "Workflows": [], "NextToken": "page-2" }));
    server.shut_down().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_empty_body_reads_as_an_empty_object() {
    let server = Running::start(Server::builder(Double::default())).await;
    let raw = call(server.addr, "ListWorkflows", "").await;
    assert_eq!(raw.status, 200, "{raw:?}");
    assert_eq!(raw.json(), json!({ "Workflows": [] }));
    // Without a body the content type does not matter.
    let raw = send_raw(server.addr, http_request("POST", "/", &[("x-amz-target", &target("ListWorkflows"))], b"")).await;
    assert_eq!(raw.status, 200, "{raw:?}");
    // A content type with parameters is still the content type.
    let ct = format!("{CONTENT_TYPE}; charset=utf-8");
    let raw = send_raw(server.addr, http_request("POST", "/", &[("content-type", &ct), ("x-amz-target", &target("ListWorkflows"))], b"{}")).await;
    assert_eq!(raw.status, 200, "{raw:?}");
    server.shut_down().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn modeled_errors_carry_their_shape_status_and_code() {
    let server = Running::start(Server::builder(Double::default())).await;

    let raw = call(server.addr, "GetWorkflowRun", &run_body("missing")).await;
    let body = raw.assert_error(404, "ResourceNotFoundException");
    assert_eq!(
        body,
        json!({
            "__type": "com.amazonaws.mwaaserverless#ResourceNotFoundException",
            "Message": "no such run",
            "ResourceId": "missing",
            "ResourceType": "run",
        })
    );
    // `__type` comes first, as AWS services write it.
    assert!(raw.body.starts_with(br#"{"__type":"com.amazonaws.mwaaserverless#ResourceNotFoundException","#));

    let raw = call(server.addr, "GetWorkflowRun", &run_body("throttled")).await;
    let body = raw.assert_error(429, "ThrottlingException");
    assert_eq!(body["__type"], "com.amazonaws.mwaaserverless#ThrottlingException");
    assert_eq!(body["Message"], "slow down");
    assert_eq!(body["RetryAfterSeconds"], 3);

    let raw = call(server.addr, "GetWorkflowRun", &run_body("broken")).await;
    let body = raw.assert_error(500, "InternalServerException");
    assert_eq!(body["__type"], "com.amazonaws.mwaaserverless#InternalServerException");

    // Errors the model does not name keep their code, status and message.
    let raw = call(server.addr, "GetWorkflowRun", &run_body("teapot")).await;
    let body = raw.assert_error(418, "TeapotException");
    assert_eq!(body, json!({ "__type": "TeapotException", "message": "short and stout" }));

    // The client-side reader of the same crate reads what the server wrote.
    let raw = call(server.addr, "GetWorkflowRun", &run_body("missing")).await;
    let err = GetWorkflowRunError::from_code_and_body(raw.header("x-amzn-errortype").unwrap(), Some(raw.status), &raw.body);
    let GetWorkflowRunError::ResourceNotFoundException(err) = err else { panic!("{err:?}") };
    assert_eq!(err.resource_id, "missing");
    server.shut_down().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_panicking_implementation_costs_a_500_not_the_server() {
    let server = Running::start(Server::builder(Double::default())).await;
    let raw = call(server.addr, "GetWorkflowRun", &run_body("panic")).await;
    raw.assert_error(500, "InternalFailure");
    let raw = call(server.addr, "GetWorkflowRun", &run_body("after")).await;
    assert_eq!(raw.status, 200);
    server.shut_down().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn invalid_input_gets_a_validation_exception_with_every_field() {
    let server = Running::start(Server::builder(Double::default())).await;
    let raw = call(server.addr, "GetWorkflowRun", r#"{"WorkflowArn": "not-an-arn"}"#).await;
    let body = raw.assert_error(400, "ValidationException");
    assert_eq!(body["__type"], "com.amazonaws.mwaaserverless#ValidationException");
    assert_eq!(body["Reason"], "fieldValidationFailed");
    assert!(body["Message"].as_str().unwrap().starts_with("2 validation errors detected"), "{body}");
    let fields = body["FieldList"].as_array().unwrap();
    let names: Vec<&str> = fields.iter().map(|f| f["Name"].as_str().unwrap()).collect();
    assert!(names.contains(&"/WorkflowArn"), "{body}");
    assert!(names.contains(&"/RunId"), "{body}");
    assert!(fields.iter().all(|f| f["Message"].as_str().is_some_and(|m| m.contains("failed to satisfy constraint"))));
    server.shut_down().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn requests_outside_the_protocol_are_refused_with_its_errors() {
    let server = Running::start(Server::builder(Double::default())).await;
    let get = target("GetWorkflowRun");
    let good = run_body("run-1");
    let ct = ("content-type", CONTENT_TYPE);
    let cases: Vec<(&str, Vec<u8>, u16, &str)> = vec![
        ("GET", http_request("GET", "/", &[ct, ("x-amz-target", &get)], b""), 400, "UnknownOperationException"),
        ("PUT", http_request("PUT", "/", &[ct, ("x-amz-target", &get)], good.as_bytes()), 400, "UnknownOperationException"),
        ("other path", http_request("POST", "/runs", &[ct, ("x-amz-target", &get)], good.as_bytes()), 400, "UnknownOperationException"),
        ("no target", http_request("POST", "/", &[ct], good.as_bytes()), 400, "UnknownOperationException"),
        ("unknown operation", http_request("POST", "/", &[ct, ("x-amz-target", "AmazonMWAAServerless.Nope")], good.as_bytes()), 400, "UnknownOperationException"),
        ("other service", http_request("POST", "/", &[ct, ("x-amz-target", "DynamoDB_20120810.GetWorkflowRun")], good.as_bytes()), 400, "UnknownOperationException"),
        ("no service", http_request("POST", "/", &[ct, ("x-amz-target", "GetWorkflowRun")], good.as_bytes()), 400, "UnknownOperationException"),
        ("wrong content type", http_request("POST", "/", &[("content-type", "text/plain"), ("x-amz-target", &get)], good.as_bytes()), 400, "SerializationException"),
        ("awsJson1.1 content type", http_request("POST", "/", &[("content-type", "application/x-amz-json-1.1"), ("x-amz-target", &get)], good.as_bytes()), 400, "SerializationException"),
        ("no content type", http_request("POST", "/", &[("x-amz-target", &get)], good.as_bytes()), 400, "SerializationException"),
        ("invalid JSON", http_request("POST", "/", &[ct, ("x-amz-target", &get)], b"{\"RunId\": "), 400, "SerializationException"),
        ("trailing data", http_request("POST", "/", &[ct, ("x-amz-target", &get)], b"{} {}"), 400, "SerializationException"),
        ("wrong member type", http_request("POST", "/", &[ct, ("x-amz-target", &get)], br#"{"WorkflowArn": 5, "RunId": "r"}"#), 400, "SerializationException"),
        ("array", http_request("POST", "/", &[ct, ("x-amz-target", &get)], b"[]"), 400, "SerializationException"),
        ("null", http_request("POST", "/", &[ct, ("x-amz-target", &get)], b"null"), 400, "SerializationException"),
        ("string", http_request("POST", "/", &[ct, ("x-amz-target", &get)], b"\"hello\""), 400, "SerializationException"),
        ("not UTF-8", http_request("POST", "/", &[ct, ("x-amz-target", &get)], b"{\"RunId\": \"\xff\xfe\"}"), 400, "SerializationException"),
    ];
    for (name, request, status, code) in cases {
        let raw = send_raw(server.addr, request).await;
        assert_ne!(raw.status, 200, "{name}");
        let body = raw.assert_error(status, code);
        assert!(body["__type"].as_str().unwrap().starts_with("com.amazon.coral.service#"), "{name}: {body}");
    }
    server.shut_down().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bodies_over_the_limit_get_413() {
    let server = Running::start(Server::builder(Double::default()).body_limit(1024)).await;
    let big = json!({ "WorkflowArn": ARN, "RunId": "run-1", "Padding": "x".repeat(4000) }).to_string();
    // Refused by its Content-Length, before it is read.
    let raw = call(server.addr, "GetWorkflowRun", &big).await;
    raw.assert_error(413, "RequestEntityTooLargeException");
    // Refused while reading, when no length is declared.
    let chunked = format!(
        "POST / HTTP/1.1\r\nhost: localhost\r\nconnection: close\r\ncontent-type: {CONTENT_TYPE}\r\nx-amz-target: {}\r\ntransfer-encoding: chunked\r\n\r\n{:x}\r\n{big}\r\n0\r\n\r\n",
        target("GetWorkflowRun"),
        big.len()
    );
    let raw = send_raw(server.addr, chunked.into_bytes()).await;
    raw.assert_error(413, "RequestEntityTooLargeException");
    // At the limit is fine.
    let raw = call(server.addr, "GetWorkflowRun", &run_body("run-1")).await;
    assert_eq!(raw.status, 200);
    server.shut_down().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slow_clients_are_cut_off_and_do_not_hold_the_server() {
    let builder = Server::builder(Double::default())
        .header_read_timeout(Duration::from_millis(300))
        .body_read_timeout(Duration::from_millis(300));
    let server = Running::start(builder).await;
    let addr = server.addr;

    // Headers that never finish.
    let slow_headers = tokio::task::spawn_blocking(move || {
        let mut stream = TcpStream::connect(addr).unwrap();
        stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        stream.write_all(b"POST / HTTP/1.1\r\nhost: localhost\r\n").unwrap();
        let started = Instant::now();
        let mut out = Vec::new();
        let _ = stream.read_to_end(&mut out);
        (started.elapsed(), out)
    });
    // A body that never finishes.
    let slow_body = tokio::task::spawn_blocking(move || {
        let mut stream = TcpStream::connect(addr).unwrap();
        stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        let head = format!(
            "POST / HTTP/1.1\r\nhost: localhost\r\nconnection: close\r\ncontent-type: {CONTENT_TYPE}\r\nx-amz-target: {}\r\ncontent-length: 100\r\n\r\n{{",
            target("ListWorkflows")
        );
        stream.write_all(head.as_bytes()).unwrap();
        let mut out = Vec::new();
        let _ = stream.read_to_end(&mut out);
        out
    });

    // A connection that never sends anything.
    let idle = tokio::task::spawn_blocking(move || {
        let mut stream = TcpStream::connect(addr).unwrap();
        stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        let started = Instant::now();
        let mut out = Vec::new();
        let _ = stream.read_to_end(&mut out);
        started.elapsed()
    });

    // Meanwhile the server answers others at once.
    let raw = call(addr, "ListWorkflows", "{}").await;
    assert_eq!(raw.status, 200);

    let (elapsed, out) = slow_headers.await.unwrap();
    assert!(elapsed < Duration::from_secs(5), "the connection was held for {elapsed:?}");
    assert!(!String::from_utf8_lossy(&out).contains(" 200 "), "{}", String::from_utf8_lossy(&out));
    let elapsed = idle.await.unwrap();
    assert!(elapsed < Duration::from_secs(5), "the idle connection was held for {elapsed:?}");
    let out = slow_body.await.unwrap();
    parse_response(&out).assert_error(408, "RequestTimeoutException");
    server.shut_down().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn requests_are_handled_concurrently() {
    let server = Running::start(Server::builder(Double::default())).await;
    // Each call returns only once the other one is in the handler too.
    let addr = server.addr;
    let a = tokio::spawn(async move { call(addr, "GetWorkflowRun", &run_body("together")).await });
    let b = tokio::spawn(async move { call(addr, "GetWorkflowRun", &run_body("together")).await });
    assert_eq!(a.await.unwrap().status, 200);
    assert_eq!(b.await.unwrap().status, 200);
    server.shut_down().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shutdown_lets_requests_in_flight_finish_then_stops_accepting() {
    let double = Arc::new(Double::default());
    let mut server = Running::start(Server::builder(Arc::clone(&double))).await;
    let addr = server.addr;
    let in_flight = tokio::spawn(async move { call(addr, "GetWorkflowRun", &run_body("slow")).await });
    let deadline = Instant::now() + Duration::from_secs(10);
    while !double.slow_started.load(Ordering::SeqCst) {
        assert!(Instant::now() < deadline, "the request never reached the implementation");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let _ = server.stop.take().unwrap().send(());
    tokio::time::sleep(Duration::from_millis(50)).await;
    assert!(!server.task.is_finished(), "serve returned with a request in flight");
    let raw = in_flight.await.unwrap();
    assert_eq!(raw.status, 200, "{raw:?}");
    assert_eq!(raw.json()["RunId"], "slow");
    tokio::time::timeout(Duration::from_secs(5), server.task).await.expect("serve returns").unwrap().unwrap();
    let refused = tokio::task::spawn_blocking(move || TcpStream::connect(addr)).await.unwrap();
    assert!(refused.is_err(), "still accepting after shutdown");
}

#[tokio::test]
async fn the_server_is_a_tower_service() {
    let mut server = Server::new(Double::default());
    let request = http::Request::post("/")
        .header("content-type", CONTENT_TYPE)
        .header("x-amz-target", target("GetWorkflowRun"))
        .body(Full::new(Bytes::from(run_body("run-7"))))
        .unwrap();
    std::future::poll_fn(|cx| tower_service::Service::<http::Request<Full<Bytes>>>::poll_ready(&mut server, cx)).await.unwrap();
    let response = tower_service::Service::call(&mut server, request).await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], CONTENT_TYPE);
    assert!(response.headers().contains_key("x-amzn-requestid"));
    let body = response.into_body().collect().await.unwrap().to_bytes();
    let body: Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(body["RunId"], "run-7");
    // Clones share the implementation.
    let mut clone = server.clone();
    let request = http::Request::get("/").body(Full::new(Bytes::new())).unwrap();
    let response = tower_service::Service::call(&mut clone, request).await.unwrap();
    assert_eq!(response.status(), 400);
    assert_eq!(response.headers()["x-amzn-errortype"], "UnknownOperationException");
}

// ---- SigV4 ----

const KEY_ID: &str = "AKIDEXAMPLE";
const SECRET: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
const TEMP_KEY_ID: &str = "ASIATEMPORARY";
const TOKEN: &str = "session-token-1";

fn signing_server() -> ServerBuilder<Double> {
    Server::builder(Double::default()).verify_sigv4(|key_id| match key_id {
        KEY_ID => Some(Credentials::from_keys(KEY_ID, SECRET, None)),
        TEMP_KEY_ID => Some(Credentials::from_keys(TEMP_KEY_ID, SECRET, Some(TOKEN.to_string()))),
        _ => None,
    })
}

/// A request signed the way AWS SDKs sign awsJson requests, written out as raw HTTP.
fn signed(operation: &str, body: &str, key_id: &str, secret: &str, token: Option<&str>, time: SystemTime, service: &str) -> Vec<u8> {
    use aws_sigv4::http_request::{sign, SignableBody, SignableRequest, SigningSettings};
    let mut request = http::Request::post("http://localhost/")
        .header("host", "localhost")
        .header("content-type", CONTENT_TYPE)
        .header("x-amz-target", target(operation))
        .body(())
        .unwrap();
    let identity = aws_credential_types::Credentials::new(key_id, secret, token.map(String::from), None, "test").into();
    let params = aws_sigv4::sign::v4::SigningParams::builder()
        .identity(&identity)
        .region("us-east-1")
        .name(service)
        .time(time)
        .settings(SigningSettings::default())
        .build()
        .unwrap()
        .into();
    let headers = request.headers().iter().map(|(n, v)| (n.as_str(), v.to_str().unwrap()));
    let signable = SignableRequest::new("POST", "http://localhost/", headers, SignableBody::Bytes(body.as_bytes())).unwrap();
    let (instructions, _) = sign(signable, &params).unwrap().into_parts();
    instructions.apply_to_request_http1x(&mut request);
    let headers: Vec<(String, String)> = request.headers().iter().map(|(n, v)| (n.to_string(), v.to_str().unwrap().to_string())).collect();
    let headers: Vec<(&str, &str)> = headers.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
    http_request("POST", "/", &headers, body.as_bytes())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigv4_accepts_signed_requests_and_refuses_the_rest() {
    let server = Running::start(signing_server()).await;
    let addr = server.addr;
    let body = run_body("run-1");
    let now = SystemTime::now();
    let sign = |body: &str, key: &str, secret: &str, token: Option<&str>, time: SystemTime| signed("GetWorkflowRun", body, key, secret, token, time, "airflow-serverless");

    let raw = send_raw(addr, sign(&body, KEY_ID, SECRET, None, now)).await;
    assert_eq!(raw.status, 200, "{}", String::from_utf8_lossy(&raw.body));
    assert_eq!(raw.json()["RunId"], "run-1");

    // Temporary credentials, with their session token.
    let raw = send_raw(addr, sign(&body, TEMP_KEY_ID, SECRET, Some(TOKEN), now)).await;
    assert_eq!(raw.status, 200, "{}", String::from_utf8_lossy(&raw.body));
    let raw = send_raw(addr, sign(&body, TEMP_KEY_ID, SECRET, Some("another-token"), now)).await;
    raw.assert_error(403, "UnrecognizedClientException");
    let raw = send_raw(addr, sign(&body, TEMP_KEY_ID, SECRET, None, now)).await;
    raw.assert_error(403, "UnrecognizedClientException");

    // Unsigned.
    let raw = call(addr, "GetWorkflowRun", &body).await;
    let err = raw.assert_error(403, "MissingAuthenticationTokenException");
    assert_eq!(err["__type"], "com.amazon.coral.service#MissingAuthenticationTokenException");
    // Unsigned and outside the protocol: refused before anything else is said.
    let raw = send_raw(addr, http_request("GET", "/", &[], b"")).await;
    raw.assert_error(403, "MissingAuthenticationTokenException");

    // An access key the lookup does not know.
    let raw = send_raw(addr, sign(&body, "AKIDUNKNOWN", SECRET, None, now)).await;
    raw.assert_error(403, "UnrecognizedClientException");

    // The wrong secret.
    let raw = send_raw(addr, sign(&body, KEY_ID, "not-the-secret", None, now)).await;
    raw.assert_error(403, "InvalidSignatureException");

    // A body changed after signing.
    let mut tampered = sign(&body, KEY_ID, SECRET, None, now);
    let at = tampered.windows(5).position(|w| w == b"run-1").unwrap();
    tampered[at + 4] = b'2';
    let raw = send_raw(addr, tampered).await;
    raw.assert_error(403, "InvalidSignatureException");

    // A header changed after signing: the target is signed.
    let retargeted = String::from_utf8(sign(&body, KEY_ID, SECRET, None, now)).unwrap().replace("GetWorkflowRun", "GetWorkflow");
    let raw = send_raw(addr, retargeted.into_bytes()).await;
    raw.assert_error(403, "InvalidSignatureException");

    // Signed 20 minutes ago, or 20 minutes ahead.
    for skew in [-1200i64, 1200] {
        let time = if skew < 0 { now - Duration::from_secs(1200) } else { now + Duration::from_secs(1200) };
        let raw = send_raw(addr, sign(&body, KEY_ID, SECRET, None, time)).await;
        let err = raw.assert_error(403, "InvalidSignatureException");
        assert!(err["message"].as_str().unwrap().starts_with("Signature "), "{err}");
    }
    // Within the 15 minutes, fine.
    let raw = send_raw(addr, sign(&body, KEY_ID, SECRET, None, now - Duration::from_secs(600))).await;
    assert_eq!(raw.status, 200);

    // Scoped to another service.
    let raw = send_raw(addr, signed("GetWorkflowRun", &body, KEY_ID, SECRET, None, now, "dynamodb")).await;
    raw.assert_error(403, "InvalidSignatureException");

    // An Authorization header that is not SigV4.
    let raw = send_raw(addr, http_request("POST", "/", &[("authorization", "Basic dXNlcjpwYXNz"), ("content-type", CONTENT_TYPE), ("x-amz-target", &target("GetWorkflowRun"))], body.as_bytes())).await;
    raw.assert_error(400, "IncompleteSignatureException");
    server.shut_down().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_sigv4_signatures_are_not_needed_nor_checked() {
    let server = Running::start(Server::builder(Double::default())).await;
    let raw = send_raw(server.addr, signed("GetWorkflowRun", &run_body("run-1"), "AKIDUNKNOWN", "x", None, SystemTime::now(), "airflow-serverless")).await;
    assert_eq!(raw.status, 200);
    let raw = call(server.addr, "GetWorkflowRun", &run_body("run-1")).await;
    assert_eq!(raw.status, 200);
    server.shut_down().await;
}

#[test]
fn credentials_do_not_print_their_secrets() {
    let creds = Credentials::from_keys(KEY_ID, SECRET, Some(TOKEN.to_string()));
    let shown = format!("{creds:?}");
    assert!(shown.contains(KEY_ID));
    assert!(!shown.contains(SECRET) && !shown.contains(TOKEN), "{shown}");
    assert_eq!(creds.session_token(), Some(TOKEN));
}
