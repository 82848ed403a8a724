// The live fleet page: plain JS modules, no build step. Every data call goes to the service's own JSON API with the
// API key the user typed once, kept in this tab's sessionStorage and sent as 'Authorization: Bearer <key>'.
// Updates come by polling (every POLL_MS while the tab is visible): see the inference README for why not a stream.
import { api, forgetKey, hasKey, saveKey, ApiProblem } from './api.js';
import { riskChart, traceCharts } from './charts.js';

const POLL_MS = 2000;
const MODELS_EVERY = 5;        // models and drift every fifth poll
const FLEET_LIMIT = 100;

const $ = (id) => document.getElementById(id);
let timer = null;
let polls = 0;
let lastRisk = new Map();     // asset -> risk shown, to mark the rows that changed
let charts = [];
const labels = new Map();     // 'model v' -> Map(feature column -> label for people), from the model's details

/** A new element with text (never HTML: asset and feature names come from devices). */
function el(tag, text, cls) {
  const e = document.createElement(tag);
  if (text !== undefined && text !== null) e.textContent = String(text);
  if (cls) e.className = cls;
  return e;
}

function band(b) {
  return el('span', b, 'band ' + b);
}

function pct(x) {
  return (100 * x).toFixed(1) + ' %';
}

function showError(message) {
  const e = $('error');
  e.textContent = message;
  e.hidden = !message;
}

function status(text) {
  $('status').textContent = text;
}

function route() {
  const m = location.hash.match(/^#\/asset\/(.+)$/);
  return m ? { view: 'asset', asset: decodeURIComponent(m[1]) } : { view: 'fleet' };
}

function show(view) {
  $('key-form').hidden = view !== 'key';
  $('fleet-view').hidden = view !== 'fleet';
  $('asset-view').hidden = view !== 'asset';
  $('forget-key').hidden = view === 'key';
}

async function renderFleet() {
  const ranking = await api('/v1/fleet/at-risk?limit=' + FLEET_LIMIT);
  const body = $('fleet').tBodies[0];
  const rows = ranking.assets.map((a, i) => {
    const tr = el('tr');
    tr.dataset.asset = a.asset;
    tr.dataset.risk = String(a.risk);
    if (lastRisk.has(a.asset) && lastRisk.get(a.asset) !== a.risk) tr.className = 'changed';
    const link = el('a', a.asset);
    link.href = '#/asset/' + encodeURIComponent(a.asset);
    const cells = [el('td', i + 1, 'num'), el('td'), el('td', pct(a.risk), 'num'), el('td'),
      el('td', a.healthIndex.toFixed(0), 'num'), el('td', a.model.name + ' v' + a.model.version), el('td', a.lastReading || '', 'time')];
    cells[1].append(link);
    cells[3].append(band(a.band));
    tr.append(...cells);
    return tr;
  });
  body.replaceChildren(...rows);
  lastRisk = new Map(ranking.assets.map((a) => [a.asset, a.risk]));
  $('fleet-empty').hidden = ranking.assets.length > 0;
  $('fleet-meta').textContent = ranking.assets.length + ' shown of ' + ranking.tracked + ' tracked';
}

async function renderAlerts() {
  const list = await api('/v1/alerts?state=open&limit=50');
  const items = list.alerts.map((a) => {
    const li = el('li');
    li.dataset.alert = a.id;
    const what = el('span', '', 'what');
    const link = el('a', a.asset);
    link.href = '#/asset/' + encodeURIComponent(a.asset);
    what.append(link, ' ' + (a.component ? a.component + ' · ' : '') + a.model.name + ' · peak ' + pct(a.peak),
      el('span', 'opened at ' + a.dataTime.opened, 'when'));
    li.append(band(a.acknowledged ? 'acked' : 'open'), what);
    if (a.acknowledged) {
      li.append(el('span', 'acknowledged by ' + a.acknowledged.by, 'acked'));
    } else {
      const ack = el('button', 'Acknowledge');
      ack.type = 'button';
      ack.className = 'ack';
      ack.addEventListener('click', () => acknowledge(a.id, ack));
      li.append(ack);
    }
    return li;
  });
  $('alerts').replaceChildren(...items);
  $('alerts-empty').hidden = items.length > 0;
  $('alerts-meta').textContent = items.length ? String(items.length) : '';
}

async function acknowledge(id, button) {
  button.disabled = true;
  try {
    await api('/v1/alerts/' + encodeURIComponent(id) + '/ack', { method: 'POST', body: { note: 'acknowledged on the live page' } });
    await renderAlerts();
  } catch (e) {
    button.disabled = false;
    report(e);
  }
}

async function renderModels() {
  const listing = await api('/v1/models');
  const rows = await Promise.all(listing.models.map(async (m) => {
    const tr = el('tr');
    tr.dataset.model = m.name;
    let drift;
    try {
      drift = await api('/v1/models/' + encodeURIComponent(m.name) + '/drift');
    } catch (e) {
      drift = null;
    }
    const status = drift ? drift.status : 'unknown';
    const drifted = drift ? drift.features.filter((f) => f.status === 'drifted').map((f) => f.feature) : [];
    tr.append(el('td', m.name), el('td', 'v' + m.version, 'num'), el('td', m.task), el('td', status, 'drift-' + status),
      el('td', drift ? drift.rows + ' / ' + drift.window : '', 'num'),
      el('td', drifted.length ? drifted.slice(0, 5).join(', ') + (drifted.length > 5 ? ' …' : '') : '–'));
    return tr;
  }));
  $('models').tBodies[0].replaceChildren(...rows);
}

/** The labels for people of a model version's feature columns (as the at-risk report names drivers), fetched once. */
async function featureLabels(model) {
  const key = model.name + ' ' + model.version;
  if (!labels.has(key)) {
    const d = await api('/v1/models/' + encodeURIComponent(model.name));
    labels.set(key, new Map(d.featureColumns.map((c, i) => [c, d.featureLabels[i]])));
  }
  return labels.get(key);
}

async function renderAsset(asset) {
  $('asset-name').textContent = asset;
  const path = '/v1/assets/' + encodeURIComponent(asset);
  const noHistory = (e) => {
    if (e instanceof ApiProblem && e.status === 404) return null;   // not among the riskiest since the start: said below
    throw e;
  };
  const [score, history] = await Promise.all([api(path + '/score'), api(path + '/history').catch(noHistory)]);
  const summary = [['risk', pct(score.risk.score)], ['band', score.risk.band], ['health', score.healthIndex.toFixed(0)],
    ['scored at', score.scoredAt], ['readings seen', score.readings]];
  if (score.failure) summary.push(['failure within ' + score.failure.horizon, pct(score.failure.any)]);
  if (score.remainingUsefulLife) summary.push(['remaining life', score.remainingUsefulLife.value.toFixed(1) + ' ' + score.remainingUsefulLife.unit]);
  $('asset-summary').replaceChildren(...summary.map(([k, v]) => {
    const d = el('div', k);
    d.prepend(el('b', v));
    return d;
  }));
  $('asset-meta').textContent = score.model.name + ' v' + score.model.version + ' · ' + score.risk.action;
  const top = score.explanation ? score.explanation.topFeatures : [];
  const named = top.length ? await featureLabels(score.model) : new Map();
  const max = Math.max(1e-12, ...top.map((f) => Math.abs(f.contribution)));
  $('drivers').tBodies[0].replaceChildren(...top.map((f) => {
    const tr = el('tr');
    tr.dataset.feature = f.feature;
    const bar = el('div', '', 'bar' + (f.contribution > 0 ? ' up' : ''));
    bar.style.width = (100 * Math.abs(f.contribution) / max).toFixed(1) + '%';
    const cell = el('td');
    cell.style.width = '40%';
    cell.append(bar);
    const name = el('td', named.get(f.feature) || f.feature);
    name.title = f.feature;
    tr.append(name, el('td', f.contribution.toPrecision(3), 'num'), cell);
    return tr;
  }));
  $('drivers-empty').hidden = top.length > 0;
  charts.forEach((c) => c.destroy());
  charts = [];
  if (!history) {
    const none = 'The service keeps no recent history of this asset (it keeps the riskiest assets\' only).';
    $('risk-chart').replaceChildren(el('p', none, 'empty'));
    $('traces').replaceChildren(el('p', none, 'empty'));
    return;
  }
  charts = [riskChart($('risk-chart'), history.scores, score.risk.threshold),
    ...traceCharts($('traces'), history.readings)];
}

async function refresh() {
  const r = route();
  if (r.view === 'asset') {
    await renderAsset(r.asset);
  } else {
    const work = [renderFleet(), renderAlerts()];
    if (polls % MODELS_EVERY === 0) work.push(renderModels());
    await Promise.all(work);
  }
  polls++;
  showError('');
  status('updated ' + new Date().toLocaleTimeString() + ' · every ' + POLL_MS / 1000 + ' s');
  document.body.dataset.updates = String(polls);
}

function report(e) {
  if (e instanceof ApiProblem && e.status === 401) {
    forgetKey();
    askForKey(e.detail);
    return;
  }
  showError(e instanceof ApiProblem ? e.title + ': ' + e.detail : String(e));
}

async function tick() {
  clearTimeout(timer);
  try {
    if (document.visibilityState !== 'hidden') await refresh();
  } catch (e) {
    report(e);
    if (e instanceof ApiProblem && e.status === 401) return;
  }
  timer = setTimeout(tick, POLL_MS);
}

function askForKey(reason) {
  clearTimeout(timer);
  if (reason) $('key-reason').textContent = reason;
  show('key');
  status('waiting for an API key');
  $('key').focus();
}

function start() {
  show(route().view);
  polls = 0;
  tick();
}

$('key-form').addEventListener('submit', (ev) => {
  ev.preventDefault();
  saveKey($('key').value.trim());
  $('key').value = '';
  start();
});
$('forget-key').addEventListener('click', () => {
  forgetKey();
  askForKey('');
});
window.addEventListener('hashchange', () => {
  if (!$('key-form').hidden) return;
  show(route().view);
  polls = 0;
  tick();
});
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible' && $('key-form').hidden) tick();
});

// the key is asked for once per tab; a 401 later (a key revoked, a typo) asks again
if (hasKey()) start(); else askForKey('');
