//! The service's state and the simulation that moves runs forward.

use std::collections::{BTreeMap, HashMap};
use std::time::{Duration, SystemTime};

use mwaa_serverless::operation::create_workflow::{CreateWorkflowInput, CreateWorkflowOutput};
use mwaa_serverless::operation::start_workflow_run::{
    StartWorkflowRunInput, StartWorkflowRunOutput,
};
use mwaa_serverless::primitives::{DateTime, Document};
use mwaa_serverless::types::{
    Code, DefinitionS3Location, EncryptionConfiguration, EngineVersion, LoggingConfiguration,
    NetworkConfiguration, TaskInstanceStatus, WorkflowRunStatus, WorkflowStatus,
};

use crate::options::{Clock, Options, Progression, RunOutcome, Timing};

/// Whether `value` matches the model's `IdString`/`NameString` pattern
/// `^[a-zA-Z0-9]+[a-zA-Z0-9\.\-_]*$` (1 to 255 characters).
pub(crate) fn is_id_string(value: &str) -> bool {
    let mut bytes = value.bytes();
    matches!(bytes.next(), Some(b) if b.is_ascii_alphanumeric())
        && bytes.all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_'))
        && value.len() <= 255
}

/// How many attempts a failing task gets (the first, and one retry).
pub(crate) const MAX_ATTEMPTS: i32 = 2;

/// Everything the service knows, behind the handle's mutex.
pub(crate) struct State {
    pub(crate) options: Options,
    /// Seconds since the epoch on the simulated clock.
    sim_now: i64,
    /// Orders everything that is listed; every new item takes the next number.
    seq: u64,
    rng: u64,
    pub(crate) workflows: Vec<Workflow>,
    /// `CreateWorkflow` requests by `ClientToken`, with the answer they got.
    pub(crate) create_tokens: HashMap<String, (CreateWorkflowInput, CreateWorkflowOutput)>,
    /// `StartWorkflowRun` requests by workflow ARN and `ClientToken`.
    pub(crate) start_tokens:
        HashMap<(String, String), (StartWorkflowRunInput, StartWorkflowRunOutput)>,
}

pub(crate) struct Workflow {
    pub(crate) seq: u64,
    pub(crate) arn: String,
    pub(crate) name: String,
    pub(crate) status: WorkflowStatus,
    pub(crate) created_at: DateTime,
    pub(crate) modified_at: DateTime,
    /// Oldest first; the last one is the latest.
    pub(crate) versions: Vec<Version>,
    pub(crate) tags: BTreeMap<String, String>,
    /// Oldest first.
    pub(crate) runs: Vec<Run>,
}

#[derive(Clone)]
pub(crate) struct Version {
    pub(crate) seq: u64,
    pub(crate) id: String,
    pub(crate) revision_id: String,
    pub(crate) created_at: DateTime,
    pub(crate) definition: DefinitionS3Location,
    pub(crate) code: Option<Code>,
    pub(crate) role_arn: String,
    pub(crate) description: Option<String>,
    pub(crate) encryption: Option<EncryptionConfiguration>,
    pub(crate) logging: Option<LoggingConfiguration>,
    pub(crate) engine_version: EngineVersion,
    pub(crate) network: Option<NetworkConfiguration>,
    pub(crate) trigger_mode: Option<String>,
}

pub(crate) struct Run {
    pub(crate) seq: u64,
    pub(crate) run_id: String,
    pub(crate) version: String,
    pub(crate) override_parameters: Option<HashMap<String, Document>>,
    pub(crate) outcome: RunOutcome,
    pub(crate) status: WorkflowRunStatus,
    pub(crate) created_at: DateTime,
    pub(crate) started_at: Option<DateTime>,
    pub(crate) ended_at: Option<DateTime>,
    pub(crate) modified_at: DateTime,
    pub(crate) error_message: Option<String>,
    pub(crate) tasks: Vec<Task>,
}

pub(crate) struct Task {
    pub(crate) seq: u64,
    pub(crate) task_instance_id: String,
    pub(crate) task_id: String,
    pub(crate) operator_name: String,
    pub(crate) status: TaskInstanceStatus,
    /// 0 until the first attempt starts.
    pub(crate) attempt: i32,
    pub(crate) started_at: Option<DateTime>,
    pub(crate) ended_at: Option<DateTime>,
    pub(crate) modified_at: DateTime,
    pub(crate) error_message: Option<String>,
    pub(crate) xcom: Option<HashMap<String, String>>,
}

impl State {
    pub(crate) fn new(options: Options) -> Self {
        let sim_now = match options.clock {
            Clock::Simulated { start, .. } => start.secs(),
            Clock::System => 0,
        };
        Self {
            rng: options.seed,
            options,
            sim_now,
            seq: 0,
            workflows: Vec::new(),
            create_tokens: HashMap::new(),
            start_tokens: HashMap::new(),
        }
    }

    /// The current time, without moving the clock.
    pub(crate) fn now(&self) -> DateTime {
        match self.options.clock {
            Clock::Simulated { .. } => DateTime::from_secs(self.sim_now),
            Clock::System => DateTime::from(SystemTime::now()),
        }
    }

    /// Moves the simulated clock one second (a request that changes something) and returns it,
    /// after the steps that came due by then.
    pub(crate) fn tick(&mut self) -> DateTime {
        self.sim_now += 1;
        self.catch_up();
        self.now()
    }

    /// With [`Progression::RealTime`]: every step that is due by now, each at the moment it
    /// was due, then the removal of deleted workflows whose runs have all finished.
    pub(crate) fn catch_up(&mut self) {
        let Progression::RealTime(timing) = self.options.progression else {
            return;
        };
        let now = self.now();
        for workflow in &mut self.workflows {
            for run in &mut workflow.runs {
                while let Some(due) = run.due(&timing).filter(|due| *due <= now) {
                    if !run.step(due) {
                        break;
                    }
                }
            }
        }
        self.remove_deleted();
    }

    pub(crate) fn next_seq(&mut self) -> u64 {
        self.seq += 1;
        self.seq
    }

    /// splitmix64: deterministic, seeded by the options.
    fn next_random(&mut self) -> u64 {
        self.rng = self.rng.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.rng;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// `len` characters from `[a-z0-9]`.
    pub(crate) fn random_id(&mut self, len: usize) -> String {
        const ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";
        (0..len)
            .map(|_| ALPHABET[(self.next_random() % ALPHABET.len() as u64) as usize] as char)
            .collect()
    }

    /// The ARN partition of the configured Region.
    fn partition(&self) -> &'static str {
        if self.options.region.starts_with("cn-") {
            "aws-cn"
        } else {
            "aws"
        }
    }

    /// A new workflow ARN: the name, a dash and ten random characters, as the model's
    /// `WorkflowArn` pattern requires.
    pub(crate) fn new_workflow_arn(&mut self, name: &str) -> String {
        let suffix = self.random_id(10);
        format!(
            "arn:{}:airflow-serverless:{}:{}:workflow/{name}-{suffix}",
            self.partition(),
            self.options.region,
            self.options.account_id
        )
    }

    pub(crate) fn workflow(&self, arn: &str) -> Option<&Workflow> {
        self.workflows.iter().find(|w| w.arn == arn)
    }

    /// A workflow and one of its runs, or the `ResourceNotFoundException` naming the missing one.
    pub(crate) fn workflow_run(&self, arn: &str, run_id: &str) -> Result<(&Workflow, &Run), mwaa_serverless::types::error::ResourceNotFoundException> {
        let workflow = self.workflow(arn).ok_or_else(|| crate::errors::not_found("Workflow", arn))?;
        let run = workflow.run(run_id).ok_or_else(|| crate::errors::not_found("WorkflowRun", run_id))?;
        Ok((workflow, run))
    }

    pub(crate) fn workflow_mut(&mut self, arn: &str) -> Option<&mut Workflow> {
        self.workflows.iter_mut().find(|w| w.arn == arn)
    }

    /// Builds the task instances of a new run.
    pub(crate) fn new_tasks(&mut self, now: DateTime) -> Vec<Task> {
        let specs = self.options.tasks.clone();
        specs
            .into_iter()
            .map(|spec| Task {
                seq: self.next_seq(),
                task_instance_id: format!("ti-{}", self.random_id(12)),
                task_id: spec.task_id,
                operator_name: spec.operator_name,
                status: TaskInstanceStatus::Scheduled,
                attempt: 0,
                started_at: None,
                ended_at: None,
                modified_at: now,
                error_message: None,
                xcom: None,
            })
            .collect()
    }

    /// One step of the simulation: the clock moves `step_secs`, every unfinished run moves one
    /// state, and workflows being deleted whose runs have all finished go away.
    pub(crate) fn step(&mut self) {
        if let Clock::Simulated { step_secs, .. } = self.options.clock {
            self.sim_now += step_secs;
        }
        let now = self.now();
        for workflow in &mut self.workflows {
            for run in &mut workflow.runs {
                run.step(now);
            }
        }
        self.remove_deleted();
    }

    /// Removes the workflows being deleted whose runs have all finished, with their tags.
    pub(crate) fn remove_deleted(&mut self) {
        self.workflows.retain(|w| {
            !(w.status == WorkflowStatus::Deleting && w.runs.iter().all(Run::is_finished))
        });
    }

    /// Whether anything is still in progress: an unfinished run or a deletion.
    pub(crate) fn busy(&self) -> bool {
        self.workflows.iter().any(|w| {
            w.status == WorkflowStatus::Deleting || w.runs.iter().any(|r| !r.is_finished())
        })
    }
}

impl Workflow {
    pub(crate) fn latest(&self) -> &Version {
        self.versions
            .last()
            .expect("a workflow always has at least one version")
    }

    pub(crate) fn version(&self, id: &str) -> Option<&Version> {
        self.versions.iter().find(|v| v.id == id)
    }

    pub(crate) fn run(&self, run_id: &str) -> Option<&Run> {
        self.runs.iter().find(|r| r.run_id == run_id)
    }

    pub(crate) fn run_mut(&mut self, run_id: &str) -> Option<&mut Run> {
        self.runs.iter_mut().find(|r| r.run_id == run_id)
    }

    pub(crate) fn active_runs(&self) -> usize {
        self.runs.iter().filter(|r| !r.is_finished()).count()
    }
}

/// `at` plus `wait` (saturating far in the future).
fn after(at: DateTime, wait: Duration) -> DateTime {
    const NANOS: i128 = 1_000_000_000;
    let nanos = i128::from(at.secs()) * NANOS + i128::from(at.subsec_nanos());
    let nanos = nanos.saturating_add(i128::try_from(wait.as_nanos()).unwrap_or(i128::MAX));
    let secs = i64::try_from(nanos.div_euclid(NANOS)).unwrap_or(i64::MAX);
    let subsec = u32::try_from(nanos.rem_euclid(NANOS)).unwrap_or_default();
    DateTime::from_secs_and_nanos(secs, subsec)
}

fn secs_between(start: Option<DateTime>, end: Option<DateTime>) -> Option<i32> {
    let (start, end) = (start?, end?);
    i32::try_from(end.secs() - start.secs()).ok()
}

impl Run {
    pub(crate) fn is_finished(&self) -> bool {
        matches!(
            self.status,
            WorkflowRunStatus::Success
                | WorkflowRunStatus::Failed
                | WorkflowRunStatus::Timeout
                | WorkflowRunStatus::Stopped
        )
    }

    /// When the run's next step is due with `timing`: its current state began at its last
    /// change (every step and stop sets `modified_at`). `None` once it has finished.
    fn due(&self, timing: &Timing) -> Option<DateTime> {
        timing
            .of(&self.status)
            .map(|wait| after(self.modified_at, wait))
    }

    /// The run's duration in seconds, once it has finished.
    pub(crate) fn duration(&self) -> Option<i32> {
        secs_between(self.started_at, self.ended_at)
    }

    /// The task that fails (or times out) when the outcome says so: the second, or the only.
    fn doomed_task(&self) -> usize {
        1.min(self.tasks.len() - 1)
    }

    fn finish(&mut self, status: WorkflowRunStatus, now: DateTime) {
        self.status = status;
        self.ended_at = Some(now);
        if self.started_at.is_none() {
            self.started_at = Some(now);
        }
    }

    /// Marks every task that has not finished `CANCELLED`.
    fn cancel_unfinished_tasks(&mut self, now: DateTime) {
        for task in &mut self.tasks {
            if !task.is_finished() {
                if task.attempt > 0 {
                    task.ended_at = Some(now);
                }
                task.status = TaskInstanceStatus::Cancelled;
                task.modified_at = now;
            }
        }
    }

    /// `StopWorkflowRun`: a run that has not started a task stops at once; a running one goes
    /// `STOPPING` (tasks not started yet are cancelled, the running task is terminated at the
    /// next step) and then `STOPPED`. Returns false for a run that has already finished
    /// otherwise; stopping a stopping or stopped run changes nothing.
    pub(crate) fn stop(&mut self, now: DateTime) -> bool {
        match self.status {
            WorkflowRunStatus::Starting | WorkflowRunStatus::Queued => {
                self.cancel_unfinished_tasks(now);
                self.finish(WorkflowRunStatus::Stopped, now);
            }
            WorkflowRunStatus::Running => {
                self.status = WorkflowRunStatus::Stopping;
                for task in &mut self.tasks {
                    if !task.is_finished() && task.status != TaskInstanceStatus::Running {
                        task.status = TaskInstanceStatus::Cancelled;
                        task.modified_at = now;
                    }
                }
            }
            WorkflowRunStatus::Stopping | WorkflowRunStatus::Stopped => return true,
            _ => return false,
        }
        self.modified_at = now;
        true
    }

    /// One step of the run's life. Returns whether anything changed.
    pub(crate) fn step(&mut self, now: DateTime) -> bool {
        match self.status {
            WorkflowRunStatus::Starting => {
                self.status = WorkflowRunStatus::Queued;
                let first = &mut self.tasks[0];
                first.status = TaskInstanceStatus::Queued;
                first.modified_at = now;
            }
            WorkflowRunStatus::Queued => {
                self.status = WorkflowRunStatus::Running;
                self.started_at = Some(now);
                self.tasks[0].start_attempt(now);
            }
            WorkflowRunStatus::Running => self.step_running(now),
            WorkflowRunStatus::Stopping => {
                self.cancel_unfinished_tasks(now);
                self.finish(WorkflowRunStatus::Stopped, now);
            }
            _ => return false,
        }
        self.modified_at = now;
        true
    }

    fn step_running(&mut self, now: DateTime) {
        let Some(current) = self.tasks.iter().position(|t| {
            matches!(
                t.status,
                TaskInstanceStatus::Running | TaskInstanceStatus::UpForRetry
            )
        }) else {
            // Nothing running (cannot happen): the run is done.
            self.finish(WorkflowRunStatus::Success, now);
            return;
        };
        let doomed = current == self.doomed_task();
        let task = &mut self.tasks[current];
        if task.status == TaskInstanceStatus::UpForRetry {
            task.start_attempt(now);
            return;
        }
        match self.outcome {
            RunOutcome::Failed if doomed => {
                task.ended_at = Some(now);
                task.modified_at = now;
                let message = format!(
                    "Task {} failed on attempt {} of {MAX_ATTEMPTS}: simulated failure",
                    task.task_id, task.attempt
                );
                task.error_message = Some(message);
                if task.attempt < MAX_ATTEMPTS {
                    task.status = TaskInstanceStatus::UpForRetry;
                    return;
                }
                task.status = TaskInstanceStatus::Failed;
                let task_id = task.task_id.clone();
                for later in &mut self.tasks[current + 1..] {
                    later.status = TaskInstanceStatus::UpstreamFailed;
                    later.modified_at = now;
                }
                self.error_message = Some(format!(
                    "Task {task_id} failed after {MAX_ATTEMPTS} attempts"
                ));
                self.finish(WorkflowRunStatus::Failed, now);
            }
            RunOutcome::Timeout if doomed => {
                task.status = TaskInstanceStatus::Timeout;
                task.ended_at = Some(now);
                task.modified_at = now;
                task.error_message = Some(format!("Task {} timed out", task.task_id));
                let task_id = task.task_id.clone();
                self.cancel_unfinished_tasks(now);
                self.error_message = Some(format!(
                    "Workflow run timed out while task {task_id} was running"
                ));
                self.finish(WorkflowRunStatus::Timeout, now);
            }
            _ => {
                task.status = TaskInstanceStatus::Success;
                task.ended_at = Some(now);
                task.modified_at = now;
                task.error_message = None;
                task.xcom = Some(HashMap::from([(
                    "return_value".to_owned(),
                    format!("{} done", task.task_id),
                )]));
                match self.tasks.get_mut(current + 1) {
                    Some(next) => next.start_attempt(now),
                    None => self.finish(WorkflowRunStatus::Success, now),
                }
            }
        }
    }
}

impl Task {
    pub(crate) fn is_finished(&self) -> bool {
        matches!(
            self.status,
            TaskInstanceStatus::Success
                | TaskInstanceStatus::Failed
                | TaskInstanceStatus::UpstreamFailed
                | TaskInstanceStatus::Cancelled
                | TaskInstanceStatus::Timeout
                | TaskInstanceStatus::Removed
        )
    }

    fn start_attempt(&mut self, now: DateTime) {
        self.status = TaskInstanceStatus::Running;
        self.attempt += 1;
        self.started_at = Some(now);
        self.ended_at = None;
        self.modified_at = now;
    }

    /// The task's duration in seconds, once it has ended.
    pub(crate) fn duration(&self) -> Option<i32> {
        secs_between(self.started_at, self.ended_at)
    }

    /// The CloudWatch log stream of the current attempt (an `IdString`).
    pub(crate) fn log_stream(&self, run_id: &str) -> Option<String> {
        (self.attempt > 0).then(|| format!("{run_id}.{}.attempt-{}", self.task_id, self.attempt))
    }
}
