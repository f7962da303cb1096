/**
 * The whole lab, checked against the seed's values (names, labels, images, replicas, ports),
 * plus what makes `kubectl apply -f dist` of all sections at once work, in one namespace.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdk8s';
import { CrossObjectChecks, Warnings } from '../../constructs';
import { generateLabCertificates } from '../../lab/pki';
import {
  BACKEND_CA_SECRET, buildLab, CONTROL_PLANE_TOLERATION, CURRENT_NGINX_IMAGE, LAB_CONFIG, LabBackends, LabCertificates, SEED_NGINX_IMAGE,
} from '../../lab';
import { find, synthLab } from '../helpers/lab';

const { app, lab, objects } = synthLab();

function podTemplates(): Array<{ owner: string; labels: Record<string, string>; spec: any }> {
  return objects.flatMap(({ obj }) => {
    if (obj.kind === 'Pod') return [{ owner: `Pod/${obj.metadata.name}`, labels: obj.metadata.labels ?? {}, spec: obj.spec }];
    if (['Deployment', 'DaemonSet', 'StatefulSet', 'ReplicaSet', 'Job'].includes(obj.kind)) {
      return [{ owner: `${obj.kind}/${obj.metadata.name}`, labels: obj.spec.template.metadata?.labels ?? {}, spec: obj.spec.template.spec }];
    }
    return [];
  });
}

const selects = (selector: Record<string, string>, labels: Record<string, string>) =>
  Object.entries(selector).every(([k, v]) => labels[k] === v);

test('the lab passes construct validation', () => {
  const errors = app.node.findAll().flatMap(c => c.node.validate().map(e => `${c.node.path}: ${e}`));
  expect(errors).toEqual([]);
});

test('the namespace first, then one file per seed section, in the seed\'s order', () => {
  expect(app.charts.map(c => c.node.id)).toEqual([
    '00-namespace',
    '10-pod1-host-port',
    '12-pod2-host-network',
    '20-service1-node-port',
    '22-service2-external-ip',
    '30-ingress-nginx',
    '35-lab-ca',
    '40-svc1-http',
    '41-svc2-https-backend',
    '42-svc3-tls-termination',
    '43-svc4-tls-reencrypt',
    '44-svc5-tls-passthrough',
  ]);
});

describe('9.1 hostPort: 10_pod1-host-port.yaml', () => {
  const pod = find(objects, 'Pod', 'pod1-host-port');
  test('the seed\'s pod', () => {
    expect(pod.metadata.labels).toEqual({ app: 'webapp' });
    expect(pod.spec.containers).toHaveLength(1);
    const c = pod.spec.containers[0];
    expect(c).toMatchObject({ name: 'ct-nginx', image: CURRENT_NGINX_IMAGE, imagePullPolicy: 'IfNotPresent' });
    expect(c.ports).toEqual([{ containerPort: 80, hostPort: 30890, protocol: 'TCP' }]);
    expect(pod.spec.hostNetwork).toBeUndefined();
  });
  test('no cdk8s-plus defaults that stop a root nginx', () => {
    expect(pod.spec.securityContext).toBeUndefined();
    expect(pod.spec.containers[0].securityContext).toBeUndefined();
    expect(pod.spec.containers[0].resources).toBeUndefined();
  });
});

describe('9.2 hostNetwork: 12_pod2-host-network.yaml', () => {
  const pod = find(objects, 'Pod', 'pod2-host-network');
  test('the seed\'s pod on the host network', () => {
    expect(pod.metadata.labels).toEqual({ app: 'webapp' });
    expect(pod.spec.hostNetwork).toBe(true);
    expect(pod.spec.dnsPolicy).toBe('ClusterFirstWithHostNet');
    expect(pod.spec.containers[0]).toMatchObject({ name: 'ct-nginx', image: CURRENT_NGINX_IMAGE });
  });
  test('deliberate change: nginx listens on hostNetworkPort, not 80 (the controller holds 80 on every node)', () => {
    expect(LAB_CONFIG.hostNetworkPort).toBe(8090);
    expect(pod.spec.containers[0].ports).toEqual([{ containerPort: 8090, protocol: 'TCP' }]);
    const conf = find(objects, 'ConfigMap', 'pod2-host-network-nginx');
    expect(conf.data['default.conf']).toContain('listen 8090;');
    expect(pod.spec.containers[0].volumeMounts).toEqual([
      { name: 'config-0', mountPath: '/etc/nginx/conf.d/default.conf', subPath: 'default.conf', readOnly: true },
    ]);
    expect(pod.spec.volumes).toEqual([{ name: 'config-0', configMap: { name: 'pod2-host-network-nginx' } }]);
  });
});

describe('9.3 NodePort: 20_service1-node-port.yaml', () => {
  const dep = find(objects, 'Deployment', 'service1-dep-node-port');
  const svc = find(objects, 'Service', 'service1-node-port');
  test('the seed\'s Deployment: 2 x nginx on 80, app: nginx', () => {
    expect(dep.spec.replicas).toBe(2);
    expect(dep.metadata.labels.app).toBe('nginx');
    expect(dep.spec.selector.matchLabels).toEqual(dep.spec.template.metadata.labels);
    expect(dep.spec.template.spec.containers).toEqual([{
      name: 'nginx', image: CURRENT_NGINX_IMAGE, imagePullPolicy: 'IfNotPresent', ports: [{ containerPort: 80, protocol: 'TCP' }],
    }]);
  });
  test('the seed\'s Service: 8888 -> 80, nodePort 30888', () => {
    expect(svc.spec.type).toBe('NodePort');
    expect(svc.spec.ports).toEqual([{ protocol: 'TCP', port: 8888, targetPort: 80, nodePort: 30888 }]);
    expect(svc.spec.selector.app).toBe('nginx');
  });
});

describe('9.4 externalIPs: 22_service2-external-ip.yaml', () => {
  const dep = find(objects, 'Deployment', 'service1-dep-external-ip');
  const svc = find(objects, 'Service', 'service2-external-ip');
  test('the seed\'s Deployment', () => {
    expect(dep.spec.replicas).toBe(2);
    expect(dep.metadata.labels.app).toBe('nginx');
    expect(dep.spec.template.spec.containers[0]).toMatchObject({ name: 'nginx', image: CURRENT_NGINX_IMAGE, ports: [{ containerPort: 80, protocol: 'TCP' }] });
  });
  test('the seed\'s Service on the configured external IP (the seed\'s 10.119.12.4 by default), on 8088 instead of 80', () => {
    expect(svc.spec.type).toBe('ClusterIP');
    expect(svc.spec.externalIPs).toEqual(['10.119.12.4']);
    expect(svc.spec.ports).toEqual([{ protocol: 'TCP', port: 8088, targetPort: 80 }]);
  });
  test('deliberate change: the seed\'s port 80 on a node address fails the synth (it would shadow the controller)', () => {
    const seedPort = new App({ outdir: '/nonexistent-never-written' });
    buildLab(seedPort, { ...LAB_CONFIG, externalIpPort: 80 });
    expect(() => seedPort.synth()).toThrow(/\[22-service2-external-ip\/Service2ExternalIp\] spec\.externalIPs\[0\]/);
    const errors = CrossObjectChecks.of(seedPort).run().filter(f => f.rule === 'external-ip-host-port');
    expect(errors.map(f => `${f.severity} ${f.path}`)).toEqual(['ERROR 22-service2-external-ip/Service2ExternalIp']);
    expect(errors[0].message).toContain('TCP 10.119.12.4:80 is a port of a node address that the ingress controller 30-ingress-nginx/IngressNginx also serves');
    // an external IP that is not a node address shadows nothing
    expect(CrossObjectChecks.of(synthLab({ ...LAB_CONFIG, externalIpPort: 80, nodeAddresses: ['10.64.13.20'] }).app).run()).toEqual([]);
  });
});

describe('experiment 1: ingress-nginx with values-prod.yaml, without Helm', () => {
  const ds = find(objects, 'DaemonSet', 'ingress-nginx-controller');
  const spec = ds.spec.template.spec;
  test('the seed\'s topology: DaemonSet on the host network, cluster DNS, ssl passthrough', () => {
    expect(ds.metadata.namespace).toBe('ingress-nginx');
    expect(spec.hostNetwork).toBe(true);
    expect(spec.dnsPolicy).toBe('ClusterFirstWithHostNet');
    expect(spec.containers[0].args).toContain('--enable-ssl-passthrough');
    expect(spec.containers[0].args.some((a: string) => a.startsWith('--publish-service'))).toBe(false);
    // no default backend (its image is amd64-only): the controller's own catch-all answers 404
    expect(spec.containers[0].args.some((a: string) => a.startsWith('--default-backend-service'))).toBe(false);
  });
  test('dist/ renders ingress-nginx v1.15.1 (clusters 1.31-1.35); the seed\'s v1.11.8 with ingressNginxRelease', () => {
    expect(spec.containers[0].image).toMatch(/^registry\.k8s\.io\/ingress-nginx\/controller:v1\.15\.1@sha256:/);
    const seedEra = synthLab({ ...LAB_CONFIG, ingressNginxRelease: 'v1.11.8' }).lab.ingressNginx.controller;
    expect(seedEra.release.version).toBe('1.11.8');
    expect(() => synthLab({ ...LAB_CONFIG, ingressNginxRelease: 'v1.12.0' })).toThrow(/ingressNginxRelease "v1\.12\.0": allowed: v1\.11\.8, v1\.15\.1/);
  });
  test('no controller Service (publishService off); no default backend unless asked; the admission webhook', () => {
    const services = objects.filter(o => o.obj.kind === 'Service' && o.obj.metadata.namespace === 'ingress-nginx').map(o => o.obj.metadata.name);
    expect(services).toEqual(['ingress-nginx-controller-admission']);
    const withBackend = synthLab({ ...LAB_CONFIG, defaultBackend: true }).lab.ingressNginx.controller;
    expect(withBackend.defaultBackendEnabled).toBe(true);
    expect(find(objects, 'IngressClass', 'nginx').spec.controller).toBe('k8s.io/ingress-nginx');
  });
  test('the admission webhook validates every Ingress through the controller pods\' webhook port', () => {
    const webhook = find(objects, 'ValidatingWebhookConfiguration', 'ingress-nginx-admission');
    expect(webhook.webhooks).toEqual([expect.objectContaining({
      name: 'validate.nginx.ingress.kubernetes.io',
      failurePolicy: 'Fail',
      clientConfig: { service: { name: 'ingress-nginx-controller-admission', namespace: 'ingress-nginx', path: '/networking/v1/ingresses', port: 443 } },
      rules: [{ apiGroups: ['networking.k8s.io'], apiVersions: ['v1'], operations: ['CREATE', 'UPDATE'], resources: ['ingresses'] }],
    })]);
    const admission = find(objects, 'Service', 'ingress-nginx-controller-admission');
    expect(admission.spec.ports).toEqual([expect.objectContaining({ port: 443, targetPort: 'webhook' })]);
    expect(selects(admission.spec.selector, ds.spec.template.metadata.labels)).toBe(true);
    // off 8443, the API server's port on minikube's node (the controller is in the host network)
    expect(spec.containers[0].ports).toContainEqual(expect.objectContaining({ name: 'webhook', containerPort: 8444 }));
    expect(spec.containers[0].args).toContain('--validating-webhook=:8444');
  });
  test('the controller\'s file creates its namespace first and puts every namespaced object into it', () => {
    const controllerObjects = objects.filter(o => o.file === '30-ingress-nginx.k8s.yaml').map(o => o.obj);
    expect(controllerObjects[0]).toEqual({
      apiVersion: 'v1', kind: 'Namespace',
      metadata: {
        name: 'ingress-nginx',
        labels: {
          'app.kubernetes.io/instance': 'ingress-nginx', 'app.kubernetes.io/name': 'ingress-nginx',
          // hostNetwork pods: admitted where baseline is enforced, still warned about
          'pod-security.kubernetes.io/enforce': 'privileged', 'pod-security.kubernetes.io/warn': 'baseline', 'pod-security.kubernetes.io/audit': 'baseline',
        },
      },
    });
    const clusterScoped = ['Namespace', 'ClusterRole', 'ClusterRoleBinding', 'ValidatingWebhookConfiguration', 'IngressClass'];
    const placed = controllerObjects.map(o => `${o.kind}/${o.metadata.name} ${o.metadata.namespace}`);
    expect(placed).toEqual(controllerObjects.map(o => `${o.kind}/${o.metadata.name} ${clusterScoped.includes(o.kind) ? undefined : 'ingress-nginx'}`));
  });
  test('the controller is registered with the app-wide checks with its host ports', () => {
    expect(lab.ingressNginx.controller.hostPorts).toEqual(expect.arrayContaining([80, 443, 442, 8444, 8181, 10254]));
    expect(lab.ingressNginx.controller.hostPorts).not.toContain(8443);
    expect(lab.ingressNginx.controller.sslPassthroughEnabled).toBe(true);
  });
});

describe('experiments 3-7: 30_ingress/1N_svcN/ingress.yaml', () => {
  const images: Record<string, string> = {
    svc1: 'noewangjinyuan/nginx-ingress-demo-svc1:1.0.1',
    svc2: 'noewangjinyuan/nginx-ingress-demo-svc2:0.1',
    svc3: 'noewangjinyuan/nginx-ingress-demo-svc3:0.1',
    svc4: 'noewangjinyuan/nginx-ingress-demo-svc4:0.1',
    svc5: 'noewangjinyuan/nginx-ingress-demo-svc5:0.1',
  };
  const seedImages = synthLab({ ...LAB_CONFIG, backends: LabBackends.SEED_IMAGES });

  test.each(Object.keys(images))('%s: Deployment (2 replicas, port 8080), ClusterIP Service 8888 -> 8080, Ingress for svcN.xxx.com', svc => {
    for (const objs of [objects, seedImages.objects]) {
      const dep = find(objs, 'Deployment', `${svc}-deployment`);
      expect(dep.spec.replicas).toBe(2);
      expect(dep.spec.template.metadata.labels).toEqual({ app: 'nginx-ingress-demo', experiment: svc });
      expect(dep.spec.template.spec.containers[0].ports).toMatchObject([{ containerPort: 8080, protocol: 'TCP' }]);
      const service = find(objs, 'Service', `${svc}-cluster-ip`);
      expect(service.spec.type).toBe('ClusterIP');
      expect(service.spec.ports).toEqual([{ protocol: 'TCP', port: 8888, targetPort: 8080 }]);
      const ing = find(objs, 'Ingress', `${svc}-ingress`);
      expect(ing.apiVersion).toBe('networking.k8s.io/v1');
      expect(ing.spec.ingressClassName).toBe('nginx');
      expect(ing.metadata.annotations?.['kubernetes.io/ingress.class']).toBeUndefined();
      expect(ing.spec.rules).toEqual([{
        host: `${svc}.xxx.com`,
        http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: `${svc}-cluster-ip`, port: { number: 8888 } } } }] },
      }]);
    }
  });

  test.each(Object.keys(images))('%s with LabBackends.SEED_IMAGES: the seed\'s Go image', svc => {
    const dep = find(seedImages.objects, 'Deployment', `${svc}-deployment`);
    expect(dep.spec.template.spec.containers[0]).toMatchObject({ name: 'ct-go-server', image: images[svc], imagePullPolicy: 'IfNotPresent' });
  });

  test.each([['svc1', false], ['svc2', true], ['svc3', false], ['svc4', true], ['svc5', true]] as const)(
    '%s by default: a DemoBackend with the seed\'s reply, HTTPS %s', (svc, https) => {
      const dep = find(objects, 'Deployment', `${svc}-deployment`);
      expect(dep.spec.template.spec.containers[0].image).toBe('nginxinc/nginx-unprivileged:1.28-alpine');
      const conf = objects.find(o => o.obj.kind === 'ConfigMap' && o.file.includes(svc))!.obj;
      expect(conf.data['server.conf']).toContain(`Hello, I am ${svc} for ingress-controller demo!`);
      expect(conf.data['server.conf'].includes('ssl_certificate')).toBe(https);
    });

  test('svc1: HTTP -> HTTP, no TLS, no nginx annotations', () => {
    const ing = find(objects, 'Ingress', 'svc1-ingress');
    expect(ing.spec.tls).toBeUndefined();
    expect(ing.metadata.annotations).toBeUndefined();
  });
  test('svc2: HTTP -> HTTPS backend, whose certificate the lab CA issues for the Service names', () => {
    const ing = find(objects, 'Ingress', 'svc2-ingress');
    expect(ing.spec.tls).toBeUndefined();
    expect(ing.metadata.annotations).toEqual({ 'nginx.ingress.kubernetes.io/backend-protocol': 'HTTPS' });
    const cert = find(objects, 'Certificate', 'svc2-backend-tls');
    expect(cert.spec.dnsNames).toEqual(['svc2-cluster-ip', 'svc2-cluster-ip.expose-lab.svc', 'svc2-cluster-ip.expose-lab.svc.cluster.local']);
    expect(cert.spec.issuerRef).toEqual({ group: 'cert-manager.io', kind: 'Issuer', name: 'lab-ca' });
  });
  test('svc3: TLS terminated with secret-tls-svc3 (issued by the lab CA), HTTP to the pods', () => {
    const ing = find(objects, 'Ingress', 'svc3-ingress');
    expect(ing.spec.tls).toEqual([{ hosts: ['svc3.xxx.com'], secretName: 'secret-tls-svc3' }]);
    expect(ing.metadata.annotations?.['nginx.ingress.kubernetes.io/backend-protocol']).toBeUndefined();
    expect(find(objects, 'Certificate', 'secret-tls-svc3').spec).toMatchObject({ secretName: 'secret-tls-svc3', dnsNames: ['svc3.xxx.com'] });
  });
  test('svc4: TLS terminated with secret-tls-svc4, re-encrypted, and the backend verified against the lab CA', () => {
    const ing = find(objects, 'Ingress', 'svc4-ingress');
    expect(ing.spec.tls).toEqual([{ hosts: ['svc4.xxx.com'], secretName: 'secret-tls-svc4' }]);
    expect(ing.metadata.namespace).toBe('expose-lab');
    expect(ing.metadata.annotations).toEqual({
      'nginx.ingress.kubernetes.io/backend-protocol': 'HTTPS',
      'nginx.ingress.kubernetes.io/proxy-ssl-name': 'svc4-cluster-ip.expose-lab.svc',
      'nginx.ingress.kubernetes.io/proxy-ssl-secret': 'expose-lab/lab-ca-trust',
      'nginx.ingress.kubernetes.io/proxy-ssl-server-name': 'on',
      'nginx.ingress.kubernetes.io/proxy-ssl-verify': 'on',
    });
    expect(find(objects, 'Certificate', 'svc4-backend-tls').spec.dnsNames).toContain('svc4-cluster-ip.expose-lab.svc');
    // the trust anchor is declarative: a Certificate from the lab CA, whose Secret's ca.crt is the CA
    expect(find(objects, 'Certificate', 'lab-ca-trust').spec).toMatchObject({ secretName: 'lab-ca-trust', issuerRef: { name: 'lab-ca', kind: 'Issuer' } });
    expect(Warnings.collect(app)).toEqual([]);
  });
  test('svc4 with the seed\'s images: not verified (their certificate is their own), and synth warns', () => {
    const ing = find(seedImages.objects, 'Ingress', 'svc4-ingress');
    expect(ing.metadata.annotations).toEqual({ 'nginx.ingress.kubernetes.io/backend-protocol': 'HTTPS' });
    expect(Warnings.collect(seedImages.app).map(w => w.path)).toContain('43-svc4-tls-reencrypt/Ingress');
  });
  test('svc5: passthrough by SNI, no tls section; the pods serve secret-tls-svc5 for svc5.xxx.com', () => {
    const ing = find(objects, 'Ingress', 'svc5-ingress');
    expect(ing.spec.tls).toBeUndefined();
    expect(ing.metadata.annotations).toEqual({ 'nginx.ingress.kubernetes.io/ssl-passthrough': 'true' });
    expect(find(objects, 'Certificate', 'secret-tls-svc5').spec.dnsNames).toEqual(['svc5.xxx.com']);
    const dep = find(objects, 'Deployment', 'svc5-deployment');
    expect(dep.spec.template.spec.volumes).toEqual(expect.arrayContaining([expect.objectContaining({ secret: expect.objectContaining({ secretName: 'secret-tls-svc5' }) })]));
  });
});

describe('certificate sources of the lab', () => {
  test('LAB_CA (default): a cert-manager CA chain, and no private key anywhere', () => {
    expect(LAB_CONFIG.certificates).toBe(LabCertificates.LAB_CA);
    expect(find(objects, 'Issuer', 'lab-ca-selfsigned').spec).toEqual({ selfSigned: {} });
    expect(find(objects, 'Certificate', 'lab-ca-ca').spec).toMatchObject({ isCA: true, secretName: 'lab-ca-ca' });
    expect(find(objects, 'Issuer', 'lab-ca').spec).toEqual({ ca: { secretName: 'lab-ca-ca' } });
    expect(objects.filter(o => o.obj.kind === 'Secret')).toEqual([]);
    expect(JSON.stringify(objects)).not.toMatch(/PRIVATE KEY|tls\.key"\s*:/);
  });
  test('EXISTING_SECRETS: the seed\'s kubectl-created secrets, declared external; no cert-manager objects', () => {
    const lab = synthLab({ ...LAB_CONFIG, certificates: LabCertificates.EXISTING_SECRETS });
    expect(lab.objects.filter(o => String(o.obj.apiVersion).startsWith('cert-manager.io'))).toEqual([]);
    expect(find(lab.objects, 'Ingress', 'svc3-ingress').spec.tls[0].secretName).toBe('secret-tls-svc3');
    expect(find(lab.objects, 'Ingress', 'svc4-ingress').metadata.annotations['nginx.ingress.kubernetes.io/proxy-ssl-secret']).toBe(`expose-lab/${BACKEND_CA_SECRET}`);
    expect(CrossObjectChecks.of(lab.app).run()).toEqual([]);
  });
  test('FILES: refused nowhere because the lab opts in; the key is in a Secret, checked and warned about', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lab-files-'));
    try {
      await generateLabCertificates({ outDir: dir, domain: 'xxx.com' });
      const lab = synthLab({ ...LAB_CONFIG, certificates: LabCertificates.FILES, certsDir: dir });
      const secret = find(lab.objects, 'Secret', 'secret-tls-svc3');
      expect(secret.type).toBe('kubernetes.io/tls');
      expect(Buffer.from(secret.data['tls.key'], 'base64').toString()).toContain('PRIVATE KEY');
      expect(Warnings.collect(lab.app).some(w => /private key/i.test(w.message))).toBe(true);
      expect(CrossObjectChecks.of(lab.app).run()).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('applying all of dist/ at once works', () => {
  test('every Service selects the pods of its own section and no other', () => {
    const templates = podTemplates();
    for (const { obj, file } of objects.filter(o => o.obj.kind === 'Service')) {
      const matched = templates.filter(t => selects(obj.spec.selector, t.labels)).map(t => t.owner);
      const own = objects.filter(o => o.file === file).map(o => `${o.obj.kind}/${o.obj.metadata.name}`);
      expect({ service: obj.metadata.name, matched }).toEqual({ service: obj.metadata.name, matched: matched.filter(m => own.includes(m)) });
      expect(matched).toHaveLength(1);
    }
  });
  test('no two objects of the same kind share a name', () => {
    const keys = objects.map(o => `${o.obj.kind}/${o.obj.metadata.namespace ?? ''}/${o.obj.metadata.name}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
  test('no two pods claim the same node port (hostPort, hostNetwork port, nodePort)', () => {
    const claims: string[] = [];
    for (const t of podTemplates()) {
      for (const c of t.spec.containers) {
        for (const p of c.ports ?? []) {
          if (t.spec.hostNetwork) claims.push(`${p.protocol ?? 'TCP'}/${p.containerPort}`);
          else if (p.hostPort) claims.push(`${p.protocol ?? 'TCP'}/${p.hostPort}`);
        }
      }
    }
    for (const { obj } of objects.filter(o => o.obj.kind === 'Service')) {
      for (const p of obj.spec.ports) if (p.nodePort) claims.push(`${p.protocol}/${p.nodePort}`);
    }
    expect(claims.length).toBeGreaterThan(0);
    expect(new Set(claims).size).toBe(claims.length);
  });
  test('selectors never use cdk8s.io/metadata.addr or hashed labels', () => {
    const text = JSON.stringify(objects.map(o => o.obj));
    expect(text).not.toContain('cdk8s.io/metadata.addr');
    for (const { obj } of objects) expect(obj.metadata.name).not.toMatch(/-c8[0-9a-f]{6}$/);
  });
  test('the lab config drives the values a user changes', () => {
    const custom = synthLab({ ...LAB_CONFIG, domain: 'lab.example.org', externalIp: '192.0.2.10' });
    expect(find(custom.objects, 'Ingress', 'svc3-ingress').spec.rules[0].host).toBe('svc3.lab.example.org');
    expect(find(custom.objects, 'Service', 'service2-external-ip').spec.externalIPs).toEqual(['192.0.2.10']);
    expect(custom.lab.svc1.host).toBe('svc1.lab.example.org');
  });
  test('the lab\'s namespace (hostPort and hostNetwork pods) enforces Pod Security privileged, warns and audits baseline', () => {
    const ns = find(objects, 'Namespace', 'expose-lab');
    expect(ns.metadata.labels).toEqual({
      'app.kubernetes.io/part-of': 'cdk8s-expose',
      'pod-security.kubernetes.io/enforce': 'privileged',
      'pod-security.kubernetes.io/warn': 'baseline',
      'pod-security.kubernetes.io/audit': 'baseline',
    });
    expect(find(objects, 'Pod', 'pod2-host-network').metadata.namespace).toBe('expose-lab');
  });
  test('one namespace for every namespaced object of the lab, configurable; the controller keeps its own', () => {
    const ns = find(objects, 'Namespace', 'expose-lab');
    expect(objects[0]).toEqual({ file: '00-namespace.k8s.yaml', obj: ns });
    for (const { file, obj } of objects) {
      if (file === '30-ingress-nginx.k8s.yaml' || obj.kind === 'Namespace') continue;
      expect(`${file} ${obj.kind}/${obj.metadata.name} ${obj.metadata.namespace}`).toBe(`${file} ${obj.kind}/${obj.metadata.name} expose-lab`);
    }
    const custom = synthLab({ ...LAB_CONFIG, namespace: 'team-a' });
    const text = JSON.stringify(custom.objects.filter(o => o.file !== '30-ingress-nginx.k8s.yaml').map(o => o.obj));
    expect(text).not.toContain('expose-lab');
    expect(text).not.toMatch(/\.default\.svc|"default\//);
    expect(find(custom.objects, 'Ingress', 'svc4-ingress').metadata.annotations['nginx.ingress.kubernetes.io/proxy-ssl-secret']).toBe('team-a/lab-ca-trust');
    expect(CrossObjectChecks.of(custom.app).run()).toEqual([]);
    const inDefault = synthLab({ ...LAB_CONFIG, namespace: 'default' });
    expect(inDefault.app.charts.map(c => c.node.id)).not.toContain('00-namespace');
    expect(find(inDefault.objects, 'Ingress', 'svc4-ingress').metadata.namespace).toBe('default');
  });
  test('images: a current nginx by default, the seed\'s as an option; controller tolerations as a setting', () => {
    expect(CURRENT_NGINX_IMAGE).toBe('nginx:1.28');
    const seed = synthLab({
      ...LAB_CONFIG, images: { ...LAB_CONFIG.images, nginx: SEED_NGINX_IMAGE }, controllerTolerations: [CONTROL_PLANE_TOLERATION],
    });
    expect(find(seed.objects, 'Pod', 'pod1-host-port').spec.containers[0].image).toBe('nginx:1.9.0');
    expect(find(objects, 'DaemonSet', 'ingress-nginx-controller').spec.template.spec.tolerations).toBeUndefined();
    expect(find(seed.objects, 'DaemonSet', 'ingress-nginx-controller').spec.template.spec.tolerations).toEqual([
      { key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' },
    ]);
  });
  test('every chart is reachable from the Lab handle', () => {
    expect(Object.keys(lab)).toHaveLength(app.charts.length);
  });
});
