/**
 * What every cdk8s-expose Service takes and exposes; ClusterIpService, NodePortService,
 * ExternalIpService and LoadBalancerService differ only in `spec.type` and their own fields.
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
import { annotationsProblems } from '../validation/metadata-rules';
import { NameKind, resolveName } from '../validation/object-names';
import { nodePortRangeOf } from '../app-checks/node-port-range';
import { IpFamily, IpFamilyPolicy } from './service-enums';
import { ipFamiliesProblems, ServicePortInput, servicePortsProblems } from './service-rules';

/**
 * One more port of a Service (the first is `port`, `targetPort`, `protocol`, `portName`).
 * @experimental
 */
export interface ServicePort {
  /**
   * Name of the port: required when a Service has several ports, unique in the Service
   * (an IANA_SVC_NAME, so an Ingress or route can refer to it).
   */
  readonly name: string;
  /** The Service port. */
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
   * The port opened on every node (NodePortService and LoadBalancerService only), in the app's
   * nodePort range.
   * @default - allocated by the API server (NodePort, LoadBalancer); none (ClusterIP)
   */
  readonly nodePort?: number;
}

/**
 * Props shared by ClusterIpService, NodePortService, ExternalIpService and LoadBalancerService.
 * @stable
 */
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
  /**
   * More ports, after the first one (`port`): each named (and then `portName` is required too),
   * names and port+protocol pairs unique.
   * @default - the Service has one port
   */
  readonly additionalPorts?: ServicePort[];
  /**
   * Annotations of the Service (cloud load-balancer settings, external-dns hostnames ...).
   * @default - none
   */
  readonly annotations?: { [key: string]: string };
  /**
   * `spec.ipFamilyPolicy`: single-stack or dual-stack.
   * @default - the API server's default (SingleStack)
   */
  readonly ipFamilyPolicy?: IpFamilyPolicy;
  /**
   * `spec.ipFamilies`, in order of preference: at most one IPv4 and one IPv6; two need a dual-stack policy.
   * @default - the cluster's primary family (and the other one for a dual-stack policy on a dual-stack cluster)
   */
  readonly ipFamilies?: IpFamily[];
}

/**
 * The type-specific part a subclass hands to {@link ServiceBase}.
 * @stable
 */
export interface ServiceTypeSpec {
  /** `spec.type`. */
  readonly type: string;
  /** `spec.ports[0].nodePort`, for NodePort Services. */
  readonly nodePort?: number;
  /** `spec.externalIPs`. */
  readonly externalIPs?: string[];
  /** `spec.externalTrafficPolicy`. */
  readonly externalTrafficPolicy?: string;
  /**
   * Whether the ports may have a nodePort (NodePort and LoadBalancer Services).
   * @default false
   */
  readonly allowsNodePorts?: boolean;
  /** `spec.loadBalancerClass`. */
  readonly loadBalancerClass?: string;
  /** `spec.loadBalancerSourceRanges`. */
  readonly loadBalancerSourceRanges?: string[];
  /** `spec.allocateLoadBalancerNodePorts`. */
  readonly allocateLoadBalancerNodePorts?: boolean;
}

/**
 * Base of the cdk8s-expose Services: validates the shared options and builds the object.
 * @stable
 */
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
  /** The first port's name, if any. */
  public readonly portName?: string;
  /** The synthesised Service. */
  public readonly apiObject: ApiObject;

  /** Every port: the first (`port`; its name '' when unnamed), then `additionalPorts`. */
  public readonly ports: ServicePort[];

  protected constructor(scope: Construct, id: string, props: ServiceOptions, typeSpec: ServiceTypeSpec) {
    super(scope, id);
    const name = resolveName(this, props.name, NameKind.DNS1035_LABEL);
    const ports = servicePorts(props, typeSpec);
    new ProblemList()
      .add(labelsProblems(FieldPath.spec('selector'), props.selector, true))
      .add(props.labels ? labelsProblems(FieldPath.metadata('labels'), props.labels) : [])
      .add(props.annotations ? annotationsProblems(FieldPath.metadata('annotations'), props.annotations) : [])
      .add(servicePortsProblems(FieldPath.spec('ports'), ports,
        { type: typeSpec.type, range: typeSpec.allowsNodePorts ? nodePortRangeOf(this) : undefined }))
      .add(props.ipFamilyPolicy !== undefined || props.ipFamilies
        ? ipFamiliesProblems(FieldPath.spec(), props.ipFamilyPolicy, props.ipFamilies ?? []) : [])
      .add(this._typeProblems(props))
      .throwIfAny(this);
    CrossObjectChecks.of(this);

    this.name = name;
    this.selector = { ...props.selector };
    this.port = props.port;
    this.targetPort = props.targetPort ?? props.port;
    this.protocol = ports[0].protocol as Protocol;
    this.portName = props.portName;
    this.ports = ports.map(p => ({
      name: p.name ?? '', port: p.port, targetPort: p.targetPort ?? p.port, protocol: p.protocol as Protocol, nodePort: p.nodePort,
    }));
    this.apiObject = new k8s.KubeService(this, 'Resource', {
      metadata: { name, labels: props.labels, annotations: props.annotations ? { ...props.annotations } : undefined },
      spec: {
        type: typeSpec.type,
        selector: { ...props.selector },
        externalIPs: typeSpec.externalIPs,
        externalTrafficPolicy: typeSpec.externalTrafficPolicy,
        ipFamilyPolicy: props.ipFamilyPolicy,
        ipFamilies: props.ipFamilies ? [...props.ipFamilies] : undefined,
        loadBalancerClass: typeSpec.loadBalancerClass,
        loadBalancerSourceRanges: typeSpec.loadBalancerSourceRanges,
        allocateLoadBalancerNodePorts: typeSpec.allocateLoadBalancerNodePorts,
        ports: ports.map(p => ({
          name: p.name,
          protocol: p.protocol,
          port: p.port,
          targetPort: k8s.IntOrString.fromNumber(p.targetPort ?? p.port),
          nodePort: p.nodePort,
        })),
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

/** The ports of a Service with the defaults applied: the first from the flat props, then `additionalPorts`. */
function servicePorts(props: ServiceOptions, typeSpec: ServiceTypeSpec): ServicePortInput[] {
  const first = { name: props.portName, port: props.port, targetPort: props.targetPort, protocol: props.protocol ?? Protocol.TCP,
    nodePort: typeSpec.nodePort };
  return [first, ...(props.additionalPorts ?? []).map(p => ({
    name: p.name, port: p.port, targetPort: p.targetPort, protocol: p.protocol ?? Protocol.TCP, nodePort: p.nodePort,
  }))];
}
