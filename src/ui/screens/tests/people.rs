//! The people screen driven by its labels: add, name, remove, and a removal refused while others
//! refer to the person.

use crate::model::entity::uses;
use crate::model::{Person, Section};
use crate::ui::test_harness::App;

#[test]
fn a_person_is_added_named_given_a_phone_and_removed() {
    let (mut app, n) = App::adding::<Person>(None);
    app.type_into("Name", "Bethan Ŵyn");
    app.click("Add mobile number");
    app.type_into("Mobile phone", "07700 900 555");
    let added = app.last::<Person>();
    assert_eq!(added.name, "Bethan Ŵyn");
    assert_eq!(added.phones[0].number, "07700 900 555");
    app.click("Remove person");
    assert_eq!(app.plan().people.len(), n, "nobody refers to a new person");
    assert!(!app.plan().people.iter().any(|p| p.name == "Bethan Ŵyn"));
}

#[test]
fn a_person_others_refer_to_is_not_removed_and_the_notice_says_where() {
    let mut app = App::example();
    app.go_to(Section::People);
    let plan = app.plan();
    let used = plan
        .people
        .iter()
        .find(|p| uses(plan, *p).total() > 1)
        .expect("the example names people in its sections");
    let (name, places) = (used.name.clone(), uses(plan, used).total());
    let before = app.plan().clone();
    app.type_into("Filter", &name);
    app.click_text(&name);
    app.click("Remove person");
    assert_eq!(app.plan(), &before, "nothing was removed");
    let notice = format!("\u{201c}{name}\u{201d} was not removed: it is used in {places} places");
    assert!(app.shows(&notice), "the notice says why: {notice}");
}

#[test]
fn a_person_s_contact_details_are_marked_for_the_full_copy_only_or_both() {
    use crate::model::Handling;
    let (mut app, _) = App::adding::<Person>(None);
    assert_eq!(app.last::<Person>().handling, Handling::FullCopyOnly);
    app.choose("Contact details shown in", "Both copies");
    assert_eq!(app.last::<Person>().handling, Handling::Both);
    app.choose("Contact details shown in", "Full copy only");
    assert_eq!(app.last::<Person>().handling, Handling::FullCopyOnly);
}
