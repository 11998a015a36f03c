//! `/signin`: user name and password, then back to the page the user wanted.

use endpoint_admin_model::auth::TokenRequest;
use leptos::{ev::SubmitEvent, prelude::*};
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::{
    api::{self, ApiError},
    i18n::use_i18n,
    return_to::{RETURN_TO, safe_return_path},
    session::use_session,
};

#[component]
pub fn SignIn() -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let query = use_query_map();
    let return_to = move || safe_return_path(query.with(|query| query.get(RETURN_TO)).as_deref());
    let user_name = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let i18n = use_i18n();
    Effect::new(move |_| document().set_title(&format!("{} - Endpoint Admin", i18n.get().sign_in)));
    // On success the session starts and the user goes where they were going.
    let sign_in = Action::new_local(move |request: &TokenRequest| {
        let (request, navigate) = (request.clone(), navigate.clone());
        async move {
            let token = api::sign_in(&request).await?;
            session.sign_in(token.access_token);
            navigate(&return_to(), Default::default());
            Ok::<(), ApiError>(())
        }
    });
    let busy = sign_in.pending();
    let error_text = move || {
        let m = i18n.get();
        if busy.get() {
            return None;
        }
        sign_in.value().with(|value| match value {
            Some(Err(error)) => Some(match (error.status, error.retry_after_seconds) {
                (401, _) => m.sign_in_incorrect.to_string(),
                (429, Some(seconds)) => endpoint_admin_model::auth::try_again_in(m, seconds),
                _ => error.text(m),
            }),
            _ => None,
        })
    };
    let on_submit = move |event: SubmitEvent| {
        event.prevent_default();
        if !busy.get_untracked() {
            sign_in.dispatch_local(TokenRequest {
                user_principal_name: user_name.get_untracked(),
                password: password.get_untracked(),
            });
        }
    };

    view! {
        <main class="sign-in">
            <form class="sign-in-card" on:submit=on_submit>
                <p class="product-name">"Endpoint Admin"</p>
                <h1>{i18n.text(|m| &m.sign_in)}</h1>
                <label for="user-name">{i18n.text(|m| &m.user_name)}</label>
                <input
                    id="user-name"
                    type="email"
                    autocomplete="username"
                    required
                    bind:value=user_name
                />
                <label for="password">{i18n.text(|m| &m.password)}</label>
                <input
                    id="password"
                    type="password"
                    autocomplete="current-password"
                    required
                    bind:value=password
                />
                <div class="sign-in-error" role="alert">{error_text}</div>
                <button type="submit" class="button primary" disabled=move || busy.get()>
                    {i18n.text(|m| &m.sign_in)}
                </button>
            </form>
        </main>
    }
}
