/**
 * The score record (`latestscore.json`) and its text twin (`latestscore.txt`, the F1 score alone: the
 * seed's format): zod schema, writing and validated reading.
 */
import { z } from 'zod';
import { writeFileAtomic, writeJsonAtomic } from '../data/atomic-write.ts';
import { readJsonFile } from '../data/read-json-file.ts';
import { NotFoundError } from '../errors.ts';

const ratio = z.number().min(0).max(1);
const count = z.number().int().nonnegative();

/** Metrics of one model on one labelled data set, with what they were computed on. */
export const scoreRecordSchema = z.object({
  model_id: z.string().min(1),
  f1: ratio,
  precision: ratio,
  recall: ratio,
  accuracy: ratio,
  roc_auc: ratio.nullable(),
  confusion_matrix: z.tuple([z.tuple([count, count]), z.tuple([count, count])]),
  rows: count,
  data_file: z.string(),
  data_sha256: z.string().regex(/^[0-9a-f]{64}$/),
  scored_at: z.string(),
});

export type ScoreRecord = z.infer<typeof scoreRecordSchema>;

/** latestscore.txt's text: the F1 score alone (the seed's format). */
export function scoreText(record: ScoreRecord): string {
  return `${record.f1}\n`;
}

/** Writes latestscore.json and latestscore.txt (F1 only), each atomically. */
export async function writeScoreFiles(jsonPath: string, txtPath: string, record: ScoreRecord): Promise<void> {
  await writeJsonAtomic(jsonPath, record);
  await writeFileAtomic(txtPath, scoreText(record));
}

/** Reads and validates a latestscore.json; NotFoundError when absent, CorruptFileError when invalid. */
export async function readScoreRecord(path: string): Promise<ScoreRecord> {
  const record = await readJsonFile(path, scoreRecordSchema, 'score file');
  if (record === null) throw new NotFoundError(`${path}: no score file (run \`npm run score\`)`);
  return record;
}
