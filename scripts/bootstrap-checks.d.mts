/** Whether a Node version satisfies an npm `engines` range (||, ^, ~, x-ranges, comparators, hyphens). */
export function satisfies(version: string, range: string): boolean;
/** The lowest version each `||` branch of a range admits: ">=20.19" → ["20.19.0"]. */
export function lowestVersions(range: string): string[];
/** null when node_modules holds what package-lock.json locks (npm's node_modules/.package-lock.json), else why not. */
export function installedDiffers(root: string): string | null;
