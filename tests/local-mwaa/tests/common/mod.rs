//! Helpers shared by the trait-level tests: request builders with sensible defaults.

#![allow(dead_code)]

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

pub async fn create(mwaa: &LocalMwaa, name: &str) -> CreateWorkflowOutput {
    mwaa.create_workflow(create_input(name)).await.unwrap()
}

pub fn start_input(arn: &str) -> StartWorkflowRunInput {
    StartWorkflowRunInput::builder()
        .workflow_arn(arn)
        .build()
        .unwrap()
}

pub async fn start(mwaa: &LocalMwaa, arn: &str) -> String {
    let out: StartWorkflowRunOutput = mwaa.start_workflow_run(start_input(arn)).await.unwrap();
    out.run_id.unwrap()
}

pub async fn run_detail(mwaa: &LocalMwaa, arn: &str, run_id: &str) -> WorkflowRunDetail {
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

pub async fn run_state(mwaa: &LocalMwaa, arn: &str, run_id: &str) -> WorkflowRunStatus {
    run_detail(mwaa, arn, run_id).await.run_state.unwrap()
}

pub async fn tasks(mwaa: &LocalMwaa, arn: &str, run_id: &str) -> Vec<TaskInstanceSummary> {
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

pub async fn task_statuses(mwaa: &LocalMwaa, arn: &str, run_id: &str) -> Vec<TaskInstanceStatus> {
    tasks(mwaa, arn, run_id)
        .await
        .into_iter()
        .map(|t| t.status.unwrap())
        .collect()
}

pub async fn task(mwaa: &LocalMwaa, arn: &str, run_id: &str, id: &str) -> GetTaskInstanceOutput {
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
