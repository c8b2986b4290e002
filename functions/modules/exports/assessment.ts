import type { stream } from 'exceljs';
import type { AssessmentResult } from '../../../shared/schemas/assessments.js';
import { sheet, type Column } from './sheets.js';

const t = (header: string, key: string, width?: number): Column => ({ header, key, kind: 'text', width });
const p = (header: string, key: string): Column => ({ header, key, kind: 'points' });

/**
 * An assessment (考核) as a workbook: the ranking with each criterion's points, the total and any
 * veto; then, per organization and criterion, the figure the points come from and the bureau's
 * reasons — the figures of GET /api/assessments, as the bureau files them.
 */
export async function writeAssessment(wb: stream.xlsx.WorkbookWriter, a: AssessmentResult): Promise<void> {
  let s = sheet(wb, '考核结果', [
    { header: '排名', key: 'rank', kind: 'int' },
    t('组织', 'organizationName', 28),
    ...a.scheme.criteria.map((c) => p(`${c.name}（${c.points} 分）`, `c_${c.id}`)),
    p(`合计（${a.scheme.totalPoints} 分）`, 'total'),
    t('一票否决', 'vetoes', 30),
  ]);
  for (const it of a.items) {
    const row: Record<string, unknown> = {
      rank: it.rank,
      organizationName: it.organizationName,
      total: it.total,
      vetoes: it.vetoes.map((v) => `${v.name}：${v.reason}`).join('；'),
    };
    for (const c of it.criteria) row[`c_${c.id}`] = c.points;
    s.add(row);
  }
  await s.commit();

  s = sheet(wb, '评分依据', [
    t('组织', 'organizationName', 28),
    t('指标', 'criterion', 22),
    p('得分', 'points'),
    p('分值', 'maxPoints'),
    t('依据', 'figure', 40),
    t('评分理由', 'reason', 40),
  ]);
  for (const it of a.items) {
    for (const c of it.criteria) {
      s.add({ organizationName: it.organizationName, criterion: c.name, points: c.points, maxPoints: c.maxPoints, figure: c.figure, reason: c.reason ?? '' });
    }
  }
  await s.commit();
}
