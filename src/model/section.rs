//! The fifteen sections of a plan, in the order of the Electoral Commission's guidance.

use super::labelled::labelled_enum;

labelled_enum! {
    /// A section of the plan: a screen in the editor and a chapter in the PDF.
    pub enum Section {
        /// 1. Overview and document control.
        Overview => "Overview and document control", "overview",
        /// 2. People and roles.
        People => "People and roles", "people",
        /// 3. Division of responsibilities.
        Responsibilities => "Division of responsibilities", "responsibilities",
        /// 4. Lines of communication.
        Communication => "Lines of communication", "communication",
        /// 5. Stakeholder and public communication.
        Stakeholders => "Stakeholder and public communication", "stakeholders",
        /// 6. Candidate contact sharing with the FEOA.
        CandidateData => "Candidate contact sharing with the FEOA", "candidate-data",
        /// 7. Fraud monitoring.
        Fraud => "Fraud monitoring", "fraud",
        /// 8. Safety concerns and escalation.
        Escalation => "Safety concerns and escalation", "escalation",
        /// 9. Risk register.
        Risks => "Risk register", "risks",
        /// 10. Integrity hotspots.
        Hotspots => "Integrity hotspots", "hotspots",
        /// 11. Electoral events.
        Events => "Electoral events", "events",
        /// 12. Ballot security and custody.
        Custody => "Ballot security and custody", "custody",
        /// 13. Venues.
        Venues => "Venues", "venues",
        /// 14. Allegations and evidence.
        Allegations => "Allegations and evidence", "allegations",
        /// 15. Key dates.
        KeyDates => "Key dates", "key-dates",
    }
}

impl Section {
    /// The section's number in the plan, from 1.
    pub fn number(self) -> usize {
        Section::ALL
            .iter()
            .position(|s| *s == self)
            .map_or(0, |i| i + 1)
    }
}

impl std::str::FromStr for Section {
    type Err = String;

    /// A section by its number ("12") or its key ("custody").
    fn from_str(text: &str) -> Result<Section, String> {
        let text = text.trim();
        Section::ALL
            .iter()
            .copied()
            .find(|s| s.key().eq_ignore_ascii_case(text) || s.number().to_string() == text)
            .ok_or_else(|| {
                let keys: Vec<&str> = Section::ALL.iter().map(|s| s.key()).collect();
                format!(
                    "\u{201c}{text}\u{201d} is not a section; give its number (1 to 15) or one of \
                     {}",
                    keys.join(", ")
                )
            })
    }
}
