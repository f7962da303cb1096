/**
 * Which releases the lab installs on a cluster, chosen by its Kubernetes version: ingress-nginx
 * (the ingress-nginx flavour), cert-manager (both), Envoy Gateway and trust-manager (the Gateway
 * API flavour). Each release carries the Kubernetes window its project publishes, and where that
 * was read:
 *
 * - ingress-nginx: README.md's "Supported Versions table", kubernetes/ingress-nginx, read at tags
 *   controller-v1.11.8 (commit 2d1412fa: v1.11.8 "1.30, 1.29, 1.28, 1.27, 1.26") and
 *   controller-v1.15.1 (commit 0a5901f3, 2026-03-19: v1.15.1 "1.35, 1.34, 1.33, 1.32, 1.31"; the
 *   README opens with "Ingress NGINX Retirement": the final release, no later one will support 1.36).
 * - cert-manager: the supported-releases page, cert-manager/website
 *   `content/docs/releases/README.md` (commit 776e5dba, August 2026): 1.21 supports and tests
 *   1.33-1.36; 1.16 listed 1.25-1.32 and reached end of life with the release of 1.18 (June 2025).
 *   v1.16.5 and v1.21.1 are the two releases whose CRDs the project validates against.
 * - Envoy Gateway: `site/content/en/news/releases/matrix.md` of envoyproxy/gateway, read at tag
 *   v1.9.0 (commit 39763b1c): the v1.9 row, Kubernetes "v1.33, v1.34, v1.35, v1.36", Gateway API
 *   v1.6.1, end of life 2027/02/14.
 * - trust-manager publishes no Kubernetes table of its own; it runs beside cert-manager, and the
 *   lab uses v0.24.0 (the Bundle CRD it validates against) only with the Gateway flavour, whose
 *   window (Envoy Gateway's) is inside cert-manager v1.21's.
 */
import { IngressNginxRelease } from '../constructs';
import { LabFlavour } from './config';

/**
 * The Kubernetes version the committed dist/ and dist-gateway/ target: inside ingress-nginx
 * v1.15.1's window (1.31-1.35), cert-manager v1.21.1's and Envoy Gateway v1.9's (1.33-1.36).
 * `npm run lab:up` synthesises for the cluster's own version instead.
 */
export const DIST_KUBERNETES_VERSION = '1.35';

/** A release of something the lab installs, and the Kubernetes minors (1.x) its project lists as supported. */
export interface Release {
  /** `cert-manager`. */
  readonly component: string;
  /** `v1.21.1`. */
  readonly version: string;
  /** The oldest Kubernetes minor listed as supported. */
  readonly minMinor: number;
  /** The newest Kubernetes minor listed as supported. */
  readonly maxMinor: number;
  /** Where the window was read. */
  readonly source: string;
  /** Why it should not be used longer than needed (end of life, final release). */
  readonly caveat?: string;
  /** Envoy Gateway: the Gateway API release its install manifest bundles. */
  readonly bundles?: string;
}

const INGRESS_NGINX_README = (tag: string) => `kubernetes/ingress-nginx README.md support table, read at tag ${tag}`;

/** ingress-nginx, oldest first; each also an IngressNginxRelease of the constructs. */
export const INGRESS_NGINX_RELEASES: Release[] = [
  { component: 'ingress-nginx', version: 'v1.11.8', minMinor: 26, maxMinor: 30, source: INGRESS_NGINX_README('controller-v1.11.8') },
  {
    component: 'ingress-nginx', version: 'v1.15.1', minMinor: 31, maxMinor: 35, source: INGRESS_NGINX_README('controller-v1.15.1'),
    caveat: 'the final release: ingress-nginx is retired (March 2026) and gets no more fixes',
  },
];

const CERT_MANAGER_PAGE = 'cert-manager/website content/docs/releases/README.md (supported releases)';

/** cert-manager, oldest first. */
export const CERT_MANAGER_RELEASES: Release[] = [
  {
    component: 'cert-manager', version: 'v1.16.5', minMinor: 25, maxMinor: 32, source: CERT_MANAGER_PAGE,
    caveat: 'end of life since the release of cert-manager 1.18 (June 2025), the last release for Kubernetes <= 1.32',
  },
  { component: 'cert-manager', version: 'v1.21.1', minMinor: 33, maxMinor: 36, source: CERT_MANAGER_PAGE },
];

/** Envoy Gateway, oldest first. */
export const ENVOY_GATEWAY_RELEASES: Release[] = [
  {
    component: 'Envoy Gateway', version: 'v1.9.0', minMinor: 33, maxMinor: 36,
    source: 'envoyproxy/gateway site/content/en/news/releases/matrix.md, v1.9 row, read at tag v1.9.0',
    // the Gateway API version of its conformance report (lab/gateway.ts)
    bundles: 'v1.6.1',
  },
];

/** trust-manager, oldest first. */
export const TRUST_MANAGER_RELEASES: Release[] = [
  { component: 'trust-manager', version: 'v0.24.0', minMinor: 33, maxMinor: 36, source: 'no upstream table: used within cert-manager v1.21\'s window' },
];

/** A Kubernetes version as the lab reads it: `v1.35.2+k3s1`, `1.35`, `v1.33.5-eks-113cf36` -> 1.35 / 1.33. */
export interface KubernetesVersion {
  readonly major: number;
  readonly minor: number;
  /** As given. */
  readonly text: string;
}

/** Parses a server's gitVersion or a `--kubernetes-version`; undefined when it is neither. */
export function parseKubernetesVersion(text: string): KubernetesVersion | undefined {
  const m = /^v?(\d+)\.(\d+)(?:\.\d+)?(?:[-+].*)?$/.exec(text.trim());
  if (!m) return undefined;
  return { major: Number(m[1]), minor: Number(m[2]), text: text.trim() };
}

/** The choice for one component: the release, or why there is none; and a warning if any. */
interface Choice {
  readonly release?: Release;
  readonly refusal?: string;
  readonly warning?: string;
}

const window = (r: Release) => `1.${r.minMinor}-1.${r.maxMinor}`;

/**
 * The release of `releases` whose window holds 1.`minor`. Newer than every window: the newest, with
 * a warning (nothing newer exists to choose); older than every window or in a gap: none, and why.
 */
export function chooseRelease(releases: readonly Release[], minor: number): Choice {
  const component = releases[0].component;
  const fit = releases.find(r => minor >= r.minMinor && minor <= r.maxMinor);
  if (fit) return { release: fit, warning: fit.caveat ? `${component} ${fit.version}: ${fit.caveat}` : undefined };
  const newest = releases[releases.length - 1];
  if (minor > newest.maxMinor) {
    return {
      release: newest,
      warning: `${component} ${newest.version} supports Kubernetes ${window(newest)}, not 1.${minor} (no newer release is pinned here): ` +
        'it may work, but nothing upstream tested it',
    };
  }
  const older = releases.filter(r => r.maxMinor < minor).pop();
  return {
    refusal: `${component} has no pinned release for Kubernetes 1.${minor}: ` +
      `${releases.map(r => `${r.version} supports ${window(r)}`).join(', ')}${older ? '' : `; use a cluster of 1.${releases[0].minMinor} or newer`}`,
  };
}

/** What the lab installs on a cluster of a given Kubernetes version. */
export interface LabReleases {
  readonly kubernetes: KubernetesVersion;
  readonly flavour: LabFlavour;
  /** The ingress-nginx flavour only. */
  readonly ingressNginx?: Release;
  readonly certManager?: Release;
  /** The Gateway API flavour only. */
  readonly envoyGateway?: Release;
  /** The Gateway API flavour only. */
  readonly trustManager?: Release;
  /** Outside a window, but lab:up goes on. */
  readonly warnings: string[];
  /** Reasons lab:up refuses (no release supports this version); empty when it goes on. */
  readonly refusals: string[];
}

/** The releases for a cluster of `kubernetes` and the lab's `flavour`. */
export function selectReleases(kubernetes: KubernetesVersion, flavour: LabFlavour): LabReleases {
  if (kubernetes.major !== 1) {
    return { kubernetes, flavour, warnings: [], refusals: [`Kubernetes ${kubernetes.text}: allowed: 1.x`] };
  }
  const picks: Array<[keyof Pick<LabReleases, 'ingressNginx' | 'certManager' | 'envoyGateway' | 'trustManager'>, Release[]]>
    = flavour === LabFlavour.GATEWAY_API
      ? [['certManager', CERT_MANAGER_RELEASES], ['envoyGateway', ENVOY_GATEWAY_RELEASES], ['trustManager', TRUST_MANAGER_RELEASES]]
      : [['ingressNginx', INGRESS_NGINX_RELEASES], ['certManager', CERT_MANAGER_RELEASES]];
  const chosen: { [k: string]: Release | undefined } = {};
  const warnings: string[] = [];
  const refusals: string[] = [];
  for (const [k, releases] of picks) {
    const c = chooseRelease(releases, kubernetes.minor);
    chosen[k] = c.release;
    if (c.warning) warnings.push(c.warning);
    if (c.refusal) refusals.push(c.refusal);
  }
  return { kubernetes, flavour, ...chosen, warnings, refusals };
}

/** The constructs' IngressNginxRelease of a chosen ingress-nginx release. */
export function ingressNginxReleaseOf(release: Release): IngressNginxRelease {
  const found = IngressNginxRelease.all().find(r => `v${r.version}` === release.version);
  if (!found) throw new Error(`ingress-nginx ${release.version} is not rendered by IngressNginxController`);
  return found;
}

/** cert-manager's release manifest of `release`. */
export function certManagerManifestUrl(release: Release): string {
  return `https://github.com/cert-manager/cert-manager/releases/download/${release.version}/cert-manager.yaml`;
}

/** Envoy Gateway's "Install with Kubernetes YAML" manifest of `release` (Gateway API CRDs, its CRDs, the controller). */
export function envoyGatewayInstallUrl(release: Release): string {
  return `https://github.com/envoyproxy/gateway/releases/download/${release.version}/install.yaml`;
}
