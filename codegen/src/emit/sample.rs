//! Sample strings for the crate docs' examples that pass the member's own `validate()` checks:
//! `example-<member>` where the `@length` and `@pattern` allow it, else a string built from the
//! pattern (`arn:aws:...:012345678901:workflow/a-abcdefghij`), checked with the same `regex`
//! crate the generated code uses.

use crate::ir::Rules;
use regex_syntax::hir::{Class, Hir, HirKind};

/// Characters a built sample prefers, in order; a repetition cycles through those its class
/// allows, so `[0-9]{12}` reads `012345678901`.
const PREFERRED: &str = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-_.:/";

/// Longer samples are not worth showing (nor building, for a `@length(min: 1000000000)`).
const MAX_LEN: usize = 4096;

/// A string named after `wire` that satisfies `rules`, or `None` if none could be found.
pub fn string(wire: &str, rules: &Rules) -> Option<String> {
    let (min, max) = rules.length.unwrap_or((None, None));
    let (min, max) = (min.unwrap_or(0) as usize, max.map_or(usize::MAX, |m| m as usize));
    if min > MAX_LEN {
        return None;
    }
    let fits = |s: &str| (min..=max).contains(&s.chars().count()) && matches(rules, s);
    let mut readable: String = format!("example-{}", heck::ToKebabCase::to_kebab_case(wire)).chars().take(max).collect();
    while readable.len() < min {
        readable.push('x');
    }
    if fits(&readable) {
        return Some(readable);
    }
    let hir = regex_syntax::Parser::new().parse(&rules.pattern.as_ref()?.1).ok()?;
    let short = build(&hir, 0)?;
    let built = match min.checked_sub(short.chars().count()) {
        Some(missing) if missing > 0 => build(&hir, missing)?,
        _ => short,
    };
    fits(&built).then_some(built)
}

/// Whether `s` matches the rules' pattern as `validate()` checks it (no pattern, or one the
/// `regex` crate cannot compile, allows anything).
fn matches(rules: &Rules, s: &str) -> bool {
    let Some((_, pattern)) = &rules.pattern else { return true };
    regex::Regex::new(pattern).map_or(true, |re| re.is_match(s))
}

/// A short string matching `hir`, with `extra` more characters from its unbounded (or
/// loosely bounded) repetitions to reach a minimum length.
fn build(hir: &Hir, extra: usize) -> Option<String> {
    let mut out = String::new();
    let mut extra = extra;
    push(hir, 0, &mut extra, &mut out)?;
    Some(out)
}

/// Appends a match of `hir` to `out`; `nth` is the position in an enclosing repetition.
fn push(hir: &Hir, nth: usize, extra: &mut usize, out: &mut String) -> Option<()> {
    match hir.kind() {
        HirKind::Empty => {}
        HirKind::Literal(lit) => out.push_str(std::str::from_utf8(&lit.0).ok()?),
        HirKind::Class(class) => out.push(pick(class, nth)?),
        // Assertions match nothing; whether they hold is left to the final check.
        HirKind::Look(_) => {}
        HirKind::Repetition(rep) => {
            let room = rep.max.map_or(usize::MAX, |max| (max - rep.min) as usize);
            let more = room.min(*extra);
            *extra -= more;
            for i in 0..rep.min as usize + more {
                if out.len() > MAX_LEN {
                    return None;
                }
                push(&rep.sub, i, extra, out)?;
            }
        }
        HirKind::Capture(capture) => push(&capture.sub, nth, extra, out)?,
        HirKind::Concat(parts) => parts.iter().try_for_each(|part| push(part, nth, extra, out))?,
        HirKind::Alternation(branches) => push(branches.first()?, nth, extra, out)?,
    }
    Some(())
}

/// The `nth` preferred character the class allows, else its first printable one.
fn pick(class: &Class, nth: usize) -> Option<char> {
    let allows = |c: char| match class {
        Class::Unicode(u) => u.ranges().iter().any(|r| (r.start()..=r.end()).contains(&c)),
        Class::Bytes(b) => c.is_ascii() && b.ranges().iter().any(|r| (r.start()..=r.end()).contains(&(c as u8))),
    };
    let preferred: Vec<char> = PREFERRED.chars().filter(|&c| allows(c)).collect();
    if !preferred.is_empty() {
        return Some(preferred[nth % preferred.len()]);
    }
    match class {
        Class::Unicode(u) => u.ranges().iter().flat_map(|r| r.start()..=r.end()).find(|c| !c.is_control()),
        Class::Bytes(b) => b.ranges().iter().flat_map(|r| r.start()..=r.end()).map(char::from).find(|c| c.is_ascii_graphic()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(pattern: Option<&str>, length: Option<(Option<u64>, Option<u64>)>) -> Rules {
        Rules { pattern: pattern.map(|p| (0, p.to_string())), length, ..Rules::default() }
    }

    #[test]
    fn readable_when_the_rules_allow_it() {
        assert_eq!(string("RunId", &rules(Some("^[a-zA-Z0-9]+[a-zA-Z0-9\\.\\-_]*$"), Some((Some(1), Some(255))))).unwrap(), "example-run-id");
        assert_eq!(string("Name", &rules(None, Some((Some(1), Some(4))))).unwrap(), "exam");
        assert_eq!(string("Id", &rules(None, Some((Some(20), None)))).unwrap(), "example-idxxxxxxxxxx");
    }

    #[test]
    fn built_from_the_pattern_otherwise() {
        let arn = "^arn:aws(?:-(?:cn|us-gov))?:airflow-serverless:([a-z]{2}-[a-z]+-[0-9]{1}):([0-9]{12}):workflow/([a-zA-Z0-9][a-zA-Z0-9\\.\\-_]{0,254}-[a-zA-Z0-9]{10})$";
        assert_eq!(string("WorkflowArn", &rules(Some(arn), None)).unwrap(), "arn:aws:airflow-serverless:ab-a-0:012345678901:workflow/a-abcdefghij");
        assert_eq!(string("Version", &rules(Some("^[a-z0-9]{32}$"), Some((Some(32), Some(32))))).unwrap(), "abcdefghijklmnopqrstuvwxyz012345");
        // A minimum length is reached through the pattern's open repetitions.
        assert_eq!(string("Sg", &rules(Some("^sg-[a-z0-9]*$"), Some((Some(11), None)))).unwrap(), "sg-abcdefgh");
        assert_eq!(string("Odd", &rules(Some("^[\\x00-\\x08]+$"), None)), None);
        // Contradictory rules have no sample.
        assert_eq!(string("Short", &rules(Some("^[a-z]{5}$"), Some((None, Some(2))))), None);
        // Assertions are checked on the result, not solved.
        assert_eq!(string("Look", &rules(Some("\\bword\\b"), None)).unwrap(), "word");
        assert_eq!(string("Never", &rules(Some("a\\bb"), None)), None);
    }
}
