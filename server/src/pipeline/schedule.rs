//! When an action's first hop falls due: ConfigMgr actions and Intune's pushed actions one hop
//! delay after they are accepted; Retire and Wipe at the device's next scheduled check-in.

use chrono::{DateTime, Utc};
use endpoint_admin_model::device_action::{
    ActionFamily, ActionState, DeviceActionName, PipelineStage,
};

/// Intune devices check in every eight hours unless asked to (Sync).
pub const CHECK_IN_INTERVAL_SECONDS: i64 = 8 * 60 * 60;

/// Where a newly accepted action starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FirstHop {
    pub state: ActionState,
    pub stage: Option<PipelineStage>,
    /// Unix milliseconds.
    pub due_at: Option<i64>,
}

pub fn first_hop(
    action: DeviceActionName,
    last_sync: DateTime<Utc>,
    now_ms: i64,
    hop_delay_ms: i64,
) -> FirstHop {
    let (stage, due_at) = match action {
        DeviceActionName::Delete => {
            return FirstHop {
                state: ActionState::Done,
                stage: None,
                due_at: None,
            };
        }
        DeviceActionName::Retire | DeviceActionName::Wipe => (
            PipelineStage::CheckIn,
            next_scheduled_check_in(last_sync, now_ms),
        ),
        action if action.family() == ActionFamily::ConfigurationManager => {
            (PipelineStage::ServiceConnectionPoint, now_ms + hop_delay_ms)
        }
        _ => (PipelineStage::CheckIn, now_ms + hop_delay_ms),
    };
    FirstHop {
        state: ActionState::Pending,
        stage: Some(stage),
        due_at: Some(due_at),
    }
}

/// Where a newly accepted application action starts: at the service connection point, one hop
/// delay later, like a ConfigMgr action.
pub fn first_application_hop(now_ms: i64, hop_delay_ms: i64) -> FirstHop {
    FirstHop {
        state: ActionState::Pending,
        stage: Some(PipelineStage::ServiceConnectionPoint),
        due_at: Some(now_ms + hop_delay_ms),
    }
}

/// The device's next check-in after `now_ms`, every [`CHECK_IN_INTERVAL_SECONDS`] from its last,
/// in Unix milliseconds. The store computes the same in SQL for bulk actions.
pub fn next_scheduled_check_in(last_sync: DateTime<Utc>, now_ms: i64) -> i64 {
    let last = last_sync.timestamp();
    let now = now_ms.div_euclid(1000);
    let intervals = (now - last).div_euclid(CHECK_IN_INTERVAL_SECONDS) + 1;
    (last + intervals * CHECK_IN_INTERVAL_SECONDS) * 1000
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW_MS: i64 = 1_790_000_000_000;

    fn seconds_ago(seconds: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(NOW_MS / 1000 - seconds, 0).unwrap()
    }

    #[test]
    fn configuration_manager_actions_start_at_the_service_connection_point_one_delay_later() {
        let hop = first_hop(
            DeviceActionName::AppEvaluation,
            seconds_ago(60),
            NOW_MS,
            1500,
        );
        assert_eq!(hop.state, ActionState::Pending);
        assert_eq!(hop.stage, Some(PipelineStage::ServiceConnectionPoint));
        assert_eq!(hop.due_at, Some(NOW_MS + 1500));
    }

    #[test]
    fn pushed_intune_actions_reach_the_device_one_delay_later() {
        for action in [
            DeviceActionName::SyncDevice,
            DeviceActionName::RebootNow,
            DeviceActionName::SetDeviceName,
        ] {
            let hop = first_hop(action, seconds_ago(60), NOW_MS, 1500);
            assert_eq!(hop.stage, Some(PipelineStage::CheckIn));
            assert_eq!(hop.due_at, Some(NOW_MS + 1500));
        }
    }

    #[test]
    fn retire_and_wipe_wait_for_the_next_scheduled_check_in() {
        let hop = first_hop(DeviceActionName::Retire, seconds_ago(60), NOW_MS, 1500);
        assert_eq!(hop.state, ActionState::Pending);
        assert_eq!(
            hop.due_at,
            Some(NOW_MS - 60_000 + CHECK_IN_INTERVAL_SECONDS * 1000)
        );
        let overdue = seconds_ago(CHECK_IN_INTERVAL_SECONDS * 3 + 10);
        assert_eq!(
            next_scheduled_check_in(overdue, NOW_MS),
            NOW_MS + (CHECK_IN_INTERVAL_SECONDS - 10) * 1000
        );
    }

    #[test]
    fn delete_is_done_at_once() {
        let hop = first_hop(DeviceActionName::Delete, seconds_ago(60), NOW_MS, 1500);
        assert_eq!(hop.state, ActionState::Done);
        assert_eq!(hop.stage, None);
        assert_eq!(hop.due_at, None);
    }
}
