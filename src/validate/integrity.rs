//! Plan-wide integrity: every id unique, every reference resolving, every date within bounds.

use std::collections::{HashMap, HashSet};

use uuid::Uuid;

use super::{EntityRef, Findings, Rule, named};
use crate::model::{PersonId, Plan, Section};

pub(super) fn check(plan: &Plan, findings: &mut Findings) {
    let definitions = definitions(plan);
    duplicate_ids(&definitions, findings);
    dangling_references(plan, &definitions, findings);
    dates_in_range(plan, findings);
}

/// The section a field of the plan file belongs to, from the first step of its path.
fn section_of_field(path: &str) -> Section {
    match path.split(['.', '[']).next().unwrap_or("") {
        "people" => Section::People,
        "responsibilities" => Section::Responsibilities,
        "communication" => Section::Communication,
        "stakeholder_messages" => Section::Stakeholders,
        "candidate_data" => Section::CandidateData,
        "indicators" => Section::Fraud,
        "escalation" => Section::Escalation,
        "risks" => Section::Risks,
        "hotspots" => Section::Hotspots,
        "events" => Section::Events,
        "custody" => Section::Custody,
        "venues" => Section::Venues,
        "allegations" => Section::Allegations,
        "key_dates" => Section::KeyDates,
        _ => Section::Overview,
    }
}

/// Dates outside the years a plan can concern (a typing slip such as +20227), named by their field.
fn dates_in_range(plan: &Plan, findings: &mut Findings) {
    use crate::model::limits::{self, BreachKind};
    for breach in limits::check(plan) {
        if let BreachKind::DateOutOfRange { .. } = breach.kind {
            findings.push_in(
                section_of_field(&breach.field),
                Rule::DateOutOfRange,
                format!("The date in {breach}"),
                None,
            );
        }
    }
}

/// How to name an entity in a message, worked out only when a message needs it (a large plan
/// defines tens of thousands of entities, and almost never two with one id).
enum Name<'a> {
    /// A kind of thing and its title, e.g. risk “Personation at polling stations”.
    Titled(&'static str, &'a str),
    /// A custody event by its log and position.
    Event(&'a str, u64),
    /// A referral by its date.
    Referral(chrono::NaiveDate),
    /// A candidate data transfer by its date.
    Transfer(chrono::NaiveDate),
}

impl Name<'_> {
    fn describe(&self) -> String {
        match self {
            Name::Titled(kind, title) => format!("{kind} {}", named(title)),
            Name::Event(log, seq) => format!("custody event {log} #{seq}"),
            Name::Referral(date) => format!("referral of {date}"),
            Name::Transfer(date) => format!("candidate data transfer of {date}"),
        }
    }
}

/// Where an entity is defined.
struct Definition<'a> {
    id: Uuid,
    kind: &'static str,
    section: Section,
    entity: Option<EntityRef>,
    name: Name<'a>,
}

/// Every definition of an entity, with where it is and how to name it.
fn definitions<'a>(plan: &'a Plan) -> Vec<Definition<'a>> {
    let mut defs = Vec::new();
    let mut add = |id: Uuid, kind, section, entity, name: Name<'a>| {
        defs.push(Definition {
            id,
            kind,
            section,
            entity,
            name,
        });
    };
    for c in &plan.overview.contests {
        add(
            c.id.0,
            "contest",
            Section::Overview,
            Some(EntityRef::Contest(c.id)),
            Name::Titled("contest", &c.name),
        );
    }
    for p in &plan.people {
        add(
            p.id.0,
            "person",
            Section::People,
            Some(EntityRef::Person(p.id)),
            Name::Titled("person", &p.name),
        );
    }
    for r in &plan.responsibilities {
        add(
            r.id.0,
            "task",
            Section::Responsibilities,
            Some(EntityRef::Responsibility(r.id)),
            Name::Titled("task", &r.task),
        );
    }
    for l in &plan.communication {
        add(
            l.id.0,
            "line",
            Section::Communication,
            Some(EntityRef::CommunicationLine(l.id)),
            Name::Titled("line", &l.subject),
        );
    }
    for m in &plan.stakeholder_messages {
        add(
            m.id.0,
            "message",
            Section::Stakeholders,
            Some(EntityRef::StakeholderMessage(m.id)),
            Name::Titled("message", &m.message),
        );
    }
    for c in &plan.candidate_data.candidates {
        add(
            c.id.0,
            "candidate",
            Section::CandidateData,
            Some(EntityRef::Candidate(c.id)),
            Name::Titled("candidate", &c.name),
        );
    }
    for t in &plan.candidate_data.transfers {
        add(
            t.id.0,
            "transfer",
            Section::CandidateData,
            Some(EntityRef::DataTransfer(t.id)),
            Name::Transfer(t.date),
        );
    }
    for i in &plan.indicators {
        add(
            i.id.0,
            "indicator",
            Section::Fraud,
            Some(EntityRef::Indicator(i.id)),
            Name::Titled("indicator", &i.name),
        );
        for o in &i.observations {
            add(
                o.id.0,
                "observation",
                Section::Fraud,
                Some(EntityRef::Indicator(i.id)),
                Name::Titled("an observation of", &i.name),
            );
        }
    }
    for l in &plan.escalation {
        add(
            l.id.0,
            "escalation level",
            Section::Escalation,
            Some(EntityRef::EscalationLevel(l.id)),
            Name::Titled("level", &l.name),
        );
    }
    for r in &plan.risks {
        add(
            r.id.0,
            "risk",
            Section::Risks,
            Some(EntityRef::Risk(r.id)),
            Name::Titled("risk", &r.title),
        );
        for m in &r.mitigations {
            add(
                m.id.0,
                "mitigation",
                Section::Risks,
                Some(EntityRef::Risk(r.id)),
                Name::Titled("mitigation", &m.action),
            );
        }
    }
    for h in &plan.hotspots {
        add(
            h.id.0,
            "hotspot",
            Section::Hotspots,
            Some(EntityRef::Hotspot(h.id)),
            Name::Titled("hotspot", &h.name),
        );
    }
    for e in &plan.events {
        add(
            e.id.0,
            "event",
            Section::Events,
            Some(EntityRef::ElectoralEvent(e.id)),
            Name::Titled("event", &e.name),
        );
    }
    for i in &plan.custody.items {
        add(
            i.id.0,
            "custody item",
            Section::Custody,
            Some(EntityRef::CustodyItem(i.id)),
            Name::Titled("custody item", &i.label),
        );
    }
    for e in &plan.custody.events {
        add(
            e.id.0,
            "custody event",
            Section::Custody,
            Some(EntityRef::CustodyEvent(e.id)),
            Name::Event(&e.log, e.seq),
        );
    }
    for m in &plan.venues.checklist {
        add(
            m.id.0,
            "checklist measure",
            Section::Venues,
            Some(EntityRef::Measure(m.id)),
            Name::Titled("measure", &m.title),
        );
    }
    for v in &plan.venues.venues {
        add(
            v.id.0,
            "venue",
            Section::Venues,
            Some(EntityRef::Venue(v.id)),
            Name::Titled("venue", &v.name),
        );
    }
    for r in &plan.allegations.referrals {
        add(
            r.id.0,
            "referral",
            Section::Allegations,
            Some(EntityRef::Referral(r.id)),
            Name::Referral(r.date),
        );
    }
    for r in &plan.key_dates.reviews {
        add(
            r.id.0,
            "review",
            Section::KeyDates,
            Some(EntityRef::PlanReview(r.id)),
            Name::Titled("review", &r.purpose),
        );
    }
    defs
}

fn duplicate_ids(definitions: &[Definition<'_>], findings: &mut Findings) {
    let mut first_seen: HashMap<Uuid, &Name<'_>> = HashMap::with_capacity(definitions.len());
    for d in definitions {
        if let Some(first) = first_seen.get(&d.id) {
            findings.push_in(
                d.section,
                Rule::DuplicateId,
                format!(
                    "{} has the same id as {} ({}); give one of them a new id",
                    d.name.describe(),
                    first.describe(),
                    d.id
                ),
                d.entity,
            );
        } else {
            first_seen.insert(d.id, &d.name);
        }
    }
}

fn dangling_references(plan: &Plan, definitions: &[Definition<'_>], findings: &mut Findings) {
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
            "the signatory",
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
