import { parentPort, workerData } from 'node:worker_threads';
import { simulateSeeds, type SimulationInputs } from '../authoring/simulate.js';

/**
 * A worker thread of `ttx simulate`: plays its share of the seeds and posts its progress every
 * 25 drills, then its runs. The inputs are the loaded models (structured-cloned), so it parses
 * nothing. Bundled as its own entry (dist/simulateWorker.js).
 */
const { inputs, seeds } = workerData as { inputs: SimulationInputs; seeds: number[] };
const runs = simulateSeeds(inputs, seeds, (done) => {
  if (done % 25 === 0) parentPort!.postMessage({ type: 'progress', done });
});
parentPort!.postMessage({ type: 'done', runs });
