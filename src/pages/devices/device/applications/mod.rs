//! `/devices/{id}/applications`: the applications the ConfigMgr site deploys to the device or its
//! primary user, filtered by install status (with a count per status), searched, sorted, paged
//! and exported like All devices; an application's name opens its details and actions
//! (`?app={id}` in the URL), and the rows follow an action's progress live.

mod details;
mod list;

use std::collections::HashMap;

use endpoint_admin_model::{
    application::{Application, ApplicationList, InstallState},
    device_action::ActionState,
    i18n::{Messages, fill},
};
use leptos::prelude::*;
use leptos_router::{
    NavigateOptions,
    hooks::{use_navigate, use_query_map},
};

use super::use_device;
use crate::{
    api::use_api,
    components::{SidePane, notifications::use_notifications},
    i18n::{I18n, use_i18n},
    latest_fetch::LatestFetch,
    list_view::{GridRows, ListExport, ListPageView, ListQuery, ListTotal, use_list_page},
};
use details::ApplicationDetails;
use list::{APPLICATIONS, application_row};

#[component]
pub fn DeviceApplications() -> impl IntoView {
    let device = use_device().device;
    let i18n = use_i18n();
    // Only what decides which page this is; the device's other changes leave it alone.
    let shown = Memo::new(move |_| {
        device.with(|device| {
            device.as_ref().map(|device| {
                (
                    device.id.clone(),
                    device.device_name.clone(),
                    device.management_agent.has_configuration_manager_client(),
                    device.management_agent,
                )
            })
        })
    });
    move || {
        shown.get().map(|(id, name, has_client, managed_by)| {
            if has_client {
                view! { <ApplicationsOfDevice id name /> }.into_any()
            } else {
                view! {
                    <section class="card" aria-labelledby="no-applications">
                        <h2 id="no-applications">{i18n.text(|m| &m.applications)}</h2>
                        <p>
                            {move || {
                                let m = i18n.get();
                                fill(&m.applications_need_client, &[("device", &name), ("managedBy", managed_by.label(m))])
                            }}
                        </p>
                    </section>
                }
                .into_any()
            }
        })
    }
}

#[component]
fn ApplicationsOfDevice(id: String, name: String) -> impl IntoView {
    let (api, notifications) = (use_api(), use_notifications());
    let i18n = use_i18n();
    let path = format!("/devices/{id}/applications");
    let page = use_list_page(&APPLICATIONS, Signal::stored(path.clone()));
    let view = page.view;
    let device_id = StoredValue::new(id);
    let device_name = StoredValue::new(name);

    // Asked again in another language: the server says in it why an action is not possible.
    let rows = LatestFetch::new(move |abort| {
        i18n.track();
        let query = view.with(ListQuery::api_page_query);
        let id = device_id.get_value();
        async move { api.device_applications(&id, &query, abort.as_ref()).await }
    });
    let answer = Memo::new(move |_| rows.get().and_then(Result::ok));
    // 403: the site does not know the account (the Intune role is checked before).
    let refused = Memo::new(move |_| {
        rows.with(|answer| matches!(answer, Some(Err(error)) if error.status == 403))
    });
    follow_actions(i18n, rows, device_name, notifications);

    // The application whose details are open: `?app={id}`.
    let query_map = use_query_map();
    let open_id = Memo::new(move |_| query_map.with(|query| query.get("app")));
    let open_application = Memo::new(move |_| {
        let id = open_id.get()?;
        answer.with(|answer| {
            answer
                .as_ref()?
                .value
                .iter()
                .find(|application| application.id == id)
                .cloned()
        })
    });
    let details_open = RwSignal::new(false);
    let navigate = use_navigate();
    Effect::new(move |_| details_open.set(open_id.with(Option::is_some)));
    // Closing the pane (Close, Escape, the backdrop) goes back to the list's own address.
    Effect::new({
        let path = path.clone();
        move |_| {
            if !details_open.get() && open_id.with_untracked(Option::is_some) {
                let href = format!("{path}{}", view.with_untracked(ListQuery::to_query_string));
                let options = NavigateOptions {
                    scroll: false,
                    ..Default::default()
                };
                navigate(&href, options);
            }
        }
    });
    let row_href = Callback::new({
        let path = path.clone();
        move |application_id: String| {
            let query = view.with_untracked(ListQuery::to_query_string);
            let separator = if query.is_empty() { '?' } else { '&' };
            let mut app = form_urlencoded::Serializer::new(String::new());
            app.append_pair("app", &application_id);
            format!("{path}{query}{separator}{}", app.finish())
        }
    });

    let export = ListExport::new(page, "applications.csv", move |query| async move {
        api.export_device_applications(&device_id.get_value(), &query)
            .await
    });
    // An application list is short: its count comes exact with each page (`$count=true`).
    let total = ListTotal::with_rows(Signal::derive(move || {
        answer.with(|answer| answer.as_ref().and_then(|a| a.count))
    }));
    let count = Callback::new(move |state: &'static str| {
        let state = InstallState::from_wire_name(state)?;
        answer.with(|answer| Some(answer.as_ref()?.install_state_counts.of(state)))
    });
    let grid_rows = GridRows {
        rows: Memo::new(move |_| {
            let columns = page.columns.get();
            i18n.track();
            answer.with(|answer| {
                answer.as_ref().map(|answer| {
                    answer
                        .value
                        .iter()
                        .map(|application| application_row(i18n, application, &columns))
                        .collect()
                })
            })
        })
        .into(),
        // The site's refusal is said above the list, not as a failed fetch.
        error: Signal::derive(move || rows.error().filter(|error| error.status != 403)),
        loading: Signal::derive(move || rows.loading()),
        retry: Callback::new(move |()| rows.refetch()),
    };
    let title = Signal::derive(move || {
        open_application.with(|application| {
            application.as_ref().map_or_else(
                || i18n.get().application.to_string(),
                |application| application.name.clone(),
            )
        })
    });

    view! {
        <section class="device-applications" aria-labelledby="applications-heading">
            <h2 id="applications-heading">{i18n.text(|m| &m.applications)}</h2>
            {move || refused.get().then(|| view! { <SiteRefusal /> })}
            <ListPageView
                page
                rows=grid_rows
                total
                export
                label=|m: &Messages| &m.applications
                empty=|m: &Messages| &m.no_applications_found
                matching=|m: &Messages| &m.applications_match
                row_href
                current=Signal::derive(move || open_id.get())
                count
            />
        </section>
        <SidePane title open=details_open>
            <ApplicationDetails
                device_id=device_id.get_value()
                device_name=device_name.get_value()
                application=open_application
                loading=Signal::derive(move || answer.with(Option::is_none))
                on_sent=Callback::new(move |()| rows.refetch())
            />
        </SidePane>
    }
}

/// `cloudadmin@`: the site does not know the account, so it lists nothing; say so and why.
#[component]
fn SiteRefusal() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="error-message" role="alert">
            <p><strong>{i18n.text(|m| &m.site_refused_applications)}</strong></p>
            <p>{i18n.text(|m| &m.site_refusal_explanation)}</p>
        </div>
    }
}

/// While an action on a shown application is unfinished, asks for the rows again
/// ([`LatestFetch::poll_while`], the same poll as Device action status'); when one ends, says how
/// in a notification.
fn follow_actions(
    i18n: I18n,
    rows: LatestFetch<ApplicationList>,
    device_name: StoredValue<String>,
    notifications: crate::components::notifications::Notifications,
) {
    // The action in flight on each application at the previous answer, by application id.
    let in_flight = StoredValue::new(HashMap::<String, String>::new());
    Effect::new(move |_| {
        rows.with(|answer| {
            let Some(Ok(answer)) = answer else {
                return;
            };
            let before = in_flight.get_value();
            for application in &answer.value {
                if let Some(action) = &application.last_action
                    && before.get(&application.id) == Some(&action.id)
                    && !is_unfinished(application)
                {
                    notifications.notify(outcome(i18n, application, &device_name.get_value()));
                }
            }
            let now: HashMap<String, String> = answer
                .value
                .iter()
                .filter(|application| is_unfinished(application))
                .filter_map(|application| {
                    Some((
                        application.id.clone(),
                        application.last_action.as_ref()?.id.clone(),
                    ))
                })
                .collect();
            in_flight.set_value(now);
        })
    });
    rows.poll_while(|answer| answer.value.iter().any(is_unfinished));
}

/// An action asked of the application that has not ended.
fn is_unfinished(application: &Application) -> bool {
    application.last_action.as_ref().is_some_and(|action| {
        matches!(
            action.action_state,
            ActionState::Pending | ActionState::Active
        )
    })
}

/// How an action ended, e.g. *Install 7-Zip on CONTOSO-LT-0001: Failed (0x87D00607)*.
fn outcome(i18n: I18n, application: &Application, device_name: &str) -> String {
    let m = i18n.get_untracked();
    let action = application
        .last_action
        .as_ref()
        .map_or("", |action| action.action_name.label(m));
    let error = match application.error_code {
        0 => String::new(),
        code => format!(
            " ({})",
            endpoint_admin_model::application::error_code_hex(code)
        ),
    };
    fill(
        &m.application_action_ended,
        &[
            ("action", action),
            ("application", &application.name),
            ("device", device_name),
            ("state", application.install_state.label(m)),
        ],
    ) + &error
}
