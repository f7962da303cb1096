/**
 * `cdk8s-expose diagram` (constructs/topology/cli.ts, the package's bin): draws any app's
 * exposure from a directory of synthesised manifests, or runs the app first with --app.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.join(__dirname, '..', '..');
const CLI = path.join(ROOT, 'constructs', 'topology', 'cli.ts');

function cli(args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

let tmp: string;
beforeEach(() => { tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'topology-cli-')); });
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

test('diagram --dir dist: SVG, DOT and Mermaid of the whole app, and one set per file with --per-file', () => {
  const r = cli(['diagram', '--dir', 'dist', '--out', tmp, '--per-file']);
  expect(r.stderr).toContain('entry points');
  expect(r.code).toBe(0);
  const files = fs.readdirSync(tmp);
  expect(files).toEqual(expect.arrayContaining(['exposure.svg', 'exposure.dot', 'exposure.mmd', '43-svc4-tls-reencrypt.svg']));
  // a file that exposes nothing gets no picture
  expect(files.some(f => f.startsWith('35-lab-ca'))).toBe(false);
  const svg = fs.readFileSync(path.join(tmp, '43-svc4-tls-reencrypt.svg'), 'utf8');
  expect(svg).toMatch(/^<\?xml/);
  expect(svg).toContain('HTTPS :8888 (verified)');
  expect(svg).toContain('font-family="DejaVu Sans,Verdana,Helvetica,Arial,sans-serif"');
});

test('diagram --out - prints Mermaid for a pull request description', () => {
  const r = cli(['diagram', '--dir', 'dist', '--out', '-']);
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/^---\ntitle: "exposure"\n---\nflowchart LR\n/);
  expect(fs.readdirSync(tmp)).toEqual([]);
});

test('diagram --app runs any cdk8s app with CDK8S_OUTDIR and draws what it synthesised', () => {
  const app = path.join(tmp, 'app.js');
  fs.writeFileSync(app, [
    `const { App, Chart, ApiObject } = require(${JSON.stringify(path.join(ROOT, 'node_modules', 'cdk8s'))});`,
    'const app = new App();',
    "const chart = new Chart(app, 'web');",
    "new ApiObject(chart, 'd', { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'w', image: 'nginx', ports: [{ containerPort: 80 }] }] } } } });",
    "new ApiObject(chart, 's', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { type: 'NodePort', selector: { app: 'web' }, ports: [{ port: 80, nodePort: 31080 }] } });",
    'app.synth();',
  ].join('\n'));
  const r = cli(['diagram', '--app', `node ${app}`, '--format', 'dot', '--out', path.join(tmp, 'out')]);
  expect(r.stderr).toContain('1 entry points, 1 hops, 1 Services, 1 workloads from 1 files');
  expect(r.code).toBe(0);
  const dot = fs.readFileSync(path.join(tmp, 'out', 'exposure.dot'), 'utf8');
  expect(dot).toContain('"entry/node-port/31080/TCP" -> "hop/kube-proxy/default/web" [label="TCP :31080"');
  // the app wrote into a temporary directory, not next to itself
  expect(fs.readdirSync(tmp).sort()).toEqual(['app.js', 'out']);
});

test.each([
  [['draw'], 1, 'usage: cdk8s-expose diagram'],
  [['diagram', '--format', 'png'], 1, '--format: png; allowed: svg, dot, mermaid'],
  [['diagram', '--dir', 'no-such-dir'], 1, 'no-such-dir: not a directory of synthesised manifests'],
  [['diagram', '--app', 'exit 3'], 1, '"exit 3" exited with 3'],
])('fails clearly: %j', (args, code, message) => {
  const r = cli(args as string[]);
  expect(r.code).toBe(code);
  expect(r.stderr).toContain(message);
});
