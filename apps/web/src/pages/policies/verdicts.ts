export const VERDICTS = ['covers', 'exceeds', 'partial', 'missing', 'not-applicable', 'unassessed'] as const;
export type Verdict = (typeof VERDICTS)[number];
export const VERDICT_COLOR: Record<Verdict, string> = {
  covers: 'green',
  exceeds: 'teal',
  partial: 'yellow',
  missing: 'red',
  'not-applicable': 'gray',
  unassessed: 'violet',
};
export const SPECIES_GROUPS = [
  'elephant',
  'rhino',
  'pangolin',
  'big-cat',
  'bear',
  'marine-turtle',
  'primate',
  'bird',
  'reptile',
];
