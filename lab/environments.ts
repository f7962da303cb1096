/**
 * Several configurations of the one lab app (issue 23): each environment overrides some of
 * LAB_CONFIG and is rendered into its own folder by the same safe synth, with the same strict
 * validation and the same atomic replacement:
 *
 *   npm run synth -- --env staging                                    # -> dist-staging/
 *   CDK8S_EXPOSE_ENV=prod npm run synth:gateway -- --out dist-gateway-prod
 *
 * The synth passes the name to the app as CDK8S_EXPOSE_ENV (so `cdk8s synth` can too:
 * `CDK8S_EXPOSE_ENV=staging cdk8s synth -o dist-staging`); an app entry reads it with
 * `labConfigFor(process.env.CDK8S_EXPOSE_ENV)`. Each environment is a whole lab: its own namespace
 * and hosts, and the same cluster-wide ingress-nginx controller, so give each its own cluster
 * (or leave the controller to one of them).
 */
import { ExposeValidationError } from '../constructs/errors';
import { LAB_CONFIG, LabConfig } from './config';

/** The variable that names the environment to render (unset: the default, LAB_CONFIG itself). */
export const ENVIRONMENT_VARIABLE = 'CDK8S_EXPOSE_ENV';

/** The environments, by name: what each changes in LAB_CONFIG. */
export const LAB_ENVIRONMENTS: { readonly [name: string]: Partial<LabConfig> } = {
  staging: { namespace: 'expose-staging', domain: 'staging.xxx.com' },
  prod: { namespace: 'expose-prod', domain: 'prod.xxx.com' },
};

/** LAB_CONFIG with the overrides of environment `name` (none when `name` is undefined or empty). */
export function labConfigFor(name: string | undefined): LabConfig {
  if (name === undefined || name === '') return LAB_CONFIG;
  const env = Object.prototype.hasOwnProperty.call(LAB_ENVIRONMENTS, name) ? LAB_ENVIRONMENTS[name] : undefined;
  if (!env) {
    throw new ExposeValidationError('lab/environments', ENVIRONMENT_VARIABLE, `${JSON.stringify(name)} is not an environment of the lab; ` +
      `allowed: ${Object.keys(LAB_ENVIRONMENTS).join(', ')} (lab/environments.ts), or unset for the default`);
  }
  return { ...LAB_CONFIG, ...env, images: { ...LAB_CONFIG.images, ...env.images } };
}
