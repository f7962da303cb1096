/**
 * IngressNginxController's certgenJobLifecycle (issue 23): upstream's Jobs that delete themselves
 * by default; Jobs that stay, as Argo CD Sync hooks and Flux force-recreated Jobs, for GitOps.
 */
import { Chart, Testing } from 'cdk8s';
import { CertgenJobLifecycle, IngressNginxController, IngressNginxControllerProps, WebhookCertificateSource } from '../../constructs';
import { getSchemaValidator } from '../../validation-plugin/src/schema-validator';
import { testValidatorCache } from '../helpers/test-cache';

function jobs(props: IngressNginxControllerProps): any[] {
  const chart = new Chart(Testing.app(), 'c');
  new IngressNginxController(chart, 'Nginx', props);
  return Testing.synth(chart).filter(o => o.kind === 'Job');
}

test('by default the Jobs are upstream\'s: deleted when finished (ttlSecondsAfterFinished 0), no annotations', () => {
  const js = jobs({});
  expect(js.map(j => j.metadata.name)).toEqual(['ingress-nginx-admission-create', 'ingress-nginx-admission-patch']);
  for (const j of js) {
    expect(j.spec.ttlSecondsAfterFinished).toBe(0);
    expect(j.metadata.annotations).toBeUndefined();
  }
});

test('KEEP_FOR_GITOPS: no TTL, an Argo CD Sync hook re-created on each sync, force-recreated by Flux; valid against Kubernetes 1.27 and 1.36', () => {
  const js = jobs({ certgenJobLifecycle: CertgenJobLifecycle.KEEP_FOR_GITOPS });
  expect(js).toHaveLength(2);
  for (const j of js) {
    expect(j.spec.ttlSecondsAfterFinished).toBeUndefined();
    expect(j.metadata.annotations).toEqual({
      'argocd.argoproj.io/hook': 'Sync',
      'argocd.argoproj.io/hook-delete-policy': 'BeforeHookCreation',
      'kustomize.toolkit.fluxcd.io/force': 'enabled',
    });
  }
  const validator = getSchemaValidator({ kubernetesVersions: ['v1.27.0', 'v1.36.0'], crdFiles: [], cacheDir: testValidatorCache() });
  expect(validator.validate(js)).toEqual([]);
});

test('DELETE_WHEN_FINISHED given explicitly is the default', () => {
  expect(jobs({ certgenJobLifecycle: CertgenJobLifecycle.DELETE_WHEN_FINISHED })).toEqual(jobs({}));
});

test('fails with certgenJobLifecycle and the cert-manager source (no Jobs), or without the webhook', () => {
  expect(() => jobs({ webhookCertificate: WebhookCertificateSource.CERT_MANAGER, certgenJobLifecycle: CertgenJobLifecycle.KEEP_FOR_GITOPS }))
    .toThrow(/props\.certgenJobLifecycle: is set, but webhookCertificate is not CERTGEN_JOBS/);
  expect(() => jobs({ admissionWebhook: false, certgenJobLifecycle: CertgenJobLifecycle.KEEP_FOR_GITOPS })).toThrow(/props\.certgenJobLifecycle/);
});

test('fails with a value that is not a CertgenJobLifecycle', () => {
  expect(() => jobs({ certgenJobLifecycle: 'Keep' as CertgenJobLifecycle })).toThrow(/props\.certgenJobLifecycle.*"Keep"/);
});
