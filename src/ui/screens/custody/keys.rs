//! The count hall's keyboard: a scanner's burst split across fields, and the stage chosen by typing
//! or with the arrow keys. Pure logic here; the quick-entry form wires it to egui.

use egui::{Event, Key};

use crate::model::{CustodyStage, Journey};

/// What arrived in one frame as a burst across fields (a scanner types a label, Enter, a seal
/// number, Enter, faster than a frame): the text for the focused field and each field after it, and
/// how many fields the focus moves on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Burst {
    /// Text for the focused field (first) and the fields after it.
    pub segments: Vec<String>,
    /// The number of Enter or Tab presses: the focus ends on the field this many places on.
    pub moves: usize,
}

fn is_separator(event: &Event) -> bool {
    matches!(
        event,
        Event::Key {
            key: Key::Enter | Key::Tab,
            pressed: true,
            ..
        }
    )
}

/// The burst in `events`, if text follows an Enter or Tab in the same frame (a scanner). Typing by
/// hand never does, and is left to the text fields.
pub fn burst(events: &[Event]) -> Option<Burst> {
    let mut segments = vec![String::new()];
    let mut moves = 0;
    let mut text_after_separator = false;
    for event in events {
        match event {
            Event::Text(t) => {
                if moves > 0 && !t.is_empty() {
                    text_after_separator = true;
                }
                segments.last_mut()?.push_str(t);
            }
            e if is_separator(e) => {
                moves += 1;
                segments.push(String::new());
            }
            _ => {}
        }
    }
    if !text_after_separator {
        return None;
    }
    if segments.last().is_some_and(String::is_empty) {
        segments.pop();
    }
    Some(Burst { segments, moves })
}

/// Removes the events a burst consumed (text, Enter and Tab), keeping the rest (pointer,
/// modifiers).
pub fn consume_burst(events: &mut Vec<Event>) {
    events.retain(|e| !matches!(e, Event::Text(_)) && !is_separator(e));
}

/// The stage a count-hall desk most likely records next: the one after the item's last along the
/// item's journey (receipt at the count, or the journey's first stage, for an item with none yet).
pub fn next_stage(journey: Journey, last: Option<CustodyStage>) -> CustodyStage {
    let stages = journey.stages();
    let first = if journey.includes(CustodyStage::ReceiptAtCount) {
        CustodyStage::ReceiptAtCount
    } else {
        stages
            .first()
            .copied()
            .unwrap_or(CustodyStage::ReceiptAtCount)
    };
    match last.and_then(|l| stages.iter().position(|s| *s == l)) {
        Some(i) => stages[(i + 1).min(stages.len() - 1)],
        None => first,
    }
}

/// The stage list's state while the stage field has the keyboard.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StagePicker {
    /// What was typed.
    pub query: String,
    /// The highlighted stage, among those the query matches.
    pub highlight: usize,
    /// Whether the list is open.
    pub open: bool,
}

/// What a key did to the stage list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StageKey {
    /// Nothing the list handles.
    Ignored,
    /// The highlight moved.
    Moved,
    /// A stage was chosen: record it and move on.
    Chosen(CustodyStage),
    /// The list closed, the choice unchanged.
    Closed,
}

impl StagePicker {
    /// The stages the query matches, in stage order.
    pub fn matches(&self) -> Vec<CustodyStage> {
        let query = self.query.trim().to_lowercase();
        CustodyStage::ALL
            .iter()
            .copied()
            .filter(|s| {
                query.is_empty()
                    || s.label().to_lowercase().contains(&query)
                    || s.key().contains(&query)
            })
            .collect()
    }

    /// Opens the list with `at` highlighted (the item's next expected stage).
    pub fn open_at(&mut self, at: CustodyStage) {
        self.query.clear();
        self.open = true;
        self.highlight = CustodyStage::ALL.iter().position(|s| *s == at).unwrap_or(0);
    }

    /// After typing: the highlight goes to the first match.
    pub fn typed(&mut self) {
        self.open = true;
        self.highlight = 0;
    }

    /// Handles one key.
    pub fn key(&mut self, key: Key) -> StageKey {
        let matches = self.matches();
        match key {
            Key::ArrowDown if !matches.is_empty() => {
                self.open = true;
                self.highlight = (self.highlight + 1).min(matches.len() - 1);
                StageKey::Moved
            }
            Key::ArrowUp if !matches.is_empty() => {
                self.open = true;
                self.highlight = self.highlight.saturating_sub(1);
                StageKey::Moved
            }
            Key::Enter => match matches.get(self.highlight) {
                Some(stage) => {
                    self.open = false;
                    self.query.clear();
                    StageKey::Chosen(*stage)
                }
                None => StageKey::Ignored,
            },
            Key::Escape => {
                self.open = false;
                self.query.clear();
                StageKey::Closed
            }
            _ => StageKey::Ignored,
        }
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// Enter, pressed.
    pub(in crate::ui::screens::custody) fn enter() -> Event {
        Event::Key {
            key: Key::Enter,
            physical_key: None,
            pressed: true,
            repeat: false,
            modifiers: egui::Modifiers::NONE,
        }
    }

    #[test]
    fn a_scanned_label_and_seal_in_one_frame_are_split_across_two_fields() {
        let events = [
            Event::Text("NA1/1".into()),
            enter(),
            Event::Text("S-004512".into()),
            enter(),
        ];
        let b = burst(&events).unwrap();
        assert_eq!(b.segments, ["NA1/1", "S-004512"]);
        assert_eq!(b.moves, 2);
    }

    #[test]
    fn typing_then_enter_is_not_a_burst() {
        assert_eq!(burst(&[Event::Text("NA1/1".into()), enter()]), None);
        assert_eq!(burst(&[Event::Text("N".into())]), None);
    }

    #[test]
    fn the_stage_list_opens_at_the_next_stage_moves_with_arrows_and_enter_chooses() {
        let mut p = StagePicker::default();
        let next = next_stage(
            Journey::PollingStation,
            Some(CustodyStage::TransportToCount),
        );
        assert_eq!(next, CustodyStage::ReceiptAtCount);
        p.open_at(next);
        assert_eq!(p.matches()[p.highlight], CustodyStage::ReceiptAtCount);
        assert_eq!(p.key(Key::ArrowDown), StageKey::Moved);
        assert_eq!(
            p.key(Key::Enter),
            StageKey::Chosen(CustodyStage::Verification)
        );
        assert!(!p.open);
    }

    #[test]
    fn typing_filters_the_stages_and_escape_closes_without_choosing() {
        let mut p = StagePicker {
            query: "count".into(),
            ..StagePicker::default()
        };
        p.typed();
        let m = p.matches();
        assert!(
            m.iter().all(|s| s.label().to_lowercase().contains("count")),
            "{m:?}"
        );
        assert_eq!(p.key(Key::Escape), StageKey::Closed);
        assert!(p.query.is_empty() && !p.open);
        assert_eq!(
            next_stage(Journey::PollingStation, Some(CustodyStage::Destruction)),
            CustodyStage::Destruction
        );
    }
}
