/**
 * What `npm run lab:up`, `lab:down` and `lab:verify` share: the lab configuration (lab/config.ts,
 * optionally overridden by `--config <file.json>`), the manifests (synthesised from it into a
 * temporary directory, or read from `--dir`), and running kubectl or curl from PATH with a
 * timeout, printing each command, through one seam (`LabIo`) that tests replace.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { LAB_CONFIG, LabConfig, LabFlavour, LabSections } from '../../lab';
import { ChartManifest, readManifest, synthLabCharts } from '../../lab/stages';

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

/** `--flavour`: `ingress-nginx` (dist/, the default) or `gateway` (Gateway API on Envoy Gateway, dist-gateway/). */
export function flavourOf(value: string | undefined): LabFlavour {
  if (value === undefined || value === 'ingress-nginx') return LabFlavour.INGRESS_NGINX;
  if (value === 'gateway') return LabFlavour.GATEWAY_API;
  throw new UsageError(`--flavour ${JSON.stringify(value)}: allowed: ingress-nginx (dist/), gateway (Gateway API on Envoy Gateway, dist-gateway/)`);
}

/** The lab's manifests: synthesised from `config` into a temporary directory, or read from `dir` (e.g. dist, dist-gateway). */
export function manifests(
  config: LabConfig, dir: string | undefined, flavour = LabFlavour.INGRESS_NGINX,
): { lab: LabSections; charts: ChartManifest[]; dir: string; cleanup: () => void } {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-expose-lab-'));
  const cleanup = () => fs.rmSync(tmp, { recursive: true, force: true });
  let synthesised: ReturnType<typeof synthLabCharts>;
  try {
    synthesised = synthLabCharts(config, tmp, flavour);
  } catch (e) {
    cleanup();
    throw new UsageError(`the lab configuration does not synthesise:\n${(e as Error).message}`);
  }
  if (dir === undefined) return { ...synthesised, dir: tmp, cleanup };
  const charts: ChartManifest[] = synthesised.charts.map(c => {
    const file = path.join(dir, c.file);
    if (!fs.existsSync(file)) {
      const synth = flavour === LabFlavour.GATEWAY_API ? 'npm run synth:gateway' : 'npm run synth';
      throw new UsageError(`${file} is missing: run ${synth} (or leave out --dir to use the configuration directly)`);
    }
    return { file: c.file, objects: readManifest(file) };
  });
  return { lab: synthesised.lab, charts, dir, cleanup };
}

/** The result of one command. */
export interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** Killed because it ran longer than allowed. */
  readonly timedOut: boolean;
}

/** Runs a tool by name: `cmd` from PATH without a shell, killed after `timeoutSeconds`. Never throws. */
export type Exec = (cmd: string, args: string[], timeoutSeconds: number) => Run;

/**
 * Everything a lab script does outside its own computation: running kubectl and curl, writing
 * its output, sleeping between polls and reading the clock. `processIo` is the real one; tests
 * run a script in their own process with other tools (stand-ins first on PATH) and a clock that
 * advances only when the script sleeps.
 */
export interface LabIo {
  readonly exec: Exec;
  out(text: string): void;
  err(text: string): void;
  /** Sleeps (synchronously: the scripts are sequential). */
  sleep(ms: number): void;
  /** Milliseconds, as Date.now(). */
  now(): number;
}

/** The real tools from the PATH of `env`, killed with SIGKILL after their time. */
export function toolRunner(env: NodeJS.ProcessEnv = process.env): Exec {
  return (cmd, args, timeoutSeconds) => {
    const r = spawnSync(cmd, args, { env, encoding: 'utf8', timeout: timeoutSeconds * 1000, killSignal: 'SIGKILL', maxBuffer: 64 * 1024 * 1024 });
    const timedOut = (r.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT' || (r.signal === 'SIGKILL' && r.status === null);
    if (r.error && !timedOut) {
      const missing = (r.error as NodeJS.ErrnoException).code === 'ENOENT';
      return { code: 127, stdout: '', stderr: missing ? `${cmd}: not found on PATH` : String(r.error), timedOut: false };
    }
    return { code: r.status ?? 1, stdout: r.stdout ?? '', stderr: r.stderr ?? '', timedOut };
  };
}

/** Sleeps (synchronously: the scripts are sequential). */
export function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** This process's tools, output and clock. */
export const processIo: LabIo = {
  exec: toolRunner(),
  out: text => process.stdout.write(text),
  err: text => process.stderr.write(text),
  sleep,
  now: () => Date.now(),
};

/** Runs `cmd` (io.exec), printing the command first unless `echo` is false. Never throws. */
export function run(io: LabIo, cmd: string, args: string[], timeoutSeconds: number, echo = true): Run {
  if (echo) io.out(`  $ ${[cmd, ...args].map(quote).join(' ')}\n`);
  return io.exec(cmd, args, timeoutSeconds);
}

/** Shell-quotes an argument for display (the commands are run without a shell). */
export function quote(a: string): string {
  return /^[A-Za-z0-9_./:=@%+,-]+$/.test(a) ? a : `'${a.replace(/'/g, '\'\\\'\'')}'`;
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

/** A lab script: its command-line arguments (after the script name) in, its exit code out. */
export type LabScript = (argv: string[], io: LabIo) => number;

/** Runs a script: its exit code, usage errors as exit 2 and anything unexpected as exit 1, both told on io.err. */
export function runScript(name: string, script: LabScript, argv: string[], io: LabIo): number {
  try {
    return script(argv, io);
  } catch (e) {
    if (e instanceof UsageError || String((e as NodeJS.ErrnoException).code).startsWith('ERR_PARSE_ARGS')) {
      io.err(`${name}: ${(e as Error).message}\n`);
      return EXIT_USAGE;
    }
    io.err(`${name}: ${(e as Error).stack ?? String(e)}\n`);
    return EXIT_FAILED;
  }
}

/** Runs a script as this process's main: its arguments, the real tools, the exit code. */
export function main(name: string, script: LabScript): void {
  process.exitCode = runScript(name, script, process.argv.slice(2), processIo);
}
