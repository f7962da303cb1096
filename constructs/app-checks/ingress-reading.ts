/**
 * `networking.k8s.io/v1` Ingress as the Kubernetes API defines it: class, rules, paths, backends,
 * `spec.tls`. What its annotations mean belongs to the controller that serves it: a target's
 * reader passes an {@link IngressMeaning} (the ingress-nginx target reads ssl-passthrough,
 * backend-protocol, proxy-ssl-*), and without one an Ingress is read by the API alone.
 */
import { namesCertManagerIssuer } from '../core/cert-manager';
import { AppModel, ModelObject, ObjectReference, Route, RouteBackend, RouteTls } from './app-model';
import { INGRESS_CLASS_ANNOTATION } from './facts';
import type { ModelReader, ReaderResult } from './model-readers';

/** One path of an Ingress rule, or its default backend. */
export interface IngressPath {
  /** As written (undefined: every host). */
  readonly host?: string;
  /** `/` when none is given; undefined for the default backend. */
  readonly path?: string;
  readonly pathType?: string;
  /** `spec.rules[0].http.paths[0]`, `spec.defaultBackend`. */
  readonly field: string;
  /** `backend.service` as written, if any. */
  readonly service?: any;
}

/** One `spec.tls` entry. */
export interface IngressTlsEntry {
  readonly hosts: string[];
  readonly secretName?: string;
  /** `spec.tls[0].secretName`. */
  readonly field: string;
}

/** An Ingress, read by the API. */
export interface IngressReading {
  readonly object: ModelObject;
  /** `spec.ingressClassName`, else the deprecated annotation, else ''. */
  readonly className: string;
  readonly annotations: Record<string, string>;
  readonly tls: IngressTlsEntry[];
  /** `host` of each rule, as written. */
  readonly ruleHosts: Array<string | undefined>;
  /** The default backend, then every path of every rule. */
  readonly paths: IngressPath[];
  /** Annotated for cert-manager's ingress-shim, which then issues its `spec.tls` Secrets. */
  readonly certManagerIssued: boolean;
}

/** What a controller's annotations make of an Ingress. */
export interface IngressMeaning {
  /** TLS is routed by SNI and passed to the backend unopened. */
  readonly passthrough: boolean;
  /** What the controller speaks to the backends (`HTTP`, `HTTPS`, `GRPC`, `GRPCS`). */
  readonly backendProtocol: string;
  /** The controller verifies the backends' certificates. */
  readonly backendVerified: boolean;
  /** The CA it verifies them with. */
  readonly backendCa?: ObjectReference;
}

/** The meaning of an Ingress by the API alone: no annotation read. */
const API_ONLY: IngressMeaning = { passthrough: false, backendProtocol: 'HTTP', backendVerified: false };

const readings = new WeakMap<ModelObject, IngressReading>();

/** Whether `o` is a `networking.k8s.io/v1` Ingress. */
export function isIngress(o: ModelObject): boolean {
  return o.kind === 'Ingress' && o.apiVersion === 'networking.k8s.io/v1';
}

/** `o` (an Ingress) read by the API, once. */
export function readIngress(o: ModelObject): IngressReading {
  let reading = readings.get(o);
  if (reading) return reading;
  const spec = o.json.spec ?? {};
  const annotations: Record<string, string> = o.json.metadata?.annotations ?? {};
  const paths: IngressPath[] = [];
  if (spec.defaultBackend) paths.push({ field: 'spec.defaultBackend', service: spec.defaultBackend.service });
  (spec.rules ?? []).forEach((r: any, i: number) => (r.http?.paths ?? []).forEach((p: any, j: number) => {
    paths.push({ host: r.host, path: p.path ?? '/', pathType: p.pathType, field: `spec.rules[${i}].http.paths[${j}]`, service: p.backend?.service });
  }));
  reading = {
    object: o,
    className: spec.ingressClassName ?? annotations[INGRESS_CLASS_ANNOTATION] ?? '',
    annotations,
    tls: (spec.tls ?? []).map((t: any, i: number) => ({ hosts: t.hosts ?? [], secretName: t.secretName, field: `spec.tls[${i}].secretName` })),
    ruleHosts: (spec.rules ?? []).map((r: any) => r.host),
    paths,
    certManagerIssued: namesCertManagerIssuer(annotations),
  };
  readings.set(o, reading);
  return reading;
}

/** The Ingresses of the model, read by the API (in object order). */
export function ingressesOf(model: AppModel): IngressReading[] {
  return model.objects.filter(isIngress).map(readIngress);
}

function tlsFor(reading: IngressReading, host: string, meaning: IngressMeaning): RouteTls {
  if (meaning.passthrough) return { mode: 'PASSTHROUGH' };
  // the first entry naming the host (ingress-nginx keeps the first certificate of a host)
  const entry = reading.tls.find(t => t.hosts.includes(host));
  return entry ? { mode: 'TERMINATE', secretName: entry.secretName, secretField: entry.field } : { mode: 'NONE' };
}

function backendOf(reading: IngressReading, p: IngressPath, meaning: IngressMeaning): RouteBackend[] {
  const svc = p.service;
  if (!svc) return [];
  const field = `${p.field}.${p.field === 'spec.defaultBackend' ? 'service' : 'backend.service'}`;
  return [{
    serviceName: svc.name, namespace: reading.object.namespace, port: svc.port?.number, portName: svc.port?.name,
    field, portField: `${field}.port.number`, portNameField: `${field}.port.name`, verified: meaning.backendVerified,
  }];
}

/** The routes of an Ingress: its default backend (every host, every path), then each path of each rule. */
export function ingressRoutes(reading: IngressReading, meaning: IngressMeaning = API_ONLY): Route[] {
  return reading.paths.map(p => {
    const host = p.host === undefined || p.host === '' ? '*' : p.host;
    return {
      object: reading.object,
      field: p.field,
      hosts: [host],
      matches: p.path === undefined ? [] : [{ path: p.path, pathType: p.pathType, field: p.field }],
      backends: backendOf(reading, p, meaning),
      className: reading.className,
      parents: [],
      tls: tlsFor(reading, host, meaning),
      backendProtocol: meaning.backendProtocol,
      backendVerified: meaning.backendVerified,
      backendCa: meaning.backendCa,
    };
  });
}

/** Routes, `spec.tls` Secret references (and the backend CA's) and shim-issued Secrets of Ingresses. */
export function readIngresses(objects: readonly ModelObject[], meaningOf?: (reading: IngressReading) => IngressMeaning): ReaderResult {
  const routes: Route[] = [];
  const references: ObjectReference[] = [];
  const issuedSecrets: Array<{ name: string; namespace: string }> = [];
  for (const o of objects.filter(isIngress)) {
    const reading = readIngress(o);
    const meaning = meaningOf?.(reading) ?? API_ONLY;
    routes.push(...ingressRoutes(reading, meaning));
    for (const t of reading.tls) {
      if (!t.secretName) continue;
      references.push({ from: o, field: t.field, kind: 'Secret', name: t.secretName, namespace: o.namespace, use: 'certificate' });
      if (reading.certManagerIssued) issuedSecrets.push({ name: t.secretName, namespace: o.namespace });
    }
    if (meaning.backendCa) references.push(meaning.backendCa);
  }
  return { routes, references, issuedSecrets };
}

/** Ingresses by the Kubernetes API alone (used when no target's reader reads them). */
export const INGRESS_API_READER: ModelReader = {
  name: 'kubernetes-ingress',
  kinds: ['networking.k8s.io/Ingress'],
  read: objects => readIngresses(objects),
};
