// The package's API over the WebAssembly exports: JavaScript values in, plain objects out, and
// failures thrown as errors whose class is the library's error kind and whose message is the
// library's message. `node.js` and `browser.js` load the module, then re-export this file.
import * as raw from '../pkg/refund_policy_js.js';

/** Every error the package throws: `kind` names the library's error, `input` the argument. */
export class RefundPolicyError extends Error {
  constructor(failure) {
    super(failure.message);
    this.name = failure.kind;
    this.kind = failure.kind;
    this.input = failure.input;
    if (failure.help !== undefined) this.help = failure.help;
    if (failure.line !== undefined) this.line = failure.line;
    if (failure.column !== undefined) this.column = failure.column;
  }
}

/** A payment, request, merchant profile or case that cannot be read into the model. */
export class InputError extends RefundPolicyError {}

/** An instant that is not RFC 3339 with an offset. */
export class InstantError extends RefundPolicyError {}

/** Policies that do not load; `problems` lists every one with its file, line and column. */
export class LoadError extends RefundPolicyError {
  constructor(failure) {
    super(failure);
    this.problems = failure.problems ?? [];
  }
}

/** A payload format name other than `normalized`, `portone_v2`, `portone_v1`, `bootpay`, `toss_payments`. */
export class UnknownFormat extends RefundPolicyError {}

/** A provider id other than `portone_v2`, `portone_v1`, `bootpay`, `toss_payments`. */
export class UnknownProvider extends RefundPolicyError {}

/** A language other than `ko` and `en`. */
export class UnknownLanguage extends RefundPolicyError {}

const classes = { InputError, InstantError, LoadError, UnknownFormat, UnknownProvider, UnknownLanguage };

/** The payload formats the adapters read, the normalized model first. */
export const formats = Object.freeze(['normalized', 'portone_v2', 'portone_v1', 'bootpay', 'toss_payments']);

/** The languages of messages; Korean is the default. */
export const languages = Object.freeze(['ko', 'en']);

function failure(thrown) {
  if (typeof thrown !== 'string') return thrown;
  let parsed;
  try {
    parsed = JSON.parse(thrown);
  } catch {
    return new Error(thrown);
  }
  const Class = classes[parsed.kind] ?? RefundPolicyError;
  return new Class(parsed);
}

// Calls an export, parses its JSON answer, and turns a thrown failure into a typed error.
function call(fn) {
  let answer;
  try {
    answer = fn();
  } catch (thrown) {
    throw failure(thrown);
  }
  return typeof answer === 'string' ? JSON.parse(answer) : answer;
}

// Inputs may be JSON or YAML text, or objects (written as JSON); absent is empty.
function text(value) {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function instant(value) {
  if (value === undefined || value === null) return new Date().toISOString();
  return value instanceof Date ? value.toISOString() : String(value);
}

// Policy files `[{ name, text }]` as the module takes them: their names, and their texts.
function sources(list) {
  return [list.map(({ name }) => String(name)), list.map(({ text }) => String(text))];
}

let builtin;

/** A loaded policy set that decides refunds. */
export class Engine {
  #handle;

  /** @param {object} handle the module's engine; use `Engine.builtin()` or `Engine.fromPolicies()` */
  constructor(handle) {
    if (!(handle instanceof raw.EngineHandle)) {
      throw new TypeError('use Engine.builtin() or Engine.fromPolicies(sources)');
    }
    this.#handle = handle;
  }

  /** The engine over the built-in policies, loaded once. */
  static builtin() {
    builtin ??= new Engine(call(() => raw.EngineHandle.builtin()));
    return builtin;
  }

  /** An engine over your own policies: `[{ name, text }]`; throws `LoadError` with every problem. */
  static fromPolicies(list) {
    return new Engine(call(() => raw.EngineHandle.fromSources(...sources(list))));
  }

  /**
   * Decides one refund: the decision in the contract's JSON shape, messages in `lang`.
   * `payment`, `request` and `merchant` are JSON or YAML text, or objects; `now` defaults to
   * the current time (the library itself never reads the clock).
   */
  decide({ payment, paymentFormat = 'normalized', request, requestFormat = 'normalized', merchant, now, lang = 'ko' } = {}) {
    return call(() =>
      this.#handle.decide(text(payment), paymentFormat, text(request), requestFormat, text(merchant), instant(now), lang),
    );
  }

  /**
   * What can be refunded of a payment now, before any request exists: the options in the
   * shape `refund-policy options --format json` prints, messages in `lang`. `payment` and
   * `merchant` are JSON or YAML text, or objects; `now` defaults to the current time.
   */
  options({ payment, paymentFormat = 'normalized', merchant, now, lang = 'ko' } = {}) {
    return call(() => this.#handle.options(text(payment), paymentFormat, text(merchant), instant(now), lang));
  }

  /** A cancel body in `format` read into the normalized request, for `payment` in `paymentFormat`. */
  readRequest(request, { format = 'normalized', payment, paymentFormat = 'normalized' } = {}) {
    return call(() => this.#handle.readRequest(text(request), format, text(payment), paymentFormat));
  }

  /** The effective rules of every loaded policy, or of `provider`'s, with their documents. */
  show(provider) {
    return call(() => this.#handle.show(provider ?? undefined));
  }

  /** The special contracts the policies define: `[{ id, ko, en }]`. */
  contracts() {
    return call(() => this.#handle.contracts());
  }

  /** Runs a case file: `{ name, passed, mismatches, decision }`. */
  checkCase(caseText, { lang = 'ko' } = {}) {
    return call(() => this.#handle.checkCase(text(caseText), lang));
  }

  /** Runs an option case file: `{ name, passed, mismatches, options }`. */
  checkOptionsCase(caseText, { lang = 'ko' } = {}) {
    return call(() => this.#handle.checkOptionsCase(text(caseText), lang));
  }
}

/** Decides with the built-in policies; see `Engine#decide`. */
export function decide(args) {
  return Engine.builtin().decide(args);
}

/** Refund options with the built-in policies; see `Engine#options`. */
export function options(args) {
  return Engine.builtin().options(args);
}

/** A payment object in `format` (a provider's own, or `normalized`) read into the normalized model. */
export function readPayment(payment, format = 'normalized') {
  return call(() => raw.readPayment(text(payment), format));
}

/** A case file's parts in the normalized model: `{ name, now, merchant, payment, request, expect }`. */
export function readCase(caseText) {
  return call(() => raw.readCase(text(caseText)));
}

/** An option case file's parts in the normalized model: `{ name, now, merchant, payment, expect_options }`. */
export function readOptionsCase(caseText) {
  return call(() => raw.readOptionsCase(text(caseText)));
}

/** `policies validate`: `{ ok, providers, problems }` for policy sources `[{ name, text }]`. */
export function validatePolicies(list) {
  return call(() => raw.validatePolicies(...sources(list)));
}

/** The built-in policy files: `[{ name, text }]`. */
export function builtinPolicies() {
  return call(() => raw.builtinPolicies());
}

/** The JSON Schema of policy files, when the module is built with the `schema` feature; else null. */
export function policySchema() {
  return typeof raw.policySchema === 'function' ? call(() => raw.policySchema()) : null;
}
