//! The office figures computed off the UI thread, on a connection of their
//! own: a large office takes far longer than a frame.

use std::sync::mpsc::{self, Receiver, TryRecvError};

use crate::figures::{Figures, FiscalYear};
use crate::store::Reopen;

/// A computation under way, for one fiscal year.
pub(crate) struct FiguresJob {
    fy: FiscalYear,
    rx: Receiver<Result<Figures, String>>,
}

impl FiguresJob {
    pub(crate) fn start(opener: Reopen, fy: FiscalYear) -> FiguresJob {
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let r = opener
                .open()
                .and_then(|s| crate::usecases::office_figures(&s, fy))
                .map_err(|e| e.to_string());
            let _ = tx.send(r); // the session may have gone
        });
        FiguresJob { fy, rx }
    }

    /// The answer, waiting for it if `block`; `None` while it is not ready.
    /// A thread that died without a word is reported.
    pub(crate) fn next(&self, block: bool) -> Option<(FiscalYear, Result<Figures, String>)> {
        let got = if block {
            self.rx.recv().map_err(|_| TryRecvError::Disconnected)
        } else {
            self.rx.try_recv()
        };
        match got {
            Ok(r) => Some((self.fy, r)),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some((
                self.fy,
                Err("実績の計算が途中で止まりました。もう一度開いてください".to_string()),
            )),
        }
    }
}
