//! How numbers are shown: counts with thousands separators, like the admin center.

use endpoint_admin_model::BoundedCount;

/// `12345` → `"12,345"`.
pub fn count(value: u64) -> String {
    let digits = value.to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    grouped
}

/// A count as far as it is known: `"12,345"` when exact, `"10,000+"` when more match.
pub fn bounded_count(count: BoundedCount) -> String {
    if count.is_exact {
        self::count(count.count)
    } else {
        format!("{}+", self::count(count.count))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_get_thousands_separators() {
        assert_eq!(count(0), "0");
        assert_eq!(count(999), "999");
        assert_eq!(count(1000), "1,000");
        assert_eq!(count(12345), "12,345");
        assert_eq!(count(1_000_000), "1,000,000");
    }

    #[test]
    fn a_count_that_stopped_at_its_cap_says_more() {
        assert_eq!(bounded_count(BoundedCount::exact(12_345)), "12,345");
        assert_eq!(
            bounded_count(BoundedCount::up_to(10_001, 10_000)),
            "10,000+"
        );
        assert_eq!(bounded_count(BoundedCount::up_to(10_000, 10_000)), "10,000");
    }
}
