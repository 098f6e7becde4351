//! The command line run as a real process: exit codes, messages, files written and files left alone.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed step should fail the test loudly

mod common;

use std::path::Path;

use common::*;

#[test]
fn templates_lists_every_template() {
    let o = run(&["templates"]);
    assert_eq!(code(&o), 0);
    let out = stdout(&o);
    let names: Vec<&str> = out
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    assert_eq!(
        names,
        [
            "uk-parliamentary",
            "english-local",
            "english-parish",
            "pcc",
            "mayor",
            "gla",
            "scottish-parliament",
            "scottish-local",
            "senedd",
            "welsh-local",
            "northern-ireland",
            "may-combined",
        ],
        "{out}"
    );
    // Each with a line on what it holds.
    assert!(
        out.lines().all(|l| l.split_whitespace().count() > 3),
        "{out}"
    );
}

#[test]
fn new_senedd_plan_is_under_senedd_law() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("senedd.plan.ron");
    let plan_arg = plan.to_str().unwrap();
    let o = run(&[
        "new",
        "--template",
        "senedd",
        "--poll-date",
        "2030-05-02",
        "-o",
        plan_arg,
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(stdout(&o).contains("Thursday 2 May 2030"), "{}", stdout(&o));
    let p = integrity_planner::storage::load(&plan).unwrap();
    assert_eq!(
        p.overview.election_type,
        integrity_planner::model::ElectionType::Senedd
    );
    assert_eq!(p.overview.nation, integrity_planner::model::Nation::Wales);
    // A blank plan has gaps (no authority, no names), but nothing against its law.
    let o = run(&[
        "check",
        plan_arg,
        "--format",
        "json",
        "--as-of",
        "2030-03-01",
    ]);
    assert_eq!(code(&o), 1, "{}", stdout(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let codes: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"overview.no-authority"), "{codes:?}");
    for statutory in [
        "overview.contest-officer",
        "overview.contest-nation",
        "overview.contest-officer-unnamed",
        "overview.contest-law-not-held",
        "overview.principal-election",
        "overview.combination-required",
        "overview.parish-postponed",
        "overview.barred-poll-date",
        "overview.ordinary-locals",
        "fraud.statutory-out-of-scope",
        "fraud.statutory-limit-not-held",
        "key-dates.review-off-timetable",
    ] {
        assert!(!codes.contains(&statutory), "{statutory}: {codes:?}");
    }
    // No photo ID and no handing-in limit at a Senedd poll.
    let text = std::fs::read_to_string(&plan).unwrap().to_lowercase();
    for phrase in [
        "voter id",
        "photo id at polling stations",
        "limit on handing in",
    ] {
        assert!(!text.contains(phrase), "{phrase}");
    }
}

#[test]
fn new_creates_a_plan_that_check_reads() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("borough.plan.ron");
    let plan_arg = plan.to_str().unwrap();
    let o = run(&[
        "new",
        "--template",
        "uk-parliamentary",
        "--poll-date",
        "2029-05-03",
        "-o",
        plan_arg,
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(stdout(&o).contains("Thursday 3 May 2029"), "{}", stdout(&o));
    let text = std::fs::read_to_string(&plan).unwrap();
    assert!(text.contains("poll_date: \"2029-05-03\""));

    // A blank template has gaps: check reports them as errors with exit 1.
    let o = run(&["check", plan_arg, "--as-of", "2029-03-01"]);
    assert_eq!(code(&o), 1, "{}", stdout(&o));
    assert!(
        stdout(&o).contains("error[people.no-name]"),
        "{}",
        stdout(&o)
    );

    // It will not overwrite without --force, and the file is unchanged.
    let o = run(&[
        "new",
        "--template",
        "english-local",
        "--poll-date",
        "2027-05-06",
        "-o",
        plan_arg,
    ]);
    let err = assert_refused(&o);
    assert!(
        err.contains("already exists") && err.contains("--force"),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&plan).unwrap(), text);

    // With --force it replaces it and keeps the old one as a dated backup.
    let o = run(&[
        "new",
        "--template",
        "english-local",
        "--poll-date",
        "2027-05-06",
        "-o",
        plan_arg,
        "--force",
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(backups_of(&plan), vec![text]);
}

#[test]
fn new_refuses_unknown_templates_and_bad_dates() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("x.plan.ron");
    let out = out.to_str().unwrap();
    let err = assert_refused(&run(&[
        "new",
        "--template",
        "ni-assembly",
        "--poll-date",
        "2027-05-06",
        "-o",
        out,
    ]));
    assert!(
        err.contains("ni-assembly")
            && err.contains("uk-parliamentary, english-local")
            && err.contains("may-combined"),
        "{err}"
    );

    for bad in ["2027-02-30", "May 6 2027", "2027-13-01", ""] {
        let o = run(&[
            "new",
            "--template",
            "english-local",
            "--poll-date",
            bad,
            "-o",
            out,
        ]);
        assert_eq!(code(&o), 2);
        let err = stderr(&o);
        assert!(err.contains("expected YYYY-MM-DD"), "{bad}: {err}");
    }
    // Never month first.
    let o = run(&[
        "new",
        "--template",
        "english-local",
        "--poll-date",
        "05/13/2027",
        "-o",
        out,
    ]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("day first (DD/MM/YYYY)"),
        "{}",
        stderr(&o)
    );
    assert!(!Path::new(out).exists());
}

#[test]
fn new_warns_when_polling_day_is_not_a_thursday() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("x.plan.ron");
    let o = run(&[
        "new",
        "--template",
        "english-local",
        "--poll-date",
        "2027-05-08",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 0);
    assert!(
        stderr(&o).contains("warning: polling day Saturday 8 May 2027 is at a weekend"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn check_passes_the_example() {
    let o = run(&["check", EXAMPLE, "--as-of", "2027-05-07"]);
    assert_eq!(code(&o), 0, "{}", stdout(&o));
    let out = stdout(&o);
    assert!(out.trim_end().ends_with("0 errors, 1 warning"), "{out}");
    assert!(out.contains("warning[fraud.at-warning]"), "{out}");
    assert!(out.contains("--> 7. Fraud monitoring"), "{out}");
}

#[test]
fn check_json_has_the_documented_shape() {
    let o = run(&[
        "check",
        EXAMPLE,
        "--format",
        "json",
        "--as-of",
        "2027-05-07",
    ]);
    assert_eq!(code(&o), 0);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["errors"], 0);
    assert_eq!(v["warnings"], 1);
    let f = &v["findings"][0];
    assert_eq!(f["severity"], "warning");
    assert_eq!(f["code"], "fraud.at-warning");
    assert_eq!(f["section"], "fraud");
    assert!(f["message"].as_str().unwrap().contains("warning level"));
    assert_eq!(f["entity"]["kind"], "indicator");
}

#[test]
fn check_exits_1_on_errors_and_names_them_in_json() {
    let dir = tempfile::tempdir().unwrap();
    let path = example_changed(
        dir.path(),
        "authority: \"Northmere Borough Council\"",
        "authority: \"\"",
    );
    let o = run(&[
        "check",
        path.to_str().unwrap(),
        "--format",
        "json",
        "--as-of",
        "2027-05-07",
    ]);
    assert_eq!(code(&o), 1);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    // The missing authority, and the agreed plan's overview no longer being what was agreed.
    assert_eq!(v["errors"], 2);
    let findings = v["findings"].as_array().unwrap();
    assert!(
        findings
            .iter()
            .any(|f| f["code"] == "overview.no-authority" && f["severity"] == "error")
    );
    assert!(findings.iter().any(|f| {
        f["code"] == "signoff.outdated"
            && f["message"]
                .as_str()
                .unwrap()
                .starts_with("Overview and document control changed since version 1.3")
    }));
}

#[test]
fn check_refuses_a_missing_file() {
    let err = assert_refused(&run(&["check", "/nonexistent/plan.plan.ron"]));
    assert!(
        err.contains("cannot read /nonexistent/plan.plan.ron"),
        "{err}"
    );
}

/// Each damaged file: exit 2, a message naming the problem (and line:column where there is one), a hint,
/// and the file byte-for-byte unchanged.
#[test]
fn damaged_files_are_refused_clearly_and_left_untouched() {
    let good = std::fs::read_to_string(EXAMPLE).unwrap();
    let first_person_id = good
        .split("people: [")
        .nth(1)
        .unwrap()
        .split('"')
        .nth(1)
        .unwrap()
        .to_owned();
    let mut truncated = good[..good.len() * 2 / 3].to_owned();
    while !good.is_char_boundary(truncated.len()) {
        truncated.pop();
    }
    let date_line = good
        .lines()
        .position(|l| l.contains("poll_date: \"2027-05-06\""))
        .unwrap()
        + 1;
    let date_at = format!(".plan.ron:{date_line}:");
    let date_expected = ["not a real date", date_at.as_str()];
    let garbage: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8)
        .collect();
    let cases: Vec<(&str, Vec<u8>, &[&str])> = vec![
        ("empty", Vec::new(), &["is empty"]),
        ("truncated", truncated.into_bytes(), &["ends unexpectedly"]),
        ("garbage", garbage, &["not a text file"]),
        (
            "impossible-date",
            good.replacen("poll_date: \"2027-05-06\"", "poll_date: \"2027-02-30\"", 1)
                .into_bytes(),
            &date_expected,
        ),
        (
            "bad-uuid",
            good.replacen(&first_person_id, "1234-not-a-uuid", 1)
                .into_bytes(),
            &["not a valid id"],
        ),
        (
            "unknown-variant",
            good.replacen("status: AgreedWithPolice", "status: Approved", 1)
                .into_bytes(),
            &["Approved", "AgreedWithPolice"],
        ),
        (
            "unbalanced",
            good.replacen("  people: [", "  people: [[", 1).into_bytes(),
            &[":"],
        ),
        (
            "future-version",
            good.replacen(
                &format!(
                    "format_version: {}",
                    integrity_planner::model::FORMAT_VERSION
                ),
                "format_version: 7",
                1,
            )
            .into_bytes(),
            &["version 7", "newer"],
        ),
    ];
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes, expected) in cases {
        let path = temp_plan(dir.path(), &format!("{name}.plan.ron"), &bytes);
        let o = run(&["check", path.to_str().unwrap()]);
        let err = assert_refused(&o);
        assert!(
            err.contains(path.to_str().unwrap()),
            "{name}: names the file: {err}"
        );
        for e in expected {
            assert!(err.contains(e), "{name}: expected {e:?} in {err}");
        }
        assert_eq!(std::fs::read(&path).unwrap(), bytes, "{name}: file changed");
        assert!(backups_of(&path).is_empty(), "{name}: a backup was made");
    }
}

#[test]
fn syntax_errors_show_the_line_with_a_caret() {
    let good = std::fs::read_to_string(EXAMPLE).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let bad = good.replacen("marking: OfficialSensitive", "marking: Secret", 1);
    let line = bad
        .lines()
        .position(|l| l.contains("marking: Secret"))
        .unwrap()
        + 1;
    let path = temp_plan(dir.path(), "m.plan.ron", bad.as_bytes());
    let err = assert_refused(&run(&["check", path.to_str().unwrap()]));
    assert!(err.contains(&format!("m.plan.ron:{line}:")), "{err}");
    assert!(
        err.contains("marking: Secret") && err.contains('^'),
        "{err}"
    );
    assert!(
        err.contains("Official") && err.contains("OfficialSensitive"),
        "lists the variants: {err}"
    );
}

#[test]
fn a_dangling_reference_is_a_finding_not_a_crash() {
    let good = std::fs::read_to_string(EXAMPLE).unwrap();
    let ro_line = good
        .lines()
        .find(|l| l.trim_start().starts_with("returning_officer: Some("))
        .unwrap();
    let bad = good.replacen(
        ro_line,
        "    returning_officer: Some(\"00000000-0000-4000-8000-000000000000\"),",
        1,
    );
    let dir = tempfile::tempdir().unwrap();
    let path = temp_plan(dir.path(), "d.plan.ron", bad.as_bytes());
    let o = run(&["check", path.to_str().unwrap(), "--as-of", "2027-05-07"]);
    assert_eq!(code(&o), 1);
    let out = stdout(&o);
    assert!(out.contains("error[plan.dangling-reference]: Overview: the Returning Officer refers to a person that is not in the plan (00000000-0000-4000-8000-000000000000)"), "{out}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), bad);
}

#[test]
fn usage_errors_exit_2() {
    let o = run(&["check"]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("error:"));
    let o = run(&["check", EXAMPLE, "--format", "xml"]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("possible values: text, json"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn timetable_reproduces_the_2024_general_election() {
    let o = run(&[
        "timetable",
        "--election",
        "uk-parliamentary",
        "--poll-date",
        "2024-07-04",
        "--format",
        "json",
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let m = &v["milestones"];
    assert_eq!(m["dissolution"]["date"], "2024-05-30");
    assert!(
        m["dissolution"]["time"].is_null(),
        "the law names no time for dissolution: time is null"
    );
    assert!(
        m["proxy_deadline"]["source"]
            .as_str()
            .unwrap()
            .contains("reg. 56(2)"),
        "each milestone cites its rule"
    );
    assert!(
        m.get("notice_of_election_earliest").is_none(),
        "no window at a general election"
    );
    assert_eq!(v["nation"], "england");
    assert_eq!(m["notice_of_election"]["date"], "2024-06-04");
    assert_eq!(m["notice_of_election"]["time"], "16:00");
    assert_eq!(m["close_of_nominations"]["date"], "2024-06-07");
    assert_eq!(m["registration_deadline"]["date"], "2024-06-18");
    assert_eq!(m["postal_vote_deadline"]["date"], "2024-06-19");
    assert_eq!(m["postal_vote_deadline"]["time"], "17:00");
    assert_eq!(m["proxy_deadline"]["date"], "2024-06-26");
    assert_eq!(m["emergency_proxy_deadline"]["date"], "2024-07-04");
    assert_eq!(m["poll"]["date"], "2024-07-04");
    let keys: Vec<&String> = m.as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        [
            "dissolution",
            "notice_of_election",
            "close_of_nominations",
            "statement_of_persons_nominated",
            "registration_deadline",
            "postal_vote_deadline",
            "proxy_deadline",
            "voter_authority_certificate_deadline",
            "agents_appointment_deadline",
            "replacement_postal_votes_from",
            "emergency_proxy_deadline",
            "poll"
        ]
    );
    assert_eq!(v["warnings"].as_array().unwrap().len(), 0);
}

#[test]
fn dates_are_read_day_first_or_written_out_and_written_iso() {
    let timetable = |poll: &str| {
        let o = run(&[
            "timetable",
            "--election",
            "uk-parliamentary",
            "--poll-date",
            poll,
            "--format",
            "json",
        ]);
        assert_eq!(code(&o), 0, "{poll}: {}", stderr(&o));
        stdout(&o)
    };
    let iso = timetable("2024-07-04");
    assert!(iso.contains("\"2024-07-04\""), "{iso}");
    for typed in ["04/07/2024", "4/7/2024", "Thu 4 Jul 2024", "4 July 2024"] {
        assert_eq!(timetable(typed), iso, "{typed}");
    }
}

#[test]
fn timetable_text_and_warnings() {
    let o = run(&[
        "timetable",
        "--election",
        "english-local",
        "--poll-date",
        "2027-05-06",
    ]);
    assert_eq!(code(&o), 0);
    let out = stdout(&o);
    assert!(out.contains("Bank holidays: built-in data"), "{out}");
    assert!(
        out.contains("Rules: Local Elections (Principal Areas)"),
        "{out}"
    );
    assert!(
        out.lines()
            .any(|l| l.starts_with("Wed 31 Mar 2027         Notice of election")),
        "the law sets no time for the notice: {out}"
    );
    assert!(
        !out.contains("Dissolution"),
        "no dissolution for local elections"
    );
    // A poll on a bank holiday still gives a timetable, with a warning.
    let o = run(&[
        "timetable",
        "--election",
        "english-local",
        "--poll-date",
        "2027-05-03",
    ]);
    assert_eq!(code(&o), 0);
    assert!(
        stderr(&o).contains(
            "warning: polling day Monday 3 May 2027 is a bank holiday: Early May bank holiday (England and Wales)"
        ),
        "{}",
        stderr(&o)
    );
}

#[test]
fn timetable_refuses_bad_input_with_a_hint() {
    let err = assert_refused(&run(&[
        "timetable",
        "--election",
        "european-parliament",
        "--poll-date",
        "2026-05-07",
    ]));
    assert!(
        err.contains(
            "choose one of: uk-parliamentary, uk-parliamentary-by-election, english-local"
        ),
        "{err}"
    );
    let o = run(&[
        "timetable",
        "--election",
        "english-local",
        "--poll-date",
        "May 7 2026",
    ]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("is not a date; expected YYYY-MM-DD"),
        "{}",
        stderr(&o)
    );
    let err = assert_refused(&run(&[
        "timetable",
        "--election",
        "english-local",
        "--poll-date",
        "2041-05-02",
    ]));
    assert!(err.contains("known only for 2015–2032"), "{err}");
}

#[test]
fn custody_export_import_round_trip_and_a_bad_file_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let plan = temp_plan(dir.path(), "p.plan.ron", &std::fs::read(EXAMPLE).unwrap());
    let plan_arg = plan.to_str().unwrap();
    let csv = dir.path().join("log.csv");
    let o = run(&["custody", "export", plan_arg, "-o", csv.to_str().unwrap()]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let exported = std::fs::read_to_string(&csv).unwrap();
    assert!(exported.starts_with("event_id,log,seq,item_id,item_label,at,stage,"));
    assert_eq!(
        exported.lines().count(),
        1 + stdout(&o)
            .split_whitespace()
            .nth(1)
            .unwrap()
            .parse::<usize>()
            .unwrap()
    );

    // Re-importing the export adds nothing.
    let o = run(&["custody", "import", plan_arg, csv.to_str().unwrap()]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        stdout(&o).contains("recorded 0 new events"),
        "{}",
        stdout(&o)
    );

    // A spreadsheet with one good row and one bad: refused whole, plan byte-identical.
    let before = std::fs::read(&plan).unwrap();
    let bad = dir.path().join("bad.csv");
    std::fs::write(
        &bad,
        "item_label,at,stage,to\nAA/1,2027-05-07 13:00,count,Table 1\nAA/1,7 May,count,Table 1\n",
    )
    .unwrap();
    let err = assert_refused(&run(&[
        "custody",
        "import",
        plan_arg,
        bad.to_str().unwrap(),
    ]));
    assert!(err.contains("was not imported: 1 problem"), "{err}");
    assert!(err.contains("row 3, column “at”"), "{err}");
    assert!(err.contains("the plan is unchanged"), "{err}");
    assert_eq!(std::fs::read(&plan).unwrap(), before);

    // The good row alone is recorded, in the log named, and check stays clean of chain errors.
    let good = dir.path().join("good.csv");
    std::fs::write(&good, "item_label,at,stage,from,to,seals_seen,seals_intact\nAA/1,2027-05-07 13:00,count,Olu Adeyemi,Table 1,,\n").unwrap();
    let o = run(&[
        "custody",
        "import",
        plan_arg,
        good.to_str().unwrap(),
        "--log",
        "count-table-1",
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        stdout(&o).contains("recorded 1 new event"),
        "{}",
        stdout(&o)
    );
    assert!(
        std::fs::read_to_string(&plan)
            .unwrap()
            .contains("log: \"count-table-1\"")
    );
    assert_eq!(backups_of(&plan), vec![String::from_utf8(before).unwrap()]);
}

#[test]
fn custody_merge_unions_copies_and_reports_conflicts() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(EXAMPLE).unwrap();
    let plan = temp_plan(dir.path(), "p.plan.ron", text.as_bytes());
    let other = temp_plan(dir.path(), "laptop2.plan.ron", text.as_bytes());
    // Merging an identical copy changes nothing.
    let o = run(&[
        "custody",
        "merge",
        plan.to_str().unwrap(),
        other.to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(stdout(&o).contains("0 new events"), "{}", stdout(&o));
    // A tampered copy: its broken log is reported, nothing from it is taken, exit 1.
    let tampered = text.replacen(
        "Official mark printed",
        "Official mark printed (changed)",
        1,
    );
    let other = temp_plan(dir.path(), "tampered.plan.ron", tampered.as_bytes());
    let o = run(&[
        "custody",
        "merge",
        plan.to_str().unwrap(),
        other.to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 1);
    assert!(
        stdout(&o).contains("conflict: the other copy's log “elections-office” is broken"),
        "{}",
        stdout(&o)
    );
    // An unreadable copy stops the merge before anything changes.
    let before = std::fs::read(&plan).unwrap();
    let broken = temp_plan(dir.path(), "broken.plan.ron", b"Plan(format_version: 2,");
    let err = assert_refused(&run(&[
        "custody",
        "merge",
        plan.to_str().unwrap(),
        broken.to_str().unwrap(),
    ]));
    assert!(err.contains("broken.plan.ron"), "{err}");
    assert_eq!(std::fs::read(&plan).unwrap(), before);
}

#[test]
fn check_reports_a_tampered_custody_log_by_code_and_first_bad_event() {
    let dir = tempfile::tempdir().unwrap();
    let plan = example_changed(
        dir.path(),
        "Official mark printed",
        "Official mark printed (changed)",
    );
    let o = run(&[
        "check",
        plan.to_str().unwrap(),
        "--format",
        "json",
        "--as-of",
        "2027-05-07T12:00",
    ]);
    assert_eq!(code(&o), 1);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let f = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "custody.chain-broken")
        .unwrap();
    assert_eq!(f["severity"], "error");
    assert!(
        f["message"]
            .as_str()
            .unwrap()
            .contains("“elections-office” is broken at event #1"),
        "{f}"
    );
    assert_eq!(f["entity"]["kind"], "custody-event");
}

#[test]
fn export_writes_a_pdf_and_refuses_bad_input() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("plan.pdf");
    let o = run(&[
        "export",
        EXAMPLE,
        "-o",
        out.to_str().unwrap(),
        "--profile",
        "redacted",
        "--no-record",
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        stdout(&o).contains("wrote the redacted copy"),
        "{}",
        stdout(&o)
    );
    assert!(std::fs::read(&out).unwrap().starts_with(b"%PDF-"));
    let o = run(&[
        "export",
        EXAMPLE,
        "-o",
        out.to_str().unwrap(),
        "--profile",
        "secret",
    ]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("possible values: full, redacted"),
        "{}",
        stderr(&o)
    );
    let err = assert_refused(&run(&[
        "export",
        "/nonexistent.plan.ron",
        "-o",
        out.to_str().unwrap(),
    ]));
    assert!(err.contains("cannot read"), "{err}");
    let err = assert_refused(&run(&[
        "export",
        EXAMPLE,
        "-o",
        "/nonexistent-dir/x.pdf",
        "--no-record",
    ]));
    assert!(err.contains("cannot save /nonexistent-dir/x.pdf"), "{err}");
    let sheets = dir.path().join("sheets.pdf");
    let o = run(&["custody", "sheets", EXAMPLE, "-o", sheets.to_str().unwrap()]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(std::fs::read(&sheets).unwrap().starts_with(b"%PDF-"));
}

#[test]
fn timetable_lists_every_type_and_takes_nation_days_and_windows() {
    let o = run(&["timetable", "--list"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    for key in [
        "uk-parliamentary ",
        "uk-parliamentary-by-election ",
        "english-local ",
        "english-local-by-election ",
        "english-parish ",
        "welsh-community ",
        "pcc ",
        "mayor ",
        "gla ",
        "scottish-parliament ",
        "scottish-local ",
        "senedd ",
        "welsh-local ",
        "ni-assembly ",
        "ni-local ",
        "local-referendum ",
    ] {
        assert!(out.lines().any(|l| l.starts_with(key)), "{key}: {out}");
    }
    assert!(
        out.contains("Scottish Local Government Elections Order 2011"),
        "{out}"
    );
    let json = |args: &[&str]| -> serde_json::Value {
        let o = run(args);
        assert_eq!(code(&o), 0, "{args:?}: {}", stderr(&o));
        serde_json::from_str(&stdout(&o)).unwrap()
    };
    let base = [
        "timetable",
        "--election",
        "uk-parliamentary",
        "--poll-date",
        "2027-01-07",
        "--format",
        "json",
    ];
    let scotland = json(&[&base[..], &["--nation", "scotland"]].concat());
    assert_eq!(
        scotland["milestones"]["registration_deadline"]["date"],
        "2026-12-15"
    );
    assert_eq!(
        scotland["milestones"]["proxy_deadline"]["date"],
        "2026-12-23"
    );
    let mourning = json(&[&base[..], &["--disregard", "2026-12-30"]].concat());
    assert_eq!(
        mourning["milestones"]["proxy_deadline"]["date"],
        "2026-12-22"
    );
    let window = json(&[
        "timetable",
        "--election",
        "scottish-local",
        "--poll-date",
        "2022-12-08",
        "--format",
        "json",
    ]);
    assert_eq!(
        window["milestones"]["notice_of_election_earliest"]["date"],
        "2022-10-19"
    );
    assert!(window["milestones"]["notice_of_election_earliest"]["time"].is_null());
    // A by-election outside its window is refused, saying why.
    let err = assert_refused(&run(&[
        "timetable",
        "--election",
        "uk-parliamentary-by-election",
        "--poll-date",
        "2021-12-16",
        "--nomination-day",
        "2021-11-12",
    ]));
    assert!(err.contains("17 to 19 working days"), "{err}");
    let err = assert_refused(&run(&[
        "timetable",
        "--election",
        "english-local-by-election",
        "--poll-date",
        "2025-05-01",
        "--vacancy-date",
        "2025-03-03",
    ]));
    assert!(
        err.contains("within 35 working days") && err.contains("Wednesday 23 April 2025"),
        "{err}"
    );
    let err = assert_refused(&run(&[
        "timetable",
        "--election",
        "senedd",
        "--poll-date",
        "2027-05-06",
        "--nation",
        "england",
    ]));
    assert!(err.contains("not held in England"), "{err}");
}

#[test]
fn new_records_the_nation_and_the_rules_its_dates_follow() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("s.plan.ron");
    let o = run(&[
        "new",
        "--template",
        "uk-parliamentary",
        "--poll-date",
        "2027-01-07",
        "--nation",
        "scotland",
        "-o",
        plan.to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let p = integrity_planner::storage::load(&plan).unwrap();
    assert_eq!(
        p.overview.nation,
        integrity_planner::model::Nation::Scotland
    );
    assert_eq!(
        p.overview.timetable_rules.as_deref(),
        Some("uk-parliamentary/2014-after-2019")
    );
    let err = assert_refused(&run(&[
        "new",
        "--template",
        "english-local",
        "--poll-date",
        "2027-05-06",
        "--nation",
        "wales",
        "-o",
        dir.path().join("w.plan.ron").to_str().unwrap(),
    ]));
    assert!(err.contains("not held in Wales"), "{err}");
    assert!(!dir.path().join("w.plan.ron").exists());
}

#[test]
fn timetable_states_the_contests_handing_in_proxy_and_id_law() {
    let law_of = |election: &str, date: &str, nation: &str| {
        let o = run(&[
            "timetable",
            "--election",
            election,
            "--poll-date",
            date,
            "--nation",
            nation,
            "--format",
            "json",
        ]);
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
        v["contest_law"].clone()
    };
    let english = law_of("english-local", "2027-05-06", "england");
    assert_eq!(
        english["postal_votes_handed_in"],
        "own + 5 others (reg. 82B); s. 112A offence"
    );
    assert_eq!(english["proxies"], "4, no more than 2 domestic");
    assert_eq!(english["voter_id"], "photo ID; VAC");
    let holyrood = law_of("scottish-parliament", "2026-05-07", "scotland");
    assert_eq!(holyrood["postal_votes_handed_in"], "no limit, no offence");
    assert!(holyrood["campaigner_offence"].is_null());
    assert_eq!(holyrood["proxies"], "2 unless close relatives");
    assert_eq!(holyrood["voter_id"], "none");
    // A poll before the data states the law: nothing is said rather than a guess.
    assert!(law_of("english-local", "2023-05-04", "england").is_null());
}

#[test]
fn calendar_writes_key_dates_reproducibly_and_never_over_the_plan() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("key-dates.ics");
    let out_s = out.to_str().unwrap();
    let o = run(&["calendar", EXAMPLE, "-o", out_s]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        stdout(&o).contains("calendar entries (full copy)"),
        "{}",
        stdout(&o)
    );
    let first = std::fs::read(&out).unwrap();
    let text = String::from_utf8(first.clone()).unwrap();
    assert!(text.starts_with("BEGIN:VCALENDAR\r\n"));
    assert!(text.contains("Close of nominations"));
    // Exported again over itself: nothing changed, so the same bytes.
    let o = run(&["calendar", EXAMPLE, "-o", out_s]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        std::fs::read(&out).unwrap() == first,
        "the same bytes when nothing changed"
    );
    // Never over the plan.
    let plan = temp_plan(dir.path(), "p.plan.ron", &std::fs::read(EXAMPLE).unwrap());
    let o = run(&[
        "calendar",
        plan.to_str().unwrap(),
        "-o",
        plan.to_str().unwrap(),
    ]);
    assert_refused(&o);
}

#[test]
fn fingerprint_prints_the_plans_and_each_sections_in_text_and_json() {
    let o = run(&["fingerprint", EXAMPLE]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    let short = lines[0]
        .strip_prefix("Fingerprint (plan-fingerprint/1): ")
        .unwrap();
    assert_eq!(short.len(), 8, "{out}");
    let groups: Vec<&str> = lines[1].split(' ').collect();
    assert_eq!(groups.len(), 8, "{out}");
    assert!(
        groups
            .iter()
            .all(|g| g.len() == 8 && g.chars().all(|c| c.is_ascii_hexdigit()))
    );
    assert_eq!(groups[0], short);
    assert!(
        lines[3].starts_with(" 1. Overview and document control"),
        "{out}"
    );
    assert!(lines[17].starts_with("15. Key dates"), "{out}");
    let o = run(&["fingerprint", EXAMPLE, "--format", "json"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["form"], "plan-fingerprint/1");
    assert_eq!(v["short"], short);
    assert_eq!(v["fingerprint"].as_str().unwrap().len(), 64);
    assert_eq!(v["sections"].as_array().unwrap().len(), 15);
    assert_eq!(v["sections"][1]["section"], "people");
    let err = assert_refused(&run(&["fingerprint", "/nonexistent.plan.ron"]));
    assert!(err.contains("cannot read"), "{err}");
}

#[test]
fn export_records_an_issued_copy_and_no_record_does_not() {
    let dir = tempfile::tempdir().unwrap();
    let plan = example_changed(dir.path(), "issued_copies: [", "issued_copies: [");
    let plan_arg = plan.to_str().unwrap();
    let out = dir.path().join("copy.pdf");
    let out_arg = out.to_str().unwrap();
    let copies = |text: &str| text.matches("IssuedCopy(").count();
    let before = std::fs::read_to_string(&plan).unwrap();
    // A draft: nothing recorded, nothing saved.
    let o = run(&["export", plan_arg, "-o", out_arg, "--no-record"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&plan).unwrap(), before);
    let draft = std::fs::read(&out).unwrap();
    // An issued copy to the SPOC by name: logged with its number, the plan saved with a backup.
    let o = run(&[
        "export",
        plan_arg,
        "-o",
        out_arg,
        "--recipient",
        "police election spoc",
        "--date",
        "2027-05-01",
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        stdout(&o).contains("recorded the issued copy"),
        "{}",
        stdout(&o)
    );
    let after = std::fs::read_to_string(&plan).unwrap();
    assert_eq!(copies(&after), copies(&before) + 1);
    assert!(
        after.contains("date: \"2027-05-01\""),
        "the date given is recorded"
    );
    assert_eq!(backups_of(&plan).len(), 1);
    let numbered = std::fs::read(&out).unwrap();
    assert_ne!(numbered, draft, "the numbered copy says which copy it is");
    // The same copy again gives the same bytes: the date is not printed.
    let o = run(&[
        "export",
        plan_arg,
        "-o",
        out_arg,
        "--recipient",
        "police election spoc",
        "--date",
        "2027-05-02",
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(std::fs::read(&out).unwrap(), numbered);
    // A recipient not on the list, or of the other copy, is refused and nothing is recorded.
    let now = std::fs::read_to_string(&plan).unwrap();
    let err = assert_refused(&run(&[
        "export",
        plan_arg,
        "-o",
        out_arg,
        "--recipient",
        "99",
    ]));
    assert!(err.contains("not on the plan's distribution list"), "{err}");
    let err = assert_refused(&run(&[
        "export",
        plan_arg,
        "-o",
        out_arg,
        "--recipient",
        "communications lead",
    ]));
    assert!(err.contains("--profile redacted"), "{err}");
    assert_eq!(std::fs::read_to_string(&plan).unwrap(), now);
}
