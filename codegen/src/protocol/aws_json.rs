//! `awsJson1_0` and `awsJson1_1`: `POST /`, the operation in `X-Amz-Target`, JSON bodies.

use super::Protocol;
use crate::ir::{Crate, OperationDef};
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
}
