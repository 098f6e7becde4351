//! `redact`, per kind of entity: what the redacted copy keeps, masks and leaves out, and what each
//! section says about it.

use super::*;
use crate::model::{Handling, Marking, ReferralOutcome, SecurityAssessment, Venue};
use crate::test_support::valid_plan;

fn redacted(plan: &Plan) -> Redacted {
    redact(plan, Profile::Redacted)
}

#[test]
fn the_full_copy_is_the_plan_itself() {
    let plan = valid_plan();
    let full = redact(&plan, Profile::Full);
    assert_eq!(full.plan, plan);
    assert!(!full.withheld.any());
    assert_eq!(full.withheld.note(Section::Hotspots), None);
}

#[test]
fn a_withheld_person_keeps_name_and_role_and_loses_numbers_email_and_address() {
    let mut plan = valid_plan();
    plan.people[0].handling = Handling::FullCopyOnly;
    plan.people[0].address = "1 Acacia Avenue".into();
    plan.people[1].handling = Handling::Both;
    let r = redacted(&plan);
    let (p, was) = (&r.plan.people[0], &plan.people[0]);
    assert_eq!((&p.name, p.role), (&was.name, was.role));
    assert!(p.phones.iter().all(|ph| ph.number == WITHHELD));
    assert_eq!(p.email, WITHHELD);
    assert_eq!(p.address, WITHHELD);
    assert_eq!(r.plan.people[1], plan.people[1], "marked for both copies");
    assert!(r.withheld.of(Section::People).masked >= 1);
}

#[test]
fn hotspots_marked_full_copy_only_are_left_out_and_counted() {
    let mut plan = valid_plan();
    let mut shown = plan.hotspots[0].clone();
    shown.id = crate::model::HotspotId::new();
    shown.name = "Tennyson Halls".into();
    shown.handling = Handling::Both;
    plan.hotspots.push(shown.clone());
    let r = redacted(&plan);
    assert_eq!(r.plan.hotspots, vec![shown]);
    assert_eq!(r.withheld.of(Section::Hotspots).removed, 1);
    assert_eq!(
        r.withheld.note(Section::Hotspots).as_deref(),
        Some("1 entry is withheld from this copy; the full copy holds them.")
    );
    assert!(r.withheld.removed().contains(&plan.hotspots[0].id.0));
    assert!(!r.withheld.removed().contains(&r.plan.hotspots[0].id.0));
    // Counts are a plan setting.
    plan.overview.count_withheld = false;
    assert!(
        redacted(&plan)
            .withheld
            .note(Section::Hotspots)
            .is_some_and(|n| n.starts_with("Some entries"))
    );
}

#[test]
fn a_refuge_is_withheld_whatever_its_mark_and_never_counted() {
    let mut plan = valid_plan();
    plan.hotspots[0].kind = HotspotKind::Refuge;
    plan.hotspots[0].handling = Handling::Both;
    let r = redacted(&plan);
    assert!(r.plan.hotspots.is_empty());
    assert_eq!(
        r.withheld.note(Section::Hotspots).as_deref(),
        Some("Some entries are withheld from this copy; the full copy holds them.")
    );
}

#[test]
fn referrals_are_withheld_and_only_some_are_said_to_be() {
    let mut plan = valid_plan();
    let mut shown = plan
        .allegations
        .referrals
        .first()
        .cloned()
        .unwrap_or_else(|| crate::model::Referral {
            handling: Handling::FullCopyOnly,
            id: crate::model::ReferralId::new(),
            date: plan.overview.poll_date,
            summary: "Postal votes collected by a canvasser".into(),
            referred_by: None,
            police_reference: "ND-27-000001".into(),
            evidence: Vec::new(),
            outcome: ReferralOutcome::Open,
            outcome_note: String::new(),
        });
    shown.handling = Handling::FullCopyOnly;
    plan.allegations.referrals = vec![shown.clone(), shown];
    plan.allegations.referrals[1].id = crate::model::ReferralId::new();
    let r = redacted(&plan);
    assert!(r.plan.allegations.referrals.is_empty());
    assert_eq!(
        r.withheld.note(Section::Allegations).as_deref(),
        Some("Some entries are withheld from this copy; the full copy holds them.")
    );
    // The referral route and evidence procedure stay.
    assert_eq!(
        r.plan.allegations.referral_route,
        plan.allegations.referral_route
    );
}

#[test]
fn a_venue_s_assessment_is_withheld_by_default_and_a_withheld_venue_becomes_a_placeholder() {
    let mut plan = valid_plan();
    let assessment = SecurityAssessment {
        handling: Handling::FullCopyOnly,
        assessed_on: plan.overview.poll_date,
        assessed_by: None,
        checks: Vec::new(),
        summary: "Search from 18:00; loading bay under CCTV".into(),
    };
    let open = Venue {
        handling: Handling::Both,
        name: "Leisure Centre".into(),
        address: "Lido Way".into(),
        assessment: Some(assessment.clone()),
        ..Venue::default()
    };
    let store = Venue {
        handling: Handling::FullCopyOnly,
        name: "Strongroom".into(),
        address: "Basement, 1 Market Square".into(),
        polling_district: "NA1".into(),
        assessment: Some(assessment),
        ..Venue::default()
    };
    plan.venues.venues = vec![open, store];
    let r = redacted(&plan);
    let v = &r.plan.venues.venues;
    assert_eq!(
        (v[0].name.as_str(), v[0].address.as_str()),
        ("Leisure Centre", "Lido Way")
    );
    assert_eq!(
        v[0].assessment.as_ref().map(|a| a.summary.as_str()),
        Some(WITHHELD)
    );
    assert_eq!(
        (v[1].name.as_str(), v[1].address.as_str()),
        (WITHHELD_VENUE, WITHHELD)
    );
    assert!(v[1].polling_district.is_empty() && v[1].assessment.is_none());
    assert_eq!(r.withheld.of(Section::Venues).masked, 2);
    // An assessment marked for both copies is shown.
    if let Some(a) = plan.venues.venues[0].assessment.as_mut() {
        a.handling = Handling::Both;
    }
    assert_eq!(
        redacted(&plan).plan.venues.venues[0].assessment,
        plan.venues.venues[0].assessment
    );
}

#[test]
fn entries_of_other_lists_marked_full_copy_only_are_left_out() {
    let mut plan = valid_plan();
    plan.risks[0].handling = Handling::FullCopyOnly;
    plan.escalation[0].handling = Handling::FullCopyOnly;
    plan.indicators[0].handling = Handling::FullCopyOnly;
    let r = redacted(&plan);
    assert_eq!(r.plan.risks.len(), plan.risks.len() - 1);
    assert!(r.plan.risks.iter().all(|x| x.id != plan.risks[0].id));
    assert_eq!(r.plan.escalation.len(), plan.escalation.len() - 1);
    assert_eq!(r.plan.indicators.len(), plan.indicators.len() - 1);
    assert_eq!(r.withheld.of(Section::Risks).removed, 1);
    assert_eq!(r.withheld.of(Section::Responsibilities).removed, 0);
}

#[test]
fn the_redacted_copy_carries_its_own_marking_official_unless_marked_otherwise() {
    let mut plan = valid_plan();
    plan.overview.marking = Marking::OfficialSensitive;
    assert_eq!(redacted(&plan).plan.overview.marking, Marking::Official);
    plan.overview.redacted_marking = Marking::OfficialSensitive;
    assert_eq!(
        redacted(&plan).plan.overview.marking,
        Marking::OfficialSensitive
    );
}

#[test]
fn withheld_texts_name_hotspots_addresses_first_lines_and_withheld_contacts() {
    let mut plan = valid_plan();
    plan.people[0].handling = Handling::FullCopyOnly;
    let texts: Vec<String> = withheld_texts(&plan).into_iter().map(|t| t.text).collect();
    let h = &plan.hotspots[0];
    assert!(texts.contains(&h.name));
    assert!(texts.contains(&h.address));
    let first = h.address.split(',').next().unwrap().to_owned();
    assert!(texts.contains(&first), "{texts:?}");
    assert!(texts.contains(&plan.people[0].email));
    // Nothing from the redacted plan's own placeholders.
    assert!(
        withheld_texts(&redacted(&plan).plan)
            .iter()
            .all(|t| t.text != WITHHELD)
    );
}
