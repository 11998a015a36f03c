//! An action's id as the API and the site's logs show it: a version-7 GUID spelled from the
//! action's start time (the GUID's 48-bit timestamp) and 64 random bits stored as `id_bits`. A
//! bulk action over 100,000 devices draws its bits with SQLite's `random()` instead of formatting
//! 100,000 strings, and each row keeps 8 bytes instead of 36.

use uuid::Uuid;

/// The width of the GUID's `rand_b` field; `rand_a` has 12 bits, so 10 of the 64 appear in both.
const RAND_B_BITS: u32 = 62;

/// The GUID of the action that started at `started_ms` (Unix milliseconds) with `bits`.
pub(super) fn action_guid(started_ms: i64, bits: i64) -> String {
    let bits = bits as u64;
    let timestamp = (started_ms as u64 & 0xffff_ffff_ffff) as u128;
    let rand_a = (bits >> 52) as u128; // the top 12 bits
    let rand_b = (bits & ((1 << RAND_B_BITS) - 1)) as u128; // the low 62 bits
    Uuid::from_u128((timestamp << 80) | (0x7 << 76) | (rand_a << 64) | (0b10 << 62) | rand_b)
        .hyphenated()
        .to_string()
}

/// The start time and bits `guid` was spelled from; `None` for any other text.
pub(super) fn parse_action_guid(guid: &str) -> Option<(i64, i64)> {
    let value = Uuid::try_parse(guid).ok()?.as_u128();
    let version = (value >> 76) & 0xf;
    let variant = (value >> 62) & 0b11;
    let rand_a = ((value >> 64) & 0xfff) as u64;
    let rand_b = (value & ((1 << RAND_B_BITS) - 1)) as u64;
    // rand_a's 12 bits are the top of `bits`; rand_b's 62 the bottom, so 10 bits are in both.
    let overlap = (1_u64 << (RAND_B_BITS - 52)) - 1;
    if version != 7 || variant != 0b10 || (rand_b >> 52) != (rand_a & overlap) {
        return None;
    }
    let bits = (rand_a << 52) | (rand_b & ((1 << 52) - 1));
    Some(((value >> 80) as i64, bits as i64))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_action_guid_reads_back_as_the_time_and_bits_it_was_spelled_from() {
        for bits in [
            0,
            1,
            -1,
            i64::MIN,
            i64::MAX,
            0x0123_4567_89ab_cdef,
            -0x5555_5555,
        ] {
            let guid = action_guid(1_764_650_000_123, bits);
            assert_eq!(
                parse_action_guid(&guid),
                Some((1_764_650_000_123, bits)),
                "{guid}"
            );
        }
    }

    #[test]
    fn an_action_guid_is_a_version_7_guid_whose_timestamp_is_the_start() {
        let guid = action_guid(1_764_650_000_123, 0x0123_4567_89ab_cdef);
        let parsed = Uuid::parse_str(&guid).unwrap();
        assert_eq!(parsed.get_version_num(), 7);
        assert_eq!(parsed.get_variant(), uuid::Variant::RFC4122);
        let (seconds, nanos) = parsed.get_timestamp().unwrap().to_unix();
        assert_eq!((seconds, nanos / 1_000_000), (1_764_650_000, 123));
    }

    #[test]
    fn other_text_is_no_action_id() {
        let guid = action_guid(1_764_650_000_123, 42);
        let v4 = Uuid::new_v4().to_string();
        // The doubled bits disagree.
        let mut tampered = guid.clone().into_bytes();
        tampered[20] = if tampered[20] == b'a' { b'b' } else { b'a' };
        for text in [
            "",
            "not a guid",
            v4.as_str(),
            std::str::from_utf8(&tampered).unwrap(),
        ] {
            assert_eq!(parse_action_guid(text), None, "{text}");
        }
    }
}
