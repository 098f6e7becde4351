use std::path::Path;

use chrono::NaiveDate;

use super::*;
use crate::model::{
    ContestKind, ElectionType, Nation, OfficerRole, Person, PersonId, Phone, PhoneKind, Role,
};

fn sample() -> Plan {
    let mut plan = Plan::empty(
        ElectionType::EnglishLocal,
        NaiveDate::from_ymd_opt(2027, 5, 6).unwrap(),
    );
    plan.overview.authority = "Northmere Borough Council — “Cyngor” £ ŵ ŷ".to_owned();
    plan.people.push(Person {
        id: PersonId::new(),
        name: "Siân Llŷr".to_owned(),
        role: Role::ElectionsManager,
        job_title: "Elections manager".to_owned(),
        organisation: "Council".to_owned(),
        phones: vec![Phone {
            kind: PhoneKind::Office,
            number: "01632 960 110".to_owned(),
        }],
        email: "sian@example.org".to_owned(),
        address: "Line one\nLine two".to_owned(),
        out_of_hours_cover: None,
        handling: crate::model::Handling::FullCopyOnly,
    });
    plan
}

fn syntax(result: Result<Plan, LoadError>) -> (usize, usize, String) {
    match result {
        Err(LoadError::Syntax {
            line,
            column,
            message,
            ..
        }) => (line, column, message),
        other => panic!("expected a syntax error, got {other:?}"),
    }
}

#[test]
fn round_trip_keeps_everything_including_unicode_and_newlines() {
    let plan = sample();
    let text = to_ron(&plan).unwrap();
    assert!(
        text.contains("Siân Llŷr"),
        "non-ASCII text stays readable in the file"
    );
    assert_eq!(parse(&text, Path::new("x")).unwrap(), plan);
}

/// The names of the files in a folder, sorted.
fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn save_is_atomic_and_keeps_a_backup() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.plan.ron");
    let mut plan = sample();
    let saved = save(&mut plan, &path).unwrap();
    assert_eq!(saved.backup, None, "no backup of a file that did not exist");
    assert_eq!(Some(saved.digest), read_digest(&path).unwrap());
    let first = std::fs::read_to_string(&path).unwrap();
    plan.overview.version = "0.2".to_owned();
    let saved = save(&mut plan, &path).unwrap();
    let backup = saved.backup.unwrap();
    assert_eq!(std::fs::read_to_string(&backup).unwrap(), first);
    assert_eq!(backups::list(&path).unwrap()[0].path, backup);
    assert_eq!(load(&path).unwrap(), plan);
    let leftovers: Vec<_> = files_in(dir.path())
        .into_iter()
        .filter(|n| n.contains(".tmp"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "temporary files left behind: {leftovers:?}"
    );
    // Saving what the file already holds writes nothing and keeps no backup.
    let before = files_in(dir.path());
    let again = save(&mut plan, &path).unwrap();
    assert!(again.unchanged && again.backup.is_none());
    assert_eq!(files_in(dir.path()), before);
}

#[test]
fn a_plan_with_a_log_is_saved_only_when_its_text_changes_even_by_one_character() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.plan.ron");
    let mut plan = crate::test_support::valid_plan();
    assert!(!plan.custody.events.is_empty(), "a plan with a custody log");
    plan.overview.version = "0.1".to_owned();
    let first = save(&mut plan, &path).unwrap();
    assert_eq!(Some(first.digest), read_digest(&path).unwrap());
    let again = save(&mut plan, &path).unwrap();
    assert!(again.unchanged && again.backup.is_none());
    assert_eq!(again.digest, first.digest);
    // The same length, one character different: written, with a backup, and read back.
    plan.overview.version = "0.2".to_owned();
    let changed = save(&mut plan, &path).unwrap();
    assert!(!changed.unchanged && changed.backup.is_some());
    assert_eq!(
        std::fs::metadata(&path).unwrap().len(),
        std::fs::metadata(changed.backup.as_ref().unwrap())
            .unwrap()
            .len()
    );
    assert_eq!(Some(changed.digest), read_digest(&path).unwrap());
    assert_eq!(load(&path).unwrap(), plan);
}

#[test]
fn replacing_a_plan_twice_keeps_the_original() {
    // `new --force -o P` twice used to leave only the second plan in the single .bak.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.plan.ron");
    let mut original = sample();
    save(&mut original, &path).unwrap();
    let original_text = std::fs::read_to_string(&path).unwrap();
    for version in ["second", "third"] {
        let mut other = sample();
        other.overview.version = version.to_owned();
        save(&mut other, &path).unwrap();
    }
    let kept: Vec<String> = backups::list(&path)
        .unwrap()
        .iter()
        .map(|b| std::fs::read_to_string(&b.path).unwrap())
        .collect();
    assert_eq!(kept.len(), 2);
    assert!(kept.contains(&original_text), "the original is still kept");
}

#[test]
fn a_failed_save_leaves_the_previous_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("missing-folder").join("plan.plan.ron");
    let err = save(&mut sample(), &path).unwrap_err();
    assert!(err.to_string().contains("cannot save"), "{err}");
    assert!(!path.exists());
}

#[test]
fn empty_and_whitespace_files_are_reported_as_empty() {
    assert!(matches!(
        parse_bytes(b"", Path::new("a")),
        Err(LoadError::Empty { .. })
    ));
    assert!(matches!(
        parse_bytes(b" \n\t\n", Path::new("a")),
        Err(LoadError::Empty { .. })
    ));
}

#[test]
fn binary_garbage_is_not_text() {
    let bytes: Vec<u8> = (0..512u32).map(|i| (i * 7919 % 251) as u8).collect();
    let err = parse_bytes(&bytes, Path::new("garbage.plan.ron")).unwrap_err();
    assert!(matches!(err, LoadError::NotText { .. }), "{err:?}");
    assert!(err.to_string().contains("not a text file"));
}

#[test]
fn truncated_file_names_its_end() {
    let text = to_ron(&sample()).unwrap();
    let mut half = text.len() / 2;
    while !text.is_char_boundary(half) {
        half -= 1;
    }
    let cut = &text[..half];
    let (line, _, message) = syntax(parse(cut, Path::new("t")));
    assert!(
        line >= cut.lines().count() - 1,
        "points near the end, got line {line}"
    );
    assert!(
        message.contains("ends unexpectedly") || message.contains("Unexpected"),
        "{message}"
    );
}

#[test]
fn impossible_date_gives_its_line_and_column() {
    let text = to_ron(&sample())
        .unwrap()
        .replace("\"2027-05-06\"", "\"2027-02-30\"");
    let expected_line = text.lines().position(|l| l.contains("2027-02-30")).unwrap() + 1;
    let (line, column, message) = syntax(parse(&text, Path::new("d")));
    assert_eq!(line, expected_line);
    assert!(column > 1);
    assert!(message.contains("not a real date"), "{message}");
}

#[test]
fn malformed_uuid_is_located() {
    let plan = sample();
    let id = plan.people[0].id.to_string();
    let text = to_ron(&plan).unwrap().replace(&id, "not-a-uuid");
    let expected_line = text.lines().position(|l| l.contains("not-a-uuid")).unwrap() + 1;
    let (line, _, message) = syntax(parse(&text, Path::new("u")));
    assert_eq!(line, expected_line);
    assert!(
        message.to_lowercase().contains("id") || message.contains("UUID"),
        "{message}"
    );
}

#[test]
fn unknown_enum_variant_lists_the_choices() {
    let text = to_ron(&sample())
        .unwrap()
        .replace("role: ElectionsManager", "role: ChiefWizard");
    let (line, _, message) = syntax(parse(&text, Path::new("v")));
    assert_eq!(
        line,
        text.lines()
            .position(|l| l.contains("ChiefWizard"))
            .unwrap()
            + 1
    );
    assert!(
        message.contains("ChiefWizard") && message.contains("ElectionsManager"),
        "{message}"
    );
}

#[test]
fn misspelt_field_is_named() {
    let text = to_ron(&sample())
        .unwrap()
        .replace("job_title:", "job_titel:");
    let (_, _, message) = syntax(parse(&text, Path::new("f")));
    assert!(message.contains("job_titel"), "{message}");
}

#[test]
fn unbalanced_brackets_are_located() {
    let text = to_ron(&sample())
        .unwrap()
        .replacen("sign_offs: [", "sign_offs: [[", 1);
    let (line, _, _) = syntax(parse(&text, Path::new("b")));
    assert!(line > 1);
}

#[test]
fn future_and_impossible_versions_are_refused() {
    let text = to_ron(&sample()).unwrap();
    let current = format!("format_version: {FORMAT_VERSION}");
    let future = text.replacen(&current, "format_version: 99", 1);
    let err = parse(&future, Path::new("f")).unwrap_err();
    assert!(
        matches!(
            err,
            LoadError::NewerVersion {
                found: 99,
                supported: FORMAT_VERSION,
                ..
            }
        ),
        "{err:?}"
    );
    assert!(err.to_string().contains("newer"));
    let zero = text.replacen(&current, "format_version: 0", 1);
    assert!(matches!(
        parse(&zero, Path::new("z")),
        Err(LoadError::UnknownVersion { found: 0, .. })
    ));
}

#[test]
fn version_1_files_are_migrated() {
    let text = include_str!("../../tests/fixtures/v1.plan.ron");
    let plan = parse(text, Path::new("v1.plan.ron")).unwrap();
    assert_eq!(plan.format_version, FORMAT_VERSION);
    let ro = &plan.people[0];
    assert_eq!(ro.phones.len(), 2);
    assert_eq!(
        ro.phones[0],
        Phone {
            kind: PhoneKind::Office,
            number: "01632 960 101".to_owned()
        }
    );
    assert_eq!(
        ro.phones[1],
        Phone {
            kind: PhoneKind::Mobile,
            number: "07700 900 101".to_owned()
        }
    );
    let spoc = &plan.people[1];
    assert_eq!(
        spoc.phones,
        vec![Phone {
            kind: PhoneKind::Office,
            number: "01632 960 500".to_owned()
        }],
        "blank numbers are dropped"
    );
    // The migrated plan saves in the current format and loads again unchanged.
    let again = parse(&to_ron(&plan).unwrap(), Path::new("v2")).unwrap();
    assert_eq!(again, plan);
}

#[test]
fn version_4_contests_take_the_overviews_law_and_a_plan_without_contests_gets_one() {
    let text = include_str!("../../tests/fixtures/v4.plan.ron");
    let plan = parse(text, Path::new("v4.plan.ron")).unwrap();
    assert_eq!(plan.format_version, FORMAT_VERSION);
    assert_eq!(
        plan.id.to_string(),
        "5f0c1a2e-8d3b-4c61-9a47-2e1f3b6d7c80",
        "the plan keeps its id"
    );
    let ro = plan.overview.returning_officer;
    assert_eq!(plan.overview.contests.len(), 2);
    for c in &plan.overview.contests {
        assert_eq!(c.election, ElectionType::UkParliamentary);
        assert_eq!(c.nation, Nation::Scotland);
        assert_eq!(c.poll_date, plan.overview.poll_date);
        // RPA 1983 s. 25: in Scotland the returning officer runs it; no acting returning officer.
        assert_eq!(c.officer, OfficerRole::ReturningOfficer);
        assert_eq!(c.officer_person, ro);
        assert!(c.taken_together);
    }
    assert_eq!(plan.overview.contests[1].name, "Fixture West");
    let again = parse(&to_ron(&plan).unwrap(), Path::new("v5")).unwrap();
    assert_eq!(again, plan);
    // A plan with no contests (format 2 here) gets one for its election, named after the authority.
    let v2 = parse(
        include_str!("../../tests/fixtures/v2.plan.ron"),
        Path::new("v2.plan.ron"),
    )
    .unwrap();
    assert_eq!(v2.overview.contests.len(), 1);
    let only = &v2.overview.contests[0];
    assert_eq!(only.name, "Fixture District Council");
    assert_eq!(only.election, ElectionType::EnglishLocal);
    assert_eq!(only.kind, ContestKind::Ward);
    assert_eq!(only.officer, OfficerRole::ReturningOfficer);
}

#[test]
fn version_5_files_are_migrated_keeping_their_id_and_content() {
    let text = include_str!("../../tests/fixtures/v5.plan.ron");
    let plan = parse(text, Path::new("v5.plan.ron")).unwrap();
    assert_eq!(plan.format_version, FORMAT_VERSION);
    assert_eq!(plan.id.to_string(), "2b426762-1ad4-4d8f-8d26-9cc85c1f4012");
    assert_eq!(plan.overview.election_type, ElectionType::UkParliamentary);
    assert!(!plan.people.is_empty() && !plan.risks.is_empty());
    // Escalation levels and custody written before routes by time and count security read with
    // none: every level calls its usual contact, and the count's security is yet to be written.
    assert!(!plan.escalation.is_empty());
    for l in &plan.escalation {
        assert!(l.fallback.is_none() && l.also_inform.is_empty() && l.source.is_empty());
        assert!(!l.out_of_hours.is_set() && !l.polling_day.is_set() && !l.count_night.is_set());
    }
    assert!(plan.custody.count_security.is_empty());
    // The readiness annex keeps the date it was printed at: the latest revision, else polling day.
    let printed_at = plan.overview.revisions.iter().map(|r| r.date).max();
    assert_eq!(
        plan.overview.readiness_as_at,
        Some(printed_at.unwrap_or(plan.overview.poll_date))
    );
    assert_eq!(plan.custody.printer, crate::model::BallotPrinter::default());
    // The migrated plan saves in the current format and loads again unchanged.
    let again = parse(&to_ron(&plan).unwrap(), Path::new("v6")).unwrap();
    assert_eq!(again, plan);
    // Its fingerprint does not depend on the file's format version or formatting.
    let print = crate::model::Fingerprint::of(&plan);
    assert_eq!(crate::model::Fingerprint::of(&again), print);
    let pretty = ron::ser::to_string(&plan).unwrap();
    let compact = parse(&pretty, Path::new("compact")).unwrap();
    assert_eq!(crate::model::Fingerprint::of(&compact), print);
}

#[test]
fn a_version_5_sign_off_given_becomes_an_agreement_not_bound_to_content() {
    let text = include_str!("../../tests/fixtures/v5.plan.ron").replacen(
        "signed_on: None",
        "signed_on: Some(\"2027-03-15\")",
        1,
    );
    let plan = parse(&text, Path::new("v5.plan.ron")).unwrap();
    let given: Vec<_> = plan
        .overview
        .sign_offs
        .iter()
        .filter_map(|s| s.agreement.as_ref().map(|a| (s.role, a)))
        .collect();
    assert_eq!(given.len(), 1, "only the sign-off that was given");
    let (role, agreement) = given[0];
    assert_eq!(role, crate::model::SignOffRole::ReturningOfficer);
    assert_eq!(agreement.date.to_string(), "2027-03-15");
    assert_eq!(agreement.copy, None);
    assert_eq!(agreement.fingerprint, None);
    assert_eq!(agreement.given, crate::model::AgreementMethod::NotRecorded);
    assert!(plan.overview.issued_copies.is_empty());
}

#[test]
fn version_5_personal_data_becomes_the_handling_mark() {
    // The fixture's people are all marked not personal data; mark the first one as personal data.
    let text = include_str!("../../tests/fixtures/v5.plan.ron").replacen(
        "personal_data: false",
        "personal_data: true",
        1,
    );
    let plan = parse(&text, Path::new("v5.plan.ron")).unwrap();
    assert_eq!(
        plan.people[0].handling,
        crate::model::Handling::FullCopyOnly
    );
    assert!(
        plan.people[1..]
            .iter()
            .all(|p| p.handling == crate::model::Handling::Both)
    );
    let saved = to_ron(&plan).unwrap();
    assert!(!saved.contains("personal_data") && saved.contains("handling: FullCopyOnly"));
}

#[test]
fn version_2_files_get_a_plan_id_and_their_first_save_anchors_every_log() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v2.plan.ron");
    std::fs::copy(
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/v2.plan.ron"),
        &path,
    )
    .unwrap();
    let loaded = open(&path).unwrap();
    assert_eq!(loaded.migrated_from, Some(2));
    assert_eq!(loaded.plan.custody.events.len(), 3);
    assert!(loaded.plan.custody.anchors.is_empty());
    // Each load of the old file mints an id: two copies migrated apart are two plans.
    assert_ne!(open(&path).unwrap().plan.id, loaded.plan.id);
    let mut plan = loaded.plan;
    save(&mut plan, &path).unwrap();
    let saved = open(&path).unwrap();
    assert_eq!(saved.migrated_from, None);
    assert_eq!(saved.plan.id, plan.id, "the id is kept from then on");
    let anchors: Vec<(&str, u64)> = saved
        .plan
        .custody
        .anchors
        .iter()
        .map(|a| (a.log.as_str(), a.seq))
        .collect();
    assert_eq!(anchors, [("count-receipt", 2), ("polling-stations", 1)]);
}

#[cfg(unix)]
#[test]
fn saving_through_a_link_writes_the_file_it_names_and_keeps_its_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("share")).unwrap();
    let real = dir.path().join("share").join("real.plan.ron");
    let mut plan = sample();
    save(&mut plan, &real).unwrap();
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(
        mode(&real),
        0o600,
        "a new plan is readable by its owner only"
    );
    std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o640)).unwrap();
    let link = dir.path().join("link.plan.ron");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    plan.overview.version = "0.2".to_owned();
    let saved = save(&mut plan, &link).unwrap();
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink(),
        "the link is still a link"
    );
    assert_eq!(saved.path, real);
    assert_eq!(load(&real).unwrap().overview.version, "0.2");
    assert_eq!(mode(&real), 0o640, "the permissions are carried over");
    let backup = saved.backup.unwrap();
    assert_eq!(
        backup.parent(),
        real.parent(),
        "the backup is beside the real file"
    );
    // A world-readable plan is saved without access for others.
    std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o644)).unwrap();
    plan.overview.version = "0.3".to_owned();
    save(&mut plan, &link).unwrap();
    assert_eq!(mode(&real), 0o640);
    for name in files_in(&dir.path().join("share")) {
        let m = mode(&dir.path().join("share").join(&name));
        assert_eq!(m & 0o007, 0, "{name} is readable by others ({m:o})");
    }
}

#[test]
fn stale_temporary_files_are_tidied_under_the_lock() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.plan.ron");
    std::fs::write(
        dir.path().join(".p.plan.ron.tmp-4242-0123456789ab"),
        "half a plan",
    )
    .unwrap();
    std::fs::write(dir.path().join("p.plan.ron.tmp-4242"), "old style").unwrap();
    std::fs::write(dir.path().join("other.plan.ron.tmp-1"), "not ours").unwrap();
    save(&mut sample(), &path).unwrap();
    assert_eq!(
        files_in(dir.path()),
        ["other.plan.ron.tmp-1", "p.plan.ron", "p.plan.ron.lock"]
    );
}

#[test]
fn byte_order_marks_crlf_and_utf16_are_handled() {
    let text = to_ron(&sample()).unwrap();
    let mut bom = b"\xef\xbb\xbf".to_vec();
    bom.extend(text.replace('\n', "\r\n").as_bytes());
    assert_eq!(parse_bytes(&bom, Path::new("w")).unwrap(), parsed(&text));
    let utf16: Vec<u8> = [0xff, 0xfe]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let err = parse_bytes(&utf16, Path::new("w")).unwrap_err();
    assert!(matches!(err, LoadError::Utf16 { .. }), "{err}");
    assert!(err.hint().contains("UTF-8"));
}

/// The plan a text holds (for comparing a re-encoded copy with the original).
fn parsed(text: &str) -> Plan {
    parse(text, Path::new("x")).unwrap()
}

#[test]
fn absurd_lengths_and_names_are_refused_clearly() {
    let mut plan = sample();
    plan.people[0].job_title = "x".repeat(1_048_576);
    let err = parse(&to_ron(&plan).unwrap(), Path::new("big")).unwrap_err();
    let message = err.to_string();
    assert!(
        message.contains("people[0].job_title") && message.contains("1048576 characters"),
        "{message}"
    );
    assert!(err.hint().contains("shorten"));

    let dir = tempfile::tempdir().unwrap();
    let long = dir.path().join(format!("{}.plan.ron", "n".repeat(230)));
    let err = save(&mut sample(), &long).unwrap_err();
    assert!(matches!(err, SaveError::NameTooLong { .. }), "{err}");
    std::fs::write(&long, to_ron(&sample()).unwrap()).unwrap();
    assert!(matches!(open(&long), Err(LoadError::NameTooLong { .. })));
}

#[test]
fn excerpt_points_at_the_column() {
    let shown = excerpt("abc\n  def: x\n", 2, 8);
    assert!(shown.contains("2 |   def: x"), "{shown}");
    assert!(shown.ends_with("|        ^"), "{shown:?}");
    // A bidirectional override in the file reaches the terminal escaped, and the caret still
    // points.
    let shown = excerpt("  name: \"\u{202e}evil\", x\n", 1, 17);
    assert!(shown.contains("name: \"\\u{202e}evil\""), "{shown}");
    assert!(!shown.contains('\u{202e}'));
    assert!(
        shown.ends_with(&format!("| {}^", " ".repeat(23))),
        "{shown:?}"
    );
}

#[test]
fn the_version_is_read_from_the_top_without_a_full_parse_and_otherwise_by_one() {
    assert_eq!(leading_version("Plan(\n  format_version: 2,\n"), Some(2));
    assert_eq!(
        leading_version("// comment\n(format_version: 1, overview: ("),
        Some(1)
    );
    assert_eq!(
        leading_version("Plan(overview: (), format_version: 2)"),
        None
    );
    assert_eq!(leading_version("Plan(format_version: 2x,"), None);
    assert_eq!(leading_version("Plan(format_version: 99999999999,"), None);
    // A version that is not the first field is still found, by the full parse.
    let text = to_ron(&sample()).unwrap();
    let line = format!("  format_version: {FORMAT_VERSION},\n");
    let moved =
        text.replacen(&line, "", 1)
            .replacen("  people: [", &format!("{line}  people: ["), 1);
    assert_eq!(
        parse(&moved, Path::new("m")).unwrap(),
        parse(&text, Path::new("t")).unwrap()
    );
}

#[test]
fn residual_scores_are_written_bare_when_assessed_and_left_out_when_not() {
    let mut plan = crate::test_support::plan();
    let mut risk = crate::storage::parse(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/examples/northmere.plan.ron"
        ))
        .unwrap(),
        std::path::Path::new("northmere.plan.ron"),
    )
    .unwrap()
    .risks[0]
        .clone();
    assert!(
        risk.residual_likelihood.is_some(),
        "the example's risks are assessed"
    );
    plan.risks = vec![risk.clone()];
    let text = crate::storage::to_ron(&plan).unwrap();
    let bare = format!(
        "residual_likelihood: {},",
        risk.residual_likelihood.unwrap()
    );
    assert!(
        text.contains(&bare),
        "as before residual scores could be left out"
    );
    risk.residual_likelihood = None;
    risk.residual_impact = None;
    plan.risks = vec![risk];
    let text = crate::storage::to_ron(&plan).unwrap();
    assert!(!text.contains("residual_"), "not assessed: left out");
    let back = crate::storage::parse(&text, std::path::Path::new("p.plan.ron")).unwrap();
    assert_eq!(back.risks[0].residual_likelihood, None);
}
