#![allow(clippy::unwrap_used)]

use super::*;
use crate::law::law;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn contest(election: ElectionType, nation: Nation, poll: NaiveDate) -> Contest {
    contest_under_law(
        &format!("{} contest", election.label()),
        election,
        nation,
        poll,
    )
}

fn voting(election: ElectionType, nation: Nation) -> VotingLaw {
    law()
        .unwrap()
        .contest(election)
        .unwrap()
        .voting(nation, date(2027, 5, 6))
        .unwrap()
        .clone()
}

/// SI 2001/341 reg. 82A(1) and 82B; SI 2001/497 reg. 82B; not at devolved Scottish and Welsh
/// polls.
#[test]
fn the_handing_in_limit_applies_where_reg_82b_does_and_nowhere_else() {
    use ElectionType::*;
    use Nation::*;
    for (election, nation) in [
        (UkParliamentary, England),
        (UkParliamentary, Wales),
        (UkParliamentary, Scotland),
        (UkParliamentaryByElection, Scotland),
        (EnglishLocal, England),
        (EnglishParish, England),
        (Gla, England),
        (Mayor, England),
        (Pcc, England),
        (Pcc, Wales),
    ] {
        let v = voting(election, nation);
        assert_eq!(
            v.handing_in,
            HandingIn::Limit { others: 5 },
            "{election:?} in {nation:?}"
        );
        assert!(v.handing_in_source.contains("82B"), "{election:?}");
        assert!(
            v.campaigners.as_deref().unwrap().contains("112A"),
            "{election:?}"
        );
    }
    for (election, nation) in [
        (ScottishParliament, Scotland),
        (ScottishLocal, Scotland),
        (Senedd, Wales),
        (WelshLocal, Wales),
        (WelshCommunity, Wales),
    ] {
        let v = voting(election, nation);
        assert_eq!(v.handing_in, HandingIn::None, "{election:?}");
        assert_eq!(v.campaigners, None, "{election:?}: no s. 112A offence");
    }
    // Northern Ireland's 2024 scheme (SI 2024/319; SI 2024/382): a limit whose number is not
    // held.
    for election in [UkParliamentary, NiAssembly, NiLocal] {
        let v = voting(election, NorthernIreland);
        assert_eq!(v.handing_in, HandingIn::NotHeld, "{election:?}");
        assert!(v.handing_in_source.contains("84C") || v.handing_in_source.contains("15C"));
    }
}

/// RPA 1983 s. 61(1A) (Elections Act 2022 Sch. 4); SSI 2015/425 art. 10(5); RPA 2000 Sch. 4
/// para. 6.
#[test]
fn proxy_limits_follow_each_contest_law() {
    use ElectionType::*;
    use Nation::*;
    let capped = Proxies::Capped {
        total: 4,
        domestic: 2,
    };
    for (election, nation) in [
        (UkParliamentary, England),
        (UkParliamentary, NorthernIreland),
        (EnglishLocal, England),
        (Pcc, Wales),
        (NiLocal, NorthernIreland),
        (NiAssembly, NorthernIreland),
    ] {
        assert_eq!(voting(election, nation).proxies, capped, "{election:?}");
    }
    let two = Proxies::CloseRelatives { others: 2 };
    for (election, nation) in [
        (ScottishParliament, Scotland),
        (ScottishLocal, Scotland),
        (Senedd, Wales),
        (WelshLocal, Wales),
    ] {
        let v = voting(election, nation);
        assert_eq!(v.proxies, two, "{election:?}");
        assert!(!v.proxies_source.is_empty());
    }
    assert!(
        voting(ScottishParliament, Scotland)
            .proxies_source
            .contains("art. 10(5)")
    );
}

/// Voter Identification Regulations 2022 (SI 2022/1382); RPA 1983 s. 13C in Northern Ireland.
#[test]
fn voter_id_applies_per_contest() {
    use ElectionType::*;
    use Nation::*;
    for (election, nation) in [
        (UkParliamentary, Scotland),
        (Pcc, Wales),
        (EnglishLocal, England),
        (EnglishParish, England),
    ] {
        assert_eq!(voting(election, nation).voter_id, VoterId::PhotoId);
    }
    for (election, nation) in [
        (ScottishParliament, Scotland),
        (ScottishLocal, Scotland),
        (Senedd, Wales),
        (WelshLocal, Wales),
        (WelshCommunity, Wales),
    ] {
        assert_eq!(voting(election, nation).voter_id, VoterId::None);
    }
    for election in [UkParliamentary, NiAssembly, NiLocal] {
        assert_eq!(
            voting(election, NorthernIreland).voter_id,
            VoterId::NorthernIreland
        );
    }
}

#[test]
fn a_welsh_pcc_poll_and_a_welsh_council_by_election_differ_by_ballot() {
    let poll = date(2028, 5, 4);
    let pcc = contest(ElectionType::Pcc, Nation::Wales, poll);
    let council = contest(ElectionType::WelshLocal, Nation::Wales, poll);
    let both = [pcc.clone(), council.clone()];
    let law = law().unwrap();
    let handing = indicator_law(law, &both, IndicatorKind::PostalVotesHandedInByOnePerson);
    assert_eq!(
        handing,
        IndicatorLaw::Limit {
            limit: 5,
            contests: vec![pcc.id],
            sources: match &handing {
                IndicatorLaw::Limit { sources, .. } => sources.clone(),
                _ => unreachable!(),
            },
        },
        "only the PCC ballot is under reg. 82B"
    );
    let proxies = indicator_law(law, &both, IndicatorKind::ProxiesHeldByOnePerson);
    assert!(matches!(
        proxies,
        IndicatorLaw::Limit { limit: 4, ref contests, .. } if contests == &vec![pcc.id]
    ));
    let relatives = indicator_law(law, &both, IndicatorKind::NonRelativeProxiesHeldByOnePerson);
    assert!(matches!(
        relatives,
        IndicatorLaw::Limit { limit: 2, ref contests, .. } if contests == &vec![council.id]
    ));
}

#[test]
fn outside_the_scope_no_limit_judges_the_indicator() {
    let poll = date(2026, 5, 7);
    let scottish = [contest(
        ElectionType::ScottishParliament,
        Nation::Scotland,
        poll,
    )];
    assert_eq!(
        statutory_limit(&scottish, IndicatorKind::PostalVotesHandedInByOnePerson),
        None
    );
    assert_eq!(
        indicator_law(
            law().unwrap(),
            &scottish,
            IndicatorKind::PostalVotesHandedInByOnePerson
        ),
        IndicatorLaw::NotApplicable
    );
    let english = [contest(ElectionType::EnglishLocal, Nation::England, poll)];
    assert_eq!(
        statutory_limit(&english, IndicatorKind::PostalVotesHandedInByOnePerson),
        Some(5.0)
    );
    let ni = [contest(
        ElectionType::NiLocal,
        Nation::NorthernIreland,
        date(2027, 5, 6),
    )];
    assert!(matches!(
        indicator_law(
            law().unwrap(),
            &ni,
            IndicatorKind::PostalVotesHandedInByOnePerson
        ),
        IndicatorLaw::NotHeld { .. }
    ));
}

#[test]
fn a_poll_before_the_data_states_the_law_is_not_guessed() {
    let law = law().unwrap();
    let c = law.contest(ElectionType::EnglishLocal).unwrap();
    assert_eq!(
        c.voting(Nation::England, date(2023, 5, 4)),
        Err(NotHeld::Before(date(2024, 5, 2)))
    );
    assert_eq!(
        c.voting(Nation::Scotland, date(2027, 5, 6)),
        Err(NotHeld::Nation)
    );
}

#[test]
fn officers_are_those_each_law_names() {
    let law = law().unwrap();
    use ElectionType::*;
    use OfficerRole::*;
    let may = |e: ElectionType, n: Nation, r: OfficerRole| {
        law.contest(e).unwrap().officer(r, n).is_some()
    };
    assert!(may(
        UkParliamentary,
        Nation::England,
        ActingReturningOfficer
    ));
    assert!(!may(
        UkParliamentary,
        Nation::NorthernIreland,
        ActingReturningOfficer
    ));
    assert!(may(
        UkParliamentary,
        Nation::NorthernIreland,
        ChiefElectoralOfficer
    ));
    assert!(may(Pcc, Nation::Wales, PoliceAreaReturningOfficer));
    assert!(may(Pcc, Nation::England, LocalReturningOfficer));
    assert!(!may(Pcc, Nation::England, ReturningOfficer));
    assert!(may(
        Mayor,
        Nation::England,
        CombinedAuthorityReturningOfficer
    ));
    assert!(may(Gla, Nation::England, GreaterLondonReturningOfficer));
    assert!(may(
        ScottishParliament,
        Nation::Scotland,
        RegionalReturningOfficer
    ));
    assert!(may(
        NiLocal,
        Nation::NorthernIreland,
        DeputyReturningOfficer
    ));
    assert!(may(LocalReferendum, Nation::England, CountingOfficer));
    assert!(!may(EnglishLocal, Nation::England, CountingOfficer));
}
