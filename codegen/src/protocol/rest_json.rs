//! `restJson1`: `@http` routes, members bound to labels, the query string, headers, the status
//! or the payload, the rest a JSON body under `@jsonName`s.

use super::Protocol;
use crate::emit::rust::{type_path, RT};
use crate::ir::{Crate, ErrorInfo, Field, HttpBinding, OperationDef, TimestampFormat, Ty, TypeDef, TypeKind};
use crate::naming::ident;
use proc_macro2::TokenStream;
use quote::quote;

pub(crate) struct RestJson;

/// What a bound member's value is, for how it is written and read.
enum Value<'a> {
    Text,
    /// A string with `@mediaType`: base64 in headers.
    MediaText,
    /// Anything `HttpValue` and `FromHttpValue` cover as it is.
    Plain,
    Enum,
    IntEnum,
    Time(Option<TimestampFormat>),
    List(&'a Ty),
    Map(&'a Ty),
    /// A structure, union or document (payloads only).
    Json { unset_is_empty_object: bool },
    Blob,
}

fn classify<'a>(krate: &Crate, ty: &'a Ty, media: bool) -> Value<'a> {
    match ty {
        Ty::String if media => Value::MediaText,
        Ty::String => Value::Text,
        Ty::Blob => Value::Blob,
        Ty::DateTime(format) => Value::Time(*format),
        Ty::Document => Value::Json { unset_is_empty_object: false },
        Ty::List { item, .. } => Value::List(item),
        Ty::Map { value, .. } => Value::Map(value),
        Ty::Boxed(inner) => classify(krate, inner, media),
        Ty::Named(path) => match krate.type_def(path).map(|d| &d.kind) {
            Some(TypeKind::Enum(e)) if e.int => Value::IntEnum,
            Some(TypeKind::Enum(_)) => Value::Enum,
            Some(TypeKind::Struct(_)) => Value::Json { unset_is_empty_object: true },
            _ => Value::Json { unset_is_empty_object: false },
        },
        _ => Value::Plain,
    }
}

fn format_tokens(format: TimestampFormat) -> TokenStream {
    match format {
        TimestampFormat::DateTime => quote!(#RT::primitives::DateTimeFormat::DateTime),
        TimestampFormat::HttpDate => quote!(#RT::primitives::DateTimeFormat::HttpDate),
        TimestampFormat::EpochSeconds => quote!(#RT::primitives::DateTimeFormat::EpochSeconds),
    }
}

impl Protocol for RestJson {
    fn display_name(&self) -> Option<&'static str> {
        Some("restJson1")
    }

    fn serde_docs(&self, _protocol: &str) -> String {
        "Every type implements serde's `Serialize` and `Deserialize` as the JSON of the service's \
         protocol (`restJson1`): members under their `@jsonName` (else their names), absent optional \
         members left out, timestamps as epoch seconds unless `@timestampFormat` says otherwise, \
         blobs as base64. For an operation's input, output or error that JSON is the HTTP body: \
         members bound to the URI, the query string, headers or the status code are not in it (and \
         are read back as unset), and a member bound to the payload is the whole body by itself. \
         The client and the server read and write those bindings."
            .to_string()
    }

    fn server_spec(&self, krate: &Crate) -> TokenStream {
        let signing_name = super::option_str(krate.service.signing_name.as_deref());
        let routes = krate.operations.iter().map(|op| {
            let name = &op.wire_name;
            let (method, uri) = op.http.as_ref().map(|(m, u, _)| (m.as_str(), u.as_str())).unwrap_or(("POST", "/"));
            quote!(#RT::server::RestRoute { operation: #name, method: #method, uri: #uri })
        });
        quote!(ServiceSpec::RestJson { signing_name: #signing_name, routes: &[#(#routes),*] })
    }

    fn server_read_input(&self, _krate: &Crate, op: &OperationDef) -> TokenStream {
        let input = type_path(&op.input);
        let output = type_path(&op.output);
        quote!(#RT::protocol::rest_json::read_input::<#input, #output>(&request, validation_failed))
    }

    fn server_write_output(&self, _krate: &Crate, op: &OperationDef) -> TokenStream {
        let code = op.http.as_ref().map_or(200, |(_, _, code)| *code);
        quote!(#RT::protocol::rest_json::write_output(&output, #code))
    }

    fn server_write_error(&self, _krate: &Crate, _def: &TypeDef, info: &ErrorInfo) -> TokenStream {
        let status = info.http_status.unwrap_or(if info.server_fault { 500 } else { 400 });
        let code = &info.code;
        quote!(#RT::protocol::rest_json::write_error(&err, #code, #status))
    }

    fn sample_request(&self, krate: &Crate, op: &OperationDef, body: String) -> super::SampleRequest {
        let (method, pattern) = op.http.as_ref().map(|(m, u, _)| (m.clone(), u.clone())).unwrap_or(("POST".into(), "/".into()));
        let fields = match krate.type_def(&op.input).map(|d| &d.kind) {
            Some(TypeKind::Struct(s)) => s.fields.as_slice(),
            _ => &[],
        };
        let (path, literal_query) = pattern.split_once('?').unwrap_or((pattern.as_str(), ""));
        let mut uri = String::new();
        for segment in path.split('/').skip(1) {
            uri.push('/');
            match segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
                Some(label) => {
                    let field = fields.iter().find(|f| f.wire_name == label.trim_end_matches('+'));
                    uri.push_str(&field.map_or("a".to_string(), |f| sample_text(krate, f, TimestampFormat::DateTime)));
                }
                None => uri.push_str(segment),
            }
        }
        let mut query: Vec<String> = literal_query.split('&').filter(|q| !q.is_empty()).map(str::to_string).collect();
        let mut headers = Vec::new();
        for f in fields.iter().filter(|f| f.required && f.default.is_none()) {
            match &f.binding {
                Some(HttpBinding::Query(name)) => query.push(format!("{name}={}", sample_text(krate, f, TimestampFormat::DateTime))),
                Some(HttpBinding::Header(name)) => headers.push((name.clone(), sample_text(krate, f, TimestampFormat::HttpDate))),
                _ => {}
            }
        }
        if !query.is_empty() {
            uri = format!("{uri}?{}", query.join("&"));
        }
        let body = match krate.type_def(&op.input).map(|def| body_kind(krate, def, fields, self, true)) {
            Some(BodyKind::Json) if !fields.iter().any(|f| f.binding == Some(HttpBinding::Payload)) => body,
            _ => String::new(),
        };
        if !body.is_empty() {
            headers.push(("Content-Type".to_string(), "application/json".to_string()));
        }
        super::SampleRequest { method, uri, headers, body }
    }

    fn server_docs(&self, _krate: &Crate) -> String {
        "Requests are routed by method and URI, as each operation's `@http` trait says; members \
         are read from the URI's labels, the query string, headers and the JSON body (or the \
         whole body for an `@httpPayload` member), and outputs are written the same way, with the \
         `@http` status unless an `@httpResponseCode` member sets one. Errors carry their \
         `@httpError` status (else 400 for client errors and 500 for server errors), an \
         `X-Amzn-Errortype` header with their code, their header members and a JSON body. \
         Requests with the wrong `Content-Type` get `UnsupportedMediaTypeException` (415), with \
         an `Accept` that rules out the response `NotAcceptableException` (406), and those that \
         match no route `UnknownOperationException` (404)."
            .to_string()
    }

    fn json_key<'a>(&self, wire_name: &'a str, json_name: Option<&'a str>) -> &'a str {
        json_name.unwrap_or(wire_name)
    }

    fn in_body(&self, field: &Field) -> bool {
        matches!(field.binding, None | Some(HttpBinding::HostLabel))
    }

    fn client_protocol(&self, _krate: &Crate) -> TokenStream {
        quote! {
            /// The protocol: restJson1, as the runtime speaks it.
            const PROTOCOL: #RT::protocol::rest_json::RestJson = #RT::protocol::rest_json::RestJson;
        }
    }

    fn client_module_docs(&self, _krate: &Crate) -> String {
        "The HTTP client: [`Client`], its [`Config`], and a fluent builder per operation.\n\n\
         Each operation is sent as its `@http` trait says: its method and URI, members bound to\n\
         URI labels, query parameters and headers, and the other members as the JSON body (or\n\
         the `@httpPayload` member as the whole body); requests are signed with SigV4, endpoints\n\
         come from the model's endpoint rules, and failed attempts are retried in the AWS\n\
         standard mode. Outputs and errors carry the service's request id\n\
         ([`RequestId`](crate::error::RequestId))."
            .to_string()
    }

    fn error_from_response(&self, krate: &Crate, op: &OperationDef) -> TokenStream {
        let unhandled = quote!(Self::Unhandled(crate::error::Unhandled::from_response(::Option::Some(code), ::Option::Some(response.status().as_u16()), response.body())));
        let arms: Vec<TokenStream> = op.errors.iter().filter_map(|path| {
            let def = krate.type_def(path)?;
            let TypeKind::Struct(s) = &def.kind else { return None };
            let code = &s.error.as_ref()?.code;
            let variant = crate::emit::error_variant(path);
            let p = type_path(path);
            Some(quote!(#code => #RT::protocol::rest_json::read_error::<#p>(code, response).map_or_else(Self::Unhandled, Self::#variant),))
        }).collect();
        if arms.is_empty() {
            return unhandled;
        }
        quote! {
            match code {
                #(#arms)*
                _ => #unhandled,
            }
        }
    }

    fn struct_items(&self, krate: &Crate, def: &TypeDef, fields: &[Field]) -> TokenStream {
        let name = ident(&def.path.name);
        let is_input = krate.operations.iter().any(|o| o.input == def.path);
        let is_output = krate.operations.iter().any(|o| o.output == def.path);
        let is_error = matches!(&def.kind, TypeKind::Struct(s) if s.error.is_some());
        let has_payload = fields.iter().any(|f| f.binding == Some(HttpBinding::Payload));
        let writes: Vec<TokenStream> = fields.iter().filter_map(|f| write_binding(krate, f)).collect();
        // Only members make a body: an input without any sends none.
        let json_body = !has_payload && fields.iter().any(|f| self.in_body(f));
        let write_body = json_body.then(|| quote!(w.body_json(self);));
        let w = if writes.is_empty() && write_body.is_none() { quote!(_w) } else { quote!(w) };
        let reads: Vec<TokenStream> = fields.iter().filter_map(|f| read_binding(krate, f)).collect();
        let start = if json_body { quote!(r.json_body()?) } else { quote!(Self::default()) };
        let out = if reads.is_empty() { quote!(let out) } else { quote!(let mut out) };
        let r = if reads.is_empty() && !json_body { quote!(_r) } else { quote!(r) };
        let request_body = body_kind(krate, def, fields, self, true).tokens();
        let response_body = body_kind(krate, def, fields, self, false).tokens();
        let read_body = quote! {
            #out: Self = #start;
            #(#reads)*
            ::Result::Ok(out)
        };
        let mut items = TokenStream::new();
        if is_input {
            items.extend(quote! {
                #[cfg(any(feature = "client", feature = "server"))]
                impl #RT::protocol::rest_json::HttpInput for #name {
                    const BODY: #RT::protocol::rest_json::BodyKind = #request_body;

                    fn write_request(&self, #w: &mut #RT::protocol::rest_json::RequestWriter) {
                        #(#writes)*
                        #write_body
                    }

                    // The body sets some members, the bindings the others.
                    #[allow(clippy::field_reassign_with_default)]
                    fn read_request(#r: &#RT::protocol::rest_json::RequestReader<'_>) -> ::Result<Self, ::String> {
                        #read_body
                    }
                }
            });
        }
        if is_output || is_error {
            items.extend(quote! {
                #[cfg(any(feature = "client", feature = "server"))]
                impl #RT::protocol::rest_json::HttpOutput for #name {
                    const BODY: #RT::protocol::rest_json::BodyKind = #response_body;

                    // The body sets some members, the bindings the others.
                    #[allow(clippy::field_reassign_with_default)]
                    fn read_response(#r: &#RT::protocol::rest_json::ResponseReader<'_>) -> ::Result<Self, ::String> {
                        #read_body
                    }

                    fn write_response(&self, #w: &mut #RT::protocol::rest_json::ResponseWriter) {
                        #(#writes)*
                        #write_body
                    }
                }
            });
        }
        items
    }
}

/// What a structure's HTTP body holds (as the runtime's `BodyKind`).
#[derive(Clone, PartialEq, Eq)]
enum BodyKind {
    None,
    Json,
    JsonPayload,
    Blob(Option<String>),
    Text(Option<String>),
}

impl BodyKind {
    fn tokens(&self) -> TokenStream {
        let media = |m: &Option<String>| super::option_str(m.as_deref());
        match self {
            BodyKind::None => quote!(#RT::protocol::rest_json::BodyKind::None),
            BodyKind::Json => quote!(#RT::protocol::rest_json::BodyKind::Json),
            BodyKind::JsonPayload => quote!(#RT::protocol::rest_json::BodyKind::JsonPayload),
            BodyKind::Blob(m) => {
                let m = media(m);
                quote!(#RT::protocol::rest_json::BodyKind::Blob(#m))
            }
            BodyKind::Text(m) => {
                let m = media(m);
                quote!(#RT::protocol::rest_json::BodyKind::Text(#m))
            }
        }
    }
}

/// The body of a structure: its payload member's; none for no input or output at all (or, in a
/// request, when every member is bound elsewhere); else a JSON object. (A response always has
/// one, `{}` at least, as restJson1 servers answer; an input structure without members takes
/// one too.)
fn body_kind(krate: &Crate, def: &TypeDef, fields: &[Field], protocol: &RestJson, request: bool) -> BodyKind {
    match fields.iter().find(|f| f.binding == Some(HttpBinding::Payload)) {
        Some(f) => match classify(krate, &f.ty, f.media_type.is_some()) {
            Value::Blob => BodyKind::Blob(f.media_type.clone()),
            Value::Text | Value::MediaText | Value::Enum => BodyKind::Text(f.media_type.clone()),
            _ => BodyKind::JsonPayload,
        },
        None if def.shape_id == crate::model::traits::UNIT => BodyKind::None,
        None if !request || fields.is_empty() || fields.iter().any(|f| protocol.in_body(f)) => BodyKind::Json,
        None => BodyKind::None,
    }
}

/// `Option<&T>` of a member's value, however the field is held.
fn value_ref(f: &Field) -> TokenStream {
    let n = ident(&f.name);
    match (&f.ty, f.optional) {
        (Ty::Boxed(_), true) => quote!(self.#n.as_deref()),
        (Ty::Boxed(_), false) => quote!(::Option::Some(&*self.#n)),
        (_, true) => quote!(self.#n.as_ref()),
        (_, false) => quote!(::Option::Some(&self.#n)),
    }
}

/// How an item of a list (or a map value) becomes an `HttpValue`.
fn item_map(krate: &Crate, item: &Ty, media: bool, default_format: TimestampFormat) -> TokenStream {
    match classify(krate, item, media) {
        Value::Enum => quote!(.map(|v| v.as_str())),
        Value::IntEnum => quote!(.map(|v| v.as_i32())),
        Value::Time(format) => {
            let format = format_tokens(format.unwrap_or(default_format));
            quote!(.map(|t| #RT::protocol::bindings::Timestamp(t, #format)))
        }
        Value::MediaText => quote!(.map(|s| #RT::protocol::bindings::Base64(s))),
        _ => quote!(),
    }
}

/// The `RequestWriter` call for a bound input member.
fn write_binding(krate: &Crate, f: &Field) -> Option<TokenStream> {
    let binding = f.binding.as_ref()?;
    let value = value_ref(f);
    let media = f.media_type.is_some();
    let kind = classify(krate, &f.ty, media);
    Some(match binding {
        HttpBinding::Label => {
            let name = &f.wire_name;
            let mapped = item_map(krate, &f.ty, media, TimestampFormat::DateTime);
            quote!(w.label(#name, #value #mapped);)
        }
        HttpBinding::Query(name) => match kind {
            Value::List(item) => {
                let mapped = item_map(krate, item, false, TimestampFormat::DateTime);
                quote!(w.query_list(#name, #value.into_iter().flatten() #mapped);)
            }
            _ => {
                let mapped = item_map(krate, &f.ty, media, TimestampFormat::DateTime);
                quote!(w.query(#name, #value #mapped);)
            }
        },
        HttpBinding::QueryParams => match kind {
            Value::Map(Ty::List { .. }) => quote!(w.query_params_list(#value);),
            _ => quote!(w.query_params(#value);),
        },
        HttpBinding::Header(name) => match kind {
            Value::List(item) => {
                let item_media = matches!(item, Ty::String) && media;
                let mapped = item_map(krate, item, item_media, TimestampFormat::HttpDate);
                quote!(w.header_list(#name, #value.map(|l| l.iter() #mapped));)
            }
            _ => {
                let mapped = item_map(krate, &f.ty, media, TimestampFormat::HttpDate);
                quote!(w.header(#name, #value #mapped);)
            }
        },
        HttpBinding::PrefixHeaders(prefix) => quote!(w.prefix_headers(#prefix, #value);),
        HttpBinding::Payload => {
            let media_type = match &f.media_type {
                Some(m) => quote!(::Option::Some(#m)),
                None => quote!(::Option::None),
            };
            match kind {
                Value::Blob => quote!(w.payload_blob(#value, #media_type);),
                Value::Text | Value::MediaText => {
                    let n = ident(&f.name);
                    let text = if f.optional { quote!(self.#n.as_deref()) } else { quote!(::Option::Some(self.#n.as_str())) };
                    quote!(w.payload_text(#text, #media_type);)
                }
                Value::Enum => quote!(w.payload_text(#value.map(|v| v.as_str()), #media_type);),
                // A required union payload at its `Default` (not set) is no body.
                Value::Json { .. } if !f.optional && krate.is_union(&f.ty) => {
                    quote!(w.payload_json(#value.filter(|v| !#RT::wire::Union::is_unset(*v)), false);)
                }
                Value::Json { unset_is_empty_object } => quote!(w.payload_json(#value, #unset_is_empty_object);),
                _ => return None,
            }
        }
        HttpBinding::ResponseCode => quote!(w.status(#value.copied());),
        HttpBinding::HostLabel => return None,
    })
}

/// Where a value is read from: a label, a query parameter or a header (each with its own
/// reader methods and default timestamp format).
#[derive(Clone, Copy)]
enum Place {
    Label,
    Query,
    Header,
}

impl Place {
    fn methods(self) -> (&'static str, &'static str, TimestampFormat) {
        match self {
            Place::Label => ("label", "label_time", TimestampFormat::DateTime),
            Place::Query => ("query", "query_time", TimestampFormat::DateTime),
            Place::Header => ("header", "header_time", TimestampFormat::HttpDate),
        }
    }
}

/// The read of a single (not list) value at `name`: an `Option` of the member's type.
fn read_single(krate: &Crate, ty: &Ty, media: bool, place: Place, name: &str) -> TokenStream {
    let (plain, time, default_format) = place.methods();
    let plain = quote::format_ident!("{}", plain);
    let time = quote::format_ident!("{}", time);
    let p = crate::emit::rust::ty(ty);
    match classify(krate, ty, media) {
        Value::Time(format) => {
            let format = format_tokens(format.unwrap_or(default_format));
            quote!(r.#time(#name, #format)?)
        }
        Value::MediaText if matches!(place, Place::Header) => quote!(r.header_base64(#name)?),
        Value::Enum => quote!(r.#plain::<::String>(#name)?.map(|s| #p::from(s.as_str()))),
        Value::IntEnum => quote!(r.#plain::<i32>(#name)?.map(#p::from)),
        _ => quote!(r.#plain(#name)?),
    }
}

/// The read of a list at `name` (a list header, or a repeated query parameter).
fn read_list(krate: &Crate, item: &Ty, place: Place, name: &str) -> TokenStream {
    let (list, time_list, default_format) = match place {
        Place::Header => ("header_list", "header_time_list", TimestampFormat::HttpDate),
        _ => ("query_list", "query_time_list", TimestampFormat::DateTime),
    };
    let list = quote::format_ident!("{}", list);
    let time_list = quote::format_ident!("{}", time_list);
    let p = crate::emit::rust::ty(item);
    match classify(krate, item, false) {
        Value::Time(format) => {
            let format = format_tokens(format.unwrap_or(default_format));
            quote!(r.#time_list(#name, #format)?)
        }
        Value::Enum => quote!(r.#list::<::String>(#name)?.map(|l| l.iter().map(|s| #p::from(s.as_str())).collect())),
        Value::IntEnum => quote!(r.#list::<i32>(#name)?.map(|l| l.into_iter().map(#p::from).collect())),
        _ => quote!(r.#list(#name)?),
    }
}

/// The read for a bound member, as an assignment to `out`: from a request (labels, query,
/// headers, payload) or a response (headers, status, payload).
fn read_binding(krate: &Crate, f: &Field) -> Option<TokenStream> {
    let binding = f.binding.as_ref()?;
    let n = ident(&f.name);
    let media = f.media_type.is_some();
    let kind = classify(krate, &f.ty, media);
    let inner_ty = match &f.ty {
        Ty::Boxed(inner) => inner.as_ref(),
        other => other,
    };
    let read = match binding {
        HttpBinding::Label => read_single(krate, inner_ty, media, Place::Label, &f.wire_name),
        HttpBinding::Query(name) => match kind {
            Value::List(item) => read_list(krate, item, Place::Query, name),
            _ => read_single(krate, inner_ty, media, Place::Query, name),
        },
        HttpBinding::QueryParams => match kind {
            Value::Map(Ty::List { .. }) => quote!(r.query_params_list()?),
            _ => quote!(r.query_params()?),
        },
        HttpBinding::Header(name) => match kind {
            Value::List(item) => read_list(krate, item, Place::Header, name),
            _ => read_single(krate, inner_ty, media, Place::Header, name),
        },
        HttpBinding::PrefixHeaders(prefix) => quote!(r.prefix_headers(#prefix)?),
        HttpBinding::ResponseCode if !f.optional => return Some(quote!(out.#n = r.status();)),
        HttpBinding::ResponseCode => quote!(::Option::Some(r.status())),
        HttpBinding::Payload => match kind {
            Value::Blob => quote!(r.payload_blob()),
            Value::Text | Value::MediaText => quote!(r.payload_text()?),
            Value::Enum => {
                let p = crate::emit::rust::ty(inner_ty);
                quote!(r.payload_text()?.map(|s| #p::from(s.as_str())))
            }
            // An empty object for a structure payload reads as unset, as a client sends `{}`
            // for one.
            Value::Json { unset_is_empty_object: true } => quote!(r.payload_struct()?),
            Value::Json { .. } => quote!(r.payload_json()?),
            _ => return None,
        },
        HttpBinding::HostLabel => return None,
    };
    let read = if matches!(f.ty, Ty::Boxed(_)) { quote!(#read.map(::Box::new)) } else { read };
    Some(if f.optional { quote!(out.#n = #read;) } else { quote!(out.#n = #read.unwrap_or_default();) })
}

/// A value of a bound member, as its label, query or header text, that passes validation (the
/// first enum value, `1`, `true`, the epoch).
fn sample_text(krate: &Crate, f: &Field, default_format: TimestampFormat) -> String {
    let ty = match &f.ty {
        Ty::List { item, .. } => item.as_ref(),
        other => other,
    };
    match classify(krate, ty, false) {
        Value::Time(format) => match format.unwrap_or(default_format) {
            TimestampFormat::HttpDate => "Thu, 01 Jan 1970 00:00:00 GMT".to_string(),
            TimestampFormat::DateTime => "1970-01-01T00:00:00Z".to_string(),
            TimestampFormat::EpochSeconds => "0".to_string(),
        },
        Value::Enum | Value::IntEnum => match ty {
            Ty::Named(path) => match krate.type_def(path).map(|d| &d.kind) {
                Some(TypeKind::Enum(e)) => match e.variants.first().map(|v| &v.value) {
                    Some(crate::ir::EnumValue::String(s)) => s.clone(),
                    Some(crate::ir::EnumValue::Int(i)) => i.to_string(),
                    None => "a".to_string(),
                },
                _ => "a".to_string(),
            },
            _ => "a".to_string(),
        },
        _ => match ty {
            Ty::Bool => "true".to_string(),
            Ty::I8 | Ty::I16 | Ty::I32 | Ty::I64 | Ty::F32 | Ty::F64 | Ty::BigInteger | Ty::BigDecimal => "1".to_string(),
            _ => "a".to_string(),
        },
    }
}
