//! The page flow: blocks of text, tables and drawings placed down A4 pages, breaking where they must.
//!
//! Everything here produces plain [`Item`]s on [`Page`]s, so where a table breaks and which header row
//! repeats can be tested without a PDF.

use super::document::{Face, Item, Mm, OutlineEntry, Page, Rgb};
use super::metrics::Metrics;

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
    use super::Rgb;
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
fn baseline(size: f32) -> Mm {
    let lh = line_height(size);
    (lh - size * PT) / 2.0 + size * PT * 0.8
}

/// A table column: its title and its share of the width.
#[derive(Clone, Debug)]
pub struct Column {
    /// Header text.
    pub title: String,
    /// Share of the table's width (shares are normalised).
    pub share: f32,
}

/// One cell.
#[derive(Clone, Debug, Default)]
pub struct Cell {
    /// A bold first part (a name above its details), if any.
    pub heading: Option<String>,
    /// Its text (wrapped to the column).
    pub text: String,
    /// Bold instead of regular.
    pub bold: bool,
    /// A background colour (a risk level, a state).
    pub fill: Option<Rgb>,
    /// Text colour (default body text).
    pub colour: Option<Rgb>,
}

impl Cell {
    /// A plain cell.
    pub fn new(text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            ..Cell::default()
        }
    }

    /// A bold cell.
    pub fn bold(text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            bold: true,
            ..Cell::default()
        }
    }

    /// A cell with a bold heading above regular text.
    pub fn titled(heading: impl Into<String>, text: impl Into<String>) -> Cell {
        Cell {
            heading: Some(heading.into()),
            text: text.into(),
            ..Cell::default()
        }
    }

    /// The same cell on a coloured background.
    pub fn filled(mut self, fill: Rgb) -> Cell {
        self.fill = Some(fill);
        self
    }

    /// The same cell in another text colour.
    pub fn coloured(mut self, colour: Rgb) -> Cell {
        self.colour = Some(colour);
        self
    }
}

impl From<String> for Cell {
    fn from(text: String) -> Cell {
        Cell::new(text)
    }
}

impl From<&str> for Cell {
    fn from(text: &str) -> Cell {
        Cell::new(text)
    }
}

/// A table whose header row repeats on every page it spans.
#[derive(Clone, Debug, Default)]
pub struct Table {
    /// The columns.
    pub columns: Vec<Column>,
    /// The rows.
    pub rows: Vec<Vec<Cell>>,
}

impl Table {
    /// A table with these column titles and shares.
    pub fn new(columns: &[(&str, f32)]) -> Table {
        Table {
            columns: columns
                .iter()
                .map(|(t, s)| Column {
                    title: (*t).to_owned(),
                    share: *s,
                })
                .collect(),
            rows: Vec::new(),
        }
    }

    /// Adds a row.
    pub fn row(&mut self, cells: Vec<Cell>) {
        self.rows.push(cells);
    }
}

/// Lays content down pages.
pub struct Flow<'m> {
    m: &'m Metrics,
    pages: Vec<Page>,
    outline: Vec<OutlineEntry>,
    y: Mm,
}

const PAD_X: Mm = 1.6;
const PAD_Y: Mm = 1.2;

impl<'m> Flow<'m> {
    /// An empty flow.
    pub fn new(m: &'m Metrics) -> Flow<'m> {
        Flow {
            m,
            pages: Vec::new(),
            outline: Vec::new(),
            y: CONTENT_TOP,
        }
    }

    /// The metrics in use.
    pub fn metrics(&self) -> &'m Metrics {
        self.m
    }

    /// Starts a new page.
    pub fn page_break(&mut self) {
        self.pages.push(Page::default());
        self.y = CONTENT_TOP;
    }

    /// The index of the page being filled (starting one if none is).
    pub fn page_index(&mut self) -> usize {
        if self.pages.is_empty() {
            self.page_break();
        }
        self.pages.len() - 1
    }

    /// How far down the page the next block starts.
    pub fn y(&self) -> Mm {
        self.y
    }

    /// Moves down by `h`.
    pub fn space(&mut self, h: Mm) {
        self.y = (self.y + h).min(CONTENT_BOTTOM);
    }

    /// Breaks the page unless `h` more fits on it.
    pub fn ensure(&mut self, h: Mm) {
        if self.pages.is_empty() || self.y + h > CONTENT_BOTTOM && self.y > CONTENT_TOP {
            self.page_break();
        }
    }

    /// Draws an item on the current page.
    pub fn draw(&mut self, item: Item) {
        let page = self.page_index();
        self.pages[page].items.push(item);
    }

    /// Draws one line of text with its top at `top`.
    pub fn text_line(&mut self, x: Mm, top: Mm, text: &str, face: Face, size: f32, colour: Rgb) {
        if text.is_empty() {
            return;
        }
        self.draw(Item::Text {
            x,
            y: top + baseline(size),
            text: text.to_owned(),
            face,
            size,
            colour,
        });
    }

    /// A chapter: a new page, its title, and a bookmark.
    pub fn chapter(&mut self, title: &str) {
        self.page_break();
        let page = self.page_index();
        self.outline.push(OutlineEntry {
            title: title.to_owned(),
            page,
        });
        let lines = self.m.wrap(title, CONTENT_W, Face::Bold, 17.0);
        for line in lines {
            let y = self.y;
            self.text_line(MARGIN, y, &line, Face::Bold, 17.0, colour::NAVY);
            self.y += line_height(17.0);
        }
        self.draw(Item::Line {
            x1: MARGIN,
            y1: self.y + 1.0,
            x2: MARGIN + CONTENT_W,
            y2: self.y + 1.0,
            colour: colour::NAVY,
            width: 1.2,
        });
        self.y += 5.0;
    }

    /// A heading within a chapter, kept with at least three lines of what follows.
    pub fn heading(&mut self, text: &str) {
        let lines = self.m.wrap(text, CONTENT_W, Face::Bold, 11.5);
        self.ensure(lines.len() as f32 * line_height(11.5) + 2.0 + 3.0 * line_height(BODY));
        self.y += 2.0;
        for line in lines {
            let y = self.y;
            self.text_line(MARGIN, y, &line, Face::Bold, 11.5, colour::NAVY);
            self.y += line_height(11.5);
        }
        self.y += 1.0;
    }

    /// A wrapped paragraph that may break across pages between lines.
    pub fn paragraph(&mut self, text: &str) {
        self.paragraph_styled(text, Face::Regular, BODY, colour::TEXT, 0.0);
    }

    /// A paragraph in a given face, size and colour, indented by `indent`.
    pub fn paragraph_styled(&mut self, text: &str, face: Face, size: f32, colour: Rgb, indent: Mm) {
        let lh = line_height(size);
        for line in self.m.wrap(text, CONTENT_W - indent, face, size) {
            self.ensure(lh);
            let y = self.y;
            self.text_line(MARGIN + indent, y, &line, face, size, colour);
            self.y += lh;
        }
        self.y += 1.5;
    }

    /// The marker a reviewer sees where a section or field is empty.
    pub fn not_provided(&mut self) {
        self.paragraph_styled("Not yet provided.", Face::Bold, BODY, colour::GAP, 0.0);
    }

    /// A numbered or bulleted list.
    pub fn list(&mut self, items: &[String], numbered: bool) {
        let lh = line_height(BODY);
        for (i, item) in items.iter().enumerate() {
            let marker = if numbered {
                format!("{}.", i + 1)
            } else {
                "•".to_owned()
            };
            let lines = self.m.wrap(item, CONTENT_W - 7.0, Face::Regular, BODY);
            self.ensure(lh * lines.len().min(2) as f32);
            let y = self.y;
            self.text_line(MARGIN + 1.0, y, &marker, Face::Regular, BODY, colour::TEXT);
            for line in lines {
                self.ensure(lh);
                let y = self.y;
                self.text_line(MARGIN + 7.0, y, &line, Face::Regular, BODY, colour::TEXT);
                self.y += lh;
            }
            self.y += 0.8;
        }
        self.y += 1.0;
    }

    /// Label–value pairs in two columns, labels in bold.
    pub fn key_values(&mut self, rows: &[(&str, String)]) {
        let label_w = 52.0;
        let lh = line_height(BODY);
        for (label, value) in rows {
            let labels = self.m.wrap(label, label_w - 3.0, Face::Bold, BODY);
            let (values, gap) = if value.trim().is_empty() {
                (vec!["Not yet provided".to_owned()], true)
            } else {
                (
                    self.m.wrap(value, CONTENT_W - label_w, Face::Regular, BODY),
                    false,
                )
            };
            let n = labels.len().max(values.len());
            self.ensure(lh * n.min(3) as f32);
            for i in 0..n {
                self.ensure(lh);
                let y = self.y;
                if let Some(l) = labels.get(i) {
                    self.text_line(MARGIN, y, l, Face::Bold, BODY, colour::MUTED);
                }
                if let Some(v) = values.get(i) {
                    let (face, c) = if gap {
                        (Face::Bold, colour::GAP)
                    } else {
                        (Face::Regular, colour::TEXT)
                    };
                    self.text_line(MARGIN + label_w, y, v, face, BODY, c);
                }
                self.y += lh;
            }
            self.y += 0.9;
        }
        self.y += 1.5;
    }

    /// A table: header repeated on each page, rows wrapped by real widths, and a row taller than the space
    /// left split between pages.
    pub fn table(&mut self, table: &Table) {
        let total: f32 = table
            .columns
            .iter()
            .map(|c| c.share)
            .sum::<f32>()
            .max(f32::EPSILON);
        let widths: Vec<Mm> = table
            .columns
            .iter()
            .map(|c| c.share / total * CONTENT_W)
            .collect();
        let lh = line_height(SMALL);
        let header_lines: Vec<Vec<String>> = table
            .columns
            .iter()
            .zip(&widths)
            .map(|(c, w)| self.m.wrap(&c.title, w - 2.0 * PAD_X, Face::Bold, SMALL))
            .collect();
        let header_h =
            header_lines.iter().map(Vec::len).max().unwrap_or(1) as f32 * lh + 2.0 * PAD_Y;
        // Start on a new page unless the header and a line of the first row fit.
        self.ensure(header_h + lh + 2.0 * PAD_Y);
        self.table_header(&header_lines, &widths, header_h);
        for (r, row) in table.rows.iter().enumerate() {
            let cells: Vec<Vec<(String, Face)>> = widths
                .iter()
                .enumerate()
                .map(|(i, w)| {
                    row.get(i).map_or_else(
                        || vec![(String::new(), Face::Regular)],
                        |c| self.cell_lines(c, *w),
                    )
                })
                .collect();
            let mut done = 0;
            let needed = cells.iter().map(Vec::len).max().unwrap_or(1);
            while done < needed {
                let room = ((CONTENT_BOTTOM - self.y - 2.0 * PAD_Y) / lh)
                    .floor()
                    .max(0.0) as usize;
                let fits_whole_fresh = (needed - done) as f32 * lh + 2.0 * PAD_Y
                    <= CONTENT_BOTTOM - CONTENT_TOP - header_h;
                if room == 0 || (room < needed - done && fits_whole_fresh && done == 0) {
                    self.page_break();
                    self.table_header(&header_lines, &widths, header_h);
                    continue;
                }
                let take = room.min(needed - done);
                let h = take as f32 * lh + 2.0 * PAD_Y;
                let top = self.y;
                if r % 2 == 1 {
                    self.draw(Item::Rect {
                        x: MARGIN,
                        y: top,
                        w: CONTENT_W,
                        h,
                        fill: Some(colour::ZEBRA),
                        stroke: None,
                    });
                }
                let mut x = MARGIN;
                for (i, w) in widths.iter().enumerate() {
                    let cell = row.get(i);
                    if let Some(fill) = cell.and_then(|c| c.fill) {
                        self.draw(Item::Rect {
                            x,
                            y: top,
                            w: *w,
                            h,
                            fill: Some(fill),
                            stroke: None,
                        });
                    }
                    let colour = cell.and_then(|c| c.colour).unwrap_or(colour::TEXT);
                    for (k, (line, face)) in cells[i].iter().skip(done).take(take).enumerate() {
                        self.text_line(
                            x + PAD_X,
                            top + PAD_Y + k as f32 * lh,
                            line,
                            *face,
                            SMALL,
                            colour,
                        );
                    }
                    x += w;
                }
                self.draw(Item::Line {
                    x1: MARGIN,
                    y1: top + h,
                    x2: MARGIN + CONTENT_W,
                    y2: top + h,
                    colour: colour::RULE,
                    width: 0.4,
                });
                self.y = top + h;
                done += take;
                if done < needed {
                    self.page_break();
                    self.table_header(&header_lines, &widths, header_h);
                }
            }
        }
        self.y += 3.0;
    }

    /// A cell's lines with their faces: the bold heading's lines, then the text's (if any).
    fn cell_lines(&self, cell: &Cell, width: Mm) -> Vec<(String, Face)> {
        let width = width - 2.0 * PAD_X;
        let mut lines: Vec<(String, Face)> = Vec::new();
        if let Some(h) = &cell.heading {
            lines.extend(
                self.m
                    .wrap(h, width, Face::Bold, SMALL)
                    .into_iter()
                    .map(|l| (l, Face::Bold)),
            );
        }
        if cell.heading.is_none() || !cell.text.is_empty() {
            let face = if cell.bold { Face::Bold } else { Face::Regular };
            lines.extend(
                self.m
                    .wrap(&cell.text, width, face, SMALL)
                    .into_iter()
                    .map(|l| (l, face)),
            );
        }
        lines
    }

    fn table_header(&mut self, lines: &[Vec<String>], widths: &[Mm], h: Mm) {
        let top = self.y;
        self.draw(Item::Rect {
            x: MARGIN,
            y: top,
            w: CONTENT_W,
            h,
            fill: Some(colour::NAVY),
            stroke: None,
        });
        let mut x = MARGIN;
        for (cell, w) in lines.iter().zip(widths) {
            for (k, line) in cell.iter().enumerate() {
                self.text_line(
                    x + PAD_X,
                    top + PAD_Y + k as f32 * line_height(SMALL),
                    line,
                    Face::Bold,
                    SMALL,
                    Rgb::WHITE,
                );
            }
            x += w;
        }
        self.y = top + h;
    }

    /// Reserves `h` of vertical space (breaking the page if needed) and returns its top.
    pub fn reserve(&mut self, h: Mm) -> Mm {
        self.ensure(h);
        let top = self.y;
        self.y += h;
        top
    }

    /// Adds a bookmark for the current page.
    pub fn bookmark(&mut self, title: &str) {
        let page = self.page_index();
        self.outline.push(OutlineEntry {
            title: title.to_owned(),
            page,
        });
    }

    /// The pages and bookmarks laid out so far.
    pub fn finish(self) -> (Vec<Page>, Vec<OutlineEntry>) {
        (self.pages, self.outline)
    }
}

/// What the running header and footer say.
pub struct Running<'a> {
    /// The protective marking, top and bottom centre.
    pub marking: &'a str,
    /// The document title, top left (cut to fit).
    pub title: &'a str,
    /// Top right: version and status.
    pub right: &'a str,
    /// Bottom left: the authority.
    pub footer: &'a str,
}

/// Text cut to fit `width`, with an ellipsis when cut.
pub fn fit(m: &Metrics, text: &str, width: f32, face: Face, size: f32) -> String {
    if m.width(text, face, size) <= width {
        return text.to_owned();
    }
    let mut out = String::new();
    for c in text.chars() {
        out.push(c);
        if m.width(&format!("{out}…"), face, size) > width {
            out.pop();
            break;
        }
    }
    format!("{}…", out.trim_end())
}

/// Adds the running header and footer to every page: the marking top and bottom, the title and version,
/// and "Page N of M".
pub fn decorate(pages: &mut [Page], m: &Metrics, running: &Running<'_>) {
    let total = pages.len();
    let small = 7.5;
    let right_w = m.width(running.right, Face::Regular, small);
    let title = fit(
        m,
        running.title,
        CONTENT_W - right_w - 6.0,
        Face::Regular,
        small,
    );
    let footer = fit(m, running.footer, CONTENT_W * 0.6, Face::Regular, small);
    let marking_w = m.width(running.marking, Face::Bold, 9.5);
    for (i, page) in pages.iter_mut().enumerate() {
        let number = format!("Page {} of {total}", i + 1);
        let number_w = m.width(&number, Face::Regular, small);
        let text = |x: Mm, y: Mm, text: String, face: Face, size: f32, colour: Rgb| Item::Text {
            x,
            y,
            text,
            face,
            size,
            colour,
        };
        page.items.extend([
            text(
                (PAGE_W - marking_w) / 2.0,
                10.0,
                running.marking.to_owned(),
                Face::Bold,
                9.5,
                Rgb::BLACK,
            ),
            text(
                MARGIN,
                17.0,
                title.clone(),
                Face::Regular,
                small,
                colour::MUTED,
            ),
            text(
                MARGIN + CONTENT_W - right_w,
                17.0,
                running.right.to_owned(),
                Face::Regular,
                small,
                colour::MUTED,
            ),
            Item::Line {
                x1: MARGIN,
                y1: 19.0,
                x2: MARGIN + CONTENT_W,
                y2: 19.0,
                colour: colour::RULE,
                width: 0.5,
            },
            Item::Line {
                x1: MARGIN,
                y1: PAGE_H - 17.0,
                x2: MARGIN + CONTENT_W,
                y2: PAGE_H - 17.0,
                colour: colour::RULE,
                width: 0.5,
            },
            text(
                MARGIN,
                PAGE_H - 12.0,
                footer.clone(),
                Face::Regular,
                small,
                colour::MUTED,
            ),
            text(
                MARGIN + CONTENT_W - number_w,
                PAGE_H - 12.0,
                number,
                Face::Regular,
                small,
                colour::MUTED,
            ),
            text(
                (PAGE_W - marking_w) / 2.0,
                PAGE_H - 7.0,
                running.marking.to_owned(),
                Face::Bold,
                9.5,
                Rgb::BLACK,
            ),
        ]);
    }
}

/// Splits every text run at characters its face lacks, so they are drawn in the symbol face at the place the
/// metrics measured them. Runs last of all, over finished pages.
pub fn split_fallback(pages: &mut [Page], m: &Metrics) {
    for page in pages {
        let mut items = Vec::with_capacity(page.items.len());
        for item in std::mem::take(&mut page.items) {
            match item {
                Item::Text {
                    x,
                    y,
                    text,
                    face,
                    size,
                    colour,
                } => {
                    for (dx, run, face) in m.runs(&text, face, size) {
                        items.push(Item::Text {
                            x: x + dx,
                            y,
                            text: run,
                            face,
                            size,
                            colour,
                        });
                    }
                }
                other => items.push(other),
            }
        }
        page.items = items;
    }
}
