/**
 * What `npm pack` ships: npm's `--json` report of the pack (the file list `npm pack --dry-run
 * --json` prints; taken from the one real pack of this run, so the build is not repeated) and the
 * tarball's contents. Consumers get the compiled library, its types, the jsii assembly, the API
 * reference, the validation plugin with its schemas and bundled dependencies, and the legal files;
 * no tests, no lab, no TypeScript sources, no private keys, no source map that points nowhere.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { LIFECYCLE_SCRIPTS } from '../../scripts/pack-manifest';
import { PackReport, packReport, repoManifest, unpackedTarball } from '../helpers/package-under-test';

/** Every file of our own (outside the bundled node_modules/) matches one of these. */
const OWN_FILES = [
  /^lib\/(constructs|imports|validation-plugin)\/.+\.(js|d\.ts)$/,
  /^schemas\/(README\.md|kubernetes-v\d+\.\d+\.\d+\.json|crds\/[a-z0-9.-]+\.yaml)$/,
  /^(\.jsii|API\.md|CHANGELOG\.md|LICENSE|NOTICE|README\.md|package\.json)$/,
];
const NOT_FOR_CONSUMERS = /(^|\/)(__tests__|__snapshots__|lab|dist|scripts|docs|\.lab-certs|validation-plugin\/src)\/|\.(test|spec)\.[jt]s$|^main\.(ts|js)$|(^|\/)(tsconfig[^/]*\.json|jest\.config\.js|cdk8s\.yaml|package-lock\.json)$/;
const KEY_FILE = /\.(key|pem|p12|pfx|jks|keystore)$|(^|\/)id_(rsa|ecdsa|ed25519)/;
/** A PEM private key with its body (a regular expression or a message that names the header is fine). */
const PRIVATE_KEY = /-----BEGIN [A-Z ]*PRIVATE KEY-----\s*[A-Za-z0-9+/=\s]{64,}-----END [A-Z ]*PRIVATE KEY-----/;

let report: PackReport;
/** The tarball's contents, unpacked (shared with the other packaging tests; the files below are npm's list of it). */
let pkgDir: string;
beforeAll(() => {
  report = packReport();
  pkgDir = unpackedTarball();
});

const own = () => report.files.map(f => f.path).filter(p => !p.startsWith('node_modules/'));
const all = () => report.files.map(f => f.path);

test('npm pack ships exactly what consumers need: compiled code, types, .jsii, API.md, schemas, legal files', () => {
  expect(report.name).toBe('cdk8s-expose');
  expect(own().filter(p => !OWN_FILES.some(re => re.test(p)))).toEqual([]);
  for (const required of ['.jsii', 'API.md', 'LICENSE', 'NOTICE', 'CHANGELOG.md', 'README.md', 'package.json',
    'lib/constructs/index.js', 'lib/constructs/index.d.ts', 'lib/constructs/errors.js', 'lib/constructs/errors.d.ts',
    'lib/validation-plugin/index.js', 'lib/validation-plugin/index.d.ts',
    'schemas/kubernetes-v1.27.0.json', 'schemas/kubernetes-v1.36.0.json']) {
    expect(own()).toContain(required);
  }
  // every CRD file the lab validates against ships, so the plugin checks the same kinds
  for (const crd of fs.readdirSync(path.join(__dirname, '..', '..', 'schemas', 'crds'))) expect(own()).toContain(`schemas/crds/${crd}`);
  // every entry point package.json names is in the tarball
  const pkg = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf-8'));
  const entries: string[] = [pkg.main, pkg.types, ...Object.values(pkg.bin as Record<string, string>)];
  for (const target of Object.values(pkg.exports as Record<string, string | Record<string, string>>)) {
    entries.push(...(typeof target === 'string' ? [target] : Object.values(target)));
  }
  for (const paths of Object.values(pkg.typesVersions['*'] as Record<string, string[]>)) entries.push(...paths);
  expect(entries.map(e => path.posix.normalize(e)).filter(e => !all().includes(e))).toEqual([]);
});

test('no tests, no lab, no TypeScript sources, no private keys', () => {
  expect(own().filter(p => NOT_FOR_CONSUMERS.test(p))).toEqual([]);
  expect(own().filter(p => p.endsWith('.ts') && !p.endsWith('.d.ts'))).toEqual([]);
  expect(all().filter(p => KEY_FILE.test(p))).toEqual([]);
  const withKeys = all().filter(p => PRIVATE_KEY.test(fs.readFileSync(path.join(pkgDir, p), 'latin1')));
  expect(withKeys).toEqual([]);
});

test('no source map points to a missing file (ours have none; the bundled ones resolve)', () => {
  const files = new Set(all());
  const broken: string[] = [];
  for (const p of all()) {
    if (p.endsWith('.js')) {
      const text = fs.readFileSync(path.join(pkgDir, p), 'utf-8');
      const url = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(text)?.[1];
      if (url && !p.startsWith('node_modules/')) broken.push(`${p}: has a source map (${url.slice(0, 40)}), ours ship none`);
      if (url && !url.startsWith('data:') && !files.has(path.posix.join(path.posix.dirname(p), url))) broken.push(`${p} -> ${url}`);
    }
    if (p.endsWith('.map')) {
      const map = JSON.parse(fs.readFileSync(path.join(pkgDir, p), 'utf-8')) as { sources?: string[]; sourceRoot?: string; sourcesContent?: unknown[] };
      (map.sources ?? []).forEach((source, i) => {
        if (map.sourcesContent?.[i] != null) return; // embedded
        const target = path.posix.normalize(path.posix.join(path.posix.dirname(p), map.sourceRoot ?? '', source));
        if (!files.has(target)) broken.push(`${p} -> ${source}`);
      });
    }
  }
  expect(broken).toEqual([]);
});

test('the packed package.json has no lifecycle scripts; the bundled dependencies ship with their licenses', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf-8'));
  expect(Object.keys(pkg.scripts ?? {}).filter(s => LIFECYCLE_SCRIPTS.includes(s))).toEqual([]);
  // the repository keeps them (npm ci and git installs build, npm pack strips them)
  expect(repoManifest().scripts).toEqual(expect.objectContaining({
    prepare: expect.any(String), prepack: expect.any(String), postpack: expect.any(String),
  }));
  expect(pkg.keywords).toEqual(expect.arrayContaining(['cdk8s', 'kubernetes', 'ingress', 'gateway-api', 'tls']));
  for (const field of ['license', 'repository', 'homepage', 'bugs', 'author']) expect(pkg[field]).toBeTruthy();
  expect(pkg.license).toBe('Apache-2.0');
  expect(fs.readFileSync(path.join(pkgDir, 'LICENSE'), 'utf-8')).toMatch(/Apache License\s+Version 2\.0, January 2004/);

  expect([...report.bundled].sort()).toEqual(expect.arrayContaining([...pkg.bundleDependencies].sort()));
  // @bufbuild/cel, cel-spec and protobuf publish no license file: NOTICE names each with the license
  // its package.json declares, and the Apache-2.0 text that applies is our LICENSE; protobuf's
  // BSD-3-Clause text (Google's) is in NOTICE
  const notice = fs.readFileSync(path.join(pkgDir, 'NOTICE'), 'utf-8');
  for (const dep of report.bundled) {
    const files = fs.readdirSync(path.join(pkgDir, 'node_modules', dep));
    const declared = JSON.parse(fs.readFileSync(path.join(pkgDir, 'node_modules', dep, 'package.json'), 'utf-8')).license as string;
    const hasFile = files.some(f => /^licen[cs]e/i.test(f));
    const licensed = hasFile || (notice.includes(dep) && /Apache-2\.0/.test(declared));
    // a BSD-3-Clause part (@bufbuild/protobuf's varint code, Google's) needs its text and copyright in NOTICE
    const bsdText = hasFile || !/BSD-3-Clause/.test(declared) || (/Copyright 2008 Google Inc\./.test(notice) && /Neither the name of Google Inc\./.test(notice));
    expect({ dep, license: licensed, bsdText }).toEqual({ dep, license: true, bsdText: true });
  }
  // an unexpected directory in the tarball shows here first
  // (the bundled CEL engine, @bufbuild/cel with cel-spec and protobuf, ESM and CommonJS each, is ~11 MB of it)
  expect(report.unpackedSize).toBeLessThan(30 * 1024 * 1024);
});

test('the packed plugin keys its validator cache by its own compiled code: an edit to compiler.js in a new release recompiles', () => {
  // a copy of the packed plugin (the shared unpacked package is read-only), its bundled dependencies linked
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-expose-packed-plugin-'));
  try {
    fs.cpSync(path.join(pkgDir, 'lib', 'validation-plugin'), path.join(copy, 'lib', 'validation-plugin'), { recursive: true });
    fs.copyFileSync(path.join(pkgDir, 'package.json'), path.join(copy, 'package.json'));
    fs.symlinkSync(path.join(pkgDir, 'node_modules'), path.join(copy, 'node_modules'), 'dir');
    const src = path.join(copy, 'lib', 'validation-plugin');
    expect(fs.existsSync(path.join(src, 'compiler.ts'))).toBe(false); // no TypeScript sources ship
    const fingerprint = () => {
      let key = '';
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      jest.isolateModules(() => { key = (require(path.join(src, 'schema-index.js')) as { generator(): string }).generator(); });
      return key;
    };
    const before = fingerprint();
    expect(fingerprint()).toBe(before);
    fs.appendFileSync(path.join(src, 'compiler.js'), '\n// a new release\n');
    const afterCompiler = fingerprint();
    expect(afterCompiler).not.toBe(before);
    fs.appendFileSync(path.join(src, 'schema-prep.js'), '\n// a new release\n');
    expect(fingerprint()).not.toBe(afterCompiler);
  } finally {
    fs.rmSync(copy, { recursive: true, force: true });
  }
});
