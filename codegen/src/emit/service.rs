//! The service as a trait (one async method per operation, each defaulting to "not
//! implemented"), its object-safe twin, the `Operation` metadata types, and paginators.

use super::rust::{doc, ty, type_path};
use crate::ir::{Crate, OperationDef, Pagination, PathStep, Ty};
use crate::naming::{ident, unraw};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

fn io(op: &OperationDef) -> (TokenStream, TokenStream, TokenStream) {
    let input = type_path(&op.input);
    let output = type_path(&op.output);
    let module = super::rust::location_path(&op.input.location);
    let error = format_ident!("{}Error", unraw(&op.name));
    (input, output, quote!(#module::#error))
}

fn method(op: &OperationDef) -> proc_macro2::Ident {
    ident(&op.module)
}

/// `src/service.rs`.
pub fn service_rs(krate: &Crate) -> TokenStream {
    let name = format_ident!("{}", krate.service.trait_name);
    let dyn_name = format_ident!("Dyn{}", krate.service.trait_name);
    let title = &krate.service.title;
    let methods = krate.operations.iter().map(|op| {
        let (input, output, error) = io(op);
        let m = method(op);
        let docs = doc(&op.docs);
        quote! {
            #docs
            fn #m(&self, input: #input) -> impl ::Future<Output = ::Result<#output, #error>> + ::Send {
                let _ = input;
                async { ::Result::Err(#error::not_implemented()) }
            }
        }
    });
    let paginator_methods = krate.operations.iter().filter(|op| op.pagination.as_ref().is_some_and(|p| p.token.is_some())).map(|op| {
        let (input, _, _) = io(op);
        let module = super::rust::location_path(&op.input.location);
        let paginator = format_ident!("{}Paginator", unraw(&op.name));
        let m = format_ident!("{}_paginator", unraw(&op.module).trim_end_matches('_'));
        let d = format!(" Pages through `{}`, following its continuation token; see [`{paginator}`]({}).", op.wire_name, quote!(#module::#paginator).to_string().replace(' ', ""));
        quote! {
            #[doc = #d]
            fn #m(&self, input: #input) -> #module::#paginator<Self>
            where
                Self: ::Clone + 'static,
            {
                crate::pagination::Paginator::new(::Clone::clone(self), input)
            }
        }
    });
    // The object-safe methods get their own names, so that having both traits in scope never
    // makes a call ambiguous.
    let boxed = |op: &OperationDef| format_ident!("{}_boxed", unraw(&op.module).trim_end_matches('_'));
    let dyn_methods = krate.operations.iter().map(|op| {
        let (input, output, error) = io(op);
        let m = boxed(op);
        let d = format!(" Calls `{}`; see [`{name}::{}`].", op.wire_name, unraw(&op.module));
        quote! {
            #[doc = #d]
            fn #m(&self, input: #input) -> crate::pagination::BoxFuture<'_, ::Result<#output, #error>>;
        }
    });
    let dyn_impls = krate.operations.iter().map(|op| {
        let (input, output, error) = io(op);
        let m = method(op);
        let b = boxed(op);
        quote! {
            fn #b(&self, input: #input) -> crate::pagination::BoxFuture<'_, ::Result<#output, #error>> {
                ::Box::pin(#name::#m(self, input))
            }
        }
    });
    let through_dyn = krate.operations.iter().map(|op| {
        let (input, output, error) = io(op);
        let m = method(op);
        let b = boxed(op);
        quote! {
            fn #m(&self, input: #input) -> impl ::Future<Output = ::Result<#output, #error>> + ::Send {
                #dyn_name::#b(self, input)
            }
        }
    });
    let through_dyn = quote!(#(#through_dyn)*);
    let through_deref = krate.operations.iter().map(|op| {
        let (input, output, error) = io(op);
        let m = method(op);
        quote! {
            fn #m(&self, input: #input) -> impl ::Future<Output = ::Result<#output, #error>> + ::Send {
                T::#m(self, input)
            }
        }
    });
    let through_deref: Vec<TokenStream> = through_deref.collect();
    let paginators = if krate.operations.iter().any(|op| op.pagination.as_ref().is_some_and(|p| p.token.is_some())) {
        "\n\nThe `*_paginator` methods need `Self: Clone + 'static`: a paginator owns a clone of the \
         service, so that a pagination can move into a spawned task. The generated `Client`, \
         `Arc<T>` and `Arc<dyn ...>` clone cheaply; for a service that is not `Clone`, call them \
         on an `Arc` of it, or pass the service itself to the paginator's `new`."
    } else {
        ""
    };
    let trait_doc = format!(
        "{title} as a trait: one async method per operation.\n\n\
         Code written against this trait can call the service, implement it, or fake it in tests. \
         Every method has a default body that returns the operation's `not_implemented()` error \
         (an `Unhandled` error with code `NotImplemented`), so a test double implements only \
         the calls it needs. The futures are `Send`, so implementations work in multi-threaded \
         runtimes.\n\n\
         The trait is not object-safe (its methods return `impl Future`); for a trait object use \
         [`{dyn_name}`], which every implementation also implements: \
         `Arc<dyn {dyn_name}>` implements this trait again.{paginators}"
    );
    let trait_doc = doc(&trait_doc);
    let dyn_doc = doc(&format!(
        "The object-safe form of [`{name}`], with boxed futures: `Arc<dyn {dyn_name}>`\nand `Box<dyn {dyn_name}>` hold any implementation, and themselves implement [`{name}`]."
    ));
    quote! {
        #![doc = " The service as a trait, to call, implement or fake."]

        #trait_doc
        pub trait #name: ::Send + ::Sync {
            #(#methods)*
            #(#paginator_methods)*
        }

        #dyn_doc
        pub trait #dyn_name: ::Send + ::Sync {
            #(#dyn_methods)*
        }

        impl<T: #name> #dyn_name for T {
            #(#dyn_impls)*
        }

        impl #name for dyn #dyn_name + '_ {
            #through_dyn
        }

        impl<T: #name + ?Sized> #name for ::Arc<T> {
            #(#through_deref)*
        }

        impl<T: #name + ?Sized> #name for ::Box<T> {
            #(#through_deref)*
        }

        impl<T: #name + ?Sized> #name for &T {
            #(#through_deref)*
        }
    }
}

/// `src/operation.rs`: the `Operation` trait and its metadata types, and the modules.
pub fn operation_rs(krate: &Crate, modules: Vec<TokenStream>) -> TokenStream {
    let service = &krate.service.shape_name;
    let service_doc = format!(" The service shape's name, `{service}` (the prefix of `X-Amz-Target`).");
    quote! {
        #![doc = " Operation inputs, outputs and errors, one module per operation, and what the model"]
        #![doc = " says about each operation (the [`Operation`] trait)."]

        #[doc = #service_doc]
        pub const SERVICE_NAME: &str = #service;

        pub use ::smithy_codegen_runtime::operation::{Http, Operation, Pagination};

        #(#modules)*
    }
}

fn opt_str(v: &Option<String>) -> TokenStream {
    match v {
        Some(s) => quote!(::Option::Some(#s)),
        None => quote!(::Option::None),
    }
}

/// The extra items of an operation's module: the unit type with its `Operation` impl, the
/// error enum, and the paginator.
pub fn operation_items(op: &OperationDef, krate: &Crate) -> TokenStream {
    let unit = ident(&op.name);
    let (input, output, error) = io(op);
    let wire = &op.wire_name;
    let unit_doc = doc(&format!("The `{wire}` operation, as a type: see [`Operation`](crate::operation::Operation)."));
    let readonly = op.readonly;
    let idempotent = op.idempotent;
    let token = opt_str(&op.idempotency_token);
    let pagination = match &op.pagination {
        Some(p) => {
            let (it, ot, ps, items) = (&p.input_token, &p.output_token, opt_str(&p.page_size), opt_str(&p.items));
            quote!(::Option::Some(crate::operation::Pagination::new(#it, #ot, #ps, #items)))
        }
        None => quote!(::Option::None),
    };
    let http = match &op.http {
        Some((method, uri, code)) => quote!(::Option::Some(crate::operation::Http::new(#method, #uri, #code))),
        None => quote!(::Option::None),
    };
    let error_tokens = super::errors::operation_error(op, krate);
    let paginator = op.pagination.as_ref().and_then(|p| Some(paginator(op, p, p.token.as_ref()?, krate)));
    quote! {
        #unit_doc
        #[derive(::Clone, ::Copy, ::Debug, ::Default, ::PartialEq, ::Eq)]
        pub struct #unit;

        impl ::smithy_codegen_runtime::__private::SealedOperation for #unit {}
        impl crate::operation::Operation for #unit {
            type Input = #input;
            type Output = #output;
            type Error = #error;
            const NAME: &'static str = #wire;
            const READONLY: bool = #readonly;
            const IDEMPOTENT: bool = #idempotent;
            const IDEMPOTENCY_TOKEN: ::Option<&'static str> = #token;
            const PAGINATION: ::Option<crate::operation::Pagination> = #pagination;
            const HTTP: ::Option<crate::operation::Http> = #http;
        }

        #error_tokens
        #paginator
    }
}

/// The paginator of an operation whose tokens have the type `token`: an alias of the runtime's
/// `Paginator`, and the `Paginate` (and `PaginateItems`) impls that tell it where things are.
fn paginator(op: &OperationDef, p: &Pagination, token: &Ty, krate: &Crate) -> TokenStream {
    let trait_name = format_ident!("{}", krate.service.trait_name);
    let unit = ident(&op.name);
    let name = format_ident!("{}Paginator", unraw(&op.name));
    let m = method(op);
    let (field, optional) = &p.input_token_field;
    let f = ident(field);
    let (input_token, set_token) = if *optional {
        (quote!(input.#f.as_ref()), quote!(input.#f = ::Option::Some(token);))
    } else {
        (quote!(::Option::Some(&input.#f)), quote!(input.#f = token;))
    };
    let output_token = output_token(&p.output_token_path, token);
    let (size_ty, size_input, set_size) = match &p.page_size_field {
        Some((field, optional, t)) => {
            let f = ident(field);
            let value = if *optional { quote!(::Option::Some(size)) } else { quote!(size) };
            (ty(t), quote!(input), quote!(input.#f = #value;))
        }
        None => (quote!(::Infallible), quote!(_), quote!(match size {})),
    };
    let token = ty(token);
    let items = p.items_path.as_ref().map(|(path, item, sparse)| items_impl(&unit, &trait_name, path, item, *sparse));
    let d = doc(&format!(
        "Pages through `{}` on any [`{}`](crate::{}) implementation `S`: each request carries the\nprevious page's `{}` as `{}`, until the service sends none, or one this pagination has sent\nbefore. See [`Paginator`](crate::pagination::Paginator).",
        op.wire_name, krate.service.trait_name, krate.service.trait_name, p.output_token, p.input_token
    ));
    quote! {
        #d
        pub type #name<S> = crate::pagination::Paginator<#unit, S>;

        impl<S: crate::#trait_name> crate::pagination::Paginate<S> for #unit {
            type Token = #token;
            type PageSize = #size_ty;
            fn call(service: &S, input: Self::Input) -> impl ::Future<Output = ::Result<Self::Output, Self::Error>> + ::Send {
                service.#m(input)
            }
            fn token(output: &Self::Output) -> ::Option<&#token> {
                #output_token
            }
            fn input_token(input: &Self::Input) -> ::Option<&#token> {
                #input_token
            }
            fn set_token(input: &mut Self::Input, token: #token) {
                #set_token
            }
            fn set_page_size(#size_input: &mut Self::Input, size: #size_ty) {
                #set_size
            }
        }

        #items
    }
}

/// The output's token, borrowed step by step along `path` (`?` leaves on an unset optional
/// step), as an `Option` without empty strings, lists or maps.
fn output_token(path: &[PathStep], token: &Ty) -> TokenStream {
    let mut current = quote!(output);
    let mut steps = Vec::new();
    for (i, (field, optional, boxed)) in path.iter().enumerate() {
        let f = ident(field);
        let borrowed = match (optional, boxed) {
            (true, true) => quote!(#current.#f.as_deref()),
            (true, false) => quote!(#current.#f.as_ref()),
            (false, true) => quote!(::Option::Some(&*#current.#f)),
            (false, false) => quote!(::Option::Some(&#current.#f)),
        };
        if i + 1 == path.len() {
            current = borrowed;
        } else {
            let step = format_ident!("step{}", i);
            steps.push(quote!(let #step = #borrowed?;));
            current = quote!(#step);
        }
    }
    let filter = matches!(token, Ty::String | Ty::List { .. } | Ty::Map { .. }).then(|| quote!(.filter(|t| !t.is_empty())));
    quote!(#(#steps)* #current #filter)
}

fn items_impl(unit: &proc_macro2::Ident, trait_name: &proc_macro2::Ident, path: &[PathStep], item: &Ty, sparse: bool) -> TokenStream {
    let item_ty = ty(item);
    let list = if sparse { quote!(::Vec<::Option<#item_ty>>) } else { quote!(::Vec<#item_ty>) };
    let items = match path {
        [(field, optional, false)] => {
            let f = ident(field);
            if *optional { quote!(output.#f.unwrap_or_default()) } else { quote!(output.#f) }
        }
        _ => {
            let walk = walk_owned(path);
            quote! {{
                fn walk(output: <#unit as crate::operation::Operation>::Output) -> ::Option<#list> {
                    #walk
                }
                walk(output).unwrap_or_default()
            }}
        }
    };
    let items = if sparse { quote!(#items.into_iter().flatten().collect()) } else { items };
    quote! {
        impl<S: crate::#trait_name> crate::pagination::PaginateItems<S> for #unit {
            type Item = #item_ty;
            fn items(output: Self::Output) -> ::Vec<#item_ty> {
                #items
            }
        }
    }
}

/// Statements that walk `path` (field, optional, boxed) from `output` (owned), ending in an
/// expression of the last field's value; `?` leaves early on an unset optional step.
fn walk_owned(path: &[PathStep]) -> TokenStream {
    let mut steps = Vec::new();
    let mut current = quote!(output);
    for (i, (field, optional, boxed)) in path.iter().enumerate() {
        let f = ident(field);
        let value = if *optional { quote!(#current.#f?) } else { quote!(#current.#f) };
        let value = if *boxed { quote!(*#value) } else { value };
        let next = format_ident!("step{}", i);
        steps.push(quote!(let #next = #value;));
        current = quote!(#next);
    }
    quote!(#(#steps)* ::Option::Some(#current))
}
