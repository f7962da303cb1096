/**
 * The lab's sections, as the seed numbers them (9.1-9.4, then the experiments of 9.5), and the
 * charts one section needs: its own, and the charts that provide what it names (the namespace,
 * the IngressClass or GatewayClass its routes use, the Gateway, the Issuer of its Certificates,
 * the Secret or ConfigMap it reads). Derived from the synthesised objects, never a hand-kept list,
 * so that `npm run lab:up -- --section 9.1` brings up only 9.1 and what it needs.
 */
import { ChartManifest } from './stages';

/** One section of the seed. */
export interface LabSection {
  /** What `--section` takes: `9.1` ... `9.4`, `exp1` ... `exp7`. */
  readonly id: string;
  readonly title: string;
  /** The heading in Chinese (the seed's readers read Chinese). */
  readonly titleZh: string;
  /** File-name prefixes of its charts in dist/ or dist-gateway/ (`10-`, `30-`). */
  readonly files: string[];
  /** Prefix of the section names of its client checks (lab/checks.ts); none for a section without one. */
  readonly checks?: string;
}

export const LAB_SECTIONS: LabSection[] = [
  { id: '9.1', title: '9.1 hostPort', titleZh: '9.1 hostPort（主机端口）', files: ['10-'], checks: '9.1 ' },
  { id: '9.2', title: '9.2 hostNetwork', titleZh: '9.2 hostNetwork（主机网络）', files: ['12-'], checks: '9.2 ' },
  { id: '9.3', title: '9.3 NodePort', titleZh: '9.3 NodePort（节点端口）', files: ['20-'], checks: '9.3 ' },
  { id: '9.4', title: '9.4 externalIPs', titleZh: '9.4 externalIP（外部 IP）', files: ['22-'], checks: '9.4 ' },
  { id: 'exp1', title: 'Experiment 1: the ingress controller', titleZh: '实验1 - 安装 Ingress Controller', files: ['30-'], checks: 'exp 1 ' },
  { id: 'exp2', title: 'Experiment 2: certificates', titleZh: '实验2 - 证书', files: ['35-', '36-'] },
  { id: 'exp3', title: 'Experiment 3: HTTP-Ingress-HTTP (svc1)', titleZh: '实验3 - HTTP-Ingress-HTTP', files: ['40-'], checks: 'exp 3 ' },
  { id: 'exp4', title: 'Experiment 4: HTTP-Ingress-HTTPS (svc2)', titleZh: '实验4 - HTTP-Ingress-HTTPS', files: ['41-'], checks: 'exp 4 ' },
  { id: 'exp5', title: 'Experiment 5: HTTPS-Ingress-HTTP, TLS termination (svc3)', titleZh: '实验5 - HTTPS-Ingress-HTTP（TLS 终止）', files: ['42-'], checks: 'exp 5 ' },
  { id: 'exp6', title: 'Experiment 6: HTTPS-Ingress-HTTPS, re-encryption (svc4)', titleZh: '实验6 - HTTPS-Ingress-HTTPS（重新加密）', files: ['43-'], checks: 'exp 6 ' },
  { id: 'exp7', title: 'Experiment 7: SSL passthrough (svc5)', titleZh: '实验7 - HTTPS 透传（ssl-passthrough）', files: ['44-'], checks: 'exp 7 ' },
];

/** The section `--section <id>` names, or a message listing the allowed ids. */
export function findSection(id: string): LabSection | string {
  const found = LAB_SECTIONS.find(s => s.id === id);
  return found ?? `--section ${JSON.stringify(id)}: allowed: ${LAB_SECTIONS.map(s => s.id).join(', ')}`;
}

/** The kinds whose `metadata.name` other objects name to use them. */
const PROVIDER_KINDS = ['IngressClass', 'GatewayClass', 'Gateway', 'Issuer', 'ClusterIssuer', 'Bundle'];

/** The names a chart provides for others to use: classes, Gateways, issuers, Bundles, Certificates' Secrets. */
function providedNames(c: ChartManifest): Set<string> {
  const names = new Set<string>();
  for (const o of c.objects) {
    if (PROVIDER_KINDS.includes(o.kind) && o.metadata?.name) names.add(o.metadata.name);
    if (o.kind === 'Certificate' && o.spec?.secretName) names.add(o.spec.secretName);
  }
  return names;
}

/** Fields whose value names another object. */
const REFERENCE_FIELDS = new Set(['ingressClassName', 'gatewayClassName', 'secretName']);
/** Fields whose `name` names another object (issuerRef, parentRefs, certificateRefs, a volume's configMap ...). */
const REFERENCE_PARENTS = new Set(['issuerRef', 'parentRefs', 'certificateRefs', 'caCertificateRefs', 'configMap', 'secret', 'secretRef', 'configMapRef', 'configMapKeyRef', 'secretKeyRef']);

/** The names an object's references use (annotations too: `namespace/name` values count by their name). */
function references(value: unknown, out: Set<string>, parent = ''): Set<string> {
  if (Array.isArray(value)) value.forEach(v => references(v, out, parent));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (typeof v === 'string' && (REFERENCE_FIELDS.has(k) || (k === 'name' && REFERENCE_PARENTS.has(parent)))) out.add(v);
      else if (k === 'annotations' && v && typeof v === 'object') Object.values(v).forEach(a => out.add(String(a).split('/').pop()!));
      else references(v, out, k);
    }
  }
  return out;
}

/**
 * The charts a section needs, in file order: the namespace chart (when there is one), the
 * section's charts, and every chart that provides a name they use, transitively.
 */
export function sectionCharts(section: LabSection, charts: readonly ChartManifest[], namespaceFile = '00-namespace.k8s.yaml'): ChartManifest[] {
  const own = charts.filter(c => section.files.some(prefix => c.file.startsWith(prefix)));
  const provides = new Map(charts.map(c => [c.file, providedNames(c)] as const));
  const needed = new Set<string>(own.map(c => c.file));
  const queue = [...own];
  while (queue.length > 0) {
    const used = references(queue.shift()!.objects, new Set());
    for (const other of charts) {
      if (needed.has(other.file) || ![...provides.get(other.file)!].some(n => used.has(n))) continue;
      needed.add(other.file);
      queue.push(other);
    }
  }
  return charts.filter(c => c.file === namespaceFile || needed.has(c.file));
}

/** Whether any of the charts has a cert-manager object (else cert-manager need not be installed). */
export function needsCertManager(charts: readonly ChartManifest[]): boolean {
  return charts.some(c => c.objects.some(o => String(o.apiVersion).startsWith('cert-manager.io/')));
}
