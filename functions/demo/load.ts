import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { readFile } from 'node:fs/promises';
import type { FileStore } from '../adapters/files.js';
import { addPhoto } from '../modules/produce/photos.js';
import type { LoginRegistry } from '../adapters/identity.js';
import type { ServiceContext } from '../modules/context.js';
import { logActivity } from '../modules/activities/service.js';
import { addHelper } from '../modules/helpers/service.js';
import { setPairingTeam } from '../modules/helpers/team.js';
import { DEMO_HELPER_ORGS, demoHelpers } from './helpers.js';
import { createTenant, createUser, PLATFORM_TENANT } from '../modules/identity/service.js';
import { localLogins } from '../modules/identity/local-directory.js';
import { findLoginUnscoped } from '../modules/identity/store.js';
import { createOrganization, reviewOrganization } from '../modules/organizations/service.js';
import { approvePairing, claimPairing } from '../modules/pairings/service.js';
import { loadDemoMarket } from './market.js';
import { loadDemoCampaigns } from './campaigns.js';
import { loadDemoStories } from './stories.js';
import { createProduce } from '../modules/produce/service.js';
import { registerVillage } from '../modules/villages/service.js';
import { createDonation } from '../modules/donations/service.js';
import { createExpenditure } from '../modules/expenditures/service.js';
import { assignCategory, createCategory } from '../modules/recognition/service.js';
import { createScheme, setManualScore } from '../modules/assessments/service.js';
import { dateInZone } from '../../shared/dates.js';
import { globalStoreUnscoped, TenantStore } from '../store/tenant-store.js';
import { addDays } from '../../shared/dates.js';
import { ANHUA, DEMO_PASSWORD, QINGSHUI } from './data.js';
import { loadDemoReports } from './reports.js';
import { loadDemoNeeds } from './needs.js';

export const PLATFORM_ADMIN_EMAIL = 'platform@demo.local';

export type DemoLogin = { email: string; role: string; tenant: string; organization?: string };

function systemContext(
  doc: DynamoDBDocumentClient,
  tableName: string,
  tenantId: string,
  role: ServiceContext['caller']['role'] = 'bureau_admin',
): ServiceContext {
  return {
    store: new TenantStore(doc, tableName, tenantId),
    caller: { userId: 'system', email: 'system@bangfu.local', role, tenantId },
    now: new Date(),
  };
}

/** The same context on a day of the programme's history (Beijing time), so records read in order. */
function on(ctx: ServiceContext, date: string, time = '10:00'): ServiceContext {
  return { ...ctx, now: new Date(`${date}T${time}:00+08:00`) };
}

/**
 * The platform admin, always (DEMO_DATA=0 starts with it alone); idempotent. Its login goes to the
 * local password store unless another directory is given (tests of the Cognito directory do).
 */
export async function ensurePlatformAdmin(
  doc: DynamoDBDocumentClient,
  tableName: string,
  password = DEMO_PASSWORD,
  logins: LoginRegistry = localLogins,
): Promise<void> {
  if (await findLoginUnscoped(globalStoreUnscoped(doc, tableName), PLATFORM_ADMIN_EMAIL)) return;
  const ctx = systemContext(doc, tableName, PLATFORM_TENANT, 'platform_admin');
  await createUser(ctx, logins, { email: PLATFORM_ADMIN_EMAIL, password, role: 'platform_admin', tenantId: PLATFORM_TENANT });
}

type Programme = typeof QINGSHUI | typeof ANHUA;

/** A demo photo's bytes (functions/demo/photos/). */
const demoPhoto = (name: string) => readFile(new URL(`./photos/${name}`, import.meta.url));

async function loadProgramme(doc: DynamoDBDocumentClient, tableName: string, p: Programme, files?: FileStore): Promise<void> {
  const global = globalStoreUnscoped(doc, tableName);
  const marker = { pk: global.globalPk('DEMO'), sk: p.tenant.slug };
  if (await global.get(marker.pk, marker.sk)) return; // loaded once, never again
  const platform = systemContext(doc, tableName, PLATFORM_TENANT, 'platform_admin');
  const registered = p.villages[0].registeredOn!;
  const claimed = addDays(p.pairingStart, -3);
  // the demo's bureau admins sign in with the demo password alone (the bureau may switch
  // two-step verification on in its settings); the platform admin enrols on its first sign-in
  const tenant = await createTenant(on(platform, registered, '08:30'), { ...p.tenant, mfaRequiredForBureauAdmins: false });
  const ctx = on(systemContext(doc, tableName, tenant.id), registered);
  // demo data is local only (never on AWS), so its logins are local ones
  await createUser(platform, localLogins, { email: `admin@${p.tenant.slug}.demo`, password: DEMO_PASSWORD, role: 'bureau_admin', tenantId: tenant.id });

  const villages = new Map<string, string>();
  for (const { key, ...v } of p.villages) villages.set(key, (await registerVillage(ctx, v)).id);

  const orgs = new Map<string, string>();
  const helpersOf = new Map<string, string[]>();
  const helperOrgs = [...new Set(p.groups.flatMap((g) => g.orgs as readonly string[]))].slice(0, DEMO_HELPER_ORGS);
  let n = 0;
  for (const { key, ...o } of p.orgs) {
    const org = await createOrganization(ctx, o);
    await reviewOrganization(on(ctx, registered, '15:00'), org.id, 'approve');
    orgs.set(key, org.id);
    n += 1;
    await createUser(ctx, localLogins, { email: `org${n}@${p.tenant.slug}.demo`, password: DEMO_PASSWORD, role: 'org_member', organizationId: org.id });
    // the first paired organizations' helpers (帮扶责任人 / 帮扶队员): a pairing's team and who went on its visit
    const h = helperOrgs.indexOf(key);
    for (const helper of h >= 0 ? demoHelpers(h) : []) helpersOf.set(org.id, [...(helpersOf.get(org.id) ?? []), (await addHelper(ctx, org.id, helper)).id]);
  }

  // rule 6: the bureau's recognition categories and the organizations in each
  for (const [i, { orgs: members, ...category }] of ('recognitionCategories' in p ? p.recognitionCategories : []).entries()) {
    // a minute apart: the categories list in the order the seed names them
    const c = await createCategory(on(ctx, registered, `16:0${i}`), category);
    for (const key of members) await assignCategory(on(ctx, registered, '16:10'), orgs.get(key)!, { categoryId: c.id });
  }

  for (const g of p.groups) {
    for (const orgKey of g.orgs) {
      const pairing = await claimPairing(on(ctx, claimed), {
        villageId: villages.get(g.village)!,
        organizationId: orgs.get(orgKey)!,
        commitment: { note: '结对助力挂牌督战', projects: '产业、就业、消费帮扶' },
      });
      await approvePairing(on(ctx, p.pairingStart, '09:00'), pairing.id, p.pairingStart);
      const team = helpersOf.get(orgs.get(orgKey)!) ?? [];
      if (team.length) await setPairingTeam(on(ctx, p.pairingStart, '10:00'), pairing.id, team);
      const visited = addDays(p.pairingStart, 7);
      await logActivity(on(ctx, visited, '17:00'), pairing.id, {
        date: visited,
        type: 'visit',
        peopleReached: 12,
        description: '入村走访，对接村两委，摸清需求清单',
        ...(team.length ? { participants: { headcount: team.length + 1, helperIds: team }, mode: 'in_person' as const } : {}),
      });
      if (orgKey === g.orgs[0]) {
        const trained = addDays(p.pairingStart, 40);
        await logActivity(on(ctx, trained, '17:00'), pairing.id, {
          date: trained,
          type: 'training',
          peopleReached: 35,
          amountFen: 1_200_000,
          description: '组织脱贫劳动力技能培训，发放培训补贴',
        });
      }
    }
  }
  // the shop: each listing put up by its paired organization, as one of its members would
  const produceIds: string[] = [];
  for (const { village, org, photos, ...listing } of p.produce) {
    const member = { ...ctx, now: new Date(), caller: { ...ctx.caller, role: 'org_member' as const, organizationId: orgs.get(org)! } };
    const id = (await createProduce(member, { ...listing, villageId: villages.get(village)!, status: 'published', photos: [] })).id;
    produceIds.push(id);
    // through the same path as an upload: checked, stored, resized into its WebP sizes
    for (const name of files ? (photos ?? []) : []) {
      await addPhoto({ ...member, now: new Date() }, files!, id, { bytes: new Uint8Array(await demoPhoto(name)), declaredType: 'image/jpeg' });
    }
  }
  // money the groups brought in and what the bureau spent, so the public page (公示) has figures
  const gifts = p.groups.slice(0, 3);
  for (const [i, g] of gifts.entries()) {
    const villageId = villages.get(g.village)!;
    const orgKey = g.orgs[0];
    const org = p.orgs.find((o) => o.key === orgKey)!;
    const given = addDays(p.pairingStart, 10 + i);
    await createDonation(on(ctx, given), {
      villageId,
      kind: 'cash',
      amountFen: 3_000_000 + i * 1_250_000,
      donorName: org.name,
      donorType: 'organization',
      organizationId: orgs.get(orgKey)!,
      date: given,
    });
    await createDonation(on(ctx, given), {
      villageId,
      kind: 'goods',
      amountFen: 860_000,
      donorName: org.name,
      donorType: 'organization',
      organizationId: orgs.get(orgKey)!,
      description: '冬季棉衣 120 件、学生书包 60 个',
      date: given,
    });
    await createDonation(on(ctx, given), {
      villageId,
      kind: 'cash',
      amountFen: 50_000,
      donorName: '爱心人士',
      donorType: 'person',
      anonymous: true,
      date: given,
    });
    const spent = addDays(p.pairingStart, 25 + i);
    await createExpenditure(on(ctx, spent), { villageId, amountFen: 1_800_000, purpose: '购置果树苗木，发展村集体产业', category: 'industry', date: spent });
  }
  // the assessment scheme of the seed, and one manual score of this year's mid-year evaluation
  if ('assessmentScheme' in p) {
    const now = { ...ctx, now: new Date() };
    const scheme = await createScheme(now, { ...p.assessmentScheme, vetoes: [...p.assessmentScheme.vetoes] });
    const first = orgs.get(p.groups[0].orgs[0])!;
    const period = `${dateInZone(new Date(), 'Asia/Shanghai').slice(0, 4)}-H1`;
    const effect = p.assessmentScheme.criteria.find((c) => c.source === 'manual')!;
    await setManualScore(now, first, effect.id, {
      period,
      schemeId: scheme.id,
      points: Math.round(effect.points * 0.8),
      reason: '村两委与群众代表评议：帮扶措施落实，满意度较高',
    });
  }
  // this year's gifts of the organizations, dated today (the recognition list of the current year)
  const today = dateInZone(new Date(), 'Asia/Shanghai');
  for (const gift of 'yearGifts' in p ? p.yearGifts : []) {
    const org = p.orgs.find((o) => o.key === gift.org)!;
    const common = {
      villageId: villages.get(gift.village)!,
      donorName: org.name,
      donorType: 'organization' as const,
      organizationId: orgs.get(gift.org)!,
      date: today,
    };
    await createDonation({ ...ctx, now: new Date() }, { ...common, kind: 'cash', amountFen: gift.cashFen });
    if (gift.goodsFen > 0) await createDonation({ ...ctx, now: new Date() }, { ...common, kind: 'goods', amountFen: gift.goodsFen, description: gift.goods });
  }
  // two donations an organization's member logged today, waiting for the bureau: counted
  // nowhere until confirmed; the cash one still needs its voucher
  if (gifts.length > 0) {
    const g = gifts[0];
    const org = p.orgs.find((o) => o.key === g.orgs[0])!;
    const member: ServiceContext = { ...ctx, now: new Date(), caller: { ...ctx.caller, role: 'org_member', organizationId: orgs.get(org.key)! } };
    const villageId = villages.get(g.village)!;
    await createDonation(member, {
      villageId,
      kind: 'goods',
      amountFen: 320_000,
      donorName: org.name,
      donorType: 'organization',
      description: '村小学课桌椅 20 套',
    });
    await createDonation(member, {
      villageId,
      kind: 'cash',
      amountFen: 1_500_000,
      donorName: org.name,
      donorType: 'organization',
      description: '春季产业帮扶资金',
    });
  }
  for (const c of 'pendingClaims' in p ? p.pendingClaims : []) {
    // a claim made today, waiting for the bureau
    await claimPairing(
      { ...ctx, now: new Date() },
      { villageId: villages.get(c.village)!, organizationId: orgs.get(c.org)!, commitment: { note: '认领产业帮扶' } },
    );
  }
  // weekly reports of the last weeks and this quarter's visits (rules 3, 4, 10)
  await loadDemoReports({ ...ctx, now: new Date() });
  // village needs: open, one pledged in part, one met with evidence, one withdrawn
  if (p.tenant.slug === 'qingshui') await loadDemoNeeds({ ...ctx, now: new Date() });
  // the last six months' gifts, spending and produce orders (the bureau's monthly charts, rule 9)
  if (p.tenant.slug === 'qingshui') {
    await loadDemoMarket({ ...ctx, now: new Date() }, { villageIds: [...villages.values()], produceIds, orgIds: [...orgs.values()] });
    // the last 扶贫日 and a New-Year goods fair, with purchases and gifts made through them
    await loadDemoCampaigns({ ...ctx, now: new Date() }, { villageIds: [...villages.values()], produceIds });
  }
  // the bureau's 典型经验, linked to the villages, organizations and pairings they tell of
  await loadDemoStories({ ...ctx, now: new Date() }, p.tenant.slug, { villages, orgs }, files);
  await global.put({ ...marker, loadedAt: new Date().toISOString() });
}

/** Loads the Qingshui and Anhua programmes once (idempotent: a marker per tenant); with `files`, the listings' photos too. */
export async function loadDemoData(doc: DynamoDBDocumentClient, tableName: string, files?: FileStore): Promise<void> {
  await ensurePlatformAdmin(doc, tableName);
  await loadProgramme(doc, tableName, QINGSHUI, files);
  await loadProgramme(doc, tableName, ANHUA, files);
}

export function demoLogins(): DemoLogin[] {
  return [
    { email: PLATFORM_ADMIN_EMAIL, role: 'platform_admin', tenant: '(平台)' },
    ...[QINGSHUI, ANHUA].flatMap((p) => [
      { email: `admin@${p.tenant.slug}.demo`, role: 'bureau_admin', tenant: p.tenant.name },
      ...p.orgs.map((o, i) => ({ email: `org${i + 1}@${p.tenant.slug}.demo`, role: 'org_member', tenant: p.tenant.name, organization: o.name })),
    ]),
  ];
}
