/**
 * NIST CSF 2.0 and the incident response model of NIST SP 800-61r3 (2025): the CSF 2.0 categories
 * a plan step or a coach phase maps to, and the four parts of the r3 response life cycle the
 * source text's plan steps fall in. SP 800-61r3 places incident response in the CSF's Detect,
 * Respond and Recover functions, with lessons learned feeding Improvement (ID.IM), and the rest
 * (Govern, Identify, Protect) as preparation.
 * https://csrc.nist.gov/pubs/sp/800/61/r3/final, https://www.nist.gov/cyberframework
 */

/** The CSF 2.0 categories (22), by id. */
export const CSF_CATEGORIES = {
  'GV.OC': 'Organizational Context',
  'GV.RM': 'Risk Management Strategy',
  'GV.RR': 'Roles, Responsibilities, and Authorities',
  'GV.PO': 'Policy',
  'GV.OV': 'Oversight',
  'GV.SC': 'Cybersecurity Supply Chain Risk Management',
  'ID.AM': 'Asset Management',
  'ID.RA': 'Risk Assessment',
  'ID.IM': 'Improvement',
  'PR.AA': 'Identity Management, Authentication, and Access Control',
  'PR.AT': 'Awareness and Training',
  'PR.DS': 'Data Security',
  'PR.PS': 'Platform Security',
  'PR.IR': 'Technology Infrastructure Resilience',
  'DE.CM': 'Continuous Monitoring',
  'DE.AE': 'Adverse Event Analysis',
  'RS.MA': 'Incident Management',
  'RS.AN': 'Incident Analysis',
  'RS.CO': 'Incident Response Reporting and Communication',
  'RS.MI': 'Incident Mitigation',
  'RC.RP': 'Incident Recovery Plan Execution',
  'RC.CO': 'Incident Recovery Communication',
} as const;

export type CsfCategory = keyof typeof CSF_CATEGORIES;
export const CSF_CATEGORY_IDS = Object.keys(CSF_CATEGORIES) as [CsfCategory, ...CsfCategory[]];

/** Where a plan step sits in SP 800-61r3's response life cycle. */
export const RESPONSE_FUNCTIONS = ['detect', 'respond', 'recover', 'improve'] as const;
export type ResponseFunction = (typeof RESPONSE_FUNCTIONS)[number];

/**
 * The coach's phases (the SP 800-61r2 life cycle the hints were written for) as SP 800-61r3 and
 * CSF 2.0 read them. Preparation is outside the response functions (Govern, Identify, Protect).
 */
export const COACH_PHASE_CSF = {
  preparation: { function: 'prepare', csf: ['GV.RR', 'ID.RA', 'PR.AT'] },
  detection: { function: 'detect', csf: ['DE.AE', 'RS.MA', 'RS.AN'] },
  containment: { function: 'respond', csf: ['RS.MA', 'RS.MI', 'RS.CO'] },
  eradication: { function: 'recover', csf: ['RS.MI', 'RC.RP', 'RC.CO'] },
  'post-incident': { function: 'improve', csf: ['ID.IM'] },
} as const satisfies Record<string, { function: string; csf: readonly CsfCategory[] }>;
