/**
 * `pod-security`, two rules:
 *
 * - a pod template whose Pod Security level (pod-security-standards.ts) is below the
 *   `pod-security.kubernetes.io/enforce` level of its namespace, as a Namespace object of the app
 *   declares it. Pod Security admission refuses such pods (a workload is admitted with a warning,
 *   and then its controller cannot create a single pod);
 * - pod templates that need `privileged` (host network or ports, privileged containers ...) in a
 *   namespace the app declares without an enforce label: the namespace then gets the cluster's
 *   default level, and clusters that enforce `baseline` by default (a hardened kubeadm's admission
 *   configuration, Talos, RKE2's CIS profile) refuse them. The fix is the namespace's labels,
 *   `PodSecurityLabels.forHostAccess()`.
 *
 * Namespaces the app does not declare, and a cluster-wide default level, are not known here.
 */
import { forbidden, required } from '../../core/problem';
import { AppModel, ModelObject } from '../app-model';
import { Finding, warning } from '../findings';
import { POD_SECURITY_ENFORCE_LABEL, POD_SECURITY_LEVELS, podSecurityReport, PodSecurityLevel } from '../pod-security-standards';

/** namespace -> its enforced level and the Namespace object that declares it. */
function enforcedLevels(model: AppModel): Map<string, { level: PodSecurityLevel; ns: ModelObject }> {
  const levels = new Map<string, { level: PodSecurityLevel; ns: ModelObject }>();
  for (const o of model.objects) {
    if (o.kind !== 'Namespace' || o.apiVersion !== 'v1') continue;
    const level = o.json.metadata?.labels?.[POD_SECURITY_ENFORCE_LABEL];
    if (POD_SECURITY_LEVELS.includes(level)) levels.set(o.name, { level, ns: o });
  }
  return levels;
}

/** Both rules of the family. */
export function checkPodSecurity(model: AppModel): Finding[] {
  return [...checkEnforcedLevels(model), ...checkUnlabelledHostAccess(model)];
}

/**
 * Every Namespace of the app without an enforce label that holds pod templates needing `privileged`:
 * one warning on the Namespace, naming each pod template, its construct path and why it needs it.
 */
export function checkUnlabelledHostAccess(model: AppModel): Finding[] {
  const unlabelled = model.objects.filter(o => o.kind === 'Namespace' && o.apiVersion === 'v1'
    && o.json.metadata?.labels?.[POD_SECURITY_ENFORCE_LABEL] === undefined);
  const findings: Finding[] = [];
  for (const ns of unlabelled) {
    const pods = model.pods.filter(p => p.namespace === ns.name)
      .map(p => ({ pod: p, report: podSecurityReport(p.spec) }))
      .filter(x => x.report.level === PodSecurityLevel.PRIVILEGED);
    if (pods.length === 0) continue;
    const listed = pods.map(x => `${x.pod.owner} at ${x.pod.object.path} (${x.report.baseline.join('; ')})`).join(', ');
    findings.push(warning(ns.path, 'pod-security', required(`metadata.labels["${POD_SECURITY_ENFORCE_LABEL}"]`,
      `namespace ${JSON.stringify(ns.name)} holds pods that need Pod Security level "privileged": ${listed}; without an enforce label ` +
      'the namespace gets the cluster\'s default level, and clusters that enforce "baseline" by default (hardened kubeadm, Talos, ' +
      'RKE2\'s CIS profile) refuse these pods (a workload is admitted, but its controller cannot create its pods); allowed: the labels ' +
      `PodSecurityLabels.forHostAccess() on the namespace (${POD_SECURITY_ENFORCE_LABEL}: privileged, warn and audit: baseline)`)));
  }
  return findings;
}

/** Every pod template its namespace's enforce level would refuse: a warning on the pod's object. */
export function checkEnforcedLevels(model: AppModel): Finding[] {
  const levels = enforcedLevels(model);
  if (levels.size === 0) return [];
  const findings: Finding[] = [];
  for (const pod of model.pods) {
    const enforced = levels.get(pod.namespace);
    if (!enforced) continue;
    const report = podSecurityReport(pod.spec);
    if (POD_SECURITY_LEVELS.indexOf(report.level) >= POD_SECURITY_LEVELS.indexOf(enforced.level)) continue;
    const reasons = enforced.level === 'restricted' ? [...report.baseline, ...report.restricted] : report.baseline;
    const field = pod.object.kind === 'Pod' ? 'spec' : 'spec.template.spec';
    findings.push(warning(pod.object.path, 'pod-security', forbidden(field, report.level,
      `the pods of ${pod.owner} are at Pod Security level ${JSON.stringify(report.level)} (${reasons.join('; ')}), but namespace ` +
      `${JSON.stringify(pod.namespace)} enforces ${JSON.stringify(enforced.level)} (${POD_SECURITY_ENFORCE_LABEL} on ${enforced.ns.path}): ` +
      'Pod Security admission refuses them (a workload is admitted, but its controller cannot create its pods); allowed: pods that meet ' +
      `${JSON.stringify(enforced.level)} (AppDeployment: podSecurity: PodSecurity.restricted()), or a namespace whose enforce level allows them`)));
  }
  return findings;
}
