/**
 * Pod Security admission labels (Kubernetes' built-in Pod Security Standards, `pod-security.kubernetes.io/*`
 * on a Namespace). hostPort and hostNetwork violate the `baseline` standard (its "Host Namespaces"
 * and "Host Ports" controls), so a namespace that holds such pods must enforce `privileged` on a
 * cluster whose admission configuration enforces `baseline` or `restricted` by default
 * (hardened kubeadm, Talos, RKE2's CIS profile); `warn` and `audit` at `baseline` keep the
 * violation visible in kubectl's output and the audit log.
 */

/**
 * A Pod Security Standards level.
 * @experimental
 */
export enum PodSecurityLevel {
  /** Unrestricted: hostNetwork, hostPort, privileged containers allowed. */
  PRIVILEGED = 'privileged',
  /** Minimally restrictive: no host namespaces, no host ports (other than 0), no privileged containers. */
  BASELINE = 'baseline',
  /** Hardened: baseline plus non-root, dropped capabilities, a seccomp profile. */
  RESTRICTED = 'restricted',
}

/**
 * The label keys of Pod Security admission on a Namespace.
 * @experimental
 */
export class PodSecurityLabels {
  /** The level pods must meet to be admitted. */
  public static readonly ENFORCE = 'pod-security.kubernetes.io/enforce';
  /** The level kubectl warns about on apply. */
  public static readonly WARN = 'pod-security.kubernetes.io/warn';
  /** The level recorded in the audit log. */
  public static readonly AUDIT = 'pod-security.kubernetes.io/audit';

  /**
   * The labels of a namespace that holds hostPort or hostNetwork pods: `enforce: privileged`, and
   * `warn` / `audit` at `baseline` so that what breaks the baseline standard is still reported.
   */
  public static forHostAccess(): { [key: string]: string } {
    return {
      [PodSecurityLabels.AUDIT]: PodSecurityLevel.BASELINE,
      [PodSecurityLabels.ENFORCE]: PodSecurityLevel.PRIVILEGED,
      [PodSecurityLabels.WARN]: PodSecurityLevel.BASELINE,
    };
  }

  private constructor() {}
}
