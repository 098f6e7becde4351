//! Issuing copies of the plan and recording agreements to them: the log of issued copies, the
//! agreement that approves one, and what changed since.

use chrono::NaiveDate;

use super::{
    Agreement, AgreementMethod, CopyKind, Fingerprint, IssuedCopy, IssuedCopyId, Plan, Section,
    SignOff, SignOffRole,
};

impl Plan {
    /// How many full copies the distribution list gives out (the 7 of "Copy 3 of 7").
    pub fn full_copies(&self) -> usize {
        self.overview
            .distribution
            .iter()
            .filter(|d| d.copy == CopyKind::Full)
            .count()
    }

    /// The copy number of distribution-list entry `index` among the full copies (from 1), if it
    /// receives a full copy.
    pub fn copy_number(&self, index: usize) -> Option<usize> {
        let entry = self.overview.distribution.get(index)?;
        (entry.copy == CopyKind::Full).then(|| {
            self.overview.distribution[..index]
                .iter()
                .filter(|d| d.copy == CopyKind::Full)
                .count()
                + 1
        })
    }

    /// Logs a copy of the plan as issued on `date` (see [`Plan::copy_for`]) and returns it.
    pub fn issue_copy(
        &mut self,
        profile: CopyKind,
        recipient: Option<usize>,
        date: NaiveDate,
    ) -> IssuedCopy {
        let copy = self.copy_for(profile, recipient, date);
        self.overview.issued_copies.push(copy.clone());
        copy
    }

    /// A copy of the plan as it would be issued on `date` in `profile` to distribution-list entry
    /// `recipient` (if any), with the plan's version and fingerprint as they are now, without
    /// logging it. A full copy to a listed full-copy recipient is numbered.
    pub fn copy_for(
        &self,
        profile: CopyKind,
        recipient: Option<usize>,
        date: NaiveDate,
    ) -> IssuedCopy {
        let entry = recipient.and_then(|i| self.overview.distribution.get(i).map(|d| (i, d)));
        let name = entry.map(|(_, d)| {
            if d.organisation.trim().is_empty() {
                d.recipient.clone()
            } else {
                format!("{}, {}", d.recipient, d.organisation)
            }
        });
        let number = match (profile, entry) {
            (CopyKind::Full, Some((i, _))) => self.copy_number(i),
            _ => None,
        };
        IssuedCopy {
            id: IssuedCopyId::new(),
            version: self.overview.version.clone(),
            date,
            profile,
            recipient: name,
            copy_number: number.and_then(|n| u32::try_from(n).ok()),
            copies: number.and_then(|_| u32::try_from(self.full_copies()).ok()),
            fingerprint: Fingerprint::of(self),
        }
    }

    /// The issued copy with this id.
    pub fn issued_copy(&self, id: IssuedCopyId) -> Option<&IssuedCopy> {
        self.overview.issued_copies.iter().find(|c| c.id == id)
    }

    /// Records `role`'s agreement to issued copy `copy`: the copy's version and fingerprint are
    /// kept with it. An earlier agreement by the same role is kept as superseded. Returns false,
    /// changing nothing, when there is no such copy.
    pub fn agree(
        &mut self,
        role: SignOffRole,
        copy: IssuedCopyId,
        given: AgreementMethod,
        reference: &str,
        date: NaiveDate,
    ) -> bool {
        let Some(issued) = self.issued_copy(copy).cloned() else {
            return false;
        };
        let agreement = Agreement {
            copy: Some(copy),
            version: issued.version,
            given,
            reference: reference.to_owned(),
            date,
            fingerprint: Some(issued.fingerprint),
        };
        let sign_off = self.sign_off_mut(role);
        if let Some(old) = sign_off.agreement.replace(agreement) {
            sign_off.superseded.push(old);
        }
        true
    }

    /// The sign-off for `role`, added if the plan has none.
    pub fn sign_off_mut(&mut self, role: SignOffRole) -> &mut SignOff {
        let o = &mut self.overview;
        let i = match o.sign_offs.iter().position(|s| s.role == role) {
            Some(i) => i,
            None => {
                o.sign_offs.push(SignOff {
                    role,
                    person: None,
                    agreement: None,
                    superseded: Vec::new(),
                });
                o.sign_offs.len() - 1
            }
        };
        &mut o.sign_offs[i]
    }
}

impl Agreement {
    /// The sections whose arrangements changed in `plan` since this agreement, in the plan's
    /// order; none when the agreement is not bound to content.
    pub fn changed_in(&self, plan: &Plan) -> Option<Vec<Section>> {
        self.changed_against(&Fingerprint::of(plan))
    }

    /// The sections whose fingerprint differs from `current`, the plan's fingerprint as already
    /// computed (a redacted copy compares the whole plan's, not its own cut-down one); `None` for
    /// an agreement not bound to content.
    pub fn changed_against(&self, current: &Fingerprint) -> Option<Vec<Section>> {
        let agreed = self.fingerprint.as_ref()?;
        Some(current.changed_since(agreed))
    }

    /// "version 1.1 agreed 15 March 2027" (or "the agreement of 15 March 2027" without a
    /// version).
    pub fn describe(&self) -> String {
        let date = self.date.format("%-d %B %Y");
        if self.version.trim().is_empty() {
            format!("the agreement of {date}")
        } else {
            format!("version {} agreed {date}", self.version.trim())
        }
    }
}

/// Section names joined for a sentence: "People and roles, Safety concerns and escalation".
pub fn section_list(sections: &[Section]) -> String {
    sections
        .iter()
        .map(|s| s.label())
        .collect::<Vec<_>>()
        .join(", ")
}
