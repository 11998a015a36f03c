//! The Devices area.

mod all_devices;
mod overview;

pub use all_devices::AllDevices;
pub use overview::DevicesOverview;
