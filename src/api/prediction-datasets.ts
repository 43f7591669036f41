/**
 * The data sets /prediction's dataset_path names, parsed once per version of each file. A file's rows
 * (or the reason it cannot be used) are kept in a FileValueCache under the name and the file's identity.
 * A request for a plain file whose identity still matches is answered from memory after one lstat
 * (see plainFileIdentity); any other request goes through openDataFile's checks and, on a miss, reads
 * the checked handle. The answers and errors are the ones reading the file every time gives.
 *
 * When the prediction log is on, each row's id (the file's corporation column) is kept too, as the log
 * keeps it (log-ids.ts: cut to MAX_ID_LENGTH characters; null when the file has no id at all), and
 * weighed in the cache's budget.
 *
 * A file larger than `maxFileBytes` (server.dataset_max_bytes) is a 413, told by the size of the
 * opened handle before anything is read, and no more than that many bytes are read should it grow
 * meanwhile (a 100 MB file took 1 GB of memory; 500 MB failed with `Invalid string length`). Errors name
 * the file as `<folder name>/<file>` (`testdata/x.csv`), never by its absolute path.
 */
import { readDatasetFile } from '../data/read-dataset.ts';
import { NUMERIC_COLUMNS, type Dataset, type NumericColumn } from '../data/schema.ts';
import { AppError, DataError } from '../errors.ts';
import { FileValueCache } from './file-value-cache.ts';
import { logIds, type LogIds } from './log-ids.ts';
import { openDataFile, plainFileIdentity, type DataFile } from './safe-data-path.ts';

/** Where the files are, how answers name them and what they may take. */
export interface PredictionDatasetsOptions {
  /** The folder whose CSV files may be named. */
  folder: string;
  /** How answers name that folder (project-paths.ts: `testdata`). */
  folderName: string;
  /** Memory for the parsed files kept (least recently used dropped first). */
  cacheBytes: number;
  /** Largest file read (a 413 above). */
  maxFileBytes: number;
  /** Keep each row's id (when the prediction log is on). */
  keepIds?: boolean;
}

/** A 413: the named file is larger than server.dataset_max_bytes. */
export class DatasetTooLargeError extends AppError {
  constructor(shownPath: string, found: string, maxBytes: number) {
    super(413, `${shownPath}: ${found}, above the limit of ${maxBytes} bytes (server.dataset_max_bytes)`);
  }
}

/** A file's rows and their ids (null unless kept and present). */
export interface DatasetRows {
  dataset: Dataset;
  ids: LogIds;
}

/** A file's rows, or what makes it unusable (the message, given the name the client used). */
type Content = DatasetRows | { problem: (name: string) => string };

/** A data file that passed the checks: its rows on demand. Close it when done. */
export interface DatasetSource {
  /** The rows; DataError when the file has rejected rows or no valid row. */
  rows(): Promise<DatasetRows>;
  close(): void;
}

/** Bytes an entry takes besides its columns or message (objects, key, map slot), rounded up. */
const ENTRY_OVERHEAD = 1024;

/** Bytes an id takes besides its characters (string header, array slot), rounded up. */
const ID_OVERHEAD = 32;

/** Bytes of an array slot (a null id). */
const SLOT_BYTES = 8;

/** Its rows in columns of their own length (a loaded data set's columns are views of larger arrays). */
function compact(dataset: Dataset): Dataset {
  const columns = Object.fromEntries(
    NUMERIC_COLUMNS.map((column) => [column, dataset.columns[column].slice()]),
  ) as Record<NumericColumn, Float64Array>;
  return { rows: dataset.rows, columns };
}

/** The memory ids hold: two bytes per character (as if none fitted in one byte) and each one's overhead. */
function idsWeight(ids: LogIds): number {
  if (ids === null) return 0;
  let bytes = 0;
  for (const id of ids) bytes += id === null ? SLOT_BYTES : ID_OVERHEAD + 2 * id.length;
  return bytes;
}

/** The memory `content` kept under `name` holds, as the cache weighs it. */
function weight(content: Content, name: string): number {
  const held =
    'dataset' in content
      ? content.dataset.rows * NUMERIC_COLUMNS.length * Float64Array.BYTES_PER_ELEMENT + idsWeight(content.ids)
      : 2 * content.problem('').length;
  return ENTRY_OVERHEAD + 2 * name.length + held;
}

/**
 * Reads `file`, named `shownPath` in errors: its rows (and ids when `keepIds`), or the problem with them
 * (other errors, such as I/O errors or the file growing past `maxBytes` while read, are thrown).
 */
async function readContent(file: DataFile, shownPath: string, keepIds: boolean, maxBytes: number): Promise<Content> {
  try {
    const { dataset, files, ids } = await readDatasetFile(shownPath, file.readPath, { ids: keepIds, maxBytes });
    const report = files[0];
    if (report && report.bytes > maxBytes)
      throw new DatasetTooLargeError(shownPath, 'grew while it was read', maxBytes);
    if (report && (report.skipped || report.rowsRejected > 0)) {
      const first = report.rejects[0];
      const problem =
        report.skipped ??
        `${report.rowsRejected} rows rejected (first: line ${first?.line}, column ${first?.column}: ${first?.reason})`;
      return { problem: (name) => `${name}: ${problem}` };
    }
    return { dataset: compact(dataset), ids: ids ? logIds(ids) : null };
  } catch (error) {
    if (!(error instanceof DataError)) throw error;
    return { problem: () => error.message };
  }
}

function unpack(content: Content, name: string): DatasetRows {
  if ('problem' in content) throw new DataError(content.problem(name));
  return content;
}

/** The CSV files of one folder by name, their rows (and ids when `keepIds`) cached within a byte budget. */
export class PredictionDatasets {
  private readonly cache: FileValueCache<Content>;

  constructor(private readonly options: PredictionDatasetsOptions) {
    this.cache = new FileValueCache(options.cacheBytes);
  }

  /**
   * File `name` of the folder; throws UnsafePathError or NotFoundError (see openDataFile), or
   * DatasetTooLargeError. A file kept in memory was no larger than the limit (its size is part of its identity).
   */
  source(name: string): DatasetSource {
    const { folder, maxFileBytes } = this.options;
    const identity = plainFileIdentity(folder, name);
    const cached = identity && this.cache.get(name, identity);
    if (cached) return { rows: async () => unpack(cached, name), close: () => {} };
    const file = openDataFile(folder, name);
    if (file.identity.size > maxFileBytes) {
      file.close();
      throw new DatasetTooLargeError(this.shownPath(name), `${file.identity.size} bytes`, maxFileBytes);
    }
    return { rows: () => this.read(file, name), close: () => file.close() };
  }

  /** How errors name file `name`: inside the folder's name, as config.json names it. */
  private shownPath(name: string): string {
    return `${this.options.folderName}/${name}`;
  }

  private async read(file: DataFile, name: string): Promise<DatasetRows> {
    let content = this.cache.get(name, file.identity);
    if (content === undefined) {
      const { keepIds = false, maxFileBytes } = this.options;
      content = await readContent(file, this.shownPath(name), keepIds, maxFileBytes);
      this.cache.set(name, file.identity, content, weight(content, name));
    }
    return unpack(content, name);
  }
}
