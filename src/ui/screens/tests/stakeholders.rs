//! The stakeholder messages screen driven by its labels.

use crate::model::StakeholderMessage;
use crate::ui::test_harness::{App, date};

#[test]
fn a_message_is_added_written_dated_day_first_and_removed() {
    let (mut app, n) = App::adding::<StakeholderMessage>(None);
    app.type_into("What is explained", "How to report fraud");
    app.type_into("When", "1/4/2027");
    let m = app.last::<StakeholderMessage>();
    assert_eq!(m.message, "How to report fraud");
    assert_eq!(m.planned_on, Some(date(2027, 4, 1)), "1 April, day first");
    app.click("Clear");
    assert_eq!(app.last::<StakeholderMessage>().planned_on, None);
    app.removes::<StakeholderMessage>(n);
}
