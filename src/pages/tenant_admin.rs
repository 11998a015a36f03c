//! `/tenant-admin`: Tenant status, with the tenant's name, its MDM authority, coexistence, who
//! changed the authority when, and for the administrator the latest entries of the audit log.

use endpoint_admin_model::{audit::AuditEvent, auth::Permission, device_column::date_time};
use leptos::prelude::*;

use crate::{
    api::use_api,
    components::{CurrentUser, PageHeader, Shown, Tenant, crumbs, fetched},
    latest_fetch::LatestFetch,
};

/// Entries of the audit log the page shows.
const AUDIT_EVENTS_SHOWN: u32 = 50;

#[component]
pub fn TenantAdmin() -> impl IntoView {
    let tenant = expect_context::<Tenant>();
    let me = expect_context::<CurrentUser>();
    let may_read_audit_log = Memo::new(move |_| {
        me.get()
            .and_then(Result::ok)
            .is_some_and(|me| me.may(Permission::ReadAuditLog))
    });
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
        <Shown when=move || may_read_audit_log.get()>
            <AuditLog />
        </Shown>
    }
}

/// The latest entries of the audit log: sign-ins, sign-outs and changes, newest first.
#[component]
fn AuditLog() -> impl IntoView {
    let api = use_api();
    let events = LatestFetch::new(move |_| api.audit_events(AUDIT_EVENTS_SHOWN));
    view! {
        <section class="card" aria-labelledby="audit-log">
            <h2 id="audit-log">"Audit log"</h2>
            {fetched(events, |events| {
                view! {
                    <table class="grid" aria-labelledby="audit-log">
                        <thead>
                            <tr>
                                <th scope="col">"Date"</th>
                                <th scope="col">"Activity"</th>
                                <th scope="col">"Result"</th>
                                <th scope="col">"Initiated by"</th>
                                <th scope="col">"IP address"</th>
                            </tr>
                        </thead>
                        <tbody>
                            {events.value.into_iter().map(audit_event_row).collect_view()}
                        </tbody>
                    </table>
                }
            })}
        </section>
    }
}

fn audit_event_row(event: AuditEvent) -> impl IntoView {
    let result = match (
        event.activity_result.as_str(),
        event.failure_reason.is_empty(),
    ) {
        ("success", _) => "Success".to_string(),
        (_, true) => "Failure".to_string(),
        (_, false) => format!("Failure: {}", event.failure_reason),
    };
    view! {
        <tr>
            <td>{date_time(event.activity_date_time)}</td>
            <td>{event.display_name}</td>
            <td>{result}</td>
            <td>{event.actor.user_principal_name}</td>
            <td>{event.actor.ip_address}</td>
        </tr>
    }
}
