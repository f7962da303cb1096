/**
 * Runs a cdk8s app for `cdk8s synth` with its own staging directory (cdk8s.yaml:
 * `app: node -r ./scripts/register-ts.js scripts/cdk8s-app.ts main.ts`).
 *
 * The CLI gives every run the same output directory (`.dist-staging`) and empties it at its start,
 * so two runs at once used to mix their files, and a valid run could promote a failing run's
 * invalid object. Here the app writes into `.dist-run-<cli pid>` (validation-plugin/src/cli-run.ts),
 * records what it wrote, and copies the files into the CLI's output for the CLI's listing and any
 * other plugin; the validation plugin validates and promotes the run directory.
 *
 * Refuses to run when the CLI's output is the promotion target (`cdk8s synth --output dist`): the
 * CLI has already deleted it, and writing unvalidated output there is what the staging prevents.
 */
import * as fs from 'fs';
import * as path from 'path';
import { resolveTarget } from '../validation-plugin/src/atomic-dir';
import { RUN_RECORD, RunRecord, cliPid, cliRunDir } from '../validation-plugin/src/cli-run';
import { synthInProcess } from './synth/in-process';
import { cdk8sYaml } from './synth/yaml';

/** `promote` of the validation plugin declared in ./cdk8s.yaml, if any. */
function promotion(): { from: string; to: string } | undefined {
  try {
    const config = cdk8sYaml().parse(fs.readFileSync('cdk8s.yaml', 'utf-8')) as { validations?: { properties?: { promote?: { from?: string; to?: string } } }[] };
    const p = (Array.isArray(config.validations) ? config.validations : []).map(v => v.properties?.promote).find(x => typeof x?.from === 'string' && typeof x.to === 'string');
    return p ? { from: path.resolve(p.from!), to: path.resolve(p.to!) } : undefined;
  } catch {
    return undefined;
  }
}

function main(): void {
  const entry = process.argv[2];
  if (!entry) throw new Error('usage: node -r ./scripts/register-ts.js scripts/cdk8s-app.ts <app.ts>');
  const outdir = path.resolve(process.env.CDK8S_OUTDIR ?? 'dist');
  const promote = promotion();
  const keepMetadata = process.env.CDK8S_RECORD_CONSTRUCT_METADATA === 'true';
  const target = promote?.to;
  if (target && resolveTarget(outdir) === resolveTarget(target)) {
    process.stderr.write([
      `cdk8s-expose: refusing to synthesise straight into ${path.relative(process.cwd(), target) || target}/, the directory the validation plugin promotes to.`,
      `  \`cdk8s synth --output ${path.relative(process.cwd(), outdir)}\` bypasses the staging and validation (and the CLI has already emptied it).`,
      '  Run `cdk8s synth` (cdk8s.yaml\'s output is the staging directory) or `npm run synth`; restore the committed output with your VCS if you need it now.',
      '',
    ].join('\n'));
    process.exitCode = 1;
    return;
  }
  if (!promote || outdir !== promote.from) {
    // not the staging directory (--output elsewhere, --stdout): nothing is promoted from here
    synthInProcess(entry, outdir, keepMetadata, false);
    return;
  }
  const run = cliRunDir(outdir, cliPid());
  fs.rmSync(run, { recursive: true, force: true });
  try {
    const result = synthInProcess(entry, run, keepMetadata, false);
    const record: RunRecord = { cli: cliPid(), files: result.files.map(f => path.relative(run, f)) };
    fs.mkdirSync(outdir, { recursive: true });
    fs.cpSync(run, outdir, { recursive: true });
    fs.writeFileSync(path.join(run, RUN_RECORD), JSON.stringify(record));
  } catch (e) {
    fs.rmSync(run, { recursive: true, force: true });
    throw e;
  }
}

main();
