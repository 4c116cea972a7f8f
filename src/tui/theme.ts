import { createContext, useContext } from 'react';
import type { AlertSeverity } from '../model/index.js';
import type { ComponentStatus } from '../play/projections/componentStatus.js';

/** Colour names Ink understands, or undefined when colour is off (NO_COLOR). */
export type Colour = string | undefined;

export interface Theme {
  isColour: boolean;
  severity: (s: AlertSeverity | string) => Colour;
  status: (s: ComponentStatus) => Colour;
  accent: Colour;
  muted: Colour;
  good: Colour;
  bad: Colour;
  warn: Colour;
}

const SEVERITY: Record<string, string> = {
  info: 'gray',
  low: 'cyan',
  medium: 'yellow',
  high: 'red',
  critical: 'magentaBright',
  minor: 'yellow',
  major: 'red',
};

const STATUS: Record<ComponentStatus, string> = {
  normal: 'green',
  alerting: 'yellow',
  suspected: 'yellowBright',
  compromised: 'red',
  isolated: 'blue',
  degraded: 'magenta',
  'locked down': 'magentaBright',
};

/** https://no-color.org: any non-empty NO_COLOR turns colour off. */
export function colourEnabled(env: NodeJS.ProcessEnv): boolean {
  return !(env.NO_COLOR !== undefined && env.NO_COLOR !== '');
}

export function makeTheme(isColour: boolean): Theme {
  const c = (name: string): Colour => (isColour ? name : undefined);
  return {
    isColour,
    severity: (s) => c(SEVERITY[s] ?? 'white'),
    status: (s) => c(STATUS[s]),
    accent: c('cyan'),
    muted: c('gray'),
    good: c('green'),
    bad: c('red'),
    warn: c('yellow'),
  };
}

export const ThemeContext = createContext<Theme>(makeTheme(true));

export function useTheme(): Theme {
  return useContext(ThemeContext);
}
