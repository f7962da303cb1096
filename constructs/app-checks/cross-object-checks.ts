/**
 * App-wide checks: what no single object's field check sees, and what an API server, the
 * scheduler or the ingress-nginx admission webhook would reject (or silently mishandle)
 * once several objects meet on one cluster.
 *
 * They run over the synthesised JSON of every ApiObject in the app (so raw `k8s.Kube*`
 * objects take part too) when `app.synth()` validates the tree. Errors fail the synth;
 * warnings are recorded with `Warnings` and printed once, grouped, after synth.
 *
 * Activation is automatic: every cdk8s-expose construct calls `CrossObjectChecks.of(app)`.
 * Call it yourself to check an app that uses only raw objects.
 */
import { ApiObject, App } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { Warnings } from '../core/warnings';

/** How bad a finding is. */
export enum FindingSeverity {
  /** The synth fails. */
  ERROR = 'ERROR',
  /** Printed after synth; the output is still written. */
  WARNING = 'WARNING',
}

/** One result of the app-wide checks. */
export interface Finding {
  /** Error or warning. */
  readonly severity: FindingSeverity;
  /** Construct path of the object the finding is about. */
  readonly path: string;
  /** Which rule found it (`node-port`, `host-port`, `selector`, `ingress-backend`, `ingress-host-path`, `tls-secret`, `ssl-passthrough`, `port-name`). */
  readonly rule: string;
  /** The message: field, bad value, the object it collides with, what to do. */
  readonly message: string;
}

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

const CONTROLLER_METADATA = 'cdk8s-expose:ingress-controller';
const EXTERNAL_SECRET_METADATA = 'cdk8s-expose:external-secret';
const CHECKS_ID = 'cdk8s-expose-checks';
const WORKLOAD_KINDS = ['Deployment', 'DaemonSet', 'StatefulSet', 'ReplicaSet', 'Job', 'ReplicationController'];

/** The app-wide checks of one app. */
export class CrossObjectChecks extends Construct {
  /** The checks of the app `scope` belongs to, created (and wired into validation) on first use. */
  public static of(scope: IConstruct): CrossObjectChecks {
    const app = App.of(scope) as Construct;
    const existing = app.node.tryFindChild(CHECKS_ID);
    if (existing) return existing as CrossObjectChecks;
    return new CrossObjectChecks(app, CHECKS_ID);
  }

  /**
   * Declares that a Secret exists outside this app (created with `kubectl create secret`,
   * by another tool or another app), so references to it are not reported as undefined.
   */
  public static declareExternalSecret(scope: IConstruct, secretName: string, namespace?: string): void {
    CrossObjectChecks.of(scope);
    scope.node.addMetadata(EXTERNAL_SECRET_METADATA, { name: secretName, namespace: normalizeNamespace(namespace) });
  }

  /** Registers an ingress controller (its construct) so that its host ports and flags take part in the checks. */
  public static registerIngressController(controller: IConstruct, facts: IngressControllerFacts): void {
    CrossObjectChecks.of(controller);
    controller.node.addMetadata(CONTROLLER_METADATA, facts);
  }

  private constructor(scope: Construct, id: string) {
    super(scope, id);
    this.node.addValidation({
      validate: () => {
        const findings = this.run();
        const byPath = new Map(this.node.root.node.findAll().map(c => [c.node.path, c] as const));
        for (const f of findings.filter(x => x.severity === FindingSeverity.WARNING)) {
          Warnings.of(byPath.get(f.path) ?? this).add(f.message);
        }
        return findings.filter(f => f.severity === FindingSeverity.ERROR).map(f => `[${f.path}] ${f.message}`);
      },
    });
  }

  /** Runs every check over the app as it is now; errors and warnings, sorted. */
  public run(): Finding[] {
    const facts = collectFacts(this.node.root);
    const findings = [
      ...checkNodePorts(facts),
      ...checkHostPorts(facts),
      ...checkSelectors(facts),
      ...checkIngressBackends(facts),
      ...checkIngressHostPaths(facts),
      ...checkSecrets(facts),
      ...checkPassthrough(facts),
    ];
    const seen = new Set<string>();
    return findings
      .filter(f => {
        const key = `${f.severity}|${f.path}|${f.message}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      })
      .sort((a, b) => a.severity.localeCompare(b.severity) || a.path.localeCompare(b.path) || a.message.localeCompare(b.message));
  }
}

// ------------------------------------------------------------------------------ facts

interface ObjectFacts {
  readonly path: string;
  readonly json: any;
  readonly namespace: string;
}

interface PodFacts {
  readonly path: string;
  /** Pods of a registered ingress controller: its facts list the ports they open. */
  readonly ownedByController: boolean;
  readonly owner: string;
  readonly namespace: string;
  readonly labels: Record<string, string>;
  readonly spec: any;
}

interface ControllerFacts extends IngressControllerFacts {
  readonly path: string;
}

interface AppFacts {
  readonly objects: ObjectFacts[];
  readonly pods: PodFacts[];
  readonly controllers: ControllerFacts[];
  readonly externalSecrets: Array<{ name: string; namespace: string }>;
}

function normalizeNamespace(ns: string | undefined): string {
  return ns === undefined || ns === '' ? 'default' : ns;
}

/** `chart/Web/Resource` -> `chart/Web`: report the construct a user wrote, not its L1 child. */
function reportPath(obj: ApiObject): string {
  const p = obj.node.path;
  return p.endsWith('/Resource') ? p.slice(0, -'/Resource'.length) : p;
}

function collectFacts(root: IConstruct): AppFacts {
  const objects: ObjectFacts[] = [];
  const pods: PodFacts[] = [];
  const controllers: ControllerFacts[] = [];
  const externalSecrets: Array<{ name: string; namespace: string }> = [];
  const all = root.node.findAll();
  const controllerPaths: string[] = [];
  for (const c of all) {
    for (const m of c.node.metadata) {
      if (m.type === CONTROLLER_METADATA) {
        controllers.push({ ...(m.data as IngressControllerFacts), path: c.node.path });
        controllerPaths.push(c.node.path + '/');
      }
      if (m.type === EXTERNAL_SECRET_METADATA) externalSecrets.push(m.data);
    }
  }
  for (const c of all) {
    if (!(c instanceof ApiObject)) continue;
    const json = c.toJson();
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
  return { objects, pods, controllers, externalSecrets };
}

/** The pod (template) of a Pod, a workload or a CronJob, as `{ metadata, spec }`. */
function podTemplateOf(json: any): any {
  if (json.kind === 'Pod') return json;
  if (WORKLOAD_KINDS.includes(json.kind)) return json.spec?.template;
  if (json.kind === 'CronJob') return json.spec?.jobTemplate?.spec?.template;
  return undefined;
}

function error(path: string, rule: string, message: string): Finding {
  return { severity: FindingSeverity.ERROR, path, rule, message };
}

function warning(path: string, rule: string, message: string): Finding {
  return { severity: FindingSeverity.WARNING, path, rule, message };
}

// ------------------------------------------------------------------------------ node ports

function checkNodePorts(facts: AppFacts): Finding[] {
  const findings: Finding[] = [];
  const owners = new Map<number, string>();
  for (const o of facts.objects.filter(x => x.json.kind === 'Service')) {
    const inThisService = new Set<number>();
    (o.json.spec?.ports ?? []).forEach((p: any, i: number) => {
      if (p.nodePort === undefined) return;
      const other = owners.get(p.nodePort);
      if (other !== undefined && other !== o.path) {
        findings.push(error(o.path, 'node-port', `spec.ports[${i}].nodePort: ${p.nodePort} is also used by ${other}; ` +
          'the API server allocates each nodePort once per cluster; allowed: a nodePort no other Service uses'));
      }
      if (!inThisService.has(p.nodePort)) owners.set(p.nodePort, other ?? o.path);
      inThisService.add(p.nodePort);
    });
  }
  return findings;
}

// ------------------------------------------------------------------------------ host ports

interface HostClaim {
  readonly path: string;
  readonly what: string;
  readonly port: number;
  readonly protocol: string;
  readonly hostIp: string;
  readonly nodeSelector: Record<string, string>;
  readonly hasAffinity: boolean;
  readonly source: string;
}

function podClaims(pod: PodFacts): HostClaim[] {
  const claims: HostClaim[] = [];
  const spec = pod.spec;
  const containers = [...(spec.initContainers ?? []).filter((c: any) => c.restartPolicy === 'Always'), ...(spec.containers ?? [])];
  for (const c of containers) {
    for (const p of c.ports ?? []) {
      const port = spec.hostNetwork ? (p.hostPort ?? p.containerPort) : p.hostPort;
      if (!port) continue;
      claims.push({
        path: pod.path,
        what: `${pod.owner} (${spec.hostNetwork ? 'hostNetwork' : 'hostPort'})`,
        port,
        protocol: p.protocol ?? 'TCP',
        hostIp: spec.hostNetwork ? '' : (p.hostIP ?? ''),
        nodeSelector: spec.nodeSelector ?? {},
        hasAffinity: spec.affinity !== undefined,
        source: `${pod.path}#${c.name}`,
      });
    }
  }
  return claims;
}

function canShareNode(a: HostClaim, b: HostClaim): boolean {
  for (const [k, v] of Object.entries(a.nodeSelector)) {
    if (b.nodeSelector[k] !== undefined && b.nodeSelector[k] !== v) return false;
  }
  return true;
}

function hostIpsOverlap(a: string, b: string): boolean {
  const any = (ip: string) => ip === '' || ip === '0.0.0.0' || ip === '::';
  return any(a) || any(b) || a === b;
}

function checkHostPorts(facts: AppFacts): Finding[] {
  const claims: HostClaim[] = [];
  for (const pod of facts.pods) {
    if (pod.ownedByController) continue;
    claims.push(...podClaims(pod));
  }
  for (const c of facts.controllers) {
    for (const port of c.hostPorts) {
      claims.push({
        path: c.path, what: `ingress controller ${c.path}`, port, protocol: 'TCP', hostIp: '',
        nodeSelector: c.nodeSelector ?? {}, hasAffinity: false, source: c.path,
      });
    }
  }
  const findings: Finding[] = [];
  for (let i = 0; i < claims.length; i++) {
    for (let j = i + 1; j < claims.length; j++) {
      const a = claims[i];
      const b = claims[j];
      if (a.port !== b.port || a.protocol !== b.protocol || !hostIpsOverlap(a.hostIp, b.hostIp)) continue;
      if (a.path === b.path && a.source === b.source) continue;
      if (!canShareNode(a, b)) continue;
      const message = `${a.protocol} port ${a.port} on the node is also claimed by ${b.what}; both can be scheduled on the same node ` +
        '(no nodeSelector keeps them apart), so one of them would not start there; allowed: another port, or nodeSelectors with different values for one label key';
      const hit = a.hasAffinity || b.hasAffinity
        ? warning(a.path, 'host-port', `${message} (affinity rules may keep them apart: not checked)`)
        : error(a.path, 'host-port', message);
      findings.push(hit);
    }
  }
  return findings;
}

// ------------------------------------------------------------------------------ selectors

function checkSelectors(facts: AppFacts): Finding[] {
  const findings: Finding[] = [];
  for (const o of facts.objects.filter(x => x.json.kind === 'Service')) {
    const selector: Record<string, string> | undefined = o.json.spec?.selector;
    if (!selector || Object.keys(selector).length === 0) continue;
    const matched = facts.pods.filter(p => p.namespace === o.namespace && Object.entries(selector).every(([k, v]) => p.labels[k] === v));
    if (matched.length === 0) {
      findings.push(warning(o.path, 'selector', `spec.selector ${JSON.stringify(selector)} matches no pod template in this app ` +
        `(namespace ${o.namespace}); fine if the pods are deployed elsewhere, otherwise the Service has no endpoints`));
    }
  }
  return findings;
}

// ------------------------------------------------------------------------------ ingress backends

function ingressBackends(spec: any): Array<{ field: string; backend: any }> {
  const out: Array<{ field: string; backend: any }> = [];
  if (spec?.defaultBackend?.service) out.push({ field: 'spec.defaultBackend.service', backend: spec.defaultBackend.service });
  (spec?.rules ?? []).forEach((r: any, i: number) => (r.http?.paths ?? []).forEach((p: any, j: number) => {
    if (p.backend?.service) out.push({ field: `spec.rules[${i}].http.paths[${j}].backend.service`, backend: p.backend.service });
  }));
  return out;
}

function checkIngressBackends(facts: AppFacts): Finding[] {
  const findings: Finding[] = [];
  const services = facts.objects.filter(x => x.json.kind === 'Service');
  for (const svc of services) {
    (svc.json.spec?.ports ?? []).forEach((p: any, i: number) => {
      if (p.name && p.name.length > 15) {
        findings.push(warning(svc.path, 'port-name', `spec.ports[${i}].name: ${JSON.stringify(p.name)} has ${p.name.length} characters; ` +
          'an Ingress can refer to a port name of at most 15 (IANA_SVC_NAME)'));
      }
    });
  }
  for (const ing of facts.objects.filter(x => x.json.kind === 'Ingress')) {
    for (const { field, backend } of ingressBackends(ing.json.spec)) {
      const svc = services.find(s => s.json.metadata?.name === backend.name && s.namespace === ing.namespace);
      if (!svc) {
        findings.push(warning(ing.path, 'ingress-backend', `${field}.name: Service ${JSON.stringify(backend.name)} is not defined in this app ` +
          `(namespace ${ing.namespace}); fine if it is deployed elsewhere`));
        continue;
      }
      const ports: any[] = svc.json.spec?.ports ?? [];
      if (backend.port?.number !== undefined && !ports.some(p => p.port === backend.port.number)) {
        findings.push(error(ing.path, 'ingress-backend', `${field}.port.number: ${backend.port.number} is not a port of Service ` +
          `${JSON.stringify(backend.name)} (${svc.path}); allowed: ${ports.map(p => p.port).join(', ') || 'none defined'}`));
      }
      if (backend.port?.name !== undefined) {
        const named = ports.find(p => p.name === backend.port.name);
        if (!named) {
          findings.push(error(ing.path, 'ingress-backend', `${field}.port.name: ${JSON.stringify(backend.port.name)} is not a port name of Service ` +
            `${JSON.stringify(backend.name)} (${svc.path}); allowed: ${ports.filter(p => p.name).map(p => JSON.stringify(p.name)).join(', ') || 'none named'}`));
        } else if (named.name.length > 15) {
          findings.push(error(ing.path, 'port-name', `${field}.port.name: ${JSON.stringify(named.name)} is longer than 15 characters; ` +
            'an Ingress cannot refer to it; allowed: rename the Service port (IANA_SVC_NAME) or refer to it by number'));
        }
      }
    }
  }
  return findings;
}

// ------------------------------------------------------------------------------ host + path

function ingressClassOf(json: any): string {
  return json.spec?.ingressClassName ?? json.metadata?.annotations?.['kubernetes.io/ingress.class'] ?? '';
}

function checkIngressHostPaths(facts: AppFacts): Finding[] {
  const findings: Finding[] = [];
  const owners = new Map<string, string>();
  for (const ing of facts.objects.filter(x => x.json.kind === 'Ingress')) {
    const cls = ingressClassOf(ing.json);
    (ing.json.spec?.rules ?? []).forEach((r: any, i: number) => (r.http?.paths ?? []).forEach((p: any, j: number) => {
      const key = `${cls}|${r.host ?? ''}|${p.path ?? '/'}|${p.pathType ?? ''}`;
      const other = owners.get(key);
      if (other !== undefined && other !== ing.path) {
        findings.push(error(ing.path, 'ingress-host-path', `spec.rules[${i}].http.paths[${j}]: host ${JSON.stringify(r.host ?? '*')} path ` +
          `${JSON.stringify(p.path ?? '/')} (${p.pathType}) is already claimed by ${other} for IngressClass ${JSON.stringify(cls)}; ` +
          'the ingress-nginx admission webhook rejects the second; allowed: one Ingress per host and path'));
      } else {
        owners.set(key, ing.path);
      }
    }));
  }
  return findings;
}

// ------------------------------------------------------------------------------ secrets

function secretReferences(o: ObjectFacts, pods: PodFacts[]): Array<{ field: string; name: string; namespace: string }> {
  const refs: Array<{ field: string; name: string; namespace: string }> = [];
  if (o.json.kind === 'Ingress') {
    (o.json.spec?.tls ?? []).forEach((t: any, i: number) => {
      if (t.secretName) refs.push({ field: `spec.tls[${i}].secretName`, name: t.secretName, namespace: o.namespace });
    });
    const proxySecret: string | undefined = o.json.metadata?.annotations?.['nginx.ingress.kubernetes.io/proxy-ssl-secret'];
    if (proxySecret) {
      const [ns, name] = proxySecret.includes('/') ? proxySecret.split('/', 2) : [o.namespace, proxySecret];
      refs.push({ field: 'metadata.annotations["nginx.ingress.kubernetes.io/proxy-ssl-secret"]', name, namespace: normalizeNamespace(ns) });
    }
  }
  for (const pod of pods.filter(p => p.path === o.path)) {
    (pod.spec.volumes ?? []).forEach((v: any, i: number) => {
      if (v.secret?.secretName && !v.secret.optional) refs.push({ field: `spec.volumes[${i}].secret.secretName`, name: v.secret.secretName, namespace: o.namespace });
    });
  }
  return refs;
}

function checkSecrets(facts: AppFacts): Finding[] {
  const defined = new Set<string>();
  for (const o of facts.objects) {
    if (o.json.kind === 'Secret') defined.add(`${o.namespace}/${o.json.metadata?.name}`);
    if (o.json.kind === 'Certificate' && String(o.json.apiVersion).startsWith('cert-manager.io/') && o.json.spec?.secretName) {
      defined.add(`${o.namespace}/${o.json.spec.secretName}`);
    }
    // cert-manager's ingress-shim creates the tls secrets of an annotated Ingress
    const ann = o.json.metadata?.annotations ?? {};
    if (o.json.kind === 'Ingress' && (ann['cert-manager.io/issuer'] || ann['cert-manager.io/cluster-issuer'])) {
      for (const t of o.json.spec?.tls ?? []) if (t.secretName) defined.add(`${o.namespace}/${t.secretName}`);
    }
  }
  for (const s of facts.externalSecrets) defined.add(`${s.namespace}/${s.name}`);
  const findings: Finding[] = [];
  for (const o of facts.objects) {
    for (const ref of secretReferences(o, facts.pods)) {
      if (defined.has(`${ref.namespace}/${ref.name}`)) continue;
      findings.push(error(o.path, 'tls-secret', `${ref.field}: Secret ${JSON.stringify(ref.name)} (namespace ${ref.namespace}) is neither defined ` +
        'in this app nor declared external; allowed: define it (e.g. TlsCertificate.fromFiles, cert-manager) or declare it with ' +
        'TlsCertificate.fromSecretName / CrossObjectChecks.declareExternalSecret'));
    }
  }
  return findings;
}

// ------------------------------------------------------------------------------ passthrough

function checkPassthrough(facts: AppFacts): Finding[] {
  const findings: Finding[] = [];
  for (const ing of facts.objects.filter(x => x.json.kind === 'Ingress')) {
    if (ing.json.metadata?.annotations?.['nginx.ingress.kubernetes.io/ssl-passthrough'] !== 'true') continue;
    const cls = ingressClassOf(ing.json);
    const controllers = facts.controllers.filter(c => c.ingressClassName === cls);
    if (controllers.length === 0) {
      findings.push(warning(ing.path, 'ssl-passthrough', `ssl-passthrough needs the ingress-nginx controller of IngressClass ${JSON.stringify(cls)} ` +
        'to run with --enable-ssl-passthrough (ingress-nginx ignores the annotation without it); no such controller is in this app, ' +
        'so make sure yours has the flag'));
      continue;
    }
    for (const c of controllers.filter(x => !x.sslPassthroughEnabled)) {
      findings.push(error(ing.path, 'ssl-passthrough', `metadata.annotations["nginx.ingress.kubernetes.io/ssl-passthrough"]: the controller ${c.path} ` +
        `of IngressClass ${JSON.stringify(cls)} runs without --enable-ssl-passthrough, so the annotation would be ignored; ` +
        'allowed: enable ssl passthrough on the controller, or use TlsMode.TERMINATION / REENCRYPT'));
    }
  }
  return findings;
}
