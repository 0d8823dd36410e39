//! The local service over HTTP: `spawn` and the generated server, driven with raw awsJson1.0
//! requests (what the AWS CLI and SDKs send).
#![cfg(feature = "server")]

use std::net::SocketAddr;

use mwaa_serverless_local::{spawn, spawn_with, LocalMwaa, Options, Progression};
use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// Sends one awsJson1.0 request and returns the status and the JSON body.
async fn call(addr: SocketAddr, operation: &str, body: Value) -> (u16, Value) {
    let body = body.to_string();
    let request = format!(
        "POST / HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/x-amz-json-1.0\r\n\
         X-Amz-Target: AmazonMWAAServerless.{operation}\r\nContent-Length: {}\r\n\
         Connection: close\r\n\r\n{body}",
        body.len()
    );
    let mut stream = TcpStream::connect(addr).await.unwrap();
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).await.unwrap();
    let text = String::from_utf8(response).unwrap();
    let (head, rest) = text.split_once("\r\n\r\n").unwrap();
    let status: u16 = head.split(' ').nth(1).unwrap().parse().unwrap();
    let chunked = head
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked");
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
    let value = if json_text.trim().is_empty() {
        Value::Null
    } else {
        serde_json::from_str(&json_text).unwrap_or_else(|e| panic!("{e}: {json_text:?}"))
    };
    (status, value)
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
