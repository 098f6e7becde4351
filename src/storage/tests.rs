use std::path::Path;

use chrono::NaiveDate;

use super::*;
use crate::model::{ElectionType, Person, PersonId, Phone, PhoneKind, Role};

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
        personal_data: true,
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

#[test]
fn save_is_atomic_and_keeps_a_backup() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.plan.ron");
    let mut plan = sample();
    save(&plan, &path).unwrap();
    assert!(
        !backup_path(&path).exists(),
        "no backup of a file that did not exist"
    );
    let first = std::fs::read_to_string(&path).unwrap();
    plan.overview.version = "0.2".to_owned();
    save(&plan, &path).unwrap();
    assert_eq!(std::fs::read_to_string(backup_path(&path)).unwrap(), first);
    assert_eq!(load(&path).unwrap(), plan);
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "temporary files left behind: {leftovers:?}"
    );
}

#[test]
fn a_failed_save_leaves_the_previous_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("missing-folder").join("plan.plan.ron");
    let err = save(&sample(), &path).unwrap_err();
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
    let future = text.replacen("format_version: 2", "format_version: 99", 1);
    let err = parse(&future, Path::new("f")).unwrap_err();
    assert!(
        matches!(
            err,
            LoadError::NewerVersion {
                found: 99,
                supported: 2,
                ..
            }
        ),
        "{err:?}"
    );
    assert!(err.to_string().contains("newer"));
    let zero = text.replacen("format_version: 2", "format_version: 0", 1);
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
fn excerpt_points_at_the_column() {
    let shown = excerpt("abc\n  def: x\n", 2, 8);
    assert!(shown.contains("2 |   def: x"), "{shown}");
    assert!(shown.ends_with("|        ^"), "{shown:?}");
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
    let moved = text.replacen("  format_version: 2,\n", "", 1).replacen(
        "  people: [",
        "  format_version: 2,\n  people: [",
        1,
    );
    assert_eq!(
        parse(&moved, Path::new("m")).unwrap(),
        parse(&text, Path::new("t")).unwrap()
    );
}
