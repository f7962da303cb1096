import { ApiObject } from 'cdk8s';
import * as k8s from '../../imports/k8s';
import { Construct } from 'constructs';
import { CrossObjectChecks } from '../app-checks/cross-object-checks';
import { Protocol } from '../core/enums';
import { ProblemList } from '../core/errors';
import { FieldPath } from '../core/field-path';
import { ipAddressProblems } from '../validation/ip-addresses';
import { NameKind, resolveName } from '../validation/object-names';
import { portNumberProblems } from '../validation/ports';
import { buildContainer, ContainerOptions, containerOptionsProblems, workloadLabels, workloadLabelsProblems } from './container';

/**
 * Props of {@link HostPortPod}.
 * @stable
 */
export interface HostPortPodProps extends ContainerOptions {
  /** The port on the node that forwards to `containerPort` (like `docker run -p hostPort:containerPort`). */
  readonly hostPort: number;
  /**
   * The node address to bind `hostPort` on.
   * @default - all addresses of the node
   */
  readonly hostIp?: string;
  /**
   * `metadata.name` of the pod.
   * @default - derived from the construct id (`Pod1HostPort` -> `pod1-host-port`)
   */
  readonly name?: string;
  /**
   * Labels of the pod.
   * @default { app: <name> }
   */
  readonly labels?: { [key: string]: string };
}

/**
 * A pod reachable on one port of the node it runs on.
 *
 * `hostPort` is a NAT rule on that node only: no Service, no load balancing across pods,
 * and two pods with the same hostPort/protocol/hostIP cannot run on the same node.
 *
 * @example
 * new HostPortPod(chart, 'Pod1HostPort', { image: 'nginx:1.9.0', containerPort: 80, hostPort: 30890 });
 * // curl <node-of-the-pod>:30890
 * @stable
 */
export class HostPortPod extends Construct {
  /** `metadata.name` of the pod. */
  public readonly name: string;
  /** Labels of the pod (what a Service would select on). */
  public readonly labels: { [key: string]: string };
  /** The container port. */
  public readonly containerPort: number;
  /** The node port that forwards to the container port. */
  public readonly hostPort: number;
  /** The node address the host port is bound to, if restricted. */
  public readonly hostIp?: string;
  /** The port protocol. */
  public readonly protocol: Protocol;
  /** The synthesised Pod. */
  public readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: HostPortPodProps) {
    super(scope, id);
    // the labels default to the name: an invalid name is thrown before the rest is checked
    const name = resolveName(this, props.name, NameKind.DNS1123_SUBDOMAIN);
    const labels = workloadLabels(name, props.labels);
    const port = FieldPath.spec('containers').index(0).child('ports').index(0);
    new ProblemList()
      .add(workloadLabelsProblems(labels))
      .add(portNumberProblems(port.child('hostPort'), props.hostPort))
      .add(props.hostIp !== undefined ? ipAddressProblems(port.child('hostIP'), props.hostIp) : [])
      .add(containerOptionsProblems(FieldPath.spec(), props))
      .throwIfAny(this);
    const { container, volumes } = buildContainer(props, { hostPort: props.hostPort, hostIp: props.hostIp });
    CrossObjectChecks.of(this);

    this.name = name;
    this.labels = labels;
    this.containerPort = props.containerPort;
    this.hostPort = props.hostPort;
    this.hostIp = props.hostIp;
    this.protocol = props.protocol ?? Protocol.TCP;
    this.apiObject = new k8s.KubePod(this, 'Resource', {
      metadata: { name, labels },
      spec: {
        containers: [container],
        nodeSelector: props.nodeSelector,
        volumes: volumes.length > 0 ? volumes : undefined,
      },
    });
  }
}
