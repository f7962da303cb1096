/**
 * Kubernetes' CEL quantity and semver libraries (k8s.io/apiserver v0.36.3 pkg/cel/library
 * quantity.go, semverlib.go; the parsing of k8s.io/apimachinery v0.36.3 pkg/api/resource
 * quantity.go, amount.go and of github.com/blang/semver/v4), our own code. As in cel-net.ts a
 * quantity or semver is a one-entry CEL map whose key names the type and whose value is the
 * canonical text of its value, so `==` compares values as Kubernetes' Equal does
 * (`quantity('200M') == quantity('0.2G')`). A quantity also remembers how Kubernetes holds it
 * (an int64 with a decimal scale, or an arbitrary-precision decimal), because `isInteger`,
 * `asInteger` and `asApproximateFloat` answer from that (`quantity('1000m').isInteger()` is false).
 */
import type { CelFunc, CelMap } from '@bufbuild/cel';

type Cel = typeof import('@bufbuild/cel');

export const QUANTITY_KEY = '\u0000k8s.quantity';
export const SEMVER_KEY = '\u0000k8s.semver';

/** resource.Quantity's two representations: int64Amount (value * 10^scale) or inf.Dec (unscaled * 10^-scale). */
export type Amount = { readonly kind: 'int'; readonly value: bigint; readonly scale: number }
| { readonly kind: 'dec'; readonly unscaled: bigint; readonly scale: number };

const INT64_MAX = 2n ** 63n - 1n;
const INT64_MIN = -(2n ** 63n);
const fitsInt64 = (v: bigint) => v >= INT64_MIN && v <= INT64_MAX;
const DECIMAL: Record<string, number> = { 'n': -9, 'u': -6, 'm': -3, '': 0, 'k': 3, 'M': 6, 'G': 9, 'T': 12, 'P': 15, 'E': 18 };
const BINARY: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const FORMAT_WRONG = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

function interpret(suffix: string): { base: 2 | 10; exponent: number; binary: boolean; exp: boolean } | undefined {
  if (suffix in DECIMAL) return { base: 10, exponent: DECIMAL[suffix], binary: false, exp: false };
  if (suffix in BINARY) return { base: 2, exponent: BINARY[suffix], binary: true, exp: false };
  if (suffix.length > 1 && /^[eE][-+]?\d+$/.test(suffix)) {
    const p = BigInt(suffix.slice(1));
    return fitsInt64(p) ? { base: 10, exponent: Number(BigInt.asIntN(32, p)), binary: false, exp: true } : undefined;
  }
  return undefined;
}

/** resource.ParseQuantity: the value and the representation it picks; throws with its error words. */
export function parseQuantity(str: string): Amount {
  if (str === '') throw new Error(FORMAT_WRONG);
  const m = /^([+-]?)0*([0-9]*)(?:\.([0-9]*))?([eEinumkKMGTP]*[-+]?[0-9]*)$/.exec(str);
  if (!m) throw new Error(FORMAT_WRONG);
  const negative = m[1] === '-';
  const num = m[2] || '0';
  const denom = m[3] ?? '';
  const suf = interpret(m[4]);
  if (!suf) throw new Error("unable to parse quantity's suffix");
  let precision: number;
  let scale = 0;
  let mantissa = 1n;
  if (!suf.binary) {
    scale = suf.exponent;
    precision = 18 - (num.length + denom.length);
  } else if (denom.length === 0) {
    mantissa = 1n << BigInt(suf.exponent);
    precision = 15 - num.length - Math.trunc(suf.exponent * 3 / 10) - 1;
  } else {
    precision = -1;
  }
  if (precision >= 0 && scale - denom.length >= -9) {
    const result = BigInt(num + denom) * mantissa;
    if (fitsInt64(result)) return { kind: 'int', value: negative ? -result : result, scale: scale - denom.length };
  }
  let unscaled = BigInt(num + denom);
  let decScale = denom.length;
  if (suf.base === 10) decScale -= suf.exponent;
  else unscaled *= 1n << BigInt(suf.exponent);
  if (unscaled !== 0n) [unscaled, decScale] = [roundUp(unscaled, decScale, 9), 9];
  if (suf.binary && compareExact(unscaled, -decScale, INT64_MAX, 0) > 0) [unscaled, decScale] = [INT64_MAX, 0];
  return { kind: 'dec', unscaled: negative ? -unscaled : unscaled, scale: decScale };
}

/** A non-negative unscaled value at `scale` moved to scale `to`, rounded away from zero (inf.RoundUp). */
function roundUp(unscaled: bigint, scale: number, to: number): bigint {
  if (scale <= to) return unscaled * 10n ** BigInt(to - scale);
  const d = 10n ** BigInt(scale - to);
  return (unscaled + d - 1n) / d;
}

/** The value as (v, e) with value = v * 10^e. */
function exact(a: Amount): [bigint, number] {
  return a.kind === 'int' ? [a.value, a.scale] : [a.unscaled, -a.scale];
}

function compareExact(v1: bigint, e1: number, v2: bigint, e2: number): number {
  const e = Math.min(e1, e2);
  const x = v1 * 10n ** BigInt(e1 - e); const y = v2 * 10n ** BigInt(e2 - e);
  return x < y ? -1 : x > y ? 1 : 0;
}

export function compareQuantity(a: Amount, b: Amount): number {
  return compareExact(...exact(a), ...exact(b));
}

/** The canonical text of a quantity's value (v, or v then 'e' and the power of ten), for `==`. */
export function quantityKey(a: Amount): string {
  let [v, e] = exact(a);
  if (v === 0n) return '0';
  while (v % 10n === 0n) { v /= 10n; e++; }
  return e === 0 ? String(v) : `${v}e${e}`;
}

function toDec(a: Amount): { unscaled: bigint; scale: number } {
  return a.kind === 'dec' ? a : { unscaled: a.value, scale: -a.scale };
}

/** Quantity.Add: int64Amount.Add when both are int64 amounts and nothing overflows, else inf.Dec. */
export function addQuantity(a: Amount, b: Amount): Amount {
  if (a.kind === 'int' && b.kind === 'int') {
    if (b.value === 0n) return a;
    if (a.value === 0n) return b;
    const scale = Math.min(a.scale, b.scale);
    const x = a.value * 10n ** BigInt(a.scale - scale); const y = b.value * 10n ** BigInt(b.scale - scale);
    if (fitsInt64(x) && fitsInt64(y) && fitsInt64(x + y)) return { kind: 'int', value: x + y, scale };
  }
  const x = toDec(a); const y = toDec(b);
  const scale = Math.max(x.scale, y.scale);
  const unscaled = x.unscaled * 10n ** BigInt(scale - x.scale) + y.unscaled * 10n ** BigInt(scale - y.scale);
  return { kind: 'dec', unscaled, scale };
}

export function negateQuantity(a: Amount): Amount {
  return a.kind === 'int' ? { ...a, value: -a.value } : { ...a, unscaled: -a.unscaled };
}

/** Quantity.AsInt64: only an int64 amount with a non-negative scale that fits. */
export function quantityAsInt64(a: Amount): bigint | undefined {
  if (a.kind !== 'int' || a.scale < 0) return undefined;
  const v = a.value * 10n ** BigInt(a.scale);
  return fitsInt64(v) ? v : undefined;
}

/** Go's math.Pow10 (table of powers below 32 times powers of 1e32). */
function pow10(n: number): number {
  if (n > 308) return Infinity;
  if (n < -323) return 0;
  const p = (k: number) => Number(`1e${k % 32}`) * Number(`1e${32 * Math.floor(k / 32)}`);
  return n >= 0 ? p(n) : 1 / p(-n);
}

/** Quantity.AsApproximateFloat64. */
export function quantityAsFloat(a: Amount): number {
  const [base, exponent] = a.kind === 'int' ? [Number(a.value), a.scale] : [Number(a.unscaled), -a.scale];
  return exponent === 0 ? base : base * pow10(exponent);
}

/** semver.Version of github.com/blang/semver/v4 (build metadata kept out: it does not take part in compare or ==). */
export interface Semver { readonly major: bigint; readonly minor: bigint; readonly patch: bigint; readonly pre: readonly string[] }

function semverNumber(s: string, what: string): bigint {
  if (!/^[0-9]+$/.test(s)) throw new Error(`Invalid character(s) found in ${what} number "${s}"`);
  if (s.length > 1 && s.startsWith('0')) throw new Error(`${what[0].toUpperCase()}${what.slice(1)} number must not contain leading zeroes "${s}"`);
  return BigInt(s);
}

/** semver.Parse (blang/semver v4), with its error words. */
export function parseSemver(s: string): Semver {
  if (s === '') throw new Error('Version string empty');
  const parts = s.split('.');
  if (parts.length < 3) throw new Error('No Major.Minor.Patch elements found');
  let patch = parts.slice(2).join('.');
  let pre: string[] = [];
  const plus = patch.indexOf('+');
  if (plus >= 0) {
    const build = patch.slice(plus + 1).split('.');
    for (const b of build) {
      if (b === '') throw new Error('Build meta data is empty');
      if (!/^[0-9A-Za-z-]+$/.test(b)) throw new Error(`Invalid character(s) found in build meta data "${b}"`);
    }
    patch = patch.slice(0, plus);
  }
  const dash = patch.indexOf('-');
  if (dash >= 0) {
    pre = patch.slice(dash + 1).split('.');
    for (const p of pre) {
      if (p === '') throw new Error('Prerelease is empty');
      if (/^[0-9]+$/.test(p) && p.length > 1 && p.startsWith('0')) throw new Error(`Version part must not contain leading zeroes "${p}"`);
      if (!/^[0-9A-Za-z-]+$/.test(p)) throw new Error(`Invalid character(s) found in prerelease "${p}"`);
    }
    patch = patch.slice(0, dash);
  }
  return { major: semverNumber(parts[0], 'major'), minor: semverNumber(parts[1], 'minor'), patch: semverNumber(patch, 'patch'), pre };
}

/** semverlib.go normalizeAndParse: no leading "v", missing minor/patch as 0, leading zeros removed. */
export function parseSemverNormalized(input: string): Semver {
  const s = input.startsWith('v') ? input.slice(1) : input;
  const all = s.split('.');
  const parts = all.length > 3 ? [...all.slice(0, 2), all.slice(2).join('.')] : all; // strings.SplitN(s, ".", 3)
  const trimmed = parts.map(p => {
    if (p.length <= 1) return p;
    const t = p.replace(/^0+/, '');
    return t === '' || !/^[0-9]/.test(t) ? `0${t}` : t;
  });
  if (trimmed.length < 3) {
    if (/[+-]/.test(trimmed[trimmed.length - 1])) throw new Error('short version cannot contain PreRelease/Build meta data');
    while (trimmed.length < 3) trimmed.push('0');
  }
  return parseSemver(trimmed.join('.'));
}

export function compareSemver(a: Semver, b: Semver): number {
  for (const k of ['major', 'minor', 'patch'] as const) if (a[k] !== b[k]) return a[k] < b[k] ? -1 : 1;
  if (a.pre.length === 0 || b.pre.length === 0) return a.pre.length === b.pre.length ? 0 : a.pre.length === 0 ? 1 : -1;
  for (let i = 0; i < Math.min(a.pre.length, b.pre.length); i++) {
    const x = a.pre[i]; const y = b.pre[i];
    const xn = /^[0-9]+$/.test(x); const yn = /^[0-9]+$/.test(y);
    if (xn && yn) { if (BigInt(x) !== BigInt(y)) return BigInt(x) < BigInt(y) ? -1 : 1; } else if (xn !== yn) return xn ? -1 : 1;
    else if (x !== y) return x < y ? -1 : 1;
  }
  return a.pre.length === b.pre.length ? 0 : a.pre.length < b.pre.length ? -1 : 1;
}

export function semverKey(v: Semver): string {
  return `${v.major}.${v.minor}.${v.patch}${v.pre.length ? `-${v.pre.join('.')}` : ''}`;
}

/** quantity(), isQuantity(), semver(), isSemver() and the methods of both types. */
export function quantitySemverFuncs(cel: Cel): CelFunc[] {
  const { celFunc, celMethod, celMap, CelScalar: S, mapType } = cel;
  const M = mapType(S.STRING, S.DYN);
  const amounts = new WeakMap<object, Amount>(); // how Kubernetes holds the quantity (see the module comment)
  const quantity = (a: Amount): CelMap => {
    const m = celMap(new Map([[QUANTITY_KEY, quantityKey(a)]]));
    amounts.set(m, a);
    return m;
  };
  const amountOf = (m: CelMap): Amount => {
    const known = amounts.get(m);
    if (known) return known;
    const key = m.get(QUANTITY_KEY);
    if (typeof key !== 'string') throw new Error('no such overload');
    return parseQuantity(key); // a quantity built outside quantity() (not expected)
  };
  const semverOf = (m: CelMap): Semver => {
    const key = m.get(SEMVER_KEY);
    if (typeof key !== 'string') throw new Error('no such overload');
    return parseSemver(key);
  };
  const semver = (v: Semver): CelMap => celMap(new Map([[SEMVER_KEY, semverKey(v)]]));
  const ok = (f: () => unknown): boolean => {
    try {
      f();
      return true;
    } catch {
      return false;
    }
  };
  const compare = (a: CelMap, b: CelMap): number => {
    if (a.has(QUANTITY_KEY) && b.has(QUANTITY_KEY)) return compareQuantity(amountOf(a), amountOf(b));
    if (a.has(SEMVER_KEY) && b.has(SEMVER_KEY)) return compareSemver(semverOf(a), semverOf(b));
    throw new Error('no such overload');
  };
  const arith = (sign: 1 | -1) => function (this: CelMap, other: unknown): CelMap {
    if (typeof other !== 'bigint' && !(other instanceof Object && 'has' in other && (other as CelMap).has(QUANTITY_KEY))) throw new Error('no such overload');
    const b = typeof other === 'bigint' ? { kind: 'int' as const, value: other, scale: 0 } : amountOf(other as CelMap);
    return quantity(addQuantity(amountOf(this), sign > 0 ? b : negateQuantity(b)));
  };
  return [
    celFunc('quantity', [S.STRING], M, s => quantity(parseQuantity(s))),
    celFunc('isQuantity', [S.STRING], S.BOOL, s => ok(() => parseQuantity(s))),
    celFunc('sign', [M], S.INT, m => { const [v] = exact(amountOf(m)); return BigInt(v > 0n ? 1 : v < 0n ? -1 : 0); }),
    celMethod('sign', M, [], S.INT, function () { const [v] = exact(amountOf(this)); return BigInt(v > 0n ? 1 : v < 0n ? -1 : 0); }),
    celMethod('isInteger', M, [], S.BOOL, function () { return quantityAsInt64(amountOf(this)) !== undefined; }),
    celMethod('asInteger', M, [], S.INT, function () {
      const v = quantityAsInt64(amountOf(this));
      if (v === undefined) throw new Error('cannot convert value to integer');
      return v;
    }),
    celMethod('asApproximateFloat', M, [], S.DOUBLE, function () { return quantityAsFloat(amountOf(this)); }),
    celMethod('add', M, [S.DYN], M, arith(1)),
    celMethod('sub', M, [S.DYN], M, arith(-1)),
    celFunc('semver', [S.STRING], M, s => semver(parseSemver(s))),
    celFunc('semver', [S.STRING, S.BOOL], M, (s, n) => semver(n ? parseSemverNormalized(s) : parseSemver(s))),
    celFunc('isSemver', [S.STRING], S.BOOL, s => ok(() => parseSemver(s))),
    celFunc('isSemver', [S.STRING, S.BOOL], S.BOOL, (s, n) => ok(() => n ? parseSemverNormalized(s) : parseSemver(s))),
    ...(['major', 'minor', 'patch'] as const).map(k => celMethod(k, M, [], S.INT, function () { return semverOf(this)[k]; })),
    celMethod('isGreaterThan', M, [M], S.BOOL, function (o) { return compare(this, o) === 1; }),
    celMethod('isLessThan', M, [M], S.BOOL, function (o) { return compare(this, o) === -1; }),
    celMethod('compareTo', M, [M], S.INT, function (o) { return BigInt(compare(this, o)); }),
  ];
}
