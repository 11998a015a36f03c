// bench/run's last step: the results of each store (results-<store>.json, written by bench.mjs)
// in one Markdown table, the stores side by side, a row per measurement.
//
//   node bench/report.mjs OUT.md results-sqlite.json results-postgres.json [results-cluster.json]

import fs from 'node:fs';

const [out, ...files] = process.argv.slice(2);
const runs = files.filter((file) => fs.existsSync(file)).map((file) => JSON.parse(fs.readFileSync(file, 'utf8')));
// The cluster's rows are PostgreSQL's: two servers on it.
const column = (run) => (run.store === 'cluster' ? 'postgres' : run.store);
const stores = [...new Set(runs.map(column))];
const labels = { sqlite: 'SQLite', postgres: 'PostgreSQL' };
const escape = (text) => String(text ?? '').replace(/\|/g, '\\|');
const okText = (ok) => (ok === undefined ? '' : ok === null ? '–' : ok ? 'ok' : '**MISS**');

// Rows in the order first seen; a measurement both stores made shares its row.
const rows = new Map();
for (const run of runs) {
  for (const row of run.table) {
    if (!rows.has(row.measurement)) rows.set(row.measurement, { measurement: row.measurement, budget: row.budget, by: {} });
    rows.get(row.measurement).by[column(run)] = row;
  }
}

const header = ['measurement', ...stores.flatMap((store) => [`${labels[store]} p50 / value`, 'p95 / max']), 'budget', ...stores.map((store) => `${labels[store]} ok?`)];
const lines = [
  `# Endpoint Admin benchmark, ${runs[0]?.devices?.toLocaleString('en-US')} devices, ${stores.map((store) => labels[store]).join(' and ')}`,
  '',
  ...runs.map((run) => `- ${run.label}: ${run.at} · git ${run.git}`),
  '',
  `| ${header.join(' | ')} |`,
  `|${header.map(() => '---').join('|')}|`,
  ...[...rows.values()].map((row) => {
    const cells = stores.flatMap((store) => [escape(row.by[store]?.value), escape(row.by[store]?.spread)]);
    const oks = stores.map((store) => okText(row.by[store]?.ok));
    return `| ${escape(row.measurement)} | ${cells.join(' | ')} | ${escape(row.budget)} | ${oks.join(' | ')} |`;
  }),
];
for (const run of runs) {
  if (run.problems.length) lines.push('', `Problems seen (${run.label}):`, '', ...run.problems.map((problem) => `- ${problem}`));
}
for (const run of runs) {
  if (run.cpuNotes.length) lines.push('', `Machine load (${run.label}):`, '', ...run.cpuNotes.map((note) => `- ${note}`));
}
const markdown = `${lines.join('\n')}\n`;
fs.writeFileSync(out, markdown);
console.log(markdown);
console.log(`(saved to ${out})`);
