//! One module per page, a folder per area.

pub mod devices;
mod home;
mod not_found;
mod sign_in;
mod tenant_admin;

pub use home::Home;
pub use not_found::NotFound;
pub use sign_in::SignIn;
pub use tenant_admin::TenantAdmin;
