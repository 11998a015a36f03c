//! The error every OData parser returns: which query option was wrong, and how.

use std::fmt;

/// A query option that could not be accepted; the API answers it with `400 badRequest`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ODataError {
    /// The option as the client wrote it in canonical spelling, e.g. `"$filter"`.
    pub option: &'static str,
    /// What was wrong, without a trailing full stop, e.g. `unknown property 'foo'`.
    pub message: String,
}

impl ODataError {
    pub fn new(option: &'static str, message: impl Into<String>) -> Self {
        ODataError {
            option,
            message: message.into(),
        }
    }
}

impl fmt::Display for ODataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Invalid {}: {}.", self.option, self.message)
    }
}

impl std::error::Error for ODataError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_message_names_the_option_and_the_problem() {
        let error = ODataError::new("$filter", "unknown property 'foo'");
        assert_eq!(
            error.to_string(),
            "Invalid $filter: unknown property 'foo'."
        );
    }
}
