//! The same scenario twice: against `LocalMwaa` directly, and through the generated HTTP
//! client against `LocalMwaa` served by `spawn`. Code written against the `MwaaServerless`
//! trait cannot tell the difference.
#![cfg(feature = "server")]

use mwaa_serverless::auth::Credentials;
use mwaa_serverless::client::{Client, Config};
use mwaa_serverless::operation::create_workflow::CreateWorkflowInput;
use mwaa_serverless::operation::get_workflow::GetWorkflowInput;
use mwaa_serverless::operation::get_workflow_run::GetWorkflowRunInput;
use mwaa_serverless::operation::list_workflows::ListWorkflowsInput;
use mwaa_serverless::operation::start_workflow_run::StartWorkflowRunInput;
use mwaa_serverless::types::{DefinitionS3Location, WorkflowRunStatus};
use mwaa_serverless::MwaaServerless;
use mwaa_serverless_local::{spawn_with, LocalMwaa};

/// Creates a workflow, runs it to the end (`settle` drives the simulation) and checks the
/// errors a client sees.
async fn scenario(mwaa: &impl MwaaServerless, settle: impl Fn()) {
    let created = mwaa
        .create_workflow(
            CreateWorkflowInput::builder()
                .name("etl")
                .definition_s3_location(
                    DefinitionS3Location::builder()
                        .bucket("dags")
                        .object_key("etl.yaml")
                        .build()
                        .unwrap(),
                )
                .role_arn("arn:aws:iam::111122223333:role/etl")
                .client_token("create-etl")
                .build()
                .unwrap(),
        )
        .await
        .unwrap();
    let arn = created.workflow_arn;
    let run = mwaa
        .start_workflow_run(
            StartWorkflowRunInput::builder()
                .workflow_arn(&arn)
                .build()
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(run.status, Some(WorkflowRunStatus::Starting));
    settle();
    let got = mwaa
        .get_workflow_run(
            GetWorkflowRunInput::builder()
                .workflow_arn(&arn)
                .set_run_id(run.run_id)
                .build()
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(
        got.run_detail.unwrap().run_state,
        Some(WorkflowRunStatus::Success)
    );

    let listed = mwaa
        .list_workflows(ListWorkflowsInput::builder().build())
        .await
        .unwrap();
    assert_eq!(listed.workflows.len(), 1);

    let unknown = "arn:aws:airflow-serverless:us-east-1:111122223333:workflow/none-abcdefghij";
    let err = mwaa
        .get_workflow(
            GetWorkflowInput::builder()
                .workflow_arn(unknown)
                .build()
                .unwrap(),
        )
        .await
        .unwrap_err();
    assert!(err.is_resource_not_found_exception(), "{err:?}");
    let err = mwaa
        .list_workflows(ListWorkflowsInput::builder().next_token("123").build())
        .await
        .unwrap_err();
    assert!(err.is_validation_exception(), "{err:?}");
}

#[tokio::test]
async fn directly() {
    let mwaa = LocalMwaa::new();
    scenario(&mwaa, || {
        mwaa.settle();
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn through_the_generated_client() {
    let service = LocalMwaa::new();
    let (_addr, server) = spawn_with(service.clone());
    let client = Client::new(
        Config::builder()
            .region("us-east-1")
            .endpoint_url(server.endpoint_url())
            .credentials(Credentials::new("test", "test", None))
            .build(),
    );
    scenario(&client, || {
        service.settle();
    })
    .await;
    server.shutdown().await.unwrap();
}
