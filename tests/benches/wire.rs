//! How fast the generated types read and write the wire format:
//! `cargo bench -p codegen-tests --bench wire`.

use mwaa_serverless::operation::get_workflow_run::GetWorkflowRunOutput;
use mwaa_serverless::operation::list_task_instances::ListTaskInstancesOutput;

fn main() {
    divan::main();
}

/// A `ListTaskInstances` response page with `n` task instances, every member set.
fn list_task_instances_body(n: usize) -> String {
    let items: Vec<serde_json::Value> = (0..n)
        .map(|i| {
            let status = ["SUCCESS", "RUNNING", "FAILED", "QUEUED"][i % 4];
            serde_json::json!({
                "WorkflowArn": "arn:aws:airflow-serverless:us-east-1:111122223333:workflow/etl-abc123",
                "WorkflowVersion": "3",
                "RunId": "run-20240726-0001",
                "TaskInstanceId": format!("ti-{i}"),
                "Status": status,
                "DurationInSeconds": i % 600,
                "OperatorName": "S3ToRedshiftOperator"
            })
        })
        .collect();
    serde_json::json!({"TaskInstances": items, "NextToken": "token-2"}).to_string()
}

#[divan::bench]
fn deserialize_list_task_instances_10k(bencher: divan::Bencher) {
    let body = list_task_instances_body(10_000);
    bencher.counter(divan::counter::BytesCount::new(body.len())).bench(|| {
        let page: ListTaskInstancesOutput = serde_json::from_str(divan::black_box(&body)).unwrap();
        assert_eq!(page.task_instances.as_ref().map_or(0, Vec::len), 10_000);
        page
    });
}

#[divan::bench]
fn serialize_list_task_instances_10k(bencher: divan::Bencher) {
    let page: ListTaskInstancesOutput = serde_json::from_str(&list_task_instances_body(10_000)).unwrap();
    bencher.bench(|| serde_json::to_vec(divan::black_box(&page)).unwrap());
}

#[divan::bench]
fn deserialize_get_workflow_run(bencher: divan::Bencher) {
    let body = serde_json::json!({
        "WorkflowArn": "arn:aws:airflow-serverless:us-east-1:111122223333:workflow/etl-abc123",
        "WorkflowVersion": "3",
        "RunId": "run-20240726-0001",
        "RunType": "ON_DEMAND",
        "OverrideParameters": {"batch_size": 500, "owner": "data-eng"},
        "RunDetail": {
            "RunId": "run-20240726-0001",
            "StartedOn": "2024-07-26T10:15:30.125Z",
            "CreatedAt": "2024-07-26T10:15:00Z",
            "Duration": 1800,
            "TaskInstances": ["ti-1", "ti-2"],
            "RunState": "RUNNING"
        }
    })
    .to_string();
    bencher.bench(|| serde_json::from_str::<GetWorkflowRunOutput>(divan::black_box(&body)).unwrap());
}
