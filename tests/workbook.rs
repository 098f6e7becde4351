//! The Excel workbook read back: its sheets and header rows, a row per entry of the plan, the
//! protective marking in every header and footer and in the document properties, text kept as
//! text, dates as dates, the heat map's colours, and byte-identical exports.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed step should fail the test loudly

mod common;

use std::path::Path;

use calamine::{Data, DataType as _};
use common::xlsx::Xlsx;
use integrity_planner::export::Profile;
use integrity_planner::export::flow::colour;
use integrity_planner::export::plan::level_fill;
use integrity_planner::export::workbook::{SHEETS, workbook};
use integrity_planner::model::redact::{WITHHELD, redact};
use integrity_planner::model::{Plan, RiskLevel};
use integrity_planner::storage;

use common::{EXAMPLE, code, run, stderr, stdout};

fn example() -> Plan {
    storage::load(Path::new(EXAMPLE)).unwrap()
}

fn xlsx(plan: &Plan, profile: Profile) -> Xlsx {
    Xlsx::new(workbook(plan, profile).unwrap())
}

/// The sheets that are tables, with the header each starts with.
const TABLES: [(&str, &[&str]); 6] = [
    (
        "Contacts",
        &[
            "Name",
            "Role",
            "Job title",
            "Organisation",
            "Office",
            "Mobile",
            "Out of hours",
            "Email",
        ],
    ),
    ("Responsibilities", &["Task"]),
    (
        "Risk register",
        &[
            "Ref",
            "Risk",
            "Description",
            "Category",
            "Venue",
            "Owner",
            "Likelihood",
            "Impact",
            "Score",
            "Level",
        ],
    ),
    (
        "Fraud indicators",
        &[
            "Indicator",
            "Kind",
            "Measure",
            "Alert when",
            "Warning level",
        ],
    ),
    ("Observations", &["Indicator", "Date", "Value", "State"]),
    (
        "Custody log",
        &[
            "Log",
            "Event",
            "Time",
            "Item",
            "Item kind",
            "Stage",
            "Location",
        ],
    ),
];

#[test]
fn the_example_reads_back_with_its_sheets_headers_and_a_row_per_entry() {
    let plan = example();
    let book = xlsx(&plan, Profile::Full);
    assert_eq!(book.sheet_names(), SHEETS);
    for (sheet, starts) in TABLES {
        let header = book.header(sheet);
        assert_eq!(&header[..starts.len()], starts, "{sheet}");
    }
    let rows = |sheet: &str| book.cells(sheet).height() - 1;
    assert_eq!(rows("Contacts"), plan.people.len());
    assert_eq!(rows("Responsibilities"), plan.responsibilities.len());
    assert_eq!(rows("Risk register"), plan.risks.len());
    assert_eq!(rows("Fraud indicators"), plan.indicators.len());
    let observations: usize = plan.indicators.iter().map(|i| i.observations.len()).sum();
    assert_eq!(rows("Observations"), observations);
    assert_eq!(rows("Custody log"), plan.custody.events.len());
    assert!(
        plan.custody.events.len() > 100,
        "the example has a real log"
    );

    // Contacts: the directory in order, numbers under their kind.
    let contacts = book.cells("Contacts");
    for (k, p) in plan.people.iter().enumerate() {
        let row = u32::try_from(k + 1).unwrap();
        assert_eq!(contacts.get_value((row, 0)).unwrap().to_string(), p.name);
        assert_eq!(
            contacts.get_value((row, 1)).unwrap().to_string(),
            p.role.label()
        );
        if let Some(mobile) = p
            .phones
            .iter()
            .find(|ph| ph.kind == integrity_planner::model::PhoneKind::Mobile)
        {
            let cell = contacts.get_value((row, 5)).unwrap().to_string();
            assert!(cell.contains(&mobile.number), "{cell}");
        }
    }

    // Responsibilities: a column per person the tasks name, and who leads each task.
    let matrix = book.cells("Responsibilities");
    let header = book.header("Responsibilities");
    assert_eq!(header.last().unwrap(), "Notes");
    for (k, r) in plan.responsibilities.iter().enumerate() {
        let row = u32::try_from(k + 1).unwrap();
        assert_eq!(matrix.get_value((row, 0)).unwrap().to_string(), r.task);
        if let Some(lead) = r.lead {
            let name = plan.person_name(Some(lead));
            let col = header.iter().position(|h| h == name).unwrap();
            let cell = matrix
                .get_value((row, u32::try_from(col).unwrap()))
                .unwrap()
                .to_string();
            assert!(cell.starts_with("Lead"), "{name} leads {}: {cell}", r.task);
        }
    }

    // The custody log: every event in recorded order, with its hash.
    let log = book.cells("Custody log");
    let hash_col = u32::try_from(book.header("Custody log").len() - 1).unwrap();
    for (k, e) in plan.custody.events.iter().enumerate() {
        let row = u32::try_from(k + 1).unwrap();
        assert_eq!(log.get_value((row, 0)).unwrap().to_string(), e.log);
        assert_eq!(
            log.get_value((row, 1)).unwrap().get_float(),
            Some(e.seq as f64)
        );
        assert_eq!(log.get_value((row, hash_col)).unwrap().to_string(), e.hash);
    }
}

#[test]
fn every_sheet_carries_the_marking_in_its_header_and_footer_and_the_properties_say_it() {
    let plan = example();
    for (profile, marking, copy) in [
        (Profile::Full, "OFFICIAL-SENSITIVE", "Full copy"),
        (Profile::Redacted, "OFFICIAL", "REDACTED COPY"),
    ] {
        let book = xlsx(&plan, profile);
        let running = book.headers_and_footers();
        assert_eq!(running.len(), SHEETS.len());
        let centre = format!("&C&\"-,Bold\"{marking}&");
        for (header, footer) in &running {
            assert!(header.contains(&centre), "{header}");
            assert!(footer.contains(&centre), "{footer}");
            assert!(header.ends_with(copy), "{header}");
            assert!(footer.contains("Page &P of &N"), "{footer}");
        }
        if profile == Profile::Redacted {
            assert!(
                running
                    .iter()
                    .all(|(h, f)| !h.contains("SENSITIVE") && !f.contains("SENSITIVE"))
            );
        }
        let core = book.part("docProps/core.xml");
        assert!(
            common::xlsx::element(&core, "cp:keywords").contains(marking),
            "{core}"
        );
        assert_eq!(common::xlsx::element(&core, "cp:category"), marking);
        let custom = book.part("docProps/custom.xml");
        assert!(
            custom.contains(&format!(
                "name=\"Protective marking\"><vt:lpwstr>{marking}</vt:lpwstr>"
            )),
            "{custom}"
        );
        // The marking is also the first thing on the first sheet (headers only show in print).
        let about = book.cells("About this copy");
        assert_eq!(about.get_value((0, 0)).unwrap().to_string(), marking);
        // Each table: the header row frozen, filtered and repeated on every printed page.
        for (n, xml) in book.sheet_parts().iter().enumerate().skip(1) {
            assert!(
                xml.contains(
                    r#"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#
                ),
                "{} is frozen",
                SHEETS[n]
            );
            assert!(
                xml.contains("<autoFilter ref=\"A1:"),
                "{} is filtered",
                SHEETS[n]
            );
        }
        let workbook_xml = book.part("xl/workbook.xml");
        assert_eq!(workbook_xml.matches("_xlnm._FilterDatabase").count(), 6);
        assert_eq!(workbook_xml.matches("_xlnm.Print_Titles").count(), 6);
    }
    // Created on the plan's document date, not today.
    let core = xlsx(&plan, Profile::Full).part("docProps/core.xml");
    let dated = integrity_planner::export::plan::document_date(&plan);
    assert_eq!(
        common::xlsx::element(&core, "dcterms:created"),
        format!("{dated}T00:00:00Z")
    );
}

#[test]
fn text_that_looks_like_a_formula_stays_text() {
    let mut plan = example();
    let tricks = [
        "=HYPERLINK(\"http://example.invalid/\",\"Click\")",
        "+44 1632 960000",
        "-1+2",
        "@SUM(A1:A9)",
    ];
    plan.risks[0].title = tricks[0].to_owned();
    plan.people[0].name = tricks[1].to_owned();
    plan.indicators[0].name = tricks[3].to_owned();
    plan.custody.events[0].notes = tricks[2].to_owned();
    let book = xlsx(&plan, Profile::Full);
    for sheet in SHEETS {
        let formulas = book.formulas(sheet);
        assert!(
            formulas.used_cells().all(|(_, _, f)| f.is_empty()),
            "{sheet} holds no formula"
        );
    }
    let all: Vec<Data> = SHEETS
        .iter()
        .flat_map(|s| {
            book.cells(s)
                .used_cells()
                .map(|(_, _, c)| c.clone())
                .collect::<Vec<_>>()
        })
        .collect();
    for t in tricks {
        assert!(
            all.contains(&Data::String(t.to_owned())),
            "{t} is written as a string"
        );
    }
}

#[test]
fn dates_are_date_cells_and_scores_are_numbers() {
    let plan = example();
    let book = xlsx(&plan, Profile::Full);
    let log = book.cells("Custody log");
    for (k, e) in plan.custody.events.iter().enumerate().take(50) {
        let cell = log.get_value((u32::try_from(k + 1).unwrap(), 2)).unwrap();
        assert!(matches!(cell, Data::DateTime(_)), "{cell:?}");
        assert_eq!(cell.as_datetime(), Some(e.at));
    }
    let risks = book.cells("Risk register");
    let header = book.header("Risk register");
    let col = |name: &str| u32::try_from(header.iter().position(|h| h == name).unwrap()).unwrap();
    let mut dated = 0;
    for row in 1..=u32::try_from(plan.risks.len()).unwrap() {
        let reference = risks.get_value((row, 0)).unwrap().to_string();
        let i: usize = reference.trim_start_matches('R').parse().unwrap();
        let r = &plan.risks[i - 1];
        assert_eq!(
            risks.get_value((row, col("Score"))).unwrap().get_float(),
            Some(f64::from(r.score()))
        );
        let review = risks.get_value((row, col("Next review"))).unwrap();
        match r.next_review {
            Some(d) => {
                assert!(matches!(review, Data::DateTime(_)), "{review:?}");
                assert_eq!(review.as_date(), Some(d));
                dated += 1;
            }
            None => assert_eq!(review, &Data::Empty),
        }
    }
    assert!(dated > 5);
    let observations = book.cells("Observations");
    assert!(matches!(
        observations.get_value((1, 1)).unwrap(),
        Data::DateTime(_)
    ));
}

#[test]
fn the_risk_register_is_coloured_as_the_heat_map() {
    let plan = example();
    let book = xlsx(&plan, Profile::Full);
    let styles = book.part("xl/styles.xml");
    let argb = |level: RiskLevel| {
        let c = level_fill(level);
        format!("rgb=\"FF{:02X}{:02X}{:02X}\"", c.0, c.1, c.2)
    };
    for r in &plan.risks {
        assert!(styles.contains(&argb(r.level())), "{:?}", r.level());
    }
    // The same colours the PDF's heat map uses, not a copy of them.
    assert_eq!(level_fill(RiskLevel::VeryHigh), colour::RED);
}

#[test]
fn exports_are_byte_identical_and_the_copies_differ() {
    let plan = example();
    let full = workbook(&plan, Profile::Full).unwrap();
    assert_eq!(full, workbook(&plan, Profile::Full).unwrap());
    let redacted = workbook(&plan, Profile::Redacted).unwrap();
    assert_eq!(redacted, workbook(&plan, Profile::Redacted).unwrap());
    assert_ne!(full, redacted);
    // And across processes: two runs of the command line.
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str| {
        let out = dir.path().join(name);
        let o = run(&["workbook", EXAMPLE, "-o", out.to_str().unwrap()]);
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        assert!(stdout(&o).contains("(full copy; "), "{}", stdout(&o));
        std::fs::read(out).unwrap()
    };
    assert_eq!(write("a.xlsx"), write("b.xlsx"));
    assert_eq!(write("c.xlsx"), full);
}

#[test]
fn the_redacted_workbook_shows_the_redacted_plan() {
    let plan = example();
    let shown = redact(&plan, Profile::Redacted).plan;
    let book = xlsx(&plan, Profile::Redacted);
    let rows = |sheet: &str| book.cells(sheet).height() - 1;
    assert_eq!(rows("Contacts"), shown.people.len());
    assert_eq!(rows("Responsibilities"), shown.responsibilities.len());
    assert_eq!(rows("Risk register"), shown.risks.len());
    assert_eq!(rows("Fraud indicators"), shown.indicators.len());
    assert_eq!(rows("Custody log"), shown.custody.events.len());
    // Withheld people keep their name and role; their numbers and email are the placeholder.
    let contacts = book.cells("Contacts");
    let mut masked = 0;
    for (k, p) in plan.people.iter().enumerate() {
        let row = u32::try_from(k + 1).unwrap();
        assert_eq!(contacts.get_value((row, 0)).unwrap().to_string(), p.name);
        let email = contacts.get_value((row, 7)).unwrap().to_string();
        if p.handling.withheld() && !p.email.is_empty() {
            assert_eq!(email, WITHHELD);
            masked += 1;
        } else {
            assert_eq!(email, p.email);
        }
    }
    assert!(masked > 5);
    // The first sheet says what is withheld, in the PDF's words.
    let about: Vec<String> = book
        .cells("About this copy")
        .used_cells()
        .map(|(_, _, c)| c.to_string())
        .collect();
    let note = redact(&plan, Profile::Redacted)
        .withheld
        .note(integrity_planner::model::Section::People)
        .unwrap();
    assert!(about.contains(&note), "{about:?}");
}

#[test]
fn the_command_line_refuses_to_write_over_the_plan() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("p.plan.ron");
    std::fs::copy(EXAMPLE, &plan).unwrap();
    let before = std::fs::read(&plan).unwrap();
    let o = run(&[
        "workbook",
        plan.to_str().unwrap(),
        "-o",
        plan.to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(stderr(&o).starts_with("error: "), "{}", stderr(&o));
    assert_eq!(std::fs::read(&plan).unwrap(), before);
    // The redacted copy from the command line is the library's.
    let out = dir.path().join("r.xlsx");
    let o = run(&[
        "workbook",
        plan.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--profile",
        "redacted",
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(
        std::fs::read(&out).unwrap(),
        workbook(&example(), Profile::Redacted).unwrap()
    );
}
