/**
 * The layers of constructs/ and their one-way arrows (docs/architecture.md): each folder may
 * import only the layers listed for it, and no library source file grows past ~400 lines.
 */
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.join(__dirname, '..', '..', 'constructs');

/** Layer -> the layers it may import (besides itself). The entry files may import everything. */
const ALLOWED: { [layer: string]: string[] } = {
  'core': [],
  'validation': ['core'],
  'app-checks': ['core', 'validation'],
  'tls': ['core', 'validation', 'app-checks'],
  'workloads': ['core', 'validation', 'app-checks', 'tls'],
  'services': ['core', 'validation', 'app-checks'],
  'ingress/model': ['core', 'validation', 'app-checks', 'tls'],
  'ingress/renderers': ['core', 'validation', 'app-checks', 'tls', 'ingress/model'],
  'ingress': ['core', 'validation', 'app-checks', 'tls', 'ingress/model', 'ingress/renderers'],
  'ingress-nginx': ['core', 'validation', 'app-checks', 'workloads'],
  // reads synthesised JSON only; from ingress/renderers just the annotation keys (__tests__/unit/topology-model.test.ts)
  'topology': ['core', 'ingress/renderers'],
};

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e =>
    e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []);
}

function layerOf(file: string): string {
  const parts = path.relative(ROOT, file).split(path.sep);
  if (parts.length === 1) return '(entry)';
  if (parts[0] === 'ingress' && parts.length > 2) return `ingress/${parts[1]}`;
  return parts[0];
}

function relativeImports(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:from|import)\s+'(\.[^']+)'/g)].map(m => path.normalize(path.join(path.dirname(file), m[1])));
}

const files = sources(ROOT);

test('every folder of constructs/ is a known layer', () => {
  const layers = new Set(files.map(layerOf));
  layers.delete('(entry)');
  expect([...layers].sort()).toEqual(Object.keys(ALLOWED).sort());
});

test('the entry files only re-export', () => {
  for (const file of files.filter(f => layerOf(f) === '(entry)')) {
    const code = fs.readFileSync(file, 'utf8').split('\n').filter(l => l.trim() && !l.trim().startsWith('//'));
    for (const line of code) expect(`${path.basename(file)}: ${line}`).toMatch(/: (export \{|export \*|\s|\})/);
  }
});

test.each(Object.keys(ALLOWED))('%s imports only the layers below it', layer => {
  const bad: string[] = [];
  for (const file of files.filter(f => layerOf(f) === layer)) {
    for (const target of relativeImports(file)) {
      if (!target.startsWith(ROOT)) {
        if (!target.startsWith(path.join(ROOT, '..', 'imports'))) bad.push(`${path.relative(ROOT, file)} -> ${target}`);
        continue;
      }
      const to = layerOf(`${target}.ts`);
      if (to !== layer && !ALLOWED[layer].includes(to)) bad.push(`${path.relative(ROOT, file)} -> ${path.relative(ROOT, target)} (${to})`);
    }
  }
  expect(bad).toEqual([]);
});

test('no library source file is over 400 lines', () => {
  const long = files.map(f => ({ f: path.relative(ROOT, f), n: fs.readFileSync(f, 'utf8').split('\n').length })).filter(x => x.n > 400);
  expect(long).toEqual([]);
});

// Text that reaches dist/ verbatim, kept so that dist/ stays byte-identical (a comment in the
// DemoBackend's nginx.conf).
const DIST_TEXT = ["answers like the seed\\'s Go server"];

test('no lab vocabulary in the library', () => {
  const hits: string[] = [];
  for (const file of files) {
    fs.readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
      if (DIST_TEXT.some(t => line.includes(t))) return;
      if (/\bexperiment \d|\bsection 9\.|npm run lab:|\bthe seed\b|\bthe lab\b/i.test(line)) hits.push(`${path.relative(ROOT, file)}:${i + 1}: ${line.trim()}`);
    });
  }
  expect(hits).toEqual([]);
});
