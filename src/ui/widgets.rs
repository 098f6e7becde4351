//! Form fields that turn what the user typed into edits: every field has a visible label that is also its
//! accessible name, and a change is applied through the undo history.

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime};
use egui::{Color32, RichText, Ui};

use super::edits::Edits;
use crate::model::limits::MAX_TEXT;
use crate::model::{Choice, Person, PersonId, Plan, Section};

/// A labelled row in a two-column form grid; returns the label's id for `labelled_by`.
fn label(ui: &mut Ui, text: &str) -> egui::Id {
    ui.label(RichText::new(text).strong()).id
}

/// A single-line text field.
pub fn text(
    ui: &mut Ui,
    edits: &mut Edits,
    section: Section,
    name: &str,
    value: &str,
    set: impl FnOnce(&mut Plan, String) + 'static,
) {
    let label_id = label(ui, name);
    let mut buffer = value.to_owned();
    let response = ui
        .add(
            egui::TextEdit::singleline(&mut buffer)
                .desired_width(f32::INFINITY)
                .char_limit(MAX_TEXT),
        )
        .labelled_by(label_id);
    finish_text(edits, section, name, &response, buffer, value, set);
    ui.end_row();
}

/// A multi-line text field.
pub fn multiline(
    ui: &mut Ui,
    edits: &mut Edits,
    section: Section,
    name: &str,
    value: &str,
    set: impl FnOnce(&mut Plan, String) + 'static,
) {
    let label_id = label(ui, name);
    let mut buffer = value.to_owned();
    let response = ui
        .add(
            egui::TextEdit::multiline(&mut buffer)
                .desired_rows(3)
                .desired_width(f32::INFINITY)
                .char_limit(MAX_TEXT),
        )
        .labelled_by(label_id);
    finish_text(edits, section, name, &response, buffer, value, set);
    ui.end_row();
}

/// The first control character in `text` that no plan may hold (all but line breaks and tabs).
pub fn control_character(text: &str) -> Option<char> {
    text.chars()
        .find(|c| c.is_control() && !matches!(c, '\n' | '\t'))
}

/// Whether text holds a control character no plan may hold (NUL, ESC and the like, from a paste or a
/// scanner); if so the change is refused and the user told why.
pub fn refused_characters(text: &str, edits: &mut Edits) -> bool {
    let Some(c) = control_character(text) else {
        return false;
    };
    edits.notice = Some(format!(
        "That text holds the control character U+{:04X} (from a paste or a scanner), which a plan cannot hold; the change was not made.",
        u32::from(c)
    ));
    true
}

fn finish_text(
    edits: &mut Edits,
    section: Section,
    name: &str,
    response: &egui::Response,
    buffer: String,
    value: &str,
    set: impl FnOnce(&mut Plan, String) + 'static,
) {
    if response.changed() && refused_characters(&buffer, edits) {
        return;
    }
    if response.changed() && buffer != value {
        edits.push_coalesced(
            section,
            format!("edit {}", name.to_lowercase()),
            response.id,
            move |p| set(p, buffer),
        );
    }
    if response.lost_focus() {
        edits.seal = true;
    }
}

/// A list of lines (steps of a procedure) edited as one multi-line field, one item per line.
pub fn lines(
    ui: &mut Ui,
    edits: &mut Edits,
    section: Section,
    name: &str,
    value: &[String],
    set: impl FnOnce(&mut Plan, Vec<String>) + 'static,
) {
    let label_id = label(ui, name);
    let joined = value.join("\n");
    let mut buffer = joined.clone();
    let response = ui
        .add(
            egui::TextEdit::multiline(&mut buffer)
                .desired_rows(value.len().clamp(3, 10))
                .desired_width(f32::INFINITY)
                .char_limit(MAX_TEXT),
        )
        .labelled_by(label_id)
        .on_hover_text("One step per line");
    if response.changed() && refused_characters(&buffer, edits) {
        ui.end_row();
        return;
    }
    if response.changed() && buffer != joined {
        let items: Vec<String> = buffer.lines().map(str::to_owned).collect();
        edits.push_coalesced(
            section,
            format!("edit {}", name.to_lowercase()),
            response.id,
            move |p| set(p, items),
        );
    }
    if response.lost_focus() {
        edits.seal = true;
    }
    ui.end_row();
}

/// A field for a value typed as text and parsed (a date, a time, a number): the text is kept while it does
/// not parse, with the reason beside it, and applied as soon as it does.
#[allow(clippy::too_many_arguments)] // one private helper behind the date, time and number fields
fn parsed<T: PartialEq + 'static>(
    ui: &mut Ui,
    edits: &mut Edits,
    section: Section,
    label_id: egui::Id,
    name: &str,
    shown: String,
    width: f32,
    parse: impl Fn(&str) -> Result<T, String>,
    current: &T,
    set: impl FnOnce(&mut Plan, T) + 'static,
) -> egui::Response {
    let id = ui.scope_id().with(("field", name));
    let draft: Option<String> = ui.data(|d| d.get_temp(id));
    let mut buffer = draft.clone().unwrap_or(shown);
    let response = ui
        .add(
            egui::TextEdit::singleline(&mut buffer)
                .id(id)
                .desired_width(width),
        )
        .labelled_by(label_id);
    let parsed = parse(&buffer);
    if response.changed() {
        match &parsed {
            Ok(value) if value != current => {
                ui.data_mut(|d| d.remove::<String>(id));
                let value = parse(&buffer);
                if let Ok(value) = value {
                    edits.push_coalesced(
                        section,
                        format!("edit {}", name.to_lowercase()),
                        id,
                        move |p| set(p, value),
                    );
                }
            }
            Ok(_) => {
                ui.data_mut(|d| d.remove::<String>(id));
            }
            Err(_) => {
                ui.data_mut(|d| d.insert_temp(id, buffer.clone()));
            }
        }
    }
    if let (Some(_), Err(reason)) = (&draft, &parsed) {
        ui.colored_label(ui.visuals().error_fg_color, reason)
            .on_hover_text("Not saved until it is valid");
    }
    if response.lost_focus() {
        edits.seal = true;
        if parsed.is_err() {
            // Leaving a field with an invalid value puts back what the plan holds.
            ui.data_mut(|d| d.remove::<String>(id));
            edits.notice = Some(format!(
                "{name}: \u{201c}{buffer}\u{201d} was not valid and was not saved"
            ));
        }
    }
    response
}

/// Parses `YYYY-MM-DD`; empty is `None` when `optional`.
pub fn parse_date(text: &str, optional: bool) -> Result<Option<NaiveDate>, String> {
    let text = text.trim();
    if text.is_empty() {
        return if optional {
            Ok(None)
        } else {
            Err("a date is required (YYYY-MM-DD)".to_owned())
        };
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map(Some)
        .map_err(|_| "not a date: use YYYY-MM-DD".to_owned())
}

/// A list of dates, typed as YYYY-MM-DD separated by commas (empty for none).
pub fn dates(
    ui: &mut Ui,
    edits: &mut Edits,
    section: Section,
    name: &str,
    value: &[NaiveDate],
    set: impl FnOnce(&mut Plan, Vec<NaiveDate>) + 'static,
) {
    let label_id = label(ui, name);
    let shown = value
        .iter()
        .map(|d| d.format("%Y-%m-%d").to_string())
        .collect::<Vec<_>>()
        .join(", ");
    let parse = |text: &str| -> Result<Vec<NaiveDate>, String> {
        let mut days: Vec<NaiveDate> = text
            .split(',')
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(|t| {
                NaiveDate::parse_from_str(t, "%Y-%m-%d").map_err(|_| {
                    format!(
                        "\u{201c}{t}\u{201d} is not a date: use YYYY-MM-DD, separated by commas"
                    )
                })
            })
            .collect::<Result<_, _>>()?;
        days.sort();
        days.dedup();
        Ok(days)
    };
    let current = value.to_vec();
    ui.vertical(|ui| {
        parsed(
            ui, edits, section, label_id, name, shown, 320.0, parse, &current, set,
        );
    });
    ui.end_row();
}

/// A date: typed as YYYY-MM-DD or picked from a calendar.
pub fn date(
    ui: &mut Ui,
    edits: &mut Edits,
    section: Section,
    name: &str,
    value: Option<NaiveDate>,
    optional: bool,
    set: impl Fn(&mut Plan, Option<NaiveDate>) + Clone + 'static,
) {
    let label_id = label(ui, name);
    ui.horizontal(|ui| {
        let shown = value.map_or_else(String::new, |d| d.format("%Y-%m-%d").to_string());
        let set_typed = set.clone();
        parsed(
            ui,
            edits,
            section,
            label_id,
            name,
            shown,
            96.0,
            |t| parse_date(t, optional),
            &value,
            move |p, v| set_typed(p, v),
        );
        let mut picked = value
            .and_then(|d| {
                jiff::civil::Date::new(d.year() as i16, d.month() as i8, d.day() as i8).ok()
            })
            .unwrap_or_else(|| jiff::civil::Date::new(2027, 1, 1).unwrap_or_default());
        let before = picked;
        let picker = ui
            .add(
                egui_extras::DatePickerButton::new(&mut picked)
                    .id_salt(name)
                    .show_icon(false)
                    .format("Calendar…"),
            )
            .on_hover_text(format!(
                "Choose the {} from a calendar",
                name.to_lowercase()
            ));
        if picker.changed()
            && picked != before
            && let Some(d) = NaiveDate::from_ymd_opt(
                i32::from(picked.year()),
                picked.month() as u32,
                picked.day() as u32,
            )
        {
            let set = set.clone();
            edits.push(section, format!("edit {}", name.to_lowercase()), move |p| {
                set(p, Some(d))
            });
        }
        if optional
            && value.is_some()
            && ui
                .button("Clear")
                .on_hover_text(format!("Clear the {}", name.to_lowercase()))
                .clicked()
        {
            edits.push(
                section,
                format!("clear {}", name.to_lowercase()),
                move |p| set(p, None),
            );
        }
    });
    ui.end_row();
}

/// A time of day, HH:MM.
pub fn time(
    ui: &mut Ui,
    edits: &mut Edits,
    section: Section,
    name: &str,
    value: Option<NaiveTime>,
    optional: bool,
    set: impl FnOnce(&mut Plan, Option<NaiveTime>) + 'static,
) {
    let label_id = label(ui, name);
    let shown = value.map_or_else(String::new, |t| t.format("%H:%M").to_string());
    let parse = move |t: &str| -> Result<Option<NaiveTime>, String> {
        let t = t.trim();
        if t.is_empty() {
            return if optional {
                Ok(None)
            } else {
                Err("a time is required (HH:MM)".to_owned())
            };
        }
        NaiveTime::parse_from_str(t, "%H:%M")
            .map(Some)
            .map_err(|_| "not a time: use HH:MM (24-hour)".to_owned())
    };
    parsed(
        ui, edits, section, label_id, name, shown, 60.0, parse, &value, set,
    );
    ui.end_row();
}

/// A date and time, YYYY-MM-DD HH:MM.
pub fn date_time(
    ui: &mut Ui,
    edits: &mut Edits,
    section: Section,
    name: &str,
    value: Option<NaiveDateTime>,
    set: impl FnOnce(&mut Plan, Option<NaiveDateTime>) + 'static,
) {
    let label_id = label(ui, name);
    let shown = value.map_or_else(String::new, |t| t.format("%Y-%m-%d %H:%M").to_string());
    let parse = |t: &str| -> Result<Option<NaiveDateTime>, String> {
        let t = t.trim();
        if t.is_empty() {
            return Ok(None);
        }
        NaiveDateTime::parse_from_str(t, "%Y-%m-%d %H:%M")
            .map(Some)
            .map_err(|_| "use YYYY-MM-DD HH:MM".to_owned())
    };
    parsed(
        ui, edits, section, label_id, name, shown, 130.0, parse, &value, set,
    );
    ui.end_row();
}

/// A level or a value: a number, or empty for none.
pub fn number(
    ui: &mut Ui,
    edits: &mut Edits,
    section: Section,
    name: &str,
    value: Option<f64>,
    set: impl FnOnce(&mut Plan, Option<f64>) + 'static,
) {
    let label_id = label(ui, name);
    let shown = value.map_or_else(String::new, crate::validate::number);
    let parse = |t: &str| -> Result<Option<f64>, String> {
        let t = t.trim();
        if t.is_empty() {
            return Ok(None);
        }
        match t.parse::<f64>() {
            Ok(v) if v.is_finite() => Ok(Some(v)),
            _ => Err("not a number".to_owned()),
        }
    };
    parsed(
        ui, edits, section, label_id, name, shown, 80.0, parse, &value, set,
    );
    ui.end_row();
}

/// A whole number.
pub fn count(
    ui: &mut Ui,
    edits: &mut Edits,
    section: Section,
    name: &str,
    value: u32,
    set: impl FnOnce(&mut Plan, u32) + 'static,
) {
    let label_id = label(ui, name);
    let mut v = value;
    let response = ui
        .add(egui::DragValue::new(&mut v).range(0..=1_000_000))
        .labelled_by(label_id);
    if v != value {
        edits.push_coalesced(
            section,
            format!("edit {}", name.to_lowercase()),
            response.id,
            move |p| set(p, v),
        );
    }
    if response.drag_stopped() || response.lost_focus() {
        edits.seal = true;
    }
    ui.end_row();
}

/// A yes/no box.
pub fn check(
    ui: &mut Ui,
    edits: &mut Edits,
    section: Section,
    name: &str,
    hint: &str,
    value: bool,
    set: impl FnOnce(&mut Plan, bool) + 'static,
) {
    ui.label(RichText::new(name).strong());
    let mut v = value;
    if ui.checkbox(&mut v, hint).changed() {
        edits.push(section, format!("edit {}", name.to_lowercase()), move |p| {
            set(p, v)
        });
    }
    ui.end_row();
}

/// A pick-one field: a labelled list that shows `shown` and offers `options` (built only when it opens).
#[allow(clippy::too_many_arguments)] // the one picker behind every choice, person, venue and contest field
pub fn pick<T: PartialEq + Clone + 'static>(
    ui: &mut Ui,
    edits: &mut Edits,
    section: Section,
    name: &str,
    value: &T,
    shown: &str,
    options: impl FnOnce() -> Vec<(T, String)>,
    set: impl FnOnce(&mut Plan, T) + 'static,
) {
    let label_id = label(ui, name);
    let mut selected = value.clone();
    egui::ComboBox::from_id_salt(("pick", name))
        .selected_text(shown)
        .width(280.0)
        .height(360.0)
        .show_ui(ui, |ui| {
            for (option, text) in options() {
                ui.selectable_value(&mut selected, option, text);
            }
        })
        .response
        .labelled_by(label_id);
    if selected != *value {
        edits.push(
            section,
            format!("change {}", name.to_lowercase()),
            move |p| set(p, selected),
        );
    }
    ui.end_row();
}

/// A choice from a closed set.
pub fn choice<T: Choice>(
    ui: &mut Ui,
    edits: &mut Edits,
    section: Section,
    name: &str,
    value: T,
    set: impl FnOnce(&mut Plan, T) + 'static,
) {
    let options = || {
        T::choices()
            .iter()
            .map(|c| (*c, c.text().to_owned()))
            .collect()
    };
    pick(ui, edits, section, name, &value, value.text(), options, set);
}

/// An optional choice from a closed set ("Not set" first).
pub fn maybe_choice<T: Choice>(
    ui: &mut Ui,
    edits: &mut Edits,
    section: Section,
    name: &str,
    value: Option<T>,
    set: impl FnOnce(&mut Plan, Option<T>) + 'static,
) {
    let options = || {
        std::iter::once((None, "Not set".to_owned()))
            .chain(T::choices().iter().map(|c| (Some(*c), c.text().to_owned())))
            .collect()
    };
    pick(
        ui,
        edits,
        section,
        name,
        &value,
        value.map_or("Not set", Choice::text),
        options,
        set,
    );
}

/// How a person is listed in pickers.
pub fn person_label(p: &Person) -> String {
    let name = if p.name.trim().is_empty() {
        "(no name)"
    } else {
        p.name.trim()
    };
    format!("{name} — {}", p.role.label())
}

/// People as picker options, by name, after "Nobody".
fn people_options(people: &[Person]) -> Vec<(Option<PersonId>, String)> {
    let mut sorted: Vec<&Person> = people.iter().collect();
    sorted.sort_by_key(|p| person_label(p).to_lowercase());
    std::iter::once((None, "Nobody".to_owned()))
        .chain(sorted.into_iter().map(|p| (Some(p.id), person_label(p))))
        .collect()
}

/// A person from the directory, or nobody.
pub fn person(
    ui: &mut Ui,
    edits: &mut Edits,
    section: Section,
    name: &str,
    value: Option<PersonId>,
    people: &[Person],
    set: impl FnOnce(&mut Plan, Option<PersonId>) + 'static,
) {
    let shown = match value {
        None => "Nobody".to_owned(),
        Some(id) => people
            .iter()
            .find(|p| p.id == id)
            .map_or_else(|| "(not in the directory)".to_owned(), person_label),
    };
    pick(
        ui,
        edits,
        section,
        name,
        &value,
        &shown,
        || people_options(people),
        set,
    );
}

/// Several people from the directory: each with a Remove button, and a picker to add one more.
pub fn people(
    ui: &mut Ui,
    edits: &mut Edits,
    section: Section,
    name: &str,
    value: &[PersonId],
    people: &[Person],
    set: impl Fn(&mut Plan, Vec<PersonId>) + Clone + 'static,
) {
    let label_id = label(ui, name);
    ui.vertical(|ui| {
        ui.horizontal_wrapped(|ui| {
            for (i, id) in value.iter().enumerate() {
                let who = people
                    .iter()
                    .find(|p| p.id == *id)
                    .map_or_else(|| "(not in the directory)".to_owned(), |p| p.name.clone());
                ui.label(&who);
                if ui
                    .small_button("✕")
                    .on_hover_text(format!("Remove {who} from {}", name.to_lowercase()))
                    .clicked()
                {
                    let mut next = value.to_vec();
                    next.remove(i);
                    let set = set.clone();
                    edits.push(
                        section,
                        format!("remove from {}", name.to_lowercase()),
                        move |p| set(p, next),
                    );
                }
                ui.separator();
            }
            if value.is_empty() {
                ui.weak("Nobody yet");
            }
        });
        let mut added: Option<PersonId> = None;
        egui::ComboBox::from_id_salt(("people", name))
            .selected_text("Add a person…")
            .width(260.0)
            .height(360.0)
            .show_ui(ui, |ui| {
                let mut sorted: Vec<&Person> =
                    people.iter().filter(|p| !value.contains(&p.id)).collect();
                sorted.sort_by_key(|p| person_label(p).to_lowercase());
                for p in sorted {
                    ui.selectable_value(&mut added, Some(p.id), person_label(p));
                }
            })
            .response
            .labelled_by(label_id);
        if let Some(id) = added {
            let mut next = value.to_vec();
            next.push(id);
            edits.push(
                section,
                format!("add to {}", name.to_lowercase()),
                move |p| set(p, next),
            );
        }
    });
    ui.end_row();
}

/// What a row's Up / Down / Remove buttons asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowOp {
    /// Move one place earlier.
    Up,
    /// Move one place later.
    Down,
    /// Remove.
    Remove,
}

/// The buttons that reorder and remove the selected entry of a list.
pub fn row_ops(ui: &mut Ui, what: &str, index: usize, len: usize) -> Option<RowOp> {
    let mut op = None;
    ui.horizontal(|ui| {
        if ui
            .add_enabled(index > 0, egui::Button::new("Move up"))
            .on_hover_text(format!("Move this {what} up the list"))
            .clicked()
        {
            op = Some(RowOp::Up);
        }
        if ui
            .add_enabled(index + 1 < len, egui::Button::new("Move down"))
            .on_hover_text(format!("Move this {what} down the list"))
            .clicked()
        {
            op = Some(RowOp::Down);
        }
        let remove = egui::Button::new(
            RichText::new(format!("Remove {what}")).color(ui.visuals().error_fg_color),
        );
        if ui.add(remove).clicked() {
            op = Some(RowOp::Remove);
        }
    });
    op
}

/// Applies a row operation to the list holding the entity with `id`.
pub fn apply_row_op<T>(list: &mut Vec<T>, index_of: impl Fn(&T) -> bool, op: RowOp) {
    let Some(i) = list.iter().position(index_of) else {
        return;
    };
    match op {
        RowOp::Up if i > 0 => list.swap(i, i - 1),
        RowOp::Down if i + 1 < list.len() => list.swap(i, i + 1),
        RowOp::Remove => {
            list.remove(i);
        }
        _ => {}
    }
}

/// A small coloured badge.
pub fn badge(ui: &mut Ui, text: &str, fill: Color32) {
    egui::Frame::new()
        .fill(fill)
        .corner_radius(4.0)
        .inner_margin(egui::Margin::symmetric(6, 1))
        .show(ui, |ui| {
            ui.label(RichText::new(text).color(Color32::BLACK).small());
        });
}

/// A form: a two-column grid of labelled fields.
pub fn form(ui: &mut Ui, id: impl std::hash::Hash + std::fmt::Debug, add: impl FnOnce(&mut Ui)) {
    egui::Grid::new(egui::IdSalt::new(id))
        .num_columns(2)
        .spacing([16.0, 8.0])
        .min_col_width(170.0)
        .striped(false)
        .show(ui, add);
}
