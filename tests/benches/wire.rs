//! How fast the generated types read and write the wire format:
//! `cargo bench -p codegen-tests --bench wire`.

use mwaa_serverless::operation::get_workflow_run::GetWorkflowRunOutput;
use mwaa_serverless::operation::list_task_instances::ListTaskInstancesOutput;
use responses::{get_workflow_run_body, list_task_instances_body};

mod responses;

fn main() {
    divan::main();
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
    let body = get_workflow_run_body();
    bencher.bench(|| serde_json::from_str::<GetWorkflowRunOutput>(divan::black_box(&body)).unwrap());
}
