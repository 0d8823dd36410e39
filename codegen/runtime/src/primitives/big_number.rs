//! The Smithy `bigInteger` and `bigDecimal` types.
//!
//! [`BigInteger`] and [`BigDecimal`] keep arbitrary precision numbers as
//! validated decimal text. They do no arithmetic; they carry values between
//! the wire and the application, which can convert them into the numeric
//! type of its choice (for example with `str::parse` on
//! [`BigInteger::as_str`]).
//!
//! # JSON
//!
//! Both types serialize as JSON numbers and deserialize from JSON numbers or
//! strings. `serde_json` (without its `arbitrary_precision` feature) can only
//! carry 64-bit and 128-bit integers and `f64` values, so:
//!
//! * integers are written exactly when they fit into `i128` or `u128`
//!   (through `serde_json::to_value`, only within the 64-bit range);
//!   larger integers and all non-integer decimals are written as the nearest
//!   `f64`, and values beyond the range of `f64` fail to serialize;
//! * JSON numbers that are read are exact within the 64-bit integer range;
//!   other numbers pass through `f64`. Strings are read exactly.

/// The error returned when text is not a valid [`BigInteger`] or
/// [`BigDecimal`].
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct ParseBigNumberError {
    type_name: &'static str,
}

impl ::std::fmt::Display for ParseBigNumberError {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        write!(f, "invalid {} syntax", self.type_name)
    }
}

impl ::std::error::Error for ParseBigNumberError {}

/// The error returned when a [`BigInteger`] or [`BigDecimal`] does not fit
/// into the requested type, or a floating point value is not finite.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct BigNumberConversionError {
    reason: &'static str,
}

impl ::std::fmt::Display for BigNumberConversionError {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.write_str(self.reason)
    }
}

impl ::std::error::Error for BigNumberConversionError {}

const OUT_OF_RANGE: BigNumberConversionError = BigNumberConversionError {
    reason: "number is out of range for the target type",
};

/// An arbitrary precision integer: the Smithy `bigInteger` type.
///
/// The value is kept as canonical decimal text: an optional `-` followed by
/// digits without leading zeros (`"0"` for zero, never `"-0"`). Parsing
/// accepts an optional `+` or `-` sign followed by one or more ASCII digits,
/// and canonicalizes them, so equal numbers compare and hash equal.
///
/// The [`Default`] value is zero.
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub struct BigInteger {
    text: ::std::string::String,
}

/// An arbitrary precision decimal number: the Smithy `bigDecimal` type.
///
/// The value is kept as the validated decimal text it was created from, in
/// the syntax of a JSON number, relaxed to allow a leading `+` and leading
/// zeros: an optional sign, one or more digits, an optional fraction (`.` and
/// one or more digits) and an optional exponent (`e` or `E`, an optional
/// sign and one or more digits). Examples: `1`, `-0.5`, `1.25e-7`.
///
/// Equality and hashing compare that text, so `1.0` and `1` are different
/// values.
///
/// The [`Default`] value is zero (`"0"`).
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub struct BigDecimal {
    text: ::std::string::String,
}

/// Consumes ASCII digits from the front of `bytes`; returns how many.
fn count_digits(bytes: &[u8]) -> usize {
    bytes
        .iter()
        .take_while(|byte| byte.is_ascii_digit())
        .count()
}

/// Length of an optional leading sign.
fn sign_length(bytes: &[u8]) -> usize {
    usize::from(matches!(bytes.first(), Some(b'+' | b'-')))
}

fn is_integer_syntax(text: &str) -> bool {
    let bytes = text.as_bytes();
    let sign = sign_length(bytes);
    let digits = count_digits(&bytes[sign..]);
    digits > 0 && sign + digits == bytes.len()
}

fn is_decimal_syntax(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut position = sign_length(bytes);
    let digits = count_digits(&bytes[position..]);
    if digits == 0 {
        return false;
    }
    position += digits;
    if bytes.get(position) == Some(&b'.') {
        position += 1;
        let digits = count_digits(&bytes[position..]);
        if digits == 0 {
            return false;
        }
        position += digits;
    }
    if matches!(bytes.get(position), Some(b'e' | b'E')) {
        position += 1;
        position += sign_length(&bytes[position..]);
        let digits = count_digits(&bytes[position..]);
        if digits == 0 {
            return false;
        }
        position += digits;
    }
    position == bytes.len()
}

impl BigInteger {
    /// The canonical decimal text of this integer, such as `"-123"`.
    pub fn as_str(&self) -> &str {
        &self.text
    }
}

impl BigDecimal {
    /// The decimal text of this number, as it was created.
    pub fn as_str(&self) -> &str {
        &self.text
    }
}

impl ::std::default::Default for BigInteger {
    fn default() -> Self {
        BigInteger {
            text: ::std::string::String::from("0"),
        }
    }
}

impl ::std::default::Default for BigDecimal {
    fn default() -> Self {
        BigDecimal {
            text: ::std::string::String::from("0"),
        }
    }
}

impl ::std::str::FromStr for BigInteger {
    type Err = ParseBigNumberError;

    fn from_str(text: &str) -> ::std::result::Result<Self, Self::Err> {
        if !is_integer_syntax(text) {
            return Err(ParseBigNumberError {
                type_name: "BigInteger",
            });
        }
        let (negative, digits) = match text.as_bytes()[0] {
            b'-' => (true, &text[1..]),
            b'+' => (false, &text[1..]),
            _ => (false, text),
        };
        let digits = digits.trim_start_matches('0');
        let text = if digits.is_empty() {
            ::std::string::String::from("0")
        } else if negative {
            ::std::format!("-{digits}")
        } else {
            ::std::string::String::from(digits)
        };
        Ok(BigInteger { text })
    }
}

impl ::std::str::FromStr for BigDecimal {
    type Err = ParseBigNumberError;

    fn from_str(text: &str) -> ::std::result::Result<Self, Self::Err> {
        if is_decimal_syntax(text) {
            Ok(BigDecimal {
                text: ::std::string::String::from(text),
            })
        } else {
            Err(ParseBigNumberError {
                type_name: "BigDecimal",
            })
        }
    }
}

impl ::std::fmt::Display for BigInteger {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.write_str(&self.text)
    }
}

impl ::std::fmt::Display for BigDecimal {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.write_str(&self.text)
    }
}

macro_rules! from_primitive_integer {
    ($($integer:ty),*) => {
        $(
            impl ::std::convert::From<$integer> for BigInteger {
                fn from(value: $integer) -> Self {
                    BigInteger { text: ::std::string::ToString::to_string(&value) }
                }
            }

            impl ::std::convert::From<$integer> for BigDecimal {
                fn from(value: $integer) -> Self {
                    BigDecimal { text: ::std::string::ToString::to_string(&value) }
                }
            }
        )*
    };
}

from_primitive_integer!(i32, i64, i128, u32, u64, u128);

macro_rules! try_into_primitive_integer {
    ($($integer:ty),*) => {
        $(
            impl ::std::convert::TryFrom<&BigInteger> for $integer {
                type Error = BigNumberConversionError;

                fn try_from(value: &BigInteger) -> ::std::result::Result<Self, Self::Error> {
                    value.text.parse().map_err(|_| OUT_OF_RANGE)
                }
            }
        )*
    };
}

try_into_primitive_integer!(i64, i128, u64, u128);

impl ::std::convert::From<BigInteger> for BigDecimal {
    fn from(value: BigInteger) -> Self {
        BigDecimal { text: value.text }
    }
}

impl ::std::convert::TryFrom<f64> for BigDecimal {
    type Error = BigNumberConversionError;

    /// Converts a finite `f64` to the shortest decimal text that reads back
    /// as the same `f64` (`0.1` becomes `"0.1"`, `1e300` becomes `"1e300"`).
    /// NaN and the infinities are rejected.
    fn try_from(value: f64) -> ::std::result::Result<Self, Self::Error> {
        if !value.is_finite() {
            return Err(BigNumberConversionError {
                reason: "NaN and infinities are not decimal numbers",
            });
        }
        let magnitude = value.abs();
        let text = if magnitude == 0.0 || (1e-5..1e16).contains(&magnitude) {
            ::std::format!("{value}")
        } else {
            ::std::format!("{value:e}")
        };
        Ok(BigDecimal { text })
    }
}

impl ::std::convert::TryFrom<&BigDecimal> for f64 {
    type Error = BigNumberConversionError;

    /// Converts to the nearest `f64`; fails if the value is beyond the range
    /// of `f64` (very small values become zero).
    fn try_from(value: &BigDecimal) -> ::std::result::Result<Self, Self::Error> {
        match value.text.parse::<f64>() {
            Ok(float) if float.is_finite() => Ok(float),
            _ => Err(OUT_OF_RANGE),
        }
    }
}

/// Serializes integer text exactly where the serializer can, else as `f64`.
fn serialize_number_text<S>(
    text: &str,
    integer: bool,
    serializer: S,
) -> ::std::result::Result<S::Ok, S::Error>
where
    S: ::serde::Serializer,
{
    if integer {
        if let Ok(value) = text.parse::<i64>() {
            return serializer.serialize_i64(value);
        }
        if let Ok(value) = text.parse::<u64>() {
            return serializer.serialize_u64(value);
        }
        if let Ok(value) = text.parse::<i128>() {
            return serializer.serialize_i128(value);
        }
        if let Ok(value) = text.parse::<u128>() {
            return serializer.serialize_u128(value);
        }
    }
    match text.parse::<f64>() {
        Ok(value) if value.is_finite() => serializer.serialize_f64(value),
        _ => Err(::serde::ser::Error::custom(
            "number is too large to be written as a JSON number",
        )),
    }
}

impl ::serde::Serialize for BigInteger {
    fn serialize<S>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error>
    where
        S: ::serde::Serializer,
    {
        serialize_number_text(&self.text, true, serializer)
    }
}

impl ::serde::Serialize for BigDecimal {
    fn serialize<S>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error>
    where
        S: ::serde::Serializer,
    {
        serialize_number_text(&self.text, is_integer_syntax(&self.text), serializer)
    }
}

impl<'de> ::serde::Deserialize<'de> for BigInteger {
    fn deserialize<D>(deserializer: D) -> ::std::result::Result<Self, D::Error>
    where
        D: ::serde::Deserializer<'de>,
    {
        deserializer.deserialize_any(BigIntegerVisitor)
    }
}

impl<'de> ::serde::Deserialize<'de> for BigDecimal {
    fn deserialize<D>(deserializer: D) -> ::std::result::Result<Self, D::Error>
    where
        D: ::serde::Deserializer<'de>,
    {
        deserializer.deserialize_any(BigDecimalVisitor)
    }
}

struct BigIntegerVisitor;

impl ::serde::de::Visitor<'_> for BigIntegerVisitor {
    type Value = BigInteger;

    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.write_str("an integer, as a number or a string")
    }

    fn visit_i64<E: ::serde::de::Error>(self, v: i64) -> ::std::result::Result<BigInteger, E> {
        Ok(BigInteger::from(v))
    }

    fn visit_u64<E: ::serde::de::Error>(self, v: u64) -> ::std::result::Result<BigInteger, E> {
        Ok(BigInteger::from(v))
    }

    fn visit_i128<E: ::serde::de::Error>(self, v: i128) -> ::std::result::Result<BigInteger, E> {
        Ok(BigInteger::from(v))
    }

    fn visit_u128<E: ::serde::de::Error>(self, v: u128) -> ::std::result::Result<BigInteger, E> {
        Ok(BigInteger::from(v))
    }

    fn visit_f64<E: ::serde::de::Error>(self, v: f64) -> ::std::result::Result<BigInteger, E> {
        // Integers beyond 64 bits reach us as floats; accept any integral one.
        if v.is_finite() && v.fract() == 0.0 {
            let text = ::std::format!("{v:.0}");
            text.parse().map_err(E::custom)
        } else {
            Err(E::invalid_value(::serde::de::Unexpected::Float(v), &self))
        }
    }

    fn visit_str<E: ::serde::de::Error>(self, v: &str) -> ::std::result::Result<BigInteger, E> {
        v.parse()
            .map_err(|_| E::invalid_value(::serde::de::Unexpected::Str(v), &self))
    }
}

struct BigDecimalVisitor;

impl ::serde::de::Visitor<'_> for BigDecimalVisitor {
    type Value = BigDecimal;

    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.write_str("a decimal number, as a number or a string")
    }

    fn visit_i64<E: ::serde::de::Error>(self, v: i64) -> ::std::result::Result<BigDecimal, E> {
        Ok(BigDecimal::from(v))
    }

    fn visit_u64<E: ::serde::de::Error>(self, v: u64) -> ::std::result::Result<BigDecimal, E> {
        Ok(BigDecimal::from(v))
    }

    fn visit_i128<E: ::serde::de::Error>(self, v: i128) -> ::std::result::Result<BigDecimal, E> {
        Ok(BigDecimal::from(v))
    }

    fn visit_u128<E: ::serde::de::Error>(self, v: u128) -> ::std::result::Result<BigDecimal, E> {
        Ok(BigDecimal::from(v))
    }

    fn visit_f64<E: ::serde::de::Error>(self, v: f64) -> ::std::result::Result<BigDecimal, E> {
        BigDecimal::try_from(v).map_err(E::custom)
    }

    fn visit_str<E: ::serde::de::Error>(self, v: &str) -> ::std::result::Result<BigDecimal, E> {
        v.parse()
            .map_err(|_| E::invalid_value(::serde::de::Unexpected::Str(v), &self))
    }
}

#[cfg(test)]
mod tests {
    use super::{BigDecimal, BigInteger};

    fn int(text: &str) -> BigInteger {
        text.parse().unwrap()
    }

    fn dec(text: &str) -> BigDecimal {
        text.parse().unwrap()
    }

    #[test]
    fn defaults_are_zero() {
        assert_eq!(BigInteger::default().as_str(), "0");
        assert_eq!(BigDecimal::default().as_str(), "0");
        assert_eq!(BigInteger::default(), int("0"));
    }

    #[test]
    fn big_integer_parsing_canonicalizes() {
        let cases = [
            ("0", "0"),
            ("-0", "0"),
            ("+0", "0"),
            ("000", "0"),
            ("42", "42"),
            ("+42", "42"),
            ("0042", "42"),
            ("-0042", "-42"),
            (
                "123456789012345678901234567890123456789012345678901234567890",
                "123456789012345678901234567890123456789012345678901234567890",
            ),
            (
                "-123456789012345678901234567890123456789012345678901234567890",
                "-123456789012345678901234567890123456789012345678901234567890",
            ),
        ];
        for (input, canonical) in cases {
            assert_eq!(int(input).as_str(), canonical, "{input}");
            assert_eq!(int(input).to_string(), canonical, "{input}");
        }
        assert_eq!(int("007"), int("7"));
    }

    #[test]
    fn big_integer_rejects_bad_syntax() {
        for input in [
            "", "-", "+", "1.0", "1e3", " 1", "1 ", "0x10", "--1", "+-1", "1_000", "١",
        ] {
            let error = input.parse::<BigInteger>().unwrap_err();
            assert_eq!(error.to_string(), "invalid BigInteger syntax", "{input}");
        }
    }

    #[test]
    fn big_decimal_parsing_keeps_text() {
        for input in [
            "0",
            "-0",
            "1",
            "+1",
            "007",
            "1.5",
            "-0.001",
            "1e10",
            "1E10",
            "1.5e-7",
            "-2.5E+300",
            "123456789012345678901234567890.123456789012345678901234567890",
        ] {
            assert_eq!(dec(input).as_str(), input);
            assert_eq!(dec(input).to_string(), input);
        }
        assert_ne!(dec("1.0"), dec("1"));
    }

    #[test]
    fn big_decimal_rejects_bad_syntax() {
        for input in [
            "", "-", ".5", "5.", "1.e5", "1e", "1e+", "e5", "1.5.5", "NaN", "Infinity", "1,5",
            " 1", "1 ", "0x1",
        ] {
            let error = input.parse::<BigDecimal>().unwrap_err();
            assert_eq!(error.to_string(), "invalid BigDecimal syntax", "{input}");
        }
    }

    #[test]
    fn integer_conversions() {
        assert_eq!(BigInteger::from(-5_i64).as_str(), "-5");
        assert_eq!(BigInteger::from(u64::MAX).as_str(), "18446744073709551615");
        assert_eq!(
            BigInteger::from(i128::MIN).as_str(),
            "-170141183460469231731687303715884105728"
        );
        assert_eq!(BigInteger::from(7_i32).as_str(), "7");
        assert_eq!(BigInteger::from(7_u32).as_str(), "7");
        assert_eq!(
            BigInteger::from(u128::MAX).as_str(),
            "340282366920938463463374607431768211455"
        );
        assert_eq!(BigDecimal::from(-5_i64).as_str(), "-5");
        assert_eq!(BigDecimal::from(u64::MAX).as_str(), "18446744073709551615");
        assert_eq!(
            BigDecimal::from(i128::MAX).as_str(),
            "170141183460469231731687303715884105727"
        );
        assert_eq!(BigDecimal::from(int("-12")).as_str(), "-12");

        assert_eq!(
            i128::try_from(&int("-170141183460469231731687303715884105728")),
            Ok(i128::MIN)
        );
        assert!(i128::try_from(&int("170141183460469231731687303715884105728")).is_err());
        assert_eq!(i64::try_from(&int("-9223372036854775808")), Ok(i64::MIN));
        assert!(i64::try_from(&int("9223372036854775808")).is_err());
        assert_eq!(u64::try_from(&int("18446744073709551615")), Ok(u64::MAX));
        assert!(u64::try_from(&int("-1")).is_err());
        assert_eq!(
            u128::try_from(&int("340282366920938463463374607431768211455")),
            Ok(u128::MAX)
        );
        let error = u64::try_from(&int("-1")).unwrap_err();
        assert_eq!(
            error.to_string(),
            "number is out of range for the target type"
        );
    }

    #[test]
    fn float_conversions() {
        assert_eq!(BigDecimal::try_from(0.1).unwrap().as_str(), "0.1");
        assert_eq!(BigDecimal::try_from(-2.5).unwrap().as_str(), "-2.5");
        assert_eq!(BigDecimal::try_from(1.0).unwrap().as_str(), "1");
        assert_eq!(BigDecimal::try_from(0.0).unwrap().as_str(), "0");
        assert_eq!(BigDecimal::try_from(1e300).unwrap().as_str(), "1e300");
        assert_eq!(BigDecimal::try_from(-1.5e-7).unwrap().as_str(), "-1.5e-7");
        assert_eq!(
            BigDecimal::try_from(f64::MAX).unwrap().as_str(),
            "1.7976931348623157e308"
        );
        assert_eq!(
            BigDecimal::try_from(f64::MIN_POSITIVE).unwrap().as_str(),
            "2.2250738585072014e-308"
        );
        for value in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            assert!(BigDecimal::try_from(value).is_err());
        }
        for value in [
            0.1,
            -2.5,
            1e300,
            1.5e-7,
            123_456.789,
            f64::MAX,
            f64::MIN_POSITIVE,
            5e-324,
        ] {
            let decimal = BigDecimal::try_from(value).unwrap();
            assert!(decimal.as_str().parse::<BigDecimal>().is_ok(), "{decimal}");
            assert_eq!(f64::try_from(&decimal), Ok(value));
        }
        assert_eq!(f64::try_from(&dec("1e-400")), Ok(0.0));
        assert!(f64::try_from(&dec("1e400")).is_err());
        assert!(f64::try_from(&dec("-1e400")).is_err());
    }

    #[test]
    fn serializes_as_json_numbers() {
        fn json<T: ::serde::Serialize>(value: &T) -> ::std::string::String {
            ::serde_json::to_string(value).unwrap()
        }
        assert_eq!(json(&int("42")), "42");
        assert_eq!(json(&int("-42")), "-42");
        assert_eq!(json(&int("18446744073709551615")), "18446744073709551615");
        assert_eq!(
            json(&int("-170141183460469231731687303715884105728")),
            "-170141183460469231731687303715884105728"
        );
        assert_eq!(
            json(&int("340282366920938463463374607431768211455")),
            "340282366920938463463374607431768211455"
        );
        assert_eq!(
            json(&int("340282366920938463463374607431768211456")),
            "3.402823669209385e+38"
        );
        assert_eq!(json(&dec("42")), "42");
        assert_eq!(json(&dec("-0.5")), "-0.5");
        assert_eq!(json(&dec("1.5e10")), "15000000000.0");
        assert_eq!(json(&dec("0.1")), "0.1");
        assert_eq!(
            json(&dec("123456789012345678901234567890")),
            "123456789012345678901234567890"
        );
        assert_eq!(
            json(&dec("-1234567890123456789012345678901234567890")),
            "-1.2345678901234568e+39"
        );
        assert_eq!(
            json(&dec("12345678901234567890.5")),
            "1.2345678901234567e+19"
        );

        let too_big = ::std::format!("1{}", "0".repeat(400));
        assert!(::serde_json::to_string(&int(&too_big)).is_err());
        assert!(::serde_json::to_string(&dec("1e400")).is_err());
    }

    #[test]
    fn deserializes_numbers_and_strings() {
        let int_json = |json: &str| ::serde_json::from_str::<BigInteger>(json);
        assert_eq!(int_json("42").unwrap(), int("42"));
        assert_eq!(int_json("-42").unwrap(), int("-42"));
        assert_eq!(
            int_json("18446744073709551615").unwrap(),
            int("18446744073709551615")
        );
        assert_eq!(int_json("1e3").unwrap(), int("1000"));
        assert_eq!(
            int_json("100000000000000000000").unwrap(),
            int("100000000000000000000")
        );
        assert_eq!(
            int_json(r#""123456789012345678901234567890""#).unwrap(),
            int("123456789012345678901234567890")
        );
        assert_eq!(int_json(r#""-007""#).unwrap(), int("-7"));
        assert!(int_json("1.5").is_err());
        assert!(int_json(r#""1.5""#).is_err());
        assert!(int_json("null").is_err());
        assert!(int_json("true").is_err());

        let dec_json = |json: &str| ::serde_json::from_str::<BigDecimal>(json);
        assert_eq!(dec_json("42").unwrap(), dec("42"));
        assert_eq!(dec_json("-0.5").unwrap(), dec("-0.5"));
        assert_eq!(dec_json("1e300").unwrap(), dec("1e300"));
        assert_eq!(
            dec_json("18446744073709551615").unwrap(),
            dec("18446744073709551615")
        );
        assert_eq!(
            dec_json(r#""0.10000000000000000000000001""#).unwrap(),
            dec("0.10000000000000000000000001")
        );
        assert!(dec_json(r#""abc""#).is_err());
        assert!(dec_json("[]").is_err());
    }

    #[test]
    fn hashes_by_value() {
        use ::std::collections::HashSet;
        let set: HashSet<BigInteger> = [int("1"), int("+1"), int("01"), int("2")]
            .into_iter()
            .collect();
        assert_eq!(set.len(), 2);
    }

    #[test]
    fn errors_implement_std_error() {
        fn assert_error<E: ::std::error::Error + Send + Sync + 'static>(_: &E) {}
        assert_error(&"x".parse::<BigInteger>().unwrap_err());
        assert_error(&u64::try_from(&int("-1")).unwrap_err());
    }
}
