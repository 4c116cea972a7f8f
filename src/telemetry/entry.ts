/** A rendered line before it is attributed to its stream: simulated time, text, ground truth. */
export interface Entry {
  t: number;
  text: string;
  malicious: boolean;
}
