/**
 * Runs the steps of one cycle in order, timing each and recording its outcome; tells an optional
 * listener (the terminal progress display) when a step starts and ends, and logs each step.
 */
import { log } from '../../log.ts';
import { describeError } from '../../errors.ts';
import type { StepRecord } from '../../records/run-record.ts';

/** What a progress display hears about. */
export type StepEvent =
  | { type: 'start'; name: string }
  | { type: 'end'; name: string; outcome: StepRecord['outcome']; duration_ms: number; detail?: string };

/** Records steps as they run. */
export class StepRunner {
  readonly steps: StepRecord[] = [];
  private readonly logger = log.child({ component: 'fullprocess' });

  constructor(private readonly listener?: (event: StepEvent) => void) {}

  /** Runs `work` as step `name`; `describe` turns its result into the step's detail line. */
  async run<T>(name: string, work: () => Promise<T>, describe?: (result: T) => string): Promise<T> {
    const started_at = new Date().toISOString();
    const start = performance.now();
    this.listener?.({ type: 'start', name });
    this.logger.info({ step: name }, `${name}: started`);
    try {
      const result = await work();
      const duration_ms = Math.round(performance.now() - start);
      const detail = describe?.(result);
      this.steps.push({ name, started_at, duration_ms, outcome: 'ok', ...(detail ? { detail } : {}) });
      this.listener?.({ type: 'end', name, outcome: 'ok', duration_ms, ...(detail ? { detail } : {}) });
      this.logger.info(
        { step: name, duration_ms },
        `${name}: done in ${duration_ms} ms${detail ? ` (${detail})` : ''}`,
      );
      return result;
    } catch (error) {
      const duration_ms = Math.round(performance.now() - start);
      const detail = describeError(error);
      this.steps.push({ name, started_at, duration_ms, outcome: 'failed', detail });
      this.listener?.({ type: 'end', name, outcome: 'failed', duration_ms, detail });
      this.logger.error({ step: name, duration_ms }, `${name}: failed: ${detail}`);
      throw error;
    }
  }

  /** Records a step that was not run, and why. */
  skip(name: string, why: string): void {
    this.steps.push({ name, started_at: new Date().toISOString(), duration_ms: 0, outcome: 'skipped', detail: why });
    this.listener?.({ type: 'end', name, outcome: 'skipped', duration_ms: 0, detail: why });
    this.logger.info({ step: name }, `${name}: skipped (${why})`);
  }
}
