//! Calendar arithmetic for due dates. The core never reads a clock: "today" is always passed in.

use crate::json::Quoted;
use time::{Date, Month};

/// `date` plus `months` calendar months, clamped to the end of the target month:
/// Jan 31 + 1 month = Feb 28 (Feb 29 in a leap year); Mar 31 + 1 month = Apr 30.
///
/// Each due date of a plan is computed from the order date, never chained from the previous due
/// date, so an order on Jan 31 falls due on Feb 28, Mar 31, Apr 30, … and does not drift to the 28th.
/// Returns `None` past the year 9999.
pub fn add_months(date: Date, months: u32) -> Option<Date> {
    let zero_based = i64::from(date.month() as u8 - 1) + i64::from(months);
    let year = i64::from(date.year()) + zero_based.div_euclid(12);
    let month = Month::try_from(u8::try_from(zero_based.rem_euclid(12) + 1).ok()?).ok()?;
    let year = i32::try_from(year).ok()?;
    let day = date.day().min(time::util::days_in_month(month, year));
    Date::from_calendar_date(year, month, day).ok()
}

/// Whole days from `earlier` to `later` (negative if `later` is before `earlier`).
pub fn days_between(earlier: Date, later: Date) -> i64 {
    (later - earlier).whole_days()
}

/// A date or date-time in the contract that is not in its format.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateError(&'static str);

impl std::fmt::Display for DateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0)
    }
}

impl std::error::Error for DateError {}

/// The number written in `text[range]` (ASCII digits only).
fn digits(text: &[u8], range: std::ops::Range<usize>) -> Option<u32> {
    let part = text.get(range)?;
    if part.is_empty() || !part.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(part.iter().fold(0, |n, d| n * 10 + u32::from(d - b'0')))
}

/// Serde for calendar dates as ISO 8601 `YYYY-MM-DD` (RFC 3339 full-date). Read and written by
/// hand: the contract has two date formats, and `time`'s format-description machinery would add
/// its parser and formatter to every module of the widget.
pub mod iso_date {
    use serde::{Deserialize, Deserializer, Serializer};
    use time::{Date, Month};

    use super::{DateError, Quoted, digits};

    pub fn format(date: Date) -> String {
        format!("{:04}-{:02}-{:02}", date.year(), u8::from(date.month()), date.day())
    }

    pub fn parse(text: &str) -> Result<Date, DateError> {
        parse_bytes(text.as_bytes())
    }

    pub(super) fn parse_bytes(text: &[u8]) -> Result<Date, DateError> {
        let form = DateError("not a YYYY-MM-DD date");
        if text.len() != 10 || text.get(4) != Some(&b'-') || text.get(7) != Some(&b'-') {
            return Err(form);
        }
        let (Some(year), Some(month), Some(day)) = (digits(text, 0..4), digits(text, 5..7), digits(text, 8..10)) else {
            return Err(form);
        };
        let month = u8::try_from(month).ok().and_then(|m| Month::try_from(m).ok()).ok_or(DateError("no such month"))?;
        let (Ok(year), Ok(day)) = (i32::try_from(year), u8::try_from(day)) else {
            return Err(form);
        };
        Date::from_calendar_date(year, month, day).map_err(|_| DateError("no such day in that month"))
    }

    pub fn serialize<S: Serializer>(date: &Date, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&format(*date))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Date, D::Error> {
        let text = String::deserialize(deserializer)?;
        parse(&text).map_err(|e| serde::de::Error::custom(format!("{} is not a YYYY-MM-DD date: {e}", Quoted(&text))))
    }

    /// The same for `Option<Date>` (`null` when absent).
    pub mod option {
        use super::*;

        pub fn serialize<S: Serializer>(date: &Option<Date>, serializer: S) -> Result<S::Ok, S::Error> {
            match date {
                Some(d) => super::serialize(d, serializer),
                None => serializer.serialize_none(),
            }
        }

        pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Date>, D::Error> {
            Option::<String>::deserialize(deserializer)?
                .map(|text| {
                    parse(&text).map_err(|e| {
                        serde::de::Error::custom(format!("{} is not a YYYY-MM-DD date: {e}", Quoted(&text)))
                    })
                })
                .transpose()
        }
    }
}

/// Serde for instants as RFC 3339 date-times (`2026-11-23T10:00:00+08:00`, `…T02:00:00.5Z`),
/// written as `time`'s `Rfc3339` writes them (fractional seconds without trailing zeros, `Z` for
/// UTC) and read strictly (seconds required, at most nine fractional digits, `T`/`Z` in either case).
pub mod rfc3339 {
    use serde::{Deserialize, Deserializer, Serializer};
    use time::{OffsetDateTime, Time, UtcOffset};

    use super::{DateError, Quoted, digits, iso_date};

    pub fn format(at: OffsetDateTime) -> String {
        let mut text =
            format!("{}T{:02}:{:02}:{:02}", iso_date::format(at.date()), at.hour(), at.minute(), at.second());
        if at.nanosecond() != 0 {
            let fraction = format!("{:09}", at.nanosecond());
            text.push('.');
            text.push_str(fraction.trim_end_matches('0'));
        }
        let offset = at.offset();
        if offset.is_utc() {
            text.push('Z');
        } else {
            let sign = if offset.is_negative() { '-' } else { '+' };
            text.push_str(&format!(
                "{sign}{:02}:{:02}",
                offset.whole_hours().unsigned_abs(),
                offset.minutes_past_hour().unsigned_abs()
            ));
        }
        text
    }

    pub fn parse(text: &str) -> Result<OffsetDateTime, DateError> {
        let form = DateError("not an RFC 3339 date-time such as 2026-11-23T10:00:00+08:00");
        let b = text.as_bytes();
        let date = iso_date::parse_bytes(b.get(..10).ok_or(form.clone())?)?;
        if !matches!(b.get(10), Some(b'T' | b't')) || b.get(13) != Some(&b':') || b.get(16) != Some(&b':') {
            return Err(form);
        }
        let (Some(hour), Some(minute), Some(second)) = (digits(b, 11..13), digits(b, 14..16), digits(b, 17..19)) else {
            return Err(form);
        };
        let mut at = 19;
        let mut nanos = 0u32;
        if b.get(at) == Some(&b'.') {
            let count = b.get(at + 1..).unwrap_or_default().iter().take_while(|c| c.is_ascii_digit()).count();
            if count == 0 || count > 9 {
                return Err(form);
            }
            nanos = digits(b, at + 1..at + 1 + count).ok_or(form.clone())? * 10u32.pow(9 - count as u32);
            at += 1 + count;
        }
        let offset = match b.get(at..) {
            Some(b"Z" | b"z") => UtcOffset::UTC,
            Some(rest)
                if rest.len() == 6 && matches!(rest.first(), Some(b'+' | b'-')) && rest.get(3) == Some(&b':') =>
            {
                let (Some(h), Some(m)) = (digits(rest, 1..3), digits(rest, 4..6)) else {
                    return Err(form);
                };
                let sign = if rest.first() == Some(&b'-') { -1 } else { 1 };
                let (Ok(h), Ok(m)) = (i8::try_from(h), i8::try_from(m)) else {
                    return Err(form);
                };
                UtcOffset::from_hms(sign * h, sign * m, 0).map_err(|_| DateError("the offset is out of range"))?
            }
            _ => return Err(form),
        };
        let (Ok(hour), Ok(minute), Ok(second)) = (u8::try_from(hour), u8::try_from(minute), u8::try_from(second))
        else {
            return Err(form);
        };
        let time = Time::from_hms_nano(hour, minute, second, nanos).map_err(|_| DateError("no such time of day"))?;
        Ok(date.with_time(time).assume_offset(offset))
    }

    pub fn serialize<S: Serializer>(at: &OffsetDateTime, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&format(*at))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<OffsetDateTime, D::Error> {
        let text = String::deserialize(deserializer)?;
        parse(&text).map_err(|e| serde::de::Error::custom(format!("{} is not a date-time: {e}", Quoted(&text))))
    }

    /// The same for `Option<OffsetDateTime>` (`null` when absent).
    pub mod option {
        use super::*;

        pub fn serialize<S: Serializer>(at: &Option<OffsetDateTime>, serializer: S) -> Result<S::Ok, S::Error> {
            match at {
                Some(at) => super::serialize(at, serializer),
                None => serializer.serialize_none(),
            }
        }

        pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<OffsetDateTime>, D::Error> {
            Option::<String>::deserialize(deserializer)?
                .map(|text| {
                    parse(&text)
                        .map_err(|e| serde::de::Error::custom(format!("{} is not a date-time: {e}", Quoted(&text))))
                })
                .transpose()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn month_end_is_clamped_and_does_not_drift() {
        let order = date!(2026 - 01 - 31);
        let due: Vec<Date> = (1..=4).map(|m| add_months(order, m).unwrap()).collect();
        assert_eq!(due, [date!(2026 - 02 - 28), date!(2026 - 03 - 31), date!(2026 - 04 - 30), date!(2026 - 05 - 31)]);
    }

    #[test]
    fn leap_years_get_february_29() {
        assert_eq!(add_months(date!(2027 - 12 - 31), 2), Some(date!(2028 - 02 - 29)));
        assert_eq!(add_months(date!(2028 - 02 - 29), 12), Some(date!(2029 - 02 - 28)));
        assert_eq!(add_months(date!(2026 - 11 - 30), 3), Some(date!(2027 - 02 - 28)));
    }

    #[test]
    fn crosses_years() {
        assert_eq!(add_months(date!(2026 - 11 - 23), 12), Some(date!(2027 - 11 - 23)));
        assert_eq!(add_months(date!(2026 - 12 - 15), 1), Some(date!(2027 - 01 - 15)));
        assert_eq!(add_months(date!(9999 - 12 - 01), 1), None);
    }

    #[test]
    fn iso_dates_round_trip() {
        assert_eq!(iso_date::format(date!(2026 - 12 - 22)), "2026-12-22");
        assert_eq!(iso_date::parse("2028-02-29").unwrap(), date!(2028 - 02 - 29));
        assert!(iso_date::parse("2026-02-30").is_err());
        assert!(iso_date::parse("22/12/2026").is_err());
        assert!(iso_date::parse("2026-13-01").is_err());
        assert!(iso_date::parse("2026-1-011").is_err());
        assert!(iso_date::parse("+026-01-01").is_err());
    }

    /// The hand-written reading and writing agree with `time`'s RFC 3339 (a dev-dependency feature).
    #[test]
    fn rfc3339_agrees_with_time() {
        use time::format_description::well_known::Rfc3339;
        use time::macros::datetime;
        for at in [
            datetime!(2026-11-23 10:00:00 +08:00),
            datetime!(2026-11-23 02:00:00 UTC),
            datetime!(2026-11-23 02:00:00.5 UTC),
            datetime!(2026-01-01 00:00:00.000_000_001 -05:30),
            datetime!(2028-02-29 23:59:59.123_456_789 +14:00),
        ] {
            let text = rfc3339::format(at);
            assert_eq!(text, at.format(&Rfc3339).unwrap());
            assert_eq!(rfc3339::parse(&text).unwrap(), at);
            assert_eq!(rfc3339::parse(&text).unwrap(), time::OffsetDateTime::parse(&text, &Rfc3339).unwrap());
        }
        assert_eq!(rfc3339::parse("2026-11-23t10:00:00z").unwrap(), datetime!(2026-11-23 10:00:00 UTC));
        for bad in [
            "2026-11-23",
            "2026-11-23T10:00+08:00",
            "2026-11-23T10:00:00",
            "2026-11-23 10:00:00Z",
            "2026-11-23T25:00:00Z",
            "2026-11-23T10:00:00.Z",
            "2026-11-23T10:00:00.1234567890Z",
            "2026-11-23T10:00:00+0800",
            "2026-11-23T10:00:00+08:00 ",
            "2026-02-30T10:00:00Z",
        ] {
            assert!(rfc3339::parse(bad).is_err(), "{bad}");
        }
    }
}
