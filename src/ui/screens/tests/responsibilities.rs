//! The responsibilities screen driven by its labels.

use crate::model::Responsibility;
use crate::ui::test_harness::App;

#[test]
fn a_task_is_added_described_given_a_lead_and_removed() {
    let (mut app, n) = App::adding::<Responsibility>(None);
    app.type_into("Task", "Search the count venue at 18:00");
    app.choose("Lead", "Laura Benn — Count manager");
    let task = app.last::<Responsibility>();
    assert_eq!(task.task, "Search the count venue at 18:00");
    let laura = app.plan().people.iter().find(|p| p.name == "Laura Benn");
    assert_eq!(task.lead, laura.map(|p| p.id));
    app.removes::<Responsibility>(n);
}
