//! The MDM authority: the orange banner while it is not set, the **Choose MDM Authority** blade,
//! and the **Add MDM Authority** blade that Devices opens for Office 365 (coexistence) tenants.

use endpoint_admin_model::{
    auth::Permission,
    organization::{MdmAuthority, Organization},
};
use leptos::{prelude::*, task::spawn_local};
use leptos_router::hooks::use_location;

use crate::{
    api::{Api, ApiError, use_api},
    components::{
        CurrentUser, FormError, Shown, SidePane, Tenant,
        notifications::{Notifications, use_notifications},
    },
};

pub const BANNER_TEXT: &str =
    "You haven't enabled device management yet. Select this banner to choose an MDM authority.";
pub const SUCCESS: &str = "You have successfully set your MDM authority to Intune.";

/// Shown on every page; renders nothing once the authority is set.
#[component]
pub fn MdmAuthority(tenant: Tenant, me: CurrentUser) -> impl IntoView {
    let organization = Memo::new(move |_| {
        tenant
            .get()
            .and_then(Result::ok)
            .and_then(|orgs| orgs.value.into_iter().next())
    });
    let authority = move || {
        organization.with(|org| {
            org.as_ref()
                .map(|org| org.mobile_device_management_authority)
        })
    };
    let may_set = Memo::new(move |_| {
        me.get()
            .and_then(Result::ok)
            .is_some_and(|me| me.may(Permission::SetMobileDeviceManagementAuthority))
    });
    let choose_open = RwSignal::new(false);
    let add_open = RwSignal::new(false);

    let location = use_location();
    Effect::new(move |_| {
        let in_devices = location
            .pathname
            .with(|path| path == "/devices" || path.starts_with("/devices/"));
        if in_devices && authority() == Some(MdmAuthority::Office365) {
            add_open.set(true);
        }
    });

    view! {
        <Shown when=move || authority() == Some(MdmAuthority::Unknown)>
            // A landmark of its own, so the banner is never content outside every region.
            <section aria-label="MDM authority">
            <Shown
                when=move || may_set.get()
                fallback=|| view! {
                    <div class="mdm-banner" role="note">
                        <p>{BANNER_TEXT}</p>
                        <p class="mdm-banner-who">"Only an Intune Administrator can choose the MDM authority."</p>
                    </div>
                }
            >
                <button type="button" class="mdm-banner" aria-haspopup="dialog" on:click=move |_| choose_open.set(true)>
                    {BANNER_TEXT}
                </button>
            </Shown>
            </section>
        </Shown>
        <SidePane title="Choose MDM Authority" open=choose_open>
            <ChooseMdmAuthority organization tenant open=choose_open />
        </SidePane>
        <SidePane title="Add MDM Authority" open=add_open>
            <AddMdmAuthority organization tenant may_set open=add_open />
        </SidePane>
    }
}

/// What a blade needs to make Intune the authority.
#[derive(Clone, Copy)]
struct SetIntune {
    api: Api,
    notifications: Notifications,
    tenant: Tenant,
    open: RwSignal<bool>,
    busy: RwSignal<bool>,
    error: RwSignal<Option<ApiError>>,
}

impl SetIntune {
    fn new(tenant: Tenant, open: RwSignal<bool>) -> SetIntune {
        SetIntune {
            api: use_api(),
            notifications: use_notifications(),
            tenant,
            open,
            busy: RwSignal::new(false),
            error: RwSignal::new(None),
        }
    }

    /// Calls the API; on success notifies, refreshes the tenant for every page at once, and
    /// closes the blade.
    fn run(self, organization: Option<Organization>) {
        let SetIntune {
            api,
            notifications,
            tenant,
            open,
            busy,
            error,
        } = self;
        let Some(organization) = organization else {
            return;
        };
        busy.set(true);
        error.set(None);
        spawn_local(async move {
            match api
                .set_mobile_device_management_authority(&organization.id)
                .await
            {
                Ok(()) => {
                    notifications.notify(SUCCESS);
                    tenant.refetch();
                    open.set(false);
                }
                Err(failure) => error.set(Some(failure)),
            }
            busy.set(false);
        });
    }
}

#[component]
fn ChooseMdmAuthority(
    organization: Memo<Option<Organization>>,
    tenant: Tenant,
    open: RwSignal<bool>,
) -> impl IntoView {
    let intune = RwSignal::new(true);
    let set_intune = SetIntune::new(tenant, open);
    let SetIntune { busy, error, .. } = set_intune;
    let choose = move |_| {
        if intune.get_untracked() {
            set_intune.run(organization.get_untracked());
        } else {
            open.set(false);
        }
    };
    view! {
        <p>"Choose whether Intune manages this tenant's devices. Once set, the MDM authority cannot be unset."</p>
        <fieldset class="filter-group">
            <legend>"MDM authority"</legend>
            <label class="check">
                <input type="radio" name="mdm-authority" prop:checked=move || intune.get() on:change=move |_| intune.set(true) />
                "Intune MDM Authority"
            </label>
            <label class="check">
                <input type="radio" name="mdm-authority" prop:checked=move || !intune.get() on:change=move |_| intune.set(false) />
                "None"
            </label>
        </fieldset>
        <FormError message=move || error.with(|error| error.as_ref().map(|error| error.message.clone())) />
        <div class="pane-actions">
            <button type="button" class="button primary" disabled=move || busy.get() on:click=choose>"Choose"</button>
        </div>
    }
}

#[component]
fn AddMdmAuthority(
    organization: Memo<Option<Organization>>,
    tenant: Tenant,
    may_set: Memo<bool>,
    open: RwSignal<bool>,
) -> impl IntoView {
    let set_intune = SetIntune::new(tenant, open);
    let SetIntune { busy, error, .. } = set_intune;
    let add = move |_| set_intune.run(organization.get_untracked());
    view! {
        <p>
            "This tenant manages devices with Basic Mobility and Security for Office 365. "
            "Add Intune as MDM authority to manage them with Intune too (coexistence)."
        </p>
        <fieldset class="filter-group">
            <legend>"MDM authority to add"</legend>
            <label class="check">
                <input type="radio" name="add-mdm-authority" checked disabled=move || !may_set.get() />
                "Intune MDM Authority"
            </label>
        </fieldset>
        <Shown when=move || !may_set.get()>
            <p class="form-note" id="add-mdm-authority-why">"Only an Intune Administrator can add the MDM authority."</p>
        </Shown>
        <FormError message=move || error.with(|error| error.as_ref().map(|error| error.message.clone())) />
        <div class="pane-actions">
            <button
                type="button"
                class="button primary"
                disabled=move || busy.get() || !may_set.get()
                aria-describedby=move || (!may_set.get()).then_some("add-mdm-authority-why")
                on:click=add
            >
                "Add"
            </button>
        </div>
    }
}
