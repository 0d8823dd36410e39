//! The resolved crate: every Rust name, module path and type is decided here, once, so the
//! emitters only print.

mod recursion;
mod resolve;

pub use resolve::resolve;

use serde_json::Value;

/// Everything the emitters need to write one crate.
#[derive(Debug, Clone)]
pub struct Crate {
    pub package_name: String,
    pub lib_name: String,
    pub version: String,
    /// The `smithy-codegen-runtime` dependency, as a TOML inline table.
    pub runtime: String,
    pub service: ServiceInfo,
    /// Sorted by location, then name.
    pub types: Vec<TypeDef>,
    /// Sorted by name.
    pub operations: Vec<OperationDef>,
    pub uses: Uses,
    pub examples: Examples,
    /// Distinct `@pattern`s that `validate()` enforces, sorted; `crate::patterns::P<index>`.
    pub patterns: Vec<String>,
    /// What the generator could not do fully, for the maintainer to read.
    pub warnings: Vec<String>,
    /// The error structure that `validate()` failures convert into, when the service has one
    /// shaped like AWS's `ValidationException` (a message and a list of name/message fields).
    pub validation_exception: Option<ValidationException>,
}

impl Crate {
    /// The type at `path`, if the crate has one.
    pub fn type_def(&self, path: &TypePath) -> Option<&TypeDef> {
        self.types.iter().find(|t| &t.path == path)
    }

    /// Whether `ty` is one of the crate's unions (boxed or not), whose `Default` stands for a
    /// required member that is not set, and is never written.
    pub fn is_union(&self, ty: &Ty) -> bool {
        match ty {
            Ty::Named(path) => matches!(self.type_def(path).map(|t| &t.kind), Some(TypeKind::Union(_))),
            Ty::Boxed(inner) => self.is_union(inner),
            _ => false,
        }
    }
}

#[derive(Debug, Clone)]
pub struct ValidationException {
    pub error: TypePath,
    /// (field, optional) of the message.
    pub message: (String, bool),
    pub field_list: Option<FieldList>,
    /// (field, optional, enum type, variant) of a reason member with `FIELD_VALIDATION_FAILED`.
    pub reason: Option<(String, bool, TypePath, String)>,
}

/// The `FieldList` member of a `ValidationException`: a list of structures with a name (or
/// path) and a message, each (field, optional).
#[derive(Debug, Clone)]
pub struct FieldList {
    pub field: String,
    pub optional: bool,
    pub item: TypePath,
    pub name: (String, bool),
    pub message: (String, bool),
}

#[derive(Debug, Clone)]
pub struct ServiceInfo {
    pub id: String,
    /// The service shape's name, e.g. `AmazonMWAAServerless` (the `X-Amz-Target` prefix).
    pub shape_name: String,
    pub sdk_id: Option<String>,
    /// The service's title (`@title`, else the sdkId, else the shape name) as Markdown inline
    /// text for docs: on one line, escaped so that it reads literally anywhere in a doc comment.
    pub title: String,
    /// The same title as plain text on one line (whitespace runs collapsed, trimmed), for
    /// non-Markdown contexts such as the manifest's `description` (escape it there).
    pub title_text: String,
    pub docs: Option<String>,
    pub version: Option<String>,
    pub protocol: Option<String>,
    pub signing_name: Option<String>,
    /// The service trait's name, e.g. `MwaaServerless`.
    pub trait_name: String,
    /// `aws.protocols#awsQueryCompatible`: a JSON service that once spoke awsQuery; clients
    /// send `x-amzn-query-mode`.
    pub query_compatible: bool,
    /// `smithy.rules#endpointRuleSet`, as the model writes it.
    pub endpoint_rules: Option<Value>,
    /// `smithy.rules#endpointTests`, as the model writes it.
    pub endpoint_tests: Option<Value>,
}

impl ServiceInfo {
    /// The JSON protocol version (`1.0` or `1.1`) when the service speaks `awsJson1_0` or
    /// `awsJson1_1`: the protocols the generated client and server support.
    pub fn json_version(&self) -> Option<&'static str> {
        match self.protocol.as_deref() {
            Some("awsJson1_0") => Some("1.0"),
            Some("awsJson1_1") => Some("1.1"),
            _ => None,
        }
    }
}

/// Which support types the crate needs, so its manifest lists only what it uses.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Uses {
    pub blob: bool,
    pub date_time: bool,
    pub document: bool,
    pub big_number: bool,
}

/// Operations the crate docs use for their examples.
#[derive(Debug, Clone, Default)]
pub struct Examples {
    /// Build this operation's input.
    pub input: Option<String>,
    /// Read this operation's output.
    pub output: Option<String>,
}

/// Where a type lives in the generated crate.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Location {
    /// `crate::types`
    Types,
    /// `crate::types::error`
    Errors,
    /// `crate::operation::<module>`
    Operation(String),
}

impl Location {
    /// Module path segments below `crate`.
    pub fn segments(&self) -> Vec<String> {
        match self {
            Location::Types => vec!["types".into()],
            Location::Errors => vec!["types".into(), "error".into()],
            Location::Operation(m) => vec!["operation".into(), m.clone()],
        }
    }

    /// Directory of this location's files, below `src/`.
    pub fn dir(&self) -> String {
        self.segments().iter().map(|s| crate::naming::unraw(s)).collect::<Vec<_>>().join("/")
    }
}

/// A named path to a generated type.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TypePath {
    pub location: Location,
    pub name: String,
}

#[derive(Debug, Clone)]
pub struct TypeDef {
    pub shape_id: String,
    pub path: TypePath,
    /// The file module holding the type and its builder, e.g. `workflow_run_detail`.
    pub module: String,
    pub docs: String,
    pub sensitive: bool,
    /// Whether the type gets `validate()` (it is an operation input or inside one).
    pub validated: bool,
    pub kind: TypeKind,
    /// `smithy.test#httpResponseTests` on an error structure, as the model writes them.
    pub response_tests: Vec<Value>,
}

#[derive(Debug, Clone)]
pub enum TypeKind {
    Struct(StructDef),
    Enum(EnumDef),
    Union(UnionDef),
}

#[derive(Debug, Clone)]
pub struct StructDef {
    pub fields: Vec<Field>,
    pub error: Option<ErrorInfo>,
}

/// What `@error`, `@httpError` and `@retryable` say about an error structure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorInfo {
    /// `true` for `@error("server")`.
    pub server_fault: bool,
    pub http_status: Option<u16>,
    pub retryable: bool,
    pub throttling: bool,
    /// The error code: the shape's name in the model (renames do not change it).
    pub code: String,
    /// `aws.protocols#awsQueryError`'s code, for `@awsQueryCompatible` services.
    pub query_code: Option<String>,
    /// The field holding the message (`Message` or `message`), and whether it is optional.
    pub message: Option<(String, bool)>,
}

#[derive(Debug, Clone)]
pub struct Field {
    /// The member name (the JSON key, unless a protocol honours `json_name`).
    pub wire_name: String,
    /// `@jsonName`, which restJson1 uses as the member's JSON key.
    pub json_name: Option<String>,
    /// The member's HTTP binding, on operation inputs, outputs and errors only.
    pub binding: Option<HttpBinding>,
    /// `@mediaType` of the member's target (a string header is then base64, a payload gets it
    /// as its content type).
    pub media_type: Option<String>,
    /// `@idempotencyToken`.
    pub idempotency_token: bool,
    pub name: String,
    pub setter: String,
    pub set_setter: String,
    /// The structure's `fn name(&self) -> &[T]` for a list member, as the AWS SDK has; `None`
    /// for other members.
    pub accessor: Option<String>,
    pub docs: String,
    pub ty: Ty,
    /// Wrapped in `Option` in the struct.
    pub optional: bool,
    /// `@required`: the builder reports it when unset.
    pub required: bool,
    /// The `@default` value, when the member has one.
    pub default: Option<Value>,
    pub sensitive: bool,
    pub rules: Rules,
}

/// Where an HTTP binding trait puts a member of an operation's input, output or error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HttpBinding {
    /// `@httpLabel`: a `{label}` (or greedy `{label+}`) of the URI pattern.
    Label,
    /// `@httpQuery("name")`.
    Query(String),
    /// `@httpQueryParams`: a map of the query parameters not otherwise bound.
    QueryParams,
    /// `@httpHeader("name")`.
    Header(String),
    /// `@httpPrefixHeaders("prefix")`: a map of the headers with the prefix.
    PrefixHeaders(String),
    /// `@httpPayload`: the whole body.
    Payload,
    /// `@httpResponseCode`: the status of a response.
    ResponseCode,
    /// `@hostLabel`: a label of `@endpoint`'s host prefix (also in the body).
    HostLabel,
}

/// Constraint traits on a value (from the member and its target), for `validate()`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Rules {
    pub length: Option<(Option<u64>, Option<u64>)>,
    /// Bounds as the model writes them (decimal text).
    pub range: Option<(Option<String>, Option<String>)>,
    /// Index into [`Crate::patterns`] and the pattern text.
    pub pattern: Option<(usize, String)>,
    /// `@uniqueItems` on a list.
    pub unique_items: bool,
    /// Rules of a list's items, or a map's keys and values.
    pub item: Option<Box<Rules>>,
    pub key: Option<Box<Rules>>,
    pub value: Option<Box<Rules>>,
}

impl Rules {
    pub fn is_empty(&self) -> bool {
        self == &Rules::default()
    }
}

#[derive(Debug, Clone)]
pub struct EnumDef {
    pub int: bool,
    pub variants: Vec<EnumVariant>,
}

#[derive(Debug, Clone)]
pub struct EnumVariant {
    pub name: String,
    pub value: EnumValue,
    pub docs: String,
    /// `@internal`: valid, but left out of the values a validation message lists.
    pub internal: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EnumValue {
    String(String),
    Int(i64),
}

#[derive(Debug, Clone)]
pub struct UnionDef {
    pub variants: Vec<UnionVariant>,
}

#[derive(Debug, Clone)]
pub struct UnionVariant {
    pub wire_name: String,
    /// `@jsonName`, which restJson1 uses as the member's JSON key.
    pub json_name: Option<String>,
    pub name: String,
    /// Snake-case stem for the `as_*`/`is_*` helpers.
    pub method: String,
    pub docs: String,
    /// `None` for a `smithy.api#Unit` member.
    pub ty: Option<Ty>,
    pub rules: Rules,
}

/// A Rust type, as a tree, so emitters can print it and derive its wire adapter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ty {
    String,
    Bool,
    I8,
    I16,
    I32,
    I64,
    F32,
    F64,
    Blob,
    /// A timestamp, with its explicit `@timestampFormat`; without one each protocol and
    /// location has its default.
    DateTime(Option<TimestampFormat>),
    Document,
    BigInteger,
    BigDecimal,
    Named(TypePath),
    List { item: Box<Ty>, sparse: bool },
    Map { key: Box<Ty>, value: Box<Ty>, sparse: bool },
    /// Breaks a cycle of directly nested structures or unions.
    Boxed(Box<Ty>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimestampFormat {
    EpochSeconds,
    DateTime,
    HttpDate,
}

#[derive(Debug, Clone)]
pub struct OperationDef {
    pub shape_id: String,
    /// The operation's shape name (what `X-Amz-Target` carries).
    pub wire_name: String,
    pub name: String,
    pub module: String,
    pub docs: String,
    pub input: TypePath,
    pub output: TypePath,
    /// The model gives no output (`smithy.api#Unit`): the response body is empty.
    pub output_is_unit: bool,
    /// `@endpoint`'s `hostPrefix`, with `{Label}`s naming `@hostLabel` input members.
    pub host_prefix: Option<String>,
    /// `@requestCompression` lists `gzip`: clients may gzip large request bodies.
    pub request_gzip: bool,
    /// `@httpChecksumRequired`: requests carry `Content-MD5`.
    pub checksum_required: bool,
    /// The operation's errors and the service's, sorted by name.
    pub errors: Vec<TypePath>,
    pub readonly: bool,
    pub idempotent: bool,
    /// The input member marked `@idempotencyToken` (wire name).
    pub idempotency_token: Option<String>,
    pub pagination: Option<Pagination>,
    /// `@http`: method, URI pattern and success code.
    pub http: Option<(String, String, u16)>,
    /// `smithy.test#httpRequestTests` and `smithy.test#httpResponseTests` on the operation,
    /// as the model writes them (every protocol's).
    pub request_tests: Vec<Value>,
    /// `smithy.test#httpMalformedRequestTests` on the operation, as the model writes them.
    pub malformed_tests: Vec<Value>,
    pub response_tests: Vec<Value>,
}

/// `@paginated`, merged with the service's, with every member path resolved.
#[derive(Debug, Clone)]
pub struct Pagination {
    pub input_token: String,
    pub output_token: String,
    pub page_size: Option<String>,
    pub items: Option<String>,
    /// The input's token field and whether it is an `Option`.
    pub input_token_field: (String, bool),
    /// Fields from the output to its token.
    pub output_token_path: Vec<PathStep>,
    /// The page-size field, whether it is an `Option`, and its type.
    pub page_size_field: Option<(String, bool, Ty)>,
    /// Fields from the output to its items list, the item type, and whether the list is
    /// `@sparse` (its `null`s are skipped).
    pub items_path: Option<(Vec<PathStep>, Ty, bool)>,
    /// The token's type, when the input's and the output's token have the same one, which the
    /// generated paginators need (most tokens are strings; DynamoDB's are maps).
    pub token: Option<Ty>,
}

/// One step of a member path: (field, whether it is an `Option`, whether it is boxed).
pub type PathStep = (String, bool, bool);
