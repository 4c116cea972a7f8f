/**
 * What a responder can see that meets a severity criterion: the closed vocabulary an
 * architecture's `severities[].signs` use, so a reader without the scenario's ground truth (the
 * blind model answer, decision 0990) can apply the criteria to the log lines an alert shows.
 * Each sign is judged on the lines alone: kinds, commands, paths, sizes and whether an address
 * lies outside the organisation's networks.
 */
export const SEVERITY_SIGNS = {
  'reached-server': 'A request from outside the organisation reached one of its servers.',
  flood: 'Traffic at a flood rate (hundreds of requests a second or more).',
  commands: 'A command ran on a host (a process, a shell, an administrative API call).',
  login:
    'A login, sudo, or an account created or changed (on a host, an application, the directory).',
  enumeration:
    'A server of ours reads a directory or a data store wholesale (an anonymous bind, a full search).',
  implant: 'Code or persistence written on a host (a script, a cron entry, a changed asset).',
  'data-read': 'A bulk read of a data store (a thousand rows or more, or a dump).',
  credentials: 'Credentials taken (a directory bind that works after failed ones).',
  'data-leaves': 'A large transfer (10 MB or more) to an address outside the organisation.',
} as const;

export type SeveritySign = keyof typeof SEVERITY_SIGNS;
export const SEVERITY_SIGN_IDS = Object.keys(SEVERITY_SIGNS) as [SeveritySign, ...SeveritySign[]];
