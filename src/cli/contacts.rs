//! Contacts (支援記録) from the shell: list, add, correct and delete. Each
//! command parses its options, calls one use case, and translates the rule
//! set's field names to the options the person typed.

use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Args, Subcommand};

use super::gather::Gather;
use super::record_commands::{DeleteArgs, Kind, ListArgs, choice, date_opt, list, time_opt};
use super::refusals::{Instead, refused_for, typed_with};
use super::{CliError, output, store_error};
use crate::access::Permission;
use crate::fields::contact as fields;
use crate::model::{ClientId, Contact, Counterpart, Intent, Method, ObligationId, Place, RecordId};
use crate::operation::{self, Operation, Record};
use crate::store::{Store, StoreError, Table};
use crate::usecases;

#[derive(Debug, Subcommand)]
pub enum ContactCommand {
    /// 利用者の支援記録を一覧する (記録 ID つき)
    List(ListArgs),
    /// 支援記録を1件追加する
    Add(ContactAddArgs),
    /// 支援記録を直す (指定した項目だけ変わる)
    Edit(ContactEditArgs),
    /// 支援記録を削除する (元の内容と理由は監査記録に残る)
    Delete(DeleteArgs),
}

#[derive(Debug, Args)]
pub struct ContactAddArgs {
    /// 利用者 ID (external_id)
    #[arg(long, value_name = "ID")]
    pub client: String,
    /// 日付 (例: today, 2026-05-20, R8.5.20, 5/20)。今日より後は不可
    #[arg(
        long,
        default_value = "today",
        value_name = "DATE",
        allow_hyphen_values = true
    )]
    pub date: String,
    /// 時刻 (例: 14:30)
    #[arg(long, value_name = "HH:MM")]
    pub time: Option<String>,
    /// 相手: client (本人), employer (事業主), family (家族), agency (関係機関)
    #[arg(long, default_value = "client")]
    pub counterpart: String,
    /// 方法: in_person (面接), video (テレビ電話), phone, email, other
    #[arg(long, default_value = "in_person")]
    pub method: String,
    /// 場所: employer (雇用事業主内), office (事業所内), other [既定: 相手と方法から
    /// — 電話・メール・テレビ電話と、事業主以外との面接は office、事業主との面接は employer]
    #[arg(long)]
    pub place: Option<String>,
    // Left out, it is empty and refused by the rule with the words the
    // form and import use (not clap's own).
    #[arg(
        long,
        help = fields::SUMMARY.help(),
        value_name = "TEXT",
        default_value = "",
        hide_default_value = true,
        allow_hyphen_values = true
    )]
    pub summary: String,
    /// この記録で満たす義務 ID (複数可)。例: m23.confirm_intent (一覧: teichaku rules)
    #[arg(long = "fulfils", value_name = "OBLIGATION_ID")]
    pub fulfils: Vec<String>,
    /// 確認した利用意向 (m23.confirm_intent と一緒に): wants, declined, applied
    #[arg(long, value_name = "INTENT")]
    pub intent: Option<String>,
    /// 記録者 (既定: ログイン名)
    #[arg(long, value_name = "LOGIN", help = format!("{} (既定: ログイン名)", fields::STAFF.help()))]
    pub staff: Option<String>,
}

#[derive(Debug, Args)]
pub struct ContactEditArgs {
    /// 支援記録の ID (contact list で確認)
    pub id: RecordId,
    /// 日付 (今日より後は不可)
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub date: Option<String>,
    /// 時刻 (空にすると消す)
    #[arg(long, value_name = "HH:MM")]
    pub time: Option<String>,
    /// 相手: client, employer, family, agency
    #[arg(long)]
    pub counterpart: Option<String>,
    /// 方法: in_person, video, phone, email, other
    #[arg(long)]
    pub method: Option<String>,
    /// 場所: employer, office, other
    #[arg(long)]
    pub place: Option<String>,
    #[arg(
        long,
        help = fields::SUMMARY.help(),
        value_name = "TEXT",
        allow_hyphen_values = true
    )]
    pub summary: Option<String>,
    /// 満たす義務 ID (指定すると、これまでの指定と置き換わる)
    #[arg(long = "fulfils", value_name = "OBLIGATION_ID")]
    pub fulfils: Vec<String>,
    /// 満たす義務の指定をすべて外す
    #[arg(long, conflicts_with = "fulfils")]
    pub no_fulfils: bool,
}

/// Option names of the contact fields, for the rule set's problems.
const CONTACT_OPTIONS: &[(&str, &str)] = &[
    ("date", "--date"),
    ("time", "--time"),
    ("staff", "--staff"),
    ("summary", "--summary"),
    ("counterpart", "--counterpart"),
    ("counterpart_detail", "--counterpart"),
    ("method", "--method"),
    ("method_detail", "--method"),
    ("place", "--place"),
    ("place_detail", "--place"),
    ("obligations", "--fulfils"),
];

fn obligations(ids: &[String]) -> Result<Vec<ObligationId>, CliError> {
    ids.iter()
        .map(|s| ObligationId::parse_or_explain(s).map_err(|e| CliError(format!("--fulfils: {e}"))))
        .collect()
}

/// What contact `id` now completes, one line each.
fn print_completed(
    store: &Store,
    client_id: ClientId,
    id: RecordId,
    date: NaiveDate,
) -> Result<(), CliError> {
    for o in usecases::completed_by_contact(store, client_id, id, date)? {
        let period = o.period.map(|p| format!(" {p}")).unwrap_or_default();
        output::line(format_args!(
            "  ✓ {}{period} {} → {}",
            o.id,
            o.title,
            o.status_label()
        ))?;
    }
    Ok(())
}

pub(super) fn contact(
    store: &Store,
    cmd: &ContactCommand,
    today: NaiveDate,
) -> Result<ExitCode, CliError> {
    match cmd {
        ContactCommand::List(a) => {
            let id = usecases::client_by_external_id(store, &a.client)?;
            list(store, id, Some(Kind::Contact), a.format)
        }
        ContactCommand::Add(a) => contact_add(store, a, today),
        ContactCommand::Edit(a) => contact_edit(store, a, today),
        ContactCommand::Delete(a) => {
            let row = usecases::record_row(store, Table::Contacts, a.id)?;
            let op = Operation::Delete {
                table: Table::Contacts,
                id: a.id,
                version: None,
                reason: a.reason.clone(),
            };
            operation::apply(store, &op).map_err(|e| store_error(e, super::REASON_OPTION))?;
            output::line(format_args!(
                "削除しました: 支援記録 #{} {}",
                row.id,
                row.date.map(|d| d.to_string()).unwrap_or_default()
            ))?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn contact_add(store: &Store, a: &ContactAddArgs, today: NaiveDate) -> Result<ExitCode, CliError> {
    let mut g = Gather::default();
    let date = g.take("--date", date_opt("--date", &a.date, today));
    let time = g.take("--time", a.time.as_deref().map(time_opt).transpose());
    let counterpart = g.take(
        "--counterpart",
        choice(
            "--counterpart",
            &a.counterpart,
            Counterpart::parse,
            Counterpart::choices(),
        ),
    );
    let method = g.take(
        "--method",
        choice("--method", &a.method, Method::parse, Method::choices()),
    );
    let place = g.take(
        "--place",
        a.place
            .as_deref()
            .map(|p| choice("--place", p, Place::parse, Place::choices()))
            .transpose(),
    );
    let fulfils = g.take("--fulfils", obligations(&a.fulfils));
    let contact = Contact {
        id: None,
        version: 0,
        date: date.unwrap_or(today),
        time: time.flatten(),
        staff: Some(a.staff.clone().unwrap_or_else(|| store.user().to_string())),
        counterpart: counterpart.unwrap_or(Counterpart::Client),
        counterpart_detail: String::new(),
        method: method.unwrap_or(Method::InPerson),
        method_detail: String::new(),
        // Unnamed, the place that goes with the counterpart and method
        // (as the form sets it).
        place: place.flatten().unwrap_or_else(|| {
            Place::for_contact(
                counterpart.unwrap_or(Counterpart::Client),
                method.unwrap_or(Method::InPerson),
            )
            .unwrap_or(Place::Office)
        }),
        place_detail: String::new(),
        // Its ends trimmed, as the form and import keep it.
        summary: crate::text::trim_input(&a.summary).to_string(),
        obligations: fulfils.unwrap_or_default(),
    };
    let intent = match &a.intent {
        None => None,
        Some(s) => {
            let confirms = contact
                .obligations
                .contains(&ObligationId::M23_CONFIRM_INTENT);
            let read = if confirms {
                choice("--intent", s, Intent::parse, Intent::choices())
            } else {
                Err(CliError(
                    "--intent: 利用意向は、--fulfils m23.confirm_intent (意向の確認) の記録と一緒に指定してください。".into(),
                ))
            };
            g.take("--intent", read)
        }
    };
    g.finish(
        || crate::validate::contact(&contact, store.write_day()),
        CONTACT_OPTIONS,
    )?;
    let client_id = usecases::client_by_external_id(store, &a.client)?;
    let op = Operation::AddContact {
        client_id,
        contact: Box::new(contact.clone()),
        intent,
    };
    let id = operation::apply(store, &op)
        .map_err(|e| match e {
            // Recording for another worker: the same line without --staff
            // records it as oneself.
            StoreError::Refused(_) => {
                let me = crate::text::for_display(store.user()).into_owned();
                let own = Instead::new(
                    format!("自分（{me}）を記録者として記録する"),
                    typed_with("--staff", &[]),
                );
                CliError(refused_for(&e, Permission::RecordForOthers, &[own]))
            }
            e => store_error(e, CONTACT_OPTIONS),
        })?
        .record
        .unwrap_or_default();
    output::line(format_args!(
        "記録しました (#{id}): {} {} {} {} {}",
        crate::text::for_display(&a.client),
        contact.date,
        contact.counterpart.label(),
        contact.method.label(),
        contact.place.label()
    ))?;
    print_completed(store, client_id, id, contact.date)?;
    Ok(ExitCode::SUCCESS)
}

fn contact_edit(
    store: &Store,
    a: &ContactEditArgs,
    today: NaiveDate,
) -> Result<ExitCode, CliError> {
    let (client, mut c) = usecases::find_contact(store, a.id)?;
    let mut g = Gather::default();
    if let Some(s) = &a.date
        && let Some(d) = g.take("--date", date_opt("--date", s, today))
    {
        c.date = d;
    }
    if let Some(s) = &a.time {
        let read = if s.trim().is_empty() {
            Ok(None)
        } else {
            time_opt(s).map(Some)
        };
        if let Some(t) = g.take("--time", read) {
            c.time = t;
        }
    }
    if let Some(s) = &a.counterpart {
        let read = choice(
            "--counterpart",
            s,
            Counterpart::parse,
            Counterpart::choices(),
        );
        if let Some(v) = g.take("--counterpart", read) {
            c.counterpart = v;
        }
    }
    if let Some(s) = &a.method
        && let Some(v) = g.take(
            "--method",
            choice("--method", s, Method::parse, Method::choices()),
        )
    {
        c.method = v;
    }
    if let Some(s) = &a.place
        && let Some(v) = g.take(
            "--place",
            choice("--place", s, Place::parse, Place::choices()),
        )
    {
        c.place = v;
    }
    if let Some(s) = &a.summary {
        c.summary = crate::text::trim_input(s).to_string();
    }
    if a.no_fulfils {
        c.obligations.clear();
    } else if !a.fulfils.is_empty()
        && let Some(o) = g.take("--fulfils", obligations(&a.fulfils))
    {
        c.obligations = o;
    }
    g.finish(
        || crate::validate::contact(&c, store.write_day()),
        CONTACT_OPTIONS,
    )?;
    let op = Operation::edit(Record::Contact(c.clone()));
    operation::apply(store, &op).map_err(|e| store_error(e, CONTACT_OPTIONS))?;
    let id = a.id;
    output::line(format_args!("直しました: 支援記録 #{id} {}", c.date))?;
    print_completed(store, client.id.unwrap_or_default(), id, c.date)?;
    Ok(ExitCode::SUCCESS)
}
