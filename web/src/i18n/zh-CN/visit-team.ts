/** The visits tab's setting: how many people a visit needs to count (rule 4). */
export const visitTeam = {
  visitTeam: {
    label: '走访最少人数',
    unit: '人',
    required: '请填写走访最少人数',
    help: '一次走访至少有这么多人参加，才算作该结对本季度的走访（《社会扶贫专项工作方案》：每季度派出 2–5 人的工作组，全年至少 4 次）。可设 1–10 人，默认 2 人。',
    saved: '走访最少人数已改为 {{n}} 人',
  },
};
