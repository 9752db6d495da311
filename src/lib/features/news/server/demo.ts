import type { Db } from '#lib/server/db/client.ts';
import { reindexSearch } from '../../search/server/service.ts';
import * as queries from './queries.ts';
import { newsSearchSource } from './service.ts';

const day = 86_400_000;

/** Placeholder news around today, so the lists of a demo installation are not empty. */
export async function seedDemoNews(db: Db, now = new Date()) {
	if ((await queries.countNews(db)) > 0) return 0;
	const items = [
		{ title: 'Partheland-App: Anliegen jetzt in allen sieben Kommunen melden', teaser: 'Schlaglöcher, defekte Laternen oder wilder Müll lassen sich ab sofort in der ganzen Region über eine gemeinsame Plattform melden.', body: 'Die sieben Kommunen des Parthelands bieten ab sofort eine **gemeinsame Plattform** an.\n\n- Anliegen melden, auch ohne Konto\n- den Bearbeitungsstand verfolgen\n- Veranstaltungen der ganzen Region finden', municipalityAgs: null, author: 'Koordinierungsstelle Partheland', publishAt: new Date(now.getTime() - 2 * day) },
		{ title: 'Borsdorf: Sanierung der Parthebrücke beginnt', teaser: 'Ab Montag ist die Brücke für den Autoverkehr gesperrt; Fußgänger und Radfahrer kommen weiterhin hinüber.', body: 'Die Bauarbeiten dauern voraussichtlich bis zum Frühjahr. Eine Umleitung ist ausgeschildert.', municipalityAgs: '14729060', author: 'Redaktion Borsdorf', publishAt: new Date(now.getTime() - 5 * day) },
		{ title: 'Naunhof lädt zum Weihnachtsmarkt', teaser: 'Am zweiten Adventswochenende verwandelt sich der Markt wieder in einen Weihnachtsmarkt mit Bühnenprogramm.', body: 'Vereine, Schulen und Kitas gestalten das Programm. Der Eintritt ist frei.', municipalityAgs: '14729300', author: 'Redaktion Naunhof', publishAt: new Date(now.getTime() - 1 * day) }
	];
	const ids: number[] = [];
	for (const item of items) ids.push((await queries.insertNews(db, { ...item, status: 'published' })).id);
	await queries.markDemo(db, ids);
	await reindexSearch(db, [newsSearchSource]);
	return ids.length;
}

export async function removeDemoNews(db: Db) {
	const removed = await queries.deleteDemo(db);
	await reindexSearch(db, [newsSearchSource]);
	return removed;
}
