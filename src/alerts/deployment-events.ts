/**
 * The events of a deployment made outside a cycle (`npm run deploy`, `npm run rollback`): a one-off
 * alert naming the version made live and the one it replaced. Raising never fails the deployment,
 * which is done by then: a failure is logged.
 */
import type { Config } from '../config.ts';
import { dashboardLink } from './links.ts';
import { describeError } from '../errors.ts';
import { log } from '../log.ts';
import { raiseAlerts } from './raise.ts';

/** Raises `model_deployed` or `rollback` for `modelId` made live in place of `previous`. */
export async function raiseDeploymentEvent(
  config: Config,
  kind: 'model_deployed' | 'rollback',
  change: { modelId: string; previous: string | null },
): Promise<void> {
  const what = kind === 'rollback' ? 'rolled back' : 'deployed';
  const summary = `model ${change.modelId} ${what}${change.previous ? ` (${change.previous} was live)` : ''}`;
  try {
    await raiseAlerts(config, {
      judged: new Set(),
      holding: [],
      events: [
        {
          kind,
          subject: change.modelId,
          summary,
          numbers: { previous_model_id: change.previous },
          links: dashboardLink(config),
        },
      ],
      links: {},
    });
  } catch (error) {
    log.error({ err: error }, `alerts: the ${kind} event of ${change.modelId} not raised: ${describeError(error)}`);
  }
}
