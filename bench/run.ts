// `npm run bench`: Hearth against raw ws (naive and prepared frames) and Socket.IO on the same
// scenarios, with the same load generator. Writes bench/results/<mode>.json and, after a full
// run, the results section of docs/benchmarks.md and its chart. `--help` lists the options.

import { performance } from 'node:perf_hooks';
import { writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { installCleanup } from './lib/children.ts';
import { openFileLimit, pinSelf, raisePriority, REPO_ROOT } from './lib/platform.ts';
import { aggregate } from './report/aggregate.ts';
import { evaluateAppTargets, renderAppSection } from './report/app-markdown.ts';
import {
  APPS_BEGIN_MARKER,
  APPS_END_MARKER,
  replaceGeneratedSection,
} from './report/docs-section.ts';
import { describeMachine } from './report/machine.ts';
import { renderResultsSection } from './report/markdown.ts';
import { readResults, writeResults, type BenchResults } from './report/results-file.ts';
import { describeRevision } from './report/revision.ts';
import { renderChart } from './report/svg-chart.ts';
import { evaluateTargets } from './report/targets.ts';
import { GENERATOR_CPU } from './runner/generator-process.ts';
import { parseOptions, type BenchOptions, type Sizes } from './runner/options.ts';
import { PROFILE_DIR, runSession } from './runner/session.ts';
import { SCENARIOS } from './scenarios/index.ts';
import { TARGETS } from './servers/targets.ts';

const DOCS_PATH = join(REPO_ROOT, 'docs/benchmarks.md');
const CHART_PATH = join(REPO_ROOT, 'bench/results/benchmarks.svg');

function log(text: string): void {
  console.error(`${new Date().toISOString().slice(11, 19)} ${text}`);
}

/** Fewer idle connections when the open-file limit cannot be raised far enough (reported). */
function fitToFileLimit(sizes: Sizes): Sizes {
  const { hard } = openFileLimit();
  const most = Math.floor(hard - 1_100);
  if (sizes.idle.connections <= most) return sizes;
  log(`open-file hard limit ${hard}: idle connections reduced to ${most}`);
  return { ...sizes, idle: { ...sizes.idle, connections: most } };
}

async function measure(options: BenchOptions): Promise<BenchResults> {
  const sizes = fitToFileLimit(options.sizes);
  const scenarios = SCENARIOS.filter((scenario) => options.scenarios.includes(scenario.name));
  const targets = TARGETS.filter((target) => options.targets.includes(target.name));
  pinSelf(GENERATOR_CPU);
  const nice = raisePriority();
  const startedAt = new Date().toISOString();
  const revision = describeRevision();
  const started = performance.now();
  log(
    `bench (${options.mode}): ${scenarios.map((s) => s.name).join(', ')} × ` +
      `${targets.map((t) => t.name).join(', ')} × ${sizes.repetitions} repetition(s)`,
  );
  const runs = await runSession({ ...options, sizes }, scenarios, targets, log);
  const summary = aggregate(runs);
  const results: BenchResults = {
    schema: 1,
    mode: options.mode,
    startedAt,
    durationSeconds: (performance.now() - started) / 1000,
    machine: describeMachine(nice),
    revision,
    sizes,
    // A scenario skipped for a missing service has no runs and is left out of the report.
    scenarios: scenarios
      .filter((scenario) => runs.some((run) => run.scenario === scenario.name))
      .map((scenario) => scenario.name),
    targets: targets.map((target) => target.name),
    runs,
    summary,
    outcomes: evaluateTargets(summary),
  };
  const out = resolve(REPO_ROOT, options.out);
  await writeResults(out, results);
  log(`results: ${relative(REPO_ROOT, out)}`);
  return results;
}

/** A results file read back, summarised again (so report changes apply to old runs too). */
async function reload(path: string): Promise<BenchResults> {
  const results = await readResults(resolve(REPO_ROOT, path));
  const summary = aggregate(results.runs);
  return { ...results, summary, outcomes: evaluateTargets(summary) };
}

/**
 * Core scenarios (Hearth against the references) fill the main results section and the chart;
 * app scenarios (Hearth only) fill their own section. A run updates only the sections it measured.
 */
async function writeDocs(results: BenchResults): Promise<void> {
  const { machine, sizes } = results;
  const targets = TARGETS.filter((target) => results.targets.includes(target.name));
  const scenarios = SCENARIOS.filter((scenario) => results.scenarios.includes(scenario.name));
  const descriptions = new Map(
    scenarios.map((scenario) => [scenario.name, scenario.describe(sizes)]),
  );
  const core = scenarios.filter((scenario) => scenario.targets === undefined).map((s) => s.name);
  const apps = scenarios.filter((scenario) => scenario.targets !== undefined).map((s) => s.name);
  const updated: string[] = [];
  if (core.length > 0) {
    const coreResults: BenchResults = {
      ...results,
      scenarios: core,
      runs: results.runs.filter((run) => core.includes(run.scenario)),
    };
    const chartTitle = `Hearth vs references — ${machine.cpuModel}, Node ${machine.node}`;
    await writeFile(CHART_PATH, renderChart(results.summary, results.targets, chartTitle));
    const section = renderResultsSection(
      coreResults,
      targets,
      descriptions,
      relative(join(REPO_ROOT, 'docs'), CHART_PATH),
    );
    await replaceGeneratedSection(DOCS_PATH, section);
    updated.push('results section', relative(REPO_ROOT, CHART_PATH));
  }
  if (apps.length > 0) {
    const section = renderAppSection(results, apps, descriptions);
    await replaceGeneratedSection(DOCS_PATH, section, APPS_BEGIN_MARKER, APPS_END_MARKER);
    updated.push('app section');
  }
  log(`updated ${relative(REPO_ROOT, DOCS_PATH)}: ${updated.join(', ')}`);
}

async function main(): Promise<void> {
  installCleanup();
  const options = parseOptions(
    process.argv.slice(2),
    SCENARIOS.map((scenario) => scenario.name),
  );
  const results =
    options.fromResults === undefined ? await measure(options) : await reload(options.fromResults);
  for (const outcome of results.outcomes) {
    const ratio = outcome.ratio === undefined ? '—' : `${outcome.ratio.toFixed(2)}×`;
    const bound = `${outcome.rule.comparison === 'at-most' ? '≤' : '≥'} ${outcome.rule.bound}×`;
    log(
      `  ${outcome.rule.label} vs ${outcome.referenceName}: ${ratio} (${bound}) ${outcome.status}`,
    );
  }
  for (const outcome of evaluateAppTargets(results.summary)) {
    const status = outcome.met === undefined ? 'not measured' : outcome.met ? 'met' : 'missed';
    log(`  ${outcome.label}: ${outcome.value} (${outcome.bound}) ${status}`);
  }
  if (options.writeDocs || options.fromResults !== undefined) await writeDocs(results);
  if (options.profile !== undefined) log(`CPU profiles of ${options.profile}: ${PROFILE_DIR}`);
  const failed = results.runs.filter((run) => run.error !== undefined).length;
  if (failed > 0) {
    log(`${failed} run(s) failed`);
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error('bench:', error);
  process.exitCode = 1;
});
