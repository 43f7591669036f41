/**
 * Delayed labels: the truth about a scored corporation ("did it leave?"), known months after its
 * prediction, joined back to the prediction log by the caller's id. A label is kept once per
 * (id, observed_at); the storage interface mirrors the prediction log's, so a shared database backend
 * can hold both later.
 */

/** Most labels one `POST /labels` (or one call of LabelStore.add) may carry. */
export const MAX_LABELS_PER_REQUEST = 10_000;

/** One label: corporation `id` had (1) or had not (0) exited when observed at `observedAt`. */
export interface Label {
  id: string;
  exited: 0 | 1;
  /** Milliseconds since the epoch (UTC). */
  observedAt: number;
}

/** A label refused because the store holds another `exited` for the same id and time. */
export interface LabelConflict {
  id: string;
  observed_at: string;
  stored: 0 | 1;
  given: 0 | 1;
}

/** What adding labels did: each label is stored, a duplicate of a stored one, or a conflict. */
export interface LabelAddResult {
  stored: number;
  duplicates: number;
  conflicts: number;
  /** The first MAX_CONFLICTS_SHOWN conflicts (`conflicts` counts them all). */
  conflicted: LabelConflict[];
}

/** How many conflicts an add result describes one by one. */
export const MAX_CONFLICTS_SHOWN = 100;

/**
 * A label packed into one number, observed_at · 2 + exited (exact for times before the year 144,000):
 * its time and what was observed then.
 */
export function packLabel(observedAt: number, exited: 0 | 1): number {
  return observedAt * 2 + exited;
}

/** The time of a packed label. */
export function observedAtOf(packed: number): number {
  return Math.floor(packed / 2);
}

/** What a packed label observed: 1 exited, 0 stayed. */
export function exitedOf(packed: number): 0 | 1 {
  return (packed % 2) as 0 | 1;
}

/** An id's packed labels: one number, or several in ascending order. */
export type PackedLabels = number | readonly number[];

/** Every stored label, grouped by id. */
export interface LabelsById {
  /** Labels stored in all. */
  count: number;
  /** For each id, its packed labels. */
  byId: ReadonlyMap<string, PackedLabels>;
  /** Lines of the store that could not be read (a torn last line after a crash): skipped, counted. */
  skipped: number;
}

/** Where labels are kept: appended once and for all, read whole for the join. */
export interface LabelStore {
  /**
   * Stores the labels that are new, in order; a label equal to a stored one (or to an earlier one of
   * `labels`) is a duplicate, one with another `exited` for the same id and time a conflict, not applied.
   * `source` says where they came from (`api`, or a labels file's name). Durable when the promise resolves.
   */
  add(labels: readonly Label[], source: string): Promise<LabelAddResult>;
  /** Every stored label (see LabelsById). */
  read(): Promise<LabelsById>;
  /** Releases what the store holds. */
  close(): Promise<void>;
}
