//! `mwaa-serverless-local`: a local MWAA Serverless endpoint.
//!
//! Serves a [`LocalMwaa`] over HTTP (awsJson1.0) with the generated crate's server, so the AWS
//! CLI, an AWS SDK or the generated client can talk to it. Run
//! `mwaa-serverless-local --help` for the options.

use std::net::{IpAddr, SocketAddr};
use std::process::ExitCode;
use std::time::Duration;

use mwaa_serverless::server::Server;
use mwaa_serverless_local::{Clock, LocalMwaa, Options, Progression, RunOutcome, Timing};

const HELP: &str = "\
mwaa-serverless-local: an in-memory Amazon MWAA Serverless endpoint for tests and local work

USAGE:
    mwaa-serverless-local [OPTIONS]

OPTIONS:
    --host <ADDR>            Address to listen on [default: 127.0.0.1]
    --port <PORT>            Port to listen on; 0 picks a free one [default: 4566]
    --region <REGION>        Region in ARNs [default: us-east-1]
    --account-id <ID>        Twelve-digit account id in ARNs [default: 111122223333]
    --page-size <N>          Page size when a request has no MaxResults, 1-100 [default: 20]
    --progress <MODE>        What moves workflow runs forward [default: real-time]
                               real-time: the clock, as on the real service; reads change
                                          nothing (see --state-ms, --task-ms)
                               on-read:   every Get*/List* request advances runs one step
                               manual:    nothing (combine with --tick-ms)
    --state-ms <MS>          real-time: how long a run stays STARTING, QUEUED and STOPPING
                             [default: 2000, 3000, 3000], and each task attempt unless
                             --task-ms says otherwise
    --task-ms <MS>           real-time: how long each task attempt runs [default: 5000]
    --tick-ms <MS>           Also advance runs one step every MS milliseconds
    --outcome <OUTCOME>      How runs end unless told otherwise: SUCCESS, FAILED or TIMEOUT
                             [default: SUCCESS]; a run's OverrideParameters key
                             mwaa_local_outcome overrides it
    --simulated-clock        Use a deterministic clock starting 2026-01-01T00:00:00Z
                             (1 s per change, 30 s per step) instead of the system clock
    --seed <N>               Seed for generated ids [default: fixed]
    --body-limit <BYTES>     Largest request body accepted [default: 10485760]
    --header-timeout-ms <MS> Time allowed to send request headers [default: 30000]
    -h, --help               Print this help

Point the AWS CLI at it with dummy credentials:
    AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_REGION=us-east-1 \\
        aws --endpoint-url http://127.0.0.1:4566 mwaa-serverless list-workflows
";

/// The parsed command line.
struct Args {
    host: IpAddr,
    port: u16,
    options: Options,
    tick: Option<Duration>,
    body_limit: usize,
    header_timeout: Duration,
}

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Option<Args>, String> {
    let mut progress = "real-time".to_owned();
    let (mut state_ms, mut task_ms) = (None, None);
    let mut parsed = Args {
        host: IpAddr::from([127, 0, 0, 1]),
        port: 4566,
        options: Options::real_time(),
        tick: None,
        body_limit: mwaa_serverless::server::DEFAULT_BODY_LIMIT,
        header_timeout: mwaa_serverless::server::DEFAULT_HEADER_READ_TIMEOUT,
    };
    while let Some(arg) = args.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((flag, value)) if flag.starts_with("--") => {
                (flag.to_owned(), Some(value.to_owned()))
            }
            _ => (arg.clone(), None),
        };
        let mut value = |name: &str| {
            inline
                .clone()
                .or_else(|| args.next())
                .ok_or_else(|| format!("{name} needs a value"))
        };
        fn number<T: std::str::FromStr>(flag: &str, text: String) -> Result<T, String> {
            text.parse()
                .map_err(|_| format!("{flag}: {text:?} is not a valid number"))
        }
        match flag.as_str() {
            "-h" | "--help" => return Ok(None),
            "--host" => {
                let text = value("--host")?;
                parsed.host = text
                    .parse()
                    .map_err(|_| format!("--host: {text:?} is not an IP address"))?;
            }
            "--port" => parsed.port = number("--port", value("--port")?)?,
            "--region" => parsed.options.region = value("--region")?,
            "--account-id" => parsed.options.account_id = value("--account-id")?,
            "--page-size" => {
                parsed.options.default_page_size = number("--page-size", value("--page-size")?)?
            }
            "--progress" => progress = value("--progress")?,
            "--state-ms" => state_ms = Some(number("--state-ms", value("--state-ms")?)?),
            "--task-ms" => task_ms = Some(number("--task-ms", value("--task-ms")?)?),
            "--tick-ms" => {
                let ms: u64 = number("--tick-ms", value("--tick-ms")?)?;
                if ms == 0 {
                    return Err("--tick-ms must be at least 1".to_owned());
                }
                parsed.tick = Some(Duration::from_millis(ms));
            }
            "--outcome" => {
                let text = value("--outcome")?;
                parsed.options.default_outcome = RunOutcome::parse(&text).ok_or_else(|| {
                    format!("--outcome: {text:?} is not SUCCESS, FAILED or TIMEOUT")
                })?;
            }
            "--simulated-clock" => parsed.options.clock = Clock::default(),
            "--seed" => parsed.options.seed = number("--seed", value("--seed")?)?,
            "--body-limit" => parsed.body_limit = number("--body-limit", value("--body-limit")?)?,
            "--header-timeout-ms" => {
                let ms: u64 = number("--header-timeout-ms", value("--header-timeout-ms")?)?;
                parsed.header_timeout = Duration::from_millis(ms);
            }
            other => return Err(format!("unknown argument {other:?} (try --help)")),
        }
    }
    let mut timing = state_ms.map_or_else(Timing::default, |ms| {
        Timing::uniform(Duration::from_millis(ms))
    });
    if let Some(ms) = task_ms {
        timing.task = Duration::from_millis(ms);
    }
    parsed.options.progression = match progress.as_str() {
        "real-time" => Progression::RealTime(timing),
        "on-read" => Progression::OnRead,
        "manual" => Progression::Manual,
        other => return Err(format!("--progress: unknown mode {other:?}")),
    };
    Ok(Some(parsed))
}

/// Resolves when the process is asked to stop: Ctrl-C, or SIGTERM on Unix.
async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(err) = tokio::signal::ctrl_c().await {
            eprintln!("mwaa-serverless-local: cannot listen for Ctrl-C: {err}");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {}
        () = terminate => {}
    }
    eprintln!("mwaa-serverless-local: shutting down");
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = match parse_args(std::env::args().skip(1)) {
        Ok(Some(args)) => args,
        Ok(None) => {
            print!("{HELP}");
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("mwaa-serverless-local: {message}");
            return ExitCode::from(2);
        }
    };
    let service = match LocalMwaa::with_options(args.options.clone()) {
        Ok(service) => service,
        Err(err) => {
            eprintln!("mwaa-serverless-local: {err}");
            return ExitCode::from(2);
        }
    };
    let listener = match tokio::net::TcpListener::bind(SocketAddr::new(args.host, args.port)).await
    {
        Ok(listener) => listener,
        Err(err) => {
            eprintln!(
                "mwaa-serverless-local: cannot listen on {}:{}: {err}",
                args.host, args.port
            );
            return ExitCode::FAILURE;
        }
    };
    let addr = listener
        .local_addr()
        .unwrap_or_else(|_| SocketAddr::new(args.host, args.port));
    if let Some(period) = args.tick {
        let ticking = service.clone();
        tokio::spawn(async move {
            let mut interval = tokio::time::interval(period);
            interval.tick().await;
            loop {
                interval.tick().await;
                ticking.advance();
            }
        });
    }
    let server = Server::builder(service)
        .body_limit(args.body_limit)
        .header_read_timeout(args.header_timeout)
        .build();
    eprintln!(
        "mwaa-serverless-local: listening on http://{addr} (region {}, account {}, progress {:?}{})",
        args.options.region,
        args.options.account_id,
        args.options.progression,
        args.tick
            .map(|t| format!(", tick every {} ms", t.as_millis()))
            .unwrap_or_default(),
    );
    match server.serve(listener, shutdown_signal()).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("mwaa-serverless-local: server error: {err}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Option<Args>, String> {
        parse_args(args.iter().map(|s| s.to_string()))
    }

    #[test]
    fn defaults_and_flags() {
        let args = parse(&[]).unwrap().unwrap();
        assert_eq!(args.port, 4566);
        assert_eq!(args.host, IpAddr::from([127, 0, 0, 1]));
        // Real time on the system clock, as the service behaves (tests/runs.rs runs it).
        assert_eq!(args.options, Options::real_time());
        assert_eq!(args.options.clock, Clock::System);

        let args = parse(&["--task-ms", "20", "--state-ms=10"])
            .unwrap()
            .unwrap();
        let mut expected = Timing::uniform(Duration::from_millis(10));
        expected.task = Duration::from_millis(20);
        assert_eq!(args.options.progression, Progression::RealTime(expected));
        let args = parse(&["--progress", "on-read"]).unwrap().unwrap();
        assert_eq!(args.options.progression, Progression::OnRead);

        let args = parse(&[
            "--port",
            "0",
            "--host=0.0.0.0",
            "--region",
            "eu-west-1",
            "--progress",
            "manual",
            "--tick-ms",
            "250",
            "--outcome",
            "failed",
            "--simulated-clock",
            "--page-size",
            "5",
        ])
        .unwrap()
        .unwrap();
        assert_eq!(args.port, 0);
        assert_eq!(args.host, IpAddr::from([0, 0, 0, 0]));
        assert_eq!(args.options.region, "eu-west-1");
        assert_eq!(args.options.progression, Progression::Manual);
        assert_eq!(args.tick, Some(Duration::from_millis(250)));
        assert_eq!(args.options.default_outcome, RunOutcome::Failed);
        assert_eq!(args.options.clock, Clock::default());
        assert_eq!(args.options.default_page_size, 5);

        assert!(parse(&["--help"]).unwrap().is_none());
        assert!(parse(&["--port"]).is_err());
        assert!(parse(&["--port", "x"]).is_err());
        assert!(parse(&["--bogus"]).is_err());
        assert!(parse(&["--progress", "sometimes"]).is_err());
    }
}
