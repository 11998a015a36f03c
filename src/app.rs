//! The app: session, router and routes.

use leptos::prelude::*;
use leptos_router::{
    components::{ParentRoute, Route, Router, Routes},
    path,
};

use crate::{
    components::Shell,
    pages::{
        Home, NotFound, SignIn, TenantAdmin,
        devices::{AllDevices, DeviceApplications, DeviceOverview, DevicePage, DevicesOverview},
    },
    session::Session,
};

#[component]
pub fn App() -> impl IntoView {
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
