//! Turning one element of `clients` into a `Client`, explaining every serde
//! error in Japanese with the JSON path of the field.
//!
//! serde stops at the first error. To report all of them, the offending
//! value is repaired in a copy (an unknown key removed, a bad or missing
//! value replaced by a harmless placeholder) and deserialization retried.
//! Problems found inside a repaired value are consequences of the repair and
//! are not reported; the repaired paths are returned so that validation can
//! stay quiet about them too.

use serde_json::Value;
use serde_path_to_error::Segment;

use super::Problem;
use super::fields::{Kind, kind, label};
use crate::model::Client;

/// More repairs than this in one client and the rest of it is not examined.
const MAX_REPAIRS: usize = 100;

#[derive(Debug, Clone, PartialEq, Eq)]
enum Seg {
    Key(String),
    Index(usize),
}

fn path_string(segs: &[Seg]) -> String {
    let mut s = String::new();
    for seg in segs {
        match seg {
            Seg::Key(k) if s.is_empty() => s.push_str(k),
            Seg::Key(k) => {
                s.push('.');
                s.push_str(k);
            }
            Seg::Index(i) => s.push_str(&format!("[{i}]")),
        }
    }
    s
}

/// `path` is `base` or lies inside it (`employments[0]` covers
/// `employments[0].start_date`).
pub(super) fn is_under(path: &str, base: &str) -> bool {
    path.strip_prefix(base)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with(['.', '[']))
}

/// The label of the field at `segs`: its last key, read in the context of the
/// key before it (a contact's `date` is 支援日, a consent's is 同意日).
fn label_at(segs: &[Seg]) -> &'static str {
    let keys: Vec<&str> = segs
        .iter()
        .filter_map(|s| match s {
            Seg::Key(k) => Some(k.as_str()),
            Seg::Index(_) => None,
        })
        .collect();
    match keys.as_slice() {
        [] => "利用者",
        [key] => label("", key),
        [.., container, key] => label(container, key),
    }
}

fn last_key(segs: &[Seg]) -> &str {
    segs.iter()
        .rev()
        .find_map(|s| match s {
            Seg::Key(k) => Some(k.as_str()),
            Seg::Index(_) => None,
        })
        .unwrap_or("")
}

fn get<'v>(v: &'v Value, segs: &[Seg]) -> Option<&'v Value> {
    segs.iter().try_fold(v, |v, seg| match seg {
        Seg::Key(k) => v.get(k.as_str()),
        Seg::Index(i) => v.get(*i),
    })
}

fn get_mut<'v>(v: &'v mut Value, segs: &[Seg]) -> Option<&'v mut Value> {
    segs.iter().try_fold(v, |v, seg| match seg {
        Seg::Key(k) => v.get_mut(k.as_str()),
        Seg::Index(i) => v.get_mut(*i),
    })
}

/// How to get past an error so the next one can be found.
enum Fix {
    /// Remove an unknown key.
    Remove,
    /// Put a placeholder at the path (inserting it when missing).
    Substitute,
}

pub(super) struct Decoded {
    pub client: Option<Client>,
    pub problems: Vec<Problem>,
    /// Paths (relative to the client) whose values were replaced.
    pub repaired: Vec<String>,
}

pub(super) fn decode_client(index: usize, mut v: Value) -> Decoded {
    let external_id = v
        .get("external_id")
        .and_then(Value::as_str)
        .filter(|s| !s.trim().is_empty())
        .map(str::to_string);
    let mut problems = Vec::new();
    let mut repaired: Vec<String> = Vec::new();
    // Placeholder attempts per path, so a path that rejects one placeholder
    // gets the next one and the loop always ends.
    let mut attempts: Vec<(String, usize)> = Vec::new();
    for round in 0.. {
        if round == MAX_REPAIRS {
            problems.push(Problem {
                external_id: external_id.clone(),
                index,
                field: String::new(),
                message: format!(
                    "問題が多すぎるため（{MAX_REPAIRS}件以上）、この利用者の残りは確認していません"
                ),
            });
            break;
        }
        let err = match serde_path_to_error::deserialize::<_, Client>(&v) {
            Ok(client) => {
                return Decoded {
                    client: Some(client),
                    problems,
                    repaired,
                };
            }
            Err(e) => e,
        };
        let mut segs: Vec<Seg> = err
            .path()
            .iter()
            .map_while(|s| match s {
                Segment::Map { key } => Some(Seg::Key(key.clone())),
                Segment::Seq { index } => Some(Seg::Index(*index)),
                Segment::Enum { .. } | Segment::Unknown => None,
            })
            .collect();
        if segs.len() < err.path().iter().len() {
            // The exact place is unknown: report where it is inside, and stop.
            problems.push(Problem {
                external_id: external_id.clone(),
                index,
                field: path_string(&segs),
                message: format!("{}が読めません（{}）", label_at(&segs), err.inner()),
            });
            break;
        }
        let raw = err.inner().to_string();
        if let Some(missing) = between(&raw, "missing field `", "`") {
            segs.push(Seg::Key(missing.to_string()));
        }
        let (mut message, fix) = explain(&segs, &raw, get(&v, &segs));
        if segs.is_empty() {
            // Not even an object: there is no field to name, so say which one.
            message = format!("{}件目の{message}", index + 1);
        }
        let field = path_string(&segs);
        if !repaired.iter().any(|r| is_under(&field, r)) {
            problems.push(Problem {
                external_id: external_id.clone(),
                index,
                field: field.clone(),
                message,
            });
        }
        let attempt = match attempts.iter_mut().find(|(p, _)| *p == field) {
            Some((_, n)) => {
                *n += 1;
                *n
            }
            None => {
                attempts.push((field.clone(), 0));
                0
            }
        };
        if !apply(&mut v, &segs, fix, attempt) {
            break;
        }
        if !repaired.contains(&field) {
            repaired.push(field);
        }
    }
    Decoded {
        client: None,
        problems,
        repaired,
    }
}

/// The text of `s` between `start` and the next `end`.
fn between<'s>(s: &'s str, start: &str, end: &str) -> Option<&'s str> {
    let rest = &s[s.find(start)? + start.len()..];
    Some(&rest[..rest.find(end)?])
}

/// Japanese message for a serde error at `segs`, and how to get past it.
fn explain(segs: &[Seg], raw: &str, value: Option<&Value>) -> (String, Fix) {
    let label = label_at(segs);
    if raw.starts_with("missing field") {
        return (format!("{label}がありません"), Fix::Substitute);
    }
    if raw.starts_with("unknown field") {
        let key = last_key(segs);
        let allowed = expected_list(raw);
        return (
            format!("「{key}」という項目はありません（使える項目: {allowed}）"),
            Fix::Remove,
        );
    }
    let shown = match value {
        Some(Value::String(s)) => s.clone(),
        Some(v) => v.to_string(),
        None => String::new(),
    };
    let is_string = matches!(value, Some(Value::String(_)));
    let message = match kind(last_key(segs)) {
        // chrono reports an impossible day (2/30, 13月) as "out of range".
        Kind::Date if is_string && raw.contains("out of range") => {
            format!("{label}の日付「{shown}」は存在しない日付です")
        }
        Kind::Date if is_string => {
            format!("{label}「{shown}」は日付として読めません（YYYY-MM-DD の形で書いてください）")
        }
        Kind::Time if is_string && raw.contains("out of range") => {
            format!("{label}の時刻「{shown}」は存在しない時刻です")
        }
        Kind::Time if is_string => {
            format!("{label}「{shown}」は時刻として読めません（HH:MM の形で書いてください）")
        }
        Kind::Month if is_string => {
            format!("{label}「{shown}」は月として読めません（YYYY-MM の形で書いてください）")
        }
        Kind::Enum(choices) if is_string => {
            format!(
                "{label}「{shown}」は使えない値です（使える値: {}）",
                choices()
            )
        }
        _ if raw.starts_with("unknown variant") => format!(
            "{label}「{shown}」は使えない値です（使える値: {}）",
            expected_list(raw)
        ),
        _ if raw.starts_with("invalid type") => format!(
            "{label}は{}で書いてください（{}になっています）",
            expected_kind(raw),
            json_kind(value)
        ),
        _ => format!("{label}が読めません（{raw}）"),
    };
    (message, Fix::Substitute)
}

/// "expected one of `a`, `b`" → "a, b".
fn expected_list(raw: &str) -> String {
    raw.split_once("expected ")
        .map(|(_, e)| e)
        .unwrap_or("")
        .trim_start_matches("one of ")
        .replace('`', "")
        .replace(" or ", ", ")
}

fn expected_kind(raw: &str) -> &'static str {
    let expected = raw.split_once(", expected ").map(|(_, e)| e).unwrap_or("");
    if expected.contains("date") {
        "日付（\"YYYY-MM-DD\"）"
    } else if expected.contains("time") {
        "時刻（\"HH:MM\"）"
    } else if expected.contains("string") || expected.contains("variant") {
        "文字列（\"…\"）"
    } else if expected.contains("boolean") {
        "true か false"
    } else if expected.contains("sequence") {
        "配列（[ … ]）"
    } else if expected.contains("struct") || expected.contains("map") {
        "オブジェクト（{ … }）"
    } else if expected.contains("integer") || expected.contains("number") {
        "数値"
    } else {
        "正しい形"
    }
}

fn json_kind(value: Option<&Value>) -> &'static str {
    match value {
        None | Some(Value::Null) => "null",
        Some(Value::Bool(_)) => "true/false",
        Some(Value::Number(_)) => "数値",
        Some(Value::String(_)) => "文字列",
        Some(Value::Array(_)) => "配列",
        Some(Value::Object(_)) => "オブジェクト",
    }
}

/// Placeholders tried in turn at a path, the likeliest first.
fn placeholders(key: &str) -> Vec<Value> {
    let mut out = match kind(key) {
        Kind::Date => vec![Value::from("2000-01-01")],
        Kind::Time => vec![Value::from("00:00")],
        Kind::Month => vec![Value::from("2000-01")],
        Kind::Enum(choices) => {
            let choices = choices();
            let first = choices.split(", ").next().unwrap_or("").to_string();
            vec![Value::from(first)]
        }
        Kind::Other => Vec::new(),
    };
    out.extend([
        Value::from(""),
        Value::from(false),
        Value::Array(Vec::new()),
        Value::Object(serde_json::Map::new()),
        Value::from(0),
        Value::Null,
    ]);
    out
}

/// Apply `fix` at `segs` in `v`. False when nothing more can be done.
fn apply(v: &mut Value, segs: &[Seg], fix: Fix, attempt: usize) -> bool {
    let Some((last, parent)) = segs.split_last() else {
        return false;
    };
    let Some(parent) = get_mut(v, parent) else {
        return false;
    };
    match fix {
        Fix::Remove => match (parent, last) {
            (Value::Object(map), Seg::Key(k)) => map.remove(k).is_some(),
            _ => false,
        },
        Fix::Substitute => {
            let Some(placeholder) = placeholders(last_key(segs)).into_iter().nth(attempt) else {
                return false;
            };
            match (parent, last) {
                (Value::Object(map), Seg::Key(k)) => {
                    map.insert(k.clone(), placeholder);
                    true
                }
                (Value::Array(items), Seg::Index(i)) => match items.get_mut(*i) {
                    Some(item) => {
                        *item = placeholder;
                        true
                    }
                    None => false,
                },
                _ => false,
            }
        }
    }
}
