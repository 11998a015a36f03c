//! The Devices area.

mod all_devices;
pub mod bulk_actions;
mod device;
mod overview;

pub use all_devices::AllDevices;
pub use device::{DeviceApplications, DeviceOverview, DevicePage};
pub use overview::DevicesOverview;
