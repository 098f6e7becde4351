//! The police quick reference: the page right after the cover, for the police election SPOC and the
//! FEOA. It answers the three questions a police reviewer asks of a plan at 2 a.m.: whom do I call
//! (office and out of hours), what is mine to do, and what triggers a referral — with the
//! escalation ladder and its numbers. Everything on it comes from the chapters it names.

use super::Ctx;
use crate::export::document::Face;
use crate::export::flow::{BODY, Cell, Flow, Table, colour};
use crate::model::{
    Direction, EventKind, Period, Person, PersonId, PhoneKind, Plan, PoliceAttendanceDecision, Role,
};
use crate::when::{display_date, display_date_time};

/// The title of the page, as the contents and the bookmarks list it.
pub const TITLE: &str = "Police quick reference";

/// The Returning Officer's side of the hall, in the order a police officer looks for them.
const RO_SIDE: &[Role] = &[
    Role::ReturningOfficer,
    Role::DeputyReturningOfficer,
    Role::ElectionsManager,
    Role::CountManager,
    Role::PostalVoteManager,
    Role::CommunicationsLead,
    Role::DataProtectionOfficer,
];

/// The police side.
const POLICE_SIDE: &[Role] = &[Role::PoliceSpoc, Role::Feoa, Role::OperationBridger];

/// The page: counterparts, polling day and the count, the police's own tasks, referral triggers and
/// the escalation ladder.
pub(super) fn quick_reference(ctx: &Ctx<'_>, flow: &mut Flow<'_>) {
    let plan = ctx.plan;
    flow.chapter(TITLE);
    flow.paragraph_styled(
        "For the police election SPOC and the force elected-official adviser: whom to call, what is \
         yours to do and what triggers a referral. The chapters named in brackets hold the detail.",
        Face::Regular,
        BODY,
        colour::MUTED,
        0.0,
    );
    flow.heading("The Returning Officer's team (2. People and roles)");
    contacts(ctx, flow, RO_SIDE);
    flow.heading("Police (2. People and roles)");
    contacts(ctx, flow, POLICE_SIDE);
    flow.heading(
        "Polling day and the count (11. Electoral events, 12. Ballot security and custody)",
    );
    polling_day_and_count(ctx, flow);
    flow.heading("Yours to do (3. Division of responsibilities, 15. Key dates)");
    police_tasks(plan, flow);
    flow.heading("What triggers a referral (7. Fraud monitoring, 8. Escalation)");
    triggers(plan, flow);
    flow.heading("Escalation ladder (8. Safety concerns and escalation)");
    ladder(ctx, flow);
}

/// How to reach a person in office hours: a desk line, else a mobile, else email.
fn office(p: &Person) -> String {
    let reach = p
        .first_phone(&[PhoneKind::Office, PhoneKind::Mobile])
        .map_or_else(|| p.email.clone(), str::to_owned);
    if reach.trim().is_empty() {
        "No number given".to_owned()
    } else {
        reach
    }
}

/// How to reach a person out of hours: their own out-of-hours number, else their cover's (named),
/// else their mobile.
fn out_of_hours(ctx: &Ctx<'_>, p: &Person) -> String {
    if let Some(n) = p.first_phone(&[PhoneKind::OutOfHours]) {
        return n.to_owned();
    }
    if let Some(cover) = p.out_of_hours_cover.and_then(|id| ctx.plan.person(id)) {
        let via = cover
            .first_phone(&[PhoneKind::OutOfHours, PhoneKind::Mobile])
            .map(|n| format!(": {n}"))
            .unwrap_or_default();
        return format!("{}{via}", cover.name);
    }
    match p.first_phone(&[PhoneKind::Mobile]) {
        Some(n) => format!("Mobile {n}"),
        None => "None recorded".to_owned(),
    }
}

/// A table of the people holding `roles`: role, name, office and out-of-hours contact.
fn contacts(ctx: &Ctx<'_>, flow: &mut Flow<'_>, roles: &[Role]) {
    let people: Vec<&Person> = roles
        .iter()
        .flat_map(|r| ctx.plan.people.iter().filter(move |p| p.role == *r))
        .collect();
    if people.is_empty() {
        flow.not_provided();
        return;
    }
    let mut t = Table::new(&[("Who", 4.0), ("Office hours", 2.6), ("Out of hours", 3.4)]);
    for p in people {
        let gap = |text: String| {
            if text == "None recorded" || text == "No number given" {
                Cell::new(text).coloured(colour::GAP)
            } else {
                Cell::new(text)
            }
        };
        t.row(vec![
            Cell::titled(p.name.clone(), p.role.label()),
            gap(office(p)),
            gap(out_of_hours(ctx, p)),
        ]);
    }
    flow.table(&t);
}

/// Polling day's control arrangements and the count: when, where and who is in charge.
fn polling_day_and_count(ctx: &Ctx<'_>, flow: &mut Flow<'_>) {
    let plan = ctx.plan;
    let mut rows: Vec<(&str, String)> = Vec::new();
    for (label, kind) in [
        ("Polling day", EventKind::PollingDay),
        ("Verification", EventKind::Verification),
        ("Count", EventKind::Count),
    ] {
        let Some(e) = plan.events.iter().find(|e| e.kind == kind) else {
            continue;
        };
        let venue = e
            .venue
            .and_then(|v| plan.venue(v))
            .map(|v| format!(", {}", v.name))
            .unwrap_or_default();
        let end = e
            .end
            .map(|t| format!("–{}", t.format("%H:%M")))
            .unwrap_or_default();
        let mut text = format!(
            "{} {}{end}{venue}. In charge: {}.",
            display_date(e.date),
            e.start.format("%H:%M"),
            ctx.name(e.in_charge)
        );
        if kind == EventKind::PollingDay && !e.safety.trim().is_empty() {
            text.push(' ');
            text.push_str(e.safety.trim());
        }
        rows.push((label, text));
    }
    // The polling-day control room: the first level whose polling-day route is a desk.
    if let Some((level, route)) = plan
        .escalation
        .iter()
        .map(|l| (l, &l.polling_day))
        .find(|(_, r)| !r.name.trim().is_empty())
    {
        let call = plan.escalation_call(level, Period::PollingDay);
        let number = if route.number.trim().is_empty() {
            String::new()
        } else {
            format!(": {}", route.number.trim())
        };
        let via = if call.own_route { "" } else { " (as usual)" };
        rows.push((
            "Control room",
            format!("{}{number}{via}", route.name.trim()),
        ));
    }
    let police = &plan.custody.count_security.police;
    let mut text = police.decision.label().to_owned();
    if police.decision == PoliceAttendanceDecision::Attending {
        let when = match (police.from, police.to) {
            (Some(a), Some(b)) => format!(", {} to {}", display_date_time(a), display_date_time(b)),
            (Some(a), None) => format!(", from {}", display_date_time(a)),
            _ => String::new(),
        };
        text.push_str(&when);
        if !police.officers.trim().is_empty() {
            text.push_str(&format!(": {}", police.officers.trim()));
        }
    }
    if let Some(p) = police.contact.and_then(|id| plan.person(id)) {
        text.push_str(&format!(
            ". Police contact at the count: {}, {}",
            p.name,
            office(p)
        ));
    }
    rows.push(("Police at the count", text));
    flow.key_values(&rows);
}

/// Whether a person is on the police side.
fn is_police(plan: &Plan, id: PersonId) -> bool {
    plan.person(id)
        .is_some_and(|p| POLICE_SIDE.contains(&p.role))
}

/// What each police officer leads or supports in the division of responsibilities, then the plan
/// reviews and events they attend, dated.
fn police_tasks(plan: &Plan, flow: &mut Flow<'_>) {
    let mut items: Vec<String> = Vec::new();
    for p in plan.people.iter().filter(|p| POLICE_SIDE.contains(&p.role)) {
        let leads: Vec<&str> = plan
            .responsibilities
            .iter()
            .filter(|r| r.lead == Some(p.id))
            .map(|r| r.task.as_str())
            .collect();
        let supports: Vec<&str> = plan
            .responsibilities
            .iter()
            .filter(|r| r.lead != Some(p.id) && r.support.contains(&p.id))
            .map(|r| r.task.as_str())
            .collect();
        let mut parts = Vec::new();
        if !leads.is_empty() {
            parts.push(format!("leads: {}", leads.join("; ")));
        }
        if !supports.is_empty() {
            parts.push(format!("supports: {}", supports.join("; ")));
        }
        if !parts.is_empty() {
            items.push(format!("{}: {}.", p.name, parts.join(". Also ")));
        }
    }
    let mut dated: Vec<(chrono::NaiveDate, String)> = Vec::new();
    for review in &plan.key_dates.reviews {
        if review.attendees.iter().any(|id| is_police(plan, *id)) {
            dated.push((
                review.date,
                format!("{}: {}", display_date(review.date), review.purpose),
            ));
        }
    }
    for e in &plan.events {
        if e.in_charge.is_some_and(|id| is_police(plan, id)) {
            dated.push((e.date, format!("{}: {}", display_date(e.date), e.name)));
        }
    }
    dated.sort_by_key(|(d, _)| *d);
    items.extend(dated.into_iter().map(|(_, text)| text));
    if items.is_empty() {
        flow.not_provided();
    } else {
        flow.list(&items, false);
    }
}

/// The indicators' action levels: the point at which the plan says to refer.
fn triggers(plan: &Plan, flow: &mut Flow<'_>) {
    let items: Vec<String> = plan
        .indicators
        .iter()
        .filter_map(|i| {
            let level = i.action_level?;
            let sign = match i.direction {
                Direction::Above => "≥",
                Direction::Below => "≤",
            };
            Some(format!(
                "{}: {sign} {}",
                i.name,
                crate::model::number(level)
            ))
        })
        .collect();
    if items.is_empty() {
        flow.paragraph("No indicator has an action level yet.");
    } else {
        flow.paragraph(&format!(
            "Indicators and the level at which the plan acts (the action for each is in chapter 7): \
             {}.",
            items.join("; ")
        ));
    }
}

/// The ladder: each level and its trigger, whom to call (and, if they do not answer, whom next) in
/// office hours, out of hours, on polling day and on count night, and how fast.
fn ladder(ctx: &Ctx<'_>, flow: &mut Flow<'_>) {
    let plan = ctx.plan;
    if plan.escalation.is_empty() {
        flow.not_provided();
        return;
    }
    let mut t = Table::new(&[
        ("Level and trigger", 3.2),
        ("Office hours", 2.0),
        ("Out of hours", 2.0),
        ("Polling day", 2.0),
        ("Count night", 2.0),
        ("Within", 1.2),
    ]);
    for (n, l) in plan.escalation.iter().enumerate() {
        let mut row = vec![Cell::titled(
            format!("{}. {}", n + 1, l.name),
            l.trigger.clone(),
        )];
        for period in Period::ALL {
            let call = plan.escalation_call(l, *period);
            let mut text = super::monitoring::callee(&call.first);
            if let Some(f) = &call.fallback {
                text.push_str(&format!("\nElse {}", super::monitoring::callee(f)));
            }
            row.push(Cell::new(text));
        }
        row.push(Cell::new(within(l.respond_within_minutes)));
        t.row(row);
    }
    flow.table(&t);
}

/// How quickly a level must be acted on, in words.
pub(super) fn within(minutes: Option<u32>) -> String {
    match minutes {
        None => "—".to_owned(),
        Some(0) => "At once".to_owned(),
        Some(m) if m % 60 == 0 => format!("{} h", m / 60),
        Some(m) => format!("{m} min"),
    }
}
