/**
 * Runs the steps of one cycle in order, timing each and recording its outcome; tells an optional
 * listener (the terminal progress display) when a step starts and ends, and logs each step. Each step
 * has a deadline: work still unsettled when it passes fails the step (step-deadline.ts). As a step
 * starts it is announced to `onStepStart` (the cycle's progress file, read by /health and /metrics).
 */
import { log } from '../../log.ts';
import { describeError } from '../../errors.ts';
import type { StepStart } from '../../records/cycle-progress-file.ts';
import type { StepRecord } from '../../records/run-record.ts';
import { withinDeadline } from './step-deadline.ts';

/** What a progress display hears about. */
export type StepEvent =
  | { type: 'start'; name: string }
  | { type: 'end'; name: string; outcome: StepRecord['outcome']; duration_ms: number; detail?: string };

/** How steps are run. */
export interface StepRunnerOptions {
  /** How long one step may run (ms) before it fails. */
  deadlineMs: number;
  /** Progress display (terminal). */
  listener?: (event: StepEvent) => void;
  /** Records each step as it starts (its failure is logged, never fails the step). */
  onStepStart?: (start: StepStart) => Promise<void>;
}

/** Records steps as they run. */
export class StepRunner {
  readonly steps: StepRecord[] = [];
  private readonly logger = log.child({ component: 'fullprocess' });

  constructor(private readonly options: StepRunnerOptions) {}

  /** Runs `work` as step `name`; `describe` turns its result into the step's detail line. */
  async run<T>(name: string, work: () => Promise<T>, describe?: (result: T) => string): Promise<T> {
    const startDate = new Date();
    const started_at = startDate.toISOString();
    const start = performance.now();
    this.options.listener?.({ type: 'start', name });
    this.logger.info({ step: name }, `${name}: started`);
    const deadline_at = new Date(startDate.getTime() + this.options.deadlineMs).toISOString();
    try {
      const result = await withinDeadline(
        name,
        this.options.deadlineMs,
        this.announce({ step: name, step_started_at: started_at, step_deadline_at: deadline_at }).then(() => work()),
      );
      const duration_ms = Math.round(performance.now() - start);
      const detail = describe?.(result);
      this.steps.push({ name, started_at, duration_ms, outcome: 'ok', ...(detail ? { detail } : {}) });
      this.options.listener?.({ type: 'end', name, outcome: 'ok', duration_ms, ...(detail ? { detail } : {}) });
      this.logger.info(
        { step: name, duration_ms },
        `${name}: done in ${duration_ms} ms${detail ? ` (${detail})` : ''}`,
      );
      return result;
    } catch (error) {
      const duration_ms = Math.round(performance.now() - start);
      const detail = describeError(error);
      this.steps.push({ name, started_at, duration_ms, outcome: 'failed', detail });
      this.options.listener?.({ type: 'end', name, outcome: 'failed', duration_ms, detail });
      this.logger.error({ step: name, duration_ms }, `${name}: failed: ${detail}`);
      throw error;
    }
  }

  /** Tells `onStepStart` that a step starts; a failure to record it is logged. */
  private async announce(start: StepStart): Promise<void> {
    try {
      await this.options.onStepStart?.(start);
    } catch (error) {
      this.logger.warn({ step: start.step }, `${start.step}: progress not recorded: ${describeError(error)}`);
    }
  }

  /** Records a step that was not run, and why. */
  skip(name: string, why: string): void {
    this.steps.push({ name, started_at: new Date().toISOString(), duration_ms: 0, outcome: 'skipped', detail: why });
    this.options.listener?.({ type: 'end', name, outcome: 'skipped', duration_ms: 0, detail: why });
    this.logger.info({ step: name }, `${name}: skipped (${why})`);
  }
}
