//! The command line's exit codes, as the contract (`docs/contract.md` §7) fixes them: a script
//! branches on them, so each has one name here and no command writes the number itself.

/// `check` found a failing case; `policies validate` found problems in the policy files.
pub(crate) const FAILED: u8 = 1;

/// An input, a case file or a path could not be read, or the policies to decide with did not
/// load; one line on standard error says which and why.
pub(crate) const UNREADABLE: u8 = 2;

/// `--fail-on-deny` was given and a decision denied the refund.
pub(crate) const DENIED: u8 = 3;
