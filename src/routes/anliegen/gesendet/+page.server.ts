export const load = ({ url }) => ({ id: /^\d{1,10}$/.test(url.searchParams.get('nr') ?? '') ? url.searchParams.get('nr')! : '' });
