/**
 * What an object of an app needs before it can be applied or become ready, read from the
 * rendered manifests themselves (plain JSON, as written to dist/): the same facts for a library
 * app, for dist/ read back by `npm run lab:up`, and for any YAML. Each rule reads one kind of
 * reference; `hard` means the API server rejects the object until the other is ready (an
 * admission webhook with failure policy `Fail`), otherwise the other side's controller retries
 * (a pod waits for its Secret, cert-manager for its Issuer) and one stage may hold both.
 */
import { apiGroupOf, isWorkload } from './deploy-stage';

/**
 * One object of an app needing another (indices into the objects read).
 * @experimental
 */
export interface ObjectDependency {
  /** The index of the object that needs the other. */
  readonly dependent: number;
  /** The index of the object needed. */
  readonly needed: number;
  /** Whether `needed` must be ready before `dependent` is applied (otherwise both may be applied together). */
  readonly hard: boolean;
  /** Why, in a few words (`mounts the Secret of Certificate secret-tls-svc3`). */
  readonly reason: string;
}

type Add = (from: number, to: number | undefined, hard: boolean, reason: string) => void;

const nameOf = (o: any): string => String(o?.metadata?.name ?? '');
const nsOf = (o: any): string => String(o?.metadata?.namespace ?? '');

/** The pod spec a workload runs (a CronJob's through its Job template). */
export function podSpecOf(obj: any): any {
  if (!isWorkload(obj)) return undefined;
  if (obj.kind === 'Pod') return obj.spec;
  if (obj.kind === 'CronJob') return obj.spec?.jobTemplate?.spec?.template?.spec;
  return obj.spec?.template?.spec;
}

function podLabelsOf(obj: any): Record<string, string> {
  if (obj.kind === 'Pod') return obj.metadata?.labels ?? {};
  if (obj.kind === 'CronJob') return obj.spec?.jobTemplate?.spec?.template?.metadata?.labels ?? {};
  return obj.spec?.template?.metadata?.labels ?? {};
}

function selects(selector: Record<string, string> | undefined, labels: Record<string, string>): boolean {
  const entries = Object.entries(selector ?? {});
  return entries.length > 0 && entries.every(([k, v]) => labels[k] === v);
}

/** The objects by kind, for the lookups of the rules. */
class Index {
  private readonly byKind = new Map<string, number[]>();
  /** Workloads by namespace and one pod label (`ns\0key=value`). */
  private readonly workloadsByLabel = new Map<string, Array<{ index: number; labels: Record<string, string> }>>();

  constructor(private readonly objects: readonly any[]) {
    objects.forEach((o, i) => {
      const kind = String(o?.kind);
      if (!this.byKind.has(kind)) this.byKind.set(kind, []);
      this.byKind.get(kind)!.push(i);
      if (!isWorkload(o)) return;
      const labels = podLabelsOf(o);
      for (const [k, v] of Object.entries(labels)) {
        const key = `${nsOf(o)}\0${k}=${v}`;
        if (!this.workloadsByLabel.has(key)) this.workloadsByLabel.set(key, []);
        this.workloadsByLabel.get(key)!.push({ index: i, labels });
      }
    });
  }

  public all(kind: string, group?: string): number[] {
    return (this.byKind.get(kind) ?? []).filter(i => group === undefined || apiGroupOf(this.objects[i]) === group);
  }

  /** The workloads in `ns` whose pods `selector` selects. */
  public selected(ns: string, selector: Record<string, string> | undefined): number[] {
    const first = Object.entries(selector ?? {})[0];
    if (!first) return [];
    return (this.workloadsByLabel.get(`${ns}\0${first[0]}=${first[1]}`) ?? []).filter(w => selects(selector, w.labels)).map(w => w.index);
  }

  public find(kind: string, ns: string, name: string, group?: string): number | undefined {
    return this.all(kind, group).find(i => nameOf(this.objects[i]) === name && (ns === '' || nsOf(this.objects[i]) === '' || nsOf(this.objects[i]) === ns));
  }

  /** The Certificate that writes Secret `secret` in `ns`. */
  public certificateFor(ns: string, secret: string): number | undefined {
    return this.all('Certificate', 'cert-manager.io').find(i => this.objects[i].spec?.secretName === secret && (ns === '' || nsOf(this.objects[i]) === '' || nsOf(this.objects[i]) === ns));
  }

  /** The trust-manager Bundle that writes ConfigMap `name` (a Bundle's target has the Bundle's name). */
  public bundleFor(name: string): number | undefined {
    return this.all('Bundle', 'trust.cert-manager.io').find(i => nameOf(this.objects[i]) === name && this.objects[i].spec?.target?.configMap);
  }
}

function namespaceRule(objects: readonly any[], idx: Index, add: Add): void {
  for (const n of idx.all('Namespace', '')) {
    objects.forEach((o, i) => {
      if (i !== n && nsOf(o) === nameOf(objects[n])) add(i, n, false, `is in Namespace ${nameOf(objects[n])}`);
    });
  }
}

function podRule(objects: readonly any[], idx: Index, add: Add): void {
  objects.forEach((o, i) => {
    const spec = podSpecOf(o);
    if (!spec) return;
    const volumes: any[] = spec.volumes ?? [];
    const sources = volumes.flatMap(v => [v, ...(v.projected?.sources ?? [])]);
    for (const s of sources) {
      if (s.secret?.secretName) add(i, idx.certificateFor(nsOf(o), s.secret.secretName), false, `mounts the Secret ${s.secret.secretName}`);
      if (s.secret?.name) add(i, idx.certificateFor(nsOf(o), s.secret.name), false, `mounts the Secret ${s.secret.name}`);
      if (s.configMap?.name) add(i, idx.bundleFor(s.configMap.name), false, `mounts the ConfigMap ${s.configMap.name}`);
    }
  });
}

function serviceRule(objects: readonly any[], idx: Index, add: Add): void {
  for (const s of idx.all('Service', '')) {
    for (const w of idx.selected(nsOf(objects[s]), objects[s].spec?.selector)) add(s, w, false, `selects the pods of ${objects[w].kind} ${nameOf(objects[w])}`);
  }
}

/** `ingresses` for Ingress: the resource name an admission rule names. */
export function resourceOf(kind: string): string {
  const lower = kind.toLowerCase();
  if (lower.endsWith('s')) return `${lower}es`;
  if (lower.endsWith('y')) return `${lower.slice(0, -1)}ies`;
  return `${lower}s`;
}

function ruleMatches(rule: any, obj: any): boolean {
  const groups: string[] = rule.apiGroups ?? [];
  const resources: string[] = rule.resources ?? [];
  const operations: string[] = rule.operations ?? [];
  return (groups.includes('*') || groups.includes(apiGroupOf(obj)))
    && (resources.includes('*') || resources.includes(resourceOf(String(obj.kind))))
    && (operations.includes('*') || operations.includes('CREATE'));
}

/** The workloads behind each webhook of an admission webhook configuration (through its Service). */
export function webhookWorkloads(objects: readonly any[], idx: Index, config: any): Array<{ webhook: any; workloads: number[] }> {
  return (config.webhooks ?? []).map((webhook: any) => {
    const ref = webhook.clientConfig?.service;
    const service = ref ? idx.find('Service', String(ref.namespace ?? ''), String(ref.name), '') : undefined;
    return { webhook, workloads: service === undefined ? [] : idx.selected(nsOf(objects[service]), objects[service].spec?.selector) };
  });
}

function webhookRule(objects: readonly any[], idx: Index, add: Add): void {
  for (const kind of ['ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration']) {
    for (const c of idx.all(kind, 'admissionregistration.k8s.io')) {
      for (const { webhook, workloads } of webhookWorkloads(objects, idx, objects[c])) {
        for (const w of workloads) add(c, w, false, `calls the webhook served by ${objects[w].kind} ${nameOf(objects[w])}`);
        const fails = (webhook.failurePolicy ?? 'Fail') === 'Fail';
        objects.forEach((o, i) => {
          if (i === c || !(webhook.rules ?? []).some((r: any) => ruleMatches(r, o))) return;
          for (const w of workloads) add(i, w, fails, `is admitted by webhook ${webhook.name}, served by ${objects[w].kind} ${nameOf(objects[w])}`);
        });
      }
      const inject = objects[c].metadata?.annotations?.['cert-manager.io/inject-ca-from'];
      if (typeof inject === 'string' && inject.includes('/')) {
        const [ns, name] = inject.split('/');
        add(c, idx.find('Certificate', ns, name, 'cert-manager.io'), false, `takes its caBundle from Certificate ${name}`);
      }
    }
  }
}

function certificateRule(objects: readonly any[], idx: Index, add: Add): void {
  for (const c of idx.all('Certificate', 'cert-manager.io')) {
    const ref = objects[c].spec?.issuerRef ?? {};
    const kind = ref.kind ?? 'Issuer';
    add(c, idx.find(kind, kind === 'ClusterIssuer' ? '' : nsOf(objects[c]), String(ref.name), 'cert-manager.io'), false, `is signed by ${kind} ${ref.name}`);
  }
  for (const kind of ['Issuer', 'ClusterIssuer']) {
    for (const i of idx.all(kind, 'cert-manager.io')) {
      const secret = objects[i].spec?.ca?.secretName;
      if (secret) add(i, idx.certificateFor(kind === 'ClusterIssuer' ? '' : nsOf(objects[i]), secret), false, `signs with the Secret ${secret}`);
    }
  }
  for (const b of idx.all('Bundle', 'trust.cert-manager.io')) {
    for (const s of objects[b].spec?.sources ?? []) {
      if (s.secret?.name) add(b, idx.certificateFor('', s.secret.name), false, `reads the Secret ${s.secret.name}`);
    }
  }
}

function routeRule(objects: readonly any[], idx: Index, add: Add): void {
  for (const i of idx.all('Ingress', 'networking.k8s.io')) {
    for (const tls of objects[i].spec?.tls ?? []) {
      if (tls.secretName) add(i, idx.certificateFor(nsOf(objects[i]), tls.secretName), false, `serves the Secret ${tls.secretName}`);
    }
  }
  objects.forEach((o, i) => {
    if (apiGroupOf(o) !== 'gateway.networking.k8s.io') return;
    if (o.kind === 'Gateway') {
      add(i, idx.find('GatewayClass', '', String(o.spec?.gatewayClassName), 'gateway.networking.k8s.io'), false, `is of GatewayClass ${o.spec?.gatewayClassName}`);
      for (const l of o.spec?.listeners ?? []) {
        for (const ref of l.tls?.certificateRefs ?? []) {
          add(i, idx.certificateFor(String(ref.namespace ?? nsOf(o)), String(ref.name)), false, `serves the Secret ${ref.name}`);
        }
      }
    }
    for (const p of o.spec?.parentRefs ?? []) {
      if ((p.kind ?? 'Gateway') === 'Gateway') add(i, idx.find('Gateway', String(p.namespace ?? nsOf(o)), String(p.name), 'gateway.networking.k8s.io'), false, `attaches to Gateway ${p.name}`);
    }
    for (const ref of o.spec?.validation?.caCertificateRefs ?? []) {
      if (ref.kind === 'ConfigMap') add(i, idx.bundleFor(String(ref.name)), false, `trusts the ConfigMap ${ref.name}`);
    }
  });
}

/** Every dependency between `objects`, in rule order, each pair once (hard wins). */
export function dependenciesOf(objects: readonly any[]): ObjectDependency[] {
  const idx = new Index(objects);
  const found = new Map<string, ObjectDependency>();
  const add: Add = (from, to, hard, reason) => {
    if (to === undefined || to === from) return;
    const key = `${from}>${to}`;
    const had = found.get(key);
    if (!had || (hard && !had.hard)) found.set(key, { dependent: from, needed: to, hard, reason });
  };
  for (const rule of [namespaceRule, podRule, serviceRule, webhookRule, certificateRule, routeRule]) rule(objects, idx, add);
  return [...found.values()];
}

/**
 * Whether a workload belongs to a controller: it serves an admission webhook (through the
 * webhook's Service), or its ServiceAccount may write admission webhook configurations (the
 * Jobs that fill in a webhook's caBundle).
 */
export function controllerWorkloads(objects: readonly any[]): Set<number> {
  const idx = new Index(objects);
  const result = new Set<number>();
  for (const kind of ['ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration']) {
    for (const c of idx.all(kind, 'admissionregistration.k8s.io')) {
      for (const { workloads } of webhookWorkloads(objects, idx, objects[c])) workloads.forEach(w => result.add(w));
    }
  }
  const writers = webhookWriters(objects, idx);
  objects.forEach((o, i) => {
    const spec = podSpecOf(o);
    if (spec && writers.has(`${nsOf(o)}/${spec.serviceAccountName ?? 'default'}`)) result.add(i);
  });
  return result;
}

/** `namespace/name` of the ServiceAccounts bound to a role that may patch or update webhook configurations. */
function webhookWriters(objects: readonly any[], idx: Index): Set<string> {
  const writes = (role: any) => (role?.rules ?? []).some((r: any) => (r.resources ?? []).some((x: string) => /webhookconfigurations$/.test(x))
    && (r.verbs ?? []).some((v: string) => ['*', 'update', 'patch'].includes(v)));
  const result = new Set<string>();
  for (const kind of ['RoleBinding', 'ClusterRoleBinding']) {
    for (const b of idx.all(kind, 'rbac.authorization.k8s.io')) {
      const binding = objects[b];
      const ref = binding.roleRef ?? {};
      const role = idx.find(String(ref.kind), ref.kind === 'ClusterRole' ? '' : nsOf(binding), String(ref.name), 'rbac.authorization.k8s.io');
      if (role === undefined || !writes(objects[role])) continue;
      for (const s of binding.subjects ?? []) {
        if (s.kind === 'ServiceAccount') result.add(`${s.namespace ?? nsOf(binding)}/${s.name}`);
      }
    }
  }
  return result;
}
