//! `validate()`: checks `@required`, `@length`, `@range`, `@pattern`, `@uniqueItems` and enum
//! membership on an input and everything inside it, and reports every violation with its member path.

use crate::ir::{Crate, EnumValue, Rules, Ty, TypeKind};
use crate::naming::ident;
use proc_macro2::{Literal, TokenStream};
use quote::quote;

/// Checks for one value. `value` is an expression of type `&T`; `path` one of type `&str`.
pub fn check_value(krate: &Crate, value: TokenStream, ty: &Ty, rules: &Rules, path: TokenStream) -> TokenStream {
    let mut checks = Vec::new();
    if let Some((min, max)) = rules.length {
        let len = match ty {
            Ty::String => Some(quote!(#value.chars().count())),
            Ty::Blob => Some(quote!(#value.len())),
            Ty::List { .. } | Ty::Map { .. } => Some(quote!(#value.len())),
            _ => None,
        };
        if let Some(len) = len {
            let (min, max) = (opt_u64(min), opt_u64(max));
            checks.push(quote!(v.length(#path, #len, #min, #max);));
        }
    }
    if let Some((min, max)) = &rules.range {
        let number = match ty {
            Ty::I8 | Ty::I16 | Ty::I32 | Ty::F32 => Some(quote!(f64::from(*#value))),
            Ty::I64 => Some(quote!((*#value) as f64)),
            Ty::F64 => Some(quote!(*#value)),
            Ty::BigInteger | Ty::BigDecimal => Some(quote!(#value.as_str().parse::<f64>().unwrap_or(f64::NAN))),
            _ => None,
        };
        if let Some(number) = number {
            let parse = |b: &Option<String>| match b.as_deref().and_then(|t| t.parse::<f64>().ok()) {
                Some(f) => {
                    let f = Literal::f64_unsuffixed(f);
                    quote!(::Option::Some(#f))
                }
                None => quote!(::Option::None),
            };
            let (lo, hi) = (parse(min), parse(max));
            let shown_lo = min.clone().unwrap_or_default();
            let shown_hi = max.clone().unwrap_or_default();
            checks.push(quote!(v.range(#path, #number, #lo, #hi, (#shown_lo, #shown_hi));));
        }
    }
    if let (true, Ty::List { .. }) = (rules.unique_items, ty) {
        checks.push(quote!(v.unique_items(#path, #value);));
    }
    if let (Some((index, text)), Ty::String) = (&rules.pattern, ty) {
        let stat = quote::format_ident!("P{}", index);
        checks.push(quote!(v.pattern(#path, crate::patterns::#stat.as_ref().map(|re| re.is_match(#value)), #text);));
    }
    match ty {
        Ty::Named(path_ty) => {
            let def = krate.type_def(path_ty);
            let p = super::rust::type_path(path_ty);
            match def.map(|d| (&d.kind, d.validated)) {
                Some((TypeKind::Enum(e), _)) => {
                    let allowed: Vec<String> = e
                        .variants
                        .iter()
                        .filter(|v| !v.internal)
                        .map(|v| match &v.value {
                            EnumValue::String(s) => s.clone(),
                            EnumValue::Int(i) => i.to_string(),
                        })
                        .collect();
                    checks.push(quote!(v.enum_value(#path, !::std::matches!(#value, #p::Unknown(_)), &[#(#allowed),*]);));
                }
                Some((TypeKind::Struct(_) | TypeKind::Union(_), true)) => {
                    checks.push(quote!(#value.validate_at(#path, v);));
                }
                _ => {}
            }
        }
        Ty::Boxed(inner) => {
            // Only structures and unions are boxed; their `validate_at` auto-derefs.
            let inner_check = check_value(krate, value, inner, rules, path);
            checks.push(inner_check);
        }
        Ty::List { item, sparse } => {
            let item_rules = rules.item.as_deref().cloned().unwrap_or_default();
            let body = check_value(krate, quote!(item), item, &item_rules, quote!(&item_path));
            if !body.is_empty() {
                let bind = if *sparse {
                    quote!(let ::Option::Some(item) = item else { continue };)
                } else {
                    quote!()
                };
                checks.push(quote! {
                    for (i, item) in #value.iter().enumerate() {
                        #bind
                        let item_path = crate::error::child(#path, &i.to_string());
                        #body
                    }
                });
            }
        }
        Ty::Map { key, value: value_ty, sparse } => {
            let key_rules = rules.key.as_deref().cloned().unwrap_or_default();
            let value_rules = rules.value.as_deref().cloned().unwrap_or_default();
            // A bad key is reported at the map, as the key is not a member the path can name.
            let key_check = check_value(krate, quote!(key), key, &key_rules, path.clone());
            let value_check = check_value(krate, quote!(item), value_ty, &value_rules, quote!(&entry_path));
            if !key_check.is_empty() || !value_check.is_empty() {
                let entry_path = (!value_check.is_empty()).then(|| quote!(let entry_path = crate::error::child(#path, key.as_str());));
                let item_name = if value_check.is_empty() { quote!(_) } else { quote!(item) };
                let bind = if *sparse {
                    quote!(if let ::Option::Some(item) = item { #value_check })
                } else {
                    value_check
                };
                checks.push(quote! {
                    for (key, #item_name) in #value.iter() {
                        #entry_path
                        #key_check
                        #bind
                    }
                });
            }
        }
        _ => {}
    }
    quote!(#(#checks)*)
}

fn opt_u64(v: Option<u64>) -> TokenStream {
    match v {
        Some(n) => {
            let n = Literal::u64_unsuffixed(n);
            quote!(::Option::Some(#n))
        }
        None => quote!(::Option::None),
    }
}

/// `validate()` and `validate_at()` around `body` (which uses `path: &str` and `v`).
pub fn methods(type_name: &str, body: TokenStream) -> TokenStream {
    let doc = format!(
        " Checks the model's constraints (`@required`, `@length`, `@range`, `@pattern`, enum\n values) on this `{type_name}` and everything in it, and reports every violation."
    );
    let doc = super::rust::doc(&doc);
    let unused = if body.is_empty() { quote!(let _ = (path, v);) } else { quote!() };
    quote! {
        #doc
        pub fn validate(&self) -> ::Result<(), crate::error::ValidationError> {
            let mut v = crate::error::Violations::default();
            self.validate_at("", &mut v);
            v.into_result()
        }

        // A recursive type whose only checks are on itself passes both along unchanged.
        #[allow(clippy::only_used_in_recursion)]
        pub(crate) fn validate_at(&self, path: &str, v: &mut crate::error::Violations) {
            #unused
            #body
        }
    }
}

/// The checks for one structure field.
pub fn field(krate: &Crate, f: &crate::ir::Field) -> TokenStream {
    let name = ident(&f.name);
    let wire = &f.wire_name;
    let path = quote!(&field_path);
    let check = check_value(krate, quote!(value), &f.ty, &f.rules, path.clone());
    let required = f.required && f.optional;
    if check.is_empty() && !required {
        return quote!();
    }
    let body = if f.optional && check.is_empty() {
        quote!(if self.#name.is_none() { v.required(&field_path); })
    } else if f.optional {
        let missing = if required { quote!(else { v.required(&field_path); }) } else { quote!() };
        quote! {
            if let ::Option::Some(value) = &self.#name { #check } #missing
        }
    } else {
        quote! {
            let value = &self.#name;
            #check
        }
    };
    quote! {
        {
            let field_path = crate::error::child(path, #wire);
            #body
        }
    }
}
