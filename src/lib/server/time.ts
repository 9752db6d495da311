const offsetFormat = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Berlin', timeZoneName: 'longOffset' });

/** Minutes Europe/Berlin is ahead of UTC at an instant (60 in winter, 120 in summer). */
function berlinOffsetMinutes(at: Date) {
	const name = offsetFormat.formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT+01:00';
	const match = name.match(/GMT([+-])(\d{2}):(\d{2})/);
	return match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) : 0;
}

/** The instant a calendar day (YYYY-MM-DD) begins in Europe/Berlin. */
export function berlinStartOfDay(isoDate: string) {
	const utcMidnight = new Date(`${isoDate}T00:00:00Z`);
	return new Date(utcMidnight.getTime() - berlinOffsetMinutes(utcMidnight) * 60_000);
}

/** An instant as ISO 8601 in Berlin local time with its offset, e.g. 2026-11-25T10:15:00+01:00. */
export function berlinIso(at: Date) {
	const offset = berlinOffsetMinutes(at);
	const local = new Date(at.getTime() + offset * 60_000).toISOString().slice(0, 19);
	const sign = offset < 0 ? '-' : '+';
	const abs = Math.abs(offset);
	return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** The calendar day (YYYY-MM-DD) it is in Europe/Berlin at an instant. */
export function berlinDate(at: Date = new Date()) {
	return berlinIso(at).slice(0, 10);
}

/** The instant of a wall-clock time (HH:MM) on a day in Europe/Berlin, also on days the clocks change. */
export function berlinTime(isoDate: string, hhmm: string) {
	const wall = new Date(`${isoDate}T${hhmm}:00Z`);
	// the offset depends on the instant we are looking for: take it at a first guess, then again
	const guess = new Date(wall.getTime() - berlinOffsetMinutes(wall) * 60_000);
	return new Date(wall.getTime() - berlinOffsetMinutes(guess) * 60_000);
}
