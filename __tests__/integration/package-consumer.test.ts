/**
 * The package as another cdk8s project adopts it, offline: the tarball `npm pack` writes is
 * installed into a separate project that has only cdk8s and constructs (our peers), linked from
 * this repository's node_modules; a current cdk8s-plus (cdk8s-plus-33, pinned in this
 * repository's devDependencies) is added afterwards, as `cdk8s init typescript-app` brings it.
 *
 * - Installing it runs no script, npm prints no install-script warning, and npm installs no
 *   cdk8s-plus (the Kubernetes bindings are the package's own, imports/k8s.ts).
 * - With only cdk8s and constructs, every construct synthesises (both routing targets).
 * - The project compiles with the tsconfig.json `cdk8s init typescript-app` generates (read from
 *   cdk8s-cli's template: `module: CommonJS` without `moduleResolution`, i.e. node10) and with
 *   `node16` and `bundler` resolution: `cdk8s-expose`, `cdk8s-expose/errors` and
 *   `cdk8s-expose/validation-plugin` resolve and are typed (the `@ts-expect-error` lines fail the
 *   compile if a type is missing). One `tsc -b` builds the three; the node16 and bundler variants
 *   add `skipLibCheck` (the template's variant already checked every declaration file in full).
 * - Its cdk8s.yaml (the README's) declares our validation plugin; `cdk8s synth` validates
 *   strictly against the Kubernetes 1.27 and 1.36 schemas and promotes the staging output into
 *   dist/ (the staging directory's bytes, nothing left beside it); schema violations (a wrong type,
 *   an unknown field, an invalid enum in a custom resource, checked against its CRD) fail the synth
 *   with each object's construct path and leave dist/ as it was. These are the plain `cdk8s synth`
 *   runs of the plugin's tests too (safe-synth.test.ts keeps the CLI's other scenarios).
 * - A cdk8s-plus-33 Deployment's selector goes into our Service, and the app-wide checks see
 *   its pod template.
 *
 * - The README's TypeScript examples, as one program, type-check against the installed package
 *   and run (built by the same `tsc -b` as the consumer, a project of their own beside it).
 *
 * The project is made in memory when there is room (helpers/package-under-test.ts scratchDir:
 * npm writes ~3,000 files), and npm installs with a cache of its own there (offline, nothing to
 * fetch: npm only unpacks the tarball there to read its manifest). The plugin's compiled
 * validators (ajv standalone code keyed by the schemas' content) are kept once per sources
 * (helpers/build-once.ts), as they would be in the consumer's node_modules from one synth to the
 * next; the first `cdk8s synth` of a fresh clone or of `CDK8S_EXPOSE_TEST_CACHE=off` compiles them.
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { treeDigest } from '../../validation-plugin/src/atomic-dir';
import { buildOnce, cacheEnabled } from '../helpers/build-once';
import { linkFromRepo, NPM, REPO_ROOT, scratchDir, tarball } from '../helpers/package-under-test';

const CDK8S_CLI = path.join(REPO_ROOT, 'node_modules', 'cdk8s-cli', 'bin', 'cdk8s');
const TSC = path.join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
const INIT_TSCONFIG = path.join(REPO_ROOT, 'node_modules', 'cdk8s-cli', 'templates', 'typescript-app', 'tsconfig.json');
/** Linked, not installed: the consumer's own dependencies when it installs the package (our peers, nothing else). */
const LINKED = ['cdk8s', 'constructs'];
/** Linked after the install: a current cdk8s-plus, as `cdk8s init typescript-app` brings it. */
const LINKED_LATER = ['cdk8s-plus-33'];

/** Every construct, both targets, plain JavaScript: what a project with only cdk8s and constructs runs. */
const EVERY_CONSTRUCT_JS = `
const { App, Chart } = require('cdk8s');
const x = require('cdk8s-expose');

function ingressNginxApp() {
  const app = new App();
  const chart = new Chart(app, 'every', { namespace: 'web' });
  new x.IngressNginxController(chart, 'IngressNginx', {
    kind: x.ControllerKind.DAEMON_SET, hostNetwork: true, enableSslPassthrough: true,
    serviceType: x.ControllerServiceType.NONE, defaultBackend: true, admissionWebhook: true,
  });
  new x.HostPortPod(chart, 'HostPort', { image: 'nginx:1.27', containerPort: 80, hostPort: 30890 });
  new x.HostNetworkPod(chart, 'HostNetwork', { image: 'nginx:1.27', containerPort: 8081 });
  const web = new x.AppDeployment(chart, 'Web', { image: 'nginx:1.27', containerPort: 80 });
  new x.NodePortService(chart, 'WebNodePort', { selector: web.labels, port: 8888, targetPort: 80, nodePort: 30888 });
  new x.ExternalIpService(chart, 'WebExternal', { selector: web.labels, port: 80, externalIPs: ['203.0.113.10'] });
  const svc = new x.ClusterIpService(chart, 'WebSvc', { selector: web.labels, port: 8888, targetPort: 80 });
  new x.HttpIngress(chart, 'Plain', { host: 'plain.example.com', backend: { serviceName: svc.name, port: svc.port } });
  const ca = new x.CertificateAuthority(chart, 'Ca');
  new x.DemoBackend(chart, 'Https', { serviceName: 'web-https', tlsSecretName: 'web-https-tls' });
  ca.addServerCertificate('WebHttps', { dnsNames: ['web-https', 'web-https.web.svc'], secretName: 'web-https-tls' });
  new x.TlsIngress(chart, 'Terminated', {
    host: 'a.example.com', mode: x.TlsMode.TERMINATION, certificate: x.TlsCertificate.fromSecretName('a-tls'),
    backend: { serviceName: svc.name, port: svc.port },
  });
  new x.TlsIngress(chart, 'Reencrypted', {
    host: 'b.example.com', mode: x.TlsMode.REENCRYPT, certificate: ca.certificate({ secretName: 'b-tls' }),
    backendCaSecretName: ca.trustSecretName, backendServerName: 'web-https.web.svc',
    backend: { serviceName: 'web-https', port: 8443 },
  });
  new x.TlsIngress(chart, 'Passthrough', {
    host: 'c.example.com', mode: x.TlsMode.PASSTHROUGH, backend: { serviceName: 'web-https', port: 8443 },
  });
  new x.LabCertificateAuthority(new Chart(app, 'legacy-ca', { namespace: 'legacy' }), 'Ca');
  return app;
}

function gatewayApp() {
  const app = new App();
  x.Routing.of(app).use(x.RoutingTarget.gatewayApi({ gatewayClassName: 'eg', kubernetesVersion: '1.36' }));
  const chart = new Chart(app, 'site', { namespace: 'web' });
  new x.HttpIngress(chart, 'Plain', { host: 'plain.example.com', backend: { serviceName: 'web', port: 80 } });
  new x.TlsIngress(chart, 'Passthrough', { host: 'c.example.com', mode: x.TlsMode.PASSTHROUGH, backend: { serviceName: 'web-https', port: 8443 } });
  return app;
}

const kinds = yaml => [...yaml.matchAll(/^kind: (\\w+)$/gm)].map(m => m[1]);
process.stdout.write(JSON.stringify({ ingressNginx: kinds(ingressNginxApp().synthYaml()), gateway: kinds(gatewayApp().synthYaml()) }));
`;

const MAIN_TS = `
import * as fs from 'fs';
import { ApiObject, App, Chart, JsonPatch } from 'cdk8s';
import * as kplus from 'cdk8s-plus-33';
import { AppDeployment, ClusterIpService, CrossObjectChecks, ExposeErrors, NodePortService, TlsIngress, TlsMode } from 'cdk8s-expose';
import { ExposeValidationError } from 'cdk8s-expose/errors';
import type { SchemaValidation, SchemaValidationProperties } from 'cdk8s-expose/validation-plugin';

// What cdk8s.yaml passes to the plugin, typed.
export const properties: SchemaValidationProperties = { promote: { from: '.dist-staging', to: 'dist' } };
export type Plugin = SchemaValidation;

// Compile-time only: each line below must be a type error (an untyped, unresolved import would not be).
export function typeErrors(chart: Chart, e: ExposeValidationError): void {
  // @ts-expect-error port is a number
  new NodePortService(chart, 'Typo', { selector: { app: 'web' }, port: 'eighty' });
  // @ts-expect-error no such property
  void e.noSuchProperty;
  // @ts-expect-error promote.to is a directory name
  void ({ promote: { from: '.dist-staging', to: 1 } } satisfies SchemaValidationProperties);
}

const app = new App();
const chart = new Chart(app, 'consumer');
const web = new AppDeployment(chart, 'Web', { image: 'nginx:1.27', containerPort: 80 });
const webService = new NodePortService(chart, 'WebNodePort', { selector: web.labels, port: 80, nodePort: 30080 });
CrossObjectChecks.declareExternalSecret(chart, 'web-tls');
new TlsIngress(chart, 'WebTls', {
  host: 'web.example.com', mode: TlsMode.TERMINATION, tlsSecretName: 'web-tls',
  backend: { serviceName: webService.name, port: webService.port },
});

// A workload of a current cdk8s-plus behind one of our Services.
const api = new kplus.Deployment(chart, 'Api', { containers: [{ image: 'nginx:1.27', portNumber: 8080 }] });
new ClusterIpService(chart, 'ApiService', { selector: api.matchLabels, port: 80, targetPort: 8080 });

// Bad input fails in the constructor, typed through both entries.
let caught = { field: '', message: '' };
try {
  new NodePortService(chart, 'Bad', { selector: { app: 'web' }, port: 80, nodePort: 40000 });
} catch (e) {
  if (e instanceof ExposeValidationError && ExposeErrors.isValidationError(e)) caught = { field: e.field ?? '', message: e.message };
}

if (process.env.CONSUMER_REPORT) {
  // a Service whose selector matches nothing: the app-wide check must still see that one
  new ClusterIpService(chart, 'Ghost', { selector: { app: 'ghost' }, port: 80 });
  fs.writeFileSync(process.env.CONSUMER_REPORT, JSON.stringify({ caught, findings: CrossObjectChecks.of(app).run() }));
} else {
  if (process.env.CONSUMER_BREAK === '1') {
    // escape hatches only the schema validation catches: a wrong type, an unknown field
    ApiObject.of(web).addJsonPatch(JsonPatch.add('/spec/replicas', 'two'));
    new ApiObject(chart, 'Extra', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'extra' }, data: { a: 'b' }, unknownField: true });
    // a Service with an unknown field and a port of the wrong type (as the fixture app's bad-schema mode)
    const badService = new ApiObject(chart, 'BadService', {
      apiVersion: 'v1', kind: 'Service', metadata: { name: 'bad-svc' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] },
    });
    badService.addJsonPatch(JsonPatch.add('/spec/bogusField', true), JsonPatch.replace('/spec/ports/0/port', '80'));
    // a custom resource with an invalid enum value, checked against its CRD (as bad-crd)
    new ApiObject(chart, 'Cert', {
      apiVersion: 'cert-manager.io/v1', kind: 'Certificate', metadata: { name: 'web-cert' },
      spec: { secretName: 'web-tls', dnsNames: ['web.example.com'], issuerRef: { name: 'lab-ca', kind: 'ClusterIssuer' }, privateKey: { algorithm: 'DSA' } },
    });
  }
  app.synth();
}
`;

/**
 * The README's TypeScript examples as one program: the imports of all blocks merged at the top,
 * the blocks' code after them, in order.
 */
function readmeProgram(): string {
  const readme = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf-8');
  const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map(m => m[1]);
  const imports = new Map<string, Set<string>>();
  const body: string[] = [];
  for (const block of blocks) {
    const code = block.replace(/import\s*\{([^}]*)\}\s*from\s*'([^']+)';\n?/g, (_all, names: string, from: string) => {
      const set = imports.get(from) ?? new Set<string>();
      names.split(',').map(n => n.trim()).filter(Boolean).forEach(n => set.add(n));
      imports.set(from, set);
      return '';
    });
    body.push(code);
  }
  const header = [...imports.entries()].map(([from, names]) => `import { ${[...names].sort().join(', ')} } from '${from}';`);
  return [...header, '', ...body, 'process.stdout.write("README examples ran\\n");', ''].join('\n');
}

/** The consumer's cdk8s.yaml: the README's block (section "Using it from another project"), run with node instead of ts-node. */
function readmeCdk8sYaml(): string {
  const readme = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf-8');
  const section = readme.slice(readme.indexOf('## Using it from another project'));
  const block = /```yaml\n([\s\S]*?)```/.exec(section)?.[1];
  if (!block || !block.includes('package: ./node_modules/cdk8s-expose/lib/validation-plugin')) {
    throw new Error('README.md: no cdk8s.yaml block declaring the validation plugin in "Using it from another project"');
  }
  expect(block).toMatch(/^app: npx ts-node main\.ts$/m);
  return block.replace(/^app: .*$/m, 'app: node main.js');
}

let work: string;
let project: string;
/** The README program's project (beside the consumer's, so that the consumer's tsconfig.json does not include it). */
let readme: string;
beforeAll(() => {
  work = scratchDir('cdk8s-expose-consumer-');
  project = path.join(work, 'consumer');
  readme = path.join(work, 'readme');
  fs.mkdirSync(project);
  fs.mkdirSync(readme);
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(cmd, args, { cwd: project, encoding: 'utf-8', env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...env } });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

/** The root of the plugin's caches (CDK8S_EXPOSE_CACHE_DIR; the validators go in its validators/). */
let pluginCache: string | undefined;

function synth(env: NodeJS.ProcessEnv = {}, args: string[] = []) {
  // filled by the plugin (content-keyed files, written atomically); per sources, or this run's own
  pluginCache ??= cacheEnabled() ? buildOnce('consumer-plugin-cache', () => undefined) : path.join(work, 'plugin-cache');
  // but no remembered acceptances ("validator X accepted this exact object"): every object is
  // validated in every synth
  fs.rmSync(path.join(pluginCache, 'validators', 'passes.json'), { force: true });
  return run(process.execPath, [CDK8S_CLI, 'synth', '--no-check-upgrade', ...args], { CDK8S_CHECK_UPGRADE: 'false', CDK8S_EXPOSE_CACHE_DIR: pluginCache, ...env });
}

test('installing the tarball runs no script and prints no install-script warning', () => {
  const dependencies = Object.fromEntries(LINKED.map(name => [name, `file:${path.join(REPO_ROOT, 'node_modules', name)}`]));
  fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true, dependencies }, null, 2));
  const install = run(NPM, ['install', '--offline', '--no-audit', '--no-fund', '--foreground-scripts', '--cache', path.join(work, 'npm-cache'), tarball()]);
  expect({ status: install.status, out: install.out }).toEqual({ status: 0, out: expect.any(String) });
  expect(install.out).not.toMatch(/install-scripts|install script|prepare|prepack/i);
  const installed = path.join(project, 'node_modules', 'cdk8s-expose');
  expect(fs.existsSync(path.join(installed, '.jsii'))).toBe(true);
  // no cdk8s-plus came with it: our peers are cdk8s and constructs, the bindings our own
  expect(JSON.parse(fs.readFileSync(path.join(installed, 'package.json'), 'utf-8')).peerDependencies).toEqual({
    cdk8s: expect.any(String), constructs: expect.any(String),
  });
  expect(fs.readdirSync(path.join(project, 'node_modules')).filter(n => n.startsWith('cdk8s'))).toEqual(['cdk8s', 'cdk8s-expose']);
  const lock = JSON.parse(fs.readFileSync(path.join(project, 'package-lock.json'), 'utf-8'));
  expect(Object.keys(lock.packages).filter(p => /cdk8s-plus|backport/.test(p))).toEqual([]);
  // the validation plugin's dependencies come bundled
  for (const dep of ['ajv', 'ajv-formats', 'yaml']) expect(fs.existsSync(path.join(installed, 'node_modules', dep, 'package.json'))).toBe(true);
  // @types/node, as the template's devDependencies bring it
  fs.mkdirSync(path.join(project, 'node_modules', '@types'), { recursive: true });
  fs.symlinkSync(path.join(REPO_ROOT, 'node_modules', '@types', 'node'), path.join(project, 'node_modules', '@types', 'node'), 'dir');
});

test('with only cdk8s and constructs next to it, every construct synthesises, for both routing targets', () => {
  fs.writeFileSync(path.join(project, 'every.js'), EVERY_CONSTRUCT_JS);
  const r = run(process.execPath, ['every.js']);
  if (r.status !== 0) throw new Error(`every.js failed:\n${r.out}`);
  const kinds = JSON.parse(r.out.slice(r.out.indexOf('{'))) as { ingressNginx: string[]; gateway: string[] };
  expect(new Set(kinds.ingressNginx)).toEqual(new Set([
    'Namespace', 'ServiceAccount', 'Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding', 'ConfigMap', 'Deployment', 'Service',
    'DaemonSet', 'Job', 'ValidatingWebhookConfiguration', 'IngressClass', 'Pod', 'Ingress', 'Issuer', 'Certificate',
  ]));
  expect(kinds.gateway.sort()).toEqual(['Gateway', 'HTTPRoute', 'TLSRoute']);
});

test('compiles with the tsconfig of `cdk8s init typescript-app` (node10), and with node16 and bundler resolution', () => {
  // the project now adds a current cdk8s-plus, as `cdk8s init typescript-app` does
  for (const name of LINKED_LATER) fs.symlinkSync(path.join(REPO_ROOT, 'node_modules', name), path.join(project, 'node_modules', name), 'dir');
  fs.writeFileSync(path.join(project, 'main.ts'), MAIN_TS);
  fs.writeFileSync(path.join(project, 'cdk8s.yaml'), readmeCdk8sYaml());
  const template = JSON.parse(fs.readFileSync(INIT_TSCONFIG, 'utf-8'));
  expect(template.compilerOptions.moduleResolution).toBeUndefined(); // node10, from module CommonJS
  const variant = (name: string, options: object) => {
    const tsconfig = { ...template, compilerOptions: { ...template.compilerOptions, ...options } };
    fs.writeFileSync(path.join(project, name), JSON.stringify(tsconfig, null, 2));
    return name;
  };
  const configs = [
    variant('tsconfig.json', {}),
    variant('tsconfig.node16.json', { module: 'node16', moduleResolution: 'node16', noEmit: true, skipLibCheck: true }),
    variant('tsconfig.bundler.json', { module: 'preserve', moduleResolution: 'bundler', noEmit: true, skipLibCheck: true }),
  ];
  // The same `tsc -b` builds the README program (its own project, next test): the projects share
  // the declaration files they read (one parse instead of two processes parsing the same).
  const tsc = run(process.execPath, [TSC, '-b', ...configs, writeReadmeProject()]);
  tscDiagnostics = diagnosticsByProject(tsc.out);
  // a failed build must be the README program's (its test reports it), nothing of the consumer's
  if (tscDiagnostics.consumer !== '' || (tsc.status !== 0 && tscDiagnostics.readme === '')) throw new Error(`the consumer does not compile:\n${tsc.out}`);
  expect(tscDiagnostics.consumer).toBe('');
  expect(fs.existsSync(path.join(project, 'main.js'))).toBe(true);
});

/**
 * The README program's project: examples.ts and a tsconfig.json with the options it is checked
 * with (strict; only the declaration files are not checked); in its node_modules the package as
 * the consumer installed it (the tarball), and cdk8s, constructs, @types/node and whatever else the
 * examples import (cdk8s-plus-33 ...) from this repository. Returns its tsconfig.json's path, as
 * `tsc -b` in the consumer's directory takes it.
 */
function writeReadmeProject(): string {
  const program = readmeProgram();
  fs.mkdirSync(path.join(readme, 'node_modules'));
  fs.symlinkSync(path.join(project, 'node_modules', 'cdk8s-expose'), path.join(readme, 'node_modules', 'cdk8s-expose'), 'dir');
  const imported = [...program.matchAll(/from '([^'.][^']*)'/g)].map(m => m[1]).filter(m => m !== 'cdk8s-expose');
  linkFromRepo(readme, [...new Set(['cdk8s', 'constructs', '@types/node', ...imported])]);
  fs.writeFileSync(path.join(readme, 'examples.ts'), program);
  fs.writeFileSync(path.join(readme, 'tsconfig.json'), JSON.stringify({
    compilerOptions: {
      strict: true, esModuleInterop: true, skipLibCheck: true, target: 'es2022', module: 'commonjs', moduleResolution: 'node',
      types: ['node'], noUnusedLocals: false,
    },
    files: ['examples.ts'],
  }, null, 2));
  return path.relative(project, path.join(readme, 'tsconfig.json'));
}

/** What `tsc -b` printed, split by project: the README program's files (../readme/...) and the rest, the consumer's. */
let tscDiagnostics: { consumer: string; readme: string } | undefined;
function diagnosticsByProject(out: string): { consumer: string; readme: string } {
  const parts = { consumer: [] as string[], readme: [] as string[] };
  let current = parts.consumer;
  for (const line of out.split('\n')) {
    if (line.trim() === '') continue;
    // a diagnostic starts with its file; its further lines are indented
    if (!/^\s/.test(line)) current = line.startsWith(`..${path.sep}readme${path.sep}`) ? parts.readme : parts.consumer;
    current.push(line);
  }
  return { consumer: parts.consumer.join('\n'), readme: parts.readme.join('\n') };
}

test('the README examples type-check against the installed package and run', () => {
  // the README's TypeScript examples are one program: they must type-check against the package's
  // declarations (compiled by the `tsc -b` above, in the project of writeReadmeProject) and run,
  // construct-time validation included, so that the docs stay true to the code
  const program = fs.readFileSync(path.join(readme, 'examples.ts'), 'utf-8');
  expect(program).toContain('new HostPortPod(');
  expect(program).toContain('new TlsIngress(');
  expect(program).toContain('new IngressNginxController(');
  expect(program).toContain("from 'cdk8s-expose';");
  if (tscDiagnostics!.readme !== '') throw new Error(`README examples do not type-check:\n${tscDiagnostics!.readme}\n--- program ---\n${program}`);
  expect(fs.existsSync(path.join(readme, 'examples.js'))).toBe(true);
  const out = execFileSync(process.execPath, [path.join(readme, 'examples.js')], { cwd: readme, encoding: 'utf-8', stdio: 'pipe' });
  expect(out).toContain('README examples ran');
});

test('a cdk8s-plus-33 workload behind our Service: the selector passes through and the app-wide checks see its pods', () => {
  const reportFile = path.join(work, 'report.json');
  const r = run(process.execPath, ['main.js'], { CONSUMER_REPORT: reportFile });
  expect(r).toEqual({ status: 0, out: '' });
  const report = JSON.parse(fs.readFileSync(reportFile, 'utf-8'));
  expect(report.caught.field).toBe('spec.ports[0].nodePort');
  expect(report.caught.message).toMatch(/\[consumer\/Bad\] spec\.ports\[0\]\.nodePort: 40000 is outside the allowed range 30000-32767/);
  // only the Ghost Service selects nothing; the one in front of cdk8s-plus-33's pods is fine
  expect(report.findings.map((f: any) => `${f.severity} ${f.rule} ${f.path}`)).toEqual(['WARNING selector consumer/Ghost']);
});

/** Names the plugin's run leaves next to dist/ (its per-run directories and backups; .dist-staging is the CLI's). */
function leftovers(): string[] {
  return fs.readdirSync(project).filter(n => n.startsWith('.dist-') && n !== '.dist-staging').sort();
}

/** The CLI report's violation of one object (`Schema: <kind> <name> ...` up to the next one), or ''. */
function violationOf(out: string, object: string): string {
  return out.split(/^(?=\S*Schema: )/m).find(block => block.includes(`Schema: ${object} `)) ?? '';
}

test('cdk8s synth with our validation plugin in cdk8s.yaml: strict schemas, then dist/ replaced', () => {
  const r = synth();
  if (r.status !== 0) throw new Error(`cdk8s synth failed:\n${r.out}`);
  expect(r.out).toMatch(/Kubernetes v1\.27\.0, v1\.36\.0 \+ CRDs/);
  expect(r.out).toMatch(/Status\s*│ success/);
  expect(r.out).toContain('dist/ replaced atomically with the validated output');
  // replaced atomically, without construct-metadata.json: what was promoted is what was validated,
  // the staging directory's bytes; no per-run directory or backup left
  const dist = path.join(project, 'dist');
  expect(treeDigest(dist).map(f => f.file)).toEqual(['consumer.k8s.yaml']);
  expect(treeDigest(dist)).toEqual(treeDigest(path.join(project, '.dist-staging')).filter(f => f.file !== 'construct-metadata.json'));
  expect(leftovers()).toEqual([]);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const YAML = require('yaml') as typeof import('yaml');
  const objects = YAML.parseAllDocuments(fs.readFileSync(path.join(project, 'dist', 'consumer.k8s.yaml'), 'utf-8')).map(d => d.toJS());
  const apiDeployment = objects.find(o => o.kind === 'Deployment' && o.metadata.name.startsWith('consumer-api'));
  const apiService = objects.find(o => o.kind === 'Service' && o.metadata.name === 'api-service');
  expect(apiService.spec.selector).toEqual(apiDeployment.spec.selector.matchLabels);
  expect(apiDeployment.spec.template.metadata.labels).toEqual(expect.objectContaining(apiService.spec.selector));
  expect(objects.map(o => `${o.kind}/${o.metadata.name}`)).toEqual(expect.arrayContaining(['Service/web-node-port', 'Ingress/web-tls']));
});

/** The CONSUMER_BREAK synth of the test below and dist/'s file before it (its report is read by the next test too). */
let brokenSynth: ReturnType<typeof synth> | undefined;
let brokenBefore: string;
test('a schema violation fails cdk8s synth with the construct path, and dist/ stays as it was', () => {
  const before = fs.readFileSync(path.join(project, 'dist', 'consumer.k8s.yaml'), 'utf-8');
  const r = synth({ CONSUMER_BREAK: '1' });
  brokenSynth = r;
  brokenBefore = before;
  expect(r.status).toBe(2); // cdk8s-cli's code for a failed validation report
  expect(r.out).toMatch(/Status\s*│ failure/);
  expect(r.out).toMatch(/Construct Path: consumer\/Web\/Resource[\s\S]*?\/spec\/replicas: must be integer/);
  expect(r.out).toMatch(/Construct Path: consumer\/Extra[\s\S]*?unknownField/);
  // each violation with its construct path and resource name, both reported in one run
  const service = violationOf(r.out, 'Service bad-svc');
  expect(service).toContain('Construct Path: consumer/BadService');
  expect(service).toContain('Resource Name: bad-svc');
  expect(service).toContain('/spec/bogusField: unknown field "bogusField"');
  expect(service).toContain('/spec/ports/0/port: must be integer, got string "80"');
  expect(fs.readdirSync(path.join(project, 'dist'))).toEqual(['consumer.k8s.yaml']);
  expect(fs.readFileSync(path.join(project, 'dist', 'consumer.k8s.yaml'), 'utf-8')).toBe(before);
});

test('an invalid enum in a custom resource fails cdk8s synth, reported against the CRD with its construct path', () => {
  // the same run as above (CONSUMER_BREAK): its report holds the Certificate's violation too
  const r = brokenSynth!;
  expect(r.status).toBe(2);
  const cert = violationOf(r.out, 'Certificate web-cert');
  expect(cert).toContain('Construct Path: consumer/Cert');
  expect(cert).toMatch(/\/spec\/privateKey\/algorithm: must be one of "RSA", "ECDSA", "Ed25519"/);
  expect(fs.readFileSync(path.join(project, 'dist', 'consumer.k8s.yaml'), 'utf-8')).toBe(brokenBefore);
});

test('cdk8s synth --format helm --chart-version: the whole chart is promoted into dist/ (Chart.yaml, README.md, templates/)', () => {
  const r = synth({}, ['--format', 'helm', '--chart-version', '1.2.3']);
  if (r.status !== 0) throw new Error(`cdk8s synth --format helm failed:\n${r.out}`);
  expect(r.out).toContain('dist/ replaced atomically with the validated output');
  const dist = path.join(project, 'dist');
  expect(fs.readdirSync(dist).sort()).toEqual(['Chart.yaml', 'README.md', 'templates']);
  expect(fs.readdirSync(path.join(dist, 'templates'))).toEqual(['consumer.k8s.yaml']);
  // the CLI's scaffolding, as written into the staging directory
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const YAML = require('yaml') as typeof import('yaml');
  const chart = YAML.parse(fs.readFileSync(path.join(dist, 'Chart.yaml'), 'utf-8'));
  expect(chart).toEqual({ apiVersion: 'v2', name: 'consumer', version: '1.2.3', description: 'Generated chart for consumer', type: 'application' });
  expect(fs.readFileSync(path.join(dist, 'README.md'), 'utf-8')).toMatch(/generated using cdk8s/);
  const objects = YAML.parseAllDocuments(fs.readFileSync(path.join(dist, 'templates', 'consumer.k8s.yaml'), 'utf-8')).map(d => d.toJS());
  expect(objects.map(o => `${o.kind}/${o.metadata.name}`)).toEqual(expect.arrayContaining(['Service/web-node-port', 'Ingress/web-tls']));

  // a failed helm synth leaves that chart as it was
  const before = fs.readFileSync(path.join(dist, 'Chart.yaml'), 'utf-8');
  const broken = synth({ CONSUMER_BREAK: '1' }, ['--format', 'helm', '--chart-version', '1.2.4']);
  expect(broken.status).toBe(2);
  expect(fs.readFileSync(path.join(dist, 'Chart.yaml'), 'utf-8')).toBe(before);
  expect(fs.readdirSync(dist).sort()).toEqual(['Chart.yaml', 'README.md', 'templates']);
});
