//! Why a builder could not build.

use std::fmt;

/// Why a builder could not build: the required members that were not set.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct BuildError {
    type_name: &'static str,
    missing: Vec<&'static str>,
}

impl BuildError {
    /// The error of a builder of `type_name` whose required members `missing` are unset.
    #[doc(hidden)]
    pub fn missing(type_name: &'static str, missing: Vec<&'static str>) -> Self {
        Self { type_name, missing }
    }

    /// The type that could not be built.
    pub fn type_name(&self) -> &'static str {
        self.type_name
    }

    /// The model names of the required members that were not set.
    pub fn missing_members(&self) -> &[&'static str] {
        &self.missing
    }
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot build `{}`: missing required member", self.type_name)?;
        if self.missing.len() > 1 {
            f.write_str("s")?;
        }
        for (i, name) in self.missing.iter().enumerate() {
            let sep = if i == 0 { " " } else { ", " };
            write!(f, "{sep}`{name}`")?;
        }
        Ok(())
    }
}

impl std::error::Error for BuildError {}

#[cfg(test)]
mod tests {
    use super::BuildError;

    #[test]
    fn names_every_missing_member() {
        assert_eq!(BuildError::missing("Thing", vec!["Name"]).to_string(), "cannot build `Thing`: missing required member `Name`");
        assert_eq!(BuildError::missing("Thing", vec!["A", "B"]).to_string(), "cannot build `Thing`: missing required members `A`, `B`");
    }
}
