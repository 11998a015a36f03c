//! The language a request asks for (`Accept-Language`), for the text the server writes for people:
//! the CSV export's headers and labels, and why an application action is not possible. Error
//! messages stay English; the SPA shows its own message for each error code.

use std::convert::Infallible;

use axum::{
    extract::FromRequestParts,
    http::{header, request::Parts},
};
use endpoint_admin_model::i18n::{Language, Messages};

/// The first language of `Accept-Language`, by quality, that the console speaks; English when
/// none is (or the header is absent or unreadable).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RequestLanguage(pub Language);

impl RequestLanguage {
    pub fn messages(self) -> &'static Messages {
        Messages::of(self.0)
    }

    fn of(accept_language: &str) -> RequestLanguage {
        let tags = accept_language::parse(accept_language);
        RequestLanguage(
            Language::first_supported(tags.iter().map(String::as_str)).unwrap_or_default(),
        )
    }
}

impl<S: Send + Sync> FromRequestParts<S> for RequestLanguage {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Infallible> {
        let header = parts
            .headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|value| value.to_str().ok())
            .unwrap_or_default();
        Ok(RequestLanguage::of(header))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_most_preferred_language_spoken_wins() {
        let language = |header| RequestLanguage::of(header).0;
        assert_eq!(language("sv-SE,sv;q=0.9,en;q=0.8"), Language::Swedish);
        assert_eq!(language("de-DE, nl;q=0.5, en;q=0.4"), Language::Dutch);
        assert_eq!(language("en;q=0.2, nl-BE;q=0.9"), Language::Dutch);
        assert_eq!(language("de, fr"), Language::English);
        assert_eq!(language(""), Language::English);
        assert_eq!(language(";;;q=x,,"), Language::English);
    }
}
