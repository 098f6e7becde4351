//! Small pieces the screens share: the rule on characters a plan cannot hold, and a coloured badge.

use egui::{Color32, RichText, Ui};

use super::edits::Edits;
use super::tokens;

/// The first control character in `text` that no plan may hold (all but line breaks and tabs).
pub fn control_character(text: &str) -> Option<char> {
    text.chars()
        .find(|c| c.is_control() && !matches!(c, '\n' | '\t'))
}

/// Whether text holds a control character no plan may hold (NUL, ESC and the like, from a paste or
/// a scanner); if so the change is refused and the user told why.
pub fn refused_characters(text: &str, edits: &mut Edits) -> bool {
    let Some(c) = control_character(text) else {
        return false;
    };
    edits.notice = Some(format!(
        "That text holds the control character U+{:04X} (from a paste or a scanner), which a \
         plan cannot hold; the change was not made.",
        u32::from(c)
    ));
    true
}

/// A small coloured badge.
pub fn badge(ui: &mut Ui, text: &str, fill: Color32) {
    egui::Frame::new()
        .fill(fill)
        .corner_radius(4.0)
        .inner_margin(egui::Margin::symmetric(6, 1))
        .show(ui, |ui| {
            ui.label(RichText::new(text).color(tokens::ON_FILL).small());
        });
}
