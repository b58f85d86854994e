import type { Ctx } from '../ctx';

/** Commands are factories: given the context, the handler. */
export type CommandFactory = (ctx: Ctx) => (...args: unknown[]) => unknown;
