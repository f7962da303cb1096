/**
 * The ingress-nginx releases IngressNginxController renders, each object by object as upstream's
 * static bare-metal manifest of its tag (kubernetes/ingress-nginx,
 * `deploy/static/provider/baremetal/deploy.yaml`): controller-v1.11.8, the last release for
 * Kubernetes 1.26-1.30 (1.27 included), and controller-v1.15.1, the project's final release
 * (Kubernetes 1.31-1.35, from the README's support table at that tag; ingress-nginx is retired).
 */
import { IngressNginxImage } from './images';

/** What a release changes in the rendered objects. */
interface ReleaseFacts {
  readonly version: string;
  readonly chartVersion: string;
  readonly minKubernetesMinor: number;
  readonly maxKubernetesMinor: number;
  readonly controllerImage: IngressNginxImage;
  readonly certgenImage: IngressNginxImage;
  readonly metricsFlag: boolean;
  readonly podToken: boolean;
  readonly controllerRunAsGroup?: number;
  readonly certgenRunAsGroup?: number;
}

/**
 * A release of ingress-nginx: its version, the Kubernetes versions it supports, its images and
 * what its static manifest renders differently.
 *
 * @example
 * new IngressNginxController(chart, 'IngressNginx', { release: IngressNginxRelease.V1_15_1 });
 * @experimental
 */
export class IngressNginxRelease {
  /**
   * controller-v1.11.8 (chart 4.11.8): Kubernetes 1.26-1.30, the seed's release.
   */
  public static readonly V1_11_8 = new IngressNginxRelease({
    version: '1.11.8', chartVersion: '4.11.8', minKubernetesMinor: 26, maxKubernetesMinor: 30,
    controllerImage: IngressNginxImage.CONTROLLER, certgenImage: IngressNginxImage.KUBE_WEBHOOK_CERTGEN,
    metricsFlag: true, podToken: false,
  });

  /**
   * controller-v1.15.1 (chart 4.15.1), the final release: Kubernetes 1.31-1.35. Its manifest
   * differs from v1.11.8's in the images (controller v1.15.1, kube-webhook-certgen v1.6.9), no
   * `--enable-metrics=false` flag, `automountServiceAccountToken: true` in the controller's and
   * the certgen Jobs' pod specs, `runAsGroup` 82 (controller) and 65532 (certgen), and an empty
   * controller ConfigMap (snippets are off by default since v1.12).
   */
  public static readonly V1_15_1 = new IngressNginxRelease({
    version: '1.15.1', chartVersion: '4.15.1', minKubernetesMinor: 31, maxKubernetesMinor: 35,
    controllerImage: IngressNginxImage.CONTROLLER_V1_15_1, certgenImage: IngressNginxImage.KUBE_WEBHOOK_CERTGEN_V1_6_9,
    metricsFlag: false, podToken: true, controllerRunAsGroup: 82, certgenRunAsGroup: 65532,
  });

  /** Every release, oldest first. */
  public static all(): IngressNginxRelease[] {
    return [IngressNginxRelease.V1_11_8, IngressNginxRelease.V1_15_1];
  }

  /** The controller version, without `v` (the `app.kubernetes.io/version` label). */
  public readonly version: string;
  /** The Helm chart version of the same release. */
  public readonly chartVersion: string;
  /** The oldest Kubernetes minor (1.x) upstream lists as supported. */
  public readonly minKubernetesMinor: number;
  /** The newest Kubernetes minor (1.x) upstream lists as supported. */
  public readonly maxKubernetesMinor: number;
  /** The controller image of the release. */
  public readonly controllerImage: IngressNginxImage;
  /** The kube-webhook-certgen image of the release. */
  public readonly certgenImage: IngressNginxImage;

  /** @internal */
  public readonly _facts: ReleaseFacts;

  private constructor(facts: ReleaseFacts) {
    this._facts = facts;
    this.version = facts.version;
    this.chartVersion = facts.chartVersion;
    this.minKubernetesMinor = facts.minKubernetesMinor;
    this.maxKubernetesMinor = facts.maxKubernetesMinor;
    this.controllerImage = facts.controllerImage;
    this.certgenImage = facts.certgenImage;
  }

  /** Whether upstream lists Kubernetes 1.`minor` as supported by this release. */
  public supportsKubernetes(minor: number): boolean {
    return minor >= this.minKubernetesMinor && minor <= this.maxKubernetesMinor;
  }
}
