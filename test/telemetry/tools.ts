import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** The path of an installed tool (PATH, then the sbin folders); .ci/run installs them. */
export function tool(name: string): string {
  for (const dir of (process.env.PATH ?? '').split(':').concat(['/usr/sbin', '/sbin'])) {
    if (dir && existsSync(join(dir, name))) return join(dir, name);
  }
  throw new Error(
    `${name} is not installed (apt-get install -y goaccess auditd lnav rsyslog jq; .ci/run does it)`,
  );
}
