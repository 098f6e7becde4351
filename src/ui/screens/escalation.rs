//! Section 8: the escalation ladder for safety concerns.

use egui::Ui;

use super::overview::op_label;
use super::{View, master_detail, position, short};
use crate::model::{Channel, EscalationLevel, EscalationLevelId, Plan, Section};
use crate::ui::edits::Edits;
use crate::ui::list::{List, Row};
use crate::ui::widgets::{self, apply_row_op, form, row_ops};

const S: Section = Section::Escalation;

/// The escalation screen.
#[derive(Default)]
pub struct Screen {
    /// The ladder.
    pub list: List,
}

fn with(p: &mut Plan, id: EscalationLevelId, f: impl FnOnce(&mut EscalationLevel)) {
    if let Some(x) = p.escalation.iter_mut().find(|x| x.id == id) {
        f(x);
    }
}

impl Screen {
    pub fn ui(&mut self, ui: &mut Ui, view: &View<'_>, edits: &mut Edits) {
        let plan = view.plan;
        let mut add = || {
            let id = EscalationLevelId::new();
            edits.push(S, "add escalation level", move |p| {
                p.escalation.push(EscalationLevel {
                    id,
                    name: "New level".into(),
                    trigger: String::new(),
                    contact: None,
                    channel: Channel::Phone,
                    respond_within_minutes: None,
                    actions: String::new(),
                });
            });
            id.0
        };
        let rows = || {
            plan.escalation
                .iter()
                .enumerate()
                .map(|(n, l)| {
                    let contact = if l.uses_public_number() && l.contact.is_none() {
                        l.channel.label().to_owned()
                    } else {
                        plan.person_name(l.contact).to_owned()
                    };
                    let within = l.respond_within_minutes.map_or(String::new(), |m| {
                        if m == 0 {
                            "Immediately".to_owned()
                        } else {
                            format!("{m} min")
                        }
                    });
                    Row {
                        id: l.id.0,
                        cells: vec![
                            format!("{}. {}", n + 1, l.name),
                            short(&l.trigger),
                            contact,
                            l.channel.label().to_owned(),
                            within,
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
            "level",
            "levels",
            "The agreed route for notifying and escalating concerns: 999 for immediate danger, 101 for a crime, the SPOC for election matters.",
            &[
                ("Level", 220.0),
                ("Trigger", 300.0),
                ("Contact", 160.0),
                ("How", 90.0),
                ("Within", 90.0),
            ],
            rows,
            Some(&mut add),
        );
        let Some(id) = selected else { return };
        let Some((i, len)) = position(&plan.escalation, id, |x| x.id.0) else {
            return;
        };
        let l = &plan.escalation[i];
        let lid = l.id;
        egui::ScrollArea::vertical()
            .id_salt("level-detail")
            .show(ui, |ui| {
                form(ui, ("level", id), |ui| {
                    widgets::text(ui, edits, S, "Name", &l.name, move |p, v| {
                        with(p, lid, |x| x.name = v)
                    });
                    widgets::multiline(ui, edits, S, "Trigger", &l.trigger, move |p, v| {
                        with(p, lid, |x| x.trigger = v)
                    });
                    widgets::choice(ui, edits, S, "Channel", l.channel, move |p, v| {
                        with(p, lid, |x| x.channel = v)
                    });
                    widgets::person(
                        ui,
                        edits,
                        S,
                        "Contact",
                        l.contact,
                        &plan.people,
                        move |p, v| with(p, lid, |x| x.contact = v),
                    );
                    let minutes = l.respond_within_minutes.map(f64::from);
                    widgets::number(
                        ui,
                        edits,
                        S,
                        "Respond within (minutes)",
                        minutes,
                        move |p, v| {
                            with(p, lid, |x| {
                                x.respond_within_minutes =
                                    v.map(|m| m.clamp(0.0, 100_000.0).round() as u32)
                            });
                        },
                    );
                    widgets::multiline(
                        ui,
                        edits,
                        S,
                        "What happens next",
                        &l.actions,
                        move |p, v| with(p, lid, |x| x.actions = v),
                    );
                });
                if let Some(op) = row_ops(ui, "level", i, len) {
                    edits.push(S, op_label(op, "level"), move |p| {
                        apply_row_op(&mut p.escalation, |x| x.id == lid, op)
                    });
                }
            });
    }
}
