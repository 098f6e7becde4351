//! Builds the bundled example: a complete plan for Northmere Borough Council, a fictional authority, at its
//! English local elections on Thursday 6 May 2027, as it stands at the start of the count.
//!
//! The plan starts from the `english-local` template, the way a user starts, then fills every section
//! through the library. Run `cargo run --example northmere -- examples/northmere.plan.ron` to rebuild it
//! (ids are fresh each time).
//!
//! Telephone numbers are from Ofcom's ranges reserved for drama (01632 960xxx, 07700 900xxx).

#![allow(clippy::print_stdout)] // an example program reports on its terminal

use std::path::PathBuf;

use anyhow::{Context as _, Result, bail};
use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime};
use integrity_planner::custody::{NewEvent, record};
use integrity_planner::model::*;
use integrity_planner::{storage, templates};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

fn at(d: NaiveDate, h: u32, min: u32) -> NaiveDateTime {
    d.and_time(NaiveTime::from_hms_opt(h, min, 0).unwrap_or_default())
}

const POLL: (i32, u32, u32) = (2027, 5, 6);

/// Wards of the borough: name, polling districts (each district has one station), seats.
const WARDS: &[(&str, &[&str], u32)] = &[
    ("Abbey", &["AA", "AB", "AC"], 3),
    ("Ashby Road", &["BA", "BB", "BC"], 3),
    ("Brook Green", &["CA", "CB", "CC"], 3),
    ("Castle", &["DA", "DB", "DC"], 3),
    ("Dale View", &["EA", "EB", "EC"], 3),
    ("Fairfield", &["FA", "FB", "FC"], 3),
    ("Harbour", &["GA", "GB", "GC"], 3),
    ("Kingsmead", &["HA", "HB", "HC"], 3),
    ("Llanfair Gardens", &["JA", "JB", "JC"], 3),
    ("Market", &["KA", "KB", "KC"], 3),
    ("Northmere Central", &["LA", "LB", "LC"], 3),
    ("St Peter's", &["MA", "MB", "MC"], 3),
    ("Westfield", &["NA", "NB", "NC", "ND"], 3),
];

const STATION_VENUES: &[&str] = &[
    "St Mary's Church Hall",
    "Abbey Primary School",
    "Scout Hut, Mill Lane",
    "Ashby Road Community Centre",
    "Methodist Church Hall, Ashby Road",
    "Brook Green Library",
    "Brook Green Sports Pavilion",
    "Portakabin, Hollins Park",
    "Castle Bowls Club",
    "Castle Infant School",
    "Dale View Village Hall",
    "Dale View Cricket Club",
    "Fairfield Baptist Church",
    "Fairfield Youth Centre",
    "Harbour Master's Office Annexe",
    "Seafarers' Mission Hall",
    "Kingsmead Primary School",
    "Kingsmead Tenants' Hall",
    "Llanfair Gardens Welsh Chapel Vestry",
    "Capel Bethesda Hall",
    "Market Hall Meeting Room",
    "The Corn Exchange (Room 2)",
    "Northmere Central Library",
    "Friends Meeting House",
    "Town Hall Foyer",
    "St Peter's Parish Rooms",
    "St Peter's C of E Junior School",
    "Westfield Community Hub",
    "Westfield Allotment Society Hut",
    "Westfield Park Pavilion",
    "Holy Trinity Church Hall",
    "Greenacres Sheltered Housing Lounge",
    "Riverside Rowing Club",
    "Northmere College (Sports Hall)",
    "Oakwood Social Club",
    "Harbour View Primary School",
    "Fairfield Ex-Servicemen's Club",
    "Abbey Fields Pavilion",
    "Castle Hill Methodist Church",
    "Lowther Street Mosque Community Room",
];

const FIRST: &[&str] = &[
    "Amira", "Ben", "Carys", "Declan", "Eleri", "Femi", "Grace", "Hamza", "Iona", "Joel", "Kerry",
    "Liam", "Megan", "Nikhil", "Orla", "Pawel", "Rhiannon", "Sanjay", "Tomasz", "Uchenna", "Vicky",
    "Wyn", "Yasmin", "Zoë",
];
const LAST: &[&str] = &[
    "Ahmed", "Bell", "Clarke", "Davies", "Evans", "Fletcher", "Gill", "Hughes", "Iqbal", "Jones",
    "Kowalski", "Lloyd", "Morgan", "Nowak", "O'Brien", "Patel", "Quinn", "Roberts", "Shaw",
    "Thomas", "Walsh", "Young",
];

fn person_name(i: usize) -> String {
    format!(
        "{} {}",
        FIRST[(i * 7) % FIRST.len()],
        LAST[(i * 5 + i / 3) % LAST.len()]
    )
}

fn main() -> Result<()> {
    let out: PathBuf = std::env::args_os()
        .nth(1)
        .map_or_else(|| "examples/northmere.plan.ron".into(), PathBuf::from);
    let poll = date(POLL.0, POLL.1, POLL.2);
    let template =
        templates::find("english-local").context("the english-local template is missing")?;
    let mut plan = template.instantiate(poll, date(2027, 2, 1))?;
    overview_and_people(&mut plan)?;
    venues(&mut plan);
    operations(&mut plan);
    monitoring(&mut plan, poll);
    custody(&mut plan, poll)?;
    count_security(&mut plan, poll);
    agreements(&mut plan)?;
    storage::save(&mut plan, &out)?;
    println!("wrote {}", out.display());
    Ok(())
}

/// Fills the person with `role` (from the template) and returns their id.
fn fill(
    plan: &mut Plan,
    role: Role,
    name: &str,
    org: &str,
    phones: &[(PhoneKind, &str)],
    email: &str,
) -> Result<PersonId> {
    let Some(p) = plan
        .people
        .iter_mut()
        .find(|p| p.role == role && p.name.is_empty())
    else {
        bail!("the template has no unfilled {role}");
    };
    p.name = name.to_owned();
    if !org.is_empty() {
        p.organisation = org.to_owned();
    }
    p.phones = phones
        .iter()
        .map(|(kind, number)| Phone {
            kind: *kind,
            number: (*number).to_owned(),
        })
        .collect();
    p.email = email.to_owned();
    // Council officers reached only at their desks are in both copies (their office numbers and
    // work emails are what the public and partners use); mobiles, out-of-hours numbers and the
    // police's and contractors' details are for the full copy only.
    let council_desk_only = phones.iter().all(|(k, _)| *k == PhoneKind::Office)
        && p.organisation.contains("Borough Council");
    p.handling = if council_desk_only {
        Handling::Both
    } else {
        Handling::FullCopyOnly
    };
    Ok(p.id)
}

fn add_person(
    plan: &mut Plan,
    role: Role,
    name: &str,
    job: &str,
    org: &str,
    phone: &str,
    email: &str,
) -> PersonId {
    let id = PersonId::new();
    plan.people.push(Person {
        id,
        name: name.to_owned(),
        role,
        job_title: job.to_owned(),
        organisation: org.to_owned(),
        phones: vec![Phone {
            kind: PhoneKind::Mobile,
            number: phone.to_owned(),
        }],
        email: email.to_owned(),
        address: String::new(),
        out_of_hours_cover: None,
        handling: Handling::FullCopyOnly,
    });
    id
}

fn overview_and_people(plan: &mut Plan) -> Result<()> {
    use PhoneKind::{Mobile, Office, OutOfHours};
    const COUNCIL: &str = "Northmere Borough Council";
    const POLICE: &str = "Northmere and Dale Constabulary";
    let o = &mut plan.overview;
    o.title = "Northmere Borough Council — election integrity and security plan, local elections 6 May 2027".to_owned();
    o.authority = COUNCIL.to_owned();
    o.police_force = POLICE.to_owned();
    let poll_date = o.poll_date;
    let contest = |name: &str, kind, seats, election| Contest {
        id: ContestId::new(),
        name: name.to_owned(),
        kind,
        seats,
        election,
        nation: Nation::England,
        poll_date,
        officer: OfficerRole::ReturningOfficer,
        officer_person: None,
        taken_together: true,
    };
    o.contests = WARDS
        .iter()
        .map(|(name, _, seats)| {
            contest(name, ContestKind::Ward, *seats, ElectionType::EnglishLocal)
        })
        .collect();
    o.contests.push(contest(
        "Dale View Parish Council",
        ContestKind::Parish,
        9,
        ElectionType::EnglishParish,
    ));

    let ro = fill(
        plan,
        Role::ReturningOfficer,
        "Helen Marsh",
        COUNCIL,
        &[
            (Office, "01632 960 101"),
            (Mobile, "07700 900 101"),
            (OutOfHours, "07700 900 199"),
        ],
        "helen.marsh@northmere.gov.uk",
    )?;
    let dro = fill(
        plan,
        Role::DeputyReturningOfficer,
        "Rhodri ap Siôn",
        COUNCIL,
        &[(Office, "01632 960 102"), (Mobile, "07700 900 102")],
        "rhodri.apsion@northmere.gov.uk",
    )?;
    fill(
        plan,
        Role::ElectionsManager,
        "Siân Llŷr",
        COUNCIL,
        &[
            (Office, "01632 960 110"),
            (Mobile, "07700 900 110"),
            (OutOfHours, "07700 900 111"),
        ],
        "sian.llyr@northmere.gov.uk",
    )?;
    fill(
        plan,
        Role::ElectoralServicesOfficer,
        "Marcus Okafor",
        COUNCIL,
        &[(Office, "01632 960 112")],
        "marcus.okafor@northmere.gov.uk",
    )?;
    let spoc = fill(
        plan,
        Role::PoliceSpoc,
        "DS Priya Raman",
        POLICE,
        &[
            (Office, "01632 960 500"),
            (Mobile, "07700 900 500"),
            (OutOfHours, "01632 960 599"),
        ],
        "priya.raman@northmere-dale.police.uk",
    )?;
    fill(
        plan,
        Role::Feoa,
        "Inspector Gareth Llewellyn",
        POLICE,
        &[
            (Office, "01632 960 510"),
            (Mobile, "07700 900 510"),
            (OutOfHours, "07700 900 519"),
        ],
        "gareth.llewellyn@northmere-dale.police.uk",
    )?;
    fill(
        plan,
        Role::OperationBridger,
        "PS Dawn Whitfield",
        POLICE,
        &[(Office, "01632 960 520"), (OutOfHours, "01632 960 529")],
        "dawn.whitfield@northmere-dale.police.uk",
    )?;
    fill(
        plan,
        Role::CountManager,
        "Tom Ashworth",
        COUNCIL,
        &[
            (Office, "01632 960 120"),
            (Mobile, "07700 900 120"),
            (OutOfHours, "07700 900 129"),
        ],
        "tom.ashworth@northmere.gov.uk",
    )?;
    fill(
        plan,
        Role::PostalVoteManager,
        "Beata Kowalczyk",
        COUNCIL,
        &[(Office, "01632 960 121")],
        "beata.kowalczyk@northmere.gov.uk",
    )?;
    fill(
        plan,
        Role::VenueManager,
        "Colin Pryce",
        "Northmere Leisure Trust",
        &[(Office, "01632 960 300"), (Mobile, "07700 900 300")],
        "colin.pryce@northmereleisure.org.uk",
    )?;
    fill(
        plan,
        Role::SecurityProvider,
        "Sentinel Event Security Ltd (duty manager)",
        "Sentinel Event Security Ltd",
        &[(Office, "01632 960 400")],
        "control@sentinel-events.co.uk",
    )?;
    fill(
        plan,
        Role::CommunicationsLead,
        "Joanna Fairbairn",
        COUNCIL,
        &[(Office, "01632 960 130"), (Mobile, "07700 900 130")],
        "press@northmere.gov.uk",
    )?;
    fill(
        plan,
        Role::DataProtectionOfficer,
        "Aled Pritchard",
        COUNCIL,
        &[(Office, "01632 960 140")],
        "dpo@northmere.gov.uk",
    )?;
    fill(
        plan,
        Role::EmergencyPlanning,
        "Natalie Frost",
        COUNCIL,
        &[(Office, "01632 960 150"), (OutOfHours, "01632 960 159")],
        "resilience@northmere.gov.uk",
    )?;
    fill(
        plan,
        Role::Printer,
        "Kieran Doyle",
        "Electoral Print Services Ltd",
        &[(Office, "01632 960 600")],
        "k.doyle@electoralprint.co.uk",
    )?;
    fill(
        plan,
        Role::ItLead,
        "Imran Siddiqui",
        COUNCIL,
        &[(Office, "01632 960 160"), (OutOfHours, "07700 900 169")],
        "imran.siddiqui@northmere.gov.uk",
    )?;
    fill(
        plan,
        Role::Siro,
        "Rachel Ogunleye",
        COUNCIL,
        &[(Office, "01632 960 103"), (Mobile, "07700 900 103")],
        "rachel.ogunleye@northmere.gov.uk",
    )?;
    fill(
        plan,
        Role::EmsSupplier,
        "Election software support desk",
        "Electoral Software Ltd (EMS supplier)",
        &[(Office, "01632 960 700"), (OutOfHours, "01632 960 799")],
        "support@electoralsoftware.co.uk",
    )?;
    // Out-of-hours cover for the deputy: the RO.
    let officer = plan.overview.returning_officer;
    for c in &mut plan.overview.contests {
        c.officer_person = officer;
    }
    if let Some(p) = plan.people.iter_mut().find(|p| p.id == dro) {
        p.out_of_hours_cover = Some(ro);
    }
    // More of the team: deputies, officers, count supervisors and police.
    let more = [
        (
            Role::DeputyReturningOfficer,
            "Fiona McLeod",
            "Head of Legal Services",
            COUNCIL,
        ),
        (
            Role::ElectoralServicesOfficer,
            "Dafydd Gwŷn",
            "Electoral Services Officer",
            COUNCIL,
        ),
        (
            Role::ElectoralServicesOfficer,
            "Chloé Durand",
            "Electoral Services Assistant",
            COUNCIL,
        ),
        (
            Role::ElectoralServicesOfficer,
            "Imran Siddiqui",
            "Electoral Registration Officer (deputy)",
            COUNCIL,
        ),
        (
            Role::CountManager,
            "Laura Benn",
            "Deputy count manager",
            COUNCIL,
        ),
        (
            Role::VenueManager,
            "Graham Oduya",
            "Town Hall facilities manager",
            COUNCIL,
        ),
        (
            Role::PoliceSpoc,
            "PC Owain Reece",
            "Deputy election SPOC",
            POLICE,
        ),
        (
            Role::Other,
            "Sgt Lisa Chambers",
            "Neighbourhood policing sergeant, Harbour and Castle",
            POLICE,
        ),
        (
            Role::Other,
            "Insp. Mark Beaumont",
            "Count site police commander",
            POLICE,
        ),
        (
            Role::Other,
            "Ruth Gallagher",
            "Head of Customer Services (contact centre)",
            COUNCIL,
        ),
        (
            Role::Other,
            "Peter Lindqvist",
            "Head of IT and cyber security",
            COUNCIL,
        ),
        (
            Role::Other,
            "Sandra Ivers",
            "Transport coordinator (ballot box collection)",
            COUNCIL,
        ),
        (
            Role::Other,
            "Olu Adeyemi",
            "Verification supervisor",
            COUNCIL,
        ),
        (
            Role::Other,
            "Hannah Wright",
            "Postal vote opening supervisor",
            COUNCIL,
        ),
        (
            Role::Other,
            "Care Quality liaison: Jean Moffat",
            "Adult social care commissioning lead",
            COUNCIL,
        ),
        (
            Role::Other,
            "Dr Ewan Tait",
            "Accommodation manager, Northmere College halls",
            "Northmere College",
        ),
    ];
    for (i, (role, name, job, org)) in more.iter().enumerate() {
        let slug = name
            .to_lowercase()
            .replace(|c: char| !c.is_ascii_alphabetic(), ".");
        let domain = if *org == POLICE {
            "northmere-dale.police.uk"
        } else if *org == COUNCIL {
            "northmere.gov.uk"
        } else {
            "northmere.ac.uk"
        };
        add_person(
            plan,
            *role,
            name,
            job,
            org,
            &format!("07700 900 {:03}", 700 + i),
            &format!("{slug}@{domain}").replace("..", "."),
        );
    }
    // The deputy SPOC is covered out of hours by the SPOC.
    if let Some(p) = plan.people.iter_mut().find(|p| p.name == "PC Owain Reece") {
        p.out_of_hours_cover = Some(spoc);
    }
    // The deputy count manager is covered out of hours by the count manager.
    let count_manager = plan.first_with_role(Role::CountManager).map(|p| p.id);
    if let Some(p) = plan.people.iter_mut().find(|p| p.name == "Laura Benn") {
        p.out_of_hours_cover = count_manager;
    }
    let o = &mut plan.overview;
    o.deputies = plan
        .people
        .iter()
        .filter(|p| p.role == Role::DeputyReturningOfficer)
        .map(|p| p.id)
        .collect();
    o.version = "1.3".to_owned();
    o.status = PlanStatus::AgreedWithPolice;
    o.revisions = vec![
        Revision { version: "0.1".into(), date: date(2027, 1, 18), author: "Siân Llŷr".into(), summary: "Created from the english-local template".into() },
        Revision { version: "1.0".into(), date: date(2027, 2, 24), author: "Siân Llŷr".into(), summary: "First full draft for the police SPOC and FEOA".into() },
        Revision { version: "1.1".into(), date: date(2027, 3, 15), author: "Helen Marsh".into(), summary: "Agreed at the planning meeting with DS Raman and Insp. Llewellyn; escalation ladder revised".into() },
        Revision { version: "1.2".into(), date: date(2027, 4, 9), author: "Siân Llŷr".into(), summary: "Candidates added after close of nominations; hotspots and risk register updated".into() },
        Revision { version: "1.3".into(), date: date(2027, 4, 29), author: "Siân Llŷr".into(), summary: "Final review before polling day: venue assessments, escort routes, referral log".into() },
    ];
    // Annex A is as at the final review.
    o.readiness_as_at = Some(date(2027, 4, 29));
    Ok(())
}

/// The copies issued and the agreements to them. Version 1.1 was agreed by the SPOC and the FEOA
/// at the planning meeting of 15 March; versions 1.2 and 1.3 changed the hotspots, the risk
/// register and the venue assessments, so the final review issued 1.3 to everyone on the
/// distribution list and all three agreed that copy, superseding the 1.1 agreement.
fn agreements(plan: &mut Plan) -> Result<()> {
    // Version 1.1 as it was issued: before 1.2 added the last hotspot and risk and before 1.3's
    // venue assessments.
    let mut v1_1 = plan.clone();
    v1_1.overview.version = "1.1".to_owned();
    v1_1.hotspots.pop();
    v1_1.risks.pop();
    v1_1.venues
        .venues
        .iter_mut()
        .for_each(|v| v.assessment = None);
    let spoc_entry = plan
        .overview
        .distribution
        .iter()
        .position(|d| d.recipient == "Police election SPOC")
        .context("the distribution list has no police SPOC")?;
    let first = v1_1.issue_copy(CopyKind::Full, Some(spoc_entry), date(2027, 3, 10));
    plan.overview.issued_copies.push(first.clone());
    for role in [SignOffRole::PoliceSpoc, SignOffRole::Feoa] {
        plan.agree(
            role,
            first.id,
            AgreementMethod::Meeting,
            "Minutes of the planning meeting, 15 March 2027, item 3",
            date(2027, 3, 15),
        );
    }
    // Version 1.3: a full copy to each full-copy recipient, a redacted copy for presiding officers.
    let issued = date(2027, 4, 29);
    let mut copies = Vec::new();
    for (i, entry) in plan.overview.distribution.clone().iter().enumerate() {
        let copy = plan.issue_copy(entry.copy, Some(i), issued);
        copies.push((entry.recipient.clone(), copy.id));
    }
    // Each agrees the copy issued to them.
    let copy_to = |role: SignOffRole| {
        let wanted = match role {
            SignOffRole::ReturningOfficer => "Returning Officer",
            SignOffRole::PoliceSpoc => "Police election SPOC",
            SignOffRole::Feoa => "Force elected-official adviser (FEOA)",
        };
        copies
            .iter()
            .find(|(r, _)| r == wanted)
            .map(|(_, id)| *id)
            .with_context(|| format!("the distribution list has no {wanted}"))
    };
    let given = [
        (
            SignOffRole::ReturningOfficer,
            AgreementMethod::SignedPage,
            "Signed sign-off page, filed EL/2027/INT/13",
            date(2027, 4, 30),
        ),
        (
            SignOffRole::PoliceSpoc,
            AgreementMethod::Email,
            "Email from DS Raman, 30 April 2027 09:14",
            date(2027, 4, 30),
        ),
        (
            SignOffRole::Feoa,
            AgreementMethod::Email,
            "Email from Insp. Llewellyn, 30 April 2027 11:40",
            date(2027, 4, 30),
        ),
    ];
    for (role, how, reference, on) in given {
        let copy = copy_to(role)?;
        plan.agree(role, copy, how, reference, on);
    }
    Ok(())
}

fn venues(plan: &mut Plan) {
    let person = |plan: &Plan, role| plan.first_with_role(role).map(|p| p.id);
    let assessor = person(plan, Role::ElectionsManager);
    let spoc = person(plan, Role::PoliceSpoc);
    let venue_manager = person(plan, Role::VenueManager);
    let checklist = plan.venues.checklist.clone();
    let assess = |kind: VenueKind, on: NaiveDate, by, gaps: &[usize]| -> SecurityAssessment {
        let checks = checklist
            .iter()
            .filter(|m| m.applies_to.contains(&kind))
            .enumerate()
            .map(|(i, m)| MeasureCheck {
                measure: m.id,
                status: if gaps.contains(&i) {
                    MeasureStatus::Planned
                } else {
                    MeasureStatus::InPlace
                },
                note: if gaps.contains(&i) {
                    "Agreed with keyholder; to be in place before 06:30 on polling day".into()
                } else {
                    String::new()
                },
            })
            .collect();
        SecurityAssessment {
            handling: Handling::FullCopyOnly,
            assessed_on: on,
            assessed_by: by,
            checks,
            summary: String::new(),
        }
    };
    let mut station = 0;
    for (ward, districts, _) in WARDS {
        for district in *districts {
            let name = STATION_VENUES[station % STATION_VENUES.len()];
            station += 1;
            let mut a = assess(
                VenueKind::PollingStation,
                date(2027, 3, 1) + Duration::days(station as i64 % 20),
                assessor,
                if station % 9 == 0 { &[2] } else { &[] },
            );
            a.summary = match station % 5 {
                0 => "Single entrance; car park unlit after 20:00 — temporary lighting booked."
                    .to_owned(),
                1 => "Shared site with a school; caretaker to lock internal doors.".to_owned(),
                2 => "Busy main road frontage; tellers' area marked 10 m from door.".to_owned(),
                3 => "Two entrances; rear fire door kept closed and alarmed.".to_owned(),
                _ => "No concerns beyond the standard measures.".to_owned(),
            };
            plan.venues.venues.push(Venue {
                handling: Handling::Both,
                id: VenueId::new(),
                name: name.to_owned(),
                kind: VenueKind::PollingStation,
                address: format!(
                    "{name}, {ward}, Northmere NM{} {}XY",
                    1 + station % 9,
                    station % 10
                ),
                polling_district: (*district).to_owned(),
                station_number: Some(station as u32),
                ems_reference: String::new(),
                contact: None,
                assessment: Some(a),
            });
        }
    }
    let mut count = Venue {
        handling: Handling::Both,
        id: VenueId::new(),
        name: "Northmere Leisure Centre (main hall)".into(),
        kind: VenueKind::CountVenue,
        address: "Lido Way, Northmere NM2 4LC".into(),
        polling_district: String::new(),
        station_number: None,
        ems_reference: String::new(),
        contact: venue_manager,
        assessment: Some(assess(VenueKind::CountVenue, date(2027, 4, 14), spoc, &[])),
    };
    if let Some(a) = count.assessment.as_mut() {
        a.summary = "Joint walk-through with DS Raman and Sentinel. Search from 18:00 on poll day; single public entrance with colour-coded passes; box receipt via loading bay under CCTV; locked store for boxes overnight.".into();
    }
    plan.venues.venues.push(count);
    let town_hall = Venue {
        handling: Handling::Both,
        id: VenueId::new(),
        name: "Northmere Town Hall — Council Chamber".into(),
        kind: VenueKind::PostalVoteOpening,
        address: "Market Square, Northmere NM1 1TH".into(),
        polling_district: String::new(),
        station_number: None,
        ems_reference: String::new(),
        contact: plan
            .people
            .iter()
            .find(|p| p.name == "Graham Oduya")
            .map(|p| p.id),
        assessment: Some(assess(
            VenueKind::PostalVoteOpening,
            date(2027, 4, 7),
            assessor,
            &[],
        )),
    };
    plan.venues.venues.push(town_hall);
    plan.venues.venues.push(Venue {
        handling: Handling::Both,
        id: VenueId::new(),
        name: "Town Hall strongroom".into(),
        kind: VenueKind::Storage,
        address: "Basement, Northmere Town Hall, Market Square, Northmere NM1 1TH".into(),
        polling_district: String::new(),
        station_number: None,
        ems_reference: String::new(),
        contact: plan
            .people
            .iter()
            .find(|p| p.name == "Graham Oduya")
            .map(|p| p.id),
        assessment: Some(assess(VenueKind::Storage, date(2027, 3, 22), assessor, &[])),
    });
}

fn operations(plan: &mut Plan) {
    let count_venue = plan
        .venues
        .venues
        .iter()
        .find(|v| v.kind == VenueKind::CountVenue)
        .map(|v| v.id);
    let opening_venue = plan
        .venues
        .venues
        .iter()
        .find(|v| v.kind == VenueKind::PostalVoteOpening)
        .map(|v| v.id);
    for e in &mut plan.events {
        e.venue = match e.kind {
            EventKind::PostalVoteOpening
            | EventKind::CandidateBriefing
            | EventKind::StaffTraining => opening_venue,
            EventKind::Verification | EventKind::Count | EventKind::Declaration => count_venue,
            EventKind::PollingDay => None,
        };
    }
    // Polling day happens at every station; the count venue is its hub for the evening.
    for e in plan
        .events
        .iter_mut()
        .filter(|e| e.kind == EventKind::PollingDay)
    {
        e.venue = count_venue;
        e.name = "Polling day (40 stations; control room at the Town Hall, box receipt at the Leisure Centre)".into();
    }
    // Candidates, after close of nominations.
    let parties = [
        "Labour Party",
        "Conservative and Unionist Party",
        "Liberal Democrats",
        "Green Party",
        "Reform UK",
        "Independent",
        "Plaid Cymru – The Party of Wales",
    ];
    let contests: Vec<ContestId> = plan.overview.contests.iter().map(|c| c.id).collect();
    let feoa = plan.first_with_role(Role::Feoa).map(|p| p.id);
    let sender = plan.first_with_role(Role::ElectionsManager).map(|p| p.id);
    let c = &mut plan.candidate_data;
    c.recipient = feoa;
    c.special_category = Some(SpecialCategoryCondition::PreventingUnlawfulActs);
    c.privacy_notice_reviewed = Some(date(2027, 2, 10));
    c.privacy_notice_feoa = Some(NoticeCoverage::Covers);
    c.data_protection_policy_reviewed = Some(date(2027, 2, 12));
    for i in 0..48 {
        let name = person_name(i + 40);
        let slug = name
            .to_lowercase()
            .replace(|c: char| !c.is_ascii_alphabetic(), "");
        c.candidates.push(Candidate {
            id: CandidateId::new(),
            name: name.clone(),
            contest: Some(contests[i % contests.len()]),
            party: parties[i % parties.len()].to_owned(),
            address: format!(
                "{} {} Road, Northmere NM{} {}AB",
                3 + i * 7 % 90,
                ["Elm", "Station", "Quarry", "Chapel", "Victoria"][i % 5],
                1 + i % 8,
                i % 9
            ),
            phone: format!("07700 900 {:03}", 200 + i),
            email: format!("{slug}{i}@example.org.uk"),
            consented: true,
            // One in six asked on their home address form that it not be made public.
            home_address_not_public: i % 6 == 1,
        });
    }
    // The data transfer log: all candidates once the statement of persons nominated is out, then a correction.
    // Each transfer tells the FEOA whose home address must not be made public.
    let transfer = |c: &CandidateDataSharing,
                    (day, time): (NaiveDate, (u32, u32)),
                    candidates: Vec<CandidateId>,
                    notes: &str| DataTransfer {
        id: DataTransferId::new(),
        date: day,
        time: NaiveTime::from_hms_opt(time.0, time.1, 0),
        addresses_not_public: c
            .candidates
            .iter()
            .filter(|x| {
                x.home_address_not_public && (candidates.is_empty() || candidates.contains(&x.id))
            })
            .map(|x| x.id)
            .collect(),
        recipient: c.recipient,
        sent_by: sender,
        fields: c.fields.clone(),
        candidates,
        lawful_basis: c.lawful_basis,
        special_category: c.special_category,
        method: c.transmission.clone(),
        notes: notes.to_owned(),
    };
    let last = c
        .candidates
        .iter()
        .rev()
        .find(|x| x.home_address_not_public)
        .map(|x| x.id)
        .into_iter()
        .collect();
    c.transfers = vec![
        transfer(
            c,
            (date(2027, 4, 9), (16, 20)),
            Vec::new(),
            "All candidates after the statement of persons nominated was published; receipt confirmed by the FEOA by phone",
        ),
        transfer(
            c,
            (date(2027, 4, 14), (11, 5)),
            last,
            "Corrected telephone number for one candidate",
        ),
    ];
    // Hotspots.
    let owner = plan.first_with_role(Role::ElectionsManager).map(|p| p.id);
    let hotspots = [
        (
            "Riverside Court care home",
            HotspotKind::CareHome,
            "14 Riverside, Northmere NM3 2RC",
            38,
            "Staff may handle residents' postal votes or help with applications.",
            "Manager briefed on voting rights and the rules on handling postal votes; proxy forms checked against the register.",
            "Mrs A. Dlamini (manager)",
            Some(date(2027, 3, 30)),
        ),
        (
            "Northmere College — Tennyson Halls",
            HotspotKind::StudentHalls,
            "Tennyson Halls, College Road, Northmere NM2 7TH",
            412,
            "Block registration by hall staff; post left in open pigeonholes.",
            "Accommodation manager briefed; individual registration only; poll cards and postal votes to locked mailboxes.",
            "Dr Ewan Tait (accommodation manager)",
            Some(date(2027, 3, 11)),
        ),
        (
            "22 Lowther Street",
            HotspotKind::MultipleOccupation,
            "22 Lowther Street, Northmere NM4 1LS",
            11,
            "Eleven electors registered at a six-bedroom HMO; six postal vote applications in one week.",
            "Canvass visit made; applications checked against signatures; SPOC informed.",
            "Landlord (via private sector housing)",
            Some(date(2027, 4, 2)),
        ),
        (
            "Harbour Lights supported housing",
            HotspotKind::SupportedHousing,
            "Harbour Lights, Quay Street, Northmere NM5 3HL",
            27,
            "Residents may be assisted with applications by a small number of staff.",
            "Scheme manager briefed; assisted applications logged.",
            "Mr K. Boateng (scheme manager)",
            Some(date(2027, 3, 25)),
        ),
        (
            "St Anne's House",
            HotspotKind::Refuge,
            "St Anne's House, Castle Wynd, Northmere NM1 4SA",
            19,
            "Residents at risk of being traced; post collected at a front desk.",
            "Refuge staff briefed on secure post handling; anonymous registration advice provided.",
            "Duty manager",
            Some(date(2027, 4, 6)),
        ),
        (
            "Greenacres sheltered housing",
            HotspotKind::SupportedHousing,
            "Greenacres, Westfield, Northmere NM6 2GA",
            54,
            "Previous allegation (2023) of a campaigner collecting postal votes.",
            "Warden briefed; police patrol passes on the two days after dispatch; leaflet on 'Your vote is yours'.",
            "Mrs P. Kaur (warden)",
            Some(date(2027, 4, 1)),
        ),
    ];
    for (name, kind, address, electors, concern, mitigation, contact, briefed) in hotspots {
        // A hotspot's name or address identifies a place: full copy only, except the college's
        // halls, which the college itself publicises (the RO marked them for both copies).
        let handling = if kind == HotspotKind::StudentHalls {
            Handling::Both
        } else {
            Handling::FullCopyOnly
        };
        plan.hotspots.push(Hotspot {
            handling,
            id: HotspotId::new(),
            name: name.into(),
            kind,
            address: address.into(),
            electors,
            concern: concern.into(),
            mitigation: mitigation.into(),
            site_contact: contact.into(),
            briefed_on: briefed,
            owner,
        });
    }
    // Referral log.
    let em = plan.first_with_role(Role::ElectionsManager).map(|p| p.id);
    plan.allegations.referrals = vec![
        Referral { handling: Handling::FullCopyOnly,
            id: ReferralId::new(),
            date: date(2027, 4, 12),
            summary: "Six postal vote applications for one HMO received in one week, apparently in the same handwriting.".into(),
            referred_by: em,
            police_reference: "ND-27-041233".into(),
            evidence: vec![EvidenceItem { description: "Six original postal vote application forms".into(), seal_number: "EB 000417".into(), custody_item: None }],
            outcome: ReferralOutcome::UnderInvestigation,
            outcome_note: "Statements taken from two electors; handwriting comparison requested.".into(),
        },
        Referral { handling: Handling::FullCopyOnly,
            id: ReferralId::new(),
            date: date(2027, 4, 26),
            summary: "Report of a canvasser offering to collect completed postal votes at Greenacres.".into(),
            referred_by: em,
            police_reference: "ND-27-044871".into(),
            evidence: vec![],
            outcome: ReferralOutcome::AdviceOrCaution,
            outcome_note: "Words of advice given to the campaigner by PC Reece on 27 April; agent informed.".into(),
        },
    ];
}

fn monitoring(plan: &mut Plan, poll: NaiveDate) {
    let recorder = plan
        .first_with_role(Role::ElectoralServicesOfficer)
        .map(|p| p.id);
    for (n, indicator) in plan.indicators.iter_mut().enumerate() {
        let (warning, action) = (
            indicator.warning_level.unwrap_or(5.0),
            indicator.action_level.unwrap_or(10.0),
        );
        let statutory = indicator.kind.is_statutory();
        let weeks = if statutory { 1 } else { 8 };
        for w in 0..weeks {
            let day = poll - Duration::days(7 * (weeks - w) as i64) + Duration::days(3);
            let base = ((n * 3 + w as usize * 2) % 5) as f64;
            let mut value = (base * warning / 6.0).floor();
            // The registrations-at-one-property indicator crossed its warning level in the last fortnight.
            if indicator.kind == IndicatorKind::AbsentVoteApplicationsAtProperty && w >= weeks - 2 {
                value = warning.max(value);
            }
            if value >= action {
                value = action - 1.0;
            }
            indicator.observations.push(Observation {
                id: ObservationId::new(),
                date: day,
                value,
                note: if value >= warning {
                    "One HMO above the warning level; referred to the police (see the referral log)"
                        .into()
                } else {
                    String::new()
                },
                recorded_by: recorder,
            });
        }
    }
    // Risk reviews, as the plan went through its versions.
    let em = plan.first_with_role(Role::ElectionsManager).map(|p| p.id);
    for (i, risk) in plan.risks.iter_mut().enumerate() {
        risk.reviews.push(RiskReview {
            date: date(2027, 3, 15),
            by: em,
            reason: "Reviewed with the SPOC and FEOA at the planning meeting".into(),
        });
        let reason = if i % 3 == 0 {
            "Final pre-poll review: likelihood unchanged, mitigations confirmed in place"
        } else {
            "Final pre-poll review: no change"
        };
        risk.reviews.push(RiskReview {
            date: date(2027, 5, 4),
            by: em,
            reason: reason.into(),
        });
        // Next looked at in the post-election debrief.
        risk.next_review = Some(date(2027, 5, 27));
        for m in &mut risk.mitigations {
            m.done = m.due.is_some_and(|d| d <= poll);
        }
    }
    let key = &mut plan.key_dates;
    for r in &mut key.reviews {
        r.done = r.date <= poll;
    }
    // On polling day the control room at the Town Hall takes the calls the elections manager would.
    for level in &mut plan.escalation {
        if level
            .polling_day
            .name
            .starts_with("Polling-day control room")
        {
            level.polling_day.name = "Polling-day control room, Town Hall".into();
            level.polling_day.number = "01632 960 200".into();
        }
    }
}

/// Police at the count from before the first box to the declaration, the hall searched and signed
/// off before the first arrival (the postal pack at 22:05), passes and the declaration.
fn count_security(plan: &mut Plan, poll: NaiveDate) {
    let find = |name: &str| plan.people.iter().find(|p| p.name == name).map(|p| p.id);
    let sergeant = find("Sgt Lisa Chambers");
    let manager = plan.first_with_role(Role::CountManager).map(|p| p.id);
    let s = &mut plan.custody.count_security;
    s.police = PoliceAttendance {
        decision: PoliceAttendanceDecision::Attending,
        officers:
            "Sgt Lisa Chambers and two constables of the Harbour and Castle neighbourhood team \
                   on poll night; two constables for verification, the count and the declaration"
                .into(),
        contact: sergeant,
        from: Some(at(poll, 21, 30)),
        to: Some(at(poll + Duration::days(1), 18, 0)),
        notes: "Briefed by the count manager at 21:15; officers stand at the loading bay and the \
                main door, and at the front of the hall for the declaration. Overnight the locked \
                store is covered by Sentinel staff and a police patrol every two hours."
            .into(),
    };
    s.search.arrangements = "Tom Ashworth (count manager) and Colin Pryce (venue manager) search \
        the main hall, the secure store, loading bay, toilets and plant rooms from 19:30, with the \
        police search adviser's checklist; the hall is then sterile, with entry only by pass at the \
        main door and the loading bay."
        .into();
    s.search.signed_off_by = manager;
    s.search.signed_off_at = Some(at(poll, 20, 45));
    s.passes = "Numbered passes in five colours: count staff (white), candidates and agents \
        (yellow), observers (green), media (blue), police and security (red). Issued against the \
        notices of appointment and the RO's lists; photo ID checked at the door; passes returned \
        on leaving and reconciled against the register."
        .into();
    s.declaration = "Declarations from the stage in the main hall, ward by ward, after candidates \
        and agents are shown the provisional result; only the RO, candidates and agents on the \
        stage; police at the front of the hall; candidates leave by the side door to the car park, \
        agreed with the police."
        .into();
}

/// Pre-poll custody of every station's ballot papers and box, through to verification on the morning after.
fn custody(plan: &mut Plan, poll: NaiveDate) -> Result<()> {
    let stations: Vec<(VenueId, String, String)> = plan
        .venues
        .venues
        .iter()
        .filter(|v| v.kind == VenueKind::PollingStation)
        .map(|v| (v.id, v.polling_district.clone(), v.name.clone()))
        .collect();
    let count_venue = plan
        .venues
        .venues
        .iter()
        .find(|v| v.kind == VenueKind::CountVenue)
        .map(|v| v.name.clone())
        .unwrap_or_default();
    let printer = plan
        .first_with_role(Role::Printer)
        .map(|p| p.name.clone())
        .unwrap_or_default();
    let em = plan
        .first_with_role(Role::ElectionsManager)
        .map(|p| p.name.clone())
        .unwrap_or_default();
    let eso = plan
        .first_with_role(Role::ElectoralServicesOfficer)
        .map(|p| p.name.clone())
        .unwrap_or_default();
    let receipt_desk = "Laura Benn".to_owned();
    let verifier = "Olu Adeyemi".to_owned();
    let drivers = [
        "Gary Holt (van NM21 KXT)",
        "Mandy Sykes (van NM21 KXV)",
        "Joe Pike (car NM70 BPA)",
        "Anita Rao (van NM23 LDF)",
        "Steve Quirke (car NM19 HHT)",
    ];
    let em_id = plan.first_with_role(Role::ElectionsManager).map(|p| p.id);
    let eso_id = plan
        .first_with_role(Role::ElectoralServicesOfficer)
        .map(|p| p.id);
    let printer_phone = plan
        .first_with_role(Role::Printer)
        .and_then(|p| p.phones.first())
        .map(|p| p.number.clone())
        .unwrap_or_default();
    let c = &mut plan.custody;
    c.printer = BallotPrinter {
        name: "Electoral Print Services Ltd, Unit 4 Dale Park".into(),
        contact: format!("{printer}, account manager, {printer_phone}"),
        security_controls: "Election work in a caged, alarmed area with swipe-card access and CCTV kept 90 days; staff on election work vetted (BS 7858); plates and files deleted after the poll".into(),
        insurance: "Public liability £10m; professional indemnity £5m, covering reprinting".into(),
        visits: vec![
            MonitoringVisit {
                date: date(2027, 4, 13),
                unannounced: false,
                by: em_id,
                findings: "Press proofs checked; cage locked and access log kept".into(),
            },
            MonitoringVisit {
                date: date(2027, 4, 15),
                unannounced: true,
                by: eso_id,
                findings: "Arrived unannounced during postal pack filling: cage in use, overs boxed and labelled; nothing to put right".into(),
            },
        ],
        proof_signed_off: Some(date(2027, 4, 12)),
        proof_signed_off_by: em_id,
        overs_and_spoilt: "Overs counted by book and returned sealed with the delivery; spoilt sheets counted and shredded at the works under the supervisor's signature".into(),
        live_papers: "Live from the moment the official mark is printed: kept in the cage, counted at each shift change, never left unattended".into(),
        secure_delivery: "Delivered in a sealed, tracked van with two crew to the Town Hall strongroom, against a delivery note of serial ranges checked on arrival".into(),
        reviewed_with_police: Some(date(2027, 3, 15)),
    };
    c.count_receipt_deadline = Some(at(poll, 23, 30));
    let mut serial = 1_000_000_u64;
    let mut items = Vec::new();
    for (i, (venue, district, _)) in stations.iter().enumerate() {
        let electors_books = 4 + (i % 3) as u64;
        let first = serial;
        let last = serial + electors_books * 100 - 1;
        serial = last + 1;
        let batch = CustodyItem {
            id: CustodyItemId::new(),
            kind: ItemKind::BallotPaperBatch,
            label: format!("{district}/BP"),
            polling_station: Some(*venue),
            book_ranges: vec![BookRange { first, last }],
            expected_seals: vec![],
            expected_at_count: false,
            contents: None,
        };
        let seal = 104_200 + i as u64 * 2;
        let bx = CustodyItem {
            id: CustodyItemId::new(),
            kind: ItemKind::BallotBox,
            label: format!("{district}/1"),
            polling_station: Some(*venue),
            book_ranges: vec![],
            expected_seals: vec![format!("NB {seal}"), format!("NB {}", seal + 1)],
            expected_at_count: true,
            contents: None,
        };
        items.push((batch.id, bx.id, bx.expected_seals.clone(), person_name(i)));
        c.items.push(batch);
        c.items.push(bx);
    }
    let postal_pack = CustodyItemId::new();
    c.items.push(CustodyItem {
        id: postal_pack,
        kind: ItemKind::PostalVotePack,
        label: "PV-OPEN-3".into(),
        polling_station: None,
        book_ranges: vec![],
        expected_seals: vec!["PV 88017".into()],
        expected_at_count: true,
        contents: None,
    });
    c.items.push(CustodyItem {
        id: CustodyItemId::new(),
        kind: ItemKind::EvidenceBag,
        label: "EB 000417".into(),
        polling_station: None,
        book_ranges: vec![],
        expected_seals: vec!["EB 000417".into()],
        expected_at_count: false,
        contents: None,
    });
    // Postal votes: the first issue batch from production to dispatch, the polling-day sweep of
    // the delivery office to the count, and the sealed packet of the batch's corresponding number
    // lists, which only a court may have opened.
    let postal_batch = CustodyItemId::new();
    c.items.push(CustodyItem {
        id: postal_batch,
        kind: ItemKind::PostalBallotBatch,
        label: "PV-ISSUE-1".into(),
        polling_station: None,
        book_ranges: vec![BookRange {
            first: 2_000_000,
            last: 2_011_849,
        }],
        expected_seals: vec![],
        expected_at_count: false,
        contents: None,
    });
    let sweep = CustodyItemId::new();
    c.items.push(CustodyItem {
        id: sweep,
        kind: ItemKind::PostalVotePack,
        label: "PV-SWEEP".into(),
        polling_station: None,
        book_ranges: vec![],
        expected_seals: vec!["PV 88031".into()],
        expected_at_count: true,
        contents: None,
    });
    let cnl_packet = CustodyItemId::new();
    c.items.push(CustodyItem {
        id: cnl_packet,
        kind: ItemKind::StatutoryPacket,
        label: "PKT-CNL-PV1".into(),
        polling_station: None,
        book_ranges: vec![],
        expected_seals: vec!["SP 0101".into()],
        expected_at_count: false,
        contents: Some(PacketContents::CorrespondingNumberLists),
    });
    let ev =
        |item, at, stage, location: &str, from: &str, to: &str, seals: &[String], notes: &str| {
            NewEvent {
                item,
                at,
                stage,
                location: location.to_owned(),
                from: from.to_owned(),
                to: to.to_owned(),
                seals_seen: seals.to_vec(),
                seals_intact: true,
                witness: String::new(),
                notes: notes.to_owned(),
                corrects: None,
            }
        };
    let store = "Town Hall strongroom";
    // Pre-poll, recorded in the elections office log.
    for (i, (batch, _, _, _)) in items.iter().enumerate() {
        let m = i as i64;
        record(
            c,
            "elections-office",
            ev(
                *batch,
                at(date(2027, 4, 13), 9, 0) + Duration::minutes(m * 6),
                CustodyStage::Printing,
                "Electoral Print Services Ltd, Unit 4 Dale Park",
                "",
                &printer,
                &[],
                "Official mark printed",
            ),
        );
        let mut proof = ev(
            *batch,
            at(date(2027, 4, 14), 10, 0) + Duration::minutes(m * 9),
            CustodyStage::Proofing,
            "Electoral Print Services Ltd, Unit 4 Dale Park",
            "",
            &printer,
            &[],
            "First and last paper of every book checked: numbering sequential, official mark present",
        );
        proof.witness = eso.clone();
        record(c, "elections-office", proof);
        record(
            c,
            "elections-office",
            ev(
                *batch,
                at(date(2027, 4, 20), 11, 0) + Duration::minutes(m * 2),
                CustodyStage::SecureStorage,
                store,
                &printer,
                &em,
                &[],
                "Delivered in sealed boxes; checked against the delivery note",
            ),
        );
    }
    // Issue to presiding officers on the eve of poll, and the polling station record transcribed after the poll.
    for (i, (batch, bx, seals, po)) in items.iter().enumerate() {
        let m = i as i64;
        let (district, station_name) = (&stations[i].1, &stations[i].2);
        let issue = at(poll - Duration::days(1), 14, 0) + Duration::minutes(m * 5);
        record(
            c,
            "elections-office",
            ev(
                *batch,
                issue,
                CustodyStage::IssueToPresidingOfficer,
                store,
                &em,
                po,
                &[],
                &format!("Issued with box {district}/1; ballot paper account form enclosed"),
            ),
        );
        record(
            c,
            "elections-office",
            ev(
                *bx,
                issue,
                CustodyStage::IssueToPresidingOfficer,
                store,
                &em,
                po,
                &[],
                "Empty box, padlock and seals issued",
            ),
        );
        let lid = std::slice::from_ref(&seals[0]);
        let mut open = ev(
            *bx,
            at(poll, 6, 50) + Duration::minutes(m % 8),
            CustodyStage::OpeningOfPoll,
            station_name,
            "",
            po,
            lid,
            "Box shown empty to those present, locked and sealed",
        );
        open.witness = format!("Poll clerk {}", person_name(i + 100));
        record(c, "polling-stations", open);
        let mut close = ev(
            *bx,
            at(poll, 22, 10) + Duration::minutes(m % 15),
            CustodyStage::CloseOfPoll,
            station_name,
            "",
            po,
            seals,
            "Slot sealed with the presiding officer's seal; packets sealed",
        );
        close.witness = format!("Poll clerk {}", person_name(i + 100));
        record(c, "polling-stations", close);
        let driver = drivers[i % drivers.len()];
        let mut transport = ev(
            *bx,
            at(poll, 22, 30) + Duration::minutes(m % 20),
            CustodyStage::TransportToCount,
            station_name,
            po,
            driver,
            seals,
            "Collected; vehicle not left unattended",
        );
        transport.witness = format!("Poll clerk {}", person_name(i + 100));
        record(c, "polling-stations", transport);
    }
    // Receipt at the count: each box checked off on arrival.
    let mut corrected = None;
    for (i, (_, bx, seals, _)) in items.iter().enumerate() {
        let driver = drivers[i % drivers.len()];
        let arrival = at(poll, 22, 50) + Duration::minutes((i as i64 * 47) % 38);
        let mut seen = seals.clone();
        let mut notes =
            "Arrival time recorded; seals checked against the ballot paper account".to_owned();
        if i == 17 {
            // A keying slip at the receipt desk, corrected below by a new event.
            seen[1] = format!("NB {}", 104_200 + 17 * 2 + 10);
            notes = "Arrival time recorded".into();
        }
        let mut receipt = ev(
            *bx,
            arrival,
            CustodyStage::ReceiptAtCount,
            &format!("{count_venue}, loading bay"),
            driver,
            &receipt_desk,
            &seen,
            &notes,
        );
        receipt.witness = "Sentinel Event Security (gate 2)".into();
        let recorded = record(c, "count-receipt", receipt);
        if i == 17 {
            corrected = Some((recorded.id, *bx, seals.clone(), arrival));
        }
    }
    if let Some((wrong, bx, seals, arrival)) = corrected {
        let mut fix = ev(
            bx,
            arrival + Duration::minutes(4),
            CustodyStage::ReceiptAtCount,
            &format!("{count_venue}, loading bay"),
            "",
            &receipt_desk,
            &seals,
            "Correction: second seal number mis-keyed on receipt; seal re-read by the count manager",
        );
        fix.corrects = Some(wrong);
        fix.witness = "Tom Ashworth".into();
        record(c, "count-receipt", fix);
    }
    // Postal votes opened at the final session go to the count sealed, with the elections manager.
    let mut pv = ev(
        postal_pack,
        at(poll, 17, 30),
        CustodyStage::SecureStorage,
        store,
        "Hannah Wright",
        &em,
        &["PV 88017".to_owned()],
        "Sealed after the final opening session; statements and ballot papers counted",
    );
    pv.witness = "Beata Kowalczyk".into();
    record(c, "elections-office", pv);
    record(
        c,
        "elections-office",
        ev(
            postal_pack,
            at(poll, 21, 45),
            CustodyStage::TransportToCount,
            store,
            &em,
            drivers[0],
            &["PV 88017".to_owned()],
            "Escorted by PC Reece",
        ),
    );
    record(
        c,
        "count-receipt",
        ev(
            postal_pack,
            at(poll, 22, 5),
            CustodyStage::ReceiptAtCount,
            &format!("{count_venue}, loading bay"),
            drivers[0],
            &receipt_desk,
            &["PV 88017".to_owned()],
            "Arrival time recorded",
        ),
    );
    // The first postal issue: packs produced and checked at the printer, handed to Royal Mail, and
    // the batch's corresponding number lists sealed in a packet kept in the strongroom.
    let works = "Electoral Print Services Ltd, Unit 4 Dale Park";
    let mut produced = ev(
        postal_batch,
        at(date(2027, 4, 15), 15, 0),
        CustodyStage::PostalProduction,
        works,
        "",
        &printer,
        &[],
        "11,850 packs filled; two packs from each tray of 250 checked: ballot paper and statement numbers align",
    );
    produced.witness = eso.clone();
    record(c, "elections-office", produced);
    record(
        c,
        "elections-office",
        ev(
            postal_batch,
            at(date(2027, 4, 16), 8, 30),
            CustodyStage::PostalDispatch,
            works,
            &printer,
            "Royal Mail Northmere Mail Centre",
            &[],
            "48 trays handed over; receipt for 11,850 packs endorsed by Royal Mail",
        ),
    );
    let cnl_seal = ["SP 0101".to_owned()];
    record(
        c,
        "elections-office",
        ev(
            cnl_packet,
            at(date(2027, 4, 16), 10, 0),
            CustodyStage::PacketSealed,
            store,
            "",
            &em,
            &cnl_seal,
            "Completed corresponding number lists of issue 1 sealed and endorsed",
        ),
    );
    record(
        c,
        "elections-office",
        ev(
            cnl_packet,
            at(date(2027, 4, 16), 10, 15),
            CustodyStage::SealedRetention,
            store,
            &em,
            &em,
            &cnl_seal,
            "Placed in the strongroom packet cabinet; not to be opened without a court's order",
        ),
    );
    // Polling day: the final sweep of the delivery office, the last opening session, the count.
    let sweep_seal = ["PV 88031".to_owned()];
    let mut swept = ev(
        sweep,
        at(poll, 20, 40),
        CustodyStage::PostalFinalSweep,
        "Royal Mail Northmere Delivery Office",
        "Royal Mail duty manager",
        &eso,
        &[],
        "Final sweep: 212 postal vote envelopes collected; receipt signed",
    );
    swept.witness = "PC Reece".into();
    record(c, "elections-office", swept);
    let mut opened = ev(
        sweep,
        at(poll, 22, 20),
        CustodyStage::PostalOpening,
        "Town Hall, Council Chamber",
        &eso,
        &em,
        &sweep_seal,
        "Final opening session; ballot papers face down into a box sealed PV 88031",
    );
    opened.witness = "Candidates' agents present".into();
    record(c, "elections-office", opened);
    record(
        c,
        "elections-office",
        ev(
            sweep,
            at(poll, 22, 55),
            CustodyStage::TransportToCount,
            "Town Hall",
            &em,
            drivers[0],
            &sweep_seal,
            "Escorted by PC Reece",
        ),
    );
    record(
        c,
        "count-receipt",
        ev(
            sweep,
            at(poll, 23, 10),
            CustodyStage::ReceiptAtCount,
            &format!("{count_venue}, loading bay"),
            drivers[0],
            &receipt_desk,
            &sweep_seal,
            "Arrival time recorded",
        ),
    );
    // Overnight in the locked store at the count venue, then verification from 09:00.
    for (i, (_, bx, seals, _)) in items.iter().enumerate() {
        let mut verify = ev(
            *bx,
            at(poll + Duration::days(1), 9, 0) + Duration::minutes(i as i64 * 3),
            CustodyStage::Verification,
            &format!("{count_venue}, main hall, table {}", 1 + i % 10),
            &receipt_desk,
            &verifier,
            seals,
            "Seals checked intact before opening; ballot paper account verified",
        );
        verify.witness = "Candidate's agent present".into();
        record(c, "count-verification", verify);
    }
    Ok(())
}
