/**
 * Step progress on a terminal: a line per step with a ticking elapsed time while it runs, then its
 * outcome, duration and detail. Off a terminal (pipes, cron) it prints nothing: the log lines say it.
 */
import type { StepEvent } from '../pipeline/cycle/step-runner.ts';

const MARKS = { ok: '✓', failed: '✗', skipped: '–' } as const;

/** A listener for StepRunner events, or undefined when stderr is not a terminal. */
export function terminalProgress(
  stream: NodeJS.WriteStream = process.stderr,
): ((event: StepEvent) => void) | undefined {
  if (!stream.isTTY) return undefined;
  let timer: NodeJS.Timeout | null = null;
  let started = 0;
  return (event) => {
    if (timer) clearInterval(timer);
    timer = null;
    if (event.type === 'start') {
      started = performance.now();
      const draw = () =>
        stream.write(`\r\x1b[2K  … ${event.name} ${((performance.now() - started) / 1000).toFixed(1)} s`);
      draw();
      timer = setInterval(draw, 100);
      timer.unref();
      return;
    }
    const detail = event.detail ? `  ${event.detail}` : '';
    stream.write(
      `\r\x1b[2K  ${MARKS[event.outcome]} ${event.name} ${(event.duration_ms / 1000).toFixed(1)} s${detail}\n`,
    );
  };
}
