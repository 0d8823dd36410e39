//! What the protocol targets know about each service, read from its Smithy model with the
//! generator's own loader (mixins flattened, `apply` applied): each operation's `@http` route
//! and, for its input, output and errors, where every member travels (URI label, query
//! parameter, header, prefix headers, payload, status code or JSON body) and what it targets.
//! The fuzz input picks operations and members from here, so requests and responses are built
//! around the model's real routes and members.

use codegen::model::{shape_name, Kind, Model, Shape};
use indexmap::IndexMap;
use smithy_codegen_runtime::protocol::aws_json::AwsJson;
use std::sync::OnceLock;

/// The protocol a service speaks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Protocol {
    /// `restJson1`.
    RestJson,
    /// `awsJson1_0`/`awsJson1_1`: `X-Amz-Target` is `<target_prefix>.<Operation>`.
    AwsJson {
        /// The service shape's name.
        target_prefix: String,
        /// `application/x-amz-json-1.0` or `-1.1`.
        content_type: &'static str,
    },
}

/// One service, as the targets see it.
#[derive(Debug)]
pub struct Service {
    /// The module of `services` that drives it.
    pub name: &'static str,
    /// The loaded model.
    pub model: Model,
    /// Its protocol.
    pub protocol: Protocol,
    /// Its operations, in the generated service trait's order.
    pub ops: Vec<Op>,
}

/// One operation.
#[derive(Debug)]
pub struct Op {
    /// Its model name.
    pub name: String,
    /// `@http` method (`POST` for awsJson).
    pub method: String,
    /// `@http` URI pattern (`/` for awsJson).
    pub uri: String,
    /// `@http` code.
    pub code: u16,
    /// The input's members.
    pub input: Vec<Member>,
    /// The output's members.
    pub output: Vec<Member>,
    /// The errors (the operation's and the service's).
    pub errors: Vec<ErrorShape>,
}

/// A modeled error.
#[derive(Debug)]
pub struct ErrorShape {
    /// The shape id.
    pub id: String,
    /// `@httpError`, else 400 (client) or 500 (server).
    pub status: u16,
    /// Its members.
    pub members: Vec<Member>,
}

/// Where a member travels.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Location {
    /// `@httpLabel`; `greedy` for a `{name+}` label.
    Label { greedy: bool },
    /// `@httpQuery`.
    Query(String),
    /// `@httpQueryParams`.
    QueryParams,
    /// `@httpHeader`.
    Header(String),
    /// `@httpPrefixHeaders`.
    PrefixHeaders(String),
    /// `@httpPayload`.
    Payload,
    /// `@httpResponseCode`.
    ResponseCode,
    /// A JSON body member under this key.
    Body(String),
}

/// A member of an input, output or error.
#[derive(Clone, Debug)]
pub struct Member {
    /// The member's name.
    pub name: String,
    /// The shape it targets.
    pub target: String,
    /// Where it travels.
    pub location: Location,
    /// Its `@timestampFormat` (or its target's).
    pub timestamp_format: Option<String>,
    /// Its traits (constraints such as `@length` and `@range` may sit on the member).
    pub traits: IndexMap<String, serde_json::Value>,
}

impl Service {
    fn load(name: &'static str, json: &str, service: Option<&str>, operations: &[&str]) -> Service {
        let model = codegen::model::load(json)
            .unwrap_or_else(|e| panic!("the {name} model does not load: {e}"));
        let service_shape = match service {
            Some(id) => model
                .get(id)
                .unwrap_or_else(|| panic!("{id} is not in the {name} model")),
            None => model
                .services()
                .next()
                .unwrap_or_else(|| panic!("the {name} model has no service")),
        };
        let Kind::Service(svc) = &service_shape.kind else {
            unreachable!("a service")
        };
        let rest = service_shape.traits.contains_key("aws.protocols#restJson1");
        let protocol = if rest {
            Protocol::RestJson
        } else {
            let content_type = if service_shape
                .traits
                .contains_key("aws.protocols#awsJson1_1")
            {
                "application/x-amz-json-1.1"
            } else {
                "application/x-amz-json-1.0"
            };
            Protocol::AwsJson {
                target_prefix: service_shape.name().to_string(),
                content_type,
            }
        };
        let closure = codegen::model::ServiceClosure::new(&model, Some(&service_shape.id))
            .expect("the service's closure");
        let service_errors = svc.errors.clone();
        let ops = operations
            .iter()
            .map(|op_name| {
                let id = closure
                    .operations
                    .iter()
                    .find(|id| shape_name(id) == *op_name)
                    .unwrap_or_else(|| panic!("operation {op_name} is not in the {name} model"));
                op(&model, model.expect(id), rest, &service_errors)
            })
            .collect();
        Service {
            name,
            model,
            protocol,
            ops,
        }
    }

    /// Whether the service speaks restJson1.
    pub fn is_rest(&self) -> bool {
        self.protocol == Protocol::RestJson
    }

    /// A shape of the model.
    pub fn shape(&self, id: &str) -> Option<&Shape> {
        self.model.get(id)
    }

    /// The awsJson protocol value the generated client uses (`None` for restJson1).
    pub fn aws_json(&'static self) -> &'static AwsJson {
        static VALUES: OnceLock<Vec<(usize, AwsJson)>> = OnceLock::new();
        let values = VALUES.get_or_init(|| {
            services()
                .iter()
                .enumerate()
                .filter_map(|(i, s)| match &s.protocol {
                    Protocol::AwsJson {
                        target_prefix,
                        content_type,
                    } => Some((
                        i,
                        AwsJson {
                            content_type,
                            target_prefix: target_prefix.as_str(),
                            query_compatible: false,
                        },
                    )),
                    Protocol::RestJson => None,
                })
                .collect()
        });
        let index = services()
            .iter()
            .position(|s| std::ptr::eq(s, self))
            .expect("a loaded service");
        values
            .iter()
            .find(|(i, _)| *i == index)
            .map(|(_, p)| p)
            .unwrap_or_else(|| panic!("{} does not speak awsJson", self.name))
    }

    /// The enum values of a shape: an enum's or intEnum's `@enumValue`s (member names when
    /// absent), or a string's legacy `@enum` values.
    pub fn enum_values(&self, id: &str) -> Vec<serde_json::Value> {
        let Some(shape) = self.shape(id) else {
            return Vec::new();
        };
        match shape.kind {
            Kind::Enum | Kind::IntEnum => shape
                .members
                .iter()
                .map(|m| {
                    m.traits
                        .get("smithy.api#enumValue")
                        .cloned()
                        .unwrap_or_else(|| m.name.clone().into())
                })
                .collect(),
            _ => shape
                .traits
                .get("smithy.api#enum")
                .and_then(|v| v.as_array())
                .map(|values| {
                    values
                        .iter()
                        .filter_map(|v| v.get("value").cloned())
                        .collect()
                })
                .unwrap_or_default(),
        }
    }
}

/// A `@length` or `@range` trait's bounds, on a member or on its target.
pub fn bounds(
    member_traits: Option<&IndexMap<String, serde_json::Value>>,
    shape: &Shape,
    trait_id: &str,
) -> (Option<f64>, Option<f64>) {
    let value = member_traits
        .and_then(|t| t.get(trait_id))
        .or_else(|| shape.traits.get(trait_id));
    let bound = |key: &str| value.and_then(|v| v.get(key)).and_then(|v| v.as_f64());
    (bound("min"), bound("max"))
}

/// What a message body holds, as the generated code decides it (`BodyKind` in the runtime):
/// nothing, a JSON object of body members, a JSON payload, or a blob or text payload.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Body {
    /// Every member is bound elsewhere.
    None,
    /// A JSON object of the body members.
    Json,
    /// A structure, union or document `@httpPayload`.
    JsonPayload,
    /// A blob `@httpPayload`.
    Blob,
    /// A string or enum `@httpPayload`.
    Text,
}

impl Service {
    /// The body of a message with these members.
    pub fn body(&self, members: &[Member], rest: bool) -> Body {
        if !rest {
            return Body::Json;
        }
        if let Some(payload) = members.iter().find(|m| m.location == Location::Payload) {
            return match self.shape(&payload.target).map(|s| &s.kind) {
                Some(Kind::Blob) => Body::Blob,
                Some(Kind::String | Kind::Enum) => Body::Text,
                _ => Body::JsonPayload,
            };
        }
        if members
            .iter()
            .any(|m| matches!(m.location, Location::Body(_)))
        {
            Body::Json
        } else {
            Body::None
        }
    }
}

fn op(model: &Model, shape: &Shape, rest: bool, service_errors: &[String]) -> Op {
    let Kind::Operation(o) = &shape.kind else {
        unreachable!("an operation")
    };
    let http = shape.traits.get("smithy.api#http");
    let text = |key: &str| {
        http.and_then(|h| h.get(key))
            .and_then(|v| v.as_str())
            .map(str::to_string)
    };
    let (method, uri) = if rest {
        (
            text("method").unwrap_or_else(|| "POST".into()),
            text("uri").unwrap_or_else(|| "/".into()),
        )
    } else {
        ("POST".into(), "/".into())
    };
    let code = http
        .and_then(|h| h.get("code"))
        .and_then(|v| v.as_u64())
        .and_then(|c| u16::try_from(c).ok())
        .unwrap_or(200);
    let members_of = |id: &Option<String>| {
        id.as_deref()
            .map_or_else(Vec::new, |id| members(model, model.expect(id), rest, &uri))
    };
    let mut error_ids: Vec<&String> = o.errors.iter().chain(service_errors).collect();
    error_ids.dedup();
    let errors = error_ids
        .into_iter()
        .map(|id| {
            let e = model.expect(id);
            let fault = e
                .traits
                .get("smithy.api#error")
                .and_then(|v| v.as_str())
                .unwrap_or("client");
            let status = e
                .traits
                .get("smithy.api#httpError")
                .and_then(|v| v.as_u64())
                .and_then(|c| u16::try_from(c).ok());
            ErrorShape {
                id: id.clone(),
                status: status.unwrap_or(if fault == "server" { 500 } else { 400 }),
                members: members(model, e, rest, ""),
            }
        })
        .collect();
    let (input, output) = (members_of(&o.input), members_of(&o.output));
    Op {
        name: shape.name().to_string(),
        method,
        uri,
        code,
        input,
        output,
        errors,
    }
}

fn members(model: &Model, shape: &Shape, rest: bool, uri: &str) -> Vec<Member> {
    shape
        .members
        .iter()
        .map(|m| {
            let t = |id: &str| m.traits.get(id);
            let location = if !rest {
                Location::Body(m.name.clone())
            } else if t("smithy.api#httpLabel").is_some() {
                Location::Label {
                    greedy: uri.contains(&format!("{{{}+}}", m.name)),
                }
            } else if let Some(name) = t("smithy.api#httpQuery").and_then(|v| v.as_str()) {
                Location::Query(name.to_string())
            } else if t("smithy.api#httpQueryParams").is_some() {
                Location::QueryParams
            } else if let Some(name) = t("smithy.api#httpHeader").and_then(|v| v.as_str()) {
                Location::Header(name.to_string())
            } else if let Some(prefix) = t("smithy.api#httpPrefixHeaders").and_then(|v| v.as_str())
            {
                Location::PrefixHeaders(prefix.to_string())
            } else if t("smithy.api#httpPayload").is_some() {
                Location::Payload
            } else if t("smithy.api#httpResponseCode").is_some() {
                Location::ResponseCode
            } else {
                let key = t("smithy.api#jsonName")
                    .and_then(|v| v.as_str())
                    .unwrap_or(&m.name);
                Location::Body(key.to_string())
            };
            const FORMAT: &str = "smithy.api#timestampFormat";
            let format =
                |v: Option<&serde_json::Value>| v.and_then(|v| v.as_str()).map(str::to_string);
            let timestamp_format = format(m.traits.get(FORMAT)).or_else(|| {
                model
                    .get(&m.target)
                    .and_then(|s| format(s.traits.get(FORMAT)))
            });
            Member {
                name: m.name.clone(),
                target: m.target.clone(),
                location,
                timestamp_format,
                traits: m.traits.clone(),
            }
        })
        .collect()
}

/// The three services, loaded once.
pub fn services() -> &'static [Service; 3] {
    use crate::protocol::services;
    static SERVICES: OnceLock<[Service; 3]> = OnceLock::new();
    SERVICES.get_or_init(|| {
        [
            Service::load(
                "restjson",
                include_str!(
                    "../../../../tests/fixtures/protocol/aws-protocol-tests-restjson.json"
                ),
                Some("aws.protocoltests.restjson#RestJson"),
                &services::restjson::OPERATIONS,
            ),
            Service::load(
                "json10",
                include_str!("../../../../tests/fixtures/protocol/aws-protocol-tests-json10.json"),
                Some("aws.protocoltests.json10#JsonRpc10"),
                &services::json10::OPERATIONS,
            ),
            Service::load(
                "mwaa",
                include_str!("../../../../model/mwaa-serverless-2024-07-26.json"),
                None,
                &services::mwaa::OPERATIONS,
            ),
        ]
    })
}
