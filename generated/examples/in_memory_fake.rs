//! An in-memory fake of MWAA Serverless, written against the generated service trait.
//!
//! [`MwaaServerless`] has one async method per operation, each with a default body that
//! returns a `NotImplemented` error. `FakeMwaa` below overrides only the calls a workflow
//! runner needs (create, get and list workflows; start, read and list runs; list and read
//! task instances) and keeps its state in memory behind a `std::sync::Mutex`. It behaves
//! like the service where a test would notice:
//!
//! * every request is checked with the input's generated `validate()`, and a violation comes
//!   back as the operation's `ValidationException`, listing each bad field;
//! * `CreateWorkflow` refuses a duplicate name with `ConflictException` and honours
//!   `ClientToken`: repeating a request with the same token returns the first result;
//! * unknown workflows, runs and task instances are `ResourceNotFoundException`s;
//! * a run moves `STARTING` → `RUNNING` → `SUCCESS`, one step per `GetWorkflowRun`;
//! * the list operations page with an opaque `NextToken`, honour `MaxResults`, and use a
//!   default page size of 2 so that the generated paginators really follow tokens.
//!
//! `main` drives the fake only through the traits: first generically (`&impl MwaaServerless`),
//! then as a `std::sync::Arc<dyn DynMwaaServerless>` shared between threads, used both through
//! `MwaaServerless` (which the trait object implements again) and through the object-safe
//! trait's own `*_boxed` methods. The crate has no async runtime among its dependencies, so the
//! example brings a ten-line `block_on` built on `std::task::Wake` and thread parking.
//!
//! Run it with `cargo run -p mwaa-serverless --example in_memory_fake`.

use std::collections::hash_map::DefaultHasher;
use std::collections::HashMap;
use std::error::Error;
use std::future::Future;
use std::hash::{Hash, Hasher};
use std::sync::{Arc, Mutex, MutexGuard};
use std::task::{Context, Poll, Wake, Waker};

use mwaa_serverless::error::{BuildError, ErrorMetadata};
use mwaa_serverless::operation::create_workflow::{
    CreateWorkflowError, CreateWorkflowInput, CreateWorkflowOutput,
};
use mwaa_serverless::operation::delete_workflow::{DeleteWorkflowError, DeleteWorkflowInput};
use mwaa_serverless::operation::get_task_instance::{
    GetTaskInstanceError, GetTaskInstanceInput, GetTaskInstanceOutput,
};
use mwaa_serverless::operation::get_workflow::{
    GetWorkflowError, GetWorkflowInput, GetWorkflowOutput,
};
use mwaa_serverless::operation::get_workflow_run::{
    GetWorkflowRunError, GetWorkflowRunInput, GetWorkflowRunOutput,
};
use mwaa_serverless::operation::list_task_instances::{
    ListTaskInstancesError, ListTaskInstancesInput, ListTaskInstancesOutput,
};
use mwaa_serverless::operation::list_workflow_runs::{
    ListWorkflowRunsError, ListWorkflowRunsInput, ListWorkflowRunsOutput,
};
use mwaa_serverless::operation::list_workflows::{
    ListWorkflowsError, ListWorkflowsInput, ListWorkflowsOutput,
};
use mwaa_serverless::operation::start_workflow_run::{
    StartWorkflowRunError, StartWorkflowRunInput, StartWorkflowRunOutput,
};
use mwaa_serverless::primitives::{DateTime, Document};
use mwaa_serverless::types::error::{
    ConflictException, InternalServerException, ResourceNotFoundException, ValidationException,
};
use mwaa_serverless::types::{
    DefinitionS3Location, EngineVersion, RunDetailSummary, RunType, TaskInstanceStatus,
    TaskInstanceSummary, ValidationExceptionReason, WorkflowRunDetail, WorkflowRunStatus,
    WorkflowRunSummary, WorkflowStatus, WorkflowSummary,
};
use mwaa_serverless::{DynMwaaServerless, MwaaServerless};

const REGION: &str = "us-east-1";
const ACCOUNT: &str = "111122223333";
/// Page size when a list request leaves `MaxResults` unset; small, so paginators page.
const DEFAULT_PAGE_SIZE: usize = 2;
/// The fake's clock starts at 2026-01-01T00:00:00Z and moves 45 seconds per request that
/// changes something, so the transcript is the same on every run.
const CLOCK_START: i64 = 1_767_225_600;

/// The tasks every run of every workflow executes: (task id, Airflow operator).
const TASKS: &[(&str, &str)] = &[
    ("wait_for_input", "S3KeySensor"),
    ("transform", "GlueJobOperator"),
    ("load", "RedshiftDataOperator"),
    ("publish_report", "S3CopyObjectOperator"),
    ("notify", "SnsPublishOperator"),
];

// ---------------------------------------------------------------------------------------------
// The fake
// ---------------------------------------------------------------------------------------------

/// MWAA Serverless, in memory. Cheap to create; one per test.
#[derive(Default)]
struct FakeMwaa {
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    clock: i64,
    last_id: u64,
    workflows: Vec<Workflow>,
    /// `CreateWorkflow` requests by `ClientToken`, with the answer they got.
    create_tokens: HashMap<String, (CreateWorkflowInput, CreateWorkflowOutput)>,
    /// `StartWorkflowRun` requests by workflow ARN and `ClientToken`.
    start_tokens: HashMap<(String, String), (StartWorkflowRunInput, StartWorkflowRunOutput)>,
}

struct Workflow {
    arn: String,
    name: String,
    version: String,
    description: Option<String>,
    role_arn: String,
    definition: DefinitionS3Location,
    engine_version: EngineVersion,
    trigger_mode: Option<String>,
    created_at: DateTime,
    runs: Vec<Run>,
}

struct Run {
    run_id: String,
    workflow_version: String,
    override_parameters: Option<HashMap<String, Document>>,
    status: WorkflowRunStatus,
    created_at: DateTime,
    started_at: Option<DateTime>,
    ended_at: Option<DateTime>,
    modified_at: DateTime,
    tasks: Vec<TaskInstance>,
}

struct TaskInstance {
    task_instance_id: String,
    task_id: &'static str,
    operator_name: &'static str,
    status: TaskInstanceStatus,
    started_at: Option<DateTime>,
    ended_at: Option<DateTime>,
    modified_at: DateTime,
}

impl FakeMwaa {
    fn new() -> Self {
        Self::default()
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.state
            .lock()
            .expect("a caller panicked while holding the fake's state")
    }
}

impl State {
    fn now(&mut self) -> DateTime {
        self.clock += 45;
        DateTime::from_secs(CLOCK_START + self.clock)
    }

    fn next_id(&mut self) -> u64 {
        self.last_id += 1;
        self.last_id
    }

    fn workflow(&self, arn: &str) -> Result<&Workflow, ResourceNotFoundException> {
        self.workflows
            .iter()
            .find(|w| w.arn == arn)
            .ok_or_else(|| not_found("Workflow", arn))
    }

    fn workflow_mut(&mut self, arn: &str) -> Result<&mut Workflow, ResourceNotFoundException> {
        self.workflows
            .iter_mut()
            .find(|w| w.arn == arn)
            .ok_or_else(|| not_found("Workflow", arn))
    }
}

impl Workflow {
    fn run(&self, run_id: &str) -> Result<&Run, ResourceNotFoundException> {
        self.runs
            .iter()
            .find(|r| r.run_id == run_id)
            .ok_or_else(|| not_found("WorkflowRun", run_id))
    }

    fn run_mut(&mut self, run_id: &str) -> Result<&mut Run, ResourceNotFoundException> {
        self.runs
            .iter_mut()
            .find(|r| r.run_id == run_id)
            .ok_or_else(|| not_found("WorkflowRun", run_id))
    }

    fn summary(&self) -> Result<WorkflowSummary, BuildError> {
        WorkflowSummary::builder()
            .workflow_arn(&self.arn)
            .workflow_version(&self.version)
            .name(&self.name)
            .set_description(self.description.clone())
            .created_at(self.created_at)
            .modified_at(self.created_at)
            .workflow_status(WorkflowStatus::Ready)
            .set_trigger_mode(self.trigger_mode.clone())
            .build()
    }
}

impl Run {
    /// One step of the run's life: STARTING → RUNNING (first task running, the rest queued)
    /// → SUCCESS (the tasks ran one after another, sharing the time since the run started).
    /// Finished runs stay as they are.
    fn advance(&mut self, now: DateTime) {
        match self.status {
            WorkflowRunStatus::Starting => {
                self.status = WorkflowRunStatus::Running;
                self.started_at = Some(now);
                if let Some(first) = self.tasks.first_mut() {
                    first.status = TaskInstanceStatus::Running;
                    first.started_at = Some(now);
                    first.modified_at = now;
                }
            }
            WorkflowRunStatus::Running => {
                self.status = WorkflowRunStatus::Success;
                self.ended_at = Some(now);
                let start = self.started_at.unwrap_or(now).secs();
                let share = (now.secs() - start) / self.tasks.len().max(1) as i64;
                for (i, task) in (0..).zip(&mut self.tasks) {
                    task.status = TaskInstanceStatus::Success;
                    task.started_at = Some(DateTime::from_secs(start + i * share));
                    task.ended_at = Some(DateTime::from_secs(start + (i + 1) * share));
                    task.modified_at = now;
                }
            }
            _ => return,
        }
        self.modified_at = now;
    }

    fn task(&self, task_instance_id: &str) -> Result<&TaskInstance, ResourceNotFoundException> {
        self.tasks
            .iter()
            .find(|t| t.task_instance_id == task_instance_id)
            .ok_or_else(|| not_found("TaskInstance", task_instance_id))
    }
}

impl TaskInstance {
    fn duration(&self) -> Option<i32> {
        let (start, end) = (self.started_at?, self.ended_at?);
        i32::try_from(end.secs() - start.secs()).ok()
    }
}

// ---------------------------------------------------------------------------------------------
// Errors and pagination, shared by the operations
// ---------------------------------------------------------------------------------------------

fn not_found(resource_type: &str, resource_id: &str) -> ResourceNotFoundException {
    ResourceNotFoundException::builder()
        .message(format!("{resource_type} {resource_id} does not exist"))
        .resource_id(resource_id)
        .resource_type(resource_type)
        .build()
        .expect("every required member is set")
}

fn conflict(resource_type: &str, resource_id: &str, why: &str) -> ConflictException {
    ConflictException::builder()
        .message(format!("{resource_type} {resource_id} {why}"))
        .resource_id(resource_id)
        .resource_type(resource_type)
        .build()
        .expect("every required member is set")
}

/// A response the fake could not build: a bug in the fake, reported as the service would.
fn internal(err: BuildError) -> InternalServerException {
    InternalServerException::builder()
        .message(format!("the fake built an invalid response: {err}"))
        .build()
        .expect("every required member is set")
}

/// The value of a member `validate()` has already checked is set.
fn required(member: &Option<String>) -> &str {
    member.as_deref().unwrap_or_default()
}

/// One page of `items`. The token is opaque to callers: it carries the offset of the next
/// item, bound to the listing (`scope`) it came from, so a token from one listing is refused
/// by another.
fn page<T: Clone>(
    items: &[T],
    scope: &str,
    next_token: Option<&str>,
    max_results: Option<i32>,
) -> Result<(Vec<T>, Option<String>), ValidationException> {
    let mut hasher = DefaultHasher::new();
    scope.hash(&mut hasher);
    let key = hasher.finish();
    let start = match next_token {
        None => 0,
        Some(token) => token
            .get(16..)
            .filter(|_| token.get(..16) == Some(format!("{key:016x}").as_str()))
            .and_then(|offset| u32::from_str_radix(offset, 16).ok())
            .map(|masked| (masked ^ key as u32) as usize)
            .filter(|&offset| offset <= items.len())
            .ok_or_else(|| {
                ValidationException::builder()
                    .message(format!("NextToken {token:?} is not valid for this request"))
                    .reason(ValidationExceptionReason::Other)
                    .build()
                    .expect("every required member is set")
            })?,
    };
    // `validate()` has checked MaxResults is within 1..=100.
    let size = max_results.map_or(DEFAULT_PAGE_SIZE, |n| n.max(1) as usize);
    let end = items.len().min(start + size);
    let next = (end < items.len()).then(|| format!("{key:016x}{:08x}", end as u32 ^ key as u32));
    Ok((items[start..end].to_vec(), next))
}

/// What `GetWorkflowRun` reports about `run` of the workflow `arn`.
fn run_output(arn: &str, run: &Run) -> GetWorkflowRunOutput {
    let duration = match (run.started_at, run.ended_at) {
        (Some(start), Some(end)) => i32::try_from(end.secs() - start.secs()).ok(),
        _ => None,
    };
    let detail = WorkflowRunDetail::builder()
        .workflow_arn(arn)
        .workflow_version(&run.workflow_version)
        .run_id(&run.run_id)
        .run_type(RunType::OnDemand)
        .created_at(run.created_at)
        .set_started_on(run.started_at)
        .set_completed_on(run.ended_at)
        .modified_at(run.modified_at)
        .set_duration(duration)
        .task_instances(
            run.tasks
                .iter()
                .map(|t| t.task_instance_id.clone())
                .collect::<Vec<_>>(),
        )
        .run_state(run.status.clone())
        .build();
    GetWorkflowRunOutput::builder()
        .workflow_arn(arn)
        .workflow_version(&run.workflow_version)
        .run_id(&run.run_id)
        .run_type(RunType::OnDemand)
        .set_override_parameters(run.override_parameters.clone())
        .run_detail(detail)
        .build()
}

// ---------------------------------------------------------------------------------------------
// The operations
// ---------------------------------------------------------------------------------------------

impl MwaaServerless for FakeMwaa {
    async fn create_workflow(
        &self,
        input: CreateWorkflowInput,
    ) -> Result<CreateWorkflowOutput, CreateWorkflowError> {
        input.validate().map_err(ValidationException::from)?;
        let mut state = self.lock();
        if let Some(token) = &input.client_token {
            if let Some((first, output)) = state.create_tokens.get(token) {
                if *first == input {
                    return Ok(output.clone());
                }
                let why = "was already used for a different CreateWorkflow request";
                return Err(conflict("ClientToken", token, why).into());
            }
        }
        let name = required(&input.name).to_owned();
        if let Some(existing) = state.workflows.iter().find(|w| w.name == name) {
            let why = format!("already exists as {}", existing.arn);
            return Err(conflict("Workflow", &name, &why).into());
        }
        let n = state.next_id();
        let created_at = state.now();
        let workflow = Workflow {
            // The model's ARN pattern wants exactly ten characters after the name's dash.
            arn: format!("arn:aws:airflow-serverless:{REGION}:{ACCOUNT}:workflow/{name}-{n:010}"),
            // GetWorkflow's WorkflowVersion pattern is `^[a-z0-9]{32}$`.
            version: format!("{:016x}{n:016x}", n.wrapping_mul(0x9e37_79b9_7f4a_7c15)),
            name,
            description: input.description.clone(),
            role_arn: required(&input.role_arn).to_owned(),
            definition: input.definition_s3_location.clone().unwrap_or_default(),
            engine_version: input.engine_version.unwrap_or(EngineVersion::One),
            trigger_mode: input.trigger_mode.clone(),
            created_at,
            runs: Vec::new(),
        };
        let output = CreateWorkflowOutput::builder()
            .workflow_arn(&workflow.arn)
            .workflow_version(&workflow.version)
            .created_at(created_at)
            .workflow_status(WorkflowStatus::Ready)
            .is_latest_version(true)
            .build()
            .map_err(internal)?;
        state.workflows.push(workflow);
        if let Some(token) = input.client_token.clone() {
            state.create_tokens.insert(token, (input, output.clone()));
        }
        Ok(output)
    }

    async fn get_workflow(
        &self,
        input: GetWorkflowInput,
    ) -> Result<GetWorkflowOutput, GetWorkflowError> {
        input.validate().map_err(ValidationException::from)?;
        let state = self.lock();
        let workflow = state.workflow(required(&input.workflow_arn))?;
        if let Some(version) = input.workflow_version.as_deref() {
            if version != workflow.version {
                return Err(not_found("WorkflowVersion", version).into());
            }
        }
        let output = GetWorkflowOutput::builder()
            .workflow_arn(&workflow.arn)
            .workflow_version(&workflow.version)
            .name(&workflow.name)
            .set_description(workflow.description.clone())
            .created_at(workflow.created_at)
            .modified_at(workflow.created_at)
            .engine_version(workflow.engine_version)
            .workflow_status(WorkflowStatus::Ready)
            .definition_s3_location(workflow.definition.clone())
            .role_arn(&workflow.role_arn)
            .set_trigger_mode(workflow.trigger_mode.clone())
            .build()
            .map_err(internal)?;
        Ok(output)
    }

    async fn list_workflows(
        &self,
        input: ListWorkflowsInput,
    ) -> Result<ListWorkflowsOutput, ListWorkflowsError> {
        input.validate().map_err(ValidationException::from)?;
        let state = self.lock();
        let summaries = state
            .workflows
            .iter()
            .map(Workflow::summary)
            .collect::<Result<Vec<_>, _>>()
            .map_err(internal)?;
        let (workflows, next_token) = page(
            &summaries,
            "ListWorkflows",
            input.next_token.as_deref(),
            input.max_results,
        )?;
        let output = ListWorkflowsOutput::builder()
            .workflows(workflows)
            .set_next_token(next_token)
            .build()
            .map_err(internal)?;
        Ok(output)
    }

    async fn start_workflow_run(
        &self,
        input: StartWorkflowRunInput,
    ) -> Result<StartWorkflowRunOutput, StartWorkflowRunError> {
        input.validate().map_err(ValidationException::from)?;
        let mut state = self.lock();
        let arn = required(&input.workflow_arn).to_owned();
        let token_key = input.client_token.clone().map(|token| (arn.clone(), token));
        if let Some(key) = &token_key {
            if let Some((first, output)) = state.start_tokens.get(key) {
                if *first == input {
                    return Ok(output.clone());
                }
                let why = "was already used for a different StartWorkflowRun request";
                return Err(conflict("ClientToken", &key.1, why).into());
            }
        }
        let version = state.workflow(&arn)?.version.clone();
        if let Some(asked) = input.workflow_version.as_deref() {
            if asked != version {
                return Err(not_found("WorkflowVersion", asked).into());
            }
        }
        let n = state.next_id();
        let now = state.now();
        let run_id = format!("run-{n:06}");
        let tasks = TASKS
            .iter()
            .enumerate()
            .map(|(i, &(task_id, operator_name))| TaskInstance {
                task_instance_id: format!("ti-{n:06}-{}", i + 1),
                task_id,
                operator_name,
                status: TaskInstanceStatus::Queued,
                started_at: None,
                ended_at: None,
                modified_at: now,
            })
            .collect();
        let run = Run {
            run_id: run_id.clone(),
            workflow_version: version,
            override_parameters: input.override_parameters.clone(),
            status: WorkflowRunStatus::Starting,
            created_at: now,
            started_at: None,
            ended_at: None,
            modified_at: now,
            tasks,
        };
        state.workflow_mut(&arn)?.runs.push(run);
        let output = StartWorkflowRunOutput::builder()
            .run_id(run_id)
            .status(WorkflowRunStatus::Starting)
            .started_at(now)
            .build();
        if let Some(key) = token_key {
            state.start_tokens.insert(key, (input, output.clone()));
        }
        Ok(output)
    }

    async fn get_workflow_run(
        &self,
        input: GetWorkflowRunInput,
    ) -> Result<GetWorkflowRunOutput, GetWorkflowRunError> {
        input.validate().map_err(ValidationException::from)?;
        let mut state = self.lock();
        let now = state.now();
        let workflow = state.workflow_mut(required(&input.workflow_arn))?;
        let arn = workflow.arn.clone();
        let run = workflow.run_mut(required(&input.run_id))?;
        // Report the run as it is, then let it make progress before the next read.
        let output = run_output(&arn, run);
        run.advance(now);
        Ok(output)
    }

    async fn list_workflow_runs(
        &self,
        input: ListWorkflowRunsInput,
    ) -> Result<ListWorkflowRunsOutput, ListWorkflowRunsError> {
        input.validate().map_err(ValidationException::from)?;
        let state = self.lock();
        let arn = required(&input.workflow_arn);
        // The model gives ListWorkflowRuns no ResourceNotFoundException: an unknown workflow
        // simply has no runs.
        let runs = state
            .workflow(arn)
            .map(|w| w.runs.as_slice())
            .unwrap_or_default();
        let summaries: Vec<WorkflowRunSummary> = runs
            .iter()
            .filter(|r| {
                input
                    .workflow_version
                    .as_ref()
                    .is_none_or(|v| *v == r.workflow_version)
            })
            .map(|r| {
                WorkflowRunSummary::builder()
                    .run_id(&r.run_id)
                    .workflow_arn(arn)
                    .workflow_version(&r.workflow_version)
                    .run_type(RunType::OnDemand)
                    .run_detail_summary(
                        RunDetailSummary::builder()
                            .status(r.status.clone())
                            .created_on(r.created_at)
                            .set_started_at(r.started_at)
                            .set_ended_at(r.ended_at)
                            .build(),
                    )
                    .build()
            })
            .collect();
        let scope = format!("ListWorkflowRuns {arn} {:?}", input.workflow_version);
        let (workflow_runs, next_token) = page(
            &summaries,
            &scope,
            input.next_token.as_deref(),
            input.max_results,
        )?;
        Ok(ListWorkflowRunsOutput::builder()
            .workflow_runs(workflow_runs)
            .set_next_token(next_token)
            .build())
    }

    async fn list_task_instances(
        &self,
        input: ListTaskInstancesInput,
    ) -> Result<ListTaskInstancesOutput, ListTaskInstancesError> {
        input.validate().map_err(ValidationException::from)?;
        let state = self.lock();
        let (arn, run_id) = (required(&input.workflow_arn), required(&input.run_id));
        // No ResourceNotFoundException in the model here either: unknown runs have no tasks.
        let summaries: Vec<TaskInstanceSummary> =
            match state.workflow(arn).and_then(|w| w.run(run_id)) {
                Err(_) => Vec::new(),
                Ok(run) => run
                    .tasks
                    .iter()
                    .map(|t| {
                        TaskInstanceSummary::builder()
                            .workflow_arn(arn)
                            .workflow_version(&run.workflow_version)
                            .run_id(run_id)
                            .task_instance_id(&t.task_instance_id)
                            .status(t.status.clone())
                            .set_duration_in_seconds(t.duration())
                            .operator_name(t.operator_name)
                            .build()
                    })
                    .collect(),
            };
        let scope = format!("ListTaskInstances {arn} {run_id}");
        let (task_instances, next_token) = page(
            &summaries,
            &scope,
            input.next_token.as_deref(),
            input.max_results,
        )?;
        Ok(ListTaskInstancesOutput::builder()
            .task_instances(task_instances)
            .set_next_token(next_token)
            .build())
    }

    async fn get_task_instance(
        &self,
        input: GetTaskInstanceInput,
    ) -> Result<GetTaskInstanceOutput, GetTaskInstanceError> {
        input.validate().map_err(ValidationException::from)?;
        let state = self.lock();
        let workflow = state.workflow(required(&input.workflow_arn))?;
        let run = workflow.run(required(&input.run_id))?;
        let task = run.task(required(&input.task_instance_id))?;
        let output = GetTaskInstanceOutput::builder()
            .workflow_arn(&workflow.arn)
            .run_id(&run.run_id)
            .task_instance_id(&task.task_instance_id)
            .workflow_version(&run.workflow_version)
            .status(task.status.clone())
            .set_duration_in_seconds(task.duration())
            .operator_name(task.operator_name)
            .modified_at(task.modified_at)
            .set_started_at(task.started_at)
            .set_ended_at(task.ended_at)
            .attempt_number(1)
            .task_id(task.task_id)
            .log_stream(format!("{}/{}/{}", workflow.name, run.run_id, task.task_id))
            .build()
            .map_err(internal)?;
        Ok(output)
    }

    // Every other operation keeps the trait's default body: a `NotImplemented` error.
}

// ---------------------------------------------------------------------------------------------
// Using it: only through the trait
// ---------------------------------------------------------------------------------------------

const DEFINITION_BUCKET: &str = "example-dags";
const ROLE_ARN: &str = "arn:aws:iam::111122223333:role/mwaa-serverless-execution";

fn create_request(name: &str, token: &str) -> Result<CreateWorkflowInput, BuildError> {
    CreateWorkflowInput::builder()
        .name(name)
        .client_token(token)
        .description(format!("The {name} pipeline"))
        .definition_s3_location(
            DefinitionS3Location::builder()
                .bucket(DEFINITION_BUCKET)
                .object_key(format!("workflows/{name}.yaml"))
                .build()?,
        )
        .role_arn(ROLE_ARN)
        .build()
}

/// A tour of the fake, written for any implementation of the service.
async fn walkthrough(service: &impl MwaaServerless) -> Result<String, Box<dyn Error>> {
    println!("== CreateWorkflow, idempotent on ClientToken");
    let request = create_request("nightly-etl", "create-nightly-etl-1")?;
    let created = service.create_workflow(request.clone()).await?;
    let arn = created.workflow_arn.clone();
    println!("created   {arn}");
    println!(
        "          version {}",
        created.workflow_version.as_deref().unwrap_or("-")
    );
    let again = service.create_workflow(request).await?;
    assert_eq!(again, created);
    println!("retried with the same ClientToken: same workflow, same version");
    let clash = create_request("nightly-etl", "create-nightly-etl-2")?;
    match service.create_workflow(clash).await {
        Err(CreateWorkflowError::ConflictException(e)) => println!("same name, new token: {e}"),
        other => panic!("expected ConflictException, got {other:?}"),
    }

    println!("\n== GetWorkflow, ListWorkflows");
    let workflow = service
        .get_workflow(GetWorkflowInput::builder().workflow_arn(&arn).build()?)
        .await?;
    println!(
        "{}: {} (status {}, engine {}, definition s3://{}/{})",
        workflow.name.as_deref().unwrap_or("-"),
        workflow.description.as_deref().unwrap_or("-"),
        workflow
            .workflow_status
            .as_ref()
            .map_or("-", |s| s.as_str()),
        workflow.engine_version.map_or(0, |v| v.as_i32()),
        workflow
            .definition_s3_location
            .as_ref()
            .map_or("-", |d| d.bucket.as_str()),
        workflow
            .definition_s3_location
            .as_ref()
            .map_or("-", |d| d.object_key.as_str()),
    );
    let listed = service
        .list_workflows(ListWorkflowsInput::builder().build())
        .await?;
    println!("ListWorkflows: {} workflow(s)", listed.workflows.len());

    println!("\n== StartWorkflowRun, then GetWorkflowRun until it finishes");
    let started = service
        .start_workflow_run(
            StartWorkflowRunInput::builder()
                .workflow_arn(&arn)
                .client_token("start-nightly-1")
                .override_parameters(HashMap::from([(
                    "run_date".to_owned(),
                    Document::from("2026-01-01"),
                )]))
                .build()?,
        )
        .await?;
    let run_id = started.run_id.clone().unwrap_or_default();
    println!(
        "started   {run_id} ({})",
        started.status.as_ref().map_or("-", |s| s.as_str())
    );
    let retried = service
        .start_workflow_run(
            StartWorkflowRunInput::builder()
                .workflow_arn(&arn)
                .client_token("start-nightly-1")
                .override_parameters(HashMap::from([(
                    "run_date".to_owned(),
                    Document::from("2026-01-01"),
                )]))
                .build()?,
        )
        .await?;
    assert_eq!(retried, started);
    println!("retried with the same ClientToken: still {run_id}, no second run");
    loop {
        let run = service
            .get_workflow_run(
                GetWorkflowRunInput::builder()
                    .workflow_arn(&arn)
                    .run_id(&run_id)
                    .build()?,
            )
            .await?;
        let detail = run.run_detail.unwrap_or_default();
        let state = detail.run_state.unwrap_or_default();
        let tasks = detail.task_instances.unwrap_or_default();
        print!(
            "GetWorkflowRun: {:<8} {} task instance(s)",
            state.as_str(),
            tasks.len()
        );
        match detail.duration {
            Some(seconds) => println!(", took {seconds}s"),
            None => println!(),
        }
        if state == WorkflowRunStatus::Success {
            let parameters = run.override_parameters.unwrap_or_default();
            println!(
                "                run_date override = {}",
                parameters["run_date"]
            );
            break;
        }
    }
    let runs = service
        .list_workflow_runs(
            ListWorkflowRunsInput::builder()
                .workflow_arn(&arn)
                .build()?,
        )
        .await?;
    for summary in runs.workflow_runs.unwrap_or_default() {
        let detail = summary.run_detail_summary.unwrap_or_default();
        println!(
            "ListWorkflowRuns: {} {} (created {})",
            summary.run_id.unwrap_or_default(),
            detail.status.unwrap_or_default(),
            detail.created_on.unwrap_or_default(),
        );
    }

    println!("\n== ListTaskInstances through the paginator (default page size 2)");
    let list_tasks = ListTaskInstancesInput::builder()
        .workflow_arn(&arn)
        .run_id(&run_id)
        .build()?;
    let mut pages = service
        .list_task_instances_paginator(list_tasks.clone())
        .pages();
    let mut number = 0;
    while let Some(page) = pages.next().await {
        let page = page?;
        number += 1;
        let ids: Vec<String> = page
            .task_instances
            .unwrap_or_default()
            .into_iter()
            .filter_map(|t| t.task_instance_id)
            .collect();
        let more = if page.next_token.is_some() {
            "NextToken set"
        } else {
            "last page"
        };
        println!("page {number}: [{}] ({more})", ids.join(", "));
    }
    let mut items = service
        .list_task_instances_paginator(list_tasks.clone())
        .items();
    while let Some(summary) = items.next().await {
        let summary = summary?;
        let id = summary.task_instance_id.unwrap_or_default();
        let task = service
            .get_task_instance(
                GetTaskInstanceInput::builder()
                    .workflow_arn(&arn)
                    .run_id(&run_id)
                    .task_instance_id(&id)
                    .build()?,
            )
            .await?;
        println!(
            "GetTaskInstance {id}: {:<15} {:<21} {} {}s  log {}",
            task.task_id.as_deref().unwrap_or("-"),
            task.operator_name.as_deref().unwrap_or("-"),
            task.status.as_ref().map_or("-", |s| s.as_str()),
            task.duration_in_seconds.unwrap_or_default(),
            task.log_stream.as_deref().unwrap_or("-"),
        );
    }
    let mut big_pages = service
        .list_task_instances_paginator(list_tasks)
        .page_size(10)
        .pages();
    let mut page_count = 0;
    while let Some(page) = big_pages.next().await {
        page?;
        page_count += 1;
    }
    println!("with page_size(10): {page_count} page");

    println!("\n== Errors");
    let missing = GetTaskInstanceInput::builder()
        .workflow_arn(&arn)
        .run_id(&run_id)
        .task_instance_id("ti-does-not-exist")
        .build()?;
    match service.get_task_instance(missing).await {
        Err(GetTaskInstanceError::ResourceNotFoundException(e)) => println!(
            "GetTaskInstance: {} (type {}, id {}, HTTP {})",
            e.code().unwrap_or("-"),
            e.resource_type,
            e.resource_id,
            e.http_status().unwrap_or_default(),
        ),
        other => panic!("expected ResourceNotFoundException, got {other:?}"),
    }
    let unknown_arn =
        format!("arn:aws:airflow-serverless:{REGION}:{ACCOUNT}:workflow/ghost-0000000099");
    let start_ghost = StartWorkflowRunInput::builder()
        .workflow_arn(&unknown_arn)
        .build()?;
    match service.start_workflow_run(start_ghost).await {
        Err(err @ StartWorkflowRunError::ResourceNotFoundException(_)) => {
            println!("StartWorkflowRun: {err}")
        }
        other => panic!("expected ResourceNotFoundException, got {other:?}"),
    }
    // Well-formed enough for the builder (both required members are set), but not for the model.
    let malformed = GetWorkflowRunInput::builder()
        .workflow_arn("arn:aws:airflow-serverless:us-east-1:111122223333:workflow/nightly-etl")
        .run_id("run 1")
        .build()?;
    match service.get_workflow_run(malformed).await {
        Err(GetWorkflowRunError::ValidationException(e)) => {
            println!("GetWorkflowRun: ValidationException, reason {}", e.reason);
            for field in e.field_list.unwrap_or_default() {
                println!("  {}: {}", field.name, field.message);
            }
        }
        other => panic!("expected ValidationException, got {other:?}"),
    }
    let too_big = ListTaskInstancesInput::builder()
        .workflow_arn(&arn)
        .run_id(&run_id)
        .build()?;
    match service
        .list_task_instances_paginator(too_big)
        .page_size(500)
        .items()
        .next()
        .await
    {
        Some(Err(ListTaskInstancesError::ValidationException(e))) => {
            println!("paginator with page_size(500): {}", e.message)
        }
        other => panic!("expected ValidationException, got {other:?}"),
    }
    let forged = ListTaskInstancesInput::builder()
        .workflow_arn(&arn)
        .run_id(&run_id)
        .next_token("0123456789abcdef00000001")
        .build()?;
    match service.list_task_instances(forged).await {
        Err(ListTaskInstancesError::ValidationException(e)) => {
            println!("ListTaskInstances ({}): {}", e.reason, e.message)
        }
        other => panic!("expected ValidationException, got {other:?}"),
    }
    match GetWorkflowRunInput::builder().build() {
        Err(e) => println!("client side, before any call: {e}"),
        Ok(_) => panic!("a GetWorkflowRunInput without members must not build"),
    }

    println!("\n== An operation the fake leaves to the trait's default");
    let delete = DeleteWorkflowInput::builder().workflow_arn(&arn).build()?;
    match service.delete_workflow(delete).await {
        Err(DeleteWorkflowError::Unhandled(e)) if e.is_not_implemented() => {
            println!("DeleteWorkflow: {e}")
        }
        other => panic!("expected NotImplemented, got {other:?}"),
    }

    Ok(arn)
}

/// The same fake behind `Arc<dyn DynMwaaServerless>`: shared by threads, and used through
/// `MwaaServerless`, which the trait object implements again, and through its `*_boxed` methods.
fn shared_between_threads(
    service: Arc<dyn DynMwaaServerless>,
    arn: &str,
) -> Result<(), Box<dyn Error>> {
    let handles: Vec<_> = (1..=2)
        .map(|i| {
            let service = Arc::clone(&service);
            let request = StartWorkflowRunInput::builder()
                .workflow_arn(arn)
                .client_token(format!("start-from-thread-{i}"))
                .build();
            std::thread::spawn(move || -> Result<String, Box<dyn Error + Send + Sync>> {
                let started = block_on(service.start_workflow_run(request?))?;
                Ok(started.run_id.unwrap_or_default())
            })
        })
        .collect();
    let mut run_ids = Vec::new();
    for handle in handles {
        run_ids.push(
            handle
                .join()
                .expect("thread panicked")
                .map_err(|e| e as Box<dyn Error>)?,
        );
    }
    // Which thread took the lock first varies from run to run; the set of runs does not.
    run_ids.sort();
    println!("started   {} from two threads", run_ids.join(" and "));

    block_on(async {
        let second = service
            .create_workflow(create_request("hourly-report", "create-hourly-report-1")?)
            .await?;
        println!("created   {}", second.workflow_arn);
        // The object-safe trait's own methods return boxed futures.
        let fetched = service
            .get_workflow_boxed(
                GetWorkflowInput::builder()
                    .workflow_arn(&second.workflow_arn)
                    .build()?,
            )
            .await?;
        println!(
            "get_workflow_boxed: {} is {}",
            fetched.name.unwrap_or_default(),
            fetched.workflow_status.unwrap_or_default()
        );

        let mut runs = service
            .list_workflow_runs_paginator(
                ListWorkflowRunsInput::builder().workflow_arn(arn).build()?,
            )
            .items();
        let mut count = 0;
        while let Some(run) = runs.next().await {
            let run = run?;
            count += 1;
            let status = run
                .run_detail_summary
                .and_then(|d| d.status)
                .unwrap_or_default();
            println!("run {count}: {} {status}", run.run_id.unwrap_or_default());
        }

        let mut workflows = service
            .list_workflows_paginator(ListWorkflowsInput::builder().max_results(1).build())
            .items();
        while let Some(workflow) = workflows.next().await {
            let workflow = workflow?;
            println!(
                "workflow {} -> {}",
                workflow.name.unwrap_or_default(),
                workflow.workflow_arn
            );
        }
        Ok::<(), Box<dyn Error>>(())
    })
}

fn main() -> Result<(), Box<dyn Error>> {
    let fake = FakeMwaa::new();
    let arn = block_on(walkthrough(&fake))?;

    println!("\n== The same fake as Arc<dyn DynMwaaServerless>");
    let shared: Arc<dyn DynMwaaServerless> = Arc::new(fake);
    shared_between_threads(shared, &arn)
}

// ---------------------------------------------------------------------------------------------
// A minimal executor: the fake never waits on I/O, so this is all `main` needs
// ---------------------------------------------------------------------------------------------

/// Wakes the thread that is blocked in `block_on`.
struct ThreadWaker(std::thread::Thread);

impl Wake for ThreadWaker {
    fn wake(self: Arc<Self>) {
        self.0.unpark();
    }
}

/// Runs `future` to completion on the current thread.
fn block_on<F: Future>(future: F) -> F::Output {
    let mut future = std::pin::pin!(future);
    let waker = Waker::from(Arc::new(ThreadWaker(std::thread::current())));
    let mut cx = Context::from_waker(&waker);
    loop {
        match future.as_mut().poll(&mut cx) {
            Poll::Ready(output) => return output,
            Poll::Pending => std::thread::park(),
        }
    }
}
