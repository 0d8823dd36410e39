//! Pagination, `ClientToken` idempotency, tags, and the handle itself.
//!
//! Each test body runs twice (`common::both_ways!`): `<test>::direct` calls `LocalMwaa` through
//! the trait, `<test>::over_http` calls the same `LocalMwaa` through the generated client and
//! server on 127.0.0.1. Tests that are not `both_ways!` say why.

mod common;

use std::collections::HashMap;

use common::*;
use mwaa_serverless::operation::create_workflow::CreateWorkflowError;
use mwaa_serverless::operation::list_tags_for_resource::ListTagsForResourceInput;
use mwaa_serverless::operation::list_task_instances::ListTaskInstancesInput;
use mwaa_serverless::operation::list_workflow_runs::ListWorkflowRunsInput;
use mwaa_serverless::operation::list_workflow_versions::ListWorkflowVersionsInput;
use mwaa_serverless::operation::list_workflows::ListWorkflowsInput;
use mwaa_serverless::operation::start_workflow_run::StartWorkflowRunInput;
use mwaa_serverless::operation::tag_resource::TagResourceInput;
use mwaa_serverless::operation::untag_resource::UntagResourceInput;
use mwaa_serverless::operation::update_workflow::UpdateWorkflowInput;
use mwaa_serverless::primitives::Document;
use mwaa_serverless::MwaaServerless;
use mwaa_serverless_local::{LocalMwaa, Options, TaskSpec};

async fn list_page(
    mwaa: &impl MwaaServerless,
    max: Option<i32>,
    token: Option<String>,
) -> (Vec<String>, Option<String>) {
    let out = mwaa
        .list_workflows(
            ListWorkflowsInput::builder()
                .set_max_results(max)
                .set_next_token(token)
                .build(),
        )
        .await
        .unwrap();
    let names = out.workflows.into_iter().map(|w| w.name.unwrap()).collect();
    (names, out.next_token)
}

both_ways!(list_workflows_pages_with_opaque_tokens);
async fn list_workflows_pages_with_opaque_tokens(mwaa: &impl MwaaServerless, _local: &LocalMwaa) {
    for i in 0..5 {
        create(mwaa, &format!("wf{i}")).await;
    }
    let (page1, token) = list_page(mwaa, Some(2), None).await;
    assert_eq!(page1, ["wf0", "wf1"]);
    let token = token.unwrap();
    let (page2, token) = list_page(mwaa, Some(2), Some(token)).await;
    assert_eq!(page2, ["wf2", "wf3"]);
    // A workflow created between pages shows up at the end, not shifting the pages.
    create(mwaa, "wf5").await;
    let (page3, token) = list_page(mwaa, Some(2), token).await;
    assert_eq!(page3, ["wf4", "wf5"]);
    assert!(token.is_none());

    // Without MaxResults, the model's default of 20 applies.
    let (all, token) = list_page(mwaa, None, None).await;
    assert_eq!(all.len(), 6);
    assert!(token.is_none());
    // An exact fit leaves no token behind.
    let (all, token) = list_page(mwaa, Some(6), None).await;
    assert_eq!(all.len(), 6);
    assert!(token.is_none());
}

both_ways!(the_generated_paginators_follow_the_tokens);
/// The trait's paginators: every request after the first carries the token of the page before.
/// (A paginator owns a clone of its service, hence `Clone + 'static`.)
async fn the_generated_paginators_follow_the_tokens(
    mwaa: &(impl MwaaServerless + Clone + 'static),
    _local: &LocalMwaa,
) {
    for i in 0..5 {
        create(mwaa, &format!("wf{i}")).await;
    }
    let mut pages = mwaa
        .list_workflows_paginator(ListWorkflowsInput::builder().build())
        .page_size(2)
        .pages();
    let mut sizes = Vec::new();
    while let Some(page) = pages.next().await {
        sizes.push(page.unwrap().workflows.len());
    }
    assert_eq!(sizes, [2, 2, 1]);

    let mut items = mwaa
        .list_workflows_paginator(ListWorkflowsInput::builder().build())
        .page_size(3)
        .items();
    let mut names = Vec::new();
    while let Some(item) = items.next().await {
        names.push(item.unwrap().name.unwrap());
    }
    assert_eq!(names, ["wf0", "wf1", "wf2", "wf3", "wf4"]);

    let arn = arn_by_name(mwaa, "wf0").await;
    let run_id = start(mwaa, &arn).await;
    let mut tasks = mwaa
        .list_task_instances_paginator(
            ListTaskInstancesInput::builder()
                .workflow_arn(&arn)
                .run_id(&run_id)
                .build()
                .unwrap(),
        )
        .page_size(1)
        .items();
    let mut ids = Vec::new();
    while let Some(task) = tasks.next().await {
        ids.push(task.unwrap().operator_name.unwrap());
    }
    assert_eq!(
        ids,
        ["S3KeySensor", "GlueJobOperator", "RedshiftDataOperator"]
    );
}

/// The ARN of the workflow named `name`, found through `ListWorkflows`.
async fn arn_by_name(mwaa: &impl MwaaServerless, name: &str) -> String {
    mwaa.list_workflows(ListWorkflowsInput::builder().build())
        .await
        .unwrap()
        .workflows
        .into_iter()
        .find(|w| w.name.as_deref() == Some(name))
        .unwrap()
        .workflow_arn
}

both_ways!(bad_tokens_are_validation_exceptions);
async fn bad_tokens_are_validation_exceptions(mwaa: &impl MwaaServerless, _local: &LocalMwaa) {
    let arn = create(mwaa, "a").await.workflow_arn;
    create(mwaa, "b").await;
    // The model's own smoke test: NextToken "123" on ListWorkflows is a ValidationException.
    let err = mwaa
        .list_workflows(ListWorkflowsInput::builder().next_token("123").build())
        .await
        .unwrap_err();
    assert_fields(err, &["NextToken"]);

    // A token is bound to the listing it came from.
    let token = list_page(mwaa, Some(1), None).await.1.unwrap();
    let err = mwaa
        .list_workflow_versions(
            ListWorkflowVersionsInput::builder()
                .workflow_arn(&arn)
                .next_token(&token)
                .build()
                .unwrap(),
        )
        .await
        .unwrap_err();
    assert_fields(err, &["NextToken"]);
    let mut tampered = token.clone();
    tampered.replace_range(0..1, if token.starts_with('0') { "1" } else { "0" });
    let err = mwaa
        .list_workflows(ListWorkflowsInput::builder().next_token(tampered).build())
        .await
        .unwrap_err();
    assert_fields(err, &["NextToken"]);
}

both_ways!(
    runs_versions_and_tasks_page_too,
    LocalMwaa::with_options(
        Options::default()
            .with_tasks((0..5).map(|i| TaskSpec::new(format!("t{i}"), "EmptyOperator"))),
    )
    .unwrap()
);
async fn runs_versions_and_tasks_page_too(mwaa: &impl MwaaServerless, _local: &LocalMwaa) {
    let arn = create(mwaa, "etl").await.workflow_arn;
    for i in 0..4 {
        mwaa.update_workflow(
            UpdateWorkflowInput::builder()
                .workflow_arn(&arn)
                .definition_s3_location(definition(&format!("v{i}.yaml")))
                .role_arn(ROLE)
                .build()
                .unwrap(),
        )
        .await
        .unwrap();
    }
    let mut run_ids = Vec::new();
    for _ in 0..3 {
        run_ids.push(start(mwaa, &arn).await);
    }

    // Versions: 5, MaxResults 2 (the configured default page size is checked below, in
    // `a_listing_without_max_results`).
    let mut versions = Vec::new();
    let mut token = None;
    let mut pages = 0;
    loop {
        let out = mwaa
            .list_workflow_versions(
                ListWorkflowVersionsInput::builder()
                    .workflow_arn(&arn)
                    .max_results(2)
                    .set_next_token(token)
                    .build()
                    .unwrap(),
            )
            .await
            .unwrap();
        pages += 1;
        let got = out.workflow_versions.unwrap();
        assert!(got.len() <= 2);
        versions.extend(got);
        token = out.next_token;
        if token.is_none() {
            break;
        }
    }
    assert_eq!((versions.len(), pages), (5, 3));

    // Runs: 3, MaxResults 2.
    let first = mwaa
        .list_workflow_runs(
            ListWorkflowRunsInput::builder()
                .workflow_arn(&arn)
                .max_results(2)
                .build()
                .unwrap(),
        )
        .await
        .unwrap();
    let second = mwaa
        .list_workflow_runs(
            ListWorkflowRunsInput::builder()
                .workflow_arn(&arn)
                .max_results(2)
                .set_next_token(first.next_token.clone())
                .build()
                .unwrap(),
        )
        .await
        .unwrap();
    let listed: Vec<_> = first
        .workflow_runs
        .unwrap()
        .into_iter()
        .chain(second.workflow_runs.unwrap())
        .map(|r| r.run_id.unwrap())
        .collect();
    assert_eq!(listed, run_ids);
    assert!(second.next_token.is_none());

    // Task instances: 5, three at a time.
    let page = |token: Option<String>| {
        ListTaskInstancesInput::builder()
            .workflow_arn(&arn)
            .run_id(&run_ids[0])
            .max_results(3)
            .set_next_token(token)
            .build()
            .unwrap()
    };
    let p1 = mwaa.list_task_instances(page(None)).await.unwrap();
    assert_eq!(p1.task_instances.as_ref().unwrap().len(), 3);
    let p2 = mwaa.list_task_instances(page(p1.next_token)).await.unwrap();
    assert_eq!(p2.task_instances.as_ref().unwrap().len(), 2);
    assert!(p2.next_token.is_none());
    // A task token does not work for another run's tasks.
    let p1 = mwaa.list_task_instances(page(None)).await.unwrap();
    let err = mwaa
        .list_task_instances(
            ListTaskInstancesInput::builder()
                .workflow_arn(&arn)
                .run_id(&run_ids[1])
                .set_next_token(p1.next_token)
                .build()
                .unwrap(),
        )
        .await
        .unwrap_err();
    assert_fields(err, &["NextToken"]);
}

fn small_pages() -> LocalMwaa {
    LocalMwaa::with_options(Options::default().with_default_page_size(2)).unwrap()
}

/// A listing without `MaxResults`, over five versions: `expected` of them on the first page.
async fn listing_without_max_results(mwaa: &impl MwaaServerless, expected: usize) {
    let arn = create(mwaa, "etl").await.workflow_arn;
    for i in 0..4 {
        mwaa.update_workflow(
            UpdateWorkflowInput::builder()
                .workflow_arn(&arn)
                .definition_s3_location(definition(&format!("v{i}.yaml")))
                .role_arn(ROLE)
                .build()
                .unwrap(),
        )
        .await
        .unwrap();
    }
    let out = mwaa
        .list_workflow_versions(
            ListWorkflowVersionsInput::builder()
                .workflow_arn(&arn)
                .build()
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(out.workflow_versions.unwrap().len(), expected);
    assert_eq!(out.next_token.is_some(), expected < 5);
}

mod a_listing_without_max_results {
    use super::*;

    /// Called directly, `LocalMwaa` applies `Options::default_page_size` (2 here).
    #[tokio::test]
    async fn direct_uses_the_configured_page_size() {
        super::listing_without_max_results(&small_pages(), 2).await;
    }

    /// Over HTTP the generated server fills an absent `MaxResults` with the model's
    /// `@default(20)`, as Smithy servers must, so the implementation sees 20: all five
    /// versions come back in one page whatever `default_page_size` says.
    #[cfg(feature = "server")]
    #[tokio::test]
    async fn over_http_gets_the_model_default() {
        let local = small_pages();
        let (client, server) = crate::common::serve(&local);
        super::listing_without_max_results(&client, 5).await;
        server.shutdown().await.unwrap();
    }
}

both_ways!(create_workflow_client_token_idempotency);
async fn create_workflow_client_token_idempotency(mwaa: &impl MwaaServerless, local: &LocalMwaa) {
    let mut input = create_input("etl");
    input.client_token = Some("token-1".into());
    let first = mwaa.create_workflow(input.clone()).await.unwrap();
    let again = mwaa.create_workflow(input.clone()).await.unwrap();
    assert_eq!(first, again);
    assert_eq!(local.workflow_count(), 1);

    // Same token, different request: ConflictException.
    let mut different = input.clone();
    different.description = Some("changed".into());
    let err = mwaa.create_workflow(different).await.unwrap_err();
    match err {
        CreateWorkflowError::ConflictException(e) => {
            assert_eq!(
                (e.resource_type.as_str(), e.resource_id.as_str()),
                ("ClientToken", "token-1")
            );
        }
        other => panic!("expected ConflictException, got {other:?}"),
    }

    // Without a token, the same request is a duplicate name (the generated client fills in a
    // fresh token, which changes nothing here).
    let mut no_token = input;
    no_token.client_token = None;
    let err = mwaa.create_workflow(no_token).await.unwrap_err();
    match err {
        CreateWorkflowError::ConflictException(e) => assert_eq!(e.resource_type, "Workflow"),
        other => panic!("expected ConflictException, got {other:?}"),
    }
}

both_ways!(start_workflow_run_client_token_idempotency);
async fn start_workflow_run_client_token_idempotency(
    mwaa: &impl MwaaServerless,
    local: &LocalMwaa,
) {
    let arn = create(mwaa, "etl").await.workflow_arn;
    let other = create(mwaa, "other").await.workflow_arn;
    let input = StartWorkflowRunInput::builder()
        .workflow_arn(&arn)
        .client_token("run-token")
        .override_parameters("date", Document::from("2026-01-01"))
        .build()
        .unwrap();
    let first = mwaa.start_workflow_run(input.clone()).await.unwrap();
    local.advance();
    let again = mwaa.start_workflow_run(input.clone()).await.unwrap();
    assert_eq!(first, again, "the replay returns the first answer");
    let runs = mwaa
        .list_workflow_runs(
            ListWorkflowRunsInput::builder()
                .workflow_arn(&arn)
                .build()
                .unwrap(),
        )
        .await
        .unwrap()
        .workflow_runs
        .unwrap();
    assert_eq!(runs.len(), 1);

    let mut different = input.clone();
    different.override_parameters = None;
    let err = mwaa.start_workflow_run(different).await.unwrap_err();
    assert!(err.is_conflict_exception(), "{err:?}");

    // Tokens are per workflow.
    let mut elsewhere = input;
    elsewhere.workflow_arn = Some(other);
    let run = mwaa.start_workflow_run(elsewhere).await.unwrap();
    assert_ne!(run.run_id, first.run_id);

    // The run keeps its override parameters.
    let got = mwaa
        .get_workflow_run(
            mwaa_serverless::operation::get_workflow_run::GetWorkflowRunInput::builder()
                .workflow_arn(&arn)
                .set_run_id(first.run_id)
                .build()
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(
        got.override_parameters.unwrap()["date"],
        Document::from("2026-01-01")
    );
}

fn list_tags(arn: &str) -> ListTagsForResourceInput {
    ListTagsForResourceInput::builder()
        .resource_arn(arn)
        .build()
        .unwrap()
}

both_ways!(tags_are_added_listed_and_removed);
async fn tags_are_added_listed_and_removed(mwaa: &impl MwaaServerless, _local: &LocalMwaa) {
    let mut input = create_input("etl");
    input.tags = Some(HashMap::from([("team".to_owned(), "data".to_owned())]));
    let arn = mwaa.create_workflow(input).await.unwrap().workflow_arn;

    let tags = mwaa
        .list_tags_for_resource(list_tags(&arn))
        .await
        .unwrap()
        .tags
        .unwrap();
    assert_eq!(
        tags,
        HashMap::from([("team".to_owned(), "data".to_owned())])
    );

    mwaa.tag_resource(
        TagResourceInput::builder()
            .resource_arn(&arn)
            .tags("team", "platform")
            .tags("env", "")
            .build()
            .unwrap(),
    )
    .await
    .unwrap();
    let tags = mwaa
        .list_tags_for_resource(list_tags(&arn))
        .await
        .unwrap()
        .tags
        .unwrap();
    assert_eq!(
        tags,
        HashMap::from([
            ("team".to_owned(), "platform".to_owned()),
            ("env".to_owned(), "".to_owned()),
        ])
    );

    mwaa.untag_resource(
        UntagResourceInput::builder()
            .resource_arn(&arn)
            .tag_keys("team")
            .tag_keys("absent")
            .build()
            .unwrap(),
    )
    .await
    .unwrap();
    let tags = mwaa
        .list_tags_for_resource(list_tags(&arn))
        .await
        .unwrap()
        .tags
        .unwrap();
    assert_eq!(tags, HashMap::from([("env".to_owned(), "".to_owned())]));
}

both_ways!(tag_errors);
async fn tag_errors(mwaa: &impl MwaaServerless, _local: &LocalMwaa) {
    let arn = create(mwaa, "etl").await.workflow_arn;
    let tag = |arn: &str, tags: HashMap<String, String>| {
        TagResourceInput::builder()
            .resource_arn(arn)
            .set_tags(Some(tags))
            .build()
            .unwrap()
    };

    let err = mwaa
        .tag_resource(tag(UNKNOWN_ARN, HashMap::from([("a".into(), "b".into())])))
        .await
        .unwrap_err();
    assert!(err.is_resource_not_found_exception());
    let err = mwaa
        .untag_resource(
            UntagResourceInput::builder()
                .resource_arn(UNKNOWN_ARN)
                .tag_keys("a")
                .build()
                .unwrap(),
        )
        .await
        .unwrap_err();
    assert!(err.is_resource_not_found_exception());
    let err = mwaa
        .list_tags_for_resource(list_tags(UNKNOWN_ARN))
        .await
        .unwrap_err();
    assert!(err.is_resource_not_found_exception());

    // Reserved prefix.
    let err = mwaa
        .tag_resource(tag(
            &arn,
            HashMap::from([("aws:owner".into(), "me".into())]),
        ))
        .await
        .unwrap_err();
    assert_fields(err, &["/Tags"]);
    // More than 50 in one request: the model's @length on Tags.
    let many: HashMap<String, String> =
        (0..51).map(|i| (format!("k{i}"), "v".to_owned())).collect();
    let err = mwaa.tag_resource(tag(&arn, many)).await.unwrap_err();
    assert_fields(err, &["/Tags"]);
    // More than 50 in total.
    let forty: HashMap<String, String> =
        (0..40).map(|i| (format!("a{i}"), "v".to_owned())).collect();
    mwaa.tag_resource(tag(&arn, forty)).await.unwrap();
    let twenty: HashMap<String, String> =
        (0..20).map(|i| (format!("b{i}"), "v".to_owned())).collect();
    let err = mwaa.tag_resource(tag(&arn, twenty)).await.unwrap_err();
    assert_fields(err, &["/Tags"]);
    // Empty TagKeys breaks the model's @length (min 1); a bad ARN its @pattern.
    let err = mwaa
        .untag_resource(
            UntagResourceInput::builder()
                .resource_arn(&arn)
                .set_tag_keys(Some(Vec::new()))
                .build()
                .unwrap(),
        )
        .await
        .unwrap_err();
    assert_fields(err, &["/TagKeys"]);
    let err = mwaa
        .list_tags_for_resource(list_tags("arn:aws:s3:::b"))
        .await
        .unwrap_err();
    assert_fields(err, &["/ResourceArn"]);
    let err = mwaa
        .tag_resource({
            let mut input = TagResourceInput::default();
            input.resource_arn = Some(arn.clone());
            input
        })
        .await
        .unwrap_err();
    assert_fields(err, &["/Tags"]);

    // Tags go with their workflow.
    mwaa.delete_workflow(
        mwaa_serverless::operation::delete_workflow::DeleteWorkflowInput::builder()
            .workflow_arn(&arn)
            .build()
            .unwrap(),
    )
    .await
    .unwrap();
    let err = mwaa
        .list_tags_for_resource(list_tags(&arn))
        .await
        .unwrap_err();
    assert!(err.is_resource_not_found_exception());
}

/// Direct only: it is about the `LocalMwaa` handle itself (its auto traits, and clones used
/// from other threads with their own runtimes), not about what a caller of the service sees.
#[test]
fn the_handle_is_send_sync_clone_and_shared() {
    fn assert_traits<T: Send + Sync + Clone + 'static>() {}
    assert_traits::<LocalMwaa>();

    let mwaa = LocalMwaa::new();
    let clone = mwaa.clone();
    let threads: Vec<_> = (0..4)
        .map(|i| {
            let mwaa = mwaa.clone();
            std::thread::spawn(move || {
                tokio::runtime::Builder::new_current_thread()
                    .build()
                    .unwrap()
                    .block_on(async move { create(&mwaa, &format!("wf{i}")).await })
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    assert_eq!(clone.workflow_count(), 4);
    assert!(format!("{clone:?}").contains("workflows: 4"));
}

both_ways!(works_as_a_trait_object);
/// `LocalMwaa` and the client alike, boxed as `Arc<dyn DynMwaaServerless>`.
async fn works_as_a_trait_object<M: MwaaServerless + Clone + 'static>(
    mwaa: &M,
    _local: &LocalMwaa,
) {
    use mwaa_serverless::DynMwaaServerless;
    use std::sync::Arc;
    let shared: Arc<dyn DynMwaaServerless> = Arc::new(mwaa.clone());
    let out = shared.create_workflow(create_input("dyn")).await.unwrap();
    assert!(out.workflow_arn.contains(":workflow/dyn-"));
}
