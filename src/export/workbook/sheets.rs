//! The workbook's sheets: each declares its columns and writes a row per entry of the copy.

use std::collections::{HashMap, HashSet};

use rust_xlsxwriter::Workbook;

use super::{Cell, Formats, Running, SHEETS, SHOWN, Table, WorkbookError, fit, sheet_setup};
use crate::export::Profile;
use crate::export::plan::{document_date, handling_line, level_fill, state_fill};
use crate::law::contests::statutory_limit;
use crate::model::redact::Redacted;
use crate::model::{CustodyEventId, CustodyItem, CustodyItemId, PersonId, PhoneKind, Plan};
use crate::when::display_short_date;

/// The first sheet: the marking in large type (headers and footers only show in print), what
/// the plan and this copy are, how to handle it, what it withholds and what the other sheets hold.
pub(super) fn about(
    book: &mut Workbook,
    copy: &Redacted,
    running: &Running,
    f: &Formats,
) -> Result<(), WorkbookError> {
    let plan = &copy.plan;
    let o = &plan.overview;
    let sheet = book.add_worksheet();
    sheet_setup(sheet, SHEETS[0], running)?;
    sheet.set_column_width(0, 24)?;
    sheet.set_column_width(1, 90)?;
    sheet.write_string_with_format(0, 0, o.marking.label(), &f.marking)?;
    let which = match copy.profile {
        Profile::Full => "Full copy, for the police SPOC and FEOA",
        Profile::Redacted => {
            "Redacted copy: people's contact details, candidates' details, referrals, withheld \
             venues and hotspots, security detail and every entry marked full copy only are \
             withheld"
        }
    };
    let mut row = 2;
    let mut pair = |label: &str, value: Cell<'_>| -> Result<(), WorkbookError> {
        sheet.write_string_with_format(row, 0, label, &f.label)?;
        match value {
            Cell::Date(d) => {
                sheet.write_datetime_with_format(row, 1, d, &f.date)?;
            }
            Cell::Wrapped(t) | Cell::Text(t) => {
                sheet.write_string_with_format(row, 1, fit(&t), &f.wrapped)?;
            }
            _ => {}
        }
        row += 1;
        Ok(())
    };
    pair("Plan", Cell::wrapped(o.title.as_str()))?;
    pair("Authority", Cell::wrapped(o.authority.as_str()))?;
    pair("Election", Cell::wrapped(o.election_type.label()))?;
    pair("Poll date", Cell::Date(o.poll_date))?;
    pair(
        "Version",
        Cell::wrapped(format!("{} ({})", o.version, o.status.label())),
    )?;
    pair("Dated", Cell::Date(document_date(plan)))?;
    pair("Protective marking", Cell::wrapped(o.marking.label()))?;
    pair("Copy", Cell::wrapped(which))?;
    pair("Handling", Cell::wrapped(handling_line(copy.profile)))?;
    for section in SHOWN {
        if let Some(note) = copy.withheld.note(section) {
            pair(section.label(), Cell::wrapped(note))?;
        }
    }
    pair(
        "Sheets",
        Cell::wrapped(format!(
            "{}. Each table's header row is frozen and filtered; dates are dates.",
            SHEETS[1..].join(", ")
        )),
    )?;
    Ok(())
}

/// Numbers of one kind, each once, in the order given.
fn numbers(plan_phones: &[crate::model::Phone], kind: PhoneKind) -> String {
    let mut seen: Vec<&str> = Vec::new();
    for p in plan_phones.iter().filter(|p| p.kind == kind) {
        let n = p.number.trim();
        if !n.is_empty() && !seen.contains(&n) {
            seen.push(n);
        }
    }
    seen.join("; ")
}

/// The contact directory (section 2): a row per person.
pub(super) fn contacts(
    book: &mut Workbook,
    plan: &Plan,
    running: &Running,
    f: &Formats,
) -> Result<(), WorkbookError> {
    let mut t = Table::begin(
        book.add_worksheet(),
        SHEETS[1],
        &[
            ("Name", 24.0),
            ("Role", 28.0),
            ("Job title", 26.0),
            ("Organisation", 28.0),
            ("Office", 16.0),
            ("Mobile", 16.0),
            ("Out of hours", 16.0),
            ("Email", 32.0),
            ("Address", 30.0),
            ("Out-of-hours cover", 24.0),
        ],
        running,
        f,
    )?;
    for p in &plan.people {
        t.row(&[
            Cell::text(p.name.as_str()),
            Cell::text(p.role.label()),
            Cell::text(p.job_title.as_str()),
            Cell::text(p.organisation.as_str()),
            Cell::text(numbers(&p.phones, PhoneKind::Office)),
            Cell::text(numbers(&p.phones, PhoneKind::Mobile)),
            Cell::text(numbers(&p.phones, PhoneKind::OutOfHours)),
            Cell::text(p.email.as_str()),
            Cell::wrapped(p.address.as_str()),
            match p.out_of_hours_cover {
                Some(_) => Cell::text(plan.person_name(p.out_of_hours_cover)),
                None => Cell::Empty,
            },
        ])?;
    }
    t.finish()
}

/// The division of responsibilities (section 3) as a matrix: a row per task, a column per person
/// it names (in directory order), each cell saying whether they lead, support or are informed.
pub(super) fn responsibilities(
    book: &mut Workbook,
    plan: &Plan,
    running: &Running,
    f: &Formats,
) -> Result<(), WorkbookError> {
    let named: HashSet<PersonId> = plan
        .responsibilities
        .iter()
        .flat_map(|r| r.lead.iter().chain(&r.support).chain(&r.informed))
        .copied()
        .collect();
    // Directory order, then anyone named who is not in the directory, as the tasks name them.
    let mut people: Vec<PersonId> = plan
        .people
        .iter()
        .map(|p| p.id)
        .filter(|id| named.contains(id))
        .collect();
    for r in &plan.responsibilities {
        for id in r.lead.iter().chain(&r.support).chain(&r.informed) {
            if !people.contains(id) {
                people.push(*id);
            }
        }
    }
    let mut columns: Vec<(String, f64)> = vec![("Task".to_owned(), 44.0)];
    columns.extend(
        people
            .iter()
            .map(|id| (plan.person_name(Some(*id)).to_owned(), 14.0)),
    );
    columns.push(("Notes".to_owned(), 40.0));
    let mut t = Table::begin(book.add_worksheet(), SHEETS[2], &columns, running, f)?;
    for r in &plan.responsibilities {
        let mut cells = vec![Cell::wrapped(r.task.as_str())];
        for id in &people {
            let mut parts = Vec::new();
            if r.lead == Some(*id) {
                parts.push("Lead");
            }
            if r.support.contains(id) {
                parts.push("Supports");
            }
            if r.informed.contains(id) {
                parts.push("Informed");
            }
            cells.push(Cell::text(parts.join(", ")));
        }
        cells.push(Cell::wrapped(r.notes.as_str()));
        t.row(&cells)?;
    }
    t.finish()
}

/// The risk register (section 9): highest score first, as the PDF lists it, with the same
/// references (R1 is the plan's first risk) and each score and level filled with its colour on
/// the PDF's heat map.
pub(super) fn risks(
    book: &mut Workbook,
    plan: &Plan,
    running: &Running,
    f: &Formats,
) -> Result<(), WorkbookError> {
    let mut t = Table::begin(
        book.add_worksheet(),
        SHEETS[3],
        &[
            ("Ref", 6.0),
            ("Risk", 34.0),
            ("Description", 44.0),
            ("Category", 18.0),
            ("Venue", 24.0),
            ("Owner", 22.0),
            ("Likelihood", 11.0),
            ("Impact", 9.0),
            ("Score", 8.0),
            ("Level", 11.0),
            ("Residual likelihood", 11.0),
            ("Residual impact", 10.0),
            ("Residual score", 10.0),
            ("Residual level", 11.0),
            ("Mitigations", 56.0),
            ("Status", 12.0),
            ("Next review", 13.0),
            ("Last reviewed", 13.0),
        ],
        running,
        f,
    )?;
    for (i, r) in crate::model::risk::by_score(&plan.risks) {
        let mitigations: Vec<String> = r
            .mitigations
            .iter()
            .map(|m| {
                let owner = match m.owner {
                    Some(_) => plan.person_name(m.owner),
                    None => "not assigned",
                };
                let due = m
                    .due
                    .map_or_else(String::new, |d| format!(", by {}", display_short_date(d)));
                let done = if m.done { " (done)" } else { "" };
                format!("• {} ({owner}{due}){done}", m.action)
            })
            .collect();
        let venue = r
            .venue
            .and_then(|v| plan.venue(v))
            .map_or("", |v| v.name.as_str());
        let rating = |x: Option<crate::model::Rating>| Cell::number(x.map(|x| f64::from(x.get())));
        let (residual_score, residual_level) = match r.residual_score() {
            Some(score) => (
                Cell::FilledNumber(f64::from(score), level_fill(r.residual_level())),
                Cell::Filled(
                    r.residual_level().label().into(),
                    level_fill(r.residual_level()),
                ),
            ),
            None => (Cell::Empty, Cell::text("Not assessed")),
        };
        t.row(&[
            Cell::text(format!("R{}", i + 1)),
            Cell::wrapped(r.title.as_str()),
            Cell::wrapped(r.description.as_str()),
            Cell::text(r.category.label()),
            Cell::text(venue),
            match r.owner {
                Some(_) => Cell::text(plan.person_name(r.owner)),
                None => Cell::Empty,
            },
            rating(Some(r.likelihood)),
            rating(Some(r.impact)),
            Cell::FilledNumber(f64::from(r.score()), level_fill(r.level())),
            Cell::Filled(r.level().label().into(), level_fill(r.level())),
            rating(r.residual_likelihood),
            rating(r.residual_impact),
            residual_score,
            residual_level,
            Cell::wrapped(mitigations.join("\n")),
            Cell::text(r.status.label()),
            Cell::date(r.next_review),
            Cell::date(r.reviews.iter().map(|v| v.date).max()),
        ])?;
    }
    t.finish()
}

/// The fraud indicators (section 7): levels as numbers, the law's limit where it sets one, and the
/// state filled with the PDF's colour for it.
pub(super) fn indicators(
    book: &mut Workbook,
    plan: &Plan,
    running: &Running,
    f: &Formats,
) -> Result<(), WorkbookError> {
    let mut t = Table::begin(
        book.add_worksheet(),
        SHEETS[4],
        &[
            ("Indicator", 30.0),
            ("Kind", 30.0),
            ("Measure", 44.0),
            ("Alert when", 12.0),
            ("Warning level", 10.0),
            ("Action level", 10.0),
            ("Statutory limit", 10.0),
            ("State", 10.0),
            ("Latest value", 10.0),
            ("Latest date", 13.0),
            ("Observations", 13.0),
            ("Owner", 22.0),
            ("Action when the action level is reached", 48.0),
        ],
        running,
        f,
    )?;
    for i in &plan.indicators {
        let limit = statutory_limit(&plan.overview.contests, i.kind);
        let state = i.state(limit);
        let latest = i.latest();
        t.row(&[
            Cell::wrapped(i.name.as_str()),
            Cell::text(i.kind.label()),
            Cell::wrapped(i.measure.as_str()),
            Cell::text(i.direction.label()),
            Cell::number(i.warning_level),
            Cell::number(i.action_level),
            Cell::number(limit),
            Cell::Filled(state.label().into(), state_fill(state)),
            Cell::number(latest.map(|o| o.value)),
            Cell::date(latest.map(|o| o.date)),
            Cell::Number(i.observations.len() as f64),
            match i.owner {
                Some(_) => Cell::text(plan.person_name(i.owner)),
                None => Cell::Empty,
            },
            Cell::wrapped(i.action.as_str()),
        ])?;
    }
    t.finish()
}

/// Every observation recorded against the indicators, indicator by indicator and by date, with
/// the state each value put its indicator in.
pub(super) fn observations(
    book: &mut Workbook,
    plan: &Plan,
    running: &Running,
    f: &Formats,
) -> Result<(), WorkbookError> {
    let mut t = Table::begin(
        book.add_worksheet(),
        SHEETS[5],
        &[
            ("Indicator", 30.0),
            ("Date", 13.0),
            ("Value", 10.0),
            ("State", 10.0),
            ("Note", 56.0),
            ("Recorded by", 22.0),
        ],
        running,
        f,
    )?;
    for i in &plan.indicators {
        let limit = statutory_limit(&plan.overview.contests, i.kind);
        let mut seen: Vec<&crate::model::Observation> = i.observations.iter().collect();
        seen.sort_by_key(|o| o.date);
        for o in seen {
            let state = i.state_of(o.value, limit);
            t.row(&[
                Cell::text(i.name.as_str()),
                Cell::Date(o.date),
                Cell::Number(o.value),
                Cell::Filled(state.label().into(), state_fill(state)),
                Cell::wrapped(o.note.as_str()),
                match o.recorded_by {
                    Some(_) => Cell::text(plan.person_name(o.recorded_by)),
                    None => Cell::Empty,
                },
            ])?;
        }
    }
    t.finish()
}

/// The custody log (section 12): every event of every log, in recorded order, written a row at a
/// time in constant-memory mode.
pub(super) fn custody_log(
    book: &mut Workbook,
    plan: &Plan,
    running: &Running,
    f: &Formats,
) -> Result<(), WorkbookError> {
    let c = &plan.custody;
    let items: HashMap<CustodyItemId, &CustodyItem> = c.items.iter().map(|i| (i.id, i)).collect();
    // Only the events something corrects need looking up.
    let corrected: HashSet<CustodyEventId> = c.events.iter().filter_map(|e| e.corrects).collect();
    let named: HashMap<CustodyEventId, String> = c
        .events
        .iter()
        .filter(|e| corrected.contains(&e.id))
        .map(|e| (e.id, format!("{} #{}", e.log, e.seq)))
        .collect();
    let mut t = Table::begin(
        book.add_worksheet_with_constant_memory()?,
        SHEETS[6],
        &[
            ("Log", 18.0),
            ("Event", 8.0),
            ("Time", 17.0),
            ("Item", 14.0),
            ("Item kind", 18.0),
            ("Stage", 24.0),
            ("Location", 28.0),
            ("Handed over by", 20.0),
            ("Received by", 20.0),
            ("Witness", 20.0),
            ("Seals seen", 22.0),
            ("Seals intact", 8.0),
            ("Notes", 40.0),
            ("Corrects", 16.0),
            ("Hash (SHA-256)", 68.0),
        ],
        running,
        f,
    )?;
    for e in &c.events {
        let item = items.get(&e.item);
        let corrects = e.corrects.map_or(Cell::Empty, |id| match named.get(&id) {
            Some(name) => Cell::text(name.as_str()),
            None => Cell::text(id.to_string()),
        });
        t.row(&[
            Cell::text(e.log.as_str()),
            Cell::Number(e.seq as f64),
            Cell::DateTime(e.at),
            item.map_or_else(
                || Cell::text(e.item.to_string()),
                |i| Cell::text(i.label.as_str()),
            ),
            item.map_or(Cell::Empty, |i| Cell::text(i.kind.label())),
            Cell::text(e.stage.label()),
            Cell::text(e.location.as_str()),
            Cell::text(e.from.as_str()),
            Cell::text(e.to.as_str()),
            Cell::text(e.witness.as_str()),
            Cell::text(e.seals_seen.join("; ")),
            Cell::text(if e.seals_intact { "Yes" } else { "No" }),
            Cell::text(e.notes.as_str()),
            corrects,
            Cell::text(e.hash.as_str()),
        ])?;
    }
    t.finish()
}
