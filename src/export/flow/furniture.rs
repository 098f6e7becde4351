//! Page furniture: the running header and footer, with the protective marking, the document's
//! title and version, the authority, and the page numbers.

use super::theme::{
    CONTENT_W, FOOTER_BASELINE, FOOTER_RULE, FOOTER_SHARE, HANDLING_BASELINE, HANDLING_SIZE,
    HEADER_BASELINE, HEADER_GAP, HEADER_RULE, MARGIN, MARKING_BOTTOM, MARKING_SIZE, MARKING_TOP,
    PAGE_W, RUNNING_RULE_WIDTH, RUNNING_SIZE, colour,
};
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
    /// Bottom right, before the page number: "Copy 3 of 7" on a numbered copy.
    pub copy: Option<&'a str>,
    /// Above the footer rule, centred: who may see the copy and how to handle it.
    pub handling: &'a str,
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

/// Adds the running header and footer to every page: the marking top and bottom, the title and
/// version, and "Page N of M".
pub fn decorate(pages: &mut [Page], m: &Metrics, running: &Running<'_>) {
    let total = pages.len();
    let right_w = m.width(running.right, Face::Regular, RUNNING_SIZE);
    let title = fit(
        m,
        running.title,
        CONTENT_W - right_w - HEADER_GAP,
        Face::Regular,
        RUNNING_SIZE,
    );
    let footer = fit(
        m,
        running.footer,
        CONTENT_W * FOOTER_SHARE,
        Face::Regular,
        RUNNING_SIZE,
    );
    let marking_w = m.width(running.marking, Face::Bold, MARKING_SIZE);
    let handling = fit(m, running.handling, CONTENT_W, Face::Regular, HANDLING_SIZE);
    let handling_x = (PAGE_W - m.width(&handling, Face::Regular, HANDLING_SIZE)) / 2.0;
    for (i, page) in pages.iter_mut().enumerate() {
        let mut number = format!("Page {} of {total}", i + 1);
        if let Some(copy) = running.copy {
            number = format!("{copy} · {number}");
        }
        let number_w = m.width(&number, Face::Regular, RUNNING_SIZE);
        let text = |x: Mm, y: Mm, text: String, face: Face, size: f32, colour: Rgb| Item::Text {
            x,
            y,
            text,
            face,
            size,
            colour,
        };
        // The protective marking, centred at the top and the bottom of every page.
        let marking = |y: Mm| {
            let x = (PAGE_W - marking_w) / 2.0;
            text(
                x,
                y,
                running.marking.to_owned(),
                Face::Bold,
                MARKING_SIZE,
                Rgb::BLACK,
            )
        };
        page.items.extend([
            marking(MARKING_TOP),
            text(
                MARGIN,
                HEADER_BASELINE,
                title.clone(),
                Face::Regular,
                RUNNING_SIZE,
                colour::MUTED,
            ),
            text(
                MARGIN + CONTENT_W - right_w,
                HEADER_BASELINE,
                running.right.to_owned(),
                Face::Regular,
                RUNNING_SIZE,
                colour::MUTED,
            ),
            Item::Line {
                x1: MARGIN,
                y1: HEADER_RULE,
                x2: MARGIN + CONTENT_W,
                y2: HEADER_RULE,
                colour: colour::RULE,
                width: RUNNING_RULE_WIDTH,
            },
            Item::Line {
                x1: MARGIN,
                y1: FOOTER_RULE,
                x2: MARGIN + CONTENT_W,
                y2: FOOTER_RULE,
                colour: colour::RULE,
                width: RUNNING_RULE_WIDTH,
            },
            text(
                MARGIN,
                FOOTER_BASELINE,
                footer.clone(),
                Face::Regular,
                RUNNING_SIZE,
                colour::MUTED,
            ),
            text(
                MARGIN + CONTENT_W - number_w,
                FOOTER_BASELINE,
                number,
                Face::Regular,
                RUNNING_SIZE,
                colour::MUTED,
            ),
            marking(MARKING_BOTTOM),
        ]);
        // The handling line, on its own above the footer rule.
        if !handling.is_empty() {
            page.items.push(text(
                handling_x,
                HANDLING_BASELINE,
                handling.clone(),
                Face::Regular,
                HANDLING_SIZE,
                colour::MUTED,
            ));
        }
    }
}
