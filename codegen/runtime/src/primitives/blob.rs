//! The Smithy `blob` type.
//!
//! [`Blob`] owns a sequence of bytes. In JSON documents a blob travels as a
//! string holding the standard base64 encoding (RFC 4648, with padding).

use ::base64::Engine as _;

/// Encodes with padding; decodes with or without it.
const BASE64: ::base64::engine::GeneralPurpose = ::base64::engine::GeneralPurpose::new(
    &::base64::alphabet::STANDARD,
    ::base64::engine::GeneralPurposeConfig::new()
        .with_encode_padding(true)
        .with_decode_padding_mode(::base64::engine::DecodePaddingMode::Indifferent),
);

/// What a server reads: padding required and canonical, as Smithy servers must refuse sloppy
/// base64 (clients accept it, for leniency toward services).
const BASE64_STRICT: ::base64::engine::GeneralPurpose = ::base64::engine::GeneralPurpose::new(
    &::base64::alphabet::STANDARD,
    ::base64::engine::GeneralPurposeConfig::new()
        .with_encode_padding(true)
        .with_decode_padding_mode(::base64::engine::DecodePaddingMode::RequireCanonical),
);

/// Binary data: the Smithy `blob` type.
///
/// A thin owner of a `Vec<u8>`. Read the bytes through
/// [`AsRef<[u8]>`](AsRef) and take them back with
/// [`into_inner`](Blob::into_inner).
///
/// The `serde` implementations write a JSON string with the standard base64
/// encoding of the bytes, padded (`"aGVsbG8="`); deserialization accepts the
/// encoding with or without padding.
#[derive(Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
pub struct Blob {
    inner: ::std::vec::Vec<u8>,
}

impl Blob {
    /// Creates a blob that owns the given bytes.
    pub fn new(bytes: impl ::std::convert::Into<::std::vec::Vec<u8>>) -> Self {
        Blob {
            inner: bytes.into(),
        }
    }

    /// Returns the bytes, consuming the blob.
    pub fn into_inner(self) -> ::std::vec::Vec<u8> {
        self.inner
    }

    /// The number of bytes.
    pub fn len(&self) -> usize {
        self.inner.len()
    }

    /// Whether the blob holds no bytes.
    pub fn is_empty(&self) -> bool {
        self.inner.is_empty()
    }
}

impl ::std::convert::AsRef<[u8]> for Blob {
    fn as_ref(&self) -> &[u8] {
        &self.inner
    }
}

impl ::std::convert::From<::std::vec::Vec<u8>> for Blob {
    fn from(bytes: ::std::vec::Vec<u8>) -> Self {
        Blob { inner: bytes }
    }
}

impl ::std::convert::From<&[u8]> for Blob {
    fn from(bytes: &[u8]) -> Self {
        Blob {
            inner: bytes.to_vec(),
        }
    }
}

impl ::std::convert::From<&str> for Blob {
    /// Takes the UTF-8 bytes of the string.
    fn from(text: &str) -> Self {
        Blob {
            inner: text.as_bytes().to_vec(),
        }
    }
}

impl ::std::convert::From<::std::string::String> for Blob {
    /// Takes the UTF-8 bytes of the string.
    fn from(text: ::std::string::String) -> Self {
        Blob {
            inner: text.into_bytes(),
        }
    }
}

impl ::std::convert::From<Blob> for ::std::vec::Vec<u8> {
    fn from(blob: Blob) -> Self {
        blob.inner
    }
}

impl Blob {
    /// The bytes as standard base64 (RFC 4648, padded), as JSON bodies and headers carry them.
    pub fn to_base64(&self) -> ::std::string::String {
        encode_base64(&self.inner)
    }

    /// Bytes from standard base64 (padding optional).
    pub fn from_base64(text: &str) -> ::std::result::Result<Self, ::base64::DecodeError> {
        decode_base64(text).map(Blob::from)
    }
}

/// Standard base64 (RFC 4648, padded).
pub fn encode_base64(bytes: &[u8]) -> ::std::string::String {
    BASE64.encode(bytes)
}

/// Decodes standard base64: padding optional, unless reading strictly (a server reading a
/// request; see [`wire::strict`](crate::wire::strict)), where it must be canonical.
pub fn decode_base64(text: &str) -> ::std::result::Result<::std::vec::Vec<u8>, ::base64::DecodeError> {
    if crate::wire::is_strict() {
        BASE64_STRICT.decode(text)
    } else {
        BASE64.decode(text)
    }
}

impl ::serde::Serialize for Blob {
    fn serialize<S>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error>
    where
        S: ::serde::Serializer,
    {
        serializer.serialize_str(&BASE64.encode(&self.inner))
    }
}

impl<'de> ::serde::Deserialize<'de> for Blob {
    fn deserialize<D>(deserializer: D) -> ::std::result::Result<Self, D::Error>
    where
        D: ::serde::Deserializer<'de>,
    {
        deserializer.deserialize_str(BlobVisitor)
    }
}

/// Reads base64 text (or, from binary formats, raw bytes).
struct BlobVisitor;

impl ::serde::de::Visitor<'_> for BlobVisitor {
    type Value = Blob;

    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.write_str("a base64-encoded string")
    }

    fn visit_str<E: ::serde::de::Error>(self, v: &str) -> ::std::result::Result<Blob, E> {
        decode_base64(v)
            .map(Blob::from)
            .map_err(|error| E::custom(::std::format_args!("invalid base64 in blob: {error}")))
    }

    fn visit_bytes<E: ::serde::de::Error>(self, v: &[u8]) -> ::std::result::Result<Blob, E> {
        Ok(Blob::from(v))
    }

    fn visit_byte_buf<E: ::serde::de::Error>(
        self,
        v: ::std::vec::Vec<u8>,
    ) -> ::std::result::Result<Blob, E> {
        Ok(Blob::from(v))
    }
}

#[cfg(test)]
mod tests {
    use super::Blob;

    #[test]
    fn constructors_and_accessors() {
        assert_eq!(Blob::new(vec![1, 2, 3]).as_ref(), &[1, 2, 3]);
        assert_eq!(Blob::new("hi").into_inner(), b"hi".to_vec());
        assert_eq!(Blob::new(&b"hi"[..]), Blob::from("hi"));
        assert_eq!(Blob::from(vec![0xff]).into_inner(), vec![0xff]);
        assert_eq!(Blob::from(&[7_u8, 8][..]).as_ref(), &[7, 8]);
        assert_eq!(
            Blob::from(::std::string::String::from("é")).as_ref(),
            "é".as_bytes()
        );
        assert_eq!(Vec::<u8>::from(Blob::from("abc")), b"abc".to_vec());
        assert_eq!(Blob::default().len(), 0);
        assert!(Blob::default().is_empty());
        assert_eq!(Blob::from("abc").len(), 3);
        assert!(!Blob::from("abc").is_empty());
        assert_eq!(Blob::default(), Blob::new(Vec::new()));
    }

    #[test]
    fn hashes_and_compares_by_content() {
        use ::std::collections::HashSet;
        let set: HashSet<Blob> = [Blob::from("a"), Blob::from("a"), Blob::from("b")]
            .into_iter()
            .collect();
        assert_eq!(set.len(), 2);
        assert!(Blob::from("a") < Blob::from("b"));
        let blob = Blob::from("x");
        assert_eq!(blob.clone(), blob);
        assert!(::std::format!("{blob:?}").contains("120"));
    }

    #[test]
    fn serializes_as_padded_standard_base64() {
        let cases: &[(&[u8], &str)] = &[
            (b"", r#""""#),
            (b"f", r#""Zg==""#),
            (b"fo", r#""Zm8=""#),
            (b"foo", r#""Zm9v""#),
            (b"foob", r#""Zm9vYg==""#),
            (b"hello", r#""aGVsbG8=""#),
            (&[0xfb, 0xff, 0xbf], r#""+/+/""#),
        ];
        for &(bytes, json) in cases {
            assert_eq!(::serde_json::to_string(&Blob::from(bytes)).unwrap(), json);
            assert_eq!(
                ::serde_json::from_str::<Blob>(json).unwrap(),
                Blob::from(bytes)
            );
        }
    }

    #[test]
    fn deserializes_unpadded_base64() {
        assert_eq!(
            ::serde_json::from_str::<Blob>(r#""Zg""#).unwrap(),
            Blob::from("f")
        );
        assert_eq!(
            ::serde_json::from_str::<Blob>(r#""Zm8""#).unwrap(),
            Blob::from("fo")
        );
        // Short padding is tolerated too.
        assert_eq!(
            ::serde_json::from_str::<Blob>(r#""Zg=""#).unwrap(),
            Blob::from("f")
        );
        assert_eq!(
            ::serde_json::from_str::<Blob>(r#""aGVsbG8""#).unwrap(),
            Blob::from("hello")
        );
    }

    #[test]
    fn rejects_invalid_input() {
        for json in [
            r#""Zm9v!""#,
            r#""-_-_""#,
            r#""Z""#,
            r#""Zg===""#,
            "null",
            "[1,2]",
            "12",
            r#""Zm 9v""#,
        ] {
            let result = ::serde_json::from_str::<Blob>(json);
            assert!(result.is_err(), "{json}");
        }
        let error = ::serde_json::from_str::<Blob>(r#""Zm9v!""#).unwrap_err();
        assert!(error.to_string().contains("invalid base64"), "{error}");
    }

    #[test]
    fn round_trips_all_byte_values() {
        let bytes: Vec<u8> = (0..=255).collect();
        for length in 0..bytes.len() {
            let blob = Blob::from(&bytes[..length]);
            let json = ::serde_json::to_string(&blob).unwrap();
            assert_eq!(::serde_json::from_str::<Blob>(&json).unwrap(), blob);
        }
    }

    #[test]
    fn works_inside_structures() {
        #[derive(::serde::Serialize, ::serde::Deserialize, PartialEq, Debug)]
        struct Shape {
            data: Blob,
            maybe: Option<Blob>,
        }
        let shape = Shape {
            data: Blob::from("hi"),
            maybe: None,
        };
        let json = ::serde_json::to_string(&shape).unwrap();
        assert_eq!(json, r#"{"data":"aGk=","maybe":null}"#);
        assert_eq!(::serde_json::from_str::<Shape>(&json).unwrap(), shape);
        assert_eq!(
            ::serde_json::from_value::<Blob>(::serde_json::json!("aGk=")).unwrap(),
            Blob::from("hi")
        );
    }
}
