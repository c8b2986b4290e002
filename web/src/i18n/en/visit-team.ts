/** The visits tab's setting: how many people a visit needs to count (rule 4). */
export const visitTeam = {
  visitTeam: {
    label: 'Minimum visit team',
    unit: 'people',
    required: 'Enter the minimum visit team size',
    help: 'A visit counts as the pairing’s visit of the quarter only when at least this many people took part (the social poverty-relief work plan sends working groups of 2–5 people each quarter, at least 4 times a year). 1–10 people; 2 by default.',
    saved: 'Minimum visit team set to {{n}} people',
  },
};
