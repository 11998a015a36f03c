//! NUL characters: no text of the API may contain one. SQLite's FTS5 and LIKE stop reading a string
//! at a NUL (a search for `a\0zzzz` matched what `a` matches) and PostgreSQL cannot store one, so a
//! NUL anywhere in the URL or in a JSON body is a 400 before any handler runs.

use axum::{extract::Request, middleware::Next, response::Response};
use serde_json::Value;

use crate::error::ApiError;

/// Middleware: a 400 for a NUL in the path or the query. A URL can carry one only percent-encoded,
/// so `%00` finds every one.
pub async fn refuse_nul_in_url(request: Request, next: Next) -> Result<Response, ApiError> {
    let uri = request.uri();
    let part = if uri.path().contains("%00") {
        Some("path")
    } else if uri.query().is_some_and(|query| query.contains("%00")) {
        Some("query")
    } else {
        None
    };
    match part {
        Some(part) => Err(ApiError::BadRequest(format!(
            "The request's {part} contains a NUL character (%00), which no text may contain."
        ))),
        None => Ok(next.run(request).await),
    }
}

/// Whether any string or key of a JSON document contains a NUL.
pub fn json_contains_nul(value: &Value) -> bool {
    match value {
        Value::String(text) => text.contains('\0'),
        Value::Array(items) => items.iter().any(json_contains_nul),
        Value::Object(members) => members
            .iter()
            .any(|(key, value)| key.contains('\0') || json_contains_nul(value)),
        Value::Null | Value::Bool(_) | Value::Number(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_nul_is_found_in_any_string_or_key_however_deep() {
        let document: Value = serde_json::from_str(r#"{"a":[1,{"b":"x\u0000y"}]}"#).unwrap();
        assert!(json_contains_nul(&document));
        let key: Value = serde_json::from_str(r#"{"a\u0000":true}"#).unwrap();
        assert!(json_contains_nul(&key));
        let clean: Value = serde_json::from_str(r#"{"a":["\\u0000", null, 0]}"#).unwrap();
        assert!(!json_contains_nul(&clean));
    }
}
