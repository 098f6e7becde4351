//! When each custody stage is expected to happen, relative to polling day: a typing slip in a date
//! (a year out, a month for a day) puts an event far outside its stage's window, and a recorded
//! event cannot be edited afterwards. `check` warns about events outside their window and the
//! editor asks before recording one; both use [`outside`].
//!
//! The windows are deliberately wide: they catch slips, not practice. Papers are printed and
//! proofed in the weeks before the poll; issue to presiding officers is in the last fortnight; the
//! poll opens and closes on polling day (a close-of-poll entry may be written after midnight);
//! boxes travel and are received that night or the next day; verification and counting may run for
//! days. Election documents are kept sealed for one year and then destroyed unless a court directs
//! otherwise (for example the Local Elections (Parishes and Communities) (England and Wales) Rules
//! 2006, Sch. 3 r. 54; the Greater London Authority Elections Rules 2007, Sch. 5 r. 59; the
//! Scottish Local Government Elections Rules, SSI 2011/399 Sch. 1 r. 60), so destruction comes a
//! year or more after polling day.
//!
//! Postal ballot packs are sent "from around two weeks before polling day" and must be back by the
//! close of poll (Electoral Commission, Guidance for candidates and agents: UK Parliamentary
//! elections in Great Britain, "Postal ballot packs"); the window allows eight weeks for
//! production, dispatch, returns and opening sessions, and replacements up to polling day. The
//! final sweep of Royal Mail's offices is on the evening of polling day; the last opening session
//! may run past midnight. Statutory packets are sealed on completion of the count, but the
//! completed corresponding number lists of postal ballot papers are sealed in a packet after each
//! issue of postal votes (for example the Neighbourhood Planning (Referendums) Regulations 2012,
//! SI 2012/2031, Sch. 7 r. 22(1)), so packets may be sealed and retained from the first issue; they
//! may be opened (where the law allows) while they are retained.

use chrono::{Days, NaiveDate, NaiveDateTime};

use crate::model::CustodyStage;

/// The days, relative to polling day, in which a stage's events are expected (inclusive; `None`: no
/// end).
pub fn days(stage: CustodyStage) -> (i64, Option<i64>) {
    use CustodyStage as S;
    match stage {
        S::Printing | S::Proofing => (-120, Some(0)),
        S::SecureStorage => (-120, Some(1)),
        S::IssueToPresidingOfficer => (-14, Some(0)),
        S::OpeningOfPoll => (0, Some(0)),
        S::CloseOfPoll => (0, Some(1)),
        S::TransportToCount | S::ReceiptAtCount => (0, Some(2)),
        S::Verification | S::Count | S::BreakInCount | S::Declaration => (0, Some(7)),
        S::SealedRetention => (-56, Some(400)),
        S::Destruction => (365, None),
        S::PostalProduction | S::PostalDispatch | S::PostalReturn => (-56, Some(0)),
        S::PostalFinalSweep => (0, Some(0)),
        S::PostalOpening => (-56, Some(1)),
        S::PacketSealed => (-56, Some(7)),
        S::PacketOpened => (-56, Some(400)),
    }
}

fn offset(poll: NaiveDate, days: i64) -> Option<NaiveDate> {
    let magnitude = Days::new(days.unsigned_abs());
    if days >= 0 {
        poll.checked_add_days(magnitude)
    } else {
        poll.checked_sub_days(magnitude)
    }
}

/// Why an event at `at` is outside its stage's expected window, or `None` when it is inside.
pub fn outside(stage: CustodyStage, at: NaiveDateTime, poll: NaiveDate) -> Option<String> {
    let (from, until) = days(stage);
    let day = at.date();
    let earliest = offset(poll, from)?;
    let latest = until.and_then(|u| offset(poll, u));
    // Nearly every event is inside its window: the words are only made for one that is not.
    if day >= earliest && latest.is_none_or(|l| day <= l) {
        return None;
    }
    let relative = (day - poll).num_days();
    let when = match relative {
        0 => "on polling day".to_owned(),
        d if d > 0 => format!("{d} day{} after polling day", if d == 1 { "" } else { "s" }),
        d => format!(
            "{} day{} before polling day",
            -d,
            if d == -1 { "" } else { "s" }
        ),
    };
    let expected = match latest {
        Some(latest) if latest == earliest => format!("on {}", earliest.format("%-d %B %Y")),
        Some(latest) => format!(
            "between {} and {}",
            earliest.format("%-d %B %Y"),
            latest.format("%-d %B %Y")
        ),
        None => format!("on or after {}", earliest.format("%-d %B %Y")),
    };
    Some(format!(
        "{} is {when}; {} is expected {expected}",
        at.format("%-d %B %Y %H:%M"),
        stage.label().to_lowercase()
    ))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    fn at(y: i32, m: u32, d: u32, h: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(h, 0, 0)
            .unwrap()
    }

    #[test]
    fn slips_are_caught_and_practice_is_not() {
        let poll = NaiveDate::from_ymd_opt(2027, 5, 6).unwrap();
        use CustodyStage as S;
        assert_eq!(outside(S::Printing, at(2027, 4, 12, 10), poll), None);
        assert!(outside(S::Printing, at(2028, 4, 12, 10), poll).is_some());
        assert_eq!(
            outside(S::CloseOfPoll, at(2027, 5, 7, 0), poll),
            None,
            "after midnight"
        );
        assert_eq!(outside(S::ReceiptAtCount, at(2027, 5, 7, 1), poll), None);
        assert!(
            outside(S::ReceiptAtCount, at(2027, 6, 7, 1), poll).is_some(),
            "a month for a day"
        );
        assert_eq!(outside(S::Destruction, at(2028, 5, 12, 9), poll), None);
        let early = outside(S::Destruction, at(2027, 5, 13, 9), poll).unwrap();
        assert_eq!(
            early,
            "13 May 2027 09:00 is 7 days after polling day; destruction is expected on or after 5 \
             May 2028"
        );
        let opening = outside(S::OpeningOfPoll, at(2027, 5, 5, 7), poll).unwrap();
        assert!(opening.ends_with("expected on 6 May 2027"), "{opening}");
    }
}
