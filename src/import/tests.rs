//! Planning and applying imports against a plan: matching, updates that never clear, refusals.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::*;
use crate::model::{Handling, Person, Role, Venue, VenueKind};

fn plan() -> Plan {
    let mut plan = crate::test_support::plan();
    plan.venues.venues.push(Venue {
        name: "Village Hall".into(),
        address: "1 High St, Northmere".into(),
        polling_district: "NA1".into(),
        station_number: Some(1),
        ..Venue::blank()
    });
    plan.venues.venues.push(Venue {
        name: "Leisure Centre".into(),
        kind: VenueKind::CountVenue,
        address: "Lido Way".into(),
        ..Venue::blank()
    });
    let mut khan = Person::named("Aisha Khan");
    khan.email = "a.khan@northmere.gov.uk".into();
    khan.role = Role::ElectionsManager;
    plan.people.push(khan);
    plan
}

fn csv(text: &str) -> Table {
    table::read_csv(text.as_bytes(), "file.csv").unwrap()
}

fn venues(plan: &Plan, text: &str, map: &str, values: &[&str]) -> Preview<Venue> {
    let values: Vec<String> = values.iter().map(|v| (*v).to_owned()).collect();
    let mapping = Mapping::parse(&[map.to_owned()], &values, Venue::FIELDS).unwrap();
    plan_import(plan, &csv(text), &mapping).unwrap()
}

#[test]
fn stations_match_on_district_and_number_and_two_in_one_building_stay_apart() {
    let mut plan = plan();
    let text = "Place,Street,Town,District,No,Type\n\
                Village Hall,1 High St,Northmere,NA1,1,Polling Place\n\
                Village Hall,1 High St,Northmere,NA1,2,Polling Place\n\
                Leisure Centre,Lido Way,,,,Count\n";
    let map =
        "Place=name,Street+Town=address,District=polling_district,No=station_number,Type=kind";
    let values = ["kind:Polling Place=polling-station,Count=count-venue"];
    let p = venues(&plan, text, map, &values);
    assert!(p.refused.is_empty(), "{:?}", p.refused);
    assert_eq!(
        p.add.len(),
        1,
        "station 2 is a new venue in the same building"
    );
    assert_eq!(p.add[0].entry.station_number, Some(2));
    assert_eq!(p.add[0].entry.address, "1 High St, Northmere");
    assert_eq!(p.unchanged.len(), 2, "{:?}", p.update);
    assert_eq!(
        p.unchanged[0].matched_by,
        "polling district NA1 and station number 1"
    );
    apply(&mut plan, &p).unwrap();
    assert_eq!(plan.venues.venues.len(), 3);
    // The second import finds both stations and changes nothing.
    let again = venues(&plan, text, map, &values);
    assert_eq!(
        (again.add.len(), again.update.len(), again.unchanged.len()),
        (0, 0, 3)
    );
}

#[test]
fn an_update_sets_what_differs_and_never_clears_from_an_empty_cell() {
    let mut plan = plan();
    let assessed = crate::model::SecurityAssessment {
        assessed_on: chrono::NaiveDate::from_ymd_opt(2027, 4, 1).unwrap(),
        assessed_by: None,
        checks: Vec::new(),
        summary: "Walked through".into(),
        handling: Handling::FullCopyOnly,
    };
    plan.venues.venues[0].assessment = Some(assessed.clone());
    let id = plan.venues.venues[0].id;
    let p = venues(
        &plan,
        "District,No,Name,Address,EMS\nNA1,1,Village Hall (main room),,PS-001\n",
        "District=polling_district,No=station_number,Name=name,Address=address,EMS=ems_reference",
        &[],
    );
    assert_eq!(p.update.len(), 1);
    let fields: Vec<Field> = p.update[0].changes.iter().map(|c| c.field).collect();
    assert_eq!(fields, [Field::Name, Field::EmsReference]);
    assert_eq!(p.update[0].changes[0].before, "Village Hall");
    assert_eq!(p.not_in_file, ["Leisure Centre (count venue)"]);
    apply(&mut plan, &p).unwrap();
    let v = &plan.venues.venues[0];
    assert_eq!((v.id, v.name.as_str()), (id, "Village Hall (main room)"));
    assert_eq!(
        v.address, "1 High St, Northmere",
        "an empty cell clears nothing"
    );
    assert_eq!(
        v.assessment,
        Some(assessed),
        "assessments are never touched"
    );
    // Now known by its EMS reference, even renumbered.
    let p = venues(
        &plan,
        "EMS,No\nps-001,4\n",
        "EMS=ems_reference,No=station_number",
        &[],
    );
    assert_eq!(p.update.len(), 1, "{:?}", p.refused);
    assert_eq!(p.update[0].changes[0].after, Value::Number(4));
}

#[test]
fn an_ambiguous_match_is_refused_in_the_preview_and_nothing_applies() {
    let mut plan = plan();
    let mut twin = plan.venues.venues[1].clone();
    twin.id = crate::model::VenueId::new();
    plan.venues.venues.push(twin);
    let p = venues(&plan, "Name\nLeisure Centre\n", "Name=name", &[]);
    assert_eq!(p.refused.len(), 1);
    assert!(
        p.refused[0].reason.contains("matches 2 venues"),
        "{}",
        p.refused[0]
    );
    assert_eq!(
        p.refused[0].column.as_deref(),
        Some("A \u{201c}Name\u{201d}")
    );
    let before = plan.clone();
    assert!(apply(&mut plan, &p).is_err());
    assert_eq!(plan, before);
    // Two rows for one entry are refused too, both of them.
    let p = venues(
        &plan,
        "District,No\nNA1,1\nna1,1.0\n",
        "District=polling_district,No=station_number",
        &[],
    );
    assert_eq!(p.refused.len(), 2, "{:?}", p.refused);
    assert!(
        p.refused[0]
            .reason
            .contains("rows 2 and 3 both match Village Hall")
    );
}

#[test]
fn people_match_on_email_and_new_ones_are_personal_data() {
    let mut plan = plan();
    let table = csv("Name,Email,Job,Mobile,Role\n\
         Aisha Khan,A.KHAN@northmere.gov.uk,Head of Elections,07700 900123,\n\
         Tom Reid,t.reid@northmere.gov.uk,,07700 900456,PO\n");
    let mapping = Mapping::parse(
        &["Name=name,Email=email,Job=job_title,Mobile=mobile,Role=role".into()],
        &["role:PO=presiding-officer".into()],
        Person::FIELDS,
    )
    .unwrap();
    let p: Preview<Person> = plan_import(&plan, &table, &mapping).unwrap();
    assert!(p.refused.is_empty(), "{:?}", p.refused);
    assert_eq!(p.update.len(), 1);
    assert_eq!(p.add.len(), 1);
    let tom = &p.add[0].entry;
    assert_eq!(tom.handling, Handling::FullCopyOnly);
    assert_eq!(tom.role, Role::PresidingOfficer);
    apply(&mut plan, &p).unwrap();
    assert_eq!(
        plan.people[0].role,
        Role::ElectionsManager,
        "an empty cell leaves the role"
    );
    assert_eq!(plan.people[0].job_title, "Head of Elections");
}

#[test]
fn a_bad_cell_is_refused_naming_its_row_and_column_and_the_mapping_must_identify() {
    let plan = plan();
    let p = venues(
        &plan,
        "Name,No\nHall,12a\n",
        "Name=name,No=station_number",
        &[],
    );
    assert_eq!(
        p.refused[0].to_string(),
        "row 2, column B \u{201c}No\u{201d}: \u{201c}12a\u{201d} is not a station number"
    );
    let p = venues(
        &plan,
        "Name,Address,No\nVillage Hall,\"1 High St, Northmere\",12a\n",
        "Name=name,Address=address,No=station_number",
        &[],
    );
    assert_eq!(p.refused.len(), 1);
    assert_eq!(
        p.not_in_file,
        ["Leisure Centre (count venue)"],
        "a refused row still shows the venue it names is in the file"
    );
    let mapping = Mapping::parse(&["No=station_number".into()], &[], Venue::FIELDS).unwrap();
    let e = plan_import::<Venue>(&plan, &csv("No\n1\n"), &mapping).unwrap_err();
    assert!(e.message.contains("nothing a venue is known by"), "{e}");
    let p = venues(&plan, "Name,No\n,3\n", "Name=name,No=station_number", &[]);
    assert!(
        p.refused[0].reason.contains("needs a name"),
        "{:?}",
        p.refused
    );
}
