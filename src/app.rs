//! The app: language, session, router and routes.

use endpoint_admin_model::i18n::{Language, Messages};
use leptos::prelude::*;
use leptos_router::{
    components::{ParentRoute, Route, Router, Routes},
    path,
};

use crate::{
    components::Shell,
    i18n::I18n,
    pages::{
        Home, NotFound, SignIn, TenantAdmin,
        devices::{AllDevices, DeviceApplications, DeviceOverview, DevicePage, DevicesOverview},
    },
    session::Session,
};

#[component]
pub fn App(
    /// The language the console starts in, with its catalogue.
    #[prop(optional)]
    language: Language,
    #[prop(default = Messages::english())] messages: &'static Messages,
) -> impl IntoView {
    provide_context(I18n::new(language, messages));
    provide_context(Session::from_storage());
    view! {
        <Router>
            <Routes fallback=NotFound>
                <Route path=path!("/signin") view=SignIn />
                <ParentRoute path=path!("") view=Shell>
                    <Route path=path!("") view=Home />
                    <Route path=path!("devices") view=DevicesOverview />
                    <Route path=path!("devices/all") view=AllDevices />
                    <ParentRoute path=path!("devices/:id") view=DevicePage>
                        <Route path=path!("") view=DeviceOverview />
                        <Route path=path!("applications") view=DeviceApplications />
                    </ParentRoute>
                    <Route path=path!("tenant-admin") view=TenantAdmin />
                </ParentRoute>
            </Routes>
        </Router>
    }
}
