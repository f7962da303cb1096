/**
 * Gateway API on shared platforms: a Gateway's requested addresses and infrastructure (labels and
 * annotations for what the implementation generates: the Service of a cloud load balancer, its
 * DNS name), and the ListenerSet mode, in which the app puts its listeners in a ListenerSet
 * attached to a platform team's Gateway (`spec.allowedListeners`) instead of creating a Gateway.
 */
import { FieldPath } from '../../core/field-path';
import { duplicate, forbidden, invalid, Problem, show } from '../../core/problem';
import { ipAddressProblems } from '../../validation/ip-addresses';
import { labelValueProblems } from '../../validation/labels';
import { dns1123SubdomainProblems } from '../../validation/names';
import { qualifiedNameProblem } from '../../validation/metadata-rules';

/**
 * The kind of a Gateway address (`spec.addresses[].type`).
 * @experimental
 */
export enum GatewayAddressType {
  /** An IPv4 or IPv6 address (core). */
  IP_ADDRESS = 'IPAddress',
  /** A DNS name (extended). */
  HOSTNAME = 'Hostname',
}

/**
 * An address the Gateway asks its implementation for (Support: Extended).
 * @experimental
 */
export interface GatewayAddress {
  /** The address: `192.0.2.10`, `2001:db8::10`, `gw.example.com`. */
  readonly value: string;
  /**
   * Its kind.
   * @default GatewayAddressType.IP_ADDRESS
   */
  readonly type?: GatewayAddressType;
}

/**
 * Labels and annotations the implementation copies to what it generates for the Gateway (`spec.infrastructure`).
 * @experimental
 */
export interface GatewayInfrastructure {
  /**
   * At most 8 labels.
   * @default - none
   */
  readonly labels?: { [key: string]: string };
  /**
   * At most 16 annotations (a cloud load balancer's type or scheme, external-dns hostnames ...).
   * @default - none
   */
  readonly annotations?: { [key: string]: string };
}

/**
 * The platform Gateway a ListenerSet attaches to.
 * @experimental
 */
export interface PlatformGateway {
  /** `metadata.name` of the Gateway. */
  readonly name: string;
  /**
   * Its namespace.
   * @default - the ListenerSet's namespace
   */
  readonly namespace?: string;
}

const MAX_ADDRESSES = 16;

/** `spec.addresses`: at most 16, each an IP or a hostname as its type says, each once. */
export function gatewayAddressesProblems(field: FieldPath, addresses: readonly GatewayAddress[]): Problem[] {
  const problems: Problem[] = [];
  if (addresses.length > MAX_ADDRESSES) problems.push(invalid(field, addresses.length, `has ${addresses.length} addresses; allowed: at most ${MAX_ADDRESSES}`));
  const seen = new Set<string>();
  addresses.forEach((a, i) => {
    const at = field.index(i);
    const type = a.type ?? GatewayAddressType.IP_ADDRESS;
    if (!Object.values(GatewayAddressType).includes(type)) {
      problems.push(invalid(at.child('type'), type, `${show(type)} is not allowed; allowed: "IPAddress", "Hostname"`));
    } else if (type === GatewayAddressType.IP_ADDRESS) {
      problems.push(...ipAddressProblems(at.child('value'), a.value));
    } else if (!/^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(a.value) || a.value.length > 253) {
      problems.push(invalid(at.child('value'), a.value, `${show(a.value)} is not a valid hostname; allowed: a lowercase DNS name (a leading "*." allowed)`));
    }
    const key = `${type}/${a.value}`;
    if (seen.has(key)) problems.push(duplicate(at.child('value'), a.value, `${show(a.value)} is listed twice; allowed: each ${type} value once`));
    seen.add(key);
  });
  return problems;
}

function mapKeyProblems(field: FieldPath, map: Record<string, string>, max: number, what: string): Problem[] {
  const problems: Problem[] = [];
  const keys = Object.keys(map);
  if (keys.length > max) problems.push(invalid(field, keys.length, `has ${keys.length} ${what}; allowed: at most ${max}`));
  for (const key of keys) {
    const reason = qualifiedNameProblem(key);
    if (reason !== undefined) problems.push(invalid(field.key(key), key, `${show(key)} is not a valid key: ${reason}; allowed: an optional DNS prefix and '/', then a name`));
  }
  return problems;
}

/** `spec.infrastructure`: at most 8 labels (valid label values) and 16 annotations (values up to 4096 characters), qualified-name keys. */
export function gatewayInfrastructureProblems(field: FieldPath, infrastructure: GatewayInfrastructure): Problem[] {
  const labels = infrastructure.labels ?? {};
  const annotations = infrastructure.annotations ?? {};
  return [
    ...mapKeyProblems(field.child('labels'), labels, 8, 'labels'),
    ...Object.entries(labels).flatMap(([k, v]) => labelValueProblems(field.child('labels').key(k), v)),
    ...mapKeyProblems(field.child('annotations'), annotations, 16, 'annotations'),
    ...Object.entries(annotations).filter(([, v]) => v.length > 4096)
      .map(([k, v]) => invalid(field.child('annotations').key(k), v.length, `has ${v.length} characters; allowed: at most 4096`)),
  ];
}

/** The platform Gateway's name and namespace. */
export function platformGatewayProblems(field: FieldPath, gateway: PlatformGateway): Problem[] {
  return [
    ...dns1123SubdomainProblems(field.child('name'), gateway.name),
    ...(gateway.namespace !== undefined ? dns1123SubdomainProblems(field.child('namespace'), gateway.namespace) : []),
  ];
}

/** The options that say who owns the Gateway and what the app sets on it. */
interface OwnershipOptions {
  readonly existingGateway?: unknown;
  readonly platformGateway?: unknown;
  readonly addresses?: unknown;
  readonly infrastructure?: unknown;
}

/** What the app owns decides what it may set: addresses and infrastructure only on a Gateway it creates; one mode at a time. */
export function gatewayOwnershipProblems(options: OwnershipOptions): Problem[] {
  const option = (name: string) => FieldPath.root('options').child(name);
  const problems: Problem[] = [];
  if (options.existingGateway !== undefined && options.platformGateway !== undefined) {
    problems.push(forbidden(option('platformGateway'), 'set', 'may not be used with existingGateway; allowed: one of them (platformGateway: ' +
      'the app\'s listeners in a ListenerSet; existingGateway: routes on listeners the Gateway\'s owner made)'));
  }
  const owner = options.existingGateway !== undefined ? 'existingGateway' : options.platformGateway !== undefined ? 'platformGateway' : undefined;
  for (const name of ['addresses', 'infrastructure'] as const) {
    if (owner !== undefined && options[name] !== undefined) {
      problems.push(forbidden(option(name), 'set', `may not be used with ${owner}: the Gateway belongs to its owner; allowed: set it on a ` +
        'Gateway this app creates'));
    }
  }
  return problems;
}
