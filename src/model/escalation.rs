//! Section 8: the agreed route for notifying and escalating safety concerns.
//!
//! A level names its usual contact (office hours), a fallback if they do not answer, and — only
//! where they differ — its own route out of hours, on polling day and on count night. Whom to call
//! for a level at a given time is answered once, by [`Plan::escalation_call`], for the chapter, the
//! police quick reference and the rules alike.

use serde::{Deserialize, Serialize};

use super::Plan;
use super::communication::Channel;
use super::ids::{EscalationLevelId, PersonId};
use super::labelled::labelled_enum;
use super::people::{Person, PhoneKind};

labelled_enum! {
    /// When a call is made: the ladder may route a level differently at each time.
    pub enum Period {
        /// Working hours on an ordinary working day.
        OfficeHours => "Office hours", "office-hours",
        /// Evenings, nights, weekends and bank holidays.
        OutOfHours => "Out of hours", "out-of-hours",
        /// Polling day, from the opening of the poll to its close.
        PollingDay => "Polling day", "polling-day",
        /// The night of the count, from the close of poll until the declaration.
        CountNight => "Count night", "count-night",
    }
}

/// Whom to call for a level at one time of day, where it differs from the level's usual contact.
/// Empty in every field means "as usual": nothing is duplicated.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct PeriodRoute {
    /// A person from the directory, if the route is a person.
    pub contact: Option<PersonId>,
    /// Whom to ask for when the route is a desk or a room, e.g. "Polling-day control room".
    pub name: String,
    /// The number to dial, when it is not the contact's own (a control room line).
    pub number: String,
}

impl PeriodRoute {
    /// Whether the route says anything (an empty route means "as usual").
    pub fn is_set(&self) -> bool {
        self.contact.is_some() || !self.name.trim().is_empty() || !self.number.trim().is_empty()
    }
}

/// One rung of the escalation ladder.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EscalationLevel {
    /// Stable identifier.
    pub id: EscalationLevelId,
    /// A short name, e.g. "Immediate danger".
    pub name: String,
    /// What triggers this level.
    pub trigger: String,
    /// Where quoted guidance or law in the trigger or actions comes from (title, edition, page or
    /// article), so that a reader can check it; empty when nothing is quoted.
    #[serde(default)]
    pub source: String,
    /// Who is contacted (none for 999 and 101, which are channels, not people).
    pub contact: Option<PersonId>,
    /// Who to call if the contact does not answer.
    #[serde(default)]
    pub fallback: Option<PersonId>,
    /// The route outside office hours, where it differs from the usual contact.
    #[serde(default)]
    pub out_of_hours: PeriodRoute,
    /// The route on polling day (e.g. the control room), where it differs.
    #[serde(default)]
    pub polling_day: PeriodRoute,
    /// The route on count night (e.g. the count manager or the police at the count), where it
    /// differs; out-of-hours routing applies otherwise.
    #[serde(default)]
    pub count_night: PeriodRoute,
    /// Who else is told once the level is reached (e.g. the data protection officer, a supplier).
    #[serde(default)]
    pub also_inform: Vec<PersonId>,
    /// How they are contacted.
    pub channel: Channel,
    /// How quickly contact must be made, in minutes.
    pub respond_within_minutes: Option<u32>,
    /// What happens next.
    pub actions: String,
    /// Which copies show it (its handling mark; see `model::redact` for what is withheld).
    #[serde(default = "super::entity::default_handling::<EscalationLevel>")]
    pub handling: super::Handling,
}

impl EscalationLevel {
    /// Whether the level is reached through a public number (999, 101) rather than a named person.
    pub fn uses_public_number(&self) -> bool {
        matches!(self.channel, Channel::Emergency999 | Channel::Police101)
    }

    /// The level's own route for `period`, if it has one; count night falls back to the
    /// out-of-hours route. `None` means the usual contact (with their out-of-hours arrangements).
    pub fn route(&self, period: Period) -> Option<&PeriodRoute> {
        let own = match period {
            Period::OfficeHours => None,
            Period::OutOfHours => Some(&self.out_of_hours),
            Period::PollingDay => Some(&self.polling_day),
            Period::CountNight => Some(&self.count_night),
        };
        match own.filter(|r| r.is_set()) {
            None if period == Period::CountNight => self.route(Period::OutOfHours),
            found => found,
        }
    }

    /// Every person the level names: contact, fallback, period routes and those informed.
    pub fn people(&self) -> impl Iterator<Item = PersonId> + '_ {
        [
            self.contact,
            self.fallback,
            self.out_of_hours.contact,
            self.polling_day.contact,
            self.count_night.contact,
        ]
        .into_iter()
        .flatten()
        .chain(self.also_inform.iter().copied())
    }
}

impl Person {
    /// The number to ring in `period`: the desk line in office hours, the mobile on polling day,
    /// the out-of-hours number at night; any other number when that one is missing.
    pub fn phone_for(&self, period: Period) -> Option<&str> {
        use PhoneKind::*;
        let order: [PhoneKind; 3] = match period {
            Period::OfficeHours => [Office, Mobile, OutOfHours],
            Period::PollingDay => [Mobile, Office, OutOfHours],
            Period::OutOfHours | Period::CountNight => [OutOfHours, Mobile, Office],
        };
        self.first_phone(&order)
    }

    /// The first number the directory holds of these kinds, tried in order.
    pub fn first_phone(&self, kinds: &[PhoneKind]) -> Option<&str> {
        kinds.iter().find_map(|kind| {
            self.phones
                .iter()
                .find(|p| p.kind == *kind && !p.number.trim().is_empty())
                .map(|p| p.number.trim())
        })
    }

    /// Whether the directory holds a telephone number for this person.
    pub fn has_phone(&self) -> bool {
        self.phones.iter().any(|p| !p.number.trim().is_empty())
    }

    /// Whether the person can be reached out of hours: an out-of-hours number or a named cover.
    pub fn has_out_of_hours(&self) -> bool {
        self.out_of_hours_cover.is_some()
            || self
                .phones
                .iter()
                .any(|p| p.kind == PhoneKind::OutOfHours && !p.number.trim().is_empty())
    }
}

/// One party to call: a person in the directory, or a desk or public number.
#[derive(Clone, Debug, PartialEq)]
pub struct Callee<'p> {
    /// The person, when the call goes to someone in the directory.
    pub person: Option<&'p Person>,
    /// Whom to ask for: the person's name, a desk ("Polling-day control room") or "999".
    pub name: String,
    /// The number to dial, if the plan gives one.
    pub number: Option<String>,
}

/// The answer to "whom do I call for this level at this time, and on which number".
#[derive(Clone, Debug, PartialEq)]
pub struct Call<'p> {
    /// When the call is made.
    pub period: Period,
    /// Who to call first.
    pub first: Callee<'p>,
    /// Who to call if the first does not answer (out of hours, through their cover; none when
    /// that would be the person called first).
    pub fallback: Option<Callee<'p>>,
    /// Whether the level has its own route for this period (rather than its usual contact).
    pub own_route: bool,
    /// Whether the usual contact's out-of-hours cover is called in their place.
    pub via_cover: bool,
}

impl Plan {
    /// Whom to call for `level` in `period`, and on which number: the level's own route for the
    /// period if it has one, else its usual contact — out of hours, their named cover when they
    /// have no out-of-hours number of their own; for 999 and 101 the public number. The fallback is
    /// reached the same way.
    pub fn escalation_call<'p>(&'p self, level: &EscalationLevel, period: Period) -> Call<'p> {
        let callee = |id: Option<PersonId>| {
            let person = id.and_then(|id| self.person(id));
            Callee {
                person,
                name: person.map_or_else(String::new, |p| p.name.clone()),
                number: person.and_then(|p| p.phone_for(period)).map(str::to_owned),
            }
        };
        // Out of hours, someone with no out-of-hours number of their own is reached through the
        // person who covers for them.
        let night = matches!(period, Period::OutOfHours | Period::CountNight);
        let covered = |id: PersonId| -> PersonId {
            let cover = self
                .person(id)
                .filter(|p| night && !p.phones.iter().any(|ph| ph.kind == PhoneKind::OutOfHours))
                .and_then(|p| p.out_of_hours_cover)
                .filter(|c| self.person(*c).is_some());
            cover.unwrap_or(id)
        };
        let public = level.uses_public_number() && level.contact.is_none();
        let mut via_cover = false;
        let (first, own_route) = if public {
            let n = level.channel.label().to_owned();
            (
                Callee {
                    person: None,
                    name: n.clone(),
                    number: Some(n),
                },
                false,
            )
        } else if let Some(r) = level.route(period) {
            let mut c = callee(r.contact);
            let desk = r.name.trim();
            c.name = match c.person {
                _ if desk.is_empty() => c.name,
                Some(p) => format!("{desk} ({})", p.name),
                None => desk.to_owned(),
            };
            if !r.number.trim().is_empty() {
                c.number = Some(r.number.trim().to_owned());
            }
            (c, true)
        } else {
            let reached = level.contact.map(covered);
            via_cover = reached != level.contact;
            (callee(reached), false)
        };
        // A fallback covered out of hours by the very person called first is no fallback.
        let first_id = first.person.map(|p| p.id);
        let fallback = level
            .fallback
            .map(covered)
            .filter(|id| Some(*id) != first_id)
            .map(|id| callee(Some(id)));
        Call {
            period,
            first,
            fallback,
            own_route,
            via_cover,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Phone, Role};
    use crate::test_support::valid_plan;

    fn candidate_level(plan: &Plan) -> EscalationLevel {
        let found = plan
            .escalation
            .iter()
            .find(|l| l.name.contains("candidate"));
        found.cloned().unwrap()
    }

    #[test]
    fn office_hours_call_the_usual_contact_on_the_desk_line_and_name_the_fallback() {
        let plan = valid_plan();
        let level = candidate_level(&plan);
        let call = plan.escalation_call(&level, Period::OfficeHours);
        let spoc = plan.first_with_role(Role::PoliceSpoc).unwrap();
        assert_eq!(call.first.person.map(|p| p.id), Some(spoc.id));
        assert_eq!(
            call.first.number.as_deref(),
            spoc.phone_for(Period::OfficeHours)
        );
        assert!(call.first.number.as_deref().unwrap().starts_with("01632"));
        let feoa = plan.first_with_role(Role::Feoa).unwrap();
        assert_eq!(call.fallback.unwrap().name, feoa.name);
        assert!(!call.own_route);
    }

    #[test]
    fn polling_day_uses_the_control_room_and_count_night_the_count_manager() {
        let plan = valid_plan();
        let level = candidate_level(&plan);
        let day = plan.escalation_call(&level, Period::PollingDay);
        assert_eq!(day.first.name, "Polling-day control room");
        assert_eq!(day.first.number.as_deref(), Some("01632 960 900"));
        assert!(day.own_route);
        let night = plan.escalation_call(&level, Period::CountNight);
        let manager = plan.first_with_role(Role::CountManager).unwrap();
        assert_eq!(night.first.name, manager.name);
        // At night the out-of-hours number comes first.
        assert_eq!(
            night.first.number.as_deref(),
            manager.phone_for(Period::OutOfHours)
        );
        assert!(night.first.number.as_deref().unwrap().starts_with("07700"));
    }

    #[test]
    fn count_night_without_its_own_route_follows_the_out_of_hours_route() {
        let mut level = EscalationLevel {
            out_of_hours: PeriodRoute {
                name: "Force control room".into(),
                number: "01632 960 999".into(),
                ..PeriodRoute::default()
            },
            ..EscalationLevel::default()
        };
        assert_eq!(
            level.route(Period::CountNight).map(|r| r.name.as_str()),
            Some("Force control room")
        );
        assert_eq!(level.route(Period::PollingDay), None);
        level.count_night.name = "Police at the count".into();
        assert_eq!(
            level.route(Period::CountNight).map(|r| r.name.as_str()),
            Some("Police at the count")
        );
    }

    #[test]
    fn out_of_hours_a_contact_with_no_night_number_is_covered_by_their_named_cover() {
        let mut plan = valid_plan();
        let level = candidate_level(&plan);
        let cover = plan
            .first_with_role(Role::ReturningOfficer)
            .unwrap()
            .clone();
        let spoc = plan
            .people
            .iter_mut()
            .find(|p| p.role == Role::PoliceSpoc)
            .unwrap();
        spoc.phones = vec![Phone {
            kind: PhoneKind::Office,
            number: "01632 960 500".into(),
        }];
        spoc.out_of_hours_cover = Some(cover.id);
        let call = plan.escalation_call(&level, Period::OutOfHours);
        assert!(call.via_cover);
        assert_eq!(call.first.name, cover.name);
        assert_eq!(
            call.first.number.as_deref(),
            cover.phone_for(Period::OutOfHours)
        );
        // In office hours the SPOC is still called, on the desk line.
        let day = plan.escalation_call(&level, Period::OfficeHours);
        assert!(!day.via_cover);
        assert_eq!(day.first.number.as_deref(), Some("01632 960 500"));
    }

    #[test]
    fn out_of_hours_a_fallback_covered_by_the_first_contact_is_no_fallback() {
        let mut plan = valid_plan();
        let level = candidate_level(&plan);
        let spoc = plan.first_with_role(Role::PoliceSpoc).unwrap().id;
        let feoa = plan
            .people
            .iter_mut()
            .find(|p| p.role == Role::Feoa)
            .unwrap();
        feoa.phones.retain(|p| p.kind != PhoneKind::OutOfHours);
        feoa.out_of_hours_cover = Some(spoc);
        let night = plan.escalation_call(&level, Period::OutOfHours);
        assert_eq!(night.first.person.map(|p| p.id), Some(spoc));
        assert_eq!(night.fallback, None);
        let day = plan.escalation_call(&level, Period::OfficeHours);
        assert!(
            day.fallback.is_some(),
            "in office hours the FEOA is the fallback"
        );
    }

    #[test]
    fn public_numbers_are_called_as_such_at_every_time() {
        let plan = valid_plan();
        let level = plan
            .escalation
            .iter()
            .find(|l| l.uses_public_number())
            .unwrap();
        for period in Period::ALL {
            let call = plan.escalation_call(level, *period);
            assert_eq!(call.first.number.as_deref(), Some("999"));
            assert!(call.first.person.is_none());
        }
    }

    #[test]
    fn a_persons_number_for_a_period_prefers_the_kind_that_suits_it() {
        let mut p = Person::named("A");
        assert_eq!(p.phone_for(Period::OfficeHours), None);
        assert!(!p.has_phone());
        let phone = |kind, n: &str| Phone {
            kind,
            number: n.into(),
        };
        p.phones = vec![
            phone(PhoneKind::Office, "1"),
            phone(PhoneKind::Mobile, "2"),
            phone(PhoneKind::OutOfHours, " "),
        ];
        assert_eq!(p.phone_for(Period::OfficeHours), Some("1"));
        assert_eq!(p.phone_for(Period::PollingDay), Some("2"));
        // A blank out-of-hours number does not count: the mobile is rung.
        assert_eq!(p.phone_for(Period::CountNight), Some("2"));
        assert!(!p.has_out_of_hours());
    }
}
