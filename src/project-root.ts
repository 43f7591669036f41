/**
 * The folder of attrition-monitor's own package.json (where `npm outdated` must run), found from this
 * module's location so it does not depend on the working directory.
 */
import { fileURLToPath } from 'node:url';

/** Absolute path of the project root. */
export const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));
