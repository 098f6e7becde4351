//! The plan document's layout, checked as data: no PDF needed.

use super::*;
use crate::export::document::Item;
use crate::export::flow::{CONTENT_BOTTOM, CONTENT_TOP};
use crate::model::{
    ElectionType, Person, PersonId, Phone, PhoneKind, Responsibility, ResponsibilityId, Role,
};
use crate::test_support::valid_plan;

fn metrics() -> Metrics {
    Metrics::new().unwrap()
}

fn all_text(doc: &Document) -> String {
    doc.pages
        .iter()
        .map(Page::text)
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every text run in drawing order with nothing between them: a wrapped cell's lines come back
/// joined.
fn raw_text(doc: &Document) -> String {
    doc.pages
        .iter()
        .flat_map(|p| &p.items)
        .filter_map(|i| match i {
            Item::Text { text, .. } => Some(text.as_str()),
            _ => None,
        })
        .collect()
}

#[test]
fn chapters_come_in_spec_order_with_bookmarks() {
    let doc = layout(&valid_plan(), Profile::Full, &metrics());
    let titles: Vec<&str> = doc.outline.iter().map(|o| o.title.as_str()).collect();
    let mut expected = vec![
        "Cover".to_owned(),
        "Police quick reference".to_owned(),
        "Document control".to_owned(),
        "Contents".to_owned(),
    ];
    expected.extend(Section::ALL.iter().map(|s| chapter_title(*s)));
    expected.push("Annex A. Readiness".to_owned());
    assert_eq!(titles, expected);
    // Each bookmark's page starts with its heading.
    for entry in doc.outline.iter().skip(1).filter(|e| e.title != "Contents") {
        let text = doc.pages[entry.page].text();
        assert!(
            text.contains(&entry.title),
            "page {} should start {}:\n{text}",
            entry.page + 1,
            entry.title
        );
    }
}

#[test]
fn every_page_has_the_marking_top_and_bottom_the_title_version_and_page_n_of_m() {
    let plan = valid_plan();
    let doc = layout(&plan, Profile::Full, &metrics());
    let total = doc.pages.len();
    assert!(total > 15);
    for (i, page) in doc.pages.iter().enumerate() {
        let text = page.text();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines.first().copied(),
            Some("OFFICIAL-SENSITIVE"),
            "page {}",
            i + 1
        );
        assert_eq!(
            lines.last().copied(),
            Some("OFFICIAL-SENSITIVE"),
            "page {}",
            i + 1
        );
        assert!(
            text.contains(&format!("Page {} of {total}", i + 1)),
            "page {}",
            i + 1
        );
        assert!(text.contains("Version 1.1"), "page {}", i + 1);
        assert!(
            text.contains("Lowmoor District Council — election integrity"),
            "page {}",
            i + 1
        );
    }
}

#[test]
fn contents_page_numbers_are_where_chapters_start() {
    let doc = layout(&valid_plan(), Profile::Full, &metrics());
    let contents = doc.outline.iter().find(|o| o.title == "Contents").unwrap();
    let text = doc.pages[contents.page].text();
    for entry in doc
        .outline
        .iter()
        .filter(|e| e.title != "Contents" && e.title != "Cover")
    {
        let line = text
            .lines()
            .find(|l| l.starts_with(&entry.title))
            .unwrap_or_else(|| panic!("{} missing:\n{text}", entry.title));
        let number: usize = line.rsplit(' ').next().unwrap().parse().unwrap();
        assert_eq!(number, entry.page + 1, "{line}");
        assert!(doc.pages[number - 1].text().contains(&entry.title));
    }
}

fn person(name: &str) -> Person {
    Person {
        id: PersonId::new(),
        name: name.to_owned(),
        role: Role::PresidingOfficer,
        job_title: "Presiding officer".to_owned(),
        organisation: "Council".to_owned(),
        phones: vec![Phone {
            kind: PhoneKind::Mobile,
            number: "07700 900 000".to_owned(),
        }],
        email: String::new(),
        address: String::new(),
        out_of_hours_cover: None,
        handling: crate::model::Handling::FullCopyOnly,
    }
}

/// Asserts nothing is drawn outside the page's content area except the running header and footer.
fn assert_inside_margins(doc: &Document, m: &Metrics) {
    for (p, page) in doc.pages.iter().enumerate() {
        for item in &page.items {
            if let Item::Text {
                x,
                y,
                text,
                face,
                size,
                ..
            } = item
            {
                let w = m.width(text, *face, *size);
                assert!(
                    *x >= MARGIN - 0.01 && x + w <= MARGIN + CONTENT_W + 0.5,
                    "page {}: {text:?} at x {x} width {w}",
                    p + 1
                );
                let running = *y < CONTENT_TOP || *y > CONTENT_BOTTOM;
                if running {
                    // The handling line sits just above the footer rule, clear of the content.
                    let handling = *y >= crate::export::flow::HANDLING_BASELINE - 0.01;
                    assert!(
                        *y < 20.0 || *y > PAGE_H - 18.0 || handling,
                        "page {}: {text:?} at y {y} between content and header/footer",
                        p + 1
                    );
                }
            }
        }
    }
}

#[test]
fn a_500_row_table_and_a_10000_character_paragraph_break_cleanly() {
    let m = metrics();
    let mut plan = valid_plan();
    for i in 0..500 {
        plan.people.push(person(&format!("Officer-{i:03}")));
    }
    let long: String = (0..1_500).map(|i| format!("w{i:04} ")).collect::<String>();
    assert!(long.len() >= 9_000);
    let long = format!("{long}{}", "x".repeat(10_000 - long.len()));
    assert_eq!(long.chars().count(), 10_000);
    let lead = plan.people[0].id;
    plan.responsibilities.push(Responsibility {
        handling: crate::model::Handling::Both,
        id: ResponsibilityId::new(),
        task: "A task with very long notes".to_owned(),
        lead: Some(lead),
        support: vec![],
        informed: vec![],
        notes: long,
    });
    let doc = layout(&plan, Profile::Full, &m);
    assert_inside_margins(&doc, &m);
    let text = all_text(&doc);
    // Every row, once.
    for i in 0..500 {
        assert_eq!(
            text.matches(&format!("Officer-{i:03}")).count(),
            1,
            "row {i}"
        );
    }
    // The people table spans pages, and each page it is on starts with its header row.
    let people_pages: Vec<&Page> = doc
        .pages
        .iter()
        .filter(|p| p.text().contains("Officer-"))
        .collect();
    assert!(people_pages.len() >= 10);
    for page in &people_pages {
        assert!(
            page.text()
                .contains("Name and role Title and organisation Telephone and email Out of hours")
        );
    }
    // The long note comes back whole, in order, across pages: every word once, then the unbroken
    // run of x.
    let words: Vec<String> = text
        .split_whitespace()
        .filter(|w| {
            w.len() == 5 && w.starts_with('w') && w[1..].chars().all(|c| c.is_ascii_digit())
        })
        .map(str::to_owned)
        .collect();
    let expected: Vec<String> = (0..1_500).map(|i| format!("w{i:04}")).collect();
    assert_eq!(words, expected);
    let xs: usize = text
        .split_whitespace()
        .filter(|w| w.chars().all(|c| c == 'x'))
        .map(str::len)
        .sum();
    assert_eq!(xs, 10_000 - 1_500 * 6);
    let note_pages = doc.pages.iter().filter(|p| p.text().contains("w0")).count();
    assert!(note_pages >= 2, "the note spans pages");
}

#[test]
fn welsh_and_symbols_are_kept() {
    let mut plan = valid_plan();
    plan.overview.authority = "Cyngor Sir Ynys Môn — \
                               “Llŷr” ŵ ŷ â £12 – done"
        .to_owned();
    let doc = layout(&plan, Profile::Full, &metrics());
    assert!(all_text(&doc).contains("Cyngor Sir Ynys Môn — “Llŷr” ŵ ŷ â £12 – done"));
}

#[test]
fn redacted_copy_withholds_contact_details_and_candidate_data() {
    let plan = valid_plan();
    let full = raw_text(&layout(&plan, Profile::Full, &metrics()));
    let doc = layout(&plan, Profile::Redacted, &metrics());
    let redacted = raw_text(&doc);
    assert!(
        full.contains('@') && !redacted.contains('@'),
        "no email address at all in the redacted copy"
    );
    assert!(doc.pages[0].text().contains("Redacted copy"));
    for p in &plan.people {
        if !p.email.is_empty() {
            assert!(full.contains(&p.email));
            assert!(!redacted.contains(&p.email), "{} leaked", p.email);
        }
        for ph in &p.phones {
            assert!(full.contains(&ph.number));
            assert!(!redacted.contains(&ph.number), "{} leaked", ph.number);
        }
    }
    for c in &plan.candidate_data.candidates {
        assert!(
            !redacted.contains(&c.email)
                && !redacted.contains(&c.phone)
                && !redacted.contains(&c.address)
        );
    }
    for h in &plan.hotspots {
        assert!(!redacted.contains(&h.address), "{} leaked", h.address);
    }
    assert!(redacted.contains(WITHHELD));
}

#[test]
fn an_empty_plan_lays_out_and_shows_its_gaps() {
    let plan = Plan::empty(
        ElectionType::EnglishLocal,
        chrono::NaiveDate::from_ymd_opt(2027, 5, 6).unwrap(),
    );
    let doc = layout(&plan, Profile::Full, &metrics());
    let text = all_text(&doc);
    assert!(text.matches("Not yet provided").count() >= 10, "{text}");
    assert_eq!(doc.outline.len(), 4 + 15 + 1);
}

#[test]
fn layout_is_deterministic() {
    let plan = valid_plan();
    assert_eq!(
        layout(&plan, Profile::Full, &metrics()),
        layout(&plan, Profile::Full, &metrics())
    );
}

/// Text without whitespace, so a phrase wrapped across lines or cells still matches.
fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The document's text runs, without whitespace.
fn squeezed(doc: &Document) -> String {
    squeeze(&raw_text(doc))
}

/// A plan's contests under the given laws, everything else from the valid plan.
fn with_contests(laws: &[(ElectionType, crate::model::Nation)]) -> Plan {
    let mut plan = valid_plan();
    let poll = plan.overview.poll_date;
    plan.overview.contests = laws
        .iter()
        .map(|&(election, nation)| {
            let name = format!("{} contest", election.label());
            crate::law::contests::contest_under_law(&name, election, nation, poll)
        })
        .collect();
    plan.overview.election_type = laws[0].0;
    plan.overview.nation = laws[0].1;
    plan
}

#[test]
fn each_contest_is_printed_with_its_own_law_and_the_lead_officer() {
    use crate::model::Nation;
    let plan = with_contests(&[
        (ElectionType::EnglishLocal, Nation::England),
        (ElectionType::Mayor, Nation::England),
    ]);
    let doc = layout(&plan, Profile::Full, &metrics());
    let text = squeezed(&doc);
    assert!(text.contains(&squeeze("The law each contest follows")));
    assert!(text.contains(&squeeze("discharges the combined functions")));
    assert!(text.contains(&squeeze("officer for the English local elections")));
    assert!(text.contains(&squeeze("reg. 4(3)")));
    assert!(
        text.contains(&squeeze("s. 112A(3)")),
        "the offence and its exceptions"
    );
    assert!(text.contains(&squeeze("Mayoral election contest")));
}

#[test]
fn a_poll_outside_the_handing_in_law_is_told_nothing_of_it() {
    use crate::model::Nation;
    let plan = with_contests(&[(ElectionType::ScottishParliament, Nation::Scotland)]);
    let doc = layout(&plan, Profile::Full, &metrics());
    let text = squeezed(&doc);
    assert!(text.contains(&squeeze("No statutory limit")));
    assert!(
        !text.contains(&squeeze("s. 112A(1)")),
        "no campaigner offence at a Scottish Parliament poll"
    );
    assert!(text.contains(&squeeze("not close relatives")));
    assert!(text.contains(&squeeze("No voter ID")));
    assert!(
        text.contains(&squeeze(
            "no contest in this plan is under a law that sets this limit"
        )),
        "the valid plan's statutory indicator is said not to apply"
    );
}

#[test]
fn a_combined_poll_prints_each_contests_timetable_and_marks_differences() {
    use crate::model::Nation;
    let mut plan = with_contests(&[
        (ElectionType::EnglishLocal, Nation::England),
        (ElectionType::EnglishParish, Nation::England),
    ]);
    plan.overview.contests[1].poll_date = plan.overview.poll_date + chrono::Duration::days(21);
    let doc = layout(&plan, Profile::Full, &metrics());
    let text = squeezed(&doc);
    assert!(text.contains(&squeeze("Each contest's timetable")));
    assert!(text.contains(&squeeze("differs")));
    let single = layout(&valid_plan(), Profile::Full, &metrics());
    assert!(
        squeezed(&single).contains(&squeeze("Each contest's timetable")),
        "the valid plan's ward and parish contests follow two rule sets"
    );
}

#[test]
fn the_data_transfer_log_prints_each_transfers_article_6_and_9_grounds_in_both_copies() {
    for profile in [Profile::Full, Profile::Redacted] {
        let doc = layout(&valid_plan(), profile, &metrics());
        let text = squeezed(&doc);
        assert!(text.contains(&squeeze("Data transfer log")));
        assert!(text.contains(&squeeze("DPA 2018 Sch. 1 para. 10")));
        assert!(text.contains(&squeeze("Yes: it names sharing with the police FEOA")));
    }
    let mut plan = valid_plan();
    plan.candidate_data.transfers[0].special_category = None;
    let text = squeezed(&layout(&plan, Profile::Full, &metrics()));
    assert!(text.contains(&squeeze("Not recorded")));
}

#[test]
fn dates_read_as_the_editor_shows_them() {
    use crate::when::{display_date, display_short_date};
    let plan = valid_plan();
    let poll = plan.overview.poll_date;
    let doc = layout(&plan, Profile::Full, &metrics());
    let text = squeezed(&doc);
    // The cover and the overview: the weekday, the day, the month abbreviated, the year.
    let polling_day = squeeze(&format!("Polling day{}", display_date(poll)));
    assert!(text.contains(&polling_day), "{polling_day}");
    // Crowded registers drop the weekday, never the year.
    let transfer = plan.candidate_data.transfers[0].date;
    assert!(text.contains(&squeeze(&display_short_date(transfer))));
    // Neither the old long form nor ISO.
    assert!(!text.contains(&squeeze(&poll.format("%A %-d %B %Y").to_string())));
    assert!(!text.contains(&poll.format("%Y-%m-%d").to_string()));
}

#[test]
fn the_escalation_chapter_says_whom_to_call_by_time_with_numbers_only_in_the_full_copy() {
    let plan = valid_plan();
    let full = squeezed(&layout(&plan, Profile::Full, &metrics()));
    let redacted = squeezed(&layout(&plan, Profile::Redacted, &metrics()));
    let manager = plan.first_with_role(Role::CountManager).unwrap();
    let night = manager.phone_for(crate::model::Period::CountNight).unwrap();
    for text in [
        "Whom to call, by time",
        "If no answer: Raj Bains",
        "Polling-day control room, 01632 960 900",
        &format!("{}, {night}", manager.name),
    ] {
        assert!(full.contains(&squeeze(text)), "full copy lacks {text:?}");
    }
    assert!(redacted.contains(&squeeze("Whom to call, by time")));
    assert!(redacted.contains(&squeeze("If no answer: Raj Bains")));
    assert!(redacted.contains(&squeeze("Polling-day control room")));
    // A desk's own number is always withheld; a person's follows their handling mark.
    assert!(
        !redacted.contains(&squeeze("01632 960 900")),
        "the control room's line leaked"
    );
    assert_eq!(
        redacted.contains(&squeeze(night)),
        !manager.handling.withheld(),
        "the count manager's number follows their mark"
    );
}

#[test]
fn the_counts_security_is_gathered_in_one_section_and_its_detail_withheld_when_redacted() {
    let plan = valid_plan();
    let s = &plan.custody.count_security;
    let full = squeezed(&layout(&plan, Profile::Full, &metrics()));
    let redacted = squeezed(&layout(&plan, Profile::Redacted, &metrics()));
    let both = [
        "Security at the count",
        "Police attend the count",
        "before the first receipt at the count recorded in the custody log",
        s.declaration.as_str(),
    ];
    for text in both {
        assert!(full.contains(&squeeze(text)), "full copy lacks {text:?}");
        assert!(
            redacted.contains(&squeeze(text)),
            "redacted copy lacks {text:?}"
        );
    }
    let full_only = [
        s.police.officers.as_str(),
        s.search.arrangements.as_str(),
        s.passes.as_str(),
    ];
    for text in full_only {
        assert!(full.contains(&squeeze(text)), "full copy lacks {text:?}");
        assert!(!redacted.contains(&squeeze(text)), "{text:?} leaked");
    }
}

#[test]
fn a_plan_without_count_security_says_so() {
    let mut plan = valid_plan();
    plan.custody.count_security = Default::default();
    let doc = layout(&plan, Profile::Full, &metrics());
    let text = all_text(&doc);
    let at = text.find("Security at the count").unwrap();
    assert!(text[at..].contains("Not yet provided."), "the gap is shown");
}

/// Candidates' personal data is in neither copy: only the arrangement and numbers are printed.
#[test]
fn neither_copy_prints_a_candidates_personal_data() {
    let plan = valid_plan();
    assert!(!plan.candidate_data.candidates.is_empty());
    for profile in [Profile::Full, Profile::Redacted] {
        let doc = layout(&plan, profile, &metrics());
        let (raw, squeezed) = (raw_text(&doc), squeezed(&doc));
        for c in &plan.candidate_data.candidates {
            for detail in [&c.name, &c.address, &c.phone, &c.email] {
                assert!(
                    !raw.contains(detail.as_str()) && !squeezed.contains(&squeeze(detail)),
                    "{detail} printed in the {profile:?} copy"
                );
            }
        }
        let text = all_text(&doc);
        assert!(text.contains("Candidates recorded"), "{profile:?}");
        let first = &plan.overview.contests[0].name;
        assert!(
            squeeze(&text).contains(&squeeze(&format!("4 ({first}: 4"))),
            "the count per contest"
        );
        let text = squeezed;
        assert!(text.contains(&squeeze("Home address not public 1 of 4; the request")));
        assert!(text.contains(&squeeze("1 home address flagged not public")));
    }
}

/// Annex A is as at the date the plan holds, whatever the revisions say; with none set, it says so.
#[test]
fn the_readiness_annex_is_as_at_the_date_in_the_plan() {
    let mut plan = valid_plan();
    let date = NaiveDate::from_ymd_opt(2027, 3, 1).unwrap();
    assert_ne!(document_date(&plan), date);
    plan.overview.readiness_as_at = Some(date);
    let annex = |plan: &Plan| {
        let doc = layout(plan, Profile::Full, &metrics());
        let start = doc
            .outline
            .iter()
            .find(|o| o.title == "Annex A. Readiness")
            .unwrap()
            .page;
        squeeze(
            &doc.pages[start..]
                .iter()
                .map(Page::text)
                .collect::<String>(),
        )
    };
    assert!(annex(&plan).contains(&squeeze("checks as at Mon 1 Mar 2027")));
    plan.overview.readiness_as_at = None;
    let text = annex(&plan);
    assert!(
        text.contains(&squeeze("No date is set for this annex")),
        "{text}"
    );
    assert!(!text.contains(&squeeze("checks as at")));
}
