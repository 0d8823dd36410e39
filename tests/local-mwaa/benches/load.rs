//! Load on loopback: the generated client calling `GetWorkflowRun` on the local MWAA Serverless
//! served by the generated server, both in this process.
//!
//! `cargo bench -p mwaa-serverless-local --bench load -- [--seconds N] [--concurrency C] [--report-every S]`
//!
//! Prints requests per second and latency percentiles (p50, p99 to 10 µs, max); with `--report-every`,
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
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
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

/// Latencies in 10 µs buckets up to 1 s (the last bucket holds anything slower), allocated once
/// and shared by the workers, so the measurement itself does not grow the process's memory.
struct Histogram {
    buckets: Vec<AtomicU64>,
    max: AtomicU64,
}

const BUCKET_US: u64 = 10;
const BUCKETS: usize = 100_000;

impl Histogram {
    fn new() -> Self {
        Histogram { buckets: (0..BUCKETS).map(|_| AtomicU64::new(0)).collect(), max: AtomicU64::new(0) }
    }

    fn record(&self, latency: Duration) {
        let us = latency.as_micros() as u64;
        let i = ((us / BUCKET_US) as usize).min(BUCKETS - 1);
        self.buckets[i].fetch_add(1, Ordering::Relaxed);
        self.max.fetch_max(us, Ordering::Relaxed);
    }

    fn count(&self) -> u64 {
        self.buckets.iter().map(|b| b.load(Ordering::Relaxed)).sum()
    }

    /// The upper edge of the bucket holding the `p` quantile.
    fn percentile(&self, p: f64) -> Duration {
        let target = ((self.count() as f64) * p).ceil().max(1.0) as u64;
        let mut seen = 0;
        for (i, b) in self.buckets.iter().enumerate() {
            seen += b.load(Ordering::Relaxed);
            if seen >= target {
                return Duration::from_micros((i as u64 + 1) * BUCKET_US);
            }
        }
        Duration::from_micros(self.max.load(Ordering::Relaxed))
    }

    fn reset(&self) {
        self.buckets.iter().for_each(|b| b.store(0, Ordering::Relaxed));
        self.max.store(0, Ordering::Relaxed);
    }
}

fn main() {
    let args = args();
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
    rt.block_on(async {
        let (addr, _server) = spawn_with(LocalMwaa::new());
        let client = Client::new(
            Config::builder()
                .region("us-east-1")
                .credentials(Credentials::from_keys("AKIDLOCAL", "local-secret", None))
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

        let histogram = Arc::new(Histogram::new());
        for &concurrency in &args.concurrency {
            histogram.reset();
            let stop = Arc::new(AtomicBool::new(false));
            let start = Instant::now();
            let workers: Vec<_> = (0..concurrency)
                .map(|_| {
                    let (client, input, stop, histogram) = (client.clone(), input.clone(), stop.clone(), histogram.clone());
                    tokio::spawn(async move {
                        let mut errors = 0u64;
                        while !stop.load(Ordering::Relaxed) {
                            let t = Instant::now();
                            match MwaaServerless::get_workflow_run(&client, input.clone()).await {
                                Ok(_) => histogram.record(t.elapsed()),
                                Err(_) => errors += 1,
                            }
                        }
                        errors
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
            let mut errors = 0;
            for w in workers {
                errors += w.await.unwrap();
            }
            let count = histogram.count();
            println!(
                "concurrency {concurrency}: {count} requests in {:.1} s = {:.0} req/s; p50 {:?}, p99 {:?}, max {:?}; {errors} errors; RSS at end {:?} KiB",
                elapsed.as_secs_f64(),
                count as f64 / elapsed.as_secs_f64(),
                histogram.percentile(0.50),
                histogram.percentile(0.99),
                Duration::from_micros(histogram.max.load(Ordering::Relaxed)),
                rss_kib(),
            );
        }
    });
}
