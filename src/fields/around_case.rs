//! The records around a case: consent, handover, case conference,
//! closure, a step decided not to apply, and a document's form fields.

use super::{Field, Kind};

/// A consent (同意).
pub(crate) mod consent {
    use super::{Field, Kind};

    pub(crate) const SCOPE: Field = Field::line("scope", "同意の範囲").required();
    pub(crate) const DATE: Field = Field::date("date", "同意日").required();
    pub(crate) const WRITTEN: Field = Field::new("written", "書面での同意", Kind::Flag);
    pub(crate) const WITHDRAWN: Field = Field::date("withdrawn", "同意の撤回日");

    pub(crate) const ALL: &[Field] = &[SCOPE, DATE, WRITTEN, WITHDRAWN];
}

/// A handover (引継ぎ) to another agency.
pub(crate) mod handover {
    use super::{Field, Kind};

    pub(crate) const AGENCY: Field = Field::line("agency", "引継ぎ先")
        .required()
        .note("関係機関");
    pub(crate) const DATE: Field = Field::date("date", "引継ぎ日").required();
    pub(crate) const CONSENT: Field = Field::new("consent", "本人の同意", Kind::Flag);
    pub(crate) const SHARED: Field = Field::text("shared", "共有した内容");
    /// The steps the handover completes (the change history names them).
    pub(crate) const OBLIGATIONS: Field = Field::new("obligations", "対応する項目", Kind::Choice);

    pub(crate) const ALL: &[Field] = &[AGENCY, DATE, CONSENT, SHARED];
}

/// A case conference (ケース会議).
pub(crate) mod conference {
    use super::{Field, Kind};

    pub(crate) const DATE: Field = Field::date("date", "開催日").required();
    pub(crate) const AGENCIES: Field = Field::new("agencies", "参加した関係機関", Kind::Choice);
    pub(crate) const ONLINE: Field = Field::new("online", "オンライン開催", Kind::Flag);
    pub(crate) const MANAGER_ATTENDED: Field =
        Field::new("manager_attended", "サビ管が出席", Kind::Flag);
    pub(crate) const MANAGER_INFORMED: Field =
        Field::new("manager_informed", "サビ管へ結果を共有", Kind::Flag);
    pub(crate) const NOTES: Field = Field::text("notes", "ケース会議の記録");

    pub(crate) const ALL: &[Field] = &[
        DATE,
        AGENCIES,
        ONLINE,
        MANAGER_ATTENDED,
        MANAGER_INFORMED,
        NOTES,
    ];
}

/// Closing the case (終結).
pub(crate) mod closure {
    use super::{Field, Kind};

    pub(crate) const DATE: Field = Field::date("date", "終結日").required();
    pub(crate) const REASON: Field = Field::new("reason", "終結の理由", Kind::Choice).required();
    pub(crate) const NOTE: Field = Field::text("note", "終結の記録");
    pub(crate) const CLOSED_BY: Field = Field::login("closed_by", "終結した職員");

    pub(crate) const ALL: &[Field] = &[DATE, REASON, NOTE, CLOSED_BY];
}

/// A step decided not to apply (対象外).
pub(crate) mod resolution {
    use super::{Field, Kind};

    /// The step decided on, and its month (the change history names them).
    pub(crate) const OBLIGATION: Field = Field::new("obligation", "対象外とした項目", Kind::Choice);
    pub(crate) const PERIOD: Field = Field::new("period", "項目の月", Kind::Month);
    /// An earlier job's step: that job's anchor day.
    pub(crate) const JOB: Field = Field::date("job", "前の就職の起算日");
    pub(crate) const REASON: Field = Field::line("reason", "対象外とする理由").required();
    pub(crate) const DECIDED_BY: Field = Field::login("decided_by", "判断した職員").required();
    pub(crate) const DECIDED_ON: Field = Field::date("decided_on", "判断した日").required();

    pub(crate) const ALL: &[Field] = &[REASON, DECIDED_BY, DECIDED_ON];
}

/// An agency (関係機関) of the office's list.
pub(crate) mod agency {
    use super::{Field, Kind};

    pub(crate) const KIND: Field = Field::new("kind", "関係機関の種類", Kind::Choice);
    pub(crate) const NAME: Field = Field::line("name", "関係機関の名称");
    pub(crate) const CONTACT: Field = Field::line("contact", "関係機関の連絡先");
}

/// A document's form fields (`fields` of a report, plan, employment or
/// client): their names, and their values where the document's own
/// definition (`crate::document_forms`) sets no tighter rule.
pub(crate) mod form_fields {
    use super::Field;

    pub(crate) const KEY: Field = Field::line("fields", "様式の項目名");
    pub(crate) const VALUE: Field = Field::text("fields", "様式の項目");
}
