//! `GET /beta/deviceManagement/managedDeviceOverview`: the counts of the Devices overview page.

use serde::{Deserialize, Serialize};

use crate::device::{ComplianceState, ManagedBy, ManagementState};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct ManagedDeviceOverview {
    pub enrolled_device_count: u64,
    pub managed_by_counts: Vec<CountOf<ManagedBy>>,
    pub compliance_state_counts: Vec<CountOf<ComplianceState>>,
    pub operating_system_counts: Vec<CountOf<String>>,
    /// By *Device state*: a Retire or Wipe shows here at once, as *Retire pending*.
    #[serde(default)]
    pub management_state_counts: Vec<CountOf<ManagementState>>,
}

/// How many devices have `value`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CountOf<T> {
    pub value: T,
    pub count: u64,
}
