/**
 * Cycles started through the API (`POST /runs`) in the server's process: each takes the run lock the
 * schedule takes (LockedError, a 409, while another cycle runs anywhere), runs in the background and
 * is logged when it ends; `idle()` lets a shutting-down server wait for the ones still running.
 */
import type { Config } from '../config.ts';
import { describeError } from '../errors.ts';
import { log } from '../log.ts';
import { type CycleOptions, startCycle } from '../pipeline/cycle/fullprocess.ts';

export class CycleStarter {
  private readonly running = new Set<Promise<void>>();

  constructor(
    private readonly config: Config,
    private readonly options: Omit<CycleOptions, 'trigger' | 'onStep'> = {},
  ) {}

  /** Starts a cycle now; its run id. */
  async start(): Promise<string> {
    const logger = log.child({ component: 'api-cycle' });
    const { id, finished } = await startCycle(this.config, { ...this.options, trigger: 'api' });
    const done: Promise<void> = finished
      .then(
        ({ record }) => logger.info({ run_id: id, outcome: record.outcome }, `cycle ${id}: ${record.summary}`),
        (error: unknown) => logger.error({ err: error, run_id: id }, `cycle ${id} failed: ${describeError(error)}`),
      )
      .finally(() => this.running.delete(done));
    this.running.add(done);
    return id;
  }

  /** Resolves once every cycle started here has ended. */
  async idle(): Promise<void> {
    await Promise.all([...this.running]);
  }
}
