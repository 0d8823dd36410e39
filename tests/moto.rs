//! Generated restJson1 clients against moto, a mock of AWS that nobody here wrote: Lambda and
//! EKS scenarios (create, read, list with pagination, update, a typed error, delete), with the
//! crates `cargo xtask codegen` generates from AWS's own models (`tests/moto/`).
//!
//! The test starts `python3 -m moto.server` on a free port of 127.0.0.1 (when `python3` has no
//! moto, it installs `moto[server]` into a virtual environment in `target/moto-venv` first), and
//! stops it at the end.

use std::io::{Read as _, Write as _};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A moto server on 127.0.0.1, killed when dropped.
struct Moto {
    child: Child,
    url: String,
}

impl Drop for Moto {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn has_moto(python: &str) -> bool {
    Command::new(python).args(["-c", "import moto.server, flask"]).stderr(Stdio::null()).status().is_ok_and(|s| s.success())
}

/// A Python that has moto: `python3` when it does, else one of a virtual environment in the
/// target folder, made and filled the first time (a venv also works where the system Python
/// refuses `pip install`, PEP 668).
fn python_with_moto() -> String {
    if has_moto("python3") {
        return "python3".into();
    }
    let venv = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/moto-venv");
    let python = venv.join("bin/python").display().to_string();
    if !has_moto(&python) {
        let made = Command::new("python3").arg("-m").arg("venv").arg(&venv).status();
        assert!(made.is_ok_and(|s| s.success()), "python3 -m venv failed (the moto scenarios need Python 3 with venv)");
        let installed = Command::new(&python).args(["-m", "pip", "install", "--quiet", "moto[server]"]).status();
        assert!(installed.is_ok_and(|s| s.success()), "pip install moto[server] failed");
    }
    python
}

fn start_moto() -> Moto {
    let python = python_with_moto();
    let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let child = Command::new(&python)
        .args(["-m", "moto.server", "-H", "127.0.0.1", "-p", &port.to_string()])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("moto starts");
    let moto = Moto { child, url: format!("http://127.0.0.1:{port}") };
    let started = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(started.elapsed() < Duration::from_secs(60), "moto did not start listening within 60 s");
        std::thread::sleep(Duration::from_millis(100));
    }
    moto
}

/// Creates an IAM role in moto (Lambda checks that a function's role exists). IAM speaks
/// awsQuery, which the generator has no client for: this is a plain form POST.
fn create_role(moto: &Moto, name: &str) -> String {
    let policy = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#;
    let body = format!(
        "Action=CreateRole&Version=2010-05-08&RoleName={name}&AssumeRolePolicyDocument={}",
        policy.bytes().map(|b| if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("%{b:02X}") }).collect::<String>()
    );
    let host = moto.url.trim_start_matches("http://");
    let mut stream = TcpStream::connect(host).unwrap();
    let auth = "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/iam/aws4_request, SignedHeaders=host, Signature=0";
    write!(
        stream,
        "POST / HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/x-www-form-urlencoded\r\nAuthorization: {auth}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    assert!(response.starts_with("HTTP/1.1 200"), "CreateRole failed: {response}");
    format!("arn:aws:iam::123456789012:role/{name}")
}

fn config(moto: &Moto) -> smithy_codegen_runtime_config::Config {
    smithy_codegen_runtime_config::Config::builder()
        .region("us-east-1")
        .credentials(smithy_codegen_runtime_config::Credentials::from_keys("test", "test", None))
        .endpoint_url(&moto.url)
        .build()
}

/// The runtime's shared configuration, as both generated crates re-export it.
mod smithy_codegen_runtime_config {
    pub use lambda::auth::Credentials;
    pub use lambda::Config;
}

/// A zip holding `index.py` (made with Python's `zipfile`, stored, no compression).
const FUNCTION_ZIP: &str = "UEsDBBQAAAAAAMteg120CHBpLgAAAC4AAAAIAAAAaW5kZXgucHlkZWYgaGFuZGxlcihldmVudCwgY29udGV4dCk6CiAgICByZXR1cm4gZXZlbnQKUEsBAhQDFAAAAAAAy16DXbQIcGkuAAAALgAAAAgAAAAAAAAAAAAAAIABAAAAAGluZGV4LnB5UEsFBgAAAAABAAEANgAAAFQAAAAAAA==";

async fn lambda_scenario(moto: &Moto) {
    use lambda::operation::get_function::GetFunctionError;
    use lambda::types::{FunctionCode, Runtime};
    use lambda::Lambda as _;

    let role = create_role(moto, "lambda-role");
    // One configuration for both services' clients.
    let client = lambda::Client::new(config(moto));
    let code = FunctionCode::builder().zip_file(lambda::primitives::Blob::from_base64(FUNCTION_ZIP).unwrap()).build();
    for name in ["fn-a", "fn-b", "fn-c"] {
        let created = client
            .create_function()
            .function_name(name)
            .runtime(Runtime::Python312)
            .role(&role)
            .handler("index.handler")
            .code(code.clone())
            .description("first")
            .send()
            .await
            .unwrap_or_else(|e| panic!("CreateFunction {name}: {e:?}"));
        assert_eq!(created.function_name.as_deref(), Some(name));
        assert_eq!(created.runtime, Some(Runtime::Python312));
    }

    let got = client.get_function().function_name("fn-b").send().await.unwrap();
    let configuration = got.configuration.expect("GetFunction returns the configuration");
    assert_eq!(configuration.handler.as_deref(), Some("index.handler"));
    assert_eq!(configuration.role.as_deref(), Some(role.as_str()));

    // One function per page: the paginator follows NextMarker.
    let mut names = Vec::new();
    let mut items = client.list_functions_paginator(Default::default()).page_size(1).items();
    while let Some(function) = items.next().await {
        names.push(function.unwrap().function_name.unwrap_or_default());
    }
    names.sort();
    assert_eq!(names, ["fn-a", "fn-b", "fn-c"]);

    let updated = client.update_function_configuration().function_name("fn-a").description("second").timeout(30).send().await.unwrap();
    assert_eq!(updated.description.as_deref(), Some("second"));
    let read = client.get_function_configuration().function_name("fn-a").send().await.unwrap();
    assert_eq!((read.description.as_deref(), read.timeout), (Some("second"), Some(30)));

    // A label holding an ARN (with `:`s) and a map in the body.
    let arn = read.function_arn.clone().unwrap();
    client.tag_resource().resource(&arn).tags("team", "core").send().await.unwrap();
    let tags = client.list_tags().resource(&arn).send().await.unwrap();
    assert_eq!(tags.tags.unwrap_or_default().get("team").map(String::as_str), Some("core"));

    match client.get_function().function_name("missing").send().await {
        Err(GetFunctionError::ResourceNotFoundException(e)) => assert!(e.message.as_deref().unwrap_or_default().contains("missing"), "{e:?}"),
        other => panic!("expected ResourceNotFoundException, got {other:?}"),
    }

    client.delete_function().function_name("fn-c").send().await.unwrap();
    let err = client.get_function().function_name("fn-c").send().await.unwrap_err();
    assert!(err.is_resource_not_found_exception(), "{err:?}");
    use lambda::error::{ErrorMetadata, RequestId};
    assert_eq!(err.http_status(), Some(404));
    let _ = err.request_id();
}

async fn eks_scenario(moto: &Moto) {
    use eks::operation::describe_cluster::DescribeClusterError;
    use eks::types::VpcConfigRequest;
    use eks::Eks as _;

    let client = eks::Client::new(config(moto));
    let vpc = VpcConfigRequest::builder().subnet_ids("subnet-1").subnet_ids("subnet-2").build();
    for name in ["alpha", "beta", "gamma"] {
        let created = client
            .create_cluster()
            .name(name)
            .role_arn("arn:aws:iam::123456789012:role/eks")
            .resources_vpc_config(vpc.clone())
            .send()
            .await
            .unwrap_or_else(|e| panic!("CreateCluster {name}: {e:?}"));
        assert_eq!(created.cluster.and_then(|c| c.name).as_deref(), Some(name));
    }

    let described = client.describe_cluster().name("beta").send().await.unwrap();
    let cluster = described.cluster.unwrap();
    assert_eq!(cluster.role_arn.as_deref(), Some("arn:aws:iam::123456789012:role/eks"));
    assert!(cluster.created_at.is_some(), "timestamps read from the body");

    let mut names = Vec::new();
    let mut pages = client.list_clusters_paginator(Default::default()).page_size(1).pages();
    let mut page_count = 0;
    while let Some(page) = pages.next().await {
        page_count += 1;
        names.extend(page.unwrap().clusters.unwrap_or_default());
    }
    names.sort();
    assert_eq!(names, ["alpha", "beta", "gamma"]);
    assert!(page_count >= 3, "one cluster per page, got {page_count} pages");

    let arn = cluster.arn.unwrap();
    client.tag_resource().resource_arn(&arn).tags("env", "test").send().await.unwrap();
    let tags = client.list_tags_for_resource().resource_arn(&arn).send().await.unwrap();
    assert_eq!(tags.tags.unwrap_or_default().get("env").map(String::as_str), Some("test"));

    match client.describe_cluster().name("missing").send().await {
        Err(DescribeClusterError::ResourceNotFoundException(_)) => {}
        other => panic!("expected ResourceNotFoundException, got {other:?}"),
    }

    let deleted = client.delete_cluster().name("gamma").send().await.unwrap();
    assert_eq!(deleted.cluster.and_then(|c| c.name).as_deref(), Some("gamma"));
    let err = client.describe_cluster().name("gamma").send().await.unwrap_err();
    assert!(err.is_resource_not_found_exception(), "{err:?}");
}

#[tokio::test]
async fn lambda_and_eks_clients_against_moto() {
    let moto = start_moto();
    lambda_scenario(&moto).await;
    eks_scenario(&moto).await;
}
