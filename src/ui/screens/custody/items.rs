//! The custody items (ballot boxes, packets, papers) and each item's timeline.

use egui::{RichText, Ui};

use super::{S, Timelines, moment};
use crate::model::{
    BookRange, CustodyEvent, CustodyItem, CustodyItemId, ItemKind, Plan, Venue, VenueId, VenueKind,
};
use crate::ui::edits::Edits;
use crate::ui::form::EntityForm;
use crate::ui::screen::{Columns, Declare, View, columns};

/// The items' columns and an item's fields and timeline.
#[derive(Default)]
pub struct Items {
    /// The screen's timelines, lent for the frame.
    pub timelines: Option<Timelines>,
    /// An event the user asked to correct, with its item's label.
    pub correct: Option<(String, CustodyEvent)>,
}

/// Seal numbers typed with commas or semicolons between them.
pub fn split_seals(text: &str) -> Vec<String> {
    text.split([',', ';'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

impl Declare for Items {
    type E = CustodyItem;
    const COLUMNS: Columns = columns![
        "Label" 90, "Item" 130, "Polling station" 200, "Stage" 150, "Held by" 170, "Seals" 160,
    ];

    fn cells(&self, plan: &Plan, i: &Self::E) -> Vec<String> {
        let last = self
            .timelines
            .as_ref()
            .and_then(|t| t.last(&plan.custody, i.id));
        let station = i.polling_station.and_then(|v| plan.venue(v));
        vec![
            i.label.clone(),
            i.kind.label().to_owned(),
            station.map_or("", |v| v.name.as_str()).to_owned(),
            last.map_or(String::new(), |e| e.stage.label().to_owned()),
            last.map_or(String::new(), |e| e.to.clone()),
            i.expected_seals.join(", "),
        ]
    }

    fn create(&mut self, view: &View<'_>) -> Self::E {
        let n = view.plan.custody.items.len() + 1;
        CustodyItem {
            id: CustodyItemId::new(),
            kind: ItemKind::BallotBox,
            label: format!("NEW/{n}"),
            polling_station: None,
            book_ranges: vec![],
            expected_seals: vec![],
            expected_at_count: true,
            contents: None,
        }
    }

    fn fields(&mut self, form: &mut EntityForm<'_, Self::E>, item: &Self::E, view: &View<'_>) {
        form.text("Label", &item.label, |x, v| x.label = v);
        form.choice("Kind", item.kind, |x, v| x.kind = v);
        if item.kind == ItemKind::StatutoryPacket {
            form.maybe_choice("Packet contents", item.contents, |x, v| x.contents = v);
        }
        station(form, item, view.plan);
        let seals = item.expected_seals.join(", ");
        form.text("Expected seals", &seals, |x, v| {
            x.expected_seals = split_seals(&v)
        });
        ranges(form, item);
        let hint = "Must be received at the count";
        form.check("Expected at count", hint, item.expected_at_count, |x, v| {
            x.expected_at_count = v;
        });
    }

    fn below(&mut self, ui: &mut Ui, view: &View<'_>, _edits: &mut Edits, item: &Self::E) {
        ui.add_space(8.0);
        ui.heading("Timeline");
        let plan = view.plan;
        let mut all: Vec<&CustodyEvent> = plan
            .custody
            .events
            .iter()
            .filter(|e| e.item == item.id)
            .collect();
        if all.is_empty() {
            ui.weak(
                "No custody events are recorded for this item yet. Use Quick entry to record one.",
            );
        }
        let standing = self
            .timelines
            .as_ref()
            .map(|t| t.events(&plan.custody, item.id))
            .unwrap_or_default();
        all.sort_by_key(|e| (e.at, e.log.clone(), e.seq));
        for e in all {
            let superseded = !standing.iter().any(|s| s.id == e.id);
            ui.horizontal_wrapped(|ui| {
                let from = if e.from.is_empty() { "—" } else { &e.from };
                let seals = if e.seals_seen.is_empty() {
                    "—".to_owned()
                } else {
                    e.seals_seen.join(", ")
                };
                let intact = if e.seals_intact { "" } else { " (NOT intact)" };
                let when = moment(e.at);
                let mut text = RichText::new(format!(
                    "{when}  {}  {from} → {}  seals {seals}{intact}  [{} #{}]",
                    e.stage, e.to, e.log, e.seq
                ));
                if superseded {
                    text = text.strikethrough().weak();
                }
                ui.label(text);
                if e.corrects.is_some() {
                    ui.label(RichText::new("correction").italics());
                }
                let correct = !superseded
                    && ui
                        .small_button("Correct")
                        .on_hover_text(format!("Record a correction of {} #{}", e.log, e.seq))
                        .clicked();
                if correct {
                    self.correct = Some((item.label.clone(), e.clone()));
                }
            });
        }
        ui.add_space(8.0);
    }
}

/// The polling station an item belongs to, numbered as on the register of stations.
fn station(form: &mut EntityForm<'_, CustodyItem>, item: &CustodyItem, plan: &Plan) {
    let value = item.polling_station;
    let shown = value
        .and_then(|v| plan.venue(v))
        .map_or("None".to_owned(), |v| v.name.clone());
    let options = || {
        let stations = plan
            .venues
            .venues
            .iter()
            .filter(|v| v.kind == VenueKind::PollingStation);
        let name = |v: &Venue| {
            let number = v.station_number.map_or(String::new(), |n| format!("{n}. "));
            format!("{number}{}", v.name)
        };
        std::iter::once((None, "None".to_owned()))
            .chain(stations.map(|v| (Some(v.id), name(v))))
            .collect()
    };
    form.pick(
        "Polling station",
        (&value, &shown),
        options,
        |x, v: Option<VenueId>| {
            x.polling_station = v;
        },
    );
}

/// Parses ballot paper ranges typed as FIRST-LAST, separated by commas.
pub fn parse_ranges(text: &str) -> Result<Vec<BookRange>, String> {
    text.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|r| {
            let (a, b) = r
                .split_once('-')
                .ok_or_else(|| format!("\u{201c}{r}\u{201d}: write ranges as FIRST-LAST"))?;
            let serial = |t: &str| {
                t.trim()
                    .parse::<u64>()
                    .map_err(|_| format!("\u{201c}{t}\u{201d} is not a serial number"))
            };
            Ok(BookRange {
                first: serial(a)?,
                last: serial(b)?,
            })
        })
        .collect()
}

/// The ballot paper ranges, kept as typed while they do not parse.
fn ranges(form: &mut EntityForm<'_, CustodyItem>, item: &CustodyItem) {
    let current: Vec<String> = item
        .book_ranges
        .iter()
        .map(|r| format!("{}-{}", r.first, r.last))
        .collect();
    let current = current.join(", ");
    let ui = &mut *form.ui;
    let label = ui.label(RichText::new("Ballot paper ranges").strong());
    let id = ui.scope_id().with(("ranges", item.id.0));
    let draft: Option<String> = ui.data(|d| d.get_temp(id));
    let mut buffer = draft.clone().unwrap_or(current);
    let response = ui
        .vertical(|ui| {
            let response = ui
                .add(
                    egui::TextEdit::singleline(&mut buffer)
                        .id(id)
                        .hint_text("1000000-1000399, 1000400-1000799")
                        .desired_width(320.0),
                )
                .labelled_by(label.id);
            if let (Some(_), Err(reason)) = (&draft, parse_ranges(&buffer)) {
                ui.colored_label(ui.visuals().error_fg_color, reason);
            }
            response
        })
        .inner;
    form.ui.end_row();
    if response.changed() {
        match parse_ranges(&buffer) {
            Ok(ranges) => {
                form.ui.data_mut(|d| d.remove::<String>(id));
                let set = form.lift(|x: &mut CustodyItem, v| x.book_ranges = v);
                form.edits
                    .push_coalesced(S, "edit ballot paper ranges", id, move |p| set(p, ranges));
            }
            Err(_) => {
                form.ui.data_mut(|d| d.insert_temp(id, buffer));
            }
        }
    }
    if response.lost_focus() {
        form.edits.seal = true;
        form.ui.data_mut(|d| d.remove::<String>(id));
    }
}
