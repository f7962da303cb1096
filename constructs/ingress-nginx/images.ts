/**
 * Container images of ingress-nginx, split into registry / repository / tag / digest like the
 * chart's `image:` values, so that a mirror can replace any part.
 */

/**
 * Parts of a container image reference, as the chart's `image:` values take them.
 * @stable
 */
export interface IngressNginxImageOptions {
  /** Registry host, optionally with a port and a path prefix, e.g. `registry.k8s.io` or `registry.hub.docker.com`. */
  readonly registry: string;
  /** Repository inside the registry, e.g. `ingress-nginx/controller`. */
  readonly image: string;
  /** Tag, e.g. `v1.11.8`. */
  readonly tag: string;
  /**
   * Digest pinning the exact image, `sha256:<64 hex>`; a mirror has other digests, so clear it there.
   * @default - none: the tag alone selects the image
   */
  readonly digest?: string;
}

/**
 * A container image of ingress-nginx, split like the chart's values (registry / image / tag /
 * digest) so that a mirror can replace any part, e.g. for clusters that cannot reach
 * registry.k8s.io.
 *
 * @example
 * // a Docker Hub mirror of the controller (its digest differs, so drop upstream's)
 * IngressNginxImage.CONTROLLER.withRegistry('registry.hub.docker.com')
 *   .withImage('davidliyutong/ingress-nginx-controller').withoutDigest();
 * @stable
 */
export class IngressNginxImage {
  /** registry.k8s.io/ingress-nginx/controller:v1.11.8 pinned by digest. */
  public static readonly CONTROLLER = new IngressNginxImage({
    registry: 'registry.k8s.io', image: 'ingress-nginx/controller', tag: 'v1.11.8',
    digest: 'sha256:695d79381ee6af00c7f5c9fd434f50851d7d32838ad5b2c507e416cf2084fc79',
  });

  /** registry.k8s.io/ingress-nginx/kube-webhook-certgen:v1.6.0 pinned by digest (chart 4.11.8's). */
  public static readonly KUBE_WEBHOOK_CERTGEN = new IngressNginxImage({
    registry: 'registry.k8s.io', image: 'ingress-nginx/kube-webhook-certgen', tag: 'v1.6.0',
    digest: 'sha256:c9f76a75fd00e975416ea1b73300efd413116de0de8570346ed90766c5b5cefb',
  });

  /** registry.k8s.io/ingress-nginx/controller:v1.15.1 pinned by digest (upstream's static manifest at tag controller-v1.15.1). */
  public static readonly CONTROLLER_V1_15_1 = new IngressNginxImage({
    registry: 'registry.k8s.io', image: 'ingress-nginx/controller', tag: 'v1.15.1',
    digest: 'sha256:594ceea76b01c592858f803f9ff4d2cb40542cae2060410b2c95f75907d659e1',
  });

  /** registry.k8s.io/ingress-nginx/kube-webhook-certgen:v1.6.9 pinned by digest (controller-v1.15.1's static manifest). */
  public static readonly KUBE_WEBHOOK_CERTGEN_V1_6_9 = new IngressNginxImage({
    registry: 'registry.k8s.io', image: 'ingress-nginx/kube-webhook-certgen', tag: 'v1.6.9',
    digest: 'sha256:01038e7de14b78d702d2849c3aad72fd25903c4765af63cf16aa3398f5d5f2dd',
  });

  /** registry.k8s.io/defaultbackend-amd64:1.5 (the chart pins no digest; amd64 nodes only). */
  public static readonly DEFAULT_BACKEND = new IngressNginxImage({
    registry: 'registry.k8s.io', image: 'defaultbackend-amd64', tag: '1.5',
  });

  /** Any image, from its parts. */
  public static of(options: IngressNginxImageOptions): IngressNginxImage {
    return new IngressNginxImage(options);
  }

  /** Registry host (and optional path prefix). */
  public readonly registry: string;
  /** Repository inside the registry. */
  public readonly image: string;
  /** Tag. */
  public readonly tag: string;
  /** Digest, if pinned. */
  public readonly digest?: string;

  private constructor(options: IngressNginxImageOptions) {
    this.registry = options.registry;
    this.image = options.image;
    this.tag = options.tag;
    this.digest = options.digest === '' ? undefined : options.digest;
  }

  /** The same image from another registry (keeps the digest: clear it with `withoutDigest()` for a re-pushed copy). */
  public withRegistry(registry: string): IngressNginxImage {
    return new IngressNginxImage({ ...this.options(), registry });
  }

  /** Another repository name (e.g. a mirror's `davidliyutong/ingress-nginx-controller`). */
  public withImage(image: string): IngressNginxImage {
    return new IngressNginxImage({ ...this.options(), image });
  }

  /** Another tag; the digest is dropped since it belonged to the old tag. */
  public withTag(tag: string): IngressNginxImage {
    return new IngressNginxImage({ ...this.options(), tag, digest: undefined });
  }

  /** Pins a digest. */
  public withDigest(digest: string): IngressNginxImage {
    return new IngressNginxImage({ ...this.options(), digest });
  }

  /** Selects by tag only. */
  public withoutDigest(): IngressNginxImage {
    return new IngressNginxImage({ ...this.options(), digest: undefined });
  }

  /** `registry/image:tag[@digest]`, as the chart composes it. */
  public get reference(): string {
    return `${this.registry}/${this.image}:${this.tag}${this.digest ? `@${this.digest}` : ''}`;
  }

  private options(): IngressNginxImageOptions {
    return { registry: this.registry, image: this.image, tag: this.tag, digest: this.digest };
  }
}
