//! The pipeline's queue as both stores keep it: a claimed hop.

use crate::pipeline::hop::HopFacts;

/// A hop a worker has claimed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimedHop {
    pub seq: i64,
    /// The device's `seq`.
    pub device_seq: i64,
    /// The request's options as JSON (a new name, wipe's options).
    pub parameters: Option<String>,
    pub facts: HopFacts,
}
