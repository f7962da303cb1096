/**
 * IP address rules: any address (hostIP) and non-special addresses (externalIPs,
 * the API server's `ValidateNonSpecialIP`).
 */
import * as net from 'net';
import { FieldPath } from '../core/field-path';
import { invalid, Problem, show } from '../core/problem';

/**
 * 4 or 6 for an IPv4 or IPv6 address, else 0: `net.isIP`'s answer. A string without a colon is
 * not tested against Node's IPv6 pattern (an IPv6 address always has one): Node compiles that
 * pattern on its first use (~7 ms per process), and every host name checked would trigger it.
 */
export function ipFamily(value: string): number {
  if (!value.includes(':')) return net.isIPv4(value) ? 4 : 0;
  return net.isIPv6(value) ? 6 : 0;
}

function ipv4Octets(ip: string): number[] {
  return ip.split('.').map(Number);
}

/** The IPv4 address an IPv4-mapped IPv6 address (`::ffff:127.0.0.1`) stands for, or undefined. */
function mappedIpv4(ip: string): string | undefined {
  const m = /^(?:0{0,4}:){0,5}:?ffff:(.+)$/i.exec(ip);
  if (!m || ipFamily(ip) !== 6) return undefined;
  const [, tail] = m;
  if (net.isIPv4(tail)) return tail;
  const hex = /^([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(tail);
  if (!hex) return undefined;
  const hi = parseInt(hex[1], 16);
  const lo = parseInt(hex[2], 16);
  return [hi >> 8, hi & 0xff, lo >> 8, lo & 0xff].join('.');
}

/**
 * Why an address is special (unspecified, loopback, link-local), or undefined. Mirrors
 * `ValidateNonSpecialIP`, which uses Go's net.IP predicates: an IPv4-mapped IPv6 address counts
 * as its IPv4 address, and link-local multicast is ff02::/16 with any flags nibble (ffX2::/16).
 */
export function specialIpReason(ip: string): string | undefined {
  let family = ipFamily(ip);
  const mapped = family === 6 ? mappedIpv4(ip) : undefined;
  if (mapped !== undefined) {
    ip = mapped;
    family = 4;
  }
  if (family === 4) {
    const [a, b, c] = ipv4Octets(ip);
    if (ip === '0.0.0.0') return 'the unspecified address';
    if (a === 127) return 'a loopback address (127.0.0.0/8)';
    if (a === 169 && b === 254) return 'a link-local address (169.254.0.0/16)';
    if (a === 224 && b === 0 && c === 0) return 'a link-local multicast address (224.0.0.0/24)';
    return undefined;
  }
  if (family === 6) {
    const lower = ip.toLowerCase();
    const blocks = new net.BlockList();
    blocks.addSubnet('fe80::', 10, 'ipv6');
    const multicast = new net.BlockList();
    for (let flags = 0; flags < 16; flags++) multicast.addSubnet(`ff${flags.toString(16)}2::`, 16, 'ipv6');
    const unspecified = new net.BlockList();
    unspecified.addAddress('::', 'ipv6');
    const loopback = new net.BlockList();
    loopback.addAddress('::1', 'ipv6');
    if (unspecified.check(lower, 'ipv6')) return 'the unspecified address';
    if (loopback.check(lower, 'ipv6')) return 'the loopback address (::1)';
    if (blocks.check(lower, 'ipv6')) return 'a link-local address (fe80::/10)';
    if (multicast.check(lower, 'ipv6')) return 'a link-local multicast address (ff02::/16, any flags: ffX2::/16)';
  }
  return undefined;
}

/** Any valid IPv4 or IPv6 address in canonical textual form (hostIP). */
export function ipAddressProblems(field: FieldPath | string, value: string): Problem[] {
  // Node's isIP accepts an IPv6 zone ("fe80::1%eth0"); the API server's IP parser does not.
  if (ipFamily(value) !== 0 && !value.includes('%')) return [];
  return [invalid(field, value, `${show(value)} is not a valid IP address; allowed: an IPv4 (e.g. 10.0.0.1) or IPv6 address without a zone`)];
}

/**
 * A Service externalIP: a valid IP that is not unspecified, loopback or link-local
 * (the API server's `ValidateNonSpecialIP`).
 */
export function externalIpProblems(field: FieldPath | string, value: string): Problem[] {
  const address = ipAddressProblems(field, value);
  if (address.length > 0) return address;
  const reason = specialIpReason(value);
  if (reason === undefined) return [];
  return [invalid(field, value, `${show(value)} is ${reason}; allowed: a routable IP of a node or a floating IP that reaches the nodes`)];
}

/**
 * A CIDR (`10.0.0.0/8`, `2001:db8::/32`): an IP address, '/', a prefix length for its family
 * (0-32 or 0-128). The API server's `IsValidCIDR` (loadBalancerSourceRanges, NetworkPolicy
 * `ipBlock.cidr`); host bits may be set (the legacy fields accept them).
 */
export function cidrProblems(field: FieldPath | string, value: string): Problem[] {
  const slash = value.indexOf('/');
  const ip = slash < 0 ? value : value.slice(0, slash);
  const bits = slash < 0 ? '' : value.slice(slash + 1);
  const family = value.includes('%') ? 0 : ipFamily(ip);
  const max = family === 6 ? 128 : 32;
  if (family !== 0 && /^(0|[1-9][0-9]{0,2})$/.test(bits) && Number(bits) <= max) return [];
  return [invalid(field, value, `${show(value)} is not a valid CIDR; allowed: an IPv4 or IPv6 address, '/' and a prefix length ` +
    '(0-32 for IPv4, 0-128 for IPv6), e.g. 10.240.0.0/24 or 2001:db8::/32')];
}
