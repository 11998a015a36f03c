//! Sign-in attempts are limited per account and per client address. They are counted from the
//! audit log's failed sign-ins, so that every server of a scaled-out tenant counts the same ones.

use chrono::{DateTime, Duration, Utc};

use crate::store::FailedSignIns;

/// Failed sign-ins of one account within [`WINDOW`] before further attempts are refused.
pub const FAILURES_PER_ACCOUNT: u32 = 5;

/// Failed sign-ins from one address within [`WINDOW`], whatever the accounts, before further
/// attempts from it are refused (one address guessing across many accounts). Higher than an
/// account's: many people may share an address (an office's NAT).
pub const FAILURES_PER_ADDRESS: u32 = 50;

/// How long a failed sign-in counts.
pub const WINDOW: Duration = Duration::minutes(15);

/// Seconds to wait before another attempt, when the failures since `now - WINDOW` reach a limit:
/// until the oldest failure that keeps the count at its limit leaves the window.
pub fn retry_after_seconds(failures: &FailedSignIns, now: DateTime<Utc>) -> Option<u64> {
    [
        (&failures.of_account, FAILURES_PER_ACCOUNT),
        (&failures.from_address, FAILURES_PER_ADDRESS),
    ]
    .into_iter()
    .filter_map(|(newest_first, limit)| newest_first.get(limit as usize - 1))
    .map(|at| (at + WINDOW.num_seconds() - now.timestamp()).max(1) as u64)
    .max()
}

/// "Try again in …" for a person, in English (the SPA says it in the user's language).
pub fn try_again_in(seconds: u64) -> String {
    endpoint_admin_model::auth::try_again_in(
        endpoint_admin_model::i18n::Messages::english(),
        seconds,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(seconds: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(seconds, 0).unwrap()
    }

    #[test]
    fn an_account_is_refused_from_its_fifth_failure_until_that_failure_is_fifteen_minutes_old() {
        let now = at(10_000);
        let four = FailedSignIns {
            of_account: vec![9_990, 9_980, 9_970, 9_960],
            from_address: vec![9_990, 9_980, 9_970, 9_960],
        };
        assert_eq!(retry_after_seconds(&four, now), None);
        let five = FailedSignIns {
            of_account: vec![9_990, 9_980, 9_970, 9_960, 9_500],
            ..four.clone()
        };
        assert_eq!(retry_after_seconds(&five, now), Some(9_500 + 900 - 10_000));
    }

    #[test]
    fn an_address_is_refused_after_fifty_failures_across_accounts() {
        let now = at(10_000);
        let failures = FailedSignIns {
            of_account: vec![9_999],
            from_address: (0..50).map(|i| 9_999 - i).collect(),
        };
        assert_eq!(
            retry_after_seconds(&failures, now),
            Some(9_950 + 900 - 10_000)
        );
    }

    #[test]
    fn the_wait_is_said_in_words() {
        assert_eq!(
            try_again_in(42),
            "Too many failed sign-ins. Try again in 42 seconds."
        );
        assert_eq!(
            try_again_in(60),
            "Too many failed sign-ins. Try again in 1 minute."
        );
        assert_eq!(
            try_again_in(61),
            "Too many failed sign-ins. Try again in 2 minutes."
        );
    }
}
