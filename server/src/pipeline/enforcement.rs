//! What the ConfigMgr client's enforcement of an application action comes to: the same for a
//! given application on a given device every time (its id is unique to both), so a demo, a test
//! and a second server agree.

use endpoint_admin_model::application::{ApplicationActionName, InstallState};
use sha2::{Digest, Sha256};

/// The application's state once the client has run the action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Enforced {
    pub install_state: InstallState,
    /// The client's enforcement error; 0 when there is none.
    pub error_code: i64,
}

/// Errors an install can end with, as the client reports them.
pub const INSTALL_ERRORS: [i64; 4] = [
    0x87D0_0607, // content not found
    0x8007_0643, // fatal error during installation
    0x87D1_041C, // the application was not detected after installation completed
    0x8007_0652, // another installation is already in progress
];

/// `None` for Re-evaluate, which only reads the state again.
pub fn enforce(action: ApplicationActionName, application_id: &str) -> Option<Enforced> {
    let roll = Sha256::digest(application_id.as_bytes());
    let (percent, error) = (
        roll[0] % 100,
        INSTALL_ERRORS[usize::from(roll[1]) % INSTALL_ERRORS.len()],
    );
    let state = |install_state, error_code| {
        Some(Enforced {
            install_state,
            error_code,
        })
    };
    match action {
        ApplicationActionName::Reevaluate => None,
        ApplicationActionName::Uninstall => state(InstallState::NotInstalled, 0),
        ApplicationActionName::Repair => state(InstallState::Installed, 0),
        ApplicationActionName::Install | ApplicationActionName::Reinstall => match percent {
            0..10 => state(InstallState::Failed, error),
            10..16 => state(InstallState::RequirementsNotMet, 0),
            _ => state(InstallState::Installed, 0),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_app_always_ends_the_same_way() {
        let id = "6f1c2a3b-0000-4000-8000-000000000001";
        assert_eq!(
            enforce(ApplicationActionName::Install, id),
            enforce(ApplicationActionName::Install, id)
        );
    }

    #[test]
    fn installs_mostly_succeed_some_fail_with_a_real_code_some_miss_requirements() {
        let outcomes: Vec<Enforced> = (0..1000)
            .filter_map(|n| enforce(ApplicationActionName::Install, &format!("app-{n}")))
            .collect();
        let count = |state| outcomes.iter().filter(|o| o.install_state == state).count();
        assert!((780..900).contains(&count(InstallState::Installed)));
        assert!((60..140).contains(&count(InstallState::Failed)));
        assert!((30..90).contains(&count(InstallState::RequirementsNotMet)));
        for outcome in &outcomes {
            let failed = outcome.install_state == InstallState::Failed;
            assert_eq!(failed, outcome.error_code != 0, "{outcome:?}");
            assert!(!failed || INSTALL_ERRORS.contains(&outcome.error_code));
        }
        assert!(outcomes.iter().any(|o| o.error_code == 0x87D0_0607));
    }

    #[test]
    fn uninstall_repair_and_reevaluate() {
        let uninstalled = enforce(ApplicationActionName::Uninstall, "a").unwrap();
        assert_eq!(uninstalled.install_state, InstallState::NotInstalled);
        let repaired = enforce(ApplicationActionName::Repair, "a").unwrap();
        assert_eq!(repaired.install_state, InstallState::Installed);
        assert_eq!(enforce(ApplicationActionName::Reevaluate, "a"), None);
    }
}
