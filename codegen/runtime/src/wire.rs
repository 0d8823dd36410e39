//! Serde adapters for members whose wire form differs from their type's own
//! `serde` implementation.
//!
//! Generated structures refer to the adapters through serde's `with`
//! attribute, naming [`As`] with a *marker* type that describes the wire form
//! of the member. Markers compose, mirroring the shape of the Rust type:
//!
//! ```text
//! #[serde(
//!     default,
//!     skip_serializing_if = "::std::option::Option::is_none",
//!     with = "wire::As::<wire::OptionOf<wire::VecOf<wire::DateTimeFormat>>>"
//! )]
//! pub x: ::std::option::Option<::std::vec::Vec<DateTime>>,
//! ```
//!
//! | Marker              | Rust type                      | Wire form                                          |
//! |---------------------|--------------------------------|----------------------------------------------------|
//! | [`Same`]            | any `T`                        | `T`'s own `Serialize` / `Deserialize`              |
//! | [`EpochSeconds`]    | `DateTime`                     | seconds since the epoch as a JSON number           |
//! | [`DateTimeFormat`]  | `DateTime`                     | RFC 3339 string (`2019-12-16T23:48:18.52Z`)        |
//! | [`HttpDate`]        | `DateTime`                     | IMF-fixdate string (`Tue, 29 Apr 2014 18:30:38 GMT`) |
//! | [`Float`]           | `f32`, `f64`                   | JSON number, or `"NaN"`, `"Infinity"`, `"-Infinity"` |
//! | [`OptionOf<A>`]     | `Option<T>`                    | `null` for `None`, otherwise `T` through `A`       |
//! | [`VecOf<A>`]        | `Vec<T>`                       | JSON array, elements through `A`                   |
//! | [`MapOf<A>`]        | `HashMap<K, V>`                | JSON object, keys as `K`, values through `A`       |
//! | [`BoxOf<A>`]        | `Box<T>`                       | `T` through `A`                                    |
//! | [`NullAsDefault<A>`]| `T: Default`                   | like `A`, but `null` reads as `T::default()`       |
//!
//! Deserializing through the collection markers streams elements straight
//! into the target collection; no intermediate `serde_json::Value` is built.

#[doc(hidden)]
pub use ::serde;
use ::serde::de::{Deserialize, Deserializer, MapAccess};
use ::serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};
use ::std::marker::PhantomData;

use crate::primitives::{DateTime, DateTimeFormat as Format};

/// The entry point used in `#[serde(with = "...")]`: serializes and
/// deserializes a value of type `T` as described by the marker `A`.
///
/// `As` is never instantiated; serde calls its associated functions
/// [`As::serialize`] and [`As::deserialize`].
pub struct As<A: ?Sized>(PhantomData<A>);

impl<A: ?Sized> As<A> {
    /// Serializes `value` in the wire form described by `A`.
    pub fn serialize<T, S>(value: &T, serializer: S) -> ::std::result::Result<S::Ok, S::Error>
    where
        T: ?Sized,
        S: Serializer,
        A: SerializeAs<T>,
    {
        A::serialize_as(value, serializer)
    }

    /// Deserializes a `T` from the wire form described by `A`.
    pub fn deserialize<'de, T, D>(deserializer: D) -> ::std::result::Result<T, D::Error>
    where
        D: Deserializer<'de>,
        A: DeserializeAs<'de, T>,
    {
        A::deserialize_as(deserializer)
    }
}

/// Serializes a `T` in the wire form described by the implementing marker.
pub trait SerializeAs<T: ?Sized> {
    /// Serializes `value`.
    fn serialize_as<S>(value: &T, serializer: S) -> ::std::result::Result<S::Ok, S::Error>
    where
        S: Serializer;
}

/// Deserializes a `T` from the wire form described by the implementing
/// marker.
pub trait DeserializeAs<'de, T> {
    /// Deserializes a value.
    fn deserialize_as<D>(deserializer: D) -> ::std::result::Result<T, D::Error>
    where
        D: Deserializer<'de>;
}

/// Marker: the type's own `Serialize` and `Deserialize` implementations.
///
/// Used as the leaf of composed markers, e.g. `OptionOf<VecOf<Same>>`.
pub enum Same {}

/// Marker for `DateTime`: seconds since the Unix epoch as a JSON number
/// (the `epoch-seconds` timestamp format), such as `1515531081.123`.
pub enum EpochSeconds {}

/// Marker for `DateTime`: an RFC 3339 string (the `date-time` timestamp
/// format), such as `"2019-12-16T23:48:18.52Z"`.
pub enum DateTimeFormat {}

/// Marker for `DateTime`: an IMF-fixdate string (the `http-date` timestamp
/// format), such as `"Tue, 29 Apr 2014 18:30:38 GMT"`.
pub enum HttpDate {}

/// Marker for `f32` and `f64` following the awsJson rules: finite values are
/// JSON numbers, and NaN and the infinities are the strings `"NaN"`,
/// `"Infinity"` and `"-Infinity"`.
pub enum Float {}

/// Marker for `Option<T>`: `None` is `null`, `Some` goes through `A`.
/// A JSON `null` deserializes as `None`.
pub struct OptionOf<A: ?Sized>(PhantomData<A>);

/// Marker for `Vec<T>`: a JSON array whose elements go through `A`.
pub struct VecOf<A: ?Sized>(PhantomData<A>);

/// Marker for `HashMap<K, V>`: a JSON object whose keys use `K`'s own serde
/// implementations and whose values go through `A`.
pub struct MapOf<A: ?Sized>(PhantomData<A>);

/// Marker for `Box<T>`: the boxed value goes through `A`.
pub struct BoxOf<A: ?Sized>(PhantomData<A>);

/// Marker for a `T: Default` whose `null` means "unset": deserializing
/// `null` gives `T::default()`, anything else goes through `A`; serializing
/// goes through `A`.
///
/// Combined with `#[serde(default)]`, an absent member also gives
/// `T::default()`. This implements Smithy's client error correction for
/// required members that a service leaves `null`.
pub struct NullAsDefault<A: ?Sized>(PhantomData<A>);

/// Deserializes a `T`, treating `null` as `T::default()`.
///
/// The function form of [`NullAsDefault<Same>`], for use as
/// `#[serde(default, deserialize_with = "wire::null_as_default")]`.
pub fn null_as_default<'de, D, T>(deserializer: D) -> ::std::result::Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Default + Deserialize<'de>,
{
    ::std::option::Option::<T>::deserialize(deserializer)
        .map(::std::option::Option::unwrap_or_default)
}

/// Deserializes a string enum from a borrowed string where the format allows it, so a known
/// value costs no allocation (only an unknown one is kept as a `String`).
pub fn enum_from_str<'de, D, T>(deserializer: D) -> ::std::result::Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: for<'a> ::std::convert::From<&'a str> + ::std::convert::From<::std::string::String>,
{
    struct Visit<T>(PhantomData<T>);
    impl<'de, T> ::serde::de::Visitor<'de> for Visit<T>
    where
        T: for<'a> ::std::convert::From<&'a str> + ::std::convert::From<::std::string::String>,
    {
        type Value = T;

        fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            f.write_str("a string")
        }

        fn visit_str<E: ::serde::de::Error>(self, value: &str) -> ::std::result::Result<T, E> {
            ::std::result::Result::Ok(T::from(value))
        }

        fn visit_string<E: ::serde::de::Error>(self, value: ::std::string::String) -> ::std::result::Result<T, E> {
            ::std::result::Result::Ok(T::from(value))
        }
    }
    deserializer.deserialize_str(Visit(PhantomData))
}

/// Serializes a borrowed `T` through the marker `A`; generated unions use it for members whose
/// wire form needs an adapter.
pub struct SerializeWith<'a, T: ?Sized, A: ?Sized> {
    value: &'a T,
    marker: PhantomData<A>,
}

impl<'a, T: ?Sized, A: ?Sized> SerializeWith<'a, T, A> {
    /// Wraps `value`.
    pub fn new(value: &'a T) -> Self {
        SerializeWith {
            value,
            marker: PhantomData,
        }
    }
}

impl<T, A> Serialize for SerializeWith<'_, T, A>
where
    T: ?Sized,
    A: ?Sized + SerializeAs<T>,
{
    fn serialize<S: Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
        A::serialize_as(self.value, serializer)
    }
}

/// Deserializes a `T` through the marker `A`; lets the collection visitors
/// hand each element straight to `A`, and generated unions read adapted members.
pub struct DeserializeWith<T, A: ?Sized> {
    value: T,
    marker: PhantomData<A>,
}

impl<T, A: ?Sized> DeserializeWith<T, A> {
    /// The value read.
    pub fn into_inner(self) -> T {
        self.value
    }
}

impl<'de, T, A> Deserialize<'de> for DeserializeWith<T, A>
where
    A: ?Sized + DeserializeAs<'de, T>,
{
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
        Ok(DeserializeWith {
            value: A::deserialize_as(deserializer)?,
            marker: PhantomData,
        })
    }
}

/// Bounds the capacity reserved from an untrusted size hint.
fn cautious_capacity(hint: ::std::option::Option<usize>) -> usize {
    hint.unwrap_or(0).min(4096)
}

// ---------------------------------------------------------------- Same

impl<T: ?Sized + Serialize> SerializeAs<T> for Same {
    fn serialize_as<S: Serializer>(
        value: &T,
        serializer: S,
    ) -> ::std::result::Result<S::Ok, S::Error> {
        value.serialize(serializer)
    }
}

impl<'de, T: Deserialize<'de>> DeserializeAs<'de, T> for Same {
    fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> ::std::result::Result<T, D::Error> {
        T::deserialize(deserializer)
    }
}

// ---------------------------------------------------------------- timestamps

impl SerializeAs<DateTime> for EpochSeconds {
    fn serialize_as<S: Serializer>(
        value: &DateTime,
        serializer: S,
    ) -> ::std::result::Result<S::Ok, S::Error> {
        value.serialize(serializer)
    }
}

impl<'de> DeserializeAs<'de, DateTime> for EpochSeconds {
    fn deserialize_as<D: Deserializer<'de>>(
        deserializer: D,
    ) -> ::std::result::Result<DateTime, D::Error> {
        DateTime::deserialize(deserializer)
    }
}

/// Serializes a timestamp as a string in `format`.
fn serialize_timestamp_string<S: Serializer>(
    value: &DateTime,
    format: Format,
    serializer: S,
) -> ::std::result::Result<S::Ok, S::Error> {
    let text = value.fmt(format).map_err(::serde::ser::Error::custom)?;
    serializer.serialize_str(&text)
}

/// Reads a timestamp string in a fixed format.
struct TimestampStringVisitor(Format);

impl ::serde::de::Visitor<'_> for TimestampStringVisitor {
    type Value = DateTime;

    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        write!(f, "a timestamp string in the {} format", self.0)
    }

    fn visit_str<E: ::serde::de::Error>(self, v: &str) -> ::std::result::Result<DateTime, E> {
        check_utc(v, self.0).map_err(E::custom)?;
        DateTime::from_str(v, self.0).map_err(E::custom)
    }
}

::std::thread_local! {
    static STRICT: ::std::cell::Cell<bool> = const { ::std::cell::Cell::new(false) };
}

/// Runs `f` reading strictly, as a server reads requests: `date-time`s must be in UTC, base64
/// must be canonical, and unions refuse members they do not know. Clients read leniently.
pub fn strict<T>(f: impl FnOnce() -> T) -> T {
    let before = STRICT.with(|s| s.replace(true));
    let out = f();
    STRICT.with(|s| s.set(before));
    out
}

/// Whether the current thread reads strictly (see [`strict`]).
pub fn is_strict() -> bool {
    STRICT.with(::std::cell::Cell::get)
}

/// In strict reading, a `date-time` must end in `Z`: Smithy's format has no UTC offsets.
pub fn check_utc(text: &str, format: Format) -> ::std::result::Result<(), ::std::string::String> {
    if format == Format::DateTime && is_strict() && !text.trim_end().ends_with(['Z', 'z']) {
        return ::std::result::Result::Err(::std::format!("`{text}` is not a UTC date-time (it must end in `Z`)"));
    }
    ::std::result::Result::Ok(())
}

impl SerializeAs<DateTime> for DateTimeFormat {
    fn serialize_as<S: Serializer>(
        value: &DateTime,
        serializer: S,
    ) -> ::std::result::Result<S::Ok, S::Error> {
        serialize_timestamp_string(value, Format::DateTime, serializer)
    }
}

impl<'de> DeserializeAs<'de, DateTime> for DateTimeFormat {
    fn deserialize_as<D: Deserializer<'de>>(
        deserializer: D,
    ) -> ::std::result::Result<DateTime, D::Error> {
        deserializer.deserialize_str(TimestampStringVisitor(Format::DateTime))
    }
}

impl SerializeAs<DateTime> for HttpDate {
    fn serialize_as<S: Serializer>(
        value: &DateTime,
        serializer: S,
    ) -> ::std::result::Result<S::Ok, S::Error> {
        serialize_timestamp_string(value, Format::HttpDate, serializer)
    }
}

impl<'de> DeserializeAs<'de, DateTime> for HttpDate {
    fn deserialize_as<D: Deserializer<'de>>(
        deserializer: D,
    ) -> ::std::result::Result<DateTime, D::Error> {
        deserializer.deserialize_str(TimestampStringVisitor(Format::HttpDate))
    }
}

// ---------------------------------------------------------------- floats

/// Serializes a float, writing non-finite values as awsJson strings.
fn serialize_float<S: Serializer>(
    value: f64,
    serialize_finite: impl FnOnce(S) -> ::std::result::Result<S::Ok, S::Error>,
    serializer: S,
) -> ::std::result::Result<S::Ok, S::Error> {
    if value.is_nan() {
        serializer.serialize_str("NaN")
    } else if value == f64::INFINITY {
        serializer.serialize_str("Infinity")
    } else if value == f64::NEG_INFINITY {
        serializer.serialize_str("-Infinity")
    } else {
        serialize_finite(serializer)
    }
}

/// Reads a number, or one of the awsJson non-finite float strings.
struct FloatVisitor;

impl ::serde::de::Visitor<'_> for FloatVisitor {
    type Value = f64;

    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.write_str(r#"a number, "NaN", "Infinity" or "-Infinity""#)
    }

    fn visit_f64<E: ::serde::de::Error>(self, v: f64) -> ::std::result::Result<f64, E> {
        Ok(v)
    }

    fn visit_i64<E: ::serde::de::Error>(self, v: i64) -> ::std::result::Result<f64, E> {
        Ok(v as f64)
    }

    fn visit_u64<E: ::serde::de::Error>(self, v: u64) -> ::std::result::Result<f64, E> {
        Ok(v as f64)
    }

    fn visit_str<E: ::serde::de::Error>(self, v: &str) -> ::std::result::Result<f64, E> {
        match v {
            "NaN" => Ok(f64::NAN),
            "Infinity" => Ok(f64::INFINITY),
            "-Infinity" => Ok(f64::NEG_INFINITY),
            _ => Err(E::invalid_value(::serde::de::Unexpected::Str(v), &self)),
        }
    }
}

impl SerializeAs<f64> for Float {
    fn serialize_as<S: Serializer>(
        value: &f64,
        serializer: S,
    ) -> ::std::result::Result<S::Ok, S::Error> {
        let value = *value;
        serialize_float(
            value,
            |serializer| serializer.serialize_f64(value),
            serializer,
        )
    }
}

impl SerializeAs<f32> for Float {
    fn serialize_as<S: Serializer>(
        value: &f32,
        serializer: S,
    ) -> ::std::result::Result<S::Ok, S::Error> {
        let value = *value;
        serialize_float(
            f64::from(value),
            |serializer| serializer.serialize_f32(value),
            serializer,
        )
    }
}

impl<'de> DeserializeAs<'de, f64> for Float {
    fn deserialize_as<D: Deserializer<'de>>(
        deserializer: D,
    ) -> ::std::result::Result<f64, D::Error> {
        deserializer.deserialize_any(FloatVisitor)
    }
}

impl<'de> DeserializeAs<'de, f32> for Float {
    fn deserialize_as<D: Deserializer<'de>>(
        deserializer: D,
    ) -> ::std::result::Result<f32, D::Error> {
        // Narrowing keeps NaN and the infinities, and rounds finite values;
        // values beyond f32's range become infinite, as in serde_json.
        deserializer
            .deserialize_any(FloatVisitor)
            .map(|value| value as f32)
    }
}

// ---------------------------------------------------------------- Option

impl<T, A> SerializeAs<::std::option::Option<T>> for OptionOf<A>
where
    A: ?Sized + SerializeAs<T>,
{
    fn serialize_as<S: Serializer>(
        value: &::std::option::Option<T>,
        serializer: S,
    ) -> ::std::result::Result<S::Ok, S::Error> {
        match value {
            Some(inner) => serializer.serialize_some(&SerializeWith::<T, A>::new(inner)),
            None => serializer.serialize_none(),
        }
    }
}

/// Reads `null` as `None`, anything else through `A`.
struct OptionVisitor<T, A: ?Sized>(PhantomData<fn() -> T>, PhantomData<A>);

impl<'de, T, A> ::serde::de::Visitor<'de> for OptionVisitor<T, A>
where
    A: ?Sized + DeserializeAs<'de, T>,
{
    type Value = ::std::option::Option<T>;

    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.write_str("an optional value")
    }

    fn visit_none<E: ::serde::de::Error>(self) -> ::std::result::Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E: ::serde::de::Error>(self) -> ::std::result::Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> ::std::result::Result<Self::Value, D::Error> {
        A::deserialize_as(deserializer).map(Some)
    }
}

impl<'de, T, A> DeserializeAs<'de, ::std::option::Option<T>> for OptionOf<A>
where
    A: ?Sized + DeserializeAs<'de, T>,
{
    fn deserialize_as<D: Deserializer<'de>>(
        deserializer: D,
    ) -> ::std::result::Result<::std::option::Option<T>, D::Error> {
        deserializer.deserialize_option(OptionVisitor::<T, A>(PhantomData, PhantomData))
    }
}

// ---------------------------------------------------------------- Vec

impl<T, A> SerializeAs<::std::vec::Vec<T>> for VecOf<A>
where
    A: ?Sized + SerializeAs<T>,
{
    fn serialize_as<S: Serializer>(
        value: &::std::vec::Vec<T>,
        serializer: S,
    ) -> ::std::result::Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(value.len()))?;
        for element in value {
            seq.serialize_element(&SerializeWith::<T, A>::new(element))?;
        }
        seq.end()
    }
}

/// Reads a sequence, each element through `A`.
struct VecVisitor<T, A: ?Sized>(PhantomData<fn() -> T>, PhantomData<A>);

impl<'de, T, A> ::serde::de::Visitor<'de> for VecVisitor<T, A>
where
    A: ?Sized + DeserializeAs<'de, T>,
{
    type Value = ::std::vec::Vec<T>;

    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.write_str("a list")
    }

    fn visit_seq<V: ::serde::de::SeqAccess<'de>>(
        self,
        mut seq: V,
    ) -> ::std::result::Result<Self::Value, V::Error> {
        let mut out = ::std::vec::Vec::with_capacity(cautious_capacity(seq.size_hint()));
        while let Some(element) = seq.next_element::<DeserializeWith<T, A>>()? {
            out.push(element.value);
        }
        Ok(out)
    }
}

impl<'de, T, A> DeserializeAs<'de, ::std::vec::Vec<T>> for VecOf<A>
where
    A: ?Sized + DeserializeAs<'de, T>,
{
    fn deserialize_as<D: Deserializer<'de>>(
        deserializer: D,
    ) -> ::std::result::Result<::std::vec::Vec<T>, D::Error> {
        deserializer.deserialize_seq(VecVisitor::<T, A>(PhantomData, PhantomData))
    }
}

// ---------------------------------------------------------------- HashMap

impl<K, V, H, A> SerializeAs<::std::collections::HashMap<K, V, H>> for MapOf<A>
where
    K: Serialize,
    A: ?Sized + SerializeAs<V>,
{
    fn serialize_as<S: Serializer>(
        value: &::std::collections::HashMap<K, V, H>,
        serializer: S,
    ) -> ::std::result::Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(value.len()))?;
        for (key, entry) in value {
            map.serialize_entry(key, &SerializeWith::<V, A>::new(entry))?;
        }
        map.end()
    }
}

/// Reads a map, keys through their own `Deserialize`, values through `A`.
struct MapVisitor<K, V, H, A: ?Sized> {
    keys: PhantomData<fn() -> K>,
    values: PhantomData<fn() -> V>,
    hasher: PhantomData<fn() -> H>,
    marker: PhantomData<A>,
}

impl<'de, K, V, H, A> ::serde::de::Visitor<'de> for MapVisitor<K, V, H, A>
where
    K: Deserialize<'de> + Eq + ::std::hash::Hash,
    H: ::std::hash::BuildHasher + Default,
    A: ?Sized + DeserializeAs<'de, V>,
{
    type Value = ::std::collections::HashMap<K, V, H>;

    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.write_str("a map")
    }

    fn visit_map<M: ::serde::de::MapAccess<'de>>(
        self,
        mut access: M,
    ) -> ::std::result::Result<Self::Value, M::Error> {
        let mut out = ::std::collections::HashMap::with_capacity_and_hasher(
            cautious_capacity(access.size_hint()),
            H::default(),
        );
        while let Some((key, value)) = access.next_entry::<K, DeserializeWith<V, A>>()? {
            out.insert(key, value.value);
        }
        Ok(out)
    }
}

impl<'de, K, V, H, A> DeserializeAs<'de, ::std::collections::HashMap<K, V, H>> for MapOf<A>
where
    K: Deserialize<'de> + Eq + ::std::hash::Hash,
    H: ::std::hash::BuildHasher + Default,
    A: ?Sized + DeserializeAs<'de, V>,
{
    fn deserialize_as<D: Deserializer<'de>>(
        deserializer: D,
    ) -> ::std::result::Result<::std::collections::HashMap<K, V, H>, D::Error> {
        deserializer.deserialize_map(MapVisitor::<K, V, H, A> {
            keys: PhantomData,
            values: PhantomData,
            hasher: PhantomData,
            marker: PhantomData,
        })
    }
}

// ---------------------------------------------------------------- Box

impl<T, A> SerializeAs<::std::boxed::Box<T>> for BoxOf<A>
where
    A: ?Sized + SerializeAs<T>,
{
    fn serialize_as<S: Serializer>(
        value: &::std::boxed::Box<T>,
        serializer: S,
    ) -> ::std::result::Result<S::Ok, S::Error> {
        A::serialize_as(&**value, serializer)
    }
}

impl<'de, T, A> DeserializeAs<'de, ::std::boxed::Box<T>> for BoxOf<A>
where
    A: ?Sized + DeserializeAs<'de, T>,
{
    fn deserialize_as<D: Deserializer<'de>>(
        deserializer: D,
    ) -> ::std::result::Result<::std::boxed::Box<T>, D::Error> {
        A::deserialize_as(deserializer).map(::std::boxed::Box::new)
    }
}

// ---------------------------------------------------------------- NullAsDefault

impl<T, A> SerializeAs<T> for NullAsDefault<A>
where
    A: ?Sized + SerializeAs<T>,
{
    fn serialize_as<S: Serializer>(
        value: &T,
        serializer: S,
    ) -> ::std::result::Result<S::Ok, S::Error> {
        A::serialize_as(value, serializer)
    }
}

impl<'de, T, A> DeserializeAs<'de, T> for NullAsDefault<A>
where
    T: Default,
    A: ?Sized + DeserializeAs<'de, T>,
{
    fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> ::std::result::Result<T, D::Error> {
        deserializer
            .deserialize_option(OptionVisitor::<T, A>(PhantomData, PhantomData))
            .map(::std::option::Option::unwrap_or_default)
    }
}

// ---------------------------------------------------------------- structures

/// What the runtime needs to read and write a generated structure as a map: its JSON keys, how
/// to read the member at each key, and how to write the members. Generated for every structure,
/// whose `Serialize` and `Deserialize` come from [`serde_struct!`](crate::serde_struct).
/// Structures are read only from maps (a JSON object), never from a sequence of their members,
/// and keys they do not know are skipped.
pub trait Fields: Default {
    /// The structure's name, for error messages.
    const NAME: &'static str;
    /// The members' keys, sorted; [`Fields::read`] gets a key's position in this list.
    const KEYS: &'static [&'static str];
    /// Reads the value of the member whose key is `KEYS[index]` into `self`.
    fn read<'de, A: MapAccess<'de>>(&mut self, index: usize, map: &mut A) -> ::std::result::Result<(), A::Error>;
    /// Writes the members (absent optional ones are left out).
    fn write<M: SerializeMap>(&self, map: &mut StructWriter<M>) -> ::std::result::Result<(), M::Error>;
    /// The positions in `KEYS` of the required members without a default, which a server
    /// reading strictly requires to be present.
    const REQUIRED: &'static [usize] = &[];
}

/// The start of the error a strict read gives for a required member left out; the member's
/// key follows.
pub const MISSING_REQUIRED: &str = "missing required member: ";

/// Writes a structure through its [`Fields`].
pub fn serialize_struct<T: Fields, S: Serializer>(value: &T, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
    let mut map = StructWriter::new(serializer)?;
    value.write(&mut map)?;
    map.end()
}

/// `Serialize` and `Deserialize` for generated structures, through their [`Fields`].
#[doc(hidden)]
#[macro_export]
macro_rules! serde_struct {
    ($($name:ident),* $(,)?) => {
        $(
            impl $crate::wire::serde::Serialize for $name {
                fn serialize<S: $crate::wire::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                    $crate::wire::serialize_struct(self, serializer)
                }
            }

            impl<'de> $crate::wire::serde::Deserialize<'de> for $name {
                fn deserialize<D: $crate::wire::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                    $crate::wire::deserialize_struct(deserializer)
                }
            }
        )*
    };
}

/// Reads a structure: members start at their defaults (so a missing or `null` required member
/// is its zero value, Smithy's client error correction), then each known key is read.
pub fn deserialize_struct<'de, T: Fields, D: Deserializer<'de>>(deserializer: D) -> ::std::result::Result<T, D::Error> {
    struct Visit<T>(PhantomData<T>);
    impl<'de, T: Fields> ::serde::de::Visitor<'de> for Visit<T> {
        type Value = T;

        fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            ::std::write!(f, "a `{}` object", T::NAME)
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> ::std::result::Result<T, A::Error> {
            let mut out = T::default();
            let check = !T::REQUIRED.is_empty() && is_strict();
            let mut seen = ::std::vec::Vec::new();
            while let ::std::option::Option::Some(index) = map.next_key_seed(KeyIndex(T::KEYS))? {
                match index {
                    ::std::option::Option::Some(index) => {
                        out.read(index, &mut map)?;
                        if check {
                            seen.push(index);
                        }
                    }
                    ::std::option::Option::None => {
                        map.next_value::<::serde::de::IgnoredAny>()?;
                    }
                }
            }
            if let ::std::option::Option::Some(missing) = T::REQUIRED.iter().find(|i| check && !seen.contains(i)) {
                return ::std::result::Result::Err(<A::Error as ::serde::de::Error>::custom(::std::format!("{MISSING_REQUIRED}{}", T::KEYS[*missing])));
            }
            ::std::result::Result::Ok(out)
        }
    }
    deserializer.deserialize_map(Visit(PhantomData))
}

/// Reads a map key as its position in a sorted list of known keys (`None` for another key),
/// without allocating.
struct KeyIndex(&'static [&'static str]);

impl<'de> ::serde::de::DeserializeSeed<'de> for KeyIndex {
    type Value = ::std::option::Option<usize>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> ::std::result::Result<Self::Value, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl<'de> ::serde::de::Visitor<'de> for KeyIndex {
    type Value = ::std::option::Option<usize>;

    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.write_str("a member name")
    }

    fn visit_str<E: ::serde::de::Error>(self, key: &str) -> ::std::result::Result<Self::Value, E> {
        ::std::result::Result::Ok(key_index(self.0, key.as_bytes()))
    }

    fn visit_bytes<E: ::serde::de::Error>(self, key: &[u8]) -> ::std::result::Result<Self::Value, E> {
        ::std::result::Result::Ok(key_index(self.0, key))
    }
}

/// Up to this many keys, a scan that compares lengths first beats a binary search: most keys
/// are told apart by an integer comparison, and only a key of the same length costs a
/// `memcmp`, where a binary search pays one per step and mispredicts its branches.
const SCAN_KEYS: usize = 48;

/// The position of `key` in the sorted `keys`.
fn key_index(keys: &[&str], key: &[u8]) -> ::std::option::Option<usize> {
    if keys.len() <= SCAN_KEYS {
        keys.iter().position(|k| k.len() == key.len() && k.as_bytes() == key)
    } else {
        keys.binary_search_by(|k| k.as_bytes().cmp(key)).ok()
    }
}

/// Reading one member's value in a generated [`Fields::read`]: in the type's own form, through
/// a marker, or as a required member whose `null` reads as the default.
pub trait ReadValue<'de>: MapAccess<'de> {
    /// The value through the marker `A`.
    fn value_with<A: ?Sized + DeserializeAs<'de, T>, T>(&mut self) -> ::std::result::Result<T, Self::Error> {
        self.next_value::<DeserializeWith<T, A>>().map(DeserializeWith::into_inner)
    }

    /// A required member: `null` reads as the default.
    fn required<T: Default + Deserialize<'de>>(&mut self) -> ::std::result::Result<T, Self::Error> {
        self.value_with::<NullAsDefault<Same>, T>()
    }

    /// A required member through the marker `A`: `null` reads as the default.
    fn required_with<A: ?Sized + DeserializeAs<'de, T>, T: Default>(&mut self) -> ::std::result::Result<T, Self::Error> {
        self.value_with::<NullAsDefault<A>, T>()
    }

    /// An optional member through the marker `A`: `null` reads as `None`.
    fn optional_with<A: ?Sized + DeserializeAs<'de, T>, T>(&mut self) -> ::std::result::Result<::std::option::Option<T>, Self::Error> {
        self.value_with::<OptionOf<A>, ::std::option::Option<T>>()
    }
}

impl<'de, M: MapAccess<'de>> ReadValue<'de> for M {}

/// A generated union. Its `Default` is an `Unknown` member with no name and no value, which
/// stands for a required union member that is not set (a response that left it out, an
/// output built with `Default`); writers leave that stand-in out rather than write it.
pub trait Union {
    /// Whether this is the `Default` stand-in for "not set".
    fn is_unset(&self) -> bool;
}

impl<T: Union + ?Sized> Union for ::std::boxed::Box<T> {
    fn is_unset(&self) -> bool {
        (**self).is_unset()
    }
}

/// Writes a generated structure as a map: required members always, optional ones when set.
pub struct StructWriter<M> {
    map: M,
}

impl<M: SerializeMap> StructWriter<M> {
    /// Starts the map.
    pub fn new<S: Serializer<SerializeMap = M>>(serializer: S) -> ::std::result::Result<Self, S::Error> {
        ::std::result::Result::Ok(StructWriter { map: serializer.serialize_map(::std::option::Option::None)? })
    }

    /// A member in its type's own form.
    pub fn field<T: ?Sized + Serialize>(&mut self, key: &'static str, value: &T) -> ::std::result::Result<(), M::Error> {
        self.map.serialize_entry(key, value)
    }

    /// A member through the marker `A`.
    pub fn field_with<A: ?Sized + SerializeAs<T>, T: ?Sized>(&mut self, key: &'static str, value: &T) -> ::std::result::Result<(), M::Error> {
        self.map.serialize_entry(key, &SerializeWith::<T, A>::new(value))
    }

    /// An optional member, when set.
    pub fn optional<T: Serialize>(&mut self, key: &'static str, value: &::std::option::Option<T>) -> ::std::result::Result<(), M::Error> {
        match value {
            ::std::option::Option::Some(value) => self.map.serialize_entry(key, value),
            ::std::option::Option::None => ::std::result::Result::Ok(()),
        }
    }

    /// A required union member, left out while it holds the union's `Default` (see
    /// [`Union`]): written, that stand-in would be `{"": null}`, a union no reader accepts.
    /// Left out, a reader takes it for the required member the writer did not set, and reads
    /// the same stand-in back.
    pub fn union_field<T: Serialize + Union>(&mut self, key: &'static str, value: &T) -> ::std::result::Result<(), M::Error> {
        if value.is_unset() {
            return ::std::result::Result::Ok(());
        }
        self.field(key, value)
    }

    /// An optional member through the marker `A`, when set.
    pub fn optional_with<A: ?Sized + SerializeAs<T>, T>(&mut self, key: &'static str, value: &::std::option::Option<T>) -> ::std::result::Result<(), M::Error> {
        match value {
            ::std::option::Option::Some(value) => self.field_with::<A, T>(key, value),
            ::std::option::Option::None => ::std::result::Result::Ok(()),
        }
    }

    /// Ends the map.
    pub fn end(self) -> ::std::result::Result<M::Ok, M::Error> {
        self.map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::{
        As, BoxOf, DateTime, DateTimeFormat, DeserializeAs, EpochSeconds, Float, HttpDate, MapOf,
        NullAsDefault, OptionOf, Same, SerializeAs, VecOf,
    };
    use ::std::collections::HashMap;

    /// Serializes `value` to JSON through the marker `A`.
    fn to_json<A, T>(value: &T) -> ::std::string::String
    where
        A: SerializeAs<T>,
    {
        let mut out = ::std::vec::Vec::new();
        As::<A>::serialize(value, &mut ::serde_json::Serializer::new(&mut out)).unwrap();
        ::std::string::String::from_utf8(out).unwrap()
    }

    /// Deserializes JSON through the marker `A`.
    fn from_json<A, T>(json: &str) -> ::std::result::Result<T, ::serde_json::Error>
    where
        A: for<'de> DeserializeAs<'de, T>,
    {
        let mut deserializer = ::serde_json::Deserializer::from_str(json);
        let value = As::<A>::deserialize(&mut deserializer)?;
        deserializer.end()?;
        Ok(value)
    }

    #[test]
    fn keys_are_found_by_scan_and_by_binary_search() {
        let few = ["Arn", "Name", "Role", "Runtime"];
        assert_eq!(super::key_index(&few, b"Role"), Some(2));
        assert_eq!(super::key_index(&few, b"Rol"), None);
        assert_eq!(super::key_index(&few, b""), None);
        let many: ::std::vec::Vec<::std::string::String> = (0..super::SCAN_KEYS * 2).map(|i| ::std::format!("k{i:03}")).collect();
        let many: ::std::vec::Vec<&str> = many.iter().map(::std::string::String::as_str).collect();
        for (i, key) in many.iter().enumerate() {
            assert_eq!(super::key_index(&many, key.as_bytes()), Some(i));
        }
        assert_eq!(super::key_index(&many, b"k999"), None);
        assert_eq!(super::key_index(&many, b"\xff"), None);
    }

    fn secs(value: i64) -> DateTime {
        DateTime::from_secs(value)
    }

    #[test]
    fn same_uses_the_types_own_serde() {
        assert_eq!(to_json::<Same, _>(&5_i32), "5");
        assert_eq!(to_json::<Same, _>(&"x"), r#""x""#);
        assert_eq!(from_json::<Same, u8>("7").unwrap(), 7);
        assert_eq!(to_json::<Same, _>(&secs(12)), "12");
        assert!(from_json::<Same, u8>("300").is_err());
    }

    #[test]
    fn epoch_seconds() {
        assert_eq!(
            to_json::<EpochSeconds, _>(&DateTime::from_millis(1_515_531_081_123)),
            "1515531081.123"
        );
        assert_eq!(
            to_json::<EpochSeconds, _>(&secs(1_515_531_081)),
            "1515531081"
        );
        assert_eq!(
            from_json::<EpochSeconds, DateTime>("1515531081.123").unwrap(),
            DateTime::from_millis(1_515_531_081_123)
        );
        assert_eq!(from_json::<EpochSeconds, DateTime>("-1").unwrap(), secs(-1));
        assert!(from_json::<EpochSeconds, DateTime>(r#""1515531081""#).is_err());
    }

    #[test]
    fn date_time_strings() {
        let value = DateTime::from_millis(1_576_540_098_520);
        assert_eq!(
            to_json::<DateTimeFormat, _>(&value),
            r#""2019-12-16T23:48:18.52Z""#
        );
        assert_eq!(
            from_json::<DateTimeFormat, DateTime>(r#""2019-12-16T23:48:18.52Z""#).unwrap(),
            value
        );
        assert_eq!(
            from_json::<DateTimeFormat, DateTime>(r#""2019-12-17T00:48:18.52+01:00""#).unwrap(),
            value
        );
        let error = from_json::<DateTimeFormat, DateTime>(r#""2019-12-16""#).unwrap_err();
        assert!(error.to_string().contains("date-time"), "{error}");
        assert!(from_json::<DateTimeFormat, DateTime>("1576540098").is_err());
        // Escaped strings (not borrowable from the input) work too.
        assert_eq!(
            from_json::<DateTimeFormat, DateTime>(r#""2019-12-16T23:48:18.52\u005a""#).unwrap(),
            value
        );
        // Years that RFC 3339 cannot express fail to serialize.
        let mut out = ::std::vec::Vec::new();
        assert!(As::<DateTimeFormat>::serialize(
            &DateTime::MAX,
            &mut ::serde_json::Serializer::new(&mut out)
        )
        .is_err());
    }

    #[test]
    fn http_date_strings() {
        let value = secs(1_398_796_238);
        assert_eq!(
            to_json::<HttpDate, _>(&value),
            r#""Tue, 29 Apr 2014 18:30:38 GMT""#
        );
        assert_eq!(
            from_json::<HttpDate, DateTime>(r#""Tue, 29 Apr 2014 18:30:38 GMT""#).unwrap(),
            value
        );
        assert_eq!(
            from_json::<HttpDate, DateTime>(r#""Tue, 29 Apr 2014 18:30:38.123 GMT""#).unwrap(),
            DateTime::from_millis(1_398_796_238_123)
        );
        assert!(from_json::<HttpDate, DateTime>(r#""2014-04-29T18:30:38Z""#).is_err());
    }

    #[test]
    fn floats() {
        assert_eq!(to_json::<Float, _>(&1.5_f64), "1.5");
        assert_eq!(to_json::<Float, _>(&f64::NAN), r#""NaN""#);
        assert_eq!(to_json::<Float, _>(&f64::INFINITY), r#""Infinity""#);
        assert_eq!(to_json::<Float, _>(&f64::NEG_INFINITY), r#""-Infinity""#);
        assert_eq!(to_json::<Float, _>(&0.1_f32), "0.1");
        assert_eq!(to_json::<Float, _>(&f32::NAN), r#""NaN""#);
        assert_eq!(to_json::<Float, _>(&f32::NEG_INFINITY), r#""-Infinity""#);

        assert_eq!(from_json::<Float, f64>("1.5").unwrap(), 1.5);
        assert_eq!(from_json::<Float, f64>("-3").unwrap(), -3.0);
        assert_eq!(
            from_json::<Float, f64>("18446744073709551615").unwrap(),
            18_446_744_073_709_551_615.0
        );
        assert!(from_json::<Float, f64>(r#""NaN""#).unwrap().is_nan());
        assert_eq!(
            from_json::<Float, f64>(r#""Infinity""#).unwrap(),
            f64::INFINITY
        );
        assert_eq!(
            from_json::<Float, f64>(r#""-Infinity""#).unwrap(),
            f64::NEG_INFINITY
        );
        assert_eq!(from_json::<Float, f32>("0.1").unwrap(), 0.1_f32);
        assert!(from_json::<Float, f32>(r#""NaN""#).unwrap().is_nan());
        assert_eq!(
            from_json::<Float, f32>(r#""-Infinity""#).unwrap(),
            f32::NEG_INFINITY
        );

        for bad in [r#""nan""#, r#""inf""#, r#""1.5""#, "null", "true", "[]"] {
            assert!(from_json::<Float, f64>(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn options() {
        type Marker = OptionOf<DateTimeFormat>;
        assert_eq!(to_json::<Marker, _>(&None::<DateTime>), "null");
        assert_eq!(
            to_json::<Marker, _>(&Some(secs(0))),
            r#""1970-01-01T00:00:00Z""#
        );
        assert_eq!(from_json::<Marker, Option<DateTime>>("null").unwrap(), None);
        assert_eq!(
            from_json::<Marker, Option<DateTime>>(r#""1970-01-01T00:00:00Z""#).unwrap(),
            Some(secs(0))
        );
        assert!(from_json::<Marker, Option<DateTime>>("0").is_err());

        assert_eq!(to_json::<OptionOf<Float>, _>(&Some(f64::NAN)), r#""NaN""#);
        assert_eq!(
            from_json::<OptionOf<Float>, Option<f64>>("2").unwrap(),
            Some(2.0)
        );
    }

    #[test]
    fn vecs() {
        type Marker = VecOf<HttpDate>;
        let values = vec![secs(0), secs(1_398_796_238)];
        let json = r#"["Thu, 01 Jan 1970 00:00:00 GMT","Tue, 29 Apr 2014 18:30:38 GMT"]"#;
        assert_eq!(to_json::<Marker, _>(&values), json);
        assert_eq!(from_json::<Marker, Vec<DateTime>>(json).unwrap(), values);
        assert_eq!(
            from_json::<Marker, Vec<DateTime>>("[]").unwrap(),
            Vec::<DateTime>::new()
        );
        assert_eq!(to_json::<Marker, _>(&Vec::<DateTime>::new()), "[]");
        assert!(from_json::<Marker, Vec<DateTime>>("{}").is_err());
        assert!(from_json::<Marker, Vec<DateTime>>("[1]").is_err());
        assert!(from_json::<Marker, Vec<DateTime>>("null").is_err());

        // Sparse lists keep their nulls.
        type Sparse = VecOf<OptionOf<Float>>;
        let values = from_json::<Sparse, Vec<Option<f64>>>(r#"[1, null, "Infinity"]"#).unwrap();
        assert_eq!(values, vec![Some(1.0), None, Some(f64::INFINITY)]);
        assert_eq!(to_json::<Sparse, _>(&values), r#"[1.0,null,"Infinity"]"#);

        // Nested lists.
        type Nested = VecOf<VecOf<Float>>;
        let values =
            from_json::<Nested, Vec<Vec<f64>>>(r#"[[1], [], ["-Infinity", 2.5]]"#).unwrap();
        assert_eq!(
            values,
            vec![vec![1.0], vec![], vec![f64::NEG_INFINITY, 2.5]]
        );
    }

    #[test]
    fn maps() {
        type Marker = MapOf<OptionOf<Float>>;
        let map: HashMap<String, Option<f64>> =
            from_json::<Marker, _>(r#"{"a": 1, "b": null, "c": "NaN", "d": "-Infinity"}"#).unwrap();
        assert_eq!(map.len(), 4);
        assert_eq!(map["a"], Some(1.0));
        assert_eq!(map["b"], None);
        assert!(map["c"].unwrap().is_nan());
        assert_eq!(map["d"], Some(f64::NEG_INFINITY));

        let single: HashMap<String, Option<f64>> = [("k".to_owned(), Some(f64::INFINITY))]
            .into_iter()
            .collect();
        assert_eq!(to_json::<Marker, _>(&single), r#"{"k":"Infinity"}"#);
        let empty: HashMap<String, Option<f64>> = HashMap::new();
        assert_eq!(to_json::<Marker, _>(&empty), "{}");

        type Dates = MapOf<VecOf<EpochSeconds>>;
        let map: HashMap<String, Vec<DateTime>> =
            from_json::<Dates, _>(r#"{"x": [1, 2.5]}"#).unwrap();
        assert_eq!(map["x"], vec![secs(1), DateTime::from_millis(2500)]);
        assert_eq!(to_json::<Dates, _>(&map), r#"{"x":[1,2.5]}"#);

        assert!(from_json::<Marker, HashMap<String, Option<f64>>>("[]").is_err());
        assert!(from_json::<Marker, HashMap<String, Option<f64>>>(r#"{"a": "x"}"#).is_err());
    }

    #[test]
    fn boxes() {
        type Marker = BoxOf<DateTimeFormat>;
        let value = Box::new(secs(86_400));
        assert_eq!(to_json::<Marker, _>(&value), r#""1970-01-02T00:00:00Z""#);
        assert_eq!(
            from_json::<Marker, Box<DateTime>>(r#""1970-01-02T00:00:00Z""#).unwrap(),
            value
        );
        assert_eq!(
            from_json::<BoxOf<Same>, Box<i32>>("3").unwrap(),
            Box::new(3)
        );
    }

    #[test]
    fn null_as_default() {
        type Marker = NullAsDefault<Float>;
        assert_eq!(from_json::<Marker, f64>("null").unwrap(), 0.0);
        assert_eq!(from_json::<Marker, f64>("2.5").unwrap(), 2.5);
        assert!(from_json::<Marker, f64>(r#""NaN""#).unwrap().is_nan());
        assert_eq!(to_json::<Marker, _>(&f64::INFINITY), r#""Infinity""#);
        assert_eq!(to_json::<Marker, _>(&0.0_f64), "0.0");

        assert_eq!(
            from_json::<NullAsDefault<Same>, String>("null").unwrap(),
            ""
        );
        assert_eq!(
            from_json::<NullAsDefault<Same>, String>(r#""s""#).unwrap(),
            "s"
        );
        assert_eq!(
            from_json::<NullAsDefault<VecOf<Same>>, Vec<i32>>("null").unwrap(),
            Vec::<i32>::new()
        );
        assert_eq!(
            from_json::<NullAsDefault<EpochSeconds>, DateTime>("null").unwrap(),
            DateTime::UNIX_EPOCH
        );

        let mut deserializer = ::serde_json::Deserializer::from_str("null");
        let value: i32 = super::null_as_default(&mut deserializer).unwrap();
        assert_eq!(value, 0);
        let mut deserializer = ::serde_json::Deserializer::from_str("17");
        let value: i32 = super::null_as_default(&mut deserializer).unwrap();
        assert_eq!(value, 17);
        let mut deserializer = ::serde_json::Deserializer::from_str(r#""x""#);
        assert!(super::null_as_default::<_, i32>(&mut deserializer).is_err());
    }

    #[test]
    fn works_with_serde_json_values_too() {
        // Deserializing from an already parsed `serde_json::Value` exercises
        // the owned (non-borrowing) code paths.
        let value = ::serde_json::json!({"a": [ "1970-01-01T00:00:00Z" ], "b": null});
        type Marker = MapOf<OptionOf<VecOf<DateTimeFormat>>>;
        let map: HashMap<String, Option<Vec<DateTime>>> = As::<Marker>::deserialize(value).unwrap();
        assert_eq!(map["a"], Some(vec![DateTime::UNIX_EPOCH]));
        assert_eq!(map["b"], None);

        let json = As::<Marker>::serialize(&map, ::serde_json::value::Serializer).unwrap();
        assert_eq!(json["a"], ::serde_json::json!(["1970-01-01T00:00:00Z"]));
        assert_eq!(json["b"], ::serde_json::Value::Null);
    }

    /// Found by the `server_requests` fuzz target: an output whose required union was left at
    /// its `Default` was written as `{"value":{"":null}}`, which no client reads.
    #[test]
    fn unset_required_unions_are_left_out() {
        #[derive(Default)]
        struct Choice(Option<i32>);
        impl super::Union for Choice {
            fn is_unset(&self) -> bool {
                self.0.is_none()
            }
        }
        impl ::serde::Serialize for Choice {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                use ::serde::ser::SerializeMap as _;
                let mut map = serializer.serialize_map(Some(1))?;
                map.serialize_entry("n", &self.0)?;
                map.end()
            }
        }
        struct Holder(Choice, ::std::boxed::Box<Choice>);
        impl ::serde::Serialize for Holder {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                let mut map = super::StructWriter::new(serializer)?;
                map.union_field("a", &self.0)?;
                map.union_field("b", &self.1)?;
                map.end()
            }
        }
        let unset = Holder(Choice(None), ::std::boxed::Box::new(Choice(None)));
        assert_eq!(::serde_json::to_string(&unset).unwrap(), "{}");
        let set = Holder(Choice(Some(1)), ::std::boxed::Box::new(Choice(Some(2))));
        assert_eq!(::serde_json::to_string(&set).unwrap(), r#"{"a":{"n":1},"b":{"n":2}}"#);
    }
}
