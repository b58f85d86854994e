// The question code runs inside tsserver (a plugin gets the server's own `typescript` module, which
// may be VS Code's bundled one or the workspace's) and in plain Node (the evaluation, with the
// pinned `typescript` package). So it never imports `typescript` at run time: the module is passed in.
import type * as TS from 'typescript';

export type TsModule = typeof TS;
export type { TS };
