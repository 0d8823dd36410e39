//! The whole client call with an in-process transport, through this project's generated
//! client and through the AWS SDK for Rust (`aws-sdk-mwaaserverless`), on the same responses.
//! `cd tests/sdk-comparison && cargo bench`.

use bytes::Bytes;
use responses::{ARN, RUN_ID};

#[path = "../../benches/responses/mod.rs"]
mod responses;

fn main() {
    divan::main();
}

const REQUEST_ID: &str = "c0ffee00-0000-4000-8000-000000000000";
const KEY: (&str, &str) = ("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");

fn get_workflow_run_body() -> Bytes {
    Bytes::from(responses::get_workflow_run_body())
}

fn list_task_instances_body(n: usize) -> Bytes {
    Bytes::from(responses::list_task_instances_body(n))
}

fn response(body: Bytes) -> http::Response<Bytes> {
    http::Response::builder()
        .status(200)
        .header("content-type", "application/x-amz-json-1.0")
        .header("x-amzn-requestid", REQUEST_ID)
        .body(body)
        .expect("a valid response")
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a runtime")
}

mod ours {
    use super::*;
    use mwaa_serverless::auth::Credentials;
    use mwaa_serverless::client::{transport_fn, HttpRequest, HttpResponse, RetryConfig};
    use mwaa_serverless::{Client, Config};

    pub fn client(body: Bytes) -> Client {
        let transport = transport_fn(move |_req: HttpRequest| {
            let body = body.clone();
            async move { Ok::<HttpResponse, _>(response(body)) }
        });
        Client::new(
            Config::builder()
                .region("us-east-1")
                .credentials(Credentials::from_keys(KEY.0, KEY.1, None))
                .retry_config(RetryConfig::standard())
                .transport(transport)
                .build(),
        )
    }
}

mod sdk {
    use super::*;
    use aws_sdk_mwaaserverless::config::{BehaviorVersion, Region};
    use aws_sdk_mwaaserverless::{Client, Config};
    use aws_smithy_http_client::test_util::infallible_client_fn;

    pub fn client(body: Bytes) -> Client {
        let http_client = infallible_client_fn(move |_req| response(body.clone()));
        Client::from_conf(
            Config::builder()
                .behavior_version(BehaviorVersion::latest())
                .region(Region::new("us-east-1"))
                .credentials_provider(aws_credential_types::Credentials::new(KEY.0, KEY.1, None, None, "bench"))
                .http_client(http_client)
                .build(),
        )
    }
}

#[divan::bench]
fn get_workflow_run_ours(bencher: divan::Bencher) {
    use mwaa_serverless::MwaaServerless;
    let rt = runtime();
    let client = ours::client(get_workflow_run_body());
    bencher.bench_local(|| {
        let input = mwaa_serverless::operation::get_workflow_run::GetWorkflowRunInput::builder().workflow_arn(ARN).run_id(RUN_ID).build().expect("input");
        rt.block_on(MwaaServerless::get_workflow_run(&client, input)).expect("a response")
    });
}

#[divan::bench]
fn get_workflow_run_sdk(bencher: divan::Bencher) {
    let rt = runtime();
    let client = sdk::client(get_workflow_run_body());
    bencher.bench_local(|| rt.block_on(client.get_workflow_run().workflow_arn(ARN).run_id(RUN_ID).send()).expect("a response"));
}

#[divan::bench]
fn list_task_instances_10k_ours(bencher: divan::Bencher) {
    use mwaa_serverless::MwaaServerless;
    let rt = runtime();
    let client = ours::client(list_task_instances_body(10_000));
    bencher.bench_local(|| {
        let input = mwaa_serverless::operation::list_task_instances::ListTaskInstancesInput::builder().workflow_arn(ARN).run_id(RUN_ID).build().expect("input");
        let out = rt.block_on(MwaaServerless::list_task_instances(&client, input)).expect("a response");
        assert_eq!(out.task_instances.as_ref().map_or(0, Vec::len), 10_000);
        out
    });
}

#[divan::bench]
fn list_task_instances_10k_sdk(bencher: divan::Bencher) {
    let rt = runtime();
    let client = sdk::client(list_task_instances_body(10_000));
    bencher.bench_local(|| {
        let out = rt.block_on(client.list_task_instances().workflow_arn(ARN).run_id(RUN_ID).send()).expect("a response");
        assert_eq!(out.task_instances().len(), 10_000);
        out
    });
}
