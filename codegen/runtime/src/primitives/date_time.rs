//! The Smithy `timestamp` type.
//!
//! [`DateTime`] is an instant in time with nanosecond precision, stored as a
//! number of whole seconds since the Unix epoch (1970-01-01T00:00:00Z) plus a
//! sub-second nanosecond offset that always counts *forward* from those
//! seconds. An instant half a second before the epoch is therefore stored as
//! `-1` seconds and `500_000_000` nanoseconds.
//!
//! Smithy models choose how a timestamp travels on the wire with the
//! `@timestampFormat` trait; the three formats are listed in [`Format`]:
//!
//! | [`Format`]              | Smithy name     | Example                          |
//! |-------------------------|-----------------|----------------------------------|
//! | [`Format::DateTime`]    | `date-time`     | `2019-12-16T23:48:18.52Z`        |
//! | [`Format::HttpDate`]    | `http-date`     | `Tue, 29 Apr 2014 18:30:38 GMT`  |
//! | [`Format::EpochSeconds`]| `epoch-seconds` | `1515531081.123`                 |
//!
//! [`DateTime::from_str`] parses and [`DateTime::fmt`] formats each of them.
//!
//! The `serde` implementations of [`DateTime`] use epoch seconds as a JSON
//! number (the default timestamp format of the awsJson protocols). Members
//! that use another format are (de)serialized through the adapters in the
//! crate's `primitives::wire` module.
//!
//! Conversions to and from [`std::time::SystemTime`] are always available;
//! conversions for `time::OffsetDateTime` and `chrono::DateTime<chrono::Utc>`
//! are enabled by the `time` and `chrono` cargo features.

const NANOS_PER_SECOND: u32 = 1_000_000_000;
const NANOS_PER_MILLI: u32 = 1_000_000;
const SECONDS_PER_DAY: i64 = 86_400;

const WEEKDAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// An instant in time, with nanosecond precision: the Smithy `timestamp` type.
///
/// Internally the value is a count of whole seconds since the Unix epoch
/// ([`secs`](DateTime::secs)) and a nanosecond offset within that second
/// ([`subsec_nanos`](DateTime::subsec_nanos), always in `0..1_000_000_000`).
/// Ordering, equality and hashing follow the instant in time.
///
/// The [`Default`] value is the Unix epoch, `1970-01-01T00:00:00Z`.
///
/// [`Display`](::std::fmt::Display) writes the RFC 3339 form used by the
/// `date-time` format, for instance `2019-12-16T23:48:18.52Z`; instants whose
/// year lies outside `0000..=9999` are written with an expanded, signed year
/// (ISO 8601), such as `+10000-01-01T00:00:00Z`.
///
/// The `serde` implementations write epoch seconds as a JSON number: an
/// integer when there is no fractional part (`1515531081`), otherwise a
/// floating point number (`1515531081.123`). Deserialization accepts any JSON
/// number, negative ones included.
#[derive(Copy, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Debug, Default)]
pub struct DateTime {
    seconds: i64,
    subsec_nanos: u32,
}

/// The wire formats of a Smithy timestamp, as named by the `@timestampFormat`
/// trait.
#[derive(Copy, Clone, PartialEq, Eq, Hash, Debug)]
pub enum Format {
    /// `date-time`: an RFC 3339 date-time string such as
    /// `2019-12-16T23:48:18.52Z`.
    ///
    /// Parsing accepts fractional seconds of any length (keeping up to
    /// nanoseconds), a lowercase `t` or `z`, and numeric UTC offsets such as
    /// `+01:00`, which are converted to UTC. Formatting always writes UTC with
    /// a `Z` suffix and writes fractional seconds only when they are not zero,
    /// without trailing zeros.
    DateTime,
    /// `http-date`: an IMF-fixdate string (RFC 7231) such as
    /// `Tue, 29 Apr 2014 18:30:38 GMT`.
    ///
    /// Parsing also accepts fractional seconds (`18:30:38.123 GMT`).
    /// Formatting adds milliseconds only when they are not zero
    /// (`Tue, 29 Apr 2014 18:30:38.123 GMT`); finer precision is dropped.
    HttpDate,
    /// `epoch-seconds`: seconds since the Unix epoch as a decimal number, such
    /// as `1515531081.123`.
    ///
    /// Parsing accepts an optional sign, whole seconds, and an optional
    /// fraction (keeping up to nanoseconds). Formatting writes the fraction
    /// only when it is not zero, without trailing zeros.
    EpochSeconds,
}

impl Format {
    /// The name of this format in Smithy's `@timestampFormat` trait:
    /// `"date-time"`, `"http-date"` or `"epoch-seconds"`.
    pub const fn as_str(&self) -> &'static str {
        match self {
            Format::DateTime => "date-time",
            Format::HttpDate => "http-date",
            Format::EpochSeconds => "epoch-seconds",
        }
    }
}

impl ::std::fmt::Display for Format {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The error returned by [`DateTime::from_str`] when a string is not a valid
/// timestamp in the requested [`Format`].
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct DateTimeParseError {
    format: Format,
    reason: &'static str,
}

impl DateTimeParseError {
    const fn new(format: Format, reason: &'static str) -> Self {
        Self { format, reason }
    }

    /// The format the input was parsed as.
    pub const fn format(&self) -> Format {
        self.format
    }
}

impl ::std::fmt::Display for DateTimeParseError {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        write!(f, "invalid {} timestamp: {}", self.format, self.reason)
    }
}

impl ::std::error::Error for DateTimeParseError {}

/// The error returned by [`DateTime::fmt`] when an instant cannot be written
/// in the requested [`Format`]: the `date-time` and `http-date` formats only
/// have room for years `0000` through `9999`.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct DateTimeFormatError {
    format: Format,
    year: i64,
}

impl DateTimeFormatError {
    /// The format that was requested.
    pub const fn format(&self) -> Format {
        self.format
    }
}

impl ::std::fmt::Display for DateTimeFormatError {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        write!(
            f,
            "cannot format a timestamp in year {} as {}: only years 0000 through 9999 are representable",
            self.year, self.format
        )
    }
}

impl ::std::error::Error for DateTimeFormatError {}

/// The error returned when a [`DateTime`] cannot be converted to or from
/// another representation because the value is out of the target's range
/// (or, for floating point input, not finite).
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct DateTimeConversionError {
    reason: &'static str,
}

impl DateTimeConversionError {
    const fn new(reason: &'static str) -> Self {
        Self { reason }
    }
}

impl ::std::fmt::Display for DateTimeConversionError {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        write!(f, "timestamp conversion failed: {}", self.reason)
    }
}

impl ::std::error::Error for DateTimeConversionError {}

/// A calendar breakdown of an instant, in UTC.
struct Civil {
    year: i64,
    month: u32,
    day: u32,
    hour: u32,
    minute: u32,
    second: u32,
    /// 0 = Sunday.
    weekday: usize,
}

impl DateTime {
    /// The Unix epoch, `1970-01-01T00:00:00Z` (also the [`Default`] value).
    pub const UNIX_EPOCH: DateTime = DateTime {
        seconds: 0,
        subsec_nanos: 0,
    };

    /// The earliest representable instant: `i64::MIN` seconds.
    pub const MIN: DateTime = DateTime {
        seconds: i64::MIN,
        subsec_nanos: 0,
    };

    /// The latest representable instant: `i64::MAX` seconds plus
    /// 999,999,999 nanoseconds.
    pub const MAX: DateTime = DateTime {
        seconds: i64::MAX,
        subsec_nanos: NANOS_PER_SECOND - 1,
    };

    /// Creates a `DateTime` from whole seconds since the Unix epoch.
    pub const fn from_secs(seconds: i64) -> Self {
        DateTime {
            seconds,
            subsec_nanos: 0,
        }
    }

    /// Creates a `DateTime` from milliseconds since the Unix epoch (negative
    /// values are before the epoch).
    pub const fn from_millis(millis: i64) -> Self {
        DateTime {
            seconds: millis.div_euclid(1000),
            subsec_nanos: millis.rem_euclid(1000) as u32 * NANOS_PER_MILLI,
        }
    }

    /// Creates a `DateTime` from whole seconds since the Unix epoch plus a
    /// nanosecond offset that counts forward from those seconds.
    ///
    /// `subsec_nanos` of a second or more carry over into the seconds; if
    /// that overflows, the result saturates at [`DateTime::MAX`].
    pub const fn from_secs_and_nanos(seconds: i64, subsec_nanos: u32) -> Self {
        if subsec_nanos < NANOS_PER_SECOND {
            return DateTime {
                seconds,
                subsec_nanos,
            };
        }
        match seconds.checked_add((subsec_nanos / NANOS_PER_SECOND) as i64) {
            Some(seconds) => DateTime {
                seconds,
                subsec_nanos: subsec_nanos % NANOS_PER_SECOND,
            },
            None => DateTime::MAX,
        }
    }

    /// Creates a `DateTime` from fractional seconds since the Unix epoch.
    ///
    /// An `f64` cannot hold every nanosecond of a present-day timestamp
    /// exactly (near the year 2020 its resolution is about 240 ns), so the
    /// fraction is rounded to the finest decimal precision that the magnitude
    /// of `value` represents faithfully: microseconds for present-day
    /// timestamps, nanoseconds for values below roughly 8 million seconds.
    /// A value written with millisecond precision, like `1515531081.123`,
    /// therefore converts to exactly 123 milliseconds.
    ///
    /// This conversion saturates: NaN gives the Unix epoch, and values beyond
    /// the representable range (infinities included) give [`DateTime::MIN`]
    /// or [`DateTime::MAX`]. Use
    /// [`try_from_secs_f64`](DateTime::try_from_secs_f64) to detect those
    /// cases.
    pub fn from_secs_f64(value: f64) -> Self {
        match Self::try_from_secs_f64(value) {
            Ok(date_time) => date_time,
            Err(_) if value.is_nan() => DateTime::UNIX_EPOCH,
            Err(_) if value > 0.0 => DateTime::MAX,
            Err(_) => DateTime::MIN,
        }
    }

    /// Like [`from_secs_f64`](DateTime::from_secs_f64), but fails for NaN,
    /// infinities and values outside the range of [`DateTime`].
    pub fn try_from_secs_f64(value: f64) -> ::std::result::Result<Self, DateTimeConversionError> {
        if !value.is_finite() {
            return Err(DateTimeConversionError::new(
                "epoch seconds must be a finite number",
            ));
        }
        let magnitude = value.abs();
        // 2^63: anything larger does not fit into i64 seconds.
        if magnitude > 9_223_372_036_854_775_808.0 {
            return Err(DateTimeConversionError::new(
                "epoch seconds are out of range",
            ));
        }
        let digits = faithful_fraction_digits(magnitude);
        let scale = 10_u64.pow(digits);
        let whole = magnitude.trunc();
        // Exact: the fractional bits of a float are themselves representable.
        let fraction = magnitude - whole;
        // `whole` is an integer no larger than 2^63, so the cast is exact.
        let mut whole = whole as i128;
        let mut units = (fraction * scale as f64).round() as u64;
        if units >= scale {
            whole += 1;
            units -= scale;
        }
        let nanos = (units * 10_u64.pow(9 - digits)) as u32;
        let (seconds, nanos) = if value.is_sign_negative() && nanos != 0 {
            (-whole - 1, NANOS_PER_SECOND - nanos)
        } else if value.is_sign_negative() {
            (-whole, 0)
        } else {
            (whole, nanos)
        };
        let seconds = i64::try_from(seconds)
            .map_err(|_| DateTimeConversionError::new("epoch seconds are out of range"))?;
        Ok(DateTime {
            seconds,
            subsec_nanos: nanos,
        })
    }

    /// Whole seconds since the Unix epoch, rounded towards negative infinity
    /// (an instant half a second before the epoch gives `-1`).
    pub const fn secs(&self) -> i64 {
        self.seconds
    }

    /// Nanoseconds after [`secs`](DateTime::secs), in `0..1_000_000_000`.
    pub const fn subsec_nanos(&self) -> u32 {
        self.subsec_nanos
    }

    /// Seconds since the Unix epoch as a floating point number: the `f64`
    /// nearest to the exact decimal value.
    ///
    /// Sub-microsecond precision is lost for present-day timestamps. Because
    /// the result is correctly rounded, a value with millisecond precision
    /// prints as its exact decimal form (`1515531081.123`).
    pub fn as_secs_f64(&self) -> f64 {
        // Summing seconds and fraction in floating point would round twice;
        // parsing the exact decimal text rounds once, correctly.
        let mut buffer = StackBuffer::default();
        self.write_epoch_seconds(&mut buffer)
            .expect("epoch seconds fit into the buffer");
        buffer
            .as_str()
            .parse()
            .expect("epoch seconds text is a valid float")
    }

    /// Milliseconds since the Unix epoch, rounded towards negative infinity.
    ///
    /// Fails if the result does not fit into an `i64`.
    pub fn to_millis(&self) -> ::std::result::Result<i64, DateTimeConversionError> {
        let millis =
            i128::from(self.seconds) * 1000 + i128::from(self.subsec_nanos / NANOS_PER_MILLI);
        i64::try_from(millis).map_err(|_| {
            DateTimeConversionError::new("timestamp does not fit into i64 milliseconds")
        })
    }

    /// Parses a timestamp written in the given wire [`Format`].
    ///
    /// See the variants of [`Format`] for the accepted syntax. Offsets in
    /// `date-time` strings are applied, so the result is always the instant
    /// in UTC. A leap second (`:60`) is accepted and folds into the first
    /// second of the next minute.
    pub fn from_str(
        input: &str,
        format: Format,
    ) -> ::std::result::Result<Self, DateTimeParseError> {
        match format {
            Format::DateTime => parse_date_time(input),
            Format::HttpDate => parse_http_date(input),
            Format::EpochSeconds => parse_epoch_seconds(input),
        }
    }

    /// Formats this timestamp in the given wire [`Format`].
    ///
    /// Fails only for [`Format::DateTime`] and [`Format::HttpDate`] when the
    /// year is outside `0000..=9999`, which those formats cannot express;
    /// [`Format::EpochSeconds`] always succeeds.
    pub fn fmt(
        &self,
        format: Format,
    ) -> ::std::result::Result<::std::string::String, DateTimeFormatError> {
        let mut out = ::std::string::String::new();
        match format {
            Format::EpochSeconds => self.write_epoch_seconds(&mut out),
            Format::DateTime | Format::HttpDate => {
                let civil = self.civil();
                if !(0..=9999).contains(&civil.year) {
                    return Err(DateTimeFormatError {
                        format,
                        year: civil.year,
                    });
                }
                if format == Format::DateTime {
                    self.write_rfc3339(&civil, &mut out)
                } else {
                    self.write_http_date(&civil, &mut out)
                }
            }
        }
        .expect("writing to a String cannot fail");
        Ok(out)
    }

    fn civil(&self) -> Civil {
        let days = self.seconds.div_euclid(SECONDS_PER_DAY);
        let second_of_day = self.seconds.rem_euclid(SECONDS_PER_DAY) as u32;
        let (year, month, day) = civil_from_days(days);
        Civil {
            year,
            month,
            day,
            hour: second_of_day / 3600,
            minute: second_of_day / 60 % 60,
            second: second_of_day % 60,
            // 1970-01-01 was a Thursday.
            weekday: (days + 4).rem_euclid(7) as usize,
        }
    }

    /// Writes RFC 3339; years outside `0000..=9999` get an expanded, signed
    /// year (callers that need strict RFC 3339 check the year first).
    fn write_rfc3339<W: ::std::fmt::Write>(
        &self,
        civil: &Civil,
        out: &mut W,
    ) -> ::std::fmt::Result {
        if (0..=9999).contains(&civil.year) {
            write!(out, "{:04}", civil.year)?;
        } else if civil.year < 0 {
            write!(out, "-{:04}", civil.year.unsigned_abs())?;
        } else {
            write!(out, "+{}", civil.year)?;
        }
        write!(
            out,
            "-{:02}-{:02}T{:02}:{:02}:{:02}",
            civil.month, civil.day, civil.hour, civil.minute, civil.second
        )?;
        write_fraction(out, self.subsec_nanos)?;
        out.write_char('Z')
    }

    fn write_http_date<W: ::std::fmt::Write>(
        &self,
        civil: &Civil,
        out: &mut W,
    ) -> ::std::fmt::Result {
        write!(
            out,
            "{}, {:02} {} {:04} {:02}:{:02}:{:02}",
            WEEKDAYS[civil.weekday],
            civil.day,
            MONTHS[civil.month as usize - 1],
            civil.year,
            civil.hour,
            civil.minute,
            civil.second
        )?;
        let millis = self.subsec_nanos / NANOS_PER_MILLI;
        if millis != 0 {
            write!(out, ".{millis:03}")?;
        }
        out.write_str(" GMT")
    }

    fn write_epoch_seconds<W: ::std::fmt::Write>(&self, out: &mut W) -> ::std::fmt::Result {
        if self.subsec_nanos == 0 {
            write!(out, "{}", self.seconds)
        } else if self.seconds < 0 {
            write!(out, "-{}", -(self.seconds + 1))?;
            write_fraction(out, NANOS_PER_SECOND - self.subsec_nanos)
        } else {
            write!(out, "{}", self.seconds)?;
            write_fraction(out, self.subsec_nanos)
        }
    }
}

impl ::std::fmt::Display for DateTime {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        self.write_rfc3339(&self.civil(), f)
    }
}

impl ::std::convert::From<::std::time::SystemTime> for DateTime {
    /// Converts a `SystemTime`, saturating at [`DateTime::MIN`] and
    /// [`DateTime::MAX`] (which no real system clock reaches).
    fn from(time: ::std::time::SystemTime) -> Self {
        match time.duration_since(::std::time::UNIX_EPOCH) {
            Ok(after) => match i64::try_from(after.as_secs()) {
                Ok(seconds) => DateTime::from_secs_and_nanos(seconds, after.subsec_nanos()),
                Err(_) => DateTime::MAX,
            },
            Err(error) => {
                let before = error.duration();
                let whole = match i64::try_from(before.as_secs()) {
                    Ok(whole) => whole,
                    Err(_) => return DateTime::MIN,
                };
                if before.subsec_nanos() == 0 {
                    DateTime::from_secs(-whole)
                } else {
                    DateTime::from_secs_and_nanos(
                        -whole - 1,
                        NANOS_PER_SECOND - before.subsec_nanos(),
                    )
                }
            }
        }
    }
}

impl ::std::convert::TryFrom<DateTime> for ::std::time::SystemTime {
    type Error = DateTimeConversionError;

    fn try_from(value: DateTime) -> ::std::result::Result<Self, Self::Error> {
        let out_of_range =
            || DateTimeConversionError::new("timestamp is out of range for SystemTime");
        let epoch = ::std::time::UNIX_EPOCH;
        if value.seconds >= 0 {
            epoch.checked_add(::std::time::Duration::new(
                value.seconds.unsigned_abs(),
                value.subsec_nanos,
            ))
        } else {
            epoch
                .checked_sub(::std::time::Duration::from_secs(
                    value.seconds.unsigned_abs(),
                ))
                .and_then(|time| {
                    time.checked_add(::std::time::Duration::from_nanos(u64::from(
                        value.subsec_nanos,
                    )))
                })
        }
        .ok_or_else(out_of_range)
    }
}

#[cfg(feature = "time")]
impl ::std::convert::From<::time::OffsetDateTime> for DateTime {
    fn from(value: ::time::OffsetDateTime) -> Self {
        DateTime::from_secs_and_nanos(value.unix_timestamp(), value.nanosecond())
    }
}

#[cfg(feature = "time")]
impl ::std::convert::TryFrom<DateTime> for ::time::OffsetDateTime {
    type Error = DateTimeConversionError;

    /// Converts to an `OffsetDateTime` in UTC; fails outside the range of
    /// the `time` crate (years ±9999 by default).
    fn try_from(value: DateTime) -> ::std::result::Result<Self, Self::Error> {
        let nanos = i128::from(value.seconds) * i128::from(NANOS_PER_SECOND)
            + i128::from(value.subsec_nanos);
        ::time::OffsetDateTime::from_unix_timestamp_nanos(nanos).map_err(|_| {
            DateTimeConversionError::new("timestamp is out of range for time::OffsetDateTime")
        })
    }
}

#[cfg(feature = "chrono")]
impl ::std::convert::From<::chrono::DateTime<::chrono::Utc>> for DateTime {
    /// Converts a chrono `DateTime<Utc>`; a chrono leap second folds into
    /// the following second.
    fn from(value: ::chrono::DateTime<::chrono::Utc>) -> Self {
        DateTime::from_secs_and_nanos(value.timestamp(), value.timestamp_subsec_nanos())
    }
}

#[cfg(feature = "chrono")]
impl ::std::convert::TryFrom<DateTime> for ::chrono::DateTime<::chrono::Utc> {
    type Error = DateTimeConversionError;

    /// Converts to a chrono `DateTime<Utc>`; fails outside chrono's range
    /// (about ±262,000 years).
    fn try_from(value: DateTime) -> ::std::result::Result<Self, Self::Error> {
        ::chrono::DateTime::<::chrono::Utc>::from_timestamp(value.seconds, value.subsec_nanos)
            .ok_or(DateTimeConversionError::new(
                "timestamp is out of range for chrono::DateTime",
            ))
    }
}

impl ::serde::Serialize for DateTime {
    fn serialize<S>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error>
    where
        S: ::serde::Serializer,
    {
        if self.subsec_nanos == 0 {
            serializer.serialize_i64(self.seconds)
        } else {
            serializer.serialize_f64(self.as_secs_f64())
        }
    }
}

impl<'de> ::serde::Deserialize<'de> for DateTime {
    fn deserialize<D>(deserializer: D) -> ::std::result::Result<Self, D::Error>
    where
        D: ::serde::Deserializer<'de>,
    {
        deserializer.deserialize_any(EpochSecondsVisitor)
    }
}

/// Accepts epoch seconds as any kind of number.
struct EpochSecondsVisitor;

impl ::serde::de::Visitor<'_> for EpochSecondsVisitor {
    type Value = DateTime;

    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.write_str("a timestamp as a number of seconds since the Unix epoch")
    }

    fn visit_i64<E: ::serde::de::Error>(self, v: i64) -> ::std::result::Result<DateTime, E> {
        Ok(DateTime::from_secs(v))
    }

    fn visit_u64<E: ::serde::de::Error>(self, v: u64) -> ::std::result::Result<DateTime, E> {
        i64::try_from(v)
            .map(DateTime::from_secs)
            .map_err(|_| E::custom("epoch seconds are out of range"))
    }

    fn visit_i128<E: ::serde::de::Error>(self, v: i128) -> ::std::result::Result<DateTime, E> {
        i64::try_from(v)
            .map(DateTime::from_secs)
            .map_err(|_| E::custom("epoch seconds are out of range"))
    }

    fn visit_u128<E: ::serde::de::Error>(self, v: u128) -> ::std::result::Result<DateTime, E> {
        i64::try_from(v)
            .map(DateTime::from_secs)
            .map_err(|_| E::custom("epoch seconds are out of range"))
    }

    fn visit_f64<E: ::serde::de::Error>(self, v: f64) -> ::std::result::Result<DateTime, E> {
        DateTime::try_from_secs_f64(v).map_err(E::custom)
    }
}

/// How many decimal fraction digits (at most 9) an `f64` of this magnitude
/// carries faithfully: the largest `d` with `10^-d` no finer than the spacing
/// between adjacent floats, so rounding to `d` digits recovers any decimal
/// with at most `d` fraction digits that was converted to that float.
fn faithful_fraction_digits(magnitude: f64) -> u32 {
    let biased_exponent = ((magnitude.to_bits() >> 52) & 0x7ff) as i32;
    if biased_exponent == 0 {
        // Zero or subnormal: far finer than a nanosecond.
        return 9;
    }
    // For a normal float in [2^e, 2^(e+1)) the spacing is 2^(e-52).
    let spacing_exponent = 52 - (biased_exponent - 1023);
    if spacing_exponent <= 0 {
        return 0;
    }
    let digits = (f64::from(spacing_exponent) * ::std::f64::consts::LOG10_2).floor() as u32;
    digits.min(9)
}

/// A fixed-size text buffer, large enough for any epoch-seconds text
/// (`-9223372036854775808.999999999` is 30 bytes).
#[derive(Default)]
struct StackBuffer {
    bytes: [u8; 32],
    length: usize,
}

impl StackBuffer {
    fn as_str(&self) -> &str {
        // Only whole `&str`s are ever appended, so this is valid UTF-8.
        ::std::str::from_utf8(&self.bytes[..self.length]).unwrap_or_default()
    }
}

impl ::std::fmt::Write for StackBuffer {
    fn write_str(&mut self, text: &str) -> ::std::fmt::Result {
        let end = self.length + text.len();
        let slot = self
            .bytes
            .get_mut(self.length..end)
            .ok_or(::std::fmt::Error)?;
        slot.copy_from_slice(text.as_bytes());
        self.length = end;
        Ok(())
    }
}

/// Writes `.` and the nanoseconds without trailing zeros, or nothing if zero.
fn write_fraction<W: ::std::fmt::Write>(out: &mut W, nanos: u32) -> ::std::fmt::Result {
    if nanos == 0 {
        return Ok(());
    }
    let mut digits = nanos;
    let mut width = 9;
    while digits % 10 == 0 {
        digits /= 10;
        width -= 1;
    }
    write!(out, ".{digits:0width$}")
}

fn is_leap_year(year: i64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        2 if is_leap_year(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a date in the proleptic Gregorian calendar.
///
/// Counts in 400-year eras of 146,097 days whose years start on March 1st,
/// so that the leap day is the last day of the (shifted) year.
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let shifted_month = i64::from((month + 9) % 12); // March = 0
    let day_of_year = (153 * shifted_month + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    // 719,468 days separate 0000-03-01 from 1970-01-01.
    era * 146_097 + day_of_era - 719_468
}

/// The inverse of [`days_from_civil`]: `(year, month, day)` of a day number.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let days = days + 719_468;
    let era = days.div_euclid(146_097);
    let day_of_era = days - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * shifted_month + 2) / 5 + 1) as u32;
    let month = if shifted_month < 10 {
        shifted_month + 3
    } else {
        shifted_month - 9
    } as u32;
    let year = year_of_era + era * 400;
    (if month <= 2 { year + 1 } else { year }, month, day)
}

/// A minimal byte cursor for the hand-written parsers below.
struct Cursor<'a> {
    bytes: &'a [u8],
    position: usize,
    format: Format,
}

impl<'a> Cursor<'a> {
    fn new(input: &'a str, format: Format) -> Self {
        Cursor {
            bytes: input.as_bytes(),
            position: 0,
            format,
        }
    }

    fn error(&self, reason: &'static str) -> DateTimeParseError {
        DateTimeParseError::new(self.format, reason)
    }

    fn peek(&self) -> ::std::option::Option<u8> {
        self.bytes.get(self.position).copied()
    }

    /// Consumes the next byte if `accept` returns true for it.
    fn eat(&mut self, accept: impl Fn(u8) -> bool) -> ::std::option::Option<u8> {
        let byte = self.peek().filter(|&byte| accept(byte))?;
        self.position += 1;
        Some(byte)
    }

    fn expect(
        &mut self,
        byte: u8,
        reason: &'static str,
    ) -> ::std::result::Result<(), DateTimeParseError> {
        match self.eat(|b| b == byte) {
            Some(_) => Ok(()),
            None => Err(self.error(reason)),
        }
    }

    /// Exactly `count` ASCII digits (count <= 9).
    fn digits(
        &mut self,
        count: usize,
        reason: &'static str,
    ) -> ::std::result::Result<u32, DateTimeParseError> {
        let mut value = 0;
        for _ in 0..count {
            let digit = self.eat(|b| b.is_ascii_digit()).ok_or(self.error(reason))?;
            value = value * 10 + u32::from(digit - b'0');
        }
        Ok(value)
    }

    /// Between `min` and `max` ASCII digits (max <= 9).
    fn digits_between(
        &mut self,
        min: usize,
        max: usize,
        reason: &'static str,
    ) -> ::std::result::Result<u32, DateTimeParseError> {
        let mut value = self.digits(min, reason)?;
        for _ in min..max {
            match self.eat(|b| b.is_ascii_digit()) {
                Some(digit) => value = value * 10 + u32::from(digit - b'0'),
                None => break,
            }
        }
        Ok(value)
    }

    /// If a `.` follows, consumes it and one or more digits and returns them
    /// as nanoseconds (digits beyond the ninth are ignored); otherwise 0.
    fn optional_fraction(&mut self) -> ::std::result::Result<u32, DateTimeParseError> {
        if self.eat(|b| b == b'.').is_none() {
            return Ok(0);
        }
        let mut nanos = 0;
        let mut count = 0;
        while let Some(digit) = self.eat(|b| b.is_ascii_digit()) {
            if count < 9 {
                nanos = nanos * 10 + u32::from(digit - b'0');
            }
            count += 1;
        }
        if count == 0 {
            return Err(self.error("expected digits after the decimal point"));
        }
        for _ in count..9 {
            nanos *= 10;
        }
        Ok(nanos)
    }

    /// Three ASCII letters matched case-insensitively against `names`;
    /// returns the index of the match.
    fn name(
        &mut self,
        names: &[&str],
        reason: &'static str,
    ) -> ::std::result::Result<usize, DateTimeParseError> {
        let candidate = self
            .bytes
            .get(self.position..self.position + 3)
            .ok_or(self.error(reason))?;
        let index = names
            .iter()
            .position(|name| name.as_bytes().eq_ignore_ascii_case(candidate))
            .ok_or(self.error(reason))?;
        self.position += 3;
        Ok(index)
    }

    fn finish(&self) -> ::std::result::Result<(), DateTimeParseError> {
        if self.position == self.bytes.len() {
            Ok(())
        } else {
            Err(self.error("unexpected trailing characters"))
        }
    }
}

/// Validates the calendar fields and builds the instant (before applying any
/// UTC offset, which the caller subtracts).
fn build(
    cursor: &Cursor<'_>,
    (year, month, day): (i64, u32, u32),
    (hour, minute, second): (u32, u32, u32),
    nanos: u32,
    offset_seconds: i64,
) -> ::std::result::Result<DateTime, DateTimeParseError> {
    if !(1..=12).contains(&month) {
        return Err(cursor.error("month is out of range"));
    }
    if day == 0 || day > days_in_month(year, month) {
        return Err(cursor.error("day is out of range for the month"));
    }
    if hour > 23 {
        return Err(cursor.error("hour is out of range"));
    }
    if minute > 59 {
        return Err(cursor.error("minute is out of range"));
    }
    // 60 is a leap second; it folds into the next minute.
    if second > 60 {
        return Err(cursor.error("second is out of range"));
    }
    let seconds = days_from_civil(year, month, day) * SECONDS_PER_DAY
        + i64::from(hour) * 3600
        + i64::from(minute) * 60
        + i64::from(second)
        - offset_seconds;
    Ok(DateTime {
        seconds,
        subsec_nanos: nanos,
    })
}

fn parse_date_time(input: &str) -> ::std::result::Result<DateTime, DateTimeParseError> {
    let mut cursor = Cursor::new(input, Format::DateTime);
    let year = cursor.digits(4, "expected a four-digit year")?;
    cursor.expect(b'-', "expected '-' after the year")?;
    let month = cursor.digits(2, "expected a two-digit month")?;
    cursor.expect(b'-', "expected '-' after the month")?;
    let day = cursor.digits(2, "expected a two-digit day")?;
    if cursor.eat(|b| b == b'T' || b == b't').is_none() {
        return Err(cursor.error("expected 'T' between the date and the time"));
    }
    let hour = cursor.digits(2, "expected a two-digit hour")?;
    cursor.expect(b':', "expected ':' after the hour")?;
    let minute = cursor.digits(2, "expected two-digit minutes")?;
    cursor.expect(b':', "expected ':' after the minutes")?;
    let second = cursor.digits(2, "expected two-digit seconds")?;
    let nanos = cursor.optional_fraction()?;
    let offset_seconds = match cursor.eat(|b| matches!(b, b'Z' | b'z' | b'+' | b'-')) {
        Some(b'Z' | b'z') => 0,
        Some(sign) => {
            let hours = cursor.digits(2, "expected two-digit offset hours")?;
            cursor.expect(b':', "expected ':' in the UTC offset")?;
            let minutes = cursor.digits(2, "expected two-digit offset minutes")?;
            if hours > 23 || minutes > 59 {
                return Err(cursor.error("UTC offset is out of range"));
            }
            let offset = i64::from(hours * 3600 + minutes * 60);
            if sign == b'-' {
                -offset
            } else {
                offset
            }
        }
        None => return Err(cursor.error("expected 'Z' or a UTC offset such as '+01:00'")),
    };
    cursor.finish()?;
    build(
        &cursor,
        (i64::from(year), month, day),
        (hour, minute, second),
        nanos,
        offset_seconds,
    )
}

fn parse_http_date(input: &str) -> ::std::result::Result<DateTime, DateTimeParseError> {
    let mut cursor = Cursor::new(input, Format::HttpDate);
    // The day name is checked for syntax only, as RFC 7231 recipients may.
    cursor.name(&WEEKDAYS, "expected a day name such as 'Tue'")?;
    cursor.expect(b',', "expected ',' after the day name")?;
    cursor.expect(b' ', "expected ' ' after the day name")?;
    let day = cursor.digits_between(1, 2, "expected a two-digit day")?;
    cursor.expect(b' ', "expected ' ' after the day")?;
    let month = cursor.name(&MONTHS, "expected a month name such as 'Apr'")? as u32 + 1;
    cursor.expect(b' ', "expected ' ' after the month")?;
    let year = cursor.digits(4, "expected a four-digit year")?;
    cursor.expect(b' ', "expected ' ' after the year")?;
    let hour = cursor.digits(2, "expected a two-digit hour")?;
    cursor.expect(b':', "expected ':' after the hour")?;
    let minute = cursor.digits(2, "expected two-digit minutes")?;
    cursor.expect(b':', "expected ':' after the minutes")?;
    let second = cursor.digits(2, "expected two-digit seconds")?;
    let nanos = cursor.optional_fraction()?;
    cursor.expect(b' ', "expected ' GMT' after the time")?;
    cursor.name(&["GMT"], "expected 'GMT' after the time")?;
    cursor.finish()?;
    build(
        &cursor,
        (i64::from(year), month, day),
        (hour, minute, second),
        nanos,
        0,
    )
}

fn parse_epoch_seconds(input: &str) -> ::std::result::Result<DateTime, DateTimeParseError> {
    let mut cursor = Cursor::new(input, Format::EpochSeconds);
    let negative = cursor.eat(|b| b == b'-' || b == b'+') == Some(b'-');
    let mut whole: u64 = 0;
    let mut count = 0;
    while let Some(digit) = cursor.eat(|b| b.is_ascii_digit()) {
        whole = whole
            .checked_mul(10)
            .and_then(|whole| whole.checked_add(u64::from(digit - b'0')))
            .ok_or(cursor.error("epoch seconds are out of range"))?;
        count += 1;
    }
    if count == 0 {
        return Err(cursor.error("expected digits"));
    }
    let nanos = cursor.optional_fraction()?;
    cursor.finish()?;
    let out_of_range = || cursor.error("epoch seconds are out of range");
    let (seconds, nanos) = if !negative {
        (i64::try_from(whole).map_err(|_| out_of_range())?, nanos)
    } else if nanos == 0 {
        (
            0_i64.checked_sub_unsigned(whole).ok_or_else(out_of_range)?,
            0,
        )
    } else {
        (
            (-1_i64)
                .checked_sub_unsigned(whole)
                .ok_or_else(out_of_range)?,
            NANOS_PER_SECOND - nanos,
        )
    };
    Ok(DateTime {
        seconds,
        subsec_nanos: nanos,
    })
}

#[cfg(test)]
mod tests {
    use super::{DateTime, DateTimeConversionError, Format};

    fn parse(input: &str, format: Format) -> DateTime {
        DateTime::from_str(input, format)
            .unwrap_or_else(|error| panic!("failed to parse {input:?}: {error}"))
    }

    fn fmt(value: DateTime, format: Format) -> ::std::string::String {
        value.fmt(format).expect("formattable")
    }

    #[test]
    fn default_is_the_unix_epoch() {
        assert_eq!(DateTime::default(), DateTime::UNIX_EPOCH);
        assert_eq!(DateTime::default().secs(), 0);
        assert_eq!(DateTime::default().subsec_nanos(), 0);
        assert_eq!(DateTime::default().to_string(), "1970-01-01T00:00:00Z");
    }

    #[test]
    fn constructors_and_accessors() {
        let value = DateTime::from_secs(1_576_540_098);
        assert_eq!((value.secs(), value.subsec_nanos()), (1_576_540_098, 0));

        let value = DateTime::from_millis(1_576_540_098_520);
        assert_eq!(
            (value.secs(), value.subsec_nanos()),
            (1_576_540_098, 520_000_000)
        );
        let value = DateTime::from_millis(-1);
        assert_eq!((value.secs(), value.subsec_nanos()), (-1, 999_000_000));
        let value = DateTime::from_millis(-1000);
        assert_eq!((value.secs(), value.subsec_nanos()), (-1, 0));
        let value = DateTime::from_millis(i64::MIN);
        assert_eq!(value.to_millis(), Ok(i64::MIN));

        let value = DateTime::from_secs_and_nanos(5, 1);
        assert_eq!((value.secs(), value.subsec_nanos()), (5, 1));
        let value = DateTime::from_secs_and_nanos(5, 2_500_000_000);
        assert_eq!((value.secs(), value.subsec_nanos()), (7, 500_000_000));
        assert_eq!(
            DateTime::from_secs_and_nanos(i64::MAX, 1_000_000_000),
            DateTime::MAX
        );
    }

    #[test]
    fn to_millis_floors_and_checks_overflow() {
        assert_eq!(
            DateTime::from_secs_and_nanos(1, 123_999_999).to_millis(),
            Ok(1123)
        );
        assert_eq!(
            DateTime::from_secs_and_nanos(-2, 500_000_000).to_millis(),
            Ok(-1500)
        );
        assert_eq!(
            DateTime::from_secs_and_nanos(-1, 999_999_999).to_millis(),
            Ok(-1)
        );
        assert!(DateTime::from_secs(i64::MAX).to_millis().is_err());
        assert!(DateTime::from_secs(i64::MIN).to_millis().is_err());
        for millis in [0, 1, -1, 999, -999, 1_515_531_081_123, -1_515_531_081_123] {
            assert_eq!(DateTime::from_millis(millis).to_millis(), Ok(millis));
        }
    }

    #[test]
    fn ordering_follows_time() {
        let mut values = [
            DateTime::from_secs(1),
            DateTime::from_secs_f64(-0.5),
            DateTime::from_secs(-1),
            DateTime::from_secs_and_nanos(0, 1),
            DateTime::UNIX_EPOCH,
            DateTime::MAX,
            DateTime::MIN,
        ];
        values.sort();
        assert_eq!(
            values,
            [
                DateTime::MIN,
                DateTime::from_secs(-1),
                DateTime::from_secs_f64(-0.5),
                DateTime::UNIX_EPOCH,
                DateTime::from_secs_and_nanos(0, 1),
                DateTime::from_secs(1),
                DateTime::MAX,
            ]
        );
    }

    #[test]
    fn from_secs_f64_rounds_to_faithful_precision() {
        let value = DateTime::from_secs_f64(1_515_531_081.123);
        assert_eq!(
            (value.secs(), value.subsec_nanos()),
            (1_515_531_081, 123_000_000)
        );
        let value = DateTime::from_secs_f64(1_515_531_081.123_456);
        assert_eq!(
            (value.secs(), value.subsec_nanos()),
            (1_515_531_081, 123_456_000)
        );
        let value = DateTime::from_secs_f64(0.123_456_789);
        assert_eq!((value.secs(), value.subsec_nanos()), (0, 123_456_789));
        let value = DateTime::from_secs_f64(-1.5);
        assert_eq!((value.secs(), value.subsec_nanos()), (-2, 500_000_000));
        let value = DateTime::from_secs_f64(-0.123);
        assert_eq!((value.secs(), value.subsec_nanos()), (-1, 877_000_000));
        let value = DateTime::from_secs_f64(-1_515_531_081.123);
        assert_eq!(
            (value.secs(), value.subsec_nanos()),
            (-1_515_531_082, 877_000_000)
        );
        let value = DateTime::from_secs_f64(-3.0);
        assert_eq!((value.secs(), value.subsec_nanos()), (-3, 0));
        assert_eq!(DateTime::from_secs_f64(-0.0), DateTime::UNIX_EPOCH);
        // Rounding up to a whole second carries.
        let value = DateTime::from_secs_f64(1_515_531_081.999_999_9);
        assert_eq!((value.secs(), value.subsec_nanos()), (1_515_531_082, 0));
        let value = DateTime::from_secs_f64(-0.000_000_000_1);
        assert_eq!((value.secs(), value.subsec_nanos()), (0, 0));
        // Large magnitudes have no fraction left.
        assert_eq!(
            DateTime::from_secs_f64(1e17).secs(),
            100_000_000_000_000_000
        );
        assert_eq!(
            DateTime::from_secs_f64(-9_223_372_036_854_775_808.0),
            DateTime::MIN
        );
    }

    #[test]
    fn every_millisecond_round_trips_through_f64() {
        for seconds in [
            0_i64,
            1,
            59,
            1_515_531_081,
            4_102_444_800,
            -1,
            -1_515_531_081,
        ] {
            for millis in 0..1000 {
                let value = DateTime::from_secs_and_nanos(seconds, millis * 1_000_000);
                let float = value.as_secs_f64();
                assert_eq!(
                    DateTime::from_secs_f64(float),
                    value,
                    "{seconds}.{millis:03}"
                );
                let printed = ::std::format!("{float}");
                assert_eq!(
                    DateTime::from_str(&printed, Format::EpochSeconds),
                    Ok(value),
                    "{printed}"
                );
                assert_eq!(printed, fmt(value, Format::EpochSeconds));
            }
        }
    }

    #[test]
    fn try_from_secs_f64_rejects_bad_input() {
        for value in [
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            1e19,
            -1e19,
            9_223_372_036_854_775_808.0,
        ] {
            let error: DateTimeConversionError = DateTime::try_from_secs_f64(value).unwrap_err();
            assert!(!error.to_string().is_empty());
        }
        assert_eq!(DateTime::from_secs_f64(f64::NAN), DateTime::UNIX_EPOCH);
        assert_eq!(DateTime::from_secs_f64(f64::INFINITY), DateTime::MAX);
        assert_eq!(DateTime::from_secs_f64(f64::NEG_INFINITY), DateTime::MIN);
        assert_eq!(DateTime::from_secs_f64(1e300), DateTime::MAX);
        assert_eq!(DateTime::from_secs_f64(-1e300), DateTime::MIN);
    }

    #[test]
    fn as_secs_f64() {
        assert_eq!(DateTime::from_secs(1).as_secs_f64(), 1.0);
        assert_eq!(
            DateTime::from_secs_and_nanos(-2, 500_000_000).as_secs_f64(),
            -1.5
        );
        assert_eq!(
            DateTime::from_secs_and_nanos(-1, 877_000_000).as_secs_f64(),
            -0.123
        );
        assert_eq!(
            DateTime::from_secs_and_nanos(1_515_531_081, 123_000_000).as_secs_f64(),
            1_515_531_081.123
        );
        assert_eq!(DateTime::MIN.as_secs_f64(), -9_223_372_036_854_775_808.0);
        assert_eq!(DateTime::MAX.as_secs_f64(), 9_223_372_036_854_775_808.0);
        assert_eq!(
            DateTime::from_secs_and_nanos(-1, 1).as_secs_f64(),
            -0.999_999_999
        );
        assert_eq!(
            DateTime::from_secs_and_nanos(1, 118_000_000).as_secs_f64(),
            1.118
        );
        assert_eq!(
            DateTime::from_secs_and_nanos(-22, 48_000_000).as_secs_f64(),
            -21.952
        );
    }

    #[test]
    fn parses_rfc3339() {
        let expected = DateTime::from_secs(1_576_540_098);
        assert_eq!(parse("2019-12-16T23:48:18Z", Format::DateTime), expected);
        assert_eq!(parse("2019-12-16t23:48:18z", Format::DateTime), expected);
        assert_eq!(
            parse("2019-12-17T00:48:18+01:00", Format::DateTime),
            expected
        );
        assert_eq!(
            parse("2019-12-16T18:18:18-05:30", Format::DateTime),
            expected
        );
        assert_eq!(
            parse("2019-12-16T23:48:18+00:00", Format::DateTime),
            expected
        );
        assert_eq!(
            parse("2019-12-16T23:48:18-00:00", Format::DateTime),
            expected
        );
        assert_eq!(
            parse("2019-12-16T23:48:18.52Z", Format::DateTime),
            DateTime::from_secs_and_nanos(1_576_540_098, 520_000_000)
        );
        assert_eq!(
            parse("2019-12-16T23:48:18.000000001Z", Format::DateTime),
            DateTime::from_secs_and_nanos(1_576_540_098, 1)
        );
        // Digits beyond nanoseconds are dropped.
        assert_eq!(
            parse("2019-12-16T23:48:18.1234567899999Z", Format::DateTime),
            DateTime::from_secs_and_nanos(1_576_540_098, 123_456_789)
        );
        assert_eq!(
            parse("2019-12-16T23:48:18.5+01:00", Format::DateTime),
            DateTime::from_secs_and_nanos(1_576_536_498, 500_000_000)
        );
        assert_eq!(
            parse("1970-01-01T00:00:00Z", Format::DateTime),
            DateTime::UNIX_EPOCH
        );
        assert_eq!(
            parse("1969-12-31T23:59:59.5Z", Format::DateTime),
            DateTime::from_secs_f64(-0.5)
        );
        assert_eq!(
            parse("0000-01-01T00:00:00Z", Format::DateTime),
            DateTime::from_secs(-62_167_219_200)
        );
        assert_eq!(
            parse("9999-12-31T23:59:59Z", Format::DateTime),
            DateTime::from_secs(253_402_300_799)
        );
        assert_eq!(
            parse("2020-02-29T12:00:00Z", Format::DateTime),
            DateTime::from_secs(1_582_977_600)
        );
        assert_eq!(
            parse("2000-02-29T00:00:00Z", Format::DateTime),
            DateTime::from_secs(951_782_400)
        );
        // A leap second folds into the next minute.
        assert_eq!(
            parse("2016-12-31T23:59:60Z", Format::DateTime),
            parse("2017-01-01T00:00:00Z", Format::DateTime)
        );
    }

    #[test]
    fn rejects_invalid_rfc3339() {
        for input in [
            "",
            "2019-12-16",
            "2019-12-16T23:48:18",
            "2019-12-16 23:48:18Z",
            "2019-12-16T23:48Z",
            "19-12-16T23:48:18Z",
            "2019-13-16T23:48:18Z",
            "2019-00-16T23:48:18Z",
            "2019-12-00T23:48:18Z",
            "2019-12-32T23:48:18Z",
            "2019-02-29T23:48:18Z",
            "1900-02-29T23:48:18Z",
            "2019-04-31T23:48:18Z",
            "2019-12-16T24:00:00Z",
            "2019-12-16T23:60:00Z",
            "2019-12-16T23:48:61Z",
            "2019-12-16T23:48:18.Z",
            "2019-12-16T23:48:18+0100",
            "2019-12-16T23:48:18+24:00",
            "2019-12-16T23:48:18+01:60",
            "2019-12-16T23:48:18ZZ",
            "2019-12-16T23:48:18Z ",
            " 2019-12-16T23:48:18Z",
            "2019-12-16T23:48:1８Z",
            "+2019-12-16T23:48:18Z",
            "Mon, 16 Dec 2019 23:48:18 GMT",
            "1576540098",
        ] {
            let error = DateTime::from_str(input, Format::DateTime).unwrap_err();
            assert_eq!(error.format(), Format::DateTime);
            assert!(
                error
                    .to_string()
                    .starts_with("invalid date-time timestamp: "),
                "{error}"
            );
        }
    }

    #[test]
    fn formats_rfc3339() {
        assert_eq!(
            fmt(DateTime::from_secs(1_576_540_098), Format::DateTime),
            "2019-12-16T23:48:18Z"
        );
        assert_eq!(
            fmt(
                DateTime::from_secs_and_nanos(1_576_540_098, 520_000_000),
                Format::DateTime
            ),
            "2019-12-16T23:48:18.52Z"
        );
        assert_eq!(
            fmt(
                DateTime::from_secs_and_nanos(1_576_540_098, 1),
                Format::DateTime
            ),
            "2019-12-16T23:48:18.000000001Z"
        );
        assert_eq!(
            fmt(
                DateTime::from_secs_and_nanos(1_576_540_098, 123_456_780),
                Format::DateTime
            ),
            "2019-12-16T23:48:18.12345678Z"
        );
        assert_eq!(
            fmt(DateTime::from_secs_f64(-0.5), Format::DateTime),
            "1969-12-31T23:59:59.5Z"
        );
        assert_eq!(
            fmt(DateTime::from_secs(-62_167_219_200), Format::DateTime),
            "0000-01-01T00:00:00Z"
        );
        assert_eq!(
            fmt(
                DateTime::from_secs_and_nanos(253_402_300_799, 999_999_999),
                Format::DateTime
            ),
            "9999-12-31T23:59:59.999999999Z"
        );
    }

    #[test]
    fn formatting_out_of_range_years_fails() {
        for value in [
            DateTime::from_secs(253_402_300_800),
            DateTime::from_secs(-62_167_219_201),
            DateTime::MAX,
            DateTime::MIN,
        ] {
            for format in [Format::DateTime, Format::HttpDate] {
                let error = value.fmt(format).unwrap_err();
                assert_eq!(error.format(), format);
                assert!(error.to_string().contains("0000 through 9999"), "{error}");
            }
            assert!(value.fmt(Format::EpochSeconds).is_ok());
        }
    }

    #[test]
    fn display_uses_expanded_years_when_needed() {
        assert_eq!(
            DateTime::from_secs(253_402_300_800).to_string(),
            "+10000-01-01T00:00:00Z"
        );
        assert_eq!(
            DateTime::from_secs(-62_167_219_201).to_string(),
            "-0001-12-31T23:59:59Z"
        );
        assert_eq!(
            DateTime::MAX.to_string(),
            "+292277026596-12-04T15:30:07.999999999Z"
        );
        assert_eq!(DateTime::MIN.to_string(), "-292277022657-01-27T08:29:52Z");
        assert_eq!(
            DateTime::from_secs_and_nanos(1_576_540_098, 520_000_000).to_string(),
            "2019-12-16T23:48:18.52Z"
        );
    }

    #[test]
    fn parses_http_dates() {
        let expected = DateTime::from_secs(1_398_796_238);
        assert_eq!(
            parse("Tue, 29 Apr 2014 18:30:38 GMT", Format::HttpDate),
            expected
        );
        assert_eq!(
            parse("tue, 29 APR 2014 18:30:38 gmt", Format::HttpDate),
            expected
        );
        assert_eq!(
            parse("Tue, 29 Apr 2014 18:30:38.123 GMT", Format::HttpDate),
            DateTime::from_secs_and_nanos(1_398_796_238, 123_000_000)
        );
        assert_eq!(
            parse("Tue, 29 Apr 2014 18:30:38.123456789 GMT", Format::HttpDate),
            DateTime::from_secs_and_nanos(1_398_796_238, 123_456_789)
        );
        assert_eq!(
            parse("Thu, 01 Jan 1970 00:00:00 GMT", Format::HttpDate),
            DateTime::UNIX_EPOCH
        );
        assert_eq!(
            parse("Thu, 1 Jan 1970 00:00:00 GMT", Format::HttpDate),
            DateTime::UNIX_EPOCH
        );
        assert_eq!(
            parse("Sun, 06 Nov 1994 08:49:37 GMT", Format::HttpDate),
            DateTime::from_secs(784_111_777)
        );
        assert_eq!(
            parse("Fri, 31 Dec 9999 23:59:59 GMT", Format::HttpDate),
            DateTime::from_secs(253_402_300_799)
        );
    }

    #[test]
    fn rejects_invalid_http_dates() {
        for input in [
            "",
            "Tue, 29 Apr 2014 18:30:38",
            "Tue, 29 Apr 2014 18:30:38 UTC",
            "Tue, 29 Apr 2014 18:30:38 GMT ",
            "Tue 29 Apr 2014 18:30:38 GMT",
            "Tuesday, 29 Apr 2014 18:30:38 GMT",
            "Xyz, 29 Apr 2014 18:30:38 GMT",
            "Tue, 29 Foo 2014 18:30:38 GMT",
            "Tue, 31 Apr 2014 18:30:38 GMT",
            "Tue, 029 Apr 2014 18:30:38 GMT",
            "Tue, 29 Apr 14 18:30:38 GMT",
            "Tue, 29 Apr 2014 25:30:38 GMT",
            "Tue, 29 Apr 2014 18:30:38. GMT",
            "Tuesday, 29-Apr-14 18:30:38 GMT",
            "Tue Apr 29 18:30:38 2014",
            "2014-04-29T18:30:38Z",
            "Tu",
        ] {
            let error = DateTime::from_str(input, Format::HttpDate).unwrap_err();
            assert!(
                error
                    .to_string()
                    .starts_with("invalid http-date timestamp: "),
                "{input}: {error}"
            );
        }
    }

    #[test]
    fn formats_http_dates() {
        assert_eq!(
            fmt(DateTime::from_secs(1_398_796_238), Format::HttpDate),
            "Tue, 29 Apr 2014 18:30:38 GMT"
        );
        assert_eq!(
            fmt(
                DateTime::from_secs_and_nanos(1_398_796_238, 123_456_789),
                Format::HttpDate
            ),
            "Tue, 29 Apr 2014 18:30:38.123 GMT"
        );
        assert_eq!(
            fmt(
                DateTime::from_secs_and_nanos(1_398_796_238, 5_000_000),
                Format::HttpDate
            ),
            "Tue, 29 Apr 2014 18:30:38.005 GMT"
        );
        // Sub-millisecond precision is dropped.
        assert_eq!(
            fmt(
                DateTime::from_secs_and_nanos(1_398_796_238, 999_999),
                Format::HttpDate
            ),
            "Tue, 29 Apr 2014 18:30:38 GMT"
        );
        assert_eq!(
            fmt(DateTime::UNIX_EPOCH, Format::HttpDate),
            "Thu, 01 Jan 1970 00:00:00 GMT"
        );
        assert_eq!(
            fmt(DateTime::from_secs(-62_167_219_200), Format::HttpDate),
            "Sat, 01 Jan 0000 00:00:00 GMT"
        );
    }

    #[test]
    fn weekdays_are_correct_for_a_whole_week() {
        let names = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
        for (offset, name) in names.iter().enumerate() {
            for week in [-3000_i64, -1, 0, 1, 2500] {
                let days = week * 7 + offset as i64;
                let formatted = fmt(DateTime::from_secs(days * 86_400), Format::HttpDate);
                assert!(
                    formatted.starts_with(name),
                    "{formatted} should start with {name}"
                );
            }
        }
    }

    #[test]
    fn parses_and_formats_epoch_seconds() {
        let cases: &[(&str, i64, u32)] = &[
            ("0", 0, 0),
            ("1515531081", 1_515_531_081, 0),
            ("1515531081.123", 1_515_531_081, 123_000_000),
            ("1515531081.000000001", 1_515_531_081, 1),
            ("-1", -1, 0),
            ("-1.5", -2, 500_000_000),
            ("-0.25", -1, 750_000_000),
            ("-1515531081.123", -1_515_531_082, 877_000_000),
            ("9223372036854775807.999999999", i64::MAX, 999_999_999),
            ("-9223372036854775808", i64::MIN, 0),
        ];
        for &(text, seconds, nanos) in cases {
            let value = DateTime::from_secs_and_nanos(seconds, nanos);
            assert_eq!(parse(text, Format::EpochSeconds), value, "{text}");
            assert_eq!(fmt(value, Format::EpochSeconds), text);
        }
        assert_eq!(parse("+12", Format::EpochSeconds), DateTime::from_secs(12));
        assert_eq!(parse("-0", Format::EpochSeconds), DateTime::UNIX_EPOCH);
        assert_eq!(
            parse("1.10", Format::EpochSeconds),
            DateTime::from_secs_and_nanos(1, 100_000_000)
        );
        assert_eq!(parse("007", Format::EpochSeconds), DateTime::from_secs(7));
        assert_eq!(
            parse("1.0000000019", Format::EpochSeconds),
            DateTime::from_secs_and_nanos(1, 1)
        );
    }

    #[test]
    fn rejects_invalid_epoch_seconds() {
        for input in [
            "",
            "-",
            "+",
            ".5",
            "1.",
            "1e9",
            "1 ",
            "abc",
            "1.2.3",
            "9223372036854775808",
            "-9223372036854775808.5",
            "-9223372036854775809",
            "99999999999999999999999",
            "NaN",
        ] {
            let error = DateTime::from_str(input, Format::EpochSeconds).unwrap_err();
            assert_eq!(error.format(), Format::EpochSeconds, "{input}");
        }
    }

    #[test]
    fn round_trips_through_every_format() {
        let mut seconds: i64 = -62_167_219_200;
        while seconds <= 253_402_300_799 {
            for nanos in [0, 1_000_000, 520_000_000, 999_000_000] {
                let value = DateTime::from_secs_and_nanos(seconds, nanos);
                for format in [Format::DateTime, Format::HttpDate, Format::EpochSeconds] {
                    let text = fmt(value, format);
                    assert_eq!(parse(&text, format), value, "{text}");
                }
            }
            seconds += 7_777_777;
        }
    }

    #[test]
    fn civil_date_math_matches_a_day_by_day_walk() {
        // Walk every day from 1600-01-01 to 2400-12-31 and compare with the
        // closed-form conversions.
        let (mut year, mut month, mut day) = (1600_i64, 1_u32, 1_u32);
        let mut days = super::days_from_civil(1600, 1, 1);
        assert_eq!(days, -135_140);
        while year <= 2400 {
            assert_eq!(super::days_from_civil(year, month, day), days);
            assert_eq!(super::civil_from_days(days), (year, month, day));
            days += 1;
            day += 1;
            if day > super::days_in_month(year, month) {
                day = 1;
                month += 1;
                if month > 12 {
                    month = 1;
                    year += 1;
                }
            }
        }
        assert_eq!(super::days_from_civil(1970, 1, 1), 0);
        assert_eq!(super::civil_from_days(-1), (1969, 12, 31));
    }

    #[test]
    fn format_names() {
        assert_eq!(Format::DateTime.as_str(), "date-time");
        assert_eq!(Format::HttpDate.to_string(), "http-date");
        assert_eq!(Format::EpochSeconds.to_string(), "epoch-seconds");
    }

    #[test]
    fn system_time_conversions() {
        use ::std::time::{Duration, SystemTime, UNIX_EPOCH};
        let cases = [
            (UNIX_EPOCH, DateTime::UNIX_EPOCH),
            (
                UNIX_EPOCH + Duration::new(1_515_531_081, 123_000_000),
                DateTime::from_secs_and_nanos(1_515_531_081, 123_000_000),
            ),
            (
                UNIX_EPOCH - Duration::from_millis(1500),
                DateTime::from_millis(-1500),
            ),
            (
                UNIX_EPOCH - Duration::from_secs(86_400),
                DateTime::from_secs(-86_400),
            ),
            (
                UNIX_EPOCH - Duration::from_nanos(1),
                DateTime::from_secs_and_nanos(-1, 999_999_999),
            ),
        ];
        for (system_time, date_time) in cases {
            assert_eq!(DateTime::from(system_time), date_time);
            assert_eq!(SystemTime::try_from(date_time), Ok(system_time));
        }
        let now = SystemTime::now();
        assert_eq!(SystemTime::try_from(DateTime::from(now)), Ok(now));
        // Every DateTime fits into a 64-bit-seconds SystemTime.
        for extreme in [DateTime::MAX, DateTime::MIN] {
            assert_eq!(
                SystemTime::try_from(extreme).map(DateTime::from),
                Ok(extreme)
            );
        }
    }

    #[cfg(feature = "time")]
    #[test]
    fn time_conversions() {
        use ::time::OffsetDateTime;
        let odt = OffsetDateTime::from_unix_timestamp_nanos(1_515_531_081_123_456_789).unwrap();
        let value = DateTime::from(odt);
        assert_eq!(
            (value.secs(), value.subsec_nanos()),
            (1_515_531_081, 123_456_789)
        );
        assert_eq!(OffsetDateTime::try_from(value), Ok(odt));

        let odt = OffsetDateTime::from_unix_timestamp_nanos(-1_500_000_000).unwrap();
        assert_eq!(DateTime::from(odt), DateTime::from_millis(-1500));
        assert_eq!(
            OffsetDateTime::try_from(DateTime::from_millis(-1500)),
            Ok(odt)
        );

        // Offsets are respected.
        let offset = ::time::UtcOffset::from_hms(1, 0, 0).unwrap();
        assert_eq!(
            DateTime::from(odt.to_offset(offset)),
            DateTime::from_millis(-1500)
        );

        assert!(OffsetDateTime::try_from(DateTime::MAX).is_err());
        assert!(OffsetDateTime::try_from(DateTime::MIN).is_err());
    }

    #[cfg(feature = "chrono")]
    #[test]
    fn chrono_conversions() {
        use ::chrono::{TimeZone, Utc};
        let chrono_value = Utc.timestamp_opt(1_515_531_081, 123_456_789).unwrap();
        let value = DateTime::from(chrono_value);
        assert_eq!(
            (value.secs(), value.subsec_nanos()),
            (1_515_531_081, 123_456_789)
        );
        assert_eq!(::chrono::DateTime::<Utc>::try_from(value), Ok(chrono_value));

        let before_epoch = Utc.timestamp_opt(-2, 500_000_000).unwrap();
        assert_eq!(DateTime::from(before_epoch), DateTime::from_millis(-1500));
        assert_eq!(
            ::chrono::DateTime::<Utc>::try_from(DateTime::from_millis(-1500)),
            Ok(before_epoch)
        );

        assert!(::chrono::DateTime::<Utc>::try_from(DateTime::MAX).is_err());
        assert!(::chrono::DateTime::<Utc>::try_from(DateTime::MIN).is_err());
    }

    #[test]
    fn serde_writes_epoch_seconds_numbers() {
        let to_json = |value: DateTime| ::serde_json::to_string(&value).unwrap();
        assert_eq!(to_json(DateTime::from_secs(1_515_531_081)), "1515531081");
        assert_eq!(to_json(DateTime::from_secs(-5)), "-5");
        assert_eq!(
            to_json(DateTime::from_millis(1_515_531_081_123)),
            "1515531081.123"
        );
        assert_eq!(
            to_json(DateTime::from_millis(1_515_531_081_100)),
            "1515531081.1"
        );
        assert_eq!(to_json(DateTime::from_millis(-1500)), "-1.5");
        assert_eq!(to_json(DateTime::from_millis(-123)), "-0.123");
        assert_eq!(to_json(DateTime::UNIX_EPOCH), "0");
    }

    #[test]
    fn serde_reads_epoch_seconds_numbers() {
        let from_json = |json: &str| ::serde_json::from_str::<DateTime>(json);
        assert_eq!(
            from_json("1515531081").unwrap(),
            DateTime::from_secs(1_515_531_081)
        );
        assert_eq!(
            from_json("1515531081.123").unwrap(),
            DateTime::from_millis(1_515_531_081_123)
        );
        assert_eq!(
            from_json("1.515531081123e9").unwrap(),
            DateTime::from_millis(1_515_531_081_123)
        );
        assert_eq!(from_json("-1.5").unwrap(), DateTime::from_millis(-1500));
        assert_eq!(from_json("-1").unwrap(), DateTime::from_secs(-1));
        assert_eq!(
            from_json("1515531081.0").unwrap(),
            DateTime::from_secs(1_515_531_081)
        );
        assert_eq!(
            from_json("9223372036854775807").unwrap(),
            DateTime::from_secs(i64::MAX)
        );
        assert!(from_json("9223372036854775808").is_err());
        assert!(from_json("1e300").is_err());
        assert!(from_json("\"1515531081\"").is_err());
        assert!(from_json("null").is_err());
        assert!(from_json("true").is_err());
    }

    #[test]
    fn serde_round_trips_milliseconds() {
        for millis in (-2_000_000_i64..2_000_000)
            .step_by(997)
            .chain([1_515_531_081_123, 4_102_444_800_001])
        {
            let value = DateTime::from_millis(millis);
            let json = ::serde_json::to_string(&value).unwrap();
            assert_eq!(
                ::serde_json::from_str::<DateTime>(&json).unwrap(),
                value,
                "{json}"
            );
            assert_eq!(json, fmt(value, Format::EpochSeconds));
        }
    }

    #[test]
    fn errors_implement_std_error() {
        fn assert_error<E: ::std::error::Error + Send + Sync + 'static>(_: &E) {}
        assert_error(&DateTime::from_str("x", Format::DateTime).unwrap_err());
        assert_error(&DateTime::MAX.fmt(Format::DateTime).unwrap_err());
        assert_error(&DateTime::try_from_secs_f64(f64::NAN).unwrap_err());
    }
}
