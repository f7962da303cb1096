/**
 * The CEL environment of CRD validation rules: @bufbuild/cel (CEL's standard definitions, the
 * strings extension) plus the Kubernetes CEL libraries, written here from their documentation
 * (https://kubernetes.io/docs/reference/using-api/cel/) and k8s.io/apiserver/pkg/cel/library:
 * lists (isSorted, sum, min, max, indexOf, lastIndexOf), regex (find, findAll), sets
 * (sets.contains, sets.equivalent, sets.intersects), strings (reverse, strings.quote, beside the
 * extension's charAt, indexOf, join, lowerAscii, replace, split, substring, trim, upperAscii,
 * format), IP/CIDR/URL (cel-net.ts), quantity and semver (cel-quantity.ts), format with the
 * optional values its validate() returns (cel-format.ts). Not provided: CEL optional syntax
 * (`?.`, `[?`), two-variable comprehensions (docs/validation.md). Regexes are RE2 (@bufbuild/re2, a port of
 * RE2/J), compiled once per pattern.
 */
import type { CelEnv, CelFunc, CelList, CelValue } from '@bufbuild/cel';
import { formatFuncs } from './cel-format';
import { netFuncs } from './cel-net';
import { quantitySemverFuncs } from './cel-quantity';

type Cel = typeof import('@bufbuild/cel');

/** Order of CEL values of one comparable kind (int, uint, double, string, bool, bytes, duration, timestamp). */
function compare(a: CelValue, b: CelValue): number {
  const key = (v: CelValue): unknown => {
    if (v instanceof Uint8Array) return Buffer.from(v).toString('latin1');
    if (typeof v === 'object' && v !== null && 'value' in v && typeof (v as { value: unknown }).value === 'bigint') return (v as { value: bigint }).value; // uint
    return v;
  };
  const x = key(a); const y = key(b);
  if (typeof x !== typeof y || (typeof x === 'object' && x !== null)) throw new Error('no such overload: values are not comparable');
  return (x as number) < (y as number) ? -1 : (x as number) > (y as number) ? 1 : 0;
}

function listFuncs(cel: Cel): CelFunc[] {
  const { celMethod, CelScalar: S, listType } = cel;
  const L = listType(S.DYN);
  const items = (l: CelList): CelValue[] => [...l];
  const extreme = (sign: number) => function (this: CelList): CelValue {
    const all = items(this);
    if (all.length === 0) throw new Error(`${sign < 0 ? 'min' : 'max'}() cannot be called on an empty list`);
    return all.reduce((m, v) => compare(v, m) * sign > 0 ? v : m);
  };
  const position = (last: boolean) => function (this: CelList, x: CelValue): bigint {
    const all = items(this);
    const eq = (v: CelValue) => cel.run('a == b', { a: v, b: x }) === true;
    const i = last ? all.map(eq).lastIndexOf(true) : all.findIndex(eq);
    return BigInt(i);
  };
  return [
    celMethod('isSorted', L, [], S.BOOL, function () { const a = items(this); return a.every((v, i) => i === 0 || compare(a[i - 1], v) <= 0); }),
    celMethod('sum', L, [], S.DYN, function () {
      const a = items(this);
      if (a.length === 0) return 0n;
      return a.reduce((s, v) => {
        if (typeof s === 'bigint' && typeof v === 'bigint') return s + v;
        if (typeof s === 'number' && typeof v === 'number') return s + v;
        throw new Error('no such overload: sum() of mixed or non-numeric values');
      });
    }),
    celMethod('min', L, [], S.DYN, extreme(-1)),
    celMethod('max', L, [], S.DYN, extreme(1)),
    celMethod('indexOf', L, [S.DYN], S.INT, position(false)),
    celMethod('lastIndexOf', L, [S.DYN], S.INT, position(true)),
  ];
}

function setFuncs(cel: Cel): CelFunc[] {
  const { celFunc, CelScalar: S, listType } = cel;
  const L = listType(S.DYN);
  const has = (l: CelList, x: CelValue) => [...l].some(v => cel.run('a == b', { a: v, b: x }) === true);
  return [
    celFunc('sets.contains', [L, L], S.BOOL, (a, b) => [...b].every(x => has(a, x))),
    celFunc('sets.equivalent', [L, L], S.BOOL, (a, b) => [...b].every(x => has(a, x)) && [...a].every(x => has(b, x))),
    celFunc('sets.intersects', [L, L], S.BOOL, (a, b) => [...b].some(x => has(a, x))),
  ];
}

function stringFuncs(cel: Cel, regex: (pattern: string) => RegExpLike): CelFunc[] {
  const { celFunc, celMethod, celList, CelScalar: S, listType } = cel;
  const findAll = (s: string, pattern: string, limit: number): string[] => {
    const out: string[] = [];
    const re = regex(pattern);
    let rest = 0;
    while (rest <= s.length && (limit < 0 || out.length < limit)) {
      const m = re.find(s, rest);
      if (!m) break;
      out.push(m.text);
      rest = m.end > m.start ? m.end : m.end + 1;
    }
    return out;
  };
  return [
    celMethod('find', S.STRING, [S.STRING], S.STRING, function (p) { return findAll(this, p, 1)[0] ?? ''; }),
    celMethod('findAll', S.STRING, [S.STRING], listType(S.STRING), function (p) { return celList(findAll(this, p, -1)); }),
    celMethod('findAll', S.STRING, [S.STRING, S.INT], listType(S.STRING), function (p, n) { return celList(findAll(this, p, Number(n))); }),
    celMethod('reverse', S.STRING, [], S.STRING, function () { return [...this].reverse().join(''); }),
    celFunc('strings.quote', [S.STRING], S.STRING, s => JSON.stringify(s)),
  ];
}

interface RegExpLike { find(s: string, from: number): { start: number; end: number; text: string } | undefined; test(s: string): boolean }

/**
 * Regexes of `matches`, `find`, `findAll`: RE2 syntax and `matches` semantics from @bufbuild/re2;
 * the match positions of `find`/`findAll` from a JavaScript RegExp of the same (RE2-checked)
 * pattern, as @bufbuild/re2 exposes no positions. Compiled once per pattern.
 */
function re2Cache(): (pattern: string) => RegExpLike {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded with CEL only
  const { RE2JS } = require('@bufbuild/re2') as { RE2JS: { compile(p: string): { test(s: string): boolean } } };
  const cache = new Map<string, RegExpLike>();
  return pattern => {
    let re = cache.get(pattern);
    if (!re) {
      const compiled = RE2JS.compile(pattern);
      let js: RegExp | undefined;
      re = {
        test: s => compiled.test(s),
        find: (s, from) => {
          js ??= new RegExp(pattern, 'gu');
          js.lastIndex = from;
          const m = js.exec(s);
          return m ? { start: m.index, end: m.index + m[0].length, text: m[0] } : undefined;
        },
      };
      cache.set(pattern, re);
    }
    return re;
  };
}

/** The CEL environment of CRD rules (one per process: it holds the regex cache). */
export function kubernetesCelEnv(cel: Cel): CelEnv {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded with CEL only
  const { strings } = require('@bufbuild/cel/ext') as { strings: CelFunc[] };
  const regex = re2Cache();
  return cel.celEnv({
    funcs: [...strings, ...listFuncs(cel), ...setFuncs(cel), ...stringFuncs(cel, regex), ...netFuncs(cel),
      ...quantitySemverFuncs(cel), ...formatFuncs(cel)],
    re2: { compile: pattern => regex(pattern) },
  });
}
