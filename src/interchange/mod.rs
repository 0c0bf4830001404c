//! The JSON interchange document (docs/MODEL.md §6): parsing, validation and
//! stable output. `import` reads what `export --format json` writes, so a
//! round trip is lossless; the serde types in `model` are the format.
//!
//! A file from another office can be wrong in many places at once, so
//! parsing reports every problem it can find, each attributed to a client
//! (by position and `external_id`) and a JSON path such as
//! `employments[0].start_date`, in Japanese.

mod decode;
mod fields;
mod stream;
mod unique;
mod validate;

#[cfg(test)]
mod refusal_tests;
#[cfg(test)]
mod tests;

use std::fmt;

use serde::Deserialize;
use serde::de::IgnoredAny;

use crate::model::{Client, Document};
use stream::Stopped;

pub use validate::validate;

/// One thing wrong with an interchange document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The client's `external_id`, when it could be read and is not empty.
    pub external_id: Option<String>,
    /// Position in `clients[]` (0 for a problem with the whole document).
    pub index: usize,
    /// JSON path inside the client, e.g. `employments[0].start_date`;
    /// empty for a problem with the whole document.
    pub field: String,
    /// What is wrong, in Japanese.
    pub message: String,
}

impl fmt::Display for Problem {
    /// `「C001」 employments[0].start_date: …`, or `3件目 name: …` when the
    /// client has no id; a whole-document problem is the message alone.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let who = match &self.external_id {
            Some(id) => format!("「{}」", crate::text::for_display(id)),
            None if self.field.is_empty() => return f.write_str(&self.message),
            None => format!("{}件目", self.index + 1),
        };
        if self.field.is_empty() {
            write!(f, "{who}: {}", self.message)
        } else {
            write!(f, "{who} {}: {}", self.field, self.message)
        }
    }
}

/// The top level alone, to locate shape errors by line and column before
/// looking inside the clients.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Shape {
    #[allow(dead_code)] // only its presence and type are checked
    clients: Vec<IgnoredAny>,
}

/// Parse and validate a whole document against the rule set on `today`.
/// Every problem found is returned, not just the first.
pub fn parse_document(json: &str, today: chrono::NaiveDate) -> Result<Document, Vec<Problem>> {
    let mut clients = Vec::new();
    check_each(json, today, |c| clients.push(c))?;
    Ok(Document { clients })
}

/// `parse_document` without keeping the clients: how many there are, or
/// every problem. Holds one client at a time, so a whole office's file is
/// checked in little more memory than its text.
pub fn check_document(json: &str, today: chrono::NaiveDate) -> Result<usize, Vec<Problem>> {
    let mut count = 0;
    check_each(json, today, |_| count += 1)?;
    Ok(count)
}

/// Decodes and checks every client of the document in order, giving each
/// that decodes to `keep`; all of the document's problems, or none.
fn check_each(
    json: &str,
    today: chrono::NaiveDate,
    mut keep: impl FnMut(Client),
) -> Result<(), Vec<Problem>> {
    if let Err(e) = serde_json::from_str::<Shape>(json) {
        return Err(vec![document_problem(shape_message(json, &e))]);
    }
    let mut checker = validate::Checker::new(today);
    // A client that is not even an object is left out of validation, and
    // the document is refused even if nothing else is wrong.
    let mut complete = true;
    let streamed = stream::each_client_value(json, |index, value, repeated| {
        checker.extend(repeated_keys(index, &value, &repeated));
        let d = decode::decode_client(index, value);
        checker.extend(d.problems);
        match d.client {
            Some(c) => {
                checker.client(index, &c, &d.repaired);
                keep(c);
            }
            None => complete = false,
        }
        Ok::<(), std::convert::Infallible>(())
    });
    match streamed {
        Ok(()) => {}
        // serde also accepts `[[…]]` for a struct; the format is an object.
        Err(Stopped::Json(e)) if e.classify() == serde_json::error::Category::Data => {
            return Err(vec![document_problem(no_clients_array())]);
        }
        Err(Stopped::Json(e)) => return Err(vec![document_problem(shape_message(json, &e))]),
        Err(Stopped::Caller(never)) => match never {},
    }
    let problems = checker.finish();
    if problems.is_empty() && complete {
        Ok(())
    } else {
        Err(problems)
    }
}

/// Calls `each` with every client of a document that `check_document`
/// accepted, in order, one at a time (an import writes each as it comes).
/// A document that does not decode after all stops with `unreadable`'s
/// error.
pub fn each_client<E>(
    json: &str,
    unreadable: impl Fn(String) -> E,
    mut each: impl FnMut(Client) -> Result<(), E>,
) -> Result<(), E> {
    let streamed = stream::each_client_value(json, |index, value, _| {
        // The same decoding as the check, so the same clients.
        match decode::decode_client(index, value).client {
            Some(c) => each(c),
            None => Err(unreadable(format!("{}件目の利用者を読めません", index + 1))),
        }
    });
    match streamed {
        Ok(()) => Ok(()),
        Err(Stopped::Caller(e)) => Err(e),
        Err(Stopped::Json(e)) => Err(unreadable(e.to_string())),
    }
}

/// The file's bytes as text: UTF-8, with or without a BOM (Excel and
/// Windows tools add one). Anything else gets a message that says what it is.
pub fn decode_text(bytes: &[u8]) -> Result<&str, String> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(
            "UTF-16 で保存されたファイルです。UTF-8 で保存し直してください（メモ帳なら「名前を付けて保存」で文字コード UTF-8）。"
                .into(),
        );
    }
    let body = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    std::str::from_utf8(body).map_err(|e| {
        let at = e.valid_up_to();
        let line = body[..at].iter().filter(|b| **b == b'\n').count() + 1;
        format!(
            "UTF-8 として読めないバイトがあります（{line}行目、先頭から {at} バイト目）。Shift_JIS などで保存されていませんか？ UTF-8 で保存し直してください。"
        )
    })
}

/// The document as pretty JSON. Field order follows the model and form
/// fields are sorted, so the same document always gives the same text.
pub fn to_json(doc: &Document) -> String {
    match serde_json::to_string_pretty(doc) {
        // Safe to `cat`: no C1 control, bidi override or invisible character raw.
        Ok(s) => {
            let mut s = crate::text::json_safe(&s).into_owned();
            s.push('\n');
            s
        }
        // Cannot happen: every map in the model has string keys.
        Err(e) => format!("{{\"error\": {:?}}}\n", e.to_string()),
    }
}

/// A key written twice in one object of the client at `index`: the file
/// says two things there, and which one is meant is the writer's to say.
fn repeated_keys(index: usize, client: &serde_json::Value, paths: &[String]) -> Vec<Problem> {
    let external_id = client
        .get("external_id")
        .and_then(serde_json::Value::as_str)
        .filter(|s| !s.trim().is_empty())
        .map(str::to_string);
    paths
        .iter()
        .map(|path| {
            let key = path.rsplit(['.', ']']).next().unwrap_or(path);
            Problem {
                external_id: external_id.clone(),
                index,
                field: path.clone(),
                message: format!(
                    "「{key}」が同じ所に2回以上書かれています。どちらか一つにしてください"
                ),
            }
        })
        .collect()
}

fn document_problem(message: String) -> Problem {
    Problem {
        external_id: None,
        index: 0,
        field: String::new(),
        message,
    }
}

fn no_clients_array() -> String {
    "最上位は {\"clients\": [ … ]} の形のオブジェクトにしてください".to_string()
}

/// A whole-document error from serde_json, in Japanese with its position.
fn shape_message(json: &str, e: &serde_json::Error) -> String {
    use serde_json::error::Category;
    let at = format!(
        "{}行目 {}文字目",
        e.line(),
        char_column(json, e.line(), e.column())
    );
    let raw = e.to_string();
    // serde_json appends " at line L column C"; the position is given above.
    let detail = raw.split(" at line ").next().unwrap_or(&raw);
    match e.classify() {
        Category::Eof => format!("JSON が途中で終わっています（{at}）"),
        Category::Syntax | Category::Io => {
            format!("JSON として読めません（{at}: {detail}）")
        }
        Category::Data if detail.starts_with("missing field") => {
            format!("最上位に clients 配列がありません（{at}）")
        }
        Category::Data if detail.starts_with("unknown field") => {
            let key = detail.split('`').nth(1).unwrap_or("");
            format!("最上位の項目「{key}」は使えません。使えるのは clients だけです（{at}）")
        }
        Category::Data => format!("{}（{at}）", no_clients_array()),
    }
}

/// serde_json counts columns in bytes; people count characters.
fn char_column(json: &str, line: usize, byte_col: usize) -> usize {
    let Some(text) = json.lines().nth(line.saturating_sub(1)) else {
        return byte_col;
    };
    text.char_indices()
        .take_while(|(i, _)| *i < byte_col)
        .count()
}

#[cfg(test)]
#[path = "stream_tests.rs"]
mod stream_tests;
