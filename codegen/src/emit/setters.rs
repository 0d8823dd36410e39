//! Builder setters with the AWS SDK for Rust's semantics, so code ported from it compiles and
//! behaves the same: a list member's setter appends one item, a map member's inserts one
//! entry, any other member's sets the value, and `set_*` replaces (or clears) the whole value.
//! Type builders store the value; the client's fluent builders forward to their input's
//! builder with the same signatures.

use super::rust::{doc, option, ty};
use crate::ir::{Field, Ty};
use crate::naming::{ident, unraw};
use proc_macro2::TokenStream;
use quote::quote;

/// Where a builder keeps what its setters are given.
#[derive(Clone, Copy)]
pub enum Store {
    /// In its own `Option` field of the member's name (a type builder).
    Field,
    /// In `self.inner`, the input's builder (a fluent builder).
    Inner,
}

/// The plain setter and `set_*` of one member.
pub fn methods(f: &Field, store: Store) -> TokenStream {
    let n = ident(&f.name);
    let setter = ident(&f.setter);
    let set = ident(&f.set_setter);
    let one = one(f);
    let (params, args, stores) = (&one.params, &one.args, &one.store);
    let (setter_body, set_body) = match store {
        Store::Field => (quote!(#stores), quote!(self.#n = input;)),
        Store::Inner => (quote!(self.inner = self.inner.#setter(#args);), quote!(self.inner = self.inner.#set(input);)),
    };
    let docs = doc(&one.docs);
    let whole = option(ty(&f.ty));
    let set_doc = format!(" {} `{}`; see [`{}`](Self::{}).", one.set_verb, f.wire_name, unraw(&f.setter), unraw(&f.setter));
    quote! {
        #docs
        pub fn #setter(mut self, #params) -> Self {
            #setter_body
            self
        }
        #[doc = #set_doc]
        pub fn #set(mut self, input: #whole) -> Self {
            #set_body
            self
        }
    }
}

/// A plain setter's docs, parameters, the arguments that forward them, and the statement that
/// stores them in the builder's field.
struct One {
    docs: String,
    /// How `set_*`'s docs describe it.
    set_verb: &'static str,
    params: TokenStream,
    args: TokenStream,
    store: TokenStream,
}

fn one(f: &Field) -> One {
    let n = ident(&f.name);
    let summary = super::first_sentence(&f.docs);
    let set = unraw(&f.set_setter);
    // One line: the doc of every collection setter says how to replace the whole collection.
    let whole = format!(" ([`{set}`](Self::{set}) replaces the whole collection)");
    match &f.ty {
        Ty::List { item, sparse } => {
            let (param, value) = element(item, *sparse, quote!(input));
            One {
                docs: format!("Appends an item to `{}`{}", f.wire_name, after_name(&f.wire_name, &whole, &summary)),
                set_verb: "Replaces or clears the whole of",
                params: quote!(input: #param),
                args: quote!(input),
                store: quote!(self.#n.get_or_insert_with(::Vec::new).push(#value);),
            }
        }
        Ty::Map { key, value, sparse } => {
            let k = ty(key);
            let (param, value) = element(value, *sparse, quote!(v));
            One {
                docs: format!("Adds a key-value pair to `{}`{}", f.wire_name, after_name(&f.wire_name, &whole, &summary)),
                set_verb: "Replaces or clears the whole of",
                params: quote!(k: impl ::Into<#k>, v: #param),
                args: quote!(k, v),
                store: quote!(self.#n.get_or_insert_with(::HashMap::new).insert(k.into(), #value);),
            }
        }
        other => {
            let (arg_ty, value) = match other {
                Ty::Boxed(inner) => (ty(inner), quote!(::Box::new(input.into()))),
                _ => (ty(other), quote!(input.into())),
            };
            One {
                docs: format!("Sets `{}`{}", f.wire_name, after_name(&f.wire_name, "", &summary)),
                set_verb: "Sets or clears",
                params: quote!(input: impl ::Into<#arg_ty>),
                args: quote!(input),
                store: quote!(self.#n = ::Option::Some(#value);),
            }
        }
    }
}

/// What follows the member's name in a setter's doc: `whole`, then the member's summary; a
/// summary that is only the name and type, "`x` (a string).", becomes ", a string".
fn after_name(wire: &str, whole: &str, summary: &str) -> String {
    match summary.strip_prefix(&format!("`{wire}` (")).and_then(|rest| rest.strip_suffix(").")) {
        Some(ty) => format!(", {ty}{whole}."),
        None => format!("{whole}: {summary}"),
    }
}

/// A collection element's parameter type and the value stored from it: `impl Into<T>`, except
/// in a `@sparse` collection, whose element is the `Option<T>` itself (`None` is a null), as
/// the SDK takes it; an `impl Into<Option<T>>` would leave a bare `None` without a type.
fn element(t: &Ty, sparse: bool, arg: TokenStream) -> (TokenStream, TokenStream) {
    let t = ty(t);
    if sparse {
        (option(t), arg)
    } else {
        (quote!(impl ::Into<#t>), quote!(#arg.into()))
    }
}
