//! The office figures of a fiscal year, for the サービス管理責任者 and the
//! 管理者 (`teichaku figures` and the figures screen): every client, closed
//! cases included, read in batches on a few connections at once and
//! added up by the pure `crate::figures`.

use crate::access::Permission;
use crate::figures::{Figures, FiscalYear, Tally};
use crate::store::{Among, Store, StoreError};

/// Clients per batch: each reader holds one batch's records at a time.
const BATCH: usize = 500;
/// At most this many connections read at once.
const READERS: usize = 4;

/// The figures of `fy` as of the store's day. Refused unless this login
/// may see them.
pub(crate) fn office_figures(store: &Store, fy: FiscalYear) -> Result<Figures, StoreError> {
    store.require(Permission::ViewFigures)?;
    let settings = store.settings()?;
    let office = store.office()?;
    let staff = store.list_staff()?;
    let today = store.today();
    // The 就労定着率 counts people whose case has closed since.
    let ids = store.client_ids()?;
    let parts = store.fold_engine_batches(
        &ids,
        BATCH,
        Among::default(),
        READERS,
        || Tally::new(fy, settings, today),
        |t, clients| t.add(&clients),
    )?;
    let mut tally = Tally::new(fy, settings, today);
    for p in parts {
        tally.merge(p);
    }
    Ok(tally.finish(&staff, &office))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Role, Staff};
    use crate::store::test_support::store;

    fn member(login: &str, role: Role) -> Staff {
        Staff {
            login: login.into(),
            display_name: login.into(),
            role,
            basic_training: None,
            fte_percent: Some(100),
            joined: None,
            left: None,
            fte_history: Vec::new(),
        }
    }

    #[test]
    fn figures_are_for_the_coordinator_and_the_admin_only() {
        let (dir, s) = store();
        let doc = crate::demo::generate(40, s.today());
        crate::operation::import_document(&s, &doc).expect("import");
        crate::operation::apply(
            &s,
            &crate::operation::Operation::AddStaff(member("tanaka", Role::Admin)),
        )
        .expect("admin");
        crate::operation::apply(
            &s,
            &crate::operation::Operation::AddStaff(member("suzuki", Role::CaseWorker)),
        )
        .expect("worker");
        crate::operation::apply(
            &s,
            &crate::operation::Operation::AddStaff(member("nakamura", Role::Coordinator)),
        )
        .expect("coordinator");
        let path = dir.path().join("t.db");
        let fy = FiscalYear::of(s.today());
        let whole = office_figures(&s, fy).expect("admin may");
        let coordinator = Store::open_as(&path, "nakamura").expect("open");
        let mut coordinator = coordinator;
        coordinator.set_today(s.today());
        assert_eq!(
            office_figures(&coordinator, fy).expect("coordinator may"),
            whole
        );
        let worker = Store::open_as(&path, "suzuki").expect("open");
        let refused = office_figures(&worker, fy).expect_err("a 支援員 may not");
        assert!(
            refused.to_string().contains("サービス管理責任者"),
            "{refused}"
        );
    }

    #[test]
    fn reading_in_batches_on_several_connections_gives_the_figures_of_all_at_once() {
        let (_dir, mut s) = store();
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).expect("date");
        s.set_today(today);
        // Over two batches, closed cases included.
        let doc = crate::demo::generate(1200, today);
        crate::operation::import_document(&s, &doc).expect("import");
        let fy = FiscalYear(2026);
        let got = office_figures(&s, fy).expect("figures");
        let all = s.load_all_for_engine().expect("load");
        assert!(all.iter().any(|c| c.is_closed()));
        let want = crate::figures::compute(
            &all,
            &s.list_staff().expect("staff"),
            &s.office().expect("office"),
            &s.settings().expect("settings"),
            fy,
            today,
        );
        assert_eq!(got, want);
    }
}
