/**
 * What the drift-share bar charts (per cycle and per production chunk) share: the verdict a bar shows,
 * the y encoding of the drifted share (0 to 100 %) and the colour encoding of the verdict (red for
 * dataset drift). The encodings read the `share_drifted` and `verdict` fields of each datum.
 */
import { CYCLE_COLORS } from './cycle-axis.ts';
import { PALETTE } from './theme.ts';

const VERDICTS = ['dataset drift', 'no dataset drift'] as const;

/** The verdict a bar is coloured and labelled by. */
export function driftVerdict(datasetDrift: boolean): (typeof VERDICTS)[number] {
  return datasetDrift ? VERDICTS[0] : VERDICTS[1];
}

/** The y encoding of the drifted share in [0, 1], as a percentage; `title` names what drifted ("columns drifted"). */
export function driftShareYEncoding(title: string) {
  return {
    field: 'share_drifted',
    type: 'quantitative' as const,
    title,
    scale: { domain: [0, 1] },
    axis: { format: '.0%', tickCount: 4 },
  };
}

/** The colour encoding of the verdict, with its legend on top. */
export function driftVerdictColorEncoding() {
  return {
    field: 'verdict',
    type: 'nominal' as const,
    scale: { domain: [...VERDICTS], range: [CYCLE_COLORS.drifted, PALETTE.reference] },
    legend: { orient: 'top' as const, direction: 'horizontal' as const },
  };
}
