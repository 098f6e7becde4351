//! The valid plan's fraud indicators, escalation ladder, risk register and hotspots.

use super::day;
use super::directory::Team;
use crate::model::*;

/// Fills the indicators, escalation, risks and hotspots of `plan`.
pub(super) fn fill(plan: &mut Plan, team: &Team) {
    let local = IndicatorKind::RegistrationsAtProperty;
    let statutory = IndicatorKind::PostalVotesHandedInByOnePerson;
    plan.indicators = vec![
        indicator(local, team, &[(4, 15, 2.0), (4, 29, 3.0)]),
        indicator(statutory, team, &[(5, 3, 2.0)]),
    ];
    plan.escalation = vec![
        level("Concern at a venue", Some(team.manager), Channel::Phone),
        EscalationLevel {
            fallback: Some(team.feoa),
            polling_day: PeriodRoute {
                name: "Polling-day control room".to_owned(),
                number: "01632 960 900".to_owned(),
                ..PeriodRoute::default()
            },
            count_night: PeriodRoute {
                contact: Some(team.count_manager),
                ..PeriodRoute::default()
            },
            ..level("Threat to a candidate", Some(team.spoc), Channel::Phone)
        },
        level("Immediate danger", None, Channel::Emergency999),
    ];
    plan.risks = vec![
        risk("Personation at the polls", team.manager, (3, 4), (2, 3)),
        risk("Disorder at the count", team.count_manager, (2, 3), (1, 3)),
    ];
    plan.hotspots = vec![Hotspot {
        handling: crate::model::Handling::FullCopyOnly,
        id: HotspotId::new(),
        name: "Riverside Court care home".to_owned(),
        kind: HotspotKind::CareHome,
        address: "14 Riverside, Lowmoor LM3 2RC".to_owned(),
        electors: 38,
        concern: "Staff may handle residents' postal votes".to_owned(),
        mitigation: "Manager briefed on the rules for handling postal votes".to_owned(),
        site_contact: "The home's manager".to_owned(),
        briefed_on: Some(day(3, 30)),
        owner: Some(team.manager),
    }];
}

/// An indicator of `kind` alerting above 4 and acting at 8, owned by the elections manager, with
/// observations (month, day, value) all below its warning level (and any legal limit).
fn indicator(kind: IndicatorKind, team: &Team, seen: &[(u32, u32, f64)]) -> FraudIndicator {
    FraudIndicator {
        handling: crate::model::Handling::Both,
        id: IndicatorId::new(),
        kind,
        name: kind.label().to_owned(),
        measure: "Count per week".to_owned(),
        direction: Direction::Above,
        warning_level: Some(4.0),
        action_level: Some(8.0),
        action: "Refer to the SPOC".to_owned(),
        owner: Some(team.manager),
        observations: seen
            .iter()
            .map(|&(month, d, value)| Observation {
                id: ObservationId::new(),
                date: day(month, d),
                value,
                note: String::new(),
                recorded_by: Some(team.officer),
            })
            .collect(),
    }
}

fn level(name: &str, contact: Option<PersonId>, channel: Channel) -> EscalationLevel {
    EscalationLevel {
        handling: crate::model::Handling::Both,
        id: EscalationLevelId::new(),
        name: name.to_owned(),
        trigger: format!("{name} reported"),
        contact,
        channel,
        respond_within_minutes: Some(30),
        actions: "Log it and tell the elections manager".to_owned(),
        ..EscalationLevel::default()
    }
}

/// An open risk scored (likelihood, impact) before and after its one mitigation (done), reviewed
/// two days before the poll and next due three weeks after it.
fn risk(title: &str, owner: PersonId, (l, i): (u8, u8), (rl, ri): (u8, u8)) -> Risk {
    let rating = |n| Rating::new(n).expect("a rating from 1 to 5");
    Risk {
        handling: crate::model::Handling::Both,
        id: RiskId::new(),
        title: title.to_owned(),
        description: String::new(),
        category: RiskCategory::Integrity,
        owner: Some(owner),
        likelihood: rating(l),
        impact: rating(i),
        mitigations: vec![Mitigation {
            id: MitigationId::new(),
            action: format!("Brief staff on {}", title.to_lowercase()),
            owner: Some(owner),
            due: Some(day(4, 30)),
            done: true,
        }],
        residual_likelihood: Some(rating(rl)),
        residual_impact: Some(rating(ri)),
        status: RiskStatus::Open,
        next_review: Some(day(5, 27)),
        reviews: vec![RiskReview {
            date: day(5, 4),
            by: Some(owner),
            reason: "Final review before the poll".to_owned(),
        }],
        venue: None,
    }
}
