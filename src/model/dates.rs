//! Moving a plan in time: a template is written for one poll date and instantiated for another.

use chrono::{Days, NaiveDate, NaiveDateTime};

use super::Plan;

/// Adds a signed number of days to a date, saturating at the ends of the calendar.
fn shift(date: &mut NaiveDate, days: i64) {
    let magnitude = Days::new(days.unsigned_abs());
    let moved = if days >= 0 {
        date.checked_add_days(magnitude)
    } else {
        date.checked_sub_days(magnitude)
    };
    if let Some(moved) = moved {
        *date = moved;
    }
}

fn shift_datetime(at: &mut NaiveDateTime, days: i64) {
    let mut date = at.date();
    shift(&mut date, days);
    *at = date.and_time(at.time());
}

impl Plan {
    /// Moves every planning date by `days` (negative moves earlier), keeping the plan's shape relative to
    /// polling day. Recorded custody events are evidence and are never moved.
    pub fn shift_dates(&mut self, days: i64) {
        let mut d = |date: &mut NaiveDate| shift(date, days);
        let o = &mut self.overview;
        d(&mut o.poll_date);
        o.revisions.iter_mut().for_each(|r| d(&mut r.date));
        o.sign_offs
            .iter_mut()
            .filter_map(|s| s.signed_on.as_mut())
            .for_each(&mut d);
        self.stakeholder_messages
            .iter_mut()
            .filter_map(|m| m.planned_on.as_mut())
            .for_each(&mut d);
        let c = &mut self.candidate_data;
        c.privacy_notice_reviewed.iter_mut().for_each(&mut d);
        c.data_protection_policy_reviewed
            .iter_mut()
            .for_each(&mut d);
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
                shift_datetime(at, days);
            }
        }
        if let Some(at) = self.custody.count_receipt_deadline.as_mut() {
            shift_datetime(at, days);
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
}
