import { Chart, Testing } from 'cdk8s';
import { k8s } from 'cdk8s-plus-27';
import { AppDeployment, CrossObjectChecks, FindingSeverity, HostNetworkPod, HostPortPod, PodSecurity, PodSecurityLabels } from '../../constructs';
import { podSecurityReport } from '../../constructs/app-checks/pod-security-standards';
import { buildGatewayLab, buildLab, LAB_CONFIG } from '../../lab';
import { expectFails } from '../helpers/expect-fails';
import { expectStrictlyValid } from '../helpers/strict-schemas';

function namespace(chart: Chart, name: string, level: string): void {
  new k8s.KubeNamespace(chart, `Ns-${name}`, { metadata: { name, labels: { 'pod-security.kubernetes.io/enforce': level } } });
}

function podSecurityWarnings(chart: Chart): string[] {
  return CrossObjectChecks.of(chart).run().filter(f => f.rule === 'pod-security' && f.severity === FindingSeverity.WARNING)
    .map(f => `[${f.path}] ${f.message}`);
}

describe('AppDeployment podSecurity', () => {
  test('PodSecurity.restricted() renders what restricted asks for', () => {
    const chart = Testing.chart();
    new AppDeployment(chart, 'Web', { image: 'nginxinc/nginx-unprivileged:1.27', containerPort: 8080,
      podSecurity: PodSecurity.restricted({ runAsUser: 101, runAsGroup: 101, fsGroup: 101, netBindService: true, readOnlyRootFilesystem: true }) });
    const manifest = Testing.synth(chart);
    expect(manifest).toMatchSnapshot();
    const spec = manifest[0].spec.template.spec;
    expect(spec.securityContext).toEqual({ runAsNonRoot: true, runAsUser: 101, runAsGroup: 101, fsGroup: 101, seccompProfile: { type: 'RuntimeDefault' } });
    expect(spec.containers[0].securityContext).toEqual({
      allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'], add: ['NET_BIND_SERVICE'] },
    });
    expect(podSecurityReport(spec)).toEqual({ level: 'restricted', baseline: [], restricted: [] });
    expectStrictlyValid(manifest);
  });

  test('by default no security context (the pods meet baseline)', () => {
    const chart = Testing.chart();
    new AppDeployment(chart, 'Web', { image: 'nginx:1.27', containerPort: 80 });
    const spec = Testing.synth(chart)[0].spec.template.spec;
    expect(spec.securityContext).toBeUndefined();
    expect(spec.containers[0].securityContext).toBeUndefined();
    expect(podSecurityReport(spec).level).toBe('baseline');
  });

  test('fails for runAsUser 0 (restricted forbids root) and a negative group', () => {
    expectFails(() => PodSecurity.restricted({ runAsUser: 0, runAsGroup: -1 }), '[PodSecurity.restricted]',
      'options.runAsUser: 0 is not allowed; allowed: an integer from 1 to 2147483647', 'options.runAsGroup: -1');
  });
});

describe('pod-security: a pod its namespace\'s enforce level refuses', () => {
  test('warns for a baseline Deployment in a restricted namespace, naming the pod, the namespace and why', () => {
    const chart = new Chart(Testing.app(), 'apps', { namespace: 'apps' });
    namespace(chart, 'apps', 'restricted');
    new AppDeployment(chart, 'Web', { image: 'nginx:1.27', containerPort: 80 });
    const [w, ...rest] = podSecurityWarnings(chart);
    expect(rest).toEqual([]);
    expect(w).toContain('[apps/Web] spec.template.spec: the pods of Deployment/web are at Pod Security level "baseline"');
    expect(w).toContain('container "main" do not set allowPrivilegeEscalation: false');
    expect(w).toContain('namespace "apps" enforces "restricted" (pod-security.kubernetes.io/enforce on apps/Ns-apps)');
  });

  test('a restricted Deployment in a restricted namespace (valid twin)', () => {
    const chart = new Chart(Testing.app(), 'apps', { namespace: 'apps' });
    namespace(chart, 'apps', 'restricted');
    new AppDeployment(chart, 'Web', { image: 'nginxinc/nginx-unprivileged:1.27', containerPort: 8080, podSecurity: PodSecurity.restricted({ runAsUser: 101 }) });
    expect(podSecurityWarnings(chart)).toEqual([]);
  });

  test('warns for hostPort and hostNetwork pods in a baseline namespace; not in a privileged one or one without the label', () => {
    const app = Testing.app();
    const edge = new Chart(app, 'edge', { namespace: 'edge' });
    namespace(edge, 'edge', 'baseline');
    new HostPortPod(edge, 'Hp', { image: 'nginx:1.27', containerPort: 80, hostPort: 8080 });
    new HostNetworkPod(edge, 'Hn', { image: 'nginx:1.27', containerPort: 8081 });
    const ok = new Chart(app, 'ok', { namespace: 'ok' });
    namespace(ok, 'ok', 'privileged');
    new HostPortPod(ok, 'Hp', { image: 'nginx:1.27', containerPort: 80, hostPort: 8082 });
    new HostPortPod(new Chart(app, 'plain', { namespace: 'plain' }), 'Hp', { image: 'nginx:1.27', containerPort: 80, hostPort: 8083 });
    const warnings = podSecurityWarnings(edge);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/^\[edge\/Hn\] spec: the pods of Pod\/hn are at Pod Security level "privileged" \(hostNetwork: true\), but namespace "edge" enforces "baseline"/);
    expect(warnings[1]).toMatch(/^\[edge\/Hp\] spec: .*level "privileged" \(hostPort 8080\)/);
  });
});

describe('pod-security: pods that need privileged in a namespace the app declares without an enforce label', () => {
  const plainNamespace = (chart: Chart, name: string, labels?: Record<string, string>) =>
    new k8s.KubeNamespace(chart, `Ns-${name}`, { metadata: { name, ...(labels ? { labels } : {}) } });

  test('fails (warns) for hostPort and hostNetwork pods: one warning on the Namespace naming each pod, why, and PodSecurityLabels.forHostAccess()', () => {
    const chart = new Chart(Testing.app(), 'edge', { namespace: 'edge' });
    plainNamespace(chart, 'edge', { team: 'net' });
    new HostPortPod(chart, 'Hp', { image: 'nginx:1.28', containerPort: 80, hostPort: 8080 });
    new HostNetworkPod(chart, 'Hn', { image: 'nginx:1.28', containerPort: 8081 });
    new AppDeployment(chart, 'Web', { image: 'nginx:1.28', containerPort: 80 });
    const warnings = podSecurityWarnings(chart);
    expect(warnings).toHaveLength(1);
    const [w] = warnings;
    expect(w).toContain('[edge/Ns-edge] metadata.labels["pod-security.kubernetes.io/enforce"]: namespace "edge" holds pods that need Pod Security level "privileged": ');
    expect(w).toContain('Pod/hp at edge/Hp (hostPort 8080)');
    expect(w).toContain('Pod/hn at edge/Hn (hostNetwork: true)');
    expect(w).not.toContain('Deployment/web');
    expect(w).toContain('clusters that enforce "baseline" by default (hardened kubeadm, Talos, RKE2\'s CIS profile) refuse these pods');
    expect(w).toContain('allowed: the labels PodSecurityLabels.forHostAccess() on the namespace (pod-security.kubernetes.io/enforce: privileged, warn and audit: baseline)');
  });

  test('the same pods in a namespace labelled with PodSecurityLabels.forHostAccess() (valid twin); baseline pods in an unlabelled one; undeclared namespaces', () => {
    const app = Testing.app();
    const edge = new Chart(app, 'edge', { namespace: 'edge' });
    plainNamespace(edge, 'edge', PodSecurityLabels.forHostAccess());
    new HostPortPod(edge, 'Hp', { image: 'nginx:1.28', containerPort: 80, hostPort: 8080 });
    new HostNetworkPod(edge, 'Hn', { image: 'nginx:1.28', containerPort: 8081 });
    const web = new Chart(app, 'web', { namespace: 'web' });
    plainNamespace(web, 'web');
    new AppDeployment(web, 'Web', { image: 'nginx:1.28', containerPort: 80 });
    new HostPortPod(new Chart(app, 'elsewhere', { namespace: 'elsewhere' }), 'Hp', { image: 'nginx:1.28', containerPort: 80, hostPort: 8082 });
    expect(podSecurityWarnings(edge)).toEqual([]);
  });

  test('the lab\'s namespaces are labelled: no pod-security warning for either flavour', () => {
    for (const build of [buildLab, buildGatewayLab]) {
      const app = Testing.app();
      build(app, LAB_CONFIG);
      expect(CrossObjectChecks.of(app.charts[0]).run().filter(f => f.rule === 'pod-security')).toEqual([]);
    }
  });
});

describe('podSecurityReport (the Pod Security Standards)', () => {
  const restricted = {
    securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
    containers: [{ name: 'c', securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } } }],
  };
  test('a restricted pod', () => {
    expect(podSecurityReport(restricted).level).toBe('restricted');
  });
  test.each([
    ['hostPID', { hostPID: true }, 'hostPID: true'],
    ['privileged', { containers: [{ name: 'c', securityContext: { privileged: true } }] }, 'container "c" are privileged'],
    ['NET_RAW added', { containers: [{ name: 'c', securityContext: { capabilities: { add: ['NET_RAW'] } } }] }, 'capabilities.add NET_RAW'],
    ['hostPath', { volumes: [{ name: 'h', hostPath: { path: '/' } }] }, 'hostPath volumes h'],
    ['seccomp Unconfined', { securityContext: { seccompProfile: { type: 'Unconfined' } } }, 'seccompProfile Unconfined'],
    ['unsafe sysctl', { securityContext: { sysctls: [{ name: 'kernel.msgmax', value: '1' }] } }, 'unsafe sysctls kernel.msgmax'],
    ['procMount', { containers: [{ name: 'c', securityContext: { procMount: 'Unmasked' } }] }, 'container "c" unmask /proc'],
    ['probe host', { containers: [{ name: 'c', livenessProbe: { httpGet: { host: '10.0.0.1', port: 80 } } }] }, 'probe or lifecycle handlers with a host'],
  ])('privileged: %s', (_name, spec, reason) => {
    const report = podSecurityReport({ containers: [{ name: 'c' }], ...spec });
    expect(report.level).toBe('privileged');
    expect(report.baseline.join('; ')).toContain(reason);
  });
  test.each([
    ['runAsUser 0', { securityContext: { ...restricted.securityContext, runAsUser: 0 } }, 'runAsUser: 0'],
    ['an NFS volume', { volumes: [{ name: 'n', nfs: { server: 's', path: '/' } }] }, 'volumes n of restricted types'],
    ['no seccomp', { securityContext: { runAsNonRoot: true } }, 'have no seccompProfile'],
    ['SYS_TIME added', { containers: [{ name: 'c', securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'], add: ['CHOWN'] } } }] },
      'add capabilities other than NET_BIND_SERVICE'],
  ])('baseline: %s', (_name, spec, reason) => {
    const report = podSecurityReport({ ...restricted, ...spec });
    expect(report.level).toBe('baseline');
    expect(report.restricted.join('; ')).toContain(reason);
  });
});
