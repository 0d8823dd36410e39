//! Ids of the traits the generator reads, in one place.

pub const DOCUMENTATION: &str = "smithy.api#documentation";
pub const REQUIRED: &str = "smithy.api#required";
pub const DEFAULT: &str = "smithy.api#default";
pub const CLIENT_OPTIONAL: &str = "smithy.api#clientOptional";
pub const SENSITIVE: &str = "smithy.api#sensitive";
pub const SPARSE: &str = "smithy.api#sparse";
pub const INPUT: &str = "smithy.api#input";
pub const OUTPUT: &str = "smithy.api#output";
pub const ERROR: &str = "smithy.api#error";
pub const HTTP_ERROR: &str = "smithy.api#httpError";
pub const RETRYABLE: &str = "smithy.api#retryable";
pub const MIXIN: &str = "smithy.api#mixin";
pub const ENUM_VALUE: &str = "smithy.api#enumValue";
pub const ENUM: &str = "smithy.api#enum";
pub const TIMESTAMP_FORMAT: &str = "smithy.api#timestampFormat";
pub const UNIT_TYPE: &str = "smithy.api#unitType";
pub const BOX: &str = "smithy.api#box";
pub const TITLE: &str = "smithy.api#title";
pub const DEPRECATED: &str = "smithy.api#deprecated";
pub const AWS_SERVICE: &str = "aws.api#service";
pub const UNIT: &str = "smithy.api#Unit";
