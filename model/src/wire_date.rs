//! Dates on the wire, for `#[serde(with = "crate::wire_date")]`: written by chrono as ever
//! (`2026-11-22T14:03:09Z`, with a fraction when there is one), read by hand. chrono's RFC 3339
//! parser, which its `Deserialize` goes through, was 14 KB of the SPA for this one shape.

use std::fmt;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserializer, Serialize, Serializer, de};

pub fn serialize<S: Serializer>(value: &DateTime<Utc>, serializer: S) -> Result<S::Ok, S::Error> {
    value.serialize(serializer)
}

pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<DateTime<Utc>, D::Error> {
    deserializer.deserialize_str(WireDate)
}

/// The same for `Option<DateTime<Utc>>`: `null` on the wire for `None`.
pub mod option {
    use chrono::{DateTime, Utc};
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<S: Serializer>(
        value: &Option<DateTime<Utc>>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        value.serialize(serializer)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<DateTime<Utc>>, D::Error> {
        #[derive(Deserialize)]
        struct Wrapped(#[serde(with = "super")] DateTime<Utc>);
        Ok(Option::<Wrapped>::deserialize(deserializer)?.map(|Wrapped(date)| date))
    }
}

struct WireDate;

impl de::Visitor<'_> for WireDate {
    type Value = DateTime<Utc>;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("a UTC date and time such as 2026-11-22T14:03:09Z")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<DateTime<Utc>, E> {
        parse(text).ok_or_else(|| E::invalid_value(de::Unexpected::Str(text), &self))
    }
}

/// `YYYY-MM-DDTHH:MM:SS`, then an optional fraction of one to nine digits, then `Z`.
pub fn parse(text: &str) -> Option<DateTime<Utc>> {
    let (main, rest) = text.as_bytes().split_at_checked(19)?;
    let number = |digits: &[u8]| {
        digits.iter().try_fold(0u32, |value, &digit| {
            digit
                .is_ascii_digit()
                .then(|| value * 10 + u32::from(digit - b'0'))
        })
    };
    let separators = [(4, b'-'), (7, b'-'), (10, b'T'), (13, b':'), (16, b':')];
    if separators
        .iter()
        .any(|&(at, separator)| main[at] != separator)
    {
        return None;
    }
    let (fraction, zone) = match rest.split_first() {
        Some((b'.', tail)) => {
            let digits = tail.iter().take_while(|b| b.is_ascii_digit()).count();
            if !(1..=9).contains(&digits) {
                return None;
            }
            tail.split_at(digits)
        }
        _ => (&[][..], rest),
    };
    if zone != b"Z" {
        return None;
    }
    let nanoseconds = number(fraction)? * 10u32.pow(9 - fraction.len() as u32);
    NaiveDate::from_ymd_opt(
        number(&main[0..4])? as i32,
        number(&main[5..7])?,
        number(&main[8..10])?,
    )?
    .and_hms_nano_opt(
        number(&main[11..13])?,
        number(&main[14..16])?,
        number(&main[17..19])?,
        nanoseconds,
    )
    .map(|time| time.and_utc())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chrono_wrote(value: DateTime<Utc>) -> String {
        serde_json::to_string(&value)
            .unwrap()
            .trim_matches('"')
            .to_string()
    }

    #[test]
    fn reads_what_chrono_writes() {
        for value in [
            DateTime::from_timestamp(1_795_356_189, 0).unwrap(),
            DateTime::from_timestamp_millis(1_795_356_189_123).unwrap(),
            DateTime::from_timestamp(1_795_356_189, 120_000).unwrap(),
            DateTime::from_timestamp(1_795_356_189, 123_456_789).unwrap(),
            DateTime::UNIX_EPOCH,
            "0987-01-02T03:04:05Z".parse().unwrap(),
            "2024-02-29T23:59:59Z".parse().unwrap(),
        ] {
            let text = chrono_wrote(value);
            assert_eq!(parse(&text), Some(value), "{text}");
        }
        assert_eq!(
            chrono_wrote(DateTime::from_timestamp(1_795_356_189, 0).unwrap()),
            "2026-11-22T14:03:09Z"
        );
    }

    #[test]
    fn refuses_anything_else() {
        for text in [
            "",
            "2026-11-22T14:03:09",
            "2026-11-22 14:03:09Z",
            "2026-11-22T14:03:09+00:00",
            "2026-11-22T14:03:09.Z",
            "2026-11-22T14:03:09.1234567890Z",
            "2026-11-22T14:03:09ZZ",
            "2026-02-30T14:03:09Z",
            "2026-11-22T24:03:09Z",
            "2026-1x-22T14:03:09Z",
            "+2026-11-22T14:03:09Z",
            "2026-11-22T14:03:0éZ",
        ] {
            assert_eq!(parse(text), None, "{text}");
        }
    }

    #[test]
    fn a_field_round_trips_through_json() {
        #[derive(Debug, PartialEq, Serialize, serde::Deserialize)]
        struct Stamped {
            #[serde(with = "crate::wire_date")]
            at: DateTime<Utc>,
        }
        let stamped = Stamped {
            at: DateTime::from_timestamp(1_795_356_189, 0).unwrap(),
        };
        let json = serde_json::to_string(&stamped).unwrap();
        assert_eq!(json, r#"{"at":"2026-11-22T14:03:09Z"}"#);
        assert_eq!(serde_json::from_str::<Stamped>(&json).unwrap(), stamped);
        let error = serde_json::from_str::<Stamped>(r#"{"at":"yesterday"}"#).unwrap_err();
        assert!(
            error.to_string().contains("2026-11-22T14:03:09Z"),
            "{error}"
        );
    }
}
