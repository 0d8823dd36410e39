//! Regressions found by the protocol fuzz targets (`codegen/fuzz`: `server_requests` and
//! `client_responses`; see its README), each replayed through a generated server and client in
//! process: the server as a `tower::Service`, the client through a transport that answers with
//! the server's response.

use aws_protocol_tests_restjson::client::{transport_fn, Client, Config, HttpRequest, RetryConfig};
use aws_protocol_tests_restjson::error::{ErrorMetadata, Unhandled};
use aws_protocol_tests_restjson::operation::greeting_with_errors::{GreetingWithErrorsError, GreetingWithErrorsInput, GreetingWithErrorsOutput};
use aws_protocol_tests_restjson::operation::post_union_with_json_name::{PostUnionWithJsonNameError, PostUnionWithJsonNameInput, PostUnionWithJsonNameOutput};
use aws_protocol_tests_restjson::server::Server;
use aws_protocol_tests_restjson::RestJsonProtocol;
use bytes::Bytes;
use http_body_util::{BodyExt, Full};

/// Answers `PostUnionWithJsonName` with `Default` (its required union not set) and
/// `GreetingWithErrors` with an unhandled error whose code has a line break in it.
struct Careless;

impl RestJsonProtocol for Careless {
    async fn post_union_with_json_name(&self, _input: PostUnionWithJsonNameInput) -> Result<PostUnionWithJsonNameOutput, PostUnionWithJsonNameError> {
        Ok(PostUnionWithJsonNameOutput::default())
    }

    async fn greeting_with_errors(&self, _input: GreetingWithErrorsInput) -> Result<GreetingWithErrorsOutput, GreetingWithErrorsError> {
        Err(Unhandled::new(Some("Upstream\r\nFailure")).with_status(503).with_message("upstream failed").into())
    }
}

/// The server's response to `method uri` with `body`.
async fn serve(method: &str, uri: &str, body: &str) -> http::Response<Bytes> {
    let mut server = Server::new(Careless);
    let mut request = http::Request::builder().method(method).uri(uri);
    if !body.is_empty() {
        request = request.header("content-type", "application/json");
    }
    let request = request.body(Full::new(Bytes::from(body.to_string()))).unwrap();
    let response = tower_service::Service::call(&mut server, request).await.unwrap();
    let (parts, body) = response.into_parts();
    http::Response::from_parts(parts, body.collect().await.unwrap().to_bytes())
}

/// A client whose every call gets `response`.
fn client(response: http::Response<Bytes>) -> Client {
    let transport = transport_fn(move |_request: HttpRequest| {
        let response = response.clone();
        async move { Ok(response) }
    });
    let credentials = aws_protocol_tests_restjson::auth::Credentials::from_keys("AKIDEXAMPLE", "SECRET", None);
    let config = Config::builder()
        .region("us-east-1")
        .credentials(credentials)
        .endpoint_url("https://example.com")
        .retry_config(RetryConfig::disabled())
        .transport(transport)
        .build();
    Client::new(config)
}

/// `server_requests`: an output whose required union was left at its `Default` was written as
/// `{"value":{"":null}}`, which the client refused ("union has no member set"). The unset
/// union is now left out, and reads back as the same `Default`.
#[tokio::test]
async fn an_unset_required_union_is_left_out_and_reads_back() {
    let response = serve("POST", "/PostUnionWithJsonName", "{}").await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.body().as_ref(), b"{}");
    let output = RestJsonProtocol::post_union_with_json_name(&client(response), PostUnionWithJsonNameInput::default()).await.unwrap();
    assert_eq!(output, PostUnionWithJsonNameOutput::default());
}

/// `server_requests`: an unhandled error whose code cannot be a header value got a restJson1
/// response with no error type at all; it is now `InternalFailure`, with its status and message.
#[tokio::test]
async fn an_unsendable_error_code_becomes_internal_failure() {
    let response = serve("PUT", "/GreetingWithErrors", "").await;
    assert_eq!(response.status(), 503);
    assert_eq!(response.headers()["x-amzn-errortype"], "InternalFailure");
    let body: serde_json::Value = serde_json::from_slice(response.body()).unwrap();
    assert_eq!(body["message"], "upstream failed");
    let err = RestJsonProtocol::greeting_with_errors(&client(response), GreetingWithErrorsInput::default()).await.unwrap_err();
    assert_eq!(err.code(), Some("InternalFailure"));
    assert_eq!(err.http_status(), Some(503));
}
