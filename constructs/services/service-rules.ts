/**
 * Service rules (the API server's `ValidateService` family) beyond the primitives.
 */
import { FieldPath } from '../core/field-path';
import { Protocol } from '../core/enums';
import { duplicate, forbidden, invalid, Problem, required, show } from '../core/problem';
import { cidrProblems, externalIpProblems } from '../validation/ip-addresses';
import { qualifiedNameProblem } from '../validation/metadata-rules';
import { dns1123LabelProblems } from '../validation/names';
import { portNameProblems, portNumberProblems } from '../validation/ports';
import { oneOfProblems } from '../validation/values';
import { ExternalTrafficPolicy, IpFamily, IpFamilyPolicy } from './service-enums';
import { DEFAULT_NODE_PORT_RANGE, NodePortRange, nodePortInRangeProblems } from '../app-checks/node-port-range';

/**
 * A Service port's name: a DNS-1123 label (`validateServicePort`) and, so that an Ingress can
 * refer to it, an IANA_SVC_NAME.
 */
export function servicePortNameProblems(field: FieldPath, portName: string): Problem[] {
  const label = dns1123LabelProblems(field, portName);
  return label.length > 0 ? label : portNameProblems(field, portName);
}

/**
 * A Service nodePort: an integer in the API server's `--service-node-port-range`, 30000-32767
 * unless the app declares the cluster's (`CrossObjectChecks.declareNodePortRange`).
 */
export function nodePortProblems(field: FieldPath, value: number, range: NodePortRange = DEFAULT_NODE_PORT_RANGE): Problem[] {
  return nodePortInRangeProblems(field, value, range);
}

/**
 * `spec.externalIPs` of an ExternalIpService: at least one, each a non-special IP
 * (`externalIpProblems`), each listed once.
 */
export function externalIpsProblems(field: FieldPath, ips: readonly string[]): Problem[] {
  if (ips.length === 0) return [required(field, 'is empty; allowed: at least one IP address (use ClusterIpService for none)')];
  return ips.flatMap((ip, i) => {
    const address = externalIpProblems(field.index(i), ip);
    if (address.length > 0 || ips.indexOf(ip) === i) return address;
    return [duplicate(field.index(i), ip, `${show(ip)} is listed twice; allowed: each IP once`)];
  });
}

/** One Service port as the rules see it (defaults applied). */
export interface ServicePortInput {
  readonly name?: string;
  readonly port: number;
  readonly targetPort?: number;
  readonly protocol: string;
  readonly nodePort?: number;
}

/** One port of `spec.ports` (`validateServicePort`): numbers, protocol, name (required when there are several), nodePort. */
function servicePortProblems(field: FieldPath, p: ServicePortInput, several: boolean, nodePorts: NodePortsAllowed): Problem[] {
  const problems = [
    ...portNumberProblems(field.child('port'), p.port),
    ...(p.targetPort !== undefined ? portNumberProblems(field.child('targetPort'), p.targetPort) : []),
    ...oneOfProblems(field.child('protocol'), p.protocol, Object.values(Protocol) as string[]),
  ];
  if (p.name !== undefined) problems.push(...servicePortNameProblems(field.child('name'), p.name));
  else if (several) problems.push(required(field.child('name'), 'is required when the Service has several ports; allowed: a unique IANA_SVC_NAME per port'));
  if (p.nodePort !== undefined) {
    problems.push(...(nodePorts.range ? nodePortProblems(field.child('nodePort'), p.nodePort, nodePorts.range)
      : [forbidden(field.child('nodePort'), p.nodePort, `may not be used when \`type\` is '${nodePorts.type}'; allowed: a NodePortService or LoadBalancerService`)]));
  }
  return problems;
}

/** Where nodePorts are allowed: the range for NodePort and LoadBalancer Services, none (the type names it) for the others. */
export interface NodePortsAllowed {
  readonly type: string;
  readonly range?: NodePortRange;
}

/**
 * `spec.ports` (`validateServiceSpec`): each port valid; names, port+protocol and
 * nodePort+protocol each unique (the API server's `field.Duplicate`).
 */
export function servicePortsProblems(field: FieldPath, ports: readonly ServicePortInput[], nodePorts: NodePortsAllowed): Problem[] {
  const problems: Problem[] = [];
  const seen = { name: new Map<string, number>(), port: new Map<string, number>(), nodePort: new Map<string, number>() };
  ports.forEach((p, i) => {
    const at = field.index(i);
    problems.push(...servicePortProblems(at, p, ports.length > 1, nodePorts));
    const clash = (kind: keyof typeof seen, key: string | undefined, sub: string, value: unknown, what: string) => {
      if (key === undefined) return;
      const first = seen[kind].get(key);
      if (first === undefined) seen[kind].set(key, i);
      else problems.push(duplicate(at.child(sub), value, `${show(value)} ${what} is also used by spec.ports[${first}]; allowed: each ${what} once per Service`));
    };
    clash('name', p.name, 'name', p.name, 'port name');
    clash('port', `${p.protocol}/${p.port}`, 'port', p.port, `${p.protocol} port`);
    clash('nodePort', p.nodePort === undefined ? undefined : `${p.protocol}/${p.nodePort}`, 'nodePort', p.nodePort, `${p.protocol} nodePort`);
  });
  return problems;
}

/**
 * `spec.ipFamilies` and `spec.ipFamilyPolicy` (`validateIPFamilies`): at most two families, not
 * the same one twice, and two only with a dual-stack policy.
 */
export function ipFamiliesProblems(spec: FieldPath, policy: string | undefined, families: readonly string[]): Problem[] {
  const field = spec.child('ipFamilies');
  const problems: Problem[] = [];
  if (policy !== undefined) problems.push(...oneOfProblems(spec.child('ipFamilyPolicy'), policy, Object.values(IpFamilyPolicy) as string[]));
  families.forEach((f, i) => {
    problems.push(...oneOfProblems(field.index(i), f, Object.values(IpFamily) as string[]));
    if (families.indexOf(f) !== i) problems.push(duplicate(field.index(i), f, `${show(f)} is listed twice; allowed: one IPv4 and one IPv6 family at most`));
  });
  if (families.length > 2) problems.push(invalid(field, families.length, `lists ${families.length} families; allowed: at most 2 (IPv4 and IPv6)`));
  if (families.length === 2 && (policy ?? IpFamilyPolicy.SINGLE_STACK) === IpFamilyPolicy.SINGLE_STACK) {
    problems.push(invalid(spec.child('ipFamilyPolicy'), policy ?? '(unset: SingleStack)',
      'two ipFamilies need a dual-stack policy; allowed: IpFamilyPolicy.PREFER_DUAL_STACK or REQUIRE_DUAL_STACK'));
  }
  return problems;
}

/** `spec.loadBalancerClass`: a qualified name (`ValidateQualifiedName`), e.g. `io.cilium/l2-announcer`. */
export function loadBalancerClassProblems(field: FieldPath, value: string): Problem[] {
  const reason = qualifiedNameProblem(value);
  if (reason === undefined) return [];
  return [invalid(field, value, `${show(value)} is not a valid loadBalancerClass: ${reason}; allowed: a qualified name with a DNS prefix, ` +
    'e.g. "io.cilium/l2-announcer" or "metallb.io/metallb"')];
}

/** `spec.loadBalancerSourceRanges`: each a CIDR, each once. */
export function loadBalancerSourceRangesProblems(field: FieldPath, ranges: readonly string[]): Problem[] {
  return ranges.flatMap((r, i) => {
    const cidr = cidrProblems(field.index(i), r);
    if (cidr.length > 0 || ranges.indexOf(r) === i) return cidr;
    return [duplicate(field.index(i), r, `${show(r)} is listed twice; allowed: each range once`)];
  });
}

/** `spec.externalTrafficPolicy`, when given: one of the enum's values. */
export function externalTrafficPolicyProblems(policy: string | undefined): Problem[] {
  return policy !== undefined ? oneOfProblems(FieldPath.spec('externalTrafficPolicy'), policy, Object.values(ExternalTrafficPolicy) as string[]) : [];
}
