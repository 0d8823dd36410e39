//! Unions: a variant per member plus `Unknown`, which keeps the name and value of a member
//! this crate does not know. On the wire a union is an object with exactly one member set;
//! `null` members count as unset and `__type` is ignored, as the awsJson protocols require.

use super::rust::{self, doc, ty};
use crate::ir::{Crate, TypeDef, UnionDef};
use crate::naming::{ident, unraw};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

pub fn emit(def: &TypeDef, u: &UnionDef, krate: &Crate) -> TokenStream {
    let name = ident(&def.path.name);
    let shown = unraw(&def.path.name);
    let docs = doc(&def.docs);
    let variants = u.variants.iter().map(|v| {
        let docs = doc(&v.docs);
        let n = ident(&v.name);
        match &v.ty {
            Some(t) => {
                let t = ty(t);
                quote!(#docs #n(#t),)
            }
            None => quote!(#docs #n,),
        }
    });
    let helpers = u.variants.iter().map(|v| {
        let n = ident(&v.name);
        let is = format_ident!("is_{}", v.method);
        let is_doc = format!(" Whether this is [`Self::{}`], the `{}` member.", v.name, v.wire_name);
        match &v.ty {
            Some(t) => {
                let as_fn = format_ident!("as_{}", v.method);
                let as_doc = format!(" The `{}` member's value, or `Err(self)` when another member is set.", v.wire_name);
                // A boxed member is handed out as a plain reference.
                let (t, value) = match t {
                    crate::ir::Ty::Boxed(inner) => (ty(inner), quote!(value.as_ref())),
                    other => (ty(other), quote!(value)),
                };
                quote! {
                    #[doc = #as_doc]
                    pub fn #as_fn(&self) -> ::Result<&#t, &Self> {
                        match self {
                            Self::#n(value) => ::Result::Ok(#value),
                            _ => ::Result::Err(self),
                        }
                    }
                    #[doc = #is_doc]
                    pub fn #is(&self) -> bool {
                        ::std::matches!(self, Self::#n(_))
                    }
                }
            }
            None => quote! {
                #[doc = #is_doc]
                pub fn #is(&self) -> bool {
                    ::std::matches!(self, Self::#n)
                }
            },
        }
    });
    let protocol = crate::protocol::for_crate(krate);
    let ser_arms = u.variants.iter().map(|v| {
        let n = ident(&v.name);
        let wire = protocol.json_key(&v.wire_name, v.json_name.as_deref());
        match &v.ty {
            None => quote!(Self::#n => map.serialize_entry(#wire, &::serde_json::Map::new())?,),
            Some(t) => match rust::adapter(t) {
                Some(a) => {
                    let a: syn::Type = syn::parse_str(&a).expect("adapter paths are valid types");
                    quote!(Self::#n(value) => map.serialize_entry(#wire, &crate::primitives::wire::SerializeWith::<_, #a>::new(value))?,)
                }
                None => quote!(Self::#n(value) => map.serialize_entry(#wire, value)?,),
            },
        }
    });
    let de_arms = u.variants.iter().map(|v| {
        let n = ident(&v.name);
        let wire = protocol.json_key(&v.wire_name, v.json_name.as_deref());
        match &v.ty {
            None => quote! {
                #wire => {
                    let value: ::serde_json::Value = map.next_value()?;
                    (!value.is_null()).then_some(#name::#n)
                }
            },
            Some(t) => {
                let rust_ty = ty(t);
                match rust::adapter(t) {
                    Some(a) => {
                        let a: syn::Type = syn::parse_str(&rust::option_adapter(&a)).expect("adapter paths are valid types");
                        quote!(#wire => map.next_value::<crate::primitives::wire::DeserializeWith<::Option<#rust_ty>, #a>>()?.into_inner().map(#name::#n),)
                    }
                    None => quote!(#wire => map.next_value::<::Option<#rust_ty>>()?.map(#name::#n),),
                }
            }
        }
    });
    let validate = def.validated.then(|| {
        let arms = u.variants.iter().filter_map(|v| {
            let t = v.ty.as_ref()?;
            let n = ident(&v.name);
            let wire = &v.wire_name;
            let check = super::validate::check_value(krate, quote!(value), t, &v.rules, quote!(&member_path));
            (!check.is_empty()).then(|| quote! {
                Self::#n(value) => {
                    let member_path = crate::error::child(path, #wire);
                    #check
                }
            })
        });
        let arms: Vec<TokenStream> = arms.collect();
        let body = if arms.is_empty() {
            quote!()
        } else {
            quote! {
                #[allow(clippy::single_match)]
                match self {
                    #(#arms)*
                    _ => {}
                }
            }
        };
        super::validate::methods(shown, body)
    });
    let expecting = format!("the `{shown}` union (an object with one member set)");
    let several = format!("union `{shown}` has more than one member set");
    let none = format!("union `{shown}` has no member set");
    quote! {
        #docs
        #[derive(::Clone, ::PartialEq, ::Debug)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            /// A member this version of the crate does not know, kept as sent; read it through
            /// [`UnknownMember`](crate::primitives::UnknownMember). Opaque, so no code can match a
            /// member a later model names.
            Unknown(crate::primitives::UnknownMember),
        }

        impl #name {
            #(#helpers)*
            /// Whether this is a member this version of the crate does not know.
            pub fn is_unknown(&self) -> bool {
                ::std::matches!(self, Self::Unknown(_))
            }

            #validate
        }

        /// An unknown, empty member: what a required member the service left out becomes.
        impl ::Default for #name {
            fn default() -> Self {
                Self::Unknown(::Default::default())
            }
        }

        impl crate::primitives::wire::Union for #name {
            fn is_unset(&self) -> bool {
                ::std::matches!(self, Self::Unknown(member) if member.is_unset())
            }
        }

        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::Result<S::Ok, S::Error> {
                use ::serde::ser::SerializeMap as _;
                let mut map = serializer.serialize_map(::Option::Some(1))?;
                match self {
                    #(#ser_arms)*
                    Self::Unknown(member) => map.serialize_entry(member.name(), member.value())?,
                }
                map.end()
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::Result<Self, D::Error> {
                struct Visitor;

                impl<'de> ::serde::de::Visitor<'de> for Visitor {
                    type Value = #name;

                    fn expecting(&self, f: &mut ::Formatter<'_>) -> ::std::fmt::Result {
                        f.write_str(#expecting)
                    }

                    fn visit_map<A: ::serde::de::MapAccess<'de>>(self, mut map: A) -> ::Result<#name, A::Error> {
                        let mut found: ::Option<#name> = ::Option::None;
                        while let ::Option::Some(key) = map.next_key::<::String>()? {
                            let variant = match key.as_str() {
                                #(#de_arms)*
                                "__type" => {
                                    map.next_value::<::serde::de::IgnoredAny>()?;
                                    ::Option::None
                                }
                                _ => {
                                    let value: ::serde_json::Value = map.next_value()?;
                                    // A server refuses what a client keeps.
                                    if !value.is_null() && crate::primitives::wire::is_strict() {
                                        return ::Result::Err(<A::Error as ::serde::de::Error>::custom(::std::format!("`{key}` is not a member of the union")));
                                    }
                                    (!value.is_null()).then_some(#name::Unknown(crate::primitives::UnknownMember::new(key, value)))
                                }
                            };
                            if let ::Option::Some(variant) = variant {
                                if found.is_some() {
                                    return ::Result::Err(<A::Error as ::serde::de::Error>::custom(#several));
                                }
                                found = ::Option::Some(variant);
                            }
                        }
                        found.ok_or_else(|| <A::Error as ::serde::de::Error>::custom(#none))
                    }
                }

                deserializer.deserialize_map(Visitor)
            }
        }
    }
}
