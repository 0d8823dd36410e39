//! Load on loopback for a restJson1 server: Lambda's `GetFunction` (`GET
//! /2015-03-31/functions/{FunctionName}?Qualifier=...`, a label and a query parameter) served by
//! the generated Lambda server (`tests/moto/lambda`), side by side with a minimal hyper server
//! that answers every request with the same response bytes: the ceiling on this machine.
//!
//! `cargo bench -p codegen-tests --bench rest_json_load -- [--seconds N] [--rounds R]`
//!
//! Both servers take the same load from the same generator (raw HTTP/1.1 keep-alive connections
//! that send the same request again as soon as the answer is read), at 1 and at 64 connections,
//! alternating ours and the ceiling `R` times so a drift in the machine's speed hits both. Prints
//! requests per second, p50 and p99 for each run, and ours as a share of the ceiling.

use bytes::Bytes;
use http_body_util::{BodyExt, Empty, Full};
use hyper_util::rt::TokioIo;
use lambda::operation::get_function::{GetFunctionError, GetFunctionInput, GetFunctionOutput};
use lambda::types::{FunctionCodeLocation, FunctionConfiguration, Runtime};
use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

const PATH: &str = "/2015-03-31/functions/image-resizer?Qualifier=7";

struct Args {
    seconds: u64,
    rounds: usize,
}

fn args() -> Args {
    let mut args = Args { seconds: 10, rounds: 2 };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let mut value = || it.next().and_then(|v| v.parse::<u64>().ok());
        match arg.as_str() {
            "--seconds" => args.seconds = value().unwrap_or(args.seconds),
            "--rounds" => args.rounds = value().map_or(args.rounds, |r| r as usize),
            // `cargo bench` passes `--bench`.
            _ => {}
        }
    }
    args
}

/// The generated trait, implemented as a real service would answer: the function's
/// configuration, its code location and its tags.
struct Functions;

impl lambda::Lambda for Functions {
    async fn get_function(&self, input: GetFunctionInput) -> Result<GetFunctionOutput, GetFunctionError> {
        let name = input.function_name.unwrap_or_default();
        let version = input.qualifier.unwrap_or_else(|| "$LATEST".into());
        let arn = format!("arn:aws:lambda:us-east-1:111122223333:function:{name}:{version}");
        let configuration = FunctionConfiguration::builder()
            .function_name(name.clone())
            .function_arn(arn)
            .runtime(Runtime::Python312)
            .role("arn:aws:iam::111122223333:role/lambda-exec")
            .handler("app.handler")
            .code_size(5_242_880)
            .description("Resizes uploaded images")
            .timeout(30)
            .memory_size(512)
            .last_modified("2026-11-30T08:15:00.000+0000")
            .version(version)
            .revision_id("b8d2e3f4-5a6b-4c7d-8e9f-0a1b2c3d4e5f")
            .build();
        let code = FunctionCodeLocation::builder()
            .repository_type("S3")
            .location(format!("https://awslambda-us-east-1-tasks.s3.us-east-1.amazonaws.com/snapshots/111122223333/{name}"))
            .build();
        Ok(GetFunctionOutput::builder().configuration(configuration).code(code).tags("team", "media").tags("stage", "prod").build())
    }
}

/// The ceiling: hyper's HTTP/1.1 server answering every request with `response`.
async fn serve_fixed(listener: tokio::net::TcpListener, response: Arc<(http::response::Parts, Bytes)>) {
    loop {
        let Ok((stream, _)) = listener.accept().await else { continue };
        let _ = stream.set_nodelay(true);
        let response = Arc::clone(&response);
        tokio::spawn(async move {
            let service = hyper::service::service_fn(move |_request: http::Request<hyper::body::Incoming>| {
                let (parts, body) = &*response;
                let mut answer = http::Response::new(Full::new(body.clone()));
                *answer.status_mut() = parts.status;
                *answer.headers_mut() = parts.headers.clone();
                async move { Ok::<_, std::convert::Infallible>(answer) }
            });
            let _ = hyper::server::conn::http1::Builder::new().serve_connection(TokioIo::new(stream), service).await;
        });
    }
}

fn request(addr: SocketAddr) -> http::Request<Empty<Bytes>> {
    http::Request::get(PATH)
        .header("host", addr.to_string())
        .header("user-agent", "load-generator")
        .header("x-amz-date", "20261203T120000Z")
        .header(
            "authorization",
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261203/us-east-1/lambda/aws4_request, \
             SignedHeaders=host;x-amz-date, Signature=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        )
        .body(Empty::new())
        .expect("a valid request")
}

/// One keep-alive connection's answers, read whole.
async fn connect(addr: SocketAddr) -> hyper::client::conn::http1::SendRequest<Empty<Bytes>> {
    let stream = tokio::net::TcpStream::connect(addr).await.expect("the server listens");
    let _ = stream.set_nodelay(true);
    let (sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream)).await.expect("a handshake");
    tokio::spawn(connection);
    sender
}

/// A finished run: latencies of the answered requests, the failures, and how long it took.
struct Run {
    latencies: Vec<Duration>,
    errors: u64,
    elapsed: Duration,
}

impl Run {
    fn rps(&self) -> f64 {
        self.latencies.len() as f64 / self.elapsed.as_secs_f64()
    }

    fn percentile(&self, p: f64) -> Duration {
        let i = ((self.latencies.len() as f64 * p).ceil() as usize).clamp(1, self.latencies.len().max(1)) - 1;
        self.latencies.get(i).copied().unwrap_or_default()
    }
}

async fn load(addr: SocketAddr, connections: usize, seconds: u64) -> Run {
    let stop = Arc::new(AtomicBool::new(false));
    let start = Instant::now();
    let workers: Vec<_> = (0..connections)
        .map(|_| {
            let stop = Arc::clone(&stop);
            tokio::spawn(async move {
                let mut sender = connect(addr).await;
                let (mut latencies, mut errors) = (Vec::with_capacity(1 << 16), 0u64);
                while !stop.load(Ordering::Relaxed) {
                    let t = Instant::now();
                    let answered = async {
                        sender.ready().await.ok()?;
                        let response = sender.send_request(request(addr)).await.ok()?;
                        let ok = response.status() == http::StatusCode::OK;
                        let body = response.into_body().collect().await.ok()?.to_bytes();
                        (ok && !body.is_empty()).then_some(())
                    };
                    match answered.await {
                        Some(()) => latencies.push(t.elapsed()),
                        None => {
                            errors += 1;
                            sender = connect(addr).await;
                        }
                    }
                }
                (latencies, errors)
            })
        })
        .collect();
    tokio::time::sleep(Duration::from_secs(seconds)).await;
    stop.store(true, Ordering::Relaxed);
    let mut run = Run { latencies: Vec::new(), errors: 0, elapsed: Duration::ZERO };
    for worker in workers {
        let (latencies, errors) = worker.await.expect("a worker finishes");
        run.latencies.extend(latencies);
        run.errors += errors;
    }
    run.elapsed = start.elapsed();
    run.latencies.sort_unstable();
    run
}

fn report(name: &str, connections: usize, run: &Run) {
    println!(
        "{name:<9} {connections:>2} connections: {:>8.0} req/s  p50 {:>9.1?}  p99 {:>9.1?}  ({} requests, {} errors)",
        run.rps(),
        run.percentile(0.50),
        run.percentile(0.99),
        run.latencies.len(),
        run.errors
    );
}

fn main() {
    let args = args();
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("a runtime");
    rt.block_on(async {
        let ours = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("a port");
        let ours_addr = ours.local_addr().expect("an address");
        tokio::spawn(lambda::server::Server::new(Functions).serve(ours, std::future::pending()));

        // The ceiling answers with the bytes ours answers with.
        let mut sender = connect(ours_addr).await;
        let response = sender.send_request(request(ours_addr)).await.expect("ours answers");
        let (parts, body) = response.into_parts();
        let body = body.collect().await.expect("a body").to_bytes();
        assert_eq!(parts.status, http::StatusCode::OK, "ours answers GetFunction: {}", String::from_utf8_lossy(&body));
        println!("response: {} bytes of JSON, {} headers", body.len(), parts.headers.len());
        let ceiling = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("a port");
        let ceiling_addr = ceiling.local_addr().expect("an address");
        tokio::spawn(serve_fixed(ceiling, Arc::new((parts, body))));

        for connections in [1, 64] {
            let mut shares = Vec::new();
            for _ in 0..args.rounds {
                let a = load(ours_addr, connections, args.seconds).await;
                report("generated", connections, &a);
                let b = load(ceiling_addr, connections, args.seconds).await;
                report("hyper", connections, &b);
                shares.push(100.0 * a.rps() / b.rps());
            }
            let shares: Vec<String> = shares.iter().map(|s| format!("{s:.0}%")).collect();
            println!("{connections} connections: generated server at {} of the ceiling's requests per second", shares.join(", "));
        }
    });
}
