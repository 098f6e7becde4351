//! Section 10: integrity hotspots.

use egui::Ui;

use super::overview::op_label;
use super::{View, day, master_detail, position, short};
use crate::model::{Hotspot, HotspotId, HotspotKind, Plan, Section};
use crate::ui::edits::Edits;
use crate::ui::list::{List, Row};
use crate::ui::widgets::{self, apply_row_op, form, row_ops};

const S: Section = Section::Hotspots;

/// The hotspots screen.
#[derive(Default)]
pub struct Screen {
    /// The hotspots.
    pub list: List,
}

fn with(p: &mut Plan, id: HotspotId, f: impl FnOnce(&mut Hotspot)) {
    if let Some(x) = p.hotspots.iter_mut().find(|x| x.id == id) {
        f(x);
    }
}

impl Screen {
    pub fn ui(&mut self, ui: &mut Ui, view: &View<'_>, edits: &mut Edits) {
        let plan = view.plan;
        let mut add = || {
            let id = HotspotId::new();
            edits.push(S, "add hotspot", move |p| {
                p.hotspots.push(Hotspot {
                    id,
                    name: "New hotspot".into(),
                    kind: HotspotKind::MultipleOccupation,
                    address: String::new(),
                    electors: 0,
                    concern: String::new(),
                    mitigation: String::new(),
                    site_contact: String::new(),
                    briefed_on: None,
                    owner: None,
                });
            });
            id.0
        };
        let rows = || {
            plan.hotspots
                .iter()
                .map(|h| Row {
                    id: h.id.0,
                    cells: vec![
                        h.name.clone(),
                        h.kind.label().to_owned(),
                        h.electors.to_string(),
                        short(&h.concern),
                        day(h.briefed_on),
                    ],
                    tint: None,
                })
                .collect()
        };
        let selected = master_detail(
            ui,
            &mut self.list,
            view,
            "hotspot",
            "hotspots",
            "Houses in multiple occupation, student halls, care homes and similar places where others may reach electors' post or help with applications.",
            &[
                ("Place", 220.0),
                ("Kind", 170.0),
                ("Electors", 70.0),
                ("Concern", 300.0),
                ("Briefed", 100.0),
            ],
            rows,
            Some(&mut add),
        );
        let Some(id) = selected else { return };
        let Some((i, len)) = position(&plan.hotspots, id, |x| x.id.0) else {
            return;
        };
        let h = &plan.hotspots[i];
        let hid = h.id;
        egui::ScrollArea::vertical()
            .id_salt("hotspot-detail")
            .show(ui, |ui| {
                form(ui, ("hotspot", id), |ui| {
                    widgets::text(ui, edits, S, "Name", &h.name, move |p, v| {
                        with(p, hid, |x| x.name = v)
                    });
                    widgets::choice(ui, edits, S, "Kind", h.kind, move |p, v| {
                        with(p, hid, |x| x.kind = v)
                    });
                    widgets::multiline(ui, edits, S, "Address", &h.address, move |p, v| {
                        with(p, hid, |x| x.address = v)
                    });
                    widgets::count(ui, edits, S, "Electors", h.electors, move |p, v| {
                        with(p, hid, |x| x.electors = v)
                    });
                    widgets::multiline(ui, edits, S, "Concern", &h.concern, move |p, v| {
                        with(p, hid, |x| x.concern = v)
                    });
                    widgets::multiline(ui, edits, S, "Mitigation", &h.mitigation, move |p, v| {
                        with(p, hid, |x| x.mitigation = v)
                    });
                    widgets::text(
                        ui,
                        edits,
                        S,
                        "Site contact briefed",
                        &h.site_contact,
                        move |p, v| with(p, hid, |x| x.site_contact = v),
                    );
                    widgets::date(
                        ui,
                        edits,
                        S,
                        "Briefed on",
                        h.briefed_on,
                        true,
                        move |p, v| with(p, hid, |x| x.briefed_on = v),
                    );
                    widgets::person(ui, edits, S, "Owner", h.owner, &plan.people, move |p, v| {
                        with(p, hid, |x| x.owner = v)
                    });
                });
                if let Some(op) = row_ops(ui, "hotspot", i, len) {
                    edits.push(S, op_label(op, "hotspot"), move |p| {
                        apply_row_op(&mut p.hotspots, |x| x.id == hid, op)
                    });
                }
            });
    }
}
