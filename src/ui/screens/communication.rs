//! Section 4: lines of communication (who contacts whom, how and how often).

use super::short;
use crate::model::{
    Cadence, CadencePhase, Channel, CommunicationLine, CommunicationLineId, EscalationLevel,
    EscalationLevelId, Plan, schedule_text,
};
use crate::ui::form::EntityForm;
use crate::ui::screen::{Columns, Declare, ListScreen, View, columns};

/// The communication screen.
pub type Screen = ListScreen<Lines>;

/// The lines' columns and a line's fields.
#[derive(Default)]
pub struct Lines;

impl Declare for Lines {
    type E = CommunicationLine;
    const INTRO: &'static str = "Who contacts whom, about what, by which channel and how often. \
        Contact tightens towards polling day.";
    const COLUMNS: Columns = columns!["From → to" 240, "About" 240, "Channel" 100, "How often" 300];

    fn cells(&self, plan: &Plan, l: &Self::E) -> Vec<String> {
        vec![
            format!("{} → {}", plan.person_name(l.from), plan.person_name(l.to)),
            short(&l.subject),
            l.channel.label().to_owned(),
            schedule_text(&l.schedule),
        ]
    }

    fn create(&mut self, _view: &View<'_>) -> Self::E {
        let phase = |from_days_before_poll, cadence| CadencePhase {
            from_days_before_poll,
            cadence,
        };
        CommunicationLine {
            handling: crate::model::Handling::Both,
            id: CommunicationLineId::new(),
            from: None,
            to: None,
            subject: String::new(),
            channel: Channel::Phone,
            schedule: vec![phase(28, Cadence::Weekly), phase(7, Cadence::Daily)],
            escalates_to: None,
        }
    }

    fn fields(&mut self, form: &mut EntityForm<'_, Self::E>, line: &Self::E, view: &View<'_>) {
        let plan = view.plan;
        form.person("From", line.from, &plan.people, |x, v| x.from = v);
        form.person("To", line.to, &plan.people, |x, v| x.to = v);
        form.multiline("About", &line.subject, |x, v| x.subject = v);
        form.choice("Channel", line.channel, |x, v| x.channel = v);
        let to = line.escalates_to.map(|l| l.0);
        form.reference::<EscalationLevel>("Escalates to", to, plan, |x, v| {
            x.escalates_to = v.map(EscalationLevelId);
        });
        for (k, phase) in line.schedule.iter().enumerate() {
            let n = k + 1;
            let starts = format!("Phase {n} starts (days before poll)");
            form.count(&starts, phase.from_days_before_poll, move |x, v| {
                if let Some(ph) = x.schedule.get_mut(k) {
                    ph.from_days_before_poll = v;
                }
            });
            let cadence = format!("Phase {n} cadence");
            form.choice(&cadence, phase.cadence, move |x, v| {
                if let Some(ph) = x.schedule.get_mut(k) {
                    ph.cadence = v;
                }
            });
        }
        phases(form, line);
        form.shown("In words", &schedule_text(&line.schedule));
        form.choice("Shown in", line.handling, |x, v| x.handling = v);
    }
}

/// "Add phase" and "Remove last phase".
fn phases(form: &mut EntityForm<'_, CommunicationLine>, line: &CommunicationLine) {
    let (mut add, mut remove) = (false, false);
    form.row("Phases", |ui| {
        add = ui.button("Add phase").clicked();
        remove = !line.schedule.is_empty() && ui.button("Remove last phase").clicked();
    });
    if add {
        form.change("add cadence phase", |x| {
            let next = x
                .schedule
                .iter()
                .map(|p| p.from_days_before_poll)
                .min()
                .map_or(28, |d| d / 2);
            x.schedule.push(CadencePhase {
                from_days_before_poll: next,
                cadence: Cadence::Daily,
            });
        });
    }
    if remove {
        form.change("remove cadence phase", |x| {
            x.schedule.pop();
        });
    }
}

#[cfg(test)]
#[path = "tests/communication.rs"]
mod tests;
