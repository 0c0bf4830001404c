//! The subcommands. Each opens the store, calls the library, and prints.

use std::path::Path;
use std::process::ExitCode;
use std::sync::OnceLock;

use chrono::NaiveDate;

use super::refusals::{Instead, refused_for, typed_with};
use super::{CliError, ExportArgs, due, exported, output};
use crate::access::Permission;
use crate::operation::{self, Operation};
use crate::store::{Among, Reads, Store, StoreError};
use crate::{demo, interchange};

/// Clients generated on first use of `--demo`.
const DEMO_DEFAULT_CLIENTS: usize = 200;
/// Clients loaded at a time by `due`.
const DUE_BATCH: usize = 500;
/// At most this many connections read for `due` at once (each holds a
/// batch in memory; beyond this the disk, not the cores, is the limit).
const DUE_READERS: usize = 4;

/// `--allow-world-readable`: open a database others can read, with a warning.
static ALLOW_WORLD_READABLE: OnceLock<bool> = OnceLock::new();

pub(super) fn allow_world_readable(yes: bool) {
    let _ = ALLOW_WORLD_READABLE.set(yes);
}

/// Opens an existing database for a command run on `today` (the rules
/// check against it). A missing file is an error, never a new empty
/// database: a mistyped `--db` or `TEICHAKU_DB` would otherwise report
/// "nothing due" for ever.
pub(super) fn open(db: &Path, today: NaiveDate) -> Result<Store, CliError> {
    refuse_missing(db)?;
    create(db, today)
}

fn refuse_missing(db: &Path) -> Result<(), CliError> {
    refuse_folder(db)?;
    if std::fs::symlink_metadata(db).is_err() {
        let shown = crate::text::for_display(&db.display().to_string()).into_owned();
        return Err(CliError(format!(
            "データベース {shown} がありません（何も作成していません）。--db や TEICHAKU_DB の綴りを確かめてください。新しい事業所のデータベースは `teichaku --db {shown} init` で作成します（試すだけなら `teichaku --demo`）。"
        )));
    }
    Ok(())
}

/// A folder given as the database (the folder it should be in): SQLite
/// would only say "disk I/O error".
fn refuse_folder(db: &Path) -> Result<(), CliError> {
    // A side file's name is never a database, existing or not.
    crate::store::refuse_side_file_name(db)?;
    if db.is_dir() {
        let shown = crate::text::for_display(&db.display().to_string()).into_owned();
        return Err(CliError(format!(
            "--db: {shown} はフォルダです。--db や TEICHAKU_DB にはデータベースのファイルを指定してください（例: {}）。",
            crate::text::for_display(&db.join("teichaku.db").display().to_string())
        )));
    }
    Ok(())
}

/// Opens an existing database for a command that only reads: when it
/// cannot be written (a copy in a read-only folder, a read-only disk) it
/// is opened read-only, with a note, instead of refused.
pub(super) fn open_to_read(db: &Path, today: NaiveDate) -> Result<Store, CliError> {
    open_to_read_as(db, today, Reads::Repeatedly)
}

/// `open_to_read` for a command that reads the office once through
/// (`due`, `agenda`, `figures`): small and steady in memory from the first
/// read on.
pub(super) fn open_to_read_once(db: &Path, today: NaiveDate) -> Result<Store, CliError> {
    open_to_read_as(db, today, Reads::Once)
}

fn open_to_read_as(db: &Path, today: NaiveDate, reads: Reads) -> Result<Store, CliError> {
    refuse_missing(db)?;
    refuse_world_readable(db)?;
    let login = crate::store::os_login();
    let mut store = match Store::open_with(db, &login, reads) {
        Ok(s) => s,
        Err(
            first @ (StoreError::ReadOnly(_) | StoreError::Permission(_) | StoreError::Sharing(_)),
        ) => {
            // A side file explained (the shared-group set-up) stays the
            // message when reading fails too, and is said when it works.
            let s = Store::open_read_only_with(db, &login, reads).map_err(|e| match &first {
                StoreError::Sharing(_) => first.to_string(),
                _ => e.to_string(),
            })?;
            output::warn(
                "注意: 書き込めないため、読み取り専用で開きました（表示と書き出しのみ。操作記録は残りません）。",
            );
            if let StoreError::Sharing(why) = &first {
                output::warn(why);
            }
            s
        }
        Err(e) => return Err(e.into()),
    };
    store.set_today(today);
    Ok(store)
}

/// Opens the database, creating it (0660, folder 0700) if missing: only
/// for `init`, `import`, `demo` and `--demo`.
pub(super) fn create(db: &Path, today: NaiveDate) -> Result<Store, CliError> {
    create_as(db, today, Reads::Repeatedly)
}

fn create_as(db: &Path, today: NaiveDate, reads: Reads) -> Result<Store, CliError> {
    refuse_folder(db)?;
    if std::fs::symlink_metadata(db).is_err() {
        crate::privilege::may_create(&crate::store::os_login())?;
    }
    refuse_world_readable(db)?;
    let mut store = Store::open_with(db, &crate::store::os_login(), reads)?;
    store.set_today(today);
    Ok(store)
}

/// The file holds 要配慮個人情報: one that others can read is not used
/// (the message gives the command that fixes it).
fn refuse_world_readable(db: &Path) -> Result<(), CliError> {
    for suffix in ["", "-wal", "-shm"] {
        let p = &crate::paths::with_suffix(db, suffix);
        let Some(mode) = crate::store::mode_of(p) else {
            continue;
        };
        if mode & 0o007 == 0 {
            continue;
        }
        let shown = crate::text::for_display(&p.display().to_string()).into_owned();
        let what = format!(
            "{shown} は事業所外のユーザーも読み書きできる状態です（mode {mode:04o}）。直すには: chmod o-rwx '{shown}'"
        );
        if ALLOW_WORLD_READABLE.get().copied().unwrap_or(false) {
            output::warn(format_args!(
                "警告: {what}（--allow-world-readable により開きます）"
            ));
        } else {
            return Err(CliError(format!(
                "{what}。要配慮個人情報を守るため開きません（どうしても開くときは --allow-world-readable）。"
            )));
        }
    }
    Ok(())
}

pub(super) fn init(db: &Path, today: NaiveDate) -> Result<ExitCode, CliError> {
    let shown = crate::text::for_display(&db.display().to_string()).into_owned();
    if std::fs::symlink_metadata(db).is_ok() {
        return Err(CliError(format!(
            "{shown} は既にあります。何も変更していません。"
        )));
    }
    let store = create(db, today)?;
    let login = store.user().to_string();
    let me = crate::model::Staff {
        login: login.clone(),
        display_name: login.clone(),
        role: crate::model::Role::Admin,
        basic_training: None,
        fte_percent: None,
        joined: None,
        left: None,
        fte_history: Vec::new(),
    };
    operation::apply(&store, &Operation::AddStaff(me))?;
    output::line(format_args!(
        "事業所のデータベースを作成しました: {shown}（管理者: {}）",
        crate::text::for_display(&login)
    ))?;
    Ok(ExitCode::SUCCESS)
}

/// Open the demo database, filling it on first use.
pub(super) fn open_demo(db: &Path, today: NaiveDate) -> Result<Store, CliError> {
    let store = create(db, today)?;
    if store.client_count()? == 0 {
        let doc = demo::generate(DEMO_DEFAULT_CLIENTS, today);
        operation::import_document(&store, &doc)?;
        demo_office(&store)?;
    }
    Ok(store)
}

/// The demo office's staff and details, so documents print as an office's.
fn demo_office(store: &Store) -> Result<(), CliError> {
    for s in demo::demo_staff() {
        operation::apply(store, &Operation::AddStaff(s))?;
    }
    let office = Operation::Office {
        office: Some(Box::new(demo::demo_office())),
        settings: None,
        caseload_only: None,
        export_group: None,
    };
    operation::apply(store, &office)?;
    Ok(())
}

pub(super) fn tui(db: &Path, demo: bool, today: NaiveDate) -> Result<ExitCode, CliError> {
    if demo {
        open_demo(db, today)?; // created and filled on first use
    }
    // The screen reads a client at a time for hours: through a small page
    // cache and no memory map, so what it has read stays in the system's
    // file cache (one copy for every screen), not in each screen's memory.
    let store = open_to_read_as(db, today, Reads::Once)?;
    Ok(match crate::tui::run(store, today)? {
        crate::tui::Ended::Quit => ExitCode::SUCCESS,
        // 128 + the signal's number, as a shell reports a program a
        // signal ended (143 SIGTERM, 129 SIGHUP).
        crate::tui::Ended::Signal(status) => ExitCode::from(status),
    })
}

/// The largest file `import` reads. The text is held in memory while it is
/// checked and read client by client, so this bounds what an import can
/// take of a shared server's memory; an office of the largest size this
/// program is built for exports to a few hundred MB, well inside it.
const IMPORT_LIMIT: u64 = 1 << 30;

pub(super) fn import(
    db: &Path,
    file: &Path,
    keep_unregistered_staff: bool,
    today: NaiveDate,
) -> Result<ExitCode, CliError> {
    // Who may import, before the input is touched: into an office's
    // database its 管理者 only (and not into a damaged file: a thousand
    // records written into it spread the damage); a new file only who may
    // create it (its creator becomes its 管理者). Written once through: a
    // small page cache (dirty pages go on to the WAL early), no memory map.
    let existing = if std::fs::symlink_metadata(db).is_ok() {
        let mut store = create_as(db, today, Reads::Once)?;
        store.require(crate::access::Permission::Import)?;
        store.require_sound()?;
        Some(store)
    } else {
        refuse_folder(db)?;
        crate::privilege::may_create(&crate::store::os_login())?;
        None
    };
    // A regular file only, at most IMPORT_LIMIT, read as the user (setgid:
    // a file they could not read themselves is not read for them).
    let bytes = crate::files::read_regular(file, IMPORT_LIMIT)
        .map_err(|e| CliError(format!("{e}。何も取り込んでいません。")))?;
    let shown = crate::text::for_display(&file.display().to_string()).into_owned();
    let json = interchange::decode_text(&bytes).map_err(|e| CliError(format!("{shown}: {e}")))?;
    // Checked whole before anything is written (or a new database made),
    // one client at a time, then read again client by client into the
    // database: never the whole office as clients in memory at once.
    // Things done are judged by the clock's day, as in the store.
    if let Err(problems) = interchange::check_document(json, super::clock::day()) {
        for p in &problems {
            output::warn(p);
        }
        return Err(CliError(format!(
            "{} 件の問題があるため、何も取り込みませんでした。",
            problems.len()
        )));
    }
    let store = match existing {
        Some(store) => store,
        None => create_as(db, today, Reads::Once)?,
    };
    let summary = operation::import_keeping(&store, keep_unregistered_staff, |put| {
        interchange::each_client(json, StoreError::Invalid, put)
    })?;
    output::line(format_args!("取り込みました: {summary}"))?;
    Ok(ExitCode::SUCCESS)
}

pub(super) fn export(db: &Path, a: &ExportArgs, today: NaiveDate) -> Result<ExitCode, CliError> {
    let store = open_to_read(db, today)?;
    // Refused before the export is made: no file, no audit row.
    if let Some(p) = &a.output {
        crate::files::check_new(p, a.force).map_err(CliError)?;
    }
    let e = store.export_document(a.client.as_deref()).map_err(|e| {
        let one = Instead::new(
            "利用者1人の記録を書き出す",
            typed_with("--client", &["--client", "<利用者ID>"]),
        );
        CliError(refused_for(&e, Permission::ExportOffice, &[one]))
    })?;
    let mut json = interchange::to_json(&e.document);
    json.push('\n');
    // Recorded as it is handed out (`exported`).
    match &a.output {
        Some(p) => {
            let readers = exported::readers(&store)?;
            crate::files::stage(p, json.as_bytes(), a.force, &readers)
                .map_err(CliError)?
                .hand_out(
                    &e.what,
                    |what| exported::record_row(&store, e.client, what),
                    StoreError::Invalid,
                )?;
        }
        None => exported::record_stdout(&store, e.client, &e.what, output::bytes(json.as_bytes()))?,
    }
    Ok(ExitCode::SUCCESS)
}

/// `--staff` must name a registered member of staff: a typo would
/// otherwise list nothing and look like "nothing due".
pub(super) fn known_staff(store: &Store, login: &str) -> Result<(), CliError> {
    let staff = store.list_staff()?;
    if staff.iter().any(|s| s.login == login) {
        return Ok(());
    }
    let logins: Vec<String> = staff.iter().map(super::names::of).collect();
    Err(CliError(format!(
        "--staff: 「{}」は職員として登録されていません。登録されている職員: {}",
        crate::text::as_typed(login),
        if logins.is_empty() {
            "（なし）".to_string()
        } else {
            logins.join("、")
        }
    )))
}

/// Every selected row in output order, computed in batches of clients (only
/// the selected rows are kept, not every record) on one connection per core
/// (up to `DUE_READERS`): loading is most of the work. All take batches
/// from one queue, so none waits on another however the work is spread
/// over the clients. Each client is read within one snapshot.
pub(super) fn due_rows(
    store: &Store,
    ids: &[crate::model::ClientId],
    settings: &crate::model::Settings,
    today: NaiveDate,
    query: &due::Query,
) -> Result<Vec<due::Row>, CliError> {
    let among = Among {
        open_only: !query.include_closed,
        staff: query.staff.as_deref(),
    };
    let parts = store.fold_engine_batches(
        ids,
        DUE_BATCH,
        among,
        DUE_READERS,
        Vec::new,
        |rows, clients| due::collect_into(rows, &clients, settings, today, query),
    )?;
    let mut rows: Vec<due::Row> = parts.into_iter().flatten().collect();
    // Rows of different clients never tie (external_id is unique), so the
    // order does not depend on which connection read which client.
    due::sort(&mut rows);
    Ok(rows)
}

pub(super) fn demo(db: &Path, clients: usize, today: NaiveDate) -> Result<ExitCode, CliError> {
    if clients == 0 || clients > demo::MAX_CLIENTS {
        return Err(CliError(format!(
            "--clients は 1〜{} で指定してください。",
            demo::MAX_CLIENTS
        )));
    }
    let store = create(db, today)?;
    if store.client_count()? > 0 {
        return Err(CliError(format!(
            "{} には既に利用者が登録されています。デモは空のデータベースに作成してください。",
            db.display()
        )));
    }
    let summary = operation::import(&store, |put| demo::each_client(clients, today, put))?;
    demo_office(&store)?;
    output::line(format_args!(
        "デモデータを作成しました ({}): {summary}",
        db.display()
    ))?;
    Ok(ExitCode::SUCCESS)
}

pub(super) fn check(db: &Path, today: NaiveDate) -> Result<ExitCode, CliError> {
    let store = open_to_read(db, today)?;
    let report = store.check()?;
    output::line(&report)?;
    Ok(if report.is_ok() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

pub(super) fn backup(
    db: &Path,
    dest: &Path,
    force: bool,
    today: NaiveDate,
) -> Result<ExitCode, CliError> {
    let store = open_to_read(db, today)?;
    for left in store.backup_to(dest, force)? {
        output::line(format_args!(
            "中断されたバックアップ・復元の作業ファイルを削除しました: {}",
            crate::text::for_display(&left.display().to_string())
        ))?;
    }
    output::line(format_args!(
        "バックアップしました: {}（検査済み、所有者のみ読み書き可）",
        crate::text::for_display(&dest.display().to_string())
    ))?;
    if let Some(head) = store.chain_head()? {
        output::line(format_args!("{head}"))?;
    }
    Ok(ExitCode::SUCCESS)
}

pub(super) fn restore(
    db: &Path,
    src: &Path,
    yes: bool,
    today: NaiveDate,
) -> Result<ExitCode, CliError> {
    let mut store = open(db, today)?;
    let (shown_db, shown_src) = (
        crate::text::for_display(&db.display().to_string()).into_owned(),
        crate::text::for_display(&src.display().to_string()).into_owned(),
    );
    if !yes
        && !confirm(&format!(
            "{shown_db} の内容を {shown_src} の内容で置き換えます（今の内容は別ファイルに残します）。よろしいですか [y/N] "
        ))?
    {
        return Err(CliError(
            "復元をやめました。何も変更していません（確認なしで行うには --yes）。".into(),
        ));
    }
    let kept = operation::restore(&mut store, src)?;
    output::line(format_args!(
        "復元しました: {shown_src} → {shown_db}（復元前の内容: {}）",
        crate::text::for_display(&kept.display().to_string())
    ))?;
    Ok(ExitCode::SUCCESS)
}

/// Asks on the terminal; without one (a script) the answer is no.
fn confirm(question: &str) -> Result<bool, CliError> {
    use std::io::{BufRead, IsTerminal};
    if !std::io::stdin().is_terminal() {
        return Ok(false);
    }
    output::prompt(question)?;
    let mut answer = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut answer)
        .map_err(|e| CliError(format!("入力を読めません: {e}")))?;
    Ok(matches!(answer.trim(), "y" | "Y" | "yes" | "ｙ" | "はい"))
}
