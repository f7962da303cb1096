/**
 * `cdk8s-expose diagram` (constructs/topology/cli.ts, the package's bin): draws any app's
 * exposure from a directory of synthesised manifests, or runs the app first with --app.
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Yaml } from 'cdk8s';
import { main } from '../../constructs/topology/cli';
import { parseManifests } from '../../constructs/topology/manifests';

const ROOT = path.join(__dirname, '..', '..');
const CLI = path.join(ROOT, 'constructs', 'topology', 'cli.js');
const COMPILE_JS = path.join(ROOT, 'scripts', 'compile.js');

interface CliResult { code: number | null; stdout: string; stderr: string }

/** Runs the CLI; the runs of this file are independent, so they are all started at once (beforeAll). */
function cli(args: string[]): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    // the source compiled beside it, as the npm scripts run theirs (scripts/compile.js compiles
    // first when a TypeScript file changed); the package runs the same code compiled by jsii
    const child = spawn(process.execPath, ['-r', COMPILE_JS, CLI, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', d => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', d => (stderr += d));
    child.on('error', reject);
    child.on('close', code => resolve({ code, stdout, stderr }));
  });
}

/** Each test's own temporary directory (all made before the runs start, removed after the file). */
const dirs: Record<string, string> = {};
function tmpFor(name: string): string {
  return (dirs[name] ??= fs.mkdtempSync(path.join(os.tmpdir(), 'topology-cli-')));
}
afterAll(() => Object.values(dirs).forEach(d => fs.rmSync(d, { recursive: true, force: true })));

/** A cdk8s app without this package: one Deployment and its NodePort Service. */
const APP_JS = [
  `const { App, Chart, ApiObject } = require(${JSON.stringify(path.join(ROOT, 'node_modules', 'cdk8s'))});`,
  'const app = new App();',
  "const chart = new Chart(app, 'web');",
  "new ApiObject(chart, 'd', { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'w', image: 'nginx', ports: [{ containerPort: 80 }] }] } } } });",
  "new ApiObject(chart, 's', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { type: 'NodePort', selector: { app: 'web' }, ports: [{ port: 80, nodePort: 31080 }] } });",
  'app.synth();',
].join('\n');

/**
 * Argument errors: each is run in-process (main(), with the bin's own wrapper below); the one the
 * CLI is also started for shows that the process and the in-process call agree (exit code, stderr).
 */
const FAILURES: Array<[string[], number, string]> = [
  [['draw'], 1, 'usage: cdk8s-expose diagram'],
  [['diagram', '--format', 'png'], 1, '--format: png; allowed: svg, dot, mermaid'],
  [['diagram', '--dir', 'no-such-dir'], 1, 'no-such-dir: not a directory of synthesised manifests'],
  [['diagram', '--app', 'exit 3'], 1, '"exit 3" exited with 3'],
];
/** The failure also run as a process. */
const FAILURE_AS_PROCESS = 2;

/**
 * The CLI's main() in this process, wrapped as the bin wraps it (constructs/topology/cli.ts: a
 * rejection is printed as `cdk8s-expose: <message>` with exit code 1); what it writes to stderr is
 * captured. Calls run one at a time.
 */
let inProcessQueue: Promise<unknown> = Promise.resolve();
function cliInProcess(args: string[]): Promise<CliResult> {
  const call = inProcessQueue.then(async () => {
    let stderr = '';
    const write = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      stderr += chunk.toString();
      return true;
    });
    try {
      const code = await main(args).catch((e: unknown) => {
        process.stderr.write(`cdk8s-expose: ${(e as Error).message}\n`);
        return 1;
      });
      return { code, stdout: '', stderr };
    } finally {
      write.mockRestore();
    }
  });
  inProcessQueue = call.catch(() => undefined);
  return call;
}

let runs: {
  perFile: Promise<CliResult>;
  mermaid: Promise<CliResult>;
  app: Promise<CliResult>;
  failureAsProcess: Promise<CliResult>;
};
beforeAll(() => {
  const appTmp = tmpFor('app');
  fs.writeFileSync(path.join(appTmp, 'app.js'), APP_JS);
  runs = {
    perFile: cli(['diagram', '--dir', 'dist', '--out', tmpFor('perFile'), '--per-file']),
    mermaid: cli(['diagram', '--dir', 'dist', '--out', '-']),
    app: cli(['diagram', '--app', `node ${path.join(appTmp, 'app.js')}`, '--format', 'dot', '--out', path.join(appTmp, 'out')]),
    failureAsProcess: cli(FAILURES[FAILURE_AS_PROCESS][0]),
  };
  // a run that rejects is reported by its test; none may be left unhandled meanwhile
  [runs.perFile, runs.mermaid, runs.app, runs.failureAsProcess].forEach(p => p.catch(() => undefined));
  tmpFor('mermaid');
});

test('diagram --dir dist: SVG, DOT and Mermaid of the whole app, and one set per file with --per-file', async () => {
  const tmp = tmpFor('perFile');
  const r = await runs.perFile;
  expect(r.stderr).toContain('entry points');
  expect(r.code).toBe(0);
  const files = fs.readdirSync(tmp);
  expect(files).toEqual(expect.arrayContaining(['exposure.svg', 'exposure.dot', 'exposure.mmd', '43-svc4-tls-reencrypt.svg']));
  // a file that exposes nothing gets no picture
  expect(files.some(f => f.startsWith('35-lab-ca'))).toBe(false);
  const svg = fs.readFileSync(path.join(tmp, '43-svc4-tls-reencrypt.svg'), 'utf8');
  expect(svg).toMatch(/^<\?xml/);
  expect(svg).toContain('HTTPS :8080 (verified)');
  expect(svg).toContain('font-family="DejaVu Sans,Verdana,Helvetica,Arial,sans-serif"');
});

test('diagram --out - prints Mermaid for a pull request description', async () => {
  const tmp = tmpFor('mermaid');
  const r = await runs.mermaid;
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/^---\ntitle: "exposure"\n---\nflowchart LR\n/);
  expect(fs.readdirSync(tmp)).toEqual([]);
});

test('diagram --app runs any cdk8s app with CDK8S_OUTDIR and draws what it synthesised', async () => {
  const tmp = tmpFor('app');
  const r = await runs.app;
  expect(r.stderr).toContain('1 entry points, 1 hops, 1 Services, 1 workloads from 1 files');
  expect(r.code).toBe(0);
  const dot = fs.readFileSync(path.join(tmp, 'out', 'exposure.dot'), 'utf8');
  expect(dot).toContain('"entry/node-port/31080/TCP" -> "hop/kube-proxy/default/web" [label="TCP :31080"');
  // the app wrote into a temporary directory, not next to itself
  expect(fs.readdirSync(tmp).sort()).toEqual(['app.js', 'out']);
});

test.each(FAILURES)('fails clearly: %j', async (args, code, message) => {
  const r = await cliInProcess(args);
  expect(r.code).toBe(code);
  expect(r.stderr).toContain(message);
});

test('an argument error: the CLI process and the in-process call give the same exit code and stderr', async () => {
  const [args, code, message] = FAILURES[FAILURE_AS_PROCESS];
  const r = await runs.failureAsProcess;
  expect(r.code).toBe(code);
  expect(r.stderr).toContain(message);
  expect(r.stdout).toBe('');
  expect(await cliInProcess(args)).toEqual({ code: r.code, stdout: r.stdout, stderr: r.stderr });
});

test('reads manifest files as cdk8s Yaml.load does (without its child process per file)', () => {
  const file = path.join(tmpFor('yaml'), 'edge.yaml');
  const empty = ['', '---', '# only a comment', '{}', '[]', 'null', '~'];
  fs.writeFileSync(file, [fs.readFileSync(path.join(ROOT, 'dist', '43-svc4-tls-reencrypt.k8s.yaml'), 'utf8'), ...empty, 'on: yes\nmode: 0755\n', '- a\n- b\n'].join('\n---\n'));
  const text = fs.readFileSync(file, 'utf8');
  expect(parseManifests(text)).toEqual(Yaml.load(file));
  expect(parseManifests(text).length).toBeGreaterThan(3);
});
