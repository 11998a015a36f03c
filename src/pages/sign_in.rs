//! `/signin`: user name and password, then back to the page the user wanted.

use endpoint_admin_model::auth::TokenRequest;
use leptos::{ev::SubmitEvent, prelude::*, task::spawn_local};
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::{
    api,
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
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    document().set_title("Sign in - Endpoint Admin");

    let on_submit = move |event: SubmitEvent| {
        event.prevent_default();
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        error.set(None);
        let request = TokenRequest {
            user_principal_name: user_name.get_untracked(),
            password: password.get_untracked(),
        };
        let navigate = navigate.clone();
        spawn_local(async move {
            match api::sign_in(&request).await {
                Ok(token) => {
                    session.sign_in(token.access_token);
                    navigate(&return_to(), Default::default());
                }
                Err(failure) if failure.status == 401 => {
                    error.set(Some("Your account or password is incorrect.".to_string()));
                }
                Err(failure) => error.set(Some(failure.message)),
            }
            busy.set(false);
        });
    };

    view! {
        <main class="sign-in">
            <form class="sign-in-card" on:submit=on_submit>
                <p class="product-name">"Endpoint Admin"</p>
                <h1>"Sign in"</h1>
                <label for="user-name">"User name"</label>
                <input
                    id="user-name"
                    type="email"
                    autocomplete="username"
                    required
                    bind:value=user_name
                />
                <label for="password">"Password"</label>
                <input
                    id="password"
                    type="password"
                    autocomplete="current-password"
                    required
                    bind:value=password
                />
                <div class="sign-in-error" role="alert">{move || error.get()}</div>
                <button type="submit" class="button primary" disabled=move || busy.get()>
                    "Sign in"
                </button>
            </form>
        </main>
    }
}
