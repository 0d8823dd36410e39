//! The generated service trait, errors, paginators and validation, used the way downstream
//! crates use them: implemented by a test double, called through the trait and through a
//! trait object, on a multi-threaded runtime.

use mwaa_serverless::error::{ErrorFault, ErrorMetadata, RetryKind, Unhandled, ViolationKind};
use mwaa_serverless::operation::create_workflow::CreateWorkflowInput;
use mwaa_serverless::operation::get_workflow_run::{GetWorkflowRunError, GetWorkflowRunInput, GetWorkflowRunOutput};
use mwaa_serverless::operation::list_task_instances::{ListTaskInstancesError, ListTaskInstancesInput, ListTaskInstancesOutput};
use mwaa_serverless::operation::list_workflows::ListWorkflowsError;
use mwaa_serverless::operation::Operation;
use mwaa_serverless::types::error::*;
use mwaa_serverless::types::{DefinitionS3Location, TaskInstanceSummary, ValidationExceptionReason};
use mwaa_serverless::{DynMwaaServerless, MwaaServerless};
use std::sync::{Arc, Mutex};

/// A double that implements two operations: `GetWorkflowRun`, and `ListTaskInstances` from a
/// script of pages (items, next token), recording the tokens it was sent.
#[derive(Default)]
struct Double {
    pages: Vec<(Vec<&'static str>, Option<&'static str>)>,
    sent: Mutex<Vec<Option<String>>>,
}

impl MwaaServerless for Double {
    async fn get_workflow_run(&self, input: GetWorkflowRunInput) -> Result<GetWorkflowRunOutput, GetWorkflowRunError> {
        input.validate().map_err(ValidationException::from)?;
        if input.run_id.as_deref() == Some("missing") {
            let err = ResourceNotFoundException::builder().message("no such run").resource_id("missing").resource_type("run").build();
            // A BuildError here would be the double's own bug; it surfaces as Unhandled.
            let err = err.map_err(|e| Unhandled::new(Some("BuildError")).with_message(e.to_string()))?;
            return Err(err.into());
        }
        Ok(GetWorkflowRunOutput::builder().run_id(input.run_id.unwrap_or_default()).build())
    }

    async fn list_task_instances(&self, input: ListTaskInstancesInput) -> Result<ListTaskInstancesOutput, ListTaskInstancesError> {
        let mut sent = self.sent.lock().unwrap();
        let index = sent.len();
        sent.push(input.next_token.clone());
        let (ids, next) = self.pages.get(index).cloned().expect("the paginator asked for a page past the end");
        let items = ids
            .into_iter()
            .map(|id| TaskInstanceSummary::builder().task_instance_id(id).build())
            .collect::<Vec<_>>();
        Ok(ListTaskInstancesOutput::builder().set_task_instances(Some(items)).set_next_token(next.map(String::from)).build())
    }
}


fn run_input(run_id: &str) -> GetWorkflowRunInput {
    GetWorkflowRunInput::builder().workflow_arn("arn:aws:airflow-serverless:us-east-1:111122223333:workflow/etl-abc1234567").run_id(run_id).build().unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn futures_are_send_and_run_on_a_multi_threaded_runtime() {
    let service = Arc::new(Double::default());
    let handle = tokio::spawn({
        let service = service.clone();
        async move { service.get_workflow_run(run_input("run-1")).await }
    });
    let output = handle.await.unwrap().unwrap();
    assert_eq!(output.run_id.as_deref(), Some("run-1"));
}

#[tokio::test]
async fn the_trait_object_form_works() {
    let service: Arc<dyn DynMwaaServerless> = Arc::new(Double::default());
    let output = MwaaServerless::get_workflow_run(&service, run_input("run-2")).await.unwrap();
    assert_eq!(output.run_id.as_deref(), Some("run-2"));
    // The boxed form goes through `dyn` too, and defaults still apply.
    let boxed: Box<dyn DynMwaaServerless> = Box::new(Double::default());
    let err = MwaaServerless::list_workflows(&boxed, Default::default()).await.unwrap_err();
    assert!(err.is_unhandled());
}

#[tokio::test]
async fn unimplemented_operations_return_the_not_implemented_error() {
    let service = Double::default();
    let err = service.list_workflows(Default::default()).await.unwrap_err();
    let ListWorkflowsError::Unhandled(inner) = &err else { panic!("expected Unhandled, got {err:?}") };
    assert!(inner.is_not_implemented());
    assert_eq!(err.code(), Some("NotImplemented"));
    assert_eq!(err.http_status(), Some(501));
    assert!(err.to_string().contains("`ListWorkflows` is not implemented"), "{err}");
    let err = service.create_workflow(CreateWorkflowInput::default()).await.unwrap_err();
    assert!(err.is_unhandled());
}

#[tokio::test]
async fn modeled_errors_come_back_typed_and_convert_into_the_service_error() {
    let service = Double::default();
    let err = service.get_workflow_run(run_input("missing")).await.unwrap_err();
    assert!(err.is_resource_not_found_exception());
    assert_eq!(err.code(), Some("ResourceNotFoundException"));
    assert_eq!(err.message(), Some("no such run"));
    assert_eq!(err.to_string(), "ResourceNotFoundException: no such run");
    // Transparent: the message appears once in an error chain.
    assert!(std::error::Error::source(&err).is_none());

    async fn two_calls(service: &impl MwaaServerless) -> Result<(), mwaa_serverless::Error> {
        service.get_workflow_run(run_input("ok")).await?;
        service.list_workflows(Default::default()).await?;
        Ok(())
    }
    let err = two_calls(&service).await.unwrap_err();
    assert!(matches!(&err, mwaa_serverless::Error::Unhandled(u) if u.is_not_implemented()), "{err:?}");
}

#[tokio::test]
async fn invalid_input_becomes_the_models_validation_exception() {
    let service = Double::default();
    let input = GetWorkflowRunInput::builder().workflow_arn("not an arn").run_id("run 1!").build().unwrap();
    let err = service.get_workflow_run(input).await.unwrap_err();
    let GetWorkflowRunError::ValidationException(ve) = err else { panic!("expected a ValidationException, got {err:?}") };
    assert_eq!(ve.reason, ValidationExceptionReason::FieldValidationFailed);
    let fields = ve.field_list.unwrap();
    let names: Vec<&str> = fields.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["/WorkflowArn", "/RunId"]);
    assert!(ve.message.starts_with("2 validation errors detected"), "{}", ve.message);
}

#[test]
fn every_error_carries_the_models_metadata() {
    let body = br#"{"Message": "m", "ResourceId": "r", "ResourceType": "t", "ServiceCode": "s", "QuotaCode": "q", "RetryAfterSeconds": 3, "Reason": "other"}"#;
    let cases: [(&str, ErrorFault, u16, RetryKind); 8] = [
        ("AccessDeniedException", ErrorFault::Client, 403, RetryKind::NotRetryable),
        ("ConflictException", ErrorFault::Client, 409, RetryKind::NotRetryable),
        ("InternalServerException", ErrorFault::Server, 500, RetryKind::Transient),
        ("OperationTimeoutException", ErrorFault::Server, 504, RetryKind::NotRetryable),
        ("ResourceNotFoundException", ErrorFault::Client, 404, RetryKind::NotRetryable),
        ("ServiceQuotaExceededException", ErrorFault::Client, 402, RetryKind::NotRetryable),
        ("ThrottlingException", ErrorFault::Client, 429, RetryKind::Throttling),
        ("ValidationException", ErrorFault::Client, 400, RetryKind::NotRetryable),
    ];
    for (code, fault, status, retry) in cases {
        // Through the service-wide reader: each code maps to its own variant.
        let err = mwaa_serverless::Error::from_code_and_body(code, Some(status), body);
        assert!(!err.is_unhandled(), "{code}: {err:?}");
        assert_eq!(err.code(), Some(code));
        assert_eq!(err.message(), Some("m"), "{code}");
        assert_eq!(err.fault(), Some(fault), "{code}");
        assert_eq!(err.http_status(), Some(status), "{code}");
        assert_eq!(err.retry_kind(), retry, "{code}");
        assert_eq!(err.is_throttling(), retry == RetryKind::Throttling, "{code}");
        assert_eq!(err.to_string(), format!("{code}: m"));
    }
    // Per operation, only the operation's own errors are modeled, and each converts into the
    // service-wide error with its variant intact.
    let err = mwaa_serverless::operation::create_workflow::CreateWorkflowError::from_code_and_body("ConflictException", Some(409), body);
    assert!(err.is_conflict_exception());
    let service_error: mwaa_serverless::Error = err.into();
    assert!(matches!(service_error, mwaa_serverless::Error::ConflictException(_)));
    let err = mwaa_serverless::operation::create_workflow::CreateWorkflowError::from_code_and_body("ResourceNotFoundException", Some(404), body);
    assert!(err.is_unhandled(), "CreateWorkflow does not model ResourceNotFoundException");
    assert_eq!(ThrottlingException::CODE, "ThrottlingException");
}

#[test]
fn unhandled_keeps_unknown_codes_and_unreadable_bodies() {
    let err = GetWorkflowRunError::from_code_and_body("SlowDownException", Some(503), br#"{"message": "calm down"}"#);
    let GetWorkflowRunError::Unhandled(inner) = &err else { panic!("{err:?}") };
    assert_eq!(inner.code(), Some("SlowDownException"));
    assert_eq!(inner.message(), Some("calm down"));
    assert_eq!(inner.http_status(), Some(503));
    assert_eq!(inner.body(), br#"{"message": "calm down"}"#);
    // A known code whose body does not parse keeps the body and the parse error as source.
    let err = GetWorkflowRunError::from_code_and_body("ThrottlingException", Some(429), b"<html>busy</html>");
    let GetWorkflowRunError::Unhandled(inner) = &err else { panic!("{err:?}") };
    assert_eq!(inner.body(), b"<html>busy</html>");
    assert!(std::error::Error::source(inner).is_some());
    // ConflictException is not an error GetWorkflowRun can return.
    assert!(GetWorkflowRunError::from_code_and_body("ConflictException", Some(409), b"{}").is_unhandled());
    // An empty body reads as `{}`.
    let err = GetWorkflowRunError::from_code_and_body("AccessDeniedException", Some(403), b"");
    assert!(err.is_access_denied_exception());
}

type Script = Vec<(Vec<&'static str>, Option<&'static str>)>;

/// The items of every page `Double` serves from `pages`, starting with `token`, and the tokens
/// it was sent. (`Double` is not `Clone`: the trait's paginators take an `Arc` of it.)
async fn collect_items_from(pages: Script, token: Option<&str>) -> (Vec<String>, Vec<Option<String>>) {
    let service = Arc::new(Double { pages, ..Default::default() });
    let input = ListTaskInstancesInput::builder().workflow_arn("arn").run_id("run").set_next_token(token.map(String::from)).build().unwrap();
    let mut items = service.list_task_instances_paginator(input).page_size(2).items();
    let mut ids = Vec::new();
    while let Some(item) = items.next().await {
        ids.push(item.unwrap().task_instance_id.unwrap());
    }
    let sent = service.sent.lock().unwrap().clone();
    (ids, sent)
}

async fn collect_items(pages: Script) -> (Vec<String>, Vec<Option<String>>) {
    collect_items_from(pages, None).await
}

#[tokio::test]
async fn paginators_follow_tokens_until_none() {
    let (ids, sent) = collect_items(vec![(vec!["a", "b"], Some("t1")), (vec!["c"], Some("t2")), (vec![], None)]).await;
    assert_eq!(ids, ["a", "b", "c"]);
    assert_eq!(sent, [None, Some("t1".into()), Some("t2".into())]);
}

#[tokio::test]
async fn paginators_stop_on_a_repeated_or_empty_token() {
    let (ids, sent) = collect_items(vec![(vec!["a"], Some("t1")), (vec!["b"], Some("t1"))]).await;
    assert_eq!(ids, ["a", "b"]);
    assert_eq!(sent.len(), 2);
    let (ids, _) = collect_items(vec![(vec!["a"], Some(""))]).await;
    assert_eq!(ids, ["a"]);
}

#[tokio::test]
async fn paginators_stop_on_any_token_sent_before() {
    // A service answering A, B, A, ... would otherwise be followed forever.
    let looping = vec![(vec!["a"], Some("A")), (vec!["b"], Some("B")), (vec!["c"], Some("A")), (vec!["d"], Some("B"))];
    let (ids, sent) = collect_items(looping).await;
    assert_eq!(ids, ["a", "b", "c"]);
    assert_eq!(sent, [None, Some("A".into()), Some("B".into())]);
    // The caller's own starting token counts: echoing it back ends the pagination at once.
    let (ids, sent) = collect_items_from(vec![(vec!["a"], Some("start")), (vec!["b"], None)], Some("start")).await;
    assert_eq!(ids, ["a"]);
    assert_eq!(sent, [Some("start".into())]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pagination_moves_into_a_spawned_task() {
    use mwaa_serverless::operation::list_task_instances::ListTaskInstancesPaginator;
    let service = Double { pages: vec![(vec!["a", "b"], Some("t1")), (vec!["c"], None)], ..Default::default() };
    let input = ListTaskInstancesInput::builder().workflow_arn("arn").run_id("run").build().unwrap();
    // A service that is not `Clone` can be handed to the paginator by value.
    let mut pages = ListTaskInstancesPaginator::new(service, input).pages();
    let sizes = tokio::spawn(async move {
        let mut sizes = Vec::new();
        while let Some(page) = pages.next().await {
            sizes.push(page.unwrap().task_instances.unwrap_or_default().len());
        }
        sizes
    });
    assert_eq!(sizes.await.unwrap(), [2, 1]);
    // So can a trait object.
    let shared: Arc<dyn DynMwaaServerless> = Arc::new(Double { pages: vec![(vec!["x"], None)], ..Default::default() });
    let input = ListTaskInstancesInput::builder().workflow_arn("arn").run_id("run").build().unwrap();
    let mut items = shared.list_task_instances_paginator(input).items();
    let first = tokio::spawn(async move { items.next().await }).await.unwrap();
    assert_eq!(first.unwrap().unwrap().task_instance_id.as_deref(), Some("x"));
}

#[test]
fn paginators_show_their_operation_and_input_in_debug() {
    let service = Arc::new(Double::default());
    let input = ListTaskInstancesInput::builder().workflow_arn("arn").run_id("run").build().unwrap();
    let paginator = service.list_task_instances_paginator(input).page_size(7);
    let debug = format!("{paginator:?}");
    assert!(debug.contains("\"ListTaskInstances\"") && debug.contains("max_results: Some(7)"), "{debug}");
    let debug = format!("{:?}", paginator.items());
    assert!(debug.starts_with("Items { pages: Pages { operation: \"ListTaskInstances\", pages: 0"), "{debug}");
}

#[test]
fn validation_reports_every_kind_of_violation_with_its_path() {
    use mwaa_serverless::operation::create_workflow::CreateWorkflowInput;
    use mwaa_serverless::types::{Code, S3Location};
    let mut tags = std::collections::HashMap::new();
    for i in 0..51 {
        tags.insert(format!("k{i}"), "v".to_string());
    }
    let input = CreateWorkflowInput::builder()
        .name("bad name!") // pattern
        .definition_s3_location(DefinitionS3Location::builder().bucket("b").object_key("").build().unwrap()) // nested length
        .code(Code::S3Location(S3Location::builder().bucket("b").object_key("k").build().unwrap()))
        .set_tags(Some(tags)) // map length
        .engine_version(mwaa_serverless::types::EngineVersion::from(7)) // enum membership
        .build();
    // RoleArn is required and missing.
    let input = input.unwrap_err();
    assert_eq!(input.missing_members(), ["RoleArn"]);
    let mut input = CreateWorkflowInput::default();
    input.name = Some("bad name!".into());
    input.definition_s3_location = Some(DefinitionS3Location::builder().bucket("b").object_key("k").build().unwrap());
    input.network_configuration = Some(
        mwaa_serverless::types::NetworkConfiguration::builder().security_group_ids("sg-0123456789abcdef0").security_group_ids("not a group").build(),
    );
    let mut tags = std::collections::HashMap::new();
    for i in 0..51 {
        tags.insert(format!("k{i}"), "v".to_string());
    }
    input.tags = Some(tags);
    input.engine_version = Some(mwaa_serverless::types::EngineVersion::from(7));
    let err = input.validate().unwrap_err();
    let found: Vec<(&str, ViolationKind)> = err.violations().iter().map(|v| (v.path(), v.kind())).collect();
    assert!(found.contains(&("/Name", ViolationKind::Pattern)), "{found:?}");
    assert!(found.contains(&("/NetworkConfiguration/SecurityGroupIds/1", ViolationKind::Pattern)), "{found:?}");
    assert!(!found.iter().any(|(path, _)| path.ends_with("SecurityGroupIds/0")), "{found:?}");
    assert!(found.contains(&("/RoleArn", ViolationKind::Required)), "{found:?}");
    assert!(found.contains(&("/Tags", ViolationKind::Length)), "{found:?}");
    assert!(found.contains(&("/EngineVersion", ViolationKind::Enum)), "{found:?}");
    let range = mwaa_serverless::operation::list_workflows::ListWorkflowsInput::builder().max_results(0).build();
    let err = range.validate().unwrap_err();
    assert_eq!(err.violations()[0].kind(), ViolationKind::Range);
    assert_eq!(err.violations()[0].path(), "/MaxResults");
}

#[test]
fn valid_input_passes_validation() {
    assert!(run_input("run-1").validate().is_ok());
    let input = ListTaskInstancesInput::builder()
        .workflow_arn("arn:aws:airflow-serverless:us-east-1:111122223333:workflow/etl-abc1234567")
        .run_id("run-1")
        .max_results(10)
        .build()
        .unwrap();
    assert!(input.validate().is_ok(), "{:?}", input.validate());
}

#[test]
fn operation_metadata_comes_from_the_model() {
    use mwaa_serverless::operation::get_workflow_run::GetWorkflowRun;
    use mwaa_serverless::operation::list_task_instances::ListTaskInstances;
    use mwaa_serverless::operation::start_workflow_run::StartWorkflowRun;
    assert_eq!(GetWorkflowRun::NAME, "GetWorkflowRun");
    assert_eq!((GetWorkflowRun::READONLY, GetWorkflowRun::IDEMPOTENT), (true, false));
    assert_eq!(GetWorkflowRun::HTTP.unwrap().uri, "/workflows/{WorkflowArn}/runs/{RunId}");
    assert_eq!(StartWorkflowRun::IDEMPOTENCY_TOKEN, Some("ClientToken"));
    assert_eq!((StartWorkflowRun::READONLY, StartWorkflowRun::IDEMPOTENT), (false, true));
    let p = ListTaskInstances::PAGINATION.unwrap();
    assert_eq!((p.input_token, p.output_token, p.page_size, p.items), ("NextToken", "NextToken", Some("MaxResults"), Some("TaskInstances")));
    assert_eq!(mwaa_serverless::operation::SERVICE_NAME, "AmazonMWAAServerless");
}

/// The example values of the READMEs: every ARN, and every value a Rust example passes to a
/// member's setter, meets the model's constraints.
#[test]
fn readme_examples_validate() {
    use mwaa_serverless::operation::get_task_instance::GetTaskInstanceInput;
    let readmes = [include_str!("../README.md"), include_str!("local-mwaa/README.md")];
    let text = readmes.concat();
    let valid_task = || GetTaskInstanceInput::builder().workflow_arn("arn:aws:airflow-serverless:us-east-1:111122223333:workflow/etl-a1b2c3d4e5").run_id("run-1").task_instance_id("extract");
    let mut checked = 0;
    // ARNs wherever they appear (code, command lines), placeholders (`<region>`) aside.
    let arns = text.split(|c: char| c.is_whitespace() || "\"'`(),".contains(c)).filter(|w| w.starts_with("arn:aws") && !w.contains('<'));
    for arn in arns {
        let result = if arn.contains(":iam::") {
            let s3 = DefinitionS3Location::builder().bucket("dags").object_key("etl.yaml").build().unwrap();
            CreateWorkflowInput::builder().name("etl").definition_s3_location(s3).role_arn(arn).build().unwrap().validate()
        } else {
            valid_task().workflow_arn(arn).build().unwrap().validate()
        };
        assert!(result.is_ok(), "{arn}: {result:?}");
        checked += 1;
    }
    // `.member("value")` in the Rust examples, for the members the examples set.
    for (setter, value) in setter_literals(&text) {
        let input = match setter {
            "run_id" => valid_task().run_id(value),
            "task_instance_id" => valid_task().task_instance_id(value),
            _ => continue,
        };
        let result = input.build().unwrap().validate();
        assert!(result.is_ok(), ".{setter}({value:?}): {result:?}");
        checked += 1;
    }
    assert!(checked >= 5, "found only {checked} example values");
}

/// `(setter, value)` for every `.setter("value")` in `text`.
fn setter_literals(text: &str) -> Vec<(&str, &str)> {
    text.split('.')
        .filter_map(|call| {
            let (setter, rest) = call.split_once("(\"")?;
            let value = rest.split_once('"')?.0;
            setter.chars().all(|c| c.is_ascii_lowercase() || c == '_').then_some((setter, value))
        })
        .collect()
}
