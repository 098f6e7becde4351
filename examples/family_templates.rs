//! Builds the starting plan of every family of election in `templates/` from the hand-written
//! `english-local` template: each family moves it to its own election, nation and polling day (by working
//! days in its own calendar), names its contests and the officers its law names, keeps only the statutory
//! indicators its law sets, rewrites the sentences that state law it does not have, and adds the tasks its
//! law calls for, citing the instrument.
//!
//! Run `cargo run --example family_templates` from the repository root; it rewrites the generated files
//! (`uk-parliamentary` and `english-local` are hand-written and left alone). Ids are derived from the
//! family's name and their place in the plan, so running it again gives the same files.

#![allow(clippy::print_stdout)] // an example program reports on its terminal

use std::fs;
use std::path::Path;

use anyhow::{Context as _, Result, bail, ensure};
use chrono::NaiveDate;
use integrity_planner::law::contests::{
    HandingIn, IndicatorLaw, VoterId, VotingLaw, indicator_law,
};
use integrity_planner::law::law;
use integrity_planner::model::*;
use integrity_planner::templates::{PollDay, move_to_poll, renumber};
use integrity_planner::{storage, timetable};
use sha2::{Digest, Sha256};

/// The hand-written plan every family starts from: its count is the day after the poll, as at every
/// family built here.
const BASE: &str = "english-local";

/// How a family is built from the base plan.
type Family = fn(Plan) -> Result<Plan>;

fn date(y: i32, m: u32, d: u32) -> Result<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d).with_context(|| format!("{y}-{m}-{d} is not a date"))
}

fn main() -> Result<()> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
    let base = storage::load(&dir.join(format!("{BASE}.plan.ron")))?;
    let families: [(&str, Family); 10] = [
        ("english-parish", english_parish),
        ("pcc", pcc),
        ("mayor", mayor),
        ("gla", gla),
        ("scottish-parliament", scottish_parliament),
        ("scottish-local", scottish_local),
        ("senedd", senedd),
        ("welsh-local", welsh_local),
        ("northern-ireland", northern_ireland),
        ("may-combined", may_combined),
    ];
    for (name, build) in families {
        let mut plan = build(base.clone()).with_context(|| format!("building {name}"))?;
        finish(&mut plan).with_context(|| format!("finishing {name}"))?;
        let plan = stable_ids(name, &plan)?;
        let path = dir.join(format!("{name}.plan.ron"));
        fs::write(&path, storage::to_ron(&plan)?)
            .with_context(|| format!("writing {}", path.display()))?;
        println!("wrote templates/{name}.plan.ron");
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------------------
// The families.

fn english_parish(mut plan: Plan) -> Result<Plan> {
    let poll = retarget(
        &mut plan,
        ElectionType::EnglishParish,
        Nation::England,
        date(2027, 5, 6)?,
    )?;
    plan.overview.title =
        "Parish and town council elections: integrity and security plan".to_owned();
    let ro = person(&plan, Role::ReturningOfficer)?;
    set_job(
        &mut plan,
        ro,
        "Chief Executive (Returning Officer for parish elections)",
    );
    let parish = |name: &str, seats| {
        contest(
            name,
            ContestKind::Parish,
            seats,
            ElectionType::EnglishParish,
            poll,
        )
        .run_by(OfficerRole::ReturningOfficer, ro)
    };
    plan.overview.contests = vec![
        parish("Parish or town council name 1", 9),
        parish("Parish or town council name 2 (ward)", 5),
    ];
    rewrite(
        &mut plan,
        &[(
            "Declared ward by ward as each count finishes",
            "Declared parish by parish (and parish ward by parish ward) as each count finishes",
        )],
    )?;
    Ok(plan)
}

fn pcc(mut plan: Plan) -> Result<Plan> {
    let poll = retarget(
        &mut plan,
        ElectionType::Pcc,
        Nation::England,
        date(2028, 5, 4)?,
    )?;
    plan.overview.title =
        "Police and crime commissioner election: integrity and security plan".to_owned();
    let lro = person(&plan, Role::ReturningOfficer)?;
    set_job(&mut plan, lro, "Chief Executive (Local Returning Officer)");
    rename_distribution(&mut plan, "Returning Officer", "Local Returning Officer");
    let paro = add_officer(
        &mut plan,
        "Police Area Returning Officer",
        "Council of the police area returning officer",
    );
    distribute(
        &mut plan,
        "Police Area Returning Officer",
        "Council of the police area returning officer",
    );
    plan.overview.contests = vec![
        contest(
            "Police area name (this voting area)",
            ContestKind::PoliceAndCrimeCommissioner,
            1,
            ElectionType::Pcc,
            poll,
        )
        .run_by(OfficerRole::LocalReturningOfficer, lro),
    ];
    paro_directions(&mut plan, lro, paro, false)?;
    rewrite(
        &mut plan,
        &[
            (DECLARED_BY_WARD, PCC_DECLARATION),
            (DECLARATION_NAME, LOCAL_TOTALS_NAME),
        ],
    )?;
    Ok(plan)
}

fn mayor(mut plan: Plan) -> Result<Plan> {
    let poll = retarget(
        &mut plan,
        ElectionType::Mayor,
        Nation::England,
        date(2028, 5, 4)?,
    )?;
    plan.overview.title =
        "Combined authority mayoral election: integrity and security plan".to_owned();
    let caro = person(&plan, Role::ReturningOfficer)?;
    set_job(
        &mut plan,
        caro,
        "Chief Executive (Combined Authority Returning Officer)",
    );
    rename_distribution(
        &mut plan,
        "Returning Officer",
        "Combined Authority Returning Officer",
    );
    let lro = add_officer(
        &mut plan,
        "Local Returning Officer (constituent council)",
        "Constituent council",
    );
    distribute(
        &mut plan,
        "Local returning officers of the constituent councils",
        "Constituent councils",
    );
    plan.overview.contests = vec![
        contest(
            "Combined authority area name",
            ContestKind::Mayoral,
            1,
            ElectionType::Mayor,
            poll,
        )
        .run_by(OfficerRole::CombinedAuthorityReturningOfficer, caro),
    ];
    let manager = person(&plan, Role::ElectionsManager)?;
    add_task(
        &mut plan,
        "Coordination with the local returning officers of the constituent councils",
        caro,
        &[manager],
        &[lro],
        "The combined authority returning officer runs the election across the combined authority’s area and \
         agrees with each constituent council’s local returning officer the polling arrangements, postal vote \
         opening, verification and the count of its local totals (Combined Authorities (Mayoral Elections) \
         Order 2017 (SI 2017/67)); what is agreed, and any directions given, are recorded in this plan.",
    );
    rewrite(
        &mut plan,
        &[
            (DECLARED_BY_WARD, MAYOR_DECLARATION),
            (DECLARATION_NAME, LOCAL_TOTALS_NAME),
        ],
    )?;
    Ok(plan)
}

fn gla(mut plan: Plan) -> Result<Plan> {
    let poll = retarget(
        &mut plan,
        ElectionType::Gla,
        Nation::England,
        date(2028, 5, 4)?,
    )?;
    plan.overview.title =
        "Mayor of London and London Assembly elections: integrity and security plan".to_owned();
    let cro = person(&plan, Role::ReturningOfficer)?;
    set_job(
        &mut plan,
        cro,
        "Chief Executive (Constituency Returning Officer)",
    );
    rename_distribution(
        &mut plan,
        "Returning Officer",
        "Constituency Returning Officer",
    );
    let glro = add_officer(
        &mut plan,
        "Greater London Returning Officer",
        "Greater London Authority",
    );
    distribute(
        &mut plan,
        "Greater London Returning Officer",
        "Greater London Authority",
    );
    let gla = |name: &str, kind, seats| contest(name, kind, seats, ElectionType::Gla, poll);
    plan.overview.contests = vec![
        gla("Mayor of London", ContestKind::Mayoral, 1)
            .run_by(OfficerRole::GreaterLondonReturningOfficer, glro),
        gla(
            "London-wide Assembly members (party lists)",
            ContestKind::Constituency,
            11,
        )
        .run_by(OfficerRole::GreaterLondonReturningOfficer, glro),
        gla("Assembly constituency name", ContestKind::Constituency, 1)
            .run_by(OfficerRole::ConstituencyReturningOfficer, cro),
    ];
    let manager = person(&plan, Role::ElectionsManager)?;
    add_task(
        &mut plan,
        "Coordination with the Greater London Returning Officer",
        cro,
        &[manager],
        &[glro],
        "The Greater London Returning Officer runs the Mayor of London and London-wide elections and the \
         electronic count across London; each constituency returning officer runs the poll, postal votes and \
         the count centre for the constituency (Representation of the People Act 1983 s. 35(2B) and (2C)). \
         The count centre security plan and the e-counting arrangements are agreed with the GLRO.",
    );
    rewrite(&mut plan, E_COUNTING)?;
    rewrite(&mut plan, &[(DECLARED_BY_WARD, GLA_DECLARATION)])?;
    Ok(plan)
}

fn scottish_parliament(mut plan: Plan) -> Result<Plan> {
    // Scotland Act 1998 s. 2(2): the first Thursday in May of the fifth year after 2026.
    let poll = retarget(
        &mut plan,
        ElectionType::ScottishParliament,
        Nation::Scotland,
        date(2031, 5, 1)?,
    )?;
    plan.overview.title = "Scottish Parliament election: integrity and security plan".to_owned();
    let cro = person(&plan, Role::ReturningOfficer)?;
    set_job(
        &mut plan,
        cro,
        "Chief Executive (Constituency Returning Officer)",
    );
    rename_distribution(
        &mut plan,
        "Returning Officer",
        "Constituency Returning Officer",
    );
    let rro = add_officer(
        &mut plan,
        "Regional Returning Officer",
        "Council of the regional returning officer",
    );
    distribute(
        &mut plan,
        "Regional Returning Officer",
        "Council of the regional returning officer",
    );
    let seat = |name: &str, seats| {
        contest(
            name,
            ContestKind::Constituency,
            seats,
            ElectionType::ScottishParliament,
            poll,
        )
    };
    plan.overview.contests = vec![
        seat("Scottish Parliament constituency name", 1)
            .run_by(OfficerRole::ConstituencyReturningOfficer, cro),
        seat("Scottish Parliament region name (regional list)", 7)
            .run_by(OfficerRole::RegionalReturningOfficer, rro),
    ];
    board_directions(
        &mut plan,
        cro,
        &[rro],
        "The convener of the Electoral Management Board for Scotland may direct returning officers at \
         Scottish Parliament elections, and they must comply (Local Electoral Administration (Scotland) Act \
         2011 s. 4A); directions received are logged, shared with the regional returning officer and \
         reflected in this plan.",
    )?;
    rewrite(&mut plan, E_COUNTING)?;
    rewrite(
        &mut plan,
        &[(DECLARED_BY_WARD, SCOTTISH_PARLIAMENT_DECLARATION)],
    )?;
    Ok(plan)
}

fn scottish_local(mut plan: Plan) -> Result<Plan> {
    let poll = retarget(
        &mut plan,
        ElectionType::ScottishLocal,
        Nation::Scotland,
        date(2027, 5, 6)?,
    )?;
    plan.overview.title = "Scottish council elections: integrity and security plan".to_owned();
    let ro = person(&plan, Role::ReturningOfficer)?;
    let ward = |name: &str, seats| {
        contest(
            name,
            ContestKind::Ward,
            seats,
            ElectionType::ScottishLocal,
            poll,
        )
        .run_by(OfficerRole::ReturningOfficer, ro)
    };
    plan.overview.contests = vec![
        ward("Multi-member ward name 1", 4),
        ward("Multi-member ward name 2", 3),
    ];
    board_directions(
        &mut plan,
        ro,
        &[],
        "The convener of the Electoral Management Board for Scotland may direct returning officers at \
         council elections, and they must comply (Local Electoral Administration (Scotland) Act 2011 s. 5); \
         directions received are logged and reflected in this plan.",
    )?;
    rewrite(&mut plan, E_COUNTING)?;
    Ok(plan)
}

fn senedd(mut plan: Plan) -> Result<Plan> {
    // Government of Wales Act 2006 s. 3: every four years from 2026, on the first Thursday in May.
    let poll = retarget(
        &mut plan,
        ElectionType::Senedd,
        Nation::Wales,
        date(2030, 5, 2)?,
    )?;
    plan.overview.title = "Senedd election: integrity and security plan".to_owned();
    let cro = person(&plan, Role::ReturningOfficer)?;
    set_job(
        &mut plan,
        cro,
        "Chief Executive (Constituency Returning Officer)",
    );
    rename_distribution(
        &mut plan,
        "Returning Officer",
        "Constituency Returning Officer",
    );
    plan.overview.contests = vec![
        contest(
            "Senedd constituency name",
            ContestKind::Constituency,
            6,
            ElectionType::Senedd,
            poll,
        )
        .run_by(OfficerRole::ConstituencyReturningOfficer, cro),
    ];
    let manager = person(&plan, Role::ElectionsManager)?;
    let count = person(&plan, Role::CountManager)?;
    add_task(
        &mut plan,
        "Closed party lists: nominations, ballot paper, count and allocation of seats",
        cro,
        &[manager, count],
        &[],
        "From 2026 the Senedd has 16 constituencies, each electing six Members from closed party lists and \
         individual candidates, seats allocated by the D’Hondt formula (Senedd Cymru (Members and Elections) \
         Act 2024). Nomination checks, proofing of the list ballot paper, the count, the allocation of seats \
         and the briefing of candidates and agents follow the closed-list rules.",
    );
    rewrite(&mut plan, &[(DECLARED_BY_WARD, SENEDD_DECLARATION)])?;
    Ok(plan)
}

fn welsh_local(mut plan: Plan) -> Result<Plan> {
    let poll = retarget(
        &mut plan,
        ElectionType::WelshLocal,
        Nation::Wales,
        date(2027, 5, 6)?,
    )?;
    plan.overview.title = "Welsh council elections: integrity and security plan".to_owned();
    let ro = person(&plan, Role::ReturningOfficer)?;
    let ward = |name: &str, seats| {
        contest(
            name,
            ContestKind::Ward,
            seats,
            ElectionType::WelshLocal,
            poll,
        )
        .run_by(OfficerRole::ReturningOfficer, ro)
    };
    plan.overview.contests = vec![
        ward("Electoral ward name 1", 2),
        ward("Electoral ward name 2", 1),
    ];
    Ok(plan)
}

fn northern_ireland(mut plan: Plan) -> Result<Plan> {
    let poll = retarget(
        &mut plan,
        ElectionType::NiLocal,
        Nation::NorthernIreland,
        date(2027, 5, 6)?,
    )?;
    const EONI: &str = "Electoral Office for Northern Ireland";
    const PSNI: &str = "Police Service of Northern Ireland";
    let o = &mut plan.overview;
    o.title = "Northern Ireland local council elections: integrity and security plan".to_owned();
    o.police_force = PSNI.to_owned();
    for p in &mut plan.people {
        let (job, organisation) = match p.role {
            Role::ReturningOfficer => ("Chief Electoral Officer", EONI),
            Role::DeputyReturningOfficer => ("Deputy Returning Officer", EONI),
            Role::ElectionsManager => ("Area Electoral Office Manager", EONI),
            Role::ElectoralServicesOfficer => ("Senior Electoral Officer", EONI),
            Role::PostalVoteManager => ("Absent Voting Manager", EONI),
            Role::CountManager | Role::CommunicationsLead | Role::DataProtectionOfficer => {
                (p.job_title.as_str(), EONI)
            }
            Role::PoliceSpoc | Role::Feoa | Role::OperationBridger => (p.job_title.as_str(), PSNI),
            _ => continue,
        };
        (p.job_title, p.organisation) = (job.to_owned(), organisation.to_owned());
    }
    for d in &mut plan.overview.distribution {
        d.organisation = match d.organisation.as_str() {
            "Council" if d.recipient != "Emergency planning officer" => EONI.to_owned(),
            "Police" => PSNI.to_owned(),
            other => other.to_owned(),
        };
    }
    rename_distribution(&mut plan, "Returning Officer", "Chief Electoral Officer");
    let ceo = person(&plan, Role::ReturningOfficer)?;
    let dro = person(&plan, Role::DeputyReturningOfficer)?;
    let area = |name: &str, seats| {
        contest(name, ContestKind::Ward, seats, ElectionType::NiLocal, poll)
            .run_by(OfficerRole::ChiefElectoralOfficer, ceo)
    };
    plan.overview.contests = vec![
        area("District electoral area name 1", 6),
        area("District electoral area name 2", 5),
    ];
    let manager = person(&plan, Role::ElectionsManager)?;
    add_task(
        &mut plan,
        "Delegation of the Chief Electoral Officer’s functions to deputy returning officers",
        ceo,
        &[dro],
        &[manager],
        "The Chief Electoral Officer is the returning officer; the functions delegated to each deputy \
         returning officer (polling stations, the count for the council area) are discharged under the \
         Officer’s supervision (Electoral Law (Northern Ireland) Order 1972 art. 9(2)) and recorded here with \
         the deputy returning officer for each council area.",
    );
    let postal = plan
        .indicators
        .iter_mut()
        .find(|i| i.kind == IndicatorKind::PostalVotesHandedInByOnePerson)
        .context("the base has no handing-in indicator")?;
    postal.measure = "Other electors’ postal voting documents handed in by one person at the Electoral Office \
        (their own not counted); polling stations do not accept postal votes. The limit is set by the \
        Representation of the People (Northern Ireland) Regulations 2008 (SI 2008/1741) reg. 84C and, at local \
        elections, the Local Elections (Northern Ireland) Order 1985 Sch. 2 para. 15C: read it and set the \
        levels from it"
        .to_owned();
    postal.warning_level = None;
    postal.action_level = None;
    postal.action = "Electoral Office staff reject the documents the provision requires, record the person’s \
        details on the return form and tell the elections manager, who refers it to the PSNI election SPOC the \
        same day"
        .to_owned();
    rewrite(
        &mut plan,
        &[
            ("elections office", "Electoral Office"),
            (DECLARED_BY_WARD, NI_DECLARATION),
            // Northern Ireland has domestic rates, not council tax, and one office runs its elections.
            ("council tax", "domestic rates records"),
            ("council IT", "Electoral Office IT"),
            (
                "Council and police press offices",
                "Electoral Office and PSNI press offices",
            ),
        ],
    )?;
    Ok(plan)
}

fn may_combined(mut plan: Plan) -> Result<Plan> {
    let poll = retarget(
        &mut plan,
        ElectionType::EnglishLocal,
        Nation::England,
        date(2028, 5, 4)?,
    )?;
    plan.overview.title =
        "Local, police and crime commissioner and mayoral elections (combined polls): integrity and security \
         plan"
            .to_owned();
    let ro = person(&plan, Role::ReturningOfficer)?;
    set_job(
        &mut plan,
        ro,
        "Chief Executive (Returning Officer; Local Returning Officer at the PCC election)",
    );
    let paro = add_officer(
        &mut plan,
        "Police Area Returning Officer",
        "Council of the police area returning officer",
    );
    let caro = add_officer(
        &mut plan,
        "Combined Authority Returning Officer",
        "Combined authority",
    );
    distribute(
        &mut plan,
        "Police Area Returning Officer",
        "Council of the police area returning officer",
    );
    distribute(
        &mut plan,
        "Combined Authority Returning Officer",
        "Combined authority",
    );
    let ward = |name: &str| {
        contest(name, ContestKind::Ward, 3, ElectionType::EnglishLocal, poll)
            .run_by(OfficerRole::ReturningOfficer, ro)
    };
    plan.overview.contests = vec![
        ward("Ward name 1"),
        ward("Ward name 2"),
        contest(
            "Police area name (this voting area)",
            ContestKind::PoliceAndCrimeCommissioner,
            1,
            ElectionType::Pcc,
            poll,
        )
        .run_by(OfficerRole::LocalReturningOfficer, ro),
        contest(
            "Combined authority area name",
            ContestKind::Mayoral,
            1,
            ElectionType::Mayor,
            poll,
        )
        .run_by(OfficerRole::CombinedAuthorityReturningOfficer, caro),
    ];
    // Tasks go to the head of the list, so the combination comes first.
    paro_directions(&mut plan, ro, paro, true)?;
    let manager = person(&plan, Role::ElectionsManager)?;
    add_task(
        &mut plan,
        "Agreement of the combination arrangements with the other returning officers",
        ro,
        &[manager],
        &[paro, caro],
        "The polls are taken together (Representation of the People Act 1985 s. 15); the returning officer at \
         the English local elections discharges the combined functions (Representation of the People \
         (Combination of Polls) (England and Wales) Regulations 2004 (SI 2004/294) reg. 4) and agrees with the \
         police area returning officer and the combined authority returning officer the shared polling \
         stations and staff, ballot paper colours, postal vote opening, the order of verification and counts, \
         and how costs are shared.",
    );
    rewrite(&mut plan, &[(DECLARED_BY_WARD, COMBINED_DECLARATION)])?;
    Ok(plan)
}

// ---------------------------------------------------------------------------------------------------------
// Sentences the families replace.

const DECLARED_BY_WARD: &str = "Declared ward by ward as each count finishes";
const DECLARATION_NAME: &str = "name: \"Declaration of results\"";
const LOCAL_TOTALS_NAME: &str = "name: \"Local totals and declaration of the result\"";
const PCC_DECLARATION: &str = "Local totals for the voting area sent to the police area returning officer, who \
    collates them and declares the result for the police area";
const MAYOR_DECLARATION: &str = "Local totals from each constituent council collated by the combined authority \
    returning officer, who declares the result";
const GLA_DECLARATION: &str = "Constituency results declared at the count centre; the Greater London Returning \
    Officer declares the Mayor of London and London-wide results once every constituency has reported";
const SCOTTISH_PARLIAMENT_DECLARATION: &str = "Constituency result declared by the constituency returning \
    officer; the regional returning officer declares the regional result once every constituency in the \
    region has reported";
const SENEDD_DECLARATION: &str = "Declared by the constituency returning officer once seats are allocated to \
    the party lists and individual candidates by the D’Hondt formula";
const NI_DECLARATION: &str = "Declared for each district electoral area when its count, by single \
    transferable vote over several stages, finishes";
const COMBINED_DECLARATION: &str = "Ward results declared ward by ward as each count finishes; PCC and mayoral \
    local totals sent to the police area and combined authority returning officers, who declare those results";

/// Where ballot papers are counted electronically (GLA and Scottish polls).
const E_COUNTING: &[(&str, &str)] = &[
    (
        "ballot papers counted face down and checked against the ballot paper account",
        "ballot papers scanned by the electronic counting system and their number checked against the ballot \
         paper account",
    ),
    (
        "Votes counted at tables in sight of agents; doubtful papers adjudicated",
        "Votes counted electronically from the scanned papers, with screens in sight of agents; papers the \
         system cannot read or flags as doubtful adjudicated",
    ),
];

/// Sentences that state voter identification law, for each law.
fn voter_id_rewrites(id: VoterId) -> &'static [(&'static str, &'static str)] {
    match id {
        VoterId::PhotoId => &[],
        VoterId::None => &[
            (
                "photo ID at polling stations, never handing",
                "what to expect at the polling station (no ID is needed at this election), never handing",
            ),
            (
                "voter ID reminders, how to vote in secret",
                "how voting at the polling station works (no ID is needed at this election), how to vote in \
                 secret",
            ),
            (
                "integrity and security: voter ID, personation",
                "integrity and security: personation and the questions that may be put to a voter",
            ),
            (
                "Covers voter ID, integrity,",
                "Covers integrity, personation,",
            ),
            (
                "Brief presiding officers on voter ID checks, challenging",
                "Brief presiding officers on the questions that may be put to a voter, challenging",
            ),
        ],
        VoterId::NorthernIreland => &[
            (
                "photo ID at polling stations, never handing",
                "photographic ID at polling stations (a free Electoral Identity Card for those without), never \
                 handing",
            ),
            (
                "voter ID reminders, how to vote in secret",
                "reminders to bring photographic ID or the Electoral Identity Card, how to vote in secret",
            ),
            (
                "integrity and security: voter ID, personation",
                "integrity and security: photographic ID and the Electoral Identity Card, personation",
            ),
            (
                "Covers voter ID, integrity,",
                "Covers photographic ID and the Electoral Identity Card, integrity,",
            ),
            (
                "Brief presiding officers on voter ID checks, challenging",
                "Brief presiding officers on checking photographic ID, including the Electoral Identity Card, \
                 challenging",
            ),
        ],
    }
}

/// Sentences that state the campaigner offence (RPA 1983 s. 112A) and the handing-in limit (reg. 82B), for a
/// law without them (devolved Scottish and Welsh polls) or with Northern Ireland's scheme.
fn postal_vote_rewrites(voting: &VotingLaw) -> Result<&'static [(&'static str, &'static str)]> {
    Ok(match (voting.campaigners.is_some(), voting.handing_in) {
        (true, HandingIn::Limit { .. }) => &[],
        (false, HandingIn::None) => &[
            (
                "post it or hand it in; campaigners may not handle it",
                "post it or hand it in yourself; the Electoral Commission’s code of conduct asks campaigners not \
                 to handle it",
            ),
            (
                "code of conduct for campaigners, the ban on campaigners handling postal votes, the limit on \
                 handing in postal votes,",
                "code of conduct for campaigners, which asks them not to handle postal votes or postal voting \
                 statements,",
            ),
            (
                "Presiding officers record every postal vote handed in and by whom; votes beyond the legal limit \
                 are rejected.",
                "Presiding officers accept postal votes handed in and seal them in the packet for the returning \
                 officer; the law sets no limit at this election, so anyone handing in many is noted and reported \
                 to the elections manager the same day.",
            ),
            (
                "Postal votes handed in above the limit, suspicious returns",
                "Postal votes handed in in bulk, suspicious returns",
            ),
            (
                "Brief candidates and agents that campaigners may not handle completed postal votes",
                "Brief candidates and agents that the code of conduct asks campaigners not to handle completed \
                 postal votes",
            ),
            (
                "and hand them in, in breach of the law",
                "and hand them in, against the Electoral Commission’s code of conduct for campaigners, so votes \
                 can be lost, tampered with or cast under pressure",
            ),
            (
                "Brief candidates and agents on the ban and the limit on handing in postal votes",
                "Brief candidates and agents on the code of conduct, which asks campaigners not to handle postal \
                 votes",
            ),
            (
                "Presiding officers complete the return form for every postal vote handed in at a station",
                "Presiding officers note anyone handing in postal votes in bulk at a station and report it to \
                 the elections office",
            ),
            (
                "Refer every suspected breach to the police SPOC",
                "Refer every suspicion of fraud or undue influence to the police SPOC",
            ),
        ],
        (true, HandingIn::NotHeld) => &[
            (
                "post it or hand it in; campaigners may not handle it",
                "post it, or hand it in yourself at the Electoral Office (not at a polling station); campaigners \
                 may not handle it",
            ),
            (
                "the limit on handing in postal votes,",
                "the rule that postal votes are handed in only at the Electoral Office and the limit on how many \
                 one person may hand in,",
            ),
            (
                "handling of postal votes handed in at polling stations",
                "handling of postal votes handed in at the Electoral Office",
            ),
            (
                "Presiding officers record every postal vote handed in and by whom; votes beyond the legal limit \
                 are rejected.",
                "Postal votes are handed in only at the Electoral Office, with a return form, and rejected as \
                 SI 2008/1741 reg. 84C (at local elections, the Local Elections (Northern Ireland) Order 1985 \
                 Sch. 2 para. 15C) requires; polling stations do not accept them.",
            ),
            (
                "postal votes handed in, suspicious items",
                "postal votes (not accepted at polling stations), suspicious items",
            ),
            (
                "Postal votes handed in above the limit, suspicious returns",
                "Postal votes handed in at the Electoral Office above the limit, suspicious returns",
            ),
            (
                "Presiding officers complete the return form for every postal vote handed in at a station",
                "Electoral Office staff complete the return form for every postal vote handed in; presiding \
                 officers tell anyone offering one at a polling station to take it to the Electoral Office",
            ),
        ],
        (campaigners, handing_in) => {
            bail!(
                "no sentences are written for campaigners {campaigners} with handing in {handing_in:?}"
            )
        }
    })
}

// ---------------------------------------------------------------------------------------------------------
// Building blocks.

/// Moves the plan to the family's election, nation and polling day, and returns the polling day.
fn retarget(
    plan: &mut Plan,
    election: ElectionType,
    nation: Nation,
    poll: NaiveDate,
) -> Result<NaiveDate> {
    let moved = move_to_poll(
        plan,
        PollDay {
            election,
            nation,
            date: poll,
        },
    );
    ensure!(
        moved == integrity_planner::templates::DatesMoved::ByWorkingDays,
        "the dates could not be moved by working days to {poll}"
    );
    Ok(poll)
}

/// A contest without its officer yet.
fn contest(
    name: &str,
    kind: ContestKind,
    seats: u32,
    election: ElectionType,
    poll: NaiveDate,
) -> Contest {
    let nation = law()
        .ok()
        .and_then(|l| l.election(election))
        .and_then(|e| e.nations.first().copied())
        .unwrap_or_default();
    Contest {
        id: ContestId::new(),
        name: name.to_owned(),
        kind,
        seats,
        election,
        nation,
        poll_date: poll,
        officer: OfficerRole::ReturningOfficer,
        officer_person: None,
        taken_together: true,
    }
}

trait RunBy {
    fn run_by(self, officer: OfficerRole, person: PersonId) -> Contest;
}

impl RunBy for Contest {
    fn run_by(mut self, officer: OfficerRole, person: PersonId) -> Contest {
        self.officer = officer;
        self.officer_person = Some(person);
        self
    }
}

/// The first person in the directory with `role`.
fn person(plan: &Plan, role: Role) -> Result<PersonId> {
    plan.first_with_role(role)
        .map(|p| p.id)
        .with_context(|| format!("the base names no {role}"))
}

fn set_job(plan: &mut Plan, id: PersonId, job: &str) {
    if let Some(p) = plan.people.iter_mut().find(|p| p.id == id) {
        p.job_title = job.to_owned();
    }
}

/// Adds another returning officer to the directory, after the plan's own officers.
fn add_officer(plan: &mut Plan, job: &str, organisation: &str) -> PersonId {
    let id = PersonId::new();
    let at = plan
        .people
        .iter()
        .position(|p| {
            !matches!(
                p.role,
                Role::ReturningOfficer | Role::DeputyReturningOfficer
            )
        })
        .unwrap_or(plan.people.len());
    plan.people.insert(
        at,
        Person {
            id,
            name: String::new(),
            role: Role::ReturningOfficer,
            job_title: job.to_owned(),
            organisation: organisation.to_owned(),
            phones: Vec::new(),
            email: String::new(),
            address: String::new(),
            out_of_hours_cover: None,
            handling: integrity_planner::model::Handling::Both,
        },
    );
    id
}

fn rename_distribution(plan: &mut Plan, from: &str, to: &str) {
    for d in plan
        .overview
        .distribution
        .iter_mut()
        .filter(|d| d.recipient == from)
    {
        d.recipient = to.to_owned();
    }
}

/// Adds a recipient of the full plan after the plan's own officers.
fn distribute(plan: &mut Plan, recipient: &str, organisation: &str) {
    let list = &mut plan.overview.distribution;
    let at = list
        .iter()
        .position(|d| !d.recipient.contains("Returning Officer"))
        .unwrap_or(list.len());
    list.insert(
        at,
        DistributionEntry {
            recipient: recipient.to_owned(),
            organisation: organisation.to_owned(),
            copy: CopyKind::Full,
        },
    );
}

/// Adds a task the law calls for at the head of the responsibilities.
fn add_task(
    plan: &mut Plan,
    task: &str,
    lead: PersonId,
    support: &[PersonId],
    informed: &[PersonId],
    notes: &str,
) {
    plan.responsibilities.insert(
        0,
        Responsibility {
            handling: integrity_planner::model::Handling::Both,
            id: ResponsibilityId::new(),
            task: task.to_owned(),
            lead: Some(lead),
            support: support.to_vec(),
            informed: informed.to_vec(),
            notes: notes.split_whitespace().collect::<Vec<_>>().join(" "),
        },
    );
}

/// The PARO's directions to a local returning officer at a PCC election.
fn paro_directions(plan: &mut Plan, lro: PersonId, paro: PersonId, combined: bool) -> Result<()> {
    let manager = person(plan, Role::ElectionsManager)?;
    let notes = format!(
        "The police area returning officer is responsible for the PCC election across the police area \
         (nominations, collating local totals, the declaration) and may direct local returning officers on \
         printing the ballot papers, verification and the count (Police and Crime Commissioner Elections \
         (Functions of Returning Officers) Regulations 2012 (SI 2012/1918) regs. 3 and 4){}; directions \
         received are logged and reflected in this plan.",
        if combined {
            "; where the PCC poll is combined with another, verification falls to the returning officer who \
             leads the combined polls"
        } else {
            ""
        }
    );
    add_task(
        plan,
        "Directions from the police area returning officer",
        lro,
        &[manager],
        &[paro],
        &notes,
    );
    Ok(())
}

/// The Electoral Management Board convener's directions at a Scottish poll.
fn board_directions(
    plan: &mut Plan,
    ro: PersonId,
    informed: &[PersonId],
    notes: &str,
) -> Result<()> {
    let manager = person(plan, Role::ElectionsManager)?;
    add_task(
        plan,
        "Compliance with the directions of the Electoral Management Board convener",
        ro,
        &[manager],
        informed,
        notes,
    );
    Ok(())
}

/// Replaces each sentence in the plan's text; a sentence the base no longer holds is an error, so a change
/// to the base is noticed here.
fn rewrite(plan: &mut Plan, pairs: &[(&str, &str)]) -> Result<()> {
    let mut text = storage::to_ron(plan)?;
    for (from, to) in pairs {
        let from = from.split_whitespace().collect::<Vec<_>>().join(" ");
        let to = to.split_whitespace().collect::<Vec<_>>().join(" ");
        ensure!(
            text.contains(&from),
            "the base no longer says \u{201c}{from}\u{201d}"
        );
        text = text.replace(&from, &to);
    }
    *plan = storage::parse(&text, Path::new("(rewritten plan)"))?;
    Ok(())
}

/// The law of the plan's principal contest, checked to be the same in every contest for what the texts state.
fn voting_law(plan: &Plan) -> Result<&'static VotingLaw> {
    let law = law().map_err(anyhow::Error::msg)?;
    let mut principal = None;
    for c in &plan.overview.contests {
        let voting = law
            .contest(c.election)
            .and_then(|l| l.voting(c.nation, c.poll_date).ok())
            .with_context(|| format!("no voting law for {}", c.name))?;
        let Some(first) = principal else {
            principal = Some(voting);
            continue;
        };
        let same = |v: &VotingLaw| (v.voter_id, v.handing_in, v.campaigners.is_some());
        ensure!(
            same(first) == same(voting),
            "{} is under other voting law than the plan's first contest: write its sentences by hand",
            c.name
        );
    }
    principal.context("the plan has no contests")
}

/// What every family does last: texts for its law, the statutory indicators its law sets, reviews on its
/// timetable.
fn finish(plan: &mut Plan) -> Result<()> {
    let voting = voting_law(plan)?;
    rewrite(plan, voter_id_rewrites(voting.voter_id))?;
    rewrite(plan, postal_vote_rewrites(voting)?)?;
    statutory_indicators(plan)?;
    timetable::place_anchored_reviews(plan)?;
    plan.overview.timetable_rules = None;
    Ok(())
}

/// Keeps the statutory indicators whose law applies to the plan's contests, and adds the close-relatives
/// proxy indicator where the law sets that limit instead.
fn statutory_indicators(plan: &mut Plan) -> Result<()> {
    let law = law().map_err(anyhow::Error::msg)?;
    let contests = plan.overview.contests.clone();
    let applies = |kind| {
        !matches!(
            indicator_law(law, &contests, kind),
            IndicatorLaw::NotApplicable
        )
    };
    plan.indicators
        .retain(|i| !i.is_statutory() || applies(i.kind));
    let relatives = IndicatorKind::NonRelativeProxiesHeldByOnePerson;
    if applies(relatives) && !plan.indicators.iter().any(|i| i.kind == relatives) {
        let owner = person(plan, Role::ElectoralServicesOfficer)?;
        plan.indicators.push(FraudIndicator { handling: integrity_planner::model::Handling::Both,
            id: IndicatorId::new(),
            kind: relatives,
            name: "Non-relatives one person votes as proxy for".to_owned(),
            measure: "Electors who are not the proxy’s close relatives for whom one person is appointed to vote \
                as proxy at this election"
                .to_owned(),
            direction: Direction::Above,
            warning_level: Some(2.0),
            action_level: Some(2.0),
            action: "Check new proxy appointments against the limit; refer anyone appointed for more electors \
                who are not close relatives than the law allows to the police SPOC the same day; hold the \
                applications for inspection"
                .to_owned(),
            owner: Some(owner),
            observations: Vec::new(),
        });
    }
    for kind in IndicatorKind::ALL.iter().filter(|k| k.is_statutory()) {
        let held = plan.indicators.iter().any(|i| i.kind == *kind);
        ensure!(
            held == applies(*kind),
            "{kind:?}: held {held}, applies {}",
            applies(*kind)
        );
    }
    Ok(())
}

/// The plan with ids derived from the family's name and each id's place in the file.
fn stable_ids(family: &str, plan: &Plan) -> Result<Plan> {
    let mut n = 0u32;
    Ok(renumber(plan, |_| {
        n += 1;
        let digest = Sha256::digest(format!("integrity-planner template {family} {n}"));
        let mut bytes = [0u8; 16];
        bytes.copy_from_slice(&digest[..16]);
        uuid::Builder::from_random_bytes(bytes).into_uuid()
    })?)
}
