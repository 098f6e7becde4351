//! Section 13: venues, their security assessments, and the checklist they are assessed against.

use egui::{RichText, Ui};
use uuid::Uuid;

use super::{day, short};
use crate::model::{
    MeasureCheck, MeasureId, MeasureStatus, Plan, Rating, Risk, RiskCategory, RiskId, RiskStatus,
    Section, SecurityAssessment, SecurityMeasure, Venue, VenueId, VenueKind,
};
use crate::ui::edits::Edits;
use crate::ui::form::{At, EntityForm, Form};
use crate::ui::list::List;
use crate::ui::screen::{Columns, Declare, ListScreen, Parts, Tabbed, View, columns};
use crate::ui::tokens;

const S: Section = Section::Venues;

/// The venues screen: the venues with their assessments, and the checklist.
pub type Screen = Tabbed<VenueParts>;

crate::ui::screen::parts! {
    Venues => "Venues and assessments",
    Checklist => "Security checklist",
}

/// The venues and the checklist they are assessed against.
#[derive(Default)]
pub struct VenueParts {
    venues: ListScreen<Venues>,
    checklist: ListScreen<Checklist>,
    /// A finding's entity, shown on the next frame on the tab its list is on.
    pending_focus: Option<Uuid>,
}

impl Parts for VenueParts {
    type Tab = Tab;
    const SECTION: Section = S;
    const LIST_TAB: Tab = Tab::Venues;

    fn part(&mut self, tab: Tab, ui: &mut Ui, view: &View<'_>, edits: &mut Edits) {
        match tab {
            Tab::Venues => self.venues.show(ui, view, edits),
            Tab::Checklist => self.checklist.show(ui, view, edits),
        }
    }

    fn list(&mut self, tab: Tab) -> &mut List {
        match tab {
            Tab::Venues => &mut self.venues.list,
            Tab::Checklist => &mut self.checklist.list,
        }
    }

    /// The venue or checklist measure a finding named, on its tab.
    fn before(&mut self, tab: &mut Tab, _ui: &mut Ui, view: &View<'_>) {
        let Some(id) = self.pending_focus.take() else {
            return;
        };
        let checklist = &view.plan.venues.checklist;
        *tab = if checklist.iter().any(|m| m.id.0 == id) {
            Tab::Checklist
        } else {
            Tab::Venues
        };
        self.list(*tab).select(id);
    }

    fn focus(&mut self, id: Uuid) -> Option<Tab> {
        self.pending_focus = Some(id);
        None
    }
}

/// The venues' columns, a venue's fields, its assessment and its risks.
#[derive(Default)]
struct Venues;

impl Declare for Venues {
    type E = Venue;
    const INTRO: &'static str = "Polling stations, the count venue, opening venues and stores, \
        each assessed against the security checklist.";
    const COLUMNS: Columns = columns![
        "Venue" 260, "Use" 150, "District" 70, "Station" 60, "Assessed" 120, "In place" 70,
    ];

    fn create(&mut self, _view: &View<'_>) -> Self::E {
        Self::E::default()
    }

    fn cells(&self, _plan: &Plan, v: &Self::E) -> Vec<String> {
        let (assessed, in_place) = match &v.assessment {
            None => ("Never".to_owned(), String::new()),
            Some(a) => {
                let (yes, applicable) = in_place(a);
                (day(Some(a.assessed_on)), format!("{yes}/{applicable}"))
            }
        };
        vec![
            v.name.clone(),
            v.kind.label().to_owned(),
            v.polling_district.clone(),
            v.station_number.map_or(String::new(), |n| n.to_string()),
            assessed,
            in_place,
        ]
    }

    fn tint(&self, _plan: &Plan, v: &Self::E) -> Option<egui::Color32> {
        Some(match &v.assessment {
            None => tokens::BAD,
            Some(a) => match in_place(a) {
                (yes, applicable) if yes == applicable => tokens::GOOD_FILL,
                _ => tokens::WARNING_FILL,
            },
        })
    }

    fn fields(&mut self, form: &mut EntityForm<'_, Self::E>, v: &Self::E, view: &View<'_>) {
        form.text("Name", &v.name, |x, v| x.name = v);
        form.choice("Use", v.kind, |x, v| x.kind = v);
        form.multiline("Address", &v.address, |x, v| x.address = v);
        form.text("Polling district", &v.polling_district, |x, v| {
            x.polling_district = v
        });
        form.number("Station number", v.station_number.map(f64::from), |x, v| {
            x.station_number = v.map(|n| n.clamp(0.0, 1_000_000.0).round() as u32);
        });
        form.text("EMS reference", &v.ems_reference, |x, v| {
            x.ems_reference = v
        });
        form.person("Venue contact", v.contact, &view.plan.people, |x, v| {
            x.contact = v
        });
        form.choice("Shown in", v.handling, |x, v| x.handling = v);
    }

    fn below(&mut self, ui: &mut Ui, view: &View<'_>, edits: &mut Edits, v: &Self::E) {
        ui.add_space(8.0);
        ui.heading("Security assessment");
        match &v.assessment {
            None => start_assessment(ui, view, edits, v),
            Some(a) => assessment(ui, edits, view.plan, v, a),
        }
        ui.add_space(8.0);
        venue_risks(ui, view, edits, v);
        ui.add_space(8.0);
    }
}

/// How many applicable measures are in place, and how many apply.
fn in_place(a: &SecurityAssessment) -> (usize, usize) {
    let applicable = a
        .checks
        .iter()
        .filter(|c| c.status != MeasureStatus::NotApplicable)
        .count();
    let yes = a
        .checks
        .iter()
        .filter(|c| c.status == MeasureStatus::InPlace)
        .count();
    (yes, applicable)
}

fn with(p: &mut Plan, id: VenueId, f: impl FnOnce(&mut Venue)) {
    if let Some(x) = p.venues.venues.iter_mut().find(|x| x.id == id) {
        f(x);
    }
}

/// "This venue has never been assessed" and "Start assessment".
fn start_assessment(ui: &mut Ui, view: &View<'_>, edits: &mut Edits, v: &Venue) {
    let never = RichText::new("This venue has never been assessed.");
    ui.label(never.color(ui.visuals().warn_fg_color));
    if !ui.button("Start assessment").clicked() {
        return;
    }
    let today = view.now.date();
    let (vid, kind) = (v.id, v.kind);
    edits.push(S, "start assessment", move |p| {
        let checks = p
            .venues
            .checklist
            .iter()
            .filter(|m| m.applies_to.contains(&kind))
            .map(|m| MeasureCheck {
                measure: m.id,
                status: MeasureStatus::Planned,
                note: String::new(),
            })
            .collect();
        with(p, vid, |v| {
            v.assessment = Some(SecurityAssessment {
                handling: crate::model::Handling::FullCopyOnly,
                assessed_on: today,
                assessed_by: None,
                checks,
                summary: String::new(),
            });
        });
    });
}

/// The register's risks that concern the venue, and "Add a risk for this venue".
fn venue_risks(ui: &mut Ui, view: &View<'_>, edits: &mut Edits, v: &Venue) {
    ui.heading("Venue-specific risks");
    let vid = v.id;
    let risks: Vec<&Risk> = view
        .plan
        .risks
        .iter()
        .filter(|r| r.venue == Some(vid))
        .collect();
    if risks.is_empty() {
        ui.weak("No risks in the register concern this venue.");
    }
    for r in risks {
        let status = r.status.label().to_lowercase();
        ui.label(format!("• {} (score {}, {status})", r.title, r.score()));
    }
    let add = ui
        .button("Add a risk for this venue")
        .on_hover_text("Adds a risk to the register linked to this venue");
    if add.clicked() {
        let review = view.now.date() + chrono::Duration::days(30);
        let name = v.name.clone();
        edits.push(Section::Risks, "add venue risk", move |p| {
            p.risks.push(Risk {
                handling: crate::model::Handling::Both,
                id: RiskId::new(),
                title: format!("Risk at {name}"),
                description: String::new(),
                category: RiskCategory::Security,
                owner: None,
                likelihood: Rating::new(2).unwrap_or(Rating::MIN),
                impact: Rating::new(3).unwrap_or(Rating::MIN),
                mitigations: vec![],
                residual_likelihood: None,
                residual_impact: None,
                status: RiskStatus::Open,
                next_review: Some(review),
                reviews: vec![],
                venue: Some(vid),
            });
        });
    }
}

/// The checklist's columns and a measure's fields.
#[derive(Default)]
struct Checklist;

impl Declare for Checklist {
    type E = SecurityMeasure;
    const INTRO: &'static str = "The menu of protective measures (ProtectUK) each venue is \
        assessed against, chosen with the police for the threat, building and location.";
    const COLUMNS: Columns = columns!["Measure" 240, "What it involves" 380, "Applies to" 240];

    fn cells(&self, _plan: &Plan, m: &Self::E) -> Vec<String> {
        let kinds: Vec<&str> = m.applies_to.iter().map(|k| k.label()).collect();
        vec![m.title.clone(), short(&m.guidance), kinds.join(", ")]
    }

    fn create(&mut self, _view: &View<'_>) -> Self::E {
        SecurityMeasure {
            id: MeasureId::new(),
            title: String::new(),
            guidance: String::new(),
            applies_to: vec![VenueKind::PollingStation, VenueKind::CountVenue],
        }
    }

    fn fields(&mut self, form: &mut EntityForm<'_, Self::E>, m: &Self::E, _view: &View<'_>) {
        form.text("Measure", &m.title, |x, v| x.title = v);
        form.multiline("What it involves", &m.guidance, |x, v| x.guidance = v);
        let mut changed = None;
        form.row("Applies to", |ui| {
            for kind in VenueKind::ALL {
                let mut on = m.applies_to.contains(kind);
                if ui.checkbox(&mut on, kind.label()).changed() {
                    changed = Some((*kind, on));
                }
            }
        });
        if let Some((kind, on)) = changed {
            form.change("change where a measure applies", move |m| {
                if on {
                    m.applies_to.push(kind);
                } else {
                    m.applies_to.retain(|k| *k != kind);
                }
            });
        }
    }
}

/// The assessment's date, assessor and findings, and a status and note per applicable measure.
fn assessment(ui: &mut Ui, edits: &mut Edits, plan: &Plan, v: &Venue, a: &SecurityAssessment) {
    let vid = v.id;
    let place = (S, At::<Venue>::new(vid.0));
    Form::show(ui, edits, place, ("assessment", vid.0), false, |form| {
        let mut part = form.inside(vid.0, |v: &mut Venue, _| v.assessment.as_mut());
        part.day("Assessed on", a.assessed_on, |a, d| a.assessed_on = d);
        part.person("Assessed by", a.assessed_by, &plan.people, |a, x| {
            a.assessed_by = x
        });
        part.multiline("Findings", &a.summary, |a, x| a.summary = x);
        part.choice("Assessment shown in", a.handling, |a, x| a.handling = x);
        let applicable = plan
            .venues
            .checklist
            .iter()
            .filter(|m| m.applies_to.contains(&v.kind));
        for m in applicable {
            check(&mut part, a, m);
        }
    });
    if ui.button("Remove assessment").clicked() {
        edits.push(S, "remove assessment", move |p| {
            with(p, vid, |v| v.assessment = None);
        });
    }
}

/// One measure's status and note in an assessment.
fn check(
    form: &mut Form<'_, impl crate::ui::form::Place<Value = SecurityAssessment>>,
    a: &SecurityAssessment,
    m: &SecurityMeasure,
) {
    let mid = m.id;
    let found = a.checks.iter().find(|c| c.measure == mid);
    let current = found.map(|c| c.status);
    let note = found.map_or("", |c| c.note.as_str());
    let ui = &mut *form.ui;
    let label = ui
        .label(RichText::new(&m.title).strong())
        .on_hover_text(&m.guidance);
    let mut chosen = current;
    let mut buffer = note.to_owned();
    let note_response = ui
        .horizontal(|ui| {
            egui::ComboBox::from_id_salt(("check", mid.0))
                .selected_text(current.map_or("Not considered", |s| s.label()))
                .width(160.0)
                .show_ui(ui, |ui| {
                    for s in MeasureStatus::ALL {
                        ui.selectable_value(&mut chosen, Some(*s), s.label());
                    }
                })
                .response
                .labelled_by(label.id);
            ui.add(
                egui::TextEdit::singleline(&mut buffer)
                    .hint_text(format!("Note on {}", m.title.to_lowercase()))
                    .desired_width(f32::INFINITY)
                    .char_limit(crate::model::limits::MAX_TEXT),
            )
            .labelled_by(label.id)
        })
        .inner;
    ui.end_row();
    let changed = note_response.changed();
    let refused = changed && crate::ui::widgets::refused_characters(&buffer, form.edits);
    if !refused && changed && buffer != note && current.is_some() {
        let place = form.place();
        form.edits
            .push_coalesced(S, "edit measure note", note_response.id, move |p| {
                crate::ui::form::Place::with(place, p, |a: &mut SecurityAssessment| {
                    if let Some(c) = a.checks.iter_mut().find(|c| c.measure == mid) {
                        c.note = buffer;
                    }
                });
            });
    }
    if note_response.lost_focus() {
        form.edits.seal = true;
    }
    if chosen != current
        && let Some(status) = chosen
    {
        form.change("change measure status", move |a| {
            match a.checks.iter_mut().find(|c| c.measure == mid) {
                Some(c) => c.status = status,
                None => a.checks.push(MeasureCheck {
                    measure: mid,
                    status,
                    note: String::new(),
                }),
            }
        });
    }
}

#[cfg(test)]
#[path = "tests/venues.rs"]
mod tests;
