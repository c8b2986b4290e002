import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import type { Dashboard } from '../../../../shared/schemas/dashboard';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

type Month = Dashboard['monthly'][number];
const yuan = (fen: number) => Math.round(fen) / 100;
const axisYuan = (v: number) => (v >= 10000 ? `${v / 10000}万` : String(v));
const money = (v: unknown) => `¥${Number(v).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

function useChart(option: () => echarts.EChartsCoreOption, deps: unknown[]) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current);
    chart.setOption({ textStyle: { fontFamily: getComputedStyle(document.body).fontFamily }, ...option() });
    const resize = new ResizeObserver(() => chart.resize());
    resize.observe(ref.current);
    return () => {
      resize.disconnect();
      chart.dispose();
    };
  }, deps); // eslint-disable-line react-hooks/exhaustive-deps
  return ref;
}

const label = (m: string) => `${Number(m.slice(5))}月`;

/** Cash received and used, and goods at estimated value, per month (yuan). */
export function MoneyChart({ monthly, labels }: { monthly: Month[]; labels: { cash: string; used: string; goods: string } }) {
  const ref = useChart(
    () => ({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: money },
      legend: { top: 0, itemWidth: 12, itemHeight: 12, textStyle: { fontSize: 12 } },
      grid: { left: 4, right: 8, top: 32, bottom: 4, containLabel: true },
      xAxis: { type: 'category', data: monthly.map((m) => label(m.month)), axisTick: { show: false }, axisLabel: { fontSize: 11 } },
      yAxis: { type: 'value', axisLabel: { fontSize: 11, formatter: axisYuan }, splitLine: { lineStyle: { color: '#f0f0f0' } } },
      series: [
        {
          name: labels.cash,
          type: 'bar',
          data: monthly.map((m) => yuan(m.cashFen)),
          itemStyle: { color: '#c8161d', borderRadius: [3, 3, 0, 0] },
          barMaxWidth: 14,
        },
        {
          name: labels.used,
          type: 'bar',
          data: monthly.map((m) => yuan(m.usedFen)),
          itemStyle: { color: '#f59e0b', borderRadius: [3, 3, 0, 0] },
          barMaxWidth: 14,
        },
        {
          name: labels.goods,
          type: 'bar',
          data: monthly.map((m) => yuan(m.goodsFen)),
          itemStyle: { color: '#64748b', borderRadius: [3, 3, 0, 0] },
          barMaxWidth: 14,
        },
      ],
    }),
    [monthly, labels.cash, labels.used, labels.goods],
  );
  return <div ref={ref} className="month-chart" role="img" aria-label={labels.cash} data-testid="money-chart" />;
}

/** Consumption-aid sales per month: yuan as bars, paid orders as a line. */
export function SalesChart({ monthly, labels }: { monthly: Month[]; labels: { sales: string; orders: string } }) {
  const ref = useChart(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0, itemWidth: 12, itemHeight: 12, textStyle: { fontSize: 12 } },
      grid: { left: 4, right: 4, top: 32, bottom: 4, containLabel: true },
      xAxis: { type: 'category', data: monthly.map((m) => label(m.month)), axisTick: { show: false }, axisLabel: { fontSize: 11 } },
      yAxis: [
        { type: 'value', axisLabel: { fontSize: 11, formatter: axisYuan }, splitLine: { lineStyle: { color: '#f0f0f0' } } },
        { type: 'value', minInterval: 1, axisLabel: { fontSize: 11 }, splitLine: { show: false } },
      ],
      series: [
        {
          name: labels.sales,
          type: 'bar',
          data: monthly.map((m) => yuan(m.salesFen)),
          itemStyle: { color: '#16a34a', borderRadius: [3, 3, 0, 0] },
          barMaxWidth: 18,
          tooltip: { valueFormatter: money },
        },
        {
          name: labels.orders,
          type: 'line',
          yAxisIndex: 1,
          smooth: true,
          symbolSize: 6,
          data: monthly.map((m) => m.paidOrders),
          itemStyle: { color: '#1d4ed8' },
        },
      ],
    }),
    [monthly, labels.sales, labels.orders],
  );
  return <div ref={ref} className="month-chart" role="img" aria-label={labels.sales} data-testid="sales-chart" />;
}
