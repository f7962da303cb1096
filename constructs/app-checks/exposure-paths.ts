/**
 * Where the traffic of each exposure of an app really comes from, and which pod port it reaches:
 * what a NetworkPolicy must allow for the exposure to work in a namespace that denies by default
 * (read by `ExposureNetworkPolicies`, which renders the allow rules, and by the `network-policy`
 * check, which warns when a policy of the app denies a path).
 *
 * - a route (Ingress, HTTPRoute, TLSRoute) -> its backend Service's pods, from the ingress
 *   controller's pods of its class (its nodes when they run on the host network) or from the
 *   Gateway's data plane;
 * - a NodePort, LoadBalancer or externalIPs Service -> its pods, from anywhere (kube-proxy forwards
 *   clients, SNATed to a node address unless `externalTrafficPolicy: Local`);
 * - a hostPort -> the pod's container port, from anywhere (the CNI's portmap DNATs the client);
 * - an admission webhook -> its Service's pods, from the API server (addresses unknown to the app).
 *
 * Pods on the host network are left out: NetworkPolicies do not apply to them.
 */
import { AppModel, ModelService, PodTemplate, Route } from './app-model';
import { serviceNamed } from './model-builder';

/** Where traffic comes from. */
export enum TrafficSourceKind {
  /** Pods with these labels in this namespace. */
  PODS = 'PODS',
  /** Any address: clients through nodes, nodes, the API server. */
  ANYWHERE = 'ANYWHERE',
  /** A Gateway's data plane, or an ingress controller that is not in the app: where it runs is not known here. */
  UNKNOWN = 'UNKNOWN',
}

/** The source of one path. */
export interface TrafficSource {
  readonly kind: TrafficSourceKind;
  /** PODS: their namespace. */
  readonly namespace?: string;
  /** PODS: their labels (a selector of exactly them). */
  readonly podLabels?: Record<string, string>;
  /** For messages and policy names: `the ingress controller ingress-nginx-controller`, `anywhere`. */
  readonly description: string;
  /** Short, for object names: `ingress-nginx-controller`, `anywhere`. */
  readonly slug: string;
  /** UNKNOWN: the Gateway (`namespace/name`) or the IngressClass whose data plane it is. */
  readonly gateway?: { readonly name: string; readonly namespace: string };
  readonly ingressClassName?: string;
}

/** One way traffic reaches a pod port. */
export interface ExposurePath {
  /** The object that exposes (route, Service, pod, webhook configuration): its path, for findings. */
  readonly objectPath: string;
  /** What exposes, for messages: `Ingress svc1 (spec.rules[0].http.paths[0])`, `NodePort Service web :80`. */
  readonly what: string;
  /** The pods it reaches. */
  readonly pod: PodTemplate;
  /** Their port: a number, or a container port name. */
  readonly port: number | string;
  readonly protocol: string;
  readonly from: TrafficSource;
}

const ANYWHERE: TrafficSource = { kind: TrafficSourceKind.ANYWHERE, description: 'anywhere (clients through the nodes)', slug: 'anywhere' };

/** Whether a Service's selector selects these labels (an empty or missing one selects none). */
export function selectorSelects(selector: Record<string, string> | undefined, labels: Record<string, string>): boolean {
  const keys = Object.keys(selector ?? {});
  return keys.length > 0 && keys.every(k => labels[k] === selector![k]);
}

/** The pods a Service sends to (not on the host network), with the pod port of each of its ports. */
function serviceTargets(model: AppModel, s: ModelService, portFilter?: (p: ModelService['ports'][number]) => boolean) {
  const out: Array<{ pod: PodTemplate; port: number | string; protocol: string; servicePort: number }> = [];
  for (const pod of model.pods.filter(p => p.namespace === s.namespace && !p.hostNetwork && selectorSelects(s.selector, p.labels))) {
    for (const sp of s.ports.filter(p => !portFilter || portFilter(p))) {
      const t = sp.targetPort ?? sp.port;
      const named = typeof t === 'string' ? pod.ports.find(p => p.name === t) : undefined;
      out.push({ pod, port: named ? named.containerPort : t, protocol: sp.protocol, servicePort: sp.port });
    }
  }
  return out;
}

function podSource(pod: PodTemplate, what: string): TrafficSource {
  if (pod.hostNetwork) return { ...ANYWHERE, description: `the nodes running ${what} (host network)`, slug: 'nodes' };
  return { kind: TrafficSourceKind.PODS, namespace: pod.namespace, podLabels: { ...pod.labels }, description: `${what} (${pod.namespace}/${pod.object.name})`,
    slug: pod.object.name };
}

/** The sources of a route: its class's controllers' pods, or its Gateways' data planes. */
function routeSources(model: AppModel, route: Route): TrafficSource[] {
  if (route.parents.length > 0) {
    return route.parents.map(p => ({ kind: TrafficSourceKind.UNKNOWN, description: `the data plane of Gateway ${p.namespace}/${p.name}`,
      slug: p.name, gateway: { name: p.name, namespace: p.namespace } }));
  }
  const className = route.className ?? '';
  const pods = model.pods.filter(p => p.controller && p.controller.ingressClassName === className);
  if (pods.length === 0) {
    return [{ kind: TrafficSourceKind.UNKNOWN, description: `the ingress controller of class ${JSON.stringify(className)}`, slug: className || 'ingress',
      ingressClassName: className }];
  }
  return pods.map(p => podSource(p, `the ingress controller ${p.object.name}`));
}

function routePaths(model: AppModel, route: Route): ExposurePath[] {
  const out: ExposurePath[] = [];
  const sources = routeSources(model, route);
  for (const b of route.backends) {
    const s = serviceNamed(model, b.namespace, b.serviceName);
    if (!s) continue;
    const targets = serviceTargets(model, s, p => (b.port === undefined || p.port === b.port) && (b.portName === undefined || p.name === b.portName));
    for (const t of targets) {
      for (const from of sources) {
        out.push({ objectPath: route.object.path, what: `${route.object.kind} ${route.object.name} (${route.field})`, pod: t.pod, port: t.port,
          protocol: t.protocol, from });
      }
    }
  }
  return out;
}

function servicePaths(model: AppModel): ExposurePath[] {
  const out: ExposurePath[] = [];
  for (const s of model.services) {
    const external = s.type === 'NodePort' || s.type === 'LoadBalancer' || s.externalIPs.length > 0;
    if (!external) continue;
    for (const t of serviceTargets(model, s)) {
      out.push({ objectPath: s.object.path, what: `${s.externalIPs.length > 0 && s.type === 'ClusterIP' ? 'externalIPs' : s.type} Service ${s.name} :${t.servicePort}`,
        pod: t.pod, port: t.port, protocol: t.protocol, from: ANYWHERE });
    }
  }
  return out;
}

function hostPortPaths(model: AppModel): ExposurePath[] {
  return model.pods.filter(p => !p.hostNetwork).flatMap(pod => pod.ports.filter(p => p.hostPort !== undefined && p.hostPort !== 0).map(p => ({
    objectPath: pod.object.path, what: `hostPort ${p.hostPort} of ${pod.owner}`, pod, port: p.containerPort, protocol: p.protocol, from: ANYWHERE,
  })));
}

function webhookPaths(model: AppModel): ExposurePath[] {
  const out: ExposurePath[] = [];
  for (const o of model.objects) {
    if (o.kind !== 'ValidatingWebhookConfiguration' && o.kind !== 'MutatingWebhookConfiguration') continue;
    for (const hook of o.json.webhooks ?? []) {
      const ref = hook.clientConfig?.service;
      const s = ref ? serviceNamed(model, ref.namespace ?? 'default', ref.name) : undefined;
      if (!s) continue;
      for (const t of serviceTargets(model, s, p => p.port === (ref.port ?? 443))) {
        out.push({ objectPath: o.path, what: `admission webhook ${hook.name}`, pod: t.pod, port: t.port, protocol: t.protocol,
          from: { ...ANYWHERE, description: 'the API server', slug: 'api-server' } });
      }
    }
  }
  return out;
}

/** Every exposure path of the app. */
export function exposurePaths(model: AppModel): ExposurePath[] {
  return [...model.routes.flatMap(r => routePaths(model, r)), ...servicePaths(model), ...hostPortPaths(model), ...webhookPaths(model)];
}
