//! The whole client call with an in-process transport: input serialization, endpoint, SigV4
//! signing, the HTTP request, the transport, response classification and output parsing.
//! `cargo bench -p codegen-tests --bench client`.

use bytes::Bytes;
use mwaa_serverless::auth::Credentials;
use mwaa_serverless::client::{transport_fn, HttpRequest, HttpResponse, RetryConfig};
use mwaa_serverless::operation::get_workflow_run::GetWorkflowRunInput;
use mwaa_serverless::operation::list_task_instances::ListTaskInstancesInput;
use mwaa_serverless::{Client, Config, MwaaServerless};
use responses::{ARN, RUN_ID};

mod responses;

fn main() {
    divan::main();
}

fn get_workflow_run_body() -> Bytes {
    Bytes::from(responses::get_workflow_run_body())
}

fn list_task_instances_body(n: usize) -> Bytes {
    Bytes::from(responses::list_task_instances_body(n))
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
            .credentials(Credentials::from_keys("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", None))
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
    let input = GetWorkflowRunInput::builder().workflow_arn(ARN).run_id(RUN_ID).build().unwrap();
    bencher.bench_local(|| rt.block_on(MwaaServerless::get_workflow_run(&client, divan::black_box(input.clone()))).unwrap());
}

#[divan::bench]
fn list_task_instances_10k(bencher: divan::Bencher) {
    let rt = runtime();
    let client = client(list_task_instances_body(10_000));
    let input = ListTaskInstancesInput::builder().workflow_arn(ARN).run_id(RUN_ID).build().unwrap();
    bencher.bench_local(|| {
        let out = rt.block_on(MwaaServerless::list_task_instances(&client, divan::black_box(input.clone()))).unwrap();
        assert_eq!(out.task_instances.as_ref().map_or(0, Vec::len), 10_000);
        out
    });
}
