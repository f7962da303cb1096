/**
 * `cdk8s synth --format helm` with the plugin's promotion: the chart around the templates
 * (validation-plugin/src/promotion.ts `helmChartFiles`) is read with the manifests and promoted
 * with them. The whole flow with the real CLI is in package-consumer.test.ts; here, what counts
 * as the chart, on the layout cdk8s-cli 2.x writes (createHelmScaffolding: Chart.yaml, README.md,
 * crds/ with CRD imports, the manifests in templates/).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { helmChartFiles } from '../../validation-plugin/src/promotion';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-expose-helm-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(rel: string, text = `${rel}\n`): string {
  const file = path.join(dir, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

test('a helm chart: Chart.yaml, README.md and crds/ are the chart; templates/ and dot-entries (run directories) are not', () => {
  write('Chart.yaml', 'apiVersion: v2\nname: app\nversion: 1.2.3\n');
  write('README.md');
  write(path.join('crds', 'gateway-api.yaml'));
  write(path.join('.dist-run-123', 'x.k8s.yaml'));
  const manifests = [write(path.join('templates', 'a.k8s.yaml')), write(path.join('templates', 'b.k8s.yaml'))];
  expect(helmChartFiles(manifests, dir)).toEqual([
    { file: 'Chart.yaml', text: 'apiVersion: v2\nname: app\nversion: 1.2.3\n' },
    { file: 'README.md', text: 'README.md\n' },
    { file: path.join('crds', 'gateway-api.yaml'), text: `${path.join('crds', 'gateway-api.yaml')}\n` },
  ]);
});

test('plain output is not a chart: manifests outside templates/, no Chart.yaml, or no manifests', () => {
  const plain = [write('a.k8s.yaml')];
  write('Chart.yaml'); // even with a stray Chart.yaml
  expect(helmChartFiles(plain, dir)).toBeUndefined();
  expect(helmChartFiles([], dir)).toBeUndefined();
  fs.rmSync(path.join(dir, 'Chart.yaml'));
  expect(helmChartFiles([write(path.join('templates', 'a.k8s.yaml'))], dir)).toBeUndefined();
});
