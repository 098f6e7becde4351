//! What can go wrong talking to the shared log, each with what happened, where, and what to do.

use std::fmt;

/// A failure of the shared custody log. Nothing on the laptop is ever changed by one: the plan is
/// saved only after a sync succeeds, and a retry picks up where the database left off.
#[derive(Debug, thiserror::Error)]
pub enum SharedLogError {
    /// The database address could not be read.
    #[error("the database address is not a PostgreSQL address ({0})")]
    BadAddress(String),
    /// The server could not be reached.
    #[error("cannot reach the database server {target}: {detail}")]
    Unreachable {
        /// The server, without any password.
        target: String,
        /// What the network said.
        detail: String,
    },
    /// The TLS handshake failed (certificate, host name, or the server offers no TLS).
    #[error("cannot set up an encrypted connection to {target}: {detail}")]
    Tls {
        /// The server.
        target: String,
        /// What failed.
        detail: String,
    },
    /// The server refused the role's password (or has no entry for the role).
    #[error("the database server {target} refused the password of role \u{201c}{role}\u{201d}")]
    Authentication {
        /// The server.
        target: String,
        /// The role.
        role: String,
    },
    /// The database named in the address does not exist.
    #[error("the database server {target} has no database \u{201c}{database}\u{201d}")]
    NoDatabase {
        /// The server.
        target: String,
        /// The database.
        database: String,
    },
    /// The database has no shared-log tables (`db init` was never run there).
    #[error("the database at {target} has not been set up for the shared custody log")]
    NotInitialised {
        /// The server and database.
        target: String,
    },
    /// The plan id is not registered in the database.
    #[error("plan {plan} is not registered in the database at {target}; nothing was sent")]
    NotRegistered {
        /// The plan id.
        plan: String,
        /// The server and database.
        target: String,
    },
    /// The plan is registered, but this role was not added to it.
    #[error("role \u{201c}{role}\u{201d} has not been added to plan {plan} at {target}")]
    NotAllowed {
        /// The plan id.
        plan: String,
        /// The role.
        role: String,
        /// The server and database.
        target: String,
    },
    /// Logs this laptop writes are claimed by another device.
    #[error("{}", claimed_message(.0))]
    Claimed(Vec<Claim>),
    /// The database holds a different version of something this laptop recorded.
    #[error("log \u{201c}{log}\u{201d} differs between this laptop and the database: {detail}")]
    Conflict {
        /// The log.
        log: String,
        /// What differs.
        detail: String,
    },
    /// The server refused what was sent (a check, a chain or a permission).
    #[error("the database refused {what}: {detail}")]
    Refused {
        /// What was sent.
        what: String,
        /// The server's reason, in words.
        detail: String,
    },
    /// This laptop's own log is broken, so it is not sent.
    #[error("this laptop's log is broken, so it was not sent: {0}")]
    BrokenLocalLog(String),
    /// The connection dropped, or the server shut down or restarted, in the middle of the work.
    #[error("the connection to {target} was lost during the sync ({detail})")]
    Lost {
        /// The server.
        target: String,
        /// What was seen.
        detail: String,
    },
    /// The role may not do this (an administrator command run with a device's role, say).
    #[error("role \u{201c}{role}\u{201d} may not do this at {target}: {detail}")]
    Permission {
        /// The role.
        role: String,
        /// The server.
        target: String,
        /// The server's words.
        detail: String,
    },
    /// Anything else the server or driver reported.
    #[error("the database at {target} reported: {detail}")]
    Database {
        /// The server.
        target: String,
        /// The server's words.
        detail: String,
    },
}

/// A log claimed by another device.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Claim {
    /// The log.
    pub log: String,
    /// The device that claimed it.
    pub device: String,
    /// The database role it used.
    pub role: String,
    /// When (server time, UTC).
    pub at: String,
}

impl fmt::Display for Claim {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "log \u{201c}{}\u{201d} is written by device {} (role {}) since {}",
            self.log, self.device, self.role, self.at
        )
    }
}

fn claimed_message(claims: &[Claim]) -> String {
    let list: Vec<String> = claims.iter().map(Claim::to_string).collect();
    format!(
        "another device already writes {}: {}; nothing was sent",
        if claims.len() == 1 {
            "a log of this laptop"
        } else {
            "logs of this laptop"
        },
        list.join("; ")
    )
}

impl SharedLogError {
    /// What to do about it, in one line.
    pub fn hint(&self) -> String {
        match self {
            SharedLogError::BadAddress(_) => "write it as postgres://ROLE@HOST:5432/DATABASE?sslmode=verify-full and keep \
                 the password in ~/.pgpass or PGPASSWORD, never in the address"
                .to_owned(),
            SharedLogError::Unreachable { .. } => "check the host name and port, the VPN or network, and that the firewall \
                 lets this laptop reach the server's PostgreSQL port (5432 unless told otherwise); \
                 recording carries on offline and the next sync sends everything"
                .to_owned(),
            SharedLogError::Tls { .. } => "with sslmode=verify-full the server's certificate must name the host in the \
                 address and be signed by an authority this laptop trusts (sslrootcert=FILE for \
                 the council's own); ask council IT"
                .to_owned(),
            SharedLogError::Authentication { role, .. } => format!(
                "check the password for role {role} in ~/.pgpass (host:port:database:{role}:password, \
                 which is ignored unless only you can read it: chmod 600) or PGPASSWORD; the administrator \
                 sets a laptop's with `db add-device`"
            ),
            SharedLogError::NoDatabase { .. } => {
                "check the database name at the end of the address".to_owned()
            }
            SharedLogError::NotInitialised { .. } => {
                "the administrator runs `integrity-planner db init --db URL` once, as the owner role"
                    .to_owned()
            }
            SharedLogError::NotRegistered { .. } => "check that --db names this election's database; the administrator registers \
                 the plan with `integrity-planner db register-plan PLAN --db URL` (a copy \
                 converted apart from the master copy is another plan: take the master's copy)"
                .to_owned(),
            SharedLogError::NotAllowed { role, .. } => format!(
                "the administrator adds this laptop with `integrity-planner db add-device {role} \
                 --plan PLAN --db URL`"
            ),
            SharedLogError::Claimed(_) => "one log has one writer: record on this laptop in a log of its own (the \
                 default log names carry the device name), or ask the administrator which \
                 laptop holds the log"
                .to_owned(),
            SharedLogError::Conflict { .. } => "nothing was overwritten on either side; keep this laptop's plan file and \
                 ask the administrator to compare it with the database before recording more"
                .to_owned(),
            SharedLogError::Refused { .. } => "events are never changed after they are recorded; restore the plan from \
                 its backups (`integrity-planner backups PLAN`) if it was edited by hand"
                .to_owned(),
            SharedLogError::BrokenLocalLog(_) => {
                "run `integrity-planner check PLAN` and restore the log from a backup first"
                    .to_owned()
            }
            SharedLogError::Lost { .. } => "nothing is lost: what reached the server is kept and this laptop keeps \
                 everything; sync again when the server is back"
                .to_owned(),
            SharedLogError::Permission { .. } => {
                "administrator commands run as the owner role; a laptop's role may only read \
                 and add"
                    .to_owned()
            }
            SharedLogError::Database { .. } => {
                "sync again; if it persists, show this message to council IT".to_owned()
            }
        }
    }

    /// Whether the server could not be reached or the connection was lost: the laptop is
    /// offline, and a later attempt may succeed without anyone changing anything.
    pub fn is_offline(&self) -> bool {
        matches!(
            self,
            SharedLogError::Unreachable { .. } | SharedLogError::Lost { .. }
        )
    }
}

/// Where a failure happened, to tell a refused connection from a lost one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Phase {
    /// Opening the connection.
    Connecting,
    /// Working over an open connection.
    Working,
}

/// The connection's context for messages.
pub(crate) struct Context<'a> {
    /// The server and database, without any password.
    pub target: &'a str,
    /// The role.
    pub role: &'a str,
    /// The database name.
    pub database: &'a str,
}

/// Turns a driver error into one of ours.
pub(crate) fn classify(error: sqlx::Error, phase: Phase, context: &Context<'_>) -> SharedLogError {
    let target = context.target.to_owned();
    match error {
        sqlx::Error::Io(e) => {
            if phase == Phase::Connecting {
                SharedLogError::Unreachable {
                    target,
                    detail: e.to_string(),
                }
            } else {
                SharedLogError::Lost {
                    target,
                    detail: e.to_string(),
                }
            }
        }
        sqlx::Error::Tls(e) => SharedLogError::Tls {
            target,
            detail: e.to_string(),
        },
        sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed | sqlx::Error::WorkerCrashed => {
            SharedLogError::Unreachable {
                target,
                detail: "no connection could be opened in time".to_owned(),
            }
        }
        sqlx::Error::Database(db) => {
            let code = db.code().map(|c| c.into_owned()).unwrap_or_default();
            let message = db.message().to_owned();
            match code.as_str() {
                "28P01" | "28000" => SharedLogError::Authentication {
                    target,
                    role: context.role.to_owned(),
                },
                "3D000" => SharedLogError::NoDatabase {
                    target,
                    database: context.database.to_owned(),
                },
                "3F000" | "42P01" | "42883" => SharedLogError::NotInitialised { target },
                "42501" => SharedLogError::Permission {
                    role: context.role.to_owned(),
                    target,
                    detail: message,
                },
                // Shutdown, crash recovery, or the connection failing under the statement.
                c if c.starts_with("57P") || c.starts_with("08") => SharedLogError::Lost {
                    target,
                    detail: message,
                },
                _ => SharedLogError::Database {
                    target,
                    detail: format!("{message} (SQLSTATE {code})"),
                },
            }
        }
        sqlx::Error::Protocol(p) if phase == Phase::Working => {
            SharedLogError::Lost { target, detail: p }
        }
        other => SharedLogError::Database {
            target,
            detail: other.to_string(),
        },
    }
}
