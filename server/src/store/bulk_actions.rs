//! Bulk actions by query as both stores run them: what they came to, and which devices can take
//! an action, in SQL.

use endpoint_admin_model::device::ManagementAgent;
use endpoint_admin_model::device_action::{ActionFamily, DeviceActionName};

/// What a bulk action by query did, or would have done.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BulkCounts {
    /// Every device the view matches.
    pub matching: u64,
    pub successful: u64,
    pub failed: u64,
    pub not_supported: u64,
}

/// The SQL twin of `DeviceActionName::supports`.
pub(super) fn supported_condition(action: DeviceActionName) -> String {
    let agents: Vec<String> = ManagementAgent::ALL
        .iter()
        .filter(|agent| action.supports(**agent))
        .map(|agent| format!("'{}'", agent.wire_name()))
        .collect();
    format!("management_agent IN ({})", agents.join(", "))
}

/// The SQL twin of the refusals of `device_action::refusal` other than "not supported".
pub(super) fn failing_condition(action: DeviceActionName) -> &'static str {
    match (action, action.family()) {
        (DeviceActionName::Delete | DeviceActionName::SyncDevice, _) => "false",
        (_, ActionFamily::ConfigurationManager) => {
            "coalesce(cm_is_blocked, false) OR management_state IN ('retirePending', 'wipePending')"
        }
        (_, ActionFamily::Intune) => "management_state IN ('retirePending', 'wipePending')",
    }
}
