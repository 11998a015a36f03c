//! Applications deployed to a Configuration Manager device (tenant-attach extension of Graph).

use serde::{Deserialize, Serialize};

/// `installState` of an application on a device, with the admin center's *Status* label.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum InstallState {
    Available,
    Installed,
    Installing,
    InstallRequested,
    Failed,
    RequirementsNotMet,
    NotInstalled,
    RestartPending,
    Required,
}

impl InstallState {
    pub const ALL: [InstallState; 9] = [
        InstallState::Available,
        InstallState::Installed,
        InstallState::Installing,
        InstallState::InstallRequested,
        InstallState::Failed,
        InstallState::RequirementsNotMet,
        InstallState::NotInstalled,
        InstallState::RestartPending,
        InstallState::Required,
    ];

    pub fn label(self) -> &'static str {
        match self {
            InstallState::Available => "Available",
            InstallState::Installed => "Installed",
            InstallState::Installing => "Installing",
            InstallState::InstallRequested => "Install requested",
            InstallState::Failed => "Failed",
            InstallState::RequirementsNotMet => "Requirements not met",
            InstallState::NotInstalled => "Not installed",
            InstallState::RestartPending => "Restart pending",
            InstallState::Required => "Required",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum DeploymentIntent {
    Required,
    Available,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum TargetedTo {
    Device,
    User,
}
