/**
 * Construction problems collected for the synth (ExposeErrors.COLLECT_CONTEXT,
 * ExposeAppProps.collectConstructionProblems): every construct's bad input in one error at synth,
 * what a CI wants; without it, the first bad construct throws at its `new`.
 */
import { App, Chart } from 'cdk8s';
import { AppDeployment, ExposeApp, ExposeErrors, NodePortService } from '../../constructs';
import { ProblemList } from '../../constructs/core/errors';
import { invalid } from '../../constructs/core/problem';

function twoBad(app: App): void {
  const chart = new Chart(app, 'c');
  const web = new AppDeployment(chart, 'Web', { name: 'web', image: 'nginx:1.27', containerPort: 80, replicas: -1 });
  new NodePortService(chart, 'Np', { name: 'web-np', selector: web.labels, port: 80, nodePort: 99999 });
}

test('without it the first bad construct throws at construction', () => {
  expect(() => twoBad(new ExposeApp())).toThrow(/\[c\/Web\] .*replicas/);
});

test('ExposeApp({ collectConstructionProblems: true }): no throw at construction, one error at synth naming both constructs', () => {
  const app = new ExposeApp({ collectConstructionProblems: true });
  expect(() => twoBad(app)).not.toThrow();
  let message = '';
  try {
    app.synthYaml();
  } catch (e) {
    message = (e as Error).message;
  }
  expect(message).toMatch(/^Validation failed with the following errors:/);
  expect(message).toMatch(/\[c\/Web\] .*replicas.*-1/);
  expect(message).toMatch(/\[c\/Np\] .*nodePort.*99999/);
});

test('a plain App with the context set collects too (cdk8s validates at synth)', () => {
  const app = new App();
  app.node.setContext(ExposeErrors.COLLECT_CONTEXT, true);
  twoBad(app);
  expect(() => app.synthYaml()).toThrow(/\[c\/Np\] .*nodePort/);
});

test('throwNow throws even where the app collects (checks later steps depend on)', () => {
  const app = new ExposeApp({ collectConstructionProblems: true });
  const chart = new Chart(app, 'c');
  expect(() => new ProblemList().add([invalid('props.x', 1, 'must be 2')]).throwNow(chart)).toThrow(/\[c\] props.x/);
  expect(() => new ProblemList().add([invalid('props.x', 1, 'must be 2')]).throwIfAny(chart)).not.toThrow();
  expect(chart.node.validate()).toEqual([expect.stringMatching(/props.x.*must be 2/)]);
});
