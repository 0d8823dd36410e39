//! Structures: the type with serde attributes, `Debug` that redacts `@sensitive` members, and
//! a builder whose `build()` names every missing required member.

use super::rust::{self, doc, option, ty};
use crate::ir::{Crate, Field, StructDef, TypeDef};
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
            #[serde(skip)]
            _request_id: crate::error::RequestIdSlot,
        });
        quote! {
            impl crate::error::RequestId for #name {
                fn request_id(&self) -> ::Option<&str> {
                    self._request_id.get()
                }
            }

            impl crate::error::SetRequestId for #name {
                fn set_request_id(&mut self, id: ::Option<&str>) {
                    self._request_id.set(id);
                }
            }
        }
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
    let validate = def.validated.then(|| {
        let checks = s.fields.iter().map(|f| super::validate::field(krate, f));
        super::validate::methods(unraw(&def.path.name), quote!(#(#checks)*))
    });

    quote! {
        #docs
        #[derive(::Clone, ::PartialEq, #derive_debug #derive_default ::serde::Serialize, ::serde::Deserialize)]
        #[non_exhaustive]
        pub struct #name {
            #(#fields)*
        }

        impl #name {
            #[doc = #builder_doc]
            pub fn builder() -> #builder_name {
                <#builder_name as ::Default>::default()
            }

            #validate
        }

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
    let wire = &f.wire_name;
    let adapter = rust::adapter(&f.ty);
    let serde = if f.optional {
        let with = adapter.map(|a| {
            let with = rust::with_adapter(&rust::option_adapter(&a));
            quote!(, with = #with)
        });
        quote!(#[serde(rename = #wire, default, skip_serializing_if = "::std::option::Option::is_none" #with)])
    } else {
        // A `null` or a missing required member from a service becomes the zero value
        // (Smithy's client error correction) instead of failing the whole response.
        let default = match f.default.as_ref().and_then(|v| rust::default_expr(&f.ty, v)) {
            Some(_) => {
                let path = default_fn(f).to_string();
                quote!(default = #path)
            }
            None => quote!(default),
        };
        match adapter {
            Some(a) => {
                let with = rust::with_adapter(&rust::null_as_default_adapter(&a));
                quote!(#[serde(rename = #wire, #default, with = #with)])
            }
            None => {
                let with = rust::NULL_AS_DEFAULT_FN;
                quote!(#[serde(rename = #wire, #default, deserialize_with = #with)])
            }
        }
    };
    quote! {
        #docs
        #serde
        pub #name: #t,
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
    let setters = s.fields.iter().map(|f| {
        let n = ident(&f.name);
        let setter = ident(&f.setter);
        let set = ident(&f.set_setter);
        // The member's docs live on the struct field; the setter points there.
        let docs = format!("Sets `{}`: {}", f.wire_name, super::first_sentence(&f.docs));
        let docs = doc(&docs);
        let (arg_ty, wrap) = match &f.ty {
            crate::ir::Ty::Boxed(inner) => (ty(inner), quote!(::Box::new(input.into()))),
            other => (ty(other), quote!(input.into())),
        };
        let t = option(ty(&f.ty));
        let set_doc = format!(" Sets or clears `{}`; see [`{}`](Self::{}).", f.wire_name, unraw(&f.setter), unraw(&f.setter));
        quote! {
            #docs
            pub fn #setter(mut self, input: impl ::Into<#arg_ty>) -> Self {
                self.#n = ::Option::Some(#wrap);
                self
            }
            #[doc = #set_doc]
            pub fn #set(mut self, input: #t) -> Self {
                self.#n = input;
                self
            }
        }
    });
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
