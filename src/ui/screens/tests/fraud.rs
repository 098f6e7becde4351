//! The fraud monitoring screen driven by its labels.

use crate::model::{FraudIndicator, IndicatorState};
use crate::ui::test_harness::App;

#[test]
fn an_indicator_is_added_given_levels_observed_and_removed() {
    let (mut app, n) = App::adding::<FraudIndicator>(None);
    app.type_into("Name", "Late registrations at one address");
    app.type_into("Warning level", "3");
    app.type_into("Action level", "5");
    app.type_into("Value", "4");
    app.click("Record observation");
    let ind = app.last::<FraudIndicator>();
    assert_eq!(ind.name, "Late registrations at one address");
    assert_eq!(
        (ind.warning_level, ind.action_level),
        (Some(3.0), Some(5.0))
    );
    assert_eq!(ind.observations.len(), 1);
    assert_eq!(ind.state(None), IndicatorState::Warning);
    app.type_into("Warning level", "three");
    assert_eq!(
        app.last::<FraudIndicator>().warning_level,
        Some(3.0),
        "not a number: not saved"
    );
    app.removes::<FraudIndicator>(n);
}
