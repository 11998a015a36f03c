//! In-process tests of the API: one binary, one module per area.

mod common;
mod devices;
mod http;
mod mdm_authority;
mod sign_in;
mod tenant;
