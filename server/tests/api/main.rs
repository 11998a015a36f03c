//! In-process tests of the API: one binary, one module per area.

mod common;
mod http;
mod sign_in;
mod tenant;
