//! The MDM authority: the orange banner while it is not set, the **Choose MDM Authority** blade,
//! and the **Add MDM Authority** blade that Devices opens for Office 365 (coexistence) tenants.

use endpoint_admin_model::{
    auth::Permission,
    organization::{MdmAuthority, Organization},
};
use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::{
    api::{ApiError, use_api},
    components::{
        CurrentUser, FormError, Shown, SidePane, Tenant, failure_text,
        notifications::use_notifications,
    },
    i18n::use_i18n,
};

/// Shown on every page; renders nothing once the authority is set.
#[component]
pub fn MdmAuthority(tenant: Tenant, me: CurrentUser) -> impl IntoView {
    let i18n = use_i18n();
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
            <section aria-label=i18n.text(|m| &m.mdm_authority)>
            <Shown
                when=move || may_set.get()
                fallback=move || view! {
                    <div class="mdm-banner" role="note">
                        <p>{i18n.text(|m| &m.mdm_banner)}</p>
                        <p class="mdm-banner-who">{i18n.text(|m| &m.mdm_only_admin_can_choose)}</p>
                    </div>
                }
            >
                <button type="button" class="mdm-banner" aria-haspopup="dialog" on:click=move |_| choose_open.set(true)>
                    {i18n.text(|m| &m.mdm_banner)}
                </button>
            </Shown>
            </section>
        </Shown>
        <SidePane title=i18n.text(|m| &m.choose_mdm_authority) open=choose_open>
            <ChooseMdmAuthority organization tenant open=choose_open />
        </SidePane>
        <SidePane title=i18n.text(|m| &m.add_mdm_authority) open=add_open>
            <AddMdmAuthority organization tenant may_set open=add_open />
        </SidePane>
    }
}

/// Makes Intune the authority of the organization with this id; on success notifies, refreshes
/// the tenant for every page at once, and closes the blade.
fn set_intune(tenant: Tenant, open: RwSignal<bool>) -> Action<String, Result<(), ApiError>> {
    let (api, i18n, notifications) = (use_api(), use_i18n(), use_notifications());
    Action::new_local(move |organization_id: &String| {
        let organization_id = organization_id.clone();
        async move {
            api.set_mobile_device_management_authority(&organization_id)
                .await?;
            notifications.notify(i18n.get_untracked().mdm_set_to_intune.to_string());
            tenant.refetch();
            open.set(false);
            Ok(())
        }
    })
}

#[component]
fn ChooseMdmAuthority(
    organization: Memo<Option<Organization>>,
    tenant: Tenant,
    open: RwSignal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let intune = RwSignal::new(true);
    let set_intune = set_intune(tenant, open);
    let choose = move |_| match organization.get_untracked() {
        Some(organization) if intune.get_untracked() => {
            set_intune.dispatch_local(organization.id);
        }
        _ => open.set(false),
    };
    view! {
        <p>{i18n.text(|m| &m.mdm_choose_explanation)}</p>
        <fieldset class="filter-group">
            <legend>{i18n.text(|m| &m.mdm_authority)}</legend>
            <label class="check">
                <input type="radio" name="mdm-authority" prop:checked=move || intune.get() on:change=move |_| intune.set(true) />
                {i18n.text(|m| &m.intune_mdm_authority)}
            </label>
            <label class="check">
                <input type="radio" name="mdm-authority" prop:checked=move || !intune.get() on:change=move |_| intune.set(false) />
                {i18n.text(|m| &m.none)}
            </label>
        </fieldset>
        <FormError message=failure_text(i18n, set_intune) />
        <div class="pane-actions">
            <button type="button" class="button primary" disabled=move || set_intune.pending().get() on:click=choose>{i18n.text(|m| &m.choose)}</button>
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
    let i18n = use_i18n();
    let set_intune = set_intune(tenant, open);
    let add = move |_| {
        if let Some(organization) = organization.get_untracked() {
            set_intune.dispatch_local(organization.id);
        }
    };
    view! {
        <p>{i18n.text(|m| &m.mdm_add_explanation)}</p>
        <fieldset class="filter-group">
            <legend>{i18n.text(|m| &m.mdm_authority_to_add)}</legend>
            <label class="check">
                <input type="radio" name="add-mdm-authority" checked disabled=move || !may_set.get() />
                {i18n.text(|m| &m.intune_mdm_authority)}
            </label>
        </fieldset>
        <Shown when=move || !may_set.get()>
            <p class="form-note" id="add-mdm-authority-why">{i18n.text(|m| &m.mdm_only_admin_can_add)}</p>
        </Shown>
        <FormError message=failure_text(i18n, set_intune) />
        <div class="pane-actions">
            <button
                type="button"
                class="button primary"
                disabled=move || set_intune.pending().get() || !may_set.get()
                aria-describedby=move || (!may_set.get()).then_some("add-mdm-authority-why")
                on:click=add
            >
                {i18n.text(|m| &m.add)}
            </button>
        </div>
    }
}
