/**
 * One section at a time (`--section`): the charts a section needs, derived from the names the
 * charts provide and use, and what lab:up, lab:down and lab:verify do with it. Read from the
 * committed dist/ and dist-gateway/ (what `kubectl apply` gets), no cluster.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdk8s';
import { buildLab, LAB_CONFIG } from '../../lab';
import { labChecks } from '../../lab/checks';
import { LAB_SECTIONS, findSection, sectionCharts } from '../../lab/sections';
import { ChartManifest, readManifest, upStages } from '../../lab/stages';
import { UsageError } from '../../scripts/lab/common';
import { selectChecks, selectDownCharts, selectUpStages } from '../../scripts/lab/section';
import { labVerify } from '../../scripts/lab/verify';

const ROOT = path.join(__dirname, '..', '..');
const chartsOf = (dir: string): ChartManifest[] => fs.readdirSync(path.join(ROOT, dir)).filter(f => f.endsWith('.k8s.yaml')).sort()
  .map(file => ({ file, objects: readManifest(path.join(ROOT, dir, file)) }));
const dist = chartsOf('dist');
const files = (id: string, charts = dist) => sectionCharts(findSection(id) as (typeof LAB_SECTIONS)[number], charts).map(c => c.file);

test('every section names charts that exist, in both flavours', () => {
  for (const s of LAB_SECTIONS) {
    expect([s.id, dist.some(c => s.files.some(p => c.file.startsWith(p)))]).toEqual([s.id, true]);
    expect(s.titleZh.length).toBeGreaterThan(0);
  }
});

test.each([
  ['9.1', ['00-namespace.k8s.yaml', '10-pod1-host-port.k8s.yaml']],
  ['9.4', ['00-namespace.k8s.yaml', '22-service2-external-ip.k8s.yaml']],
  ['exp1', ['00-namespace.k8s.yaml', '30-ingress-nginx.k8s.yaml']],
  ['exp2', ['00-namespace.k8s.yaml', '35-lab-ca.k8s.yaml']],
  // the IngressClass `nginx` is the controller's
  ['exp3', ['00-namespace.k8s.yaml', '30-ingress-nginx.k8s.yaml', '40-svc1-http.k8s.yaml']],
  // ... and the lab CA issues its Certificates
  ['exp5', ['00-namespace.k8s.yaml', '30-ingress-nginx.k8s.yaml', '35-lab-ca.k8s.yaml', '42-svc3-tls-termination.k8s.yaml']],
  ['exp7', ['00-namespace.k8s.yaml', '30-ingress-nginx.k8s.yaml', '35-lab-ca.k8s.yaml', '44-svc5-tls-passthrough.k8s.yaml']],
])('section %s needs %j', (id, expected) => {
  expect(files(id)).toEqual(expected);
});

test('Gateway API flavour: an experiment needs the GatewayClass and the Gateway its route names', () => {
  const gateway = chartsOf('dist-gateway');
  const needed = files('exp3', gateway);
  expect(needed).toEqual(expect.arrayContaining(['00-namespace.k8s.yaml', '30-gateway-class.k8s.yaml', '40-svc1-http.k8s.yaml']));
  expect(needed.some(f => gateway.find(c => c.file === f)!.objects.some(o => o.kind === 'Gateway'))).toBe(true);
  expect(needed).not.toContain('10-pod1-host-port.k8s.yaml');
});

test('lab:up --section 9.1: the namespace and the pod only; no cert-manager (no chart of 9.1 has a cert-manager object), no controller', () => {
  const stages = selectUpStages('9.1', dist, charts => upStages(LAB_CONFIG, charts));
  expect(stages.map(s => s.name)).toEqual([`namespace ${LAB_CONFIG.namespace}`, '10-pod1-host-port']);
});

test('lab:up --section exp5: cert-manager, the controller, the namespace, the lab CA, svc3', () => {
  const stages = selectUpStages('exp5', dist, charts => upStages(LAB_CONFIG, charts)).map(s => s.name);
  expect(stages[0]).toMatch(/^cert-manager /);
  expect(stages[1]).toMatch(/^ingress-nginx controller/);
  expect(stages.slice(2)).toEqual([`namespace ${LAB_CONFIG.namespace}`, '35-lab-ca', '42-svc3-tls-termination']);
});

test('lab:up without --section: every stage, as before', () => {
  expect(selectUpStages(undefined, dist, charts => upStages(LAB_CONFIG, charts))).toEqual(upStages(LAB_CONFIG, dist));
});

test('lab:down --section removes the section\'s own charts only; the namespace, controller and lab CA stay', () => {
  expect(selectDownCharts('exp5', dist).map(c => c.file)).toEqual(['42-svc3-tls-termination.k8s.yaml']);
  expect(selectDownCharts('exp2', dist).map(c => c.file)).toEqual(['35-lab-ca.k8s.yaml']);
  expect(selectDownCharts(undefined, dist)).toBe(dist);
});

test('lab:verify --section: the section\'s checks only', () => {
  const lab = buildLab(new App({ outdir: '/nonexistent-never-written' }), LAB_CONFIG);
  const all = labChecks(lab, LAB_CONFIG, '$NODE');
  expect(selectChecks('9.3', all).map(c => c.section)).toEqual(['9.3 NodePort']);
  expect(selectChecks('exp5', all).map(c => c.section)).toEqual(['exp 5 TLS termination (svc3) redirect', 'exp 5 TLS termination (svc3)']);
  // every check belongs to exactly one section
  expect(LAB_SECTIONS.flatMap(s => (s.checks ? selectChecks(s.id, all) : [])).length).toBe(all.length);
});

test('fails with the allowed ids for an unknown section, and for a section without checks', () => {
  expect(() => selectChecks('9.9', [])).toThrow(new UsageError('--section "9.9": allowed: 9.1, 9.2, 9.3, 9.4, exp1, exp2, exp3, exp4, exp5, exp6, exp7'));
  expect(() => selectUpStages('exp', dist, () => [])).toThrow(UsageError);
  expect(() => selectChecks('exp2', [])).toThrow('--section exp2 (Experiment 2: certificates) has no client checks: it exposes nothing');
});

test('lab:verify --print --section: the section\'s commands, with the flavour lab:up and lab:down need', () => {
  const io = () => {
    const out: string[] = [];
    return { out, io: { exec: () => { throw new Error('--print runs nothing'); }, out: (t: string) => out.push(t), err: (t: string) => out.push(t), sleep: () => undefined, now: () => 0 } };
  };
  const nginx = io();
  expect(labVerify(['--node', '$NODE', '--print', '--section', '9.3'], nginx.io)).toBe(0);
  const lines = nginx.out.join('').trimEnd().split('\n');
  expect(lines[0]).toBe('9.3 apply: npm run lab:up -- --section 9.3  # expect its stages done (and those of what it needs)');
  expect(lines.at(-1)).toBe('9.3 clean up: npm run lab:down -- --section 9.3  # expect its own objects deleted');
  expect(lines.filter(l => l.startsWith('9.3 NodePort: curl '))).toHaveLength(1);
  const gateway = io();
  expect(labVerify(['--node', '$NODE', '--print', '--section', 'exp7', '--flavour', 'gateway'], gateway.io)).toBe(0);
  expect(gateway.out.join('')).toContain('exp7 apply: npm run lab:up -- --section exp7 --flavour gateway  #');
  expect(gateway.out.join('')).toContain('exp7 clean up: npm run lab:down -- --section exp7 --flavour gateway  #');
});

test('lab:verify --print with a loopback --node prints the port-mapped commands the run uses', () => {
  const out: string[] = [];
  const io = { exec: () => { throw new Error('--print runs nothing'); }, out: (t: string) => out.push(t), err: (t: string) => out.push(t), sleep: () => undefined, now: () => 0 };
  expect(labVerify(['--node', '127.0.0.1', '--print', '--section', '9.4'], io)).toBe(0);
  expect(out.join('')).toContain('9.4 externalIPs: curl http://127.0.0.1:8088/  #');
});
