import { LabFlavour } from '../../lab/config';
import {
  CERT_MANAGER_RELEASES, certManagerManifestUrl, chooseRelease, ENVOY_GATEWAY_RELEASES, envoyGatewayInstallUrl, INGRESS_NGINX_RELEASES,
  ingressNginxReleaseOf, parseKubernetesVersion, selectReleases,
} from '../../lab/versions';

const k = (text: string) => parseKubernetesVersion(text)!;
const versions = (r: ReturnType<typeof selectReleases>) => ({
  ingressNginx: r.ingressNginx?.version,
  certManager: r.certManager?.version,
  envoyGateway: r.envoyGateway?.version,
  trustManager: r.trustManager?.version,
});

describe('parseKubernetesVersion', () => {
  test.each([
    ['v1.27.16', 27], ['1.35', 35], ['v1.35.2+k3s1', 35], ['v1.33.5-eks-113cf36', 33], ['v1.34.0-gke.1', 34], [' v1.36.0 ', 36],
  ])('%s -> 1.%s', (text, minor) => {
    expect(parseKubernetesVersion(text)).toMatchObject({ major: 1, minor });
  });
  test.each(['', 'latest', '1', 'v1.x', '1.35.0.0'])('%j is not a version', text => {
    expect(parseKubernetesVersion(text)).toBeUndefined();
  });
});

describe('the releases by Kubernetes version (upstream support tables)', () => {
  test('the windows as read: ingress-nginx 1.26-1.30 / 1.31-1.35, cert-manager 1.25-1.32 / 1.33-1.36, Envoy Gateway 1.33-1.36', () => {
    expect(INGRESS_NGINX_RELEASES.map(r => `${r.version} 1.${r.minMinor}-1.${r.maxMinor}`)).toEqual(['v1.11.8 1.26-1.30', 'v1.15.1 1.31-1.35']);
    expect(CERT_MANAGER_RELEASES.map(r => `${r.version} 1.${r.minMinor}-1.${r.maxMinor}`)).toEqual(['v1.16.5 1.25-1.32', 'v1.21.1 1.33-1.36']);
    expect(ENVOY_GATEWAY_RELEASES.map(r => `${r.version} 1.${r.minMinor}-1.${r.maxMinor}`)).toEqual(['v1.9.0 1.33-1.36']);
  });

  test('the seed\'s 1.27: ingress-nginx v1.11.8 and cert-manager v1.16.5 (warned: end of life)', () => {
    const r = selectReleases(k('v1.27.16'), LabFlavour.INGRESS_NGINX);
    expect(versions(r)).toEqual({ ingressNginx: 'v1.11.8', certManager: 'v1.16.5', envoyGateway: undefined, trustManager: undefined });
    expect(r.refusals).toEqual([]);
    expect(r.warnings).toEqual([expect.stringMatching(/^cert-manager v1\.16\.5: end of life/)]);
  });

  test.each([
    ['1.31', 'v1.15.1', 'v1.16.5'], ['1.32', 'v1.15.1', 'v1.16.5'], ['1.33', 'v1.15.1', 'v1.21.1'], ['1.35', 'v1.15.1', 'v1.21.1'],
  ])('ingress-nginx flavour on %s: %s, cert-manager %s', (version, ingressNginx, certManager) => {
    const r = selectReleases(k(version), LabFlavour.INGRESS_NGINX);
    expect(versions(r)).toMatchObject({ ingressNginx, certManager });
    expect(r.refusals).toEqual([]);
  });

  test('1.36: ingress-nginx v1.15.1 with a warning (no release supports 1.36; the project is retired)', () => {
    const r = selectReleases(k('1.36'), LabFlavour.INGRESS_NGINX);
    expect(versions(r)).toMatchObject({ ingressNginx: 'v1.15.1', certManager: 'v1.21.1' });
    expect(r.refusals).toEqual([]);
    expect(r.warnings.join('\n')).toContain('ingress-nginx v1.15.1 supports Kubernetes 1.31-1.35, not 1.36');
  });

  test('refuses a cluster older than every window, saying which releases support what', () => {
    const r = selectReleases(k('1.24'), LabFlavour.INGRESS_NGINX);
    expect(r.refusals).toEqual([
      'ingress-nginx has no pinned release for Kubernetes 1.24: v1.11.8 supports 1.26-1.30, v1.15.1 supports 1.31-1.35; use a cluster of 1.26 or newer',
      'cert-manager has no pinned release for Kubernetes 1.24: v1.16.5 supports 1.25-1.32, v1.21.1 supports 1.33-1.36; use a cluster of 1.25 or newer',
    ]);
  });

  test('the gateway flavour: Envoy Gateway v1.9.0, cert-manager v1.21.1, trust-manager v0.24.0 on 1.33-1.36; refused below 1.33', () => {
    const r = selectReleases(k('1.35'), LabFlavour.GATEWAY_API);
    expect(versions(r)).toEqual({ ingressNginx: undefined, certManager: 'v1.21.1', envoyGateway: 'v1.9.0', trustManager: 'v0.24.0' });
    expect(r.refusals).toEqual([]);
    const old = selectReleases(k('1.32'), LabFlavour.GATEWAY_API);
    expect(old.refusals).toContain('Envoy Gateway has no pinned release for Kubernetes 1.32: v1.9.0 supports 1.33-1.36; use a cluster of 1.33 or newer');
  });

  test('a gap between windows is refused, newer than all is the newest with a warning', () => {
    const releases = [{ component: 'x', version: 'v1', minMinor: 20, maxMinor: 22, source: '' }, { component: 'x', version: 'v2', minMinor: 25, maxMinor: 26, source: '' }];
    expect(chooseRelease(releases, 23).refusal).toBe('x has no pinned release for Kubernetes 1.23: v1 supports 1.20-1.22, v2 supports 1.25-1.26');
    expect(chooseRelease(releases, 30)).toMatchObject({ release: { version: 'v2' }, warning: expect.stringContaining('not 1.30') });
  });

  test('Kubernetes 2.x is refused', () => {
    expect(selectReleases(k('2.0'), LabFlavour.INGRESS_NGINX).refusals).toEqual(['Kubernetes 2.0: allowed: 1.x']);
  });

  test('URLs and the constructs\' releases of a choice', () => {
    expect(certManagerManifestUrl(CERT_MANAGER_RELEASES[1])).toBe('https://github.com/cert-manager/cert-manager/releases/download/v1.21.1/cert-manager.yaml');
    expect(envoyGatewayInstallUrl(ENVOY_GATEWAY_RELEASES[0])).toBe('https://github.com/envoyproxy/gateway/releases/download/v1.9.0/install.yaml');
    expect(INGRESS_NGINX_RELEASES.map(r => ingressNginxReleaseOf(r).version)).toEqual(['1.11.8', '1.15.1']);
  });
});
