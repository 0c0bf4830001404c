//! Where a form's draft is kept: a key naming the form (login, kind,
//! client, and the record or month for an edit) and the terminal it was
//! typed in, so two windows of one login keep two drafts and never write
//! over each other's. A terminal's drafts are still found from another
//! one (a dropped SSH session comes back on a new tty).
//!
//! Key: `tui/<login>/<kind>/<client>[/<record|month|new>]@<terminal>`;
//! keys written before terminals had ids have no `@` part.

use crate::model::ClientId;
use crate::store::Draft;
use crate::tui::record_forms::FormKind;

const AT: char = '@';

/// The key of `form`'s draft in `terminal` ("" for none).
pub(crate) fn with_terminal(form: &str, terminal: &str) -> String {
    if terminal.is_empty() {
        form.to_string()
    } else {
        format!("{form}{AT}{terminal}")
    }
}

/// A key's form part and its terminal (`None`: a key from before
/// terminals had ids).
pub(crate) fn split(key: &str) -> (&str, Option<&str>) {
    match key.rsplit_once(AT) {
        Some((form, terminal)) => (form, Some(terminal)),
        None => (key, None),
    }
}

/// The newest draft of the same form kept by another terminal, from
/// `drafts` (newest first, as the store lists them).
pub(crate) fn elsewhere<'a>(key: &str, drafts: &'a [Draft]) -> Option<&'a Draft> {
    let form = split(key).0;
    drafts
        .iter()
        .find(|d| d.key != key && split(&d.key).0 == form)
}

/// This terminal's id from the environment's values: the tmux pane (with
/// its server's socket, as pane ids restart with the server), else the
/// tty of stdin, else the process. `@` cannot appear in it.
pub(crate) fn terminal_id(
    tmux: Option<&str>,
    pane: Option<&str>,
    tty: Option<&str>,
    pid: u32,
) -> String {
    let id = match (tmux, pane, tty) {
        (Some(t), Some(p), _) if !t.is_empty() && !p.is_empty() => {
            let socket = t.split(',').next().unwrap_or(t);
            format!("tmux:{socket}:{p}")
        }
        (_, _, Some(tty)) if !tty.is_empty() => format!("tty:{tty}"),
        _ => format!("pid:{pid}"),
    };
    id.replace(AT, "_")
}

/// A terminal as a person knows it: `tmux %3`, `pts/3`, `プロセス 123`.
pub(crate) fn terminal_label(key: &str) -> String {
    let Some(terminal) = split(key).1 else {
        return "端末不明".to_string();
    };
    if let Some(rest) = terminal.strip_prefix("tmux:") {
        let pane = rest.rsplit(':').next().unwrap_or(rest);
        return format!("tmux {pane}");
    }
    if let Some(tty) = terminal.strip_prefix("tty:") {
        return tty.strip_prefix("/dev/").unwrap_or(tty).to_string();
    }
    if let Some(pid) = terminal.strip_prefix("pid:") {
        return format!("プロセス {pid}");
    }
    terminal.to_string()
}

/// What a draft key names: the form's kind, its client (0 for a new
/// client) and the rest (the record's id, the report's month, `new`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FormKey {
    pub(crate) kind: FormKind,
    pub(crate) client_id: ClientId,
    pub(crate) rest: Option<String>,
}

/// The form `key` belongs to, if it is a TUI draft of `login`.
pub(crate) fn parse(key: &str, login: &str) -> Option<FormKey> {
    let form = split(key).0;
    let rest = form
        .strip_prefix("tui/")?
        .strip_prefix(login)?
        .strip_prefix('/')?;
    let mut parts = rest.splitn(3, '/');
    let kind = FormKind::parse(parts.next()?)?;
    let client_id = parts.next()?.parse().ok()?;
    Some(FormKey {
        kind,
        client_id,
        rest: parts.next().map(str::to_string),
    })
}

#[cfg(test)]
mod tests {
    use chrono::{TimeZone, Utc};

    use super::*;

    fn draft(key: &str, minute: u32) -> Draft {
        Draft {
            key: key.into(),
            updated_at: Utc
                .with_ymd_and_hms(2026, 5, 20, 1, minute, 0)
                .single()
                .expect("time"),
        }
    }

    #[test]
    fn a_terminal_id_prefers_the_tmux_pane_then_the_tty_then_the_process() {
        let tmux = Some("/tmp/tmux-1000/default,4242,0");
        assert_eq!(
            terminal_id(tmux, Some("%3"), Some("/dev/pts/1"), 9),
            "tmux:/tmp/tmux-1000/default:%3"
        );
        assert_eq!(
            terminal_id(None, Some("%3"), Some("/dev/pts/1"), 9),
            "tty:/dev/pts/1"
        );
        assert_eq!(terminal_id(None, None, None, 9), "pid:9");
        assert_eq!(terminal_id(None, None, Some("/dev/a@b"), 9), "tty:/dev/a_b");
    }

    #[test]
    fn two_terminals_of_one_form_have_two_keys_of_the_same_form() {
        let a = with_terminal("tui/sato/contact/3", "tty:/dev/pts/1");
        let b = with_terminal("tui/sato/contact/3", "tty:/dev/pts/2");
        assert_ne!(a, b);
        assert_eq!(split(&a).0, split(&b).0);
        assert_eq!(
            with_terminal("tui/sato/contact/3", ""),
            "tui/sato/contact/3"
        );
    }

    #[test]
    fn another_terminals_newest_draft_of_the_same_form_is_found() {
        let mine = with_terminal("tui/sato/contact/3", "tty:/dev/pts/9");
        let drafts = [
            draft("tui/sato/contact/4@tty:/dev/pts/1", 9),
            draft("tui/sato/contact/3@tty:/dev/pts/2", 8),
            draft("tui/sato/contact/3@tty:/dev/pts/1", 7),
        ];
        let found = elsewhere(&mine, &drafts).expect("found");
        assert_eq!(found.key, "tui/sato/contact/3@tty:/dev/pts/2");
        assert_eq!(elsewhere("tui/sato/client/3@x", &drafts), None);
        // A key written before terminals had ids is another terminal's too.
        let old = [draft("tui/sato/contact/3", 1)];
        assert!(elsewhere(&mine, &old).is_some());
    }

    #[test]
    fn a_key_names_its_form_and_its_terminal() {
        let k = parse("tui/sato/report/12/2026-05@tmux:/tmp/s:%1", "sato").expect("parsed");
        assert_eq!(
            (k.kind, k.client_id, k.rest.as_deref()),
            (FormKind::Report, ClientId::new(12), Some("2026-05"))
        );
        assert_eq!(parse("tui/tanaka/report/12", "sato"), None);
        assert_eq!(terminal_label("x@tmux:/tmp/s:%1"), "tmux %1");
        assert_eq!(terminal_label("x@tty:/dev/pts/4"), "pts/4");
        assert_eq!(terminal_label("x"), "端末不明");
    }
}
