//! An interpreter for Smithy endpoint rule sets (`smithy.rules#endpointRuleSet`, version 1.x):
//! the rule set is read once from its JSON form, then evaluated against parameter values to
//! give an [`Endpoint`] or a [`ResolveError`].
//!
//! The standard library is implemented in full (`isSet`, `not`, `booleanEquals`,
//! `stringEquals`, `getAttr`, `parseURL`, `substring`, `uriEncode`, `isValidHostLabel`,
//! `coalesce`, `ite`, `split`), as are the AWS functions (`aws.partition` over the bundled
//! `partitions.json`, `aws.parseArn`, `aws.isVirtualHostableS3Bucket`). Evaluation never
//! panics: a malformed rule set or parameter is reported as an error.

use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::fmt;
use std::sync::LazyLock;

// ---------------------------------------------------------------------------------------------
// Results and errors
// ---------------------------------------------------------------------------------------------

/// A resolved endpoint: the URL to send requests to, headers to add to them, and properties
/// (such as `authSchemes`) that tell the client how to sign them.
#[derive(Clone, Debug, PartialEq)]
pub struct Endpoint {
    url: String,
    headers: BTreeMap<String, Vec<String>>,
    properties: Map<String, Value>,
}

impl Endpoint {
    /// An endpoint with only a URL.
    pub fn new(url: impl Into<String>) -> Self {
        Endpoint { url: url.into(), headers: BTreeMap::new(), properties: Map::new() }
    }

    /// The endpoint's URL, e.g. `https://service.us-east-1.amazonaws.com`.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Headers to send with every request to this endpoint: name → values.
    pub fn headers(&self) -> &BTreeMap<String, Vec<String>> {
        &self.headers
    }

    /// The endpoint's properties as the rule set gives them, e.g. `authSchemes`.
    pub fn properties(&self) -> &Map<String, Value> {
        &self.properties
    }

    /// The first SigV4 scheme of the `authSchemes` property, if there is one.
    fn sigv4(&self) -> Option<&Map<String, Value>> {
        self.properties
            .get("authSchemes")?
            .as_array()?
            .iter()
            .filter_map(Value::as_object)
            .find(|scheme| scheme.get("name").and_then(Value::as_str) == Some("sigv4"))
    }

    /// The region to sign requests for, when the endpoint's `authSchemes` property names one
    /// for SigV4 (`signingRegion`); otherwise the client's region applies.
    pub fn signing_region(&self) -> Option<&str> {
        self.sigv4()?.get("signingRegion")?.as_str()
    }

    /// The service name to sign requests for, when the endpoint's `authSchemes` property names
    /// one for SigV4 (`signingName`); otherwise the service's own signing name applies.
    pub fn signing_name(&self) -> Option<&str> {
        self.sigv4()?.get("signingName")?.as_str()
    }
}

/// What kind of failure a [`ResolveError`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ResolveErrorKind {
    /// The rule set's own `error` rule matched: the parameters describe a configuration the
    /// service does not support (e.g. FIPS with a custom endpoint).
    Rule,
    /// A required parameter has no value.
    MissingParameter,
    /// A parameter's value has the wrong type.
    InvalidParameter,
    /// No rule matched the parameters.
    NoMatch,
    /// The rule set itself is malformed or uses something this interpreter does not know.
    InvalidRuleSet,
}

/// Why an endpoint could not be resolved.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ResolveError {
    kind: ResolveErrorKind,
    message: String,
}

impl ResolveError {
    /// An error of the given kind with a message.
    pub fn new(kind: ResolveErrorKind, message: impl Into<String>) -> Self {
        ResolveError { kind, message: message.into() }
    }

    /// What kind of failure this is.
    pub fn kind(&self) -> ResolveErrorKind {
        self.kind
    }

    /// The message; for [`ResolveErrorKind::Rule`] exactly the rule set's error text.
    pub fn message(&self) -> &str {
        &self.message
    }

    fn invalid(message: impl Into<String>) -> Self {
        Self::new(ResolveErrorKind::InvalidRuleSet, message)
    }
}

impl fmt::Display for ResolveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.kind {
            ResolveErrorKind::Rule => f.write_str(&self.message),
            _ => write!(f, "cannot resolve the endpoint: {}", self.message),
        }
    }
}

impl std::error::Error for ResolveError {}

type Res<T> = Result<T, ResolveError>;

// ---------------------------------------------------------------------------------------------
// The rule set
// ---------------------------------------------------------------------------------------------

/// The type of a rule-set parameter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParamType {
    /// `string`
    String,
    /// `boolean`
    Boolean,
    /// `stringArray`
    StringArray,
}

/// A parameter a rule set reads.
#[derive(Clone, Debug)]
pub struct Parameter {
    /// The parameter's type.
    pub ty: ParamType,
    /// Whether it must have a value (its own or its default).
    pub required: bool,
    /// The value used when none is given.
    pub default: Option<Value>,
    /// The SDK setting it comes from, e.g. `AWS::Region`.
    pub built_in: Option<String>,
}

/// A parsed endpoint rule set, ready to evaluate.
#[derive(Clone, Debug)]
pub struct RuleSet {
    parameters: BTreeMap<String, Parameter>,
    rules: Vec<Rule>,
}

#[derive(Clone, Debug)]
enum Rule {
    Endpoint { conditions: Vec<Condition>, endpoint: EndpointDef },
    Error { conditions: Vec<Condition>, message: Expr },
    Tree { conditions: Vec<Condition>, rules: Vec<Rule> },
}

#[derive(Clone, Debug)]
struct Condition {
    expr: Expr,
    assign: Option<String>,
}

#[derive(Clone, Debug)]
struct EndpointDef {
    url: Expr,
    headers: Vec<(String, Vec<Expr>)>,
    properties: Vec<(String, Expr)>,
}

#[derive(Clone, Debug)]
enum Expr {
    Str(Vec<Part>),
    Bool(bool),
    Int(i64),
    Array(Vec<Expr>),
    Object(Vec<(String, Expr)>),
    Ref(String),
    /// `getAttr` with a literal path, parsed once.
    GetAttr(Box<Expr>, Vec<Step>),
    Call { name: String, args: Vec<Expr> },
}

#[derive(Clone, Debug)]
enum Part {
    Lit(String),
    Ref(String),
    Attr(String, Vec<Step>),
}

#[derive(Clone, Debug, PartialEq)]
enum Step {
    Key(String),
    Index(usize),
}

impl RuleSet {
    /// Parses a rule set from its JSON text.
    pub fn from_json(text: &str) -> Res<RuleSet> {
        let value: Value = serde_json::from_str(text)
            .map_err(|e| ResolveError::invalid(format!("the rule set is not valid JSON: {e}")))?;
        RuleSet::from_value(&value)
    }

    /// Parses a rule set from its JSON value.
    pub fn from_value(value: &Value) -> Res<RuleSet> {
        let obj = value.as_object().ok_or_else(|| ResolveError::invalid("the rule set is not an object"))?;
        let mut parameters = BTreeMap::new();
        if let Some(params) = obj.get("parameters") {
            let params = params.as_object().ok_or_else(|| ResolveError::invalid("`parameters` is not an object"))?;
            for (name, p) in params {
                parameters.insert(name.clone(), parse_parameter(name, p)?);
            }
        }
        let rules = parse_rules(obj.get("rules").unwrap_or(&Value::Null))?;
        Ok(RuleSet { parameters, rules })
    }

    /// The rule set's parameters, by name.
    pub fn parameters(&self) -> &BTreeMap<String, Parameter> {
        &self.parameters
    }

    /// Evaluates the rules with the given parameter values (name → string, boolean or array
    /// of strings; `null` or absent for unset). Defaults fill unset parameters. `aws.partition`
    /// reads the partition data bundled with the crate.
    pub fn resolve(&self, params: &BTreeMap<String, Value>) -> Res<Endpoint> {
        self.evaluate(params, None)
    }

    /// [`RuleSet::resolve`] with other partition data than the bundled one.
    pub fn resolve_with_partitions(&self, params: &BTreeMap<String, Value>, partitions: &Partitions) -> Res<Endpoint> {
        self.evaluate(params, Some(partitions))
    }

    fn evaluate(&self, params: &BTreeMap<String, Value>, partitions: Option<&Partitions>) -> Res<Endpoint> {
        let mut scope: Vec<(String, Value)> = Vec::with_capacity(self.parameters.len() + 8);
        for (name, param) in &self.parameters {
            let value = match params.get(name) {
                Some(v) if !v.is_null() => v.clone(),
                _ => param.default.clone().unwrap_or(Value::Null),
            };
            if value.is_null() {
                if param.required {
                    return Err(ResolveError::new(
                        ResolveErrorKind::MissingParameter,
                        format!("the required parameter `{name}` is not set"),
                    ));
                }
            } else if !type_matches(param.ty, &value) {
                return Err(ResolveError::new(
                    ResolveErrorKind::InvalidParameter,
                    format!("the parameter `{name}` should be a {:?}, not `{value}`", param.ty),
                ));
            }
            scope.push((name.clone(), value));
        }
        let mut eval = Eval { scope, partitions };
        match eval.rules(&self.rules)? {
            Some(endpoint) => Ok(endpoint),
            None => Err(ResolveError::new(ResolveErrorKind::NoMatch, "no endpoint rule matched the parameters")),
        }
    }
}

fn type_matches(ty: ParamType, value: &Value) -> bool {
    match ty {
        ParamType::String => value.is_string(),
        ParamType::Boolean => value.is_boolean(),
        ParamType::StringArray => value.as_array().is_some_and(|items| items.iter().all(Value::is_string)),
    }
}

fn parse_parameter(name: &str, value: &Value) -> Res<Parameter> {
    let ty = match value.get("type").and_then(Value::as_str).map(str::to_ascii_lowercase).as_deref() {
        Some("string") => ParamType::String,
        Some("boolean") => ParamType::Boolean,
        Some("stringarray") => ParamType::StringArray,
        other => return Err(ResolveError::invalid(format!("parameter `{name}` has unknown type {other:?}"))),
    };
    Ok(Parameter {
        ty,
        required: value.get("required").and_then(Value::as_bool).unwrap_or(false),
        default: value.get("default").filter(|v| !v.is_null()).cloned(),
        built_in: value.get("builtIn").and_then(Value::as_str).map(str::to_string),
    })
}

fn parse_rules(value: &Value) -> Res<Vec<Rule>> {
    let items = value.as_array().ok_or_else(|| ResolveError::invalid("`rules` is not an array"))?;
    items.iter().map(parse_rule).collect()
}

fn parse_rule(value: &Value) -> Res<Rule> {
    let conditions = match value.get("conditions") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(items)) => items.iter().map(parse_condition).collect::<Res<_>>()?,
        Some(_) => return Err(ResolveError::invalid("`conditions` is not an array")),
    };
    match value.get("type").and_then(Value::as_str) {
        Some("endpoint") => {
            let def = value.get("endpoint").ok_or_else(|| ResolveError::invalid("endpoint rule without `endpoint`"))?;
            Ok(Rule::Endpoint { conditions, endpoint: parse_endpoint(def)? })
        }
        Some("error") => {
            let message = value.get("error").ok_or_else(|| ResolveError::invalid("error rule without `error`"))?;
            Ok(Rule::Error { conditions, message: parse_expr(message)? })
        }
        Some("tree") => {
            Ok(Rule::Tree { conditions, rules: parse_rules(value.get("rules").unwrap_or(&Value::Null))? })
        }
        other => Err(ResolveError::invalid(format!("unknown rule type {other:?}"))),
    }
}

fn parse_condition(value: &Value) -> Res<Condition> {
    if value.get("fn").is_none() {
        return Err(ResolveError::invalid("a condition is not a function call"));
    }
    let assign = match value.get("assign") {
        None | Some(Value::Null) => None,
        Some(Value::String(name)) => Some(name.clone()),
        Some(_) => return Err(ResolveError::invalid("`assign` is not a string")),
    };
    Ok(Condition { expr: parse_expr(value)?, assign })
}

fn parse_endpoint(value: &Value) -> Res<EndpointDef> {
    let url = parse_expr(value.get("url").ok_or_else(|| ResolveError::invalid("endpoint without `url`"))?)?;
    let mut headers = Vec::new();
    if let Some(map) = value.get("headers").and_then(Value::as_object) {
        for (name, values) in map {
            let values = values.as_array().ok_or_else(|| ResolveError::invalid("header values are not an array"))?;
            headers.push((name.clone(), values.iter().map(parse_expr).collect::<Res<_>>()?));
        }
    }
    let mut properties = Vec::new();
    if let Some(map) = value.get("properties").and_then(Value::as_object) {
        for (name, v) in map {
            properties.push((name.clone(), parse_expr(v)?));
        }
    }
    Ok(EndpointDef { url, headers, properties })
}

fn parse_expr(value: &Value) -> Res<Expr> {
    Ok(match value {
        Value::String(s) => Expr::Str(parse_template(s)?),
        Value::Bool(b) => Expr::Bool(*b),
        Value::Number(n) => Expr::Int(n.as_i64().ok_or_else(|| ResolveError::invalid(format!("`{n}` is not an integer")))?),
        Value::Array(items) => Expr::Array(items.iter().map(parse_expr).collect::<Res<_>>()?),
        Value::Object(obj) => {
            if let Some(name) = obj.get("ref") {
                let name = name.as_str().ok_or_else(|| ResolveError::invalid("`ref` is not a string"))?;
                Expr::Ref(name.to_string())
            } else if let Some(name) = obj.get("fn") {
                let name = name.as_str().ok_or_else(|| ResolveError::invalid("`fn` is not a string"))?;
                let args = match obj.get("argv") {
                    Some(Value::Array(items)) => items.iter().map(parse_expr).collect::<Res<_>>()?,
                    None => Vec::new(),
                    Some(_) => return Err(ResolveError::invalid("`argv` is not an array")),
                };
                match (name, args.as_slice()) {
                    ("getAttr", [target, Expr::Str(path)]) => match path.as_slice() {
                        [Part::Lit(path)] => Expr::GetAttr(Box::new(target.clone()), parse_path(path)?),
                        _ => Expr::Call { name: name.to_string(), args },
                    },
                    _ => Expr::Call { name: name.to_string(), args },
                }
            } else {
                Expr::Object(obj.iter().map(|(k, v)| Ok((k.clone(), parse_expr(v)?))).collect::<Res<_>>()?)
            }
        }
        Value::Null => return Err(ResolveError::invalid("`null` in an expression")),
    })
}

/// Splits a template string into literal text and `{name}` / `{name#path}` references;
/// `{{` and `}}` stand for literal braces.
fn parse_template(text: &str) -> Res<Vec<Part>> {
    let mut parts = Vec::new();
    let mut lit = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' if chars.peek() == Some(&'{') => {
                chars.next();
                lit.push('{');
            }
            '}' if chars.peek() == Some(&'}') => {
                chars.next();
                lit.push('}');
            }
            '{' => {
                let mut inner = String::new();
                loop {
                    match chars.next() {
                        Some('}') => break,
                        Some(c) => inner.push(c),
                        None => return Err(ResolveError::invalid(format!("unclosed `{{` in template `{text}`"))),
                    }
                }
                if !lit.is_empty() {
                    parts.push(Part::Lit(std::mem::take(&mut lit)));
                }
                match inner.split_once('#') {
                    Some((name, path)) => parts.push(Part::Attr(name.to_string(), parse_path(path)?)),
                    None => parts.push(Part::Ref(inner)),
                }
            }
            c => lit.push(c),
        }
    }
    if !lit.is_empty() || parts.is_empty() {
        parts.push(Part::Lit(lit));
    }
    Ok(parts)
}

/// A `getAttr` path: keys separated by `.`, each optionally followed by `[index]`.
fn parse_path(path: &str) -> Res<Vec<Step>> {
    let mut steps = Vec::new();
    for part in path.split('.') {
        let (key, rest) = match part.find('[') {
            Some(i) => (&part[..i], &part[i..]),
            None => (part, ""),
        };
        if !key.is_empty() {
            steps.push(Step::Key(key.to_string()));
        }
        let mut rest = rest;
        while !rest.is_empty() {
            let close = rest.find(']').ok_or_else(|| ResolveError::invalid(format!("bad path `{path}`")))?;
            let index = rest[1..close].parse::<usize>().map_err(|_| ResolveError::invalid(format!("bad index in path `{path}`")))?;
            steps.push(Step::Index(index));
            rest = &rest[close + 1..];
            if !rest.is_empty() && !rest.starts_with('[') {
                return Err(ResolveError::invalid(format!("bad path `{path}`")));
            }
        }
        if key.is_empty() && part.is_empty() {
            return Err(ResolveError::invalid(format!("bad path `{path}`")));
        }
    }
    Ok(steps)
}

fn get_path<'v>(value: &'v Value, steps: &[Step]) -> Option<&'v Value> {
    let mut current = value;
    for step in steps {
        current = match (step, current) {
            (Step::Key(key), Value::Object(obj)) => obj.get(key)?,
            (Step::Index(i), Value::Array(items)) => items.get(*i)?,
            _ => return None,
        };
    }
    Some(current)
}

// ---------------------------------------------------------------------------------------------
// Evaluation
// ---------------------------------------------------------------------------------------------

/// Values in scope: the parameters, then whatever conditions assigned (`Null` = unset); and
/// the partition data (`None`: the bundled one).
struct Eval<'p> {
    scope: Vec<(String, Value)>,
    partitions: Option<&'p Partitions>,
}

impl Eval<'_> {
    fn lookup(&self, name: &str) -> Res<&Value> {
        self.scope
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v)
            .ok_or_else(|| ResolveError::invalid(format!("reference to unknown name `{name}`")))
    }

    fn rules(&mut self, rules: &[Rule]) -> Res<Option<Endpoint>> {
        for rule in rules {
            if let Some(endpoint) = self.rule(rule)? {
                return Ok(Some(endpoint));
            }
        }
        Ok(None)
    }

    /// `Some` if the rule matched (a tree whose conditions match but none of whose rules do is
    /// an error, as the spec requires).
    fn rule(&mut self, rule: &Rule) -> Res<Option<Endpoint>> {
        let conditions = match rule {
            Rule::Endpoint { conditions, .. } | Rule::Error { conditions, .. } | Rule::Tree { conditions, .. } => conditions,
        };
        let depth = self.scope.len();
        let result = self.rule_in_scope(rule, conditions);
        self.scope.truncate(depth);
        result
    }

    fn rule_in_scope(&mut self, rule: &Rule, conditions: &[Condition]) -> Res<Option<Endpoint>> {
        for condition in conditions {
            let value = self.expr(&condition.expr)?;
            if !truthy(&value) {
                return Ok(None);
            }
            if let Some(name) = &condition.assign {
                self.scope.push((name.clone(), value));
            }
        }
        match rule {
            Rule::Endpoint { endpoint, .. } => self.endpoint(endpoint).map(Some),
            Rule::Error { message, .. } => {
                let message = self.string(message)?;
                Err(ResolveError::new(ResolveErrorKind::Rule, message))
            }
            Rule::Tree { rules, .. } => match self.rules(rules)? {
                Some(endpoint) => Ok(Some(endpoint)),
                None => Err(ResolveError::new(
                    ResolveErrorKind::NoMatch,
                    "no rule of a matching tree rule matched the parameters",
                )),
            },
        }
    }

    fn endpoint(&mut self, def: &EndpointDef) -> Res<Endpoint> {
        let url = self.string(&def.url)?;
        let mut headers = BTreeMap::new();
        for (name, values) in &def.headers {
            let values = values.iter().map(|v| self.string(v)).collect::<Res<Vec<_>>>()?;
            headers.insert(name.clone(), values);
        }
        let mut properties = Map::new();
        for (name, expr) in &def.properties {
            properties.insert(name.clone(), self.expr(expr)?);
        }
        Ok(Endpoint { url, headers, properties })
    }

    fn string(&mut self, expr: &Expr) -> Res<String> {
        match self.expr(expr)? {
            Value::String(s) => Ok(s),
            other => Err(ResolveError::invalid(format!("expected a string, got `{other}`"))),
        }
    }

    fn expr(&mut self, expr: &Expr) -> Res<Value> {
        Ok(match expr {
            Expr::Str(parts) => Value::String(self.template(parts)?),
            Expr::Bool(b) => Value::Bool(*b),
            Expr::Int(i) => Value::from(*i),
            Expr::Array(items) => Value::Array(items.iter().map(|e| self.expr(e)).collect::<Res<_>>()?),
            Expr::Object(fields) => {
                let mut obj = Map::new();
                for (k, e) in fields {
                    obj.insert(k.clone(), self.expr(e)?);
                }
                Value::Object(obj)
            }
            Expr::Ref(name) => self.lookup(name)?.clone(),
            Expr::GetAttr(target, steps) => {
                let target = self.expr(target)?;
                get_path(&target, steps).cloned().unwrap_or(Value::Null)
            }
            Expr::Call { name, args } => self.call(name, args)?,
        })
    }

    fn template(&self, parts: &[Part]) -> Res<String> {
        if let [Part::Lit(s)] = parts {
            return Ok(s.clone());
        }
        let mut out = String::new();
        for part in parts {
            let value = match part {
                Part::Lit(s) => {
                    out.push_str(s);
                    continue;
                }
                Part::Ref(name) => self.lookup(name)?,
                Part::Attr(name, steps) => get_path(self.lookup(name)?, steps).unwrap_or(&Value::Null),
            };
            match value {
                Value::String(s) => out.push_str(s),
                Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
                Value::Number(n) => out.push_str(&n.to_string()),
                _ => return Err(ResolveError::invalid(format!("a template refers to a value that is unset or not a string: {part:?}"))),
            }
        }
        Ok(out)
    }

    fn call(&mut self, name: &str, args: &[Expr]) -> Res<Value> {
        // `coalesce` and `ite` evaluate only what they need.
        match name {
            "coalesce" => {
                let mut last = Value::Null;
                for arg in args {
                    last = self.expr(arg)?;
                    if !last.is_null() {
                        break;
                    }
                }
                return Ok(last);
            }
            "ite" => {
                let [cond, then, otherwise] = args else { return Err(arity(name, 3)) };
                let cond = self.expr(cond)?;
                return self.expr(if cond == Value::Bool(true) { then } else { otherwise });
            }
            _ => {}
        }
        let values = args.iter().map(|a| self.expr(a)).collect::<Res<Vec<_>>>()?;
        if name == "aws.partition" {
            let [region] = values.as_slice() else { return Err(arity(name, 1)) };
            let Some(region) = region.as_str() else { return Ok(Value::Null) };
            let partitions = match self.partitions {
                Some(p) => p,
                None => PARTITIONS.as_ref().map_err(Clone::clone)?,
            };
            return Ok(partitions.lookup(region));
        }
        call_function(name, &values)
    }
}

fn truthy(value: &Value) -> bool {
    !matches!(value, Value::Null | Value::Bool(false))
}

fn arity(name: &str, n: usize) -> ResolveError {
    ResolveError::invalid(format!("`{name}` takes {n} argument(s)"))
}

fn opt_str(v: &Value) -> Option<&str> {
    v.as_str()
}

/// The functions whose arguments are all evaluated first.
fn call_function(name: &str, args: &[Value]) -> Res<Value> {
    let want = |n: usize| if args.len() == n { Ok(()) } else { Err(arity(name, n)) };
    Ok(match name {
        "isSet" => {
            want(1)?;
            Value::Bool(!args[0].is_null())
        }
        "not" => {
            want(1)?;
            match &args[0] {
                Value::Bool(b) => Value::Bool(!b),
                Value::Null => Value::Bool(true),
                other => return Err(ResolveError::invalid(format!("`not` of a non-boolean `{other}`"))),
            }
        }
        "booleanEquals" | "stringEquals" => {
            want(2)?;
            Value::Bool(!args[0].is_null() && args[0] == args[1])
        }
        "getAttr" => {
            want(2)?;
            let path = args[1].as_str().ok_or_else(|| ResolveError::invalid("`getAttr` path is not a string"))?;
            let steps = parse_path(path)?;
            get_path(&args[0], &steps).cloned().unwrap_or(Value::Null)
        }
        "parseURL" => {
            want(1)?;
            opt_str(&args[0]).and_then(parse_url).unwrap_or(Value::Null)
        }
        "substring" => {
            want(4)?;
            let (Some(input), Some(start), Some(stop), Some(reverse)) =
                (args[0].as_str(), args[1].as_u64(), args[2].as_u64(), args[3].as_bool())
            else {
                return Ok(Value::Null);
            };
            substring(input, start as usize, stop as usize, reverse).map_or(Value::Null, Value::String)
        }
        "uriEncode" => {
            want(1)?;
            opt_str(&args[0]).map_or(Value::Null, |s| Value::String(uri_encode(s)))
        }
        "isValidHostLabel" => {
            want(2)?;
            match (args[0].as_str(), args[1].as_bool()) {
                (Some(s), Some(sub)) => Value::Bool(is_valid_host_label(s, sub)),
                _ => Value::Bool(false),
            }
        }
        "split" => {
            want(3)?;
            match (args[0].as_str(), args[1].as_str(), args[2].as_i64()) {
                (Some(s), Some(d), Some(limit)) => split(s, d, limit),
                _ => Value::Null,
            }
        }
        "aws.parseArn" => {
            want(1)?;
            opt_str(&args[0]).and_then(parse_arn).unwrap_or(Value::Null)
        }
        "aws.isVirtualHostableS3Bucket" => {
            want(2)?;
            match (args[0].as_str(), args[1].as_bool()) {
                (Some(s), Some(sub)) => Value::Bool(is_virtual_hostable_s3_bucket(s, sub)),
                _ => Value::Bool(false),
            }
        }
        other => return Err(ResolveError::invalid(format!("unknown function `{other}`"))),
    })
}

// ---------------------------------------------------------------------------------------------
// The standard library
// ---------------------------------------------------------------------------------------------

/// `substring`: characters `start..stop` (counted from the end when `reverse`), or nothing if
/// the input is not all ASCII or the range does not fit.
fn substring(input: &str, start: usize, stop: usize, reverse: bool) -> Option<String> {
    if !input.is_ascii() || start >= stop || stop > input.len() {
        return None;
    }
    let (from, to) = if reverse { (input.len() - stop, input.len() - start) } else { (start, stop) };
    Some(input[from..to].to_string())
}

/// `uriEncode`: percent-encodes every byte but the RFC 3986 unreserved characters.
fn uri_encode(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    for b in input.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// One RFC 1123 label: 1 to 63 letters, digits and hyphens, starting with a letter or digit.
fn is_host_label(label: &str) -> bool {
    let bytes = label.as_bytes();
    !bytes.is_empty()
        && bytes.len() <= 63
        && bytes[0].is_ascii_alphanumeric()
        && bytes.iter().all(|b| b.is_ascii_alphanumeric() || *b == b'-')
}

/// `isValidHostLabel`: one label, or with `allow_subdomains` dot-separated labels.
fn is_valid_host_label(value: &str, allow_subdomains: bool) -> bool {
    if allow_subdomains {
        value.split('.').all(is_host_label)
    } else {
        is_host_label(value)
    }
}

fn is_ipv4(host: &str) -> bool {
    let parts: Vec<&str> = host.split('.').collect();
    parts.len() == 4 && parts.iter().all(|p| !p.is_empty() && p.len() <= 3 && p.bytes().all(|b| b.is_ascii_digit()))
}

/// `aws.isVirtualHostableS3Bucket`: a host label of 3 to 63 lowercase letters, digits and
/// hyphens that starts and ends with a letter or digit; with `allow_subdomains`, dot-separated
/// labels that each are one, and not an IPv4 address (as the AWS SDKs check it).
fn is_virtual_hostable_s3_bucket(value: &str, allow_subdomains: bool) -> bool {
    let label_ok = |label: &str| {
        let bytes = label.as_bytes();
        is_host_label(label)
            && (3..=63).contains(&bytes.len())
            && !bytes.iter().any(u8::is_ascii_uppercase)
            && bytes[bytes.len() - 1].is_ascii_alphanumeric()
    };
    if allow_subdomains {
        value.split('.').all(label_ok) && !is_ipv4(value)
    } else {
        label_ok(value)
    }
}

/// `parseURL`: scheme, authority, path, normalized path and whether the host is an IP
/// address; nothing for URLs with a query, without `://`, or with an unknown scheme.
fn parse_url(url: &str) -> Option<Value> {
    let (scheme, rest) = url.split_once("://")?;
    if !matches!(scheme, "http" | "https") || url.contains('?') || url.contains('#') {
        return None;
    }
    let (authority, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, ""),
    };
    if authority.is_empty() || authority.contains(|c: char| c.is_whitespace()) {
        return None;
    }
    let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let is_ip = if host.starts_with('[') {
        host.contains(']')
    } else {
        let name = match host.rsplit_once(':') {
            Some((name, port)) if port.bytes().all(|b| b.is_ascii_digit()) => name,
            _ => host,
        };
        is_ipv4(name)
    };
    let mut normalized = String::with_capacity(path.len() + 2);
    if !path.starts_with('/') {
        normalized.push('/');
    }
    normalized.push_str(path);
    if !normalized.ends_with('/') {
        normalized.push('/');
    }
    let mut obj = Map::new();
    obj.insert("scheme".into(), Value::String(scheme.to_string()));
    obj.insert("authority".into(), Value::String(authority.to_string()));
    obj.insert("path".into(), Value::String(path.to_string()));
    obj.insert("normalizedPath".into(), Value::String(normalized));
    obj.insert("isIp".into(), Value::Bool(is_ip));
    Some(Value::Object(obj))
}

/// `split`: the parts of `value` between `delimiter`s; `limit` > 0 caps the number of parts.
fn split(value: &str, delimiter: &str, limit: i64) -> Value {
    if delimiter.is_empty() {
        return Value::Null;
    }
    let parts: Vec<Value> = if limit > 0 {
        value.splitn(limit as usize, delimiter).map(|s| Value::String(s.to_string())).collect()
    } else {
        value.split(delimiter).map(|s| Value::String(s.to_string())).collect()
    };
    Value::Array(parts)
}

/// `aws.parseArn`: `arn:partition:service:region:account:resource`, with the resource split
/// on `:` and `/`; nothing if the value is not such an ARN.
fn parse_arn(value: &str) -> Option<Value> {
    let mut parts = value.splitn(6, ':');
    if parts.next()? != "arn" {
        return None;
    }
    let partition = parts.next()?;
    let service = parts.next()?;
    let region = parts.next()?;
    let account = parts.next()?;
    let resource = parts.next()?;
    if partition.is_empty() || service.is_empty() || resource.is_empty() {
        return None;
    }
    let ids = resource.split([':', '/']).map(|s| Value::String(s.to_string())).collect();
    let mut obj = Map::new();
    obj.insert("partition".into(), Value::String(partition.to_string()));
    obj.insert("service".into(), Value::String(service.to_string()));
    obj.insert("region".into(), Value::String(region.to_string()));
    obj.insert("accountId".into(), Value::String(account.to_string()));
    obj.insert("resourceId".into(), Value::Array(ids));
    Some(Value::Object(obj))
}

// ---------------------------------------------------------------------------------------------
// aws.partition
// ---------------------------------------------------------------------------------------------

struct Partition {
    id: String,
    regex: Option<Regex>,
    regions: Map<String, Value>,
    outputs: Map<String, Value>,
}

/// AWS partition data (the format of `partitions.json`), which `aws.partition` reads.
pub struct Partitions(Vec<Partition>);

impl fmt::Debug for Partitions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.0.iter().map(|p| &p.id)).finish()
    }
}

/// The bundled partition data (`partitions.json`), parsed on first use.
static PARTITIONS: LazyLock<Res<Partitions>> = LazyLock::new(|| Partitions::from_json(include_str!("partitions.json")));

impl Partitions {
    /// Parses partition data in the format of `partitions.json`.
    pub fn from_json(text: &str) -> Res<Partitions> {
        load_partitions(text).map(Partitions)
    }

    /// `aws.partition`: the partition that lists the region, else the first whose regex
    /// matches it, else `aws`; its outputs, with any the region overrides.
    fn lookup(&self, region: &str) -> Value {
        let partitions = &self.0;
        let listed = partitions.iter().find_map(|p| p.regions.get(region).map(|r| (p, r.as_object())));
        let (found, overrides) = match listed {
            Some((p, overrides)) => (Some(p), overrides),
            None => {
                let by_regex = partitions.iter().find(|p| p.regex.as_ref().is_some_and(|re| re.is_match(region)));
                (by_regex.or_else(|| partitions.iter().find(|p| p.id == "aws")), None)
            }
        };
        let Some(p) = found else { return Value::Null };
        let mut outputs = p.outputs.clone();
        if let Some(overrides) = overrides {
            for (k, v) in overrides {
                if k != "description" {
                    outputs.insert(k.clone(), v.clone());
                }
            }
        }
        Value::Object(outputs)
    }
}

fn load_partitions(text: &str) -> Res<Vec<Partition>> {
    let data: Value = serde_json::from_str(text)
        .map_err(|e| ResolveError::invalid(format!("the partition data is not valid JSON: {e}")))?;
    let items = data
        .get("partitions")
        .and_then(Value::as_array)
        .ok_or_else(|| ResolveError::invalid("the partition data has no `partitions`"))?;
    items
        .iter()
        .map(|p| {
            let id = p.get("id").and_then(Value::as_str).unwrap_or_default().to_string();
            let regex = match p.get("regionRegex").and_then(Value::as_str) {
                Some(pattern) => Some(Regex::new(pattern).ok_or_else(|| {
                    ResolveError::invalid(format!("partition `{id}` has an unsupported regionRegex `{pattern}`"))
                })?),
                None => None,
            };
            Ok(Partition {
                regex,
                regions: p.get("regions").and_then(Value::as_object).cloned().unwrap_or_default(),
                outputs: p.get("outputs").and_then(Value::as_object).cloned().unwrap_or_default(),
                id,
            })
        })
        .collect()
}

/// A small backtracking regular-expression matcher, enough for the partitions' region
/// patterns: anchors, literals and escapes, `.`, `\d` `\w` `\s`, classes `[...]`, groups with
/// `|`, and the quantifiers `*` `+` `?`.
struct Regex {
    alternatives: Vec<Vec<Node>>,
    anchored_start: bool,
}

#[derive(Debug)]
enum Atom {
    Char(char),
    Any,
    Class(Vec<(char, char)>, bool),
    Group(Vec<Vec<Node>>),
    End,
}

#[derive(Debug)]
struct Node {
    atom: Atom,
    min: usize,
    max: Option<usize>,
}

impl Regex {
    fn new(pattern: &str) -> Option<Regex> {
        let chars: Vec<char> = pattern.chars().collect();
        let mut pos = 0;
        let anchored_start = chars.first() == Some(&'^');
        if anchored_start {
            pos = 1;
        }
        let alternatives = Self::alternatives(&chars, &mut pos)?;
        (pos == chars.len()).then_some(Regex { alternatives, anchored_start })
    }

    fn alternatives(chars: &[char], pos: &mut usize) -> Option<Vec<Vec<Node>>> {
        let mut alts = vec![Vec::new()];
        while *pos < chars.len() {
            let c = chars[*pos];
            *pos += 1;
            let atom = match c {
                '|' => {
                    alts.push(Vec::new());
                    continue;
                }
                ')' => {
                    *pos -= 1;
                    return Some(alts);
                }
                '(' => {
                    if chars.get(*pos) == Some(&'?') && chars.get(*pos + 1) == Some(&':') {
                        *pos += 2;
                    }
                    let inner = Self::alternatives(chars, pos)?;
                    if chars.get(*pos) != Some(&')') {
                        return None;
                    }
                    *pos += 1;
                    Atom::Group(inner)
                }
                '$' => Atom::End,
                '.' => Atom::Any,
                '\\' => {
                    let e = *chars.get(*pos)?;
                    *pos += 1;
                    Self::escape(e)
                }
                '[' => {
                    let negated = chars.get(*pos) == Some(&'^');
                    if negated {
                        *pos += 1;
                    }
                    let mut ranges = Vec::new();
                    loop {
                        let c = *chars.get(*pos)?;
                        *pos += 1;
                        match c {
                            ']' => break,
                            '\\' => {
                                let e = *chars.get(*pos)?;
                                *pos += 1;
                                match Self::escape(e) {
                                    Atom::Char(c) => ranges.push((c, c)),
                                    Atom::Class(r, false) => ranges.extend(r),
                                    _ => return None,
                                }
                            }
                            c if chars.get(*pos) == Some(&'-') && chars.get(*pos + 1).is_some_and(|n| *n != ']') => {
                                let end = chars[*pos + 1];
                                *pos += 2;
                                ranges.push((c, end));
                            }
                            c => ranges.push((c, c)),
                        }
                    }
                    Atom::Class(ranges, negated)
                }
                '*' | '+' | '?' | '{' => return None,
                c => Atom::Char(c),
            };
            let (min, max) = match chars.get(*pos) {
                Some('*') => (0, None),
                Some('+') => (1, None),
                Some('?') => (0, Some(1)),
                _ => (1, Some(1)),
            };
            if (min, max) != (1, Some(1)) {
                *pos += 1;
            }
            alts.last_mut()?.push(Node { atom, min, max });
        }
        Some(alts)
    }

    fn escape(e: char) -> Atom {
        match e {
            'd' => Atom::Class(vec![('0', '9')], false),
            'w' => Atom::Class(vec![('a', 'z'), ('A', 'Z'), ('0', '9'), ('_', '_')], false),
            's' => Atom::Class(vec![(' ', ' '), ('\t', '\t'), ('\n', '\n'), ('\r', '\r')], false),
            c => Atom::Char(c),
        }
    }

    fn is_match(&self, text: &str) -> bool {
        // The matcher recurses once per character; no region name is anywhere near this long.
        if text.len() > 1024 {
            return false;
        }
        let chars: Vec<char> = text.chars().collect();
        let starts = if self.anchored_start { 0..=0 } else { 0..=chars.len() };
        starts.into_iter().any(|start| {
            self.alternatives.iter().any(|alt| match_seq(alt, &chars, start, &mut |_| true))
        })
    }
}

/// Matches `nodes` at `pos`, calling `k` with each end position until it accepts.
fn match_seq(nodes: &[Node], chars: &[char], pos: usize, k: &mut dyn FnMut(usize) -> bool) -> bool {
    let Some((node, rest)) = nodes.split_first() else { return k(pos) };
    match_repeat(node, 0, rest, chars, pos, k)
}

fn match_repeat(node: &Node, count: usize, rest: &[Node], chars: &[char], pos: usize, k: &mut dyn FnMut(usize) -> bool) -> bool {
    // Greedy: try one more repetition first, then stop here if the minimum is met.
    if node.max.is_none_or(|max| count < max) {
        let matched = match_atom(&node.atom, chars, pos, &mut |next| {
            // An unbounded repetition must consume input, or it would loop forever.
            (node.max.is_some() || next != pos) && match_repeat(node, count + 1, rest, chars, next, k)
        });
        if matched {
            return true;
        }
    }
    count >= node.min && match_seq(rest, chars, pos, k)
}

fn match_atom(atom: &Atom, chars: &[char], pos: usize, k: &mut dyn FnMut(usize) -> bool) -> bool {
    match atom {
        Atom::Char(c) => chars.get(pos) == Some(c) && k(pos + 1),
        Atom::Any => chars.get(pos).is_some_and(|c| *c != '\n') && k(pos + 1),
        Atom::Class(ranges, negated) => {
            chars.get(pos).is_some_and(|c| ranges.iter().any(|(lo, hi)| lo <= c && c <= hi) != *negated) && k(pos + 1)
        }
        Atom::End => pos == chars.len() && k(pos),
        Atom::Group(alts) => alts.iter().any(|alt| match_seq(alt, chars, pos, k)),
    }
}
