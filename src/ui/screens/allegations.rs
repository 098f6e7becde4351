//! Section 14: referring allegations to the police, preserving evidence, and the referral log.

use egui::Ui;

use super::short;
use crate::model::{EvidenceItem, Plan, Referral, ReferralId, ReferralOutcome, Section};
use crate::ui::edits::Edits;
use crate::ui::form::{EntityForm, Form, Whole};
use crate::ui::screen::{Columns, Declare, ListScreen, View, columns};

/// The allegations screen.
pub type Screen = ListScreen<Referrals>;

/// The referral route above the log, the log's columns, a referral's fields and its evidence.
#[derive(Default)]
pub struct Referrals {
    /// The evidence item being written, before it is recorded.
    draft: EvidenceItem,
}

impl Declare for Referrals {
    type E = Referral;
    const COLUMNS: Columns = columns![
        "Date" 120, "Allegation" 360, "Police ref." 120, "Outcome" 150,
    ];

    fn above(&mut self, ui: &mut Ui, view: &View<'_>, edits: &mut Edits) -> bool {
        let a = &view.plan.allegations;
        let people = &view.plan.people;
        let place = (Section::Allegations, Whole);
        Form::show(ui, edits, place, "allegations-form", false, |form| {
            let contact = a.police_contact;
            form.person("Police contact for referrals", contact, people, |p, v| {
                p.allegations.police_contact = v;
            });
            let route = "Referral route (one step per line)";
            form.lines(route, &a.referral_route, |p, v| {
                p.allegations.referral_route = v
            });
            let procedure = "Evidence procedure (one step per line)";
            form.lines(procedure, &a.evidence_procedure, |p, v| {
                p.allegations.evidence_procedure = v;
            });
        });
        ui.add_space(10.0);
        ui.heading("Referral log");
        false
    }

    fn cells(&self, _plan: &Plan, r: &Self::E) -> Vec<String> {
        vec![
            super::day(Some(r.date)),
            short(&r.summary),
            r.police_reference.clone(),
            r.outcome.label().to_owned(),
        ]
    }

    fn create(&mut self, view: &View<'_>) -> Self::E {
        Referral {
            handling: crate::model::Handling::FullCopyOnly,
            id: ReferralId::new(),
            date: view.now.date(),
            summary: String::new(),
            referred_by: None,
            police_reference: String::new(),
            evidence: vec![],
            outcome: ReferralOutcome::Open,
            outcome_note: String::new(),
        }
    }

    fn fields(&mut self, form: &mut EntityForm<'_, Self::E>, r: &Self::E, view: &View<'_>) {
        let people = &view.plan.people;
        form.multiline("Allegation", &r.summary, |x, v| x.summary = v);
        form.day("Referred on", r.date, |x, v| x.date = v);
        form.person("Referred by", r.referred_by, people, |x, v| {
            x.referred_by = v
        });
        form.text("Police reference", &r.police_reference, |x, v| {
            x.police_reference = v
        });
        form.choice("Outcome", r.outcome, |x, v| x.outcome = v);
        form.multiline("Outcome detail", &r.outcome_note, |x, v| x.outcome_note = v);
        for (k, e) in r.evidence.iter().enumerate() {
            let seal = if e.seal_number.is_empty() {
                String::new()
            } else {
                format!(" (bag or seal {})", e.seal_number)
            };
            form.shown(
                &format!("Evidence {}", k + 1),
                &format!("{}{seal}", e.description),
            );
        }
        self.evidence_entry(form);
        form.choice("Shown in", r.handling, |x, v| x.handling = v);
    }
}

impl Referrals {
    /// Evidence handed over is a record: an item is written, then recorded, and fixed from then on.
    fn evidence_entry(&mut self, form: &mut EntityForm<'_, Referral>) {
        let mut record = false;
        let draft = &mut self.draft;
        form.row("New evidence item", |ui| {
            let what = ui.label("What it is");
            ui.add(egui::TextEdit::singleline(&mut draft.description).desired_width(260.0))
                .labelled_by(what.id);
            let seal = ui.label("Bag or seal number");
            ui.add(egui::TextEdit::singleline(&mut draft.seal_number).desired_width(120.0))
                .labelled_by(seal.id);
            let ready = !draft.description.trim().is_empty();
            record = ui
                .add_enabled(ready, egui::Button::new("Record evidence item"))
                .on_hover_text("Evidence items are fixed once recorded")
                .clicked();
        });
        if record {
            let item = std::mem::take(&mut self.draft);
            if crate::ui::widgets::refused_characters(&item.description, form.edits)
                || crate::ui::widgets::refused_characters(&item.seal_number, form.edits)
            {
                self.draft = item;
                return;
            }
            form.change("record evidence item", move |x| x.evidence.push(item));
        }
    }
}

#[cfg(test)]
#[path = "tests/allegations.rs"]
mod tests;
