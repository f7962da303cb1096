/**
 * The public API stays jsii-compatible (Python/Java/Go/.NET packages are a planned goal): jsii
 * (shipped with cdk8s-cli's dependencies) compiles the library from the package entry, and fails on
 * union types, overloads, generics or non-jsii base classes in public signatures.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { buildOnce } from '../helpers/build-once';

const root = path.join(__dirname, '..', '..');

test('jsii compiles the package entry into an assembly', () => {
  // once per sources, shared by consecutive runs (helpers/build-once); a failure is never kept
  const work = buildOnce('jsii', work => {
    for (const dir of ['constructs', 'imports']) fs.cpSync(path.join(root, dir), path.join(work, dir), { recursive: true });
    fs.copyFileSync(path.join(root, 'README.md'), path.join(work, 'README.md'));
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf-8'));
    fs.writeFileSync(path.join(work, 'package.json'), JSON.stringify({
      name: pkg.name,
      version: pkg.version,
      description: pkg.description,
      license: pkg.license,
      author: { name: 'cdk8s-expose', url: 'https://example.invalid' },
      repository: { type: 'git', url: 'https://example.invalid/cdk8s-expose.git' },
      main: 'lib/constructs/index.js',
      types: 'lib/constructs/index.d.ts',
      peerDependencies: pkg.peerDependencies,
      devDependencies: { cdk8s: pkg.devDependencies.cdk8s, 'cdk8s-plus-27': pkg.devDependencies['cdk8s-plus-27'], constructs: pkg.devDependencies.constructs },
      jsii: { outdir: 'dist', targets: {}, tsc: { outDir: 'lib', rootDir: '.' } },
    }, null, 2));
    fs.mkdirSync(path.join(work, 'node_modules', '@types'), { recursive: true });
    for (const dep of ['cdk8s', 'cdk8s-plus-27', 'constructs', '@types/node']) {
      fs.symlinkSync(path.join(root, 'node_modules', dep), path.join(work, 'node_modules', dep), 'dir');
    }
    let output = '';
    try {
      output = execFileSync(process.execPath, [path.join(root, 'node_modules', 'jsii', 'bin', 'jsii'), '--silence-warnings=reserved-word'], {
        cwd: work, encoding: 'utf-8', stdio: 'pipe', env: { ...process.env, JSII_SUPPRESS_UPGRADE_PROMPT: '1', NO_COLOR: '1' },
      });
    } catch (e: any) {
      throw new Error(`jsii rejects the public API:\n${e.stdout}${e.stderr}`);
    }
    fs.writeFileSync(path.join(work, 'jsii-output.txt'), output);
  });
  {
    const output = fs.readFileSync(path.join(work, 'jsii-output.txt'), 'utf-8');
    const assembly = JSON.parse(fs.readFileSync(path.join(work, '.jsii'), 'utf-8'));
    const types = Object.keys(assembly.types);
    for (const name of ['HostPortPod', 'HostNetworkPod', 'NodePortService', 'ExternalIpService', 'HttpIngress', 'TlsIngress', 'TlsMode',
      'IngressNginxController', 'TlsCertificate', 'LabCertificateAuthority', 'DemoBackend', 'CrossObjectChecks', 'ExposeErrors']) {
      expect(types).toContain(`cdk8s-expose.${name}`);
    }
    expect(output).toMatch(/Errors: 0/);
  }
});
