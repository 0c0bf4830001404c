//! The command line: argument parsing and dispatch. Every subcommand is a
//! thin shell over the library (store, engine, interchange); `run` returns an
//! exit code and prints errors in Japanese.

mod agenda;
mod agenda_text;
mod args_error;
mod audit;
mod clock;
mod commands;
mod contacts;
mod decisions;
mod documents;
pub mod due;
mod due_ics;
mod due_json;
mod due_run;
mod exported;
mod figures;
mod gather;
mod help_ja;
mod lists;
mod names;
mod output;
mod record_commands;
mod refusals;
pub mod rules;
mod settings;
mod staff;
#[cfg(test)]
mod tests;

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Args, FromArgMatches, Parser, Subcommand, ValueEnum};

pub use help_ja::command;

use crate::{date_input, paths};

#[derive(Debug, Parser)]
#[command(
    name = "teichaku",
    version,
    about = "就労定着支援のケース管理 (teichaku 定着)",
    long_about = "就労定着支援の期限・記録を管理します。サブコマンドなしで端末画面 (TUI) を開きます。"
)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Options accepted before or after the subcommand.
#[derive(Debug, Clone, Args)]
pub struct Global {
    /// データベースファイル (既定: データディレクトリの teichaku.db)
    #[arg(long, global = true, env = "TEICHAKU_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// デモ用データベースを使う (初回に作成)
    #[arg(long, global = true, conflicts_with = "db")]
    pub demo: bool,
    /// 基準日 (テスト・先読み用)。例: 2026-04-30, R8.4.30, +7d
    #[arg(
        long,
        global = true,
        env = "TEICHAKU_TODAY",
        value_name = "DATE",
        allow_hyphen_values = true
    )]
    pub today: Option<String>,
    /// 他のユーザーも読めるデータベースを、警告を出して開く
    #[arg(long, global = true)]
    pub allow_world_readable: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// ケースを JSON から取り込む (export と同じ形式)。全件成功か、何も書き込まない。
    Import {
        /// 取り込む JSON ファイル (通常のファイル、1 GiB まで)
        file: PathBuf,
        /// 職員に登録されていない担当者（ログイン名）もそのまま残す。その利用者は誰の期限一覧にも出ません
        #[arg(long)]
        keep_unregistered_staff: bool,
    },
    /// ケースを書き出す
    Export(ExportArgs),
    /// 期限の近い・過ぎた義務を一覧する (表・JSON・CSV・カレンダー)
    Due(DueArgs),
    /// 職員ごとの期限超過・期限間近の項目を、メール向けの文章で出す
    Agenda(agenda::AgendaArgs),
    /// 支援記録: 一覧・追加・修正・削除
    #[command(subcommand)]
    Contact(contacts::ContactCommand),
    /// 利用者の記録すべて: 一覧・削除
    #[command(subcommand)]
    Record(record_commands::RecordCommand),
    /// 同意: 撤回の記録
    #[command(subcommand)]
    Consent(record_commands::ConsentCommand),
    /// 就職: 離職の記録・新しい就職の登録 (離職後の再就職)
    #[command(subcommand)]
    Employment(record_commands::EmploymentCommand),
    /// 項目を対象外にする (理由つき)、または取り消す
    Resolve(decisions::ResolveArgs),
    /// 自分の最後の変更 (利用者の記録の追加・修正・削除) を取り消す。そのあと誰かが同じ記録を変えていれば取り消さない
    Undo {
        /// 何を取り消すかを表示するだけで、変更しない
        #[arg(long)]
        dry_run: bool,
    },
    /// 利用者: ケースの終結・終結の取り消し
    #[command(subcommand)]
    Client(decisions::ClientCommand),
    /// 支援レポート (別紙様式1)
    #[command(subcommand)]
    Report(ReportCommand),
    /// デモ用データを生成してデータベースに入れる
    Demo {
        /// 利用者数 (最大 30000)
        #[arg(long, default_value_t = 200, allow_hyphen_values = true)]
        clients: usize,
    },
    /// 事業所のデータベースを新しく作る (作った人が管理者になる)
    Init,
    /// データベースのバックアップを作る (使用中でもよい。作成後に検査する)
    Backup {
        /// バックアップ先のファイル (新しく作る。所有者だけが読める 0600)
        dest: PathBuf,
        /// 既にあるバックアップ先を置き換える
        #[arg(long)]
        force: bool,
    },
    /// バックアップから復元する (今の内容は先に別ファイルへ残す)
    Restore {
        /// 復元するバックアップ
        src: PathBuf,
        /// 確認せずに復元する (スクリプト用)
        #[arg(long)]
        yes: bool,
    },
    /// 整合性・外部キー・スキーマのバージョンを確認する
    Check,
    /// 職員: 登録・一覧・変更・登録の解除 (変更は管理者のみ)
    #[command(subcommand)]
    Staff(staff::StaffCommand),
    /// 事業所の設定を表示する・変える (変更は管理者のみ)
    Settings {
        /// 設定の名前 (省略すると全部を表示)
        key: Option<String>,
        /// 新しい値 (省略すると今の値を表示)
        #[arg(allow_hyphen_values = true)]
        value: Option<String>,
    },
    /// 監査記録 (誰が・いつ・何を変えたか) を新しい順に表示する。全員の記録は管理者、自分の変更は --mine でだれでも
    Audit(audit::AuditArgs),
    /// 義務のルール表 (期限・対象・完了の条件・根拠) を表示する。データベースは使わない
    Rules(rules::Args),
    /// 事業所の実績: 就労定着率・利用者数と人員・減算のおそれ・地域連携会議実施加算・請求前の確認
    /// (サービス管理責任者・管理者)
    Figures(figures::FiguresArgs),
}

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct ExportArgs {
    /// 書類 (支援レポート・計画書)。省略時はケース全体を JSON で書き出す
    #[command(subcommand)]
    pub doc: Option<ExportDoc>,
    /// 形式
    #[arg(long, value_enum, default_value_t = ExportFormat::Json)]
    pub format: ExportFormat,
    /// 利用者 ID (external_id) で絞る
    #[arg(long, value_name = "ID")]
    pub client: Option<String>,
    /// 出力先ファイル (既定: 標準出力)。本人だけが読める 0600 で作る (設定 export_group のグループも読める 0640 にできる)。既にあるファイルは --force なしでは上書きしない
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// 既にある出力先ファイルを置き換える (通常のファイルだけ。データベース・デバイス・FIFO は置き換えない)
    #[arg(long, requires = "output")]
    pub force: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DocFormat {
    Xlsx,
    Html,
}

#[derive(Debug, Subcommand)]
pub enum ExportDoc {
    /// 支援レポート (別紙様式1) を書き出す
    Report {
        /// 利用者 ID (external_id)
        #[arg(long, value_name = "ID")]
        client: String,
        /// 対象月 (例: 2026-10)
        #[arg(long, value_name = "YYYY-MM")]
        month: String,
        /// 形式: xlsx (Excel) か html (ブラウザで印刷)
        #[arg(long, value_enum)]
        format: DocFormat,
        /// 事業主と共有する版 (本人の同意が必要)
        #[arg(long)]
        for_employer: bool,
        /// 出力先ファイル。本人だけが読める 0600 で作る。既にあるファイルは --force なしでは上書きしない
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// 既にあるファイルを上書きする
        #[arg(long)]
        force: bool,
    },
    /// 就労定着支援計画書 (別紙様式2) を書き出す
    Plan {
        /// 利用者 ID (external_id)
        #[arg(long, value_name = "ID")]
        client: String,
        /// 何番目の計画か (1 が最初。既定: 最新)
        #[arg(long, value_name = "N", allow_hyphen_values = true)]
        version: Option<usize>,
        /// 形式: xlsx (Excel) か html (ブラウザで印刷)
        #[arg(long, value_enum)]
        format: DocFormat,
        /// 出力先ファイル。本人だけが読める 0600 で作る。既にあるファイルは --force なしでは上書きしない
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// 既にあるファイルを上書きする
        #[arg(long)]
        force: bool,
    },
    /// 一般就労へ移行した利用者一覧表 (就労移行支援の参考様式) を書き出す (サービス管理責任者・管理者)
    EmployedList(lists::EmployedListArgs),
    /// ある月の支援レポートを利用者ごとに1ファイルずつ書き出す
    Reports(lists::ReportsArgs),
    /// ケース記録 (利用者情報・期限と状況・支援記録・書類) を1つの HTML に書き出す
    History {
        /// 利用者 ID (external_id)
        #[arg(long, value_name = "ID")]
        client: String,
        #[arg(long, value_enum, default_value_t = HistoryFormat::Html)]
        format: HistoryFormat,
        /// 出力先ファイル。本人だけが読める 0600 で作る。既にあるファイルは --force なしでは上書きしない
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// 既にあるファイルを上書きする
        #[arg(long)]
        force: bool,
    },
}

/// The case history is for printing: HTML only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum HistoryFormat {
    Html,
}

#[derive(Debug, Subcommand)]
pub enum ReportCommand {
    /// 支援レポートを作る・書き換える (新規は記録から下書きを作る)
    Set {
        /// 利用者 ID (external_id)
        #[arg(long, value_name = "ID")]
        client: String,
        /// 対象月 (例: 2026-10)
        #[arg(long, value_name = "YYYY-MM")]
        month: String,
        /// 対象者提示日 (例: 2026-10-30, today)
        #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
        presented: Option<String>,
        /// 項目=値 (data/forms/report.toml の id。例: goal_1=体調管理)
        #[arg(long = "field", value_name = "KEY=VALUE")]
        fields: Vec<String>,
        /// その月の本人・事業主との記録を支援実績の空いた行に取り込む
        /// (書いた行は残し、同じ月日・場所・方法の行は重ねない。追加した行と入りきらない記録を表示)
        #[arg(long)]
        refresh_records: bool,
    },
}

#[derive(Debug, Args)]
#[command(
    after_help = "終了コード: 0 = 成功、1 = エラー、3 = --fail-on の項目がある (一覧は出力済み)"
)]
pub struct DueArgs {
    /// この日数以内に期限が来るものと期限超過を表示 (既定 30)
    #[arg(
        long,
        default_value_t = 30,
        value_name = "DAYS",
        allow_hyphen_values = true
    )]
    pub within: i64,
    /// 期限がこの日以降のものを表示 (既定: 基準日)。過去の日付で履歴も出る
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub from: Option<String>,
    /// 完了・対象外も含める
    #[arg(long)]
    pub all: bool,
    /// 担当者 (ログイン名) で絞る
    #[arg(long, value_name = "LOGIN")]
    pub staff: Option<String>,
    /// 利用者 ID (external_id) で絞る
    #[arg(long, value_name = "ID")]
    pub client: Option<String>,
    /// 必須の項目だけ (努力義務・情報を除く)
    #[arg(long)]
    pub required: bool,
    /// 終結したケースも含める
    #[arg(long)]
    pub include_closed: bool,
    /// 出力形式 (ics: カレンダー用の iCalendar)
    #[arg(long, value_enum, default_value_t = due::Format::Table)]
    pub format: due::Format,
    /// 該当する項目が一覧にあれば終了コード 3 (cron・監視用): overdue = 期限超過、due-soon = 期限超過か期限間近
    #[arg(long, value_enum, value_name = "WHAT")]
    pub fail_on: Option<due_run::FailOn>,
    /// 出力先ファイル (既定: 標準出力)。本人だけが読める 0600 で作る (設定 export_group のグループも読める 0640 にできる)。既にあるファイルは --force なしでは上書きしない
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// 既にある出力先ファイルを置き換える (書き終えてから名前を付け替える)
    #[arg(long, requires = "output")]
    pub force: bool,
}

/// An error for the person at the terminal: already in Japanese.
#[derive(Debug)]
pub struct CliError(pub String);

impl<E: std::fmt::Display + 'static> From<E> for CliError {
    fn from(e: E) -> Self {
        // A refusal, wherever it was met, says what the person may run
        // instead.
        match (&e as &dyn std::any::Any).downcast_ref::<crate::store::StoreError>() {
            Some(s) => CliError(refusals::store_message(s, &[])),
            None => CliError(e.to_string()),
        }
    }
}

/// A store error for the shell: the rule set's problems name the option
/// the person typed (`options`: record field → option), each message the
/// rule set's own.
pub(crate) fn store_error(e: crate::store::StoreError, options: &[(&str, &str)]) -> CliError {
    match e {
        crate::store::StoreError::Rules { problems, .. } => CliError(
            problems
                .iter()
                .map(|p| match options.iter().find(|(f, _)| *f == p.field) {
                    Some((_, opt)) => format!("{opt}: {}", p.message),
                    None => p.message.clone(),
                })
                .collect::<Vec<_>>()
                .join("\n"),
        ),
        e => CliError(refusals::store_message(&e, &[])),
    }
}

/// The option of a reason for a deletion or an undoing.
pub(crate) const REASON_OPTION: &[(&str, &str)] = &[("reason", "--reason")];

/// The arguments, read by the command line whose help is in Japanese.
pub(crate) fn parse_from<I, T>(args: I) -> Result<Cli, clap::Error>
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    command()
        .try_get_matches_from(args)
        .and_then(|m| Cli::from_arg_matches(&m))
}

/// Entry point used by `main`.
pub fn run() -> ExitCode {
    // Before anything can drop the setgid group (or start a thread).
    crate::privilege::init();
    let cli = match parse_from(std::env::args_os()) {
        Ok(cli) => cli,
        // --help and --version are not errors: clap prints them.
        Err(e)
            if matches!(
                e.kind(),
                clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion
            ) =>
        {
            // A full disk is said; a reader gone ends it quietly.
            return output::printed(e.print());
        }
        Err(e) => {
            output::warn(format_args!("エラー: {}", args_error::message(&e)));
            return ExitCode::FAILURE;
        }
    };
    match dispatch(cli) {
        Ok(code) => code,
        Err(CliError(msg)) => output::fail(&msg),
    }
}

/// The reference day: `--today` (relative forms count from the clock's
/// day), else the clock's day (`clock`: the one place the clock is read).
pub fn resolve_today(arg: Option<&str>) -> Result<NaiveDate, CliError> {
    let now = clock::day();
    match arg {
        None => Ok(now),
        Some(s) => {
            date_input::parse_date_input(s, now).map_err(|e| CliError(format!("--today: {e}")))
        }
    }
}

/// Which database file to use. Run setgid (the shared-server set-up), the
/// configured one, or one inside its folder: anything else is refused.
pub fn resolve_db(g: &Global) -> Result<PathBuf, CliError> {
    let asked = if g.demo {
        Some(paths::demo_db())
    } else {
        g.db.clone()
    };
    Ok(crate::privilege::database(
        asked,
        g.demo,
        paths::default_db,
    )?)
}

fn dispatch(cli: Cli) -> Result<ExitCode, CliError> {
    // The rule table needs no database (nor a deployment's configuration).
    if let Some(Command::Rules(a)) = &cli.command {
        return rules::run(a);
    }
    clock::init()?;
    let today = resolve_today(cli.global.today.as_deref())?;
    let db = resolve_db(&cli.global)?;
    commands::allow_world_readable(cli.global.allow_world_readable);
    let done = run_command(cli.command, &db, cli.global.demo, today);
    // Corruption SQLite reported on the way stops every process's writes
    // until `check` finds the file sound (docs: the damage flag).
    crate::store::remember_corruption(&db, &crate::store::os_login());
    done
}

fn run_command(
    command: Option<Command>,
    db: &std::path::Path,
    demo: bool,
    today: NaiveDate,
) -> Result<ExitCode, CliError> {
    match command {
        None => commands::tui(db, demo, today),
        Some(Command::Import {
            file,
            keep_unregistered_staff,
        }) => commands::import(db, &file, keep_unregistered_staff, today),
        Some(Command::Export(ExportArgs { doc: Some(d), .. })) => documents::export(db, &d, today),
        Some(Command::Export(a)) => commands::export(db, &a, today),
        Some(Command::Report(ReportCommand::Set {
            client,
            month,
            presented,
            fields,
            refresh_records,
        })) => documents::report_set(
            db,
            &client,
            &month,
            presented.as_deref(),
            &fields,
            refresh_records,
            today,
        ),
        Some(Command::Due(a)) => due_run::due(db, &a, today),
        Some(Command::Agenda(a)) => agenda::run(db, &a, today),
        Some(Command::Contact(c)) => {
            let store = match c {
                contacts::ContactCommand::List(_) => commands::open_to_read(db, today)?,
                _ => commands::open(db, today)?,
            };
            contacts::contact(&store, &c, today)
        }
        Some(Command::Record(c)) => {
            let store = match c {
                record_commands::RecordCommand::List { .. } => commands::open_to_read(db, today)?,
                _ => commands::open(db, today)?,
            };
            record_commands::record(&store, &c)
        }
        Some(Command::Consent(c)) => {
            record_commands::consent(&commands::open(db, today)?, &c, today)
        }
        Some(Command::Employment(c)) => {
            record_commands::employment(&commands::open(db, today)?, &c, today)
        }
        Some(Command::Resolve(a)) => decisions::resolve(&commands::open(db, today)?, &a),
        Some(Command::Undo { dry_run }) => decisions::undo(&commands::open(db, today)?, dry_run),
        Some(Command::Client(c)) => decisions::client(&commands::open(db, today)?, &c, today),
        Some(Command::Demo { clients }) => commands::demo(db, clients, today),
        Some(Command::Init) => commands::init(db, today),
        Some(Command::Backup { dest, force }) => commands::backup(db, &dest, force, today),
        Some(Command::Restore { src, yes }) => commands::restore(db, &src, yes, today),
        Some(Command::Check) => commands::check(db, today),
        Some(Command::Staff(c)) => {
            let store = match c {
                staff::StaffCommand::List => commands::open_to_read(db, today)?,
                _ => commands::open(db, today)?,
            };
            staff::staff(&store, &c, today)
        }
        Some(Command::Settings { key, value }) => {
            let store = match value {
                None => commands::open_to_read(db, today)?,
                Some(_) => commands::open(db, today)?,
            };
            settings::settings(&store, key.as_deref(), value.as_deref())
        }
        Some(Command::Audit(a)) => audit::run(&commands::open_to_read(db, today)?, &a),
        Some(Command::Rules(a)) => rules::run(&a),
        Some(Command::Figures(a)) => figures::run(db, &a, today),
    }
}
