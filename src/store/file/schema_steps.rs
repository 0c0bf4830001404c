//! The SQL of each schema step (`schema`). A released step never changes:
//! a new need is a new step at the end.

/// Who/when columns of every editable table.
macro_rules! stamped {
    () => {
        "version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
         created_by TEXT NOT NULL,
         created_at TEXT NOT NULL,
         updated_by TEXT NOT NULL,
         updated_at TEXT NOT NULL"
    };
}

/// Step 1: every record of docs/MODEL.md §2.
pub(super) const V1: &str = concat!(
    "
CREATE TABLE settings (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    warn_days INTEGER NOT NULL,
    report_municipality_days INTEGER NOT NULL,
    office_name TEXT NOT NULL DEFAULT '',
    handover_guideline TEXT NOT NULL DEFAULT '',
    handover_responsible TEXT NOT NULL DEFAULT '',
    ",
    stamped!(),
    "
);

CREATE TABLE staff (
    login TEXT PRIMARY KEY,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL,
    basic_training TEXT,
    ",
    stamped!(),
    "
);

CREATE TABLE agencies (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    contact TEXT NOT NULL DEFAULT '',
    ",
    stamped!(),
    "
);

CREATE TABLE clients (
    id INTEGER PRIMARY KEY,
    external_id TEXT NOT NULL UNIQUE CHECK (external_id <> ''),
    name TEXT NOT NULL,
    kana TEXT NOT NULL DEFAULT '',
    birth_date TEXT,
    sex TEXT NOT NULL DEFAULT '',
    certificate_no TEXT NOT NULL DEFAULT '',
    certificate_expires TEXT,
    disclosure TEXT NOT NULL,
    needs_continuing_support INTEGER NOT NULL CHECK (needs_continuing_support IN (0, 1)),
    assigned_staff TEXT,
    fields TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(fields)),
    ",
    stamped!(),
    "
);

CREATE TABLE employments (
    id INTEGER PRIMARY KEY,
    client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    employer_name TEXT NOT NULL,
    employer_industry TEXT NOT NULL DEFAULT '',
    employer_address TEXT NOT NULL DEFAULT '',
    employer_phone TEXT NOT NULL DEFAULT '',
    employer_contact_person TEXT NOT NULL DEFAULT '',
    support_type TEXT NOT NULL,
    decision_date TEXT,
    start_date TEXT,
    prior_service_end_date TEXT,
    intent TEXT NOT NULL,
    retention_start_date TEXT,
    separation_date TEXT,
    separation_reason TEXT,
    fields TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(fields)),
    ",
    stamped!(),
    "
);
CREATE INDEX employments_client ON employments(client_id);

CREATE TABLE contacts (
    id INTEGER PRIMARY KEY,
    client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    date TEXT NOT NULL,
    time TEXT,
    staff TEXT,
    counterpart TEXT NOT NULL,
    counterpart_detail TEXT NOT NULL DEFAULT '',
    method TEXT NOT NULL,
    method_detail TEXT NOT NULL DEFAULT '',
    place TEXT NOT NULL,
    place_detail TEXT NOT NULL DEFAULT '',
    summary TEXT NOT NULL DEFAULT '',
    -- obligation ids (see `teichaku rules`) this contact fulfils, a JSON array
    obligations TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(obligations)),
    ",
    stamped!(),
    "
);
CREATE INDEX contacts_client ON contacts(client_id, date);

CREATE TABLE reports (
    id INTEGER PRIMARY KEY,
    client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    month TEXT NOT NULL,
    created TEXT,
    presented TEXT,
    share_with_employer INTEGER NOT NULL DEFAULT 0 CHECK (share_with_employer IN (0, 1)),
    fields TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(fields)),
    ",
    stamped!(),
    "
);
CREATE INDEX reports_client ON reports(client_id, month);

CREATE TABLE plans (
    id INTEGER PRIMARY KEY,
    client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    created TEXT NOT NULL,
    fields TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(fields)),
    ",
    stamped!(),
    "
);
CREATE INDEX plans_client ON plans(client_id);

CREATE TABLE plan_reviews (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    date TEXT NOT NULL,
    ",
    stamped!(),
    "
);
CREATE INDEX plan_reviews_plan ON plan_reviews(plan_id, date);

CREATE TABLE consents (
    id INTEGER PRIMARY KEY,
    client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    scope TEXT NOT NULL,
    date TEXT NOT NULL,
    written INTEGER NOT NULL DEFAULT 0 CHECK (written IN (0, 1)),
    withdrawn TEXT,
    ",
    stamped!(),
    "
);
CREATE INDEX consents_client ON consents(client_id);

CREATE TABLE handovers (
    id INTEGER PRIMARY KEY,
    client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    date TEXT NOT NULL,
    agency TEXT NOT NULL,
    shared TEXT NOT NULL DEFAULT '',
    consent INTEGER NOT NULL DEFAULT 1 CHECK (consent IN (0, 1)),
    ",
    stamped!(),
    "
);
CREATE INDEX handovers_client ON handovers(client_id);

CREATE TABLE case_conferences (
    id INTEGER PRIMARY KEY,
    client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    date TEXT NOT NULL,
    -- agency kinds ア–ケ (000 §2(3)), a JSON array of ids
    agencies TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(agencies)),
    online INTEGER NOT NULL DEFAULT 0 CHECK (online IN (0, 1)),
    manager_attended INTEGER NOT NULL DEFAULT 0 CHECK (manager_attended IN (0, 1)),
    manager_informed INTEGER NOT NULL DEFAULT 0 CHECK (manager_informed IN (0, 1)),
    notes TEXT NOT NULL DEFAULT '',
    ",
    stamped!(),
    "
);
CREATE INDEX case_conferences_client ON case_conferences(client_id);

-- A person's unsaved form, per login, so a dropped SSH session loses nothing.
CREATE TABLE drafts (
    login TEXT NOT NULL,
    key TEXT NOT NULL,
    json TEXT NOT NULL CHECK (json_valid(json)),
    updated_at TEXT NOT NULL,
    PRIMARY KEY (login, key)
) WITHOUT ROWID;

-- Who created, changed, exported or imported what, when (docs/MODEL.md §5).
-- client_id has no foreign key: the trail outlives a deleted client.
CREATE TABLE audit (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    login TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('create', 'update', 'delete', 'export', 'import')),
    tbl TEXT NOT NULL,
    row_id INTEGER,
    client_id INTEGER,
    summary TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_client ON audit(client_id, id);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'audit rows are append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'audit rows are append-only'); END;
"
);

/// Step 2: covering indexes for the obligation engine's one-pass reads
/// (`due` over a whole office reads contacts and reports from the index
/// alone, in client order, with no table look-ups or sorting).
pub(super) const V2: &str = "
CREATE INDEX contacts_engine ON contacts(client_id, date, counterpart, method, place, obligations);
DROP INDEX contacts_client;
CREATE INDEX reports_engine ON reports(client_id, month, created, presented, share_with_employer);
DROP INDEX reports_client;
";

/// Step 3: corrections and resolutions (the write side).
/// - the audit keeps what changed: old and new values, and a reason;
/// - one 支援レポート per client and month: duplicates made by two people at
///   once are merged into the newest (its empty dates and form fields
///   filled from the others) and the others deleted, their values kept in
///   the audit trail, before the unique index is built;
/// - 対象外の判断 (resolutions) and 終結 (case closure);
/// - a 引継ぎ record can complete the steps it records.
pub(super) const V3: &str = concat!(
    "
ALTER TABLE audit ADD COLUMN detail TEXT CHECK (detail IS NULL OR json_valid(detail));

UPDATE reports AS k SET
  created = coalesce(k.created, (SELECT o.created FROM reports o
      WHERE o.client_id = k.client_id AND o.month = k.month AND o.id <> k.id
        AND o.created IS NOT NULL ORDER BY o.id DESC LIMIT 1)),
  presented = coalesce(k.presented, (SELECT o.presented FROM reports o
      WHERE o.client_id = k.client_id AND o.month = k.month AND o.id <> k.id
        AND o.presented IS NOT NULL ORDER BY o.id DESC LIMIT 1)),
  fields = json_patch(coalesce((SELECT o.fields FROM reports o
      WHERE o.client_id = k.client_id AND o.month = k.month AND o.id <> k.id
      ORDER BY o.id DESC LIMIT 1), '{}'), k.fields)
WHERE k.id IN (SELECT max(id) FROM reports GROUP BY client_id, month HAVING count(*) > 1);

INSERT INTO audit (at, login, action, tbl, row_id, client_id, summary, detail)
SELECT strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), 'teichaku', 'delete', 'reports', id, client_id,
       '支援レポート ' || month || '（同じ月の重複を1件にまとめました）',
       json_object('reason', '同じ月の支援レポートの重複をまとめたため',
                   'old', json_object('month', month, 'created', created,
                                      'presented', presented,
                                      'share_with_employer', share_with_employer,
                                      'fields', json(fields)))
FROM reports WHERE id NOT IN (SELECT max(id) FROM reports GROUP BY client_id, month);
DELETE FROM reports WHERE id NOT IN (SELECT max(id) FROM reports GROUP BY client_id, month);
CREATE UNIQUE INDEX reports_month ON reports(client_id, month);

CREATE TABLE resolutions (
    id INTEGER PRIMARY KEY,
    client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    obligation TEXT NOT NULL,
    period TEXT,
    reason TEXT NOT NULL CHECK (reason <> ''),
    decided_by TEXT NOT NULL,
    decided_on TEXT NOT NULL,
    ",
    stamped!(),
    "
);
CREATE UNIQUE INDEX resolutions_item ON resolutions(client_id, obligation, ifnull(period, ''));

ALTER TABLE clients ADD COLUMN closed_on TEXT;
ALTER TABLE clients ADD COLUMN closed_reason TEXT;
ALTER TABLE clients ADD COLUMN closed_note TEXT NOT NULL DEFAULT '';
ALTER TABLE clients ADD COLUMN closed_by TEXT NOT NULL DEFAULT '';

ALTER TABLE handovers ADD COLUMN obligations TEXT NOT NULL DEFAULT '[]'
    CHECK (json_valid(obligations));
"
);

/// The guard triggers of one table (see `guard`): a write from a
/// connection without the program's function fails when prepared.
macro_rules! guarded {
    ($($t:literal),* $(,)?) => {
        concat!($(
            "CREATE TRIGGER ", $t, "_guard_insert BEFORE INSERT ON ", $t,
            " BEGIN SELECT teichaku_guard(); END;\n",
            "CREATE TRIGGER ", $t, "_guard_update BEFORE UPDATE ON ", $t,
            " BEGIN SELECT teichaku_guard(); END;\n",
            "CREATE TRIGGER ", $t, "_guard_delete BEFORE DELETE ON ", $t,
            " BEGIN SELECT teichaku_guard(); END;\n",
        )*)
    };
}

/// Step 4: an audit trail that cannot be changed quietly, and writes only
/// through the program.
/// - `audit` is rebuilt (the old table renamed, the new one created, the
///   rows copied by `chain::backfill_v4` right after this SQL, the old one
///   dropped): `action` without a CHECK list (checked when read, like every
///   enum, so `view` and later actions need no rebuild); ids AUTOINCREMENT,
///   never reused, so removed newest rows leave a trace; `hash`, each row
///   chained to the one before (`chain`).
/// - guard triggers on every table (`guard`).
pub(super) const V4: &str = concat!(
    "
DROP TRIGGER audit_no_update;
DROP TRIGGER audit_no_delete;
DROP INDEX audit_client;
ALTER TABLE audit RENAME TO audit_v3;
CREATE TABLE audit (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    login TEXT NOT NULL,
    action TEXT NOT NULL,
    tbl TEXT NOT NULL,
    row_id INTEGER,
    client_id INTEGER,
    summary TEXT NOT NULL DEFAULT '',
    detail TEXT CHECK (detail IS NULL OR json_valid(detail)),
    -- sha256 of the row before's hash and this row, 64 hex digits (`chain`)
    hash TEXT NOT NULL CHECK (length(hash) = 64)
);
CREATE INDEX audit_client ON audit(client_id, id);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'audit rows are append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'audit rows are append-only'); END;
CREATE TRIGGER audit_guard_insert BEFORE INSERT ON audit
BEGIN SELECT teichaku_guard(); END;
",
    guarded!(
        "settings",
        "staff",
        "agencies",
        "clients",
        "employments",
        "contacts",
        "reports",
        "plans",
        "plan_reviews",
        "consents",
        "handovers",
        "case_conferences",
        "resolutions",
        "drafts",
    )
);

/// Step 5: the office can limit 支援員 to their own caseload.
pub(super) const V5: &str = "
ALTER TABLE settings ADD COLUMN caseload_only INTEGER NOT NULL DEFAULT 0
    CHECK (caseload_only IN (0, 1));
";

/// Step 6: the office's own details and staffing (issue: the
/// coordinator's office) — 事業所番号, 法人名, 所在地, 電話, the 受給者証
/// renewal warning window, and each worker's 常勤換算 in hundredths.
pub(super) const V6: &str = "
ALTER TABLE settings ADD COLUMN office_number TEXT NOT NULL DEFAULT '';
ALTER TABLE settings ADD COLUMN corporation TEXT NOT NULL DEFAULT '';
ALTER TABLE settings ADD COLUMN address TEXT NOT NULL DEFAULT '';
ALTER TABLE settings ADD COLUMN phone TEXT NOT NULL DEFAULT '';
ALTER TABLE settings ADD COLUMN cert_warn_days INTEGER NOT NULL DEFAULT 60;
ALTER TABLE staff ADD COLUMN fte_percent INTEGER
    CHECK (fte_percent IS NULL OR fte_percent BETWEEN 0 AND 100);
";

/// Step 7: each client's 援護の実施市町村 (支給決定市町村), the
/// municipality the office reports the client's job to (003, 就労移行支援
/// 事業の適正な実施について: 一般就労へ移行した利用者一覧表, one list per
/// 援護の実施市).
pub(super) const V7: &str = "
ALTER TABLE clients ADD COLUMN municipality TEXT NOT NULL DEFAULT '';
";

/// Step 8: the audit trail proves the data.
/// - `audit.rows`: the digest of the set of data rows the transaction
///   wrote, kept row by row in `audit_rows` (`ledger`), append-only like
///   the trail; `check` replays them (`replay`).
/// - `chain_state`: where the keyed links start (`chain`) and the keyed
///   mark of the newest row.
///
/// Right after the SQL (`linking::start_keyed`): the baseline — one audit
/// row holding the digest of every data row as found — linked with the
/// office's key. Older rows keep their unkeyed links.
pub(super) const V8: &str = concat!(
    "
ALTER TABLE audit ADD COLUMN rows TEXT CHECK (rows IS NULL OR length(rows) = 64);
CREATE TABLE audit_rows (
    audit_id INTEGER NOT NULL,
    tbl TEXT NOT NULL,
    row_id INTEGER NOT NULL,
    -- 16 bytes of the row's digest; NULL: the row was deleted
    digest BLOB CHECK (digest IS NULL OR length(digest) = 16),
    PRIMARY KEY (audit_id, tbl, row_id)
) WITHOUT ROWID;
CREATE TRIGGER audit_rows_no_update BEFORE UPDATE ON audit_rows
BEGIN SELECT RAISE(ABORT, 'audit rows are append-only'); END;
CREATE TRIGGER audit_rows_no_delete BEFORE DELETE ON audit_rows
BEGIN SELECT RAISE(ABORT, 'audit rows are append-only'); END;
CREATE TRIGGER audit_rows_guard_insert BEFORE INSERT ON audit_rows
BEGIN SELECT teichaku_guard(); END;
CREATE TABLE chain_state (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    first_keyed INTEGER NOT NULL,
    head_id INTEGER NOT NULL,
    head_mac TEXT NOT NULL CHECK (length(head_mac) = 64)
);
CREATE TRIGGER chain_state_no_delete BEFORE DELETE ON chain_state
BEGIN SELECT RAISE(ABORT, 'the chain state stays'); END;
",
    guarded!("chain_state")
);

/// Step 9: an earlier job keeps its timeline (docs/BASIS.md §5.2). A
/// 対象外 decision names the job whose item it decides (`job`, its anchor
/// day A), so an earlier job's missed step can be decided after the next
/// job began, and the same step of two jobs can each have one. And each
/// member of staff has the days they joined and left (`joined_on`,
/// `left_on`) and their 常勤換算 over time (`fte_history`, a JSON array):
/// a past year's staffing counts the staff in post then, as they were. And
/// each client the months a 職場適応援助者助成金 was applied for
/// (`job_coach_months`, a JSON array of `YYYY-MM`): not billable; and the
/// 受給者証 as dated records: the current one's first day
/// (`certificate_from`) and the renewed ones (`certificate_history`, a
/// JSON array), whose 支給決定期間 bound the billable months.
///
/// Right after the SQL (`linking::rerecord`): a new column changes the
/// digest of every row of its table, so those rows are recorded again as
/// found.
pub(super) const V9: &str = "
ALTER TABLE resolutions ADD COLUMN job TEXT
    CHECK (job IS NULL OR job GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]');
DROP INDEX resolutions_item;
CREATE UNIQUE INDEX resolutions_item
    ON resolutions(client_id, obligation, ifnull(period, ''), ifnull(job, ''));
ALTER TABLE clients ADD COLUMN job_coach_months TEXT NOT NULL DEFAULT '[]'
    CHECK (json_valid(job_coach_months));
ALTER TABLE clients ADD COLUMN certificate_from TEXT
    CHECK (certificate_from IS NULL
           OR certificate_from GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]');
ALTER TABLE clients ADD COLUMN certificate_history TEXT NOT NULL DEFAULT '[]'
    CHECK (json_valid(certificate_history));
ALTER TABLE staff ADD COLUMN joined_on TEXT
    CHECK (joined_on IS NULL OR joined_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]');
ALTER TABLE staff ADD COLUMN left_on TEXT
    CHECK (left_on IS NULL OR left_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]');
ALTER TABLE staff ADD COLUMN fte_history TEXT NOT NULL DEFAULT '[]'
    CHECK (json_valid(fte_history));
";

/// Step 10: the OS group that may read the files a worker exports
/// (`export_group`; empty: the worker alone, 0600).
///
/// Right after the SQL (`linking::rerecord`): the settings row's digest
/// changes with the new column, so it is recorded again as found.
pub(super) const V10: &str = "
ALTER TABLE settings ADD COLUMN export_group TEXT NOT NULL DEFAULT '';
";
