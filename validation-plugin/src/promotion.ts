/**
 * Promotion of a validated `cdk8s synth` output into the target directory (dist/), at process
 * exit and only when the whole CLI run ends with exit code 0 (every declared plugin passed; the
 * CLI calls `process.exit(2)` when a report failed). What is promoted is exactly what was
 * validated: this run's own staging directory (cli-run.ts), or, for an app not started through
 * scripts/cdk8s-app.ts, a per-run copy of the bytes the plugin read and validated.
 */
import * as fs from 'fs';
import * as path from 'path';
import { APP_REPORT } from './app-report';
import { cleanupDeadRuns, perRunDir, recoverInterruptedSwap, replaceDirAtomically, resolveTarget } from './atomic-dir';
import { RUN_RECORD, cliRunDir, readRunRecord } from './cli-run';

/** The manifests of one run, read once: what is validated is what gets promoted. */
export interface StagedRun {
  /** file name as the CLI reported it -> its text */
  readonly texts: { readonly file: string; readonly text: string }[];
  /**
   * `cdk8s synth --format helm`: the chart's files besides its templates (Chart.yaml, README.md,
   * values.yaml, crds/), relative to the output directory, read with the manifests; promoted with them.
   */
  readonly chart?: readonly { readonly file: string; readonly text: string }[];
  /** This run's own directory (its app wrote it), or undefined: the texts are a snapshot. */
  readonly runDir?: string;
  /** Why the run cannot be promoted, when it cannot. */
  readonly problem?: string;
}

const rel = (p: string) => path.relative(process.cwd(), p) || p;

/** The folder `cdk8s synth --format helm` writes the manifests into, under its output directory. */
const HELM_TEMPLATES = 'templates';
/** The chart's own files the CLI writes beside templates/ (cdk8s-cli 2.x createHelmScaffolding: Chart.yaml, README.md; crds/ with CRD imports). */
const HELM_CHART_FILE = 'Chart.yaml';

/** Every file under `dir`, relative to `base`, in name order. */
function filesUnder(dir: string, base: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)).flatMap(e => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? filesUnder(full, base) : e.isFile() ? [path.relative(base, full)] : [];
  });
}

/**
 * The Helm chart around the manifests, when `cdk8s synth --format helm` wrote them: every
 * manifest under `<from>/templates/` and a `<from>/Chart.yaml`. Its files other than the
 * templates (Chart.yaml, README.md, values.yaml, crds/...), read now; undefined for plain output.
 */
export function helmChartFiles(manifests: readonly string[], from: string): { file: string; text: string }[] | undefined {
  const root = path.resolve(from);
  const templates = path.join(root, HELM_TEMPLATES);
  if (manifests.length === 0 || !manifests.every(m => path.resolve(m).startsWith(templates + path.sep))) return undefined;
  if (!fs.existsSync(path.join(root, HELM_CHART_FILE))) return undefined;
  return filesUnder(root, root)
    .filter(f => f.split(path.sep)[0] !== HELM_TEMPLATES && !f.split(path.sep)[0].startsWith('.'))
    .map(file => ({ file, text: fs.readFileSync(path.join(root, file), 'utf-8') }));
}

/**
 * Reads the manifests the CLI listed (and, for `--format helm`, the chart's other files). When
 * this CLI run's app wrote its own run directory, the texts come from there, after checking
 * that the CLI listed exactly the files the app wrote (a concurrent `cdk8s synth` empties and
 * refills the shared output directory).
 */
export function readStagedRun(manifests: readonly string[], from: string): StagedRun {
  const chart = helmChartFiles(manifests, from);
  const runDir = cliRunDir(from, process.pid);
  const record = readRunRecord(runDir);
  if (!record) return { texts: manifests.map(file => ({ file, text: fs.readFileSync(file, 'utf-8') })), chart };
  const listed = manifests.map(m => path.relative(path.resolve(from), path.resolve(m))).sort();
  const wrote = [...record.files].sort();
  if (record.cli !== process.pid || JSON.stringify(listed) !== JSON.stringify(wrote)) {
    return {
      texts: [], runDir,
      problem: `${rel(from)}/ changed while this synth ran (the app wrote ${wrote.length} manifests, the CLI listed ${listed.length}): another \`cdk8s synth\` in this directory at the same time? Run again.`,
    };
  }
  return { texts: manifests.map(file => ({ file, text: fs.readFileSync(path.join(runDir, path.relative(path.resolve(from), path.resolve(file))), 'utf-8') })), runDir, chart };
}

/** Whether `manifests` were written into the promotion target itself (`cdk8s synth --output dist`). */
export function writtenIntoTarget(manifests: readonly string[], to: string): boolean {
  const target = resolveTarget(to);
  return manifests.some(m => {
    const real = (() => {
      try {
        return fs.realpathSync(path.dirname(path.resolve(m)));
      } catch {
        return path.dirname(path.resolve(m));
      }
    })();
    return real === target || real.startsWith(target + path.sep) || path.resolve(m).startsWith(path.resolve(to) + path.sep);
  });
}

const MARK = Symbol.for('cdk8s-expose.validation-plugin.promotion');

/**
 * At process exit with code 0, swaps the run (its directory, or a snapshot of its texts) into
 * `to`; on any other exit code removes this run's directory and leaves `to` alone.
 */
export function registerPromotion(run: StagedRun, from: string, to: string): void {
  const g = globalThis as unknown as { [MARK]?: boolean };
  if (g[MARK]) return;
  g[MARK] = true;
  process.once('exit', code => {
    if (code !== 0) {
      if (run.runDir) fs.rmSync(run.runDir, { recursive: true, force: true });
      process.stderr.write(`cdk8s-expose: synth failed (exit ${code}); ${rel(to)}/ left untouched, output kept in ${rel(from)}/\n`);
      return;
    }
    let staged = run.runDir;
    try {
      const restored = recoverInterruptedSwap(to);
      if (restored) process.stderr.write(`cdk8s-expose: restored ${rel(to)}/ from ${rel(restored)} (an earlier swap was interrupted)\n`);
      cleanupDeadRuns(to);
      if (staged) {
        fs.rmSync(path.join(staged, RUN_RECORD), { force: true });
        fs.rmSync(path.join(staged, APP_REPORT), { force: true });
      } else {
        staged = perRunDir(to);
        for (const { file, text } of run.texts) {
          const dest = path.join(staged, path.relative(path.resolve(from), path.resolve(file)));
          fs.mkdirSync(path.dirname(dest), { recursive: true });
          fs.writeFileSync(dest, text);
        }
      }
      fs.rmSync(path.join(staged, 'construct-metadata.json'), { force: true });
      for (const { file, text } of run.chart ?? []) {
        // --format helm: the whole chart (Chart.yaml, README.md, crds/...), not only its templates/
        const dest = path.join(staged, file);
        fs.mkdirSync(path.dirname(dest), { recursive: true });
        fs.writeFileSync(dest, text);
      }
      replaceDirAtomically(staged, to);
      process.stderr.write(`cdk8s-expose: ${rel(to)}/ replaced atomically with the validated output\n`);
    } catch (e) {
      if (staged) fs.rmSync(staged, { recursive: true, force: true });
      process.stderr.write(`cdk8s-expose: could not replace ${to}: ${(e as Error).message}; previous output left intact\n`);
      process.exitCode = 1;
    }
  });
}
