/**
 * The demo's helpers (帮扶责任人 / 帮扶队员): three for each of a programme's first paired organizations, so
 * the organization page lists them, the pairings carry a team and the demo visits say who went.
 * The phone numbers are made up (138 0000 …) and shown only in the console.
 */
export const DEMO_HELPERS_PER_ORG = 3;
export const DEMO_HELPER_ORGS = 4;

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙'];
const GIVEN = ['建国', '海燕', '志强', '丽华', '文斌', '秀英', '明亮', '春梅', '德胜', '晓红', '国庆', '玉兰'];

/** The i-th organization's helpers: a 帮扶责任人 and two 帮扶队员. */
export function demoHelpers(orgIndex: number): { name: string; role: string; phone: string }[] {
  return Array.from({ length: DEMO_HELPERS_PER_ORG }, (_, j) => {
    const k = orgIndex * DEMO_HELPERS_PER_ORG + j;
    return {
      name: `${SURNAMES[k % SURNAMES.length]}${GIVEN[(k * 5) % GIVEN.length]}`,
      role: j === 0 ? '帮扶责任人' : '帮扶队员',
      phone: `138000${String(10_000 + k).slice(-5)}`,
    };
  });
}
