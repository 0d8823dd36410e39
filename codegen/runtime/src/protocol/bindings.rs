//! Values in HTTP bindings: how a member bound to a URI label, a query parameter or a header is
//! written as text and read back, as Smithy's HTTP binding traits specify. Protocol-neutral:
//! restJson1 uses it, and restXml would.

use crate::primitives::{decode_base64, encode_base64, BigDecimal, BigInteger, Blob, DateTime, DateTimeFormat};
use std::borrow::Cow;

/// A value that can be bound to a label, a query parameter or a header.
pub trait HttpValue {
    /// The value as text, before any percent-encoding or header quoting.
    fn to_text(&self) -> Cow<'_, str>;
    /// Whether the text needs quoting in a header list when it holds a comma or a quote
    /// (strings do; an `http-date` timestamp holds a comma by definition and is never quoted).
    fn quotable(&self) -> bool {
        false
    }
}

impl<T: HttpValue + ?Sized> HttpValue for &T {
    fn to_text(&self) -> Cow<'_, str> {
        (**self).to_text()
    }
    fn quotable(&self) -> bool {
        (**self).quotable()
    }
}

impl HttpValue for str {
    fn to_text(&self) -> Cow<'_, str> {
        Cow::Borrowed(self)
    }
    fn quotable(&self) -> bool {
        true
    }
}

impl HttpValue for String {
    fn to_text(&self) -> Cow<'_, str> {
        Cow::Borrowed(self)
    }
    fn quotable(&self) -> bool {
        true
    }
}

impl HttpValue for bool {
    fn to_text(&self) -> Cow<'_, str> {
        Cow::Borrowed(if *self { "true" } else { "false" })
    }
}

macro_rules! display_values {
    ($($t:ty),*) => {
        $(impl HttpValue for $t {
            fn to_text(&self) -> Cow<'_, str> {
                Cow::Owned(self.to_string())
            }
        })*
    };
}

display_values!(i8, i16, i32, i64, BigInteger, BigDecimal);

macro_rules! float_values {
    ($($t:ty),*) => {
        $(impl HttpValue for $t {
            fn to_text(&self) -> Cow<'_, str> {
                Cow::Owned(if self.is_nan() {
                    "NaN".to_string()
                } else if self.is_infinite() {
                    if *self > 0.0 { "Infinity" } else { "-Infinity" }.to_string()
                } else {
                    self.to_string()
                })
            }
        })*
    };
}

float_values!(f32, f64);

impl HttpValue for Blob {
    fn to_text(&self) -> Cow<'_, str> {
        Cow::Owned(self.to_base64())
    }
}

/// A timestamp in a given format.
#[derive(Clone, Copy, Debug)]
pub struct Timestamp<'a>(pub &'a DateTime, pub DateTimeFormat);

impl HttpValue for Timestamp<'_> {
    fn to_text(&self) -> Cow<'_, str> {
        // Years beyond 9999 have no date-time or http-date form; epoch seconds always do.
        Cow::Owned(self.0.fmt(self.1).unwrap_or_else(|_| self.0.as_secs_f64().to_string()))
    }
}

/// A string whose target has `@mediaType`: headers carry it base64-encoded.
#[derive(Clone, Copy, Debug)]
pub struct Base64<'a>(pub &'a str);

impl HttpValue for Base64<'_> {
    fn to_text(&self) -> Cow<'_, str> {
        Cow::Owned(encode_base64(self.0.as_bytes()))
    }
}

/// A value read from a label, a query parameter or a header.
pub trait FromHttpValue: Sized {
    /// Parses the text (already percent-decoded or unquoted).
    fn from_text(text: &str) -> Result<Self, String>;
}

impl FromHttpValue for String {
    fn from_text(text: &str) -> Result<Self, String> {
        Ok(text.to_string())
    }
}

impl FromHttpValue for bool {
    fn from_text(text: &str) -> Result<Self, String> {
        match text {
            "true" => Ok(true),
            "false" => Ok(false),
            _ => Err(format!("`{text}` is not a boolean")),
        }
    }
}

macro_rules! parsed_values {
    ($($t:ty => $what:literal),*) => {
        $(impl FromHttpValue for $t {
            fn from_text(text: &str) -> Result<Self, String> {
                text.trim().parse().map_err(|_| format!(concat!("`{}` is not ", $what), text))
            }
        })*
    };
}

parsed_values!(i8 => "a byte", i16 => "a short", i32 => "an integer", i64 => "a long",
    BigInteger => "a big integer", BigDecimal => "a big decimal");

macro_rules! parsed_floats {
    ($($t:ty),*) => {
        $(impl FromHttpValue for $t {
            fn from_text(text: &str) -> Result<Self, String> {
                match text.trim() {
                    "NaN" => Ok(<$t>::NAN),
                    "Infinity" => Ok(<$t>::INFINITY),
                    "-Infinity" => Ok(<$t>::NEG_INFINITY),
                    // Rust also reads `inf` and `nan`, which Smithy does not allow.
                    t if t.bytes().any(|b| b.is_ascii_alphabetic() && b != b'e' && b != b'E') => Err(format!("`{text}` is not a number")),
                    t => t.parse().map_err(|_| format!("`{text}` is not a number")),
                }
            }
        })*
    };
}

parsed_floats!(f32, f64);

impl FromHttpValue for Blob {
    fn from_text(text: &str) -> Result<Self, String> {
        Blob::from_base64(text).map_err(|e| format!("invalid base64: {e}"))
    }
}

/// Reads a timestamp in a given format.
pub fn parse_timestamp(text: &str, format: DateTimeFormat) -> Result<DateTime, String> {
    crate::wire::check_utc(text, format)?;
    DateTime::from_str(text.trim(), format).map_err(|e| format!("`{text}` is not a timestamp: {e}"))
}

/// Reads a base64 string (a `@mediaType` string's header).
pub fn parse_base64_text(text: &str) -> Result<String, String> {
    let bytes = decode_base64(text.trim()).map_err(|e| format!("invalid base64: {e}"))?;
    String::from_utf8(bytes).map_err(|_| "the base64 value is not UTF-8 text".to_string())
}

/// Percent-encodes a label (every byte but RFC 3986's unreserved characters; a greedy label
/// keeps its `/`s).
pub fn encode_label(value: &str, greedy: bool) -> String {
    encode(value, |b| greedy && b == b'/')
}

/// Percent-encodes a query-string key or value (every byte but the unreserved characters).
pub fn encode_query(value: &str) -> String {
    encode(value, |_| false)
}

fn encode(value: &str, keep: impl Fn(u8) -> bool) -> String {
    let mut out = String::with_capacity(value.len());
    for &b in value.as_bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') || keep(b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Decodes percent-encoding (`+` stays a `+`: Smithy's query strings are not forms).
pub fn percent_decode(value: &str) -> Result<String, String> {
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok()).and_then(|h| u8::from_str_radix(h, 16).ok());
            out.push(hex.ok_or_else(|| format!("`{value}` has an invalid percent-encoding"))?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).map_err(|_| format!("`{value}` is not UTF-8 once decoded"))
}

/// A header list: items joined with `, `; string items holding a comma or a double quote are
/// quoted, with `"` and `\` escaped.
pub fn join_header_list<T: HttpValue>(items: impl IntoIterator<Item = T>) -> String {
    let mut out = String::new();
    for (i, item) in items.into_iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        let text = item.to_text();
        if item.quotable() && (text.contains(',') || text.contains('"')) {
            out.push('"');
            for c in text.chars() {
                if matches!(c, '"' | '\\') {
                    out.push('\\');
                }
                out.push(c);
            }
            out.push('"');
        } else {
            out.push_str(&text);
        }
    }
    out
}

/// Splits a header list at the commas outside double quotes, trims each item and unquotes the
/// quoted ones.
pub fn split_header_list(value: &str) -> Vec<String> {
    let mut items = Vec::new();
    let mut current = String::new();
    let (mut quoted, mut escaped, mut was_quoted) = (false, false, false);
    for c in value.chars() {
        match c {
            _ if escaped => {
                current.push(c);
                escaped = false;
            }
            '\\' if quoted => escaped = true,
            '"' if quoted => quoted = false,
            '"' if current.trim().is_empty() => {
                current.clear();
                quoted = true;
                was_quoted = true;
            }
            ',' if !quoted => {
                items.push(finish_item(&mut current, was_quoted));
                was_quoted = false;
            }
            // Spaces between a closing quote and the comma are not part of the item.
            c if was_quoted && !quoted && c.is_whitespace() => {}
            _ => current.push(c),
        }
    }
    items.push(finish_item(&mut current, was_quoted));
    items
}

fn finish_item(current: &mut String, quoted: bool) -> String {
    let item = std::mem::take(current);
    if quoted {
        item
    } else {
        item.trim().to_string()
    }
}

/// Splits a list of `http-date` timestamps: each holds one comma, so items end at every
/// second comma.
pub fn split_http_dates(value: &str) -> Vec<String> {
    let parts: Vec<&str> = value.split(',').collect();
    parts.chunks(2).map(|pair| pair.join(",").trim().to_string()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_and_queries_are_percent_encoded() {
        assert_eq!(encode_label("a b/c%d", false), "a%20b%2Fc%25d");
        assert_eq!(encode_label("a b/c", true), "a%20b/c");
        assert_eq!(encode_query("Hello there & then=?"), "Hello%20there%20%26%20then%3D%3F");
        assert_eq!(encode_query("ü"), "%C3%BC");
        assert_eq!(percent_decode("a%20b%2Fc").unwrap(), "a b/c");
        assert!(percent_decode("%G1").is_err());
    }

    #[test]
    fn header_lists_quote_what_needs_it() {
        assert_eq!(join_header_list(["a", "b,c", "say \"hi\""]), r#"a, "b,c", "say \"hi\"""#);
        assert_eq!(split_header_list(r#"a, "b,c" ,"say \"hi\"",  d "#), ["a", "b,c", "say \"hi\"", "d"]);
        assert_eq!(split_header_list(""), [""]);
        let t = DateTime::from_secs(1_576_540_098);
        let list = join_header_list([Timestamp(&t, DateTimeFormat::HttpDate), Timestamp(&t, DateTimeFormat::HttpDate)]);
        assert_eq!(list, "Mon, 16 Dec 2019 23:48:18 GMT, Mon, 16 Dec 2019 23:48:18 GMT");
        assert_eq!(split_http_dates(&list), ["Mon, 16 Dec 2019 23:48:18 GMT", "Mon, 16 Dec 2019 23:48:18 GMT"]);
    }

    #[test]
    fn values_read_back() {
        assert_eq!(f64::from_text("NaN").map(f64::is_nan), Ok(true));
        assert_eq!(f32::from_text("-Infinity"), Ok(f32::NEG_INFINITY));
        assert!(f64::from_text("inf").is_err());
        assert_eq!(i32::from_text("-12"), Ok(-12));
        assert!(bool::from_text("TRUE").is_err());
        assert_eq!(1.5f64.to_text(), "1.5");
        assert_eq!(parse_base64_text("dHJ1ZQ==").unwrap(), "true");
        assert_eq!(Base64("true").to_text(), "dHJ1ZQ==");
    }
}
