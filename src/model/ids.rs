//! Typed identifiers: one newtype per kind of entity, so a risk owner can never be given a venue's
//! id.

use std::fmt;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

macro_rules! entity_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub Uuid);

        impl $name {
            /// A fresh random identifier.
            pub fn new() -> Self {
                Self(Uuid::new_v4())
            }
        }

        impl Default for $name {
            fn default() -> Self {
                Self::new()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl From<Uuid> for $name {
            fn from(uuid: Uuid) -> Self {
                Self(uuid)
            }
        }
    };
}

entity_id!(
    /// Identifies a plan: minted once by `new` (or when a file from before plan ids is migrated)
    /// and never regenerated, so copies of one plan on several laptops can be told from copies of
    /// another.
    PlanId
);
entity_id!(
    /// Identifies a contest (a constituency, ward or division) within the election.
    ContestId
);
entity_id!(
    /// Identifies a person in the contact directory.
    PersonId
);
entity_id!(
    /// Identifies a task in the division of responsibilities.
    ResponsibilityId
);
entity_id!(
    /// Identifies a line of communication.
    CommunicationLineId
);
entity_id!(
    /// Identifies a planned stakeholder or public message.
    StakeholderMessageId
);
entity_id!(
    /// Identifies a candidate whose contact details may be shared with the FEOA.
    CandidateId
);
entity_id!(
    /// Identifies one transfer of candidate data in the data transfer log.
    DataTransferId
);
entity_id!(
    /// Identifies a fraud indicator.
    IndicatorId
);
entity_id!(
    /// Identifies one observation recorded against a fraud indicator.
    ObservationId
);
entity_id!(
    /// Identifies a level of the escalation ladder.
    EscalationLevelId
);
entity_id!(
    /// Identifies a risk in the register.
    RiskId
);
entity_id!(
    /// Identifies a mitigation of a risk.
    MitigationId
);
entity_id!(
    /// Identifies an integrity hotspot.
    HotspotId
);
entity_id!(
    /// Identifies an electoral event (an opening session, polling day, the count...).
    ElectoralEventId
);
entity_id!(
    /// Identifies a venue.
    VenueId
);
entity_id!(
    /// Identifies a measure on the venue security checklist.
    MeasureId
);
entity_id!(
    /// Identifies a custody item (a batch of ballot papers, a ballot box, a pack, a bag).
    CustodyItemId
);
entity_id!(
    /// Identifies a recorded custody event.
    CustodyEventId
);
entity_id!(
    /// Identifies a referral of an allegation to the police.
    ReferralId
);
entity_id!(
    /// Identifies a scheduled plan review.
    PlanReviewId
);
entity_id!(
    /// Identifies a local milestone (its calendar entry keeps it across exports).
    LocalMilestoneId
);
entity_id!(
    /// Identifies a copy of the plan issued (exported) from it.
    IssuedCopyId
);
