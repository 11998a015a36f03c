//! The pipeline's queue as both stores keep it: a claimed hop.

use endpoint_admin_model::application::ApplicationActionName;

use crate::pipeline::hop::{Hop, HopFacts, PipelineAction};

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

/// How both stores complete a batch of hops: the hops of each outcome together, by `seq`, in one
/// statement; an application action's answer one by one, as it changes the application too; and
/// the Intune check-ins (which change the device) left for the store to complete one by one.
pub(super) fn outcome_groups(hops: &[(ClaimedHop, Hop)]) -> OutcomeGroups<'_> {
    let grouped = [
        Hop::Forwarded,
        Hop::Unauthorized,
        Hop::Pushed,
        Hop::WaitingForClient,
        Hop::Answered,
        Hop::DeviceGone,
    ]
    .into_iter()
    .map(|outcome| {
        let seqs: Vec<i64> = hops
            .iter()
            .filter(|(claimed, hop)| *hop == outcome && application_answer(claimed, *hop).is_none())
            .map(|(claimed, _)| claimed.seq)
            .collect();
        (outcome, seqs)
    })
    .filter(|(_, seqs)| !seqs.is_empty())
    .collect();
    OutcomeGroups {
        grouped,
        application_answers: hops
            .iter()
            .filter_map(|(claimed, hop)| Some((claimed, application_answer(claimed, *hop)?)))
            .collect(),
        check_ins: hops
            .iter()
            .filter(|(_, hop)| *hop == Hop::CheckedIn)
            .map(|(claimed, _)| claimed)
            .collect(),
    }
}

/// A batch of hops as [`outcome_groups`] splits it.
pub(super) struct OutcomeGroups<'a> {
    pub grouped: Vec<(Hop, Vec<i64>)>,
    pub application_answers: Vec<(&'a ClaimedHop, ApplicationActionName)>,
    pub check_ins: Vec<&'a ClaimedHop>,
}

/// The application action a hop answered, if it is one.
fn application_answer(claimed: &ClaimedHop, hop: Hop) -> Option<ApplicationActionName> {
    match (hop, claimed.facts.action) {
        (Hop::Answered, PipelineAction::Application(action)) => Some(action),
        _ => None,
    }
}
