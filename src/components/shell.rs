//! The admin center's frame: top bar with the account menu, left navigation, and the page.

use endpoint_admin_model::{
    Collection,
    auth::Me,
    i18n::{Language, fill},
    organization::Organization,
};
use leptos::{ev, prelude::*};
use leptos_router::{
    components::{A, Outlet},
    hooks::{use_location, use_navigate},
};

use crate::{
    api::{ApiError, use_api},
    components::{
        MdmAuthority, Shown,
        notifications::{NotificationArea, Notifications},
    },
    i18n::{I18n, use_i18n},
    latest_fetch::LatestFetch,
    return_to::sign_in_path,
    session::use_session,
};

/// The signed-in user, for pages that enable or disable what they offer by permission.
pub type CurrentUser = LatestFetch<Me>;

/// The tenant (organization and MDM authority), shared so a change shows on every page at once.
pub type Tenant = LatestFetch<Collection<Organization>>;

/// Wraps every page but sign-in; sends the user to sign-in (and back) whenever the session ends.
#[component]
pub fn Shell() -> impl IntoView {
    let session = use_session();
    let location = use_location();
    let navigate = use_navigate();
    Effect::new(move |_| {
        if !session.is_signed_in() {
            let search = location.search.get_untracked();
            let search = search.trim_start_matches('?');
            let here = match search {
                "" => location.pathname.get_untracked(),
                search => format!("{}?{search}", location.pathname.get_untracked()),
            };
            navigate(&sign_in_path(&here), Default::default());
        }
    });
    let api = use_api();
    // Both follow the session: asked for again when someone signs in, emptied on sign-out.
    let me: CurrentUser = LatestFetch::new(move |_| {
        let signed_in = session.is_signed_in();
        async move {
            if signed_in {
                api.me().await
            } else {
                Err(ApiError::signed_out())
            }
        }
    });
    provide_context(me);
    let i18n = use_i18n();
    // The language the user chose, remembered on the server, wins over this browser's.
    Effect::new(move |_| {
        let chosen = me.get().and_then(Result::ok).and_then(|me| {
            me.preferred_language
                .as_deref()
                .and_then(Language::from_tag)
        });
        if let Some(language) = chosen.filter(|chosen| *chosen != i18n.language_untracked()) {
            leptos::task::spawn_local(async move {
                let _ = i18n.show(language).await;
            });
        }
    });
    let tenant: Tenant = LatestFetch::new(move |_| {
        let signed_in = session.is_signed_in();
        async move {
            if signed_in {
                api.organizations().await
            } else {
                Err(ApiError::signed_out())
            }
        }
    });
    provide_context(tenant);
    let notifications = Notifications::new();
    provide_context(notifications);
    let choose_language = move |language: Language| {
        leptos::task::spawn_local(async move {
            if i18n.show(language).await.is_err() {
                let m = i18n.get_untracked();
                notifications.notify(fill(
                    &m.language_not_loaded,
                    &[("language", language.native_name())],
                ));
                return;
            }
            // Shown at once; remembered for the next sign-in when the server takes it.
            if api.set_preferred_language(language).await.is_err() {
                notifications.notify(i18n.get_untracked().language_not_remembered.to_string());
            }
        });
    };
    view! {
        <div class="shell">
            <TopBar me i18n choose_language />
            <MdmAuthority tenant me />
            <NotificationArea notifications />
            <div class="shell-body">
                <LeftNavigation />
                <main class="content" id="content">
                    <Shown when=move || session.is_signed_in()>
                        <Outlet />
                    </Shown>
                </main>
            </div>
        </div>
    }
}

#[component]
fn TopBar(
    me: CurrentUser,
    i18n: I18n,
    #[prop(into)] choose_language: Callback<Language>,
) -> impl IntoView {
    let api = use_api();
    let open = RwSignal::new(false);
    let name = move || {
        me.get()
            .and_then(Result::ok)
            .map(|me| me.display_name)
            .unwrap_or_default()
    };
    let user_principal_name = Signal::derive(move || {
        me.get()
            .and_then(Result::ok)
            .map(|me| me.user_principal_name)
            .unwrap_or_default()
    });
    let close_on_escape = move |event: ev::KeyboardEvent| {
        if event.key() == "Escape" {
            open.set(false);
        }
    };
    view! {
        <header class="top-bar">
            <a class="skip-link" href="#content">{i18n.text(|m| &m.skip_to_content)}</a>
            <A href="/" attr:class="product-name">"Endpoint Admin"</A>
            <div class="account" on:keydown=close_on_escape>
                <button
                    type="button"
                    class="account-button"
                    aria-haspopup="menu"
                    aria-expanded=move || open.get().to_string()
                    on:click=move |_| open.update(|open| *open = !*open)
                >
                    // Named by its content, so the name holds the visible text in its order
                    // (WCAG 2.5.3): "Account: admin@contoso.com Contoso Administrator". CSS shows
                    // the display name on top.
                    <span class="visually-hidden">{i18n.text(|m| &m.account)}": "</span>
                    <span class="account-upn">{user_principal_name}</span>
                    " "
                    <span class="account-name">{name}</span>
                </button>
                <Shown when=move || open.get()>
                    <div class="account-menu" role="menu" aria-label=i18n.text(|m| &m.account)>
                        <button
                            type="button"
                            role="menuitem"
                            on:click=move |_| {
                                open.set(false);
                                leptos::task::spawn_local(api.sign_out());
                            }
                        >
                            {i18n.text(|m| &m.sign_out)}
                        </button>
                        <div role="group" aria-labelledby="language-menu-label">
                            <div class="menu-group-label" id="language-menu-label">{i18n.text(|m| &m.language)}</div>
                            {Language::ALL
                                .into_iter()
                                .map(|language| {
                                    view! {
                                        <button
                                            type="button"
                                            role="menuitemradio"
                                            lang=language.tag()
                                            aria-checked=move || (i18n.language() == language).to_string()
                                            on:click=move |_| {
                                                open.set(false);
                                                choose_language.run(language);
                                            }
                                        >
                                            {language.native_name()}
                                        </button>
                                    }
                                })
                                .collect_view()}
                        </div>
                    </div>
                </Shown>
            </div>
        </header>
    }
}

#[component]
fn LeftNavigation() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <nav class="left-nav" aria-label=i18n.text(|m| &m.main_navigation)>
            <ul>
                <li><A href="/" exact=true>{i18n.text(|m| &m.home)}</A></li>
                <li><A href="/devices">{i18n.text(|m| &m.devices)}</A></li>
                <li><A href="/tenant-admin">{i18n.text(|m| &m.tenant_administration)}</A></li>
            </ul>
        </nav>
    }
}
