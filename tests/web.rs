//! Browser tests (wasm-bindgen-test in Chromium): components mounted into a real DOM, and the
//! session in real sessionStorage.
#![cfg(target_arch = "wasm32")]

use endpoint_admin::{
    api::ApiError,
    components::ErrorMessage,
    i18n::{self, I18n},
    session::Session,
};
use endpoint_admin_model::i18n::{Language, Messages};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

fn host() -> web_sys::HtmlElement {
    let host = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&host).unwrap();
    host.unchecked_into()
}

#[wasm_bindgen_test]
fn a_failed_fetch_shows_its_message_and_retry_asks_again() {
    let host = host();
    let retries = RwSignal::new(0);
    let error = ApiError {
        status: 500,
        code: "internalServerError".to_string(),
        message: "An internal server error occurred.".to_string(),
        retry_after_seconds: None,
    };
    let _mounted = leptos::mount::mount_to(host.clone(), move || {
        provide_context(I18n::new(Language::English, Messages::english()));
        view! { <ErrorMessage error=error.clone() on_retry=move |_| retries.update(|n| *n += 1) /> }
    });
    let alert = host
        .query_selector("[role=alert]")
        .unwrap()
        .expect("an alert");
    // The message for the code, in the user's language, not the server's English.
    assert!(
        alert
            .text_content()
            .unwrap()
            .contains("Something went wrong (HTTP 500). Try again.")
    );
    let retry: web_sys::HtmlElement = alert
        .query_selector("button")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert_eq!(retry.text_content().unwrap(), "Retry");
    retry.click();
    retry.click();
    assert_eq!(retries.get_untracked(), 2);
}

#[wasm_bindgen_test]
fn the_session_token_lives_in_session_storage_until_sign_out() {
    let storage = window().session_storage().unwrap().unwrap();
    Session::from_storage().sign_out();
    assert!(Session::from_storage().token().is_none());

    Session::from_storage().sign_in("token-123".to_string());
    assert_eq!(
        Session::from_storage().token().as_deref(),
        Some("token-123")
    );
    assert!(storage.length().unwrap() >= 1);

    let session = Session::from_storage();
    session.sign_out();
    assert!(session.token().is_none());
    assert!(Session::from_storage().token().is_none());
}

#[wasm_bindgen_test]
async fn a_confirmation_asks_yes_or_no_and_yes_waits_for_a_valid_answer() {
    use endpoint_admin::components::ConfirmDialog;
    let host = host();
    let yes = RwSignal::new(0);
    let no = RwSignal::new(0);
    let problem = RwSignal::new(Some("Enter a device name.".to_string()));
    let _mounted = leptos::mount::mount_to(host.clone(), move || {
        provide_context(I18n::new(Language::English, Messages::english()));
        view! {
            <ConfirmDialog
                title="Rename device"
                question="Are you sure you want to rename CONTOSO-LT-0001?"
                problem
                on_yes=move |_| yes.update(|n| *n += 1)
                on_no=move |_| no.update(|n| *n += 1)
            />
        }
    });
    let dialog = host
        .query_selector("[role=dialog]")
        .unwrap()
        .expect("a dialog");
    assert_eq!(dialog.get_attribute("aria-modal").as_deref(), Some("true"));
    let title_id = dialog.get_attribute("aria-labelledby").unwrap();
    let title = document().get_element_by_id(&title_id).unwrap();
    assert_eq!(title.text_content().unwrap(), "Rename device");
    let buttons = dialog.query_selector_all("button").unwrap();
    let button = |index: u32| -> web_sys::HtmlButtonElement {
        buttons.item(index).unwrap().unchecked_into()
    };
    assert_eq!(button(0).text_content().unwrap(), "Yes");
    assert!(
        button(0).disabled(),
        "Yes waits while the answer has a problem"
    );
    problem.set(None);
    leptos::task::tick().await;
    assert!(!button(0).disabled());
    button(0).click();
    assert_eq!(yes.get_untracked(), 1);
    let init = web_sys::KeyboardEventInit::new();
    init.set_key("Escape");
    init.set_bubbles(true);
    let escape =
        web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    dialog.dispatch_event(&escape).unwrap();
    assert_eq!(no.get_untracked(), 1, "Escape answers No");
    button(1).click();
    assert_eq!(no.get_untracked(), 2);
}

#[wasm_bindgen_test]
fn numbers_dates_and_sizes_are_written_as_each_locale_writes_them() {
    assert_eq!(i18n::number(Language::English, 12_345), "12,345");
    assert_eq!(i18n::number(Language::Dutch, 12_345), "12.345");
    // Swedish groups with a no-break space.
    assert_eq!(i18n::number(Language::Swedish, 12_345), "12\u{a0}345");
    let when = chrono::DateTime::parse_from_rfc3339("2026-11-22T14:03:00Z")
        .unwrap()
        .to_utc();
    // In the browser's time zone, as the admin reads it; the order is the locale's.
    let dutch = i18n::date_time(Language::Dutch, when);
    let swedish = i18n::date_time(Language::Swedish, when);
    let english = i18n::date_time(Language::English, when);
    assert!(dutch.contains("-11-2026"), "{dutch}");
    assert!(swedish.starts_with("2026-11-2"), "{swedish}");
    assert!(english.starts_with("11/2"), "{english}");
    assert!(english.contains("/26"), "{english}");
    let host = host();
    let _mounted = leptos::mount::mount_to(host.clone(), || {
        let i18n = I18n::new(Language::Dutch, Messages::english());
        let more = endpoint_admin_model::BoundedCount::up_to(10_001, 10_000);
        format!(
            "{} {}",
            i18n.gigabytes(12_345_678_901),
            i18n.bounded_count(more)
        )
    });
    assert_eq!(host.text_content().unwrap(), "12,3 GB 10.000+");
}
