/**
 * `node-port`: each nodePort is allocated once per cluster, so two Services of one app (whatever
 * constructs made them) may not claim the same one; and each is inside the app's nodePort range
 * (raw Services too, and Services made before the range was declared).
 */
import { duplicate } from '../../core/problem';
import { AppModel } from '../app-model';
import { error, Finding } from '../findings';
import { nodePortInRangeProblems } from '../node-port-range';

/** Every nodePort used by two Services: an error on the second, naming the first. */
export function checkNodePorts(model: AppModel): Finding[] {
  const findings: Finding[] = [];
  const owners = new Map<number, string>();
  for (const svc of model.services) {
    const path = svc.object.path;
    const inThisService = new Set<number>();
    for (const p of svc.ports) {
      if (p.nodePort === undefined) continue;
      for (const problem of nodePortInRangeProblems(`spec.ports[${p.index}].nodePort`, p.nodePort, model.nodePortRange)) {
        findings.push(error(path, 'node-port', problem));
      }
      const other = owners.get(p.nodePort);
      if (other !== undefined && other !== path) {
        findings.push(error(path, 'node-port', duplicate(`spec.ports[${p.index}].nodePort`, p.nodePort, `${p.nodePort} is also used by ${other}; ` +
          'the API server allocates each nodePort once per cluster; allowed: a nodePort no other Service uses')));
      }
      if (!inThisService.has(p.nodePort)) owners.set(p.nodePort, other ?? path);
      inThisService.add(p.nodePort);
    }
  }
  return findings;
}
