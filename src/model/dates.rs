//! Moving a plan in time: a template is written for one poll date and instantiated for another.

use chrono::{Days, NaiveDate, NaiveDateTime};

use super::Plan;

/// Adds a signed number of days to a date, saturating at the ends of the calendar.
fn shift(date: NaiveDate, days: i64) -> NaiveDate {
    let magnitude = Days::new(days.unsigned_abs());
    let moved = if days >= 0 {
        date.checked_add_days(magnitude)
    } else {
        date.checked_sub_days(magnitude)
    };
    moved.unwrap_or(date)
}

/// Moves a date-time's date with `d`, keeping its time of day.
fn date_time(d: &mut impl FnMut(&mut NaiveDate), at: &mut NaiveDateTime) {
    let mut date = at.date();
    d(&mut date);
    *at = date.and_time(at.time());
}

impl Plan {
    /// Replaces every planning date by `f(date)`: polling days (the overview's and each contest's),
    /// revisions, agreements and issued copies, messages, candidate data reviews, observations, mitigations and risk
    /// reviews, hotspot briefings, events, the count receipt deadline, venue assessments,
    /// referrals, plan reviews and local milestones. A date-time keeps its time of day. Recorded
    /// custody events are evidence and are never moved.
    pub fn map_dates(&mut self, mut f: impl FnMut(NaiveDate) -> NaiveDate) {
        let mut d = |date: &mut NaiveDate| *date = f(*date);
        let o = &mut self.overview;
        d(&mut o.poll_date);
        o.contests.iter_mut().for_each(|c| d(&mut c.poll_date));
        o.revisions.iter_mut().for_each(|r| d(&mut r.date));
        for s in &mut o.sign_offs {
            s.agreement
                .iter_mut()
                .chain(s.superseded.iter_mut())
                .for_each(|a| d(&mut a.date));
        }
        o.issued_copies.iter_mut().for_each(|c| d(&mut c.date));
        self.stakeholder_messages
            .iter_mut()
            .filter_map(|m| m.planned_on.as_mut())
            .for_each(&mut d);
        let c = &mut self.candidate_data;
        c.privacy_notice_reviewed.iter_mut().for_each(&mut d);
        c.data_protection_policy_reviewed
            .iter_mut()
            .for_each(&mut d);
        c.transfers.iter_mut().for_each(|t| d(&mut t.date));
        for indicator in &mut self.indicators {
            indicator
                .observations
                .iter_mut()
                .for_each(|o| d(&mut o.date));
        }
        for risk in &mut self.risks {
            risk.mitigations
                .iter_mut()
                .filter_map(|m| m.due.as_mut())
                .for_each(&mut d);
            risk.next_review.iter_mut().for_each(&mut d);
            risk.reviews.iter_mut().for_each(|r| d(&mut r.date));
        }
        self.hotspots
            .iter_mut()
            .filter_map(|h| h.briefed_on.as_mut())
            .for_each(&mut d);
        for event in &mut self.events {
            d(&mut event.date);
            if let Some(at) = event.candidates_notified.as_mut() {
                date_time(&mut d, at);
            }
        }
        if let Some(at) = self.custody.count_receipt_deadline.as_mut() {
            date_time(&mut d, at);
        }
        for venue in &mut self.venues.venues {
            venue
                .assessment
                .iter_mut()
                .for_each(|a| d(&mut a.assessed_on));
        }
        self.allegations
            .referrals
            .iter_mut()
            .for_each(|r| d(&mut r.date));
        self.key_dates
            .reviews
            .iter_mut()
            .for_each(|r| d(&mut r.date));
        self.key_dates
            .milestones
            .iter_mut()
            .for_each(|m| d(&mut m.date));
    }

    /// Moves every planning date by `days` (negative moves earlier), keeping the plan's shape
    /// relative to polling day in calendar days.
    pub fn shift_dates(&mut self, days: i64) {
        self.map_dates(|date| shift(date, days));
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use chrono::NaiveTime;

    use super::*;
    use crate::model::{
        Contest, ContestId, ContestKind, ElectionType, ElectoralEvent, ElectoralEventId, EventKind,
        Nation, OfficerRole,
    };

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn mapping_dates_moves_contests_and_keeps_times_of_day() {
        let poll = d(2027, 5, 6);
        let mut plan = Plan::empty(ElectionType::EnglishLocal, poll);
        plan.overview.contests.push(Contest {
            id: ContestId::new(),
            name: "Ward".to_owned(),
            kind: ContestKind::Ward,
            seats: 1,
            election: ElectionType::EnglishLocal,
            nation: Nation::England,
            poll_date: poll,
            officer: OfficerRole::ReturningOfficer,
            officer_person: None,
            taken_together: true,
        });
        let notified = d(2027, 4, 20).and_hms_opt(12, 30, 0).unwrap();
        plan.events.push(ElectoralEvent {
            handling: crate::model::Handling::Both,
            id: ElectoralEventId::new(),
            kind: EventKind::PostalVoteOpening,
            name: "Opening".to_owned(),
            venue: None,
            date: d(2027, 4, 27),
            start: NaiveTime::from_hms_opt(10, 0, 0).unwrap(),
            end: None,
            in_charge: None,
            safety: String::new(),
            candidates_notified: Some(notified),
        });
        plan.custody.count_receipt_deadline = Some(poll.and_hms_opt(23, 30, 0).unwrap());
        let mut seen = Vec::new();
        plan.map_dates(|date| {
            seen.push(date);
            date + chrono::Duration::days(7)
        });
        assert_eq!(seen.len(), 5, "{seen:?}");
        assert_eq!(plan.overview.poll_date, d(2027, 5, 13));
        assert_eq!(plan.overview.contests[0].poll_date, d(2027, 5, 13));
        assert_eq!(plan.events[0].date, d(2027, 5, 4));
        assert_eq!(
            plan.events[0].candidates_notified,
            Some(d(2027, 4, 27).and_hms_opt(12, 30, 0).unwrap())
        );
        assert_eq!(
            plan.custody.count_receipt_deadline,
            Some(d(2027, 5, 13).and_hms_opt(23, 30, 0).unwrap())
        );
        plan.shift_dates(-7);
        assert_eq!(plan.overview.contests[0].poll_date, poll);
        assert_eq!(plan.events[0].candidates_notified, Some(notified));
    }
}
