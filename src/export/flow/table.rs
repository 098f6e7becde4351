//! Tables: columns and cells, laid down pages with the header row repeated on each page.

use super::Flow;
use super::theme::{
    CELL_PAD_X, CELL_PAD_Y, CONTENT_BOTTOM, CONTENT_TOP, CONTENT_W, MARGIN, SMALL, TABLE_AFTER,
    TABLE_RULE_WIDTH, colour, line_height,
};
use crate::export::document::{Face, Item, Mm, Rgb};

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

impl Flow<'_> {
    /// A table: header repeated on each page, rows wrapped by real widths, and a row taller than
    /// the space left split between pages.
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
            .map(|(c, w)| {
                self.m
                    .wrap(&c.title, w - 2.0 * CELL_PAD_X, Face::Bold, SMALL)
            })
            .collect();
        let header_h =
            header_lines.iter().map(Vec::len).max().unwrap_or(1) as f32 * lh + 2.0 * CELL_PAD_Y;
        // Start on a new page unless the header and a line of the first row fit.
        self.ensure(header_h + lh + 2.0 * CELL_PAD_Y);
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
                let room = ((CONTENT_BOTTOM - self.y - 2.0 * CELL_PAD_Y) / lh)
                    .floor()
                    .max(0.0) as usize;
                let fits_whole_fresh = (needed - done) as f32 * lh + 2.0 * CELL_PAD_Y
                    <= CONTENT_BOTTOM - CONTENT_TOP - header_h;
                if room == 0 || (room < needed - done && fits_whole_fresh && done == 0) {
                    self.page_break();
                    self.table_header(&header_lines, &widths, header_h);
                    continue;
                }
                let take = room.min(needed - done);
                let h = take as f32 * lh + 2.0 * CELL_PAD_Y;
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
                            x + CELL_PAD_X,
                            top + CELL_PAD_Y + k as f32 * lh,
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
                    width: TABLE_RULE_WIDTH,
                });
                self.y = top + h;
                done += take;
                if done < needed {
                    self.page_break();
                    self.table_header(&header_lines, &widths, header_h);
                }
            }
        }
        self.y += TABLE_AFTER;
    }

    /// A cell's lines with their faces: the bold heading's lines, then the text's (if any).
    fn cell_lines(&self, cell: &Cell, width: Mm) -> Vec<(String, Face)> {
        let width = width - 2.0 * CELL_PAD_X;
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
                    x + CELL_PAD_X,
                    top + CELL_PAD_Y + k as f32 * line_height(SMALL),
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
}
