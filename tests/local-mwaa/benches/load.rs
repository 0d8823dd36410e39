//! Load on loopback: the generated client calling `GetWorkflowRun` on the local MWAA Serverless
//! served by the generated server, both in this process.
//!
//! `cargo bench -p mwaa-serverless-local --bench load -- [--seconds N] [--concurrency C] [--report-every S]`
//!
//! Prints requests per second and latency percentiles (p50, p99, max); with `--report-every`,
//! also the process's resident memory at each interval, to show it stays flat over a soak
//! (`--seconds 300 --report-every 30`). Concurrency 1 is the round trip of one caller.

use mwaa_serverless::auth::Credentials;
use mwaa_serverless::client::RetryConfig;
use mwaa_serverless::operation::create_workflow::CreateWorkflowInput;
use mwaa_serverless::operation::get_workflow_run::GetWorkflowRunInput;
use mwaa_serverless::operation::start_workflow_run::StartWorkflowRunInput;
use mwaa_serverless::types::DefinitionS3Location;
use mwaa_serverless::{Client, Config, MwaaServerless};
use mwaa_serverless_local::{spawn_with, LocalMwaa};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

struct Args {
    seconds: u64,
    concurrency: Vec<usize>,
    report_every: Option<u64>,
}

fn args() -> Args {
    let mut args = Args { seconds: 10, concurrency: vec![1, 64], report_every: None };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let mut value = || it.next().and_then(|v| v.parse::<u64>().ok());
        match arg.as_str() {
            "--seconds" => args.seconds = value().unwrap_or(args.seconds),
            "--concurrency" => args.concurrency = value().map(|c| vec![c as usize]).unwrap_or(args.concurrency),
            "--report-every" => args.report_every = value(),
            // `cargo bench` passes `--bench`.
            _ => {}
        }
    }
    args
}

fn rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let i = ((sorted.len() as f64 * p).ceil() as usize).clamp(1, sorted.len()) - 1;
    sorted[i]
}

fn main() {
    let args = args();
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
    rt.block_on(async {
        let (addr, _server) = spawn_with(LocalMwaa::new());
        let client = Client::new(
            Config::builder()
                .region("us-east-1")
                .credentials(Credentials::new("AKIDLOCAL", "local-secret", None))
                .endpoint_url(format!("http://{addr}"))
                .retry_config(RetryConfig::disabled())
                .build(),
        );
        let s3 = DefinitionS3Location::builder().bucket("dags").object_key("etl.yaml").build().unwrap();
        let created = MwaaServerless::create_workflow(
            &client,
            CreateWorkflowInput::builder().name("etl").definition_s3_location(s3).role_arn("arn:aws:iam::111122223333:role/etl").build().unwrap(),
        )
        .await
        .unwrap();
        let run = MwaaServerless::start_workflow_run(&client, StartWorkflowRunInput::builder().workflow_arn(&created.workflow_arn).build().unwrap())
            .await
            .unwrap();
        let input = GetWorkflowRunInput::builder().workflow_arn(&created.workflow_arn).set_run_id(run.run_id).build().unwrap();

        for &concurrency in &args.concurrency {
            let stop = Arc::new(AtomicBool::new(false));
            let start = Instant::now();
            let workers: Vec<_> = (0..concurrency)
                .map(|_| {
                    let (client, input, stop) = (client.clone(), input.clone(), stop.clone());
                    tokio::spawn(async move {
                        let mut latencies = Vec::with_capacity(100_000);
                        let mut errors = 0u64;
                        while !stop.load(Ordering::Relaxed) {
                            let t = Instant::now();
                            match MwaaServerless::get_workflow_run(&client, input.clone()).await {
                                Ok(_) => latencies.push(t.elapsed()),
                                Err(_) => errors += 1,
                            }
                        }
                        (latencies, errors)
                    })
                })
                .collect();
            let total = Duration::from_secs(args.seconds);
            let every = args.report_every.map(Duration::from_secs).unwrap_or(total);
            let mut next = every;
            println!("concurrency {concurrency}: running {} s; RSS at start {:?} KiB", args.seconds, rss_kib());
            while start.elapsed() < total {
                tokio::time::sleep(Duration::from_millis(100)).await;
                if args.report_every.is_some() && start.elapsed() >= next {
                    println!("  t={:>4} s  RSS {:?} KiB", next.as_secs(), rss_kib());
                    next += every;
                }
            }
            stop.store(true, Ordering::Relaxed);
            let elapsed = start.elapsed();
            let mut all = Vec::new();
            let mut errors = 0;
            for w in workers {
                let (l, e) = w.await.unwrap();
                all.extend(l);
                errors += e;
            }
            all.sort_unstable();
            println!(
                "concurrency {concurrency}: {} requests in {:.1} s = {:.0} req/s; p50 {:?}, p99 {:?}, max {:?}; {errors} errors; RSS at end {:?} KiB",
                all.len(),
                elapsed.as_secs_f64(),
                all.len() as f64 / elapsed.as_secs_f64(),
                percentile(&all, 0.50),
                percentile(&all, 0.99),
                all.last().copied().unwrap_or_default(),
                rss_kib(),
            );
        }
    });
}
