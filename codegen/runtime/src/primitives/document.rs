//! The Smithy `document` type.
//!
//! A Smithy document is an untyped, JSON-like value: null, a boolean, a
//! number, a string, a list of documents or a map from strings to
//! documents. That is exactly the data model of [`serde_json::Value`], so
//! documents are represented by that type directly rather than by a wrapper.
//! They interoperate with the rest of the serde ecosystem as they are: build
//! them with `serde_json::json!`, convert typed values with
//! `serde_json::to_value` and `serde_json::from_value`, and index or match on
//! them like any other `serde_json::Value`.

/// An untyped, JSON-like value: the Smithy `document` type.
///
/// This is an alias of [`serde_json::Value`]; see the module documentation.
pub type Document = ::serde_json::Value;

#[cfg(test)]
mod tests {
    use super::Document;

    #[test]
    fn documents_are_json_values() {
        let document: Document = ::serde_json::json!({
            "name": "widget",
            "sizes": [1, 2.5, null],
            "nested": {"enabled": true},
        });
        assert_eq!(document["name"], "widget");
        assert_eq!(document["sizes"][1], 2.5);
        assert!(document["sizes"][2].is_null());
        assert_eq!(document["nested"]["enabled"], true);
        let text = ::serde_json::to_string(&document).unwrap();
        assert_eq!(::serde_json::from_str::<Document>(&text).unwrap(), document);
    }

    #[test]
    fn documents_work_as_structure_members() {
        #[derive(::serde::Serialize, ::serde::Deserialize, PartialEq, Debug)]
        struct Shape {
            #[serde(default, skip_serializing_if = "::std::option::Option::is_none")]
            payload: ::std::option::Option<Document>,
            items: ::std::vec::Vec<Document>,
        }
        let shape: Shape =
            ::serde_json::from_str(r#"{"payload": {"a": [1]}, "items": ["x", 3, false]}"#).unwrap();
        assert_eq!(shape.payload, Some(::serde_json::json!({"a": [1]})));
        assert_eq!(
            shape.items,
            vec![
                Document::from("x"),
                Document::from(3),
                Document::Bool(false)
            ]
        );

        // A JSON null member is an absent document.
        let shape: Shape = ::serde_json::from_str(r#"{"payload": null, "items": []}"#).unwrap();
        assert_eq!(shape.payload, None);
        assert_eq!(::serde_json::to_string(&shape).unwrap(), r#"{"items":[]}"#);
    }
}
