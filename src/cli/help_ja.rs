//! `--help` in Japanese. clap writes its own headings and phrases in
//! English (Usage, Options, Print help, [default: …]); this walks the
//! whole command tree once and says each of them in Japanese, so every
//! subcommand's help — `-h`, `--help`, `help <コマンド>` — reads as one
//! language. The argument texts themselves are the doc comments in mod.rs.

use clap::{Arg, ArgAction, Command, CommandFactory};

use super::Cli;

/// The headings of the help's sections.
const USAGE: &str = "使い方:";
const OPTIONS: &str = "オプション";
const ARGUMENTS: &str = "引数";
const COMMANDS: &str = "コマンド";
/// Where the usage line says "any options here".
const OPTIONS_TAG: &str = "[オプション]";
/// What the `help` subcommand does.
const HELP_ABOUT: &str = "このヘルプ、または指定したコマンドのヘルプを表示する";

/// Where the options every command takes are listed: after a command's
/// own (a command has far fewer than this), then help and version.
const COMMON_ORDER: usize = 1000;
const LAST_ORDER: usize = 2000;

/// The program's command line, every help text in Japanese.
pub fn command() -> Command {
    let mut cmd = localize(Cli::command()).disable_version_flag(true).arg(
        Arg::new("version")
            .short('V')
            .long("version")
            .action(ArgAction::Version)
            .help("バージョンを表示")
            .help_heading(OPTIONS)
            .display_order(LAST_ORDER + 1),
    );
    // The `help` subcommand and the usage lines exist only once clap has
    // built the tree (globals handed down, bin names set).
    cmd.build();
    after_build(&mut cmd);
    cmd
}

/// Every command's sections, its own `-h/--help` and each argument's
/// notes, before the tree is built.
fn localize(cmd: Command) -> Command {
    sections(cmd)
        .disable_help_flag(true)
        .mut_args(|a| {
            let a = arg(a);
            // The options every command takes come after its own.
            match a.is_global_set() {
                true => {
                    let order = COMMON_ORDER + a.get_display_order();
                    a.display_order(order)
                }
                false => a,
            }
        })
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help("ヘルプを表示")
                .help_heading(OPTIONS)
                .display_order(LAST_ORDER),
        )
        .mut_subcommands(localize)
}

/// The help's layout with a Japanese usage heading, and the headings of
/// the subcommands' section.
fn sections(cmd: Command) -> Command {
    let styles = cmd.get_styles().get_usage();
    let template = format!(
        "{{before-help}}{{about-with-newline}}\n{styles}{USAGE}{styles:#} {{usage}}\n\n{{all-args}}{{after-help}}"
    );
    cmd.help_template(template)
        .subcommand_help_heading(COMMANDS)
        .subcommand_value_name(COMMANDS)
}

/// One argument: under 引数 or オプション, and clap's English notes
/// ([env: …], [default: …], possible values) said in Japanese in its help.
fn arg(a: Arg) -> Arg {
    let heading = if a.is_positional() {
        ARGUMENTS
    } else {
        OPTIONS
    };
    let help = a.get_help().map(ToString::to_string).unwrap_or_default();
    let takes_values = a.get_action().takes_values();
    let mut notes: Vec<String> = Vec::new();
    if let Some(env) = a.get_env() {
        notes.push(format!("環境変数 {} でも指定できる", env.to_string_lossy()));
    }
    let defaults: Vec<String> = a
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .filter(|v| !v.is_empty())
        .collect();
    // Most texts already say their default in words.
    if takes_values && !defaults.is_empty() && !help.contains("既定") {
        notes.push(format!("既定: {}", defaults.join(" ")));
    }
    let values: Vec<_> = a
        .get_possible_values()
        .into_iter()
        .filter(|v| !v.is_hide_set())
        .collect();
    let values_listed = takes_values && !values.is_empty();
    // The long help lists each value with what it means, as clap's did.
    let explained = values.iter().any(|v| v.get_help().is_some());
    let value_list: String = values
        .iter()
        .map(|v| match v.get_help() {
            Some(h) => format!("\n- {}: {h}", v.get_name()),
            None => format!("\n- {}", v.get_name()),
        })
        .collect();
    let noted = |text: &str, with_values: bool| {
        let mut t = text.to_string();
        for n in &notes {
            t.push_str(&format!(" [{n}]"));
        }
        if values_listed && with_values {
            let names: Vec<&str> = values.iter().map(|v| v.get_name()).collect();
            t.push_str(&format!(" [使える値: {}]", names.join(", ")));
        }
        t
    };
    // A long text only where there was one or a list of values to explain:
    // clap shows a command's help in its long layout when any arg has one.
    let long = match (a.get_long_help(), values_listed && explained) {
        (None, false) => None,
        (long, true) => Some(format!(
            "{}\n\n使える値:{value_list}",
            noted(&long.map_or(help.clone(), ToString::to_string), false)
        )),
        (Some(long), false) => Some(noted(&long.to_string(), true)),
    };
    let mut a = a.help_heading(heading).help(noted(&help, true));
    if let Some(long) = long {
        a = a.long_help(long);
    }
    // Each hidden only where it would be shown (clap refuses the others).
    if a.get_env().is_some() {
        a = a.hide_env(true);
    }
    if takes_values && !a.get_default_values().is_empty() {
        a = a.hide_default_value(true);
    }
    if values_listed {
        a = a.hide_possible_values(true);
    }
    a
}

/// The built tree: the `help` subcommands clap added, and every usage line
/// (clap writes `[OPTIONS]` into it).
fn after_build(cmd: &mut Command) {
    if cmd.get_name() == "help" {
        *cmd = sections(std::mem::take(cmd).about(HELP_ABOUT));
    }
    let usage = cmd.render_usage().to_string();
    let usage = usage
        .strip_prefix("Usage:")
        .unwrap_or(&usage)
        .trim()
        .replace("[OPTIONS]", OPTIONS_TAG);
    *cmd = std::mem::take(cmd).override_usage(usage);
    for sub in cmd.get_subcommands_mut() {
        after_build(sub);
    }
}

#[cfg(test)]
mod described {
    /// Every option of every command says what it is for in `--help`
    /// (an option listed bare leaves a person guessing).
    #[test]
    fn every_option_of_every_command_has_a_description() {
        fn walk(c: &clap::Command, path: &str, missing: &mut Vec<String>) {
            for a in c.get_arguments() {
                if a.is_positional() || a.is_hide_set() {
                    continue;
                }
                let said = |h: Option<&clap::builder::StyledStr>| {
                    h.is_some_and(|h| !h.to_string().trim().is_empty())
                };
                if !said(a.get_help()) && !said(a.get_long_help()) {
                    missing.push(format!("{path} --{}", a.get_id()));
                }
            }
            for s in c.get_subcommands() {
                walk(s, &format!("{path} {}", s.get_name()), missing);
            }
        }
        let mut missing = Vec::new();
        walk(&crate::cli::command(), "teichaku", &mut missing);
        assert!(
            missing.is_empty(),
            "options without a description: {missing:#?}"
        );
    }
}
