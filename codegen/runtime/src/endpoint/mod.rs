//! Endpoint resolution: an interpreter for Smithy endpoint rule sets, with the AWS partition
//! data its `aws.partition` function reads. A generated crate holds its model's rule set and a
//! typed `Params`; this module evaluates them.

mod rules;

pub use rules::{Endpoint, ParamType, Parameter, Partitions, ResolveError, ResolveErrorKind, RuleSet};

/// The values of the built-in rule-set parameters (`AWS::Region`, `AWS::UseFIPS`,
/// `AWS::UseDualStack`, `SDK::Endpoint`), as a client's configuration gives them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct BuiltIns {
    /// `AWS::Region`.
    pub region: Option<String>,
    /// `AWS::UseFIPS`.
    pub use_fips: bool,
    /// `AWS::UseDualStack`.
    pub use_dual_stack: bool,
    /// `SDK::Endpoint`: an endpoint URL set by the user.
    pub endpoint: Option<String>,
}

impl BuiltIns {
    /// The built-ins of a configuration.
    pub fn new(region: Option<String>, use_fips: bool, use_dual_stack: bool, endpoint: Option<String>) -> Self {
        BuiltIns { region, use_fips, use_dual_stack, endpoint }
    }
}

/// How a generated crate resolves its endpoint from the built-ins.
pub type ResolveFn = fn(&BuiltIns) -> Result<Endpoint, ResolveError>;
