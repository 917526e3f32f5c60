//! How a repayment travels: `POST /v1/repayments`, found after an unanswered call among the bill's
//! repayment records by the quote it paid (a quote pays at most once), page by page to the end.

use paylater_core::api::{BillId, IdempotencyKey, PaymentMethod, Quote, RepaymentRequest, RepaymentResult};
use paylater_core::client::ClientError;
use paylater_core::client::verified::{LOOKUP_PAGES, WriteChannel, find_in_pages};

use crate::api::ApiClient;

#[derive(Clone)]
pub struct RepaymentChannel {
    pub client: ApiClient,
    pub bill_id: BillId,
}

impl WriteChannel for RepaymentChannel {
    type Request = RepaymentRequest;
    type Answer = RepaymentResult;

    async fn send(&self, key: &IdempotencyKey, request: &RepaymentRequest) -> Result<RepaymentResult, ClientError> {
        self.client.repay(key, request).await
    }

    async fn look_up(&self, request: &RepaymentRequest) -> Option<RepaymentResult> {
        let (client, bill_id) = (&self.client, &self.bill_id);
        let page = |page| async move {
            let list = client.repayments(Some(bill_id), &page).await?;
            Ok::<_, ClientError>((list.repayments, list.next_cursor))
        };
        let repayment = find_in_pages(page, |r| r.quote_id == request.quote_id, LOOKUP_PAGES).await?;
        let bill = client.bill(bill_id).await.ok()?;
        Some(RepaymentResult { repayment, bill })
    }
}

/// Whether `method` can pay `quote` in full.
pub fn covers(method: &PaymentMethod, quote: &Quote) -> bool {
    method.available.checked_cmp(&quote.breakdown.total).is_ok_and(|o| o != core::cmp::Ordering::Less)
}
