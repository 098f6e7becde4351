//! `integrity-planner db ...`: the administrator's commands for the shared custody log. Each
//! prints the SQL it ran.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args as ClapArgs, Subcommand};
use integrity_planner::shared_log::{self, SharedLogError, Target, admin};
use integrity_planner::storage;
use integrity_planner::text::terminal_safe;

use super::Failure;

/// The database to use.
#[derive(ClapArgs)]
pub struct DbArg {
    /// The database: postgres://ROLE@HOST:PORT/DATABASE?sslmode=verify-full. The password comes
    /// from ~/.pgpass or PGPASSWORD, never the command line; PGHOST, PGUSER and the other PG*
    /// variables fill in what the address leaves out.
    #[arg(long = "db", value_name = "URL", env = "INTEGRITY_PLANNER_DB")]
    pub db: String,
}

#[derive(Subcommand)]
pub enum Command {
    /// Create or update the shared-log schema (run once per database, as the owner role).
    Init {
        #[command(flatten)]
        db: DbArg,
    },
    /// Register a plan so that laptops may sync it.
    RegisterPlan {
        /// The plan file (its id is registered).
        plan: PathBuf,
        #[command(flatten)]
        db: DbArg,
    },
    /// Create a laptop's database role (if new) and allow it a plan. A new role gets a random
    /// password, printed once as a ~/.pgpass line for that laptop.
    AddDevice {
        /// The role's name: lower-case letters, digits and underscores, e.g. desk_03.
        name: String,
        /// The plan file it may sync.
        #[arg(long, value_name = "PLAN")]
        plan: PathBuf,
        /// Read the new role's password from standard input instead of making one up.
        #[arg(long)]
        password_stdin: bool,
        #[command(flatten)]
        db: DbArg,
    },
}

/// Turns a shared-log error into a failure to print.
pub fn failure(error: &SharedLogError) -> Failure {
    Failure::new(terminal_safe(&error.to_string()).into_owned()).hint(error.hint())
}

/// Reads the address, warning when it carries a password.
pub fn target(address: &str) -> Result<Target, Failure> {
    if shared_log::address_has_password(address) {
        warning!(
            "the database address holds a password, which other users of this machine can see; \
             keep it in ~/.pgpass or PGPASSWORD instead"
        );
    }
    Target::parse(address).map_err(|e| failure(&e))
}

/// Runs `work` over a fresh connection to `target`.
pub fn with_connection<T>(
    target: &Target,
    work: impl AsyncFnOnce(&mut sqlx::PgConnection) -> Result<T, SharedLogError>,
) -> Result<T, Failure> {
    shared_log::block_on(async {
        let mut connection = shared_log::connect(target).await?;
        work(&mut connection).await
    })
    .and_then(|r| r)
    .map_err(|e| failure(&e))
}

fn print(ran: &admin::Ran) -> Result<(), Failure> {
    for statement in &ran.statements {
        say!("{};", statement.trim_end_matches(';'));
    }
    if let Some(note) = &ran.note {
        say!("-- {note}");
    }
    Ok(())
}

pub fn run(command: &Command) -> Result<ExitCode, Failure> {
    match command {
        Command::Init { db } => {
            let target = target(&db.db)?;
            let ran = with_connection(&target, async |c| admin::init(c, &target).await)?;
            print(&ran)?;
            say!("-- the shared custody log is ready at {}", target.shown());
        }
        Command::RegisterPlan { plan, db } => {
            let loaded = storage::load(plan)?;
            let target = target(&db.db)?;
            let name = if loaded.overview.title.trim().is_empty() {
                plan.display().to_string()
            } else {
                loaded.overview.title.clone()
            };
            let ran = with_connection(&target, async |c| {
                admin::register_plan(c, &target, loaded.id, &name).await
            })?;
            print(&ran)?;
        }
        Command::AddDevice {
            name,
            plan,
            password_stdin,
            db,
        } => {
            if !admin::valid_role_name(name) {
                return Err(Failure::new(format!(
                    "\u{201c}{}\u{201d} cannot be a device's role name",
                    terminal_safe(name)
                ))
                .hint(
                    "use lower-case letters, digits and underscores, starting with a letter, e.g. \
                     desk_03",
                ));
            }
            let loaded = storage::load(plan)?;
            let target = target(&db.db)?;
            let password = if *password_stdin {
                let mut line = String::new();
                std::io::stdin().read_line(&mut line).map_err(|e| {
                    Failure::new(format!("cannot read the password from standard input: {e}"))
                })?;
                let line = line.trim_end_matches(['\n', '\r']).to_owned();
                if line.is_empty() {
                    return Err(Failure::new("the password on standard input is empty")
                        .hint("pipe the password in, e.g. from a password manager"));
                }
                line
            } else {
                admin::new_password()
            };
            let (ran, created) = with_connection(&target, async |c| {
                admin::add_device(c, &target, name, loaded.id, &password).await
            })?;
            print(&ran)?;
            if created && !*password_stdin {
                let options = target.options();
                say!(
                    "-- give this line to that laptop's ~/.pgpass only (chmod 600), then forget it:"
                );
                say!(
                    "{}:{}:{}:{}:{}",
                    options.get_host(),
                    options.get_port(),
                    options.get_database().unwrap_or("*"),
                    name,
                    password
                );
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
