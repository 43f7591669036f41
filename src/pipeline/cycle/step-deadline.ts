/**
 * A step's deadline: the step's work raced against a timer, so a step whose work never settles (a
 * stuck query, a hung call) fails instead of holding the cycle and its lock for good. The work cannot
 * be stopped, only abandoned; the timer is cleared as soon as either side settles.
 */

/** A step ran past its deadline. */
export class StepDeadlineError extends Error {
  constructor(step: string, deadlineMs: number) {
    super(`${step} exceeded its deadline of ${describeDuration(deadlineMs)}`);
    this.name = 'StepDeadlineError';
  }
}

/** A duration for a message: "60 min", "30 s", "120 ms". */
export function describeDuration(ms: number): string {
  if (ms >= 60_000 && ms % 60_000 === 0) return `${ms / 60_000} min`;
  if (ms >= 1000) return `${Math.round(ms / 100) / 10} s`;
  return `${Math.round(ms)} ms`;
}

/** `work`'s result, or a StepDeadlineError naming `step` when it has not settled within `deadlineMs`. */
export async function withinDeadline<T>(step: string, deadlineMs: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StepDeadlineError(step, deadlineMs)), deadlineMs);
  });
  try {
    return await Promise.race([work, expired]);
  } finally {
    clearTimeout(timer);
  }
}
