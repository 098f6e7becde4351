//! Migrations from earlier plan formats. Each step reads the old format into types frozen as they
//! were and converts them to the next version, so old files keep loading as the model evolves.
//!
//! History:
//! - version 1: a person had two text fields `phone` and `mobile`.
//! - version 2: a person has a list of `phones`, each with a kind (office, mobile, out of hours).
//! - version 3: the plan has a stable `id`; the custody section keeps each log's `anchors`, the CSV
//!   files `imports`ed and the machines (`writers`) that recorded in each log. A file migrated from
//!   version 2 gets a new plan id, so two copies migrated apart are different plans.
//! - version 4: the overview records the poll's `nation`, the `disregarded_days` of public
//!   thanksgiving or mourning, and the `timetable_rules` the key dates were computed with; a
//!   version 3 file reads with England, none and not yet recorded.
//! - version 5: each contest holds its own law: kind of election, nation, poll date, the officer
//!   who runs it (and who holds that office) and whether it is taken together with the others. A
//!   version 4 file's contests take the overview's election, nation and poll date, the first
//!   officer the law names for that election there, and the plan's Returning Officer; a plan with
//!   no contests gets one for its election.
//! - version 6: (the plan the police agree) see the `v5` module for what changed.
//!   - a sign-off's bare `signed_on` date becomes an `agreement` (the issued copy it approves, how
//!     it was given, a reference, the date and the copy's fingerprint) with the `superseded`
//!     agreements before it, and the overview logs `issued_copies`; a version 5 sign-off that was
//!     given becomes an agreement not bound to content (no copy, no fingerprint).
//!   - local milestones have ids (derived from the plan's id and their place) and, with plan
//!     reviews, an optional calendar reminder.
//!   - escalation levels gain a `source`, a `fallback`, `out_of_hours`, `polling_day` and
//!     `count_night` routes and `also_inform`; custody gains `count_security` (police attendance,
//!     venue search sign-off, passes, declaration); all default to empty, so a version 5 file
//!     reads.
//!   - A person's `personal_data` flag became their `handling` mark (full copy only or both
//!     copies), the one mechanism every entity uses; other entities gained `handling` with their
//!     type's default, the hotspot kinds a `Refuge`, and the overview the redacted copy's
//!     `redacted_marking` and `count_withheld`.
//!   - custody gains the ballot paper `printer`, postal and statutory-packet stages and item kinds,
//!     and an item's packet `contents`; candidates gain `home_address_not_public`, transfers their
//!     `time` and the `addresses_not_public` they passed on; the overview holds `readiness_as_at`,
//!     which a version 5 file takes from its latest revision (else polling day), the date its
//!     readiness annex was printed at.

use serde::Deserialize;

use crate::model::{
    Allegations, CandidateDataSharing, CommunicationLine, CustodyEvent, CustodyItem,
    ElectoralEvent, EscalationLevel, FORMAT_VERSION, FraudIndicator, Hotspot, PersonId, Phone,
    PhoneKind, Plan, PlanId, Responsibility, Risk, Role, StageArrangement, StakeholderMessage,
    Venues,
};

use self::v4::Overview;
use self::v5::KeyDates;

/// Reads a plan written in an older `version` and brings it up to the current format.
pub(super) fn from_version(version: u32, text: &str) -> Result<Plan, ron::error::SpannedError> {
    debug_assert!(version < FORMAT_VERSION);
    // Each old version converts to the next, up to the current one.
    let old = match version {
        1 => ron::from_str::<v1::Plan>(text)?
            .into_v2()
            .into_v3()
            .into_v5(),
        2 => ron::from_str::<v2::Plan>(text)?.into_v3().into_v5(),
        // Version 3 differs from version 4 only by fields version 4 added with defaults.
        3 | 4 => ron::from_str::<v4::Plan>(text)?.into_v5(),
        _ => ron::from_str::<v5::Plan>(text)?,
    };
    let mut plan = old.into_v6();
    plan.format_version = FORMAT_VERSION;
    Ok(plan)
}

/// Format version 1, frozen.
mod v1 {
    use super::*;

    /// A person in format version 1.
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub(super) struct Person {
        id: PersonId,
        name: String,
        role: Role,
        job_title: String,
        organisation: String,
        phone: String,
        mobile: String,
        email: String,
        address: String,
        out_of_hours_cover: Option<PersonId>,
        personal_data: bool,
    }

    /// A plan in format version 1.
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields, rename = "Plan")]
    pub(super) struct Plan {
        #[allow(dead_code)]
        format_version: u32,
        overview: Overview,
        people: Vec<Person>,
        responsibilities: Vec<Responsibility>,
        communication: Vec<CommunicationLine>,
        stakeholder_messages: Vec<StakeholderMessage>,
        candidate_data: CandidateDataSharing,
        indicators: Vec<FraudIndicator>,
        escalation: Vec<EscalationLevel>,
        risks: Vec<Risk>,
        hotspots: Vec<Hotspot>,
        events: Vec<ElectoralEvent>,
        custody: super::v2::Custody,
        venues: Venues,
        allegations: Allegations,
        key_dates: KeyDates,
    }

    impl Person {
        fn into_v2(self) -> super::v5::Person {
            let phones = [
                (PhoneKind::Office, self.phone),
                (PhoneKind::Mobile, self.mobile),
            ]
            .into_iter()
            .filter(|(_, number)| !number.trim().is_empty())
            .map(|(kind, number)| Phone { kind, number })
            .collect();
            super::v5::Person {
                id: self.id,
                name: self.name,
                role: self.role,
                job_title: self.job_title,
                organisation: self.organisation,
                phones,
                email: self.email,
                address: self.address,
                out_of_hours_cover: self.out_of_hours_cover,
                personal_data: self.personal_data,
            }
        }
    }

    impl Plan {
        pub(super) fn into_v2(self) -> super::v2::Plan {
            super::v2::Plan {
                format_version: 2,
                overview: self.overview,
                people: self.people.into_iter().map(Person::into_v2).collect(),
                responsibilities: self.responsibilities,
                communication: self.communication,
                stakeholder_messages: self.stakeholder_messages,
                candidate_data: self.candidate_data,
                indicators: self.indicators,
                escalation: self.escalation,
                risks: self.risks,
                hotspots: self.hotspots,
                events: self.events,
                custody: self.custody,
                venues: self.venues,
                allegations: self.allegations,
                key_dates: self.key_dates,
            }
        }
    }
}

/// Format version 2, frozen.
mod v2 {
    use chrono::NaiveDateTime;

    use super::*;

    /// The custody section in format version 2: no anchors, imports or writers.
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields, rename = "Custody")]
    pub(super) struct Custody {
        pub(super) stages: Vec<StageArrangement>,
        pub(super) count_receipt_deadline: Option<NaiveDateTime>,
        pub(super) items: Vec<CustodyItem>,
        pub(super) events: Vec<CustodyEvent>,
    }

    /// A plan in format version 2.
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields, rename = "Plan")]
    pub(super) struct Plan {
        #[allow(dead_code)]
        pub(super) format_version: u32,
        pub(super) overview: Overview,
        pub(super) people: Vec<super::v5::Person>,
        pub(super) responsibilities: Vec<Responsibility>,
        pub(super) communication: Vec<CommunicationLine>,
        pub(super) stakeholder_messages: Vec<StakeholderMessage>,
        pub(super) candidate_data: CandidateDataSharing,
        pub(super) indicators: Vec<FraudIndicator>,
        pub(super) escalation: Vec<EscalationLevel>,
        pub(super) risks: Vec<Risk>,
        pub(super) hotspots: Vec<Hotspot>,
        pub(super) events: Vec<ElectoralEvent>,
        pub(super) custody: Custody,
        pub(super) venues: Venues,
        pub(super) allegations: Allegations,
        pub(super) key_dates: KeyDates,
    }

    impl Plan {
        /// Version 3: a new plan id (a copy migrated apart from another is a different plan) and
        /// empty anchors, imports and writers; the first save anchors every intact log at its head.
        pub(super) fn into_v3(self) -> super::v4::Plan {
            super::v4::Plan {
                format_version: 3,
                id: PlanId::new(),
                overview: self.overview,
                people: self.people,
                responsibilities: self.responsibilities,
                communication: self.communication,
                stakeholder_messages: self.stakeholder_messages,
                candidate_data: self.candidate_data,
                indicators: self.indicators,
                escalation: self.escalation,
                risks: self.risks,
                hotspots: self.hotspots,
                events: self.events,
                custody: crate::model::Custody {
                    printer: crate::model::BallotPrinter::default(),
                    stages: self.custody.stages,
                    count_receipt_deadline: self.custody.count_receipt_deadline,
                    items: self.custody.items.into(),
                    events: self.custody.events.into(),
                    anchors: Vec::new(),
                    imports: Vec::new(),
                    writers: Vec::new(),
                    count_security: Default::default(),
                },
                venues: self.venues,
                allegations: self.allegations,
                key_dates: self.key_dates,
            }
        }
    }
}

/// Formats 3 and 4, frozen: the overview states one law for every contest.
mod v4 {
    use chrono::NaiveDate;

    use super::v5::SignOff;
    use super::*;
    use crate::model::{
        ContestId, ContestKind, DistributionEntry, ElectionType, Marking, Nation, PlanStatus,
        Revision,
    };

    /// A contest in formats 1 to 4: no law of its own.
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub(super) struct Contest {
        id: ContestId,
        name: String,
        kind: ContestKind,
        seats: u32,
    }

    /// The overview in formats 1 to 4.
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub(super) struct Overview {
        title: String,
        authority: String,
        police_force: String,
        election_type: ElectionType,
        contests: Vec<Contest>,
        poll_date: NaiveDate,
        #[serde(default)]
        nation: Nation,
        #[serde(default)]
        disregarded_days: Vec<NaiveDate>,
        #[serde(default)]
        timetable_rules: Option<String>,
        returning_officer: Option<PersonId>,
        deputies: Vec<PersonId>,
        version: String,
        status: PlanStatus,
        marking: Marking,
        revisions: Vec<Revision>,
        distribution: Vec<DistributionEntry>,
        sign_offs: Vec<SignOff>,
    }

    /// A plan in formats 3 and 4.
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields, rename = "Plan")]
    pub(super) struct Plan {
        #[allow(dead_code)]
        pub(super) format_version: u32,
        pub(super) id: PlanId,
        pub(super) overview: Overview,
        pub(super) people: Vec<super::v5::Person>,
        pub(super) responsibilities: Vec<Responsibility>,
        pub(super) communication: Vec<CommunicationLine>,
        pub(super) stakeholder_messages: Vec<StakeholderMessage>,
        pub(super) candidate_data: CandidateDataSharing,
        pub(super) indicators: Vec<FraudIndicator>,
        pub(super) escalation: Vec<EscalationLevel>,
        pub(super) risks: Vec<Risk>,
        pub(super) hotspots: Vec<Hotspot>,
        pub(super) events: Vec<ElectoralEvent>,
        pub(super) custody: crate::model::Custody,
        pub(super) venues: Venues,
        pub(super) allegations: Allegations,
        pub(super) key_dates: KeyDates,
    }

    impl Overview {
        /// Version 5: every contest takes the overview's law, its first officer and the plan's RO.
        fn into_v5(self) -> super::v5::Overview {
            let contest_law = crate::law::law()
                .ok()
                .and_then(|law| law.contest(self.election_type));
            let officer = contest_law
                .and_then(|c| c.default_officer(self.nation))
                .unwrap_or(crate::model::OfficerRole::ReturningOfficer);
            let mut contests: Vec<crate::model::Contest> = self
                .contests
                .into_iter()
                .map(|c| crate::model::Contest {
                    id: c.id,
                    name: c.name,
                    kind: c.kind,
                    seats: c.seats,
                    election: self.election_type,
                    nation: self.nation,
                    poll_date: self.poll_date,
                    officer,
                    officer_person: self.returning_officer,
                    taken_together: true,
                })
                .collect();
            if contests.is_empty() {
                let name = if self.authority.trim().is_empty() {
                    self.election_type.label()
                } else {
                    self.authority.as_str()
                };
                let mut only = crate::law::contests::contest_under_law(
                    name,
                    self.election_type,
                    self.nation,
                    self.poll_date,
                );
                only.officer = officer;
                only.officer_person = self.returning_officer;
                contests.push(only);
            }
            super::v5::Overview {
                title: self.title,
                authority: self.authority,
                police_force: self.police_force,
                election_type: self.election_type,
                contests,
                poll_date: self.poll_date,
                nation: self.nation,
                disregarded_days: self.disregarded_days,
                timetable_rules: self.timetable_rules,
                returning_officer: self.returning_officer,
                deputies: self.deputies,
                version: self.version,
                status: self.status,
                marking: self.marking,
                revisions: self.revisions,
                distribution: self.distribution,
                sign_offs: self.sign_offs,
            }
        }
    }

    impl Plan {
        /// Version 5: contests with their own law.
        pub(super) fn into_v5(self) -> super::v5::Plan {
            super::v5::Plan {
                format_version: FORMAT_VERSION,
                id: self.id,
                overview: self.overview.into_v5(),
                people: self.people,
                responsibilities: self.responsibilities,
                communication: self.communication,
                stakeholder_messages: self.stakeholder_messages,
                candidate_data: self.candidate_data,
                indicators: self.indicators,
                escalation: self.escalation,
                risks: self.risks,
                hotspots: self.hotspots,
                events: self.events,
                custody: self.custody,
                venues: self.venues,
                allegations: self.allegations,
                key_dates: self.key_dates,
            }
        }
    }
}

/// Format 5, frozen: what version 6 changed is listed on `into_v6`.
mod v5 {
    use chrono::{NaiveDate, NaiveTime};

    use super::*;
    use crate::model::{
        Agreement, AgreementMethod, Contest, DistributionEntry, ElectionType, Handling,
        LocalMilestoneId, Marking, Nation, PlanReview, PlanStatus, Revision, SignOffRole,
    };

    /// A local milestone in formats 1 to 5: no id, no reminder.
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub(super) struct LocalMilestone {
        date: NaiveDate,
        time: Option<NaiveTime>,
        label: String,
    }

    /// Key dates in formats 1 to 5 (reviews read as today's, with no reminder).
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub(super) struct KeyDates {
        reviews: Vec<PlanReview>,
        milestones: Vec<LocalMilestone>,
    }

    impl KeyDates {
        /// Version 6: each local milestone gets an id derived from the plan's id and its place,
        /// so two exports of one migrated file (saved or not) give its calendar entry one UID.
        fn into_v6(self, plan: PlanId) -> crate::model::KeyDates {
            crate::model::KeyDates {
                reviews: self.reviews,
                milestones: self
                    .milestones
                    .into_iter()
                    .enumerate()
                    .map(|(n, m)| crate::model::LocalMilestone {
                        id: LocalMilestoneId(uuid::Uuid::new_v5(
                            &plan.0,
                            format!("local-milestone/{n}").as_bytes(),
                        )),
                        date: m.date,
                        time: m.time,
                        label: m.label,
                        reminder_minutes: None,
                    })
                    .collect(),
            }
        }
    }

    /// A sign-off in formats 1 to 5: a person and a bare date.
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub(super) struct SignOff {
        pub(super) role: SignOffRole,
        pub(super) person: Option<PersonId>,
        pub(super) signed_on: Option<NaiveDate>,
    }

    /// The overview in format 5: sign-offs with a bare date, no issued copies.
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub(super) struct Overview {
        pub(super) title: String,
        pub(super) authority: String,
        pub(super) police_force: String,
        pub(super) election_type: ElectionType,
        pub(super) contests: Vec<Contest>,
        pub(super) poll_date: NaiveDate,
        #[serde(default)]
        pub(super) nation: Nation,
        #[serde(default)]
        pub(super) disregarded_days: Vec<NaiveDate>,
        #[serde(default)]
        pub(super) timetable_rules: Option<String>,
        pub(super) returning_officer: Option<PersonId>,
        pub(super) deputies: Vec<PersonId>,
        pub(super) version: String,
        pub(super) status: PlanStatus,
        pub(super) marking: Marking,
        pub(super) revisions: Vec<Revision>,
        pub(super) distribution: Vec<DistributionEntry>,
        pub(super) sign_offs: Vec<SignOff>,
    }

    impl Overview {
        /// Version 6: a given sign-off becomes an agreement not bound to content.
        fn into_v6(self) -> crate::model::Overview {
            let annex_date = self
                .revisions
                .iter()
                .map(|r| r.date)
                .max()
                .unwrap_or(self.poll_date);
            let sign_offs = self
                .sign_offs
                .into_iter()
                .map(|s| crate::model::SignOff {
                    role: s.role,
                    person: s.person,
                    agreement: s.signed_on.map(|date| Agreement {
                        copy: None,
                        version: String::new(),
                        given: AgreementMethod::NotRecorded,
                        reference: String::new(),
                        date,
                        fingerprint: None,
                    }),
                    superseded: Vec::new(),
                })
                .collect();
            crate::model::Overview {
                title: self.title,
                authority: self.authority,
                police_force: self.police_force,
                election_type: self.election_type,
                contests: self.contests,
                poll_date: self.poll_date,
                nation: self.nation,
                disregarded_days: self.disregarded_days,
                timetable_rules: self.timetable_rules,
                returning_officer: self.returning_officer,
                deputies: self.deputies,
                version: self.version,
                status: self.status,
                marking: self.marking,
                revisions: self.revisions,
                distribution: self.distribution,
                sign_offs,
                issued_copies: Vec::new(),
                redacted_marking: Marking::official(),
                count_withheld: true,
                // The readiness annex was dated by the latest revision (else polling day); that
                // date is now held in the plan, so a migrated plan keeps the annex it printed.
                readiness_as_at: Some(annex_date),
            }
        }
    }

    /// A person in formats 2 to 5: a `personal_data` flag where version 6 has a handling mark.
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields, rename = "Person")]
    pub(super) struct Person {
        pub(super) id: PersonId,
        pub(super) name: String,
        pub(super) role: Role,
        pub(super) job_title: String,
        pub(super) organisation: String,
        pub(super) phones: Vec<Phone>,
        pub(super) email: String,
        pub(super) address: String,
        pub(super) out_of_hours_cover: Option<PersonId>,
        pub(super) personal_data: bool,
    }

    impl Person {
        /// Version 6: `personal_data` is the handling mark full copy only; without it, both.
        pub(super) fn into_v6(self) -> crate::model::Person {
            crate::model::Person {
                id: self.id,
                name: self.name,
                role: self.role,
                job_title: self.job_title,
                organisation: self.organisation,
                phones: self.phones,
                email: self.email,
                address: self.address,
                out_of_hours_cover: self.out_of_hours_cover,
                handling: if self.personal_data {
                    Handling::FullCopyOnly
                } else {
                    Handling::Both
                },
            }
        }
    }

    /// A plan in format 5.
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields, rename = "Plan")]
    pub(super) struct Plan {
        #[allow(dead_code)]
        pub(super) format_version: u32,
        pub(super) id: PlanId,
        pub(super) overview: Overview,
        pub(super) people: Vec<Person>,
        pub(super) responsibilities: Vec<Responsibility>,
        pub(super) communication: Vec<CommunicationLine>,
        pub(super) stakeholder_messages: Vec<StakeholderMessage>,
        pub(super) candidate_data: CandidateDataSharing,
        pub(super) indicators: Vec<FraudIndicator>,
        pub(super) escalation: Vec<EscalationLevel>,
        pub(super) risks: Vec<Risk>,
        pub(super) hotspots: Vec<Hotspot>,
        pub(super) events: Vec<ElectoralEvent>,
        pub(super) custody: crate::model::Custody,
        pub(super) venues: Venues,
        pub(super) allegations: Allegations,
        pub(super) key_dates: KeyDates,
    }

    impl Plan {
        /// Version 6: the plan the police agree (sign-offs become agreements).
        pub(super) fn into_v6(self) -> crate::model::Plan {
            let key_dates = self.key_dates.into_v6(self.id);
            crate::model::Plan {
                format_version: FORMAT_VERSION,
                id: self.id,
                overview: self.overview.into_v6(),
                people: self.people.into_iter().map(Person::into_v6).collect(),
                responsibilities: self.responsibilities,
                communication: self.communication,
                stakeholder_messages: self.stakeholder_messages,
                candidate_data: self.candidate_data,
                indicators: self.indicators,
                escalation: self.escalation,
                risks: self.risks,
                hotspots: self.hotspots,
                events: self.events,
                custody: self.custody,
                venues: self.venues,
                allegations: self.allegations,
                key_dates,
            }
        }
    }
}
