//! `refund-policy` tells a refund service, before it calls a payment provider, whether a
//! refund will go through, and why not.
//!
//! Korean merchants take payments through PortOne (V1 and V2), Bootpay and Toss Payments, and
//! every provider, PG and payment method has refund rules of its own: mobile micropayments only
//! in the month of payment (Korean time), card refunds within a year (180 days at Bootpay, six
//! months at KSNET), virtual-account refunds only with a special contract, a refund account and
//! a 300 KRW fee, partial cancels only at some PGs. [`can_refund`] answers first, with **every**
//! reason, the policy rule each came from, the numbers behind it and the error the provider
//! itself would have returned.
//!
//! ```
//! use refund_policy::{Decimal, can_refund};
//! use refund_policy::model::{Method, Payment, Provider, RefundRequest, parse_instant};
//!
//! // A mobile micropayment made at 23:30 on January 31st, Korean time...
//! let paid_at = parse_instant("2026-01-31T23:30:00+09:00").unwrap();
//! let payment = Payment::paid(Provider::PortoneV2, Method::Mobile, Decimal::from(10000), paid_at);
//! let request = RefundRequest { reason: Some("고객 요청".into()), ..Default::default() };
//!
//! // ...cannot be refunded forty minutes later: it is February in Seoul.
//! let now = parse_instant("2026-02-01T00:10:00+09:00").unwrap();
//! let decision = can_refund(&payment, &request, now);
//! assert!(!decision.is_allowed());
//! let reason = &decision.reasons()[0];
//! assert_eq!(reason.code().as_str(), "MONTH_CHANGED");
//! assert_eq!(reason.rule().as_str(), "portone_v2 › mobile › same_month");
//! assert_eq!(reason.provider_error().unwrap().name.as_ref(), "PG_PROVIDER");
//! assert_eq!(decision.note_codes()[0].as_str(), "MANUAL_REFUND");
//! ```
//!
//! # What it does
//!
//! - Reads the normalized payment, request and merchant profile of the contract
//!   ([`model`], [`input`]), amounts exactly as decimals, instants with their offsets.
//! - Reads the providers' own payment objects and cancel bodies too ([`adapters`]): PortOne V2
//!   and V1, Bootpay and Toss Payments, with nothing guessed.
//! - Loads refund rules from YAML policies ([`policy`]): built-in ones for each provider,
//!   embedded at compile time, or your own. Loading reports every problem with its file, line
//!   and column, and compiles the rules so that deciding never parses.
//! - Decides in one pass ([`Engine::decide`]): the verdict is read off the reasons found, so the
//!   explanation cannot drift from it ([`decision`]). Messages come in Korean and English
//!   ([`messages`]).
//! - Screens many refunds at once ([`Engine::screen`]): the verdict and reason codes alone,
//!   from the same checks, for finding which of a merchant's refunds would fail and why.
//!
//! # What it does not do
//!
//! - It reads no file, network, environment or clock: `now` is an argument, policies are text.
//! - It cannot see what only the provider knows at the moment of the call: the merchant's PG
//!   settlement balance, per-merchant cancel limits, bank maintenance hours, a cancel made
//!   directly at the PG's console. The provider's answer stays final; this crate predicts it.
//! - It does not call providers, and does not compute promotion discounts or card-issuer
//!   exceptions the sources do not document.
//!
//! # What it costs
//!
//! - A decision on loaded policies takes a tenth to a fifth of a microsecond on a current server
//!   core. For a payment whose PG and easy-pay service the policy knows, it allocates nothing
//!   when it allows the refund or denies it for one reason. A [`Screening`] costs about two thirds
//!   of that.
//! - Loading the built-in policies takes about a millisecond, once per process
//!   ([`Engine::builtin`]); keep the [`Engine`] and decide with it as often as you like.
//! - These figures are for a release build optimized at link time. Set the same in your own
//!   binary's `Cargo.toml`, or expect decisions about a fifth slower:
//!
//!   ```toml
//!   [profile.release]
//!   lto = "fat"
//!   codegen-units = 1
//!   ```
//!
//!   The repository's `DESIGN.md` ("Performance") has the measurements and how to repeat them.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod adapters;
pub mod calendar;
mod case;
pub mod decision;
mod digits;
mod engine;
pub mod input;
mod lang;
pub mod messages;
pub mod model;
pub mod options;
pub mod policy;
mod rules;
pub mod suggest;
mod yaml;

pub use case::{Case, Expectation, Outcome};
pub use decision::{Decision, Screening};
pub use engine::Engine;
pub use options::RefundOptions;
pub use policy::{LoadError, PolicySet, PolicySource, Problem};
pub use yaml::Location;

/// The amount type every amount of the API is: re-exported, so that a caller needs no
/// dependency of its own on `rust_decimal` (nor one of another version).
pub use rust_decimal::Decimal;

/// The time types of the API: `now` and every instant are [`DateTime<Utc>`], and a decision's
/// days (the last refundable day, the day of payment) are local [`NaiveDate`]s in the policy's
/// time zone. Re-exported, so that a caller needs no dependency of its own on `chrono`.
///
/// ```
/// use refund_policy::{DateTime, Decimal, Utc, can_refund};
/// use refund_policy::model::{Method, Payment, Provider, RefundRequest};
///
/// let paid_at: DateTime<Utc> = "2026-03-02T01:00:00Z".parse().unwrap();
/// let payment = Payment::paid(Provider::PortoneV2, Method::Card, Decimal::from(10000), paid_at);
/// let request = RefundRequest { reason: Some("고객 요청".into()), ..Default::default() };
/// let decision = can_refund(&payment, &request, paid_at);
/// assert!(decision.is_allowed());
/// assert_eq!(decision.refund().amount, Decimal::from(10000));
/// ```
pub use chrono::{DateTime, NaiveDate, Utc};

/// The README's examples, compiled and run as tests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeExamples;

use model::{MerchantProfile, Payment, RefundRequest};

/// Decides whether `request` can refund `payment` at `now`, with the built-in policies and a
/// merchant without special contracts.
///
/// Use an [`Engine`] to pass the merchant's contracts or to load your own policies.
pub fn can_refund(payment: &Payment, request: &RefundRequest, now: DateTime<Utc>) -> Decision {
    let merchant = MerchantProfile::default();
    match Engine::builtin() {
        Ok(engine) => engine.decide(payment, request, &merchant, now),
        // Unreachable once the crate's tests pass; answering NO_POLICY keeps it panic-free.
        Err(_) => Engine::new(PolicySet::empty()).decide(payment, request, &merchant, now),
    }
}
