/**
 * jest's test order (jest.config.js `testSequencer`): longest files first, so that the two
 * workers finish together instead of one of them starting a 15 s file last.
 *
 * jest's own sequencer does this from the durations it recorded in its cache, and runs files it
 * has no duration for first, ordered by size. A fresh clone (CI) has no cache: the order was by
 * size, which put the lab-scripts and real-TLS files first and the synth and packaging files,
 * the slowest, late. Here a file without a recorded duration gets an estimate instead: the
 * seconds below for the known slow ones (measured on the 2-core machine), otherwise a default per
 * project. Recorded durations win, and failed files still run first (jest's rule).
 * Plain JavaScript: jest requires the sequencer without a transform.
 */
'use strict';
const path = require('path');
const Sequencer = require('@jest/test-sequencer').default;

/** Seconds a file took on the 2-core machine (whole runs), for files jest has no duration of. */
const ESTIMATES = {
  'integration/safe-synth.test.ts': 20,
  'integration/synth-safety.test.ts': 18,
  'integration/package-consumer.test.ts': 15,
  'integration/readme-examples.test.ts': 8,
  'integration/topology-cli.test.ts': 7,
  'integration/lab-scripts.test.ts': 7,
  'integration/jsii-compat.test.ts': 6,
  'integration/schema-corpus.test.ts': 5,
  'integration/imports-drift.test.ts': 4,
  'integration/lab-diagram.test.ts': 4,
  'integration/real-tls.test.ts': 3,
  'integration/dist-up-to-date.test.ts': 3,
  'unit/public-api.test.ts': 3,
};
/** Any other file: integration files start processes, unit files do not. */
const DEFAULT_SECONDS = { integration: 2, unit: 0.5 };

function estimate(testPath) {
  const rel = testPath.split(path.sep).join('/').replace(/^.*\/__tests__\//, '');
  if (ESTIMATES[rel] !== undefined) return ESTIMATES[rel] * 1000;
  return (rel.startsWith('integration/') ? DEFAULT_SECONDS.integration : DEFAULT_SECONDS.unit) * 1000;
}

class LongestFirstSequencer extends Sequencer {
  time(test) {
    return super.time(test) ?? estimate(test.path);
  }
}

module.exports = LongestFirstSequencer;
