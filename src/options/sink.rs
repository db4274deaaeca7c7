//! Where rules write what they constrain when asked for options: the reasons that deny a
//! request of this shape (into the same [`Sink`] a decision uses, so a rule can reuse its
//! check), and what a request must carry: fields, limits, bank codes, contracts.

use super::{AfterDeadline, BankCodes, CancelsLeft, ContractNeed, FieldRule, TaxableLimit};
use crate::decision::{AccountField, ContractName, RuleId};
use crate::engine::{Context, Sink};
use crate::policy::CompiledPolicy;
use crate::rules::FieldFormat;

/// What the rules say about one request shape (a full or a partial refund).
pub(crate) struct OptionsSink<'p> {
    policy: &'p CompiledPolicy,
    /// Reasons that deny a request of this shape, notes, the last refundable day.
    pub(crate) found: Sink<'p>,
    pub(crate) fields: Vec<FieldRule>,
    pub(crate) bank_codes: Option<BankCodes>,
    pub(crate) contracts: Vec<ContractNeed>,
    pub(crate) cancels_left: Option<CancelsLeft>,
    pub(crate) taxable_limit: Option<TaxableLimit>,
    pub(crate) after: Vec<(RuleId, AfterDeadline)>,
    account_format: Option<(RuleId, [FieldFormat; 3])>,
}

impl<'p> OptionsSink<'p> {
    pub(crate) fn new(policy: &'p CompiledPolicy) -> OptionsSink<'p> {
        OptionsSink {
            policy,
            found: Sink::new(policy),
            fields: Vec::new(),
            bank_codes: None,
            contracts: Vec::new(),
            cancels_left: None,
            taxable_limit: None,
            after: Vec::new(),
            account_format: None,
        }
    }

    /// The sink a rule's `check` writes to: what it finds denies every request of this shape.
    pub(crate) fn sink(&mut self) -> &mut Sink<'p> {
        &mut self.found
    }

    /// A request field the rule constrains; a field named twice keeps its first rule, and is
    /// required if either says so.
    pub(crate) fn field(
        &mut self,
        field: &'static str,
        rule: &RuleId,
        required: bool,
        max_chars: Option<u32>,
    ) {
        if let Some(known) = self.fields.iter_mut().find(|f| f.field == field) {
            known.required |= required;
            known.max_chars = known.max_chars.or(max_chars);
            return;
        }
        self.fields.push(FieldRule {
            field,
            rule: rule.clone(),
            required,
            max_chars,
            digits_only: false,
        });
    }

    /// The request must give a refund account: its bank, number, holder name and, where
    /// `phone`, the holder's phone; and the bank must be one the PG's table has a code for.
    pub(crate) fn refund_account(&mut self, cx: &Context<'_>, rule: &RuleId, phone: bool) {
        let phone = phone.then_some(AccountField::HolderPhone);
        let fields = [
            Some(AccountField::Bank),
            Some(AccountField::Number),
            Some(AccountField::HolderName),
            phone,
        ];
        for field in fields.into_iter().flatten() {
            self.field(path(field), rule, true, None);
        }
        let table = self
            .policy
            .bank_tables
            .get(cx.pg)
            .and_then(Option::as_deref);
        if let (None, Some(table)) = (&self.bank_codes, table) {
            self.bank_codes = Some(BankCodes {
                rule: table.meta.id.clone(),
                table: table.name.clone(),
                codes: table
                    .codes()
                    .map(|(bank, code)| (bank, code.clone()))
                    .collect(),
            });
        }
    }

    /// The limits on a refund account's number, holder name and phone, wherever one is used.
    pub(crate) fn account_format(&mut self, rule: &RuleId, formats: [FieldFormat; 3]) {
        self.account_format = Some((rule.clone(), formats));
    }

    /// A contract the merchant lacks for a refund of this shape.
    pub(crate) fn contract(&mut self, rule: &RuleId, contract: &ContractName) {
        if !self.contracts.iter().any(|c| c.contract.id == contract.id) {
            self.contracts.push(ContractNeed {
                contract: contract.clone(),
                rule: rule.clone(),
            });
        }
    }

    /// The PG takes `limit` partial cancels, of which `succeeded` are used.
    pub(crate) fn partial_cancels(&mut self, rule: &RuleId, limit: u32, succeeded: u32) {
        self.cancels_left = Some(CancelsLeft {
            rule: rule.clone(),
            limit,
            succeeded,
            left: limit.saturating_sub(succeeded),
        });
    }

    /// A partial refund's taxable part may be at most `taxable_balance`.
    pub(crate) fn taxable_limit(&mut self, rule: &RuleId, taxable_balance: rust_decimal::Decimal) {
        self.taxable_limit = Some(TaxableLimit {
            rule: rule.clone(),
            taxable_balance,
        });
    }

    /// What happens after the last refundable day `rule` sets.
    pub(crate) fn after_deadline(&mut self, rule: &RuleId, after: AfterDeadline) {
        self.after.push((rule.clone(), after));
    }

    /// Applies the account format's limits to the account fields required.
    pub(crate) fn settle_fields(&mut self) {
        let Some((_, [number, holder_name, holder_phone])) = self.account_format.take() else {
            return;
        };
        for (field, format) in [
            (AccountField::Number, number),
            (AccountField::HolderName, holder_name),
            (AccountField::HolderPhone, holder_phone),
        ] {
            let limited = format.max_chars.is_some() || format.digits_only;
            if let Some(known) = self.fields.iter_mut().find(|f| f.field == path(field))
                && limited
            {
                known.max_chars = format.max_chars.or(known.max_chars);
                known.digits_only |= format.digits_only;
            }
        }
    }
}

/// The field's path in the request (contract §2).
fn path(field: AccountField) -> &'static str {
    match field {
        AccountField::Bank => "refund_account.bank",
        AccountField::Number => "refund_account.number",
        AccountField::HolderName => "refund_account.holder_name",
        AccountField::HolderPhone => "refund_account.holder_phone",
    }
}
