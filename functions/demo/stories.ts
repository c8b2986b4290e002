import { readFile } from 'node:fs/promises';
import type { FileStore } from '../adapters/files.js';
import type { ServiceContext } from '../modules/context.js';
import { villagePairingItems } from '../modules/pairings/store.js';
import { addStoryPhoto } from '../modules/stories/photos.js';
import { createStory } from '../modules/stories/service.js';

type DemoStory = {
  title: string;
  summary: string;
  body: string;
  /** village and organization keys of functions/demo/data.ts; their pairings are linked too */
  villages: string[];
  orgs: string[];
  published: boolean;
  /** days before today it was written */
  daysAgo: number;
  photos?: string[];
};

/**
 * The programmes' 典型经验 (seed 004: 认真总结推广好的经验做法): written up by the bureau from what
 * the seeds and the demo's own records show — no household is named.
 */
const STORIES: Record<string, DemoStory[]> = {
  anhua: [
    {
      title: '商会 + 合作社：双龙村黑茶走出大山',
      summary: '县工商联茶业商会结对烟溪镇双龙村，投入加工设备、统一品牌、包销订单，村茶叶合作社当年实现黑茶加工自主化。',
      body: [
        '双龙村地处烟溪镇高山茶区，过去鲜叶以低价卖给外地收购商，村里没有自己的加工能力。',
        '县工商联茶业商会结对以来，先后捐赠黑茶加工设备一套，组织会员企业派技术员驻村指导七星灶松柴明火烘焙工艺，并与村茶叶专业合作社签订保底收购协议。',
        '合作社的“安化黑茶·天尖”上架爱心商城后，由商会会员企业统一检测、统一包装，订单款项进入村级公示账目，每一笔收入与支出都可在公示页查询。',
        '经验：一是商会出设备、出技术、出渠道，合作社出原料、出劳力，分工清楚；二是保底收购让脱贫户敢种敢采；三是资金全程公示，群众看得见。',
      ].join('\n\n'),
      villages: ['shuanglong'],
      orgs: ['a3'],
      published: true,
      daysAgo: 12,
      photos: ['dark-tea.jpg'],
    },
    {
      title: '县政协机关委组：三星村“季季到村”工作法',
      summary: '政协安化县委员会机关按照“每季度至少一次、每次 2–5 人”的要求组织工作组入村，把走访、周报与需求台账连成一条线。',
      body: [
        '按照实施方案“工作组每年不少于四次深入联系村”的要求，县政协机关委组把三星村的走访排进每季度工作计划，每次由 2–5 名委员组成工作组入村。',
        '每次走访后一周内报送工作周报，村里提出的需求登记进台账，认领、落实、关闭都有记录，年中评估和年终考核直接从台账取数。',
        '经验：定人、定时、定台账，让帮扶工作可追溯、可考核。',
      ].join('\n\n'),
      villages: ['sanxing'],
      orgs: ['a1'],
      published: true,
      daysAgo: 30,
    },
  ],
  qingshui: [
    {
      title: '蜜蜂产业协会带动梅江村养蜂增收',
      summary: '清水县蜜蜂产业协会结对贾川乡梅江村，免费培训、统一收购，中华蜂百花蜜通过爱心商城直达消费者。',
      body: [
        '梅江村山高林密，蜜源充足，但过去养蜂零散、技术薄弱，蜂蜜卖不上价。',
        '清水县蜜蜂产业协会结对后，组织技术员逐户指导中华蜂饲养与一年一取的成熟蜜采收，协会统一检测、统一包装，产品以“梅江村百花土蜂蜜”上架爱心商城。',
        '消费帮扶的每一笔订单都记入村级公示账目，群众可以扫码查看。',
        '经验：协会牵头解决技术和销路两头难题，农户只管养好蜂。',
      ].join('\n\n'),
      villages: ['meijiang'],
      orgs: ['q15'],
      published: true,
      daysAgo: 9,
      photos: ['honey.jpg'],
    },
    {
      title: '职业技能培训学校结对高桥村：培训一人、就业一人',
      summary: '三所职业技能培训学校联合结对山门镇高桥村，按村里就业需求开设定向培训班（草稿，待审核后发布）。',
      body: '结对学校按村两委摸排的就业意愿开设电工、焊工、家政等短期培训班，结业后推荐上岗。\n\n（草稿：待补充培训人数与就业去向。）',
      villages: ['gaoqiao'],
      orgs: ['q1', 'q2', 'q3'],
      published: false,
      daysAgo: 3,
    },
  ],
};

const photoBytes = async (name: string) => new Uint8Array(await readFile(new URL(`./photos/${name}`, import.meta.url)));

/** The tenant's demo stories, linked to its villages, organizations and their active pairings; with `files`, their photos. */
export async function loadDemoStories(
  ctx: ServiceContext,
  slug: string,
  keys: { villages: Map<string, string>; orgs: Map<string, string> },
  files?: FileStore,
): Promise<void> {
  for (const s of STORIES[slug] ?? []) {
    const villageIds = s.villages.map((k) => keys.villages.get(k)!);
    const organizationIds = s.orgs.map((k) => keys.orgs.get(k)!);
    const pairings = (await Promise.all(villageIds.map((v) => villagePairingItems(ctx.store, v)))).flat();
    const pairingIds = pairings.filter((p) => p.status === 'active' && organizationIds.includes(p.organizationId)).map((p) => p.id);
    const at: ServiceContext = { ...ctx, now: new Date(ctx.now.getTime() - s.daysAgo * 86_400_000) };
    const story = await createStory(at, {
      title: s.title,
      summary: s.summary,
      body: s.body,
      status: s.published ? 'published' : 'draft',
      villageIds,
      organizationIds,
      pairingIds,
    });
    for (const name of files ? (s.photos ?? []) : []) {
      await addStoryPhoto(at, files!, story.id, { bytes: await photoBytes(name), declaredType: 'image/jpeg' });
    }
  }
}
