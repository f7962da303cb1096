/**
 * The README's TypeScript examples are one program: they must type-check against the library
 * and run (construct-time validation included), so the docs stay true to the code.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

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
  const header = [...imports.entries()].map(([from, names]) =>
    `import { ${[...names].sort().join(', ')} } from '${from === 'cdk8s-expose' ? '../../constructs' : from}';`);
  return [...header, '', ...body, 'process.stdout.write("README examples ran\\n");', ''].join('\n');
}

test('the README examples type-check and run', () => {
  const dir = path.join(root, '__tests__', '.readme-examples');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'examples.ts');
  try {
    const program = readmeProgram();
    expect(program).toContain('new HostPortPod(');
    expect(program).toContain('new TlsIngress(');
    expect(program).toContain('new IngressNginxController(');
    fs.writeFileSync(file, program);
    const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
    try {
      execFileSync(process.execPath, [tsc, '--noEmit', '--strict', '--esModuleInterop', '--skipLibCheck', '--target', 'es2022',
        '--module', 'commonjs', '--moduleResolution', 'node', '--types', 'node', '--noUnusedLocals', 'false', file], { cwd: root, encoding: 'utf-8', stdio: 'pipe' });
    } catch (e: any) {
      throw new Error(`README examples do not type-check:\n${e.stdout}${e.stderr}\n--- program ---\n${program}`);
    }
    const out = execFileSync(process.execPath, ['--import', 'tsx', file], { cwd: root, encoding: 'utf-8', stdio: 'pipe' });
    expect(out).toContain('README examples ran');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
