// Types of the `refund-policy` package. Field names and values are the contract's (the
// project's docs/contract): snake_case fields, snake_case enum values, upper-case codes.

/** An amount in the currency's major unit. Decisions give a number when it is exact as one, else a string. */
export type Amount = number | string;

export type Provider = 'portone_v2' | 'portone_v1' | 'bootpay' | 'toss_payments';
export type Format = 'normalized' | Provider;
export type Lang = 'ko' | 'en';
export type Method =
  | 'card' | 'transfer' | 'virtual_account' | 'mobile' | 'easy_pay' | 'gift_certificate' | 'convenience_store' | 'crypto';
export type PaymentStatus =
  | 'ready' | 'pending' | 'virtual_account_issued' | 'paid' | 'partially_cancelled' | 'cancelled' | 'failed';

/** A normalized payment (contract §1). */
export interface Payment {
  provider: Provider;
  pg?: string | null;
  method: Method;
  easy_pay?: { provider: string; funding?: 'card' | 'money' | 'transfer' | 'point' | null } | null;
  card?: { type?: 'credit' | 'debit' | 'gift' | 'prepaid' | null; foreign?: boolean; point_used?: boolean } | null;
  status: PaymentStatus;
  currency?: string;
  amount: { total: Amount; tax_free?: Amount; vat?: Amount | null; cancelled?: Amount; cancelled_tax_free?: Amount };
  paid_at?: string | null;
  escrow?: boolean;
  partial_cancelable?: boolean | null;
  cancellations?: Array<{ id: string; amount: Amount; status: 'requested' | 'succeeded' | 'failed'; cancel_id?: string | null }>;
}

/** A normalized refund request (contract §2). */
export interface RefundRequest {
  amount?: Amount | null;
  tax_free_amount?: Amount | null;
  vat_amount?: Amount | null;
  reason?: string | null;
  requester?: 'customer' | 'admin' | null;
  current_cancellable_amount?: Amount | null;
  refund_account?: { bank: string; number?: string | null; holder_name?: string | null; holder_phone?: string | null } | null;
  cancel_id?: string | null;
}

/** The merchant's special contracts (contract §3). */
export interface MerchantProfile {
  contracts?: string[];
}

/** JSON or YAML text, or the value itself. */
export type Input<T> = string | T;

// The decision and the options are checked against the JSON Schemas the library publishes
// (schemas/decision.schema.json, schemas/options.schema.json): each interface below named after
// a schema definition has exactly its properties, optional exactly where the schema does not
// require them (test/node/types.test.js).

/** The error a provider would return (a decision's or the options' `provider_error`). */
export interface ProviderErrorEntry {
  name: string;
  code?: number | null;
}
export type ProviderError = ProviderErrorEntry;

/** Why a refund is denied (contract §4). */
export interface ReasonEntry {
  code: string;
  rule: string;
  message: string;
  provider_error?: ProviderErrorEntry | null;
  details: Record<string, unknown>;
}
export type Reason = ReasonEntry;

/** What a refund carries beside its verdict (contract §4.3). */
export interface NoteEntry {
  code: string;
  rule: string;
  message: string;
  details: Record<string, unknown>;
}
export type Note = NoteEntry;

/** The amounts of a decision. */
export interface Refund {
  amount: Amount;
  partial: boolean;
  remaining_after: Amount;
  balance: Amount;
  tax_free_balance: Amount;
  currency: string;
}

/** A decision's deadline. */
export interface Deadline {
  rule: string;
  kind: 'within' | 'same_month';
  paid_on: string;
  last_refundable_day: string;
  within?: string | null;
  time_zone: string;
}

/** The refund account's bank and the code the PG takes for it. */
export interface RefundAccount {
  bank: string;
  bank_code?: string | null;
  code_table?: string | null;
}

/** A refund's fee. */
export interface FeeEntry {
  amount: Amount;
  currency: string;
}

/** Business days a refund takes. */
export interface ProcessingDays {
  min: number;
  max: number;
}

/** A decision in the contract's JSON shape (contract §4). */
export interface Decision {
  verdict: 'allow' | 'deny';
  reasons: ReasonEntry[];
  notes: NoteEntry[];
  refund: Refund;
  deadline?: Deadline | null;
  refund_account?: RefundAccount | null;
  fee?: FeeEntry | null;
  processing_days?: ProcessingDays | null;
  provider: Provider;
  policy?: string | null;
  now: string;
}

/** Refund options in the contract's JSON shape (contract §8), as `refund-policy options --format json` prints them. */
export interface OptionsReport {
  /** Whether any refund can pass now; `false` exactly when `blocking` is not empty. */
  refundable: boolean;
  /** The reasons that deny every request now. */
  blocking: ReasonEntry[];
  /** The most a request may ask. */
  max_amount: Amount;
  /** Whether an amount below `max_amount` can pass. */
  partial_allowed: boolean;
  /** The last day a refund is in time (local date), or null when no deadline applies. */
  last_refundable_day: string | null;
  /** The request's field paths a request must carry. */
  required_fields: string[];
  /** The contract ids the merchant lacks for a full refund. */
  missing_contracts: string[];
  /** The notes a full refund would carry. */
  notes: NoteEntry[];
  full_only: boolean;
  /** The contract ids the merchant lacks for a partial refund, beyond `missing_contracts`. */
  missing_contracts_partial: string[];
  partial: PartialEntry;
  balance: Amount;
  tax_free_balance: Amount;
  amount_unit: Amount;
  currency: string;
  /** Every request field a rule constrains, required or not, with its limits. */
  fields: FieldEntry[];
  refund_account_banks?: BankCodesEntry | null;
  deadline?: DeadlineEntry | null;
  fee?: FeeEntry | null;
  /** How long a full refund takes, and when it is expected to reach the customer. */
  processing?: CompletionEntry | null;
  provider: Provider;
  method: Method;
  pg?: string | null;
  policy?: string | null;
  now: string;
}

/** What a partial refund faces. */
export interface PartialEntry {
  allowed: boolean;
  refused: ReasonEntry[];
  cancels_left?: CancelsLeftEntry | null;
  taxable_limit?: TaxableLimitEntry | null;
  notes?: NoteEntry[] | null;
  processing?: CompletionEntry | null;
}

/** Partial cancels left, where the PG counts them. */
export interface CancelsLeftEntry {
  rule: string;
  limit: number;
  succeeded: number;
  left: number;
}

/** The most a partial refund's taxable part may be. */
export interface TaxableLimitEntry {
  rule: string;
  taxable_balance: Amount;
}

/** A request field a rule constrains. */
export interface FieldEntry {
  field: string;
  rule: string;
  required: boolean;
  max_chars?: number | null;
  digits_only: boolean;
}

/** The bank codes a PG takes for the refund account: bank name to code. */
export interface BankCodesEntry {
  rule: string;
  table: string;
  codes: Record<string, string>;
}

/** The last refundable day, the days left, and what happens after it. */
export interface DeadlineEntry {
  rule: string;
  kind: 'within' | 'same_month';
  paid_on: string;
  last_refundable_day: string;
  within?: string | null;
  /** Negative once passed. */
  days_left: number;
  time_zone: string;
  after: 'manual_refund' | 'refund_to_account';
}

/** Processing time, and the expected completion dates on the business-day calendar. */
export interface CompletionEntry {
  rule: string;
  min_business_days: number;
  max_business_days: number;
  expected_earliest?: string | null;
  expected_by?: string | null;
  /** Why no date is given. */
  no_date?: string | null;
}

export interface DecideArgs {
  payment: Input<Payment | Record<string, unknown>>;
  paymentFormat?: Format;
  request?: Input<RefundRequest | Record<string, unknown>>;
  requestFormat?: Format;
  merchant?: Input<MerchantProfile>;
  /** The moment of the decision; the current time when absent. */
  now?: string | Date;
  lang?: Lang;
}

export interface OptionsArgs {
  payment: Input<Payment | Record<string, unknown>>;
  paymentFormat?: Format;
  merchant?: Input<MerchantProfile>;
  /** The moment the options hold for; the current time when absent. */
  now?: string | Date;
  lang?: Lang;
}

export interface PolicySource {
  name: string;
  text: string;
}

export interface Problem {
  file: string;
  line: number;
  column: number;
  message: string;
  help?: string;
  /** `FILE:LINE:COLUMN: message (hint)` */
  text: string;
}

export interface RuleLine {
  rule: string;
  says: string;
  source: string;
  unverified: string | null;
  comment: string | null;
}

export interface ShownPolicy {
  provider: Provider;
  policy: string;
  title: string | null;
  time_zone: string;
  effective: Array<{ method: Method; service: string | null; pgs: string[]; rules: RuleLine[] }>;
  no_policy: Method[];
  /** The policy document as loaded (see policies/policy.schema.json). */
  document: Record<string, unknown> & { provider_errors: Record<string, { name?: string; code?: number | string; none?: string }>; sources: Record<string, { title: string; url?: string; path?: string }> };
}

export interface CaseParts {
  name: string;
  now: string;
  merchant: MerchantProfile;
  payment: Payment;
  request: RefundRequest;
  expect: { verdict: 'allow' | 'deny'; reasons?: string[]; notes?: string[]; refund_amount?: Amount };
}

export interface OptionsCaseParts {
  name: string;
  now: string;
  merchant: MerchantProfile;
  payment: Payment;
  expect_options: {
    refundable: boolean;
    blocking?: string[];
    max_amount?: Amount;
    partial_allowed?: boolean;
    partial_refused?: string[];
    last_refundable_day?: string | null;
    required_fields?: string[];
    missing_contracts?: string[];
    notes?: string[];
    expected_by?: string;
  };
}

export type ErrorKind = 'InputError' | 'InstantError' | 'LoadError' | 'UnknownFormat' | 'UnknownProvider' | 'UnknownLanguage';

export class RefundPolicyError extends Error {
  readonly kind: ErrorKind;
  /** The argument at fault: payment, request, merchant, now, case, lang, payment_format, request_format, provider, policies. */
  readonly input: string;
  readonly help?: string;
  readonly line?: number;
  readonly column?: number;
}
export class InputError extends RefundPolicyError {}
export class InstantError extends RefundPolicyError {}
export class LoadError extends RefundPolicyError {
  readonly problems: Problem[];
}
export class UnknownFormat extends RefundPolicyError {}
export class UnknownProvider extends RefundPolicyError {}
export class UnknownLanguage extends RefundPolicyError {}

export const formats: readonly Format[];
export const languages: readonly Lang[];

export class Engine {
  private constructor(handle: unknown);
  static builtin(): Engine;
  static fromPolicies(sources: PolicySource[]): Engine;
  decide(args: DecideArgs): Decision;
  options(args: OptionsArgs): OptionsReport;
  readRequest(request: Input<Record<string, unknown>>, options?: { format?: Format; payment: Input<Record<string, unknown>>; paymentFormat?: Format }): RefundRequest;
  show(provider?: Provider): ShownPolicy[];
  contracts(): Array<{ id: string; ko: string; en: string }>;
  checkCase(caseText: Input<Record<string, unknown>>, options?: { lang?: Lang }): { name: string; passed: boolean; mismatches: string[]; decision: Decision };
  checkOptionsCase(caseText: Input<Record<string, unknown>>, options?: { lang?: Lang }): { name: string; passed: boolean; mismatches: string[]; options: OptionsReport };
}

export function decide(args: DecideArgs): Decision;
export function options(args: OptionsArgs): OptionsReport;
export function readPayment(payment: Input<Record<string, unknown>>, format?: Format): Payment;
export function readCase(caseText: Input<Record<string, unknown>>): CaseParts;
export function readOptionsCase(caseText: Input<Record<string, unknown>>): OptionsCaseParts;
export function validatePolicies(sources: PolicySource[]): { ok: boolean; providers: Provider[]; problems: Problem[] };
export function builtinPolicies(): PolicySource[];
export function policySchema(): Record<string, unknown> | null;
