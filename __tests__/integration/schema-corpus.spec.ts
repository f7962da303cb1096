/**
 * The validator cache changes nothing: on a corpus of broken objects (__tests__/fixtures/
 * schema-corpus, recorded with the validator as it was before the cache), the violations are
 * exactly the recorded ones with validators compiled into an empty cache, loaded back from that
 * cache (with and without V8's code cache), compiled in memory, and recompiled over a damaged file;
 * and with the accepted objects remembered (an object a validator accepted is not validated again).
 *
 * Compiling every validator is the costly part (seconds): it is done once, into `cacheDir`, by the
 * test whose subject it is. The passes test starts from a copy of those compiled validators
 * (without the remembered acceptances) and their V8 code caches: its runs are the ones that load
 * the validators with the code cache. The in-memory validator is built once for the tests that
 * compare against it, and they use only kinds it has compiled already (Services).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CEL_NOT_CHECKED, SchemaValidator, SchemaViolation } from '../../validation-plugin/src/schema-validator';
import { VIOLATIONS_FILE, corpus, readSeeds } from '../fixtures/schema-corpus/corpus';

const objects = corpus(readSeeds());
const expected = JSON.parse(fs.readFileSync(VIOLATIONS_FILE, 'utf-8')) as SchemaViolation[];
let cacheDir: string;
beforeAll(() => { cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-expose-validators-')); });
afterAll(() => fs.rmSync(cacheDir, { recursive: true, force: true }));

/**
 * Whether a violation comes from the CRDs' CEL rules (issue 21: evaluated after the schema; worded
 * as the API server words them, which no schema message is) rather than from the schema validators
 * this corpus was recorded with. CEL has its own tests (cel-*.test.ts).
 */
function fromCel(v: SchemaViolation): boolean {
  return v.message === CEL_NOT_CHECKED || /^(Invalid value|Forbidden|Required value|Duplicate value): /.test(v.message);
}

/**
 * Violations as JSON text, one line each (undefined fields dropped, as the recorded file has them):
 * equal texts are an exact comparison (stricter than toEqual: key order too), a mismatch is shown
 * as a line diff, and comparing ~2300 violations costs a string comparison instead of toEqual's
 * deep walk (~0.07 CPU-s each).
 */
function asLines(v: readonly unknown[]): string {
  return v.map(x => JSON.stringify(x)).join('\n');
}

/** The schema violations (CEL's left out) as the recorded ones are written, for an exact comparison. */
function asRecorded(v: SchemaViolation[]): string {
  return asLines(v.filter(x => !fromCel(x)));
}
const expectedLines = asLines(expected);

/** A validator compiled in memory (no cache, so no remembered acceptances), built on first use. */
let memory: SchemaValidator | undefined;
function inMemory(): SchemaValidator {
  memory ??= new SchemaValidator({ cacheDir: false });
  return memory;
}

/** A new cache directory holding `cacheDir`'s compiled validators, indexes and code caches, but no passes. */
function copyOfCompiledValidators(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-expose-passes-'));
  for (const f of fs.readdirSync(cacheDir)) {
    if (f !== 'passes.json' && !f.endsWith('.tmp')) fs.copyFileSync(path.join(cacheDir, f), path.join(dir, f));
  }
  return dir;
}

test('the recorded schema violations never look like CEL ones (so leaving CEL out of the comparison hides none)', () => {
  expect(expected.filter(fromCel)).toEqual([]);
});

test('the corpus covers many kinds of violation', () => {
  expect(objects.length).toBeGreaterThan(1000);
  expect(new Set(expected.map(v => v.message.replace(/"[^"]*"|[0-9.]+/g, 'X'))).size).toBeGreaterThan(30);
});

test('compiled into an empty cache, then loaded from it: exactly the recorded violations', () => {
  const cold = new SchemaValidator({ cacheDir });
  expect(asRecorded(cold.validate(objects))).toBe(expectedLines);
  expect(cold.compiledCount).toBeGreaterThan(0);
  expect(fs.readdirSync(cacheDir).filter(f => f.endsWith('.js')).length).toBe(cold.compiledCount);

  const warm = new SchemaValidator({ cacheDir });
  expect(asRecorded(warm.validate(objects))).toBe(expectedLines);
  expect(warm.compiledCount).toBe(0);

  // V8's code cache was written by the warm run; the runs of the passes test below load the
  // validators with it (from a copy of this directory), with and without the passes.
  expect(fs.readdirSync(cacheDir).some(f => f.endsWith('.jsc'))).toBe(true);
});

test('a CRD validator is compiled once for both Kubernetes versions when its schemas are identical', () => {
  const v = new SchemaValidator({ cacheDir });
  const index = (v as unknown as { index: { crds: Record<string, { validators: Record<string, string> }> } }).index;
  const certificate = index.crds['cert-manager.io/v1/Certificate'];
  expect(new Set(Object.values(certificate.validators)).size).toBe(1);
});

test('compiled in memory (no cache), and with a damaged cache file: the same violations', () => {
  // the seeds' own kinds: a Service and its mutations
  const sample = objects.map((o, i) => ({ o, i })).filter(({ o }) => (o as { kind?: string } | null)?.kind === 'Service');
  const want = expected.filter(v => sample.some(s => s.i === v.index));
  const items = sample.map(({ o, i }) => ({ object: o, index: i }));
  expect(asRecorded(inMemory().validate(items))).toBe(asLines(want));

  const index = (new SchemaValidator({ cacheDir }) as unknown as { index: { native: Record<string, Record<string, { validator: string }>> } }).index;
  const id = index.native['v1.27.0']['v1/Service'].validator;
  fs.writeFileSync(path.join(cacheDir, `${id}.js`), 'syntax error(');
  fs.writeFileSync(path.join(cacheDir, `${id}.jsc`), 'garbage');
  const damaged = new SchemaValidator({ cacheDir });
  expect(asRecorded(damaged.validate(items))).toBe(asLines(want));
  expect(damaged.compiledCount).toBe(1);
});

test('objects accepted before are not validated again; the violations stay exactly the recorded ones', () => {
  // the validators compiled above, without their passes: this run validates every object again
  const dir = copyOfCompiledValidators();
  try {
    expect(fs.existsSync(path.join(dir, 'passes.json'))).toBe(false);
    // the compiled validators' V8 code caches came along: these runs load the validators with them
    expect(fs.readdirSync(dir).filter(f => f.endsWith('.jsc')).length).toBeGreaterThan(0);
    const first = new SchemaValidator({ cacheDir: dir });
    expect(asRecorded(first.validate(objects))).toBe(expectedLines);
    expect(first.compiledCount).toBe(0);
    expect(fs.existsSync(path.join(dir, 'passes.json'))).toBe(true);
    // again, the accepted ones from the passes: the same violations
    expect(asRecorded(new SchemaValidator({ cacheDir: dir }).validate(objects))).toBe(expectedLines);

    // built-in objects without any violation load no validator at all (some CRD validators reject
    // in ways that are not violations, such as an anyOf branch, so they are validated each time)
    const broken = new Set(expected.map(v => v.index));
    const valid = objects.map((o, i) => ({ object: o, index: i }))
      .filter(({ object, index }) => !broken.has(index) && !String((object as { apiVersion?: unknown } | null)?.apiVersion).includes('.'));
    expect(valid.length).toBeGreaterThan(0);
    const warm = new SchemaValidator({ cacheDir: dir });
    expect(warm.validate(valid)).toEqual([]);
    expect((warm as unknown as { validators: Map<string, unknown> }).validators.size).toBe(0);

    // a value JSON cannot say (undefined) is never taken from the passes (an accepted Service: the
    // in-memory validator has compiled the Service validators already)
    const accepted = valid.find(({ object }) => (object as { kind?: string }).kind === 'Service')!.object as Record<string, unknown>;
    const withUndefined = { ...accepted, metadata: { ...(accepted.metadata as object), unknownField: undefined } };
    const cold = inMemory().validate([withUndefined]);
    expect(new SchemaValidator({ cacheDir: dir }).validate([withUndefined])).toEqual(cold);

    fs.writeFileSync(path.join(dir, 'passes.json'), '["truncated');
    expect(asRecorded(new SchemaValidator({ cacheDir: dir }).validate(objects))).toBe(expectedLines);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
