//! The reading limits, in one place.
//!
//! Every document the crate reads — a policy, a payment, a refund request, a merchant profile, a
//! case, a provider's payload — is checked against these limits before the work they bound: the
//! size before parsing, the parser's budgets while it reads, so that a hostile document is
//! refused early and cheaply instead of being read and then rejected. The limits are far above
//! anything legitimate: the built-in policies are at most 20 KiB and about 1,000 nodes, nest 7
//! levels deep and use 18 aliases; a payment is a few KiB.
//!
//! A document over a limit is an [`InputError`](super::InputError) of kind
//! [`InputErrorKind::Limit`](super::InputErrorKind::Limit) naming the document and the limit (a
//! policy file over one is a load problem with the same message).
//!
//! ```
//! use refund_policy::input::{self, InputErrorKind, Limit, limits};
//! let text = format!("reason: '{}'", "x".repeat(limits::MAX_INPUT_BYTES));
//! let error = input::request(&text).unwrap_err();
//! assert!(matches!(error.kind(), InputErrorKind::Limit { limit: Limit::Bytes { .. }, .. }));
//! ```

/// The largest policy file, in bytes.
pub const MAX_POLICY_BYTES: usize = 1024 * 1024;

/// The largest payment, request, merchant profile, case or provider payload, in bytes.
pub const MAX_INPUT_BYTES: usize = 256 * 1024;

/// The most nodes (scalars, lists and maps) one document may hold, aliases expanded.
pub const MAX_NODES: usize = 20_000;

/// How deep lists and maps may nest.
pub const MAX_DEPTH: usize = 32;

/// The most aliases (`*name`) one document may use.
pub const MAX_ALIASES: usize = 1_000;

/// The most anchors (`&name`) one document may define.
pub const MAX_ANCHORS: usize = 1_000;

/// The most parser events aliases may replay in one document: what bounds an alias bomb.
pub const MAX_ALIAS_EXPANSION: usize = 10_000;

/// The most parser events one document may produce.
pub const MAX_EVENTS: usize = 200_000;

// What a policy may hold, checked after reading and before its scopes are laid over each
// other: the table of rules a policy compiles to has an entry for every method, easy-pay
// service and PG, so these bound its size (at most 501 × 2,000 entries a method) as the node
// limit alone would not. Each is many times what a real policy needs: the built-in PortOne
// policies, the largest, know 56 PG ids and 56 easy-pay services and set about 50 rules.

/// The most PG ids a policy's `pgs.known` may list.
pub const MAX_PGS: usize = 2_000;

/// The most entries one `at_pg` map may have.
pub const MAX_PG_ENTRIES: usize = 2_000;

/// The most easy-pay services a policy's `easy_pay_providers.known` may list, and the most
/// `providers` scopes `methods.easy_pay` may have.
pub const MAX_EASY_PAY_SERVICES: usize = 500;

/// The most rules one policy may set, counting each rule kind set in each scope (and each
/// `partial_refund` restriction) once.
pub const MAX_RULES: usize = 5_000;
