import { describe, expect, it } from 'vitest';
import { CHART, chartGeometry } from './chart.ts';

describe('indicator chart geometry', () => {
	it('places values by date and value, baseline and target on the same scale', () => {
		const g = chartGeometry({ values: [{ measuredOn: '2026-01-01', value: 40 }, { measuredOn: '2026-07-01', value: 60 }], baseline: 40, target: 100 });
		const [a, b] = g.points;
		expect(a.x).toBe(CHART.left);
		expect(b.x).toBe(CHART.width - CHART.right);
		// higher values are drawn higher up (smaller y)
		expect(b.y).toBeLessThan(a.y);
		expect(g.baselineY).toBe(a.y);
		expect(g.targetY).toBeLessThan(b.y);
		expect(g.path).toBe(`M${a.x} ${a.y} L${b.x} ${b.y}`);
		// ticks span every value
		expect(g.yTicks[0].value).toBeLessThanOrEqual(40);
		expect(g.yTicks.at(-1)!.value).toBeGreaterThanOrEqual(100);
	});

	it('draws a single or constant value in the middle without dividing by zero', () => {
		const g = chartGeometry({ values: [{ measuredOn: '2026-01-01', value: 5 }], baseline: null, target: null });
		expect(g.points[0].x).toBe(CHART.left + (CHART.width - CHART.left - CHART.right) / 2);
		expect(Number.isFinite(g.points[0].y)).toBe(true);
		expect(g.baselineY).toBeNull();
	});

	it('labels at most five dates, always the first and the last', () => {
		const values = Array.from({ length: 24 }, (_, i) => ({ measuredOn: `20${String(10 + Math.floor(i / 12))}-${String((i % 12) + 1).padStart(2, '0')}-01`, value: i }));
		const g = chartGeometry({ values, baseline: null, target: null });
		expect(g.xTicks.length).toBeLessThanOrEqual(6);
		expect(g.xTicks[0].date).toBe(values[0].measuredOn);
		expect(g.xTicks.at(-1)!.date).toBe(values.at(-1)!.measuredOn);
	});
});
