import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export type FundsBar = { name: string; receivedFen: number; usedFen: number };

/** Cash received vs used per village, horizontal bars in yuan (loaded only by the transparency page). */
export default function FundsChart({ bars, receivedLabel, usedLabel }: { bars: FundsBar[]; receivedLabel: string; usedLabel: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current);
    const yuan = (fen: number) => fen / 100;
    chart.setOption({
      textStyle: { fontFamily: getComputedStyle(document.body).fontFamily },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: unknown) => `¥${Number(v).toLocaleString('zh-CN', { minimumFractionDigits: 2 })}` },
      legend: { top: 0, itemWidth: 12, itemHeight: 12, textStyle: { fontSize: 12 } },
      grid: { left: 4, right: 16, top: 30, bottom: 4, containLabel: true },
      xAxis: { type: 'value', axisLabel: { fontSize: 11, formatter: (v: number) => (v >= 10000 ? `${v / 10000}万` : String(v)) }, splitLine: { lineStyle: { color: '#f0f0f0' } } },
      yAxis: { type: 'category', inverse: true, data: bars.map((b) => b.name), axisLabel: { fontSize: 12, width: 72, overflow: 'truncate' }, axisTick: { show: false } },
      series: [
        { name: receivedLabel, type: 'bar', data: bars.map((b) => yuan(b.receivedFen)), itemStyle: { color: '#d9251c', borderRadius: [0, 3, 3, 0] }, barMaxWidth: 14 },
        { name: usedLabel, type: 'bar', data: bars.map((b) => yuan(b.usedFen)), itemStyle: { color: '#fa8c16', borderRadius: [0, 3, 3, 0] }, barMaxWidth: 14 },
      ],
    });
    const resize = new ResizeObserver(() => chart.resize());
    resize.observe(ref.current);
    return () => {
      resize.disconnect();
      chart.dispose();
    };
  }, [bars, receivedLabel, usedLabel]);
  return <div ref={ref} className="funds-chart" style={{ height: Math.max(160, 44 + bars.length * 40) }} data-testid="funds-chart" />;
}
