//! Argument errors in Japanese. clap's own messages are English and echo
//! the argument raw; these say what was wrong in the person's language,
//! and pass through the output module like every other message.

use clap::error::{ContextKind, ContextValue, ErrorKind};

/// The context value of `kind`, as text ("" when clap gave none).
fn ctx(e: &clap::Error, kind: ContextKind) -> String {
    match e.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join(", "),
        Some(ContextValue::StyledStr(s)) => s.to_string(),
        Some(ContextValue::StyledStrs(v)) => v
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(", "),
        Some(ContextValue::Number(n)) => n.to_string(),
        Some(ContextValue::Bool(b)) => b.to_string(),
        Some(ContextValue::None) | None => String::new(),
        Some(_) => String::new(),
    }
}

/// What went wrong with the arguments, for a person.
pub(super) fn message(e: &clap::Error) -> String {
    // What was typed is echoed as typed: an escape shown, not dropped.
    let arg = crate::text::as_typed(&ctx(e, ContextKind::InvalidArg)).into_owned();
    let value = crate::text::as_typed(&ctx(e, ContextKind::InvalidValue)).into_owned();
    let what = match e.kind() {
        ErrorKind::InvalidValue => {
            let valid = ctx(e, ContextKind::ValidValue);
            if value.is_empty() {
                format!("{arg} に値を指定してください")
            } else if valid.is_empty() {
                format!("{arg} の値「{value}」は使えません")
            } else {
                format!("{arg} の値「{value}」は使えません（使える値: {valid}）")
            }
        }
        ErrorKind::ValueValidation => {
            format!("{arg} の値「{value}」が正しくありません（数や日付の形を確かめてください）")
        }
        ErrorKind::UnknownArgument => {
            let suggested = ctx(e, ContextKind::SuggestedArg);
            if suggested.is_empty() {
                format!("「{arg}」という指定はありません")
            } else {
                format!("「{arg}」という指定はありません（{suggested} のことですか？）")
            }
        }
        ErrorKind::InvalidSubcommand => {
            let sub = crate::text::as_typed(&ctx(e, ContextKind::InvalidSubcommand)).into_owned();
            format!("「{sub}」というコマンドはありません")
        }
        ErrorKind::MissingRequiredArgument => format!("必要な指定がありません: {arg}"),
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            "コマンドを指定してください".to_string()
        }
        ErrorKind::ArgumentConflict => {
            let other = ctx(e, ContextKind::PriorArg);
            format!("{arg} と {other} は一緒に指定できません")
        }
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues | ErrorKind::TooFewValues => {
            format!("{arg} の値の数が正しくありません")
        }
        ErrorKind::NoEquals => format!("{arg} は {arg}=値 の形で指定してください"),
        _ => "指定の仕方が正しくありません".to_string(),
    };
    // The command the person typed, whose help says what it takes.
    let help = match command_of(e) {
        Some(c) => format!("使い方は {c} --help で確かめてください。"),
        None => "使い方は teichaku --help（各コマンドは teichaku <コマンド> --help）で確かめてください。"
            .to_string(),
    };
    match e.kind() {
        // A group typed without its command: its help lists them.
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            format!("{what}。\n\n{}", e.render().to_string().trim_end())
        }
        _ => format!("{what}。{help}"),
    }
}

/// `teichaku contact add` for an error in `contact add`'s arguments: the
/// words of its usage line before the first argument.
fn command_of(e: &clap::Error) -> Option<String> {
    let usage = ctx(e, ContextKind::Usage);
    let usage = usage.split_once(':').map_or(usage.as_str(), |(_, u)| u);
    let words: Vec<&str> = usage
        .split_whitespace()
        .take_while(|w| !w.starts_with(['[', '<', '-']))
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}

#[cfg(test)]
mod tests {
    use super::super::parse_from;
    use super::message;

    fn error_of(args: &[&str]) -> String {
        match parse_from(args) {
            Err(e) => message(&e),
            Ok(_) => panic!("{args:?} should not parse"),
        }
    }

    #[test]
    fn argument_errors_are_japanese_and_name_the_argument() {
        let m = error_of(&["teichaku", "due", "--format", "xml"]);
        assert!(
            m.contains("--format") && m.contains("xml") && m.contains("使える値"),
            "{m}"
        );
        let m = error_of(&["teichaku", "due", "--within", "x"]);
        assert!(
            m.contains("--within") && m.contains("正しくありません"),
            "{m}"
        );
        let m = error_of(&["teichaku", "due", "--wihtin", "3"]);
        assert!(m.contains("--wihtin") && m.contains("ありません"), "{m}");
        let m = error_of(&["teichaku", "frobnicate"]);
        assert!(m.contains("frobnicate") && m.contains("コマンド"), "{m}");
        let m = error_of(&["teichaku", "contact", "delete", "3"]);
        assert!(m.contains("--reason") && m.contains("必要"), "{m}");
    }
}
