//! The generated client end to end: real HTTP on 127.0.0.1 against a scripted server, and an
//! in-process transport for what needs no socket.

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use mwaa_serverless::auth::{Credentials, DefaultCredentialsChain, Env, ProfileFiles, ProvideCredentials};
use mwaa_serverless::client::{
    transport_fn, ClientError, ClientErrorKind, HttpRequest, HttpResponse, IdempotencyTokenProvider, RetryConfig,
    TimeoutConfig,
};
use mwaa_serverless::error::{ErrorMetadata, RequestId};
use mwaa_serverless::operation::get_workflow_run::{GetWorkflowRunError, GetWorkflowRunInput};
use mwaa_serverless::{Client, Config, MwaaServerless};
use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// A request as the test server saw it.
#[derive(Clone, Debug)]
struct Seen {
    method: String,
    path: String,
    headers: HashMap<String, String>,
    body: serde_json::Value,
}

impl Seen {
    fn header(&self, name: &str) -> &str {
        self.headers.get(name).map(String::as_str).unwrap_or("")
    }
}

type Reply = (u16, Vec<(&'static str, String)>, String);

/// An HTTP/1.1 server on 127.0.0.1 that records each request and answers with `reply`.
struct TestServer {
    addr: SocketAddr,
    seen: Arc<Mutex<Vec<Seen>>>,
}

impl TestServer {
    async fn start(reply: impl Fn(&Seen, usize) -> Reply + Send + Sync + 'static) -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let seen: Arc<Mutex<Vec<Seen>>> = Arc::default();
        let reply = Arc::new(reply);
        let log = seen.clone();
        tokio::spawn(async move {
            loop {
                let Ok((stream, _)) = listener.accept().await else { return };
                let (reply, log) = (reply.clone(), log.clone());
                tokio::spawn(async move {
                    let service = hyper::service::service_fn(move |req: hyper::Request<hyper::body::Incoming>| {
                        let (reply, log) = (reply.clone(), log.clone());
                        async move {
                            let (parts, body) = req.into_parts();
                            let body = body.collect().await.unwrap().to_bytes();
                            let seen = Seen {
                                method: parts.method.to_string(),
                                path: parts.uri.path().to_string(),
                                headers: parts
                                    .headers
                                    .iter()
                                    .map(|(k, v)| (k.as_str().to_string(), v.to_str().unwrap().to_string()))
                                    .collect(),
                                body: serde_json::from_slice(&body).unwrap_or(serde_json::Value::Null),
                            };
                            let n = {
                                let mut log = log.lock().unwrap();
                                log.push(seen.clone());
                                log.len()
                            };
                            let (status, headers, body) = reply(&seen, n);
                            let mut response = hyper::Response::builder()
                                .status(status)
                                .header("content-type", "application/x-amz-json-1.0")
                                .header("x-amzn-requestid", format!("req-{n}"));
                            for (k, v) in headers {
                                response = response.header(k, v);
                            }
                            Ok::<_, std::convert::Infallible>(response.body(Full::new(Bytes::from(body))).unwrap())
                        }
                    });
                    let io = hyper_util::rt::TokioIo::new(stream);
                    let _ = hyper::server::conn::http1::Builder::new().serve_connection(io, service).await;
                });
            }
        });
        TestServer { addr, seen }
    }

    fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    fn requests(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }
}

fn config(url: &str) -> mwaa_serverless::client::ConfigBuilder {
    Config::builder()
        .region("us-east-1")
        .credentials(Credentials::from_keys("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", Some("session-token".into())))
        .endpoint_url(url)
        .retry_config(RetryConfig::standard().with_initial_backoff(Duration::from_millis(1)))
}

const ARN: &str = "arn:aws:airflow-serverless:us-east-1:123456789012:workflow/my-flow-abc123";

fn run_input() -> GetWorkflowRunInput {
    GetWorkflowRunInput::builder().workflow_arn(ARN).run_id("run-1").build().unwrap()
}

/// A minimal valid output for each operation (required members present).
fn output_for(target: &str) -> String {
    let op = target.rsplit('.').next().unwrap_or("");
    let body = match op {
        "CreateWorkflow" | "UpdateWorkflow" => serde_json::json!({"WorkflowArn": ARN, "WorkflowVersion": "1"}),
        "DeleteWorkflow" => serde_json::json!({"WorkflowArn": ARN}),
        "StartWorkflowRun" | "StopWorkflowRun" => serde_json::json!({"RunId": "run-1", "WorkflowArn": ARN}),
        "GetWorkflow" => serde_json::json!({"WorkflowArn": ARN, "WorkflowVersion": "1", "Name": "my-flow"}),
        "ListWorkflows" => serde_json::json!({"Workflows": []}),
        "ListWorkflowRuns" => serde_json::json!({"WorkflowRuns": []}),
        "ListWorkflowVersions" => serde_json::json!({"WorkflowVersions": []}),
        "ListTaskInstances" => serde_json::json!({"TaskInstances": []}),
        "GetTaskInstance" => serde_json::json!({"WorkflowArn": ARN, "RunId": "run-1", "TaskInstanceId": "t-1"}),
        _ => serde_json::json!({}),
    };
    body.to_string()
}

#[tokio::test]
async fn every_operation_is_sent_signed_and_its_output_read() {
    let server = TestServer::start(|seen, _| (200, vec![], output_for(seen.header("x-amz-target")))).await;
    let client = Client::new(config(&server.url()).build());
    let tags = HashMap::from([("team".to_string(), "data".to_string())]);
    use mwaa_serverless::operation::*;
    let s3 = mwaa_serverless::types::DefinitionS3Location::builder().bucket("b").object_key("k.yaml").build().unwrap();

    let created = client
        .create_workflow()
        .name("my-flow")
        .definition_s3_location(s3.clone())
        .role_arn("arn:aws:iam::123456789012:role/r")
        .send()
        .await
        .unwrap();
    assert_eq!(created.workflow_arn, ARN);
    assert_eq!(created.request_id(), Some("req-1"));
    client.get_workflow().workflow_arn(ARN).send().await.unwrap();
    client
        .update_workflow()
        .workflow_arn(ARN)
        .definition_s3_location(s3)
        .role_arn("arn:aws:iam::123456789012:role/r")
        .send()
        .await
        .unwrap();
    client.list_workflows().send().await.unwrap();
    client.list_workflow_versions().workflow_arn(ARN).send().await.unwrap();
    client.start_workflow_run().workflow_arn(ARN).send().await.unwrap();
    client.get_workflow_run().workflow_arn(ARN).run_id("run-1").send().await.unwrap();
    client.list_workflow_runs().workflow_arn(ARN).send().await.unwrap();
    client.stop_workflow_run().workflow_arn(ARN).run_id("run-1").send().await.unwrap();
    client.list_task_instances().workflow_arn(ARN).run_id("run-1").send().await.unwrap();
    client.get_task_instance().workflow_arn(ARN).run_id("run-1").task_instance_id("t-1").send().await.unwrap();
    client.tag_resource().resource_arn(ARN).set_tags(Some(tags)).send().await.unwrap();
    client.list_tags_for_resource().resource_arn(ARN).send().await.unwrap();
    client.untag_resource().resource_arn(ARN).tag_keys("team").send().await.unwrap();
    client.delete_workflow().workflow_arn(ARN).send().await.unwrap();
    // The trait method, as generic code calls it.
    let _ = <Client as MwaaServerless>::get_workflow_run(&client, run_input()).await.unwrap();
    let _: get_workflow_run::GetWorkflowRunOutput = MwaaServerless::get_workflow_run(&client, run_input()).await.unwrap();

    let requests = server.requests();
    assert_eq!(requests.len(), 17);
    let targets: Vec<&str> = requests.iter().map(|r| r.header("x-amz-target")).collect();
    assert_eq!(targets[0], "AmazonMWAAServerless.CreateWorkflow");
    assert_eq!(targets[14], "AmazonMWAAServerless.DeleteWorkflow");
    for r in &requests {
        assert_eq!(r.method, "POST");
        assert_eq!(r.path, "/");
        assert_eq!(r.header("content-type"), "application/x-amz-json-1.0");
        let auth = r.header("authorization");
        assert!(auth.starts_with("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/"), "{auth}");
        assert!(auth.contains("/us-east-1/airflow-serverless/aws4_request"), "{auth}");
        assert!(auth.contains("SignedHeaders=") && auth.contains("x-amz-date") && auth.contains("x-amz-target"), "{auth}");
        assert!(auth.contains("Signature="), "{auth}");
        assert_eq!(r.header("x-amz-date").len(), 16);
        assert_eq!(r.header("x-amz-security-token"), "session-token");
        assert!(r.header("amz-sdk-request").starts_with("attempt=1;"));
    }
    // The body is the input's JSON; an unset idempotency token was filled with a UUID.
    assert_eq!(requests[0].body["Name"], "my-flow");
    let token = requests[0].body["ClientToken"].as_str().unwrap();
    assert_eq!(token.len(), 36);
    assert_eq!(requests[11].body["Tags"]["team"], "data");
}

#[tokio::test]
async fn each_modeled_error_comes_back_typed_with_its_request_id() {
    let errors = [
        ("AccessDeniedException", 403),
        ("InternalServerException", 500),
        ("OperationTimeoutException", 504),
        ("ResourceNotFoundException", 404),
        ("ThrottlingException", 429),
        ("ValidationException", 400),
    ];
    for (code, status) in errors {
        let server = TestServer::start(move |_, _| {
            let body = serde_json::json!({
                "__type": format!("com.amazonaws.mwaaserverless#{code}"),
                "Message": "it failed",
                "ResourceId": "r-1",
                "ResourceType": "workflow",
                "Reason": "other",
                "ServiceCode": "airflow",
                "QuotaCode": "q",
            });
            (status, vec![], body.to_string())
        })
        .await;
        let client = Client::new(config(&server.url()).retry_config(RetryConfig::disabled()).build());
        let err = client.get_workflow_run().workflow_arn(ARN).run_id("run-1").send().await.unwrap_err();
        assert_eq!(err.code(), Some(code), "{err:?}");
        assert_eq!(err.message(), Some("it failed"));
        assert_eq!(err.request_id(), Some("req-1"));
        let typed = match (&err, code) {
            (GetWorkflowRunError::AccessDeniedException(_), "AccessDeniedException") => true,
            (GetWorkflowRunError::InternalServerException(_), "InternalServerException") => true,
            (GetWorkflowRunError::OperationTimeoutException(_), "OperationTimeoutException") => true,
            (GetWorkflowRunError::ResourceNotFoundException(e), "ResourceNotFoundException") => e.resource_id == "r-1",
            (GetWorkflowRunError::ThrottlingException(_), "ThrottlingException") => true,
            (GetWorkflowRunError::ValidationException(_), "ValidationException") => true,
            _ => false,
        };
        assert!(typed, "{code} read as {err:?}");
    }
}

#[tokio::test]
async fn the_error_code_comes_from_the_header_first_and_is_cleaned() {
    let server = TestServer::start(|_, _| {
        (404, vec![("x-amzn-errortype", "ResourceNotFoundException:http://internal.amazon.com/".to_string())], r#"{"Message":"gone","ResourceId":"r","ResourceType":"t"}"#.to_string())
    })
    .await;
    let client = Client::new(config(&server.url()).build());
    let err = client.get_workflow_run().workflow_arn(ARN).run_id("r").send().await.unwrap_err();
    assert!(err.is_resource_not_found_exception(), "{err:?}");
}

#[tokio::test]
async fn an_unknown_error_keeps_code_status_message_and_body() {
    let body = r#"{"__type":"aws.other#SomethingNew","message":"new failure"}"#;
    let server = TestServer::start(move |_, _| (400, vec![], body.to_string())).await;
    let client = Client::new(config(&server.url()).build());
    let err = client.get_workflow_run().workflow_arn(ARN).run_id("r").send().await.unwrap_err();
    let GetWorkflowRunError::Unhandled(unhandled) = &err else { panic!("{err:?}") };
    assert_eq!(unhandled.code(), Some("SomethingNew"));
    assert_eq!(unhandled.http_status(), Some(400));
    assert_eq!(unhandled.message(), Some("new failure"));
    assert_eq!(unhandled.body(), body.as_bytes());
    assert_eq!(server.requests().len(), 1, "a 400 is not retried");
}

#[tokio::test]
async fn throttling_is_retried_until_it_succeeds() {
    let server = TestServer::start(|seen, n| {
        if n < 3 {
            (400, vec![], r#"{"__type":"ThrottlingException","Message":"slow down"}"#.to_string())
        } else {
            (200, vec![], output_for(seen.header("x-amz-target")))
        }
    })
    .await;
    let client = Client::new(config(&server.url()).build());
    let out = client.get_workflow_run().workflow_arn(ARN).run_id("run-1").send().await.unwrap();
    assert_eq!(out.request_id(), Some("req-3"));
    let requests = server.requests();
    assert_eq!(requests.len(), 3);
    assert!(requests[2].header("amz-sdk-request").starts_with("attempt=3; max=3"));
    // Each attempt is signed anew with the same invocation id.
    assert_eq!(requests[0].header("amz-sdk-invocation-id"), requests[2].header("amz-sdk-invocation-id"));
}

#[tokio::test]
async fn server_errors_are_retried_up_to_the_maximum() {
    let server = TestServer::start(|_, _| (503, vec![], r#"{"__type":"InternalServerException","Message":"busy"}"#.to_string())).await;
    let client = Client::new(config(&server.url()).retry_config(RetryConfig::standard().with_max_attempts(4).with_initial_backoff(Duration::from_millis(1))).build());
    let err = client.get_workflow_run().workflow_arn(ARN).run_id("r").send().await.unwrap_err();
    assert!(err.is_internal_server_exception());
    assert_eq!(server.requests().len(), 4);
}

#[tokio::test]
async fn validation_errors_are_not_retried() {
    let server = TestServer::start(|_, _| (400, vec![], r#"{"__type":"ValidationException","Message":"bad"}"#.to_string())).await;
    let client = Client::new(config(&server.url()).build());
    let err = client.get_workflow_run().workflow_arn(ARN).run_id("r").send().await.unwrap_err();
    assert!(err.is_validation_exception());
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn connection_failures_are_retried_then_reported_as_transport_errors() {
    // A port nobody listens on: bind, read the port, close.
    let addr = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap();
    let client = Client::new(config(&format!("http://{addr}")).build());
    let err = client.get_workflow_run().workflow_arn(ARN).run_id("r").send().await.unwrap_err();
    let found = ClientError::find(&err).expect("a ClientError in the chain");
    assert_eq!(found.kind(), ClientErrorKind::Transport, "{err}");
}

#[tokio::test]
async fn attempt_and_operation_timeouts_end_the_call() {
    let server = TestServer::start(|seen, _| {
        std::thread::sleep(Duration::from_millis(300));
        (200, vec![], output_for(seen.header("x-amz-target")))
    })
    .await;
    let timeouts = TimeoutConfig::default().with_attempt_timeout(Duration::from_millis(50));
    let client = Client::new(config(&server.url()).retry_config(RetryConfig::disabled()).timeout_config(timeouts).build());
    let err = client.get_workflow_run().workflow_arn(ARN).run_id("r").send().await.unwrap_err();
    assert_eq!(ClientError::find(&err).map(ClientError::kind), Some(ClientErrorKind::Timeout), "{err}");

    assert!(err.is_timeout() && err.is_retryable() && !err.is_dispatch_failure(), "{err:?}");
    assert_eq!(error_chain(&err), "timeout: no response in time: timed out: attempt timeout of 50ms expired");

    let timeouts = TimeoutConfig::default().with_operation_timeout(Duration::from_millis(50));
    let client = Client::new(config(&server.url()).timeout_config(timeouts).build());
    let err = client.get_workflow_run().workflow_arn(ARN).run_id("r").send().await.unwrap_err();
    assert_eq!(ClientError::find(&err).map(ClientError::kind), Some(ClientErrorKind::Timeout), "{err}");
    assert!(err.is_timeout(), "{err:?}");
}

#[tokio::test]
async fn a_refused_connection_is_a_retryable_dispatch_failure_told_once() {
    // Nothing listens on a port just freed.
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let client = Client::new(config(&format!("http://127.0.0.1:{port}")).retry_config(RetryConfig::disabled()).build());
    let err = client.get_workflow_run().workflow_arn(ARN).run_id("r").send().await.unwrap_err();
    assert!(err.is_dispatch_failure() && err.is_retryable(), "{err:?}");
    assert!(!err.is_timeout() && !err.is_construction_failure() && !err.is_response_error());
    let chain = error_chain(&err);
    assert!(chain.starts_with("dispatch failure: could not send the request: could not connect: "), "{chain}");
    assert_eq!(chain.matches("could not connect").count(), 1, "{chain}");
}

#[tokio::test]
async fn a_malformed_success_response_is_a_typed_error_that_keeps_the_body() {
    let client = Client::new(
        config("https://example.com")
            .transport(transport_fn(|_req: HttpRequest| async {
                Ok(http::Response::builder().status(200).header("x-amzn-requestid", "abc").body(Bytes::from_static(b"{not json")).unwrap())
            }))
            .build(),
    );
    let err = client.get_workflow_run().workflow_arn(ARN).run_id("r").send().await.unwrap_err();
    let GetWorkflowRunError::Unhandled(unhandled) = &err else { panic!("{err:?}") };
    assert_eq!(unhandled.body(), b"{not json");
    assert_eq!(unhandled.http_status(), Some(200));
    assert_eq!(err.request_id(), Some("abc"));
    assert_eq!(ClientError::find(&err).map(ClientError::kind), Some(ClientErrorKind::Response));
}

#[tokio::test]
async fn a_missing_required_member_fails_before_sending() {
    let client = Client::new(config("https://example.com").transport(transport_fn(|_req| async { panic!("nothing is sent") })).build());
    let err = client.get_workflow_run().run_id("r").send().await.unwrap_err();
    assert_eq!(ClientError::find(&err).map(ClientError::kind), Some(ClientErrorKind::Construction));
    assert!(err.is_construction_failure());
    // Each error in the chain says its own part once.
    let chain = error_chain(&err);
    assert_eq!(chain, "construction failure: cannot build the input: cannot build `GetWorkflowRunInput`: missing required member `WorkflowArn`");
}

/// An error and its sources, as anyhow's `{:#}` prints them.
fn error_chain(err: &(dyn std::error::Error + 'static)) -> String {
    let mut parts = vec![err.to_string()];
    let mut source = err.source();
    while let Some(e) = source {
        parts.push(e.to_string());
        source = e.source();
    }
    parts.join(": ")
}

#[tokio::test]
async fn the_endpoint_comes_from_the_rules_and_the_region() {
    let seen: Arc<Mutex<Vec<String>>> = Arc::default();
    let log = seen.clone();
    let transport = transport_fn(move |req: HttpRequest| {
        log.lock().unwrap().push(req.uri().to_string());
        async { Ok::<HttpResponse, _>(http::Response::builder().status(200).body(Bytes::from_static(b"{}")).unwrap()) }
    });
    let base = Config::builder().credentials(Credentials::from_keys("AKID", "SECRET", None)).transport(transport);
    let _ = Client::new(base.clone().region("eu-west-1").build()).list_workflows().send().await;
    let _ = Client::new(base.clone().region("us-gov-west-1").use_fips(true).build()).list_workflows().send().await;
    let err = Client::new(base.clone().build()).list_workflows().send().await.unwrap_err();
    assert_eq!(ClientError::find(&err).map(ClientError::kind), Some(ClientErrorKind::Endpoint), "{err}");
    let seen = seen.lock().unwrap();
    assert_eq!(seen[0], "https://airflow-serverless.eu-west-1.api.aws/");
    assert!(seen[1].starts_with("https://airflow-serverless-fips.us-gov-west-1."), "{}", seen[1]);
}

#[tokio::test]
async fn a_fixed_idempotency_token_provider_is_used_and_a_given_token_kept() {
    let bodies: Arc<Mutex<Vec<serde_json::Value>>> = Arc::default();
    let log = bodies.clone();
    let transport = transport_fn(move |req: HttpRequest| {
        log.lock().unwrap().push(serde_json::from_slice(req.body()).unwrap());
        async { Ok::<HttpResponse, _>(http::Response::builder().status(200).body(Bytes::from(output_for("CreateWorkflow"))).unwrap()) }
    });
    let client = Client::new(config("https://example.com").transport(transport).idempotency_token_provider(IdempotencyTokenProvider::fixed("tok")).build());
    let s3 = mwaa_serverless::types::DefinitionS3Location::builder().bucket("b").object_key("k").build().unwrap();
    let call = || client.create_workflow().name("n").definition_s3_location(s3.clone()).role_arn("arn:aws:iam::1:role/r");
    call().send().await.unwrap();
    call().client_token("mine").send().await.unwrap();
    let bodies = bodies.lock().unwrap();
    assert_eq!(bodies[0]["ClientToken"], "tok");
    assert_eq!(bodies[1]["ClientToken"], "mine");
}

#[tokio::test]
async fn paginators_follow_tokens_through_the_client() {
    let server = TestServer::start(|seen, _| {
        let page = match seen.body.get("NextToken").and_then(|t| t.as_str()) {
            None => serde_json::json!({"Workflows": [{"WorkflowArn": "a1"}], "NextToken": "p2"}),
            Some("p2") => serde_json::json!({"Workflows": [{"WorkflowArn": "a2"}, {"WorkflowArn": "a3"}]}),
            Some(other) => panic!("unexpected token {other}"),
        };
        (200, vec![], page.to_string())
    })
    .await;
    let client = Client::new(config(&server.url()).build());
    let mut items = client.list_workflows_paginator(Default::default()).items();
    let mut arns = Vec::new();
    while let Some(item) = items.next().await {
        arns.push(item.unwrap().workflow_arn);
    }
    assert_eq!(arns, ["a1", "a2", "a3"]);

    // The fluent builder's paginator owns its client, so it can run in a spawned task.
    let mut pages = client.list_workflows().max_results(1).into_paginator().pages();
    let sizes = tokio::spawn(async move {
        let mut sizes = Vec::new();
        while let Some(page) = pages.next().await {
            sizes.push(page.unwrap().workflows.len());
        }
        sizes
    });
    assert_eq!(sizes.await.unwrap(), [1, 2]);
    assert_eq!(server.seen.lock().unwrap().last().unwrap().body["MaxResults"], 1);
}

#[tokio::test]
async fn into_paginator_reports_an_input_that_cannot_be_built_as_its_only_item() {
    let client = Client::new(config("https://example.com").transport(transport_fn(|_req| async { panic!("not sent") })).build());
    // RunId is required and missing.
    let mut items = client.list_task_instances().workflow_arn("arn").into_paginator().items();
    let err = items.next().await.unwrap().unwrap_err();
    assert_eq!(ClientError::find(&err).map(ClientError::kind), Some(ClientErrorKind::Construction), "{err}");
    assert!(items.next().await.is_none());
}

#[tokio::test]
async fn credentials_come_from_the_environment_or_the_shared_files() {
    let env = Env::from_map(HashMap::from([
        ("AWS_ACCESS_KEY_ID".to_string(), "AKENV".to_string()),
        ("AWS_SECRET_ACCESS_KEY".to_string(), "secret-env".to_string()),
    ]));
    let creds = DefaultCredentialsChain::with_env(env).provide_credentials().await.unwrap();
    assert_eq!(creds.access_key_id(), "AKENV");
    assert_eq!(creds.session_token(), None);
    assert!(!format!("{creds:?}").contains("secret-env"), "Debug must not show secrets");

    let dir = std::env::temp_dir().join(format!("smithy-codegen-creds-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("credentials"),
        "[default]\naws_access_key_id = AKDEF\naws_secret_access_key = s1\n\n[work]\naws_access_key_id=AKWORK ; comment\naws_secret_access_key=s2\naws_session_token=tok\n",
    )
    .unwrap();
    std::fs::write(dir.join("config"), "[default]\nregion = eu-west-1\n[profile work]\nregion = us-west-2\ns3 =\n  max_concurrent_requests = 5\n").unwrap();
    let env = Env::from_map(HashMap::from([
        ("HOME".to_string(), "/nonexistent".to_string()),
        ("AWS_SHARED_CREDENTIALS_FILE".to_string(), dir.join("credentials").display().to_string()),
        ("AWS_CONFIG_FILE".to_string(), dir.join("config").display().to_string()),
        ("AWS_PROFILE".to_string(), "work".to_string()),
    ]));
    let creds = DefaultCredentialsChain::with_env(env.clone()).provide_credentials().await.unwrap();
    assert_eq!((creds.access_key_id(), creds.session_token()), ("AKWORK", Some("tok")));
    assert_eq!(mwaa_serverless::auth::region_from_env(&env).as_deref(), Some("us-west-2"));
    let default = ProfileFiles::new().with_env(env).profile("default");
    assert_eq!(default.region().as_deref(), Some("eu-west-1"));
    assert_eq!(default.provide_credentials().await.unwrap().access_key_id(), "AKDEF");

    let none = DefaultCredentialsChain::with_env(Env::from_map(HashMap::from([("HOME".to_string(), "/nonexistent".to_string())])));
    let err = none.provide_credentials().await.unwrap_err();
    // As in aws-credential-types, the error's own text is its kind; the detail is its source.
    let detail = std::error::Error::source(&err).map(ToString::to_string).unwrap_or_default();
    assert!(detail.contains("no credentials found"), "{err}: {detail}");
    let _ = std::fs::remove_dir_all(dir);
}

#[tokio::test]
async fn a_call_without_credentials_fails_with_a_credentials_error() {
    let client = Client::new(Config::builder().region("us-east-1").transport(transport_fn(|_req| async { panic!("not sent") })).build());
    let err = client.list_workflows().send().await.unwrap_err();
    assert_eq!(ClientError::find(&err).map(ClientError::kind), Some(ClientErrorKind::Credentials), "{err}");
}
