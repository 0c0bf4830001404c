//! The client and the records of a case's course: employment, contact,
//! report and plan.

use super::{Field, Kind};

/// The client's own fields.
pub(crate) mod client {
    use super::{Field, Kind};

    pub(crate) const EXTERNAL_ID: Field = Field::line("external_id", "利用者番号").required();
    /// Printed as 利用者名 / 対象者氏名 on the 支援レポート and the 計画書.
    pub(crate) const NAME: Field = Field::line("name", "氏名").required().max(40);
    /// Printed on the 計画書.
    pub(crate) const KANA: Field = Field::line("kana", "ふりがな").max(40);
    /// Printed on the 計画書.
    pub(crate) const SEX: Field = Field::line("sex", "性別").max(4);
    pub(crate) const BIRTH_DATE: Field = Field::date("birth_date", "生年月日");
    pub(crate) const CERTIFICATE_NO: Field = Field::line("certificate_no", "受給者証番号");
    pub(crate) const CERTIFICATE_EXPIRES: Field =
        Field::date("certificate_expires", "受給者証の有効期限");
    /// The profile form's choice to keep the current 受給者証 in the
    /// history as the new one's values are entered (not a record's field).
    pub(crate) const CERTIFICATE_RENEW: Field =
        Field::new("certificate_renew", "受給者証を更新", Kind::Flag);
    /// A renewed 受給者証's number, under its own key in the history.
    pub(crate) const HISTORY_NUMBER: Field = Field::line("number", "受給者証番号");
    /// The first day of the current 支給決定期間.
    pub(crate) const CERTIFICATE_FROM: Field =
        Field::date("certificate_from", "支給決定期間の開始");
    pub(crate) const MUNICIPALITY: Field = Field::line("municipality", "援護の実施市町村");
    /// The months a 職場適応援助者助成金 (job coach subsidy) was applied for:
    /// not billed as 就労定着支援 (000 §4(1)①). Typed as a list
    /// (`2026-10 2026-11`); the label fits the form's label column.
    pub(crate) const JOB_COACH_MONTHS: Field =
        Field::line("job_coach_subsidy_months", "ジョブコーチ助成の月").max(120);
    pub(crate) const DISCLOSURE: Field =
        Field::new("disclosure", "障害の開示", Kind::Choice).required();
    pub(crate) const NEEDS_CONTINUING_SUPPORT: Field =
        Field::new("needs_continuing_support", "要継続支援", Kind::Flag);
    pub(crate) const ASSIGNED_STAFF: Field =
        Field::login("assigned_staff", "担当者").note("ログイン名");
    /// The renewed 受給者証 kept in the history (the change history names
    /// it; typed through `CERTIFICATE_RENEW`, not as a field).
    pub(crate) const CERTIFICATE_HISTORY: Field =
        Field::new("certificate_history", "以前の受給者証", Kind::Line);

    pub(crate) const ALL: &[Field] = &[
        EXTERNAL_ID,
        NAME,
        KANA,
        SEX,
        BIRTH_DATE,
        CERTIFICATE_NO,
        CERTIFICATE_EXPIRES,
        CERTIFICATE_FROM,
        MUNICIPALITY,
        JOB_COACH_MONTHS,
        DISCLOSURE,
        NEEDS_CONTINUING_SUPPORT,
        ASSIGNED_STAFF,
    ];
}

/// An employment (就職) and its employer. The employer's details are
/// printed on the 計画書 (and its name and 担当者 on the 支援レポート):
/// their limits are the smaller of the two forms'.
pub(crate) mod employment {
    use super::{Field, Kind};

    pub(crate) const EMPLOYER_NAME: Field = Field::line("employer.name", "雇用事業主")
        .required()
        .max(60);
    pub(crate) const INDUSTRY: Field = Field::line("employer.industry", "業種").max(30);
    pub(crate) const ADDRESS: Field = Field::line("employer.address", "所在地").max(80);
    pub(crate) const PHONE: Field = Field::line("employer.phone", "連絡先").max(20);
    pub(crate) const CONTACT_PERSON: Field =
        Field::line("employer.contact_person", "ご担当者").max(30);
    pub(crate) const SUPPORT_TYPE: Field =
        Field::new("support_type", "支援の類型", Kind::Choice).required();
    pub(crate) const DECISION_DATE: Field = Field::date("decision_date", "就職先の決定日");
    pub(crate) const START_DATE: Field = Field::date("start_date", "就職日（復職日）");
    pub(crate) const PRIOR_SERVICE_END_DATE: Field =
        Field::date("prior_service_end_date", "就労移行支援等の終了日");
    pub(crate) const INTENT: Field =
        Field::new("intent", "定着支援の利用意向", Kind::Choice).required();
    pub(crate) const RETENTION_START_DATE: Field =
        Field::date("retention_start_date", "就労定着支援の開始日");
    pub(crate) const SEPARATION_DATE: Field = Field::date("separation_date", "離職日");
    pub(crate) const SEPARATION_REASON: Field = Field::text("separation_reason", "離職の理由");

    pub(crate) const ALL: &[Field] = &[
        EMPLOYER_NAME,
        INDUSTRY,
        ADDRESS,
        PHONE,
        CONTACT_PERSON,
        SUPPORT_TYPE,
        DECISION_DATE,
        START_DATE,
        PRIOR_SERVICE_END_DATE,
        INTENT,
        RETENTION_START_DATE,
        SEPARATION_DATE,
        SEPARATION_REASON,
    ];
}

/// A contact (支援記録).
pub(crate) mod contact {
    use super::{Field, Kind};

    pub(crate) const DATE: Field = Field::date("date", "実施日").required();
    pub(crate) const TIME: Field = Field::new("time", "時刻", Kind::Time);
    pub(crate) const STAFF: Field = Field::login("staff", "記録者");
    pub(crate) const COUNTERPART: Field =
        Field::new("counterpart", "相手", Kind::Choice).required();
    pub(crate) const COUNTERPART_DETAIL: Field = Field::line("counterpart_detail", "相手（誰と）");
    pub(crate) const METHOD: Field = Field::new("method", "方法", Kind::Choice).required();
    /// Printed in the 支援レポート's 方法 cell after the method's name, in
    /// brackets: 「テレビ電話（…）」 fits the cell's 30 characters.
    pub(crate) const METHOD_DETAIL: Field = Field::line("method_detail", "方法（その他）").max(20);
    pub(crate) const PLACE: Field = Field::new("place", "場所", Kind::Choice).required();
    /// Printed in the 支援レポート's 場所 cell like the method's detail.
    pub(crate) const PLACE_DETAIL: Field = Field::line("place_detail", "場所（その他）").max(20);
    /// Not printed whole on any form: as long as a note can be. A note
    /// written from the command line or an import can be corrected in
    /// the form.
    pub(crate) const SUMMARY: Field = Field::text("summary", "支援内容").required();
    /// The steps the contact completes (`--fulfils`; the change history
    /// names them).
    pub(crate) const OBLIGATIONS: Field = Field::new("obligations", "対応する項目", Kind::Choice);

    pub(crate) const ALL: &[Field] = &[
        DATE,
        TIME,
        STAFF,
        COUNTERPART,
        COUNTERPART_DETAIL,
        METHOD,
        METHOD_DETAIL,
        PLACE,
        PLACE_DETAIL,
        SUMMARY,
    ];
}

/// A 支援レポート's own fields (its form fields are `crate::document_forms`').
pub(crate) mod report {
    use super::{Field, Kind};

    pub(crate) const MONTH: Field = Field::new("month", "対象月", Kind::Month).required();
    pub(crate) const CREATED: Field = Field::date("created", "作成日");
    pub(crate) const PRESENTED: Field = Field::date("presented", "対象者提示日");
    pub(crate) const SHARE_WITH_EMPLOYER: Field =
        Field::new("share_with_employer", "事業主と共有", Kind::Flag);

    pub(crate) const ALL: &[Field] = &[MONTH, CREATED, PRESENTED, SHARE_WITH_EMPLOYER];
}

/// A 就労定着支援計画's own fields.
pub(crate) mod plan {
    use super::Field;

    pub(crate) const CREATED: Field = Field::date("created", "計画の作成日").required();
    pub(crate) const REVIEWS: Field = Field::date("reviews", "計画の見直し日");

    pub(crate) const ALL: &[Field] = &[CREATED, REVIEWS];
}
