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
 * The images inside upstream release manifests (cert-manager, Envoy Gateway) are theirs: mirror
 * those files with their images re-pointed (docs/air-gapped.md).
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

/** lab:up's stages with their manifest URLs and chart references re-pointed. */
export function mirrorStages<S extends { readonly apply: string; readonly helm?: string[] }>(stages: S[], mirror: LabMirror | undefined): S[] {
  if (!mirror) return stages;
  return stages.map(s => ({ ...s, apply: mirrorUrl(s.apply, mirror), ...(s.helm ? { helm: s.helm.map(a => mirrorUrl(a, mirror)) } : {}) }));
}

/** lab:down's steps with their manifest URLs re-pointed. */
export function mirrorSteps<S extends { readonly args: string[] }>(steps: S[], mirror: LabMirror | undefined): S[] {
  if (!mirror) return steps;
  return steps.map(s => ({ ...s, args: s.args.map(a => mirrorUrl(a, mirror)) }));
}
