/**
 * The registry of stat tests by name: what config.json may name in `drift.columns.<name>.test`, and
 * what the default choice picks from. Adding a test means adding its file and one line here.
 */
import type { StatTest } from './stattest.ts';
import { chiSquareTest } from './stattests/chisquare.ts';
import { jensenShannonTest } from './stattests/jensenshannon.ts';
import { ksTest } from './stattests/ks.ts';
import { psiTest } from './stattests/psi.ts';
import { wassersteinTest } from './stattests/wasserstein.ts';
import { zTest } from './stattests/z.ts';

/** Registered test names. */
export const STAT_TEST_NAMES = ['ks', 'chisquare', 'z', 'wasserstein', 'jensenshannon', 'psi'] as const;

export type StatTestName = (typeof STAT_TEST_NAMES)[number];

/** Every registered test, by name. */
export const STAT_TESTS: Readonly<Record<StatTestName, StatTest>> = {
  ks: ksTest,
  chisquare: chiSquareTest,
  z: zTest,
  wasserstein: wassersteinTest,
  jensenshannon: jensenShannonTest,
  psi: psiTest,
};
