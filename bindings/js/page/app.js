// The operator page: a payment in, what can be refunded of it now (the options) and the decision
// on a request out, in Korean or English. Everything shown comes from the engine (the
// refund-policy crate built to WebAssembly); nothing is computed here but layout.
import { Engine, builtinPolicies, formats, readPayment, validatePolicies } from '../js/browser.js';
import { prefillRequest, renderOptions } from './options.js';
import { formatNames, strings } from './strings.js';

const $ = (id) => document.getElementById(id);
const state = {
  lang: localStorage.getItem('refund-policy.lang') === 'en' ? 'en' : 'ko',
  engine: Engine.builtin(),
  custom: null, // the loaded custom policy files, or null for the built-in set
  files: [], // the policy files being edited
  current: -1,
  contracts: new Set(),
  filledAmount: '', // the amount last filled in from the options, replaced while untouched
};
const t = (key, ...args) => {
  const value = strings[state.lang][key];
  return typeof value === 'function' ? value(...args) : value;
};

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.className = value;
    else node.setAttribute(key, value);
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

function fact(list, label, value, id) {
  if (value === undefined || value === null || value === '') return;
  list.append(el('dt', {}, label), el('dd', { 'data-fact': id }, value));
}

function money(amount, currency) {
  const locale = state.lang === 'ko' ? 'ko-KR' : 'en-US';
  const n = Number(amount);
  const text = Number.isFinite(n) && String(n) === String(amount) ? n.toLocaleString(locale) : String(amount);
  return `${currency} ${text}`;
}

function showError(node, error, prefix) {
  if (!error) {
    node.hidden = true;
    node.textContent = '';
    return;
  }
  node.hidden = false;
  node.replaceChildren(
    el('strong', {}, prefix ?? t('error_in', error.input)),
    ': ',
    error.message,
    error.kind ? el('span', { class: 'kind' }, ` ${error.kind}`) : null,
  );
}

// A provider's payment object names itself by its keys; anything else is the normalized model.
function detectFormat(text) {
  let value;
  try {
    value = JSON.parse(text);
  } catch {
    return 'normalized';
  }
  if (!value || typeof value !== 'object') return 'normalized';
  if ('paymentKey' in value || ('mId' in value && 'totalAmount' in value)) return 'toss_payments';
  if ('receipt_id' in value) return 'bootpay';
  if ('imp_uid' in value || ('code' in value && 'response' in value)) return 'portone_v1';
  if ('transactionId' in value || 'storeId' in value || (typeof value.status === 'string' && value.status === value.status.toUpperCase() && value.amount && typeof value.amount === 'object')) return 'portone_v2';
  return 'normalized';
}

function paymentInput() {
  const text = $('payment').value;
  const chosen = $('payment-format').value;
  const format = chosen === 'auto' ? detectFormat(text) : chosen;
  return { text, format };
}

function requestInput(paymentFormat) {
  if (document.querySelector('input[name="request-mode"]:checked').value === 'body') {
    const chosen = $('request-format').value;
    return { request: $('request-body').value, requestFormat: chosen === 'auto' ? paymentFormat : chosen };
  }
  const form = new FormData($('request-form'));
  const field = (name) => String(form.get(name) ?? '').trim();
  const request = {};
  for (const name of ['amount', 'tax_free_amount']) if (field(name)) request[name] = field(name);
  for (const name of ['reason', 'requester', 'cancel_id']) if (field(name)) request[name] = field(name);
  const account = {};
  for (const name of ['bank', 'number', 'holder_name', 'holder_phone']) if (field(name)) account[name] = field(name);
  if (Object.keys(account).length > 0) request.refund_account = account;
  return { request, requestFormat: 'normalized' };
}

function renderPayment(payment) {
  const list = $('payment-facts');
  list.replaceChildren();
  $('payment-summary').hidden = !payment;
  if (!payment) return;
  const currency = payment.currency ?? 'KRW';
  fact(list, t('fact_provider'), payment.provider, 'provider');
  fact(list, t('fact_pg'), payment.pg, 'pg');
  const service = payment.easy_pay ? ` › ${payment.easy_pay.provider}${payment.easy_pay.funding ? ` (${payment.easy_pay.funding})` : ''}` : '';
  fact(list, t('fact_method'), `${payment.method}${service}`, 'method');
  fact(list, t('fact_status'), payment.status, 'status');
  fact(list, t('fact_total'), money(payment.amount.total, currency), 'total');
  if (Number(payment.amount.cancelled ?? 0) !== 0) fact(list, t('fact_cancelled'), money(payment.amount.cancelled, currency), 'cancelled');
  fact(list, t('fact_paid_at'), payment.paid_at, 'paid_at');
  if (payment.escrow) fact(list, t('fact_escrow'), '✓', 'escrow');
}

function providerError(error) {
  if (!error) return el('span', { class: 'muted' }, t('no_provider_error'));
  return el('code', {}, error.code === null || error.code === undefined ? error.name : `${error.name} (${error.code})`);
}

function item(entry, withError) {
  return el(
    'li',
    { 'data-code': entry.code },
    el('div', { class: 'item-head' }, el('code', { class: 'code' }, entry.code), ' ', el('span', { class: 'message' }, entry.message)),
    withError ? el('div', { class: 'item-error' }, `${t('provider_error')}: `, providerError(entry.provider_error)) : null,
    el(
      'details',
      {},
      el('summary', {}, t('details')),
      el('div', {}, `${t('rule')}: `, el('code', {}, entry.rule)),
      el('pre', {}, JSON.stringify(entry.details, null, 2)),
    ),
  );
}

function renderDecision(decision) {
  $('decision-waiting').hidden = Boolean(decision);
  $('decision-body').hidden = !decision;
  if (!decision) return;
  const allowed = decision.verdict === 'allow';
  const verdict = $('verdict');
  verdict.textContent = t(allowed ? 'allow' : 'deny');
  verdict.className = `verdict ${allowed ? 'allow' : 'deny'}`;
  verdict.dataset.verdict = decision.verdict;
  const refund = decision.refund;
  const list = $('decision-facts');
  list.replaceChildren();
  fact(list, t('refund_amount'), `${money(refund.amount, refund.currency)} (${t(refund.partial ? 'partial' : 'full')})`, 'refund');
  fact(list, t('remaining_after'), money(refund.remaining_after, refund.currency), 'remaining_after');
  fact(list, t('balance'), money(refund.balance, refund.currency), 'balance');
  if (decision.deadline) {
    const d = decision.deadline;
    const how = d.kind === 'same_month' ? t('same_month') : `${d.paid_on} + ${d.within}`;
    fact(list, t('last_refundable_day'), `${d.last_refundable_day} (${how}, ${d.time_zone})`, 'last_refundable_day');
  }
  if (decision.fee) fact(list, t('fee'), money(decision.fee.amount, decision.fee.currency), 'fee');
  if (decision.processing_days) fact(list, t('processing'), t('business_days', decision.processing_days.min, decision.processing_days.max), 'processing_days');
  if (decision.refund_account?.bank_code) {
    fact(list, t('bank_code'), `${decision.refund_account.bank_code} (${decision.refund_account.bank}, ${decision.refund_account.code_table})`, 'bank_code');
  }
  $('reasons-box').hidden = decision.reasons.length === 0;
  $('reasons').replaceChildren(...decision.reasons.map((r) => item(r, true)));
  $('notes-box').hidden = decision.notes.length === 0;
  $('notes').replaceChildren(...decision.notes.map((n) => item(n, false)));
  $('decision-json').textContent = JSON.stringify(decision, null, 2);
}

// The options for the payment now, rendered above the decision; they fill the request form.
function updateOptions(text, format) {
  let options = null;
  try {
    options = state.engine.options({
      payment: text,
      paymentFormat: format,
      merchant: { contracts: [...state.contracts] },
      now: $('now').value.trim(),
      lang: state.lang,
    });
  } catch {
    // The decision below fails on the same input and says why.
  }
  const ui = { t, el, fact, money, item, lang: state.lang, contracts: state.engine.contracts() };
  renderOptions($('options'), options, ui);
  state.filledAmount = prefillRequest($('request-form'), options, state.filledAmount);
}

function update() {
  const { text, format } = paymentInput();
  $('payment-detected').textContent = $('payment-format').value === 'auto' && text.trim() ? `${t('detected')}: ${formatNames[format][state.lang]}` : '';
  showError($('payment-error'), null);
  showError($('request-error'), null);
  if (!text.trim()) {
    renderPayment(null);
    renderOptions($('options'), null, {});
    renderDecision(null);
    return;
  }
  let payment;
  try {
    payment = readPayment(text, format);
  } catch (error) {
    showError($('payment-error'), error);
    renderPayment(null);
    renderOptions($('options'), null, {});
    renderDecision(null);
    return;
  }
  renderPayment(payment);
  updateOptions(text, format);
  const { request, requestFormat } = requestInput(format);
  try {
    const decision = state.engine.decide({
      payment: text,
      paymentFormat: format,
      request,
      requestFormat,
      merchant: { contracts: [...state.contracts] },
      now: $('now').value.trim(),
      lang: state.lang,
    });
    renderDecision(decision);
  } catch (error) {
    showError(error.input === 'payment' ? $('payment-error') : $('request-error'), error);
    renderDecision(null);
  }
}

function renderContracts() {
  const known = state.engine.contracts();
  for (const id of [...state.contracts]) if (!known.some((c) => c.id === id)) state.contracts.delete(id);
  const box = $('contracts');
  if (known.length === 0) {
    box.replaceChildren(el('p', { class: 'muted' }, t('no_contracts')));
    return;
  }
  box.replaceChildren(
    ...known.map((c) => {
      const input = el('input', { type: 'checkbox', value: c.id, checked: state.contracts.has(c.id) });
      input.addEventListener('change', () => {
        if (input.checked) state.contracts.add(c.id);
        else state.contracts.delete(c.id);
        update();
      });
      return el('label', { class: 'contract' }, input, ' ', c[state.lang], ' ', el('code', {}, c.id));
    }),
  );
}

function renderPolicyTables() {
  const box = $('policy-tables');
  box.replaceChildren(
    ...state.engine.show().map((policy) =>
      el(
        'div',
        { class: 'card policy', 'data-provider': policy.provider },
        el('h2', {}, `${policy.title ?? policy.policy} `, el('code', {}, policy.provider), ` · ${policy.time_zone}`),
        el('h3', {}, t('effective_rules')),
        ...policy.effective.map((group) => {
          const service = group.service ? ` › ${group.service}` : group.method === 'easy_pay' ? ` › ${t('every_other_service')}` : '';
          const pgs = group.pgs.length > 0 ? `pg ${group.pgs.join(', ')}` : t('every_other_pg');
          return el(
            'details',
            {},
            el('summary', {}, el('strong', {}, `${group.method}${service}`), ` — ${pgs}`),
            el(
              'table',
              {},
              el('thead', {}, el('tr', {}, el('th', {}, t('rule')), el('th', {}, t('says')), el('th', {}, t('source')), el('th', {}, t('marks')))),
              el(
                'tbody',
                {},
                group.rules.map((r) =>
                  el(
                    'tr',
                    {},
                    el('td', {}, el('code', {}, r.rule)),
                    el('td', {}, r.says),
                    el('td', {}, r.source),
                    el('td', { title: [r.unverified, r.comment].filter(Boolean).join('\n') }, r.unverified ? t('unverified') : '', r.comment ? ' ✎' : ''),
                  ),
                ),
              ),
            ),
          );
        }),
        policy.no_policy.length > 0 ? el('p', {}, `${t('no_policy')}: ${policy.no_policy.join(', ')}`) : null,
        el(
          'details',
          {},
          el('summary', {}, t('provider_errors')),
          el('table', {}, el('tbody', {}, Object.entries(policy.document.provider_errors).map(([code, e]) => el('tr', {}, el('td', {}, el('code', {}, code)), el('td', {}, e.name ? `${e.name}${e.code !== undefined && e.code !== null ? ` (${e.code})` : ''}` : `none: ${e.none ?? ''}`))))),
        ),
        el(
          'details',
          {},
          el('summary', {}, t('sources')),
          el('ul', {}, Object.entries(policy.document.sources).map(([id, s]) => el('li', {}, el('code', {}, id), ' ', s.url ? el('a', { href: s.url, rel: 'noreferrer' }, s.title) : s.title))),
        ),
      ),
    ),
  );
}

function renderPolicyFiles() {
  $('policy-files').replaceChildren(
    ...state.files.map((file, i) => {
      const pick = el('button', { type: 'button', class: i === state.current ? 'current' : undefined }, file.name);
      pick.addEventListener('click', () => {
        keepEdit();
        selectFile(i);
      });
      const remove = el('button', { type: 'button', 'aria-label': `remove ${file.name}` }, '×');
      remove.addEventListener('click', () => {
        state.files.splice(i, 1);
        selectFile(Math.min(state.current, state.files.length - 1));
      });
      return el('li', {}, pick, remove);
    }),
  );
}

function selectFile(i) {
  state.current = i;
  const file = state.files[i];
  $('policy-name').value = file ? file.name : 'mine.yaml';
  $('policy-text').value = file ? file.text : '';
  renderPolicyFiles();
}

// Keeps the edited text in the file list, adding a file when none is selected.
function keepEdit() {
  const name = $('policy-name').value.trim() || 'mine.yaml';
  const text = $('policy-text').value;
  if (state.current < 0) {
    if (!text.trim()) return;
    state.files.push({ name, text });
    state.current = state.files.length - 1;
  } else {
    state.files[state.current] = { name, text };
  }
  renderPolicyFiles();
}

function loadPolicies() {
  keepEdit();
  const result = validatePolicies(state.files);
  $('policy-problems').replaceChildren(...result.problems.map((p) => el('li', {}, el('code', {}, `${p.file}:${p.line}:${p.column}`), ` ${p.message}`, p.help ? el('span', { class: 'muted' }, ` (${p.help})`) : null)));
  if (!result.ok) {
    $('policy-status').textContent = `${t('problems')}: ${result.problems.length}`;
    return;
  }
  state.engine = Engine.fromPolicies(state.files);
  state.custom = result.providers;
  afterPolicyChange();
}

function afterPolicyChange() {
  $('policy-status').textContent = state.custom ? t('policies_loaded', state.custom) : '';
  $('policy-badge').textContent = state.custom ? t('policies_custom') : t('policies_builtin');
  $('policy-badge').classList.toggle('custom', Boolean(state.custom));
  renderContracts();
  renderPolicyTables();
  update();
}

function fillSelect(select, withAuto) {
  const chosen = select.value;
  const options = (withAuto ? ['auto'] : []).concat(formats);
  select.replaceChildren(...options.map((f) => el('option', { value: f }, f === 'auto' ? t('format_auto') : formatNames[f][state.lang])));
  select.value = chosen || options[0];
}

function setLanguage(lang) {
  state.lang = lang;
  localStorage.setItem('refund-policy.lang', lang);
  document.documentElement.lang = lang;
  for (const node of document.querySelectorAll('[data-text]')) node.textContent = t(node.dataset.text);
  for (const node of document.querySelectorAll('[data-placeholder]')) node.placeholder = t(node.dataset.placeholder);
  for (const button of document.querySelectorAll('[data-lang]')) button.setAttribute('aria-pressed', String(button.dataset.lang === lang));
  fillSelect($('payment-format'), true);
  fillSelect($('request-format'), true);
  afterPolicyChange();
}

// Dropping a file puts its text in the box, as pasting would.
function acceptDrops(textarea, onFiles) {
  textarea.addEventListener('dragover', (event) => event.preventDefault());
  textarea.addEventListener('drop', async (event) => {
    event.preventDefault();
    const files = [...(event.dataTransfer?.files ?? [])];
    if (files.length === 0) return;
    onFiles(await Promise.all(files.map(async (f) => ({ name: f.name, text: await f.text() }))));
  });
}

function localNow() {
  // The current instant with the browser's own offset, which the engine keeps as given.
  const now = new Date();
  const offset = -now.getTimezoneOffset();
  const local = new Date(now.getTime() + offset * 60000).toISOString().slice(0, 19);
  const sign = offset >= 0 ? '+' : '-';
  const hours = String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0');
  const minutes = String(Math.abs(offset) % 60).padStart(2, '0');
  return `${local}${sign}${hours}:${minutes}`;
}

function start() {
  $('now').value = localNow();
  for (const button of document.querySelectorAll('[data-lang]')) button.addEventListener('click', () => setLanguage(button.dataset.lang));
  for (const tab of document.querySelectorAll('[data-tab]')) {
    tab.addEventListener('click', () => {
      for (const other of document.querySelectorAll('[data-tab]')) other.setAttribute('aria-selected', String(other === tab));
      $('view-check').hidden = tab.dataset.tab !== 'check';
      $('view-policies').hidden = tab.dataset.tab !== 'policies';
    });
  }
  for (const id of ['payment', 'request-body', 'now']) $(id).addEventListener('input', update);
  for (const id of ['payment-format', 'request-format']) $(id).addEventListener('change', update);
  $('request-form').addEventListener('input', update);
  for (const radio of document.querySelectorAll('input[name="request-mode"]')) {
    radio.addEventListener('change', () => {
      const body = radio.value === 'body' && radio.checked;
      $('request-form').hidden = body;
      $('request-body-box').hidden = !body;
      update();
    });
  }
  $('now-button').addEventListener('click', () => {
    $('now').value = localNow();
    update();
  });
  acceptDrops($('payment'), ([file]) => {
    $('payment').value = file.text;
    update();
  });
  acceptDrops($('policy-text'), (files) => {
    keepEdit();
    state.files.push(...files);
    selectFile(state.files.length - 1);
  });
  // Edits are kept when the operator loads, picks another file or drops one: keeping them on
  // `change` would redraw the file list under the pointer on its way to the Load button.
  $('edit-builtin').addEventListener('click', () => {
    state.files = builtinPolicies();
    selectFile(0);
  });
  $('load-policies').addEventListener('click', loadPolicies);
  $('use-builtin').addEventListener('click', () => {
    state.engine = Engine.builtin();
    state.custom = null;
    $('policy-problems').replaceChildren();
    afterPolicyChange();
  });
  setLanguage(state.lang);
  document.body.dataset.ready = 'true';
}

try {
  start();
} catch (error) {
  showError($('load-error'), error, error.kind ?? 'Error');
}
