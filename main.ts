/**
 * The seed's Kubernetes networking lab, synthesised into dist/ (one file per section).
 * Edit lab/config.ts for your cluster; `npm run synth` writes dist/. The same lab as Gateway API
 * is lab/gateway-app.ts, which `npm run synth:gateway` writes into dist-gateway/.
 *
 * Run directly (`cdk8s synth` does), it builds the app and synthesises it. The safe synth
 * (scripts/synth.ts) imports `buildApp` and `synth` instead, to build, check and validate the app
 * in its own process.
 */
import { App } from 'cdk8s';
import { ExposeApp, ExposeAppProps, Warnings } from './constructs';
import { buildLab } from './lab';
import { ENVIRONMENT_VARIABLE, labConfigFor } from './lab/environments';

/** The lab as a cdk8s app (an ExposeApp: the same output as App, validated and rendered once). */
export function buildApp(props: ExposeAppProps = {}): App {
  // Argo CD sync waves on every object (docs/gitops.md): dist/ syncs in order as one Application
  const app = new ExposeApp({ syncWaves: true, ...props });
  buildLab(app, labConfigFor(process.env[ENVIRONMENT_VARIABLE]));
  return app;
}

/** Writes the manifests and prints the synth warnings once. */
export function synth(app: App): void {
  app.synth();
  Warnings.print(app);
}

if (require.main === module) synth(buildApp());
