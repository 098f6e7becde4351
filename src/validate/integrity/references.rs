//! Dangling references: a person, or another entity, named by an id the plan does not hold.

// Ids are random: the quick hash is as good as any for them.
use rustc_hash::FxHashSet as HashSet;

use uuid::Uuid;

use super::definitions::Definition;
use crate::model::{PersonId, Plan, Section};
use crate::validate::{EntityRef, Findings, Rule, named};

/// References to people and to other entities that name nothing in the plan.
pub(super) fn dangling_references(
    plan: &Plan,
    definitions: &[Definition<'_>],
    findings: &mut Findings,
) {
    let people: HashSet<PersonId> = plan.people.iter().map(|p| p.id).collect();
    let known: HashSet<(&str, Uuid)> = definitions.iter().map(|d| (d.kind, d.id)).collect();
    let mut report = |section: Section,
                      entity: Option<EntityRef>,
                      owner: &str,
                      field: &str,
                      kind: &str,
                      id: Uuid| {
        findings.push_in(
            section,
            Rule::DanglingReference,
            format!(
                "{owner}: {field} refers to a {kind} that is not in the plan ({id}); choose one \
                 that exists"
            ),
            entity,
        );
    };
    let mut person = |section, entity, owner: &str, field: &str, id: Option<PersonId>| {
        if let Some(id) = id.filter(|id| !people.contains(id)) {
            report(section, entity, owner, field, "person", id.0);
        }
    };

    let o = &plan.overview;
    person(
        Section::Overview,
        None,
        "Overview",
        "the Returning Officer",
        o.returning_officer,
    );
    for &d in &o.deputies {
        person(
            Section::Overview,
            None,
            "Overview",
            "a deputy Returning Officer",
            Some(d),
        );
    }
    for c in &o.contests {
        person(
            Section::Overview,
            Some(EntityRef::Contest(c.id)),
            &format!("Contest \u{201c}{}\u{201d}", c.name),
            "its officer",
            c.officer_person,
        );
    }
    for s in &o.sign_offs {
        person(
            Section::Overview,
            Some(EntityRef::SignOff(s.role)),
            s.role.label(),
            "the person agreeing",
            s.person,
        );
    }
    for p in &plan.people {
        let name = format!("Person {}", named(&p.name));
        person(
            Section::People,
            Some(EntityRef::Person(p.id)),
            &name,
            "out-of-hours cover",
            p.out_of_hours_cover,
        );
    }
    for r in &plan.responsibilities {
        let (e, name) = (
            Some(EntityRef::Responsibility(r.id)),
            format!("Task {}", named(&r.task)),
        );
        person(Section::Responsibilities, e, &name, "the lead", r.lead);
        for &s in &r.support {
            person(Section::Responsibilities, e, &name, "a supporter", Some(s));
        }
        for &i in &r.informed {
            person(
                Section::Responsibilities,
                e,
                &name,
                "a person informed",
                Some(i),
            );
        }
    }
    for l in &plan.communication {
        let (e, name) = (
            Some(EntityRef::CommunicationLine(l.id)),
            format!("Line {}", named(&l.subject)),
        );
        person(Section::Communication, e, &name, "the sender", l.from);
        person(Section::Communication, e, &name, "the recipient", l.to);
    }
    for m in &plan.stakeholder_messages {
        let name = format!("Message {}", named(&m.message));
        person(
            Section::Stakeholders,
            Some(EntityRef::StakeholderMessage(m.id)),
            &name,
            "the owner",
            m.owner,
        );
    }
    person(
        Section::CandidateData,
        None,
        "Candidate data sharing",
        "the recipient",
        plan.candidate_data.recipient,
    );
    for t in &plan.candidate_data.transfers {
        let name = format!("The transfer of {}", t.date);
        let e = Some(EntityRef::DataTransfer(t.id));
        person(
            Section::CandidateData,
            e,
            &name,
            "the recipient",
            t.recipient,
        );
        person(Section::CandidateData, e, &name, "the sender", t.sent_by);
    }
    for i in &plan.indicators {
        let (e, name) = (
            Some(EntityRef::Indicator(i.id)),
            format!("Indicator {}", named(&i.name)),
        );
        person(Section::Fraud, e, &name, "the owner", i.owner);
        for ob in &i.observations {
            person(
                Section::Fraud,
                e,
                &name,
                &format!("the recorder of the {} observation", ob.date),
                ob.recorded_by,
            );
        }
    }
    for l in &plan.escalation {
        let name = format!("Escalation level {}", named(&l.name));
        person(
            Section::Escalation,
            Some(EntityRef::EscalationLevel(l.id)),
            &name,
            "the contact",
            l.contact,
        );
        let e = Some(EntityRef::EscalationLevel(l.id));
        person(Section::Escalation, e, &name, "the fallback", l.fallback);
        let routes = [
            ("the out-of-hours contact", l.out_of_hours.contact),
            ("the polling-day contact", l.polling_day.contact),
            ("the count-night contact", l.count_night.contact),
        ];
        for (what, id) in routes {
            person(Section::Escalation, e, &name, what, id);
        }
        for &i in &l.also_inform {
            person(Section::Escalation, e, &name, "a person informed", Some(i));
        }
    }
    for r in &plan.risks {
        let (e, name) = (
            Some(EntityRef::Risk(r.id)),
            format!("Risk {}", named(&r.title)),
        );
        person(Section::Risks, e, &name, "the owner", r.owner);
        for m in &r.mitigations {
            person(
                Section::Risks,
                e,
                &name,
                &format!("the owner of mitigation {}", named(&m.action)),
                m.owner,
            );
        }
        for rv in &r.reviews {
            person(
                Section::Risks,
                e,
                &name,
                &format!("the reviewer on {}", rv.date),
                rv.by,
            );
        }
    }
    for h in &plan.hotspots {
        let name = format!("Hotspot {}", named(&h.name));
        person(
            Section::Hotspots,
            Some(EntityRef::Hotspot(h.id)),
            &name,
            "the owner",
            h.owner,
        );
    }
    for ev in &plan.events {
        let name = format!("Event {}", named(&ev.name));
        person(
            Section::Events,
            Some(EntityRef::ElectoralEvent(ev.id)),
            &name,
            "the person in charge",
            ev.in_charge,
        );
    }
    for s in &plan.custody.stages {
        let name = format!("Custody stage {}", s.stage.label());
        person(
            Section::Custody,
            Some(EntityRef::CustodyStage(s.stage)),
            &name,
            "the person responsible",
            s.responsible,
        );
    }
    let security = &plan.custody.count_security;
    let name = "Count security";
    let police = security.police.contact;
    person(Section::Custody, None, name, "the police contact", police);
    let signed = security.search.signed_off_by;
    person(
        Section::Custody,
        None,
        name,
        "who signed off the search",
        signed,
    );
    for v in &plan.venues.venues {
        let (e, name) = (
            Some(EntityRef::Venue(v.id)),
            format!("Venue {}", named(&v.name)),
        );
        person(Section::Venues, e, &name, "the venue contact", v.contact);
        if let Some(a) = &v.assessment {
            person(Section::Venues, e, &name, "the assessor", a.assessed_by);
        }
    }
    let a = &plan.allegations;
    person(
        Section::Allegations,
        None,
        "Allegations",
        "the police contact",
        a.police_contact,
    );
    for r in &a.referrals {
        let name = format!("Referral of {}", r.date);
        person(
            Section::Allegations,
            Some(EntityRef::Referral(r.id)),
            &name,
            "the referrer",
            r.referred_by,
        );
    }
    for r in &plan.key_dates.reviews {
        let name = format!("Review {}", named(&r.purpose));
        for &p in &r.attendees {
            person(
                Section::KeyDates,
                Some(EntityRef::PlanReview(r.id)),
                &name,
                "an attendee",
                Some(p),
            );
        }
    }

    // References to entities other than people.
    let mut other =
        |section, entity, owner: &str, field: &str, kind: &'static str, id: Option<Uuid>| {
            if let Some(id) = id.filter(|id| !known.contains(&(kind, *id))) {
                report(section, entity, owner, field, kind, id);
            }
        };
    for s in &plan.overview.sign_offs {
        for a in s.agreement.iter().chain(&s.superseded) {
            other(
                Section::Overview,
                Some(EntityRef::SignOff(s.role)),
                &format!("The {}'s agreement of {}", s.role.label(), a.date),
                "the copy it approves",
                "recorded copy",
                a.copy.map(|c| c.0),
            );
        }
    }
    for t in &plan.candidate_data.transfers {
        let name = format!("The transfer of {}", t.date);
        for c in &t.candidates {
            other(
                Section::CandidateData,
                Some(EntityRef::DataTransfer(t.id)),
                &name,
                "a candidate",
                "candidate",
                Some(c.0),
            );
        }
    }
    for c in &plan.candidate_data.candidates {
        let name = format!("Candidate {}", named(&c.name));
        other(
            Section::CandidateData,
            Some(EntityRef::Candidate(c.id)),
            &name,
            "the contest",
            "contest",
            c.contest.map(|i| i.0),
        );
    }
    for l in &plan.communication {
        let name = format!("Line {}", named(&l.subject));
        let e = Some(EntityRef::CommunicationLine(l.id));
        other(
            Section::Communication,
            e,
            &name,
            "escalates to",
            "escalation level",
            l.escalates_to.map(|i| i.0),
        );
    }
    for r in &plan.risks {
        other(
            Section::Risks,
            Some(EntityRef::Risk(r.id)),
            &format!("Risk {}", named(&r.title)),
            "the venue",
            "venue",
            r.venue.map(|i| i.0),
        );
    }
    for ev in &plan.events {
        let name = format!("Event {}", named(&ev.name));
        other(
            Section::Events,
            Some(EntityRef::ElectoralEvent(ev.id)),
            &name,
            "the venue",
            "venue",
            ev.venue.map(|i| i.0),
        );
    }
    for i in &plan.custody.items {
        let name = format!("Custody item {}", named(&i.label));
        let e = Some(EntityRef::CustodyItem(i.id));
        other(
            Section::Custody,
            e,
            &name,
            "the polling station",
            "venue",
            i.polling_station.map(|i| i.0),
        );
    }
    for ev in &plan.custody.events {
        let name = format!("Custody event {} #{}", ev.log, ev.seq);
        let e = Some(EntityRef::CustodyEvent(ev.id));
        other(
            Section::Custody,
            e,
            &name,
            "the item",
            "custody item",
            Some(ev.item.0),
        );
        other(
            Section::Custody,
            e,
            &name,
            "the corrected event",
            "custody event",
            ev.corrects.map(|i| i.0),
        );
    }
    for v in &plan.venues.venues {
        let name = format!("Venue {}", named(&v.name));
        for c in v.assessment.iter().flat_map(|a| &a.checks) {
            other(
                Section::Venues,
                Some(EntityRef::Venue(v.id)),
                &name,
                "an assessed measure",
                "checklist measure",
                Some(c.measure.0),
            );
        }
    }
    for r in &a.referrals {
        let name = format!("Referral of {}", r.date);
        for ev in &r.evidence {
            let field = format!("evidence {}", named(&ev.description));
            other(
                Section::Allegations,
                Some(EntityRef::Referral(r.id)),
                &name,
                &field,
                "custody item",
                ev.custody_item.map(|i| i.0),
            );
        }
    }
}
