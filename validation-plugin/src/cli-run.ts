/**
 * One `cdk8s synth` run's own staging directory, shared by the app wrapper (scripts/cdk8s-app.ts,
 * in the app's process) and the plugin (in the CLI's process), named after the CLI's pid:
 * `.dist-run-<cli pid>` next to the CLI's output directory. The app writes there first and then
 * copies its files into the CLI's output (`.dist-staging`, which every run shares and which the
 * CLI empties at its start); the plugin validates and promotes the run directory, so a
 * concurrent run can never mix its files into this one's, nor have them promoted.
 */
import * as fs from 'fs';
import * as path from 'path';

/** Written last into the run directory: which manifests this run's app wrote. */
export const RUN_RECORD = '.cdk8s-expose-run.json';

export interface RunRecord {
  /** pid of the `cdk8s synth` process the app ran for. */
  readonly cli: number;
  /** The manifest files written, relative to the run directory. */
  readonly files: readonly string[];
}

export function cliRunDir(outdir: string, cliPid: number): string {
  return path.join(path.dirname(path.resolve(outdir)), `.dist-run-${cliPid}`);
}

export function readRunRecord(runDir: string): RunRecord | undefined {
  try {
    return JSON.parse(fs.readFileSync(path.join(runDir, RUN_RECORD), 'utf-8')) as RunRecord;
  } catch {
    return undefined;
  }
}

const SHELLS = new Set(['sh', 'dash', 'bash', 'zsh', 'ksh', 'ash', 'busybox']);

function parentOf(pid: number): number | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf-8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

function commandOf(pid: number): string | undefined {
  try {
    return fs.readFileSync(`/proc/${pid}/comm`, 'utf-8').trim();
  } catch {
    return undefined;
  }
}

/**
 * The pid of the `cdk8s synth` process that started this app: the parent, or the parent's parent
 * when the CLI's `shell: true` spawn left a shell in between (dash does not exec the command).
 * Without /proc this is the parent, and the plugin then falls back to validating the shared
 * output directory.
 */
export function cliPid(): number {
  let pid = process.ppid;
  for (let i = 0; i < 3 && SHELLS.has(commandOf(pid) ?? ''); i++) pid = parentOf(pid) ?? pid;
  return pid;
}
