//! The same scenario twice: against `LocalMwaa` directly, and through the generated HTTP
//! client against `LocalMwaa` served by `spawn`. Code written against the `MwaaServerless`
//! trait cannot tell the difference. (The trait-level suites run both ways too, through
//! `common::both_ways!`.) Also: the modeled errors `LocalMwaa` never returns, from a stand-in
//! service behind the generated server, through the client.
#![cfg(feature = "server")]

use mwaa_serverless::auth::Credentials;
use mwaa_serverless::client::{Client, Config, RetryConfig};
use mwaa_serverless::error::ErrorMetadata;
use mwaa_serverless::operation::create_workflow::CreateWorkflowInput;
use mwaa_serverless::operation::get_workflow::GetWorkflowInput;
use mwaa_serverless::operation::get_workflow_run::GetWorkflowRunInput;
use mwaa_serverless::operation::list_workflow_runs::{
    ListWorkflowRunsError, ListWorkflowRunsInput,
};
use mwaa_serverless::operation::list_workflows::{
    ListWorkflowsError, ListWorkflowsInput, ListWorkflowsOutput,
};
use mwaa_serverless::operation::start_workflow_run::StartWorkflowRunInput;
use mwaa_serverless::server::Server;
use mwaa_serverless::types::error::{
    AccessDeniedException, InternalServerException, OperationTimeoutException, ThrottlingException,
};
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
            .credentials(Credentials::from_keys("test", "test", None))
            .build(),
    );
    scenario(&client, || {
        service.settle();
    })
    .await;
    server.shutdown().await.unwrap();
}

/// The modeled errors `LocalMwaa` never returns (it has no IAM, no throttling and no faults),
/// from a stand-in service that answers `ListWorkflows` with the error its `NextToken` names.
struct Faults;

impl MwaaServerless for Faults {
    async fn list_workflows(
        &self,
        input: ListWorkflowsInput,
    ) -> Result<ListWorkflowsOutput, ListWorkflowsError> {
        Err(match input.next_token.as_deref().unwrap_or_default() {
            "AccessDenied" => AccessDeniedException::builder()
                .message("not allowed")
                .build()
                .unwrap()
                .into(),
            "InternalServer" => InternalServerException::builder()
                .message("broken")
                .retry_after_seconds(7)
                .build()
                .unwrap()
                .into(),
            "OperationTimeout" => OperationTimeoutException::builder()
                .message("too slow")
                .build()
                .into(),
            "Throttling" => ThrottlingException::builder()
                .message("slow down")
                .service_code("airflow-serverless")
                .quota_code("L-RATE")
                .retry_after_seconds(3)
                .build()
                .unwrap()
                .into(),
            other => panic!("no fault named {other:?}"),
        })
    }
}

/// Each of those errors comes back through the generated server and client as its typed
/// variant with its modeled members (one attempt each: the retryable ones are not retried, so
/// the test does not wait for backoff).
#[tokio::test]
async fn the_other_modeled_errors_come_back_typed() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(Server::new(Faults).serve(listener, std::future::pending()));
    let client = Client::new(
        Config::builder()
            .region("us-east-1")
            .endpoint_url(format!("http://{addr}"))
            .credentials(Credentials::from_keys("test", "test", None))
            .retry_config(RetryConfig::standard().with_max_attempts(1))
            .build(),
    );

    match client
        .list_workflows()
        .next_token("AccessDenied")
        .send()
        .await
        .unwrap_err()
    {
        ListWorkflowsError::AccessDeniedException(e) => assert_eq!(e.message, "not allowed"),
        other => panic!("{other:?}"),
    }
    match client
        .list_workflows()
        .next_token("InternalServer")
        .send()
        .await
        .unwrap_err()
    {
        ListWorkflowsError::InternalServerException(e) => {
            assert_eq!(e.message, "broken");
            assert_eq!(e.retry_after_seconds, Some(7));
        }
        other => panic!("{other:?}"),
    }
    match client
        .list_workflows()
        .next_token("OperationTimeout")
        .send()
        .await
        .unwrap_err()
    {
        ListWorkflowsError::OperationTimeoutException(e) => {
            assert_eq!(e.message.as_deref(), Some("too slow"));
        }
        other => panic!("{other:?}"),
    }
    let err = client
        .list_workflows()
        .next_token("Throttling")
        .send()
        .await
        .unwrap_err();
    assert!(err.is_throttling(), "{err:?}");
    match err {
        ListWorkflowsError::ThrottlingException(e) => {
            assert_eq!(e.message, "slow down");
            assert_eq!(e.service_code, "airflow-serverless");
            assert_eq!(e.quota_code, "L-RATE");
            assert_eq!(e.retry_after_seconds, Some(3));
        }
        other => panic!("{other:?}"),
    }
    // An operation the stand-in does not implement: the trait's default, 501 NotImplemented,
    // which the model does not name, so `Unhandled` with its code and status.
    let err = MwaaServerless::list_workflow_runs(
        &client,
        ListWorkflowRunsInput::builder()
            .workflow_arn(
                "arn:aws:airflow-serverless:us-east-1:111122223333:workflow/none-abcdefghij",
            )
            .build()
            .unwrap(),
    )
    .await
    .unwrap_err();
    match &err {
        ListWorkflowRunsError::Unhandled(e) => {
            assert_eq!(e.code(), Some("NotImplemented"));
            assert_eq!(e.http_status(), Some(501));
        }
        other => panic!("{other:?}"),
    }
}
