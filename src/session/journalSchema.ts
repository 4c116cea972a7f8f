import { z } from 'zod';
import { actionLogEntrySchema } from '../model/index.js';

/*
 * Every line of a session journal (`ttx-journal/1`), checked on reading: a line that does not
 * fit is damage (or a foreign file) and is reported at file:line, never guessed at.
 */

const name = z.string().max(200);
const fileRef = z.strictObject({
  id: z.string().max(200),
  file: z.string().max(4096),
  sha256: z.string().max(128),
});
const wall = z.string().max(64).optional();
const at = z.number().int().min(0);

export const journalHeaderSchema = z.strictObject({
  type: z.literal('session'),
  format: z.literal('ttx-journal/1'),
  /** Unique per session (chosen by the shell). */
  session: z.string().max(200),
  scenario: fileRef,
  architecture: fileRef,
  seed: z.string().max(64),
  code: z.string().max(120).optional(),
  /** Who played: the trainee of `ttx play`/`run --trainee`. */
  trainee: name.optional(),
  team: z
    .strictObject({
      name,
      participants: z.array(z.strictObject({ name, role: name })).max(50),
    })
    .optional(),
  mode: z.enum(['realtime', 'turn-based']).optional(),
  /** Which shell wrote it: `ttx play`, `ttx workshop` or a headless `ttx run`. */
  view: z.enum(['play', 'workshop', 'run']).optional(),
  /** Wall-clock start, for the audit trail only; replay never reads it. */
  startedAt: wall,
});

export const journalLineSchema = z.discriminatedUnion('type', [
  journalHeaderSchema,
  actionLogEntrySchema.extend({ type: z.literal('action'), at, wall }),
  z.strictObject({ type: z.literal('clock'), at, wall }),
  /** The trainee acknowledged an alert: view state, kept so a resumed screen shows it again. */
  z.strictObject({ type: z.literal('ack'), inject: z.string().max(200), at, wall }),
  /** A room control this team has applied (by its sequence number in the room's journal). */
  z.strictObject({ type: z.literal('room-control'), seq: z.number().int().min(0), wall }),
  z.strictObject({ type: z.literal('end'), at, wall, results: z.string().max(4096).optional() }),
]);

export type JournalHeader = z.infer<typeof journalHeaderSchema>;
export type JournalLine = z.infer<typeof journalLineSchema>;
