//! `/tenant-admin`: Tenant status, with the tenant's name, its MDM authority, coexistence, who
//! changed the authority when, and for the administrator the latest entries of the audit log.

use endpoint_admin_model::{audit::AuditEvent, auth::Permission, i18n::fill};
use leptos::prelude::*;

use crate::{
    api::use_api,
    components::{CurrentUser, PageHeader, Shown, Tenant, crumbs, fetched},
    i18n::{I18n, use_i18n},
    latest_fetch::LatestFetch,
};

/// Entries of the audit log the page shows.
const AUDIT_EVENTS_SHOWN: u32 = 50;

#[component]
pub fn TenantAdmin() -> impl IntoView {
    let i18n = use_i18n();
    let tenant = expect_context::<Tenant>();
    let me = expect_context::<CurrentUser>();
    let may_read_audit_log = Memo::new(move |_| {
        me.get()
            .and_then(Result::ok)
            .is_some_and(|me| me.may(Permission::ReadAuditLog))
    });
    view! {
        <PageHeader title=i18n.text(|m| &m.tenant_status_title) crumbs=crumbs(&[(|m| &m.home, "/")]) />
        {fetched(tenant, move |organizations| {
            let m = i18n.get();
            organizations
                .value
                .into_iter()
                .map(|organization| {
                    let changes = organization.mobile_device_management_authority_changes;
                    view! {
                        <section class="card">
                            <h2>{m.tenant_details.to_string()}</h2>
                            <dl class="essentials">
                                <dt>{m.tenant_name.to_string()}</dt>
                                <dd>{organization.display_name}</dd>
                                <dt>{m.tenant_id.to_string()}</dt>
                                <dd>{organization.id}</dd>
                                <dt>{m.mdm_authority.to_string()}</dt>
                                <dd>{organization.mobile_device_management_authority.label(m).to_string()}</dd>
                                <dt>{m.coexistence_with_office365.to_string()}</dt>
                                <dd>{if organization.is_coexistence_enabled { m.enabled.to_string() } else { m.disabled.to_string() }}</dd>
                            </dl>
                        </section>
                        <section class="card" aria-labelledby="mdm-authority-changes">
                            <h2 id="mdm-authority-changes">{m.mdm_authority_changes.to_string()}</h2>
                            {if changes.is_empty() {
                                view! { <p>{m.mdm_authority_not_changed.to_string()}</p> }.into_any()
                            } else {
                                view! {
                                    <table class="grid" aria-labelledby="mdm-authority-changes">
                                        <thead>
                                            <tr>
                                                <th scope="col">{m.changed.to_string()}</th>
                                                <th scope="col">{m.from.to_string()}</th>
                                                <th scope="col">{m.to.to_string()}</th>
                                                <th scope="col">{m.changed_by.to_string()}</th>
                                            </tr>
                                        </thead>
                                        <tbody>
                                            {changes
                                                .iter()
                                                .map(|change| view! {
                                                    <tr>
                                                        <td>{i18n.date_time(change.changed_date_time)}</td>
                                                        <td>{change.from_authority.label(m).to_string()}</td>
                                                        <td>{change.to_authority.label(m).to_string()}</td>
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
    let i18n = use_i18n();
    let events = LatestFetch::new(move |_| api.audit_events(AUDIT_EVENTS_SHOWN));
    view! {
        <section class="card" aria-labelledby="audit-log">
            <h2 id="audit-log">{i18n.text(|m| &m.audit_log)}</h2>
            {fetched(events, move |events| {
                let m = i18n.get();
                view! {
                    <table class="grid" aria-labelledby="audit-log">
                        <thead>
                            <tr>
                                <th scope="col">{m.date.to_string()}</th>
                                <th scope="col">{m.activity.to_string()}</th>
                                <th scope="col">{m.result.to_string()}</th>
                                <th scope="col">{m.initiated_by.to_string()}</th>
                                <th scope="col">{m.ip_address.to_string()}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {events.value.into_iter().map(|event| audit_event_row(i18n, event)).collect_view()}
                        </tbody>
                    </table>
                }
            })}
        </section>
    }
}

fn audit_event_row(i18n: I18n, event: AuditEvent) -> impl IntoView {
    let m = i18n.get_untracked();
    let result = match (
        event.activity_result.as_str(),
        event.failure_reason.is_empty(),
    ) {
        ("success", _) => m.success.to_string(),
        (_, true) => m.failure.to_string(),
        // The reason is the server's, in English, as the audit log keeps it.
        (_, false) => fill(&m.failure_because, &[("reason", &event.failure_reason)]),
    };
    view! {
        <tr>
            <td>{i18n.date_time(event.activity_date_time)}</td>
            <td>{event.display_name}</td>
            <td>{result}</td>
            <td>{event.actor.user_principal_name}</td>
            <td>{event.actor.ip_address}</td>
        </tr>
    }
}
