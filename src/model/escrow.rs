//! Where an escrow payment stands (contract §1).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Where an escrow payment stands (에스크로).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum EscrowStatus {
    /// Before the buyer confirms the purchase (구매 확정 전); what `escrow: true` means.
    BeforeConfirmation,
    /// The buyer confirmed the purchase (구매 확정).
    Confirmed,
    /// The buyer rejected the purchase (구매 거절).
    Rejected,
}

impl EscrowStatus {
    /// The contract's id (`before_confirmation`).
    pub fn id(self) -> &'static str {
        match self {
            EscrowStatus::BeforeConfirmation => "before_confirmation",
            EscrowStatus::Confirmed => "confirmed",
            EscrowStatus::Rejected => "rejected",
        }
    }
}

impl fmt::Display for EscrowStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}
