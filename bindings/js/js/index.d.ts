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

export interface ProviderError {
  name: string;
  code?: number | string | null;
}

export interface Reason {
  code: string;
  rule: string;
  message: string;
  provider_error?: ProviderError;
  details: Record<string, unknown>;
}

export interface Note {
  code: string;
  rule: string;
  message: string;
  details: Record<string, unknown>;
}

/** A decision in the contract's JSON shape (contract §4). */
export interface Decision {
  verdict: 'allow' | 'deny';
  reasons: Reason[];
  notes: Note[];
  refund: { amount: Amount; partial: boolean; remaining_after: Amount; balance: Amount; tax_free_balance: Amount; currency: string };
  deadline?: {
    rule: string;
    kind: 'within' | 'same_month';
    paid_on: string;
    last_refundable_day: string;
    within?: string;
    time_zone: string;
  };
  refund_account?: { bank: string; bank_code?: string; code_table?: string };
  fee?: { amount: Amount; currency: string };
  processing_days?: { min: number; max: number };
  provider: Provider;
  policy?: string;
  now: string;
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
  readRequest(request: Input<Record<string, unknown>>, options?: { format?: Format; payment: Input<Record<string, unknown>>; paymentFormat?: Format }): RefundRequest;
  show(provider?: Provider): ShownPolicy[];
  contracts(): Array<{ id: string; ko: string; en: string }>;
  checkCase(caseText: Input<Record<string, unknown>>, options?: { lang?: Lang }): { name: string; passed: boolean; mismatches: string[]; decision: Decision };
}

export function decide(args: DecideArgs): Decision;
export function readPayment(payment: Input<Record<string, unknown>>, format?: Format): Payment;
export function readCase(caseText: Input<Record<string, unknown>>): CaseParts;
export function validatePolicies(sources: PolicySource[]): { ok: boolean; providers: Provider[]; problems: Problem[] };
export function builtinPolicies(): PolicySource[];
export function policySchema(): Record<string, unknown> | null;
