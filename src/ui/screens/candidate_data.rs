//! Section 6: sharing candidate contact details with the FEOA.

use egui::Ui;

use super::overview::op_label;
use super::{View, master_detail, position};
use crate::model::{
    Candidate, CandidateDataField, CandidateId, DataTransfer, DataTransferId, Plan, Section,
};
use crate::ui::edits::Edits;
use crate::ui::list::{List, Row};
use crate::ui::widgets::{self, apply_row_op, form, row_ops};

const S: Section = Section::CandidateData;

/// The candidate data screen.
#[derive(Default)]
pub struct Screen {
    /// The candidates.
    pub list: List,
    /// The data transfer log.
    pub transfers: List,
}

fn with_transfer(p: &mut Plan, id: DataTransferId, f: impl FnOnce(&mut DataTransfer)) {
    if let Some(x) = p.candidate_data.transfers.iter_mut().find(|x| x.id == id) {
        f(x);
    }
}

fn with(p: &mut Plan, id: CandidateId, f: impl FnOnce(&mut Candidate)) {
    if let Some(x) = p.candidate_data.candidates.iter_mut().find(|x| x.id == id) {
        f(x);
    }
}

impl Screen {
    pub fn ui(&mut self, ui: &mut Ui, view: &View<'_>, edits: &mut Edits) {
        let plan = view.plan;
        let c = &plan.candidate_data;
        egui::ScrollArea::vertical().id_salt("candidate-data").show(ui, |ui| {
            ui.label("What is shared with the force elected-official adviser, on what lawful basis, how it is sent and kept. Candidate details are withheld from redacted exports.");
            form(ui, "sharing", |ui| {
                widgets::check(ui, edits, S, "Sharing", "Candidate details are shared with the FEOA", c.sharing, |p, v| p.candidate_data.sharing = v);
                widgets::person(ui, edits, S, "Recipient", c.recipient, &plan.people, |p, v| p.candidate_data.recipient = v);
                ui.label(egui::RichText::new("What is shared").strong());
                fields_picker(ui, edits, &c.fields, "", "change what is shared", |p| {
                    Some(&mut p.candidate_data.fields)
                });
                ui.end_row();
                widgets::maybe_choice(ui, edits, S, "Lawful basis", c.lawful_basis, |p, v| p.candidate_data.lawful_basis = v);
                widgets::maybe_choice(ui, edits, S, "Article 9 condition (party)", c.special_category, |p, v| p.candidate_data.special_category = v);
                widgets::multiline(ui, edits, S, "Why that basis applies", &c.basis_explanation, |p, v| p.candidate_data.basis_explanation = v);
                widgets::text(ui, edits, S, "How it is sent", &c.transmission, |p, v| p.candidate_data.transmission = v);
                widgets::text(ui, edits, S, "Retention and destruction", &c.retention, |p, v| p.candidate_data.retention = v);
                widgets::date(ui, edits, S, "Privacy notice reviewed", c.privacy_notice_reviewed, true, |p, v| p.candidate_data.privacy_notice_reviewed = v);
                widgets::maybe_choice(ui, edits, S, "Privacy notice covers the FEOA", c.privacy_notice_feoa, |p, v| p.candidate_data.privacy_notice_feoa = v);
                widgets::date(ui, edits, S, "Data protection policy reviewed", c.data_protection_policy_reviewed, true, |p, v| {
                    p.candidate_data.data_protection_policy_reviewed = v;
                });
            });
            if c.has_special_category_data() {
                ui.weak("A candidate's party is political opinion, special category data: record the UK GDPR Article 9 condition (and its Data Protection Act 2018 Sch. 1 condition) besides the Article 6 basis.");
            }
            ui.add_space(10.0);
            self.transfer_log(ui, view, edits);
            ui.add_space(10.0);
            ui.heading("Candidates");
            let mut add = || {
                let id = CandidateId::new();
                edits.push(S, "add candidate", move |p| {
                    p.candidate_data.candidates.push(Candidate {
                        id,
                        name: String::new(),
                        contest: None,
                        party: String::new(),
                        address: String::new(),
                        phone: String::new(),
                        email: String::new(),
                        consented: false,
                    });
                });
                id.0
            };
            let contest_name = |id: Option<crate::model::ContestId>| {
                id.and_then(|id| plan.overview.contests.iter().find(|c| c.id == id)).map_or(String::new(), |c| c.name.clone())
            };
            let rows = || {
                c.candidates
                    .iter()
                    .map(|x| Row {
                        id: x.id.0,
                        cells: vec![x.name.clone(), contest_name(x.contest), x.party.clone(), if x.consented { "Yes".into() } else { "No".into() }],
                        tint: None,
                    })
                    .collect()
            };
            let selected = master_detail(ui, &mut self.list, view, "candidate", "candidates", "", &[("Candidate", 200.0), ("Contest", 160.0), ("Party", 200.0), ("Consented", 80.0)], rows, Some(&mut add));
            let Some(id) = selected else { return };
            let Some((i, len)) = position(&c.candidates, id, |x| x.id.0) else { return };
            let x = &c.candidates[i];
            let cid = x.id;
            form(ui, ("candidate", id), |ui| {
                widgets::text(ui, edits, S, "Candidate name", &x.name, move |p, v| with(p, cid, |x| x.name = v));
                contest_picker(ui, edits, plan, x.contest, cid);
                widgets::text(ui, edits, S, "Party or description", &x.party, move |p, v| with(p, cid, |x| x.party = v));
                widgets::multiline(ui, edits, S, "Home address", &x.address, move |p, v| with(p, cid, |x| x.address = v));
                widgets::text(ui, edits, S, "Telephone", &x.phone, move |p, v| with(p, cid, |x| x.phone = v));
                widgets::text(ui, edits, S, "Email", &x.email, move |p, v| with(p, cid, |x| x.email = v));
                widgets::check(ui, edits, S, "Consented", "Agreed to their details going to the FEOA", x.consented, move |p, v| with(p, cid, |x| x.consented = v));
            });
            if let Some(op) = row_ops(ui, "candidate", i, len) {
                edits.push(S, op_label(op, "candidate"), move |p| apply_row_op(&mut p.candidate_data.candidates, |x| x.id == cid, op));
            }
        });
    }
}

impl Screen {
    /// Selects a candidate or a logged transfer (from the readiness panel).
    pub fn focus(&mut self, id: uuid::Uuid) {
        self.list.selected = Some(id);
        self.transfers.selected = Some(id);
    }

    /// The data transfer log: each sending of candidate data to the police, with its Article 6 basis and,
    /// for a party, its Article 9 condition.
    fn transfer_log(&mut self, ui: &mut Ui, view: &View<'_>, edits: &mut Edits) {
        let plan = view.plan;
        let c = &plan.candidate_data;
        ui.heading("Data transfer log");
        let today = view.now.date();
        let arrangement = (
            c.recipient,
            c.fields.clone(),
            c.lawful_basis,
            c.special_category,
            c.transmission.clone(),
        );
        let mut add = || {
            let id = DataTransferId::new();
            let (recipient, fields, lawful_basis, special_category, method) = arrangement.clone();
            edits.push(S, "log a transfer", move |p| {
                p.candidate_data.transfers.push(DataTransfer {
                    id,
                    date: today,
                    recipient,
                    sent_by: None,
                    fields,
                    candidates: Vec::new(),
                    lawful_basis,
                    special_category,
                    method,
                    notes: String::new(),
                });
            });
            id.0
        };
        let rows = || {
            c.transfers
                .iter()
                .map(|t| Row {
                    id: t.id.0,
                    cells: vec![
                        t.date.to_string(),
                        plan.person_name(t.recipient).to_owned(),
                        t.fields
                            .iter()
                            .map(|f| f.label())
                            .collect::<Vec<_>>()
                            .join(", "),
                        t.lawful_basis
                            .map_or("Not recorded", |b| b.label())
                            .to_owned(),
                        if t.has_special_category_data() {
                            t.special_category
                                .map_or("Not recorded", |s| s.label())
                                .to_owned()
                        } else {
                            "Not needed".to_owned()
                        },
                    ],
                    tint: None,
                })
                .collect()
        };
        let selected = master_detail(
            ui,
            &mut self.transfers,
            view,
            "transfer",
            "transfers",
            "Each time candidate data goes to the police, log it here: a new entry starts from the sharing arrangement above.",
            &[
                ("Date", 90.0),
                ("To", 160.0),
                ("What", 220.0),
                ("Article 6", 170.0),
                ("Article 9", 220.0),
            ],
            rows,
            Some(&mut add),
        );
        let Some(id) = selected else { return };
        let Some((i, len)) = position(&c.transfers, id, |x| x.id.0) else {
            return;
        };
        let t = &c.transfers[i];
        let tid = t.id;
        form(ui, ("transfer", id), |ui| {
            widgets::date(ui, edits, S, "Sent on", Some(t.date), false, move |p, v| {
                if let Some(d) = v {
                    with_transfer(p, tid, |x| x.date = d);
                }
            });
            widgets::person(
                ui,
                edits,
                S,
                "Sent to",
                t.recipient,
                &plan.people,
                move |p, v| with_transfer(p, tid, |x| x.recipient = v),
            );
            widgets::person(
                ui,
                edits,
                S,
                "Sent by",
                t.sent_by,
                &plan.people,
                move |p, v| with_transfer(p, tid, |x| x.sent_by = v),
            );
            ui.label(egui::RichText::new("What was sent").strong());
            fields_picker(
                ui,
                edits,
                &t.fields,
                "Sent: ",
                "change what was sent",
                move |p| {
                    p.candidate_data
                        .transfers
                        .iter_mut()
                        .find(|x| x.id == tid)
                        .map(|x| &mut x.fields)
                },
            );
            ui.end_row();
            widgets::maybe_choice(
                ui,
                edits,
                S,
                "Transfer's Article 6 basis",
                t.lawful_basis,
                move |p, v| with_transfer(p, tid, |x| x.lawful_basis = v),
            );
            widgets::maybe_choice(
                ui,
                edits,
                S,
                "Transfer's Article 9 condition",
                t.special_category,
                move |p, v| with_transfer(p, tid, |x| x.special_category = v),
            );
            widgets::text(ui, edits, S, "Sent how", &t.method, move |p, v| {
                with_transfer(p, tid, |x| x.method = v)
            });
            widgets::multiline(ui, edits, S, "Transfer notes", &t.notes, move |p, v| {
                with_transfer(p, tid, |x| x.notes = v)
            });
        });
        if let Some(op) = row_ops(ui, "transfer", i, len) {
            edits.push(S, op_label(op, "transfer"), move |p| {
                apply_row_op(&mut p.candidate_data.transfers, |x| x.id == tid, op)
            });
        }
    }
}

/// A box per kind of candidate data, ticked for those in `current`; a change edits the list `fields_of`
/// finds in the plan. `prefix` tells the boxes apart for screen readers where two pickers share a screen.
fn fields_picker(
    ui: &mut Ui,
    edits: &mut Edits,
    current: &[CandidateDataField],
    prefix: &str,
    undo_label: &'static str,
    fields_of: impl Fn(&mut Plan) -> Option<&mut Vec<CandidateDataField>> + Copy + 'static,
) {
    ui.horizontal_wrapped(|ui| {
        for field in CandidateDataField::ALL {
            let mut on = current.contains(field);
            if ui
                .checkbox(&mut on, format!("{prefix}{}", field.label()))
                .changed()
            {
                let field = *field;
                edits.push(S, undo_label, move |p| {
                    let Some(fields) = fields_of(p) else { return };
                    if !on {
                        fields.retain(|f| *f != field);
                    } else if !fields.contains(&field) {
                        fields.push(field);
                    }
                });
            }
        }
    });
}

/// The contest a candidate stands in.
fn contest_picker(
    ui: &mut Ui,
    edits: &mut Edits,
    plan: &Plan,
    value: Option<crate::model::ContestId>,
    cid: CandidateId,
) {
    let contests = &plan.overview.contests;
    let shown = value
        .and_then(|v| contests.iter().find(|c| c.id == v))
        .map_or("Not set".to_owned(), |c| c.name.clone());
    let options = || {
        std::iter::once((None, "Not set".to_owned()))
            .chain(contests.iter().map(|c| (Some(c.id), c.name.clone())))
            .collect()
    };
    widgets::pick(
        ui,
        edits,
        S,
        "Contest",
        &value,
        &shown,
        options,
        move |p, v| with(p, cid, |x| x.contest = v),
    );
}
