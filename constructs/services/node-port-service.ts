import { App } from 'cdk8s';
import { Construct } from 'constructs';
import { pathOf } from '../core/naming';
import { reject } from '../core/errors';
import { validateNodePort } from '../validation/ports';
import { validateOneOf } from '../validation/values';
import { ServiceBase, ServiceOptions } from './service-base';

/** How a NodePort or externalIPs Service routes traffic that arrives from outside. */
export enum ExternalTrafficPolicy {
  /** Any node forwards to any ready pod (source IP is SNATed). */
  CLUSTER = 'Cluster',
  /** Only nodes with a local pod answer; the client source IP is kept. */
  LOCAL = 'Local',
}

/** Props of {@link NodePortService}. */
export interface NodePortServiceProps extends ServiceOptions {
  /**
   * The port opened on every node, in 30000-32767. Unique in the app (the API server
   * refuses a nodePort that is already allocated).
   * @default - allocated by the API server (a different port on each cluster)
   */
  readonly nodePort?: number;
  /**
   * External traffic policy.
   * @default ExternalTrafficPolicy.CLUSTER
   */
  readonly externalTrafficPolicy?: ExternalTrafficPolicy;
}

const NODE_PORTS = new WeakMap<Construct, Map<number, string>>();

/**
 * A NodePort Service (section 9.3 of the lab): kube-proxy opens `nodePort` on every node
 * and forwards to the selected pods, whichever node they run on.
 *
 * @example
 * new NodePortService(chart, 'Service1NodePort', { selector: { app: 'nginx' }, port: 8888, targetPort: 80, nodePort: 30888 });
 * // curl <any-node-ip>:30888
 */
export class NodePortService extends ServiceBase {
  /** The node port, if fixed. */
  public readonly nodePort?: number;

  constructor(scope: Construct, id: string, props: NodePortServiceProps) {
    const path = pathOf(scope, id);
    if (props.nodePort !== undefined) {
      validateNodePort(path, 'spec.ports[0].nodePort', props.nodePort);
      const other = NODE_PORTS.get(App.of(scope))?.get(props.nodePort);
      if (other !== undefined) {
        reject(path, 'spec.ports[0].nodePort', `${props.nodePort} is already used by ${other}; allowed: a nodePort not used elsewhere in this app`);
      }
    }
    const policy = props.externalTrafficPolicy === undefined ? undefined
      : validateOneOf(path, 'spec.externalTrafficPolicy', props.externalTrafficPolicy, Object.values(ExternalTrafficPolicy));
    super(scope, id, props, { type: 'NodePort', nodePort: props.nodePort, externalTrafficPolicy: policy });
    this.nodePort = props.nodePort;
    if (props.nodePort !== undefined) {
      const used = NODE_PORTS.get(App.of(this)) ?? new Map<number, string>();
      used.set(props.nodePort, this.node.path);
      NODE_PORTS.set(App.of(this), used);
    }
  }
}
