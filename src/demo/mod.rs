//! A realistic, deterministic demo data set: clients at every stage of the
//! flow (docs/BASIS.md §2) relative to `today`, with the records a real office would
//! have — mostly complete, with a minority of steps missed or late so the
//! timeline shows overdue and due-soon items.
//!
//! Same inputs, same output: a small self-contained PRNG (splitmix64) is
//! seeded per client from a constant and the client's position, so
//! `generate(n, today)` is a prefix of `generate(m, today)` for n < m.
//! The office's figures get a real office's spread from `spread`, which
//! looks only at the clients before.

mod course;
mod course_records;
mod spread;
mod words;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_figures;

use chrono::{Datelike, NaiveDate};

use crate::dates::{add_days, add_months_clamped, last_day_of_month, period_end};
use crate::model::{
    Client, Closure, ClosureReason, Disclosure, Document, Employer, Employment, Role, Staff,
    SupportType,
};
use words::*;

/// The most clients `generate` makes.
pub const MAX_CLIENTS: usize = 30_000;

const SEED: u64 = 0x7465_6963_6861_6b75; // "teichaku"

/// splitmix64: tiny, fast, and good enough for made-up data.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Self(seed)
    }
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// 0..n (0 when n is 0).
    fn below(&mut self, n: u64) -> u64 {
        if n == 0 { 0 } else { self.next() % n }
    }
    /// lo..=hi.
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo).max(0) as u64 + 1) as i64
    }
    fn percent(&mut self, p: u64) -> bool {
        self.below(100) < p
    }
    /// One item of a non-empty constant list.
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

/// The demo office's details (fictional: the number is not a real 指定番号).
pub fn demo_office() -> crate::model::Office {
    crate::model::Office {
        name: "就労定着支援センターみらい".into(),
        number: "1310000000".into(),
        corporation: "社会福祉法人みらい会".into(),
        address: "東京都千代田区千代田1-1-1".into(),
        phone: "03-0000-0000".into(),
        handover_guideline: "事業所内の共有フォルダ「引継ぎの指針」（令和7年4月改訂）".into(),
        handover_responsible: "中村 恵（サービス管理責任者）".into(),
        version: 0,
    }
}

/// The demo office's staff: case workers, a coordinator and an admin.
/// Two have not yet taken the 基礎的研修 (000 §3(1)).
pub fn demo_staff() -> Vec<Staff> {
    let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
    let s = |login: &str, name: &str, role, basic_training| Staff {
        login: login.to_string(),
        display_name: name.to_string(),
        role,
        basic_training,
        // Full time, but the 管理者 (who does not support clients).
        fte_percent: (role != Role::Admin).then_some(100),
        joined: None,
        left: None,
        fte_history: Vec::new(),
    };
    vec![
        s("tanaka", "田中 美咲", Role::CaseWorker, day(2025, 6, 12)),
        s("suzuki", "鈴木 健一", Role::CaseWorker, day(2025, 9, 30)),
        s("takahashi", "高橋 由美", Role::CaseWorker, None),
        s("watanabe", "渡辺 大輔", Role::CaseWorker, day(2026, 1, 20)),
        s("ito", "伊藤 彩", Role::CaseWorker, None),
        s("yamamoto", "山本 直樹", Role::CaseWorker, day(2025, 11, 5)),
        s("nakamura", "中村 恵", Role::Coordinator, day(2025, 5, 15)),
        s("kobayashi", "小林 誠", Role::Admin, day(2024, 10, 1)),
    ]
}

/// `clients` demo clients (at most `MAX_CLIENTS`) as they stand on `today`.
pub fn generate(clients: usize, today: NaiveDate) -> Document {
    let mut all = Vec::with_capacity(clients.min(MAX_CLIENTS));
    let _ = each_client(clients, today, |c| {
        all.push(c);
        Ok::<(), std::convert::Infallible>(())
    });
    Document { clients: all }
}

/// The clients of `generate`, one at a time (a large demo office is
/// written as it is made, never held whole); stops at `each`'s error.
pub fn each_client<E>(
    clients: usize,
    today: NaiveDate,
    mut each: impl FnMut(Client) -> Result<(), E>,
) -> Result<(), E> {
    let employers: Vec<Employer> = (0..COMPANIES.len()).map(employer).collect();
    let staff = demo_staff();
    let workers: Vec<&str> = staff
        .iter()
        .filter(|s| s.role != Role::Admin)
        .map(|s| s.login.as_str())
        .collect();
    let mut spread = spread::Spread::new(today);
    (0..clients.min(MAX_CLIENTS))
        .try_for_each(|i| each(client(i, today, &employers, &workers, &mut spread)))
}

/// Client `i`'s 援護の実施市町村: most live in the office's ward, the rest
/// in the wards around it (by number, so the random draws of every other
/// field stay as they were).
fn municipality(i: usize) -> &'static str {
    match i % 10 {
        0..=4 => "千代田区",
        5 | 6 => "中央区",
        7 => "港区",
        8 => "新宿区",
        _ => "文京区",
    }
}

/// Employer `k`: the same company always has the same address and phone.
fn employer(k: usize) -> Employer {
    let mut rng = Rng::new(SEED ^ 0xE4 ^ ((k as u64) << 32));
    let (name, industry) = COMPANIES[k % COMPANIES.len()];
    let (town, area) = *rng.pick(TOWNS);
    let address = format!(
        "{town}{}丁目{}番{}号",
        rng.range(1, 5),
        rng.range(1, 20),
        rng.range(1, 15)
    );
    // Area code + local number make ten digits.
    let local = if area.len() == 2 {
        format!("{:04}-{:04}", rng.range(1000, 9999), rng.range(0, 9999))
    } else {
        format!("{:03}-{:04}", rng.range(200, 999), rng.range(0, 9999))
    };
    let person = format!(
        "{} {}{}",
        rng.pick(DEPARTMENTS),
        rng.pick(FAMILY).0,
        rng.pick(TITLES)
    );
    Employer {
        name: name.to_string(),
        industry: industry.to_string(),
        address,
        phone: format!("{area}-{local}"),
        contact_person: person,
    }
}

fn client(
    i: usize,
    today: NaiveDate,
    employers: &[Employer],
    workers: &[&str],
    spread: &mut spread::Spread,
) -> Client {
    let mut rng = Rng::new(SEED ^ (i as u64).wrapping_mul(0xD1B5_4A32_D192_ED03));
    let (family, family_kana) = *rng.pick(FAMILY);
    let male = rng.percent(55);
    let (given, given_kana) = *rng.pick(if male { MALE } else { FEMALE });
    // Ages 20–60 on `today`.
    let born = add_days(
        add_months_clamped(today, -(20 * 12 + rng.range(0, 40 * 12 - 1) as i32)),
        -rng.range(0, 27),
    );
    let expires = {
        let d = add_days(today, rng.range(-15, 330));
        last_day_of_month(d.year(), d.month())
    };
    let disclosure = if rng.percent(15) {
        Disclosure::Closed
    } else {
        Disclosure::Open
    };
    let staff = workers[rng.below(workers.len().min(6) as u64) as usize].to_string();
    let staff = if rng.percent(5) {
        rng.pick(workers).to_string()
    } else {
        staff
    };
    let employer = rng.pick(employers).clone();
    let course = course::course(&mut rng, today, |rng, s, e| spread.leaves(i, rng, s, e));
    let mut client = Client {
        id: None,
        version: 0,
        external_id: format!("D{:05}", i + 1),
        name: format!("{family} {given}"),
        kana: format!("{family_kana} {given_kana}"),
        birth_date: Some(born),
        sex: if male { "男" } else { "女" }.to_string(),
        certificate_no: format!("{:010}", rng.below(10_000_000_000)),
        certificate_expires: Some(spread.lapsed_certificate(i).unwrap_or(expires)),
        municipality: municipality(i).to_string(),
        job_coach_subsidy_months: Vec::new(),
        certificate_from: None,
        certificate_history: Vec::new(),
        disclosure,
        needs_continuing_support: rng.percent(10),
        assigned_staff: Some(staff.clone()),
        fields: Default::default(),
        resolutions: Vec::new(),
        closure: None,
        employments: vec![Employment {
            id: None,
            version: 0,
            employer: employer.clone(),
            support_type: course.support_type,
            decision_date: Some(course.decision),
            start_date: match course.support_type {
                SupportType::HoursExtension => None,
                _ => Some(course.anchor),
            },
            prior_service_end_date: match course.support_type {
                SupportType::HoursExtension => Some(add_days(course.anchor, -1)),
                _ => None,
            },
            intent: course.intent,
            retention_start_date: course.service.map(|(s, _)| s),
            separation_date: course.separation,
            separation_reason: course
                .separation
                .map(|_| rng.pick(SEPARATION_REASONS).to_string()),
            fields: Default::default(),
        }],
        contacts: Vec::new(),
        reports: Vec::new(),
        plans: Vec::new(),
        consents: Vec::new(),
        handovers: Vec::new(),
        conferences: Vec::new(),
    };
    let sloppy = rng.percent(12);
    let support = crate::obligations::support_period(&client.employments[0]);
    let end_share = spread.end_share(i, support, course.separation.is_some());
    if end_share.is_some() {
        client.needs_continuing_support = true;
    }
    let mut writer = course_records::Writer {
        rng: &mut rng,
        client: &mut client,
        staff,
        employer_person: employer.contact_person,
        as_of: course.as_of,
        open: disclosure == Disclosure::Open,
        sloppy,
        late_handover: i == spread::LATE_HANDOVER,
        phone_only: spread.phone_only_month(i),
        end_share: end_share.unwrap_or(spread::EndShare::Usual),
    };
    course_records::write(&mut writer, &course);
    let closed_by = client.assigned_staff.clone().unwrap_or_default();
    client.closure = closure(&mut rng, &course, today, closed_by);
    client
}

/// Most offices close a case (終結) some weeks after it finished: the
/// support period ended, the client left the job, or they declined the
/// service. One in ten is left open, as happens.
fn closure(
    rng: &mut Rng,
    course: &course::Course,
    today: NaiveDate,
    closed_by: String,
) -> Option<Closure> {
    use course::Path;
    let (ended, reason, note) = if let Some(sep) = course.separation {
        (sep, ClosureReason::Separation, "離職により終結")
    } else if let Some((_, e)) = course.service {
        (e, ClosureReason::SupportEnd, "支援期間の満了")
    } else if course.path == Path::Declined {
        (
            period_end(course.anchor, 7),
            ClosureReason::Other,
            "就労定着支援の利用希望なし",
        )
    } else {
        return None;
    };
    let date = add_days(ended, rng.range(7, 60));
    (date <= today && !rng.percent(10)).then(|| Closure {
        date,
        reason,
        note: note.to_string(),
        closed_by,
    })
}
