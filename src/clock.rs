//! The shopper's clock: today's date and the UTC offset, from the browser (the core never reads a
//! clock; everything that needs "today" gets it from here).

use paylater_core::time::{Date, Month, UtcOffset};

/// Today's date in the shopper's time zone.
pub fn today() -> Date {
    let now = js_sys::Date::new_0();
    let month = Month::try_from(now.get_month() as u8 + 1).unwrap_or(Month::January);
    Date::from_calendar_date(now.get_full_year() as i32, month, now.get_date() as u8).unwrap_or(Date::MIN)
}

/// The shopper's UTC offset now.
pub fn local_offset() -> UtcOffset {
    let minutes = -(js_sys::Date::new_0().get_timezone_offset() as i32);
    UtcOffset::from_whole_seconds(minutes * 60).unwrap_or(UtcOffset::UTC)
}
