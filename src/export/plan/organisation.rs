//! Chapters 1–6: overview, people, responsibilities, communication, stakeholders, candidate data.

use super::Ctx;
use crate::export::flow::{Cell, Flow, Table};
use crate::model::{PhoneKind, schedule_text};
use crate::when::{display_date, display_short_date};

pub(super) fn overview(ctx: &Ctx<'_>, flow: &mut Flow<'_>) {
    let o = &ctx.plan.overview;
    flow.key_values(&[
        ("Authority", o.authority.clone()),
        ("Police force", o.police_force.clone()),
        ("Election", o.election_type.label().to_owned()),
        ("Polling day", display_date(o.poll_date)),
        (
            "Returning Officer",
            o.returning_officer
                .map(|id| ctx.name(Some(id)))
                .unwrap_or_default(),
        ),
        (
            "Deputy Returning Officers",
            if o.deputies.is_empty() {
                String::new()
            } else {
                ctx.names(&o.deputies)
            },
        ),
        (
            "Version and status",
            format!("{} — {}", o.version, o.status.label()),
        ),
        ("Protective marking", o.marking.label().to_owned()),
    ]);
    flow.paragraph(
        "The revision history, distribution list and sign-off are in the document control section \
         at the front of this plan.",
    );
    flow.heading("Contests");
    if o.contests.is_empty() {
        flow.not_provided();
        return;
    }
    let mut t = Table::new(&[
        ("Contest", 3.2),
        ("Election", 3.15),
        ("Nation", 1.5),
        ("Polling day", 2.3),
        ("Officer", 3.15),
        ("Seats", 0.9),
    ]);
    for c in &o.contests {
        let day = if c.taken_together {
            display_date(c.poll_date)
        } else {
            format!("{} (taken separately)", display_date(c.poll_date))
        };
        t.row(vec![
            Cell::bold(c.name.clone()),
            Cell::new(format!("{} — {}", c.election.label(), c.kind.label())),
            Cell::new(c.nation.label()),
            Cell::new(day),
            Cell::titled(c.officer.label(), ctx.name(c.officer_person)),
            Cell::new(c.seats.to_string()),
        ]);
    }
    flow.table(&t);
    contest_law(ctx, flow);
    combined_polls(ctx, flow);
}

/// What each contest's law sets, once per kind of election, nation and span of law, with the
/// sources.
fn contest_law(ctx: &Ctx<'_>, flow: &mut Flow<'_>) {
    use crate::law::contests::{handing_in_words, proxies_words, voter_id_words};
    let Ok(law) = crate::law::law() else {
        return;
    };
    let o = &ctx.plan.overview;
    flow.heading("The law each contest follows");
    flow.paragraph(
        "A combined poll applies each contest's own law: the limits below hold for the contests \
         named against them, and nothing is said for the others.",
    );
    let mut groups: Vec<(&crate::law::contests::VotingLaw, Vec<&str>, String)> = Vec::new();
    let mut unknown = Vec::new();
    for c in &o.contests {
        let Some(voting) = law
            .contest(c.election)
            .and_then(|l| l.voting(c.nation, c.poll_date).ok())
        else {
            unknown.push(c.name.as_str());
            continue;
        };
        let title = format!("{} in {}", c.election.label(), c.nation.label());
        match groups
            .iter_mut()
            .find(|(v, _, t)| std::ptr::eq(*v, voting) && *t == title)
        {
            Some((_, names, _)) => names.push(&c.name),
            None => groups.push((voting, vec![&c.name], title)),
        }
    }
    let mut t = Table::new(&[
        ("Contests", 3.0),
        ("Postal votes handed in", 4.0),
        ("Campaigners handling postal votes", 2.6),
        ("Proxies", 2.6),
        ("Voter ID", 2.4),
    ]);
    let mut sources: Vec<String> = Vec::new();
    for (v, names, title) in &groups {
        let shown = if names.len() > 6 {
            format!("{} and {} more", names[..5].join(", "), names.len() - 5)
        } else {
            names.join(", ")
        };
        t.row(vec![
            Cell::titled(title.clone(), shown),
            Cell::new(handing_in_words(v)),
            Cell::new(if v.campaigners.is_some() {
                "An offence (RPA 1983 s. 112A)"
            } else {
                "No statutory offence"
            }),
            Cell::new(proxies_words(v)),
            Cell::new(voter_id_words(v)),
        ]);
        for s in [
            Some(&v.handing_in_source),
            v.campaigners.as_ref(),
            Some(&v.proxies_source),
            Some(&v.voter_id_source),
        ]
        .into_iter()
        .flatten()
        {
            if !sources.contains(s) {
                sources.push(s.clone());
            }
        }
    }
    if !groups.is_empty() {
        flow.table(&t);
    }
    if groups.iter().any(|(v, _, _)| v.campaigners.is_some()) {
        flow.paragraph(crate::law::handing_in::CAMPAIGNER_OFFENCE);
    }
    if !unknown.is_empty() {
        flow.paragraph(&format!(
            "The program does not hold the postal-vote, proxy and voter ID law for the polling day \
             of {}: check the law in force that day.",
            unknown.join(", ")
        ));
    }
    if !sources.is_empty() {
        flow.paragraph(&format!("Sources: {}", sources.join(" ")));
    }
}

/// Who leads each combined poll, under the provision that says so.
fn combined_polls(ctx: &Ctx<'_>, flow: &mut Flow<'_>) {
    use crate::law::combination::{Lead, lead, poll_days};
    let Ok(law) = crate::law::law() else {
        return;
    };
    for (day, contests) in poll_days(&ctx.plan.overview.contests) {
        let when = display_date(day);
        match lead(law, &contests) {
            Lead::NotCombined => {}
            Lead::Contest { contest, source } => flow.paragraph(&format!(
                "Combined poll on {when}: the officer for the {} ({}, {}) discharges the combined \
                 functions. {source}",
                contest.election.label(),
                contest.officer.label(),
                ctx.name(contest.officer_person)
            )),
            Lead::NotInOrder => flow.paragraph(&format!(
                "Combined poll on {when}: the order of precedence the program holds (SI 2004/294 \
                 reg. 4) gives none of these elections the lead; the officers record who leads \
                 under the combination regulations that apply."
            )),
        }
    }
}

pub(super) fn people(ctx: &Ctx<'_>, flow: &mut Flow<'_>) {
    let plan = ctx.plan;
    if plan.people.is_empty() {
        flow.not_provided();
        return;
    }
    let mut t = Table::new(&[
        ("Name and role", 3.0),
        ("Title and organisation", 3.4),
        ("Telephone and email", 4.6),
        ("Out of hours", 2.0),
    ]);
    for p in &plan.people {
        let mut contact: Vec<String> = p
            .phones
            .iter()
            .filter(|ph| !ph.number.trim().is_empty())
            .map(|ph| {
                let kind = match ph.kind {
                    PhoneKind::Office => "Office",
                    PhoneKind::Mobile => "Mobile",
                    PhoneKind::OutOfHours => "Out of hours",
                };
                format!("{kind}: {}", ph.number.trim())
            })
            .collect();
        if !p.email.trim().is_empty() {
            contact.push(p.email.trim().to_owned());
        }
        let contact = if contact.is_empty() {
            "None recorded".to_owned()
        } else {
            contact.join("\n")
        };
        let name = if p.name.trim().is_empty() {
            Cell::titled("Not yet named", p.role.label()).coloured(crate::export::flow::colour::GAP)
        } else {
            Cell::titled(p.name.clone(), p.role.label())
        };
        let ooh = match p.out_of_hours_cover {
            Some(id) => format!("Covered by {}", ctx.name(Some(id))),
            None if p.phones.iter().any(|ph| ph.kind == PhoneKind::OutOfHours) => {
                "Own out-of-hours number".to_owned()
            }
            None => "—".to_owned(),
        };
        let title = [p.job_title.trim(), p.organisation.trim()]
            .iter()
            .filter(|s| !s.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(", ");
        t.row(vec![
            name,
            Cell::new(title),
            Cell::new(contact),
            Cell::new(ooh),
        ]);
    }
    flow.table(&t);
    let with_addresses: Vec<_> = plan
        .people
        .iter()
        .filter(|p| !p.address.trim().is_empty())
        .collect();
    if !with_addresses.is_empty() {
        flow.heading("Addresses");
        let mut t = Table::new(&[("Name", 1.0), ("Address", 3.0)]);
        for p in with_addresses {
            t.row(vec![
                Cell::new(p.name.clone()),
                Cell::new(p.address.clone()),
            ]);
        }
        flow.table(&t);
    }
}

pub(super) fn responsibilities(ctx: &Ctx<'_>, flow: &mut Flow<'_>) {
    let plan = ctx.plan;
    if plan.responsibilities.is_empty() {
        flow.not_provided();
        return;
    }
    flow.paragraph("Who leads each task, who supports, and who must be kept informed.");
    let mut t = Table::new(&[
        ("Task", 3.4),
        ("Lead", 2.0),
        ("Support", 2.3),
        ("Informed", 2.3),
        ("Notes", 4.4),
    ]);
    for r in &plan.responsibilities {
        let lead = match r.lead {
            Some(id) => Cell::bold(ctx.name(Some(id))),
            None => Cell::bold("No lead").coloured(crate::export::flow::colour::GAP),
        };
        t.row(vec![
            Cell::new(r.task.clone()),
            lead,
            Cell::new(ctx.names(&r.support)),
            Cell::new(ctx.names(&r.informed)),
            Cell::new(r.notes.clone()),
        ]);
    }
    flow.table(&t);
}

pub(super) fn communication(ctx: &Ctx<'_>, flow: &mut Flow<'_>) {
    let plan = ctx.plan;
    if plan.communication.is_empty() {
        flow.not_provided();
        return;
    }
    flow.paragraph(
        "Contact tightens towards polling day. Matters that cannot wait for the next contact go up \
         the escalation ladder in chapter 8.",
    );
    let mut t = Table::new(&[
        ("From → to", 3.2),
        ("About", 3.6),
        ("Channel", 1.5),
        ("How often", 3.6),
        ("Escalates to", 2.0),
    ]);
    for l in &plan.communication {
        let escalates = l
            .escalates_to
            .and_then(|id| plan.escalation.iter().find(|e| e.id == id))
            .map_or_else(|| "—".to_owned(), |e| e.name.clone());
        t.row(vec![
            Cell::new(format!("{} → {}", ctx.name(l.from), ctx.name(l.to))),
            Cell::new(l.subject.clone()),
            Cell::new(l.channel.label()),
            Cell::new(schedule_text(&l.schedule)),
            Cell::new(escalates),
        ]);
    }
    flow.table(&t);
}

pub(super) fn stakeholders(ctx: &Ctx<'_>, flow: &mut Flow<'_>) {
    let plan = ctx.plan;
    if plan.stakeholder_messages.is_empty() {
        flow.not_provided();
        return;
    }
    let mut messages: Vec<_> = plan.stakeholder_messages.iter().collect();
    messages.sort_by_key(|m| (m.audience, m.planned_on));
    let mut t = Table::new(&[
        ("Audience", 2.0),
        ("What is explained", 5.5),
        ("How", 1.8),
        ("When", 2.3),
        ("Owner", 2.2),
    ]);
    for m in messages {
        t.row(vec![
            Cell::bold(m.audience.label()),
            Cell::new(m.message.clone()),
            Cell::new(m.medium.label()),
            Cell::new(
                m.planned_on
                    .map_or_else(|| "Not set".to_owned(), display_date),
            ),
            Cell::new(ctx.name(m.owner)),
        ]);
    }
    flow.table(&t);
}

/// The data transfer log: when candidate data went to whom, what, on which Article 6 basis and
/// Article 9 condition. It names staff and dates, not candidates' details, so the redacted copy
/// keeps it.
fn transfer_log(ctx: &Ctx<'_>, flow: &mut Flow<'_>) {
    let c = &ctx.plan.candidate_data;
    flow.heading("Data transfer log");
    if c.transfers.is_empty() {
        flow.paragraph("No transfer of candidate data to the police is logged yet.");
        return;
    }
    let mut t = Table::new(&[
        ("Sent", 1.9),
        ("To and by", 2.6),
        ("What", 2.7),
        ("Article 6 basis", 2.4),
        ("Article 9 condition", 3.0),
        ("How", 2.4),
    ]);
    let mut transfers: Vec<&crate::model::DataTransfer> = c.transfers.iter().collect();
    transfers.sort_by_key(|t| t.date);
    for x in transfers {
        let what = x
            .fields
            .iter()
            .map(|f| f.label())
            .collect::<Vec<_>>()
            .join(", ");
        let mut whose = match x.candidates.len() {
            0 => "every candidate".to_owned(),
            1 => "1 candidate".to_owned(),
            n => format!("{n} candidates"),
        };
        if x.fields
            .contains(&crate::model::CandidateDataField::HomeAddress)
        {
            whose.push_str(&format!(
                "; {} home address{} flagged not public",
                x.addresses_not_public.len(),
                if x.addresses_not_public.len() == 1 {
                    ""
                } else {
                    "es"
                }
            ));
        }
        let condition = match x.special_category {
            Some(condition) => Cell::new(condition.label()),
            None if x.has_special_category_data() => {
                Cell::bold("Not recorded").coloured(crate::export::flow::colour::GAP)
            }
            None => Cell::new("Not needed"),
        };
        t.row(vec![
            Cell::new(match x.time {
                Some(t) => format!("{} {}", display_short_date(x.date), t.format("%H:%M")),
                None => display_short_date(x.date),
            }),
            Cell::titled(ctx.name(x.recipient), format!("by {}", ctx.name(x.sent_by))),
            Cell::titled(whose, what),
            Cell::new(x.lawful_basis.map_or("Not recorded", |b| b.label())),
            condition,
            Cell::new(x.method.clone()),
        ]);
    }
    flow.table(&t);
}

pub(super) fn candidate_data(ctx: &Ctx<'_>, flow: &mut Flow<'_>) {
    let c = &ctx.plan.candidate_data;
    flow.key_values(&[
        (
            "Shared with the FEOA",
            if c.sharing {
                "Yes".to_owned()
            } else {
                "No".to_owned()
            },
        ),
        (
            "Recipient",
            c.recipient.map(|id| ctx.name(Some(id))).unwrap_or_default(),
        ),
        (
            "What is shared",
            c.fields
                .iter()
                .map(|f| f.label())
                .collect::<Vec<_>>()
                .join(", "),
        ),
        (
            "Lawful basis",
            c.lawful_basis
                .map(|b| b.label().to_owned())
                .unwrap_or_default(),
        ),
        (
            "Article 9 condition (party)",
            match c.special_category {
                Some(condition) => condition.label().to_owned(),
                None if c.has_special_category_data() => String::new(),
                None => "Not needed: no party is shared".to_owned(),
            },
        ),
        ("Why that basis applies", c.basis_explanation.clone()),
        ("How it is sent", c.transmission.clone()),
        ("Retention and destruction", c.retention.clone()),
        (
            "Privacy notice reviewed",
            c.privacy_notice_reviewed
                .map(display_date)
                .unwrap_or_default(),
        ),
        (
            "Privacy notice covers the FEOA",
            c.privacy_notice_feoa
                .map(|n| n.label().to_owned())
                .unwrap_or_default(),
        ),
        (
            "Data protection policy reviewed",
            c.data_protection_policy_reviewed
                .map(display_date)
                .unwrap_or_default(),
        ),
    ]);
    transfer_log(ctx, flow);
    candidates(ctx, flow);
}

/// The candidates, as numbers only. Their personal data goes to the FEOA by the route above and is
/// never printed in either copy of the plan; whose home address must not be made public travels
/// with that data, not through this document.
fn candidates(ctx: &Ctx<'_>, flow: &mut Flow<'_>) {
    let c = &ctx.plan.candidate_data;
    flow.heading("Candidates");
    if c.candidates.is_empty() {
        flow.paragraph(
            "No candidates are recorded yet (they are added after the close of nominations).",
        );
        return;
    }
    flow.paragraph(
        "Candidates\u{2019} names, addresses, telephone numbers and email addresses are personal \
         data: they go to the recipient above by the route recorded, each sending is logged, and \
         they are not printed in this document.",
    );
    let total = c.candidates.len();
    let contests = &ctx.plan.overview.contests;
    let mut per_contest: Vec<String> = contests
        .iter()
        .map(|x| {
            let n = c
                .candidates
                .iter()
                .filter(|cand| cand.contest == Some(x.id))
                .count();
            format!("{}: {n}", x.name)
        })
        .collect();
    let unplaced = c
        .candidates
        .iter()
        .filter(|cand| {
            cand.contest
                .is_none_or(|id| !contests.iter().any(|x| x.id == id))
        })
        .count();
    if unplaced > 0 {
        per_contest.push(format!("no contest recorded: {unplaced}"));
    }
    let consented = c.candidates.iter().filter(|x| x.consented).count();
    let not_public = c
        .candidates
        .iter()
        .filter(|x| x.home_address_not_public)
        .count();
    let fields = if c.fields.is_empty() {
        "None".to_owned()
    } else {
        c.fields
            .iter()
            .map(|f| f.label())
            .collect::<Vec<_>>()
            .join(", ")
    };
    flow.key_values(&[
        (
            "Candidates recorded",
            format!("{total} ({})", per_contest.join("; ")),
        ),
        ("Consented to sharing", format!("{consented} of {total}")),
        (
            "Home address not public",
            format!(
                "{not_public} of {total}; the request goes to the FEOA with each transfer of \
                 their details"
            ),
        ),
        ("Fields shared", fields),
        ("Transfers logged", c.transfers.len().to_string()),
    ]);
}
