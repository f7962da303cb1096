/**
 * Safe synth: `npm run synth` (= node --import tsx scripts/synth.ts).
 *
 * Runs the real `cdk8s synth` into a temporary directory next to the output, validates every
 * object there strictly (schema-validator), and only then replaces the output directory
 * atomically. On any failure (the app throws, a cdk8s validation plugin fails, a schema violation,
 * no manifest at all) the previous output is left byte-for-byte intact and the exit code is
 * non-zero: 1 for a failed synth, 2 for violations.
 *
 * Usage: node --import tsx scripts/synth.ts [--project <dir>] [--out <dir>] [--keep-failed] [--verbose]
 *   --project  directory with cdk8s.yaml, where `cdk8s synth` runs (default: the current directory)
 *   --out      directory to replace (default: <project>/dist)
 *   --keep-failed  keep the temporary output of a failed synth for inspection
 *   --verbose  pass the CLI's own output through even on success
 * Progress goes to stderr; the app's stderr (warnings) is passed through as it comes.
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  DEFAULT_KUBERNETES_VERSIONS, findManifestFiles, formatViolations, getSchemaValidator, readConstructMetadata, readManifests,
} from '../validation-plugin/src/schema-validator';
import { recoverInterruptedSwap, replaceDirAtomically } from '../validation-plugin/src/atomic-dir';
import { CDK8S_CLI, PLUGIN_DIR, ensurePluginBuilt } from './synth-plugin';

interface Args {
  project: string;
  out: string;
  keepFailed: boolean;
  verbose: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { project: process.cwd(), out: '', keepFailed: false, verbose: false };
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
    else throw new Error(`unknown argument ${a}`);
  }
  args.out ||= path.join(args.project, 'dist');
  return args;
}

const log = (msg: string) => process.stderr.write(`synth: ${msg}\n`);
const rel = (p: string) => path.relative(process.cwd(), p) || '.';
const seconds = (t0: number) => `${((performance.now() - t0) / 1000).toFixed(2)} s`;

/** Runs `cdk8s synth --output <tmp>`; resolves with its exit code and captured stdout. */
function runCli(project: string, output: string, reportsFile: string): Promise<{ code: number; stdout: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, CDK8S_RECORD_CONSTRUCT_METADATA: 'true', CDK8S_CHECK_UPGRADE: 'false' };
  // Options the CLI would read from the environment (yargs .env('CDK8S')) or that change the output.
  for (const k of ['CDK8S_OUTPUT', 'CDK8S_STDOUT', 'CDK8S_FORMAT', 'CDK8S_APP', 'CDK8S_VALIDATE', 'CDK8S_OUTDIR', 'CDK8S_DISABLE_SORT', 'CDK8S_VALIDATION_REPORTS_OUTPUT_FILE']) delete env[k];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [
      CDK8S_CLI, 'synth', '--no-check-upgrade', '--output', output, '--validation-reports-output-file', reportsFile,
    ], { cwd: project, env, stdio: ['ignore', 'pipe', 'inherit'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), stdout: Buffer.concat(chunks).toString('utf-8') }));
  });
}

/** Whether the CLI already ran this repo's SchemaValidation plugin successfully (then we need not repeat it). */
function pluginPassed(reportsFile: string): boolean {
  if (!fs.existsSync(reportsFile)) return false;
  try {
    const { reports } = JSON.parse(fs.readFileSync(reportsFile, 'utf-8')) as { reports: { summary: { status: string; plugin: string; metadata?: { Schemas?: string } } }[] };
    // Same plugin, same schemas (its report names the Kubernetes versions it used), and it passed.
    const schemas = `Kubernetes ${DEFAULT_KUBERNETES_VERSIONS.join(', ')} + CRDs`;
    return reports.some(r => path.resolve(r.summary.plugin) === PLUGIN_DIR && r.summary.status === 'success' && r.summary.metadata?.Schemas === schemas);
  } catch {
    return false;
  }
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const t0 = performance.now();
  const recovered = recoverInterruptedSwap(args.out);
  if (recovered) log(`restored ${rel(args.out)}/ from ${rel(recovered)} (an earlier swap was interrupted)`);
  ensurePluginBuilt(log);

  const tmp = path.join(path.dirname(args.out), `.dist-tmp-${process.pid}`);
  const reportsFile = path.join(os.tmpdir(), `cdk8s-expose-reports-${process.pid}.json`);
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.rmSync(reportsFile, { force: true });
  const cleanup = (failed: boolean) => {
    fs.rmSync(reportsFile, { force: true });
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

  log(`cdk8s synth -> ${rel(tmp)}/`);
  const cli = await runCli(args.project, tmp, reportsFile);
  if (cli.code !== 0) {
    process.stderr.write(cli.stdout);
    cleanup(true);
    log(`FAILED: cdk8s synth exited with ${cli.code}; ${rel(args.out)}/ untouched`);
    return cli.code === 2 ? 2 : 1;
  }
  if (args.verbose) process.stderr.write(cli.stdout);
  log(`synthesised in ${seconds(t0)}`);

  const files = findManifestFiles(tmp);
  if (files.length === 0) {
    cleanup(true);
    log(`FAILED: the app wrote no manifest; ${rel(args.out)}/ untouched`);
    return 1;
  }
  const t1 = performance.now();
  const { objects, violations: parseErrors } = readManifests(files, readConstructMetadata(tmp));
  if (parseErrors.length === 0 && pluginPassed(reportsFile)) {
    log(`validated ${objects.length} objects in ${files.length} files (by the cdk8s validation plugin)`);
  } else {
    const validator = getSchemaValidator();
    const violations = [...parseErrors, ...validator.validate(objects)];
    if (violations.length > 0) {
      process.stderr.write(`${formatViolations(violations, path.dirname(tmp))}\n`);
      cleanup(true);
      log(`FAILED: ${violations.length} schema violation(s) against Kubernetes ${validator.kubernetesVersions.join(', ')}; ${rel(args.out)}/ untouched`);
      return 2;
    }
    log(`validated ${objects.length} objects in ${files.length} files against Kubernetes ${validator.kubernetesVersions.join(', ')} in ${seconds(t1)}`);
  }

  fs.rmSync(path.join(tmp, 'construct-metadata.json'), { force: true });
  replaceDirAtomically(tmp, args.out);
  cleanup(false);
  log(`${rel(args.out)}/ replaced atomically (${files.length} files) in ${seconds(t0)}`);
  return 0;
}

main().then(code => { process.exitCode = code; }, (e: unknown) => {
  log(`FAILED: ${(e as Error).stack ?? String(e)}`);
  process.exitCode = 1;
});
