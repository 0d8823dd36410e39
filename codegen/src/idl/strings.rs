//! Decoding quoted strings and text blocks: line endings become `\n`, text blocks lose their
//! incidental indentation, then escapes are replaced. Borrows when nothing changes.

use std::borrow::Cow;

pub fn decode(raw: &str, text_block: bool) -> Result<Cow<'_, str>, String> {
    let mut text = normalize_line_endings(raw);
    if text_block {
        text = Cow::Owned(format_text_block(&text)?);
    }
    match text {
        Cow::Borrowed(s) => unescape(s),
        Cow::Owned(s) => unescape(&s).map(|c| Cow::Owned(c.into_owned())),
    }
}

/// `\r\n` and a lone `\r` become `\n`, so models mean the same on every platform (a literal CR
/// is written `\r` or `\u000d`).
fn normalize_line_endings(raw: &str) -> Cow<'_, str> {
    if !raw.contains('\r') {
        return Cow::Borrowed(raw);
    }
    Cow::Owned(raw.replace("\r\n", "\n").replace('\r', "\n"))
}

/// Drops the opening line break, the indentation every line shares (the closing line counts,
/// blank lines do not) and trailing spaces.
fn format_text_block(text: &str) -> Result<String, String> {
    if text.is_empty() {
        return Err("Text block is empty".to_string());
    }
    let Some(body) = text.strip_prefix('\n') else {
        return Err("Text block must start with a new line".to_string());
    };
    let lines: Vec<&str> = body.split('\n').collect();
    let last = lines.len() - 1;
    let padding = lines
        .iter()
        .enumerate()
        .filter_map(|(i, line)| match line.bytes().position(|b| b != b' ') {
            Some(leading) => Some(leading),
            None if i == last => Some(line.len()),
            None => None,
        })
        .min()
        .unwrap_or(usize::MAX);
    let mut out = String::with_capacity(body.len());
    for (i, line) in lines.iter().enumerate() {
        out.push_str(trim_line(line, padding));
        if i < last {
            out.push('\n');
        }
    }
    Ok(out)
}

/// A line without the shared padding and without trailing spaces. A lone character that is a
/// space survives when there is no padding, as in Smithy's implementation.
fn trim_line(line: &str, padding: usize) -> &str {
    if line.is_empty() {
        return "";
    }
    // Padding never exceeds a content line's leading spaces, so `start` is a char boundary.
    let start = padding.min(line.len());
    let kept = line.trim_end_matches(' ').len().max(1);
    if kept > start {
        &line[start..kept]
    } else {
        ""
    }
}

fn unescape(text: &str) -> Result<Cow<'_, str>, String> {
    if let Some(bad) = text.chars().find(|c| is_invalid_char(*c)) {
        return Err(format!("Invalid string character: `{bad}`"));
    }
    if !text.contains('\\') {
        return Ok(Cow::Borrowed(text));
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    let mut pending_high: Option<u16> = None;
    while let Some(c) = chars.next() {
        if c != '\\' {
            flush_surrogate(&mut out, &mut pending_high);
            out.push(c);
            continue;
        }
        let escaped = chars.next().unwrap_or('\\');
        if escaped != 'u' {
            flush_surrogate(&mut out, &mut pending_high);
        }
        match escaped {
            '"' => out.push('"'),
            '\\' => out.push('\\'),
            '/' => out.push('/'),
            'b' => out.push('\u{8}'),
            'f' => out.push('\u{c}'),
            'n' => out.push('\n'),
            'r' => out.push('\r'),
            't' => out.push('\t'),
            '\n' => {}
            'u' => push_utf16(&mut out, &mut pending_high, hex4(&mut chars)?),
            other => return Err(format!("Invalid escape found in string: `\\{other}`")),
        }
    }
    flush_surrogate(&mut out, &mut pending_high);
    Ok(Cow::Owned(out))
}

/// Control characters other than tab and line breaks must be escaped.
fn is_invalid_char(c: char) -> bool {
    (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r')
}

fn hex4(chars: &mut std::str::Chars<'_>) -> Result<u16, String> {
    let mut value = 0u16;
    for _ in 0..4 {
        let c = chars
            .next()
            .ok_or("Invalid unclosed unicode escape found in string")?;
        let digit = c
            .to_digit(16)
            .ok_or_else(|| format!("Invalid unicode escape character: `{c}`"))?;
        value = (value << 4) | digit as u16;
    }
    Ok(value)
}

/// `\u` escapes are UTF-16 code units: a surrogate pair makes one character; a lone surrogate
/// cannot be held in a Rust string and becomes U+FFFD.
fn push_utf16(out: &mut String, pending_high: &mut Option<u16>, unit: u16) {
    match (unit, pending_high.take()) {
        (0xDC00..=0xDFFF, Some(high)) => {
            let code = 0x10000 + ((u32::from(high) - 0xD800) << 10) + (u32::from(unit) - 0xDC00);
            out.push(char::from_u32(code).unwrap_or('\u{fffd}'));
        }
        (0xD800..=0xDBFF, previous) => {
            if previous.is_some() {
                out.push('\u{fffd}');
            }
            *pending_high = Some(unit);
        }
        (unit, previous) => {
            if previous.is_some() {
                out.push('\u{fffd}');
            }
            out.push(char::from_u32(u32::from(unit)).unwrap_or('\u{fffd}'));
        }
    }
}

fn flush_surrogate(out: &mut String, pending_high: &mut Option<u16>) {
    if pending_high.take().is_some() {
        out.push('\u{fffd}');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_line_endings() {
        assert_eq!(decode("a\\n\\u0041\\\"", false).unwrap(), "a\nA\"");
        assert_eq!(decode("a\r\nb\rc", false).unwrap(), "a\nb\nc");
        assert_eq!(decode("x\\\ny", false).unwrap(), "xy");
        assert_eq!(decode("\\uD83D\\uDE00", false).unwrap(), "\u{1F600}");
        assert!(matches!(decode("plain", false).unwrap(), Cow::Borrowed(_)));
        assert_eq!(
            decode("\\u12", false).unwrap_err(),
            "Invalid unclosed unicode escape found in string"
        );
        assert_eq!(
            decode("\\u12tx", false).unwrap_err(),
            "Invalid unicode escape character: `t`"
        );
    }

    #[test]
    fn text_blocks_lose_incidental_indentation() {
        let raw = "\n    This is a\n    string.\n      indented\n    ";
        assert_eq!(
            decode(raw, true).unwrap(),
            "This is a\nstring.\n  indented\n"
        );
        assert_eq!(decode("\n  a  \n\n  b", true).unwrap(), "a\n\nb");
        assert_eq!(decode("", true).unwrap_err(), "Text block is empty");
        assert_eq!(
            decode("x", true).unwrap_err(),
            "Text block must start with a new line"
        );
    }
}
