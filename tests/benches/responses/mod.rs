//! The response bodies the benchmarks parse, as MWAA Serverless would send them. Shared by
//! `wire.rs`, `client.rs` and `tests/sdk-comparison`, so every figure is for the same bytes.

pub const ARN: &str = "arn:aws:airflow-serverless:us-east-1:111122223333:workflow/etl-abc123";
pub const RUN_ID: &str = "run-20240726-0001";

/// A `GetWorkflowRun` response with run details, override parameters and task instances.
pub fn get_workflow_run_body() -> String {
    serde_json::json!({
        "WorkflowArn": ARN,
        "WorkflowVersion": "3",
        "RunId": RUN_ID,
        "RunType": "ON_DEMAND",
        "OverrideParameters": {"batch_size": 500, "owner": "data-eng"},
        "RunDetail": {
            "RunId": RUN_ID,
            "StartedOn": "2024-07-26T10:15:30.125Z",
            "CreatedAt": "2024-07-26T10:15:00Z",
            "Duration": 1800,
            "TaskInstances": ["ti-1", "ti-2"],
            "RunState": "RUNNING"
        }
    })
    .to_string()
}

/// A `ListTaskInstances` response page with `n` task instances, every member set.
pub fn list_task_instances_body(n: usize) -> String {
    let items: Vec<serde_json::Value> = (0..n)
        .map(|i| {
            let status = ["SUCCESS", "RUNNING", "FAILED", "QUEUED"][i % 4];
            serde_json::json!({
                "WorkflowArn": ARN,
                "WorkflowVersion": "3",
                "RunId": RUN_ID,
                "TaskInstanceId": format!("ti-{i}"),
                "Status": status,
                "DurationInSeconds": i % 600,
                "OperatorName": "S3ToRedshiftOperator"
            })
        })
        .collect();
    serde_json::json!({"TaskInstances": items, "NextToken": "token-2"}).to_string()
}
