import fc from 'fast-check';

/** What the bad-input suites send: hostile values mixed with random ones. */
export const SCRIPT = '<script>alert(1)</script>';

export const payloads = [
	SCRIPT,
	'"><img src=x onerror=alert(1)>',
	"' or 1=1 --",
	'1; drop table report; --',
	'../../../../etc/passwd',
	'..%2F..%2Fetc%2Fpasswd',
	'\u0000',
	'\u202Egnp.exe',
	'e\u0301\u0301\u0301',
	'𝔘𝔫𝔦𝔠𝔬𝔡𝔢 👩‍👩‍👧‍👦',
	'-1',
	'0',
	'2147483648',
	'99999999999999999999',
	'1e309',
	'NaN',
	'true',
	'null',
	'[]',
	'{}',
	'',
	' ',
	'2026-02-30',
	'2026-01-01T25:61:00+01:00'
];

/** A value for one field or parameter: its documented values (if any) mixed with hostile and random ones. */
export function valueFor(documented: string[] = []) {
	return fc.oneof(
		...(documented.length ? [fc.constantFrom(...documented)] : []),
		fc.constantFrom(...payloads),
		fc.string({ maxLength: 40 }),
		fc.string({ unit: 'grapheme', maxLength: 20 }),
		fc.integer().map(String),
		fc.double({ noNaN: false }).map(String),
		fc.constant('x'.repeat(5000))
	);
}

export const hostileValue = valueFor();
