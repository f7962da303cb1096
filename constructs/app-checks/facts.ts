/**
 * The facts the app-wide rule families read: every ApiObject's synthesised JSON, the pod
 * templates among them, the registered ingress controllers and the declared external Secrets.
 */
import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { renderOf } from './render-cache';

/** What an ingress controller in the app tells the checks about itself. */
export interface IngressControllerFacts {
  /** The IngressClass it serves. */
  readonly ingressClassName: string;
  /** Whether it runs with `--enable-ssl-passthrough`. */
  readonly sslPassthroughEnabled: boolean;
  /** Ports it opens on each node it runs on (hostNetwork or hostPort); empty if none. */
  readonly hostPorts: number[];
  /**
   * Node labels it is restricted to.
   * @default - every node
   */
  readonly nodeSelector?: { [key: string]: string };
}

/** The deprecated IngressClass annotation (the API server rejects it together with `spec.ingressClassName`). */
export const INGRESS_CLASS_ANNOTATION = 'kubernetes.io/ingress.class';

/** Construct metadata types the checks collect. */
export const CONTROLLER_METADATA = 'cdk8s-expose:ingress-controller';
export const EXTERNAL_SECRET_METADATA = 'cdk8s-expose:external-secret';
export const NODE_ADDRESSES_METADATA = 'cdk8s-expose:node-addresses';

const WORKLOAD_KINDS = ['Deployment', 'DaemonSet', 'StatefulSet', 'ReplicaSet', 'Job', 'ReplicationController'];

/** One synthesised object. */
export interface ObjectFacts {
  readonly path: string;
  readonly json: any;
  readonly namespace: string;
}

/** One pod template (of a Pod, a workload or a CronJob). */
export interface PodFacts {
  readonly path: string;
  /** Pods of a registered ingress controller: its facts list the ports they open. */
  readonly ownedByController: boolean;
  readonly owner: string;
  readonly namespace: string;
  readonly labels: Record<string, string>;
  readonly spec: any;
}

/** A registered ingress controller and where it is. */
export interface ControllerFacts extends IngressControllerFacts {
  readonly path: string;
}

/** Everything the rule families see. */
export interface AppFacts {
  readonly objects: ObjectFacts[];
  readonly pods: PodFacts[];
  readonly controllers: ControllerFacts[];
  readonly externalSecrets: Array<{ name: string; namespace: string }>;
  /** IPs of the cluster's nodes, as declared (`CrossObjectChecks.declareNodeAddresses`). */
  readonly nodeAddresses?: string[];
}

/** A port a pod opens on its node: a hostPort, or a container port on the host network. */
export interface PodNodePort {
  /** The container that opens it (sidecar init containers included). */
  readonly container: any;
  readonly port: number;
  readonly protocol: string;
  /** The host IP it binds; '' on the host network (every address of the node). */
  readonly hostIp: string;
  readonly hostNetwork: boolean;
}

/**
 * Every port `pod` opens on its node: hostPorts, and on the host network every container port
 * (its hostPort, when set, equals it). Sidecars (init containers with restartPolicy Always) count.
 */
export function nodePortsOfPod(pod: PodFacts): PodNodePort[] {
  const spec = pod.spec ?? {};
  const out: PodNodePort[] = [];
  const containers = [...(spec.initContainers ?? []).filter((c: any) => c.restartPolicy === 'Always'), ...(spec.containers ?? [])];
  for (const container of containers) {
    for (const p of container.ports ?? []) {
      const port = spec.hostNetwork ? (p.hostPort ?? p.containerPort) : p.hostPort;
      if (typeof port !== 'number' || !port) continue;
      out.push({ container, port, protocol: p.protocol ?? 'TCP', hostIp: spec.hostNetwork ? '' : (p.hostIP ?? ''), hostNetwork: spec.hostNetwork === true });
    }
  }
  return out;
}

/** `undefined` and `''` are the `default` namespace. */
export function normalizeNamespace(ns: string | undefined): string {
  return ns === undefined || ns === '' ? 'default' : ns;
}

/** The IngressClass of an Ingress: `spec.ingressClassName`, else the deprecated annotation. */
export function ingressClassOf(json: any): string {
  return json.spec?.ingressClassName ?? json.metadata?.annotations?.[INGRESS_CLASS_ANNOTATION] ?? '';
}

/**
 * Lookups over one AppFacts, built once on first use and shared by every family (the facts are
 * not changed after collectFacts): families look objects up here instead of scanning, so the
 * checks grow linearly with the app.
 */
interface FactIndex {
  readonly byKind: Map<unknown, ObjectFacts[]>;
  readonly podsByPath: Map<string, PodFacts[]>;
  /** namespace -> metadata.name -> the first Service of that name (in object order). */
  readonly servicesByName: Map<string, Map<unknown, ObjectFacts>>;
}

const indexes = new WeakMap<AppFacts, FactIndex>();

function indexOf(facts: AppFacts): FactIndex {
  let index = indexes.get(facts);
  if (index) return index;
  const byKind = new Map<unknown, ObjectFacts[]>();
  const servicesByName = new Map<string, Map<unknown, ObjectFacts>>();
  for (const o of facts.objects) {
    const kind = o.json.kind;
    let list = byKind.get(kind);
    if (!list) byKind.set(kind, list = []);
    list.push(o);
    if (kind === 'Service') {
      let names = servicesByName.get(o.namespace);
      if (!names) servicesByName.set(o.namespace, names = new Map());
      const name = o.json.metadata?.name;
      if (!names.has(name)) names.set(name, o);
    }
  }
  const podsByPath = new Map<string, PodFacts[]>();
  for (const p of facts.pods) {
    const list = podsByPath.get(p.path);
    if (list) list.push(p);
    else podsByPath.set(p.path, [p]);
  }
  index = { byKind, podsByPath, servicesByName };
  indexes.set(facts, index);
  return index;
}

/** The objects of one kind, in object order (an array shared by every family: read it, do not change it). */
export function objectsOfKind(facts: AppFacts, kind: string): ObjectFacts[] {
  return indexOf(facts).byKind.get(kind) ?? [];
}

/** The Ingresses of the app. */
export function ingressesOf(facts: AppFacts): ObjectFacts[] {
  return objectsOfKind(facts, 'Ingress');
}

/** The Services of the app. */
export function servicesOf(facts: AppFacts): ObjectFacts[] {
  return objectsOfKind(facts, 'Service');
}

/** The first Service named `name` in `namespace` (in object order), if any. */
export function serviceNamed(facts: AppFacts, namespace: string, name: unknown): ObjectFacts | undefined {
  return indexOf(facts).servicesByName.get(namespace)?.get(name);
}

/** The pod templates reported at `path` (those of the object(s) at that construct path). */
export function podsAt(facts: AppFacts, path: string): PodFacts[] {
  return indexOf(facts).podsByPath.get(path) ?? [];
}

/** `chart/Web/Resource` -> `chart/Web`: report the construct a user wrote, not its L1 child. */
function reportPath(obj: ApiObject): string {
  const p = obj.node.path;
  return p.endsWith('/Resource') ? p.slice(0, -'/Resource'.length) : p;
}

/** The pod (template) of a Pod, a workload or a CronJob, as `{ metadata, spec }`. */
function podTemplateOf(json: any): any {
  if (json.kind === 'Pod') return json;
  if (WORKLOAD_KINDS.includes(json.kind)) return json.spec?.template;
  if (json.kind === 'CronJob') return json.spec?.jobTemplate?.spec?.template;
  return undefined;
}

/** Collects the facts of the tree under `root` as it is now. */
export function collectFacts(root: IConstruct): AppFacts {
  const objects: ObjectFacts[] = [];
  const pods: PodFacts[] = [];
  const controllers: ControllerFacts[] = [];
  const externalSecrets: Array<{ name: string; namespace: string }> = [];
  const nodeAddresses: string[] = [];
  const all = root.node.findAll();
  const controllerPaths: string[] = [];
  for (const c of all) {
    for (const m of c.node.metadata) {
      if (m.type === CONTROLLER_METADATA) {
        controllers.push({ ...(m.data as IngressControllerFacts), path: c.node.path });
        controllerPaths.push(c.node.path + '/');
      }
      if (m.type === EXTERNAL_SECRET_METADATA) externalSecrets.push(m.data);
      if (m.type === NODE_ADDRESSES_METADATA) nodeAddresses.push(...(m.data as string[]));
    }
  }
  for (const c of all) {
    if (!(c instanceof ApiObject)) continue;
    const json = renderOf(root, c);
    const path = reportPath(c);
    const namespace = normalizeNamespace(json.metadata?.namespace);
    objects.push({ path, json, namespace });
    const template = podTemplateOf(json);
    if (template) {
      pods.push({
        path, owner: `${json.kind}/${json.metadata?.name}`, namespace, labels: template.metadata?.labels ?? {}, spec: template.spec ?? {},
        // the controller's own pods are accounted for by its facts (they list ports its pods don't declare)
        ownedByController: controllerPaths.some(p => c.node.path.startsWith(p)),
      });
    }
  }
  return { objects, pods, controllers, externalSecrets, nodeAddresses };
}
