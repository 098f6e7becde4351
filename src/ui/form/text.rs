//! Text fields, yes/no boxes and whole numbers.

use egui::TextEdit;

use super::{Form, Place};
use crate::model::limits::MAX_TEXT;
use crate::ui::widgets::refused_characters;

impl<P: Place> Form<'_, P> {
    /// A single-line text field.
    pub fn text(
        &mut self,
        name: &str,
        value: &str,
        set: impl FnOnce(&mut P::Value, String) + 'static,
    ) {
        self.text_field(name, value, 1, set);
    }

    /// A multi-line text field.
    pub fn multiline(
        &mut self,
        name: &str,
        value: &str,
        set: impl FnOnce(&mut P::Value, String) + 'static,
    ) {
        self.text_field(name, value, 3, set);
    }

    /// A text field of `rows` lines (one: a single line); a change the plan cannot hold is refused
    /// and said why.
    fn text_field(
        &mut self,
        name: &str,
        value: &str,
        rows: usize,
        set: impl FnOnce(&mut P::Value, String) + 'static,
    ) {
        let label = self.label(name);
        let mut buffer = value.to_owned();
        let edit = if rows > 1 {
            TextEdit::multiline(&mut buffer).desired_rows(rows)
        } else {
            TextEdit::singleline(&mut buffer)
        };
        let edit = edit.desired_width(f32::INFINITY).char_limit(MAX_TEXT);
        let response = self.ui.add(edit).labelled_by(label);
        self.focus(&response);
        self.ui.end_row();
        let changed = response.changed() && buffer != value;
        if changed && !refused_characters(&buffer, self.edits) {
            let set = self.lift(set);
            self.typed(name, response.id, move |p| set(p, buffer));
        }
        if response.lost_focus() {
            self.edits.seal = true;
        }
    }

    /// Steps of a procedure, one per line.
    pub fn lines(
        &mut self,
        name: &str,
        value: &[String],
        set: impl FnOnce(&mut P::Value, Vec<String>) + 'static,
    ) {
        let label = self.label(name);
        let joined = value.join("\n");
        let mut buffer = joined.clone();
        let edit = TextEdit::multiline(&mut buffer)
            .desired_rows(value.len().clamp(3, 10))
            .desired_width(f32::INFINITY)
            .char_limit(MAX_TEXT);
        let response = self
            .ui
            .add(edit)
            .labelled_by(label)
            .on_hover_text("One step per line");
        self.ui.end_row();
        let changed = response.changed() && buffer != joined;
        if changed && !refused_characters(&buffer, self.edits) {
            let items: Vec<String> = buffer.lines().map(str::to_owned).collect();
            let set = self.lift(set);
            self.typed(name, response.id, move |p| set(p, items));
        }
        if response.lost_focus() {
            self.edits.seal = true;
        }
    }

    /// A whole number.
    pub fn count(
        &mut self,
        name: &str,
        value: u32,
        set: impl FnOnce(&mut P::Value, u32) + 'static,
    ) {
        let label = self.label(name);
        let mut v = value;
        let drag = egui::DragValue::new(&mut v).range(0..=1_000_000);
        let response = self.ui.add(drag).labelled_by(label);
        self.ui.end_row();
        if v != value {
            let set = self.lift(set);
            self.typed(name, response.id, move |p| set(p, v));
        }
        if response.drag_stopped() || response.lost_focus() {
            self.edits.seal = true;
        }
    }

    /// A yes/no box, with the question beside it.
    pub fn check(
        &mut self,
        name: &str,
        hint: &str,
        value: bool,
        set: impl FnOnce(&mut P::Value, bool) + 'static,
    ) {
        self.label(name);
        let mut v = value;
        let changed = self.ui.checkbox(&mut v, hint).changed();
        self.ui.end_row();
        if changed {
            let set = self.lift(set);
            self.set("edit", name, move |p| set(p, v));
        }
    }
}
