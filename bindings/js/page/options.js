// The options panel: what can be refunded of the payment now, before any request, as the engine
// answers it (`Engine#options`). Every number and date shown is the engine's: the days left,
// the expected completion dates and the fee are read from the options, never computed here.
// It also fills the request form from the options: the largest amount, and the fields the
// request must carry with their limits.

// A request field path (contract §2) to the form's input name and the page's label key.
const formFields = {
  amount: ['amount', 'amount'],
  tax_free_amount: ['tax_free_amount', 'tax_free_amount'],
  reason: ['reason', 'reason'],
  requester: ['requester', 'requester'],
  cancel_id: ['cancel_id', 'cancel_id'],
  'refund_account.bank': ['bank', 'bank'],
  'refund_account.number': ['number', 'account_number'],
  'refund_account.holder_name': ['holder_name', 'holder_name'],
  'refund_account.holder_phone': ['holder_phone', 'holder_phone'],
};

const fieldLabel = (t, path) => (formFields[path] ? t(formFields[path][1]) : path);

function fieldLimits(t, field) {
  const limits = [];
  if (field.max_chars !== undefined && field.max_chars !== null) limits.push(t('max_chars', field.max_chars));
  if (field.digits_only) limits.push(t('digits_only'));
  return limits;
}

function contractNames(ids, contracts, lang) {
  return ids.map((id) => {
    const known = contracts.find((c) => c.id === id);
    return [known ? `${known[lang]} ` : '', '(', { code: id }, ')'];
  });
}

/**
 * Renders `options` (or hides the panel when null) into `box`.
 * `ui` carries the page's helpers: `t`, `el`, `fact`, `money`, `item` (a reason or note entry
 * as a list item), `lang`, and `contracts` (the engine's contracts with their names).
 */
export function renderOptions(box, options, ui) {
  const { t, el, fact, money, item, lang, contracts } = ui;
  box.hidden = !options;
  if (!options) {
    box.replaceChildren();
    return;
  }
  const code = (text) => el('code', {}, text);
  const names = (ids) =>
    contractNames(ids, contracts, lang).flatMap((parts, i) => [i > 0 ? ', ' : null, ...parts.map((p) => (typeof p === 'object' ? code(p.code) : p))]);

  const status = el(
    'p',
    { id: 'options-status', class: `verdict ${options.refundable ? 'allow' : 'deny'}`, 'data-refundable': String(options.refundable) },
    t(options.refundable ? 'options_refundable' : 'options_blocked'),
  );
  const blocking = options.blocking.length > 0 ? el('div', {}, el('h3', {}, t('options_blocking')), el('ol', { id: 'options-blocking', class: 'items' }, options.blocking.map((r) => item(r, true)))) : null;

  const list = el('dl', { id: 'options-facts', class: 'facts' });
  fact(list, t('max_amount'), money(options.max_amount, options.currency), 'max_amount');
  const partial = options.partial;
  const partialText = [options.partial_allowed ? t('partial_allowed') : t('partial_refused')];
  if (!options.partial_allowed && partial.refused.length > 0) partialText.push(` — ${partial.refused.map((r) => r.message).join(' ')}`);
  if (partial.cancels_left) partialText.push(` · ${t('cancels_left', partial.cancels_left.left, partial.cancels_left.limit)}`);
  if (partial.taxable_limit) partialText.push(` · ${t('taxable_limit', money(partial.taxable_limit.taxable_balance, options.currency))}`);
  if (options.missing_contracts_partial.length > 0) partialText.push(` · ${t('needs_contracts')}: `, ...names(options.missing_contracts_partial));
  fact(list, t('partial_refund'), el('span', {}, ...partialText), 'partial');
  const d = options.deadline;
  fact(
    list,
    t('last_refundable_day'),
    d ? `${d.last_refundable_day} (${t('days_left', d.days_left)}; ${d.kind === 'same_month' ? t('same_month') : `${d.paid_on} + ${d.within}`}, ${d.time_zone}; ${t(`after_${d.after}`)})` : t('no_deadline'),
    'options_deadline',
  );
  if (options.fee) fact(list, t('fee'), money(options.fee.amount, options.fee.currency), 'options_fee');
  const p = options.processing;
  if (p) {
    fact(list, t('processing'), t('business_days', p.min_business_days, p.max_business_days), 'options_processing');
    const dates = p.expected_by ? (p.expected_earliest && p.expected_earliest !== p.expected_by ? `${p.expected_earliest} ~ ${p.expected_by}` : p.expected_by) : p.no_date;
    fact(list, t('expected_completion'), dates, 'expected_by');
  }
  if (options.missing_contracts.length > 0) fact(list, t('missing_contracts'), el('span', {}, ...names(options.missing_contracts)), 'missing_contracts');

  const fields = options.fields.length > 0
    ? el(
        'div',
        {},
        el('h3', {}, t('request_fields')),
        el(
          'ul',
          { id: 'options-fields', class: 'fields' },
          options.fields.map((f) =>
            el(
              'li',
              { 'data-field': f.field, class: f.required ? 'needed' : undefined },
              el('strong', {}, fieldLabel(t, f.field)),
              ' ',
              code(f.field),
              ' — ',
              f.required ? t('required') : t('optional'),
              ...fieldLimits(t, f).map((limit) => `, ${limit}`),
            ),
          ),
        ),
      )
    : el('p', { class: 'muted' }, t('no_request_fields'));
  const banks = options.refund_account_banks
    ? el(
        'details',
        { id: 'options-banks' },
        el('summary', {}, t('bank_codes', options.refund_account_banks.table)),
        el('table', {}, el('tbody', {}, Object.entries(options.refund_account_banks.codes).map(([bank, c]) => el('tr', {}, el('td', {}, code(bank)), el('td', {}, code(c)))))),
      )
    : null;
  const notes = options.notes.length > 0 ? el('div', {}, el('h3', {}, t('notes')), el('ul', { class: 'items' }, options.notes.map((n) => item(n, false)))) : null;
  const raw = el('details', { class: 'raw' }, el('summary', {}, t('raw')), el('pre', { id: 'options-json' }, JSON.stringify(options, null, 2)));

  box.replaceChildren(...[el('h2', {}, t('options')), status, blocking, list, fields, banks, notes, raw].filter(Boolean));
}

/**
 * Fills the request form from `options`: the amount with the largest one (unless the operator
 * typed another since the last fill), and marks the fields a request must carry, with their
 * limits. Returns the amount it filled, for the next call.
 */
export function prefillRequest(form, options, filled) {
  const amount = form.elements.namedItem('amount');
  const next = options ? String(options.max_amount) : '';
  if (amount && (amount.value === '' || amount.value === filled)) amount.value = next;
  const constrained = new Map((options?.fields ?? []).map((f) => [f.field, f]));
  for (const [path, [name]] of Object.entries(formFields)) {
    const input = form.elements.namedItem(name);
    if (!input) continue;
    const rule = constrained.get(path);
    input.required = Boolean(rule?.required);
    input.closest('label')?.classList.toggle('needed', Boolean(rule?.required));
    if (rule?.max_chars) input.maxLength = rule.max_chars;
    else input.removeAttribute('maxlength');
    if (rule?.digits_only) input.pattern = '[0-9]*';
    else input.removeAttribute('pattern');
  }
  const banks = document.getElementById('bank-names');
  if (banks) banks.replaceChildren(...Object.keys(options?.refund_account_banks?.codes ?? {}).map((bank) => Object.assign(document.createElement('option'), { value: bank })));
  return next;
}
