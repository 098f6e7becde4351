//! Stage one of rendering, building the document: each laid-out page becomes a printpdf page of
//! drawing operations, and the faces the document draws become its font resources.

use printpdf::{
    Color, Line, LinePoint, Op, PaintMode, PdfDocument, PdfFont, PdfFontHandle, PdfPage, Point, Pt,
};
use rayon::prelude::*;

use super::glyphs::{FontIds, GlyphTable};
use super::{Fonts, PT_PER_MM, PdfError, round};
use crate::export::document::{Document, Face, Item, Rgb};

/// Builds printpdf's document for `document`: its title, one page of drawing operations per
/// laid-out page (a document with no pages gets one blank page), and the faces it draws embedded
/// as fonts. Metadata, bookmarks and the trailer are left to the later stages.
///
/// Fails if the page size is not a positive, finite number of millimetres.
pub(super) fn build(document: &Document, fonts: &Fonts) -> Result<PdfDocument, PdfError> {
    let (width, height) = (document.width, document.height);
    if !(width.is_finite() && height.is_finite() && width > 0.0 && height > 0.0) {
        return Err(PdfError::PageSize { width, height });
    }

    let glyphs = GlyphTable::build(document, fonts);
    let font_ids = glyphs.font_ids();

    // Each page's drawing operations on its own, in parallel, kept in page order.
    let mut pages: Vec<PdfPage> = document
        .pages
        .par_iter()
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

    let mut pdf = PdfDocument::new(&document.title);
    for face in Face::ALL {
        if glyphs.used(face) {
            pdf.resources.fonts.map.insert(
                font_ids.get(face).clone(),
                PdfFont::new(fonts.face(face).clone()),
            );
        }
    }
    pdf.pages = pages;
    Ok(pdf)
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

/// The drawing operations for one page's items, in order; items that cannot be drawn are skipped.
pub(super) fn page_ops(
    items: &[Item],
    page_height: f32,
    glyphs: &GlyphTable,
    font_ids: &FontIds,
) -> Vec<Op> {
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

/// printpdf's colour for `Rgb`, each channel a fraction rounded to three decimals.
fn colour_of(Rgb(r, g, b): Rgb) -> Color {
    let channel = |c: u8| round(f32::from(c) / 255.0);
    Color::Rgb(printpdf::Rgb {
        r: channel(r),
        g: channel(g),
        b: channel(b),
        icc_profile: None,
    })
}

/// Whether every value is finite.
fn finite(values: &[f32]) -> bool {
    values.iter().all(|value| value.is_finite())
}
