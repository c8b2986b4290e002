import { GaugeChart } from 'echarts/charts';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([GaugeChart, CanvasRenderer]);

/** Share of supervised villages with an active pairing, as a gauge (rule 1: aim for 100%). */
export function CoverageGauge({ covered, total, label }: { covered: number; total: number; label: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current);
    const pct = total === 0 ? 100 : Math.round((covered / total) * 100);
    const color = pct === 100 ? '#16a34a' : pct >= 80 ? '#d97706' : '#c8161d';
    chart.setOption({
      textStyle: { fontFamily: getComputedStyle(document.body).fontFamily },
      series: [
        {
          type: 'gauge',
          startAngle: 210,
          endAngle: -30,
          min: 0,
          max: 100,
          progress: { show: true, width: 16, itemStyle: { color } },
          axisLine: { lineStyle: { width: 16, color: [[1, '#e5e9f2']] } },
          axisTick: { show: false },
          splitLine: { show: false },
          axisLabel: { show: false },
          pointer: { show: false },
          anchor: { show: false },
          title: { offsetCenter: [0, '38%'], fontSize: 13, color: '#64748b' },
          detail: { valueAnimation: true, offsetCenter: [0, '-4%'], fontSize: 34, fontWeight: 600, color, formatter: '{value}%' },
          data: [{ value: pct, name: label }],
        },
      ],
    });
    const resize = new ResizeObserver(() => chart.resize());
    resize.observe(ref.current);
    return () => {
      resize.disconnect();
      chart.dispose();
    };
  }, [covered, total, label]);
  return <div ref={ref} className="gauge" role="img" aria-label={label} />;
}
