import { ApiObject } from 'cdk8s';
import * as k8s from '../../imports/k8s';
import { Construct } from 'constructs';
import { CrossObjectChecks } from '../app-checks/cross-object-checks';
import { DnsPolicy, Protocol } from '../core/enums';
import { ProblemList } from '../core/errors';
import { FieldPath } from '../core/field-path';
import { NameKind, resolveName } from '../validation/object-names';
import { buildContainer, ContainerOptions, containerOptionsProblems, workloadLabels, workloadLabelsProblems } from './container';
import { dnsPolicyProblems, hostNetworkHostPortProblems } from './pod-rules';

/**
 * Props of {@link HostNetworkPod}.
 * @stable
 */
export interface HostNetworkPodProps extends ContainerOptions {
  /**
   * The host port. On the host network it is the container port itself; Kubernetes
   * requires it to be omitted or equal to `containerPort`.
   * @default - omitted (the API server fills in containerPort)
   */
  readonly hostPort?: number;
  /**
   * DNS policy.
   * @default DnsPolicy.CLUSTER_FIRST_WITH_HOST_NET
   */
  readonly dnsPolicy?: DnsPolicy;
  /**
   * `metadata.name` of the pod.
   * @default - derived from the construct id (`Pod2HostNetwork` -> `pod2-host-network`)
   */
  readonly name?: string;
  /**
   * Labels of the pod.
   * @default { app: <name> }
   */
  readonly labels?: { [key: string]: string };
}

/**
 * A pod sharing the node's network stack, like `docker run --net=host`.
 *
 * The container's port is opened on the node itself, so it collides with anything else
 * listening there, including an ingress controller on the host network (80, 443, ...).
 *
 * @example
 * new HostNetworkPod(chart, 'Pod2HostNetwork', { image: 'nginx:1.9.0', containerPort: 80 });
 * // curl <node-of-the-pod>:80
 * @stable
 */
export class HostNetworkPod extends Construct {
  /** `metadata.name` of the pod. */
  public readonly name: string;
  /** Labels of the pod. */
  public readonly labels: { [key: string]: string };
  /** The port opened on the node (= the container port). */
  public readonly containerPort: number;
  /** The port protocol. */
  public readonly protocol: Protocol;
  /** The synthesised Pod. */
  public readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: HostNetworkPodProps) {
    super(scope, id);
    // the labels default to the name: an invalid name is thrown before the rest is checked
    const name = resolveName(this, props.name, NameKind.DNS1123_SUBDOMAIN);
    const labels = workloadLabels(name, props.labels);
    const dnsPolicy = props.dnsPolicy ?? DnsPolicy.CLUSTER_FIRST_WITH_HOST_NET;
    new ProblemList()
      .add(workloadLabelsProblems(labels))
      .add(hostNetworkHostPortProblems(FieldPath.spec('containers').index(0).child('ports').index(0).child('hostPort'),
        props.hostPort, props.containerPort))
      .add(dnsPolicyProblems(FieldPath.spec('dnsPolicy'), dnsPolicy))
      .add(containerOptionsProblems(FieldPath.spec(), props))
      .throwIfAny(this);
    const { container, volumes } = buildContainer(props, props.hostPort !== undefined ? { hostPort: props.hostPort } : {});
    CrossObjectChecks.of(this);

    this.name = name;
    this.labels = labels;
    this.containerPort = props.containerPort;
    this.protocol = props.protocol ?? Protocol.TCP;
    this.apiObject = new k8s.KubePod(this, 'Resource', {
      metadata: { name, labels },
      spec: {
        hostNetwork: true,
        dnsPolicy,
        containers: [container],
        nodeSelector: props.nodeSelector,
        volumes: volumes.length > 0 ? volumes : undefined,
      },
    });
  }
}
