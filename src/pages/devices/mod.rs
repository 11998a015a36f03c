//! The Devices area.

mod all_devices;
mod device;
mod overview;

pub use all_devices::AllDevices;
pub use device::DeviceOverview;
pub use overview::DevicesOverview;
