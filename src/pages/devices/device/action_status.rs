//! **Device action status**: every action on the device (Action, Status, Date/Time, Error), asked
//! for again every half second while one is unfinished and never when none is; each ConfigMgr
//! action expands to what the site's components logged, grouped by component and log file.

use endpoint_admin_model::{
    Collection,
    device_action::{DeviceActionResult, PipelineLogLine, PipelineStage},
    device_column::date_time,
    i18n::fill,
};
use leptos::prelude::*;

use super::use_device;
use crate::{
    api::use_api,
    components::{Shown, fetched, notifications::use_notifications},
    i18n::{I18n, use_i18n},
    latest_fetch::LatestFetch,
};

/// The device's action results, asked for again while any action is unfinished
/// ([`LatestFetch::poll_while`], the same poll as the applications'); when one ends, a
/// notification says how, and the device is asked for again.
#[derive(Clone, Copy)]
pub struct ActionResults {
    device_id: StoredValue<String>,
    fetch: LatestFetch<Collection<DeviceActionResult>>,
    pub results: Memo<Vec<DeviceActionResult>>,
}

impl ActionResults {
    /// Starts from the results the device came with: no request until one is unfinished or an
    /// action is sent.
    pub fn new(device_id: String, initial: Vec<DeviceActionResult>) -> ActionResults {
        let (api, i18n, notifications, device) =
            (use_api(), use_i18n(), use_notifications(), use_device());
        let first = StoredValue::new(Some(initial));
        let id = StoredValue::new(device_id.clone());
        let fetch = LatestFetch::new(move |_| {
            let first = first.try_update_value(Option::take).flatten();
            let id = id.get_value();
            async move {
                match first {
                    Some(value) => Ok(Collection {
                        context: String::new(),
                        count: None,
                        value,
                        next_link: None,
                    }),
                    None => api.device_action_results(&id).await,
                }
            }
        });
        let results = Memo::new(move |previous: Option<&Vec<DeviceActionResult>>| {
            fetch.with(|answer| match answer {
                Some(Ok(page)) => page.value.clone(),
                _ => previous.cloned().unwrap_or_default(),
            })
        });
        // The actions that were unfinished and now are not.
        Effect::new(move |before: Option<Vec<DeviceActionResult>>| {
            let now = results.get();
            let ended: Vec<&DeviceActionResult> = now
                .iter()
                .filter(|result| {
                    result.is_finished()
                        && before
                            .iter()
                            .flatten()
                            .any(|old| old.id == result.id && !old.is_finished())
                })
                .collect();
            if !ended.is_empty() {
                let name = device
                    .device
                    .with_untracked(|device| device.as_ref().map(|d| d.device_name.clone()))
                    .unwrap_or_default();
                let m = i18n.get_untracked();
                for result in ended {
                    notifications.notify(fill(
                        &m.action_ended,
                        &[
                            ("action", result.action_name.label(m)),
                            ("device", &name),
                            ("state", result.action_state.label(m)),
                        ],
                    ));
                }
                device.refetch();
            }
            now
        });
        fetch.poll_while(|page| page.value.iter().any(|result| !result.is_finished()));
        ActionResults {
            device_id: StoredValue::new(device_id),
            fetch,
            results,
        }
    }

    /// Asks now, e.g. right after an action was accepted.
    pub fn refresh(self) {
        self.fetch.refetch();
    }
}

#[component]
pub fn DeviceActionStatus(results: ActionResults) -> impl IntoView {
    let device_id = results.device_id.get_value();
    let i18n = use_i18n();
    view! {
        <section class="card" aria-labelledby="device-action-status">
            <h2 id="device-action-status">{i18n.text(|m| &m.device_action_status)}</h2>
            <Shown
                when=move || results.results.with(|results| !results.is_empty())
                fallback=move || view! { <p class="form-note">{i18n.text(|m| &m.no_actions_yet)}</p> }
            >
                <table class="grid" aria-labelledby="device-action-status">
                    <thead>
                        <tr>
                            <th scope="col">{i18n.text(|m| &m.action)}</th>
                            <th scope="col">{i18n.text(|m| &m.app_column_status)}</th>
                            <th scope="col">{i18n.text(|m| &m.date_time)}</th>
                            <th scope="col">{i18n.text(|m| &m.error)}</th>
                        </tr>
                    </thead>
                    <For
                        each=move || results.results.get()
                        key=|result| result.id.clone()
                        children={
                            let device_id = device_id.clone();
                            move |result| {
                                let id = result.id.clone();
                                let current = Memo::new(move |_| {
                                    results
                                        .results
                                        .with(|results| results.iter().find(|r| r.id == id).cloned())
                                });
                                view! { <ActionRow device_id=device_id.clone() first=result current /> }
                            }
                        }
                    />
                </table>
            </Shown>
        </section>
    }
}

/// One action, and its log when expanded.
#[component]
fn ActionRow(
    device_id: String,
    first: DeviceActionResult,
    current: Memo<Option<DeviceActionResult>>,
) -> impl IntoView {
    let expanded = RwSignal::new(false);
    let i18n = use_i18n();
    let action_name = first.action_name;
    let label = move || action_name.label(i18n.get()).to_string();
    let has_log = first.action_name.client_notification().is_some();
    let log_id = format!("log-{}", first.id);
    // The action's message: what it waits for while unfinished, why it failed once finished.
    let message = move |finished: bool| {
        current.with(|result| {
            result
                .as_ref()
                .filter(|result| result.is_finished() == finished)
                .and_then(|result| result.error_message.clone())
        })
    };
    let action_cell = if has_log {
        view! {
            <button
                type="button"
                class="disclosure"
                aria-expanded=move || expanded.get().to_string()
                aria-controls=log_id.clone()
                on:click=move |_| expanded.update(|open| *open = !*open)
            >
                {label}
            </button>
        }
        .into_any()
    } else {
        label.into_any()
    };
    let result_id = first.id.clone();
    view! {
        <tbody>
            <tr>
                <td>{action_cell}</td>
                <td>
                    {move || current.with(|result| result.as_ref().map(|r| r.action_state.label(i18n.get()).to_string()))}
                    {move || message(false).map(|note| view! { <span class="status-note">{note}</span> }.into_any())}
                </td>
                <td>{move || i18n.date_time(first.start_date_time)}</td>
                <td class="error-cell">{move || message(true)}</td>
            </tr>
            <Shown when=move || expanded.get()>
                <tr class="log-row">
                    <td colspan="4" id=log_id.clone()>
                        <ActionLog device_id=device_id.clone() result_id=result_id.clone() current />
                    </td>
                </tr>
            </Shown>
        </tbody>
    }
}

/// What each component logged about the action, asked for again as the action moves on.
#[component]
fn ActionLog(
    device_id: String,
    result_id: String,
    current: Memo<Option<DeviceActionResult>>,
) -> impl IntoView {
    let api = use_api();
    let i18n = use_i18n();
    let moved_on = Memo::new(move |_| {
        current.with(|result| {
            result
                .as_ref()
                .map(|result| (result.last_updated_date_time, result.pipeline_stage))
        })
    });
    let log = LatestFetch::new(move |_| {
        moved_on.track();
        let (device_id, result_id) = (device_id.clone(), result_id.clone());
        async move { api.device_action_log(&device_id, &result_id).await }
    });
    let waiting_at =
        move || current.with(|result| result.as_ref().and_then(|result| result.pipeline_stage));
    view! {
        {fetched(log, move |page| log_groups(i18n, page.value))}
        {move || waiting_at().map(|stage: PipelineStage| {
            let m = i18n.get();
            view! { <p class="form-note">{fill(&m.next_stage, &[("stage", stage.label(m))])}</p> }.into_any()
        })}
    }
}

/// Log lines grouped by component and log file, in order.
/// The lines are the components' own, in English, as the real log files are.
pub(super) fn log_groups(i18n: I18n, lines: Vec<PipelineLogLine>) -> impl IntoView {
    if lines.is_empty() {
        return view! { <p class="form-note">{i18n.text(|m| &m.nothing_logged)}</p> }.into_any();
    }
    let mut groups: Vec<(String, String, Vec<PipelineLogLine>)> = Vec::new();
    for line in lines {
        match groups.last_mut() {
            Some((component, file, group))
                if *component == line.component && *file == line.log_file =>
            {
                group.push(line)
            }
            _ => groups.push((line.component.clone(), line.log_file.clone(), vec![line])),
        }
    }
    groups
        .into_iter()
        .map(|(component, file, lines)| {
            let heading = format!("{component} · {file}");
            let name = heading.clone();
            view! {
                <section class="log-group" aria-label=name>
                    <h3>{heading}</h3>
                    <ol class="log-lines">
                        {lines
                            .into_iter()
                            .map(|line| view! { <li><span class="log-time">{date_time(line.date_time)}</span>" "{line.message}</li> })
                            .collect_view()}
                    </ol>
                </section>
            }
        })
        .collect_view()
        .into_any()
}
