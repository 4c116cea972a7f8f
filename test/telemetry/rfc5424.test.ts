import { describe, expect, it } from 'vitest';
import { toSyslog } from '../../src/telemetry/index.js';
import { HOUR, noResponse, plainScenario, telemetryFor } from './helpers.js';

// RFC 5424 section 6 ABNF, transcribed: HEADER SP STRUCTURED-DATA [SP MSG].
const PRINTUS = '[\\x21-\\x7e]';
const NAME = '[\\x21-\\x7e&&[^=\\] "]]';
const SD_NAME = '[!#-<>-\\\\^-~]{1,32}'; // PRINTUSASCII except '=', SP, ']', '"'
const PARAM = `${SD_NAME}="(?:[^"\\\\\\]]|\\\\["\\\\\\]])*"`;
const ELEMENT = `\\[${SD_NAME}(?: ${PARAM})*\\]`;
const TIMESTAMP =
  '\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(?:\\.\\d{1,6})?(?:Z|[+-]\\d\\d:\\d\\d)';
const RFC5424 = new RegExp(
  `^<(\\d{1,3})>1 (${TIMESTAMP}|-) (${PRINTUS}{1,255}) (${PRINTUS}{1,48}) (${PRINTUS}{1,128}) (${PRINTUS}{1,32}) (-|(?:${ELEMENT})+)(?: (.*))?$`,
  's',
);
void NAME;

export function parseRfc5424(line: string) {
  const m = RFC5424.exec(line);
  if (!m) return undefined;
  const pri = Number(m[1]);
  if (pri > 191) return undefined;
  return {
    facility: pri >> 3,
    severity: pri & 7,
    timestamp: m[2]!,
    host: m[3]!,
    app: m[4]!,
    procId: m[5]!,
    msgId: m[6]!,
    sd: m[7]!,
    msg: m[8] ?? '',
  };
}

describe('RFC 5424', () => {
  it('the parser accepts the RFC’s examples and rejects BSD syslog', () => {
    expect(
      parseRfc5424(
        "<34>1 2003-10-11T22:14:15.003Z mymachine.example.com su - ID47 - BOM'su root' failed for lonvick on /dev/pts/8",
      ),
    ).toMatchObject({ facility: 4, severity: 2, app: 'su', msgId: 'ID47' });
    expect(
      parseRfc5424(
        '<165>1 2003-10-11T22:14:15.003000-07:00 192.0.2.1 myproc 8710 - [exampleSDID@32473 iut="3" eventSource="Application" eventID="1011"] An application event',
      ),
    ).toMatchObject({ sd: '[exampleSDID@32473 iut="3" eventSource="Application" eventID="1011"]' });
    expect(parseRfc5424('<34>Oct 11 22:14:15 mymachine su: failed')).toBeUndefined();
    expect(parseRfc5424('<34>1 2003-10-11T22:14:15Z host app - - [bad sd')).toBeUndefined();
  });

  it('every firewall line and every streamed line is RFC 5424', () => {
    const scenario = plainScenario();
    const drill = noResponse(scenario);
    const t = telemetryFor(scenario, 7);
    const lines = t.window(0, 2 * HOUR, {}, drill);
    const firewall = lines.filter((l) => l.source === 'firewall');
    expect(firewall.length).toBeGreaterThan(100);
    // One expect per check over the lines (one per line cost more than the lines did).
    const sd = /^\[fw@32473 action="(accept|drop)" rule="[a-z-]+"\]$/;
    const wrongFirewall = firewall.filter((l) => {
      const p = parseRfc5424(l.text);
      return !p || p.host !== l.component.toLowerCase() || !sd.test(p.sd);
    });
    expect(wrongFirewall.map((l) => l.text)).toEqual([]);
    const sources = new Set<string>();
    const notSyslog: string[] = [];
    for (const l of lines) {
      if (l.source === 'inject') continue;
      const p = parseRfc5424(toSyslog(l, t.world.epoch0));
      if (p) sources.add(p.app);
      else notSyslog.push(l.text);
    }
    expect(notSyslog).toEqual([]);
    expect(sources.size).toBeGreaterThan(10);
  });
});
