//! The risk register driven by its labels: add and edit a risk, and a person picker that filters as
//! you type.

use crate::model::{Risk, Section};
use crate::ui::test_harness::App;

#[test]
fn a_risk_is_added_titled_and_removed() {
    let (mut app, n) = App::adding::<Risk>(None);
    app.type_into("Title", "Flooding at a station");
    assert_eq!(app.last::<Risk>().title, "Flooding at a station");
    app.click("Add mitigation");
    app.type_into("Mitigation 1", "Sandbags at Brook Green");
    let risk = app.last::<Risk>();
    assert_eq!(risk.mitigations[0].action, "Sandbags at Brook Green");
    app.removes::<Risk>(n);
}

#[test]
fn the_owner_picker_shows_only_the_people_matching_what_is_typed() {
    let mut app = App::example();
    app.go_to(Section::Risks);
    let risk = app.plan().risks[0].clone();
    app.click_text(&risk.title);
    let everyone = app.plan().people.len();
    app.open("Owner");
    // Every person is offered as "Name — role".
    assert_eq!(
        app.options(" — ").len(),
        everyone,
        "the list opens unfiltered"
    );
    app.type_filter("llew");
    let shown = app.options(" — ");
    assert_eq!(shown.len(), 1, "{shown:?}");
    assert!(
        shown[0].starts_with("Inspector Gareth Llewellyn — "),
        "{shown:?}"
    );
    assert!(
        app.options("Nobody").is_empty(),
        "\"Nobody\" does not match"
    );
    let option = shown[0].clone();
    app.click(&option);
    let gareth = app
        .plan()
        .people
        .iter()
        .find(|p| p.name == "Inspector Gareth Llewellyn")
        .unwrap()
        .id;
    let owner = app
        .plan()
        .risks
        .iter()
        .find(|r| r.id == risk.id)
        .unwrap()
        .owner;
    assert_eq!(owner, Some(gareth));
    // Opened again, the list is whole again.
    app.open("Owner");
    assert_eq!(app.options(" — ").len(), everyone);
}

#[test]
fn a_new_risk_starts_without_residual_scores_until_they_are_assessed() {
    let mut app = App::example();
    app.go_to(Section::Risks);
    app.click("Add risk");
    let risk = app.last::<Risk>().clone();
    assert_eq!(
        (risk.residual_likelihood, risk.residual_impact),
        (None, None)
    );
    assert!(app.shows("Not assessed"));
    app.click("Assess residual scores");
    let risk = app.last::<Risk>().clone();
    assert_eq!(risk.residual_likelihood, Some(risk.likelihood));
    assert_eq!(risk.residual_impact, Some(risk.impact));
    app.click("Clear residual scores");
    assert_eq!(app.last::<Risk>().residual_impact, None);
}
