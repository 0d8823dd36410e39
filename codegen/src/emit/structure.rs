//! Structures: the type with its serde impls (written here, not derived: a few lines each on
//! top of the runtime's `wire` module compile much faster than serde's derive), `Debug` that
//! redacts `@sensitive` members, and a builder whose `build()` names every missing required
//! member.

use super::rust::{self, doc, option, ty};
use crate::ir::{Crate, Field, StructDef, Ty, TypeDef};
use crate::naming::{ident, unraw};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

const REDACTED: &str = "*** Sensitive Data Redacted ***";

pub fn emit(def: &TypeDef, s: &StructDef, krate: &Crate) -> TokenStream {
    let name = ident(&def.path.name);
    let docs = doc(&def.docs);
    let mut fields: Vec<TokenStream> = s.fields.iter().map(field).collect();
    // Outputs and errors carry the id of the response they were read from.
    let has_request_id = s.error.is_some() || krate.operations.iter().any(|o| o.output == def.path);
    let request_id_init = has_request_id.then(|| quote!(_request_id: ::Default::default(),));
    let request_id_impls = has_request_id.then(|| {
        fields.push(quote! {
            _request_id: crate::error::RequestIdSlot,
        });
        quote!(::smithy_codegen_runtime::request_id_impls!(#name);)
    });
    let defaults: Vec<(&Field, TokenStream)> = s
        .fields
        .iter()
        .filter(|f| !f.optional)
        .filter_map(|f| Some((f, rust::default_expr(&f.ty, f.default.as_ref()?)?)))
        .collect();
    let default_fns = defaults.iter().map(|(f, expr)| {
        let fn_name = default_fn(f);
        let t = ty(&f.ty);
        quote! { fn #fn_name() -> #t { #expr } }
    });
    let derive_default = if defaults.is_empty() { quote!(::Default,) } else { quote!() };
    let manual_default = (!defaults.is_empty()).then(|| {
        let inits = s.fields.iter().map(|f| {
            let n = ident(&f.name);
            if defaults.iter().any(|(d, _)| d.name == f.name) {
                let fn_name = default_fn(f);
                quote!(#n: #fn_name())
            } else {
                quote!(#n: ::Default::default())
            }
        });
        quote! {
            impl ::Default for #name {
                fn default() -> Self {
                    Self { #(#inits,)* #request_id_init }
                }
            }
        }
    });
    let redacts = def.sensitive || s.fields.iter().any(|f| f.sensitive);
    let derive_debug = if redacts { quote!() } else { quote!(::Debug,) };
    let debug_impl = redacts.then(|| debug_impl(&name, &def.path.name, s, def.sensitive, false));
    let builder = builder(def, s, &defaults.iter().map(|(f, _)| f.name.clone()).collect::<Vec<_>>(), redacts, request_id_init.clone());
    let builder_name = format_ident!("{}", crate::naming::builder_name(&def.path.name));
    let builder_doc = format!(" Creates a new builder for [`{0}`](struct@{0}).", unraw(&def.path.name));
    let error_impls = s.error.as_ref().map(|info| super::errors::error_struct_impls(def, info, krate));
    let protocol = crate::protocol::for_crate(krate);
    let serde_impls = serde_impls(krate, &name, unraw(&def.path.name), &s.fields, protocol);
    let protocol_items = protocol.struct_items(krate, def, &s.fields);
    let accessors = s.fields.iter().filter_map(accessor);
    let validate = def.validated.then(|| {
        let checks = s.fields.iter().map(|f| super::validate::field(krate, f));
        super::validate::methods(unraw(&def.path.name), quote!(#(#checks)*))
    });

    quote! {
        #docs
        #[derive(::Clone, ::PartialEq, #derive_debug #derive_default)]
        #[non_exhaustive]
        pub struct #name {
            #(#fields)*
        }

        impl #name {
            #[doc = #builder_doc]
            pub fn builder() -> #builder_name {
                <#builder_name as ::Default>::default()
            }

            #(#accessors)*

            #validate
        }

        #serde_impls
        #protocol_items
        #error_impls
        #request_id_impls
        #manual_default
        #debug_impl
        #(#default_fns)*
        #builder
    }
}

fn default_fn(f: &Field) -> proc_macro2::Ident {
    format_ident!("default_{}", unraw(&f.name))
}

fn field_ty(f: &Field) -> TokenStream {
    let t = ty(&f.ty);
    if f.optional {
        option(t)
    } else {
        t
    }
}

fn field(f: &Field) -> TokenStream {
    let docs = doc(&f.docs);
    let name = ident(&f.name);
    let t = field_ty(f);
    quote! {
        #docs
        pub #name: #t,
    }
}

/// `fn name(&self) -> &[T]` for a list member, as the SDK has: empty when the list is unset.
fn accessor(f: &Field) -> Option<TokenStream> {
    let Ty::List { item, sparse } = &f.ty else { return None };
    let m = ident(f.accessor.as_deref()?);
    let n = ident(&f.name);
    let item = if *sparse { option(ty(item)) } else { ty(item) };
    let value = if f.optional { quote!(self.#n.as_deref().unwrap_or_default()) } else { quote!(&self.#n) };
    let docs = format!(" The items of `{}`{}.", f.wire_name, if f.optional { ", or an empty slice when it is unset" } else { "" });
    Some(quote! {
        #[doc = #docs]
        pub fn #m(&self) -> &[#item] {
            #value
        }
    })
}

/// The member's adapter marker, as a type named through `wire` (which the impl imports).
fn marker(f: &Field) -> Option<syn::Type> {
    rust::adapter(&f.ty).map(|a| {
        let short = a.replace("crate::primitives::wire::", "wire::");
        syn::parse_str(&short).expect("adapter paths are valid types")
    })
}

/// `Serialize` and `Deserialize` in the JSON body's form: members under their keys, absent
/// optionals left out, each through its adapter. Reading starts from `Default` (so `null` or a
/// missing required member is its zero value) and skips unknown keys.
fn serde_impls(krate: &Crate, name: &proc_macro2::Ident, shown: &str, all_fields: &[Field], protocol: &dyn crate::protocol::Protocol) -> TokenStream {
    // Members bound elsewhere (URI, query, headers, status, payload) are not in the body.
    let fields: Vec<&Field> = all_fields.iter().filter(|f| protocol.in_body(f)).collect();
    let key_of = |f: &Field| protocol.json_key(&f.wire_name, f.json_name.as_deref()).to_string();
    let writes: Vec<TokenStream> = fields
        .iter()
        .map(|f| {
            let n = ident(&f.name);
            let key = key_of(f);
            match (f.optional, marker(f)) {
                (true, None) => quote!(map.optional(#key, &self.#n)?;),
                (true, Some(m)) => quote!(map.optional_with::<#m, _>(#key, &self.#n)?;),
                // A required union at its `Default` (not set) is left out, not written as `{"": null}`.
                (false, None) if krate.is_union(&f.ty) => quote!(map.union_field(#key, &self.#n)?;),
                (false, None) => quote!(map.field(#key, &self.#n)?;),
                (false, Some(m)) => quote!(map.field_with::<#m, _>(#key, &self.#n)?;),
            }
        })
        .collect();
    let mut by_key: Vec<(String, &Field)> = fields.iter().map(|f| (key_of(f), *f)).collect();
    by_key.sort_by(|a, b| a.0.cmp(&b.0));
    let keys = by_key.iter().map(|(k, _)| k.as_str());
    let mut uses_helpers = false;
    let reads: Vec<TokenStream> = by_key
        .iter()
        .enumerate()
        .map(|(i, (_, f))| {
            let n = ident(&f.name);
            let read = match (f.optional, marker(f)) {
                (true, None) => quote!(map.next_value()?),
                (true, Some(m)) => quote!(map.optional_with::<#m, _>()?),
                (false, None) => quote!(map.required()?),
                (false, Some(m)) => quote!(map.required_with::<#m, _>()?),
            };
            uses_helpers |= !(f.optional && marker(f).is_none());
            let i = proc_macro2::Literal::usize_unsuffixed(i);
            quote!(#i => self.#n = #read,)
        })
        .collect();
    let helpers = uses_helpers.then(|| quote!(use wire::ReadValue as _;));
    // A server reading strictly requires these present.
    let required: Vec<proc_macro2::Literal> = by_key
        .iter()
        .enumerate()
        .filter(|(_, (_, f))| !f.optional && f.required && f.default.is_none())
        .map(|(i, _)| proc_macro2::Literal::usize_unsuffixed(i))
        .collect();
    let required = (!required.is_empty()).then(|| quote!(const REQUIRED: &'static [usize] = &[#(#required),*];));
    let (read_args, read_body) = if fields.is_empty() {
        (quote!(_index: usize, _map: &mut A), quote!(::Result::Ok(())))
    } else {
        (quote!(index: usize, map: &mut A), quote! {
            #helpers
            // One arm per member (a lone member's match is still a match: clippy prefers `if`).
            #[allow(clippy::single_match)]
            match index {
                #(#reads)*
                _ => {}
            }
            ::Result::Ok(())
        })
    };
    let write_map = if fields.is_empty() { quote!(_map) } else { quote!(map) };
    quote! {
        use crate::primitives::wire;

        impl wire::Fields for #name {
            const NAME: &'static str = #shown;
            const KEYS: &'static [&'static str] = &[#(#keys),*];
            #required

            fn read<'de, A: ::serde::de::MapAccess<'de>>(&mut self, #read_args) -> ::Result<(), A::Error> {
                #read_body
            }

            fn write<M: ::serde::ser::SerializeMap>(&self, #write_map: &mut wire::StructWriter<M>) -> ::Result<(), M::Error> {
                #(#writes)*
                ::Result::Ok(())
            }
        }

        ::smithy_codegen_runtime::serde_struct!(#name);
    }
}

fn debug_impl(name: &proc_macro2::Ident, shown: &str, s: &StructDef, all: bool, builder: bool) -> TokenStream {
    let shown = unraw(shown);
    let entries = s.fields.iter().map(|f| {
        let n = ident(&f.name);
        let label = unraw(&f.name);
        if all || f.sensitive {
            quote!(formatter.field(#label, &#REDACTED);)
        } else {
            quote!(formatter.field(#label, &self.#n);)
        }
    });
    let label = if builder { crate::naming::builder_name(shown) } else { shown.to_string() };
    quote! {
        impl ::Debug for #name {
            fn fmt(&self, f: &mut ::Formatter<'_>) -> ::std::fmt::Result {
                let mut formatter = f.debug_struct(#label);
                #(#entries)*
                formatter.finish()
            }
        }
    }
}

fn builder(
    def: &TypeDef,
    s: &StructDef,
    with_default_fn: &[String],
    redacts: bool,
    extra_init: Option<TokenStream>,
) -> TokenStream {
    let target = ident(&def.path.name);
    let shown = unraw(&def.path.name);
    let name = format_ident!("{}", crate::naming::builder_name(&def.path.name));
    let docs = format!(" A builder for [`{shown}`](struct@{shown}).");
    let fields = s.fields.iter().map(|f| {
        let n = ident(&f.name);
        let t = option(ty(&f.ty));
        quote!(#n: #t,)
    });
    let setters = s.fields.iter().map(|f| super::setters::methods(f, super::setters::Store::Field));
    let must: Vec<&Field> = s.fields.iter().filter(|f| f.required && f.default.is_none()).collect();
    let checks = must.iter().map(|f| {
        let n = ident(&f.name);
        let wire = &f.wire_name;
        quote!(if self.#n.is_none() { missing.push(#wire); })
    });
    let inits = s.fields.iter().map(|f| {
        let n = ident(&f.name);
        if f.optional {
            quote!(#n: self.#n)
        } else if with_default_fn.contains(&f.name) {
            let fn_name = default_fn(f);
            quote!(#n: self.#n.unwrap_or_else(#fn_name))
        } else {
            quote!(#n: self.#n.unwrap_or_default())
        }
    });
    let build = if must.is_empty() {
        let doc = format!(" Builds the [`{shown}`](struct@{shown}).");
        quote! {
            #[doc = #doc]
            pub fn build(self) -> #target {
                #target { #(#inits,)* #extra_init }
            }
        }
    } else {
        let doc = format!(" Builds the [`{shown}`](struct@{shown}), or names every required member that is not set.");
        quote! {
            #[doc = #doc]
            pub fn build(self) -> ::Result<#target, crate::error::BuildError> {
                let mut missing = ::Vec::new();
                #(#checks)*
                if !missing.is_empty() {
                    return ::Result::Err(crate::error::BuildError::missing(#shown, missing));
                }
                ::Result::Ok(#target { #(#inits,)* #extra_init })
            }
        }
    };
    let derive_debug = if redacts { quote!() } else { quote!(::Debug,) };
    let debug_impl = redacts.then(|| debug_impl(&name, shown, s, def.sensitive, true));
    quote! {
        #[doc = #docs]
        #[derive(::Clone, ::PartialEq, ::Default, #derive_debug)]
        pub struct #name {
            #(#fields)*
        }

        impl #name {
            #(#setters)*
            #build
        }

        #debug_impl
    }
}
