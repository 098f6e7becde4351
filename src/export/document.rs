//! A laid-out document as plain data: pages of positioned text runs, rectangles and lines, with
//! metadata and an outline. The layout produces it; `pdf::render` turns it into bytes. Nothing here
//! knows printpdf.

use chrono::NaiveDate;

/// Millimetres from the page's top-left corner (x to the right, y downwards).
pub type Mm = f32;

/// A colour, each channel 0–255.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// Black.
    pub const BLACK: Rgb = Rgb(0, 0, 0);
    /// White.
    pub const WHITE: Rgb = Rgb(255, 255, 255);
}

/// Which embedded face a run of text uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Face {
    /// The regular face.
    Regular,
    /// The bold face.
    Bold,
    /// The fallback face, for characters the main faces lack (arrows, ticks, mathematical signs).
    Symbols,
}

impl Face {
    /// Every face.
    pub const ALL: [Face; 3] = [Face::Regular, Face::Bold, Face::Symbols];

    /// The face's position in [`Face::ALL`].
    pub fn index(self) -> usize {
        match self {
            Face::Regular => 0,
            Face::Bold => 1,
            Face::Symbols => 2,
        }
    }
}

/// One thing drawn on a page.
#[derive(Clone, Debug, PartialEq)]
pub enum Item {
    /// A single line of text; `y` is its baseline.
    Text {
        /// Left edge.
        x: Mm,
        /// Baseline.
        y: Mm,
        /// The text (any Unicode the font covers).
        text: String,
        /// Face.
        face: Face,
        /// Size in points.
        size: f32,
        /// Colour.
        colour: Rgb,
    },
    /// A rectangle, filled and/or stroked.
    Rect {
        /// Left edge.
        x: Mm,
        /// Top edge.
        y: Mm,
        /// Width.
        w: Mm,
        /// Height.
        h: Mm,
        /// Fill colour.
        fill: Option<Rgb>,
        /// Stroke colour and width in points.
        stroke: Option<(Rgb, f32)>,
    },
    /// A straight line.
    Line {
        /// Start x.
        x1: Mm,
        /// Start y.
        y1: Mm,
        /// End x.
        x2: Mm,
        /// End y.
        y2: Mm,
        /// Colour.
        colour: Rgb,
        /// Width in points.
        width: f32,
    },
}

/// One page.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Page {
    /// What is drawn, in order.
    pub items: Vec<Item>,
}

/// An entry in the PDF's bookmark outline.
#[derive(Clone, Debug, PartialEq)]
pub struct OutlineEntry {
    /// The bookmark's title.
    pub title: String,
    /// The page it opens (0-based).
    pub page: usize,
}

/// A whole document, ready to render.
#[derive(Clone, Debug, PartialEq)]
pub struct Document {
    /// Title metadata.
    pub title: String,
    /// Author metadata.
    pub author: String,
    /// Subject metadata.
    pub subject: String,
    /// Keywords metadata.
    pub keywords: Vec<String>,
    /// The creation and modification date written into the file (from the plan, never the clock).
    pub date: NaiveDate,
    /// Page width in millimetres (A4: 210).
    pub width: Mm,
    /// Page height in millimetres (A4: 297).
    pub height: Mm,
    /// The pages.
    pub pages: Vec<Page>,
    /// The bookmarks, in order.
    pub outline: Vec<OutlineEntry>,
}

impl Page {
    /// The page's text, line by line from the top, runs on one baseline joined by spaces (for tests
    /// and previews).
    pub fn text(&self) -> String {
        let mut runs: Vec<(i64, f32, &str)> = self
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Text { x, y, text, .. } => {
                    Some(((y * 10.0).round() as i64, *x, text.as_str()))
                }
                _ => None,
            })
            .collect();
        runs.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
        let mut out = String::new();
        let mut line = None;
        for (y, _, text) in runs {
            match line {
                Some(l) if l == y => out.push(' '),
                Some(_) => out.push('\n'),
                None => {}
            }
            line = Some(y);
            out.push_str(text);
        }
        out
    }
}
