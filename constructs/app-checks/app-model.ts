/**
 * One model of an app: what its rendered objects say, typed, built once (per
 * `CrossObjectChecks.run()`, per `Topology`) and read by the app-wide checks and the topology
 * alike. Built by `buildAppModel` (model-builder.ts) from the objects and the facts their
 * constructs attached; the kinds of a routing target (Ingress, Gateway API routes ...) are read
 * by that target's {@link ModelReader}.
 *
 * Everything here is read-only for its readers: families and the topology share one model.
 */
import { ApiObject } from 'cdk8s';
import { IngressControllerFacts } from './facts';
import { NodePortRange } from './node-port-range';

/** One rendered object. */
export interface ModelObject {
  /** Construct path of the object a user wrote (`chart/Web`, not `chart/Web/Resource`); `<group>/<kind>/<name>` for plain JSON. */
  readonly path: string;
  /** The chart (its id) or file it came from; `''` when the model was built for the checks. */
  readonly group: string;
  /** As rendered (`toJson()`). */
  readonly json: any;
  readonly apiVersion: string;
  readonly kind: string;
  /** `metadata.name` ('' when there is none). */
  readonly name: string;
  /** Normalised: `default` for none. */
  readonly namespace: string;
  /** The ApiObject, when the model was built from constructs. */
  readonly construct?: ApiObject;
}

/** One container port. */
export interface ContainerPort {
  readonly name?: string;
  readonly containerPort: number;
  readonly hostPort?: number;
  readonly hostIP?: string;
  /** Default `TCP`. */
  readonly protocol: string;
}

/** A container that runs for the pod's lifetime (sidecar init containers included). */
export interface ModelContainer {
  readonly name: string;
  readonly image: string;
  /** `command` then `args`, as strings. */
  readonly args: string[];
  readonly ports: ContainerPort[];
}

/** A port a pod opens on its node: a hostPort, or a container port on the host network. */
export interface PodNodePort {
  readonly containerName: string;
  readonly port: number;
  readonly protocol: string;
  /** The host IP it binds; '' on the host network (every address of the node). */
  readonly hostIp: string;
  readonly hostNetwork: boolean;
}

/** A Secret a pod mounts (not optional). */
export interface SecretVolume {
  readonly field: string;
  readonly name: string;
}

/** The pod template of a Pod, a workload (Deployment, DaemonSet ...) or a CronJob. */
export interface PodTemplate {
  readonly object: ModelObject;
  /** `Deployment/web`. */
  readonly owner: string;
  readonly namespace: string;
  readonly labels: Record<string, string>;
  /** The pod spec as rendered (compared whole by `service-pod-templates`). */
  readonly spec: any;
  /** Sidecar init containers (restartPolicy Always), then the containers. */
  readonly containers: ModelContainer[];
  /** Every port of `containers`, in order. */
  readonly ports: ContainerPort[];
  readonly images: string[];
  readonly hostNetwork: boolean;
  readonly nodeSelector: Record<string, string>;
  readonly hasAffinity: boolean;
  /** A DaemonSet: one pod on every (matching) node. */
  readonly everyNode: boolean;
  /** Pods a workload keeps (undefined for a Pod or a DaemonSet). */
  readonly replicas?: number;
  readonly secretVolumes: SecretVolume[];
  /** Ports it opens on its node. */
  readonly nodePorts: PodNodePort[];
  /** Pods of a registered ingress controller: the controller's facts list the ports they open. */
  readonly ownedByController: boolean;
  /** Set when these pods are an ingress controller (as a reader recognised them). */
  readonly controller?: IngressController;
}

/** One port of a Service. */
export interface ModelServicePort {
  /** Its index in `spec.ports`. */
  readonly index: number;
  readonly name?: string;
  readonly port: number;
  readonly targetPort?: number | string;
  readonly nodePort?: number;
  /** Default `TCP`. */
  readonly protocol: string;
  readonly appProtocol?: string;
}

/** A `v1` Service. */
export interface ModelService {
  readonly object: ModelObject;
  readonly namespace: string;
  /** `metadata.name` as rendered. */
  readonly name: any;
  /** Default `ClusterIP`. */
  readonly type: string;
  /** As rendered (undefined: none). */
  readonly selector?: Record<string, string>;
  readonly ports: ModelServicePort[];
  readonly externalIPs: string[];
  readonly externalName?: string;
}

/** An ingress controller: registered by its construct, or read from the flags of its pods. */
export interface IngressController extends IngressControllerFacts {
  /** Construct path of the registered controller, or the path of its pods' workload. */
  readonly path: string;
  /** Whether a construct registered it (its facts then come from the construct, not from the flags). */
  readonly registered: boolean;
  /**
   * `namespace/name` of the Service requests for unknown hosts go to (`--default-backend-service`).
   * @default - none
   */
  readonly defaultBackend?: string;
}

/** What a reader saw of a pod template that is an ingress controller. */
export interface ControllerReading {
  readonly ingressClassName: string;
  readonly sslPassthroughEnabled: boolean;
  readonly defaultBackend?: string;
}

/** The kinds of objects a reference can name. */
export type ReferencedKind = 'Secret' | 'ConfigMap';

/** What a referenced Secret or ConfigMap is for. */
export type ReferenceUse = 'certificate' | 'backend-ca' | 'volume';

/** A field of an object that names a Secret or ConfigMap. */
export interface ObjectReference {
  readonly from: ModelObject;
  /** The field that names it: `spec.tls[0].secretName`, `spec.listeners[1].tls.certificateRefs[0]`. */
  readonly field: string;
  readonly kind: ReferencedKind;
  readonly name: string;
  /** Normalised. */
  readonly namespace: string;
  readonly use: ReferenceUse;
}

/** A Secret that something in the app creates (a cert-manager shim), as `namespace` + `name`. */
export interface IssuedSecret {
  readonly name: string;
  readonly namespace: string;
}

/** The Service a route sends to, and the fields that name it. */
export interface RouteBackend {
  readonly serviceName: any;
  readonly namespace: string;
  readonly port?: number;
  readonly portName?: string;
  /** The backend: `spec.rules[0].http.paths[0].backend.service`, `spec.rules[0].backendRefs[0]`. */
  readonly field: string;
  /** Where its port number is: `<field>.port.number`, `<field>.port`. */
  readonly portField: string;
  /** Where its port name is: `<field>.port.name` (Ingress). */
  readonly portNameField: string;
  /** The gateway re-encrypts to it and verifies it (Gateway API: a BackendTLSPolicy on the Service). */
  readonly verified: boolean;
}

/** A path a route matches. */
export interface RouteMatch {
  /** `/` when none is given. */
  readonly path: string;
  readonly pathType?: string;
  readonly field: string;
}

/** Where TLS ends for a route's host. */
export type RouteTlsMode = 'NONE' | 'TERMINATE' | 'PASSTHROUGH';

/** TLS of an Ingress route's host. */
export interface RouteTls {
  readonly mode: RouteTlsMode;
  /** TERMINATE: the Secret served for the host, as the object names it (undefined: the controller's default certificate). */
  readonly secretName?: string;
  /** The field naming it. */
  readonly secretField?: string;
}

/** A Gateway API listener. */
export interface ModelListener {
  readonly name: string;
  readonly port: number;
  readonly protocol: string;
  readonly hostname?: string;
  /** `Terminate` unless the listener says `Passthrough`. */
  readonly tlsMode: string;
  readonly field: string;
}

/** A Gateway API Gateway. */
export interface ModelGateway {
  readonly object: ModelObject;
  readonly className: string;
  /** Its first address, if it has one. */
  readonly address?: string;
  readonly listeners: ModelListener[];
}

/** A Gateway a route attaches to (`parentRefs`), and its listeners that take the route. */
export interface RouteParent {
  readonly name: string;
  readonly namespace: string;
  readonly sectionName?: string;
  readonly port?: number;
  /** The Gateway, when it is among the objects. */
  readonly gateway?: ModelGateway;
  readonly listeners: ModelListener[];
}

/**
 * One routing rule of any target: an Ingress path (or its default backend), an HTTPRoute or
 * TLSRoute rule. Ingress routes have a class; Gateway API routes have parents.
 */
export interface Route {
  readonly object: ModelObject;
  /** The rule: `spec.rules[0].http.paths[0]`, `spec.defaultBackend`, `spec.rules[0]`. */
  readonly field: string;
  /** The hosts it serves; `*` for any. Gateway API: `spec.hostnames`, empty when it takes its listeners'. */
  readonly hosts: string[];
  /** Paths it matches (HTTP); empty for TLS and TCP routes. */
  readonly matches: RouteMatch[];
  readonly backends: RouteBackend[];
  /** Ingress: its IngressClass ('' when none). */
  readonly className?: string;
  /** Gateway API: where it attaches. */
  readonly parents: RouteParent[];
  /** Ingress: how TLS is handled for its host. */
  readonly tls?: RouteTls;
  /** What the gateway speaks to the backends, as the object declares it (`HTTP`, `HTTPS`, `GRPC`, `GRPCS`). */
  readonly backendProtocol: string;
  /** The gateway verifies the backends' certificates (ingress-nginx `proxy-ssl-verify`). */
  readonly backendVerified: boolean;
  /** The CA it verifies them with. */
  readonly backendCa?: ObjectReference;
}

/** A port some node of the cluster serves: a pod's hostPort or host-network port, a controller's, a nodePort. */
export interface NodePortClaim {
  readonly port: number;
  readonly protocol: string;
  /** '' = every address of the node. */
  readonly hostIp: string;
  readonly pod?: PodTemplate;
  readonly podPort?: PodNodePort;
  readonly controller?: IngressController;
  readonly service?: ModelService;
}

/** The model of one app. */
export interface AppModel {
  readonly objects: ModelObject[];
  readonly pods: PodTemplate[];
  readonly services: ModelService[];
  /** Routes of every target, in the order of the readers, each in object order. */
  readonly routes: Route[];
  /** Fields that name a Secret or ConfigMap. */
  readonly references: ObjectReference[];
  /** Secrets a cert-manager shim or Certificate creates. */
  readonly issuedSecrets: IssuedSecret[];
  /** Registered controllers (tree order), then those read from pods. */
  readonly controllers: IngressController[];
  /** Pods' node ports (not a registered controller's), registered controllers' host ports, Services' nodePorts. */
  readonly nodePortClaims: NodePortClaim[];
  readonly externalSecrets: IssuedSecret[];
  /** IPs of the cluster's nodes, as declared (`CrossObjectChecks.declareNodeAddresses`). */
  readonly nodeAddresses: string[];
  /** The cluster's nodePort range as the app declares it (`CrossObjectChecks.declareNodePortRange`), else the API server's default. */
  readonly nodePortRange: NodePortRange;
}
