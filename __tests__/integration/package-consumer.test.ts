/**
 * The package works from another project: `npm pack`, install the tarball in a separate
 * project (offline), `import { NodePortService } from 'cdk8s-expose'`, type-check against the
 * shipped .d.ts (through package.json "exports"), run it, and synthesise a chart.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { packedTarball } from '../helpers/build-once';

const root = path.join(__dirname, '..', '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

let work: string;
beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-expose-consumer-'));
});
afterAll(() => {
  fs.rmSync(work, { recursive: true, force: true });
});

test('a separate project installs the npm pack tarball and imports the constructs', () => {
  // npm pack runs "prepack" (the build) and writes the tarball: once per sources, shared (helpers/build-once)
  const tarball = packedTarball();
  expect(fs.existsSync(tarball)).toBe(true);

  const project = path.join(work, 'consumer');
  fs.mkdirSync(project);
  fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }));
  // no network: the tarball has no dependencies of its own; its peers come from this repo
  execFileSync(npm, ['install', '--offline', '--legacy-peer-deps', '--ignore-scripts', '--no-audit', '--no-fund', tarball], {
    cwd: project, stdio: 'pipe',
  });
  fs.mkdirSync(path.join(project, 'node_modules', '@types'), { recursive: true });
  for (const peer of ['cdk8s', 'cdk8s-plus-27', 'constructs', '@types/node']) {
    fs.symlinkSync(path.join(root, 'node_modules', peer), path.join(project, 'node_modules', peer), 'dir');
  }
  const installed = path.join(project, 'node_modules', 'cdk8s-expose');
  expect(fs.existsSync(path.join(installed, 'lib', 'constructs', 'index.d.ts'))).toBe(true);
  // the package ships compiled code and types, no TypeScript sources, tests or lab
  const shipped = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf-8' }).split('\n').filter(Boolean);
  expect(shipped.filter(f => f.endsWith('.ts') && !f.endsWith('.d.ts'))).toEqual([]);
  expect(shipped.some(f => f.includes('__tests__') || f.startsWith('package/lab/') || f.startsWith('package/dist/'))).toBe(false);

  fs.writeFileSync(path.join(project, 'consumer.ts'), [
    "import { App, Chart } from 'cdk8s';",
    "import { ExposeErrors, NodePortService, TlsIngress, TlsMode } from 'cdk8s-expose';",
    "import { ExposeValidationError } from 'cdk8s-expose/errors';",
    'const app = new App();',
    "const chart = new Chart(app, 'consumer');",
    "const svc = new NodePortService(chart, 'Web', { selector: { app: 'web' }, port: 80, nodePort: 30080 });",
    "new TlsIngress(chart, 'WebTls', { host: 'web.example.com', mode: TlsMode.TERMINATION, tlsSecretName: 'web-tls', backend: { serviceName: svc.name, port: svc.port } });",
    'let message = "";',
    'let field: string | undefined;',
    "try { new NodePortService(chart, 'Bad', { selector: { app: 'web' }, port: 80, nodePort: 40000 }); } catch (e) {",
    '  if (e instanceof ExposeValidationError && ExposeErrors.isValidationError(e)) { message = e.message; field = ExposeErrors.fieldOf(e); }',
    '}',
    'process.stdout.write(JSON.stringify({ objects: chart.toJson(), message, field }));',
    '',
  ].join('\n'));
  const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  // type-checks the consumer against the shipped .d.ts, resolved through package.json "exports"
  try {
    execFileSync(process.execPath, [tsc, '--strict', '--module', 'node16', '--moduleResolution', 'node16', '--target', 'es2022',
      '--skipLibCheck', 'consumer.ts'], { cwd: project, encoding: 'utf-8', stdio: 'pipe' });
  } catch (e: any) {
    throw new Error(`the consumer does not type-check:\n${e.stdout}${e.stderr}`);
  }

  const out = JSON.parse(execFileSync(process.execPath, ['consumer.js'], { cwd: project, encoding: 'utf-8' }));
  const service = out.objects.find((o: any) => o.kind === 'Service');
  expect(service.metadata.name).toBe('web');
  expect(service.spec).toMatchObject({ type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] });
  const ingress = out.objects.find((o: any) => o.kind === 'Ingress');
  expect(ingress.spec.tls).toEqual([{ hosts: ['web.example.com'], secretName: 'web-tls' }]);
  expect(out.field).toBe('spec.ports[0].nodePort');
  expect(out.message).toMatch(/\[consumer\/Bad\] spec\.ports\[0\]\.nodePort: 40000 is outside the allowed range 30000-32767/);
});
