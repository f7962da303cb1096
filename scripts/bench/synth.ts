/**
 * The synth rows of `npm run bench`: whole-process wall times, each beside its floor measured in
 * the same run, interleaved (floor, ours, floor, ours...) after two warm-up runs of each, medians
 * of three times `--runs` samples (at least 15).
 *
 * - `npm run synth` (the README's lab synth: build, app-wide checks, strict validation of every
 *   object, the atomic swap), into a temp dist/ so the repo's is not touched; floor: node loading
 *   cdk8s and cdk8s-plus-27 and nothing else.
 * - `cdk8s synth` with the validation plugin declared (a temp project shaped like the repo's
 *   cdk8s.yaml: the app through scripts/cdk8s-app.ts, validation, promotion); floor: `cdk8s --version`.
 * - informative: the safe synth without npm in front (package.json's synth script run directly).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { nodeArgsOf, npmScriptNodeArgs } from '../npm-script';
import { BenchRow, FLOOR_ARGS, FLOOR_NAME, median } from './row';

const ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(ROOT, 'node_modules', 'cdk8s-cli', 'bin', 'cdk8s');

/** Milliseconds of one whole process; throws when it fails. */
function timed(cmd: string, args: string[], cwd: string): number {
  const env: NodeJS.ProcessEnv = { ...process.env, CDK8S_CHECK_UPGRADE: 'false', NO_COLOR: '1' };
  delete env.CDK8S_OUTDIR;
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { cwd, env, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf-8' });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return ms;
}

/** The repo's command for `what`: package.json's synth script, or cdk8s.yaml's app (as written there). */
function repoCommand(what: 'synth' | 'app'): string[] {
  if (what === 'synth') return npmScriptNodeArgs('synth');
  return nodeArgsOf(/^app:\s*(.*)$/m.exec(fs.readFileSync(path.join(ROOT, 'cdk8s.yaml'), 'utf-8'))?.[1] ?? '', "cdk8s.yaml's app");
}

/** A temp project running the repo's lab as the repo's cdk8s.yaml does, with absolute paths. */
function labProject(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-expose-bench-'));
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  const q = (p: string) => JSON.stringify(path.join(ROOT, p));
  const app = repoCommand('app').map(w => (w.startsWith('-') ? w : q(w)));
  fs.writeFileSync(path.join(dir, 'cdk8s.yaml'), [
    'language: typescript',
    `app: node ${app.join(' ')}`,
    'output: .dist-staging',
    'validations:',
    `  - package: ${q('validation-plugin')}`,
    '    class: SchemaValidation',
    '    version: 0.1.0',
    '    properties:',
    '      crdReleases: { cert-manager: v1.16.5 }',
    '      promote: { from: .dist-staging, to: dist }',
    '',
  ].join('\n'));
  return dir;
}

export async function synthRows(runs: number): Promise<BenchRow[]> {
  // three times the samples of the other rows, at least 15: these processes take well under a
  // second, and single samples (the floor's included) swing by 15 % from one to the next
  const n = Math.max(15, 3 * runs);
  const project = labProject();
  const out = path.join(project, 'npm-dist');
  const measures = {
    floor: () => timed(process.execPath, FLOOR_ARGS, ROOT),
    npmSynth: () => timed('npm', ['run', '--silent', 'synth', '--', '--out', out], ROOT),
    direct: () => timed(process.execPath, [...repoCommand('synth'), '--out', out], ROOT),
    version: () => timed(process.execPath, [CLI, '--version'], project),
    cliSynth: () => timed(process.execPath, [CLI, 'synth', '--no-check-upgrade'], project),
  };
  const samples: Record<keyof typeof measures, number[]> = { floor: [], npmSynth: [], direct: [], version: [], cliSynth: [] };
  try {
    // warm-up: the compiled scripts (scripts/compile.js), the plugin build and the validator cache,
    // so every measured sample finds them warm
    for (let i = 0; i < 2; i++) for (const m of Object.values(measures)) m();
    for (let i = 0; i < n; i++) {
      for (const [name, m] of Object.entries(measures) as [keyof typeof measures, () => number][]) samples[name].push(m());
    }
  } finally {
    fs.rmSync(project, { recursive: true, force: true });
  }
  const floorName = FLOOR_NAME;
  return [
    { what: 'npm run synth (lab: build, checks, strict validation, safe swap)', oursMs: median(samples.npmSynth), floorName, floorMs: median(samples.floor), target: 3 },
    { what: 'cdk8s synth (validation plugin declared, promotion)', oursMs: median(samples.cliSynth), floorName: 'cdk8s --version', floorMs: median(samples.version), target: 1.6 },
    { what: `the safe synth without npm (node ${repoCommand('synth').join(' ')})`, oursMs: median(samples.direct), floorName, floorMs: median(samples.floor) },
  ];
}

// `node -r ./scripts/compile.js scripts/bench/synth.js [runs]`: these rows alone.
if (require.main === module) {
  void synthRows(Number(process.argv[2] ?? 5)).then(rows => {
    for (const r of rows) {
      process.stdout.write(`${r.what}\n  ours ${r.oursMs.toFixed(0)} ms, ${r.floorName} ${r.floorMs.toFixed(0)} ms, ratio ${(r.oursMs / r.floorMs).toFixed(2)}${r.target ? ` (target <= ${r.target})` : ''}\n`);
    }
  });
}
