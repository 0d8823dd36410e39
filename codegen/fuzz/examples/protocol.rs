//! Replays and samples the protocol targets outside libFuzzer:
//!
//! ```sh
//! cargo run --release --example protocol -- server FILE...      # print each input's case, run it
//! cargo run --release --example protocol -- client FILE...
//! cargo run --release --example protocol -- server --random N   # N random inputs: findings, and
//! cargo run --release --example protocol -- client --random N   #   how the answers spread
//! ```
//!
//! `--random` counts, over inputs of random bytes, which statuses the server answered and how
//! often the handler ran (or, for the client, how often the call was `Ok`), and prints the
//! first findings with their input's hex.

use smithy_codegen_fuzz::protocol::{client, server};
use std::collections::BTreeMap;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (target, rest) = args
        .split_first()
        .expect("usage: protocol server|client FILE... | --random N");
    let server = match target.as_str() {
        "server" => true,
        "client" => false,
        other => panic!("unknown target `{other}`: server or client"),
    };
    if rest.first().map(String::as_str) == Some("--random") {
        let n: usize = rest.get(1).and_then(|n| n.parse().ok()).unwrap_or(1000);
        sample(server, n);
        return;
    }
    for path in rest {
        let data = std::fs::read(path).unwrap_or_else(|e| panic!("{path}: {e}"));
        if server {
            let case = server::Case::new(&data);
            println!(
                "{path}\n  request: {:?}\n  canned: {:?}",
                case.request, case.canned
            );
            let (answer, called) = server::serve(&case);
            println!(
                "  called: {called:?}\n  answer: {} {:?} {}",
                answer.status,
                answer.headers,
                String::from_utf8_lossy(&answer.body)
            );
            server::check(&case, &answer, called.as_ref());
        } else {
            let case = client::Case::new(&data);
            println!(
                "{path}\n  operation: {}\n  response: {:?}",
                case.op, case.response
            );
            client::run(&data);
        }
        println!("  ok");
    }
}

/// Runs `n` inputs of random bytes (a fixed xorshift sequence, so runs repeat).
fn sample(server: bool, n: usize) {
    // Quiet the default hook; findings are counted and the first few printed below.
    std::panic::set_hook(Box::new(|_| {}));
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut statuses: BTreeMap<String, usize> = BTreeMap::new();
    let mut findings = 0;
    for _ in 0..n {
        let len = (next() % 2048) as usize;
        let data: Vec<u8> = (0..len).map(|_| next() as u8).collect();
        let result = std::panic::catch_unwind(|| {
            if server {
                let case = server::Case::new(&data);
                let (answer, called) = server::serve(&case);
                let key = format!(
                    "{} {}",
                    answer.status,
                    if called.is_some() {
                        "handler"
                    } else {
                        "refused"
                    }
                );
                server::check(&case, &answer, called.as_ref());
                key
            } else {
                let case = client::Case::new(&data);
                let response = case.response.to_http();
                let outcome = client::respond(case.service, case.op, response);
                let key = format!(
                    "{} {}",
                    case.response.status / 100,
                    if outcome.ok { "ok" } else { "error" }
                );
                client::run(&data);
                key
            }
        });
        match result {
            Ok(key) => *statuses.entry(key).or_default() += 1,
            Err(panic) => {
                findings += 1;
                if findings <= 5 {
                    let message = panic
                        .downcast_ref::<String>()
                        .cloned()
                        .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                        .unwrap_or_default();
                    let hex: String = data.iter().map(|b| format!("{b:02x}")).collect();
                    println!("FINDING: {message}\n  input: {hex}\n");
                }
            }
        }
    }
    println!("{n} inputs, {findings} findings");
    for (key, count) in statuses {
        println!("  {key}: {count}");
    }
}
