import { fileURLToPath } from 'node:url';

/** The monorepo's root folder. */
export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
