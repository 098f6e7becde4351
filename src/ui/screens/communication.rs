//! Section 4: lines of communication and their cadence towards polling day.

use egui::Ui;

use super::overview::op_label;
use super::{View, master_detail, position, short};
use crate::export::plan::schedule_text;
use crate::model::{
    Cadence, CadencePhase, Channel, CommunicationLine, CommunicationLineId, EscalationLevelId,
    Plan, Section,
};
use crate::ui::edits::Edits;
use crate::ui::list::{List, Row};
use crate::ui::widgets::{self, apply_row_op, form, row_ops};

const S: Section = Section::Communication;

/// The communication screen.
#[derive(Default)]
pub struct Screen {
    /// The lines.
    pub list: List,
}

fn with(p: &mut Plan, id: CommunicationLineId, f: impl FnOnce(&mut CommunicationLine)) {
    if let Some(x) = p.communication.iter_mut().find(|x| x.id == id) {
        f(x);
    }
}

impl Screen {
    pub fn ui(&mut self, ui: &mut Ui, view: &View<'_>, edits: &mut Edits) {
        let plan = view.plan;
        let mut add = || {
            let id = CommunicationLineId::new();
            edits.push(S, "add line of communication", move |p| {
                p.communication.push(CommunicationLine {
                    id,
                    from: None,
                    to: None,
                    subject: "New line of communication".into(),
                    channel: Channel::Phone,
                    schedule: vec![
                        CadencePhase {
                            from_days_before_poll: 28,
                            cadence: Cadence::Weekly,
                        },
                        CadencePhase {
                            from_days_before_poll: 7,
                            cadence: Cadence::Daily,
                        },
                    ],
                    escalates_to: None,
                });
            });
            id.0
        };
        let rows = || {
            plan.communication
                .iter()
                .map(|l| Row {
                    id: l.id.0,
                    cells: vec![
                        format!("{} → {}", plan.person_name(l.from), plan.person_name(l.to)),
                        short(&l.subject),
                        l.channel.label().to_owned(),
                        schedule_text(&l.schedule),
                    ],
                    tint: None,
                })
                .collect()
        };
        let selected = master_detail(
            ui,
            &mut self.list,
            view,
            "line",
            "lines",
            "Who contacts whom, about what, by which channel and how often. Contact tightens towards polling day.",
            &[
                ("From → to", 240.0),
                ("About", 240.0),
                ("Channel", 100.0),
                ("How often", 300.0),
            ],
            rows,
            Some(&mut add),
        );
        let Some(id) = selected else { return };
        let Some((i, len)) = position(&plan.communication, id, |l| l.id.0) else {
            return;
        };
        let line = &plan.communication[i];
        let lid = line.id;
        egui::ScrollArea::vertical()
            .id_salt("line-detail")
            .show(ui, |ui| {
                form(ui, ("line", id), |ui| {
                    widgets::person(
                        ui,
                        edits,
                        S,
                        "From",
                        line.from,
                        &plan.people,
                        move |p, v| with(p, lid, |x| x.from = v),
                    );
                    widgets::person(ui, edits, S, "To", line.to, &plan.people, move |p, v| {
                        with(p, lid, |x| x.to = v)
                    });
                    widgets::multiline(ui, edits, S, "About", &line.subject, move |p, v| {
                        with(p, lid, |x| x.subject = v)
                    });
                    widgets::choice(ui, edits, S, "Channel", line.channel, move |p, v| {
                        with(p, lid, |x| x.channel = v)
                    });
                    escalates_to(ui, edits, plan, line.escalates_to, lid);
                    for (k, phase) in line.schedule.iter().enumerate() {
                        let n = k + 1;
                        widgets::count(
                            ui,
                            edits,
                            S,
                            &format!("Phase {n} starts (days before poll)"),
                            phase.from_days_before_poll,
                            move |p, v| {
                                with(p, lid, |x| {
                                    if let Some(ph) = x.schedule.get_mut(k) {
                                        ph.from_days_before_poll = v;
                                    }
                                });
                            },
                        );
                        widgets::choice(
                            ui,
                            edits,
                            S,
                            &format!("Phase {n} cadence"),
                            phase.cadence,
                            move |p, v| {
                                with(p, lid, |x| {
                                    if let Some(ph) = x.schedule.get_mut(k) {
                                        ph.cadence = v;
                                    }
                                });
                            },
                        );
                    }
                    ui.label("");
                    ui.horizontal(|ui| {
                        if ui.button("Add phase").clicked() {
                            edits.push(S, "add cadence phase", move |p| {
                                with(p, lid, |x| {
                                    let next = x
                                        .schedule
                                        .iter()
                                        .map(|p| p.from_days_before_poll)
                                        .min()
                                        .map_or(28, |d| d / 2);
                                    x.schedule.push(CadencePhase {
                                        from_days_before_poll: next,
                                        cadence: Cadence::Daily,
                                    });
                                });
                            });
                        }
                        if !line.schedule.is_empty() && ui.button("Remove last phase").clicked() {
                            edits.push(S, "remove cadence phase", move |p| {
                                with(p, lid, |x| {
                                    x.schedule.pop();
                                });
                            });
                        }
                    });
                    ui.end_row();
                });
                ui.weak(schedule_text(&line.schedule));
                if let Some(op) = row_ops(ui, "line", i, len) {
                    edits.push(S, op_label(op, "line"), move |p| {
                        apply_row_op(&mut p.communication, |x| x.id == lid, op)
                    });
                }
            });
    }
}

/// Where a line's matters escalate to: a level of the ladder.
fn escalates_to(
    ui: &mut Ui,
    edits: &mut Edits,
    plan: &Plan,
    value: Option<EscalationLevelId>,
    lid: CommunicationLineId,
) {
    let shown = value
        .and_then(|v| plan.escalation.iter().find(|e| e.id == v))
        .map_or("Nowhere".to_owned(), |e| e.name.clone());
    let options = || {
        std::iter::once((None, "Nowhere".to_owned()))
            .chain(plan.escalation.iter().map(|e| (Some(e.id), e.name.clone())))
            .collect()
    };
    widgets::pick(
        ui,
        edits,
        S,
        "Escalates to",
        &value,
        &shown,
        options,
        move |p, v| with(p, lid, |x| x.escalates_to = v),
    );
}
