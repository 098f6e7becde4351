//! The cover and the document control pages.

use super::Ctx;
use crate::export::document::{Face, Item, Rgb};
use crate::export::flow::{BODY, CONTENT_W, Cell, Flow, MARGIN, Table, colour, line_height};
use crate::model::issue::section_list;
use crate::model::{Agreement, Fingerprint, PlanStatus, SignOff, SignOffRole};
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
        (
            "Fingerprint",
            format!(
                "{} (in full: {})",
                ctx.fingerprint.short(),
                ctx.fingerprint.grouped()
            ),
        ),
    ]);
    if let Some(copy) = &ctx.copy {
        flow.space(4.0);
        flow.paragraph_styled(copy, Face::Bold, 13.0, colour::NAVY, 0.0);
        if let Some(to) = &ctx.copy_to {
            flow.paragraph_styled(
                &format!("Issued to {to}"),
                Face::Regular,
                BODY,
                colour::MUTED,
                0.0,
            );
        }
    }
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
            "Final: agreed by the Returning Officer, the police SPOC and the FEOA."
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
        let mut t = Table::new(&[
            ("Recipient", 3.0),
            ("Organisation", 3.0),
            ("Copy", 1.6),
            ("Copy no.", 1.2),
        ]);
        let full = ctx.plan.full_copies();
        for (i, d) in o.distribution.iter().enumerate() {
            let number = ctx
                .plan
                .copy_number(i)
                .map_or_else(String::new, |n| format!("{n} of {full}"));
            t.row(vec![
                Cell::new(d.recipient.clone()),
                Cell::new(d.organisation.clone()),
                Cell::new(d.copy.label()),
                Cell::new(number),
            ]);
        }
        flow.table(&t);
    }
    flow.heading("Agreement");
    flow.paragraph(
        "By agreeing, each party confirms the plan sets out the arrangements agreed between the \
         Returning Officer and the police for this election. Each agreement approves an issued \
         copy, identified by its fingerprint (SHA-256 of the arrangements in the canonical form \
         plan-fingerprint/1; operational records and document control are not part of it), and \
         says whether the plan has changed since.",
    );
    sign_off_block(ctx, flow);
}

/// A row of the agreement block: the role, its wrapped lines (flagged to stand out) and its
/// height.
type AgreementRow = (SignOffRole, Vec<(String, bool)>, f32);

fn sign_off_block(ctx: &Ctx<'_>, flow: &mut Flow<'_>) {
    let o = &ctx.plan.overview;
    let row_h: f32 = 21.0;
    let widths = [38.0, 40.0, 64.0, 28.0];
    let titles = ["Role", "Name", "Agreement", "Date"];
    let m = flow.metrics();
    // Each row as tall as its agreement text; the block is kept on one page.
    let rows: Vec<AgreementRow> = SignOffRole::ALL
        .iter()
        .map(|role| {
            let sign = o.sign_offs.iter().find(|s| s.role == *role);
            let agreed = agreement_lines(ctx, sign.and_then(|s| s.agreement.as_ref()));
            let wrapped: Vec<(String, bool)> = agreed
                .iter()
                .flat_map(|(text, warn)| {
                    m.wrap(text, widths[2] - 3.2, Face::Regular, 7.2)
                        .into_iter()
                        .map(move |l| (l, *warn))
                })
                .collect();
            let h = row_h.max(5.0 + wrapped.len() as f32 * line_height(7.2));
            (*role, wrapped, h)
        })
        .collect();
    flow.ensure(7.0 + rows.iter().map(|r| r.2).sum::<f32>());
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
    for (role, wrapped, row_h) in &rows {
        let (role, row_h) = (role, *row_h);
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
        for (k, (line, warn)) in wrapped.iter().enumerate() {
            flow.draw(Item::Text {
                x: MARGIN + widths[0] + widths[1] + 1.6,
                y: top + 4.6 + k as f32 * line_height(7.2),
                text: line.clone(),
                face: if *warn { Face::Bold } else { Face::Regular },
                size: 7.2,
                colour: if *warn { colour::GAP } else { colour::TEXT },
            });
        }
        let date = sign
            .and_then(|s| s.agreement.as_ref())
            .map_or_else(String::new, |a| display_date(a.date));
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
    superseded(ctx, flow);
}

/// What an agreement block says: the copy it approves, its fingerprint, how it was given, and
/// whether the plan has changed since (flagged `true` to stand out).
fn agreement_lines(ctx: &Ctx<'_>, agreement: Option<&Agreement>) -> Vec<(String, bool)> {
    let Some(a) = agreement else {
        return vec![("Not yet agreed.".to_owned(), false)];
    };
    let mut lines = Vec::new();
    match a.copy.and_then(|id| ctx.plan.issued_copy(id)) {
        Some(copy) => lines.push((format!("Approves {}", copy.describe()), false)),
        None if !a.version.is_empty() => {
            lines.push((format!("Approves version {}", a.version), false))
        }
        None => {}
    }
    if let Some(print) = &a.fingerprint {
        lines.push((format!("Fingerprint {}", grouped_short(print)), false));
    }
    let mut how = format!("Given: {}", a.given.label().to_lowercase());
    if !a.reference.trim().is_empty() {
        how.push_str(&format!("; reference: {}", a.reference.trim()));
    }
    lines.push((how, false));
    match a.changed_against(&ctx.fingerprint) {
        None => lines.push((
            "Not bound to content: it does not name the copy it approves.".to_owned(),
            true,
        )),
        Some(changed) if changed.is_empty() => {
            lines.push(("The plan has not changed since.".to_owned(), false))
        }
        Some(changed) => lines.push((format!("Changed since: {}.", section_list(&changed)), true)),
    }
    lines
}

/// The first two groups of a fingerprint ("1a2b3c4d 5e6f7a8b"), enough to compare with the cover.
fn grouped_short(print: &Fingerprint) -> String {
    print
        .grouped()
        .split(' ')
        .take(2)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Earlier agreements, replaced by a later one.
fn superseded(ctx: &Ctx<'_>, flow: &mut Flow<'_>) {
    let o = &ctx.plan.overview;
    let rows: Vec<(&SignOff, &Agreement)> = o
        .sign_offs
        .iter()
        .flat_map(|s| s.superseded.iter().map(move |a| (s, a)))
        .collect();
    if rows.is_empty() {
        return;
    }
    flow.heading("Superseded agreements");
    let mut t = Table::new(&[
        ("Role", 2.4),
        ("Agreement", 3.0),
        ("Fingerprint", 2.2),
        ("Changed since", 3.6),
    ]);
    for (s, a) in rows {
        let changed = match a.changed_against(&ctx.fingerprint) {
            None => "Not bound to content".to_owned(),
            Some(c) if c.is_empty() => "Nothing".to_owned(),
            Some(c) => section_list(&c),
        };
        t.row(vec![
            Cell::bold(s.role.label()),
            Cell::new(a.describe()),
            Cell::new(
                a.fingerprint
                    .as_ref()
                    .map_or_else(|| "—".to_owned(), grouped_short),
            ),
            Cell::new(changed),
        ]);
    }
    flow.table(&t);
}
