/** Unit project setup (jest `setupFilesAfterEnv`): 10 s per test; a slower test is an integration test. */
jest.setTimeout(10_000);
