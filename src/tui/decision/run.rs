//! Writing a decision: the loop runs this off the dialog, calling the use
//! case the shell's `resolve` and `client reopen` call too.

use super::DecideRequest;
use crate::store::Store;
use crate::usecases;

/// Write `req`; the line for the status bar, or the store's reason why not
/// (Japanese).
pub(crate) fn run(store: &Store, req: &DecideRequest) -> Result<String, String> {
    let shown = |s: &str| crate::text::for_display(s).into_owned();
    match req {
        DecideRequest::Resolve {
            client_id,
            item,
            reason,
        } => usecases::resolve(store, *client_id, item.id, item.period, reason).map(|o| {
            format!(
                "{}にしました: {}",
                shown(&o.status_label()),
                shown(&item.title)
            )
        }),
        DecideRequest::Unresolve {
            client_id,
            item,
            reason,
        } => usecases::unresolve(store, *client_id, item.id, item.period, reason).map(|o| {
            format!(
                "対象外の判断を取り消しました（いまは {}）: {}",
                shown(&o.status_label()),
                shown(&item.title)
            )
        }),
        DecideRequest::Reopen { client_id, reason } => {
            usecases::reopen_case(store, *client_id, reason)
                .map(|()| "終結を取り消しました。一覧と期限一覧に戻ります".to_string())
        }
    }
    .map_err(|e| e.to_string())
}
