//! # A local MWAA Serverless
//!
//! [`LocalMwaa`] implements the generated [`MwaaServerless`](mwaa_serverless::MwaaServerless)
//! trait in memory, for all fifteen operations, behaving as the model's documentation describes
//! the real service. Tests can call it directly through the trait, or serve it over HTTP with
//! [`spawn`] (feature `server`, on by default) and point any AWS client at it; the
//! `mwaa-serverless-local` binary does the same from the command line.
//!
//! ```
//! use mwaa_serverless::MwaaServerless;
//! use mwaa_serverless::operation::create_workflow::CreateWorkflowInput;
//! use mwaa_serverless::operation::start_workflow_run::StartWorkflowRunInput;
//! use mwaa_serverless::operation::get_workflow_run::GetWorkflowRunInput;
//! use mwaa_serverless::types::{DefinitionS3Location, WorkflowRunStatus};
//! use mwaa_serverless_local::LocalMwaa;
//!
//! # tokio::runtime::Builder::new_current_thread().build()?.block_on(async {
//! let mwaa = LocalMwaa::new();
//! let created = mwaa
//!     .create_workflow(
//!         CreateWorkflowInput::builder()
//!             .name("etl")
//!             .definition_s3_location(DefinitionS3Location::builder()
//!                 .bucket("my-bucket").object_key("dags/etl.yaml").build()?)
//!             .role_arn("arn:aws:iam::111122223333:role/etl")
//!             .build()?,
//!     )
//!     .await?;
//! let run = mwaa
//!     .start_workflow_run(StartWorkflowRunInput::builder()
//!         .workflow_arn(&created.workflow_arn).build()?)
//!     .await?;
//! assert_eq!(run.status, Some(WorkflowRunStatus::Starting));
//!
//! mwaa.settle(); // run every unfinished run to its end
//! let got = mwaa
//!     .get_workflow_run(GetWorkflowRunInput::builder()
//!         .workflow_arn(&created.workflow_arn)
//!         .set_run_id(run.run_id)
//!         .build()?)
//!     .await?;
//! assert_eq!(got.run_detail.unwrap().run_state, Some(WorkflowRunStatus::Success));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! # })?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! ## What it models
//!
//! * **Workflows and versions.** `CreateWorkflow` creates a workflow and its first version;
//!   `UpdateWorkflow` adds a version that becomes the latest; `GetWorkflow` reads the latest or
//!   a given version; `ListWorkflowVersions` lists them, oldest first; `ListWorkflows` shows the
//!   latest version of each workflow. ARNs have the form
//!   `arn:aws:airflow-serverless:<region>:<account>:workflow/<name>-<10 characters>` and version
//!   ids are 32 characters of `[a-z0-9]`, as the model's patterns require. Names are unique
//!   among existing workflows (`ConflictException`); a deleted workflow's name can be reused
//!   and gets a new ARN.
//! * **Runs.** `StartWorkflowRun` creates a run in `STARTING`; each simulation step moves it
//!   `QUEUED`, `RUNNING`, then one task at a time, ending `SUCCESS`, `FAILED` or `TIMEOUT`
//!   according to its [`RunOutcome`]. What makes a step happen is [`Progression`]: explicit
//!   calls to [`LocalMwaa::advance`] (the default), every read request, or time passing, a
//!   few seconds per state as on the real service ([`Progression::RealTime`], the binary's
//!   default: [`Options::real_time`]). `StopWorkflowRun` stops a run (`STOPPING`, then
//!   `STOPPED`).
//! * **Task instances**: one per [`TaskSpec`] of [`Options::tasks`], with status, attempt
//!   number, start and end times, duration, log stream, error message and XCom values.
//! * **Tags** on workflows, pagination with opaque tokens, `ClientToken` idempotency, every
//!   input checked with its generated `validate()`, and the modeled errors where the
//!   documentation puts them. The crate README lists each behaviour and its source.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod errors;
mod ops;
mod options;
#[cfg(feature = "server")]
mod server;
pub(crate) mod sim;

use std::sync::{Arc, Mutex, MutexGuard};

use mwaa_serverless::primitives::DateTime;

pub use options::{
    Clock, InvalidOptions, Options, Progression, RunOutcome, TaskSpec, Timing, DEFAULT_CLOCK_START,
    MODEL_DEFAULT_PAGE_SIZE,
};
#[cfg(feature = "server")]
pub use server::{spawn, spawn_with, try_spawn_with, ServerHandle};

/// The `OverrideParameters` key that picks how a run ends: a string `"SUCCESS"`, `"FAILED"` or
/// `"TIMEOUT"` in `StartWorkflowRun`'s `OverrideParameters` under this key overrides
/// [`Options::default_outcome`] for that run. Any other value is a `ValidationException`. It
/// works over the wire too, e.g. from the AWS CLI.
pub const OUTCOME_PARAMETER: &str = "mwaa_local_outcome";

/// MWAA Serverless in memory: a cheap, cloneable handle (clones share one service) that
/// implements [`MwaaServerless`](mwaa_serverless::MwaaServerless). It is `Send + Sync`; its
/// state sits behind a mutex that no request holds across an `.await`.
#[derive(Clone)]
pub struct LocalMwaa {
    state: Arc<Mutex<sim::State>>,
}

impl Default for LocalMwaa {
    fn default() -> Self {
        Self::new()
    }
}

impl std::fmt::Debug for LocalMwaa {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let state = self.lock();
        f.debug_struct("LocalMwaa")
            .field("region", &state.options.region)
            .field("account_id", &state.options.account_id)
            .field("workflows", &state.workflows.len())
            .finish_non_exhaustive()
    }
}

impl LocalMwaa {
    /// A new, empty service with the default [`Options`]: Region `us-east-1`, account
    /// `111122223333`, page size 20, [`Progression::Manual`], a simulated clock.
    pub fn new() -> Self {
        Self::with_options(Options::default()).expect("the default options are valid")
    }

    /// A new, empty service with `options`, once [`Options::check`] accepts them.
    pub fn with_options(options: Options) -> Result<Self, InvalidOptions> {
        options.check()?;
        Ok(Self {
            state: Arc::new(Mutex::new(sim::State::new(options))),
        })
    }

    /// The options the service was created with.
    pub fn options(&self) -> Options {
        self.lock().options.clone()
    }

    /// The state, brought up to the present: with [`Progression::RealTime`], every step that
    /// has come due since it was last looked at happens first.
    pub(crate) fn lock(&self) -> MutexGuard<'_, sim::State> {
        // A panic while holding the lock cannot leave the state half-updated in a way that
        // matters to a test double, so a poisoned lock is used as is.
        let mut state = self
            .state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        state.catch_up();
        state
    }

    /// The service's current time.
    pub fn now(&self) -> DateTime {
        self.lock().now()
    }

    /// Moves the simulation one step: the simulated clock moves by its step, every unfinished
    /// run moves to its next state, and deleted workflows whose runs have finished disappear.
    pub fn advance(&self) {
        self.lock().step();
    }

    /// [`advance`](Self::advance)s `steps` times.
    pub fn advance_by(&self, steps: usize) {
        let mut state = self.lock();
        for _ in 0..steps {
            state.step();
        }
    }

    /// Advances until no run is unfinished and no deletion is pending, and returns how many
    /// steps that took. Every run finishes within a bounded number of steps.
    pub fn settle(&self) -> usize {
        let mut state = self.lock();
        let mut steps = 0;
        while state.busy() {
            state.step();
            steps += 1;
        }
        steps
    }

    /// Changes how an unfinished run ends. Returns false if there is no such run or it has
    /// already finished (or has been stopped).
    pub fn set_run_outcome(&self, workflow_arn: &str, run_id: &str, outcome: RunOutcome) -> bool {
        let mut state = self.lock();
        let Some(run) = state
            .workflow_mut(workflow_arn)
            .and_then(|w| w.run_mut(run_id))
        else {
            return false;
        };
        if run.is_finished() || run.status == mwaa_serverless::types::WorkflowRunStatus::Stopping {
            return false;
        }
        run.outcome = outcome;
        true
    }

    /// The ARN of the existing workflow called `name`, if there is one.
    pub fn workflow_arn(&self, name: &str) -> Option<String> {
        self.lock()
            .workflows
            .iter()
            .find(|w| w.name == name)
            .map(|w| w.arn.clone())
    }

    /// How many workflows exist (including those being deleted).
    pub fn workflow_count(&self) -> usize {
        self.lock().workflows.len()
    }
}
