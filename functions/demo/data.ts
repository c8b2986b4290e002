import type { SchemeInput } from '../../shared/schemas/assessments.js';
import { withCheckChar } from '../../shared/credit-code.js';
import type { OrganizationInput } from '../../shared/schemas/organizations.js';
import type { ProduceInput } from '../../shared/schemas/produce.js';
import type { VillageInput } from '../../shared/schemas/villages.js';

/**
 * Demo programmes from the seeds: Qingshui (seed 004, 清民发〔2020〕103号: six supervised villages,
 * sixteen social organizations in six groups) and Anhua (seed 002: the villages of the CPPCC's 2018
 * plan). Households, phones and credit codes are invented: the codes are valid (right check
 * character) and plainly fictional (a run of zeros where the registration number would be).
 */
export const DEMO_PASSWORD = 'demo-pass-2026';

type DemoVillage = VillageInput & { key: string };
type DemoOrg = OrganizationInput & { key: string };
type Group = { village: string; orgs: string[] };
/** A listing a paired organization puts in the shop (消费扶贫), published, so the shop has goods. */
export type DemoProduce = Omit<ProduceInput, 'villageId' | 'photos' | 'status'> & {
  village: string;
  org: string;
  /** its photos: files under functions/demo/photos/ (made by generate.ts), uploaded as a seller would */
  photos?: string[];
};

const socialOrgCode = (n: number) => withCheckChar(`52620521000000${String(n).padStart(3, '0')}`);
const enterpriseCode = (n: number) => withCheckChar(`91430923000000${String(n).padStart(3, '0')}`);
const socialOrgCodeAnhua = (n: number) => withCheckChar(`51430923000000${String(n).padStart(3, '0')}`);
const institutionCode = (n: number) => withCheckChar(`11430923000000${String(n).padStart(3, '0')}`);

const qsVillage = (
  key: string,
  name: string,
  township: string,
  households: number,
  population: number,
  poor: number,
  needs: VillageInput['needs'],
): DemoVillage => ({
  key,
  name,
  township,
  county: '清水县',
  households,
  population,
  poorHouseholds: poor,
  status: 'unlifted',
  supervised: true,
  needs,
  registeredOn: '2020-05-06',
});

export const QINGSHUI = {
  tenant: { slug: 'qingshui', name: '清水县民政局', region: '甘肃省天水市清水县' },
  /** seed 003 数据清洗: 评定成绩将列入年终千分制考核 — a 1,000-point scheme, data quality in it */
  assessmentScheme: {
    name: '社会扶贫年终考核（千分制）',
    totalPoints: 1000,
    criteria: [
      { id: 'reports', name: '周报按时报送率', points: 200, source: 'reports_on_time' },
      { id: 'visits', name: '季度走访（工作组不少于 2 人）', points: 200, source: 'visits' },
      { id: 'money', name: '帮扶资金、物资投入（10 万元满分）', points: 200, targetFen: 10_000_000, source: 'donations' },
      { id: 'buy', name: '消费帮扶完成承诺', points: 150, source: 'consumption' },
      { id: 'needs', name: '需求对接：认领的村级需求完成率', points: 50, source: 'needs_met' },
      { id: 'quality', name: '数据清洗：台账数据质量', points: 100, source: 'data_quality' },
      { id: 'effect', name: '帮扶成效与群众满意度（评审）', points: 100, source: 'manual' },
    ],
    vetoes: [
      { id: 'fraud', name: '虚报、瞒报帮扶数据' },
      { id: 'discipline', name: '发生违反廉洁纪律问题' },
    ],
  } satisfies SchemeInput,
  villages: [
    qsVillage('gaoqiao', '高桥村', '山门镇', 312, 1296, 47, ['industry', 'employment', 'education']),
    qsVillage('liwan', '梨湾村', '白驼镇', 268, 1107, 52, ['sales', 'education', 'infrastructure']),
    qsVillage('shigou', '史沟村', '山门镇', 195, 804, 38, ['education', 'medical']),
    qsVillage('yaotao', '腰套村', '山门镇', 231, 962, 41, ['medical', 'housing']),
    qsVillage('maichi', '麦池村', '秦亭镇', 287, 1203, 55, ['education', 'sales']),
    qsVillage('meijiang', '梅江村', '贾川乡', 246, 1015, 44, ['industry', 'employment', 'sales']),
  ],
  orgs: [
    '清水县智远职业技能培训学校',
    '清水县永鑫智远技能培训学校',
    '清水县涛源培训学校',
    '清水县永清镇育苗幼儿园',
    '清水县永清镇德隆育苗幼儿园',
    '清水县科博职业技能培训学校',
    '清水县新科技职业技能培训学校',
    '清水县“一对一献爱心”贫困儿童资助协会',
    '清水县老年养护院',
    '清水县永清镇蓓蕾幼儿园',
    '清水县永清镇七色光幼儿园',
    '清水县永清镇小精灵幼儿园',
    '清水县永清镇文曦幼儿园',
    '清水县清雄安保培训学校',
    '清水县蜜蜂产业协会',
    '清水县宏远职业技能培训学校',
  ].map((name, i): DemoOrg => ({
    key: `q${i + 1}`,
    name,
    kind: 'social_org',
    creditCode: socialOrgCode(i + 1),
    contactName: `联系人${i + 1}`,
    contactPhone: `1390938${String(i + 1).padStart(4, '0')}`,
    address: '甘肃省天水市清水县',
  })),
  /** seed 004 四、人员分工: the six groups */
  groups: [
    { village: 'gaoqiao', orgs: ['q1', 'q2', 'q3'] },
    { village: 'liwan', orgs: ['q4', 'q5', 'q6', 'q7'] },
    { village: 'shigou', orgs: ['q8'] },
    { village: 'yaotao', orgs: ['q9'] },
    { village: 'maichi', orgs: ['q10', 'q11', 'q12', 'q13'] },
    { village: 'meijiang', orgs: ['q14', 'q15', 'q16'] },
  ] as Group[],
  pairingStart: '2020-05-12',
  produce: [
    {
      village: 'liwan',
      org: 'q4',
      name: '梨湾村花牛苹果 10 斤装',
      photos: ['apples.jpg'],
      category: 'fruit',
      unit: '箱',
      priceFen: 6800,
      stock: 40,
      kind: 'product',
      description: '白驼镇梨湾村山地果园，霜降后采摘，产地直发。',
      origin: { kind: 'cooperative', name: '清水县梨湾村果品专业合作社' },
    },
    {
      village: 'meijiang',
      org: 'q15',
      name: '梅江村百花土蜂蜜 500g',
      photos: ['honey.jpg'],
      category: 'honey',
      unit: '瓶',
      priceFen: 4200,
      stock: 25,
      kind: 'product',
      description: '中华蜂百花蜜，一年一取，脱贫户自养。',
      origin: { kind: 'household', name: '梅江村养蜂户' },
    },
    {
      village: 'maichi',
      org: 'q10',
      name: '认养一棵麦池村核桃树（2027 季）',
      photos: ['walnut-tree.jpg'],
      category: 'other',
      unit: '棵',
      priceFen: 29900,
      stock: 12,
      kind: 'adoption',
      description: '挂牌认养，村里专人管护，季末寄送鲜核桃。',
      adoption: { subject: '核桃树一棵（挂认养牌）', seasonStart: '2027-03-01', seasonEnd: '2027-10-31', returns: '秋季鲜核桃 10 斤，认养证书一份' },
      origin: { kind: 'cooperative', name: '秦亭镇麦池村核桃种植专业合作社' },
    },
  ] as DemoProduce[],
};

const ahVillage = (
  key: string,
  name: string,
  township: string,
  households: number,
  population: number,
  poor: number,
  supervised: boolean,
  needs: VillageInput['needs'],
): DemoVillage => ({
  key,
  name,
  township,
  county: '安化县',
  households,
  population,
  poorHouseholds: poor,
  status: 'unlifted',
  supervised,
  needs,
  registeredOn: '2018-03-09',
});

export const ANHUA = {
  tenant: { slug: 'anhua', name: '政协安化县委员会', region: '湖南省益阳市安化县' },
  villages: [
    ahVillage('xingguo', '兴果村', '平口镇', 402, 1580, 96, true, ['industry', 'infrastructure']),
    ahVillage('baishui', '白水村', '柘溪林场', 188, 702, 51, true, ['infrastructure', 'housing']),
    ahVillage('dongjia', '董家村', '冷市镇', 356, 1377, 83, false, ['industry', 'sales']),
    ahVillage('taozhu', '陶竹村', '冷市镇', 297, 1164, 72, false, ['education', 'medical']),
    ahVillage('yunpan', '云盘村', '羊角塘镇', 331, 1290, 88, true, ['infrastructure', 'employment']),
    ahVillage('shuanglong', '双龙村', '烟溪镇', 274, 1043, 65, false, ['industry']),
    ahVillage('xuefengshan', '雪峰山村', '烟溪镇', 219, 836, 58, true, ['sales', 'infrastructure']),
    ahVillage('tongxiqiao', '通溪桥村', '烟溪镇', 245, 951, 61, false, ['employment']),
    ahVillage('xindu', '鑫都村', '仙溪镇', 310, 1222, 70, false, ['industry', 'education']),
    ahVillage('sanxing', '三星村', '仙溪镇', 283, 1098, 67, true, ['industry', 'medical', 'sales']),
  ],
  orgs: [
    { key: 'a1', name: '政协安化县委员会机关', kind: 'public_institution', creditCode: institutionCode(1) },
    { key: 'a2', name: '安化县经济促进会第一分会', kind: 'social_org', creditCode: socialOrgCodeAnhua(2) },
    { key: 'a3', name: '安化县工商联茶业商会', kind: 'social_org', creditCode: socialOrgCodeAnhua(3) },
    { key: 'a4', name: '安化县示范黑茶有限公司（演示）', kind: 'enterprise', creditCode: enterpriseCode(4) },
  ].map((o, i): DemoOrg => ({
    ...(o as Pick<DemoOrg, 'key' | 'name' | 'kind' | 'creditCode'>),
    contactName: `联系人${i + 1}`,
    contactPhone: `1370737${String(i + 1).padStart(4, '0')}`,
    address: '湖南省益阳市安化县',
  })),
  /** seed 002 一、帮扶对象 2: 县政协机关帮扶村 仙溪镇三星村; the others as the committees arrange */
  groups: [
    { village: 'sanxing', orgs: ['a1'] },
    { village: 'dongjia', orgs: ['a2'] },
    { village: 'shuanglong', orgs: ['a3'] },
  ] as Group[],
  /** a claim waiting for the bureau, so the review screen has work */
  pendingClaims: [{ village: 'xingguo', org: 'a4' }],
  /**
   * seed 002 三、4 评优标准: 帮扶资金、物资达5万元以上的委组、20万元以上的经促分会、20万元以上的工商联企业或商会
   * (rule 6); `orgs` names the organizations the bureau puts in each
   */
  recognitionCategories: [
    { name: '委组', thresholdFen: 5_000_000, description: '政协委员工作组（委组）', orgs: ['a1'] },
    { name: '经促分会', thresholdFen: 20_000_000, description: '县经济促进会各分会', orgs: ['a2'] },
    { name: '工商联企业或商会', thresholdFen: 20_000_000, description: '县工商联所属商会及会员企业', orgs: ['a3', 'a4'] },
  ],
  /**
   * seed 002 四、1 加大考核权重: 委组、委员参与脱贫攻坚工作 ... 列为一级考核指标，分值设置为30分; 3 严格评优标准 and
   * 一票否决 as the plan's discipline (虚报、弄虚作假)
   */
  assessmentScheme: {
    name: '政协系统脱贫攻坚专项考核（30 分）',
    totalPoints: 30,
    criteria: [
      { id: 'visits', name: '每季度组织工作组入村走访（2–5 人）', points: 8, source: 'visits' },
      { id: 'reports', name: '按时报送帮扶工作周报', points: 6, source: 'reports_on_time' },
      { id: 'money', name: '帮扶资金、物资（达 5 万元满分）', points: 8, targetFen: 5_000_000, source: 'donations' },
      { id: 'quality', name: '帮扶台账数据准确', points: 2, source: 'data_quality' },
      { id: 'effect', name: '帮扶实效与群众评议', points: 6, source: 'manual' },
    ],
    vetoes: [{ id: 'fraud', name: '虚报帮扶成效、弄虚作假' }],
  } satisfies SchemeInput,
  /**
   * this year's gifts (dated today), so the recognition list of the current year has figures: the
   * committee group and the chamber reach their category's threshold; the branch's ¥120,000 would
   * reach a social organization's ¥50,000 but not its category's ¥200,000
   */
  yearGifts: [
    { org: 'a1', village: 'sanxing', cashFen: 4_000_000, goodsFen: 1_200_000, goods: '茶园有机肥 60 吨' },
    { org: 'a2', village: 'dongjia', cashFen: 12_000_000, goodsFen: 0, goods: '' },
    { org: 'a3', village: 'shuanglong', cashFen: 18_000_000, goodsFen: 3_000_000, goods: '黑茶加工设备一套' },
  ],
  pairingStart: '2018-03-26',
  produce: [
    {
      village: 'shuanglong',
      org: 'a3',
      name: '安化黑茶·天尖 500g',
      photos: ['dark-tea.jpg'],
      category: 'tea',
      unit: '盒',
      priceFen: 12800,
      stock: 30,
      kind: 'product',
      description: '双龙村高山茶园原料，传统七星灶松柴明火烘焙。',
      origin: { kind: 'cooperative', name: '安化县双龙村茶叶专业合作社' },
    },
  ] as DemoProduce[],
};
