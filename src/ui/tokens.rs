//! Design tokens: every colour and spacing the editor uses, in one place (the habit of rerun's
//! `re_ui`), so a screen names what it means ("a breach", "the form's label column") and never a
//! number.

use egui::Color32;

use crate::model::{IndicatorState, RiskLevel};

/// Good, done, clear (a received box, a met threshold, an OK check).
pub const GOOD: Color32 = Color32::from_rgb(0x2e, 0x7d, 0x32);
/// Clear, as a fill behind dark text.
pub const GOOD_FILL: Color32 = Color32::from_rgb(0x66, 0xbb, 0x6a);
/// Needs attention, as a fill behind dark text.
pub const WARNING_FILL: Color32 = Color32::from_rgb(0xff, 0xb3, 0x00);
/// A breach, a broken seal, a missing owner.
pub const BAD: Color32 = Color32::from_rgb(0xe5, 0x39, 0x35);
/// An unassigned task in the responsibilities list.
pub const UNASSIGNED: Color32 = Color32::from_rgb(0xd3, 0x2f, 0x2f);
/// Text on a coloured fill (badges, heat-map cells): fills are light enough for black.
pub const ON_FILL: Color32 = Color32::BLACK;
/// A line in a chart of observations.
pub const CHART_LINE: Color32 = Color32::from_rgb(0x42, 0x8b, 0xd8);

/// Statutory deadlines on the timeline (light theme).
pub const STATUTORY: Color32 = Color32::from_rgb(0x1d, 0x35, 0x57);
/// Statutory deadlines on the timeline (dark theme).
pub const STATUTORY_DARK: Color32 = Color32::from_rgb(0x7c, 0xb7, 0xff);
/// Plan reviews on the timeline.
pub const REVIEW: Color32 = Color32::from_rgb(0xf5, 0x9e, 0x0b);
/// Electoral events on the timeline.
pub const EVENT: Color32 = GOOD;
/// Local milestones on the timeline.
pub const LOCAL: Color32 = Color32::from_rgb(0x6a, 0x1b, 0x9a);
/// Polling day in the calendar.
pub const POLLING_DAY: Color32 = Color32::from_rgb(0x1d, 0x35, 0x57);
/// A bank holiday or a disregarded day in the calendar.
pub const HOLIDAY_FILL: Color32 = Color32::from_rgb(0xf8, 0xd7, 0xda);

/// The colour of a risk level (the PDF's heat map uses the same).
pub fn risk_level(level: RiskLevel) -> Color32 {
    match level {
        RiskLevel::Low => Color32::from_rgb(0x81, 0xc7, 0x84),
        RiskLevel::Medium => Color32::from_rgb(0xff, 0xd5, 0x4f),
        RiskLevel::High => Color32::from_rgb(0xff, 0x98, 0x3d),
        RiskLevel::VeryHigh => Color32::from_rgb(0xe5, 0x73, 0x73),
    }
}

/// The colour of an indicator's state.
pub fn indicator_state(state: IndicatorState) -> Color32 {
    match state {
        IndicatorState::Clear => GOOD_FILL,
        IndicatorState::Warning => WARNING_FILL,
        IndicatorState::Action => BAD,
    }
}

/// Spacing, in points.
pub mod space {
    /// Between a form's label column and its fields, and between its rows.
    pub const FORM_GAP: [f32; 2] = [16.0, 8.0];
    /// The form's label column.
    pub const LABEL_COLUMN: f32 = 170.0;
    /// Below a screen's heading or introduction.
    pub const AFTER_INTRO: f32 = 4.0;
    /// Above an empty list's message.
    pub const BEFORE_EMPTY: f32 = 12.0;
    /// The share of the screen's height a list takes above its form.
    pub const LIST_SHARE: f32 = 0.42;
    /// Kept under a list with nothing selected, for the line that says to select an entry.
    pub const LIST_RESERVE: f32 = 60.0;
    /// The least height of a list.
    pub const LIST_MIN: f32 = 140.0;
    /// Padding added to a line of text for a table row.
    pub const ROW_PAD: f32 = 6.0;
    /// Width of a picker's drop-down.
    pub const PICKER_WIDTH: f32 = 280.0;
    /// The most characters a picker shows of its value (all of it on hover).
    pub const PICKER_CHARS: usize = 48;
    /// Height of a picker's drop-down.
    pub const PICKER_HEIGHT: f32 = 360.0;
    /// The sections list on the left.
    pub const SECTIONS_WIDTH: f32 = 250.0;
    /// The readiness panel on the right.
    pub const READINESS_WIDTH: f32 = 360.0;
    /// Below this window width (points) the readiness panel folds to a strip with a button.
    pub const READINESS_FOLDS_BELOW: f32 = 1500.0;
    /// Width of a date field.
    pub const DATE_WIDTH: f32 = 120.0;
    /// Width of a field holding several dates.
    pub const DATES_WIDTH: f32 = 320.0;
    /// Width of a time field.
    pub const TIME_WIDTH: f32 = 60.0;
    /// Width of a date-and-time field.
    pub const DATE_TIME_WIDTH: f32 = 170.0;
    /// Width of a number field.
    pub const NUMBER_WIDTH: f32 = 80.0;
}
