// The production Engine: the model in a worker thread, driven by ModelHost.
import { ModelHost } from '../node/model-host';
import type { EngineStarter } from './engine';

export const startModelHost: EngineStarter = (opts) => ModelHost.start(opts);
