use super::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("test date")
}

/// A fixed "today" for every test: 令和8年4月30日.
fn today() -> NaiveDate {
    d(2026, 4, 30)
}

fn parse(s: &str) -> Result<NaiveDate, DateInputError> {
    parse_date_input(s, today())
}

fn ok(s: &str) -> NaiveDate {
    parse(s).unwrap_or_else(|e| panic!("{s:?} should parse: {e}"))
}

fn err(s: &str) -> DateInputError {
    match parse(s) {
        Ok(date) => panic!("{s:?} should be refused, got {date}"),
        Err(e) => e,
    }
}

#[test]
fn spec_examples_all_name_the_same_day() {
    for s in [
        "2026-04-30",
        "2026/4/30",
        "R8.4.30",
        "令和8年4月30日",
        "4/30",
        "today",
        "今日",
    ] {
        assert_eq!(ok(s), d(2026, 4, 30), "{s}");
    }
    assert_eq!(ok("+3d"), d(2026, 5, 3));
}

#[test]
fn gregorian_forms_with_any_separator() {
    assert_eq!(ok("2026.4.30"), d(2026, 4, 30));
    assert_eq!(ok("2026-4-3"), d(2026, 4, 3));
    assert_eq!(ok("2026/04/03"), d(2026, 4, 3));
    assert_eq!(ok("2026年4月30日"), d(2026, 4, 30));
    assert_eq!(ok("2026年4月30"), d(2026, 4, 30));
}

#[test]
fn era_letters_in_either_case_for_all_five_eras() {
    assert_eq!(ok("r8.4.30"), d(2026, 4, 30));
    assert_eq!(ok("H31.4.30"), d(2019, 4, 30));
    assert_eq!(ok("h1.1.8"), d(1989, 1, 8));
    assert_eq!(ok("S64.1.7"), d(1989, 1, 7));
    assert_eq!(ok("s1.12.25"), d(1926, 12, 25));
    assert_eq!(ok("T15.12.24"), d(1926, 12, 24));
    assert_eq!(ok("t1.7.30"), d(1912, 7, 30));
    assert_eq!(ok("M45.7.29"), d(1912, 7, 29));
    assert_eq!(ok("m1.1.25"), d(1868, 1, 25));
    assert_eq!(ok("R8/4/30"), d(2026, 4, 30));
    assert_eq!(ok("R8-4-30"), d(2026, 4, 30));
}

#[test]
fn era_names_and_gannen() {
    assert_eq!(ok("令和元年5月1日"), d(2019, 5, 1));
    assert_eq!(ok("令和1年5月1日"), d(2019, 5, 1));
    assert_eq!(ok("R元.5.1"), d(2019, 5, 1));
    assert_eq!(ok("平成31年4月30日"), d(2019, 4, 30));
    assert_eq!(ok("昭和64年1月7日"), d(1989, 1, 7));
    assert_eq!(ok("大正元年7月30日"), d(1912, 7, 30));
    assert_eq!(ok("明治45年7月29日"), d(1912, 7, 29));
    assert_eq!(ok("㋿8年4月30日"), d(2026, 4, 30));
    assert_eq!(ok("㍻31年4月30日"), d(2019, 4, 30));
}

#[test]
fn month_and_day_take_the_year_of_today() {
    assert_eq!(ok("4/30"), d(2026, 4, 30));
    assert_eq!(ok("12/1"), d(2026, 12, 1));
    assert_eq!(ok("4月30日"), d(2026, 4, 30));
    assert_eq!(ok("1月5日"), d(2026, 1, 5));
    assert_eq!(ok("1.5"), d(2026, 1, 5));
    assert_eq!(parse_date_input("2/29", d(2028, 1, 10)), Ok(d(2028, 2, 29)));
}

#[test]
fn words_for_today_tomorrow_and_yesterday() {
    for s in ["today", "TODAY", "今日", "本日", "きょう"] {
        assert_eq!(ok(s), today(), "{s}");
    }
    for s in ["明日", "あした", "tomorrow"] {
        assert_eq!(ok(s), d(2026, 5, 1), "{s}");
    }
    for s in ["昨日", "きのう", "yesterday"] {
        assert_eq!(ok(s), d(2026, 4, 29), "{s}");
    }
}

#[test]
fn offsets_from_today() {
    assert_eq!(ok("+3d"), d(2026, 5, 3));
    assert_eq!(ok("-2d"), d(2026, 4, 28));
    assert_eq!(ok("+1w"), d(2026, 5, 7));
    assert_eq!(ok("-1w"), d(2026, 4, 23));
    assert_eq!(ok("+1m"), d(2026, 5, 30));
    assert_eq!(ok("+1y"), d(2027, 4, 30));
    assert_eq!(ok("+0d"), today());
    assert_eq!(ok("+3日"), d(2026, 5, 3));
    assert_eq!(ok("+2週間"), d(2026, 5, 14));
    assert_eq!(ok("+1か月"), d(2026, 5, 30));
    assert_eq!(ok("+1ヶ月"), d(2026, 5, 30));
    assert_eq!(ok("+3D"), d(2026, 5, 3));
}

#[test]
fn month_offsets_clamp_to_the_end_of_a_short_month() {
    let jan31 = d(2026, 1, 31);
    assert_eq!(parse_date_input("+1m", jan31), Ok(d(2026, 2, 28)));
    assert_eq!(parse_date_input("+1m", d(2028, 1, 31)), Ok(d(2028, 2, 29)));
    assert_eq!(parse_date_input("-1m", d(2026, 3, 31)), Ok(d(2026, 2, 28)));
    assert_eq!(parse_date_input("+1y", d(2028, 2, 29)), Ok(d(2029, 2, 28)));
}

#[test]
fn full_width_ime_input_is_accepted() {
    assert_eq!(ok("２０２６／４／３０"), d(2026, 4, 30));
    assert_eq!(ok("令和８年４月３０日"), d(2026, 4, 30));
    assert_eq!(ok("２０２６－０４－３０"), d(2026, 4, 30));
    assert_eq!(ok("２０２６．４．３０"), d(2026, 4, 30));
    assert_eq!(ok("Ｒ８．４．３０"), d(2026, 4, 30));
    assert_eq!(ok("ｒ８．４．３０"), d(2026, 4, 30));
    assert_eq!(ok("４／３０"), d(2026, 4, 30));
    assert_eq!(ok("＋３ｄ"), d(2026, 5, 3));
    assert_eq!(ok("－２ｄ"), d(2026, 4, 28));
    assert_eq!(ok("ｔｏｄａｙ"), today());
    // What a Japanese IME types for "/" "." and "-".
    assert_eq!(ok("4・30"), d(2026, 4, 30));
    assert_eq!(ok("r8。4。30"), d(2026, 4, 30));
    assert_eq!(ok("2026ー04ー30"), d(2026, 4, 30));
}

#[test]
fn surrounding_and_inner_spaces_are_ignored() {
    assert_eq!(ok("  2026-04-30 "), d(2026, 4, 30));
    assert_eq!(ok("\u{3000}令和８年４月３０日\u{3000}"), d(2026, 4, 30));
    assert_eq!(ok("令和 8年 4月 30日"), d(2026, 4, 30));
    assert_eq!(ok(" 今日 "), today());
}

#[test]
fn impossible_day_is_refused_with_the_month_length() {
    let e = err("2026-02-30");
    assert_eq!(
        e.kind(),
        &DateInputErrorKind::NoSuchDay {
            year: 2026,
            month: 2,
            day: 30
        }
    );
    assert_eq!(
        e.to_string(),
        "「2026-02-30」: 2月30日は存在しません（2026年2月は1〜28日）"
    );
    assert!(matches!(
        err("4/31").kind(),
        DateInputErrorKind::NoSuchDay { day: 31, .. }
    ));
    assert!(matches!(
        err("2026/4/0").kind(),
        DateInputErrorKind::NoSuchDay { day: 0, .. }
    ));
    // 2/29 of today's year (2026 is not a leap year).
    assert!(err("2/29").to_string().contains("2026年2月は1〜28日"));
    assert!(matches!(
        err("令和8年2月29日").kind(),
        DateInputErrorKind::NoSuchDay { .. }
    ));
}

#[test]
fn month_thirteen_is_refused() {
    let e = err("2026/13/1");
    assert_eq!(e.kind(), &DateInputErrorKind::NoSuchMonth { month: 13 });
    assert_eq!(
        e.to_string(),
        "「2026/13/1」: 13月は存在しません（1〜12月）"
    );
    assert!(err("13月1日").to_string().contains("13月は存在しません"));
    assert!(matches!(
        err("R8.0.1").kind(),
        DateInputErrorKind::NoSuchMonth { month: 0 }
    ));
}

#[test]
fn era_year_past_the_era_end_names_the_era_it_falls_in() {
    let e = err("平成32年4月1日");
    assert_eq!(
        e.kind(),
        &DateInputErrorKind::AfterEra {
            era: "平成",
            date: d(2020, 4, 1)
        }
    );
    assert_eq!(
        e.to_string(),
        "「平成32年4月1日」: 平成は平成31年4月30日（2019年4月30日）で終わりました。\
         この日は令和2年4月1日（2020年4月1日）です"
    );
    assert!(err("H31.5.1").to_string().contains("令和元年5月1日"));
    assert!(err("S64.1.8").to_string().contains("平成元年1月8日"));
    assert!(err("昭和100年1月1日").to_string().contains("令和7年1月1日"));
}

#[test]
fn date_before_the_era_start_names_the_era_it_falls_in() {
    let e = err("令和1年4月30日");
    assert_eq!(
        e.kind(),
        &DateInputErrorKind::BeforeEra {
            era: "令和",
            date: d(2019, 4, 30)
        }
    );
    assert_eq!(
        e.to_string(),
        "「令和1年4月30日」: 令和は令和元年5月1日（2019年5月1日）からです。\
         この日は平成31年4月30日（2019年4月30日）です"
    );
    assert!(err("H1.1.7").to_string().contains("昭和64年1月7日"));
    // Before 明治 there is no era to name: the Gregorian date is given.
    assert!(
        err("明治元年1月1日")
            .to_string()
            .contains("この日は1868年1月1日です")
    );
}

#[test]
fn era_year_zero_is_refused() {
    let e = err("令和0年5月1日");
    assert_eq!(e.kind(), &DateInputErrorKind::EraYearZero { era: "令和" });
    assert!(e.to_string().contains("元年＝1年"));
}

#[test]
fn two_digit_year_asks_for_four_digits() {
    let e = err("26/4/30");
    assert_eq!(e.kind(), &DateInputErrorKind::ShortYear);
    assert!(e.to_string().contains("4桁"));
    assert_eq!(err("8.4.30").kind(), &DateInputErrorKind::ShortYear);
}

#[test]
fn year_and_month_without_a_day_is_refused() {
    for s in ["2026/4", "2026-04", "令和8年4月", "R8.4", "2026年4月"] {
        assert_eq!(err(s).kind(), &DateInputErrorKind::MissingDay, "{s}");
    }
    assert!(err("2026/4").to_string().contains("日がありません"));
}

#[test]
fn offset_without_a_unit_is_refused() {
    let e = err("+3");
    assert_eq!(e.kind(), &DateInputErrorKind::MissingUnit);
    assert!(e.to_string().contains("+3d"));
}

#[test]
fn huge_offsets_are_out_of_range_not_saturated() {
    assert_eq!(err("+99999999d").kind(), &DateInputErrorKind::OutOfRange);
    assert_eq!(err("+99999999m").kind(), &DateInputErrorKind::OutOfRange);
    assert_eq!(
        err("+99999999999999999999999d").kind(),
        &DateInputErrorKind::OutOfRange
    );
    assert_eq!(
        err("令和999999999年1月1日").kind(),
        &DateInputErrorKind::OutOfRange
    );
}

#[test]
fn empty_input_is_refused() {
    for s in ["", "   ", "\u{3000}"] {
        let e = err(s);
        assert_eq!(e.kind(), &DateInputErrorKind::Empty);
        assert!(e.to_string().contains("入力されていません"));
    }
}

#[test]
fn unrecognized_forms_are_refused_with_examples() {
    for s in [
        "abc",
        "x8.4.30",
        "2026/4/30/",
        "2026-04/30",
        "20260/4/30",
        "2026/004/30",
        "2026/4/30日",
        "元年5月1日",
        "R8.元.1",
        "令和4月30日",
        "+d",
        "+3x",
        "令和",
        "R",
        "4月",
        "2026年4月30日5",
    ] {
        assert_eq!(err(s).kind(), &DateInputErrorKind::Unrecognized, "{s}");
    }
    let msg = err("abc").to_string();
    assert!(msg.starts_with("「abc」: "), "{msg}");
    assert!(msg.contains("令和8年4月30日"), "{msg}");
}

#[test]
fn error_quotes_the_input_as_typed() {
    let e = err(" ２０２６／２／３０ ");
    assert_eq!(e.input(), "２０２６／２／３０");
    assert!(e.to_string().starts_with("「２０２６／２／３０」: 2月30日"));
    let boxed: Box<dyn std::error::Error> = Box::new(e);
    assert!(boxed.to_string().contains("存在しません"));
}

#[test]
fn times_are_read_in_the_forms_case_workers_type() {
    for (s, hm) in [
        ("14:30", (14, 30)),
        ("１４：３０", (14, 30)),
        ("1430", (14, 30)),
        ("9時", (9, 0)),
        ("9時5分", (9, 5)),
    ] {
        let t = parse_time_input(s).unwrap_or_else(|e| panic!("{s}: {e}"));
        assert_eq!(
            (chrono::Timelike::hour(&t), chrono::Timelike::minute(&t)),
            hm,
            "{s}"
        );
    }
    for s in ["25:00", "ab", "14:3x", "12345"] {
        assert!(parse_time_input(s).is_err(), "{s}");
    }
}
