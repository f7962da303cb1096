/**
 * Every command of one section, in the order a student types them: look at what was applied
 * (`kubectl get ... -o wide`, the EndpointSlices a controller reads), fetch the lab CA when a
 * check needs it, the TLS check first WITHOUT the CA (it fails: the lessons of the seed's
 * experiment 5), then the client checks (lab/checks.ts). `npm run lab:verify -- --print` prints
 * these and docs/lab-guide.md shows them, so the guide has no command that --print does not.
 */
import { Chart } from 'cdk8s';
import { CaSource, describeExpected, displayCommand, LabCheck } from './checks';
import { LAB_SECTIONS, LabSection } from './sections';

/** One command of a section. */
export interface GuideCommandLine {
  /** The section of lab/sections.ts. */
  readonly section: string;
  /** `look`, `ca`, `without the CA`, or the check's own section name (`exp 5 TLS termination (svc3)`). */
  readonly step: string;
  readonly command: string;
  /** What it should answer. */
  readonly expect: string;
}

/** A synthesised object, as far as these commands read it. */
interface ObjectJson {
  readonly kind: string;
  readonly metadata?: { readonly name?: string; readonly namespace?: string };
  readonly spec?: { readonly type?: string; readonly externalIPs?: string[]; readonly selector?: { readonly matchLabels?: Record<string, string> } };
}

const selector = (labels: Record<string, string>) => Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(',');

/** `kubectl get` commands that show what a section's objects became. */
function lookCommands(objects: readonly ObjectJson[], namespace: string): Array<{ command: string; expect: string }> {
  const out: Array<{ command: string; expect: string }> = [];
  for (const o of objects) {
    const ns = o.metadata?.namespace ?? namespace;
    const name = o.metadata?.name;
    if (o.kind === 'Pod') out.push({ command: `kubectl -n ${ns} get pod ${name} -o wide`, expect: 'Running; NODE is the node to curl' });
    const labels = o.spec?.selector?.matchLabels;
    if (['Deployment', 'DaemonSet'].includes(o.kind) && labels) {
      out.push({ command: `kubectl -n ${ns} get pods -l ${selector(labels)} -o wide`, expect: 'every pod Running, each with its pod IP and node' });
    }
    if (o.kind === 'Service') {
      out.push({ command: `kubectl -n ${ns} get service ${name} -o wide`, expect: `${o.spec?.type ?? 'ClusterIP'}, its cluster IP and ports` });
      out.push({ command: `kubectl -n ${ns} get endpointslices -l kubernetes.io/service-name=${name}`, expect: 'the pod IPs behind it (its endpoints)' });
      for (const ip of o.spec?.externalIPs ?? []) {
        out.push({ command: 'kubectl get nodes -o wide', expect: `the node that owns ${ip}: its address, or the one your network routes ${ip} to` });
      }
    }
    if (['Ingress', 'HTTPRoute', 'TLSRoute', 'Certificate', 'Gateway'].includes(o.kind)) {
      out.push({ command: `kubectl -n ${ns} get ${o.kind.toLowerCase()} ${name}`, expect: o.kind === 'Certificate' ? 'READY True' : 'its class and hosts' });
    }
  }
  return out;
}

/** The command that writes the lab CA to ca.crt (what lab:verify reads itself). */
export function caCommand(source: CaSource, namespace: string): string {
  if (source.file) return `cp ${source.file} ca.crt`;
  const { name, key } = source.secret!;
  return `kubectl -n ${namespace} get secret ${name} -o jsonpath='{.data.${key.replace(/\./g, '\\.')}}' | base64 -d > ca.crt`;
}

/** The objects of the charts of `section` (its own charts, by file-name prefix of the chart id). */
function sectionObjects(section: LabSection, charts: readonly Chart[]): ObjectJson[] {
  return charts.filter(c => section.files.some(p => c.node.id.startsWith(p))).flatMap(c => c.toJson());
}

/**
 * Every command of every section (or of `only`), in order; `flavourArg` is what lab:up and
 * lab:down need besides `--section` (`--flavour gateway` for the Gateway API flavour).
 */
export function guideCommands(charts: readonly Chart[], checks: readonly LabCheck[], namespace: string, ca: CaSource,
  only?: LabSection, flavourArg = ''): GuideCommandLine[] {
  const out: GuideCommandLine[] = [];
  const more = flavourArg ? ` ${flavourArg}` : '';
  for (const section of LAB_SECTIONS.filter(s => !only || s.id === only.id)) {
    out.push({ section: section.id, step: 'apply', command: `npm run lab:up -- --section ${section.id}${more}`, expect: 'its stages done (and those of what it needs)' });
    for (const l of lookCommands(sectionObjects(section, charts), namespace)) out.push({ section: section.id, step: 'look', ...l });
    const mine = section.checks ? checks.filter(c => c.section.startsWith(section.checks!)) : [];
    for (const c of mine.filter(x => x.cacert)) {
      out.push({
        section: section.id, step: 'without the CA', command: displayCommand({ ...c, cacert: false }),
        expect: 'curl exit 60: the certificate is signed by the lab CA, which this client does not trust yet',
      });
    }
    if (mine.some(c => c.cacert)) {
      out.push({ section: section.id, step: 'ca', command: caCommand(ca, namespace), expect: 'ca.crt: the lab CA certificate (PEM)' });
    }
    for (const c of mine) {
      const where = c.nodeOfPod ? ` (NODE: the node running ${c.nodeOfPod})` : '';
      out.push({ section: section.id, step: c.section, command: displayCommand(c), expect: `${describeExpected(c.expected)}${where}` });
    }
    out.push({ section: section.id, step: 'clean up', command: `npm run lab:down -- --section ${section.id}${more}`, expect: 'its own objects deleted' });
  }
  return out;
}

const EXTRA_STEPS = ['apply', 'look', 'ca', 'without the CA', 'clean up'];

/** The line lab:verify --print prints for a command (a check's line names its check, as before). */
export function printLine(c: GuideCommandLine): string {
  const what = EXTRA_STEPS.includes(c.step) ? `${c.section} ${c.step}` : c.step;
  return `${what}: ${c.command}  # expect ${c.expect}\n`;
}
