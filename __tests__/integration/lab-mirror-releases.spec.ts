/**
 * Mirrors (issue 25), with the stand-in kubectl/helm/curl of lab-scripts.spec.ts: with a mirror
 * registry, lab:up downloads cert-manager's and Envoy Gateway's release manifests (from the URL
 * base), re-points every image reference in them, applies the rewritten files, installs
 * trust-manager with its image repositories set to the mirror's, and Envoy comes from the mirror
 * through the lab's EnvoyProxy. Every command run and every file applied is read here: no image
 * and no URL outside the mirror, both flavours.
 *
 * The release manifests below are our own short stand-ins holding the image references of the
 * real ones, as their sources render them: cert-manager v1.21.1 (deploy/charts/cert-manager
 * templates: `image: "quay.io/jetstack/cert-manager-<x>:v1.21.1"` quoted, the controller's
 * `--acme-http01-solver-image=` argument), Envoy Gateway v1.9.0 (charts/gateway-helm: the
 * controller and certgen images unquoted, the envoy-gateway-config ConfigMap's embedded
 * rateLimitDeployment and shutdownManager images), plus a CRD property named `image` (no value),
 * which must stay as it is.
 */
import * as fs from 'fs';
import * as path from 'path';
import { LabMirror, mirrorImage, RELEASE_IMAGES } from '../../lab/mirror';
import { LabIo, runScript } from '../../scripts/lab/common';
import { labUp } from '../../scripts/lab/up';
import { certManagerManifestUrl, CERT_MANAGER_RELEASES, envoyGatewayInstallUrl, ENVOY_GATEWAY_RELEASES } from '../../lab/versions';
import { tools, useStandIns } from '../helpers/lab-scripts';

useStandIns();

const MIRROR: LabMirror = { registry: 'mirror.example.com/lab', urlBase: 'https://files.example.com/lab' };
const CM = CERT_MANAGER_RELEASES[1];
const EG = ENVOY_GATEWAY_RELEASES[0];
const CM_URL = `${MIRROR.urlBase}/${certManagerManifestUrl(CM).replace('https://', '')}`;
const EG_URL = `${MIRROR.urlBase}/${envoyGatewayInstallUrl(EG).replace('https://', '')}`;

const CERT_MANAGER_YAML = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: certificates.cert-manager.io
spec:
  versions:
    - schema:
        openAPIV3Schema:
          properties:
            image:
              description: a property named image, not an image
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: cert-manager
  namespace: cert-manager
spec:
  template:
    spec:
      containers:
        - name: cert-manager-controller
          image: "quay.io/jetstack/cert-manager-controller:v1.21.1"
          args:
          - --v=2
          - --acme-http01-solver-image=quay.io/jetstack/cert-manager-acmesolver:v1.21.1
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: cert-manager-cainjector
  namespace: cert-manager
spec:
  template:
    spec:
      containers:
        - name: cert-manager-cainjector
          image: "quay.io/jetstack/cert-manager-cainjector:v1.21.1"
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: cert-manager-webhook
  namespace: cert-manager
spec:
  template:
    spec:
      containers:
        - name: cert-manager-webhook
          image: "quay.io/jetstack/cert-manager-webhook:v1.21.1"
`;

const ENVOY_GATEWAY_YAML = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: envoyproxies.gateway.envoyproxy.io
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: envoy-gateway-config
  namespace: envoy-gateway-system
data:
  envoy-gateway.yaml: |
    apiVersion: gateway.envoyproxy.io/v1alpha1
    kind: EnvoyGateway
    provider:
      kubernetes:
        rateLimitDeployment:
          container:
            image: docker.io/envoyproxy/ratelimit:17b1956c
        shutdownManager:
          image: docker.io/envoyproxy/gateway:v1.9.0
      type: Kubernetes
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: envoy-gateway
  namespace: envoy-gateway-system
spec:
  template:
    spec:
      containers:
      - name: envoy-gateway
        image: docker.io/envoyproxy/gateway:v1.9.0
        imagePullPolicy: IfNotPresent
---
apiVersion: batch/v1
kind: Job
metadata:
  name: eg-gateway-helm-certgen
  namespace: envoy-gateway-system
spec:
  template:
    spec:
      containers:
      - name: envoy-gateway-certgen
        image: docker.io/envoyproxy/gateway:v1.9.0
`;

interface Run { code: number; stdout: string; stderr: string; commands: string[][]; applied: Map<string, string> }

/** lab:up in this process with the stand-ins (`tools.exec`), keeping a copy of every file kubectl applies (they are temporary). */
function up(args: string[], config: object): Run {
  const file = path.join(tools.dir, 'config.json');
  fs.writeFileSync(file, JSON.stringify(config));
  const exec = tools.exec;
  const applied = new Map<string, string>();
  const commands: string[][] = [];
  let stdout = '';
  let stderr = '';
  let clock = 1_000_000;
  const io: LabIo = {
    exec: (cmd, a, t) => {
      commands.push([cmd, ...a]);
      const f = a[a.indexOf('-f') + 1];
      if (cmd === 'kubectl' && a.includes('apply') && f && fs.existsSync(f)) applied.set(path.basename(f), fs.readFileSync(f, 'utf8'));
      return exec(cmd, a, t);
    },
    out: t => { stdout += t; },
    err: t => { stderr += t; },
    sleep: ms => { clock += ms; },
    now: () => clock,
  };
  const code = runScript('lab:up', labUp, [...args, '--config', file], io);
  return { code, stdout, stderr, commands, applied };
}

/** Every image reference of a manifest's text: `image:` values, `--<x>-image=` arguments, an EnvoyProxy's `imageRepository`. */
function imageRefs(text: string): string[] {
  const refs: string[] = [];
  for (const m of text.matchAll(/^\s*(?:-\s+)?(?:image|imageRepository):[ \t]+["']?([^"'\s]+)/gm)) refs.push(m[1]);
  for (const m of text.matchAll(/--[a-z0-9-]*image=["']?([^"'\s]+)/g)) refs.push(m[1]);
  return refs;
}

const mirrored = (component: string) => RELEASE_IMAGES.find(r => r.component === component && r.version === (component === 'Envoy Gateway' ? EG.version : CM.version))!
  .images.map(i => mirrorImage(i, MIRROR));

function serveReleases(): void {
  tools.curl(CM_URL, { status: 200, body: CERT_MANAGER_YAML }).curl(EG_URL, { status: 200, body: ENVOY_GATEWAY_YAML });
}

describe.each([['ingress-nginx'], ['gateway']])('lab:up --flavour %s with a mirror registry and URL base', flavour => {
  test('every command and every applied file names only the mirror\'s images and URLs; the release manifests are downloaded and rewritten', () => {
    serveReleases();
    const r = up(['--flavour', flavour], { mirror: MIRROR });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    // the commands: every URL under the URL base or the mirror's registry, every --set image value the mirror's
    const args = r.commands.flat();
    const urls = args.filter(a => /^[a-z]+:\/\//.test(a));
    expect(urls).toContain(CM_URL);
    for (const u of urls) expect([u, u.startsWith(`${MIRROR.urlBase}/`) || u.startsWith(`oci://${MIRROR.registry}/`)]).toEqual([u, true]);
    const curls = r.commands.filter(c => c[0] === 'curl').map(c => c[c.length - 1]);
    expect(curls).toEqual(flavour === 'gateway' ? [CM_URL, EG_URL] : [CM_URL]);
    // the files applied: the lab's own and the rewritten release manifests
    expect([...r.applied.keys()]).toContain('cert-manager.yaml');
    const refs = [...r.applied.values()].flatMap(imageRefs);
    expect(refs.length).toBeGreaterThan(5);
    for (const ref of refs) expect([ref, ref.startsWith(`${MIRROR.registry}/`)]).toEqual([ref, true]);
    expect([...new Set(imageRefs(r.applied.get('cert-manager.yaml')!))].sort()).toEqual(mirrored('cert-manager').sort());
    // nothing but the image references changed
    expect(r.applied.get('cert-manager.yaml')!.split(`${MIRROR.registry}/jetstack/`).join('quay.io/jetstack/')).toBe(CERT_MANAGER_YAML);
    expect(r.stdout).toContain(`  4 image references re-pointed to ${MIRROR.registry}: `);
    if (flavour === 'gateway') {
      const eg = r.applied.get('install.yaml')!;
      const envoy = mirrored('Envoy Gateway');
      // Envoy's image through the EnvoyProxy (its tag Envoy Gateway's default), the rest in the manifest
      expect([...new Set(imageRefs(eg))].sort()).toEqual(envoy.filter(i => !i.includes('/envoy:')).sort());
      expect(eg.split(`${MIRROR.registry}/envoyproxy/`).join('docker.io/envoyproxy/')).toBe(ENVOY_GATEWAY_YAML);
      expect(imageRefs(r.applied.get('30-gateway-class.k8s.yaml')!)).toEqual([`${MIRROR.registry}/envoyproxy/envoy`]);
      const helm = r.commands.find(c => c[0] === 'helm')!.join(' ');
      expect(helm).toContain(`--set image.repository=${MIRROR.registry}/jetstack/trust-manager --set defaultPackageImage.repository=${MIRROR.registry}/jetstack/trust-pkg-debian-trixie`);
      expect(r.commands.find(c => c[0] === 'kubectl' && c.some(a => a.endsWith('/install.yaml')))).toContain('--server-side');
    }
    // the temporary files are gone
    for (const c of r.commands.filter(x => x[0] === 'curl')) expect(fs.existsSync(path.dirname(c[c.indexOf('-o') + 1]))).toBe(false);
  });

  test('without a mirror nothing changes: the manifests are applied by their upstream URLs, nothing downloaded', () => {
    const r = up(['--flavour', flavour], {});
    expect(r.code).toBe(0);
    expect(r.commands.filter(c => c[0] === 'curl')).toEqual([]);
    expect(r.commands.map(c => c.join(' '))).toContain(`kubectl apply -f ${certManagerManifestUrl(CM)}`);
    expect(r.applied.get('30-gateway-class.k8s.yaml') ?? '').not.toContain('EnvoyProxy');
  });
});

test('a registry without a URL base: the manifests are downloaded from upstream and still rewritten', () => {
  tools.curl(certManagerManifestUrl(CM), { status: 200, body: CERT_MANAGER_YAML });
  const r = up([], { mirror: { registry: MIRROR.registry } });
  expect(r.code).toBe(0);
  expect(imageRefs(r.applied.get('cert-manager.yaml')!).every(i => i.startsWith(`${MIRROR.registry}/`))).toBe(true);
});

test('the download fails: the stage fails saying so, nothing of the release applied (exit 1)', () => {
  const r = up([], { mirror: MIRROR });
  expect(r.code).toBe(1);
  expect(r.stderr).toContain(`lab:up: FAILED: stage "cert-manager ${CM.version}": curl ${CM_URL} failed: curl: (7) Failed to connect to files.example.com`);
  expect(r.commands.filter(c => c[0] === 'kubectl' && c.includes('apply'))).toEqual([]);
});

test('a download that is no release manifest (no image reference) is refused', () => {
  tools.curl(CM_URL, { status: 200, body: '<html>sign in</html>\n' });
  const r = up([], { mirror: MIRROR });
  expect(r.code).toBe(1);
  expect(r.stderr).toContain(`${CM_URL} has no image reference: not a release manifest?`);
});
