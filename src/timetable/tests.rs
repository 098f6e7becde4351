//! Timetables checked against published ones and against dates worked out by hand.

use chrono::NaiveDate;

use super::*;
use crate::model::ElectionType::{EnglishLocal, UkParliamentary};
use crate::model::Milestone::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn dates(election: ElectionType, poll: NaiveDate) -> Vec<(Milestone, NaiveDate)> {
    compute(election, poll)
        .unwrap()
        .entries
        .iter()
        .map(|e| (e.milestone, e.date))
        .collect()
}

fn date_of(election: ElectionType, poll: NaiveDate, m: Milestone) -> NaiveDate {
    compute(election, poll).unwrap().date_of(m).unwrap()
}

#[test]
fn uk_general_election_of_4_july_2024_matches_the_published_timetable() {
    let t = compute(UkParliamentary, d(2024, 7, 4)).unwrap();
    assert_eq!(t.date_of(Dissolution), Some(d(2024, 5, 30)));
    assert_eq!(t.date_of(NoticeOfElection), Some(d(2024, 6, 4)));
    assert_eq!(t.date_of(CloseOfNominations), Some(d(2024, 6, 7)));
    assert_eq!(t.date_of(StatementOfPersonsNominated), Some(d(2024, 6, 7)));
    assert_eq!(t.date_of(RegistrationDeadline), Some(d(2024, 6, 18)));
    assert_eq!(t.date_of(PostalVoteDeadline), Some(d(2024, 6, 19)));
    assert_eq!(t.date_of(ProxyDeadline), Some(d(2024, 6, 26)));
    assert_eq!(
        t.date_of(VoterAuthorityCertificateDeadline),
        Some(d(2024, 6, 26))
    );
    assert_eq!(t.date_of(AgentsAppointmentDeadline), Some(d(2024, 6, 27)));
    assert_eq!(t.date_of(ReplacementPostalVotesFrom), Some(d(2024, 6, 28)));
    assert_eq!(t.date_of(EmergencyProxyDeadline), Some(d(2024, 7, 4)));
    assert_eq!(t.date_of(Poll), Some(d(2024, 7, 4)));
    let times: Vec<Option<String>> = t
        .entries
        .iter()
        .map(|e| e.time.map(|t| t.format("%H:%M").to_string()))
        .collect();
    assert_eq!(
        times[1].as_deref(),
        Some("16:00"),
        "notice of election by 4pm"
    );
    assert_eq!(
        times[3].as_deref(),
        Some("17:00"),
        "SOPN by 5pm at a general election"
    );
    assert_eq!(
        times[4].as_deref(),
        Some("23:59"),
        "registration by midnight"
    );
    assert_eq!(times[0], None, "no time for dissolution");
}

#[test]
fn english_local_elections_of_2_may_2024_around_easter() {
    // Worked by hand: Good Friday 29 March and Easter Monday 1 April do not count.
    // 25 working days before Thursday 2 May: counting back over 1 April lands on Tuesday 26 March
    // (the Electoral Commission's published date for notice of election).
    let poll = d(2024, 5, 2);
    assert_eq!(
        date_of(EnglishLocal, poll, NoticeOfElection),
        d(2024, 3, 26)
    );
    assert_eq!(
        date_of(EnglishLocal, poll, CloseOfNominations),
        d(2024, 4, 5)
    );
    assert_eq!(
        date_of(EnglishLocal, poll, StatementOfPersonsNominated),
        d(2024, 4, 8)
    );
    assert_eq!(
        date_of(EnglishLocal, poll, RegistrationDeadline),
        d(2024, 4, 16)
    );
    assert_eq!(
        date_of(EnglishLocal, poll, PostalVoteDeadline),
        d(2024, 4, 17)
    );
    assert_eq!(date_of(EnglishLocal, poll, ProxyDeadline), d(2024, 4, 24));
    assert!(
        compute(EnglishLocal, poll)
            .unwrap()
            .date_of(Dissolution)
            .is_none(),
        "no dissolution for locals"
    );
}

#[test]
fn easter_moves_a_timetable_by_the_two_holidays() {
    // Poll Thursday 24 April 2025; Good Friday 18 April and Easter Monday 21 April do not count.
    // Back from 24 April: 23=1, 22=2, [21 EM, 18 GF excluded], 17=3, 16=4, 15=5, 14=6 → proxy deadline 14 April.
    let poll = d(2025, 4, 24);
    assert_eq!(date_of(EnglishLocal, poll, ProxyDeadline), d(2025, 4, 14));
    assert_eq!(
        date_of(EnglishLocal, poll, AgentsAppointmentDeadline),
        d(2025, 4, 15)
    );
    assert_eq!(
        date_of(EnglishLocal, poll, ReplacementPostalVotesFrom),
        d(2025, 4, 16)
    );
}

#[test]
fn christmas_and_new_year_across_a_year_end() {
    // A poll on Thursday 15 January 2026. Christmas Day (Thu 25), Boxing Day (Fri 26) and New Year's Day
    // (Thu 1 Jan) do not count; 2 January is a holiday only in Scotland, which counts for a UK general
    // election and not for English locals.
    // English locals, back from 15 Jan 2026: 14=1, 13=2, 12=3, 9=4, 8=5, 7=6, 6=7, 5=8, 2=9, [1 Jan],
    // 31 Dec=10, 30=11, 29=12 → registration deadline Monday 29 December 2025.
    let poll = d(2026, 1, 15);
    assert_eq!(
        date_of(EnglishLocal, poll, RegistrationDeadline),
        d(2025, 12, 29)
    );
    assert_eq!(
        date_of(EnglishLocal, poll, PostalVoteDeadline),
        d(2025, 12, 30)
    );
    // Then over Christmas: 24 Dec=13, 23=14, 22=15, 19=16, 18=17, 17=18, 16=19 → close of nominations
    // Tuesday 16 December; 15=20, 12=21, 11=22, 10=23, 9=24, 8=25 → notice of election Monday 8 December.
    assert_eq!(
        date_of(EnglishLocal, poll, CloseOfNominations),
        d(2025, 12, 16)
    );
    assert_eq!(
        date_of(EnglishLocal, poll, NoticeOfElection),
        d(2025, 12, 8)
    );
    // UK-wide, Scotland's 2 January also does not count: ... 5=8, [2, 1 Jan], 31=9, 30=10, 29=11, 24=12.
    assert_eq!(
        date_of(UkParliamentary, poll, RegistrationDeadline),
        d(2025, 12, 24)
    );
}

#[test]
fn a_scottish_only_holiday_counts_against_a_general_election_but_not_english_locals() {
    // Poll Thursday 14 August 2025. Monday 4 August is Scotland's summer bank holiday; England's is 25 August.
    // Back from 14 Aug: 13=1, 12=2, 11=3, 8=4, 7=5, 6=6 (proxy); 5=7, [4 Aug Scotland], 1=8 ...
    let poll = d(2025, 8, 14);
    assert_eq!(date_of(UkParliamentary, poll, ProxyDeadline), d(2025, 8, 6));
    assert_eq!(date_of(EnglishLocal, poll, ProxyDeadline), d(2025, 8, 6));
    // Registration: 12 working days. England: 5=7, 4=8, 1=9, 31 Jul=10, 30=11, 29=12 → 29 July.
    assert_eq!(
        date_of(EnglishLocal, poll, RegistrationDeadline),
        d(2025, 7, 29)
    );
    // UK-wide, 4 August does not count: 5=7, 1=8, 31=9, 30=10, 29=11, 28=12 → 28 July.
    assert_eq!(
        date_of(UkParliamentary, poll, RegistrationDeadline),
        d(2025, 7, 28)
    );
}

#[test]
fn working_day_arithmetic_crosses_year_ends_both_ways() {
    let cal = Calendar::for_election(EnglishLocal);
    let poll = d(2027, 1, 14);
    // Wednesday 23 December 2026 + 3 working days: 24 Dec (Thu)=1, [25 Fri, 26-27 weekend, 28 Mon (Boxing Day
    // substitute)], 29 Dec=2, 30 Dec=3.
    assert_eq!(
        cal.add_working_days(d(2026, 12, 23), 3, poll).unwrap(),
        d(2026, 12, 30)
    );
    // Back from Monday 4 January 2027 by 2: [1 Jan Fri], 31 Dec=1, 30 Dec=2.
    assert_eq!(
        cal.add_working_days(d(2027, 1, 4), -2, poll).unwrap(),
        d(2026, 12, 30)
    );
    assert_eq!(
        cal.add_working_days(d(2027, 1, 4), 0, poll).unwrap(),
        d(2027, 1, 4)
    );
    assert!(
        !cal.is_working_day(d(2026, 12, 28)),
        "Boxing Day substitute"
    );
}

#[test]
fn years_without_holiday_data_are_refused() {
    let err = compute(UkParliamentary, d(2015, 1, 8)).unwrap_err();
    assert_eq!(
        err,
        TimetableError::OutOfRange {
            poll: d(2015, 1, 8),
            year: 2014,
            first: 2015,
            last: 2032
        }
    );
    assert!(compute(EnglishLocal, d(2033, 5, 5)).is_err());
    assert!(compute(EnglishLocal, d(2032, 5, 6)).is_ok());
}

#[test]
fn poll_dates_on_weekends_and_holidays_are_warned_about() {
    assert!(poll_date_warnings(EnglishLocal, d(2027, 5, 6)).is_empty());
    assert!(poll_date_warnings(EnglishLocal, d(2027, 5, 8))[0].contains("weekend"));
    assert!(poll_date_warnings(EnglishLocal, d(2027, 5, 3))[0].contains("bank holiday"));
    assert!(poll_date_warnings(EnglishLocal, d(2027, 5, 5))[0].contains("not a Thursday"));
    // 4 August 2025 is a holiday only in Scotland.
    assert!(poll_date_warnings(UkParliamentary, d(2025, 8, 4))[0].contains("Scotland"));
    assert!(poll_date_warnings(EnglishLocal, d(2025, 8, 4))[0].contains("not a Thursday"));
}

#[test]
fn milestones_come_in_timetable_order() {
    for election in [UkParliamentary, EnglishLocal] {
        let entries = dates(election, d(2027, 5, 6));
        assert!(entries.windows(2).all(|w| w[0].1 <= w[1].1), "{entries:?}");
        assert_eq!(entries.last().unwrap().0, Poll);
    }
}
