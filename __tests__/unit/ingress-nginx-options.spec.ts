/** IngressNginxController: options, the admission webhook, and every validation rule with its field and construct paths. */
import { Chart, Testing } from 'cdk8s';
import { ExposeValidationError } from '../../constructs/core/errors';
import {
  CertManagerIssuerKind, ControllerKind, ControllerServiceType, DnsPolicy, ExposeErrors, ImagePullPolicy, INGRESS_NGINX_VERSION,
  IngressNginxController, IngressNginxControllerProps, IngressNginxImage, ProblemKind, TaintEffect, TolerationOperator, Warnings,
  WebhookCertificateSource, WebhookFailurePolicy,
} from '../../constructs';
import { VERSION } from '../fixtures/ingress-nginx-v1.11.8';
import { find, SEED_MIRROR_PROPS, SEED_PROPS, synth } from '../helpers/ingress-nginx';

describe('options', () => {
  test('Deployment with replicas, tolerations and a node selector merged over linux', () => {
    const { objs, controller } = synth({
      replicas: 2,
      nodeSelector: { role: 'lb' },
      tolerations: [{ key: 'node-role.kubernetes.io/control-plane', operator: TolerationOperator.EXISTS, effect: TaintEffect.NO_SCHEDULE }] });
    const dep = find(objs, 'Deployment', 'ingress-nginx-controller');
    expect(dep.spec.replicas).toBe(2);
    expect(dep.spec.template.spec.nodeSelector).toEqual({ 'kubernetes.io/os': 'linux', 'role': 'lb' });
    expect(dep.spec.template.spec.tolerations).toEqual([{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }]);
    expect(controller.tolerations).toHaveLength(1);
  });

  test('hostNetwork defaults to ClusterFirstWithHostNet and no controller Service', () => {
    const { objs, controller } = synth({ hostNetwork: true });
    expect(find(objs, 'Deployment', 'ingress-nginx-controller').spec.template.spec.dnsPolicy).toBe('ClusterFirstWithHostNet');
    expect(controller.serviceType).toBe(ControllerServiceType.NONE);
  });

  test('hostNetwork with ClusterFirst warns that cluster DNS is lost', () => {
    const { controller } = synth({ hostNetwork: true, dnsPolicy: DnsPolicy.CLUSTER_FIRST });
    expect(Warnings.collect(controller).map(w => w.message)).toEqual([expect.stringMatching(/falls back to the node's resolv.conf/)]);
    expect(Warnings.collect(synth(SEED_PROPS).controller)).toEqual([]);
  });

  test('reportNodeInternalIp adds the flag (hostNetwork only)', () => {
    const { controller } = synth({ hostNetwork: true, reportNodeInternalIp: true });
    expect(controller.args).toContain('--report-node-internal-ip-address=true');
  });

  test('config adds ConfigMap data; snippet annotations stay off', () => {
    const { objs } = synth({ config: { 'use-forwarded-headers': 'true', 'enable-real-ip': 'false' } });
    expect(find(objs, 'ConfigMap', 'ingress-nginx-controller').data)
      .toEqual({ 'allow-snippet-annotations': 'false', 'enable-real-ip': 'false', 'strict-validate-path-type': 'true', 'use-forwarded-headers': 'true' });
  });

  test('extraArgs are sorted after the managed flags; an empty value is a bare flag', () => {
    const { controller } = synth({ enableSslPassthrough: true, extraArgs: { 'watch-ingress-without-class': 'true', 'default-ssl-certificate': 'default/wild' } });
    expect(controller.args.slice(-3)).toEqual(['--default-ssl-certificate=default/wild', '--enable-ssl-passthrough', '--watch-ingress-without-class=true']);
  });

  test('update-status=false drops ingresses/status from the Role, as the chart does', () => {
    const { objs } = synth({ extraArgs: { 'update-status': 'false' } });
    expect(find(objs, 'Role', 'ingress-nginx').rules.some((r: any) => r.resources.includes('ingresses/status'))).toBe(false);
  });

  test('default IngressClass', () => {
    const { objs } = synth({ defaultIngressClass: true });
    expect(find(objs, 'IngressClass', 'nginx').metadata.annotations).toEqual({ 'ingressclass.kubernetes.io/is-default-class': 'true' });
  });

  test('image overrides for a mirror (the seed\'s davidliyutong images, no digest)', () => {
    const { objs } = synth({ ...SEED_MIRROR_PROPS, imagePullPolicy: ImagePullPolicy.ALWAYS });
    const images = objs.flatMap(o => (o.spec?.template?.spec?.containers ?? []).map((c: any) => [o.metadata.name, c.image, c.imagePullPolicy]));
    expect(images).toEqual([
      ['ingress-nginx-defaultbackend', 'registry.hub.docker.com/davidliyutong/ingress-nginx-defaultbackend-amd64:1.5', 'Always'],
      ['ingress-nginx-controller', 'registry.hub.docker.com/davidliyutong/ingress-nginx-controller:v1.11.8', 'Always'],
      ['ingress-nginx-admission-create', 'registry.hub.docker.com/davidliyutong/ingress-nginx-kube-webhook-certgen:v1.6.0', 'Always'],
      ['ingress-nginx-admission-patch', 'registry.hub.docker.com/davidliyutong/ingress-nginx-kube-webhook-certgen:v1.6.0', 'Always'],
    ]);
  });

  test('IngressNginxImage: withTag drops the digest, of() builds any image', () => {
    expect(IngressNginxImage.CONTROLLER.withTag('v1.11.7').reference).toBe('registry.k8s.io/ingress-nginx/controller:v1.11.7');
    expect(IngressNginxImage.of({ registry: 'localhost:5000/mirror', image: 'controller', tag: 'v1', digest: '' }).reference)
      .toBe('localhost:5000/mirror/controller:v1');
    expect(IngressNginxImage.DEFAULT_BACKEND.withDigest(`sha256:${'a'.repeat(64)}`).reference)
      .toBe(`registry.k8s.io/defaultbackend-amd64:1.5@sha256:${'a'.repeat(64)}`);
  });
});

describe('admission webhook', () => {
  test('off: no webhook flags, port, volume, Service, configuration, Jobs or certgen RBAC', () => {
    const { objs, controller } = synth({ admissionWebhook: false });
    const c = find(objs, 'Deployment', 'ingress-nginx-controller').spec.template.spec;
    expect(controller.args.some(a => a.startsWith('--validating-webhook'))).toBe(false);
    expect(c.containers[0].ports.map((p: any) => p.name)).toEqual(['http', 'https']);
    expect(c.volumes).toBeUndefined();
    expect(c.containers[0].volumeMounts).toBeUndefined();
    expect(objs.filter(o => /admission/.test(o.metadata.name))).toEqual([]);
    expect(objs.some(o => o.kind === 'ValidatingWebhookConfiguration' || o.kind === 'Job')).toBe(false);
  });

  test('cert-manager: the chart\'s Issuers and Certificates, CA injection, tls.crt/tls.key mapped to cert/key, no Jobs', () => {
    const { objs } = synth({ webhookCertificate: WebhookCertificateSource.CERT_MANAGER });
    expect(objs.some(o => o.kind === 'Job')).toBe(false);
    expect(objs.some(o => o.metadata.name === 'ingress-nginx-admission' && /Role|ServiceAccount/.test(o.kind))).toBe(false);
    expect(find(objs, 'ValidatingWebhookConfiguration', 'ingress-nginx-admission').metadata.annotations)
      .toEqual({ 'cert-manager.io/inject-ca-from': 'ingress-nginx/ingress-nginx-admission' });
    expect(find(objs, 'Issuer', 'ingress-nginx-self-signed-issuer').spec).toEqual({ selfSigned: {} });
    expect(find(objs, 'Certificate', 'ingress-nginx-root-cert').spec).toEqual({
      secretName: 'ingress-nginx-root-cert', duration: '43800h0m0s', issuerRef: { name: 'ingress-nginx-self-signed-issuer' },
      commonName: 'ca.webhook.ingress-nginx', isCA: true, subject: { organizations: ['ingress-nginx'] } });
    expect(find(objs, 'Issuer', 'ingress-nginx-root-issuer').spec).toEqual({ ca: { secretName: 'ingress-nginx-root-cert' } });
    const cert = find(objs, 'Certificate', 'ingress-nginx-admission');
    expect(cert.metadata.namespace).toBe('ingress-nginx');
    expect(cert.spec).toEqual({
      secretName: 'ingress-nginx-admission', duration: '8760h0m0s', issuerRef: { name: 'ingress-nginx-root-issuer' },
      dnsNames: ['ingress-nginx-controller-admission', 'ingress-nginx-controller-admission.ingress-nginx', 'ingress-nginx-controller-admission.ingress-nginx.svc'],
      subject: { organizations: ['ingress-nginx-admission'] } });
    expect(find(objs, 'Deployment', 'ingress-nginx-controller').spec.template.spec.volumes).toEqual([{
      name: 'webhook-cert',
      secret: { secretName: 'ingress-nginx-admission', items: [{ key: 'tls.crt', path: 'cert' }, { key: 'tls.key', path: 'key' }] } }]);
  });

  test('cert-manager with an existing ClusterIssuer: no self-signed chain', () => {
    const { objs } = synth({ webhookCertificate: WebhookCertificateSource.CERT_MANAGER, certManagerIssuer: { name: 'lab-ca', kind: CertManagerIssuerKind.CLUSTER_ISSUER } });
    expect(objs.some(o => o.kind === 'Issuer')).toBe(false);
    expect(find(objs, 'Certificate', 'ingress-nginx-admission').spec.issuerRef).toEqual({ name: 'lab-ca', kind: 'ClusterIssuer' });
  });

  test('failure policy Ignore reaches the configuration and the patch Job', () => {
    const { objs } = synth({ webhookFailurePolicy: WebhookFailurePolicy.IGNORE });
    expect(find(objs, 'ValidatingWebhookConfiguration', 'ingress-nginx-admission').webhooks[0].failurePolicy).toBe('Ignore');
    expect(find(objs, 'Job', 'ingress-nginx-admission-patch').spec.template.spec.containers[0].args).toContain('--patch-failure-policy=Ignore');
  });

  test('re-applying dist/: Jobs keep fixed names and identical specs and delete themselves when finished', () => {
    const first = synth(SEED_PROPS).objs.filter(o => o.kind === 'Job');
    const second = synth(SEED_PROPS).objs.filter(o => o.kind === 'Job');
    expect(first.map(j => j.metadata.name)).toEqual(['ingress-nginx-admission-create', 'ingress-nginx-admission-patch']);
    expect(second).toEqual(first);
    for (const job of first) {
      expect(job.spec.ttlSecondsAfterFinished).toBe(0);
      expect(job.metadata.annotations).toBeUndefined();
    }
  });
});

describe('validation', () => {
  const fails = (props: IngressNginxControllerProps, message: RegExp): void => {
    expect(() => synth(props)).toThrow(ExposeValidationError);
    expect(() => synth(props)).toThrow(message);
  };

  test('fails with a second controller in the same app', () => {
    const app = Testing.app();
    new IngressNginxController(new Chart(app, 'a'), 'IngressNginx');
    expect(() => new IngressNginxController(new Chart(app, 'b'), 'IngressNginx')).toThrow(/a\/IngressNginx already renders ingress-nginx/);
  });
  test('fails with webhookPort out of range', () => fails({ webhookPort: 70000 }, /props\.webhookPort: 70000 is not a valid port number/));
  test('fails with webhookPort without the webhook', () => fails({ admissionWebhook: false, webhookPort: 8444 }, /props\.webhookPort: .*admissionWebhook is false/));
  test('fails with webhookPort on another listener\'s port', () => fails({ hostNetwork: true, webhookPort: 10254 }, /both use port 10254/));
  test('a webhookPort of its own is valid', () => {
    expect(() => new IngressNginxController(new Chart(Testing.app(), 'c'), 'c', { hostNetwork: true, webhookPort: 8444 })).not.toThrow();
  });
  test('fails with an unknown kind', () => fails({ kind: 'StatefulSet' as ControllerKind }, /props\.kind: "StatefulSet" is not allowed/));
  test('fails with replicas on a DaemonSet', () => fails({ kind: ControllerKind.DAEMON_SET, replicas: 2 }, /props\.replicas: 2 is set, but a DaemonSet/));
  test('fails with negative replicas', () => fails({ replicas: -1 }, /spec\.replicas: -1 is not allowed/));
  test('fails with hostNetwork and useHostPorts together', () => fails({ hostNetwork: true, useHostPorts: true }, /props\.useHostPorts: is true together with hostNetwork/));
  test('fails with an unknown dnsPolicy', () => fails({ dnsPolicy: 'Host' as DnsPolicy }, /dnsPolicy: "Host" is not allowed/));
  test('fails with dnsPolicy None', () => fails({ dnsPolicy: DnsPolicy.NONE }, /"None" requires spec.dnsConfig/));
  test('fails with reportNodeInternalIp without hostNetwork', () => fails({ reportNodeInternalIp: true }, /reportNodeInternalIp: is true without hostNetwork/));
  test('fails with an unknown serviceType', () => fails({ serviceType: 'LoadBalancer' as ControllerServiceType }, /props\.serviceType: "LoadBalancer" is not allowed/));
  test('fails with an invalid nodeSelector', () => fails({ nodeSelector: { 'bad key!': 'x' } }, /nodeSelector\["bad key!"\]: "bad key!" is not a valid label key/));
  test('fails with an invalid toleration key', () => fails({ tolerations: [{ key: '-bad', operator: TolerationOperator.EXISTS }] }, /tolerations\[0\]\.key/));
  test('fails with an unknown toleration operator', () => fails({ tolerations: [{ key: 'a', operator: 'In' as TolerationOperator }] }, /tolerations\[0\]\.operator: "In" is not allowed/));
  test('fails with an unknown taint effect', () => fails({ tolerations: [{ key: 'a', effect: 'NoRun' as TaintEffect }] }, /tolerations\[0\]\.effect: "NoRun" is not allowed/));
  test('fails with Equal and an empty key', () => fails({ tolerations: [{ value: 'x' }] }, /operator: "Equal" with an empty key/));
  test('fails with Exists and a value', () => fails({ tolerations: [{ key: 'a', operator: TolerationOperator.EXISTS, value: 'x' }] }, /value: "x" is set with operator Exists/));
  test('fails with an invalid toleration value', () => fails({ tolerations: [{ key: 'a', value: 'not ok' }] }, /tolerations\[0\]\.value: "not ok" is not a valid label value/));
  test('fails with tolerationSeconds without NoExecute', () => fails({ tolerations: [{ key: 'a', effect: TaintEffect.NO_SCHEDULE, tolerationSeconds: 30 }] }, /tolerationSeconds: 30 is set with effect NoSchedule/));
  test('fails with negative tolerationSeconds', () => fails({ tolerations: [{ key: 'a', effect: TaintEffect.NO_EXECUTE, tolerationSeconds: -1 }] }, /tolerationSeconds: -1 is not allowed/));
  test('fails with an unknown imagePullPolicy', () => fails({ imagePullPolicy: 'Sometimes' as ImagePullPolicy }, /imagePullPolicy: "Sometimes" is not allowed/));
  test('fails with an invalid registry', () => fails({ controllerImage: IngressNginxImage.CONTROLLER.withRegistry('https://hub') }, /controllerImage\.registry: "https:\/\/hub" is not a registry/));
  test('fails with an invalid repository', () => fails({ controllerImage: IngressNginxImage.CONTROLLER.withImage('Upper/Case') }, /controllerImage\.image: "Upper\/Case" is not a repository/));
  test('fails with an invalid tag', () => fails({ controllerImage: IngressNginxImage.CONTROLLER.withTag('-v1') }, /controllerImage\.tag: "-v1" is not a tag/));
  test('fails with an invalid digest', () => fails({ controllerImage: IngressNginxImage.CONTROLLER.withDigest('sha256:abc') }, /controllerImage\.digest: "sha256:abc" is not a digest/));
  test('fails with an invalid default backend image', () => fails({ defaultBackend: true, defaultBackendImage: IngressNginxImage.DEFAULT_BACKEND.withTag('') }, /defaultBackendImage\.tag/));
  test('fails with an invalid certgen image', () => fails({ certgenImage: IngressNginxImage.KUBE_WEBHOOK_CERTGEN.withImage('a//b') }, /certgenImage\.image/));
  test('fails with defaultBackendImage without defaultBackend', () => fails({ defaultBackendImage: IngressNginxImage.DEFAULT_BACKEND }, /defaultBackendImage: is set without defaultBackend/));
  test('fails with webhook options while the webhook is off', () => {
    fails({ admissionWebhook: false, webhookCertificate: WebhookCertificateSource.CERT_MANAGER }, /webhookCertificate: is set, but admissionWebhook is false/);
    fails({ admissionWebhook: false, webhookFailurePolicy: WebhookFailurePolicy.IGNORE }, /webhookFailurePolicy: is set, but admissionWebhook is false/);
    fails({ admissionWebhook: false, certgenImage: IngressNginxImage.KUBE_WEBHOOK_CERTGEN }, /certgenImage: is set, but admissionWebhook is false/);
    fails({ admissionWebhook: false, certManagerIssuer: { name: 'ca' } }, /certManagerIssuer: is set, but admissionWebhook is false/);
  });
  test('fails with an unknown certificate source', () => fails({ webhookCertificate: 'Vault' as WebhookCertificateSource }, /webhookCertificate: "Vault" is not allowed/));
  test('fails with an unknown failure policy', () => fails({ webhookFailurePolicy: 'Retry' as WebhookFailurePolicy }, /webhookFailurePolicy: "Retry" is not allowed/));
  test('fails with certManagerIssuer without CERT_MANAGER', () => fails({ certManagerIssuer: { name: 'ca' } }, /certManagerIssuer: is set, but webhookCertificate is not CERT_MANAGER/));
  test('fails with an invalid issuer name', () => fails({ webhookCertificate: WebhookCertificateSource.CERT_MANAGER, certManagerIssuer: { name: 'Bad_Name' } }, /certManagerIssuer\.name: "Bad_Name" is not a valid DNS-1123 subdomain/));
  test('fails with an unknown issuer kind', () => fails({ webhookCertificate: WebhookCertificateSource.CERT_MANAGER, certManagerIssuer: { name: 'ca', kind: 'Vault' as CertManagerIssuerKind } }, /certManagerIssuer\.kind: "Vault" is not allowed/));
  test('fails with certgenImage under cert-manager', () => fails({ webhookCertificate: WebhookCertificateSource.CERT_MANAGER, certgenImage: IngressNginxImage.KUBE_WEBHOOK_CERTGEN }, /certgenImage: is set, but cert-manager issues/));
  test('fails with an invalid ConfigMap key', () => fails({ config: { 'a b': 'x' } }, /data\["a b"\]: "a b" is not a valid ConfigMap key/));
  test('fails with allow-snippet-annotations in config', () => fails({ config: { 'allow-snippet-annotations': 'true' } }, /allow-snippet-annotations"\]: is fixed to "false"/));
  test('fails with strict-validate-path-type in config', () => fails({ config: { 'strict-validate-path-type': 'false' } }, /strict-validate-path-type"\]: is fixed to "true"/));
  test('fails with an annotations-prefix other than nginx.ingress.kubernetes.io', () => fails({ extraArgs: { 'annotations-prefix': 'custom.example.com' } },
    /extraArgs\["annotations-prefix"\]: "custom.example.com" would make the controller ignore/));
  test('accepts annotations-prefix nginx.ingress.kubernetes.io', () => {
    expect(() => synth({ extraArgs: { 'annotations-prefix': 'nginx.ingress.kubernetes.io' } })).not.toThrow();
  });
  test('fails with an invalid flag name', () => fails({ extraArgs: { '--v': '2' } }, /extraArgs\["--v"\]: "--v" is not a flag name/));
  test('fails with a managed flag', () => {
    fails({ extraArgs: { 'enable-ssl-passthrough': '' } }, /extraArgs\["enable-ssl-passthrough"\]: is managed by IngressNginxController: use props\.enableSslPassthrough/);
    fails({ extraArgs: { 'publish-service': 'ingress-nginx/x' } }, /is managed by IngressNginxController: not supported/);
    fails({ extraArgs: { 'http-port': '8080' } }, /is managed by IngressNginxController: fixed to 80/);
  });
  test('fails with whitespace in a flag value', () => fails({ extraArgs: { 'v': '2 3' } }, /extraArgs\["v"\]: "2 3" contains whitespace/));
  test('fails with a moved listener that is not a port', () => fails({ hostNetwork: true, extraArgs: { 'status-port': 'abc' } }, /extraArgs\["status-port"\]: "abc" is not a valid port number: it is not a decimal integer/));
  test('fails with two listeners on one port', () => fails({ hostNetwork: true, extraArgs: { 'stream-port': '8181' } }, /both use port 8181/));
  test('fails with a moved listener that is not a port, also without hostNetwork (the controller would not start)', () => {
    fails({ extraArgs: { 'status-port': 'abc' } }, /extraArgs\["status-port"\]: "abc" is not a valid port number/);
    fails({ extraArgs: { 'profiler-port': '70000' } }, /extraArgs\["profiler-port"\]: 70000 is not a valid port number/);
  });
});

describe('validation: one error per controller', () => {
  const errorOf = (scope: Chart, props: IngressNginxControllerProps): ExposeValidationError => {
    try {
      new IngressNginxController(scope, 'IngressNginx', props);
    } catch (e) {
      if (e instanceof ExposeValidationError) return e;
      throw e;
    }
    throw new Error('no error');
  };

  test('fails with two bad props in one error that lists both, a line each with the construct path', () => {
    const chart = Testing.chart();
    const e = errorOf(chart, { hostNetwork: true, useHostPorts: true, config: { 'allow-snippet-annotations': 'true' } });
    expect(e.problems.map(p => [p.kind, p.field])).toEqual([
      [ProblemKind.FORBIDDEN, 'props.useHostPorts'],
      [ProblemKind.FORBIDDEN, 'data["allow-snippet-annotations"]'],
    ]);
    const lines = e.message.split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe(`[${chart.node.path}/IngressNginx] props.useHostPorts: is true together with hostNetwork; on the host network ` +
      'the pods already listen on the nodes\' ports; allowed: one of hostNetwork or useHostPorts');
    expect(lines[1]).toMatch(new RegExp(`^\\[${chart.node.path}/IngressNginx\\] data\\["allow-snippet-annotations"\\]: is fixed to "false"`));
    expect(e.field).toBe('props.useHostPorts');
  });

  test('a failed controller leaves nothing behind: the next one in the app is not a second controller', () => {
    const chart = Testing.chart();
    errorOf(chart, { replicas: -1 });
    expect(chart.node.tryFindChild('IngressNginx')).toBeUndefined();
    expect(new IngressNginxController(chart, 'IngressNginx').node.path).toBe(`${chart.node.path}/IngressNginx`);
  });

  test('a second controller is a duplicate, reported with the first one\'s path', () => {
    const app = Testing.app();
    new IngressNginxController(new Chart(app, 'a'), 'IngressNginx');
    const e = errorOf(new Chart(app, 'b'), {});
    expect(e.problems).toEqual([expect.objectContaining({ kind: ProblemKind.DUPLICATE, field: 'IngressNginxController', value: 'a/IngressNginx' })]);
  });
});

describe('validation: field paths and construct paths', () => {
  const fieldOf = (props: IngressNginxControllerProps): string | undefined => {
    try {
      synth(props);
    } catch (e) {
      return ExposeErrors.fieldOf(e);
    }
    return undefined;
  };

  test('errors name the manifest field a prop becomes, or the prop', () => {
    expect(fieldOf({ tolerations: [{ key: 'a' }, { key: 'b', value: 'not ok' }] })).toBe('spec.template.spec.tolerations[1].value');
    expect(fieldOf({ config: { 'allow-snippet-annotations': 'true' } })).toBe('data["allow-snippet-annotations"]');
    expect(fieldOf({ extraArgs: { 'status-port': 'x' }, hostNetwork: true })).toBe('props.extraArgs["status-port"]');
    expect(fieldOf({ certgenImage: IngressNginxImage.KUBE_WEBHOOK_CERTGEN.withTag('-x') })).toBe('props.certgenImage.tag');
    expect(fieldOf({ replicas: 1001 })).toBe('spec.replicas');
  });

  test('the construct path in the error comes from the tree', () => {
    const chart = Testing.chart();
    const parent = new Chart(chart, 'Edge');
    let error: unknown;
    try {
      new IngressNginxController(parent, 'Ingress', { useHostPorts: true, hostNetwork: true });
    } catch (e) {
      error = e;
    }
    expect(ExposeErrors.constructPathOf(error)).toBe(`${chart.node.path}/Edge/Ingress`);
  });

  test('valid tolerations pass: Exists without a key, Equal with a value, NoExecute with seconds', () => {
    const tolerations = [
      { operator: TolerationOperator.EXISTS },
      { key: 'dedicated', value: 'edge', effect: TaintEffect.NO_SCHEDULE },
      { key: 'node.kubernetes.io/unreachable', operator: TolerationOperator.EXISTS, effect: TaintEffect.NO_EXECUTE, tolerationSeconds: 30 },
    ];
    const { objs, controller } = synth({ tolerations });
    expect(find(objs, 'Deployment', 'ingress-nginx-controller').spec.template.spec.tolerations).toEqual([
      { operator: 'Exists' },
      { key: 'dedicated', operator: 'Equal', value: 'edge', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 30 },
    ]);
    expect(controller.tolerations.map(t => t.operator)).toEqual(['Exists', 'Equal', 'Exists']);
  });

  test('INGRESS_NGINX_VERSION is the release of the fixture data', () => {
    expect(INGRESS_NGINX_VERSION).toBe(VERSION);
    expect(find(synth().objs, 'Namespace', 'ingress-nginx').metadata.labels).toEqual({
      'app.kubernetes.io/instance': 'ingress-nginx', 'app.kubernetes.io/name': 'ingress-nginx' });
  });
});
