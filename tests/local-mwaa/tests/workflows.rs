//! Workflows and versions: create, get, list, update, delete, and their errors.
//!
//! Each test body runs twice (`common::both_ways!`): `<test>::direct` calls `LocalMwaa` through
//! the trait, `<test>::over_http` calls the same `LocalMwaa` through the generated client and
//! server on 127.0.0.1. Tests that are not `both_ways!` say why.

mod common;

use common::*;
use mwaa_serverless::operation::create_workflow::{CreateWorkflowError, CreateWorkflowInput};
use mwaa_serverless::operation::delete_workflow::DeleteWorkflowInput;
use mwaa_serverless::operation::get_workflow::{GetWorkflowError, GetWorkflowInput};
use mwaa_serverless::operation::list_workflow_versions::ListWorkflowVersionsInput;
use mwaa_serverless::operation::list_workflows::ListWorkflowsInput;
use mwaa_serverless::operation::update_workflow::{UpdateWorkflowError, UpdateWorkflowInput};
use mwaa_serverless::types::{
    Code, EncryptionConfiguration, EncryptionType, EngineVersion, LoggingConfiguration, S3Location,
    WorkflowRunStatus, WorkflowStatus,
};
use mwaa_serverless::MwaaServerless;
use mwaa_serverless_local::{LocalMwaa, Options};

fn get(arn: &str) -> GetWorkflowInput {
    GetWorkflowInput::builder()
        .workflow_arn(arn)
        .build()
        .unwrap()
}

fn update(arn: &str, key: &str) -> UpdateWorkflowInput {
    UpdateWorkflowInput::builder()
        .workflow_arn(arn)
        .definition_s3_location(definition(key))
        .role_arn(ROLE)
        .build()
        .unwrap()
}

fn delete(arn: &str) -> DeleteWorkflowInput {
    DeleteWorkflowInput::builder()
        .workflow_arn(arn)
        .build()
        .unwrap()
}

both_ways!(create_returns_a_model_valid_arn_and_first_version);
async fn create_returns_a_model_valid_arn_and_first_version(
    mwaa: &impl MwaaServerless,
    local: &LocalMwaa,
) {
    let out = mwaa
        .create_workflow(
            CreateWorkflowInput::builder()
                .name("etl.daily_v2")
                .definition_s3_location(definition("etl.yaml"))
                .role_arn(ROLE)
                .description("nightly ETL")
                .logging_configuration(
                    LoggingConfiguration::builder()
                        .log_group_name("/mwaa/etl")
                        .build()
                        .unwrap(),
                )
                .code(Code::S3Location(
                    S3Location::builder()
                        .bucket("code-bucket")
                        .object_key("code.zip")
                        .build()
                        .unwrap(),
                ))
                .trigger_mode("ON_DEMAND")
                .build()
                .unwrap(),
        )
        .await
        .unwrap();

    let prefix = "arn:aws:airflow-serverless:us-east-1:111122223333:workflow/etl.daily_v2-";
    assert!(out.workflow_arn.starts_with(prefix), "{}", out.workflow_arn);
    assert_eq!(out.workflow_arn.len(), prefix.len() + 10);
    // The generated validation (the model's @pattern) accepts the ARN and the version id.
    let version = out.workflow_version.clone().unwrap();
    GetWorkflowInput::builder()
        .workflow_arn(&out.workflow_arn)
        .workflow_version(&version)
        .build()
        .unwrap()
        .validate()
        .unwrap();
    assert_eq!(version.len(), 32);
    assert_eq!(out.workflow_status, Some(WorkflowStatus::Ready));
    assert_eq!(out.is_latest_version, Some(true));
    assert!(out.revision_id.is_some());
    assert!(out.created_at.is_some());

    let got = mwaa.get_workflow(get(&out.workflow_arn)).await.unwrap();
    assert_eq!(got.workflow_arn, out.workflow_arn);
    assert_eq!(got.name.as_deref(), Some("etl.daily_v2"));
    assert_eq!(got.workflow_version.as_deref(), Some(version.as_str()));
    assert_eq!(got.description.as_deref(), Some("nightly ETL"));
    assert_eq!(got.role_arn.as_deref(), Some(ROLE));
    assert_eq!(got.engine_version, Some(EngineVersion::One));
    assert_eq!(got.workflow_status, Some(WorkflowStatus::Ready));
    assert_eq!(got.definition_s3_location, Some(definition("etl.yaml")));
    assert_eq!(got.trigger_mode.as_deref(), Some("ON_DEMAND"));
    assert_eq!(
        got.logging_configuration.unwrap().log_group_name,
        "/mwaa/etl"
    );
    assert!(got.code.is_some());
    assert_eq!(got.code_snapshotted_at, got.created_at);
    assert_eq!(local.workflow_arn("etl.daily_v2"), Some(out.workflow_arn));
}

both_ways!(
    region_and_account_come_from_the_options,
    LocalMwaa::with_options(
        Options::default()
            .with_region("eu-west-2")
            .with_account_id("999988887777"),
    )
    .unwrap()
);
async fn region_and_account_come_from_the_options(mwaa: &impl MwaaServerless, _local: &LocalMwaa) {
    let out = create(mwaa, "wf").await;
    assert!(out
        .workflow_arn
        .starts_with("arn:aws:airflow-serverless:eu-west-2:999988887777:workflow/wf-"));
}

both_ways!(
    cn_regions_use_the_aws_cn_partition,
    LocalMwaa::with_options(Options::default().with_region("cn-north-1")).unwrap()
);
async fn cn_regions_use_the_aws_cn_partition(mwaa: &impl MwaaServerless, __local: &LocalMwaa) {
    let out = create(mwaa, "wf").await;
    assert!(out
        .workflow_arn
        .starts_with("arn:aws-cn:airflow-serverless:cn-north-1:"));
    get(&out.workflow_arn).validate().unwrap();
    // The server accepts the aws-cn ARN back (the model's @pattern) and finds the workflow.
    let got = mwaa.get_workflow(get(&out.workflow_arn)).await.unwrap();
    assert_eq!(got.workflow_arn, out.workflow_arn);
}

/// Direct only: it checks `LocalMwaa::with_options`, which makes no call to the service.
#[test]
fn invalid_options_are_refused() {
    for bad in [
        Options::default().with_region("moon"),
        Options::default().with_account_id("123"),
        Options::default().with_default_page_size(0),
        Options::default().with_default_page_size(101),
        Options::default().with_tasks([]),
        Options::default().with_tasks([mwaa_serverless_local::TaskSpec::new("bad id", "Op")]),
    ] {
        assert!(LocalMwaa::with_options(bad).is_err());
    }
}

both_ways!(duplicate_names_conflict_until_the_workflow_is_deleted);
async fn duplicate_names_conflict_until_the_workflow_is_deleted(
    mwaa: &impl MwaaServerless,
    _local: &LocalMwaa,
) {
    let first = create(mwaa, "etl").await;
    let err = mwaa.create_workflow(create_input("etl")).await.unwrap_err();
    match err {
        CreateWorkflowError::ConflictException(e) => {
            assert_eq!(
                (e.resource_type.as_str(), e.resource_id.as_str()),
                ("Workflow", "etl")
            );
        }
        other => panic!("expected ConflictException, got {other:?}"),
    }

    mwaa.delete_workflow(delete(&first.workflow_arn))
        .await
        .unwrap();
    // A new workflow of the same name gets a new ARN (the generated suffix).
    let second = create(mwaa, "etl").await;
    assert_ne!(first.workflow_arn, second.workflow_arn);
}

both_ways!(update_adds_versions_and_get_reads_any_of_them);
async fn update_adds_versions_and_get_reads_any_of_them(
    mwaa: &impl MwaaServerless,
    _local: &LocalMwaa,
) {
    let created = create(mwaa, "etl").await;
    let arn = created.workflow_arn.clone();
    let v1 = created.workflow_version.unwrap();

    let updated = mwaa
        .update_workflow(
            UpdateWorkflowInput::builder()
                .workflow_arn(&arn)
                .definition_s3_location(definition("v2.yaml"))
                .role_arn("arn:aws:iam::111122223333:role/other")
                .description("second")
                .build()
                .unwrap(),
        )
        .await
        .unwrap();
    let v2 = updated.workflow_version.unwrap();
    assert_ne!(v1, v2);
    assert_eq!(updated.workflow_arn, arn);
    assert!(updated.modified_at.is_some());
    let v3 = mwaa
        .update_workflow(update(&arn, "v3.yaml"))
        .await
        .unwrap()
        .workflow_version
        .unwrap();

    let latest = mwaa.get_workflow(get(&arn)).await.unwrap();
    assert_eq!(latest.workflow_version.as_deref(), Some(v3.as_str()));
    assert_eq!(latest.definition_s3_location, Some(definition("v3.yaml")));
    // Left out of the update: kept from the version before.
    assert_eq!(latest.description.as_deref(), Some("second"));

    let old = mwaa
        .get_workflow(
            GetWorkflowInput::builder()
                .workflow_arn(&arn)
                .workflow_version(&v1)
                .build()
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(old.definition_s3_location, Some(definition("etl.yaml")));
    assert_eq!(old.role_arn.as_deref(), Some(ROLE));

    let versions = mwaa
        .list_workflow_versions(
            ListWorkflowVersionsInput::builder()
                .workflow_arn(&arn)
                .build()
                .unwrap(),
        )
        .await
        .unwrap()
        .workflow_versions
        .unwrap();
    let ids: Vec<_> = versions
        .iter()
        .map(|v| v.workflow_version.clone())
        .collect();
    assert_eq!(ids, [v1.clone(), v2, v3.clone()]);
    let latest_flags: Vec<_> = versions.iter().map(|v| v.is_latest_version).collect();
    assert_eq!(latest_flags, [Some(false), Some(false), Some(true)]);

    // ListWorkflows shows each workflow once, at its latest version.
    let listed = mwaa
        .list_workflows(ListWorkflowsInput::builder().build())
        .await
        .unwrap()
        .workflows;
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].workflow_version.as_deref(), Some(v3.as_str()));
    assert_eq!(listed[0].name.as_deref(), Some("etl"));

    // An unknown version is not found.
    let unknown = "0".repeat(32);
    let err = mwaa
        .get_workflow(
            GetWorkflowInput::builder()
                .workflow_arn(&arn)
                .workflow_version(&unknown)
                .build()
                .unwrap(),
        )
        .await
        .unwrap_err();
    assert!(err.is_resource_not_found_exception(), "{err:?}");

    // Deleting one version of several removes just that one.
    let out = mwaa
        .delete_workflow(
            DeleteWorkflowInput::builder()
                .workflow_arn(&arn)
                .workflow_version(&v1)
                .build()
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(out.workflow_version.as_deref(), Some(v1.as_str()));
    let err = mwaa
        .get_workflow(
            GetWorkflowInput::builder()
                .workflow_arn(&arn)
                .workflow_version(&v1)
                .build()
                .unwrap(),
        )
        .await
        .unwrap_err();
    assert!(err.is_resource_not_found_exception());
    assert!(mwaa.get_workflow(get(&arn)).await.is_ok());
}

both_ways!(unknown_workflows_are_not_found);
async fn unknown_workflows_are_not_found(mwaa: &impl MwaaServerless, _local: &LocalMwaa) {
    let err = mwaa.get_workflow(get(UNKNOWN_ARN)).await.unwrap_err();
    // The typed variant with its modeled members (over HTTP: read back from the body).
    match &err {
        GetWorkflowError::ResourceNotFoundException(e) => {
            assert_eq!(e.resource_id, UNKNOWN_ARN);
            assert_eq!(e.resource_type, "Workflow");
            assert!(e.message.contains(UNKNOWN_ARN), "{}", e.message);
        }
        other => panic!("expected ResourceNotFoundException, got {other:?}"),
    }
    let err = mwaa
        .update_workflow(update(UNKNOWN_ARN, "x.yaml"))
        .await
        .unwrap_err();
    assert!(err.is_resource_not_found_exception());
    let err = mwaa.delete_workflow(delete(UNKNOWN_ARN)).await.unwrap_err();
    assert!(err.is_resource_not_found_exception());
    // The list operations have no ResourceNotFoundException in the model: nothing is listed.
    let versions = mwaa
        .list_workflow_versions(
            ListWorkflowVersionsInput::builder()
                .workflow_arn(UNKNOWN_ARN)
                .build()
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(versions.workflow_versions, Some(vec![]));
}

both_ways!(delete_stops_runs_and_the_workflow_is_deleting_until_they_stop);
async fn delete_stops_runs_and_the_workflow_is_deleting_until_they_stop(
    mwaa: &impl MwaaServerless,
    local: &LocalMwaa,
) {
    let arn = create(mwaa, "etl").await.workflow_arn;
    let run_id = start(mwaa, &arn).await;
    local.advance_by(2); // QUEUED, then RUNNING

    let out = mwaa.delete_workflow(delete(&arn)).await.unwrap();
    assert_eq!(out.workflow_arn, arn);
    let got = mwaa.get_workflow(get(&arn)).await.unwrap();
    assert_eq!(got.workflow_status, Some(WorkflowStatus::Deleting));
    assert_eq!(
        run_state(mwaa, &arn, &run_id).await,
        WorkflowRunStatus::Stopping
    );

    // A workflow being deleted cannot run or change (ConflictException, as documented).
    let err = mwaa
        .start_workflow_run(start_input(&arn))
        .await
        .unwrap_err();
    assert!(err.is_conflict_exception(), "{err:?}");
    let err = mwaa
        .update_workflow(update(&arn, "v2.yaml"))
        .await
        .unwrap_err();
    assert!(err.is_conflict_exception(), "{err:?}");
    // Deleting again is idempotent.
    mwaa.delete_workflow(delete(&arn)).await.unwrap();

    local.advance();
    let err = mwaa.get_workflow(get(&arn)).await.unwrap_err();
    assert!(err.is_resource_not_found_exception());
    assert_eq!(local.workflow_count(), 0);
}

both_ways!(delete_without_active_runs_is_immediate);
async fn delete_without_active_runs_is_immediate(mwaa: &impl MwaaServerless, _local: &LocalMwaa) {
    let arn = create(mwaa, "etl").await.workflow_arn;
    let out = mwaa.delete_workflow(delete(&arn)).await.unwrap();
    assert_eq!(out.workflow_arn, arn);
    assert!(out.workflow_version.is_some());
    assert!(mwaa
        .get_workflow(get(&arn))
        .await
        .unwrap_err()
        .is_resource_not_found_exception());
}

both_ways!(documented_input_rules_are_validation_exceptions);
async fn documented_input_rules_are_validation_exceptions(
    mwaa: &impl MwaaServerless,
    _local: &LocalMwaa,
) {
    // KmsKeyId is "Required when Type is CUSTOMER_MANAGED_KEY".
    let mut input = create_input("enc");
    input.encryption_configuration = Some(
        EncryptionConfiguration::builder()
            .r#type(EncryptionType::CustomerManagedKey)
            .build()
            .unwrap(),
    );
    let err = mwaa.create_workflow(input).await.unwrap_err();
    assert_fields(err, &["/EncryptionConfiguration/KmsKeyId"]);

    // The model's constraints, through the generated validate().
    for (input, fields) in [
        (
            {
                let mut i = create_input("x");
                i.name = Some("-starts-with-dash".into());
                i
            },
            vec!["/Name"],
        ),
        (
            {
                let mut i = create_input("x");
                i.role_arn = Some("not-an-arn".into());
                i
            },
            vec!["/RoleArn"],
        ),
        (
            {
                let mut i = create_input("x");
                i.name = None;
                i
            },
            vec!["/Name"],
        ),
        (
            {
                let mut i = create_input("x");
                i.engine_version = Some(EngineVersion::from(2));
                i
            },
            vec!["/EngineVersion"],
        ),
        (
            // Every violation is listed, not just the first.
            {
                let mut i = create_input("x");
                i.name = None;
                i.role_arn = Some("not-an-arn".into());
                i.definition_s3_location = None;
                i
            },
            vec!["/DefinitionS3Location", "/Name", "/RoleArn"],
        ),
    ] {
        let err = mwaa.create_workflow(input).await.unwrap_err();
        assert_fields(err, &fields);
    }
    let err = mwaa
        .get_workflow(get("arn:aws:s3:::bucket"))
        .await
        .unwrap_err();
    match err {
        GetWorkflowError::ValidationException(e) => {
            assert_eq!(
                e.reason,
                mwaa_serverless::types::ValidationExceptionReason::FieldValidationFailed
            );
            let fields = e.field_list.unwrap();
            assert_eq!(fields.len(), 1);
            assert_eq!(fields[0].name, "/WorkflowArn");
            assert!(!fields[0].message.is_empty());
        }
        other => panic!("expected ValidationException, got {other:?}"),
    }
    let err = mwaa
        .update_workflow({
            let mut input = UpdateWorkflowInput::default();
            input.workflow_arn = Some(UNKNOWN_ARN.to_owned());
            input
        })
        .await
        .unwrap_err();
    assert_fields(err, &["/DefinitionS3Location", "/RoleArn"]);
    let err = mwaa
        .delete_workflow(
            DeleteWorkflowInput::builder()
                .workflow_arn(UNKNOWN_ARN)
                .workflow_version("TOO-SHORT")
                .build()
                .unwrap(),
        )
        .await
        .unwrap_err();
    // Two violations of one member: its @length and its @pattern.
    assert_fields(err, &["/WorkflowVersion", "/WorkflowVersion"]);
    let err = mwaa
        .list_workflows(ListWorkflowsInput::builder().max_results(0).build())
        .await
        .unwrap_err();
    assert_fields(err, &["/MaxResults"]);
    let err = mwaa
        .list_workflow_versions(
            ListWorkflowVersionsInput::builder()
                .workflow_arn(UNKNOWN_ARN)
                .max_results(101)
                .build()
                .unwrap(),
        )
        .await
        .unwrap_err();
    assert_fields(err, &["/MaxResults"]);
}

both_ways!(
    quotas_are_service_quota_exceeded,
    LocalMwaa::with_options(
        Options::default()
            .with_max_workflows(Some(1))
            .with_max_versions_per_workflow(Some(2)),
    )
    .unwrap()
);
async fn quotas_are_service_quota_exceeded(mwaa: &impl MwaaServerless, _local: &LocalMwaa) {
    let arn = create(mwaa, "one").await.workflow_arn;
    let err = mwaa.create_workflow(create_input("two")).await.unwrap_err();
    match err {
        CreateWorkflowError::ServiceQuotaExceededException(e) => {
            assert_eq!(e.service_code, "airflow-serverless");
            assert_eq!(e.quota_code, "L-LOCAL-WORKFLOWS");
            assert_eq!(
                (e.resource_type.as_str(), e.resource_id.as_str()),
                ("Workflow", "two")
            );
        }
        other => panic!("expected ServiceQuotaExceededException, got {other:?}"),
    }
    mwaa.update_workflow(update(&arn, "v2.yaml")).await.unwrap();
    let err = mwaa
        .update_workflow(update(&arn, "v3.yaml"))
        .await
        .unwrap_err();
    match err {
        UpdateWorkflowError::ServiceQuotaExceededException(e) => {
            assert_eq!(e.quota_code, "L-LOCAL-VERSIONS");
            assert_eq!(e.resource_id, arn);
        }
        other => panic!("expected ServiceQuotaExceededException, got {other:?}"),
    }
}
