//! `awsJson1_0` and `awsJson1_1`: `POST /`, the operation in `X-Amz-Target`, JSON bodies.

use super::Protocol;
use crate::emit::rust::RT;
use crate::ir::{Crate, ErrorInfo, OperationDef, TypeDef};
use proc_macro2::TokenStream;
use quote::quote;

pub(crate) struct AwsJson {
    /// `1.0` or `1.1`.
    pub(crate) version: &'static str,
}

impl Protocol for AwsJson {
    fn display_name(&self) -> Option<&'static str> {
        Some(if self.version == "1.1" { "awsJson1.1" } else { "awsJson1.0" })
    }

    fn serde_docs(&self, protocol: &str) -> String {
        format!(
            "Every type implements serde's `Serialize` and `Deserialize` in the service's wire format \
             (`{protocol}`): an operation's input is the request body and its output the response \
             body, members under their names (`@jsonName` does not apply), absent optional members \
             left out, timestamps as epoch seconds unless `@timestampFormat` says otherwise, blobs as \
             base64."
        )
    }

    fn client_protocol(&self, krate: &Crate) -> TokenStream {
        let version = match self.version {
            "1.1" => quote!(V1_1),
            _ => quote!(V1_0),
        };
        let name = &krate.service.shape_name;
        let query_compatible = krate.service.query_compatible;
        quote! {
            /// The protocol: awsJson, as the runtime speaks it.
            const PROTOCOL: ::smithy_codegen_runtime::protocol::aws_json::AwsJson = ::smithy_codegen_runtime::protocol::aws_json::AwsJson::new(
                ::smithy_codegen_runtime::protocol::aws_json::JsonVersion::#version,
                #name,
                #query_compatible,
            );
        }
    }

    fn client_module_docs(&self, _krate: &Crate) -> String {
        "The HTTP client: [`Client`], its [`Config`], and a fluent builder per operation.\n\n\
         Requests are `POST /` with the JSON body of the input, `X-Amz-Target` naming the\n\
         operation, signed with SigV4; endpoints come from the model's endpoint rules; failed\n\
         attempts are retried in the AWS standard mode. Outputs and errors carry the service's\n\
         request id ([`RequestId`](crate::error::RequestId))."
            .to_string()
    }

    fn error_from_response(&self, _krate: &Crate, _op: &OperationDef) -> TokenStream {
        quote!(Self::from_code_and_body(code, ::Option::Some(response.status().as_u16()), response.body()))
    }

    fn server_spec(&self, krate: &Crate) -> TokenStream {
        let version = if self.version == "1.1" { quote!(V1_1) } else { quote!(V1_0) };
        let name = &krate.service.shape_name;
        let query_compatible = krate.service.query_compatible;
        let signing_name = super::option_str(krate.service.signing_name.as_deref());
        let operations = krate.operations.iter().map(|op| op.wire_name.as_str());
        quote! {
            ServiceSpec::AwsJson {
                protocol: #RT::protocol::aws_json::AwsJson::new(#RT::protocol::aws_json::JsonVersion::#version, #name, #query_compatible),
                signing_name: #signing_name,
                operations: &[#(#operations),*],
            }
        }
    }

    fn server_read_input(&self, _krate: &Crate, _op: &OperationDef) -> TokenStream {
        quote!(#RT::server::parse_json_input(&request.body, validation_failed))
    }

    fn server_write_output(&self, _krate: &Crate, op: &OperationDef) -> TokenStream {
        // An operation without output answers with an empty body, as AWS services do.
        if op.output_is_unit {
            quote!(Reply::empty())
        } else {
            quote!(Reply::output(&output))
        }
    }

    fn server_write_error(&self, krate: &Crate, def: &TypeDef, info: &ErrorInfo) -> TokenStream {
        let status = info.http_status.unwrap_or(if info.server_fault { 500 } else { 400 });
        let code = &info.code;
        // `__type`: awsJson1_0 services send the error's full shape id, awsJson1_1 services its
        // name alone (as DynamoDB and Kinesis do, and as each protocol's suite expects).
        let type_name = if self.version == "1.1" { code } else { &def.shape_id };
        // `@awsQueryCompatible` services also say the error's awsQuery code and fault.
        let query = match (&info.query_code, krate.service.query_compatible) {
            (Some(query_code), true) => {
                let header = format!("{query_code};{}", if info.server_fault { "Receiver" } else { "Sender" });
                quote!(.with_query_error(#header))
            }
            _ => quote!(),
        };
        quote!(Reply::modeled_error(&err, #type_name, #code, #status)#query)
    }

    fn sample_request(&self, krate: &Crate, op: &OperationDef, body: String) -> super::SampleRequest {
        super::SampleRequest { method: "POST".into(), uri: "/".into(), headers: self.test_request_headers(krate, op), body }
    }

    fn test_request_headers(&self, krate: &Crate, op: &OperationDef) -> Vec<(String, String)> {
        vec![
            ("Content-Type".to_string(), format!("application/x-amz-json-{}", self.version)),
            ("X-Amz-Target".to_string(), format!("{}.{}", krate.service.shape_name, op.wire_name)),
        ]
    }

    fn server_docs(&self, krate: &Crate) -> String {
        format!(
            "Requests are `POST /` with an `X-Amz-Target: {service}.<Operation>` header and a JSON \
             body; responses carry `Content-Type: application/x-amz-json-{version}` and an \
             `x-amzn-RequestId`. Errors are written as AWS services write them: the error structure \
             as JSON with a `__type` naming its shape ({type_form}), the status of its \
             `@httpError` (else 400 for client errors and 500 for server errors), and an \
             `X-Amzn-Errortype` header with its code.",
            service = krate.service.shape_name,
            version = self.version,
            type_form = if self.version == "1.1" { "its name" } else { "its full shape id" },
        )
    }
}
