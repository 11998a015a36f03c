//! `/tenant-admin`: Tenant status, with the tenant's name and MDM authority.

use leptos::prelude::*;

use crate::{
    api::use_api,
    components::{PageHeader, fetched},
};

#[component]
pub fn TenantAdmin() -> impl IntoView {
    let api = use_api();
    let organizations = LocalResource::new(move || api.organizations());
    view! {
        <PageHeader title="Tenant administration | Tenant status" crumbs=&[("Home", "/")] />
        {fetched(organizations, |organizations| {
            organizations
                .value
                .into_iter()
                .map(|organization| {
                    view! {
                        <section class="card">
                            <h2>"Tenant details"</h2>
                            <dl class="essentials">
                                <dt>"Tenant name"</dt>
                                <dd>{organization.display_name}</dd>
                                <dt>"Tenant ID"</dt>
                                <dd>{organization.id}</dd>
                                <dt>"MDM authority"</dt>
                                <dd>{organization.mobile_device_management_authority.label()}</dd>
                            </dl>
                        </section>
                    }
                })
                .collect_view()
        })}
    }
}
