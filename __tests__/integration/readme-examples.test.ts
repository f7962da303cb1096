/**
 * The README's TypeScript examples are one program: they must type-check against the library
 * and run (construct-time validation included), so the docs stay true to the code.
 *
 * The library is the package as consumers get it: the tarball `npm pack` writes, unpacked (both
 * built once per sources and shared with the packaging tests, helpers/build-once.ts), in the
 * program's node_modules next to cdk8s, constructs (and what else the examples
 * import) linked from this repository, so the program imports `cdk8s-expose` exactly as the
 * README writes it. tsc type-checks it against the package's
 * declarations and emits it; node runs what tsc emitted. (Type-checking against the sources
 * instead took ~3x the CPU: tsc checked the whole library again after `npm run typecheck`.)
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { linkFromRepo, unpackedTarball } from '../helpers/package-under-test';

const root = path.join(__dirname, '..', '..');

function readmeProgram(): string {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf-8');
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

test('the README examples type-check and run', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-expose-readme-'));
  const file = path.join(dir, 'examples.ts');
  try {
    const program = readmeProgram();
    expect(program).toContain('new HostPortPod(');
    expect(program).toContain('new TlsIngress(');
    expect(program).toContain('new IngressNginxController(');
    expect(program).toContain("from 'cdk8s-expose';");
    fs.mkdirSync(path.join(dir, 'node_modules'));
    fs.symlinkSync(unpackedTarball(), path.join(dir, 'node_modules', 'cdk8s-expose'), 'dir');
    // the package's peer dependencies, and whatever else the examples import (cdk8s-plus-33...)
    const imported = [...program.matchAll(/from '([^'.][^']*)'/g)].map(m => m[1]).filter(m => m !== 'cdk8s-expose');
    linkFromRepo(dir, [...new Set(['cdk8s', 'constructs', '@types/node', ...imported])]);
    fs.writeFileSync(file, program);
    const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
    try {
      execFileSync(process.execPath, [tsc, '--strict', '--esModuleInterop', '--skipLibCheck', '--target', 'es2022',
        '--module', 'commonjs', '--moduleResolution', 'node', '--types', 'node', '--noUnusedLocals', 'false', file], { cwd: dir, encoding: 'utf-8', stdio: 'pipe' });
    } catch (e: any) {
      throw new Error(`README examples do not type-check:\n${e.stdout}${e.stderr}\n--- program ---\n${program}`, { cause: e });
    }
    const out = execFileSync(process.execPath, [path.join(dir, 'examples.js')], { cwd: dir, encoding: 'utf-8', stdio: 'pipe' });
    expect(out).toContain('README examples ran');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
