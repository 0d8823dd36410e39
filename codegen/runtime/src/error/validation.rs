//! Constraint validation: what `validate()` on an input type reports. Every violation is kept,
//! with the path of the member (`/Outer/Inner/0`) and a message in the wording AWS services use
//! for their `ValidationException` field lists.

/// One member that breaks one of the model's constraints.
#[derive(::std::clone::Clone, ::std::fmt::Debug, ::std::cmp::PartialEq, ::std::cmp::Eq)]
pub struct Violation {
    path: ::std::string::String,
    message: ::std::string::String,
    kind: ViolationKind,
}

/// Which constraint a [`Violation`] breaks.
#[derive(::std::clone::Clone, ::std::marker::Copy, ::std::fmt::Debug, ::std::cmp::PartialEq, ::std::cmp::Eq, ::std::hash::Hash)]
#[non_exhaustive]
pub enum ViolationKind {
    /// `@required`: the member is not set.
    Required,
    /// `@length`: a string, blob, list or map of the wrong length.
    Length,
    /// `@range`: a number out of range.
    Range,
    /// `@pattern`: a string that does not match.
    Pattern,
    /// An enum value the model does not define.
    Enum,
    /// `@uniqueItems`: a list with the same value twice.
    UniqueItems,
}

impl Violation {
    /// The member's path, e.g. `/RunDetail/TaskInstances/0`.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// What is wrong, e.g. `Value at '/Name' failed to satisfy constraint: Member must not be null`.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// Which constraint is broken.
    pub fn kind(&self) -> ViolationKind {
        self.kind
    }
}

/// The constraints an input breaks: every one of them, in member order.
#[derive(::std::clone::Clone, ::std::fmt::Debug, ::std::cmp::PartialEq, ::std::cmp::Eq)]
pub struct ValidationError {
    violations: ::std::vec::Vec<Violation>,
}

impl ValidationError {
    /// Every violation found.
    pub fn violations(&self) -> &[Violation] {
        &self.violations
    }

    /// The error for one required member left out, at `path`.
    pub fn required(path: &str) -> Self {
        let mut v = Violations::default();
        v.required(path);
        ValidationError { violations: v.list }
    }

    /// A one-line summary in the wording AWS services use (`1 validation error detected: ...`).
    pub fn summary(&self) -> ::std::string::String {
        self.summary_after(":")
    }

    /// A one-line summary in the wording of Smithy's framework `ValidationException`
    /// (`1 validation error detected. ...`), as Smithy servers answer.
    pub fn framework_summary(&self) -> ::std::string::String {
        self.summary_after(".")
    }

    fn summary_after(&self, punctuation: &str) -> ::std::string::String {
        let count = self.violations.len();
        let noun = if count == 1 { "validation error" } else { "validation errors" };
        let details: ::std::vec::Vec<&str> = self.violations.iter().map(|v| v.message.as_str()).collect();
        ::std::format!("{count} {noun} detected{punctuation} {}", details.join("; "))
    }
}

impl ::std::fmt::Display for ValidationError {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.write_str(&self.summary())
    }
}

impl ::std::error::Error for ValidationError {}

/// Collects violations while generated `validate_at` functions walk a value.
#[derive(::std::default::Default)]
pub struct Violations {
    list: ::std::vec::Vec<Violation>,
}

/// `/Parent/Member`.
pub fn child(path: &str, member: &str) -> ::std::string::String {
    ::std::format!("{path}/{member}")
}

impl Violations {
    /// `Ok` when nothing was found, else every violation.
    pub fn into_result(self) -> ::std::result::Result<(), ValidationError> {
        if self.list.is_empty() {
            ::std::result::Result::Ok(())
        } else {
            ::std::result::Result::Err(ValidationError { violations: self.list })
        }
    }

    fn push(&mut self, path: &str, kind: ViolationKind, message: ::std::string::String) {
        self.list.push(Violation { path: path.to_string(), message, kind });
    }

    /// A `@required` member is not set.
    pub fn required(&mut self, path: &str) {
        let message = ::std::format!("Value at '{path}' failed to satisfy constraint: Member must not be null");
        self.push(path, ViolationKind::Required, message);
    }

    /// `len` is in characters for strings, bytes for blobs, entries for lists and maps.
    pub fn length(&mut self, path: &str, len: usize, min: ::std::option::Option<u64>, max: ::std::option::Option<u64>) {
        let len64 = len as u64;
        if min.is_some_and(|m| len64 < m) || max.is_some_and(|m| len64 > m) {
            let bound = match (min, max) {
                (::std::option::Option::Some(a), ::std::option::Option::Some(b)) => ::std::format!("between {a} and {b}, inclusive"),
                (::std::option::Option::Some(a), ::std::option::Option::None) => ::std::format!("greater than or equal to {a}"),
                (_, ::std::option::Option::Some(b)) => ::std::format!("less than or equal to {b}"),
                _ => ::std::string::String::new(),
            };
            let message = ::std::format!("Value with length {len} at '{path}' failed to satisfy constraint: Member must have length {bound}");
            self.push(path, ViolationKind::Length, message);
        }
    }

    /// Bounds come from the model as decimal text, so comparisons are made in `f64`; exact for
    /// every integer and bound the AWS models use.
    pub fn range(&mut self, path: &str, value: f64, min: ::std::option::Option<f64>, max: ::std::option::Option<f64>, shown: (&str, &str)) {
        if value.is_nan() || min.is_some_and(|m| value < m) || max.is_some_and(|m| value > m) {
            let bound = match (min, max) {
                (::std::option::Option::Some(_), ::std::option::Option::Some(_)) => ::std::format!("between {} and {}, inclusive", shown.0, shown.1),
                (::std::option::Option::Some(_), ::std::option::Option::None) => ::std::format!("greater than or equal to {}", shown.0),
                (_, ::std::option::Option::Some(_)) => ::std::format!("less than or equal to {}", shown.1),
                _ => ::std::string::String::from("a number"),
            };
            let message = ::std::format!("Value at '{path}' failed to satisfy constraint: Member must be {bound}");
            self.push(path, ViolationKind::Range, message);
        }
    }

    /// `matched` is `None` only if the pattern did not compile, which the generator rules out.
    pub fn pattern(&mut self, path: &str, matched: ::std::option::Option<bool>, pattern: &str) {
        if matched == ::std::option::Option::Some(false) {
            let message = ::std::format!("Value at '{path}' failed to satisfy constraint: Member must satisfy regular expression pattern: {pattern}");
            self.push(path, ViolationKind::Pattern, message);
        }
    }

    /// `@uniqueItems`: no two items of the list are equal. Items are compared by their JSON
    /// form (hashed, so a long list costs linear time, not quadratic).
    pub fn unique_items<T: ::serde::Serialize>(&mut self, path: &str, items: &[T]) {
        let mut seen = ::std::collections::HashSet::with_capacity(items.len());
        let unique = items.iter().all(|item| seen.insert(::serde_json::to_string(item).unwrap_or_default()));
        if !unique {
            let message = ::std::format!("Value at '{path}' failed to satisfy constraint: Member must have unique values");
            self.push(path, ViolationKind::UniqueItems, message);
        }
    }

    /// Checks an enum value against the model's values.
    pub fn enum_value(&mut self, path: &str, known: bool, allowed: &[&str]) {
        if !known {
            let message = ::std::format!("Value at '{path}' failed to satisfy constraint: Member must satisfy enum value set: [{}]", allowed.join(", "));
            self.push(path, ViolationKind::Enum, message);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collects_every_violation_with_aws_wording() {
        let mut v = Violations::default();
        v.required("/Name");
        v.length("/Tags", 51, ::std::option::Option::Some(0), ::std::option::Option::Some(50));
        v.length("/Id", 3, ::std::option::Option::Some(1), ::std::option::Option::None);
        v.range("/Max", 0.0, ::std::option::Option::Some(1.0), ::std::option::Option::Some(100.0), ("1", "100"));
        v.pattern("/Word", ::std::option::Option::Some(false), "^[a-z]+$");
        v.enum_value("/Mode", false, &["A", "B"]);
        let err = v.into_result().unwrap_err();
        let kinds: ::std::vec::Vec<ViolationKind> = err.violations().iter().map(Violation::kind).collect();
        assert_eq!(kinds, [ViolationKind::Required, ViolationKind::Length, ViolationKind::Range, ViolationKind::Pattern, ViolationKind::Enum]);
        assert_eq!(err.violations()[1].message(), "Value with length 51 at '/Tags' failed to satisfy constraint: Member must have length between 0 and 50, inclusive");
        assert_eq!(err.violations()[2].message(), "Value at '/Max' failed to satisfy constraint: Member must be between 1 and 100, inclusive");
        assert!(err.summary().starts_with("5 validation errors detected: "));
    }

    #[test]
    fn valid_values_pass() {
        let mut v = Violations::default();
        v.length("/Id", 3, ::std::option::Option::Some(1), ::std::option::Option::Some(3));
        v.range("/N", 5.0, ::std::option::Option::Some(5.0), ::std::option::Option::None, ("5", ""));
        v.enum_value("/Mode", true, &["A"]);
        assert!(v.into_result().is_ok());
    }
}
