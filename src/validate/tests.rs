//! Every rule: a plan that triggers it and one that does not. The clean base is the test support's
//! valid plan, which has no findings as of the morning after its poll.

use chrono::{Duration, NaiveDate};

use super::*;
use crate::model::*;
use crate::test_support::valid_plan;

fn as_of() -> Context {
    Context::on(NaiveDate::from_ymd_opt(2027, 5, 7).unwrap())
}

fn codes(plan: &Plan) -> Vec<Rule> {
    validate(plan, &as_of())
        .into_iter()
        .map(|f| f.code)
        .collect()
}

fn with_role(plan: &mut Plan, role: Role) -> &mut Person {
    plan.people.iter_mut().find(|p| p.role == role).unwrap()
}

/// The first ballot box, its expected seals and its standing events' last holder.
fn first_box(p: &Plan) -> (CustodyItemId, Vec<String>) {
    let b = p
        .custody
        .items
        .iter()
        .find(|i| i.kind == ItemKind::BallotBox)
        .unwrap();
    (b.id, b.expected_seals.clone())
}

/// Adds a statutory packet holding `contents`, sealed after the count and then recorded as opened
/// (which `check` refuses for packets only a court may have opened).
fn opened_packet(p: &mut Plan, contents: PacketContents) -> CustodyItemId {
    let id = CustodyItemId::new();
    p.custody.items.push(CustodyItem {
        id,
        kind: ItemKind::StatutoryPacket,
        label: "PKT/1".into(),
        polling_station: None,
        book_ranges: vec![],
        expected_seals: vec!["PK 0001".into()],
        expected_at_count: false,
        contents: Some(contents),
    });
    let poll = p.overview.poll_date.and_hms_opt(0, 0, 0).unwrap();
    for (stage, hours, to) in [
        (CustodyStage::PacketSealed, 28, "Deputy RO"),
        (CustodyStage::SealedRetention, 29, "Registration officer"),
        (CustodyStage::PacketOpened, 30, "Registration officer"),
    ] {
        let mut e =
            crate::test_support::handover(id, poll + Duration::hours(hours), stage, ("", to));
        e.seals_seen = vec!["PK 0001".into()];
        crate::custody::record(&mut p.custody, "packets", e);
    }
    id
}

/// Records a new event on the first ballot box, keeping the hash chain intact.
fn record_on_box(
    p: &mut Plan,
    log: &str,
    stage: CustodyStage,
    hours_after_poll: i64,
    from: &str,
    seals: Vec<String>,
    intact: bool,
) {
    let (item, _) = first_box(p);
    let at = p.overview.poll_date.and_hms_opt(0, 0, 0).unwrap() + Duration::hours(hours_after_poll);
    crate::custody::record(
        &mut p.custody,
        log,
        crate::custody::NewEvent {
            item,
            at,
            stage,
            location: "Count hall".into(),
            from: from.into(),
            to: "Count supervisor".into(),
            seals_seen: seals,
            seals_intact: intact,
            witness: String::new(),
            notes: String::new(),
            corrects: None,
        },
    );
}

/// Adds a contest of `election` in `nation` on the plan's polling day, run by the first officer its
/// law names.
fn add_contest(p: &mut Plan, election: ElectionType, nation: Nation) {
    let mut c = crate::law::contests::contest_under_law(
        &format!("{} contest", election.label()),
        election,
        nation,
        p.overview.poll_date,
    );
    c.officer_person = p.overview.returning_officer;
    p.overview.contests.push(c);
}

/// A change to the clean plan that breaks exactly the given rule.
fn breach(rule: Rule, p: &mut Plan) {
    use Rule::*;
    let spoc = p.first_with_role(Role::PoliceSpoc).unwrap().id;
    match rule {
        RedactionLeak => {
            // A risk shown in both copies quotes the first line of a withheld hotspot's address.
            let address = p.hotspots[0].address.clone();
            let first = address.split(',').next().unwrap().to_owned();
            p.risks[0].description = format!("Postal votes collected at {first}.");
        }
        DuplicateId => {
            let id = p.risks[0].id;
            p.risks[1].id = id;
        }
        DanglingReference => p.risks[0].owner = Some(PersonId::new()),
        DateOutOfRange => {
            p.overview.revisions[0].date = NaiveDate::from_ymd_opt(20227, 4, 29).unwrap()
        }
        NoAuthority => p.overview.authority = "  ".into(),
        NoReturningOfficer => p.overview.returning_officer = None,
        ReturningOfficerRole => p.overview.returning_officer = Some(spoc),
        NoContests => p.overview.contests.clear(),
        ContestOfficer => p.overview.contests[0].officer = OfficerRole::CountingOfficer,
        ContestNation => p.overview.contests[0].nation = Nation::Scotland,
        ContestOfficerUnnamed => p.overview.contests[0].officer_person = None,
        ContestLawNotHeld => {
            p.overview.contests[0].poll_date = NaiveDate::from_ymd_opt(2023, 5, 4).unwrap()
        }
        PrincipalNotAContest => p.overview.election_type = ElectionType::Mayor,
        CombinationRequired => {
            add_contest(p, ElectionType::UkParliamentary, Nation::England);
            p.overview.contests[0].taken_together = false;
        }
        OrdinaryLocalsMayBeDue => {
            p.overview
                .contests
                .retain(|c| c.election != ElectionType::EnglishLocal);
            add_contest(p, ElectionType::UkParliamentary, Nation::England);
        }
        ParishPollPostponed => add_contest(p, ElectionType::UkParliamentary, Nation::England),
        BarredPollDate => {
            add_contest(p, ElectionType::UkParliamentary, Nation::England);
            add_contest(p, ElectionType::Senedd, Nation::Wales);
        }
        PollNotThursday => p.overview.poll_date += Duration::days(2),
        PollOnBankHoliday => p.overview.poll_date = NaiveDate::from_ymd_opt(2027, 5, 3).unwrap(),
        FinalNotSigned => {
            p.overview.status = PlanStatus::Final;
            p.overview.sign_offs[0].agreement = None;
        }
        AgreedNotSigned => p.overview.sign_offs.retain(|s| s.role != SignOffRole::Feoa),
        SignOffOutdated => p.overview.title.push_str(" (revised)"),
        SignOffUnbound => {
            let a = p.overview.sign_offs[0].agreement.as_mut().unwrap();
            a.copy = None;
            a.fingerprint = None;
        }
        NoRevisions => p.overview.revisions.clear(),
        VersionNotInHistory => p.overview.version = "2.0".into(),
        NoDistribution => p.overview.distribution.clear(),
        MarkingTooLow => p.overview.marking = Marking::Official,
        NoPoliceSpoc => p
            .people
            .iter_mut()
            .filter(|x| x.role == Role::PoliceSpoc)
            .for_each(|x| x.role = Role::Other),
        NoFeoa => with_role(p, Role::Feoa).role = Role::Other,
        PersonNoName => with_role(p, Role::Printer).name = String::new(),
        NoContactMethod => {
            let x = with_role(p, Role::Printer);
            x.phones.clear();
            x.email.clear();
        }
        InvalidEmail => with_role(p, Role::Printer).email = "kieran at printers".into(),
        NoOutOfHours => {
            let x = with_role(p, Role::ElectionsManager);
            x.phones.retain(|ph| ph.kind != PhoneKind::OutOfHours);
            x.out_of_hours_cover = None;
        }
        NoResponsibilities => p.responsibilities.clear(),
        ResponsibilityNoLead => p.responsibilities[0].lead = None,
        LeadAlsoListed => {
            let lead = p.responsibilities[0].lead.unwrap();
            p.responsibilities[0].informed.push(lead);
        }
        NoCommunication => p.communication.clear(),
        LineMissingParty => p.communication[0].to = None,
        LineNoSchedule => p.communication[0].schedule.clear(),
        CadenceLoosens => {
            p.communication[0].schedule = vec![
                CadencePhase {
                    from_days_before_poll: 28,
                    cadence: Cadence::Daily,
                },
                CadencePhase {
                    from_days_before_poll: 7,
                    cadence: Cadence::Weekly,
                },
            ];
        }
        NoLineWithSpoc => {
            let spocs: Vec<PersonId> = p
                .people
                .iter()
                .filter(|x| x.role == Role::PoliceSpoc)
                .map(|x| x.id)
                .collect();
            p.communication
                .retain(|l| !spocs.iter().any(|s| l.from == Some(*s) || l.to == Some(*s)));
        }
        AudienceNotCovered => p
            .stakeholder_messages
            .retain(|m| m.audience != Audience::Media),
        SharingNoLawfulBasis => p.candidate_data.lawful_basis = None,
        PrivacyNotReviewed => p.candidate_data.data_protection_policy_reviewed = None,
        SharingNoRecipient => p.candidate_data.recipient = None,
        SharingNoHandling => p.candidate_data.retention.clear(),
        NoSpecialCategoryCondition => p.candidate_data.special_category = None,
        PrivacyNoticeOmitsFeoa => {
            p.candidate_data.privacy_notice_feoa = Some(NoticeCoverage::DoesNotCover)
        }
        PrivacyNoticeFeoaUnknown => p.candidate_data.privacy_notice_feoa = None,
        TransferIncomplete => p.candidate_data.transfers[0].special_category = None,
        TransferBeforeNoticeReview => {
            p.candidate_data.transfers[0].date = NaiveDate::from_ymd_opt(2027, 1, 5).unwrap()
        }
        ConsentMissing => {
            p.candidate_data.lawful_basis = Some(LawfulBasis::Consent);
            p.candidate_data.candidates[3].consented = false;
        }
        NoIndicators => p.indicators.clear(),
        NoActionLevel => p.indicators[0].action_level = None,
        NoWarningLevel => p.indicators[0].warning_level = None,
        NoActionText => p.indicators[0].action = " ".into(),
        WarningBeyondAction => {
            let i = &mut p.indicators[0];
            i.warning_level = Some(i.action_level.unwrap() + 1.0);
        }
        IndicatorNoOwner => p.indicators[0].owner = None,
        IndicatorAtWarning => {
            let i = &mut p.indicators[0];
            let value = i.warning_level.unwrap();
            let date = i.latest().unwrap().date + Duration::days(1);
            i.observations.push(Observation {
                id: ObservationId::new(),
                date,
                value,
                note: String::new(),
                recorded_by: None,
            });
        }
        IndicatorAtAction => {
            let i = &mut p.indicators[0];
            let value = i.action_level.unwrap();
            let date = i.latest().unwrap().date + Duration::days(1);
            i.observations.push(Observation {
                id: ObservationId::new(),
                date,
                value,
                note: String::new(),
                recorded_by: None,
            });
        }
        StatutoryLimitExceeded => {
            let i = p
                .indicators
                .iter_mut()
                .find(|i| i.kind == IndicatorKind::PostalVotesHandedInByOnePerson)
                .unwrap();
            let date = i.latest().unwrap().date - Duration::days(3);
            i.observations.push(Observation {
                id: ObservationId::new(),
                date,
                value: 6.0,
                note: String::new(),
                recorded_by: None,
            });
        }
        StatutoryLimitNotHeld => {
            for c in &mut p.overview.contests {
                c.election = ElectionType::NiLocal;
                c.nation = Nation::NorthernIreland;
                c.officer = OfficerRole::ChiefElectoralOfficer;
            }
        }
        StatutoryIndicatorOutOfScope => {
            for c in &mut p.overview.contests {
                c.election = ElectionType::ScottishLocal;
                c.nation = Nation::Scotland;
            }
        }
        OutOfHoursRequired => {
            let x = with_role(p, Role::CountManager);
            x.phones.retain(|ph| ph.kind != PhoneKind::OutOfHours);
            x.out_of_hours_cover = None;
        }
        EscalationContactNoPhone => {
            // The fallback's only way of contact is email.
            let feoa = with_role(p, Role::Feoa);
            feoa.phones.clear();
            let feoa = feoa.id;
            p.escalation[0].fallback = Some(feoa);
        }
        CountPoliceUndecided => {
            p.custody.count_security.police.decision = PoliceAttendanceDecision::Undecided
        }
        CountSearchNotSignedOff => p.custody.count_security.search.signed_off_at = None,
        CountSearchLate => {
            let first = p.custody.first_receipt_recorded().unwrap().at;
            p.custody.count_security.search.signed_off_at = Some(first + Duration::minutes(5));
        }
        NoEscalation => p.escalation.clear(),
        EscalationNoContact => {
            let l = p
                .escalation
                .iter_mut()
                .find(|l| !l.uses_public_number())
                .unwrap();
            l.contact = None;
        }
        EscalationNoTrigger => p.escalation[0].trigger.clear(),
        NoEmergencyLevel => p.escalation.retain(|l| l.channel != Channel::Emergency999),
        NoRisks => p.risks.clear(),
        RiskNoOwner => p.risks[0].owner = None,
        RiskReviewOverdue => p.risks[0].next_review = Some(as_of().today - Duration::days(1)),
        RiskNoReviewDate => p.risks[0].next_review = None,
        RiskReviewTooFar => {
            let r = &mut p.risks[0];
            r.likelihood = Rating::MAX;
            r.impact = Rating::MAX;
            r.residual_likelihood = Some(Rating::MAX);
            r.residual_impact = Some(Rating::MAX);
            r.next_review = Some(as_of().today + Duration::days(45));
        }
        RiskNoMitigation => {
            let r = &mut p.risks[0];
            r.likelihood = Rating::new(4).unwrap();
            r.impact = Rating::new(4).unwrap();
            r.mitigations.clear();
        }
        MitigationOverdue => {
            let m = &mut p.risks[0].mitigations[0];
            m.done = false;
            m.due = Some(as_of().today - Duration::days(1));
        }
        MitigationNoOwner => p.risks[0].mitigations[0].owner = None,
        ResidualAboveInherent => {
            let r = &mut p.risks[0];
            r.residual_likelihood = Some(Rating::MAX);
            r.residual_impact = Some(Rating::MAX);
            r.likelihood = Rating::MIN;
        }
        ResidualNotAssessed => p.risks[0].residual_impact = None,
        HotspotNoMitigation => p.hotspots[0].mitigation.clear(),
        HotspotNoOwner => p.hotspots[0].owner = None,
        NoCountEvent => p.events.retain(|e| e.kind != EventKind::Count),
        EventNoOneInCharge => p.events[0].in_charge = None,
        EventNoVenue => p.events[0].venue = None,
        OpeningNoticeShort => {
            let e = p
                .events
                .iter_mut()
                .find(|e| e.kind == EventKind::PostalVoteOpening)
                .unwrap();
            e.candidates_notified = Some(e.starts_at() - Duration::hours(47));
        }
        OpeningNoticeMissing => {
            let e = p
                .events
                .iter_mut()
                .find(|e| e.kind == EventKind::PostalVoteOpening)
                .unwrap();
            e.candidates_notified = None;
        }
        StageUnassigned => p.custody.stages[3].responsible = None,
        ChainBroken => p.custody.events[5].notes.push_str(" (edited)"),
        // The newest event of a log removed: the chain is whole, but the log no longer reaches its
        // anchor (nor the heads kept outside the plan).
        Truncated | ReferenceNotReached => {
            let newest = p
                .custody
                .events
                .iter()
                .enumerate()
                .filter(|(_, e)| e.log == "count-receipt")
                .max_by_key(|(_, e)| e.seq)
                .map(|(i, _)| i)
                .unwrap();
            p.custody.events.remove(newest);
        }
        OutsideWindow => {
            let (_, seals) = first_box(p);
            record_on_box(
                p,
                "count-verification",
                CustodyStage::Count,
                24 * 40,
                "",
                seals,
                true,
            );
        }
        RulesChanged => p.overview.timetable_rules = Some("english-local/1990".into()),
        SharedLog => {
            p.custody.note_writer("count-receipt", "laptop-a");
            p.custody.note_writer("count-receipt", "laptop-b");
        }
        HandoverGap => {
            let (_, seals) = first_box(p);
            record_on_box(
                p,
                "count-verification",
                CustodyStage::Count,
                40,
                "A stranger",
                seals,
                true,
            );
        }
        SealMismatch => {
            let (_, seals) = first_box(p);
            record_on_box(
                p,
                "count-verification",
                CustodyStage::Count,
                40,
                "",
                seals[..1].to_vec(),
                true,
            );
        }
        UnexpectedSeal => record_on_box(
            p,
            "count-verification",
            CustodyStage::Count,
            40,
            "",
            vec!["ZZ 999".into()],
            true,
        ),
        SealBroken => {
            let (_, seals) = first_box(p);
            record_on_box(
                p,
                "count-verification",
                CustodyStage::Count,
                40,
                "",
                seals,
                false,
            );
        }
        StageBackwards => {
            let (_, seals) = first_box(p);
            record_on_box(
                p,
                "count-verification",
                CustodyStage::TransportToCount,
                40,
                "",
                seals,
                true,
            );
        }
        StageNotInJourney => {
            let (_, seals) = first_box(p);
            record_on_box(
                p,
                "count-verification",
                CustodyStage::PostalDispatch,
                10,
                "",
                seals,
                true,
            );
        }
        CourtOnlyPacketOpened => {
            opened_packet(p, PacketContents::CountedBallotPapers);
        }
        NoPrinter => p.custody.printer = BallotPrinter::default(),
        PrinterAssuranceMissing => p.custody.printer.insurance.clear(),
        PrinterNoVisit => p.custody.printer.visits.clear(),
        PrinterNoProofSignOff => p.custody.printer.proof_signed_off = None,
        PrinterNotReviewed => p.custody.printer.reviewed_with_police = None,
        AddressFlagNotSent => p.candidate_data.transfers[0].addresses_not_public.clear(),
        OutOfTimeOrder => {
            let (_, seals) = first_box(p);
            record_on_box(
                p,
                "count-verification",
                CustodyStage::Count,
                40,
                "",
                seals.clone(),
                true,
            );
            record_on_box(
                p,
                "count-verification",
                CustodyStage::Count,
                39,
                "",
                seals,
                true,
            );
        }
        NotReceived => {
            let mut extra = p
                .custody
                .items
                .iter()
                .find(|i| i.kind == ItemKind::BallotBox)
                .unwrap()
                .clone();
            extra.id = CustodyItemId::new();
            extra.label = "ZZ/1".into();
            extra.expected_seals = vec!["NB 999001".into()];
            p.custody.items.push(extra);
        }
        BookRangeOverlap => {
            let first = p
                .custody
                .items
                .iter()
                .find(|i| i.kind == ItemKind::BallotPaperBatch)
                .unwrap()
                .book_ranges[0];
            let second = p
                .custody
                .items
                .iter_mut()
                .filter(|i| i.kind == ItemKind::BallotPaperBatch)
                .nth(1)
                .unwrap();
            second.book_ranges[0].first = first.last;
        }
        BookRangeInvalid => {
            let batch = p
                .custody
                .items
                .iter_mut()
                .find(|i| i.kind == ItemKind::BallotPaperBatch)
                .unwrap();
            batch.book_ranges[0] = BookRange { first: 10, last: 5 };
        }
        StageMissing => p
            .custody
            .stages
            .retain(|s| s.stage != CustodyStage::Destruction),
        NoReceiptDeadline => p.custody.count_receipt_deadline = None,
        ChecklistEmpty => {
            p.venues.checklist.clear();
            for v in &mut p.venues.venues {
                v.assessment.as_mut().unwrap().checks.clear();
            }
        }
        NoPollingStations => p
            .venues
            .venues
            .retain(|v| v.kind != VenueKind::PollingStation),
        NoCountVenue => p
            .venues
            .venues
            .iter_mut()
            .filter(|v| v.kind == VenueKind::CountVenue)
            .for_each(|v| v.kind = VenueKind::Office),
        CountVenueNotAssessed => {
            p.venues
                .venues
                .iter_mut()
                .filter(|v| v.kind == VenueKind::CountVenue)
                .for_each(|v| v.assessment = None);
        }
        VenueNotAssessed => p.venues.venues[0].assessment = None,
        MeasureNotConsidered => p.venues.venues[0]
            .assessment
            .as_mut()
            .unwrap()
            .checks
            .pop()
            .map(drop)
            .unwrap(),
        MeasureNotInPlace => {
            p.venues.venues[0].assessment.as_mut().unwrap().checks[0].status =
                MeasureStatus::NotInPlace;
        }
        NoReferralRoute => p.allegations.referral_route = vec![String::new()],
        NoEvidenceProcedure => p.allegations.evidence_procedure.clear(),
        ReferralNoReference => p.allegations.referrals[0].police_reference.clear(),
        EvidenceNoSeal => p.allegations.referrals[0].evidence[0].seal_number.clear(),
        ReferralTimeLimit => p.allegations.referrals[0].date = as_of().today - Duration::days(320),
        NoPlanReviews => p.key_dates.reviews.clear(),
        PlanReviewOverdue => p.key_dates.reviews[0].done = false,
        ReviewOffTimetable => {
            let r = p
                .key_dates
                .reviews
                .iter_mut()
                .find(|r| r.anchor.is_some())
                .unwrap();
            r.date += Duration::days(1);
        }
        TimetableUnknown => p.overview.poll_date = NaiveDate::from_ymd_opt(2040, 5, 3).unwrap(),
    }
}

#[test]
fn the_valid_plan_has_no_findings() {
    let findings = validate(&valid_plan(), &as_of());
    assert!(findings.is_empty(), "{findings:#?}");
}

#[test]
fn every_rule_fires_on_a_plan_that_breaks_it_and_not_on_one_that_does_not() {
    assert!(Rule::ALL.len() >= 25);
    let base = valid_plan();
    for &rule in Rule::ALL {
        // Heads kept outside the plan are only checked when given.
        let context = if rule == Rule::ReferenceNotReached {
            as_of().against(Reference {
                name: "the police's copy".to_owned(),
                heads: crate::custody::anchors::heads(&base.custody),
            })
        } else {
            as_of()
        };
        let clean = base.clone();
        let clean_codes: Vec<Rule> = validate(&clean, &context)
            .into_iter()
            .map(|f| f.code)
            .collect();
        assert!(
            !clean_codes.contains(&rule),
            "{} fired on the clean plan",
            rule.code()
        );

        let mut broken = base.clone();
        breach(rule, &mut broken);
        let findings = validate(&broken, &context);
        let hit = findings.iter().find(|f| f.code == rule);
        let Some(hit) = hit else {
            panic!("{} did not fire: {findings:#?}", rule.code())
        };
        assert_eq!(hit.severity, rule.severity());
        assert!(!hit.message.trim().is_empty());
    }
}

/// A packet open to public inspection may be opened while retained; one only a court may have
/// opened may not, and `check` says so, naming the packet and the law.
#[test]
fn check_refuses_an_opened_event_only_on_a_packet_a_court_alone_may_open() {
    let mut open = valid_plan();
    opened_packet(&mut open, PacketContents::MarkedRegisters);
    let found = validate(&open, &as_of());
    assert!(
        found.iter().all(|f| f.code != Rule::CourtOnlyPacketOpened),
        "{found:#?}"
    );
    // Adding the packet changed the agreed custody arrangements: nothing else is found.
    assert!(
        found.iter().all(|f| f.code == Rule::SignOffOutdated),
        "{found:#?}"
    );
    for contents in [
        PacketContents::CountedBallotPapers,
        PacketContents::RejectedBallotPapers,
        PacketContents::TenderedBallotPapers,
        PacketContents::CorrespondingNumberLists,
        PacketContents::EmploymentCertificates,
    ] {
        let mut court = valid_plan();
        opened_packet(&mut court, contents);
        let found = validate(&court, &as_of());
        let hit = found
            .iter()
            .find(|f| f.code == Rule::CourtOnlyPacketOpened)
            .unwrap_or_else(|| panic!("{contents:?}: {found:#?}"));
        assert!(hit.message.contains("PKT/1"), "{}", hit.message);
        assert!(hit.message.contains("r. 56"), "{}", hit.message);
        let others = found.iter().filter(|f| f.code != Rule::SignOffOutdated);
        assert_eq!(others.count(), 1, "{found:#?}");
    }
}

/// The printer's rules: each question a reviewer would ask is asked once, and not when answered.
#[test]
fn printer_rules_fire_on_what_is_missing_and_not_otherwise() {
    let printer = |plan: &Plan| -> Vec<String> {
        validate(plan, &as_of())
            .into_iter()
            .filter(|f| f.code.code().starts_with("custody.printer") || f.code == Rule::NoPrinter)
            .map(|f| f.message)
            .collect()
    };
    let base = valid_plan();
    assert!(printer(&base).is_empty());
    // Only announced visits: the unannounced one is asked for.
    let mut p = base.clone();
    p.custody.printer.visits.retain(|v| !v.unannounced);
    let found = printer(&p);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].contains("none was unannounced"), "{}", found[0]);
    // Proofs signed off by nobody named.
    let mut p = base.clone();
    p.custody.printer.proof_signed_off_by = None;
    assert!(printer(&p)[0].contains("by nobody named"));
    // What is missing is listed, once.
    let mut p = base.clone();
    p.custody.printer.live_papers.clear();
    p.custody.printer.secure_delivery = " ".into();
    let found = printer(&p);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].contains("live papers once the official mark is printed, secure delivery"),
        "{}",
        found[0]
    );
    // No printer at all: one finding, not one per missing field.
    let mut p = base;
    p.custody.printer = BallotPrinter::default();
    let found = printer(&p);
    assert_eq!(found.len(), 1, "{found:?}");
}

/// A transfer that sends home addresses carries the home address forms' requests; one that sends no
/// address need not.
#[test]
fn the_home_address_request_travels_with_addresses_sent() {
    let mut p = valid_plan();
    p.candidate_data.transfers[0].addresses_not_public.clear();
    assert!(codes(&p).contains(&Rule::AddressFlagNotSent));
    p.candidate_data.transfers[0]
        .fields
        .retain(|f| *f != CandidateDataField::HomeAddress);
    assert!(!codes(&p).contains(&Rule::AddressFlagNotSent));
}

#[test]
fn codes_are_unique_and_well_formed() {
    let mut seen = std::collections::HashSet::new();
    for rule in Rule::ALL {
        let code = rule.code();
        assert!(seen.insert(code), "duplicate code {code}");
        let (section, name) = code.split_once('.').unwrap();
        assert!(
            ["plan", "signoff", "redaction"].contains(&section)
                || Section::from_key(section).is_some(),
            "{code}"
        );
        assert!(
            !name.is_empty() && name.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
            "{code}"
        );
    }
}

#[test]
fn dangling_references_name_the_field_and_the_entity() {
    let mut p = valid_plan();
    let ghost = PersonId::new();
    p.responsibilities[2].support.push(ghost);
    p.custody.items[0].polling_station = Some(VenueId::new());
    let findings = validate(&p, &as_of());
    let dangling: Vec<&Finding> = findings
        .iter()
        .filter(|f| f.code == Rule::DanglingReference)
        .collect();
    assert_eq!(dangling.len(), 2, "{dangling:#?}");
    let support = dangling
        .iter()
        .find(|f| f.section == Section::Responsibilities)
        .unwrap();
    assert!(
        support.message.contains("a supporter") && support.message.contains(&ghost.to_string())
    );
    assert_eq!(
        support.entity,
        Some(EntityRef::Responsibility(p.responsibilities[2].id))
    );
    assert!(
        dangling
            .iter()
            .any(|f| f.section == Section::Custody && f.message.contains("polling station"))
    );
}

#[test]
fn a_reference_to_the_wrong_kind_of_entity_is_dangling() {
    let mut p = valid_plan();
    let person_as_venue = VenueId(p.people[0].id.0);
    p.events[0].venue = Some(person_as_venue);
    assert!(codes(&p).contains(&Rule::DanglingReference));
}

#[test]
fn indicators_alerting_below_compare_the_other_way() {
    let mut p = valid_plan();
    let i = &mut p.indicators[0];
    i.direction = Direction::Below;
    i.warning_level = Some(10.0);
    i.action_level = Some(5.0);
    i.observations = vec![Observation {
        id: ObservationId::new(),
        date: NaiveDate::from_ymd_opt(2027, 5, 1).unwrap(),
        value: 4.0,
        note: String::new(),
        recorded_by: None,
    }];
    let c = codes(&p);
    assert!(!c.contains(&Rule::WarningBeyondAction));
    assert!(c.contains(&Rule::IndicatorAtAction));
    p.indicators[0].warning_level = Some(3.0);
    assert!(codes(&p).contains(&Rule::WarningBeyondAction));
}

#[test]
fn opening_notice_of_exactly_48_hours_is_enough() {
    let mut p = valid_plan();
    let e = p
        .events
        .iter_mut()
        .find(|e| e.kind == EventKind::PostalVoteOpening)
        .unwrap();
    e.candidates_notified = Some(e.starts_at() - Duration::hours(48));
    assert!(!codes(&p).contains(&Rule::OpeningNoticeShort));
    let e = p
        .events
        .iter_mut()
        .find(|e| e.kind == EventKind::PostalVoteOpening)
        .unwrap();
    e.candidates_notified = Some(e.starts_at() - Duration::hours(48) + Duration::minutes(1));
    assert!(codes(&p).contains(&Rule::OpeningNoticeShort));
}

#[test]
fn closed_risks_need_no_review() {
    let mut p = valid_plan();
    p.risks[0].next_review = None;
    p.risks[0].status = RiskStatus::Closed;
    assert!(!codes(&p).contains(&Rule::RiskNoReviewDate));
}

#[test]
fn out_of_hours_is_required_of_the_feoa_and_a_separate_bridger_contact() {
    let mut p = valid_plan();
    // No separate Operation Bridger contact: the FEOA holds both, and has out-of-hours cover.
    assert!(!codes(&p).contains(&Rule::OutOfHoursRequired));
    let feoa = p.first_with_role(Role::Feoa).unwrap().id;
    let mut bridger = Person::named("Dee Bridger");
    bridger.role = Role::OperationBridger;
    bridger.email = "dee@lowmoor.police.uk".into();
    p.people.push(bridger);
    let found = validate(&p, &as_of());
    let late: Vec<_> = found
        .iter()
        .filter(|f| f.code == Rule::OutOfHoursRequired)
        .collect();
    assert_eq!(late.len(), 1);
    assert!(
        late[0].message.contains("Dee Bridger"),
        "{}",
        late[0].message
    );
    // Covered out of hours by the FEOA: enough.
    p.people.last_mut().unwrap().out_of_hours_cover = Some(feoa);
    assert!(!codes(&p).contains(&Rule::OutOfHoursRequired));
    // The FEOA without an out-of-hours number or cover is an error.
    let x = with_role(&mut p, Role::Feoa);
    x.phones.retain(|ph| ph.kind != PhoneKind::OutOfHours);
    assert!(codes(&p).contains(&Rule::OutOfHoursRequired));
    assert_eq!(Rule::OutOfHoursRequired.severity(), Severity::Error);
}

#[test]
fn a_period_route_with_its_own_number_needs_no_phone_for_its_person() {
    let mut p = valid_plan();
    let printer = with_role(&mut p, Role::Printer);
    printer.phones.clear();
    let printer = printer.id;
    p.escalation[0].polling_day = PeriodRoute {
        contact: Some(printer),
        name: String::new(),
        number: "01632 960 900".into(),
    };
    assert!(!codes(&p).contains(&Rule::EscalationContactNoPhone));
    p.escalation[0].polling_day.number.clear();
    let found = validate(&p, &as_of());
    let f = found
        .iter()
        .find(|f| f.code == Rule::EscalationContactNoPhone)
        .unwrap();
    assert!(
        f.message.contains("polling-day contact Kit Doyle"),
        "{}",
        f.message
    );
}

#[test]
fn the_count_search_is_compared_with_the_first_receipt_or_else_the_count_start() {
    let mut p = valid_plan();
    let first = p.custody.first_receipt_recorded().unwrap().at;
    let search = |p: &mut Plan, at| p.custody.count_security.search.signed_off_at = Some(at);
    search(&mut p, first - Duration::minutes(1));
    assert!(!codes(&p).contains(&Rule::CountSearchLate));
    search(&mut p, first);
    let found = validate(&p, &as_of());
    let late = found
        .iter()
        .find(|f| f.code == Rule::CountSearchLate)
        .unwrap();
    assert!(
        late.message
            .contains("first receipt at the count recorded in the custody log"),
        "{}",
        late.message
    );
    // With no receipt recorded yet, the start of the count is what the search must precede.
    p.custody.events.clear();
    p.custody.anchors.clear();
    let count = p
        .events
        .iter()
        .find(|e| e.kind == EventKind::Count)
        .unwrap();
    let start = count.starts_at();
    let arrival = p.first_arrival_at_count().unwrap();
    assert_eq!(arrival.at, start);
    assert!(arrival.what.contains("the start of the count"));
    search(&mut p, start - Duration::minutes(1));
    assert!(!codes(&p).contains(&Rule::CountSearchLate));
    search(&mut p, start + Duration::minutes(1));
    assert!(codes(&p).contains(&Rule::CountSearchLate));
}

#[test]
fn police_not_attending_the_count_is_a_valid_choice() {
    let mut p = valid_plan();
    p.custody.count_security.police = PoliceAttendance {
        decision: PoliceAttendanceDecision::NotAttending,
        ..PoliceAttendance::default()
    };
    assert!(!codes(&p).contains(&Rule::CountPoliceUndecided));
    p.custody.count_security.police.decision = PoliceAttendanceDecision::Undecided;
    assert!(codes(&p).contains(&Rule::CountPoliceUndecided));
}

/// The `signoff.outdated` findings of `plan`, with their severity.
fn outdated(plan: &Plan) -> Vec<(Severity, String)> {
    validate(plan, &as_of())
        .into_iter()
        .filter(|f| f.code == Rule::SignOffOutdated)
        .map(|f| (f.severity, f.message))
        .collect()
}

#[test]
fn a_material_change_after_agreement_names_exactly_the_changed_sections() {
    let mut p = valid_plan();
    assert!(outdated(&p).is_empty());
    p.people[0].phones[0].number = "01632 960999".to_owned();
    p.escalation[0]
        .trigger
        .push_str(" or a threat made in person");
    let found = outdated(&p);
    assert_eq!(
        found.len(),
        1,
        "one for the roles that agreed the same copy: {found:#?}"
    );
    let (severity, message) = &found[0];
    assert_eq!(*severity, Severity::Error);
    assert!(
        message.starts_with(
            "People and roles, Safety concerns and escalation changed since version 1.1 agreed \
             15 March 2027 by the Returning Officer, Police election SPOC and Force \
             elected-official adviser (FEOA);"
        ),
        "{message}"
    );
    // Moving the plan back to draft is not a change of the arrangements; it only makes the
    // finding a warning.
    p.overview.status = PlanStatus::Draft;
    assert!(outdated(&p).iter().all(|(s, _)| *s == Severity::Warning));
}

#[test]
fn a_new_copy_agreed_clears_the_outdated_agreement_and_keeps_the_old_one_as_superseded() {
    let mut p = valid_plan();
    p.escalation[0]
        .trigger
        .push_str(" or a threat made in person");
    assert!(!outdated(&p).is_empty());
    crate::test_support::agree(&mut p);
    assert!(outdated(&p).is_empty());
    assert!(p.overview.sign_offs.iter().all(|s| s.superseded.len() == 1));
}

#[test]
fn an_agreement_to_a_copy_not_in_the_log_is_a_dangling_reference() {
    let mut p = valid_plan();
    p.overview.issued_copies.clear();
    let found = validate(&p, &as_of());
    let dangling: Vec<&Finding> = found
        .iter()
        .filter(|f| f.code == Rule::DanglingReference)
        .collect();
    assert_eq!(dangling.len(), SignOffRole::ALL.len(), "{found:#?}");
    assert!(
        dangling[0]
            .message
            .contains("the copy it approves refers to a recorded copy")
    );
}

#[test]
fn a_leak_says_where_and_what_and_goes_when_the_text_is_marked_full_copy_only() {
    let mut p = valid_plan();
    let address = p.hotspots[0].address.clone();
    p.risks[1].description = format!("Patrols past {address} after dispatch.");
    let leaks: Vec<Finding> = validate(&p, &as_of())
        .into_iter()
        .filter(|f| f.code == Rule::RedactionLeak)
        .collect();
    assert_eq!(leaks.len(), 1, "{leaks:#?}");
    let leak = &leaks[0];
    assert_eq!(leak.section, Section::Risks);
    assert_eq!(leak.entity, Some(EntityRef::Risk(p.risks[1].id)));
    assert!(leak.message.contains(&address), "{}", leak.message);
    assert!(
        leak.message.contains("Riverside Court care home"),
        "{}",
        leak.message
    );
    // The risk itself withheld from the redacted copy: nothing leaks.
    p.risks[1].handling = Handling::FullCopyOnly;
    assert!(!codes(&p).contains(&Rule::RedactionLeak));
    // The hotspot shown in both copies: nothing to leak.
    p.risks[1].handling = Handling::Both;
    p.hotspots[0].handling = Handling::Both;
    assert!(!codes(&p).contains(&Rule::RedactionLeak));
}

#[test]
fn a_custody_event_quoting_a_withheld_address_is_one_leak_in_the_custody_log() {
    let mut p = valid_plan();
    let address = p.hotspots[0].address.clone();
    let item = p.custody.items[0].id;
    let first = p.custody.events[0].at;
    crate::custody::chain::record(
        &mut p.custody,
        "laptop-9",
        crate::custody::chain::NewEvent {
            item,
            at: first,
            stage: CustodyStage::Printing,
            location: "Printer".to_owned(),
            from: String::new(),
            to: "Elections office".to_owned(),
            seals_seen: vec![],
            seals_intact: true,
            witness: "A. Witness".to_owned(),
            notes: format!("Driver stopped at {address} on the way."),
            corrects: None,
        },
    );
    let leaks: Vec<Finding> = validate(&p, &as_of())
        .into_iter()
        .filter(|f| f.code == Rule::RedactionLeak)
        .collect();
    assert_eq!(leaks.len(), 1, "{leaks:#?}");
    assert_eq!(leaks[0].section, Section::Custody);
    assert_eq!(leaks[0].entity, None);
    assert!(
        leaks[0]
            .message
            .starts_with("The custody arrangements or log quotes")
    );
    assert!(leaks[0].message.contains(&address), "{}", leaks[0].message);
}

#[test]
fn the_redacted_copy_leaves_out_findings_about_what_it_withholds() {
    let mut p = valid_plan();
    p.hotspots[0].owner = None;
    p.hotspots[0].mitigation.clear();
    let all = validate(&p, &as_of());
    assert!(all.iter().any(|f| f.code == Rule::HotspotNoOwner));
    let full = validate_copy(&p, Profile::Full, &as_of());
    assert_eq!(full.shown, all);
    assert_eq!(full.withheld, 0);
    let redacted = validate_copy(&p, Profile::Redacted, &as_of());
    assert!(
        redacted
            .shown
            .iter()
            .all(|f| !f.message.contains("Riverside")),
        "{redacted:#?}"
    );
    assert_eq!(redacted.withheld, 2);
}
