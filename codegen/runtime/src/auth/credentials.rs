//! Credentials: where the client finds the keys it signs with.
//!
//! The client takes any [`ProvideCredentials`] of `aws-credential-types`, the AWS SDK for
//! Rust's own trait: a [`Credentials`] value, an `aws-config` provider (feature `aws-config`,
//! for instance metadata, container credentials, web identity, SSO, `credential_process` and
//! assume-role profiles), or your own. The built-in providers here cover the two sources that
//! need no network and keep the build light: [`EnvironmentVariables`] and [`ProfileFiles`],
//! chained by [`DefaultCredentialsChain`]. Secrets never appear in `Debug` output or logs.

use aws_credential_types::provider::error::CredentialsError;
use aws_credential_types::provider::{future, ProvideCredentials};
use aws_credential_types::Credentials;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

/// The environment a provider reads: the process's, or a fixed map (for tests).
#[derive(Clone, Debug, Default)]
pub struct Env {
    fixed: Option<Arc<HashMap<String, String>>>,
}

impl Env {
    /// The process environment.
    pub fn real() -> Self {
        Env { fixed: None }
    }

    /// A fixed set of variables, in place of the process environment.
    pub fn from_map(vars: HashMap<String, String>) -> Self {
        Env { fixed: Some(Arc::new(vars)) }
    }

    /// A variable's value; empty values count as unset, as in the AWS CLI.
    pub fn get(&self, name: &str) -> Option<String> {
        let value = match &self.fixed {
            Some(map) => map.get(name).cloned(),
            None => std::env::var(name).ok(),
        };
        value.filter(|v| !v.trim().is_empty())
    }
}

/// Credentials from the environment variables `AWS_ACCESS_KEY_ID` and `AWS_SECRET_ACCESS_KEY`
/// (or `AWS_SECRET_KEY`), with `AWS_SESSION_TOKEN` for temporary credentials. Nothing else is
/// read; empty values count as unset.
#[derive(Clone, Debug, Default)]
pub struct EnvironmentVariables {
    env: Env,
}

impl EnvironmentVariables {
    /// Reads the process environment.
    pub fn new() -> Self {
        Self::default()
    }

    /// Reads the given environment instead.
    pub fn with_env(env: Env) -> Self {
        EnvironmentVariables { env }
    }

    fn load(&self) -> Result<Credentials, CredentialsError> {
        let id = self.env.get("AWS_ACCESS_KEY_ID");
        let secret = self.env.get("AWS_SECRET_ACCESS_KEY").or_else(|| self.env.get("AWS_SECRET_KEY"));
        match (id, secret) {
            (Some(id), Some(secret)) => Ok(Credentials::new(id, secret, self.env.get("AWS_SESSION_TOKEN"), None, "environment")),
            (Some(_), None) => Err(CredentialsError::not_loaded("AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not")),
            _ => Err(CredentialsError::not_loaded("AWS_ACCESS_KEY_ID is not set")),
        }
    }
}

impl ProvideCredentials for EnvironmentVariables {
    fn provide_credentials<'a>(&'a self) -> future::ProvideCredentials<'a>
    where
        Self: 'a,
    {
        future::ProvideCredentials::ready(self.load())
    }
}

/// Static keys (and the region) from the shared `credentials` and `config` files.
///
/// It reads exactly this: the files `$AWS_SHARED_CREDENTIALS_FILE` (else `~/.aws/credentials`)
/// and `$AWS_CONFIG_FILE` (else `~/.aws/config`), `~` being `$HOME` (else `$USERPROFILE`); the
/// profile given to [`ProfileFiles::profile`], else `$AWS_PROFILE`, else `default`. In the
/// config file a profile's section is `[profile name]` (`[default]` or `[profile default]` for
/// the default one); a key in the credentials file wins over the same key in the config file.
/// The keys used are `aws_access_key_id`, `aws_secret_access_key`, `aws_session_token` and
/// `region`. Profiles that assume roles, call processes or use SSO are reported as needing the
/// `aws-config` feature rather than silently skipped. The files are read on a blocking-task
/// thread, never on the async runtime's own threads.
#[derive(Clone, Debug, Default)]
pub struct ProfileFiles {
    env: Env,
    profile: Option<String>,
    credentials_file: Option<PathBuf>,
    config_file: Option<PathBuf>,
}

impl ProfileFiles {
    /// The default files and profile.
    pub fn new() -> Self {
        Self::default()
    }

    /// Reads the given environment instead of the process's.
    pub fn with_env(mut self, env: Env) -> Self {
        self.env = env;
        self
    }

    /// Uses this profile.
    pub fn profile(mut self, name: impl Into<String>) -> Self {
        self.profile = Some(name.into());
        self
    }

    /// Reads this credentials file.
    pub fn credentials_file(mut self, path: impl Into<PathBuf>) -> Self {
        self.credentials_file = Some(path.into());
        self
    }

    /// Reads this config file.
    pub fn config_file(mut self, path: impl Into<PathBuf>) -> Self {
        self.config_file = Some(path.into());
        self
    }

    fn profile_name(&self) -> String {
        self.profile.clone().or_else(|| self.env.get("AWS_PROFILE")).unwrap_or_else(|| "default".to_string())
    }

    fn path(&self, given: &Option<PathBuf>, var: &str, file: &str) -> Option<PathBuf> {
        if let Some(path) = given {
            return Some(path.clone());
        }
        if let Some(path) = self.env.get(var) {
            return Some(expand_home(&path, &self.env));
        }
        let home = self.env.get("HOME").or_else(|| self.env.get("USERPROFILE"))?;
        Some(PathBuf::from(home).join(".aws").join(file))
    }

    /// The selected profile's keys, merged from both files (the credentials file wins). This
    /// reads the files on the calling thread: call it outside async code.
    pub fn properties(&self) -> HashMap<String, String> {
        let name = self.profile_name();
        let mut merged = HashMap::new();
        if let Some(text) = self.path(&self.config_file, "AWS_CONFIG_FILE", "config").and_then(|p| std::fs::read_to_string(p).ok()) {
            let sections = parse_ini(&text);
            let wanted = if name == "default" { "default".to_string() } else { format!("profile {name}") };
            // `[profile default]` also names the default profile.
            for section in [format!("profile {name}"), wanted] {
                if let Some(props) = sections.get(&section) {
                    merged.extend(props.clone());
                }
            }
        }
        if let Some(text) = self.path(&self.credentials_file, "AWS_SHARED_CREDENTIALS_FILE", "credentials").and_then(|p| std::fs::read_to_string(p).ok()) {
            if let Some(props) = parse_ini(&text).get(&name) {
                merged.extend(props.clone());
            }
        }
        merged
    }

    /// The selected profile's `region` (reads the files on the calling thread).
    pub fn region(&self) -> Option<String> {
        self.properties().remove("region").filter(|r| !r.is_empty())
    }

    fn load(&self) -> Result<Credentials, CredentialsError> {
        let name = self.profile_name();
        let props = self.properties();
        if props.is_empty() {
            return Err(CredentialsError::not_loaded(format!("profile `{name}` is not in the shared config or credentials file")));
        }
        match (props.get("aws_access_key_id"), props.get("aws_secret_access_key")) {
            (Some(id), Some(secret)) => Ok(Credentials::new(id.clone(), secret.clone(), props.get("aws_session_token").cloned(), None, "profile")),
            _ => {
                let needs_sdk = ["role_arn", "credential_process", "sso_session", "sso_start_url", "web_identity_token_file"]
                    .into_iter()
                    .find(|k| props.contains_key(*k));
                Err(match needs_sdk {
                    Some(key) => CredentialsError::invalid_configuration(format!(
                        "profile `{name}` uses `{key}`, which the built-in providers do not read: enable the `aws-config` feature and configure the client from `aws_config::load_from_env()`"
                    )),
                    None => CredentialsError::not_loaded(format!("profile `{name}` has no aws_access_key_id and aws_secret_access_key")),
                })
            }
        }
    }

    /// Loads on a blocking-task thread when inside a Tokio runtime, so file reads never stall it.
    async fn load_off_runtime(&self) -> Result<Credentials, CredentialsError> {
        if tokio::runtime::Handle::try_current().is_err() {
            return self.load();
        }
        let this = self.clone();
        tokio::task::spawn_blocking(move || this.load()).await.unwrap_or_else(|e| Err(CredentialsError::unhandled(e)))
    }
}

impl ProvideCredentials for ProfileFiles {
    fn provide_credentials<'a>(&'a self) -> future::ProvideCredentials<'a>
    where
        Self: 'a,
    {
        future::ProvideCredentials::new(self.load_off_runtime())
    }
}

fn expand_home(path: &str, env: &Env) -> PathBuf {
    match (path.strip_prefix("~/"), env.get("HOME")) {
        (Some(rest), Some(home)) => PathBuf::from(home).join(rest),
        _ => PathBuf::from(path),
    }
}

/// Sections of an INI file as the AWS CLI reads it: `#` and `;` start comments, keys are
/// lower-cased, and indented lines (nested settings such as `s3 =`) are skipped.
fn parse_ini(text: &str) -> HashMap<String, HashMap<String, String>> {
    let mut sections: HashMap<String, HashMap<String, String>> = HashMap::new();
    let mut current: Option<String> = None;
    for line in text.lines() {
        if line.starts_with([' ', '\t']) {
            continue;
        }
        let line = line.trim();
        if line.is_empty() || line.starts_with(['#', ';']) {
            continue;
        }
        if let Some(rest) = line.strip_prefix('[') {
            let name = rest.split(']').next().unwrap_or("");
            let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
            sections.entry(name.clone()).or_default();
            current = Some(name);
            continue;
        }
        if let (Some(section), Some((key, value))) = (&current, line.split_once('=')) {
            let value = value.split(" #").next().unwrap_or("").split(" ;").next().unwrap_or("");
            sections.entry(section.clone()).or_default().insert(key.trim().to_ascii_lowercase(), value.trim().to_string());
        }
    }
    sections
}

/// The light default chain: [`EnvironmentVariables`], then [`ProfileFiles`]; what it finds is
/// kept until five minutes before it expires. For every source the AWS SDK reads (instance
/// metadata, containers, web identity, SSO, processes, assumed roles), use the `aws-config`
/// feature instead.
#[derive(Debug, Default)]
pub struct DefaultCredentialsChain {
    environment: EnvironmentVariables,
    profile: ProfileFiles,
    cached: std::sync::Mutex<Option<Credentials>>,
}

impl DefaultCredentialsChain {
    /// Reads the process environment and the default files.
    pub fn new() -> Self {
        Self::default()
    }

    /// Reads the given environment (and the files it points to).
    pub fn with_env(env: Env) -> Self {
        DefaultCredentialsChain {
            environment: EnvironmentVariables::with_env(env.clone()),
            profile: ProfileFiles::new().with_env(env),
            cached: Default::default(),
        }
    }

    fn cached(&self) -> Option<Credentials> {
        let cached = self.cached.lock().unwrap_or_else(|e| e.into_inner());
        cached.as_ref().filter(|c| c.expiry().is_none_or(|at| at > SystemTime::now() + Duration::from_secs(300))).cloned()
    }

    async fn load(&self) -> Result<Credentials, CredentialsError> {
        if let Some(credentials) = self.cached() {
            return Ok(credentials);
        }
        let credentials = match self.environment.load() {
            Ok(credentials) => credentials,
            Err(env_err) => self.profile.load_off_runtime().await.map_err(|profile_err| {
                CredentialsError::not_loaded(format!(
                    "no credentials found: environment: {}; shared files: {}",
                    describe(&env_err),
                    describe(&profile_err)
                ))
            })?,
        };
        *self.cached.lock().unwrap_or_else(|e| e.into_inner()) = Some(credentials.clone());
        Ok(credentials)
    }
}

/// A credentials error's own words: its `Display` is only its kind, the detail is its source.
fn describe(err: &CredentialsError) -> String {
    match std::error::Error::source(err) {
        Some(source) => source.to_string(),
        None => err.to_string(),
    }
}

impl ProvideCredentials for DefaultCredentialsChain {
    fn provide_credentials<'a>(&'a self) -> future::ProvideCredentials<'a>
    where
        Self: 'a,
    {
        future::ProvideCredentials::new(self.load())
    }
}

/// The region the AWS CLI would use: `AWS_REGION`, `AWS_DEFAULT_REGION`, then the profile's
/// `region` in the shared config file (read on the calling thread).
pub fn region_from_env(env: &Env) -> Option<String> {
    env.get("AWS_REGION")
        .or_else(|| env.get("AWS_DEFAULT_REGION"))
        .or_else(|| ProfileFiles::new().with_env(env.clone()).region())
}
