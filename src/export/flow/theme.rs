//! The house style: the A4 page and its margins, text sizes and line heights, and colours.

use crate::export::document::Mm;

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

const PT: Mm = 25.4 / 72.0;

/// Body text size.
pub const BODY: f32 = 9.5;
/// Table text size.
pub const SMALL: f32 = 8.2;

/// The height of a line of text at `size` points.
pub fn line_height(size: f32) -> Mm {
    size * PT * 1.32
}

/// Where the baseline sits below the top of a line box.
pub(super) fn baseline(size: f32) -> Mm {
    let lh = line_height(size);
    (lh - size * PT) / 2.0 + size * PT * 0.8
}
