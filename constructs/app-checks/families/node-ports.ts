/**
 * `node-port`: each nodePort is allocated once per cluster, so two Services of one app (whatever
 * constructs made them) may not claim the same one.
 */
import { AppFacts, servicesOf } from '../facts';
import { error, Finding } from '../findings';

/** Every nodePort used by two Services: an error on the second, naming the first. */
export function checkNodePorts(facts: AppFacts): Finding[] {
  const findings: Finding[] = [];
  const owners = new Map<number, string>();
  for (const o of servicesOf(facts)) {
    const inThisService = new Set<number>();
    (o.json.spec?.ports ?? []).forEach((p: any, i: number) => {
      if (p.nodePort === undefined) return;
      const other = owners.get(p.nodePort);
      if (other !== undefined && other !== o.path) {
        findings.push(error(o.path, 'node-port', `spec.ports[${i}].nodePort: ${p.nodePort} is also used by ${other}; ` +
          'the API server allocates each nodePort once per cluster; allowed: a nodePort no other Service uses'));
      }
      if (!inThisService.has(p.nodePort)) owners.set(p.nodePort, other ?? o.path);
      inThisService.add(p.nodePort);
    });
  }
  return findings;
}
