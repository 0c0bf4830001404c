//! Bad inputs through the built binary, one table row each: every entry
//! point (the command line's options and the global ones, import's files)
//! refuses with exit status 1, a Japanese message that names the option or
//! field and says what is wrong, nothing raw a terminal could act on on
//! stderr, and no change to the data — compared by reading every table
//! through a plain read-only connection before and after each row.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test's failure is its message

#[path = "bad_inputs/cli_cases.rs"]
mod cli_cases;
#[path = "bad_inputs/import_cases.rs"]
mod import_cases;

use std::collections::{BTreeMap, BTreeSet};
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use rusqlite::types::ValueRef;
use rusqlite::{Connection, OpenFlags};
use serde_json::{Value, json};

/// Within the support period of the fixture's client C001 (S = 2026-10-15).
pub const TODAY: &str = "2027-01-20";

/// A refusal is a few lines; the input (a pasted page) is never echoed whole.
const MAX_STDERR_BYTES: usize = 4096;

/// How a row runs the binary.
#[derive(Debug)]
pub enum Run {
    /// `--db DB --today TODAY` and these arguments.
    Cli(Vec<String>),
    /// These arguments as they are (global options under test), with
    /// these environment variables.
    Raw(Vec<OsString>, Vec<(&'static str, String)>),
    /// `import FILE` with a file of these bytes.
    Import(Vec<u8>),
}

/// One bad input: a short name shown on failure, how to run it, and
/// fragments every one of which the message must contain.
#[derive(Debug)]
pub struct Case {
    pub name: &'static str,
    pub run: Run,
    pub expect: Vec<&'static str>,
}

pub fn cli(name: &'static str, args: &[&str], expect: &[&'static str]) -> Case {
    Case {
        name,
        run: Run::Cli(args.iter().map(|s| s.to_string()).collect()),
        expect: expect.to_vec(),
    }
}

pub fn raw(
    name: &'static str,
    args: &[&str],
    env: &[(&'static str, &str)],
    expect: &[&'static str],
) -> Case {
    Case {
        name,
        run: Run::Raw(
            args.iter().map(OsString::from).collect(),
            env.iter().map(|(k, v)| (*k, v.to_string())).collect(),
        ),
        expect: expect.to_vec(),
    }
}

pub fn import(name: &'static str, bytes: Vec<u8>, expect: &[&'static str]) -> Case {
    Case {
        name,
        run: Run::Import(bytes),
        expect: expect.to_vec(),
    }
}

/// The office the rows run against, and the record ids they name.
#[derive(Debug)]
pub struct Office {
    _dir: tempfile::TempDir,
    /// The database's folder: nothing may appear in it.
    pub dir: PathBuf,
    pub db: PathBuf,
    /// Input files are written here, away from the database.
    inputs: tempfile::TempDir,
    pub contact: String,
    pub consent: String,
    pub report: String,
    pub plan: String,
}

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_teichaku"));
    c.env_remove("TEICHAKU_DB")
        .env_remove("TEICHAKU_TODAY")
        // Writes are judged by the clock's day: the test's day.
        .env("TEICHAKU_CLOCK", TODAY)
        .env("NO_COLOR", "1");
    c
}

fn run_cli(db: &Path, args: &[String]) -> Output {
    bin()
        .arg("--db")
        .arg(db)
        .args(["--today", TODAY])
        .args(args)
        .output()
        .expect("run teichaku")
}

fn ok(db: &Path, args: &[&str]) -> String {
    let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
    let o = run_cli(db, &args);
    assert!(
        o.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// The fixture's client C001 (in support, every kind of record), C002
/// (its job ended: a new one may be registered) and C003 (closed).
pub fn fixture() -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/spec_example.json");
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(path).expect("fixture"))
        .expect("fixture json");
    let c001 = doc["clients"][0].clone();
    let mut c002 = c001.clone();
    c002["external_id"] = json!("C002");
    c002["employments"][0]["separation_date"] = json!("2026-12-31");
    let mut c003 = c001.clone();
    c003["external_id"] = json!("C003");
    c003["closure"] = json!({"date": "2026-11-10", "reason": "moved"});
    json!({"clients": [c001, c002, c003]})
}

/// One client of the fixture, `N001`, changed by `edit`: valid but for
/// what `edit` did, so importing it would add a client.
pub fn client_doc(edit: impl FnOnce(&mut Value)) -> Vec<u8> {
    let mut c = fixture()["clients"][0].clone();
    c["external_id"] = json!("N001");
    edit(&mut c);
    json!({"clients": [c]}).to_string().into_bytes()
}

impl Office {
    /// The fixture imported by the binary; a copy of the file is kept to
    /// put back after a row that changed it, so one wrong row cannot make
    /// the rows after it fail.
    pub fn set_up() -> Office {
        let dir = tempfile::tempdir().expect("tempdir");
        let inputs = tempfile::tempdir().expect("tempdir");
        let db = dir.path().join("office.db");
        let file = inputs.path().join("fixture.json");
        std::fs::write(&file, fixture().to_string()).expect("write fixture");
        ok(&db, &["import", file.to_str().expect("utf8")]);
        let records: Value = serde_json::from_str(&ok(
            &db,
            &["record", "list", "--client", "C001", "--format", "json"],
        ))
        .expect("record list json");
        let id = |kind: &str| {
            records
                .as_array()
                .expect("array")
                .iter()
                .find(|r| r["kind"] == kind)
                .and_then(|r| r["id"].as_i64())
                .unwrap_or_else(|| panic!("a {kind} record"))
                .to_string()
        };
        std::fs::copy(&db, inputs.path().join("pristine.db")).expect("keep a copy");
        Office {
            dir: dir.path().to_path_buf(),
            contact: id("contacts"),
            consent: id("consents"),
            report: id("reports"),
            plan: id("plans"),
            db,
            inputs,
            _dir: dir,
        }
    }

    /// Puts the database back as it was set up (no process has it open:
    /// the binary has exited and wrote everything into the file).
    fn restore(&self) {
        for side in ["-wal", "-shm"] {
            let mut p = self.db.clone().into_os_string();
            p.push(side);
            let _ = std::fs::remove_file(p);
        }
        std::fs::copy(self.input("pristine.db"), &self.db).expect("put the copy back");
    }

    /// A file outside the database's folder, for `-o` and `import`.
    pub fn input(&self, name: &str) -> PathBuf {
        self.inputs.path().join(name)
    }

    fn run(&self, case: &Case) -> Output {
        match &case.run {
            Run::Cli(args) => run_cli(&self.db, args),
            Run::Raw(args, env) => {
                let mut c = bin();
                for (k, v) in env {
                    c.env(k, v);
                }
                c.args(args).output().expect("run teichaku")
            }
            Run::Import(bytes) => {
                let file = self.input("import.json");
                std::fs::write(&file, bytes).expect("write input");
                run_cli(
                    &self.db,
                    &["import".to_string(), file.to_string_lossy().into_owned()],
                )
            }
        }
    }
}

/// Everything stored, read through a plain read-only connection (it can
/// write nothing): every row of every table, the audit trail included.
#[derive(PartialEq, Eq)]
struct Fingerprint {
    tables: BTreeMap<String, Vec<String>>,
    /// The files beside the database (SQLite's own -wal/-shm aside).
    files: BTreeSet<String>,
}

impl Fingerprint {
    fn take(office: &Office) -> Fingerprint {
        let conn = Connection::open_with_flags(
            &office.db,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .expect("open read-only");
        let names: Vec<String> = conn
            .prepare(
                "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
            )
            .expect("tables")
            .query_map([], |r| r.get(0))
            .expect("query")
            .collect::<Result<_, _>>()
            .expect("names");
        let mut tables = BTreeMap::new();
        for name in names {
            let mut stmt = conn
                .prepare(&format!("SELECT * FROM \"{name}\""))
                .expect("select");
            let width = stmt.column_count();
            let mut rows: Vec<String> = stmt
                .query_map([], |r| {
                    let cells: Vec<String> = (0..width)
                        .map(|i| match r.get_ref(i) {
                            Ok(ValueRef::Text(t)) => String::from_utf8_lossy(t).into_owned(),
                            Ok(v) => format!("{v:?}"),
                            Err(e) => format!("<{e}>"),
                        })
                        .collect();
                    Ok(cells.join("\u{1f}"))
                })
                .expect("rows")
                .collect::<Result<_, _>>()
                .expect("row");
            rows.sort();
            tables.insert(name, rows);
        }
        let files = std::fs::read_dir(&office.dir)
            .expect("read dir")
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| !n.ends_with("-wal") && !n.ends_with("-shm") && !n.ends_with("-journal"))
            .collect();
        Fingerprint { tables, files }
    }

    /// What differs, for the failure message.
    fn diff(&self, after: &Fingerprint) -> String {
        let mut out = Vec::new();
        for (name, rows) in &after.tables {
            let before = self.tables.get(name).map_or(0, Vec::len);
            if self.tables.get(name) != Some(rows) {
                out.push(format!("{name}: {before} → {} rows, changed", rows.len()));
            }
        }
        if self.files != after.files {
            out.push(format!("files {:?} → {:?}", self.files, after.files));
        }
        out.join("; ")
    }

    fn audit_rows(&self) -> usize {
        self.tables.get("audit").map_or(0, Vec::len)
    }
}

/// A character that could drive or deceive a terminal: C0 controls but
/// newline and tab, DEL, C1 controls, bidi overrides and invisible marks.
fn terminal_unsafe(s: &str) -> Option<char> {
    s.chars().find(|&c| {
        (c.is_control() && c != '\n' && c != '\t')
            || matches!(
                c,
                '\u{200B}'..='\u{200F}'
                    | '\u{202A}'..='\u{202E}'
                    | '\u{2066}'..='\u{2069}'
                    | '\u{061C}'
                    | '\u{2060}'
                    | '\u{FEFF}'
            )
    })
}

/// Hiragana, katakana or kanji: the message is in Japanese.
fn is_japanese(s: &str) -> bool {
    s.chars()
        .any(|c| matches!(c, '\u{3040}'..='\u{30FF}' | '\u{4E00}'..='\u{9FFF}'))
}

/// Runs every row; returns one paragraph per row that failed.
fn failures(office: &Office, cases: &[Case]) -> Vec<String> {
    let mut names = BTreeSet::new();
    let mut out = Vec::new();
    for case in cases {
        assert!(names.insert(case.name), "two rows named {}", case.name);
        let before = Fingerprint::take(office);
        let o = office.run(case);
        let after = Fingerprint::take(office);
        let stderr = String::from_utf8_lossy(&o.stderr);
        let stdout = String::from_utf8_lossy(&o.stdout);
        let mut wrong = Vec::new();
        if o.status.code() != Some(1) {
            wrong.push(format!("exit status {:?}, not 1", o.status.code()));
        }
        for fragment in &case.expect {
            if !stderr.contains(fragment) {
                wrong.push(format!("no 「{fragment}」 in the message"));
            }
        }
        if !is_japanese(&stderr) || stderr.contains("panicked") {
            wrong.push("not a Japanese message".to_string());
        }
        if let Some(c) = terminal_unsafe(&stderr).or_else(|| terminal_unsafe(&stdout)) {
            wrong.push(format!("raw U+{:04X} printed", c as u32));
        }
        if o.stderr.len() > MAX_STDERR_BYTES {
            wrong.push(format!("{} bytes on stderr", o.stderr.len()));
        }
        if before != after {
            wrong.push(format!("the data changed: {}", before.diff(&after)));
            office.restore();
        }
        if !wrong.is_empty() {
            let shown: String = stderr.chars().take(600).collect();
            out.push(format!(
                "[{}] {}\n    stderr: {}",
                case.name,
                wrong.join("; "),
                shown.escape_debug()
            ));
        }
    }
    out
}

fn assert_all_refused(office: &Office, cases: &[Case]) {
    let failed = failures(office, cases);
    assert!(
        failed.is_empty(),
        "{} of {} rows failed:\n{}",
        failed.len(),
        cases.len(),
        failed.join("\n")
    );
}

#[test]
fn bad_options_of_every_command_are_refused_by_name_and_change_nothing() {
    let office = Office::set_up();
    let cases = cli_cases::cases(&office);
    assert!(cases.len() >= 60, "{} rows", cases.len());
    assert_all_refused(&office, &cases);
}

#[test]
fn bad_global_options_are_refused_by_name_and_create_nothing() {
    let office = Office::set_up();
    let cases = cli_cases::global_cases(&office);
    assert_all_refused(&office, &cases);
    assert!(
        !office.dir.join("typo").exists(),
        "a mistyped --db created a folder"
    );
}

#[test]
fn bad_import_files_are_refused_with_the_field_and_change_nothing() {
    let office = Office::set_up();
    let cases = import_cases::cases();
    assert!(cases.len() >= 30, "{} rows", cases.len());
    assert_all_refused(&office, &cases);
}

/// The harness can see a change: a good command run the same way fails
/// every row's "no change" check.
#[test]
fn the_fingerprint_sees_a_contact_added_and_its_audit_row() {
    let office = Office::set_up();
    let before = Fingerprint::take(&office);
    let good = cli(
        "a good contact",
        &["contact", "add", "--client", "C001", "--summary", "電話"],
        &[],
    );
    let o = office.run(&good);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let after = Fingerprint::take(&office);
    assert!(before != after);
    assert!(
        after.audit_rows() > before.audit_rows(),
        "{}",
        before.diff(&after)
    );
    let failed = failures(&office, &[good]);
    assert!(
        failed.len() == 1 && failed[0].contains("exit status"),
        "{failed:?}"
    );
    // The other checks of a row see what they look for.
    assert_eq!(terminal_unsafe("記録\u{1b}[2J"), Some('\u{1b}'));
    assert_eq!(terminal_unsafe("a\u{9b}b\u{202e}"), Some('\u{9b}'));
    assert_eq!(terminal_unsafe("⟨U+200B⟩\n"), None);
    assert!(is_japanese("--date: 日付") && !is_japanese("error: invalid date"));
}

/// A UTF-8 BOM (Excel, Notepad) is read past; the same document in UTF-16
/// is a row of the table above, refused by name.
#[test]
fn a_file_with_a_utf8_bom_is_imported_like_one_without() {
    let office = Office::set_up();
    let mut bytes = vec![0xEF, 0xBB, 0xBF];
    bytes.extend(client_doc(|_| {}));
    let file = office.input("bom.json");
    std::fs::write(&file, bytes).expect("write");
    let out = ok(&office.db, &["import", file.to_str().expect("utf8")]);
    assert!(out.contains("利用者 1 名"), "{out}");
    let list = ok(&office.db, &["contact", "list", "--client", "N001"]);
    assert!(list.contains("利用意向を確認"), "{list}");
}
