/**
 * What every cdk8s-expose Service takes and exposes; ClusterIpService, NodePortService and
 * ExternalIpService differ only in `spec.type` and their own fields.
 */
import { ApiObject } from 'cdk8s';
import * as k8s from '../../imports/k8s';
import { Construct } from 'constructs';
import { CrossObjectChecks } from '../app-checks/cross-object-checks';
import { Protocol } from '../core/enums';
import { ProblemList } from '../core/errors';
import { FieldPath } from '../core/field-path';
import { Problem } from '../core/problem';
import { labelsProblems } from '../validation/labels';
import { NameKind, resolveName } from '../validation/object-names';
import { portNumberProblems } from '../validation/ports';
import { oneOfProblems } from '../validation/values';
import { servicePortNameProblems } from './service-rules';

/** Props shared by ClusterIpService, NodePortService and ExternalIpService. */
export interface ServiceOptions {
  /**
   * Labels of the pods to send traffic to. Pass `workload.labels` of a cdk8s-expose
   * workload, or `deployment.matchLabels` of a cdk8s-plus workload.
   */
  readonly selector: { [key: string]: string };
  /** The Service port (what clients connect to on the cluster IP). */
  readonly port: number;
  /**
   * The pods' port.
   * @default - same as `port`
   */
  readonly targetPort?: number;
  /**
   * Protocol.
   * @default Protocol.TCP
   */
  readonly protocol?: Protocol;
  /**
   * Name of the Service port. An Ingress can refer to it only if it is a valid
   * IANA_SVC_NAME (at most 15 characters), which is what is enforced here.
   * @default - unnamed
   */
  readonly portName?: string;
  /**
   * `metadata.name` (a DNS-1035 label: starts with a letter).
   * @default - derived from the construct id (`Service1NodePort` -> `service1-node-port`)
   */
  readonly name?: string;
  /**
   * Labels of the Service object itself.
   * @default - none
   */
  readonly labels?: { [key: string]: string };
}

/** The type-specific part a subclass hands to {@link ServiceBase}. */
export interface ServiceTypeSpec {
  /** `spec.type`. */
  readonly type: string;
  /** `spec.ports[0].nodePort`, for NodePort Services. */
  readonly nodePort?: number;
  /** `spec.externalIPs`. */
  readonly externalIPs?: string[];
  /** `spec.externalTrafficPolicy`. */
  readonly externalTrafficPolicy?: string;
}

/** Base of the cdk8s-expose Services: validates the shared options and builds the object. */
export abstract class ServiceBase extends Construct {
  /** `metadata.name`. */
  public readonly name: string;
  /** The pods' labels it selects. */
  public readonly selector: { [key: string]: string };
  /** The Service port. */
  public readonly port: number;
  /** The pods' port. */
  public readonly targetPort: number;
  /** Protocol. */
  public readonly protocol: Protocol;
  /** The Service port name, if any. */
  public readonly portName?: string;
  /** The synthesised Service. */
  public readonly apiObject: ApiObject;

  protected constructor(scope: Construct, id: string, props: ServiceOptions, typeSpec: ServiceTypeSpec) {
    super(scope, id);
    const name = resolveName(this, props.name, NameKind.DNS1035_LABEL);
    const targetPort = props.targetPort ?? props.port;
    const protocol = props.protocol ?? Protocol.TCP;
    const port = FieldPath.spec('ports').index(0);
    new ProblemList()
      .add(labelsProblems(FieldPath.spec('selector'), props.selector, true))
      .add(props.labels ? labelsProblems(FieldPath.metadata('labels'), props.labels) : [])
      .add(portNumberProblems(port.child('port'), props.port))
      .add(props.targetPort !== undefined ? portNumberProblems(port.child('targetPort'), props.targetPort) : [])
      .add(oneOfProblems(port.child('protocol'), protocol, Object.values(Protocol)))
      .add(props.portName !== undefined ? servicePortNameProblems(port.child('name'), props.portName) : [])
      .add(this._typeProblems(props))
      .throwIfAny(this);
    CrossObjectChecks.of(this);

    this.name = name;
    this.selector = { ...props.selector };
    this.port = props.port;
    this.targetPort = targetPort;
    this.protocol = protocol;
    this.portName = props.portName;
    this.apiObject = new k8s.KubeService(this, 'Resource', {
      metadata: { name, labels: props.labels },
      spec: {
        type: typeSpec.type,
        selector: { ...props.selector },
        externalIPs: typeSpec.externalIPs,
        externalTrafficPolicy: typeSpec.externalTrafficPolicy,
        ports: [{
          name: props.portName,
          protocol,
          port: props.port,
          targetPort: k8s.IntOrString.fromNumber(targetPort),
          nodePort: typeSpec.nodePort,
        }],
      },
    });
  }

  /**
   * The problems of a subclass's own props, listed in one error with those of the shared options.
   * Called from the constructor: it may read only `props`.
   * @internal
   */
  protected _typeProblems(_props: ServiceOptions): Problem[] {
    return [];
  }
}
