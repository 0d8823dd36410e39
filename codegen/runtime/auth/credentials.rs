//! Credentials: the keys the client signs with, and where it finds them.
//!
//! [`DefaultCredentialsChain`] looks where the AWS CLI and SDKs look: the environment
//! variables, then the shared `~/.aws/credentials` and `~/.aws/config` files (profile from
//! `AWS_PROFILE`, else `default`). Anything else (a vault, an STS call) implements
//! [`ProvideCredentials`]. Secrets never appear in `Debug` output or logs.

use ::std::collections::HashMap;
use ::std::future::Future;
use ::std::path::PathBuf;
use ::std::pin::Pin;
use ::std::sync::Arc;
use ::std::time::SystemTime;

/// A boxed future, as [`ProvideCredentials`] returns.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// AWS access keys, with the session token of temporary credentials.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    access_key_id: String,
    secret_access_key: String,
    session_token: Option<String>,
    expiry: Option<SystemTime>,
    provider: &'static str,
}

impl Credentials {
    /// Credentials from the given keys (a session token for temporary credentials).
    pub fn new(access_key_id: impl Into<String>, secret_access_key: impl Into<String>, session_token: Option<String>) -> Self {
        Credentials {
            access_key_id: access_key_id.into(),
            secret_access_key: secret_access_key.into(),
            session_token,
            expiry: None,
            provider: "static",
        }
    }

    /// Sets when temporary credentials stop working; the client asks its provider again after.
    pub fn with_expiry(mut self, expiry: SystemTime) -> Self {
        self.expiry = Some(expiry);
        self
    }

    /// Names where the credentials came from (shown in `Debug` output and errors).
    pub fn with_provider_name(mut self, provider: &'static str) -> Self {
        self.provider = provider;
        self
    }

    /// The access key id (not secret: it appears in every signed request).
    pub fn access_key_id(&self) -> &str {
        &self.access_key_id
    }

    /// The secret access key.
    pub fn secret_access_key(&self) -> &str {
        &self.secret_access_key
    }

    /// The session token of temporary credentials.
    pub fn session_token(&self) -> Option<&str> {
        self.session_token.as_deref()
    }

    /// When temporary credentials expire.
    pub fn expiry(&self) -> Option<SystemTime> {
        self.expiry
    }

    /// Where the credentials came from.
    pub fn provider_name(&self) -> &'static str {
        self.provider
    }

    /// Whether the credentials have expired, or will within `margin`.
    pub fn expires_within(&self, margin: ::std::time::Duration) -> bool {
        self.expiry.is_some_and(|at| at <= SystemTime::now() + margin)
    }
}

impl ::std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.debug_struct("Credentials")
            .field("provider", &self.provider)
            .field("access_key_id", &self.access_key_id)
            .field("secret_access_key", &"** redacted **")
            .field("session_token", &self.session_token.as_ref().map(|_| "** redacted **"))
            .field("expiry", &self.expiry)
            .finish()
    }
}

/// Why credentials could not be found or loaded.
#[derive(Clone, Debug)]
pub struct CredentialsError {
    message: String,
}

impl CredentialsError {
    /// An error with the given description (it must not contain secrets).
    pub fn new(message: impl Into<String>) -> Self {
        CredentialsError { message: message.into() }
    }
}

impl ::std::fmt::Display for CredentialsError {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl ::std::error::Error for CredentialsError {}

/// Something that supplies credentials: implement it for any source the built-in providers do
/// not cover. The client asks again when the credentials it holds expire.
pub trait ProvideCredentials: Send + Sync + ::std::fmt::Debug {
    /// Returns current credentials.
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, CredentialsError>>;
}

impl ProvideCredentials for Credentials {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, CredentialsError>> {
        let credentials = self.clone();
        Box::pin(async move { Ok(credentials) })
    }
}

impl<T: ProvideCredentials + ?Sized> ProvideCredentials for Arc<T> {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, CredentialsError>> {
        (**self).provide_credentials()
    }
}

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
            None => ::std::env::var(name).ok(),
        };
        value.filter(|v| !v.trim().is_empty())
    }
}

/// Credentials from `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and `AWS_SESSION_TOKEN`.
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
            (Some(id), Some(secret)) => Ok(Credentials::new(id, secret, self.env.get("AWS_SESSION_TOKEN")).with_provider_name("environment")),
            (Some(_), None) => Err(CredentialsError::new("AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not")),
            _ => Err(CredentialsError::new("AWS_ACCESS_KEY_ID is not set")),
        }
    }
}

impl ProvideCredentials for EnvironmentVariables {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, CredentialsError>> {
        let result = self.load();
        Box::pin(async move { result })
    }
}

/// Credentials (and the region) from the shared `credentials` and `config` files.
///
/// The files are `$AWS_SHARED_CREDENTIALS_FILE` (else `~/.aws/credentials`) and
/// `$AWS_CONFIG_FILE` (else `~/.aws/config`); the profile is the one given, else
/// `$AWS_PROFILE`, else `default`. In the config file a profile's section is `[profile name]`
/// (`[default]` for the default one); a key in the credentials file wins over the same key in
/// the config file. Profiles that assume roles, call processes or use SSO are reported as
/// unsupported rather than silently skipped.
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

    /// The selected profile's keys, merged from both files (the credentials file wins).
    pub fn properties(&self) -> HashMap<String, String> {
        let name = self.profile_name();
        let mut merged = HashMap::new();
        if let Some(text) = self.path(&self.config_file, "AWS_CONFIG_FILE", "config").and_then(|p| ::std::fs::read_to_string(p).ok()) {
            let sections = parse_ini(&text);
            let wanted = if name == "default" { "default".to_string() } else { format!("profile {name}") };
            // `[profile default]` also names the default profile.
            for section in [format!("profile {name}"), wanted] {
                if let Some(props) = sections.get(&section) {
                    merged.extend(props.clone());
                }
            }
        }
        if let Some(text) = self.path(&self.credentials_file, "AWS_SHARED_CREDENTIALS_FILE", "credentials").and_then(|p| ::std::fs::read_to_string(p).ok()) {
            if let Some(props) = parse_ini(&text).get(&name) {
                merged.extend(props.clone());
            }
        }
        merged
    }

    /// The selected profile's `region`.
    pub fn region(&self) -> Option<String> {
        self.properties().remove("region").filter(|r| !r.is_empty())
    }

    fn load(&self) -> Result<Credentials, CredentialsError> {
        let name = self.profile_name();
        let props = self.properties();
        if props.is_empty() {
            return Err(CredentialsError::new(format!("profile `{name}` is not in the shared config or credentials file")));
        }
        match (props.get("aws_access_key_id"), props.get("aws_secret_access_key")) {
            (Some(id), Some(secret)) => Ok(Credentials::new(id.clone(), secret.clone(), props.get("aws_session_token").cloned()).with_provider_name("profile")),
            _ => {
                let unsupported = ["role_arn", "credential_process", "sso_session", "sso_start_url", "web_identity_token_file"]
                    .into_iter()
                    .find(|k| props.contains_key(*k));
                Err(CredentialsError::new(match unsupported {
                    Some(key) => format!("profile `{name}` uses `{key}`, which this client does not support; pass credentials from a `ProvideCredentials` implementation"),
                    None => format!("profile `{name}` has no aws_access_key_id and aws_secret_access_key"),
                }))
            }
        }
    }
}

impl ProvideCredentials for ProfileFiles {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, CredentialsError>> {
        Box::pin(async move { self.load() })
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

/// The AWS SDKs' usual order: environment variables, then the shared files. It remembers what
/// it found until the credentials expire.
#[derive(Debug, Default)]
pub struct DefaultCredentialsChain {
    environment: EnvironmentVariables,
    profile: ProfileFiles,
    cached: ::std::sync::Mutex<Option<Credentials>>,
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

    fn load(&self) -> Result<Credentials, CredentialsError> {
        let mut cached = self.cached.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(credentials) = cached.as_ref().filter(|c| !c.expires_within(::std::time::Duration::from_secs(300))) {
            return Ok(credentials.clone());
        }
        let credentials = self.environment.load().or_else(|env_err| {
            self.profile.load().map_err(|profile_err| {
                CredentialsError::new(format!("no credentials found: environment: {env_err}; shared files: {profile_err}"))
            })
        })?;
        *cached = Some(credentials.clone());
        Ok(credentials)
    }
}

impl ProvideCredentials for DefaultCredentialsChain {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, CredentialsError>> {
        let result = self.load();
        Box::pin(async move { result })
    }
}

/// The region the AWS CLI would use: `AWS_REGION`, `AWS_DEFAULT_REGION`, then the profile's
/// `region` in the shared config file.
pub fn region_from_env(env: &Env) -> Option<String> {
    env.get("AWS_REGION")
        .or_else(|| env.get("AWS_DEFAULT_REGION"))
        .or_else(|| ProfileFiles::new().with_env(env.clone()).region())
}
