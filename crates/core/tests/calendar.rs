//! The bill as an iCalendar file (RFC 5545): line form, one event per installment, stable UIDs,
//! cancelled events for what is paid, and text from the API that stays text.

use paylater_core::api::{Bill, InstallmentStatus, PlanKind, QuoteScope};
use paylater_core::time::OffsetDateTime;
use paylater_core::time::macros::{date, datetime};
use paylater_core::{BillRecord, CalendarWords, Money, Policy, apply_repayment, bill_calendar, bill_view, quote};
use paylater_core::{Currency, schedule};
use proptest::prelude::*;

const WORDS: CalendarWords<'static> = CalendarWords {
    title: "Pay later: {amount} to {merchant}",
    description: "Installment {number} of {count}, order {order}.",
    reminder: "Tomorrow: {amount} to {merchant}",
};
const STAMP: OffsetDateTime = datetime!(2026-11-23 10:00 +08:00);
const NASTY: &str =
    "Café, \"Zum; Bär\" \\ Ltd\nline two 東京都渋谷区の素晴らしい百貨店株式会社オンラインストア本店と支店";

fn yuan(m: &Money) -> String {
    format!("¥{}", m.amount_string())
}

/// 3 × 400.00 + 10.00 fee from 2026-09-01 (due 10-01, 11-01, 12-01), seen on 2026-10-15 after
/// installment 1 was repaid on 2026-09-20: 2 is due, 3 upcoming.
fn bill(id: &str, merchant: &str, order: &str) -> Bill {
    let policy = Policy::default();
    let s = schedule(
        PlanKind::Installments3,
        Money::parse("1200.00", Currency::CNY).unwrap(),
        date!(2026 - 09 - 01),
        &policy,
    )
    .unwrap();
    let mut record =
        BillRecord::from_schedule(id.into(), "M1".into(), merchant.into(), order.into(), date!(2026 - 09 - 01), &s);
    let paid = quote(&record, QuoteScope::NextInstallment, None, date!(2026 - 09 - 20), &policy).unwrap();
    apply_repayment(&mut record, &paid.lines, date!(2026 - 09 - 20), &policy);
    bill_view(&record, date!(2026 - 10 - 15), &policy).unwrap()
}

fn ics(bill: &Bill, stamp: OffsetDateTime) -> String {
    bill_calendar(bill, &WORDS, &yuan, stamp)
}

/// The content lines, unfolded (RFC 5545 §3.1).
fn unfold(ics: &str) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for line in ics.strip_suffix("\r\n").unwrap().split("\r\n") {
        match (line.strip_prefix(' '), lines.last_mut()) {
            (Some(rest), Some(last)) => last.push_str(rest),
            _ => lines.push(line.to_owned()),
        }
    }
    lines
}

fn unescape(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        assert!(c != ';' && c != ',', "unescaped {c:?} in {text:?}");
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next().unwrap() {
            'n' | 'N' => out.push('\n'),
            c @ ('\\' | ';' | ',') => out.push(c),
            c => panic!("bad escape \\{c} in {text:?}"),
        }
    }
    out
}

/// Each VEVENT's content lines (its VALARM's included).
fn events(ics: &str) -> Vec<Vec<String>> {
    let mut events = Vec::new();
    let mut current: Option<Vec<String>> = None;
    for line in unfold(ics) {
        match line.as_str() {
            "BEGIN:VEVENT" => current = Some(Vec::new()),
            "END:VEVENT" => events.push(current.take().unwrap()),
            _ => current.iter_mut().for_each(|e| e.push(line.clone())),
        }
    }
    events
}

/// The value of an event's first `name` property (so DESCRIPTION is the event's, not its alarm's).
fn prop<'a>(event: &'a [String], name: &str) -> Option<&'a str> {
    event.iter().find_map(|l| l.strip_prefix(name).and_then(|r| r.strip_prefix(':')))
}

/// CRLF everywhere, no line over 75 octets, and no line cut inside a UTF-8 character.
fn assert_line_form(ics: &str) {
    assert!(ics.ends_with("\r\n"));
    assert_eq!(ics.matches('\n').count(), ics.matches("\r\n").count(), "bare LF");
    assert_eq!(ics.matches('\r').count(), ics.matches("\r\n").count(), "bare CR");
    for line in ics.as_bytes().split(|&b| b == b'\n') {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        assert!(line.len() <= 75, "{} octets: {:?}", line.len(), String::from_utf8_lossy(line));
        assert!(std::str::from_utf8(line).is_ok(), "line cut inside a character: {line:?}");
    }
}

#[test]
fn every_line_is_crlf_and_at_most_75_octets() {
    let long_id = format!("bill_{}", "x".repeat(100));
    let text = ics(&bill(&long_id, NASTY, &"订单".repeat(40)), STAMP);
    assert_line_form(&text);
    assert!(text.lines().any(|l| l.starts_with(' ')), "nothing was folded");
    let calendar = unfold(&text);
    assert_eq!(
        calendar[..5],
        [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//Pay later//Bill calendar//EN",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH"
        ]
    );
    assert_eq!(calendar.last().unwrap(), "END:VCALENDAR");
}

#[test]
fn one_confirmed_event_per_unpaid_installment() {
    let b = bill("bill_000001", "Shop", "O1");
    let owed: Vec<_> = b.installments.iter().filter(|i| i.status != InstallmentStatus::Paid).collect();
    assert_eq!(owed.len(), 2);
    let events = events(&ics(&b, STAMP));
    let confirmed: Vec<_> = events.iter().filter(|e| prop(e, "STATUS") == Some("CONFIRMED")).collect();
    assert_eq!(confirmed.len(), owed.len());
    for (event, i) in confirmed.iter().zip(&owed) {
        assert_eq!(prop(event, "UID"), Some(format!("bill_000001-{}@pay-later", i.number).as_str()));
        let (start, end) = (i.due_date, i.due_date.next_day().unwrap());
        let day = |d: paylater_core::time::Date| format!("{:04}{:02}{:02}", d.year(), u8::from(d.month()), d.day());
        assert_eq!(prop(event, "DTSTART;VALUE=DATE"), Some(day(start).as_str()));
        assert_eq!(prop(event, "DTEND;VALUE=DATE"), Some(day(end).as_str()));
        let summary = unescape(prop(event, "SUMMARY").unwrap());
        assert_eq!(summary, format!("Pay later: {} to Shop", yuan(&i.amount)));
        let description = unescape(prop(event, "DESCRIPTION").unwrap());
        assert_eq!(description, format!("Installment {} of 3, order O1.", i.number));
        assert_eq!(prop(event, "TRANSP"), Some("TRANSPARENT"));
        let alarm: Vec<&str> = event.iter().map(String::as_str).skip_while(|l| *l != "BEGIN:VALARM").collect();
        let reminder = format!("DESCRIPTION:Tomorrow: {} to Shop", yuan(&i.amount));
        assert_eq!(alarm, ["BEGIN:VALARM", "ACTION:DISPLAY", &reminder, "TRIGGER:-P1D", "END:VALARM"]);
    }
    assert_eq!(prop(confirmed[0], "DTSTART;VALUE=DATE"), Some("20261101"));
}

#[test]
fn paid_and_refunded_installments_are_cancelled_without_alarm() {
    let mut b = bill("bill_000001", "Shop", "O1");
    b.installments[2].status = InstallmentStatus::Refunded;
    let events = events(&ics(&b, STAMP));
    assert_eq!(events.len(), 3, "every installment has its event");
    let status: Vec<_> = events.iter().map(|e| prop(e, "STATUS").unwrap()).collect();
    assert_eq!(status, ["CANCELLED", "CONFIRMED", "CANCELLED"]);
    for cancelled in [&events[0], &events[2]] {
        assert!(!cancelled.iter().any(|l| l.contains("VALARM")), "{cancelled:?}");
    }
    assert!(events[1].contains(&"BEGIN:VALARM".to_owned()));
    assert_eq!(prop(&events[0], "UID"), Some("bill_000001-1@pay-later"));
}

#[test]
fn uids_stay_while_sequence_grows() {
    let b = bill("bill_000001", "Shop", "O1");
    let later = STAMP + paylater_core::time::Duration::minutes(90);
    let (first, second) = (events(&ics(&b, STAMP)), events(&ics(&b, later)));
    let uids = |events: &[Vec<String>]| events.iter().map(|e| prop(e, "UID").unwrap().to_owned()).collect::<Vec<_>>();
    assert_eq!(uids(&first), uids(&second));
    // 2026-11-23T02:00Z is 2518 days and 2 hours after 2020-01-01T00:00Z.
    assert_eq!(prop(&first[0], "SEQUENCE"), Some("217562400"));
    assert_eq!(prop(&second[0], "SEQUENCE"), Some("217567800"));
    assert_eq!(prop(&first[0], "DTSTAMP"), Some("20261123T020000Z"));
    assert_eq!(prop(&second[0], "DTSTAMP"), Some("20261123T033000Z"));
    let before_2020 = events(&ics(&b, datetime!(2019-06-01 0:00 UTC)));
    assert_eq!(prop(&before_2020[0], "SEQUENCE"), Some("0"));
}

#[test]
fn merchant_name_is_escaped_and_folded() {
    let b = bill("bill_000001", NASTY, "O1");
    let text = ics(&b, STAMP);
    assert_line_form(&text);
    let events = events(&text);
    let raw = prop(&events[1], "SUMMARY").unwrap();
    assert!(raw.contains(r#"Café\, "Zum\; Bär" \\ Ltd\nline two"#), "{raw}");
    assert_eq!(unescape(raw), format!("Pay later: ¥410.00 to {NASTY}"));
    let alarm = events[1].iter().filter_map(|l| l.strip_prefix("DESCRIPTION:")).nth(1).unwrap();
    assert_eq!(unescape(alarm), format!("Tomorrow: ¥410.00 to {NASTY}"));
}

#[test]
fn api_text_cannot_inject_properties_or_lines() {
    let b = bill("b1@x\r\nEND:VEVENT", "Shop\r\nSTATUS:CANCELLED\rX-A:1\u{0}\u{1b}", "O1\nBEGIN:VEVENT;x=\"y\":z");
    let text = ics(&b, STAMP);
    assert_line_form(&text);
    let lines = unfold(&text);
    assert_eq!(lines.iter().filter(|l| *l == "BEGIN:VEVENT").count(), 3);
    assert!(!lines.iter().any(|l| l.starts_with("X-A") || l.starts_with("END:VEVENT-")));
    assert_eq!(lines.iter().filter(|l| l.starts_with("STATUS:")).count(), 3);
    let events = events(&text);
    assert_eq!(prop(&events[1], "STATUS"), Some("CONFIRMED"));
    assert_eq!(prop(&events[1], "UID"), Some("b1_x__END_VEVENT-2@pay-later"));
    assert_eq!(unescape(prop(&events[1], "SUMMARY").unwrap()), "Pay later: ¥410.00 to Shop\nSTATUS:CANCELLED\nX-A:1");
    let description = unescape(prop(&events[1], "DESCRIPTION").unwrap());
    assert_eq!(description, "Installment 2 of 3, order O1\nBEGIN:VEVENT;x=\"y\":z.");
    let names: Vec<_> = events[1].iter().map(|l| l.split([':', ';']).next().unwrap()).collect();
    let expected = ["UID", "DTSTAMP", "SEQUENCE", "DTSTART", "DTEND", "SUMMARY", "DESCRIPTION", "STATUS", "TRANSP"];
    assert_eq!(names[..9], expected);
}

#[test]
fn placeholders_are_filled_once() {
    let b = bill("bill_000001", "{order}", "{merchant}");
    let words = CalendarWords { title: "{merchant}/{order}/{unknown}/{", ..WORDS };
    let events = events(&bill_calendar(&b, &words, &yuan, STAMP));
    assert_eq!(unescape(prop(&events[1], "SUMMARY").unwrap()), "{order}/{merchant}/{unknown}/{");
}

/// What [`bill_calendar`] keeps of a TEXT value: line breaks as LF, no other controls but tab.
fn kept(text: &str) -> String {
    text.replace("\r\n", "\n")
        .replace('\r', "\n")
        .chars()
        .filter(|c| !c.is_control() || matches!(c, '\n' | '\t'))
        .collect()
}

proptest! {
    #[test]
    fn any_api_text_round_trips_within_the_line_form(
        id in any::<String>(),
        merchant in any::<String>(),
        order in "[\\PC\r\n;,\\\\]{0,80}",
        minutes in 0i64..10_000_000,
    ) {
        let b = bill(&id, &merchant, &order);
        let stamp = datetime!(2020-01-01 0:00 UTC) + paylater_core::time::Duration::minutes(minutes);
        let text = ics(&b, stamp);
        assert_line_form(&text);
        let events = events(&text);
        prop_assert_eq!(events.len(), 3);
        for (event, i) in events.iter().zip(&b.installments) {
            let uid = prop(event, "UID").unwrap();
            let expected_uid = format!("-{}@pay-later", i.number);
            prop_assert!(uid.ends_with(&expected_uid));
            let id_part = uid.strip_suffix(&expected_uid).unwrap();
            prop_assert!(id_part.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-')));
            prop_assert_eq!(id_part.chars().count(), id.chars().count());
            let sequence = (minutes * 60).to_string();
            prop_assert_eq!(prop(event, "SEQUENCE"), Some(sequence.as_str()));
            let summary = unescape(prop(event, "SUMMARY").unwrap());
            prop_assert_eq!(summary, kept(&format!("Pay later: {} to {merchant}", yuan(&i.amount))));
            let description = unescape(prop(event, "DESCRIPTION").unwrap());
            prop_assert_eq!(description, kept(&format!("Installment {} of 3, order {order}.", i.number)));
        }
    }
}

/// After a repayment of another amount, an event says what is left on its installment, under the
/// same UID.
#[test]
fn after_another_amount_an_event_shows_what_is_left() {
    let policy = Policy::default();
    let s = schedule(
        PlanKind::Installments3,
        Money::parse("1200.00", Currency::CNY).unwrap(),
        date!(2026 - 09 - 01),
        &policy,
    )
    .unwrap();
    let mut record =
        BillRecord::from_schedule("B1".into(), "M1".into(), "Shop".into(), "O1".into(), date!(2026 - 09 - 01), &s);
    let before = ics(&bill_view(&record, date!(2026 - 09 - 20), &policy).unwrap(), STAMP);
    // ¥100.00 ahead of time: the third installment lowered to 300.00 with 2.50 of its fee waived.
    let some = quote(
        &record,
        QuoteScope::Amount,
        Some(Money::parse("100.00", Currency::CNY).unwrap()),
        date!(2026 - 09 - 20),
        &policy,
    )
    .unwrap();
    apply_repayment(&mut record, &some.lines, date!(2026 - 09 - 20), &policy);
    let after = ics(
        &bill_view(&record, date!(2026 - 09 - 20), &policy).unwrap(),
        STAMP + paylater_core::time::Duration::minutes(5),
    );
    let summary = |ics: &str, uid: &str| {
        let event = events(ics).into_iter().find(|e| e.iter().any(|l| l == &format!("UID:{uid}"))).unwrap();
        event.into_iter().find_map(|l| l.strip_prefix("SUMMARY:").map(unescape)).unwrap()
    };
    assert_eq!(summary(&before, "B1-3@pay-later"), "Pay later: ¥410.00 to Shop");
    assert_eq!(summary(&after, "B1-3@pay-later"), "Pay later: ¥307.50 to Shop");
    assert_eq!(summary(&after, "B1-2@pay-later"), "Pay later: ¥410.00 to Shop");
}
