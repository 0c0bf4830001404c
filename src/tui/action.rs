//! What a key can ask the application to do.
//!
//! Keys map to actions through the keymap (`keymap`); the application
//! updates its state from actions, never from raw keys. The snake_case
//! names are what users write in `keymap.toml`.

use serde::{Deserialize, Serialize};

macro_rules! actions {
    (
        bindable { $($variant:ident = $id:literal / $short:literal / $desc:literal),+ $(,)? }
        internal { $($ivariant:ident),+ $(,)? }
    ) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum Action {
            $($variant,)+
            // Produced by the application itself; nobody binds them to a key.
            $(#[serde(skip)] $ivariant,)+
        }

        impl Action {
            /// Every action a key may be bound to, in help order.
            pub const BINDABLE: &'static [Action] = &[$(Action::$variant),+];

            /// The name used in `keymap.toml`; `None` for internal actions.
            pub fn name(self) -> Option<&'static str> {
                match self {
                    $(Action::$variant => Some($id),)+
                    $(Action::$ivariant => None,)+
                }
            }

            /// A word or two for the bottom hint bar.
            pub fn short(self) -> &'static str {
                match self {
                    $(Action::$variant => $short,)+
                    $(Action::$ivariant => "",)+
                }
            }

            /// A sentence for the help screen.
            pub fn description(self) -> &'static str {
                match self {
                    $(Action::$variant => $desc,)+
                    $(Action::$ivariant => "",)+
                }
            }
        }
    };
}

actions! {
    bindable {
        Quit = "quit" / "終了" / "teichaku を終了する",
        Help = "help" / "ヘルプ" / "キー操作の一覧を表示する",
        NextPane = "next_pane" / "次の欄" / "次の欄へ移る",
        PrevPane = "prev_pane" / "前の欄" / "前の欄へ移る",
        Up = "up" / "上" / "一つ上へ",
        Down = "down" / "下" / "一つ下へ",
        PageUp = "page_up" / "前頁" / "一画面上へ",
        PageDown = "page_down" / "次頁" / "一画面下へ",
        Top = "top" / "先頭" / "先頭へ",
        Bottom = "bottom" / "末尾" / "末尾へ",
        Filter = "filter" / "絞込" / "名前・ふりがな・利用者番号などで絞り込む（@で担当者）",
        OlderSearch = "older_search" / "前の検索" / "絞り込みの入力中に、前に入れた検索を呼び出す",
        NewerSearch = "newer_search" / "次の検索" / "絞り込みの入力中に、後に入れた検索へ戻る",
        Back = "back" / "戻る" / "戻る・閉じる（入力中なら取り消す）",
        Enter = "enter" / "決定" / "選んだ項目を開く・決定する",
        NewContact = "new_contact" / "記録" / "支援の記録（連絡・面談）を新しく書く",
        NewClient = "new_client" / "新規" / "利用者を新しく登録する（就職の情報も一緒に）",
        Deadlines = "deadlines" / "期限" / "期限の一覧（超過・間近）を表示する",
        Save = "save" / "保存" / "入力内容を保存する",
        ToggleCaseload = "toggle_caseload" / "担当" / "自分の担当だけ／全員の表示を切り替える",
        ToggleSort = "toggle_sort" / "並替" / "並べ替えの順序を切り替える",
        ClientForm = "client_form" / "利用者" / "利用者の基本情報を編集する",
        EmploymentForm = "employment_form" / "就職" / "就職（雇用）情報を編集する",
        ConsentForm = "consent_form" / "同意" / "同意（情報提供の同意）を記録する",
        HandoverForm = "handover_form" / "引継" / "引継ぎを記録する",
        ConferenceForm = "conference_form" / "会議" / "ケース会議を記録する",
        Report = "report" / "報告" / "支援レポート（別紙様式1）を作成する",
        Plan = "plan" / "計画" / "就労定着支援計画書（別紙様式2）を作成する",
        Export = "export" / "出力" / "書類やデータをファイルに出力する",
        DeleteRecord = "delete_record" / "削除" / "選んだ記録を削除する（理由は監査記録に残ります）",
        NextField = "next_field" / "次項目" / "次の入力項目へ",
        PrevField = "prev_field" / "前項目" / "前の入力項目へ",
        ChoiceNext = "choice_next" / "次の選択肢" / "次の選択肢へ（はい・いいえは切り替え）",
        ChoicePrev = "choice_prev" / "前の選択肢" / "前の選択肢へ（はい・いいえは切り替え）",
        ChoiceClear = "choice_clear" / "未選択" / "選択肢を未選択に戻す",
        Newline = "newline" / "改行" / "文章の項目で改行する",
        QuickChoice = "quick_choice" / "方法" / "この修飾キーと数字で、方法などをどの項目からでも選ぶ",
        RefreshRecords = "refresh_records" / "実績取込" / "支援レポートの支援実績に、その月の支援の記録を取り込む",
        JumpField = "jump_field" / "項目へ" / "番号か項目名の最初の文字で項目へ移る（一覧から選ぶ）",
        MarkPresented = "mark_presented" / "本人に渡した" / "支援レポート: 対象者提示日を今日にする（本人に渡した）",
        Separation = "separation" / "離職" / "就職情報: 離職日へ移る（空なら今日を入れる）",
        GroupToggle = "group_toggle" / "開閉" / "まとまりを開く・閉じる",
        MoreDays = "more_days" / "日数+" / "期限一覧で先の日数を増やす（7→14→30→60→90→180→365日）",
        FewerDays = "fewer_days" / "日数-" / "期限一覧で先の日数を減らす",
        KindFilter = "kind_filter" / "種類" / "期限一覧を段階（就職前・2～3月目…終了）で絞り込む",
        SeverityFilter = "severity_filter" / "必須" / "期限一覧を必須だけにする（努力義務・情報を隠す）",
        Resolve = "resolve" / "対象外" / "項目を理由付きで対象外にする（対象外なら取り消す）",
        CloseCase = "close_case" / "終結" / "ケースを終結する（終結した利用者では取り消す）",
        ToggleClosed = "toggle_closed" / "終結表示" / "終結した利用者も一覧に表示する／表示しない",
        PickStaff = "pick_staff" / "担当者" / "期限一覧を担当者（全員・一人・担当なし）で絞り込む",
        Office = "office" / "事業所" / "事業所の設定と職員の画面を開く（変更は管理者）",
        AddStaff = "add_staff" / "追加" / "職員を追加する（管理者）",
        RemoveStaff = "remove_staff" / "登録解除" / "選んだ職員の登録を外す（管理者。記録は残ります）",
        TakeTheirs = "take_theirs" / "相手の値" / "変更の衝突で、選んだ項目を他の人が保存した値にする",
        KeepMine = "keep_mine" / "自分の値" / "変更の衝突で、選んだ項目を自分の入力のままにする",
        EditInForm = "edit_in_form" / "直す" / "変更の衝突で、選んだ値をフォームに入れて直す",
        Figures = "figures" / "実績" / "事業所の実績（定着率・人員・減算・加算・請求）",
        RecordsView = "records_view" / "記録一覧" / "利用者の記録を種類ごとに（同意・引継ぎ・計画など）",
        Messages = "messages" / "履歴" / "最近のメッセージ（新しい順。長い文の続きも）",
        Undo = "undo" / "取消" / "自分の最後の記録の変更を取り消す（もう一度で戻す）",
        History = "history" / "変更履歴" / "自分の変更履歴（作成・変更・削除した記録と値）を見る",
        HistoryScope = "history_scope" / "全員" / "自分の変更だけ／全員の変更を切り替える（全員は管理者）",
        PrevYear = "prev_year" / "前年度" / "事業所の実績を前の年度にする",
        NextYear = "next_year" / "次年度" / "事業所の実績を次の年度にする",
        NoOp = "no_op" / "" / "何もしない（既定のキー割り当てを外す）",
    }
    internal { Render, Tick, Resize, Refresh }
}

impl Action {
    /// The action named `name` in a keymap file. Internal actions have no
    /// name, so they can never be bound.
    pub fn from_name(name: &str) -> Option<Action> {
        Action::BINDABLE
            .iter()
            .copied()
            .find(|a| a.name() == Some(name))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_the_serde_snake_case_spelling() {
        for &a in Action::BINDABLE {
            let json = serde_json::to_string(&a).expect("bindable actions serialize");
            assert_eq!(
                json,
                format!("\"{}\"", a.name().expect("bindable has a name"))
            );
            let back: Action = serde_json::from_str(&json).expect("and read back");
            assert_eq!(back, a);
        }
    }

    #[test]
    fn internal_actions_cannot_be_named_in_a_keymap() {
        for name in ["render", "tick", "resize", "refresh"] {
            assert_eq!(Action::from_name(name), None, "{name}");
            assert!(serde_json::from_str::<Action>(&format!("\"{name}\"")).is_err());
        }
        assert!(serde_json::to_string(&Action::Tick).is_err());
    }

    #[test]
    fn every_bindable_action_has_a_japanese_description() {
        for &a in Action::BINDABLE {
            assert!(!a.description().is_empty(), "{a:?}");
            assert!(!a.description().is_ascii(), "{a:?} should be Japanese");
        }
        assert_eq!(
            Action::from_name("toggle_caseload"),
            Some(Action::ToggleCaseload)
        );
    }
}
