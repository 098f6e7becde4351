//! The exported PDFs read back with poppler-utils and qpdf (installed by `.ci/run`): text, pages, fonts,
//! metadata, redaction and determinism.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed step should fail the test loudly

use std::path::Path;
use std::process::Command;

use integrity_planner::export::{self, Profile};
use integrity_planner::model::{
    ElectionType, Person, PersonId, Phone, PhoneKind, Plan, Responsibility, ResponsibilityId, Role,
    Section,
};
use integrity_planner::storage;

mod common;

use common::xlsx::Xlsx;

const EXAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/northmere.plan.ron");

fn example() -> Plan {
    storage::load(Path::new(EXAMPLE)).unwrap()
}

fn tool(name: &str, args: &[&str]) -> String {
    let out = Command::new(name).args(args).output().unwrap_or_else(|e| {
        panic!("{name} is needed for the PDF tests (apt-get install poppler-utils qpdf): {e}")
    });
    assert!(
        out.status.success(),
        "{name} {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A PDF written to a temporary file, with helpers that read it back.
struct Pdf {
    _dir: tempfile::TempDir,
    path: String,
    bytes: Vec<u8>,
}

impl Pdf {
    fn new(bytes: Vec<u8>) -> Pdf {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.pdf");
        std::fs::write(&path, &bytes).unwrap();
        Pdf {
            _dir: dir,
            path: path.to_string_lossy().into_owned(),
            bytes,
        }
    }

    fn pages(&self) -> usize {
        let info = tool("pdfinfo", &[&self.path]);
        info.lines()
            .find_map(|l| l.strip_prefix("Pages:"))
            .unwrap()
            .trim()
            .parse()
            .unwrap()
    }

    fn info(&self, key: &str) -> String {
        let info = tool("pdfinfo", &[&self.path]);
        info.lines()
            .find_map(|l| l.strip_prefix(&format!("{key}:")))
            .unwrap_or("")
            .trim()
            .to_owned()
    }

    fn text(&self) -> String {
        tool("pdftotext", &["-layout", &self.path, "-"])
    }

    fn page_text(&self, page: usize) -> String {
        let n = page.to_string();
        tool(
            "pdftotext",
            &["-layout", "-f", &n, "-l", &n, &self.path, "-"],
        )
    }

    fn check(&self) {
        let out = Command::new("qpdf")
            .args(["--check", &self.path])
            .output()
            .expect("qpdf is needed for the PDF tests");
        assert!(
            out.status.success(),
            "qpdf --check failed: {}",
            String::from_utf8_lossy(&out.stdout)
        );
        let report = String::from_utf8_lossy(&out.stdout);
        assert!(!report.contains("WARNING"), "{report}");
    }
}

fn plan_pdf(plan: &Plan, profile: Profile) -> Pdf {
    Pdf::new(export::plan_pdf(plan, profile).unwrap())
}

#[test]
fn the_examples_export_is_valid_with_embedded_subset_fonts_and_metadata() {
    let pdf = plan_pdf(&example(), Profile::Full);
    pdf.check();
    let fonts = tool("pdffonts", &[&pdf.path]);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(rows.len() >= 2, "{fonts}");
    for row in &rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        assert!(cols[0].contains('+'), "subset fonts carry a tag: {row}");
        assert_eq!(
            &cols[cols.len() - 5..cols.len() - 2],
            &["yes", "yes", "yes"],
            "embedded, subset, with Unicode: {row}"
        );
    }
    assert!(fonts.contains("NotoSans-Regular") && fonts.contains("NotoSans-Bold"));
    assert!(
        pdf.bytes.len() < 600_000,
        "subsetting keeps it small: {} bytes",
        pdf.bytes.len()
    );
    assert!(
        pdf.info("Title")
            .starts_with("Northmere Borough Council — election integrity")
    );
    assert_eq!(
        pdf.info("Author"),
        "Returning Officer, Northmere Borough Council"
    );
    assert!(pdf.info("Subject").contains("English local elections"));
    assert!(pdf.info("Page size").contains("A4"));
}

#[test]
fn chapters_in_order_marking_and_page_numbers_on_every_page_contents_true() {
    let pdf = plan_pdf(&example(), Profile::Full);
    let pages = pdf.pages();
    assert!(pages > 20);
    let texts: Vec<String> = (1..=pages).map(|p| pdf.page_text(p)).collect();
    for (i, text) in texts.iter().enumerate() {
        let lines: Vec<&str> = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        assert_eq!(
            lines.first().copied(),
            Some("OFFICIAL-SENSITIVE"),
            "page {} top",
            i + 1
        );
        assert_eq!(
            lines.last().copied(),
            Some("OFFICIAL-SENSITIVE"),
            "page {} bottom",
            i + 1
        );
        assert!(
            text.contains(&format!("Page {} of {pages}", i + 1)),
            "page {}",
            i + 1
        );
        assert!(text.contains("Version 1.3"), "page {}", i + 1);
    }
    // Chapter headings, in SPEC order, each on the page the contents gives.
    let contents = texts
        .iter()
        .position(|t| t.contains("Contents") && t.contains("1. Overview and document control"))
        .unwrap();
    let mut last_page = 0;
    for section in Section::ALL {
        let title = format!("{}. {}", section.number(), section.label());
        let line = texts[contents]
            .lines()
            .find(|l| l.trim_start().starts_with(&title))
            .unwrap_or_else(|| panic!("{title} not in contents"));
        let page: usize = line.split_whitespace().last().unwrap().parse().unwrap();
        assert!(page > last_page, "{title} comes after the previous chapter");
        let heading = texts[page - 1]
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty() && *l != "OFFICIAL-SENSITIVE" && !l.contains("Version 1.3"));
        assert_eq!(
            heading,
            Some(title.as_str()),
            "page {page} opens with its chapter"
        );
        last_page = page;
    }
    // The outline has a bookmark per chapter.
    let json = tool("qpdf", &["--json", "--json-key=outlines", &pdf.path]);
    for section in Section::ALL {
        assert!(
            json.contains(&format!("\"{}. {}\"", section.number(), section.label())),
            "bookmark for {section:?}"
        );
    }
}

#[test]
fn a_10000_character_paragraph_and_a_500_row_table_break_cleanly() {
    let mut plan = example();
    for i in 0..500 {
        plan.people.push(Person {
            id: PersonId::new(),
            name: format!("Clerk-{i:03}"),
            role: Role::PresidingOfficer,
            job_title: "Poll clerk".into(),
            organisation: "Council".into(),
            phones: vec![Phone {
                kind: PhoneKind::Mobile,
                number: "07700 900 999".into(),
            }],
            email: String::new(),
            address: String::new(),
            out_of_hours_cover: None,
            handling: integrity_planner::model::Handling::FullCopyOnly,
        });
    }
    let words: String = (0..1_000).map(|i| format!("word{i:04} ")).collect();
    let note = format!("{words}{}", "z".repeat(10_000 - words.len()));
    assert_eq!(note.len(), 10_000);
    let lead = plan.people[0].id;
    plan.responsibilities.insert(
        0,
        Responsibility {
            handling: integrity_planner::model::Handling::Both,
            id: ResponsibilityId::new(),
            task: "Long task".into(),
            lead: Some(lead),
            support: vec![],
            informed: vec![],
            notes: note,
        },
    );
    let pdf = plan_pdf(&plan, Profile::Full);
    pdf.check();
    let text = pdf.text();
    for i in 0..500 {
        assert_eq!(
            text.matches(&format!("Clerk-{i:03}")).count(),
            1,
            "row {i} once"
        );
    }
    let found: Vec<&str> = text
        .split_whitespace()
        .filter(|w| w.starts_with("word") && w.len() == 8)
        .collect();
    assert_eq!(found.len(), 1_000, "every word of the long note");
    assert!(found.windows(2).all(|w| w[0] < w[1]), "in order");
    // The people table repeats its header on every page it spans.
    let pages = pdf.pages();
    let table_pages: Vec<String> = (1..=pages)
        .map(|p| pdf.page_text(p))
        .filter(|t| t.contains("Clerk-"))
        .collect();
    assert!(table_pages.len() >= 10);
    assert!(
        table_pages
            .iter()
            .all(|t| t.contains("Name and role") && t.contains("Telephone and email"))
    );
}

#[test]
fn welsh_and_symbols_survive() {
    let mut plan = example();
    plan.overview.authority = "Cyngor Sir Ynys Môn".into();
    plan.people[0].name = "Siân Llŷr-ŵŷ".into();
    plan.overview.police_force = "Cost £12,000 – “quoted” ‘risk’ — é ö → ✓ ≤ 5".into();
    let pdf = plan_pdf(&plan, Profile::Full);
    pdf.check();
    let text = pdf.text();
    assert!(text.contains("Cyngor Sir Ynys Môn"));
    assert!(text.contains("Siân Llŷr-ŵŷ"));
    assert!(
        text.contains("Cost £12,000 – “quoted” ‘risk’ — é ö → ✓ ≤ 5"),
        "symbols come back:\n{}",
        text.lines()
            .filter(|l| l.contains("Cost"))
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn the_redacted_copy_holds_no_personal_contact_details() {
    let plan = example();
    let full = plan_pdf(&plan, Profile::Full).text();
    let pdf = plan_pdf(&plan, Profile::Redacted);
    pdf.check();
    let text = pdf.text();
    assert!(
        full.contains("07700"),
        "the full copy has the mobile numbers"
    );
    assert!(pdf.page_text(1).contains("Redacted copy"));
    // People marked full copy only: no number or email; the others' work details are shown.
    let (withheld, shown): (Vec<&Person>, Vec<&Person>) =
        plan.people.iter().partition(|p| p.handling.withheld());
    assert!(!withheld.is_empty() && !shown.is_empty());
    for p in withheld {
        for ph in &p.phones {
            assert!(!text.contains(&ph.number), "{} leaked", ph.number);
        }
        assert!(
            p.email.is_empty() || !text.contains(&p.email),
            "{} leaked",
            p.email
        );
    }
    for p in shown.iter().filter(|p| !p.email.is_empty()) {
        assert!(
            text.contains(&p.email),
            "{} is marked for both copies",
            p.email
        );
    }
    assert!(!text.contains("07700"), "no mobile number fragment");
    for c in &plan.candidate_data.candidates {
        assert!(!text.contains(&c.address), "{} leaked", c.address);
    }
    assert!(text.contains("withheld"));
}

/// What the full copy prints of the example's entries and fields marked full copy only: gathered
/// from the plan (the model's own list of withheld texts, and the text fields of every entry the
/// redacted copy leaves out), not a hand-written list.
fn full_copy_only_texts(plan: &Plan) -> Vec<String> {
    use integrity_planner::model::HotspotKind;
    use integrity_planner::model::redact::withheld_texts;
    let mut out: Vec<String> = withheld_texts(plan).into_iter().map(|t| t.text).collect();
    for h in &plan.hotspots {
        if h.handling.withheld() || h.kind == HotspotKind::Refuge {
            out.extend([
                h.name.clone(),
                h.address.clone(),
                h.concern.clone(),
                h.mitigation.clone(),
            ]);
        }
    }
    for r in plan
        .allegations
        .referrals
        .iter()
        .filter(|r| r.handling.withheld())
    {
        out.extend([
            r.summary.clone(),
            r.police_reference.clone(),
            r.outcome_note.clone(),
        ]);
        out.extend(r.evidence.iter().map(|e| e.description.clone()));
    }
    for v in &plan.venues.venues {
        if let Some(a) = v.assessment.as_ref().filter(|a| a.handling.withheld()) {
            out.push(a.summary.clone());
            out.extend(a.checks.iter().map(|c| c.note.clone()));
        }
    }
    for p in plan.people.iter().filter(|p| p.handling.withheld()) {
        out.extend(p.phones.iter().map(|ph| ph.number.clone()));
        out.extend([p.email.clone(), p.address.clone()]);
    }
    // Entries left out whole by their mark.
    for r in plan.risks.iter().filter(|r| r.handling.withheld()) {
        out.extend([r.title.clone(), r.description.clone()]);
    }
    for r in plan
        .responsibilities
        .iter()
        .filter(|r| r.handling.withheld())
    {
        out.extend([r.task.clone(), r.notes.clone()]);
    }
    for l in plan.communication.iter().filter(|l| l.handling.withheld()) {
        out.push(l.subject.clone());
    }
    for e in plan.events.iter().filter(|e| e.handling.withheld()) {
        out.push(e.name.clone());
    }
    for i in plan.indicators.iter().filter(|i| i.handling.withheld()) {
        out.extend([i.name.clone(), i.measure.clone(), i.action.clone()]);
    }
    let mut out: Vec<String> = out
        .into_iter()
        .map(|t| squeeze(&t))
        .filter(|t| t.chars().count() >= 8)
        .collect();
    out.sort();
    out.dedup();
    out
}

/// Text with every run of white space one space, so table cells wrapped over lines still match.
fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl Pdf {
    /// Everything the PDF says: its text in reading order, its bookmarks and its metadata.
    fn everything(&self) -> String {
        let text = tool("pdftotext", &["-raw", &self.path, "-"]);
        let outlines = tool("qpdf", &["--json", "--json-key=outlines", &self.path]);
        let info = tool("pdfinfo", &[&self.path]);
        squeeze(&format!("{text}\n{outlines}\n{info}"))
    }
}

/// Everything a calendar file says: its lines unfolded and its text values unescaped.
fn calendar_text(ics: &str) -> String {
    let unfolded = ics.replace("\r\n ", "");
    squeeze(
        &unfolded
            .replace("\\n", "\n")
            .replace("\\,", ",")
            .replace("\\;", ";")
            .replace("\\\\", "\\"),
    )
}

/// The one leak test for every redacted export: the PDF, the workbook and the calendar are each cut
/// by the model's `redact`, so none of them may hold what the example marks full copy only, while
/// each full copy shows some of it (so the test can fail).
#[test]
fn no_redacted_export_of_the_example_holds_anything_marked_full_copy_only() {
    use integrity_planner::export::calendar::{Previous, key_dates_ics};
    use integrity_planner::export::workbook::workbook;
    use integrity_planner::model::Handling;
    let mut plan = example();
    // Besides what the example marks (contact details, hotspots, referrals, assessments), entries
    // each export shows in the full copy: a risk and a task (the workbook), an event (the calendar)
    // and a line of communication.
    plan.risks[2].handling = Handling::FullCopyOnly;
    plan.responsibilities[2].handling = Handling::FullCopyOnly;
    plan.communication.last_mut().unwrap().handling = Handling::FullCopyOnly;
    let event = plan
        .events
        .iter_mut()
        .find(|e| e.name == "Postal vote opening session 2")
        .unwrap();
    event.handling = Handling::FullCopyOnly;
    let texts = full_copy_only_texts(&plan);
    assert!(texts.len() >= 20, "the example marks enough: {texts:?}");
    let full = plan_pdf(&plan, Profile::Full).everything();
    // Each text is printed in the full copy, so its absence below means something.
    let printed: Vec<&String> = texts.iter().filter(|t| full.contains(t.as_str())).collect();
    assert!(
        printed.len() * 10 >= texts.len() * 8,
        "most are found in the full copy: {:?}",
        texts
            .iter()
            .filter(|t| !full.contains(t.as_str()))
            .collect::<Vec<_>>()
    );
    assert!(full.contains("22 Lowther Street") && full.contains("Statements taken"));
    let pdf = plan_pdf(&plan, Profile::Redacted);
    pdf.check();
    let redacted = pdf.everything();
    for t in &texts {
        assert!(
            !redacted.contains(t.as_str()),
            "the redacted copy prints {t:?}"
        );
    }
    assert!(!redacted.contains("Lowther Street,") && !redacted.contains("22 Lowther Street"));
    assert!(!redacted.contains("Statements taken"));
    assert!(redacted.contains("Some entries are withheld from this copy"));
    assert!(redacted.contains("REDACTED COPY"));

    // The workbook (every cell of every sheet, headers, footers and properties) and the calendar.
    let book = |profile| Xlsx::new(workbook(&plan, profile).unwrap()).everything();
    let calendar = |profile| calendar_text(&key_dates_ics(&plan, profile, &Previous::default()));
    for (what, full, redacted, at_least) in [
        ("workbook", book(Profile::Full), book(Profile::Redacted), 20),
        (
            "calendar",
            calendar(Profile::Full),
            calendar(Profile::Redacted),
            1,
        ),
    ] {
        let shown: Vec<&String> = texts.iter().filter(|t| full.contains(t.as_str())).collect();
        assert!(
            shown.len() >= at_least,
            "the full {what} shows what the redacted one must not: {shown:?}"
        );
        for t in &texts {
            assert!(
                !redacted.contains(t.as_str()),
                "the redacted {what} holds {t:?}"
            );
        }
    }
}

#[test]
fn the_pdf_is_the_same_on_one_thread_as_on_two() {
    // Chapters are laid out, checks run and streams compressed in parallel: the bytes must not
    // depend on how many threads did it.
    let plan = example();
    let on = |threads: usize| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap()
            .install(|| {
                (
                    export::plan_pdf(&plan, Profile::Full).unwrap(),
                    export::plan_pdf(&plan, Profile::Redacted).unwrap(),
                )
            })
    };
    let (one, two) = (on(1), on(2));
    assert!(one == two, "one thread and two give different bytes");
}

#[test]
fn exports_are_byte_identical() {
    let plan = example();
    assert_eq!(
        export::plan_pdf(&plan, Profile::Full).unwrap(),
        export::plan_pdf(&plan, Profile::Full).unwrap()
    );
    assert_eq!(
        export::plan_pdf(&plan, Profile::Redacted).unwrap(),
        export::plan_pdf(&plan, Profile::Redacted).unwrap()
    );
    assert_ne!(
        export::plan_pdf(&plan, Profile::Full).unwrap(),
        export::plan_pdf(&plan, Profile::Redacted).unwrap()
    );
    // And across processes: two runs of the command line.
    let dir = tempfile::tempdir().unwrap();
    let run = |out: &str| {
        let o = Command::new(env!("CARGO_BIN_EXE_integrity-planner"))
            .args([
                "export",
                EXAMPLE,
                "-o",
                dir.path().join(out).to_str().unwrap(),
                "--no-record",
            ])
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        std::fs::read(dir.path().join(out)).unwrap()
    };
    assert_eq!(run("a.pdf"), run("b.pdf"));
}

#[test]
fn an_empty_new_plan_exports_and_shows_its_gaps() {
    let plan = Plan::empty(
        ElectionType::UkParliamentary,
        chrono::NaiveDate::from_ymd_opt(2029, 5, 3).unwrap(),
    );
    let pdf = plan_pdf(&plan, Profile::Full);
    pdf.check();
    assert!(pdf.text().matches("Not yet provided").count() >= 10);
}

#[test]
fn custody_sheets_have_a_page_per_station_with_its_items() {
    let plan = example();
    let pdf = Pdf::new(export::custody_sheets_pdf(&plan, Profile::Full).unwrap());
    pdf.check();
    let stations = plan
        .venues
        .venues
        .iter()
        .filter(|v| v.kind == integrity_planner::model::VenueKind::PollingStation)
        .count();
    let loose = plan
        .custody
        .items
        .iter()
        .filter(|i| i.polling_station.is_none())
        .count();
    assert_eq!(pdf.pages(), stations + loose);
    let text = pdf.text();
    for item in &plan.custody.items {
        assert!(text.contains(&item.label), "{} on its sheet", item.label);
        for seal in &item.expected_seals {
            assert!(text.contains(seal), "seal {seal}");
        }
    }
    let first = pdf.page_text(1);
    assert!(
        first.contains("Custody sheet:")
            && first.contains("Handed over")
            && first.contains("Receipt at"),
        "{first}"
    );
}

#[test]
fn the_redacted_custody_sheets_hold_nothing_marked_full_copy_only() {
    use integrity_planner::model::{Handling, VenueKind};
    let mut plan = example();
    // A station whose use is sensitive (a refuge's neighbour, say) is marked full copy only.
    let venue = plan
        .venues
        .venues
        .iter_mut()
        .find(|v| v.kind == VenueKind::PollingStation)
        .unwrap();
    venue.handling = Handling::FullCopyOnly;
    let (name, address) = (venue.name.clone(), squeeze(&venue.address));
    let texts = full_copy_only_texts(&plan);
    assert!(texts.contains(&name) && texts.contains(&address));
    let full = Pdf::new(export::custody_sheets_pdf(&plan, Profile::Full).unwrap());
    let full_text = full.everything();
    assert!(full_text.contains(&name) && full_text.contains(&address));
    assert!(full_text.contains("OFFICIAL-SENSITIVE"));
    let sheets = Pdf::new(export::custody_sheets_pdf(&plan, Profile::Redacted).unwrap());
    sheets.check();
    // The station still has its sheet (its items are counted against it), under the placeholder.
    assert_eq!(sheets.pages(), full.pages());
    let redacted = sheets.everything();
    for t in &texts {
        assert!(
            !redacted.contains(t.as_str()),
            "the redacted sheets print {t:?}"
        );
    }
    assert!(redacted.contains("Venue withheld from this copy"));
    assert!(redacted.contains("Redacted copy") && !redacted.contains("OFFICIAL-SENSITIVE"));
}

#[test]
fn the_heads_printed_in_the_pdf_check_the_plan_later() {
    use integrity_planner::custody::anchors;
    use integrity_planner::validate::{Context, Reference, validate};
    let plan = example();
    let pdf = plan_pdf(&plan, Profile::Full);
    // The rows of the heads table, as a reviewer copies them from the signed copy.
    let logs = anchors::heads(&plan.custody);
    let copied: String = pdf
        .text()
        .lines()
        .map(str::trim)
        .filter(|l| logs.iter().any(|h| l.starts_with(&format!("{} ", h.log))) && l.contains(" #"))
        .map(|l| format!("{l}\n"))
        .collect();
    let heads = anchors::parse_heads(&copied).unwrap();
    assert_eq!(heads.len(), logs.len(), "{copied}");
    let context = Context::on(plan.overview.poll_date).against(Reference {
        name: "the signed PDF".to_owned(),
        heads,
    });
    let reached = |p: &Plan| {
        !validate(p, &context)
            .iter()
            .any(|f| f.code.code() == "custody.reference-not-reached")
    };
    assert!(reached(&plan));
    let mut cut = plan;
    let newest = cut
        .custody
        .events
        .iter()
        .rposition(|e| e.log == logs[0].log)
        .unwrap();
    cut.custody.events.remove(newest);
    assert!(
        !reached(&cut),
        "a log cut short after the PDF was signed is found"
    );
}

#[test]
fn the_police_quick_reference_is_page_2_with_the_spoc_out_of_hours_numbers_and_the_ladder() {
    let plan = example();
    let pdf = plan_pdf(&plan, Profile::Full);
    // The quick reference: from page 2 to where document control begins.
    let text: String = (2..=6).map(|p| pdf.page_text(p)).collect();
    let text = text.split("Document control").next().unwrap().to_owned();
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    let heading = lines
        .iter()
        .find(|l| !l.is_empty() && **l != "OFFICIAL-SENSITIVE" && !l.contains("Version 1.3"));
    assert_eq!(heading, Some(&"Police quick reference"), "{text}");
    let spoc = plan.first_with_role(Role::PoliceSpoc).unwrap();
    assert!(text.contains(&spoc.name), "names the SPOC");
    let ro = plan.first_with_role(Role::ReturningOfficer).unwrap();
    let ooh = ro
        .phones
        .iter()
        .find(|p| p.kind == PhoneKind::OutOfHours)
        .expect("the example's RO has an out-of-hours number");
    assert!(text.contains(&ooh.number), "the RO's out-of-hours number");
    assert!(!plan.escalation.is_empty());
    for (n, level) in plan.escalation.iter().enumerate() {
        let first = level.name.split_whitespace().next().unwrap();
        assert!(
            text.contains(&format!("{}. {first}", n + 1)),
            "the ladder's level {}",
            level.name
        );
    }
    // Listed in the contents, on page 2.
    let contents = (1..=pdf.pages().min(12))
        .map(|p| pdf.page_text(p))
        .find(|t| t.contains("Contents") && t.contains("1. Overview and document control"))
        .unwrap();
    let line = contents
        .lines()
        .find(|l| l.trim_start().starts_with("Police quick reference"))
        .expect("in the contents");
    assert_eq!(line.split_whitespace().last(), Some("2"));
    // The redacted copy keeps the page but not the personal numbers.
    let redacted = plan_pdf(&plan, Profile::Redacted);
    let text: String = (2..=6).map(|p| redacted.page_text(p)).collect();
    let text = text.split("Document control").next().unwrap().to_owned();
    assert!(text.contains("Police quick reference"));
    assert!(!text.contains(&ooh.number), "{text}");
}

#[test]
fn a_numbered_copy_says_which_copy_it_is_and_each_agreement_what_changed_since() {
    let mut plan = example();
    let print = integrity_planner::model::Fingerprint::of(&plan);
    let spoc = plan
        .overview
        .distribution
        .iter()
        .position(|d| d.recipient == "Police election SPOC")
        .unwrap();
    let copy = plan.copy_for(
        integrity_planner::model::CopyKind::Full,
        Some(spoc),
        plan.overview.poll_date,
    );
    let number = format!(
        "Copy {} of {}",
        copy.copy_number.unwrap(),
        plan.full_copies()
    );
    let text = Pdf::new(export::issued_pdf(&plan, Profile::Full, Some(&copy)).unwrap()).text();
    assert!(text.contains(&number), "the cover says {number}");
    let pages = Pdf::new(export::issued_pdf(&plan, Profile::Full, Some(&copy)).unwrap()).pages();
    assert_eq!(
        text.matches(&format!("{number} · Page")).count(),
        pages,
        "and so does the foot of every page"
    );
    assert!(
        text.contains(print.short()),
        "the cover has the fingerprint"
    );
    assert!(text.contains("The plan has not changed since."));
    // The redacted copy is not numbered.
    let redacted = Pdf::new(export::issued_pdf(&plan, Profile::Redacted, Some(&copy)).unwrap());
    assert!(!redacted.text().contains(&format!("{number} · Page")));
    // An edit after the agreement is named in each agreement block.
    plan.escalation[0]
        .trigger
        .push_str(" or a threat made in person");
    let text = Pdf::new(export::plan_pdf(&plan, Profile::Full).unwrap()).text();
    assert!(
        text.contains("Changed since: Safety concerns and escalation."),
        "{text}"
    );
}

/// The example's candidates' personal data is in neither copy, read back from the PDF.
#[test]
fn neither_copy_of_the_example_prints_a_candidates_personal_data() {
    let plan = example();
    let candidates = &plan.candidate_data.candidates;
    assert!(candidates.len() > 10);
    for profile in [Profile::Full, Profile::Redacted] {
        let pdf = plan_pdf(&plan, profile);
        let text = pdf.text();
        let squeezed: String = text.split_whitespace().collect();
        for c in candidates {
            for detail in [&c.name, &c.address, &c.phone, &c.email] {
                let d: String = detail.split_whitespace().collect();
                assert!(
                    !text.contains(detail.as_str()) && !squeezed.contains(&d),
                    "{detail} printed in the {profile:?} copy"
                );
            }
        }
        assert!(text.contains("Candidates recorded"), "{profile:?}");
        assert!(text.contains(&format!("{} (", candidates.len())));
    }
}

/// The redacted copy states the agreements as the full copy does: it is cut from the agreed plan,
/// so the sections it withholds do not make the plan look changed.
#[test]
fn the_redacted_copy_reports_the_agreements_as_the_full_copy_does() {
    let plan = example();
    for profile in [Profile::Full, Profile::Redacted] {
        let text = plan_pdf(&plan, profile).text();
        assert!(
            text.contains("The plan has not changed since."),
            "{profile:?}"
        );
        assert!(!text.contains("Changed since:"), "{profile:?}");
    }
}
