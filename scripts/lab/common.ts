/**
 * What `npm run lab:up`, `lab:down` and `lab:verify` share: the lab configuration (lab/config.ts,
 * optionally overridden by `--config <file.json>`), the manifests (synthesised from it into a
 * temporary directory, or read from `--dir`), and running kubectl or curl from PATH with a
 * timeout, printing each command.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse } from 'yaml';
import { Lab, LAB_CONFIG, LabConfig } from '../../lab';
import { ChartManifest, synthLabCharts } from '../../lab/stages';

/** Exit codes: 0 done, 1 a step or check failed, 2 bad usage or configuration. */
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

/** A usage or configuration error (exit 2). */
export class UsageError extends Error {}

/** The lab configuration: lab/config.ts, with the fields of `--config <file.json>` over it. */
export function loadConfig(file: string | undefined): LabConfig {
  if (file === undefined) return LAB_CONFIG;
  let override: Partial<LabConfig>;
  try {
    override = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new UsageError(`--config ${file}: ${(e as Error).message}`);
  }
  return { ...LAB_CONFIG, ...override, images: { ...LAB_CONFIG.images, ...override.images } };
}

/** The lab's manifests: synthesised from `config` into a temporary directory, or read from `dir` (e.g. dist). */
export function manifests(config: LabConfig, dir: string | undefined): { lab: Lab; charts: ChartManifest[]; dir: string; cleanup: () => void } {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-expose-lab-'));
  const cleanup = () => fs.rmSync(tmp, { recursive: true, force: true });
  let synthesised: ReturnType<typeof synthLabCharts>;
  try {
    synthesised = synthLabCharts(config, tmp);
  } catch (e) {
    cleanup();
    throw new UsageError(`the lab configuration does not synthesise:\n${(e as Error).message}`);
  }
  if (dir === undefined) return { ...synthesised, dir: tmp, cleanup };
  const charts: ChartManifest[] = synthesised.charts.map(c => {
    const file = path.join(dir, c.file);
    if (!fs.existsSync(file)) throw new UsageError(`${file} is missing: run npm run synth (or leave out --dir to use the configuration directly)`);
    return { file: c.file, objects: parseAllDocuments(fs.readFileSync(file, 'utf8')) };
  });
  return { lab: synthesised.lab, charts, dir, cleanup };
}

function parseAllDocuments(text: string): any[] {
  return text.split(/^---$/m).map(d => d.trim()).filter(d => d.length > 0).map(d => parse(d));
}

/** The result of one command. */
export interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** Killed because it ran longer than allowed. */
  readonly timedOut: boolean;
}

/** Runs `cmd` from PATH without a shell; kills it after `timeoutSeconds`. Never throws. */
export function run(cmd: string, args: string[], timeoutSeconds: number, echo = true): Run {
  if (echo) process.stdout.write(`  $ ${[cmd, ...args].map(quote).join(' ')}\n`);
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: timeoutSeconds * 1000, killSignal: 'SIGKILL', maxBuffer: 64 * 1024 * 1024 });
  const timedOut = (r.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT' || (r.signal === 'SIGKILL' && r.status === null);
  if (r.error && !timedOut) {
    const missing = (r.error as NodeJS.ErrnoException).code === 'ENOENT';
    return { code: 127, stdout: '', stderr: missing ? `${cmd}: not found on PATH` : String(r.error), timedOut: false };
  }
  return { code: r.status ?? 1, stdout: r.stdout ?? '', stderr: r.stderr ?? '', timedOut };
}

/** Shell-quotes an argument for display (the commands are run without a shell). */
export function quote(a: string): string {
  return /^[A-Za-z0-9_./:=@%+,-]+$/.test(a) ? a : `'${a.replace(/'/g, '\'\\\'\'')}'`;
}

/** Sleeps (synchronously: the scripts are sequential). */
export function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** The first line of a command's error output, for messages. */
export function firstLine(r: Run): string {
  return (r.stderr.trim() || r.stdout.trim()).split('\n')[0] ?? '';
}

/** Parses `--timeout` etc.: a positive number of seconds. */
export function seconds(flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`${flag} ${JSON.stringify(value)}: allowed: a positive number of seconds`);
  return n;
}

/** Runs a script's main: exit code from its result, usage errors as exit 2. */
export function main(name: string, body: () => number): void {
  try {
    process.exitCode = body();
  } catch (e) {
    if (e instanceof UsageError || String((e as NodeJS.ErrnoException).code).startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`${name}: ${(e as Error).message}\n`);
      process.exitCode = EXIT_USAGE;
    } else {
      process.stderr.write(`${name}: ${(e as Error).stack ?? String(e)}\n`);
      process.exitCode = EXIT_FAILED;
    }
  }
}
