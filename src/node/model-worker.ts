import { parentPort } from 'node:worker_threads';

parentPort?.on('message', (msg: unknown) => {
  parentPort?.postMessage({ type: 'error', message: `model worker not ready for ${JSON.stringify(msg)}` });
});
