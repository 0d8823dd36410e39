//! The whole client call with an in-process transport: input serialization, endpoint, SigV4
//! signing, the HTTP request, the transport, response classification and output parsing.
//! `cargo bench -p codegen-tests --bench client`.

use bytes::Bytes;
use mwaa_serverless::auth::Credentials;
use mwaa_serverless::client::{transport_fn, HttpRequest, HttpResponse, RetryConfig};
use mwaa_serverless::operation::get_workflow_run::GetWorkflowRunInput;
use mwaa_serverless::operation::list_task_instances::ListTaskInstancesInput;
use mwaa_serverless::{Client, Config, MwaaServerless};

fn main() {
    divan::main();
}

const ARN: &str = "arn:aws:airflow-serverless:us-east-1:111122223333:workflow/etl-abc123";

fn get_workflow_run_body() -> Bytes {
    Bytes::from(
        serde_json::json!({
            "WorkflowArn": ARN,
            "WorkflowVersion": "3",
            "RunId": "run-20240726-0001",
            "RunType": "ON_DEMAND",
            "OverrideParameters": {"batch_size": 500, "owner": "data-eng"},
            "RunDetail": {
                "RunId": "run-20240726-0001",
                "StartedOn": "2024-07-26T10:15:30.125Z",
                "CreatedAt": "2024-07-26T10:15:00Z",
                "Duration": 1800,
                "TaskInstances": ["ti-1", "ti-2"],
                "RunState": "RUNNING"
            }
        })
        .to_string(),
    )
}

fn list_task_instances_body(n: usize) -> Bytes {
    let items: Vec<serde_json::Value> = (0..n)
        .map(|i| {
            let status = ["SUCCESS", "RUNNING", "FAILED", "QUEUED"][i % 4];
            serde_json::json!({
                "WorkflowArn": ARN,
                "WorkflowVersion": "3",
                "RunId": "run-20240726-0001",
                "TaskInstanceId": format!("ti-{i}"),
                "Status": status,
                "DurationInSeconds": i % 600,
                "OperatorName": "S3ToRedshiftOperator"
            })
        })
        .collect();
    Bytes::from(serde_json::json!({"TaskInstances": items, "NextToken": "token-2"}).to_string())
}

/// A client whose transport answers every request with `body`, as a service would.
fn client(body: Bytes) -> Client {
    let transport = transport_fn(move |_req: HttpRequest| {
        let body = body.clone();
        async move {
            Ok::<HttpResponse, _>(
                http::Response::builder()
                    .status(200)
                    .header("content-type", "application/x-amz-json-1.0")
                    .header("x-amzn-requestid", "c0ffee00-0000-4000-8000-000000000000")
                    .body(body)
                    .unwrap(),
            )
        }
    });
    Client::new(
        Config::builder()
            .region("us-east-1")
            .credentials(Credentials::new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", None))
            .retry_config(RetryConfig::standard())
            .transport(transport)
            .build(),
    )
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap()
}

#[divan::bench]
fn get_workflow_run(bencher: divan::Bencher) {
    let rt = runtime();
    let client = client(get_workflow_run_body());
    let input = GetWorkflowRunInput::builder().workflow_arn(ARN).run_id("run-20240726-0001").build().unwrap();
    bencher.bench_local(|| rt.block_on(MwaaServerless::get_workflow_run(&client, divan::black_box(input.clone()))).unwrap());
}

#[divan::bench]
fn list_task_instances_10k(bencher: divan::Bencher) {
    let rt = runtime();
    let client = client(list_task_instances_body(10_000));
    let input = ListTaskInstancesInput::builder().workflow_arn(ARN).run_id("run-20240726-0001").build().unwrap();
    bencher.bench_local(|| {
        let out = rt.block_on(MwaaServerless::list_task_instances(&client, divan::black_box(input.clone()))).unwrap();
        assert_eq!(out.task_instances.as_ref().map_or(0, Vec::len), 10_000);
        out
    });
}
