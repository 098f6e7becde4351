//! A sortable, filterable, virtualised list of a section's entities: only the visible rows are
//! drawn, so tens of thousands stay smooth.

use egui::{Color32, RichText, Ui};
use egui_extras::{Column, TableBuilder};

use super::tokens::space;
use uuid::Uuid;

/// One row: the entity's id and its cells as text.
#[derive(Clone, Debug)]
pub struct Row {
    /// The entity.
    pub id: Uuid,
    /// The cells, one per column.
    pub cells: Vec<String>,
    /// A colour for the row's marker cell (a state, a level), if any.
    pub tint: Option<Color32>,
}

/// What the filtered, sorted view was built from: the rows' key, the filter and the sort.
type ViewKey = (u64, String, Option<(usize, bool)>);

/// The list's state: selection, filter, sort, and the rows built from the plan (rebuilt only when
/// the plan changes).
#[derive(Default)]
pub struct List {
    /// The selected entity.
    pub selected: Option<Uuid>,
    /// The filter text.
    pub filter: String,
    /// Sorted by this column, ascending when true.
    pub sort: Option<(usize, bool)>,
    /// Ask to focus the filter box on the next frame (Ctrl+F).
    pub focus_filter: bool,
    /// Scroll to the selected row on the next frame.
    pub scroll_to_selected: bool,
    rows: Vec<Row>,
    rows_key: Option<u64>,
    view: Vec<usize>,
    view_key: Option<ViewKey>,
}

/// Compares cells as numbers when both are numbers, else as text without case.
fn compare(a: &str, b: &str) -> std::cmp::Ordering {
    match (a.trim().parse::<f64>(), b.trim().parse::<f64>()) {
        (Ok(x), Ok(y)) => x.total_cmp(&y),
        _ => a.to_lowercase().cmp(&b.to_lowercase()),
    }
}

impl List {
    /// Rebuilds the rows with `make` when `key` (the plan's state) has changed since the last
    /// build.
    pub fn set_rows(&mut self, key: u64, make: impl FnOnce() -> Vec<Row>) {
        if self.rows_key != Some(key) {
            self.rows = make();
            self.rows_key = Some(key);
            self.view_key = None;
        }
    }

    /// Selects the entry with `id` and scrolls it into view on the next frame.
    pub fn select(&mut self, id: Uuid) {
        self.selected = Some(id);
        self.scroll_to_selected = true;
    }

    /// Forgets the rows so the next `set_rows` rebuilds them (when what they show depends on more
    /// than the plan, e.g. a heat-map cell chosen as a filter).
    pub fn invalidate(&mut self) {
        self.rows_key = None;
    }

    /// How many rows there are, and how many the filter shows.
    pub fn counts(&self) -> (usize, usize) {
        (self.rows.len(), self.view.len())
    }

    /// The position of the selected row among all rows (for Up/Down buttons).
    pub fn selected_row(&self) -> Option<&Row> {
        let id = self.selected?;
        self.rows.iter().find(|r| r.id == id)
    }

    fn refresh_view(&mut self) {
        let key = (self.rows_key.unwrap_or(0), self.filter.clone(), self.sort);
        if self.view_key.as_ref() == Some(&key) {
            return;
        }
        let needle = self.filter.trim().to_lowercase();
        self.view = (0..self.rows.len())
            .filter(|&i| {
                needle.is_empty()
                    || self.rows[i]
                        .cells
                        .iter()
                        .any(|c| c.to_lowercase().contains(&needle))
            })
            .collect();
        if let Some((col, ascending)) = self.sort {
            let rows = &self.rows;
            self.view.sort_by(|&a, &b| {
                let o = compare(
                    rows[a].cells.get(col).map_or("", String::as_str),
                    rows[b].cells.get(col).map_or("", String::as_str),
                );
                if ascending { o } else { o.reverse() }
            });
        }
        self.view_key = Some(key);
    }

    /// The filter box, with its accessible name.
    pub fn filter_box(&mut self, ui: &mut Ui, what: &str) {
        ui.horizontal(|ui| {
            let label = ui.label("Filter");
            let response = ui
                .add(
                    egui::TextEdit::singleline(&mut self.filter)
                        .hint_text(format!("Type to filter {what} (Ctrl+F)"))
                        .desired_width(260.0),
                )
                .labelled_by(label.id);
            if self.focus_filter {
                response.request_focus();
                self.focus_filter = false;
            }
            if !self.filter.is_empty() && ui.button("Clear filter").clicked() {
                self.filter.clear();
            }
            self.refresh_view();
            let (all, shown) = self.counts();
            if all == shown {
                ui.weak(format!("{all} {what}"));
            } else {
                ui.weak(format!("{shown} of {all} {what}"));
            }
        });
    }

    /// Draws the table; returns the id of a row the user clicked.
    pub fn table(
        &mut self,
        ui: &mut Ui,
        id_salt: &str,
        columns: &[(&str, f32)],
        max_height: f32,
    ) -> Option<Uuid> {
        self.refresh_view();
        let mut clicked = None;
        let row_height = ui.text_style_height(&egui::TextStyle::Body) + space::ROW_PAD;
        let scroll_to = if self.scroll_to_selected {
            self.scroll_to_selected = false;
            self.selected
                .and_then(|id| self.view.iter().position(|&i| self.rows[i].id == id))
        } else {
            None
        };
        let available_width = ui.available_width();
        let mut builder = TableBuilder::new(ui)
            .id_salt(id_salt)
            .striped(true)
            .sense(egui::Sense::click())
            .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
            .max_scroll_height(max_height)
            .min_scrolled_height(120.0_f32.min(max_height));
        if let Some(row) = scroll_to {
            builder = builder.scroll_to_row(row, Some(egui::Align::Center));
        }
        // Columns share the width there is: their given widths, scaled down when the window is
        // narrower.
        let last = columns.len().saturating_sub(1);
        let wanted: f32 = columns.iter().map(|(_, w)| *w).sum();
        let available = available_width - 8.0 * columns.len() as f32;
        let scale = if wanted > available && wanted > 0.0 {
            (available / wanted).max(0.3)
        } else {
            1.0
        };
        for (i, (_, width)) in columns.iter().enumerate() {
            builder = if i == last {
                builder.column(Column::remainder().at_least(40.0).clip(true))
            } else {
                builder.column(Column::exact((width * scale).max(36.0)).clip(true))
            };
        }
        let sort = self.sort;
        let mut new_sort = sort;
        builder
            .header(row_height + 2.0, |mut header| {
                for (i, (title, _)) in columns.iter().enumerate() {
                    header.col(|ui| {
                        let arrow = match sort {
                            Some((c, true)) if c == i => " ▲",
                            Some((c, false)) if c == i => " ▼",
                            _ => "",
                        };
                        let button =
                            egui::Button::new(RichText::new(format!("{title}{arrow}")).strong())
                                .frame(false);
                        if ui
                            .add(button)
                            .on_hover_text(format!("Sort by {}", title.to_lowercase()))
                            .clicked()
                        {
                            new_sort = match sort {
                                Some((c, true)) if c == i => Some((i, false)),
                                Some((c, false)) if c == i => None,
                                _ => Some((i, true)),
                            };
                        }
                    });
                }
            })
            .body(|body| {
                let view = &self.view;
                let rows = &self.rows;
                let selected = self.selected;
                body.rows(row_height, view.len(), |mut table_row| {
                    let row = &rows[view[table_row.index()]];
                    table_row.set_selected(selected == Some(row.id));
                    for (i, cell) in row.cells.iter().enumerate().take(columns.len()) {
                        table_row.col(|ui| {
                            if i == 0
                                && let Some(tint) = row.tint
                            {
                                let (rect, _) = ui.allocate_exact_size(
                                    egui::vec2(6.0, row_height - 6.0),
                                    egui::Sense::hover(),
                                );
                                ui.painter().rect_filled(rect, 2.0, tint);
                            }
                            ui.add(egui::Label::new(cell.as_str()).truncate().selectable(false));
                        });
                    }
                    if table_row.response().clicked() {
                        clicked = Some(row.id);
                    }
                });
            });
        if new_sort != sort {
            self.sort = new_sort;
        }
        if let Some(id) = clicked {
            self.selected = Some(id);
        }
        clicked
    }
}
