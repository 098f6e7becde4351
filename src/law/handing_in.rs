//! Handing in postal voting documents: what the authorised person must (or may) reject, occasion by
//! occasion, under the Representation of the People (England and Wales) Regulations 2001
//! (SI 2001/341) reg. 82B and the Scottish regulations' (SI 2001/497) reg. 82B, for the contests
//! whose law has that scheme (`contests::HandingIn::Limit`). The editor's hand-in check and the
//! tests ask this one function.
//!
//! How the program reads the regulation:
//! - P's "own" documents are those issued to P, as elector or as proxy; proxy postal ballot papers
//!   are not counted among the "other electors" but lower the number (82B(2)).
//! - On a later occasion, 82B(1)(c) counts the other electors' documents P handed in earlier at the
//!   same election, disregarding rejected ones; the proxy papers P has handed in at the election so
//!   far, this occasion's included, lower the number.

/// The campaigner-handling offence, as Representation of the People Act 1983 s. 112A (inserted by
/// the Elections Act 2022 s. 4) states it, for the contests whose law has it.
pub const CAMPAIGNER_OFFENCE: &str = "A political campaigner who handles a postal voting document \
                                      issued to another person for use at the election commits an \
                                      offence (RPA 1983 s. 112A(1)), a corrupt practice (s. \
                                      112A(6)). It is no offence for those running the election or \
                                      working under the returning officer, postal operators, or \
                                      people whose duties include handling post for an \
                                      organisation or communal building (s. 112A(2)); nor for the \
                                      elector's spouse, civil partner, parent, grandparent, \
                                      brother, sister, child or grandchild, or someone who \
                                      provides regular care for them or works for an organisation \
                                      that does (s. 112A(3)). It is a defence that the person did \
                                      not dishonestly handle the document to promote a particular \
                                      outcome (s. 112A(4)).";

/// One occasion on which a person (P) hands in postal voting documents at one election.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Occasion {
    /// P hands in their own postal voting documents.
    pub own: bool,
    /// Documents of other electors (not issued to P).
    pub others: u32,
    /// Proxy postal ballot papers P completed as proxy.
    pub proxy_papers: u32,
    /// P fully completed the return of postal voting documents form.
    pub form_complete: bool,
    /// The authorised person knows or suspects P is committing an offence under RPA 1983 s. 112A.
    pub campaigner_suspected: bool,
}

/// What happens to the documents of one occasion.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    /// Every document is accepted.
    AcceptAll,
    /// 82B(1)(a): the return form is incomplete, so every document is rejected, P's own included.
    RejectAllFormIncomplete,
    /// 82B(1)(b): on this occasion P hands in more other electors' documents than the limit allows;
    /// all of them are rejected and P's own stand.
    RejectOthersOverLimit {
        /// The limit after 82B(2).
        limit: u32,
    },
    /// 82B(1)(c): with the documents P handed in earlier at this election, this batch takes P past
    /// the limit; the batch is rejected, P's own and the earlier accepted documents stand.
    RejectBatchPastLimit {
        /// The limit after 82B(2).
        limit: u32,
        /// Other electors' documents already accepted from P at this election.
        earlier: u32,
    },
}

impl Decision {
    /// The paragraph of reg. 82B that decides it, or `None` when everything is accepted.
    pub fn paragraph(self) -> Option<&'static str> {
        match self {
            Decision::AcceptAll => None,
            Decision::RejectAllFormIncomplete => Some("reg. 82B(1)(a)"),
            Decision::RejectOthersOverLimit { .. } => Some("reg. 82B(1)(b)"),
            Decision::RejectBatchPastLimit { .. } => Some("reg. 82B(1)(c)"),
        }
    }

    /// What the authorised person does, in a sentence.
    pub fn words(self) -> String {
        match self {
            Decision::AcceptAll => "Accept the documents".to_owned(),
            Decision::RejectAllFormIncomplete => {
                "Reject every document handed in, the person's own included: the return form is \
                 not fully completed (reg. 82B(1)(a))"
                    .to_owned()
            }
            Decision::RejectOthersOverLimit { limit } => format!(
                "Reject all the other electors' documents handed in now: more than {} (reg. \
                 82B(1)(b)); the person's own stand",
                others(limit)
            ),
            Decision::RejectBatchPastLimit { limit, earlier } => format!(
                "Reject this batch of other electors' documents: with the {earlier} accepted \
                 earlier at this election it takes the person past {limit} (reg. 82B(1)(c)); \
                 documents already accepted stand"
            ),
        }
    }
}

/// "1 other elector", "5 other electors".
fn others(n: u32) -> String {
    if n == 1 {
        "1 other elector".to_owned()
    } else {
        format!("{n} other electors")
    }
}

/// The verdict on one occasion.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Verdict {
    /// What must happen.
    pub decision: Decision,
    /// 82B(3): the authorised person may (not must) also reject a document they suspect is handed
    /// in in breach of RPA 1983 s. 112A.
    pub may_reject_as_campaigner: bool,
    /// Other electors' documents accepted from P at this election after this occasion.
    pub others_accepted: u32,
    /// Proxy postal ballot papers accepted from P at this election after this occasion.
    pub proxy_papers_accepted: u32,
}

/// The limit after 82B(2): `others` minus the proxy postal ballot papers handed in (never below
/// nought).
pub fn limit_after_proxies(others: u32, proxy_papers: u32) -> u32 {
    others.saturating_sub(proxy_papers)
}

/// The verdicts, in order, on the occasions one person hands in documents at one election, where
/// the law allows `others` other electors (5 under reg. 82B).
pub fn decide(others: u32, occasions: &[Occasion]) -> Vec<Verdict> {
    let mut others_accepted = 0u32;
    let mut proxy_papers_accepted = 0u32;
    occasions
        .iter()
        .map(|o| {
            let limit = limit_after_proxies(others, proxy_papers_accepted + o.proxy_papers);
            let decision = if !o.form_complete {
                Decision::RejectAllFormIncomplete
            } else if o.others > limit {
                Decision::RejectOthersOverLimit { limit }
            } else if others_accepted + o.others > limit {
                Decision::RejectBatchPastLimit {
                    limit,
                    earlier: others_accepted,
                }
            } else {
                Decision::AcceptAll
            };
            match decision {
                Decision::AcceptAll => {
                    others_accepted += o.others;
                    proxy_papers_accepted += o.proxy_papers;
                }
                Decision::RejectOthersOverLimit { .. } | Decision::RejectBatchPastLimit { .. } => {
                    proxy_papers_accepted += o.proxy_papers;
                }
                Decision::RejectAllFormIncomplete => {}
            }
            Verdict {
                decision,
                may_reject_as_campaigner: o.campaigner_suspected && o.others > 0,
                others_accepted,
                proxy_papers_accepted,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const FIVE: u32 = 5;

    fn hand_in(others: u32) -> Occasion {
        Occasion {
            own: true,
            others,
            proxy_papers: 0,
            form_complete: true,
            campaigner_suspected: false,
        }
    }

    /// reg. 82B(1)(a): an incomplete return form rejects everything, the person's own included.
    #[test]
    fn an_incomplete_form_rejects_every_document_82b_1_a() {
        let v = decide(
            FIVE,
            &[Occasion {
                form_complete: false,
                ..hand_in(1)
            }],
        );
        assert_eq!(v[0].decision, Decision::RejectAllFormIncomplete);
        assert_eq!(v[0].decision.paragraph(), Some("reg. 82B(1)(a)"));
        assert_eq!(v[0].others_accepted, 0);
        let own_only = decide(
            FIVE,
            &[Occasion {
                form_complete: false,
                ..hand_in(0)
            }],
        );
        assert_eq!(
            own_only[0].decision,
            Decision::RejectAllFormIncomplete,
            "even P's own alone"
        );
    }

    /// reg. 82B(1)(b): on one occasion, five others stand and a sixth rejects all the others'.
    #[test]
    fn more_than_five_others_at_once_rejects_all_the_others_82b_1_b() {
        assert_eq!(decide(FIVE, &[hand_in(5)])[0].decision, Decision::AcceptAll);
        let v = decide(FIVE, &[hand_in(6)]);
        assert_eq!(v[0].decision, Decision::RejectOthersOverLimit { limit: 5 });
        assert_eq!(
            v[0].others_accepted, 0,
            "all six rejected, not just the sixth"
        );
        assert!(v[0].decision.words().contains("own stand"));
    }

    /// reg. 82B(1)(c): a later batch that takes P past five is rejected; earlier accepted ones
    /// stand; rejected documents are disregarded when counting.
    #[test]
    fn a_later_batch_past_five_is_rejected_and_earlier_ones_stand_82b_1_c() {
        let v = decide(FIVE, &[hand_in(3), hand_in(3), hand_in(2)]);
        assert_eq!(v[0].decision, Decision::AcceptAll);
        assert_eq!(
            v[1].decision,
            Decision::RejectBatchPastLimit {
                limit: 5,
                earlier: 3
            }
        );
        assert_eq!(v[1].others_accepted, 3, "the first three stand");
        assert_eq!(
            v[2].decision,
            Decision::AcceptAll,
            "the rejected batch is disregarded: 3 + 2 is five"
        );
        assert_eq!(v[2].others_accepted, 5);
        let after = decide(FIVE, &[hand_in(5), hand_in(1)]);
        assert_eq!(after[1].decision.paragraph(), Some("reg. 82B(1)(c)"));
        // An occasion rejected under (a) is disregarded too.
        let v = decide(
            FIVE,
            &[
                Occasion {
                    form_complete: false,
                    ..hand_in(5)
                },
                hand_in(5),
            ],
        );
        assert_eq!(v[1].decision, Decision::AcceptAll);
    }

    /// reg. 82B(2): each proxy postal ballot paper handed in lowers five by one.
    #[test]
    fn proxy_papers_lower_the_limit_82b_2() {
        let two_proxies = |others| Occasion {
            proxy_papers: 2,
            ..hand_in(others)
        };
        assert_eq!(
            decide(FIVE, &[two_proxies(3)])[0].decision,
            Decision::AcceptAll,
            "2 proxy papers and 3 others"
        );
        assert_eq!(
            decide(FIVE, &[two_proxies(4)])[0].decision,
            Decision::RejectOthersOverLimit { limit: 3 }
        );
        // Proxy papers handed in earlier at the same election still count.
        let v = decide(FIVE, &[two_proxies(0), hand_in(4)]);
        assert_eq!(
            v[1].decision,
            Decision::RejectOthersOverLimit { limit: 3 },
            "five minus the two proxy papers already handed in"
        );
        assert_eq!(limit_after_proxies(5, 9), 0, "never below nought");
    }

    /// reg. 82B(3): suspicion of a s. 112A offence allows rejection but does not require it.
    #[test]
    fn a_suspected_campaigner_may_be_rejected_not_must_82b_3() {
        let v = decide(
            FIVE,
            &[Occasion {
                campaigner_suspected: true,
                ..hand_in(2)
            }],
        );
        assert_eq!(v[0].decision, Decision::AcceptAll, "no duty to reject");
        assert!(v[0].may_reject_as_campaigner);
        assert!(!decide(FIVE, &[hand_in(2)])[0].may_reject_as_campaigner);
    }
}
