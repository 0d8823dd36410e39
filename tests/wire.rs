//! The awsJson1_0 wire format of the two flagship calls: the JSON a service sends for
//! `GetWorkflowRun` and `GetTaskInstance` (every member set, documents, `Xcom`, every status
//! value and one the model does not know) reads into the generated types and writes back to
//! the same JSON.

use mwaa_serverless::operation::get_task_instance::{GetTaskInstanceInput, GetTaskInstanceOutput};
use mwaa_serverless::operation::get_workflow_run::{GetWorkflowRunInput, GetWorkflowRunOutput};
use mwaa_serverless::primitives::DateTime;
use mwaa_serverless::types::{RunType, TaskInstanceStatus, WorkflowRunStatus};
use serde_json::{json, Value};

fn round_trip<T: serde::de::DeserializeOwned + serde::Serialize>(wire: &Value) -> T {
    let text = wire.to_string();
    let parsed: T = serde_json::from_str(&text).unwrap_or_else(|e| panic!("cannot read {text}: {e}"));
    let written: Value = serde_json::from_str(&serde_json::to_string(&parsed).unwrap()).unwrap();
    assert_eq!(&written, wire, "re-serialized JSON differs");
    parsed
}

fn workflow_run(state: &str) -> Value {
    json!({
        "WorkflowArn": "arn:aws:airflow-serverless:us-east-1:111122223333:workflow/etl-abc123",
        "WorkflowVersion": "3",
        "RunId": "run-20240726-0001",
        "RunType": "ON_DEMAND",
        "OverrideParameters": {
            "batch_size": 500,
            "ratio": 0.25,
            "dry_run": false,
            "owner": "data-eng",
            "regions": ["us-east-1", "eu-west-1"],
            "nested": {"retries": {"max": 3, "backoff": [1, 2, 4]}, "note": null},
            "nothing": null
        },
        "RunDetail": {
            "WorkflowArn": "arn:aws:airflow-serverless:us-east-1:111122223333:workflow/etl-abc123",
            "WorkflowVersion": "3",
            "RunId": "run-20240726-0001",
            "RunType": "SCHEDULED",
            "StartedOn": "2024-07-26T10:15:30.125Z",
            "CreatedAt": "2024-07-26T10:15:00Z",
            "CompletedOn": "2024-07-26T10:45:30Z",
            "ModifiedAt": "2024-07-26T10:45:31.5Z",
            "Duration": 1800,
            "ErrorMessage": "task extract failed",
            "TaskInstances": ["ti-1", "ti-2", "ti-3"],
            "RunState": state
        }
    })
}

#[test]
fn get_workflow_run_output_round_trips_every_status() {
    let mut statuses: Vec<&str> = WorkflowRunStatus::values().to_vec();
    statuses.push("PAUSED_FOR_MAINTENANCE");
    assert_eq!(statuses.len(), 9, "STARTING, QUEUED, RUNNING, SUCCESS, FAILED, TIMEOUT, STOPPING, STOPPED and one unknown");
    for status in statuses {
        let output: GetWorkflowRunOutput = round_trip(&workflow_run(status));
        let detail = output.run_detail.as_ref().unwrap();
        assert_eq!(detail.run_state.as_ref().unwrap().as_str(), status);
        if status == "PAUSED_FOR_MAINTENANCE" {
            let Some(WorkflowRunStatus::Unknown(unknown)) = &detail.run_state else { panic!("{status} is not known") };
            assert_eq!((unknown.as_str(), unknown.to_string()), (status, status.to_string()));
        } else {
            assert!(!matches!(detail.run_state, Some(WorkflowRunStatus::Unknown(_))));
        }
    }
}

#[test]
fn get_workflow_run_output_fields() {
    let output: GetWorkflowRunOutput = round_trip(&workflow_run("SUCCESS"));
    assert_eq!(output.run_type, Some(RunType::OnDemand));
    let params = output.override_parameters.as_ref().unwrap();
    assert_eq!(params["batch_size"], json!(500));
    assert_eq!(params["nested"]["retries"]["backoff"], json!([1, 2, 4]));
    assert_eq!(params["nothing"], Value::Null);
    let detail = output.run_detail.unwrap();
    assert_eq!(detail.run_state, Some(WorkflowRunStatus::Success));
    assert_eq!(detail.started_on, Some(DateTime::from_secs_and_nanos(1_721_988_930, 125_000_000)));
    assert_eq!(detail.duration, Some(1800));
    assert_eq!(detail.task_instances.as_deref(), Some(&["ti-1".to_string(), "ti-2".into(), "ti-3".into()][..]));
}

#[test]
fn override_parameters_are_redacted_in_debug() {
    let output: GetWorkflowRunOutput = round_trip(&workflow_run("RUNNING"));
    let debug = format!("{output:?}");
    assert!(debug.contains("*** Sensitive Data Redacted ***"), "{debug}");
    assert!(!debug.contains("data-eng"), "{debug}");
    assert!(debug.contains("run-20240726-0001"), "{debug}");
}

fn task_instance(status: &str) -> Value {
    json!({
        "WorkflowArn": "arn:aws:airflow-serverless:us-east-1:111122223333:workflow/etl-abc123",
        "RunId": "run-20240726-0001",
        "TaskInstanceId": "ti-2",
        "WorkflowVersion": "3",
        "Status": status,
        "DurationInSeconds": 42,
        "OperatorName": "S3ToRedshiftOperator",
        "ModifiedAt": "2024-07-26T10:20:00Z",
        "EndedAt": "2024-07-26T10:19:59.999Z",
        "StartedAt": "2024-07-26T10:19:17Z",
        "AttemptNumber": 2,
        "ErrorMessage": "connection reset",
        "TaskId": "load_orders",
        "LogStream": "workflow-etl/run-20240726-0001/load_orders/2",
        "Xcom": {"return_value": "s3://bucket/out/part-0000.parquet", "row_count": "128000", "": ""}
    })
}

#[test]
fn get_task_instance_output_round_trips_every_status() {
    let mut statuses: Vec<&str> = TaskInstanceStatus::values().to_vec();
    statuses.push("SHUTDOWN");
    assert!(statuses.contains(&"UP_FOR_RETRY") && statuses.contains(&"NONE"));
    for status in statuses {
        let output: GetTaskInstanceOutput = round_trip(&task_instance(status));
        assert_eq!(output.status.as_ref().unwrap().as_str(), status);
        assert_eq!(output.status.as_ref().unwrap().to_string(), status);
        let known = !matches!(output.status, Some(TaskInstanceStatus::Unknown(_)));
        assert_eq!(known, status != "SHUTDOWN", "{status}");
    }
}

#[test]
fn get_task_instance_output_fields() {
    let output: GetTaskInstanceOutput = round_trip(&task_instance("UP_FOR_RETRY"));
    assert_eq!(output.workflow_arn, "arn:aws:airflow-serverless:us-east-1:111122223333:workflow/etl-abc123");
    assert_eq!(output.task_instance_id, "ti-2");
    assert_eq!(output.status, Some(TaskInstanceStatus::UpForRetry));
    assert_eq!(output.attempt_number, Some(2));
    assert_eq!(output.ended_at, Some(DateTime::from_secs_and_nanos(1_721_989_199, 999_000_000)));
    let xcom = output.xcom.unwrap();
    assert_eq!(xcom["row_count"], "128000");
    assert_eq!(xcom.len(), 3);
}

#[test]
fn missing_and_null_required_members_get_zero_values() {
    // Smithy's client error correction: a response without a required member still reads.
    let output: GetTaskInstanceOutput =
        serde_json::from_value(json!({"RunId": null, "TaskInstanceId": "ti-1", "Unexpected": {"a": 1}})).unwrap();
    assert_eq!(output.workflow_arn, "");
    assert_eq!(output.run_id, "");
    assert_eq!(output.task_instance_id, "ti-1");
    assert_eq!(output.status, None);
}

#[test]
fn absent_optionals_are_omitted() {
    let output = GetTaskInstanceOutput::builder().workflow_arn("arn").run_id("r").task_instance_id("t").build().unwrap();
    let json = serde_json::to_value(&output).unwrap();
    assert_eq!(json, json!({"WorkflowArn": "arn", "RunId": "r", "TaskInstanceId": "t"}));
}

#[test]
fn inputs_serialize_as_the_service_expects() {
    let input = GetWorkflowRunInput::builder().workflow_arn("arn:wf").run_id("run-1").build().unwrap();
    assert_eq!(serde_json::to_value(&input).unwrap(), json!({"WorkflowArn": "arn:wf", "RunId": "run-1"}));
    let input = GetTaskInstanceInput::builder().workflow_arn("arn:wf").run_id("run-1").task_instance_id("ti-1").build().unwrap();
    assert_eq!(
        serde_json::to_value(&input).unwrap(),
        json!({"WorkflowArn": "arn:wf", "RunId": "run-1", "TaskInstanceId": "ti-1"})
    );
}

#[test]
fn builders_name_every_missing_required_member() {
    let err = GetTaskInstanceInput::builder().run_id("run-1").build().unwrap_err();
    assert_eq!(err.missing_members(), ["WorkflowArn", "TaskInstanceId"]);
    assert_eq!(err.to_string(), "cannot build `GetTaskInstanceInput`: missing required members `WorkflowArn`, `TaskInstanceId`");
}

#[test]
fn wrong_json_types_are_errors_not_panics() {
    for bad in [
        json!({"RunDetail": {"Duration": "long"}}),
        json!({"RunDetail": {"StartedOn": 12}}),
        json!({"RunDetail": {"StartedOn": "yesterday"}}),
        json!({"RunType": 7}),
        json!("GetWorkflowRun"),
    ] {
        assert!(serde_json::from_value::<GetWorkflowRunOutput>(bad).is_err());
    }
}

/// `Unknown` holds an opaque value: readable (`as_str`, `as_i32`, `Display`), never built or
/// matched by value, so code cannot depend on a value that a later model turns into a variant.
/// Every way in (`From<&str>`, `From<String>`, `FromStr`, serde) gives a known value its variant.
#[test]
fn unknown_enum_values_are_opaque_and_read_back() {
    for value in WorkflowRunStatus::values().iter().copied() {
        let ways = [
            WorkflowRunStatus::from(value),
            WorkflowRunStatus::from(value.to_string()),
            value.parse().unwrap(),
            serde_json::from_value(json!(value)).unwrap(),
        ];
        for status in ways {
            assert!(!matches!(status, WorkflowRunStatus::Unknown(_)), "{value}");
            assert_eq!(status.as_str(), value);
        }
    }
    let paused: WorkflowRunStatus = serde_json::from_value(json!("PAUSED")).unwrap();
    let WorkflowRunStatus::Unknown(value) = &paused else { panic!("PAUSED is not in the model") };
    assert_eq!((value.as_str(), format!("{value:>7}")), ("PAUSED", " PAUSED".to_string()));
    assert_eq!((paused.as_str(), serde_json::to_value(&paused).unwrap()), ("PAUSED", json!("PAUSED")));
    assert_eq!(paused, WorkflowRunStatus::from(String::from("PAUSED")));

    use mwaa_serverless::types::EngineVersion;
    assert_eq!(EngineVersion::from(1), EngineVersion::One);
    let seven: EngineVersion = serde_json::from_value(json!(7)).unwrap();
    let EngineVersion::Unknown(value) = seven else { panic!("7 is not in the model") };
    assert_eq!((value.as_i32(), value.to_string(), seven.as_i32()), (7, "7".to_string(), 7));
    assert_eq!(serde_json::to_value(seven).unwrap(), json!(7));
}

/// A union member the model does not name reads into an opaque `Unknown` (its name and value
/// readable, never built or matched by users) and writes back unchanged.
#[test]
fn unknown_union_members_are_opaque_and_round_trip() {
    use mwaa_serverless::types::Code;
    let wire = json!({"GitLocation": {"Url": "https://example.com/dags.git", "Depth": 1}});
    let code: Code = round_trip(&wire);
    let Code::Unknown(member) = &code else { panic!("GitLocation is not in the model") };
    assert_eq!((member.name(), member.value()), ("GitLocation", &wire["GitLocation"]));
    assert!(code.is_unknown());
    let known: Code = serde_json::from_value(json!({"S3Location": {"Bucket": "b", "ObjectKey": "k"}})).unwrap();
    assert!(!known.is_unknown());
}
