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
 * Usage: node -r ./scripts/compile.js scripts/synth.js [--project <dir>] [--out <dir>] [--keep-failed] [--verbose] [--cli]
 *   --project  directory with cdk8s.yaml (default: the current directory)
 *   --out      directory to replace (default: <project>/dist; a symlink stays a link)
 *   --keep-failed  keep the per-run output of a failed synth for inspection
 *   --verbose  with --cli: pass the CLI's own output through even on success
 *   --cli      run the real `cdk8s synth` (a separate process) instead of synthesising here
 * Progress goes to stderr; the app's warnings pass through.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { cleanupDeadRuns, perRunDir, recoverInterruptedSwap, replaceDirAtomically } from '../validation-plugin/src/atomic-dir';
import {
  ManifestObject, SchemaViolation, findManifestFiles, formatViolations, getSchemaValidator, readConstructMetadata, readManifests, warningsOf,
} from '../validation-plugin/src/schema-validator';
import { synthInProcess } from './synth/in-process';
import { readProject } from './synth/project';

interface Args {
  project: string;
  out: string;
  keepFailed: boolean;
  verbose: boolean;
  cli: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { project: process.cwd(), out: '', keepFailed: false, verbose: false, cli: false };
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
    else throw new Error(`unknown argument ${a}`);
  }
  args.out ||= path.join(args.project, 'dist');
  return args;
}

const log = (msg: string) => process.stderr.write(`synth: ${msg}\n`);
const stackOf = (e: unknown) => (e as Error).stack ?? String(e);
const rel = (p: string) => path.relative(process.cwd(), p) || '.';
const seconds = (t0: number) => `${((performance.now() - t0) / 1000).toFixed(2)} s`;

/** The objects of a synth, or the exit code of a failed one. */
type Synthesised = { objects: ManifestObject[]; parseErrors: SchemaViolation[]; files: string[]; validated: boolean } | number;

function inProcess(entry: string, project: string, tmp: string, out: string): Synthesised {
  const cwd = process.cwd();
  try {
    process.chdir(project); // where `cdk8s synth` runs the app
    const r = synthInProcess(entry, tmp);
    return { objects: r.objects, parseErrors: r.parseErrors, files: r.files, validated: false };
  } catch (e) {
    process.stderr.write(`${stackOf(e)}\n`);
    log(`FAILED: the app threw: ${(e as Error).message.split('\n')[0]}; ${rel(out)}/ untouched`);
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

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const t0 = performance.now();
  const recovered = recoverInterruptedSwap(args.out);
  if (recovered) log(`restored ${rel(args.out)}/ from ${rel(recovered)} (an earlier swap was interrupted)`);
  for (const p of cleanupDeadRuns(args.out)) log(`removed ${rel(p)}/, left by a run that no longer exists`);

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
    if (violations.length > 0) {
      process.stderr.write(`${formatViolations(violations, path.dirname(tmp))}\n`);
      cleanup(true);
      log(`FAILED: ${violations.length} schema violation(s) against Kubernetes ${validator.kubernetesVersions.join(', ')}; ${rel(args.out)}/ untouched`);
      return 2;
    }
    log(`validated ${result.objects.length} objects in ${result.files.length} files against Kubernetes ${validator.kubernetesVersions.join(', ')} in ${seconds(t1)}`);
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
