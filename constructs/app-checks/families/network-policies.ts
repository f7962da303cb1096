/**
 * `network-policy`: an exposure whose traffic a NetworkPolicy of the app denies: its pods are
 * selected by an ingress policy (a namespace's default-deny, typically) and no rule of the
 * policies that select them allows the source the traffic really comes from (exposure-paths.ts)
 * on the pod port. The exposure deploys and silently does not work. `ExposureNetworkPolicies`
 * renders the allow rules.
 */
import { forbidden } from '../../core/problem';
import { AppModel } from '../app-model';
import { exposurePaths } from '../exposure-paths';
import { Finding, warning } from '../findings';
import { networkPolicies, pathAllowed, policiesSelecting } from '../network-policy-reading';

/** Every exposure path a policy of the app denies: a warning on the exposing object. */
export function checkNetworkPolicies(model: AppModel): Finding[] {
  const policies = networkPolicies(model);
  if (policies.length === 0) return [];
  const findings: Finding[] = [];
  for (const path of exposurePaths(model)) {
    const selecting = policiesSelecting(policies, path.pod);
    if (pathAllowed(model, selecting, path)) continue;
    findings.push(warning(path.objectPath, 'network-policy', forbidden('', path.port,
      `${path.what} sends traffic from ${path.from.description} to ${path.protocol} port ${path.port} of ${path.pod.owner} in namespace ` +
      `${JSON.stringify(path.pod.namespace)}, but NetworkPolicy ${selecting.map(p => p.object.name).join(', ')} selects these pods and allows ` +
      'no such traffic, so the exposure does not work; allowed: an allow rule for it (new ExposureNetworkPolicies(scope, id) renders one per exposure)')));
  }
  return findings;
}
