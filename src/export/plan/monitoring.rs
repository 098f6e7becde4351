//! Chapters 7–11: fraud monitoring, escalation, the risk register, hotspots and electoral events.

use super::Ctx;
use crate::export::document::{Face, Item, Rgb};
use crate::export::flow::{Cell, Flow, MARGIN, Table, colour};
use crate::law::contests::statutory_limit;
use crate::model::{Callee, Direction, IndicatorState, Period, Rating, Risk, RiskLevel, number};
use crate::when::{display_date, display_date_time, display_short_date};

/// The fill for an indicator state.
pub fn state_fill(state: IndicatorState) -> Rgb {
    match state {
        IndicatorState::Clear => colour::GREEN,
        IndicatorState::Warning => colour::AMBER,
        IndicatorState::Action => colour::RED,
    }
}

/// The fill for a risk level: the heat map's colours, in the PDF and the workbook.
pub fn level_fill(level: RiskLevel) -> Rgb {
    match level {
        RiskLevel::Low => colour::GREEN,
        RiskLevel::Medium => colour::AMBER,
        RiskLevel::High => colour::ORANGE,
        RiskLevel::VeryHigh => colour::RED,
    }
}

pub(super) fn fraud(ctx: &Ctx<'_>, flow: &mut Flow<'_>) {
    let plan = ctx.plan;
    if plan.indicators.is_empty() {
        flow.not_provided();
        return;
    }
    flow.paragraph(
        "Each indicator's state comes from its latest observation against its levels. Locally set \
         levels apply to the Electoral Commission's indicators; the statutory limits are judged by \
         the law's numbers.",
    );
    let mut t = Table::new(&[
        ("Indicator", 3.2),
        ("Measure", 3.6),
        ("Warning", 1.5),
        ("Action", 1.5),
        ("State", 1.3),
        ("Latest", 1.8),
        ("Owner", 1.9),
    ]);
    let contests = &plan.overview.contests;
    for i in &plan.indicators {
        let limit = statutory_limit(contests, i.kind);
        let (warning, action) = match limit {
            Some(limit) => (
                format!("{} (law)", number(limit)),
                format!("above {} (law)", number(limit)),
            ),
            None => {
                let dir = if i.direction == Direction::Below {
                    "≤ "
                } else {
                    "≥ "
                };
                (
                    i.warning_level
                        .map_or_else(|| "Not set".to_owned(), |l| format!("{dir}{}", number(l))),
                    i.action_level
                        .map_or_else(|| "Not set".to_owned(), |l| format!("{dir}{}", number(l))),
                )
            }
        };
        let state = i.state(limit);
        let latest = i.latest().map_or_else(
            || "No observations".to_owned(),
            |o| format!("{} on\n{}", number(o.value), display_short_date(o.date)),
        );
        t.row(vec![
            Cell::bold(i.name.clone()),
            Cell::new(i.measure.clone()),
            Cell::new(warning),
            Cell::new(action),
            Cell::bold(state.label()).filled(state_fill(state)),
            Cell::new(latest),
            Cell::new(ctx.name(i.owner)),
        ]);
    }
    flow.table(&t);
    statutory_scope(ctx, flow);
    flow.heading("Action when an indicator reaches its action level");
    let mut t = Table::new(&[("Indicator", 1.0), ("Action", 2.6)]);
    for i in &plan.indicators {
        let action = if i.action.trim().is_empty() {
            Cell::bold("Not yet provided").coloured(colour::GAP)
        } else {
            Cell::new(i.action.clone())
        };
        t.row(vec![Cell::bold(i.name.clone()), action]);
    }
    flow.table(&t);
    let recorded: usize = plan.indicators.iter().map(|i| i.observations.len()).sum();
    flow.paragraph(&format!(
        "{recorded} observations are recorded across {} indicators.",
        plan.indicators.len()
    ));
}

/// For each statutory indicator, the contests whose law sets its limit, and the provision.
fn statutory_scope(ctx: &Ctx<'_>, flow: &mut Flow<'_>) {
    use crate::law::contests::{IndicatorLaw, indicator_law};
    let Ok(law) = crate::law::law() else {
        return;
    };
    let contests = &ctx.plan.overview.contests;
    let names = |ids: &[crate::model::ContestId]| -> String {
        if ids.len() == contests.len() {
            return "every contest in this plan".to_owned();
        }
        contests
            .iter()
            .filter(|c| ids.contains(&c.id))
            .map(|c| c.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    for i in ctx.plan.indicators.iter().filter(|i| i.is_statutory()) {
        let text = match indicator_law(law, contests, i.kind) {
            IndicatorLaw::Limit {
                limit,
                contests: ids,
                sources,
            } => format!(
                "{}: the law's limit of {limit} applies to {} ({}).",
                i.name,
                names(&ids),
                sources.join(" ")
            ),
            IndicatorLaw::NotHeld {
                contests: ids,
                sources,
            } => format!(
                "{}: the law sets a limit for {} whose number the program does not hold; the \
                 levels shown are local, set from {}",
                i.name,
                names(&ids),
                sources.join(" ")
            ),
            IndicatorLaw::NotApplicable => format!(
                "{}: no contest in this plan is under a law that sets this limit; the levels shown \
                 are local.",
                i.name
            ),
        };
        flow.paragraph(&text);
    }
}

pub(super) fn escalation(ctx: &Ctx<'_>, flow: &mut Flow<'_>) {
    let plan = ctx.plan;
    flow.paragraph(
        "Call 999 when there is immediate danger; 101 to report a crime that is not an emergency; \
         the police election SPOC for electoral matters. Each level names who to call first and \
         who to call if they do not answer; the table after the ladder says whom to call at each \
         time (office hours, out of hours, polling day and count night).",
    );
    if plan.escalation.is_empty() {
        flow.not_provided();
        return;
    }
    let mut t = Table::new(&[
        ("Level", 2.2),
        ("Trigger", 3.6),
        ("Contact", 2.4),
        ("How", 1.0),
        ("Within", 1.1),
        ("What happens next", 3.8),
    ]);
    for (n, l) in plan.escalation.iter().enumerate() {
        let call = plan.escalation_call(l, Period::OfficeHours);
        let mut contact = callee(&call.first);
        if let Some(f) = &call.fallback {
            contact.push_str(&format!("\nIf no answer: {}", callee(f)));
        }
        let within = super::quick::within(l.respond_within_minutes);
        let mut actions = l.actions.clone();
        if !l.also_inform.is_empty() {
            actions.push_str(&format!("\nAlso inform: {}", ctx.names(&l.also_inform)));
        }
        let mut trigger = l.trigger.clone();
        if !l.source.trim().is_empty() {
            trigger.push_str(&format!(
                "\n(Source: see \u{201c}Sources\u{201d}, level {})",
                n + 1
            ));
        }
        t.row(vec![
            Cell::bold(format!("{}. {}", n + 1, l.name)),
            Cell::new(trigger),
            Cell::new(contact),
            Cell::new(l.channel.label()),
            Cell::new(within),
            Cell::new(actions),
        ]);
    }
    flow.table(&t);
    flow.heading("Whom to call, by time");
    flow.paragraph(
        "Out of hours means evenings, nights, weekends and bank holidays; count night runs from \
         the close of poll to the declaration and follows the out-of-hours route unless it has \
         its own. \u{201c}As usual\u{201d}: the level's own contact on the number that suits the \
         time; \u{201c}Else\u{201d}: who to call if they do not answer.",
    );
    let mut t = Table::new(&[
        ("Level", 2.4),
        ("Office hours", 2.9),
        ("Out of hours", 2.9),
        ("Polling day", 2.9),
        ("Count night", 2.9),
    ]);
    for (n, l) in plan.escalation.iter().enumerate() {
        let mut row = vec![Cell::bold(format!("{}. {}", n + 1, l.name))];
        for period in Period::ALL {
            let call = plan.escalation_call(l, *period);
            let mut text = callee(&call.first);
            if call.via_cover {
                text.push_str(" (out-of-hours cover)");
            }
            let public = call.first.person.is_none() && !call.own_route;
            if *period != Period::OfficeHours && !call.own_route && !call.via_cover && !public {
                text = format!("As usual: {text}");
            }
            if let Some(f) = &call.fallback {
                text.push_str(&format!("\nElse {}", callee(f)));
            }
            row.push(Cell::new(text));
        }
        t.row(row);
    }
    flow.table(&t);
    let sources: Vec<String> = plan
        .escalation
        .iter()
        .enumerate()
        .filter(|(_, l)| !l.source.trim().is_empty())
        .map(|(n, l)| format!("Level {} ({}): {}", n + 1, l.name, l.source.trim()))
        .collect();
    if !sources.is_empty() {
        flow.heading("Sources");
        flow.paragraph(
            "Where a trigger or an action quotes guidance or law, it is quoted from these; the \
             guidance is the police's and the Electoral Commission's advice, not law.",
        );
        flow.list(&sources, false);
    }
}

/// "Name, number" for a party the ladder calls; a redacted copy gives the name only (numbers other
/// than 999 and 101 are withheld, as the chapter says at its start).
pub(super) fn callee(c: &Callee<'_>) -> String {
    let name = if c.name.is_empty() {
        "Nobody named".to_owned()
    } else {
        c.name.clone()
    };
    match c.number.as_deref() {
        None => format!("{name} (no number)"),
        Some(n) if n == name => name,
        Some(n) if c.person.is_none() && matches!(n, "999" | "101") => format!("{name}, {n}"),
        Some(n) => format!("{name}, {n}"),
    }
}

/// Draws a 5×5 likelihood × impact heat map with its top-left at (`x`, `y`), counting risks by
/// `score`.
fn heat_map(
    flow: &mut Flow<'_>,
    x: f32,
    y: f32,
    title: &str,
    risks: &[&Risk],
    rating: impl Fn(&Risk) -> Option<(Rating, Rating)>,
) {
    let cell = 11.0;
    let left = x + 14.0;
    let top = y + 8.0;
    flow.draw(Item::Text {
        x,
        y: y + 4.0,
        text: title.to_owned(),
        face: Face::Bold,
        size: 9.5,
        colour: colour::NAVY,
    });
    for likelihood in Rating::all() {
        for impact in Rating::all() {
            let count = risks
                .iter()
                .filter(|r| rating(r) == Some((likelihood, impact)))
                .count();
            let level = RiskLevel::of_score(likelihood.get() * impact.get());
            let cx = left + f32::from(impact.get() - 1) * cell;
            let cy = top + f32::from(5 - likelihood.get()) * cell;
            flow.draw(Item::Rect {
                x: cx,
                y: cy,
                w: cell,
                h: cell,
                fill: Some(level_fill(level)),
                stroke: Some((Rgb::WHITE, 1.0)),
            });
            if count > 0 {
                let text = count.to_string();
                let w = flow.metrics().width(&text, Face::Bold, 10.0);
                flow.draw(Item::Text {
                    x: cx + (cell - w) / 2.0,
                    y: cy + cell / 2.0 + 1.7,
                    text,
                    face: Face::Bold,
                    size: 10.0,
                    colour: colour::TEXT,
                });
            }
        }
    }
    for r in Rating::all() {
        let n = r.get().to_string();
        let f = f32::from(r.get() - 1);
        flow.draw(Item::Text {
            x: left - 4.0,
            y: top + (4.0 - f) * cell + cell / 2.0 + 1.2,
            text: n.clone(),
            face: Face::Regular,
            size: 8.0,
            colour: colour::MUTED,
        });
        flow.draw(Item::Text {
            x: left + f * cell + cell / 2.0 - 0.8,
            y: top + 5.0 * cell + 4.0,
            text: n,
            face: Face::Regular,
            size: 8.0,
            colour: colour::MUTED,
        });
    }
    flow.draw(Item::Text {
        x: left,
        y: top + 5.0 * cell + 8.5,
        text: "Impact →".to_owned(),
        face: Face::Regular,
        size: 8.0,
        colour: colour::MUTED,
    });
    flow.draw(Item::Text {
        x,
        y: top + 2.5 * cell + 1.2,
        text: "Likeli-".to_owned(),
        face: Face::Regular,
        size: 7.0,
        colour: colour::MUTED,
    });
    flow.draw(Item::Text {
        x,
        y: top + 2.5 * cell + 4.2,
        text: "hood ↑".to_owned(),
        face: Face::Regular,
        size: 7.0,
        colour: colour::MUTED,
    });
}

pub(super) fn risks(ctx: &Ctx<'_>, flow: &mut Flow<'_>) {
    let plan = ctx.plan;
    let open: Vec<&Risk> = plan
        .risks
        .iter()
        .filter(|r| r.status != crate::model::RiskStatus::Closed)
        .collect();
    // The heat maps: inherent and residual, side by side, with a legend.
    let top = flow.reserve(86.0);
    heat_map(flow, MARGIN, top, "Before mitigation", &open, |r| {
        Some((r.likelihood, r.impact))
    });
    // A risk whose residual scores are not assessed yet is not on the residual map.
    heat_map(flow, MARGIN + 85.0, top, "After mitigation", &open, |r| {
        Some((r.residual_likelihood?, r.residual_impact?))
    });
    let legend_y = top + 82.0;
    let mut x = MARGIN;
    for level in RiskLevel::ALL {
        flow.draw(Item::Rect {
            x,
            y: legend_y - 3.0,
            w: 4.0,
            h: 4.0,
            fill: Some(level_fill(*level)),
            stroke: None,
        });
        let text = match level {
            RiskLevel::Low => "Low (1–4): review every 360 days",
            RiskLevel::Medium => "Medium (5–9): 180 days",
            RiskLevel::High => "High (10–16): 90 days",
            RiskLevel::VeryHigh => "Very high (20–25): 30 days",
        };
        flow.draw(Item::Text {
            x: x + 5.5,
            y: legend_y,
            text: text.to_owned(),
            face: Face::Regular,
            size: 7.5,
            colour: colour::TEXT,
        });
        x += flow.metrics().width(text, Face::Regular, 7.5) + 10.0;
    }
    flow.paragraph(&format!(
        "Counts of the {} open risks in each cell (closed risks are listed but not counted).",
        open.len()
    ));
    if plan.risks.is_empty() {
        flow.not_provided();
        return;
    }
    let mut t = Table::new(&[
        ("Ref", 0.9),
        ("Risk", 3.2),
        ("Owner", 1.7),
        ("Score", 1.2),
        ("Mitigations", 4.7),
        ("After", 1.1),
        ("Status and review", 2.1),
    ]);
    for (i, r) in crate::model::risk::by_score(&plan.risks) {
        let mitigations: Vec<String> = r
            .mitigations
            .iter()
            .map(|m| {
                let due = m
                    .due
                    .map_or_else(String::new, |d| format!(", by {}", display_short_date(d)));
                let done = if m.done { " ✓" } else { "" };
                format!("• {} ({}{due}){done}", m.action, ctx.name(m.owner))
            })
            .collect();
        let mut risk_text = r.category.label().to_owned();
        if let Some(v) = r.venue.and_then(|v| plan.venue(v)) {
            risk_text.push_str(&format!(" — {}", v.name));
        }
        let review = format!(
            "{}; review\n{}",
            r.status.label(),
            r.next_review
                .map_or_else(|| "not set".to_owned(), display_short_date)
        );
        t.row(vec![
            Cell::bold(format!("R{}", i + 1)),
            Cell::titled(r.title.clone(), risk_text),
            Cell::new(ctx.name(r.owner)),
            Cell::titled(
                r.score().to_string(),
                format!(
                    "{}×{} {}",
                    r.likelihood,
                    r.impact,
                    r.level().label().to_lowercase()
                ),
            )
            .filled(level_fill(r.level())),
            Cell::new(if mitigations.is_empty() {
                "None".to_owned()
            } else {
                mitigations.join("\n")
            }),
            match (r.residual_score(), r.residual_likelihood, r.residual_impact) {
                (Some(score), Some(l), Some(i)) => {
                    Cell::titled(score.to_string(), format!("{l}×{i}"))
                        .filled(level_fill(r.residual_level()))
                }
                _ => Cell::new("Not assessed"),
            },
            Cell::new(review),
        ]);
    }
    flow.table(&t);
}

pub(super) fn hotspots(ctx: &Ctx<'_>, flow: &mut Flow<'_>) {
    let plan = ctx.plan;
    if plan.hotspots.is_empty() {
        flow.not_provided();
        return;
    }
    let mut t = Table::new(&[
        ("Place", 2.6),
        ("Address", 2.6),
        ("Electors", 1.0),
        ("Concern", 3.2),
        ("Mitigation", 3.2),
        ("Briefed", 2.4),
    ]);
    for h in &plan.hotspots {
        // The site contact above the date.
        let briefed = match (h.briefed_on, h.site_contact.trim()) {
            (Some(d), c) if !c.is_empty() => {
                format!("{c}\n{}", display_date(d))
            }
            (Some(d), _) => display_date(d),
            (None, _) => "Not yet".to_owned(),
        };
        t.row(vec![
            Cell::bold(format!("{}\n{}", h.name, h.kind.label())),
            Cell::new(h.address.clone()),
            Cell::new(h.electors.to_string()),
            Cell::new(h.concern.clone()),
            Cell::new(h.mitigation.clone()),
            Cell::new(briefed),
        ]);
    }
    flow.table(&t);
}

pub(super) fn events(ctx: &Ctx<'_>, flow: &mut Flow<'_>) {
    let plan = ctx.plan;
    if plan.events.is_empty() {
        flow.not_provided();
        return;
    }
    let mut events: Vec<_> = plan.events.iter().collect();
    events.sort_by_key(|e| e.starts_at());
    let mut t = Table::new(&[
        ("Event", 3.0),
        ("When", 2.4),
        ("Venue", 2.6),
        ("In charge", 2.0),
        ("Safety and security", 4.8),
    ]);
    for e in events {
        let when = format!(
            "{}\n{}{}",
            display_date(e.date),
            e.start.format("%H:%M"),
            e.end
                .map_or_else(String::new, |end| format!("–{}", end.format("%H:%M")))
        );
        let mut name = format!("{}\n{}", e.name, e.kind.label());
        if let Some(n) = e.candidates_notified {
            name.push_str(&format!("\nCandidates notified {}", display_date_time(n)));
        }
        let venue = e
            .venue
            .and_then(|v| plan.venue(v))
            .map_or_else(|| "Not set".to_owned(), |v| v.name.clone());
        t.row(vec![
            Cell::bold(name),
            Cell::new(when),
            Cell::new(venue),
            Cell::new(ctx.name(e.in_charge)),
            Cell::new(e.safety.clone()),
        ]);
    }
    flow.table(&t);
}
