//! Quick entry: type or scan a label, the seals and who received it, press Enter. Enter or Tab
//! moves from field to field (a scanner's burst lands in the right fields within one frame), the
//! stage is chosen by typing or with the arrow keys, and a time typed as HH:MM takes the date that
//! puts it at or after the item's last event.

use chrono::NaiveDateTime;
use egui::{Id, Key, RichText, Ui};

use super::items::split_seals;
use super::keys::{self, StageKey, StagePicker};
use super::{Timelines, moment};
use crate::custody::{NewEvent, window};
use crate::model::limits::{MAX_LOG_NAME, MAX_TEXT};
use crate::model::{CustodyEvent, CustodyEventId, CustodyItem, CustodyStage, Journey};
use crate::ui::edits::Edits;
use crate::ui::screen::View;
use crate::ui::tokens;
use crate::when;

/// The quick-entry form.
pub struct Entry {
    log: String,
    /// Whether the log has been given this machine's default name yet.
    log_named: bool,
    /// Whether the user confirmed a time outside the stage's expected window.
    outside_confirmed: bool,
    label: String,
    when: String,
    location: String,
    stage: CustodyStage,
    picker: StagePicker,
    /// The highlighted row last scrolled into view.
    scrolled_to: Option<usize>,
    from: String,
    to: String,
    seals: String,
    intact: bool,
    witness: String,
    notes: String,
    corrects: Option<CustodyEventId>,
    /// The field to put the keyboard in on the next frame.
    focus: Option<Field>,
    /// This desk's previous entry, for a time typed as HH:MM when the item has no events.
    previous: Option<NaiveDateTime>,
    message: Option<(bool, String)>,
}

/// The fields Enter and Tab move between, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Field {
    Label,
    Seals,
    To,
    Stage,
}

const CHAIN: [Field; 4] = [Field::Label, Field::Seals, Field::To, Field::Stage];

/// The keys the stage field keeps: the arrows move the list and Escape closes it, so egui must not
/// take the keyboard away on Escape.
const STAGE_KEYS: egui::EventFilter = egui::EventFilter {
    tab: false,
    horizontal_arrows: true,
    vertical_arrows: true,
    escape: true,
};

fn field_id(field: Field) -> Id {
    Id::unique(("quick-entry", field as u8))
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
            picker: StagePicker::default(),
            scrolled_to: None,
            from: String::new(),
            to: String::new(),
            seals: String::new(),
            intact: true,
            witness: String::new(),
            notes: String::new(),
            corrects: None,
            focus: Some(Field::Label),
            previous: None,
            message: None,
        }
    }
}

impl Entry {
    /// A correction of `e` (an event of the item labelled `label`), keeping this desk's log.
    pub fn correcting(current: &Entry, label: &str, e: &CustodyEvent) -> Entry {
        Entry {
            log: current.log.clone(),
            log_named: true,
            label: label.to_owned(),
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
            focus: None,
            previous: current.previous,
            ..Entry::default()
        }
    }

    fn text_of(&mut self, field: Field) -> Option<&mut String> {
        match field {
            Field::Label => Some(&mut self.label),
            Field::Seals => Some(&mut self.seals),
            Field::To => Some(&mut self.to),
            Field::Stage => None,
        }
    }

    /// A scanner's burst across fields, taken out of the frame's input before any field sees it.
    fn take_burst(&mut self, ui: &Ui) {
        let focused = ui.memory(|m| m.focused());
        let Some(start) = CHAIN.iter().position(|f| Some(field_id(*f)) == focused) else {
            return;
        };
        let Some(burst) = ui.input(|i| keys::burst(&i.events)) else {
            return;
        };
        ui.ctx().input_mut(|i| keys::consume_burst(&mut i.events));
        for (k, text) in burst.segments.iter().enumerate() {
            let Some(field) = CHAIN.get(start + k) else {
                break;
            };
            if let Some(buffer) = self.text_of(*field) {
                buffer.push_str(text.trim_end_matches(['\r', '\n']));
            }
        }
        let end = (start + burst.moves).min(CHAIN.len() - 1);
        self.focus = Some(CHAIN[end]);
    }

    /// A text field of the chain: Enter or Tab moves to the next; returns whether Enter was pressed
    /// in it.
    fn chained(ui: &mut Ui, field: Field, text: &mut String, hint: &str) -> (egui::Response, bool) {
        let name = match field {
            Field::Label => "Item label",
            Field::Seals => "Seals seen",
            Field::To => "Received by",
            Field::Stage => "Stage",
        };
        let l = ui.label(RichText::new(name).strong());
        let r = ui
            .add(
                egui::TextEdit::singleline(text)
                    .id(field_id(field))
                    .hint_text(hint)
                    .desired_width(280.0)
                    .char_limit(MAX_TEXT),
            )
            .labelled_by(l.id);
        let enter = r.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
        ui.end_row();
        (r, enter)
    }

    /// Draws the form and records the handover when asked.
    pub fn show(&mut self, ui: &mut Ui, view: &View<'_>, edits: &mut Edits, timelines: &Timelines) {
        let plan = view.plan;
        if !self.log_named {
            // Each machine's desk has its own log by default, so two laptops never fork one.
            self.log = crate::device::log_name("receipt", view.device);
            self.log_named = true;
        }
        ui.label(
            "Type or scan a label, then the seals and who received it; Enter moves on and, in the \
             last field, records the handover. Recorded events are never changed: to put one \
             right, record a correction.",
        );
        self.take_burst(ui);
        if let Some(field) = self.focus.take() {
            ui.memory_mut(|m| m.request_focus(field_id(field)));
        }
        let label = self.label.trim().to_owned();
        let item = plan
            .custody
            .items
            .iter()
            .find(|i| !label.is_empty() && i.label.trim().eq_ignore_ascii_case(&label));
        let last = item.and_then(|i| timelines.last(&plan.custody, i.id));
        let mut record_asked = false;
        egui::Grid::new("quick-entry")
            .num_columns(2)
            .spacing([12.0, 8.0])
            .show(ui, |ui| {
                let l = ui.label(RichText::new("Log").strong());
                ui.add(
                    egui::TextEdit::singleline(&mut self.log)
                        .desired_width(260.0)
                        .char_limit(MAX_LOG_NAME),
                )
                .labelled_by(l.id)
                .on_hover_text(
                    "This laptop's or desk's own log; another machine must never record in it",
                );
                ui.end_row();
                let (r, enter) = Self::chained(ui, Field::Label, &mut self.label, "e.g. AA/1");
                if r.changed() {
                    self.item_changed(plan, timelines);
                }
                if enter {
                    self.focus = Some(Field::Seals);
                }
                ui.label("");
                if self.label.trim().is_empty() {
                    ui.label("");
                } else {
                    item_status(ui, item, last);
                }
                ui.end_row();
                let (_, enter) =
                    Self::chained(ui, Field::Seals, &mut self.seals, "NB 104200, NB 104201");
                if enter {
                    self.focus = Some(Field::To);
                }
                let (_, enter) = Self::chained(ui, Field::To, &mut self.to, "name");
                record_asked |= enter;
                let journey = item.map_or(Journey::PollingStation, |i| i.kind.journey());
                self.stage_field(ui, last.map(|e| e.stage), journey);
                for (name, field, hint) in [
                    (
                        "When",
                        &mut self.when,
                        "blank for now, HH:MM, or 6/5/2027 22:45",
                    ),
                    (
                        "Location",
                        &mut self.location,
                        "e.g. count venue, loading bay",
                    ),
                    ("Handed over by", &mut self.from, "blank for a check"),
                    ("Witness", &mut self.witness, ""),
                    ("Notes", &mut self.notes, ""),
                ] {
                    let l = ui.label(RichText::new(name).strong());
                    let r = ui
                        .add(
                            egui::TextEdit::singleline(field)
                                .hint_text(hint)
                                .desired_width(320.0)
                                .char_limit(MAX_TEXT),
                        )
                        .labelled_by(l.id);
                    record_asked |= r.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
                    ui.end_row();
                }
                ui.label(RichText::new("Seals intact").strong());
                ui.checkbox(&mut self.intact, "Every seal intact");
                ui.end_row();
            });
        self.warnings(ui, view, item, last);
        // A packet only a court may have opened refuses an "opened" event (the same rule `check`
        // reports for one already recorded).
        let refused = item.and_then(|i| i.refuses(self.stage));
        if let Some(why) = &refused {
            ui.colored_label(
                ui.visuals().error_fg_color,
                format!("Cannot record: {why}."),
            );
        }
        let when = self.when_of(view, last);
        if let Err(reason) = &when {
            ui.colored_label(ui.visuals().error_fg_color, reason);
        }
        let outside = when
            .as_ref()
            .ok()
            .and_then(|w| window::outside(self.stage, *w, plan.overview.poll_date));
        if let Some(why) = &outside {
            let text = format!("{why}. A recorded event cannot be changed afterwards.");
            ui.colored_label(ui.visuals().error_fg_color, text);
            ui.checkbox(
                &mut self.outside_confirmed,
                "The time is right: record it anyway",
            );
        }
        let control = self.has_control_character();
        if control {
            ui.colored_label(
                ui.visuals().error_fg_color,
                "A field holds a control character (such as NUL or ESC, from a scanner or a \
                 paste); remove it before recording.",
            );
        }
        let ready = item.is_some()
            && !self.to.trim().is_empty()
            && !self.log.trim().is_empty()
            && when.is_ok()
            && (outside.is_none() || self.outside_confirmed)
            && refused.is_none()
            && !control;
        let clicked = ui
            .add_enabled(ready, egui::Button::new("Record handover (Enter)"))
            .clicked();
        match (item, when) {
            (Some(i), Ok(at)) if ready && (clicked || record_asked) => self.record(edits, i, at),
            _ if record_asked => {
                let why = match &refused {
                    Some(why) => format!("Not recorded: {why}."),
                    None => {
                        "Give a known item label and who received it, then press Enter.".to_owned()
                    }
                };
                self.message = Some((false, why));
            }
            _ => {}
        }
        if let Some((ok, message)) = &self.message {
            let colour = if *ok {
                tokens::GOOD
            } else {
                ui.visuals().error_fg_color
            };
            ui.colored_label(colour, message);
        }
    }

    /// A new label: who last held the item is who hands it over, and the stage list will open at
    /// the item's next stage.
    fn item_changed(&mut self, plan: &crate::model::Plan, timelines: &Timelines) {
        let label = self.label.trim();
        let last = plan
            .custody
            .items
            .iter()
            .find(|i| i.label.trim().eq_ignore_ascii_case(label))
            .and_then(|i| timelines.last(&plan.custody, i.id));
        if let Some(last) = last {
            self.from = last.to.clone();
            let journey = plan
                .custody
                .items
                .iter()
                .find(|i| i.id == last.item)
                .map_or(Journey::PollingStation, |i| i.kind.journey());
            self.stage = keys::next_stage(journey, Some(last.stage));
        }
    }

    /// The stage, chosen by typing (the list filters) or with the arrow keys; Enter chooses and
    /// moves on, Escape closes the list and keeps the keyboard here.
    fn stage_field(&mut self, ui: &mut Ui, last: Option<CustodyStage>, journey: Journey) {
        let l = ui.label(RichText::new("Stage").strong());
        let id = field_id(Field::Stage);
        let focused = ui.memory(|m| m.has_focus(id));
        let mut chosen = None;
        if focused {
            for key in [Key::ArrowDown, Key::ArrowUp, Key::Enter, Key::Escape] {
                if ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, key)) {
                    match self.picker.key(key) {
                        StageKey::Chosen(stage) => chosen = Some(stage),
                        StageKey::Closed => self.focus = Some(Field::Stage),
                        StageKey::Moved | StageKey::Ignored => {}
                    }
                }
            }
        }
        let chosen_text = format!("Chosen: {}", self.stage.label());
        let query = &mut self.picker.query;
        let r = ui
            .horizontal(|ui| {
                let r = ui
                    .add(
                        egui::TextEdit::singleline(query)
                            .id(id)
                            .hint_text("type or use the arrow keys")
                            .desired_width(200.0)
                            .event_filter(STAGE_KEYS),
                    )
                    .labelled_by(l.id)
                    .on_hover_text("Type to filter the stages; arrow keys move; Enter chooses");
                ui.label(RichText::new(chosen_text).strong());
                r
            })
            .inner;
        if r.gained_focus() {
            let at = if last.is_some() {
                keys::next_stage(journey, last)
            } else {
                self.stage
            };
            self.picker.open_at(at);
            self.scrolled_to = None;
        }
        if r.changed() {
            self.picker.typed();
            self.scrolled_to = None;
        }
        if self.picker.open && (focused || r.has_focus()) {
            // A drop-down over the form, so the form's layout never moves under it.
            let area = egui::Area::new(id.with("list"))
                .order(egui::Order::Foreground)
                .fixed_pos(r.rect.left_bottom());
            let shown = area.show(ui.ctx(), |ui| {
                egui::Frame::popup(ui.style()).show(ui, |ui| {
                    ui.set_min_width(r.rect.width());
                    self.stage_list(ui)
                })
            });
            chosen = chosen.or(shown.inner.inner);
        }
        ui.end_row();
        if let Some(stage) = chosen {
            self.stage = stage;
            self.picker.open = false;
            self.picker.query.clear();
            self.focus = Some(Field::Stage);
            ui.memory_mut(|m| m.surrender_focus(id));
        }
    }

    /// The stages matching what was typed, the highlighted one kept in view.
    fn stage_list(&mut self, ui: &mut Ui) -> Option<CustodyStage> {
        let mut chosen = None;
        {
            egui::ScrollArea::vertical()
                .id_salt("stage-list")
                .max_height(220.0)
                .show(ui, |ui| {
                    for (k, stage) in self.picker.matches().into_iter().enumerate() {
                        let on = k == self.picker.highlight;
                        let r = ui.selectable_label(on, stage.label());
                        if on && self.scrolled_to != Some(k) {
                            r.scroll_to_me(None);
                            self.scrolled_to = Some(k);
                        }
                        if r.clicked() {
                            chosen = Some(stage);
                        }
                    }
                });
        }
        chosen
    }

    /// When the handover happened: blank for now; HH:MM at or after the item's last event (or this
    /// desk's previous entry) and closest to it; or a date and time.
    fn when_of(
        &self,
        view: &View<'_>,
        last: Option<&CustodyEvent>,
    ) -> Result<NaiveDateTime, String> {
        let after = last.map(|e| e.at).or(self.previous);
        when::parse_entry_time(&self.when, after, view.now)
    }

    fn has_control_character(&self) -> bool {
        [
            &self.log,
            &self.label,
            &self.when,
            &self.location,
            &self.from,
            &self.to,
            &self.seals,
            &self.witness,
            &self.notes,
        ]
        .into_iter()
        .any(|f| f.chars().any(char::is_control))
    }

    /// What a careful clerk would want to know before pressing Enter: a seal that is not the
    /// item's, a handover from someone other than who last held it, a log written on another
    /// machine.
    fn warnings(
        &mut self,
        ui: &mut Ui,
        view: &View<'_>,
        item: Option<&CustodyItem>,
        last: Option<&CustodyEvent>,
    ) {
        if let Some(corrects) = self.corrects {
            ui.horizontal(|ui| {
                let text = format!("This entry corrects event {corrects}");
                ui.colored_label(ui.visuals().warn_fg_color, text);
                if ui.button("Cancel correction").clicked() {
                    self.corrects = None;
                }
            });
        }
        if let Some(i) = item {
            let seen = split_seals(&self.seals);
            let unexpected = crate::custody::checks::unexpected_seals(&i.expected_seals, &seen);
            if !unexpected.is_empty() {
                let text = format!(
                    "Seal {} is not one of this item's seals — check it before recording",
                    unexpected.join(", ")
                );
                ui.colored_label(ui.visuals().error_fg_color, text);
            }
            let journey = i.kind.journey();
            if !journey.includes(self.stage) {
                let text = format!(
                    "{} is not a stage of a {}'s journey ({}); choose one of: {}",
                    self.stage,
                    i.kind.label().to_lowercase(),
                    journey.label().to_lowercase(),
                    journey
                        .stages()
                        .iter()
                        .map(|s| s.label())
                        .collect::<Vec<_>>()
                        .join(", ")
                );
                ui.colored_label(ui.visuals().warn_fg_color, text);
            }
            let from = self.from.trim();
            if let Some(gap) = last.and_then(|l| crate::custody::checks::handover_gap(l, from)) {
                ui.colored_label(ui.visuals().warn_fg_color, format!("{}: {gap}", i.label));
            }
        }
        let log = self.log.trim();
        let others: Vec<&str> = view
            .plan
            .custody
            .writers_of(log)
            .filter(|d| *d != view.device)
            .collect();
        if !others.is_empty() {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                format!(
                    "The log \u{201c}{log}\u{201d} was also written on {}. One log has one writer: \
                     give this desk its own log name.",
                    others.join(", ")
                ),
            );
        }
    }

    fn record(&mut self, edits: &mut Edits, item: &CustodyItem, at: NaiveDateTime) {
        if let Some(why) = item.refuses(self.stage) {
            self.message = Some((false, format!("Not recorded: {why}.")));
            return;
        }
        let event = NewEvent {
            item: item.id,
            at,
            stage: self.stage,
            location: self.location.trim().to_owned(),
            from: self.from.trim().to_owned(),
            to: self.to.trim().to_owned(),
            seals_seen: split_seals(&self.seals),
            seals_intact: self.intact,
            witness: self.witness.trim().to_owned(),
            notes: self.notes.trim().to_owned(),
            corrects: self.corrects.take(),
        };
        edits.record(self.log.trim(), event);
        self.message = Some((
            true,
            format!(
                "Recorded {} {} to {} at {}",
                item.label,
                self.stage.label().to_lowercase(),
                self.to.trim(),
                moment(at)
            ),
        ));
        self.previous = Some(at);
        for field in [
            &mut self.label,
            &mut self.when,
            &mut self.seals,
            &mut self.notes,
            &mut self.from,
        ] {
            field.clear();
        }
        self.outside_confirmed = false;
        self.focus = Some(Field::Label);
    }
}

/// What is known of the item: its kind, where it is now and its expected seals.
fn item_status(ui: &mut Ui, item: Option<&CustodyItem>, last: Option<&CustodyEvent>) {
    match item {
        Some(i) => {
            let expected = if i.expected_seals.is_empty() {
                String::new()
            } else {
                format!("; expected seals {}", i.expected_seals.join(", "))
            };
            let where_now = last.map_or_else(
                || "no events yet".to_owned(),
                |l| format!("last: {} by {} at {}", l.stage, l.to, moment(l.at)),
            );
            let text = format!("{} {} — {where_now}{expected}", i.kind, i.label);
            ui.add(egui::Label::new(RichText::new(text).weak()).truncate());
        }
        None => {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                "No item has this label. Check it, or add the item under \u{201c}Items and \
                 timelines\u{201d}.",
            );
        }
    }
}
