/** Integration project setup (jest `setupFilesAfterEnv`): 120 s per test (npm pack, jsii, the CLI, real TLS). */
jest.setTimeout(120_000);
