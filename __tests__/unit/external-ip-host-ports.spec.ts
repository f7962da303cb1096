/**
 * The app-wide `external-ip-host-port` rule: a Service's externalIP:port that is also a port a
 * node address serves (hostNetwork pod, hostPort, a registered ingress controller, a nodePort).
 */
import { App, Chart, Testing } from 'cdk8s';
import {
  AppDeployment, ControllerKind, ControllerServiceType, CrossObjectChecks, ExternalIpService, FindingSeverity, HostNetworkPod,
  HostPortPod, IngressNginxController, NodePortService,
} from '../../constructs';
import { expectFails } from '../helpers/expect-fails';

const NODE = '192.0.2.10';

function app(): { app: App; chart: Chart } {
  const a = Testing.app();
  return { app: a, chart: new Chart(a, 'c') };
}

function external(chart: Chart, port: number, ip = NODE): void {
  const web = new AppDeployment(chart, 'Web', { image: 'nginx:1.28', containerPort: 80, labels: { app: 'web' } });
  new ExternalIpService(chart, 'WebExternal', { selector: web.labels, port, targetPort: 80, externalIPs: [ip] });
}

function controller(chart: Chart): void {
  new IngressNginxController(chart, 'IngressNginx', {
    kind: ControllerKind.DAEMON_SET, hostNetwork: true, serviceType: ControllerServiceType.NONE,
  });
}

const findings = (a: App) => CrossObjectChecks.of(a).run().filter(f => f.rule === 'external-ip-host-port');

test('fails for an externalIP on port 80 of a node address where the hostNetwork ingress controller listens', () => {
  const { app: a, chart } = app();
  CrossObjectChecks.declareNodeAddresses(chart, [NODE]);
  controller(chart);
  external(chart, 80);
  const found = findings(a);
  expect(found).toEqual([expect.objectContaining({ severity: FindingSeverity.ERROR, path: 'c/WebExternal' })]);
  expect(found[0].message).toContain(`spec.externalIPs[0] and spec.ports[0].port: TCP ${NODE}:80 is a port of a node address that the ingress controller c/IngressNginx also serves`);
  expect(found[0].message).toContain('allowed: a port no pod or controller of the node uses');
  expect(() => a.synth()).toThrow(/\[c\/WebExternal\] spec\.externalIPs\[0\]/);
});

test('fails for an externalIP:port equal to a nodePort, served on every node', () => {
  const { app: a, chart } = app();
  CrossObjectChecks.declareNodeAddresses(chart, [NODE]);
  const other = new AppDeployment(chart, 'Other', { image: 'nginx:1.28', containerPort: 80, labels: { app: 'other' } });
  new NodePortService(chart, 'OtherNodePort', { selector: other.labels, port: 8888, targetPort: 80, nodePort: 30888 });
  external(chart, 30888);
  expect(findings(a).map(f => f.severity)).toEqual([FindingSeverity.ERROR]);
  expect(findings(a)[0].message).toContain('the nodePort of c/OtherNodePort');
});

test('warns for a single hostNetwork or hostPort pod on that port (it may run on another node)', () => {
  const { app: a, chart } = app();
  CrossObjectChecks.declareNodeAddresses(chart, [NODE]);
  new HostNetworkPod(chart, 'HostNet', { image: 'nginx:1.28', containerPort: 8090 });
  new HostPortPod(chart, 'HostPort', { image: 'nginx:1.28', containerPort: 80, hostPort: 30890 });
  const web = new AppDeployment(chart, 'Web', { image: 'nginx:1.28', containerPort: 80, labels: { app: 'web' } });
  new ExternalIpService(chart, 'A', { selector: web.labels, port: 8090, targetPort: 80, externalIPs: [NODE] });
  new ExternalIpService(chart, 'B', { selector: web.labels, port: 30890, targetPort: 80, externalIPs: [NODE] });
  const found = findings(a);
  expect(found.map(f => [f.path, f.severity])).toEqual([['c/A', FindingSeverity.WARNING], ['c/B', FindingSeverity.WARNING]]);
  expect(found[0].message).toContain('Pod/host-net (hostNetwork, c/HostNet) also serves where it runs');
  expect(found[1].message).toContain('Pod/host-port (hostPort, c/HostPort)');
});

test('passes for another port, an IP that is not a declared node address, or no declared addresses', () => {
  for (const [declare, port, ip] of [[true, 8088, NODE], [true, 80, '198.51.100.7'], [false, 80, NODE]] as const) {
    const { app: a, chart } = app();
    if (declare) CrossObjectChecks.declareNodeAddresses(chart, [NODE]);
    controller(chart);
    external(chart, port, ip);
    expect(findings(a)).toEqual([]);
  }
});

test('fails for a node address that is not an IP', () => {
  const { chart } = app();
  expectFails(() => CrossObjectChecks.declareNodeAddresses(chart, [NODE, 'node-2']), '[c]', 'addresses[1]', '"node-2" is not a valid IP address');
});
