/**
 * The seed's Kubernetes networking lab, synthesised into dist/ (one file per section).
 * Edit lab/config.ts for your cluster; `npm run synth` writes dist/.
 */
import { App } from 'cdk8s';
import { Warnings } from './constructs';
import { buildLab, LAB_CONFIG } from './lab';

const app = new App();
buildLab(app, LAB_CONFIG);
app.synth();
Warnings.print(app);
