/**
 * Mirrors, for networks that cannot reach the upstream registries and github.com (the seed
 * re-pointed images "because of network restrictions"): one setting, `LabConfig.mirror`, with
 * a registry prefix for every image and a URL base for every manifest and chart.
 *
 *   images     `registry.k8s.io/ingress-nginx/controller:v1.15.1@sha256:...` -> `<registry>/ingress-nginx/controller:v1.15.1@sha256:...`
 *              `nginx:1.28` (Docker Hub) -> `<registry>/library/nginx:1.28`; tags and digests are kept
 *              (a mirror copied with `crane copy` or `skopeo copy --all` keeps both)
 *   manifests  `https://github.com/cert-manager/...` -> `<urlBase>/github.com/cert-manager/...`
 *   charts     `oci://quay.io/jetstack/charts/trust-manager` -> `oci://<registry>/jetstack/charts/trust-manager`
 *
 * The images the releases lab:up installs run are re-pointed too (RELEASE_IMAGES lists them, read
 * at their tags): cert-manager's and Envoy Gateway's manifests are downloaded (curl) and every image
 * reference in them re-pointed before kubectl applies them (mirrorManifest), trust-manager's chart
 * gets its image repositories as values, and Envoy's own image is set by the lab's EnvoyProxy
 * (lab/gateway.ts, envoyProxyImageRepository).
 */
import { ApiObject, App, JsonPatch } from 'cdk8s';

/** Where the lab's images, manifests and charts come from instead of upstream. */
export interface LabMirror {
  /**
   * Registry (host and optional path) that replaces the registry of every image and OCI chart:
   * `registry.example.com/mirror`.
   * @default - images from their upstream registries
   */
  readonly registry?: string;
  /**
   * URL base that replaces `https://` of every manifest URL: `https://files.example.com/mirror`
   * serves `https://github.com/x/y` as `https://files.example.com/mirror/github.com/x/y`.
   * @default - manifests from their upstream URLs
   */
  readonly urlBase?: string;
}

/** The registry of an image reference, and the rest (Docker Hub's defaults spelled out). */
export function splitImage(image: string): { registry: string; path: string } {
  const slash = image.indexOf('/');
  const first = slash < 0 ? '' : image.slice(0, slash);
  if (slash >= 0 && (first.includes('.') || first.includes(':') || first === 'localhost')) {
    return { registry: first, path: image.slice(slash + 1) };
  }
  return { registry: 'docker.io', path: slash < 0 ? `library/${image}` : image };
}

/** An image re-pointed to the mirror's registry. */
export function mirrorImage(image: string, mirror: LabMirror | undefined): string {
  if (!mirror?.registry) return image;
  return `${mirror.registry.replace(/\/+$/, '')}/${splitImage(image).path}`;
}

/** A manifest URL or OCI chart reference re-pointed to the mirror. */
export function mirrorUrl(url: string, mirror: LabMirror | undefined): string {
  if (url.startsWith('oci://')) {
    if (!mirror?.registry) return url;
    const rest = url.slice('oci://'.length);
    return `oci://${mirror.registry.replace(/\/+$/, '')}/${rest.slice(rest.indexOf('/') + 1)}`;
  }
  if (!mirror?.urlBase || !/^https?:\/\//.test(url)) return url;
  return `${mirror.urlBase.replace(/\/+$/, '')}/${url.replace(/^https?:\/\//, '')}`;
}

/** The JSON pointers and values of every container image of an object (pods, pod templates, Jobs, CronJobs). */
export function imagesOf(json: unknown, pointer = ''): Array<{ pointer: string; image: string }> {
  const out: Array<{ pointer: string; image: string }> = [];
  if (Array.isArray(json)) json.forEach((v, i) => out.push(...imagesOf(v, `${pointer}/${i}`)));
  else if (json && typeof json === 'object') {
    for (const [k, v] of Object.entries(json)) {
      const at = `${pointer}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      if ((k === 'containers' || k === 'initContainers' || k === 'ephemeralContainers') && Array.isArray(v)) {
        v.forEach((c, i) => {
          if (typeof c?.image === 'string') out.push({ pointer: `${at}/${i}/image`, image: c.image });
        });
      } else {
        out.push(...imagesOf(v, at));
      }
    }
  }
  return out;
}

/** Re-points every container image of every ApiObject under `app` (JSON patches: the constructs stay as they are). */
export function mirrorApp(app: App, mirror: LabMirror | undefined): void {
  if (!mirror?.registry) return;
  for (const o of app.node.findAll().filter((c): c is ApiObject => c instanceof ApiObject)) {
    for (const { pointer, image } of imagesOf(o.toJson())) {
      const mirrored = mirrorImage(image, mirror);
      if (mirrored !== image) o.addJsonPatch(JsonPatch.replace(pointer, mirrored));
    }
  }
}

/** What mirrorStages adds to a stage that installs a release, with a mirror registry. */
export interface MirroredRelease {
  /** The images the release runs, as the mirror must carry them (RELEASE_IMAGES, re-pointed). */
  readonly images?: string[];
  /** The manifest URL is downloaded and every image reference in it re-pointed to this mirror before it is applied. */
  readonly rewriteImages?: LabMirror;
}

/**
 * lab:up's stages with their manifest URLs and chart references re-pointed; with a registry, a
 * release's images too: a manifest is rewritten before it is applied (`rewriteImages`), a Helm
 * chart gets its images' repositories as values (RELEASE_IMAGES' `helmValues`).
 */
export function mirrorStages<S extends StageLike>(stages: S[], mirror: LabMirror | undefined): Array<S & MirroredRelease> {
  if (!mirror) return stages as Array<S & MirroredRelease>;
  return stages.map(s => {
    const known = s.release ? releaseImagesOf(s.release.component, s.release.version) : undefined;
    const images = mirror.registry && known ? { images: known.images.map(i => mirrorImage(i, mirror)) } : {};
    // every manifest applied by URL is a release's: rewritten whether or not RELEASE_IMAGES lists it
    const rewrite = mirror.registry && /^https?:\/\//.test(s.apply) && !s.helm ? { rewriteImages: mirror } : {};
    const values = mirror.registry && known?.helmValues
      ? Object.entries(known.helmValues).flatMap(([key, image]) => ['--set', `${key}=${mirrorImage(image, mirror)}`]) : [];
    const helm = s.helm ? { helm: [...s.helm.map(a => mirrorUrl(a, mirror)), ...values] } : {};
    return { ...s, apply: mirrorUrl(s.apply, mirror), ...helm, ...images, ...rewrite };
  });
}

/** The part of a lab:up stage mirrorStages reads. */
export interface StageLike {
  readonly apply: string;
  readonly helm?: string[];
  readonly release?: { readonly component: string; readonly version: string };
}

/** The images a release runs, read at its tag; `helmValues`: the chart values that name them (repository, without tag). */
export interface ReleaseImages {
  readonly component: string;
  readonly version: string;
  /** Every image, with its tag, as upstream publishes it. */
  readonly images: string[];
  /** Helm charts: value -> the image repository it sets. */
  readonly helmValues?: { readonly [key: string]: string };
  /** Where this was read. */
  readonly source: string;
}

const certManagerImages = (v: string, tagCommit: string): ReleaseImages => ({
  component: 'cert-manager',
  version: v,
  // controller, cainjector, webhook run; acmesolver is the controller's --acme-http01-solver-image (ACME HTTP-01 only, which the lab does not use);
  // startupapicheck is left out of the static manifest (make/manifests.mk: --set startupapicheck.enabled=false)
  images: ['controller', 'cainjector', 'webhook', 'acmesolver'].map(n => `quay.io/jetstack/cert-manager-${n}:${v}`),
  source: `cert-manager/cert-manager ${v} (${tagCommit}): deploy/charts/cert-manager/values.yaml and templates, make/manifests.mk`,
});

/**
 * The images of every release lab/versions.ts can choose (a test checks each has an entry):
 * what a mirror registry must carry besides the images of dist/ and dist-gateway/.
 */
export const RELEASE_IMAGES: ReleaseImages[] = [
  certManagerImages('v1.16.5', 'd8611e27'),
  certManagerImages('v1.21.1', '24e33194'),
  {
    component: 'Envoy Gateway',
    version: 'v1.9.0',
    // the controller (also its certgen Job and the shutdown-manager beside each Envoy, both from the
    // envoy-gateway-config ConfigMap / chart: `eg.image`), Envoy (the default of api/v1alpha1/shared_types.go,
    // set by the lab's EnvoyProxy), ratelimit (the ConfigMap's rateLimitDeployment; runs only with rate limits)
    images: ['docker.io/envoyproxy/gateway:v1.9.0', 'docker.io/envoyproxy/envoy:distroless-v1.39.0', 'docker.io/envoyproxy/ratelimit:17b1956c'],
    source: 'envoyproxy/gateway v1.9.0 (39763b1c): charts/gateway-helm values.tmpl.yaml and _helpers.tpl, tools/make/kube.mk ' +
      'generate-manifests, api/v1alpha1/shared_types.go DefaultEnvoyProxyImage/DefaultRateLimitImage',
  },
  {
    component: 'trust-manager',
    version: 'v0.24.0',
    images: ['quay.io/jetstack/trust-manager:v0.24.0', 'quay.io/jetstack/trust-pkg-debian-trixie:20250419.1'],
    // `repository` takes precedence over imageRegistry/imageNamespace/name (values.yaml); the tags stay the chart's
    helmValues: { 'image.repository': 'quay.io/jetstack/trust-manager', 'defaultPackageImage.repository': 'quay.io/jetstack/trust-pkg-debian-trixie' },
    source: 'cert-manager/trust-manager v0.24.0 (75590d07): deploy/charts/trust-manager values.yaml, templates/deployment.yaml, ' +
      '_helpers.tpl; make/00_mod.mk (_defaultReference) and make/00_debian_trixie_version.mk (20250419.1)',
  },
];

/** The images of a release (RELEASE_IMAGES), undefined for one not listed. */
export function releaseImagesOf(component: string, version: string): ReleaseImages | undefined {
  return RELEASE_IMAGES.find(r => r.component === component && r.version === version);
}

/** Envoy's image repository on the mirror (the EnvoyProxy's `imageRepository`: Envoy Gateway keeps its default tag); undefined without a registry. */
export function envoyProxyImageRepository(mirror: LabMirror | undefined): string | undefined {
  return mirror?.registry ? mirrorImage('docker.io/envoyproxy/envoy', mirror) : undefined;
}

/** An image reference in a manifest's text: `image: <ref>` (quoted or not) and `--<x>-image=<ref>` arguments. */
const IMAGE_LINE = /^(\s*(?:-\s+)?image:\s+)(["']?)([A-Za-z0-9][A-Za-z0-9._/:@-]*)\2(\s*)$/;
const IMAGE_ARG = /^(\s*-\s+["']?--[a-z0-9-]*image=)([A-Za-z0-9][A-Za-z0-9._/:@-]*)/;

/**
 * A release manifest's text with every image reference re-pointed (mirrorImage), line by line, so
 * that nothing else of the file changes (the image lines of a ConfigMap's embedded configuration,
 * as Envoy Gateway's, included); and the images found, before and after.
 */
export function mirrorManifest(text: string, mirror: LabMirror): { text: string; images: Array<{ from: string; to: string }> } {
  const images: Array<{ from: string; to: string }> = [];
  const lines = text.split('\n').map(line => {
    const m = IMAGE_LINE.exec(line);
    if (m && /[:@]/.test(m[3])) {
      const to = mirrorImage(m[3], mirror);
      images.push({ from: m[3], to });
      return `${m[1]}${m[2]}${to}${m[2]}${m[4]}`;
    }
    const a = IMAGE_ARG.exec(line);
    if (a) {
      const to = mirrorImage(a[2], mirror);
      images.push({ from: a[2], to });
      return `${a[1]}${to}${line.slice(a[0].length)}`;
    }
    return line;
  });
  return { text: lines.join('\n'), images };
}

/** lab:down's steps with their manifest URLs re-pointed. */
export function mirrorSteps<S extends { readonly args: string[] }>(steps: S[], mirror: LabMirror | undefined): S[] {
  if (!mirror) return steps;
  return steps.map(s => ({ ...s, args: s.args.map(a => mirrorUrl(a, mirror)) }));
}
