//! Every kind of election checked against a timetable the Electoral Commission, a council or
//! Parliament published (cited at each test), and the calendar cases the law turns on: St Andrew's
//! Day, Easter in Scotland, Christmas and New Year, the Coronation holiday, a writ window and a
//! vacancy window.

use chrono::NaiveDate;

use super::*;
use crate::model::ElectionType::*;
use crate::model::Milestone::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn table(election: ElectionType, poll: NaiveDate, nation: Option<Nation>) -> Timetable {
    compute(&Request {
        nation,
        ..Request::new(election, poll)
    })
    .unwrap_or_else(|e| panic!("{} {poll}: {e}", election.key()))
}

/// Asserts each milestone falls on the published date (and time, where one is given).
fn published(t: &Timetable, expected: &[(Milestone, NaiveDate, Option<&str>)]) {
    for (milestone, date, time) in expected {
        let entry = t
            .entry(*milestone)
            .unwrap_or_else(|| panic!("{} has no {}", t.election.key(), milestone.key()));
        assert_eq!(
            entry.date,
            *date,
            "{} {}: {}",
            t.election.key(),
            t.poll,
            milestone.key()
        );
        if let Some(time) = time {
            assert_eq!(
                entry.time.map(|t| t.format("%H:%M").to_string()).as_deref(),
                Some(*time),
                "{} {}",
                t.election.key(),
                milestone.key()
            );
        }
        assert!(!entry.source.is_empty());
    }
}

#[test]
fn the_2024_general_election_in_england_and_northern_ireland() {
    // Electoral Commission timetable for 4 July 2024 (as reprinted by Comhairle nan Eilean Siar and
    // the House of Commons Library); Northern Ireland absent votes: BBC News, 14 June 2024.
    let t = table(UkParliamentary, d(2024, 7, 4), None);
    published(
        &t,
        &[
            (Dissolution, d(2024, 5, 30), None),
            (NoticeOfElection, d(2024, 6, 4), Some("16:00")),
            (CloseOfNominations, d(2024, 6, 7), Some("16:00")),
            (StatementOfPersonsNominated, d(2024, 6, 7), Some("17:00")),
            (RegistrationDeadline, d(2024, 6, 18), Some("23:59")),
            (PostalVoteDeadline, d(2024, 6, 19), Some("17:00")),
            (ProxyDeadline, d(2024, 6, 26), Some("17:00")),
            (
                VoterAuthorityCertificateDeadline,
                d(2024, 6, 26),
                Some("17:00"),
            ),
            (AgentsAppointmentDeadline, d(2024, 6, 27), None),
            (ReplacementPostalVotesFrom, d(2024, 6, 28), None),
            (EmergencyProxyDeadline, d(2024, 7, 4), Some("17:00")),
            (Poll, d(2024, 7, 4), Some("07:00")),
        ],
    );
    assert!(
        t.entry(NoticeOfElectionEarliest).is_none(),
        "no notice window"
    );
    let ni = table(
        UkParliamentary,
        d(2024, 7, 4),
        Some(Nation::NorthernIreland),
    );
    published(
        &ni,
        &[
            (PostalVoteDeadline, d(2024, 6, 14), Some("17:00")),
            (ProxyDeadline, d(2024, 6, 14), Some("17:00")),
        ],
    );
    assert!(
        ni.entry(VoterAuthorityCertificateDeadline).is_none(),
        "no Voter Authority Certificate in Northern Ireland"
    );
}

#[test]
fn the_2019_general_election_across_st_andrews_day() {
    // Swansea Council, Uttlesford District Council and West Norfolk timetables for 12 December
    // 2019; House of Commons Library CBP-8728. St Andrew's Day (2 December, Scotland) is
    // disregarded by the election timetable everywhere, so nominations closed on 14 November and
    // postal applications on 26 November; registration is counted in England's own calendar (26
    // November), and in Scotland the Early Parliamentary General Election Act 2019 s. 1(4) held it
    // to 26 November too.
    let t = table(UkParliamentary, d(2019, 12, 12), Some(Nation::Wales));
    published(
        &t,
        &[
            (Dissolution, d(2019, 11, 6), None),
            (NoticeOfElection, d(2019, 11, 11), Some("16:00")),
            (CloseOfNominations, d(2019, 11, 14), Some("16:00")),
            (StatementOfPersonsNominated, d(2019, 11, 14), Some("17:00")),
            (RegistrationDeadline, d(2019, 11, 26), None),
            (PostalVoteDeadline, d(2019, 11, 26), Some("17:00")),
            (ProxyDeadline, d(2019, 12, 4), Some("17:00")),
            (AgentsAppointmentDeadline, d(2019, 12, 5), None),
            (ReplacementPostalVotesFrom, d(2019, 12, 6), None),
        ],
    );
    let scotland = table(UkParliamentary, d(2019, 12, 12), Some(Nation::Scotland));
    assert_eq!(
        scotland.date_of(RegistrationDeadline),
        Some(d(2019, 11, 26))
    );
    assert_eq!(
        scotland.rules.key,
        "uk-parliamentary/2019-early-general-election"
    );
}

#[test]
fn a_general_election_on_7_january_2027_counts_christmas_eve_out() {
    // Worked from the law: 6 working days before Thursday 7 January 2027, passing over New Year's
    // Day, Scotland's 2 January substitute (4 January), the Boxing Day substitute (28 December),
    // Christmas Day and Christmas Eve.
    let england = table(UkParliamentary, d(2027, 1, 7), Some(Nation::England));
    assert_eq!(england.date_of(ProxyDeadline), Some(d(2026, 12, 23)));
    assert!(
        england
            .entry(ProxyDeadline)
            .unwrap()
            .source
            .contains("reg. 56(2)")
    );
    // Registration is counted in each elector's own calendar: Scotland's 4 January holiday makes
    // its deadline a day earlier than England's.
    let scotland = table(UkParliamentary, d(2027, 1, 7), Some(Nation::Scotland));
    assert_eq!(england.date_of(RegistrationDeadline), Some(d(2026, 12, 16)));
    assert_eq!(
        scotland.date_of(RegistrationDeadline),
        Some(d(2026, 12, 15))
    );
    let source = england.entry(RegistrationDeadline).unwrap().source;
    assert!(source.contains("reg. 8(3)"), "{source}");
}

#[test]
fn a_northern_ireland_general_election_across_easter() {
    // EONI notice of election for 7 May 2015: postal and proxy applications by 5pm on Thursday 16
    // April 2015, with Good Friday and Easter Monday passed over.
    let t = table(
        UkParliamentary,
        d(2015, 5, 7),
        Some(Nation::NorthernIreland),
    );
    published(&t, &[(PostalVoteDeadline, d(2015, 4, 16), Some("17:00"))]);
}

#[test]
fn a_parliamentary_by_election_across_st_andrews_day_and_its_writ_window() {
    // North Shropshire by-election, 16 December 2021 (Shropshire Council; Shropshire Star):
    // nominations closed at 4pm on 19 November, registration at midnight on 30 November (St
    // Andrew's Day is not an English holiday), postal applications at 5pm on 1 December, proxies at
    // 5pm on 8 December.
    let request = Request {
        nomination_day: Some(d(2021, 11, 19)),
        ..Request::new(UkParliamentaryByElection, d(2021, 12, 16))
    };
    let t = compute(&request).unwrap();
    published(
        &t,
        &[
            (CloseOfNominations, d(2021, 11, 19), Some("16:00")),
            (StatementOfPersonsNominated, d(2021, 11, 19), Some("17:00")),
            (RegistrationDeadline, d(2021, 11, 30), None),
            (PostalVoteDeadline, d(2021, 12, 1), Some("17:00")),
            (ProxyDeadline, d(2021, 12, 8), Some("17:00")),
        ],
    );
    assert!(t.entry(NoticeOfElection).is_none(), "needs the writ");
    assert!(t.notes.iter().any(|n| n.contains("--writ-date")));
    // The poll must be 17 to 19 working days after the last day for nominations.
    let early = Request {
        nomination_day: Some(d(2021, 11, 12)),
        ..request.clone()
    };
    let TimetableError::OutsideWindow(why) = compute(&early).unwrap_err() else {
        panic!("the window is checked");
    };
    assert!(
        why.contains("24 working days after") && why.contains("17 to 19"),
        "{why}"
    );
    // With the writ: the notice is due by the second working day after it, and the nomination day
    // may be no later than the seventh.
    let with_writ = Request {
        writ: Some(d(2021, 11, 10)),
        ..request.clone()
    };
    let t = compute(&with_writ).unwrap();
    assert_eq!(t.date_of(NoticeOfElection), Some(d(2021, 11, 12)));
    let late = Request {
        writ: Some(d(2021, 11, 5)),
        ..request
    };
    let TimetableError::OutsideWindow(why) = compute(&late).unwrap_err() else {
        panic!("the nomination day is checked against the writ");
    };
    assert!(
        why.contains("too late") && why.contains("Tuesday 16 November 2021"),
        "{why}"
    );
}

#[test]
fn english_local_elections_of_2024_and_2025() {
    // Electoral Commission media guide, local elections in England, 2 May 2024 (Easter inside the
    // period).
    let t = table(EnglishLocal, d(2024, 5, 2), None);
    published(
        &t,
        &[
            (NoticeOfElection, d(2024, 3, 26), None),
            (CloseOfNominations, d(2024, 4, 5), Some("16:00")),
            (StatementOfPersonsNominated, d(2024, 4, 8), Some("16:00")),
            (RegistrationDeadline, d(2024, 4, 16), None),
            (PostalVoteDeadline, d(2024, 4, 17), Some("17:00")),
            (ProxyDeadline, d(2024, 4, 24), Some("17:00")),
            (
                VoterAuthorityCertificateDeadline,
                d(2024, 4, 24),
                Some("17:00"),
            ),
            (Poll, d(2024, 5, 2), None),
        ],
    );
    assert_eq!(
        t.entry(NoticeOfElection).unwrap().time,
        None,
        "the law sets no time"
    );
    // Stroud District Council, Gloucestershire County Council elections and Stroud Central ward
    // by-election, 1 May 2025.
    let stroud = [
        (NoticeOfElection, d(2025, 3, 25), None),
        (CloseOfNominations, d(2025, 4, 2), Some("16:00")),
        (RegistrationDeadline, d(2025, 4, 11), None),
        (PostalVoteDeadline, d(2025, 4, 14), None),
        (ProxyDeadline, d(2025, 4, 23), None),
        (VoterAuthorityCertificateDeadline, d(2025, 4, 23), None),
        (AgentsAppointmentDeadline, d(2025, 4, 24), None),
        (ReplacementPostalVotesFrom, d(2025, 4, 25), None),
    ];
    published(&table(EnglishLocal, d(2025, 5, 1), None), &stroud);
    published(&table(EnglishLocalByElection, d(2025, 5, 1), None), &stroud);
}

#[test]
fn an_english_council_by_election_is_held_within_35_working_days_of_the_vacancy() {
    // LGA 1972 s. 89(1): a vacancy notified on Monday 3 March 2025 must be filled by Wednesday 23
    // April 2025, 35 working days later, Good Friday and Easter Monday passed over.
    let request = Request {
        vacancy: Some(d(2025, 3, 3)),
        ..Request::new(EnglishLocalByElection, d(2025, 4, 17))
    };
    let t = compute(&request).unwrap();
    assert!(
        t.notes
            .iter()
            .any(|n| n.contains("Wednesday 23 April 2025")),
        "{:?}",
        t.notes
    );
    let late = Request {
        poll: d(2025, 5, 1),
        ..request
    };
    let TimetableError::OutsideWindow(why) = compute(&late).unwrap_err() else {
        panic!("the vacancy window is checked");
    };
    assert!(
        why.contains("within 35 working days") && why.contains("s. 89(1)"),
        "{why}"
    );
}

#[test]
fn an_english_parish_by_election() {
    // Solihull MBC, Dickens Heath Parish Council by-election, 7 April 2022.
    published(
        &table(EnglishParish, d(2022, 4, 7), None),
        &[
            (NoticeOfElection, d(2022, 3, 3), None),
            (CloseOfNominations, d(2022, 3, 11), Some("16:00")),
            (StatementOfPersonsNominated, d(2022, 3, 14), Some("16:00")),
            (RegistrationDeadline, d(2022, 3, 22), None),
            (PostalVoteDeadline, d(2022, 3, 23), Some("17:00")),
            (ProxyDeadline, d(2022, 3, 30), Some("17:00")),
            (AgentsAppointmentDeadline, d(2022, 3, 31), None),
            (ReplacementPostalVotesFrom, d(2022, 4, 1), None),
        ],
    );
}

#[test]
fn welsh_city_and_community_councils_in_2022() {
    // Newport City Council, city and community council elections of 5 May 2022 (the first under the
    // Welsh rules of 2021; Easter in the period; no voter ID in Wales).
    let newport = [
        (NoticeOfElection, d(2022, 3, 28), None),
        (CloseOfNominations, d(2022, 4, 5), Some("16:00")),
        (StatementOfPersonsNominated, d(2022, 4, 6), Some("16:00")),
        (RegistrationDeadline, d(2022, 4, 14), None),
        (PostalVoteDeadline, d(2022, 4, 19), Some("17:00")),
        (ProxyDeadline, d(2022, 4, 26), Some("17:00")),
        (AgentsAppointmentDeadline, d(2022, 4, 27), None),
        (ReplacementPostalVotesFrom, d(2022, 4, 28), None),
    ];
    for election in [WelshLocal, WelshCommunity] {
        let t = table(election, d(2022, 5, 5), None);
        assert_eq!(t.nation, Nation::Wales);
        assert!(t.rules.key.ends_with("/2021"), "{}", t.rules.key);
        published(&t, &newport);
        assert!(t.entry(VoterAuthorityCertificateDeadline).is_none());
    }
    assert!(
        table(WelshLocal, d(2017, 5, 4), None)
            .rules
            .key
            .ends_with("/2006")
    );
}

#[test]
fn police_and_crime_commissioners_in_england_and_wales() {
    // Electoral Commission media handbook, 2 May 2024; Gwynedd Council for Wales.
    let t = table(Pcc, d(2024, 5, 2), None);
    published(
        &t,
        &[
            (NoticeOfElection, d(2024, 3, 26), None),
            (CloseOfNominations, d(2024, 4, 5), Some("16:00")),
            (StatementOfPersonsNominated, d(2024, 4, 8), Some("16:00")),
            (RegistrationDeadline, d(2024, 4, 16), None),
            (PostalVoteDeadline, d(2024, 4, 17), Some("17:00")),
            (ProxyDeadline, d(2024, 4, 24), Some("17:00")),
            (
                VoterAuthorityCertificateDeadline,
                d(2024, 4, 24),
                Some("17:00"),
            ),
        ],
    );
    let wales = table(Pcc, d(2024, 5, 2), Some(Nation::Wales));
    published(
        &wales,
        &[
            (CloseOfNominations, d(2024, 4, 5), Some("16:00")),
            (StatementOfPersonsNominated, d(2024, 4, 8), Some("16:00")),
        ],
    );
    assert!(
        wales.entry(VoterAuthorityCertificateDeadline).is_some(),
        "voter ID at PCC polls in Wales"
    );
}

#[test]
fn combined_authority_mayors() {
    // West of England Combined Authority, 6 May 2021 (chooseyourmayor.org).
    published(
        &table(Mayor, d(2021, 5, 6), None),
        &[
            (NoticeOfElection, d(2021, 3, 29), None),
            (CloseOfNominations, d(2021, 4, 8), Some("16:00")),
            (StatementOfPersonsNominated, d(2021, 4, 9), Some("16:00")),
            (RegistrationDeadline, d(2021, 4, 19), None),
            (PostalVoteDeadline, d(2021, 4, 20), Some("17:00")),
            (ProxyDeadline, d(2021, 4, 27), Some("17:00")),
        ],
    );
    // West Midlands Combined Authority, 2 May 2024.
    published(
        &table(Mayor, d(2024, 5, 2), None),
        &[
            (CloseOfNominations, d(2024, 4, 5), Some("16:00")),
            (StatementOfPersonsNominated, d(2024, 4, 8), Some("16:00")),
            (RegistrationDeadline, d(2024, 4, 16), None),
            (PostalVoteDeadline, d(2024, 4, 17), Some("17:00")),
            (
                VoterAuthorityCertificateDeadline,
                d(2024, 4, 24),
                Some("17:00"),
            ),
        ],
    );
}

#[test]
fn the_greater_london_authority_in_2024() {
    // London Elects and the London Borough of Lambeth, 2 May 2024.
    published(
        &table(Gla, d(2024, 5, 2), None),
        &[
            (NoticeOfElection, d(2024, 3, 19), None),
            (CloseOfNominations, d(2024, 3, 27), Some("16:00")),
            (StatementOfPersonsNominated, d(2024, 4, 2), Some("16:00")),
            (RegistrationDeadline, d(2024, 4, 16), None),
            (PostalVoteDeadline, d(2024, 4, 17), Some("17:00")),
            (ProxyDeadline, d(2024, 4, 24), Some("17:00")),
            (
                VoterAuthorityCertificateDeadline,
                d(2024, 4, 24),
                Some("17:00"),
            ),
            (ReplacementPostalVotesFrom, d(2024, 4, 26), None),
        ],
    );
}

#[test]
fn the_scottish_parliament_across_easter_in_2016_and_2021() {
    // Comhairle nan Eilean Siar and Lothian Valuation Joint Board, 6 May 2021: Easter Monday (5
    // April) is disregarded, so nominations closed on 31 March; the 2021 Act moved the postal
    // deadline to 6 April.
    let t = table(ScottishParliament, d(2021, 5, 6), None);
    published(
        &t,
        &[
            (NoticeOfElectionEarliest, d(2021, 3, 15), None),
            (NoticeOfElection, d(2021, 3, 24), None),
            (CloseOfNominations, d(2021, 3, 31), Some("16:00")),
            (RegistrationDeadline, d(2021, 4, 19), None),
            (PostalVoteDeadline, d(2021, 4, 6), Some("17:00")),
            (ProxyDeadline, d(2021, 4, 27), Some("17:00")),
            (EmergencyProxyDeadline, d(2021, 5, 6), Some("17:00")),
        ],
    );
    // Electoral Commission timetable, 5 May 2016: notice between 14 and 23 March, nominations 1
    // April.
    published(
        &table(ScottishParliament, d(2016, 5, 5), None),
        &[
            (NoticeOfElectionEarliest, d(2016, 3, 14), None),
            (NoticeOfElection, d(2016, 3, 23), None),
            (CloseOfNominations, d(2016, 4, 1), Some("16:00")),
        ],
    );
    assert!(t.entry(VoterAuthorityCertificateDeadline).is_none());
}

#[test]
fn scottish_councils_across_easter_and_st_andrews_day() {
    // Dumfries and Galloway Council, 5 May 2022: nominations 30 March (Easter Monday disregarded by
    // the election rules), registration on Easter Monday itself, 18 April (the registration
    // regulations do not disregard it).
    published(
        &table(ScottishLocal, d(2022, 5, 5), None),
        &[
            (NoticeOfElectionEarliest, d(2022, 3, 14), None),
            (CloseOfNominations, d(2022, 3, 30), Some("16:00")),
            (RegistrationDeadline, d(2022, 4, 18), None),
            (PostalVoteDeadline, d(2022, 4, 19), Some("17:00")),
            (ProxyDeadline, d(2022, 4, 26), Some("17:00")),
        ],
    );
    // Dumfries and Galloway, Mid Galloway and Wigtown West by-election, 8 December 2022, across St
    // Andrew's Day (30 November).
    published(
        &table(ScottishLocal, d(2022, 12, 8), None),
        &[
            (NoticeOfElectionEarliest, d(2022, 10, 19), None),
            (NoticeOfElection, d(2022, 10, 28), None),
            (CloseOfNominations, d(2022, 11, 4), Some("16:00")),
            (RegistrationDeadline, d(2022, 11, 21), None),
            (PostalVoteDeadline, d(2022, 11, 22), Some("17:00")),
            (ProxyDeadline, d(2022, 11, 29), Some("17:00")),
            (AgentsAppointmentDeadline, d(2022, 12, 1), None),
            (ReplacementPostalVotesFrom, d(2022, 12, 2), None),
        ],
    );
}

#[test]
fn a_scottish_by_election_timetable_across_christmas_and_new_year() {
    // East Dunbartonshire Council, Kirkintilloch East and North and Twechar by-election, 13
    // February 2025: the notice was published on 3 January 2025 and nominations closed on 13
    // January. The notice window runs back across Christmas and New Year (Christmas Eve, Christmas
    // Day, Boxing Day, 1 and 2 January).
    let t = table(ScottishLocal, d(2025, 2, 13), None);
    published(&t, &[(CloseOfNominations, d(2025, 1, 13), Some("16:00"))]);
    let (earliest, latest) = (
        t.date_of(NoticeOfElectionEarliest).unwrap(),
        t.date_of(NoticeOfElection).unwrap(),
    );
    assert_eq!((earliest, latest), (d(2024, 12, 19), d(2025, 1, 6)));
    assert!(
        (earliest..=latest).contains(&d(2025, 1, 3)),
        "the published notice is inside"
    );
}

#[test]
fn the_senedd_before_and_under_the_2025_order() {
    // 6 May 2021 (Electoral Commission; ITV Wales; The National): registration 19 April, postal 20
    // April, proxy 27 April.
    let t = table(Senedd, d(2021, 5, 6), None);
    assert_eq!(t.rules.key, "senedd/2007");
    published(
        &t,
        &[
            (RegistrationDeadline, d(2021, 4, 19), None),
            (PostalVoteDeadline, d(2021, 4, 20), Some("17:00")),
            (ProxyDeadline, d(2021, 4, 27), Some("17:00")),
        ],
    );
    // 7 May 2026, the first poll under the 2025 Order: registration closed at midnight on 20 April
    // (Electoral Commission, 6 March 2026).
    let t = table(Senedd, d(2026, 5, 7), None);
    assert_eq!(t.rules.key, "senedd/2025");
    published(&t, &[(RegistrationDeadline, d(2026, 4, 20), None)]);
    assert!(
        !t.notes.is_empty(),
        "what the data does not hold yet is said"
    );
}

#[test]
fn northern_ireland_council_elections_across_the_coronation_holiday() {
    // Electoral Commission, local council elections in Northern Ireland, 18 May 2023: the
    // Coronation bank holiday (8 May) and the Early May holiday are passed over.
    published(
        &table(NiLocal, d(2023, 5, 18), None),
        &[
            (NoticeOfElection, d(2023, 4, 11), None),
            (CloseOfNominations, d(2023, 4, 24), Some("13:00")),
            (StatementOfPersonsNominated, d(2023, 4, 24), Some("18:00")),
            (PostalVoteDeadline, d(2023, 4, 26), Some("17:00")),
            (ProxyDeadline, d(2023, 4, 26), Some("17:00")),
            (RegistrationDeadline, d(2023, 4, 28), Some("23:59")),
        ],
    );
}

#[test]
fn the_northern_ireland_assembly_in_2022() {
    // Electoral Commission, Northern Ireland Assembly election, 5 May 2022.
    published(
        &table(NiAssembly, d(2022, 5, 5), None),
        &[
            (NoticeOfElection, d(2022, 3, 28), None),
            (CloseOfNominations, d(2022, 4, 8), Some("13:00")),
            (StatementOfPersonsNominated, d(2022, 4, 8), Some("18:00")),
            (PostalVoteDeadline, d(2022, 4, 12), Some("17:00")),
            (RegistrationDeadline, d(2022, 4, 14), None),
        ],
    );
}

#[test]
fn a_neighbourhood_planning_referendum() {
    // Wiltshire Council, neighbourhood planning referendum of 27 February 2025.
    published(
        &table(LocalReferendum, d(2025, 2, 27), None),
        &[
            (NoticeOfElection, d(2025, 1, 23), None),
            (RegistrationDeadline, d(2025, 2, 11), None),
            (PostalVoteDeadline, d(2025, 2, 12), Some("17:00")),
            (ProxyDeadline, d(2025, 2, 19), Some("17:00")),
            (
                VoterAuthorityCertificateDeadline,
                d(2025, 2, 19),
                Some("17:00"),
            ),
            (AgentsAppointmentDeadline, d(2025, 2, 20), None),
            (ReplacementPostalVotesFrom, d(2025, 2, 21), None),
        ],
    );
}

#[test]
fn a_day_of_mourning_moves_the_election_timetable_but_not_registration() {
    let base = table(EnglishLocal, d(2027, 5, 6), None);
    let mourning = [d(2027, 4, 29)];
    let t = compute(&Request {
        disregard: &mourning,
        ..Request::new(EnglishLocal, d(2027, 5, 6))
    })
    .unwrap();
    assert_eq!(base.date_of(ProxyDeadline), Some(d(2027, 4, 27)));
    assert_eq!(
        t.date_of(ProxyDeadline),
        Some(d(2027, 4, 26)),
        "one day earlier"
    );
    assert_eq!(
        t.date_of(RegistrationDeadline),
        base.date_of(RegistrationDeadline),
        "the registration regulations do not disregard such days"
    );
}

#[test]
fn polls_the_law_does_not_cover_are_refused_never_guessed() {
    let scottish_in_england = compute(&Request {
        nation: Some(Nation::England),
        ..Request::new(ScottishLocal, d(2027, 5, 6))
    });
    assert!(matches!(
        scottish_in_england,
        Err(TimetableError::NotHeldIn { .. })
    ));
    let too_late = compute(&Request::new(EnglishLocal, d(2040, 5, 3))).unwrap_err();
    assert!(matches!(
        too_late,
        TimetableError::OutOfRange { year: 2040, .. }
    ));
    assert!(
        too_late.to_string().contains("2015\u{2013}2032"),
        "{too_late}"
    );
    let crosses_into = compute(&Request::new(UkParliamentary, d(2015, 1, 15))).unwrap_err();
    assert!(matches!(
        crosses_into,
        TimetableError::OutOfRange { year: 2014, .. }
    ));
}

#[test]
fn poll_date_warnings_name_what_the_day_is() {
    let warn = |poll| poll_date_warnings(&Request::new(EnglishLocal, poll));
    assert_eq!(warn(d(2027, 5, 6)), Vec::<String>::new());
    assert!(warn(d(2027, 5, 8))[0].contains("weekend"));
    assert!(warn(d(2027, 5, 3))[0].contains("a bank holiday: Early May bank holiday"));
    assert!(warn(d(2027, 5, 5))[0].contains("not a Thursday"));
}
