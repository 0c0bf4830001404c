//! The records a careful office would have written for a demo client's
//! course, with a realistic minority of steps missed or late. Nothing is
//! dated after `as_of` (today, or the separation day).

use chrono::{Datelike, NaiveDate, NaiveTime};

use super::Rng;
use super::course::{Course, Path, day_between};
use super::spread::{EndShare, share_day};
use super::words::*;
use crate::dates::{YearMonth, add_days, month_k, months_before, months_overlapping, period_end};
use crate::model::{
    Client, Consent, Contact, Counterpart, Handover, Method, ObligationId, Place, Plan, Report,
    SupportType,
};

pub(super) struct Writer<'a> {
    pub rng: &'a mut Rng,
    pub client: &'a mut Client,
    pub staff: String,
    /// 担当者 at the employer, named in employer contacts.
    pub employer_person: String,
    pub as_of: NaiveDate,
    /// The disability is disclosed to the employer (employer contacts allowed).
    pub open: bool,
    /// This client's worker misses and delays more steps than most.
    pub sloppy: bool,
    /// The month-6 handover is made after month 6 (a tour example).
    pub late_handover: bool,
    /// A month of service with a phone call and no face-to-face support
    /// (a tour example: the month cannot be billed).
    pub phone_only: Option<YearMonth>,
    /// The share before the end of support, when 要継続支援.
    pub end_share: EndShare,
}

impl Writer<'_> {
    /// True when a step is skipped: `careful`% of the time normally,
    /// `sloppy`% for a sloppy case.
    fn miss(&mut self, careful: u64, sloppy: u64) -> bool {
        self.rng.percent(if self.sloppy { sloppy } else { careful })
    }

    #[allow(clippy::too_many_arguments)]
    fn contact(
        &mut self,
        date: NaiveDate,
        counterpart: Counterpart,
        detail: &str,
        method: Method,
        place: Place,
        summary: &str,
        obligations: &[ObligationId],
    ) {
        if date > self.as_of {
            return;
        }
        let hour = self.rng.range(9, 17) as u32;
        let minute = *self.rng.pick(&[0, 15, 30, 45]);
        let place_detail = match place {
            Place::Other => self.rng.pick(OTHER_PLACES).to_string(),
            _ => String::new(),
        };
        self.client.contacts.push(Contact {
            id: None,
            version: 0,
            date,
            time: NaiveTime::from_hms_opt(hour, minute, 0),
            staff: Some(self.staff.clone()),
            counterpart,
            counterpart_detail: detail.to_string(),
            method,
            method_detail: String::new(),
            place,
            place_detail,
            summary: summary.to_string(),
            obligations: obligations.to_vec(),
        });
    }

    /// A day in `lo..=hi`, a weekday when a few tries find one (offices
    /// rarely meet at weekends, but a one-day window may be a Sunday).
    fn workday(&mut self, lo: NaiveDate, hi: NaiveDate) -> NaiveDate {
        let mut date = day_between(self.rng, lo, hi);
        for _ in 0..4 {
            if date.weekday().num_days_from_monday() < 5 {
                break;
            }
            date = day_between(self.rng, lo, hi);
        }
        date
    }

    /// 面接 or テレビ電話 with the client (000 §1(4)②).
    fn face_to_face(&mut self, lo: NaiveDate, hi: NaiveDate) {
        let date = self.workday(lo, hi);
        let summary = *self.rng.pick(CLIENT_TALKS);
        let (method, place) = match self.rng.below(100) {
            0..30 => (Method::Video, Place::Office),
            30..75 => (Method::InPerson, Place::Office),
            75..88 if self.open => (Method::InPerson, Place::Employer),
            _ => (Method::InPerson, Place::Other),
        };
        self.contact(date, Counterpart::Client, "", method, place, summary, &[]);
    }

    /// A phone call in place of the month's face-to-face support.
    fn phone_only_month(&mut self, lo: NaiveDate, hi: NaiveDate) {
        let date = self.workday(lo, hi);
        let (m, p) = (Method::Phone, Place::Office);
        self.contact(date, Counterpart::Client, "", m, p, PHONE_ONLY, &[]);
    }

    fn remote(&mut self, lo: NaiveDate, hi: NaiveDate) {
        let date = self.workday(lo, hi);
        let summary = *self.rng.pick(REMOTE_TALKS);
        let method = if self.rng.percent(60) {
            Method::Phone
        } else {
            Method::Email
        };
        self.contact(
            date,
            Counterpart::Client,
            "",
            method,
            Place::Office,
            summary,
            &[],
        );
    }

    /// A visit to the workplace, or a call to the employer.
    fn employer(&mut self, lo: NaiveDate, hi: NaiveDate) {
        let date = self.workday(lo, hi);
        let summary = *self.rng.pick(EMPLOYER_TALKS);
        let person = self.employer_person.clone();
        let (method, place) = if self.rng.percent(75) {
            (Method::InPerson, Place::Employer)
        } else {
            (Method::Phone, Place::Office)
        };
        self.contact(
            date,
            Counterpart::Employer,
            &person,
            method,
            place,
            summary,
            &[],
        );
    }

    fn agency(
        &mut self,
        date: NaiveDate,
        who: &str,
        summary: &str,
        obligation: Option<ObligationId>,
    ) {
        let method = if self.rng.percent(50) {
            Method::Phone
        } else {
            Method::InPerson
        };
        let obligations: &[ObligationId] = match &obligation {
            None => &[],
            Some(id) => std::slice::from_ref(id),
        };
        self.contact(
            date,
            Counterpart::Agency,
            who,
            method,
            Place::Office,
            summary,
            obligations,
        );
    }
}

pub(super) fn write(w: &mut Writer, c: &Course) {
    before_service(w, c);
    if let Some((s, e)) = c.service {
        service(w, s, e);
    }
    w.client.contacts.sort_by_key(|x| (x.date, x.time));
}

/// Stages ①–④ (000 §1(1)①②③, 別添) and the monthly follow-up of the
/// first six months.
fn before_service(w: &mut Writer, c: &Course) {
    let a = c.anchor;
    let last_pre = add_days(a, -1);
    let d = w.workday(c.decision, last_pre.min(add_days(c.decision, 10)));
    if w.miss(0, 30) {
        let ids = [ObligationId::PRE_NEEDS_ASSESSMENT];
        w.contact(
            d,
            Counterpart::Client,
            "",
            Method::InPerson,
            Place::Office,
            NEEDS_ONLY,
            &ids,
        );
    } else {
        let ids = [
            ObligationId::PRE_NEEDS_ASSESSMENT,
            ObligationId::PRE_INFORM_SERVICE,
        ];
        let text = NEEDS_ASSESSMENT;
        w.contact(
            d,
            Counterpart::Client,
            "",
            Method::InPerson,
            Place::Office,
            text,
            &ids,
        );
    }
    if c.support_type == SupportType::Standard {
        let (lo, hi) = if w.miss(3, 25) { (15, 40) } else { (0, 10) };
        let date = add_days(a, w.rng.range(lo, hi));
        let who = *w.rng.pick(MUNICIPALITIES);
        w.agency(
            date,
            who,
            REPORT_MUNICIPALITY,
            Some(ObligationId::PRE_REPORT_MUNICIPALITY),
        );
    }
    for k in 1..=6 {
        let (lo, hi) = month_k(a, k);
        if lo > w.as_of {
            break;
        }
        if !w.miss(15, 30) {
            w.face_to_face(lo, hi);
        }
        if w.open && w.rng.percent(30) {
            w.employer(lo, hi);
        }
        if w.rng.percent(20) {
            w.remote(lo, hi);
        }
    }
    if c.path != Path::Unconfirmed {
        let declined = matches!(c.path, Path::Declined | Path::Late);
        let text = if declined {
            INTENT_DECLINED
        } else {
            INTENT_WANTS
        };
        let ids = [ObligationId::M23_CONFIRM_INTENT];
        let (io, ip) = (Method::InPerson, Place::Office);
        w.contact(c.confirm, Counterpart::Client, "", io, ip, text, &ids);
        if !declined {
            if c.confirm <= w.as_of {
                w.client.consents.push(Consent {
                    id: None,
                    version: 0,
                    scope: "agency_sharing".to_string(),
                    date: c.confirm,
                    written: true,
                    withdrawn: None,
                });
            }
            if !w.miss(2, 25) {
                let m3_end = month_k(a, 3).1;
                let lo = add_days(c.confirm, 1);
                let date = w.workday(lo, m3_end.min(add_days(lo, 20)));
                let who = *w.rng.pick(CONSULTATION);
                w.agency(
                    date,
                    who,
                    SHARE_STATUS,
                    Some(ObligationId::M23_SHARE_STATUS),
                );
            }
        }
    }
    if c.path == Path::Service {
        let who = *w.rng.pick(RETENTION_OFFICES);
        if !w.miss(2, 20) {
            let date = w.workday(month_k(a, 4).0, month_k(a, 5).1);
            w.agency(date, who, COORDINATE, Some(ObligationId::M45_COORDINATE));
        }
        let (lo, hi) = month_k(a, 6);
        if !w.miss(4, 25) && !w.late_handover {
            let date = w.workday(lo, hi);
            w.agency(date, who, HANDOVER_M6, Some(ObligationId::M6_HANDOVER));
        } else if w.late_handover || w.rng.percent(60) {
            // Most missed handovers are made after month 6, once the
            // service has begun (完了(遅延)); the rest stay overdue.
            let date = w.workday(add_days(hi, 3), add_days(hi, 40));
            let late = Some(ObligationId::M6_HANDOVER);
            w.agency(date, who, HANDOVER_M6_LATE, late);
        }
    }
}

/// 就労定着支援 from S to E: monthly contacts and reports, the plan and its
/// reviews, the end-of-support handover (000 §1(4)–(6)).
fn service(w: &mut Writer, s: NaiveDate, e: NaiveDate) {
    // 事業主とのレポート共有 needs the client's consent (000 §1(5)).
    let employer_consent = w.open.then(|| {
        let withdrawn = w
            .rng
            .percent(3)
            .then(|| add_days(s, w.rng.range(60, 400)))
            .filter(|d| *d <= w.as_of.min(e));
        Consent {
            id: None,
            version: 0,
            scope: "employer_report_sharing".to_string(),
            date: s,
            written: true,
            withdrawn,
        }
    });
    for ym in months_overlapping(s, e) {
        let lo = s.max(ym.first_day());
        let hi = e.min(ym.last_day());
        if lo > w.as_of {
            break;
        }
        if w.phone_only == Some(ym) {
            w.phone_only_month(lo, hi);
        } else if !w.miss(1, 12) {
            w.face_to_face(lo, hi);
        }
        if w.phone_only != Some(ym) && w.rng.percent(12) {
            w.face_to_face(lo, hi);
        }
        if w.rng.percent(15) {
            w.remote(lo, hi);
        }
        if w.open && !w.miss(8, 30) {
            w.employer(lo, hi);
        }
        if !w.miss(2, 12) {
            report(w, ym, lo, hi, employer_consent.as_ref());
        }
    }
    if let Some(consent) = employer_consent.filter(|c| c.date <= w.as_of) {
        w.client.consents.push(consent);
    }
    plan(w, s, e);
    // 要継続支援: share with the next agency ≥ 3 months before E (000 §1(4)③).
    let fate = w.end_share;
    if w.client.needs_continuing_support
        && (fate != EndShare::Usual || !w.miss(5, 30))
        && let Some(date) = share_day(w.rng, fate, s, months_before(e, 3), w.as_of)
    {
        let agency = *w.rng.pick(HANDOVER_AGENCIES);
        w.client.handovers.push(Handover {
            id: None,
            date,
            agency: agency.to_string(),
            shared: HANDOVER_SHARED.to_string(),
            consent: true,
            obligations: Vec::new(),
            version: 0,
        });
        w.agency(date, agency, HANDOVER_END, None);
    }
}

/// 支援レポート, made near the month's end and shown to the client.
fn report(w: &mut Writer, ym: YearMonth, lo: NaiveDate, hi: NaiveDate, consent: Option<&Consent>) {
    let created = add_days(hi, -w.rng.range(0, 3)).max(lo);
    if created > w.as_of {
        return;
    }
    let presented = add_days(created, w.rng.range(0, 2)).min(hi);
    let presented = (presented <= w.as_of).then_some(presented);
    let share_with_employer = match (consent, presented) {
        (Some(c), Some(p)) => c.in_force(p),
        _ => false,
    };
    w.client.reports.push(Report {
        id: None,
        version: 0,
        month: ym,
        created: Some(created),
        presented,
        share_with_employer,
        fields: Default::default(),
    });
}

/// 就労定着支援計画 at S, reviewed at least every 6 months (000 §1(6)).
fn plan(w: &mut Writer, s: NaiveDate, e: NaiveDate) {
    let created = if w.miss(0, 25) {
        add_days(s, w.rng.range(3, 20))
    } else {
        s
    };
    let until = w.as_of.min(e);
    if created > until {
        return;
    }
    let mut reviews = Vec::new();
    let mut last = created;
    loop {
        let due = period_end(last, 6);
        let (lo, hi) = if w.miss(3, 20) { (5, 30) } else { (-25, 0) };
        let review = add_days(due, w.rng.range(lo, hi));
        if review > until {
            break;
        }
        reviews.push(review);
        last = review;
    }
    w.client.plans.push(Plan {
        id: None,
        version: 0,
        created,
        reviews,
        fields: Default::default(),
    });
}
