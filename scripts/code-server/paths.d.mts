export const CODE_SERVER_VERSION: string;
export const NODE_PACKAGE: string;
export function cacheRoot(): string;
export function nodeDir(): string;
export function nodeBinDir(): string;
export function codeServerDir(): string;
export function codeServerEntry(): string;
export function completeMarker(dir: string): string;
