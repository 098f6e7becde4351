//! File ▸ Import venues… and Import people…: the file's columns mapped to fields (the same text the
//! command line's `--map` and `--value` take) and the library's preview of what would be added,
//! updated and refused, before anything changes. Importing is one step of the undo history.

use std::path::{Path, PathBuf};

use egui::{RichText, Ui};

use crate::import::{self, Importable, Mapping, MappingError, Preview, Table, Target, saved};
use crate::model::{Person, Plan, Section, Venue};

/// A preview of either list.
#[derive(Clone, Debug)]
enum Previewed {
    Venues(Preview<Venue>),
    People(Preview<Person>),
}

/// One line of the preview table.
struct Line {
    row: String,
    action: &'static str,
    entry: String,
    details: String,
    refused: bool,
}

/// What the preview says, in lines a person reads.
struct Shown {
    summary: String,
    lines: Vec<Line>,
    not_in_file: Vec<String>,
    ignored: Vec<String>,
    refused: usize,
    changes: bool,
}

fn one_line(text: &str) -> String {
    text.replace('\n', ", ")
}

fn shown<E: Importable>(p: &Preview<E>) -> Shown {
    let mut lines = Vec::new();
    for r in &p.refused {
        lines.push(Line {
            row: r.row.to_string(),
            action: "Refused",
            entry: r.column.clone().unwrap_or_default(),
            details: match &r.hint {
                Some(hint) => format!("{} — {hint}", r.reason),
                None => r.reason.clone(),
            },
            refused: true,
        });
    }
    for a in &p.add {
        let details: Vec<String> = E::FIELDS
            .iter()
            .filter(|f| **f != import::Field::Name)
            .filter_map(|f| {
                let v = a.entry.get(*f);
                (!v.trim().is_empty()).then(|| format!("{}: {}", f.label(), one_line(&v)))
            })
            .collect();
        lines.push(Line {
            row: a.row.to_string(),
            action: "Add",
            entry: one_line(&a.entry.title()),
            details: details.join("; "),
            refused: false,
        });
    }
    for u in &p.update {
        let changes: Vec<String> = u
            .changes
            .iter()
            .map(|c| {
                format!(
                    "{}: \u{201c}{}\u{201d} \u{2192} \u{201c}{}\u{201d}",
                    c.field.label(),
                    one_line(&c.before),
                    one_line(&c.after.text())
                )
            })
            .collect();
        lines.push(Line {
            row: u.row.to_string(),
            action: "Update",
            entry: one_line(&u.title),
            details: format!("{} (matched by {})", changes.join("; "), u.matched_by),
            refused: false,
        });
    }
    for u in &p.unchanged {
        lines.push(Line {
            row: u.row.to_string(),
            action: "Unchanged",
            entry: one_line(&u.title),
            details: format!("matched by {}", u.matched_by),
            refused: false,
        });
    }
    Shown {
        summary: p.summary(),
        lines,
        not_in_file: p.not_in_file.iter().map(|t| one_line(t)).collect(),
        ignored: p.ignored_columns.clone(),
        refused: p.refused.len(),
        changes: p.changes_anything(),
    }
}

/// What the user answered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Answer {
    /// Apply the preview.
    Import,
    /// Close without changing anything.
    Cancel,
}

/// The import dialog's state.
pub struct ImportDialog {
    target: Target,
    path: PathBuf,
    table: Table,
    /// The columns, as `--map` takes them.
    map: String,
    /// The value maps, one `--value` per line.
    values: String,
    /// Where the mapping came from, in words.
    origin: String,
    preview: Result<Previewed, MappingError>,
}

/// Why a file could not be opened for import, with what to do.
fn unreadable(e: &import::ReadError) -> String {
    format!("{e}.\n\n{}", e.hint())
}

impl ImportDialog {
    /// Reads `path` (its `sheet`, or the first) and previews it with the mapping kept for its
    /// headings, else the columns headed with field names.
    pub fn open(
        target: Target,
        path: &Path,
        sheet: Option<&str>,
        plan: &Plan,
        config_dir: &Path,
    ) -> Result<ImportDialog, String> {
        let table = import::table::read_file(path, sheet).map_err(|e| unreadable(&e))?;
        let fields = fields(target);
        let (mapping, origin) = match saved::find(config_dir, target, &table.headers, fields) {
            Some(m) => (
                m,
                "The mapping kept from your last import of a file with these headings.".to_owned(),
            ),
            None => (
                Mapping::by_field_names(&table.headers, fields),
                "Columns headed with field names; change the mapping to read others.".to_owned(),
            ),
        };
        let mut dialog = ImportDialog {
            target,
            path: path.to_owned(),
            table,
            map: mapping.map_text(),
            values: mapping.value_texts().join("\n"),
            origin,
            preview: Err(MappingError {
                message: String::new(),
                hint: String::new(),
            }),
        };
        dialog.refresh(plan);
        Ok(dialog)
    }

    /// The mapping as typed.
    fn mapping(&self) -> Result<Mapping, MappingError> {
        let lines = |text: &str| -> Vec<String> { text.lines().map(str::to_owned).collect() };
        Mapping::parse(&lines(&self.map), &lines(&self.values), fields(self.target))
    }

    /// Previews the file again with the mapping as typed.
    fn refresh(&mut self, plan: &Plan) {
        self.preview = self.mapping().and_then(|mapping| {
            if mapping.columns.is_empty() {
                return Err(MappingError {
                    message: "No column is mapped to a field.".to_owned(),
                    hint: "Type COLUMN=FIELD entries in the column mapping.".to_owned(),
                });
            }
            Ok(match self.target {
                Target::Venues => {
                    Previewed::Venues(import::plan_import(plan, &self.table, &mapping)?)
                }
                Target::People => {
                    Previewed::People(import::plan_import(plan, &self.table, &mapping)?)
                }
            })
        });
    }

    /// Keeps the mapping for the next file with these headings (a convenience: a failure is
    /// returned to be told, and changes nothing else).
    pub fn remember(&self, config_dir: &Path) -> Result<(), String> {
        let mapping = self.mapping().map_err(|e| e.message)?;
        saved::save(config_dir, self.target, &self.table.headers, &mapping)
            .map(|_| ())
            .map_err(|e| e.message)
    }

    /// The change importing makes, as one edit: the section, its undo label, the change, and what
    /// to tell the user. `None` when the preview refuses rows or changes nothing.
    #[allow(clippy::type_complexity)]
    pub fn edit(&self) -> Option<(Section, String, Box<dyn FnOnce(&mut Plan)>, String)> {
        let file = self
            .path
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        let (section, change, counts): (Section, Box<dyn FnOnce(&mut Plan)>, (usize, usize)) =
            match self.preview.as_ref().ok()? {
                Previewed::Venues(p) if p.refused.is_empty() && p.changes_anything() => {
                    let p = p.clone();
                    let counts = (p.add.len(), p.update.len());
                    (
                        Section::Venues,
                        Box::new(move |plan| {
                            let _ = import::apply(plan, &p);
                        }),
                        counts,
                    )
                }
                Previewed::People(p) if p.refused.is_empty() && p.changes_anything() => {
                    let p = p.clone();
                    let counts = (p.add.len(), p.update.len());
                    (
                        Section::People,
                        Box::new(move |plan| {
                            let _ = import::apply(plan, &p);
                        }),
                        counts,
                    )
                }
                _ => return None,
            };
        let plural = match self.target {
            Target::Venues => "venues",
            Target::People => "people",
        };
        let told = format!(
            "Imported {plural} from {file}: {} added, {} updated. Undo reverses the whole import.",
            counts.0, counts.1
        );
        Some((
            section,
            format!("import {plural} from {file}"),
            change,
            told,
        ))
    }

    /// Draws the dialog; returns the answer once given.
    pub fn ui(&mut self, ui: &mut Ui, plan: &Plan) -> Option<Answer> {
        let mut answer = None;
        let plural = match self.target {
            Target::Venues => "venues",
            Target::People => "people",
        };
        ui.heading(format!("Import {plural}"));
        ui.label(format!("From {}", self.table.source()));
        if self.table.sheets.len() > 1 {
            let mut sheet = self.table.sheet.clone().unwrap_or_default();
            ui.horizontal(|ui| {
                let label = ui.label("Sheet");
                egui::ComboBox::from_id_salt("import-sheet")
                    .selected_text(&sheet)
                    .show_ui(ui, |ui| {
                        for name in &self.table.sheets {
                            ui.selectable_value(&mut sheet, name.clone(), name);
                        }
                    })
                    .response
                    .labelled_by(label.id);
            });
            if self.table.sheet.as_deref() != Some(sheet.as_str()) {
                match import::table::read_file(&self.path, Some(&sheet)) {
                    Ok(table) => {
                        self.table = table;
                        self.refresh(plan);
                    }
                    Err(e) => {
                        self.preview = Err(MappingError {
                            message: e.to_string(),
                            hint: e.hint(),
                        })
                    }
                }
            }
        }
        ui.add_space(6.0);
        ui.label(RichText::new(&self.origin).weak());
        let field_keys: Vec<&str> = fields(self.target).iter().map(|f| f.key()).collect();
        let mut changed = false;
        egui::Grid::new("import-mapping")
            .num_columns(2)
            .spacing([8.0, 6.0])
            .show(ui, |ui| {
                let label = ui.label("Column mapping");
                let r = ui
                    .add(
                        egui::TextEdit::multiline(&mut self.map)
                            .desired_rows(2)
                            .desired_width(560.0)
                            .hint_text("Polling Place=name,Address 1+Postcode=address"),
                    )
                    .labelled_by(label.id)
                    .on_hover_text(format!(
                        "COLUMN=FIELD, separated by commas; join columns into one field with + \
                         (Address 1+Postcode=address). Fields: {}",
                        field_keys.join(", ")
                    ));
                changed |= r.changed();
                ui.end_row();
                let label = ui.label("Value maps");
                let r = ui
                    .add(
                        egui::TextEdit::multiline(&mut self.values)
                            .desired_rows(2)
                            .desired_width(560.0)
                            .hint_text("kind:Polling Place=polling-station,Count=count-venue"),
                    )
                    .labelled_by(label.id)
                    .on_hover_text(
                        "One field per line: FIELD:WORD=CHOICE, separated by commas, for what \
                         the file's words mean (kind, role, handling)",
                    );
                changed |= r.changed();
                ui.end_row();
            });
        let columns: Vec<String> = (0..self.table.headers.len())
            .filter(|i| !self.table.headers[*i].trim().is_empty())
            .map(|i| self.table.column(i))
            .collect();
        ui.label(
            RichText::new(format!(
                "The file's columns: {}. Fields: {}.",
                columns.join(", "),
                field_keys.join(", ")
            ))
            .weak(),
        );
        if changed {
            self.origin = "The mapping as typed; it is kept for the next file with these \
                           headings when you import."
                .to_owned();
            self.refresh(plan);
        }
        ui.add_space(6.0);
        let shown = match &self.preview {
            Ok(Previewed::Venues(p)) => Ok(shown(p)),
            Ok(Previewed::People(p)) => Ok(shown(p)),
            Err(e) => Err(e.clone()),
        };
        let mut can_import = false;
        match &shown {
            Err(e) => {
                ui.colored_label(ui.visuals().error_fg_color, &e.message);
                if !e.hint.is_empty() {
                    ui.label(&e.hint);
                }
            }
            Ok(s) => {
                ui.label(RichText::new(&s.summary).strong());
                preview_table(ui, s);
                can_import = s.refused == 0 && s.changes;
                if s.refused > 0 {
                    ui.colored_label(
                        ui.visuals().error_fg_color,
                        "Nothing can be imported while a row is refused: correct the file (or \
                         the mapping) and import it again.",
                    );
                } else if !s.changes {
                    ui.label("The plan already says what the file says.");
                }
            }
        }
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui
                .add_enabled(can_import, egui::Button::new("Import"))
                .clicked()
            {
                answer = Some(Answer::Import);
            }
            if ui.button("Cancel").clicked() {
                answer = Some(Answer::Cancel);
            }
        });
        answer
    }
}

/// The fields of a list.
fn fields(target: Target) -> &'static [import::Field] {
    match target {
        Target::Venues => Venue::FIELDS,
        Target::People => Person::FIELDS,
    }
}

/// The preview's rows, refused first, then what is not in the file and the columns not read.
fn preview_table(ui: &mut Ui, s: &Shown) {
    egui::ScrollArea::vertical()
        .id_salt("import-preview")
        .max_height(320.0)
        .min_scrolled_height(320.0)
        .auto_shrink([false, true])
        .show(ui, |ui| {
            egui::Grid::new("import-preview-rows")
                .num_columns(4)
                .striped(true)
                .spacing([10.0, 4.0])
                .show(ui, |ui| {
                    for heading in ["Row", "", "Entry or column", "Details"] {
                        ui.label(RichText::new(heading).strong());
                    }
                    ui.end_row();
                    for line in &s.lines {
                        ui.label(&line.row);
                        let action = RichText::new(line.action);
                        if line.refused {
                            ui.label(action.color(ui.visuals().error_fg_color).strong());
                        } else {
                            ui.label(action);
                        }
                        ui.label(&line.entry);
                        ui.add(egui::Label::new(&line.details).wrap());
                        ui.end_row();
                    }
                });
            if !s.not_in_file.is_empty() {
                ui.add_space(6.0);
                ui.label(format!(
                    "In the plan, not in the file (left as they are; an import never removes): {}",
                    s.not_in_file.join("; ")
                ));
            }
            if !s.ignored.is_empty() {
                ui.add_space(4.0);
                ui.label(format!("Columns not imported: {}", s.ignored.join(", ")));
            }
        });
}
