//! The device's action bar: the ConfigMgr actions (**Sync machine policy**, **Sync user policy**,
//! **App evaluation cycle**, the rest under **More actions**) for devices with a ConfigMgr client,
//! Intune's (**Sync**, **Restart**, **Rename device**, **Retire**, **Wipe**, **Delete**) for
//! Intune-managed ones; each confirmed first. What the user may not run is disabled, never
//! hidden, with the reason as its description.

use endpoint_admin_model::{
    device_action::{ActionFamily, DeviceActionName, WipeOptions, device_name_problem, refusal},
    i18n::fill,
};
use leptos::{ev, prelude::*};
use leptos_router::hooks::use_navigate;

use super::{action_status::ActionResults, use_device};
use crate::{
    api::{ApiError, use_api},
    components::{
        ConfirmDialog, CurrentUser, FormError, Shown, WipeOptionsFields, failure_text,
        notifications::use_notifications,
    },
    i18n::use_i18n,
    last_view,
    pages::devices::bulk_actions::role_refusal,
};

const CONFIGURATION_MANAGER: [DeviceActionName; 3] = [
    DeviceActionName::RefreshMachinePolicy,
    DeviceActionName::RefreshUserPolicy,
    DeviceActionName::AppEvaluation,
];

const MORE_CONFIGURATION_MANAGER: [DeviceActionName; 4] = [
    DeviceActionName::WakeUpClient,
    DeviceActionName::QuickScan,
    DeviceActionName::FullScan,
    DeviceActionName::WindowsDefenderUpdateSignatures,
];

const INTUNE: [DeviceActionName; 6] = [
    DeviceActionName::SyncDevice,
    DeviceActionName::RebootNow,
    DeviceActionName::SetDeviceName,
    DeviceActionName::Retire,
    DeviceActionName::Wipe,
    DeviceActionName::Delete,
];

#[component]
pub fn ActionBar(results: ActionResults) -> impl IntoView {
    let i18n = use_i18n();
    let device = use_device().device;
    let me = use_context::<CurrentUser>();
    let Some(first) = device.get_untracked() else {
        return ().into_any();
    };
    let agent = first.management_agent;
    let asking = RwSignal::new(None::<DeviceActionName>);
    // Why `action` is disabled, if it is: the role first, then the device's state.
    let why_not = move |action: DeviceActionName| -> Option<String> {
        let m = i18n.get();
        let Some(me) = me.and_then(|me| me.get()?.ok()) else {
            return Some(m.checking_role.to_string());
        };
        if !me.may(action.permission()) {
            return Some(role_refusal(m, &me, action.label(m)));
        }
        device.with(|device| {
            let device = device.as_ref()?;
            refusal(action, device).map(|refusal| refusal.message(m, action, device))
        })
    };
    let button = move |action: DeviceActionName| {
        view! { <ActionButton action why_not=Signal::derive(move || why_not(action)) asking /> }
    };
    let has_client = agent.has_configuration_manager_client();
    let offered: Vec<DeviceActionName> = DeviceActionName::ALL
        .into_iter()
        .filter(|action| action.supports(agent))
        .collect();
    view! {
        <div class="command-bar" role="toolbar" aria-label=i18n.text(|m| &m.device_actions)>
            {has_client.then(|| CONFIGURATION_MANAGER.map(button).collect_view())}
            {has_client.then(|| view! { <MoreActions why_not=Callback::new(why_not) asking /> })}
            {agent.is_intune_managed().then(|| INTUNE.map(button).collect_view())}
        </div>
        // The reasons the buttons are described by (a menu may hold only its items).
        <div class="visually-hidden">
            {offered
                .into_iter()
                .map(|action| view! { <span id=format!("why-not-{}", action.wire_name())>{move || why_not(action)}</span> })
                .collect_view()}
        </div>
        {move || asking.get().map(|action| view! { <ActionDialog action results asking /> })}
    }
    .into_any()
}

/// A command of the bar; disabled with `why_not` as its description.
#[component]
fn ActionButton(
    action: DeviceActionName,
    why_not: Signal<Option<String>>,
    asking: RwSignal<Option<DeviceActionName>>,
    #[prop(optional)] menu_item: bool,
) -> impl IntoView {
    let reason_id = format!("why-not-{}", action.wire_name());
    let i18n = use_i18n();
    view! {
        <button
            type="button"
            class="command"
            role=menu_item.then_some("menuitem")
            disabled=move || why_not.with(Option::is_some)
            aria-describedby=move || why_not.with(Option::is_some).then(|| reason_id.clone())
            title=move || why_not.get()
            on:click=move |_| asking.set(Some(action))
        >
            {move || action.label(i18n.get()).to_string()}
        </button>
    }
}

/// **More actions**: the ConfigMgr actions the bar has no room for.
#[component]
fn MoreActions(
    why_not: Callback<DeviceActionName, Option<String>>,
    asking: RwSignal<Option<DeviceActionName>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let open = RwSignal::new(false);
    let close_on_escape = move |event: ev::KeyboardEvent| {
        if event.key() == "Escape" {
            open.set(false);
        }
    };
    view! {
        <div class="menu-anchor" on:keydown=close_on_escape>
            <button
                type="button"
                class="command"
                aria-haspopup="menu"
                aria-expanded=move || open.get().to_string()
                on:click=move |_| open.update(|open| *open = !*open)
            >
                {i18n.text(|m| &m.more_actions)}
            </button>
            <Shown when=move || open.get()>
                <div class="account-menu" role="menu" aria-label=i18n.text(|m| &m.more_actions) on:click=move |_| open.set(false)>
                    {MORE_CONFIGURATION_MANAGER
                        .map(|action| view! {
                            <ActionButton action why_not=Signal::derive(move || why_not.run(action)) asking menu_item=true />
                        })
                        .collect_view()}
                </div>
            </Shown>
        </div>
    }
}

/// The confirmation of `action`, with what it needs (a new name, wipe's options); on **Yes**
/// the request, then a notification and the action's status.
#[component]
fn ActionDialog(
    action: DeviceActionName,
    results: ActionResults,
    asking: RwSignal<Option<DeviceActionName>>,
) -> impl IntoView {
    let context = use_device();
    let Some(device) = context.device.get_untracked() else {
        return ().into_any();
    };
    let (api, notifications, navigate) = (use_api(), use_notifications(), use_navigate());
    let i18n = use_i18n();
    let m = i18n.get_untracked();
    let new_name = RwSignal::new(String::new());
    let typed = RwSignal::new(false);
    let wipe_options = RwSignal::new(WipeOptions::default());
    let operating_system = device.operating_system.clone();
    let problem = Signal::derive(move || {
        (action == DeviceActionName::SetDeviceName)
            .then(|| new_name.with(|name| device_name_problem(i18n.get(), name, &operating_system)))
            .flatten()
    });
    let device_id = device.id.clone();
    let device_name = device.device_name.clone();
    // On success: a notification, and the device's state and action status asked again (or,
    // for Delete, back to All devices).
    let run = Action::new_local(move |(): &()| {
        let (id, name, navigate) = (device_id.clone(), device_name.clone(), navigate.clone());
        let (new_name, wipe) = (new_name.get_untracked(), wipe_options.get_untracked());
        async move {
            api.run_device_action(&id, action, &new_name, wipe).await?;
            let m = i18n.get_untracked();
            if action == DeviceActionName::Delete {
                notifications.notify(fill(&m.device_deleted, &[("device", &name)]));
                navigate(&last_view::all_devices(), Default::default());
            } else {
                asking.set(None);
                let sent = match action.family() {
                    ActionFamily::ConfigurationManager => &m.action_sent_to_site,
                    ActionFamily::Intune => &m.action_sent,
                };
                notifications.notify(fill(
                    sent,
                    &[("action", action.label(m)), ("device", &name)],
                ));
                results.refresh();
                context.refetch();
            }
            Ok::<(), ApiError>(())
        }
    });
    view! {
        <ConfirmDialog
            title=action.label(m).to_string()
            question=action.confirmation(m, &device.device_name)
            problem
            busy=run.pending()
            on_yes=move |_| {
                run.dispatch_local(());
            }
            on_no=move |_| asking.set(None)
        >
            {(action == DeviceActionName::SetDeviceName).then(|| view! {
                <label class="field">
                    {m.new_device_name.to_string()}
                    <input
                        type="text"
                        aria-describedby="rename-rules rename-problem"
                        aria-invalid=move || (typed.get() && problem.with(Option::is_some)).to_string()
                        prop:value=move || new_name.get()
                        on:input:target=move |event| {
                            typed.set(true);
                            new_name.set(event.target().value());
                        }
                    />
                </label>
                <p class="form-note" id="rename-rules">
                    {m.rename_rules.to_string()}
                </p>
                <p class="form-error" id="rename-problem" aria-live="polite">
                    {move || typed.get().then(|| problem.get()).flatten()}
                </p>
            })}
            {(action == DeviceActionName::Wipe).then(|| view! {
                <WipeOptionsFields options=wipe_options />
            })}
            <FormError message=failure_text(i18n, run) />
        </ConfirmDialog>
    }
    .into_any()
}
