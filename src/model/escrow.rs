//! Where an escrow payment stands (contract §1).

use super::vocabulary::vocabulary;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

vocabulary! {
    /// Where an escrow payment stands (에스크로).
    #[derive(
        Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
    )]
    pub enum EscrowStatus (UnknownEscrowStatus, "escrow status") in model as array {
        /// Before the buyer confirms the purchase (구매 확정 전); what `escrow: true` means.
        BeforeConfirmation => "before_confirmation",
        /// The buyer confirmed the purchase (구매 확정).
        Confirmed => "confirmed",
        /// The buyer rejected the purchase (구매 거절).
        Rejected => "rejected",
    }
}
