/**
 * The pods of the manifests (bare Pods and the pod templates of workloads), and which of them
 * are an ingress controller.
 */
import { GraphBuilder, SourcedObject } from './graph';
import { TopologyNodeKind, TopologyZone } from './types';

const TEMPLATE_KINDS = ['Deployment', 'DaemonSet', 'StatefulSet', 'ReplicaSet', 'ReplicationController', 'Job'];

/** One container port. */
export interface PodPort {
  readonly name?: string;
  readonly containerPort: number;
  readonly hostPort?: number;
  readonly hostIP?: string;
  readonly protocol: string;
}

/** The pods of one workload. */
export interface PodGroup {
  readonly object: SourcedObject;
  readonly labels: Record<string, string>;
  readonly hostNetwork: boolean;
  /** A DaemonSet: one pod on every (matching) node. */
  readonly everyNode: boolean;
  readonly ports: PodPort[];
  readonly images: string[];
  readonly args: string[];
  readonly replicas?: number;
  /** Set when the pods are an ingress controller. */
  readonly controller?: ControllerInfo;
}

/** What an ingress controller's flags say. */
export interface ControllerInfo {
  /** IngressClass names it serves (`--ingress-class`). */
  readonly ingressClasses: string[];
  readonly sslPassthrough: boolean;
  /** `namespace/name` of `--default-backend-service`. */
  readonly defaultBackend?: string;
}

/** Pod groups of the objects, in their order. */
export function podGroups(objects: SourcedObject[]): PodGroup[] {
  const out: PodGroup[] = [];
  for (const o of objects) {
    const template = o.kind === 'Pod' ? o.json : TEMPLATE_KINDS.includes(o.kind) ? o.json.spec?.template : o.kind === 'CronJob' ? o.json.spec?.jobTemplate?.spec?.template : undefined;
    if (!template) continue;
    const spec = template.spec ?? {};
    const containers: any[] = [...(spec.initContainers ?? []).filter((c: any) => c.restartPolicy === 'Always'), ...(spec.containers ?? [])];
    const ports: PodPort[] = containers.flatMap(c => (c.ports ?? []).map((p: any) => ({
      name: p.name, containerPort: p.containerPort, hostPort: p.hostPort, hostIP: p.hostIP, protocol: p.protocol ?? 'TCP',
    })));
    const args = containers.flatMap(c => [...(c.command ?? []), ...(c.args ?? [])].map(String));
    const images = containers.map(c => String(c.image));
    out.push({
      object: o,
      labels: template.metadata?.labels ?? {},
      hostNetwork: spec.hostNetwork === true,
      everyNode: o.kind === 'DaemonSet',
      ports,
      images,
      args,
      replicas: o.kind === 'Pod' || o.kind === 'DaemonSet' ? undefined : o.json.spec?.replicas ?? 1,
      controller: controllerInfo(o, args, images),
    });
  }
  return out;
}

function flag(args: string[], name: string): string | undefined {
  const hit = args.find(a => a.startsWith(`--${name}=`));
  return hit === undefined ? undefined : hit.slice(name.length + 3);
}

/** ingress-nginx's flags (cmd/nginx/flags.go); `$(POD_NAMESPACE)` is the workload's namespace. */
function controllerInfo(o: SourcedObject, args: string[], images: string[]): ControllerInfo | undefined {
  const isController = args.some(a => a.startsWith('--ingress-class=') || a.startsWith('--controller-class='))
    || images.some(i => /ingress-nginx[/-]controller/.test(i));
  if (!isController) return undefined;
  const cls = flag(args, 'ingress-class') ?? 'nginx';
  const backend = flag(args, 'default-backend-service')?.replace('$(POD_NAMESPACE)', o.namespace);
  return { ingressClasses: [cls], sslPassthrough: args.includes('--enable-ssl-passthrough'), defaultBackend: backend };
}

export function podsNodeId(p: PodGroup): string {
  return `pods/${p.object.namespace}/${p.object.kind}/${p.object.name}`;
}

export function controllerNodeId(p: PodGroup): string {
  return `hop/controller/${p.object.namespace}/${p.object.name}`;
}

/** Where the pods run, in words. */
export function whereItRuns(p: PodGroup): string {
  return p.everyNode ? 'every node' : `node of ${p.object.name}`;
}

/**
 * The node of a pod group: its pods, or, for an ingress controller, the controller hop (which
 * is what a Service in front of it reaches).
 */
export function addPodsNode(g: GraphBuilder, p: PodGroup): string {
  if (p.controller) return controllerNodeId(p);
  const count = p.everyNode ? 'one pod per node' : p.replicas === undefined ? '' : `${p.replicas} replica${p.replicas === 1 ? '' : 's'}`;
  return g.node({
    id: podsNodeId(p),
    kind: TopologyNodeKind.PODS,
    zone: p.hostNetwork ? TopologyZone.NODES : TopologyZone.CLUSTER,
    label: `${p.object.kind} ${p.object.name}`,
    details: [...p.images, ...(count ? [count] : []), ...(p.hostNetwork ? ['host network'] : [])],
    group: p.object.group,
    namespace: p.object.namespace,
    objectName: p.object.name,
    objectKind: p.object.kind,
  });
}
