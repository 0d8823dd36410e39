//! Model + settings → [`Crate`]. Names, paths, nullability, boxing and docs are decided here.

use super::*;
use crate::docs::html_to_markdown;
use crate::error::{Error, Result};
use crate::model::{shape_name, traits, Kind, Member, Model, ServiceClosure, Shape};
use crate::naming;
use crate::Settings;
use std::collections::{BTreeMap, BTreeSet};

pub fn resolve(model: &Model, settings: &Settings) -> Result<Crate> {
    let closure = ServiceClosure::new(model, settings.service.as_deref())?;
    let service_shape = model.expect(&closure.service);
    let Kind::Service(service) = &service_shape.kind else { unreachable!() };
    let validated = validated_shapes(model, &closure);
    let (patterns, warnings) = collect_patterns(model, &validated);
    let resolver = Resolver {
        model,
        rename: &service.rename,
        boxed: super::recursion::boxed_members(model, &closure.shapes),
        paths: BTreeMap::new(),
        validated,
        input_shapes: BTreeSet::new(),
        output_shapes: BTreeSet::new(),
        patterns,
        warnings,
    };
    resolver.run(&closure, service_shape, service, settings)
}

/// How deeply lists and maps may nest directly inside each other. Real models nest a few
/// levels; the bound turns a list that contains itself into an error instead of endless recursion.
const MAX_COLLECTION_DEPTH: usize = 32;

struct Resolver<'a> {
    model: &'a Model,
    rename: &'a indexmap::IndexMap<String, String>,
    boxed: BTreeSet<(String, String)>,
    /// Where each named data shape's type lives.
    paths: BTreeMap<String, TypePath>,
    /// Shapes that get `validate()`: operation inputs and what they contain.
    validated: BTreeSet<String>,
    /// Operation inputs, whose members request binding traits bind.
    input_shapes: BTreeSet<String>,
    /// Operation outputs, whose members response binding traits bind (as for errors).
    output_shapes: BTreeSet<String>,
    /// Enforceable patterns, sorted; a pattern's index names its static.
    patterns: Vec<String>,
    warnings: Vec<String>,
}

struct OpShapes {
    id: String,
    name: String,
    module: String,
    input: Option<String>,
    output: Option<String>,
    errors: Vec<String>,
}

impl Resolver<'_> {
    fn run(
        mut self,
        closure: &ServiceClosure,
        service_shape: &Shape,
        service: &crate::model::Service,
        settings: &Settings,
    ) -> Result<Crate> {
        let model = self.model;
        let ops: Vec<OpShapes> = closure
            .operations
            .iter()
            .map(|id| {
                let Kind::Operation(op) = &model.expect(id).kind else { unreachable!() };
                let name = naming::type_name(self.local_name(id));
                let mut errors: Vec<String> = op.errors.clone();
                for e in &service.errors {
                    if !errors.contains(e) {
                        errors.push(e.clone());
                    }
                }
                OpShapes {
                    id: id.clone(),
                    module: naming::snake_name(&name),
                    name,
                    input: op.input.clone().filter(|t| t != traits::UNIT),
                    output: op.output.clone().filter(|t| t != traits::UNIT),
                    errors,
                }
            })
            .collect();
        check_unique(ops.iter().map(|o| (o.name.clone(), o.id.clone())), "operation")?;
        self.input_shapes = ops.iter().flat_map(|o| o.input.clone()).collect();
        self.output_shapes = ops.iter().flat_map(|o| o.output.clone()).collect();

        // A structure used only as an operation's input or output lives in that operation's
        // module under the operation's name; one that members also target lives in `types`.
        let member_targets: BTreeSet<&str> = closure
            .shapes
            .iter()
            .flat_map(|id| model.expect(id).members.iter().map(|m| m.target.as_str()))
            .collect();
        let io_only: BTreeSet<&str> = ops
            .iter()
            .flat_map(|o| o.input.iter().chain(&o.output))
            .map(String::as_str)
            .filter(|id| !member_targets.contains(id))
            .collect();

        for id in &closure.shapes {
            let shape = model.expect(id);
            let location = match shape.kind {
                Kind::Structure if shape.traits.contains_key(traits::ERROR) => Location::Errors,
                Kind::Structure if io_only.contains(id.as_str()) => continue,
                Kind::Structure | Kind::Union | Kind::Enum | Kind::IntEnum => Location::Types,
                _ => continue,
            };
            let name = naming::type_name(self.local_name(id));
            self.paths.insert(id.clone(), TypePath { location, name });
        }
        check_unique(
            self.paths.iter().map(|(id, p)| (format!("{:?}::{}", p.location, p.name), id.clone())),
            "type",
        )?;

        let mut types = Vec::new();
        for (id, path) in self.paths.clone() {
            types.push(self.type_def(model.expect(&id), path)?);
        }
        let mut operations = Vec::new();
        for op in &ops {
            let location = Location::Operation(op.module.clone());
            let mut io_path = |shape: &Option<String>, suffix: &str| -> Result<TypePath> {
                let path = TypePath { location: location.clone(), name: format!("{}{suffix}", op.name) };
                let def = match shape {
                    Some(id) => self.type_def(model.expect(id), path.clone())?,
                    None => TypeDef {
                        shape_id: traits::UNIT.to_string(),
                        path: path.clone(),
                        module: file_module(&path),
                        docs: String::new(),
                        sensitive: false,
                        validated: suffix == "Input",
                        kind: TypeKind::Struct(StructDef { fields: Vec::new(), error: None }),
                        response_tests: Vec::new(),
                    },
                };
                let mut def = def;
                def.validated |= suffix == "Input";
                if def.docs.is_empty() || shape.as_deref().is_some_and(|id| model.expect(id).traits.get(traits::DOCUMENTATION).is_none()) {
                    def.docs = format!(
                        "The {} of the `{}` operation.",
                        if suffix == "Input" { "input" } else { "output" },
                        op.name
                    );
                }
                types.push(def);
                Ok(path)
            };
            let input = io_path(&op.input, "Input")?;
            let output = io_path(&op.output, "Output")?;
            let mut errors = Vec::new();
            for e in &op.errors {
                let path = self.paths.get(e).cloned().ok_or_else(|| {
                    Error::shape(&op.id, format!("error `{e}` is not marked `@error`, so it cannot be returned as one"))
                })?;
                errors.push(path);
            }
            errors.sort();
            errors.dedup();
            let shape = model.expect(&op.id);
            let input_shape = op.input.as_deref().map(|id| model.expect(id));
            let output_shape = op.output.as_deref().map(|id| model.expect(id));
            let pagination = self.pagination(service_shape, shape, input_shape, output_shape)?;
            let http = shape.traits.get("smithy.api#http").and_then(|h| {
                let method = h.get("method")?.as_str()?.to_string();
                let uri = h.get("uri")?.as_str()?.to_string();
                let code = h.get("code").and_then(|c| c.as_u64()).and_then(|c| u16::try_from(c).ok()).unwrap_or(200);
                Some((method, uri, code))
            });
            operations.push(OperationDef {
                shape_id: op.id.clone(),
                wire_name: shape.name().to_string(),
                name: op.name.clone(),
                module: op.module.clone(),
                docs: docs_or(shape, &undocumented_operation(shape.name(), http.as_ref())),
                input,
                output,
                output_is_unit: op.output.is_none(),
                host_prefix: shape.traits.get("smithy.api#endpoint").and_then(|e| e.get("hostPrefix")?.as_str()).map(str::to_string),
                checksum_required: shape.traits.contains_key("smithy.api#httpChecksumRequired"),
                request_gzip: shape
                    .traits
                    .get("smithy.api#requestCompression")
                    .and_then(|c| c.get("encodings")?.as_array().cloned())
                    .is_some_and(|e| e.iter().any(|v| v.as_str().is_some_and(|s| s.eq_ignore_ascii_case("gzip")))),
                errors,
                readonly: shape.traits.contains_key("smithy.api#readonly"),
                idempotent: shape.traits.contains_key("smithy.api#idempotent"),
                idempotency_token: input_shape.and_then(|i| {
                    i.members.iter().find(|m| m.traits.contains_key("smithy.api#idempotencyToken")).map(|m| m.name.clone())
                }),
                pagination,
                http,
                request_tests: protocol_tests(shape, "smithy.test#httpRequestTests"),
                malformed_tests: protocol_tests(shape, "smithy.test#httpMalformedRequestTests"),
                response_tests: protocol_tests(shape, "smithy.test#httpResponseTests"),
            });
        }
        check_unique(
            types.iter().map(|t| (format!("{:?}::{}", t.path.location, naming::unraw(&t.module)), t.shape_id.clone())),
            "file module",
        )?;
        types.sort_by(|a, b| a.path.cmp(&b.path));
        operations.sort_by(|a, b| a.name.cmp(&b.name));

        let uses = uses(model, &closure.shapes);
        let aws = service_shape.traits.get(traits::AWS_SERVICE);
        let sdk_id = aws.and_then(|v| v.get("sdkId")).and_then(|v| v.as_str()).map(str::to_string);
        let package_name = match &settings.crate_name {
            Some(name) => {
                naming::check_package_name(name).map_err(|e| Error::model(format!("invalid --crate-name: {e}")))?;
                name.clone()
            }
            None => naming::package_name(sdk_id.as_deref().unwrap_or_else(|| service_shape.name())),
        };
        // The first of `@title`, sdkId and shape name with any text, on one line.
        let title_text = [service_shape.traits.get(traits::TITLE).and_then(|v| v.as_str()), sdk_id.as_deref()]
            .into_iter()
            .flatten()
            .map(one_line)
            .find(|t| !t.is_empty())
            .unwrap_or_else(|| service_shape.name().to_string());
        let title = title_markdown(&title_text);
        let protocol = service_shape
            .traits
            .keys()
            .find(|k| k.starts_with("aws.protocols#") || k.starts_with("smithy.protocols#"))
            .map(|k| shape_name(k).to_string());
        let signing_name = service_shape
            .traits
            .get("aws.auth#sigv4")
            .and_then(|v| v.get("name"))
            .and_then(|v| v.as_str())
            .map(str::to_string);
        let find_op = |name: &Option<String>| {
            name.as_ref().and_then(|n| operations.iter().find(|o| &o.wire_name == n || &o.name == n)).map(|o| o.name.clone())
        };
        let examples = Examples {
            input: find_op(&settings.example_input).or_else(|| operations.first().map(|o| o.name.clone())),
            output: find_op(&settings.example_output).or_else(|| operations.first().map(|o| o.name.clone())),
        };
        let validation_exception = self.validation_exception(&types);
        let trait_name = naming::trait_name(sdk_id.as_deref().unwrap_or_else(|| service_shape.name()));
        Ok(Crate {
            lib_name: naming::lib_name(&package_name),
            package_name,
            version: settings.crate_version.clone(),
            runtime: settings.runtime.to_toml(),
            service: ServiceInfo {
                id: service_shape.id.clone(),
                shape_name: service_shape.name().to_string(),
                sdk_id,
                title,
                title_text,
                docs: service_shape.traits.get(traits::DOCUMENTATION).and_then(|v| v.as_str()).map(html_to_markdown),
                version: service.version.clone(),
                protocol,
                signing_name,
                trait_name,
                query_compatible: service_shape.traits.contains_key("aws.protocols#awsQueryCompatible"),
                endpoint_rules: service_shape.traits.get("smithy.rules#endpointRuleSet").cloned(),
                endpoint_tests: service_shape.traits.get("smithy.rules#endpointTests").cloned(),
            },
            types,
            operations,
            uses,
            examples,
            patterns: self.patterns,
            warnings: self.warnings,
            validation_exception,
        })
    }

    /// `@paginated` on the operation, completed by the service's, with member paths resolved.
    fn pagination(
        &self,
        service: &Shape,
        op: &Shape,
        input: Option<&Shape>,
        output: Option<&Shape>,
    ) -> Result<Option<Pagination>> {
        let Some(own) = op.traits.get("smithy.api#paginated") else { return Ok(None) };
        let inherited = service.traits.get("smithy.api#paginated");
        let get = |key: &str| -> Option<String> {
            own.get(key).or_else(|| inherited.and_then(|i| i.get(key))).and_then(|v| v.as_str()).map(str::to_string)
        };
        let (Some(input_token), Some(output_token)) = (get("inputToken"), get("outputToken")) else {
            return Err(Error::shape(&op.id, "`@paginated` needs `inputToken` and `outputToken` (on the operation or the service)"));
        };
        let (Some(input), Some(output)) = (input, output) else {
            return Err(Error::shape(&op.id, "a paginated operation needs an input and an output"));
        };
        let missing = |path: &str| Error::shape(&op.id, format!("`@paginated` names `{path}`, which is not a member path"));
        let input_token_field = self.field_path(input, &input_token).ok_or_else(|| missing(&input_token))?;
        let output_token_path = self.field_path(output, &output_token).ok_or_else(|| missing(&output_token))?;
        let page_size = get("pageSize");
        let page_size_field = match &page_size {
            Some(name) => {
                let path = self.field_path(input, name).ok_or_else(|| missing(name))?;
                let member = input.member(name).ok_or_else(|| missing(name))?;
                Some((path[0].0.clone(), path[0].1, self.member_ty(member)?))
            }
            None => None,
        };
        let items = get("items");
        let items_path = match &items {
            Some(path) => {
                let fields = self.field_path(output, path).ok_or_else(|| missing(path))?;
                let last = self.last_member(output, path).ok_or_else(|| missing(path))?;
                match self.member_ty(last)? {
                    Ty::List { item, sparse } => Some((fields, *item, sparse)),
                    Ty::Map { .. } => None, // map-valued items are handed out page by page
                    _ => return Err(Error::shape(&op.id, format!("`@paginated` items `{path}` is not a list or map"))),
                }
            }
            None => None,
        };
        // A paginator moves the output's token into the next input, so both need one Rust type
        // (a string, or for DynamoDB a map of attribute values).
        let token_ty = |shape: &Shape, path: &str| self.last_member(shape, path).map(|m| self.member_ty(m)).transpose();
        let output_ty = token_ty(output, &output_token)?;
        let token = token_ty(input, &input_token)?.filter(|t| Some(t) == output_ty.as_ref() && !matches!(t, Ty::Boxed(_)));
        Ok(Some(Pagination {
            token,
            input_token,
            output_token,
            page_size,
            items,
            input_token_field: (input_token_field[0].0.clone(), input_token_field[0].1),
            output_token_path,
            page_size_field,
            items_path,
        }))
    }

    /// `a.b.c` through structure members: (field name, optional, boxed) per step.
    fn field_path(&self, shape: &Shape, path: &str) -> Option<Vec<(String, bool, bool)>> {
        let mut out = Vec::new();
        let mut current = shape;
        for step in path.split('.') {
            let member = current.member(step)?;
            let target = self.model.expect(&member.target);
            let optional = self.is_optional(current, member, default_value(member, target).is_some());
            let boxed = self.boxed.contains(&(current.id.clone(), member.name.clone()));
            out.push((naming::snake_name(&member.name), optional, boxed));
            current = target;
        }
        Some(out)
    }

    fn last_member<'m>(&'m self, shape: &'m Shape, path: &str) -> Option<&'m Member> {
        let mut current = shape;
        let mut found = None;
        for step in path.split('.') {
            let member = current.member(step)?;
            current = self.model.expect(&member.target);
            found = Some(member);
        }
        found
    }

    /// The constraint traits on a member's value: the member's own, else its target's.
    /// (Collections nest boundedly: `member_ty` has already rejected deeper ones.)
    fn rules(&self, member: &Member) -> Rules {
        let target = self.model.expect(&member.target);
        let get = |key: &str| member.traits.get(key).or_else(|| target.traits.get(key));
        let bound = |v: &serde_json::Value, key: &str| v.get(key).filter(|b| b.is_number()).map(|b| b.to_string());
        let mut rules = Rules {
            unique_items: target.traits.contains_key("smithy.api#uniqueItems"),
            length: get("smithy.api#length").map(|v| {
                (v.get("min").and_then(|b| b.as_u64()), v.get("max").and_then(|b| b.as_u64()))
            }),
            range: get("smithy.api#range").map(|v| (bound(v, "min"), bound(v, "max"))),
            pattern: get("smithy.api#pattern")
                .and_then(|v| v.as_str())
                .and_then(|p| self.patterns.binary_search_by(|x| x.as_str().cmp(p)).ok().map(|i| (i, p.to_string()))),
            ..Rules::default()
        };
        // A pattern only applies to strings; enum membership is checked through the type.
        if !matches!(target.kind, Kind::String) {
            rules.pattern = None;
        }
        let nested = |m: &Member| Some(Box::new(self.rules(m))).filter(|r| !r.is_empty());
        match target.kind {
            Kind::List => rules.item = nested(&target.members[0]),
            Kind::Map => {
                rules.key = nested(&target.members[0]);
                rules.value = nested(&target.members[1]);
            }
            _ => {}
        }
        rules
    }

    /// The service's `ValidationException`, if it has the shape AWS uses: a message, and
    /// optionally a list of fields with a name (or path) and a message, and a reason enum.
    fn validation_exception(&self, types: &[TypeDef]) -> Option<ValidationException> {
        let def = types.iter().find(|t| t.path.location == Location::Errors && t.path.name == "ValidationException")?;
        let TypeKind::Struct(s) = &def.kind else { return None };
        let message = s.error.as_ref()?.message.clone()?;
        let field_list = s.fields.iter().find_map(|f| {
            let Ty::List { item, sparse: false } = &f.ty else { return None };
            let Ty::Named(path) = item.as_ref() else { return None };
            let TypeKind::Struct(inner) = &types.iter().find(|t| &t.path == path)?.kind else { return None };
            let string_field = |names: &[&str]| {
                inner.fields.iter().find(|x| names.contains(&x.wire_name.as_str()) && x.ty == Ty::String).map(|x| (x.name.clone(), x.optional))
            };
            Some(FieldList {
                field: f.name.clone(),
                optional: f.optional,
                item: path.clone(),
                name: string_field(&["Name", "name", "Path", "path"])?,
                message: string_field(&["Message", "message"])?,
            })
        });
        let reason = s.fields.iter().find_map(|f| {
            let Ty::Named(path) = &f.ty else { return None };
            let TypeKind::Enum(e) = &types.iter().find(|t| &t.path == path)?.kind else { return None };
            // AWS spells the value `fieldValidationFailed` or `FIELD_VALIDATION_FAILED`.
            let v = e.variants.iter().find(|v| v.name == "FieldValidationFailed")?;
            Some((f.name.clone(), f.optional, path.clone(), v.name.clone()))
        });
        Some(ValidationException { error: def.path.clone(), message, field_list, reason })
    }

    /// The shape's name after the service's `rename` map.
    fn local_name<'s>(&'s self, id: &'s str) -> &'s str {
        self.rename.get(id).map_or_else(|| shape_name(id), String::as_str)
    }

    fn type_def(&self, shape: &Shape, path: TypePath) -> Result<TypeDef> {
        let kind = match shape.kind {
            Kind::Structure => TypeKind::Struct(self.struct_def(shape)?),
            Kind::Union => TypeKind::Union(self.union_def(shape)?),
            Kind::Enum | Kind::IntEnum => TypeKind::Enum(enum_def(shape)?),
            _ => unreachable!("only aggregate shapes get type definitions"),
        };
        let docs = docs_or(shape, &type_fallback(shape, &kind));
        Ok(TypeDef {
            shape_id: shape.id.clone(),
            module: file_module(&path),
            path,
            docs,
            sensitive: shape.traits.contains_key(traits::SENSITIVE),
            validated: self.validated.contains(&shape.id),
            kind,
            response_tests: protocol_tests(shape, "smithy.test#httpResponseTests"),
        })
    }

    fn struct_def(&self, shape: &Shape) -> Result<StructDef> {
        let names: Vec<String> = shape.members.iter().map(|m| naming::snake_name(&m.name)).collect();
        check_unique(
            names.iter().zip(&shape.members).map(|(n, m)| (naming::unraw(n).to_string(), format!("{}${}", shape.id, m.name))),
            "member",
        )?;
        let methods = naming::builder_methods(&names);
        let mut fields = Vec::new();
        for ((member, name), (setter, set_setter)) in shape.members.iter().zip(names).zip(methods) {
            let target = self.model.expect(&member.target);
            let default = default_value(member, target).cloned();
            if let Some(value) = &default {
                check_default(shape, member, target, value)?;
            }
            let required = member.traits.contains_key(traits::REQUIRED);
            let optional = self.is_optional(shape, member, default.is_some());
            let mut ty = self.member_ty(member)?;
            if self.boxed.contains(&(shape.id.clone(), member.name.clone())) {
                ty = Ty::Boxed(Box::new(ty));
            }
            fields.push(Field {
                wire_name: member.name.clone(),
                json_name: json_name(member),
                binding: self.binding(shape, member),
                media_type: target.traits.get("smithy.api#mediaType").and_then(|v| v.as_str()).map(str::to_string),
                idempotency_token: member.traits.contains_key("smithy.api#idempotencyToken"),
                name,
                setter,
                set_setter,
                accessor: None,
                docs: member_docs(member, target, Some(&ty), shape.traits.contains_key(traits::ERROR)),
                ty,
                optional,
                required,
                default,
                sensitive: self.is_sensitive(member),
                rules: self.rules(member),
            });
        }
        let names: Vec<String> = fields.iter().map(|f| f.name.clone()).collect();
        let lists: Vec<bool> = fields.iter().map(|f| matches!(f.ty, Ty::List { .. })).collect();
        for (field, accessor) in fields.iter_mut().zip(naming::accessor_names(&names, &lists)) {
            field.accessor = accessor;
        }
        let error = shape.traits.get(traits::ERROR).map(|fault| {
            let retryable = shape.traits.get(traits::RETRYABLE);
            ErrorInfo {
                server_fault: fault.as_str() == Some("server"),
                http_status: shape
                    .traits
                    .get(traits::HTTP_ERROR)
                    .and_then(|v| v.as_u64())
                    .and_then(|v| u16::try_from(v).ok()),
                retryable: retryable.is_some(),
                throttling: retryable
                    .and_then(|v| v.get("throttling"))
                    .and_then(|v| v.as_bool())
                    .unwrap_or(false),
                code: shape.name().to_string(),
                query_code: shape
                    .traits
                    .get("aws.protocols#awsQueryError")
                    .and_then(|v| v.get("code")?.as_str())
                    .map(str::to_string),
                message: fields
                    .iter()
                    .find(|f| f.wire_name.eq_ignore_ascii_case("message") && f.ty == Ty::String)
                    .map(|f| (f.name.clone(), f.optional)),
            }
        });
        Ok(StructDef { fields, error })
    }

    fn union_def(&self, shape: &Shape) -> Result<UnionDef> {
        let mut variants = Vec::new();
        for member in &shape.members {
            let target = self.model.expect(&member.target);
            let unit = member.target == traits::UNIT;
            let mut ty = if unit { None } else { Some(self.member_ty(member)?) };
            if self.boxed.contains(&(shape.id.clone(), member.name.clone())) {
                ty = ty.map(|t| Ty::Boxed(Box::new(t)));
            }
            variants.push(UnionVariant {
                wire_name: member.name.clone(),
                json_name: json_name(member),
                name: naming::variant_name(&member.name),
                method: String::new(),
                docs: member_docs(member, target, ty.as_ref(), false),
                ty,
                rules: self.rules(member),
            });
        }
        let names = dedup_reserved(variants.iter().map(|v| v.name.clone()).collect(), &shape.members);
        for (v, name) in variants.iter_mut().zip(names) {
            // Helpers are named after the variant, so `is_unknown` stays the catch-all's.
            v.method = naming::unraw(&naming::snake_name(&name)).trim_end_matches('_').to_string();
            v.name = name;
        }
        check_unique(
            variants.iter().map(|v| (v.name.clone(), format!("{}${}", shape.id, v.wire_name))),
            "union member",
        )?;
        Ok(UnionDef { variants })
    }

    /// Whether a member is an `Option`. Every member of an operation's input is, with or
    /// without `@input`, as in the AWS SDK for Rust: a request can be built in steps, and a
    /// server can tell a required member left out from one set to its zero value.
    fn is_optional(&self, owner: &Shape, member: &Member, has_default: bool) -> bool {
        self.input_shapes.contains(&owner.id) || is_optional(owner, member, has_default)
    }

    /// A member's HTTP binding where its structure's role gives it one: request bindings on
    /// inputs, response bindings on outputs and errors; elsewhere the traits are ignored and
    /// the member is in the body, as Smithy specifies.
    fn binding(&self, shape: &Shape, member: &Member) -> Option<HttpBinding> {
        let binding = http_binding(member)?;
        let input = self.input_shapes.contains(&shape.id);
        let response = self.output_shapes.contains(&shape.id) || shape.traits.contains_key(traits::ERROR);
        let applies = match binding {
            HttpBinding::Label | HttpBinding::Query(_) | HttpBinding::QueryParams | HttpBinding::HostLabel => input,
            HttpBinding::ResponseCode => response,
            HttpBinding::Header(_) | HttpBinding::PrefixHeaders(_) | HttpBinding::Payload => input || response,
        };
        applies.then_some(binding)
    }

    /// The Rust type of a member's value (without the `Option` nullability adds).
    fn member_ty(&self, member: &Member) -> Result<Ty> {
        self.member_ty_at(member, 0)
    }

    fn member_ty_at(&self, member: &Member, depth: usize) -> Result<Ty> {
        let target = self.model.expect(&member.target);
        if depth > MAX_COLLECTION_DEPTH {
            return Err(Error::shape(
                &target.id,
                format!("lists and maps nest more than {MAX_COLLECTION_DEPTH} levels deep without a structure or union between them (or contain themselves), which has no Rust type"),
            ));
        }
        Ok(match &target.kind {
            Kind::Timestamp => Ty::DateTime(timestamp_format(&member.traits).or_else(|| timestamp_format(&target.traits))),
            Kind::List => {
                let item = &target.members[0];
                Ty::List {
                    item: Box::new(self.member_ty_at(item, depth + 1)?),
                    sparse: target.traits.contains_key(traits::SPARSE),
                }
            }
            Kind::Map => Ty::Map {
                key: Box::new(self.member_ty_at(&target.members[0], depth + 1)?),
                value: Box::new(self.member_ty_at(&target.members[1], depth + 1)?),
                sparse: target.traits.contains_key(traits::SPARSE),
            },
            Kind::Structure | Kind::Union | Kind::Enum | Kind::IntEnum => {
                Ty::Named(self.paths.get(&target.id).cloned().ok_or_else(|| {
                    Error::shape(&target.id, "is targeted by a member but has no generated type (an operation input or output?)")
                })?)
            }
            Kind::Blob => Ty::Blob,
            Kind::Boolean => Ty::Bool,
            Kind::String => Ty::String,
            Kind::Byte => Ty::I8,
            Kind::Short => Ty::I16,
            Kind::Integer => Ty::I32,
            Kind::Long => Ty::I64,
            Kind::Float => Ty::F32,
            Kind::Double => Ty::F64,
            Kind::BigInteger => Ty::BigInteger,
            Kind::BigDecimal => Ty::BigDecimal,
            Kind::Document => Ty::Document,
            Kind::Operation(_) | Kind::Resource(_) | Kind::Service(_) => unreachable!("validated"),
        })
    }

    /// A member is redacted from `Debug` when it, its target, or what its collection holds is
    /// `@sensitive`.
    fn is_sensitive(&self, member: &Member) -> bool {
        let mut pending = vec![member];
        let mut seen = BTreeSet::new();
        while let Some(m) = pending.pop() {
            if m.traits.contains_key(traits::SENSITIVE) {
                return true;
            }
            let target = self.model.expect(&m.target);
            if target.traits.contains_key(traits::SENSITIVE) {
                return true;
            }
            if matches!(target.kind, Kind::List | Kind::Map) && seen.insert(target.id.clone()) {
                pending.extend(target.members.iter());
            }
        }
        false
    }
}

/// `@jsonName`, when set.
fn json_name(member: &Member) -> Option<String> {
    member.traits.get("smithy.api#jsonName").and_then(|v| v.as_str()).map(str::to_string)
}

/// The member's HTTP binding trait, if any.
fn http_binding(member: &Member) -> Option<HttpBinding> {
    let t = &member.traits;
    let text = |key: &str| t.get(key).and_then(|v| v.as_str()).map(str::to_string);
    if t.contains_key("smithy.api#httpLabel") {
        Some(HttpBinding::Label)
    } else if let Some(name) = text("smithy.api#httpQuery") {
        Some(HttpBinding::Query(name))
    } else if t.contains_key("smithy.api#httpQueryParams") {
        Some(HttpBinding::QueryParams)
    } else if let Some(name) = text("smithy.api#httpHeader") {
        Some(HttpBinding::Header(name))
    } else if let Some(prefix) = text("smithy.api#httpPrefixHeaders") {
        Some(HttpBinding::PrefixHeaders(prefix))
    } else if t.contains_key("smithy.api#httpPayload") {
        Some(HttpBinding::Payload)
    } else if t.contains_key("smithy.api#httpResponseCode") {
        Some(HttpBinding::ResponseCode)
    } else if t.contains_key("smithy.api#hostLabel") {
        Some(HttpBinding::HostLabel)
    } else {
        None
    }
}

/// The test cases of a `smithy.test` trait on a shape, as written.
fn protocol_tests(shape: &Shape, trait_id: &str) -> Vec<serde_json::Value> {
    shape.traits.get(trait_id).and_then(|v| v.as_array()).cloned().unwrap_or_default()
}

/// `text` with every run of whitespace (newlines included) as one space, trimmed.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A one-line plain-text title as Markdown inline text that reads literally wherever docs put
/// it, including at the start of a line: no code block, heading, list, HTML, link or bare URL.
fn title_markdown(text: &str) -> String {
    let mut html = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => html.push_str("&amp;"),
            '<' => html.push_str("&lt;"),
            '>' => html.push_str("&gt;"),
            c => html.push(c),
        }
    }
    one_line(&html_to_markdown(&html))
}

/// A member's `@default`, or its target's (`null` means none).
fn default_value<'m>(member: &'m Member, target: &'m Shape) -> Option<&'m serde_json::Value> {
    member.traits.get(traits::DEFAULT).or_else(|| target.traits.get(traits::DEFAULT)).filter(|v| !v.is_null())
}

/// Rejects a `@default` that the member's Rust type cannot hold, so that the emitted literal
/// compiles and means what the model says: integers must be whole numbers in the range of the
/// shape (`byte` is `i8`, ...; an intEnum's an `i32`), floats numbers (a `float` one an `f32`
/// can hold) or `"NaN"`, `"Infinity"`, `"-Infinity"`, booleans `true`/`false`, strings and
/// enums strings, big numbers numbers. Other kinds (timestamps, blobs, documents, collections)
/// are not checked here.
fn check_default(owner: &Shape, member: &Member, target: &Shape, value: &serde_json::Value) -> Result<()> {
    let int = |min: i64, max: i64| value.as_i64().is_some_and(|v| (min..=max).contains(&v));
    let special_float = matches!(value.as_str(), Some("NaN" | "Infinity" | "-Infinity"));
    let expected = match target.kind {
        Kind::Byte if !int(i8::MIN.into(), i8::MAX.into()) => "an integer from -128 to 127 (a byte)",
        Kind::Short if !int(i16::MIN.into(), i16::MAX.into()) => "an integer from -32768 to 32767 (a short)",
        Kind::Integer | Kind::IntEnum if !int(i32::MIN.into(), i32::MAX.into()) => {
            "an integer from -2147483648 to 2147483647 (an integer)"
        }
        Kind::Long if !int(i64::MIN, i64::MAX) => "a 64-bit integer (a long)",
        Kind::Float if !(special_float || value.as_f64().is_some_and(|v| (v as f32).is_finite())) => {
            "a number a 32-bit float can hold, or \"NaN\", \"Infinity\" or \"-Infinity\" (a float)"
        }
        Kind::Double if !(special_float || value.is_number()) => {
            "a number, or \"NaN\", \"Infinity\" or \"-Infinity\" (a double)"
        }
        Kind::BigInteger | Kind::BigDecimal if !value.is_number() => "a number",
        Kind::Boolean if !value.is_boolean() => "`true` or `false`",
        Kind::String | Kind::Enum if !value.is_string() => "a string",
        _ => return Ok(()),
    };
    Err(Error::shape(
        format!("{}${}", owner.id, member.name),
        format!("@default {value} is not {expected}"),
    ))
}

/// Smithy 2.0 nullability as a client sees it: `Option` unless `@required` or defaulted, and
/// always in `@input` structures or with `@clientOptional`.
/// Whether a member is an `Option`: in an input (`@input`), when `@clientOptional`, or when
/// neither `@required` nor `@default` makes it a plain value.
fn is_optional(owner: &Shape, member: &Member, has_default: bool) -> bool {
    owner.traits.contains_key(traits::INPUT)
        || member.traits.contains_key(traits::CLIENT_OPTIONAL)
        || !(member.traits.contains_key(traits::REQUIRED) || has_default)
}

fn enum_def(shape: &Shape) -> Result<EnumDef> {
    let int = matches!(shape.kind, Kind::IntEnum);
    let mut variants = Vec::new();
    for m in &shape.members {
        let raw = m.traits.get(traits::ENUM_VALUE);
        let value = match (int, raw) {
            (true, Some(v)) => EnumValue::Int(v.as_i64().filter(|i| i32::try_from(*i).is_ok()).ok_or_else(|| {
                Error::shape(format!("{}${}", shape.id, m.name), "intEnum value is not a 32-bit integer")
            })?),
            (false, Some(v)) => EnumValue::String(
                v.as_str()
                    .ok_or_else(|| Error::shape(format!("{}${}", shape.id, m.name), "enum value is not a string"))?
                    .to_string(),
            ),
            (_, None) => EnumValue::String(m.name.clone()),
        };
        let shown = match &value {
            EnumValue::String(s) => format!("`{s}`"),
            EnumValue::Int(i) => format!("`{i}`"),
        };
        if variants.iter().any(|v: &EnumVariant| v.value == value) {
            return Err(Error::shape(format!("{}${}", shape.id, m.name), format!("enum value {shown} is used twice")));
        }
        variants.push(EnumVariant {
            name: naming::variant_name(&m.name),
            docs: docs_or_text(m.traits.get(traits::DOCUMENTATION), &format!("The value {shown}.")),
            value,
            internal: m.traits.contains_key("smithy.api#internal"),
        });
    }
    let names = dedup_reserved(variants.iter().map(|v| v.name.clone()).collect(), &shape.members);
    for (v, name) in variants.iter_mut().zip(names) {
        v.name = name;
    }
    check_unique(
        variants.iter().zip(&shape.members).map(|(v, m)| (v.name.clone(), format!("{}${}", shape.id, m.name))),
        "enum member",
    )?;
    Ok(EnumDef { int, variants })
}

/// The private module a type's file is: its snake-case name, unless that would collide with a
/// module the generator adds itself (`builders`, `error`).
fn file_module(path: &TypePath) -> String {
    let module = naming::snake_name(&path.name);
    if matches!(naming::unraw(&module), "builders" | "error") {
        format!("{}_shape", naming::unraw(&module))
    } else {
        module
    }
}

/// A member renamed away from the reserved `Unknown` may land on a name another member has;
/// that clash is the generator's doing, not the model's, so it is numbered away.
fn dedup_reserved(mut names: Vec<String>, members: &[Member]) -> Vec<String> {
    for i in 0..names.len() {
        if naming::type_name(&members[i].name) != naming::UNKNOWN_VARIANT {
            continue;
        }
        let mut n = 1;
        while names.iter().enumerate().any(|(j, other)| j != i && *other == names[i]) {
            names[i] = format!("{}Value{n}", naming::UNKNOWN_VARIANT);
            n += 1;
        }
    }
    names
}

fn timestamp_format(traits: &indexmap::IndexMap<String, serde_json::Value>) -> Option<TimestampFormat> {
    match traits.get(traits::TIMESTAMP_FORMAT)?.as_str()? {
        "date-time" => Some(TimestampFormat::DateTime),
        "http-date" => Some(TimestampFormat::HttpDate),
        "epoch-seconds" => Some(TimestampFormat::EpochSeconds),
        _ => None,
    }
}

fn docs_or(shape: &Shape, fallback: &str) -> String {
    docs_or_text(shape.traits.get(traits::DOCUMENTATION), fallback)
}

fn docs_or_text(doc: Option<&serde_json::Value>, fallback: &str) -> String {
    let text = doc.and_then(|v| v.as_str()).map(html_to_markdown).unwrap_or_default();
    if text.trim().is_empty() {
        fallback.to_string()
    } else {
        text
    }
}

/// The docs of a type the model leaves undocumented: what it holds, from the model.
fn type_fallback(shape: &Shape, kind: &TypeKind) -> String {
    let name = shape.name();
    match kind {
        TypeKind::Struct(StructDef { error: Some(e), .. }) => {
            let fault = if e.server_fault { "server" } else { "client" };
            format!("The error the service sends as `{name}`, a {fault} fault.")
        }
        TypeKind::Struct(s) if s.fields.is_empty() => format!("`{name}`: a structure with no members."),
        TypeKind::Struct(s) => {
            format!("`{name}`: a structure with {}.", listed(s.fields.iter().map(|f| f.wire_name.clone()), "and"))
        }
        TypeKind::Union(u) => {
            format!("`{name}`: one of {}.", listed(u.variants.iter().map(|v| v.wire_name.clone()), "or"))
        }
        TypeKind::Enum(e) => {
            let values = e.variants.iter().map(|v| match &v.value {
                EnumValue::String(text) => text.clone(),
                EnumValue::Int(i) => i.to_string(),
            });
            format!("`{name}`: {}.", listed(values, "or"))
        }
    }
}

/// "`a`, `b` and `c`", or the first three "and 4 more".
fn listed(items: impl Iterator<Item = String>, last: &str) -> String {
    let items: Vec<String> = items.map(|i| format!("`{i}`")).collect();
    match items.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [head @ .., tail] if items.len() <= 4 => format!("{} {last} {tail}", head.join(", ")),
        _ => format!("{} {last} {} more", items[..3].join(", "), items.len() - 3),
    }
}

/// A member's own docs, else its target's (the first sentence for a structure or union, whose
/// page has the rest), else a line giving its wire name and type.
fn member_docs(member: &Member, target: &Shape, ty: Option<&Ty>, in_error: bool) -> String {
    let aggregate = matches!(target.kind, Kind::Structure | Kind::Union);
    let target_docs = || {
        let text = docs_or_text(target.traits.get(traits::DOCUMENTATION), "");
        if aggregate { crate::docs::first_sentence(&text) } else { text }
    };
    let mut docs = docs_or_text(member.traits.get(traits::DOCUMENTATION), "");
    if docs.is_empty() {
        docs = target_docs();
    }
    if docs.trim().is_empty() {
        docs = match ty {
            Some(Ty::String) if in_error && member.name.eq_ignore_ascii_case("message") => {
                "The error's message, as the service sent it.".to_string()
            }
            Some(ty) => format!("`{}` ({}).", member.name, ty_phrase(ty)),
            None => format!("`{}`, a member that carries no value.", member.name),
        };
    }
    if let Some(dep) = member.traits.get(traits::DEPRECATED) {
        let note = dep.get("message").and_then(|v| v.as_str()).unwrap_or("");
        docs.push_str(format!("\n\n**Deprecated.** {}", html_to_markdown(note)).trim_end());
    }
    docs
}

/// `ty` in words, with its article: "a string", "a list of `Tag` values".
fn ty_phrase(ty: &Ty) -> String {
    match ty {
        Ty::Named(path) => naming::with_article(&format!("`{}`", naming::unraw(&path.name))),
        Ty::List { item, .. } => format!("a list of {}", ty_plural(item)),
        Ty::Map { value, .. } => format!("a map of {}", ty_plural(value)),
        Ty::Boxed(inner) => ty_phrase(inner),
        simple => naming::with_article(simple_noun(simple)),
    }
}

fn ty_plural(ty: &Ty) -> String {
    match ty {
        Ty::Named(path) => format!("`{}` values", naming::unraw(&path.name)),
        Ty::List { .. } => "lists".to_string(),
        Ty::Map { .. } => "maps".to_string(),
        Ty::Boxed(inner) => ty_plural(inner),
        simple => format!("{}s", simple_noun(simple)),
    }
}

/// The Smithy name of a simple type.
fn simple_noun(ty: &Ty) -> &'static str {
    match ty {
        Ty::String => "string",
        Ty::Bool => "boolean",
        Ty::I8 => "byte",
        Ty::I16 => "short",
        Ty::I32 => "integer",
        Ty::I64 => "long",
        Ty::F32 => "float",
        Ty::F64 => "double",
        Ty::Blob => "blob",
        Ty::DateTime(_) => "timestamp",
        Ty::Document => "document",
        Ty::BigInteger => "big integer",
        Ty::BigDecimal => "big decimal",
        Ty::Named(_) | Ty::List { .. } | Ty::Map { .. } | Ty::Boxed(_) => "value",
    }
}

/// The patterns of the closure the `regex` crate accepts, sorted; the rest become warnings
/// that give the crate's reason (ECMA-262 lookaround, backreferences and UTF-16 surrogates
/// have no equivalent there).
fn collect_patterns(model: &Model, validated: &BTreeSet<String>) -> (Vec<String>, Vec<String>) {
    // Walk members the way `rules()` does, so that exactly the patterns `validate()` checks
    // (on strings, in validated types and the collections inside them) get a static.
    let mut found: BTreeMap<String, String> = BTreeMap::new();
    let mut pending: Vec<(&str, &Member)> =
        validated.iter().flat_map(|id| model.expect(id).members.iter().map(move |m| (id.as_str(), m))).collect();
    let mut seen = BTreeSet::new();
    while let Some((owner, member)) = pending.pop() {
        if !seen.insert((owner, member.name.as_str())) {
            continue;
        }
        let target = model.expect(&member.target);
        match target.kind {
            Kind::String => {
                let pattern = member.traits.get("smithy.api#pattern").or_else(|| target.traits.get("smithy.api#pattern"));
                if let Some(text) = pattern.and_then(|p| p.as_str()) {
                    found.entry(text.to_string()).or_insert_with(|| format!("{owner}${}", member.name));
                }
            }
            Kind::List | Kind::Map => pending.extend(target.members.iter().map(|m| (target.id.as_str(), m))),
            _ => {}
        }
    }
    let mut patterns = Vec::new();
    let mut warnings = Vec::new();
    for (pattern, at) in found {
        match regex_syntax::Parser::new().parse(&pattern) {
            Ok(_) => patterns.push(pattern),
            Err(e) => warnings.push(format!(
                "`{at}`: pattern `{pattern}` is not supported by the `regex` crate ({}); validate() does not enforce it",
                unsupported_pattern_reason(&pattern, &e)
            )),
        }
    }
    (patterns, warnings)
}

/// Why the `regex` crate rejects `pattern`, in its own words, with the part it stopped at.
fn unsupported_pattern_reason(pattern: &str, err: &regex_syntax::Error) -> String {
    let (kind, span) = match err {
        regex_syntax::Error::Parse(e) => (e.kind().to_string(), *e.span()),
        regex_syntax::Error::Translate(e) => (e.kind().to_string(), *e.span()),
        other => return other.to_string(),
    };
    let digits = pattern.get(span.start.offset..span.end.offset).unwrap_or_default();
    // A bad `\uXXXX` escape is reported at its digits: show the whole escape.
    let escape = pattern.get(..span.start.offset).is_some_and(|before| before.ends_with("\\u"));
    let at = if escape { format!("\\u{digits}") } else { digits.to_string() };
    // ECMA-262 patterns match UTF-16 code units; a Rust string never holds a lone surrogate.
    let surrogate = escape && u32::from_str_radix(digits, 16).is_ok_and(|c| (0xD800..0xE000).contains(&c));
    let hint = if surrogate { ", a UTF-16 surrogate, which Rust strings cannot hold" } else { "" };
    format!("{kind}: `{at}`{hint}")
}

/// Operation inputs and every structure or union reachable from them.
fn validated_shapes(model: &Model, closure: &ServiceClosure) -> BTreeSet<String> {
    let mut pending: Vec<String> = closure
        .operations
        .iter()
        .filter_map(|op| match &model.expect(op).kind {
            Kind::Operation(o) => o.input.clone(),
            _ => None,
        })
        .collect();
    let mut seen = BTreeSet::new();
    while let Some(id) = pending.pop() {
        if !seen.insert(id.clone()) {
            continue;
        }
        pending.extend(model.expect(&id).members.iter().map(|m| m.target.clone()));
    }
    seen.retain(|id| matches!(model.expect(id).kind, Kind::Structure | Kind::Union));
    seen
}

fn uses(model: &Model, shapes: &BTreeSet<String>) -> Uses {
    let mut uses = Uses::default();
    for id in shapes {
        match model.expect(id).kind {
            Kind::Blob => uses.blob = true,
            Kind::Timestamp => uses.date_time = true,
            Kind::Document => uses.document = true,
            Kind::BigInteger | Kind::BigDecimal => uses.big_number = true,
            _ => {}
        }
    }
    uses
}

/// Fails when two things get the same generated name; `items` are (name, shape id).
fn check_unique(items: impl Iterator<Item = (String, String)>, what: &str) -> Result<()> {
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    for (name, id) in items {
        if let Some(first) = seen.get(&name) {
            let shown = name.rsplit("::").next().unwrap_or(&name);
            return Err(Error::shape(
                &id,
                format!("{what} name `{shown}` clashes with `{first}` after conversion to Rust; rename one (the service's `rename` map can)"),
            ));
        }
        seen.insert(name, id);
    }
    Ok(())
}

/// What an operation the model leaves undocumented says: its HTTP route when it has one.
fn undocumented_operation(name: &str, http: Option<&(String, String, u16)>) -> String {
    match http {
        // Inside a code span: a backtick would end it.
        Some((method, uri, _)) => {
            format!("The `{name}` operation: `{method} {}` (the model does not document it).", uri.replace('`', "'"))
        }
        None => format!("The `{name}` operation (the model does not document it)."),
    }
}
