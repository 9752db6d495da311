/** Liveness without touching the database (load balancers; the benchmark's baseline route). */
export const GET = () => new Response('ok', { headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' } });
