/**
 * The lab's Gateway API flavour as a cdk8s app entry (what `npm run synth:gateway` synthesises
 * into dist-gateway/): the same shape as main.ts, `buildApp(props)` and `synth(app)`.
 */
import { App } from 'cdk8s';
import { ExposeApp, ExposeAppProps, Warnings } from '../constructs';
import { ENVIRONMENT_VARIABLE, labConfigFor } from './environments';
import { buildGatewayLab } from './index';

/** The Gateway API lab as a cdk8s app (an ExposeApp: validated and rendered once). */
export function buildApp(props: ExposeAppProps = {}): App {
  const app = new ExposeApp({ syncWaves: true, ...props });
  buildGatewayLab(app, labConfigFor(process.env[ENVIRONMENT_VARIABLE]));
  return app;
}

/** Writes the manifests and prints the synth warnings once. */
export function synth(app: App): void {
  app.synth();
  Warnings.print(app);
}
