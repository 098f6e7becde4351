//! Printable custody sheets: one page per polling station (or per item without a station),
//! pre-filled with its items and expected seal numbers, with blank rows to sign at each handover.

use super::document::{Document, Face};
use super::flow::{Cell, Flow, PAGE_H, PAGE_W, Running, Table, colour, decorate};
use super::metrics::Metrics;
use crate::model::redact::{Profile, redact};
use crate::model::{CustodyItem, CustodyStage, ItemKind, Journey, Plan, Venue, VenueKind};

/// The handovers a polling station's sheet has rows for.
const STATION_STAGES: &[CustodyStage] = &[
    CustodyStage::IssueToPresidingOfficer,
    CustodyStage::OpeningOfPoll,
    CustodyStage::CloseOfPoll,
    CustodyStage::TransportToCount,
    CustodyStage::ReceiptAtCount,
    CustodyStage::Verification,
];

/// Rows for an issue of postal ballot packs: produced and checked, then handed to the carrier.
const POSTAL_ISSUE_STAGES: &[CustodyStage] =
    &[CustodyStage::PostalProduction, CustodyStage::PostalDispatch];

/// Rows for returned postal votes: return (with the final sweep on polling day), opening, then to
/// the count.
const POSTAL_STAGES: &[CustodyStage] = &[
    CustodyStage::PostalReturn,
    CustodyStage::PostalFinalSweep,
    CustodyStage::PostalOpening,
    CustodyStage::SecureStorage,
    CustodyStage::TransportToCount,
    CustodyStage::ReceiptAtCount,
    CustodyStage::Verification,
];

/// Rows for a statutory packet a court alone may have opened: sealed, retained, destroyed.
const COURT_PACKET_STAGES: &[CustodyStage] = &[
    CustodyStage::PacketSealed,
    CustodyStage::SealedRetention,
    CustodyStage::Destruction,
];

/// Rows for a statutory packet open to public inspection while retained.
const OPEN_PACKET_STAGES: &[CustodyStage] = &[
    CustodyStage::PacketSealed,
    CustodyStage::SealedRetention,
    CustodyStage::PacketOpened,
    CustodyStage::Destruction,
];

/// Rows for items that move on their own (evidence bags).
const BATCH_STAGES: &[CustodyStage] = &[
    CustodyStage::SecureStorage,
    CustodyStage::TransportToCount,
    CustodyStage::ReceiptAtCount,
    CustodyStage::Verification,
];

/// Lays out the custody sheets of the copy for `profile`. The redacted sheets are cut from the
/// plan by the model's one redaction function, as the PDF, the calendar and the workbook are: a
/// venue withheld from the redacted copy is named only by its placeholder, and the pages carry
/// that copy's marking and handling line.
pub fn layout(plan: &Plan, profile: Profile, m: &Metrics) -> Document {
    let copy = redact(plan, profile);
    let plan = &copy.plan;
    let mut flow = Flow::new(m);
    let mut stations: Vec<&Venue> = plan
        .venues
        .venues
        .iter()
        .filter(|v| v.kind == VenueKind::PollingStation)
        .collect();
    stations.sort_by_key(|v| (v.station_number, v.polling_district.clone(), v.name.clone()));
    for venue in stations {
        let items: Vec<&CustodyItem> = plan
            .custody
            .items
            .iter()
            .filter(|i| i.polling_station == Some(venue.id))
            .collect();
        let station = venue
            .station_number
            .map_or_else(String::new, |n| format!("Station {n}"));
        let district = if venue.polling_district.trim().is_empty() {
            String::new()
        } else {
            format!("polling district {}", venue.polling_district.trim())
        };
        let subtitle = [station, district, venue.address.clone()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" · ");
        sheet(&mut flow, &venue.name, &subtitle, &items, STATION_STAGES);
    }
    // Items with no polling station get a sheet each.
    let mut loose: Vec<&CustodyItem> = plan
        .custody
        .items
        .iter()
        .filter(|i| i.polling_station.is_none_or(|v| plan.venue(v).is_none()))
        .collect();
    loose.sort_by_key(|i| (i.kind, i.label.clone()));
    for item in loose {
        let court_only = item.contents.is_some_and(|c| c.court_only());
        let stages = match item.kind.journey() {
            _ if item.kind == ItemKind::BallotPaperBatch => STATION_STAGES,
            _ if item.kind == ItemKind::PostalBallotBatch => POSTAL_ISSUE_STAGES,
            Journey::Postal => POSTAL_STAGES,
            Journey::StatutoryPacket if court_only => COURT_PACKET_STAGES,
            Journey::StatutoryPacket => OPEN_PACKET_STAGES,
            Journey::PollingStation => BATCH_STAGES,
        };
        let subtitle = match (item.kind.journey(), item.contents) {
            (Journey::Postal, _) if item.kind == ItemKind::PostalBallotBatch => {
                "Postal issue sheet: packs produced, checked and handed to the carrier".to_owned()
            }
            (Journey::Postal, _) => "Returned postal votes sheet".to_owned(),
            (Journey::StatutoryPacket, Some(contents)) if court_only => format!(
                "Statutory packet: {}. Do not open: only a court may order this packet opened.",
                contents.label().to_lowercase()
            ),
            (Journey::StatutoryPacket, Some(contents)) => format!(
                "Statutory packet: {}. Open to public inspection while retained.",
                contents.label().to_lowercase()
            ),
            (Journey::StatutoryPacket, None) => "Statutory packet".to_owned(),
            _ => "Batch sheet".to_owned(),
        };
        sheet(
            &mut flow,
            &format!("{} {}", item.kind.label(), item.label),
            &subtitle,
            &[item],
            stages,
        );
    }
    if plan.custody.items.is_empty() && plan.venues.venues.is_empty() {
        flow.chapter("Custody sheets");
        flow.not_provided();
        flow.paragraph("Add polling stations and custody items to the plan to print their sheets.");
    }
    let (mut pages, outline) = flow.finish();
    let o = &plan.overview;
    let title = format!(
        "Custody sheets — {}",
        if o.authority.trim().is_empty() {
            o.election_type.label()
        } else {
            o.authority.as_str()
        }
    );
    let right = format!("Poll {}", crate::when::display_date(o.poll_date));
    decorate(
        &mut pages,
        m,
        &Running {
            marking: o.marking.label(),
            title: &title,
            right: &right,
            footer: &o.title,
            copy: None,
            handling: super::plan::handling_short(profile),
        },
    );
    super::flow::split_fallback(&mut pages, m);
    Document {
        title,
        author: format!("Returning Officer, {}", o.authority),
        subject: "Ballot paper and ballot box custody sheets".to_owned(),
        keywords: vec!["custody".to_owned(), o.marking.label().to_owned()],
        date: super::plan::document_date(plan),
        width: PAGE_W,
        height: PAGE_H,
        pages,
        outline,
    }
}

fn sheet(
    flow: &mut Flow<'_>,
    title: &str,
    subtitle: &str,
    items: &[&CustodyItem],
    stages: &[CustodyStage],
) {
    flow.chapter(&format!("Custody sheet: {title}"));
    flow.paragraph_styled(subtitle, Face::Regular, 9.5, colour::MUTED, 0.0);
    flow.heading("Items");
    if items.is_empty() {
        flow.paragraph(
            "No custody items are recorded for this station in the plan; write the box and batch \
             labels here.",
        );
    } else {
        let mut t = Table::new(&[
            ("Label", 1.6),
            ("Item", 2.0),
            ("Expected seal numbers", 3.0),
            ("Ballot paper serial numbers", 3.0),
        ]);
        for i in items {
            let seals = if i.expected_seals.is_empty() {
                "—".to_owned()
            } else {
                i.expected_seals.join(", ")
            };
            let ranges = if i.book_ranges.is_empty() {
                "—".to_owned()
            } else {
                i.book_ranges
                    .iter()
                    .map(|r| format!("{}–{} ({} papers)", r.first, r.last, r.len()))
                    .collect::<Vec<_>>()
                    .join("\n")
            };
            t.row(vec![
                Cell::bold(i.label.clone()),
                Cell::new(i.kind.label()),
                Cell::new(seals),
                Cell::new(ranges),
            ]);
        }
        flow.table(&t);
    }
    flow.heading("Handovers");
    flow.paragraph(
        "Record every handover and check. Both parties print and sign; check each seal number \
         against the list above and report any difference to the count manager at once.",
    );
    let mut t = Table::new(&[
        ("Stage", 2.0),
        ("Date and time", 1.6),
        ("Handed over by (name, signature)", 2.7),
        ("Received by (name, signature)", 2.7),
        ("Seal numbers seen", 2.2),
        ("Intact?", 1.2),
        ("Witness", 1.8),
    ]);
    let blank = || Cell::new("\n\n\n");
    for stage in stages {
        t.row(vec![
            Cell::bold(stage.label()),
            blank(),
            blank(),
            blank(),
            blank(),
            Cell::new("Yes / No"),
            blank(),
        ]);
    }
    for _ in 0..2 {
        t.row(vec![
            Cell::new("Other:\n\n\n"),
            blank(),
            blank(),
            blank(),
            blank(),
            Cell::new("Yes / No"),
            blank(),
        ]);
    }
    flow.table(&t);
}
