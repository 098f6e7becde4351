//! The lines of communication screen driven by its labels.

use crate::model::{Cadence, Channel, CommunicationLine};
use crate::ui::test_harness::App;

#[test]
fn a_line_is_added_described_given_a_channel_and_a_phase_and_removed() {
    let (mut app, n) = App::adding::<CommunicationLine>(None);
    app.type_into("About", "Count night incidents");
    app.choose("Channel", "Secure email");
    app.click("Add phase");
    let line = app.last::<CommunicationLine>();
    assert_eq!(line.subject, "Count night incidents");
    assert_eq!(line.channel, Channel::SecureEmail);
    assert_eq!(
        line.schedule.len(),
        3,
        "two phases to start with, one added"
    );
    assert_eq!(line.schedule[2].cadence, Cadence::Daily);
    app.removes::<CommunicationLine>(n);
}
