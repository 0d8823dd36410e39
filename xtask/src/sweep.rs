//! `cargo xtask sweep`: run the generator over a directory of Smithy JSON AST models (by
//! default the AWS models in `../shared/aws-models`), time it, catch errors and panics, then
//! `cargo check` every generated crate with warnings denied, and report the lot as a table.
//!
//! The crates go into one scratch workspace (`<out>/Cargo.toml`) with this workspace's
//! `Cargo.lock`, checked in a target directory of their own, so dependencies resolve to the
//! same versions and build once. A model that fails at any step never stops the sweep.

use serde_json::Value;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

pub const USAGE: &str = "\
  sweep [--models DIR] [--filter GLOB]... [--no-check] [--jobs N] [--timeout SECS]
        [--all-features] [--target-dir DIR] [--out DIR]
      Generate a crate for every model in DIR (default ../shared/aws-models), catching
      errors and panics, then `cargo check` each with RUSTFLAGS=\"-D warnings\" in one scratch
      workspace (default out: target/sweep/crates, target dir: target/sweep/target). GLOB
      matches file names with `*` and `?` (repeatable or comma-separated). Prints a table,
      writes it to <out>/../report.md, ends with `N passed, N failed`, fails if any failed.
";

struct Options {
    models: PathBuf,
    filters: Vec<String>,
    check: bool,
    jobs: usize,
    timeout: Option<Duration>,
    all_features: bool,
    target_dir: PathBuf,
    out: PathBuf,
}

/// What happened to one model.
#[derive(Clone, PartialEq, Eq)]
enum Outcome {
    /// Generated (and checked, unless `--no-check`).
    Ok,
    GenError,
    Panic,
    CheckFailed,
    Timeout,
}

impl Outcome {
    fn label(&self) -> &'static str {
        match self {
            Outcome::Ok => "ok",
            Outcome::GenError => "gen error",
            Outcome::Panic => "PANIC",
            Outcome::CheckFailed => "check failed",
            Outcome::Timeout => "timeout",
        }
    }
}

struct Row {
    stem: String,
    package: String,
    protocol: String,
    shapes: usize,
    operations: usize,
    files: usize,
    generate: Option<Duration>,
    check: Option<Duration>,
    outcome: Outcome,
    /// The first error, on one line.
    error: String,
}

pub fn run(args: &[String]) -> Result<(), String> {
    if args.iter().any(|a| matches!(a.as_str(), "-h" | "--help")) {
        print!("usage: cargo xtask sweep [options]\n\n{USAGE}");
        return Ok(());
    }
    let opts = parse_args(args)?;
    let models = list_models(&opts.models, &opts.filters)?;
    if models.is_empty() {
        return Err(format!("no models in `{}` match the filter", opts.models.display()));
    }
    fs::create_dir_all(&opts.out).map_err(|e| format!("cannot create `{}`: {e}", opts.out.display()))?;

    eprintln!("sweep: generating {} models into {}", models.len(), opts.out.display());
    let started = Instant::now();
    let mut rows = Vec::with_capacity(models.len());
    for (i, path) in models.iter().enumerate() {
        let row = generate_one(path, &opts.out);
        eprintln!(
            "[{:>3}/{}] generate {:<40} {:>9} {}",
            i + 1,
            models.len(),
            row.stem,
            row.generate.map(fmt_ms).unwrap_or_default(),
            if row.outcome == Outcome::Ok { String::new() } else { format!("{}: {}", row.outcome.label(), row.error) }
        );
        rows.push(row);
    }
    let generate_wall = started.elapsed();

    if opts.check {
        check_all(&opts, &mut rows)?;
    }

    let table = render_table(&rows, &opts);
    print!("{table}");
    let summary = render_summary(&rows, generate_wall);
    print!("{summary}");

    let report = opts.out.parent().map(|p| p.join("report.md")).unwrap_or_else(|| PathBuf::from("report.md"));
    fs::write(&report, render_markdown(&rows, &opts, &summary))
        .map_err(|e| format!("cannot write `{}`: {e}", report.display()))?;
    eprintln!("sweep: report written to {}", report.display());

    let failed = rows.iter().filter(|r| r.outcome != Outcome::Ok).count();
    let passed = rows.len() - failed;
    println!("{passed} passed, {failed} failed");
    if failed > 0 {
        Err(format!("{failed} of {} models failed", rows.len()))
    } else {
        Ok(())
    }
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask has a parent").to_path_buf()
}

fn parse_args(args: &[String]) -> Result<Options, String> {
    let root = workspace_root();
    let mut opts = Options {
        models: root.join("../shared/aws-models"),
        filters: Vec::new(),
        check: true,
        jobs: 1,
        timeout: None,
        all_features: false,
        target_dir: root.join("target/sweep/target"),
        out: root.join("target/sweep/crates"),
    };
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        // Accept both `--flag VALUE` and `--flag=VALUE`.
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f, Some(v.to_string())),
            _ => (arg.as_str(), None),
        };
        let mut value = || inline.clone().or_else(|| it.next().cloned()).ok_or_else(|| format!("{flag} needs a value"));
        match flag {
            "--models" => opts.models = PathBuf::from(value()?),
            "--filter" => {
                opts.filters.extend(value()?.split(',').map(str::trim).filter(|s| !s.is_empty()).map(String::from))
            }
            "--no-check" => opts.check = false,
            "--all-features" => opts.all_features = true,
            "--jobs" | "-j" => {
                let v = value()?;
                opts.jobs = v.parse().ok().filter(|&n| n > 0).ok_or(format!("--jobs: bad number `{v}`"))?;
            }
            "--timeout" => {
                let v = value()?;
                let secs: u64 = v.parse().map_err(|_| format!("--timeout: bad number of seconds `{v}`"))?;
                opts.timeout = Some(Duration::from_secs(secs));
            }
            "--target-dir" => opts.target_dir = PathBuf::from(value()?),
            "--out" => opts.out = PathBuf::from(value()?),
            other => return Err(format!("unknown argument `{other}` for sweep")),
        }
    }
    // Cargo runs in `out`, so relative paths must not depend on that.
    let cwd = std::env::current_dir().map_err(|e| e.to_string())?;
    for p in [&mut opts.models, &mut opts.target_dir, &mut opts.out] {
        if p.is_relative() {
            *p = cwd.join(&*p);
        }
    }
    Ok(opts)
}

/// `*.json` files in `dir` whose names match any filter (all when there is none), sorted.
fn list_models(dir: &Path, filters: &[String]) -> Result<Vec<PathBuf>, String> {
    let entries = fs::read_dir(dir).map_err(|e| format!("cannot read `{}`: {e}", dir.display()))?;
    let mut models = Vec::new();
    for entry in entries {
        let path = entry.map_err(|e| e.to_string())?.path();
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else { continue };
        if !name.ends_with(".json") || !path.is_file() {
            continue;
        }
        if filters.is_empty() || filters.iter().any(|f| glob_match(f, name) || glob_match(f, stem_of(&path))) {
            models.push(path);
        }
    }
    models.sort();
    Ok(models)
}

/// `*` matches any run of characters, `?` any one character; everything else itself.
fn glob_match(pattern: &str, text: &str) -> bool {
    let (p, t): (Vec<char>, Vec<char>) = (pattern.chars().collect(), text.chars().collect());
    let (mut pi, mut ti) = (0, 0);
    let mut backtrack: Option<(usize, usize)> = None; // (index after `*`, text index it covers up to)
    while ti < t.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == t[ti]) {
            pi += 1;
            ti += 1;
        } else if pi < p.len() && p[pi] == '*' {
            backtrack = Some((pi + 1, ti));
            pi += 1;
        } else if let Some((bp, bt)) = backtrack {
            pi = bp;
            ti = bt + 1;
            backtrack = Some((bp, bt + 1));
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|&c| c == '*')
}

fn stem_of(path: &Path) -> &str {
    path.file_stem().and_then(|s| s.to_str()).unwrap_or("model")
}

/// A package name cargo accepts, unique per model.
fn package_name(stem: &str) -> String {
    let cleaned: String = stem
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c.to_ascii_lowercase() } else { '-' })
        .collect();
    format!("sweep-{cleaned}")
}

/// Protocol, shape count and operation count, read straight from the JSON.
fn model_facts(text: &str) -> (String, usize, usize) {
    let Ok(json) = serde_json::from_str::<Value>(text) else { return ("?".into(), 0, 0) };
    let Some(shapes) = json.get("shapes").and_then(Value::as_object) else { return ("?".into(), 0, 0) };
    let operations = shapes.values().filter(|s| s.get("type").and_then(Value::as_str) == Some("operation")).count();
    let mut protocols = Vec::new();
    for shape in shapes.values().filter(|s| s.get("type").and_then(Value::as_str) == Some("service")) {
        if let Some(traits) = shape.get("traits").and_then(Value::as_object) {
            for id in traits.keys() {
                // `awsQueryCompatible` modifies a JSON protocol; it is not one itself.
                if let Some(name) = id.strip_prefix("aws.protocols#") {
                    if name != "awsQueryCompatible" && !protocols.iter().any(|p| p == name) {
                        protocols.push(name.to_string());
                    }
                }
            }
        }
    }
    let protocol = if protocols.is_empty() { "-".to_string() } else { protocols.join("+") };
    (protocol, shapes.len(), operations)
}

/// The message and place of the first panic while [`catch_panic`] runs, recorded by its hook.
static FIRST_PANIC: Mutex<Option<String>> = Mutex::new(None);

/// Runs `f`, turning a panic into `Err("message at file:line")` instead of the default report
/// on stderr. The first panic is the one kept: a panic in a worker thread the generator
/// spawns reaches here as a second, less telling one ("a scoped thread panicked").
fn catch_panic<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    *FIRST_PANIC.lock().unwrap_or_else(|e| e.into_inner()) = None;
    let previous_hook = panic::take_hook();
    panic::set_hook(Box::new(|info| {
        let message = if let Some(s) = info.payload().downcast_ref::<&str>() {
            (*s).to_string()
        } else if let Some(s) = info.payload().downcast_ref::<String>() {
            s.clone()
        } else {
            "non-string panic payload".to_string()
        };
        let place = info.location().map(|l| format!(" at {}:{}", l.file(), l.line())).unwrap_or_default();
        FIRST_PANIC.lock().unwrap_or_else(|e| e.into_inner()).get_or_insert(format!("{message}{place}"));
    }));
    let result = panic::catch_unwind(AssertUnwindSafe(f));
    panic::set_hook(previous_hook);
    result.map_err(|_| {
        FIRST_PANIC.lock().unwrap_or_else(|e| e.into_inner()).take().unwrap_or_else(|| "unknown panic".into())
    })
}

fn generate_one(path: &Path, out: &Path) -> Row {
    let stem = stem_of(path).to_string();
    let package = package_name(&stem);
    let mut row = Row {
        stem: stem.clone(),
        package: package.clone(),
        protocol: "?".into(),
        shapes: 0,
        operations: 0,
        files: 0,
        generate: None,
        check: None,
        outcome: Outcome::Ok,
        error: String::new(),
    };
    let crate_dir = out.join(&stem);
    // Never leave the crate of an earlier run behind to be mistaken for this one's.
    let _ = fs::remove_dir_all(&crate_dir);

    let text = match fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) => {
            row.outcome = Outcome::GenError;
            row.error = format!("cannot read model: {e}");
            return row;
        }
    };
    (row.protocol, row.shapes, row.operations) = model_facts(&text);

    let runtime = crate::codegen::runtime_path_dependency(&crate_dir);
    let settings = codegen::Settings { crate_name: Some(package), runtime, ..Default::default() };
    let started = Instant::now();
    let result = catch_panic(|| codegen::generate(&text, &settings));
    row.generate = Some(started.elapsed());

    match result {
        Err(message) => {
            row.outcome = Outcome::Panic;
            row.error = format!("PANIC: {}", one_line(&message));
        }
        Ok(Err(e)) => {
            row.outcome = Outcome::GenError;
            row.error = one_line(&e.to_string());
        }
        Ok(Ok(files)) => {
            row.files = files.len();
            if let Err(e) = write_crate(&crate_dir, &files) {
                row.outcome = Outcome::GenError;
                row.error = e;
            }
        }
    }
    row
}

fn write_crate(dir: &Path, files: &BTreeMap<String, String>) -> Result<(), String> {
    for (rel, contents) in files {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| format!("cannot create `{}`: {e}", parent.display()))?;
        }
        fs::write(&path, contents).map_err(|e| format!("cannot write `{}`: {e}", path.display()))?;
    }
    Ok(())
}

/// Writes the scratch workspace for the generated crates, then checks them, `opts.jobs` at a
/// time (each job with its own target dir, as cargo locks one per build).
fn check_all(opts: &Options, rows: &mut [Row]) -> Result<(), String> {
    let generated: Vec<usize> = (0..rows.len()).filter(|&i| rows[i].outcome == Outcome::Ok).collect();
    if generated.is_empty() {
        return Ok(());
    }
    let members: Vec<String> = generated.iter().map(|&i| format!("{:?}", rows[i].stem)).collect();
    let manifest = format!(
        "# Written by `cargo xtask sweep`: a scratch workspace of generated crates.\n\
         [workspace]\nresolver = \"2\"\nmembers = [\n    {},\n]\n",
        members.join(",\n    ")
    );
    fs::write(opts.out.join("Cargo.toml"), manifest).map_err(|e| format!("cannot write workspace manifest: {e}"))?;
    fs::copy(workspace_root().join("Cargo.lock"), opts.out.join("Cargo.lock"))
        .map_err(|e| format!("cannot copy Cargo.lock: {e}"))?;
    let logs = opts.out.parent().unwrap_or(&opts.out).join("logs");
    fs::create_dir_all(&logs).map_err(|e| format!("cannot create `{}`: {e}", logs.display()))?;

    let jobs = opts.jobs.min(generated.len());
    eprintln!("sweep: checking {} crates, {jobs} at a time, target dir {}", generated.len(), opts.target_dir.display());
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    let results: Mutex<Vec<CheckResult>> = Mutex::default();
    std::thread::scope(|scope| {
        for job in 0..jobs {
            let target = if jobs == 1 { opts.target_dir.clone() } else { opts.target_dir.join(format!("job-{job}")) };
            let (next, done, results, generated, logs) = (&next, &done, &results, &generated, &logs);
            let rows = &*rows;
            scope.spawn(move || loop {
                let n = next.fetch_add(1, Ordering::SeqCst);
                let Some(&i) = generated.get(n) else { break };
                let log = logs.join(format!("{}.log", rows[i].stem));
                let (elapsed, outcome, error) = check_one(opts, &rows[i].package, &target, &log);
                let finished = done.fetch_add(1, Ordering::SeqCst) + 1;
                eprintln!(
                    "[{finished:>3}/{}] check {:<40} {:>7.1}s {}{}",
                    generated.len(),
                    rows[i].stem,
                    elapsed.as_secs_f64(),
                    outcome.label(),
                    if error.is_empty() { String::new() } else { format!(": {error}") }
                );
                results.lock().unwrap_or_else(|e| e.into_inner()).push((i, elapsed, outcome, error));
            });
        }
    });
    for (i, elapsed, outcome, error) in results.into_inner().unwrap_or_else(|e| e.into_inner()) {
        rows[i].check = Some(elapsed);
        rows[i].outcome = outcome;
        rows[i].error = error;
    }
    Ok(())
}

/// (row index, time taken, outcome, first error)
type CheckResult = (usize, Duration, Outcome, String);

fn check_one(opts: &Options, package: &str, target: &Path, log: &Path) -> (Duration, Outcome, String) {
    let started = Instant::now();
    let log_file = match fs::File::create(log) {
        Ok(f) => f,
        Err(e) => return (started.elapsed(), Outcome::CheckFailed, format!("cannot create log: {e}")),
    };
    let log_err = match log_file.try_clone() {
        Ok(f) => f,
        Err(e) => return (started.elapsed(), Outcome::CheckFailed, format!("cannot create log: {e}")),
    };
    let rustflags = match std::env::var("RUSTFLAGS") {
        Ok(existing) if !existing.trim().is_empty() => format!("{existing} -D warnings"),
        _ => "-D warnings".to_string(),
    };
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let mut cmd = Command::new(cargo);
    cmd.arg("check").arg("-p").arg(package).arg("--color=never");
    if opts.all_features {
        cmd.arg("--all-features");
    }
    cmd.current_dir(&opts.out)
        .env("CARGO_TARGET_DIR", target)
        .env("RUSTFLAGS", rustflags)
        .stdin(Stdio::null())
        .stdout(log_file)
        .stderr(log_err);
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        cmd.process_group(0); // so a timeout can end cargo and its rustc children together
    }
    let mut child = match cmd.spawn() {
        Ok(child) => child,
        Err(e) => return (started.elapsed(), Outcome::CheckFailed, format!("cannot run cargo: {e}")),
    };
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Some(status),
            Ok(None) => {}
            Err(_) => break None,
        }
        if opts.timeout.is_some_and(|t| started.elapsed() > t) {
            kill_group(&mut child);
            let _ = child.wait();
            let secs = opts.timeout.map(|t| t.as_secs()).unwrap_or_default();
            return (started.elapsed(), Outcome::Timeout, format!("cargo check exceeded {secs}s"));
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    let elapsed = started.elapsed();
    if status.is_some_and(|s| s.success()) {
        return (elapsed, Outcome::Ok, String::new());
    }
    let output = fs::read_to_string(log).unwrap_or_default();
    (elapsed, Outcome::CheckFailed, first_error(&output))
}

#[cfg(unix)]
fn kill_group(child: &mut std::process::Child) {
    // The child leads its own process group (see `process_group(0)`): end exactly that group.
    let _ = Command::new("kill").arg("-KILL").arg("--").arg(format!("-{}", child.id())).status();
    let _ = child.kill();
}

#[cfg(not(unix))]
fn kill_group(child: &mut std::process::Child) {
    let _ = child.kill();
}

/// The first `error...` line of cargo's output with the `-->` location after it, and how many
/// errors there were in all.
fn first_error(output: &str) -> String {
    let lines: Vec<&str> = output.lines().collect();
    let Some(start) = lines.iter().position(|l| l.starts_with("error")) else {
        return lines
            .iter()
            .rev()
            .find(|l| !l.trim().is_empty())
            .map(|l| l.trim().to_string())
            .unwrap_or_else(|| "cargo check failed".into());
    };
    let mut message = lines[start].trim().to_string();
    if let Some(place) = lines[start + 1..].iter().take(3).find(|l| l.trim_start().starts_with("-->")) {
        message = format!("{message} {}", place.trim());
    }
    // "error: could not compile `x` (lib) due to 12 previous errors; 3 warnings emitted"
    if let Some(total) = lines.iter().find_map(|l| l.split("due to ").nth(1)) {
        let count: String = total.chars().take_while(|c| c.is_ascii_digit()).collect();
        if !count.is_empty() && count != "1" {
            message = format!("{message} ({count} errors)");
        }
    }
    message
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn fmt_ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

const HEADERS: [&str; 8] =
    ["model", "protocol", "shapes", "operations", "generate ms", "check s", "result", "first error"];

fn cells(row: &Row) -> [String; 8] {
    [
        row.stem.clone(),
        row.protocol.clone(),
        row.shapes.to_string(),
        row.operations.to_string(),
        row.generate.map(|d| format!("{:.1}", d.as_secs_f64() * 1000.0)).unwrap_or_else(|| "-".into()),
        row.check.map(|d| format!("{:.1}", d.as_secs_f64())).unwrap_or_else(|| "-".into()),
        row.outcome.label().to_string(),
        row.error.clone(),
    ]
}

fn render_table(rows: &[Row], _opts: &Options) -> String {
    let all: Vec<[String; 8]> = rows.iter().map(cells).collect();
    let mut widths = HEADERS.map(str::len);
    for r in &all {
        for (w, c) in widths.iter_mut().zip(r.iter()).take(7) {
            *w = (*w).max(c.chars().count());
        }
    }
    let numeric = [false, false, true, true, true, true, false, false];
    let mut out = String::new();
    let line = |cols: &[String], out: &mut String| {
        let mut s = String::new();
        for (k, c) in cols.iter().enumerate() {
            if k == 7 {
                s.push_str(c);
            } else if numeric[k] {
                let _ = write!(s, "{c:>w$}  ", w = widths[k]);
            } else {
                let _ = write!(s, "{c:<w$}  ", w = widths[k]);
            }
        }
        out.push_str(s.trim_end());
        out.push('\n');
    };
    line(&HEADERS.map(String::from), &mut out);
    line(
        &widths
            .map(|w| "-".repeat(w))
            .iter()
            .enumerate()
            .map(|(k, d)| if k == 7 { "-".repeat(11) } else { d.clone() })
            .collect::<Vec<_>>(),
        &mut out,
    );
    for r in &all {
        line(r, &mut out);
    }
    out
}

fn render_summary(rows: &[Row], generate_wall: Duration) -> String {
    let mut out = String::new();
    let generated = rows
        .iter()
        .filter(|r| r.generate.is_some() && !matches!(r.outcome, Outcome::GenError | Outcome::Panic))
        .count();
    let total_gen: Duration = rows.iter().filter_map(|r| r.generate).sum();
    let _ = writeln!(
        out,
        "\ngenerated {generated}/{} models; generate total {:.2}s (wall {:.2}s incl. reading and writing)",
        rows.len(),
        total_gen.as_secs_f64(),
        generate_wall.as_secs_f64()
    );
    let mut slowest: Vec<&Row> = rows.iter().filter(|r| r.generate.is_some()).collect();
    slowest.sort_by_key(|r| std::cmp::Reverse(r.generate));
    let list: Vec<String> = slowest
        .iter()
        .take(5)
        .map(|r| format!("{} {} ({} shapes)", r.stem, fmt_ms(r.generate.unwrap_or_default()), r.shapes))
        .collect();
    let _ = writeln!(out, "slowest generate: {}", list.join(", "));
    let checked: Vec<&Row> = rows.iter().filter(|r| r.check.is_some()).collect();
    if !checked.is_empty() {
        let total: Duration = checked.iter().filter_map(|r| r.check).sum();
        let ok = checked.iter().filter(|r| r.outcome == Outcome::Ok).count();
        let _ = writeln!(out, "checked {} crates: {ok} ok; check total {:.1}s", checked.len(), total.as_secs_f64());
    }
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for r in rows {
        *counts.entry(r.outcome.label()).or_default() += 1;
    }
    let by: Vec<String> = counts.iter().map(|(k, v)| format!("{k}: {v}")).collect();
    let _ = writeln!(out, "results: {}", by.join(", "));
    out
}

fn render_markdown(rows: &[Row], opts: &Options, summary: &str) -> String {
    let escape = |s: &str| s.replace('|', "\\|");
    let mut out = String::new();
    let _ = writeln!(out, "# Sweep report\n");
    let _ = writeln!(out, "- models: `{}`", opts.models.display());
    if !opts.filters.is_empty() {
        let _ = writeln!(out, "- filter: `{}`", opts.filters.join(","));
    }
    let _ = writeln!(
        out,
        "- check: {}\n",
        if opts.check {
            format!(
                "`cargo check -p <pkg>{}` with `RUSTFLAGS=\"-D warnings\"`",
                if opts.all_features { " --all-features" } else { "" }
            )
        } else {
            "skipped (`--no-check`)".to_string()
        }
    );
    let _ = writeln!(out, "| {} |", HEADERS.join(" | "));
    let _ = writeln!(out, "|{}", ["---|", "---|", "---:|", "---:|", "---:|", "---:|", "---|", "---|"].concat());
    for r in rows {
        let c = cells(r);
        let mut c: Vec<String> = c.iter().map(|s| escape(s)).collect();
        if !c[7].is_empty() {
            c[7] = format!("`{}`", c[7].replace('`', "'"));
        }
        let _ = writeln!(out, "| {} |", c.join(" | "));
    }
    let failed = rows.iter().filter(|r| r.outcome != Outcome::Ok).count();
    let _ = writeln!(out, "\n```{summary}```\n\n{} passed, {failed} failed", rows.len() - failed);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs() {
        assert!(glob_match("*", "s3.json"));
        assert!(glob_match("s3.json", "s3.json"));
        assert!(glob_match("s?.json", "s3.json"));
        assert!(glob_match("*db*", "dynamodb.json"));
        assert!(glob_match("a*b*c", "aXXbYYbZc"));
        assert!(!glob_match("s3", "s3.json"));
        assert!(!glob_match("a*b", "aXbY"));
        assert!(glob_match("**", ""));
    }

    #[test]
    fn panics_are_caught_with_their_first_message() {
        assert_eq!(catch_panic(|| 7), Ok(7));
        let err = catch_panic(|| -> u8 { panic!("boom {}", 1) }).unwrap_err();
        assert!(err.starts_with("boom 1 at ") && err.contains("sweep.rs"), "{err}");
        // As when the generator's own rendering threads panic: the scope re-panics on join.
        let err = catch_panic(|| {
            std::thread::scope(|s| {
                s.spawn(|| panic!("in a worker"));
            })
        })
        .unwrap_err();
        assert!(err.starts_with("in a worker at "), "{err}");
    }

    #[test]
    fn first_error_line() {
        let out = "   Compiling x\nwarning: foo\nerror[E0428]: the name `A` is defined multiple times\n  --> src/types.rs:3:1\n   |\nerror: could not compile `x` (lib) due to 4 previous errors\n";
        assert_eq!(
            first_error(out),
            "error[E0428]: the name `A` is defined multiple times --> src/types.rs:3:1 (4 errors)"
        );
    }
}
