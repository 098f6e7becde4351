//! Rules for who is who and who talks to whom: overview, people, responsibilities, communication,
//! stakeholder messages and candidate data sharing.

use chrono::{Datelike, Weekday};

use super::{Context, EntityRef, Findings, Rule, named};
use crate::model::issue::section_list;
use crate::model::{
    Audience, CandidateDataSharing, Fingerprint, LawfulBasis, Marking, NoticeCoverage, Plan,
    PlanStatus, Role, Section, SignOffRole,
};

pub(super) fn check(plan: &Plan, _context: &Context, f: &mut Findings) {
    overview(plan, f);
    people(plan, f);
    responsibilities(plan, f);
    communication(plan, f);
    stakeholders(plan, f);
    candidate_data(&plan.candidate_data, f);
}

/// Each agreement against the plan as it is now: what changed since (one finding for the roles
/// that agreed the same content), or that it is not bound to content.
fn agreements(plan: &Plan, f: &mut Findings) {
    let draft = plan.overview.status == PlanStatus::Draft;
    // (what was agreed, what changed since) -> the roles, in the plan's order.
    let mut outdated: Vec<(String, Vec<Section>, Vec<SignOffRole>)> = Vec::new();
    // The plan's fingerprint, computed once for all the agreements (it digests every section).
    let mut current = None;
    for s in &plan.overview.sign_offs {
        let Some(a) = &s.agreement else { continue };
        match a.changed_against(current.get_or_insert_with(|| Fingerprint::of(plan))) {
            None => f.push(
                Rule::SignOffUnbound,
                format!(
                    "The {}'s agreement ({}) is not bound to content: it does not name the issued \
                     copy it approves; record the agreement against an issued copy",
                    s.role.label(),
                    a.describe()
                ),
                Some(EntityRef::SignOff(s.role)),
            ),
            Some(changed) if !changed.is_empty() => {
                let agreed = a.describe();
                match outdated
                    .iter_mut()
                    .find(|(d, c, _)| *d == agreed && *c == changed)
                {
                    Some((_, _, roles)) => roles.push(s.role),
                    None => outdated.push((agreed, changed, vec![s.role])),
                }
            }
            Some(_) => {}
        }
    }
    for (agreed, changed, roles) in outdated {
        let names: Vec<&str> = roles.iter().map(|r| r.label()).collect();
        let message = format!(
            "{} changed since {agreed} by the {}; issue a new copy and record the agreement to it",
            section_list(&changed),
            join_and(&names)
        );
        let entity = roles.first().map(|r| EntityRef::SignOff(*r));
        if draft {
            f.push_warning(Rule::SignOffOutdated, message, entity);
        } else {
            f.push(Rule::SignOffOutdated, message, entity);
        }
    }
}

/// "a", "a and b", "a, b and c".
fn join_and(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// Each contest under its own law: its officer, its nation, whether its law is known, and the
/// combined-poll rules (`law::combination`).
fn contests(plan: &Plan, f: &mut Findings) {
    let o = &plan.overview;
    let Ok(law) = crate::law::law() else {
        return;
    };
    for c in &o.contests {
        let entity = Some(EntityRef::Contest(c.id));
        let name = named(&c.name);
        let held_in = law
            .election(c.election)
            .is_some_and(|e| e.nations.contains(&c.nation));
        let Some(contest_law) = law.contest(c.election) else {
            continue;
        };
        if !held_in {
            f.push(
                Rule::ContestNation,
                format!(
                    "Contest {name} is a {} but is placed in {}, where that election is not held",
                    c.election.label(),
                    c.nation.label()
                ),
                entity,
            );
            continue;
        }
        if contest_law.officer(c.officer, c.nation).is_none() {
            let allowed: Vec<&str> = contest_law
                .officers_in(c.nation)
                .map(|o| o.role.label())
                .collect();
            f.push(
                Rule::ContestOfficer,
                format!(
                    "Contest {name} is a {} in {} but is run by a {}; its law names {}",
                    c.election.label(),
                    c.nation.label(),
                    c.officer.label(),
                    allowed.join(" or ")
                ),
                entity,
            );
        }
        if c.officer_person.is_none() {
            f.push(
                Rule::ContestOfficerUnnamed,
                format!(
                    "Contest {name} does not name who is its {}",
                    c.officer.label()
                ),
                entity,
            );
        }
        if let Err(crate::law::contests::NotHeld::Before(from)) =
            contest_law.voting(c.nation, c.poll_date)
        {
            f.push(
                Rule::ContestLawNotHeld,
                format!(
                    "Contest {name} polls on {}; the program holds the postal-vote, proxy and \
                     voter ID law for {} polls from {} only: check the law in force on that day",
                    c.poll_date,
                    c.election.label(),
                    from
                ),
                entity,
            );
        }
    }
    if !o.contests.is_empty()
        && !o
            .contests
            .iter()
            .any(|c| c.election == o.election_type && c.poll_date == o.poll_date)
    {
        f.push(
            Rule::PrincipalNotAContest,
            format!(
                "No contest is a {} polling on {}, the plan's principal election and polling day",
                o.election_type.label(),
                o.poll_date
            ),
            None,
        );
    }
    let name_of = |id| {
        o.contests
            .iter()
            .find(|c| c.id == id)
            .map_or_else(String::new, |c| named(&c.name))
    };
    use crate::law::combination::Finding;
    for finding in crate::law::combination::findings(&o.contests) {
        let source = finding.source();
        match finding {
            Finding::MustBeTakenTogether { general, other, .. } => f.push(
                Rule::CombinationRequired,
                format!(
                    "Contests {} and {} poll on the same day but are not taken together; {source}",
                    name_of(general),
                    name_of(other)
                ),
                Some(EntityRef::Contest(other)),
            ),
            Finding::OrdinaryLocalsMayBeDue { general } => f.push(
                Rule::OrdinaryLocalsMayBeDue,
                format!(
                    "Contest {} is a general election on the ordinary day of local elections, but \
                     the plan lists no English local contest: if ordinary local elections are due \
                     in the area, add them (they are taken together: {source})",
                    name_of(general)
                ),
                Some(EntityRef::Contest(general)),
            ),
            Finding::ParishPostponed { contest, to } => f.push(
                Rule::ParishPollPostponed,
                format!(
                    "Contest {} is a parish poll on a general election held on the ordinary day of \
                     local elections: it is postponed to {to} ({source})",
                    name_of(contest)
                ),
                Some(EntityRef::Contest(contest)),
            ),
            Finding::BarredDate {
                contest, general, ..
            } => f.push(
                Rule::BarredPollDate,
                format!(
                    "Contest {} may not poll on the date of the general election {}: {source}",
                    name_of(contest),
                    name_of(general)
                ),
                Some(EntityRef::Contest(contest)),
            ),
        }
    }
}

/// The data transfer log: each transfer's recipient, basis and condition, and the privacy notice
/// reviewed first.
fn transfers(c: &CandidateDataSharing, f: &mut Findings) {
    for t in &c.transfers {
        let entity = Some(EntityRef::DataTransfer(t.id));
        let mut missing = Vec::new();
        if t.fields.is_empty() {
            missing.push("what was sent");
        }
        if t.recipient.is_none() {
            missing.push("who received it");
        }
        if t.method.trim().is_empty() {
            missing.push("how it was sent");
        }
        if t.lawful_basis.is_none() {
            missing.push("its Article 6 lawful basis");
        }
        if t.has_special_category_data() && t.special_category.is_none() {
            missing.push("the Article 9 condition for the party (political opinion)");
        }
        if !missing.is_empty() {
            f.push(
                Rule::TransferIncomplete,
                format!(
                    "The transfer of candidate data on {} does not record {}",
                    t.date,
                    missing.join(", or ")
                ),
                entity,
            );
        }
        let unflagged = t.flags_not_passed_on(&c.candidates).count();
        if unflagged > 0 {
            f.push(
                Rule::AddressFlagNotSent,
                format!(
                    "The transfer of candidate data on {} sent home addresses without saying that \
                     {unflagged} of the candidates asked on their home address form for it not to \
                     be made public; tell the FEOA, and record it on the transfer",
                    t.date
                ),
                entity,
            );
        }
        if c.privacy_notice_reviewed
            .is_none_or(|reviewed| reviewed > t.date)
        {
            f.push(
                Rule::TransferBeforeNoticeReview,
                format!(
                    "Candidate data was sent on {} before the privacy notice was reviewed{}",
                    t.date,
                    c.privacy_notice_reviewed
                        .map_or_else(String::new, |d| format!(" (on {d})"))
                ),
                entity,
            );
        }
    }
}

fn overview(plan: &Plan, f: &mut Findings) {
    let o = &plan.overview;
    if o.authority.trim().is_empty() {
        f.push(
            Rule::NoAuthority,
            "The plan does not name the authority running the election",
            None,
        );
    }
    match o.returning_officer.and_then(|id| plan.person(id)) {
        None if o.returning_officer.is_none() => {
            f.push(
                Rule::NoReturningOfficer,
                "The plan does not name the Returning Officer",
                None,
            );
        }
        Some(ro) if ro.role != Role::ReturningOfficer => f.push(
            Rule::ReturningOfficerRole,
            format!(
                "{} is named as Returning Officer but is listed in the directory as {}",
                ro.name, ro.role
            ),
            Some(EntityRef::Person(ro.id)),
        ),
        _ => {}
    }
    if o.contests.is_empty() {
        f.push(Rule::NoContests, "No contests are listed", None);
    }
    contests(plan, f);
    if o.poll_date.weekday() != Weekday::Thu {
        f.push(
            Rule::PollNotThursday,
            format!(
                "Polling day {} is a {}; polls are held on Thursdays",
                o.poll_date,
                o.poll_date.format("%A")
            ),
            None,
        );
    }
    let unsigned = |roles: &[SignOffRole]| -> Vec<SignOffRole> {
        roles
            .iter()
            .copied()
            .filter(|role| {
                !o.sign_offs
                    .iter()
                    .any(|s| s.role == *role && s.person.is_some() && s.agreement.is_some())
            })
            .collect()
    };
    match o.status {
        PlanStatus::Final => {
            for role in unsigned(SignOffRole::ALL) {
                f.push(
                    Rule::FinalNotSigned,
                    format!(
                        "The plan is marked final but the {} has not signed it off",
                        role.label()
                    ),
                    Some(EntityRef::SignOff(role)),
                );
            }
        }
        PlanStatus::AgreedWithPolice => {
            for role in unsigned(&[SignOffRole::PoliceSpoc, SignOffRole::Feoa]) {
                f.push(
                    Rule::AgreedNotSigned,
                    format!(
                        "The plan is marked agreed with police but the {}'s sign-off is not \
                         recorded",
                        role.label()
                    ),
                    Some(EntityRef::SignOff(role)),
                );
            }
        }
        PlanStatus::Draft => {}
    }
    agreements(plan, f);
    if o.revisions.is_empty() {
        f.push(Rule::NoRevisions, "The revision history is empty", None);
    } else if !o
        .revisions
        .iter()
        .any(|r| r.version.trim() == o.version.trim())
    {
        f.push(
            Rule::VersionNotInHistory,
            format!(
                "Version {} is not in the revision history; add a revision saying what changed",
                o.version
            ),
            None,
        );
    }
    if o.distribution.is_empty() {
        f.push(Rule::NoDistribution, "The distribution list is empty", None);
    }
    let holds_personal_data = plan.people.iter().any(|p| p.handling.withheld())
        || !plan.candidate_data.candidates.is_empty();
    if o.marking == Marking::Official && holds_personal_data {
        f.push(
            Rule::MarkingTooLow,
            "The plan holds personal data but is marked OFFICIAL; consider OFFICIAL-SENSITIVE",
            None,
        );
    }
}

/// Whether a string looks like an email address: one @, something before it, a dot after it.
fn plausible_email(email: &str) -> bool {
    let email = email.trim();
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !email.contains(char::is_whitespace)
}

fn people(plan: &Plan, f: &mut Findings) {
    if plan.first_with_role(Role::PoliceSpoc).is_none() {
        f.push(
            Rule::NoPoliceSpoc,
            "No police election SPOC is named in the directory",
            None,
        );
    }
    if plan.first_with_role(Role::Feoa).is_none() {
        f.push(
            Rule::NoFeoa,
            "No force elected-official adviser (FEOA) is named in the directory",
            None,
        );
    }
    for p in &plan.people {
        let entity = Some(EntityRef::Person(p.id));
        if p.name.trim().is_empty() {
            f.push(
                Rule::PersonNoName,
                format!("A person listed as {} has no name", p.role),
                entity,
            );
            continue;
        }
        if !p.has_contact_method() {
            f.push(
                Rule::NoContactMethod,
                format!("{} has no phone number or email address", p.name),
                entity,
            );
        }
        if !p.email.trim().is_empty() && !plausible_email(&p.email) {
            f.push(
                Rule::InvalidEmail,
                format!(
                    "{}'s email address \u{201c}{}\u{201d} is not valid",
                    p.name, p.email
                ),
                entity,
            );
        }
        let key = matches!(
            p.role,
            Role::ReturningOfficer | Role::ElectionsManager | Role::PoliceSpoc
        );
        let out_of_hours = p.has_out_of_hours();
        if key && !out_of_hours {
            f.push(
                Rule::NoOutOfHours,
                format!(
                    "{} ({}) has no out-of-hours number or cover",
                    p.name, p.role
                ),
                entity,
            );
        }
        // The FEOA and the Operation Bridger contact carry candidate safety at any hour (one person
        // may hold both: then one out-of-hours arrangement is enough); the count manager works
        // through the night of the count.
        let required = matches!(
            p.role,
            Role::Feoa | Role::OperationBridger | Role::CountManager
        );
        if required && !out_of_hours {
            let why = if p.role == Role::CountManager {
                "the count runs overnight"
            } else {
                "candidate safety concerns arise at any hour"
            };
            f.push(
                Rule::OutOfHoursRequired,
                format!(
                    "{} ({}) has no out-of-hours number or cover, but {why}: add an out-of-hours \
                     phone number or name who covers for them in People and roles",
                    p.name, p.role
                ),
                entity,
            );
        }
    }
}

fn responsibilities(plan: &Plan, f: &mut Findings) {
    if plan.responsibilities.is_empty() {
        f.push(
            Rule::NoResponsibilities,
            "No tasks are listed in the division of responsibilities",
            None,
        );
    }
    for r in &plan.responsibilities {
        let entity = Some(EntityRef::Responsibility(r.id));
        match r.lead {
            None => f.push(
                Rule::ResponsibilityNoLead,
                format!("Task {} has no lead", named(&r.task)),
                entity,
            ),
            Some(lead) if r.support.contains(&lead) || r.informed.contains(&lead) => f.push(
                Rule::LeadAlsoListed,
                format!(
                    "{} leads task {} and is also listed as support or informed",
                    plan.person_name(Some(lead)),
                    named(&r.task)
                ),
                entity,
            ),
            Some(_) => {}
        }
    }
}

fn communication(plan: &Plan, f: &mut Findings) {
    if plan.communication.is_empty() {
        f.push(
            Rule::NoCommunication,
            "No lines of communication are set out",
            None,
        );
    }
    for line in &plan.communication {
        let entity = Some(EntityRef::CommunicationLine(line.id));
        if line.from.is_none() || line.to.is_none() {
            f.push(
                Rule::LineMissingParty,
                format!(
                    "Line {} does not say who contacts whom",
                    named(&line.subject)
                ),
                entity,
            );
        }
        if line.schedule.is_empty() {
            f.push(
                Rule::LineNoSchedule,
                format!(
                    "Line {} does not say how often contact is made",
                    named(&line.subject)
                ),
                entity,
            );
        }
        let mut phases: Vec<_> = line.schedule.iter().collect();
        phases.sort_by_key(|p| std::cmp::Reverse(p.from_days_before_poll));
        if let Some(pair) = phases
            .windows(2)
            .find(|w| w[1].cadence.per_week() < w[0].cadence.per_week())
        {
            f.push(
                Rule::CadenceLoosens,
                format!(
                    "Line {} goes from {} to {} {} days before the poll; contact should tighten \
                     nearer polling day",
                    named(&line.subject),
                    pair[0].cadence.label().to_lowercase(),
                    pair[1].cadence.label().to_lowercase(),
                    pair[1].from_days_before_poll
                ),
                entity,
            );
        }
    }
    let spocs: Vec<_> = plan
        .people
        .iter()
        .filter(|p| p.role == Role::PoliceSpoc)
        .map(|p| p.id)
        .collect();
    let involves_spoc = plan.communication.iter().any(|l| {
        l.from.is_some_and(|id| spocs.contains(&id)) || l.to.is_some_and(|id| spocs.contains(&id))
    });
    if !spocs.is_empty() && !involves_spoc {
        f.push(
            Rule::NoLineWithSpoc,
            "No line of communication involves the police SPOC",
            None,
        );
    }
}

fn stakeholders(plan: &Plan, f: &mut Findings) {
    for audience in [
        Audience::Electors,
        Audience::CandidatesAndAgents,
        Audience::Staff,
        Audience::Media,
    ] {
        if !plan
            .stakeholder_messages
            .iter()
            .any(|m| m.audience == audience)
        {
            f.push(
                Rule::AudienceNotCovered,
                format!(
                    "No message explains the integrity and security approach to {}",
                    audience.label().to_lowercase()
                ),
                None,
            );
        }
    }
}

fn candidate_data(c: &CandidateDataSharing, f: &mut Findings) {
    transfers(c, f);
    if !c.sharing {
        return;
    }
    if c.has_special_category_data() && c.special_category.is_none() {
        f.push(
            Rule::NoSpecialCategoryCondition,
            "Candidates' parties are shared with the FEOA, but no UK GDPR Article 9 condition is \
             recorded: a party is political opinion, special category data, and needs one (with \
             its Data Protection Act 2018 Sch. 1 condition) besides the Article 6 basis",
            None,
        );
    }
    match c.privacy_notice_feoa {
        Some(NoticeCoverage::DoesNotCover) => f.push(
            Rule::PrivacyNoticeOmitsFeoa,
            "Candidate details are shared with the police, but the privacy notice does not say so: \
             amend it before sharing",
            None,
        ),
        None => f.push(
            Rule::PrivacyNoticeFeoaUnknown,
            "Candidate details are shared with the police; record whether the privacy notice \
             covers sharing with the FEOA",
            None,
        ),
        Some(NoticeCoverage::Covers) => {}
    }
    if c.lawful_basis.is_none() {
        f.push(
            Rule::SharingNoLawfulBasis,
            "Candidate data is shared with the FEOA but no lawful basis is recorded",
            None,
        );
    }
    let mut unreviewed = Vec::new();
    if c.privacy_notice_reviewed.is_none() {
        unreviewed.push("privacy notice");
    }
    if c.data_protection_policy_reviewed.is_none() {
        unreviewed.push("data protection policy");
    }
    if !unreviewed.is_empty() {
        f.push(
            Rule::PrivacyNotReviewed,
            format!(
                "Candidate data is shared but no review date is recorded for the {}",
                unreviewed.join(" or the ")
            ),
            None,
        );
    }
    if c.recipient.is_none() {
        f.push(
            Rule::SharingNoRecipient,
            "Candidate data is shared but no recipient is named",
            None,
        );
    }
    if c.transmission.trim().is_empty() || c.retention.trim().is_empty() {
        f.push(
            Rule::SharingNoHandling,
            "How candidate data is transmitted and how long it is kept are not both recorded",
            None,
        );
    }
    if c.lawful_basis == Some(LawfulBasis::Consent) {
        // Candidates are named by their place in the list, not by name: findings are printed in
        // the PDF's readiness annex, which never carries candidates' personal data.
        for (n, cand) in c
            .candidates
            .iter()
            .enumerate()
            .filter(|(_, c)| !c.consented)
        {
            f.push(
                Rule::ConsentMissing,
                format!(
                    "Consent is the lawful basis but candidate {} of {} in the candidate list has \
                     not consented to sharing",
                    n + 1,
                    c.candidates.len()
                ),
                Some(EntityRef::Candidate(cand.id)),
            );
        }
    }
}
