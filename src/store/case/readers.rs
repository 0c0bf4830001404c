//! A whole office read on a few connections at once: batches of clients
//! from one shared queue, so no reader waits on another however the work
//! is spread; each reader folds its batches into its own accumulator.
//! Loading is most of the work of `due` and `figures`.

use std::sync::atomic::{AtomicUsize, Ordering};

use crate::model::{Client, ClientId};

use crate::store::{Among, Reads, Store, StoreError};

impl Store {
    /// The engine's records of the clients `ids` (ascending), `batch` at a
    /// time, on this connection and up to `max_readers − 1` more (as many
    /// as the cores). `start` makes a reader's accumulator and `add` folds
    /// a batch into it; one accumulator per reader comes back, for the
    /// caller to merge. Each batch is read within one snapshot; only the
    /// clients `among` chooses are read.
    pub fn fold_engine_batches<T: Send>(
        &self,
        ids: &[ClientId],
        batch: usize,
        among: Among<'_>,
        max_readers: usize,
        start: impl Fn() -> T + Sync,
        add: impl Fn(&mut T, Vec<Client>) + Sync,
    ) -> Result<Vec<T>, StoreError> {
        self.one_pass_reads()?;
        let batches: Vec<&[ClientId]> = ids.chunks(batch.max(1)).collect();
        let next = AtomicUsize::new(0);
        let queue =
            || std::iter::from_fn(|| batches.get(next.fetch_add(1, Ordering::Relaxed)).copied());
        let run = |s: &Store| -> Result<T, StoreError> {
            let mut acc = start();
            s.for_each_engine_batch(queue(), among, |clients| {
                add(&mut acc, clients);
                Ok(())
            })?;
            Ok(acc)
        };
        let readers = std::thread::available_parallelism()
            .map_or(2, usize::from)
            .clamp(2, max_readers.max(2))
            .min(batches.len());
        if readers < 2 {
            return Ok(vec![run(self)?]);
        }
        let reopen = self.reopener().reading(Reads::Once);
        std::thread::scope(|sc| {
            let helpers: Vec<_> = (1..readers)
                .map(|_| sc.spawn(|| run(&reopen.open()?)))
                .collect();
            let mut all = vec![run(self)];
            all.extend(helpers.into_iter().map(|h| {
                h.join()
                    .unwrap_or_else(|_| Err(StoreError::Other("読み込みに失敗しました".into())))
            }));
            all
        })
        .into_iter()
        .collect()
    }
}
