//! Custody ▸ Connect to shared log: the editor's side of the shared custody log at a count.
//!
//! A background worker (`shared_log::worker`) claims this laptop's logs, sends what the database
//! lacks and takes the other desks' events; this module starts it from the address the user types,
//! gives it the custody section whenever the plan changes (a pointer copy: the log is shared), adds
//! what it takes to the plan, and keeps its state in the status bar ("offline — 12 events
//! waiting"). Recording never waits for it.

use egui::RichText;

use super::PlannerApp;
use crate::model::PlanId;
use crate::shared_log::{self, Target, worker::SyncWorker, worker::WorkerReport};

/// A connection to a shared log, while the editor has one.
pub(super) struct SharedLink {
    worker: SyncWorker,
    /// The plan it syncs: closing or replacing that plan ends the link.
    plan: PlanId,
    /// The server, role and database, never a password.
    shown: String,
    /// The worker's latest state, in words.
    state: String,
    /// Whether the latest report was a failure or offline.
    trouble: bool,
    /// The plan's revision when the worker was last given the custody section.
    sent: u64,
    /// Events sent and taken since connecting.
    events_sent: usize,
    events_taken: usize,
}

/// The dialog asking for the database's address.
#[derive(Clone, Debug, Default)]
pub(super) struct AddressPrompt {
    address: String,
    error: Option<String>,
}

impl PlannerApp {
    /// Opens the address dialog, or ends the link if there is one.
    pub(super) fn connect_or_disconnect(&mut self) {
        if let Some(link) = self.shared.take() {
            self.tell(format!(
                "Disconnected from the shared log at {}; events recorded from now on wait in \
                 this plan until you connect again",
                link.shown
            ));
        } else {
            self.shared_prompt = Some(AddressPrompt {
                address: std::env::var("INTEGRITY_PLANNER_SHARED_LOG").unwrap_or_default(),
                error: None,
            });
        }
    }

    /// Whether the editor is linked to a shared log.
    pub fn is_linked(&self) -> bool {
        self.shared.is_some()
    }

    /// The shared log's state in words, while linked ("offline — 12 events waiting").
    pub fn shared_log_state(&self) -> Option<&str> {
        self.shared.as_ref().map(|l| l.state.as_str())
    }

    /// The address dialog.
    pub(super) fn shared_log_prompt(&mut self, ctx: &egui::Context) {
        let Some(prompt) = self.shared_prompt.as_mut() else {
            return;
        };
        let mut connect = false;
        let mut cancel = false;
        egui::Modal::new(egui::Id::unique("shared log address")).show(ctx, |ui| {
            ui.set_max_width(560.0);
            ui.heading("Connect to the shared custody log");
            ui.label(
                "Every desk at the count sends its own log to the council's database and sees \
                 the others'. This laptop claims the logs it records in; recording never waits \
                 for the network.",
            );
            ui.add_space(6.0);
            let label = ui.label("Database address");
            let field = ui
                .add(
                    egui::TextEdit::singleline(&mut prompt.address)
                        .hint_text(
                            "postgres://desk-3@count-db.council.local/custody?sslmode=verify-full",
                        )
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(label.id);
            if field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                connect = true;
            }
            ui.label(
                RichText::new(
                    "Best leave the password out: it is then read from ~/.pgpass or \
                     PGPASSWORD, as psql does. Your council's IT gives you the address and the \
                     desk's role.",
                )
                .weak(),
            );
            if let Some(error) = &prompt.error {
                ui.colored_label(ui.visuals().error_fg_color, error);
            }
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                if ui.button("Connect").clicked() {
                    connect = true;
                }
                if ui.button("Cancel").clicked() {
                    cancel = true;
                }
            });
        });
        if cancel {
            self.shared_prompt = None;
        } else if connect {
            let address = prompt.address.clone();
            match self.link(&address, ctx) {
                Ok(()) => self.shared_prompt = None,
                Err(error) => {
                    if let Some(prompt) = self.shared_prompt.as_mut() {
                        prompt.error = Some(error);
                    }
                }
            }
        }
    }

    /// Starts the worker for the open plan with the database at `address`.
    fn link(&mut self, address: &str, ctx: &egui::Context) -> Result<(), String> {
        // A password typed into the address is used for this connection only: it is not kept
        // anywhere, and the status bar shows the server, role and database without it.
        let target = Target::parse(address).map_err(|e| format!("{e}. {}", capital(&e.hint())))?;
        let doc = self.doc.as_ref().ok_or("Open a plan first.")?;
        let shown = target.shown().to_owned();
        let ctx = ctx.clone();
        let worker = SyncWorker::start(
            target,
            doc.plan.id,
            self.device.clone(),
            doc.plan.custody.clone(),
            Box::new(move || ctx.request_repaint()),
        )
        .map_err(|e| e.to_string())?;
        self.shared = Some(SharedLink {
            worker,
            plan: doc.plan.id,
            state: format!("connecting to {shown}…"),
            shown,
            trouble: false,
            sent: doc.history.revision(),
            events_sent: 0,
            events_taken: 0,
        });
        Ok(())
    }

    /// Takes the worker's reports: adds what it took to the plan, and gives it the custody section
    /// when the plan has changed since it last had it. Ends the link when its plan is closed.
    pub(super) fn poll_shared_log(&mut self) {
        let Some(link) = self.shared.as_mut() else {
            return;
        };
        let Some(doc) = self.doc.as_mut().filter(|d| d.plan.id == link.plan) else {
            self.shared = None;
            return;
        };
        // Whether this window changed the plan since the worker last had it (checked before
        // arrivals move the revision on: the worker already holds what it took).
        let changed_here = doc.history.revision() != link.sent;
        while let Some(report) = link.worker.try_report() {
            link.trouble = !matches!(report, WorkerReport::Synced(_));
            let outcome = match report {
                WorkerReport::Synced(outcome) => outcome,
                // The status bar already names the shared log.
                WorkerReport::Failed(error) => {
                    link.state = error.to_string();
                    continue;
                }
                offline @ WorkerReport::Offline { .. } => {
                    link.state = offline.summary();
                    continue;
                }
            };
            // Events are appended (the custody screen extends its timelines rather than
            // rebuilding them); other desks' records are not this window's steps to undo.
            let added = shared_log::apply(&mut doc.plan.custody, &outcome.pulled);
            if added > 0 || !outcome.pulled.items.is_empty() {
                doc.history.outside_change();
            }
            link.events_sent += outcome.pushed_events;
            link.events_taken += added;
            link.state = format!(
                "in step \u{2014} {} event{} sent and {} taken since connecting",
                link.events_sent,
                if link.events_sent == 1 { "" } else { "s" },
                link.events_taken
            );
        }
        link.sent = doc.history.revision();
        if changed_here {
            link.worker.update(doc.plan.custody.clone());
        }
    }

    /// The shared log's state for the status bar, while linked.
    pub(super) fn shared_log_status(&self, ui: &mut egui::Ui) {
        if let Some(link) = &self.shared {
            let text = format!("Shared log ({}): {}", link.shown, link.state);
            if link.trouble {
                ui.colored_label(ui.visuals().warn_fg_color, text);
            } else {
                ui.label(RichText::new(text).weak());
            }
            if ui
                .button("Sync now")
                .on_hover_text("Send and fetch now rather than at the next poll")
                .clicked()
            {
                link.worker.sync_now();
            }
        }
    }
}

/// `text` with its first letter in capitals, to follow a full stop.
fn capital(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
