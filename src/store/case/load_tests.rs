//! Reading values the store did not write itself (an older version, a hand
//! edit): the fast paths for exact ids and ISO dates must not change what
//! is read, and what cannot be read is named in Japanese.

use crate::model::{Client, ClientId, Contact, Counterpart, Method, Place};
use crate::operation::{self, Operation};
use crate::store::test_support::store;

fn one_client_with_a_contact(s: &crate::store::Store) -> ClientId {
    let c: Client =
        serde_json::from_str(r#"{"external_id": "C1", "name": "山田 花子"}"#).expect("client");
    let id = operation::apply(s, &Operation::AddClient(Box::new(c.clone())))
        .map(|a| a.client.unwrap_or_default())
        .expect("insert");
    let contact = Contact {
        id: None,
        version: 0,
        date: chrono::NaiveDate::from_ymd_opt(2026, 5, 1).unwrap_or_default(),
        time: None,
        staff: None,
        counterpart: Counterpart::Employer,
        counterpart_detail: String::new(),
        method: Method::Phone,
        method_detail: String::new(),
        place: Place::Other,
        place_detail: String::new(),
        summary: "電話".into(),
        obligations: Vec::new(),
    };
    operation::apply(
        s,
        &Operation::AddContact {
            client_id: id,
            contact: Box::new(contact.clone()),
            intent: None,
        },
    )
    .map(|a| a.record.unwrap_or_default())
    .expect("add");
    id
}

/// Every way the engine and the screens read clients.
fn read_every_way(s: &crate::store::Store, id: ClientId) -> Vec<Result<Contact, String>> {
    let full = s
        .load_client(id)
        .map_err(|e| e.to_string())
        .map(|c| c.contacts[0].clone());
    let mut lean = Err("not read".to_string());
    let batch = s.for_each_engine_batch([&[id][..]], Default::default(), |cs| {
        lean = Ok(cs[0].contacts[0].clone());
        Ok(())
    });
    if let Err(e) = batch {
        lean = Err(e.to_string());
    }
    vec![full, lean]
}

#[test]
fn labels_padding_and_loose_dates_in_the_file_still_read() {
    let (_dir, s) = store();
    let id = one_client_with_a_contact(&s);
    s.conn()
        .execute_batch(
            "UPDATE contacts SET counterpart = '本人', method = ' video ', \
             place = 'workplace_not_an_id', date = '2026-5-02'",
        )
        .expect("edit");
    // `place` is not a value at all: reported, with table, row and column.
    for r in read_every_way(&s, id) {
        let e = r.expect_err("an unknown place is refused");
        assert!(e.contains("contacts") && e.contains("place"), "{e}");
        assert!(e.contains("想定外の値「workplace_not_an_id」"), "{e}");
    }
    s.conn()
        .execute_batch("UPDATE contacts SET place = '雇用事業主内'")
        .expect("edit");
    for r in read_every_way(&s, id) {
        let c = r.expect("read");
        assert_eq!(c.counterpart, Counterpart::Client);
        assert_eq!(c.method, Method::Video);
        assert_eq!(c.place, Place::Employer);
        assert_eq!(
            c.date,
            chrono::NaiveDate::from_ymd_opt(2026, 5, 2).unwrap_or_default()
        );
    }
}

#[test]
fn an_impossible_stored_date_is_named_not_guessed() {
    let (_dir, s) = store();
    let id = one_client_with_a_contact(&s);
    s.conn()
        .execute_batch("UPDATE contacts SET date = '2026-02-30'")
        .expect("edit");
    for r in read_every_way(&s, id) {
        let e = r.expect_err("refused");
        assert!(e.contains("日付ではありません「2026-02-30」"), "{e}");
    }
}
