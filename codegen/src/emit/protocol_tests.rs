//! `tests/client_protocol_tests.rs` and `tests/server_protocol_tests.rs`: Smithy's HTTP protocol
//! compliance tests (`smithy.test#httpRequestTests` and `smithy.test#httpResponseTests`) for the
//! service's protocol, as integration tests of the generated crate that use only its public API.
//!
//! Each test case becomes one `#[tokio::test]` per side it applies to (`appliesTo`), in a
//! `request` or `response` module named after the case id:
//!
//! - client request tests build the input from the case's `params`, call the operation through a
//!   `Client` whose transport captures the request (and answers `200 {}`), and check the method,
//!   URI, host, headers and body (JSON bodies as JSON values, others byte for byte);
//! - client response tests answer with the case's status, headers and body and compare what the
//!   operation returns (output, or the error's variant) with the value built from `params`;
//! - server request tests send the case's request through `server::Server` (a tower service) to
//!   an implementation that captures the input, and compare it with the one built from `params`;
//! - server response tests make the implementation return the case's output or error and check
//!   the status, headers and body of the response.
//!
//! Values are compared with `PartialEq` (every member, whether in the body or bound to headers),
//! falling back to `Debug` only so that `NaN` compares equal. A case the generator cannot express becomes an `#[ignore = "why"]` test, never
//! a missing one.

use super::rust::{doc, render, type_path};
use crate::error::Result;
use crate::ir::{Crate, OperationDef, Ty, TypeDef, TypeKind, TypePath};
use crate::naming::{ident, snake_name, unraw};
use proc_macro2::{Group, Ident, Literal, Punct, Spacing, TokenStream, TokenTree};
use quote::{format_ident, quote};
use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet};

/// The idempotency token Smithy's protocol tests expect clients to generate.
const IDEMPOTENCY_TOKEN: &str = "00000000-0000-4000-8000-000000000000";

/// Cases judged wrong in the suite itself (they contradict other cases of the same suite), or
/// that the generated crate fails for a reason outside this emitter: (case id, side, request or
/// response case (a request and a response case may share an id), why). Each still becomes its
/// full test, `#[ignore]`d with the reason, so `cargo test --workspace` stays green while
/// `cargo test -- --ignored` runs them.
const KNOWN_FAILURES: &[(&str, Side, Kind, &str)] = &[
    (
        "RestJsonEndpointTraitWithHostLabel",
        Side::Server,
        Kind::Request,
        "the suite: it sends a JSON body without Content-Type, which RestJsonWithBodyExpectsApplicationJsonContentTypeNoHeaders requires servers to refuse with 415",
    ),
    (
        "AwsJson11IntEnums",
        Side::Server,
        Kind::Response,
        "the suite: it expects the request's `X-Amz-Target` header on the response, which awsJson responses do not carry (no other response case of the awsJson suites lists it)",
    ),
    (
        "parses_the_request_id_from_the_response",
        Side::Server,
        Kind::Response,
        "the suite: it expects the fixed request id `amazon-uniq-request-id`, which a client reads but a server cannot send: it gives every request an id of its own, and the case sets nothing that would choose one",
    ),
    (
        "RestJsonOmitsEmptyListQueryValues",
        Side::Server,
        Kind::Request,
        "the suite: the request has no query string, yet the case expects empty lists rather than unset members; an empty list and an absent one look the same in a query string, and the server reads absent",
    ),
];

/// Operations whose values the protocol itself cannot carry unchanged from one end to the
/// other: (operation, the side whose value changes, why). Their round trip still calls the
/// server and checks the call succeeds, but does not compare that side's value.
const LOSSY_ROUND_TRIPS: &[(&str, Side, &str)] = &[
    ("HttpEmptyPrefixHeaders", Side::Server, "an empty `@httpPrefixHeaders` prefix takes in every header the request carries"),
    ("HttpEmptyPrefixHeaders", Side::Client, "an empty `@httpPrefixHeaders` prefix takes in every header the response carries"),
    ("HttpPrefixHeadersInResponse", Side::Client, "an empty `@httpPrefixHeaders` prefix takes in every header the response carries"),
    ("NullAndEmptyHeadersClient", Side::Server, "an empty list goes out as an empty header, which reads back as one empty string"),
    ("NullAndEmptyHeadersServer", Side::Client, "an empty list goes out as an empty header, which reads back as one empty string"),
    ("OmitsSerializingEmptyLists", Side::Server, "an empty list leaves nothing in the query string, which reads back as unset"),
    ("QueryParamsAsStringListMap", Side::Server, "the `@httpQueryParams` map also takes in the parameters bound to other members"),
    ("QueryPrecedence", Side::Server, "the `@httpQueryParams` map also takes in the parameters bound to other members"),
    ("PutWithContentEncoding", Side::Server, "the client adds `gzip` to the `Content-Encoding` member it compresses for"),
];

#[derive(Clone, Copy, PartialEq, Eq)]
enum Side {
    Client,
    Server,
}

/// A request case (`httpRequestTests`) or a response case (`httpResponseTests`).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Request,
    Response,
}

/// One test case of the service's protocol, with what it tests.
struct Case<'a> {
    value: &'a Value,
    id: String,
    op: &'a OperationDef,
    /// `Some` for a response test on an error structure.
    error: Option<&'a TypeDef>,
    request: bool,
}

impl Case<'_> {
    fn str(&self, key: &str) -> Option<&str> {
        self.value.get(key).and_then(Value::as_str)
    }

    fn applies_to(&self, side: Side) -> bool {
        match self.str("appliesTo") {
            Some("client") => side == Side::Client,
            Some("server") => side == Side::Server,
            _ => true,
        }
    }

    fn params(&self) -> Map<String, Value> {
        self.value.get("params").and_then(Value::as_object).cloned().unwrap_or_default()
    }

    fn headers(&self) -> Vec<(String, String)> {
        let Some(map) = self.value.get("headers").and_then(Value::as_object) else { return Vec::new() };
        map.iter().map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_string())).collect()
    }

    fn names(&self, key: &str) -> Vec<String> {
        let Some(list) = self.value.get(key).and_then(Value::as_array) else { return Vec::new() };
        list.iter().filter_map(|v| v.as_str().map(str::to_string)).collect()
    }

    fn is_json(&self) -> bool {
        self.str("bodyMediaType").is_some_and(|t| t == "application/json" || t.ends_with("+json"))
    }
}

/// The test cases for the service's protocol: the operations' (sorted by operation), then those
/// on error structures (each run through the first operation that can return the error).
fn cases(krate: &Crate) -> Vec<Case<'_>> {
    let Some(protocol) = krate.service.protocol.as_deref() else { return Vec::new() };
    let ours = |v: &&Value| {
        v.get("protocol").and_then(Value::as_str).is_some_and(|p| p.rsplit('#').next() == Some(protocol))
    };
    let id = |v: &Value| v.get("id").and_then(Value::as_str).unwrap_or("unnamed").to_string();
    let mut out = Vec::new();
    for op in &krate.operations {
        for value in op.request_tests.iter().filter(ours) {
            out.push(Case { id: id(value), value, op, error: None, request: true });
        }
        for value in op.response_tests.iter().filter(ours) {
            out.push(Case { id: id(value), value, op, error: None, request: false });
        }
    }
    for def in &krate.types {
        let Some(op) = krate.operations.iter().find(|o| o.errors.contains(&def.path)) else { continue };
        for value in def.response_tests.iter().filter(ours) {
            out.push(Case { id: id(value), value, op, error: Some(def), request: false });
        }
    }
    out
}

/// Whether the crate gets protocol tests (and so needs tokio as a dev-dependency).
pub fn has_tests(krate: &Crate) -> bool {
    crate::protocol::for_crate(krate).has_client_and_server() && !cases(krate).is_empty()
}

pub fn emit(krate: &Crate, files: &mut BTreeMap<String, String>) -> Result<()> {
    if !has_tests(krate) {
        return Ok(());
    }
    let path = "tests/support/mod.rs";
    files.insert(path.to_string(), render(path, support_tokens(SHARED_SUPPORT)?)?);
    if crate::protocol::for_crate(krate).has_server() {
        let lib = format_ident!("{}", krate.lib_name);
        let path = "tests/round_trip.rs";
        files.insert(path.to_string(), render(path, externalize(Gen { krate }.round_trip_file()?, &lib))?);
    }
    let cases = cases(krate);
    let gen = Gen { krate };
    let lib = format_ident!("{}", krate.lib_name);
    let sides: &[Side] = if crate::protocol::for_crate(krate).has_server() { &[Side::Client, Side::Server] } else { &[Side::Client] };
    for &side in sides {
        let (path, feature, support, title) = match side {
            Side::Client => ("tests/client_protocol_tests.rs", "client", CLIENT_SUPPORT, "client"),
            Side::Server => ("tests/server_protocol_tests.rs", "server", SERVER_SUPPORT, "server"),
        };
        let mut modules = Vec::new();
        for request in [true, false] {
            let mut names = BTreeSet::new();
            let tests: Vec<TokenStream> = cases
                .iter()
                .filter(|c| c.request == request && c.applies_to(side))
                .map(|c| {
                    let mut name = unraw(&snake_name(&c.id)).to_string();
                    let base = name.clone();
                    let mut n = 2;
                    while !names.insert(name.clone()) {
                        name = format!("{base}_{n}");
                        n += 1;
                    }
                    gen.test(c, side, &name)
                })
                .collect();
            let m = format_ident!("{}", if request { "request" } else { "response" });
            let docs = doc(&format!(
                " `{}` cases for the {title}.",
                if request { "httpRequestTests" } else { "httpResponseTests" }
            ));
            modules.push(quote! {
                #docs
                mod #m {
                    // The imports the path shortener adds at the top of the file.
                    #[allow(unused_imports)]
                    use super::*;

                    #(#tests)*
                }
            });
        }
        if side == Side::Server {
            modules.push(gen.malformed_module());
        }
        let support = support_tokens(&support.replace("TRAIT", &krate.service.trait_name).replace("IDEMPOTENCY_TOKEN", IDEMPOTENCY_TOKEN))?;
        let header = format!(
            " Smithy's `{}` protocol compliance tests for the {title} (`smithy.test#httpRequestTests`",
            krate.service.protocol.as_deref().unwrap_or_default()
        );
        let tokens = quote! {
            #![cfg(feature = #feature)]
            #![doc = #header]
            #![doc = " and `smithy.test#httpResponseTests` in the service's model)."]
            #![allow(clippy::all, unused_imports, dead_code)]

            #support
            #(#modules)*
        };
        files.insert(path.to_string(), render(path, externalize(tokens, &lib))?);
    }
    Ok(())
}

/// Support code as tokens, and the shared part's module brought in.
fn support_tokens(code: &str) -> Result<TokenStream> {
    let tokens: TokenStream = code.parse().map_err(|e| {
        crate::Error::model(format!("internal error: protocol test support code does not parse: {e}"))
    })?;
    if code == SHARED_SUPPORT {
        return Ok(quote! {
            //! Assertions every test file of the crate shares.
            #![allow(dead_code)]
            #tokens
        });
    }
    Ok(quote! {
        mod support;
        use support::*;
        #tokens
    })
}

/// Replaces every `crate` path root with `::<lib>`: the tests are outside the crate.
fn externalize(tokens: TokenStream, lib: &Ident) -> TokenStream {
    let mut out = TokenStream::new();
    for tt in tokens {
        match tt {
            TokenTree::Ident(i) if i == "crate" => {
                out.extend([
                    TokenTree::Punct(Punct::new(':', Spacing::Joint)),
                    TokenTree::Punct(Punct::new(':', Spacing::Alone)),
                    TokenTree::Ident(lib.clone()),
                ]);
            }
            TokenTree::Group(g) => {
                let mut group = Group::new(g.delimiter(), externalize(g.stream(), lib));
                group.set_span(g.span());
                out.extend([TokenTree::Group(group)]);
            }
            other => out.extend([other]),
        }
    }
    out
}

/// The variant of an operation's error enum for an error type (as `errors.rs` names them).
fn error_variant(path: &TypePath) -> Ident {
    let name = unraw(&path.name).trim_end_matches('_');
    if name == "Unhandled" {
        format_ident!("UnhandledError")
    } else {
        format_ident!("{}", name)
    }
}

struct Gen<'a> {
    krate: &'a Crate,
}

type Expr = std::result::Result<TokenStream, String>;

impl Gen<'_> {
    fn def(&self, path: &TypePath) -> Option<&TypeDef> {
        self.krate.type_def(path)
    }

    fn test(&self, case: &Case, side: Side, name: &str) -> TokenStream {
        let name = format_ident!("{}", name);
        let docs = case.str("documentation").map(|d| doc(d.trim())).unwrap_or_default();
        let id_doc = format!(" `{}` on `{}`.", case.id, case.error.map_or(&case.op.wire_name, |e| &e.shape_id));
        let body = match (side, case.request) {
            (Side::Client, true) => self.client_request(case),
            (Side::Client, false) => self.client_response(case),
            (Side::Server, true) => self.server_request(case),
            (Side::Server, false) => self.server_response(case),
        };
        let kind = if case.request { Kind::Request } else { Kind::Response };
        let known = KNOWN_FAILURES.iter().find(|(id, s, k, _)| *id == case.id && *s == side && *k == kind).map(|(_, _, _, why)| *why);
        let known = known.map(|why| quote!(#[ignore = #why]));
        match body {
            Ok(body) => quote! {
                #[doc = #id_doc]
                #[doc = ""]
                #docs
                #[::tokio::test]
                #known
                async fn #name() {
                    #body
                }
            },
            Err(why) => quote! {
                #[doc = #id_doc]
                #[doc = ""]
                #docs
                #[::tokio::test]
                #[ignore = #why]
                async fn #name() {
                    panic!("not generated: {}", #why);
                }
            },
        }
    }

    /// `httpMalformedRequestTests`: every case, once per set of its `testParameters`, sent to
    /// a server whose implementation provides no operation (a request that got through would
    /// answer 501), checking the status, headers and body of the refusal.
    fn malformed_module(&self) -> TokenStream {
        let protocol = self.krate.service.protocol.as_deref().unwrap_or_default();
        let mut names = BTreeSet::new();
        let mut tests = Vec::new();
        for op in &self.krate.operations {
            for case in op.malformed_tests.iter().filter(|c| c.get("protocol").and_then(Value::as_str).is_some_and(|p| p.rsplit('#').next() == Some(protocol))) {
                for (n, params) in expand_parameters(case).into_iter().enumerate() {
                    let id = case.get("id").and_then(Value::as_str).unwrap_or("unnamed");
                    let mut name = format!("{}_{n}", unraw(&snake_name(id)));
                    while !names.insert(name.clone()) {
                        name.push('_');
                    }
                    tests.push(self.malformed_test(case, op, &params, &name));
                }
            }
        }
        if tests.is_empty() {
            return TokenStream::new();
        }
        let trait_name = format_ident!("{}", self.krate.service.trait_name);
        quote! {
            /// `httpMalformedRequestTests` cases, one test per set of `testParameters`.
            mod malformed {
                #[allow(unused_imports)]
                use super::*;

                /// Provides no operation: a request that gets past the protocol answers 501.
                struct Nothing;
                impl crate::service::#trait_name for Nothing {}

                #(#tests)*
            }
        }
    }

    fn malformed_test(&self, case: &Value, op: &OperationDef, params: &[(String, String)], name: &str) -> TokenStream {
        let text = |v: Option<&Value>| v.and_then(Value::as_str).map(|s| interpolate(s, params));
        let request = case.get("request").cloned().unwrap_or_default();
        let response = case.get("response").cloned().unwrap_or_default();
        let method = text(request.get("method")).unwrap_or_else(|| "POST".into());
        let mut uri = text(request.get("uri")).unwrap_or_else(|| "/".into());
        let query: Vec<String> = request.get("queryParams").and_then(Value::as_array).into_iter().flatten().filter_map(|q| text(Some(q))).collect();
        if !query.is_empty() {
            uri = format!("{uri}?{}", query.join("&"));
        }
        let header_pairs = |v: Option<&Value>| -> Vec<(String, String)> {
            v.and_then(Value::as_object).into_iter().flatten().map(|(k, v)| (interpolate(k, params), text(Some(v)).unwrap_or_default())).collect()
        };
        let headers = pairs(&header_pairs(request.get("headers")));
        let body = text(request.get("body")).unwrap_or_default();
        let code = response.get("code").and_then(Value::as_u64).and_then(|c| u16::try_from(c).ok()).unwrap_or(400);
        let expected_headers = pairs(&header_pairs(response.get("headers")));
        let expected_body = match text(response.get("body").and_then(|b| b.get("assertion")).and_then(|a| a.get("contents"))) {
            Some(contents) => quote!(::Option::Some(#contents)),
            None => quote!(::Option::None),
        };
        let id = case.get("id").and_then(Value::as_str).unwrap_or("unnamed");
        let shown: Vec<String> = params.iter().map(|(k, v)| format!("{k} = {v:?}")).collect();
        let id_doc = format!(" `{id}` on `{}`{}.", op.wire_name, if shown.is_empty() { String::new() } else { format!(", with {}", shown.join(", ")) });
        let docs = case.get("documentation").and_then(Value::as_str).map(|d| doc(d.trim())).unwrap_or_default();
        let name = format_ident!("{}", name);
        quote! {
            #[doc = #id_doc]
            #[doc = ""]
            #docs
            #[::tokio::test]
            async fn #name() {
                let server = crate::server::Server::new(Nothing);
                let (status, headers, body) = super::send(server, #method, #uri, &[#headers], #body).await;
                super::assert_refused(status, &headers, &body, #code, &[#expected_headers], #expected_body);
            }
        }
    }

    /// `tests/round_trip.rs`: every operation through the generated client and the generated
    /// server on loopback, with the input of its first request case (else the smallest valid
    /// one) and the output of its first response case (else the default); the server must see
    /// the input the client sent, and the client read the output the server wrote; and for an
    /// operation with errors, its first error comes back as that variant.
    fn round_trip_file(&self) -> Result<TokenStream> {
        let tests = self.krate.operations.iter().map(|op| self.round_trip(op));
        let support = support_tokens(&ROUND_TRIP_SUPPORT.replace("IDEMPOTENCY_TOKEN", IDEMPOTENCY_TOKEN))?;
        Ok(quote! {
            #![cfg(all(feature = "client", feature = "server"))]
            #![doc = " Every operation through the generated client and the generated server, on loopback."]
            #![allow(clippy::all, unused_imports, dead_code)]

            #support
            #(#tests)*
        })
    }

    fn round_trip(&self, op: &OperationDef) -> TokenStream {
        let (service, input_ty, output_ty, error_ty, method) = self.op_parts(op);
        let protocol = self.krate.service.protocol.as_deref().unwrap_or_default();
        let ours = |v: &&Value| v.get("protocol").and_then(Value::as_str).is_some_and(|p| p.rsplit('#').next() == Some(protocol));
        let client_side = |v: &&Value| v.get("appliesTo").and_then(Value::as_str) != Some("server");
        let mut params = op.request_tests.iter().filter(ours).find(client_side).and_then(|c| c.get("params")?.as_object().cloned()).unwrap_or_else(|| self.minimal_params(&op.input));
        if let Some(token) = &op.idempotency_token {
            params.entry(token.clone()).or_insert_with(|| Value::String(IDEMPOTENCY_TOKEN.to_string()));
        }
        let input = self.struct_expr(&op.input, &params).ok();
        let output_params = op.response_tests.iter().filter(ours).filter(|c| c.get("appliesTo").and_then(Value::as_str) != Some("client")).find_map(|c| c.get("params")?.as_object().cloned());
        let output = output_params.and_then(|p| self.struct_expr(&op.output, &p).ok()).unwrap_or_else(|| quote!(<#output_ty as ::Default>::default()));
        let name = format_ident!("{}", unraw(&op.module).trim_end_matches('_'));
        let Some(input) = input else {
            let why = "no input could be built from the operation's cases";
            return quote! {
                #[::tokio::test]
                #[ignore = #why]
                async fn #name() {}
            };
        };
        // The server fills `@default`s in: an input with defaults is compared by what was sent
        // only when it sets them all.
        let has_defaults = matches!(self.def(&op.input).map(|d| &d.kind), Some(TypeKind::Struct(s)) if s.fields.iter().any(|f| f.default.as_ref().is_some_and(|v| !v.is_null())));
        let lossy = |side: Side| LOSSY_ROUND_TRIPS.iter().find(|(name, s, _)| *name == op.wire_name && *s == side).map(|(_, _, why)| *why);
        let compare_input = if has_defaults || lossy(Side::Server).is_some() {
            quote!(assert!(seen.is_some(), "the server called the operation");)
        } else {
            quote!(assert_same(&seen.expect("the server called the operation"), &sent);)
        };
        let compare_output = match lossy(Side::Client) {
            Some(_) => quote!(let _ = output;),
            None => quote! {
                let expected: #output_ty = #output;
                assert_same(&output, &expected);
            },
        };
        let error = op.errors.first().map(|e| {
            let variant = error_variant(e);
            let p = type_path(e);
            let shown = format!("expected the `{}` error, got {{other:?}}", e.name);
            quote! {
                let server = crate::server::Server::new(Failing);
                let client = serve(server).await;
                match #service::#method(&client, input.clone()).await {
                    ::Result::Err(#error_ty::#variant(_)) => {}
                    other => panic!(#shown),
                }
                struct Failing;
                impl #service for Failing {
                    async fn #method(&self, _input: #input_ty) -> ::Result<#output_ty, #error_ty> {
                        ::Result::Err(#error_ty::#variant(<#p as ::Default>::default()))
                    }
                }
            }
        });
        let mut doc = format!(" `{}`: the client's input reaches the server, the server's output the client.", op.wire_name);
        for (side, what) in [(Side::Server, "input"), (Side::Client, "output")] {
            if let Some(why) = lossy(side) {
                doc.push_str(&format!(" The {what} is not compared: {why}."));
            }
        }
        quote! {
            #[doc = #doc]
            #[::tokio::test]
            async fn #name() {
                struct Handler(::Arc<::std::sync::Mutex<::Option<#input_ty>>>);
                impl #service for Handler {
                    async fn #method(&self, input: #input_ty) -> ::Result<#output_ty, #error_ty> {
                        *self.0.lock().unwrap() = ::Option::Some(input);
                        ::Result::Ok(#output)
                    }
                }
                let sent: #input_ty = #input;
                let input = sent.clone();
                let captured = ::Arc::new(::std::sync::Mutex::new(::Option::None));
                let client = serve(crate::server::Server::new(Handler(::Arc::clone(&captured)))).await;
                let output = #service::#method(&client, input.clone()).await.unwrap_or_else(|e| panic!("the call failed: {e:?}"));
                let seen = captured.lock().unwrap().take();
                #compare_input
                #compare_output
                #error
            }
        }
    }

    fn op_parts(&self, op: &OperationDef) -> (TokenStream, TokenStream, TokenStream, TokenStream, Ident) {
        let trait_name = format_ident!("{}", self.krate.service.trait_name);
        let module = super::rust::location_path(&op.input.location);
        let error = format_ident!("{}Error", unraw(&op.name));
        (
            quote!(crate::service::#trait_name),
            type_path(&op.input),
            type_path(&op.output),
            quote!(#module::#error),
            ident(&op.module),
        )
    }

    fn client_request(&self, case: &Case) -> Expr {
        let (service, _, _, _, method_name) = self.op_parts(case.op);
        let input = self.struct_expr(&case.op.input, &case.params())?;
        let endpoint = format!("https://{}", case.str("host").unwrap_or("example.com"));
        let method = case.str("method").unwrap_or("POST");
        let uri = case.str("uri").unwrap_or("/");
        let host = option_str(case.str("resolvedHost"));
        let headers = pairs(&case.headers());
        let forbid = case.names("forbidHeaders");
        let require = case.names("requireHeaders");
        let query = case.names("queryParams");
        let forbid_query = case.names("forbidQueryParams");
        let require_query = case.names("requireQueryParams");
        let body = expected_body(case);
        Ok(quote! {
            let (client, captured) = super::client(#endpoint, 200, &[], "{}");
            let input = #input;
            let result = #service::#method_name(&client, input).await;
            let request = captured.lock().unwrap().take();
            let request = request.unwrap_or_else(|| panic!("no request was sent: {result:?}"));
            super::assert_request(&request, #method, #uri, #host, &[#headers], &[#(#forbid),*], &[#(#require),*], #body);
            super::assert_query(&request, &[#(#query),*], &[#(#forbid_query),*], &[#(#require_query),*]);
        })
    }

    fn client_response(&self, case: &Case) -> Expr {
        let (service, input, _, error, method_name) = self.op_parts(case.op);
        let endpoint = format!("https://{}", case.str("host").unwrap_or("example.com"));
        let code = status(case)?;
        let headers = pairs(&case.headers());
        let body = case.str("body").unwrap_or_default();
        let call = quote! {
            let (client, _captured) = super::client(#endpoint, #code, &[#headers], #body);
            let result = #service::#method_name(&client, <#input as ::Default>::default()).await;
        };
        Ok(match case.error {
            None => {
                let expected = self.struct_expr(&case.op.output, &case.params())?;
                quote! {
                    #call
                    let output = result.expect("the response reads as the operation's output");
                    let expected = #expected;
                    super::assert_same(&output, &expected);
                }
            }
            Some(def) => {
                let expected = self.struct_expr(&def.path, &case.params())?;
                let variant = error_variant(&def.path);
                let shown = format!("expected the `{}` error, got {{other:?}}", def.path.name);
                let check = match error_code_params(case) {
                    Some((code, fault)) => {
                        let fault = match fault {
                            Some(fault) => quote!(::Option::Some(crate::error::ErrorFault::#fault)),
                            None => quote!(::Option::None),
                        };
                        quote!({
                            super::assert_same(&err, &expected);
                            super::assert_error_code(&err, #code, #fault);
                        })
                    }
                    None => quote!(super::assert_same(&err, &expected),),
                };
                quote! {
                    #call
                    let expected = #expected;
                    match result {
                        ::Result::Err(#error::#variant(err)) => #check
                        other => panic!(#shown),
                    }
                }
            }
        })
    }

    fn server_request(&self, case: &Case) -> Expr {
        let (service, input, output, error, method_name) = self.op_parts(case.op);
        let expected = self.struct_expr(&case.op.input, &case.params())?;
        let method = case.str("method").unwrap_or("POST");
        let uri = case.str("uri").unwrap_or("/");
        let body = match case.str("body") {
            Some(body) => body,
            None if case.params().is_empty() => "",
            None => return Err("the case has no body to send (it only asserts what a client sends)".to_string()),
        };
        // The case lists the headers it asserts on; the protocol's own are sent regardless.
        let mut headers = case.headers();
        let query = case.names("queryParams");
        let uri = if query.is_empty() { uri.to_string() } else { format!("{uri}?{}", query.join("&")) };
        for (name, value) in crate::protocol::for_crate(self.krate).test_request_headers(self.krate, case.op) {
            if !headers.iter().any(|(n, _)| n.eq_ignore_ascii_case(&name)) {
                headers.push((name, value));
            }
        }
        let headers = pairs(&headers);
        Ok(quote! {
            struct Handler(::Arc<::std::sync::Mutex<::Option<#input>>>);
            impl #service for Handler {
                async fn #method_name(&self, input: #input) -> ::Result<#output, #error> {
                    *self.0.lock().unwrap() = ::Option::Some(input);
                    ::Result::Ok(::Default::default())
                }
            }
            let captured = ::Arc::new(::std::sync::Mutex::new(::Option::None));
            let server = crate::server::Server::new(Handler(::Arc::clone(&captured)));
            let (status, _headers, body) = super::send(server, #method, #uri, &[#headers], #body).await;
            let input = captured.lock().unwrap().take();
            let input = input.unwrap_or_else(|| panic!("the operation was not called; the server answered {status}: {}", ::String::from_utf8_lossy(&body)));
            let expected = #expected;
            super::assert_same(&input, &expected);
        })
    }

    fn server_response(&self, case: &Case) -> Expr {
        let (service, input, output, error, method_name) = self.op_parts(case.op);
        let result = match case.error {
            None => {
                let expected = self.struct_expr(&case.op.output, &case.params())?;
                quote!(::Result::Ok(#expected))
            }
            Some(def) => {
                let expected = self.struct_expr(&def.path, &case.params())?;
                let variant = error_variant(&def.path);
                quote!(::Result::Err(#error::#variant(#expected)))
            }
        };
        let code = status(case)?;
        let headers = pairs(&case.headers());
        let forbid = case.names("forbidHeaders");
        let require = case.names("requireHeaders");
        let body = expected_body(case);
        let input_def = self.def(&case.op.input).ok_or_else(|| format!("no generated type for `{}`", case.op.input.name))?;
        let body_json = self.minimal_json(&Ty::Named(input_def.path.clone()), 0).to_string();
        let sample = crate::protocol::for_crate(self.krate).sample_request(self.krate, case.op, body_json);
        let (request_method, request_uri, request_body) = (&sample.method, &sample.uri, &sample.body);
        let request_headers = pairs(&sample.headers);
        Ok(quote! {
            struct Handler;
            impl #service for Handler {
                async fn #method_name(&self, _input: #input) -> ::Result<#output, #error> {
                    #result
                }
            }
            let server = crate::server::Server::new(Handler);
            // The smallest input that passes validation.
            let (status, headers, body) = super::send(server, #request_method, #request_uri, &[#request_headers], #request_body).await;
            super::assert_response(status, &headers, &body, #code, &[#headers], &[#(#forbid),*], &[#(#require),*], #body);
        })
    }

    /// The smallest JSON value of a type that has every required member: zeros, empty strings
    /// and collections, first enum values and union members; as the body sends it (members
    /// bound elsewhere left out, `@jsonName` keys).
    fn minimal_json(&self, ty: &Ty, depth: usize) -> Value {
        self.minimal_value(ty, depth, false)
    }

    /// The same as a test case's `params` write it: every required member, under its name; a
    /// label or header gets a non-empty value.
    fn minimal_params(&self, path: &TypePath) -> Map<String, Value> {
        match self.minimal_value(&Ty::Named(path.clone()), 0, true) {
            Value::Object(map) => map,
            _ => Map::new(),
        }
    }

    fn minimal_value(&self, ty: &Ty, depth: usize, params: bool) -> Value {
        match ty {
            Ty::String | Ty::Blob => Value::String(String::new()),
            Ty::Bool => Value::Bool(false),
            Ty::I8 | Ty::I16 | Ty::I32 | Ty::I64 | Ty::F32 | Ty::F64 | Ty::DateTime(_) => Value::from(0),
            Ty::BigInteger | Ty::BigDecimal => Value::from(0),
            Ty::Document | Ty::Map { .. } => Value::Object(Map::new()),
            Ty::List { .. } => Value::Array(Vec::new()),
            Ty::Boxed(inner) => self.minimal_value(inner, depth, params),
            Ty::Named(path) => {
                let Some(def) = self.def(path).filter(|_| depth < 32) else { return Value::Object(Map::new()) };
                match &def.kind {
                    TypeKind::Struct(s) => {
                        let protocol = crate::protocol::for_crate(self.krate);
                        let member = |f: &crate::ir::Field| {
                            let value = match (&f.ty, &f.binding) {
                                // A label cannot be empty.
                                (Ty::String, Some(_)) if params => Value::String("a".to_string()),
                                _ => self.minimal_value(&f.ty, depth + 1, params),
                            };
                            let key = if params { f.wire_name.clone() } else { protocol.json_key(&f.wire_name, f.json_name.as_deref()).to_string() };
                            (key, value)
                        };
                        Value::Object(
                            s.fields
                                .iter()
                                .filter(|f| f.required && f.default.is_none() && (params || protocol.in_body(f)))
                                .map(member)
                                .collect(),
                        )
                    }
                    TypeKind::Enum(e) => match e.variants.first().map(|v| &v.value) {
                        Some(crate::ir::EnumValue::String(s)) => Value::String(s.clone()),
                        Some(crate::ir::EnumValue::Int(i)) => Value::from(*i),
                        None => Value::String(String::new()),
                    },
                    TypeKind::Union(u) => match u.variants.first() {
                        Some(v) => {
                            let value = v.ty.as_ref().map_or(Value::Object(Map::new()), |t| self.minimal_value(t, depth + 1, params));
                            Value::Object(Map::from_iter([(v.wire_name.clone(), value)]))
                        }
                        None => Value::Object(Map::new()),
                    },
                }
            }
        }
    }

    /// `Path::builder().member(value)....build()` for a structure, from a node object.
    fn struct_expr(&self, path: &TypePath, params: &Map<String, Value>) -> Expr {
        let def = self.def(path).ok_or_else(|| format!("no generated type for `{}`", path.name))?;
        let TypeKind::Struct(s) = &def.kind else {
            return Err(format!("`{}` is not a structure", def.shape_id));
        };
        let p = type_path(path);
        let mut calls = Vec::new();
        for (key, value) in params {
            let field = s
                .fields
                .iter()
                .find(|f| &f.wire_name == key)
                .ok_or_else(|| format!("params name `{key}`, which is not a member of `{}`", def.shape_id))?;
            if value.is_null() {
                continue;
            }
            let inner = match &field.ty {
                Ty::Boxed(inner) => inner.as_ref(),
                other => other,
            };
            let expr = self.value_expr(inner, value).map_err(|e| format!("`{}${key}`: {e}", def.shape_id))?;
            // A collection's plain setter adds one element; the case gives the whole value.
            calls.push(if matches!(inner, Ty::List { .. } | Ty::Map { .. }) {
                let set = ident(&field.set_setter);
                quote!(.#set(::Option::Some(#expr)))
            } else {
                let setter = ident(&field.setter);
                quote!(.#setter(#expr))
            });
        }
        let fallible = s.fields.iter().any(|f| f.required && f.default.is_none());
        let unwrap = fallible.then(|| quote!(.expect("the test case sets every required member")));
        Ok(quote!(#p::builder() #(#calls)* .build() #unwrap))
    }

    /// A Rust expression of type `ty` for a Smithy node value.
    fn value_expr(&self, ty: &Ty, value: &Value) -> Expr {
        let mismatch = || format!("{value} does not fit {ty:?}");
        Ok(match ty {
            Ty::String => {
                let s = value.as_str().ok_or_else(mismatch)?;
                quote!(::String::from(#s))
            }
            Ty::Bool => {
                let b = value.as_bool().ok_or_else(mismatch)?;
                quote!(#b)
            }
            Ty::I8 | Ty::I16 | Ty::I32 | Ty::I64 => {
                let n = value.as_i64().ok_or_else(mismatch)?;
                let (min, max, suffix) = match ty {
                    Ty::I8 => (i8::MIN as i64, i8::MAX as i64, "i8"),
                    Ty::I16 => (i16::MIN as i64, i16::MAX as i64, "i16"),
                    Ty::I32 => (i32::MIN as i64, i32::MAX as i64, "i32"),
                    _ => (i64::MIN, i64::MAX, "i64"),
                };
                if n < min || n > max {
                    return Err(mismatch());
                }
                int_tokens(n, suffix)
            }
            Ty::F32 | Ty::F64 => {
                let t = if *ty == Ty::F32 { quote!(f32) } else { quote!(f64) };
                match value {
                    Value::String(s) => match s.as_str() {
                        "NaN" => quote!(#t::NAN),
                        "Infinity" => quote!(#t::INFINITY),
                        "-Infinity" => quote!(#t::NEG_INFINITY),
                        _ => return Err(mismatch()),
                    },
                    Value::Number(n) => {
                        let v = n.as_f64().ok_or_else(mismatch)?;
                        float_tokens(v, *ty == Ty::F32)
                    }
                    _ => return Err(mismatch()),
                }
            }
            Ty::Blob => {
                let s = value.as_str().ok_or_else(mismatch)?;
                quote!(crate::primitives::Blob::from(#s))
            }
            Ty::DateTime(_) => {
                let v = value.as_f64().ok_or_else(mismatch)?;
                let secs = float_tokens(v, false);
                quote!(crate::primitives::DateTime::from_secs_f64(#secs))
            }
            Ty::Document => {
                let text = value.to_string();
                quote!(::serde_json::from_str::<crate::primitives::Document>(#text).expect("the test case's document is JSON"))
            }
            Ty::BigInteger | Ty::BigDecimal => {
                let text = match value {
                    Value::Number(n) => n.to_string(),
                    Value::String(s) => s.clone(),
                    _ => return Err(mismatch()),
                };
                let t = super::rust::ty(ty);
                quote!(#text.parse::<#t>().expect("the test case's number parses"))
            }
            Ty::Boxed(inner) => {
                let e = self.value_expr(inner, value)?;
                quote!(::Box::new(#e))
            }
            Ty::List { item, sparse } => {
                let items = value.as_array().ok_or_else(mismatch)?;
                let mut out = Vec::new();
                for v in items {
                    out.push(self.member_value(item, *sparse, v)?);
                }
                let t = super::rust::ty(ty);
                quote!(<#t>::from([#(#out),*]))
            }
            Ty::Map { key, value: item, sparse } => {
                let map = value.as_object().ok_or_else(mismatch)?;
                let mut out = Vec::new();
                for (k, v) in map {
                    let k = self.value_expr(key, &Value::String(k.clone()))?;
                    let v = self.member_value(item, *sparse, v)?;
                    out.push(quote!((#k, #v)));
                }
                let t = super::rust::ty(ty);
                quote!(<#t>::from_iter([#(#out),*]))
            }
            Ty::Named(path) => {
                let def = self.def(path).ok_or_else(|| format!("no generated type for `{}`", path.name))?;
                let p = type_path(path);
                match &def.kind {
                    TypeKind::Struct(_) => self.struct_expr(path, value.as_object().ok_or_else(mismatch)?)?,
                    TypeKind::Enum(e) if e.int => {
                        let n = value.as_i64().filter(|n| i32::try_from(*n).is_ok()).ok_or_else(mismatch)?;
                        let lit = int_tokens(n, "i32");
                        quote!(#p::from(#lit))
                    }
                    TypeKind::Enum(_) => {
                        let s = value.as_str().ok_or_else(mismatch)?;
                        quote!(#p::from(#s))
                    }
                    TypeKind::Union(u) => {
                        let obj = value.as_object().ok_or_else(mismatch)?;
                        let set: Vec<(&String, &Value)> = obj.iter().filter(|(_, v)| !v.is_null()).collect();
                        let [(key, v)] = set.as_slice() else {
                            return Err(format!("a union value needs exactly one member, got {value}"));
                        };
                        let variant = u
                            .variants
                            .iter()
                            .find(|x| &x.wire_name == *key)
                            .ok_or_else(|| format!("`{key}` is not a member of union `{}`", def.shape_id))?;
                        let n = ident(&variant.name);
                        match &variant.ty {
                            None => quote!(#p::#n),
                            Some(t) => {
                                let e = self.value_expr(t, v)?;
                                quote!(#p::#n(#e))
                            }
                        }
                    }
                }
            }
        })
    }

    /// A list item or map value: `Some`/`None` in sparse collections.
    fn member_value(&self, ty: &Ty, sparse: bool, value: &Value) -> Expr {
        if sparse {
            if value.is_null() {
                return Ok(quote!(::Option::None));
            }
            let e = self.value_expr(ty, value)?;
            return Ok(quote!(::Option::Some(#e)));
        }
        if value.is_null() {
            return Err("null in a collection that is not @sparse".to_string());
        }
        self.value_expr(ty, value)
    }
}

/// A malformed-request case's parameter sets: one per index of its `testParameters` lists (all
/// of the same length), or one empty set.
fn expand_parameters(case: &Value) -> Vec<Vec<(String, String)>> {
    let Some(map) = case.get("testParameters").and_then(Value::as_object).filter(|m| !m.is_empty()) else { return vec![Vec::new()] };
    let count = map.values().filter_map(Value::as_array).map(Vec::len).max().unwrap_or(0);
    (0..count)
        .map(|i| {
            map.iter()
                .map(|(k, v)| (k.clone(), v.get(i).and_then(Value::as_str).unwrap_or_default().to_string()))
                .collect()
        })
        .collect()
}

/// `$name:L` becomes the parameter's value, `$name:S` the value as a JSON string literal, `$$`
/// a `$`; any other `$` stays.
fn interpolate(text: &str, params: &[(String, String)]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('$') {
        out.push_str(&rest[..at]);
        rest = &rest[at + 1..];
        if let Some(after) = rest.strip_prefix('$') {
            out.push('$');
            rest = after;
            continue;
        }
        let found = params.iter().find_map(|(name, value)| {
            let after = rest.strip_prefix(name.as_str())?;
            if let Some(after) = after.strip_prefix(":L") {
                Some((value.clone(), after))
            } else {
                after.strip_prefix(":S").map(|after| (serde_json::to_string(value).unwrap_or_default(), after))
            }
        });
        match found {
            Some((value, after)) => {
                out.push_str(&value);
                rest = after;
            }
            None => out.push('$'),
        }
    }
    out.push_str(rest);
    out
}

/// The error code and fault a client must read from an error response, when the case says them
/// (`vendorParams` of shape `aws.protocoltests.config#ErrorCodeParams`: `code`, and `type`:
/// `Sender` for the client's fault, `Receiver` for the service's).
fn error_code_params(case: &Case) -> Option<(String, Option<Ident>)> {
    if case.str("vendorParamsShape") != Some("aws.protocoltests.config#ErrorCodeParams") {
        return None;
    }
    let params = case.value.get("vendorParams")?;
    let code = params.get("code")?.as_str()?.to_string();
    let fault = match params.get("type").and_then(Value::as_str) {
        Some("Sender") => Some(format_ident!("Client")),
        Some("Receiver") => Some(format_ident!("Server")),
        _ => None,
    };
    Some((code, fault))
}

fn status(case: &Case) -> Expr {
    let code = case.value.get("code").and_then(Value::as_u64).and_then(|c| u16::try_from(c).ok());
    let code = code.ok_or_else(|| "the case has no valid `code`".to_string())?;
    Ok(quote!(#code))
}

fn option_str(s: Option<&str>) -> TokenStream {
    match s {
        Some(s) => quote!(::Option::Some(#s)),
        None => quote!(::Option::None),
    }
}

/// The case's expected body, `Some((body, is_json))`, for the checks that compare bodies.
fn expected_body(case: &Case) -> TokenStream {
    match case.str("body") {
        Some(b) => {
            let json = case.is_json();
            quote!(::Option::Some((#b, #json)))
        }
        None => quote!(::Option::None),
    }
}

fn pairs(pairs: &[(String, String)]) -> TokenStream {
    let items = pairs.iter().map(|(k, v)| quote!((#k, #v)));
    quote!(#(#items),*)
}

/// An integer literal with its type suffix; a negative one as `-` and the magnitude (a literal
/// token carries no sign; rustc accepts `-128i8`).
fn int_tokens(n: i64, suffix: &str) -> TokenStream {
    let lit: Literal = format!("{}{suffix}", n.unsigned_abs()).parse().expect("an integer literal");
    if n < 0 {
        quote!(-#lit)
    } else {
        quote!(#lit)
    }
}

/// A float literal of the right type.
fn float_tokens(v: f64, single: bool) -> TokenStream {
    let lit = if single { Literal::f32_suffixed(v.abs() as f32) } else { Literal::f64_suffixed(v.abs()) };
    if v.is_sign_negative() {
        quote!((-#lit))
    } else {
        quote!(#lit)
    }
}

/// Support code for the client tests: a client whose transport captures the request and answers
/// with a canned response, and the assertions.
const CLIENT_SUPPORT: &str = r#"
type Captured = ::std::sync::Arc<::std::sync::Mutex<::std::option::Option<crate::client::HttpRequest>>>;

/// A client for `endpoint` whose transport keeps the request and answers with `status`,
/// `headers` and `body`; no retries, fixed credentials and idempotency token.
fn client(endpoint: &str, status: u16, headers: &[(&str, &str)], body: &str) -> (crate::client::Client, Captured) {
    let captured: Captured = ::std::default::Default::default();
    let slot = ::std::sync::Arc::clone(&captured);
    let headers: ::std::vec::Vec<(::std::string::String, ::std::string::String)> =
        headers.iter().map(|(n, v)| (n.to_string(), v.to_string())).collect();
    let body = ::bytes::Bytes::from(body.to_string());
    let transport = crate::client::transport_fn(move |request: crate::client::HttpRequest| {
        *slot.lock().unwrap() = ::std::option::Option::Some(request);
        let mut response = ::http::Response::builder().status(status);
        for (name, value) in &headers {
            response = response.header(name.as_str(), value.as_str());
        }
        let response = response.body(body.clone()).expect("the canned response is valid");
        async move { ::std::result::Result::Ok(response) }
    });
    let config = crate::client::Config::builder()
        .region("us-east-1")
        .credentials(crate::auth::Credentials::from_keys("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", ::std::option::Option::None))
        .endpoint_url(endpoint)
        .retry_config(crate::client::RetryConfig::disabled())
        .idempotency_token_provider(crate::client::IdempotencyTokenProvider::fixed("IDEMPOTENCY_TOKEN"))
        .transport(transport)
        .build();
    (crate::client::Client::new(config), captured)
}

/// Checks a request the client sent against a test case.
#[allow(clippy::too_many_arguments)]
fn assert_request(
    request: &crate::client::HttpRequest,
    method: &str,
    uri: &str,
    resolved_host: ::std::option::Option<&str>,
    headers: &[(&str, &str)],
    forbid: &[&str],
    require: &[&str],
    body: ::std::option::Option<(&str, bool)>,
) {
    assert_eq!(request.method().as_str(), method, "method");
    assert_eq!(request.uri().path(), uri, "URI path");
    if let ::std::option::Option::Some(host) = resolved_host {
        assert_eq!(request.uri().host(), ::std::option::Option::Some(host), "host");
    }
    assert_headers(request.headers(), headers, forbid, require);
    if let ::std::option::Option::Some((expected, json)) = body {
        assert_body(request.body(), expected, json);
    }
}

/// Checks the code and, when the case names one, the fault an error read from a response has.
fn assert_error_code<E: crate::error::ErrorMetadata>(err: &E, code: &str, fault: ::std::option::Option<crate::error::ErrorFault>) {
    assert_eq!(err.code(), ::std::option::Option::Some(code), "the error's code");
    if fault.is_some() {
        assert_eq!(err.fault(), fault, "the error's fault");
    }
}

/// Checks the request's query string: every expected `key=value` is there (as sent, still
/// percent-encoded), no forbidden key is, every required key is.
fn assert_query(request: &crate::client::HttpRequest, expected: &[&str], forbid: &[&str], require: &[&str]) {
    let query = request.uri().query().unwrap_or("");
    let params: ::std::vec::Vec<&str> = query.split('&').filter(|p| !p.is_empty()).collect();
    let key = |p: &str| p.split('=').next().unwrap_or("").to_string();
    for param in expected {
        assert!(params.contains(param), "query parameter `{param}` is missing; query: `{query}`");
    }
    for name in forbid {
        assert!(!params.iter().any(|p| key(p) == *name), "forbidden query parameter `{name}` is present: `{query}`");
    }
    for name in require {
        assert!(params.iter().any(|p| key(p) == *name), "required query parameter `{name}` is missing: `{query}`");
    }
}
"#;

/// Support code for the server tests: sending a request through the tower service, and the
/// assertions.
const SERVER_SUPPORT: &str = r#"
/// Sends one request through the server's tower service; the response's status, headers and body.
async fn send<S: crate::service::TRAIT + 'static>(
    server: crate::server::Server<S>,
    method: &str,
    uri: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> (u16, ::http::HeaderMap, ::bytes::Bytes) {
    type Body = ::http_body_util::Full<::bytes::Bytes>;
    let mut server = server;
    let mut request = ::http::Request::builder().method(method).uri(uri);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let request = request.body(Body::new(::bytes::Bytes::from(body.to_string()))).expect("the test request is valid");
    ::std::future::poll_fn(|cx| ::tower_service::Service::<::http::Request<Body>>::poll_ready(&mut server, cx))
        .await
        .expect("the server is ready");
    let response = ::tower_service::Service::call(&mut server, request).await.expect("the server answers");
    let (parts, body) = response.into_parts();
    let body = ::http_body_util::BodyExt::collect(body).await.expect("the body reads").to_bytes();
    (parts.status.as_u16(), parts.headers, body)
}

/// Checks a response the server wrote against a test case.
#[allow(clippy::too_many_arguments)]
fn assert_response(
    status: u16,
    headers: &::http::HeaderMap,
    body: &[u8],
    expected_status: u16,
    expected_headers: &[(&str, &str)],
    forbid: &[&str],
    require: &[&str],
    expected_body: ::std::option::Option<(&str, bool)>,
) {
    assert_eq!(status, expected_status, "status; body: {}", ::std::string::String::from_utf8_lossy(body));
    assert_headers(headers, expected_headers, forbid, require);
    if let ::std::option::Option::Some((expected, json)) = expected_body {
        assert_body(body, expected, json);
    }
}
/// Checks the server's refusal of a malformed request: the status, the headers the case names,
/// and the body (as JSON) when the case gives one.
#[allow(dead_code)]
fn assert_refused(status: u16, headers: &::http::HeaderMap, body: &[u8], expected_status: u16, expected_headers: &[(&str, &str)], expected_body: ::std::option::Option<&str>) {
    assert_eq!(status, expected_status, "status; body: {}", ::std::string::String::from_utf8_lossy(body));
    assert_headers(headers, expected_headers, &[], &[]);
    if let ::std::option::Option::Some(expected) = expected_body {
        assert_body(body, expected, true);
    }
}
"#;



/// Support code for the loopback round trips.
const ROUND_TRIP_SUPPORT: &str = r#"
/// Serves `server` on a free loopback port for the rest of the test, and a client for it.
async fn serve<S: Send + Sync + 'static>(server: crate::server::Server<S>) -> crate::client::Client
where
    crate::server::Routes: ::smithy_codegen_runtime::server::Routes<S>,
{
    let listener = ::tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("a loopback port");
    let address = listener.local_addr().expect("an address");
    ::tokio::spawn(server.serve(listener, ::std::future::pending()));
    let config = crate::client::Config::builder()
        .region("us-east-1")
        .credentials(crate::auth::Credentials::from_keys("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", ::std::option::Option::None))
        .endpoint_url(::std::format!("http://{address}"))
        .retry_config(crate::client::RetryConfig::disabled())
        .idempotency_token_provider(crate::client::IdempotencyTokenProvider::fixed("IDEMPOTENCY_TOKEN"))
        .disable_host_prefix(true)
        .build();
    crate::client::Client::new(config)
}

"#;

/// Support code both sides use: header, body and value assertions.
const SHARED_SUPPORT: &str = r#"
/// Checks the expected headers (values of repeated headers joined with `, `), and that the
/// forbidden ones are absent and the required ones present.
pub fn assert_headers(actual: &::http::HeaderMap, expected: &[(&str, &str)], forbid: &[&str], require: &[&str]) {
    for (name, value) in expected {
        let values: ::std::vec::Vec<&str> =
            actual.get_all(*name).iter().map(|v| v.to_str().unwrap_or("<not UTF-8>")).collect();
        assert!(!values.is_empty(), "header `{name}` is missing; headers: {actual:?}");
        assert_eq!(values.join(", "), *value, "header `{name}`");
    }
    for name in forbid {
        assert!(actual.get(*name).is_none(), "forbidden header `{name}` is present: {actual:?}");
    }
    for name in require {
        assert!(actual.get(*name).is_some(), "required header `{name}` is missing; headers: {actual:?}");
    }
}

/// Checks a body: as JSON values when `json`, else byte for byte. An empty expected body means
/// no body at all: the cases that expect one (`AwsJson10ServiceRespondsWithNoPayload`) say
/// that the sender must send none, and only receivers must also take `{}`.
pub fn assert_body(actual: &[u8], expected: &str, json: bool) {
    let text = ::std::string::String::from_utf8_lossy(actual);
    if expected.is_empty() {
        assert!(actual.is_empty(), "expected no body, got {text}");
        return;
    }
    if json {
        let actual: ::serde_json::Value =
            ::serde_json::from_slice(actual).unwrap_or_else(|e| panic!("the body is not JSON ({e}): {text}"));
        let expected: ::serde_json::Value = ::serde_json::from_str(expected).expect("the test case's body is JSON");
        assert_json_eq(&actual, &expected);
    } else {
        assert_eq!(text, expected, "body");
    }
}

/// JSON equality that compares numbers by value (`1` equals `1.0`).
pub fn json_eq(a: &::serde_json::Value, b: &::serde_json::Value) -> bool {
    use ::serde_json::Value;
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x == y || x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(x, y)| json_eq(x, y)),
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| json_eq(v, w)))
        }
        _ => a == b,
    }
}

pub fn assert_json_eq(actual: &::serde_json::Value, expected: &::serde_json::Value) {
    assert!(json_eq(actual, expected), "JSON differs\n  actual: {actual}\nexpected: {expected}");
}

/// Compares two values of a generated type, every member (bound to the body or not): by
/// `PartialEq`, and where that fails only because of `NaN`s, by their `Debug` forms.
pub fn assert_same<T: ::std::cmp::PartialEq + ::std::fmt::Debug>(actual: &T, expected: &T) {
    if actual == expected {
        return;
    }
    // The request id is not part of the value (`PartialEq` ignores it too).
    let strip = |mut s: ::std::string::String| {
        while let ::std::option::Option::Some(at) = s.find("_request_id: Some(\"") {
            let end = s[at..].find("\")").map_or(s.len(), |e| at + e + 2);
            s.replace_range(at..end, "_request_id: None");
        }
        s
    };
    let (a, e) = (strip(::std::format!("{actual:?}")), strip(::std::format!("{expected:?}")));
    // Maps print in no particular order: the same characters in another order are the same.
    let sorted = |s: &str| {
        let mut chars: ::std::vec::Vec<char> = s.chars().collect();
        chars.sort_unstable();
        chars
    };
    assert!(a.contains("NaN") && sorted(&a) == sorted(&e), "values differ\n  actual: {a}\nexpected: {e}");
}
"#;

#[cfg(test)]
mod tests {
    use super::*;

    fn generate(model: &str, service: Option<&str>) -> BTreeMap<String, String> {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(model);
        let text = std::fs::read_to_string(&path).unwrap();
        let settings = crate::Settings { service: service.map(str::to_string), ..crate::Settings::default() };
        crate::generate(&text, &settings).unwrap()
    }

    #[test]
    fn literals_carry_their_type_and_sign() {
        assert_eq!(int_tokens(-128, "i8").to_string(), "- 128i8");
        assert_eq!(int_tokens(7, "i64").to_string(), "7i64");
        assert_eq!(float_tokens(-1.5, true).to_string(), "(- 1.5f32)");
    }

    #[test]
    fn every_case_of_the_service_becomes_a_test() {
        // The service's request and response cases, on the sides `appliesTo` picks: (suite,
        // service, client tests, server tests).
        let suites = [
            ("json10", "aws.protocoltests.json10#JsonRpc10", 28 + 39, 25 + 21),
            ("json11", "aws.protocoltests.json#JsonProtocol", 56 + 62, 57 + 45),
        ];
        for (suite, service, client, server) in suites {
            let files = generate(&format!("tests/fixtures/protocol/aws-protocol-tests-{suite}.json"), Some(service));
            let count = |path: &str, what: &str| files[path].matches(what).count();
            assert_eq!(count("tests/client_protocol_tests.rs", "#[::tokio::test]"), client, "{suite}");
            assert_eq!(count("tests/server_protocol_tests.rs", "#[::tokio::test]"), server, "{suite}");
            // Only the compression cases, which have no body to send, are beyond the server tests.
            assert_eq!(count("tests/server_protocol_tests.rs", "not generated"), 2, "{suite}");
            assert_eq!(count("tests/client_protocol_tests.rs", "not generated"), 0, "{suite}");
            assert!(files["Cargo.toml"].contains("\ntokio = "));
        }
    }

    #[test]
    fn cases_with_error_code_params_check_the_code_and_fault() {
        let files = generate("tests/fixtures/protocol/aws-protocol-tests-json10.json", Some("aws.protocoltests.json10#QueryCompatibleJsonRpc10"));
        let client = &files["tests/client_protocol_tests.rs"];
        // A check for each of the two cases; only one names a fault.
        assert_eq!(client.matches("super::assert_error_code(").count(), 2, "{client}");
        assert!(client.contains("\"Customized\",") && client.contains("error::ErrorFault::Client"), "{client}");
        assert!(client.contains("\"NoCustomCodeError\","), "{client}");
    }

    #[test]
    fn models_without_cases_get_no_tests() {
        let files = generate("model/mwaa-serverless-2024-07-26.json", None);
        assert!(!files.keys().any(|k| k.starts_with("tests/")));
        assert!(!files["Cargo.toml"].contains("tower-service"));
    }
}
