//! Values for a model's shapes, from the fuzzer's bytes: JSON for bodies, text for labels, query
//! parameters and headers. Mostly what the shape allows (enum values, numbers at the type's and
//! the `@range`'s limits, strings around the `@length`, timestamps in the member's format), now
//! and then not (a wrong type, junk), so that both the readers' happy paths and their error
//! paths run.
//!
//! When the input runs out, every choice falls back to its first, most ordinary option.

use super::model::{bounds, Service};
use crate::model::{AnyJson, Json};
use arbitrary::{Arbitrary, Unstructured};
use codegen::model::Kind;
use indexmap::IndexMap;

/// The fuzzer's bytes, read with choices that cannot fail.
pub struct Src<'a, 'b>(pub &'a mut Unstructured<'b>);

impl Src<'_, '_> {
    /// A number in `0..n` (0 when the input is used up).
    pub fn below(&mut self, n: usize) -> usize {
        if n <= 1 {
            0
        } else {
            self.0.int_in_range(0..=n - 1).unwrap_or(0)
        }
    }

    /// True about once in `n` (never when the input is used up).
    pub fn rare(&mut self, n: usize) -> bool {
        n > 0 && self.below(n) == n - 1
    }

    /// One of `items`, which must not be empty.
    pub fn pick<'p, T>(&mut self, items: &'p [T]) -> &'p T {
        &items[self.below(items.len())]
    }

    /// Any value of an `Arbitrary` type (its default when the input is used up).
    pub fn any<T: for<'x> Arbitrary<'x> + Default>(&mut self) -> T {
        T::arbitrary(self.0).unwrap_or_default()
    }

    /// Up to `max` arbitrary bytes.
    pub fn bytes(&mut self, max: usize) -> Vec<u8> {
        let len = self.below(max + 1);
        self.0.bytes(len).map(<[u8]>::to_vec).unwrap_or_default()
    }

    /// A string: mostly from [`STRINGS`], else arbitrary (at most 64 characters).
    pub fn string(&mut self) -> String {
        match self.below(4) {
            0 | 1 => self.pick(STRINGS).to_string(),
            2 => self.any::<String>().chars().take(64).collect(),
            _ => {
                let (a, b) = (
                    self.pick(STRINGS).to_string(),
                    self.pick(STRINGS).to_string(),
                );
                a + &b
            }
        }
    }

    /// Arbitrary JSON (depth-bounded, awkward numbers and strings).
    pub fn junk_json(&mut self) -> Json {
        AnyJson::arbitrary(self.0)
            .map(|j| j.0)
            .unwrap_or(Json::Null)
    }
}

/// Strings that have broken parsers before: separators of every HTTP part, escapes, control
/// characters, non-ASCII, look-alikes of numbers, booleans, dates and base64.
pub const STRINGS: &[&str] = &[
    "a",
    "Hello",
    "",
    " ",
    " padded ",
    "a,b",
    "\"quoted\"",
    "a\"b",
    "a\\b",
    "%",
    "%2F",
    "%zz",
    "%C3",
    "%00",
    "/",
    "a/b",
    "..",
    "../x",
    "?",
    "&",
    "=",
    "#",
    "+",
    "~",
    ";",
    ":",
    "*",
    "{",
    "}",
    "[",
    "💩",
    "é",
    "\u{0}",
    "\t",
    "a\r\nb",
    "a\nb",
    "\u{7f}",
    "\u{80}",
    "\u{2028}",
    "\u{feff}",
    "null",
    "true",
    "false",
    "NaN",
    "Infinity",
    "-Infinity",
    "0",
    "1",
    "-1",
    "1.5",
    "1e400",
    "0x10",
    "1970-01-01T00:00:00Z",
    "Thu, 01 Jan 1970 00:00:00 GMT",
    "dGVzdA==",
    "===",
    "application/json",
    "__type",
    "message",
    "Message",
    "x-amzn-errortype",
    "com.amazon.coral.service#UnknownOperationException",
];

/// The three timestamp formats Smithy has.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimeFormat {
    DateTime,
    EpochSeconds,
    HttpDate,
}

impl TimeFormat {
    /// The member's `@timestampFormat`, else the default where it travels.
    pub fn of(explicit: Option<&str>, default: TimeFormat) -> TimeFormat {
        match explicit {
            Some("date-time") => TimeFormat::DateTime,
            Some("epoch-seconds") => TimeFormat::EpochSeconds,
            Some("http-date") => TimeFormat::HttpDate,
            _ => default,
        }
    }
}

const DATE_TIMES: &[&str] = &[
    "1985-04-12T23:20:50.52Z",
    "1970-01-01T00:00:00Z",
    "1996-12-19T16:39:57-08:00",
    "1985-04-12T23:20:50.123456789Z",
    "0000-01-01T00:00:00Z",
    "9999-12-31T23:59:59.999Z",
    "1985-04-12t23:20:50z",
    "1985-04-12T23:20:60Z",
    "1985-04-12T23:20:50",
    "1985-04-12",
    "+10000-01-01T00:00:00Z",
    "2000-02-30T00:00:00Z",
];

const HTTP_DATES: &[&str] = &[
    "Tue, 29 Apr 2014 18:30:38 GMT",
    "Thu, 01 Jan 1970 00:00:00 GMT",
    "Sunday, 06-Nov-94 08:49:37 GMT",
    "Sun Nov  6 08:49:37 1994",
    "Mon, 31 Dec 9999 23:59:59 GMT",
    "Tue, 29 Apr 2014 18:30:38.123 GMT",
    "Fri, 29 Feb 2013 00:00:00 GMT",
];

const EPOCHS: &[&str] = &[
    "0",
    "1515531081",
    "1515531081.1234",
    "-1",
    "1e10",
    "253402300800",
    "-62135596801",
    "1e20",
    "-1e20",
    "1.5e-7",
    "9223372036854775808",
    "0.000000001",
];

const WEEKDAYS: &[&str] = &["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const MONTHS: &[&str] = &[
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// A timestamp as text in `format`: a known case, or one assembled from random fields (out of
/// range now and then).
pub fn time_text(src: &mut Src, format: TimeFormat) -> String {
    let known = src.below(3) == 0;
    match format {
        TimeFormat::EpochSeconds if known => src.pick(EPOCHS).to_string(),
        TimeFormat::EpochSeconds => match src.below(3) {
            0 => src.any::<u32>().to_string(),
            1 => format!("{}.{}", src.any::<i32>(), src.below(1_000_000_000)),
            _ => {
                let f: f64 = src.any();
                if f.is_finite() {
                    f.to_string()
                } else {
                    "0".into()
                }
            }
        },
        TimeFormat::DateTime if known => src.pick(DATE_TIMES).to_string(),
        TimeFormat::DateTime => {
            let fraction = match src.below(3) {
                0 => String::new(),
                _ => format!(
                    ".{}",
                    "123456789012"
                        .chars()
                        .take(1 + src.below(12))
                        .collect::<String>()
                ),
            };
            let offset = match src.below(4) {
                0 | 1 => "Z".to_string(),
                2 => format!(
                    "{}{:02}:{:02}",
                    if src.below(2) == 0 { '+' } else { '-' },
                    src.below(26),
                    src.below(61)
                ),
                _ => String::new(),
            };
            format!(
                "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}{fraction}{offset}",
                src.below(10_001),
                src.below(14),
                src.below(33),
                src.below(26),
                src.below(61),
                src.below(62)
            )
        }
        TimeFormat::HttpDate if known => src.pick(HTTP_DATES).to_string(),
        TimeFormat::HttpDate => format!(
            "{}, {:02} {} {:04} {:02}:{:02}:{:02} GMT",
            src.pick(WEEKDAYS),
            src.below(33),
            src.pick(MONTHS),
            src.below(10_001),
            src.below(26),
            src.below(61),
            src.below(62)
        ),
    }
}

/// Integer text for a shape of `kind`: the type's limits and one past them, the `@range`'s
/// bounds and one past them, small numbers, or any 64-bit number.
fn integer_text(src: &mut Src, kind: &Kind, range: (Option<f64>, Option<f64>)) -> String {
    let (min, max): (i128, i128) = match kind {
        Kind::Byte => (i8::MIN.into(), i8::MAX.into()),
        Kind::Short => (i16::MIN.into(), i16::MAX.into()),
        Kind::Integer | Kind::IntEnum => (i32::MIN.into(), i32::MAX.into()),
        _ => (i64::MIN.into(), i64::MAX.into()),
    };
    let mut edges = vec![min, max, min - 1, max + 1];
    for bound in [range.0, range.1].into_iter().flatten() {
        let b = bound as i128;
        edges.extend([b - 1, b, b + 1]);
    }
    match src.below(8) {
        0..=2 => src.below(10).to_string(),
        3 | 4 => src.pick(&edges).to_string(),
        5 => src.any::<i64>().to_string(),
        6 => src.any::<i8>().to_string(),
        _ => src
            .pick(&[
                "1.0",
                "1.5",
                "-0",
                "01",
                "1e2",
                "0x1",
                "+1",
                " 1",
                "9999999999999999999999",
            ])
            .to_string(),
    }
}

/// Float text: special values as Smithy spells them, limits, arbitrary doubles.
fn float_text(src: &mut Src) -> String {
    match src.below(5) {
        0 => src.pick(&["NaN", "Infinity", "-Infinity"]).to_string(),
        1 => src
            .pick(&[
                "0",
                "-0",
                "1.5",
                "1e400",
                "-1e400",
                "5e-324",
                "3.4028235e38",
                "3.5e38",
                "1.7976931348623157e308",
                "1",
            ])
            .to_string(),
        2 => src.any::<i32>().to_string(),
        3 => {
            let f: f64 = src.any();
            if f.is_finite() {
                f.to_string()
            } else {
                "1.5".into()
            }
        }
        _ => src
            .pick(&["nan", "inf", "+Infinity", "1,5", ".5", "5.", "1e", ""])
            .to_string(),
    }
}

/// A string for a shape, around its `@length` (in characters) now and then, or one of its
/// enum values.
fn string_value(
    src: &mut Src,
    svc: &Service,
    target: &str,
    traits: Option<&IndexMap<String, serde_json::Value>>,
) -> String {
    let values = svc.enum_values(target);
    if !values.is_empty() && src.below(4) != 3 {
        return match src.pick(&values) {
            serde_json::Value::String(s) => s.clone(),
            other => other.to_string(),
        };
    }
    let Some(shape) = svc.shape(target) else {
        return src.string();
    };
    let (min, max) = bounds(traits, shape, "smithy.api#length");
    if (min.is_some() || max.is_some()) && src.below(4) == 0 {
        let lengths: Vec<usize> = [min, max]
            .into_iter()
            .flatten()
            .flat_map(|b| [b as usize, (b as usize).saturating_sub(1), b as usize + 1])
            .collect();
        let len = (*src.pick(&lengths)).min(4096);
        let unit = src.pick(&["a", "é", "💩"]).to_string();
        return unit.repeat(len);
    }
    src.string()
}

/// A value as header, query or label text, one item per list member (a scalar gives one).
pub fn text_items(
    src: &mut Src,
    svc: &Service,
    target: &str,
    traits: Option<&IndexMap<String, serde_json::Value>>,
    format: TimeFormat,
) -> Vec<String> {
    if src.rare(16) {
        return vec![src.string()];
    }
    let Some(shape) = svc.shape(target) else {
        return vec![src.string()];
    };
    match &shape.kind {
        Kind::List => {
            let Some(member) = shape.members.first() else {
                return Vec::new();
            };
            let n = src.below(4);
            (0..n)
                .flat_map(|_| {
                    text_items(src, svc, &member.target, Some(&member.traits), format)
                        .into_iter()
                        .take(1)
                })
                .collect()
        }
        kind => vec![scalar_text(src, svc, target, traits, kind, format)],
    }
}

fn scalar_text(
    src: &mut Src,
    svc: &Service,
    target: &str,
    traits: Option<&IndexMap<String, serde_json::Value>>,
    kind: &Kind,
    format: TimeFormat,
) -> String {
    let shape = svc.shape(target);
    match kind {
        Kind::Boolean => src
            .pick(&["true", "false", "TRUE", "1", "yes", ""])
            .to_string(),
        Kind::Byte | Kind::Short | Kind::Integer | Kind::Long | Kind::BigInteger => integer_text(
            src,
            kind,
            shape.map_or((None, None), |s| bounds(traits, s, "smithy.api#range")),
        ),
        Kind::IntEnum => {
            let values = svc.enum_values(target);
            if values.is_empty() || src.below(4) == 3 {
                integer_text(src, kind, (None, None))
            } else {
                src.pick(&values).to_string()
            }
        }
        Kind::Float | Kind::Double | Kind::BigDecimal => float_text(src),
        Kind::Timestamp => time_text(src, format),
        Kind::Blob => {
            let bytes = src.bytes(24);
            smithy_codegen_runtime::primitives::encode_base64(&bytes)
        }
        _ => string_value(src, svc, target, traits),
    }
}

/// A JSON value for a shape. `rest` says whether members go by their `@jsonName`.
pub fn json_value(
    src: &mut Src,
    svc: &Service,
    target: &str,
    traits: Option<&IndexMap<String, serde_json::Value>>,
    depth: usize,
) -> Json {
    if src.rare(24) {
        return src.junk_json();
    }
    let Some(shape) = svc.shape(target) else {
        return src.junk_json();
    };
    if depth > 6 {
        return Json::Null;
    }
    let format = TimeFormat::of(
        traits
            .and_then(|t| t.get("smithy.api#timestampFormat"))
            .or_else(|| shape.traits.get("smithy.api#timestampFormat"))
            .and_then(|v| v.as_str()),
        TimeFormat::EpochSeconds,
    );
    match &shape.kind {
        Kind::Boolean => Json::Bool(src.below(2) == 0),
        Kind::Byte
        | Kind::Short
        | Kind::Integer
        | Kind::Long
        | Kind::BigInteger
        | Kind::IntEnum => {
            let text = scalar_text(src, svc, target, traits, &shape.kind, format);
            number_or_string(text)
        }
        Kind::Float | Kind::Double | Kind::BigDecimal => {
            let text = float_text(src);
            number_or_string(text)
        }
        Kind::Timestamp => {
            let text = time_text(src, format);
            if format == TimeFormat::EpochSeconds {
                number_or_string(text)
            } else {
                Json::Str(text)
            }
        }
        Kind::Document => src.junk_json(),
        Kind::List => {
            let Some(member) = shape.members.first() else {
                return Json::Arr(Vec::new());
            };
            let sparse = shape.traits.contains_key("smithy.api#sparse");
            let n = if src.rare(8) { 8 } else { src.below(4) };
            Json::Arr(
                (0..n)
                    .map(|_| {
                        if sparse && src.rare(4) {
                            Json::Null
                        } else {
                            json_value(src, svc, &member.target, Some(&member.traits), depth + 1)
                        }
                    })
                    .collect(),
            )
        }
        Kind::Map => {
            let (Some(key), Some(value)) = (shape.member("key"), shape.member("value")) else {
                return Json::obj();
            };
            let n = src.below(4);
            let mut entries = Vec::new();
            for _ in 0..n {
                let k = string_value(src, svc, &key.target, Some(&key.traits));
                entries.push((
                    k,
                    json_value(src, svc, &value.target, Some(&value.traits), depth + 1),
                ));
            }
            Json::Obj(entries)
        }
        Kind::Structure => {
            let mut entries = Vec::new();
            for m in &shape.members {
                let required = m.traits.contains_key("smithy.api#required");
                if src.below(4) == 3 && !(required && src.below(8) != 0) {
                    continue;
                }
                entries.push((
                    json_key(svc, &m.name, &m.traits),
                    json_value(src, svc, &m.target, Some(&m.traits), depth + 1),
                ));
            }
            extra_keys(src, &mut entries);
            Json::Obj(entries)
        }
        Kind::Union => {
            let mut entries = Vec::new();
            let count = match src.below(10) {
                8 => 0,
                9 => 2,
                _ => 1,
            };
            for _ in 0..count.min(shape.members.len()) {
                let m = src.pick(&shape.members);
                entries.push((
                    json_key(svc, &m.name, &m.traits),
                    json_value(src, svc, &m.target, Some(&m.traits), depth + 1),
                ));
            }
            extra_keys(src, &mut entries);
            Json::Obj(entries)
        }
        Kind::Blob => Json::Str(match src.below(6) {
            0..=3 => smithy_codegen_runtime::primitives::encode_base64(&src.bytes(32)),
            _ => src
                .pick(&[
                    "===",
                    "a",
                    "dGVzdA",
                    "dGVz dA==",
                    "dGVzdA==\n",
                    "-_-_",
                    "////",
                ])
                .to_string(),
        }),
        _ => Json::Str(string_value(src, svc, target, traits)),
    }
}

/// The key of a member in a JSON body: its `@jsonName` in restJson1.
fn json_key(svc: &Service, name: &str, traits: &IndexMap<String, serde_json::Value>) -> String {
    match traits.get("smithy.api#jsonName").and_then(|v| v.as_str()) {
        Some(json_name) if svc.is_rest() => json_name.to_string(),
        _ => name.to_string(),
    }
}

/// Now and then an unknown key, `__type`, or a key twice.
fn extra_keys(src: &mut Src, entries: &mut Vec<(String, Json)>) {
    if src.rare(10) {
        let key = src
            .pick(&["__type", "unknown", "message", "Message", "code"])
            .to_string();
        let value = src.junk_json();
        entries.push((key, value));
    }
    if src.rare(20) && !entries.is_empty() {
        let key = src.pick(entries).0.clone();
        let again = src.junk_json();
        entries.push((key, again));
    }
}

/// Text that is a JSON number goes in as one; the rest (`NaN`, `1.0x`) as a string.
fn number_or_string(text: String) -> Json {
    if serde_json::from_str::<serde_json::Value>(&text).is_ok_and(|v| v.is_number())
        || text.parse::<f64>().is_ok_and(|f| {
            !f.is_nan()
                && text
                    .bytes()
                    .all(|b| b.is_ascii_digit() || b"+-.eE".contains(&b))
        })
    {
        Json::Num(text)
    } else {
        Json::Str(text)
    }
}
