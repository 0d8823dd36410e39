//! The fifteen operations: `MwaaServerless` for `LocalMwaa`.
//!
//! Every operation first checks its input with the generated `validate()` (the model's
//! `@required`, `@length`, `@range`, `@pattern` and enum constraints) and answers a violation
//! with the operation's `ValidationException`, listing every bad field. The work itself is done
//! synchronously under the state's lock, so no lock is held across an `.await`.

use std::collections::HashMap;

use mwaa_serverless::operation::create_workflow::{
    CreateWorkflowError, CreateWorkflowInput, CreateWorkflowOutput,
};
use mwaa_serverless::operation::delete_workflow::{
    DeleteWorkflowError, DeleteWorkflowInput, DeleteWorkflowOutput,
};
use mwaa_serverless::operation::get_task_instance::{
    GetTaskInstanceError, GetTaskInstanceInput, GetTaskInstanceOutput,
};
use mwaa_serverless::operation::get_workflow::{
    GetWorkflowError, GetWorkflowInput, GetWorkflowOutput,
};
use mwaa_serverless::operation::get_workflow_run::{
    GetWorkflowRunError, GetWorkflowRunInput, GetWorkflowRunOutput,
};
use mwaa_serverless::operation::list_tags_for_resource::{
    ListTagsForResourceError, ListTagsForResourceInput, ListTagsForResourceOutput,
};
use mwaa_serverless::operation::list_task_instances::{
    ListTaskInstancesError, ListTaskInstancesInput, ListTaskInstancesOutput,
};
use mwaa_serverless::operation::list_workflow_runs::{
    ListWorkflowRunsError, ListWorkflowRunsInput, ListWorkflowRunsOutput,
};
use mwaa_serverless::operation::list_workflow_versions::{
    ListWorkflowVersionsError, ListWorkflowVersionsInput, ListWorkflowVersionsOutput,
};
use mwaa_serverless::operation::list_workflows::{
    ListWorkflowsError, ListWorkflowsInput, ListWorkflowsOutput,
};
use mwaa_serverless::operation::start_workflow_run::{
    StartWorkflowRunError, StartWorkflowRunInput, StartWorkflowRunOutput,
};
use mwaa_serverless::operation::stop_workflow_run::{
    StopWorkflowRunError, StopWorkflowRunInput, StopWorkflowRunOutput,
};
use mwaa_serverless::operation::tag_resource::{
    TagResourceError, TagResourceInput, TagResourceOutput,
};
use mwaa_serverless::operation::untag_resource::{
    UntagResourceError, UntagResourceInput, UntagResourceOutput,
};
use mwaa_serverless::operation::update_workflow::{
    UpdateWorkflowError, UpdateWorkflowInput, UpdateWorkflowOutput,
};
use mwaa_serverless::primitives::Document;
use mwaa_serverless::types::error::ValidationException;
use mwaa_serverless::types::{
    Code, EncryptionConfiguration, EncryptionType, EngineVersion, RunDetailSummary, RunType,
    TaskInstanceSummary, WorkflowRunDetail, WorkflowRunSummary, WorkflowStatus, WorkflowSummary,
    WorkflowVersionSummary,
};
use mwaa_serverless::MwaaServerless;

use crate::errors::{conflict, internal, invalid, not_found, page, quota};
use crate::options::{Progression, RunOutcome};
use crate::sim::{Run, State, Version, Workflow};
use crate::{LocalMwaa, OUTCOME_PARAMETER};

/// The most tags a resource can carry (the model's `Tags` length limit).
const MAX_TAGS: usize = 50;

/// The value of a member `validate()` has already checked is set.
fn required(member: &Option<String>) -> &str {
    member.as_deref().unwrap_or_default()
}

/// `KmsKeyId` is "Required when `Type` is `CUSTOMER_MANAGED_KEY`".
fn check_encryption(config: Option<&EncryptionConfiguration>) -> Result<(), ValidationException> {
    match config {
        Some(c) if c.r#type == EncryptionType::CustomerManagedKey && c.kms_key_id.is_none() => {
            Err(invalid(
                Some("/EncryptionConfiguration/KmsKeyId"),
                "KmsKeyId is required when Type is CUSTOMER_MANAGED_KEY".to_owned(),
            ))
        }
        _ => Ok(()),
    }
}

/// The engine "Currently supports version 1".
fn check_engine(engine: Option<EngineVersion>) -> Result<(), ValidationException> {
    match engine {
        None | Some(EngineVersion::One) => Ok(()),
        Some(other) => Err(invalid(
            Some("/EngineVersion"),
            format!("Engine version {} is not supported", i32::from(other)),
        )),
    }
}

/// Code artifacts must name an S3 location (the union's only member).
fn check_code(code: Option<&Code>) -> Result<(), ValidationException> {
    match code {
        None | Some(Code::S3Location(_)) => Ok(()),
        Some(_) => Err(invalid(
            Some("/Code"),
            "Code must be an S3Location".to_owned(),
        )),
    }
}

/// Tag keys starting `aws:` are reserved for AWS, as everywhere in AWS tagging.
fn check_tag_keys<'a>(
    keys: impl IntoIterator<Item = &'a String>,
) -> Result<(), ValidationException> {
    for key in keys {
        if key.to_ascii_lowercase().starts_with("aws:") {
            return Err(invalid(
                Some("/Tags"),
                format!("Tag key {key:?} uses the reserved prefix aws:"),
            ));
        }
    }
    Ok(())
}

/// The run outcome a `StartWorkflowRun` request asks for through [`OUTCOME_PARAMETER`].
fn requested_outcome(
    params: Option<&HashMap<String, Document>>,
) -> Result<Option<RunOutcome>, ValidationException> {
    let Some(value) = params.and_then(|p| p.get(OUTCOME_PARAMETER)) else {
        return Ok(None);
    };
    value
        .as_str()
        .and_then(RunOutcome::parse)
        .map(Some)
        .ok_or_else(|| {
            invalid(
                Some("/OverrideParameters"),
                format!("{OUTCOME_PARAMETER} must be \"SUCCESS\", \"FAILED\" or \"TIMEOUT\""),
            )
        })
}

fn workflow_summary(
    workflow: &Workflow,
) -> Result<WorkflowSummary, mwaa_serverless::error::BuildError> {
    let latest = workflow.latest();
    WorkflowSummary::builder()
        .workflow_arn(&workflow.arn)
        .workflow_version(&latest.id)
        .name(&workflow.name)
        .set_description(latest.description.clone())
        .created_at(workflow.created_at)
        .modified_at(workflow.modified_at)
        .workflow_status(workflow.status.clone())
        .set_trigger_mode(latest.trigger_mode.clone())
        .build()
}

fn version_summary(
    workflow: &Workflow,
    version: &Version,
) -> Result<WorkflowVersionSummary, mwaa_serverless::error::BuildError> {
    WorkflowVersionSummary::builder()
        .workflow_version(&version.id)
        .workflow_arn(&workflow.arn)
        .is_latest_version(version.id == workflow.latest().id)
        .created_at(version.created_at)
        .modified_at(version.created_at)
        .definition_s3_location(version.definition.clone())
        .set_trigger_mode(version.trigger_mode.clone())
        .build()
}

fn run_summary(arn: &str, run: &Run) -> WorkflowRunSummary {
    WorkflowRunSummary::builder()
        .run_id(&run.run_id)
        .workflow_arn(arn)
        .workflow_version(&run.version)
        .run_type(RunType::OnDemand)
        .run_detail_summary(
            RunDetailSummary::builder()
                .status(run.status.clone())
                .created_on(run.created_at)
                .set_started_at(run.started_at)
                .set_ended_at(run.ended_at)
                .build(),
        )
        .build()
}

fn run_output(arn: &str, run: &Run) -> GetWorkflowRunOutput {
    let detail = WorkflowRunDetail::builder()
        .workflow_arn(arn)
        .workflow_version(&run.version)
        .run_id(&run.run_id)
        .run_type(RunType::OnDemand)
        .set_started_on(run.started_at)
        .created_at(run.created_at)
        .set_completed_on(run.ended_at)
        .modified_at(run.modified_at)
        .set_duration(run.duration())
        .set_error_message(run.error_message.clone())
        .set_task_instances(Some(
            run.tasks
                .iter()
                .map(|t| t.task_instance_id.clone())
                .collect::<Vec<_>>(),
        ))
        .run_state(run.status.clone())
        .build();
    GetWorkflowRunOutput::builder()
        .workflow_arn(arn)
        .workflow_version(&run.version)
        .run_id(&run.run_id)
        .run_type(RunType::OnDemand)
        .set_override_parameters(run.override_parameters.clone())
        .run_detail(detail)
        .build()
}

// The error types are the generated operation errors the trait returns; boxing them here
// would only move the size elsewhere.
#[allow(clippy::result_large_err)]
impl State {
    /// In [`Progression::OnRead`], a read request first moves the simulation one step.
    fn read_step(&mut self) {
        if self.options.progression == Progression::OnRead {
            self.step();
        }
    }

    fn create_workflow(
        &mut self,
        input: CreateWorkflowInput,
    ) -> Result<CreateWorkflowOutput, CreateWorkflowError> {
        input.validate().map_err(ValidationException::from)?;
        if let Some(token) = &input.client_token {
            if let Some((first, output)) = self.create_tokens.get(token) {
                if *first == input {
                    return Ok(output.clone());
                }
                return Err(conflict(
                    "ClientToken",
                    token,
                    format!(
                        "The client token {token} was already used for a different CreateWorkflow request"
                    ),
                )
                .into());
            }
        }
        check_encryption(input.encryption_configuration.as_ref())?;
        check_engine(input.engine_version)?;
        check_code(input.code.as_ref())?;
        if let Some(tags) = &input.tags {
            check_tag_keys(tags.keys())?;
        }
        let name = required(&input.name).to_owned();
        if let Some(existing) = self.workflows.iter().find(|w| w.name == name) {
            return Err(conflict(
                "Workflow",
                &name,
                format!("A workflow named {name} already exists: {}", existing.arn),
            )
            .into());
        }
        if let Some(max) = self.options.max_workflows {
            if self.workflows.len() >= max {
                return Err(quota(
                    "Workflow",
                    &name,
                    "L-LOCAL-WORKFLOWS",
                    format!("The account already has the maximum of {max} workflows"),
                )
                .into());
            }
        }
        let now = self.tick();
        let arn = self.new_workflow_arn(&name);
        let version = Version {
            seq: self.next_seq(),
            id: self.random_id(32),
            revision_id: self.random_id(24),
            created_at: now,
            definition: input.definition_s3_location.clone().unwrap_or_default(),
            code: input.code.clone(),
            role_arn: required(&input.role_arn).to_owned(),
            description: input.description.clone(),
            encryption: input.encryption_configuration.clone(),
            logging: input.logging_configuration.clone(),
            engine_version: input.engine_version.unwrap_or(EngineVersion::One),
            network: input.network_configuration.clone(),
            trigger_mode: input.trigger_mode.clone(),
        };
        let output = CreateWorkflowOutput::builder()
            .workflow_arn(&arn)
            .created_at(now)
            .revision_id(&version.revision_id)
            .workflow_status(WorkflowStatus::Ready)
            .workflow_version(&version.id)
            .is_latest_version(true)
            .build()
            .map_err(internal)?;
        let workflow = Workflow {
            seq: self.next_seq(),
            arn,
            name,
            status: WorkflowStatus::Ready,
            created_at: now,
            modified_at: now,
            versions: vec![version],
            tags: input.tags.clone().unwrap_or_default().into_iter().collect(),
            runs: Vec::new(),
        };
        self.workflows.push(workflow);
        if let Some(token) = input.client_token.clone() {
            self.create_tokens.insert(token, (input, output.clone()));
        }
        Ok(output)
    }

    fn get_workflow(
        &mut self,
        input: GetWorkflowInput,
    ) -> Result<GetWorkflowOutput, GetWorkflowError> {
        input.validate().map_err(ValidationException::from)?;
        self.read_step();
        let arn = required(&input.workflow_arn);
        let workflow = self
            .workflow(arn)
            .ok_or_else(|| not_found("Workflow", arn))?;
        let version = match input.workflow_version.as_deref() {
            None => workflow.latest(),
            Some(id) => workflow
                .version(id)
                .ok_or_else(|| not_found("WorkflowVersion", id))?,
        };
        let output = GetWorkflowOutput::builder()
            .workflow_arn(&workflow.arn)
            .workflow_version(&version.id)
            .name(&workflow.name)
            .set_description(version.description.clone())
            .created_at(workflow.created_at)
            .modified_at(workflow.modified_at)
            .set_encryption_configuration(version.encryption.clone())
            .set_logging_configuration(version.logging.clone())
            .engine_version(version.engine_version)
            .workflow_status(workflow.status.clone())
            .definition_s3_location(version.definition.clone())
            .set_code(version.code.clone())
            .set_code_snapshotted_at(version.code.as_ref().map(|_| version.created_at))
            .role_arn(&version.role_arn)
            .set_network_configuration(version.network.clone())
            .set_trigger_mode(version.trigger_mode.clone())
            .build()
            .map_err(internal)?;
        Ok(output)
    }

    fn list_workflows(
        &mut self,
        input: ListWorkflowsInput,
    ) -> Result<ListWorkflowsOutput, ListWorkflowsError> {
        input.validate().map_err(ValidationException::from)?;
        self.read_step();
        let items = self
            .workflows
            .iter()
            .map(|w| workflow_summary(w).map(|s| (w.seq, s)))
            .collect::<Result<Vec<_>, _>>()
            .map_err(internal)?;
        let (workflows, next_token) = page(
            items,
            "ListWorkflows",
            input.next_token.as_deref(),
            input.max_results,
            self.options.default_page_size,
        )?;
        let output = ListWorkflowsOutput::builder()
            .set_workflows(Some(workflows))
            .set_next_token(next_token)
            .build()
            .map_err(internal)?;
        Ok(output)
    }

    fn update_workflow(
        &mut self,
        input: UpdateWorkflowInput,
    ) -> Result<UpdateWorkflowOutput, UpdateWorkflowError> {
        input.validate().map_err(ValidationException::from)?;
        check_engine(input.engine_version)?;
        check_code(input.code.as_ref())?;
        let arn = required(&input.workflow_arn).to_owned();
        let workflow = self
            .workflow(&arn)
            .ok_or_else(|| not_found("Workflow", &arn))?;
        if workflow.status == WorkflowStatus::Deleting {
            return Err(
                conflict("Workflow", &arn, format!("Workflow {arn} is being deleted")).into(),
            );
        }
        if let Some(max) = self.options.max_versions_per_workflow {
            if workflow.versions.len() >= max {
                return Err(quota(
                    "Workflow",
                    &arn,
                    "L-LOCAL-VERSIONS",
                    format!("Workflow {arn} already has the maximum of {max} versions"),
                )
                .into());
            }
        }
        // Members the request leaves out keep their values from the latest version.
        let previous = workflow.latest().clone();
        let now = self.tick();
        let version = Version {
            seq: self.next_seq(),
            id: self.random_id(32),
            revision_id: self.random_id(24),
            created_at: now,
            definition: input.definition_s3_location.clone().unwrap_or_default(),
            code: input.code.clone().or(previous.code),
            role_arn: required(&input.role_arn).to_owned(),
            description: input.description.clone().or(previous.description),
            encryption: previous.encryption,
            logging: input.logging_configuration.clone().or(previous.logging),
            engine_version: input.engine_version.unwrap_or(previous.engine_version),
            network: input.network_configuration.clone().or(previous.network),
            trigger_mode: input.trigger_mode.clone().or(previous.trigger_mode),
        };
        let output = UpdateWorkflowOutput::builder()
            .workflow_arn(&arn)
            .modified_at(now)
            .workflow_version(&version.id)
            .build()
            .map_err(internal)?;
        let workflow = self
            .workflow_mut(&arn)
            .expect("the workflow was found above");
        workflow.versions.push(version);
        workflow.modified_at = now;
        Ok(output)
    }

    fn delete_workflow(
        &mut self,
        input: DeleteWorkflowInput,
    ) -> Result<DeleteWorkflowOutput, DeleteWorkflowError> {
        input.validate().map_err(ValidationException::from)?;
        let arn = required(&input.workflow_arn).to_owned();
        let now = self.tick();
        let workflow = self
            .workflow_mut(&arn)
            .ok_or_else(|| not_found("Workflow", &arn))?;
        let deleted_version = match input.workflow_version.as_deref() {
            Some(id) => {
                let index = workflow
                    .versions
                    .iter()
                    .position(|v| v.id == id)
                    .ok_or_else(|| not_found("WorkflowVersion", id))?;
                if workflow.versions.len() > 1 && workflow.status == WorkflowStatus::Ready {
                    // One version of several: it goes at once, with its runs.
                    workflow.versions.remove(index);
                    workflow.runs.retain(|r| r.version != id);
                    workflow.modified_at = now;
                    return DeleteWorkflowOutput::builder()
                        .workflow_arn(&arn)
                        .workflow_version(id)
                        .build()
                        .map_err(|e| internal(e).into());
                }
                // The only version: the whole workflow goes.
                id.to_owned()
            }
            None => workflow.latest().id.clone(),
        };
        if workflow.status == WorkflowStatus::Ready {
            // Running executions are stopped; the workflow is DELETING until they have.
            workflow.status = WorkflowStatus::Deleting;
            workflow.modified_at = now;
            for run in &mut workflow.runs {
                run.stop(now);
            }
        }
        self.remove_deleted();
        DeleteWorkflowOutput::builder()
            .workflow_arn(&arn)
            .workflow_version(deleted_version)
            .build()
            .map_err(|e| internal(e).into())
    }

    fn start_workflow_run(
        &mut self,
        input: StartWorkflowRunInput,
    ) -> Result<StartWorkflowRunOutput, StartWorkflowRunError> {
        input.validate().map_err(ValidationException::from)?;
        let arn = required(&input.workflow_arn).to_owned();
        let token_key = input.client_token.clone().map(|token| (arn.clone(), token));
        if let Some(key) = &token_key {
            if let Some((first, output)) = self.start_tokens.get(key) {
                if *first == input {
                    return Ok(output.clone());
                }
                return Err(conflict(
                    "ClientToken",
                    &key.1,
                    format!(
                        "The client token {} was already used for a different StartWorkflowRun request",
                        key.1
                    ),
                )
                .into());
            }
        }
        let requested = requested_outcome(input.override_parameters.as_ref())?;
        let outcome = requested.unwrap_or(self.options.default_outcome);
        let workflow = self
            .workflow(&arn)
            .ok_or_else(|| not_found("Workflow", &arn))?;
        if workflow.status == WorkflowStatus::Deleting {
            return Err(
                conflict("Workflow", &arn, format!("Workflow {arn} is being deleted")).into(),
            );
        }
        let version = match input.workflow_version.as_deref() {
            None => workflow.latest().id.clone(),
            Some(id) => workflow
                .version(id)
                .ok_or_else(|| not_found("WorkflowVersion", id))?
                .id
                .clone(),
        };
        if let Some(max) = self.options.max_active_runs_per_workflow {
            if workflow.active_runs() >= max {
                return Err(quota(
                    "WorkflowRun",
                    &arn,
                    "L-LOCAL-CONCURRENT-RUNS",
                    format!("Workflow {arn} already has the maximum of {max} unfinished runs"),
                )
                .into());
            }
        }
        let now = self.tick();
        let run_id = self.random_id(16);
        let tasks = self.new_tasks(now);
        let run = Run {
            seq: self.next_seq(),
            run_id: run_id.clone(),
            version,
            override_parameters: input.override_parameters.clone(),
            outcome,
            status: mwaa_serverless::types::WorkflowRunStatus::Starting,
            created_at: now,
            started_at: None,
            ended_at: None,
            modified_at: now,
            error_message: None,
            tasks,
        };
        let output = StartWorkflowRunOutput::builder()
            .run_id(run_id)
            .status(run.status.clone())
            .started_at(now)
            .build();
        self.workflow_mut(&arn)
            .expect("the workflow was found above")
            .runs
            .push(run);
        if let Some(key) = token_key {
            self.start_tokens.insert(key, (input, output.clone()));
        }
        Ok(output)
    }

    fn get_workflow_run(
        &mut self,
        input: GetWorkflowRunInput,
    ) -> Result<GetWorkflowRunOutput, GetWorkflowRunError> {
        input.validate().map_err(ValidationException::from)?;
        self.read_step();
        let (workflow, run) = self.workflow_run(required(&input.workflow_arn), required(&input.run_id))?;
        Ok(run_output(&workflow.arn, run))
    }

    fn list_workflow_runs(
        &mut self,
        input: ListWorkflowRunsInput,
    ) -> Result<ListWorkflowRunsOutput, ListWorkflowRunsError> {
        input.validate().map_err(ValidationException::from)?;
        self.read_step();
        let arn = required(&input.workflow_arn);
        let version = input.workflow_version.as_deref();
        // The model gives ListWorkflowRuns no ResourceNotFoundException: an unknown workflow
        // simply has no runs.
        let items = self
            .workflow(arn)
            .map(|w| {
                w.runs
                    .iter()
                    .filter(|r| version.is_none_or(|v| r.version == v))
                    .map(|r| (r.seq, run_summary(&w.arn, r)))
                    .collect()
            })
            .unwrap_or_default();
        let scope = format!("ListWorkflowRuns {arn} {}", version.unwrap_or("*"));
        let (runs, next_token) = page(
            items,
            &scope,
            input.next_token.as_deref(),
            input.max_results,
            self.options.default_page_size,
        )?;
        Ok(ListWorkflowRunsOutput::builder()
            .set_workflow_runs(Some(runs))
            .set_next_token(next_token)
            .build())
    }

    fn stop_workflow_run(
        &mut self,
        input: StopWorkflowRunInput,
    ) -> Result<StopWorkflowRunOutput, StopWorkflowRunError> {
        input.validate().map_err(ValidationException::from)?;
        let arn = required(&input.workflow_arn).to_owned();
        let run_id = required(&input.run_id).to_owned();
        let now = self.tick();
        let workflow = self
            .workflow_mut(&arn)
            .ok_or_else(|| not_found("Workflow", &arn))?;
        let run = workflow
            .run_mut(&run_id)
            .ok_or_else(|| not_found("WorkflowRun", &run_id))?;
        if !run.stop(now) {
            // The model gives StopWorkflowRun no ConflictException.
            return Err(invalid(
                None,
                format!(
                    "Workflow run {run_id} has already finished with status {}",
                    run.status.as_str()
                ),
            )
            .into());
        }
        Ok(StopWorkflowRunOutput::builder()
            .workflow_arn(&arn)
            .workflow_version(&run.version)
            .run_id(&run.run_id)
            .status(run.status.clone())
            .build())
    }

    fn get_task_instance(
        &mut self,
        input: GetTaskInstanceInput,
    ) -> Result<GetTaskInstanceOutput, GetTaskInstanceError> {
        input.validate().map_err(ValidationException::from)?;
        self.read_step();
        let id = required(&input.task_instance_id);
        let (workflow, run) = self.workflow_run(required(&input.workflow_arn), required(&input.run_id))?;
        let task = run
            .tasks
            .iter()
            .find(|t| t.task_instance_id == id)
            .ok_or_else(|| not_found("TaskInstance", id))?;
        let output = GetTaskInstanceOutput::builder()
            .workflow_arn(&workflow.arn)
            .run_id(&run.run_id)
            .task_instance_id(&task.task_instance_id)
            .workflow_version(&run.version)
            .status(task.status.clone())
            .set_duration_in_seconds(task.duration())
            .operator_name(&task.operator_name)
            .modified_at(task.modified_at)
            .set_ended_at(task.ended_at)
            .set_started_at(task.started_at)
            .set_attempt_number((task.attempt > 0).then_some(task.attempt))
            .set_error_message(task.error_message.clone())
            .task_id(&task.task_id)
            .set_log_stream(task.log_stream(&run.run_id))
            .set_xcom(task.xcom.clone())
            .build()
            .map_err(internal)?;
        Ok(output)
    }

    fn list_task_instances(
        &mut self,
        input: ListTaskInstancesInput,
    ) -> Result<ListTaskInstancesOutput, ListTaskInstancesError> {
        input.validate().map_err(ValidationException::from)?;
        self.read_step();
        let arn = required(&input.workflow_arn);
        let run_id = required(&input.run_id);
        // No ResourceNotFoundException in the model here either: unknown runs have no tasks.
        let items = self
            .workflow(arn)
            .and_then(|w| w.run(run_id).map(|r| (w, r)))
            .map(|(w, r)| {
                r.tasks
                    .iter()
                    .map(|t| {
                        let summary = TaskInstanceSummary::builder()
                            .workflow_arn(&w.arn)
                            .workflow_version(&r.version)
                            .run_id(&r.run_id)
                            .task_instance_id(&t.task_instance_id)
                            .status(t.status.clone())
                            .set_duration_in_seconds(t.duration())
                            .operator_name(&t.operator_name)
                            .build();
                        (t.seq, summary)
                    })
                    .collect()
            })
            .unwrap_or_default();
        let (tasks, next_token) = page(
            items,
            &format!("ListTaskInstances {arn} {run_id}"),
            input.next_token.as_deref(),
            input.max_results,
            self.options.default_page_size,
        )?;
        Ok(ListTaskInstancesOutput::builder()
            .set_task_instances(Some(tasks))
            .set_next_token(next_token)
            .build())
    }

    fn list_workflow_versions(
        &mut self,
        input: ListWorkflowVersionsInput,
    ) -> Result<ListWorkflowVersionsOutput, ListWorkflowVersionsError> {
        input.validate().map_err(ValidationException::from)?;
        self.read_step();
        let arn = required(&input.workflow_arn);
        // No ResourceNotFoundException in the model: an unknown workflow has no versions.
        let items = match self.workflow(arn) {
            Some(w) => w
                .versions
                .iter()
                .map(|v| version_summary(w, v).map(|s| (v.seq, s)))
                .collect::<Result<Vec<_>, _>>()
                .map_err(internal)?,
            None => Vec::new(),
        };
        let (versions, next_token) = page(
            items,
            &format!("ListWorkflowVersions {arn}"),
            input.next_token.as_deref(),
            input.max_results,
            self.options.default_page_size,
        )?;
        Ok(ListWorkflowVersionsOutput::builder()
            .set_workflow_versions(Some(versions))
            .set_next_token(next_token)
            .build())
    }

    fn tag_resource(
        &mut self,
        input: TagResourceInput,
    ) -> Result<TagResourceOutput, TagResourceError> {
        input.validate().map_err(ValidationException::from)?;
        let arn = required(&input.resource_arn).to_owned();
        let tags = input.tags.unwrap_or_default();
        check_tag_keys(tags.keys())?;
        let workflow = self
            .workflow_mut(&arn)
            .ok_or_else(|| not_found("Workflow", &arn))?;
        let mut merged = workflow.tags.clone();
        merged.extend(tags);
        if merged.len() > MAX_TAGS {
            return Err(invalid(
                Some("/Tags"),
                format!(
                    "A resource can have at most {MAX_TAGS} tags; this request would leave {}",
                    merged.len()
                ),
            )
            .into());
        }
        workflow.tags = merged;
        Ok(TagResourceOutput::builder().build())
    }

    fn untag_resource(
        &mut self,
        input: UntagResourceInput,
    ) -> Result<UntagResourceOutput, UntagResourceError> {
        input.validate().map_err(ValidationException::from)?;
        let arn = required(&input.resource_arn).to_owned();
        let workflow = self
            .workflow_mut(&arn)
            .ok_or_else(|| not_found("Workflow", &arn))?;
        for key in input.tag_keys.unwrap_or_default() {
            workflow.tags.remove(&key);
        }
        Ok(UntagResourceOutput::builder().build())
    }

    fn list_tags_for_resource(
        &mut self,
        input: ListTagsForResourceInput,
    ) -> Result<ListTagsForResourceOutput, ListTagsForResourceError> {
        input.validate().map_err(ValidationException::from)?;
        self.read_step();
        let arn = required(&input.resource_arn);
        let workflow = self
            .workflow(arn)
            .ok_or_else(|| not_found("Workflow", arn))?;
        Ok(ListTagsForResourceOutput::builder()
            .set_tags(Some(workflow.tags.clone().into_iter().collect::<HashMap<_, _>>()))
            .build())
    }
}

impl MwaaServerless for LocalMwaa {
    async fn create_workflow(
        &self,
        input: CreateWorkflowInput,
    ) -> Result<CreateWorkflowOutput, CreateWorkflowError> {
        self.lock().create_workflow(input)
    }

    async fn delete_workflow(
        &self,
        input: DeleteWorkflowInput,
    ) -> Result<DeleteWorkflowOutput, DeleteWorkflowError> {
        self.lock().delete_workflow(input)
    }

    async fn get_task_instance(
        &self,
        input: GetTaskInstanceInput,
    ) -> Result<GetTaskInstanceOutput, GetTaskInstanceError> {
        self.lock().get_task_instance(input)
    }

    async fn get_workflow(
        &self,
        input: GetWorkflowInput,
    ) -> Result<GetWorkflowOutput, GetWorkflowError> {
        self.lock().get_workflow(input)
    }

    async fn get_workflow_run(
        &self,
        input: GetWorkflowRunInput,
    ) -> Result<GetWorkflowRunOutput, GetWorkflowRunError> {
        self.lock().get_workflow_run(input)
    }

    async fn list_tags_for_resource(
        &self,
        input: ListTagsForResourceInput,
    ) -> Result<ListTagsForResourceOutput, ListTagsForResourceError> {
        self.lock().list_tags_for_resource(input)
    }

    async fn list_task_instances(
        &self,
        input: ListTaskInstancesInput,
    ) -> Result<ListTaskInstancesOutput, ListTaskInstancesError> {
        self.lock().list_task_instances(input)
    }

    async fn list_workflow_runs(
        &self,
        input: ListWorkflowRunsInput,
    ) -> Result<ListWorkflowRunsOutput, ListWorkflowRunsError> {
        self.lock().list_workflow_runs(input)
    }

    async fn list_workflow_versions(
        &self,
        input: ListWorkflowVersionsInput,
    ) -> Result<ListWorkflowVersionsOutput, ListWorkflowVersionsError> {
        self.lock().list_workflow_versions(input)
    }

    async fn list_workflows(
        &self,
        input: ListWorkflowsInput,
    ) -> Result<ListWorkflowsOutput, ListWorkflowsError> {
        self.lock().list_workflows(input)
    }

    async fn start_workflow_run(
        &self,
        input: StartWorkflowRunInput,
    ) -> Result<StartWorkflowRunOutput, StartWorkflowRunError> {
        self.lock().start_workflow_run(input)
    }

    async fn stop_workflow_run(
        &self,
        input: StopWorkflowRunInput,
    ) -> Result<StopWorkflowRunOutput, StopWorkflowRunError> {
        self.lock().stop_workflow_run(input)
    }

    async fn tag_resource(
        &self,
        input: TagResourceInput,
    ) -> Result<TagResourceOutput, TagResourceError> {
        self.lock().tag_resource(input)
    }

    async fn untag_resource(
        &self,
        input: UntagResourceInput,
    ) -> Result<UntagResourceOutput, UntagResourceError> {
        self.lock().untag_resource(input)
    }

    async fn update_workflow(
        &self,
        input: UpdateWorkflowInput,
    ) -> Result<UpdateWorkflowOutput, UpdateWorkflowError> {
        self.lock().update_workflow(input)
    }
}
