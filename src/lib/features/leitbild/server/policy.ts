import { holdsRegionRole, type Actor } from '#lib/server/actor.ts';

/** The Leitbild belongs to the whole cooperation: only coordinators (and platform admins) edit it. */
export const leitbildPolicy = {
	read: () => true,
	edit: (actor: Actor) => holdsRegionRole(actor, 'coordinator', 'platform_admin')
};
