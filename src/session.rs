//! The signed-in session: the bearer token, kept in sessionStorage so a reload keeps it and
//! closing the tab forgets it.

use leptos::prelude::*;

const TOKEN_KEY: &str = "endpoint-admin.accessToken";

/// Provided at the root; `token` is `None` when nobody is signed in (or the token was refused).
#[derive(Debug, Clone, Copy)]
pub struct Session {
    token: RwSignal<Option<String>>,
}

impl Session {
    pub fn from_storage() -> Session {
        let token = storage().and_then(|storage| storage.get_item(TOKEN_KEY).ok().flatten());
        Session {
            token: RwSignal::new(token),
        }
    }

    pub fn token(&self) -> Option<String> {
        self.token.get_untracked()
    }

    pub fn is_signed_in(&self) -> bool {
        self.token.with(Option::is_some)
    }

    pub fn sign_in(&self, token: String) {
        if let Some(storage) = storage() {
            let _ = storage.set_item(TOKEN_KEY, &token);
        }
        self.token.set(Some(token));
    }

    /// Forgets the token: on sign-out, and when the server answers 401.
    pub fn sign_out(&self) {
        if let Some(storage) = storage() {
            let _ = storage.remove_item(TOKEN_KEY);
        }
        if self.token.with_untracked(Option::is_some) {
            self.token.set(None);
        }
    }
}

pub fn use_session() -> Session {
    expect_context::<Session>()
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}
