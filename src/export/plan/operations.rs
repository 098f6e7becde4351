//! Chapters 12–15 and the readiness annex: custody, venues, allegations, key dates.

use std::collections::BTreeMap;

use super::Ctx;
use super::monitoring::level_fill;
use crate::custody::{self, checks};
use crate::export::document::Face;
use crate::export::flow::{Cell, Flow, Table, colour};
use crate::model::{
    COURT_ONLY_SOURCE, CustodyStage, ItemKind, Journey, MeasureStatus, Period,
    PoliceAttendanceDecision, Section, VenueKind,
};
use crate::timetable::{TimelineKind, timeline};
use crate::validate::{CopyFindings, Severity};
use crate::when::{display_date, display_date_time, display_short_date};

pub(super) fn custody(ctx: &Ctx<'_>, flow: &mut Flow<'_>) {
    let plan = ctx.plan;
    let c = &plan.custody;
    printer(ctx, flow);
    flow.heading("Custody stages and who is responsible");
    if c.stages.is_empty() {
        flow.not_provided();
    } else {
        stage_tables(ctx, flow);
    }
    count_security(ctx, flow);
    flow.heading("Custody log summary");
    let deadline = c
        .count_receipt_deadline
        .map_or_else(|| "Not set".to_owned(), display_date_time);
    let timelines = checks::timelines(c);
    let expected: Vec<_> = c.items.iter().filter(|i| i.expected_at_count).collect();
    let received = expected
        .iter()
        .filter(|i| {
            timelines
                .get(&i.id)
                .is_some_and(|e| checks::received_at_count(e).is_some())
        })
        .count();
    let mut kinds: BTreeMap<ItemKind, usize> = BTreeMap::new();
    for i in &c.items {
        *kinds.entry(i.kind).or_default() += 1;
    }
    let kinds_text = kinds
        .iter()
        .map(|(k, n)| format!("{n} × {}", k.label().to_lowercase()))
        .collect::<Vec<_>>()
        .join(", ");
    flow.key_values(&[
        (
            "Items tracked",
            if c.items.is_empty() {
                String::new()
            } else {
                kinds_text
            },
        ),
        ("Events recorded", c.events.len().to_string()),
        (
            "Receipt at the count",
            format!(
                "{received} of {} items expected at the count received; deadline {deadline}",
                expected.len()
            ),
        ),
    ]);
    if !c.events.is_empty() {
        flow.paragraph(
            "Each log is a hash chain; the head below fixes its content at the date of this \
             document. A log that is later changed, shortened or reordered will no longer reach \
             this head. To check the plan against this page later, copy each row as a line \
             \u{2014} log, event number, and at least the first two groups of the hash \u{2014} \
             into a text file and run integrity-planner check PLAN --against FILE.",
        );
        let mut last_at: BTreeMap<&str, chrono::NaiveDateTime> = BTreeMap::new();
        for e in &c.events {
            let last = last_at.entry(e.log.as_str()).or_insert(e.at);
            *last = (*last).max(e.at);
        }
        let mut t = Table::new(&[
            ("Log", 2.2),
            ("Event", 1.0),
            ("Last recorded", 2.5),
            ("Head hash (SHA-256)", 6.1),
        ]);
        for head in custody::anchors::heads(c) {
            let last = last_at
                .get(head.log.as_str())
                .map_or_else(String::new, |d| display_date_time(*d));
            t.row(vec![
                Cell::bold(&head.log),
                Cell::new(format!("#{}", head.seq)),
                Cell::new(last),
                Cell::new(custody::anchors::grouped(&head.hash)),
            ]);
        }
        flow.table(&t);
        let mut t = Table::new(&[("Journey", 2.6), ("Stage reached", 3.0), ("Items", 1.0)]);
        let mut furthest: BTreeMap<(Journey, usize, CustodyStage), usize> = BTreeMap::new();
        for item in &c.items {
            let journey = item.kind.journey();
            let reached = timelines.get(&item.id).and_then(|events| {
                events
                    .iter()
                    .filter_map(|e| e.stage.order(journey).map(|o| (o, e.stage)))
                    .max()
            });
            if let Some((order, stage)) = reached {
                *furthest.entry((journey, order, stage)).or_default() += 1;
            }
        }
        for ((journey, _, stage), n) in furthest {
            t.row(vec![
                Cell::new(journey.label()),
                Cell::new(stage.label()),
                Cell::new(n.to_string()),
            ]);
        }
        flow.table(&t);
        // Anomalies as at the last recorded event, so the document does not depend on when it was
        // printed.
        let as_at = c.events.iter().map(|e| e.at).max().unwrap_or_default();
        let anomalies = custody::anomalies(c, as_at);
        flow.heading("Custody anomalies");
        if anomalies.is_empty() {
            flow.paragraph(&format!("None found as at {}.", display_date_time(as_at)));
        } else {
            let items: Vec<String> = anomalies.iter().map(|a| a.message.clone()).collect();
            flow.list(&items, false);
        }
    }
}

/// The count's security in one place. A redacted copy says whether the police attend and that the
/// search was signed off, and withholds who attends and when, how the venue is searched and how
/// passes work.
fn count_security(ctx: &Ctx<'_>, flow: &mut Flow<'_>) {
    let plan = ctx.plan;
    let s = &plan.custody.count_security;
    flow.heading("Security at the count");
    if s.is_empty() {
        flow.not_provided();
        return;
    }
    let withheld = || super::WITHHELD.to_owned();
    let or_none = |text: &str| {
        if text.trim().is_empty() {
            "Not recorded".to_owned()
        } else {
            text.trim().to_owned()
        }
    };
    let police = &s.police;
    let mut rows: Vec<(&str, String)> = vec![("Police attendance", police.decision.label().into())];
    if police.decision == PoliceAttendanceDecision::Attending {
        let times = match (police.from, police.to) {
            (Some(from), Some(to)) => {
                format!("{} to {}", display_date_time(from), display_date_time(to))
            }
            (Some(from), None) => format!("From {}", display_date_time(from)),
            (None, Some(to)) => format!("Until {}", display_date_time(to)),
            (None, None) => "Not recorded".to_owned(),
        };
        let contact = police.contact.and_then(|id| plan.person(id)).map_or_else(
            || "Not recorded".to_owned(),
            |p| {
                let number = p.phone_for(Period::CountNight).unwrap_or("no number");
                format!("{}, {}", p.name, number)
            },
        );
        if police.officers == super::WITHHELD {
            rows.push(("Officers and times", withheld()));
        } else {
            rows.push(("Officers attending", or_none(&police.officers)));
            rows.push(("Present", times));
        }
        rows.push(("Police contact at the count", contact));
    }
    if !police.notes.trim().is_empty() {
        rows.push(("Police arrangements", police.notes.trim().to_owned()));
    }
    let search = &s.search;
    rows.push(("Search of the venue", or_none(&search.arrangements)));
    let first = plan.first_arrival_at_count();
    let signed = match (search.signed_off_by, search.signed_off_at) {
        (Some(by), Some(at)) => {
            let mut text = format!("By {} at {}", ctx.name(Some(by)), display_date_time(at));
            if let Some(f) = &first {
                let relation = if at < f.at { "before" } else { "NOT before" };
                text.push_str(&format!(
                    " \u{2014} {relation} {} ({})",
                    f.what,
                    display_date_time(f.at)
                ));
            }
            text
        }
        _ => "Not yet signed off".to_owned(),
    };
    rows.push(("Search signed off", signed));
    rows.push(("Passes and accreditation", or_none(&s.passes)));
    rows.push(("Declaration", or_none(&s.declaration)));
    flow.key_values(&rows);
}

/// The ballot paper printer and the assurance held on it. The redacted copy keeps the supplier, the
/// dates and the counts, and withholds the security detail (controls, insurance, live papers,
/// delivery, overs and spoilt papers, visit findings).
fn printer(ctx: &Ctx<'_>, flow: &mut Flow<'_>) {
    let p = &ctx.plan.custody.printer;
    flow.heading("Ballot paper printer");
    if p.name.trim().is_empty() {
        flow.not_provided();
        return;
    }
    // The redacted copy's security detail is already the placeholder (see `model::redact`).
    let detail = |text: &str| text.to_owned();
    let unannounced = p.visits.iter().filter(|v| v.unannounced).count();
    let visits = match p.visits.len() {
        0 => "None recorded".to_owned(),
        n => format!(
            "{n} visit{} ({unannounced} unannounced)",
            if n == 1 { "" } else { "s" }
        ),
    };
    let proofs = match (p.proof_signed_off, p.proof_signed_off_by) {
        (None, _) => "Not recorded".to_owned(),
        (Some(d), by) => format!("{} by {}", display_date(d), ctx.name(by)),
    };
    flow.key_values(&[
        ("Supplier", p.name.clone()),
        ("Contact", p.contact.clone()),
        ("Security controls", detail(&p.security_controls)),
        ("Insurance", detail(&p.insurance)),
        ("Monitoring visits", visits),
        ("Final proofs signed off", proofs),
        ("Overs and spoilt papers", detail(&p.overs_and_spoilt)),
        (
            "Live papers (once the official mark is printed)",
            detail(&p.live_papers),
        ),
        ("Secure delivery", detail(&p.secure_delivery)),
        (
            "Reviewed with the police",
            p.reviewed_with_police
                .map_or_else(|| "Not yet".to_owned(), display_date),
        ),
    ]);
    if p.visits.is_empty() {
        return;
    }
    let mut visits: Vec<_> = p.visits.iter().collect();
    visits.sort_by_key(|v| v.date);
    let mut t = Table::new(&[
        ("Date", 1.9),
        ("Notice", 2.1),
        ("By", 2.4),
        ("Findings", 5.5),
    ]);
    for v in visits {
        t.row(vec![
            Cell::new(display_short_date(v.date)),
            if v.unannounced {
                Cell::bold("Unannounced")
            } else {
                Cell::new("Announced")
            },
            Cell::new(ctx.name(v.by)),
            Cell::new(detail(&v.findings)),
        ]);
    }
    flow.table(&t);
}

/// The stage arrangements, one table per journey: polling-station papers and boxes in full, then
/// the stages postal votes and statutory packets have of their own, saying which they share.
fn stage_tables(ctx: &Ctx<'_>, flow: &mut Flow<'_>) {
    let c = &ctx.plan.custody;
    let mut shown: Vec<CustodyStage> = Vec::new();
    for journey in Journey::ALL {
        let own: Vec<CustodyStage> = journey
            .stages()
            .iter()
            .copied()
            .filter(|s| !shown.contains(s))
            .collect();
        let shared: Vec<&str> = journey
            .stages()
            .iter()
            .filter(|s| shown.contains(s))
            .map(|s| s.label())
            .collect();
        flow.paragraph_styled(journey.label(), Face::Bold, 10.5, colour::NAVY, 0.0);
        if !shared.is_empty() {
            flow.paragraph(&format!(
                "Shares with the journeys above: {}.",
                shared.join(", ").to_lowercase()
            ));
        }
        let mut t = Table::new(&[
            ("Stage", 2.2),
            ("Responsible", 2.2),
            ("How they are secured", 7.0),
        ]);
        for stage in &own {
            let Some(s) = c.stages.iter().find(|s| s.stage == *stage) else {
                t.row(vec![
                    Cell::bold(stage.label()),
                    Cell::bold("Not covered").coloured(colour::GAP),
                    Cell::new(""),
                ]);
                continue;
            };
            let who = match s.responsible {
                Some(id) => Cell::new(ctx.name(Some(id))),
                None => Cell::bold("Nobody assigned").coloured(colour::GAP),
            };
            t.row(vec![
                Cell::bold(stage.label()),
                who,
                Cell::new(s.arrangements.clone()),
            ]);
        }
        flow.table(&t);
        if *journey == Journey::StatutoryPacket {
            flow.paragraph(&format!(
                "A packet of counted, rejected or tendered ballot papers, completed corresponding \
                 number lists or certificates as to employment is opened only under a court’s \
                 order, and the planner refuses to record it as opened ({COURT_ONLY_SOURCE})."
            ));
        }
        shown.extend(own);
    }
}

pub(super) fn venues(ctx: &Ctx<'_>, flow: &mut Flow<'_>) {
    let plan = ctx.plan;
    let v = &plan.venues;
    flow.heading("Security checklist");
    if v.checklist.is_empty() {
        flow.not_provided();
    } else {
        let mut t = Table::new(&[
            ("Measure", 3.0),
            ("What it involves", 6.0),
            ("Applies to", 2.6),
        ]);
        for m in &v.checklist {
            let applies = m
                .applies_to
                .iter()
                .map(|k| k.label())
                .collect::<Vec<_>>()
                .join(", ");
            t.row(vec![
                Cell::bold(m.title.clone()),
                Cell::new(m.guidance.clone()),
                Cell::new(applies),
            ]);
        }
        flow.table(&t);
    }
    flow.heading("Venues and their assessments");
    if v.venues.is_empty() {
        flow.not_provided();
        return;
    }
    let mut venues: Vec<_> = v.venues.iter().collect();
    venues.sort_by_key(|x| {
        (
            x.kind != VenueKind::CountVenue,
            x.kind,
            x.station_number,
            x.name.clone(),
        )
    });
    let mut t = Table::new(&[
        ("Venue", 3.4),
        ("Use", 1.8),
        ("Assessed", 2.3),
        ("Measures", 1.6),
        ("Findings", 4.7),
    ]);
    for venue in venues {
        let name = match (venue.station_number, venue.polling_district.trim()) {
            (Some(n), d) if !d.is_empty() => format!("{}\nStation {n}, district {d}", venue.name),
            _ => venue.name.clone(),
        };
        let (assessed, measures, findings) = match &venue.assessment {
            None => (
                Cell::bold("Never assessed").coloured(colour::GAP),
                Cell::new("—"),
                Cell::new(""),
            ),
            // The assessment is withheld from this copy: when and by whom only.
            Some(a) if a.checks.is_empty() && a.summary == super::WITHHELD => (
                Cell::new(format!(
                    "{}\n{}",
                    display_date(a.assessed_on),
                    ctx.name(a.assessed_by)
                )),
                Cell::new("—"),
                Cell::new(super::WITHHELD),
            ),
            Some(a) => {
                let applicable = a
                    .checks
                    .iter()
                    .filter(|c| c.status != MeasureStatus::NotApplicable)
                    .count();
                let in_place = a
                    .checks
                    .iter()
                    .filter(|c| c.status == MeasureStatus::InPlace)
                    .count();
                let mut notes: Vec<String> = a
                    .checks
                    .iter()
                    .filter(|c| {
                        matches!(c.status, MeasureStatus::NotInPlace | MeasureStatus::Planned)
                    })
                    .map(|c| {
                        let title = v
                            .checklist
                            .iter()
                            .find(|m| m.id == c.measure)
                            .map_or("(unknown measure)", |m| m.title.as_str());
                        let note = if c.note.trim().is_empty() {
                            String::new()
                        } else {
                            format!(": {}", c.note.trim())
                        };
                        format!("{} — {}{note}", title, c.status.label().to_lowercase())
                    })
                    .collect();
                if !a.summary.trim().is_empty() {
                    notes.insert(0, a.summary.clone());
                }
                let fill = if in_place == applicable {
                    colour::GREEN
                } else {
                    colour::AMBER
                };
                (
                    Cell::new(format!(
                        "{}\n{}",
                        display_date(a.assessed_on),
                        ctx.name(a.assessed_by)
                    )),
                    Cell::bold(format!("{in_place} of {applicable} in place")).filled(fill),
                    Cell::new(notes.join("\n")),
                )
            }
        };
        t.row(vec![
            Cell::bold(name),
            Cell::new(venue.kind.label()),
            assessed,
            measures,
            findings,
        ]);
    }
    flow.table(&t);
}

pub(super) fn allegations(ctx: &Ctx<'_>, flow: &mut Flow<'_>) {
    let a = &ctx.plan.allegations;
    flow.key_values(&[(
        "Police contact for referrals",
        a.police_contact
            .map(|id| ctx.name(Some(id)))
            .unwrap_or_default(),
    )]);
    flow.heading("Referring an allegation to the police");
    let route: Vec<String> = a
        .referral_route
        .iter()
        .filter(|s| !s.trim().is_empty())
        .cloned()
        .collect();
    if route.is_empty() {
        flow.not_provided();
    } else {
        flow.list(&route, true);
    }
    flow.heading("Preserving evidence");
    let steps: Vec<String> = a
        .evidence_procedure
        .iter()
        .filter(|s| !s.trim().is_empty())
        .cloned()
        .collect();
    if steps.is_empty() {
        flow.not_provided();
    } else {
        flow.list(&steps, true);
    }
    flow.heading("Referral log");
    if a.referrals.is_empty() {
        flow.paragraph(if ctx.withheld.of(Section::Allegations).removed > 0 {
            "The referral log is withheld from this copy."
        } else {
            "No allegations have been referred."
        });
        return;
    }
    let mut t = Table::new(&[
        ("Date", 1.75),
        ("Allegation", 3.75),
        ("Referred by", 1.8),
        ("Police ref.", 1.6),
        ("Evidence", 2.6),
        ("Outcome", 2.6),
    ]);
    let mut referrals: Vec<_> = a.referrals.iter().collect();
    referrals.sort_by_key(|r| r.date);
    for r in referrals {
        let evidence = if r.evidence.is_empty() {
            "None".to_owned()
        } else {
            r.evidence
                .iter()
                .map(|e| format!("{} (bag {})", e.description, e.seal_number))
                .collect::<Vec<_>>()
                .join("\n")
        };
        let outcome = if r.outcome_note.trim().is_empty() {
            r.outcome.label().to_owned()
        } else {
            format!("{}: {}", r.outcome.label(), r.outcome_note)
        };
        t.row(vec![
            Cell::new(display_short_date(r.date)),
            Cell::new(r.summary.clone()),
            Cell::new(ctx.name(r.referred_by)),
            Cell::new(r.police_reference.clone()),
            Cell::new(evidence),
            Cell::new(outcome),
        ]);
    }
    flow.table(&t);
}

pub(super) fn key_dates(ctx: &Ctx<'_>, flow: &mut Flow<'_>) {
    let plan = ctx.plan;
    let entries = match timeline(plan) {
        Ok(entries) => entries,
        Err(e) => {
            flow.paragraph(&format!("The statutory timetable cannot be computed: {e}."));
            return;
        }
    };
    flow.paragraph(&format!(
        "The statutory timetable for a poll in {} on {}, each deadline counted in working days in \
         the calendar its own rule sets (weekends, Christmas Eve and Christmas Day, Good Friday, \
         bank holidays and any days of thanksgiving or mourning passed over; registration in the \
         elector's own nation's calendar), with the plan's reviews, events, local milestones and \
         communication check-ins placed on it.",
        plan.overview.nation.label(),
        display_date(plan.overview.poll_date)
    ));
    if let Ok(t) = crate::timetable::compute(&crate::timetable::Request::for_plan(plan)) {
        flow.paragraph(&format!(
            "Rules applied: {}. Bank holidays: {}.",
            t.rules.instruments.join("; "),
            t.holidays
        ));
        for note in &t.notes {
            flow.paragraph(note);
        }
    }
    contest_timetables(plan, flow);
    let mut t = Table::new(&[("Date", 2.0), ("Time", 0.9), ("", 1.6), ("What", 7.0)]);
    let mut last_date = None;
    for e in entries {
        // The date once per day: later entries on the same day leave it blank.
        let date = if last_date == Some(e.date) {
            String::new()
        } else {
            display_date(e.date)
        };
        last_date = Some(e.date);
        let time = e
            .time
            .map_or_else(String::new, |t| t.format("%H:%M").to_string());
        let (kind, bold) = match e.kind {
            TimelineKind::Statutory(_) => (Cell::bold("Statutory").filled(colour::ZEBRA), true),
            TimelineKind::Review(_) => (Cell::bold("Plan review").filled(colour::AMBER), true),
            TimelineKind::Event(_) => (Cell::new("Event").filled(colour::GREEN), false),
            TimelineKind::Local => (Cell::new("Local"), false),
            TimelineKind::CheckIn(_) => (Cell::new("Check-in").coloured(colour::MUTED), false),
        };
        let what = if bold {
            Cell::bold(e.label)
        } else {
            Cell::new(e.label)
        };
        t.row(vec![Cell::new(date), Cell::new(time), kind, what]);
    }
    flow.table(&t);
}

/// A combined poll's contests side by side, one column per timetable, rows where the dates differ
/// marked.
fn contest_timetables(plan: &crate::model::Plan, flow: &mut Flow<'_>) {
    let tables = crate::timetable::contest_timetables(plan);
    if !tables.is_combined() {
        return;
    }
    flow.heading("Each contest's timetable");
    flow.paragraph(tables.summary());
    let headers: Vec<String> = tables
        .columns
        .iter()
        .map(|c| {
            let names = c.contest_names();
            format!(
                "{} ({}, {}): {names}",
                c.election.label(),
                c.nation.label(),
                display_date(c.poll)
            )
        })
        .collect();
    let share = 8.0 / headers.len() as f32;
    let mut columns: Vec<(&str, f32)> = vec![("Milestone", 3.0)];
    columns.extend(headers.iter().map(|h| (h.as_str(), share)));
    columns.push(("", 1.3));
    let mut t = Table::new(&columns);
    for row in &tables.rows {
        let mut cells = vec![Cell::bold(row.milestone.label())];
        for cell in &row.cells {
            cells.push(match cell {
                Some((date, time)) => {
                    let text = match time {
                        Some(t) => display_date_time(date.and_time(*t)),
                        None => display_date(*date),
                    };
                    if row.differs {
                        Cell::bold(text)
                    } else {
                        Cell::new(text)
                    }
                }
                None => Cell::new("—").coloured(colour::MUTED),
            });
        }
        cells.push(if row.differs {
            Cell::bold("differs").filled(colour::AMBER)
        } else {
            Cell::new("")
        });
        t.row(cells);
    }
    flow.table(&t);
    for c in &tables.columns {
        if let Err(e) = &c.timetable {
            flow.paragraph(&format!(
                "{} in {} on {}: the timetable cannot be computed: {e}.",
                c.election.label(),
                c.nation.label(),
                display_date(c.poll)
            ));
        }
    }
}

/// Every validation finding as at the date the plan holds for this annex, so a reviewer sees what
/// was outstanding then; `None` when the plan holds no such date.
pub(super) fn readiness(ctx: &Ctx<'_>, copy: Option<&CopyFindings>, flow: &mut Flow<'_>) {
    let (Some(copy), Some(as_at)) = (copy, ctx.plan.overview.readiness_as_at) else {
        flow.paragraph(
            "No date is set for this annex, so the planner's checks are not listed. Set \
             \u{201c}Readiness annex as at\u{201d} in section 1 (Overview) and export again.",
        );
        return;
    };
    let findings = &copy.shown;
    let errors = findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    flow.paragraph(&format!(
        "The planner's checks as at {}: {errors} error{} and {} warning{}. Errors are matters to \
         resolve before the plan is agreed; warnings are matters a reviewer may ask about.",
        display_date(as_at),
        if errors == 1 { "" } else { "s" },
        findings.len() - errors,
        if findings.len() - errors == 1 {
            ""
        } else {
            "s"
        },
    ));
    if copy.withheld > 0 {
        flow.paragraph(
            "Some findings concern entries withheld from this copy; the full copy lists them.",
        );
    }
    if findings.is_empty() {
        return;
    }
    let mut t = Table::new(&[("Section", 2.6), ("", 1.2), ("Finding", 8.0)]);
    for f in findings {
        let severity = match f.severity {
            Severity::Error => {
                Cell::bold("Error").filled(level_fill(crate::model::RiskLevel::VeryHigh))
            }
            Severity::Warning => Cell::bold("Warning").filled(colour::AMBER),
        };
        t.row(vec![
            Cell::new(format!("{}. {}", f.section.number(), f.section.label())),
            severity,
            Cell::new(f.message.clone()),
        ]);
    }
    flow.table(&t);
}
