//! Turns a laid-out [`Document`] into PDF bytes with printpdf.
//!
//! The output is deterministic: the same document and fonts always give byte-identical files.
//! Everything printpdf would otherwise randomise is fixed here: font resource names (and the
//! six-letter subset tags derived from them) come from a hash of the characters each face draws,
//! bookmark keys are sequential, the dates come from [`Document::date`], and the trailer `/ID` is
//! a hash of the finished file. Both faces are embedded as subsets; every glyph carries its
//! character in the font's `/ToUnicode` map, so text copies and extracts as written.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveTime};
use printpdf::{
    Codepoint, Color, FontId, Line, LinePoint, Op, PageAnnotId, PageAnnotation, PaintMode,
    ParsedFont, PdfDocument, PdfFont, PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt, TextItem,
};
use sha2::{Digest, Sha256};

use super::document::{Document, Face, Item, Rgb};

/// Points per millimetre.
const PT_PER_MM: f32 = 72.0 / 25.4;

/// Written into `/Creator`.
const CREATOR: &str = "Election Integrity Planner";

/// Written into `/Producer`.
const PRODUCER: &str = "printpdf 0.12";

/// Stands in for the trailer `/ID` until the file's own hash replaces it (same length: 32 bytes).
const ID_PLACEHOLDER: &[u8; 32] = b"IntegrityPlannerIdPlaceholder000";

/// What a character the font lacks extracts as.
const REPLACEMENT: char = '\u{FFFD}';

/// The faces embedded in every document: regular, bold and the symbol fallback.
pub struct Fonts {
    faces: [ParsedFont; 3],
}

impl std::fmt::Debug for Fonts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Fonts")
            .field("regular", &self.faces[0].font_name)
            .field("bold", &self.faces[1].font_name)
            .field("symbols", &self.faces[2].font_name)
            .finish()
    }
}

impl Fonts {
    /// Parses the regular, bold and symbol-fallback TrueType fonts.
    pub fn new(regular: &[u8], bold: &[u8], symbols: &[u8]) -> Result<Fonts, PdfError> {
        Ok(Fonts {
            faces: [
                parse_font(regular, "regular")?,
                parse_font(bold, "bold")?,
                parse_font(symbols, "symbols")?,
            ],
        })
    }

    fn face(&self, face: Face) -> &ParsedFont {
        &self.faces[face.index()]
    }
}

fn parse_font(bytes: &[u8], which: &str) -> Result<ParsedFont, PdfError> {
    let mut warnings = Vec::new();
    let font = ParsedFont::from_bytes(bytes, 0, &mut warnings)
        .ok_or_else(|| PdfError::Font(format!("the {which} font could not be parsed")))?;
    if font.lookup_glyph_index(u32::from('A')).is_none() {
        return Err(PdfError::Font(format!(
            "the {which} font has no glyph for the letter A"
        )));
    }
    Ok(font)
}

/// Why a document could not be rendered.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    /// A font could not be parsed or is unusable.
    #[error("font: {0}")]
    Font(String),
    /// The page size is not a positive, finite number of millimetres.
    #[error("invalid page size {width} × {height} mm")]
    PageSize {
        /// The width asked for.
        width: f32,
        /// The height asked for.
        height: f32,
    },
    /// The date cannot be written into a PDF (years 1 to 9999 only).
    #[error("date {0} cannot be written into a PDF")]
    Date(chrono::NaiveDate),
    /// The PDF could not be assembled or written.
    #[error("could not write the PDF: {0}")]
    Write(String),
}

/// Renders a laid-out document to PDF bytes. Pure: the same document and fonts give
/// byte-identical output.
///
/// A document with no pages renders as one blank page. Outline entries pointing past the last
/// page are dropped. Items with non-finite coordinates or sizes, empty text and rectangles with
/// neither fill nor stroke are skipped. Characters the font lacks draw as its missing-glyph box
/// and extract as U+FFFD; tabs and line breaks draw as spaces, other control characters not at
/// all.
pub fn render(document: &Document, fonts: &Fonts) -> Result<Vec<u8>, PdfError> {
    let (width, height) = (document.width, document.height);
    if !(width.is_finite() && height.is_finite() && width > 0.0 && height > 0.0) {
        return Err(PdfError::PageSize { width, height });
    }

    let glyphs = GlyphTable::build(document, fonts);
    let font_ids = glyphs.font_ids();

    let mut pages: Vec<PdfPage> = document
        .pages
        .iter()
        .map(|page| {
            let ops = page_ops(&page.items, height, &glyphs, &font_ids);
            PdfPage::new(printpdf::Mm(width), printpdf::Mm(height), ops)
        })
        .collect();
    if pages.is_empty() {
        pages.push(PdfPage::new(
            printpdf::Mm(width),
            printpdf::Mm(height),
            Vec::new(),
        ));
    }
    let page_count = pages.len();

    let mut pdf = PdfDocument::new(&document.title);
    let date = pdf_date(document.date)?;
    let info = &mut pdf.metadata.info;
    info.author.clone_from(&document.author);
    info.subject.clone_from(&document.subject);
    info.keywords = if document.keywords.is_empty() {
        Vec::new()
    } else {
        vec![document.keywords.join(", ")]
    };
    info.creator = CREATOR.to_string();
    info.producer = PRODUCER.to_string();
    info.creation_date = date;
    info.modification_date = date;
    info.metadata_date = date;

    for face in Face::ALL {
        if glyphs.used(face) {
            pdf.resources.fonts.map.insert(
                font_ids.get(face).clone(),
                PdfFont::new(fonts.face(face).clone()),
            );
        }
    }

    // printpdf sorts bookmarks by (page, title) and numbers pages from 1; keys are sequential so
    // that equal (page, title) pairs keep the outline's order. The outline's own order is
    // restored below.
    let outline: Vec<(usize, &str)> = document
        .outline
        .iter()
        .filter(|entry| entry.page < page_count)
        .map(|entry| (entry.page, entry.title.as_str()))
        .collect();
    for (index, (page, title)) in outline.iter().enumerate() {
        pdf.bookmarks.map.insert(
            PageAnnotId(format!("B{index:010}")),
            PageAnnotation {
                name: (*title).to_string(),
                page: page + 1,
            },
        );
    }
    pdf.pages = pages;

    let options = PdfSaveOptions {
        optimize: true,
        subset_fonts: true,
        secure: true,
        image_optimization: None,
    };
    let mut warnings = Vec::new();
    let mut lo = pdf.to_lopdf_document(&options, &mut warnings);

    // Trailer /ID: a placeholder now, the hash of the finished file below.
    if let Ok(ids) = lo.trailer.get_mut(b"ID").and_then(|id| id.as_array_mut()) {
        for id in ids.iter_mut() {
            if let Ok(bytes) = id.as_str_mut() {
                *bytes = ID_PLACEHOLDER.to_vec();
            }
        }
    }

    // Info: drop the empty PDF/X and identifier entries printpdf always writes.
    if let Ok(info_id) = lo.trailer.get(b"Info").and_then(|info| info.as_reference())
        && let Ok(info) = lo.get_dictionary_mut(info_id)
    {
        for key in [b"GTS_PDFXVersion".as_slice(), b"Identifier".as_slice()] {
            let empty = info
                .get(key)
                .and_then(|value| value.as_str())
                .is_ok_and(<[u8]>::is_empty);
            if empty {
                info.remove(key);
            }
        }
    }

    // Outline: printpdf links the items sorted by (page, title) and leaves their destinations
    // at "null null null" (keep the current scroll position); re-link them in the document's
    // order, point each at the top-left of its page, and write /PageMode as the name PDF wants
    // (printpdf writes a string).
    if !outline.is_empty() {
        let root = lo
            .catalog()
            .and_then(|catalog| catalog.get(b"Outlines"))
            .and_then(|outlines| outlines.as_reference());
        if let Ok(root) = root {
            // The items in printpdf's order, following /First and /Next.
            let mut chain = Vec::with_capacity(outline.len());
            let mut next = lo
                .get_dictionary(root)
                .and_then(|outlines| outlines.get(b"First"))
                .and_then(|first| first.as_reference())
                .ok();
            while let Some(id) = next {
                if chain.len() > outline.len() || chain.contains(&id) {
                    break;
                }
                chain.push(id);
                next = lo
                    .get_dictionary(id)
                    .and_then(|item| item.get(b"Next"))
                    .and_then(|next| next.as_reference())
                    .ok();
            }
            // printpdf's order: a stable sort of the entries by (page, title).
            let mut sorted: Vec<usize> = (0..outline.len()).collect();
            sorted.sort_by(|a, b| outline[*a].cmp(&outline[*b]));
            if chain.len() == outline.len() {
                let mut ordered = chain.clone();
                for (position, entry) in sorted.iter().enumerate() {
                    ordered[*entry] = chain[position];
                }
                for (index, id) in ordered.iter().enumerate() {
                    if let Ok(item) = lo.get_dictionary_mut(*id) {
                        item.remove(b"Prev");
                        item.remove(b"Next");
                        if index > 0 {
                            item.set("Prev", ordered[index - 1]);
                        }
                        if let Some(next) = ordered.get(index + 1) {
                            item.set("Next", *next);
                        }
                        if let Ok(dest) = item.get_mut(b"Dest").and_then(|dest| dest.as_array_mut())
                            && dest.len() == 5
                        {
                            dest[2] = 0i64.into();
                            dest[3] = round(height * PT_PER_MM).into();
                        }
                    }
                }
                if let (Some(first), Some(last), Ok(outlines)) = (
                    ordered.first().copied(),
                    ordered.last().copied(),
                    lo.get_dictionary_mut(root),
                ) {
                    outlines.set("First", first);
                    outlines.set("Last", last);
                }
            }
        }
        if let Ok(catalog) = lo.catalog_mut() {
            catalog.set("PageMode", "UseOutlines");
        }
    }

    lo.compress();
    let mut bytes = Vec::new();
    lo.save_to(&mut bytes)
        .map_err(|error| PdfError::Write(error.to_string()))?;

    let digest = Sha256::digest(&bytes);
    let id: String = digest
        .iter()
        .take(16)
        .map(|byte| format!("{byte:02x}"))
        .collect();
    let trailer_start = bytes
        .windows(7)
        .rposition(|window| window == b"trailer")
        .unwrap_or(0);
    let mut from = trailer_start;
    while let Some(at) = bytes[from..]
        .windows(ID_PLACEHOLDER.len())
        .position(|window| window == ID_PLACEHOLDER)
    {
        let at = from + at;
        bytes[at..at + ID_PLACEHOLDER.len()].copy_from_slice(id.as_bytes());
        from = at + ID_PLACEHOLDER.len();
    }
    Ok(bytes)
}

/// The characters each face draws and their glyphs.
struct GlyphTable {
    /// Per face: every character drawn and its glyph id (0 for missing characters).
    chars: [BTreeMap<char, u16>; 3],
    /// Per face: what each glyph extracts as (the lowest character drawn with it).
    unicode: [BTreeMap<u16, char>; 3],
}

impl GlyphTable {
    fn build(document: &Document, fonts: &Fonts) -> GlyphTable {
        let mut chars: [BTreeMap<char, u16>; 3] =
            [BTreeMap::new(), BTreeMap::new(), BTreeMap::new()];
        for item in document.pages.iter().flat_map(|page| &page.items) {
            if let Item::Text { text, face, .. } = item {
                let font = fonts.face(*face);
                let map = &mut chars[face_index(*face)];
                for c in text.chars().filter_map(shown) {
                    map.entry(c).or_insert_with(|| {
                        font.lookup_glyph_index(u32::from(c))
                            .filter(|gid| *gid != 0)
                            .unwrap_or(0)
                    });
                }
            }
        }
        let mut unicode: [BTreeMap<u16, char>; 3] =
            [BTreeMap::new(), BTreeMap::new(), BTreeMap::new()];
        for (chars, unicode) in chars.iter().zip(unicode.iter_mut()) {
            // Chars iterate in ascending order, so the first one seen for a glyph is the lowest.
            for (&c, &gid) in chars {
                unicode
                    .entry(gid)
                    .or_insert(if gid == 0 { REPLACEMENT } else { c });
            }
        }
        GlyphTable { chars, unicode }
    }

    fn used(&self, face: Face) -> bool {
        !self.chars[face_index(face)].is_empty()
    }

    /// Resource names, which printpdf also uses as subset tags: six capital letters from a hash
    /// of the face and the characters it draws, so different subsets get different tags.
    fn font_ids(&self) -> FontIds {
        let tag = |face: Face, salt: u8| {
            let mut hasher = Sha256::new();
            hasher.update([face_index(face) as u8, salt]);
            for c in self.chars[face_index(face)].keys() {
                hasher.update(u32::from(*c).to_be_bytes());
            }
            let tag: String = hasher
                .finalize()
                .iter()
                .take(6)
                .map(|byte| char::from(b'A' + byte % 26))
                .collect();
            FontId(tag)
        };
        let mut ids: Vec<FontId> = Vec::new();
        for face in Face::ALL {
            let mut salt = 0;
            let mut id = tag(face, salt);
            while ids.contains(&id) {
                salt += 1;
                id = tag(face, salt);
            }
            ids.push(id);
        }
        FontIds { ids }
    }

    /// What printpdf should show for one run of text, or `None` if there is nothing to show.
    ///
    /// printpdf's `/ToUnicode` map keeps the last character recorded for each glyph. Plain text
    /// records each character itself, so it is used only when every character is the one its
    /// glyph extracts as; otherwise (a missing character, or one sharing its glyph with a lower
    /// one) the run goes as glyph ids, each carrying the character its glyph extracts as. Plain
    /// text is also the cheaper form: one string per run instead of one per glyph.
    fn run(&self, face: Face, text: &str) -> Option<TextItem> {
        let index = face_index(face);
        let chars = &self.chars[index];
        let unicode = &self.unicode[index];
        let canonical = |c: char| {
            chars
                .get(&c)
                .is_some_and(|gid| *gid != 0 && unicode.get(gid) == Some(&c))
        };
        let mut shown = text.chars().filter_map(shown).peekable();
        shown.peek()?;
        if text.chars().all(canonical) {
            return Some(TextItem::Text(text.to_string()));
        }
        let glyphs = shown
            .map(|c| {
                let gid = chars.get(&c).copied().unwrap_or(0);
                let unicode = unicode.get(&gid).copied().unwrap_or(REPLACEMENT);
                Codepoint::with_cid(gid, 0.0, unicode.to_string())
            })
            .collect();
        Some(TextItem::GlyphIds(glyphs))
    }
}

struct FontIds {
    ids: Vec<FontId>,
}

impl FontIds {
    fn get(&self, face: Face) -> &FontId {
        &self.ids[face.index()]
    }
}

/// The character drawn for `c`: control characters that are white space (tab, newline) draw as
/// a space, other control characters not at all.
fn shown(c: char) -> Option<char> {
    match c {
        c if !c.is_control() => Some(c),
        c if c.is_whitespace() => Some(' '),
        _ => None,
    }
}

fn face_index(face: Face) -> usize {
    face.index()
}

/// Midnight UTC on the document's date.
fn pdf_date(date: chrono::NaiveDate) -> Result<printpdf::OffsetDateTime, PdfError> {
    if !(1..=9999).contains(&date.year()) {
        return Err(PdfError::Date(date));
    }
    let timestamp = date.and_time(NaiveTime::MIN).and_utc().timestamp();
    printpdf::OffsetDateTime::from_unix_timestamp(timestamp).map_err(|_| PdfError::Date(date))
}

/// The graphics state a page's content stream is in, so colours and widths are set only when
/// they change.
#[derive(Default)]
struct State {
    fill: Option<Rgb>,
    stroke: Option<Rgb>,
    width: Option<f32>,
}

impl State {
    fn fill(&mut self, colour: Rgb, ops: &mut Vec<Op>) {
        if self.fill != Some(colour) {
            self.fill = Some(colour);
            ops.push(Op::SetFillColor {
                col: colour_of(colour),
            });
        }
    }

    fn stroke(&mut self, colour: Rgb, width: f32, ops: &mut Vec<Op>) {
        if self.stroke != Some(colour) {
            self.stroke = Some(colour);
            ops.push(Op::SetOutlineColor {
                col: colour_of(colour),
            });
        }
        let width = round(width.max(0.0));
        if self.width != Some(width) {
            self.width = Some(width);
            ops.push(Op::SetOutlineThickness { pt: Pt(width) });
        }
    }
}

fn page_ops(items: &[Item], page_height: f32, glyphs: &GlyphTable, font_ids: &FontIds) -> Vec<Op> {
    let mut ops = Vec::new();
    let mut state = State::default();
    let x_pt = |x: f32| Pt(round(x * PT_PER_MM));
    let y_pt = |y: f32| Pt(round((page_height - y) * PT_PER_MM));
    for item in items {
        match item {
            Item::Text {
                x,
                y,
                text,
                face,
                size,
                colour,
            } => {
                if !(finite(&[*x, *y, *size]) && *size > 0.0) {
                    continue;
                }
                let Some(run) = glyphs.run(*face, text) else {
                    continue;
                };
                state.fill(*colour, &mut ops);
                ops.extend([
                    Op::StartTextSection,
                    Op::SetFont {
                        font: PdfFontHandle::External(font_ids.get(*face).clone()),
                        size: Pt(round(*size)),
                    },
                    Op::SetTextCursor {
                        pos: Point {
                            x: x_pt(*x),
                            y: y_pt(*y),
                        },
                    },
                    Op::ShowText { items: vec![run] },
                    Op::EndTextSection,
                ]);
            }
            Item::Rect {
                x,
                y,
                w,
                h,
                fill,
                stroke,
            } => {
                let stroke_width = stroke.map_or(0.0, |(_, width)| width);
                if !finite(&[*x, *y, *w, *h, stroke_width]) {
                    continue;
                }
                let mode = match (fill, stroke) {
                    (None, None) => continue,
                    (Some(_), None) => PaintMode::Fill,
                    (None, Some(_)) => PaintMode::Stroke,
                    (Some(_), Some(_)) => PaintMode::FillStroke,
                };
                if let Some(fill) = fill {
                    state.fill(*fill, &mut ops);
                }
                if let Some((colour, width)) = stroke {
                    state.stroke(*colour, *width, &mut ops);
                }
                ops.push(Op::DrawRectangle {
                    rectangle: printpdf::Rect {
                        x: x_pt(*x),
                        y: y_pt(*y + *h),
                        width: Pt(round(*w * PT_PER_MM)),
                        height: Pt(round(*h * PT_PER_MM)),
                        mode: Some(mode),
                        winding_order: None,
                    },
                });
            }
            Item::Line {
                x1,
                y1,
                x2,
                y2,
                colour,
                width,
            } => {
                if !finite(&[*x1, *y1, *x2, *y2, *width]) {
                    continue;
                }
                state.stroke(*colour, *width, &mut ops);
                let point = |x: f32, y: f32| LinePoint {
                    p: Point {
                        x: x_pt(x),
                        y: y_pt(y),
                    },
                    bezier: false,
                };
                ops.push(Op::DrawLine {
                    line: Line {
                        points: vec![point(*x1, *y1), point(*x2, *y2)],
                        is_closed: false,
                    },
                });
            }
        }
    }
    ops
}

fn colour_of(Rgb(r, g, b): Rgb) -> Color {
    let channel = |c: u8| round(f32::from(c) / 255.0);
    Color::Rgb(printpdf::Rgb {
        r: channel(r),
        g: channel(g),
        b: channel(b),
        icc_profile: None,
    })
}

/// Three decimals are plenty (a thousandth of a point) and keep the content streams short.
/// Values are clamped to ±1,000,000 (PDF has no exponent notation, and a huge value times a
/// thousand would overflow to infinity).
fn round(value: f32) -> f32 {
    (value.clamp(-1.0e6, 1.0e6) * 1000.0).round() / 1000.0
}

fn finite(values: &[f32]) -> bool {
    values.iter().all(|value| value.is_finite())
}

#[cfg(test)]
mod tests;
