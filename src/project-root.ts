/**
 * The folder of attrition-monitor's own package.json (where `npm outdated` must run), found by walking
 * up from this module's location, so it depends neither on the working directory nor on where the
 * code runs from: src/ under tsx, or a bundle in dist/cli/ or dist/cli/chunks/.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const manifestSchema = z.object({ name: z.string().optional() });

function findProjectRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (
      existsSync(manifest) &&
      manifestSchema.safeParse(JSON.parse(readFileSync(manifest, 'utf8'))).data?.name === 'attrition-monitor'
    )
      return dir;
    if (dirname(dir) === dir) throw new Error(`attrition-monitor's package.json was not found above ${start}`);
  }
}

/** Absolute path of the project root. */
export const PROJECT_ROOT = findProjectRoot(dirname(fileURLToPath(import.meta.url)));
