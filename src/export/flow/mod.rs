//! The page flow: blocks of text, tables and drawings placed down A4 pages, breaking where they
//! must.
//!
//! Everything here produces plain [`Item`]s on [`Page`]s, so where a table breaks and which header
//! row repeats can be tested without a PDF.

use super::document::{Face, Item, Mm, OutlineEntry, Page, Rgb};
use super::metrics::Metrics;

pub mod furniture;
pub mod table;
pub mod theme;

pub use furniture::{Running, decorate, fit};
pub use table::{Cell, Column, Table};
pub use theme::{
    BODY, CONTENT_BOTTOM, CONTENT_TOP, CONTENT_W, HANDLING_BASELINE, MARGIN, PAGE_H, PAGE_W, SMALL,
    colour, line_height,
};
use theme::{
    CHAPTER_AFTER, CHAPTER_RULE_GAP, CHAPTER_RULE_WIDTH, CHAPTER_SIZE, HEADING_AFTER,
    HEADING_BEFORE, HEADING_KEEP, HEADING_SIZE, KEY_VALUE_AFTER, KEY_VALUE_KEEP, KEY_VALUES_AFTER,
    LABEL_GAP, LABEL_W, LIST_AFTER, LIST_INDENT, LIST_ITEM_AFTER, LIST_KEEP, LIST_MARKER_INDENT,
    PARAGRAPH_AFTER, baseline,
};

/// Lays content down pages.
pub struct Flow<'m> {
    m: &'m Metrics,
    pages: Vec<Page>,
    outline: Vec<OutlineEntry>,
    y: Mm,
}

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
        let lines = self.m.wrap(title, CONTENT_W, Face::Bold, CHAPTER_SIZE);
        for line in lines {
            let y = self.y;
            self.text_line(MARGIN, y, &line, Face::Bold, CHAPTER_SIZE, colour::NAVY);
            self.y += line_height(CHAPTER_SIZE);
        }
        self.draw(Item::Line {
            x1: MARGIN,
            y1: self.y + CHAPTER_RULE_GAP,
            x2: MARGIN + CONTENT_W,
            y2: self.y + CHAPTER_RULE_GAP,
            colour: colour::NAVY,
            width: CHAPTER_RULE_WIDTH,
        });
        self.y += CHAPTER_AFTER;
    }

    /// A heading within a chapter, kept with at least three lines of what follows.
    pub fn heading(&mut self, text: &str) {
        let lines = self.m.wrap(text, CONTENT_W, Face::Bold, HEADING_SIZE);
        self.ensure(
            lines.len() as f32 * line_height(HEADING_SIZE)
                + HEADING_BEFORE
                + HEADING_KEEP * line_height(BODY),
        );
        self.y += HEADING_BEFORE;
        for line in lines {
            let y = self.y;
            self.text_line(MARGIN, y, &line, Face::Bold, HEADING_SIZE, colour::NAVY);
            self.y += line_height(HEADING_SIZE);
        }
        self.y += HEADING_AFTER;
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
        self.y += PARAGRAPH_AFTER;
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
            let lines = self
                .m
                .wrap(item, CONTENT_W - LIST_INDENT, Face::Regular, BODY);
            self.ensure(lh * lines.len().min(LIST_KEEP) as f32);
            let y = self.y;
            self.text_line(
                MARGIN + LIST_MARKER_INDENT,
                y,
                &marker,
                Face::Regular,
                BODY,
                colour::TEXT,
            );
            for line in lines {
                self.ensure(lh);
                let y = self.y;
                self.text_line(
                    MARGIN + LIST_INDENT,
                    y,
                    &line,
                    Face::Regular,
                    BODY,
                    colour::TEXT,
                );
                self.y += lh;
            }
            self.y += LIST_ITEM_AFTER;
        }
        self.y += LIST_AFTER;
    }

    /// Label–value pairs in two columns, labels in bold.
    pub fn key_values(&mut self, rows: &[(&str, String)]) {
        let lh = line_height(BODY);
        for (label, value) in rows {
            let labels = self.m.wrap(label, LABEL_W - LABEL_GAP, Face::Bold, BODY);
            let (values, gap) = if value.trim().is_empty() {
                (vec!["Not yet provided".to_owned()], true)
            } else {
                (
                    self.m.wrap(value, CONTENT_W - LABEL_W, Face::Regular, BODY),
                    false,
                )
            };
            let n = labels.len().max(values.len());
            self.ensure(lh * n.min(KEY_VALUE_KEEP) as f32);
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
                    self.text_line(MARGIN + LABEL_W, y, v, face, BODY, c);
                }
                self.y += lh;
            }
            self.y += KEY_VALUE_AFTER;
        }
        self.y += KEY_VALUES_AFTER;
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

    /// Adds the pages of a part laid out in a flow of its own (a chapter laid out on another
    /// thread), its bookmarks moved to the pages they now fall on; the next block follows on its
    /// last page.
    pub fn append(&mut self, part: Flow<'_>) {
        let offset = self.pages.len();
        self.outline
            .extend(part.outline.into_iter().map(|entry| OutlineEntry {
                title: entry.title,
                page: entry.page + offset,
            }));
        if !part.pages.is_empty() {
            self.pages.extend(part.pages);
            self.y = part.y;
        }
    }
}

/// Splits every text run at characters its face lacks, so they are drawn in the symbol face at the
/// place the metrics measured them. Runs last of all, over finished pages.
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
