import type { CommandFactory } from './command';

export const showLog: CommandFactory = (ctx) => () => ctx.log.show();
