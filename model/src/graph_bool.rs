//! The booleans of request bodies as Graph reads them, for `#[serde(with = "crate::graph_bool")]`
//! (and `crate::graph_bool::option`): JSON `true`/`false`; a string .NET's `Boolean.Parse` reads
//! (`"true"`/`"false"` in any case, whitespace around), because Graph's OData reader converts a
//! string to `Edm.Boolean` with `Convert.ChangeType`; and `null` for a parameter not given, as
//! Graph's action parameters are nullable. Anything else (`"yes"`, `1`) is refused, as Graph
//! refuses it: .NET parses no other word, and ODataLib has no conversion from a number to a
//! boolean.

use std::fmt;

use serde::{Deserializer, Serializer, de};

pub fn serialize<S: Serializer>(value: &bool, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_bool(*value)
}

/// `null` reads as `false`, the value of a parameter not given.
pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<bool, D::Error> {
    Ok(deserializer.deserialize_any(GraphBool)?.unwrap_or(false))
}

/// The same for `Option<bool>`: `null` and an absent member (with `#[serde(default)]`) are `None`.
pub mod option {
    use serde::{Deserializer, Serializer};

    pub fn serialize<S: Serializer>(
        value: &Option<bool>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            Some(value) => serializer.serialize_bool(*value),
            None => serializer.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<bool>, D::Error> {
        deserializer.deserialize_any(super::GraphBool)
    }
}

/// A boolean from its text as .NET's `Boolean.Parse` reads it.
pub fn parse(text: &str) -> Option<bool> {
    let word = text.trim();
    if word.eq_ignore_ascii_case("true") {
        Some(true)
    } else if word.eq_ignore_ascii_case("false") {
        Some(false)
    } else {
        None
    }
}

struct GraphBool;

impl<'de> de::Visitor<'de> for GraphBool {
    type Value = Option<bool>;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("true or false (a JSON boolean, or the string \"true\" or \"false\")")
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<Option<bool>, E> {
        Ok(Some(value))
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Option<bool>, E> {
        parse(text)
            .map(Some)
            .ok_or_else(|| E::invalid_value(de::Unexpected::Str(text), &self))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Option<bool>, E> {
        Ok(None)
    }

    fn visit_none<E: de::Error>(self) -> Result<Option<bool>, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Option<bool>, D::Error> {
        deserializer.deserialize_any(self)
    }
}

/// The OpenAPI schema of such a member: a boolean, its string, or null.
#[cfg(feature = "openapi")]
pub fn schema() -> utoipa::openapi::schema::Object {
    use utoipa::openapi::schema::{ObjectBuilder, Type};
    ObjectBuilder::new()
        .schema_type([Type::Boolean, Type::String, Type::Null].into_iter().collect::<utoipa::openapi::schema::SchemaType>())
        .pattern(Some(r"^\s*([Tt][Rr][Uu][Ee]|[Ff][Aa][Ll][Ss][Ee])\s*$"))
        .description(Some(
            "A boolean; the strings \"true\" and \"false\" in any case are read as one, as Graph reads them; null is not given.",
        ))
        .build()
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    #[derive(Debug, Deserialize, PartialEq)]
    struct Options {
        #[serde(default, with = "crate::graph_bool")]
        keep: bool,
        #[serde(default, with = "crate::graph_bool::option")]
        maybe: Option<bool>,
    }

    fn read(json: &str) -> Result<Options, String> {
        serde_json::from_str(json).map_err(|error| error.to_string())
    }

    #[test]
    fn booleans_and_their_strings_in_any_case_are_read_as_graph_reads_them() {
        for (json, keep) in [
            (r#"{"keep":true}"#, true),
            (r#"{"keep":"true"}"#, true),
            (r#"{"keep":"True"}"#, true),
            (r#"{"keep":" TRUE "}"#, true),
            (r#"{"keep":"false"}"#, false),
            (r#"{"keep":"FaLsE"}"#, false),
            (r#"{"keep":null}"#, false),
            (r#"{}"#, false),
        ] {
            assert_eq!(read(json).unwrap().keep, keep, "{json}");
        }
        assert_eq!(read(r#"{"maybe":"false"}"#).unwrap().maybe, Some(false));
        assert_eq!(read(r#"{"maybe":null}"#).unwrap().maybe, None);
        assert_eq!(read(r#"{}"#).unwrap().maybe, None);
    }

    #[test]
    fn other_words_and_numbers_are_refused_as_graph_refuses_them() {
        for json in [
            r#"{"keep":"yes"}"#,
            r#"{"keep":""}"#,
            r#"{"keep":"1"}"#,
            r#"{"keep":1}"#,
            r#"{"keep":0}"#,
            r#"{"keep":[]}"#,
            r#"{"maybe":"no"}"#,
        ] {
            let error = read(json).unwrap_err();
            assert!(error.contains("true or false"), "{json}: {error}");
        }
    }

    #[test]
    fn writes_a_plain_boolean() {
        #[derive(serde::Serialize)]
        struct Written {
            #[serde(with = "crate::graph_bool")]
            keep: bool,
            #[serde(with = "crate::graph_bool::option")]
            maybe: Option<bool>,
        }
        let written = serde_json::to_string(&Written {
            keep: true,
            maybe: Some(false),
        })
        .unwrap();
        assert_eq!(written, r#"{"keep":true,"maybe":false}"#);
    }
}
