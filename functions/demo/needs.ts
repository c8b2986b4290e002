import { addDays, dateInZone } from '../../shared/dates.js';
import type { ServiceContext } from '../modules/context.js';
import { createNeed, fulfilNeed, pledgeNeed, withdrawNeed } from '../modules/needs/service.js';
import { listPairingItems } from '../modules/pairings/store.js';

/**
 * Demo village needs (需求对接) for a tenant (Qingshui), through the service as the bureau would
 * post them: open ones, one pledged in part, one met with evidence, one withdrawn — in villages
 * with active pairings, pledged by their paired organizations.
 */
export async function loadDemoNeeds(ctx: ServiceContext): Promise<void> {
  const pairings = (await listPairingItems(ctx.store, { status: 'active', limit: 100 })).items.reverse(); // oldest first
  if (pairings.length < 3) return;
  const [a, b, c] = pairings;
  const today = dateInZone(ctx.now, 'Asia/Shanghai');
  const at = (minutesAgo: number): ServiceContext => ({ ...ctx, now: new Date(ctx.now.getTime() - minutesAgo * 60_000) });

  await createNeed(at(300), {
    villageId: a.villageId,
    category: 'sales',
    title: `${a.villageName}花牛苹果销路`,
    description: '今年挂果多，需对接单位食堂或电商渠道，优先消费帮扶',
    quantity: 20_000,
    unit: '公斤',
    targetDate: addDays(today, 60),
  });
  await createNeed(at(290), {
    villageId: c.villageId,
    category: 'medical',
    title: '村卫生室远程问诊设备',
    description: '希望配置一套远程问诊终端，方便老人就医',
  });

  const supplies = await createNeed(at(280), {
    villageId: b.villageId,
    category: 'education',
    title: '村小学学习用品',
    quantity: 40,
    unit: '套',
    targetDate: addDays(today, 30),
  });
  await pledgeNeed(at(200), supplies.id, { organizationId: b.organizationId, quantity: 25, note: '先认领 25 套，其余联系其他单位' });

  const sewing = await createNeed(at(270), {
    villageId: a.villageId,
    category: 'employment',
    title: '缝纫技能培训及就业岗位',
    quantity: 10,
    unit: '人',
    targetDate: addDays(today, 20),
  });
  await pledgeNeed(at(180), sewing.id, { organizationId: a.organizationId, note: '组织培训并吸纳到合作企业就业' });
  await fulfilNeed(at(60), sewing.id, { note: '10 人完成培训，8 人已在合作服装厂上岗', evidenceUrl: 'https://example.org/demo/sewing-training.jpg' });

  const lights = await createNeed(at(260), { villageId: b.villageId, category: 'infrastructure', title: '村道路灯维修', quantity: 30, unit: '盏' });
  await withdrawNeed(at(120), lights.id, { reason: '已列入县交通局年度项目，由财政资金解决' });
}
