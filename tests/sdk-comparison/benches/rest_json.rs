//! restJson1, side by side: the whole client call with an in-process transport, through this
//! project's generated Lambda client (`tests/moto/lambda`) and through the AWS SDK for Rust
//! (`aws-sdk-lambda`), on the same response bytes. `cd tests/sdk-comparison && cargo bench
//! --bench rest_json`.
//!
//! Before divan runs, `main` calls each operation once through each client and checks the
//! request (method, path, query, SigV4 `Authorization`) and the parsed output, so a call that
//! fails or parses nothing cannot pass for a fast one.

use bytes::Bytes;
use std::sync::{Arc, Mutex};

fn main() {
    check_both_clients();
    divan::main();
}

const REQUEST_ID: &str = "5f9a2c1e-7b3d-4e8a-9c61-2d4f8e0b7a13";
const KEY: (&str, &str) = ("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
const ACCOUNT: &str = "123456789012";
const FUNCTION_NAME: &str = "orders-api";
const QUALIFIER: &str = "7";

/// The SHA-256 of a deployment package, base64, as Lambda reports it.
const CODE_SHA256: &str = "YFgDgEKG3ugvF1+pX64gV6tu9qNuIYNUdgJm8nCxsm4=";

/// One function's configuration as Lambda's `GetFunction` and `ListFunctions` return it:
/// timestamps in Lambda's `2024-07-26T10:15:30.125+0000` form, `Environment` variables,
/// `Layers`, `Architectures`, ephemeral storage, SnapStart and logging; every fourth one in a
/// VPC; `full` adds what only `GetFunction` reports (state and last update status).
fn function_configuration(i: usize, name: &str, version: &str, full: bool) -> serde_json::Value {
    let (runtime, handler) = [
        ("python3.12", "app.handler"),
        ("nodejs20.x", "index.handler"),
        ("java21", "com.example.orders.Handler::handleRequest"),
        ("provided.al2023", "bootstrap"),
        ("python3.13", "service.main.lambda_handler"),
        ("nodejs22.x", "dist/handler.main"),
    ][i % 6];
    let architecture = if i % 3 == 0 { "x86_64" } else { "arm64" };
    let arn = format!("arn:aws:lambda:us-east-1:{ACCOUNT}:function:{name}");
    let stage = ["prod", "staging", "dev"][i % 3];
    let timeout = [3, 15, 30, 60, 900][i % 5];
    let memory_size = [128, 256, 512, 1024, 3008][i % 5];
    let log_level = ["INFO", "DEBUG", "WARN"][i % 3];
    let tracing_mode = if i % 2 == 0 { "PassThrough" } else { "Active" };
    let function_arn = if version == "$LATEST" { arn.clone() } else { format!("{arn}:{version}") };
    let mut configuration = serde_json::json!({
        "FunctionName": name,
        "FunctionArn": function_arn,
        "Runtime": runtime,
        "Role": format!("arn:aws:iam::{ACCOUNT}:role/service-role/{name}-role-{:06x}", i * 7919 % 0xff_ffff),
        "Handler": handler,
        "CodeSize": 1_024 + (i * 48_271) % 52_428_800,
        "Description": format!("Handles the {name} requests of the orders service ({stage})"),
        "Timeout": timeout,
        "MemorySize": memory_size,
        "LastModified": format!("2024-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}+0000", 1 + i % 12, 1 + i % 28, i % 24, i % 60, (i * 7) % 60, i % 1000),
        "CodeSha256": CODE_SHA256,
        "Version": version,
        "Environment": {"Variables": {
            "LOG_LEVEL": log_level,
            "TABLE_NAME": format!("{name}-table"),
            "QUEUE_URL": format!("https://sqs.us-east-1.amazonaws.com/{ACCOUNT}/{name}-queue"),
            "POWERTOOLS_SERVICE_NAME": "orders"
        }},
        "TracingConfig": {"Mode": tracing_mode},
        "RevisionId": format!("{:08x}-4d2c-4b1e-9f3a-{:012x}", i * 2_654_435_761 % 0xffff_ffff, i * 40_503),
        "Layers": [
            {"Arn": format!("arn:aws:lambda:us-east-1:{ACCOUNT}:layer:shared-utils:{}", 1 + i % 40), "CodeSize": 169_532},
            {"Arn": "arn:aws:lambda:us-east-1:017000801446:layer:AWSLambdaPowertoolsPythonV2:78", "CodeSize": 2_904_130}
        ],
        "PackageType": "Zip",
        "Architectures": [architecture],
        "EphemeralStorage": {"Size": 512},
        "SnapStart": {"ApplyOn": "None", "OptimizationStatus": "Off"},
        "RuntimeVersionConfig": {"RuntimeVersionArn": format!("arn:aws:lambda:us-east-1::runtime:{:064x}", i as u128 * 0x9e37_79b9_7f4a_7c15)},
        "LoggingConfig": {"LogFormat": "Text", "LogGroup": format!("/aws/lambda/{name}")}
    });
    let object = configuration.as_object_mut().expect("an object");
    if i % 4 == 0 {
        object.insert(
            "VpcConfig".into(),
            serde_json::json!({
                "SubnetIds": ["subnet-0a1b2c3d4e5f60718", "subnet-0f1e2d3c4b5a69788"],
                "SecurityGroupIds": ["sg-0123456789abcdef0"],
                "VpcId": "vpc-0abcdef1234567890",
                "Ipv6AllowedForDualStack": false
            }),
        );
    }
    if full {
        object.insert("State".into(), "Active".into());
        object.insert("LastUpdateStatus".into(), "Successful".into());
        object.insert("KMSKeyArn".into(), format!("arn:aws:kms:us-east-1:{ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab").into());
    }
    configuration
}

/// A `GetFunction` response: the configuration of version 7, the presigned code location,
/// tags.
fn get_function_body() -> Bytes {
    let body = serde_json::json!({
        "Configuration": function_configuration(1, FUNCTION_NAME, QUALIFIER, true),
        "Code": {
            "RepositoryType": "S3",
            "Location": format!(
                "https://prod-04-2014-tasks.s3.us-east-1.amazonaws.com/snapshots/{ACCOUNT}/{FUNCTION_NAME}-a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d\
                 ?versionId=3Hl1cUGS7xW5.9Tq0YxD2mUeR4vZ8pK&X-Amz-Security-Token=IQoJb3JpZ2luX2VjEJr%2F%2F%2F%2F%2F%2F%2F%2F%2F%2FwEaCXVzLWVhc3QtMSJHMEUCIQD\
                 &X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=20240726T101530Z&X-Amz-SignedHeaders=host&X-Amz-Expires=600\
                 &X-Amz-Credential=ASIA25DCYHY3EXAMPLE%2F20240726%2Fus-east-1%2Fs3%2Faws4_request\
                 &X-Amz-Signature=4f9c8e3a1b2d7c6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e"
            )
        },
        "Tags": {"team": "orders", "cost-center": "cc-4711", "environment": "prod", "aws:cloudformation:stack-name": "orders-prod"}
    });
    Bytes::from(body.to_string())
}

/// A `ListFunctions` page of `n` functions (Lambda itself sends at most 50 a page; the large
/// page measures parsing).
fn list_functions_body(n: usize) -> Bytes {
    let functions: Vec<serde_json::Value> =
        (0..n).map(|i| function_configuration(i, &format!("orders-api-{i:05}"), "$LATEST", false)).collect();
    Bytes::from(serde_json::json!({"Functions": functions, "NextMarker": "orders-api-next-page-marker"}).to_string())
}

fn response(body: Bytes) -> http::Response<Bytes> {
    http::Response::builder()
        .status(200)
        .header("content-type", "application/json")
        .header("x-amzn-RequestId", REQUEST_ID)
        .body(body)
        .expect("a valid response")
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a runtime")
}

/// What a transport saw of a request, for the check before benchmarking.
#[derive(Debug, Default, Clone, PartialEq)]
struct Seen {
    method: String,
    path_and_query: String,
    signed: bool,
}

type Recorder = Option<Arc<Mutex<Vec<Seen>>>>;

fn seen<B>(req: &http::Request<B>) -> Seen {
    Seen {
        method: req.method().to_string(),
        path_and_query: req.uri().path_and_query().map(ToString::to_string).unwrap_or_default(),
        signed: req
            .headers()
            .get("authorization")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/") && v.contains("/us-east-1/lambda/aws4_request")),
    }
}

mod ours {
    use super::*;
    use lambda::auth::Credentials;
    use lambda::client::{transport_fn, HttpRequest, HttpResponse, RetryConfig};
    use lambda::{Client, Config};

    pub fn client(body: Bytes) -> Client {
        client_recording(body, None)
    }

    pub fn client_recording(body: Bytes, recorder: Recorder) -> Client {
        let transport = transport_fn(move |req: HttpRequest| {
            if let Some(recorder) = &recorder {
                recorder.lock().unwrap().push(seen(&req));
            }
            let body = body.clone();
            async move { Ok::<HttpResponse, _>(response(body)) }
        });
        Client::new(
            Config::builder()
                .region("us-east-1")
                .credentials(Credentials::from_keys(KEY.0, KEY.1, None))
                .retry_config(RetryConfig::standard())
                .transport(transport)
                .build(),
        )
    }
}

mod sdk {
    use super::*;
    use aws_sdk_lambda::config::retry::RetryConfig;
    use aws_sdk_lambda::config::{BehaviorVersion, Region};
    use aws_sdk_lambda::{Client, Config};
    use aws_smithy_http_client::test_util::infallible_client_fn;

    pub fn client(body: Bytes) -> Client {
        client_recording(body, None)
    }

    pub fn client_recording(body: Bytes, recorder: Recorder) -> Client {
        let http_client = infallible_client_fn(move |req| {
            if let Some(recorder) = &recorder {
                recorder.lock().unwrap().push(seen(&req));
            }
            response(body.clone())
        });
        Client::from_conf(
            Config::builder()
                .behavior_version(BehaviorVersion::latest())
                .region(Region::new("us-east-1"))
                .credentials_provider(aws_credential_types::Credentials::new(KEY.0, KEY.1, None, None, "bench"))
                .retry_config(RetryConfig::standard())
                .http_client(http_client)
                .build(),
        )
    }
}

/// One call of each operation through each client, checked: the request both clients sent,
/// and what they parsed, member by member where the two models agree.
fn check_both_clients() {
    use aws_sdk_lambda::operation::RequestId as _;
    use lambda::error::RequestId as _;

    let rt = runtime();
    let get_path = format!("/2015-03-31/functions/{FUNCTION_NAME}?Qualifier={QUALIFIER}");
    let expected_get = Seen { method: "GET".into(), path_and_query: get_path, signed: true };
    let expected_list = Seen { method: "GET".into(), path_and_query: "/2015-03-31/functions".into(), signed: true };

    // GetFunction.
    let recorder: Recorder = Some(Default::default());
    let client = ours::client_recording(get_function_body(), recorder.clone());
    let got = rt.block_on(client.get_function().function_name(FUNCTION_NAME).qualifier(QUALIFIER).send()).expect("GetFunction through ours");
    assert_eq!(*recorder.as_ref().unwrap().lock().unwrap(), [expected_get.clone()], "our GetFunction request");
    assert_eq!(got.request_id(), Some(REQUEST_ID));
    let ours_configuration = got.configuration.as_ref().expect("ours: a configuration");
    let ours_code = got.code.as_ref().expect("ours: a code location");

    let recorder: Recorder = Some(Default::default());
    let client = sdk::client_recording(get_function_body(), recorder.clone());
    let sdk_got = rt.block_on(client.get_function().function_name(FUNCTION_NAME).qualifier(QUALIFIER).send()).expect("GetFunction through the SDK");
    assert_eq!(*recorder.as_ref().unwrap().lock().unwrap(), [expected_get], "the SDK's GetFunction request");
    assert_eq!(sdk_got.request_id(), Some(REQUEST_ID));
    let sdk_configuration = sdk_got.configuration().expect("SDK: a configuration");

    assert_eq!(ours_configuration.function_name.as_deref(), Some(FUNCTION_NAME));
    assert_eq!(sdk_configuration.function_name(), Some(FUNCTION_NAME));
    assert_eq!(ours_configuration.version.as_deref(), Some(QUALIFIER));
    assert_eq!(ours_configuration.function_arn.as_deref(), sdk_configuration.function_arn());
    assert_eq!(ours_configuration.runtime.as_ref().map(|r| r.as_str()), sdk_configuration.runtime().map(|r| r.as_str()));
    assert_eq!(ours_configuration.runtime.as_ref().map(|r| r.as_str()), Some("nodejs20.x"));
    assert_eq!(ours_configuration.role.as_deref(), sdk_configuration.role());
    assert_eq!(ours_configuration.handler.as_deref(), sdk_configuration.handler());
    assert_eq!(ours_configuration.code_size, sdk_configuration.code_size());
    assert_eq!(ours_configuration.timeout, sdk_configuration.timeout());
    assert_eq!(ours_configuration.memory_size, sdk_configuration.memory_size());
    assert_eq!(ours_configuration.last_modified.as_deref(), sdk_configuration.last_modified());
    assert_eq!(ours_configuration.kms_key_arn.as_deref(), sdk_configuration.kms_key_arn());
    assert_eq!(ours_configuration.revision_id.as_deref(), sdk_configuration.revision_id());
    let ours_vars = ours_configuration.environment.as_ref().and_then(|e| e.variables.as_ref()).expect("ours: environment variables");
    let sdk_vars = sdk_configuration.environment().and_then(|e| e.variables()).expect("SDK: environment variables");
    assert_eq!(ours_vars, sdk_vars);
    assert_eq!(ours_vars.len(), 4);
    let ours_layers: Vec<_> = ours_configuration.layers.iter().flatten().map(|l| (l.arn.as_deref(), l.code_size)).collect();
    let sdk_layers: Vec<_> = sdk_configuration.layers().iter().map(|l| (l.arn(), l.code_size())).collect();
    assert_eq!(ours_layers, sdk_layers);
    assert_eq!(ours_layers.len(), 2);
    assert_eq!(ours_configuration.architectures.as_ref().map(Vec::len), Some(1));
    assert_eq!(ours_configuration.architectures.as_ref().map(|a| a[0].as_str()), sdk_configuration.architectures().first().map(|a| a.as_str()));
    assert_eq!(ours_configuration.state.as_ref().map(|s| s.as_str()), Some("Active"));
    assert_eq!(sdk_configuration.state().map(|s| s.as_str()), Some("Active"));
    assert_eq!(ours_configuration.logging_config.as_ref().and_then(|l| l.log_group.as_deref()), sdk_configuration.logging_config().and_then(|l| l.log_group()));
    assert_eq!(ours_configuration.ephemeral_storage.as_ref().map(|e| e.size), Some(512));
    assert_eq!(sdk_configuration.ephemeral_storage().map(|e| e.size()), Some(512));
    assert_eq!(ours_code.location.as_deref(), sdk_got.code().and_then(|c| c.location()));
    assert!(ours_code.location.as_deref().is_some_and(|l| l.contains("X-Amz-Signature=")));
    assert_eq!(got.tags.as_ref(), sdk_got.tags());
    assert_eq!(got.tags.as_ref().map(|t| t.len()), Some(4));

    // ListFunctions.
    for n in [1_000, 10_000] {
        let recorder: Recorder = Some(Default::default());
        let client = ours::client_recording(list_functions_body(n), recorder.clone());
        let page = rt.block_on(client.list_functions().send()).expect("ListFunctions through ours");
        assert_eq!(*recorder.as_ref().unwrap().lock().unwrap(), [expected_list.clone()], "our ListFunctions request");
        let ours_functions = page.functions.as_deref().unwrap_or_default();

        let recorder: Recorder = Some(Default::default());
        let client = sdk::client_recording(list_functions_body(n), recorder.clone());
        let sdk_page = rt.block_on(client.list_functions().send()).expect("ListFunctions through the SDK");
        assert_eq!(*recorder.as_ref().unwrap().lock().unwrap(), [expected_list.clone()], "the SDK's ListFunctions request");
        let sdk_functions = sdk_page.functions();

        assert_eq!(ours_functions.len(), n);
        assert_eq!(sdk_functions.len(), n);
        assert_eq!(page.next_marker.as_deref(), Some("orders-api-next-page-marker"));
        assert_eq!(sdk_page.next_marker(), Some("orders-api-next-page-marker"));
        for (ours, sdk) in ours_functions.iter().zip(sdk_functions) {
            assert_eq!(ours.function_name.as_deref(), sdk.function_name());
            assert_eq!(ours.function_arn.as_deref(), sdk.function_arn());
            assert_eq!(ours.last_modified.as_deref(), sdk.last_modified());
            assert_eq!(ours.code_size, sdk.code_size());
            assert_eq!(ours.environment.as_ref().and_then(|e| e.variables.as_ref()).map(|v| v.len()), Some(4));
            assert_eq!(sdk.environment().and_then(|e| e.variables()).map(|v| v.len()), Some(4));
            assert_eq!(ours.layers.as_ref().map(Vec::len), Some(sdk.layers().len()));
            assert_eq!(ours.vpc_config.as_ref().and_then(|v| v.vpc_id.as_deref()), sdk.vpc_config().and_then(|v| v.vpc_id()));
        }
        assert_eq!(ours_functions[n - 1].function_name.as_deref(), Some(format!("orders-api-{:05}", n - 1).as_str()));
    }
}

#[divan::bench]
fn get_function_ours(bencher: divan::Bencher) {
    let rt = runtime();
    let client = ours::client(get_function_body());
    bencher.bench_local(|| rt.block_on(client.get_function().function_name(FUNCTION_NAME).qualifier(QUALIFIER).send()).expect("a response"));
}

#[divan::bench]
fn get_function_sdk(bencher: divan::Bencher) {
    let rt = runtime();
    let client = sdk::client(get_function_body());
    bencher.bench_local(|| rt.block_on(client.get_function().function_name(FUNCTION_NAME).qualifier(QUALIFIER).send()).expect("a response"));
}

#[divan::bench(args = [1_000, 10_000])]
fn list_functions_ours(bencher: divan::Bencher, n: usize) {
    let rt = runtime();
    let client = ours::client(list_functions_body(n));
    bencher.bench_local(|| {
        let out = rt.block_on(client.list_functions().send()).expect("a response");
        assert_eq!(out.functions.as_ref().map_or(0, Vec::len), n);
        out
    });
}

#[divan::bench(args = [1_000, 10_000])]
fn list_functions_sdk(bencher: divan::Bencher, n: usize) {
    let rt = runtime();
    let client = sdk::client(list_functions_body(n));
    bencher.bench_local(|| {
        let out = rt.block_on(client.list_functions().send()).expect("a response");
        assert_eq!(out.functions().len(), n);
        out
    });
}
