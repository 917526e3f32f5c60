//! Autopay (the rule: `crate::bill::autopay`): turning it on and off for a bill, and the charges
//! the provider makes on due dates, by its clock. Charges run once per request (the router calls
//! [`Sandbox::run_autopay`] first), so whatever the clock jumps over, each installment due in
//! between is charged at its due date, once.

use crate::json::Quoted;
use time::{OffsetDateTime, Time};

use super::{ApiError, PROVIDER_OFFSET, Sandbox, provider_date};
use crate::api::{AutopayRequest, Bill, ErrorCode, Repayment, RepaymentResult};
use crate::bill::{Autopay, AutopayCharge, AutopayOutcome, apply_repayment, bill_view, charges_due, quote_installment};
use crate::ids::{BillId, QuoteId};

impl Sandbox {
    /// `PUT /v1/bills/{id}/autopay`: autopay on (or onto another method), from now.
    pub fn set_autopay(
        &mut self,
        token: &str,
        bill_id: &BillId,
        request: &AutopayRequest,
        now: OffsetDateTime,
    ) -> Result<Bill, ApiError> {
        let shopper = self.auth(token)?;
        let bill = Self::find_bill(shopper, bill_id)?;
        if bill.is_settled() {
            return Err(ApiError::new(
                ErrorCode::NothingToRepay,
                format!("bill {bill_id} is settled: there is nothing for autopay to pay"),
            ));
        }
        let method = shopper.payment_methods.iter().find(|m| m.id == request.payment_method_id).ok_or_else(|| {
            ApiError::new(
                ErrorCode::NotFound,
                format!(
                    "no payment method {}: choose one of GET /v1/payment-methods",
                    Quoted(&request.payment_method_id)
                ),
            )
        })?;
        let autopay = Autopay {
            payment_method_id: method.id.clone(),
            payment_method_label: method.label.clone(),
            last4: method.last4.clone(),
            since: now,
        };
        self.update_bill(token, bill_id, now, |b| b.autopay = Some(autopay))
    }

    /// `DELETE /v1/bills/{id}/autopay`: autopay off (charges already made stay).
    pub fn clear_autopay(&mut self, token: &str, bill_id: &BillId, now: OffsetDateTime) -> Result<Bill, ApiError> {
        self.update_bill(token, bill_id, now, |b| b.autopay = None)
    }

    fn update_bill(
        &mut self,
        token: &str,
        bill_id: &BillId,
        now: OffsetDateTime,
        change: impl FnOnce(&mut crate::bill::BillRecord),
    ) -> Result<Bill, ApiError> {
        let policy = self.policy.clone();
        let shopper = self.auth_mut(token)?;
        let bill = shopper.bills.iter_mut().find(|b| b.id == bill_id).ok_or_else(|| {
            ApiError::new(ErrorCode::NotFound, format!("no bill {} for this shopper", Quoted(bill_id)))
        })?;
        change(bill);
        Ok(bill_view(bill, provider_date(now), &policy)?)
    }

    /// Charges every installment autopay owes a charge, up to `now`, each at its due date.
    pub fn run_autopay(&mut self, now: OffsetDateTime) {
        let today = provider_date(now);
        let mut due = Vec::new();
        for (token, shopper) in &self.shoppers {
            for bill in shopper.bills.iter().filter(|b| b.autopay.is_some()) {
                let since = bill.autopay.as_ref().map_or(today, |a| provider_date(a.since));
                for i in charges_due(bill, since, today) {
                    due.push((token.clone(), bill.id.clone(), i.number, i.due_date));
                }
            }
        }
        due.sort_by_key(|(_, _, _, date)| *date);
        for (token, bill_id, number, due_date) in due {
            // The start of the due day, or the moment autopay was turned on that day.
            let day_start = due_date.with_time(Time::MIDNIGHT).assume_offset(PROVIDER_OFFSET);
            let since = self
                .auth(&token)
                .ok()
                .and_then(|s| Self::find_bill(s, &bill_id).ok())
                .and_then(|b| b.autopay.as_ref())
                .map(|a| a.since);
            let at = since.map_or(day_start, |s| s.max(day_start)).min(now);
            let _ = self.charge(&token, &bill_id, number, at, now);
        }
    }

    /// One autopay charge of installment `number`, at `at`: a repayment, or a failed charge.
    fn charge(
        &mut self,
        token: &str,
        bill_id: &BillId,
        number: u32,
        at: OffsetDateTime,
        now: OffsetDateTime,
    ) -> Result<(), ApiError> {
        let day = provider_date(at);
        let shopper = self.auth(token)?;
        let record = Self::find_bill(shopper, bill_id)?.clone();
        let Some(autopay) = record.autopay.clone() else { return Ok(()) };
        let priced = quote_installment(&record, number, day, &self.policy)
            .map_err(|e| ApiError::new(ErrorCode::Internal, e.to_string()))?;
        let amount = priced.breakdown.total;
        let method = shopper.payment_methods.iter().find(|m| m.id == autopay.payment_method_id).cloned();
        let covers = method.as_ref().is_some_and(|m| m.available.checked_cmp(&amount).is_ok_and(|o| o.is_ge()));
        let mut updated = record.clone();
        let mut charge = AutopayCharge {
            installment: number,
            due_date: day,
            amount,
            payment_method_id: autopay.payment_method_id.clone(),
            payment_method_label: autopay.payment_method_label.clone(),
            outcome: AutopayOutcome::NotEnoughFunds,
            repayment_id: None,
            charged_at: at,
        };
        let (Some(method), true) = (method, covers) else {
            updated.autopay_charges.push(charge);
            let shopper = self.auth_mut(token)?;
            if let Some(b) = shopper.bills.iter_mut().find(|b| b.id == *bill_id) {
                *b = updated;
            }
            return Ok(());
        };
        apply_repayment(&mut updated, &priced.lines, day, &self.policy);
        let id = self.next_id("rp");
        charge.outcome = AutopayOutcome::Paid;
        charge.repayment_id = Some(id.clone());
        updated.autopay_charges.push(charge);
        let repayment = Repayment {
            id,
            receipt_number: format!("RC{}{:06}", crate::dates::iso_date::format(day).replace('-', ""), self.next_id),
            bill_id: bill_id.clone(),
            merchant_name: updated.merchant_name.clone(),
            order_id: updated.order_id.clone(),
            quote_id: QuoteId::from(format!("autopay_{bill_id}_{number}")),
            scope: crate::api::QuoteScope::NextInstallment,
            amount,
            breakdown: priced.breakdown,
            payment_method_id: method.id.clone(),
            payment_method_kind: method.kind,
            payment_method_label: method.label.clone(),
            paid_at: at,
            autopay: true,
        };
        self.next_id += 1;
        let bill_after = bill_view(&updated, provider_date(now), &self.policy)?;
        let debited = method.available.checked_sub(&amount)?;
        let shopper = self.auth_mut(token)?;
        if let Some(b) = shopper.bills.iter_mut().find(|b| b.id == *bill_id) {
            *b = updated;
        }
        if let Some(m) = shopper.payment_methods.iter_mut().find(|m| m.id == method.id) {
            m.available = debited;
        }
        shopper.repayments.push(repayment.clone());
        self.tell_merchant_of_repayment(&RepaymentResult { repayment, bill: bill_after }, now);
        Ok(())
    }
}
