import { describe, expect, it } from 'vitest';
import { csvCell, csvStream } from './csv.ts';

describe('CSV', () => {
	it('quotes what needs quoting and defuses spreadsheet formulas', () => {
		expect(csvCell('Brandis, Beucha')).toBe('"Brandis, Beucha"');
		expect(csvCell('Sie sagte "ja"')).toBe('"Sie sagte ""ja"""');
		expect(csvCell('zwei\nZeilen')).toBe('"zwei\nZeilen"');
		expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
		expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
		expect(csvCell(-5)).toBe('-5');
		expect(csvCell(null)).toBe('');
		expect(csvCell(true)).toBe('true');
	});

	it('streams page after page, asking with the cursor of the last one', async () => {
		const asked: (number | undefined)[] = [];
		const stream = await csvStream([{ name: 'n', value: (r: number) => r }], async (after: number | undefined) => {
			asked.push(after);
			const start = (after ?? 0) + 1;
			const rows = start > 5 ? [] : [start, start + 1].filter((n) => n <= 5);
			return { rows, next: rows.length === 2 ? rows[1] : undefined };
		});
		const text = await new Response(stream).text();
		expect(text).toBe('n\r\n1\r\n2\r\n3\r\n4\r\n5\r\n');
		expect(asked).toEqual([undefined, 2, 4]);
	});

	it('reads the first page before it answers, so a failing database is an error, not a broken download', async () => {
		const failing = csvStream([{ name: 'n', value: (r: number) => r }], async () => {
			throw new Error('database down');
		});
		await expect(failing).rejects.toThrow('database down');
	});
});
