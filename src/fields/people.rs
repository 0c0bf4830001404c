//! The office and its people: the office's details, its staff, and the reason given
//! for a deletion or an undoing.

use super::{Field, Kind};

/// The office's details (事業所の設定), set by its 管理者.
pub(crate) mod office {
    use super::Field;

    /// Printed as 事業所名 on every 支援レポート.
    pub(crate) const NAME: Field = Field::line("office_name", "事業所名").max(40);
    pub(crate) const NUMBER: Field = Field::line("office_number", "事業所番号")
        .max(10)
        .note("半角数字10桁");
    pub(crate) const CORPORATION: Field = Field::line("corporation", "法人名");
    pub(crate) const ADDRESS: Field = Field::line("address", "所在地");
    pub(crate) const PHONE: Field = Field::line("phone", "電話");
    pub(crate) const HANDOVER_GUIDELINE: Field =
        Field::line("handover_guideline", "引継ぎの指針").note("所在");
    pub(crate) const HANDOVER_RESPONSIBLE: Field =
        Field::line("handover_responsible", "引継ぎの担当者");

    pub(crate) const ALL: &[Field] = &[
        NAME,
        NUMBER,
        CORPORATION,
        ADDRESS,
        PHONE,
        HANDOVER_GUIDELINE,
        HANDOVER_RESPONSIBLE,
    ];
}

/// The office's settings beside its details (`teichaku settings`).
pub(crate) mod settings {
    use super::{Field, Kind};

    pub(crate) const REPORT_MUNICIPALITY_DAYS: Field = Field::new(
        "report_municipality_days",
        "市町村への報告期限",
        Kind::Number,
    )
    .required()
    .note("就職から日");
    pub(crate) const WARN_DAYS: Field = Field::new("warn_days", "期限間近とする日数", Kind::Number)
        .required()
        .note("期限の何日前");
    pub(crate) const CERT_WARN_DAYS: Field =
        Field::new("cert_warn_days", "受給者証の更新", Kind::Number)
            .required()
            .note("期限の何日前");
    pub(crate) const CASELOAD_ONLY: Field =
        Field::new("caseload_only", "担当の利用者のみ", Kind::Flag).note("支援員");
    /// The OS group that may read exported files besides their owner.
    pub(crate) const EXPORT_GROUP: Field = Field::login("export_group", "書き出しを読めるグループ")
        .note("OSのグループ名、空欄: 本人のみ");

    pub(crate) const ALL: &[Field] = &[
        REPORT_MUNICIPALITY_DAYS,
        WARN_DAYS,
        CERT_WARN_DAYS,
        CASELOAD_ONLY,
        EXPORT_GROUP,
    ];
}

/// A member of staff.
pub(crate) mod staff {
    use super::{Field, Kind};

    pub(crate) const LOGIN: Field = Field::login("login", "ログイン名").required();
    /// Printed as 担当者 on every 支援レポート.
    pub(crate) const DISPLAY_NAME: Field = Field::line("display_name", "表示名")
        .required()
        .max(20)
        .note("書類の担当者");
    pub(crate) const ROLE: Field = Field::new("role", "役割", Kind::Choice).required();
    pub(crate) const FTE: Field = Field::new("fte", "常勤換算", Kind::Number).note("0〜1.0");
    /// When the 常勤換算 changed (the form's; empty: a correction).
    pub(crate) const FTE_FROM: Field = Field::date("fte_from", "常勤換算の変更日");
    pub(crate) const BASIC_TRAINING: Field = Field::date("basic_training", "基礎的研修の修了日");
    /// A past year's staffing counts the staff in post then.
    pub(crate) const JOINED: Field = Field::date("joined", "着任日").note("空欄: 記録より前から");
    pub(crate) const LEFT: Field = Field::date("left", "退任日").note("空欄: 在職中");
    /// The earlier 常勤換算 and the days they changed (the change history
    /// names them).
    pub(crate) const FTE_HISTORY: Field = Field::new("fte_history", "常勤換算の履歴", Kind::Number);
}

/// The reason for a deletion or an undoing: it goes into the audit trail,
/// one line like a name. Its label is the caller's (削除する理由, …).
pub(crate) mod reason {
    use super::Field;

    pub(crate) const REASON: Field = Field::line("reason", "理由").required();
}
