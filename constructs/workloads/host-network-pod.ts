import { ApiObject } from 'cdk8s';
import { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { CrossObjectChecks } from '../app-checks/cross-object-checks';
import { buildContainer, ContainerOptions, resolveLabels } from './container';
import { Protocol } from '../core/enums';
import { pathOf } from '../core/naming';
import { reject } from '../core/errors';
import { validateOneOf } from '../validation/values';
import { NameKind, resolveName } from '../core/naming';

/** DNS policy of a pod. */
export enum DnsPolicy {
  /** Cluster DNS even on the host network: what a hostNetwork pod usually wants. */
  CLUSTER_FIRST_WITH_HOST_NET = 'ClusterFirstWithHostNet',
  /** Cluster DNS; on the host network Kubernetes silently falls back to `Default`. */
  CLUSTER_FIRST = 'ClusterFirst',
  /** The node's resolv.conf. */
  DEFAULT = 'Default',
  /** No DNS settings; needs spec.dnsConfig, which HostNetworkPod cannot set, so it rejects this value. */
  NONE = 'None',
}

/** Props of {@link HostNetworkPod}. */
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
 * A pod sharing the node's network stack (section 9.2 of the lab), like `docker run --net=host`.
 *
 * The container's port is opened on the node itself, so it collides with anything else
 * listening there, including an ingress controller on the host network (80, 443, ...).
 *
 * @example
 * new HostNetworkPod(chart, 'Pod2HostNetwork', { image: 'nginx:1.9.0', containerPort: 80 });
 * // curl <node-of-the-pod>:80
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
    const path = pathOf(scope, id);
    const name = resolveName(scope, id, props.name, NameKind.DNS1123_SUBDOMAIN);
    const labels = resolveLabels(path, name, props.labels);
    if (props.hostPort !== undefined && props.hostPort !== props.containerPort) {
      reject(path, 'spec.containers[0].ports[0].hostPort',
        `${props.hostPort} differs from containerPort ${props.containerPort}; allowed with hostNetwork: omitted or equal to containerPort`);
    }
    const dnsPolicy = validateOneOf(path, 'spec.dnsPolicy', props.dnsPolicy ?? DnsPolicy.CLUSTER_FIRST_WITH_HOST_NET,
      Object.values(DnsPolicy));
    // The API server requires spec.dnsConfig with dnsPolicy None, and these props cannot set it.
    if (dnsPolicy === DnsPolicy.NONE) {
      reject(path, 'spec.dnsPolicy', `${JSON.stringify(dnsPolicy)} requires spec.dnsConfig, which HostNetworkPod does not set; ` +
        `allowed: ${JSON.stringify(DnsPolicy.CLUSTER_FIRST_WITH_HOST_NET)}, ${JSON.stringify(DnsPolicy.CLUSTER_FIRST)}, ${JSON.stringify(DnsPolicy.DEFAULT)}`);
    }
    const { container, volumes } = buildContainer(path, props, props.hostPort !== undefined ? { hostPort: props.hostPort } : {});
    super(scope, id);
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
