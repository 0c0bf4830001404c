//! A batch narrowed in SQL reads exactly the clients it chooses, each with
//! the same records as a whole read.

use super::Among;
use crate::model::{Client, ClientId, Closure, ClosureReason};
use crate::operation;
use crate::store::test_support::store;

/// An office of 60 demo clients, the first three of `tanaka`'s closed.
fn office() -> (tempfile::TempDir, crate::store::Store) {
    let (dir, s) = store();
    operation::import_document(&s, &crate::demo::generate(60, s.today())).expect("import");
    let closing: Vec<Client> = s
        .load_all()
        .expect("all")
        .into_iter()
        .filter(|c| c.assigned_staff.as_deref() == Some("tanaka"))
        .take(3)
        .collect();
    assert_eq!(closing.len(), 3, "the demo gives tanaka clients");
    for c in closing {
        let closure = Closure {
            date: s.today(),
            reason: ClosureReason::Other,
            note: String::new(),
            closed_by: "tanaka".into(),
        };
        s.close_client(c.id.unwrap_or_default(), c.version, &closure)
            .expect("close");
    }
    (dir, s)
}

fn chosen(c: &Client, among: Among<'_>) -> bool {
    (!among.open_only || c.closure.is_none())
        && among
            .staff
            .is_none_or(|st| c.assigned_staff.as_deref() == Some(st))
}

#[test]
fn a_batch_reads_only_the_clients_among_chooses_with_all_their_records() {
    let (_dir, s) = office();
    let all = s.load_all_for_engine().expect("all");
    for among in [
        Among::default(),
        Among {
            open_only: true,
            staff: None,
        },
        Among {
            open_only: false,
            staff: Some("tanaka"),
        },
        Among {
            open_only: true,
            staff: Some("tanaka"),
        },
        Among {
            open_only: true,
            staff: Some("nobody"),
        },
    ] {
        let expected: Vec<&Client> = all.iter().filter(|c| chosen(c, among)).collect();
        let ids = s.client_ids_among(among).expect("ids");
        let expected_ids: Vec<ClientId> = expected.iter().filter_map(|c| c.id).collect();
        assert_eq!(ids, expected_ids, "{among:?}");
        // Batches over the whole range of ids, as `due` makes them.
        let every = s.client_ids().expect("every");
        let mut read = Vec::new();
        s.for_each_engine_batch(every.chunks(7), among, |cs| {
            read.extend(cs);
            Ok(())
        })
        .expect("batches");
        let read_ids: Vec<ClientId> = read.iter().filter_map(|c| c.id).collect();
        assert_eq!(read_ids, expected_ids, "{among:?}");
        for (got, want) in read.iter().zip(&expected) {
            assert_eq!(got.external_id, want.external_id);
            let dates = |c: &Client| c.contacts.iter().map(|x| x.date).collect::<Vec<_>>();
            let (mut g, mut w) = (dates(got), dates(want));
            g.sort();
            w.sort();
            assert_eq!(g, w, "{}: the same contacts", got.external_id);
            assert_eq!(got.employments.len(), want.employments.len());
            assert_eq!(got.reports.len(), want.reports.len());
            assert_eq!(got.plans, want.plans);
            assert_eq!(got.consents.len(), want.consents.len());
        }
    }
}
