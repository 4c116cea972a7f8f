import type { z } from 'zod';
import type { actionLogEntrySchema } from './actionLogSchema.js';

/** One timed action as the engine consumes it (`at` in simulated milliseconds). */
export type ActionLogEntry = z.output<typeof actionLogEntrySchema>;
