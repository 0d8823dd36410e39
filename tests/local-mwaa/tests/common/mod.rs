//! Helpers shared by the trait-level tests: request builders with sensible defaults, generic
//! over any `MwaaServerless`, and [`both_ways!`], which runs one test body twice: directly
//! against a `LocalMwaa`, and through the generated HTTP client against the same `LocalMwaa`
//! served on loopback.

#![allow(dead_code, unused_imports, unused_macros)]

use mwaa_serverless::operation::create_workflow::{CreateWorkflowInput, CreateWorkflowOutput};
use mwaa_serverless::operation::get_task_instance::{GetTaskInstanceInput, GetTaskInstanceOutput};
use mwaa_serverless::operation::get_workflow_run::GetWorkflowRunInput;
use mwaa_serverless::operation::list_task_instances::ListTaskInstancesInput;
use mwaa_serverless::operation::start_workflow_run::{
    StartWorkflowRunInput, StartWorkflowRunOutput,
};
use mwaa_serverless::types::{
    DefinitionS3Location, TaskInstanceStatus, TaskInstanceSummary, WorkflowRunDetail,
    WorkflowRunStatus,
};
use mwaa_serverless::MwaaServerless;
use mwaa_serverless_local::LocalMwaa;

/// Runs the test body `$test`, an `async fn(&impl MwaaServerless, &LocalMwaa)`, twice, as
/// `$test::direct` (the `LocalMwaa` itself is the service) and `$test::over_http` (the
/// generated `Client` against `spawn_with(local.clone())` on 127.0.0.1). Either way the body
/// gets the same `LocalMwaa` handle as its second argument, to drive the simulation
/// (`advance`, `settle`, `set_run_outcome`) and to look at its state. `$local` (default
/// `LocalMwaa::new()`) builds the service.
macro_rules! both_ways {
    ($test:ident) => {
        both_ways!($test, ::mwaa_serverless_local::LocalMwaa::new());
    };
    ($test:ident, $local:expr) => {
        mod $test {
            #[allow(unused_imports)]
            use super::*;

            #[tokio::test]
            async fn direct() {
                let local: ::mwaa_serverless_local::LocalMwaa = $local;
                super::$test(&local, &local).await;
            }

            #[cfg(feature = "server")]
            #[tokio::test]
            async fn over_http() {
                let local: ::mwaa_serverless_local::LocalMwaa = $local;
                let (client, server) = crate::common::serve(&local);
                super::$test(&client, &local).await;
                server.shutdown().await.unwrap();
            }
        }
    };
}
pub(crate) use both_ways;

/// Serves `local` (a handle sharing its state) on 127.0.0.1 and returns a generated client
/// pointed at it, with dummy credentials, and the server's handle.
#[cfg(feature = "server")]
pub fn serve(local: &LocalMwaa) -> (mwaa_serverless::Client, mwaa_serverless_local::ServerHandle) {
    use mwaa_serverless::auth::Credentials;
    use mwaa_serverless::client::Config;
    let (_addr, server) = mwaa_serverless_local::spawn_with(local.clone());
    let client = mwaa_serverless::Client::new(
        Config::builder()
            .region("us-east-1")
            .credentials(Credentials::from_keys("test", "test", None))
            .endpoint_url(server.endpoint_url())
            .build(),
    );
    (client, server)
}

/// The field paths of a `ValidationException` (any operation's); panics on any other error,
/// `Unhandled` included, so over HTTP it also checks that the error came back typed.
pub fn validation_fields(err: impl Into<mwaa_serverless::Error>) -> Vec<String> {
    match err.into() {
        mwaa_serverless::Error::ValidationException(e) => e
            .field_list
            .unwrap_or_default()
            .into_iter()
            .map(|f| f.name)
            .collect(),
        other => panic!("expected a ValidationException, got {other:?}"),
    }
}

pub const ROLE: &str = "arn:aws:iam::111122223333:role/mwaa-local";
/// Well-formed, but no workflow has it.
pub const UNKNOWN_ARN: &str =
    "arn:aws:airflow-serverless:us-east-1:111122223333:workflow/nothing-abcdefghij";

pub fn definition(key: &str) -> DefinitionS3Location {
    DefinitionS3Location::builder()
        .bucket("dags")
        .object_key(key)
        .build()
        .unwrap()
}

pub fn create_input(name: &str) -> CreateWorkflowInput {
    CreateWorkflowInput::builder()
        .name(name)
        .definition_s3_location(definition(&format!("{name}.yaml")))
        .role_arn(ROLE)
        .build()
        .unwrap()
}

pub async fn create(mwaa: &impl MwaaServerless, name: &str) -> CreateWorkflowOutput {
    mwaa.create_workflow(create_input(name)).await.unwrap()
}

pub fn start_input(arn: &str) -> StartWorkflowRunInput {
    StartWorkflowRunInput::builder()
        .workflow_arn(arn)
        .build()
        .unwrap()
}

pub async fn start(mwaa: &impl MwaaServerless, arn: &str) -> String {
    let out: StartWorkflowRunOutput = mwaa.start_workflow_run(start_input(arn)).await.unwrap();
    out.run_id.unwrap()
}

pub async fn run_detail(mwaa: &impl MwaaServerless, arn: &str, run_id: &str) -> WorkflowRunDetail {
    mwaa.get_workflow_run(
        GetWorkflowRunInput::builder()
            .workflow_arn(arn)
            .run_id(run_id)
            .build()
            .unwrap(),
    )
    .await
    .unwrap()
    .run_detail
    .unwrap()
}

pub async fn run_state(mwaa: &impl MwaaServerless, arn: &str, run_id: &str) -> WorkflowRunStatus {
    run_detail(mwaa, arn, run_id).await.run_state.unwrap()
}

pub async fn tasks(
    mwaa: &impl MwaaServerless,
    arn: &str,
    run_id: &str,
) -> Vec<TaskInstanceSummary> {
    mwaa.list_task_instances(
        ListTaskInstancesInput::builder()
            .workflow_arn(arn)
            .run_id(run_id)
            .build()
            .unwrap(),
    )
    .await
    .unwrap()
    .task_instances
    .unwrap()
}

pub async fn task_statuses(
    mwaa: &impl MwaaServerless,
    arn: &str,
    run_id: &str,
) -> Vec<TaskInstanceStatus> {
    tasks(mwaa, arn, run_id)
        .await
        .into_iter()
        .map(|t| t.status.unwrap())
        .collect()
}

pub async fn task(
    mwaa: &impl MwaaServerless,
    arn: &str,
    run_id: &str,
    id: &str,
) -> GetTaskInstanceOutput {
    mwaa.get_task_instance(
        GetTaskInstanceInput::builder()
            .workflow_arn(arn)
            .run_id(run_id)
            .task_instance_id(id)
            .build()
            .unwrap(),
    )
    .await
    .unwrap()
}

/// Asserts that `err` is a `ValidationException` listing exactly the fields `expected`, in
/// any order.
#[track_caller]
pub fn assert_fields(err: impl Into<mwaa_serverless::Error>, expected: &[&str]) {
    let mut got = validation_fields(err);
    got.sort();
    let mut expected: Vec<String> = expected.iter().map(|f| f.to_string()).collect();
    expected.sort();
    assert_eq!(got, expected, "the ValidationException's FieldList");
}
