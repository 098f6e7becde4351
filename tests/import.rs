//! `venues import` and `people import` run as real processes on CSV files and XLSX workbooks made
//! here: mappings with joins, dry runs, updates on a second import, stations sharing a building,
//! the traps spreadsheets set, and refusals that leave the plan byte-identical.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed step should fail the test loudly

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

use common::*;
use integrity_planner::model::{Handling, Plan, Role, VenueKind};
use integrity_planner::storage;
use rust_xlsxwriter::Workbook;

/// A folder with a copy of the example plan, and its own settings folder (kept mappings).
struct Desk {
    dir: tempfile::TempDir,
    plan: PathBuf,
}

impl Desk {
    fn new() -> Desk {
        let dir = tempfile::tempdir().unwrap();
        let plan = dir.path().join("north.plan.ron");
        std::fs::copy(EXAMPLE, &plan).unwrap();
        Desk { dir, plan }
    }

    fn file(&self, name: &str, contents: &[u8]) -> PathBuf {
        let path = self.dir.path().join(name);
        std::fs::write(&path, contents).unwrap();
        path
    }

    /// Runs the program with this desk's settings folder.
    fn run(&self, args: &[&str]) -> Output {
        program()
            .env("INTEGRITY_PLANNER_DATA", self.dir.path().join("data"))
            .args(args)
            .output()
            .unwrap()
    }

    /// Runs `LIST import PLAN FILE ARGS...`.
    fn import(&self, list: &str, file: &Path, args: &[&str]) -> Output {
        let mut all = vec![
            list,
            "import",
            self.plan.to_str().unwrap(),
            file.to_str().unwrap(),
        ];
        all.extend_from_slice(args);
        self.run(&all)
    }

    fn plan(&self) -> Plan {
        storage::load(&self.plan).unwrap()
    }

    fn bytes(&self) -> Vec<u8> {
        std::fs::read(&self.plan).unwrap()
    }
}

fn ok(o: &Output) -> String {
    assert_eq!(code(o), 0, "stderr: {}\nstdout: {}", stderr(o), stdout(o));
    stdout(o)
}

const STATIONS_MAP: &str = "Polling Place=name,Address 1+Address 2+Postcode=address,\
     District=polling_district,Station=station_number,Type=kind";
const STATIONS_VALUES: &str = "kind:Polling Place=polling-station,Count=count-venue";

#[test]
fn csv_venues_with_a_joined_address_dry_run_then_import_then_update_with_the_kept_mapping() {
    let desk = Desk::new();
    let before = desk.plan();
    let csv = desk.file(
        "stations.csv",
        "Polling Place,Address 1,Address 2,Postcode,District,Station,Type,Notes\n\
         Hollins Community Centre,5 Hollins Rd,Northmere,NM4 2QQ,NZ9,1,Polling Place,main hall\n\
         Hollins Community Centre,5 Hollins Rd,Northmere,NM4 2QQ,NZ9,2.0,Polling Place,side room\n\
         Northmere Leisure Centre (main hall),Lido Way,,Northmere NM2 4LC,,,Count,\n"
            .as_bytes(),
    );
    let args = ["--map", STATIONS_MAP, "--value", STATIONS_VALUES];
    let mut dry = args.to_vec();
    dry.push("--dry-run");
    let bytes = desk.bytes();
    let out = ok(&desk.import("venues", &csv, &dry));
    assert!(out.contains("2 to add, 0 to update, 1 unchanged"), "{out}");
    assert!(
        out.contains("address: 5 Hollins Rd, Northmere, NM4 2QQ"),
        "the address columns are joined: {out}"
    );
    assert!(
        out.contains("columns not imported: H \u{201c}Notes\u{201d}"),
        "{out}"
    );
    assert!(
        out.contains("not in file          St Mary's Church Hall"),
        "{out}"
    );
    assert!(out.contains("dry run: nothing was written"), "{out}");
    assert_eq!(desk.bytes(), bytes, "a dry run writes nothing");

    let out = ok(&desk.import("venues", &csv, &args));
    assert!(out.contains("added 2 and updated 0 venues"), "{out}");
    let plan = desk.plan();
    let hollins: Vec<_> = plan
        .venues
        .venues
        .iter()
        .filter(|v| v.name == "Hollins Community Centre")
        .collect();
    assert_eq!(
        hollins.len(),
        2,
        "two stations in one building are two venues"
    );
    assert_eq!(
        hollins.iter().map(|v| v.station_number).collect::<Vec<_>>(),
        [Some(1), Some(2)]
    );
    assert!(hollins.iter().all(|v| v.kind == VenueKind::PollingStation
        && v.address == "5 Hollins Rd, Northmere, NM4 2QQ"
        && v.assessment.is_none()));
    assert_eq!(plan.venues.venues.len(), before.venues.venues.len() + 2);

    // The next export has a new room for station 2; no --map: the kept mapping is used.
    let next = desk.file(
        "stations-2.csv",
        "Polling Place,Address 1,Address 2,Postcode,District,Station,Type,Notes\n\
         Hollins Community Centre (side room),,,,NZ9,2,Polling Place,\n\
         Hollins Community Centre,,,,NZ9,1,,\n"
            .as_bytes(),
    );
    let out = ok(&desk.import("venues", &next, &[]));
    assert!(
        out.contains("the mapping kept for files with these headings"),
        "{out}"
    );
    assert!(out.contains("0 to add, 1 to update, 1 unchanged"), "{out}");
    assert!(
        out.contains("name \u{201c}Hollins Community Centre\u{201d} \u{2192} \u{201c}Hollins Community Centre (side room)\u{201d}"),
        "{out}"
    );
    let after = desk.plan();
    let two = after
        .venues
        .venues
        .iter()
        .find(|v| v.station_number == Some(2) && v.polling_district == "NZ9")
        .unwrap();
    assert_eq!(two.name, "Hollins Community Centre (side room)");
    assert_eq!(
        two.address, "5 Hollins Rd, Northmere, NM4 2QQ",
        "empty address cells clear nothing"
    );
    assert_eq!(
        after.venues.venues.len(),
        plan.venues.venues.len(),
        "never deletes"
    );
    // Ids and every other venue untouched.
    for (a, b) in plan.venues.venues.iter().zip(&after.venues.venues) {
        assert_eq!(a.id, b.id);
        assert_eq!(a.assessment, b.assessment);
    }
}

/// A workbook with a cover sheet and the stations on a second sheet.
fn stations_workbook(path: &Path, rows: &[(&str, &str, f64, &str)]) {
    let mut book = Workbook::new();
    let cover = book.add_worksheet();
    cover.set_name("Cover").unwrap();
    cover.write_string(0, 0, "Polling scheme 2027").unwrap();
    let sheet = book.add_worksheet();
    sheet.set_name("Stations").unwrap();
    for (c, h) in ["EMS ref", "Polling Place", "District", "Station", "Address"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    for (r, (ems, name, station, district)) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        sheet.write_string(r, 0, *ems).unwrap();
        sheet.write_string(r, 1, *name).unwrap();
        sheet.write_string(r, 2, *district).unwrap();
        sheet.write_number(r, 3, *station).unwrap();
        sheet.write_string(r, 4, "Quay St, Northmere").unwrap();
    }
    book.save(path).unwrap();
}

#[test]
fn xlsx_venues_from_a_named_sheet_with_numbers_stored_as_12_0_and_matched_by_ems_reference() {
    let desk = Desk::new();
    let book = desk.dir.path().join("scheme.xlsx");
    stations_workbook(
        &book,
        &[
            ("PS-0101", "Quayside Hall", 12.0, "QA"),
            ("PS-0102", "Quayside Hall", 13.0, "QA"),
        ],
    );
    let map = "EMS ref=ems_reference,Polling Place=name,District=polling_district,\
               Station=station_number,Address=address";
    let o = desk.import("venues", &book, &["--map", map]);
    assert_eq!(code(&o), 2, "the first sheet has no such columns");
    assert!(
        stderr(&o).contains("sheet \u{201c}Cover\u{201d} has no column \u{201c}EMS ref\u{201d}"),
        "{}",
        stderr(&o)
    );
    let out = ok(&desk.import("venues", &book, &["--sheet", "Stations", "--map", map]));
    assert!(
        out.contains("scheme.xlsx, sheet \u{201c}Stations\u{201d}"),
        "{out}"
    );
    let plan = desk.plan();
    let quay: Vec<_> = plan
        .venues
        .venues
        .iter()
        .filter(|v| v.name == "Quayside Hall")
        .collect();
    assert_eq!(
        quay.iter()
            .map(|v| (v.station_number, v.ems_reference.as_str()))
            .collect::<Vec<_>>(),
        [(Some(12), "PS-0101"), (Some(13), "PS-0102")],
        "12.0 is station 12"
    );

    // The next export renumbers the stations; the EMS reference still finds them.
    stations_workbook(
        &book,
        &[
            ("PS-0101", "Quayside Hall", 14.0, "QA"),
            ("PS-0102", "Quayside Hall", 15.0, "QA"),
        ],
    );
    let out = ok(&desk.import("venues", &book, &["--sheet", "Stations"]));
    assert!(out.contains("0 to add, 2 to update"), "{out}");
    assert!(out.contains("(by EMS reference PS-0101)"), "{out}");
    let numbers: Vec<_> = desk
        .plan()
        .venues
        .venues
        .iter()
        .filter(|v| v.name == "Quayside Hall")
        .map(|v| v.station_number)
        .collect();
    assert_eq!(numbers, [Some(14), Some(15)]);
}

#[test]
fn a_bad_row_in_a_workbook_is_refused_by_sheet_row_and_column_and_the_plan_is_byte_identical() {
    let desk = Desk::new();
    let book = desk.dir.path().join("scheme.xlsx");
    stations_workbook(
        &book,
        &[
            ("PS-0101", "Quayside Hall", 12.0, "QA"),
            ("PS-0102", "Quayside Hall", 12.5, "QA"),
        ],
    );
    let bytes = desk.bytes();
    let map = "EMS ref=ems_reference,Polling Place=name,District=polling_district,\
               Station=station_number";
    let o = desk.import("venues", &book, &["--sheet", "stations", "--map", map]);
    let err = assert_refused(&o);
    assert!(err.contains("the plan is unchanged"), "{err}");
    assert!(
        stdout(&o).contains(
            "refused    sheet \u{201c}Stations\u{201d}, row 3, column D \u{201c}Station\u{201d}: \
             12.5 is not a station number"
        ),
        "{}",
        stdout(&o)
    );
    assert_eq!(desk.bytes(), bytes, "nothing written");
    let backups = std::fs::read_dir(desk.dir.path())
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .ends_with(".bak")
        })
        .count();
    assert_eq!(backups, 0, "not even a backup");
}

#[test]
fn csv_people_joined_names_value_mapped_roles_personal_data_and_an_update_by_email() {
    let desk = Desk::new();
    let before = desk.plan();
    let csv = desk.file(
        "staff.csv",
        "First name,Surname,Email,Mobile,Post\n\
         Priya,Natarajan,p.natarajan@northmere.gov.uk,07700 900 555,PO\n\
         Helen,Marsh,HELEN.MARSH@northmere.gov.uk,07700 900 102,\n"
            .as_bytes(),
    );
    let args = [
        "--map",
        "First name+Surname=name,Email=email,Mobile=mobile,Post=role",
        "--value",
        "role:PO=presiding-officer",
    ];
    let mut dry = args.to_vec();
    dry.push("--dry-run");
    let out = ok(&desk.import("people", &csv, &dry));
    assert!(out.contains("1 to add, 1 to update"), "{out}");
    assert!(out.contains("Priya Natarajan"), "{out}");
    assert!(out.contains("shown in: Full copy only"), "{out}");
    assert!(
        out.contains("Helen Marsh (by email HELEN.MARSH@northmere.gov.uk): mobile \u{201c}07700 900 101\u{201d} \u{2192} \u{201c}07700 900 102\u{201d}"),
        "{out}"
    );
    ok(&desk.import("people", &csv, &args));
    let plan = desk.plan();
    assert_eq!(plan.people.len(), before.people.len() + 1);
    let priya = plan
        .people
        .iter()
        .find(|p| p.name == "Priya Natarajan")
        .unwrap();
    assert_eq!(priya.role, Role::PresidingOfficer);
    assert_eq!(
        priya.handling,
        Handling::FullCopyOnly,
        "personal data by default"
    );
    let helen = &plan.people[0];
    assert_eq!(helen.id, before.people[0].id);
    assert_eq!(
        helen.email, "helen.marsh@northmere.gov.uk",
        "a case difference is no change"
    );
    assert_eq!(
        helen.role,
        Role::ReturningOfficer,
        "an empty cell leaves the role"
    );
    assert_eq!(helen.phones.len(), before.people[0].phones.len());

    // The same file again changes nothing and writes nothing.
    let bytes = desk.bytes();
    let out = ok(&desk.import("people", &csv, &args));
    assert!(out.contains("0 to add, 0 to update, 2 unchanged"), "{out}");
    assert_eq!(desk.bytes(), bytes);
}

#[test]
fn a_phone_number_a_workbook_stored_as_a_number_is_refused_and_the_plan_is_byte_identical() {
    let desk = Desk::new();
    let book = desk.dir.path().join("staff.xlsx");
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("Staff").unwrap();
    for (c, h) in ["Name", "Email", "Mobile"].iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    sheet.write_string(1, 0, "Priya Natarajan").unwrap();
    sheet
        .write_string(1, 1, "p.natarajan@northmere.gov.uk")
        .unwrap();
    sheet.write_string(1, 2, "07700 900 555").unwrap();
    sheet.write_string(2, 0, "Tom Reid").unwrap();
    sheet.write_string(2, 1, "t.reid@northmere.gov.uk").unwrap();
    sheet.write_number(2, 2, 7_700_900_556.0).unwrap();
    workbook.save(&book).unwrap();
    let bytes = desk.bytes();
    let o = desk.import(
        "people",
        &book,
        &["--map", "Name=name,Email=email,Mobile=mobile"],
    );
    assert_refused(&o);
    let out = stdout(&o);
    assert!(
        out.contains(
            "sheet \u{201c}Staff\u{201d}, row 3, column C \u{201c}Mobile\u{201d}: 7700900556 is \
             stored as a number, not text, so its leading 0 is lost"
        ),
        "{out}"
    );
    assert!(
        out.contains("hint: Excel stored this phone number as a number"),
        "{out}"
    );
    assert!(out.contains("1 to add, 0 to update, 1 refused"), "{out}");
    assert_eq!(desk.bytes(), bytes);
}

#[test]
fn a_csv_with_a_byte_order_mark_reads_its_field_named_columns_and_one_not_utf8_is_refused() {
    let desk = Desk::new();
    let bom = desk.file(
        "venues.csv",
        b"\xef\xbb\xbfname,address,kind\nHarbour Store,Quay St,storage\n",
    );
    let out = ok(&desk.import("venues", &bom, &[]));
    assert!(
        out.contains(
            "mapping (columns headed with field names): name=name,address=address,kind=kind"
        ),
        "{out}"
    );
    assert!(
        desk.plan()
            .venues
            .venues
            .iter()
            .any(|v| v.name == "Harbour Store" && v.kind == VenueKind::Storage)
    );

    let bytes = desk.bytes();
    let latin = desk.file(
        "people.csv",
        b"name,email\nRen\xe9e Smith,r.smith@northmere.gov.uk\n",
    );
    let err = assert_refused(&desk.import("people", &latin, &[]));
    assert!(err.contains("is not UTF-8 text"), "{err}");
    assert!(err.contains("CSV UTF-8"), "{err}");
    assert_eq!(desk.bytes(), bytes);
}

#[test]
fn a_missing_mapped_column_and_ambiguous_matches_are_refused() {
    let desk = Desk::new();
    let bytes = desk.bytes();
    let csv = desk.file("v.csv", b"Place,Post code\nHall,NM1\n");
    let err =
        assert_refused(&desk.import("venues", &csv, &["--map", "Place=name,Address=address"]));
    assert!(
        err.contains("v.csv has no column \u{201c}Address\u{201d} (mapped to address)"),
        "{err}"
    );
    assert!(
        err.contains("its columns are \u{201c}Place\u{201d}, \u{201c}Post code\u{201d}"),
        "{err}"
    );

    // Two annexes of one name: a row with only the name matches both.
    let two = desk.file(
        "annexes.csv",
        b"name,address,kind\nAnnexe,1 Quay St,storage\nAnnexe,2 Quay St,storage\n",
    );
    ok(&desk.import("venues", &two, &[]));
    let bytes_two = desk.bytes();
    let one = desk.file("annexe.csv", b"name,kind\nAnnexe,office\n");
    let o = desk.import("venues", &one, &[]);
    assert_refused(&o);
    assert!(
        stdout(&o).contains(
            "row 2, column A \u{201c}name\u{201d}: it matches 2 venues in the plan by name"
        ),
        "{}",
        stdout(&o)
    );
    assert_eq!(desk.bytes(), bytes_two);
    // Two rows for one station.
    let twice = desk.file(
        "twice.csv",
        b"name,polling_district,station_number\nSt Mary's,AA,1\nSt Marys Hall,aa,1\n",
    );
    let o = desk.import("venues", &twice, &[]);
    assert_refused(&o);
    assert!(
        stdout(&o).contains("rows 2 and 3 both match St Mary's Church Hall"),
        "{}",
        stdout(&o)
    );
    assert_ne!(bytes, bytes_two);
}

#[test]
fn json_preview_for_scripts() {
    let desk = Desk::new();
    let csv = desk.file("v.csv", b"name,polling_district,station_number,notes\nSt Mary's Church Hall,AA,1,x\nNew Hall,ZZ,3,\n");
    let out = ok(&desk.import("venues", &csv, &["--dry-run", "--format", "json"]));
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["list"], "venues");
    assert_eq!(v["dry_run"], true);
    assert_eq!(v["written"], false);
    assert_eq!(v["mapping"]["from"], "field-names");
    assert_eq!(v["add"][0]["row"], 3);
    assert_eq!(v["add"][0]["fields"]["station_number"], "3");
    assert_eq!(
        v["unchanged"][0]["title"],
        "St Mary's Church Hall (polling station)"
    );
    assert_eq!(v["ignored_columns"][0], "D \u{201c}notes\u{201d}");
    assert!(v["not_in_file"].as_array().unwrap().len() > 30);
}
