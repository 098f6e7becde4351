//! A background worker for the editor: a thread owning its own network runtime that keeps a
//! plan's custody section in step with the shared log. The editor sends it snapshots (cheap: the
//! lists are shared) whenever something is recorded and takes back what it pulled; recording never
//! waits for it.
//!
//! LISTEN/NOTIFY is only a hint (lost while disconnected, not carried by every proxy): the worker
//! syncs on every notification, on every reconnect, on every snapshot, and by polling otherwise.

use std::collections::HashMap;
use std::sync::mpsc;
use std::time::Duration;

use sqlx::postgres::{PgListener, PgPoolOptions};
use tokio::sync::mpsc as channel;

use super::{SharedLogError, SyncOutcome, SyncRequest, SyncState, Target, apply, connect, waiting};
use crate::model::{Custody, PlanId};

/// How often the worker asks the database when no notification comes.
pub const POLL: Duration = Duration::from_secs(5);

/// The longest wait between attempts to reconnect.
const MAX_BACKOFF: Duration = Duration::from_secs(30);

/// What the worker reports to the editor.
#[derive(Debug)]
pub enum WorkerReport {
    /// A sync succeeded: add `outcome.pulled` to the plan with [`apply`] (safe to repeat).
    Synced(SyncOutcome),
    /// The database cannot be reached; `waiting` events of this laptop's logs are not yet in it.
    /// The worker keeps trying.
    Offline {
        /// Events waiting to be sent.
        waiting: usize,
        /// Why, for a tooltip or the status line.
        error: SharedLogError,
    },
    /// The database refused the sync (a claimed log, an unregistered plan, a conflict): it will
    /// not succeed by retrying alone. The worker tries again only on the next snapshot.
    Failed(SharedLogError),
}

impl WorkerReport {
    /// A line for the status bar, e.g. "offline — 12 events waiting".
    pub fn summary(&self) -> String {
        match self {
            WorkerReport::Synced(outcome) => format!(
                "shared log: in step ({} sent, {} received)",
                outcome.pushed_events,
                outcome.pulled.events.len()
            ),
            WorkerReport::Offline { waiting, .. } => format!(
                "offline \u{2014} {waiting} event{} waiting",
                if *waiting == 1 { "" } else { "s" }
            ),
            WorkerReport::Failed(error) => format!("shared log: {error}"),
        }
    }
}

enum Command {
    Snapshot(Box<Custody>),
    SyncNow,
    Stop,
}

/// Takes the editor's snapshot as the worker's own copy. The snapshot shares the custody log with
/// the editor's plan; the lists are copied here, on the worker's thread, so the editor's next
/// recording appends in place instead of copying the whole log on the UI thread.
fn own(custody: Box<Custody>) -> Custody {
    let mut custody = *custody;
    let _events: &mut Vec<crate::model::CustodyEvent> = &mut custody.events;
    let _items: &mut Vec<crate::model::CustodyItem> = &mut custody.items;
    custody
}

/// The handle the editor keeps. Dropping it stops the worker.
pub struct SyncWorker {
    commands: channel::UnboundedSender<Command>,
    reports: mpsc::Receiver<WorkerReport>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl SyncWorker {
    /// Starts a worker syncing `custody` of plan `plan`, written on `device`, with `target`.
    /// `wake` is called after each report (e.g. egui's `request_repaint`).
    pub fn start(
        target: Target,
        plan: PlanId,
        device: String,
        custody: Custody,
        wake: Box<dyn Fn() + Send>,
    ) -> Result<SyncWorker, SharedLogError> {
        let (commands, inbox) = channel::unbounded_channel();
        let (outbox, reports) = mpsc::channel();
        let runtime = super::runtime()?;
        let thread = std::thread::Builder::new()
            .name("shared-log".to_owned())
            .spawn(move || {
                let worker = Worker {
                    target,
                    request: SyncRequest {
                        plan,
                        custody,
                        device,
                    },
                    inbox,
                    outbox,
                    wake,
                    sent: HashMap::new(),
                };
                runtime.block_on(worker.run());
            })
            .map_err(|e| SharedLogError::Database {
                target: "this laptop".to_owned(),
                detail: format!("cannot start the sync thread: {e}"),
            })?;
        Ok(SyncWorker {
            commands,
            reports,
            thread: Some(thread),
        })
    }

    /// Gives the worker the plan's custody section as it now is (after recording, say): it sends
    /// what is new at once.
    pub fn update(&self, custody: Custody) {
        let _ = self.commands.send(Command::Snapshot(Box::new(custody)));
    }

    /// Asks for a sync now (a "Sync now" button).
    pub fn sync_now(&self) {
        let _ = self.commands.send(Command::SyncNow);
    }

    /// The next report, if one is waiting.
    pub fn try_report(&self) -> Option<WorkerReport> {
        self.reports.try_recv().ok()
    }

    /// Waits up to `timeout` for the next report.
    pub fn report_within(&self, timeout: Duration) -> Option<WorkerReport> {
        self.reports.recv_timeout(timeout).ok()
    }
}

impl Drop for SyncWorker {
    fn drop(&mut self) {
        let _ = self.commands.send(Command::Stop);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// What woke the worker.
enum Wake {
    Command(Option<Command>),
    Notified,
    ListenerLost,
    Timer,
}

struct Worker {
    target: Target,
    request: SyncRequest,
    inbox: channel::UnboundedReceiver<Command>,
    outbox: mpsc::Sender<WorkerReport>,
    wake: Box<dyn Fn() + Send>,
    /// Each of this laptop's logs' last event the database is known to hold.
    sent: HashMap<String, u64>,
}

impl Worker {
    fn report(&self, report: WorkerReport) {
        if self.outbox.send(report).is_ok() {
            (self.wake)();
        }
    }

    async fn run(mut self) {
        let channel = format!("custody_{}", self.request.plan.0.simple());
        let mut backoff = Duration::from_secs(1);
        'connect: loop {
            let mut connection = match connect(&self.target).await {
                Ok(c) => c,
                Err(error) => {
                    let waiting = waiting(&self.request.custody, &self.request.device, &self.sent);
                    self.report(WorkerReport::Offline { waiting, error });
                    if !self.pause(backoff).await {
                        return;
                    }
                    backoff = (backoff * 2).min(MAX_BACKOFF);
                    continue 'connect;
                }
            };
            backoff = Duration::from_secs(1);
            // The listener has a connection of its own; without one the worker polls.
            let pool = PgPoolOptions::new()
                .max_connections(1)
                .acquire_timeout(super::CONNECT_TIMEOUT)
                .connect_lazy_with(self.target.options().clone());
            let mut listener = match PgListener::connect_with(&pool).await {
                Ok(mut l) => l.listen(&channel).await.ok().map(|()| l),
                Err(_) => None,
            };
            let mut state = SyncState::default();
            let mut refused = false;
            loop {
                if !refused {
                    let result =
                        super::sync_with(&mut connection, &self.target, &self.request, &mut state)
                            .await;
                    match result {
                        Ok(outcome) => {
                            apply(&mut self.request.custody, &outcome.pulled);
                            for log in &outcome.logs {
                                let head =
                                    crate::custody::chain::head(&self.request.custody, log).0;
                                self.sent.insert(log.clone(), head);
                            }
                            self.report(WorkerReport::Synced(outcome));
                        }
                        Err(error) if error.is_offline() => {
                            let waiting =
                                waiting(&self.request.custody, &self.request.device, &self.sent);
                            self.report(WorkerReport::Offline { waiting, error });
                            if !self.pause(backoff).await {
                                return;
                            }
                            continue 'connect;
                        }
                        Err(error) => {
                            refused = true;
                            self.report(WorkerReport::Failed(error));
                        }
                    }
                }
                let woke = match listener.as_mut() {
                    Some(l) => tokio::select! {
                        command = self.inbox.recv() => Wake::Command(command),
                        note = l.try_recv() => match note {
                            Ok(Some(_)) => Wake::Notified,
                            Ok(None) | Err(_) => Wake::ListenerLost,
                        },
                        () = tokio::time::sleep(POLL) => Wake::Timer,
                    },
                    None => tokio::select! {
                        command = self.inbox.recv() => Wake::Command(command),
                        () = tokio::time::sleep(POLL) => Wake::Timer,
                    },
                };
                match woke {
                    Wake::Command(None | Some(Command::Stop)) => return,
                    Wake::Command(Some(command)) => {
                        if let Command::Snapshot(custody) = command {
                            self.request.custody = own(custody);
                        }
                        if self.drain() {
                            return;
                        }
                        refused = false;
                    }
                    Wake::Notified => {
                        // Several notifications come together: one sync answers them all.
                        if let Some(l) = listener.as_mut() {
                            while l.next_buffered().is_some() {}
                        }
                    }
                    // The listener reconnects by itself on the next call; what was sent meanwhile
                    // is found by syncing now.
                    Wake::ListenerLost | Wake::Timer => {}
                }
            }
        }
    }

    /// Takes every command already waiting, keeping the newest snapshot. Returns whether to stop.
    fn drain(&mut self) -> bool {
        while let Ok(command) = self.inbox.try_recv() {
            match command {
                Command::Snapshot(custody) => self.request.custody = own(custody),
                Command::SyncNow => {}
                Command::Stop => return true,
            }
        }
        false
    }

    /// Waits `delay` before trying again, cut short by a command. Returns false to stop.
    async fn pause(&mut self, delay: Duration) -> bool {
        tokio::select! {
            command = self.inbox.recv() => match command {
                None | Some(Command::Stop) => false,
                Some(Command::Snapshot(custody)) => {
                    self.request.custody = *custody;
                    !self.drain()
                }
                Some(Command::SyncNow) => !self.drain(),
            },
            () = tokio::time::sleep(delay) => true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_worker_keeps_its_own_copy_so_the_editor_appends_in_place() {
        let editor = crate::test_support::valid_plan().custody;
        assert!(!editor.events.is_empty());
        let snapshot = editor.clone();
        assert!(
            snapshot.events.shares_with(&editor.events),
            "a snapshot costs a pointer"
        );
        let worker = own(Box::new(snapshot));
        assert_eq!(worker, editor);
        assert!(!worker.events.shares_with(&editor.events));
        assert!(!worker.items.shares_with(&editor.items));
    }
}
