import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Chart, Testing } from 'cdk8s';
import { parse } from 'yaml';
import { ControllerKind, ControllerServiceType, DnsPolicy, IngressNginxController } from '../../constructs';
import { HELM_VALUES_FILE, helmValuesOf, writeHelmValues } from '../../scripts/helm-values';

describe('scripts/helm-values', () => {
  test('writes the one controller\'s values to helm/, never to dist/', () => {
    const app = Testing.app();
    new IngressNginxController(new Chart(app, 'ingress'), 'IngressNginx', {
      kind: ControllerKind.DAEMON_SET, hostNetwork: true, dnsPolicy: DnsPolicy.CLUSTER_FIRST_WITH_HOST_NET,
      enableSslPassthrough: true, serviceType: ControllerServiceType.NONE, defaultBackend: true,
    });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'helm-values-'));
    const out = writeHelmValues(path.join(dir, HELM_VALUES_FILE), helmValuesOf(app));
    expect(parse(fs.readFileSync(out, 'utf8'))).toEqual(IngressNginxController.find(app)[0].toHelmValues());
    expect(HELM_VALUES_FILE).toBe(path.join('helm', 'ingress-nginx-values.yaml'));
    expect(() => writeHelmValues(path.join('dist', 'values.yaml'), 'x: 1\n')).toThrow(/under dist\//);
  });

  test('refuses an app without exactly one controller', () => {
    expect(() => helmValuesOf(Testing.app())).toThrow(/found 0/);
  });
});
