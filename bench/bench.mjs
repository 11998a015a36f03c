// The measurements of bench/run, against the release server it started (see bench/README.md).
// Every loop is bounded in count and in time; it only talks to 127.0.0.1.

import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import zlib from 'node:zlib';

const env = (name, fallback) => process.env[name] ?? fallback;
const BASE = env('BENCH_BASE', 'http://127.0.0.1:3900');
const SERVER_PID = Number(env('BENCH_SERVER_PID', '0'));
const DEVICES = Number(env('BENCH_DEVICES', '1000000'));
const SEED_SECONDS = env('BENCH_SEED_SECONDS', '');
const SEED_FRESH = env('BENCH_SEED_FRESH', '0') === '1';
const DIST = env('BENCH_DIST', 'dist');
const RESULTS = env('BENCH_RESULTS', 'target/bench/results.md');
const ONLY = new Set(env('BENCH_ONLY', 'api,grid,search,shapes,export,browser,render,spa,actions').split(',').map((s) => s.trim()));
const DB = env('BENCH_DB', '');
// The store the server under test runs on: sqlite or postgres (bench/run measures each in turn).
const STORE = env('BENCH_STORE', 'sqlite');
const STORE_LABEL = { sqlite: 'SQLite file', postgres: 'PostgreSQL', cluster: 'PostgreSQL, two servers behind HAProxy' }[STORE] ?? STORE;
const SERVER_BINARY = env('BENCH_SERVER', 'target/release/endpoint-admin-server');
const PIPELINE_EXAMPLE = env('BENCH_PIPELINE_EXAMPLE', 'target/release/examples/pipeline_throughput');
// Search terms, chosen from the demo data (bench/README.md): a 3-character fragment of user names
// and an 8-character fragment of corporate device names (CONTOSO-LT-00421).
// If the 8-character term matches nothing (smaller tenants number their assets differently), the
// harness takes the last 8 characters of the first CONTOSO-LT-… name instead.
const SEARCH_3 = env('BENCH_SEARCH_3', 'ade');
let SEARCH_8 = env('BENCH_SEARCH_8', 'lt-00421');

if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(BASE)) throw new Error(`BENCH_BASE must be http://127.0.0.1:PORT, not ${BASE}`);

const LIST = '/beta/deviceManagement/managedDevices';
const API_WARMUP = 3;
const API_REPS = 30;
const API_QUERY_SECONDS = 60; // at most this long timing one query (fewer reps then)
const BROWSER_REPS = 7;
const ACTION_TIMEOUT_MS = 15_000;

// --- results -----------------------------------------------------------------------------------

/** Rows of the final table: measurement, p50/value, p95/max, budget, ok (true/false/null). */
const table = [];
const problems = [];
// Every grid cell (view × sort), kept in the results' JSON so two runs can be compared cell by cell.
const gridCells = [];
const cpuNotes = [];
const addRow = (measurement, value, spread, budget, ok) => table.push({ measurement, value, spread, budget, ok });
const ms = (value) => (Number.isFinite(value) ? `${value.toFixed(1)} ms` : 'timeout');
const log = (...args) => console.log(...args);
const section = (title) => log(`\n== ${title}`);

/** Nearest-rank percentile of numbers (Infinity marks a timeout and sorts last). */
function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}
const median = (values) => percentile(values, 50);
const max = (values) => Math.max(...values);

// --- HTTP -----------------------------------------------------------------------------------------

let token = '';
const authHeaders = () => ({ Authorization: `Bearer ${token}` });

async function signIn() {
  const response = await fetch(`${BASE}/auth/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ userPrincipalName: 'admin@contoso.com', password: 'demo' }),
    signal: AbortSignal.timeout(30_000),
  });
  if (response.status !== 200) throw new Error(`POST /auth/token answered ${response.status}: ${await response.text()}`);
  token = (await response.json()).accessToken;
}

/** `$top=50&$count=true&…` as the SPA encodes it (form-urlencoded). */
function listUrl(options) {
  const query = new URLSearchParams({ $top: '50', $count: 'true', ...options });
  return `${BASE}${LIST}?${query}`;
}

/** One GET through global fetch (undici: keep-alive, Accept-Encoding gzip/deflate like a browser),
 * timed from the call to the last byte of the body. */
async function timedGet(url) {
  const start = performance.now();
  const response = await fetch(url, { headers: authHeaders(), signal: AbortSignal.timeout(30_000) });
  const body = await response.arrayBuffer();
  return { ms: performance.now() - start, status: response.status, body };
}

async function getJson(url) {
  const { status, body } = await timedGet(url);
  const text = Buffer.from(body).toString('utf8');
  if (status !== 200) throw new Error(`GET ${url} answered ${status}: ${text.slice(0, 300)}`);
  return JSON.parse(text);
}

async function count(options) {
  return (await getJson(listUrl({ ...options, $top: '1' })))['@odata.count'];
}

function rssKiB(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /^VmRSS:\s+(\d+) kB/m.exec(status);
  return match ? Number(match[1]) : NaN;
}

/** Keeps SEARCH_8 if it matches devices and its 7-character prefix matches more (so typing its last
 * character visibly changes the grid); else takes the last 8 characters of a CONTOSO-LT-… name. */
async function chooseSearchTerms() {
  const fits = async (term) => {
    const matches = await count({ $search: `"${term}"` });
    return matches > 0 && (await count({ $search: `"${term.slice(0, -1)}"` })) > matches;
  };
  if (!(await fits(SEARCH_8))) {
    const filter = "startswith(deviceName,'CONTOSO-LT-')";
    const named = await count({ $filter: filter });
    for (const share of [0.5, 0.25, 0.75, 0.1, 0.9]) {
      const skip = String(Math.floor(named * share));
      const name = (await getJson(listUrl({ $top: '1', $skip: skip, $orderby: 'deviceName asc', $select: 'deviceName', $filter: filter }))).value[0]?.deviceName;
      if (name && (await fits(name.slice(-8).toLowerCase()))) {
        log(`  "${SEARCH_8}" does not suit this tenant; searching "${name.slice(-8).toLowerCase()}" (from ${name}) instead`);
        SEARCH_8 = name.slice(-8).toLowerCase();
        break;
      }
    }
  }
  for (const term of [SEARCH_3, SEARCH_8]) {
    log(`  search term "${term}": ${await count({ $search: `"${term}"` })} devices; "${term.slice(0, -1)}": ${await count({ $search: `"${term.slice(0, -1)}"` })}`);
  }
}

/** CPU time (clock ticks) of the whole machine, the server and this process: what else ran. */
function cpuSnapshot() {
  const ticks = (file) => {
    const fields = fs.readFileSync(file, 'utf8').split(') ')[1].split(' ');
    return Number(fields[11]) + Number(fields[12]); // utime + stime
  };
  const cpu = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const idle = cpu[3] + cpu[4];
  const busy = cpu.reduce((a, b) => a + b, 0) - idle;
  return { at: performance.now(), busy, server: ticks(`/proc/${SERVER_PID}/stat`), self: ticks('/proc/self/stat') };
}

/** "server 0.9 cores, harness 0.2, everything else 0.7" between two snapshots. */
function cpuSummary(from, to) {
  const seconds = (to.at - from.at) / 1000;
  const hz = 100; // USER_HZ
  const cores = (delta) => (delta / hz / seconds).toFixed(2);
  const other = to.busy - from.busy - (to.server - from.server) - (to.self - from.self);
  return `CPU over ${seconds.toFixed(0)} s, in cores: server ${cores(to.server - from.server)}, harness ${cores(to.self - from.self)}, everything else ${cores(Math.max(0, other))} (of ${os.cpus().length})`;
}

// --- 4. API latency ---------------------------------------------------------------------------------

const THREE_FILTERS =
  "managementAgent eq 'configurationManagerClient' and complianceState eq 'configManager' and managedDeviceOwnerType eq 'company'";

// Page 10,000 of 50 at 1M devices; a page in the middle for smaller tenants.
const DEEP_SKIP = Math.min(499_950, Math.max(0, Math.floor(DEVICES / 2 / 50) * 50 - 50));

function apiQueries() {
  const columns = ['deviceName', 'managementAgent', 'managedDeviceOwnerType', 'complianceState', 'operatingSystem', 'osVersion', 'userPrincipalName', 'lastSyncDateTime'];
  return [
    { name: 'default view (no $orderby)', options: {} },
    ...columns.map((column) => ({ name: `$orderby=${column}`, options: { $orderby: `${column} asc` } })),
    { name: '1 filter (managementAgent)', options: { $filter: "managementAgent eq 'configurationManagerClient'" } },
    { name: '3 filters', options: { $filter: THREE_FILTERS } },
    { name: '3 filters, $orderby=lastSyncDateTime desc', options: { $filter: THREE_FILTERS, $orderby: 'lastSyncDateTime desc' } },
    { name: `$search 3 chars "${SEARCH_3}"`, options: { $search: `"${SEARCH_3}"` } },
    { name: `$search 8 chars "${SEARCH_8}"`, options: { $search: `"${SEARCH_8}"` } },
    {
      name: `deep page ${DEEP_SKIP / 50 + 1} ($skip=${DEEP_SKIP}, $orderby=deviceName)`,
      options: { $orderby: 'deviceName asc', $skip: String(DEEP_SKIP) },
      deep: true,
    },
  ];
}

async function benchApi() {
  section(`API latency: first page of 50 with $count=true, ${API_WARMUP} warm-up + ${API_REPS} timed requests each`);
  for (const query of apiQueries()) {
    const url = listUrl(query.options);
    let first;
    try {
      first = await getJson(url);
    } catch (error) {
      log(`  ${query.name}: ${error.message}`);
      addRow(`API: ${query.name}`, 'error', '', query.deep ? '≤ 100 ms' : 'p50 ≤ 20 ms, p95 ≤ 80 ms', false);
      problems.push(`API ${query.name}: ${error.message}`);
      continue;
    }
    const deadline = performance.now() + API_QUERY_SECONDS * 1000;
    for (let i = 0; i < API_WARMUP - 1 && performance.now() < deadline; i++) await timedGet(url).catch(() => null);
    const times = [];
    let errors = 0;
    while (times.length < API_REPS && performance.now() < deadline) {
      try {
        const { ms: elapsed, status } = await timedGet(url);
        if (status !== 200) errors++;
        times.push(elapsed);
      } catch (error) {
        errors++; // e.g. over the 30 s request timeout
        times.push(Infinity);
        log(`    request failed: ${error.message}`);
      }
    }
    const p50 = percentile(times, 50);
    const p95 = percentile(times, 95);
    const ok = errors === 0 && (query.deep ? p95 <= 100 : p50 <= 20 && p95 <= 80);
    const matched = first['@odata.count'];
    log(
      `  ${query.name.padEnd(58)} p50 ${ms(p50).padStart(9)}  p95 ${ms(p95).padStart(9)}  max ${ms(max(times)).padStart(9)}` +
        `  n=${times.length} @odata.count=${matched} rows=${first.value.length}${errors ? ` ERRORS=${errors}` : ''}`,
    );
    log(`    GET ${decodeURIComponent(url.slice(BASE.length))}`);
    addRow(
      `API: ${query.name} (${Number(matched).toLocaleString('en-US')} match)`,
      ms(p50),
      ms(p95),
      query.deep ? '≤ 100 ms' : 'p50 ≤ 20 ms, p95 ≤ 80 ms',
      ok,
    );
    if (first.value.length === 0) problems.push(`API ${query.name}: no rows came back (is the search term in the data?)`);
    if (!ok) await diagnose(query, p50, p95);
  }
}

// --- 4b. Every query the grid can send -------------------------------------------------------------

// Every column of the column chooser can be sorted (model/src/device_column.rs).
const SORTABLE = [
  'deviceName', 'managementAgent', 'managedDeviceOwnerType', 'complianceState', 'operatingSystem', 'osVersion',
  'userPrincipalName', 'lastSyncDateTime', 'serialNumber', 'manufacturer', 'model', 'enrolledDateTime',
  'managedDeviceName', 'managementState', 'deviceCategoryDisplayName', 'emailAddress', 'phoneNumber',
  'wiFiMacAddress', 'freeStorageSpaceInBytes', 'totalStorageSpaceInBytes', 'isEncrypted', 'joinType',
];
// The shapes of view the Filter pane and the search box make, as the SPA spells them.
const GRID_VIEWS = [
  { name: 'no filter', options: {} },
  { name: 'Managed by: Co-managed', options: { $filter: "managementAgent in ('configurationManagerClientMdm', 'configurationManagerClientMdmEas')" } },
  { name: 'OS: macOS', options: { $filter: "operatingSystem eq 'macOS'" } },
  { name: 'Ownership: Personal, Compliance: Noncompliant', options: { $filter: "managedDeviceOwnerType eq 'personal' and complianceState eq 'noncompliant'" } },
  { name: '3 filters', options: { $filter: THREE_FILTERS } },
  { name: `search "${SEARCH_3}"`, options: { $search: `"${SEARCH_3}"` } },
];
const GRID_REPS = 8;
const GRID_BUDGET_P95 = 100;

/** p50/p95 of `reps` timed first pages of `options` after one warm-up; Infinity for a failure. */
async function timeQuery(options, reps) {
  const url = listUrl(options);
  const first = await getJson(url);
  const times = [];
  for (let i = 0; i < reps; i++) {
    const { ms: elapsed, status } = await timedGet(url).catch(() => ({ ms: Infinity, status: 0 }));
    times.push(status === 200 ? elapsed : Infinity);
  }
  return { p50: percentile(times, 50), p95: percentile(times, 95), count: first['@odata.count'] };
}

async function benchGrid() {
  section(`Grid queries: every sortable column (${SORTABLE.length}) × ${GRID_VIEWS.length} views, ascending, 1 warm-up + ${GRID_REPS} timed each`);
  const results = [];
  for (const view of GRID_VIEWS) {
    for (const column of SORTABLE) {
      const result = await timeQuery({ ...view.options, $orderby: `${column} asc` }, GRID_REPS);
      results.push({ view: view.name, column, ...result });
    }
    const cells = results.filter((r) => r.view === view.name);
    const worst = cells.sort((a, b) => b.p95 - a.p95)[0];
    const within = cells.filter((r) => r.p95 <= GRID_BUDGET_P95).length;
    log(`  ${view.name.padEnd(48)} ${String(within).padStart(2)} of ${cells.length} within, worst p95 ${ms(worst.p95).padStart(9)} ($orderby=${worst.column})`);
  }
  gridCells.push(...results);
  results.sort((a, b) => b.p95 - a.p95);
  const within = results.filter((r) => r.p95 <= GRID_BUDGET_P95).length;
  const worst = results[0];
  addRow(
    `Grid: worst sortable column × view of ${results.length} (${worst.view}, $orderby=${worst.column}; ${within} of ${results.length} within budget)`,
    ms(worst.p50),
    ms(worst.p95),
    'p95 ≤ 100 ms',
    worst.p95 <= GRID_BUDGET_P95,
  );
  for (const r of results.filter((r) => r.p95 > GRID_BUDGET_P95).slice(0, 8)) {
    problems.push(`Grid ${r.view}, $orderby=${r.column} asc: p50 ${ms(r.p50)}, p95 ${ms(r.p95)} (${r.count} match)`);
  }
}

// --- 4c. Searches that match many devices, or have few characters -----------------------------------

const BROAD_SEARCHES = [
  { name: '1 character "a"', term: 'a' },
  { name: '2 characters "ad"', term: 'ad' },
  { name: 'common name prefix "con" (CONTOSO-…)', term: 'con' },
  { name: 'common name prefix "des" (DESKTOP-…)', term: 'des' },
  { name: 'nearly every device "contoso"', term: 'contoso' },
];

async function benchSearch() {
  section(`Searches: few characters, or matching most devices; first page of 50 with $count=true, 1 warm-up + ${API_REPS} timed each`);
  for (const search of BROAD_SEARCHES) {
    const { p50, p95, count } = await timeQuery({ $search: `"${search.term}"` }, API_REPS);
    log(`  ${search.name.padEnd(48)} p50 ${ms(p50).padStart(9)}  p95 ${ms(p95).padStart(9)}  @odata.count=${count}`);
    addRow(`Search: ${search.name} (${Number(count).toLocaleString('en-US')} match)`, ms(p50), ms(p95), 'p95 ≤ 50 ms', p95 <= 50);
  }
}

/** For a query over budget: the same page without $count (is the count the cost?). */
async function diagnose(query, p50, p95) {
  const url = listUrl({ ...query.options, $count: 'false' });
  const times = [];
  for (let i = 0; i < 12; i++) times.push((await timedGet(url).catch(() => ({ ms: Infinity }))).ms);
  const without = percentile(times.slice(2), 50);
  const line =
    `API ${query.name}: p50 ${ms(p50)}, p95 ${ms(p95)}; without $count=true p50 ${ms(without)}` +
    ` — GET ${decodeURIComponent(listUrl(query.options).slice(BASE.length))}`;
  log(`    over budget; ${line.slice(line.indexOf('without'))}`);
  problems.push(line);
}

// --- 4d. The query shapes administrators send, rows apart from counts --------------------------------

// All devices asks for a view's rows and its count apart, so the rows never wait for the count:
// the number that matters for a shape is its page alone, as the SPA asks it (its `$filter`,
// `$search` and `$orderby`, then `$top` and `$skip`, no `$count`). The counts are rows of their own.
const SHAPE_BUDGET_MS = 50; // a page of rows, and a bounded count
const EXACT_COUNT_BUDGET_MS = 1000; // the exact count refines the bounded one later: it may take longer
// Sixty-odd shapes: at most 20 s each rather than the api section's 60 (a 1 s query still gets 20
// samples), so that at 1M the section cannot take the whole of bench/run's time for the harness.
const SHAPE_QUERY_SECONDS = 20;
// All devices' bounded count (COUNT_AT_MOST in src/pages/devices/all_devices.rs).
const COUNT_AT_MOST = '10000';
// The device whose own values the eq, contains and startswith shapes look for: the 1000th by name,
// an ordinary device rather than the first (whose name sorts first and may be an outlier).
const VALUE_DEVICE_SKIP = Math.max(0, Math.min(999, DEVICES - 200));
const VALUE_PROPERTIES = ['deviceName', 'userPrincipalName', 'serialNumber', 'azureADDeviceId', 'imei'];

/** A view's page of rows as the SPA asks it once the count is asked apart (no `$count`). */
function rowsUrl(options) {
  const query = new URLSearchParams({ ...options, $top: options.$top ?? '50', $skip: options.$skip ?? '0' });
  return `${BASE}${LIST}?${query}`;
}

/** `…/managedDevices/$count` of a view's `$filter`/`$search`: bounded (`atMost`, JSON) or exact (text). */
function countUrl(options, atMost) {
  const query = new URLSearchParams(atMost ? { ...options, atMost } : options);
  return `${BASE}${LIST}/$count?${query}`;
}

/** The URL as a reader types it, for the log and the problems: decoded, `+` as the space it is. */
const shownUrl = (url) => `GET ${decodeURIComponent(url.slice(BASE.length).replace(/\+/g, ' '))}`;

/** An OData string literal: quotes doubled ("Adele's iPad" → 'Adele''s iPad'). */
const literal = (text) => `'${text.replace(/'/g, "''")}'`;

/** Seconds precision, as an admin types a date (`2026-06-01T00:00:00Z`). */
const isoSeconds = (date) => date.toISOString().replace(/\.\d{3}Z$/, 'Z');

/** Graph's exact `$count` of a view (text/plain). */
async function exactCount(options) {
  const { status, body } = await timedGet(countUrl(options));
  const text = Buffer.from(body).toString('utf8').trim();
  if (status !== 200 || !/^\d+$/.test(text)) throw new Error(`${shownUrl(countUrl(options))} answered ${status}: ${text.slice(0, 300)}`);
  return Number(text);
}

/** As the api section: 3 warm-up (the first kept, to describe the answer), then up to 30 timed,
 * for at most SHAPE_QUERY_SECONDS; a failed or non-200 request times as Infinity. */
async function timeShape(url) {
  const first = await timedGet(url);
  const text = Buffer.from(first.body).toString('utf8');
  if (first.status !== 200) throw new Error(`answered ${first.status}: ${text.slice(0, 300)}`);
  const deadline = performance.now() + SHAPE_QUERY_SECONDS * 1000;
  for (let i = 0; i < API_WARMUP - 1 && performance.now() < deadline; i++) await timedGet(url).catch(() => null);
  const times = [];
  let errors = 0;
  while (times.length < API_REPS && performance.now() < deadline) {
    try {
      const { ms: elapsed, status } = await timedGet(url);
      if (status !== 200) errors++;
      times.push(status === 200 ? elapsed : Infinity);
    } catch (error) {
      errors++; // e.g. over the 30 s request timeout
      times.push(Infinity);
      log(`    request failed: ${error.message}`);
    }
  }
  return { text, times, errors };
}

/** What came back, to show a shape is not empty: rows of a page, or the count. */
function describeAnswer(kind, text) {
  if (kind === 'exact') {
    if (!/^\d+$/.test(text.trim())) throw new Error(`answered 200 but not a number: ${text.slice(0, 300)}`);
    return { found: Number(text.trim()), summary: `count=${text.trim()}` };
  }
  const json = JSON.parse(text);
  if (kind === 'bounded') return { found: json.count, summary: `count=${json.count} isExact=${json.isExact}`, json };
  return { found: json.value.length, summary: `rows=${json.value.length}${json['@odata.nextLink'] ? ' (more)' : ''}`, json };
}

/** Times one shape and adds its row; `kind` is rows, bounded or exact. Returns the first answer's JSON. */
async function measureShape(name, url, kind = 'rows') {
  const budget = kind === 'exact' ? EXACT_COUNT_BUDGET_MS : SHAPE_BUDGET_MS;
  const budgetText = kind === 'exact' ? '≤ 1 s' : '≤ 50 ms';
  let timed;
  let answer;
  try {
    timed = await timeShape(url);
    answer = describeAnswer(kind, timed.text);
  } catch (error) {
    log(`  ${name}: ${error.message}`);
    log(`    ${shownUrl(url)}`);
    addRow(`Shapes: ${name}`, 'error', '', budgetText, false);
    problems.push(`Shapes ${name}: ${error.message} — ${shownUrl(url)}`);
    return null;
  }
  const p50 = percentile(timed.times, 50);
  const p95 = percentile(timed.times, 95);
  // A bare budget is the p95's, as the api section's deep page.
  const ok = timed.errors === 0 && p95 <= budget;
  log(
    `  ${name.padEnd(72)} p50 ${ms(p50).padStart(9)}  p95 ${ms(p95).padStart(9)}  max ${ms(max(timed.times)).padStart(9)}` +
      `  n=${timed.times.length} ${answer.summary}${timed.errors ? ` ERRORS=${timed.errors}` : ''}`,
  );
  log(`    ${shownUrl(url)}`);
  // The count goes to the log, not the row's name: each store's tenant was seeded at its own time,
  // so date ranges and the looked-up values can match differently, and report.mjs joins by name.
  addRow(`Shapes: ${name}`, ms(p50), ms(p95), budgetText, ok);
  if (answer.found === 0) problems.push(`Shapes ${name}: nothing matched, so it measures an empty answer — ${shownUrl(url)}`);
  if (!ok) problems.push(`Shapes ${name}: p50 ${ms(p50)}, p95 ${ms(p95)} (budget ${budgetText}${timed.errors ? `, ${timed.errors} errors` : ''}) — ${shownUrl(url)}`);
  return answer.json ?? null;
}

/** One real device's values (the 1000th by name), so that eq finds a row. A property that device
 * has not (a shared device has no user, the Entra id is a joined device's) comes from the next
 * device by name that has it; the IMEI, a phone's, from the 1000th phone by name (or the first,
 * in a small tenant), since the names around the 1000th device are all PCs' (CONTOSO-DT-…). */
async function valuesToLookUp() {
  const select = ['id', ...VALUE_PROPERTIES].join(',');
  const page = await getJson(rowsUrl({ $orderby: 'deviceName asc', $top: '200', $skip: String(VALUE_DEVICE_SKIP), $select: select }));
  const has = (device, property) => typeof device?.[property] === 'string' && device[property] !== '';
  const values = {};
  for (const property of VALUE_PROPERTIES) {
    const at = page.value.findIndex((device) => has(device, property));
    let device = page.value[at];
    let where = `device ${VALUE_DEVICE_SKIP + at + 1} by name`;
    if (at === -1) {
      // `gt ''` leaves out both '' and null.
      for (const skip of [VALUE_DEVICE_SKIP, 0]) {
        device = (await getJson(rowsUrl({ $filter: `${property} gt ''`, $orderby: 'deviceName asc', $top: '1', $skip: String(skip), $select: select }))).value[0];
        where = `device ${skip + 1} by name of those with one`;
        if (has(device, property)) break;
      }
      if (!has(device, property)) throw new Error(`no device has ${property}`);
    }
    values[property] = device[property];
    log(`  ${property} = ${values[property]} (${where}, ${device.deviceName})`);
  }
  return values;
}

/** The last 4 characters before any `@`: the end of an asset number, a serial or a user's name is what
 * tells one device from another, where the domain or the CONTOSO- prefix matches thousands. */
const fragmentOf = (value) => value.split('@')[0].slice(-4);

/** `enrolledDateTime ge D` for Windows devices, with D the first of a month about 40 % of the way back
 * from the newest enrollment to the oldest. The demo tenant enrolls devices evenly over the three
 * years before it was seeded, so on a tenant seeded in December 2026 the issue's 2026-06-01 matches
 * only about a sixth of Windows devices; and each store's tenant (and the kept 1M one) was seeded at
 * its own time, so no fixed date matches alike everywhere. 40 % (2025-10-01 for a tenant seeded on
 * 2026-12-06: about 39 %) sits between the third and the half asked for: a broad view whose sort
 * orders a few hundred thousand rows at 1M unless an index serves it. */
async function enrolledSince() {
  const windows = "operatingSystem eq 'Windows'";
  const edge = async (direction) =>
    new Date((await getJson(rowsUrl({ $filter: windows, $orderby: `enrolledDateTime ${direction}`, $top: '1', $select: 'enrolledDateTime' }))).value[0].enrolledDateTime);
  const oldest = await edge('asc');
  const newest = await edge('desc');
  const back = new Date(newest.getTime() - 0.4 * (newest.getTime() - oldest.getTime()));
  const since = new Date(Date.UTC(back.getUTCFullYear(), back.getUTCMonth() + 1, 1));
  const filter = `${windows} and enrolledDateTime ge ${isoSeconds(since)}`;
  const all = await exactCount({ $filter: windows });
  const matched = await exactCount({ $filter: filter });
  const share = matched / all;
  log(`  Windows devices enrolled ${isoSeconds(oldest)} … ${isoSeconds(newest)}; since ${isoSeconds(since)}: ${matched} of ${all} (${(share * 100).toFixed(0)} %)`);
  if (!(share >= 1 / 3 && share <= 1 / 2)) problems.push(`Shapes: enrolledDateTime ge ${isoSeconds(since)} matches ${(share * 100).toFixed(0)} % of Windows devices, not a third to a half`);
  return filter;
}

/** `lastSyncDateTime ge` seven days before the newest check-in: the devices seen this week. */
async function syncedThisWeek() {
  const newest = new Date((await getJson(rowsUrl({ $orderby: 'lastSyncDateTime desc', $top: '1', $select: 'lastSyncDateTime' }))).value[0].lastSyncDateTime);
  return `lastSyncDateTime ge ${isoSeconds(new Date(newest.getTime() - 7 * 24 * 3600 * 1000))}`;
}

async function benchShapes() {
  section(`Query shapes, rows only (page of 50, no $count) and counts apart: ${API_WARMUP} warm-up + up to ${API_REPS} timed each, at most ${SHAPE_QUERY_SECONDS} s`);

  // 1. The search box, as the SPA sends it ($search="…").
  const searches = [
    ['1 character', 'a'],
    ['2 characters', 'ad'],
    ['3 characters', SEARCH_3],
    ['broad', 'LT-'],
    ['broad', 'CONTOSO-'],
    ['nearly every device', 'contoso'],
    ['8 characters, rare', SEARCH_8],
  ];
  for (const [what, term] of searches) await measureShape(`$search "${term}" (${what})`, rowsUrl({ $search: `"${term}"` }));

  // 2. Looking a device up by what an admin or a script has in hand.
  const values = await valuesToLookUp();
  for (const property of ['deviceName', 'userPrincipalName', 'serialNumber']) {
    const value = values[property];
    await measureShape(`contains(${property}, 4 characters of a device's)`, rowsUrl({ $filter: `contains(${property},${literal(fragmentOf(value))})` }));
    await measureShape(`startswith(${property}, its first 6 characters)`, rowsUrl({ $filter: `startswith(${property},${literal(value.slice(0, 6))})` }));
    await measureShape(`${property} eq a device's`, rowsUrl({ $filter: `${property} eq ${literal(value)}` }));
  }
  for (const property of ['azureADDeviceId', 'imei']) {
    await measureShape(`${property} eq a device's`, rowsUrl({ $filter: `${property} eq ${literal(values[property])}` }));
  }
  // As the issue wrote them.
  for (const filter of ["contains(userPrincipalName,'aisha')", "contains(deviceName,'DESK')", "startswith(deviceName,'CONTOSO-LT-0')"]) {
    await measureShape(filter, rowsUrl({ $filter: filter }));
  }

  // 3. Sorts without a filter: every sortable column of the grid ascending, and descending too for
  // four that no index holds (an indexed column's descending page is the same index read backwards),
  // where either direction sorts every row; then one of them under the most common filter.
  for (const column of SORTABLE) await measureShape(`$orderby=${column} asc`, rowsUrl({ $orderby: `${column} asc` }));
  for (const column of ['model', 'serialNumber', 'enrolledDateTime', 'manufacturer']) {
    await measureShape(`$orderby=${column} desc`, rowsUrl({ $orderby: `${column} desc` }));
  }
  await measureShape(
    "managementAgent eq 'configurationManagerClient', $orderby=serialNumber asc",
    rowsUrl({ $filter: "managementAgent eq 'configurationManagerClient'", $orderby: 'serialNumber asc' }),
  );

  // 4. Date ranges, sorted by their date.
  await measureShape(
    "operatingSystem eq 'Windows' and enrolledDateTime ge (≈40 % of them), $orderby=enrolledDateTime desc",
    rowsUrl({ $filter: await enrolledSince(), $orderby: 'enrolledDateTime desc' }),
  );
  await measureShape(
    'lastSyncDateTime ge (7 days before the newest), $orderby=lastSyncDateTime desc',
    rowsUrl({ $filter: await syncedThisWeek(), $orderby: 'lastSyncDateTime desc' }),
  );

  // 5. The biggest page Graph clients ask for (scripts walking the tenant), few properties.
  const select = 'id,deviceName,serialNumber,userPrincipalName,lastSyncDateTime';
  await measureShape(`$top=999&$select=… (first page)`, rowsUrl({ $top: '999', $select: select }));
  await measureShape(`$top=999&$select=…, 3 filters (first page)`, rowsUrl({ $filter: THREE_FILTERS, $top: '999', $select: select }));

  // 6. The counts All devices asks apart from the rows: bounded first, then exact.
  const counted = [
    ['$search "LT-"', { $search: '"LT-"' }],
    ['$search "a"', { $search: '"a"' }],
    ["contains(deviceName,'DESK')", { $filter: "contains(deviceName,'DESK')" }],
  ];
  for (const [name, options] of counted) await measureShape(`bounded count (atMost=${COUNT_AT_MOST}): ${name}`, countUrl(options, COUNT_AT_MOST), 'bounded');
  for (const [name, options] of counted) await measureShape(`exact $count: ${name}`, countUrl(options), 'exact');

  // 7. The page after a deep one, by the @odata.nextLink the server gave (as Graph clients page). Its
  // $skiptoken encodes an offset today; a key-set token would not read the rows before the page.
  // The deep page by $skip is timed too, for comparison.
  for (const order of ['deviceName asc', 'deviceName desc', 'lastSyncDateTime desc']) {
    const start = await measureShape(`page at $skip=${DEEP_SKIP}, $orderby=${order}`, rowsUrl({ $orderby: order, $skip: String(DEEP_SKIP) }));
    const link = start?.['@odata.nextLink'];
    const name = `next page by @odata.nextLink after $skip=${DEEP_SKIP}, $orderby=${order}`;
    if (!link) {
      log(`  ${name}: the page at $skip=${DEEP_SKIP} has no @odata.nextLink`);
      addRow(`Shapes: ${name}`, 'error', '', '≤ 50 ms', false);
      problems.push(`Shapes ${name}: the page at $skip=${DEEP_SKIP} has no @odata.nextLink`);
      continue;
    }
    // The link is absolute, at the Host this harness addressed; keep only its path and query.
    const next = new URL(link);
    const following = await measureShape(name, `${BASE}${next.pathname}${next.search}`);
    if (following && following.value[0]?.id === start.value[0]?.id) problems.push(`Shapes ${name}: the next page begins with the same device as the page before it`);
  }
}

// --- 5. Export --------------------------------------------------------------------------------------

/** Streams `$format=csv` of every device, counting lines, while sampling the server's RSS. */
function exportOnce({ gzip }) {
  return new Promise((resolve, reject) => {
    const url = new URL(`${BASE}${LIST}?${new URLSearchParams({ $format: 'csv' })}`);
    const headers = authHeaders(); // and no Accept-Encoding at all, unless gzip
    if (gzip) headers['Accept-Encoding'] = 'gzip';
    const rssBefore = rssKiB(SERVER_PID);
    let rssMax = rssBefore;
    const sampler = setInterval(() => {
      const rss = rssKiB(SERVER_PID);
      if (rss > rssMax) rssMax = rss;
    }, 50);
    const start = performance.now();
    let lines = 0;
    let bytes = 0;
    let wireBytes = 0;
    let lastByte = -1;
    const finish = (error, extra) => {
      clearInterval(sampler);
      clearTimeout(overall);
      if (error) return reject(error);
      const rss = rssKiB(SERVER_PID);
      if (rss > rssMax) rssMax = rss;
      resolve({ seconds: (performance.now() - start) / 1000, lines, bytes, wireBytes, rssBefore, rssMax, rssAfter: rss, ...extra });
    };
    const request = http.request(url, { headers, agent: false }, (response) => {
      if (response.statusCode !== 200) {
        let text = '';
        response.on('data', (chunk) => (text += chunk));
        response.on('end', () => finish(new Error(`export answered ${response.statusCode}: ${text.slice(0, 300)}`)));
        return;
      }
      const encoding = response.headers['content-encoding'] ?? 'identity';
      response.on('data', (chunk) => (wireBytes += chunk.length));
      let body = response;
      if (encoding === 'gzip') body = response.pipe(zlib.createGunzip());
      else if (encoding !== 'identity') return finish(new Error(`unexpected Content-Encoding ${encoding}`));
      body.on('data', (chunk) => {
        bytes += chunk.length;
        for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) lines++;
        lastByte = chunk[chunk.length - 1];
      });
      body.on('end', () => finish(null, { encoding, contentType: response.headers['content-type'], endsWithNewline: lastByte === 10 }));
      body.on('error', (error) => finish(error));
    });
    request.on('error', (error) => finish(error));
    request.setTimeout(60_000, () => request.destroy(new Error('export stalled for 60 s')));
    const overall = setTimeout(() => request.destroy(new Error('export took over 15 minutes')), 15 * 60_000);
    request.end();
  });
}

async function benchExport() {
  section('Export: GET …/managedDevices?$format=csv, every row');
  const expected = await count({});
  // Twice uncompressed (the first after start reads through a cold SQLite cache), then gzip.
  const runs = [
    { gzip: false, label: 'no Accept-Encoding, 1st', first: true },
    { gzip: false, label: 'no Accept-Encoding, 2nd' },
    { gzip: true, label: 'Accept-Encoding: gzip (reference)' },
  ];
  for (const { gzip, label, first } of runs) {
    let run;
    try {
      run = await exportOnce({ gzip });
    } catch (error) {
      log(`  ${label}: ${error.message}`);
      problems.push(`Export (${label}): ${error.message}`);
      addRow(`Export: ${label}`, 'error', '', gzip ? '–' : '≥ 200,000 rows/s', gzip ? null : false);
      continue;
    }
    // A header line, then one line per device (no cell of the demo data holds a line break).
    const rows = run.lines - (run.endsWithNewline ? 1 : 0);
    const rowsPerSecond = rows / run.seconds;
    const growthMiB = (run.rssMax - run.rssBefore) / 1024;
    log(
      `  ${label}: ${rows.toLocaleString('en-US')} rows (expected ${expected.toLocaleString('en-US')}) in ${run.seconds.toFixed(2)} s = ` +
        `${Math.round(rowsPerSecond).toLocaleString('en-US')} rows/s; ${(run.bytes / 1e6).toFixed(1)} MB CSV, ` +
        `${(run.wireBytes / 1e6).toFixed(1)} MB on the wire (${run.encoding}); server RSS ${(run.rssBefore / 1024).toFixed(1)} → max ` +
        `${(run.rssMax / 1024).toFixed(1)} MiB (+${growthMiB.toFixed(1)}), after ${(run.rssAfter / 1024).toFixed(1)} MiB`,
    );
    if (rows !== expected) problems.push(`Export (${label}): ${rows} rows, but @odata.count is ${expected}`);
    if (!gzip) {
      if (first) addRow(`Export: rows (${label})`, rows.toLocaleString('en-US'), `expected ${expected.toLocaleString('en-US')}`, '= @odata.count', rows === expected);
      addRow(`Export: seconds / rows per second (${label})`, `${run.seconds.toFixed(2)} s`, `${Math.round(rowsPerSecond).toLocaleString('en-US')} rows/s`, '≥ 200,000 rows/s', rowsPerSecond >= 200_000);
      addRow(`Export: server RSS growth, max − before, 50 ms samples (${label})`, `+${growthMiB.toFixed(1)} MiB`, `before ${(run.rssBefore / 1024).toFixed(0)} MiB, max ${(run.rssMax / 1024).toFixed(0)} MiB`, '< 50 MB', growthMiB * 1.048576 < 50);
    } else {
      addRow(
        `Export: gzip (reference)`,
        `${run.seconds.toFixed(2)} s, ${Math.round(rowsPerSecond).toLocaleString('en-US')} rows/s`,
        `${(run.wireBytes / 1e6).toFixed(1)} MB gzip of ${(run.bytes / 1e6).toFixed(1)} MB, RSS +${growthMiB.toFixed(1)} MiB`,
        '–',
        null,
      );
    }
  }
}

// --- 6. Browser -------------------------------------------------------------------------------------

const DEFAULT_COLUMNS = ['Device name', 'Managed by', 'Ownership', 'Compliance', 'OS', 'OS version', 'Primary user UPN', 'Last check-in'];

// In-page helpers, installed into every document before its scripts run.
const IN_PAGE = `(() => {
  if (window.top !== window) return;
  // The page's grid: All devices', or a device's Applications.
  const grid = () => document.querySelector('table.grid');
  const summary = () => { const s = document.querySelector('.pager-summary'); return s ? s.textContent : ''; };
  const rows = () => { const t = grid(); const b = t && t.tBodies[0]; return b ? b.textContent : ''; };
  // Data rows shown: the grid is not busy, its body has rows that are not skeletons, the pager counts.
  const ready = () => {
    const table = grid();
    if (!table || table.getAttribute('aria-busy') !== 'false') return false;
    if (table.querySelectorAll('tbody tr:not(.skeleton-row)').length === 0) return false;
    return summary().trim().length > 0;
  };
  // Records the time the DOM met the condition, then the time after the next frame (painted).
  const settle = (state, observer) => {
    state.dom = performance.now();
    observer.disconnect();
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => { state.painted = performance.now(); };
      channel.port2.postMessage(0);
    });
  };
  // Navigation: from the navigation's start (performance's time origin) to the first data rows.
  const nav = window.__benchNav = { dom: null, painted: null };
  const navObserver = new MutationObserver(() => { if (nav.dom === null && ready()) settle(nav, navObserver); });
  navObserver.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  // Actions: armed by the harness, started by the next trusted click/keydown, ended by the condition.
  window.__benchArm = (spec) => {
    const before = { rows: rows(), summary: summary() };
    const state = window.__benchAction = { t0: null, dom: null, painted: null, before: before.summary, after: null };
    const done = () => {
      if (state.t0 === null || state.dom !== null || !ready()) return;
      if (spec.path && location.pathname !== spec.path) return;
      if (spec.search && !location.search.includes(spec.search)) return;
      if (spec.rowsChange && rows() === before.rows) return;
      if (spec.summaryChange && summary() === before.summary) return;
      if (spec.rowsOrSummaryChange && rows() === before.rows && summary() === before.summary) return;
      if (spec.sort) {
        const th = grid().querySelectorAll('thead th[scope="col"]')[spec.sort.index];
        if (!th || th.getAttribute('aria-sort') !== spec.sort.value) return;
      }
      state.after = summary();
      settle(state, observer);
    };
    const observer = new MutationObserver(done);
    observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
    document.addEventListener(spec.trigger, () => { if (state.t0 === null) state.t0 = performance.now(); done(); }, { capture: true, once: true });
  };
})();`;

const gridReady = () =>
  window.__benchNav !== undefined &&
  (() => {
    const table = document.querySelector('table[aria-label="Devices"]');
    if (!table || table.getAttribute('aria-busy') !== 'false') return false;
    if (table.querySelectorAll('tbody tr:not(.skeleton-row)').length === 0) return false;
    const summary = document.querySelector('.pager-summary');
    return !!summary && summary.textContent.startsWith('Showing');
  })();

async function openGrid(page, query = '') {
  await page.goto(`${BASE}/devices/all${query}`);
  await page.waitForFunction(gridReady, null, { timeout: 30_000 });
}

/** Arms the in-page timer, runs `act` (which clicks or types), returns ms from event to painted. */
async function timeAction(page, spec, act) {
  await page.evaluate((s) => window.__benchArm(s), spec);
  await act();
  try {
    await page.waitForFunction(() => window.__benchAction.painted !== null, null, { timeout: ACTION_TIMEOUT_MS, polling: 50 });
  } catch {
    const state = await page.evaluate(() => window.__benchAction).catch(() => ({}));
    return { ms: Infinity, domMs: Infinity, state };
  }
  const state = await page.evaluate(() => window.__benchAction);
  return { ms: state.painted - state.t0, domMs: state.dom - state.t0, state };
}

function browserRow(name, times, budgetMs, note = '') {
  const mid = median(times);
  const worst = max(times);
  log(`  ${name.padEnd(58)} median ${ms(mid).padStart(9)}  max ${ms(worst).padStart(9)}  [${times.map((t) => (Number.isFinite(t) ? t.toFixed(0) : '∞')).join(', ')}]${note}`);
  addRow(`Browser: ${name}`, ms(mid), ms(worst), `≤ ${budgetMs} ms`, mid <= budgetMs && Number.isFinite(worst));
  if (!times.every(Number.isFinite)) problems.push(`Browser ${name}: ${times.filter((t) => !Number.isFinite(t)).length} repetition(s) never reached the expected state in ${ACTION_TIMEOUT_MS / 1000} s`);
}

/** Chromium with one page signed in through the UI (the token lives in its sessionStorage), on All devices. */
async function signedInBrowser() {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    timeout: 60_000,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  // No request interception (it would add a round trip to Playwright to every request): the SPA
  // only talks to its own origin, and the flags above keep Chromium's own traffic off.
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  await page.addInitScript(IN_PAGE);
  await page.goto(`${BASE}/devices/all`);
  await page.waitForURL(/\/signin/);
  await page.getByLabel('User name').fill('admin@contoso.com');
  await page.getByLabel('Password').fill('demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/signin'));
  await page.waitForFunction(gridReady, null, { timeout: 30_000 });
  return { browser, page };
}

async function benchBrowser() {
  section(`Browser: Chromium (/usr/bin/chromium, headless), ${BROWSER_REPS} repetitions each after a warm-up, timed in the page`);
  const { browser, page } = await signedInBrowser();
  try {
    const headers = await page.locator('table[aria-label="Devices"] thead th[scope="col"]').allTextContents();
    const labels = headers.map((text) => text.replace(/[↑↓]/g, '').trim());
    if (JSON.stringify(labels) !== JSON.stringify(['', ...DEFAULT_COLUMNS])) throw new Error(`unexpected grid columns: ${JSON.stringify(labels)}`);

    // Full navigation (reload of /devices/all: HTML, JS, wasm from cache or revalidated, API).
    const navTimes = [];
    const navDom = [];
    for (let i = 0; i <= BROWSER_REPS; i++) {
      await page.goto(`${BASE}/devices/all`, { waitUntil: 'commit' });
      let nav;
      try {
        await page.waitForFunction(() => window.__benchNav && window.__benchNav.painted !== null, null, { timeout: ACTION_TIMEOUT_MS, polling: 50 });
        nav = await page.evaluate(() => window.__benchNav);
      } catch {
        nav = { painted: Infinity, dom: Infinity };
      }
      if (i > 0) {
        navTimes.push(nav.painted);
        navDom.push(nav.dom);
      }
    }
    browserRow('load /devices/all → first rows painted', navTimes, 500, `  (DOM ready median ${ms(median(navDom))})`);

    // In-app navigation: Devices overview → the total's link to All devices.
    const appTimes = [];
    for (let i = 0; i <= BROWSER_REPS; i++) {
      await page.goto(`${BASE}/devices`);
      const link = page.locator('a[data-count="total"]');
      await link.waitFor();
      const result = await timeAction(page, { trigger: 'click', path: '/devices/all' }, () => link.click());
      if (i > 0) appTimes.push(result.ms);
    }
    browserRow('in-app link Devices → All devices → rows painted', appTimes, 500);

    // Next page: from page 1, Next over and over.
    const nextTimes = [];
    await openGrid(page);
    const next = page.getByRole('button', { name: 'Next', exact: true });
    for (let i = 0; i <= BROWSER_REPS; i++) {
      const result = await timeAction(page, { trigger: 'click', rowsChange: true, summaryChange: true }, () => next.click());
      if (i > 0) nextTimes.push(result.ms);
      if (!Number.isFinite(result.ms)) await openGrid(page);
    }
    browserRow('Next page click → new rows', nextTimes, 150);

    // Sort: a header's sort button, alternating ascending/descending over four columns.
    const sortTimes = [];
    const sorts = [];
    for (const column of ['Last check-in', 'Device name', 'Primary user UPN', 'OS version']) sorts.push(column, column);
    await openGrid(page);
    for (let i = 0; i <= sorts.length && i <= BROWSER_REPS; i++) {
      const column = sorts[i % sorts.length];
      const index = 1 + DEFAULT_COLUMNS.indexOf(column);
      const header = page.locator('table[aria-label="Devices"] thead th[scope="col"]').nth(index);
      const current = await header.getAttribute('aria-sort');
      const value = current === 'ascending' ? 'descending' : 'ascending';
      const result = await timeAction(page, { trigger: 'click', rowsChange: true, sort: { index, value } }, () => header.getByRole('button').click());
      if (i > 0) sortTimes.push(result.ms);
      if (!Number.isFinite(result.ms)) await openGrid(page);
    }
    browserRow('sort header click → aria-sort + rows', sortTimes, 150);

    // Search: the view shows the term but its last character; type that character.
    for (const term of [SEARCH_3, SEARCH_8]) {
      const prefix = term.slice(0, -1);
      const [before, after] = [await count({ $search: `"${prefix}"` }), await count({ $search: `"${term}"` })];
      if (before === after) problems.push(`Browser search "${term}": "${prefix}" matches as many devices (${before}); only changed rows can end the timer`);
      const times = [];
      for (let i = 0; i <= Math.min(5, BROWSER_REPS); i++) {
        await openGrid(page, `?search=${encodeURIComponent(prefix)}`);
        const box = page.getByRole('searchbox', { name: 'Search' });
        await box.focus();
        await page.keyboard.press('End');
        const result = await timeAction(page, { trigger: 'keydown', search: `search=${encodeURIComponent(term)}`, rowsOrSummaryChange: true }, () =>
          page.keyboard.press(term.slice(-1)),
        );
        if (i > 0) times.push(result.ms);
      }
      browserRow(`search keystroke "${prefix}"+"${term.slice(-1)}" → rows (150 ms debounce)`, times, 300, `  (${before} → ${after} matches)`);
    }
  } finally {
    await browser.close();
  }
}

// --- 6b. Grid render ---------------------------------------------------------------------------------

const RENDER_ROWS = 1000;

/**
 * From the last byte of a 1,000-device answer to the first frame with all its rows painted: the
 * All devices grid, then a plain DOM table built from the same request's answer in the same app
 * (fetch, JSON.parse, a cell per column, on the Devices overview), the floor the grid is compared
 * with.
 */
async function benchRender() {
  section(`Grid render: last byte of the list's answer → all rows painted, beside a plain DOM table built from the same answer, ${BROWSER_REPS} repetitions after a warm-up`);
  const { browser, page } = await signedInBrowser();
  try {
    await renderGrid(page, {
      name: `All devices, ${RENDER_ROWS} rows`,
      path: `/devices/all?pageSize=${RENDER_ROWS}`,
      table: 'Devices',
      request: (rows) => `/beta/deviceManagement/managedDevices?$top=${rows}&$count=true`,
      matches: '/beta/deviceManagement/managedDevices?',
      rows: RENDER_ROWS,
      columns: ['deviceName', 'managementAgent', 'managedDeviceOwnerType', 'complianceState', 'operatingSystem', 'osVersion', 'userPrincipalName', 'lastSyncDateTime'],
    });
    // A ConfigMgr device's applications: all of them on one page (8–43).
    const device = (await getJson(listUrl({ $filter: "managementAgent eq 'configurationManagerClient'", $top: '1' }))).value[0];
    const apps = (await getJson(`${BASE}/beta/deviceManagement/managedDevices/${device.id}/applications?$top=1000`)).value.length;
    await renderGrid(page, {
      name: `Applications of a ConfigMgr device, ${apps} rows`,
      path: `/devices/${device.id}/applications?pageSize=1000`,
      table: 'Applications',
      request: () => `/beta/deviceManagement/managedDevices/${device.id}/applications?$top=1000&$count=true`,
      matches: `/managedDevices/${device.id}/applications?`,
      rows: apps,
      columns: ['name', 'publisher', 'version', 'installState', 'deploymentIntent', 'targetedTo', 'type'],
    });
  } finally {
    await browser.close();
  }
}

/** One grid's render against a plain DOM table of the same rows, timed the same way. */
async function renderGrid(page, grid) {
  const gridTimes = [];
  const gridDom = [];
  const plain = [];
  for (let i = 0; i <= BROWSER_REPS; i++) {
    await page.goto(`${BASE}${grid.path}`, { waitUntil: 'commit' });
    await page.waitForFunction(
      ({ table, rows }) =>
        document.querySelectorAll(`table[aria-label="${table}"] tbody tr:not(.skeleton-row)`).length === rows &&
        window.__benchNav && window.__benchNav.painted !== null,
      { table: grid.table, rows: grid.rows },
      { timeout: ACTION_TIMEOUT_MS, polling: 50 },
    );
    const gridMs = await page.evaluate(async ({ matches, rows }) => {
      // Painted: the frame after the rows' insertion (as `__benchNav` times All devices).
      const answer = performance
        .getEntriesByType('resource')
        .filter((entry) => entry.name.includes(matches))
        .pop();
      if (!answer) throw new Error('no resource timing for the list request');
      const nav = window.__benchNav;
      if (nav && nav.painted !== null) return { painted: nav.painted - answer.responseEnd, dom: nav.dom - answer.responseEnd };
      return null;
    }, { matches: grid.matches, rows: grid.rows });
    // The reference is built on a light page of the app (the Devices overview): neither shares
    // its document with the other's rows.
    await page.goto(`${BASE}/devices`);
    await page.locator('a[data-count="total"]').waitFor();
    const plainMs = await page.evaluate(async ({ url, columns }) => {
      const token = sessionStorage.getItem('endpoint-admin.accessToken');
      const request = `${url}&plain=${Math.random()}`;
      const response = await fetch(request, { headers: { Authorization: `Bearer ${token}` } });
      const text = await response.text();
      const answer = performance.getEntriesByName(new URL(request, location.href).href).pop();
      const items = JSON.parse(text).value;
      const table = document.createElement('table');
      const body = table.createTBody();
      for (const item of items) {
        const row = body.insertRow();
        for (const column of columns) row.insertCell().textContent = item[column];
      }
      document.body.append(table);
      return await new Promise((resolve) =>
        requestAnimationFrame(() => {
          const channel = new MessageChannel();
          channel.port1.onmessage = () => {
            const painted = performance.now();
            table.remove();
            resolve(painted - answer.responseEnd);
          };
          channel.port2.postMessage(0);
        }),
      );
    }, { url: grid.request(grid.rows), columns: grid.columns });
    if (i > 0 && gridMs) {
      gridTimes.push(gridMs.painted);
      gridDom.push(gridMs.dom);
      plain.push(plainMs);
    }
  }
  if (gridTimes.length === 0) throw new Error(`${grid.name}: the grid's paint was never timed`);
  const ratio = median(gridTimes) / median(plain);
  log(`  ${grid.name}`);
  log(`    grid  median ${ms(median(gridTimes))} [${gridTimes.map((t) => t.toFixed(0)).join(', ')}]; rows in the DOM after ${ms(median(gridDom))} (decoding and building), the rest style, layout and paint`);
  log(`    plain median ${ms(median(plain))} [${plain.map((t) => t.toFixed(0)).join(', ')}]  → ${ratio.toFixed(2)}×`);
  addRow(`Grid render: ${grid.name}, last byte → painted`, ms(median(gridTimes)), ms(max(gridTimes)), '≤ 1.3 × plain DOM', ratio <= 1.3);
  addRow(`… a plain DOM table from the same answer (the reference)`, ms(median(plain)), ms(max(plain)), '–', null);
}

// --- 7. SPA transfer --------------------------------------------------------------------------------

async function benchSpa() {
  section(`SPA transfer: gzip -9 of ${DIST}`);
  const files = fs.readdirSync(DIST).filter((name) => /\.(wasm|js|css)$/.test(name));
  let total = 0;
  let rawTotal = 0;
  for (const ext of ['wasm', 'js', 'css']) {
    for (const name of files.filter((file) => file.endsWith(`.${ext}`))) {
      const file = path.join(DIST, name);
      const raw = fs.statSync(file).size;
      const gz = execFileSync('gzip', ['-9', '-c', file], { maxBuffer: 64 << 20 }).length;
      total += gz;
      rawTotal += raw;
      log(`  ${name}: ${(raw / 1024).toFixed(1)} KiB → gzip -9 ${(gz / 1024).toFixed(1)} KiB`);
      addRow(`SPA: .${ext} gzip -9 (${name})`, `${(gz / 1024).toFixed(1)} KB`, `raw ${(raw / 1024).toFixed(1)} KB`, '–', null);
    }
  }
  log(`  total: ${(rawTotal / 1024).toFixed(1)} KiB → ${(total / 1024).toFixed(1)} KiB`);
  // Reported beside what the user waits for (below), which is the budget.
  addRow('SPA: total transfer (.wasm + .js + .css, gzip -9)', `${total.toLocaleString('en-US')} B (${(total / 1024).toFixed(1)} KiB)`, `raw ${(rawTotal / 1024).toFixed(1)} KiB`, '–', null);
  await benchColdLoad();
}

// The link of issue 19's budget: 10 Mbit/s each way, 40 ms of latency.
const COLD_LINK = { offline: false, latency: 40, downloadThroughput: 10e6 / 8, uploadThroughput: 10e6 / 8 };
const COLD_BUDGET_MS = 1000;

/**
 * A cold load of /devices/all, signed in, over a throttled link: the browser's cache emptied
 * before each load (the session's token stays in sessionStorage), navigation start to the first
 * rows painted, and the bytes that crossed the wire (as the server compressed them).
 */
async function benchColdLoad() {
  const { browser, page } = await signedInBrowser();
  try {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    let bytes = 0;
    cdp.on('Network.loadingFinished', (event) => { bytes += event.encodedDataLength; });
    await cdp.send('Network.emulateNetworkConditions', COLD_LINK);
    // Each language as its user meets it: the choice this browser remembers, so Dutch and Swedish
    // fetch their catalogue before the first paint and English fetches none.
    // BENCH_LANGUAGES=en measures a build from before the languages (issue 19) beside one after.
    const languages = env('BENCH_LANGUAGES', 'en,nl,sv').split(',');
    for (const [tag, name] of [['en', 'English'], ['nl', 'Dutch'], ['sv', 'Swedish']].filter(([tag]) => languages.includes(tag))) {
      await page.evaluate((tag) => localStorage.setItem('endpoint-admin.language', tag), tag);
      const times = [];
      const transfers = [];
      for (let i = 0; i <= BROWSER_REPS; i++) {
        await cdp.send('Network.clearBrowserCache');
        bytes = 0;
        await page.goto(`${BASE}/devices/all`, { waitUntil: 'commit' });
        let painted = Infinity;
        try {
          await page.waitForFunction(() => window.__benchNav && window.__benchNav.painted !== null, null, { timeout: ACTION_TIMEOUT_MS, polling: 50 });
          painted = await page.evaluate(() => window.__benchNav.painted);
          const lang = await page.evaluate(() => document.documentElement.lang);
          if (lang !== tag) throw new Error(`the page is in ${lang}, not ${tag}`);
        } catch (error) {
          if (String(error).includes('the page is in')) throw error;
          // Counted as a failure below.
        }
        if (i > 0) {
          times.push(painted);
          transfers.push(bytes);
        }
      }
      const kib = median(transfers) / 1024;
      browserRow(`cold load /devices/all in ${name} over 10 Mbit/s, 40 ms → first rows painted (${kib.toFixed(0)} KiB over the wire)`, times, COLD_BUDGET_MS);
    }
    await page.evaluate(() => localStorage.removeItem('endpoint-admin.language'));
  } finally {
    await browser.close();
  }
}

// --- 8. Device actions ------------------------------------------------------------------------------

async function benchActions() {
  section('Device actions: the pipeline on a copy of the tenant (examples/pipeline_throughput), then bulk acceptance over HTTP');
  if (!DB) throw new Error('BENCH_DB is not set');
  // PostgreSQL copies a database only while nothing is connected to it, so bench/run ran the
  // example (with one worker, then two) before it started this server; SQLite's copy is made now.
  let copyUrl;
  let outputs;
  if (STORE === 'postgres') {
    outputs = env('BENCH_PIPELINE_RESULTS', '').split(',').filter(Boolean).map((file) => fs.readFileSync(file, 'utf8'));
    copyUrl = DB.replace(/[^/]+$/, `actions_${DEVICES}`);
  } else {
    const copy = path.join(path.dirname(DB), `actions-${DEVICES}.db`);
    outputs = [execFileSync(PIPELINE_EXAMPLE, [DB, copy], { encoding: 'utf8', timeout: 1_800_000 })];
    copyUrl = `sqlite://${copy}`;
  }
  for (const output of outputs) {
    log(output.trim().split('\n').map((line) => `  ${line}`).join('\n'));
    const result = Object.fromEntries(output.match(/^RESULT (.*)$/m)[1].split(' ').map((pair) => pair.split('=')).map(([k, v]) => [k, Number(v)]));
    const workers = result.workers > 1 ? `, ${result.workers} workers at once (as ${result.workers} servers)` : '';
    addRow(
      `Pipeline throughput, \`--pipeline-delay-ms 0\`${workers}: Sync machine policy on ${result.actions.toLocaleString('en-US')} online clients taken to done`,
      `${Math.round(result.actions_per_second).toLocaleString('en-US')} actions/s`,
      `${result.seconds.toFixed(1)} s`,
      '≥ 10,000 actions/s',
      result.actions_per_second >= 10_000,
    );
    if (result.workers <= 1) addRow('Database growth per action (row and indexes, once done)', `${Math.round(result.bytes_per_action)} bytes`, '', '–', null);
  }

  // A second release server on the copy, for the bulk requests (they change the tenant).
  const port = Number(new URL(BASE).port) + 1;
  const base = `http://127.0.0.1:${port}`;
  const server = spawn(SERVER_BINARY, [], {
    env: { ...process.env, EA_LISTEN: `127.0.0.1:${port}`, EA_DATABASE: copyUrl, EA_DIST: DIST, EA_DEMO_DEVICES: '0' },
    stdio: 'ignore',
  });
  try {
    const deadline = Date.now() + 120_000;
    while (!(await fetch(`${base}/healthz`).then((r) => r.ok).catch(() => false))) {
      if (Date.now() > deadline) throw new Error('the server on the copy did not start');
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    // Signed in on the copy: PostgreSQL's copy was made before this run signed in.
    const signedIn = await fetch(`${base}/auth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ userPrincipalName: 'admin@contoso.com', password: 'demo' }),
    });
    const headers = { 'Content-Type': 'application/json', Authorization: `Bearer ${(await signedIn.json()).accessToken}` };
    const counted = async (filter) => {
      const response = await fetch(`${base}${LIST}?$top=1&$count=true&$filter=${encodeURIComponent(filter)}`, { headers });
      return (await response.json())['@odata.count'];
    };
    // The views an admin builds with the Filter pane (counted columns), from about 100,000 devices
    // up at 1M: co-managed and compliant, then each co-managed agent.
    const candidates = [];
    for (const filter of [
      "managementAgent eq 'configurationManagerClientMdm' and complianceState eq 'compliant'",
      "managementAgent in ('configurationManagerClientMdm', 'configurationManagerClientMdmEas') and complianceState eq 'compliant'",
      "managementAgent eq 'configurationManagerClientMdm'",
    ]) {
      candidates.push({ filter, count: await counted(filter) });
    }
    const times = [];
    const sizes = [];
    for (const { filter, count } of candidates) {
      const started = performance.now();
      const response = await fetch(`${base}${LIST}/executeAction`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ actionName: 'refreshMachinePolicy', filter, expectedCount: count }),
        signal: AbortSignal.timeout(60_000),
      });
      const answer = await response.json();
      const elapsed = performance.now() - started;
      if (response.status !== 200) throw new Error(`executeAction answered ${response.status}: ${JSON.stringify(answer)}`);
      log(`  ${count.toLocaleString('en-US')} devices (${filter}): ${ms(elapsed)}, ${answer.successfulDeviceCount} succeeded, ${answer.failedDeviceCount} failed`);
      times.push(elapsed);
      sizes.push(count);
    }
    addRow(
      `Bulk: accepting Sync machine policy for ${Math.min(...sizes).toLocaleString('en-US')}–${Math.max(...sizes).toLocaleString('en-US')} matching devices (${sizes.length} requests, Filter-pane views)`,
      ms(median(times)),
      ms(max(times)),
      '≤ 2 s',
      max(times) <= 2000,
    );
    // For comparison, a view only the devices themselves can count (a function on a column).
    const uncounted = "managementAgent eq 'configurationManagerClient' and startswith(osVersion, '10.0.26100')";
    const uncountedCount = await counted(uncounted);
    const started = performance.now();
    const response = await fetch(`${base}${LIST}/executeAction`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ actionName: 'refreshMachinePolicy', filter: uncounted, expectedCount: uncountedCount }),
      signal: AbortSignal.timeout(60_000),
    });
    await response.text();
    const uncountedMs = performance.now() - started;
    log(`  ${uncountedCount.toLocaleString('en-US')} devices (${uncounted}): ${ms(uncountedMs)}`);
    addRow(
      `… a view the counts table cannot count (startswith on OS version, ${uncountedCount.toLocaleString('en-US')} devices)`,
      ms(uncountedMs),
      '',
      '–',
      null,
    );
  } finally {
    server.kill('SIGTERM');
  }
}

// --- 8b. Two servers behind HAProxy, under load (PostgreSQL) -----------------------------------------

const SCALE_CLIENTS = 200;
const SCALE_SECONDS = 60;

/** wrk's summary: requests, errors (non-2xx, socket errors) and its latency percentiles in ms. */
function runWrk(thinkMs, connections, seconds) {
  const output = execFileSync(
    'wrk',
    ['-t2', `-c${connections}`, `-d${seconds}s`, '--timeout', '10s', '--latency', '-s', env('BENCH_WRK_SCRIPT', 'bench/wrk-list.lua'), BASE],
    { encoding: 'utf8', env: { ...process.env, BENCH_TOKEN: token, BENCH_THINK_MS: String(thinkMs) }, timeout: (seconds + 60) * 1000 },
  );
  const toMs = (text) => {
    const [, number, unit] = /([\d.]+)(us|ms|s)/.exec(text);
    return Number(number) * { us: 0.001, ms: 1, s: 1000 }[unit];
  };
  const wrkPercentile = (p) => toMs(new RegExp(`^\\s+${p}%\\s+(\\S+)`, 'm').exec(output)[1]);
  const requests = Number(/(\d+) requests in/.exec(output)[1]);
  const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(output)?.[1] ?? 0);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(output);
  const socketErrors = socket ? socket.slice(1).map(Number).reduce((a, b) => a + b, 0) : 0;
  return { output, requests, perSecond: requests / seconds, errors: non2xx + socketErrors, p50: wrkPercentile(50), p99: wrkPercentile(99) };
}

async function benchScale() {
  // SQLite: the one server of the embedded default; PostgreSQL: two servers behind HAProxy.
  const servers = STORE === 'cluster' ? 'two servers + HAProxy' : 'one server';
  section(`${STORE === 'cluster' ? 'Two servers on one PostgreSQL database behind HAProxy' : 'One server'} (${BASE}): ${SCALE_CLIENTS} list clients for ${SCALE_SECONDS} s (wrk)`);
  const clients = runWrk(1000, SCALE_CLIENTS, SCALE_SECONDS);
  log(clients.output.trim().split('\n').map((line) => `  ${line}`).join('\n'));
  addRow(
    `Load: ${SCALE_CLIENTS} list clients (a page, then 0.5–1.5 s to read it) for ${SCALE_SECONDS} s, ${servers} (${Math.round(clients.perSecond)} requests/s, ${clients.errors} errors)`,
    ms(clients.p50),
    `p99 ${ms(clients.p99)}`,
    '0 errors, p99 ≤ 100 ms',
    clients.errors === 0 && clients.p99 <= 100,
  );
  const flat = runWrk(0, SCALE_CLIENTS, 20);
  log(flat.output.trim().split('\n').map((line) => `  ${line}`).join('\n'));
  addRow(
    `… the same ${SCALE_CLIENTS} clients asking back to back for 20 s: the most the machine serves (${Math.round(flat.perSecond)} requests/s, ${flat.errors} errors)`,
    ms(flat.p50),
    `p99 ${ms(flat.p99)}`,
    '–',
    null,
  );
}

// --- 9. Report --------------------------------------------------------------------------------------

function report() {
  const okText = (ok) => (ok === null ? '–' : ok ? 'ok' : '**MISS**');
  const escape = (text) => String(text).replace(/\|/g, '\\|');
  const lines = [
    `# Endpoint Admin benchmark, ${DEVICES.toLocaleString('en-US')} devices`,
    '',
    `${new Date().toISOString()} · ${os.cpus().length} cores · load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} · ` +
      `git ${gitDescribe()} · release server on ${BASE} (${STORE_LABEL}) · Chromium headless. Times in ms are wall times; ` +
      `the harness, the server and Chromium share the machine, so expect noise.`,
    '',
    '| measurement | p50 / value | p95 / max | budget | ok? |',
    '|---|---|---|---|---|',
    ...table.map((row) => `| ${escape(row.measurement)} | ${escape(row.value)} | ${escape(row.spread)} | ${escape(row.budget)} | ${okText(row.ok)} |`),
  ];
  if (cpuNotes.length) lines.push('', 'Machine load during each section (Chromium counts as "everything else"):', '', ...cpuNotes.map((note) => `- ${note}`));
  if (problems.length) lines.push('', 'Problems seen:', '', ...problems.map((problem) => `- ${problem}`));
  const markdown = `${lines.join('\n')}\n`;
  fs.mkdirSync(path.dirname(RESULTS), { recursive: true });
  fs.writeFileSync(RESULTS, markdown);
  // Also per size, so a quick BENCH_DEVICES=20000 try keeps the last 1M results.
  const perSize = RESULTS.replace(/\.md$/, `-${DEVICES}.md`);
  fs.writeFileSync(perSize, markdown);
  // And as data, for bench/report.mjs to put the stores side by side.
  const json = RESULTS.replace(/\.md$/, '.json');
  fs.writeFileSync(json, JSON.stringify({ store: STORE, label: STORE_LABEL, devices: DEVICES, at: new Date().toISOString(), git: gitDescribe(), table, problems, cpuNotes, gridCells }, null, 1));
  log(`\n${markdown}`);
  log(`(saved to ${RESULTS} and ${perSize})`);
}

function gitDescribe() {
  try {
    const rev = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { encoding: 'utf8' }).trim() ? '+changes' : '';
    return rev + dirty;
  } catch {
    return 'unknown';
  }
}

// --- main -------------------------------------------------------------------------------------------

async function main() {
  if (SEED_SECONDS) {
    const seconds = Number(SEED_SECONDS);
    addRow(
      `Seed: demo tenant of ${DEVICES.toLocaleString('en-US')} devices (${SEED_FRESH ? 'this run' : 'an earlier run, database reused'})`,
      `${seconds.toFixed(1)} s`,
      env('BENCH_SEED_RSS_KIB', '') ? `seeding server's RSS ${(Number(env('BENCH_SEED_RSS_KIB', '0')) / 1024).toFixed(0)} MiB` : '',
      '≤ 60 s',
      seconds <= 60,
    );
  }
  await signIn();
  const idleRss = rssKiB(SERVER_PID);
  const total = await count({});
  log(`Signed in; the tenant has ${total.toLocaleString('en-US')} devices`);
  if (total !== DEVICES) problems.push(`the tenant has ${total} devices, not BENCH_DEVICES=${DEVICES}`);
  await chooseSearchTerms().catch((error) => problems.push(`choosing the search terms failed: ${error.message}`));
  const sections = [
    ['api', benchApi],
    ['grid', benchGrid],
    ['search', benchSearch],
    ['shapes', benchShapes],
    ['export', benchExport],
    ['browser', benchBrowser],
    ['render', benchRender],
    ['spa', benchSpa],
    ['actions', benchActions],
    ['scale', benchScale],
  ];
  for (const [name, run] of sections) {
    if (!ONLY.has(name)) continue;
    // On PostgreSQL the scale section needs the two servers and HAProxy bench/run starts for it.
    if (name === 'scale' && STORE === 'postgres') continue;
    if (name !== 'scale' && STORE === 'cluster') continue;
    const before = cpuSnapshot();
    try {
      await run();
      const line = `${name}: ${cpuSummary(before, cpuSnapshot())}; server RSS ${(rssKiB(SERVER_PID) / 1024).toFixed(0)} MiB after it`;
      cpuNotes.push(line);
      log(`  ${line}`);
    } catch (error) {
      log(`  ${name} failed: ${error.stack ?? error}`);
      problems.push(`section ${name} failed: ${error.message ?? error}`);
      addRow(`${name}: section failed`, 'error', '', '', false);
    }
  }
  addRow('Server RSS: idle after start → after the benchmark', `${(idleRss / 1024).toFixed(0)} MiB`, `${(rssKiB(SERVER_PID) / 1024).toFixed(0)} MiB`, '–', null);
  report();
}

await main();
