//! Section 12: ballot security and custody — built for a busy count hall: type or scan a label, the seals and
//! who received it, press Enter.

use std::collections::{HashMap, HashSet};

use egui::{Color32, Key, RichText, Ui};
use uuid::Uuid;

use super::{View, master_detail, position};
use crate::custody::{NewEvent, checks, window};
use crate::model::limits::MAX_LOG_NAME;
use crate::model::{
    BookRange, Custody, CustodyEvent, CustodyEventId, CustodyItem, CustodyItemId, CustodyStage,
    ItemKind, Plan, Section, VenueKind,
};
use crate::ui::edits::Edits;
use crate::ui::list::{List, Row};
use crate::ui::widgets::{self, apply_row_op, form, row_ops};
use crate::validate::Severity;

const S: Section = Section::Custody;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
enum Tab {
    #[default]
    QuickEntry,
    Items,
    Log,
    Arrangements,
}

/// The quick-entry form.
struct Entry {
    log: String,
    /// Whether the log has been given this machine's default name yet.
    log_named: bool,
    /// Whether the user confirmed a time outside the stage's expected window.
    outside_confirmed: bool,
    label: String,
    when: String,
    location: String,
    stage: CustodyStage,
    from: String,
    to: String,
    seals: String,
    intact: bool,
    witness: String,
    notes: String,
    corrects: Option<CustodyEventId>,
    focus_label: bool,
    message: Option<(bool, String)>,
}

impl Default for Entry {
    fn default() -> Entry {
        Entry {
            log: String::new(),
            log_named: false,
            outside_confirmed: false,
            label: String::new(),
            when: String::new(),
            location: String::new(),
            stage: CustodyStage::ReceiptAtCount,
            from: String::new(),
            to: String::new(),
            seals: String::new(),
            intact: true,
            witness: String::new(),
            notes: String::new(),
            corrects: None,
            focus_label: true,
            message: None,
        }
    }
}

/// Each item's standing events in time order, as positions in the log, rebuilt only when the plan changes
/// (working them out from 30,000 events every frame would cost milliseconds).
#[derive(Default)]
struct Timelines {
    key: Option<u64>,
    by_item: HashMap<CustodyItemId, Vec<usize>>,
    /// Items that have reached the count, worked out with the timelines rather than every frame.
    received: HashSet<CustodyItemId>,
}

impl Timelines {
    fn refresh(&mut self, key: u64, custody: &Custody) {
        if self.key == Some(key) {
            return;
        }
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
                (
                    item,
                    events
                        .iter()
                        .filter_map(|e| position.get(&e.id).copied())
                        .collect(),
                )
            })
            .collect();
        self.key = Some(key);
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
#[derive(Default)]
pub struct Screen {
    /// The items list.
    pub list: List,
    log_list: List,
    tab: Tab,
    entry: Entry,
    timelines: Timelines,
}

fn with_item(p: &mut Plan, id: CustodyItemId, f: impl FnOnce(&mut CustodyItem)) {
    if let Some(x) = p.custody.items.iter_mut().find(|x| x.id == id) {
        f(x);
    }
}

fn split_seals(text: &str) -> Vec<String> {
    text.split([',', ';'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

impl Screen {
    /// Shows the item, or the item of the event, with this id.
    pub fn focus(&mut self, id: Uuid) {
        self.tab = Tab::Items;
        self.list.selected = Some(id);
        self.list.scroll_to_selected = true;
        self.log_list.selected = Some(id);
    }

    pub fn ui(&mut self, ui: &mut Ui, view: &View<'_>, edits: &mut Edits) {
        let plan = view.plan;
        // A focused event selects its item.
        if let Some(sel) = self.list.selected
            && let Some(e) = plan.custody.events.iter().find(|e| e.id.0 == sel)
        {
            self.list.selected = Some(e.item.0);
        }
        self.timelines.refresh(view.revision, &plan.custody);
        progress(ui, view, &self.timelines);
        ui.horizontal(|ui| {
            ui.selectable_value(&mut self.tab, Tab::QuickEntry, "Quick entry");
            ui.selectable_value(&mut self.tab, Tab::Items, "Items and timelines");
            ui.selectable_value(&mut self.tab, Tab::Log, "Custody log");
            ui.selectable_value(&mut self.tab, Tab::Arrangements, "Stages and arrangements");
        });
        ui.separator();
        match self.tab {
            Tab::QuickEntry => self.quick_entry(ui, view, edits),
            Tab::Items => self.items(ui, view, edits),
            Tab::Log => self.log(ui, view),
            Tab::Arrangements => arrangements(ui, view, edits),
        }
    }

    fn quick_entry(&mut self, ui: &mut Ui, view: &View<'_>, edits: &mut Edits) {
        let plan = view.plan;
        let e = &mut self.entry;
        if !e.log_named {
            // Each machine's desk has its own log by default, so two laptops never fork one.
            e.log = crate::device::log_name("receipt", view.device);
            e.log_named = true;
        }
        ui.label("Type or scan a label, then the seals and who received it; Enter records the handover. Recorded events are never changed: to put one right, record a correction.");
        let item = plan.custody.items.iter().find(|i| {
            !e.label.trim().is_empty() && i.label.trim().eq_ignore_ascii_case(e.label.trim())
        });
        let timelines = &self.timelines;
        let last = item.and_then(|i| timelines.last(&plan.custody, i.id));
        let mut enter = false;
        egui::Grid::new("quick-entry").num_columns(2).spacing([12.0, 8.0]).show(ui, |ui| {
            let l = ui.label(RichText::new("Log").strong());
            ui.add(egui::TextEdit::singleline(&mut e.log).desired_width(260.0).char_limit(MAX_LOG_NAME))
                .labelled_by(l.id)
                .on_hover_text("This laptop's or desk's own log; another machine must never record in it");
            ui.end_row();
            let l = ui.label(RichText::new("Item label").strong());
            let r = ui.add(egui::TextEdit::singleline(&mut e.label).hint_text("e.g. AA/1").desired_width(200.0)).labelled_by(l.id);
            if e.focus_label {
                r.request_focus();
                e.focus_label = false;
            }
            if r.changed()
                && let Some(last) = plan
                    .custody
                    .items
                    .iter()
                    .find(|i| i.label.trim().eq_ignore_ascii_case(e.label.trim()))
                    .and_then(|i| timelines.last(&plan.custody, i.id))
            {
                e.from = last.to.clone();
            }
            enter |= r.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter)) && item.is_some() && !e.to.trim().is_empty();
            ui.end_row();
            ui.label("");
            match (item, e.label.trim().is_empty()) {
                (Some(i), _) => {
                    let expected = if i.expected_seals.is_empty() { String::new() } else { format!("; expected seals {}", i.expected_seals.join(", ")) };
                    let where_now = last.map_or_else(|| "no events yet".to_owned(), |l| format!("last: {} by {} at {}", l.stage, l.to, l.at.format("%d %b %H:%M")));
                    ui.label(RichText::new(format!("{} {} — {where_now}{expected}", i.kind, i.label)).weak());
                }
                (None, false) => {
                    ui.colored_label(ui.visuals().warn_fg_color, "No item has this label. Check it, or add the item under \u{201c}Items and timelines\u{201d}.");
                }
                (None, true) => {
                    ui.label("");
                }
            }
            ui.end_row();
            let l = ui.label(RichText::new("Stage").strong());
            egui::ComboBox::from_id_salt("quick-stage")
                .selected_text(e.stage.label())
                .width(220.0)
                .show_ui(ui, |ui| {
                    for s in CustodyStage::ALL {
                        ui.selectable_value(&mut e.stage, *s, s.label());
                    }
                })
                .response
                .labelled_by(l.id);
            ui.end_row();
            for (name, field, hint) in [
                ("When", &mut e.when, "blank for now, or HH:MM, or YYYY-MM-DD HH:MM"),
                ("Location", &mut e.location, "e.g. count venue, loading bay"),
                ("Seals seen", &mut e.seals, "NB 104200, NB 104201"),
                ("Handed over by", &mut e.from, "blank for a check"),
                ("Received by", &mut e.to, "name"),
                ("Witness", &mut e.witness, ""),
                ("Notes", &mut e.notes, ""),
            ] {
                let l = ui.label(RichText::new(name).strong());
                let r = ui.add(egui::TextEdit::singleline(field).hint_text(hint).desired_width(320.0).char_limit(crate::model::limits::MAX_TEXT)).labelled_by(l.id);
                enter |= r.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
                ui.end_row();
            }
            ui.label(RichText::new("Seals intact").strong());
            ui.checkbox(&mut e.intact, "Every seal intact");
            ui.end_row();
        });
        if let Some(corrects) = e.corrects {
            ui.horizontal(|ui| {
                ui.colored_label(
                    ui.visuals().warn_fg_color,
                    format!("This entry corrects event {corrects}"),
                );
                if ui.button("Cancel correction").clicked() {
                    e.corrects = None;
                }
            });
        }
        // What a careful clerk would want to know before pressing Enter.
        if let Some(i) = item {
            let seen = split_seals(&e.seals);
            let unexpected: Vec<&String> = seen
                .iter()
                .filter(|s| {
                    !i.expected_seals.is_empty()
                        && !i
                            .expected_seals
                            .iter()
                            .any(|x| x.trim().eq_ignore_ascii_case(s))
                })
                .collect();
            if !unexpected.is_empty() {
                ui.colored_label(
                    ui.visuals().error_fg_color,
                    format!(
                        "Seal {} is not one of this item's seals — check it before recording",
                        unexpected
                            .iter()
                            .map(|s| s.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                );
            }
            if let Some(last) = last
                && !e.from.trim().is_empty()
                && !e.from.trim().eq_ignore_ascii_case(last.to.trim())
            {
                ui.colored_label(
                    ui.visuals().warn_fg_color,
                    format!(
                        "{} last went to {}, not {}",
                        i.label,
                        last.to,
                        e.from.trim()
                    ),
                );
            }
        }
        let others: Vec<&str> = plan
            .custody
            .writers_of(e.log.trim())
            .filter(|d| *d != view.device)
            .collect();
        if !others.is_empty() {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                format!(
                    "The log \u{201c}{}\u{201d} was also written on {}. One log has one writer: give this desk its own log name.",
                    e.log.trim(),
                    others.join(", ")
                ),
            );
        }
        let when = parse_when(&e.when, view.now);
        if let Err(reason) = &when {
            ui.colored_label(ui.visuals().error_fg_color, reason);
        }
        let outside = when
            .as_ref()
            .ok()
            .and_then(|w| window::outside(e.stage, *w, plan.overview.poll_date));
        if let Some(why) = &outside {
            ui.colored_label(
                ui.visuals().error_fg_color,
                format!("{why}. A recorded event cannot be changed afterwards."),
            );
            ui.checkbox(
                &mut e.outside_confirmed,
                "The time is right: record it anyway",
            );
        }
        let control = [
            &e.log,
            &e.label,
            &e.when,
            &e.location,
            &e.from,
            &e.to,
            &e.seals,
            &e.witness,
            &e.notes,
        ]
        .into_iter()
        .any(|f| f.chars().any(char::is_control));
        if control {
            ui.colored_label(
                ui.visuals().error_fg_color,
                "A field holds a control character (such as NUL or ESC, from a scanner or a paste); remove it before recording.",
            );
        }
        let ready = item.is_some()
            && !e.to.trim().is_empty()
            && !e.log.trim().is_empty()
            && when.is_ok()
            && (outside.is_none() || e.outside_confirmed)
            && !control;
        let record = ui
            .add_enabled(ready, egui::Button::new("Record handover (Enter)"))
            .clicked()
            || (enter && ready);
        if record && let Some(i) = item {
            let event = NewEvent {
                item: i.id,
                at: when.clone().unwrap_or(view.now),
                stage: e.stage,
                location: e.location.trim().to_owned(),
                from: e.from.trim().to_owned(),
                to: e.to.trim().to_owned(),
                seals_seen: split_seals(&e.seals),
                seals_intact: e.intact,
                witness: e.witness.trim().to_owned(),
                notes: e.notes.trim().to_owned(),
                corrects: e.corrects.take(),
            };
            edits.record(e.log.trim(), event);
            e.message = Some((
                true,
                format!(
                    "Recorded {} {} to {} at {}",
                    i.label,
                    e.stage.label().to_lowercase(),
                    e.to.trim(),
                    when.clone().unwrap_or(view.now).format("%H:%M")
                ),
            ));
            e.label.clear();
            e.when.clear();
            e.seals.clear();
            e.notes.clear();
            e.from.clear();
            e.outside_confirmed = false;
            e.focus_label = true;
        } else if enter && !ready {
            e.message = Some((
                false,
                "Give a known item label and who received it, then press Enter.".to_owned(),
            ));
        }
        if let Some((ok, message)) = &e.message {
            let colour = if *ok {
                Color32::from_rgb(0x2e, 0x7d, 0x32)
            } else {
                ui.visuals().error_fg_color
            };
            ui.colored_label(colour, message);
        }
        ui.add_space(8.0);
        anomalies(ui, view);
    }

    fn items(&mut self, ui: &mut Ui, view: &View<'_>, edits: &mut Edits) {
        let plan = view.plan;
        let timelines = &self.timelines;
        let stations: HashMap<_, _> = plan
            .venues
            .venues
            .iter()
            .map(|v| (v.id, v.name.as_str()))
            .collect();
        let mut add = || {
            let id = CustodyItemId::new();
            edits.push(S, "add custody item", move |p| {
                p.custody.items.push(CustodyItem {
                    id,
                    kind: ItemKind::BallotBox,
                    label: "NEW/1".into(),
                    polling_station: None,
                    book_ranges: vec![],
                    expected_seals: vec![],
                    expected_at_count: true,
                });
            });
            id.0
        };
        let rows = || {
            plan.custody
                .items
                .iter()
                .map(|i| {
                    let last = timelines.last(&plan.custody, i.id);
                    let station = i
                        .polling_station
                        .and_then(|v| stations.get(&v).copied())
                        .unwrap_or("")
                        .to_owned();
                    Row {
                        id: i.id.0,
                        cells: vec![
                            i.label.clone(),
                            i.kind.label().to_owned(),
                            station,
                            last.map_or(String::new(), |e| e.stage.label().to_owned()),
                            last.map_or(String::new(), |e| e.to.clone()),
                            i.expected_seals.join(", "),
                        ],
                        tint: None,
                    }
                })
                .collect()
        };
        let selected = master_detail(
            ui,
            &mut self.list,
            view,
            "item",
            "items",
            "",
            &[
                ("Label", 90.0),
                ("Item", 130.0),
                ("Polling station", 200.0),
                ("Stage", 150.0),
                ("Held by", 170.0),
                ("Seals", 160.0),
            ],
            rows,
            Some(&mut add),
        );
        let Some(id) = selected else { return };
        let Some((i, len)) = position(&plan.custody.items, id, |x| x.id.0) else {
            return;
        };
        let item = &plan.custody.items[i];
        let iid = item.id;
        egui::ScrollArea::vertical().id_salt("item-detail").show(ui, |ui| {
            form(ui, ("item", id), |ui| {
                widgets::text(ui, edits, S, "Label", &item.label, move |p, v| with_item(p, iid, |x| x.label = v));
                widgets::choice(ui, edits, S, "Kind", item.kind, move |p, v| with_item(p, iid, |x| x.kind = v));
                station_picker(ui, edits, plan, item.polling_station, iid);
                widgets::text(ui, edits, S, "Expected seals", &item.expected_seals.join(", "), move |p, v| with_item(p, iid, |x| x.expected_seals = split_seals(&v)));
                let ranges = item.book_ranges.iter().map(|r| format!("{}-{}", r.first, r.last)).collect::<Vec<_>>().join(", ");
                let label = ui.label(RichText::new("Ballot paper ranges").strong());
                ranges_field(ui, edits, label.id, &ranges, iid);
                ui.end_row();
                widgets::check(ui, edits, S, "Expected at count", "Must be received at the count", item.expected_at_count, move |p, v| with_item(p, iid, |x| x.expected_at_count = v));
            });
            ui.add_space(8.0);
            ui.heading("Timeline");
            let all: Vec<&CustodyEvent> = plan.custody.events.iter().filter(|e| e.item == iid).collect();
            let standing = timelines.events(&plan.custody, iid);
            if all.is_empty() {
                ui.weak("No custody events are recorded for this item yet. Use Quick entry to record one.");
            }
            let mut sorted = all.clone();
            sorted.sort_by_key(|e| (e.at, e.log.clone(), e.seq));
            for e in sorted {
                let superseded = !standing.iter().any(|s| s.id == e.id);
                ui.horizontal_wrapped(|ui| {
                    let mut text = RichText::new(format!(
                        "{}  {}  {} → {}  seals {}{}  [{} #{}]",
                        e.at.format("%d %b %H:%M"),
                        e.stage,
                        if e.from.is_empty() { "—" } else { &e.from },
                        e.to,
                        if e.seals_seen.is_empty() { "—".to_owned() } else { e.seals_seen.join(", ") },
                        if e.seals_intact { "" } else { " (NOT intact)" },
                        e.log,
                        e.seq
                    ));
                    if superseded {
                        text = text.strikethrough().weak();
                    }
                    ui.label(text);
                    if e.corrects.is_some() {
                        ui.label(RichText::new("correction").italics());
                    }
                    if !superseded && ui.small_button("Correct").on_hover_text(format!("Record a correction of {} #{}", e.log, e.seq)).clicked() {
                        self.entry = Entry {
                            log: self.entry.log.clone(),
                            log_named: true,
                            outside_confirmed: false,
                            label: item.label.clone(),
                            when: e.at.format("%Y-%m-%d %H:%M").to_string(),
                            location: e.location.clone(),
                            stage: e.stage,
                            from: e.from.clone(),
                            to: e.to.clone(),
                            seals: e.seals_seen.join(", "),
                            intact: e.seals_intact,
                            witness: e.witness.clone(),
                            notes: format!("Correction of {} #{}: ", e.log, e.seq),
                            corrects: Some(e.id),
                            focus_label: false,
                            message: None,
                        };
                        self.tab = Tab::QuickEntry;
                    }
                });
            }
            ui.add_space(8.0);
            if let Some(op) = row_ops(ui, "item", i, len) {
                if op == widgets::RowOp::Remove && !all.is_empty() {
                    edits.notice = Some(format!("{} has recorded custody events and cannot be removed; the log is evidence.", item.label));
                } else {
                    edits.push(S, super::overview::op_label(op, "item"), move |p| apply_row_op(&mut p.custody.items, |x| x.id == iid, op));
                }
            }
        });
    }

    fn log(&mut self, ui: &mut Ui, view: &View<'_>) {
        let plan = view.plan;
        let labels: HashMap<CustodyItemId, &str> = plan
            .custody
            .items
            .iter()
            .map(|i| (i.id, i.label.as_str()))
            .collect();
        let rows = || {
            plan.custody
                .events
                .iter()
                .map(|e| Row {
                    id: e.id.0,
                    cells: vec![
                        e.at.format("%Y-%m-%d %H:%M").to_string(),
                        labels.get(&e.item).copied().unwrap_or("?").to_owned(),
                        e.stage.label().to_owned(),
                        e.from.clone(),
                        e.to.clone(),
                        e.seals_seen.join(", "),
                        format!("{} #{}", e.log, e.seq),
                    ],
                    tint: (!e.seals_intact).then_some(Color32::from_rgb(0xe5, 0x39, 0x35)),
                })
                .collect()
        };
        ui.label("Every recorded event, as recorded. Each log is a hash chain: a change to a recorded event is reported by the checks.");
        master_detail(
            ui,
            &mut self.log_list,
            view,
            "event",
            "events",
            "",
            &[
                ("When", 130.0),
                ("Item", 80.0),
                ("Stage", 150.0),
                ("From", 160.0),
                ("To", 160.0),
                ("Seals", 170.0),
                ("Log", 150.0),
            ],
            rows,
            None,
        );
    }
}

/// When a handover happened: blank for now, a time today, or a date and time.
fn parse_when(text: &str, now: chrono::NaiveDateTime) -> Result<chrono::NaiveDateTime, String> {
    use chrono::Timelike as _;
    let text = text.trim();
    if text.is_empty() {
        // Whole seconds: the custody log records times to the second.
        return Ok(now.with_nanosecond(0).unwrap_or(now));
    }
    if let Ok(t) = chrono::NaiveTime::parse_from_str(text, "%H:%M") {
        return Ok(now.date().and_time(t));
    }
    ["%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M"]
        .iter()
        .find_map(|f| chrono::NaiveDateTime::parse_from_str(text, f).ok())
        .ok_or_else(|| {
            format!("\u{201c}{text}\u{201d} is not a time: use HH:MM or YYYY-MM-DD HH:MM")
        })
}

fn ranges_field(
    ui: &mut Ui,
    edits: &mut Edits,
    label: egui::Id,
    current: &str,
    iid: CustodyItemId,
) {
    let id = ui.scope_id().with(("ranges", iid.0));
    let draft: Option<String> = ui.data(|d| d.get_temp(id));
    let mut buffer = draft.clone().unwrap_or_else(|| current.to_owned());
    let response = ui
        .add(
            egui::TextEdit::singleline(&mut buffer)
                .id(id)
                .hint_text("1000000-1000399, 1000400-1000799")
                .desired_width(320.0),
        )
        .labelled_by(label);
    let parsed: Result<Vec<BookRange>, String> = buffer
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|r| {
            let (a, b) = r
                .split_once('-')
                .ok_or_else(|| format!("\u{201c}{r}\u{201d}: write ranges as FIRST-LAST"))?;
            let first = a
                .trim()
                .parse::<u64>()
                .map_err(|_| format!("\u{201c}{a}\u{201d} is not a serial number"))?;
            let last = b
                .trim()
                .parse::<u64>()
                .map_err(|_| format!("\u{201c}{b}\u{201d} is not a serial number"))?;
            Ok(BookRange { first, last })
        })
        .collect();
    if response.changed() {
        match parsed.clone() {
            Ok(ranges) => {
                ui.data_mut(|d| d.remove::<String>(id));
                edits.push_coalesced(S, "edit ballot paper ranges", id, move |p| {
                    with_item(p, iid, |x| x.book_ranges = ranges)
                });
            }
            Err(_) => {
                ui.data_mut(|d| d.insert_temp(id, buffer.clone()));
            }
        }
    }
    if let (Some(_), Err(reason)) = (draft, &parsed) {
        ui.colored_label(ui.visuals().error_fg_color, reason);
    }
    if response.lost_focus() {
        edits.seal = true;
        ui.data_mut(|d| d.remove::<String>(id));
    }
}

/// The polling station an item belongs to.
fn station_picker(
    ui: &mut Ui,
    edits: &mut Edits,
    plan: &Plan,
    value: Option<crate::model::VenueId>,
    iid: CustodyItemId,
) {
    let shown = value
        .and_then(|v| plan.venue(v))
        .map_or("None".to_owned(), |v| v.name.clone());
    let options = || {
        let stations = plan
            .venues
            .venues
            .iter()
            .filter(|v| v.kind == VenueKind::PollingStation);
        std::iter::once((None, "None".to_owned()))
            .chain(stations.map(|v| {
                (
                    Some(v.id),
                    format!(
                        "{}{}",
                        v.station_number.map_or(String::new(), |n| format!("{n}. ")),
                        v.name
                    ),
                )
            }))
            .collect()
    };
    widgets::pick(
        ui,
        edits,
        S,
        "Polling station",
        &value,
        &shown,
        options,
        move |p, v| with_item(p, iid, |x| x.polling_station = v),
    );
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
    ui.horizontal(|ui| {
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

fn arrangements(ui: &mut Ui, view: &View<'_>, edits: &mut Edits) {
    let plan = view.plan;
    egui::ScrollArea::vertical().id_salt("arrangements").show(ui, |ui| {
        form(ui, "deadline", |ui| {
            widgets::date_time(ui, edits, S, "Everything at the count by", plan.custody.count_receipt_deadline, |p, v| p.custody.count_receipt_deadline = v);
        });
        ui.add_space(8.0);
        for stage in CustodyStage::ALL {
            let stage = *stage;
            let current = plan.custody.stages.iter().find(|s| s.stage == stage);
            egui::Frame::group(ui.style()).show(ui, |ui| {
                ui.label(RichText::new(stage.label()).strong());
                match current {
                    None => {
                        ui.colored_label(ui.visuals().warn_fg_color, "Not covered by the arrangements.");
                        if ui.button(format!("Add arrangements for {}", stage.label().to_lowercase())).clicked() {
                            edits.push(S, "add custody stage", move |p| {
                                p.custody.stages.push(crate::model::StageArrangement { stage, responsible: None, arrangements: String::new() });
                                p.custody.stages.sort_by_key(|s| CustodyStage::ALL.iter().position(|x| *x == s.stage));
                            });
                        }
                    }
                    Some(s) => {
                        let set = move |p: &mut Plan, f: &dyn Fn(&mut crate::model::StageArrangement)| {
                            if let Some(s) = p.custody.stages.iter_mut().find(|s| s.stage == stage) {
                                f(s);
                            }
                        };
                        form(ui, ("stage", stage.key()), |ui| {
                            widgets::person(ui, edits, S, &format!("{} — responsible", stage.label()), s.responsible, &plan.people, move |p, v| set(p, &|s| s.responsible = v));
                            widgets::multiline(ui, edits, S, &format!("{} — arrangements", stage.label()), &s.arrangements, move |p, v| set(p, &|s| s.arrangements = v.clone()));
                        });
                    }
                }
            });
        }
    });
}
