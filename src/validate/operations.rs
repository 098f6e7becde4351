//! Rules for running the election: events, custody arrangements, venues, allegations and key dates.

use chrono::Duration;

use super::{Context, EntityRef, Findings, Rule, named};
use crate::model::{
    CustodyStage, EventKind, MeasureStatus, Plan, PoliceAttendanceDecision, Section, VenueKind,
};
use crate::timetable;

pub(super) fn check(plan: &Plan, context: &Context, f: &mut Findings) {
    events(plan, f);
    custody(plan, context, f);
    venues(plan, f);
    allegations(plan, context, f);
    key_dates(plan, context, f);
}

fn events(plan: &Plan, f: &mut Findings) {
    if !plan.events.iter().any(|e| e.kind == EventKind::Count) {
        f.push(
            Rule::NoCountEvent,
            "No count is planned among the electoral events",
            None,
        );
    }
    for e in &plan.events {
        let entity = Some(EntityRef::ElectoralEvent(e.id));
        let name = named(&e.name);
        if e.in_charge.is_none() {
            f.push(
                Rule::EventNoOneInCharge,
                format!("Event {name} on {} has nobody in charge", e.date),
                entity,
            );
        }
        if e.venue.is_none() {
            f.push(
                Rule::EventNoVenue,
                format!("Event {name} on {} has no venue", e.date),
                entity,
            );
        }
        if e.kind == EventKind::PostalVoteOpening {
            match e.candidates_notified {
                None => f.push(
                    Rule::OpeningNoticeMissing,
                    format!(
                        "Postal vote opening {name} on {}: when candidates were notified is not \
                         recorded",
                        e.date
                    ),
                    entity,
                ),
                Some(notified) if e.starts_at() - notified < Duration::hours(48) => f.push(
                    Rule::OpeningNoticeShort,
                    format!(
                        "Postal vote opening {name} starts {} but candidates were notified only on \
                         {}, less than 48 hours before",
                        e.starts_at().format("%Y-%m-%d %H:%M"),
                        notified.format("%Y-%m-%d %H:%M")
                    ),
                    entity,
                ),
                Some(_) => {}
            }
        }
    }
}

/// The count's security: police attendance stated either way, the venue search signed off, and
/// signed off before the first box can be at the count ([`Plan::first_arrival_at_count`]).
fn count_security(plan: &Plan, f: &mut Findings) {
    let security = &plan.custody.count_security;
    let has_count = plan.events.iter().any(|e| e.kind == EventKind::Count);
    if !has_count && security.is_empty() {
        return;
    }
    if security.police.decision == PoliceAttendanceDecision::Undecided {
        f.push(
            Rule::CountPoliceUndecided,
            "Police attendance at the count is not yet agreed: record who attends and when, or \
             that the police do not attend and are called if needed (Custody, Count security)",
            None,
        );
    }
    let search = &security.search;
    let Some(signed_at) = search
        .signed_off_at
        .filter(|_| search.signed_off_by.is_some())
    else {
        f.push(
            Rule::CountSearchNotSignedOff,
            "The search of the count venue has no sign-off: record who signed it off and when \
             (Custody, Count security)",
            None,
        );
        return;
    };
    if let Some(first) = plan.first_arrival_at_count()
        && signed_at >= first.at
    {
        f.push(
            Rule::CountSearchLate,
            format!(
                "The search of the count venue was signed off at {}, not before {} at {}: the \
                 venue must be searched and signed off before the first box arrives",
                signed_at.format("%Y-%m-%d %H:%M"),
                first.what,
                first.at.format("%Y-%m-%d %H:%M"),
            ),
            None,
        );
    }
}

fn custody(plan: &Plan, context: &Context, f: &mut Findings) {
    count_security(plan, f);
    let c = &plan.custody;
    for a in crate::custody::anomalies(c, context.now) {
        use crate::custody::AnomalyKind as K;
        let rule = match a.kind {
            K::ChainBroken => Rule::ChainBroken,
            K::HandoverGap => Rule::HandoverGap,
            K::SealMismatch => Rule::SealMismatch,
            K::UnexpectedSeal => Rule::UnexpectedSeal,
            K::SealBroken => Rule::SealBroken,
            K::StageBackwards => Rule::StageBackwards,
            K::StageNotInJourney => Rule::StageNotInJourney,
            K::CourtOnlyPacketOpened => Rule::CourtOnlyPacketOpened,
            K::OutOfTimeOrder => Rule::OutOfTimeOrder,
            K::NotReceived => Rule::NotReceived,
            K::BookRangeOverlap => Rule::BookRangeOverlap,
            K::BookRangeInvalid => Rule::BookRangeInvalid,
        };
        let entity = a
            .event
            .map(EntityRef::CustodyEvent)
            .or(a.item.map(EntityRef::CustodyItem));
        f.push(rule, a.message, entity);
    }
    for unreached in crate::custody::anchors::unreached(c) {
        f.push(Rule::Truncated, unreached.to_string(), None);
    }
    if let Some(reference) = &context.reference {
        use crate::custody::anchors::{Shortfall, check_reference, short};
        for (head, shortfall) in check_reference(c, &reference.heads) {
            let why = match shortfall {
                Shortfall::Truncated { now_ends_at: 0 } => "the log has no events now".to_owned(),
                Shortfall::Truncated { now_ends_at } => {
                    format!("the log now ends at #{now_ends_at}: events were removed")
                }
                Shortfall::Diverged => {
                    "the event there now is a different one: the log was rewritten".to_owned()
                }
            };
            f.push(
                Rule::ReferenceNotReached,
                format!(
                    "Custody log \u{201c}{}\u{201d} no longer reaches #{} ({}) recorded in {}: \
                     {why}",
                    head.log,
                    head.seq,
                    short(&head.hash),
                    reference.name
                ),
                None,
            );
        }
    }
    for e in &c.events {
        if let Some(why) = crate::custody::window::outside(e.stage, e.at, plan.overview.poll_date) {
            f.push(
                Rule::OutsideWindow,
                format!("Custody event {} #{}: {why}", e.log, e.seq),
                Some(EntityRef::CustodyEvent(e.id)),
            );
        }
    }
    for (log, devices) in crate::custody::merge::shared_logs(c) {
        f.push(
            Rule::SharedLog,
            format!(
                "Custody log \u{201c}{log}\u{201d} was written on {} machines ({}); one log has \
                 one writer, so give each laptop or desk its own log",
                devices.len(),
                devices.join(", ")
            ),
            None,
        );
    }
    for stage in CustodyStage::ALL {
        match c.stages.iter().find(|s| s.stage == *stage) {
            None => f.push(
                Rule::StageMissing,
                format!(
                    "The custody arrangements do not cover the stage \u{201c}{}\u{201d}",
                    stage.label()
                ),
                Some(EntityRef::CustodyStage(*stage)),
            ),
            Some(s) if s.responsible.is_none() => f.push(
                Rule::StageUnassigned,
                format!(
                    "Nobody is responsible for the custody stage \u{201c}{}\u{201d}",
                    stage.label()
                ),
                Some(EntityRef::CustodyStage(*stage)),
            ),
            Some(_) => {}
        }
    }
    printer(plan, f);
    if c.count_receipt_deadline.is_none() && c.items.iter().any(|i| i.expected_at_count) {
        f.push(
            Rule::NoReceiptDeadline,
            "Items are expected at the count but no time is set by which they should arrive",
            None,
        );
    }
}

/// The questions a reviewer asks about the ballot paper printer. The Electoral Commission asks that
/// the project plan include a review of ballot paper security with the local police (Guidance for
/// (Acting) Returning Officers administering a UK Parliamentary election in Great Britain,
/// "Making plans to ensure the security of papers").
fn printer(plan: &Plan, f: &mut Findings) {
    let p = &plan.custody.printer;
    if p.name.trim().is_empty() {
        f.push(
            Rule::NoPrinter,
            "No ballot paper printer is recorded: name the supplier and the assurance held on it \
             (section 12, Printer)",
            None,
        );
        return;
    }
    let name = named(&p.name);
    let missing: Vec<&str> = [
        ("security controls", &p.security_controls),
        ("insurance", &p.insurance),
        ("overs and spoilt papers", &p.overs_and_spoilt),
        (
            "live papers once the official mark is printed",
            &p.live_papers,
        ),
        ("secure delivery", &p.secure_delivery),
    ]
    .into_iter()
    .filter(|(_, v)| v.trim().is_empty())
    .map(|(what, _)| what)
    .collect();
    if !missing.is_empty() {
        f.push(
            Rule::PrinterAssuranceMissing,
            format!("The printer {name}: not recorded: {}", missing.join(", ")),
            None,
        );
    }
    if p.visits.is_empty() {
        f.push(
            Rule::PrinterNoVisit,
            format!("No monitoring visit to the printer {name} is recorded"),
            None,
        );
    } else if !p.visits.iter().any(|v| v.unannounced) {
        f.push(
            Rule::PrinterNoVisit,
            format!(
                "The {} monitoring visit{} to the printer {name} {} announced; none was \
                 unannounced",
                p.visits.len(),
                if p.visits.len() == 1 { "" } else { "s" },
                if p.visits.len() == 1 {
                    "was"
                } else {
                    "were all"
                }
            ),
            None,
        );
    }
    match (p.proof_signed_off, p.proof_signed_off_by) {
        (None, _) => f.push(
            Rule::PrinterNoProofSignOff,
            format!("No sign-off of the final proofs from the printer {name} is recorded"),
            None,
        ),
        (Some(date), None) => f.push(
            Rule::PrinterNoProofSignOff,
            format!(
                "The proofs from the printer {name} were signed off on {date}, by nobody named"
            ),
            None,
        ),
        (Some(_), Some(_)) => {}
    }
    if p.reviewed_with_police.is_none() {
        f.push(
            Rule::PrinterNotReviewed,
            "Ballot paper security (the printer, delivery and storage) has not been reviewed with \
             the police",
            None,
        );
    }
}

fn venues(plan: &Plan, f: &mut Findings) {
    let v = &plan.venues;
    if v.checklist.is_empty() {
        f.push(
            Rule::ChecklistEmpty,
            "There is no venue security checklist",
            None,
        );
    }
    if !v.venues.iter().any(|v| v.kind == VenueKind::PollingStation) {
        f.push(
            Rule::NoPollingStations,
            "No polling stations are listed",
            None,
        );
    }
    if !v.venues.iter().any(|v| v.kind == VenueKind::CountVenue) {
        f.push(Rule::NoCountVenue, "No count venue is named", None);
    }
    for venue in &v.venues {
        let entity = Some(EntityRef::Venue(venue.id));
        let name = named(&venue.name);
        let Some(assessment) = &venue.assessment else {
            if venue.kind == VenueKind::CountVenue {
                f.push(
                    Rule::CountVenueNotAssessed,
                    format!("The count venue {name} has never been assessed for security"),
                    entity,
                );
            } else {
                f.push(
                    Rule::VenueNotAssessed,
                    format!("{} {name} has never been assessed for security", venue.kind),
                    entity,
                );
            }
            continue;
        };
        let missing: Vec<&str> = v
            .checklist
            .iter()
            .filter(|m| {
                m.applies_to.contains(&venue.kind)
                    && !assessment.checks.iter().any(|c| c.measure == m.id)
            })
            .map(|m| m.title.as_str())
            .collect();
        if !missing.is_empty() {
            f.push(
                Rule::MeasureNotConsidered,
                format!(
                    "The assessment of {name} does not consider: {}",
                    missing.join("; ")
                ),
                entity,
            );
        }
        for check in assessment
            .checks
            .iter()
            .filter(|c| c.status == MeasureStatus::NotInPlace)
        {
            let title = v
                .checklist
                .iter()
                .find(|m| m.id == check.measure)
                .map_or("(unknown measure)", |m| m.title.as_str());
            f.push(
                Rule::MeasureNotInPlace,
                format!("{name}: \u{201c}{title}\u{201d} is not in place"),
                entity,
            );
        }
    }
}

fn allegations(plan: &Plan, context: &Context, f: &mut Findings) {
    let a = &plan.allegations;
    if a.referral_route.iter().all(|s| s.trim().is_empty()) {
        f.push(
            Rule::NoReferralRoute,
            "The route for referring allegations to the police is not set out",
            None,
        );
    }
    if a.evidence_procedure.iter().all(|s| s.trim().is_empty()) {
        f.push(
            Rule::NoEvidenceProcedure,
            "The procedure for preserving evidence is not set out",
            None,
        );
    }
    for r in &a.referrals {
        let entity = Some(EntityRef::Referral(r.id));
        if r.police_reference.trim().is_empty() {
            f.push(
                Rule::ReferralNoReference,
                format!("The referral of {} has no police reference", r.date),
                entity,
            );
        }
        for e in r
            .evidence
            .iter()
            .filter(|e| e.seal_number.trim().is_empty())
        {
            f.push(
                Rule::EvidenceNoSeal,
                format!(
                    "The referral of {}: evidence {} has no seal or bag number",
                    r.date,
                    named(&e.description)
                ),
                entity,
            );
        }
        let age = (context.today - r.date).num_days();
        if r.outcome.is_pending() && age >= 300 {
            f.push(
                Rule::ReferralTimeLimit,
                format!(
                    "The referral of {} is still {} after {age} days; a prosecution must begin \
                     within 1 year of the offence (extendable to 2)",
                    r.date,
                    r.outcome.label().to_lowercase()
                ),
                entity,
            );
        }
    }
}

fn key_dates(plan: &Plan, context: &Context, f: &mut Findings) {
    let o = &plan.overview;
    let request = timetable::Request::for_plan(plan);
    let computed = timetable::compute(&request).and_then(|t| {
        timetable::holidays()
            .and_then(|h| timetable::election_calendar(&request, h))
            .map(|c| (t, c))
    });
    match computed {
        Err(e) => f.push(
            Rule::TimetableUnknown,
            format!("The statutory timetable cannot be computed: {e}"),
            None,
        ),
        Ok((t, calendar)) => {
            if let Some(recorded) = &o.timetable_rules
                && *recorded != t.rules.key
            {
                f.push(
                    Rule::RulesChanged,
                    format!(
                        "The key dates were computed under the rules {recorded}, but a poll on {} \
                         falls under {} ({}): place the reviews against the timetable again",
                        o.poll_date,
                        t.rules.key,
                        t.rules.instruments.join("; ")
                    ),
                    None,
                );
            }
            if let Some(why @ crate::law::calendar::Disregarded::BankHoliday(_)) =
                calendar.disregards(o.poll_date)
            {
                f.push_in(
                    Section::Overview,
                    Rule::PollOnBankHoliday,
                    format!("Polling day {} is a bank holiday: {why}", o.poll_date),
                    None,
                );
            }
            for r in &plan.key_dates.reviews {
                let Some(anchor) = r.anchor else { continue };
                let Some(base) = t.date_of(anchor.milestone) else {
                    f.push(
                        Rule::ReviewOffTimetable,
                        format!(
                            "The review {} is placed against {}, which this election does not have",
                            named(&r.purpose),
                            anchor.milestone.label()
                        ),
                        Some(EntityRef::PlanReview(r.id)),
                    );
                    continue;
                };
                if let Ok(expected) =
                    calendar.add_working_days(base, i64::from(anchor.working_days_after))
                    && expected != r.date
                {
                    f.push(
                        Rule::ReviewOffTimetable,
                        format!(
                            "The review {} is dated {} but {} working day(s) from {} ({}) is \
                             {expected}",
                            named(&r.purpose),
                            r.date,
                            anchor.working_days_after,
                            anchor.milestone.label().to_lowercase(),
                            base
                        ),
                        Some(EntityRef::PlanReview(r.id)),
                    );
                }
            }
        }
    }
    let reviews = &plan.key_dates.reviews;
    if reviews.is_empty() {
        f.push(
            Rule::NoPlanReviews,
            "No reviews of the plan are scheduled",
            None,
        );
    }
    for r in reviews.iter().filter(|r| !r.done && r.date < context.today) {
        f.push(
            Rule::PlanReviewOverdue,
            format!(
                "The review {} was due on {} and is not marked as held",
                named(&r.purpose),
                r.date
            ),
            Some(EntityRef::PlanReview(r.id)),
        );
    }
}
