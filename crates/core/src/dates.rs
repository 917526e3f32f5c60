//! Calendar arithmetic for due dates. The core never reads a clock: "today" is always passed in.

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

/// Serde for calendar dates as ISO 8601 `YYYY-MM-DD` (RFC 3339 full-date).
pub mod iso_date {
    use serde::{Deserialize, Deserializer, Serializer};
    use time::Date;
    use time::format_description::BorrowedFormatItem;
    use time::macros::format_description;

    const FORMAT: &[BorrowedFormatItem<'static>] = format_description!("[year]-[month]-[day]");

    pub fn format(date: Date) -> String {
        date.format(FORMAT).unwrap_or_default()
    }

    pub fn parse(text: &str) -> Result<Date, time::error::Parse> {
        Date::parse(text, FORMAT)
    }

    pub fn serialize<S: Serializer>(date: &Date, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&format(*date))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Date, D::Error> {
        let text = String::deserialize(deserializer)?;
        parse(&text).map_err(|e| serde::de::Error::custom(format!("{text:?} is not a YYYY-MM-DD date: {e}")))
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
                    parse(&text)
                        .map_err(|e| serde::de::Error::custom(format!("{text:?} is not a YYYY-MM-DD date: {e}")))
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
    }
}
