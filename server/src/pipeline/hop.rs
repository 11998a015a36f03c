//! What one hop of the pipeline does to an action: a pure function of where the action stands
//! and what the site knows, so every case is a table test.

use endpoint_admin_model::{
    application::ApplicationActionName,
    device_action::{ActionFamily, DeviceActionName, PipelineStage},
};

/// What travels through the pipeline: an action on the device, or an action on one of its
/// applications (which goes to the ConfigMgr client the way a ConfigMgr action does).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PipelineAction {
    Device(DeviceActionName),
    Application(ApplicationActionName),
}

impl PipelineAction {
    /// The action of a job's `action_name`.
    pub fn from_wire_name(name: &str) -> Option<PipelineAction> {
        DeviceActionName::from_wire_name(name)
            .map(PipelineAction::Device)
            .or_else(|| {
                ApplicationActionName::from_pipeline_name(name).map(PipelineAction::Application)
            })
    }

    pub fn family(self) -> ActionFamily {
        match self {
            PipelineAction::Device(action) => action.family(),
            PipelineAction::Application(_) => ActionFamily::ConfigurationManager,
        }
    }
}

/// What a hop needs to know, read when the hop is claimed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HopFacts {
    pub action: PipelineAction,
    /// The hop to run.
    pub stage: PipelineStage,
    /// The device's ConfigMgr client is online; `None` when the device has left the tenant.
    pub client_online: Option<bool>,
    /// The site has discovered the requesting account (synchronised from Active Directory).
    pub requester_known_to_site: bool,
}

/// The hop's outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Hop {
    /// Service connection point: validated, authorized, forwarded to the management point.
    Forwarded,
    /// Service connection point: the site does not know the account; the action fails.
    Unauthorized,
    /// Management point: the push task went out to the online client.
    Pushed,
    /// Management point: the client is offline; the push waits until it is online.
    WaitingForClient,
    /// Client: the task ran and the client answered; the action is done.
    Answered,
    /// Intune: the device checked in and applied the action; the action is done.
    CheckedIn,
    /// The device has left the tenant; the action can never finish.
    DeviceGone,
}

pub fn run(facts: &HopFacts) -> Hop {
    let Some(online) = facts.client_online else {
        return Hop::DeviceGone;
    };
    match (facts.action.family(), facts.stage) {
        (ActionFamily::Intune, _) | (_, PipelineStage::CheckIn) => Hop::CheckedIn,
        (_, PipelineStage::ServiceConnectionPoint) if facts.requester_known_to_site => {
            Hop::Forwarded
        }
        (_, PipelineStage::ServiceConnectionPoint) => Hop::Unauthorized,
        (_, PipelineStage::ManagementPoint) if online => Hop::Pushed,
        (_, PipelineStage::ManagementPoint) => Hop::WaitingForClient,
        (_, PipelineStage::Client) => Hop::Answered,
    }
}

impl Hop {
    /// The hop that follows, if any.
    pub fn next_stage(self) -> Option<PipelineStage> {
        match self {
            Hop::Forwarded => Some(PipelineStage::ManagementPoint),
            Hop::Pushed => Some(PipelineStage::Client),
            Hop::WaitingForClient => Some(PipelineStage::ManagementPoint),
            Hop::Unauthorized | Hop::Answered | Hop::CheckedIn | Hop::DeviceGone => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(stage: PipelineStage, online: Option<bool>, known: bool) -> HopFacts {
        HopFacts {
            action: PipelineAction::Device(DeviceActionName::RefreshMachinePolicy),
            stage,
            client_online: online,
            requester_known_to_site: known,
        }
    }

    #[test]
    fn every_hop_of_the_tenant_attach_pipeline() {
        use PipelineStage::*;
        for (stage, online, known, expected) in [
            (ServiceConnectionPoint, Some(true), true, Hop::Forwarded),
            (ServiceConnectionPoint, Some(false), true, Hop::Forwarded),
            (ServiceConnectionPoint, Some(true), false, Hop::Unauthorized),
            (ManagementPoint, Some(true), true, Hop::Pushed),
            (ManagementPoint, Some(false), true, Hop::WaitingForClient),
            (Client, Some(true), true, Hop::Answered),
            (ServiceConnectionPoint, None, true, Hop::DeviceGone),
            (ManagementPoint, None, true, Hop::DeviceGone),
        ] {
            assert_eq!(
                run(&facts(stage, online, known)),
                expected,
                "{stage:?} {online:?} {known}"
            );
        }
    }

    #[test]
    fn an_offline_clients_action_stays_at_the_management_point() {
        assert_eq!(
            Hop::WaitingForClient.next_stage(),
            Some(PipelineStage::ManagementPoint)
        );
        assert_eq!(
            Hop::Forwarded.next_stage(),
            Some(PipelineStage::ManagementPoint)
        );
        assert_eq!(Hop::Pushed.next_stage(), Some(PipelineStage::Client));
        assert_eq!(Hop::Answered.next_stage(), None);
        assert_eq!(Hop::Unauthorized.next_stage(), None);
    }

    #[test]
    fn intune_actions_are_applied_at_the_check_in_whatever_the_site_knows() {
        let facts = HopFacts {
            action: PipelineAction::Device(DeviceActionName::SyncDevice),
            stage: PipelineStage::CheckIn,
            client_online: Some(false),
            requester_known_to_site: false,
        };
        assert_eq!(run(&facts), Hop::CheckedIn);
    }
}
