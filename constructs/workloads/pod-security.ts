/**
 * How a workload's pods meet a Pod Security level: `PodSecurity.restricted()` renders the security
 * contexts the `restricted` Pod Security Standard asks for (non-root, no privilege escalation, all
 * capabilities dropped, seccomp `RuntimeDefault`); `PodSecurity.none()` renders none (the default,
 * so root images such as the stock nginx run unchanged in `privileged` and `baseline` namespaces).
 */
import * as k8s from '../../imports/k8s';
import { ProblemList } from '../core/errors';
import { FieldPath } from '../core/field-path';
import { Problem } from '../core/problem';
import { integerRangeProblems } from '../validation/values';

/**
 * Options of `PodSecurity.restricted()`.
 * @experimental
 */
export interface RestrictedPodSecurityOptions {
  /**
   * The UID the containers run as (`runAsUser`, not 0). Set it for images whose `USER` is root or
   * a name: the kubelet refuses to start a `runAsNonRoot` container it cannot prove is not root.
   * @default - the image's numeric USER
   */
  readonly runAsUser?: number;
  /**
   * The primary GID (`runAsGroup`).
   * @default - the image's group
   */
  readonly runAsGroup?: number;
  /**
   * The GID that owns mounted volumes (`fsGroup`), so a non-root user can read them.
   * @default - volumes keep their owner
   */
  readonly fsGroup?: number;
  /**
   * Add `NET_BIND_SERVICE` (the one capability restricted allows), for a non-root process that
   * listens below port 1024.
   * @default false
   */
  readonly netBindService?: boolean;
  /**
   * `readOnlyRootFilesystem: true` (not required by restricted; the image must not write outside its volumes).
   * @default false
   */
  readonly readOnlyRootFilesystem?: boolean;
}

const MAX_ID = 2147483647;

/**
 * The security contexts of a workload's pods and container.
 * @experimental
 */
export class PodSecurity {
  /** No security context: the pods meet `baseline` at most (whatever else they do). */
  public static none(): PodSecurity {
    return new PodSecurity(undefined);
  }

  /**
   * The `restricted` Pod Security Standard: `runAsNonRoot: true`, `seccompProfile: RuntimeDefault`
   * (pod), `allowPrivilegeEscalation: false`, `capabilities: { drop: [ALL] }` (container).
   */
  public static restricted(options: RestrictedPodSecurityOptions = {}): PodSecurity {
    new ProblemList().add(restrictedOptionsProblems(options)).throwIfAny('PodSecurity.restricted');
    return new PodSecurity({ ...options });
  }

  private constructor(private readonly restrictedOptions: RestrictedPodSecurityOptions | undefined) {}

  /** Whether the pods are made to meet `restricted`. */
  public get isRestricted(): boolean {
    return this.restrictedOptions !== undefined;
  }

  /** @internal */
  public _podSecurityContext(): k8s.PodSecurityContext | undefined {
    const o = this.restrictedOptions;
    if (!o) return undefined;
    return { runAsNonRoot: true, runAsUser: o.runAsUser, runAsGroup: o.runAsGroup, fsGroup: o.fsGroup, seccompProfile: { type: 'RuntimeDefault' } };
  }

  /** @internal */
  public _containerSecurityContext(): k8s.SecurityContext | undefined {
    const o = this.restrictedOptions;
    if (!o) return undefined;
    return {
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: o.readOnlyRootFilesystem ? true : undefined,
      capabilities: { drop: ['ALL'], add: o.netBindService ? ['NET_BIND_SERVICE'] : undefined },
    };
  }
}

/** The options of `restricted()`: a UID 1-2147483647 (restricted forbids 0), GIDs 0-2147483647. */
export function restrictedOptionsProblems(options: RestrictedPodSecurityOptions): Problem[] {
  const field = (name: string) => FieldPath.root('options').child(name);
  return [
    ...(options.runAsUser !== undefined ? integerRangeProblems(field('runAsUser'), options.runAsUser, 1, MAX_ID) : []),
    ...(options.runAsGroup !== undefined ? integerRangeProblems(field('runAsGroup'), options.runAsGroup, 0, MAX_ID) : []),
    ...(options.fsGroup !== undefined ? integerRangeProblems(field('fsGroup'), options.fsGroup, 0, MAX_ID) : []),
  ];
}
