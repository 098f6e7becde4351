//! The valid plan's overview, directory, responsibilities, communication and candidate data.

use chrono::NaiveTime;

use super::day;
use crate::law::contests::contest_under_law;
use crate::model::*;

/// The people of the valid plan, by the part they play.
pub(super) struct Team {
    pub ro: PersonId,
    pub manager: PersonId,
    pub officer: PersonId,
    pub spoc: PersonId,
    pub feoa: PersonId,
    pub count_manager: PersonId,
}

/// Fills the overview, the directory, responsibilities, communication, stakeholder messages and
/// candidate data of `plan`, and returns who is who.
pub(super) fn fill(plan: &mut Plan) -> Team {
    let team = Team {
        ro: add(plan, "Ann Rowe", Role::ReturningOfficer),
        manager: add(plan, "Sam Patel", Role::ElectionsManager),
        officer: add(plan, "Lee Ward", Role::ElectoralServicesOfficer),
        spoc: add(plan, "Kim Shaw", Role::PoliceSpoc),
        feoa: add(plan, "Raj Bains", Role::Feoa),
        count_manager: add(plan, "Jo Hart", Role::CountManager),
    };
    add(plan, "Kit Doyle", Role::Printer);
    overview(plan, &team);
    plan.responsibilities = vec![
        task("Fraud allegations", team.manager, team.spoc),
        task("Security at the count", team.count_manager, team.spoc),
        task("Candidate safety", team.ro, team.feoa),
    ];
    plan.communication = vec![
        line("Fraud updates", (team.manager, team.spoc), Channel::Email),
        line("Candidate safety", (team.ro, team.feoa), Channel::Phone),
    ];
    plan.stakeholder_messages = [
        Audience::Electors,
        Audience::CandidatesAndAgents,
        Audience::Staff,
        Audience::Media,
    ]
    .into_iter()
    .map(|audience| StakeholderMessage {
        handling: crate::model::Handling::Both,
        id: StakeholderMessageId::new(),
        audience,
        message: format!("How the poll is kept secure ({audience})"),
        medium: Medium::Briefing,
        planned_on: Some(day(4, 1)),
        owner: Some(team.manager),
    })
    .collect();
    candidate_data(plan, &team);
    team
}

/// A person with an office number, an out-of-hours number and an email address at their
/// organisation: the council, the police or the printer.
fn add(plan: &mut Plan, name: &str, role: Role) -> PersonId {
    let n = plan.people.len();
    let organisation = match role {
        Role::PoliceSpoc | Role::Feoa => "lowmoor.police.uk",
        Role::Printer => "lowmoor-print.co.uk",
        _ => "lowmoor.gov.uk",
    };
    let phone = |kind, number: String| Phone { kind, number };
    let person = Person {
        role,
        job_title: role.label().to_owned(),
        organisation: organisation.to_owned(),
        phones: vec![
            phone(PhoneKind::Office, format!("01632 960 {:03}", 100 + n)),
            phone(PhoneKind::OutOfHours, format!("07700 900 {:03}", 100 + n)),
        ],
        email: format!("{}@{organisation}", name.to_lowercase().replace(' ', ".")),
        ..Person::named(name)
    };
    let id = person.id;
    plan.people.push(person);
    id
}

fn overview(plan: &mut Plan, team: &Team) {
    let o = &mut plan.overview;
    o.title = "Lowmoor District Council — election integrity and security plan".to_owned();
    o.authority = "Lowmoor District Council".to_owned();
    o.police_force = "Lowmoor Constabulary".to_owned();
    o.contests = [
        ("Abbey ward", ElectionType::EnglishLocal),
        ("Dale Parish Council", ElectionType::EnglishParish),
    ]
    .into_iter()
    .map(|(name, election)| Contest {
        officer_person: Some(team.ro),
        ..contest_under_law(name, election, Nation::England, o.poll_date)
    })
    .collect();
    o.returning_officer = Some(team.ro);
    o.version = "1.1".to_owned();
    o.status = PlanStatus::AgreedWithPolice;
    o.revisions = vec![
        revision("1.0", day(2, 1), "First draft for the SPOC and FEOA"),
        revision("1.1", day(3, 15), "Agreed at the planning meeting"),
    ];
    o.readiness_as_at = Some(day(3, 15));
    o.distribution = vec![
        copy("Kim Shaw", "Lowmoor Constabulary", CopyKind::Full),
        copy("Presiding officers", "Elections office", CopyKind::Redacted),
    ];
    for s in &mut o.sign_offs {
        s.person = Some(match s.role {
            SignOffRole::ReturningOfficer => team.ro,
            SignOffRole::PoliceSpoc => team.spoc,
            SignOffRole::Feoa => team.feoa,
        });
    }
}

fn revision(version: &str, date: chrono::NaiveDate, summary: &str) -> Revision {
    Revision {
        version: version.to_owned(),
        date,
        author: "Sam Patel".to_owned(),
        summary: summary.to_owned(),
    }
}

fn copy(recipient: &str, organisation: &str, copy: CopyKind) -> DistributionEntry {
    DistributionEntry {
        recipient: recipient.to_owned(),
        organisation: organisation.to_owned(),
        copy,
    }
}

/// A task led by `lead`, with `informed` kept informed.
fn task(name: &str, lead: PersonId, informed: PersonId) -> Responsibility {
    Responsibility {
        id: ResponsibilityId::new(),
        task: name.to_owned(),
        lead: Some(lead),
        informed: vec![informed],
        ..Responsibility::default()
    }
}

/// A line from one person to another, fortnightly from eight weeks out, weekly from four, daily in
/// the last week.
fn line(subject: &str, (from, to): (PersonId, PersonId), channel: Channel) -> CommunicationLine {
    let phase = |from_days_before_poll, cadence| CadencePhase {
        from_days_before_poll,
        cadence,
    };
    CommunicationLine {
        handling: crate::model::Handling::Both,
        id: CommunicationLineId::new(),
        from: Some(from),
        to: Some(to),
        subject: subject.to_owned(),
        channel,
        schedule: vec![
            phase(56, Cadence::Fortnightly),
            phase(28, Cadence::Weekly),
            phase(7, Cadence::Daily),
        ],
        escalates_to: None,
    }
}

/// Four candidates, each detail of them shared with the FEOA under public task with the party's
/// Article 9 condition, once the privacy notice was reviewed; one transfer, of them all.
fn candidate_data(plan: &mut Plan, team: &Team) {
    let contest = plan.overview.contests.first().map(|c| c.id);
    let candidates: Vec<Candidate> = ["Ava Bell", "Ben Cole", "Cara Dunn", "Dev Iyer"]
        .iter()
        .enumerate()
        .map(|(i, name)| Candidate {
            id: CandidateId::new(),
            name: (*name).to_owned(),
            contest,
            party: ["Red Party", "Blue Party"][i % 2].to_owned(),
            address: format!("{} Elm Road, Lowmoor LM1 {i}AB", 10 + i),
            phone: format!("07700 900 {:03}", 200 + i),
            email: format!("candidate{i}@example.org.uk"),
            consented: true,
            // The third asked on their home address form that it not be made public.
            home_address_not_public: i == 2,
        })
        .collect();
    let fields = CandidateDataField::ALL.to_vec();
    let transfer = DataTransfer {
        id: DataTransferId::new(),
        date: day(4, 9),
        time: Some(NaiveTime::from_hms_opt(16, 30, 0).unwrap()),
        recipient: Some(team.feoa),
        sent_by: Some(team.manager),
        fields: fields.clone(),
        candidates: candidates.iter().map(|c| c.id).collect(),
        lawful_basis: Some(LawfulBasis::PublicTask),
        special_category: Some(SpecialCategoryCondition::PreventingUnlawfulActs),
        method: "Secure email".to_owned(),
        addresses_not_public: vec![candidates[2].id],
        notes: "After the statement of persons nominated".to_owned(),
    };
    plan.candidate_data = CandidateDataSharing {
        sharing: true,
        recipient: Some(team.feoa),
        fields,
        lawful_basis: Some(LawfulBasis::PublicTask),
        special_category: Some(SpecialCategoryCondition::PreventingUnlawfulActs),
        basis_explanation: "The RO's duty to secure the poll".to_owned(),
        transmission: "Secure email".to_owned(),
        retention: "Deleted three months after the declaration".to_owned(),
        privacy_notice_reviewed: Some(day(2, 10)),
        privacy_notice_feoa: Some(NoticeCoverage::Covers),
        data_protection_policy_reviewed: Some(day(2, 12)),
        candidates,
        transfers: vec![transfer],
    };
}
