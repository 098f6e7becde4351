#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::NaiveDate;

use super::glyphs::GlyphTable;
use super::pages::page_ops;
use super::trailer::ID_PLACEHOLDER;
use super::*;
use crate::export::document::{Item, OutlineEntry, Page, Rgb};

fn fonts() -> Fonts {
    Fonts::new(
        include_bytes!("../../../assets/fonts/NotoSans-Regular.ttf"),
        include_bytes!("../../../assets/fonts/NotoSans-Bold.ttf"),
        include_bytes!("../../../assets/fonts/DejaVuSans.ttf"),
    )
    .unwrap()
}

fn text(y: f32, text: &str, face: Face) -> Item {
    Item::Text {
        x: 20.0,
        y,
        text: text.to_string(),
        face,
        size: 11.0,
        colour: Rgb::BLACK,
    }
}

fn document(pages: Vec<Page>) -> Document {
    Document {
        title: "Integrity plan – Môn".into(),
        author: "Siân Llŷr".into(),
        subject: "Plan".into(),
        keywords: vec!["election".into(), "integrity".into()],
        date: NaiveDate::from_ymd_opt(2026, 5, 7).unwrap(),
        width: 210.0,
        height: 297.0,
        pages,
        outline: vec![
            OutlineEntry {
                title: "Second".into(),
                page: 1,
            },
            OutlineEntry {
                title: "First".into(),
                page: 0,
            },
            OutlineEntry {
                title: "Nowhere".into(),
                page: 99,
            },
        ],
    }
}

fn sample() -> Document {
    document(vec![
        Page {
            items: vec![
                Item::Rect {
                    x: 10.0,
                    y: 10.0,
                    w: 190.0,
                    h: 20.0,
                    fill: Some(Rgb(20, 60, 120)),
                    stroke: Some((Rgb::BLACK, 0.5)),
                },
                text(20.0, "Siân Llŷr paid £12 – “quoted”", Face::Bold),
                text(40.0, "‘ŵ ŷ â ê î ô û Ŵ Ŷ é ö’ — €", Face::Regular),
                Item::Line {
                    x1: 10.0,
                    y1: 50.0,
                    x2: 200.0,
                    y2: 50.0,
                    colour: Rgb(128, 128, 128),
                    width: 0.75,
                },
            ],
        },
        Page {
            items: vec![text(20.0, "Page two", Face::Regular)],
        },
    ])
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window == needle.as_bytes())
}

#[test]
fn renders_a_pdf() {
    let bytes = render(&sample(), &fonts()).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    assert!(bytes.ends_with(b"%%EOF"));
    assert!(bytes.len() < 40_000, "{} bytes", bytes.len());
    assert!(contains(&bytes, "/Type/Pages/Count 2"));
    assert!(contains(&bytes, "+NotoSans-Regular"));
    assert!(contains(&bytes, "+NotoSans-Bold"));
    assert!(contains(&bytes, "/FontFile2"));
    assert!(contains(&bytes, "/ToUnicode"));
    assert!(contains(&bytes, "/CreationDate(D:20260507000000+00'00')"));
    assert!(contains(&bytes, "/ModDate(D:20260507000000+00'00')"));
    assert!(contains(&bytes, "/MediaBox[0 0 595.27563 841.88983]"));
    // The out-of-range bookmark is dropped.
    assert!(contains(&bytes, "/Type/Outlines/Count 2"));
    assert!(contains(&bytes, "/PageMode/UseOutlines"));
    assert!(!contains(&bytes, "/GTS_PDFXVersion"));
    assert!(!contains(&bytes, "/Subtype/Image"));
}

#[test]
fn is_deterministic() {
    let first = render(&sample(), &fonts()).unwrap();
    let second = render(&sample(), &fonts()).unwrap();
    assert!(first == second, "two renders differ");
    assert!(!contains(
        &first,
        std::str::from_utf8(ID_PLACEHOLDER).unwrap()
    ));
    let id = |bytes: &[u8]| {
        let at = bytes.windows(4).rposition(|w| w == b"/ID[").unwrap();
        bytes[at..at + 72].to_vec()
    };
    assert!(id(&first)[5..37].iter().all(u8::is_ascii_hexdigit));
    let mut other = sample();
    other.title.push('!');
    let third = render(&other, &fonts()).unwrap();
    assert_ne!(id(&first), id(&third), "different documents share an /ID");
}

#[test]
fn outline_keeps_document_order() {
    let bytes = render(&sample(), &fonts()).unwrap();
    let text = String::from_utf8_lossy(&bytes);
    let title = |s: &str| {
        let hex: String = s.encode_utf16().map(|u| format!("{u:04X}")).collect();
        format!("/Title<FEFF{hex}>")
    };
    let second = text.find(&title("Second")).unwrap();
    let first = text.find(&title("First")).unwrap();
    // "Second" comes first in the outline, so it is /First of /Outlines and has no /Prev.
    let root = text.find("/Type/Outlines").unwrap();
    let root_dict = &text[root..root + text[root..].find(">>").unwrap()];
    let second_obj = text[..second].rfind(" 0 obj").unwrap();
    let second_num = text[..second_obj].rsplit('\n').next().unwrap().to_string();
    assert!(
        root_dict.contains(&format!("/First {second_num} 0 R")),
        "{root_dict}"
    );
    let second_dict = &text[second..second + text[second..].find(">>").unwrap()];
    assert!(!second_dict.contains("/Prev"), "{second_dict}");
    assert!(second_dict.contains("/Next"), "{second_dict}");
    let first_dict = &text[first..first + text[first..].find(">>").unwrap()];
    assert!(first_dict.contains("/Prev"), "{first_dict}");
    assert!(!first_dict.contains("/Next"), "{first_dict}");
    assert!(second_dict.contains("/XYZ 0 841.89 null"), "{second_dict}");
}

#[test]
fn empty_document_is_one_blank_page() {
    let mut empty = document(Vec::new());
    empty.outline.clear();
    let bytes = render(&empty, &fonts()).unwrap();
    assert!(contains(&bytes, "/Type/Pages/Count 1"));
    assert!(!contains(&bytes, "/FontFile2"));
    assert!(!contains(&bytes, "/Outlines"));
    assert_eq!(render(&empty, &fonts()).unwrap(), bytes);
}

#[test]
fn odd_input_does_not_panic() {
    let odd = document(vec![Page {
        items: vec![
            text(10.0, "", Face::Regular),
            text(20.0, "emoji 😀 CJK 漢字", Face::Regular),
            text(30.0, "🗳", Face::Bold),
            text(40.0, "\u{0}\u{7}\t\n", Face::Regular),
            text(f32::NAN, "nan", Face::Regular),
            text(f32::MAX, "huge", Face::Regular),
            Item::Text {
                x: 0.0,
                y: 0.0,
                text: "size".into(),
                face: Face::Bold,
                size: -1.0,
                colour: Rgb::WHITE,
            },
            Item::Rect {
                x: 0.0,
                y: 0.0,
                w: -1.0,
                h: f32::MAX,
                fill: Some(Rgb::BLACK),
                stroke: Some((Rgb::BLACK, f32::INFINITY)),
            },
            Item::Rect {
                x: 0.0,
                y: 0.0,
                w: 1.0,
                h: 1.0,
                fill: None,
                stroke: None,
            },
            Item::Line {
                x1: f32::MIN,
                y1: 0.0,
                x2: 0.0,
                y2: f32::MAX,
                colour: Rgb::BLACK,
                width: -3.0,
            },
        ],
    }]);
    let fonts = fonts();
    let bytes = render(&odd, &fonts).unwrap();
    assert!(bytes.ends_with(b"%%EOF"));
    // Every number written is finite.
    let glyphs = GlyphTable::build(&odd, &fonts);
    let ops = page_ops(&odd.pages[0].items, odd.height, &glyphs, &glyphs.font_ids());
    let ops = format!("{ops:?}");
    assert!(!ops.contains("inf") && !ops.contains("NaN"), "{ops}");
    assert!(ops.contains("1000000.0"), "{ops}");
}

#[test]
fn bad_input_is_an_error() {
    let fonts = fonts();
    for (width, height) in [(0.0, 297.0), (210.0, -1.0), (f32::NAN, 297.0)] {
        let mut bad = sample();
        bad.width = width;
        bad.height = height;
        assert!(matches!(
            render(&bad, &fonts),
            Err(PdfError::PageSize { .. })
        ));
    }
    let mut ancient = sample();
    ancient.date = NaiveDate::from_ymd_opt(-1, 1, 1).unwrap();
    assert!(matches!(render(&ancient, &fonts), Err(PdfError::Date(_))));
    assert!(matches!(
        Fonts::new(b"not a font", b"", b""),
        Err(PdfError::Font(_))
    ));
}
