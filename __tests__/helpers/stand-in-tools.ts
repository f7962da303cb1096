/**
 * The stand-in kubectl, helm and curl of __tests__/fixtures/fake-tools/, answered in this process.
 *
 * The lab scripts' tests run lab:up/down/verify ~1,600 times a run of the tests through the real
 * tool runner; each call forked the ~300 MB jest worker and started sh (~5 CPU-ms a call, ~8 CPU-s
 * a run). Where the subject of a test is what the lab scripts decide, not how their tools are
 * started, `standInExec` answers each call as the sh stand-in would: the same files in
 * FAKE_TOOLS_DIR (calls.log, kubectl.tsv and its hits, crd.*, helm.exit/helm.err, curl.tsv), the
 * same stdout, stderr and exit code, the same files written.
 *
 * A call it does not answer the same way by construction goes to the real runner (`toolRunner`,
 * the sh stand-ins on PATH), before anything of it is recorded: a rule that hangs, a command other
 * than the three, arguments the sh script would refuse (a missing value under `set -u`), a pattern
 * with a bracket expression, a file the script would fail to read, text it would treat otherwise
 * (backslashes given to awk -v or sed, non-ASCII for awk's tolower).
 *
 * lab-scripts.spec.ts ("the in-process stand-ins answer like the sh ones") runs lab:up, down and
 * verify of both flavours, the mirror's downloads and a list of single calls through both, call by
 * call, and compares every answer and the state directories.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Exec, Run, toolRunner } from '../../scripts/lab/common';

type Answer = Run | undefined;

/** The stand-ins answered in this process; calls they cannot answer the same way go to `toolRunner(env)`. */
export function standInExec(env: NodeJS.ProcessEnv): Exec {
  const real = toolRunner(env);
  return (cmd, args, timeoutSeconds) => {
    const dir = env.FAKE_TOOLS_DIR;
    const answer = dir === undefined || dir === '' ? undefined : answerCall(dir, cmd, args);
    return answer ?? real(cmd, args, timeoutSeconds);
  };
}

/** The answer of the sh stand-in `cmd`, or undefined to run it for real (nothing recorded then). */
export function answerCall(dir: string, cmd: string, args: string[]): Answer {
  switch (cmd) {
    case 'kubectl': return kubectl(dir, args);
    case 'helm': return helm(dir, args);
    case 'curl': return curl(dir, args);
    default: return undefined;
  }
}

const ok = (stdout: string): Run => ({ code: 0, stdout, stderr: '', timedOut: false });
const failed = (message: string, code = 1): Run => ({ code, stdout: '', stderr: `${message}\n`, timedOut: false });

function record(dir: string, tool: string, args: string[]): void {
  fs.appendFileSync(path.join(dir, 'calls.log'), `${tool}${args.map(a => `\t${a}`).join('')}\n`);
}

function readIfFile(file: string): string | undefined {
  try {
    return fs.statSync(file).isFile() ? fs.readFileSync(file, 'utf8') : undefined;
  } catch {
    return undefined;
  }
}

const isFile = (file: string) => readIfFile(file) !== undefined;

/** The lines `while read -r` reads: only those ending in a newline. */
function readLines(file: string): string[] | undefined {
  const text = readIfFile(file);
  if (text === undefined) return undefined;
  const lines = text.split('\n');
  lines.pop();
  return lines;
}

/** `IFS=<tab> read -r a b c d`: tabs are IFS white space (leading/trailing dropped, runs one separator); the last field takes the rest. */
function readFields(line: string, count: number): string[] | undefined {
  if (line.includes('\r')) return undefined;
  const fields = line.replace(/^\t+|\t+$/g, '').split(/\t+/);
  if (fields.length > count) return undefined; // the last field would keep its tabs: not needed, not emulated
  while (fields.length < count) fields.push('');
  return fields;
}

/** A sh `case` pattern as a RegExp: `*` and `?`; undefined for bracket expressions and backslashes. */
function casePattern(glob: string): RegExp | undefined {
  if (glob.includes('[') || glob.includes('\\')) return undefined;
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') re += '[\\s\\S]*';
    else if (c === '?') re += '[\\s\\S]';
    else re += escapeRegExp(c);
  }
  return new RegExp(`^${re}$`);
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

interface Rule { readonly n: number; readonly code: string; readonly file: string; readonly times?: number }

/** The first rule of kubectl.tsv that holds for `line` (without recording its hit), null for none, undefined to run for real. */
function kubectlRule(dir: string, line: string): Rule | null | undefined {
  const lines = readLines(path.join(dir, 'kubectl.tsv'));
  if (lines === undefined) return fs.existsSync(path.join(dir, 'kubectl.tsv')) ? undefined : null;
  for (let i = 0; i < lines.length; i++) {
    const fields = readFields(lines[i], 4);
    if (fields === undefined) return undefined;
    const [glob, code, file, times] = fields;
    const pattern = casePattern(glob);
    if (pattern === undefined) return undefined;
    if (!pattern.test(line)) continue;
    const n = i + 1;
    if (times !== '') {
      if (!/^\d+$/.test(times)) return undefined;
      const hitsFile = path.join(dir, `hits.${n}`);
      let hits = 0;
      if (fs.existsSync(hitsFile)) {
        const text = readLines(hitsFile);
        if (text === undefined || text.length !== 1 || !/^\d+$/.test(text[0])) return undefined;
        hits = Number(text[0]);
      }
      if (hits >= Number(times)) continue;
      return { n, code, file, times: hits };
    }
    return { n, code, file };
  }
  return null;
}

function kubectl(dir: string, args: string[]): Answer {
  const line = args.join(' ');
  const rule = kubectlRule(dir, line);
  if (rule === undefined) return undefined;
  if (rule !== null) {
    if (!/^\d+$/.test(rule.code) || Number(rule.code) > 255) return undefined; // `hang`, or an exit sh would not give as it is
    const text = rule.file === '-' ? '' : readIfFile(rule.file);
    if (text === undefined) return undefined;
    record(dir, 'kubectl', args);
    if (rule.times !== undefined) fs.writeFileSync(path.join(dir, `hits.${rule.n}`), `${rule.times + 1}\n`);
    const code = Number(rule.code);
    return code === 0 ? ok(text) : { code, stdout: '', stderr: text, timedOut: false };
  }
  let a = args;
  let ns = '';
  if (a[0] === '-n') {
    if (a.length < 2) return undefined;
    ns = a[1];
    a = a.slice(2);
  }
  const answer = kubectlBuiltin(dir, ns, a);
  if (answer === undefined) return undefined;
  record(dir, 'kubectl', args);
  return answer();
}

/** kubectl without a rule: a function giving the answer (and writing its files), or undefined to run it for real. */
function kubectlBuiltin(dir: string, ns: string, a: string[]): (() => Run) | undefined {
  const verb = a[0] ?? '';
  switch (verb) {
    case 'version':
      return () => ok('{"clientVersion":{"gitVersion":"v1.35.0"},"serverVersion":{"gitVersion":"v1.35.0"}}\n');
    case 'apply':
      return kubectlApply(dir, ns, a);
    case 'delete':
      if (a[1] === 'secret') return () => ok(a.slice(2).filter(x => !x.startsWith('--')).map(x => `secret "${x}" deleted\n`).join(''));
      return () => ok(`deleted (${a[2] ?? ''})\n`);
    case 'rollout': {
      if (a.length < 3) return undefined;
      const what = a[2];
      const slash = what.indexOf('/');
      const kind = slash < 0 ? what : what.slice(0, slash);
      const name = slash < 0 ? what : what.slice(slash + 1);
      return () => ok(`${kind} "${name}" successfully rolled out\n`);
    }
    case 'wait':
      return () => ok(`${a[2] ?? ''} condition met\n`);
    case 'get':
      return kubectlGet(dir, a);
    default:
      return () => failed(`error: unknown command "${verb}" for "kubectl"`);
  }
}

function kubectlGet(dir: string, a: string[]): (() => Run) | undefined {
  const what = a[1] ?? '';
  if (what === 'crd') {
    if (a.length < 3) return undefined;
    const name = a[2];
    const file = `${dir}/crd.${name}`;
    if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
      return () => failed(`Error from server (NotFound): customresourcedefinitions.apiextensions.k8s.io "${name}" not found`);
    }
    if ((a[4] ?? '').startsWith('jsonpath=')) {
      const text = readIfFile(file);
      return text === undefined ? undefined : () => ok(text);
    }
    return () => ok(`customresourcedefinition.apiextensions.k8s.io/${name}\n`);
  }
  if (what === 'pods') return () => ok('{"apiVersion":"v1","items":[]}\n');
  if (what === 'nodes') return () => ok('10.119.12.1 10.64.13.20 10.119.12.3 10.64.13.21 10.119.12.4 10.64.13.22');
  if (what === 'endpointslices') return () => ok('6443');
  if (what.startsWith('validatingwebhookconfiguration/')) return () => ok('LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCg==');
  return () => failed(`Error from server (NotFound): ${what}s "${a[2] ?? ''}" not found`);
}

const CM_CRD = 'crd.certificates.cert-manager.io';

function kubectlApply(dir: string, ns: string, a: string[]): (() => Run) | undefined {
  if (a[1] !== '-f') return () => failed('error: must specify one of -f and -k');
  if (a.length < 3) return undefined;
  const file = a[2];
  if (/^https?:\/\//.test(file)) {
    if (/\/cert-manager\//.test(file)) {
      return () => {
        fs.writeFileSync(path.join(dir, CM_CRD), '');
        return ok('customresourcedefinition.apiextensions.k8s.io/certificates.cert-manager.io created\n');
      };
    }
    if (/\/envoyproxy\/gateway\//.test(file)) {
      return () => {
        writeEnvoyGatewayCrds(dir);
        return ok('customresourcedefinition.apiextensions.k8s.io/envoyproxies.gateway.envoyproxy.io serverside-applied\n');
      };
    }
    return () => ok('configured\n');
  }
  if (!isFile(file)) return () => failed(`error: the path "${file}" does not exist`);
  const text = readIfFile(file);
  // awk -v takes backslash escapes; tolower of non-ASCII is the C locale's: neither is emulated
  if (text === undefined || /[^\x00-\x7f]/.test(text) || /\\/.test(ns + dir + file)) return undefined;
  return () => applyFile(dir, ns, file, text);
}

function writeEnvoyGatewayCrds(dir: string): void {
  fs.writeFileSync(path.join(dir, 'crd.envoyproxies.gateway.envoyproxy.io'), '');
  fs.writeFileSync(path.join(dir, 'crd.gateways.gateway.networking.k8s.io'), 'v1.6.1');
}

/** awk's default field splitting: runs of blanks, leading ones dropped. */
const field = (line: string, n: number) => line.replace(/^[ \t]+/, '').split(/[ \t]+/)[n - 1] ?? '';

/** The apply's awk program of the sh stand-in, record by record. */
function applyFile(dir: string, ns: string, file: string, text: string): Run {
  let cmCrd = isFile(path.join(dir, CM_CRD));
  let kind = '';
  let name = '';
  let out = '';
  let bad = '';
  let hasCmCrd = false;
  let hasEgCrd = false;
  let usesCm = false;
  const records = text.split('\n');
  if (text.endsWith('\n')) records.pop();
  for (const rec of text === '' ? [] : records) {
    if (rec.startsWith('---')) { kind = ''; name = ''; }
    if (/^ {2}name: certificates.cert-manager.io$/.test(rec)) hasCmCrd = true;
    if (/^ {2}name: envoyproxies.gateway.envoyproxy.io$/.test(rec)) hasEgCrd = true;
    if (rec.startsWith('apiVersion: cert-manager.io/')) usesCm = true;
    if (rec.startsWith('kind: ')) kind = field(rec, 2).toLowerCase();
    if (rec.startsWith('  name: ') && name === '') { name = field(rec, 2); out += `${kind}/${name} configured\n`; }
    if (rec.startsWith('  namespace: ') && ns !== '' && field(rec, 2) !== ns && bad === '') bad = field(rec, 2);
  }
  if (hasCmCrd) { cmCrd = true; fs.writeFileSync(path.join(dir, CM_CRD), ''); }
  if (hasEgCrd) writeEnvoyGatewayCrds(dir);
  if (!cmCrd && usesCm) {
    return {
      code: 1, stdout: '', timedOut: false,
      stderr: `resource mapping not found for name: "x" namespace: "" from "${file}": no matches for kind "Issuer" in version "cert-manager.io/v1"\nensure CRDs are installed first\n`,
    };
  }
  if (bad !== '') {
    return failed(`error: the namespace from the provided object "${bad}" does not match the namespace "${ns}". You must pass '--namespace=${bad}' to perform this operation.`);
  }
  return ok(out);
}

function helm(dir: string, args: string[]): Answer {
  const exitFile = path.join(dir, 'helm.exit');
  if (fs.existsSync(exitFile)) {
    const code = readIfFile(exitFile)?.replace(/\n+$/, '');
    const errFile = path.join(dir, 'helm.err');
    const err = fs.existsSync(errFile) ? readIfFile(errFile) : '';
    if (code === undefined || !/^\d+$/.test(code) || Number(code) > 255 || err === undefined) return undefined;
    record(dir, 'helm', args);
    return { code: Number(code), stdout: '', stderr: err, timedOut: false };
  }
  record(dir, 'helm', args);
  switch (args[0] ?? '') {
    case 'upgrade':
      if (args[2] === 'trust-manager') fs.writeFileSync(path.join(dir, 'crd.bundles.trust.cert-manager.io'), '');
      return ok(`Release "${args[2] ?? ''}" has been upgraded. Happy Helming!\n`);
    case 'uninstall':
      return ok(`release "${args[1] ?? ''}" uninstalled\n`);
    default:
      return failed(`Error: unknown command "${args[0] ?? ''}" for "helm"`);
  }
}

function curl(dir: string, args: string[]): Answer {
  let out = '';
  let format = '';
  let cacert = '';
  let url = '';
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const takesValue = ['-o', '-w', '--cacert', '--resolve', '--max-time', '--noproxy'].includes(a);
    if (takesValue && i + 1 >= args.length) return undefined; // `set -u`: sh refuses $2
    if (a === '-o') out = args[++i];
    else if (a === '-w') format = args[++i];
    else if (a === '--cacert') cacert = args[++i];
    else if (takesValue) i++;
    else if (!a.startsWith('-')) url = a;
  }
  if (cacert !== '' && !(readIfFile(cacert) ?? '').includes('BEGIN CERTIFICATE')) {
    record(dir, 'curl', args);
    return failed(`curl: (77) error setting certificate file: ${cacert}`, 77);
  }
  const tsv = path.join(dir, 'curl.tsv');
  const lines = fs.existsSync(tsv) ? readLines(tsv) : [];
  if (lines === undefined) return undefined;
  for (const line of lines) {
    const fields = readFields(line, 4);
    if (fields === undefined) return undefined;
    const [u, status, body] = fields;
    let location = fields[3];
    if (u !== url) continue;
    if (status === 'hang') return undefined;
    if (location === '-') location = '';
    const bodyText = body === '-' ? '' : readIfFile(body);
    // sed's replacement text: `&`, `|`, `\` and newlines would mean something else there
    if (bodyText === undefined || /[&|\\\n]/.test(status + location)) return undefined;
    if (out !== '' && !fs.existsSync(path.dirname(path.resolve(out)))) return undefined;
    record(dir, 'curl', args);
    let stdout = '';
    if (out !== '') fs.writeFileSync(out, bodyText);
    else stdout += bodyText;
    if (format !== '') stdout += format.split('%{http_code}').join(status).split('%{redirect_url}').join(location);
    return ok(stdout);
  }
  record(dir, 'curl', args);
  let host = url.includes('://') ? url.slice(url.indexOf('://') + 3) : url;
  if (host.includes('/')) host = host.slice(0, host.indexOf('/'));
  return failed(`curl: (7) Failed to connect to ${host} after 0 ms: Couldn't connect to server`, 7);
}

/** A call whose answers differ: the command, the sh stand-in's answer, the in-process one. */
export interface Difference { readonly call: string; readonly sh: Run; readonly inProcess: Run }

/**
 * Each call run twice: by the real runner through the sh stand-ins with `shDir` as their state (a
 * copy of env's FAKE_TOOLS_DIR made before the calls), and in this process in env's directory;
 * returns the in-process answer and records every call whose answers differ.
 */
export function twinExec(env: NodeJS.ProcessEnv, shDir: string, differences: Difference[]): Exec {
  const sh = toolRunner({ ...env, FAKE_TOOLS_DIR: shDir });
  const inProcess = standInExec(env);
  return (cmd, args, timeoutSeconds) => {
    const a = sh(cmd, args, timeoutSeconds);
    const b = inProcess(cmd, args, timeoutSeconds);
    const same = a.code === b.code && a.stdout === b.stdout && a.stderr === b.stderr && a.timedOut === b.timedOut;
    if (!same) differences.push({ call: [cmd, ...args].join(' '), sh: a, inProcess: b });
    return b;
  };
}

/** A state directory's files (name: content; calls.log and directories left out). */
export function stateFiles(dir: string): Record<string, string> {
  const files = fs.readdirSync(dir, { withFileTypes: true }).filter(d => d.isFile() && d.name !== 'calls.log').map(d => d.name).sort();
  return Object.fromEntries(files.map(f => [f, fs.readFileSync(path.join(dir, f), 'utf8')]));
}
