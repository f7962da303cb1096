/**
 * Kubernetes' CEL IP, CIDR and URL libraries (k8s.io/apiserver/pkg/cel/library ip.go, cidr.go,
 * urls.go), our own code. Kubernetes gives these opaque types; here an IP, CIDR or URL value is a
 * one-entry CEL map whose key names the type (a key no JSON object of a CRD can hold), so that
 * `==` compares canonical forms and the methods below find their receiver.
 */
import * as net from 'net';
import type { CelFunc, CelList, CelMap } from '@bufbuild/cel';

type Cel = typeof import('@bufbuild/cel');

export const IP_KEY = '\u0000k8s.ip';
export const CIDR_KEY = '\u0000k8s.cidr';
export const URL_KEY = '\u0000k8s.url';

/** An IP as Kubernetes' `ip()` accepts it: no zone, no IPv4-mapped IPv6, no leading zeros (netip.ParseAddr). */
export function parseIp(s: string): { family: 4 | 6; bytes: number[] } | undefined {
  if (s.includes('%')) return undefined;
  if (net.isIPv4(s)) {
    const parts = s.split('.');
    if (parts.some(p => p.length > 1 && p.startsWith('0'))) return undefined;
    return { family: 4, bytes: parts.map(Number) };
  }
  if (!net.isIPv6(s)) return undefined;
  const bytes = ipv6Bytes(s);
  if (bytes.slice(0, 10).every(b => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff) return undefined; // IPv4-mapped
  return { family: 6, bytes };
}

function ipv6Bytes(s: string): number[] {
  let text = s;
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4) {
    const b = v4[1].split('.').map(Number);
    text = `${text.slice(0, -v4[1].length)}${((b[0] << 8) | b[1]).toString(16)}:${((b[2] << 8) | b[3]).toString(16)}`;
  }
  const [head, tail] = text.includes('::') ? text.split('::') : [text, undefined];
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = tail === undefined ? h : [...h, ...Array<string>(8 - h.length - t.length).fill('0'), ...t];
  return groups.flatMap(g => { const n = parseInt(g, 16); return [n >> 8, n & 0xff]; });
}

/** The canonical text of an IP (RFC 5952 for IPv6), as Go's netip.Addr.String(). */
export function formatIp(ip: { family: 4 | 6; bytes: number[] }): string {
  if (ip.family === 4) return ip.bytes.join('.');
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push((ip.bytes[i] << 8) | ip.bytes[i + 1]);
  let best = -1; let bestLen = 1;
  for (let i = 0; i < 8;) {
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) { best = i; bestLen = j - i; }
    i = j === i ? i + 1 : j;
  }
  const hex = groups.map(g => g.toString(16));
  if (best < 0) return hex.join(':');
  return `${hex.slice(0, best).join(':')}::${hex.slice(best + bestLen).join(':')}`;
}

export function parseCidr(s: string): { ip: { family: 4 | 6; bytes: number[] }; prefix: number } | undefined {
  const slash = s.indexOf('/');
  if (slash < 0) return undefined;
  const ip = parseIp(s.slice(0, slash));
  const p = s.slice(slash + 1);
  if (!ip || !/^(0|[1-9]\d{0,2})$/.test(p) || Number(p) > ip.bytes.length * 8) return undefined;
  return { ip, prefix: Number(p) };
}

function masked(ip: { family: 4 | 6; bytes: number[] }, prefix: number): { family: 4 | 6; bytes: number[] } {
  const byte = (b: number, i: number) => {
    const bits = Math.max(0, Math.min(8, prefix - i * 8));
    return b & ((0xff << (8 - bits)) & 0xff);
  };
  return { family: ip.family, bytes: ip.bytes.map(byte) };
}

function contains(c: { ip: { family: 4 | 6; bytes: number[] }; prefix: number }, ip: { family: 4 | 6; bytes: number[] }): boolean {
  return c.ip.family === ip.family && formatIp(masked(c.ip, c.prefix)) === formatIp(masked(ip, c.prefix));
}

export function parseUrl(s: string): URL | undefined {
  // url() accepts what Go's url.ParseRequestURI accepts: an absolute URI or an absolute path.
  if (!s.startsWith('/') && !/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(s)) return undefined;
  try {
    return s.startsWith('/') ? new URL(s, 'http://relative.invalid') : new URL(s);
  } catch {
    return undefined;
  }
}

/** The IP predicates of Kubernetes' IP library, as net/netip answers them. */
const isLinkLocalUnicast = (ip: { family: 4 | 6; bytes: number[] }) => ip.family === 4
  ? ip.bytes[0] === 169 && ip.bytes[1] === 254 : ip.bytes[0] === 0xfe && (ip.bytes[1] & 0xc0) === 0x80;
const ipTests: [string, (ip: { family: 4 | 6; bytes: number[] }) => boolean][] = [
  ['isUnspecified', ip => ip.bytes.every(b => b === 0)],
  ['isLoopback', ip => ip.family === 4 ? ip.bytes[0] === 127 : formatIp(ip) === '::1'],
  ['isLinkLocalMulticast', ip => ip.family === 4 ? ip.bytes[0] === 224 && ip.bytes[1] === 0 && ip.bytes[2] === 0
    : ip.bytes[0] === 0xff && (ip.bytes[1] & 0x0f) === 0x02],
  ['isLinkLocalUnicast', isLinkLocalUnicast],
  ['isGlobalUnicast', ip => !ip.bytes.every(b => b === 0) && !(ip.family === 4 ? ip.bytes[0] === 127 || ip.bytes[0] >= 224 || ip.bytes.every(b => b === 255)
    : formatIp(ip) === '::1' || ip.bytes[0] === 0xff) && !isLinkLocalUnicast(ip)],
];
const urlGetters: [string, (u: { text: string; url: URL }) => string][] = [
  ['getScheme', u => u.text.startsWith('/') ? '' : u.url.protocol.slice(0, -1)],
  ['getHost', u => u.text.startsWith('/') ? '' : u.url.host],
  ['getHostname', u => u.text.startsWith('/') ? '' : u.url.hostname.replace(/^\[(.*)\]$/, '$1')],
  ['getPort', u => u.text.startsWith('/') ? '' : u.url.port],
  ['getEscapedPath', u => u.url.pathname],
];

/** The IP/CIDR/URL functions and methods. */
export function netFuncs(cel: Cel): CelFunc[] {
  const { celFunc, celMethod, celMap, CelScalar: S, mapType, listType } = cel;
  const M = mapType(S.STRING, S.DYN);
  const wrap = (key: string, text: string) => celMap(new Map([[key, text]]));
  const unwrap = (m: CelMap, key: string): string => {
    const v = m.get(key);
    if (typeof v !== 'string') throw new Error('no such overload');
    return v;
  };
  const ipOf = (m: CelMap) => parseIp(unwrap(m, IP_KEY))!;
  const cidrOf = (m: CelMap) => parseCidr(unwrap(m, CIDR_KEY))!;
  const urlOf = (m: CelMap) => { const t = unwrap(m, URL_KEY); return { text: t, url: parseUrl(t)! }; };
  const ipArg = (v: string | CelMap) => {
    const ip = typeof v === 'string' ? parseIp(v) : ipOf(v);
    if (!ip) throw new Error(`IP Address '${String(v)}' parse error during conversion from string`);
    return ip;
  };
  return [
    celFunc('isIP', [S.STRING], S.BOOL, s => parseIp(s) !== undefined),
    celFunc('ip', [S.STRING], M, s => wrap(IP_KEY, formatIp(ipArg(s)))),
    celFunc('ip.isCanonical', [S.STRING], S.BOOL, s => formatIp(ipArg(s)) === s),
    celMethod('family', M, [], S.INT, function () { return BigInt(ipOf(this).family); }),
    ...ipTests.map(([name, test]) => celMethod(name, M, [], S.BOOL, function () { return test(ipOf(this)); })),
    celFunc('isCIDR', [S.STRING], S.BOOL, s => parseCidr(s) !== undefined),
    celFunc('cidr', [S.STRING], M, s => {
      const c = parseCidr(s);
      if (!c) throw new Error(`network address parse error during conversion from string: ${s}`);
      return wrap(CIDR_KEY, `${formatIp(c.ip)}/${c.prefix}`);
    }),
    celMethod('containsIP', M, [S.DYN], S.BOOL, function (v) { return contains(cidrOf(this), ipArg(v as string | CelMap)); }),
    celMethod('containsCIDR', M, [S.DYN], S.BOOL, function (v) {
      const outer = cidrOf(this);
      const inner = typeof v === 'string' ? parseCidr(v) : cidrOf(v as CelMap);
      if (!inner) throw new Error(`network address parse error during conversion from string: ${String(v)}`);
      return inner.prefix >= outer.prefix && contains(outer, inner.ip);
    }),
    celMethod('ip', M, [], M, function () { return wrap(IP_KEY, formatIp(cidrOf(this).ip)); }),
    celMethod('masked', M, [], M, function () { const c = cidrOf(this); return wrap(CIDR_KEY, `${formatIp(masked(c.ip, c.prefix))}/${c.prefix}`); }),
    celMethod('prefixLength', M, [], S.INT, function () { return BigInt(cidrOf(this).prefix); }),
    celFunc('isURL', [S.STRING], S.BOOL, s => parseUrl(s) !== undefined),
    celFunc('url', [S.STRING], M, s => {
      if (!parseUrl(s)) throw new Error(`URL parse error during conversion from string: ${s}`);
      return wrap(URL_KEY, s);
    }),
    ...urlGetters.map(([name, get]) => celMethod(name, M, [], S.STRING, function () { return get(urlOf(this)); })),
    celMethod('getQuery', M, [], mapType(S.STRING, listType(S.STRING)), function () {
      const out = new Map<string, CelList>();
      for (const [k, v] of urlOf(this).url.searchParams) out.set(k, cel.celList([...(out.get(k) ?? []) as string[], v]));
      return celMap(out);
    }),
    celFunc('string', [M], S.STRING, m => {
      for (const key of [IP_KEY, CIDR_KEY, URL_KEY]) { const v = m.get(key); if (typeof v === 'string') return v; }
      throw new Error('no such overload: string(map)');
    }),
  ];
}
