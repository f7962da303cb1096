/**
 * Safe synth: `npm run synth` (= node -r ./scripts/compile.js scripts/synth.js: this file compiled by
 * tsc, scripts/compile.js).
 *
 * In one process: builds the app named by cdk8s.yaml (the app-wide checks run inside its
 * `app.synth()`), writes it into a per-run directory next to the output, validates the objects
 * strictly as they were rendered (no YAML parsed back), and only then swaps the output directory
 * atomically. On any failure (the app throws, a schema violation, no manifest at all) the previous
 * output is left byte-for-byte intact and the exit code is non-zero: 1 for a failed synth, 2 for
 * violations. Projects whose cdk8s.yaml declares other validation plugins run the real
 * `cdk8s synth` instead (scripts/synth/cli.ts), as does `--cli`.
 *
 * A workload whose `spec.selector` differs from the previous output's is refused too (exit 2), as
 * every later apply would fail on it; `--allow-selector-change` accepts it (after deleting the
 * object in the cluster).
 *
 * Usage: node -r ./scripts/compile.js scripts/synth.js [--project <dir>] [--out <dir>] [--keep-failed] [--verbose] [--cli]
 *        [--allow-selector-change] [--env <name>] [--report <file>]
 *   --project  directory with cdk8s.yaml (default: the current directory)
 *   --out      directory to replace (default: <project>/dist; a symlink stays a link)
 *   --keep-failed  keep the per-run output of a failed synth for inspection
 *   --verbose  with --cli: pass the CLI's own output through even on success
 *   --cli      run the real `cdk8s synth` (a separate process) instead of synthesising here
 *   --report   write what was refused (or that nothing was) as cdk8s's validation report JSON
 *              (scripts/synth/report.ts) to <file>, for CI
 *   --env      render environment <name> of the app (CDK8S_EXPOSE_ENV=<name> for the app; the lab's
 *              are in lab/environments.ts) into <project>/dist-<name> unless --out says otherwise
 * Progress goes to stderr; the app's warnings pass through.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { cleanupDeadRuns, perRunDir, recoverInterruptedSwap, replaceDirAtomically } from '../validation-plugin/src/atomic-dir';
import {
  ManifestObject, SchemaViolation, findManifestFiles, formatViolations, getSchemaValidator, readConstructMetadata, readManifests, warningsOf,
} from '../validation-plugin/src/schema-validator';
import { immutableFieldProblems } from './synth/immutable';
import { synthInProcess } from './synth/in-process';
import { ReportViolation, reportFile, schemaViolations, thrownViolations } from './synth/report';
import { readProject } from './synth/project';

interface Args {
  project: string;
  out: string;
  keepFailed: boolean;
  verbose: boolean;
  cli: boolean;
  allowSelectorChange: boolean;
  env?: string;
  report?: string;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { project: process.cwd(), out: '', keepFailed: false, verbose: false, cli: false, allowSelectorChange: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--project') args.project = path.resolve(value());
    else if (a === '--out') args.out = path.resolve(value());
    else if (a === '--keep-failed') args.keepFailed = true;
    else if (a === '--verbose') args.verbose = true;
    else if (a === '--cli') args.cli = true;
    else if (a === '--allow-selector-change') args.allowSelectorChange = true;
    else if (a === '--env') args.env = envName(value());
    else if (a === '--report') args.report = path.resolve(value());
    else throw new Error(`unknown argument ${a}`);
  }
  args.out ||= path.join(args.project, args.env ? `dist-${args.env}` : 'dist');
  return args;
}

/** An environment's name: it becomes part of a folder name. */
function envName(name: string): string {
  if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(name)) throw new Error(`--env ${JSON.stringify(name)}: allowed: lower-case letters, digits and '-'`);
  return name;
}

const log = (msg: string) => process.stderr.write(`synth: ${msg}\n`);
const stackOf = (e: unknown) => (e as Error).stack ?? String(e);
const rel = (p: string) => path.relative(process.cwd(), p) || '.';
const seconds = (t0: number) => `${((performance.now() - t0) / 1000).toFixed(2)} s`;

/** The objects of a synth, or the exit code of a failed one. */
type Synthesised = { objects: ManifestObject[]; parseErrors: SchemaViolation[]; files: string[]; validated: boolean } | number;

/** What the app threw, as report violations (`--report`); empty when it did not. */
let thrown: ReportViolation[] = [];

function inProcess(entry: string, project: string, tmp: string, out: string): Synthesised {
  const cwd = process.cwd();
  try {
    process.chdir(project); // where `cdk8s synth` runs the app
    const r = synthInProcess(entry, tmp);
    return { objects: r.objects, parseErrors: r.parseErrors, files: r.files, validated: false };
  } catch (e) {
    const violations = thrownViolations(e);
    // a refused input is the user's to fix: its message names the construct, field and value; a stack only for anything else
    process.stderr.write(`${violations ? (e as Error).message : stackOf(e)}\n`);
    thrown = violations ?? [{ ruleName: 'the app threw', recommendation: String((e as Error)?.message ?? e), fix: 'see the stack trace on stderr', violatingConstructs: [] }];
    log(`FAILED: ${violations ? `${violations.length} problem(s) in the app's input` : `the app threw: ${(e as Error).message.split('\n')[0]}`}; ${rel(out)}/ untouched`);
    return 1;
  } finally {
    process.chdir(cwd);
  }
}

async function viaCli(args: Args, tmp: string): Promise<Synthesised> {
  // only this path needs the CLI runner and the plugin build
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { ensurePluginBuilt } = require('./synth-plugin') as typeof import('./synth-plugin');
  const { pluginPassed, runCli } = require('./synth/cli') as typeof import('./synth/cli');
  /* eslint-enable @typescript-eslint/no-require-imports */
  ensurePluginBuilt(log);
  const reportsFile = path.join(os.tmpdir(), `cdk8s-expose-reports-${process.pid}.json`);
  fs.rmSync(reportsFile, { force: true });
  try {
    log(`cdk8s synth -> ${rel(tmp)}/`);
    const cli = await runCli(args.project, tmp, reportsFile);
    if (cli.code !== 0) {
      process.stderr.write(cli.stdout);
      log(`FAILED: cdk8s synth exited with ${cli.code}; ${rel(args.out)}/ untouched`);
      return cli.code === 2 ? 2 : 1;
    }
    if (args.verbose) process.stderr.write(cli.stdout);
    const files = findManifestFiles(tmp);
    const { objects, violations } = readManifests(files, readConstructMetadata(tmp));
    fs.rmSync(path.join(tmp, 'construct-metadata.json'), { force: true });
    return { objects, parseErrors: violations, files, validated: violations.length === 0 && pluginPassed(reportsFile) };
  } finally {
    fs.rmSync(reportsFile, { force: true });
  }
}

/** `--report`: the violations found, in cdk8s's validation report JSON (written atomically beside the file). */
function writeReport(file: string | undefined, schema: readonly SchemaViolation[] | undefined): void {
  if (!file) return;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(`${file}.tmp-${process.pid}`, `${JSON.stringify(reportFile(thrown, schemaViolations(schema ?? []), schema !== undefined), null, 2)}\n`);
  fs.renameSync(`${file}.tmp-${process.pid}`, file);
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  let schema: SchemaViolation[] | undefined;
  try {
    return await synthTo(args, v => { schema = v; });
  } finally {
    writeReport(args.report, schema);
  }
}

async function synthTo(args: Args, reportSchema: (violations: SchemaViolation[]) => void): Promise<number> {
  const t0 = performance.now();
  const recovered = recoverInterruptedSwap(args.out);
  if (recovered) log(`restored ${rel(args.out)}/ from ${rel(recovered)} (an earlier swap was interrupted)`);
  for (const p of cleanupDeadRuns(args.out)) log(`removed ${rel(p)}/, left by a run that no longer exists`);

  if (args.env) process.env.CDK8S_EXPOSE_ENV = args.env;
  const project = readProject(args.project);
  const tmp = perRunDir(args.out);
  const cleanup = (failed: boolean) => {
    if (failed && args.keepFailed && fs.existsSync(tmp)) log(`failed output kept in ${rel(tmp)}/`);
    else fs.rmSync(tmp, { recursive: true, force: true });
  };
  const onSignal = (sig: NodeJS.Signals) => {
    cleanup(true);
    log(`interrupted (${sig}); ${rel(args.out)}/ untouched`);
    process.exit(130);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  const here = !args.cli && !project.otherPlugins && project.entry !== undefined;
  const result = here ? inProcess(project.entry!, args.project, tmp, args.out) : await viaCli(args, tmp);
  if (typeof result === 'number') {
    cleanup(true);
    return result;
  }
  log(`synthesised in ${seconds(t0)}${here ? '' : ' (cdk8s synth)'}`);
  if (result.files.length === 0) {
    cleanup(true);
    log(`FAILED: the app wrote no manifest; ${rel(args.out)}/ untouched`);
    return 1;
  }
  const t1 = performance.now();
  if (result.validated) {
    log(`validated ${result.objects.length} objects in ${result.files.length} files (by the cdk8s validation plugin)`);
  } else {
    const validator = getSchemaValidator(project.validation ?? {});
    const violations = [...result.parseErrors, ...validator.validate(result.objects)];
    reportSchema(violations);
    if (violations.length > 0) {
      process.stderr.write(`${formatViolations(violations, path.dirname(tmp))}\n`);
      cleanup(true);
      log(`FAILED: ${violations.length} schema violation(s) against Kubernetes ${validator.kubernetesVersions.join(', ')}; ${rel(args.out)}/ untouched`);
      return 2;
    }
    log(`validated ${result.objects.length} objects in ${result.files.length} files against Kubernetes ${validator.kubernetesVersions.join(', ')} in ${seconds(t1)}`);
  }

  const immutable = args.allowSelectorChange ? [] : immutableFieldProblems(args.out, tmp, result.objects);
  if (immutable.length > 0) {
    thrown = immutable.map(p => ({
      ruleName: `immutable field: ${p.field}`, recommendation: p.detail, fix: '--allow-selector-change after deleting the object in the cluster', violatingConstructs: [],
    }));
    process.stderr.write(`${immutable.map(p => `  ${p.field}: ${p.detail}`).join('\n')}\n`);
    cleanup(true);
    log(`FAILED: ${immutable.length} change(s) Kubernetes refuses against the previous ${rel(args.out)}/ (--allow-selector-change to accept); ${rel(args.out)}/ untouched`);
    return 2;
  }
  const warnings = warningsOf(getSchemaValidator(project.validation ?? {}), result.objects);
  if (warnings.length > 0) {
    process.stderr.write(`${formatViolations(warnings, tmp)}\n`);
    log(`${warnings.length} warning(s) the API server would print (deprecations; they do not fail the synth)`);
  }
  replaceDirAtomically(tmp, args.out);
  cleanup(false);
  log(`${rel(args.out)}/ replaced atomically (${result.files.length} files) in ${seconds(t0)}`);
  return 0;
}

main().then(code => { process.exitCode = code; }, (e: unknown) => {
  log(`FAILED: ${stackOf(e)}`);
  process.exitCode = 1;
});
