//! The payloads of generated enums' `Unknown` variants: values the model did not define when
//! the crate was generated, kept opaque so that code cannot match on a particular one. A match
//! on `Unknown("NEW")` would silently stop matching once the model adds `NEW` and the value
//! arrives as its own variant; reading the value (`as_str()`, `as_i32()`) stays possible.

use std::fmt;

/// A string enum value this version of the crate does not know, exactly as the service sent
/// it. Read it with [`as_str`](Self::as_str) or `Display`; only generated code creates one:
///
/// ```compile_fail
/// // The value is private: no `Unknown(UnknownVariantValue("NEW"))` to build or match.
/// let value = smithy_codegen_runtime::primitives::UnknownVariantValue(String::from("NEW"));
/// ```
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
pub struct UnknownVariantValue(String);

impl UnknownVariantValue {
    /// Not part of the API: generated enums' `From` impls call it for values they do not know.
    #[doc(hidden)]
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// The value as it appears on the wire.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for UnknownVariantValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(&self.0)
    }
}

/// An intEnum value this version of the crate does not know, as the service sent it. Read it
/// with [`as_i32`](Self::as_i32) or `Display`; only generated code creates one.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
pub struct UnknownIntVariantValue(i32);

impl UnknownIntVariantValue {
    /// Not part of the API: generated intEnums' `From<i32>` calls it for values they do not know.
    #[doc(hidden)]
    pub const fn new(value: i32) -> Self {
        Self(value)
    }

    /// The value as it appears on the wire.
    pub const fn as_i32(&self) -> i32 {
        self.0
    }
}

impl fmt::Display for UnknownIntVariantValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

/// A union member this version of the crate does not know: its name and its value as the
/// service sent them. Read them with [`name`](Self::name) and [`value`](Self::value); only
/// generated code creates one, so no code can match a member that a later model names:
///
/// ```compile_fail
/// let member = smithy_codegen_runtime::primitives::UnknownMember { name: String::new(), value: serde_json::Value::Null };
/// ```
#[derive(Clone, PartialEq, Debug, Default)]
pub struct UnknownMember {
    name: String,
    value: serde_json::Value,
}

impl UnknownMember {
    /// Not part of the API: generated unions' readers call it for members they do not know.
    #[doc(hidden)]
    pub fn new(name: String, value: serde_json::Value) -> Self {
        Self { name, value }
    }

    /// The member's name, as sent.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The member's value, as sent.
    pub fn value(&self) -> &serde_json::Value {
        &self.value
    }

    /// Not part of the API: whether this is a union's `Default` (no name, no value), the
    /// stand-in for a required union that is not set.
    #[doc(hidden)]
    pub fn is_unset(&self) -> bool {
        self.name.is_empty() && self.value.is_null()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_read_back_as_sent() {
        let s = UnknownVariantValue::new("NEW_STATE");
        assert_eq!(s.as_str(), "NEW_STATE");
        assert_eq!(format!("[{s:>11}]"), "[  NEW_STATE]");
        let i = UnknownIntVariantValue::new(-7);
        assert_eq!(i.as_i32(), -7);
        assert_eq!(i.to_string(), "-7");
        let m = UnknownMember::new("newMember".into(), serde_json::json!({"a": 1}));
        assert_eq!((m.name(), m.value()), ("newMember", &serde_json::json!({"a": 1})));
        assert!(!m.is_unset() && UnknownMember::default().is_unset());
    }
}
