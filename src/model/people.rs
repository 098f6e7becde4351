//! Section 2: people and roles — the contact directory.

use serde::{Deserialize, Serialize};

use super::ids::PersonId;
use super::labelled::labelled_enum;

labelled_enum! {
    /// The part a person plays in the election's integrity and security arrangements.
    pub enum Role {
        /// The Returning Officer.
        ReturningOfficer => "Returning Officer", "returning-officer",
        /// A Deputy Returning Officer.
        DeputyReturningOfficer => "Deputy Returning Officer", "deputy-returning-officer",
        /// The elections (electoral services) manager.
        ElectionsManager => "Elections manager", "elections-manager",
        /// An electoral services officer.
        ElectoralServicesOfficer => "Electoral services officer", "electoral-services-officer",
        /// The police election single point of contact.
        PoliceSpoc => "Police election SPOC", "police-spoc",
        /// The force elected-official adviser.
        Feoa => "Force elected-official adviser (FEOA)", "feoa",
        /// The Operation Bridger contact (security of elected representatives).
        OperationBridger => "Operation Bridger contact", "operation-bridger",
        /// The count manager.
        CountManager => "Count manager", "count-manager",
        /// A postal vote manager.
        PostalVoteManager => "Postal vote manager", "postal-vote-manager",
        /// A venue manager or keyholder.
        VenueManager => "Venue manager", "venue-manager",
        /// A presiding officer.
        PresidingOfficer => "Presiding officer", "presiding-officer",
        /// The contracted security provider.
        SecurityProvider => "Security provider", "security-provider",
        /// The communications lead.
        CommunicationsLead => "Communications lead", "communications-lead",
        /// The data protection officer.
        DataProtectionOfficer => "Data protection officer", "data-protection-officer",
        /// The emergency planning or resilience officer.
        EmergencyPlanning => "Emergency planning officer", "emergency-planning",
        /// The ballot paper printer's account manager.
        Printer => "Printer", "printer",
        /// The council's IT or cyber security lead.
        ItLead => "IT lead", "it-lead",
        /// The Senior Information Risk Owner (SIRO), who owns information risk for the council.
        Siro => "Senior Information Risk Owner (SIRO)", "siro",
        /// The electoral management software (EMS) supplier's support contact.
        EmsSupplier => "EMS supplier", "ems-supplier",
        /// Anyone else.
        Other => "Other", "other",
    }
}

labelled_enum! {
    /// What kind of telephone number this is.
    pub enum PhoneKind {
        /// A desk line.
        Office => "Office", "office",
        /// A mobile.
        Mobile => "Mobile", "mobile",
        /// A number for out of hours.
        OutOfHours => "Out of hours", "out-of-hours",
    }
}

/// One telephone number.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Phone {
    /// What kind of number.
    pub kind: PhoneKind,
    /// The number as dialled, e.g. "01632 960 123".
    pub number: String,
}

/// A person in the contact directory.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Person {
    /// Stable identifier.
    pub id: PersonId,
    /// Full name.
    pub name: String,
    /// Their part in the plan.
    pub role: Role,
    /// Their job title in their own organisation.
    pub job_title: String,
    /// Their organisation.
    pub organisation: String,
    /// Telephone numbers.
    pub phones: Vec<Phone>,
    /// Email address.
    pub email: String,
    /// Postal address, where one is needed.
    pub address: String,
    /// Who covers for them out of hours.
    pub out_of_hours_cover: Option<PersonId>,
    /// Which copies show their telephone numbers, email and address (their name and role are in
    /// both): the full copy only unless marked otherwise. Format 5's `personal_data` flag.
    #[serde(default = "super::entity::default_handling::<Person>")]
    pub handling: super::Handling,
}

impl Person {
    /// A new directory entry with only a name: any role, no contact details yet, and treated as
    /// personal data (withheld from redacted copies) until someone says otherwise.
    pub fn named(name: &str) -> Person {
        Person {
            id: PersonId::new(),
            name: name.to_owned(),
            role: Role::Other,
            job_title: String::new(),
            organisation: String::new(),
            phones: Vec::new(),
            email: String::new(),
            address: String::new(),
            out_of_hours_cover: None,
            handling: super::Handling::FullCopyOnly,
        }
    }

    /// Whether the directory gives any way to reach this person.
    pub fn has_contact_method(&self) -> bool {
        self.phones.iter().any(|p| !p.number.trim().is_empty()) || !self.email.trim().is_empty()
    }
}
