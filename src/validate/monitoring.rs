//! Rules for watching and responding: fraud indicators, escalation, risks and hotspots.

use super::{Context, EntityRef, Findings, Rule, named};
use crate::law::contests::{IndicatorLaw, indicator_law};
use crate::model::PersonId;
use crate::model::{
    Channel, Direction, EscalationLevel, FraudIndicator, IndicatorState, Plan, RiskLevel,
    RiskStatus, number,
};

pub(super) fn check(plan: &Plan, context: &Context, f: &mut Findings) {
    if plan.indicators.is_empty() {
        f.push(
            Rule::NoIndicators,
            "No fraud indicators are monitored",
            None,
        );
    }
    for indicator in &plan.indicators {
        fraud_indicator(plan, indicator, f);
    }
    escalation(plan, f);
    risks(plan, context, f);
    for h in &plan.hotspots {
        let entity = Some(EntityRef::Hotspot(h.id));
        if h.mitigation.trim().is_empty() {
            f.push(
                Rule::HotspotNoMitigation,
                format!("Hotspot {} has no mitigation", named(&h.name)),
                entity,
            );
        }
        if h.owner.is_none() {
            f.push(
                Rule::HotspotNoOwner,
                format!("Hotspot {} has no owner", named(&h.name)),
                entity,
            );
        }
    }
}

fn fraud_indicator(plan: &Plan, i: &FraudIndicator, f: &mut Findings) {
    let entity = Some(EntityRef::Indicator(i.id));
    let name = named(&i.name);
    if i.is_statutory() && statutory_indicator(plan, i, f) {
        return;
    }
    if i.action_level.is_none() {
        f.push(
            Rule::NoActionLevel,
            format!("Indicator {name} has no action level"),
            entity,
        );
    }
    if i.warning_level.is_none() {
        f.push(
            Rule::NoWarningLevel,
            format!("Indicator {name} has no warning level"),
            entity,
        );
    }
    if i.action.trim().is_empty() {
        f.push(
            Rule::NoActionText,
            format!("Indicator {name} does not say what to do when its action level is reached"),
            entity,
        );
    }
    if let (Some(warning), Some(action)) = (i.warning_level, i.action_level) {
        let beyond = match i.direction {
            Direction::Above => warning > action,
            Direction::Below => warning < action,
        };
        if beyond {
            f.push(
                Rule::WarningBeyondAction,
                format!(
                    "Indicator {name}: the warning level {} comes after the action level {} \
                     (alerting {} the level)",
                    number(warning),
                    number(action),
                    if i.direction == Direction::Above {
                        "above"
                    } else {
                        "below"
                    }
                ),
                entity,
            );
        }
    }
    if i.owner.is_none() {
        f.push(
            Rule::IndicatorNoOwner,
            format!("Indicator {name} has no owner"),
            entity,
        );
    }
    if let Some(latest) = i.latest() {
        match i.state(None) {
            IndicatorState::Action => f.push(
                Rule::IndicatorAtAction,
                format!(
                    "Indicator {name} is at its action level ({} on {}): {}",
                    number(latest.value),
                    latest.date,
                    if i.action.trim().is_empty() {
                        "no action is set out"
                    } else {
                        i.action.trim()
                    }
                ),
                entity,
            ),
            IndicatorState::Warning => f.push(
                Rule::IndicatorAtWarning,
                format!(
                    "Indicator {name} is at its warning level ({} on {})",
                    number(latest.value),
                    latest.date
                ),
                entity,
            ),
            IndicatorState::Clear => {}
        }
    }
}

/// A statutory limit: every observation beyond the law's number is an error, the latest at the
/// limit a warning. Returns whether the law's number judged the indicator; where the law sets no
/// number the data holds for the plan's contests, it says so and the indicator is judged by its
/// local levels.
fn statutory_indicator(plan: &Plan, i: &FraudIndicator, f: &mut Findings) -> bool {
    let entity = Some(EntityRef::Indicator(i.id));
    let name = named(&i.name);
    let Ok(law) = crate::law::law() else {
        return false;
    };
    let contests = &plan.overview.contests;
    let (limit, applies_to) = match indicator_law(law, contests, i.kind) {
        IndicatorLaw::Limit {
            limit, contests: c, ..
        } => (f64::from(limit), c),
        IndicatorLaw::NotHeld { sources, .. } => {
            f.push(
                Rule::StatutoryLimitNotHeld,
                format!(
                    "Indicator {name}: the law sets this limit for the plan's contests but the \
                     program does not hold its number ({}); set the warning and action levels from \
                     it",
                    sources.join("; ")
                ),
                entity,
            );
            return false;
        }
        IndicatorLaw::NotApplicable => {
            f.push(
                Rule::StatutoryIndicatorOutOfScope,
                format!(
                    "Indicator {name} follows a statutory limit that applies to none of the plan's \
                     contests; remove it, or make it a local indicator with its own levels"
                ),
                entity,
            );
            return false;
        }
    };
    let scope = if applies_to.len() == contests.len() {
        String::new()
    } else {
        let names: Vec<&str> = contests
            .iter()
            .filter(|c| applies_to.contains(&c.id))
            .map(|c| c.name.as_str())
            .collect();
        format!(" (the limit applies to {} only)", names.join(", "))
    };
    if i.owner.is_none() {
        f.push(
            Rule::IndicatorNoOwner,
            format!("Indicator {name} has no owner"),
            entity,
        );
    }
    for o in i.observations.iter().filter(|o| o.value > limit) {
        f.push(
            Rule::StatutoryLimitExceeded,
            format!(
                "Indicator {name}: {} recorded on {} is beyond the legal limit of {}{scope}; {}",
                number(o.value),
                o.date,
                number(limit),
                statutory_consequence(i, limit)
            ),
            entity,
        );
    }
    if let Some(latest) = i.latest().filter(|o| o.value == limit) {
        f.push(
            Rule::IndicatorAtWarning,
            format!(
                "Indicator {name} is at the legal limit of {}{scope} ({} on {}); {}",
                number(limit),
                number(latest.value),
                latest.date,
                statutory_at_limit(i)
            ),
            entity,
        );
    }
    true
}

/// What the law says happens beyond a statutory limit.
fn statutory_consequence(i: &FraudIndicator, limit: f64) -> String {
    use crate::model::IndicatorKind as K;
    let n = number(limit);
    match i.kind {
        K::PostalVotesHandedInByOnePerson => format!(
            "under reg. 82B a person may hand in their own postal voting documents and those of up \
             to {n} other electors at one election, {n} lowered by one for each proxy postal \
             ballot paper they hand in; the documents that take them past it must be rejected \
             (those accepted earlier stand); refer to the SPOC"
        ),
        K::ProxiesHeldByOnePerson => format!(
            "nobody may be appointed proxy for more than {n} electors (RPA 1983 s. 61(1A)); refer \
             to the SPOC"
        ),
        K::DomesticProxiesHeldByOnePerson => format!(
            "nobody may be appointed proxy for more than {n} domestic electors (RPA 1983 s. \
             61(1A)); refer to the SPOC"
        ),
        K::NonRelativeProxiesHeldByOnePerson => format!(
            "nobody may vote as proxy for more than {n} electors who are not close relatives; \
             refer to the SPOC"
        ),
        _ => "refer to the SPOC".to_owned(),
    }
}

/// What staff do when a person reaches a statutory limit.
fn statutory_at_limit(i: &FraudIndicator) -> &'static str {
    use crate::model::IndicatorKind as K;
    match i.kind {
        K::PostalVotesHandedInByOnePerson => {
            "any further postal voting documents of other electors from that person at this \
             election must be rejected (reg. 82B(1)(c)), and suspicion that a campaigner is \
             handling them allows rejection (reg. 82B(3); RPA 1983 s. 112A)"
        }
        _ => "a further appointment would be an offence",
    }
}

fn escalation(plan: &Plan, f: &mut Findings) {
    if plan.escalation.is_empty() {
        f.push(
            Rule::NoEscalation,
            "No escalation ladder is set out for safety concerns",
            None,
        );
        return;
    }
    for level in &plan.escalation {
        let entity = Some(EntityRef::EscalationLevel(level.id));
        contacts_without_phone(plan, level, f);
        if level.contact.is_none() && !level.uses_public_number() {
            f.push(
                Rule::EscalationNoContact,
                format!(
                    "Escalation level {} names nobody to contact",
                    named(&level.name)
                ),
                entity,
            );
        }
        if level.trigger.trim().is_empty() {
            f.push(
                Rule::EscalationNoTrigger,
                format!(
                    "Escalation level {} does not say what triggers it",
                    named(&level.name)
                ),
                entity,
            );
        }
    }
    if !plan
        .escalation
        .iter()
        .any(|l| l.channel == Channel::Emergency999)
    {
        f.push(
            Rule::NoEmergencyLevel,
            "The escalation ladder has no level for calling 999 in immediate danger",
            None,
        );
    }
}

fn risks(plan: &Plan, context: &Context, f: &mut Findings) {
    if plan.risks.is_empty() {
        f.push(Rule::NoRisks, "The risk register is empty", None);
    }
    let today = context.today;
    for r in &plan.risks {
        let entity = Some(EntityRef::Risk(r.id));
        let title = named(&r.title);
        if r.owner.is_none() {
            f.push(
                Rule::RiskNoOwner,
                format!("Risk {title} has no owner"),
                entity,
            );
        }
        match r.residual_score() {
            Some(residual) if residual > r.score() => f.push(
                Rule::ResidualAboveInherent,
                format!(
                    "Risk {title}: the residual score {residual} is higher than the inherent score \
                     {}",
                    r.score()
                ),
                entity,
            ),
            None if r.status != RiskStatus::Closed => f.push(
                Rule::ResidualNotAssessed,
                format!(
                    "Risk {title} has no residual likelihood and impact: assess them once its \
                     mitigations are set"
                ),
                entity,
            ),
            _ => {}
        }
        if r.status == RiskStatus::Closed {
            continue;
        }
        match r.next_review {
            None => f.push(
                Rule::RiskNoReviewDate,
                format!("Risk {title} has no next review date"),
                entity,
            ),
            Some(date) if date < today => f.push(
                Rule::RiskReviewOverdue,
                format!(
                    "Risk {title} was due for review on {date} ({} days ago)",
                    (today - date).num_days()
                ),
                entity,
            ),
            Some(date) => {
                let from = r
                    .reviews
                    .iter()
                    .map(|rv| rv.date)
                    .max()
                    .map_or(today, |last| last.max(today));
                let interval = r.residual_level().review_interval_days();
                if (date - from).num_days() > interval {
                    f.push(
                        Rule::RiskReviewTooFar,
                        format!(
                            "Risk {title} is {} after mitigation, to be reviewed at least every \
                             {interval} days, but its next review is {date}",
                            r.residual_level().label().to_lowercase()
                        ),
                        entity,
                    );
                }
            }
        }
        if r.level() >= RiskLevel::High && r.mitigations.is_empty() {
            f.push(
                Rule::RiskNoMitigation,
                format!(
                    "Risk {title} is {} but has no mitigation",
                    r.level().label().to_lowercase()
                ),
                entity,
            );
        }
        for m in &r.mitigations {
            if m.owner.is_none() {
                f.push(
                    Rule::MitigationNoOwner,
                    format!("Risk {title}: mitigation {} has no owner", named(&m.action)),
                    entity,
                );
            }
            if let Some(due) = m.due.filter(|&due| !m.done && due < today) {
                f.push(
                    Rule::MitigationOverdue,
                    format!(
                        "Risk {title}: mitigation {} was due on {due} and is not done",
                        named(&m.action)
                    ),
                    entity,
                );
            }
        }
    }
}

/// A person the ladder tells someone to ring must have a number to ring: the level's contact, its
/// fallback and any period contact whose route gives no number of its own. (A person with no way of
/// contact at all is also reported under People, `people.no-contact-method`.)
fn contacts_without_phone(plan: &Plan, level: &EscalationLevel, f: &mut Findings) {
    let entity = Some(EntityRef::EscalationLevel(level.id));
    let routes = [
        ("out-of-hours contact", &level.out_of_hours),
        ("polling-day contact", &level.polling_day),
        ("count-night contact", &level.count_night),
    ];
    let mut called: Vec<(&str, PersonId)> = Vec::new();
    called.extend(level.contact.map(|id| ("contact", id)));
    called.extend(level.fallback.map(|id| ("fallback", id)));
    for (what, route) in routes {
        if route.number.trim().is_empty()
            && let Some(id) = route.contact
        {
            called.push((what, id));
        }
    }
    let mut seen: Vec<PersonId> = Vec::new();
    for (what, id) in called {
        let Some(person) = plan.person(id) else {
            continue;
        };
        if person.has_phone() || seen.contains(&id) {
            continue;
        }
        seen.push(id);
        f.push(
            Rule::EscalationContactNoPhone,
            format!(
                "Escalation level {}: its {what} {} has no telephone number; add one in People \
                 and roles",
                named(&level.name),
                person.name
            ),
            entity,
        );
    }
}
