#!/usr/bin/env node
/**
 * `npm run bench`: runs every benchmark in bench/ (any `*.ts` whose name does not start with `_`
 * and that reports its figures with `reportFigures` from bench/_report.ts, so a new bench is
 * picked up by being there), each in its own process under tsx, one after the
 * other so they do not compete for the machine. Each prints its own figures as it goes (shown
 * here on stderr) and reports them with `reportFigures` (bench/_report.ts). At the end: one table
 * of figure, baseline and ratio on stdout, and the same table in bench/REPORT.md with the machine
 * and the date.
 *
 *   npm run bench                      all of them (builds first: cli-startup runs bin/gluekit.js)
 *   node bench/run.js codec mirror     only these
 *
 * It never judges: a ratio outside its goal is printed, not failed. A bench that crashes or
 * reports nothing is listed as such, and the exit code is then 1; a bench that does not call
 * reportFigures is listed as not run.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, platform, release, totalmem } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
const ROOT = dirname(BENCH_DIR);
const MARKER = 'GLUEKIT-BENCH ';

/**
 * The benches to run: every `bench/*.ts` not starting with `_` that follows the convention (it
 * calls reportFigures); the others are listed as not reporting, and not run.
 */
function benches(only) {
  const all = readdirSync(BENCH_DIR)
    .filter((name) => name.endsWith('.ts') && !name.startsWith('_') && !name.endsWith('.d.ts'))
    .sort();
  const unknown = only.filter((name) => !all.includes(`${name}.ts`));
  if (unknown.length > 0)
    throw new Error(`no bench named ${unknown.join(', ')}; there are ${all.join(', ')}`);
  const selected = only.length === 0 ? all : all.filter((name) => only.includes(basename(name, '.ts')));
  const reports = (name) => readFileSync(join(BENCH_DIR, name), 'utf8').includes('reportFigures(');
  return { run: selected.filter(reports), silent: selected.filter((name) => !reports(name)) };
}

/** Runs one bench, echoing its output to stderr, and collects its reported figures. */
function run(name) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', join(BENCH_DIR, name)], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const reports = [];
    let pending = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        if (line.startsWith(MARKER)) reports.push(JSON.parse(line.slice(MARKER.length)));
        else process.stderr.write(`  ${line}\n`);
      }
    });
    child.on('close', (code, signal) => {
      if (pending.startsWith(MARKER)) reports.push(JSON.parse(pending.slice(MARKER.length)));
      resolve({ name, code, signal, seconds: (Date.now() - started) / 1000, reports });
    });
  });
}

function number(value) {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
  return value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

function rowsOf(results) {
  const rows = [];
  for (const result of results) {
    const figures = result.reports.flatMap((report) => report.figures.map((figure) => ({ ...figure })));
    if (result.code !== 0 || figures.length === 0) {
      const why =
        result.code !== 0
          ? `failed (exit ${result.code ?? result.signal})`
          : 'reported no figures (see bench/_report.ts)';
      rows.push({ bench: result.name, figure: why, value: '', baseline: '', ratio: '', goal: '' });
    }
    for (const figure of figures) {
      const ratio =
        figure.baseline && figure.baseline.value !== 0 ? figure.value / figure.baseline.value : null;
      rows.push({
        bench: basename(result.name, '.ts'),
        figure: figure.name,
        value: `${number(figure.value)} ${figure.unit}`,
        baseline: figure.baseline
          ? `${number(figure.baseline.value)} ${figure.unit} (${figure.baseline.label})`
          : '',
        ratio: ratio === null ? '' : `${ratio.toFixed(ratio >= 100 ? 0 : ratio >= 10 ? 1 : 2)}x`,
        goal: figure.goal ?? '',
      });
    }
  }
  return rows;
}

const COLUMNS = [
  ['bench', 'Bench'],
  ['figure', 'Figure'],
  ['value', 'Value'],
  ['baseline', 'Baseline (same run)'],
  ['ratio', 'Ratio'],
  ['goal', 'Goal'],
];

/**
 * The figures with a goal, and the shared-budget figures (issue 13: list read, bulk-create use of
 * the window, mirror full sync, three processes on one key; the start-up ratios), each with
 * whether this run met its goal: printed again after the table so one run answers at a glance.
 * Still no judging: a goal missed is printed, not failed.
 */
function goalRows(rows) {
  return rows
    .filter((row) => row.goal !== '' || row.bench === 'shared-budget')
    .map((row) => ({ ...row, met: row.goal === '' ? '' : meets(row) ? 'met' : 'MISSED' }));
}

function meets(row) {
  const goal = /^(<=|>=)\s*([\d.]+)$/.exec(row.goal.trim());
  const ratio = Number.parseFloat(row.ratio);
  if (goal && Number.isFinite(ratio))
    return goal[1] === '<=' ? ratio <= Number(goal[2]) : ratio >= Number(goal[2]);
  // A goal on the value itself (`0` 429s).
  const value = Number.parseFloat(row.value.replaceAll(',', ''));
  return Number.isFinite(value) && value === Number(row.goal);
}

function textTable(rows) {
  const widths = COLUMNS.map(([key, title]) => Math.max(title.length, ...rows.map((row) => row[key].length)));
  const line = (cells) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  return [
    line(COLUMNS.map(([, title]) => title)),
    line(widths.map((width) => '-'.repeat(width))),
    ...rows.map((row) => line(COLUMNS.map(([key]) => row[key]))),
  ].join('\n');
}

function markdownTable(rows) {
  const cell = (text) => text.replaceAll('|', '\\|');
  return [
    `| ${COLUMNS.map(([, title]) => title).join(' | ')} |`,
    `|${COLUMNS.map(() => '---').join('|')}|`,
    ...rows.map((row) => `| ${COLUMNS.map(([key]) => cell(row[key])).join(' | ')} |`),
  ].join('\n');
}

function machine() {
  const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
  return {
    cpu,
    cores: availableParallelism(),
    memoryGb: Math.round(totalmem() / 1024 ** 3),
    node: process.version,
    os: `${platform()} ${release()}`,
  };
}

async function main() {
  const only = process.argv.slice(2);
  const { run: names, silent } = benches(only);
  const started = new Date();
  const results = [];
  for (const name of silent) {
    process.stderr.write(
      `\n== bench/${name}: not run, it does not call reportFigures (see bench/_report.ts)\n`,
    );
  }
  for (const name of names) {
    process.stderr.write(`\n== bench/${name}\n`);
    const result = await run(name);
    process.stderr.write(
      `== bench/${name}: ${result.seconds.toFixed(0)} s, exit ${result.code ?? result.signal}\n`,
    );
    results.push(result);
  }
  const rows = rowsOf(results);
  for (const name of silent) {
    const figure = 'not run: prints its figures but does not report them (reportFigures, bench/_report.ts)';
    rows.push({ bench: basename(name, '.ts'), figure, value: '', baseline: '', ratio: '', goal: '' });
  }
  const m = machine();
  const about = `${m.cpu}, ${m.cores} cores, ${m.memoryGb} GB; Node ${m.node}; ${m.os}`;
  process.stdout.write(`\n${textTable(rows)}\n\n${about}; ${started.toISOString()}\n`);
  const goals = goalRows(rows);
  if (goals.length > 0) {
    process.stdout.write('\nGoals:\n');
    for (const row of goals) {
      const ratio = row.ratio === '' ? row.value : `${row.ratio} (${row.value} vs ${row.baseline})`;
      process.stdout.write(
        `  ${row.met.padEnd(6)} ${row.bench}: ${row.figure}: ${ratio}${row.goal ? `, goal ${row.goal}` : ''}\n`,
      );
    }
  }

  const report = [
    '# Benchmark report',
    '',
    `Generated by \`npm run bench\` (bench/run.js) on ${started.toISOString().slice(0, 10)}.`,
    '',
    `- Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGb} GB of memory`,
    `- Node ${m.node} on ${m.os}`,
    `- Started ${started.toISOString()}; took ${((Date.now() - started.getTime()) / 60000).toFixed(1)} min`,
    `- Benches: ${results.map((r) => `${basename(r.name, '.ts')} (${r.seconds.toFixed(0)} s)`).join(', ')}`,
    '',
    'Every ratio is value / baseline, both measured in the same run (the baseline is the',
    'minimum the API allows, a naive or peer approach, or, where the label says so, the goal).',
    'Benchmarks print figures; they never fail a test run.',
    '',
    markdownTable(rows),
    '',
    '## Goals in this run',
    '',
    ...goalRows(rows).map(
      (row) =>
        `- ${row.met ? `**${row.met}**: ` : ''}${row.bench}: ${row.figure}: ${row.ratio || row.value}${row.goal ? ` (goal ${row.goal})` : ''}`,
    ),
    '',
  ].join('\n');
  if (only.length === 0) {
    writeFileSync(join(BENCH_DIR, 'REPORT.md'), report);
    process.stderr.write('\nwritten to bench/REPORT.md\n');
  } else {
    process.stderr.write('\n(a partial run: bench/REPORT.md left as it was)\n');
  }
  if (results.some((result) => result.code !== 0 || result.reports.length === 0)) process.exitCode = 1;
}

await main();
