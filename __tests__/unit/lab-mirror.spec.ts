/**
 * Mirrors: one setting (`LabConfig.mirror`) re-points every image of the lab's output and every
 * manifest and chart URL of lab:up's and lab:down's plan. The lists are computed here from the
 * built lab, both flavours, so that an image or URL added later is checked too.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdk8s';
import { buildLabFlavour, KIND_GATEWAY_NODE_PORTS, LAB_CONFIG, LabConfig, LabFlavour } from '../../lab';
import { GatewayClassChart, LAB_ENVOY_PROXY } from '../../lab/gateway';
import {
  envoyProxyImageRepository, imagesOf, LabMirror, mirrorImage, mirrorManifest, mirrorStages, mirrorSteps, mirrorUrl, RELEASE_IMAGES, releaseImagesOf,
  splitImage,
} from '../../lab/mirror';
import { downSteps, upStages } from '../../lab/stages';
import { CERT_MANAGER_RELEASES, ENVOY_GATEWAY_RELEASES, TRUST_MANAGER_RELEASES } from '../../lab/versions';
import { labUp } from '../../scripts/lab/up';
import { testValidatorCache } from '../helpers/test-cache';

// lab:up --print validates the plan's objects: its validators come from the tests' shared cache
// (compiled once, then loaded), not compiled in memory in every run
const savedCacheDir = process.env.CDK8S_EXPOSE_CACHE_DIR;
beforeAll(() => { process.env.CDK8S_EXPOSE_CACHE_DIR = path.dirname(testValidatorCache()); });
afterAll(() => {
  if (savedCacheDir === undefined) delete process.env.CDK8S_EXPOSE_CACHE_DIR;
  else process.env.CDK8S_EXPOSE_CACHE_DIR = savedCacheDir;
});

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
    // nothing else of the objects changes, but for Envoy's image: the EnvoyProxy and the GatewayClass's reference to it
    const strip = (charts: typeof upstream.charts) => JSON.stringify(charts.map(c => ({
      ...c, objects: c.objects.filter(o => o.kind !== 'EnvoyProxy').map(o => (o.kind === 'GatewayClass' ? { ...o, spec: { ...o.spec, parametersRef: undefined } } : o)),
    }))).replace(/"image":"[^"]*"/g, '"image":""');
    expect(strip(mirrored.charts)).toBe(strip(upstream.charts));
    const proxies = mirrored.charts.flatMap(c => c.objects.filter(o => o.kind === 'EnvoyProxy'));
    expect(proxies.map(p => p.spec.provider.kubernetes.envoyDeployment.container.imageRepository))
      .toEqual(flavour === LabFlavour.GATEWAY_API ? [`${MIRROR.registry}/envoyproxy/envoy`] : []);
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
    const plan = out.join('');
    const urls = plan.match(/[a-z]+:\/\/[^\s),]+/g) ?? [];
    expect(urls.length).toBeGreaterThanOrEqual(flavour === 'gateway' ? 3 : 1);
    for (const url of urls) expect([url, url.startsWith(`${MIRROR.urlBase}/`) || url.startsWith(`oci://${MIRROR.registry}/`)]).toEqual([url, true]);
    // every image the plan names: the releases' (what the mirror must carry), the chart's repository values
    const images = [...plan.matchAll(/images \(the mirror must carry them\): (.*)/g)].flatMap(m => m[1].split(', '));
    const values = [...plan.matchAll(/--set [a-zA-Z.]*repository=(\S+)/g)].map(m => m[1]);
    expect(images.length).toBe(flavour === 'gateway' ? 9 : 4);
    expect(values.length).toBe(flavour === 'gateway' ? 2 : 0);
    for (const image of [...images, ...values]) expect([image, image.startsWith(`${MIRROR.registry}/`)]).toEqual([image, true]);
    expect(plan).toMatch(/cert-manager v1\.21\.1: curl -fsSL -o <temporary directory>\/cert-manager\.yaml https:\/\/files\.example\.com\/lab\/github\.com\/\S+, its image references re-pointed to mirror\.example\.com\/lab, then kubectl apply -f <temporary directory>\/cert-manager\.yaml /);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

describe('the releases\' images', () => {
  test('every release lab/versions.ts can choose has its images listed (a new release needs its images read at its tag)', () => {
    for (const r of [...CERT_MANAGER_RELEASES, ...ENVOY_GATEWAY_RELEASES, ...TRUST_MANAGER_RELEASES]) {
      expect([r.component, r.version, (releaseImagesOf(r.component, r.version)?.images.length ?? 0) > 0]).toEqual([r.component, r.version, true]);
    }
    for (const r of RELEASE_IMAGES) for (const i of r.images) expect(i).toMatch(/^(quay|docker)\.io\/[a-z-]+\/[a-z-]+:[\w.-]+$/);
  });

  test('mirrorStages: a manifest URL is downloaded and rewritten, a chart gets its repositories as values; the images listed', () => {
    const release = { component: 'trust-manager', version: 'v0.24.0' };
    const [cm, tm] = mirrorStages([
      { apply: 'https://github.com/cert-manager/cert-manager/releases/download/v1.21.1/cert-manager.yaml', release: { component: 'cert-manager', version: 'v1.21.1' } },
      { apply: 'oci://quay.io/jetstack/charts/trust-manager', helm: ['upgrade', 'oci://quay.io/jetstack/charts/trust-manager'], release },
    ], MIRROR);
    expect(cm.rewriteImages).toBe(MIRROR);
    expect(cm.images).toContain('mirror.example.com/lab/jetstack/cert-manager-webhook:v1.21.1');
    expect(tm.rewriteImages).toBeUndefined();
    expect(tm.helm).toEqual(['upgrade', 'oci://mirror.example.com/lab/jetstack/charts/trust-manager',
      '--set', 'image.repository=mirror.example.com/lab/jetstack/trust-manager',
      '--set', 'defaultPackageImage.repository=mirror.example.com/lab/jetstack/trust-pkg-debian-trixie']);
    // a URL base alone: URLs only, nothing downloaded, no values
    const [urlOnly] = mirrorStages([{ apply: cm.apply.replace(/^.*github\.com/, 'https://github.com'), release: { component: 'cert-manager', version: 'v1.21.1' } }], { urlBase: MIRROR.urlBase });
    expect([urlOnly.rewriteImages, urlOnly.images]).toEqual([undefined, undefined]);
  });
});

describe('mirrorManifest: a release manifest\'s image references, line by line', () => {
  const text = [
    'spec:',
    '      containers:',
    '        - name: a',
    '          image: "quay.io/jetstack/cert-manager-controller:v1.21.1"',
    '          args:',
    '          - --acme-http01-solver-image=quay.io/jetstack/cert-manager-acmesolver:v1.21.1',
    '      - image: docker.io/envoyproxy/gateway:v1.9.0',
    '  envoy-gateway.yaml: |',
    '        shutdownManager:',
    '          image: docker.io/envoyproxy/gateway:v1.9.0',
    '            image:',
    '              description: "image: not this one"',
    "      image: 'nginx@sha256:abc'",
    '',
  ].join('\n');

  test('quoted or not, in a list item, an --x-image= argument, an embedded configuration; tags and digests kept', () => {
    const r = mirrorManifest(text, MIRROR);
    expect(r.images.map(i => i.to)).toEqual([
      'mirror.example.com/lab/jetstack/cert-manager-controller:v1.21.1', 'mirror.example.com/lab/jetstack/cert-manager-acmesolver:v1.21.1',
      'mirror.example.com/lab/envoyproxy/gateway:v1.9.0', 'mirror.example.com/lab/envoyproxy/gateway:v1.9.0', 'mirror.example.com/lab/library/nginx@sha256:abc',
    ]);
    expect(r.text).toContain('          image: "mirror.example.com/lab/jetstack/cert-manager-controller:v1.21.1"\n');
    expect(r.text).toContain("      image: 'mirror.example.com/lab/library/nginx@sha256:abc'\n");
    // nothing else changes: a property named image, a description
    expect(r.text.split('\n').filter((l, i) => l !== text.split('\n')[i])).toHaveLength(5);
    expect(r.text).toContain('            image:\n              description: "image: not this one"\n');
  });

  test('Envoy\'s image: the EnvoyProxy\'s imageRepository (the tag stays Envoy Gateway\'s default); with node ports, one EnvoyProxy for both', () => {
    expect(envoyProxyImageRepository(undefined)).toBeUndefined();
    expect(envoyProxyImageRepository({ urlBase: MIRROR.urlBase })).toBeUndefined();
    const chart = new GatewayClassChart(new App({ outdir: '/nonexistent-never-written' }), 'c', { ...LAB_CONFIG, mirror: MIRROR, gatewayNodePorts: KIND_GATEWAY_NODE_PORTS });
    const [proxy, cls] = chart.toJson();
    expect(proxy.metadata.name).toBe(LAB_ENVOY_PROXY);
    expect(proxy.spec.provider.kubernetes.envoyDeployment).toEqual({ container: { imageRepository: 'mirror.example.com/lab/envoyproxy/envoy' } });
    expect(proxy.spec.provider.kubernetes.envoyService.type).toBe('NodePort');
    expect(cls.spec.parametersRef.name).toBe(LAB_ENVOY_PROXY);
  });
});
