//! In-process tests of the API: one binary, one module per area.

mod common;
mod devices;
mod http;
mod sign_in;
mod tenant;
