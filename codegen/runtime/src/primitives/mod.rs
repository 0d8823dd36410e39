//! Smithy's simple types that have no std equivalent.

mod big_number;
mod blob;
mod date_time;
mod document;
mod unknown;

pub use big_number::{BigDecimal, BigInteger};
pub use blob::{decode_base64, encode_base64, Blob};
pub use date_time::{DateTime, DateTimeConversionError, DateTimeFormatError, DateTimeParseError, Format as DateTimeFormat};
pub use document::Document;
pub use unknown::{UnknownIntVariantValue, UnknownMember, UnknownVariantValue};
