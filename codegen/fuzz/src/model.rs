//! A structure-aware generator of Smithy JSON AST models.
//!
//! `arbitrary` turns the fuzzer's bytes into a [`FuzzModel`]: a service, operations, resources
//! and data shapes whose references are indices, resolved modulo the number of shapes of the
//! right kind when the model is written out. So most inputs are models the loader accepts, and
//! the generator's later passes (naming, recursion, pagination, docs, validation, emit) see
//! them; a few knobs (`Name::Raw`, `Target::Raw`, dangling mixins, raw traits) still produce
//! invalid models so the error paths are exercised too.
//!
//! The JSON is written by hand ([`Json`]) rather than through `serde_json::Value`, so member
//! order is kept without turning on serde_json's `preserve_order` (which would change the
//! generator's own behaviour through feature unification).

use arbitrary::{Arbitrary, Result, Unstructured};
use std::fmt::Write;

/// A JSON value with object keys in insertion order.
#[derive(Debug, Clone)]
pub enum Json {
    Null,
    Bool(bool),
    /// Number text, written as is (so `1e400`, `-0`, `1.0` and 20-digit integers can appear).
    Num(String),
    Str(String),
    Arr(Vec<Json>),
    Obj(Vec<(String, Json)>),
}

impl Json {
    pub fn obj() -> Json {
        Json::Obj(Vec::new())
    }
    pub fn s(text: impl Into<String>) -> Json {
        Json::Str(text.into())
    }
    /// Sets a key, replacing an earlier value (serde rejects duplicate struct fields).
    pub fn set(&mut self, key: impl Into<String>, value: Json) {
        let key = key.into();
        if let Json::Obj(entries) = self {
            match entries.iter_mut().find(|(k, _)| *k == key) {
                Some(entry) => entry.1 = value,
                None => entries.push((key, value)),
            }
        }
    }
    pub fn write(&self, out: &mut String) {
        match self {
            Json::Null => out.push_str("null"),
            Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Json::Num(n) => out.push_str(n),
            Json::Str(s) => out.push_str(&serde_json::to_string(s).unwrap()),
            Json::Arr(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    item.write(out);
                }
                out.push(']');
            }
            Json::Obj(entries) => {
                out.push('{');
                for (i, (k, v)) in entries.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    out.push_str(&serde_json::to_string(k).unwrap());
                    out.push(':');
                    v.write(out);
                }
                out.push('}');
            }
        }
    }
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        self.write(&mut out);
        out
    }
}

/// Names the generator must survive: keywords, std names, generated API names, casing and
/// digit edge cases, names that collide after case conversion, and non-identifiers.
pub const NAMES: &[&str] = &[
    "a",
    "A",
    "foo",
    "Foo",
    "fooBar",
    "FooBar",
    "foo_bar",
    "FOO_BAR",
    "foo__bar",
    "Foo2",
    "foo2Bar",
    "type",
    "Type",
    "self",
    "Self",
    "super",
    "crate",
    "Crate",
    "r#type",
    "_",
    "__",
    "_a",
    "a_",
    "async",
    "await",
    "dyn",
    "try",
    "gen",
    "union",
    "macro_rules",
    "static",
    "Static",
    "box",
    "Box",
    "match",
    "fn",
    "impl",
    "mod",
    "move",
    "ref",
    "where",
    "yield",
    "abstract",
    "become",
    "final",
    "String",
    "Option",
    "Some",
    "None",
    "Ok",
    "Err",
    "Result",
    "Vec",
    "HashMap",
    "Default",
    "Clone",
    "Debug",
    "Error",
    "Unknown",
    "unknown",
    "UNKNOWN",
    "UnknownValue",
    "UnknownValue1",
    "Value",
    "value",
    "build",
    "builder",
    "Builder",
    "set_foo",
    "get_foo",
    "new",
    "into",
    "send",
    "input",
    "output",
    "Input",
    "Output",
    "message",
    "Message",
    "Config",
    "Client",
    "error",
    "Error_",
    "builders",
    "Builders",
    "errors",
    "types",
    "operation",
    "primitives",
    "patterns",
    "validate",
    "Validate",
    "is_unknown",
    "as_str",
    "from",
    "serde",
    "std",
    "core",
    "alloc",
    "ValidationException",
    "fieldList",
    "name",
    "path",
    "reason",
    "FieldValidationFailed",
    "nextToken",
    "NextToken",
    "maxResults",
    "items",
    "Items",
    "pageSize",
    "token",
    "1",
    "1st",
    "_1ST",
    "1e5",
    "a-b",
    "with space",
    "a.b",
    "a$b",
    "é",
    "Ñame",
    "日本",
    "\u{0}",
    "",
    " ",
    "\"",
    "\\",
    "'",
    "`",
    "*/",
    "/*",
    "//",
    "\n",
    "\r",
    "\r\n",
    "\u{2028}",
    "#",
    "{}",
    "{{",
    "}}",
    "<p>",
    "::",
    "r#",
    "r#self",
    "_Self",
    "SelfBuilder",
    "FooBuilder",
    "Metadata",
    "Unhandled",
    "DateTime",
    "Blob",
    "Document",
    "BigInteger",
    "Sensitive",
    "T",
    "E",
    "V1",
];

const NAMESPACES: &[&str] = &[
    "example.fuzz",
    "a.ns",
    "b.ns",
    "smithy.api",
    "aws.api",
    "x",
    "n1.n2.n3",
    "crate",
];

/// Regex patterns, Rust-regex-compatible or not.
const PATTERNS: &[&str] = &[
    "^[a-z]+$",
    ".*",
    "",
    "^\\d{1,3}$",
    "(?=x)",
    "(a)\\1",
    "[",
    "\\",
    "\"",
    "^[^\"]*$",
    "\\p{L}+",
    "^[\\u0020-\\uD7FF]*$",
    "a{1000000}",
    "(?i)abc",
    "#\"",
    "\"#",
    "r#\"",
    "\n",
    "^\\s*$",
    "{}",
];

/// Timestamp formats: the three real ones and some that are not.
const TS_FORMATS: &[&str] = &[
    "date-time",
    "http-date",
    "epoch-seconds",
    "",
    "DATE-TIME",
    "unix",
];

/// Documentation fragments: HTML, Markdown, rustdoc and Rust comment syntax.
const DOC_BITS: &[&str] = &[
    "<p>",
    "</p>",
    "<code>",
    "</code>",
    "<pre>",
    "</pre>",
    "<pre><code>",
    "</code></pre>",
    "<b>",
    "</b>",
    "<i>",
    "<em>",
    "</em>",
    "<a href=\"https://example.com\">",
    "<a href=\"",
    "</a>",
    "<ul>",
    "<li>",
    "</li>",
    "</ul>",
    "<ol>",
    "<note>",
    "</note>",
    "<important>",
    "<br/>",
    "<br>",
    "<h1>",
    "<dl><dt>",
    "<dd>",
    "<table><tr><td>",
    "<div",
    ">",
    "<",
    "&lt;",
    "&gt;",
    "&amp;",
    "&quot;",
    "&#39;",
    "&#x1F600;",
    "&nbsp;",
    "&bogus;",
    "&",
    "`",
    "```",
    "```rust\nfn x(",
    "~~~",
    "*",
    "**",
    "_",
    "[",
    "]",
    "[0, 100]",
    "[a](b)",
    "](",
    "#",
    "# ",
    "\n# hidden",
    "> ",
    "- ",
    "1. ",
    "|",
    "\\",
    "\"",
    "'",
    "\n",
    "\n\n",
    "\r",
    "\r\n",
    "\t",
    "    indented",
    "///",
    "//!",
    "/*",
    "*/",
    "/**",
    "#[doc",
    "\u{0}",
    "\u{2028}",
    "\u{feff}",
    "é",
    "日本語",
    "💥",
    "x",
    "text ",
    "https://example.com/a_b",
    "<T>",
    "Option<String>",
    "{",
    "}",
    "{{",
    "$",
    "${x}",
    "%s",
    "<!-- c -->",
    "<![CDATA[x]]>",
    "<script>",
    "\u{7f}",
    "\u{1b}[0m",
    "ignore",
    "no_run",
    "compile_fail",
    "```ignore\n",
    "```\nlet x = 1;\n```",
];

fn pick<'a>(u: &mut Unstructured, from: &[&'a str]) -> Result<&'a str> {
    Ok(*u.choose(from)?)
}

/// A name: mostly from [`NAMES`], sometimes arbitrary text.
#[derive(Debug, Clone)]
pub struct Name(pub String);

impl<'a> Arbitrary<'a> for Name {
    fn arbitrary(u: &mut Unstructured<'a>) -> Result<Self> {
        Ok(Name(match u.int_in_range(0u8..=9)? {
            9 => String::arbitrary(u)?.chars().take(24).collect(),
            8 => format!("{}{}", pick(u, NAMES)?, pick(u, NAMES)?),
            7 => format!("{}{}", pick(u, NAMES)?, u.int_in_range(0u32..=99)?),
            _ => pick(u, NAMES)?.to_string(),
        }))
    }
}

/// A shape name that passes the loader's id check (letters, digits, `_`, no leading digit),
/// except rarely.
#[derive(Debug, Clone)]
pub struct ShapeName(pub String);

impl<'a> Arbitrary<'a> for ShapeName {
    fn arbitrary(u: &mut Unstructured<'a>) -> Result<Self> {
        if !u.ratio(249u8, 250)? {
            return Ok(ShapeName(Name::arbitrary(u)?.0));
        }
        let base = Name::arbitrary(u)?.0;
        let mut clean: String = base
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        if clean.is_empty() || clean.starts_with(|c: char| c.is_ascii_digit()) {
            clean.insert(0, if u.arbitrary()? { 'S' } else { '_' });
        }
        Ok(ShapeName(clean))
    }
}

/// Arbitrary JSON, depth-bounded, with awkward numbers and strings.
#[derive(Debug, Clone)]
pub struct AnyJson(pub Json);

fn any_json(u: &mut Unstructured, depth: u32) -> Result<Json> {
    let max = if depth >= 3 { 4 } else { 6 };
    Ok(match u.int_in_range(0..=max)? {
        0 => Json::Null,
        1 => Json::Bool(u.arbitrary()?),
        2 => Json::Num(number(u)?),
        3 => Json::Str(text(u)?),
        4 => Json::Num(u.arbitrary::<i64>()?.to_string()),
        5 => {
            let n = u.int_in_range(0..=3)?;
            Json::Arr(
                (0..n)
                    .map(|_| any_json(u, depth + 1))
                    .collect::<Result<_>>()?,
            )
        }
        _ => {
            let n = u.int_in_range(0..=3)?;
            let mut o = Json::obj();
            for _ in 0..n {
                let k = Name::arbitrary(u)?.0;
                o.set(k, any_json(u, depth + 1)?);
            }
            o
        }
    })
}

impl<'a> Arbitrary<'a> for AnyJson {
    fn arbitrary(u: &mut Unstructured<'a>) -> Result<Self> {
        Ok(AnyJson(any_json(u, 0)?))
    }
}

const NUMBERS: &[&str] = &[
    "0",
    "-0",
    "1",
    "-1",
    "0.0",
    "-0.0",
    "1.5",
    "-1.5",
    "1e3",
    "1E-3",
    "1e308",
    "-1e308",
    "1e400",
    "5e-324",
    "127",
    "128",
    "-128",
    "-129",
    "255",
    "256",
    "32767",
    "32768",
    "-32769",
    "2147483647",
    "2147483648",
    "-2147483648",
    "-2147483649",
    "9007199254740993",
    "9223372036854775807",
    "9223372036854775808",
    "-9223372036854775808",
    "-9223372036854775809",
    "18446744073709551615",
    "18446744073709551616",
    "100000000000000000000000000000",
    "0.1",
    "3.4028235e38",
    "3.5e38",
    "1.7976931348623157e308",
    "123456789012345678901234567890.5",
];

fn number(u: &mut Unstructured) -> Result<String> {
    Ok(match u.int_in_range(0u8..=3)? {
        0 => u.arbitrary::<f64>().map(|f| {
            if f.is_finite() {
                f.to_string()
            } else {
                "1".into()
            }
        })?,
        1 => u.arbitrary::<u64>()?.to_string(),
        _ => pick(u, NUMBERS)?.to_string(),
    })
}

fn text(u: &mut Unstructured) -> Result<String> {
    Ok(match u.int_in_range(0u8..=3)? {
        0 => String::arbitrary(u)?.chars().take(40).collect(),
        1 => pick(u, DOC_BITS)?.to_string(),
        2 => pick(u, PATTERNS)?.to_string(),
        _ => Name::arbitrary(u)?.0,
    })
}

/// Documentation: a run of HTML/Markdown/comment fragments.
#[derive(Debug, Clone)]
pub struct Doc(pub String);

impl<'a> Arbitrary<'a> for Doc {
    fn arbitrary(u: &mut Unstructured<'a>) -> Result<Self> {
        let n = u.int_in_range(0..=12)?;
        let mut s = String::new();
        for _ in 0..n {
            if u.ratio(1u8, 6)? {
                s.push_str(&String::arbitrary(u)?.chars().take(16).collect::<String>());
            } else {
                s.push_str(pick(u, DOC_BITS)?);
            }
        }
        Ok(Doc(s))
    }
}

/// A member path for `@paginated`: one to three member names joined by `.`.
#[derive(Debug, Clone)]
pub struct MemberPath(pub String);

impl<'a> Arbitrary<'a> for MemberPath {
    fn arbitrary(u: &mut Unstructured<'a>) -> Result<Self> {
        let n = u.int_in_range(1..=3)?;
        let parts: Vec<String> = (0..n)
            .map(|_| Name::arbitrary(u).map(|n| n.0))
            .collect::<Result<_>>()?;
        Ok(MemberPath(parts.join(".")))
    }
}

/// A number for `@length`/`@range`/`@httpError`, or something that is not one.
#[derive(Debug, Clone)]
pub struct Bound(pub Option<Json>);

impl<'a> Arbitrary<'a> for Bound {
    fn arbitrary(u: &mut Unstructured<'a>) -> Result<Self> {
        Ok(Bound(match u.int_in_range(0u8..=9)? {
            0 => None,
            1 => Some(AnyJson::arbitrary(u)?.0),
            2..=5 => Some(Json::Num(u.int_in_range(0u32..=20)?.to_string())),
            _ => Some(Json::Num(number(u)?)),
        }))
    }
}

/// A list whose length the input picks directly (0..=MAX), rather than `Vec`'s continue-flag
/// per element, which makes random inputs give lists of about two.
#[derive(Debug, Clone)]
pub struct Many<T, const MAX: usize>(pub Vec<T>);

impl<'a, T: Arbitrary<'a>, const MAX: usize> Arbitrary<'a> for Many<T, MAX> {
    fn arbitrary(u: &mut Unstructured<'a>) -> Result<Self> {
        let n = u.int_in_range(0..=MAX)?;
        let mut items = Vec::with_capacity(n);
        for _ in 0..n {
            if u.is_empty() {
                break;
            }
            items.push(T::arbitrary(u)?);
        }
        Ok(Many(items))
    }
}

impl<T, const MAX: usize> std::ops::Deref for Many<T, MAX> {
    type Target = Vec<T>;
    fn deref(&self) -> &Vec<T> {
        &self.0
    }
}

/// One trait application.
#[derive(Debug, Clone, Arbitrary)]
pub enum Trait {
    Required,
    Default(AnyJson),
    DefaultNumber(Bound),
    DefaultText(Name),
    ClientOptional,
    Sensitive,
    Sparse,
    Pattern(u8),
    PatternText(Name),
    Length(Bound, Bound),
    Range(Bound, Bound),
    TimestampFormat(u8),
    Documentation(Doc),
    Deprecated(Option<Doc>, Option<Name>),
    Error(u8),
    HttpError(Bound),
    Retryable(Option<bool>),
    Box,
    JsonName(Name),
    IdempotencyToken,
    EnumValue(AnyJson),
    EnumValueText(Name),
    EnumValueInt(i32),
    Paginated(
        Option<MemberPath>,
        Option<MemberPath>,
        Option<MemberPath>,
        Option<MemberPath>,
    ),
    Mixin(bool),
    Input,
    Output,
    UnitType,
    Readonly,
    Idempotent,
    Title(Doc),
    Http(Name, Name, Bound),
    /// A legacy `@enum` on a string: (name, value, docs, deprecated).
    LegacyEnum(Vec<(Option<Name>, AnyJson, Option<Doc>, bool)>),
    /// Any trait id, any value.
    Raw(u8, AnyJson),
}

const RAW_TRAITS: &[&str] = &[
    "smithy.api#documentation",
    "smithy.api#required",
    "smithy.api#default",
    "smithy.api#pattern",
    "smithy.api#length",
    "smithy.api#range",
    "smithy.api#timestampFormat",
    "smithy.api#paginated",
    "smithy.api#error",
    "smithy.api#retryable",
    "smithy.api#httpError",
    "smithy.api#enumValue",
    "smithy.api#enum",
    "smithy.api#deprecated",
    "smithy.api#title",
    "smithy.api#http",
    "aws.api#service",
    "aws.auth#sigv4",
    "smithy.api#input",
    "smithy.api#output",
    "smithy.api#mixin",
    "smithy.api#sparse",
    "smithy.api#sensitive",
    "smithy.api#idempotencyToken",
    "smithy.api#unitType",
    "smithy.api#clientOptional",
    "smithy.api#box",
    "aws.protocols#awsJson1_0",
    "aws.protocols#restJson1",
    "smithy.protocols#rpcv2Cbor",
    "smithy.api#jsonName",
    "x#y",
];

impl Trait {
    fn add_to(&self, traits: &mut Json) {
        let t = |id: &str| format!("smithy.api#{id}");
        let opt = |o: &mut Json, key: &str, b: &Bound| {
            if let Some(v) = &b.0 {
                o.set(key, v.clone());
            }
        };
        match self {
            Trait::Required => traits.set(t("required"), Json::obj()),
            Trait::Default(v) => traits.set(t("default"), v.0.clone()),
            Trait::DefaultNumber(b) => traits.set(t("default"), b.0.clone().unwrap_or(Json::Null)),
            Trait::DefaultText(n) => traits.set(t("default"), Json::s(&n.0)),
            Trait::ClientOptional => traits.set(t("clientOptional"), Json::obj()),
            Trait::Sensitive => traits.set(t("sensitive"), Json::obj()),
            Trait::Sparse => traits.set(t("sparse"), Json::obj()),
            Trait::Pattern(i) => traits.set(
                t("pattern"),
                Json::s(PATTERNS[*i as usize % PATTERNS.len()]),
            ),
            Trait::PatternText(n) => traits.set(t("pattern"), Json::s(&n.0)),
            Trait::Length(a, b) | Trait::Range(a, b) => {
                let mut o = Json::obj();
                opt(&mut o, "min", a);
                opt(&mut o, "max", b);
                let id = if matches!(self, Trait::Length(..)) {
                    "length"
                } else {
                    "range"
                };
                traits.set(t(id), o);
            }
            Trait::TimestampFormat(i) => traits.set(
                t("timestampFormat"),
                Json::s(TS_FORMATS[*i as usize % TS_FORMATS.len()]),
            ),
            Trait::Documentation(d) => traits.set(t("documentation"), Json::s(&d.0)),
            Trait::Deprecated(m, s) => {
                let mut o = Json::obj();
                if let Some(m) = m {
                    o.set("message", Json::s(&m.0));
                }
                if let Some(s) = s {
                    o.set("since", Json::s(&s.0));
                }
                traits.set(t("deprecated"), o);
            }
            Trait::Error(i) => traits.set(
                t("error"),
                Json::s(["client", "server", "", "Client"][*i as usize % 4]),
            ),
            Trait::HttpError(b) => traits.set(
                t("httpError"),
                b.0.clone().unwrap_or(Json::Num("400".into())),
            ),
            Trait::Retryable(th) => {
                let mut o = Json::obj();
                if let Some(th) = th {
                    o.set("throttling", Json::Bool(*th));
                }
                traits.set(t("retryable"), o);
            }
            Trait::Box => traits.set(t("box"), Json::obj()),
            Trait::JsonName(n) => traits.set(t("jsonName"), Json::s(&n.0)),
            Trait::IdempotencyToken => traits.set(t("idempotencyToken"), Json::obj()),
            Trait::EnumValue(v) => traits.set(t("enumValue"), v.0.clone()),
            Trait::EnumValueText(n) => traits.set(t("enumValue"), Json::s(&n.0)),
            Trait::EnumValueInt(i) => traits.set(t("enumValue"), Json::Num(i.to_string())),
            Trait::Paginated(it, ot, ps, items) => {
                let mut o = Json::obj();
                for (k, v) in [
                    ("inputToken", it),
                    ("outputToken", ot),
                    ("pageSize", ps),
                    ("items", items),
                ] {
                    if let Some(v) = v {
                        o.set(k, Json::s(&v.0));
                    }
                }
                traits.set(t("paginated"), o);
            }
            Trait::Mixin(local) => {
                let mut o = Json::obj();
                if *local {
                    o.set(
                        "localTraits",
                        Json::Arr(vec![Json::s("smithy.api#documentation")]),
                    );
                }
                traits.set(t("mixin"), o);
            }
            Trait::Input => traits.set(t("input"), Json::obj()),
            Trait::Output => traits.set(t("output"), Json::obj()),
            Trait::UnitType => traits.set(t("unitType"), Json::obj()),
            Trait::Readonly => traits.set(t("readonly"), Json::obj()),
            Trait::Idempotent => traits.set(t("idempotent"), Json::obj()),
            Trait::Title(d) => traits.set(t("title"), Json::s(&d.0)),
            Trait::Http(m, uri, code) => {
                let mut o = Json::obj();
                o.set("method", Json::s(&m.0));
                o.set("uri", Json::s(format!("/{}", uri.0)));
                opt(&mut o, "code", code);
                traits.set(t("http"), o);
            }
            Trait::LegacyEnum(entries) => {
                let items = entries
                    .iter()
                    .take(8)
                    .map(|(name, value, doc, deprecated)| {
                        let mut o = Json::obj();
                        if let Some(n) = name {
                            o.set("name", Json::s(&n.0));
                        }
                        o.set("value", value.0.clone());
                        if let Some(d) = doc {
                            o.set("documentation", Json::s(&d.0));
                        }
                        if *deprecated {
                            o.set("deprecated", Json::Bool(true));
                        }
                        o
                    })
                    .collect();
                traits.set(t("enum"), Json::Arr(items));
            }
            Trait::Raw(i, v) => traits.set(RAW_TRAITS[*i as usize % RAW_TRAITS.len()], v.0.clone()),
        }
    }
}

/// Where a member points.
#[derive(Debug, Clone)]
pub enum Target {
    /// The n-th data shape of the model.
    Shape(u8),
    /// A prelude shape.
    Prelude(u8),
    /// Anything (mostly dangling, to exercise the loader's errors).
    Raw(Name),
}

impl<'a> Arbitrary<'a> for Target {
    fn arbitrary(u: &mut Unstructured<'a>) -> Result<Self> {
        Ok(match u.int_in_range(0u16..=4095)? {
            // (An exhausted input reads as 0s: keep those on valid choices.)
            4095 => Target::Raw(Name::arbitrary(u)?),
            0..=1300 => Target::Prelude(u.arbitrary()?),
            _ => Target::Shape(u.arbitrary()?),
        })
    }
}

const PRELUDE: &[&str] = &[
    "String",
    "Integer",
    "Long",
    "Boolean",
    "Timestamp",
    "Blob",
    "Double",
    "Float",
    "Short",
    "Byte",
    "BigInteger",
    "BigDecimal",
    "Document",
    "Unit",
    "PrimitiveInteger",
    "PrimitiveBoolean",
    "PrimitiveLong",
    "PrimitiveDouble",
    "PrimitiveFloat",
    "PrimitiveShort",
    "PrimitiveByte",
];

#[derive(Debug, Clone, Arbitrary)]
pub struct MemberDef {
    pub name: Name,
    pub target: Target,
    pub traits: Vec<Trait>,
}

#[derive(Debug, Clone, Arbitrary)]
pub enum DataKind {
    Structure(Many<MemberDef, 8>),
    Union(Many<MemberDef, 8>),
    List(MemberDef, bool),
    Map(MemberDef, MemberDef),
    /// Members with a value kind: none (use the name), text or int.
    Enum(Vec<(Name, EnumValue, Vec<Trait>)>),
    IntEnum(Vec<(Name, i32, Vec<Trait>)>),
    Simple(u8),
}

const SIMPLE: &[&str] = &[
    "string",
    "integer",
    "long",
    "boolean",
    "timestamp",
    "blob",
    "double",
    "float",
    "short",
    "byte",
    "bigInteger",
    "bigDecimal",
    "document",
];

/// An enum member's `@enumValue`: none (the name is the value), text, or any JSON.
#[derive(Debug, Clone)]
pub struct EnumValue(pub Option<Json>);

impl<'a> Arbitrary<'a> for EnumValue {
    fn arbitrary(u: &mut Unstructured<'a>) -> Result<Self> {
        Ok(EnumValue(match u.int_in_range(0u8..=15)? {
            0 => Some(AnyJson::arbitrary(u)?.0),
            1..=5 => None,
            6..=9 => Some(Json::Str(text(u)?)),
            _ => Some(Json::Str(Name::arbitrary(u)?.0)),
        }))
    }
}

#[derive(Debug, Clone, Arbitrary)]
pub struct DataShape {
    pub namespace: u8,
    pub name: ShapeName,
    pub kind: DataKind,
    pub traits: Vec<Trait>,
    /// Indices of same-kind shapes to use as mixins.
    pub mixins: Mixins,
}

/// Mixin choices (indices of same-type shapes): none for most shapes.
#[derive(Debug, Clone)]
pub struct Mixins(pub Vec<u8>);

impl<'a> Arbitrary<'a> for Mixins {
    fn arbitrary(u: &mut Unstructured<'a>) -> Result<Self> {
        if u.ratio(1u8, 6)? {
            Ok(Mixins(Many::<u8, 2>::arbitrary(u)?.0))
        } else {
            Ok(Mixins(Vec::new()))
        }
    }
}

impl std::ops::Deref for Mixins {
    type Target = Vec<u8>;
    fn deref(&self) -> &Vec<u8> {
        &self.0
    }
}

#[derive(Debug, Clone, Arbitrary)]
pub struct OperationDef {
    pub name: ShapeName,
    /// Index of a structure; `None` omits it, `Some(255)` is `smithy.api#Unit`.
    pub input: Option<u8>,
    pub output: Option<u8>,
    pub errors: Vec<u8>,
    pub traits: Vec<Trait>,
}

#[derive(Debug, Clone, Arbitrary)]
pub struct ResourceDef {
    pub name: ShapeName,
    pub identifiers: Vec<(Name, Target)>,
    /// (lifecycle slot, operation index): slot 0..6 create/put/read/update/delete/list, else
    /// `operations` or `collectionOperations`.
    pub operations: Vec<(u8, u8)>,
    pub children: Vec<u8>,
}

#[derive(Debug, Clone, Arbitrary)]
pub struct ApplyDef {
    /// Index into all named shapes.
    pub shape: u8,
    /// An existing member of the shape (by index), else this member name; neither skips it.
    pub existing: Option<u8>,
    pub member: Option<Name>,
    pub traits: Vec<Trait>,
}

#[derive(Debug, Clone, Arbitrary)]
pub struct ServiceDef {
    pub name: ShapeName,
    pub version: Option<Name>,
    pub sdk_id: Option<Name>,
    pub protocol: u8,
    pub sigv4: Option<Name>,
    /// Indices of operations bound directly (the rest come through resources or not at all).
    pub operations: Vec<u8>,
    pub resources: Vec<u8>,
    pub errors: Vec<u8>,
    /// (shape index, new name)
    pub rename: Vec<(u8, Name)>,
    pub traits: Vec<Trait>,
    /// Bind every operation, ignoring `operations` (keeps most inputs reaching the emitter).
    pub bind_all: bool,
}

/// A whole model.
#[derive(Debug, Clone, Arbitrary)]
pub struct FuzzModel {
    pub v1: bool,
    pub service: ServiceDef,
    pub shapes: Many<DataShape, 16>,
    pub operations: Many<OperationDef, 6>,
    pub resources: Vec<ResourceDef>,
    pub applies: Vec<ApplyDef>,
    /// A second service when 0 (the loader must reject it, or `Settings::service` pick one).
    pub second_service: u8,
}

const PROTOCOLS: &[&str] = &[
    "aws.protocols#awsJson1_0",
    "aws.protocols#awsJson1_1",
    "aws.protocols#restJson1",
    "smithy.protocols#rpcv2Cbor",
    "aws.protocols#restXml",
];

fn traits_json(list: &[Trait]) -> Json {
    let mut o = Json::obj();
    for t in list.iter().take(8) {
        t.add_to(&mut o);
    }
    o
}

impl DataShape {
    /// The Smithy type this shape is written as (a string with `@enum` counts as an enum).
    fn type_name(&self, v1: bool) -> &'static str {
        match &self.kind {
            DataKind::Structure(_) => "structure",
            DataKind::Union(_) => "union",
            DataKind::List(_, set) => {
                if *set && v1 {
                    "set"
                } else {
                    "list"
                }
            }
            DataKind::Map(..) => "map",
            DataKind::Enum(_) => "enum",
            DataKind::IntEnum(_) => "intEnum",
            DataKind::Simple(i) => {
                let t = SIMPLE[*i as usize % SIMPLE.len()];
                if t == "string"
                    && self
                        .traits
                        .iter()
                        .take(8)
                        .any(|t| matches!(t, Trait::LegacyEnum(_)))
                {
                    "enum"
                } else {
                    t
                }
            }
        }
    }
}

impl FuzzModel {
    /// The model as Smithy JSON AST text.
    pub fn to_json(&self) -> String {
        // One shape per id (a JSON object keeps only the last of repeated keys).
        let mut seen_ids = std::collections::HashSet::new();
        let shapes: Vec<&DataShape> = self
            .shapes
            .iter()
            .take(24)
            .filter(|s| {
                seen_ids.insert(format!(
                    "{}#{}",
                    NAMESPACES[s.namespace as usize % 3],
                    s.name.0
                ))
            })
            .collect();
        let ops: Vec<&OperationDef> = self.operations.iter().take(12).collect();
        let resources: Vec<&ResourceDef> = self.resources.iter().take(4).collect();
        let id = |ns: u8, name: &str| format!("{}#{}", NAMESPACES[ns as usize % 3], name);
        let shape_ids: Vec<String> = shapes.iter().map(|s| id(s.namespace, &s.name.0)).collect();
        // Operations, resources and the service get ids no other shape has.
        let mut taken: std::collections::HashSet<String> = shape_ids.iter().cloned().collect();
        let mut fresh = |name: &str| {
            let mut candidate = id(0, name);
            let mut n = 1;
            while !taken.insert(candidate.clone()) {
                candidate = id(0, &format!("{name}_{n}"));
                n += 1;
            }
            candidate
        };
        let op_ids: Vec<String> = ops.iter().map(|o| fresh(&o.name.0)).collect();
        let res_ids: Vec<String> = resources.iter().map(|r| fresh(&r.name.0)).collect();
        let service_id = fresh(&self.service.name.0);
        let structs: Vec<usize> = (0..shapes.len())
            .filter(|i| matches!(shapes[*i].kind, DataKind::Structure(_)))
            .collect();

        // Shapes that end up with `@mixin`: members must not target them (the loader rejects
        // that), so such targets move on to the next shape that is not one.
        // A shape's candidate mixins: the other shapes of its kind (itself only when alone, which
        // makes a cycle the loader must report).
        let same_kind = |shape: &DataShape| -> Vec<usize> {
            let all: Vec<usize> = (0..shapes.len())
                .filter(|j| shapes[*j].type_name(self.v1) == shape.type_name(self.v1))
                .collect();
            let others: Vec<usize> = all
                .iter()
                .copied()
                .filter(|j| !std::ptr::eq(shapes[*j], shape))
                .collect();
            if others.is_empty() {
                all
            } else {
                others
            }
        };
        let mut is_mixin = vec![false; shapes.len()];
        for (i, shape) in shapes.iter().enumerate() {
            if shape
                .traits
                .iter()
                .take(8)
                .any(|t| matches!(t, Trait::Mixin(_)))
            {
                is_mixin[i] = true;
            }
            let same = same_kind(shape);
            for m in shape.mixins.iter().take(3) {
                if *m != 0xff {
                    is_mixin[same[*m as usize % same.len()]] = true;
                }
            }
        }
        let target = |t: &Target| -> String {
            match t {
                Target::Shape(i) if !shape_ids.is_empty() => {
                    let n = shape_ids.len();
                    let start = *i as usize % n;
                    match (0..n)
                        .map(|k| (start + k) % n)
                        .find(|j| !is_mixin[*j] || *i == 255)
                    {
                        Some(j) => shape_ids[j].clone(),
                        None => format!("smithy.api#{}", PRELUDE[*i as usize % PRELUDE.len()]),
                    }
                }
                Target::Shape(i) | Target::Prelude(i) => {
                    format!("smithy.api#{}", PRELUDE[*i as usize % PRELUDE.len()])
                }
                Target::Raw(n) => n.0.clone(),
            }
        };
        let member_json = |m: &MemberDef| {
            let mut o = Json::obj();
            o.set("target", Json::s(target(&m.target)));
            if !m.traits.is_empty() {
                o.set("traits", traits_json(&m.traits));
            }
            o
        };
        let struct_ref = |i: u8| -> Option<String> {
            if i == 255 {
                return Some("smithy.api#Unit".into());
            }
            (!structs.is_empty()).then(|| shape_ids[structs[i as usize % structs.len()]].clone())
        };
        let refs = |ids: &[String], idx: &[u8]| -> Json {
            if ids.is_empty() {
                return Json::Arr(vec![]);
            }
            Json::Arr(
                idx.iter()
                    .take(8)
                    .map(|i| {
                        let mut o = Json::obj();
                        o.set("target", Json::s(&ids[*i as usize % ids.len()]));
                        o
                    })
                    .collect(),
            )
        };

        let mut all = Json::obj();
        // Service.
        let svc = &self.service;
        let mut s = Json::obj();
        s.set("type", Json::s("service"));
        if let Some(v) = &svc.version {
            s.set("version", Json::s(&v.0));
        }
        if svc.bind_all {
            let all_ops: Vec<u8> = (0..op_ids.len() as u8).collect();
            s.set("operations", refs(&op_ids, &all_ops));
        } else {
            s.set("operations", refs(&op_ids, &svc.operations));
        }
        if !svc.resources.is_empty() {
            s.set("resources", refs(&res_ids, &svc.resources));
        }
        let error_ids: Vec<String> = structs.iter().map(|i| shape_ids[*i].clone()).collect();
        // Structures used as errors get `@error` unless the index says otherwise (0xe0 and
        // up), so the error paths are reached more often than the missing-trait case.
        let mut tag_error = vec![false; shapes.len()];
        if !structs.is_empty() {
            let used = svc
                .errors
                .iter()
                .take(8)
                .chain(ops.iter().flat_map(|o| o.errors.iter().take(8)));
            for i in used {
                if i & 0xe0 != 0xe0 {
                    tag_error[structs[*i as usize % structs.len()]] = true;
                }
            }
        }
        if !svc.errors.is_empty() {
            s.set("errors", refs(&error_ids, &svc.errors));
        }
        if !svc.rename.is_empty() && !shape_ids.is_empty() {
            let mut r = Json::obj();
            for (i, n) in svc.rename.iter().take(4) {
                r.set(
                    shape_ids[*i as usize % shape_ids.len()].clone(),
                    Json::s(&n.0),
                );
            }
            s.set("rename", r);
        }
        let mut st = traits_json(&svc.traits);
        st.set(
            PROTOCOLS[svc.protocol as usize % PROTOCOLS.len()],
            Json::obj(),
        );
        if let Some(sdk) = &svc.sdk_id {
            let mut o = Json::obj();
            o.set("sdkId", Json::s(&sdk.0));
            st.set("aws.api#service", o);
        }
        if let Some(n) = &svc.sigv4 {
            let mut o = Json::obj();
            o.set("name", Json::s(&n.0));
            st.set("aws.auth#sigv4", o);
        }
        s.set("traits", st);
        all.set(service_id, s);
        if self.second_service == 0 {
            let mut s2 = Json::obj();
            s2.set("type", Json::s("service"));
            all.set(id(1, "OtherService"), s2);
        }

        // Operations.
        for (op, oid) in ops.iter().zip(&op_ids) {
            let mut o = Json::obj();
            o.set("type", Json::s("operation"));
            let reff = |t: String| {
                let mut r = Json::obj();
                r.set("target", Json::s(t));
                r
            };
            if let Some(t) = op.input.and_then(struct_ref) {
                o.set("input", reff(t));
            }
            if let Some(t) = op.output.and_then(struct_ref) {
                o.set("output", reff(t));
            }
            if !op.errors.is_empty() {
                o.set("errors", refs(&error_ids, &op.errors));
            }
            if !op.traits.is_empty() {
                o.set("traits", traits_json(&op.traits));
            }
            all.set(oid.clone(), o);
        }

        // Resources.
        for (r, rid) in resources.iter().zip(&res_ids) {
            let mut o = Json::obj();
            o.set("type", Json::s("resource"));
            if !r.identifiers.is_empty() {
                let mut ids = Json::obj();
                for (n, t) in r.identifiers.iter().take(3) {
                    let mut tt = Json::obj();
                    tt.set("target", Json::s(target(t)));
                    ids.set(n.0.clone(), tt);
                }
                o.set("identifiers", ids);
            }
            let mut extra: Vec<Json> = Vec::new();
            let mut collection: Vec<Json> = Vec::new();
            for (slot, op) in r.operations.iter().take(8) {
                if op_ids.is_empty() {
                    break;
                }
                let mut tt = Json::obj();
                tt.set("target", Json::s(&op_ids[*op as usize % op_ids.len()]));
                match slot % 8 {
                    k @ 0..=5 => o.set(
                        ["create", "put", "read", "update", "delete", "list"][k as usize],
                        tt,
                    ),
                    6 => extra.push(tt),
                    _ => collection.push(tt),
                }
            }
            if !extra.is_empty() {
                o.set("operations", Json::Arr(extra));
            }
            if !collection.is_empty() {
                o.set("collectionOperations", Json::Arr(collection));
            }
            if !r.children.is_empty() {
                o.set("resources", refs(&res_ids, &r.children));
            }
            all.set(rid.clone(), o);
        }

        // Data shapes.
        for (k, (shape, sid)) in shapes.iter().zip(&shape_ids).enumerate() {
            let mut o = Json::obj();
            let mut traits = traits_json(&shape.traits);
            if tag_error[k] {
                if let Json::Obj(entries) = &traits {
                    if !entries.iter().any(|(key, _)| key == "smithy.api#error") {
                        traits.set("smithy.api#error", Json::s("client"));
                    }
                }
            }
            let members = |list: &[MemberDef]| {
                let mut m = Json::obj();
                for md in list.iter().take(10) {
                    m.set(md.name.0.clone(), member_json(md));
                }
                m
            };
            let kind = match &shape.kind {
                DataKind::Structure(ms) => {
                    o.set("members", members(ms));
                    "structure"
                }
                DataKind::Union(ms) => {
                    o.set("members", members(ms));
                    "union"
                }
                DataKind::List(m, set) => {
                    o.set("member", member_json(m));
                    if *set && self.v1 {
                        "set"
                    } else {
                        "list"
                    }
                }
                DataKind::Map(k, v) => {
                    o.set("key", member_json(k));
                    o.set("value", member_json(v));
                    "map"
                }
                DataKind::Enum(ms) => {
                    let mut m = Json::obj();
                    for (n, v, ts) in ms.iter().take(10) {
                        let mut mo = Json::obj();
                        mo.set("target", Json::s("smithy.api#Unit"));
                        let mut t = traits_json(ts);
                        if let Some(v) = &v.0 {
                            t.set("smithy.api#enumValue", v.clone());
                        }
                        mo.set("traits", t);
                        m.set(n.0.clone(), mo);
                    }
                    o.set("members", m);
                    "enum"
                }
                DataKind::IntEnum(ms) => {
                    let mut m = Json::obj();
                    for (n, v, ts) in ms.iter().take(10) {
                        let mut mo = Json::obj();
                        mo.set("target", Json::s("smithy.api#Unit"));
                        let mut t = traits_json(ts);
                        t.set("smithy.api#enumValue", Json::Num(v.to_string()));
                        mo.set("traits", t);
                        m.set(n.0.clone(), mo);
                    }
                    o.set("members", m);
                    "intEnum"
                }
                DataKind::Simple(i) => SIMPLE[*i as usize % SIMPLE.len()],
            };
            o.set("type", Json::s(kind));
            if !shape.mixins.is_empty() {
                let same = same_kind(shape);
                let list: Vec<Json> = shape
                    .mixins
                    .iter()
                    .take(3)
                    .map(|i| {
                        let mut r = Json::obj();
                        r.set(
                            "target",
                            Json::s(&shape_ids[same[*i as usize % same.len()]]),
                        );
                        r
                    })
                    .collect();
                o.set("mixins", Json::Arr(list));
            }
            if let Json::Obj(entries) = &traits {
                if !entries.is_empty() {
                    o.set("traits", traits);
                }
            }
            all.set(sid.clone(), o);
        }
        // Shapes used as mixins get `@mixin` unless the input says otherwise (an index of 0xff),
        // so mixin flattening is reached rather than rejected.
        for shape in &shapes {
            let same = same_kind(shape);
            for i in shape.mixins.iter().take(3) {
                if *i == 0xff {
                    continue;
                }
                let mid = &shape_ids[same[*i as usize % same.len()]];
                if let Json::Obj(entries) = &mut all {
                    if let Some((_, s)) = entries.iter_mut().find(|(k, _)| k == mid) {
                        let mut t = match s {
                            Json::Obj(e) => e
                                .iter()
                                .find(|(k, _)| k == "traits")
                                .map(|(_, v)| v.clone()),
                            _ => None,
                        }
                        .unwrap_or_else(Json::obj);
                        t.set("smithy.api#mixin", Json::obj());
                        s.set("traits", t);
                    }
                }
            }
        }

        // Applies.
        let named: Vec<&String> = shape_ids.iter().chain(&op_ids).collect();
        for a in self.applies.iter().take(6) {
            if named.is_empty() {
                break;
            }
            let target = named[a.shape as usize % named.len()];
            // A shape-level `apply` would reuse the shape's own key (one JSON object cannot
            // hold both), so only member-level applies are written.
            let own: Vec<String> = shapes
                .iter()
                .zip(&shape_ids)
                .find(|(_, id)| *id == target)
                .map(|(s, _)| match &s.kind {
                    DataKind::Structure(ms) | DataKind::Union(ms) => {
                        ms.iter().take(10).map(|m| m.name.0.clone()).collect()
                    }
                    DataKind::List(..) => vec!["member".to_string()],
                    DataKind::Map(..) => vec!["key".to_string(), "value".to_string()],
                    DataKind::Enum(ms) => ms.iter().take(10).map(|m| m.0 .0.clone()).collect(),
                    DataKind::IntEnum(ms) => ms.iter().take(10).map(|m| m.0 .0.clone()).collect(),
                    DataKind::Simple(_) => Vec::new(),
                })
                .unwrap_or_default();
            let member = match (a.existing, &a.member) {
                (Some(i), _) if !own.is_empty() => own[i as usize % own.len()].clone(),
                (_, Some(m)) if m.0.len() % 7 == 3 => m.0.clone(),
                (_, Some(_)) if !own.is_empty() => own[0].clone(),
                _ => continue,
            };
            let aid = format!("{target}${member}");
            let mut o = Json::obj();
            o.set("type", Json::s("apply"));
            o.set("traits", traits_json(&a.traits));
            all.set(aid, o);
        }

        let mut root = Json::obj();
        root.set("smithy", Json::s(if self.v1 { "1.0" } else { "2.0" }));
        root.set("shapes", all);
        let mut out = String::new();
        let _ = write!(out, "{}", root.to_text());
        out
    }
}
