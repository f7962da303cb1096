/**
 * Stand-in kubectl, curl and helm for the lab:up/down/verify tests, and runners for the scripts (see lab-scripts.spec.ts).
 * `lab()` answers the stand-ins' calls in this process by default (helpers/stand-in-tools.ts: the same
 * rules, state and answers as the sh scripts, without a fork of the jest worker per call); the tests of
 * the tool runner itself pass `{ realTools: true }` (child processes found on PATH, killed after their time).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { LAB_CONFIG } from '../../lab';
import { Exec, LabIo, LabScript, runScript, toolRunner } from '../../scripts/lab/common';
import { labDown } from '../../scripts/lab/down';
import { labUp } from '../../scripts/lab/up';
import { labVerify } from '../../scripts/lab/verify';
import { npmScriptNodeArgs } from '../../scripts/npm-script';
import { standInExec } from './stand-in-tools';
import { removeTempDir, tempDir } from './tls';

export const ROOT = path.join(__dirname, '..', '..');
const FAKE_TOOLS = path.join(ROOT, '__tests__', 'fixtures', 'fake-tools');
export const NS = LAB_CONFIG.namespace;
export const PEM = '-----BEGIN CERTIFICATE-----\nMIIBfake\n-----END CERTIFICATE-----\n';

export interface Call { tool: string; args: string[] }
export interface Result { code: number | null; stdout: string; stderr: string; calls: Call[]; slept: number[] }
export interface Reply { status: number; body?: string; location?: string }

/** The stand-ins' directory (FAKE_TOOLS_DIR): the calls they record, the rules and the state they answer from. */
export class StandIns {
  dir = '';
  env: NodeJS.ProcessEnv = {};
  /** The stand-ins answered in this process (helpers/stand-in-tools.ts), with this directory's rules and state. */
  exec: Exec = () => { throw new Error('no stand-ins: useStandIns()'); };
  private outputs = 0;

  /** A fresh directory: no rules, no calls, no CRDs. */
  reset(): void {
    this.dir = tempDir('lab-scripts-');
    this.env = { ...process.env, PATH: `${FAKE_TOOLS}${path.delimiter}${process.env.PATH ?? ''}`, FAKE_TOOLS_DIR: this.dir };
    this.exec = standInExec(this.env);
    this.outputs = 0;
  }

  /** kubectl calls whose arguments match `glob` (a sh pattern) exit with `exit` and print `output`; only the first `times` if given. */
  kubectl(glob: string, exit: number | 'hang', output = '', times?: number): this {
    const rule = [glob, String(exit), output === '' ? '-' : this.file(output), ...(times === undefined ? [] : [String(times)])];
    fs.appendFileSync(path.join(this.dir, 'kubectl.tsv'), `${rule.join('\t')}\n`);
    return this;
  }

  /** curl of `url` answers `reply`, or never answers; a URL not listed cannot be connected to. */
  curl(url: string, reply: Reply | 'hang'): this {
    const rule = reply === 'hang' ? [url, 'hang', '-', '-']
      : [url, String(reply.status), reply.body === undefined ? '-' : this.file(reply.body), reply.location ?? '-'];
    fs.appendFileSync(path.join(this.dir, 'curl.tsv'), `${rule.join('\t')}\n`);
    return this;
  }

  /** A CRD that exists from the start. */
  crd(name: string): this {
    fs.writeFileSync(path.join(this.dir, `crd.${name}`), '');
    return this;
  }

  /** The calls recorded since the last `clear()`. */
  calls(): Call[] {
    return recordedCalls(this.dir);
  }

  clear(): void {
    fs.rmSync(path.join(this.dir, 'calls.log'), { force: true });
  }

  private file(text: string): string {
    const file = path.join(this.dir, `output.${++this.outputs}`);
    fs.writeFileSync(file, text);
    return file;
  }
}

/** The calls recorded in a stand-ins' directory (its calls.log). */
export function recordedCalls(dir: string): Call[] {
  const log = path.join(dir, 'calls.log');
  if (!fs.existsSync(log)) return [];
  return fs.readFileSync(log, 'utf8').split('\n').filter(Boolean).map(l => {
    const [tool, ...args] = l.split('\t');
    return { tool, args };
  });
}

/** The stand-ins of the running test (a fresh directory for each test: `useStandIns()`). */
export const tools = new StandIns();

/** Registers the hooks that give each test of the file fresh stand-ins. */
export function useStandIns(): void {
  beforeEach(() => tools.reset());
  afterEach(() => removeTempDir(tools.dir));
}

const SCRIPTS: Record<'up' | 'down' | 'verify', LabScript> = { up: labUp, down: labDown, verify: labVerify };

/** How `lab()` runs the tools: the stand-ins in this process (the default), the real tool runner (`realTools`), or `exec`. */
export interface LabOptions { readonly realTools?: boolean; readonly exec?: Exec }

/**
 * Runs lab:<script> in this process, a clock that moves only when the script sleeps; the stand-ins
 * answered in this process, or with `realTools` the real tool runner with the stand-ins first on PATH.
 */
export function lab(script: 'up' | 'down' | 'verify', args: string[] = [], options: LabOptions = {}): Result {
  tools.clear();
  let stdout = '';
  let stderr = '';
  let clock = 1_000_000;
  const slept: number[] = [];
  const io: LabIo = {
    exec: options.exec ?? (options.realTools ? toolRunner(tools.env) : tools.exec),
    out: text => { stdout += text; },
    err: text => { stderr += text; },
    sleep: ms => { slept.push(ms); clock += ms; },
    now: () => clock,
  };
  const code = runScript(`lab:${script}`, SCRIPTS[script], args, io);
  return { code, stdout, stderr, calls: tools.calls(), slept };
}

/** Runs `npm run lab:<script> -- <args>` as a user does, with the stand-ins first on PATH. */
export function npmRun(script: 'up' | 'down' | 'verify', args: string[] = []): Result {
  tools.clear();
  const r = spawnSync('npm', ['run', '--silent', `lab:${script}`, '--', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000, env: tools.env });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, calls: tools.calls(), slept: [] };
}

/**
 * Runs package.json's `lab:<script>` command (`node <options> <script.ts>`) as npm would, without
 * npm's own start (~0.25 CPU-s): the same Node process, options and arguments; the stand-ins first
 * on PATH. `npmRun` keeps one case going through npm itself.
 */
export function scriptRun(script: 'up' | 'down' | 'verify', args: string[] = []): Result {
  const nodeArgs = npmScriptNodeArgs(`lab:${script}`);
  tools.clear();
  const r = spawnSync(process.execPath, [...nodeArgs, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000, env: tools.env });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, calls: tools.calls(), slept: [] };
}

export const kubectlCalls = (r: Result) => r.calls.filter(c => c.tool === 'kubectl').map(c => c.args.join(' ').replace(/\S*\/cdk8s-expose-lab-[^/ ]*\//g, '<dir>/'));
export const indexOf = (calls: string[], part: string) => {
  const i = calls.findIndex(c => c.includes(part));
  if (i < 0) throw new Error(`no call with ${JSON.stringify(part)} in:\n${calls.join('\n')}`);
  return i;
};
export const isApply = (c: string) => c.startsWith('apply -f ') || c.includes(' apply -f ');
