/**
 * Geometry of an indicator's line chart, computed on the server: the SVG needs no script, and the
 * same numbers stand in a table next to it.
 */
export type ChartInput = { values: { measuredOn: string; value: number }[]; baseline: number | null; target: number | null };

export const CHART = { width: 640, height: 240, left: 56, right: 16, top: 16, bottom: 36 };

function niceStep(span: number, count: number) {
	const raw = span / count;
	const power = 10 ** Math.floor(Math.log10(raw));
	return ([1, 2, 2.5, 5, 10].find((m) => m * power >= raw) ?? 10) * power;
}

export function chartGeometry({ values, baseline, target }: ChartInput) {
	const numbers = [...values.map((v) => v.value), ...(baseline === null ? [] : [baseline]), ...(target === null ? [] : [target])];
	let min = numbers.length ? Math.min(...numbers) : 0;
	let max = numbers.length ? Math.max(...numbers) : 1;
	if (min === max) {
		min -= 1;
		max += 1;
	}
	const step = niceStep(max - min, 4);
	min = Math.floor(min / step) * step;
	max = Math.ceil(max / step) * step;
	const plotW = CHART.width - CHART.left - CHART.right;
	const plotH = CHART.height - CHART.top - CHART.bottom;
	const times = values.map((v) => Date.parse(`${v.measuredOn}T00:00:00Z`));
	const t0 = Math.min(...times);
	const t1 = Math.max(...times);
	const x = (t: number) => CHART.left + (t1 === t0 ? plotW / 2 : ((t - t0) / (t1 - t0)) * plotW);
	const y = (v: number) => CHART.top + plotH - ((v - min) / (max - min)) * plotH;
	const points = values.map((v, i) => ({ x: round(x(times[i])), y: round(y(v.value)), date: v.measuredOn, value: v.value }));
	const yTicks = [];
	for (let v = min; v <= max + step / 2; v += step) yTicks.push({ y: round(y(v)), value: Number(v.toFixed(6)) });
	// at most five date labels: first, last and evenly spaced ones between
	const every = Math.max(1, Math.ceil(points.length / 5));
	const xTicks = points.filter((_, i) => i % every === 0 || i === points.length - 1);
	return {
		points,
		path: points.map((p, i) => `${i ? 'L' : 'M'}${p.x} ${p.y}`).join(' '),
		yTicks,
		xTicks,
		baselineY: baseline === null ? null : round(y(baseline)),
		targetY: target === null ? null : round(y(target))
	};
}

const round = (n: number) => Math.round(n * 10) / 10;
