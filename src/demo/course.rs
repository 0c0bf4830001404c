//! Where in the flow (docs/BASIS.md §2) a demo client stands on `today`, and the key
//! dates of their case: decision, anchor A, intent, service start S, end E,
//! separation.

use chrono::{Datelike, NaiveDate};

use super::Rng;
use crate::dates::{add_days, add_months_clamped, last_day_of_month, month_k, period_end};
use crate::model::{Intent, SupportType};

/// The stage a client is placed in before their dates are drawn.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Target {
    Pre,
    M1,
    M23,
    M45,
    M6,
    Waiting,
    Declined,
    Y1,
    Y2,
    Y3,
    Ended,
}

/// Share of each stage (percent of the clients who did not separate).
const WEIGHTS: &[(Target, u64)] = &[
    (Target::Pre, 5),
    (Target::M1, 4),
    (Target::M23, 8),
    (Target::M45, 8),
    (Target::M6, 4),
    (Target::Waiting, 4),
    (Target::Declined, 4),
    (Target::Y1, 22),
    (Target::Y2, 17),
    (Target::Y3, 13),
    (Target::Ended, 11),
];

/// How the client's intent develops.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Path {
    /// Wants the service at month 2–3, applies at month 5.
    Service,
    /// Declines at month 2–3 and applies later (late application, 000 §1(1)).
    Late,
    Declined,
    /// Intent never confirmed (a neglected step).
    Unconfirmed,
}

pub(super) struct Course {
    pub support_type: SupportType,
    pub decision: NaiveDate,
    pub anchor: NaiveDate,
    pub path: Path,
    /// When the intent is (to be) confirmed, within months 2–3.
    pub confirm: NaiveDate,
    /// Intent as known on `as_of`.
    pub intent: Intent,
    /// 就労定着支援 start S and end E (docs/BASIS.md §2.3).
    pub service: Option<(NaiveDate, NaiveDate)>,
    pub separation: Option<NaiveDate>,
    /// Records stop here: today, or the separation day.
    pub as_of: NaiveDate,
}

fn days(rng: &mut Rng, d: NaiveDate, lo: i64, hi: i64) -> NaiveDate {
    add_days(d, rng.range(lo, hi))
}

/// A random day in `lo..=hi` (or `lo` when the range is empty).
pub(super) fn day_between(rng: &mut Rng, lo: NaiveDate, hi: NaiveDate) -> NaiveDate {
    days(rng, lo, 0, (hi - lo).num_days().max(0))
}

/// Offices often start people on the 1st; some anchors fall on a month
/// end, which exercises the civil-code clamping (2/28, 2/29).
fn snap(rng: &mut Rng, a: NaiveDate, today: NaiveDate, future: bool) -> NaiveDate {
    let snapped = match rng.below(100) {
        0..15 => a.with_day(1).unwrap_or(a),
        15..21 => last_day_of_month(a.year(), a.month()),
        _ => a,
    };
    if (snapped > today) == future {
        snapped
    } else {
        a
    }
}

/// A client's course as it stands on `today`. `leave` may give a 離職日 to a client in
/// 就労定着支援 from S to E who did not draw one (the office's spread).
pub(super) fn course(
    rng: &mut Rng,
    today: NaiveDate,
    leave: impl FnOnce(&mut Rng, NaiveDate, NaiveDate) -> Option<NaiveDate>,
) -> Course {
    let separated = rng.percent(5);
    let target = if separated {
        *rng.pick(&[Target::M23, Target::M45, Target::Y1, Target::Y2, Target::Y3])
    } else {
        let mut roll = rng.below(WEIGHTS.iter().map(|w| w.1).sum());
        let mut chosen = Target::Y1;
        for &(t, w) in WEIGHTS {
            if roll < w {
                chosen = t;
                break;
            }
            roll -= w;
        }
        chosen
    };
    let support_type = match rng.below(10) {
        0 => SupportType::HoursExtension,
        1 => SupportType::ReturnToWork,
        _ => SupportType::Standard,
    };
    let in_service = matches!(target, Target::Y1 | Target::Y2 | Target::Y3 | Target::Ended);
    let late = (in_service && rng.percent(8)) || (target == Target::Waiting && rng.percent(50));
    let path = match target {
        _ if late => Path::Late,
        Target::Declined => Path::Declined,
        Target::Waiting | Target::Y1 | Target::Y2 | Target::Y3 | Target::Ended => Path::Service,
        _ => match rng.below(100) {
            0..80 => Path::Service,
            80..95 => Path::Declined,
            _ => Path::Unconfirmed,
        },
    };

    // Anchor A, and for clients in service the day S was drawn around.
    let (anchor, drawn_start) = match target {
        Target::Pre => (days(rng, today, 1, 60), None),
        Target::M1 => (days(rng, today, -27, 0), None),
        Target::M23 => (days(rng, today, -88, -32), None),
        Target::M45 => (days(rng, today, -148, -94), None),
        Target::M6 => (days(rng, today, -178, -154), None),
        Target::Waiting if late => (days(rng, today, -700, -300), Some(days(rng, today, 5, 40))),
        Target::Waiting => (days(rng, today, -240, -186), None),
        Target::Declined => (days(rng, today, -900, -186), None),
        Target::Y1 | Target::Y2 | Target::Y3 | Target::Ended => {
            let (lo, hi) = match target {
                Target::Y1 => (5, 350),
                Target::Y2 => (372, 720),
                Target::Y3 => (737, 1085),
                _ => (1110, 1800),
            };
            let s = days(rng, today, -hi, -lo);
            let months_late = if late { rng.range(3, 12) as i32 } else { 0 };
            (add_months_clamped(s, -6 - months_late), Some(s))
        }
    };
    let anchor = snap(rng, anchor, today, target == Target::Pre);
    let decision = days(rng, anchor, -60, -7).min(today);
    // S is normally the day after month 6 from A ends (000 §1(2)).
    let normal_start = add_days(period_end(anchor, 6), 1);
    let start = drawn_start.map(|s| {
        if late {
            s.max(normal_start)
        } else {
            normal_start
        }
    });

    let (m2_start, _) = month_k(anchor, 2);
    let confirm = days(rng, m2_start, 3, 40);
    let applied_on = match (path, start) {
        (Path::Late, Some(s)) => days(rng, s, -60, -45),
        _ => days(rng, month_k(anchor, 5).0, 0, 25),
    };
    let end_of = |s: NaiveDate| period_end(s, 36).min(period_end(anchor, 42));

    let separation = match (separated, start) {
        (true, _) => {
            let limit = start.map_or(today, |s| end_of(s).min(today));
            Some(days(rng, anchor, 20, (limit - anchor).num_days().max(20)).min(today))
        }
        (false, Some(s)) if in_service => leave(rng, s, end_of(s)),
        (false, _) => None,
    };
    let as_of = separation.unwrap_or(today);

    let intent = match path {
        _ if as_of < confirm => Intent::Unknown,
        Path::Unconfirmed => Intent::Unknown,
        Path::Declined => Intent::Declined,
        Path::Late if as_of < applied_on => Intent::Declined,
        Path::Service if as_of < applied_on => Intent::Wants,
        Path::Late | Path::Service => Intent::Applied,
    };
    // Applied clients get their S: the one drawn, or the normal one for
    // those still in months 5–6; a pending application (Waiting) has none.
    let start = match (intent, target) {
        (Intent::Applied, Target::Waiting) if !late => None,
        (Intent::Applied, _) => Some(start.unwrap_or(normal_start)),
        _ => None,
    }
    .filter(|s| separation.is_none_or(|sep| *s <= sep));
    Course {
        support_type,
        decision,
        anchor,
        path,
        confirm,
        intent,
        service: start.map(|s| (s, end_of(s))),
        separation,
        as_of,
    }
}
