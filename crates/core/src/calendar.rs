//! A bill's due dates as an RFC 5545 iCalendar file, for the shopper's own calendar: one all-day
//! event per installment, with a reminder the day before.
//!
//! Importing a newer file updates an older one: each installment keeps its `UID` across exports
//! and `SEQUENCE` grows with the export's time, so an installment repaid since the last import
//! comes back `STATUS:CANCELLED` and the calendar drops its reminder.
//!
//! Pure: the time of the export is passed in, and the amounts are formatted by the caller (in the
//! shopper's locale). Everything that comes from the API (merchant name, order id) is escaped as
//! iCalendar TEXT, so it cannot add properties or lines; the bill's id is reduced to
//! `[A-Za-z0-9._-]` before it goes into a `UID`.

use time::{Date, OffsetDateTime, UtcOffset};

use crate::bill::{Bill, BillInstallment, InstallmentStatus};
use crate::money::Money;

/// The words of a calendar file, in the shopper's language, with placeholders the widget fills.
///
/// Placeholders: `{amount}` (what is left to pay on the installment, formatted by the caller), `{merchant}`,
/// `{order}` (the merchant's order id), `{number}` (the installment's number) and `{count}` (how
/// many installments the bill has). Anything else in braces is kept as written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CalendarWords<'a> {
    /// Event title, e.g. `"Pay later: {amount} to {merchant}"`.
    pub title: &'a str,
    /// Event description, e.g. `"Installment {number} of {count}, order {order}."`.
    pub description: &'a str,
    /// The reminder's text, shown the day before the due date.
    pub reminder: &'a str,
}

/// The longest content line, in octets, CRLF excluded (RFC 5545 §3.1).
const LINE_OCTETS: usize = 75;

/// 2020-01-01T00:00:00Z as a Unix timestamp: `SEQUENCE` counts seconds from there (until 2088).
const SEQUENCE_EPOCH: i64 = 1_577_836_800;

/// The bill as an iCalendar file (`text/calendar`, CRLF line endings).
///
/// Every installment gets a `VEVENT` whose `UID` is `{bill id}-{number}@pay-later`: the ones
/// still owed are `STATUS:CONFIRMED` with a display alarm the day before; those already paid or
/// refunded are `STATUS:CANCELLED` without an alarm, so that a calendar which imported an earlier
/// file drops them. `amount` formats an installment's amount for `{amount}`; `stamp` is the time
/// of the export (`DTSTAMP`, and the `SEQUENCE`: seconds since 2020, so a later export is higher).
pub fn bill_calendar(
    bill: &Bill,
    words: &CalendarWords<'_>,
    amount: &dyn Fn(&Money) -> String,
    stamp: OffsetDateTime,
) -> String {
    // Only a stamp within a day of the end of `time`'s range has no UTC equivalent.
    let utc = stamp.checked_to_offset(UtcOffset::UTC).unwrap_or(stamp);
    let dtstamp = format!("{}T{:02}{:02}{:02}Z", ical_date(utc.date()), utc.hour(), utc.minute(), utc.second());
    let sequence = sequence(stamp);
    let uid_prefix = uid_part(&bill.id);
    let count = bill.installments.len().to_string();

    let mut out = String::new();
    for fixed in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Pay later//Bill calendar//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ] {
        content_line(&mut out, fixed);
    }
    for installment in &bill.installments {
        let number = installment.number.to_string();
        // An open one: what is left on it (its amount less what repayments of another amount
        // paid); a closed one: its amount.
        let left = match installment.status {
            InstallmentStatus::Paid | InstallmentStatus::Refunded => installment.amount,
            _ => installment.amount.checked_sub(&installment.paid).unwrap_or(installment.amount),
        };
        let formatted = amount(&left);
        let values = [
            ("amount", formatted.as_str()),
            ("merchant", bill.merchant_name.as_str()),
            ("order", bill.order_id.as_str()),
            ("number", number.as_str()),
            ("count", count.as_str()),
        ];
        let text = |template: &str| escape_text(&fill(template, &values));
        event(&mut out, installment, &format!("{uid_prefix}-{number}@pay-later"), &dtstamp, sequence, words, &text);
    }
    content_line(&mut out, "END:VCALENDAR");
    out
}

/// One installment's `VEVENT`.
fn event(
    out: &mut String,
    installment: &BillInstallment,
    uid: &str,
    dtstamp: &str,
    sequence: i64,
    words: &CalendarWords<'_>,
    text: &dyn Fn(&str) -> String,
) {
    let owed = !matches!(installment.status, InstallmentStatus::Paid | InstallmentStatus::Refunded);
    content_line(out, "BEGIN:VEVENT");
    content_line(out, &format!("UID:{uid}"));
    content_line(out, &format!("DTSTAMP:{dtstamp}"));
    content_line(out, &format!("SEQUENCE:{sequence}"));
    content_line(out, &format!("DTSTART;VALUE=DATE:{}", ical_date(installment.due_date)));
    // Without DTEND an all-day DTSTART lasts one day anyway (RFC 5545 §3.6.1): only the last
    // day `time` knows has no next day.
    if let Some(next) = installment.due_date.next_day() {
        content_line(out, &format!("DTEND;VALUE=DATE:{}", ical_date(next)));
    }
    content_line(out, &format!("SUMMARY:{}", text(words.title)));
    content_line(out, &format!("DESCRIPTION:{}", text(words.description)));
    content_line(out, if owed { "STATUS:CONFIRMED" } else { "STATUS:CANCELLED" });
    content_line(out, "TRANSP:TRANSPARENT");
    if owed {
        content_line(out, "BEGIN:VALARM");
        content_line(out, "ACTION:DISPLAY");
        content_line(out, &format!("DESCRIPTION:{}", text(words.reminder)));
        content_line(out, "TRIGGER:-P1D");
        content_line(out, "END:VALARM");
    }
    content_line(out, "END:VEVENT");
}

/// Seconds from 2020-01-01T00:00Z to `stamp`, within `0..=i32::MAX` (`SEQUENCE` is an
/// INTEGER, a signed 32-bit number).
fn sequence(stamp: OffsetDateTime) -> i64 {
    (stamp.unix_timestamp() - SEQUENCE_EPOCH).clamp(0, i64::from(i32::MAX))
}

/// A DATE value: `YYYYMMDD`.
fn ical_date(date: Date) -> String {
    format!("{:04}{:02}{:02}", date.year(), u8::from(date.month()), date.day())
}

/// The bill's id as it goes into a `UID`: characters outside `[A-Za-z0-9._-]` become `_`.
fn uid_part(id: &str) -> String {
    id.chars().map(|c| if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-') { c } else { '_' }).collect()
}

/// `template` with each `{name}` of `values` replaced, in one pass: a value that itself contains
/// `{merchant}` or the like is not filled again. Unknown placeholders are kept as written.
fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some((before, after)) = rest.split_once('{') {
        out.push_str(before);
        let found = values
            .iter()
            .find_map(|(name, value)| after.strip_prefix(name).and_then(|a| a.strip_prefix('}')).map(|a| (value, a)));
        match found {
            Some((value, after_placeholder)) => {
                out.push_str(value);
                rest = after_placeholder;
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// A TEXT value (RFC 5545 §3.3.11): backslash, `;` and `,` escaped, line breaks (LF, CRLF, CR)
/// as `\n`, and other control characters but tab dropped (TEXT may not hold them).
fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push_str("\\n");
            }
            '\t' => out.push(c),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends `line` folded at [`LINE_OCTETS`] octets (never inside a UTF-8 character; each
/// continuation line starts with one space, which counts), then CRLF.
fn content_line(out: &mut String, line: &str) {
    let mut octets = 0;
    for c in line.chars() {
        if octets + c.len_utf8() > LINE_OCTETS {
            out.push_str("\r\n ");
            octets = 1;
        }
        out.push(c);
        octets += c.len_utf8();
    }
    out.push_str("\r\n");
}
