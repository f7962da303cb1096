import { Construct } from 'constructs';
import { Problem } from '../core/problem';
import { ServiceBase, ServiceOptions } from './service-base';
import { ExternalTrafficPolicy } from './service-enums';
import { externalTrafficPolicyProblems } from './service-rules';

export { ExternalTrafficPolicy } from './service-enums';

/**
 * Props of {@link NodePortService}.
 * @stable
 */
export interface NodePortServiceProps extends ServiceOptions {
  /**
   * The port opened on every node, in 30000-32767 (or the range declared for the app with
   * `CrossObjectChecks.declareNodePortRange`). Unique in the app (the API server
   * refuses a nodePort that is already allocated; the app-wide checks report a reuse at synth).
   * @default - allocated by the API server (a different port on each cluster)
   */
  readonly nodePort?: number;
  /**
   * External traffic policy.
   * @default ExternalTrafficPolicy.CLUSTER
   */
  readonly externalTrafficPolicy?: ExternalTrafficPolicy;
}

/**
 * A NodePort Service: kube-proxy opens `nodePort` on every node
 * and forwards to the selected pods, whichever node they run on.
 *
 * @example
 * new NodePortService(chart, 'Service1NodePort', { selector: { app: 'nginx' }, port: 8888, targetPort: 80, nodePort: 30888 });
 * // curl <any-node-ip>:30888
 * @stable
 */
export class NodePortService extends ServiceBase {
  /** The node port, if fixed. */
  public readonly nodePort?: number;

  constructor(scope: Construct, id: string, props: NodePortServiceProps) {
    super(scope, id, props, { type: 'NodePort', nodePort: props.nodePort, externalTrafficPolicy: props.externalTrafficPolicy, allowsNodePorts: true });
    this.nodePort = props.nodePort;
  }

  /**
   * externalTrafficPolicy (the nodePorts are checked with every port, in the app's nodePort range); uniqueness of the nodePort
   * across the app is an app-wide check (CrossObjectChecks, at synth).
   * @internal
   */
  protected _typeProblems(props: NodePortServiceProps): Problem[] {
    return externalTrafficPolicyProblems(props.externalTrafficPolicy);
  }
}
