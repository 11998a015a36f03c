//! In-process tests of the API: one binary, one module per area.

mod applications;
mod authorization;
mod bulk_actions;
mod common;
mod device_actions;
mod devices;
mod graph_compatibility;
mod http;
mod mdm_authority;
mod metadata;
mod openapi;
mod pipeline;
mod sign_in;
mod tenant;
