//! `restJson1`: `@http` routes, members bound to labels, the query string, headers, the status
//! or the payload, the rest a JSON body under `@jsonName`s.

use super::Protocol;
use crate::emit::rust::{type_path, RT};
use crate::ir::{Crate, Field, HttpBinding, OperationDef, TimestampFormat, Ty, TypeDef, TypeKind};
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

    fn has_server(&self) -> bool {
        false
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
        let mut items = TokenStream::new();
        let cfg = if self.has_server() { quote!(#[cfg(any(feature = "client", feature = "server"))]) } else { quote!(#[cfg(feature = "client")]) };
        if is_input {
            let writes = fields.iter().filter_map(|f| write_binding(krate, f));
            let body = (!fields.iter().any(|f| f.binding == Some(HttpBinding::Payload)) && fields.iter().any(|f| self.in_body(f)))
                .then(|| quote!(w.body_json(self);));
            let w = if fields.iter().any(|f| f.binding.is_some() && f.binding != Some(HttpBinding::HostLabel)) || body.is_some() {
                quote!(w)
            } else {
                quote!(_w)
            };
            items.extend(quote! {
                #cfg
                impl #RT::protocol::rest_json::HttpInput for #name {
                    fn write_request(&self, #w: &mut #RT::protocol::rest_json::RequestWriter) {
                        #(#writes)*
                        #body
                    }
                }
            });
        }
        if is_output || is_error {
            let payload = fields.iter().find(|f| f.binding == Some(HttpBinding::Payload));
            let start = match payload {
                Some(_) => quote!(Self::default()),
                None if fields.iter().any(|f| self.in_body(f)) => quote!(r.json_body()?),
                None => quote!(Self::default()),
            };
            let reads: Vec<TokenStream> = fields.iter().filter_map(|f| read_binding(krate, f)).collect();
            let binding = if reads.is_empty() { quote!(let out) } else { quote!(let mut out) };
            let r = if reads.is_empty() && !matches!(start.to_string().as_str(), s if s.contains("json_body")) { quote!(_r) } else { quote!(r) };
            items.extend(quote! {
                #cfg
                impl #RT::protocol::rest_json::HttpOutput for #name {
                    // The body sets some members, the bindings the others.
                    #[allow(clippy::field_reassign_with_default)]
                    fn read_response(#r: &#RT::protocol::rest_json::ResponseReader<'_>) -> ::Result<Self, ::String> {
                        #binding: Self = #start;
                        #(#reads)*
                        ::Result::Ok(out)
                    }
                }
            });
        }
        items
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
                Value::Json { unset_is_empty_object } => quote!(w.payload_json(#value, #unset_is_empty_object);),
                _ => return None,
            }
        }
        HttpBinding::ResponseCode | HttpBinding::HostLabel => return None,
    })
}

/// The `ResponseReader` read for a bound output or error member, as an assignment.
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
        HttpBinding::Header(name) => match kind {
            Value::List(item) => match classify(krate, item, false) {
                Value::Time(format) => {
                    let format = format_tokens(format.unwrap_or(TimestampFormat::HttpDate));
                    quote!(r.header_time_list(#name, #format)?)
                }
                Value::Enum => {
                    let p = crate::emit::rust::ty(item);
                    quote!(r.header_list::<::String>(#name)?.map(|l| l.iter().map(|s| #p::from(s.as_str())).collect()))
                }
                Value::IntEnum => {
                    let p = crate::emit::rust::ty(item);
                    quote!(r.header_list::<i32>(#name)?.map(|l| l.into_iter().map(#p::from).collect()))
                }
                _ => quote!(r.header_list(#name)?),
            },
            Value::Time(format) => {
                let format = format_tokens(format.unwrap_or(TimestampFormat::HttpDate));
                quote!(r.header_time(#name, #format)?)
            }
            Value::MediaText => quote!(r.header_base64(#name)?),
            Value::Enum => {
                let p = crate::emit::rust::ty(inner_ty);
                quote!(r.header::<::String>(#name)?.map(|s| #p::from(s.as_str())))
            }
            Value::IntEnum => {
                let p = crate::emit::rust::ty(inner_ty);
                quote!(r.header::<i32>(#name)?.map(#p::from))
            }
            _ => quote!(r.header(#name)?),
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
            Value::Json { .. } => quote!(r.payload_json()?),
            _ => return None,
        },
        _ => return None,
    };
    let read = if matches!(f.ty, Ty::Boxed(_)) { quote!(#read.map(::Box::new)) } else { read };
    Some(if f.optional { quote!(out.#n = #read;) } else { quote!(out.#n = #read.unwrap_or_default();) })
}
