import { Construct } from 'constructs';
import { FieldPath } from '../core/field-path';
import { Problem } from '../core/problem';
import { oneOfProblems } from '../validation/values';
import { ServiceBase, ServiceOptions } from './service-base';
import { nodePortProblems } from './service-rules';

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
 */
export class NodePortService extends ServiceBase {
  /** The node port, if fixed. */
  public readonly nodePort?: number;

  constructor(scope: Construct, id: string, props: NodePortServiceProps) {
    super(scope, id, props, { type: 'NodePort', nodePort: props.nodePort, externalTrafficPolicy: props.externalTrafficPolicy });
    this.nodePort = props.nodePort;
  }

  /**
   * nodePort and externalTrafficPolicy; uniqueness of the nodePort across the app is an app-wide check (CrossObjectChecks, at synth).
   * @internal
   */
  protected _typeProblems(props: NodePortServiceProps): Problem[] {
    return [
      ...(props.nodePort !== undefined ? nodePortProblems(FieldPath.spec('ports').index(0).child('nodePort'), props.nodePort) : []),
      ...(props.externalTrafficPolicy !== undefined
        ? oneOfProblems(FieldPath.spec('externalTrafficPolicy'), props.externalTrafficPolicy, Object.values(ExternalTrafficPolicy)) : []),
    ];
  }
}
