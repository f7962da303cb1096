/**
 * Mirrors: one setting (`LabConfig.mirror`) re-points every image of the lab's output and every
 * manifest and chart URL of lab:up's and lab:down's plan. The lists are computed here from the
 * built lab, both flavours, so that an image or URL added later is checked too.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdk8s';
import { buildLabFlavour, LAB_CONFIG, LabConfig, LabFlavour } from '../../lab';
import { imagesOf, LabMirror, mirrorImage, mirrorStages, mirrorSteps, mirrorUrl, splitImage } from '../../lab/mirror';
import { downSteps, upStages } from '../../lab/stages';
import { labUp } from '../../scripts/lab/up';

const MIRROR: LabMirror = { registry: 'mirror.example.com/lab', urlBase: 'https://files.example.com/lab' };

function output(config: LabConfig, flavour: LabFlavour) {
  const app = new App({ outdir: '/nonexistent-never-written' });
  buildLabFlavour(app, config, flavour);
  const charts = app.charts.map(c => ({ file: `${c.node.id}.k8s.yaml`, objects: c.toJson() }));
  const images = [...new Set(charts.flatMap(c => c.objects.flatMap(o => imagesOf(o).map(i => i.image))))].sort();
  return { charts, images };
}

/** Every URL or chart reference in lab:up's and lab:down's plan (the arguments that look like one). */
function planUrls(config: LabConfig, charts: ReturnType<typeof output>['charts']): string[] {
  const up = mirrorStages(upStages(config, charts), config.mirror);
  const down = mirrorSteps(downSteps(config, charts, 'dist', true, true), config.mirror);
  const all = [...up.flatMap(s => [s.apply, ...(s.helm ?? [])]), ...down.flatMap(s => s.args)];
  return [...new Set(all.filter(a => /^[a-z]+:\/\//.test(a)))].sort();
}

describe.each([LabFlavour.INGRESS_NGINX, LabFlavour.GATEWAY_API])('%s', flavour => {
  const upstream = output(LAB_CONFIG, flavour);
  const mirrored = output({ ...LAB_CONFIG, mirror: MIRROR }, flavour);

  test('every image of the output is re-pointed to the mirror registry, path, tag and digest kept', () => {
    expect(upstream.images.length).toBeGreaterThanOrEqual(2);
    expect(mirrored.images).toEqual([...new Set(upstream.images.map(i => mirrorImage(i, MIRROR)))].sort());
    for (const image of mirrored.images) expect(image.startsWith(`${MIRROR.registry}/`)).toBe(true);
    // nothing else of the objects changes
    const strip = (charts: typeof upstream.charts) => JSON.stringify(charts).replace(/"image":"[^"]*"/g, '"image":""');
    expect(strip(mirrored.charts)).toBe(strip(upstream.charts));
  });

  test('every manifest URL and chart reference of the plan is re-pointed', () => {
    const before = planUrls(LAB_CONFIG, upstream.charts);
    const after = planUrls({ ...LAB_CONFIG, mirror: MIRROR }, mirrored.charts);
    expect(before.length).toBeGreaterThanOrEqual(1);
    expect(after).toEqual(before.map(u => mirrorUrl(u, MIRROR)).sort());
    for (const url of after) expect([url, url.startsWith(`${MIRROR.urlBase}/`) || url.startsWith(`oci://${MIRROR.registry}/`)]).toEqual([url, true]);
  });
});

test('without a mirror nothing changes', () => {
  expect(mirrorImage('nginx:1.28', undefined)).toBe('nginx:1.28');
  expect(mirrorUrl('https://github.com/a/b.yaml', {})).toBe('https://github.com/a/b.yaml');
  const stages = [{ apply: 'https://github.com/a/b.yaml' }];
  expect(mirrorStages(stages, undefined)).toBe(stages);
});

test.each([
  ['nginx:1.28', 'docker.io', 'library/nginx:1.28'],
  ['nginxinc/nginx-unprivileged:1.28-alpine', 'docker.io', 'nginxinc/nginx-unprivileged:1.28-alpine'],
  ['registry.k8s.io/ingress-nginx/controller:v1.15.1@sha256:abc', 'registry.k8s.io', 'ingress-nginx/controller:v1.15.1@sha256:abc'],
  ['localhost:5000/x:1', 'localhost:5000', 'x:1'],
  ['quay.io/jetstack/cert-manager-controller:v1.16.5', 'quay.io', 'jetstack/cert-manager-controller:v1.16.5'],
])('splitImage(%s): registry %s, path %s', (image, registry, path) => {
  expect(splitImage(image)).toEqual({ registry, path });
  expect(mirrorImage(image, { registry: 'm.example/x/' })).toBe(`m.example/x/${path}`);
});

test('URLs: https under the URL base with their host, oci:// under the registry without theirs', () => {
  expect(mirrorUrl('https://github.com/cert-manager/cert-manager/releases/download/v1.16.5/cert-manager.yaml', MIRROR))
    .toBe('https://files.example.com/lab/github.com/cert-manager/cert-manager/releases/download/v1.16.5/cert-manager.yaml');
  expect(mirrorUrl('oci://quay.io/jetstack/charts/trust-manager', MIRROR)).toBe('oci://mirror.example.com/lab/jetstack/charts/trust-manager');
  expect(mirrorUrl('dist/10-pod1-host-port.k8s.yaml', MIRROR)).toBe('dist/10-pod1-host-port.k8s.yaml');
});

test.each([['ingress-nginx'], ['gateway']])('lab:up --print --flavour %s with a mirror: every URL and chart of the printed plan is the mirror\'s', flavour => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-expose-mirror-'));
  try {
    const config = path.join(dir, 'mirror.json');
    fs.writeFileSync(config, JSON.stringify({ mirror: MIRROR }));
    const out: string[] = [];
    const io = { exec: () => { throw new Error('--print runs nothing'); }, out: (t: string) => out.push(t), err: (t: string) => out.push(t), sleep: () => undefined, now: () => 0 };
    expect(labUp(['--print', '--kubernetes-version', '1.35', '--flavour', flavour, '--config', config], io)).toBe(0);
    const urls = out.join('').match(/[a-z]+:\/\/[^\s)]+/g) ?? [];
    expect(urls.length).toBeGreaterThanOrEqual(flavour === 'gateway' ? 3 : 1);
    for (const url of urls) expect([url, url.startsWith(`${MIRROR.urlBase}/`) || url.startsWith(`oci://${MIRROR.registry}/`)]).toEqual([url, true]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
