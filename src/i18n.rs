//! The console's language: the catalogue the SPA shows, chosen on the first visit by the browser's
//! languages, then by the user (the account menu's **Language**, remembered on the server as
//! Graph's `preferredLanguage`). English is built in; Dutch and Swedish are fetched when chosen,
//! and nothing is drawn until the language's catalogue is here, so no page flashes in another
//! language. Numbers and dates are formatted by the browser's `Intl` in the language's locale.

use std::{cell::RefCell, collections::HashMap};

use chrono::{DateTime, Utc};
use endpoint_admin_model::{
    BoundedCount,
    i18n::{Key, Language, Messages},
};
use leptos::prelude::*;
use wasm_bindgen::JsValue;

const LANGUAGE_KEY: &str = "endpoint-admin.language";

/// The language shown, with its catalogue; provided at the root.
#[derive(Debug, Clone, Copy)]
pub struct I18n {
    shown: RwSignal<(Language, &'static Messages)>,
}

impl I18n {
    pub fn new(language: Language, messages: &'static Messages) -> I18n {
        let i18n = I18n {
            shown: RwSignal::new((language, messages)),
        };
        Effect::new(move |_| set_document_language(i18n.language()));
        i18n
    }

    /// The catalogue shown (tracked).
    pub fn get(self) -> &'static Messages {
        self.shown.with(|(_, messages)| *messages)
    }

    pub fn get_untracked(self) -> &'static Messages {
        self.shown.with_untracked(|(_, messages)| *messages)
    }

    pub fn language(self) -> Language {
        self.shown.with(|(language, _)| *language)
    }

    /// Makes the surrounding memo or effect run again when the language changes: for what the
    /// language shapes without being read here (rows written in it, server text in it).
    pub fn track(self) {
        self.shown.track();
    }

    pub fn language_untracked(self) -> Language {
        self.shown.with_untracked(|(language, _)| *language)
    }

    /// A text that follows the language: `i18n.text(|m| &m.sign_in)`.
    pub fn text(self, key: Key) -> impl Fn() -> String + Copy + Send + Sync + 'static {
        move || key(self.get()).to_string()
    }

    /// Shows `language` once its catalogue is here, and remembers it in this browser. Fails, and
    /// shows what it showed, when the catalogue cannot be fetched.
    pub async fn show(self, language: Language) -> Result<(), ()> {
        let messages = catalogue(language).await?;
        remember(language);
        self.shown.set((language, messages));
        Ok(())
    }

    /// `12345` → `12,345` / `12.345` / `12 345`.
    pub fn count(self, value: u64) -> String {
        number(self.language(), value)
    }

    /// A count as far as it is known: `12,345`, or `10,000+` when more match.
    pub fn bounded_count(self, count: BoundedCount) -> String {
        let text = self.count(count.count);
        if count.is_exact {
            text
        } else {
            format!("{text}+")
        }
    }

    /// Bytes in decimal gigabytes with one decimal, as device storage is sold: `12.3 GB`,
    /// `12,3 GB`.
    pub fn gigabytes(self, bytes: i64) -> String {
        let tenths = (bytes.max(0) + 50_000_000) / 100_000_000;
        format_with(
            &DECIMAL_FORMATS,
            self.language(),
            |locales| {
                let options = js_sys::Object::new();
                for name in ["minimumFractionDigits", "maximumFractionDigits"] {
                    let _ = js_sys::Reflect::set(&options, &name.into(), &1.into());
                }
                js_sys::Intl::NumberFormat::new(locales, &options).format()
            },
            &JsValue::from_f64(tenths as f64 / 10.0),
        ) + " GB"
    }

    /// A moment in the user's time zone, as the locale writes date and time.
    pub fn date_time(self, value: DateTime<Utc>) -> String {
        date_time(self.language(), value)
    }
}

pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}

/// The language of this browser's last choice, else the first of the browser's languages the
/// console speaks, else English.
pub fn first_language() -> Language {
    let remembered = storage()
        .and_then(|storage| storage.get_item(LANGUAGE_KEY).ok().flatten())
        .and_then(|tag| Language::from_tag(&tag));
    remembered
        .or_else(|| {
            let languages = web_sys::window()?.navigator().languages();
            let tags: Vec<String> = languages.iter().filter_map(|tag| tag.as_string()).collect();
            Language::first_supported(tags.iter().map(String::as_str))
        })
        .unwrap_or_default()
}

fn remember(language: Language) {
    if let Some(storage) = storage() {
        let _ = storage.set_item(LANGUAGE_KEY, language.tag());
    }
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// `<html lang>`, so that screen readers and the browser's spelling and hyphenation follow.
pub fn set_document_language(language: Language) {
    if let Some(root) = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.document_element())
    {
        let _ = root.set_attribute("lang", language.tag());
    }
}

thread_local! {
    /// Catalogues fetched in this page's life; each is read once and kept.
    static CATALOGUES: RefCell<HashMap<Language, &'static Messages>> = RefCell::default();
}

/// The catalogue of `language`: English at once, another from the server once.
pub async fn catalogue(language: Language) -> Result<&'static Messages, ()> {
    let Some(path) = language.catalogue_path() else {
        return Ok(Messages::english());
    };
    if let Some(messages) = CATALOGUES.with_borrow(|catalogues| catalogues.get(&language).copied())
    {
        return Ok(messages);
    }
    let response = gloo_net::http::Request::get(&path)
        .send()
        .await
        .map_err(|_| ())?;
    if !response.ok() {
        return Err(());
    }
    let messages: Messages = response.json().await.map_err(|_| ())?;
    let messages: &'static Messages = Box::leak(Box::new(messages));
    CATALOGUES.with_borrow_mut(|catalogues| catalogues.insert(language, messages));
    Ok(messages)
}

thread_local! {
    static NUMBER_FORMATS: RefCell<HashMap<Language, js_sys::Function>> = RefCell::default();
    static DATE_FORMATS: RefCell<HashMap<Language, js_sys::Function>> = RefCell::default();
    static DECIMAL_FORMATS: RefCell<HashMap<Language, js_sys::Function>> = RefCell::default();
}

/// Formats with `Intl`, one formatter per language kept for the page's life (making one costs
/// more than formatting a thousand rows).
fn format_with(
    formats: &'static std::thread::LocalKey<RefCell<HashMap<Language, js_sys::Function>>>,
    language: Language,
    make: impl FnOnce(&js_sys::Array) -> js_sys::Function,
    value: &JsValue,
) -> String {
    let format = formats.with_borrow_mut(|formats| {
        formats
            .entry(language)
            .or_insert_with(|| make(&js_sys::Array::of1(&language.locale().into())))
            .clone()
    });
    format
        .call1(&JsValue::UNDEFINED, value)
        .ok()
        .and_then(|text| text.as_string())
        .unwrap_or_default()
}

pub fn number(language: Language, value: u64) -> String {
    format_with(
        &NUMBER_FORMATS,
        language,
        |locales| js_sys::Intl::NumberFormat::new(locales, &js_sys::Object::new()).format(),
        &JsValue::from_f64(value as f64),
    )
}

pub fn date_time(language: Language, value: DateTime<Utc>) -> String {
    format_with(
        &DATE_FORMATS,
        language,
        |locales| {
            let options = js_sys::Object::new();
            for (name, value) in [("dateStyle", "short"), ("timeStyle", "short")] {
                let _ = js_sys::Reflect::set(&options, &name.into(), &value.into());
            }
            js_sys::Intl::DateTimeFormat::new(locales, &options).format()
        },
        &js_sys::Date::new(&JsValue::from_f64(value.timestamp_millis() as f64)).into(),
    )
}

/// English's grouping as `Intl` writes it, for tests that run outside a browser.
#[cfg(test)]
pub(crate) fn english_count(value: u64) -> String {
    let digits = value.to_string();
    let mut grouped = String::new();
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    grouped
}
