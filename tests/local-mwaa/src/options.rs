//! How a [`LocalMwaa`](crate::LocalMwaa) is configured.

use std::fmt;
use std::time::Duration;

use mwaa_serverless::primitives::DateTime;
use mwaa_serverless::types::WorkflowRunStatus;

/// 2026-01-01T00:00:00Z: where the simulated clock starts unless told otherwise.
pub const DEFAULT_CLOCK_START: i64 = 1_767_225_600;

/// The page size the model gives `MaxResults` as its `@default` on every list operation.
pub const MODEL_DEFAULT_PAGE_SIZE: usize = 20;

/// When workflow runs (and workflows being deleted) make progress.
///
/// A run moves one step at a time through `STARTING` → `QUEUED` → `RUNNING` → (one step per
/// task attempt) → `SUCCESS`, `FAILED` or `TIMEOUT`; a stopped run goes `STOPPING` →
/// `STOPPED`. What triggers a step is chosen here: time, as on the real service, or explicit
/// events, so that tests are deterministic.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Progression {
    /// Nothing moves on its own: runs advance only when the owner calls
    /// [`LocalMwaa::advance`](crate::LocalMwaa::advance) (one step) or
    /// [`LocalMwaa::settle`](crate::LocalMwaa::settle) (until every run has finished).
    /// The default, and the right choice for tests that assert on intermediate states.
    #[default]
    Manual,
    /// Every read-only request (`Get*` and `List*`) first advances the whole simulation by one
    /// step, then answers. A client that polls `GetWorkflowRun` sees the run progress and
    /// finish, as it would against the real service. The binary uses this mode by default.
    /// [`LocalMwaa::advance`](crate::LocalMwaa::advance) still works too.
    OnRead,
    /// Runs move as time passes on [`Options::clock`], as on the real service: each state
    /// lasts its [`Timing`], and a step happens at the moment it is due (so timestamps and
    /// durations are exact), whenever the service is next asked anything. Reads never move a
    /// run: reading it again a moment later shows the same state. The binary uses this mode by
    /// default ([`Options::real_time`]);
    /// [`LocalMwaa::advance`](crate::LocalMwaa::advance) still forces a step.
    RealTime(Timing),
}

/// How long each state of a run lasts with [`Progression::RealTime`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Timing {
    /// `STARTING`, until the run is queued.
    pub starting: Duration,
    /// `QUEUED`, until its first task runs.
    pub queued: Duration,
    /// Each task attempt while the run is `RUNNING` (and the wait before a failed task's
    /// retry).
    pub task: Duration,
    /// `STOPPING`, until the run is `STOPPED`.
    pub stopping: Duration,
}

impl Default for Timing {
    /// A few seconds per state: 2 s starting, 3 s queued, 5 s per task attempt, 3 s stopping,
    /// so a client has time to watch (or stop) a run of the default three tasks (20 s).
    fn default() -> Self {
        Self {
            starting: Duration::from_secs(2),
            queued: Duration::from_secs(3),
            task: Duration::from_secs(5),
            stopping: Duration::from_secs(3),
        }
    }
}

impl Timing {
    /// The same duration for every state.
    pub fn uniform(each: Duration) -> Self {
        Self {
            starting: each,
            queued: each,
            task: each,
            stopping: each,
        }
    }

    /// How long a run stays in `status`, or `None` for a state it never leaves.
    pub fn of(&self, status: &WorkflowRunStatus) -> Option<Duration> {
        match status {
            WorkflowRunStatus::Starting => Some(self.starting),
            WorkflowRunStatus::Queued => Some(self.queued),
            WorkflowRunStatus::Running => Some(self.task),
            WorkflowRunStatus::Stopping => Some(self.stopping),
            _ => None,
        }
    }
}

/// Where timestamps come from.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Clock {
    /// A simulated clock: it starts at `start`, moves one second for every request that changes
    /// something and `step_secs` seconds for every simulation step. Timestamps and durations are
    /// the same on every run of a test.
    Simulated {
        /// The first instant the clock shows.
        start: DateTime,
        /// How far one simulation step moves the clock, in seconds.
        step_secs: i64,
    },
    /// The machine's clock (`SystemTime::now()`), for interactive use.
    System,
}

impl Default for Clock {
    fn default() -> Self {
        Clock::Simulated {
            start: DateTime::from_secs(DEFAULT_CLOCK_START),
            step_secs: 30,
        }
    }
}

/// One task of the DAG every workflow runs. The local service cannot read the YAML definition
/// from Amazon S3, so the tasks a run executes come from [`Options::tasks`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TaskSpec {
    /// The task's id in the DAG (`TaskId` in `GetTaskInstance`); must match the model's
    /// `IdString` pattern `^[a-zA-Z0-9]+[a-zA-Z0-9\.\-_]*$`.
    pub task_id: String,
    /// The Airflow operator the task uses (`OperatorName`).
    pub operator_name: String,
}

impl TaskSpec {
    /// A task with the given id and operator.
    pub fn new(task_id: impl Into<String>, operator_name: impl Into<String>) -> Self {
        Self {
            task_id: task_id.into(),
            operator_name: operator_name.into(),
        }
    }
}

/// How a run ends when nobody stops it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum RunOutcome {
    /// Every task succeeds; the run ends `SUCCESS`.
    #[default]
    Success,
    /// The second task (the only one, for a one-task DAG) fails on its first attempt, is
    /// retried (`UP_FOR_RETRY`, then attempt 2) and fails again; the tasks after it are
    /// `UPSTREAM_FAILED` and the run ends `FAILED` with an error message.
    Failed,
    /// The run times out while the second task (or the only one) runs: that task ends
    /// `TIMEOUT`, the tasks after it `CANCELLED`, and the run `TIMEOUT`.
    Timeout,
}

impl RunOutcome {
    /// The outcome named by `value` (`SUCCESS`, `FAILED` or `TIMEOUT`, any case).
    pub fn parse(value: &str) -> Option<Self> {
        match value.to_ascii_uppercase().as_str() {
            "SUCCESS" => Some(Self::Success),
            "FAILED" => Some(Self::Failed),
            "TIMEOUT" => Some(Self::Timeout),
            _ => None,
        }
    }
}

/// Configuration of a [`LocalMwaa`](crate::LocalMwaa).
///
/// Start from `Options::default()` and change what you need, with the `with_*` methods or
/// struct update syntax; [`LocalMwaa::with_options`](crate::LocalMwaa::with_options) checks it.
#[derive(Clone, Debug, PartialEq)]
pub struct Options {
    /// The Region in ARNs, e.g. `us-east-1`. Must match the model's ARN pattern
    /// (`[a-z]{2}-[a-z]+-[0-9]`). A Region starting `cn-` puts `aws-cn` in ARNs.
    pub region: String,
    /// The twelve-digit account id in ARNs.
    pub account_id: String,
    /// The page size of list operations when a request leaves `MaxResults` unset; `1..=100`.
    /// Defaults to the model's `@default` of 20.
    pub default_page_size: usize,
    /// What makes runs progress.
    pub progression: Progression,
    /// Where timestamps come from.
    pub clock: Clock,
    /// The tasks of every run, in execution order; at least one.
    pub tasks: Vec<TaskSpec>,
    /// How runs end unless a run's `OverrideParameters` say otherwise (see
    /// [`OUTCOME_PARAMETER`](crate::OUTCOME_PARAMETER)) or
    /// [`LocalMwaa::set_run_outcome`](crate::LocalMwaa::set_run_outcome) changes it.
    pub default_outcome: RunOutcome,
    /// Seeds the generator of ARN suffixes, version ids, run ids and task instance ids, so
    /// they are the same on every run of a test.
    pub seed: u64,
    /// `ServiceQuotaExceededException` from `CreateWorkflow` once this many workflows exist.
    pub max_workflows: Option<usize>,
    /// `ServiceQuotaExceededException` from `UpdateWorkflow` once a workflow has this many
    /// versions.
    pub max_versions_per_workflow: Option<usize>,
    /// `ServiceQuotaExceededException` from `StartWorkflowRun` once a workflow has this many
    /// runs that have not finished.
    pub max_active_runs_per_workflow: Option<usize>,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            region: "us-east-1".to_owned(),
            account_id: "111122223333".to_owned(),
            default_page_size: MODEL_DEFAULT_PAGE_SIZE,
            progression: Progression::Manual,
            clock: Clock::default(),
            tasks: vec![
                TaskSpec::new("extract", "S3KeySensor"),
                TaskSpec::new("transform", "GlueJobOperator"),
                TaskSpec::new("load", "RedshiftDataOperator"),
            ],
            default_outcome: RunOutcome::Success,
            seed: 0x6d77_6161_6c6f_6361,
            max_workflows: None,
            max_versions_per_workflow: None,
            max_active_runs_per_workflow: None,
        }
    }
}

impl Options {
    /// What the `mwaa-serverless-local` binary runs with unless told otherwise: the default
    /// options with the system clock and [`Progression::RealTime`] at the default [`Timing`],
    /// so that an AWS SDK or the CLI sees runs behave as on the real service.
    pub fn real_time() -> Self {
        Self::default()
            .with_progression(Progression::RealTime(Timing::default()))
            .with_clock(Clock::System)
    }

    /// Sets [`region`](Self::region).
    pub fn with_region(mut self, region: impl Into<String>) -> Self {
        self.region = region.into();
        self
    }
    /// Sets [`account_id`](Self::account_id).
    pub fn with_account_id(mut self, account_id: impl Into<String>) -> Self {
        self.account_id = account_id.into();
        self
    }
    /// Sets [`default_page_size`](Self::default_page_size).
    pub fn with_default_page_size(mut self, size: usize) -> Self {
        self.default_page_size = size;
        self
    }
    /// Sets [`progression`](Self::progression).
    pub fn with_progression(mut self, progression: Progression) -> Self {
        self.progression = progression;
        self
    }
    /// Sets [`clock`](Self::clock).
    pub fn with_clock(mut self, clock: Clock) -> Self {
        self.clock = clock;
        self
    }
    /// Sets [`tasks`](Self::tasks).
    pub fn with_tasks(mut self, tasks: impl IntoIterator<Item = TaskSpec>) -> Self {
        self.tasks = tasks.into_iter().collect();
        self
    }
    /// Sets [`default_outcome`](Self::default_outcome).
    pub fn with_default_outcome(mut self, outcome: RunOutcome) -> Self {
        self.default_outcome = outcome;
        self
    }
    /// Sets [`seed`](Self::seed).
    pub fn with_seed(mut self, seed: u64) -> Self {
        self.seed = seed;
        self
    }
    /// Sets [`max_workflows`](Self::max_workflows).
    pub fn with_max_workflows(mut self, max: Option<usize>) -> Self {
        self.max_workflows = max;
        self
    }
    /// Sets [`max_versions_per_workflow`](Self::max_versions_per_workflow).
    pub fn with_max_versions_per_workflow(mut self, max: Option<usize>) -> Self {
        self.max_versions_per_workflow = max;
        self
    }
    /// Sets [`max_active_runs_per_workflow`](Self::max_active_runs_per_workflow).
    pub fn with_max_active_runs_per_workflow(mut self, max: Option<usize>) -> Self {
        self.max_active_runs_per_workflow = max;
        self
    }

    /// Checks the options: a Region and account id that fit the model's ARN pattern, a page
    /// size in `1..=100`, at least one task, task ids the model accepts.
    pub fn check(&self) -> Result<(), InvalidOptions> {
        let region_ok = {
            let parts: Vec<&str> = self.region.split('-').collect();
            parts.len() == 3
                && parts[0].len() == 2
                && parts[0].bytes().all(|b| b.is_ascii_lowercase())
                && !parts[1].is_empty()
                && parts[1].bytes().all(|b| b.is_ascii_lowercase())
                && parts[2].len() == 1
                && parts[2].bytes().all(|b| b.is_ascii_digit())
        };
        if !region_ok {
            return Err(InvalidOptions(format!(
                "region {:?} does not fit the ARN pattern [a-z]{{2}}-[a-z]+-[0-9]",
                self.region
            )));
        }
        if self.account_id.len() != 12 || !self.account_id.bytes().all(|b| b.is_ascii_digit()) {
            return Err(InvalidOptions(format!(
                "account id {:?} is not twelve digits",
                self.account_id
            )));
        }
        if !(1..=100).contains(&self.default_page_size) {
            return Err(InvalidOptions(format!(
                "default page size {} is not in 1..=100",
                self.default_page_size
            )));
        }
        if self.tasks.is_empty() {
            return Err(InvalidOptions("a run needs at least one task".to_owned()));
        }
        for task in &self.tasks {
            if !crate::sim::is_id_string(&task.task_id) {
                return Err(InvalidOptions(format!(
                    "task id {:?} does not match ^[a-zA-Z0-9]+[a-zA-Z0-9.\\-_]*$",
                    task.task_id
                )));
            }
            if task.operator_name.is_empty() || task.operator_name.chars().count() > 255 {
                return Err(InvalidOptions(format!(
                    "operator name {:?} must be 1 to 255 characters",
                    task.operator_name
                )));
            }
        }
        if let Clock::Simulated { step_secs, .. } = self.clock {
            if step_secs < 0 {
                return Err(InvalidOptions("the clock cannot step backwards".to_owned()));
            }
        }
        Ok(())
    }
}

/// Why [`Options::check`] refused a configuration.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvalidOptions(pub String);

impl fmt::Display for InvalidOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid LocalMwaa options: {}", self.0)
    }
}

impl std::error::Error for InvalidOptions {}
