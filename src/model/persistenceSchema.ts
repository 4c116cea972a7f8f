import { z } from 'zod';
import { durationSchema, idSchema, textSchema } from './common.js';
import { conditionSchema } from './conditionSchema.js';

/*
 * What the attacker leaves behind and how it reaches its position, as data (decision 0960):
 * artefacts and exposed secrets are drill state that survives containment, access is what
 * containment has to cut.
 */

/** Kinds of persistence artefact; the kind decides which console command shows it. */
export const ARTEFACT_KINDS = [
  'web-shell',
  'cron',
  'ssh-key',
  'account',
  'gateway-plugin',
  'db-backdoor',
  'script',
] as const;
export type ArtefactKind = (typeof ARTEFACT_KINDS)[number];

/** Default wait before an attacker comes back through a leftover artefact or secret. */
export const DEFAULT_REENTRY_AFTER = 30 * 60_000;

const reentry = {
  /** The attacker state it brings the attacker back to (default: the state that left it). */
  reentry: idSchema.optional(),
  /** How long after its way back opens the attacker uses it. */
  after: durationSchema.default(DEFAULT_REENTRY_AFTER),
  /** The attacker state's evidence item (by id) that shows it in the logs or on the console. */
  evidence: idSchema.optional(),
  description: textSchema.optional(),
};

/** Exactly one of the naming keys: it is the indicator the trainee must name to act on it. */
function oneName<T extends Record<string, unknown>>(keys: readonly (keyof T & string)[]) {
  return (item: T, ctx: z.RefinementCtx) => {
    const named = keys.filter((k) => item[k] !== undefined);
    if (named.length !== 1)
      ctx.addIssue({
        code: 'custom',
        message:
          named.length === 0
            ? `expected one of ${keys.join(', ')}: the indicator the trainee names to act on it`
            : `expected one of ${keys.join(', ')}, found ${named.join(' and ')}`,
      });
  };
}

export const artefactSchema = z
  .strictObject({
    id: idSchema,
    kind: z.enum(ARTEFACT_KINDS),
    /** The component it lives on. */
    on: idSchema,
    /** A file artefact (web shell, cron file, authorized_keys, script): its path on the host. */
    path: z.string().min(1).max(400).optional(),
    /** An account artefact (a backdoor user in LDAP, the CMS or the database): its name. */
    account: z.string().min(1).max(120).optional(),
    /** Anything else (a gateway plugin, a database trigger): the name it is listed under. */
    name: z.string().min(1).max(200).optional(),
    /** Placed this long before T+0 (a compromise that predates the drill): backups older than that are clean. */
    placed_before_start: durationSchema.optional(),
    ...reentry,
  })
  .superRefine(oneName(['path', 'account', 'name']));

export const SECRET_KINDS = ['ssh-key', 'password', 'api-key', 'token'] as const;

export const secretSchema = z
  .strictObject({
    id: idSchema,
    kind: z.enum(SECRET_KINDS),
    /** The account the secret belongs to (what `rotate-secret` names). */
    account: z.string().min(1).max(120).optional(),
    /** Or the key's or token's name. */
    name: z.string().min(1).max(200).optional(),
    /** Components where the secret opens a door until it is rotated. */
    works_on: z.array(idSchema).min(1),
    ...reentry,
  })
  .superRefine(oneName(['account', 'name']));

export const ACCESS_VIAS = [
  'inbound-http',
  'reverse-shell',
  'dns',
  'ssh',
  'credential',
  'session',
] as const;
export type AccessVia = (typeof ACCESS_VIAS)[number];

/**
 * One way the attacker holds its position in a state. Contained means every access of the
 * current state is cut: inbound traffic by an isolation of `to`, a lockdown, or a block of the
 * attacker's address on a device on its path; outbound channels (reverse shell, DNS) by the
 * isolation or rebuild of `from` or a block on its way out (never by a lockdown, which is
 * inbound only); `ssh` and `credential` also by rotating `secret`. A `session` is an interactive
 * login already open on `to` (from the internet, or from `from`): a lockdown or a block on its path
 * drops it while in force; an isolation or wipe of `to` ends it for good (the attacker needs a way
 * back: a password, a key); a password change does not end it.
 */
export const accessSchema = z.strictObject({
  via: z.enum(ACCESS_VIAS),
  /** The host the channel starts on (an implant calling out, an SSH hop from a foothold). */
  from: idSchema.optional(),
  /** The host the attacker reaches (inbound requests, SSH, a credential's login). */
  to: idSchema.optional(),
  port: z.number().int().min(1).max(65_535).optional(),
  /** The exposed secret (`exposes` id) the access logs in with. */
  secret: idSchema.optional(),
  /** The process that carries it on its host (`from`, else `to`), as the console shows it: `kill-process` naming it there cuts the access until the attacker re-enters. */
  process: z.string().min(1).max(200).optional(),
  /** The artefact (`leaves` id) it goes through: removing or wiping it cuts the access. */
  artefact: idSchema.optional(),
  /** It is also cut while this holds (a patch, a WAF rule, a scenario flag such as a restricted firewall). */
  unless: conditionSchema.optional(),
});

/** How the attacker spreads to siblings that share a vulnerability (scoping). */
export const spreadSchema = z.strictObject({
  /** Once this component is compromised... */
  from: idSchema,
  /** ...these are compromised `after` later, unless patched or isolated by then. */
  to: z.array(idSchema).min(1),
  /** The architecture vulnerability they share (`vulnerabilities[].id`). */
  vulnerability: idSchema,
  after: durationSchema.default(40 * 60_000),
  /** Spread only once the attacker has reached this state. */
  state: idSchema.optional(),
  /** Not while this holds at its time (a WAF rule that stops the exploit everywhere). */
  unless: conditionSchema.optional(),
  /** How many times the attacker tries (default once): a sibling it could not take is tried again... */
  attempts: z.number().int().min(1).max(20).default(1),
  /** ...this long after the last attempt (default: `after`). */
  every: durationSchema.optional(),
});

/** A backup of the scenario story that holds the attacker's work (ransomware deletes or encrypts it). */
export const compromisedBackupSchema = z.strictObject({
  /** The architecture backup (`backups[].id`). */
  backup: idSchema,
  /** Its points taken from this long before T+0 on hold the attacker's work (restoring one is not clean). */
  from: durationSchema.optional(),
  /** Once the attacker reaches this state, the backup's points are gone (deleted or encrypted). */
  state: idSchema.optional(),
});

export type ArtefactSpec = z.infer<typeof artefactSchema>;
export type SecretSpec = z.infer<typeof secretSchema>;
export type AccessSpec = z.infer<typeof accessSchema>;
export type SpreadSpec = z.infer<typeof spreadSchema>;

/** The indicator the trainee names to act on an artefact or a secret. */
export function indicatorOf(item: {
  path?: string | undefined;
  account?: string | undefined;
  name?: string | undefined;
}): string {
  return item.path ?? item.account ?? item.name ?? '';
}
