import { App } from 'cdk8s';
import { buildLab, Lab, LAB_CONFIG, LabConfig } from '../../lab';

/** Every object of every chart of a freshly built lab, with the chart id (= dist file name). */
export interface LabObject {
  readonly file: string;
  readonly obj: any;
}

export function synthLab(config: LabConfig = LAB_CONFIG): { app: App; lab: Lab; objects: LabObject[] } {
  const app = new App({ outdir: '/nonexistent-never-written' });
  const lab = buildLab(app, config);
  const objects: LabObject[] = [];
  for (const chart of app.charts) {
    for (const obj of chart.toJson()) objects.push({ file: `${chart.node.id}.k8s.yaml`, obj });
  }
  return { app, lab, objects };
}

export function find(objects: LabObject[], kind: string, name: string): any {
  const hit = objects.find(o => o.obj.kind === kind && o.obj.metadata?.name === name);
  if (!hit) throw new Error(`no ${kind} ${name} in the lab (have: ${objects.map(o => `${o.obj.kind}/${o.obj.metadata?.name}`).join(', ')})`);
  return hit.obj;
}
