//! The service as a trait (one async method per operation, each defaulting to "not
//! implemented"), its object-safe twin, the `Operation` metadata types, and paginators.

use super::rust::{doc, ty, type_path};
use crate::ir::{Crate, OperationDef, Pagination};
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
    let paginator_methods = krate.operations.iter().filter(|op| op.pagination.as_ref().is_some_and(|p| p.string_tokens)).map(|op| {
        let (input, _, _) = io(op);
        let module = super::rust::location_path(&op.input.location);
        let paginator = format_ident!("{}Paginator", unraw(&op.name));
        let m = format_ident!("{}_paginator", unraw(&op.module).trim_end_matches('_'));
        let d = format!(" Pages through `{}`, following its continuation token; see [`{paginator}`]({}).", op.wire_name, quote!(#module::#paginator).to_string().replace(' ', ""));
        quote! {
            #[doc = #d]
            fn #m(&self, input: #input) -> #module::#paginator<'_, Self> {
                #module::#paginator::new(self, input)
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
    let trait_doc = format!(
        "{title} as a trait: one async method per operation.\n\n\
         Code written against this trait can call the service, implement it, or fake it in tests. \
         Every method has a default body that returns the operation's `not_implemented()` error \
         (an `Unhandled` error with code `NotImplemented`), so a test double implements only \
         the calls it needs. The futures are `Send`, so implementations work in multi-threaded \
         runtimes.\n\n\
         The trait is not object-safe (its methods return `impl Future`); for a trait object use \
         [`{dyn_name}`], which every implementation also implements: \
         `Arc<dyn {dyn_name}>` implements this trait again."
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

        impl #name for dyn #dyn_name {
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
    let paginator = op.pagination.as_ref().filter(|p| p.string_tokens).map(|p| paginator(op, p, krate));
    quote! {
        #unit_doc
        #[derive(::Clone, ::Copy, ::Debug, ::Default, ::PartialEq, ::Eq)]
        pub struct #unit;

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

/// Statements that walk `path` (field, optional, boxed) from `output` (owned), ending in an
/// expression of the last field's value; `?` leaves early on an unset optional step.
fn walk_owned(path: &[(String, bool, bool)]) -> TokenStream {
    let mut steps = Vec::new();
    let mut current = quote!(output);
    for (i, (field, optional, boxed)) in path.iter().enumerate() {
        let f = ident(field);
        let value = if *boxed { quote!((*#current.#f)) } else { quote!(#current.#f) };
        let next = format_ident!("step{}", i);
        if *optional {
            steps.push(quote!(let #next = #value?;));
        } else {
            steps.push(quote!(let #next = #value;));
        }
        current = quote!(#next);
    }
    quote!(#(#steps)* ::Option::Some(#current))
}

fn paginator(op: &OperationDef, p: &Pagination, krate: &Crate) -> TokenStream {
    let trait_name = format_ident!("{}", krate.service.trait_name);
    let name = format_ident!("{}Paginator", unraw(&op.name));
    let (input, output, error) = io(op);
    let m = method(op);
    let (token_field, token_optional) = &p.input_token_field;
    let tf = ident(token_field);
    let set_token = if *token_optional { quote!(input.#tf = token;) } else { quote!(input.#tf = token.unwrap_or_default();) };
    // The output token as `Option<&str>`: borrow each step.
    let mut get = quote!(output);
    let mut chain = Vec::new();
    for (i, (field, optional, boxed)) in p.output_token_path.iter().enumerate() {
        let f = ident(field);
        let last = i + 1 == p.output_token_path.len();
        let access = if *boxed { quote!((*#get.#f)) } else { quote!(#get.#f) };
        let step = format_ident!("step{}", i);
        if last {
            if *optional {
                chain.push(quote!(let #step = #access.as_deref()?;));
            } else {
                chain.push(quote!(let #step = #access.as_str();));
            }
        } else if *optional {
            chain.push(quote!(let #step = #access.as_ref()?;));
        } else {
            chain.push(quote!(let #step = &#access;));
        }
        get = quote!(#step);
    }
    let get_token = quote! {
        fn get_token(output: &#output) -> ::Option<&str> {
            #(#chain)*
            ::Option::Some(#get)
        }
    };
    let page_size = p.page_size_field.as_ref().map(|(field, optional, t)| {
        let f = ident(field);
        let t_tokens = ty(t);
        let value = if *optional { quote!(::Option::Some(size)) } else { quote!(size) };
        let d = format!(" Asks for at most `size` items per page (`{}`).", p.page_size.as_deref().unwrap_or_default());
        quote! {
            #[doc = #d]
            pub fn page_size(mut self, size: #t_tokens) -> Self {
                self.input.#f = #value;
                self
            }
        }
    });
    let items = p.items_path.as_ref().map(|(path, item, sparse)| {
        let item_ty = ty(item);
        let walk = walk_owned(path);
        let (list_ty, take) = if *sparse {
            (quote!(::Vec<::Option<#item_ty>>), quote!(walk(output).unwrap_or_default().into_iter().flatten().collect()))
        } else {
            (quote!(::Vec<#item_ty>), quote!(walk(output).unwrap_or_default()))
        };
        let d = format!(" Every item (`{}`) of every page, in order.", p.items.as_deref().unwrap_or_default());
        quote! {
            #[doc = #d]
            pub fn items(self) -> crate::pagination::Items<'a, #input, #output, #error, #item_ty> {
                fn walk(output: #output) -> ::Option<#list_ty> {
                    #walk
                }
                fn take(output: #output) -> ::Vec<#item_ty> {
                    #take
                }
                self.pages().flat_map(take)
            }
        }
    });
    let d = doc(&format!(
        "Pages through `{}` on any [`{}`](crate::{}) implementation: each request carries the\nprevious page's `{}` as `{}`, until the service sends none (or repeats one).",
        op.wire_name, krate.service.trait_name, krate.service.trait_name, p.output_token, p.input_token
    ));
    quote! {
        #d
        pub struct #name<'a, S: ?::Sized> {
            service: &'a S,
            input: #input,
        }

        impl<'a, S: crate::#trait_name + ?::Sized> #name<'a, S> {
            /// A paginator that starts with `input` (its token is normally unset).
            pub fn new(service: &'a S, input: #input) -> Self {
                Self { service, input }
            }

            #page_size

            /// Every page, in order.
            pub fn pages(self) -> crate::pagination::Pages<'a, #input, #output, #error> {
                fn set_token(input: &mut #input, token: ::Option<::String>) {
                    #set_token
                }
                #get_token
                let service = self.service;
                crate::pagination::Pages::new(
                    self.input,
                    ::Box::new(move |input| ::Box::pin(service.#m(input))),
                    set_token,
                    get_token,
                )
            }

            #items
        }
    }
}
