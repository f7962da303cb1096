/**
 * Issue 23 without a cluster: the sync waves in dist/ and dist-gateway/ are the DeployPlan of
 * their objects and respect every dependency; lab:up applies the same files in an order that
 * respects the same dependencies (one source: DeployPlan); the Flux layout of dist/ (dist-flux/)
 * is up to date, holds every object once and its Kustomizations match the Flux CRD
 * (kustomize-controller v1.9.4, schemas/crds) strictly.
 */
import * as fs from 'fs';
import * as path from 'path';
import { DeployPlan, SYNC_WAVE_ANNOTATION } from '../../constructs';
import { LAB_CONFIG } from '../../lab';
import { ChartManifest, readManifest, upStages } from '../../lab/stages';
import { fluxFileText, fluxLayoutOf, fluxViolations } from '../../scripts/flux-layout';

const ROOT = path.resolve(__dirname, '..', '..');

function charts(dir: string): ChartManifest[] {
  return fs.readdirSync(path.join(ROOT, dir)).filter(f => f.endsWith('.k8s.yaml')).sort()
    .map(file => ({ file, objects: readManifest(path.join(ROOT, dir, file)) }));
}

describe.each(['dist', 'dist-gateway'])('%s', dir => {
  const files = charts(dir);
  const all = files.flatMap(c => c.objects.map(obj => ({ file: c.file, obj })));
  const plan = DeployPlan.of(all.map(o => o.obj));

  test('every object carries the sync wave of its stage in the DeployPlan', () => {
    expect(all.map(o => o.obj.metadata.annotations?.[SYNC_WAVE_ANNOTATION])).toEqual(all.map((_, i) => String(plan.waveOf(i))));
  });

  test('the waves respect every dependency: never before what an object needs, after it when the API server needs it ready', () => {
    expect(plan.dependencies.length).toBeGreaterThan(all.length / 2);
    for (const d of plan.dependencies) expect(plan.waveOf(d.dependent)).toBeGreaterThanOrEqual(plan.waveOf(d.needed) + (d.hard ? 1 : 0));
  });

  test('lab:up applies each file after the files holding what its objects need from an earlier wave (the same DeployPlan)', () => {
    const stages = upStages(LAB_CONFIG, files);
    const position = (file: string) => stages.findIndex(s => s.apply === file);
    expect(files.every(c => position(c.file) >= 0)).toBe(true);
    let checked = 0;
    for (const d of plan.dependencies) {
      const from = all[d.dependent].file;
      const to = all[d.needed].file;
      if (from === to || !(d.hard || plan.waveOf(d.needed) < plan.waveOf(d.dependent))) continue;
      checked++;
      expect([from, d.reason, position(to) < position(from)]).toEqual([from, d.reason, true]);
    }
    expect(checked).toBeGreaterThan(0);
    // cert-manager (and Envoy Gateway) are installed before any file that uses their kinds
    const certManager = stages.findIndex(s => s.name.startsWith('cert-manager'));
    for (const c of files.filter(f => f.objects.some(o => String(o.apiVersion).startsWith('cert-manager.io/')))) {
      expect(position(c.file)).toBeGreaterThan(certManager);
    }
  });
});

describe('the Flux layout of dist/ (dist-flux/, npm run flux-layout)', () => {
  const layout = fluxLayoutOf(path.join(ROOT, 'dist'), './dist-flux');

  test('dist-flux/ is what npm run flux-layout writes from dist/ now', () => {
    const onDisk = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true })
      .flatMap(e => (e.isDirectory() ? onDisk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
    const root = path.join(ROOT, 'dist-flux');
    expect(onDisk(root).map(f => path.relative(root, f)).sort()).toEqual(layout.files.map(f => f.path).sort());
    for (const f of layout.files) expect([f.path, fs.readFileSync(path.join(root, f.path), 'utf8')]).toEqual([f.path, fluxFileText(f)]);
  });

  test('one Kustomization per stage, each depending on the one before and waiting for its objects', () => {
    const k = layout.kustomizations;
    expect(k.map(x => x.metadata.name)).toEqual([
      'cdk8s-expose-0-foundation', 'cdk8s-expose-1-controllers', 'cdk8s-expose-2-certificates', 'cdk8s-expose-3-workloads', 'cdk8s-expose-4-routes',
    ]);
    expect(k.map(x => x.spec.dependsOn?.map((d: any) => d.name))).toEqual([undefined, ...k.slice(0, -1).map(x => [x.metadata.name])]);
    expect(k.every(x => x.spec.wait === true && x.spec.path === `./dist-flux/${x.metadata.name.replace('cdk8s-expose-', '')}`)).toBe(true);
  });

  test('every object of dist/ is in exactly one stage folder, the folder of its wave', () => {
    const placed = layout.files.filter(f => !f.path.startsWith('flux/') && !f.path.endsWith('/kustomization.yaml'))
      .flatMap(f => f.documents.map(d => ({ wave: f.path.split('-')[0], key: `${d.kind}/${d.metadata.namespace ?? ''}/${d.metadata.name}`, d })));
    const distObjects = charts('dist').flatMap(c => c.objects);
    expect(placed.map(p => p.key).sort()).toEqual(distObjects.map(d => `${d.kind}/${d.metadata.namespace ?? ''}/${d.metadata.name}`).sort());
    for (const p of placed) expect(p.d.metadata.annotations[SYNC_WAVE_ANNOTATION]).toBe(p.wave);
  });

  test('the Kustomizations match the Flux CRD strictly; a wrong field is reported (the check can fail)', () => {
    expect(fluxViolations(layout)).toBe('');
    const bad = { ...layout, kustomizations: [{ ...layout.kustomizations[0], spec: { ...layout.kustomizations[0].spec, wait: 'yes', waitFor: true } }] };
    const text = fluxViolations(bad as any);
    expect(text).toMatch(/\/spec\/wait: must be boolean/);
    expect(text).toMatch(/\/spec\/waitFor: unknown field/);
  });
});
