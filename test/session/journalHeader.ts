import type { JournalHeader } from '../../src/session/index.js';

/** A session journal's first line, for the journal tests (the file references are not read). */
export const header: JournalHeader = {
  type: 'session',
  format: 'ttx-journal/1',
  session: 's1',
  scenario: { id: 'fe-bash-rce', file: 'scenarios/fe-bash-rce.yaml', sha256: 'a'.repeat(64) },
  architecture: { id: 'acme-ecommerce', file: 'architecture.yaml', sha256: 'b'.repeat(64) },
  seed: '7',
};
