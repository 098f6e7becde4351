//! Section 14: referring allegations to the police, preserving evidence, and the referral log.

use egui::Ui;

use super::overview::op_label;
use super::{View, master_detail, position, short};
use crate::model::{EvidenceItem, Plan, Referral, ReferralId, ReferralOutcome, Section};
use crate::ui::edits::Edits;
use crate::ui::list::{List, Row};
use crate::ui::widgets::{self, apply_row_op, form, row_ops};

const S: Section = Section::Allegations;

/// The allegations screen.
#[derive(Default)]
pub struct Screen {
    /// The referral log.
    pub list: List,
}

fn with(p: &mut Plan, id: ReferralId, f: impl FnOnce(&mut Referral)) {
    if let Some(x) = p.allegations.referrals.iter_mut().find(|x| x.id == id) {
        f(x);
    }
}

impl Screen {
    pub fn ui(&mut self, ui: &mut Ui, view: &View<'_>, edits: &mut Edits) {
        let plan = view.plan;
        let a = &plan.allegations;
        egui::ScrollArea::vertical()
            .id_salt("allegations")
            .show(ui, |ui| {
                form(ui, "allegations-form", |ui| {
                    widgets::person(
                        ui,
                        edits,
                        S,
                        "Police contact for referrals",
                        a.police_contact,
                        &plan.people,
                        |p, v| p.allegations.police_contact = v,
                    );
                    widgets::lines(
                        ui,
                        edits,
                        S,
                        "Referral route (one step per line)",
                        &a.referral_route,
                        |p, v| p.allegations.referral_route = v,
                    );
                    widgets::lines(
                        ui,
                        edits,
                        S,
                        "Evidence procedure (one step per line)",
                        &a.evidence_procedure,
                        |p, v| p.allegations.evidence_procedure = v,
                    );
                });
                ui.add_space(10.0);
                ui.heading("Referral log");
                let today = view.now.date();
                let mut add = || {
                    let id = ReferralId::new();
                    edits.push(S, "add referral", move |p| {
                        p.allegations.referrals.push(Referral {
                            id,
                            date: today,
                            summary: String::new(),
                            referred_by: None,
                            police_reference: String::new(),
                            evidence: vec![],
                            outcome: ReferralOutcome::Open,
                            outcome_note: String::new(),
                        });
                    });
                    id.0
                };
                let rows = || {
                    a.referrals
                        .iter()
                        .map(|r| Row {
                            id: r.id.0,
                            cells: vec![
                                r.date.to_string(),
                                short(&r.summary),
                                r.police_reference.clone(),
                                r.outcome.label().to_owned(),
                            ],
                            tint: None,
                        })
                        .collect()
                };
                let selected = master_detail(
                    ui,
                    &mut self.list,
                    view,
                    "referral",
                    "referrals",
                    "",
                    &[
                        ("Date", 100.0),
                        ("Allegation", 360.0),
                        ("Police ref.", 120.0),
                        ("Outcome", 150.0),
                    ],
                    rows,
                    Some(&mut add),
                );
                let Some(id) = selected else { return };
                let Some((i, len)) = position(&a.referrals, id, |x| x.id.0) else {
                    return;
                };
                let r = &a.referrals[i];
                let rid = r.id;
                form(ui, ("referral", id), |ui| {
                    widgets::date(
                        ui,
                        edits,
                        S,
                        "Referred on",
                        Some(r.date),
                        false,
                        move |p, v| {
                            if let Some(d) = v {
                                with(p, rid, |x| x.date = d);
                            }
                        },
                    );
                    widgets::multiline(ui, edits, S, "Allegation", &r.summary, move |p, v| {
                        with(p, rid, |x| x.summary = v)
                    });
                    widgets::person(
                        ui,
                        edits,
                        S,
                        "Referred by",
                        r.referred_by,
                        &plan.people,
                        move |p, v| with(p, rid, |x| x.referred_by = v),
                    );
                    widgets::text(
                        ui,
                        edits,
                        S,
                        "Police reference",
                        &r.police_reference,
                        move |p, v| with(p, rid, |x| x.police_reference = v),
                    );
                    widgets::choice(ui, edits, S, "Outcome", r.outcome, move |p, v| {
                        with(p, rid, |x| x.outcome = v)
                    });
                    widgets::multiline(
                        ui,
                        edits,
                        S,
                        "Outcome detail",
                        &r.outcome_note,
                        move |p, v| with(p, rid, |x| x.outcome_note = v),
                    );
                    for (k, e) in r.evidence.iter().enumerate() {
                        let n = k + 1;
                        let set = move |p: &mut Plan, f: &dyn Fn(&mut EvidenceItem)| {
                            with(p, rid, |x| {
                                if let Some(e) = x.evidence.get_mut(k) {
                                    f(e);
                                }
                            });
                        };
                        widgets::text(
                            ui,
                            edits,
                            S,
                            &format!("Evidence {n}"),
                            &e.description,
                            move |p, v| set(p, &|e| e.description = v.clone()),
                        );
                        widgets::text(
                            ui,
                            edits,
                            S,
                            &format!("Evidence {n} bag or seal number"),
                            &e.seal_number,
                            move |p, v| set(p, &|e| e.seal_number = v.clone()),
                        );
                    }
                    ui.label("");
                    ui.horizontal(|ui| {
                        if ui.button("Add evidence item").clicked() {
                            edits.push(S, "add evidence", move |p| {
                                with(p, rid, |x| {
                                    x.evidence.push(EvidenceItem {
                                        description: String::new(),
                                        seal_number: String::new(),
                                        custody_item: None,
                                    })
                                });
                            });
                        }
                        if !r.evidence.is_empty()
                            && ui.button("Remove last evidence item").clicked()
                        {
                            edits.push(S, "remove evidence", move |p| {
                                with(p, rid, |x| {
                                    x.evidence.pop();
                                });
                            });
                        }
                    });
                    ui.end_row();
                });
                if let Some(op) = row_ops(ui, "referral", i, len) {
                    edits.push(S, op_label(op, "referral"), move |p| {
                        apply_row_op(&mut p.allegations.referrals, |x| x.id == rid, op)
                    });
                }
            });
    }
}
