//! The valid plan's events, custody arrangements, venues, allegations and key dates.

use chrono::{Duration, NaiveDate, NaiveTime};

use super::directory::Team;
use super::{at, day, poll};
use crate::model::*;

/// Fills the events, custody stages, venues, allegations and key dates of `plan`, placing each
/// custody item at its polling station.
pub(super) fn fill(plan: &mut Plan, team: &Team) {
    venues(plan, team);
    plan.events = events(plan, team);
    plan.custody.count_security = count_security(team);
    plan.custody.stages = CustodyStage::ALL
        .iter()
        .map(|&stage| StageArrangement {
            stage,
            responsible: Some(if stage < CustodyStage::ReceiptAtCount {
                team.manager
            } else {
                team.count_manager
            }),
            arrangements: format!("{stage} as the custody procedure sets out"),
        })
        .collect();
    plan.custody.printer = printer(team);
    plan.allegations = allegations(team);
    plan.key_dates.reviews = vec![
        review("Plan drafted with the SPOC", day(2, 1), None),
        review("After close of nominations", day(4, 9), Some(nominations())),
        PlanReview {
            done: false,
            ..review("Debrief after the declaration", day(5, 27), None)
        },
    ];
}

/// A printer with every assurance recorded: one announced and one unannounced visit, proofs signed
/// off, the arrangements reviewed with the police.
fn printer(team: &Team) -> BallotPrinter {
    BallotPrinter {
        name: "Lowmoor Print Ltd".to_owned(),
        contact: "Account manager, 01632 960 400".to_owned(),
        security_controls: "Swipe-card access to a caged election area; CCTV".to_owned(),
        insurance: "Public liability and professional indemnity, £5m each".to_owned(),
        visits: vec![
            MonitoringVisit {
                date: day(4, 14),
                unannounced: false,
                by: Some(team.manager),
                findings: "Proofs checked on the press".to_owned(),
            },
            MonitoringVisit {
                date: day(4, 17),
                unannounced: true,
                by: Some(team.manager),
                findings: "Cage locked; overs counted".to_owned(),
            },
        ],
        proof_signed_off: Some(day(4, 10)),
        proof_signed_off_by: Some(team.manager),
        overs_and_spoilt: "Counted, boxed and destroyed under witness".to_owned(),
        live_papers: "Live once the official mark is printed: kept in the cage".to_owned(),
        secure_delivery: "Sealed van, two staff, receipt at the store".to_owned(),
        reviewed_with_police: Some(day(3, 20)),
    }
}

/// A postal vote opening session (candidates told three days before), polling day and the count.
fn events(plan: &Plan, team: &Team) -> Vec<ElectoralEvent> {
    use EventKind::*;
    let venue = |kind| {
        let found = plan.venues.venues.iter().find(|v| v.kind == kind);
        found.expect("the valid plan has the venue").id
    };
    let (opening, count) = (
        venue(VenueKind::PostalVoteOpening),
        venue(VenueKind::CountVenue),
    );
    let next_day = poll() + Duration::days(1);
    vec![
        ElectoralEvent {
            candidates_notified: Some(at(day(4, 26), 9, 0)),
            ..event(PostalVoteOpening, day(4, 29), opening, team.manager)
        },
        event(PollingDay, poll(), count, team.ro),
        event(Count, next_day, count, team.count_manager),
    ]
}

/// An event of `kind` on `date` from 09:00 to 17:00.
fn event(kind: EventKind, date: NaiveDate, venue: VenueId, in_charge: PersonId) -> ElectoralEvent {
    let time = |h| NaiveTime::from_hms_opt(h, 0, 0).expect("a real time");
    ElectoralEvent {
        handling: crate::model::Handling::Both,
        id: ElectoralEventId::new(),
        kind,
        name: kind.label().to_owned(),
        venue: Some(venue),
        date,
        start: time(9),
        end: Some(time(17)),
        in_charge: Some(in_charge),
        safety: "Security staff on the door".to_owned(),
        candidates_notified: None,
    }
}

/// A route to the police, an evidence procedure, and one referral under investigation with its
/// evidence sealed.
fn allegations(team: &Team) -> Allegations {
    Allegations {
        referral_route: vec![
            "Staff report to the elections manager".to_owned(),
            "The elections manager refers to the SPOC the same day".to_owned(),
        ],
        evidence_procedure: vec!["Originals bagged and sealed; copies kept".to_owned()],
        police_contact: Some(team.spoc),
        referrals: vec![Referral {
            handling: crate::model::Handling::FullCopyOnly,
            id: ReferralId::new(),
            date: day(4, 12),
            summary: "Six postal vote applications in one hand".to_owned(),
            referred_by: Some(team.manager),
            police_reference: "LC-27-0412".to_owned(),
            evidence: vec![EvidenceItem {
                description: "The six application forms".to_owned(),
                seal_number: "EB 000417".to_owned(),
                custody_item: None,
            }],
            outcome: ReferralOutcome::UnderInvestigation,
            outcome_note: String::new(),
        }],
    }
}

/// One working day after the close of nominations (9 April for a poll on 6 May 2027).
fn nominations() -> MilestoneAnchor {
    MilestoneAnchor {
        milestone: Milestone::CloseOfNominations,
        working_days_after: 1,
    }
}

/// A review of the plan, held.
fn review(purpose: &str, date: NaiveDate, anchor: Option<MilestoneAnchor>) -> PlanReview {
    PlanReview {
        id: PlanReviewId::new(),
        date,
        purpose: purpose.to_owned(),
        anchor,
        attendees: Vec::new(),
        done: true,
        reminder_minutes: None,
    }
}

/// A checklist of three measures; a polling station for each ballot box in the custody log (its
/// box and papers placed there), the count venue and the postal vote opening venue, each assessed
/// with every measure that applies to it in place.
fn venues(plan: &mut Plan, team: &Team) {
    use VenueKind::*;
    let measure = |title: &str, applies_to: Vec<VenueKind>| SecurityMeasure {
        id: MeasureId::new(),
        title: title.to_owned(),
        guidance: String::new(),
        applies_to,
    };
    let checklist = vec![
        measure("Boxes attended", vec![PollingStation, CountVenue]),
        measure("Tellers kept outside", vec![PollingStation]),
        measure("Entry by pass only", vec![CountVenue, PostalVoteOpening]),
    ];
    let assessed = |kind: VenueKind| SecurityAssessment {
        handling: crate::model::Handling::FullCopyOnly,
        assessed_on: day(3, 1),
        assessed_by: Some(team.manager),
        checks: checklist
            .iter()
            .filter(|m| m.applies_to.contains(&kind))
            .map(|m| MeasureCheck {
                measure: m.id,
                status: MeasureStatus::InPlace,
                note: String::new(),
            })
            .collect(),
        summary: "No concerns".to_owned(),
    };
    let venue = |name: &str, kind: VenueKind| Venue {
        id: VenueId::new(),
        name: name.to_owned(),
        kind,
        address: format!("{name}, Lowmoor"),
        contact: Some(team.manager),
        assessment: Some(assessed(kind)),
        ..Venue::default()
    };
    let district = |item: &CustodyItem| item.label.split('/').next().unwrap_or_default().to_owned();
    let mut venues = Vec::new();
    for item in &plan.custody.items {
        if item.kind == ItemKind::BallotBox {
            venues.push(Venue {
                polling_district: district(item),
                station_number: Some(venues.len() as u32 + 1),
                ..venue(&format!("Station {}", district(item)), PollingStation)
            });
        }
    }
    for item in &mut plan.custody.items {
        let station = venues.iter().find(|v| v.polling_district == district(item));
        item.polling_station = station.map(|v| v.id);
    }
    venues.push(venue("Lowmoor Leisure Centre", CountVenue));
    venues.push(venue("Council Chamber", PostalVoteOpening));
    plan.venues = Venues { checklist, venues };
}

/// Police at the count through the night, the venue searched and signed off at 20:00 on polling day
/// (before the first box), passes and the declaration.
fn count_security(team: &Team) -> CountSecurity {
    CountSecurity {
        police: PoliceAttendance {
            decision: PoliceAttendanceDecision::Attending,
            officers: "Two officers from the neighbourhood team".to_owned(),
            contact: Some(team.spoc),
            from: Some(at(poll(), 21, 30)),
            to: Some(at(poll() + Duration::days(1), 17, 0)),
            notes: String::new(),
        },
        search: VenueSearch {
            arrangements: "Hall searched by the venue manager and the count manager".to_owned(),
            signed_off_by: Some(team.count_manager),
            signed_off_at: Some(at(poll(), 20, 0)),
        },
        passes: "Photo passes issued against the list of agents".to_owned(),
        declaration: "On the stage, candidates and agents called first".to_owned(),
    }
}
