//! The house style: the A4 page and its margins, text sizes and line heights, colours, the space
//! around blocks, rule widths, and where the running header and footer sit.
//!
//! Lengths are in millimetres ([`Mm`]) measured from the top-left of the page, text sizes and
//! rule widths in points.

use crate::export::document::Mm;

// The page.

/// A4 width.
pub const PAGE_W: Mm = 210.0;
/// A4 height.
pub const PAGE_H: Mm = 297.0;
/// Left and right margins.
pub const MARGIN: Mm = 20.0;
/// The width text and tables may use.
pub const CONTENT_W: Mm = PAGE_W - 2.0 * MARGIN;
/// Where content starts, below the running header.
pub const CONTENT_TOP: Mm = 27.0;
/// Where content must end, above the running footer.
pub const CONTENT_BOTTOM: Mm = PAGE_H - 22.0;

// Type.

/// Millimetres per point.
const PT: Mm = 25.4 / 72.0;
/// Leading: a line of text is this many times its size tall.
pub const LEADING: f32 = 1.32;
/// How far the baseline sits below the top of the text's em box, as a fraction of its size.
pub const ASCENT: f32 = 0.8;

/// Body text size.
pub const BODY: f32 = 9.5;
/// Table text size.
pub const SMALL: f32 = 8.2;
/// Chapter title size.
pub const CHAPTER_SIZE: f32 = 17.0;
/// Heading size.
pub const HEADING_SIZE: f32 = 11.5;
/// The running header and footer's text size.
pub const RUNNING_SIZE: f32 = 7.5;
/// The protective marking's size, top and bottom of every page.
pub const MARKING_SIZE: f32 = 9.5;

/// The height of a line of text at `size` points.
pub fn line_height(size: f32) -> Mm {
    size * PT * LEADING
}

/// Where the baseline sits below the top of a line box.
pub(super) fn baseline(size: f32) -> Mm {
    let lh = line_height(size);
    (lh - size * PT) / 2.0 + size * PT * ASCENT
}

/// The house colours.
pub mod colour {
    use crate::export::document::Rgb;
    /// Headings and table headers.
    pub const NAVY: Rgb = Rgb(0x1d, 0x35, 0x57);
    /// Body text.
    pub const TEXT: Rgb = Rgb(0x1a, 0x1a, 0x1a);
    /// Secondary text.
    pub const MUTED: Rgb = Rgb(0x5f, 0x66, 0x70);
    /// Alternate table rows.
    pub const ZEBRA: Rgb = Rgb(0xf3, 0xf5, 0xf8);
    /// Rules between rows.
    pub const RULE: Rgb = Rgb(0xc9, 0xcf, 0xd8);
    /// Gaps a reviewer must see ("Not yet provided").
    pub const GAP: Rgb = Rgb(0xa3, 0x3b, 0x20);
    /// Risk and state colours.
    pub const GREEN: Rgb = Rgb(0xc8, 0xe6, 0xc9);
    /// Medium / warning.
    pub const AMBER: Rgb = Rgb(0xff, 0xe0, 0x82);
    /// High.
    pub const ORANGE: Rgb = Rgb(0xff, 0xb0, 0x6b);
    /// Very high / action.
    pub const RED: Rgb = Rgb(0xef, 0x8a, 0x80);
}

// Space around blocks.

/// How far below a chapter's title its rule is drawn.
pub const CHAPTER_RULE_GAP: Mm = 1.0;
/// Space below a chapter's title (its rule sits within it).
pub const CHAPTER_AFTER: Mm = 5.0;

/// Space above a heading.
pub const HEADING_BEFORE: Mm = 2.0;
/// Space below a heading.
pub const HEADING_AFTER: Mm = 1.0;
/// Lines of body text kept on the page with a heading.
pub const HEADING_KEEP: f32 = 3.0;

/// Space below a paragraph.
pub const PARAGRAPH_AFTER: Mm = 1.5;

/// Where a list item's number or bullet sits, from the margin.
pub const LIST_MARKER_INDENT: Mm = 1.0;
/// Where a list item's text sits, from the margin.
pub const LIST_INDENT: Mm = 7.0;
/// Lines of a list item kept together (at most this many, at least the whole of a shorter one).
pub const LIST_KEEP: usize = 2;
/// Space below each list item.
pub const LIST_ITEM_AFTER: Mm = 0.8;
/// Space below a list.
pub const LIST_AFTER: Mm = 1.0;

/// The width of the label column in label–value pairs; values start this far from the margin.
pub const LABEL_W: Mm = 52.0;
/// Space kept clear between a label and its value.
pub const LABEL_GAP: Mm = 3.0;
/// Lines of a label–value pair kept together (at most this many).
pub const KEY_VALUE_KEEP: usize = 3;
/// Space below each label–value pair.
pub const KEY_VALUE_AFTER: Mm = 0.9;
/// Space below a block of label–value pairs.
pub const KEY_VALUES_AFTER: Mm = 1.5;

/// Space between a table cell's text and its left and right edges.
pub const CELL_PAD_X: Mm = 1.6;
/// Space between a table cell's text and its top and bottom edges.
pub const CELL_PAD_Y: Mm = 1.2;
/// Space below a table.
pub const TABLE_AFTER: Mm = 3.0;

// Rules (widths in points).

/// The rule under a chapter's title.
pub const CHAPTER_RULE_WIDTH: f32 = 1.2;
/// The rule under each table row.
pub const TABLE_RULE_WIDTH: f32 = 0.4;
/// The rules under the running header and above the running footer.
pub const RUNNING_RULE_WIDTH: f32 = 0.5;

// The running header and footer (the page furniture), from the top of the page.

/// The baseline of the protective marking at the top of the page.
pub const MARKING_TOP: Mm = 10.0;
/// The baseline of the running header (title left, version and status right).
pub const HEADER_BASELINE: Mm = 17.0;
/// The rule under the running header.
pub const HEADER_RULE: Mm = 19.0;
/// Space kept clear between the running header's title and its right-hand text.
pub const HEADER_GAP: Mm = 6.0;
/// The rule above the running footer.
pub const FOOTER_RULE: Mm = PAGE_H - 17.0;
/// The baseline of the running footer (authority left, page number right).
pub const FOOTER_BASELINE: Mm = PAGE_H - 12.0;
/// The share of the content width the footer's authority may take.
pub const FOOTER_SHARE: f32 = 0.6;
/// The baseline of the protective marking at the foot of the page.
pub const MARKING_BOTTOM: Mm = PAGE_H - 7.0;
/// Baseline of the handling line, between the text area and the footer rule.
pub const HANDLING_BASELINE: Mm = FOOTER_RULE - 1.6;
/// Size of the handling line.
pub const HANDLING_SIZE: f32 = 6.5;
