//! An application's details pane: its deployment, targeting, deadline, last state change and
//! error code with its meaning, and **Install**, **Reinstall**, **Re-evaluate**, **Uninstall**,
//! **Repair**, each disabled with the reason as its description. The pane's elements stay while
//! the application's state changes under it, so the keyboard focus stays where it was.

use endpoint_admin_model::{
    Collection,
    application::{
        Application, ApplicationActionName, DeploymentIntent, error_code_hex, error_code_meaning,
    },
    auth::Permission,
    i18n::fill,
};
use leptos::prelude::*;

use super::super::action_status::log_groups;
use crate::{
    api::use_api,
    components::{CurrentUser, FormError, Loading, fetched, notifications::use_notifications},
    i18n::{I18n, use_i18n},
    latest_fetch::LatestFetch,
    pages::devices::bulk_actions::role_refusal,
};

#[component]
pub fn ApplicationDetails(
    device_id: String,
    device_name: String,
    /// The open application in the latest answer; `None` when the view does not show it.
    application: Memo<Option<Application>>,
    /// The first answer has not come yet.
    loading: Signal<bool>,
    /// An action was accepted: the rows are asked for again and followed.
    on_sent: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let missing = move || {
        (application.with(Option::is_none) && !loading.get())
            .then(|| i18n.get().application_not_in_view.to_string())
    };
    // Text only: re-rendered as the state changes, with nothing in it to hold the focus.
    let facts = move || {
        application
            .with(|application| {
                application
                    .as_ref()
                    .map(|application| facts(i18n, application))
                    .unwrap_or_default()
            })
            .into_iter()
            .map(|(term, value)| view! { <dt>{term}</dt><dd>{value}</dd> })
            .collect_view()
    };
    view! {
        {move || loading.get().then(|| view! { <Loading /> })}
        <p class="form-note" role="status">{missing}</p>
        <dl class="essentials">{facts}</dl>
        <ApplicationActions device_id=device_id.clone() device_name application on_sent />
        <ApplicationLog device_id application />
    }
}

/// **Show log**: what the site and the client logged about the latest action on the application,
/// asked for again as the action moves on.
#[component]
fn ApplicationLog(device_id: String, application: Memo<Option<Application>>) -> impl IntoView {
    let api = use_api();
    let i18n = use_i18n();
    let open = RwSignal::new(false);
    // The application, and how far its latest action has got.
    let moved_on = Memo::new(move |_| {
        application.with(|application| {
            application.as_ref().map(|application| {
                let action = application.last_action.as_ref();
                (
                    application.id.clone(),
                    action.map(|action| (action.id.clone(), action.last_updated_date_time)),
                )
            })
        })
    });
    let has_action = move || {
        moved_on.with(|moved_on| {
            moved_on
                .as_ref()
                .is_some_and(|(_, action)| action.is_some())
        })
    };
    let body = move || {
        let device_id = device_id.clone();
        open.get().then(move || {
            let log = LatestFetch::new(move |_| {
                let application_id =
                    moved_on.with(|moved_on| moved_on.as_ref().map(|(id, _)| id.clone()));
                let device_id = device_id.clone();
                async move {
                    match application_id {
                        Some(application_id) => {
                            api.application_log(&device_id, &application_id).await
                        }
                        None => Ok(Collection {
                            context: String::new(),
                            count: None,
                            value: Vec::new(),
                            next_link: None,
                        }),
                    }
                }
            });
            view! { <div class="log-row">{fetched(log, move |page| log_groups(i18n, page.value))}</div> }
        })
    };
    view! {
        <div hidden=move || !has_action()>
            <button
                type="button"
                class="button"
                aria-expanded=move || open.get().to_string()
                on:click=move |_| open.update(|open| *open = !*open)
            >
                {move || {
                    let m = i18n.get();
                    if open.get() { m.hide_log.to_string() } else { m.show_log.to_string() }
                }}
            </button>
            {body}
        </div>
    }
}

/// What the pane says about an application, as (term, description).
/// Tracks the language: the pane is written again in another one.
fn facts(i18n: I18n, application: &Application) -> Vec<(String, String)> {
    let m = i18n.get();
    let yes_no = |yes: bool| if yes { &m.yes } else { &m.no }.to_string();
    let mut facts = vec![
        (&m.app_column_publisher, application.publisher.clone()),
        (&m.app_column_version, application.version.clone()),
        (
            &m.app_column_type,
            application.application_type.label(m).to_string(),
        ),
        (
            &m.app_column_status,
            application.install_state.label(m).to_string(),
        ),
        (
            &m.app_column_deployment,
            application.deployment_intent.label(m).to_string(),
        ),
        (
            &m.app_column_targeted_to,
            application.targeted_to.label(m).to_string(),
        ),
        (
            &m.approval_required,
            yes_no(application.is_approval_required),
        ),
    ];
    if application.deployment_intent == DeploymentIntent::Required {
        let deadline = application.deadline_date_time.map_or_else(
            || m.as_soon_as_possible.to_string(),
            |at| i18n.date_time(at),
        );
        facts.push((&m.app_column_deadline, deadline));
    }
    facts.push((
        &m.app_column_last_state_change,
        i18n.date_time(application.last_state_change_date_time),
    ));
    let error = match application.error_code {
        0 => m.none.to_string(),
        code => match error_code_meaning(m, code) {
            Some(meaning) => format!("{}: {meaning}", error_code_hex(code)),
            None => error_code_hex(code),
        },
    };
    facts.push((&m.app_column_error_code, error));
    let last_action = application.last_action.as_ref().map_or_else(
        || m.no_action_from_console.to_string(),
        |action| {
            fill(
                &m.last_action_value,
                &[
                    ("action", action.action_name.label(m)),
                    ("state", action.action_state.label(m)),
                    ("time", &i18n.date_time(action.last_updated_date_time)),
                ],
            )
        },
    );
    facts.push((&m.last_action, last_action));
    facts
        .into_iter()
        .map(|(term, value)| (term.to_string(), value))
        .collect()
}

/// The five actions, disabled with the reason: the role first, then the server's prerequisites.
#[component]
fn ApplicationActions(
    device_id: String,
    device_name: String,
    application: Memo<Option<Application>>,
    on_sent: Callback<()>,
) -> impl IntoView {
    let (api, notifications) = (use_api(), use_notifications());
    let i18n = use_i18n();
    let me = use_context::<CurrentUser>();
    let device_id = StoredValue::new(device_id);
    let device_name = StoredValue::new(device_name);
    // Answers with the application it was for: a failure belongs to that application only.
    let run = Action::new_local(
        move |(action, target): &(ApplicationActionName, Application)| {
            let (action, target) = (*action, target.clone());
            async move {
                let sent = api
                    .run_application_action(&device_id.get_value(), &target.id, action)
                    .await;
                if sent.is_ok() {
                    let m = i18n.get_untracked();
                    notifications.notify(fill(
                        &m.application_action_sent,
                        &[
                            ("action", action.label(m)),
                            ("application", &target.name),
                            ("device", &device_name.get_value()),
                        ],
                    ));
                    on_sent.run(());
                }
                (target.id, sent)
            }
        },
    );
    let sending = run.pending();
    let error = move || {
        let shown = application.with(|application| application.as_ref().map(|a| a.id.clone()));
        run.value().with(|answer| match answer {
            Some((id, Err(error))) if Some(id) == shown.as_ref() && !sending.get() => {
                Some(error.text(i18n.get()))
            }
            _ => None,
        })
    };
    let why_not = move |action: ApplicationActionName| -> Option<String> {
        let m = i18n.get();
        let Some(me) = me.and_then(|me| me.get()?.ok()) else {
            return Some(m.checking_role.to_string());
        };
        if !me.may(Permission::ManageDeviceApplications) {
            return Some(role_refusal(m, &me, &m.application_actions_lowercase));
        }
        if sending.get() {
            return Some(m.previous_request_on_its_way.to_string());
        }
        application.with(|application| {
            let allowed = application
                .as_ref()?
                .actions
                .iter()
                .find(|allowed| allowed.name == action)?;
            (!allowed.allowed).then(|| {
                allowed
                    .reason
                    .clone()
                    .unwrap_or_else(|| m.not_allowed_now.to_string())
            })
        })
    };
    let run = move |action: ApplicationActionName| {
        if let Some(target) = application.get_untracked() {
            run.dispatch_local((action, target));
        }
    };
    view! {
        <div class="command-bar" role="toolbar" aria-label=i18n.text(|m| &m.application_actions) hidden=move || application.with(Option::is_none)>
            {ApplicationActionName::ALL
                .iter()
                .map(|action| {
                    let action = *action;
                    let reason_id = format!("application-why-not-{}", action.wire_name());
                    view! {
                        <button
                            type="button"
                            class="command"
                            disabled=move || why_not(action).is_some()
                            aria-describedby=move || why_not(action).is_some().then(|| reason_id.clone())
                            title=move || why_not(action)
                            on:click=move |_| run(action)
                        >
                            {move || action.label(i18n.get()).to_string()}
                        </button>
                    }
                })
                .collect_view()}
        </div>
        <ul class="action-reasons" aria-label=i18n.text(|m| &m.why_actions_unavailable) hidden=move || application.with(Option::is_none)>
            {ApplicationActionName::ALL
                .iter()
                .map(|action| {
                    let action = *action;
                    view! {
                        <li id=format!("application-why-not-{}", action.wire_name()) hidden=move || why_not(action).is_none()>
                            {move || why_not(action).map(|reason| format!("{}: {reason}", action.label(i18n.get())))}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
        <FormError message=error />
    }
}
