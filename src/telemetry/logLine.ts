import type { SimMs } from '../model/index.js';

/** One line of a component's log stream, as a trainee would read it. */
export interface LogLine {
  /** Simulated time of the line. */
  t: SimMs;
  /** The component whose log it is (FEServ1, WAF1, ...). */
  component: string;
  /** The log within the component: `nginx-access`, `auditd`, `eve`, `inject`, ... */
  source: string;
  text: string;
  /** Ground truth for scoring and authoring views; never shown to trainees during a drill. */
  malicious: boolean;
}
