//! Section 12: ballot security and custody — built for a busy count hall: type or scan a label, the
//! seals and who received it, press Enter.

mod entry;
mod items;
mod keys;

use std::collections::{HashMap, HashSet};

use egui::{RichText, Ui};
use uuid::Uuid;

use super::moment;
use crate::custody::checks;
use crate::model::{Custody, CustodyEvent, CustodyEventId, CustodyItem, CustodyItemId, Plan};
use crate::model::{CustodyStage, Journey, MonitoringVisit, Section, StageArrangement};
use crate::ui::edits::Edits;
use crate::ui::form::{Form, Whole};
use crate::ui::list::{List, Row};
use crate::ui::screen::{ListScreen, Parts, Tabbed, View};
use crate::ui::tokens;
use crate::validate::Severity;

const S: Section = Section::Custody;

crate::ui::screen::parts! {
    QuickEntry => "Quick entry",
    Items => "Items and timelines",
    Log => "Custody log",
    Arrangements => "Stages and arrangements",
    Security => "Count security",
    Printer => "Printer",
}

/// Each item's standing events in time order, as positions in the log. Rebuilt when the plan
/// changes other than by appending events; extended, item by item, when events are only appended (a
/// count hall's case), so an arrival never rebuilds every timeline.
#[derive(Default)]
pub struct Timelines {
    key: Option<u64>,
    /// How many events the timelines cover, and the last of them.
    covered: usize,
    last_id: Option<CustodyEventId>,
    by_item: HashMap<CustodyItemId, Vec<usize>>,
    /// Items that have reached the count.
    received: HashSet<CustodyItemId>,
}

impl Timelines {
    fn refresh(&mut self, key: u64, custody: &Custody) {
        if self.key == Some(key) {
            return;
        }
        let events = &custody.events;
        let prefix_kept =
            self.covered == 0 || events.get(self.covered - 1).map(|e| e.id) == self.last_id;
        let appended = self.key.is_some()
            && events.len() > self.covered
            && prefix_kept
            && events[self.covered..].iter().all(|e| e.corrects.is_none());
        if appended {
            self.extend(custody);
        } else {
            self.rebuild(custody);
        }
        self.covered = events.len();
        self.last_id = events.last().map(|e| e.id);
        self.key = Some(key);
    }

    fn rebuild(&mut self, custody: &Custody) {
        let position: HashMap<CustodyEventId, usize> = custody
            .events
            .iter()
            .enumerate()
            .map(|(i, e)| (e.id, i))
            .collect();
        let timelines = checks::timelines(custody);
        self.received = timelines
            .iter()
            .filter(|(_, events)| checks::received_at_count(events).is_some())
            .map(|(item, _)| *item)
            .collect();
        self.by_item = timelines
            .into_iter()
            .map(|(item, events)| {
                let at = events.iter().filter_map(|e| position.get(&e.id).copied());
                (item, at.collect())
            })
            .collect();
    }

    /// Adds new events (none a correction) to their items' timelines, in time order.
    fn extend(&mut self, custody: &Custody) {
        let events = &custody.events;
        for i in self.covered..events.len() {
            let e = &events[i];
            let line = self.by_item.entry(e.item).or_default();
            let key = |x: &CustodyEvent| (x.at, x.log.clone(), x.seq);
            let at = line.partition_point(|&j| key(&events[j]) <= key(e));
            line.insert(at, i);
            if checks::received_at_count(&[e]).is_some() {
                self.received.insert(e.item);
            }
        }
    }

    fn events<'a>(&self, custody: &'a Custody, item: CustodyItemId) -> Vec<&'a CustodyEvent> {
        self.by_item
            .get(&item)
            .map(|v| v.iter().filter_map(|&i| custody.events.get(i)).collect())
            .unwrap_or_default()
    }

    fn last<'a>(&self, custody: &'a Custody, item: CustodyItemId) -> Option<&'a CustodyEvent> {
        self.by_item
            .get(&item)
            .and_then(|v| v.last())
            .and_then(|&i| custody.events.get(i))
    }

    fn received(&self, item: CustodyItemId) -> bool {
        self.received.contains(&item)
    }
}

/// The custody screen.
pub type Screen = Tabbed<CustodyParts>;

/// The custody screen's parts and what they share: the timelines, the entry being written.
#[derive(Default)]
pub struct CustodyParts {
    items: ListScreen<items::Items>,
    log: List,
    entry: entry::Entry,
    timelines: Timelines,
    /// A part asked for another (a correction goes to quick entry).
    go_to: Option<Tab>,
}

impl Parts for CustodyParts {
    type Tab = Tab;
    const SECTION: Section = S;
    const LIST_TAB: Tab = Tab::Items;

    /// Progress at the count, above every part.
    fn before(&mut self, tab: &mut Tab, ui: &mut Ui, view: &View<'_>) {
        if let Some(next) = self.go_to.take() {
            *tab = next;
        }
        let plan = view.plan;
        // A focused event selects its item.
        if let Some(sel) = self.items.list.selected
            && let Some(e) = plan.custody.events.iter().find(|e| e.id.0 == sel)
        {
            self.items.list.selected = Some(e.item.0);
        }
        self.timelines.refresh(view.revision, &plan.custody);
        progress(ui, view, &self.timelines);
    }

    fn part(&mut self, tab: Tab, ui: &mut Ui, view: &View<'_>, edits: &mut Edits) {
        match tab {
            Tab::QuickEntry => {
                self.entry.show(ui, view, edits, &self.timelines);
                ui.add_space(8.0);
                anomalies(ui, view);
            }
            Tab::Items => {
                self.items.decl.timelines = Some(std::mem::take(&mut self.timelines));
                self.items.show(ui, view, edits);
                self.timelines = self.items.decl.timelines.take().unwrap_or_default();
                if let Some((label, e)) = self.items.decl.correct.take() {
                    self.entry = entry::Entry::correcting(&self.entry, &label, &e);
                    self.go_to = Some(Tab::QuickEntry);
                }
            }
            Tab::Log => self.log(ui, view),
            Tab::Arrangements => arrangements(ui, view, edits),
            Tab::Security => count_security(ui, view, edits),
            Tab::Printer => printer(ui, view, edits),
        }
    }

    fn list(&mut self, tab: Tab) -> &mut List {
        match tab {
            Tab::Log => &mut self.log,
            _ => &mut self.items.list,
        }
    }

    /// Shows the item, or the item of the event, with this id.
    fn focus(&mut self, id: Uuid) -> Option<Tab> {
        self.items.list.select(id);
        self.log.selected = Some(id);
        Some(Tab::Items)
    }
}

impl CustodyParts {
    /// Every recorded event, as recorded: append-only, so the list offers neither add nor remove.
    fn log(&mut self, ui: &mut Ui, view: &View<'_>) {
        let plan = view.plan;
        let labels: HashMap<CustodyItemId, &str> = plan
            .custody
            .items
            .iter()
            .map(|i| (i.id, i.label.as_str()))
            .collect();
        ui.label(
            "Every recorded event, as recorded. Each log is a hash chain: a change to a recorded \
             event is reported by the checks. Recorded events are never changed or removed: a \
             correction is a new event.",
        );
        self.log.set_rows(view.revision, || {
            let row = |e: &CustodyEvent| Row {
                id: e.id.0,
                cells: vec![
                    moment(e.at),
                    labels.get(&e.item).copied().unwrap_or("?").to_owned(),
                    e.stage.label().to_owned(),
                    e.from.clone(),
                    e.to.clone(),
                    e.seals_seen.join(", "),
                    format!("{} #{}", e.log, e.seq),
                ],
                tint: (!e.seals_intact).then_some(tokens::BAD),
            };
            plan.custody.events.iter().map(row).collect()
        });
        self.log.filter_box(ui, "events");
        if plan.custody.events.is_empty() {
            ui.weak("No custody events are recorded yet. Use Quick entry to record one.");
            return;
        }
        let columns = [
            ("When", 190.0),
            ("Item", 80.0),
            ("Stage", 150.0),
            ("From", 160.0),
            ("To", 160.0),
            ("Seals", 170.0),
            ("Log", 150.0),
        ];
        let height = ui.available_height();
        self.log.table(ui, "table-events", &columns, height);
    }
}

/// Boxes received at the count against those expected.
fn progress(ui: &mut Ui, view: &View<'_>, timelines: &Timelines) {
    let c = &view.plan.custody;
    let expected: Vec<&CustodyItem> = c.items.iter().filter(|i| i.expected_at_count).collect();
    if expected.is_empty() {
        return;
    }
    let received = expected.iter().filter(|i| timelines.received(i.id)).count();
    let fraction = received as f32 / expected.len() as f32;
    let deadline = c.count_receipt_deadline.map_or_else(
        || "no deadline set".to_owned(),
        |d| format!("deadline {}", d.format("%H:%M on %-d %B")),
    );
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new("Received at the count").strong());
        ui.add(
            egui::ProgressBar::new(fraction)
                .text(format!("{received} of {} ({deadline})", expected.len()))
                .desired_width(420.0),
        );
    });
}

/// The custody findings, each taking you to its item.
fn anomalies(ui: &mut Ui, view: &View<'_>) {
    let custody: Vec<_> = view
        .findings
        .iter()
        .filter(|f| f.section == S && f.code.code().starts_with("custody.") && f.entity.is_some())
        .collect();
    ui.heading(format!("Anomalies ({})", custody.len()));
    if custody.is_empty() {
        ui.label("No gaps, seal mismatches, late boxes or tampering found.");
        return;
    }
    egui::ScrollArea::vertical()
        .id_salt("anomalies")
        .max_height(220.0)
        .show(ui, |ui| {
            for f in custody.iter().take(300) {
                let colour = if f.severity == Severity::Error {
                    ui.visuals().error_fg_color
                } else {
                    ui.visuals().warn_fg_color
                };
                ui.colored_label(colour, &f.message);
            }
        });
}

/// The deadline for everything to reach the count, and who is responsible for each stage and how.
fn arrangements(ui: &mut Ui, view: &View<'_>, edits: &mut Edits) {
    let plan = view.plan;
    egui::ScrollArea::vertical()
        .id_salt("arrangements")
        .show(ui, |ui| {
            Form::show(ui, edits, (S, Whole), "deadline", false, |form| {
                let by = plan.custody.count_receipt_deadline;
                form.date_time("Everything at the count by", by, |p, v| {
                    p.custody.count_receipt_deadline = v;
                });
            });
            // One group per journey; a stage two journeys share is shown under the first.
            let mut shown: Vec<CustodyStage> = Vec::new();
            for journey in Journey::ALL {
                ui.add_space(8.0);
                ui.heading(journey.label());
                for stage in journey.stages() {
                    if shown.contains(stage) {
                        continue;
                    }
                    shown.push(*stage);
                    egui::Frame::group(ui.style()).show(ui, |ui| {
                        stage_arrangement(ui, plan, edits, *stage);
                    });
                }
            }
        });
}

/// The ballot paper printer and the assurance held on it, with its monitoring visits.
fn printer(ui: &mut Ui, view: &View<'_>, edits: &mut Edits) {
    let plan = view.plan;
    let p = &plan.custody.printer;
    egui::ScrollArea::vertical()
        .id_salt("printer")
        .show(ui, |ui| {
            ui.label(
                "The Electoral Commission asks that ballot paper security be reviewed with the \
             police: the printer's controls and insurance, visits to the works (some \
             unannounced), the sign-off of proofs, overs and spoilt papers, live papers once the \
             official mark is printed, and secure delivery.",
            );
            Form::show(ui, edits, (S, Whole), "printer", false, |form| {
                form.text("Printer", &p.name, |pl, v| pl.custody.printer.name = v);
                form.text("Printer contact", &p.contact, |pl, v| {
                    pl.custody.printer.contact = v;
                });
                form.multiline("Security controls", &p.security_controls, |pl, v| {
                    pl.custody.printer.security_controls = v;
                });
                form.multiline("Insurance", &p.insurance, |pl, v| {
                    pl.custody.printer.insurance = v;
                });
                form.date(
                    "Final proofs signed off",
                    p.proof_signed_off,
                    true,
                    |pl, v| {
                        pl.custody.printer.proof_signed_off = v;
                    },
                );
                let by = p.proof_signed_off_by;
                form.person("Proofs signed off by", by, &plan.people, |pl, v| {
                    pl.custody.printer.proof_signed_off_by = v;
                });
                form.multiline("Overs and spoilt papers", &p.overs_and_spoilt, |pl, v| {
                    pl.custody.printer.overs_and_spoilt = v;
                });
                form.multiline("Live papers", &p.live_papers, |pl, v| {
                    pl.custody.printer.live_papers = v;
                });
                form.multiline("Secure delivery", &p.secure_delivery, |pl, v| {
                    pl.custody.printer.secure_delivery = v;
                });
                let reviewed = p.reviewed_with_police;
                form.date("Reviewed with the police", reviewed, true, |pl, v| {
                    pl.custody.printer.reviewed_with_police = v;
                });
            });
            ui.add_space(8.0);
            ui.heading("Monitoring visits");
            if p.visits.is_empty() {
                ui.weak("No visit to the printer's works is recorded yet.");
            }
            for (n, v) in p.visits.iter().enumerate() {
                egui::Frame::group(ui.style()).show(ui, |ui| {
                    Form::show(ui, edits, (S, Whole), ("visit", n), false, |form| {
                        let mut part =
                            form.inside(n, |pl: &mut Plan, n| pl.custody.printer.visits.get_mut(n));
                        let name = |what: &str| format!("Visit {} — {what}", n + 1);
                        part.date(&name("date"), Some(v.date), false, |x, d| {
                            if let Some(d) = d {
                                x.date = d;
                            }
                        });
                        let hint = format!("Visit {} made without notice", n + 1);
                        part.check(&name("unannounced"), &hint, v.unannounced, |x, b| {
                            x.unannounced = b;
                        });
                        part.person(&name("by"), v.by, &plan.people, |x, by| x.by = by);
                        part.multiline(&name("findings"), &v.findings, |x, f| x.findings = f);
                    });
                    if ui.button(format!("Remove visit {}", n + 1)).clicked() {
                        edits.push(S, "remove monitoring visit", move |pl| {
                            if n < pl.custody.printer.visits.len() {
                                pl.custody.printer.visits.remove(n);
                            }
                        });
                    }
                });
            }
            if ui.button("Add monitoring visit").clicked() {
                // A visit three weeks before the poll, while papers are printed; the date is edited.
                let date = plan.overview.poll_date - chrono::Duration::days(21);
                edits.push(S, "add monitoring visit", move |pl| {
                    pl.custody.printer.visits.push(MonitoringVisit {
                        date,
                        unannounced: false,
                        by: None,
                        findings: String::new(),
                    });
                });
            }
        });
}

/// The count's security in one place: police attendance, the venue search and its sign-off, the
/// pass system and the declaration.
fn count_security(ui: &mut Ui, view: &View<'_>, edits: &mut Edits) {
    let plan = view.plan;
    let c = &plan.custody.count_security;
    let people = &plan.people;
    egui::ScrollArea::vertical()
        .id_salt("count-security")
        .show(ui, |ui| {
            ui.label(RichText::new("Police at the count").strong());
            Form::show(ui, edits, (S, Whole), "count-police", false, |form| {
                let police = &c.police;
                form.choice("Police attendance", police.decision, |p, v| {
                    p.custody.count_security.police.decision = v
                });
                form.multiline("Officers attending", &police.officers, |p, v| {
                    p.custody.count_security.police.officers = v
                });
                form.person(
                    "Police contact at the count",
                    police.contact,
                    people,
                    |p, v| p.custody.count_security.police.contact = v,
                );
                form.date_time("Police present from", police.from, |p, v| {
                    p.custody.count_security.police.from = v
                });
                form.date_time("Police present until", police.to, |p, v| {
                    p.custody.count_security.police.to = v
                });
                form.multiline("Police arrangements", &police.notes, |p, v| {
                    p.custody.count_security.police.notes = v
                });
            });
            ui.add_space(8.0);
            ui.label(RichText::new("Search of the count venue").strong());
            let first = plan.first_arrival_at_count().map_or_else(
                || "No count event or receipt at the count is recorded yet.".to_owned(),
                |f| format!("Sign off before {}: {}.", moment(f.at), f.what),
            );
            ui.label(first);
            Form::show(ui, edits, (S, Whole), "count-search", false, |form| {
                let search = &c.search;
                form.multiline("Search arrangements", &search.arrangements, |p, v| {
                    p.custody.count_security.search.arrangements = v
                });
                form.person(
                    "Search signed off by",
                    search.signed_off_by,
                    people,
                    |p, v| p.custody.count_security.search.signed_off_by = v,
                );
                form.date_time("Search signed off at", search.signed_off_at, |p, v| {
                    p.custody.count_security.search.signed_off_at = v
                });
            });
            ui.add_space(8.0);
            ui.label(RichText::new("Passes and the declaration").strong());
            Form::show(ui, edits, (S, Whole), "count-passes", false, |form| {
                form.multiline("Pass and accreditation system", &c.passes, |p, v| {
                    p.custody.count_security.passes = v
                });
                form.multiline("Declaration arrangements", &c.declaration, |p, v| {
                    p.custody.count_security.declaration = v
                });
            });
        });
}

fn stage_arrangement(ui: &mut Ui, plan: &Plan, edits: &mut Edits, stage: CustodyStage) {
    ui.label(RichText::new(stage.label()).strong());
    let Some(s) = plan.custody.stages.iter().find(|s| s.stage == stage) else {
        ui.colored_label(
            ui.visuals().warn_fg_color,
            "Not covered by the arrangements.",
        );
        let add = format!("Add arrangements for {}", stage.label().to_lowercase());
        if ui.button(add).clicked() {
            edits.push(S, "add custody stage", move |p| {
                p.custody.stages.push(StageArrangement {
                    stage,
                    responsible: None,
                    arrangements: String::new(),
                });
                let order =
                    |s: &StageArrangement| CustodyStage::ALL.iter().position(|x| *x == s.stage);
                p.custody.stages.sort_by_key(order);
            });
        }
        return;
    };
    Form::show(
        ui,
        edits,
        (S, Whole),
        ("stage", stage.key()),
        false,
        |form| {
            let mut part = form.inside(stage, |p: &mut Plan, stage| {
                p.custody.stages.iter_mut().find(|s| s.stage == stage)
            });
            let who = format!("{} — responsible", stage.label());
            part.person(&who, s.responsible, &plan.people, |s, v| s.responsible = v);
            let how = format!("{} — arrangements", stage.label());
            part.multiline(&how, &s.arrangements, |s, v| s.arrangements = v);
        },
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The timelines extended event by event as a count hall records them equal those built afresh.
    #[test]
    fn timelines_extended_by_arrivals_equal_timelines_rebuilt() {
        let mut plan = crate::test_support::plan_with_items(5);
        let mut live = Timelines::default();
        live.refresh(0, &plan.custody);
        let items: Vec<CustodyItemId> = plan.custody.items.iter().map(|i| i.id).collect();
        let start = plan.overview.poll_date.and_hms_opt(22, 0, 0).unwrap();
        for (n, stage) in [CustodyStage::CloseOfPoll, CustodyStage::ReceiptAtCount]
            .iter()
            .enumerate()
        {
            for (k, item) in items.iter().enumerate().rev() {
                let at = start + chrono::Duration::minutes((n * 60 + k) as i64);
                let who = ("Presiding officer", "Receipt desk");
                let event = crate::test_support::handover(*item, at, *stage, who);
                crate::custody::record(&mut plan.custody, "desk-1", event);
                live.refresh((n * 10 + k + 1) as u64, &plan.custody);
            }
        }
        let mut fresh = Timelines::default();
        fresh.refresh(99, &plan.custody);
        assert_eq!(live.by_item, fresh.by_item);
        assert_eq!(live.received, fresh.received);
        assert_eq!(live.received.len(), 5);
    }
}

#[cfg(test)]
#[path = "tests.rs"]
mod screen_tests;
