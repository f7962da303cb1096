import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { CrossObjectChecks } from '../app-checks/cross-object-checks';
import { Protocol } from '../core/enums';
import { ProblemList } from '../core/errors';
import { FieldPath } from '../core/field-path';
import { NameKind, resolveName } from '../validation/object-names';
import {
  addDeployment, buildContainer, ContainerOptions, containerOptionsProblems, replicasProblems,
} from './container';
import { workloadLabelPropsProblems, workloadLabelSet } from './workload-labels';
import { PodSecurity } from './pod-security';

/**
 * Props of {@link AppDeployment}.
 * @stable
 */
export interface AppDeploymentProps extends ContainerOptions {
  /**
   * Number of pods.
   * @default 1
   */
  readonly replicas?: number;
  /**
   * `metadata.name` of the Deployment.
   * @default - derived from the construct id (`Svc1Deployment` -> `svc1-deployment`)
   */
  readonly name?: string;
  /**
   * Labels of the Deployment, its selector and its pod template at once: what Services select
   * on. The selector can never change once applied; for labels that may change later use
   * `selectorLabels` and `podLabels` instead.
   * @default { app: <name> }
   */
  readonly labels?: { [key: string]: string };
  /**
   * The Deployment's selector (`spec.selector.matchLabels`), which Kubernetes refuses to change
   * once applied, and what Services select on; the pods carry them too. Not with `labels`.
   * @default - `labels`, else { app: <name> }
   */
  readonly selectorLabels?: { [key: string]: string };
  /**
   * More labels on the Deployment and its pods (a team, a cost centre), outside the selector: adding
   * or changing one later changes no selector. They must not contradict the selector.
   * @default - none
   */
  readonly podLabels?: { [key: string]: string };
  /**
   * The pods' security contexts: `PodSecurity.restricted()` for namespaces that enforce the
   * `restricted` Pod Security Standard.
   * @default PodSecurity.none(): no security context
   */
  readonly podSecurity?: PodSecurity;
}

/**
 * A Deployment of one container with plain labels: a workload to put behind a NodePort,
 * externalIPs or ClusterIP Service and an Ingress.
 *
 * Unlike cdk8s-plus's Deployment it selects on the given labels only (no
 * `cdk8s.io/metadata.addr` label) and adds no security or resource defaults, so root
 * images such as nginx run unchanged; `podSecurity: PodSecurity.restricted()` makes its pods
 * meet the `restricted` Pod Security Standard.
 *
 * @example
 * const web = new AppDeployment(chart, 'Web', { image: 'nginx:1.27', containerPort: 80, replicas: 2 });
 * new NodePortService(chart, 'WebNodePort', { selector: web.labels, port: 8888, targetPort: 80 });
 * @stable
 */
export class AppDeployment extends Construct {
  /** `metadata.name` of the Deployment. */
  public readonly name: string;
  /** The Deployment's selector labels (on every pod): what Services select on. */
  public readonly labels: { [key: string]: string };
  /** Every label of the pods and the Deployment: the selector's and `podLabels`. */
  public readonly podLabels: { [key: string]: string };
  /** The container port. */
  public readonly containerPort: number;
  /** The port protocol. */
  public readonly protocol: Protocol;
  /** Number of replicas. */
  public readonly replicas: number;
  /** The synthesised Deployment. */
  public readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: AppDeploymentProps) {
    super(scope, id);
    // the labels default to the name: an invalid name is thrown before the rest is checked
    const name = resolveName(this, props.name, NameKind.DNS1123_SUBDOMAIN);
    const { selector: labels, pod: podLabels } = workloadLabelSet(name, props);
    const replicas = props.replicas ?? 1;
    new ProblemList()
      .add(workloadLabelPropsProblems(props, labels))
      .add(replicasProblems(replicas))
      .add(containerOptionsProblems(FieldPath.spec('template', 'spec'), props))
      .throwIfAny(this);
    const { container, volumes } = buildContainer(props);
    const security = props.podSecurity ?? PodSecurity.none();
    CrossObjectChecks.of(this);

    this.name = name;
    this.labels = labels;
    this.podLabels = podLabels;
    this.containerPort = props.containerPort;
    this.protocol = props.protocol ?? Protocol.TCP;
    this.replicas = replicas;
    this.apiObject = addDeployment(this, name, labels, replicas, {
      securityContext: security._podSecurityContext(),
      containers: [{ ...container, securityContext: security._containerSecurityContext() }],
      nodeSelector: props.nodeSelector,
      volumes: volumes.length > 0 ? volumes : undefined,
    }, podLabels);
  }
}
