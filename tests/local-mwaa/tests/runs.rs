//! Workflow runs and task instances: lifecycle, outcomes, stopping, and their errors.
//!
//! Each test body runs twice (`common::both_ways!`): `<test>::direct` calls `LocalMwaa` through
//! the trait, `<test>::over_http` calls the same `LocalMwaa` through the generated client and
//! server on 127.0.0.1. Tests that are not `both_ways!` say why.

mod common;


use common::*;
use mwaa_serverless::operation::get_task_instance::GetTaskInstanceInput;
use mwaa_serverless::operation::get_workflow_run::GetWorkflowRunInput;
use mwaa_serverless::operation::list_task_instances::ListTaskInstancesInput;
use mwaa_serverless::operation::list_workflow_runs::ListWorkflowRunsInput;
use mwaa_serverless::operation::start_workflow_run::{
    StartWorkflowRunError, StartWorkflowRunInput,
};
use mwaa_serverless::operation::stop_workflow_run::StopWorkflowRunInput;
use mwaa_serverless::operation::update_workflow::UpdateWorkflowInput;
use mwaa_serverless::primitives::Document;
use mwaa_serverless::types::{RunType, TaskInstanceStatus as T, WorkflowRunStatus as R};
use mwaa_serverless::MwaaServerless;
use mwaa_serverless_local::{
    Clock, LocalMwaa, Options, Progression, RunOutcome, Timing, OUTCOME_PARAMETER,
};
use std::time::{Duration, Instant};

fn stop(arn: &str, run_id: &str) -> StopWorkflowRunInput {
    StopWorkflowRunInput::builder()
        .workflow_arn(arn)
        .run_id(run_id)
        .build()
        .unwrap()
}

fn with_outcome(arn: &str, outcome: &str) -> StartWorkflowRunInput {
    StartWorkflowRunInput::builder()
        .workflow_arn(arn)
        .override_parameters(OUTCOME_PARAMETER, Document::from(outcome))
        .build()
        .unwrap()
}

both_ways!(a_run_moves_one_state_per_step_and_succeeds);
async fn a_run_moves_one_state_per_step_and_succeeds(
    mwaa: &impl MwaaServerless,
    local: &LocalMwaa,
) {
    let created = create(mwaa, "etl").await;
    let arn = created.workflow_arn;
    let start_out = mwaa.start_workflow_run(start_input(&arn)).await.unwrap();
    assert_eq!(start_out.status, Some(R::Starting));
    assert!(start_out.started_at.is_some());
    let run_id = start_out.run_id.unwrap();

    // Nothing moves until the test says so (Progression::Manual).
    assert_eq!(run_state(mwaa, &arn, &run_id).await, R::Starting);
    assert_eq!(run_state(mwaa, &arn, &run_id).await, R::Starting);
    assert_eq!(
        task_statuses(mwaa, &arn, &run_id).await,
        vec![T::Scheduled; 3]
    );

    local.advance();
    assert_eq!(run_state(mwaa, &arn, &run_id).await, R::Queued);
    assert_eq!(
        task_statuses(mwaa, &arn, &run_id).await,
        [T::Queued, T::Scheduled, T::Scheduled]
    );
    local.advance();
    assert_eq!(run_state(mwaa, &arn, &run_id).await, R::Running);
    assert_eq!(
        task_statuses(mwaa, &arn, &run_id).await,
        [T::Running, T::Scheduled, T::Scheduled]
    );
    local.advance();
    assert_eq!(
        task_statuses(mwaa, &arn, &run_id).await,
        [T::Success, T::Running, T::Scheduled]
    );
    local.advance();
    local.advance();
    assert_eq!(run_state(mwaa, &arn, &run_id).await, R::Success);
    assert_eq!(
        task_statuses(mwaa, &arn, &run_id).await,
        vec![T::Success; 3]
    );
    assert_eq!(local.settle(), 0, "nothing is left to do");

    let out = mwaa
        .get_workflow_run(
            GetWorkflowRunInput::builder()
                .workflow_arn(&arn)
                .run_id(&run_id)
                .build()
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(out.workflow_arn.as_deref(), Some(arn.as_str()));
    assert_eq!(out.workflow_version, created.workflow_version);
    assert_eq!(out.run_type, Some(RunType::OnDemand));
    let detail = out.run_detail.unwrap();
    // The default simulated clock steps 30 seconds; the run ran for three steps.
    assert_eq!(detail.duration, Some(90));
    assert!(detail.completed_on.is_some());
    assert!(detail.error_message.is_none());
    let ids = detail.task_instances.unwrap();
    assert_eq!(ids.len(), 3);

    let first = task(mwaa, &arn, &run_id, &ids[0]).await;
    assert_eq!(first.status, Some(T::Success));
    assert_eq!(first.attempt_number, Some(1));
    assert_eq!(first.task_id.as_deref(), Some("extract"));
    assert_eq!(first.operator_name.as_deref(), Some("S3KeySensor"));
    assert_eq!(first.duration_in_seconds, Some(30));
    assert!(first.log_stream.is_some());
    assert!(first.xcom.is_some());
    assert!(first.error_message.is_none());
    assert_eq!(first.workflow_version, created.workflow_version);
    // Everything the service returns passes the model's constraints when sent back.
    GetTaskInstanceInput::builder()
        .workflow_arn(&arn)
        .run_id(&run_id)
        .task_instance_id(&ids[0])
        .build()
        .unwrap()
        .validate()
        .unwrap();
}

both_ways!(a_failing_run_retries_then_fails_its_task);
async fn a_failing_run_retries_then_fails_its_task(mwaa: &impl MwaaServerless, local: &LocalMwaa) {
    let arn = create(mwaa, "etl").await.workflow_arn;
    let run_id = mwaa
        .start_workflow_run(with_outcome(&arn, "FAILED"))
        .await
        .unwrap()
        .run_id
        .unwrap();
    local.advance_by(3); // QUEUED, RUNNING (extract), extract done and transform running
    assert_eq!(
        task_statuses(mwaa, &arn, &run_id).await,
        [T::Success, T::Running, T::Scheduled]
    );
    local.advance();
    assert_eq!(
        task_statuses(mwaa, &arn, &run_id).await,
        [T::Success, T::UpForRetry, T::Scheduled]
    );
    let transform = tasks(mwaa, &arn, &run_id).await[1]
        .task_instance_id
        .clone()
        .unwrap();
    let t = task(mwaa, &arn, &run_id, &transform).await;
    assert_eq!(t.attempt_number, Some(1));
    assert!(t.error_message.is_some());
    local.advance();
    let t = task(mwaa, &arn, &run_id, &transform).await;
    assert_eq!(t.status, Some(T::Running));
    assert_eq!(t.attempt_number, Some(2));
    local.advance();
    assert_eq!(
        task_statuses(mwaa, &arn, &run_id).await,
        [T::Success, T::Failed, T::UpstreamFailed]
    );
    let detail = run_detail(mwaa, &arn, &run_id).await;
    assert_eq!(detail.run_state, Some(R::Failed));
    assert!(detail.error_message.unwrap().contains("transform"));
    let t = task(mwaa, &arn, &run_id, &transform).await;
    assert_eq!(t.attempt_number, Some(2));
    assert_eq!(t.status, Some(T::Failed));
}

both_ways!(outcomes_can_time_out_and_be_changed_while_running);
async fn outcomes_can_time_out_and_be_changed_while_running(
    mwaa: &impl MwaaServerless,
    local: &LocalMwaa,
) {
    let arn = create(mwaa, "etl").await.workflow_arn;
    let run_id = start(mwaa, &arn).await;
    assert!(local.set_run_outcome(&arn, &run_id, RunOutcome::Timeout));
    local.settle();
    let detail = run_detail(mwaa, &arn, &run_id).await;
    assert_eq!(detail.run_state, Some(R::Timeout));
    assert!(detail.error_message.is_some());
    assert_eq!(
        task_statuses(mwaa, &arn, &run_id).await,
        [T::Success, T::Timeout, T::Cancelled]
    );
    // A finished run's outcome cannot change.
    assert!(!local.set_run_outcome(&arn, &run_id, RunOutcome::Success));
    assert!(!local.set_run_outcome(&arn, "nope", RunOutcome::Success));

    // An outcome the local service does not know is a ValidationException.
    let err = mwaa
        .start_workflow_run(with_outcome(&arn, "MAYBE"))
        .await
        .unwrap_err();
    assert_fields(err, &["/OverrideParameters"]);
}

both_ways!(
    the_default_outcome_comes_from_the_options,
    LocalMwaa::with_options(Options::default().with_default_outcome(RunOutcome::Failed)).unwrap()
);
async fn the_default_outcome_comes_from_the_options(mwaa: &impl MwaaServerless, local: &LocalMwaa) {
    let arn = create(mwaa, "etl").await.workflow_arn;
    let run_id = start(mwaa, &arn).await;
    local.settle();
    assert_eq!(run_state(mwaa, &arn, &run_id).await, R::Failed);
}

both_ways!(stopping_a_run);
async fn stopping_a_run(mwaa: &impl MwaaServerless, local: &LocalMwaa) {
    let arn = create(mwaa, "etl").await.workflow_arn;

    // Not started yet: stopped at once.
    let early = start(mwaa, &arn).await;
    let out = mwaa.stop_workflow_run(stop(&arn, &early)).await.unwrap();
    assert_eq!(out.status, Some(R::Stopped));
    assert_eq!(out.run_id.as_deref(), Some(early.as_str()));
    assert_eq!(out.workflow_arn.as_deref(), Some(arn.as_str()));
    assert!(out.workflow_version.is_some());
    assert_eq!(
        task_statuses(mwaa, &arn, &early).await,
        vec![T::Cancelled; 3]
    );

    // Running: STOPPING, then STOPPED at the next step.
    let running = start(mwaa, &arn).await;
    local.advance_by(3);
    let out = mwaa.stop_workflow_run(stop(&arn, &running)).await.unwrap();
    assert_eq!(out.status, Some(R::Stopping));
    assert_eq!(
        task_statuses(mwaa, &arn, &running).await,
        [T::Success, T::Running, T::Cancelled]
    );
    // Stopping again is idempotent.
    let again = mwaa.stop_workflow_run(stop(&arn, &running)).await.unwrap();
    assert_eq!(again.status, Some(R::Stopping));
    local.advance();
    assert_eq!(run_state(mwaa, &arn, &running).await, R::Stopped);
    assert_eq!(
        task_statuses(mwaa, &arn, &running).await,
        [T::Success, T::Cancelled, T::Cancelled]
    );
    let again = mwaa.stop_workflow_run(stop(&arn, &running)).await.unwrap();
    assert_eq!(again.status, Some(R::Stopped));

    // A run that finished on its own cannot be stopped; the model gives StopWorkflowRun no
    // ConflictException, so this is a ValidationException.
    let done = start(mwaa, &arn).await;
    local.settle();
    let err = mwaa.stop_workflow_run(stop(&arn, &done)).await.unwrap_err();
    assert_fields(err, &[]);

    let err = mwaa
        .stop_workflow_run(stop(&arn, "unknown"))
        .await
        .unwrap_err();
    assert!(err.is_resource_not_found_exception());
    let err = mwaa
        .stop_workflow_run(stop(UNKNOWN_ARN, &done))
        .await
        .unwrap_err();
    assert!(err.is_resource_not_found_exception());
}

both_ways!(
    on_read_progression_lets_a_poller_see_the_run_finish,
    LocalMwaa::with_options(Options::default().with_progression(Progression::OnRead)).unwrap()
);
async fn on_read_progression_lets_a_poller_see_the_run_finish(
    mwaa: &impl MwaaServerless,
    _local: &LocalMwaa,
) {
    let arn = create(mwaa, "etl").await.workflow_arn;
    let run_id = start(mwaa, &arn).await;
    let mut seen = Vec::new();
    for _ in 0..20 {
        let state = run_state(mwaa, &arn, &run_id).await;
        if seen.last() != Some(&state) {
            seen.push(state.clone());
        }
        if state == R::Success {
            break;
        }
    }
    assert_eq!(seen, [R::Queued, R::Running, R::Success]);
}

both_ways!(
    with_the_binarys_defaults_a_client_reads_a_run_then_stops_it,
    LocalMwaa::with_options(Options::real_time()).unwrap()
);
/// What the AWS SDK and boto3 scenarios do against the binary: start a run, read it a few
/// times, stop it. Reads do not move the run (real time, a few seconds per state), so it is
/// still unfinished when the stop arrives.
async fn with_the_binarys_defaults_a_client_reads_a_run_then_stops_it(
    mwaa: &impl MwaaServerless,
    _local: &LocalMwaa,
) {
    let arn = create(mwaa, "etl").await.workflow_arn;
    let run_id = start(mwaa, &arn).await;
    let first = run_detail(mwaa, &arn, &run_id).await;
    assert_eq!(first.run_state, Some(R::Starting));
    // The system clock, not a simulated one.
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap();
    assert!(
        first
            .created_at
            .unwrap()
            .secs()
            .abs_diff(now.as_secs() as i64)
            < 60
    );
    for _ in 0..6 {
        let again = run_detail(mwaa, &arn, &run_id).await;
        assert_eq!(
            (again.run_state, again.modified_at),
            (first.run_state.clone(), first.modified_at)
        );
    }
    let stopped = mwaa.stop_workflow_run(stop(&arn, &run_id)).await.unwrap();
    assert_eq!(stopped.status, Some(R::Stopped));
}

/// Real time with short states: 150 ms each, 500 ms per task attempt.
fn quick() -> LocalMwaa {
    let timing = Timing {
        task: Duration::from_millis(500),
        ..Timing::uniform(Duration::from_millis(150))
    };
    LocalMwaa::with_options(Options::real_time().with_progression(Progression::RealTime(timing)))
        .unwrap()
}

/// Polls the run until it reaches `until` (or 20 s pass), returning each state seen once.
async fn watch(mwaa: &impl MwaaServerless, arn: &str, run_id: &str, until: R) -> Vec<R> {
    let deadline = Instant::now() + Duration::from_secs(20);
    let mut seen: Vec<R> = Vec::new();
    while Instant::now() < deadline {
        let state = run_state(mwaa, arn, run_id).await;
        if seen.last() != Some(&state) {
            seen.push(state.clone());
        }
        if state == until {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    seen
}

/// Whether `seen` follows the order of `path` (states polled past in between may be missing).
fn in_order(seen: &[R], path: &[R]) -> bool {
    let mut rest = path.iter();
    seen.iter().all(|state| rest.any(|p| p == state))
}

fn secs_between(
    a: Option<mwaa_serverless::primitives::DateTime>,
    b: Option<mwaa_serverless::primitives::DateTime>,
) -> f64 {
    b.unwrap().as_secs_f64() - a.unwrap().as_secs_f64()
}

both_ways!(real_time_runs_progress_with_the_clock, quick());
async fn real_time_runs_progress_with_the_clock(mwaa: &impl MwaaServerless, _local: &LocalMwaa) {
    let arn = create(mwaa, "etl").await.workflow_arn;
    let run_id = start(mwaa, &arn).await;
    let seen = watch(mwaa, &arn, &run_id, R::Success).await;
    assert!(
        in_order(&seen, &[R::Starting, R::Queued, R::Running, R::Success]),
        "{seen:?}"
    );
    assert!(
        seen.len() >= 3 && seen.last() == Some(&R::Success),
        "{seen:?}"
    );
    // Each step happened when it was due, however late the poll that saw it.
    let detail = run_detail(mwaa, &arn, &run_id).await;
    assert!(
        (secs_between(detail.created_at, detail.started_on) - 0.3).abs() < 0.002,
        "{detail:?}"
    );
    assert!(
        (secs_between(detail.started_on, detail.completed_on) - 1.5).abs() < 0.002,
        "{detail:?}"
    );

    // A running run stopped takes its STOPPING time too.
    let run_id = start(mwaa, &arn).await;
    watch(mwaa, &arn, &run_id, R::Running).await;
    let stopping = mwaa.stop_workflow_run(stop(&arn, &run_id)).await.unwrap();
    assert_eq!(stopping.status, Some(R::Stopping));
    let seen = watch(mwaa, &arn, &run_id, R::Stopped).await;
    assert!(
        in_order(&seen, &[R::Stopping, R::Stopped]) && seen.last() == Some(&R::Stopped),
        "{seen:?}"
    );
}

both_ways!(
    the_system_clock_works_too,
    LocalMwaa::with_options(Options::default().with_clock(Clock::System)).unwrap()
);
async fn the_system_clock_works_too(mwaa: &impl MwaaServerless, local: &LocalMwaa) {
    let arn = create(mwaa, "etl").await.workflow_arn;
    let run_id = start(mwaa, &arn).await;
    local.settle();
    let detail = run_detail(mwaa, &arn, &run_id).await;
    assert_eq!(detail.run_state, Some(R::Success));
    assert!(detail.created_at.unwrap().secs() > 1_700_000_000);
}

both_ways!(runs_use_the_requested_version_and_list_by_version);
async fn runs_use_the_requested_version_and_list_by_version(
    mwaa: &impl MwaaServerless,
    _local: &LocalMwaa,
) {
    let created = create(mwaa, "etl").await;
    let arn = created.workflow_arn;
    let v1 = created.workflow_version.unwrap();
    let v2 = mwaa
        .update_workflow(
            UpdateWorkflowInput::builder()
                .workflow_arn(&arn)
                .definition_s3_location(definition("v2.yaml"))
                .role_arn(ROLE)
                .build()
                .unwrap(),
        )
        .await
        .unwrap()
        .workflow_version
        .unwrap();
    let old = mwaa
        .start_workflow_run(
            StartWorkflowRunInput::builder()
                .workflow_arn(&arn)
                .workflow_version(&v1)
                .build()
                .unwrap(),
        )
        .await
        .unwrap()
        .run_id
        .unwrap();
    let new = start(mwaa, &arn).await;
    assert_eq!(
        run_detail(mwaa, &arn, &new).await.workflow_version,
        Some(v2.clone())
    );

    let list = |version: Option<&str>| {
        ListWorkflowRunsInput::builder()
            .workflow_arn(&arn)
            .set_workflow_version(version.map(str::to_owned))
            .build()
            .unwrap()
    };
    let all = mwaa
        .list_workflow_runs(list(None))
        .await
        .unwrap()
        .workflow_runs
        .unwrap();
    let ids: Vec<_> = all.iter().map(|r| r.run_id.clone().unwrap()).collect();
    assert_eq!(ids, [old.clone(), new.clone()]);
    let summary = &all[0];
    assert_eq!(summary.workflow_version.as_deref(), Some(v1.as_str()));
    assert_eq!(summary.run_type, Some(RunType::OnDemand));
    let detail = summary.run_detail_summary.clone().unwrap();
    assert_eq!(detail.status, Some(R::Starting));
    assert!(detail.created_on.is_some());
    assert!(detail.started_at.is_none());

    let only_v1 = mwaa.list_workflow_runs(list(Some(&v1))).await.unwrap();
    let ids: Vec<_> = only_v1
        .workflow_runs
        .unwrap()
        .into_iter()
        .map(|r| r.run_id.unwrap())
        .collect();
    assert_eq!(ids, [old]);

    // Unknown version: not found.
    let err = mwaa
        .start_workflow_run(
            StartWorkflowRunInput::builder()
                .workflow_arn(&arn)
                .workflow_version("f".repeat(32))
                .build()
                .unwrap(),
        )
        .await
        .unwrap_err();
    assert!(err.is_resource_not_found_exception());
}

both_ways!(unknown_runs_and_tasks);
async fn unknown_runs_and_tasks(mwaa: &impl MwaaServerless, _local: &LocalMwaa) {
    let arn = create(mwaa, "etl").await.workflow_arn;
    let run_id = start(mwaa, &arn).await;

    let err = mwaa
        .start_workflow_run(start_input(UNKNOWN_ARN))
        .await
        .unwrap_err();
    assert!(err.is_resource_not_found_exception());
    let err = mwaa
        .get_workflow_run(
            GetWorkflowRunInput::builder()
                .workflow_arn(&arn)
                .run_id("missing")
                .build()
                .unwrap(),
        )
        .await
        .unwrap_err();
    assert!(err.is_resource_not_found_exception());
    let err = mwaa
        .get_workflow_run(
            GetWorkflowRunInput::builder()
                .workflow_arn(UNKNOWN_ARN)
                .run_id(&run_id)
                .build()
                .unwrap(),
        )
        .await
        .unwrap_err();
    assert!(err.is_resource_not_found_exception());
    let err = mwaa
        .get_task_instance(
            GetTaskInstanceInput::builder()
                .workflow_arn(&arn)
                .run_id(&run_id)
                .task_instance_id("ti-missing")
                .build()
                .unwrap(),
        )
        .await
        .unwrap_err();
    assert!(err.is_resource_not_found_exception());
    let err = mwaa
        .get_task_instance(
            GetTaskInstanceInput::builder()
                .workflow_arn(&arn)
                .run_id("missing")
                .task_instance_id("ti-missing")
                .build()
                .unwrap(),
        )
        .await
        .unwrap_err();
    assert!(err.is_resource_not_found_exception());

    // The list operations have no ResourceNotFoundException in the model.
    let none = mwaa
        .list_task_instances(
            ListTaskInstancesInput::builder()
                .workflow_arn(&arn)
                .run_id("missing")
                .build()
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(none.task_instances, Some(vec![]));
    assert!(none.next_token.is_none());
    let none = mwaa
        .list_workflow_runs(
            ListWorkflowRunsInput::builder()
                .workflow_arn(UNKNOWN_ARN)
                .build()
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(none.workflow_runs, Some(vec![]));
}

both_ways!(run_inputs_are_validated);
async fn run_inputs_are_validated(mwaa: &impl MwaaServerless, _local: &LocalMwaa) {
    let err = mwaa
        .start_workflow_run(
            StartWorkflowRunInput::builder()
                .workflow_arn("nope")
                .build()
                .unwrap(),
        )
        .await
        .unwrap_err();
    assert_fields(err, &["/WorkflowArn"]);
    let err = mwaa
        .start_workflow_run(
            StartWorkflowRunInput::builder()
                .workflow_arn(UNKNOWN_ARN)
                .client_token("has space")
                .build()
                .unwrap(),
        )
        .await
        .unwrap_err();
    assert_fields(err, &["/ClientToken"]);
    let err = mwaa
        .get_workflow_run(
            GetWorkflowRunInput::builder()
                .workflow_arn(UNKNOWN_ARN)
                .run_id("bad/id")
                .build()
                .unwrap(),
        )
        .await
        .unwrap_err();
    assert_fields(err, &["/RunId"]);
    let err = mwaa
        .stop_workflow_run({
            let mut input = StopWorkflowRunInput::default();
            input.workflow_arn = Some(UNKNOWN_ARN.to_owned());
            input
        })
        .await
        .unwrap_err();
    assert_fields(err, &["/RunId"]);
    let err = mwaa
        .get_task_instance(
            GetTaskInstanceInput::builder()
                .workflow_arn(UNKNOWN_ARN)
                .run_id("r")
                .task_instance_id("")
                .build()
                .unwrap(),
        )
        .await
        .unwrap_err();
    // Two violations of one member: its @length and its @pattern.
    assert_fields(err, &["/TaskInstanceId", "/TaskInstanceId"]);
    let err = mwaa
        .list_task_instances(
            ListTaskInstancesInput::builder()
                .workflow_arn(UNKNOWN_ARN)
                .run_id("r")
                .max_results(1000)
                .build()
                .unwrap(),
        )
        .await
        .unwrap_err();
    assert_fields(err, &["/MaxResults"]);
    let err = mwaa
        .list_workflow_runs(
            ListWorkflowRunsInput::builder()
                .workflow_arn("x")
                .build()
                .unwrap(),
        )
        .await
        .unwrap_err();
    assert_fields(err, &["/WorkflowArn"]);
}

both_ways!(
    concurrent_run_quota,
    LocalMwaa::with_options(Options::default().with_max_active_runs_per_workflow(Some(1))).unwrap()
);
async fn concurrent_run_quota(mwaa: &impl MwaaServerless, local: &LocalMwaa) {
    let arn = create(mwaa, "etl").await.workflow_arn;
    start(mwaa, &arn).await;
    let err = mwaa
        .start_workflow_run(start_input(&arn))
        .await
        .unwrap_err();
    match err {
        StartWorkflowRunError::ServiceQuotaExceededException(e) => {
            assert_eq!(e.quota_code, "L-LOCAL-CONCURRENT-RUNS");
            assert_eq!(e.resource_type, "WorkflowRun");
        }
        other => panic!("expected ServiceQuotaExceededException, got {other:?}"),
    }
    local.settle();
    start(mwaa, &arn).await;
}

both_ways!(
    one_task_dags_and_custom_tasks,
    LocalMwaa::with_options(
        Options::default()
            .with_tasks([mwaa_serverless_local::TaskSpec::new("only", "BashOperator")])
            .with_default_outcome(RunOutcome::Failed),
    )
    .unwrap()
);
async fn one_task_dags_and_custom_tasks(mwaa: &impl MwaaServerless, local: &LocalMwaa) {
    let arn = create(mwaa, "etl").await.workflow_arn;
    let run_id = start(mwaa, &arn).await;
    let steps = local.settle();
    // QUEUED, RUNNING, UP_FOR_RETRY, RUNNING (attempt 2), FAILED.
    assert_eq!(steps, 5);
    assert_eq!(run_state(mwaa, &arn, &run_id).await, R::Failed);
    assert_eq!(task_statuses(mwaa, &arn, &run_id).await, [T::Failed]);
}
