//! The application schema: every scalar property of a device's `application` with its column in
//! the table the store builds from the device's applications, and its grid label.

use super::schema::{Property, PropertyKind, Schema};
use PropertyKind::{Boolean, DateTime, Enum, Integer, String};

const TYPES: &[&str] = &["application", "applicationGroup"];
const INSTALL_STATES: &[&str] = &[
    "available",
    "installed",
    "installing",
    "installRequested",
    "failed",
    "requirementsNotMet",
    "notInstalled",
    "restartPending",
    "required",
];
const DEPLOYMENT_INTENTS: &[&str] = &["required", "available"];
const TARGETS: &[&str] = &["device", "user"];

/// `GET …/managedDevices/{id}/applications`, in the grid's column order.
pub const APPLICATION: Schema = &[
    Property::new("name", "name", String, "Name"),
    Property::new("publisher", "publisher", String, "Publisher"),
    Property::new("version", "version", String, "Version"),
    Property::new(
        "installState",
        "install_state",
        Enum(INSTALL_STATES),
        "Status",
    ),
    Property::new(
        "deploymentIntent",
        "deployment_intent",
        Enum(DEPLOYMENT_INTENTS),
        "Deployment",
    ),
    Property::new("targetedTo", "targeted_to", Enum(TARGETS), "Targeted to"),
    Property::new("type", "application_type", Enum(TYPES), "Type"),
    Property::new(
        "isApprovalRequired",
        "is_approval_required",
        Boolean,
        "Approval required",
    ),
    Property::new(
        "deadlineDateTime",
        "deadline_date_time",
        DateTime,
        "Deadline",
    ),
    Property::new(
        "lastStateChangeDateTime",
        "last_state_change_date_time",
        DateTime,
        "Last state change",
    ),
    Property::new("errorCode", "error_code", Integer, "Error code"),
    Property::new("id", "id", String, "Application ID"),
];

/// The columns `$search` looks in: what the admin reads in the grid's first two columns.
pub const APPLICATION_SEARCH_COLUMNS: &[&str] = &["name", "publisher"];

#[cfg(test)]
mod tests {
    use super::*;
    use endpoint_admin_model::application::{
        ApplicationType, DeploymentIntent, InstallState, TargetedTo,
    };

    fn wire_names<T: Copy>(all: &[T], wire: fn(T) -> &'static str) -> Vec<&'static str> {
        all.iter().map(|value| wire(*value)).collect()
    }

    #[test]
    fn the_enums_allow_exactly_the_models_wire_names() {
        assert_eq!(
            INSTALL_STATES,
            wire_names(InstallState::ALL, InstallState::wire_name)
        );
        assert_eq!(
            DEPLOYMENT_INTENTS,
            wire_names(DeploymentIntent::ALL, DeploymentIntent::wire_name)
        );
        assert_eq!(TARGETS, wire_names(TargetedTo::ALL, TargetedTo::wire_name));
        assert_eq!(
            TYPES,
            wire_names(ApplicationType::ALL, ApplicationType::wire_name)
        );
    }
}
