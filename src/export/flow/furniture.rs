//! Page furniture: the running header and footer, with the protective marking, the document's
//! title and version, the authority, and the page numbers.

use super::theme::{CONTENT_W, MARGIN, PAGE_H, PAGE_W, colour};
use crate::export::document::{Face, Item, Mm, Page, Rgb};
use crate::export::metrics::Metrics;

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
