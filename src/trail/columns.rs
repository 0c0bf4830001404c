//! Which field of `crate::fields` each stored column is, and how its value
//! reads: the audit trail keeps a row's columns by their SQL names (and a
//! member of staff's by the keys of its own detail); a person reads them
//! by the field's label, in the order of the form.

use crate::fields::{
    self, Field, agency, client, closure, conference, consent, contact, employment, handover,
    office, plan, report, resolution, settings, staff,
};
use crate::model::{
    AgencyKind, ClosureReason, Counterpart, Disclosure, Intent, Method, Place, Role, SupportType,
};
use crate::store::Table;

/// How a stored value reads.
#[derive(Debug, Clone, Copy)]
pub(super) enum Render {
    /// As the field's kind says: a date in 和暦, a time as HH:MM, a flag
    /// as はい／いいえ, text as it is.
    AsKind,
    /// An id of one of the model's enums, by its label.
    Choice(fn(&str) -> Option<&'static str>),
    /// A login, with the person's name.
    Login,
    /// One obligation id, by its title.
    Obligation,
    /// A JSON list of obligation ids, by their titles.
    Obligations,
    /// A JSON list of 関係機関の種類.
    Agencies,
    /// A JSON list of months.
    Months,
    /// A consent's scope.
    Scope,
    /// 常勤換算 in hundredths.
    Percent,
    /// The earlier 常勤換算 (`fte_history`).
    FteHistory,
    /// The renewed 受給者証 (`certificate_history`).
    Certificates,
    /// A document's form fields (a JSON object), each by the form's label.
    FormFields(Form),
}

/// Which document's definition names the form fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Form {
    Report,
    Plan,
    /// A client's or a job's own fields: their keys are their names.
    Own,
}

/// One column: its name in the trail, its field, how it reads.
#[derive(Debug, Clone, Copy)]
pub(super) struct Column {
    pub name: &'static str,
    pub field: Field,
    pub render: Render,
}

const fn col(name: &'static str, field: Field, render: Render) -> Column {
    Column {
        name,
        field,
        render,
    }
}

const fn plain(name: &'static str, field: Field) -> Column {
    col(name, field, Render::AsKind)
}

fn label_of<T: Copy>(
    parse: fn(&str) -> Option<T>,
    label: fn(T) -> &'static str,
    s: &str,
) -> Option<&'static str> {
    parse(s).map(label)
}

fn disclosure(s: &str) -> Option<&'static str> {
    label_of(Disclosure::parse, Disclosure::label, s)
}
fn closure_reason(s: &str) -> Option<&'static str> {
    label_of(ClosureReason::parse, ClosureReason::label, s)
}
fn support_type(s: &str) -> Option<&'static str> {
    label_of(SupportType::parse, SupportType::label, s)
}
fn intent(s: &str) -> Option<&'static str> {
    label_of(Intent::parse, Intent::label, s)
}
fn counterpart(s: &str) -> Option<&'static str> {
    label_of(Counterpart::parse, Counterpart::label, s)
}
fn method(s: &str) -> Option<&'static str> {
    label_of(Method::parse, Method::label, s)
}
fn place(s: &str) -> Option<&'static str> {
    label_of(Place::parse, Place::label, s)
}
fn role(s: &str) -> Option<&'static str> {
    label_of(Role::parse, Role::label, s)
}
fn agency_kind(s: &str) -> Option<&'static str> {
    label_of(AgencyKind::parse, AgencyKind::label, s)
}

const CLIENTS: &[Column] = &[
    plain("external_id", client::EXTERNAL_ID),
    plain("name", client::NAME),
    plain("kana", client::KANA),
    plain("sex", client::SEX),
    plain("birth_date", client::BIRTH_DATE),
    plain("certificate_no", client::CERTIFICATE_NO),
    plain("certificate_from", client::CERTIFICATE_FROM),
    plain("certificate_expires", client::CERTIFICATE_EXPIRES),
    plain("municipality", client::MUNICIPALITY),
    col(
        "certificate_history",
        client::CERTIFICATE_HISTORY,
        Render::Certificates,
    ),
    col("job_coach_months", client::JOB_COACH_MONTHS, Render::Months),
    col("disclosure", client::DISCLOSURE, Render::Choice(disclosure)),
    plain("needs_continuing_support", client::NEEDS_CONTINUING_SUPPORT),
    col("assigned_staff", client::ASSIGNED_STAFF, Render::Login),
    plain("closed_on", closure::DATE),
    col(
        "closed_reason",
        closure::REASON,
        Render::Choice(closure_reason),
    ),
    plain("closed_note", closure::NOTE),
    col("closed_by", closure::CLOSED_BY, Render::Login),
    col(
        "fields",
        fields::form_fields::VALUE,
        Render::FormFields(Form::Own),
    ),
];

const EMPLOYMENTS: &[Column] = &[
    plain("employer_name", employment::EMPLOYER_NAME),
    plain("employer_industry", employment::INDUSTRY),
    plain("employer_address", employment::ADDRESS),
    plain("employer_phone", employment::PHONE),
    plain("employer_contact_person", employment::CONTACT_PERSON),
    col(
        "support_type",
        employment::SUPPORT_TYPE,
        Render::Choice(support_type),
    ),
    plain("decision_date", employment::DECISION_DATE),
    plain("start_date", employment::START_DATE),
    plain("prior_service_end_date", employment::PRIOR_SERVICE_END_DATE),
    col("intent", employment::INTENT, Render::Choice(intent)),
    plain("retention_start_date", employment::RETENTION_START_DATE),
    plain("separation_date", employment::SEPARATION_DATE),
    plain("separation_reason", employment::SEPARATION_REASON),
    col(
        "fields",
        fields::form_fields::VALUE,
        Render::FormFields(Form::Own),
    ),
];

const CONTACTS: &[Column] = &[
    plain("date", contact::DATE),
    plain("time", contact::TIME),
    col("staff", contact::STAFF, Render::Login),
    col(
        "counterpart",
        contact::COUNTERPART,
        Render::Choice(counterpart),
    ),
    plain("counterpart_detail", contact::COUNTERPART_DETAIL),
    col("method", contact::METHOD, Render::Choice(method)),
    plain("method_detail", contact::METHOD_DETAIL),
    col("place", contact::PLACE, Render::Choice(place)),
    plain("place_detail", contact::PLACE_DETAIL),
    plain("summary", contact::SUMMARY),
    col("obligations", contact::OBLIGATIONS, Render::Obligations),
];

const REPORTS: &[Column] = &[
    plain("month", report::MONTH),
    plain("created", report::CREATED),
    plain("presented", report::PRESENTED),
    plain("share_with_employer", report::SHARE_WITH_EMPLOYER),
    col(
        "fields",
        fields::form_fields::VALUE,
        Render::FormFields(Form::Report),
    ),
];

const PLANS: &[Column] = &[
    plain("created", plan::CREATED),
    col(
        "fields",
        fields::form_fields::VALUE,
        Render::FormFields(Form::Plan),
    ),
];

const PLAN_REVIEWS: &[Column] = &[plain("date", plan::REVIEWS)];

const CONSENTS: &[Column] = &[
    col("scope", consent::SCOPE, Render::Scope),
    plain("date", consent::DATE),
    plain("written", consent::WRITTEN),
    plain("withdrawn", consent::WITHDRAWN),
];

const HANDOVERS: &[Column] = &[
    plain("date", handover::DATE),
    plain("agency", handover::AGENCY),
    plain("consent", handover::CONSENT),
    plain("shared", handover::SHARED),
    col("obligations", handover::OBLIGATIONS, Render::Obligations),
];

const CONFERENCES: &[Column] = &[
    plain("date", conference::DATE),
    col("agencies", conference::AGENCIES, Render::Agencies),
    plain("online", conference::ONLINE),
    plain("manager_attended", conference::MANAGER_ATTENDED),
    plain("manager_informed", conference::MANAGER_INFORMED),
    plain("notes", conference::NOTES),
];

const RESOLUTIONS: &[Column] = &[
    col("obligation", resolution::OBLIGATION, Render::Obligation),
    plain("period", resolution::PERIOD),
    plain("job", resolution::JOB),
    plain("reason", resolution::REASON),
    col("decided_by", resolution::DECIDED_BY, Render::Login),
    plain("decided_on", resolution::DECIDED_ON),
];

/// A member of staff: the keys of the staff row's own detail, and the
/// table's columns where they are named otherwise.
const STAFF: &[Column] = &[
    plain("login", staff::LOGIN),
    plain("display_name", staff::DISPLAY_NAME),
    col("role", staff::ROLE, Render::Choice(role)),
    plain("basic_training", staff::BASIC_TRAINING),
    col("fte_percent", staff::FTE, Render::Percent),
    plain("joined", staff::JOINED),
    plain("joined_on", staff::JOINED),
    plain("left", staff::LEFT),
    plain("left_on", staff::LEFT),
    col("fte_history", staff::FTE_HISTORY, Render::FteHistory),
];

const SETTINGS: &[Column] = &[
    plain("office_name", office::NAME),
    plain("office_number", office::NUMBER),
    plain("corporation", office::CORPORATION),
    plain("address", office::ADDRESS),
    plain("phone", office::PHONE),
    plain("handover_guideline", office::HANDOVER_GUIDELINE),
    plain("handover_responsible", office::HANDOVER_RESPONSIBLE),
    plain(
        "report_municipality_days",
        settings::REPORT_MUNICIPALITY_DAYS,
    ),
    plain("warn_days", settings::WARN_DAYS),
    plain("cert_warn_days", settings::CERT_WARN_DAYS),
    plain("caseload_only", settings::CASELOAD_ONLY),
    plain("export_group", settings::EXPORT_GROUP),
];

const AGENCIES: &[Column] = &[
    col("kind", agency::KIND, Render::Choice(agency_kind)),
    plain("name", agency::NAME),
    plain("contact", agency::CONTACT),
];

/// A column the trail does not know (added after this program): its
/// value as stored, under its stored name.
pub(super) const UNKNOWN: Column = plain("", Field::line("", ""));

/// The columns of `table` in the order its form shows them.
pub(super) fn of(table: Table) -> &'static [Column] {
    match table {
        Table::Clients => CLIENTS,
        Table::Employments => EMPLOYMENTS,
        Table::Contacts => CONTACTS,
        Table::Reports => REPORTS,
        Table::Plans => PLANS,
        Table::PlanReviews => PLAN_REVIEWS,
        Table::Consents => CONSENTS,
        Table::Handovers => HANDOVERS,
        Table::Conferences => CONFERENCES,
        Table::Resolutions => RESOLUTIONS,
        Table::Staff => STAFF,
        Table::Agencies => AGENCIES,
        Table::Settings => SETTINGS,
    }
}
