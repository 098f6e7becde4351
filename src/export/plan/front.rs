//! The cover and the document control pages.

use super::Ctx;
use crate::export::document::{Face, Item, Rgb};
use crate::export::flow::{BODY, CONTENT_W, Cell, Flow, MARGIN, Table, colour, line_height};
use crate::model::{PlanStatus, SignOffRole};
use crate::when::display_date;

/// The cover: authority, election, poll date, version, status, marking, and "Redacted copy" where
/// it is.
pub(super) fn cover(ctx: &Ctx<'_>, flow: &mut Flow<'_>) {
    let o = &ctx.plan.overview;
    let m = flow.metrics();
    flow.page_break();
    flow.bookmark("Cover");
    // A band across the top in the house colour.
    flow.draw(Item::Rect {
        x: 0.0,
        y: 24.0,
        w: 210.0,
        h: 3.0,
        fill: Some(colour::NAVY),
        stroke: None,
    });
    flow.space(28.0);
    let authority = if o.authority.trim().is_empty() {
        "Authority not yet named"
    } else {
        o.authority.as_str()
    };
    flow.paragraph_styled(authority, Face::Bold, 15.0, colour::MUTED, 0.0);
    flow.space(4.0);
    flow.paragraph_styled(&o.title, Face::Bold, 24.0, colour::NAVY, 0.0);
    flow.space(6.0);
    flow.paragraph_styled(
        o.election_type.label(),
        Face::Regular,
        14.0,
        colour::TEXT,
        0.0,
    );
    let contests: Vec<String> = o.contests.iter().map(|c| c.name.clone()).collect();
    if !contests.is_empty() {
        let summary = if contests.len() > 8 {
            format!(
                "{} contests: {} and {} more",
                contests.len(),
                contests[..6].join(", "),
                contests.len() - 6
            )
        } else {
            contests.join(", ")
        };
        flow.paragraph_styled(&summary, Face::Regular, 10.5, colour::MUTED, 0.0);
    }
    flow.space(8.0);
    flow.key_values(&[
        ("Polling day", display_date(o.poll_date)),
        ("Police force", o.police_force.clone()),
        ("Returning Officer", ctx.name(o.returning_officer)),
        ("Version", format!("{} ({})", o.version, o.status.label())),
        ("Dated", display_date(ctx.date)),
    ]);
    // The marking, large and boxed.
    flow.space(8.0);
    let marking = o.marking.label();
    let size = 20.0;
    let w = m.width(marking, Face::Bold, size) + 16.0;
    let top = flow.reserve(16.0);
    flow.draw(Item::Rect {
        x: (210.0 - w) / 2.0,
        y: top,
        w,
        h: 14.0,
        fill: None,
        stroke: Some((Rgb::BLACK, 1.5)),
    });
    flow.draw(Item::Text {
        x: (210.0 - w) / 2.0 + 8.0,
        y: top + 10.0,
        text: marking.to_owned(),
        face: Face::Bold,
        size,
        colour: Rgb::BLACK,
    });
    if ctx.redacted() {
        flow.space(6.0);
        let label = "Redacted copy";
        let w = m.width(label, Face::Bold, 16.0) + 14.0;
        let top = flow.reserve(13.0);
        flow.draw(Item::Rect {
            x: (210.0 - w) / 2.0,
            y: top,
            w,
            h: 11.0,
            fill: Some(colour::GAP),
            stroke: None,
        });
        flow.draw(Item::Text {
            x: (210.0 - w) / 2.0 + 7.0,
            y: top + 8.0,
            text: label.to_owned(),
            face: Face::Bold,
            size: 16.0,
            colour: Rgb::WHITE,
        });
        flow.space(3.0);
        flow.paragraph_styled(
            "For wider circulation: personal data and sensitive operational detail (contact \
             details, candidate data, integrity hotspots and refuges, venue security assessments \
             and the referral log) are withheld from this copy; each section that withholds \
             something says so. The full copy is held by the Returning Officer and the police.",
            Face::Regular,
            BODY,
            colour::MUTED,
            0.0,
        );
    }
    flow.space(2.0);
    flow.paragraph_styled(
        super::handling_line(ctx.profile),
        Face::Bold,
        BODY,
        colour::TEXT,
        0.0,
    );
    let note = match o.status {
        PlanStatus::Draft => "Draft for discussion with the police SPOC and FEOA. Not yet agreed.",
        PlanStatus::AgreedWithPolice => "Agreed with the police SPOC and FEOA.",
        PlanStatus::Final => {
            "Final: signed off by the Returning Officer, the police SPOC and the FEOA."
        }
    };
    flow.space(6.0);
    flow.paragraph_styled(note, Face::Regular, BODY, colour::MUTED, 0.0);
}

/// Revision history, distribution and the sign-off block.
pub(super) fn document_control(ctx: &Ctx<'_>, flow: &mut Flow<'_>) {
    let o = &ctx.plan.overview;
    flow.chapter("Document control");
    flow.heading("Revision history");
    if o.revisions.is_empty() {
        flow.not_provided();
    } else {
        let mut t = Table::new(&[
            ("Version", 1.0),
            ("Date", 1.8),
            ("Author", 2.2),
            ("Changes", 5.8),
        ]);
        for r in &o.revisions {
            t.row(vec![
                Cell::bold(r.version.clone()),
                Cell::new(display_date(r.date)),
                Cell::new(r.author.clone()),
                Cell::new(r.summary.clone()),
            ]);
        }
        flow.table(&t);
    }
    flow.heading("Distribution");
    if o.distribution.is_empty() {
        flow.not_provided();
    } else {
        let mut t = Table::new(&[("Recipient", 3.0), ("Organisation", 3.0), ("Copy", 1.6)]);
        for d in &o.distribution {
            t.row(vec![
                Cell::new(d.recipient.clone()),
                Cell::new(d.organisation.clone()),
                Cell::new(d.copy.label()),
            ]);
        }
        flow.table(&t);
    }
    flow.heading("Sign-off");
    flow.paragraph(
        "By signing, each party confirms the plan sets out the arrangements agreed between the \
         Returning Officer and the police for this election.",
    );
    sign_off_block(ctx, flow);
}

fn sign_off_block(ctx: &Ctx<'_>, flow: &mut Flow<'_>) {
    let o = &ctx.plan.overview;
    let row_h = 21.0;
    let widths = [48.0, 46.0, 48.0, 28.0];
    let titles = ["Role", "Name", "Signature", "Date"];
    flow.ensure(7.0 + row_h * 3.0);
    let top = flow.reserve(7.0);
    flow.draw(Item::Rect {
        x: MARGIN,
        y: top,
        w: CONTENT_W,
        h: 7.0,
        fill: Some(colour::NAVY),
        stroke: None,
    });
    let mut x = MARGIN;
    for (t, w) in titles.iter().zip(widths) {
        flow.draw(Item::Text {
            x: x + 1.6,
            y: top + 4.9,
            text: (*t).to_owned(),
            face: Face::Bold,
            size: 8.2,
            colour: Rgb::WHITE,
        });
        x += w;
    }
    for role in SignOffRole::ALL {
        let sign = o.sign_offs.iter().find(|s| s.role == *role);
        let top = flow.reserve(row_h);
        flow.draw(Item::Rect {
            x: MARGIN,
            y: top,
            w: CONTENT_W,
            h: row_h,
            fill: None,
            stroke: Some((colour::RULE, 0.6)),
        });
        let mut x = MARGIN;
        for w in &widths[..3] {
            x += w;
            flow.draw(Item::Line {
                x1: x,
                y1: top,
                x2: x,
                y2: top + row_h,
                colour: colour::RULE,
                width: 0.6,
            });
        }
        let name = sign
            .and_then(|s| s.person)
            .map_or_else(String::new, |id| ctx.name(Some(id)));
        let job = sign
            .and_then(|s| s.person)
            .and_then(|id| ctx.plan.person(id))
            .map(|p| format!("{}, {}", p.job_title, p.organisation))
            .unwrap_or_default();
        let m = flow.metrics();
        let lh = line_height(8.2);
        for (k, line) in m
            .wrap(role.label(), widths[0] - 3.2, Face::Bold, 8.2)
            .iter()
            .enumerate()
        {
            flow.draw(Item::Text {
                x: MARGIN + 1.6,
                y: top + 4.6 + k as f32 * lh,
                text: line.clone(),
                face: Face::Bold,
                size: 8.2,
                colour: colour::TEXT,
            });
        }
        let mut lines = m.wrap(&name, widths[1] - 3.2, Face::Regular, 8.2);
        lines.extend(m.wrap(&job, widths[1] - 3.2, Face::Regular, 7.2));
        for (k, line) in lines.iter().take(4).enumerate() {
            let size = if k == 0 { 8.2 } else { 7.2 };
            let c = if k == 0 { colour::TEXT } else { colour::MUTED };
            flow.draw(Item::Text {
                x: MARGIN + widths[0] + 1.6,
                y: top + 4.6 + k as f32 * lh,
                text: line.clone(),
                face: Face::Regular,
                size,
                colour: c,
            });
        }
        let date = sign
            .and_then(|s| s.signed_on)
            .map_or_else(String::new, display_date);
        flow.draw(Item::Text {
            x: MARGIN + widths[0] + widths[1] + widths[2] + 1.6,
            y: top + 4.6,
            text: date,
            face: Face::Regular,
            size: 8.2,
            colour: colour::TEXT,
        });
    }
    flow.space(3.0);
}
