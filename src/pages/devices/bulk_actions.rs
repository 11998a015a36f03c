//! **Bulk device actions** on All devices: one action on the checked rows, or on every device the
//! current search and filters match. The confirmation names the action, the scope and the exact
//! count, which the server holds the request to (`expectedCount`); the result says how many
//! succeeded, failed, were not found or not supported.

use std::collections::BTreeSet;

use endpoint_admin_model::{
    auth::Me,
    device_action::{ActionFamily, BulkActionResult, DeviceActionName, ExecuteAction, WipeOptions},
    i18n::{Messages, fill},
};
use leptos::prelude::*;

use crate::{
    api::use_api,
    components::{ErrorMessage, FormError, Shown, WipeOptionsFields, failure_text},
    device_list_query::DeviceListQuery,
    i18n::use_i18n,
    list_view::ListTotal,
};

/// Which devices a bulk action is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scope {
    Selected,
    Matching,
}

/// Where the pane stands.
#[derive(Debug, Clone, PartialEq)]
enum Step {
    Choose,
    Confirm,
    Done(BulkActionResult),
}

/// Why the user may not run `action`, if they may not.
pub fn role_forbids(m: &Messages, me: Option<&Me>, action: DeviceActionName) -> Option<String> {
    let me = me?;
    (!me.may(action.permission())).then(|| role_refusal(m, me, action.label(m)))
}

/// *The Read Only Operator role does not allow {what}.*
pub fn role_refusal(m: &Messages, me: &Me, what: &str) -> String {
    match me.roles.first() {
        Some(role) => fill(
            &m.role_does_not_allow,
            &[("role", role.label(m)), ("what", what)],
        ),
        None => fill(&m.your_role_does_not_allow, &[("what", what)]),
    }
}

#[component]
pub fn BulkActions(
    view: Memo<DeviceListQuery>,
    selected: RwSignal<BTreeSet<String>>,
    /// Devices the view matches, as the pager shows it; the confirmation waits for it to be
    /// exact.
    total: ListTotal,
    me: Memo<Option<Me>>,
    /// The actions ran: the grid should show the devices again.
    #[prop(into)]
    on_done: Callback<()>,
) -> impl IntoView {
    let api = use_api();
    let i18n = use_i18n();
    let allowed = move |action: DeviceActionName| {
        me.with(|me| role_forbids(Messages::english(), me.as_ref(), action).is_none())
    };
    let bulk_actions = || DeviceActionName::ALL.into_iter().filter(|a| a.is_bulk());
    let action = RwSignal::new(
        bulk_actions()
            .find(|action| allowed(*action))
            .unwrap_or(DeviceActionName::SyncDevice),
    );
    let selected_count = move || selected.with(BTreeSet::len) as u64;
    let scope = RwSignal::new(if selected_count() > 0 {
        Scope::Selected
    } else {
        Scope::Matching
    });
    let wipe_options = RwSignal::new(WipeOptions::default());
    let step = RwSignal::new(Step::Choose);
    // Shows the result, or the choice again with why it failed; the grid asks for its rows
    // again either way.
    let execute = Action::new_local(move |request: &ExecuteAction| {
        let request = request.clone();
        async move {
            let answer = api.execute_action(&request).await;
            step.set(match &answer {
                Ok(result) => Step::Done(result.clone()),
                Err(_) => Step::Choose,
            });
            on_done.run(());
            answer.map(|_| ())
        }
    });
    let busy = execute.pending();
    let filtered =
        move || view.with(|view| view.odata_filter().is_some() || !view.search.is_empty());
    let count = move || match scope.get() {
        Scope::Selected => selected_count(),
        Scope::Matching => total.count.get().map_or(0, |total| total.count),
    };
    // `expectedCount` must be exact: a bounded count (*10,000+*) is not.
    let exact_total = move || {
        total
            .count
            .get()
            .filter(|total| total.is_exact)
            .map(|total| total.count)
    };
    let counting = move || scope.get() == Scope::Matching && exact_total().is_none();
    let scope_text = move || {
        let m = i18n.get();
        let count = i18n.count(count());
        let template = match (scope.get(), filtered()) {
            (Scope::Selected, _) => &m.bulk_scope_selected,
            (Scope::Matching, true) => &m.bulk_scope_matching,
            (Scope::Matching, false) => &m.bulk_scope_tenant,
        };
        fill(template, &[("count", &count)])
    };
    let run = move |_| {
        let action = action.get_untracked();
        let wipe = (action == DeviceActionName::Wipe).then(|| wipe_options.get_untracked());
        let mut request = ExecuteAction {
            action_name: action.wire_name().to_string(),
            keep_enrollment_data: wipe.as_ref().map(|wipe| wipe.keep_enrollment_data),
            keep_user_data: wipe.as_ref().map(|wipe| wipe.keep_user_data),
            ..ExecuteAction::default()
        };
        match scope.get_untracked() {
            Scope::Selected => {
                request.device_ids = Some(selected.get_untracked().into_iter().collect());
            }
            Scope::Matching => {
                let view = view.get_untracked();
                request.filter = view.odata_filter();
                request.search = Some(view.search).filter(|search| !search.is_empty());
                let exact = total.count.get_untracked().filter(|total| total.is_exact);
                let Some(expected_count) = exact.map(|total| total.count) else {
                    return;
                };
                request.expected_count = Some(expected_count);
            }
        }
        execute.dispatch_local(request);
    };
    let choose = move || {
        let m = i18n.get();
        view! {
            <label class="field">
                {m.action.to_string()}
                <select on:change:target=move |event| {
                    if let Some(chosen) = DeviceActionName::from_wire_name(&event.target().value()) {
                        action.set(chosen);
                    }
                }>
                    {[(m.configuration_manager.to_string(), ActionFamily::ConfigurationManager), (m.managed_by_intune.to_string(), ActionFamily::Intune)]
                        .into_iter()
                        .map(|(group, family)| view! {
                            <optgroup label=group>
                                {bulk_actions()
                                    .filter(|candidate| candidate.family() == family)
                                    .map(|candidate| {
                                        let forbidden = !allowed(candidate);
                                        let label = if forbidden {
                                            fill(&m.not_allowed_for_your_role, &[("action", candidate.label(m))])
                                        } else {
                                            candidate.label(m).to_string()
                                        };
                                        view! {
                                            <option
                                                value=candidate.wire_name()
                                                disabled=forbidden
                                                selected=move || action.get() == candidate
                                            >
                                                {label}
                                            </option>
                                        }
                                    })
                                    .collect_view()}
                            </optgroup>
                        })
                        .collect_view()}
                </select>
            </label>
            <fieldset class="filter-group">
                <legend>{m.devices.to_string()}</legend>
                <label class="check">
                    <input
                        type="radio"
                        name="bulk-scope"
                        disabled=move || selected_count() == 0
                        prop:checked=move || scope.get() == Scope::Selected
                        on:change=move |_| scope.set(Scope::Selected)
                    />
                    {move || fill(&i18n.get().bulk_choice_selected, &[("count", &i18n.count(selected_count()))])}
                </label>
                <label class="check">
                    <input
                        type="radio"
                        name="bulk-scope"
                        prop:checked=move || scope.get() == Scope::Matching
                        on:change=move |_| scope.set(Scope::Matching)
                    />
                    {move || {
                        let m = i18n.get();
                        let count = total.count.get().map_or_else(|| i18n.count(0), |count| i18n.bounded_count(count));
                        let template = if filtered() { &m.bulk_choice_matching } else { &m.bulk_choice_all };
                        fill(template, &[("count", &count)])
                    }}
                </label>
            </fieldset>
            <Shown when=move || action.get() == DeviceActionName::Wipe>
                <WipeOptionsFields options=wipe_options />
            </Shown>
            <FormError message=failure_text(i18n, execute) />
            <div class="pane-actions">
                <button
                    type="button"
                    class="button primary"
                    disabled=move || count() == 0 || !allowed(action.get())
                    on:click=move |_| step.set(Step::Confirm)
                >
                    {m.review.to_string()}
                </button>
            </div>
        }
    };
    let confirm = move || {
        view! {
            {move || match (counting(), total.error.get()) {
                (true, Some(error)) => view! {
                    <ErrorMessage error on_retry=move |_| total.retry.run(()) />
                }
                .into_any(),
                (true, None) => view! {
                    <p class="confirmation" id="bulk-confirmation" role="status">
                        {i18n.text(|m| &m.counting_matching_devices)}
                    </p>
                }
                .into_any(),
                (false, _) => view! {
                    <p class="confirmation" id="bulk-confirmation">
                        {move || fill(&i18n.get().bulk_confirm, &[("action", action.get().label(i18n.get())), ("scope", &scope_text())])}
                    </p>
                }
                .into_any(),
            }}
            <div class="pane-actions" role="group" aria-labelledby="bulk-confirmation">
                <button type="button" class="button primary" disabled=move || busy.get() || counting() on:click=run>{i18n.text(|m| &m.yes)}</button>
                <button type="button" class="button" on:click=move |_| step.set(Step::Choose)>{i18n.text(|m| &m.no)}</button>
            </div>
        }
    };
    let done = move |result: BulkActionResult| {
        let m = i18n.get();
        let summary = fill(
            &m.bulk_result,
            &[
                ("action", action.get_untracked().label(m)),
                ("succeeded", &i18n.count(result.successful_device_count)),
                ("failed", &i18n.count(result.failed_device_count)),
                ("notFound", &i18n.count(result.not_found_device_count)),
                (
                    "notSupported",
                    &i18n.count(result.not_supported_device_count),
                ),
            ],
        );
        view! {
            <p class="bulk-result" role="status">{summary}</p>
            <div class="pane-actions">
                <button type="button" class="button" on:click=move |_| step.set(Step::Choose)>{m.run_another_action.to_string()}</button>
            </div>
        }
    };
    view! {
        {move || match step.get() {
            Step::Choose => choose().into_any(),
            Step::Confirm => confirm().into_any(),
            Step::Done(result) => done(result).into_any(),
        }}
    }
}
