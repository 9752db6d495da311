/** German names of the roles for the back office (which is in German; the catalogue has both languages for mails and account pages). */
export const roleLabels: Record<string, string> = {
	staff: 'Mitarbeiter/in',
	editor: 'Redakteur/in',
	municipality_admin: 'Administrator/in der Kommune',
	coordinator: 'Koordinator/in',
	platform_admin: 'Administrator/in der Plattform',
	organiser: 'Veranstalter/in',
	moderator: 'Moderation'
};
