/**
 * The Pod Security Standards (https://kubernetes.io/docs/concepts/security/pod-security-standards/)
 * as Pod Security admission evaluates a pod spec: which level (`privileged`, `baseline`,
 * `restricted`) a pod template meets, and what keeps it from the stricter ones. Mirrors the
 * checks of `k8s.io/pod-security-admission/policy` (kubernetes/kubernetes
 * staging/src/k8s.io/pod-security-admission/policy/check_*.go, the `latest` version of each):
 *
 * - baseline: host namespaces (hostNetwork, hostPID, hostIPC), privileged containers, capabilities
 *   added beyond the default set, hostPath volumes, hostPorts, AppArmor `Unconfined`, SELinux
 *   type/user/role, `/proc` mount `Unmasked`, seccomp `Unconfined`, unsafe sysctls, Windows hostProcess,
 *   probe and lifecycle handlers that name a host (check_hostProbesAndhostLifecycle.go, 1.34+).
 * - restricted, besides: volume types (configMap, csi, downwardAPI, emptyDir, ephemeral,
 *   persistentVolumeClaim, projected, secret: check_volumes_restricted.go as read), `allowPrivilegeEscalation: false`, `runAsNonRoot: true`,
 *   no `runAsUser: 0`, seccomp `RuntimeDefault` or `Localhost`, capabilities `drop: [ALL]` and at most
 *   `add: [NET_BIND_SERVICE]`.
 */

import { PodSecurityLabels, PodSecurityLevel } from '../core/pod-security-labels';

export { PodSecurityLevel };

/** The levels in order, from least to most strict. */
export const POD_SECURITY_LEVELS: readonly PodSecurityLevel[] = [PodSecurityLevel.PRIVILEGED, PodSecurityLevel.BASELINE, PodSecurityLevel.RESTRICTED];

/** The label that makes a namespace refuse pods above a level. */
export const POD_SECURITY_ENFORCE_LABEL = PodSecurityLabels.ENFORCE;

/** What keeps a pod spec from the baseline and the restricted level. */
export interface PodSecurityReport {
  readonly level: PodSecurityLevel;
  /** Violations of baseline (each also a violation of restricted). */
  readonly baseline: string[];
  /** Violations of restricted only. */
  readonly restricted: string[];
}

const BASELINE_CAPABILITIES = new Set(['AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE', 'SETFCAP',
  'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT']);
const SAFE_SYSCTLS = new Set(['kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.ip_unprivileged_port_start',
  'net.ipv4.tcp_syncookies', 'net.ipv4.ping_group_range', 'net.ipv4.ip_local_reserved_ports', 'net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes', 'net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem']);
const RESTRICTED_VOLUME_TYPES = ['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret'];
const SELINUX_TYPES = new Set(['', 'container_t', 'container_init_t', 'container_kvm_t', 'container_engine_t']);

interface Container { readonly name: string; readonly c: any }

function containersOf(spec: any): Container[] {
  const all = [...(spec.initContainers ?? []), ...(spec.containers ?? []), ...(spec.ephemeralContainers ?? [])];
  return all.map((c: any) => ({ name: String(c.name), c }));
}

function names(list: Container[]): string {
  return list.map(x => JSON.stringify(x.name)).join(', ');
}

/** `what` for the containers `bad` picks, if any. */
function containersWhere(containers: Container[], bad: (c: any) => boolean, what: string): string[] {
  const hits = containers.filter(x => bad(x.c));
  return hits.length > 0 ? [`${hits.length === 1 ? 'container' : 'containers'} ${names(hits)} ${what}`] : [];
}

function handlerHosts(c: any): boolean {
  const handlers = [c.livenessProbe, c.readinessProbe, c.startupProbe, c.lifecycle?.postStart, c.lifecycle?.preStop];
  return handlers.some(h => Boolean(h?.httpGet?.host) || Boolean(h?.tcpSocket?.host));
}

/** Violations of baseline. */
function baselineViolations(spec: any, containers: Container[]): string[] {
  const out: string[] = [];
  for (const ns of ['hostNetwork', 'hostPID', 'hostIPC']) if (spec[ns] === true) out.push(`${ns}: true`);
  out.push(...containersWhere(containers, c => c.securityContext?.privileged === true, 'are privileged'));
  const added = containers.flatMap(x => (x.c.securityContext?.capabilities?.add ?? []).filter((cap: string) => !BASELINE_CAPABILITIES.has(cap)));
  if (added.length > 0) out.push(`capabilities.add ${[...new Set(added)].join(', ')} (beyond the default set)`);
  const hostPaths = (spec.volumes ?? []).filter((v: any) => v.hostPath !== undefined).map((v: any) => v.name);
  if (hostPaths.length > 0) out.push(`hostPath volumes ${hostPaths.join(', ')}`);
  const hostPorts = containers.flatMap(x => (x.c.ports ?? []).map((p: any) => p.hostPort).filter((h: any) => h !== undefined && h !== 0));
  if (hostPorts.length > 0) out.push(`hostPort ${hostPorts.join(', ')}`);
  const contexts = [spec.securityContext, ...containers.map(x => x.c.securityContext)].filter(s => s !== undefined);
  if (contexts.some(s => s.appArmorProfile?.type === 'Unconfined')) out.push('appArmorProfile Unconfined');
  if (contexts.some(s => s.seccompProfile?.type === 'Unconfined')) out.push('seccompProfile Unconfined');
  if (contexts.some(s => s.seLinuxOptions && (!SELINUX_TYPES.has(s.seLinuxOptions.type ?? '') || s.seLinuxOptions.user || s.seLinuxOptions.role))) {
    out.push('seLinuxOptions with a custom type, user or role');
  }
  if (contexts.some(s => s.windowsOptions?.hostProcess === true)) out.push('windowsOptions.hostProcess: true');
  out.push(...containersWhere(containers, c => c.securityContext?.procMount !== undefined && c.securityContext.procMount !== 'Default', 'unmask /proc'));
  const sysctls = (spec.securityContext?.sysctls ?? []).map((s: any) => s.name).filter((n: string) => !SAFE_SYSCTLS.has(n));
  if (sysctls.length > 0) out.push(`unsafe sysctls ${sysctls.join(', ')}`);
  out.push(...containersWhere(containers, handlerHosts, 'have probe or lifecycle handlers with a host'));
  return out;
}

/** Violations of restricted that baseline allows. */
function restrictedViolations(spec: any, containers: Container[]): string[] {
  const out: string[] = [];
  const pod = spec.securityContext ?? {};
  const volumes = (spec.volumes ?? []).filter((v: any) => v.hostPath === undefined && !RESTRICTED_VOLUME_TYPES.some(t => v[t] !== undefined));
  if (volumes.length > 0) out.push(`volumes ${volumes.map((v: any) => v.name).join(', ')} of restricted types`);
  out.push(...containersWhere(containers, c => c.securityContext?.allowPrivilegeEscalation !== false, 'do not set allowPrivilegeEscalation: false'));
  const nonRoot = (c: any) => c.securityContext?.runAsNonRoot ?? pod.runAsNonRoot;
  if (pod.runAsNonRoot === false) out.push('runAsNonRoot: false');
  out.push(...containersWhere(containers, c => nonRoot(c) !== true, 'do not run with runAsNonRoot: true (pod or container)'));
  if (pod.runAsUser === 0) out.push('runAsUser: 0');
  out.push(...containersWhere(containers, c => c.securityContext?.runAsUser === 0, 'run as user 0'));
  const seccomp = (c: any) => c.securityContext?.seccompProfile?.type ?? pod.seccompProfile?.type;
  out.push(...containersWhere(containers, c => !['RuntimeDefault', 'Localhost'].includes(seccomp(c)),
    'have no seccompProfile RuntimeDefault or Localhost (pod or container)'));
  out.push(...containersWhere(containers, c => !(c.securityContext?.capabilities?.drop ?? []).includes('ALL'), 'do not drop ALL capabilities'));
  out.push(...containersWhere(containers, c => (c.securityContext?.capabilities?.add ?? []).some((cap: string) => cap !== 'NET_BIND_SERVICE'),
    'add capabilities other than NET_BIND_SERVICE'));
  return out;
}

/** The level a pod spec meets and what keeps it from the stricter ones. */
export function podSecurityReport(spec: any): PodSecurityReport {
  const containers = containersOf(spec ?? {});
  const baseline = baselineViolations(spec ?? {}, containers);
  const restricted = restrictedViolations(spec ?? {}, containers);
  const level = baseline.length > 0 ? PodSecurityLevel.PRIVILEGED : restricted.length > 0 ? PodSecurityLevel.BASELINE : PodSecurityLevel.RESTRICTED;
  return { level, baseline, restricted };
}
