/**
 * jsii for real: the package build (`npm run build`, run by `npm pack`) writes the `.jsii`
 * assembly, the tarball ships it, and jsii-pacmak generates the Python and Go packages' sources
 * from the tarball, offline.
 *
 * Only code generation is tested: the Python, Go, Java and .NET toolchains are not installed here,
 * so the generated packages are not built, installed or run (`--code-only`). Python's own
 * compiler checks the generated module's syntax when python3 is on PATH.
 *
 * jsii itself fails the build on what other languages cannot express in the public API (union
 * types, overloads, generics, non-jsii base classes): a passing build is the compatibility check.
 *
 * What jsii-pacmak generates is a pure function of the tarball and of jsii-pacmak's locked version
 * (both covered by build-once's hash of the sources and package-lock.json) and of its command line
 * below: it is generated once per sources and kept like the tarball (helpers/build-once.ts; never
 * a failed run; `CDK8S_EXPOSE_TEST_CACHE=off` generates afresh).
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildOnce } from '../helpers/build-once';
import { which } from '../helpers/tools';
import { REPO_ROOT, repoManifest, unpackedTarball } from '../helpers/package-under-test';

/** jsii-pacmak's command line after the output directory and the package directory. */
const PACMAK_ARGS = ['--code-only', '--targets', 'python', '--targets', 'go', '--no-fingerprint', '--no-npmignore'];
const PACMAK_ENV = { npm_config_offline: 'true', JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION: '1', NO_COLOR: '1' };

let work: string;
let pkgDir: string;
beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-expose-jsii-'));
  // the peers are linked into its node_modules, as a consumer's node_modules would have them
  // (the bundled dependencies are in the tarball)
  pkgDir = unpackedTarball();
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

/** jsii-pacmak's output directory for the unpacked tarball (generated now if these sources never were). */
function pacmakOutput(): string {
  return buildOnce('pacmak', out => {
    const r = spawnSync(process.execPath, [path.join(REPO_ROOT, 'node_modules', 'jsii-pacmak', 'bin', 'jsii-pacmak'),
      ...PACMAK_ARGS, '--outdir', out, pkgDir], { cwd: work, encoding: 'utf-8', env: { ...process.env, ...PACMAK_ENV } });
    if (r.status !== 0) throw new Error(`jsii-pacmak failed (${r.status}):\n${r.stdout}${r.stderr}`);
  }, JSON.stringify([PACMAK_ARGS, PACMAK_ENV]));
}

test('the build writes the .jsii assembly and npm pack ships it, with the targets of package.json', () => {
  const assembly = JSON.parse(fs.readFileSync(path.join(pkgDir, '.jsii'), 'utf-8'));
  const pkg = repoManifest();
  expect(assembly.schema).toBe('jsii/0.10.0');
  expect(assembly.name).toBe('cdk8s-expose');
  expect(assembly.version).toBe(pkg.version);
  expect(assembly.license).toBe('Apache-2.0');
  expect(assembly.targets).toEqual({ js: { npm: 'cdk8s-expose' }, ...pkg.jsii.targets });
  // the peers, and nothing else: jsii lists every peer dependency here (optional or not), and
  // jsii-pacmak makes each a requirement of the Python, Java, .NET and Go packages
  expect(Object.keys(assembly.dependencies).sort()).toEqual(['cdk8s', 'constructs']);
  expect(Object.keys(assembly.dependencyClosure ?? {}).sort()).toEqual(['cdk8s', 'constructs']);
  const types = Object.keys(assembly.types);
  for (const name of ['HostPortPod', 'HostNetworkPod', 'NodePortService', 'ExternalIpService', 'ClusterIpService', 'HttpIngress',
    'TlsIngress', 'TlsMode', 'IngressNginxController', 'TlsCertificate', 'CertificateAuthority', 'LabCertificateAuthority', 'DemoBackend',
    'AppDeployment', 'CrossObjectChecks', 'ExposeErrors', 'ExposeApp', 'Routing', 'Warnings']) {
    expect(types).toContain(`cdk8s-expose.${name}`);
  }
  // every type has a stability, and the @stable ones are docs/release.md's list
  const typeList = Object.values(assembly.types as Record<string, { name: string; docs?: { stability?: string } }>);
  expect(typeList.filter(t => !t.docs?.stability).map(t => t.name)).toEqual([]);
  const release = fs.readFileSync(path.join(REPO_ROOT, 'docs', 'release.md'), 'utf-8');
  const stableSection = release.split('**@stable**')[1].split('- Deprecated')[0];
  const documentedStable = new Set([...stableSection.matchAll(/`([A-Za-z_]\w*)`/g)].map(m => m[1]));
  expect(typeList.filter(t => t.docs?.stability === 'stable').map(t => t.name).sort())
    .toEqual(typeList.map(t => t.name).filter(n => documentedStable.has(n)).sort());
  // every type has documentation (Construct Hub and API.md show it)
  expect(Object.values(assembly.types as Record<string, { fqn: string; docs?: { summary?: string } }>)
    .filter(t => !t.docs?.summary).map(t => t.fqn)).toEqual([]);
});

test('jsii-pacmak generates the Python and Go sources from the tarball, offline', () => {
  const out = pacmakOutput();
  const { python, go } = repoManifest().jsii.targets;

  const pyModule = path.join(out, 'python', 'src', python.module);
  const init = fs.readFileSync(path.join(pyModule, '__init__.py'), 'utf-8');
  expect(init).toMatch(/^class NodePortService\(/m);
  expect(init).toMatch(/^class TlsMode\(enum\.Enum\)/m);
  const setup = fs.readFileSync(path.join(out, 'python', 'setup.py'), 'utf-8');
  expect(setup).toContain(`"name": "${python.distName}"`);
  // the Python package requires cdk8s and constructs, not cdk8s-plus-27 (the bindings are our own)
  expect(setup).toMatch(/"cdk8s>=/);
  expect(setup).not.toMatch(/cdk8s-plus|cdk8s_plus/);
  // the JavaScript package the Python module loads at run time is embedded
  expect(fs.readdirSync(path.join(pyModule, '_jsii'))).toContain('cdk8s-expose@0.1.0.jsii.tgz');
  const python3 = which('python3');
  // (its byte code goes to the temp directory, not into the shared output)
  if (python3) execFileSync(python3, ['-m', 'py_compile', path.join(pyModule, '__init__.py')], { env: { ...process.env, PYTHONPYCACHEPREFIX: path.join(work, 'pycache') } });

  const goDir = path.join(out, 'go', 'cdk8sexpose');
  expect(fs.readFileSync(path.join(goDir, 'go.mod'), 'utf-8')).toMatch(new RegExp(`^module ${go.moduleName}/cdk8sexpose$`, 'm'));
  expect(fs.readFileSync(path.join(goDir, 'NodePortService.go'), 'utf-8')).toMatch(/^func NewNodePortService\(/m);
  expect(fs.readdirSync(path.join(goDir, 'jsii'))).toContain('cdk8s-expose-0.1.0.tgz');
});
