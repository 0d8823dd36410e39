//! Enums and intEnums: a variant per value plus `Unknown`, which keeps any value the service
//! adds later so it round-trips untouched.

use super::rust::doc;
use crate::ir::{EnumDef, EnumValue, TypeDef};
use crate::naming::{ident, unraw};
use proc_macro2::{Literal, TokenStream};
use quote::quote;

pub fn emit(def: &TypeDef, e: &EnumDef) -> TokenStream {
    if e.int {
        int_enum(def, e)
    } else {
        string_enum(def, e)
    }
}

fn variants(e: &EnumDef) -> Vec<TokenStream> {
    e.variants
        .iter()
        .map(|v| {
            let docs = doc(&v.docs);
            let name = ident(&v.name);
            quote!(#docs #name,)
        })
        .collect()
}

fn string_enum(def: &TypeDef, e: &EnumDef) -> TokenStream {
    let name = ident(&def.path.name);
    let shown = unraw(&def.path.name);
    let docs = doc(&def.docs);
    let variants = variants(e);
    let names: Vec<_> = e.variants.iter().map(|v| ident(&v.name)).collect();
    let values: Vec<&str> = e
        .variants
        .iter()
        .map(|v| match &v.value {
            EnumValue::String(s) => s.as_str(),
            EnumValue::Int(_) => unreachable!("string enum"),
        })
        .collect();
    let unknown_doc = format!(
        "A value this version of the crate does not know, kept as sent so it round-trips unchanged;\nread it with [`{shown}::as_str`]. Opaque, so no code can match a value a later model names."
    );
    let unknown_doc = doc(&unknown_doc);
    quote! {
        #docs
        #[derive(::Clone, ::PartialEq, ::Eq, ::Hash, ::PartialOrd, ::Ord, ::Debug)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            #unknown_doc
            Unknown(crate::primitives::UnknownVariantValue),
        }

        impl #name {
            /// The value as it appears on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #(Self::#names => #values,)*
                    Self::Unknown(value) => value.as_str(),
                }
            }

            /// Every value the model defines, in model order.
            pub const fn values() -> &'static [&'static str] {
                &[#(#values),*]
            }
        }

        impl ::From<&str> for #name {
            fn from(value: &str) -> Self {
                match value {
                    #(#values => Self::#names,)*
                    other => Self::Unknown(crate::primitives::UnknownVariantValue::new(other)),
                }
            }
        }

        impl ::From<::String> for #name {
            fn from(value: ::String) -> Self {
                match Self::from(value.as_str()) {
                    Self::Unknown(_) => Self::Unknown(crate::primitives::UnknownVariantValue::new(value)),
                    known => known,
                }
            }
        }

        impl ::FromStr for #name {
            type Err = ::Infallible;

            fn from_str(value: &str) -> ::Result<Self, ::Infallible> {
                ::Result::Ok(Self::from(value))
            }
        }

        impl ::AsRef<str> for #name {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }

        impl ::Display for #name {
            fn fmt(&self, f: &mut ::Formatter<'_>) -> ::std::fmt::Result {
                // `pad` honours width and alignment, as `str`'s own `Display` does.
                f.pad(self.as_str())
            }
        }

        /// An empty unknown value: what a required member the service left out becomes.
        impl ::Default for #name {
            fn default() -> Self {
                Self::from("")
            }
        }

        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::Result<Self, D::Error> {
                crate::primitives::wire::enum_from_str(deserializer)
            }
        }
    }
}

fn int_enum(def: &TypeDef, e: &EnumDef) -> TokenStream {
    let name = ident(&def.path.name);
    let docs = doc(&def.docs);
    let variants = variants(e);
    let names: Vec<_> = e.variants.iter().map(|v| ident(&v.name)).collect();
    let values: Vec<Literal> = e
        .variants
        .iter()
        .map(|v| match v.value {
            // intEnum values are 32-bit integers in Smithy; validation rejects wider ones.
            EnumValue::Int(i) => Literal::i32_unsuffixed(i as i32),
            EnumValue::String(_) => unreachable!("int enum"),
        })
        .collect();
    quote! {
        #docs
        #[derive(::Clone, ::Copy, ::PartialEq, ::Eq, ::Hash, ::PartialOrd, ::Ord, ::Debug)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            /// A value this version of the crate does not know, kept as sent; read it with `as_i32()`.
            Unknown(crate::primitives::UnknownIntVariantValue),
        }

        impl #name {
            /// The value as it appears on the wire.
            pub const fn as_i32(&self) -> i32 {
                match self {
                    #(Self::#names => #values,)*
                    Self::Unknown(value) => value.as_i32(),
                }
            }

            /// Every value the model defines, in model order.
            pub const fn values() -> &'static [i32] {
                &[#(#values),*]
            }
        }

        impl ::From<i32> for #name {
            fn from(value: i32) -> Self {
                match value {
                    #(#values => Self::#names,)*
                    other => Self::Unknown(crate::primitives::UnknownIntVariantValue::new(other)),
                }
            }
        }

        impl ::From<#name> for i32 {
            fn from(value: #name) -> Self {
                value.as_i32()
            }
        }

        impl ::FromStr for #name {
            type Err = ::std::num::ParseIntError;

            fn from_str(value: &str) -> ::Result<Self, ::std::num::ParseIntError> {
                value.trim().parse::<i32>().map(Self::from)
            }
        }

        impl ::Display for #name {
            fn fmt(&self, f: &mut ::Formatter<'_>) -> ::std::fmt::Result {
                ::Display::fmt(&self.as_i32(), f)
            }
        }

        /// Zero: what a required member the service left out becomes.
        impl ::Default for #name {
            fn default() -> Self {
                Self::from(0)
            }
        }

        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::Result<S::Ok, S::Error> {
                serializer.serialize_i32(self.as_i32())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::Result<Self, D::Error> {
                <i32 as ::serde::Deserialize>::deserialize(deserializer).map(Self::from)
            }
        }
    }
}
