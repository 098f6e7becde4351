//! Section 10: integrity hotspots — places where others may reach electors' post or applications.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::ids::{HotspotId, PersonId};
use super::labelled::labelled_enum;

labelled_enum! {
    /// The kind of place.
    #[derive(Default)]
    pub enum HotspotKind {
        /// A house in multiple occupation.
        #[default]
        MultipleOccupation => "House in multiple occupation", "hmo",
        /// Student halls of residence.
        StudentHalls => "Student halls", "student-halls",
        /// A care home.
        CareHome => "Care home", "care-home",
        /// Supported or sheltered housing.
        SupportedHousing => "Supported or sheltered housing", "supported-housing",
        /// A hostel.
        Hostel => "Hostel", "hostel",
        /// A refuge: its location is withheld from the redacted copy whatever its handling mark,
        /// and the copy does not say how many are withheld.
        Refuge => "Refuge", "refuge",
        /// Anything else.
        Other => "Other", "other",
    }
}

/// A place where others may reach electors' post or assist with applications.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Hotspot {
    /// Stable identifier.
    pub id: HotspotId,
    /// The name of the place.
    pub name: String,
    /// What kind of place.
    pub kind: HotspotKind,
    /// Its address.
    pub address: String,
    /// How many electors are registered there.
    pub electors: u32,
    /// What the concern is.
    pub concern: String,
    /// What is done about it, e.g. a briefing for the warden or manager.
    pub mitigation: String,
    /// Who on site was briefed (a warden, a care-home manager).
    pub site_contact: String,
    /// When they were briefed.
    pub briefed_on: Option<NaiveDate>,
    /// Who in the elections team owns it.
    pub owner: Option<PersonId>,
    /// Which copies show it (its handling mark; see `model::redact` for what is withheld).
    #[serde(default = "super::entity::default_handling::<Hotspot>")]
    pub handling: super::Handling,
}
