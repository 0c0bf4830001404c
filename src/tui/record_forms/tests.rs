use chrono::NaiveDate;

use super::*;
use crate::model::{Counterpart, Method, Place};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).expect("valid date")
}

fn with(mut v: Values, pairs: &[(&str, &str)]) -> Values {
    for (k, val) in pairs {
        v.insert(k.to_string(), val.to_string());
    }
    v
}

fn error_for(errors: &[FieldError], id: &str) -> String {
    errors
        .iter()
        .find(|(f, _)| *f == id)
        .map(|(_, m)| m.clone())
        .unwrap_or_else(|| panic!("no error for {id}: {errors:?}"))
}

#[test]
fn quick_contact_defaults_are_today_in_person_at_the_office_with_the_client() {
    let v = with(
        contact_defaults(today(), None),
        &[("summary", "職場の様子を確認")],
    );
    assert_eq!(v["date"], "令和8年11月23日", "dates are shown as 和暦");
    let c = contact_from_values(&v, today(), "sato").expect("defaults plus a summary are valid");
    assert_eq!(c.date, today());
    assert_eq!(c.counterpart, Counterpart::Client);
    assert_eq!(c.method, Method::InPerson);
    assert_eq!(c.place, Place::Office);
    assert_eq!(c.staff.as_deref(), Some("sato"));
    assert!(c.obligations.is_empty());
}

#[test]
fn a_contact_opened_from_a_step_is_linked_to_that_step() {
    let v = with(
        contact_defaults(today(), Some("m23.confirm_intent")),
        &[("summary", "利用意向を確認した")],
    );
    let c = contact_from_values(&v, today(), "sato").expect("valid");
    assert_eq!(c.obligations, vec!["m23.confirm_intent".to_string()]);
}

#[test]
fn a_contact_needs_a_summary() {
    let errors = contact_from_values(&contact_defaults(today(), None), today(), "sato")
        .expect_err("no summary");
    assert!(error_for(&errors, "summary").contains("内容"));
}

#[test]
fn a_contact_date_that_cannot_be_read_is_refused_in_japanese() {
    let v = with(
        contact_defaults(today(), None),
        &[("date", "2026/2/30"), ("summary", "x")],
    );
    let errors = contact_from_values(&v, today(), "sato").expect_err("no such day");
    assert!(error_for(&errors, "date").contains("2月30日は存在しません"));
}

#[test]
fn a_contact_cannot_be_dated_in_the_future() {
    let v = with(
        contact_defaults(today(), None),
        &[("date", "明日"), ("summary", "x")],
    );
    let errors = contact_from_values(&v, today(), "sato").expect_err("future");
    // The rule set's own message, the one import and the CLI give too.
    let msg = error_for(&errors, "date");
    assert!(msg.contains("今日") && msg.contains("より後"), "{msg}");
}

#[test]
fn separation_before_the_start_of_employment_is_refused() {
    let v = with(
        new_employment_values(),
        &[
            ("employer_name", "株式会社みどり"),
            ("start_date", "2026-04-01"),
            ("separation_date", "2026-03-31"),
        ],
    );
    let errors = employment_from_values(None, &v, today()).expect_err("end before start");
    let msg = error_for(&errors, "separation_date");
    assert!(
        msg.contains("離職日") && msg.contains("就職日") && msg.contains("より前"),
        "{msg}"
    );
}

#[test]
fn retention_support_must_start_after_employment() {
    let v = with(
        new_employment_values(),
        &[
            ("employer_name", "株式会社みどり"),
            ("start_date", "2026-04-01"),
            ("retention_start_date", "2026-04-01"),
        ],
    );
    let errors = employment_from_values(None, &v, today()).expect_err("S ≤ A");
    let msg = error_for(&errors, "retention_start_date");
    assert!(msg.contains("6月を経過した翌日"), "{msg}");
}

#[test]
fn hours_extension_needs_the_prior_service_end_day_it_counts_from() {
    let v = with(
        new_employment_values(),
        &[
            ("employer_name", "みどり"),
            ("support_type", "hours_extension"),
        ],
    );
    let errors = employment_from_values(None, &v, today()).expect_err("anchor missing");
    assert!(error_for(&errors, "prior_service_end_date").contains("起算日"));
}

#[test]
fn employment_values_round_trip_through_the_form() {
    let v = with(
        new_employment_values(),
        &[
            ("employer_name", "株式会社みどり"),
            ("decision_date", "R8.3.10"),
            ("start_date", "2026-04-01"),
            ("intent", "wants"),
            ("separation_date", "2026-10-31"),
            ("separation_reason", "体調不良"),
        ],
    );
    let e = employment_from_values(None, &v, today()).expect("valid");
    assert_eq!(e.start_date, NaiveDate::from_ymd_opt(2026, 4, 1));
    assert_eq!(e.separation_reason.as_deref(), Some("体調不良"));
    let back = employment_values(&e);
    assert_eq!(back["start_date"], "令和8年4月1日");
    let again = employment_from_values(Some(&e), &back, today()).expect("valid again");
    assert_eq!(again, e);
}

#[test]
fn consent_withdrawn_before_it_was_given_is_refused() {
    let v = with(
        record_defaults(FormKind::Consent, today()),
        &[("date", "2026-05-01"), ("withdrawn", "2026-04-30")],
    );
    let errors = consent_from_values(&v, today()).expect_err("withdrawn first");
    assert!(error_for(&errors, "withdrawn").contains("同意日"));
}

#[test]
fn a_case_conference_needs_at_least_one_agency() {
    let v = record_defaults(FormKind::Conference, today());
    let errors = conference_from_values(&v, today()).expect_err("no agency");
    assert!(!errors.is_empty());
    let v = with(
        v,
        &[("agency_hello_work", "true"), ("manager_attended", "true")],
    );
    let c = conference_from_values(&v, today()).expect("valid");
    assert_eq!(c.agencies, vec![crate::model::AgencyKind::HelloWork]);
    assert!(c.manager_attended);
}

#[test]
fn a_handover_defaults_to_consent_given_and_needs_an_agency() {
    let v = record_defaults(FormKind::Handover, today());
    assert!(handover_from_values(&v, today()).is_err());
    let v = with(v, &[("agency", "障害者就業・生活支援センターあおば")]);
    let h = handover_from_values(&v, today()).expect("valid");
    assert!(h.consent);
    assert_eq!(h.date, today());
}

/// A client with a 受給者証 2026-04-01〜2027-03-31.
fn certified() -> crate::model::Client {
    serde_json::from_value(serde_json::json!({
        "external_id": "C001", "name": "山田 太郎", "certificate_no": "1111",
        "certificate_from": "2026-04-01", "certificate_expires": "2027-03-31"
    }))
    .expect("client")
}

#[test]
fn a_renewal_in_the_profile_keeps_the_old_certificate_in_the_history() {
    let base = certified();
    let v = with(
        client_values(&base),
        &[
            ("certificate_renew", "true"),
            ("certificate_no", "2222"),
            ("certificate_from", "2027-04-01"),
            ("certificate_expires", "2028-03-31"),
        ],
    );
    let c = client_from_values(&base, &v, today()).expect("renewed");
    assert_eq!(c.certificate_no, "2222");
    assert_eq!(c.certificate_history, vec![base.current_certificate()]);
    // Ticked with nothing new: said, not saved as a copy of itself.
    let v = with(client_values(&base), &[("certificate_renew", "true")]);
    let e = client_from_values(&base, &v, today()).expect_err("nothing new");
    assert!(error_for(&e, "certificate_renew").contains("新しい受給者証"));
    // A period that ends before it begins is refused under its field.
    let v = with(client_values(&base), &[("certificate_from", "2027-04-01")]);
    let e = client_from_values(&base, &v, today()).expect_err("backwards");
    assert!(
        error_for(&e, "certificate_expires").contains("より前"),
        "{e:?}"
    );
}

#[test]
fn the_job_coach_months_are_typed_as_a_list() {
    let base = certified();
    let v = with(
        client_values(&base),
        &[("job_coach_subsidy_months", "2026-11、2026-10")],
    );
    let c = client_from_values(&base, &v, today()).expect("months");
    assert_eq!(
        c.job_coach_subsidy_months
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>(),
        ["2026-10", "2026-11"]
    );
    let v = with(
        client_values(&base),
        &[("job_coach_subsidy_months", "十月")],
    );
    let e = client_from_values(&base, &v, today()).expect_err("not a month");
    assert!(error_for(&e, "job_coach_subsidy_months").contains("年月ではありません"));
}

#[test]
fn the_place_goes_with_the_method_and_the_counterpart() {
    let place_for = Place::for_contact;
    // A call, a mail, a video call: from the office, whoever is called.
    for &m in &[Method::Phone, Method::Email, Method::Video] {
        for &c in Counterpart::ALL {
            assert_eq!(place_for(c, m), Some(Place::Office), "{c:?} {m:?}");
        }
    }
    assert_eq!(
        place_for(Counterpart::Employer, Method::InPerson),
        Some(Place::Employer)
    );
    assert_eq!(
        place_for(Counterpart::Client, Method::InPerson),
        Some(Place::Office)
    );
    assert_eq!(
        place_for(Counterpart::Family, Method::InPerson),
        Some(Place::Office)
    );
    // その他 says nothing of where: the place is left as it is.
    for &c in Counterpart::ALL {
        assert_eq!(place_for(c, Method::Other), None);
    }
    // 雇用事業主内 only for meeting the employer there.
    for &c in Counterpart::ALL {
        for &m in Method::ALL {
            if place_for(c, m) == Some(Place::Employer) {
                assert_eq!((c, m), (Counterpart::Employer, Method::InPerson));
            }
        }
    }
}

fn contact_form() -> crate::tui::form_editor::Form {
    let mut form = new_form(FormKind::Contact, "", contact_specs(&[]), today());
    form.set_values(&contact_defaults(today(), None));
    form
}

fn put(form: &mut crate::tui::form_editor::Form, id: &str, v: &str) {
    form.put(&with(Values::new(), &[(id, v)]));
}

#[test]
fn the_place_follows_until_the_person_chooses_one() {
    let mut form = contact_form();
    assert_eq!(follow_place(&mut form), None, "the defaults agree");
    put(&mut form, "counterpart", "employer");
    let said = follow_place(&mut form).expect("changed");
    assert_eq!(form.values()["place"], "employer");
    assert!(said.contains("雇用事業主内"), "{said}");
    put(&mut form, "method", "phone");
    follow_place(&mut form);
    assert_eq!(form.values()["place"], "office");
    // Chosen by the person: it stays, whatever the method becomes.
    put(&mut form, "place", "other");
    form.mark_touched("place");
    put(&mut form, "method", "in_person");
    assert_eq!(follow_place(&mut form), None);
    assert_eq!(form.values()["place"], "other");
    // A draft keeps whose the place was.
    let draft = form.draft();
    let mut again = contact_form();
    again.restore(&draft);
    assert!(again.touched("place"));
    assert!(!again.touched("summary"));
    assert_eq!(follow_place(&mut again), None);
    assert_eq!(again.values()["place"], "other");
}

#[test]
fn a_new_contacts_place_starts_with_its_counterpart_and_method() {
    let mut v = with(
        contact_defaults(today(), None),
        &[("counterpart", "employer")],
    );
    place_with(&mut v);
    assert_eq!(v["place"], "employer");
    v.insert("method".into(), "phone".into());
    place_with(&mut v);
    assert_eq!(v["place"], "office");
}
