import { db } from '#lib/server/runtime.ts';
import { getLeitbild } from '#lib/features/leitbild/server/service.ts';

export const load = async () => {
	const leitbild = await getLeitbild(db());
	return { leitbild: leitbild && { content: leitbild.content, stand: leitbild.stand.toISOString() } };
};
