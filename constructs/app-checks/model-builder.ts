/**
 * Builds the {@link AppModel} of an app: from its ApiObjects and the typed facts their
 * constructs attached (the app-wide checks, `Topology.of`), or from plain JSON (a directory of
 * YAML, `Topology.fromObjects`). The core kinds (pod templates, Services) are read here; the
 * kinds of routing targets by the readers given (model-readers.ts).
 */
import { ApiObject, Chart, DependencyGraph } from 'cdk8s';
import { IConstruct } from 'constructs';
import {
  AppModel, ControllerReading, IngressController, ModelObject, ModelService, NodePortClaim, ObjectReference, PodTemplate,
} from './app-model';
import { collectFacts } from './construct-facts';
import { EXTERNAL_SECRET_FACT, INGRESS_CONTROLLER_FACT, NODE_ADDRESSES_FACT, normalizeNamespace } from './facts';
import { effectiveReaders, ModelReader, readAll } from './model-readers';
import { DEFAULT_NODE_PORT_RANGE, NODE_PORT_RANGE_FACT } from './node-port-range';
import { PodTemplateReading, readPodTemplate, readService } from './workload-reading';

/** One object to model: its rendered JSON, and its ApiObject when there is one. */
export interface ModelInputObject {
  readonly json: any;
  /** Its chart id or file name. */
  readonly group: string;
  readonly construct?: ApiObject;
}

/** What a model is built from. */
export interface ModelInput {
  readonly objects: readonly ModelInputObject[];
  /** The constructs whose attached facts count (a tree, in `findAll` order); none for plain JSON. */
  readonly constructs?: readonly IConstruct[];
  /** The readers of targets' kinds (the built-in ones are added). */
  readonly readers: readonly ModelReader[];
}

/** The ApiObjects of a chart (not of its nested charts) in the order `chart.toJson()` renders them: dependencies first. */
export function chartObjects(chart: Chart): ApiObject[] {
  return new DependencyGraph(chart.node).topology()
    .filter((x): x is ApiObject => x instanceof ApiObject)
    .filter(x => Chart.of(x) === chart);
}

/** `chart/Web/Resource` -> `chart/Web`: report the construct a user wrote, not its L1 child. */
function reportPath(obj: ApiObject): string {
  const p = obj.node.path;
  return p.endsWith('/Resource') ? p.slice(0, -'/Resource'.length) : p;
}

function modelObject(input: ModelInputObject): ModelObject | undefined {
  const json = input.json;
  if (json === null || typeof json !== 'object' || typeof json.kind !== 'string') return undefined;
  const name = String(json.metadata?.name ?? '');
  const path = input.construct ? reportPath(input.construct) : `${input.group}/${json.kind}/${name}`;
  return {
    path, group: input.group, json, apiVersion: String(json.apiVersion ?? ''), kind: json.kind, name,
    namespace: normalizeNamespace(json.metadata?.namespace), construct: input.construct,
  };
}

/** A registered controller, and the prefix of the construct paths of its objects. */
interface Registered {
  readonly controller: { -readonly [K in keyof IngressController]: IngressController[K] };
  readonly prefix: string;
}

function registeredControllers(constructs: readonly IConstruct[]): Registered[] {
  return collectFacts(constructs, INGRESS_CONTROLLER_FACT).map(f => ({
    controller: { ...f.value, path: f.construct.node.path, registered: true },
    prefix: f.construct.node.path + '/',
  }));
}

/**
 * The controller a pod template runs: the registered one whose construct it is under (its facts
 * are the truth, the flags add the default backend), else one read from the flags.
 */
function controllerOfPod(pod: PodTemplateReading, owner: Registered | undefined, reading: ControllerReading | undefined):
IngressController | undefined {
  if (!reading) return undefined;
  if (owner) {
    if (reading.defaultBackend !== undefined) owner.controller.defaultBackend ??= reading.defaultBackend;
    return owner.controller;
  }
  return {
    ...reading, path: pod.object.path, registered: false, hostPorts: pod.nodePorts.map(p => p.port), nodeSelector: pod.nodeSelector,
  };
}

function podTemplates(objects: ModelObject[], registered: Registered[], readers: ModelReader[], controllers: IngressController[]): PodTemplate[] {
  const pods: PodTemplate[] = [];
  for (const o of objects) {
    const pod = readPodTemplate(o);
    if (!pod) continue;
    const constructPath = o.construct?.node.path;
    const owner = constructPath === undefined ? undefined : registered.find(r => constructPath.startsWith(r.prefix));
    let reading: ControllerReading | undefined;
    for (const r of readers) if (!reading && r.controllerOf) reading = r.controllerOf(pod);
    const controller = controllerOfPod(pod, owner, reading);
    if (controller && !controller.registered) controllers.push(controller);
    pods.push({ ...pod, ownedByController: owner !== undefined, controller });
  }
  return pods;
}

function nodePortClaims(pods: PodTemplate[], controllers: IngressController[], services: ModelService[]): NodePortClaim[] {
  const claims: NodePortClaim[] = [];
  for (const pod of pods) {
    // the pods of a registered controller are accounted for by its facts (they list ports its pods don't declare)
    if (pod.ownedByController) continue;
    for (const p of pod.nodePorts) claims.push({ port: p.port, protocol: p.protocol, hostIp: p.hostIp, pod, podPort: p });
  }
  for (const c of controllers.filter(x => x.registered)) {
    for (const port of c.hostPorts) claims.push({ port, protocol: 'TCP', hostIp: '', controller: c });
  }
  for (const s of services) {
    for (const p of s.ports) if (p.nodePort !== undefined) claims.push({ port: p.nodePort, protocol: p.protocol, hostIp: '', service: s });
  }
  return claims;
}

/** The model of `input`'s objects. */
export function buildAppModel(input: ModelInput): AppModel {
  const constructs = input.constructs ?? [];
  const readers = effectiveReaders(input.readers);
  const objects = input.objects.map(modelObject).filter((o): o is ModelObject => o !== undefined);
  const registered = registeredControllers(constructs);
  const controllers: IngressController[] = registered.map(r => r.controller);
  const pods = podTemplates(objects, registered, readers, controllers);
  const services = objects.map(readService).filter((s): s is ModelService => s !== undefined);
  const found = readAll(readers, objects);
  const volumes: ObjectReference[] = pods.flatMap(p => p.secretVolumes.map(v => ({
    from: p.object, field: v.field, kind: 'Secret' as const, name: v.name, namespace: p.namespace, use: 'volume' as const,
  })));
  return {
    objects,
    pods,
    services,
    routes: found.routes,
    references: [...found.references, ...volumes],
    issuedSecrets: found.issuedSecrets,
    controllers,
    nodePortClaims: nodePortClaims(pods, controllers, services),
    externalSecrets: collectFacts(constructs, EXTERNAL_SECRET_FACT).map(f => f.value),
    nodeAddresses: collectFacts(constructs, NODE_ADDRESSES_FACT).flatMap(f => [...f.value]),
    nodePortRange: collectFacts(constructs, NODE_PORT_RANGE_FACT).pop()?.value ?? DEFAULT_NODE_PORT_RANGE,
  };
}

/** The model's objects, Services and pods, looked up by name and path; built once per model. */
interface ModelIndex {
  readonly byKind: Map<string, ModelObject[]>;
  /** namespace -> metadata.name -> the first Service of that name. */
  readonly servicesByName: Map<string, Map<unknown, ModelService>>;
}

const indexes = new WeakMap<AppModel, ModelIndex>();

function indexOf(model: AppModel): ModelIndex {
  let index = indexes.get(model);
  if (index) return index;
  const byKind = new Map<string, ModelObject[]>();
  for (const o of model.objects) {
    let list = byKind.get(o.kind);
    if (!list) byKind.set(o.kind, list = []);
    list.push(o);
  }
  const servicesByName = new Map<string, Map<unknown, ModelService>>();
  for (const s of model.services) {
    let names = servicesByName.get(s.namespace);
    if (!names) servicesByName.set(s.namespace, names = new Map());
    if (!names.has(s.name)) names.set(s.name, s);
  }
  index = { byKind, servicesByName };
  indexes.set(model, index);
  return index;
}

/** The objects of one kind (any API group), in object order; shared: read it, do not change it. */
export function objectsOfKind(model: AppModel, kind: string): readonly ModelObject[] {
  return indexOf(model).byKind.get(kind) ?? [];
}

/** The first Service named `name` in `namespace` (in object order), if any. */
export function serviceNamed(model: AppModel, namespace: string, name: unknown): ModelService | undefined {
  return indexOf(model).servicesByName.get(namespace)?.get(name);
}
