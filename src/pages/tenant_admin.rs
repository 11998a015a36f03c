//! `/tenant-admin`: Tenant status, with the tenant's name, its MDM authority, coexistence, and
//! who changed the authority when.

use endpoint_admin_model::device_column::date_time;
use leptos::prelude::*;

use crate::components::{PageHeader, Tenant, crumbs, fetched};

#[component]
pub fn TenantAdmin() -> impl IntoView {
    let tenant = expect_context::<Tenant>();
    view! {
        <PageHeader title="Tenant administration | Tenant status" crumbs=crumbs(&[("Home", "/")]) />
        {fetched(tenant, |organizations| {
            organizations
                .value
                .into_iter()
                .map(|organization| {
                    let changes = organization.mobile_device_management_authority_changes;
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
                                <dt>"Coexistence with Office 365"</dt>
                                <dd>{if organization.is_coexistence_enabled { "Enabled" } else { "Disabled" }}</dd>
                            </dl>
                        </section>
                        <section class="card" aria-labelledby="mdm-authority-changes">
                            <h2 id="mdm-authority-changes">"MDM authority changes"</h2>
                            {if changes.is_empty() {
                                view! { <p>"The MDM authority has not been changed."</p> }.into_any()
                            } else {
                                view! {
                                    <table class="grid" aria-labelledby="mdm-authority-changes">
                                        <thead>
                                            <tr>
                                                <th scope="col">"Changed"</th>
                                                <th scope="col">"From"</th>
                                                <th scope="col">"To"</th>
                                                <th scope="col">"Changed by"</th>
                                            </tr>
                                        </thead>
                                        <tbody>
                                            {changes
                                                .iter()
                                                .map(|change| view! {
                                                    <tr>
                                                        <td>{date_time(change.changed_date_time)}</td>
                                                        <td>{change.from_authority.label()}</td>
                                                        <td>{change.to_authority.label()}</td>
                                                        <td>{change.changed_by.clone()}</td>
                                                    </tr>
                                                })
                                                .collect_view()}
                                        </tbody>
                                    </table>
                                }
                                .into_any()
                            }}
                        </section>
                    }
                })
                .collect_view()
        })}
    }
}
