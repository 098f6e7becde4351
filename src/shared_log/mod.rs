//! The shared custody log on PostgreSQL: at a count, each desk's laptop claims its own log in a
//! database the council runs, sends the events the database lacks and takes the other desks'
//! events and the expected items, so every screen in the hall sees the same receipts.
//!
//! The database keeps the chains honest by constraint (see `migrations/`): one place per event,
//! each event tied to its predecessor's hash, the hash recomputed by the server, the canonical
//! text stored as written. Laptops hold SELECT and INSERT only, so a laptop cannot rewrite history;
//! an administrator can, and that shows against the laptops' plan files and their anchors.
//!
//! Recording never waits for the network: [`sync`] is run when there is a connection, is
//! idempotent, and changes nothing locally until it has succeeded.

pub mod admin;
mod error;
pub mod status;
mod sync;
mod wire;
pub mod worker;

use std::str::FromStr;
use std::time::Duration;

use sqlx::ConnectOptions as _;
use sqlx::postgres::{PgConnectOptions, PgConnection};

pub use error::{Claim, SharedLogError};
pub use sync::{
    Pulled, SyncOutcome, SyncRequest, SyncState, apply, my_logs, sync, sync_with, waiting,
};
pub use wire::parse_canonical;

use error::{Context, Phase, classify};

/// The versioned schema migrations, embedded in the program; `db init` runs them as the owner role.
pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("src/shared_log/migrations");

/// How long opening a connection may take before the server counts as unreachable.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(15);

/// A database to connect to: the driver's options (from the address, the `PG*` variables and
/// `~/.pgpass`) and a description for messages that never shows a password.
#[derive(Clone, Debug)]
pub struct Target {
    options: PgConnectOptions,
    shown: String,
}

impl Target {
    /// Reads a `postgres://` (or `postgresql://`) address. Whatever it leaves out comes from
    /// `PGHOST`, `PGPORT`, `PGUSER`, `PGDATABASE`, `PGSSLMODE`, `PGSSLROOTCERT` and the rest, and
    /// the password from `PGPASSWORD` or `~/.pgpass` (`PGPASSFILE`), as libpq does.
    pub fn parse(address: &str) -> Result<Target, SharedLogError> {
        let scheme = address.trim().split_once("://").map(|(s, _)| s);
        if !matches!(scheme, Some("postgres" | "postgresql")) {
            return Err(SharedLogError::BadAddress(
                "it must start with postgres:// or postgresql://".to_owned(),
            ));
        }
        let options = PgConnectOptions::from_str(address.trim())
            .map_err(|e| SharedLogError::BadAddress(without_password(&e.to_string())))?
            .application_name("integrity-planner");
        let shown = match options.get_socket() {
            Some(socket) => format!(
                "{}@{} (socket)/{}",
                options.get_username(),
                socket.display(),
                options.get_database().unwrap_or("")
            ),
            None => format!(
                "{}@{}:{}/{}",
                options.get_username(),
                options.get_host(),
                options.get_port(),
                options.get_database().unwrap_or("")
            ),
        };
        Ok(Target { options, shown })
    }

    /// The server, role and database, for messages (never the password).
    pub fn shown(&self) -> &str {
        &self.shown
    }

    /// The database role connected as.
    pub fn role(&self) -> &str {
        self.options.get_username()
    }

    /// The driver's options.
    pub fn options(&self) -> &PgConnectOptions {
        &self.options
    }

    fn context(&self) -> Context<'_> {
        Context {
            target: &self.shown,
            role: self.options.get_username(),
            database: self.options.get_database().unwrap_or(""),
        }
    }

    /// Turns a driver error met while working over an open connection into one of ours.
    pub(crate) fn working_error(&self, error: sqlx::Error) -> SharedLogError {
        classify(error, Phase::Working, &self.context())
    }
}

/// Whether an address carries a password (`postgres://role:secret@host/...` or `password=`): it
/// then shows in the process list and the shell history, so the command line warns.
pub fn address_has_password(address: &str) -> bool {
    if address.contains("password=") {
        return true;
    }
    let Some((_, rest)) = address.split_once("://") else {
        return false;
    };
    let authority = rest.split(['/', '?']).next().unwrap_or("");
    authority
        .rsplit_once('@')
        .is_some_and(|(user_info, _)| user_info.contains(':'))
}

/// An error text with anything after `:` in a URL's user part blanked, in case the driver quotes
/// the address.
fn without_password(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split(' ') {
        if !out.is_empty() {
            out.push(' ');
        }
        if address_has_password(word) {
            out.push_str("(an address with a password, not shown)");
        } else {
            out.push_str(word);
        }
    }
    out
}

/// Opens a connection, giving up after [`CONNECT_TIMEOUT`].
pub async fn connect(target: &Target) -> Result<PgConnection, SharedLogError> {
    match tokio::time::timeout(CONNECT_TIMEOUT, target.options.connect()).await {
        Ok(Ok(connection)) => Ok(connection),
        Ok(Err(e)) => Err(classify(e, Phase::Connecting, &target.context())),
        Err(_) => Err(SharedLogError::Unreachable {
            target: target.shown.clone(),
            detail: format!("no answer within {} seconds", CONNECT_TIMEOUT.as_secs()),
        }),
    }
}

/// Runs `future` to completion on a runtime of its own on this thread: for the command line and
/// tests, which have no runtime of their own.
pub fn block_on<F: std::future::Future>(future: F) -> Result<F::Output, SharedLogError> {
    Ok(runtime()?.block_on(future))
}

/// A network runtime for one thread (the command line's, or the editor's sync worker's).
pub(crate) fn runtime() -> Result<tokio::runtime::Runtime, SharedLogError> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| SharedLogError::Database {
            target: "this laptop".to_owned(),
            detail: format!("cannot start the network runtime: {e}"),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_in_addresses_are_noticed() {
        assert!(address_has_password(
            "postgres://desk:secret@db.example/count"
        ));
        assert!(address_has_password("host=db password=secret"));
        assert!(!address_has_password(
            "postgres://desk@db.example:5432/count?sslmode=verify-full"
        ));
        assert!(!address_has_password("postgres://db.example/count"));
    }

    #[test]
    fn the_shown_target_has_no_password() {
        let Ok(target) = Target::parse("postgres://desk:secret@db.example:6543/count") else {
            panic!("a plain address parses");
        };
        assert_eq!(target.shown(), "desk@db.example:6543/count");
        assert_eq!(target.role(), "desk");
        assert!(matches!(
            Target::parse("mysql://x"),
            Err(SharedLogError::BadAddress(_))
        ));
    }
}
