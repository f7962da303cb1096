/**
 * Runs a cdk8s app for `cdk8s synth` with its own staging directory (cdk8s.yaml:
 * `app: node -r ./scripts/compile.js scripts/cdk8s-app.js main.js`).
 *
 * The CLI gives every run the same output directory (`.dist-staging`) and empties it at its start,
 * so two runs at once used to mix their files, and a valid run could promote a failing run's
 * invalid object. Here the app writes into `.dist-run-<cli pid>` (validation-plugin/src/cli-run.ts),
 * records what it wrote, and copies the files into the CLI's output for the CLI's listing and any
 * other plugin; the validation plugin validates and promotes the run directory.
 *
 * When cdk8s.yaml declares our validation plugin, the objects are also validated here, as they
 * were rendered (the safe synth's way: no YAML parsed back, the validator cache), and the result is
 * left for the plugin with the hashes of the files it describes (validation-plugin/src/app-report.ts):
 * the plugin then neither parses nor validates, unless the files it is handed differ.
 *
 * Refuses to run when the CLI's output is the promotion target (`cdk8s synth --output dist`): the
 * CLI has already deleted it, and writing unvalidated output there is what the staging prevents.
 */
import * as fs from 'fs';
import * as path from 'path';
import { writeAppReport } from '../validation-plugin/src/app-report';
import { resolveTarget } from '../validation-plugin/src/atomic-dir';
import { RUN_RECORD, RunRecord, cliPid, cliRunDir } from '../validation-plugin/src/cli-run';
import { getSchemaValidator, warningsOf } from '../validation-plugin/src/schema-validator';
import { synthInProcess } from './synth/in-process';
import { ProjectConfig, readProject } from './synth/project';

function project(): ProjectConfig | undefined {
  try {
    return readProject(process.cwd());
  } catch {
    return undefined;
  }
}

/** Copies the run directory's files into the CLI's output directory. */
function copyInto(from: string, to: string): void {
  fs.mkdirSync(to, { recursive: true });
  for (const e of fs.readdirSync(from, { withFileTypes: true })) {
    const src = path.join(from, e.name);
    const dest = path.join(to, e.name);
    if (e.isDirectory()) copyInto(src, dest);
    else fs.copyFileSync(src, dest);
  }
}

function main(): void {
  const entry = process.argv[2];
  if (!entry) throw new Error('usage: node -r ./scripts/compile.js scripts/cdk8s-app.js <app.js>');
  const outdir = path.resolve(process.env.CDK8S_OUTDIR ?? 'dist');
  const config = project();
  const promote = config?.promote;
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
    // CDK8S_EXPOSE_APP_REPORT=off: leave the validation to the plugin (as a foreign app would)
    const validation = process.env.CDK8S_EXPOSE_APP_REPORT === 'off' ? undefined : config?.validation;
    const result = synthInProcess(entry, run, keepMetadata, validation !== undefined);
    const record: RunRecord = { cli: cliPid(), files: result.files.map(f => path.relative(run, f)) };
    copyInto(run, outdir);
    if (validation && result.inMemory) {
      const validator = getSchemaValidator(validation);
      const violations = validator.validate(result.objects);
      if (validator.schemaSetKey) {
        writeAppReport(run, validator.schemaSetKey, result.files, result.objects.length, violations, warningsOf(validator, result.objects));
      }
    }
    fs.writeFileSync(path.join(run, RUN_RECORD), JSON.stringify(record));
  } catch (e) {
    fs.rmSync(run, { recursive: true, force: true });
    throw e;
  }
}

try {
  main();
} catch (e) {
  // as Node reports an uncaught error
  process.stderr.write(`${(e as Error)?.stack ?? String(e)}\n`);
  process.exitCode = 1;
}
