/**
 * The layers of constructs/ and their one-way arrows (docs/architecture.md): each folder may
 * import only the layers listed for it, and no library source file grows past ~400 lines.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

const ROOT = path.join(__dirname, '..', '..', 'constructs');

/** Layer -> the layers it may import (besides itself). The entry files may import everything. */
const ALLOWED: { [layer: string]: string[] } = {
  'core': [],
  'validation': ['core'],
  // issue 23: what is applied when (stages, dependencies, sync waves, the Flux layout), from rendered manifests
  'gitops': ['core', 'validation'],
  'app-checks': ['core', 'validation', 'gitops'],
  'tls': ['core', 'validation', 'app-checks'],
  'workloads': ['core', 'validation', 'app-checks', 'tls'],
  'services': ['core', 'validation', 'app-checks'],
  // the exposure (plain data) and the target interface every target implements
  'exposure': ['core', 'app-checks'],
  // one folder per built-in target: options, rendering, rules, app-wide checks
  'targets/ingress-nginx': ['core', 'validation', 'app-checks', 'exposure'],
  'targets/gateway-api': ['core', 'validation', 'app-checks', 'exposure'],
  // Routing (the choice per scope) and RoutingTarget (the factories of the built-in targets)
  'routing': ['core', 'exposure', 'targets/ingress-nginx', 'targets/gateway-api'],
  // HttpIngress and TlsIngress: build the exposure and call the target Routing chose; no target by name
  'ingress': ['core', 'validation', 'app-checks', 'tls', 'services', 'exposure', 'routing'],
  'ingress-nginx': ['core', 'validation', 'app-checks', 'workloads', 'targets/ingress-nginx'],
  // draws the app model (app-checks), read with the built-in targets' readers (__tests__/unit/topology-model.spec.ts)
  'topology': ['core', 'app-checks', 'targets/ingress-nginx', 'targets/gateway-api'],
  // NetworkPolicies for the exposure paths of the app model (read with the built-in targets' readers, like topology)
  'network-policies': ['core', 'validation', 'app-checks', 'targets/ingress-nginx', 'targets/gateway-api'],
};

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e =>
    e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []);
}

function layerOf(file: string): string {
  const parts = path.relative(ROOT, file).split(path.sep);
  if (parts.length === 1) return '(entry)';
  if (parts[0] === 'targets' && parts.length > 2) return `targets/${parts[1]}`;
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

/** The top-level statements of a source text that are not an `import` or `export ... from`/`export { ... }` (comments are not statements). */
function notReExports(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  return source.statements
    .filter(s => !ts.isExportDeclaration(s) && !ts.isImportDeclaration(s))
    .map(s => `${path.basename(file)}:${source.getLineAndCharacterOfPosition(s.getStart()).line + 1}: ${ts.SyntaxKind[s.kind]} ${s.getText().split('\n')[0]}`);
}

test('the entry files only re-export', () => {
  // the check itself: a declaration among re-exports is found, however it is indented
  expect(notReExports('x.ts', "// c\nexport * from './a';\nexport {\n  B,\n} from './b';\n  export const c = 1;\nclass D {}\n")).toEqual([
    'x.ts:6: FirstStatement export const c = 1;', 'x.ts:7: ClassDeclaration class D {}',
  ]);
  const entries = files.filter(f => layerOf(f) === '(entry)');
  expect(entries.map(f => path.basename(f)).sort()).toEqual(['errors.ts', 'index.ts']);
  expect(entries.flatMap(f => notReExports(f, fs.readFileSync(f, 'utf8')))).toEqual([]);
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

/**
 * Words of the lab (lab/, main.ts) that library names must not use: the lab itself, the seed it
 * reproduces, its experiments and its services svc1..svc5. `section` is not one of them (Gateway
 * API's `sectionName`), nor `demo` (`DemoBackend` is a library construct, not a lab part).
 */
const LAB_WORDS = /^(lab|labs|seed|seeds|experiment|experiments|svc\d+)$/;
/** A cheap first test: no identifier without one of these (case-insensitive) can hold a lab word. */
const LAB_SUBSTRING = /lab|seed|experiment|svc\d/i;

/** The words of an identifier: `LabCertificateAuthority` -> lab, certificate, authority; `DNS1035_LABEL` -> dns1035, label. */
function identifierWords(name: string): string[] {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[\s_$#]+/).filter(Boolean).map(w => w.toLowerCase());
}

/**
 * Every identifier (declared or used) of the sources whose words include a lab word, except names
 * declared `@deprecated`: the old names of renamed exports, kept as aliases (`LabCertificateAuthority`
 * and its props). JSDoc is parsed only for the files with a hit (parsing it everywhere doubles the cost).
 */
function labIdentifiers(sources: { file: string; text: string }[]): string[] {
  const found: Array<{ file: string; name: string; line: number }> = [];
  for (const { file, text } of sources) {
    const source = ts.createSourceFile(file, text, { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone });
    const visit = (n: ts.Node): void => {
      if ((ts.isIdentifier(n) || ts.isPrivateIdentifier(n)) && LAB_SUBSTRING.test(n.text) && identifierWords(n.text).some(w => LAB_WORDS.test(w))) {
        found.push({ file, name: n.text, line: source.getLineAndCharacterOfPosition(n.getStart(source)).line + 1 });
      }
      ts.forEachChild(n, visit);
    };
    visit(source);
  }
  const deprecated = new Set<string>();
  for (const { file, text } of sources.filter(s => found.some(f => f.file === s.file))) {
    const visit = (n: ts.Node): void => {
      const name = (n as ts.NamedDeclaration).name;
      if (name && ts.isIdentifier(name) && found.some(f => f.name === name.text) && ts.getJSDocDeprecatedTag(n)) deprecated.add(name.text);
      ts.forEachChild(n, visit);
    };
    visit(ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true));
  }
  return found.filter(f => !deprecated.has(f.name)).map(f => `${path.relative(ROOT, f.file)}:${f.line}: ${f.name}`);
}

test('no lab vocabulary in the library\'s names', () => {
  // the check itself: lab names are found in declarations and uses, comments and labels are not
  expect(labIdentifiers([{
    file: path.join(ROOT, 'x.ts'),
    text: '// the lab, the seed, svc1\nexport class LabThing { private seedImage = 1; }\nconst labels = { svc3Port: 1 };\n' +
      'function f(labels: string, experiment: number) { return [labels, experiment, LabThing, SEED_IMAGE]; }\n' +
      '/** @deprecated use Other */\nexport const LAB_OLD = 1;\nexport { LAB_OLD as LabOld2 };\n',
  }])).toEqual(['x.ts:2: LabThing', 'x.ts:2: seedImage', 'x.ts:3: svc3Port', 'x.ts:4: experiment', 'x.ts:4: experiment', 'x.ts:4: LabThing', 'x.ts:4: SEED_IMAGE', 'x.ts:7: LabOld2']);
  expect(labIdentifiers(files.map(file => ({ file, text: fs.readFileSync(file, 'utf8') })))).toEqual([]);
});
